"""Where the main thread goes on a cold visit, per page type: this site against stock Material.

Run with `make bench` (or `.venv/bin/python bench/trace.py --runs 3`). For each page it opens a
fresh phone-sized Chromium context with the CPU slowed 4x (as Lighthouse's mobile preset does),
records a performance trace from navigation until the network is quiet, and splits the renderer's
main thread: busy time and script time per file from V8's sampling profiler (our page scripts,
the ES modules under `assets/js/`, also file by file; Material's bundle; inline and other script),
and the own time of style recalculation, layout, HTML parsing and paint from the trace events (a
forced layout inside a script counts there and under layout). Lighthouse's Total Blocking Time is
in bench/lighthouse.py. The profiler sometimes misses a page's renderer: such a visit is made again
(up to three times), and a page with no sampled visit says so. Medians of the runs; it reports, it
never asserts.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from sites import PAGES, both_sites, present, serve
from weight import PHONE

CATEGORIES = [
    "devtools.timeline",
    "v8.execute",
    "disabled-by-default-v8.cpu_profiler",
]
# Trace events by what they are (their own time, children excluded); script time comes from the profiler.
GROUPS = {
    "UpdateLayoutTree": "style",
    "RecalculateStyles": "style",
    "ParseAuthorStyleSheet": "style",
    "Layout": "layout",
    "ParseHTML": "parse HTML",
    "Paint": "paint",
    "PrePaint": "paint",
    "Layerize": "paint",
    "UpdateLayer": "paint",
    "CompositeLayers": "paint",
    "Commit": "paint",
}
SCRIPT_EVENTS = {
    "EvaluateScript",
    "FunctionCall",
    "TimerFire",
    "EventDispatch",
    "FireAnimationFrame",
    "FireIdleCallback",
    "RunMicrotasks",
    "v8.compile",
    "v8.compileModule",
    "v8.evaluateModule",
}
COLUMNS = (
    "busy",
    "our scripts",
    "Material's bundle",
    "other script",
    "style",
    "layout",
    "parse HTML",
    "paint",
)
THROTTLE = 4


def main_thread(events: list[dict[str, Any]], url: str) -> tuple[int, int]:
    """(pid, tid) of the renderer main thread that parsed the page: the one with the most ParseHTML
    events for it (another renderer may start on the address and parse a little)."""
    parsed: Counter[tuple[int, int]] = Counter(
        (event["pid"], event["tid"])
        for event in events
        if event.get("name") == "ParseHTML"
        if event.get("args", {}).get("beginData", {}).get("url", "").startswith(url)
    )
    return parsed.most_common(1)[0][0]


def complete_events(events: list[dict[str, Any]], thread: tuple[int, int]) -> list[dict[str, Any]]:
    """The thread's spans: complete events ("X") and begin/end pairs ("B"/"E") made complete."""
    spans, open_spans = [], []
    for event in sorted(events, key=lambda event: event.get("ts", 0)):
        if (event.get("pid"), event.get("tid")) != thread:
            continue
        if event.get("ph") == "X":
            spans.append(event)
        elif event.get("ph") == "B":
            open_spans.append(event)
        elif event.get("ph") == "E" and open_spans:
            begun = open_spans.pop()
            args = {**begun.get("args", {}), **event.get("args", {})}
            spans.append({**begun, "ph": "X", "dur": event["ts"] - begun["ts"], "args": args})
    return spans


def event_group(event: dict[str, Any], parent: str, base: str) -> str:
    """What an event's own time is: a GROUPS entry, script by file, or its parent's group."""
    name = event["name"]
    if name in GROUPS:
        return GROUPS[name]
    data = event.get("args", {}).get("data") or {}
    if name == "v8.evaluateModule":
        return "our scripts"  # our page scripts are the only ES modules (Material's bundle is classic)
    if name in ("EvaluateScript", "FunctionCall", "v8.compileModule", "v8.compile") and data.get("url"):
        return script_group(label(data["url"], base))
    if name in SCRIPT_EVENTS:
        return parent or "other script"
    return parent


def script_group(file: str) -> str:
    if file.startswith("assets/js/"):
        return "our scripts"
    return "Material's bundle" if file == "Material's bundle" else "other script"


def self_times(
    events: list[dict[str, Any]], thread: tuple[int, int], base: str
) -> tuple[dict[str, float], list[float]]:
    """Own time (ms) per group of the thread's complete events, and the top-level task lengths (ms)."""
    spans = sorted(complete_events(events, thread), key=lambda event: (event["ts"], -event.get("dur", 0)))
    own: dict[str, float] = defaultdict(float)
    tasks: list[float] = []
    stack: list[tuple[float, str]] = []  # (end, group) of the open spans
    for event in spans:
        start, duration = event["ts"], event.get("dur", 0)
        while stack and stack[-1][0] <= start:
            stack.pop()
        parent = stack[-1][1] if stack else ""
        if not stack and event["name"] == "RunTask":
            tasks.append(duration / 1000)
        group = event_group(event, parent, base)
        if group != parent:
            # Its own time counts in its group, and not in its parent's.
            own[group] += duration / 1000
            if parent:
                own[parent] -= duration / 1000
        stack.append((start + duration, group))
    return own, tasks


def script_times(events: list[dict[str, Any]], thread: tuple[int, int], base: str) -> dict[str, float]:
    """Sampled JavaScript time (ms) per file on the thread: `assets/js/x.js`, Material's bundle, inline."""
    chunks = [event for event in events if event.get("name") == "ProfileChunk" and event.get("pid") == thread[0]]
    # The page's own profile is the one that ran Material's bundle (a worker has a profile of its own).
    main_profiles = {
        event["id"]
        for event in chunks
        for node in event["args"]["data"].get("cpuProfile", {}).get("nodes", [])
        if "/assets/javascripts/bundle." in node["callFrame"].get("url", "")
    }
    nodes: dict[tuple[Any, int], str] = {}
    idle: set[tuple[Any, int]] = set()
    per_file: dict[str, float] = defaultdict(float)
    for event in chunks:
        if event["id"] not in main_profiles:
            continue
        data = event["args"]["data"]
        profile = data.get("cpuProfile", {})
        for node in profile.get("nodes", []):
            nodes[(event["id"], node["id"])] = node["callFrame"].get("url", "")
            if node["callFrame"].get("functionName") == "(idle)":
                idle.add((event["id"], node["id"]))
        samples, deltas = profile.get("samples", []), data.get("timeDeltas", [])
        for index, node_id in enumerate(samples):
            following = deltas[index + 1] if index + 1 < len(deltas) else 0
            url = nodes.get((event["id"], node_id), "")
            if (event["id"], node_id) not in idle:
                per_file["busy"] += max(following, 0) / 1000
            if url:
                per_file[label(url, base)] += max(following, 0) / 1000
    return per_file


def label(url: str, base: str) -> str:
    path = url.removeprefix(base).split("?")[0]
    if "/assets/js/" in f"/{path}":
        return "assets/js/" + path.rsplit("/assets/js/", 1)[-1].removeprefix("assets/js/")
    if "/assets/javascripts/bundle." in f"/{path}":
        return "Material's bundle"
    if "/assets/javascripts/" in f"/{path}":
        return "Material: " + path.rsplit("/", 1)[-1]
    return "inline and other"


def visit(browser: Any, url: str, base: str) -> dict[str, float] | None:
    """One cold visit's main-thread split (ms); None when the profiler sampled nothing of the page."""
    context = browser.new_context(**PHONE)
    # Tracing starts before the tab exists: V8's profiler samples only the renderers started after it.
    browser.start_tracing(categories=CATEGORIES)
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(url, wait_until="networkidle")
    events = json.loads(browser.stop_tracing())["traceEvents"]
    context.close()
    thread = main_thread(events, url)
    own, _ = self_times(events, thread, base)
    scripts = script_times(events, thread, base)
    if not scripts.get("busy"):
        return None
    result = {
        "busy": scripts["busy"],
        "our scripts": sum(ms for name, ms in scripts.items() if name.startswith("assets/js/")),
        "Material's bundle": scripts.get("Material's bundle", 0.0),
        "other script": scripts.get("inline and other", 0.0),
        **{group: own.get(group, 0.0) for group in ("style", "layout", "parse HTML", "paint")},
    }
    result.update({f"module {name}": ms for name, ms in scripts.items() if name.startswith("assets/js/")})
    return result


def sampled_visit(browser: Any, url: str, base: str, tries: int = 3) -> list[dict[str, float]]:
    """A visit the profiler sampled (it sometimes misses the page's renderer): up to `tries` visits."""
    for _ in range(tries):
        result = visit(browser, url, base)
        if result is not None:
            return [result]
    return []


def median_of(runs: list[dict[str, float]]) -> dict[str, float]:
    if not runs:
        return {}
    keys = {key for run in runs for key in run}
    return {key: statistics.median(run.get(key, 0.0) for run in runs) for key in keys}


def table(results: dict[str, dict[str, dict[str, float]]], names: list[str]) -> str:
    lines = [
        "| page | site | " + " | ".join(COLUMNS) + " |",
        "| --- | --- |" + " ---: |" * len(COLUMNS),
    ]
    for page, by_site in results.items():
        for name in names:
            row = by_site[name]
            site = {"ours": "this site", "stock": "stock"}.get(name, name)
            if not row:
                lines.append(f"| `/{page}` | {site} | " + " | ".join("no sample" for _ in COLUMNS) + " |")
                continue
            lines.append(f"| `/{page}` | {site} | " + " | ".join(f"{row[column]:.0f}" for column in COLUMNS) + " |")
    lines += ["", "Our modules, sampled script time per page (ms, largest first; each counts only its own code):", ""]
    for page, by_site in results.items():
        modules = sorted(
            (
                (key.removeprefix("module assets/js/"), ms)
                for key, ms in by_site["ours"].items()
                if key.startswith("module ")
            ),
            key=lambda pair: -pair[1],
        )
        shown = ", ".join(f"{name} {ms:.0f}" for name, ms in modules if ms >= 0.5) or "none over 0.5 ms"
        lines.append(f"- `/{page}`: {shown}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--page", action="append", help="a page to trace (default: the usual set)")
    options = parser.parse_args()

    from browser_path import find_chromium
    from conftest import CHROMIUM_ARGS, free_port
    from playwright.sync_api import sync_playwright

    port = free_port()
    names = ["ours", "stock"]
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        sites = both_sites(Path(folder), port)
        pages = present(sites["ours"], tuple(options.page or PAGES))
        browser = playwright.chromium.launch(executable_path=find_chromium(), args=CHROMIUM_ARGS)
        runs: dict[str, dict[str, list[dict[str, float]]]] = {page: {name: [] for name in names} for page in pages}
        with serve(Path(folder), port) as base:
            for _ in range(options.runs):
                for page in pages:
                    for name in names:
                        runs[page][name] += sampled_visit(browser, f"{base}{name}/{page}", f"{base}{name}/")
        browser.close()
    results = {page: {name: median_of(by_site[name]) for name in names} for page, by_site in runs.items()}
    print(
        f"Main thread of a cold visit until the network is quiet, phone size, CPU slowed {THROTTLE}x, median of"
        f" {options.runs} (ms; busy and script time sampled by V8's profiler, the rest from trace events):\n"
    )
    print(table(results, names))


if __name__ == "__main__":
    sys.exit(main())
