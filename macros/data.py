"""Load the YAML in data/, check it against the schema, and check the links between files."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .schema import DATA_FILES, DataError, Where


@dataclass(frozen=True)
class Guide:
    """Everything in data/, validated. Lists keep the order the files give."""

    steps: list[dict[str, Any]]
    deadlines: list[dict[str, Any]]
    routes: list[dict[str, Any]]
    scam_groups: list[dict[str, Any]]
    scams: list[dict[str, Any]]
    regions: list[dict[str, Any]]
    firm: dict[str, Any]
    credit: dict[str, Any]
    strings: dict[str, str]
    letter_fields: list[dict[str, Any]]
    letters: list[dict[str, Any]]

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


def read_yaml(path: Path, label: str) -> Any:
    if not path.is_file():
        raise DataError(Where(label), "the file is missing")
    try:
        return yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(error, "problem", None) or str(error)
        raise DataError(Where(label), f"is not valid YAML{line}: {problem}") from None


def load_file(data_dir: Path, name: str) -> Any:
    label = f"data/{name}"
    return DATA_FILES[name](read_yaml(data_dir / name, label), Where(label))


def load_guide(data_dir: Path) -> Guide:
    """Read and validate every data file; raise DataError naming file, entry and field."""
    loaded = {name: load_file(data_dir, name) for name in DATA_FILES}
    guide = Guide(
        steps=loaded["steps.yml"]["steps"],
        deadlines=loaded["deadlines.yml"]["deadlines"],
        routes=loaded["routes.yml"]["routes"],
        scam_groups=loaded["scams.yml"]["groups"],
        scams=loaded["scams.yml"]["scams"],
        regions=loaded["agencies.yml"]["regions"],
        firm=loaded["firm.yml"],
        credit=loaded["credit.yml"]["source_article"],
        strings=loaded["strings.yml"],
        letter_fields=loaded["letters.yml"]["fields"],
        letters=loaded["letters.yml"]["letters"],
    )
    check_references(guide)
    return guide


def check_references(guide: Guide) -> None:
    step_ids = [step["id"] for step in guide.steps]
    _check_checklist_items(guide.steps)
    for deadline in guide.deadlines:
        _check_deadline(deadline, step_ids)
    group_ids = [group["id"] for group in guide.scam_groups]
    deadline_ids = [deadline["id"] for deadline in guide.deadlines]
    for route in guide.routes:
        _check_known(route["deadlines"], deadline_ids, Where("data/routes.yml", route["id"], "deadlines"), "deadline")
    route_ids = [route["id"] for route in guide.routes]
    for scam in guide.scams:
        where = Where("data/scams.yml", scam["id"])
        if scam["group"] not in group_ids:
            raise DataError(where.at("group"), f"unknown group '{scam['group']}' (known: {', '.join(group_ids)})")
        _check_known(scam["steps"], step_ids, where.at("steps"), "step")
        for position, remedy in enumerate(scam["remedies"]):
            _check_known(remedy["routes"], route_ids, where.at(f"remedies[{position}].routes"), "route")
    _check_tailoring(guide)
    _check_agencies(guide.regions, [scam["id"] for scam in guide.scams])
    _check_letters(guide, step_ids, deadline_ids)


# Say so when a fact rests on a copy or on someone else's summary, and trust it less.
CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
HIGHEST_CONFIDENCE = {"official": "high", "copy": "medium", "secondary": "low"}


def _check_deadline(deadline: dict[str, Any], step_ids: list[str]) -> None:
    where = Where("data/deadlines.yml", deadline["id"])
    _check_known(deadline["steps"], step_ids, where.at("steps"), "step")
    if (deadline["days"] is None) == (deadline["months"] is None):
        raise DataError(where.at("days"), "give the limit as days or as months, not both and not neither")
    if deadline["months"] is not None and deadline["day_kind"] != "calendar":
        raise DataError(where.at("day_kind"), "business days apply only to a limit given in days")
    kind = deadline["source"]["kind"]
    if CONFIDENCE_RANK[deadline["confidence"]] > CONFIDENCE_RANK[HIGHEST_CONFIDENCE[kind]]:
        raise DataError(
            where.at("confidence"), f"a source of kind '{kind}' supports '{HIGHEST_CONFIDENCE[kind]}' at most"
        )


def _check_known(used: list[str], known: list[str], where: Where, kind: str) -> None:
    for position, value in enumerate(used):
        if value not in known:
            raise DataError(where.index(position), f"unknown {kind} '{value}' (known: {', '.join(known)})")


def _check_checklist_items(steps: list[dict[str, Any]]) -> None:
    seen: dict[str, str] = {}
    for step in steps:
        for position, item in enumerate(step["checklist"]):
            where = Where("data/steps.yml", step["id"], f"checklist[{position}].id")
            prefix = item["id"].split(".", 1)[0]
            if prefix != step["id"]:
                raise DataError(where, f"'{item['id']}' must start with '{step['id']}.' (the step it belongs to)")
            if item["id"] in seen:
                raise DataError(where, f"'{item['id']}' is used twice")
            seen[item["id"]] = step["id"]


def _check_tailoring(guide: Guide) -> None:
    """Checklist items name real scam types; a scam type moves up only items it actually shows."""
    scam_ids = [scam["id"] for scam in guide.scams]
    items = {item["id"]: (step["id"], item) for step in guide.steps for item in step["checklist"]}
    for step in guide.steps:
        for position, item in enumerate(step["checklist"]):
            for field in ("only_for", "skip_for"):
                where = Where("data/steps.yml", step["id"], f"checklist[{position}].{field}")
                _check_known(item[field], scam_ids, where, "scam type")
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
    seen: set[str] = set()
    for region in regions:
        for position, agency in enumerate(region["agencies"]):
            where = Where("data/agencies.yml", region["id"], f"agencies[{position}]")
            if agency["id"] in seen:
                raise DataError(where.at("id"), f"'{agency['id']}' is used twice")
            seen.add(agency["id"])
            _check_known(agency["scams"], scam_ids, where.at("scams"), "scam type")


PLACEHOLDER = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
# A letter may ask for the last four digits of a card, never for anything that lets someone pay.
SECRET = re.compile(r"\b(cvv2?|cvc2?|csc|security[ -]?code|pin|pins|password|passcode|passwd)\b", re.IGNORECASE)
FULL_CARD = re.compile(r"\bcard[ -]?(number|no)\b|\bpan\b", re.IGNORECASE)


def placeholders(body: str) -> list[str]:
    return PLACEHOLDER.findall(body)


def _check_letters(guide: Guide, step_ids: list[str], deadline_ids: list[str]) -> None:
    for field in guide.letter_fields:
        for name in ("id", "label"):
            if SECRET.search(field[name]) or FULL_CARD.search(field[name]):
                where = Where("data/letters.yml", field["id"], name)
                raise DataError(where, "looks like a full card number or a secret; ask for the last four digits only")
    field_ids = [field["id"] for field in guide.letter_fields]
    scam_ids = [scam["id"] for scam in guide.scams]
    for letter in guide.letters:
        where = Where("data/letters.yml", letter["id"])
        _check_known(letter["steps"], step_ids, where.at("steps"), "step")
        _check_known(letter["scams"], scam_ids, where.at("scams"), "scam type")
        _check_known(letter["deadlines"], deadline_ids, where.at("deadlines"), "deadline")
        _check_known(letter["fields"], field_ids, where.at("fields"), "letter field")
        choices = [field_id for field_id in letter["fields"] if guide.letter_field(field_id)["kind"] == "choice"]
        if len(choices) > 1:
            raise DataError(where.at("fields"), f"has {len(choices)} choice fields; a letter may have one")
        if bool(choices) != bool(letter["reasons"]):
            problem = (
                "lists reasons but no choice field" if letter["reasons"] else f"uses '{choices[0]}': list its reasons"
            )
            raise DataError(where.at("reasons"), problem)
        used = placeholders(letter["body"])
        for position, field_id in enumerate(letter["fields"]):
            if field_id not in used:
                raise DataError(
                    where.at("fields").index(position), f"'{field_id}' is declared but the body never uses it"
                )
        bodies = [("body", letter["body"])]
        if letter["translation"]:
            bodies.append(("translation.body", letter["translation"]["body"]))
        for name, body in bodies:
            for field_id in placeholders(body):
                if field_id not in letter["fields"]:
                    raise DataError(where.at(name), f"uses the placeholder [{field_id}], which is not in its fields")
