"""Give Material's search dialog an accessible name.

Material writes its search box as `<div class="md-search" role="dialog">` with no name, so screen
readers announce an unnamed dialog (Lighthouse: aria-dialog-name). The name comes from
data/strings.yml (`search.dialog`), so it is translated with the rest of the guide. Every page and
the 404 page get it; if Material's markup ever changes, the build fails here instead of shipping
an unnamed dialog.
"""

from __future__ import annotations

from html import escape
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'


def named(output: str, label: str, where: str) -> str:
    """The page with the search dialog named `label` (escaped for an attribute)."""
    if output.count(DIALOG) != 1:
        raise PluginError(f"hooks/search_dialog.py: {where}: Material's search dialog markup was not found once")
    return output.replace(DIALOG, DIALOG[:-1] + f' aria-label="{escape(label, quote=True)}">')


def label(config: MkDocsConfig) -> str:
    return config.plugins["macros"].variables["guide"].strings["search.dialog"]


def on_post_page(output: str, page: Any, config: MkDocsConfig, **kwargs: Any) -> str:
    return named(output, label(config), page.file.src_uri)


def on_post_template(output_content: str, template_name: str, config: MkDocsConfig, **kwargs: Any) -> str:
    if template_name != "404.html":
        return output_content
    return named(output_content, label(config), template_name)
