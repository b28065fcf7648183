"""Build each letter's downloads from data/letters.yml: the blank .txt and .docx (which work
without JavaScript), and the .docx parts as JSON for the browser to fill in and re-pack.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files


@event_priority(50)  # before other plugins snapshot the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from macros import letters  # importable once the macros plugin has loaded it

    guide = config.plugins["macros"].variables["guide"]
    for letter in guide.letters:
        outputs = {
            "txt": letters.blank_text(guide, letter).encode("utf-8"),
            "docx": letters.blank_docx(guide, letter),
            "docx.json": letters.docx_parts_json(letters.template_docx(guide, letter)).encode("utf-8"),
        }
        for ext, content in outputs.items():
            files.append(File.generated(config, letters.download_path(letter["id"], ext), content=content))
    return files
