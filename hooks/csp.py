"""Put a Content-Security-Policy <meta> first in the <head> of every built page: scripts only from
this site, plus the inline scripts of our own templates (overrides/) and of the Material templates
the theme renders (its base.html and partials/javascripts/), each allowed by its hash.

The allowed scripts come from the template sources, never from the built pages: a <script> that
reached a page some other way (a translated page, a word in a config, data) is not on the list, so
the build fails naming the page and where its markup came from. So do an event handler (on...=), a
javascript: URL, a style attribute, a <style> element and a <meta http-equiv="refresh">, which a
policy cannot allow or stop. Not under `mkdocs serve`, whose live-reload script changes on every
request.
"""

from __future__ import annotations

import base64
import hashlib
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# 'self' is wherever the site is deployed. script-src also gets the hash of every allowed inline script.
POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'none'",),
    "script-src": ("'self'",),
    "style-src": ("'self'",),  # Material styles elements through element.style, which CSP allows
    "img-src": ("'self'", "data:"),  # Material's icons are data: SVGs in its CSS
    "font-src": ("'self'",),
    "connect-src": ("'self'",),  # search index, instant navigation, the letters' .docx parts
    "worker-src": ("'self'",),  # Material's search worker and the site's service worker (sw.js)
    "manifest-src": ("'self'",),  # the web app manifest (hooks/offline.py)
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}

# Script types a browser runs; any other type (application/json) is data and needs no hash.
RUNNABLE_TYPES = {"", "module", "text/javascript", "application/javascript"}

URL_ATTRIBUTES = {"href", "src", "action", "formaction"}

# The http-equiv values a page may carry. "refresh" sends the reader elsewhere, and no policy stops it.
HTTP_EQUIV_ALLOWED = {"content-type", "x-ua-compatible"}

HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)
OUR_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')

# Templates whose inline scripts are allowed: every template in overrides/ (custom_dir), and these
# of the theme's own, unless overrides/ replaces them.
THEME_TEMPLATES = ("base.html", "partials/javascripts/*.html")
SCRIPT_SOURCE = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.S | re.I)
EXPRESSION = re.compile(r"\{\{(-?)(.*?)(-?)\}\}", re.S)
# What a template expression inside a script may print (a base URL such as ../.., a scope such as
# /es/): never a quote, backslash, angle bracket, bracket or space, so it cannot end the script's
# string or call anything. hooks/languages.py holds SITE_URL to the same characters.
VALUE = r"[A-Za-z0-9._~:/%-]*"
MARK = "\x00"

# `mkdocs build` and `gh-deploy` call on_startup, but a build through mkdocs.commands.build.build()
# (the tests) does not: the policy is on unless `mkdocs serve` turns it off. (`mkdocs serve --clean`
# reports itself as "build": it gets the policy, like the real site, and loses live reload.)
_enabled = True

# Built page (relative to site_dir) -> (the file its text came from, the page's rendered content).
SOURCES: dict[str, tuple[str, str]] = {}


@dataclass(frozen=True)
class AllowedScript:
    """An inline script of a template: the text it renders to, with each {{ value }} as VALUE."""

    template: str
    pattern: re.Pattern[str]
    # The same text with any {{ value }} at all: to tell a template script whose value went wrong
    # from a script of unknown origin.
    loose: re.Pattern[str]


@dataclass(frozen=True)
class Finding:
    """Markup the policy does not allow: what it is, and the markup itself (to find its source)."""

    what: str
    markup: str


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _enabled
    _enabled = command != "serve"


def runnable(attributes: str | dict[str, str | None]) -> bool:
    """Whether a <script> with these attributes is inline code a browser runs."""
    if isinstance(attributes, str):
        parser = _StartTag()
        parser.feed(f"<script {attributes}>")
        attributes = parser.attributes
    kind = (attributes.get("type") or "").strip().lower()
    return kind in RUNNABLE_TYPES and "src" not in attributes


class _StartTag(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.attributes: dict[str, str | None] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes = dict(attrs)


def script_pattern(body: str, template: str, value: str = VALUE) -> re.Pattern[str]:
    """The text a template's inline script renders to, as a pattern: Jinja comments and whitespace
    control applied as the theme's Jinja applies them, each {{ expression }} matching `value`."""
    if "{%" in body:
        raise PluginError(
            f"{template}: an inline <script> holds a Jinja statement ({{% ... %}}): keep statements outside "
            "the script, so the Content-Security-Policy can allow it by its text"
        )
    marked = EXPRESSION.sub(lambda match: f'{{{{{match.group(1)} "{MARK}" {match.group(3)}}}}}', body)
    rendered = jinja2.Environment(keep_trailing_newline=True).from_string(marked).render()
    return re.compile(value.join(re.escape(part) for part in normalised(rendered).split(MARK)))


def template_scripts(source: str, template: str) -> list[AllowedScript]:
    return [
        AllowedScript(template, script_pattern(body, template), script_pattern(body, template, r"(?s:.*?)"))
        for attributes, body in SCRIPT_SOURCE.findall(source)
        if runnable(attributes)
    ]


def template_files(custom_dir: Path | None, theme_dir: Path) -> dict[str, Path]:
    """Label -> file of every template whose inline scripts are allowed."""
    files: dict[str, Path] = {}
    overridden: set[str] = set()
    if custom_dir is not None:
        for path in sorted(custom_dir.rglob("*.html")):
            relative = path.relative_to(custom_dir).as_posix()
            files[f"{custom_dir.name}/{relative}"] = path
            overridden.add(relative)
    for pattern in THEME_TEMPLATES:
        for path in sorted(theme_dir.glob(pattern)):
            relative = path.relative_to(theme_dir).as_posix()
            if relative not in overridden:
                files[f"Material's {relative}"] = path
    return files


def allowed_scripts(custom_dir: Path | None, theme_dir: Path) -> list[AllowedScript]:
    return [
        script
        for label, path in template_files(custom_dir, theme_dir).items()
        for script in template_scripts(path.read_text(encoding="utf-8"), label)
    ]


def theme_dirs(config: MkDocsConfig) -> tuple[Path | None, Path]:
    """overrides/ (the theme's custom_dir) and Material's own templates folder."""
    custom = config.theme.custom_dir
    dirs = [Path(folder) for folder in config.theme.dirs]
    custom_dir = Path(custom) if custom else None
    theme_dir = next(folder for folder in dirs if folder != custom_dir and (folder / "base.html").is_file())
    return custom_dir, theme_dir


class InlineCode(HTMLParser):
    """Collects the text of each inline script a browser would run, and the inline code the policy
    would block without a word or cannot stop: event handlers, javascript: URLs (a hash cannot allow
    them without 'unsafe-hashes'), style attributes, <style> elements and <meta http-equiv> other
    than a content type."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.refused: list[Finding] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        markup = self.get_starttag_text() or f"<{tag}>"
        for name, value in attrs:
            url = name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:")
            if name.startswith("on") or name == "style" or url:
                self.refused.append(Finding(f"<{tag} {name}=...>", markup))
        attributes = dict(attrs)
        if tag == "style":
            self.refused.append(Finding("<style>", markup))
        equiv = (attributes.get("http-equiv") or "").strip().lower()
        if tag == "meta" and "http-equiv" in attributes and equiv not in HTTP_EQUIV_ALLOWED:
            self.refused.append(Finding(f'<meta http-equiv="{equiv[:30]}">', markup))
        if tag == "script" and runnable(attributes):
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def normalised(text: str) -> str:
    # Browsers hash the script as parsed, and the HTML parser turns CR LF and CR into LF.
    return text.replace("\r\n", "\n").replace("\r", "\n")


def script_hash(text: str) -> str:
    digest = hashlib.sha256(normalised(text).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def check_page(html: str, allowed: list[AllowedScript], content: str = "") -> tuple[set[str], list[Finding]]:
    """The hashes of the page's inline scripts that are our templates' own, and everything else the
    policy must not meet: inline scripts of unknown origin, a template's script copied into the
    page's own text (`content`), and the markup InlineCode refuses."""
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    hashes: set[str] = set()
    findings = list(parser.refused)
    for text in parser.scripts:
        shown = " ".join(text.split())[:40]
        if not any(script.pattern.fullmatch(normalised(text)) for script in allowed):
            near = next((script.template for script in allowed if script.loose.fullmatch(normalised(text))), None)
            what = (
                f"an inline <script> of {near} whose {{{{ value }}}} printed more than letters, digits and ._~:/%-"
                if near
                else f"an inline <script> that is in no template ({shown!r})"
            )
            findings.append(Finding(what, text))
        elif text.strip() and text.strip() in content:
            findings.append(Finding(f"an inline <script> in the page's text ({shown!r})", text))
        else:
            hashes.add(script_hash(text))
    return hashes, findings


def origin(finding: Finding, source: tuple[str, str] | None) -> str:
    """Where the markup came from: the page's own text, or what every page shares."""
    if source is not None and finding.markup.strip() and finding.markup.strip() in source[1]:
        return f"from the page's text, {source[0]}"
    return (
        "not from the page's text: from a template in overrides/ or the words every page shares "
        "(mkdocs.yml or mkdocs.<code>.yml, data/languages.yml, SITE_URL)"
    )


def page_source(page: Any, config: MkDocsConfig) -> str:
    """The file a page's text comes from: a translation, docs/, or the code that generated it."""
    if page.file.generated_by:
        return f"a page generated from data/ by {page.file.generated_by}"
    code = config.theme["language"]
    return f"i18n/{code}/{page.file.src_uri}" if code != "en" else f"docs/{page.file.src_uri}"


@event_priority(-100)  # the page's final content, after every plugin and hook
def on_post_page(output: str, page: Any, config: MkDocsConfig, **kwargs: Any) -> str:
    SOURCES[page.file.dest_uri] = (page_source(page, config), page.content or "")
    return output


def policy(hashes: list[str]) -> str:
    directives = {**POLICY, "script-src": (*POLICY["script-src"], *hashes)}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_meta(html: str, meta: str, where: str) -> str:
    heads = list(HEAD.finditer(html))
    if len(heads) != 1:
        raise PluginError(f"{where}: expected one <head> for the Content-Security-Policy, found {len(heads)}")
    # Right after <meta charset>: the policy covers only the elements that follow it.
    end = heads[0].end()
    return f"{html[:end]}\n    {meta}{html[end:]}"


def protect(site: Path, allowed: list[AllowedScript], prefix: str = "") -> None:
    """Check every page of the built site and give it the policy; fail naming each page that
    carries markup the policy must not meet, and where that markup came from."""
    # Our own policy, left by an earlier `mkdocs build --dirty`, goes before the check.
    pages = {path: OUR_META.sub("", path.read_text(encoding="utf-8")) for path in sorted(site.rglob("*.html"))}
    if not pages:
        raise PluginError(f"{site}: no HTML pages to protect with a Content-Security-Policy")
    # Every page of a language carries the same policy, allowing the inline scripts of all its pages:
    # Material's instant navigation, if it is turned on again, keeps the first page's policy.
    hashes: set[str] = set()
    problems: list[str] = []
    for path, html in pages.items():
        relative = path.relative_to(site).as_posix()
        source = SOURCES.get(relative)
        found, findings = check_page(html, allowed, source[1] if source else "")
        hashes |= found
        problems += [f"{prefix}{relative}: {item.what}, {origin(item, source)}" for item in findings]
    if problems:
        shown = "\n  ".join(problems[:10]) + (f"\n  ... and {len(problems) - 10} more" if len(problems) > 10 else "")
        raise PluginError(
            "Markup the Content-Security-Policy must not meet (scripts go in docs/assets/js/, styles in "
            f"docs/assets/css/extra.css; pages and words are text):\n  {shown}"
        )
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(sorted(hashes))}">'
    for path, html in pages.items():
        path.write_text(with_meta(html, meta, path.relative_to(site).as_posix()), encoding="utf-8")


@event_priority(-100)  # after every other plugin has written its pages
def on_post_build(*, config: MkDocsConfig) -> None:
    if not _enabled:
        SOURCES.clear()
        return
    code = config.theme["language"]
    try:
        protect(Path(config.site_dir), allowed_scripts(*theme_dirs(config)), "" if code == "en" else f"{code}/")
    finally:
        SOURCES.clear()
