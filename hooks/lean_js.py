"""Ship our scripts without their whole-line comments. The sources in docs/assets/js/ keep every
comment for the next editor; readers download only the code. Only lines that hold nothing but a
`//` comment go (never a comment after code, so a `//` inside a string or a URL is safe). Our
scripts have no multi-line template strings, where such a line could be text."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

COMMENT_LINE = re.compile(r"^[ \t]*//[^\n]*\n", re.MULTILINE)


def lean(source: str) -> str:
    return COMMENT_LINE.sub("", source)


def on_post_build(*, config: MkDocsConfig) -> None:
    for script in (Path(config.site_dir) / "assets" / "js").glob("*.js"):
        script.write_text(lean(script.read_text(encoding="utf-8")), encoding="utf-8")
