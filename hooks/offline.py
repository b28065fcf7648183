"""Installable and offline (issue 25): a web app manifest and icons for every language, an offline
page, and one service worker at the site root that keeps a cache per language.

- Icons are drawn here with Pillow (no network) in the theme's teal and the firm's accent.
- Every build names its output with a build id, a hash of the files it wrote; pages carry it on
  the registration script (`data-rg-build`), and the worker names each language's cache with it.
- Each language build writes `precache.json` (its build id and the files to keep offline) into its
  own folder, then writes `sw.js` at the site root from every language's `precache.json` found there.
  `make build` builds the English first (it empties site/), so the last build leaves a worker that
  knows every language. Everything is relative to the worker's own address, never site_url, so a
  build for a sub-path (/guide/) works at any address.
- Under `mkdocs serve` there is no worker: the pages carry an empty build id, and the registration
  script then unregisters any worker it finds (make live and make serve use the same port).
"""

from __future__ import annotations

import hashlib
import io
import json
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[1]
WORKER_SOURCE = ROOT / "hooks" / "offline_worker.js"
MANIFEST = "manifest.webmanifest"
PRECACHE = "precache.json"
WORKER = "sw.js"
PENDING = "rg-build-pending"  # in the pages until the build id is known (after every other hook)
ICONS = {  # path -> (size, maskable)
    "assets/icons/icon-192.png": (192, False),
    "assets/icons/icon-512.png": (512, False),
    "assets/icons/maskable-512.png": (512, True),
    "assets/icons/apple-touch-icon.png": (180, True),  # iOS rounds the corners itself: full bleed
}
STYLESHEET = "assets/css/extra.css"
BACKGROUND = "--md-primary-fg-color--dark"
GUIDE_ACCENT = "--md-accent-fg-color"  # the first (light scheme) value in the stylesheet
# Material's accent colours for the names data/firm.yml allows (from its palette stylesheet).
FIRM_ACCENTS = {
    "red": "#ff1a47",
    "pink": "#f50056",
    "purple": "#df41fb",
    "deep purple": "#7c4dff",
    "indigo": "#526cfe",
    "blue": "#4287ff",
    "light blue": "#0091eb",
}
# The tools kept for offline use as soon as the worker is ready (paths under a language's root);
# every other page is kept when the reader visits it, the search index when search first opens.
TOOL_PAGES = ("", "steps/", "checklist/", "letters/", "deadlines/", "case/", "where-to-report/", "offline/")
TOOL_FOLDERS = ("steps/", "letters/")  # and every page under them (the five steps, each letter)
ASSET_FILES = re.compile(
    r"^(assets/js/[^/]+\.js|assets/css/[^/]+\.css|assets/stylesheets/[^/]+\.css|"
    r"assets/javascripts/bundle\.[^/]+\.js|assets/images/favicon\.png|assets/icons/[^/]+\.png|"
    r"downloads/[^/]+|manifest\.webmanifest)$"
)
# Left out of the build id: files whose bytes change with the day of the build, not with the content.
UNHASHED = re.compile(r"(^|/)(sitemap\.xml(\.gz)?|precache\.json|sw\.js)$|\.map$")

_enabled = True


def on_startup(*, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
    global _enabled
    _enabled = command != "serve"


def language_prefix(config: MkDocsConfig) -> str:
    code = config.theme["language"]
    return "" if code == "en" else f"{code}/"


def colour(css: str, variable: str) -> str:
    match = re.search(rf"{re.escape(variable)}:\s*(#[0-9a-fA-F]{{6}})\s*;", css)
    if match is None:
        raise PluginError(f"docs/{STYLESHEET}: no '{variable}: #rrggbb;' for the app icons")
    return match.group(1)


def palette(config: MkDocsConfig) -> tuple[str, str]:
    """The icon's background (the theme's dark teal) and its accent (the firm's, else the guide's)."""
    css = (Path(config.docs_dir) / STYLESHEET).read_text(encoding="utf-8")
    firm = config.plugins["macros"].variables["guide"].firm.get("accent") or ""
    return colour(css, BACKGROUND), FIRM_ACCENTS.get(firm) or colour(css, GUIDE_ACCENT)


@cache
def icon(size: int, maskable: bool, background: str, accent: str) -> bytes:
    """A page with a tick: white sheet, accent tick, on the teal. A maskable icon fills the square
    and keeps the drawing inside the central safe circle (radius 40%)."""
    scale = 4  # drawn large, then scaled down for smooth edges
    side = size * scale
    image = Image.new("RGBA", (side, side), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    if maskable:
        draw.rectangle((0, 0, side, side), fill=background)
        inner = 0.26
    else:
        draw.rounded_rectangle((0, 0, side - 1, side - 1), radius=side * 0.22, fill=background)
        inner = 0.2
    left, top, right, bottom = side * (inner + 0.06), side * inner, side * (1 - inner - 0.06), side * (1 - inner)
    draw.rounded_rectangle((left, top, right, bottom), radius=side * 0.04, fill="white")
    width = right - left
    for row in range(3):  # lines of text on the sheet
        y = top + (bottom - top) * (0.2 + 0.14 * row)
        line = (left + width * 0.14, y, right - width * 0.14, y + side * 0.025)
        draw.rounded_rectangle(line, radius=side * 0.012, fill=background)
    tick = [(left + width * 0.2, top + (bottom - top) * 0.7), (left + width * 0.42, bottom - (bottom - top) * 0.1)]
    tick.append((right - width * 0.12, top + (bottom - top) * 0.52))
    draw.line(tick, fill=accent, width=int(side * 0.06), joint="curve")
    output = io.BytesIO()
    image.resize((size, size), Image.LANCZOS).save(output, format="PNG", optimize=True)
    return output.getvalue()


def manifest(config: MkDocsConfig, short_name: str) -> str:
    """The web app manifest of one language: its name and start page, the whole site as scope."""
    up = "../" * language_prefix(config).count("/")
    background, _ = palette(config)
    icons = [
        {"src": path, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "maskable" if maskable else "any"}
        for path, (size, maskable) in ICONS.items()
        if "apple" not in path
    ]
    return json.dumps(
        {
            "name": config.site_name,
            "short_name": short_name,
            "description": " ".join((config.site_description or "").split()),
            "lang": config.theme["language"],
            "start_url": "./",
            "scope": up or "./",
            "display": "standalone",
            "background_color": "#ffffff",
            "theme_color": background,
            "icons": icons,
        },
        ensure_ascii=False,
        indent=2,
    )


def strings(config: MkDocsConfig) -> dict[str, str]:
    return config.plugins["macros"].variables["guide"].strings


# The kill switch (README, "Installable and offline"): `extra: offline: false` ships this worker
# instead. A browser that checks for a new version gets it; it deletes this site's caches and
# unregisters itself, and the pages (with no build id) unregister any worker they still find.
KILL_SWITCH = """const PREFIX = `refund-guide:${new URL("./", self.location.href).pathname}:`;
self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith(PREFIX)).map((name) => caches.delete(name))))
      .then(() => self.registration.unregister()),
  );
});
"""


def switched_on(config: MkDocsConfig) -> bool:
    return config.extra.get("offline", True) is not False


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["rg_offline"] = {
        "build": PENDING if _enabled and switched_on(config) else "",
        "root": "../" * language_prefix(config).count("/"),  # from the language's root to the site root
    }
    return config


def on_files(files: Files, config: MkDocsConfig) -> Files:
    background, accent = palette(config)
    generated = {path: icon(size, maskable, background, accent) for path, (size, maskable) in ICONS.items()}
    generated[MANIFEST] = manifest(config, strings(config)["offline.short_name"]).encode("utf-8")
    for path, content in generated.items():
        if files.get_file_from_path(path) is not None:
            raise PluginError(f"{path} is made by hooks/offline.py: remove the other file")
        files.append(File.generated(config, path, content=content))
    return files


def on_page_context(context: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    config: MkDocsConfig = kwargs["config"]
    words = strings(config)
    config.extra["rg_offline"]["ready"] = words["js.offline_ready"]
    config.extra["rg_offline"]["reload"] = words["js.offline_reload"]
    return context


def own_files(site: Path, config: MkDocsConfig) -> list[str]:
    """Every file of this language's build, as paths under its root (other languages left out)."""
    others = {language["prefix"].rstrip("/") for language in config.extra.get("rg_languages", [])} - {""}
    paths = []
    for path in sorted(site.rglob("*")):
        relative = path.relative_to(site).as_posix()
        if path.is_file() and relative.split("/")[0] not in others:
            paths.append(relative)
    return paths


def build_id(site: Path, paths: list[str]) -> str:
    digest = hashlib.sha256()
    for relative in paths:
        if not UNHASHED.search(relative):
            digest.update(relative.encode("utf-8") + b"\0" + (site / relative).read_bytes() + b"\0")
    return digest.hexdigest()[:16]


def precache_list(paths: list[str]) -> list[str]:
    """The tools, their letters' downloads and the assets they load, as URLs under the language root."""
    pages = {path.removesuffix("index.html") for path in paths if path.endswith("index.html")}
    tools = [page for page in sorted(pages) if page in TOOL_PAGES or page.startswith(TOOL_FOLDERS)]
    missing = [page for page in TOOL_PAGES if page not in pages]
    if missing:
        raise PluginError(f"hooks/offline.py: the offline tools {missing} were not built")
    return tools + [path for path in paths if ASSET_FILES.match(path)]


def worker(site_root: Path, prefixes: list[str]) -> str:
    """sw.js: the worker's code with each built language's build id and files to keep."""
    builds = {}
    for prefix in prefixes:
        listing = site_root / prefix / PRECACHE
        if listing.is_file():
            builds[prefix] = json.loads(listing.read_text(encoding="utf-8"))
    source = WORKER_SOURCE.read_text(encoding="utf-8")
    lean = re.sub(r"^[ \t]*//[^\n]*\n", "", source, flags=re.MULTILINE)
    return f"const BUILDS = {json.dumps(builds, separators=(',', ':'), sort_keys=True)};\n{lean}"


@event_priority(-200)  # after every hook that writes or rewrites pages (the CSP is -100)
def on_post_build(*, config: MkDocsConfig) -> None:
    if not _enabled:
        return
    site = Path(config.site_dir)
    prefix = language_prefix(config)
    site_root = site.parents[prefix.count("/") - 1] if prefix else site
    if not switched_on(config):
        (site_root / WORKER).write_text(KILL_SWITCH, encoding="utf-8")
        return
    paths = own_files(site, config)
    build = build_id(site, paths)
    for relative in paths:
        if relative.endswith(".html"):
            page = site / relative
            html = page.read_text(encoding="utf-8")
            if PENDING in html:
                page.write_text(html.replace(PENDING, build), encoding="utf-8")
    listing = {"build": build, "precache": precache_list(paths)}
    (site / PRECACHE).write_text(json.dumps(listing, indent=1), encoding="utf-8")
    prefixes = [language["prefix"] for language in config.extra.get("rg_languages", [{"prefix": ""}])]
    (site_root / WORKER).write_text(worker(site_root, prefixes), encoding="utf-8")
