"""One storage scope for the whole site, in every language.

Material keeps its own keys (the palette choice and a few more) under "<scope>.<name>", and its scope
defaults to each page's base_url: the site root for English, "/es/" for Spanish... So a colour scheme
chosen in one language was lost in the next, and "clear everything" on one language left the others'
keys. Here the scope is the site's root path (the English root, computed from site_url, so a deploy
under a sub-path such as https://example.org/guide/ gets "/guide/") for every language: Material's
inline scope script is then the same on every page.

overrides/partials/storage-guard.html reads `extra.rg_storage` (this language's root, the other
languages' old scopes, the palette options) to move the old per-language keys in and to repair
Material's keys before the theme reads them.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


def root_path(url: str) -> str:
    """The path of an address, ending in "/": "https://example.org/guide" -> "/guide/"."""
    path = urlsplit(url).path or "/"
    return path if path.endswith("/") else f"{path}/"


def palette_options(palette: Any) -> list[dict[str, str]]:
    """Material's palette options as its toggle stores them (the input's data-md-color-* values)."""
    options = [palette] if isinstance(palette, dict) else list(palette or [])
    return [
        {
            "media": str(option.get("media") or ""),
            "scheme": str(option.get("scheme") or "default").replace(" ", "-"),
            "primary": str(option.get("primary") or "indigo").replace(" ", "-"),
            "accent": str(option.get("accent") or "indigo").replace(" ", "-"),
        }
        for option in options
    ]


def storage_settings(root_url: str, site_url: str, prefixes: list[str], palette: Any) -> dict[str, Any]:
    scope = root_path(root_url)
    return {
        "root": root_path(site_url),  # this language's root, for addresses relative to it
        "old": [f"{scope}{prefix}" for prefix in prefixes if prefix],  # the scopes before one scope
        "palette": palette_options(palette),
    }


@event_priority(90)  # after hooks/languages.py (100) has found the site's root
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    site_url = config.site_url or "/"
    root_url = config.extra.get("rg_root_url") or site_url
    prefixes = [language["prefix"] for language in config.extra.get("rg_languages") or []]
    config.extra["scope"] = root_path(root_url)
    config.extra["rg_storage"] = storage_settings(root_url, site_url, prefixes, config.theme.get("palette"))
    return config
