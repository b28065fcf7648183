"""Reader journeys, end to end in Chromium: what a worried buyer does, on a phone with touch and on a
desktop. From "what happened to me" to a tailored checklist and a letter, in a few taps."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from conftest import AFTER_TWO_FRAMES, ROOT, BrowserTab
from playwright.sync_api import expect

from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 3}
DESKTOP = {"viewport": {"width": 1280, "height": 800}}
# Our own controls: what the reader taps. Material's own header and navigation are not ours. A box
# or radio button inside its label is tapped through the label, so the label is what is measured.
OUR_CONTROLS = (
    ".md-content button:visible, .md-content .md-button:visible, .md-content input:not(label input):visible, "
    ".md-content select:visible, .md-content textarea:visible, .md-content summary:visible, "
    ".md-content .rg-checklist__label:visible, .md-content .rg-choice__option:visible, "
    ".md-content ul:not(.rg-checklist) > li > a:first-child:visible"
)


@pytest.fixture(params=["phone", "desktop"])
def device(request: Any, browser: Any, served: str) -> Iterator[tuple[str, BrowserTab]]:
    context = browser.new_context(**(PHONE if request.param == "phone" else DESKTOP))
    yield request.param, BrowserTab(context, served)
    context.close()


@contextmanager
def new_page(browser: Any, **options: Any) -> Iterator[Any]:
    """A page in a fresh browser context with these options (viewport, touch, no JavaScript...)."""
    context = browser.new_context(**options)
    try:
        yield context.new_page()
    finally:
        context.close()


def tap(kind: str, locator: Any) -> None:
    locator.scroll_into_view_if_needed()
    locator.tap() if kind == "phone" else locator.click()


def test_problem_page_leads_to_its_own_checklist_with_the_key_task_first(device: tuple[str, BrowserTab]) -> None:
    kind, tab = device
    page = tab.page
    page.goto(tab.base)
    tap(kind, page.locator("summary", has_text="The parcel did not come"))
    # The folded groups under "Find your problem" (the big choices above go straight to the plan).
    tap(
        kind,
        page.locator("details.rg-chooser[open]").get_by_role("link", name="Tracking says delivered, but nothing came"),
    )
    page.wait_for_url("**/scams/delivered-elsewhere/")
    button = page.locator(".md-content a.rg-cta")
    assert button.bounding_box()["y"] < 844, "the checklist button is on the first screen"
    tap(kind, button)
    page.wait_for_url("**/checklist/?type=delivered-elsewhere")
    title = GUIDE.scam("delivered-elsewhere")["title"]
    page.locator("h1", has_text=title).wait_for()
    page.wait_for_function("(title) => document.title.includes(title)", arg=title, timeout=5000)
    next_task = page.locator(".rg-checklist__item.is-next")
    # The problem page's own heading and tab title also hold the title: wait for the checklist itself.
    next_task.first.wait_for()
    assert next_task.count() == 1
    assert next_task.get_attribute("data-check-id") == "evidence.carrier-statement"
    first_visible = page.locator(".rg-checklist__item:visible").first
    assert first_visible.get_attribute("data-check-id") == "evidence.carrier-statement"
    tap(kind, next_task.locator("input"))
    expect(page.locator(".rg-checklist__item.is-next")).not_to_have_attribute(
        "data-check-id", "evidence.carrier-statement"
    )
    assert tab.errors == []


def test_letter_opened_for_a_problem_offers_its_reason(device: tuple[str, BrowserTab]) -> None:
    kind, tab = device
    page = tab.page
    page.goto(f"{tab.base}scams/counterfeit/")
    tap(kind, page.locator(".md-content a[href*='letters/card-chargeback/?type=counterfeit']"))
    page.wait_for_url("**/letters/card-chargeback/?type=counterfeit")
    page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
    assert page.locator('[data-choice="claim-reason"][value="counterfeit"]').is_checked()
    assert "Reason: Counterfeit goods" in page.locator(".rg-letter").inner_text()
    tap(kind, page.locator('[data-choice="claim-reason"][value="not-as-described"]'))
    assert "Reason: Goods not as described" in page.locator(".rg-letter").inner_text()
    if kind == "desktop":  # the letter sits beside the form and stays in view while typing
        form = page.locator(".rg-letter-form").bounding_box()
        preview = page.locator(".rg-letter-preview").bounding_box()
        assert preview["x"] > form["x"] + form["width"] / 2
        page.locator('[data-field="problem-description"]').scroll_into_view_if_needed()
        box = page.locator(".rg-letter-preview").bounding_box()
        assert 0 <= box["y"] < 800
    assert tab.errors == []


@pytest.mark.parametrize("url", ["", "scams/counterfeit/", "checklist/?type=counterfeit", "letters/card-chargeback/"])
def test_our_controls_are_big_enough_to_tap_on_a_phone(browser: Any, served: str, url: str) -> None:
    with new_page(browser, **PHONE) as page:
        page.goto(served + url)
        if "letters/" in url:
            page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
        small = []
        for control in page.locator(OUR_CONTROLS).all():
            box = control.bounding_box()
            if box and box["height"] < 44 - 0.5:
                small.append(
                    f"{control.evaluate('e => e.outerHTML.slice(0, 80)')}: {box['width']:.0f}x{box['height']:.0f}"
                )
        assert small == [], "\n".join(small)


def test_nothing_covers_the_text_when_scrolling_up(browser: Any, served: str) -> None:
    with new_page(browser, **PHONE) as page:
        page.goto(f"{served}steps/payment-provider/")
        page.mouse.wheel(0, 3000)
        page.wait_for_function("() => scrollY > 600")
        bottom = page.evaluate("scrollY")
        page.mouse.wheel(0, -600)
        page.wait_for_function("bottom => scrollY < bottom", arg=bottom)
        page.evaluate(AFTER_TWO_FRAMES)  # the theme reacts to the scroll in the next frame
        assert page.locator(".md-top:visible").count() == 0, "the back-to-top button covers text"


def test_letter_page_without_javascript_has_no_dead_controls(browser: Any, served: str) -> None:
    with new_page(browser, java_script_enabled=False, **PHONE) as page:
        page.goto(f"{served}letters/card-chargeback/")
        assert page.locator(".md-content button:visible, .md-content input:visible").count() == 0
        assert page.locator(".md-content a[href$='card-chargeback.docx']").is_visible()
        page.goto(f"{served}checklist/")
        assert page.locator(".md-content button:visible, .md-content select:visible").count() == 0
        assert not page.locator(".rg-saving-note").is_visible(), "no promise of saving without the script"


def test_every_printout_carries_the_notice_address_and_date(browser: Any, served: str) -> None:
    with new_page(browser, **DESKTOP) as page:
        for url in ("checklist/", "letters/card-chargeback/"):
            page.goto(served + url)
            page.wait_for_function("document.querySelector('[data-rg-printed]') !== null")
            page.locator("html[class]").first.wait_for(state="attached")
            page.evaluate("dispatchEvent(new Event('beforeprint'))")
            page.emulate_media(media="print")
            footer = page.locator(".rg-print-footer")
            assert footer.is_visible(), url
            text = footer.inner_text()
            assert "not legal advice" in text and url in text and "Printed on" in text, text
            if url == "checklist/":  # its heading takes the day only when printing (no date format on load)
                assert "Printed on" in page.locator("[data-rg-print]").inner_text()
            page.emulate_media(media="screen")
            assert not footer.is_visible()


def test_time_limits_lead_with_the_one_action_and_fold_what_sources_disagree_on(site: Any) -> None:
    import re

    html = (site / "scams" / "non-delivery" / "index.html").read_text(encoding="utf-8")
    section = html.split('id="time-limits"', 1)[1]
    first = re.search(r"<p[^>]*>(.*?)</p>", section, re.S)
    assert first and "Open the dispute before the protection countdown on your order ends." in first.group(1)
    card = section.split('id="deadline-aliexpress-dispute-window"', 1)[1].split('<div class="rg-deadline"', 1)[0]
    assert re.search(r"<details><summary>What some sources say</summary>", card), "the disagreement folds away"


def test_hard_words_are_explained_where_they_appear_and_on_the_glossary_page(site: Any) -> None:
    import html
    import re

    page = (site / "steps" / "payment-provider" / "index.html").read_text(encoding="utf-8")
    glossary = (site / "glossary" / "index.html").read_text(encoding="utf-8")
    for term in GUIDE.glossary:
        meaning = " ".join(term["meaning"].split())
        assert f'id="{term["id"]}"' in glossary and meaning in html.unescape(glossary), term["id"]
    chargeback = " ".join(GUIDE.glossary[[t["id"] for t in GUIDE.glossary].index("chargeback")]["meaning"].split())
    assert re.search(r'<abbr title="([^"]+)"[^>]*>chargeback</abbr>', page)
    assert chargeback in html.unescape(page)


def test_each_word_is_explained_once_per_page_and_never_in_a_heading(site: Any) -> None:
    import re

    for url in ("steps/payment-provider/", "letters/card-chargeback/", "scams/non-delivery/"):
        page = (site / url / "index.html").read_text(encoding="utf-8")
        titles = re.findall(r'<abbr title="([^"]*)"[^>]*>', page)
        assert titles and len(titles) == len(set(titles)), url
        for heading in re.finditer(r"<h([1-6])\b.*?</h\1>", page, re.S):
            assert "<abbr" not in heading.group(0), url


# A stand-alone link: the whole text of its list item, table cell or paragraph, found here without
# the build's marker (hooks/solo_links.py), so a link the marker misses fails too.
STAND_ALONE_LINKS = """() => [...document.querySelectorAll('.md-content a[href]')]
  .filter(link => {
    const holder = link.parentElement.closest('li, td, p');
    return holder && link.parentElement === holder && !link.classList.contains('md-button')
      && holder.textContent.trim() === link.textContent.trim() && link.getClientRects().length > 0;
  })
  .map(link => [link.outerHTML.slice(0, 90), link.getBoundingClientRect().height])"""
IN_A_SENTENCE = """() => [...document.querySelectorAll('.md-content p a[href]')]
  .filter(link => link.parentElement.textContent.trim().length > link.textContent.trim().length + 20)
  .flatMap(link => [...link.getClientRects()].map(line => line.height))"""


def test_stand_alone_links_are_44_px_tall_on_a_phone(browser: Any, served: str) -> None:
    with new_page(browser, **PHONE) as page:
        lines = []
        for url in ("for-lawyers/", "where-to-report/", "steps/report/"):
            page.goto(served + url)
            links = page.evaluate(STAND_ALONE_LINKS)
            assert [link for link, height in links if height < 44 - 0.5] == [], url
            lines += page.evaluate(IN_A_SENTENCE)
        # Links inside sentences (the sources on Where to report) keep the height of the line.
        assert lines and max(lines) < 40
        page.goto(served + "for-lawyers/")
        assert len(page.evaluate(STAND_ALONE_LINKS)) > 10, "the kit's rows are stand-alone links"
