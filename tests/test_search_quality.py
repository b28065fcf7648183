"""Search quality: what a scared buyer types finds the right page in the top 3 of Material's search.

The queries go through the real search box in Chromium, in one tab. Material lists a page and its
matching sections together; a rank counts pages (a section link counts as its page).
If a query falls out of the top 3, fix the page honestly: a clearer summary sentence in the words
readers use, or `search: boost: N` in a docs/*.md page's front matter. Never stuff keywords or hide
text. Generated pages (/scams/<id>/, /letters/<id>/) take their words from data/*.yml.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

import pytest
from conftest import BrowserTab, open_search, search_for

TOP = 3

# (what the reader types, the pages that answer it: any one of them counts)
QUERIES: list[tuple[str, tuple[str, ...]]] = [
    ("parcel never arrived", ("scams/non-delivery/",)),
    ("fake product", ("scams/counterfeit/",)),
    # A reader who types "chargeback" first needs to know what it is and when to ask: the step page
    # explains it and links to the letter.
    ("chargeback", ("steps/payment-provider/",)),
    ("paypal", ("steps/payment-provider/", "letters/paypal-claim/")),
    ("seller wants me to close dispute", ("scams/close-dispute-pressure/",)),
    ("tracking says delivered", ("scams/delivered-elsewhere/",)),
    ("refund not received", ("scams/refund-not-received/",)),
    ("empty box", ("scams/empty-parcel/",)),
    ("letter to my bank", ("letters/card-chargeback/",)),
    ("bank said no", ("scams/provider-said-no/",)),
]

# Known misses whose fix is outside docs/*.md (a generated page's words come from data/*.yml).
# strict: once the fix lands this query passes, the test reports XPASS as a failure, and the entry
# must go.
KNOWN_MISSES: dict[str, str] = {}


def pages_in_order(hrefs: list[str], base_path: str) -> list[str]:
    """Distinct pages in the order Material lists them, as paths under the site root."""
    pages: list[str] = []
    for href in hrefs:
        page = urlsplit(href).path.removeprefix(base_path)
        if page not in pages:
            pages.append(page)
    return pages


@pytest.fixture(scope="module")
def results(browser: Any, served: str) -> dict[str, list[str]]:
    """Each query's result pages, best first, from one tab: the search is opened once, then each
    query replaces the last one in the box."""
    context = browser.new_context()
    tab = BrowserTab(context, served)
    page = tab.page
    found: dict[str, list[str]] = {}
    try:
        page.goto(served)
        open_search(page)
        for query, _ in QUERIES:
            found[query] = pages_in_order(search_for(page, query), urlsplit(served).path)
        assert tab.errors == []
    finally:
        context.close()
    return found


def rank(pages: list[str], wanted: tuple[str, ...]) -> int | None:
    return next((position for position, page in enumerate(pages, 1) if page in wanted), None)


def table(results: dict[str, list[str]]) -> str:
    lines = ["| query | wanted | rank | top 5 pages |", "| --- | --- | --- | --- |"]
    for query, wanted in QUERIES:
        found = rank(results[query], wanted)
        top = ", ".join("/" + page for page in results[query][:5]) or "(no results)"
        lines.append(
            f"| {query} | {' or '.join('/' + page for page in wanted)} | {found or 'not in the first 10'} | {top} |"
        )
    return "\n".join(lines)


@pytest.mark.parametrize(
    ("query", "wanted"),
    [
        pytest.param(*case, marks=pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[case[0]]))
        if case[0] in KNOWN_MISSES
        else case
        for case in QUERIES
    ],
    ids=[query for query, _ in QUERIES],
)
def test_query_finds_its_page_in_the_top_3(results: dict[str, list[str]], query: str, wanted: tuple[str, ...]) -> None:
    found = rank(results[query], wanted)
    assert found is not None and found <= TOP, (
        f"'{query}' ranks {wanted} {found or 'below the first 10'}:\n{table(results)}"
    )
