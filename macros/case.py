"""The case file at /case/ (#12): the facts (the same values the letters and the deadline calculator
use), reference numbers, a diary, and a one-page summary. Without JavaScript the page shows the
blank summary, to print and fill in by hand."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .data import Guide
from .letters import download_path
from .render import MARGINS, STAGE_KEYS, calculator_routes, fill_markup, inert, script_config, type_options
from .situation import NOT_LISTED, STAGES, countries, plan_data

# Raw HTML links are not rewritten by MkDocs: written as the built page sees them from /case/.
PRIVACY_LINK = "../privacy/#clear"
CHECKLIST_LINK = "../checklist/"
# The summary's .docx reuses a letter's package (styles, fonts) with its own body.
DOCX_FROM = "seller-message"

# Each value the page shows: (store part, key, where its label comes from). A key in `details` is a
# letter field id, so the letters pre-fill it; `deadlines` keys are the calculator's (store.js keeps
# the dates both ask for once, under the letters' ids).
# Who the case is about (#22): the letters' own fields, so the reader types a name once. Never a
# card number, security code, PIN or password.
WHO = (
    ("details", "full-name", "field"),
    ("details", "email-address", "field"),
)
FACTS = (
    ("details", "order-number", "field"),
    ("details", "store-name", "field"),
    ("details", "item-name", "field"),
    ("details", "amount-paid", "field"),
)
DATES = (
    ("details", "order-date", "field"),
    ("deadlines", "paid", "deadlines.paid"),
    ("deadlines", "due", "deadlines.due"),
    ("deadlines", "countdown", "deadlines.countdown"),
    ("deadlines", "arrived", "deadlines.arrived"),
    ("deadlines", "confirmed", "deadlines.confirmed"),
    ("details", "dispute-date", "field"),
    ("deadlines", "opened", "deadlines.opened"),
    ("deadlines", "statement", "deadlines.statement"),
    ("deadlines", "final", "deadlines.final"),
)
REFERENCES = (
    ("details", "dispute-number", "field"),
    ("details", "paypal-case-number", "case.ref_paypal"),
    ("details", "bank-case-number", "case.ref_bank"),
    ("details", "report-number", "case.ref_report"),
    ("details", "carrier-enquiry-number", "case.ref_carrier"),
)
EVIDENCE = ("details", "evidence-list", "field")
# The day of the final answer is printed with the stage, in the situation, not again among the facts.
FINAL = "final"
SUMMARY_SECTIONS = ("situation", "facts", "refs", "timeline", "deadlines", "done", "open", "evidence")
BLANK_LINES = {"timeline": 8, "deadlines": 3, "done": 3, "open": 3, "evidence": 4}


def label(guide: Guide, value: tuple[str, str, str]) -> str:
    _part, key, source = value
    return guide.letter_field(key)["label"] if source == "field" else guide.strings[source]


def control(guide: Guide, value: tuple[str, str, str], kind: str = "text", autocomplete: str = "off") -> str:
    part, key, _ = value
    control_id = f"case-{key}"
    common = f'id="{control_id}" data-part="{part}" data-key="{key}"'
    if kind == "multiline":
        field = f'<textarea {common} rows="4"></textarea>'
    else:
        field = f'<input type="{kind}" {common} autocomplete="{autocomplete}">'
    return f'<p class="rg-field"><label for="{control_id}">{inert(label(guide, value))}</label>{field}</p>'


def who_control(guide: Guide, value: tuple[str, str, str]) -> str:
    """The reader's name or e-mail address, with the letter field's own autocomplete (name, email)."""
    field = guide.letter_field(value[1])
    kind = "email" if field["kind"] == "email" else "text"
    return control(guide, value, kind, field["autocomplete"] or "off")


def type_chooser(guide: Guide) -> str:
    text = guide.strings
    options = type_options(guide, text["case.type_none"])
    return (
        f'<p class="rg-field"><label for="case-type">{inert(text["checklist.chooser_label"])}</label>'
        f'<select id="case-type" data-part="checklist" data-key="type">{options}</select></p>'
    )


def method_chooser(guide: Guide) -> str:
    text = guide.strings
    options = "".join(
        f'<option value="{inert(method["id"])}">{inert(method["label"])}</option>' for method in guide.methods
    )
    return (
        f'<p class="rg-field"><label for="case-method">{inert(text["deadlines.method"])}</label>'
        f'<select id="case-method" data-part="situation" data-key="method">{options}</select></p>'
    )


def stage_chooser(guide: Guide) -> str:
    """Where the reader is now: the calculator's stage (the store's `situation` part), kept once."""
    text = guide.strings
    options = f'<option value="">{inert(text["case.type_none"])}</option>' + "".join(
        f'<option value="{stage}">{inert(text["deadlines.stage_" + STAGE_KEYS[stage]])}</option>' for stage in STAGES
    )
    return (
        f'<p class="rg-field"><label for="case-stage">{inert(text["deadlines.stage"])}</label>'
        f'<select id="case-stage" data-part="situation" data-key="stage">{options}</select></p>'
    )


def situation_labels(guide: Guide) -> list[str]:
    """The summary's first section, line by line: who, then the situation (#22)."""
    text = guide.strings
    situation = ["checklist.chooser_label", "deadlines.stage", "deadlines.method", "where.chooser_label"]
    return [label(guide, value) for value in WHO] + [text[key] for key in situation]


def country_chooser(guide: Guide) -> str:
    """The country of Where to report and the calculator (the store's `report` part), kept once."""
    text = guide.strings
    places = "".join(
        f'<option value="{inert(region["id"])}">{inert(region["name"])}</option>' for region in countries(guide)
    )
    options = (
        f'<option value="">{inert(text["where.chooser_none"])}</option>{places}'
        f'<option value="{NOT_LISTED}">{inert(text["deadlines.country_not_listed"])}</option>'
    )
    return (
        f'<p class="rg-field"><label for="case-country">{inert(text["where.chooser_label"])}</label>'
        f'<select id="case-country" data-part="report" data-key="country">{options}</select></p>'
    )


def blank_summary(guide: Guide) -> str:
    """The summary with empty lines, to fill in by hand; the script replaces its lines with the case."""
    text = guide.strings
    rows = {
        "situation": situation_labels(guide),
        "facts": [label(guide, value) for value in (*FACTS, *DATES) if value[1] != FINAL],
        "refs": [label(guide, value) for value in REFERENCES],
    }
    sections = []
    for name in SUMMARY_SECTIONS:
        lines = rows.get(name)
        if lines:
            body = "".join(f"<tr><th scope='row'>{inert(line)}</th><td></td></tr>" for line in lines)
        else:
            body = "<tr><td></td></tr>" * BLANK_LINES[name]
        sections.append(
            f'<section class="rg-case-summary__part" data-rg-part="{name}">'
            f"<h3>{inert(text['case.s_' + name])}</h3>"
            f'<table class="rg-case-summary__table"><tbody>{body}</tbody></table></section>'
        )
    return (
        f'<div class="rg-case-summary" data-rg-summary><h2 id="summary">{inert(text["case.summary"])}</h2>\n'
        f'<p class="rg-case-summary__lead" data-rg-summary-lead>{inert(text["case.summary_blank"])}</p>\n'
        f'<div class="rg-case-summary__parts" data-rg-parts>{"".join(sections)}</div></div>'
    )


def shown_for(item: Mapping[str, Any], scam_id: str | None) -> bool:
    if not scam_id:
        return not item["only_for"]
    return scam_id not in item["skip_for"] and (not item["only_for"] or scam_id in item["only_for"])


def visible_tasks(guide: Guide, scam_id: str | None) -> list[str]:
    """The task ids the checklist shows for a problem type, in its order (as visibleItems() in
    checklist-state.js: the type's steps, minus skip-for, plus its only-for tasks, its `first` tasks
    at the top of their step; no type: the tasks without only-for)."""
    scam = guide.scam(scam_id) if scam_id else None
    order = []
    for step in guide.steps:
        if scam and step["id"] not in scam["steps"]:
            continue
        mine = [item["id"] for item in step["checklist"] if shown_for(item, scam_id)]
        top = [item_id for item_id in (scam["checklist_first"] if scam else []) if item_id in mine]
        order += top + [item_id for item_id in mine if item_id not in top]
    return order


def case_config(guide: Guide, locale: str) -> str:
    strings = guide.strings
    items = [{"id": item["id"], "text": item["text"]} for step in guide.steps for item in step["checklist"]]
    position = {item["id"]: index for index, item in enumerate(items)}
    labels = {key: label(guide, (part, key, source)) for part, key, source in (*WHO, *FACTS, *DATES, *REFERENCES)}
    config: dict[str, Any] = {
        "items": items,
        "types": {scam["id"]: {"title": scam["title"], "first": scam["checklist_first"]} for scam in guide.scams},
        # The tasks each type shows, as positions in `items` ("": no type chosen).
        "tasks": {
            scam_id: [position[item_id] for item_id in visible_tasks(guide, scam_id or None)]
            for scam_id in ("", *(scam["id"] for scam in guide.scams))
        },
        "routes": calculator_routes(guide, locale),
        "margins": MARGINS,
        "plan": plan_data(guide),
        "who": [[part, key] for part, key, _ in WHO],
        "facts": [[part, key] for part, key, _ in (*FACTS, *DATES) if key != FINAL],
        "refs": [[part, key] for part, key, _ in REFERENCES],
        "labels": labels
        | {
            "type": strings["checklist.chooser_label"],
            "stage": strings["deadlines.stage"],
            "method": strings["deadlines.method"],
            "country": strings["where.chooser_label"],
        },
        "methods": {method["id"]: method["label"] for method in guide.methods},
        "stages": {stage: strings["deadlines.stage_" + STAGE_KEYS[stage]] for stage in STAGES},
        "countries": {region["id"]: region["name"] for region in countries(guide)}
        | {NOT_LISTED: strings["deadlines.country_not_listed"]},
        "docx": download_path(guide.letter(DOCX_FROM)["id"], "docx.json"),
        "strings": {key[8:]: value for key, value in strings.items() if key.startswith("js.case_")}
        | {f"s_{name}": strings[f"case.s_{name}"] for name in SUMMARY_SECTIONS}
        | {
            "summary": strings["case.summary"],
            "type_none": strings["case.type_none"],
            "list_line": strings["js.deadlines_list_line"],
            "date_locale": strings["js.date_locale"],
            "print_date": strings["js.print_date"],
        },
    }
    return script_config("rg-case-config", config)


def button(text: Mapping[str, str], action: str, *, primary: bool = False) -> str:
    kind = "md-button md-button--primary" if primary else "md-button"
    return f'<button type="button" class="{kind}" data-rg-action="{action}">{text[f"case.{action}"]}</button>'


def case_file(guide: Guide, locale: str) -> str:
    """The case page's tools (shown by its script) and the summary (blank without the script). The two
    lists at the top start with the script's empty-case lines, so a first visit does not move."""
    text: Mapping[str, str] = {key: inert(value) for key, value in guide.strings.items()}
    privacy, checklist = PRIVACY_LINK, CHECKLIST_LINK
    facts = (
        "".join(who_control(guide, value) for value in WHO)
        + type_chooser(guide)
        + stage_chooser(guide)
        + "".join(control(guide, value) for value in FACTS)
        + method_chooser(guide)
        + country_chooser(guide)
    )
    dates = "".join(control(guide, value, "date") for value in DATES)
    refs = "".join(control(guide, value) for value in REFERENCES)
    buttons = "\n".join(button(text, action) for action in ("print", "txt", "docx"))
    forget = f'<button type="button" class="md-button" data-rg-action="forget">{text["letters.forget"]}</button>'
    privacy_link = f'<a href="{privacy}">{text["case.privacy_link"]}</a>'
    shared = fill_markup(guide.strings["case.shared_note"], privacy=privacy_link)
    return f"""<p class="rg-note" data-rg-case-off hidden></p>
<div class="rg-case" hidden>
<section class="rg-case__now" aria-labelledby="case-now"><h2 id="case-now">{text["case.now"]}</h2>
<h3>{text["case.next_deadlines"]}</h3><ul data-rg-case-deadlines><li>{text["js.case_no_deadlines"]}</li></ul>
<h3>{text["case.open_tasks"]}</h3><ul data-rg-case-tasks><li>{text["js.case_no_tasks"]}</li></ul>
<p><a href="{checklist}">{text["case.checklist_link"]}</a></p>
<div class="rg-note" data-rg-backup-note hidden><p data-rg-backup-text></p>
<p class="rg-toolbar">{button(text, "backup")}</p></div>
</section>
<section aria-labelledby="case-facts"><h2 id="case-facts">{text["case.facts"]}</h2>
<p>{text["case.facts_intro"]}</p>
<form class="rg-case__form" data-rg-case-form novalidate>
{facts}
<fieldset class="rg-case__dates"><legend>{text["case.dates"]}</legend>{dates}</fieldset>
{control(guide, EVIDENCE, "multiline")}
<h3 id="case-refs">{text["case.refs"]}</h3>
<p>{text["case.refs_intro"]}</p>
{refs}
</form></section>
<section aria-labelledby="case-diary"><h2 id="case-diary">{text["case.diary"]}</h2>
<p>{text["case.diary_intro"]}</p>
<ol class="rg-diary" data-rg-diary aria-labelledby="case-diary"></ol>
<form class="rg-diary__form" data-rg-diary-form novalidate>
<h3 id="case-diary-form" data-rg-diary-heading tabindex="-1">{text["case.diary_new"]}</h3>
<p class="rg-field"><label for="case-diary-day">{text["case.diary_day"]}</label>
<input type="date" id="case-diary-day" name="day" required></p>
<p class="rg-field"><label for="case-diary-text">{text["case.diary_text"]}</label>
<textarea id="case-diary-text" name="text" rows="3" required aria-describedby="case-diary-help"></textarea>
<span class="rg-field__help" id="case-diary-help">{text["case.diary_help"]}</span></p>
<p class="rg-toolbar">
<button type="submit" class="md-button md-button--primary" data-rg-diary-submit>{text["case.diary_add"]}</button>
<button type="button" class="md-button" data-rg-action="cancel" hidden>{text["case.diary_cancel"]}</button></p>
</form></section>
<section aria-labelledby="case-keep"><h2 id="case-keep">{text["case.keep"]}</h2>
<p class="rg-toolbar">{buttons}</p>
<p>{text["case.keep_note"]}</p>
<p class="rg-note" data-rg-persist hidden></p>
<p class="rg-toolbar">{button(text, "backup", primary=True)}</p>
<p class="rg-field"><label for="case-import">{text["case.import_label"]}</label>
<input id="case-import" type="file" accept=".json,application/json" data-rg-import></p>
<p>{shared}</p>
<p class="rg-toolbar">{forget}</p>
</section>
<p class="rg-status" role="status" data-rg-status></p>
</div>
{blank_summary(guide)}
{case_config(guide, locale)}"""
