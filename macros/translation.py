"""Translations of data/: the same ids, only the words.

A translation lives beside the data, in data/i18n/<language>/<file>.yml, and holds only the text
fields of data/<file>.yml. Numbers, dates, URLs, sources and ids are never in it: they come from
the English file, so a fact changes in one place. Lists of records are mappings keyed by the
records' ids; lists of plain texts (a problem type's signs) keep the English order and length.

Each translated record carries `source_hash`: a short hash of the English text it was translated
from. When the English changes, the hash no longer matches and the build warns (`make facts` lists
them) without failing: the old translation is still better than none.

The build fails on a translation for an unknown id, a missing translation, a letter whose blanks
differ from the English one, a text whose Markdown (links, bold, code) differs from the English, and
on anything the data models refuse. The pages (i18n/<language>/) and the translators' command line
are in macros/i18n.py, which uses this module and macros/data.py; this module uses neither.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any

import yaml
from pydantic import Field, StringConstraints, ValidationError, create_model

from .schema import (
    PLACEHOLDER,
    STRING_PLACEHOLDERS,
    Body,
    DataError,
    Record,
    Where,
    Word,
    _expect,
    _plain_words,
    _string_type,
    validate,
)

# Top-level keys whose records a translation keys by id.
_ID_KEYED = {"steps", "deadlines", "routes", "groups", "scams", "regions", "fields", "letters", "terms", "methods"}

# ---------------------------------------------------------------------------
# What is translated, per data file. TEXT: one text. ById: a list of records, written as a mapping
# from each record's id. Each: a list whose items are translated in order. FORMS: a list of words
# of any length (a glossary term's forms in the new language).
# ---------------------------------------------------------------------------

TEXT = "text"
FORMS = "forms"


@dataclass(frozen=True)
class ById:
    fields: Mapping[str, Any]
    # The fields of a record that always goes out in English (a letter with `language: english`).
    english_only: Mapping[str, Any] | None = None

    def fields_of(self, record: Mapping[str, Any]) -> Mapping[str, Any]:
        if self.english_only is not None and record.get("language") == "english":
            return self.english_only
        return self.fields


@dataclass(frozen=True)
class Each:
    item: Any


@dataclass(frozen=True)
class Section:
    """A mapping that is not in a list (AliExpress's own reporting, the firm): it carries its own hash."""

    fields: Mapping[str, Any]


SPEC: dict[str, Mapping[str, Any]] = {
    "strings.yml": {},  # every key: see STRING_PLACEHOLDERS
    "steps.yml": {
        "steps": ById(
            {
                "title": TEXT,
                "short_title": TEXT,
                "summary": TEXT,
                "checklist": ById({"text": TEXT, "hint": TEXT}),
            }
        )
    },
    "deadlines.yml": {
        "deadlines": ById(
            {
                "title": TEXT,
                "action": TEXT,
                "headline": TEXT,
                "counts_from": TEXT,
                "cap": {"counts_from": TEXT},
                "safe_advice": TEXT,
            }
        )
    },
    "routes.yml": {"routes": ById({"title": TEXT, "rules": ById({"text": TEXT})})},
    "scams.yml": {
        "groups": ById({"title": TEXT}),
        "scams": ById(
            {
                "title": TEXT,
                "way_in": TEXT,
                "summary": TEXT,
                "signs": Each(TEXT),
                "evidence": Each(TEXT),
                "remedies": Each({"text": TEXT}),
                "warning": TEXT,
                "urgent": TEXT,
            }
        ),
    },
    "agencies.yml": {
        "aliexpress": Section({"name": TEXT, "use_for": TEXT, "steps": Each(TEXT), "limits": TEXT}),
        "regions": ById({"name": TEXT, "agencies": ById({"name": TEXT, "use_for": TEXT, "limits": TEXT})}),
    },
    "letters.yml": {
        "fields": ById({"label": TEXT, "example": TEXT, "help": TEXT}),
        # A letter that always goes out in English (`language: english`) keeps its body and the
        # reasons' letter text; the rest (its page and form) is translated.
        "letters": ById(
            {
                "title": TEXT,
                "summary": TEXT,
                "when": TEXT,
                "recipient": TEXT,
                "reasons": ById({"label": TEXT, "text": TEXT}),
                "subject": TEXT,
                "by_country": ById({"subject": TEXT, "paragraph": TEXT}),
                "body": TEXT,
                # The seller's Chinese version stays as it is; only its heading is translated.
                "translation": {"label": TEXT},
            },
            english_only={
                "title": TEXT,
                "summary": TEXT,
                "when": TEXT,
                "recipient": TEXT,
                "reasons": ById({"label": TEXT}),
                "translation": {"label": TEXT},
            },
        ),
    },
    "firm.yml": Section({"description": TEXT, "consultation": TEXT, "intro": TEXT}),
    "credit.yml": {"source_article": Section({"topic": TEXT})},
    "glossary.yml": {"terms": ById({"term": TEXT, "forms": FORMS, "meaning": TEXT})},
    "methods.yml": {"methods": ById({"label": TEXT, "examples": TEXT, "note": TEXT})},
}

HASH_KEY = "source_hash"
I18N_DIR = "i18n"  # under data/
LANGUAGE_PATTERN = re.compile(r"^[a-z]{2}(?:-[A-Z]{2})?$")


def source_hash(value: Any) -> str:
    """A short, stable hash of English text (a record's translated fields, or a whole page)."""
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _own_text(spec: Mapping[str, Any], english: Mapping[str, Any]) -> dict[str, Any]:
    """The English text of one record, without its nested records (they have their own hash)."""
    own: dict[str, Any] = {}
    for key, kind in spec.items():
        value = english.get(key)
        if isinstance(kind, ById) or value in (None, "", []):
            continue
        own[key] = _plain(kind, value)
    return own


def _plain(kind: Any, value: Any) -> Any:
    if kind in (TEXT, FORMS):
        return value
    if isinstance(kind, Each):
        return [_plain(kind.item, item) for item in value]
    if isinstance(kind, dict):
        return {key: _plain(sub, value[key]) for key, sub in kind.items() if value.get(key) not in (None, "", [])}
    raise TypeError(kind)


# ---------------------------------------------------------------------------
# Skeleton: the English text, shaped as a translation, for a translator to start from
# ---------------------------------------------------------------------------


def skeleton(name: str, english: Mapping[str, Any]) -> dict[str, Any]:
    """A translation file for `name` holding the English text and its hashes."""
    if name == "strings.yml":
        return {key: {"text": text, HASH_KEY: source_hash(text)} for key, text in english.items()}
    spec = SPEC[name]
    if isinstance(spec, Section):
        return _record_skeleton(spec.fields, english)
    return {key: _node_skeleton(kind, english[key]) for key, kind in spec.items()}


def _node_skeleton(kind: Any, value: Any) -> Any:
    if isinstance(kind, ById):
        return {entry["id"]: _record_skeleton(kind.fields_of(entry), entry) for entry in value}
    if isinstance(kind, Section):
        return _record_skeleton(kind.fields, value)
    return _plain(kind, value)


def _record_skeleton(spec: Mapping[str, Any], english: Mapping[str, Any]) -> dict[str, Any]:
    record: dict[str, Any] = {HASH_KEY: source_hash(_own_text(spec, english))}
    for key, kind in spec.items():
        value = english.get(key)
        if value in (None, "", []):
            continue
        record[key] = _node_skeleton(kind, value)
    return record


# ---------------------------------------------------------------------------
# Typed models of the translation files (for the checks and the editors' JSON Schemas)
# ---------------------------------------------------------------------------

Hash = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{8}$"), _expect("an 8-character hash like '1a2b3c4d'")]


def _model_name(path: str) -> str:
    return "".join(part.title() for part in re.split(r"[^a-zA-Z]+", path) if part)


def _field_type(kind: Any, path: str) -> Any:
    if kind == TEXT:
        return Body
    if kind == FORMS:
        return Annotated[list[Word], Field(min_length=1)]  # the glossary's own type: accents allowed
    if isinstance(kind, Each):
        return list[_field_type(kind.item, path)]
    if isinstance(kind, ById):
        return dict[str, _record_model(kind.fields, path, hashed=True)]
    if isinstance(kind, Section):
        return _record_model(kind.fields, path, hashed=True)
    return _record_model(kind, path, hashed=False)


def _record_model(spec: Mapping[str, Any], path: str, *, hashed: bool) -> type[Record]:
    fields: dict[str, Any] = {key: (_field_type(kind, f"{path} {key}") | None, None) for key, kind in spec.items()}
    if hashed:
        fields[HASH_KEY] = (Hash, ...)
    return create_model(_model_name(path), __base__=Record, **fields)


def _strings_model() -> type[Record]:
    def entry(key: str, names: frozenset[str]) -> type[Record]:
        return create_model(
            f"String{_model_name(key)}", __base__=Record, text=(_string_type(key, names), ...), source_hash=(Hash, ...)
        )

    fields = {
        key.replace(".", "__"): (entry(key, names) | None, Field(None, alias=key))
        for key, names in STRING_PLACEHOLDERS.items()
    }
    return create_model("StringsTranslation", __base__=Record, **fields)


def translation_model(name: str) -> type[Record]:
    if name == "strings.yml":
        return _strings_model()
    spec = SPEC[name]
    if isinstance(spec, Section):
        return _record_model(spec.fields, f"{name} translation", hashed=True)
    fields = {key: (_field_type(kind, f"{name} {key}") | None, None) for key, kind in spec.items()}
    return create_model(_model_name(f"{name} translation"), __base__=Record, **fields)


TRANSLATION_MODELS: dict[str, type[Record]] = {name: translation_model(name) for name in SPEC}


# ---------------------------------------------------------------------------
# Applying a translation: English data in, the same data with translated text out
# ---------------------------------------------------------------------------


@dataclass
class Stale:
    """A translated record whose English changed after it was translated."""

    file: str
    entry: str
    field: str

    def __str__(self) -> str:
        return f"{self.file}: entry '{self.entry}'" + (f": field '{self.field}'" if self.field else "")


MARKDOWN_LINK = re.compile(r"\]\(([^)\s]+)\)")


def markdown_problem(english: str, translated: str) -> str | None:
    """Why a translated text's Markdown does not match the English (links, bold, code), or None."""
    if sorted(MARKDOWN_LINK.findall(english)) != sorted(MARKDOWN_LINK.findall(translated)):
        wanted = ", ".join(sorted(MARKDOWN_LINK.findall(english))) or "none"
        return f"must link to the same places as the English (links: {wanted})"
    for mark, name in (("**", "bold (**)"), ("`", "code (`)")):
        if translated.count(mark) % 2:
            return f"opens {name} without closing it"
    if translated.count("[") != translated.count("]") or translated.count("(") < translated.count("]("):
        return "has a bracket without its pair"
    return None


class Translator:
    """Applies one language's translation files to the English data, checking as it goes."""

    def __init__(self, language: str, label: str) -> None:
        self.language = language
        self.label = label  # data/i18n/<language>
        self.stale: list[Stale] = []
        self._english_only = False  # inside a letter that always goes out in English

    def apply(self, name: str, english: dict[str, Any], raw: Any) -> dict[str, Any]:
        file = f"{self.label}/{name}"
        try:
            TRANSLATION_MODELS[name].model_validate(raw)
        except ValidationError as error:
            raise translation_error(error, file) from None
        result = copy.deepcopy(english)
        if name == "strings.yml":
            self._strings(file, result, raw)
            return result
        spec = SPEC[name]
        if isinstance(spec, Section):
            self._record(spec.fields, result, raw, Where(file), hashed=True)
            return result
        self._mapping(spec, result, raw, Where(file))
        return result

    def _strings(self, file: str, result: dict[str, Any], raw: Mapping[str, Any]) -> None:
        for key, english in result.items():
            where = Where(file, key)
            entry = raw.get(key)
            if entry is None:
                raise DataError(where, "is missing a translation")
            self._check_hash(where, entry, english)
            problem = markdown_problem(english, entry["text"])
            if problem:
                raise DataError(where.at("text"), problem)
            result[key] = entry["text"]

    def _mapping(self, spec: Mapping[str, Any], result: dict[str, Any], raw: Mapping[str, Any], where: Where) -> None:
        for key in raw:
            if key not in spec:
                raise DataError(where.at(key), _not_translated(key, where))
        for key, kind in spec.items():
            self._node(kind, result, key, raw.get(key), where.at(key))

    def _node(self, kind: Any, parent: Any, key: Any, raw: Any, where: Where) -> None:
        """Translate parent[key] (parent: a record, or a list with key its position) from `raw`."""
        english = parent[key] if isinstance(parent, list) else parent.get(key)
        if english in (None, "", []):
            if raw not in (None, "", [], {}):
                raise DataError(where, "must not be translated: the English has none")
            return
        if raw in (None, "", [], {}):
            raise DataError(where, "is missing a translation")
        if kind == TEXT:
            problem = markdown_problem(english, raw)
            if problem:
                raise DataError(where, problem)
            if key in ("body", "subject", "paragraph"):  # a letter's text: the same blanks
                self._same_blanks(english, raw, where)
            parent[key] = raw
        elif kind == FORMS:
            parent[key] = list(raw)
        elif isinstance(kind, Each):
            if len(raw) != len(english):
                raise DataError(where, f"must have {len(english)} items, like the English, got {len(raw)}")
            for position, item in enumerate(raw):
                self._node(kind.item, english, position, item, where.index(position))
        elif isinstance(kind, ById):
            known = [entry["id"] for entry in english]
            nested = where.entry != "(top level)"
            for entry_id in raw:
                if entry_id not in known:
                    shown = Where(where.file, str(entry_id)) if not nested else _under(where, entry_id)
                    raise DataError(shown, f"is an unknown id in '{key}' (known: {', '.join(known)})")
            for entry in english:
                entry_where = _under(where, entry["id"]) if nested else Where(where.file, entry["id"])
                if entry["id"] not in raw:
                    raise DataError(entry_where, f"is missing a translation (in '{key}')")
                english_only = kind.english_only is not None and entry.get("language") == "english"
                previous, self._english_only = self._english_only, self._english_only or english_only
                try:
                    self._record(kind.fields_of(entry), entry, raw[entry["id"]], entry_where, hashed=True)
                finally:
                    self._english_only = previous
        elif isinstance(kind, Section):
            self._record(kind.fields, english, raw, where, hashed=True)
        else:
            self._record(kind, english, raw, where, hashed=False)

    def _record(
        self, spec: Mapping[str, Any], english: dict[str, Any], raw: Mapping[str, Any], where: Where, *, hashed: bool
    ) -> None:
        for key in raw:
            if key not in spec and key != HASH_KEY:
                if self._english_only and key in ("body", "text"):
                    raise DataError(where.at(key), "must not be translated: this letter always goes out in English")
                raise DataError(where.at(key), _not_translated(key, where))
        if hashed:
            self._check_hash(where, raw, _own_text(spec, english))
        for key, kind in spec.items():
            self._node(kind, english, key, raw.get(key), where.at(key))

    def _check_hash(self, where: Where, raw: Mapping[str, Any], english: Any) -> None:
        if raw.get(HASH_KEY) != source_hash(english):
            self.stale.append(Stale(where.file, where.entry, where.field))

    @staticmethod
    def _same_blanks(english: str, translated: str, where: Where) -> None:
        wanted, got = sorted(set(PLACEHOLDER.findall(english))), sorted(set(PLACEHOLDER.findall(translated)))
        if wanted != got:
            missing = [name for name in wanted if name not in got]
            extra = [name for name in got if name not in wanted]
            detail = "; ".join(
                part
                for part in (
                    f"missing {', '.join(f'[{name}]' for name in missing)}" if missing else "",
                    f"not in the English {', '.join(f'[{name}]' for name in extra)}" if extra else "",
                )
                if part
            )
            raise DataError(where, f"must use the same blanks as the English letter ({detail})")


def _under(where: Where, entry_id: str) -> Where:
    """A record in a nested list, named by its id: reasons[not-received]."""
    return replace(where, field=f"{where.field}[{entry_id}]")


def _not_translated(key: Any, where: Where) -> str:
    return (
        f"is not translated: '{key}' is not a text field here (numbers, dates, URLs and sources come from the English)"
    )


def translation_error(error: ValidationError, file: str) -> DataError:
    """pydantic's first error in a translation file, located by entry (a record's id) and field."""
    details = error.errors(include_url=False)[0]
    ctx = details.get("ctx") or {}
    loc = [str(part) if not isinstance(part, int) else part for part in (*details["loc"], *ctx.get("field", ()))]
    entry = "(top level)"
    if len(loc) >= 2 and isinstance(loc[1], str) and loc[0] in _ID_KEYED:
        entry, loc = loc[1], loc[2:]
    elif loc and isinstance(loc[0], str) and "." in loc[0]:  # strings.yml: the key is the entry
        entry, loc = loc[0], loc[1:]
    field = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in loc).removeprefix(".")
    return DataError(Where(file, entry, field), _plain_words(details))


# ---------------------------------------------------------------------------
# Loading one language, and starting a new one
# ---------------------------------------------------------------------------


def translate_all(
    language: str, data_dir: Path, english: Mapping[str, dict[str, Any]], read: Any
) -> tuple[dict[str, dict[str, Any]], list[Stale]]:
    """Every data file in `language`: the English (validated) with each translation applied, then
    validated again by the data models. `read(path, label)` reads a YAML file (macros.data.read_yaml)."""
    if not LANGUAGE_PATTERN.match(language):
        raise DataError(Where(f"data/{I18N_DIR}"), f"'{language}' is not a language code like 'es' or 'pt-BR'")
    translator = Translator(language, f"data/{I18N_DIR}/{language}")
    translated = dict(english)  # files without text to translate (languages.yml) stay as they are
    for name in SPEC:
        label = f"{translator.label}/{name}"
        raw = read(data_dir / I18N_DIR / language / name, label)
        merged = translator.apply(name, english[name], raw if raw is not None else {})
        try:
            translated[name] = validate(name, merged)
        except DataError as error:
            raise DataError(replace(error.where, file=label), error.problem) from None
    return translated, translator.stale


def _literal(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


class _Dumper(yaml.SafeDumper):
    pass


_Dumper.add_representer(str, _literal)


def write_skeleton(language: str, data_dir: Path, english: Mapping[str, dict[str, Any]]) -> list[Path]:
    """data/i18n/<language>/*.yml for a new language: the English text, to be translated in place."""
    folder = data_dir / I18N_DIR / language
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name in SPEC:
        content = english[name]
        path = folder / name
        if path.exists():
            continue
        body = yaml.dump(skeleton(name, content), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
        hint = f"# yaml-language-server: $schema=../../../schemas/i18n/{name.removesuffix('.yml')}.schema.json\n"
        path.write_text(hint + body, encoding="utf-8")
        written.append(path)
    return written
