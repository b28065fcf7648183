"""The way in (#22): from a fresh home page to the reader's plan in at most two taps on a 360x640
phone, with no scrolling and no <select>; the urgent action or the first task in view on arrival;
a whole situation carried in a link, never overwriting what a reader saved without a question that
names the change; and the same links without JavaScript."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from conftest import ROOT, BrowserTab, axe_report
from lxml import html as lxml_html

from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
SMALL_PHONE = {"viewport": {"width": 360, "height": 640}, "has_touch": True, "is_mobile": True}
STORE = "() => JSON.parse(localStorage.getItem('refund-guide:v2') || '{}')"
# Each language with a reader the phone walk-through followed: what happened, how they paid, and
# the browser language the country is guessed from.
READERS = {
    "en": ("non-delivery", "credit-card", "en-US"),
    "es": ("delivered-elsewhere", "debit-card", "es-MX"),
    "pt-BR": ("off-platform-payment", "pix", "pt-BR"),
}
GUIDE_IN = {language: load_guide(ROOT / "data", None, language) for language in READERS}
METHOD_LABEL = {language: {m["id"]: m["label"] for m in guide.methods} for language, guide in GUIDE_IN.items()}


def in_view(page: Any, locator: Any) -> bool:
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["width"] > 0


@pytest.mark.parametrize("language", list(READERS))
def test_two_taps_from_a_fresh_home_page_to_the_plan_with_the_first_thing_to_do_in_view(
    browser: Any, served: str, language: str
) -> None:
    scam_id, method, locale = READERS[language]
    context = browser.new_context(**SMALL_PHONE, locale=locale)
    tab = BrowserTab(context, served)
    page = tab.page
    prefix = "" if language == "en" else f"{language}/"
    page.goto(f"{served}{prefix}")
    page.wait_for_selector("[data-rg-start][data-bound]", state="attached")
    taps = 0
    for target in (f'[data-rg-type="{scam_id}"]', f'[data-rg-method="{method}"]'):
        # Every choice of this step is on screen, not only the one this reader taps.
        choices = page.locator("[data-rg-type], .rg-start__other" if taps == 0 else "[data-rg-method]")
        off = [choices.nth(n).text_content() for n in range(choices.count()) if not in_view(page, choices.nth(n))]
        assert off == [], f"off screen before tap {taps + 1}: {off}"
        link = page.locator(target)
        assert link.evaluate("element => element.tagName") == "A", target
        assert in_view(page, link), f"{target} is not on screen before the tap: {link.bounding_box()}"
        link.tap()
        taps += 1
        if taps == 1:
            page.wait_for_selector("[data-rg-paid]:not([hidden])")
            assert page.evaluate("scrollY") == 0, f"the page scrolled after tapping {target}"
            if language == "en":  # the second question's state, once (the markup is the same in each language)
                assert axe_report(page) == ""
    page.wait_for_url(re.compile(r"/checklist/"))
    page.wait_for_selector("[data-rg-arrival]:not([hidden])")
    assert page.evaluate("scrollY") == 0
    assert taps <= 2
    assert urlsplit(page.url).path == f"/{prefix}checklist/"
    assert parse_qs(urlsplit(page.url).query) == {"type": [scam_id]}  # the method moved into the store
    assert page.evaluate(STORE)["situation"] == {"method": method}
    scam = GUIDE.scam(scam_id)
    summary = page.locator("[data-rg-arrival-summary]").text_content()
    assert all(part in summary for part in (GUIDE_IN[language].scam(scam_id)["title"], METHOD_LABEL[language][method]))
    first = page.locator("[data-rg-arrival-urgent]" if scam["urgent"] else "[data-rg-arrival-first]")
    assert first.is_visible() and in_view(page, first), f"not in view on arrival: {first.bounding_box()}"
    if scam["urgent"]:
        assert first.text_content() == GUIDE_IN[language].scam(scam_id)["urgent"]
    else:
        task = page.locator(".rg-checklist li.is-next .rg-checklist__text").text_content()
        assert page.locator("[data-rg-arrival-task]").text_content() == task
    assert tab.errors == []
    context.close()


def test_a_link_carries_a_whole_situation_and_asks_before_changing_what_was_saved(browser: Any, served: str) -> None:
    context = browser.new_context(**SMALL_PHONE, locale="en-GB")
    tab = BrowserTab(context, served)
    page = tab.page
    # A fresh browser: the link fills the empty situation without a question.
    page.goto(f"{served}checklist/?type=counterfeit&method=paypal&stage=dispute-open&country=brazil")
    page.wait_for_selector("[data-rg-arrival]:not([hidden])")
    saved = page.evaluate(STORE)
    assert saved["situation"] == {"method": "paypal", "stage": "dispute-open"}
    assert saved["report"] == {"country": "brazil"} and saved["checklist"]["type"] == "counterfeit"
    assert tab.dialogs == [] and urlsplit(page.url).query == "type=counterfeit"
    summary = page.locator("[data-rg-arrival-summary]").text_content()
    assert all(word in summary for word in ("PayPal", "Brazil", "My AliExpress dispute is open"))
    # A link that differs: the question names what would change, and "Cancel" keeps what was saved.
    tab.answer = False
    page.goto(f"{served}checklist/?type=counterfeit&method=credit-card&country=brazil")
    page.wait_for_selector("[data-rg-arrival]:not([hidden])")
    assert len(tab.dialogs) == 1 and "how you paid: PayPal → Credit card" in tab.dialogs[0]
    assert "country" not in tab.dialogs[0]  # the same country is no change
    assert page.evaluate(STORE)["situation"]["method"] == "paypal"
    # Agreeing applies the link.
    tab.answer = True
    page.goto(f"{served}checklist/?type=counterfeit&method=credit-card&stage=said-no")
    page.wait_for_selector("[data-rg-arrival]:not([hidden])")
    assert len(tab.dialogs) == 2 and "where you are now" in tab.dialogs[1]
    assert page.evaluate(STORE)["situation"] == {"method": "credit-card", "stage": "said-no"}
    # The plan changes the stage and the country in place, and keeps them.
    page.locator("[data-rg-arrival] summary").tap()
    page.locator('[data-rg-arrival] input[name=stage][value="dispute-closed"]').check()
    page.locator("#rg-arrival-country").select_option("mexico")
    saved = page.evaluate(STORE)
    assert saved["situation"]["stage"] == "dispute-closed" and saved["report"] == {"country": "mexico"}
    assert "Mexico" in page.locator("[data-rg-arrival-summary]").text_content()
    assert axe_report(page) == ""
    # An unknown value in a link is ignored, never saved.
    page.goto(f"{served}checklist/?type=counterfeit&method=bitcoin&country=atlantis")
    page.wait_for_selector("[data-rg-arrival]:not([hidden])")
    assert page.evaluate(STORE)["situation"]["method"] == "credit-card" and len(tab.dialogs) == 2
    assert tab.errors == []
    context.close()


def home_links(site: Path, language: str) -> tuple[list[str], list[str], Any]:
    folder = site if language == "en" else site / language
    tree = lxml_html.fromstring((folder / "index.html").read_text(encoding="utf-8"))
    return tree.xpath("//*[@data-rg-start]//a[@data-rg-type]/@href"), tree.xpath("//*[@data-rg-start]//a/@href"), tree


@pytest.mark.parametrize("language", list(READERS))
def test_without_javascript_the_first_tap_is_a_link_to_the_plan(site: Path, language: str) -> None:
    types, every, tree = home_links(site, language)
    expected = [f"checklist/?type={scam['id']}" for scam in GUIDE.scams if scam["home"]]
    assert types == expected and 5 <= len(types) <= 8
    assert "#ways-in" in every and tree.xpath("//*[@id='ways-in']") and tree.xpath("//*[@id='what-happened']")
    # Every problem type is still one tap further, below, with its page.
    assert len(tree.xpath("//details[contains(@class, 'rg-chooser')]//a")) == len(GUIDE.scams)
    # The way of paying waits for the script (hidden), and no choice is a <select>.
    assert tree.xpath("//*[@data-rg-paid][@hidden]") and not tree.xpath("//*[@data-rg-start]//select")
    folder = site if language == "en" else site / language
    assert (folder / "checklist" / "index.html").is_file()
    plan = lxml_html.fromstring((folder / "checklist" / "index.html").read_text(encoding="utf-8"))
    config = json.loads(plan.xpath("//*[contains(@class, 'rg-arrival-config')]/@data-config")[0])
    assert set(config["methods"]) == {method["id"] for method in GUIDE.methods}
    assert set(config["urgent"]) == {scam["id"] for scam in GUIDE.scams if scam["urgent"]}


def test_the_firm_kit_links_to_a_whole_plan(browser: Any, served: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}for-lawyers/")
    row = page.locator("[data-rg-plan]").first
    plain = f"{served}checklist/?type={GUIDE.scams[0]['id']}"
    assert row.locator("code").text_content() == plain and row.locator("img").is_visible()
    page.locator("#rg-kit-method").select_option("pix")
    assert row.locator("code").text_content() == f"{plain}&method=pix"
    assert row.locator("[data-rg-copy]").get_attribute("data-rg-copy") == f"{plain}&method=pix"
    # Pix changes this type's plan: its own code, drawn at build time, replaces the type's (#22).
    assert row.locator("img").get_attribute("src").endswith(f"checklist-{GUIDE.scams[0]['id']}--pix.svg")
    assert row.locator("img").is_visible()
    row.locator("a").first.click()
    page.wait_for_selector("[data-rg-arrival]:not([hidden])")
    assert page.evaluate(STORE)["situation"] == {"method": "pix"}
    assert tab.errors == []
    context.close()
