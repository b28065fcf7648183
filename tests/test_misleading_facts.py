"""Facts that misled readers in December 2026's legal and native-speaker reviews (issue 19): each fix,
in every language, so none can come back. Rendered without a build, in each language's words."""

from __future__ import annotations

import re

import markdown
import pytest
from conftest import ROOT, TRANSLATIONS

from macros import render
from macros.data import Guide, load_guide

LANGUAGES = ["en", *TRANSLATIONS]
GUIDES: dict[str, Guide] = {code: load_guide(ROOT / "data", language=code) for code in LANGUAGES}


def page_html(code: str, scam_id: str) -> str:
    """A problem page as the build turns it into HTML (the Markdown extensions that matter here)."""
    source = render.scam_page_markdown(GUIDES[code], scam_id, code.replace("-", "_"))
    return markdown.markdown(source, extensions=["admonition", "attr_list", "md_in_html"])


def text_of(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


# --- The warning box speaks the reader's language ----------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_warning_box_title_is_in_the_readers_language(code: str) -> None:
    guide = GUIDES[code]
    title = guide.strings["scam.warning"]
    if code != "en":
        assert title != "Warning", code
    warned = [scam["id"] for scam in guide.scams if scam["warning"]]
    assert len(warned) > 20
    for scam_id in warned:
        titles = re.findall(r'<p class="admonition-title">(.*?)</p>', page_html(code, scam_id))
        assert titles == [title], (code, scam_id, titles)


# --- Canada: OBSI is the one body for banks, with its 180 days ----------------------------------


def deadline_card(html: str, deadline_id: str) -> str:
    """The text of one time-limit card on a page (empty when the page does not show it)."""
    found = re.search(rf'id="deadline-{deadline_id}".*?(?=id="deadline-|$)', html, re.S)
    return text_of(found.group(0)) if found else ""


@pytest.mark.parametrize("code", LANGUAGES)
def test_canada_sends_bank_complaints_to_obsi_only_with_its_180_days(code: str) -> None:
    guide = GUIDES[code]
    canada = next(region for region in guide.regions if region["id"] == "canada")
    assert [agency["id"] for agency in canada["agencies"]] == ["ca-anti-fraud-centre", "ca-obsi"]
    obsi = canada["agencies"][1]
    assert "180" in obsi["limits"] and "56" in obsi["use_for"]
    assert obsi["source"]["kind"] == "official" and "obsi.ca" in obsi["source"]["url"]
    assert "ca-obsi-complaint" in guide.route("complaint")["deadlines"]
    html = page_html(code, "provider-said-no")
    card = deadline_card(html, "ca-obsi-complaint")
    assert "180" in card and "OBSI" in card, code
    where = render.where_to_report(guide, code.replace("-", "_")) + render.agencies(guide, code.replace("-", "_"))
    for text in (html, where):
        assert not re.search(r"ADR Chambers|bankingombuds|ADRBO", text), code


# --- Brazil: Procon acts on AliExpress as the platform ------------------------------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_procon_takes_complaints_against_aliexpress_with_no_2014_line(code: str) -> None:
    guide = GUIDES[code]
    brazil = next(region for region in guide.regions if region["id"] == "brazil")
    procon = next(agency for agency in brazil["agencies"] if agency["id"] == "br-procon")
    assert "AliExpress" in procon["use_for"] and "AliExpress" in procon["limits"]
    assert "minasgerais" not in procon["source"]["url"]
    where = render.where_to_report(guide, code.replace("-", "_"))
    assert "Procon" in where and "2014" not in where, code
