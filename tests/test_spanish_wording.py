"""The Spanish wording the December 2026 native review asked for (ES-17, ES-20, ES-21, ES-24): read
from the translation files, so no build is needed."""

from __future__ import annotations

import re

import yaml
from conftest import ROOT

ES_PAGES = ROOT / "i18n" / "es"
ES_DATA = ROOT / "data" / "i18n" / "es"


def test_the_aliexpress_report_section_is_named_with_its_english_label() -> None:
    """ES-17: readers whose app is in English must find the menu, as the pt-BR text lets them."""
    agencies = (ES_DATA / "agencies.yml").read_text(encoding="utf-8")
    steps = yaml.safe_load((ES_DATA / "steps.yml").read_text(encoding="utf-8"))
    page = (ES_PAGES / "steps" / "report.md").read_text(encoding="utf-8")
    store_step = str(steps).split("report.aliexpress-store", 1)[1][:300]
    for text in (agencies, store_step, page):
        assert "Disputes & Reports" in text


def test_the_not_as_described_reason_is_worded_one_way() -> None:
    """ES-21: one wording for the dispute reason across the Spanish pages and data."""
    found = [
        path.relative_to(ROOT)
        for path in [*ES_PAGES.rglob("*.md"), *ES_DATA.glob("*.yml")]
        if "como se describe" in path.read_text(encoding="utf-8")
    ]
    assert not found, f"use 'como se describía' in: {found}"


def test_no_dangling_or_awkward_phrases_from_the_review() -> None:
    """ES-20: the phrases the review found awkward or cut short are gone."""
    dispute = (ES_PAGES / "steps" / "dispute.md").read_text(encoding="utf-8")
    scams = (ES_DATA / "scams.yml").read_text(encoding="utf-8")
    assert not re.search(r"que contenga\s*$", dispute, re.MULTILINE)
    assert "colocado junto" not in scams


def test_prevention_links_use_the_titles_of_the_pages_they_open() -> None:
    """ES-24: a link's words match the title the reader lands on."""
    prevention = (ES_PAGES / "prevention.md").read_text(encoding="utf-8")
    scams = yaml.safe_load((ES_DATA / "scams.yml").read_text(encoding="utf-8"))
    index_title = re.search(r"^# (.+)$", (ES_PAGES / "scams" / "index.md").read_text(encoding="utf-8"), re.MULTILINE)
    assert index_title
    titles = {"scams/index.md": index_title.group(1).strip()}
    for scam_id, record in scams["scams"].items():
        titles[f"scams/{scam_id}.md"] = record["title"]
    links = re.findall(r"\[([^\]]+)\]\((scams/[a-z-]+\.md)\)", prevention)
    assert links
    wrong = [(label, target) for label, target in links if target in titles and label != titles[target]]
    assert not wrong, wrong


def test_money_examples_in_the_spanish_letters_share_one_decimal_comma() -> None:
    """ES-22: the examples wrote amounts two ways ('US$ 25.90' beside '24,10 €')."""
    letters = (ES_DATA / "letters.yml").read_text(encoding="utf-8")
    amounts = re.findall(r"^\s*example: (.*\d.*)$", letters, re.MULTILINE)
    money = [amount for amount in amounts if "€" in amount or "US$" in amount]
    assert money
    assert all(re.search(r"\d,\d\d", amount) and not re.search(r"\d\.\d\d", amount) for amount in money), money
