"""Our own JS and CSS stay small on every page. Sizes are deterministic; speed lives in bench/."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from page_weight import gzipped_size, own_assets, page_weights

BUDGET_BYTES = 12 * 1024


def test_own_js_and_css_fit_the_budget_on_every_page(site: Path) -> None:
    weights = page_weights(site)
    assert weights, "no pages measured"
    over = {url: size for url, size in weights.items() if size > BUDGET_BYTES}
    assert over == {}


def test_the_measure_sees_our_assets(site: Path) -> None:
    privacy = [asset.name for asset in own_assets(site / "privacy" / "index.html", site)]
    assert "extra.css" in privacy and "clear-storage.js" in privacy


def page_js(site: Path, url: str) -> int:
    """Gzipped bytes of our scripts a page loads, static imports included (not the lazy zip writer)."""
    return sum(gzipped_size(asset) for asset in own_assets(site / url / "index.html", site) if asset.suffix == ".js")


# 6 KB (was 5 KB): the checklist now names the problem it is tailored to in its heading and title,
# puts the problem's key task next, and dates printouts. /checklist/ stays far below the 12 KB page budget.
CHECKLIST_JS_BUDGET = 6 * 1024


def test_checklist_script_fits_its_budget(site: Path) -> None:
    for url in ("checklist/", "steps/evidence/"):
        size = page_js(site, url)
        assert size <= CHECKLIST_JS_BUDGET, f"/{url}: checklist JS is {size} bytes gzipped"


def test_letters_script_fits_its_budget(site: Path) -> None:
    for letter in (site / "letters").iterdir():
        if letter.is_dir():
            url = f"letters/{letter.name}/"
            assert page_js(site, url) <= 6 * 1024, f"/{url}: letters JS is {page_js(site, url)} bytes gzipped"
