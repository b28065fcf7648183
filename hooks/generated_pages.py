"""Generate the pages that come straight from data: /scams/<id>/ and /letters/<id>/.

Each generated page is a stub that calls a macro, so rendering stays in macros/ and the data is
loaded once, by the macros plugin.
"""

from __future__ import annotations

import json

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files


def stub(title: str, description: str, macro: str, entry_id: str) -> str:
    # JSON strings are valid YAML, so titles with colons or quotes stay safe in front matter.
    return (
        "---\n"
        f"title: {json.dumps(title)}\n"
        f"description: {json.dumps(description)}\n"
        "---\n\n"
        f'{{{{ {macro}("{entry_id}") }}}}\n'
    )


def add_page(files: Files, config: MkDocsConfig, src_uri: str, content: str, source: str) -> None:
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(f"docs/{src_uri} exists, but these pages are generated from {source}: delete it")
    files.append(File.generated(config, src_uri, content=content))


@event_priority(50)  # before other plugins snapshot the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    guide = config.plugins["macros"].variables["guide"]
    for scam in guide.scams:
        content = stub(scam["title"], scam["summary"], "scam_page", scam["id"])
        add_page(files, config, f"scams/{scam['id']}.md", content, "data/scams.yml")
    for letter in guide.letters:
        content = stub(letter["title"], letter["summary"], "letter_page", letter["id"])
        add_page(files, config, f"letters/{letter['id']}.md", content, "data/letters.yml")
    return files
