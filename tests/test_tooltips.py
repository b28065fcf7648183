"""Glossary tooltips show text. Our tooltip (docs/assets/js/glossary-tip.js) puts a meaning in as
text, and Material's content.tooltips (off, for speed) put it in as HTML: a meaning may still not
hold <, > or & (macros/schema.py refuses them in every language, naming file, entry and field), so
turning Material's back on stays safe and what is left reads the same as text and as HTML."""

from __future__ import annotations

import html
import re
import shutil
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from conftest import ROOT, BrowserTab, axe_report

from macros.data import load_guide
from macros.render import abbreviations
from macros.schema import DataError, validate

# The review's payloads (Y21, T36): a link, an image with a handler, and a redirect.
REFUSED = [
    '<a href="https://evil.example/x">Call our refund desk</a>',
    '<img src="x" onerror="window.__pwned=1">',
    '<meta http-equiv="refresh" content="0;url=https://evil.example/tooltip">',
    "Terms &amp; conditions",
    "More > less",
]
# Hostile text that is still text: quotes that try to leave the attribute, a handler and a URL
# written out, Markdown and placeholders. The tooltip must show exactly this.
ALLOWED = (
    'The rules" onmouseover="window.__pwned=1" x=\' javascript:window.__pwned=2 '
    "http-equiv=refresh content=0;url=https://evil.example/ [call us](https://evil.example/) {name} *bold*"
)


def copy_data(tmp_path: Path) -> Path:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    return data


def set_meaning(path: Path, term_id: str, meaning: str) -> None:
    text = path.read_text(encoding="utf-8")
    content = yaml.safe_load(text)
    terms = content["terms"]
    if isinstance(terms, list):
        next(term for term in terms if term["id"] == term_id)["meaning"] = meaning
    else:
        terms[term_id]["meaning"] = meaning
    first_line = text.splitlines()[0]
    path.write_text(first_line + "\n" + yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.mark.parametrize("meaning", REFUSED)
def test_markup_in_an_english_meaning_fails_naming_file_entry_and_field(meaning: str) -> None:
    raw = yaml.safe_load((ROOT / "data" / "glossary.yml").read_text(encoding="utf-8"))
    next(term for term in raw["terms"] if term["id"] == "buyer-protection")["meaning"] = f"The rules. {meaning}"
    with pytest.raises(DataError) as refused:
        validate("glossary.yml", raw)
    message = str(refused.value)
    assert message.startswith("data/glossary.yml: entry 'buyer-protection': field 'meaning': contains '"), message
    assert "the meaning is shown as a tooltip" in message


@pytest.mark.parametrize("language", ["es", "pt-BR"])
def test_markup_in_a_translated_meaning_fails_naming_the_translation(tmp_path: Path, language: str) -> None:
    data = copy_data(tmp_path)
    set_meaning(data / "i18n" / language / "glossary.yml", "chargeback", f"Estorno. {REFUSED[2]}")
    with pytest.raises(DataError) as refused:
        load_guide(data, language=language)
    assert str(refused.value).startswith(
        f"data/i18n/{language}/glossary.yml: entry 'chargeback': field 'meaning': contains '<' at character 10"
    ), str(refused.value)


def abbr_title(meaning: str) -> str:
    """The <abbr> the build writes for a meaning: through data validation, render.abbreviations and
    the abbr extension, as on every page."""
    glossary = validate(
        "glossary.yml",
        {
            "terms": [
                {
                    "id": "buyer-protection",
                    "term": "Buyer Protection",
                    "forms": ["Buyer Protection"],
                    "meaning": meaning,
                }
            ]
        },
    )
    guide: Any = type("Guide", (), {"glossary": glossary["terms"]})
    written = markdown.markdown(f"Buyer Protection\n\n{abbreviations(guide)}", extensions=["abbr"])
    found = re.search(r"<abbr title=\"[^\"]*\">Buyer Protection</abbr>", written)
    assert found, written
    return found.group(0)


def shown_tooltip(page: Any, abbr: Any) -> str:
    """Hover the word as a reader would and return the text of its tooltip."""
    page.mouse.move(0, 0)
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    tooltip = page.locator("#rg-tip[role=tooltip]")
    tooltip.wait_for(state="visible", timeout=5_000)
    return tooltip.inner_text()


def meanings(language: str) -> dict[str, str]:
    guide = load_guide(ROOT / "data", language=language)
    return {form: " ".join(term["meaning"].split()) for term in guide.glossary for form in term["forms"]}


@pytest.mark.parametrize("language", ["en", "es", "pt-BR"])
def test_each_language_shows_the_meaning_as_written(context: Any, served: str, language: str) -> None:
    tab = BrowserTab(context, served)
    prefix = "" if language == "en" else f"{language}/"
    page = tab.page
    page.goto(f"{served}{prefix}checklist/")
    abbr = page.locator("article abbr").first
    word = abbr.inner_text()
    assert shown_tooltip(page, abbr) == meanings(language)[word]
    assert tab.errors == []


def test_a_hostile_meaning_shows_as_text_and_does_nothing(site: Path, context: Any, served: str) -> None:
    tab = BrowserTab(context, served)
    built = (site / "checklist" / "index.html").read_text(encoding="utf-8")
    first = re.search(r'<abbr title="[^"]*"[^>]*>Buyer Protection</abbr>', built)
    assert first, "the checklist explains Buyer Protection"
    hostile = built.replace(first.group(0), abbr_title(ALLOWED), 1)
    page = tab.page
    page.route("**/checklist/", lambda route: route.fulfill(status=200, content_type="text/html", body=hostile))
    page.goto(f"{served}checklist/")
    abbr = page.locator("article abbr", has_text="Buyer Protection").first
    assert shown_tooltip(page, abbr) == ALLOWED
    assert page.locator("#rg-tip *").count() == 0, "the tooltip holds elements, not text"
    page.wait_for_timeout(300)
    assert page.url == f"{served}checklist/"
    assert page.evaluate("window.__pwned") is None
    assert tab.dialogs == [] and tab.errors == []
    assert not [url for url in tab.requests if not url.startswith(served)], "a request left the site"
    assert html.unescape(re.search(r'title="([^"]*)"', abbr_title(ALLOWED)).group(1)) == ALLOWED


SMALL_PHONE = {"viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True}


@pytest.mark.parametrize("palette", ["default", "slate"])
def test_a_tap_on_a_phone_shows_the_meaning_on_screen_and_escape_hides_it(
    browser: Any, served: str, palette: str
) -> None:
    context = browser.new_context(**SMALL_PHONE, color_scheme="dark" if palette == "slate" else "light")
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}scams/non-delivery/")
    words = page.locator("article abbr:not(a abbr)")  # a tap on a word in a link follows the link
    assert words.count() >= 2
    for index in range(words.count()):
        abbr = words.nth(index)
        meaning = meanings("en")[abbr.inner_text()]
        abbr.scroll_into_view_if_needed()
        abbr.tap()
        tip = page.locator("#rg-tip[role=tooltip]")
        tip.wait_for(state="visible", timeout=5_000)
        assert tip.inner_text() == meaning
        assert abbr.get_attribute("aria-describedby") == "rg-tip" and abbr.get_attribute("title") is None
        box, word = tip.bounding_box(), abbr.bounding_box()
        assert box and word and box["x"] >= 0 and box["x"] + box["width"] <= 360, box
        assert box["y"] >= word["y"] + word["height"], "the meaning shows under the word"
    assert axe_report(page) == "", "axe with a meaning shown"
    page.keyboard.press("Escape")
    assert page.locator("#rg-tip").is_hidden()
    last = words.nth(words.count() - 1)
    assert last.get_attribute("title") == meanings("en")[last.inner_text()], "the title is back"
    assert last.get_attribute("aria-describedby") is None
    page.locator("article h1").tap()
    assert page.locator("#rg-tip").is_hidden()
    assert tab.errors == []
    context.close()


def test_pointing_elsewhere_hides_the_meaning(context: Any, served: str) -> None:
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}checklist/")
    abbr = page.locator("article abbr").first
    shown_tooltip(page, abbr)
    page.locator("#rg-tip").hover()
    assert page.locator("#rg-tip").is_visible(), "the meaning stays while the pointer is on it"
    page.locator("article h1").hover()
    assert page.locator("#rg-tip").is_hidden()
    assert abbr.get_attribute("title")
    assert tab.errors == []


def test_the_keyboard_reaches_each_explained_word_and_its_meaning(context: Any, served: str, site: Path) -> None:
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}scams/non-delivery/")
    stops = page.locator("article abbr[tabindex='0']")
    assert stops.count() >= 2
    assert page.locator(":is(a, button, summary, label) abbr[tabindex]").count() == 0, "no stop inside a stop"
    focused = "document.activeElement.tagName"
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate(focused) == "ABBR":
            break
    word = page.locator("abbr:focus")
    assert word.count() == 1, "Tab reaches a glossary word"
    text = word.inner_text()
    tip = page.locator("#rg-tip[role=tooltip]")
    tip.wait_for(state="visible", timeout=5_000)
    assert tip.inner_text() == meanings("en")[text]
    assert word.get_attribute("aria-describedby") == "rg-tip"
    page.keyboard.press("Escape")
    assert tip.is_hidden() and word.get_attribute("title") == meanings("en")[text]
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    tip.wait_for(state="visible", timeout=5_000)
    page.keyboard.press("Tab")
    if page.evaluate(focused) != "ABBR":
        page.locator("#rg-tip").wait_for(state="hidden", timeout=5_000)
    assert tab.errors == []
    handout = (site / "for-lawyers" / "handout" / "non-delivery" / "index.html").read_text(encoding="utf-8")
    assert "<abbr" in handout and not re.search(r"<abbr[^>]*tabindex", handout), "a handout is for paper: no stops"
