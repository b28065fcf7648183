"""One storage scope for the whole site (hooks/storage_scope.py, overrides/partials/storage-guard.html):
Material's scope script is the same on every page of every language, a palette choice follows the
reader across languages, the old per-language keys move in, "clear everything" clears them all and
leaves a neighbour's keys, and corrupt Material keys or a huge ?h= never break the theme."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TRANSLATIONS, BrowserTab, html_pages
from mkdocs.config import load_config

from hooks import languages, storage_scope

SCOPE_SCRIPT = re.compile(r"<script>__md_scope=.*?</script>", re.DOTALL)
GUARD = re.compile(r'<script type="application/json" id="rg-storage">([^<]*)</script>\s*<script>(.*?)</script>', re.S)
PALETTE_TOGGLE = "form[data-rg-palette] label:not([hidden])"
NEIGHBOUR = {"another-site:settings": "keep me", "/other-site/.__palette": '{"index":1}'}


@pytest.fixture
def visit(context: Any, served: str) -> BrowserTab:
    return BrowserTab(context, served)


def built_pages(site: Path) -> dict[str, str]:
    urls = [url for language in ("en", *TRANSLATIONS) for url in html_pages(site, language)]
    pages = {url: (site / url / "index.html").read_text(encoding="utf-8") for url in urls}
    pages["404.html"] = (site / "404.html").read_text(encoding="utf-8")
    return pages


def test_one_scope_script_and_one_guard_on_every_page_of_every_language(site: Path) -> None:
    pages = built_pages(site)
    assert len(pages) > 3 * 50
    scopes = {found for html in pages.values() for found in SCOPE_SCRIPT.findall(html)}
    assert len(scopes) == 1 and 'new URL("/",location)' in scopes.pop()
    assert [url for url, html in pages.items() if len(SCOPE_SCRIPT.findall(html)) != 1] == []
    guards = {url: GUARD.search(html) for url, html in pages.items()}
    assert [url for url, found in guards.items() if not found] == []
    assert len({found.group(2) for found in guards.values()}) == 1, "the guard script differs between pages"
    spanish = json.loads(guards["es/"].group(1))
    assert spanish["root"] == "/es/" and spanish["old"] == ["/es/", "/pt-BR/"]
    # The guard runs before Material's header reads the palette, and before its bundle.
    html = pages["checklist/"]
    assert html.index('id="rg-storage"') < html.index('__md_get("__palette")') < html.index("bundle.")


@pytest.mark.parametrize("config_file", ["mkdocs.yml", "mkdocs.es.yml"])
def test_a_sub_path_deploy_keeps_one_scope_for_every_language(config_file: str) -> None:
    site_url = "https://example.org/guide/" if config_file == "mkdocs.yml" else "https://example.org/guide/es/"
    config = load_config(str(ROOT / config_file), site_url=site_url)
    storage_scope.on_config(languages.on_config(config))
    assert config.extra["scope"] == "/guide/"
    root = "/guide/" if config_file == "mkdocs.yml" else "/guide/es/"
    assert config.extra["rg_storage"]["root"] == root
    assert config.extra["rg_storage"]["old"] == ["/guide/es/", "/guide/pt-BR/"]
    assert storage_scope.root_path("https://example.org/guide") == "/guide/"
    assert storage_scope.root_path("http://127.0.0.1:8000") == "/"


def stored(visit: BrowserTab) -> dict[str, str]:
    return visit.page.evaluate("() => Object.fromEntries(Object.entries(localStorage))")


def test_the_palette_choice_follows_the_reader_across_languages(visit: BrowserTab, served: str) -> None:
    visit.page.goto(served + "es/privacy/")
    assert visit.page.evaluate("document.body.dataset.mdColorScheme") == "default"
    visit.page.locator(PALETTE_TOGGLE).click()
    assert visit.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    for url in ("pt-BR/checklist/", "", "es/case/"):
        visit.page.goto(served + url)
        assert visit.page.evaluate("document.body.dataset.mdColorScheme") == "slate", url
    assert [key for key in stored(visit) if key.endswith(".__palette")] == ["/.__palette"]
    assert visit.errors == []


def test_old_per_language_keys_move_in_the_current_languages_first(visit: BrowserTab, served: str) -> None:
    dark = {"index": 1, "color": {"media": "(prefers-color-scheme: dark)", "scheme": "slate"}}
    light = {"index": 0}
    visit.page.goto(served + "privacy/")
    visit.page.evaluate(
        """([dark, light, neighbour]) => {
          localStorage.clear();
          localStorage.setItem("/pt-BR/.__palette", light);
          localStorage.setItem("/es/.__palette", dark);
          localStorage.setItem("/es/.__tabs", '["x"]');
          for (const [key, value] of Object.entries(neighbour)) localStorage.setItem(key, value);
        }""",
        [json.dumps(dark), json.dumps(light), NEIGHBOUR],
    )
    visit.page.goto(served + "es/privacy/")
    assert visit.page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    keys = stored(visit)
    assert json.loads(keys["/.__palette"])["index"] == 1
    assert keys["/.__tabs"] == '["x"]'
    assert not [key for key in keys if key.startswith(("/es/", "/pt-BR/"))]
    assert {key: keys[key] for key in NEIGHBOUR} == NEIGHBOUR
    # A key already at the site scope wins over an old one.
    visit.page.evaluate("() => localStorage.setItem('/pt-BR/.__palette', JSON.stringify({index: 0}))")
    visit.page.goto(served + "pt-BR/privacy/")
    assert json.loads(stored(visit)["/.__palette"])["index"] == 1
    assert "/pt-BR/.__palette" not in stored(visit)
    assert visit.errors == []


@pytest.mark.parametrize("language", ["", "es/", "pt-BR/"])
def test_clear_everything_clears_all_languages_not_the_neighbour(visit: BrowserTab, served: str, language: str) -> None:
    visit.page.goto(served + language + "privacy/")
    visit.page.locator(PALETTE_TOGGLE).click()
    visit.page.evaluate(
        """neighbour => {
          localStorage.setItem("refund-guide:v2", '{"v":2,"details":{"full-name":"Ana"}}');
          for (const scope of ["/es/", "/pt-BR/"]) localStorage.setItem(scope + ".__palette", '{"index":1}');
          sessionStorage.setItem("/es/.__source", "{}");
          for (const [key, value] of Object.entries(neighbour)) localStorage.setItem(key, value);
        }""",
        NEIGHBOUR,
    )
    visit.page.locator("[data-rg-clear] button").click()
    assert visit.page.evaluate("Object.keys(sessionStorage)") == []
    assert stored(visit) == NEIGHBOUR
    assert visit.errors == []


CORRUPT_PALETTES = [
    "[1]",
    "{{{ not json",
    '"dark"',
    '{"index":"<x>","color":{"scheme":"\\"><img src=x onerror=window.__pwned=1>"}}',
    '{"index":7,"color":{"scheme":"slate"}}',
    '{"index":1.5}',
    '{"index":0,"color":{"media":"(prefers-color-scheme)","scheme":"slate"}}',
    '{"index":1,"color":{"scheme":"\\"><img src=x onerror=window.__pwned=1>","media":"x"}}',
]


@pytest.mark.parametrize("value", CORRUPT_PALETTES)
def test_a_corrupt_palette_key_neither_throws_nor_breaks_the_switch(visit: BrowserTab, served: str, value: str) -> None:
    visit.page.goto(served + "privacy/")
    visit.page.evaluate("value => localStorage.setItem('/.__palette', value)", value)
    visit.page.goto(served + "checklist/")
    scheme = visit.page.evaluate("document.body.dataset.mdColorScheme")
    assert scheme in {"default", "slate"}
    visit.page.locator(PALETTE_TOGGLE).click()
    assert visit.page.evaluate("document.body.dataset.mdColorScheme") == ({"default", "slate"} - {scheme}).pop()
    palette = json.loads(stored(visit)["/.__palette"])
    assert palette["index"] in (0, 1) and palette["color"]["scheme"] in {"default", "slate"}
    assert visit.page.evaluate("window.__pwned") is None
    assert visit.page.locator("img[src=x]").count() == 0
    assert visit.errors == []


def test_a_huge_query_value_is_cut_before_the_theme_reads_it(visit: BrowserTab, served: str) -> None:
    # 50,000 characters made Material's highlight throw; the test server takes request lines up to 64 KB.
    visit.page.goto(served + "checklist/?type=counterfeit&h=" + "a" * 50_000 + "&q=" + "b" * 10_000 + "#step-1")
    visit.page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    search = visit.page.evaluate("location.search")
    assert search.startswith("?type=counterfeit&h=aaa") and len(search) < 600
    assert visit.page.evaluate("location.hash") == "#step-1"
    assert visit.page.locator("#rg-type").input_value() == "counterfeit"
    visit.page.wait_for_timeout(300)
    assert visit.errors == []


def test_addresses_relative_to_a_languages_root_stay_in_that_language(visit: BrowserTab, served: str) -> None:
    # The letters and the case file fetch their .docx package relative to this language's root,
    # no longer __md_scope (now the site root in every language).
    visit.page.goto(served + "es/letters/card-chargeback/")
    url = visit.page.evaluate(
        "new URL(JSON.parse(document.querySelector('.rg-letter-config').dataset.config).docx, __rg_site.root).href"
    )
    assert url.startswith(served + "es/downloads/")
    assert visit.page.evaluate("url => fetch(url).then(response => response.ok)", url)
