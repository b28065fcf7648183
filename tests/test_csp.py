"""The Content-Security-Policy (hooks/csp.py): on every built page, strict, and nothing the site
does is blocked by it in Chromium, on a full load or after following a link."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import pytest
from conftest import ROOT, BrowserTab, html_pages
from mkdocs.exceptions import PluginError

META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">')
# Written independently of the hook's HTML parser, to check it.
SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
LOCAL_SOURCES = re.compile(r"'self'|'none'|data:|'sha256-[A-Za-z0-9+/]+=*'")


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for directive in policy.split(";"):
        name, *sources = directive.split()
        parsed[name] = sources
    return parsed


def inline_hashes(html: str) -> set[str]:
    hashes = set()
    for attributes, text in SCRIPT.findall(html):
        if "src=" in attributes or "application/json" in attributes:
            continue
        digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
        hashes.add(f"'sha256-{digest}'")
    return hashes


def test_every_page_has_one_strict_policy_before_anything_it_governs(site: Path) -> None:
    policies = set()
    for path in sorted(site.rglob("*.html")):
        where = path.relative_to(site).as_posix()
        html = path.read_text(encoding="utf-8")
        assert len(re.findall("Content-Security-Policy", html, re.I)) == 1, f"{where}: not exactly one policy"
        meta = META.search(html)
        assert meta, f"{where}: the policy is not a plain <meta http-equiv> tag"
        first_governed = min(html.find(tag) for tag in ("<script", "<link", "<style", "<body") if tag in html)
        assert html.index("<head>") < meta.start() < first_governed, f"{where}: the policy is not first in <head>"
        policy = directives(meta.group(1))
        assert not {"'unsafe-inline'", "'unsafe-eval'", "'unsafe-hashes'"} & set(policy["script-src"]), where
        assert inline_hashes(html) <= set(policy["script-src"]), f"{where}: an inline script is not allowed"
        for name in ("object-src", "default-src"):
            assert policy[name] == ["'none'"], f"{where}: {name}"
        for name in ("base-uri", "connect-src", "worker-src", "form-action", "style-src", "font-src"):
            assert policy[name] == ["'self'"], f"{where}: {name}"
        foreign = [source for sources in policy.values() for source in sources if not LOCAL_SOURCES.fullmatch(source)]
        assert foreign == [], f"{where}: sources beyond this site"
        policies.add((where.split("/")[0] if where.split("/")[0] in ("es", "pt-BR") else "en", meta.group(1)))
    # Instant navigation keeps the first page's policy, so it must allow every page's scripts: one
    # policy per language (a language is its own site; the menu loads it as a whole page).
    assert len(policies) == len({language for language, _ in policies}), "pages carry different policies"


def load_hook() -> ModuleType:
    """A private copy of hooks/csp.py, so its on/off switch does not leak into the real builds."""
    spec = importlib.util.spec_from_file_location("csp_under_test", ROOT / "hooks" / "csp.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


PAGE = '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body><script>go()</script></body>'


def test_policy_is_off_under_serve_and_on_otherwise(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    config = SimpleNamespace(site_dir=str(tmp_path))
    hook = load_hook()
    for command, applied in [("serve", False), ("build", True), ("gh-deploy", True)]:
        page.write_text(PAGE, encoding="utf-8")
        hook.on_startup(command=command, dirty=False)
        hook.on_post_build(config=config)
        assert ("Content-Security-Policy" in page.read_text(encoding="utf-8")) is applied, command
    assert "'sha256-" in page.read_text(encoding="utf-8")
    hook.on_post_build(config=config)  # a --dirty build finds the old policy: replaced, not doubled
    assert page.read_text(encoding="utf-8").count("Content-Security-Policy") == 1


@pytest.mark.parametrize(
    ("html", "message"),
    [
        ("<p>no head</p>", "expected one <head>"),
        ('<html><head></head><body><button onclick="go()">Go</button></body>', "<button onclick=...>"),
        ('<html><head></head><body><a href=" JavaScript:go()">Go</a></body>', "<a href=...>"),
        ('<html><head></head><body><p style="color: red">Red</p></body>', "<p style=...>"),
        ("<html><head><style>p { color: red }</style></head></html>", "<style>"),
    ],
)
def test_surprises_fail_the_build(tmp_path: Path, html: str, message: str) -> None:
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    with pytest.raises(PluginError, match=re.escape(message)):
        load_hook().on_post_build(config=SimpleNamespace(site_dir=str(tmp_path)))


# --- in the browser ----------------------------------------------------------------------------

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


class CspTab(BrowserTab):
    """A tab that also collects the policy violations of each document it shows."""

    def __init__(self, context: Any, base: str) -> None:
        context.add_init_script(RECORD_VIOLATIONS)
        super().__init__(context, base)
        self.violations: list[str] = []

    def collect(self) -> None:
        """Take the current document's violations, before a full load replaces the document."""
        found = self.page.evaluate("window.__cspViolations ? window.__cspViolations.splice(0) : []")
        self.violations += [f"{self.page.url}: {violation}" for violation in found]

    def goto(self, path: str) -> Any:
        self.collect()
        self.page.goto(self.base + path)
        return self.page


@pytest.fixture
def tab(context: Any, served: str) -> CspTab:
    return CspTab(context, served)


def test_no_page_breaks_the_policy(site: Path, tab: CspTab) -> None:
    for path in [*html_pages(site), "404.html"]:
        tab.goto(path).locator("h1").first.wait_for()
    tab.collect()
    assert tab.violations == []
    assert tab.errors == []
    # The policy is really enforced, and the recorder really hears it.
    tab.page.evaluate("""() => {
      const script = document.createElement("script");
      script.textContent = "window.__injected = true";
      document.head.append(script);
    }""")
    tab.page.wait_for_function("window.__cspViolations.length > 0")
    assert tab.page.evaluate("window.__injected") is None
    tab.collect()
    assert [violation.split(": ", 1)[1] for violation in tab.violations] == ["script-src-elem inline"]


def test_interactive_parts_work_under_the_policy(tab: CspTab) -> None:
    page = tab.goto("checklist/")
    page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    page.locator("input[data-check-id]").first.check()
    page.select_option("#rg-type", "non-delivery")

    page = tab.goto("letters/card-chargeback/")
    page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
    page.locator("[data-field]").first.fill("Typed under the policy")
    page.locator("[data-rg-action=copy]").click()
    page.locator("[data-rg-status]").filter(has_text="copied").wait_for()
    for action in ("docx", "txt"):  # blob: downloads; .docx also imports zip.js and fetches its parts
        with page.expect_download() as download:
            page.locator(f"[data-rg-action={action}]").click()
        assert download.value.suggested_filename == f"card-chargeback.{action}"

    tab.collect()
    assert tab.search("chargeback"), "search found nothing"  # the search worker and its index

    # Start on a page without the checklist, then follow a link there.
    page = tab.goto("")
    page.locator(".md-content a[href$='checklist/']").first.click()
    page.wait_for_url("**/checklist/")
    page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    assert page.locator("input[data-check-id]").first.is_checked()

    tab.collect()
    assert tab.violations == []
    assert tab.errors == []
