"""What each Material feature we turn on costs a first visit, in main-thread time.

Lighthouse's Total Blocking Time (bench/lighthouse.py --without FEATURE) moves a lot from run to
run on a busy machine. This takes many more, cheaper samples: for this site and for builds with
one feature off, interleaved, it opens a page cold in Chromium at a phone's size with the CPU
slowed 4x (as Lighthouse's mobile preset does) and reads the main thread's busy time
(TaskDuration) and blocking time (long tasks over 50 ms) until load. Medians of --runs. It
reports, it never asserts.

Run: .venv/bin/python bench/features.py --runs 15
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path
from typing import Any

from sites import build_ours, serve
from weight import PHONE

# navigation.instant and content.tooltips were here until they were turned off (README, "Performance").
FEATURES = ("search.suggest", "search.highlight", "toc.follow")
PAGES = ("", "checklist/")
LONG_TASKS = """
window.__blocking = 0;
new PerformanceObserver((list) => {
  for (const task of list.getEntries()) window.__blocking += Math.max(0, task.duration - 50);
}).observe({ type: "longtask", buffered: true });
"""


def sample(browser: Any, url: str) -> tuple[float, float]:
    """(main-thread busy ms, blocking ms) for one cold visit."""
    context = browser.new_context(**PHONE)
    context.add_init_script(LONG_TASKS)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Performance.enable")
    session.send("Emulation.setCPUThrottlingRate", {"rate": 4})
    page.goto(url, wait_until="load")
    page.wait_for_timeout(300)
    metrics = {metric["name"]: metric["value"] for metric in session.send("Performance.getMetrics")["metrics"]}
    blocking = page.evaluate("window.__blocking")
    context.close()
    return metrics["TaskDuration"] * 1000, blocking


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()

    from browser_path import find_chromium
    from conftest import CHROMIUM_ARGS, free_port
    from playwright.sync_api import sync_playwright

    port = free_port()
    base = f"http://127.0.0.1:{port}/"
    variants = {"all on": ()} | {f"without {feature}": (feature,) for feature in FEATURES}
    with tempfile.TemporaryDirectory() as temporary, sync_playwright() as playwright:
        folder = Path(temporary)
        names = {}
        for number, (label, without) in enumerate(variants.items()):
            names[label] = f"v{number}"
            build_ours(folder / f"v{number}", f"{base}v{number}/", without=without)
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        samples: dict[tuple[str, str], list[tuple[float, float]]] = {}
        with serve(folder, port):
            for _ in range(options.runs):
                for page in PAGES:
                    for label, name in names.items():
                        samples.setdefault((page, label), []).append(sample(browser, f"{base}{name}/{page}"))
        browser.close()
    print(f"Main thread on a cold visit, CPU slowed 4x, median of {options.runs} (ms):\n")
    print("| page | build | busy | blocking (long tasks over 50 ms) |")
    print("| --- | --- | --- | --- |")
    for (page, label), values in samples.items():
        busy = statistics.median(value[0] for value in values)
        blocking = statistics.median(value[1] for value in values)
        print(f"| `/{page}` | {label} | {busy:.0f} | {blocking:.0f} |")


if __name__ == "__main__":
    sys.exit(main())
