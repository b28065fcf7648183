"""Our own JS and CSS stay small on every page. Sizes are deterministic; speed lives in bench/."""

from __future__ import annotations

import sys
from pathlib import Path

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))

from page_weight import own_assets, page_weights

BUDGET_BYTES = 12 * 1024


def test_own_js_and_css_fit_the_budget_on_every_page(site: Path) -> None:
    weights = page_weights(site)
    assert weights, "no pages measured"
    over = {url: size for url, size in weights.items() if size > BUDGET_BYTES}
    assert over == {}


def test_the_measure_sees_our_assets(site: Path) -> None:
    privacy = [asset.name for asset in own_assets(site / "privacy" / "index.html", site)]
    assert "extra.css" in privacy and "clear-storage.js" in privacy
