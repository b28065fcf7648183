"""Lighthouse on this site against the stock Material site with the same page texts.

Run with `make bench` (or `.venv/bin/python bench/lighthouse.py --runs 5`). It builds both sites,
serves them gzipped from one local server, installs Lighthouse 12.2.3 from npm into .cache/ the
first time (it is not in package.json, so `npm ci` in `make test` never fetches it), runs it on
the system Chromium with the mobile preset, interleaved (each page: ours, then stock, then the next
page; then the whole round again), and prints the median of the runs per page as a Markdown table.

`--without FEATURE` adds a build of this site with that Material feature off (repeatable), to see
what the feature costs in Total Blocking Time. Scores vary from run to run: this reports, it never
asserts.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from sites import PAGES, ROOT, both_sites, present, serve

LIGHTHOUSE_VERSION = "12.2.3"  # 13.x needs Node 22
PACKAGE = f"lighthouse@{LIGHTHOUSE_VERSION}"
CACHE = ROOT / ".cache" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-sync"


def lighthouse_cli() -> Path:
    """The Lighthouse CLI, installed into .cache/lighthouse on first use."""
    cli = CACHE / "node_modules" / "lighthouse" / "cli" / "index.js"
    installed = CACHE / "node_modules" / "lighthouse" / "package.json"
    if not installed.is_file() or json.loads(installed.read_text())["version"] != LIGHTHOUSE_VERSION:
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE.relative_to(ROOT)}/ ...", file=sys.stderr)
        subprocess.run(
            ["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund", "--silent", PACKAGE],
            check=True,
        )
    return cli


def run_lighthouse(cli: Path, chromium: str, url: str) -> dict[str, float]:
    """One Lighthouse run (mobile preset, simulated throttling): scores and the three metrics."""
    command = [
        "node",
        str(cli),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
    ]
    environment = {**os.environ, "CHROME_PATH": chromium}
    done = subprocess.run(command, capture_output=True, text=True, env=environment, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return summary(json.loads(done.stdout))


def summary(report: dict[str, Any]) -> dict[str, float]:
    audits = report["audits"]
    result = {name: report["categories"][name]["score"] for name in CATEGORIES}
    result["lcp"] = audits["largest-contentful-paint"]["numericValue"] / 1000
    result["tbt"] = audits["total-blocking-time"]["numericValue"]
    result["cls"] = audits["cumulative-layout-shift"]["numericValue"]
    result["bytes"] = audits["total-byte-weight"]["numericValue"]
    result["failed"] = sorted(  # type: ignore[assignment]
        audit_id
        for name in ("accessibility", "best-practices", "seo")
        for ref in report["categories"][name]["auditRefs"]
        if ref["weight"] and (audits[ref["id"]]["score"] is not None and audits[ref["id"]]["score"] < 1)
        for audit_id in [ref["id"]]
    )
    return result


def medians(runs: list[dict[str, Any]]) -> dict[str, Any]:
    numbers = {key: statistics.median(run[key] for run in runs) for key in runs[0] if key != "failed"}
    numbers["failed"] = sorted({audit for run in runs for audit in run["failed"]})
    return numbers


def cell(result: dict[str, Any]) -> str:
    scores = " / ".join(f"{result[name]:.2f}" for name in CATEGORIES)
    return f"{scores}, {result['lcp']:.2f} s, {result['tbt']:.0f} ms, {result['cls']:.3f}"


def goal(ours: dict[str, Any], stock: dict[str, Any]) -> str:
    performance = ours["performance"] - stock["performance"]
    blocking = ours["tbt"] - stock["tbt"]
    met = performance >= -0.01 - 1e-9 and blocking <= 30
    return f"{'met' if met else 'NOT met'} (performance {performance:+.2f}, TBT {blocking:+.0f} ms)"


def table(results: dict[str, dict[str, dict[str, Any]]], sites: list[str]) -> str:
    names = ["this site" if site == "ours" else site for site in sites]
    head = " | ".join(f"{name}: perf / a11y / BP / SEO, LCP, TBT, CLS" for name in names)
    lines = [f"| page | {head} |", "| --- |" + " --- |" * len(sites)]
    for page, by_site in results.items():
        lines.append(f"| `/{page}` | " + " | ".join(cell(by_site[site]) for site in sites) + " |")
    if "stock" in sites:
        lines += ["", "The goal (#24): performance >= stock's - 0.01 and TBT <= stock's + 30 ms:", ""]
        lines += [f"- `/{page}`: {goal(by_site['ours'], by_site['stock'])}" for page, by_site in results.items()]
    failed = sorted({audit for by_site in results.values() for audit in by_site["ours"]["failed"]})
    if failed:
        lines.append(f"\nAudits this site does not pass fully (a11y / BP / SEO): {', '.join(failed)}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--page", action="append", help="a page to measure (default: the usual set)")
    parser.add_argument("--without", action="append", default=[], help="also measure a build without this feature")
    parser.add_argument("--no-stock", action="store_true", help="measure only this site (and its variants)")
    options = parser.parse_args()

    from browser_path import find_chromium
    from conftest import free_port

    chromium = find_chromium()
    if chromium is None:
        sys.exit("No Chromium found: install it or set CHROMIUM_PATH.")
    cli = lighthouse_cli()
    port = free_port()
    variants = {f"no-{feature.replace('.', '-')}": (feature,) for feature in options.without}
    with tempfile.TemporaryDirectory() as folder:
        sites = both_sites(Path(folder), port, variants)
        names = ["ours", *variants] + ([] if options.no_stock else ["stock"])
        pages = present(sites["ours"], tuple(options.page or PAGES))
        runs: dict[str, dict[str, list[dict[str, Any]]]] = {page: {name: [] for name in names} for page in pages}
        with serve(Path(folder), port) as base:
            for round_number in range(options.runs):
                for page in pages:
                    for name in names:
                        runs[page][name].append(run_lighthouse(cli, chromium, f"{base}{name}/{page}"))
                print(f"round {round_number + 1} of {options.runs} done", file=sys.stderr)
                # The table so far, so a slow or interrupted run still reports what it measured.
                so_far = {page: {name: medians(by_site[name]) for name in names} for page, by_site in runs.items()}
                print(table(so_far, names), file=sys.stderr, flush=True)
    results = {page: {name: medians(by_site[name]) for name in names} for page, by_site in runs.items()}
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile preset, median of {options.runs}, interleaved:\n")
    print(table(results, names))


if __name__ == "__main__":
    main()
