"""Mark stand-alone links in the content: a link that is the whole of its list item, table cell or
paragraph (lists of links, the agency and source tables, the kit's rows). extra.css gives them 44 px
of tap height on phones; a link inside a sentence stays as it is, so lines of text keep their rhythm."""

from __future__ import annotations

import re
from typing import Any

# <li>, <td> or <p> holding one <a> without a class of its own (buttons have theirs) and nothing else.
SOLO_LINK = re.compile(r"(<(li|td|p)\b[^>]*>\s*<a )(?![^>]*\bclass=)([^>]*>(?:(?!</a>|<a\b).)*</a>\s*</\2>)", re.S)


def mark(html: str) -> str:
    return SOLO_LINK.sub(r'\1class="rg-solo-link" \3', html)


def on_page_content(html: str, **kwargs: Any) -> str:
    return mark(html)
