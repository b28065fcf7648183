"""How long one tick takes on the checklist, in Chromium (the companion of letter_preview.py).

Run with `make bench`. It builds the site, serves it on 127.0.0.1, opens /checklist/ at a phone's
size and ticks or unticks a box 200 times, going down the list, timing each click (the script
saves the ticks and redraws the list and progress synchronously inside the change event). It
prints the median, p95 and worst in ms. Timings vary by machine, so they live here and never in
a test.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
from pathlib import Path

from sites import build_ours, serve
from weight import PHONE

TICK_AND_TIME = """async () => {
  const boxes = [...document.querySelectorAll(".rg-checklist input[type=checkbox][data-check-id]")];
  const times = [];
  for (let i = 0; i < 200; i += 1) {
    const box = boxes[i % boxes.length];
    const start = performance.now();
    box.click();
    times.push(performance.now() - start);
  }
  return times;
}"""


def main() -> None:
    from browser_path import find_chromium
    from conftest import CHROMIUM_ARGS, free_port
    from playwright.sync_api import sync_playwright

    port = free_port()
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        build_ours(Path(folder) / "ours", f"http://127.0.0.1:{port}/ours/")
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        with serve(Path(folder), port) as base:
            context = browser.new_context(**PHONE)
            page = context.new_page()
            page.goto(f"{base}ours/checklist/")
            page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
            times = sorted(page.evaluate(TICK_AND_TIME))
            context.close()
        browser.close()
    p95 = times[int(len(times) * 0.95) - 1]
    print("| checklist tick (200 clicks on /checklist/) | median | p95 | worst |")
    print("| --- | --- | --- | --- |")
    print(f"| ms per tick | {statistics.median(times):.2f} | {p95:.2f} | {times[-1]:.2f} |")


if __name__ == "__main__":
    sys.exit(main())
