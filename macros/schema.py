"""The schema of everything in data/: one pydantic model per kind of record.

Rules about one value live in the field types below; rules about one record in its model; rules
that link records across files in macros/data.py, which runs them after these models. Every model
is strict (no silent coercion: "180" is not a number, true is not 1), forbids unknown fields and is
frozen. Every text is inert: no template code (`{{`, `{%`, `{#`), no control characters, a bounded
length.

A failure becomes a `DataError` naming the file, the entry (the `id` of the list entry it is in)
and the field, such as `data/scams.yml: entry 'counterfeit': field 'remedies[0].routes[1]': ...`.

`python -m macros.schema` (or `make schemas`) writes the JSON Schemas in schemas/ that editors use
for completion and inline errors; tests/test_data.py checks that they are up to date.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import re
import reprlib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
    ValidatorFunctionWrapHandler,
    WrapValidator,
    create_model,
    field_validator,
    model_validator,
)
from pydantic.json_schema import GenerateJsonSchema
from pydantic_core import PydanticCustomError, core_schema

from . import text_rules
from .situation_strings import SITUATION_STRINGS
from .string_keys import STRING_KEYS


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


# ---------------------------------------------------------------------------
# Limits and patterns. The patterns are written so that Python, pydantic (Rust regex) and editors
# (JavaScript regex, in the JSON Schemas) all read them the same way.
# ---------------------------------------------------------------------------

MAX_ID = 64
MAX_TEXT = 5_000
MAX_BODY = 20_000  # a letter body and its translation
MAX_URL = 2_000
MAX_EMAIL = 254
MAX_PHONE = 40

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ITEM_ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*\.[a-z0-9]+(?:-[a-z0-9]+)*$"
HTTPS_URL_PATTERN = r"^https://[^\s/?#@]+\.[^\s/?#@]+(?:[/?#]\S*)?$"
# No ?, &, % or / either: in a mailto: link they would add a hidden copy or a pre-written body.
EMAIL_PATTERN = r"^[^@\s<>\"'?&%/]+@[^@\s<>\"'?&%/]+\.[A-Za-z]{2,}$"
PHONE_PATTERN = r"^\+?[0-9(][0-9 ()\-]*[0-9]$"

# Text in data is never template code: the macros plugin renders pages with Jinja.
TEMPLATE_CODE = re.compile(r"\{\{|\{%|\{#")
# Control characters other than tab and newline, and lone surrogates (from a broken \u escape).
FORBIDDEN_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")

# A letter's blank: a field id in square brackets, such as [order-number].
PLACEHOLDER = re.compile(r"\[([a-z0-9]+(?:-[a-z0-9]+)*)\]")
# Anything in square brackets, and a square bracket on its own.
BRACKETED = re.compile(r"\[[^\[\]]*\]|[\[\]]")
# A letter may ask for the last four digits of a card, never for anything that lets someone pay.
SECRET = re.compile(r"\b(cvv2?|cvc2?|csc|security[ -]?code|pin|pins|password|passcode|passwd)\b", re.IGNORECASE)
FULL_CARD = re.compile(r"\bcard[ -]?(number|no)\b|\bpan\b", re.IGNORECASE)

# A strings.yml placeholder is a plain name in braces. Anything else in braces is refused.
TEMPLATE_NAME = re.compile(r"\{([a-z_][a-z0-9_]*)\}")
BRACED = re.compile(r"\{[^{}]*\}|[{}]")


def placeholders(body: str) -> list[str]:
    """The field ids a letter body uses, in order (its country slots are not fields)."""
    return [name for name in PLACEHOLDER.findall(body) if name not in SLOTS]


# A letter's country slots: [letter-subject] takes the subject for the reader's country (else the
# letter's own `subject`); [legal-basis], alone on its line, takes the country's paragraph, and its
# line goes (with the blank line after it) where no country gives one. See `by_country`.
SUBJECT_SLOT = "letter-subject"
BASIS_SLOT = "legal-basis"
SLOTS = (SUBJECT_SLOT, BASIS_SLOT)


# ---------------------------------------------------------------------------
# Messages. A validator raises `_problem(...)`; `validate` turns it into a DataError.
# ---------------------------------------------------------------------------

_short = reprlib.Repr()
_short.maxstring = 60
_short.maxother = 60
_short.maxlist = _short.maxtuple = _short.maxdict = _short.maxset = 4
_short.maxlevel = 2


def describe(value: Any) -> str:
    """A value in a message: its type and a shortened repr (never the whole of a huge value)."""
    if value is None:
        return "nothing"
    if isinstance(value, dt.date):
        return f"{type(value).__name__} {value.isoformat()}"
    return f"{type(value).__name__} {_short.repr(value)}"


def _problem(problem: str, *field: str | int) -> PydanticCustomError:
    """A failure with our own wording; `field` is the path below the place where it is raised."""
    return PydanticCustomError("data_rule", "{problem}", {"field": field, "problem": problem})


def _expect(expected: str) -> WrapValidator:
    """Any failure of the wrapped type reads 'must be <expected>, got <value>'."""

    def validate(value: Any, handler: ValidatorFunctionWrapHandler) -> Any:
        try:
            return handler(value)
        except ValidationError as error:
            details = error.errors(include_url=False)[0]
            if details["type"] == "string_too_long":
                limit = details["ctx"]["max_length"]
                raise _problem(f"is too long: {len(value):,} characters, at most {limit:,}") from None
            raise _problem(f"must be {expected}, got {describe(value)}") from None

    return WrapValidator(validate)


def _inert(text: Any) -> Any:
    """Text that stays text: no template code, no control characters, no lone surrogates. Runs
    before the type checks (a lone surrogate is not even a valid str for them); other values pass."""
    if not isinstance(text, str):
        return text
    code = TEMPLATE_CODE.search(text)
    if code:
        raise _problem(
            f"contains '{code.group()}' at character {code.start() + 1}: text in data/ must not look like "
            "template code ('{{', '{%' and '{#' are not allowed)"
        )
    bad = FORBIDDEN_CHARACTER.search(text)
    if bad:
        kind = "a lone surrogate" if 0xD800 <= ord(bad.group()) <= 0xDFFF else "the control character"
        raise _problem(
            f"contains {kind} U+{ord(bad.group()):04X} at character {bad.start() + 1}; "
            "only tabs and line breaks are allowed"
        )
    problem = text_rules.character_problem(text)
    if problem:
        raise _problem(problem)
    return text


def _visible(text: Any) -> Any:
    """Names, addresses, URLs and e-mail addresses: no invisible characters (macros/text_rules.py)."""
    problem = text_rules.invisible_problem(text) if isinstance(text, str) else None
    if problem:
        raise _problem(problem)
    return text


INERT = BeforeValidator(_inert)
VISIBLE = BeforeValidator(_visible)

# ---------------------------------------------------------------------------
# Field types
# ---------------------------------------------------------------------------


def _text(max_length: int) -> Any:
    return Annotated[
        str,
        StringConstraints(strip_whitespace=True, min_length=1, max_length=max_length),
        _expect("non-empty text"),
        INERT,
    ]


def _pattern(pattern: str, max_length: int, expected: str) -> Any:
    return Annotated[str, StringConstraints(max_length=max_length, pattern=pattern), _expect(expected)]


Text = _text(MAX_TEXT)
Body = _text(MAX_BODY)
Id = _pattern(ID_PATTERN, MAX_ID, "a lowercase-hyphenated id like 'non-delivery'")
ItemId = _pattern(ITEM_ID_PATTERN, MAX_ID, "an id like 'evidence.order-screenshots'")
HttpsUrl = Annotated[_pattern(HTTPS_URL_PATTERN, MAX_URL, "an https:// URL"), INERT, VISIBLE]
Email = Annotated[_pattern(EMAIL_PATTERN, MAX_EMAIL, "an e-mail address"), INERT, VISIBLE]
Phone = Annotated[_pattern(PHONE_PATTERN, MAX_PHONE, "a phone number of digits, spaces and +()-"), INERT, VISIBLE]
# A name or an address: shown as it is, so nothing in it may be invisible.
Name = Annotated[Text, VISIBLE]
# YAML turns an unquoted 2026-11-01 into a date; a time of day, or anything else, is a mistake.
Date = Annotated[dt.date, _expect("a date written YYYY-MM-DD")]
PositiveInt = Annotated[int, Field(gt=0), _expect("a whole number above 0")]
Flag = Annotated[bool, _expect("true or false")]
CountryCode = _pattern(r"^[A-Z]{2}$", 2, "a two-letter country code in capitals, like 'BR'")
Confidence = Annotated[Literal["high", "medium", "low"], _expect("one of high, medium or low")]
# Where a fact comes from. official: the owner's own page (a card scheme, PayPal, a regulator, the
# law); copy: the owner's text, copied on another site; secondary: a third party's summary (news, a
# consumer body, a regulator's summary); general: the team's general knowledge, with the official
# address but no saved page read; vendor: a firm that sells something around the fact (a chargeback
# service, a cashback site); blog: a personal blog. The last two are named so they can be refused.
SourceKind = Annotated[
    Literal["official", "copy", "secondary", "general", "vendor", "blog"],
    _expect("one of official, copy, secondary, general, vendor or blog"),
]
# What a body does for the reader, so that every country a language lists first names all three.
AgencyRole = Annotated[
    Literal["consumer", "bank-complaints", "police"], _expect("one of consumer, bank-complaints or police")
]
DayKind = Annotated[Literal["calendar", "business"], _expect("one of calendar or business")]
FieldKind = Annotated[
    Literal["text", "date", "money", "multiline", "choice", "email", "last-four"],
    _expect("one of text, date, money, multiline, choice, email or last-four"),
]
# What the browser may fill in for the reader (HTML autocomplete tokens); only these four.
Autofill = Annotated[
    Literal["name", "street-address", "country-name", "email"],
    _expect("one of name, street-address, country-name or email"),
]


def _unique_values(values: list[str]) -> list[str]:
    first: dict[str, int] = {}
    for position, value in enumerate(values):
        if value in first:
            raise _problem(f"'{value}' is listed twice (items [{first[value]}] and [{position}])", position)
        first[value] = position
    return values


def _unique_by(field: str) -> Callable[[list[Any]], list[Any]]:
    """A check that no two records in a list share the value of `field` (their id, a language code)."""

    def check(entries: list[Any]) -> list[Any]:
        first: dict[str, int] = {}
        for position, entry in enumerate(entries):
            value = getattr(entry, field)
            if value in first:
                raise _problem(f"is used twice (entries #{first[value] + 1} and #{position + 1})", position, field)
            first[value] = position
        return entries

    return check


_unique_ids = _unique_by("id")


Record_ = TypeVar("Record_", bound="Record")
# A list of records, each with an id that is unique in the list.
Entries = Annotated[list[Record_], AfterValidator(_unique_ids)]
# A list of ids (references to other records), none twice.
IdList = Annotated[list[Id], AfterValidator(_unique_values)]
NonEmpty = Field(min_length=1)


# ---------------------------------------------------------------------------
# Records
# ---------------------------------------------------------------------------


def _left_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str | list) and len(value) == 0)


class Record(BaseModel):
    """A mapping with exactly these fields. An optional field may be left out or left empty."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _known_fields_and_blanks(cls, data: Any) -> Any:
        # extra="forbid" puts additionalProperties: false in the JSON Schema; this check comes first
        # so that a misspelt field is reported as such (with the known ones), not as a missing one.
        if not isinstance(data, dict):
            return data  # the model reports "must be a mapping of fields"
        fields = {field.alias or name: field for name, field in cls.model_fields.items()}
        for key in data:
            if key not in fields:
                name = key if isinstance(key, str) else _short.repr(key)
                raise _problem(f"is not a known field ({_known(name, list(fields))})", name)
        return {key: value for key, value in data.items() if fields[key].is_required() or not _left_empty(value)}


def _known(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1)
    if len(known) <= 20:
        hint = f"known: {', '.join(known)}"
        return f"did you mean '{close[0]}'? {hint}" if close else hint
    return f"did you mean '{close[0]}'?" if close else f"none of the {len(known)} known ones is close to it"


class Source(Record):
    name: Text
    url: HttpsUrl
    kind: SourceKind


class ChecklistItem(Record):
    id: ItemId
    text: Text
    hint: Text | None = None
    # Tailoring by problem type: shown only for these types / hidden for these types.
    only_for: IdList = []
    skip_for: IdList = []
    # Tailoring by situation: the ways of paying and the countries or areas it is for (empty: all).
    methods: IdList = []
    where: IdList = []
    # The letters that do this task (data/letters.yml); the checklist links those the plan offers.
    letters: IdList = []


class Step(Record):
    id: Id
    title: Text
    short_title: Text
    summary: Text
    checklist: Annotated[Entries[ChecklistItem], Field(min_length=2)]

    @model_validator(mode="after")
    def _items_belong_to_the_step(self) -> Step:
        # With unique step ids, this also makes item ids unique across steps.
        for position, item in enumerate(self.checklist):
            if item.id.split(".", 1)[0] != self.id:
                raise _problem(
                    f"'{item.id}' must start with '{self.id}.' (the step it belongs to)", "checklist", position, "id"
                )
        return self


class Cap(Record):
    """An outer limit that applies whatever the start date, e.g. card chargebacks: never after 540 days."""

    days: PositiveInt
    counts_from: Text


# Say so when a fact rests on a copy or on someone else's summary, and trust it less.
CONFIDENCE_RANK = {"low": 0, "medium": 1, "high": 2}
HIGHEST_CONFIDENCE = {"official": "high", "copy": "medium", "secondary": "medium", "general": "medium"}
# A time limit or a body a reader relies on never rests on someone selling a service or on a blog.
REFUSED_KINDS = ("vendor", "blog")


class Sourced(Record):
    """A fact from research (a time limit, an agency): where it comes from, how sure we are (never
    surer than its kind of source allows) and the date of the research."""

    source: Source
    confidence: Confidence
    as_of: Date

    @model_validator(mode="after")
    def _confidence_follows_the_source(self) -> Sourced:
        if self.source.kind in REFUSED_KINDS:
            raise _problem(
                f"a source of kind '{self.source.kind}' cannot back a time limit or a body: cite the owner's "
                "own text (a scheme's rules, a law, a regulator's or the firm's own page) or a copy of it",
                "source",
                "kind",
            )
        if CONFIDENCE_RANK[self.confidence] > CONFIDENCE_RANK[HIGHEST_CONFIDENCE[self.source.kind]]:
            highest = HIGHEST_CONFIDENCE[self.source.kind]
            raise _problem(f"a source of kind '{self.source.kind}' supports '{highest}' at most", "confidence")
        return self


class Deadline(Sourced):
    id: Id
    title: Text
    # The one thing to do, in a short sentence: it leads the time limits on a problem page.
    action: Text
    headline: Text | None = None
    # A limit is a number of days or of months, never both.
    days: PositiveInt | None = None
    months: PositiveInt | None = None
    day_kind: DayKind = "calendar"
    counts_from: Text
    cap: Cap | None = None
    safe_advice: Text
    steps: Annotated[IdList, NonEmpty]
    # A time someone else takes to decide (Klarna's review), not a limit on the reader: never
    # printed as a deadline on a handout (#22).
    processing: bool = False
    # Where it holds: countries or areas (data/methods.yml), and ways of paying within its route.
    where: IdList = []
    methods: IdList = []

    @model_validator(mode="after")
    def _days_or_months(self) -> Deadline:
        if (self.days is None) == (self.months is None):
            raise _problem("give the limit as days or as months, not both and not neither", "days")
        if self.months is not None and self.day_kind != "calendar":
            raise _problem("business days apply only to a limit given in days", "day_kind")
        return self


class RouteRule(Sourced):
    """What a route means for some ways of paying or countries (no chargeback for a Pix at the checkout)."""

    id: Id
    text: Text
    where: IdList = []
    methods: IdList = []
    # The id of the same rule on another route (PayPal's labels hold for both its routes): a page
    # listing both routes shows it once, in every language, whatever each translation says.
    same_as: Id | None = None


class Route(Record):
    """A way to the money (an AliExpress dispute, a card chargeback...): the time limits that bind
    the reader on it, and its rules by country or way of paying. A problem type shows the limits of
    every route it recommends."""

    id: Id
    title: Text
    deadlines: IdList = []
    # Where it applies (macros/situation.py): the ways of paying it serves, the stages it fits and
    # the countries or areas it holds in (empty: every one); the stages that add it to every type.
    methods: IdList = []
    stages: IdList = []
    where: IdList = []
    added_at: IdList = []
    rules: Entries[RouteRule] = []


class ScamGroup(Record):
    id: Id
    title: Text


class Remedy(Record):
    """One thing to do, and the routes (data/routes.yml) it sends the reader down."""

    text: Text
    routes: IdList = []


class Scam(Record):
    id: Id
    title: Text
    way_in: Text
    group: Id
    summary: Text
    signs: Annotated[list[Text], NonEmpty]
    evidence: Annotated[list[Text], NonEmpty]
    remedies: Annotated[list[Remedy], NonEmpty]
    steps: Annotated[IdList, NonEmpty]
    warning: Text | None = None
    urgent: Text | None = None
    # A first-tap choice on the home page (the common problems); the others sit one tap further.
    home: Flag = False
    # Checklist items moved to the top of their step when this type is chosen.
    checklist_first: Annotated[list[ItemId], AfterValidator(_unique_values)] = []


class Agency(Sourced):
    id: Id
    name: Name
    # consumer body, bank-complaints body (independent of the bank) or police / cybercrime channel
    role: AgencyRole | None = None
    url: HttpsUrl | None = None  # left out where the research gives no official address
    phone: Phone | None = None
    use_for: Text
    limits: Text | None = None
    # Problem types whose page lists this body under "Who can help".
    scams: IdList = []


class InApp(Sourced):
    """Reporting inside AliExpress (the store or the listing): steps in the app, no URL."""

    name: Text
    use_for: Text
    steps: Annotated[list[Text], NonEmpty]
    limits: Text


class Region(Record):
    id: Id
    name: Name
    # ISO 3166 code (GB for the United Kingdom): a browser language such as pt-BR pre-selects the region.
    code: CountryCode | None = None
    agencies: Annotated[Entries[Agency], NonEmpty]


class Contact(Record):
    website: HttpsUrl | None = None
    email: Email | None = None
    phone: Phone | None = None
    address: Name | None = None


# --- Firm branding (issue #11): accent colour and logo ---------------------------------------------
# Material's named accent colours that keep at least 3:1 contrast (large text, focus rings) on both
# the light and the dark background. Yellow, amber, lime, cyan, teal, green, light green, orange and
# deep orange fall below that on white, so they are refused; tests/test_firm_kit.py runs axe on each.
ACCENT_COLOURS = ("red", "pink", "purple", "deep purple", "indigo", "blue", "light blue")
Accent = Annotated[
    Literal["red", "pink", "purple", "deep purple", "indigo", "blue", "light blue"],
    _expect(f"one of {', '.join(ACCENT_COLOURS)} (Material's colour names that stay readable in both schemes)"),
]
# A file under docs/, written as a relative path: no '..', no leading '/', an image type.
LOGO_PATTERN = r"^[A-Za-z0-9_-]+(?:/[A-Za-z0-9_-]+)*\.(?:svg|png|jpg|jpeg|webp)$"
LogoPath = _pattern(
    LOGO_PATTERN, 200, "a path under docs/ to an .svg, .png, .jpg or .webp file, like 'assets/logo.svg'"
)


class Firm(Record):
    name: Name
    description: Text
    consultation: Text
    contact: Contact
    # A short note from the firm to its clients, at the top of each printable handout.
    intro: Text | None = None
    # Where a reader books the consultation (https only); shown only with the offer.
    consultation_url: HttpsUrl | None = None
    # The firm's logo, a file under docs/ (the build checks that it exists).
    logo: LogoPath | None = None
    # One of ACCENT_COLOURS; empty keeps the guide's own colours.
    accent: Accent | None = None


class Credit(Record):
    """The article the guide is based on: a fact about its origin, kept apart from the branding in
    firm.yml so that a site rebranded for another firm still credits the article truthfully."""

    topic: Text
    author_firm: Text
    year: PositiveInt


class LetterField(Record):
    id: Id
    label: Text
    # choice: the letter's own `reasons`, or the reader's own words.
    kind: FieldKind
    required: Flag = False
    example: Text
    help: Text | None = None
    autocomplete: Autofill | None = None

    @field_validator("id", "label")
    @classmethod
    def _no_secrets(cls, value: str) -> str:
        if SECRET.search(value) or FULL_CARD.search(value):
            raise _problem("looks like a full card number or a secret; ask for the last four digits only")
        return value


class Translation(Record):
    language: Text
    label: Text
    body: Body


class Reason(Record):
    """A reason the reader can pick for a letter's choice field: `label` in the form, `text` in the letter."""

    id: Id
    label: Text
    text: Text
    # Problem types this reason fits: a letter opened for one (?type=) picks the first that fits.
    scams: IdList = []


class CountryText(Sourced):
    """What a recipient in some countries expects in a letter (a legal basis, a procedure's name),
    with the source it rests on. `where`: countries (regions of data/agencies.yml) or areas."""

    id: Id
    where: Annotated[IdList, NonEmpty]
    # Replaces the letter's `subject` in these countries.
    subject: Text | None = None
    # Goes where the body has [legal-basis]: one paragraph of plain text.
    paragraph: Text | None = None

    @model_validator(mode="after")
    def _says_something(self) -> CountryText:
        if not self.subject and not self.paragraph:
            raise _problem("gives neither a subject nor a paragraph", "paragraph")
        if self.paragraph and "\n\n" in self.paragraph.strip():
            raise _problem("must be one paragraph, with no blank line", "paragraph")
        return self


# The language a letter goes out in on a translated page. reader: the reader's language (their bank,
# PayPal, a local agency); english: always English (the US billing-error notice goes to a US issuer);
# reader-and-english: the reader's language with the English version beside it (the seller, AliExpress).
LetterLanguage = Annotated[
    Literal["reader", "english", "reader-and-english"], _expect("one of reader, english or reader-and-english")
]


class Letter(Record):
    id: Id
    title: Text
    summary: Text
    when: Text
    recipient: Text
    language: LetterLanguage = "reader"
    steps: Annotated[IdList, NonEmpty]
    scams: IdList = []
    deadlines: IdList = []
    fields: Annotated[IdList, NonEmpty]
    reasons: Entries[Reason] = []
    # Routes (data/routes.yml) that bring this letter into a reader's plan, besides its `deadlines`.
    routes: IdList = []
    # The subject's text when the body writes it as [letter-subject] (a country may replace it).
    subject: Text | None = None
    # What a recipient in some countries expects: the first entry whose `where` holds the reader's
    # country fills [letter-subject] and [legal-basis]; elsewhere the letter reads without them.
    by_country: Entries[CountryText] = []
    body: Body
    translation: Translation | None = None

    @model_validator(mode="after")
    def _placeholders_match_fields(self) -> Letter:
        bodies = [(("body",), self.body)]
        if self.translation:
            bodies.append((("translation", "body"), self.translation.body))
        for where, body in bodies:
            for match in BRACKETED.finditer(body):
                field_id = match.group()[1:-1] if len(match.group()) > 1 else None
                if field_id in self.fields or (where == ("body",) and field_id in SLOTS):
                    continue
                if field_id is not None and PLACEHOLDER.fullmatch(match.group()):
                    problem = f"uses the placeholder [{field_id}], which is not in its fields"
                else:
                    problem = (
                        f"has {_short.repr(match.group())} at character {match.start() + 1}: square brackets are "
                        "only for placeholders, each a field id from its fields, like [order-number]"
                    )
                raise _problem(problem, *where)
        self._check_slots()
        used = placeholders(self.body) + placeholders(self.subject or "")
        for position, field_id in enumerate(self.fields):
            if field_id not in used:
                raise _problem(f"'{field_id}' is declared but the body never uses it", "fields", position)
        return self

    def _check_slots(self) -> None:
        """Country slots: each where the data fills it, [legal-basis] alone on its line, and the
        texts that fill them use only the letter's fields."""
        used = PLACEHOLDER.findall(self.body)
        has_paragraph = any(entry.paragraph for entry in self.by_country)
        wanted = {SUBJECT_SLOT: self.subject is not None, BASIS_SLOT: has_paragraph}
        for slot, needed in wanted.items():
            if needed != (used.count(slot) == 1):
                problem = f"must use [{slot}] once" if needed else f"uses [{slot}], which nothing here fills"
                raise _problem(problem, "body")
        if has_paragraph and f"\n[{BASIS_SLOT}]\n\n" not in self.body:
            raise _problem(f"must have [{BASIS_SLOT}] alone on its line, with a blank line after it", "body")
        if any(entry.subject for entry in self.by_country) and self.subject is None:
            raise _problem("a country replaces the subject: give the letter its own `subject`", "subject")
        if self.by_country and (self.translation or self.language == "reader-and-english"):
            raise _problem("country texts are for letters that go out in one language", "by_country")
        texts = [(("subject",), self.subject or "")] + [
            (("by_country", position, key), getattr(entry, key) or "")
            for position, entry in enumerate(self.by_country)
            for key in ("subject", "paragraph")
        ]
        for where, text in texts:
            for match in BRACKETED.finditer(text):
                field_id = match.group()[1:-1]
                if field_id not in self.fields:
                    raise _problem(f"uses {_short.repr(match.group())}, which is not one of its fields", *where)


# ---------------------------------------------------------------------------
# strings.yml: every key, and the placeholders its text must use (taken from the English file).
# ---------------------------------------------------------------------------

STRING_PLACEHOLDERS: dict[str, frozenset[str]] = {
    key: frozenset(names.split()) for key, names in (STRING_KEYS | SITUATION_STRINGS).items()
}


def _braced(names: frozenset[str]) -> str:
    return ", ".join(f"{{{name}}}" for name in sorted(names)) or "none"


def _template(allowed: frozenset[str]) -> Any:
    """Text whose placeholders are exactly `allowed`, each a plain `{name}`."""

    def check(text: str) -> str:
        used = set()
        for match in BRACED.finditer(text):
            name = TEMPLATE_NAME.fullmatch(match.group())
            if not name:
                shown = _short.repr(match.group())
                raise _problem(
                    f"has {shown} at character {match.start() + 1}, which is not a placeholder: a placeholder is a "
                    f"plain name in braces, like {{days}}, and braces are for nothing else (this text takes: "
                    f"{_braced(allowed)})"
                )
            if name.group(1) not in allowed:
                raise _problem(f"uses {match.group()}, which this text cannot fill (it takes: {_braced(allowed)})")
            used.add(name.group(1))
        missing = allowed - used
        if missing:
            raise _problem(f"must keep the placeholder(s) {_braced(missing)}")
        problem = text_rules.replacement_problem(text)
        if problem:
            raise _problem(problem)
        return text

    return Annotated[Text, AfterValidator(check)]


def _string_type(key: str, names: frozenset[str]) -> Any:
    """A strings.yml text; the locale and the download file names have a form of their own."""

    def check(text: str) -> str:
        if key == "js.date_locale":
            problem = text_rules.locale_problem(text)
        else:
            problem = text_rules.file_name_problem(text, text_rules.FILE_NAMES[key])
        if problem:
            raise _problem(problem)
        return text

    if key == "js.date_locale" or key in text_rules.FILE_NAMES:
        return Annotated[_template(names), AfterValidator(check)]
    return _template(names)


Strings = create_model(
    "Strings",
    __base__=Record,
    __doc__="Words the macros put around the data, and every message the scripts show. "
    "{name} marks a value filled in at build time: keep exactly the placeholders each text has.",
    **{
        key.replace(".", "__"): (
            _string_type(key, names),
            Field(alias=key, description=f"Placeholders: {_braced(names)}" if names else "No placeholders"),
        )
        for key, names in STRING_PLACEHOLDERS.items()
    },
)


# ---------------------------------------------------------------------------
# One model per data file
# ---------------------------------------------------------------------------


class StepsFile(Record):
    """The five steps of the refund guide, in order, with their checklist items."""

    steps: Annotated[Entries[Step], NonEmpty]


class DeadlinesFile(Record):
    """Time limits, each with its source, confidence and research date."""

    deadlines: Annotated[Entries[Deadline], NonEmpty]


class RoutesFile(Record):
    """Routes to the money and the time limits each one names."""

    routes: Annotated[Entries[Route], NonEmpty]


class ScamsFile(Record):
    """Problem types (one page each) and the groups that sort them."""

    groups: Annotated[Entries[ScamGroup], NonEmpty]
    scams: Annotated[Entries[Scam], NonEmpty]


def _first_repeat(owners: list[Any], values_of: Callable[[Any], list[str]]) -> tuple[int, int, str, str] | None:
    """The first value that an earlier owner in the file already has, as (owner index, position,
    value, id of the earlier owner); None when every value is used once across the file."""
    first: dict[str, str] = {}
    for index, owner in enumerate(owners):
        for position, value in enumerate(values_of(owner)):
            if value in first:
                return index, position, value, first[value]
            first[value] = owner.id
    return None


class AgenciesFile(Record):
    """Where to report: inside AliExpress, then by country."""

    aliexpress: InApp
    regions: Annotated[Entries[Region], NonEmpty]

    @model_validator(mode="after")
    def _agency_ids_unique_in_the_file(self) -> AgenciesFile:
        if clash := _first_repeat(self.regions, lambda region: [agency.id for agency in region.agencies]):
            index, position, agency_id, region_id = clash
            problem = f"'{agency_id}' is used twice (also in region '{region_id}')"
            raise _problem(problem, "regions", index, "agencies", position, "id")
        return self


class LettersFile(Record):
    """Letter templates and the shared catalogue of their form fields."""

    fields: Annotated[Entries[LetterField], NonEmpty]
    letters: Annotated[Entries[Letter], NonEmpty]


# A word as it appears in running text: letters, with single spaces, hyphens or apostrophes between.
# Latin letters with accents (é, ç, ñ, ã) too, for the translations; written as ranges that Python,
# pydantic and editors all read the same way.
LETTERS = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff"
Word = _pattern(rf"^[{LETTERS}]+(?:[ '-][{LETTERS}]+)*$", 40, "a word or a few words, letters only")


def _tooltip_text(meaning: str) -> str:
    if found := re.search(r"[<>&]", meaning):
        raise _problem(
            f"contains '{found.group()}' at character {found.start() + 1}: the meaning is shown as a tooltip, "
            "which would read it as markup; write it in words (such as 'and' for '&')"
        )
    return meaning


class Term(Record):
    """A word readers meet in the guide, and what it means: shown as a tooltip wherever it appears."""

    id: Id
    term: Text
    # Every form of the word as it is written in the pages (plural, capitalised...).
    forms: Annotated[list[Word], NonEmpty, AfterValidator(_unique_values)]
    # Material's tooltip shows the meaning as HTML (by design): without <, > and & it is plain text.
    meaning: Annotated[Text, AfterValidator(_tooltip_text)]


class GlossaryFile(Record):
    """Words explained where they appear, and on the glossary page."""

    terms: Annotated[Entries[Term], NonEmpty]

    @model_validator(mode="after")
    def _each_form_means_one_thing(self) -> GlossaryFile:
        if clash := _first_repeat(self.terms, lambda term: term.forms):
            index, position, form, term_id = clash
            raise _problem(f"'{form}' is also a form of '{term_id}'", "terms", index, "forms", position)
        return self


class CreditFile(Record):
    """The credit to the article the guide is based on."""

    source_article: Credit


LanguageCode = _pattern(r"^[a-z]{2}(?:-[A-Z]{2})?$", 5, "a language code like 'es' or 'pt-BR'")


def _language_name(name: str) -> str:
    """A language's name as the menu on every page shows it: letters (any script), spaces and a few
    marks, nothing that could be markup."""
    for position, character in enumerate(name):
        if not (unicodedata.category(character)[0] in "LM" or character in " ()-'\u2019."):
            raise _problem(
                f"has {character!r} at character {position + 1}: a language's name is letters, spaces "
                "and ( ) - ' . only"
            )
    return name


class Language(Record):
    code: LanguageCode
    # Shown in the language menu of every page of every language.
    name: Annotated[_text(40), AfterValidator(_language_name)]
    # Whether a lawyer who is a native speaker has checked the translation (the original has none).
    reviewed: Flag | None = None
    # Countries (data/agencies.yml regions) that Where to report lists first in this language.
    regions_first: IdList = []


def _original_first(languages: list[Any]) -> list[Any]:
    if languages and languages[0].code != "en":
        raise _problem("the first language must be the original, 'en'", 0, "code")
    return languages


class LanguagesFile(Record):
    """The languages the guide is built in; the first is the original."""

    languages: Annotated[list[Language], NonEmpty, AfterValidator(_original_first), AfterValidator(_unique_by("code"))]


DATA_FILES: dict[str, type[Record]] = {
    "strings.yml": Strings,
    "steps.yml": StepsFile,
    "deadlines.yml": DeadlinesFile,
    "routes.yml": RoutesFile,
    "scams.yml": ScamsFile,
    "agencies.yml": AgenciesFile,
    "letters.yml": LettersFile,
    "firm.yml": Firm,
    "credit.yml": CreditFile,
    "glossary.yml": GlossaryFile,
    "languages.yml": LanguagesFile,
}


# ---------------------------------------------------------------------------
# Validation: pydantic's errors, in the guide's words
# ---------------------------------------------------------------------------


def validate(name: str, raw: Any) -> dict[str, Any]:
    """Check one data file's content (as YAML gave it); return it as plain dicts and lists with every
    optional field present (None, [] or its default). Raise DataError naming file, entry and field."""
    try:
        return DATA_FILES[name].model_validate(raw).model_dump(by_alias=True)
    except ValidationError as error:
        raise data_error(error, raw, f"data/{name}") from None


def data_error(error: ValidationError, raw: Any, file: str) -> DataError:
    """The first of pydantic's errors, located in the file and said in plain words."""
    details = error.errors(include_url=False)[0]
    ctx = details.get("ctx") or {}
    loc = [*details["loc"], *ctx.get("field", ())]
    entry = "(top level)"
    if len(loc) >= 2 and isinstance(loc[1], int) and isinstance(raw, dict) and isinstance(raw.get(loc[0]), list):
        element = raw[loc[0]][loc[1]]
        entry = _entry_name(element.get("id") if isinstance(element, dict) else None, loc[1])
        loc = loc[2:]
    field = "".join(f"[{part}]" if isinstance(part, int) else f".{_printable(str(part))}" for part in loc)
    return DataError(Where(file, entry, field.removeprefix(".")), _plain_words(details))


def _entry_name(raw_id: Any, position: int) -> str:
    return _printable(raw_id) if isinstance(raw_id, str) and raw_id.strip() else f"#{position + 1}"


def _printable(name: str) -> str:
    """A name from the file, safe to print: shortened, and escaped if it holds odd characters."""
    shown = name if len(name) <= MAX_ID else f"{name[: MAX_ID - 3]}..."
    return shown if shown.isprintable() else _short.repr(name)[1:-1]


def _plain_words(details: Any) -> str:
    kind, ctx, value = details["type"], details.get("ctx") or {}, details.get("input")
    if kind == "data_rule":
        return ctx["problem"]
    if kind == "missing":
        return "is missing"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        if not details["loc"]:  # the whole file: never quote it (it may be anything, even a secret)
            return f"must be a mapping of fields (key: value lines), got {type(value).__name__}"
        return f"must be a mapping of fields, got {describe(value)}"
    if kind == "list_type":
        return f"must be a list, got {describe(value)}"
    if kind == "too_short":
        return f"must list at least {ctx['min_length']} item(s), got {ctx['actual_length']}"
    if kind == "extra_forbidden":
        return "is not a known field"
    return f"is not valid ({details['msg']})"


# ---------------------------------------------------------------------------
# JSON Schemas for editors: `python -m macros.schema` writes schemas/<name>.schema.json
# ---------------------------------------------------------------------------

SCHEMA_DIR = Path(__file__).resolve().parents[1] / "schemas"


class _EditorSchema(GenerateJsonSchema):
    """The JSON Schema an editor needs: a field left empty ("" or nothing) counts as left out."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> dict[str, Any]:
        result = super().nullable_schema(schema)
        result.setdefault("anyOf", [result.copy()]).append({"const": ""})
        return result

    def generate(self, schema: core_schema.CoreSchema, mode: Any = "validation") -> dict[str, Any]:
        return {"$schema": self.schema_dialect, **super().generate(schema, mode)}


def schema_name(data_file: str) -> str:
    return data_file.removesuffix(".yml")


def json_schema_text(data_file: str) -> str:
    schema = DATA_FILES[data_file].model_json_schema(schema_generator=_EditorSchema)
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def editor_hint(data_file: str) -> str:
    """The first line of every data file: tells the editor's YAML extension which schema to use."""
    return f"# yaml-language-server: $schema=../schemas/{schema_name(data_file)}.schema.json"


def write_json_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(exist_ok=True)
    written = []
    for data_file in DATA_FILES:
        path = directory / f"{schema_name(data_file)}.schema.json"
        path.write_text(json_schema_text(data_file), encoding="utf-8")
        written.append(path)
    return written


from .situation_models import MethodsFile  # noqa: E402  (built on the records above)

DATA_FILES["methods.yml"] = MethodsFile


if __name__ == "__main__":
    for path in write_json_schemas():
        print(f"wrote {path.relative_to(SCHEMA_DIR.parent)}")
