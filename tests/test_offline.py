"""Installable and offline (issue 25, hooks/offline.py): the manifest and its icons, the service
worker's cache per language, the tools with the network off in every language, updates to a new
build, a sub-path deploy, and no worker from `mkdocs serve`."""

from __future__ import annotations

import importlib.util
import json
import re
import threading
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import ROOT, TRANSLATIONS, BrowserTab, QuietHandler, free_port

LANGUAGES = ["", *(f"{code}/" for code in TRANSLATIONS)]
TOOLS = ["", "steps/", "steps/evidence/", "steps/report/", "checklist/", "deadlines/", "case/", "where-to-report/"]
LETTER = "letters/card-chargeback/"
READY = "html[data-rg-offline=ready]"


def load_hook() -> Any:
    spec = importlib.util.spec_from_file_location("offline_hook", ROOT / "hooks" / "offline.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


# --- the build ---------------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_language_has_a_manifest_whose_icons_exist(site: Path, language: str) -> None:
    folder = site / language
    manifest = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
    assert manifest["start_url"] == "./" and manifest["scope"] == ("../" if language else "./")
    assert manifest["display"] == "standalone" and manifest["short_name"] and manifest["name"]
    assert "http" not in json.dumps(manifest), "the manifest must not name an address (a sub-path build)"
    purposes = {icon["purpose"] for icon in manifest["icons"]}
    assert purposes == {"any", "maskable"}
    from PIL import Image

    for icon in manifest["icons"]:
        with Image.open(folder / icon["src"]) as image:
            assert f"{image.width}x{image.height}" == icon["sizes"], icon["src"]
    page = (folder / "index.html").read_text(encoding="utf-8")
    assert 'rel="manifest" href="manifest.webmanifest"' in page
    assert 'rel="apple-touch-icon" href="assets/icons/apple-touch-icon.png"' in page


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh profile with its service workers running (the shared `context` blocks them)."""
    context = browser.new_context(service_workers="allow", permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


def test_one_worker_at_the_root_knows_every_language_and_its_files(site: Path) -> None:
    worker = (site / "sw.js").read_text(encoding="utf-8")
    builds = json.loads(re.match(r"const BUILDS = (\{.*\});\n", worker).group(1))
    assert sorted(builds) == sorted(LANGUAGES)
    assert "http" not in json.dumps(builds)
    for language, entry in builds.items():
        assert not (site / language / "sw.js").exists() or language == ""
        pages = site / language
        page = (pages / "checklist" / "index.html").read_text(encoding="utf-8")
        assert f'data-rg-build="{entry["build"]}"' in page, language
        for path in entry["precache"]:
            assert (pages / (path + "index.html" if path.endswith("/") or not path else path)).is_file(), path
        for needed in [*TOOLS, LETTER, "letters/", "offline/", "assets/js/offline.js", "assets/js/zip.js"]:
            assert needed in entry["precache"], (language, needed)
        assert any(path.endswith(".docx") for path in entry["precache"])
        assert not any("search" in path or path.endswith(".map") for path in entry["precache"])
    assert len({entry["build"] for entry in builds.values()}) == len(LANGUAGES)


def test_the_policy_allows_the_worker_and_the_manifest_from_this_site_only(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    assert "worker-src 'self';" in page and "manifest-src 'self';" in page


def test_under_serve_there_is_no_worker_and_no_build_id(tmp_path: Path) -> None:
    hook = load_hook()
    hook.on_startup(command="serve", dirty=False)
    config = SimpleNamespace(extra={}, theme={"language": "en"}, site_dir=str(tmp_path))
    hook.on_config(config)
    assert config.extra["rg_offline"]["build"] == ""
    hook.on_post_build(config=config)
    assert list(tmp_path.iterdir()) == []


def test_the_kill_switch_ships_a_worker_that_removes_itself(tmp_path: Path) -> None:
    hook = load_hook()
    hook.on_startup(command="build", dirty=False)
    config = SimpleNamespace(extra={"offline": False}, theme={"language": "es"}, site_dir=str(tmp_path / "es"))
    hook.on_config(config)
    assert config.extra["rg_offline"] == {"build": "", "root": "../"}  # pages unregister what they find
    hook.on_post_build(config=config)
    worker = (tmp_path / "sw.js").read_text(encoding="utf-8")
    assert "caches.delete" in worker and "registration.unregister()" in worker and "fetch" not in worker


def test_the_build_id_follows_the_content_only(tmp_path: Path) -> None:
    hook = load_hook()
    (tmp_path / "index.html").write_text("one", encoding="utf-8")
    (tmp_path / "sitemap.xml").write_text("a date", encoding="utf-8")
    first = hook.build_id(tmp_path, ["index.html", "sitemap.xml"])
    (tmp_path / "sitemap.xml").write_text("another date", encoding="utf-8")
    assert hook.build_id(tmp_path, ["index.html", "sitemap.xml"]) == first
    (tmp_path / "index.html").write_text("two", encoding="utf-8")
    assert hook.build_id(tmp_path, ["index.html", "sitemap.xml"]) != first


# --- in the browser ----------------------------------------------------------------------------


def visit_once(tab: BrowserTab, url: str) -> str:
    """One online visit, until the worker says this language's tools are kept; the build id."""
    tab.page.goto(url)
    tab.page.locator(READY).wait_for(state="attached", timeout=60_000)
    return tab.page.evaluate("document.documentElement.dataset.rgBuild")


def canonical(page: Any) -> str:
    return page.locator("link[rel=canonical]").get_attribute("href") or ""


def open_offline(tab: BrowserTab, url: str) -> Any:
    response = tab.page.goto(url)
    assert response is not None and response.ok and response.from_service_worker, url
    assert not canonical(tab.page).endswith("/offline/"), f"{url} showed the offline page"
    return tab.page


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_tools_work_offline_after_one_visit(context: Any, served: str, language: str, tmp_path: Path) -> None:
    tab = BrowserTab(context, served + language)
    visit_once(tab, tab.base)
    context.set_offline(True)
    for path in TOOLS:
        open_offline(tab, tab.base + path)
        assert tab.page.locator("h1").first.inner_text()
    page = open_offline(tab, tab.base + "checklist/")
    page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    first = page.locator("input[data-check-id]").first
    item = first.get_attribute("data-check-id")
    first.check()
    page.reload()
    page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    assert page.locator(f'input[data-check-id="{item}"]').is_checked(), "the tick did not come back offline"
    page = open_offline(tab, tab.base + LETTER)
    page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
    page.locator('[data-field="full-name"], [data-field]').first.fill("Offline Reader")
    page.locator("[data-rg-action=copy]").click()
    page.wait_for_function("() => navigator.clipboard.readText().then(text => text.includes('Offline Reader'))")
    with page.expect_download() as download:
        page.locator("[data-rg-action=docx]").click()
    target = tmp_path / "letter.docx"
    download.value.save_as(target)
    assert target.read_bytes().startswith(b"PK")

    page = open_offline(tab, tab.base + "deadlines/")
    page.locator(".rg-deadlines-config[data-bound]").wait_for(state="attached")
    page.locator('input[name="paid"]').fill("2026-06-01")
    with page.expect_download() as download:
        page.locator("[data-rg-action=ics]").click()
    download.value.save_as(tmp_path / "dates.ics")
    assert (tmp_path / "dates.ics").read_bytes().startswith(b"BEGIN:VCALENDAR")

    page = open_offline(tab, tab.base + "case/")
    page.locator(".rg-case-config[data-bound]").wait_for(state="attached")
    page = open_offline(tab, tab.base + "where-to-report/")
    page.locator("#rg-country").select_option("japan")
    assert page.locator("#region-japan").get_attribute("open") is not None
    assert [error for error in tab.errors if "ERR_INTERNET_DISCONNECTED" not in error] == []


def test_a_visited_page_works_offline_and_an_unvisited_one_shows_the_offline_page(context: Any, served: str) -> None:
    tab = BrowserTab(context, served)
    visit_once(tab, served)
    tab.page.goto(served + "scams/counterfeit/")
    context.set_offline(True)
    open_offline(tab, served + "scams/counterfeit/")
    tab.page.goto(served + "es/about/")  # a language never opened: the offline page of one that was
    assert canonical(tab.page) == served + "offline/"
    context.set_offline(False)
    visit_once(tab, served + "es/")  # the reader switches language: that language is kept too
    context.set_offline(True)
    for url in (served + "scams/non-delivery/", served + "es/about/"):
        tab.page.goto(url)
        assert canonical(tab.page).endswith("offline/")
    # In the reader's language, with links to the kept tools.
    assert tab.page.locator("html").get_attribute("lang") == "es"
    assert tab.page.locator(".md-content a[href$='checklist/']").count() == 1


def test_chromium_finds_the_guide_installable(browser: Any, served: str, tmp_path: Path) -> None:
    from conftest import CHROMIUM_ARGS, full_chromium

    # A profile on disk: Chromium never offers to install from an incognito-like context.
    context = browser.browser_type.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=full_chromium(), args=CHROMIUM_ARGS
    )
    try:
        for language in ("", "pt-BR/"):
            tab = BrowserTab(context, served + language)
            visit_once(tab, tab.base)
            session = context.new_cdp_session(tab.page)
            errors = session.send("Page.getInstallabilityErrors")["installabilityErrors"]
            assert errors == [], (language, errors)
            manifest = session.send("Page.getAppManifest")
            assert manifest["errors"] == [], manifest["errors"]
    finally:
        context.close()


# --- a second build at the same address, deployed under a sub-path -----------------------------


class Deploy:
    """A server for the guide under /guide/, whose folder can be swapped for a newer build."""

    def __init__(self) -> None:
        self.folder: Path | None = None
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/guide/"
        deploy = self

        class Handler(QuietHandler):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, directory=str(deploy.folder), **kwargs)

            def translate_path(self, path: str) -> str:
                if not path.startswith("/guide/"):
                    return str(Path(str(deploy.folder)) / "no-such-file")
                return super().translate_path(path[len("/guide") :])

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
def deploy() -> Iterator[Deploy]:
    server = Deploy()
    yield server
    server.server.shutdown()
    server.server.server_close()


@pytest.fixture(scope="module")
def newer_build(tmp_path_factory: pytest.TempPathFactory, deploy: Deploy) -> Path:
    """The English guide built for /guide/ with a changed notice on every page (one extra build)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    folder = tmp_path_factory.mktemp("newer")
    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(folder), site_url=deploy.url, strict=True, copyright="Newer notice."
    )
    build(config)
    return folder


def module_builds(tab: BrowserTab, url: str) -> tuple[str, set[str]]:
    """Open url in full: the page's build id and the build every script and page it loaded came from."""
    responses: list[Any] = []

    def record(response: Any) -> None:
        responses.append(response)

    tab.page.on("response", record)
    tab.page.goto(url)
    tab.page.wait_for_load_state("load")
    tab.page.remove_listener("response", record)
    ours = [r for r in responses if r.url.endswith((".js", "/")) and r.url.startswith(tab.base)]
    assert ours and all(r.from_service_worker for r in ours), [r.url for r in ours if not r.from_service_worker]
    return tab.page.evaluate("document.documentElement.dataset.rgBuild"), {r.headers.get("x-rg-build") for r in ours}


def test_a_new_build_takes_over_on_the_next_click_from_one_build(
    context: Any, site: Path, deploy: Deploy, newer_build: Path
) -> None:
    deploy.folder = site  # the session's build, served under /guide/: every address in it is relative
    tab = BrowserTab(context, deploy.url)
    old = visit_once(tab, deploy.url)
    assert module_builds(tab, deploy.url + "checklist/") == (old, {old})

    deploy.folder = newer_build
    new = json.loads((newer_build / "precache.json").read_text(encoding="utf-8"))["build"]
    assert new != old
    page = tab.page
    page.goto(deploy.url + LETTER)  # the old worker answers; the server's page names a newer build
    page.locator(".rg-update").wait_for(timeout=30_000)  # the polite line, nothing taken over yet
    assert page.locator(".rg-update button").count() == 1
    assert len(page.evaluate("caches.keys()")) == 2, "the new version took over before the reader moved on"
    page.evaluate("window.rgSamePage = true")
    page.locator(".md-sidebar--primary a[href$='checklist/']").first.click()  # the next click: a full page load
    page.wait_for_url("**/checklist/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.rgSamePage") is None, "the click was an instant-navigation swap, not a full load"
    assert page.evaluate("document.documentElement.dataset.rgBuild") == new
    assert "Newer notice." in page.content()
    keys = page.evaluate("caches.keys()")
    assert keys == [f"refund-guide:/guide/:en/:{new}"], keys
    for url in (deploy.url, deploy.url + "checklist/", deploy.url + LETTER):
        assert module_builds(tab, url) == (new, {new}), url

    # The sub-path build works offline too.
    context.set_offline(True)
    for path in ("", "checklist/", "case/"):
        open_offline(tab, deploy.url + path)
    tab.page.goto(deploy.url + "about/")
    assert canonical(tab.page) == deploy.url + "offline/"


def test_pages_from_mkdocs_serve_unregister_the_worker(context: Any, deploy: Deploy, newer_build: Path) -> None:
    about = (newer_build / "about" / "index.html").read_text(encoding="utf-8")
    dev = re.sub(r'data-rg-build="[^"]*"', 'data-rg-build=""', about)
    (newer_build / "dev").mkdir(exist_ok=True)
    (newer_build / "dev" / "index.html").write_text(dev, encoding="utf-8")
    deploy.folder = newer_build
    tab = BrowserTab(context, deploy.url)
    visit_once(tab, deploy.url)
    assert tab.page.evaluate("navigator.serviceWorker.getRegistrations().then(found => found.length)") == 1
    tab.page.goto(deploy.url + "dev/")
    tab.page.wait_for_function("() => navigator.serviceWorker.getRegistrations().then(found => found.length === 0)")


def test_clear_everything_deletes_the_offline_copy_and_the_worker(context: Any, served: str) -> None:
    tab = BrowserTab(context, served)
    visit_once(tab, served + "privacy/")
    page = tab.page
    page.evaluate("caches.open('another-site-cache')")
    page.locator("[data-rg-clear] button").click()
    page.locator("[data-rg-clear] [role=status]").filter(has_text="Done").wait_for()
    assert page.evaluate("caches.keys()") == ["another-site-cache"]
    assert page.evaluate("navigator.serviceWorker.getRegistrations().then(found => found.length)") == 0


# A stand-in for Chromium's install offer, which a test browser never makes by itself.
INSTALL_OFFER = """() => {
  const offer = new Event("beforeinstallprompt", { cancelable: true });
  offer.prompt = () => { window.rgPrompted = true; };
  window.dispatchEvent(offer);
}"""


@pytest.mark.parametrize("path", ["case/", "es/privacy/"])
def test_the_install_button_shows_only_when_the_browser_offers_to_install(context: Any, served: str, path: str) -> None:
    tab = BrowserTab(context, served)
    tab.page.goto(served + path)
    button = tab.page.locator("[data-rg-install]")
    assert button.count() == 1 and button.is_hidden()
    tab.page.wait_for_function("() => document.documentElement.dataset.rgRoot")
    tab.page.evaluate(INSTALL_OFFER)
    button.click()
    assert tab.page.evaluate("window.rgPrompted") is True
    assert button.is_hidden(), "an install offer can be used once"
    assert tab.errors == []
