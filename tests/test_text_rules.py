"""Clear errors naming file, entry and field for the characters and forms the December 2026 review
found unclear (T10/Y12 noncharacters, T20 locale, T30/T31/T35 `$` patterns, F12 mailto
parameters, T23/F11 direction controls and invisible characters, T33 download names), and the
runtime side in Chromium: the locale rule agrees with the browser's Intl, and the case .docx keeps
a well-formed title whatever its text."""

from __future__ import annotations

import io
import json
import shutil
import zipfile
from pathlib import Path
from typing import Any
from urllib.parse import urlparse
from xml.dom import minidom

import pytest
import yaml
from conftest import ROOT

from macros.data import load_guide
from macros.schema import DataError
from macros.text_rules import LOCALE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def edit(project: Path, name: str, change: Any) -> None:
    path = project / "data" / name
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


def refused(project: Path, language: str = "en") -> str:
    with pytest.raises(DataError) as raised:
        load_guide(project / "data", language=language)
    return str(raised.value)


def set_first_letter_body(content: dict[str, Any], text: str) -> None:
    content["letters"][0]["body"] += text


@pytest.mark.parametrize("character", ["\ufffe", "\uffff", "\ufdd0", "\U0001fffe"])
def test_a_noncharacter_in_a_letter_names_file_entry_and_field(project: Path, character: str) -> None:  # Y12
    edit(project, "letters.yml", lambda content: set_first_letter_body(content, f"Thanks. {character}"))
    message = refused(project)
    assert message.startswith("data/letters.yml: entry 'seller-message': field 'body': contains the noncharacter U+")
    assert "would break the .docx letters" in message


def test_a_noncharacter_in_a_translated_letter_names_the_translation(project: Path) -> None:  # T10
    def change(content: dict[str, Any]) -> None:
        content["letters"]["seller-message"]["body"] += "Gracias. \ufffe"

    edit(project, "i18n/es/letters.yml", change)
    assert refused(project, "es").startswith(
        "data/i18n/es/letters.yml: entry 'seller-message': field 'body': contains the noncharacter U+FFFE"
    )


@pytest.mark.parametrize("locale", ["es_ES<x>", "es_ES", "", "español", "es-", "-es", "es--ES"])
def test_a_bad_date_locale_names_the_translation(project: Path, locale: str) -> None:  # T20
    edit(project, "i18n/es/strings.yml", lambda content: content["js.date_locale"].update(text=locale or " "))
    message = refused(project, "es")
    assert message.startswith("data/i18n/es/strings.yml: entry 'js.date_locale': field 'text': ")


@pytest.mark.parametrize("text", ["Resumen $` $` del caso", "Resumen $' $&", "Resumen $1", "Resumen $$", "Re $<a>"])
def test_dollar_replacement_patterns_are_refused(project: Path, text: str) -> None:  # T30, T31, T35
    edit(project, "i18n/es/strings.yml", lambda content: content["case.summary"].update(text=text))
    message = refused(project, "es")
    assert message.startswith("data/i18n/es/strings.yml: entry 'case.summary': field 'text': contains '$")


def test_a_plain_dollar_amount_is_fine(project: Path) -> None:
    edit(project, "i18n/es/strings.yml", lambda content: content["case.summary"].update(text="Resumen de US$ 50"))
    load_guide(project / "data", language="es")


@pytest.mark.parametrize(
    ("key", "name"),
    [
        ("js.case_txt_name", "resumen.html"),
        ("js.deadlines_ics_name", "../../evil.ics"),
        ("js.case_docx_name", ".docx"),
        ("js.file_name", "lista/tareas.json"),
        ("js.case_backup_name", "copia..json"),
    ],
)
def test_hostile_download_names_are_refused(project: Path, key: str, name: str) -> None:  # T33
    edit(project, "i18n/es/strings.yml", lambda content: content[key].update(text=name))
    assert refused(project, "es").startswith(f"data/i18n/es/strings.yml: entry '{key}': field 'text': must be a file")


def test_a_translated_download_name_is_fine(project: Path) -> None:
    edit(
        project, "i18n/es/strings.yml", lambda content: content["js.case_txt_name"].update(text="resumen-del-caso.txt")
    )
    load_guide(project / "data", language="es")


@pytest.mark.parametrize(
    "email",
    [
        "help@evil.example?cc=thief%40evil.example&body=Send%20your%20card%20CVV&x=.co",  # F12
        "help@firm.example&body=x.co",
        "help%40x@firm.example",
        "a/b@firm.example",
    ],
)
def test_an_email_carrying_mailto_parameters_is_refused(project: Path, email: str) -> None:
    edit(project, "firm.yml", lambda content: content["contact"].update(email=email))
    assert refused(project).startswith("data/firm.yml: entry '(top level)': field 'contact.email': must be an e-mail")


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("name", "Landing \u202eyaw\u202c Law", "contains the direction control U+202E"),  # F11
        ("name", "Firm\u200b Law", "contains the invisible character U+200B"),
        ("address", "1 Main\u2066 St\u2069", "contains the direction control U+2066"),
        ("address", "1 Main\u200d St", "contains the invisible character U+200D"),
    ],
)
def test_direction_and_invisible_characters_in_names_and_addresses(
    project: Path, field: str, value: str, expected: str
) -> None:
    def change(content: dict[str, Any]) -> None:
        (content if field == "name" else content["contact"])[field] = value

    edit(project, "firm.yml", change)
    shown = field if field == "name" else f"contact.{field}"
    assert refused(project).startswith(f"data/firm.yml: entry '(top level)': field '{shown}': {expected}")


def test_a_direction_control_in_a_translated_title_is_refused(project: Path) -> None:  # T23
    def change(content: dict[str, Any]) -> None:
        content["groups"]["delivery"]["title"] = "Entrega \u202egol.exe"

    edit(project, "i18n/es/scams.yml", change)
    assert "field 'title': contains the direction control U+202E" in refused(project, "es")


def test_an_invisible_character_in_a_url_is_refused(project: Path) -> None:
    edit(project, "firm.yml", lambda content: content["contact"].update(website="https://firm\u200b.example/"))
    assert "field 'contact.website': contains the invisible character U+200B" in refused(project)


# --- Chromium: the runtime side --------------------------------------------------------------------

LOCALES = [
    "en-GB", "es", "es-419", "pt-BR", "zh-Hant-TW", "de-DE-u-co-phonebk", "en-US-x-private", "sl-rozaj-biske",
    "es_ES", "es_ES<x>", "es-", "", "e", "es--ES", "toolonglanguage", "en-GB-u", "x-private", "123", "es-ES-",
]  # fmt: skip


def test_the_locale_rule_agrees_with_the_browsers_intl(browser: Any) -> None:
    page = browser.new_page()
    accepted = page.evaluate(
        """(tags) => tags.map((tag) => {
             try { new Intl.DateTimeFormat(tag); return tag !== ""; } catch (error) { return false; }
           })""",
        LOCALES,
    )
    page.close()
    assert {tag: bool(LOCALE.match(tag)) for tag in LOCALES} == dict(zip(LOCALES, accepted, strict=True))


CORE = (
    "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<cp:coreProperties "
    'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Letter</dc:title></cp:coreProperties>'
)
DOCUMENT = (
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p/>'
    "<w:sectPr/></w:body></w:document>"
)


def test_the_case_docx_title_stays_well_formed_with_dollar_patterns(browser: Any) -> None:  # T35 at runtime
    page = browser.new_page()

    def serve(route: Any) -> None:
        path = urlparse(route.request.url).path
        if path == "/package.json":
            route.fulfill(body=json.dumps({"docProps/core.xml": CORE, "word/document.xml": DOCUMENT}))
        elif path.startswith("/assets/js/"):
            route.fulfill(path=str(ROOT / "docs" / path.lstrip("/")), content_type="text/javascript")
        else:
            route.fulfill(body="<!doctype html><title>t</title>", content_type="text/html")

    page.route("http://rg.test/**", serve)
    page.goto("http://rg.test/")
    title = "Resumen $` $' $& $1 del caso"
    data = page.evaluate(
        """async (title) => {
             const tools = await import("/assets/js/case-tools.js");
             const blob = await tools.docx(title, [title], new URL("/package.json", location.href));
             return Array.from(new Uint8Array(await blob.arrayBuffer()));
           }""",
        title,
    )
    page.close()
    core = zipfile.ZipFile(io.BytesIO(bytes(data))).read("docProps/core.xml").decode("utf-8")
    parsed = minidom.parseString(core)  # well-formed, or this raises
    assert parsed.getElementsByTagName("dc:title")[0].firstChild.data == title  # type: ignore[union-attr]
