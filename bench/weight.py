"""Bytes on the wire for a cold visit, per page: this site against the stock Material site with
the same page texts (bench/sites.py), both served gzipped from one local server.

Run with `make bench`. Chromium opens each page in a fresh profile (empty cache) at a phone's size,
waits until the network has been quiet, and adds up what crossed the wire (headers and gzipped
bodies) and how many requests it took. The ratio is the figure; bench/page_weight.py has the
budget for our own JS and CSS, which tests/test_budget.py enforces.
"""

from __future__ import annotations

import gzip
import json
import sys
import tempfile
from pathlib import Path
from typing import Any

from sites import PAGES, both_sites, build_ours, present, serve

PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}


def cold_visit(browser: Any, url: str) -> tuple[int, int]:
    """(bytes transferred, requests) for one page in a fresh profile."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    sizes: dict[str, float] = {}
    started: set[str] = set()
    session.on("Network.requestWillBeSent", lambda event: started.add(event["requestId"]))
    session.on("Network.loadingFinished", lambda event: sizes.update({event["requestId"]: event["encodedDataLength"]}))
    page.goto(url, wait_until="networkidle")
    page.wait_for_timeout(500)
    context.close()
    return int(sum(sizes.values())), len(started)


def precache_bytes(site: Path) -> tuple[int, int]:
    """(files, gzipped bytes) the service worker keeps after a first visit (hooks/offline.py): what
    a reader downloads once the browser is idle, apart from the cold visit above."""
    listing = site / "precache.json"
    if not listing.is_file():
        return 0, 0
    paths = json.loads(listing.read_text(encoding="utf-8"))["precache"]
    files = [site / (path + "index.html" if path.endswith("/") or not path else path) for path in paths]
    return len(files), sum(len(gzip.compress(file.read_bytes(), compresslevel=6, mtime=0)) for file in files)


def table(rows: dict[str, dict[str, tuple[int, int]]]) -> str:
    lines = [
        "| page | this site: KB, requests | stock Material: KB, requests | ratio (bytes) | difference |",
        "| --- | --- | --- | --- | --- |",
    ]
    for page, by_site in rows.items():
        (ours, our_requests), (stock, stock_requests) = by_site["ours"], by_site["stock"]
        lines.append(
            f"| `/{page}` | {ours / 1024:.1f} KB, {our_requests} | {stock / 1024:.1f} KB, {stock_requests} "
            f"| {ours / stock:.2f} | {(ours - stock) / 1024:+.1f} KB |"
        )
    return "\n".join(lines)


def worker_table(rows: dict[str, dict[str, tuple[int, int]]]) -> str:
    """The page's own first visit with and without the worker (its precache comes later, in the worker)."""
    lines = [
        "| page | with the worker: KB, requests | without: KB, requests | difference |",
        "| --- | --- | --- | --- |",
    ]
    for page, by_site in rows.items():
        (ours, our_requests), (bare, bare_requests) = by_site["ours"], by_site["no-worker"]
        lines.append(
            f"| `/{page}` | {ours / 1024:.1f} KB, {our_requests} | {bare / 1024:.1f} KB, {bare_requests} "
            f"| {(ours - bare) / 1024:+.1f} KB |"
        )
    return "\n".join(lines)


def main() -> None:
    from browser_path import find_chromium
    from conftest import CHROMIUM_ARGS, free_port
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        sites = both_sites(Path(folder), port)
        # The same site with the kill switch on: no worker is registered and nothing is kept.
        build_ours(Path(folder) / "no-worker", f"http://127.0.0.1:{port}/no-worker/", extra={"offline": False})
        kept = precache_bytes(sites["ours"])
        pages = present(sites["ours"], PAGES)
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        rows: dict[str, dict[str, tuple[int, int]]] = {}
        with serve(Path(folder), port) as base:
            for page in pages:
                rows[page] = {
                    name: cold_visit(browser, f"{base}{name}/{page}") for name in ("ours", "no-worker", "stock")
                }
        browser.close()
    print("Cold visit, all bytes on the wire (gzip), phone-sized Chromium:\n")
    print(table(rows))
    print("\nThe first visit with the service worker (as shipped) and without it (`offline: false`):\n")
    print(worker_table(rows))
    print(
        f"\nKept for offline use after the first visit, once the browser is idle (English; not in the"
        f" cold visit): {kept[0]} files, {kept[1] / 1024:.1f} KB gzipped."
    )


if __name__ == "__main__":
    sys.exit(main())
