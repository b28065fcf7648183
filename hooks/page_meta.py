"""Make each page's metadata safe for the theme, which writes it into the HTML as it is.

- The description goes into a <meta> attribute: escape it, so a quote (ours or from data) cannot
  break the tag.
- A title or subtitle from the front matter goes into <title>, the header and the nav as it is:
  escape it too.
- The title from the H1: Material writes `page.title | striptags` into <title>, and striptags turns escaped
  text (&lt;) back into markup. A title taken from the page's H1 is already escaped, so it is kept
  in page.meta.title, which the theme writes unchanged.
"""

from __future__ import annotations

from html import escape
from typing import Any

from mkdocs.plugins import event_priority


@event_priority(-100)  # after every plugin and hook that sets a description (hooks/generated_pages.py)
def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    # Front matter words (macros/page_shape.py TEXT_KEYS): the theme writes each unescaped, into
    # <title>, the header, the nav and <meta> attributes. A title from the H1 comes later (below).
    for key in ("description", "title", "subtitle"):
        value = page.meta.get(key)
        if isinstance(value, str):
            page.meta[key] = escape(value, quote=True)
    return markdown


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    if page.title and not page.is_homepage and "title" not in page.meta:
        page.meta["title"] = page.title
    return html
