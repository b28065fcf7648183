"""Generate the pages that come straight from data: /scams/<id>/, /letters/<id>/ and the client
handouts at /for-lawyers/handout/<id>/.

Each generated page is a stub that calls a macro, so rendering stays in macros/ and the data is
loaded once, by the macros plugin. The stub carries no text from data: the macros plugin renders
front matter as a template, so a title there could run as code. The page title comes from the H1
the macro writes (inert text), and the description is set after the macros have run.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

# src_uri of each generated page -> its description (plain text from data)
DESCRIPTIONS: dict[str, str] = {}


def stub(macro: str, entry_id: str) -> str:
    # entry_id is a validated id (lowercase letters, digits and hyphens), never free text.
    return f'{{{{ {macro}("{entry_id}") }}}}\n'


def add_page(files: Files, config: MkDocsConfig, src_uri: str, content: str, source: str) -> None:
    if files.get_file_from_path(src_uri) is not None:
        raise PluginError(f"docs/{src_uri} exists, but these pages are generated from {source}: delete it")
    files.append(File.generated(config, src_uri, content=content))


@event_priority(50)  # before other plugins snapshot the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from macros.firm_kit import HANDOUT_DIR, handout_description, handout_stub  # loaded by the macros plugin

    guide = config.plugins["macros"].variables["guide"]
    DESCRIPTIONS.clear()
    for kind, entries, macro, source in (
        ("scams", guide.scams, "scam_page", "data/scams.yml"),
        ("letters", guide.letters, "letter_page", "data/letters.yml"),
    ):
        for entry in entries:
            src_uri = f"{kind}/{entry['id']}.md"
            add_page(files, config, src_uri, stub(macro, entry["id"]), source)
            DESCRIPTIONS[src_uri] = entry["summary"]
    # One printable client handout per problem type (macros/firm_kit.py): /for-lawyers/handout/<id>/
    for scam in guide.scams:
        src_uri = f"{HANDOUT_DIR}/{scam['id']}.md"
        add_page(files, config, src_uri, handout_stub(scam["id"]), "data/scams.yml")
        DESCRIPTIONS[src_uri] = handout_description(guide, scam["id"])
    return files


@event_priority(-50)  # after the macros plugin has rendered the page; hooks/page_meta.py escapes it
def on_page_markdown(markdown: str, page: Any, **kwargs: Any) -> str:
    if page.file.src_uri in DESCRIPTIONS:
        page.meta["description"] = DESCRIPTIONS[page.file.src_uri]
    if page.file.src_uri.startswith("scams/") and page.file.src_uri != "scams/index.md":
        # The first limit follows the reader's situation (#22; docs/assets/js/binding-limit.js).
        page.meta["scripts"] = ["binding-limit"]
    return markdown
