"""Findable and shareable: a unique title and description per page, Open Graph and Twitter card
tags with a canonical address and the generated image, sitemap.xml, robots.txt and <html lang>.
"""

from __future__ import annotations

import gzip
import io
import re
import shutil
import struct
import xml.etree.ElementTree as ElementTree
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, html_pages

from hooks import social_image
from hooks.robots import robots_txt

CONFIG = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
SITE_NAME = CONFIG["site_name"]
SITE_DESCRIPTION = " ".join(CONFIG["site_description"].split())
IMAGE = social_image.IMAGE_PATH
# Tags every page carries exactly once: (attribute, value) -> required content, or None for any.
SHARE_TAGS = (
    ("property", "og:type"),
    ("property", "og:site_name"),
    ("property", "og:title"),
    ("property", "og:description"),
    ("property", "og:image"),
    ("name", "twitter:card"),
    ("name", "twitter:title"),
    ("name", "twitter:description"),
    ("name", "twitter:image"),
)


class Head(HTMLParser):
    """What a crawler or a link preview reads from a page (attribute values come out unescaped)."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.titles: list[str] = []
        self.metas: list[dict[str, str | None]] = []
        self.canonicals: list[str | None] = []
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if tag == "html":
            self.lang = attributes.get("lang")
        elif tag == "title":
            self._in_title = True
            self.titles.append("")
        elif tag == "meta":
            self.metas.append(attributes)
        elif tag == "link" and attributes.get("rel") == "canonical":
            self.canonicals.append(attributes.get("href"))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.titles[-1] += data

    def content(self, attribute: str, value: str) -> list[str | None]:
        return [meta.get("content") for meta in self.metas if meta.get(attribute) == value]

    def one(self, attribute: str, value: str) -> str:
        found = self.content(attribute, value)
        assert len(found) == 1, f"{len(found)} <meta {attribute}={value}>"
        assert found[0], f"<meta {attribute}={value}> is empty"
        return found[0]


def head(path: Path) -> Head:
    parser = Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def all_pages(site: Path) -> dict[str, Path]:
    """Every built HTML page by its address under the site: "steps/", "404.html"."""
    pages = {url: site / url / "index.html" for url in html_pages(site)}
    pages["404.html"] = site / "404.html"
    assert pages["404.html"].is_file()
    return pages


@pytest.fixture(scope="module")
def heads(site: Path) -> dict[str, Head]:
    return {url: head(path) for url, path in all_pages(site).items()}


def test_every_page_says_it_is_english(heads: dict[str, Head]) -> None:
    assert {url: parsed.lang for url, parsed in heads.items() if parsed.lang != "en"} == {}


def test_titles_are_there_and_unique(heads: dict[str, Head]) -> None:
    titles = {
        url: " ".join(parsed.titles[0].split()) if len(parsed.titles) == 1 else None for url, parsed in heads.items()
    }
    assert [url for url, title in titles.items() if not title] == [], "pages without exactly one <title>"
    repeated = {title: n for title, n in Counter(titles.values()).items() if n > 1}
    assert repeated == {}, [url for url, title in titles.items() if title in repeated]


def test_descriptions_are_there_and_unique(heads: dict[str, Head]) -> None:
    """Each page says what it is about in its own words; the 404 page may use the site's."""
    descriptions = {url: parsed.one("name", "description") for url, parsed in heads.items()}
    assert " ".join(descriptions.pop("404.html").split()) == SITE_DESCRIPTION
    repeated = {text for text, n in Counter(descriptions.values()).items() if n > 1}
    assert [url for url, text in descriptions.items() if text in repeated] == [], "pages sharing a description"
    assert [url for url, text in descriptions.items() if " ".join(text.split()) == SITE_DESCRIPTION] == [], (
        "pages with only the site description: give them `description:` in their front matter"
    )


def test_every_page_has_share_tags(heads: dict[str, Head], server_url: str) -> None:
    for url, parsed in heads.items():
        for attribute, value in SHARE_TAGS:
            parsed.one(attribute, value)
        assert parsed.one("property", "og:type") == "website", url
        assert parsed.one("property", "og:site_name") == SITE_NAME, url
        assert parsed.one("name", "twitter:card") == "summary_large_image", url
        # The preview says what the page itself says: its title (without the site name) and description.
        title = " ".join(parsed.titles[0].split())
        expected_title = SITE_NAME if title == SITE_NAME else title.removesuffix(f" - {SITE_NAME}")
        assert parsed.one("property", "og:title") == expected_title, url
        assert parsed.one("name", "twitter:title") == expected_title, url
        description = parsed.one("name", "description")
        assert parsed.one("property", "og:description") == description, url
        assert parsed.one("name", "twitter:description") == description, url
        if url == "404.html":
            # Served at any address that does not exist: it has no address of its own.
            assert parsed.canonicals == [] and parsed.content("property", "og:url") == []
        else:
            assert parsed.canonicals == [server_url + url], url
            assert parsed.one("property", "og:url") == server_url + url, url


def test_the_social_image_is_a_1200_by_630_png_on_every_page(
    site: Path, heads: dict[str, Head], server_url: str
) -> None:
    from PIL import Image

    data = (site / IMAGE).read_bytes()
    with Image.open(io.BytesIO(data)) as image:
        assert (image.format, image.size) == ("PNG", (1200, 630))
        image.verify()
    # Absolute addresses: a link preview fetches the image from another site.
    for url, parsed in heads.items():
        assert parsed.one("property", "og:image") == server_url + IMAGE, url
        assert parsed.one("name", "twitter:image") == server_url + IMAGE, url


def png_chunks(data: bytes) -> list[bytes]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    chunks, offset = [], 8
    while offset < len(data):
        length, kind = struct.unpack(">I4s", data[offset : offset + 8])
        chunks.append(kind)
        offset += 12 + length
    return chunks


def test_the_social_image_is_the_same_on_every_build(site: Path) -> None:
    """No timestamp or text metadata, and drawing again gives the very same bytes."""
    built = (site / IMAGE).read_bytes()
    assert set(png_chunks(built)) <= {b"IHDR", b"PLTE", b"IDAT", b"IEND"}, png_chunks(built)
    args = (
        SITE_NAME,
        social_image.tagline(SITE_DESCRIPTION),
        *(
            social_image.theme_colour((ROOT / "docs" / social_image.STYLESHEET).read_text(encoding="utf-8"), var)
            for var in (social_image.BACKGROUND, social_image.STRIPE)
        ),
    )
    assert social_image.render.__wrapped__(*args) == built


def test_the_social_image_needs_no_installed_font(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a machine without DejaVu, Pillow's own font draws it: `make serve` never fails for a font."""
    from PIL import Image

    monkeypatch.setattr(social_image, "BOLD", "/nonexistent/Bold.ttf")
    monkeypatch.setattr(social_image, "REGULAR", "/nonexistent/Regular.ttf")
    data = social_image.render.__wrapped__(SITE_NAME, "A line " * 40, "#004d40", "#b23c17")
    with Image.open(io.BytesIO(data)) as image:
        assert image.size == (1200, 630)


def test_sitemap_lists_every_page(site: Path, server_url: str) -> None:
    namespace = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    text = (site / "sitemap.xml").read_bytes()
    locations = [loc.text for loc in ElementTree.fromstring(text).findall("s:url/s:loc", namespace)]
    assert sorted(locations) == sorted(server_url + url for url in html_pages(site))
    assert gzip.decompress((site / "sitemap.xml.gz").read_bytes()) == text


def test_robots_txt_points_at_the_sitemap(site: Path, server_url: str) -> None:
    robots = (site / "robots.txt").read_text(encoding="utf-8")
    # The English site's robots.txt names every language's sitemap (robots.txt counts only at the root).
    sitemaps = "".join(f"Sitemap: {server_url}{prefix}sitemap.xml\n" for prefix in ["", "es/", "pt-BR/"])
    assert robots == f"User-agent: *\nAllow: /\n{sitemaps}"
    assert not (site / "es" / "robots.txt").exists()
    assert robots_txt(None) == "User-agent: *\nAllow: /\n"  # no site_url: no relative Sitemap line


def test_nothing_is_escaped_twice(site: Path) -> None:
    """In the real site, anywhere: a title or description shown as `&amp;amp;` is escaped twice."""
    assert [url for url, path in all_pages(site).items() if TWICE.search(path.read_text(encoding="utf-8"))] == []


# --- Escaping, on a small build of our theme with titles and descriptions full of special characters ---

TWICE = re.compile(r"&amp;(amp|quot|lt|gt|#x27|#34|#39);")
H1_TITLE = 'Tom & Jerry\'s "deal" for 1 < 2'
NAV_TITLE = 'Terms & "conditions"'
DESCRIPTION = 'Say "no" & keep the seller\'s <proof>.'


@pytest.fixture(scope="module")
def special_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Only our theme overrides and the hooks that shape the <head>: no macros, no data (fast)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    root = tmp_path_factory.mktemp("special")
    docs = root / "docs"
    (docs / "assets" / "css").mkdir(parents=True)
    shutil.copy(ROOT / "docs" / social_image.STYLESHEET, docs / social_image.STYLESHEET)
    (docs / "index.md").write_text("---\ndescription: The home page.\n---\n# Home\n", encoding="utf-8")
    (docs / "h1.md").write_text(
        f"---\ndescription: '{DESCRIPTION.replace(chr(39), chr(39) * 2)}'\n---\n# {H1_TITLE}\n", encoding="utf-8"
    )
    (docs / "nav.md").write_text("# A heading the nav title replaces\n", encoding="utf-8")
    config = load_config(
        str(ROOT / "mkdocs.yml"),
        docs_dir=str(docs),
        site_dir=str(root / "site"),
        site_url="https://example.org/guide/",
        nav=[{"Home": "index.md"}, "h1.md", {NAV_TITLE: "nav.md"}],
        not_in_nav="",
        plugins=[],
        hooks=[
            str(ROOT / "hooks" / name) for name in ("page_meta.py", "social_image.py", "robots.py", "storage_scope.py")
        ],
        strict=True,
    )
    build(config)
    return root / "site"


@pytest.mark.parametrize(("url", "title"), [("h1/", H1_TITLE), ("nav/", NAV_TITLE)])
def test_titles_and_descriptions_are_escaped_exactly_once(special_site: Path, url: str, title: str) -> None:
    html = (special_site / url / "index.html").read_text(encoding="utf-8")
    parsed = head(special_site / url / "index.html")
    # A quote did not end an attribute early: every tag has just its two attributes.
    for meta in parsed.metas:
        if {"property", "name"} & set(meta) and meta.get("name") != "viewport":
            assert len(meta) == 2, meta
    # Read back once, each value is the text as written: escaped once, not twice, not zero times.
    assert parsed.one("property", "og:title") == parsed.one("name", "twitter:title") == title
    assert " ".join(parsed.titles[0].split()) == f"{title} - {SITE_NAME}"
    assert not TWICE.search(html.split("</head>")[0]), "something in <head> was escaped twice"
    if url == "h1/":
        for attribute, value in (
            ("name", "description"),
            ("property", "og:description"),
            ("name", "twitter:description"),
        ):
            assert parsed.one(attribute, value) == DESCRIPTION
        assert 'content="Say &quot;no&quot; &amp; keep the seller&#x27;s &lt;proof&gt;."' in html
        assert 'content="Tom &amp; Jerry\'s &quot;deal&quot; for 1 &lt; 2"' in html
    assert parsed.one("property", "og:url") == f"https://example.org/guide/{url}"
    assert parsed.one("property", "og:image") == f"https://example.org/guide/{IMAGE}"
    assert (
        (special_site / "robots.txt")
        .read_text(encoding="utf-8")
        .endswith("Sitemap: https://example.org/guide/sitemap.xml\n")
    )
