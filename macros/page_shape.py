"""A translated page (i18n/<code>/*.md) is text with the English page's shape.

A translator changes words. Everything else must be the English page's own: the macro calls, every
link target (inline, reference-style, autolink, raw <a>), the raw HTML (the same elements in the
same order, with the same attribute names and the same values for everything but text attributes
such as `title` and `alt`), the attribute lists (`{ .class }`), and the front matter (only the
English page's keys; text keys such as `description` are checked as text, the others must equal the
English values). Front matter is read with the data files' strict YAML loader (no anchors, aliases
or tags). Each problem names the line of the translated file.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Annotated, Any

import yaml
from mkdocs.utils import meta as mkdocs_meta
from pydantic import StringConstraints, TypeAdapter, ValidationError

from .schema import INERT, _expect, _plain_words

# Front-matter keys holding words: translated, checked as text, escaped by hooks/page_meta.py.
TEXT_KEYS = ("title", "subtitle", "description")
HASH_KEY = "source_hash"
MAX_META_TEXT = 500
PageText = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_META_TEXT),
    _expect("non-empty text"),
    INERT,
]
_PAGE_TEXT = TypeAdapter(PageText)

# Attributes whose value is words a translator may change; every other attribute keeps its value.
# A `data-*` attribute holds words a script shows as text (privacy.md's data-done), except
# `data-rg-*` and `data-config`, which steer the scripts.
TEXT_ATTRIBUTES = frozenset({"title", "alt", "aria-label", "aria-description", "aria-placeholder", "placeholder"})


def is_text_attribute(name: str) -> bool:
    if name in TEXT_ATTRIBUTES:
        return True
    return name.startswith("data-") and not name.startswith("data-rg-") and name != "data-config"


# Attributes that point somewhere: also listed with the page's links.
LINK_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "poster", "srcset", "cite", "data", "xlink:href"})

# Names a front-matter key must never take: mkdocs-macros puts the page's keys among the template
# variables, so a key named like a macro replaces it ("'str' object is not callable").
MACROS_VARIABLES = frozenset(
    {
        "config",
        "page",
        "environment",
        "plugin",
        "extra",
        "navigation",
        "files",
        "git",
        "macros",
        "filters",
        "filters_builtin",
        "macros_info",
        "now",
        "fix_url",
        "context",
        "pretty",
        "guide",
    }
)
_MACRO_DEFINITION = re.compile(r"@env\.macro\s+def\s+([A-Za-z_]\w*)")

# Template code, scanned left to right as Jinja does (and in linear time, whatever the page holds).
TEMPLATE_OPENER = re.compile(r"\{\{|\{%|\{#")
TEMPLATE_CLOSER = {"{{": "}}", "{%": "%}", "{#": "#}"}
TEMPLATE_MARK = re.compile(r"\{\{|\{%|\{#|\}\}|%\}|#\}")
MACRO_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)  # for the tests' renderer only
MAX_PAGE_CHARACTERS = 200_000  # twenty times the longest English page
INLINE_LINK = re.compile(r"\]\(\s*(?:<([^>\n]*)>|([^\s)]*))")
REFERENCE_DEFINITION = re.compile(r"^[ ]{0,3}\[(?!\^)([^\]\n]+)\]:[ \t]*\n?[ \t]*(?:<([^>\n]*)>|(\S+))", re.MULTILINE)
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]{0,4000}|[^\s<>@]{1,254}@[^\s<>@]{1,254})>")
# Anything a browser could take for markup: a comment, a declaration, a start or end tag (quotes
# are honoured, as a browser does, so a quoted '>' does not end the tag).
TAG_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)|<[!?][^>]*>?|</?[A-Za-z](?:[^>\"']|\"[^\"]*\"|'[^']*')*>?",
    re.DOTALL,
)
TAG_NAME = re.compile(r"</?([A-Za-z][^\s/>]*)")
TAG_ATTRIBUTE = re.compile(r"([^\s\"'>/=]+)(?:\s*=\s*(\"[^\"]*\"|'[^']*'|[^\s\"'>]*))?")
ABBREVIATION = re.compile(r"^[ ]{0,3}\*\[[^\]\n]*\]:", re.MULTILINE)
_ATTR_ITEM = r"(?:[#.][\w-]+|[\w:-]+=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s}]*))"
ATTR_LIST = re.compile(r"\{:?[ \t]*(" + _ATTR_ITEM + r"(?:[ \t]+" + _ATTR_ITEM + r")*)[ \t]*\}")


@dataclass(frozen=True)
class Problem:
    """What is wrong in a translated page, and on which line of its file (None: the whole page)."""

    text: str
    line: int | None = None

    def __str__(self) -> str:
        return f"line {self.line}: {self.text}" if self.line else self.text


def located(label: str, problem: object) -> str:
    """`i18n/es/about.md, line 12: ...` (or `i18n/es/about.md: ...` for the whole page)."""
    text = str(problem)
    return f"{label}, {text}" if text.startswith("line ") else f"{label}: {text}"


def macro_names(extra: Iterable[str] = ()) -> frozenset[str]:
    """Every name a front-matter key could shadow: the guide's macros (read from macros/__init__.py),
    mkdocs-macros' own variables, and any `extra` the running build knows."""
    return _defined_macros() | MACROS_VARIABLES | frozenset(extra)


@cache
def _defined_macros() -> frozenset[str]:
    source = (Path(__file__).parent / "__init__.py").read_text(encoding="utf-8")
    return frozenset(_MACRO_DEFINITION.findall(source))


# ---------------------------------------------------------------------------
# Front matter
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    meta: dict[str, Any]
    meta_text: str  # the front matter as written (for key lines)
    meta_line: int  # the line of the file the front matter starts on
    body: str
    body_line: int  # the line of the file the body starts on
    problems: tuple[Problem, ...] = ()


def split_page(text: str) -> Page:
    """The page's front matter, read as MkDocs reads it (YAML between --- lines, or MultiMarkdown
    `key: value` lines), but with the strict loader of data/: no anchors, aliases or tags."""
    from .data import GuideLoader, Refused

    found = mkdocs_meta.YAML_RE.match(text)
    if not found:
        body, meta = mkdocs_meta.get_data(text)  # MultiMarkdown style: plain strings, no YAML
        consumed = text[: len(text) - len(body)] if body and text.endswith(body) else ""
        return Page(dict(meta), consumed, 1, body, consumed.count("\n") + 1)
    meta_text, body = found.group(1), text[found.end() :]
    page_problems: list[Problem] = []
    meta: Any = {}
    try:
        meta = yaml.load(meta_text, Loader=GuideLoader)
    except Refused as error:
        # The loader counts lines from the front matter's first line, the file's second.
        text_problem = str(error.problem)
        at = re.search(r" at line (\d+)", text_problem)
        line = int(at.group(1)) + 1 if at else None
        if at:
            text_problem = text_problem.replace(at.group(0), "", 1)
        page_problems.append(Problem(f"front matter {text_problem}", line))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 2 if mark else None
        page_problems.append(Problem(f"the front matter is not valid YAML: {getattr(error, 'problem', '')}", line))
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        page_problems.append(Problem("the front matter must be keys and values (key: value)", 2))
        meta = {}
    return Page(meta, meta_text, 2, body, text.count("\n", 0, found.end()) + 1, tuple(page_problems))


def _key_line(page: Page, key: str) -> int:
    for number, line in enumerate(page.meta_text.split("\n")):
        if re.match(rf"[ ]{{0,3}}{re.escape(key)}\s*:", line, re.IGNORECASE):
            return page.meta_line + number
    return page.meta_line


def meta_problems(english: Page, translated: Page, shadowed: frozenset[str]) -> list[Problem]:
    """Only the English page's keys; words checked as text; every other value the English one."""
    found: list[Problem] = []
    allowed = sorted({*english.meta, HASH_KEY})
    for key, value in translated.meta.items():
        line = _key_line(translated, str(key))
        if key in shadowed:
            found.append(Problem(f"front matter key '{key}' has the name of a macro or template variable", line))
        elif key not in english.meta and key != HASH_KEY:
            found.append(
                Problem(f"front matter key '{key}' is not in the English page (allowed: {', '.join(allowed)})", line)
            )
        elif key in TEXT_KEYS:
            try:
                _PAGE_TEXT.validate_python(value)
            except ValidationError as error:
                found.append(Problem(f"front matter '{key}' {_plain_words(error.errors(include_url=False)[0])}", line))
        elif key != HASH_KEY and value != english.meta[key]:
            found.append(Problem(f"front matter '{key}' must be the English page's value, unchanged", line))
    for key in english.meta:
        if key not in translated.meta:
            kind = "translate" if key in TEXT_KEYS else "copy"
            found.append(Problem(f"front matter key '{key}' is missing: {kind} the English page's", 1))
    return found


# ---------------------------------------------------------------------------
# The body: macro calls, links, raw HTML and attribute lists
# ---------------------------------------------------------------------------


def _blank(match: re.Match[str]) -> str:
    """A match replaced by spaces, keeping its line breaks (so line numbers stay right)."""
    return re.sub(r"[^\n]", " ", match.group(0))


def _line(text: str, position: int, first: int) -> int:
    return first + text.count("\n", 0, position)


def template_spans(text: str) -> list[tuple[int, int, str]]:
    """Each {{ ... }}, {% ... %} and {# ... #}, as Jinja reads them: from an opener to its first
    closer. An opener without a closer ends the scan (what follows is left as text)."""
    spans = []
    position = 0
    while found := TEMPLATE_OPENER.search(text, position):
        end = text.find(TEMPLATE_CLOSER[found.group()], found.end())
        if end == -1:
            break
        spans.append((found.start(), end + 2, found.group()))
        position = end + 2
    return spans


def _blanked(text: str, spans: Iterable[tuple[int, int, str]]) -> str:
    pieces, last = [], 0
    for start, end, _ in spans:
        pieces += [text[last:start], re.sub(r"[^\n]", " ", text[start:end])]
        last = end
    return "".join([*pieces, text[last:]])


def _prose(body: str) -> str:
    """The body without its template code. Code spans and blocks are NOT left out: raw HTML or a
    link counts wherever it is (the English pages hold none in code)."""
    return _blanked(body, template_spans(body))


def macro_calls(body: str) -> list[tuple[str, int]]:
    """Every macro call outside a Jinja comment: a call inside {# ... #} is never run."""
    return [(body[start:end], body.count("\n", 0, start)) for start, end, kind in template_spans(body) if kind != "{#"]


def links(prose: str) -> list[tuple[str, int]]:
    """Every link target of every Markdown form, with its line offset in the body."""
    found = [(m.group(1) if m.group(1) is not None else m.group(2), m.start()) for m in INLINE_LINK.finditer(prose)]
    found += [(m.group(2) or m.group(3), m.start()) for m in REFERENCE_DEFINITION.finditer(prose)]
    found += [(m.group(1), m.start()) for m in AUTOLINK.finditer(prose)]
    return [(target, prose.count("\n", 0, start)) for target, start in found]


@dataclass(frozen=True)
class Tag:
    kind: str  # start, end, comment, declaration
    name: str
    attributes: tuple[tuple[str, str | None], ...]
    line: int  # offset in the body

    def shown(self) -> str:
        if self.kind == "end":
            return f"</{self.name}>"
        if self.kind != "start":
            return f"an HTML {self.kind}"
        parts = [name if value is None else f'{name}="{value[:40]}"' for name, value in self.attributes]
        return "<" + " ".join([self.name, *parts]) + ">"


@dataclass(frozen=True)
class Markup:
    tags: list[Tag]
    links: list[tuple[str, int]]


def _tag(token: str, line: int) -> tuple[Tag, list[tuple[str, int]]]:
    if token.startswith("<!--"):
        return Tag("comment", "", (), line), []
    if token.startswith(("<!", "<?")):
        return Tag("declaration", "", (), line), []
    name = TAG_NAME.match(token)
    assert name is not None  # TAG_TOKEN starts every tag with a letter
    if token.startswith("</"):
        return Tag("end", name.group(1).lower(), (), line), []
    rest = token[name.end() :].removesuffix(">")
    attributes = [
        (match.group(1).lower(), (match.group(2) or "").strip("\"'")) for match in TAG_ATTRIBUTE.finditer(rest)
    ]
    leftover = TAG_ATTRIBUTE.sub("", rest).strip(" \t\n/")
    if leftover:  # anything the attribute grammar did not read must be the English page's too
        attributes.append(("?", leftover))
    shape = tuple(sorted((key, None if is_text_attribute(key) else value) for key, value in attributes))
    return Tag("start", name.group(1).lower(), shape, line), [
        (value, line) for key, value in attributes if key in LINK_ATTRIBUTES
    ]


def html_tags(prose: str) -> Markup:
    """Every piece of markup in the prose, in order, and the addresses its attributes hold."""
    text = AUTOLINK.sub(_blank, prose)
    tags, found_links = [], []
    for match in TAG_TOKEN.finditer(text):
        tag, tag_links = _tag(match.group(0), text.count("\n", 0, match.start()))
        tags.append(tag)
        found_links += tag_links
    return Markup(tags, found_links)


def attribute_lists(prose: str, heading_ids: Iterable[str]) -> list[tuple[str, int]]:
    """Every `{ ... }` attribute list but a heading's own `{ #id }` (a translation adds those)."""
    ids = {f"#{heading_id}" for heading_id in heading_ids}
    found = []
    for match in ATTR_LIST.finditer(prose):
        items = " ".join(match.group(1).split())
        if items not in ids:
            found.append((items, prose.count("\n", 0, match.start())))
    return found


def _multiset_problems(
    english: list[tuple[str, int]], translated: list[tuple[str, int]], first: int, what: str, advice: str
) -> list[Problem]:
    extra = Counter(value for value, _ in translated) - Counter(value for value, _ in english)
    missing = Counter(value for value, _ in english) - Counter(value for value, _ in translated)
    found = []
    for value, offset in translated:
        if extra[value] > 0:
            extra[value] -= 1
            found.append(
                Problem(f"has {what} {_quoted(value)} that the English page does not have: {advice}", first + offset)
            )
    for value in sorted(missing.elements()):
        found.append(Problem(f"is missing {what} {_quoted(value)} of the English page", None))
    return found


def _quoted(value: str) -> str:
    shown = value if len(value) <= 80 else value[:77] + "..."
    return repr(shown)


def tag_problems(english: list[Tag], translated: list[Tag], first: int) -> list[Problem]:
    """The raw HTML must be the English page's, element by element: the first difference is named."""
    for position in range(max(len(english), len(translated))):
        mine = translated[position] if position < len(translated) else None
        theirs = english[position] if position < len(english) else None
        if (
            mine is not None
            and theirs is not None
            and (mine.kind, mine.name, mine.attributes)
            == (
                theirs.kind,
                theirs.name,
                theirs.attributes,
            )
        ):
            continue
        if mine is None:
            return [Problem(f"is missing the raw HTML {theirs.shown()} of the English page", None)]  # type: ignore[union-attr]
        where = f" where the English page has {theirs.shown()}" if theirs is not None else ""
        return [
            Problem(
                f"has the raw HTML {mine.shown()}{where}: raw HTML must be the English page's, with the same "
                "attributes (only words change: title, alt, aria-label, data-*)",
                first + mine.line,
            )
        ]
    return []


def shape_problems(
    english_text: str,
    translated_text: str,
    heading_ids: Iterable[str] = (),
    shadowed: frozenset[str] | None = None,
) -> list[Problem]:
    """Everything in which a translated page differs from the English page's shape."""
    if len(translated_text) > MAX_PAGE_CHARACTERS:
        return [Problem(f"is too big: {len(translated_text):,} characters, at most {MAX_PAGE_CHARACTERS:,}")]
    shadowed = macro_names() if shadowed is None else shadowed
    english, translated = split_page(english_text), split_page(translated_text)
    found = list(translated.problems)
    if not translated.problems:
        found += meta_problems(english, translated, shadowed)
    first = translated.body_line
    spans = template_spans(translated.body)
    for start, _, kind in spans:
        if kind == "{#":
            found.append(
                Problem(
                    "has a template comment ({# ... #}): pages must not hold '{#'", _line(translated.body, start, first)
                )
            )
            break
    stray = TEMPLATE_MARK.search(_blanked(translated.body, spans))
    if stray:
        found.append(
            Problem(
                f"has '{stray.group()}' outside a macro call: pages hold no other template code",
                _line(translated.body, stray.start(), first),
            )
        )
    found += _multiset_problems(
        macro_calls(english.body),
        macro_calls(translated.body),
        first,
        "the macro call",
        "call the same macros, with the same arguments, as the English page",
    )
    english_prose, prose = _prose(english.body), _prose(translated.body)
    english_tags, tags = html_tags(english_prose), html_tags(prose)
    found += _multiset_problems(
        links(english_prose) + english_tags.links,
        links(prose) + tags.links,
        first,
        "a link to",
        "link only where the English page links",
    )
    found += tag_problems(english_tags.tags, tags.tags, first)
    found += _multiset_problems(
        attribute_lists(english_prose, heading_ids),
        attribute_lists(prose, heading_ids),
        first,
        "the attribute list",
        "keep the English page's { ... } attribute lists",
    )
    english_abbr, abbr = ABBREVIATION.findall(english_prose), ABBREVIATION.finditer(prose)
    for position, match in enumerate(abbr):
        if position >= len(english_abbr):
            found.append(
                Problem(
                    "defines an abbreviation (*[...]: ...) the English page does not have",
                    _line(prose, match.start(), first),
                )
            )
    return found


def check_meta(meta: Mapping[str, Any], shadowed: frozenset[str]) -> list[str]:
    """The English page's own front matter: no key named like a macro."""
    return [f"front matter key '{key}' has the name of a macro or template variable" for key in meta if key in shadowed]
