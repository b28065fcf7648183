"""Draw the QR codes of the firm's kit (/for-lawyers/ and the handouts) at build time, as SVG
files under assets/qr/, from `site_url`: the address a printed code will open for ever. No network.
Besides each type's codes, one per type and way of paying that changes its plan
(checklist-<type>--<method>.svg, macros/firm_kit.py qr_files)."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files


@event_priority(50)  # with the generated pages, before other plugins snapshot the file list
def on_files(files: Files, config: MkDocsConfig) -> Files:
    from macros.firm_kit import QR_DIR, qr_files, qr_svg  # importable once the macros plugin has loaded it

    guide = config.plugins["macros"].variables["guide"]
    site_url = config.site_url or "/"
    for name, path in qr_files(guide).items():
        files.append(File.generated(config, f"{QR_DIR}/{name}.svg", content=qr_svg(site_url + path)))
    return files
