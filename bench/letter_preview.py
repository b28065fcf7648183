"""How long one keystroke takes to update a letter's preview, in Chromium (target: under 5 ms).

Run with `make bench`. It builds the site, serves it on 127.0.0.1, and for every letter types 200
characters into its longest field, timing each input event (the script saves the details and
redraws the preview synchronously inside that event). Timings vary by machine, so they live
here and never in a test.
"""

from __future__ import annotations

import functools
import os
import statistics
import sys
import tempfile
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

TYPE_AND_TIME = """async (fieldId) => {
  const field = document.querySelector(`[data-field="${fieldId}"]`);
  const times = [];
  for (let i = 0; i < 200; i += 1) {
    field.value += i % 20 === 19 ? " " : "x";
    const start = performance.now();
    field.dispatchEvent(new Event("input", { bubbles: true }));
    times.push(performance.now() - start);
  }
  return times;
}"""


class Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from browser_path import find_chromium
    from conftest import CHROMIUM_ARGS, free_port
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from playwright.sync_api import sync_playwright

    from macros.data import load_guide

    guide = load_guide(ROOT / "data")
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        build(load_config(str(ROOT / "mkdocs.yml"), site_dir=folder, site_url=f"http://127.0.0.1:{port}/"))
        server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(Quiet, directory=folder))
        threading.Thread(target=server.serve_forever, daemon=True).start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
            page = browser.new_page()
            print("| letter (ms per keystroke, 200 keystrokes) | median | p95 | worst |")
            print("| --- | --- | --- | --- |")
            worst = 0.0
            for letter in guide.letters:
                multiline = [f for f in letter["fields"] if guide.letter_field(f)["kind"] == "multiline"]
                field_id = (multiline or letter["fields"])[0]
                page.goto(f"http://127.0.0.1:{port}/letters/{letter['id']}/")
                page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
                times = sorted(page.evaluate(TYPE_AND_TIME, field_id))
                p95 = times[int(len(times) * 0.95) - 1]
                worst = max(worst, p95)
                print(f"| {letter['id']} | {statistics.median(times):.2f} | {p95:.2f} | {times[-1]:.2f} |")
            browser.close()
        server.shutdown()
    print(f"\nWorst p95: {worst:.2f} ms (target: under 5 ms).")


if __name__ == "__main__":
    main()
