"""Real-browser tests in Chromium: pages render, search works, nothing leaves 127.0.0.1, axe is clean."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import (
    BLOCK_STORAGE,
    CHROMIUM_ARGS,
    TRANSLATIONS,
    BrowserTab,
    axe_report,
    full_chromium,
    open_search,
    pages_of_each_template,
    search_for,
)


@pytest.fixture
def visit(context: Any, served: str) -> BrowserTab:
    return BrowserTab(context, served)


def foreign_requests(requests: list[str], origin: str) -> list[str]:
    return [url for url in requests if not url.startswith(origin) and not url.startswith(("data:", "blob:"))]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_each_template_renders_cleanly_and_passes_axe(site: Path, served: str, browser: Any, scheme: str) -> None:
    """Every page that is its own template, and three of each family made from one (conftest)."""
    context = browser.new_context(color_scheme=scheme)
    visit = BrowserTab(context, served)
    problems = []
    try:
        for url in [*pages_of_each_template(site), "404.html"]:
            visit.page.goto(served + url)
            if not visit.page.locator("h1").first.is_visible():
                problems.append(f"/{url}: no visible heading")
            report = axe_report(visit.page)
            if report:
                problems.append(f"/{url} ({scheme}):\n{report}")
    finally:
        context.close()
    assert problems == []
    assert visit.errors == []
    assert foreign_requests(visit.requests, served) == []


@pytest.mark.parametrize(
    ("term", "expected_page"),
    [("chargeback", "steps/payment-provider/"), ("counterfeit", "scams/counterfeit/")],
)
def test_search_finds(served: str, visit: BrowserTab, term: str, expected_page: str) -> None:
    hrefs = visit.search(term)
    assert any(expected_page in href for href in hrefs), hrefs
    assert foreign_requests(visit.requests, served) == []


def test_following_a_link_keeps_requests_local(served: str, visit: BrowserTab) -> None:
    visit.page.goto(served)
    visit.page.locator(".md-content a[href$='checklist/']").first.click()
    visit.page.wait_for_url("**/checklist/")
    visit.page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    assert visit.errors == []
    assert foreign_requests(visit.requests, served) == []


SEED_STORAGE = """() => {
  localStorage.setItem("refund-guide:v1:checklist", '{"ticked":["evidence.order-screenshots"]}');
  localStorage.setItem(__md_scope.pathname + ".__palette", '{"index":1}');
  sessionStorage.setItem("refund-guide:v1:draft", "x");
  localStorage.setItem("another-site:settings", "keep me");
}"""

STORED_KEYS = "() => [...Object.keys(localStorage), ...Object.keys(sessionStorage)].sort()"


def clear_and_read(visit: BrowserTab) -> list[str]:
    button = visit.page.get_by_role("button", name="Clear everything this site stored")
    button.click()
    status = visit.page.locator("[data-rg-clear] [role=status]")
    assert "has been deleted" in status.inner_text()
    return visit.page.evaluate(STORED_KEYS)


def test_clear_everything_empties_this_sites_storage(served: str, visit: BrowserTab) -> None:
    visit.page.goto(served + "privacy/")
    visit.page.evaluate(SEED_STORAGE)
    assert clear_and_read(visit) == ["another-site:settings"]
    visit.page.reload()
    # The theme writes the current colour scheme again on every page load; nothing else comes back.
    after_reload = visit.page.evaluate(STORED_KEYS)
    assert [key for key in after_reload if not key.endswith(".__palette")] == ["another-site:settings"]
    assert visit.errors == []


def test_clear_button_works_after_following_a_link(served: str, visit: BrowserTab) -> None:
    visit.page.goto(served)
    visit.page.evaluate(SEED_STORAGE)
    visit.page.locator(".rg-footer-links a[href$='privacy/']").click()
    visit.page.wait_for_url("**/privacy/")
    assert clear_and_read(visit) == ["another-site:settings"]
    assert visit.errors == []


def test_pages_survive_blocked_storage(browser: Any, served: str) -> None:
    context = browser.new_context()
    context.add_init_script(BLOCK_STORAGE)
    visit = BrowserTab(context, served)
    try:
        visit.page.goto(served + "privacy/")
        visit.page.get_by_role("button", name="Clear everything this site stored").click()
        status = visit.page.locator("[data-rg-clear] [role=status]").inner_text()
        assert "did not let the site reach its storage" in status
        visit.page.goto(served)
        assert visit.page.locator("h1").first.is_visible()
        assert visit.errors == []
    finally:
        context.close()


def test_privacy_page_without_javascript_hides_the_dead_button(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + "privacy/")
        assert not page.get_by_role("button", name="Clear everything this site stored").is_visible()
        assert page.get_by_text("in your browser settings").is_visible()
    finally:
        context.close()


# --- Search open: axe in each state of the search, in both palettes and every language ---------

SEARCH_WORDS = {"en": "chargeback", "es": "reembolso", "pt-BR": "reembolso"}
SEARCH_SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@pytest.mark.parametrize("language", ["en", *TRANSLATIONS])
@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_is_clean_with_search_open(browser: Any, served: str, scheme: str, language: str) -> None:
    problems = []
    for size, viewport in SEARCH_SIZES.items():
        context = browser.new_context(color_scheme=scheme, viewport=viewport)
        visit = BrowserTab(context, served)
        try:
            visit.page.goto(served + ("" if language == "en" else f"{language}/"))
            open_search(visit.page)
            # Results in every language (their count line is translated); the waiting and the
            # no-results lines are the same element in the same colours, checked in English.
            states = {"results": SEARCH_WORDS[language]}
            if language == "en":
                states = {"placeholder": None, **states, "no results": "zzqxw"}
            for state, query in states.items():
                if query is not None:
                    search_for(visit.page, query)
                report = axe_report(visit.page)
                if report:
                    problems.append(f"{language}, {scheme}, {size}, {state}:\n{report}")
            assert visit.errors == []
        finally:
            context.close()
    assert problems == []


# --- The back/forward cache: the site leaves it on (no instant navigation, no unload handlers) ---

# Pages of each kind of script; Back must bring each one back from the cache, not load it again.
BFCACHE_PAGES = ["", "checklist/", "letters/card-chargeback/", "deadlines/", "where-to-report/", "case/", "es/"]
SHOWN = "addEventListener('pageshow', event => { window.__restored = event.persisted; });"


@pytest.fixture(scope="module")
def bfcache_browser(chromium: tuple[Any, str]) -> Iterator[Any]:
    """The full Chromium (the headless shell has no back/forward cache) with its cache on
    (Playwright turns it off by default)."""
    playwright, _ = chromium
    launched = playwright.chromium.launch(
        executable_path=full_chromium(), args=CHROMIUM_ARGS, ignore_default_args=["--disable-back-forward-cache"]
    )
    yield launched
    launched.close()


def not_restored(context: Any, page: Any) -> list[str]:
    """Chromium's reasons for loading a page again on Back instead of restoring it from the cache."""
    reasons: list[str] = []
    session = context.new_cdp_session(page)
    session.send("Page.enable")
    session.on(
        "Page.backForwardCacheNotUsed",
        lambda event: reasons.extend(item["reason"] for item in event["notRestoredExplanations"]),
    )
    return reasons


def test_back_restores_every_kind_of_page_from_the_cache(bfcache_browser: Any, served: str) -> None:
    context = bfcache_browser.new_context()
    context.add_init_script(SHOWN)
    page = context.new_page()
    reasons = not_restored(context, page)
    try:
        # As a returning reader has it: the offline worker installed and in charge. While it installs,
        # its clients.claim() drops any page kept in the cache (test_back_after_saving_elsewhere...).
        page.goto(served)
        page.locator("html[data-rg-offline=ready]").wait_for(state="attached", timeout=60_000)
        for path in BFCACHE_PAGES:
            # Leave once the page has all it asked for: a reply arriving in the cache evicts it.
            page.goto(served + path, wait_until="networkidle")
            page.goto(served + "about/")
            page.go_back(wait_until="commit")
            # Polled from here: a string evaluated inside the restored page would meet its policy.
            deadline = time.monotonic() + 10
            while page.evaluate("window.__restored") is not True:
                assert time.monotonic() < deadline, f"/{path} was loaded again on Back: {reasons}"
                page.wait_for_timeout(50)
            assert reasons == [], path
    finally:
        context.close()


def test_back_after_saving_elsewhere_shows_what_was_saved(bfcache_browser: Any, served: str) -> None:
    """A page kept in the cache holds the reader's data as it was: when something was saved on
    another page meanwhile, Back loads it again, so it neither shows nor writes back an old copy."""
    # With the offline worker: when it takes charge (clients.claim()) or answers the page after the
    # checklist was left, Chromium drops the kept page (ServiceWorkerClaim, ServiceWorkerPostMessage)
    # and Back loads it again, the path test_back_without_the_cache_shows_what_was_saved holds.
    context = bfcache_browser.new_context(service_workers="allow")
    page = context.new_page()
    try:
        tick_elsewhere_and_go_back(page, served)
    finally:
        context.close()


def tick_elsewhere_and_go_back(page: Any, served: str) -> None:
    """Open the checklist, tick its first box on a step page, press Back: the box is ticked, and a
    second tick keeps both."""
    from playwright.sync_api import expect

    page.goto(served + "checklist/")
    first_id = page.locator("input[data-check-id]").first.get_attribute("data-check-id")
    page.goto(served + "steps/evidence/")
    # A box ticked before the checklist's script is ready is not saved: wait for the script.
    page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    page.locator(f"input[data-check-id='{first_id}']").check()
    page.go_back(wait_until="commit")
    # Back reloads the page (something was saved meanwhile): give that reload time on a loaded machine.
    expect(page.locator(f"input[data-check-id='{first_id}']")).to_be_checked(timeout=20_000)
    page.locator("input[data-check-id]").nth(1).check()
    ticked = page.evaluate("JSON.parse(localStorage.getItem('refund-guide:v2')).checklist.ticked")
    assert first_id in ticked and len(ticked) == 2


def test_back_without_the_cache_shows_what_was_saved(browser: Any, served: str) -> None:
    """Back without the back/forward cache (the headless shell has none) loads the page again,
    and the browser puts back what its form controls showed when it was left: the checklist's
    ticks, a letter's fields and the case file's must come from what was saved, not from that."""
    from playwright.sync_api import expect

    context = browser.new_context()
    page = context.new_page()
    try:
        tick_elsewhere_and_go_back(page, served)
        page.goto(served + "letters/seller-message/")
        page.locator("#field-full-name").fill("Ana Old")
        page.goto(served + "letters/card-chargeback/")
        page.locator("#field-full-name").fill("Bea New")
        page.go_back()
        expect(page.locator("#field-full-name")).to_have_value("Bea New")
        page.goto(served + "case/")
        page.locator("#case-type").select_option(index=1)
        page.goto(served + "checklist/")
        page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
        chosen = page.locator("#rg-type").select_option(index=2)
        page.go_back()
        expect(page.locator("#case-type")).to_have_value(chosen[0])
    finally:
        context.close()
