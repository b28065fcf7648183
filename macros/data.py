"""Load the YAML in data/, check it against the models in macros/schema.py, then check the links
between files (an id used in one file must exist in another)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from .repo_files import check_file
from .schema import DATA_FILES, PLACEHOLDER, DataError, Where, describe, placeholders, validate
from .situation_models import check_known, check_where
from .translation import translate_all

__all__ = ["PLACEHOLDER", "DataError", "Guide", "guide_from", "load_guide", "placeholders", "read_yaml", "shown_for"]


@dataclass(frozen=True)
class Guide:
    """Everything in data/, validated. Lists keep the order the files give."""

    steps: list[dict[str, Any]]
    deadlines: list[dict[str, Any]]
    routes: list[dict[str, Any]]
    scam_groups: list[dict[str, Any]]
    scams: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    # Reporting inside AliExpress, shown before every country.
    aliexpress: dict[str, Any]
    firm: dict[str, Any]
    credit: dict[str, Any]
    glossary: list[dict[str, Any]]
    strings: dict[str, str]
    letter_fields: list[dict[str, Any]]
    letters: list[dict[str, Any]]
    # Ways of paying, and groups of countries the rules name (data/methods.yml).
    methods: list[dict[str, Any]]
    areas: list[dict[str, Any]]
    # The language of the text ("en", or a translation in data/i18n/), the English letters (a
    # translated letter page offers them beside its own), and the translated records whose English
    # changed after they were translated.
    languages: tuple[dict[str, Any], ...] = ()
    language: str = "en"
    english_letters: tuple[dict[str, Any], ...] = ()
    english_date_locale: str = ""
    stale: tuple[Any, ...] = ()

    def step(self, step_id: str) -> dict[str, Any]:
        return _by_id(self.steps, step_id, "step")

    def scam(self, scam_id: str) -> dict[str, Any]:
        return _by_id(self.scams, scam_id, "scam type")

    def deadline(self, deadline_id: str) -> dict[str, Any]:
        return _by_id(self.deadlines, deadline_id, "deadline")

    def route(self, route_id: str) -> dict[str, Any]:
        return _by_id(self.routes, route_id, "route")

    def scam_deadlines(self, scam: dict[str, Any]) -> list[dict[str, Any]]:
        """The time limits of every route the type's remedies recommend, in data/deadlines.yml's order."""
        wanted = {
            deadline_id
            for remedy in scam["remedies"]
            for route_id in remedy["routes"]
            for deadline_id in self.route(route_id)["deadlines"]
        }
        return [deadline for deadline in self.deadlines if deadline["id"] in wanted]

    def letter(self, letter_id: str) -> dict[str, Any]:
        return _by_id(self.letters, letter_id, "letter")

    def letter_field(self, field_id: str) -> dict[str, Any]:
        return _by_id(self.letter_fields, field_id, "letter field")


def _by_id(entries: list[dict[str, Any]], wanted: str, kind: str) -> dict[str, Any]:
    for entry in entries:
        if entry["id"] == wanted:
            return entry
    known = ", ".join(entry["id"] for entry in entries)
    raise KeyError(f"unknown {kind} '{wanted}' (known: {known})")


# Data files are small, flat and written by hand: anything far outside that is a mistake or an attack.
MAX_FILE_BYTES = 1_000_000
MAX_DEPTH = 50


class Refused(yaml.MarkedYAMLError):
    """YAML that parses, but that data files do not allow."""


class PlainValues:
    """What data files may hold once parsed: no merge keys, no key twice, plain keys, and values
    Python can represent (shared by both loaders below)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        lines: dict[Any, int] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _refuse("uses a merge key (<<)", key_node.start_mark, "write the fields out")
            key = self.construct_object(key_node, deep=True)
            if not isinstance(key, str | int | float | bool | dt.date | None):
                raise _refuse(f"has a {type(key).__name__} as a key", key_node.start_mark, "keys are plain names")
            line = key_node.start_mark.line + 1
            if key in lines:
                raise Refused(problem=f"has the key {_shown(key)} twice, at lines {lines[key]} and {line}")
            lines[key] = line
        return super().construct_mapping(node, deep=deep)

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=deep)
        except ValueError:  # Python refused a value the YAML grammar accepted: 2026-02-30, a 5,000-digit number
            kind = "a real date" if node.tag == "tag:yaml.org,2002:timestamp" else "a number this guide can use"
            raise _refuse(f"{_shown(node.value)} is not {kind}", node.start_mark) from None


class GuideLoader(PlainValues, yaml.SafeLoader):
    """SafeLoader for data/: plain values only. No anchors or aliases (nobody needs them, and they
    allow "billion laughs" blow-ups), no tags (`!!binary`, `!!set`...), no merge keys, no key twice,
    no nesting deeper than MAX_DEPTH."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.nesting = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        plain = "anchors, aliases and tags are not allowed: write the value out"
        if isinstance(event, yaml.AliasEvent):
            raise _refuse(f"uses the alias *{event.anchor}", event.start_mark, plain)
        if event.anchor:
            raise _refuse(f"defines the anchor &{event.anchor}", event.start_mark, plain)
        if event.tag:
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            raise _refuse(f"uses the tag {_shown(tag)}", event.start_mark, plain)
        self.nesting += 1
        try:
            if self.nesting > MAX_DEPTH:
                raise _refuse(f"nests lists or mappings more than {MAX_DEPTH} levels deep", event.start_mark)
            return super().compose_node(parent, index)
        finally:
            self.nesting -= 1


# libyaml's parser, when PyYAML has it: the same rules, about five times faster on our data. It is
# used only for text that plainly_parsed() has already found free of everything GuideLoader refuses
# while composing; anything else goes through GuideLoader, so every refusal keeps its exact words.
FastGuideLoader = type("FastGuideLoader", (PlainValues, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else None
OPENS = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
CLOSES = (yaml.MappingEndEvent, yaml.SequenceEndEvent)


def plainly_parsed(text: str) -> bool:
    """True when libyaml parses text with no alias, anchor, tag or deep nesting, and the text has
    none of the characters the pure-Python reader refuses."""
    if FastGuideLoader is None or yaml.reader.Reader.NON_PRINTABLE.search(text):
        return False
    depth = 0
    try:
        for event in yaml.parse(text, Loader=yaml.CSafeLoader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) or getattr(event, "tag", None):
                return False
            depth += isinstance(event, OPENS) - isinstance(event, CLOSES)
            if depth >= MAX_DEPTH:  # GuideLoader counts the values inside as a level too
                return False
    except yaml.YAMLError:
        return False
    return True


def parse_yaml(text: str) -> Any:
    """The content of a data file's text, by GuideLoader's rules."""
    return yaml.load(text, Loader=FastGuideLoader if plainly_parsed(text) else GuideLoader)


def _refuse(problem: str, mark: yaml.Mark, advice: str = "") -> Refused:
    return Refused(problem=f"{problem} at line {mark.line + 1}" + (f": {advice}" if advice else ""))


def _shown(value: Any) -> str:
    return describe(value).split(" ", 1)[1]


def read_yaml(path: Path, label: str) -> Any:
    """A data file's content, or a DataError naming the file (and the line, where there is one)."""
    check_file(path, label)  # a regular file, reached through no symbolic link
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise DataError(Where(label), f"is too big: {size:,} bytes, at most {MAX_FILE_BYTES:,}")
    content = path.read_bytes()
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content.count(b"\n", 0, error.start) + 1
        raise DataError(Where(label), f"is not valid UTF-8 text at byte {error.start} (line {line})") from None
    try:
        return parse_yaml(text)
    except Refused as error:
        raise DataError(Where(label), str(error.problem)) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        problem = (
            f"contains the character U+{error.character:04X} at line {line}; only tabs and line breaks are allowed"
        )
        raise DataError(Where(label), problem) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        # The parser's own words, never its excerpt of the file (str(error) quotes the lines).
        problem = getattr(error, "problem", None) or type(error).__name__
        raise DataError(Where(label), f"is not valid YAML{line}: {problem}") from None


def load_guide(data_dir: Path, overrides: Mapping[str, Path] | None = None, language: str = "en") -> Guide:
    """Read and validate every data file; raise DataError naming file, entry and field.

    `overrides` reads some files from elsewhere, by name (the tests brand a build with another
    firm.yml); a message then names the file that was read. Another `language` than "en" applies
    the translations in data/i18n/<language>/ (macros/i18n.py)."""
    overrides = overrides or {}

    def read(name: str) -> Any:
        if name in overrides:
            return read_yaml(overrides[name], str(overrides[name]))
        return read_yaml(data_dir / name, f"data/{name}")

    raw = {name: read(name) for name in DATA_FILES}
    if language == "en":
        guide = guide_from(raw)
        return replace(guide, english_date_locale=guide.strings["js.date_locale"])
    english = {name: validate(name, raw[name]) for name in DATA_FILES}
    guide_from(raw)  # the English must hold together on its own
    translated, stale = translate_all(language, data_dir, english, read_yaml)
    known = [entry["code"] for entry in english["languages.yml"]["languages"]]
    if language not in known:
        raise DataError(Where("data/languages.yml"), f"'{language}' is not listed (known: {', '.join(known)})")
    translated["agencies.yml"] = regions_first(translated["agencies.yml"], language, english["languages.yml"])
    translated["deadlines.yml"] = local_limits_first(translated, language, english["languages.yml"])
    return guide_from(
        translated,
        language=language,
        english_letters=tuple(english["letters.yml"]["letters"]),
        english_date_locale=english["strings.yml"]["js.date_locale"],
        stale=tuple(stale),
    )


def regions_first(agencies: dict[str, Any], language: str, languages: Mapping[str, Any]) -> dict[str, Any]:
    """Where to report in a language lists its own countries first (data/languages.yml regions_first)."""
    entry = next(item for item in languages["languages"] if item["code"] == language)
    order = {region_id: position for position, region_id in enumerate(entry["regions_first"])}
    known = [region["id"] for region in agencies["regions"]]
    for position, region_id in enumerate(entry["regions_first"]):
        if region_id not in known:
            raise DataError(
                Where("data/languages.yml", language, f"regions_first[{position}]"), f"unknown region '{region_id}'"
            )
    regions = sorted(agencies["regions"], key=lambda region: order.get(region["id"], len(order)))
    return {**agencies, "regions": regions}


def language_places(guide: Guide) -> frozenset[str] | None:
    """The countries a translation serves first (data/languages.yml regions_first) and the areas
    they belong to; None for a language that names none (English serves every country)."""
    entry = next((item for item in guide.languages if item["code"] == guide.language), None)
    if not entry or not entry.get("regions_first"):
        return None
    first = set(entry["regions_first"])
    return frozenset(first | {area["id"] for area in guide.areas if first & set(area["regions"])})


def local_limits_first(data: Mapping[str, Any], language: str, languages: Mapping[str, Any]) -> dict[str, Any]:
    """Among the time limits that hold only in some countries, a language's own countries' come
    first (Pix's MED before SEPA's recall in Brazilian Portuguese); limits that hold everywhere keep
    their places, so the AliExpress dispute still leads."""
    entry = next(item for item in languages["languages"] if item["code"] == language)
    areas = {area["id"]: area["regions"] for area in data["methods.yml"].get("areas", [])}

    def rank(deadline: Mapping[str, Any]) -> int:
        places = [
            position
            for position, region_id in enumerate(entry["regions_first"])
            for where in deadline.get("where", [])
            if where == region_id or region_id in areas.get(where, [])
        ]
        return min(places, default=len(entry["regions_first"]))

    deadlines = list(data["deadlines.yml"]["deadlines"])
    slots = [position for position, deadline in enumerate(deadlines) if deadline.get("where")]
    for slot, deadline in zip(slots, sorted((deadlines[slot] for slot in slots), key=rank), strict=True):
        deadlines[slot] = deadline
    return {**data["deadlines.yml"], "deadlines": deadlines}


def guide_from(raw: Mapping[str, Any], **translation: Any) -> Guide:
    """Validate each data file's content (as YAML gave it, by file name), then the links between them."""
    loaded = {name: validate(name, raw[name]) for name in DATA_FILES}
    guide = Guide(
        **translation,
        steps=loaded["steps.yml"]["steps"],
        deadlines=loaded["deadlines.yml"]["deadlines"],
        routes=loaded["routes.yml"]["routes"],
        scam_groups=loaded["scams.yml"]["groups"],
        scams=loaded["scams.yml"]["scams"],
        regions=loaded["agencies.yml"]["regions"],
        aliexpress=loaded["agencies.yml"]["aliexpress"],
        firm=loaded["firm.yml"],
        credit=loaded["credit.yml"]["source_article"],
        glossary=loaded["glossary.yml"]["terms"],
        strings=loaded["strings.yml"],
        letter_fields=loaded["letters.yml"]["fields"],
        letters=loaded["letters.yml"]["letters"],
        methods=loaded["methods.yml"]["methods"],
        areas=loaded["methods.yml"]["areas"],
        languages=tuple(loaded["languages.yml"]["languages"]),
    )
    check_references(guide)
    return guide


def check_references(guide: Guide) -> None:
    """The links between records, in and across files; the models have checked each record alone."""
    step_ids = [step["id"] for step in guide.steps]
    for deadline in guide.deadlines:
        check_known(deadline["steps"], step_ids, Where("data/deadlines.yml", deadline["id"], "steps"), "step")
    group_ids = [group["id"] for group in guide.scam_groups]
    deadline_ids = [deadline["id"] for deadline in guide.deadlines]
    rule_ids = [rule["id"] for route in guide.routes for rule in route["rules"]]
    for route in guide.routes:
        check_known(route["deadlines"], deadline_ids, Where("data/routes.yml", route["id"], "deadlines"), "deadline")
        for position, rule in enumerate(route["rules"]):
            others = [known for known in rule_ids if known != rule["id"]]
            if rule["same_as"] and rule["same_as"] not in others:
                where = Where("data/routes.yml", route["id"], f"rules[{position}].same_as")
                known = ", ".join(others)
                raise DataError(where, f"unknown rule of another route '{rule['same_as']}' (known: {known})")
    route_ids = [route["id"] for route in guide.routes]
    for scam in guide.scams:
        where = Where("data/scams.yml", scam["id"])
        if scam["group"] not in group_ids:
            raise DataError(where.at("group"), f"unknown group '{scam['group']}' (known: {', '.join(group_ids)})")
        check_known(scam["steps"], step_ids, where.at("steps"), "step")
        for position, remedy in enumerate(scam["remedies"]):
            check_known(remedy["routes"], route_ids, where.at(f"remedies[{position}].routes"), "route")
    _check_tailoring(guide)
    _check_agencies(guide.regions, [scam["id"] for scam in guide.scams])
    _check_letters(guide, step_ids, deadline_ids)
    check_where(guide)


def _check_tailoring(guide: Guide) -> None:
    """Checklist items name real scam types; a scam type moves up only items it actually shows."""
    scam_ids = [scam["id"] for scam in guide.scams]
    items = {item["id"]: (step["id"], item) for step in guide.steps for item in step["checklist"]}
    for step in guide.steps:
        for position, item in enumerate(step["checklist"]):
            for field in ("only_for", "skip_for"):
                where = Where("data/steps.yml", step["id"], f"checklist[{position}].{field}")
                check_known(item[field], scam_ids, where, "scam type")
            where = Where("data/steps.yml", step["id"], f"checklist[{position}].letters")
            check_known(item["letters"], [letter["id"] for letter in guide.letters], where, "letter")
            for index, scam_id in enumerate(item["only_for"]):
                if step["id"] not in guide.scam(scam_id)["steps"]:
                    where = Where("data/steps.yml", step["id"], f"checklist[{position}].only_for[{index}]")
                    raise DataError(where, f"'{scam_id}' does not use the step '{step['id']}', so it never shows this")
    for scam in guide.scams:
        where = Where("data/scams.yml", scam["id"], "checklist_first")
        for position, item_id in enumerate(scam["checklist_first"]):
            if item_id not in items:
                raise DataError(where.index(position), f"unknown checklist item '{item_id}'")
            step_id, item = items[item_id]
            if not shown_for(item, step_id, scam):
                raise DataError(where.index(position), f"'{item_id}' is not on this type's checklist")


def shown_for(item: dict[str, Any], step_id: str, scam: dict[str, Any] | None) -> bool:
    """Whether a checklist item appears for a scam type (None: the default list, no type chosen)."""
    if scam is None:
        return not item["only_for"]
    if step_id not in scam["steps"] or scam["id"] in item["skip_for"]:
        return False
    return not item["only_for"] or scam["id"] in item["only_for"]


def _check_agencies(regions: list[dict[str, Any]], scam_ids: list[str]) -> None:
    for region in regions:
        for position, agency in enumerate(region["agencies"]):
            where = Where("data/agencies.yml", region["id"], f"agencies[{position}].scams")
            check_known(agency["scams"], scam_ids, where, "scam type")


def _check_letters(guide: Guide, step_ids: list[str], deadline_ids: list[str]) -> None:
    """Letters name real steps, types, limits and fields; a choice field (from the catalogue) comes with reasons."""
    field_ids = [field["id"] for field in guide.letter_fields]
    scam_ids = [scam["id"] for scam in guide.scams]
    for letter in guide.letters:
        where = Where("data/letters.yml", letter["id"])
        check_known(letter["steps"], step_ids, where.at("steps"), "step")
        check_known(letter["scams"], scam_ids, where.at("scams"), "scam type")
        check_known(letter["deadlines"], deadline_ids, where.at("deadlines"), "deadline")
        check_known(letter["fields"], field_ids, where.at("fields"), "letter field")
        check_known(letter["routes"], [route["id"] for route in guide.routes], where.at("routes"), "route")
        places = [region["id"] for region in guide.regions] + [area["id"] for area in guide.areas]
        for position, entry in enumerate(letter["by_country"]):
            check_known(entry["where"], places, where.at(f"by_country[{position}].where"), "country or area")
        choices = [field_id for field_id in letter["fields"] if guide.letter_field(field_id)["kind"] == "choice"]
        if len(choices) > 1:
            raise DataError(where.at("fields"), f"has {len(choices)} choice fields; a letter may have one")
        if bool(choices) != bool(letter["reasons"]):
            problem = (
                "lists reasons but no choice field" if letter["reasons"] else f"uses '{choices[0]}': list its reasons"
            )
            raise DataError(where.at("reasons"), problem)
        for position, reason in enumerate(letter["reasons"]):
            check_known(
                reason["scams"], letter["scams"], where.at(f"reasons[{position}].scams"), "scam type of this letter"
            )
