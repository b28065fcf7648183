"""Shared fixtures: one strict build of the real site, a local server for it, and a real Chromium."""

from __future__ import annotations

import fcntl
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))
os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

from browser_path import find_chromium, find_test_chromium  # noqa: E402

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Every language but the original: its config file builds it into site/<code>/ (hooks/languages.py).
TRANSLATIONS = [
    language["code"] for language in yaml.safe_load((ROOT / "data" / "languages.yml").read_text())["languages"]
][1:]


def build_site(site_dir: Path, site_url: str) -> Path:
    """The English site into site_dir, then each language into site_dir/<code>/ (the English build
    empties site_dir first), as `make build` does."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url, strict=True))
    for code in TRANSLATIONS:
        config_file = ROOT / f"mkdocs.{code}.yml"
        build(load_config(str(config_file), site_dir=str(site_dir / code), site_url=site_url, strict=True))
    return site_dir


class QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A browser that drops a connection it no longer needs is not an error of the site.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def start_server(port: int, directory: Path) -> ThreadingHTTPServer:
    """Serve a folder on 127.0.0.1 from a background thread (the folder may still be empty)."""
    server = QuietServer(("127.0.0.1", port), functools.partial(QuietHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --- Builds shared by the parallel workers (pytest-xdist) -----------------------------------------
# Under `pytest -n N` the controller gives each shared site a folder and serves it on a fixed port
# for the whole run; the first worker that needs the site builds it there under a file lock, and the
# others wait for that build instead of making their own. Without xdist each site is built and
# served in the test process, once per session, as before.
SHARED_SITES = ("site", "branded")

# The real site also starts building in the background as the run starts, while the workers run the
# tests that need no built site (they come first: pytest_collection_modifyitems). Without it one
# worker built the site for ~35 s while the other waited on the lock. Whoever takes the lock first
# builds; the other finds it built. A failed build is reported by the worker that then tries it.
PREBUILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from conftest import build_once, build_site
build_once(Path(sys.argv[2]), lambda folder: build_site(folder, sys.argv[3]))
"""


@pytest.hookimpl(optionalhook=True)
def pytest_configure_node(node: Any) -> None:
    """xdist, in the controller: hand each worker the shared sites' folders and addresses."""
    config = node.config
    if not hasattr(config, "rg_shared"):
        base = Path(tempfile.mkdtemp(prefix="refund-guide-tests-"))
        config.rg_shared = {"base": str(base)}
        config.rg_servers = []
        for name in SHARED_SITES:
            port = free_port()
            (base / name / "site").mkdir(parents=True)
            config.rg_servers.append(start_server(port, base / name / "site"))
            config.rg_shared[name] = f"http://127.0.0.1:{port}/"
        args = [sys.executable, "-c", PREBUILD, str(ROOT / "tests"), str(base / "site"), config.rg_shared["site"]]
        config.rg_prebuild = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    node.workerinput["rg_shared"] = config.rg_shared


def pytest_unconfigure(config: pytest.Config) -> None:
    prebuild = getattr(config, "rg_prebuild", None)
    if prebuild is not None and prebuild.poll() is None:
        prebuild.kill()
        prebuild.wait()
    for server in getattr(config, "rg_servers", []):
        server.shutdown()
        server.server_close()
    if hasattr(config, "rg_shared"):
        shutil.rmtree(config.rg_shared["base"], ignore_errors=True)


# Fixtures that need the real site built (directly or through another fixture).
SITE_FIXTURES = {"site", "served", "main_site", "server_url"}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that need no built site first, in their usual order, then the rest: under xdist they
    keep both workers busy while the site builds (PREBUILD)."""
    items.sort(key=lambda item: bool(SITE_FIXTURES & set(getattr(item, "fixturenames", ()))))


def shared(config: pytest.Config) -> dict[str, str] | None:
    """The shared sites' folders and addresses in an xdist worker, else None."""
    return getattr(config, "workerinput", {}).get("rg_shared")


def build_once(folder: Path, build: Callable[[Path], object]) -> Path:
    """Build into folder/site unless another worker has; the lock makes the others wait for it."""
    with (folder / "build.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (folder / "built").exists():
            build(folder / "site")
            (folder / "built").touch()
    return folder / "site"


class SharedSite:
    """One site the tests share: its address, and its folder once built (see build_once)."""

    def __init__(self, request: pytest.FixtureRequest, name: str) -> None:
        self.name = name
        self.workers = shared(request.config)
        self.tmp = request.getfixturevalue("tmp_path_factory")
        self.url = self.workers[name] if self.workers else f"http://127.0.0.1:{free_port()}/"

    def build(self, build: Callable[[Path], object]) -> Path:
        if self.workers:
            # The controller serves base/<name>/site/ (mkdocs empties a site folder, never removes it).
            folder = Path(self.workers["base"]) / self.name
            build_once(folder, build)
            return folder / "site"
        folder = self.tmp.mktemp(self.name)
        build(folder)
        return folder

    def serve(self, directory: Path) -> Iterator[str]:
        if self.workers:
            yield self.url
            return
        port = int(self.url.rsplit(":", 1)[1].strip("/"))
        server = start_server(port, directory)
        yield self.url
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def main_site(request: pytest.FixtureRequest) -> SharedSite:
    return SharedSite(request, "site")


@pytest.fixture(scope="session")
def server_url(main_site: SharedSite) -> str:
    return main_site.url


@pytest.fixture(scope="session")
def site(main_site: SharedSite, server_url: str) -> Path:
    """The real site, built strictly once, with site_url set to the test server (canonical links, sitemaps)."""
    return main_site.build(lambda folder: build_site(folder, server_url))


@pytest.fixture(scope="session")
def served(main_site: SharedSite, site: Path) -> Iterator[str]:
    yield from main_site.serve(site)


@pytest.fixture(scope="session")
def chromium() -> Iterator[tuple[Any, str]]:
    """Playwright, and the path of the system Chromium most tests drive (browser_path)."""
    path = find_test_chromium()
    if path is None:
        pytest.fail(NO_CHROMIUM)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright, path


NO_CHROMIUM = (
    "No Chromium found for the browser tests. Install it (sudo apt-get install -y chromium "
    "chromium-headless-shell) or set CHROMIUM_PATH. Browser tests never skip."
)


def full_chromium() -> str:
    """The full browser, for what the headless shell lacks (browser_path.find_chromium)."""
    path = find_chromium()
    if path is None:
        pytest.fail(NO_CHROMIUM)
    return path


class QuietBrowser:
    """The launched Chromium, whose new contexts run no service worker unless a test asks for one.
    The offline worker fetches the whole offline copy on a profile's first visit; only the offline
    tests (tests/test_offline.py) need it, and elsewhere it only competes for the CPU."""

    def __init__(self, launched: Any) -> None:
        self.launched = launched

    def new_context(self, **options: Any) -> Any:
        options.setdefault("service_workers", "block")
        return self.launched.new_context(**options)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.launched, name)


@pytest.fixture(scope="session")
def browser(chromium: tuple[Any, str]) -> Iterator[Any]:
    playwright, path = chromium
    launched = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    yield QuietBrowser(launched)
    launched.close()


class BrowserTab:
    """A browser tab that records page errors, console errors, every request, and the dialogs it
    answers (accepted while `answer` is true)."""

    def __init__(self, context: Any, base: str = "") -> None:
        self.base = base
        self.page = context.new_page()
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.answer = True
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda message: message.type == "error" and self.errors.append(message.text))
        self.page.on("dialog", self._dialog)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.accept() if self.answer else dialog.dismiss()

    def search(self, term: str) -> list[str]:
        """Open Material's search on the home page, type a term, and return the result links."""
        self.page.goto(self.base)
        open_search(self.page)
        return search_for(self.page, term)

    def wait_until(self, done: Callable[[], bool], timeout: float, failure: Callable[[], str]) -> None:
        """Poll `done` while letting the page run; fail with `failure()` after `timeout` seconds.
        For what the page answers on the Python side (dialogs), which Playwright cannot wait for."""
        deadline = time.monotonic() + timeout
        while not done():
            assert time.monotonic() < deadline, failure()
            self.page.wait_for_timeout(50)

    def wait_for_import_answer(self, timeout: float = 10.0) -> None:
        """Wait until the checklist has answered an #import= link, which its reader (loaded on
        demand) does after the page has started: a status line, or a question before overwriting."""
        status = self.page.locator("[data-rg-status]")
        answered = lambda: bool(self.dialogs) or bool((status.text_content() or "").strip())  # noqa: E731
        self.wait_until(answered, timeout, lambda: f"no answer to the link after {timeout} s")

    def wait_for_dialog(self, count: int = 1, timeout: float = 10.0) -> None:
        """Wait until the page has asked `count` questions (answered by _dialog)."""
        asked = lambda: len(self.dialogs) >= count  # noqa: E731
        self.wait_until(asked, timeout, lambda: f"no dialog after {timeout} s: {self.dialogs}")


# Material rewrites the result count line once for every search it answers: count those answers.
COUNT_RESULTS = """() => {
  window.__searchResults = 0;
  const meta = document.querySelector(".md-search-result__meta");
  new MutationObserver(() => { window.__searchResults += 1; }).observe(meta, { childList: true });
}"""
PLACEHOLDER_SHOWN = """() => {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const meta = document.querySelector(".md-search-result__meta");
  return meta.textContent === config.translations["search.result.placeholder"];
}"""
RESULT_LINKS = "links => links.map(link => link.href)"


def open_search(page: Any) -> None:
    """Open the search (the box on a desktop, the magnifier on a phone) and wait until its worker
    is ready and has answered the empty query."""
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
    else:
        page.locator("label.md-search__icon, .md-search__input").first.click()
    page.wait_for_function(PLACEHOLDER_SHOWN)
    page.evaluate(COUNT_RESULTS)


def search_for(page: Any, query: str) -> list[str]:
    """Replace the text in the open search box and return the links of this query's results, never
    those still showing from the query before. Material searches on key release: fill in the text,
    then release a key that changes nothing, so exactly one search runs, for the whole query."""
    seen = page.evaluate("window.__searchResults")
    box = page.locator("input.md-search__input")
    box.fill(query)
    box.press("End")
    page.wait_for_function("seen => window.__searchResults > seen", arg=seen)
    return page.eval_on_selector_all(".md-search-result__list a", RESULT_LINKS)


@pytest.fixture
def context(browser: Any) -> Iterator[Any]:
    """A fresh browser profile per test (empty storage), allowed to use the clipboard."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    yield context
    context.close()


# Site data blocked outright: reading `localStorage` itself throws, as in some private modes.
BLOCK_STORAGE = """
Object.defineProperty(window, "localStorage", {
  get() { throw new DOMException("blocked", "SecurityError"); },
});
"""


def throwing_storage(*methods: str) -> str:
    """An init script after which these Storage methods throw, as when site data is blocked or full."""
    names = ", ".join(f"'{name}'" for name in methods)
    return (
        f"for (const name of [{names}]) {{"
        "  Storage.prototype[name] = () => { throw new DOMException('blocked', 'SecurityError'); };"
        "}"
    )


# Resolves once the browser has drawn two more frames: what reacts to a change in the next frame has.
AFTER_TWO_FRAMES = "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
# Material fades the header title in and out on scroll; axe must not judge a colour mid-fade.
NO_TRANSITIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"
ADOPT_STYLESHEET = """css => {
  const sheet = new CSSStyleSheet();
  sheet.replaceSync(css);
  document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
}"""


def axe_report(page: Any) -> str:
    """Run axe-core with the WCAG 2.x A and AA rules; return the report, or "" when clean."""
    # A constructed stylesheet, not a <style> tag: the site's Content-Security-Policy blocks inline styles.
    page.evaluate(ADOPT_STYLESHEET, NO_TRANSITIONS)
    # Only violations are reported: axe then skips collecting every node that passed.
    options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]}
    results = axe().run(page, options=options)
    return results.generate_report() if results.violations_count else ""


@functools.cache
def axe() -> Any:
    """axe-core, read from its package once per test process."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe()


def html_pages(site: Path, language: str = "en") -> list[str]:
    """Every page of one language of the built site as a URL path, e.g. 'steps/evidence/' or, for
    language='es', 'es/steps/evidence/'."""
    root = site if language == "en" else site / language
    prefix = "" if language == "en" else f"{language}/"
    pages = []
    for path in sorted(root.rglob("index.html")):
        relative = path.relative_to(root).parent.as_posix()
        if language == "en" and relative.split("/")[0] in TRANSLATIONS:
            continue
        pages.append(prefix + ("" if relative == "." else f"{relative}/"))
    return pages


# Pages made from one template with data (hooks/generated_pages.py, macros/firm_kit.py): the problem
# pages, the letters and the firm's handouts. Sweeps that judge the markup rather than the words
# visit three of each family: the largest page, the smallest, and the one using the most different
# classes (an urgent box, a table...). Every other page is its own template and is always visited.
# README, "Tests", lists the sweeps that use this.
TEMPLATE_FAMILIES = ("scams/", "letters/", "for-lawyers/handout/")
CLASS_ATTRIBUTE = re.compile(r'class="([^"]*)"')
METHOD_SECTION = re.compile(
    r'<section class="rg-handout__plan rg-handout__plan--method" id="([^"]+)">.*?</section>', re.S
)


def template_family(url: str, language: str = "en") -> str | None:
    """The family of a page made from a shared template ('scams/counterfeit/' -> 'scams/'), or None."""
    local = url if language == "en" else url.removeprefix(f"{language}/")
    return next((prefix for prefix in TEMPLATE_FAMILIES if local.startswith(prefix) and local != prefix), None)


def family_samples(site: Path, members: list[str]) -> list[str]:
    """The largest, the smallest and the most varied page of one family."""
    html = {url: (site / url / "index.html").read_text(encoding="utf-8") for url in members}
    by_size = sorted(members, key=lambda url: (len(html[url]), url))
    classes = {url: {name for value in CLASS_ATTRIBUTE.findall(html[url]) for name in value.split()} for url in members}
    most_varied = max(sorted(members), key=lambda url: len(classes[url]))
    return sorted({by_size[0], by_size[-1], most_varied})


def pages_of_each_template(site: Path, language: str = "en") -> list[str]:
    """html_pages, with each template family cut to three samples (family_samples)."""
    pages = html_pages(site, language)
    chosen = [url for url in pages if template_family(url, language) is None]
    for prefix in TEMPLATE_FAMILIES:
        members = [url for url in pages if template_family(url, language) == prefix]
        chosen += family_samples(site, members) if members else []
    return chosen + method_handout_samples(site, chosen)


def method_handout_samples(site: Path, chosen: list[str]) -> list[str]:
    """A handout's section for one way of paying is shown only when the address names it
    (#method-<id>, macros/firm_kit.py): the largest such section of the sampled handouts."""
    sections = [
        (len(match.group(0)), f"{url}#{match.group(1)}")
        for url in chosen
        if "for-lawyers/handout/" in url
        for match in METHOD_SECTION.finditer((site / url / "index.html").read_text(encoding="utf-8"))
    ]
    return [max(sections)[1]] if sections else []
