"""Every screen, in Chromium: axe on a 320 px phone in both palettes, no sideways scrolling at 320 px
or at 200% zoom, and taps of at least 24 by 24 CSS px (WCAG 2.2, 2.5.8) on our own controls.

tests/test_browser.py already runs axe on every page at 1280 px in both palettes; this file adds the
narrowest screen, on one page of each kind.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import BrowserTab, axe_report, pages_of_each_template

# One page of each kind: home, step, problem type, checklist, letter, plain text, not found.
ONE_OF_EACH = [
    "",
    "steps/evidence/",
    "scams/counterfeit/",
    "checklist/",
    "letters/card-chargeback/",
    "privacy/",
    "404.html",
]
PHONE = {"viewport": {"width": 320, "height": 640}}
# 200% zoom: a 1280 px wide window zoomed to 200% lays out its pages in 640 CSS px, each CSS px two
# device pixels wide. A 640 px viewport at deviceScaleFactor 2 is the same to CSS: the same width
# in CSS px, the same media queries and the same devicePixelRatio.
ZOOM_200 = {"viewport": {"width": 640, "height": 400}, "device_scale_factor": 2}
MIN_TARGET = 24  # CSS px

# Scripts unhide their controls when they bind; wait for that before measuring anything.
BOUND = {".rg-checklist-config": "data-bound", ".rg-letter-config": "data-bound", "[data-rg-clear]": "data-rg-bound"}

SIDEWAYS = """() => {
  const root = document.documentElement;
  const limit = root.clientWidth + 1;
  if (root.scrollWidth <= limit) return null;
  // Name the outermost elements that stick out (not those inside something that scrolls or clips).
  const clips = el => getComputedStyle(el).overflowX !== "visible";
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    if (el.getBoundingClientRect().right <= limit) continue;
    let parent = el.parentElement;
    while (parent && parent !== document.body && !clips(parent) && parent.getBoundingClientRect().right <= limit)
      parent = parent.parentElement;
    if (parent === document.body || !parent) out.push(el);
  }
  const name = el => el.tagName.toLowerCase() + [...el.classList].map(c => `.${c}`).join("");
  return `scrollWidth ${root.scrollWidth} > clientWidth ${root.clientWidth}: ` +
    out.slice(0, 5).map(el => `${name(el)} (right edge ${Math.round(el.getBoundingClientRect().right)})`).join(", ");
}"""

# Our controls, and links alone in a list item of ours (a link inside running text falls under
# 2.5.8's spacing exception). A checkbox or radio button also takes taps on its label, so a big
# enough label passes for it (2.5.8's "equivalent" exception).
SMALL_TARGETS = """([controls, min]) => {
  const text = el => (el.textContent || "").replace(/\\s+/g, " ").trim();
  const shown = el => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const found = new Set([
    ...document.querySelectorAll(`.md-content :is(${controls})`),
    ...[...document.querySelectorAll(".md-content li > a")].filter(a => text(a.parentElement) === text(a)),
  ]);
  const big = el => {
    const box = el.getBoundingClientRect();
    return box.width >= min - 0.01 && box.height >= min - 0.01;
  };
  const name = el => el.tagName.toLowerCase() + (el.id ? `#${el.id}` : "") +
    [...el.classList].map(c => `.${c}`).join("") + (el.type && el.tagName === "INPUT" ? `[type=${el.type}]` : "");
  const small = [];
  for (const el of found) {
    if (!shown(el)) continue;
    if (big(el) || [...(el.labels || [])].some(label => shown(label) && big(label))) continue;
    const box = el.getBoundingClientRect();
    const label = text(el) || el.getAttribute("aria-label") || (el.labels?.[0] && text(el.labels[0])) || el.name || "";
    small.push([name(el), label.slice(0, 50), `${box.width.toFixed(1)}x${box.height.toFixed(1)}`]);
  }
  return [found.size, small];
}"""
CONTROLS = "button, input:not([type=hidden]), select, textarea, summary, .md-button, [data-rg-action]"


@pytest.fixture
def tab_for(browser: Any, served: str) -> Iterator[Any]:
    """Open tabs with the given context options; every context is closed after the test."""
    contexts: list[Any] = []

    def open_tab(**options: Any) -> BrowserTab:
        contexts.append(browser.new_context(**options))
        return BrowserTab(contexts[-1], served)

    yield open_tab
    for context in contexts:
        context.close()


def open_ready(tab: BrowserTab, url: str) -> Any:
    tab.page.goto(tab.base + url)
    for holder, attribute in BOUND.items():
        if tab.page.locator(holder).count():
            tab.page.locator(f"{holder}[{attribute}]").wait_for(state="attached")
    return tab.page


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_one_page_of_each_kind_passes_axe_at_320_px(tab_for: Any, scheme: str) -> None:
    tab = tab_for(**PHONE, color_scheme=scheme)
    problems = []
    for url in ONE_OF_EACH:
        report = axe_report(open_ready(tab, url))
        if report:
            problems.append(f"/{url} (320 px, {scheme}):\n{report}")
    assert problems == [], "\n".join(problems)
    assert tab.errors == []


def test_no_page_of_any_template_scrolls_sideways_at_320_px(site: Path, tab_for: Any) -> None:
    tab = tab_for(**PHONE)
    wide = {}
    for url in [*pages_of_each_template(site), "404.html"]:
        found = open_ready(tab, url).evaluate(SIDEWAYS)
        if found:
            wide[f"/{url}"] = found
    assert wide == {}, "\n".join(f"{url}: {problem}" for url, problem in wide.items())
    assert tab.errors == []


def test_no_page_scrolls_sideways_at_200_percent_zoom(tab_for: Any) -> None:
    tab = tab_for(**ZOOM_200)
    wide = {}
    for url in ONE_OF_EACH:
        found = open_ready(tab, url).evaluate(SIDEWAYS)
        if found:
            wide[f"/{url}"] = found
    assert wide == {}, "\n".join(f"{url}: {problem}" for url, problem in wide.items())


def test_our_controls_are_at_least_24_px_at_320_px(tab_for: Any) -> None:
    tab = tab_for(**PHONE)
    rows = []
    checked = 0
    for url in ONE_OF_EACH:
        count, small = open_ready(tab, url).evaluate(SMALL_TARGETS, [CONTROLS, MIN_TARGET])
        checked += count
        rows += [f"| /{url} | `{selector}` {text!r} | {size} |" for selector, text, size in small]
    assert checked > 0
    assert rows == [], (
        "targets under 24x24 CSS px at 320 px:\n| page | control | width x height |\n| --- | --- | --- |\n"
        + ("\n".join(rows))
    )
    assert tab.errors == []
