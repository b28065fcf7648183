"""One site per language: mkdocs.yml builds the English into site/, mkdocs.<code>.yml each other
language into site/<code>/ (data/languages.yml lists them). This hook makes a language build:

- live under its prefix: site_url gets "<code>/" added, so every absolute address is right;
- read each page from i18n/<code>/ instead of docs/, failing if the page is missing or lost a macro
  call, a link or a heading id of the English page (macros/i18n.py), and warning when the English
  changed after it was translated;
- point the language menu at the same page in every language (the sitemaps list them for search engines).

The English build keeps its addresses: the firm's printed links do not move.
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page

# Outside the "mkdocs" logger on purpose: an out-of-date translation is worth a warning, but it must
# not fail the strict build (the old translation still helps more than none).
log = logging.getLogger("refund_guide.languages")

ROOT = Path(__file__).resolve().parents[1]


def languages(root: Path = ROOT) -> list[dict[str, Any]]:
    """data/languages.yml, checked: a mistake stops the build with a message naming file, entry and
    field (never a traceback), and so does a language without its mkdocs.<code>.yml."""
    if str(ROOT) not in sys.path:  # on_config runs before the macros plugin puts the project on the path
        sys.path.insert(0, str(ROOT))
    from macros.data import read_yaml
    from macros.schema import DataError, validate

    try:
        listed = validate("languages.yml", read_yaml(root / "data" / "languages.yml", "data/languages.yml"))
    except DataError as error:
        raise PluginError(f"Invalid guide data: {error}") from None
    for language in listed["languages"][1:]:
        code = language["code"]
        if not (root / f"mkdocs.{code}.yml").is_file():
            raise PluginError(
                f"data/languages.yml: entry '{code}': field 'code': there is no mkdocs.{code}.yml, "
                'so this language is never built: add it (copy mkdocs.es.yml; see the README, "Adding a language")'
            )
    return listed["languages"]


# Anything but letters, digits and . _ ~ : / % - : what could end an attribute, open a tag, hide a
# second address (@) or change what the theme's inline scripts say (hooks/csp.py allows the same).
URL_UNSAFE = re.compile(r"[^A-Za-z0-9._~:/%-]")


def checked_site_url(url: str) -> str:
    """SITE_URL (site_url): an http(s) address with a host, and nothing that markup could trip on."""
    problem = ""
    if bad := URL_UNSAFE.search(url):
        problem = f"contains {bad.group()!r} at character {bad.start() + 1}"
    else:
        try:
            parts = urlsplit(url)
            parts.port  # noqa: B018 - a port that is not a number raises here
        except ValueError as error:
            problem = str(error)
        else:
            if parts.scheme not in ("http", "https") or not parts.hostname:
                problem = "is not an http:// or https:// address with a host"
    if problem:
        shown = url if len(url) <= 60 else f"{url[:57]}..."
        raise PluginError(
            f"SITE_URL (site_url in mkdocs.yml): {problem}: it must be the site's address, such as "
            f"https://example.org/guide/, in letters, digits and . _ ~ : / % - only: no quotes, brackets, spaces "
            f"or @ (got {shown!r})"
        )
    return url


def links_outside(config: MkDocsConfig) -> list[str]:
    """Every symbolic link (or device, or pipe) in data/, i18n/ and docs/, by name, before the build
    reads any of them (macros/repo_files.py)."""
    from macros.repo_files import links_in

    docs = Path(config.docs_dir).absolute()
    folders = [folder for folder in ("data", "i18n") if (ROOT / folder).exists() or (ROOT / folder).is_symlink()]
    if docs.parent == ROOT:
        return links_in(ROOT, [*folders, docs.name])
    return links_in(ROOT, folders) + links_in(docs.parent, [docs.name])  # a test's copy of docs/


def prefix(code: str) -> str:
    """The address prefix of a language: none for the original."""
    return "" if code == "en" else f"{code}/"


def language_of(config: MkDocsConfig) -> str:
    return config.theme["language"]


@event_priority(100)  # before the plugins read site_url
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    code = language_of(config)
    outside = links_outside(config)
    if outside:
        raise PluginError("Files the build reads must be in the repository:\n" + "\n".join(outside))
    known = {language["code"]: language for language in languages()}
    if code not in known:
        raise PluginError(f"theme.language '{code}' is not in data/languages.yml (known: {', '.join(known)})")
    site_url = checked_site_url(config.site_url) if config.site_url else "/"
    root = site_url.removesuffix(prefix(code)) if prefix(code) and site_url.endswith(prefix(code)) else site_url
    config.site_url = root + prefix(code)
    config.extra["rg_root_url"] = root
    config.extra["rg_languages"] = [
        {"code": language["code"], "name": language["name"], "prefix": prefix(language["code"])}
        for language in known.values()
    ]
    # A switch for Material's header (it then includes overrides/partials/alternate.html); not a list,
    # so Material writes no <link rel="alternate"> of its own: it would fetch a sitemap.xml under each.
    config.extra["alternate"] = True
    config.extra["rg_alternates"] = alternates(config, "")
    return config


def alternates(config: MkDocsConfig, url: str) -> list[dict[str, str]]:
    """The same page in every language, as Material's language menu and hreflang links want them."""
    root = config.extra["rg_root_url"]
    return [
        {"name": language["name"], "link": f"{root}{language['prefix']}{url}", "lang": language["code"]}
        for language in config.extra["rg_languages"]
    ]


def _shadowed(config: MkDocsConfig) -> frozenset[str]:
    """Names a front-matter key must not take: the macros and filters of this build."""
    from macros.page_shape import macro_names

    plugin = config.plugins.get("macros")
    names = [*getattr(plugin, "macros", {}), *getattr(plugin, "filters", {})] if plugin else []
    return macro_names(names)


def on_page_read_source(page: Page, config: MkDocsConfig) -> str | None:
    """Every page is read here, English too: its front matter through the strict YAML loader of
    data/ (no anchors, aliases or tags), and a translation against the English page's shape."""
    if page.file.generated_by:
        return None  # a page generated from data/ (already checked and translated there)
    from macros.i18n import PAGES_DIR, page_is_stale, page_problems
    from macros.page_shape import check_meta, located, split_page
    from macros.repo_files import file_problem, levels_of

    code = language_of(config)
    relative = page.file.src_uri
    english_path = Path(page.file.abs_src_path)
    unsafe = file_problem(english_path, levels_of(f"docs/{relative}"))
    if unsafe:
        raise PluginError(f"docs/{relative}: {unsafe}")
    english = english_path.read_text(encoding="utf-8-sig")
    if code == "en":
        parsed = split_page(english)
        problems = [str(problem) for problem in parsed.problems] + check_meta(parsed.meta, _shadowed(config))
        if problems:
            raise PluginError("\n".join(located(f"docs/{relative}", problem) for problem in problems))
        return english
    translated_path = ROOT / PAGES_DIR / code / relative
    label = f"{PAGES_DIR}/{code}/{relative}"
    unsafe = file_problem(translated_path, levels_of(label))
    if unsafe == "the file is missing":
        raise PluginError(f"{label}: the page is missing (it translates docs/{relative})")
    if unsafe:
        raise PluginError(f"{label}: {unsafe}")
    translated = translated_path.read_text(encoding="utf-8-sig")
    problems = page_problems(english, translated, _shadowed(config))
    if problems:
        raise PluginError("\n".join(located(label, problem) for problem in problems))
    if page_is_stale(english, translated):
        log.warning("%s: docs/%s changed after it was translated (make facts lists every one)", label, relative)
    return translated


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, **kwargs: Any) -> dict[str, Any]:
    config.extra["rg_alternates"] = alternates(config, page.url)
    return context


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    config.extra["rg_alternates"] = alternates(config, "")  # the 404 page has no page of its own
    return output
