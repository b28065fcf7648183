"""Property-based fuzzing of the data loader and renderers (Hypothesis).

Random and hostile strings go into every text of every data file, through the YAML loader. Each
example must end in one of two ways: a DataError that names a data file and a field, or pages in
which the string is inert text: the same HTML elements as with plain words in its place, no event
handler, no javascript: link, no script. `make test` runs a bounded, repeatable number of examples;
`make fuzz` runs at least 10,000 and prints how many it ran (FUZZ_EXAMPLES sets the number).
"""

from __future__ import annotations

import copy
import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import markdown
import yaml
from conftest import ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_inert_text import EXTENSIONS, HOSTILE, parsed

from macros import calculator, letters, render
from macros.data import DATA_FILES, guide_from, read_yaml
from macros.schema import DataError

RAW = {name: read_yaml(ROOT / "data" / name, f"data/{name}") for name in DATA_FILES}
EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "60"))
COUNT = Counter()


def text_paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every text in a data file's content."""
    if isinstance(value, str):
        yield path
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from text_paths(item, (*path, key))
    elif isinstance(value, list):
        for position, item in enumerate(value):
            yield from text_paths(item, (*path, position))


PATHS = [(name, path) for name in DATA_FILES for path in text_paths(RAW[name])]


def through_yaml(value: str) -> str:
    """The string as a data file would give it: written as YAML, read back by the guide's loader."""
    with tempfile.TemporaryDirectory() as folder:
        file = Path(folder) / "value.yml"
        file.write_text(yaml.safe_dump({"value": value}, allow_unicode=True), encoding="utf-8")
        return read_yaml(file, "data/value.yml")["value"]


def with_value(name: str, path: tuple[Any, ...], value: str) -> dict[str, Any]:
    raw = {**RAW, name: copy.deepcopy(RAW[name])}
    target = raw[name]
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return raw


def pages_for(name: str, path: tuple[Any, ...], raw: dict[str, Any]) -> str:
    """Every page piece the changed text can show up in, rendered to HTML."""
    guide = guide_from(raw)
    locale = "en"
    pieces = []
    if name == "scams.yml" and path[0] == "scams":
        scam_id = raw[name]["scams"][path[1]]["id"]
        pieces += [render.scam_page_markdown(guide, scam_id, locale), render.full_checklist(guide, "checklist.md")]
    if name in ("scams.yml", "steps.yml"):
        pieces += [render.scam_index(guide, "scams/index.md"), render.ways_in(guide, "index.md")]
        pieces += [render.steps_overview(guide, "index.md"), render.full_checklist(guide, "checklist.md")]
        pieces.append(render.checklist_controls(guide))
    if name == "deadlines.yml":
        pieces += [render.step_deadlines(guide, step["id"], locale) for step in guide.steps]
    if name == "agencies.yml":
        pieces += [render.agencies(guide, locale), render.scam_page_markdown(guide, "provider-said-no", locale)]
    if name in ("firm.yml", "credit.yml"):
        pieces += [render.firm_card(guide), render.source_credit(guide)]
    if name in ("letters.yml", "strings.yml"):
        pieces += [letters.letter_page_markdown(guide, letter["id"], locale) for letter in guide.letters]
        pieces.append(letters.letter_index(guide, "letters/index.md"))
    if name == "strings.yml":
        pieces += [render.scam_page_markdown(guide, "non-delivery", locale), render.checklist_controls(guide)]
        pieces += [render.full_checklist(guide, "checklist.md"), render.agencies(guide, locale)]
    if name == "methods.yml":
        pieces.append(calculator.deadlines_calculator(guide, locale))
    if name == "glossary.yml":
        words = " ".join(form for term in guide.glossary for form in term["forms"])
        pieces += [render.glossary_list(guide), f"Words: {words}.", render.abbreviations(guide)]
    return markdown.markdown("\n\n".join(pieces), extensions=EXTENSIONS)


@cache
def plain_tags(name: str, path: tuple[Any, ...], blank: bool) -> Counter[str]:
    """The elements of the same pages with the shipped text (or with it left empty, as an optional
    field may be)."""
    return Counter(parsed(pages_for(name, path, with_value(name, path, "") if blank else RAW)).tags)


# Any text at all; text a translator could type (no control characters); hostile fragments mixed in.
printable = st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=80)
hostile_text = st.one_of(
    st.text(max_size=80),
    printable,
    st.lists(st.one_of(st.sampled_from(HOSTILE), printable), min_size=1, max_size=4).map("".join),
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,  # repeatable in make test, fresh in make fuzz
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(target=st.sampled_from(PATHS), value=hostile_text)
def test_any_text_in_data_is_refused_by_name_or_rendered_inert(target: tuple[str, tuple[Any, ...]], value: str) -> None:
    name, path = target
    COUNT["examples"] += 1
    try:
        raw = with_value(name, path, through_yaml(value))
        html = pages_for(name, path, raw)
    except DataError as error:
        COUNT["refused"] += 1
        assert error.where.file.startswith("data/"), str(error)
        assert error.where.field or error.where.entry != "(top level)", f"no field named: {error}"
        assert len(str(error)) < 1000, "messages stay short"
        return
    COUNT["rendered"] += 1
    found = parsed(html)
    assert not found.handlers, found.handlers
    assert not [url for url in found.urls if url.strip().lower().startswith("javascript:")], found.urls
    assert not found.scripts, found.scripts
    expected = plain_tags(name, path, not value.strip())
    assert Counter(found.tags) == expected, f"{name} {path}: {value!r} changed the page's markup"


# --- Translated pages (i18n/<code>/*.md): front matter and body -------------------------------------

PAGE_EN = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
PAGE_ES = (ROOT / "i18n" / "es" / "privacy.md").read_text(encoding="utf-8")
# What a translated page may render to besides its words: Markdown's own elements, and the English
# page's raw HTML with its attributes (checked by macros/page_shape.py, not here).
MARKDOWN_TAGS = {
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "strong", "em", "code", "pre", "blockquote",
    "hr", "br", "a", "img", "div", "details", "summary", "span", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
# Keys a hostile translator could add, and (more often) the English page's own words or nothing.
FRONT_KEYS = ["title", "subtitle", "scripts", "hide", "search", "template", "render_macros", "source_credit"]
front_matter = st.one_of(
    st.none(),
    st.tuples(st.just("description"), hostile_text),
    st.tuples(st.sampled_from(FRONT_KEYS), st.one_of(hostile_text, st.lists(printable, max_size=3), st.booleans())),
)


def page_links(text: str) -> Counter[str]:
    from macros.page_shape import _prose, html_tags, links, split_page

    prose = _prose(split_page(text).body)
    return Counter(target for target, _ in links(prose) + html_tags(prose).links)


def rendered_body(text: str) -> str:
    from macros.page_shape import MACRO_CALL, split_page

    return markdown.markdown(MACRO_CALL.sub("", split_page(text).body), extensions=EXTENSIONS)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    front=front_matter,
    line=st.integers(min_value=0, max_value=PAGE_ES.count("\n")),
    text=st.one_of(printable, hostile_text),
)
def test_a_translated_page_is_refused_by_line_or_stays_text(
    front: tuple[str, Any] | None, line: int, text: str
) -> None:
    from html import escape

    from macros.i18n import page_problems
    from macros.page_shape import TEXT_KEYS, split_page

    COUNT["page examples"] += 1
    lines = PAGE_ES.split("\n")
    lines.insert(line, text)
    page = "\n".join(lines)
    if front is not None:
        key, value = front
        if key == "description":
            page = re.sub(r"description: >-\n(  .*\n)+", "", page)
        written = yaml.safe_dump({key: value}, allow_unicode=True, default_flow_style=True, width=10_000)
        page = page.replace("---\n", "---\n" + written, 1)
    problems = page_problems(PAGE_EN, page)
    if problems:
        COUNT["pages refused"] += 1
        assert all(len(problem) < 1000 for problem in problems)
        return
    COUNT["pages built"] += 1
    meta = split_page(page).meta
    english_meta = split_page(PAGE_EN).meta
    assert set(meta) <= {*english_meta, "source_hash"}
    for name, got in meta.items():
        if name in TEXT_KEYS:
            assert "<" not in escape(got) and "{{" not in got
        elif name != "source_hash":
            assert got == english_meta[name]
    found = parsed(rendered_body(page))
    assert not found.handlers and not found.scripts, found
    assert set(found.tags) <= MARKDOWN_TAGS | set(parsed(rendered_body(PAGE_EN)).tags), found.tags
    assert page_links(page) == page_links(PAGE_EN)


# --- data/languages.yml: the language menu on every page ------------------------------------------


@cache
def menu_template() -> Any:
    import jinja2

    loader = jinja2.ChoiceLoader(
        [jinja2.FileSystemLoader(ROOT / "overrides"), jinja2.DictLoader({".icons/material/translate.svg": ""})]
    )
    return jinja2.Environment(loader=loader).get_template("partials/alternate.html")


def menu(root: Path) -> str:
    """The language menu (overrides/partials/alternate.html) as the build renders it."""
    from hooks import languages

    listed = languages.languages(root)
    template = menu_template()
    alternates = [{"name": item["name"], "link": f"/{item['code']}/", "lang": item["code"]} for item in listed]
    config = {"theme": {"icon": {}}, "extra": {"rg_alternates": alternates}}
    return template.render(config=config, lang={"t": lambda key: key})


LANGUAGE_PATHS = list(text_paths(RAW["languages.yml"]))
NAME_PATHS = [path for path in LANGUAGE_PATHS if path[-1] == "name"]
# Names the model lets through (letters of any script, marks, spaces, a few signs), to fuzz the menu.
language_name = st.text(
    st.one_of(st.characters(whitelist_categories=("Lu", "Ll", "Lt", "Lm", "Lo", "Mc")), st.sampled_from(" ()-'.")),
    min_size=1,
    max_size=40,
)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="FUZZ_EXAMPLES" not in os.environ,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(
    path=st.sampled_from(NAME_PATHS * 3 + LANGUAGE_PATHS),
    value=st.one_of(language_name, language_name, printable, hostile_text),
    whole=st.one_of(st.none(), st.none(), st.none(), st.none(), st.text(max_size=200)),
)
def test_languages_yml_is_refused_by_name_or_its_menu_stays_text(
    path: tuple[Any, ...], value: str, whole: str | None
) -> None:
    from mkdocs.exceptions import PluginError

    COUNT["language examples"] += 1
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        (root / "data").mkdir()
        for code in ("es", "pt-BR"):
            (root / f"mkdocs.{code}.yml").write_text("INHERIT: mkdocs.yml\n", encoding="utf-8")
        content = with_value("languages.yml", path, value)["languages.yml"]
        text = whole if whole is not None else yaml.safe_dump(content, allow_unicode=True, sort_keys=False)
        (root / "data" / "languages.yml").write_text(text, encoding="utf-8")
        try:
            html = menu(root)
        except PluginError as error:
            COUNT["languages refused"] += 1
            assert "data/languages.yml" in str(error) and len(str(error)) < 1000, str(error)
            return
    COUNT["languages built"] += 1
    found = parsed(html)
    assert not found.handlers and not found.scripts, found
    assert Counter(found.tags) == Counter(parsed(menu(ROOT)).tags), html


def test_zz_report_the_count() -> None:
    """Runs after the fuzz tests (same module, defined last) and prints what they did."""
    print(
        f"\nfuzz: {COUNT['examples']} examples, {COUNT['refused']} refused with a DataError, "
        f"{COUNT['rendered']} rendered as inert text, over {len(PATHS)} texts in {len(DATA_FILES)} data files; "
        f"{COUNT['page examples']} translated pages ({COUNT['pages refused']} refused by line, "
        f"{COUNT['pages built']} text); {COUNT['language examples']} languages.yml "
        f"({COUNT['languages refused']} refused by name, {COUNT['languages built']} inert menus)"
    )
    assert COUNT["examples"] >= min(EXAMPLES, 1)
    assert COUNT["page examples"] >= min(EXAMPLES, 1)
    assert COUNT["language examples"] >= min(EXAMPLES, 1)
