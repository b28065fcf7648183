"""No broken link in the built site: every href and src on every page (the theme's navigation,
footer and 404 page, and the raw <a href> our macros write, which MkDocs' own validation never sees)
reaches a built file, and every #fragment an id on the page it points to. Links leaving the site are
not followed (no network), but they must all be https.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import parse_qs, unquote, urljoin, urlsplit

import pytest

# Schemes that name no file: nothing to check.
NOT_FILES = ("mailto:", "tel:", "data:")


class LinksAndAnchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)
            elif name in ("href", "src"):
                self.links.append(value)


@cache
def parsed(path: Path) -> LinksAndAnchors:
    parser = LinksAndAnchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def page_url(site: Path, path: Path, server_url: str) -> str:
    relative = path.relative_to(site).as_posix()
    return server_url + (relative.removesuffix("index.html") if path.name == "index.html" else relative)


@dataclass
class Crawl:
    pages: int = 0
    internal: int = 0
    broken: list[tuple[str, str, str]] = field(default_factory=list)  # (page, link, why)
    external: dict[str, set[str]] = field(default_factory=dict)  # https link -> pages
    insecure: list[tuple[str, str, str]] = field(default_factory=list)  # (page, link, why)


def check_internal(site: Path, root_path: str, absolute: str) -> str:
    """Why the link is broken, or "" when it reaches a built file (and the fragment an id there)."""
    parts = urlsplit(absolute)
    path = unquote(parts.path)
    if not path.startswith(root_path):
        return f"outside the site (site root is {root_path})"
    target = site / path[len(root_path) :]
    if path.endswith("/") or target.is_dir():
        target = target / "index.html"
    if not target.is_file():
        return f"no file {target.relative_to(site).as_posix()} in the build"
    fragment = unquote(parts.fragment)
    if fragment and target.suffix == ".html" and fragment not in parsed(target).anchors:
        return f"no id '{fragment}' on {target.relative_to(site).as_posix()}"
    # The checklist tailors itself to ?type=<scam id>: an unknown id is a broken link too.
    for scam in parse_qs(parts.query).get("type", []) if target == site / "checklist" / "index.html" else []:
        if not (site / "scams" / scam / "index.html").is_file():
            return f"?type={scam} names no problem type (no scams/{scam}/)"
    return ""


@pytest.fixture(scope="module")
def crawl(site: Path, server_url: str) -> Crawl:
    origin = urlsplit(server_url)
    result = Crawl()
    for path in sorted(site.rglob("*.html")):
        result.pages += 1
        base = page_url(site, path, server_url)
        page = "/" + base.removeprefix(server_url)
        for link in parsed(path).links:
            link = link.strip()
            if not link or link.lower().startswith(NOT_FILES):
                continue
            absolute = urljoin(base, link)
            parts = urlsplit(absolute)
            if (parts.scheme, parts.netloc) == (origin.scheme, origin.netloc):
                result.internal += 1
                if why := check_internal(site, origin.path, absolute):
                    result.broken.append((page, link, why))
            elif parts.scheme == "https":
                result.external.setdefault(absolute, set()).add(page)
            else:
                result.insecure.append((page, link, f"leaves the site by {parts.scheme or 'no'}:, not https:"))
    return result


def table(rows: list[tuple[str, str, str]]) -> str:
    header = ("page", "link", "why")
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(2)]
    return "\n" + "\n".join(f"{a:<{widths[0]}}  {b:<{widths[1]}}  {c}" for a, b, c in [header, *rows])


def test_no_broken_internal_link_or_anchor(crawl: Crawl) -> None:
    assert crawl.pages >= 40 and crawl.internal > 1000, "the crawl found too little: is the build complete?"
    assert not crawl.broken, f"{len(crawl.broken)} broken link(s):" + table(crawl.broken)


def test_links_leaving_the_site_are_https(crawl: Crawl) -> None:
    # Sources for the facts (data/*.yml) link out: at least some external links must have been seen.
    assert crawl.external, "no external link found: the crawl missed the sources"
    assert not crawl.insecure, f"{len(crawl.insecure)} link(s) out without https:" + table(crawl.insecure)


def test_every_letter_links_its_downloads(site: Path, server_url: str, crawl: Crawl) -> None:
    """The blank .docx and .txt of each letter are linked from its page (and so checked above)."""
    letters = sorted(path.parent for path in (site / "letters").glob("*/index.html"))
    assert letters
    for directory in letters:
        letter_id = directory.name
        base = page_url(site, directory / "index.html", server_url)
        linked = {urljoin(base, link) for link in parsed(directory / "index.html").links}
        for ext in ("docx", "txt"):
            download = f"downloads/{letter_id}.{ext}"
            assert server_url + download in linked, f"/letters/{letter_id}/ does not link {download}"
            assert (site / download).is_file() and (site / download).stat().st_size > 0, download


def test_the_gate_catches_what_it_should(tmp_path: Path) -> None:
    """The checks themselves: a missing page, a missing anchor and an unknown ?type= are reported."""
    (tmp_path / "steps").mkdir()
    (tmp_path / "steps" / "index.html").write_text('<h2 id="here">x</h2><a name="old"></a>', encoding="utf-8")
    (tmp_path / "checklist").mkdir()
    (tmp_path / "checklist" / "index.html").write_text("", encoding="utf-8")
    root = "http://127.0.0.1:1/"
    assert check_internal(tmp_path, "/", root + "steps/#here") == ""
    assert check_internal(tmp_path, "/", root + "steps#old") == ""
    assert "no id 'gone'" in check_internal(tmp_path, "/", root + "steps/#gone")
    assert "no file steps/evidence/index.html" in check_internal(tmp_path, "/", root + "steps/evidence/")
    assert "names no problem type" in check_internal(tmp_path, "/", root + "checklist/?type=nope")
