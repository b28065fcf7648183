"""Generate one page per scam type (/scams/<id>/) from data/scams.yml.

Each generated page is a stub that calls the `scam_page` macro, so rendering stays in macros/ and
the data is loaded once, by the macros plugin.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files


def stub(scam: dict) -> str:
    # JSON strings are valid YAML, so titles with colons or quotes stay safe in front matter.
    return (
        "---\n"
        f"title: {json.dumps(scam['title'])}\n"
        f"description: {json.dumps(scam['summary'])}\n"
        "---\n\n"
        f'{{{{ scam_page("{scam["id"]}") }}}}\n'
    )


@event_priority(50)  # before other plugins snapshot the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    guide = config.plugins["macros"].variables["guide"]
    for scam in guide.scams:
        src_uri = f"scams/{scam['id']}.md"
        if files.get_file_from_path(src_uri) is not None:
            raise PluginError(f"docs/{src_uri} exists, but scam pages are generated from data/scams.yml: delete it")
        files.append(File.generated(config, src_uri, content=stub(scam)))
    return files
