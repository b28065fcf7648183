"""Page weight of the site's own JS and CSS, per page, gzipped (level 9).

Run with `make bench`. It builds the site into a temporary folder and prints one row per page.
Sizes are deterministic, so tests/test_budget.py holds the budget; timings never go in a test.
"""

from __future__ import annotations

import gzip
import os
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Our own JS+CSS a page may load, gzipped: 12 KB less #24's 15% cut. The worker's registration
# (offline.js) loads on every page and has a budget of its own. tests/test_budget.py holds both.
PAGE_BUDGET = int(12 * 1024 * 0.85)
REGISTRATION_BUDGET = 1536
OWN_ASSET = re.compile(r'(?:src|href)="([^"]*assets/(?:js|css)/[^"]+)"')
# Static imports (and re-exports) load with the page, in the source's layout or minified onto one
# line; dynamic import() (the .docx zip writer) loads only on demand, and the "(" keeps it out.
STATIC_IMPORT = re.compile(r'(?:^|[;}])\s*(?:import|export)\b[^"\';()]*["\'](\./[^"\']+)["\']', re.MULTILINE)


def gzipped_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def with_imports(script: Path, found: list[Path]) -> None:
    if script in found or not script.is_file():
        return
    found.append(script)
    if script.suffix == ".js":
        for reference in STATIC_IMPORT.findall(script.read_text(encoding="utf-8")):
            with_imports((script.parent / reference).resolve(), found)


def own_assets(page: Path, site: Path) -> list[Path]:
    """Our own scripts (with their static imports) and stylesheets a page loads.

    Material's own assets live under assets/javascripts and assets/stylesheets and are not counted.
    """
    html = page.read_text(encoding="utf-8")
    found: list[Path] = []
    for reference in OWN_ASSET.findall(html):
        target = (page.parent / reference.split("?")[0]).resolve()
        if site.resolve() in target.parents:
            with_imports(target, found)
    return found


def page_weights(site: Path) -> dict[str, int]:
    weights = {}
    for page in sorted(site.rglob("index.html")):
        url = "/" + page.relative_to(site).parent.as_posix().strip(".")
        weights[url.rstrip("/") + "/"] = sum(gzipped_size(asset) for asset in own_assets(page, site))
    return weights


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder)
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=folder, strict=True))
        # As tests/test_budget.py measures it: the worker's registration has a budget of its own.
        registration = gzipped_size(site / "assets" / "js" / "offline.js")
        weights = {url: size - registration for url, size in page_weights(site).items()}
    width = max(len(url) for url in weights)
    print(f"{'page'.ljust(width)}  own JS+CSS (gzip -9), without the worker's registration")
    for url, size in weights.items():
        print(f"{url.ljust(width)}  {size:>6,} B")
    largest = max(weights, key=weights.__getitem__)
    print(
        f"largest: {weights[largest]:,} B on {largest} (budget {PAGE_BUDGET:,} B), without the worker's "
        f"registration ({registration:,} B, its own budget of {REGISTRATION_BUDGET:,} B)"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
