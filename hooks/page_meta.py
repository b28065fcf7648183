"""Escape each page's description for its <meta> tag: the theme puts it into an HTML attribute
as it is, so a quote in a description (ours or generated from data) would break the tag."""

from __future__ import annotations

from html import escape
from typing import Any


def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    description = page.meta.get("description")
    if isinstance(description, str):
        page.meta["description"] = escape(description, quote=True)
    return markdown
