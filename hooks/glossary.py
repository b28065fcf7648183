"""Explain the glossary's words where they appear: add data/glossary.yml's abbreviations to every
page after the macros have run (so generated pages get them too), then keep the explanation on the
first use of each word on the page only, and never inside a heading: a page full of dotted
underlines is harder to read, not easier. Each word kept is a tab stop, so a keyboard reader reaches
its meaning too (docs/assets/js/glossary-tip.js shows it on focus); not inside a link or another
control, which is a stop already, nor on a handout, which is for paper and loads no tooltip."""

from __future__ import annotations

import re
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

# The abbr extension writes exactly this markup; our words are letters only (data schema).
ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')
HEADING = re.compile(r"<h([1-6])\b.*?</h\1>", re.S)


@event_priority(-60)  # after the macros plugin renders the page
def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, **kwargs: Any) -> str:
    from macros import render  # importable once the macros plugin has loaded it

    guide = config.plugins["macros"].variables["guide"]
    return f"{markdown}\n\n{render.abbreviations(guide)}\n"


CONTROLS = ("a", "button", "summary", "label")
HANDOUTS = "for-lawyers/handout/"


def inside_control(html: str, at: int) -> bool:
    """Whether position `at` is inside an open <a>, <button>, <summary> or <label>."""
    for tag in CONTROLS:
        opened = max(html.rfind(f"<{tag} ", 0, at), html.rfind(f"<{tag}>", 0, at))
        if opened > html.rfind(f"</{tag}>", 0, at):
            return True
    return False


def on_page_content(html: str, page: Any, **kwargs: Any) -> str:
    html = HEADING.sub(lambda heading: ABBR.sub(r"\2", heading.group(0)), html)
    explained: set[str] = set()
    stops = not page.file.src_uri.startswith(HANDOUTS)

    def first_use_only(match: re.Match[str]) -> str:
        if match.group(1) in explained:
            return match.group(2)
        explained.add(match.group(1))
        if not stops or inside_control(html, match.start()):
            return match.group(0)
        return f'<abbr title="{match.group(1)}" tabindex="0">{match.group(2)}</abbr>'

    return ABBR.sub(first_use_only, html)
