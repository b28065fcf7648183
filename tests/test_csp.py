"""The Content-Security-Policy (hooks/csp.py): on every built page, strict, and nothing the site
does is blocked by it in Chromium, on a full load or after following a link."""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType, SimpleNamespace
from typing import Any

import jinja2
import material
import pytest
from conftest import ROOT, BrowserTab, pages_of_each_template
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
    sys.modules[spec.name] = module  # its dataclasses look their module up while being defined
    spec.loader.exec_module(module)
    return module


MATERIAL = Path(material.__file__).parent / "templates"
OVERRIDES = ROOT / "overrides"


class Theme(dict):
    """The parts of MkDocs' theme the hook reads: the language, overrides/ and the template folders."""

    def __init__(self, language: str = "en") -> None:
        super().__init__(language=language)
        self.custom_dir = str(OVERRIDES)
        self.dirs = [str(OVERRIDES), str(MATERIAL)]


def config_for(site_dir: Path, language: str = "en") -> SimpleNamespace:
    return SimpleNamespace(site_dir=str(site_dir), theme=Theme(language))


def rendered(template: str, **context: Any) -> list[str]:
    """The inline scripts of a template, rendered the way the theme's Jinja renders them."""
    source = (OVERRIDES / template).read_text(encoding="utf-8")
    # A script sits inside its template, so its last line break stays (as in the whole template).
    env = jinja2.Environment(keep_trailing_newline=True)
    return [env.from_string(body).render(**context) for tag, body in SCRIPT.findall(source) if "src=" not in tag]


def page_with(body: str, head: str = "") -> str:
    """A page as the theme writes it, with Material's first inline script for a page two folders down."""
    scope = (MATERIAL / "partials/javascripts/base.html").read_text(encoding="utf-8")
    script = jinja2.Environment().from_string(scope).render(config={"extra": {}}, base_url="../..").strip()
    return f'<!doctype html><html><head><meta charset="utf-8"><title>t</title>{head}</head><body>{script}{body}</body>'


def test_policy_is_off_under_serve_and_on_otherwise(tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    config = config_for(tmp_path)
    hook = load_hook()
    for command, applied in [("serve", False), ("build", True), ("gh-deploy", True)]:
        page.write_text(page_with(""), encoding="utf-8")
        hook.on_startup(command=command, dirty=False)
        hook.on_post_build(config=config)
        assert ("Content-Security-Policy" in page.read_text(encoding="utf-8")) is applied, command
    assert "'sha256-" in page.read_text(encoding="utf-8")
    hook.on_post_build(config=config)  # a --dirty build finds the old policy: replaced, not doubled
    assert page.read_text(encoding="utf-8").count("Content-Security-Policy") == 1


def test_allowed_scripts_come_from_the_templates_not_from_the_pages() -> None:
    hook = load_hook()
    allowed = hook.allowed_scripts(OVERRIDES, MATERIAL)
    templates = {script.template for script in allowed}
    assert {"overrides/main.html", "overrides/partials/lazy-search.html"} <= templates
    assert "Material's partials/javascripts/palette.html" in templates
    # Our own scripts as the theme renders them (Jinja comments and whitespace control applied).
    for text in rendered("main.html") + rendered("partials/lazy-search.html"):
        assert any(script.pattern.fullmatch(text) for script in allowed), text[:60]
    # Material's scope script, wherever the page is: the base URL fills the template's {{ }}.
    scope = (MATERIAL / "partials/javascripts/base.html").read_text(encoding="utf-8")
    for base_url in (".", "..", "../../..", "http://127.0.0.1:8000/es/"):
        text = SCRIPT.search(jinja2.Environment().from_string(scope).render(config={"extra": {}}, base_url=base_url))
        assert text and any(script.pattern.fullmatch(text.group(2)) for script in allowed), base_url
    # ...but nothing can leave the template's string, and a changed script is someone else's.
    broken_out = SCRIPT.search(scope.replace("{{ config.extra.scope | d(base_url) }}", '"),alert(1),("'))
    assert broken_out and not any(script.pattern.fullmatch(broken_out.group(2)) for script in allowed)
    changed = rendered("partials/lazy-search.html")[0].replace("ready = true", "ready = fetch('/x')")
    assert not any(script.pattern.fullmatch(changed) for script in allowed)


def test_a_template_script_is_read_as_jinja_renders_it(tmp_path: Path) -> None:
    (tmp_path / "main.html").write_text(
        '<script>\n  {#- a comment -#}\n  go("{{- base_url -}}");\n</script>\n'
        '<script type="application/json">{}</script>',
        encoding="utf-8",
    )
    hook = load_hook()
    [script] = hook.allowed_scripts(tmp_path, MATERIAL / "nowhere")
    assert script.template == f"{tmp_path.name}/main.html"
    assert script.pattern.fullmatch('go("../..");\n')
    assert not script.pattern.fullmatch('go("..\\"");\n')
    page = page_with('<script>go("x\\");alert(1);//");\n</script>')
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "index.html").write_text(page, encoding="utf-8")
    allowed = [*hook.allowed_scripts(OVERRIDES, MATERIAL), script]
    with pytest.raises(PluginError, match=re.escape(f"of {tmp_path.name}/main.html whose {{{{ value }}}} printed")):
        hook.protect(tmp_path / "site", allowed)
    (tmp_path / "main.html").write_text("<script>{% if x %}go(){% endif %}</script>", encoding="utf-8")
    with pytest.raises(PluginError, match="Jinja statement"):
        hook.allowed_scripts(tmp_path, MATERIAL / "nowhere")


@pytest.mark.parametrize(
    ("body", "head", "message"),
    [
        ("<p>no head</p>", None, "expected one <head>"),
        ('<button onclick="go()">Go</button>', "", "<button onclick=...>"),
        ('<a href=" JavaScript:go()">Go</a>', "", "<a href=...>"),
        ('<p style="color: red">Red</p>', "", "<p style=...>"),
        ("", "<style>p { color: red }</style>", "<style>"),
        # What a translator, a config word or data could slip in: none of it is on the list.
        ("<script>window.__pwned = 1</script>", "", "an inline <script> that is in no template ('window.__pwned = 1')"),
        ("<SCRIPT type=module>go()</SCRIPT>", "", "an inline <script> that is in no template ('go()')"),
        ("<script/>go()</script>", "", "an inline <script> that is in no template"),
        ("<svg><script>go()</script></svg>", "", "an inline <script> that is in no template"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "", '<meta http-equiv="refresh">'),
        ("<p><META HTTP-EQUIV=Refresh CONTENT='0;url=//evil.example'></p>", "", '<meta http-equiv="refresh">'),
        ('<meta http-equiv="Set-Cookie" content="a=b">', "", '<meta http-equiv="set-cookie">'),
        ('<img src="x" onerror="go()">', "", "<img onerror=...>"),
    ],
)
def test_surprises_fail_the_build(tmp_path: Path, body: str, head: str | None, message: str) -> None:
    html = body if head is None else page_with(body, head)
    (tmp_path / "index.html").write_text(html, encoding="utf-8")
    with pytest.raises(PluginError, match=re.escape(message)):
        load_hook().on_post_build(config=config_for(tmp_path))
    assert "Content-Security-Policy" not in (tmp_path / "index.html").read_text(encoding="utf-8")


def test_a_refusal_names_the_page_and_the_file_the_markup_came_from(tmp_path: Path) -> None:
    hook = load_hook()
    (tmp_path / "about").mkdir()
    payload = "<script>window.__pwned = 1</script>"
    (tmp_path / "about" / "index.html").write_text(page_with(f"<article>{payload}</article>"), encoding="utf-8")
    (tmp_path / "index.html").write_text(
        page_with('<nav><meta http-equiv="refresh" content="0"></nav>'), encoding="utf-8"
    )
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="about.md", dest_uri="about/index.html", generated_by=None), content=payload
    )
    hook.on_post_page("", page=page, config=config_for(tmp_path, "es"))
    with pytest.raises(PluginError) as refused:
        hook.on_post_build(config=config_for(tmp_path, "es"))
    message = str(refused.value)
    assert "es/about/index.html: an inline <script> that is in no template ('window.__pwned = 1'), " in message
    assert "from the page's text, i18n/es/about.md" in message
    assert 'es/index.html: <meta http-equiv="refresh">, not from the page\'s text' in message
    assert "mkdocs.<code>.yml, data/languages.yml, SITE_URL" in message
    assert hook.SOURCES == {}, "one build's pages leak into the next"
    generated = SimpleNamespace(file=SimpleNamespace(src_uri="scams/x.md", generated_by="hooks/generated_pages"))
    assert hook.page_source(generated, config_for(tmp_path)) == "a page generated from data/ by hooks/generated_pages"
    english = SimpleNamespace(file=SimpleNamespace(src_uri="steps/evidence.md", generated_by=None))
    assert hook.page_source(english, config_for(tmp_path)) == "docs/steps/evidence.md"


def test_a_template_script_copied_into_a_page_is_refused(tmp_path: Path) -> None:
    hook = load_hook()
    scope = (MATERIAL / "partials/javascripts/base.html").read_text(encoding="utf-8")
    script = jinja2.Environment().from_string(scope).render(config={"extra": {}}, base_url="..").strip()
    (tmp_path / "about").mkdir()
    (tmp_path / "about" / "index.html").write_text(page_with(f"<article>{script}</article>"), encoding="utf-8")
    page = SimpleNamespace(
        file=SimpleNamespace(src_uri="about.md", dest_uri="about/index.html", generated_by=None), content=script
    )
    hook.on_post_page("", page=page, config=config_for(tmp_path))
    with pytest.raises(PluginError, match=re.escape("about/index.html: an inline <script> in the page's text")):
        hook.on_post_build(config=config_for(tmp_path))


def test_every_inline_script_of_the_site_is_a_template_script(site: Path) -> None:
    allowed = load_hook().allowed_scripts(OVERRIDES, MATERIAL)
    for path in sorted(site.rglob("*.html")):
        for attributes, text in SCRIPT.findall(path.read_text(encoding="utf-8")):
            if "src=" in attributes or "application/json" in attributes:
                continue
            assert any(script.pattern.fullmatch(text) for script in allowed), f"{path}: {text[:60]}"


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
    # Every inline script of every page is checked without a browser (above); here one page of each
    # template, three of each family (conftest.pages_of_each_template).
    for path in [*pages_of_each_template(site), "404.html"]:
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
    page.locator("[data-rg-said]").filter(has_text="copied").wait_for()
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


def test_a_script_that_reaches_a_page_does_not_run(site: Path, tab: CspTab) -> None:
    """The policy lists the templates' scripts, not the page's: markup that got past the build
    (here written into a served page) is blocked by the real policy."""
    html = (site / "es" / "about" / "index.html").read_text(encoding="utf-8")
    payload = '<script>window.__pwned = 1</script><img src="x" onerror="window.__pwned = 2">'
    hostile = html.replace("</h1>", "</h1>" + payload, 1)
    assert payload in hostile
    tab.page.route("**/es/about/", lambda route: route.fulfill(status=200, content_type="text/html", body=hostile))
    page = tab.goto("es/about/")
    page.locator("h1").first.wait_for()
    page.wait_for_function("window.__cspViolations.length >= 2")
    assert page.evaluate("window.__pwned") is None
    tab.collect()
    blocked = sorted(violation.split(": ", 1)[1] for violation in tab.violations)
    assert blocked == ["script-src-attr inline", "script-src-elem inline"]
