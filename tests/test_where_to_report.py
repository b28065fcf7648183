"""/where-to-report/: the agencies data, and the country chooser in a real Chromium."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import BLOCK_STORAGE, ROOT, BrowserTab, axe_report
from test_budget import gzipped_size
from test_data import edit, failure

from macros.data import load_guide
from macros.schema import HIGHEST_CONFIDENCE

GUIDE = load_guide(ROOT / "data")
AGENCIES = [agency for region in GUIDE.regions for agency in region["agencies"]]
STORE = "refund-guide:v2"
SAVED_COUNTRY = f"(JSON.parse(localStorage.getItem('{STORE}') || '{{}}').report || {{}}).country ?? null"
PAGE = "where-to-report/"
CLOSED = ("actionfraud", "ec.europa.eu/consumers/odr", "/odr")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


# --- data ----------------------------------------------------------------------------------------


def urls_of(entry: dict[str, Any]) -> list[str]:
    return [url for url in (entry.get("url"), entry["source"]["url"]) if url]


def test_every_body_has_a_source_a_date_and_https_links() -> None:
    for entry in [*AGENCIES, GUIDE.aliexpress]:
        assert entry["source"]["name"] and entry["as_of"], entry["name"]
        rank = ["low", "medium", "high"]
        assert rank.index(entry["confidence"]) <= rank.index(HIGHEST_CONFIDENCE[entry["source"]["kind"]])
        for url in urls_of(entry):
            assert url.startswith("https://"), url
            assert not any(closed in url.lower() for closed in CLOSED), url


def test_ids_are_unique_and_every_region_has_a_body() -> None:
    ids = [agency["id"] for agency in AGENCIES]
    assert len(ids) == len(set(ids))
    assert len({region["id"] for region in GUIDE.regions}) == len(GUIDE.regions)
    assert all(region["agencies"] for region in GUIDE.regions)


def test_at_least_14_countries_and_international() -> None:
    countries = [region for region in GUIDE.regions if region["code"]]
    assert len(countries) >= 14
    assert "https://econsumer.gov" in [agency["url"] for agency in GUIDE.regions[0]["agencies"]]
    assert len({region["code"] for region in countries}) == len(countries)


def test_the_data_file_points_nowhere_outside_the_public_web() -> None:
    text = (ROOT / "data" / "agencies.yml").read_text(encoding="utf-8")
    assert "/work/" not in text and "file://" not in text and "shared/research" not in text
    assert re.findall(r"https?://", text) == re.findall(r"https://", text)


def test_an_official_source_is_needed_for_high_confidence(data_dir: Path) -> None:
    def secondary(data: dict[str, Any]) -> None:
        agency = data["regions"][0]["agencies"][0]
        agency.update(confidence="high", source={**agency["source"], "kind": "secondary"})

    edit(data_dir, "agencies.yml", secondary)
    message = failure(data_dir)
    region = yaml.safe_load((data_dir / "agencies.yml").read_text(encoding="utf-8"))["regions"][0]["id"]
    assert message.startswith(f"data/agencies.yml: entry '{region}': field 'agencies[0].confidence': ")
    assert "supports 'medium' at most" in message


def test_every_agency_needs_its_date(data_dir: Path) -> None:
    edit(data_dir, "agencies.yml", lambda data: data["regions"][0]["agencies"][0].pop("as_of"))
    assert "field 'agencies[0].as_of': is missing" in failure(data_dir)


# --- the built page -------------------------------------------------------------------------------


def test_report_step_and_letter_link_here(site: Path) -> None:
    report = (site / "steps" / "report" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../where-to-report/"' in report and 'class="rg-region"' not in report
    letter = (site / "letters" / "agency-complaint" / "index.html").read_text(encoding="utf-8")
    assert 'href="../../where-to-report/"' in letter
    privacy = (site / "privacy" / "index.html").read_text(encoding="utf-8")
    assert STORE in privacy and "part <code>report</code>" in privacy


def test_chooser_fits_its_budget(site: Path) -> None:
    assert gzipped_size(site / "assets" / "js" / "where-to-report.js") <= 1536


# --- in the browser -------------------------------------------------------------------------------


@pytest.fixture
def tab(context: Any, served: str) -> Iterator[BrowserTab]:
    opened = BrowserTab(context, served)
    yield opened
    assert opened.errors == []


def first_region(page: Any) -> str:
    return page.locator("[data-rg-regions] > .rg-region").first.get_attribute("data-region")


def test_choosing_a_country_puts_it_first_and_is_remembered(tab: BrowserTab, served: str) -> None:
    page = tab.page
    page.goto(served + PAGE)
    page.locator("#rg-country").select_option("japan")
    assert first_region(page) == "japan"
    assert page.locator("#region-japan").get_attribute("open") is not None
    assert "Japan is shown first" in page.locator("[data-rg-where-status]").inner_text()
    assert page.evaluate(SAVED_COUNTRY) == "japan", "saved in the one store, by id"
    assert page.locator("[data-rg-regions] > .rg-region").count() == len(GUIDE.regions)
    page.reload()
    assert page.locator("#rg-country").input_value() == "japan" and first_region(page) == "japan"
    assert axe_report(page) == ""
    page.locator("#rg-country").select_option("")
    assert first_region(page) == "international"
    assert page.evaluate(SAVED_COUNTRY) is None


def test_my_country_is_not_listed_shows_the_bodies_for_any_country(tab: BrowserTab, served: str) -> None:
    """The calculator's and the case file's "not listed" is a choice here too, kept under the same id."""
    page = tab.page
    page.goto(served + PAGE)
    page.locator("#rg-country").select_option("not-listed")
    assert first_region(page) == "international"
    assert page.locator("#region-international").get_attribute("open") is not None
    assert page.evaluate(SAVED_COUNTRY) == "not-listed"
    page.reload()
    assert page.locator("#rg-country").input_value() == "not-listed" and first_region(page) == "international"
    assert "Any country is shown first" in page.locator("[data-rg-where-status]").inner_text()
    page.goto(served + "deadlines/")
    assert page.locator("select:has(option[value='not-listed'])").first.input_value() == "not-listed"
    assert tab.errors == []


def test_the_browser_language_preselects_a_country(browser: Any, served: str) -> None:
    context = browser.new_context(locale="pt-BR")
    try:
        tab = BrowserTab(context, served)
        tab.page.goto(served + PAGE)
        assert tab.page.locator("#rg-country").input_value() == "brazil"
        assert first_region(tab.page) == "brazil"
        assert "browser's language" in tab.page.locator("[data-rg-where-status]").inner_text()
        assert tab.page.evaluate(f"localStorage.getItem('{STORE}')") is None  # a guess is not a choice
        assert tab.errors == []
    finally:
        context.close()


def test_without_javascript_every_country_is_listed(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + PAGE)
        assert not page.locator("#rg-country").is_visible()
        for region in GUIDE.regions:
            assert page.locator(f"#region-{region['id']} > summary").is_visible(), region["id"]
        assert page.get_by_text("Disputes & Reports").is_visible()
    finally:
        context.close()


def test_blocked_storage_does_not_break_the_chooser(browser: Any, served: str) -> None:
    context = browser.new_context(locale="en-GB")
    context.add_init_script(BLOCK_STORAGE)
    try:
        tab = BrowserTab(context, served)
        tab.page.goto(served + PAGE)
        assert first_region(tab.page) == "united-kingdom"
        tab.page.locator("#rg-country").select_option("spain")
        assert first_region(tab.page) == "spain"
        assert tab.errors == []
    finally:
        context.close()


def test_clear_everything_forgets_the_country(tab: BrowserTab, served: str) -> None:
    tab.page.goto(served + PAGE)
    tab.page.locator("#rg-country").select_option("chile")
    tab.page.goto(served + "privacy/")
    tab.page.get_by_role("button", name="Clear everything this site stored").click()
    assert tab.page.evaluate(f"localStorage.getItem('{STORE}')") is None


ROLES = {"consumer", "bank-complaints", "police"}


def test_every_country_a_language_lists_first_names_all_three_bodies() -> None:
    """A consumer body, a bank-complaints body and the police, for every country in any regions_first."""
    regions = {region["id"]: region for region in GUIDE.regions}
    first = {country for language in GUIDE.languages for country in language.get("regions_first", [])}
    assert {"argentina", "colombia", "peru"} <= first <= regions.keys()
    missing = {
        country: sorted(ROLES - {agency.get("role") for agency in regions[country]["agencies"]}) for country in first
    }
    assert {country: roles for country, roles in missing.items() if roles} == {}


def test_the_bank_complaints_body_is_never_the_banks_own_service() -> None:
    """The Ouvidoria (Brazil) and the Defensor del Cliente (Spain) belong to the bank: never the body itself."""
    for agency in AGENCIES:
        if agency.get("role") == "bank-complaints":
            assert not agency["name"].lower().startswith(("ouvidoria", "defensor del cliente")), agency["id"]
    texts = {agency["id"]: agency["use_for"] for agency in AGENCIES}
    assert "part of the bank, not an independent body" in texts["br-banco-central"]
    assert "the bank's own services" in texts["es-banco-de-espana"]


def test_what_the_reviews_marked_verify_is_never_rated_high() -> None:
    """The native review's "verify" items (the Spanish police's 72 hours, Chile's fraud-law steps,
    Mexico's cyber police line) ship at medium or lower, beside the page's "confirm on the live page"."""
    for agency_id in ("es-policia-nacional", "cl-pdi", "mx-policia-cibernetica", "mx-condusef", "ar-ufeci"):
        agency = next(entry for entry in AGENCIES if entry["id"] == agency_id)
        assert agency["confidence"] in ("medium", "low"), agency_id
    police = next(entry for entry in AGENCIES if entry["id"] == "es-policia-nacional")
    assert "signed in person" in police["limits"] and "check the deadline" in police["limits"]


@pytest.mark.parametrize(("language", "police"), [("en", "police"), ("es", "policía"), ("pt-BR", "polícia")])
def test_each_body_shows_its_role_in_the_readers_language(language: str, police: str) -> None:
    """Where to report names what each body is for (consumer, bank complaints, police)."""
    from macros.data import load_guide
    from macros.render import agencies

    guide = load_guide(ROOT / "data", language=language)
    listed = agencies(guide, language)
    with_role = [agency for region in guide.regions for agency in region["agencies"] if agency["role"]]
    assert with_role
    for agency in with_role:
        assert f"({guide.strings['agencies.role.' + agency['role']]}):" in listed, agency["id"]
    assert f"({police}):" in listed
