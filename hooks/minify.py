"""Ship our scripts and styles minified. The sources in docs/assets/js/ and docs/assets/css/ keep
every comment and line break for the next editor; readers download only the code. rjsmin and
rcssmin are pure Python (pinned in requirements.txt), so building needs no Node. They keep strings,
template literals and regular expressions as they are. Material's own files (assets/javascripts/,
assets/stylesheets/) ship as Material minified them."""

from __future__ import annotations

from pathlib import Path

import rcssmin
import rjsmin
from mkdocs.config.defaults import MkDocsConfig

MINIFIERS = {"js": rjsmin.jsmin, "css": rcssmin.cssmin}


def minified(source: str, kind: str) -> str:
    return MINIFIERS[kind](source).strip() + "\n"


def on_post_build(*, config: MkDocsConfig) -> None:
    for kind in MINIFIERS:
        for asset in (Path(config.site_dir) / "assets" / kind).glob(f"*.{kind}"):
            asset.write_text(minified(asset.read_text(encoding="utf-8"), kind), encoding="utf-8")
