"""Explain the glossary's words wherever they appear: add data/glossary.yml's abbreviations to every
page, after the macros have run (so words inside generated pages are explained too)."""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority


@event_priority(-60)  # after the macros plugin renders the page
def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, **kwargs: Any) -> str:
    from macros import render  # importable once the macros plugin has loaded it

    guide = config.plugins["macros"].variables["guide"]
    return f"{markdown}\n\n{render.abbreviations(guide)}\n"
