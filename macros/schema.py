"""The one schema for everything in data/, and the small checks it is built from.

Each check takes a value and a `Where` (file, entry, field) and returns the value or raises
`DataError`, so every failure names the file, the entry and the field it is about.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ITEM_ID_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$")
EMAIL_PATTERN = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[a-z]{2,}$", re.IGNORECASE)
PHONE_PATTERN = re.compile(r"^\+?[0-9(][0-9 ()\-]*[0-9]$")


class DataError(ValueError):
    """A problem in a data file, located by file, entry and field."""

    def __init__(self, where: Where, problem: str) -> None:
        self.where = where
        self.problem = problem
        super().__init__(f"{where}: {problem}")


@dataclass(frozen=True)
class Where:
    file: str
    entry: str = "(top level)"
    field: str = ""

    def at(self, field: str) -> Where:
        joined = f"{self.field}.{field}" if self.field else field
        return replace(self, field=joined)

    def index(self, position: int) -> Where:
        return replace(self, field=f"{self.field}[{position}]")

    def __str__(self) -> str:
        text = f"{self.file}: entry '{self.entry}'"
        return f"{text}: field '{self.field}'" if self.field else text


Check = Callable[[Any, Where], Any]


def text(value: Any, where: Where) -> str:
    if not isinstance(value, str) or not value.strip():
        raise DataError(where, f"must be non-empty text, got {_describe(value)}")
    return value.strip()


def identifier(value: Any, where: Where) -> str:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        raise DataError(where, f"must be a lowercase-hyphenated id like 'non-delivery', got {_describe(value)}")
    return value


def item_identifier(value: Any, where: Where) -> str:
    if not isinstance(value, str) or not ITEM_ID_PATTERN.match(value):
        raise DataError(where, f"must be an id like 'evidence.order-screenshots', got {_describe(value)}")
    return value


def https_url(value: Any, where: Where) -> str:
    if not isinstance(value, str) or any(ch.isspace() for ch in value):
        raise DataError(where, f"must be an https:// URL, got {_describe(value)}")
    parts = urlsplit(value)
    if parts.scheme != "https" or not parts.netloc or "." not in parts.netloc:
        raise DataError(where, f"must be an https:// URL, got {value!r}")
    return value


def date(value: Any, where: Where) -> dt.date:
    # YAML turns an unquoted 2026-11-01 into a date; anything else is a mistake.
    if isinstance(value, dt.datetime) or not isinstance(value, dt.date):
        raise DataError(where, f"must be a date written YYYY-MM-DD, got {_describe(value)}")
    return value


def positive_int(value: Any, where: Where) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
        raise DataError(where, f"must be a whole number above 0, got {_describe(value)}")
    return value


def email(value: Any, where: Where) -> str:
    if not isinstance(value, str) or not EMAIL_PATTERN.match(value):
        raise DataError(where, f"must be an e-mail address, got {_describe(value)}")
    return value


def phone(value: Any, where: Where) -> str:
    if not isinstance(value, str) or not PHONE_PATTERN.match(value):
        raise DataError(where, f"must be a phone number of digits, spaces and +()-, got {_describe(value)}")
    return value


def boolean(value: Any, where: Where) -> bool:
    if not isinstance(value, bool):
        raise DataError(where, f"must be true or false, got {_describe(value)}")
    return value


def one_of(*choices: str) -> Check:
    def check(value: Any, where: Where) -> str:
        if value not in choices:
            raise DataError(where, f"must be one of {', '.join(choices)}; got {_describe(value)}")
        return value

    return check


def list_of(item: Check, *, min_items: int = 1) -> Check:
    def check(value: Any, where: Where) -> list[Any]:
        if not isinstance(value, list):
            raise DataError(where, f"must be a list, got {_describe(value)}")
        if len(value) < min_items:
            raise DataError(where, f"must list at least {min_items} item(s), got {len(value)}")
        return [item(element, where.index(i)) for i, element in enumerate(value)]

    return check


@dataclass(frozen=True)
class Optional:
    check: Check
    default: Any = None


def entries(rule: Check) -> Check:
    """A list of records, each with a unique `id`; errors inside one name it as the entry."""

    def check(value: Any, where: Where) -> list[dict[str, Any]]:
        if not isinstance(value, list) or not value:
            raise DataError(where, f"must be a non-empty list of entries, got {_describe(value)}")
        seen: dict[str, int] = {}
        result = []
        for position, element in enumerate(value, start=1):
            raw_id = element.get("id") if isinstance(element, dict) else None
            name = raw_id if isinstance(raw_id, str) and raw_id else f"#{position}"
            entry = rule(element, Where(where.file, entry=name))
            if entry["id"] in seen:
                raise DataError(
                    Where(where.file, entry=name, field="id"),
                    f"is used twice (entries #{seen[entry['id']]} and #{position})",
                )
            seen[entry["id"]] = position
            result.append(entry)
        return result

    return check


def record(fields: Mapping[str, Check | Optional]) -> Check:
    """A mapping with exactly these fields; `Optional` ones may be left out or left empty."""

    def check(value: Any, where: Where) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise DataError(where, f"must be a mapping of fields, got {_describe(value)}")
        unknown = sorted(set(value) - set(fields))
        if unknown:
            raise DataError(where.at(str(unknown[0])), f"is not a known field (known: {', '.join(fields)})")
        result: dict[str, Any] = {}
        for name, rule in fields.items():
            present = value.get(name) not in (None, "", [])
            if isinstance(rule, Optional):
                result[name] = rule.check(value[name], where.at(name)) if present else rule.default
            elif name not in value:
                raise DataError(where.at(name), "is missing")
            else:
                result[name] = rule(value[name], where.at(name))
        return result

    return check


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    shown = repr(value)
    return f"{type(value).__name__} {shown[:60]}"


# ---------------------------------------------------------------------------
# The schema: one record rule per kind of entry, one file rule per data file.
# ---------------------------------------------------------------------------

CONFIDENCE = one_of("high", "medium", "low")

# Where a fact comes from. official: the owner's own page (a card scheme, PayPal, a regulator,
# the law); copy: the owner's text, copied on another site; secondary: a third party's summary.
SOURCE = record({"name": text, "url": https_url, "kind": one_of("official", "copy", "secondary")})

CHECKLIST_ITEM = record(
    {
        "id": item_identifier,
        "text": text,
        "hint": Optional(text),
        # Tailoring by problem type: shown only for these types / hidden for these types.
        "only_for": Optional(list_of(identifier), default=[]),
        "skip_for": Optional(list_of(identifier), default=[]),
    }
)

STEP = record(
    {
        "id": identifier,
        "title": text,
        "short_title": text,
        "summary": text,
        "checklist": list_of(CHECKLIST_ITEM, min_items=2),
    }
)

# An outer limit that applies whatever the start date, e.g. card chargebacks: never after 540 days.
CAP = record({"days": positive_int, "counts_from": text})

DEADLINE = record(
    {
        "id": identifier,
        "title": text,
        "headline": Optional(text),
        # A limit is a number of days or of months, never both.
        "days": Optional(positive_int),
        "months": Optional(positive_int),
        "day_kind": Optional(one_of("calendar", "business"), default="calendar"),
        "counts_from": text,
        "cap": Optional(CAP),
        "safe_advice": text,
        "steps": list_of(identifier),
        "source": SOURCE,
        "confidence": CONFIDENCE,
        "as_of": date,
    }
)

# A way to the money (an AliExpress dispute, a card chargeback, a PayPal claim...): the time
# limits that bind the reader on it. A problem type shows the limits of every route it recommends.
ROUTE = record(
    {
        "id": identifier,
        "title": text,
        "deadlines": Optional(list_of(identifier), default=[]),
    }
)

SCAM_GROUP = record({"id": identifier, "title": text})

# One thing to do, and the routes (data/routes.yml) it sends the reader down.
REMEDY = record({"text": text, "routes": Optional(list_of(identifier), default=[])})

SCAM = record(
    {
        "id": identifier,
        "title": text,
        "way_in": text,
        "group": identifier,
        "summary": text,
        "signs": list_of(text),
        "evidence": list_of(text),
        "remedies": list_of(REMEDY),
        "steps": list_of(identifier),
        "warning": Optional(text),
        "urgent": Optional(text),
        # Checklist items moved to the top of their step when this type is chosen.
        "checklist_first": Optional(list_of(item_identifier), default=[]),
    }
)

AGENCY = record(
    {
        "id": identifier,
        "name": text,
        "url": Optional(https_url),  # left out where the research gives no official address
        "phone": Optional(phone),
        "use_for": text,
        "limits": Optional(text),
        "confidence": CONFIDENCE,
        # Problem types whose page lists this body under "Who can help".
        "scams": Optional(list_of(identifier), default=[]),
        # The research date of this entry, where it differs from its region's.
        "as_of": Optional(date),
    }
)

REGION = record(
    {
        "id": identifier,
        "name": text,
        "agencies": list_of(AGENCY),
        "as_of": date,
    }
)

FIRM_CONTACT = record(
    {
        "website": Optional(https_url),
        "email": Optional(email),
        "phone": Optional(phone),
        "address": Optional(text),
    }
)

# The article the guide is based on: a fact about its origin, kept apart from the branding in
# firm.yml so that a site rebranded for another firm still credits the article truthfully.
CREDIT = record({"topic": text, "author_firm": text, "year": positive_int})

FIRM = record(
    {
        "name": text,
        "description": text,
        "consultation": text,
        "contact": FIRM_CONTACT,
    }
)

LETTER_FIELD = record(
    {
        "id": identifier,
        "label": text,
        # choice: the letter's own `reasons`, or the reader's own words.
        "kind": one_of("text", "date", "money", "multiline", "choice"),
        "required": Optional(boolean, default=False),
        "example": text,
        "help": Optional(text),
    }
)

TRANSLATION = record({"language": text, "label": text, "body": text})

# A reason the reader can pick for a letter's choice field: `label` in the form, `text` in the letter.
REASON = record({"id": identifier, "label": text, "text": text})

LETTER = record(
    {
        "id": identifier,
        "title": text,
        "summary": text,
        "when": text,
        "recipient": text,
        "steps": list_of(identifier),
        "scams": Optional(list_of(identifier), default=[]),
        "deadlines": Optional(list_of(identifier), default=[]),
        "fields": list_of(identifier),
        "reasons": Optional(entries(REASON), default=[]),
        "body": text,
        "translation": Optional(TRANSLATION),
    }
)

STRING_KEYS = (
    "days.calendar", "days.business", "months",
    "deadline.cap", "deadline.cap_text", "source.official", "source.copy", "source.secondary",
    "deadline.counts_from", "deadline.safe_advice", "deadline.sources_say", "deadline.sources_say_text",
    "deadline.source", "deadline.source_line",
    "deadline.live_check", "deadline.none",
    "confidence.high", "confidence.medium", "confidence.low",
    "scam.signs", "scam.evidence", "scam.remedies", "scam.steps", "scam.deadlines", "scam.next",
    "scam.next_text", "scam.checklist_link", "scam.all_types", "scam.who_can_help",
    "checklist.step_link", "checklist.only_for", "checklist.next", "checklist.chooser_label", "checklist.chooser_all",
    "checklist.chooser_help", "checklist.print", "checklist.reset", "checklist.export_summary",
    "checklist.export_text", "checklist.export_link_label", "checklist.copy_link", "checklist.download",
    "checklist.import_label",
    "js.progress", "js.storage_off", "js.unknown_type", "js.import_confirm", "js.import_done",
    "js.import_failed", "js.reset_confirm", "js.reset_done", "js.copied", "js.copy_failed", "js.print_type",
    "js.print_no_type", "js.print_date", "js.date_locale", "js.file_name",
    "letters.privacy_note", "letters.legal_note", "letters.when", "letters.recipient", "letters.deadlines",
    "letters.form", "letters.form_intro", "letters.example", "letters.required", "letters.preview", "letters.copy",
    "letters.download_txt", "letters.download_docx", "letters.print", "letters.forget", "letters.blank",
    "letters.blank_txt", "letters.blank_docx", "letters.related", "letters.next", "letters.next_text", "letters.all",
    "letters.reasons", "letters.reason_other", "letters.reason_own",
    "js.letters_empty_one", "js.letters_empty_other", "js.letters_complete", "js.letters_copied",
    "js.letters_copy_select", "js.letters_forgotten", "js.letters_docx_failed", "js.letters_storage_off",
    "agencies.phone", "agencies.limits", "agencies.confidence", "agencies.as_of",
    "firm.website", "firm.email", "firm.phone", "firm.address", "firm.no_contact", "firm.credit",
)  # fmt: skip

STRINGS = record({key: text for key in STRING_KEYS})

DATA_FILES: dict[str, Check] = {
    "strings.yml": STRINGS,
    "steps.yml": record({"steps": entries(STEP)}),
    "deadlines.yml": record({"deadlines": entries(DEADLINE)}),
    "routes.yml": record({"routes": entries(ROUTE)}),
    "scams.yml": record({"groups": entries(SCAM_GROUP), "scams": entries(SCAM)}),
    "agencies.yml": record({"regions": entries(REGION)}),
    "letters.yml": record({"fields": entries(LETTER_FIELD), "letters": entries(LETTER)}),
    "firm.yml": FIRM,
    "credit.yml": record({"source_article": CREDIT}),
}
