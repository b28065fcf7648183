"""What keeps pages fast, checked without a clock (timings live in bench/): search loads only when
the reader opens it, nothing moves when a page script starts, the checklist hides only when it has
ticks to restore, and Material's search dialog has a name."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, BrowserTab, html_pages

from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
SEARCH_FILES = re.compile(r"/search/search_index\.json$|/workers/search\.\w+\.min\.js$")
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
# Every layout shift from the start of the page, and whether the checklist was hidden at any point.
WATCH = """
window.__shifts = [];
window.__shiftWatch = new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) window.__shifts.push(entry.value);
});
window.__shiftWatch.observe({ type: "layout-shift", buffered: true });
window.__hidden = false;
new MutationObserver(() => {
  window.__hidden ||= document.documentElement.classList.contains("rg-restoring");
}).observe(document, { attributes: true, subtree: true, attributeFilter: ["class"] });
"""
# Every shift so far, once two more frames are drawn: those not yet handed to the observer too.
SHIFTS_AFTER_NEXT_FRAMES = """
new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => {
  for (const entry of window.__shiftWatch.takeRecords()) window.__shifts.push(entry.value);
  done(window.__shifts);
})))
"""


def test_every_page_names_the_search_dialog(site: Path) -> None:
    label = GUIDE.strings["search.dialog"]
    pages = [site / page / "index.html" for page in html_pages(site)] + [site / "404.html"]
    unnamed = [
        str(page.relative_to(site))
        for page in pages
        if f'role="dialog" aria-label="{label}"' not in page.read_text(encoding="utf-8")
    ]
    assert unnamed == []


@pytest.fixture
def phone(browser: Any) -> Any:
    context = browser.new_context(**PHONE)
    context.add_init_script(WATCH)
    yield context
    context.close()


def test_search_loads_only_when_the_reader_opens_it(phone: Any, served: str) -> None:
    tab = BrowserTab(phone, served)
    tab.page.goto(served + "checklist/", wait_until="networkidle")
    assert [url for url in tab.requests if SEARCH_FILES.search(url)] == []
    tab.page.locator("label.md-header__button[for=__search]").click()  # the magnifier on a phone
    tab.page.locator("input.md-search__input").press_sequentially("chargeback", delay=30)
    tab.page.locator(".md-search-result__list a").first.wait_for(timeout=10_000)
    assert len([url for url in tab.requests if SEARCH_FILES.search(url)]) == 2
    assert tab.errors == []


@pytest.mark.parametrize("path", ["checklist/", "steps/evidence/"])
def test_a_first_visit_shows_the_checklist_at_once_and_nothing_moves(phone: Any, served: str, path: str) -> None:
    tab = BrowserTab(phone, served)
    tab.page.goto(served + path)
    tab.page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    tab.page.wait_for_function("document.documentElement.classList.contains('js')")  # Material's bundle ran
    # Nothing at all: the 0.0008 that came with the language menu was Material's phone search button
    # appearing beside it once the bundle ran (extra.css now shows it from the first paint).
    assert tab.page.evaluate(SHIFTS_AFTER_NEXT_FRAMES) == []
    assert tab.page.evaluate("window.__hidden") is False, "a first visit has no ticks to restore"
    assert tab.errors == []


def test_saved_ticks_hide_the_list_until_they_are_back(phone: Any, served: str) -> None:
    item = GUIDE.steps[0]["checklist"][0]["id"]
    saved = f"{{v: 2, checklist: {{type: null, ticked: ['{item}']}}}}"
    phone.add_init_script(f"localStorage.setItem('refund-guide:v2', JSON.stringify({saved}));")
    tab = BrowserTab(phone, served)
    tab.page.goto(served + "checklist/")
    tab.page.wait_for_load_state("load")
    assert tab.page.evaluate("window.__hidden") is True
    assert tab.page.evaluate("document.documentElement.classList.contains('rg-restoring')") is False
    assert tab.page.locator(f'input[data-check-id="{item}"]').is_checked()
