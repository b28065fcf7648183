"""The guide in other languages (data/languages.yml): every page in every language, translated data
checked like the data, the language menu keeping page and query, letters in the right language,
search in the reader's language, and bad translations failing the build with a clear message."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from conftest import ROOT, TRANSLATIONS, BrowserTab, axe_report, html_pages, open_search, search_for

from macros import render
from macros.data import load_guide
from macros.i18n import page_problems, page_skeleton, source_hash
from macros.schema import DataError

ENGLISH = load_guide(ROOT / "data")
GUIDES = {code: load_guide(ROOT / "data", language=code) for code in TRANSLATIONS}
STORE = "refund-guide:v2"

# Words that give English away and are not words of Spanish or Portuguese.
ENGLISH_WORDS = re.compile(r"\b(the|and|your|you|with|which|this|that|what|should|would|have|from|their)\b", re.I)
# Names that stay English in every language: brands, and bodies whose official name is English.
STAYS_ENGLISH = re.compile(
    r"Action Fraud|Citizens Advice|Report Fraud|Financial Ombudsman Service|Scamwatch|"
    r"ReportCyber|Federal Trade Commission|Consumer Financial Protection Bureau|Internet Crime Complaint Center|"
    r"Canadian Anti-Fraud Centre|IDCARE|ReportFraud\.ftc\.gov|econsumer\.gov|Ombudsman for Banking Services and "
    r"Investments|Australian Financial Complaints Authority|Office of the Comptroller of the Currency|"
    r"National Cyber Security Centre|Guaranteed Genuine|Disputes & Reports|Buyer Protection|My Orders|"
    r"Certified Mail|Fair Credit Billing Act|Open Dispute|Confirm Receipt|Apple Card|Wallet"
)


PLACEHOLDER = re.compile(r"\{[a-z_]+\}")  # {what}: filled in by the script, never shown


def english_left(text: str) -> list[str]:
    return ENGLISH_WORDS.findall(STAYS_ENGLISH.sub(" ", PLACEHOLDER.sub(" ", text)))


def texts(value: Any, path: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [item for key, sub in value.items() for item in texts(sub, f"{path}.{key}")]
    if isinstance(value, list | tuple):
        return [item for position, sub in enumerate(value) for item in texts(sub, f"{path}[{position}]")]
    return []


# --- the data ----------------------------------------------------------------------------------


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_numbers_urls_and_sources_come_from_the_english(code: str) -> None:
    guide = GUIDES[code]
    # A translation puts its own countries' limits first (macros/data.py local_limits_first): by id.
    assert sorted(d["id"] for d in guide.deadlines) == sorted(d["id"] for d in ENGLISH.deadlines)
    limits = {deadline["id"]: deadline for deadline in guide.deadlines}
    for english in ENGLISH.deadlines:
        translated = limits[english["id"]]
        for key in ("id", "days", "months", "day_kind", "source", "confidence", "as_of", "steps"):
            assert translated[key] == english[key], (code, english["id"], key)
    # The order of the regions differs (regions_first): compare them by id.
    by_id = {region["id"]: region for region in guide.regions}
    for region in ENGLISH.regions:
        for english, translated in zip(region["agencies"], by_id[region["id"]]["agencies"], strict=True):
            for key in ("id", "url", "phone", "source", "confidence", "as_of", "scams"):
                assert translated[key] == english[key], (code, english["id"], key)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_english_left_in_the_translated_data(code: str) -> None:
    english_texts = dict(texts(ENGLISH.__dict__))
    left = []
    for path, text in texts(GUIDES[code].__dict__):
        if path.startswith((".english_letters", ".languages", ".firm.name", ".credit.author_firm")):
            continue
        if ".source." in path or path.endswith((".url", ".id", ".language", ".kind", ".confidence")):
            continue
        if path.startswith(".letters") and ("translation.body" in path or "translation.language" in path):
            continue
        words = english_left(text)
        if words and english_texts.get(path) is not None:
            left.append(f"{path}: {words[:3]} in {text[:80]!r}")
    # The US billing-error letter goes out in English: its body and reasons' letter text stay English.
    left = [
        line
        for line in left
        if "us-billing-error" not in line and not re.match(r"\.letters\[5\]\.(body|reasons\[\d\]\.text)", line)
    ]
    assert left == []


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_where_to_report_lists_the_languages_countries_first(code: str) -> None:
    first = next(entry for entry in ENGLISH.languages if entry["code"] == code)["regions_first"]
    assert [region["id"] for region in GUIDES[code].regions][: len(first)] == first


# --- bad translations fail with a clear message ------------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def edit(project: Path, name: str, change: Any) -> None:
    path = project / "data" / "i18n" / "es" / name
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def fails(project: Path, *expected: str) -> None:
    with pytest.raises(DataError) as raised:
        load_guide(project / "data", language="es")
    message = str(raised.value)
    for part in expected:
        assert part in message, message


def test_a_translation_for_an_unknown_id_fails(project: Path) -> None:
    edit(
        project,
        "scams.yml",
        lambda content: content["scams"].update({"no-such-type": {"source_hash": "00000000", "title": "x"}}),
    )
    fails(project, "data/i18n/es/scams.yml", "no-such-type", "unknown id")


def test_a_missing_translation_fails(project: Path) -> None:
    edit(project, "scams.yml", lambda content: content["scams"]["counterfeit"].pop("summary"))
    fails(project, "data/i18n/es/scams.yml", "'counterfeit'", "summary", "missing a translation")


def test_a_missing_record_fails(project: Path) -> None:
    edit(project, "steps.yml", lambda content: content["steps"].pop("dispute"))
    fails(project, "data/i18n/es/steps.yml", "'dispute'", "missing a translation")


def test_a_letter_with_other_blanks_fails(project: Path) -> None:
    def change(content: dict[str, Any]) -> None:
        letter = content["letters"]["card-chargeback"]
        letter["body"] = letter["body"].replace("[order-number]", "[order-date]")

    edit(project, "letters.yml", change)
    fails(project, "data/i18n/es/letters.yml", "'card-chargeback'", "body", "same blanks", "[order-number]")


def test_a_changed_placeholder_fails(project: Path) -> None:
    edit(project, "strings.yml", lambda content: content["days.calendar"].update({"text": "{dias} días"}))
    fails(project, "data/i18n/es/strings.yml", "days.calendar", "{dias}")


def test_broken_markdown_fails(project: Path) -> None:
    edit(project, "routes.yml", lambda content: content["routes"]["paypal"].update({"title": "PayPal **roto"}))
    fails(project, "data/i18n/es/routes.yml", "'paypal'", "bold (**)")
    edit(project, "routes.yml", lambda content: content["routes"]["paypal"].update({"title": "[PayPal](otra.md)"}))
    fails(project, "data/i18n/es/routes.yml", "must link to the same places")


def test_a_fact_in_a_translation_fails(project: Path) -> None:
    edit(project, "deadlines.yml", lambda content: content["deadlines"]["paypal-dispute"].update({"days": 30}))
    fails(project, "data/i18n/es/deadlines.yml", "'paypal-dispute'", "days")


def test_a_template_in_a_translation_fails(project: Path) -> None:
    edit(project, "routes.yml", lambda content: content["routes"]["paypal"].update({"title": "{{ config }}"}))
    fails(project, "data/i18n/es/routes.yml", "template code")


def test_a_translated_body_of_an_english_letter_fails(project: Path) -> None:
    edit(project, "letters.yml", lambda content: content["letters"]["us-billing-error"].update({"body": "Hola"}))
    fails(project, "data/i18n/es/letters.yml", "'us-billing-error'", "always goes out in English")


def test_an_out_of_date_translation_warns_without_failing(project: Path) -> None:
    path = project / "data" / "routes.yml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: PayPal", "title: PayPal (changed)", 1), encoding="utf-8"
    )
    guide = load_guide(project / "data", language="es")
    assert [str(stale) for stale in guide.stale] == ["data/i18n/es/routes.yml: entry 'paypal'"]


def test_a_translated_page_must_keep_macros_links_and_heading_ids() -> None:
    english = (ROOT / "docs" / "index.md").read_text(encoding="utf-8")
    translated = page_skeleton(english)
    assert page_problems(english, translated) == []
    dropped = " ".join(page_problems(english, translated.replace("{{ ways_in() }}", "")))
    assert "is missing the macro call '{{ ways_in() }}'" in dropped
    moved = " ".join(page_problems(english, translated.replace("(scams/index.md)", "(scams.md)")))
    assert "a link to 'scams.md' that the English page does not have" in moved
    assert "heading ids" in " ".join(page_problems(english, translated.replace("{ #right-now }", "")))
    assert f"source_hash: {source_hash(english)}" in translated


def test_every_english_page_is_its_own_valid_translation_skeleton() -> None:
    for source in sorted((ROOT / "docs").rglob("*.md")):
        english = source.read_text(encoding="utf-8")
        assert page_problems(english, page_skeleton(english)) == [], source


# --- the built sites ---------------------------------------------------------------------------


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_every_page_exists_in_every_language_with_its_lang(site: Path, code: str) -> None:
    english = html_pages(site)
    assert html_pages(site, code) == [f"{code}/{page}" for page in english]
    for page in html_pages(site, code):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        assert f'<html lang="{code}"' in html, page
        for other in ["en", *TRANSLATIONS]:
            assert f'hreflang="{other}"' in html, (page, other)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f'hreflang="{code}" href="{site_url_of(site)}{code}/steps/evidence/"' in sitemap


def site_url_of(site: Path) -> str:
    return re.search(r"<loc>(.*?)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8")).group(1)


def main_text(html: str) -> str:
    article = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S).group(1)
    article = re.sub(r"<(script|style)\b.*?</\1>", " ", article, flags=re.S)
    article = re.sub(r'<[^>]*\blang="(?:en|zh-Hans)"[^>]*>.*?</div>', " ", article, flags=re.S)  # other versions
    article = re.sub(r'data-config="[^"]*"', " ", article)
    # Sources keep their own (often English) names: a link to the source's page, never translated.
    article = re.sub(r'<a href="https://[^"]*"[^>]*>.*?</a>', " ", article, flags=re.S)
    return re.sub(r"<[^>]+>", " ", article)


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_no_english_left_in_translated_pages(site: Path, code: str) -> None:
    left = []
    for page in html_pages(site, code):
        if "us-billing-error" in page:
            continue  # the letter itself stays English there
        words = english_left(main_text((site / page / "index.html").read_text(encoding="utf-8")))
        if words:
            left.append(f"/{page}: {sorted(set(words))}")
    assert left == []


# --- in the browser ----------------------------------------------------------------------------

# One page of each kind of layout, in each translation: the English of every page is swept in
# tests/test_browser.py, and a translation changes only the words.
SAMPLE = [
    "",
    "scams/counterfeit/",
    "checklist/",
    "deadlines/",
    "case/",
    "letters/card-chargeback/",
    "where-to-report/",
    "for-lawyers/",
]


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_pages_pass_axe_and_fit_a_320px_phone(browser: Any, served: str, code: str) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    tab = BrowserTab(context, served)
    problems = []
    try:
        for page in SAMPLE:
            tab.page.goto(f"{served}{code}/{page}")
            wide = tab.page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
            if wide:
                problems.append(f"/{code}/{page}: scrolls sideways at 320 px")
            report = axe_report(tab.page)
            if report:
                problems.append(f"/{code}/{page}:\n{report}")
    finally:
        context.close()
    assert problems == []
    assert tab.errors == []


def test_the_language_menu_keeps_the_page_the_query_and_the_ticks(context: Any, served: str) -> None:
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}checklist/?type=counterfeit")
    first = page.locator("input.rg-checklist__box:visible").first
    first.check()
    item = first.get_attribute("data-check-id")
    page.locator(".md-select").first.hover()
    page.locator('.md-select a[hreflang="es"]').click()
    page.wait_for_url(f"{served}es/checklist/?type=counterfeit")
    assert page.locator("html").get_attribute("lang") == "es"
    expect_checked(page.locator(f'input.rg-checklist__box[data-check-id="{item}"]').first)
    page.locator(".md-select").first.hover()
    page.locator('.md-select a[hreflang="pt-BR"]').click()
    page.wait_for_url(f"{served}pt-BR/checklist/?type=counterfeit")
    expect_checked(page.locator(f'input.rg-checklist__box[data-check-id="{item}"]').first)
    page.locator(".md-select").first.hover()
    page.locator('.md-select a[hreflang="en"]').click()
    page.wait_for_url(f"{served}checklist/?type=counterfeit")
    assert tab.errors == []


def expect_checked(locator: Any) -> None:
    from playwright.sync_api import expect

    expect(locator).to_be_checked()


def docx_text(data: bytes) -> str:
    return "\n".join(paragraph.text for paragraph in docx.Document(io.BytesIO(data)).paragraphs)


def sample_value(field: dict[str, Any]) -> str:
    return {"date": "2026-03-04", "last-four": "4821", "email": "reader@example.org"}.get(
        field["kind"], f"Valor-{field['id']}"
    )


# Every letter's translated blanks are held to the English at build time (macros/i18n.py), and every
# letter is filled in English in tests/test_letters.py; in the browser, each translation fills the
# letters that differ by language: an ordinary one, the seller's (Chinese copy and English beside),
# the card letter (its text by country) and the US letter that stays in English.
LETTERS_BY_LANGUAGE = ["aliexpress-dispute", "seller-message", "card-chargeback", "us-billing-error"]


@pytest.mark.parametrize("code", TRANSLATIONS)
@pytest.mark.parametrize("letter_id", LETTERS_BY_LANGUAGE)
def test_each_kind_of_letter_fills_copies_and_downloads(
    context: Any, served: str, code: str, letter_id: str, tmp_path: Path
) -> None:
    guide = GUIDES[code]
    letter = guide.letter(letter_id)
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}{code}/letters/{letter_id}/")
    page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
    for field_id in letter["fields"]:
        field = guide.letter_field(field_id)
        if field["kind"] != "choice":
            page.locator(f'[data-field="{field_id}"]').fill(sample_value(field))
    page.locator("[data-rg-action=copy]").click()
    page.locator("[data-rg-said]").filter(has_text=re.compile(".")).wait_for()  # beside the Copy button
    page.wait_for_function("navigator.clipboard.readText().then(text => text.length > 0)")
    copied = page.evaluate("navigator.clipboard.readText()")
    with page.expect_download() as info:
        page.locator("[data-rg-action=docx]").click()
    target = tmp_path / info.value.suggested_filename
    info.value.save_as(target)
    word = docx_text(target.read_bytes())
    english_body = next(entry for entry in ENGLISH.letters if entry["id"] == letter_id)["body"]
    first_line = next(line for line in letter["body"].splitlines() if line.strip() and "[" not in line)
    assert first_line in copied and first_line in word
    if letter["language"] == "english":
        assert letter["body"] == english_body  # a US issuer gets the English letter
    else:
        assert letter["body"] != english_body
        assert not english_left(re.sub(r"\[[a-z-]+\]", " ", letter["body"]))
    english_line = next(line for line in english_body.splitlines() if line.strip() and "[" not in line)
    assert (english_line in copied) == (letter["language"] != "reader"), "the English version beside it"
    assert "Valor-" in copied or letter["fields"] == []
    assert tab.errors == []


SEARCHES = {
    "es": [("reembolso", None), ("disputa", None), ("producto falsificado", "es/scams/counterfeit/")],
    "pt-BR": [
        ("reembolso", None),
        ("produto falsificado", "pt-BR/scams/counterfeit/"),
        ("rastreamento entregue", None),
    ],
}


@pytest.mark.parametrize("code", TRANSLATIONS)
def test_search_in_the_readers_language(context: Any, served: str, code: str) -> None:
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}{code}/")
    open_search(page)
    for query, wanted in SEARCHES[code]:
        # This query's results, not those of the one before (search_for waits for its answer).
        hrefs = search_for(page, query)
        assert hrefs, query
        assert all(href.startswith(f"{served}{code}/") for href in hrefs), (query, hrefs[:3])
        if wanted:
            pages = [href.removeprefix(served).split("#")[0].split("?")[0] for href in hrefs]
            assert wanted in pages[:3], (query, pages[:5])
    assert tab.errors == []


# The native review (2026-12): words a reader of each language must not meet, and the ones that replace them.
NOT_IN = {
    "es": ["cuenta atrás", "Cuenta atrás", "significativamente distinto", "Estimados señores", "tarjeta regalo"],
    "pt-BR": [
        "ouvidoria independente",
        "(ouvidoria financeira)",
        "significativamente diferente",
        "pedido de devolu",
        "pedido de prorroga",
        "pedido de mais prazo",
        "pedido formal",
        "pedidos de pagamento",
        "Esse pedido solicita",
    ],
}


@pytest.mark.parametrize("code", sorted(NOT_IN))
def test_words_the_native_review_took_out_stay_out(code: str) -> None:
    files = [*(ROOT / "data" / "i18n" / code).glob("*.yml"), *(ROOT / "i18n" / code).rglob("*.md")]
    found = [
        f"{path.relative_to(ROOT)}: {word}"
        for path in files
        for word in NOT_IN[code]
        if word in " ".join(path.read_text(encoding="utf-8").split())
    ]
    assert found == []


def test_dates_read_as_each_language_writes_them_and_no_language_claims_a_review() -> None:
    day = dt.date(2026, 11, 1)
    assert render.long_date(day, "es") == "1 de noviembre de 2026"
    assert render.long_date(day, "pt-BR") == "1º de novembro de 2026"
    assert render.long_date(dt.date(2026, 11, 2), "pt-BR") == "2 de novembro de 2026"
    languages = yaml.safe_load((ROOT / "data" / "languages.yml").read_text(encoding="utf-8"))["languages"]
    assert all(language.get("reviewed") is False for language in languages[1:])
