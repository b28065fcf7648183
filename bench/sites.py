"""What the benchmarks compare: this site, the stock Material site with the same page texts, and a
local server that serves both gzipped, the way a static host does.

The stock site is a bare `theme: material` + `search` project. Each of its pages holds the rendered
article of one of our built pages (without our scripts and their configs), in a .md file whose
raw HTML Markdown passes through, with the same title and description. So both sites show the
same words, and the difference is the theme setup, our markup, styles and scripts.
"""

from __future__ import annotations

import functools
import gzip
import os
import re
import shutil
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html import unescape
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from io import BytesIO
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

# The pages the benchmarks measure; a page missing from the build (not merged yet) is left out.
PAGES = (
    "",
    "checklist/",
    "letters/card-chargeback/",
    "deadlines/",
    "where-to-report/",
    "for-lawyers/",
    "case/",
    "scams/non-delivery/",
)

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
CONFIG_ATTRIBUTE = re.compile(r'\sdata-config="[^"]*"')
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
DESCRIPTION = re.compile(r'<meta name="description" content="([^"]*)"')
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map"}


def present(site: Path, pages: tuple[str, ...] = PAGES) -> list[str]:
    """The pages of `pages` that this build has."""
    return [page for page in pages if (site / page / "index.html").is_file()]


def build_ours(
    site_dir: Path,
    site_url: str,
    config_file: Path | None = None,
    without: tuple[str, ...] = (),
    extra: dict[str, Any] | None = None,
) -> Path:
    """A strict build of this site; `without` turns theme features off (to measure what each costs),
    `extra` sets `extra:` values (`{"offline": False}`: the kill switch, no worker kept)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    source = str(config_file or ROOT / "mkdocs.yml")
    config = load_config(source, site_dir=str(site_dir), site_url=site_url, strict=True)
    features = config.theme["features"]
    config.theme["features"] = [feature for feature in features if feature not in without]
    config.extra.update(extra or {})
    build(config)
    return site_dir


def stock_project(site: Path, project: Path) -> Path:
    """Write the stock Material project for the pages of a built site; return its mkdocs.yml."""
    docs = project / "docs"
    for page in sorted(site.rglob("index.html")):
        relative = page.relative_to(site).parent
        html = page.read_text(encoding="utf-8")
        article = ARTICLE.search(html)
        if article is None:
            continue
        body = CONFIG_ATTRIBUTE.sub("", SCRIPT.sub("", article.group(1)))
        title = TITLE.search(html).group(1).split(" - ")[0].strip()  # type: ignore[union-attr]
        description = DESCRIPTION.search(html)
        source = docs / ("index.md" if relative.as_posix() == "." else f"{relative.as_posix()}/index.md")
        source.parent.mkdir(parents=True, exist_ok=True)
        front = [f"title: {quote(unescape(title))}"]
        if description:
            front.append(f"description: {quote(unescape(description.group(1)))}")
        source.write_text("---\n" + "\n".join(front) + f"\n---\n\n<div>\n{body}\n</div>\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        "site_name: The AliExpress refund guide\n"
        "theme:\n  name: material\n"
        "plugins:\n  - search\n"
        "validation:\n  links:\n    not_found: info\n    anchors: info\n    unrecognized_links: info\n",
        encoding="utf-8",
    )
    return config


def quote(text: str) -> str:
    """A YAML double-quoted scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def build_stock(config_file: Path, site_dir: Path, site_url: str) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(config_file), site_dir=str(site_dir), site_url=site_url, strict=True))
    return site_dir


class GzipHandler(SimpleHTTPRequestHandler):
    """Serves files gzipped when the client asks for it, with a length, as static hosts do."""

    cache: ClassVar[dict[Path, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()
            path = path / "index.html"
        gzip_ok = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (path.is_file() and path.suffix in COMPRESSIBLE and gzip_ok):
            return super().send_head()
        if path not in self.cache:
            self.cache[path] = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        body = self.cache[path]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return BytesIO(body)


@contextmanager
def serve(folder: Path, port: int) -> Iterator[str]:
    """Serve a folder (one site per subfolder) gzipped on 127.0.0.1:port."""
    GzipHandler.cache = {}
    server = ThreadingHTTPServer(("127.0.0.1", port), functools.partial(GzipHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.shutdown()
        server.server_close()


def both_sites(folder: Path, port: int, variants: dict[str, tuple[str, ...]] | None = None) -> dict[str, Path]:
    """Build this site (and variants without some features) and the stock site under one folder,
    each in its own subfolder, with site_url set to where `serve` will put it."""
    base = f"http://127.0.0.1:{port}/"
    sites = {"ours": build_ours(folder / "ours", base + "ours/")}
    for name, without in (variants or {}).items():
        sites[name] = build_ours(folder / name, f"{base}{name}/", without=without)
    config = stock_project(sites["ours"], folder / "stock-project")
    sites["stock"] = build_stock(config, folder / "stock", base + "stock/")
    shutil.rmtree(folder / "stock-project")
    return sites
