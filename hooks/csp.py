"""Put a Content-Security-Policy <meta> first in the <head> of every built page: scripts only from
this site, plus the inline scripts the pages actually contain, allowed one by one by their hash.

Defence in depth: even if some text from data/ ever reached a page as markup, the browser would not
run it. Not under `mkdocs serve`, whose live-reload script changes on every request.
"""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

# 'self' is wherever the site is deployed. script-src also gets the hash of every inline script.
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

HEAD = re.compile(r"<head\b[^>]*>(\s*<meta charset=[^>]*>)?", re.IGNORECASE)
OUR_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy" content="[^"]*">')

# `mkdocs build` and `gh-deploy` call on_startup, but a build through mkdocs.commands.build.build()
# (the tests) does not: the policy is on unless `mkdocs serve` turns it off. (`mkdocs serve --clean`
# reports itself as "build": it gets the policy, like the real site, and loses live reload.)
_enabled = True


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _enabled
    _enabled = command != "serve"


class InlineCode(HTMLParser):
    """Collects the text of each inline script a browser would run, and the inline code the policy
    would block without a word: event handlers, javascript: URLs (a hash cannot allow them without
    'unsafe-hashes'), style attributes and <style> elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.scripts: list[str] = []
        self.refused: list[str] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            url = name in URL_ATTRIBUTES and (value or "").strip().lower().startswith("javascript:")
            if name.startswith("on") or name == "style" or url:
                self.refused.append(f"<{tag} {name}=...>")
        if tag == "style":
            self.refused.append("<style>")
        attributes = dict(attrs)
        runs = (attributes.get("type") or "").strip().lower() in RUNNABLE_TYPES
        if tag == "script" and runs and "src" not in attributes:
            self._script = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append("".join(self._script))
            self._script = None


def script_hash(text: str) -> str:
    # Browsers hash the script as parsed, and the HTML parser turns CR LF and CR into LF.
    digest = hashlib.sha256(text.replace("\r\n", "\n").replace("\r", "\n").encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def inline_script_hashes(html: str, where: str) -> set[str]:
    parser = InlineCode()
    parser.feed(html)
    parser.close()
    if parser.refused:
        raise PluginError(
            f"{where}: the Content-Security-Policy blocks {', '.join(parser.refused)}: "
            "put scripts in docs/assets/js/ and styles in docs/assets/css/extra.css"
        )
    return {script_hash(text) for text in parser.scripts}


def policy(hashes: list[str]) -> str:
    directives = {**POLICY, "script-src": (*POLICY["script-src"], *hashes)}
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def with_meta(html: str, meta: str, where: str) -> str:
    html = OUR_META.sub("", html)  # left by an earlier `mkdocs build --dirty`
    heads = list(HEAD.finditer(html))
    if len(heads) != 1:
        raise PluginError(f"{where}: expected one <head> for the Content-Security-Policy, found {len(heads)}")
    # Right after <meta charset>: the policy covers only the elements that follow it.
    end = heads[0].end()
    return f"{html[:end]}\n    {meta}{html[end:]}"


@event_priority(-100)  # after every other plugin has written its pages
def on_post_build(*, config: MkDocsConfig) -> None:
    if not _enabled:
        return
    site = Path(config.site_dir)
    pages = {path: path.read_text(encoding="utf-8") for path in sorted(site.rglob("*.html"))}
    if not pages:
        raise PluginError(f"{site}: no HTML pages to protect with a Content-Security-Policy")
    # Instant navigation keeps the first page's policy while the reader moves on, so every page
    # carries the same policy, allowing the inline scripts of the whole site.
    hashes: set[str] = set()
    for path, html in pages.items():
        hashes |= inline_script_hashes(html, str(path.relative_to(site)))
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy(sorted(hashes))}">'
    for path, html in pages.items():
        path.write_text(with_meta(html, meta, str(path.relative_to(site))), encoding="utf-8")
