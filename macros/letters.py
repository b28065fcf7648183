"""Letter templates: their text with placeholders, their pages, and their Word files.

A template's body holds placeholders like [order-number] (a field id). On the page and in the
blank downloads an empty placeholder shows as the field's label, e.g. [Order number].
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable, Mapping
from typing import Any

from docx import Document
from docx.oxml.ns import qn

from .data import PLACEHOLDER, Guide
from .render import WHERE_PAGE, bullet_list, deadline_cards, fill_markup, inert, md_link, script_config, step_page
from .schema import BASIS_SLOT, SUBJECT_SLOT

LETTER_PAGE = "letters/{id}.md"
LETTER_INDEX_PAGE = "letters/index.md"
DOWNLOAD = "downloads/{id}.{ext}"
# Parts of python-docx's starting document that a letter does not need (a thumbnail, legacy
# style copies, custom XML): dropped so the files stay small.
UNNEEDED_PARTS = ("thumbnail", "stylesWithEffects", "customXml", "webSettings")
# A letter uses only plain paragraphs: keep the default styles, drop the hundreds of others.
KEPT_STYLES = {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}


def letter_page(letter_id: str) -> str:
    return LETTER_PAGE.format(id=letter_id)


def download_path(letter_id: str, ext: str) -> str:
    return DOWNLOAD.format(id=letter_id, ext=ext)


# --- text --------------------------------------------------------------------------------------


def versions(guide: Guide, letter: Mapping[str, Any]) -> list[dict[str, str]]:
    """What goes with the body, each under its label: on a translated page, the English letter beside
    a letter to the seller or AliExpress (`language: reader-and-english`); the seller's Chinese."""
    out = []
    if guide.language != "en" and letter["language"] == "reader-and-english":
        english = next(entry for entry in guide.english_letters if entry["id"] == letter["id"])
        out.append(
            {
                "language": "en",
                "label": guide.strings["letters.english_version"],
                "body": english["body"],
                "locale": guide.english_date_locale,
            }
        )
    if letter["translation"]:
        translation = letter["translation"]
        # Its dates read the way its own language writes them (2026年3月20日), not the page's.
        out.append({**translation, "locale": translation["language"]})
    return out


def body_language(guide: Guide, letter: Mapping[str, Any]) -> str:
    """The language the letter's body is written in: a letter with `language: english` stays English."""
    return "en" if letter["language"] == "english" else guide.language


def body_locale(guide: Guide, letter: Mapping[str, Any]) -> str:
    """How dates read in the body: a letter kept in English writes them the English way."""
    return (
        guide.english_date_locale if body_language(guide, letter) != guide.language else guide.strings["js.date_locale"]
    )


# --- country texts (`by_country`) ------------------------------------------------------------


def slot_texts(letter: Mapping[str, Any], entry: Mapping[str, Any] | None = None) -> dict[str, str]:
    """What fills the letter's country slots: a country's texts, else the letter's own subject and
    no paragraph."""
    entry = entry or {}
    return {
        SUBJECT_SLOT: entry.get("subject") or letter["subject"] or "",
        BASIS_SLOT: entry.get("paragraph") or "",
    }


def expand(body: str, slots: Mapping[str, str]) -> str:
    """The body with its country slots filled; with no paragraph, its line and the blank line after
    it go, so no country reads an empty paragraph. Same rule as expand() in letter-text.js."""
    if not slots.get(BASIS_SLOT):
        body = body.replace(f"\n[{BASIS_SLOT}]\n\n", "\n")
    return PLACEHOLDER.sub(lambda match: slots.get(match.group(1), match.group()), body)


def country_slots(guide: Guide, letter: Mapping[str, Any]) -> dict[str, dict[str, str]]:
    """For the letters script: each country's slot texts, by the country id the store keeps
    (`report`), with an area's entry given to every country in it; the first entry that holds wins."""
    areas = {area["id"]: area["regions"] for area in guide.areas}
    out: dict[str, dict[str, str]] = {}
    for entry in letter["by_country"]:
        for place in entry["where"]:
            for country in areas.get(place, [place]):
                out.setdefault(country, slot_texts(letter, entry))
    return out


def place_name(guide: Guide, place: str) -> str:
    """A country's or an area's name, as Where to report names it (an area named after its id otherwise)."""
    return next((region["name"] for region in guide.regions if region["id"] == place), place)


def default_body(letter: Mapping[str, Any]) -> str:
    """The body as it reads before a country is known (the page without script, the blank files)."""
    return expand(letter["body"], slot_texts(letter))


def full_template(guide: Guide, letter: Mapping[str, Any], body: str | None = None) -> str:
    """The whole text: the body (the default one unless given), then each other version under its label."""
    text = (default_body(letter) if body is None else body).rstrip("\n")
    for version in versions(guide, letter):
        text += f"\n\n{version['label']}\n\n{version['body'].rstrip()}"
    return text + "\n"


def fill(template: str, value_for: Callable[[str], str]) -> str:
    return PLACEHOLDER.sub(lambda match: value_for(match.group(1)), template)


def bracketed_label(guide: Guide) -> Callable[[str], str]:
    """How an empty placeholder reads: its field's label in brackets, e.g. [Order number]."""
    return lambda field_id: f"[{guide.letter_field(field_id)['label']}]"


def blank_text(guide: Guide, letter: Mapping[str, Any]) -> str:
    """The letter with every placeholder shown as its label in brackets."""
    return fill(full_template(guide, letter), bracketed_label(guide))


# --- Word files --------------------------------------------------------------------------------


def docx_bytes(
    guide: Guide, letter: Mapping[str, Any], value_for: Callable[[str], str], body: str | None = None
) -> bytes:
    """A .docx of the letter: one paragraph per line, every placeholder in a run of its own."""
    document = Document()
    for line in full_template(guide, letter, body).rstrip("\n").split("\n"):
        paragraph = document.add_paragraph()
        position = 0
        for match in PLACEHOLDER.finditer(line):
            if match.start() > position:
                paragraph.add_run(line[position : match.start()])
            paragraph.add_run(value_for(match.group(1)))
            position = match.end()
        if position < len(line):
            paragraph.add_run(line[position:])
    properties = document.core_properties
    properties.title = letter["title"]
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    drop_unneeded_parts(document)
    drop_unused_styles(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def drop_unneeded_parts(document: Any) -> None:
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id, rel in list(rels.items()):
            if any(name in rel.reltype or name in str(rel.target_ref) for name in UNNEEDED_PARTS):
                del rels[rel_id]


def drop_unused_styles(document: Any) -> None:
    styles = document.styles.element
    for element in list(styles):
        tag = element.tag.rsplit("}", 1)[-1]
        style_id = element.get(qn("w:styleId"))
        if tag == "latentStyles" or (tag == "style" and style_id not in KEPT_STYLES):
            styles.remove(element)


def blank_docx(guide: Guide, letter: Mapping[str, Any]) -> bytes:
    return docx_bytes(guide, letter, bracketed_label(guide))


def template_docx(guide: Guide, letter: Mapping[str, Any]) -> bytes:
    """The .docx the browser fills in: placeholders, and the country slots, stay as [field-id] runs."""
    return docx_bytes(guide, letter, lambda field_id: f"[{field_id}]", letter["body"])


def docx_parts_json(docx: bytes) -> str:
    """The parts of a .docx as JSON text, so the browser can re-pack them without inflating."""
    with zipfile.ZipFile(io.BytesIO(docx)) as archive:
        parts = {name: archive.read(name).decode("utf-8") for name in archive.namelist()}
    return json.dumps(parts, ensure_ascii=False, separators=(",", ":"))


# --- pages -------------------------------------------------------------------------------------


def choice_control(field: Mapping[str, Any], reasons: list[Mapping[str, Any]], strings: Mapping[str, str]) -> str:
    """A choice field: one radio button per reason of this letter, then the reader's own words.

    The chosen reason is saved by its id (per letter), so the letter reads it in any language.
    """
    field_id = inert(field["id"])
    control_id = f"field-{field_id}"
    options = [(inert(reason["id"]), inert(reason["label"])) for reason in reasons]
    options.append(("other", inert(strings["letters.reason_other"])))
    radios = "\n".join(
        f'<label class="rg-choice__option"><input type="radio" name="{field_id}-choice" value="{value}" '
        f'data-choice="{field_id}"> {label}</label>'
        for value, label in options
    )
    help_text = (
        f'<span class="rg-field__help" id="{control_id}-help">{inert(field["help"])}</span>' if field["help"] else ""
    )
    described = f' aria-describedby="{control_id}-help"' if field["help"] else ""
    return (
        f'<fieldset class="rg-field rg-choice"{described}><legend>{inert(field["label"])}</legend>\n{help_text}\n'
        f"{radios}\n"
        f'<label for="{control_id}">{inert(strings["letters.reason_own"])}</label>\n'
        f'<input type="text" autocomplete="off" id="{control_id}" name="{field_id}" data-field="{field_id}">\n'
        "</fieldset>"
    )


def field_control(field: Mapping[str, Any], strings: Mapping[str, str]) -> str:
    field_id = inert(field["id"])
    control_id = f"field-{field_id}"
    described = [f"{control_id}-example"]
    notes = [
        f'<span class="rg-field__help" id="{control_id}-example">'
        f"{fill_markup(strings['letters.example'], example=inert(field['example']))}</span>"
    ]
    if field["help"]:
        described.insert(0, f"{control_id}-help")
        notes.insert(0, f'<span class="rg-field__help" id="{control_id}-help">{inert(field["help"])}</span>')
    common = f'id="{control_id}" name="{field_id}" data-field="{field_id}" aria-describedby="{" ".join(described)}"'
    autofill = f'autocomplete="{field["autocomplete"] or "off"}"'
    if field["kind"] == "multiline":
        control = f'<textarea {common} {autofill} rows="4"></textarea>'
    elif field["kind"] == "date":
        control = f'<input type="date" {common}>'
    elif field["kind"] == "email":
        control = f'<input type="email" {autofill} {common}>'
    elif field["kind"] == "last-four":  # a number pad on phones; never more than four digits
        control = f'<input type="text" inputmode="numeric" pattern="[0-9]{{4}}" maxlength="4" {autofill} {common}>'
    else:  # text and money: money keeps a full keyboard, so people can type the currency
        control = f'<input type="text" {autofill} {common}>'
    required = (
        f' <span class="rg-field__required">{inert(strings["letters.required"])}</span>' if field["required"] else ""
    )
    return (
        f'<div class="rg-field"><label for="{control_id}">{inert(field["label"])}{required}</label>\n'
        f"{control}\n{''.join(notes)}</div>"
    )


def letter_config(guide: Guide, letter: Mapping[str, Any]) -> str:
    """What the letters script needs: the templates, the fields and its strings."""
    fields = [guide.letter_field(field_id) for field_id in letter["fields"]]
    reasons = {reason["id"]: reason["text"] for reason in letter["reasons"]}
    # For a letter opened from a problem page (?type=): the first reason that names the problem.
    fits: dict[str, str] = {}
    for reason in letter["reasons"]:
        for scam_id in reason["scams"]:
            fits.setdefault(scam_id, reason["id"])
    config = {
        "id": letter["id"],
        "title": letter["title"],
        "body": letter["body"],
        # The country slots: the default texts, and each country's (the reader's country picks).
        "slots": {"default": slot_texts(letter), "countries": country_slots(guide, letter)},
        "locale": body_locale(guide, letter),
        "versions": versions(guide, letter),
        "fields": {
            field["id"]: {"label": field["label"], "kind": field["kind"]}
            | ({"reasons": reasons, "fits": fits} if field["kind"] == "choice" else {})
            for field in fields
        },
        "docx": download_path(letter["id"], "docx.json"),
        "strings": {key[3:]: value for key, value in guide.strings.items() if key.startswith("js.letters_")}
        | {"date_locale": guide.strings["js.date_locale"], "print_date": guide.strings["js.print_date"]}
        | {key[3:]: value for key, value in guide.strings.items() if key.startswith("js.diary_")},
    }
    return script_config("rg-letter-config", config)


def marked_blanks(guide: Guide, template: str) -> str:
    """Template text as HTML, each placeholder shown as its [Label] and marked so it stands out."""
    parts = []
    position = 0
    for match in PLACEHOLDER.finditer(template):
        label = guide.letter_field(match.group(1))["label"]
        before = inert(template[position : match.start()], keep_lines=True)
        parts.append(f'{before}<mark class="rg-blank">[{inert(label)}]</mark>')
        position = match.end()
    return "".join(parts) + inert(template[position:], keep_lines=True)


def preview_html(guide: Guide, letter: Mapping[str, Any]) -> str:
    """The letter as readable text before any script runs; each other version gets its own block and lang."""
    own = body_language(guide, letter)
    lang = f' lang="{inert(own)}"' if own != guide.language else ""
    body = marked_blanks(guide, default_body(letter))
    blocks = [f'<div class="rg-letter__text" data-rg-preview="body"{lang}>{body}</div>']
    for position, version in enumerate(versions(guide, letter)):
        blocks.append(
            f'<p class="rg-letter__label">{inert(version["label"])}</p>\n'
            f'<div class="rg-letter__text" data-rg-preview="version-{position}" lang="{inert(version["language"])}">'
            f"{marked_blanks(guide, version['body'])}</div>"
        )
    return "\n".join(blocks)


ACTIONS = (
    ("copy", "letters.copy"),
    ("txt", "letters.download_txt"),
    ("docx", "letters.download_docx"),
    ("print", "letters.print"),
    ("forget", "letters.forget"),
)


def action_buttons(text: Mapping[str, str]) -> str:
    """The letter's buttons; hidden until the script runs, since none works without it."""
    buttons = "\n".join(
        f'<button type="button" class="md-button{" md-button--primary" if action == "copy" else ""}" '
        f'data-rg-action="{action}">{text[key]}</button>'
        # The copy confirmation's polite region sits beside its button (#22), empty until then.
        + ('<span class="rg-said" role="status" data-rg-said></span>' if action == "copy" else "")
        for action, key in ACTIONS
    )
    return f'<p class="rg-toolbar rg-letter__actions" hidden>\n{buttons}\n</p>'


def letter_page_markdown(guide: Guide, letter_id: str, locale: str) -> str:
    letter = guide.letter(letter_id)
    strings = guide.strings
    page = letter_page(letter_id)
    text = {key: inert(value) for key, value in strings.items()}
    fields = [guide.letter_field(field_id) for field_id in letter["fields"]]
    txt_link = md_link(strings["letters.blank_txt"], page, download_path(letter_id, "txt"))
    docx_link = md_link(strings["letters.blank_docx"], page, download_path(letter_id, "docx"))
    parts = [
        f"# {inert(letter['title'])}",
        inert(letter["summary"]),
        f'!!! info ""\n\n    {text["letters.privacy_note"]}',
        f"## {text['letters.when']}",
        inert(letter["when"]),
    ]
    if letter["by_country"]:  # the countries whose texts it can add, and where the reader picks theirs
        parts += [
            fill_markup(strings["letters.by_country"], where=md_link(strings["letters.where_link"], page, WHERE_PAGE)),
            bullet_list(inert(place_name(guide, place)) for entry in letter["by_country"] for place in entry["where"]),
        ]
    if letter["reasons"]:
        parts += [
            f"### {text['letters.reasons']}",
            bullet_list(inert(reason["label"]) for reason in letter["reasons"]),
        ]
    parts += [
        f"## {text['letters.recipient']}",
        inert(letter["recipient"]),
    ]
    if "report" in letter["steps"]:  # a report goes to a body listed on the Where to report page
        parts.append(md_link(strings["where.page_link"], page, WHERE_PAGE))
    if letter["deadlines"]:
        chosen = [guide.deadline(deadline_id) for deadline_id in letter["deadlines"]]
        parts += [f"## {text['letters.deadlines']}", deadline_cards(chosen, strings, locale)]
    form = "\n".join(
        choice_control(field, letter["reasons"], strings)
        if field["kind"] == "choice"
        else field_control(field, strings)
        for field in fields
    )
    parts += [
        # The form and the letter side by side on a wide screen (see extra.css). The form works
        # only with the script, so its whole section stays hidden until then.
        '<div class="rg-letter-layout" markdown>',
        f'<div class="rg-letter-form" hidden markdown>\n\n## {text["letters.form"]} {{ #form }}\n\n'
        f"<p>{text['letters.form_intro']}</p>\n<form data-rg-form>\n{form}\n</form>\n"
        f'<p class="rg-note" data-rg-note hidden></p>\n\n</div>',
        '<div class="rg-letter-preview" markdown>',
        f"## {text['letters.preview']} {{ #letter }}",
        f'<p class="rg-letter__legal">{text["letters.legal_note"]}</p>',
        f'<div class="rg-letter" data-letter="{inert(letter_id)}">\n'
        f'<p class="rg-letter__count" data-rg-count aria-live="polite" hidden></p>\n'
        f"{preview_html(guide, letter)}\n"
        f"{action_buttons(text)}\n"
        f'<p class="rg-status" role="status" data-rg-status></p>\n'
        f"{letter_config(guide, letter)}\n</div>",
        "</div>\n\n</div>",
        fill_markup(strings["letters.blank"], txt=txt_link, docx=docx_link),
        f"## {text['letters.next']}",
        fill_markup(
            strings["letters.next_text"],
            step=md_link(guide.step(letter["steps"][0])["title"], page, step_page(letter["steps"][0])),
        ),
        md_link(strings["letters.all"], page, LETTER_INDEX_PAGE),
    ]
    return "\n\n".join(parts) + "\n"


def letter_index(guide: Guide, page: str) -> str:
    return bullet_list(
        f"**{md_link(letter['title'], page, letter_page(letter['id']))}**: {inert(letter['summary'])}"
        for letter in guide.letters
    )


def letters_for(guide: Guide, page: str, *, step_id: str | None = None, scam_id: str | None = None) -> str:
    """A bullet list of the letters that name this step or scam type. From a problem page, each
    link opens the letter for that problem (`?type=`), so it offers the problem's reasons first."""
    query = f"?type={scam_id}" if scam_id else ""
    return bullet_list(
        f"{md_link(letter['title'], page, letter_page(letter['id']) + query)}: {inert(letter['summary'])}"
        for letter in guide.letters
        if (step_id and step_id in letter["steps"]) or (scam_id and scam_id in letter["scams"])
    )
