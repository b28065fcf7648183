"""Every built page is valid HTML by the W3C Nu checker (vnu.jar from npm, run with Java)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# Stock Material markup the checker rejects, as (start of the message, piece of the markup).
# Nothing of ours may be added here.
THEME_ERRORS = (
    ("Attribute “autocomplete” is only allowed when the input type is", 'type="checkbox"'),  # toggles
    ("The value of the “for” attribute of the “label” element", 'for="__toc"'),  # table of contents
)


def from_theme(message: dict) -> bool:
    return any(
        message["message"].startswith(start) and piece in message.get("extract", "") for start, piece in THEME_ERRORS
    )


def test_every_page_is_valid_html(site: Path) -> None:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail("The HTML check needs Java and node_modules/vnu-jar: run `make test` (it runs `npm ci`).")
    result = subprocess.run(
        [java, "-jar", str(VNU), "--skip-non-html", "--errors-only", "--format", "json", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout or '{"messages": []}')["messages"]
    ours = [
        f"{message.get('url', '').split(str(site))[-1]}:{message.get('lastLine')}: {message['message']}"
        for message in messages
        if not from_theme(message)
    ]
    assert ours == []
