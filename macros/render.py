"""Pure functions that turn validated data into Markdown or HTML for the pages.

Every text that comes from data goes through `inert`, which makes it plain text for HTML and for
Markdown alike; templates from strings.yml go through `fill_markup`. Links between pages are emitted
as Markdown links to .md sources, so MkDocs validates them.
"""

from __future__ import annotations

import datetime as dt
import json
import posixpath
import re
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

from babel.dates import format_date

from .data import Guide
from .schema import TEMPLATE_NAME
from .situation import (
    EVERYWHERE,
    NOT_LISTED,
    STAGE_STEPS,
    STAGE_TYPES,
    STAGES,
    countries,
    plan_data,
)
from .situation import (
    UNKNOWN_METHOD as UNKNOWN,
)

STEP_PAGE = "steps/{id}.md"
SCAM_PAGE = "scams/{id}.md"
CHECKLIST_PAGE = "checklist.md"
SCAM_INDEX_PAGE = "scams/index.md"
WHERE_PAGE = "where-to-report.md"


# --- text from data: always inert ---------------------------------------------------------------

# Characters that start Markdown syntax anywhere in a line (links, emphasis, code, attribute lists,
# escapes) become numeric character references: the browser shows the character, Markdown and the
# macros' Jinja never see it. `&`, `<`, `>` and quotes are escaped as usual.
MARKDOWN_ACTIVE = {char: f"&#{ord(char)};" for char in "\\`*_{}[]#!"}
# Characters that start a block (list, quote, heading, admonition) only at the start of a text.
BLOCK_START = re.compile(r"[+\-=>?:|~]|\d+[.)]")


def inert(text: Any, *, keep_lines: bool = False) -> str:
    """Data text as markup that shows exactly that text: no HTML, no Markdown, no template syntax.

    Whitespace is collapsed (a text can never start a new Markdown block), unless `keep_lines`
    (letter bodies, shown in raw HTML with their line breaks).
    """
    text = str(text)
    if not keep_lines:
        text = " ".join(text.split())
    chars = [MARKDOWN_ACTIVE.get(char) or escape(char) for char in text]
    if (start := BLOCK_START.match(text)) and chars:
        chars[start.end() - 1] = f"&#{ord(text[start.end() - 1])};"
    return "".join(chars)


def fill_markup(template: str, **values: str) -> str:
    """A template from strings.yml with its {name} placeholders replaced by ready markup.

    The template's own words are made inert first, so a translator's text can never become markup;
    only the values (built here from inert parts) are markup. No str.format: no attribute access.
    """

    def words(fragment: str) -> str:  # keeps the single spaces around each placeholder
        return inert(re.sub(r"\s+", " ", fragment), keep_lines=True)

    parts = []
    position = 0
    for match in TEMPLATE_NAME.finditer(template):
        parts += [words(template[position : match.start()]), values[match.group(1)]]
        position = match.end()
    parts.append(words(template[position:]))
    return "".join(parts).strip()


# --- small helpers ----------------------------------------------------------------------------


def long_date(value: dt.date, locale: str) -> str:
    """A date nobody can misread: '4 March 2026', and each other language's own long form
    ('1 de noviembre de 2026'; in Portuguese the first of the month is '1º de novembro de 2026')."""
    language = locale.replace("_", "-").split("-")[0]
    if language == "en":
        return format_date(value, "d MMMM y", locale=locale)
    text = format_date(value, "long", locale=locale.replace("-", "_"))
    if language == "pt" and value.day == 1:
        text = "1º" + text.removeprefix("1")
    return text


def relative_link(from_page: str, to_page: str) -> str:
    """The path from one .md source to another, as MkDocs expects in a Markdown link."""
    start = posixpath.dirname(from_page) or "."
    return posixpath.relpath(to_page, start)


def md_link(label: str, from_page: str, to_page: str) -> str:
    return f"[{inert(label)}]({relative_link(from_page, to_page)})"


def step_page(step_id: str) -> str:
    return STEP_PAGE.format(id=step_id)


def scam_page(scam_id: str) -> str:
    return SCAM_PAGE.format(id=scam_id)


def bullet_list(items: Iterable[str], *, ordered: bool = False) -> str:
    marker = "1." if ordered else "-"
    return "\n".join(f"{marker} {item}" for item in items)


def script_config(css_class: str, config: Mapping[str, Any]) -> str:
    """Data for a page script, in a hidden element: Material's instant navigation re-runs inline
    <script> blocks as code, so a JSON <script> would not survive it."""
    return f'<div class="{css_class}" hidden data-config="{escape(json.dumps(config, ensure_ascii=False))}"></div>'


def escaped(items: Iterable[str]) -> list[str]:
    return [inert(item) for item in items]


def duration(deadline: Mapping[str, Any], strings: Mapping[str, str]) -> str:
    """'120 days', '10 business days' or '13 months', as markup."""
    if deadline.get("months"):
        return fill_markup(strings["months"], months=inert(deadline["months"]))
    return fill_markup(strings[f"days.{deadline.get('day_kind', 'calendar')}"], days=inert(deadline["days"]))


# --- checklist ---------------------------------------------------------------------------------


def page_href(from_page: str, to_page: str) -> str:
    """A link in raw HTML from one built page to another (directory URLs): 'checklist.md' to
    'letters/x.md' is '../letters/x/'."""

    def url(md: str) -> str:
        path = md.removesuffix(".md").removesuffix("index")
        return path if not path or path.endswith("/") else f"{path}/"

    return "../" * url(from_page).count("/") + url(to_page)


def where_names(guide: Guide, places: Iterable[str]) -> list[str]:
    """The names of countries and areas: a region's own name, or an area's countries."""
    regions = {region["id"]: region["name"] for region in guide.regions}
    areas = {area["id"]: area["regions"] for area in guide.areas}
    return [regions[place] if place in regions else ", ".join(regions[r] for r in areas[place]) for place in places]


def where_regions(guide: Guide, places: Iterable[str]) -> list[str]:
    """Countries and areas as region ids, each area opened into its countries (for the script)."""
    areas = {area["id"]: area["regions"] for area in guide.areas}
    return list(dict.fromkeys(r for place in places for r in [place, *areas.get(place, [])]))


def situation_notes(item: Mapping[str, Any], guide: Guide) -> list[str]:
    """'Only if you paid by: ...' and 'Only where you live in: ...', for every reader to see (no JS)."""
    notes = []
    if item.get("methods"):
        labels = {method["id"]: method["label"] for method in guide.methods}
        paid = "; ".join(labels[method_id] for method_id in item["methods"])
        notes.append(fill_markup(guide.strings["checklist.only_methods"], methods=inert(paid)))
    if item.get("where"):
        places = "; ".join(where_names(guide, item["where"]))
        notes.append(fill_markup(guide.strings["checklist.only_where"], places=inert(places)))
    return [f'<span class="rg-checklist__for">{note}</span>' for note in notes]


def task_letters(item: Mapping[str, Any], guide: Guide, page: str) -> str:
    """Links to the letters that do this task; the script adds the reader's situation to each and
    hides those their plan does not offer."""
    links = []
    for letter_id in item.get("letters", []):
        title = fill_markup(guide.strings["checklist.letter"], letter=inert(guide.letter(letter_id)["title"]))
        href = page_href(page, f"letters/{letter_id}.md")
        links.append(f'<a class="rg-checklist__letter" href="{href}" data-letter="{inert(letter_id)}">{title}</a>')
    return "".join(links)


def checklist_item(item: Mapping[str, Any], guide: Guide, page: str = CHECKLIST_PAGE) -> str:
    """One task: a real checkbox with its text inside the label (works without JS), its notes and
    the letters that do it."""
    item_id = inert(item["id"])
    notes = []
    if item["hint"]:
        notes.append(f'<span class="rg-checklist__hint" id="hint-{item_id}">{inert(item["hint"])}</span>')
    if item["only_for"]:
        types = "; ".join(guide.scam(scam_id)["title"] for scam_id in item["only_for"])  # titles may hold commas
        only_for = fill_markup(guide.strings["checklist.only_for"], types=inert(types))
        notes.append(f'<span class="rg-checklist__for">{only_for}</span>')
    notes += situation_notes(item, guide)
    described = f' aria-describedby="hint-{item_id}"' if item["hint"] else ""
    rules = {
        "only_for": item["only_for"],
        "skip_for": item["skip_for"],
        "methods": item.get("methods", []),
        "where": where_regions(guide, item.get("where", [])),
    }
    tailoring = "".join(
        f' data-{name.replace("_", "-")}="{inert(" ".join(ids))}"' for name, ids in rules.items() if ids
    )
    return (
        f'<li class="rg-checklist__item" data-check-id="{item_id}"{tailoring}>'
        f'<label class="rg-checklist__label"><input type="checkbox" class="rg-checklist__box" '
        f'name="{item_id}" data-check-id="{item_id}"{described}> '
        f'<strong class="rg-next">{inert(guide.strings["checklist.next"])}</strong>'
        f'<span class="rg-checklist__text">{inert(item["text"])}</span></label>{"".join(notes)}'
        f"{task_letters(item, guide, page)}</li>"
    )


def checklist_items(step: Mapping[str, Any], guide: Guide, *, live: bool = False, page: str = CHECKLIST_PAGE) -> str:
    """A step's tasks, after an empty progress line the checklist script fills in.

    `live`: announce that line to screen readers (on step pages, where it is the only progress).
    """
    rows = "\n".join(checklist_item(item, guide, page) for item in step["checklist"])
    announce = ' aria-live="polite"' if live else ""
    label = f"progress-{inert(step['id'])}"
    return (
        f'<div class="rg-checklist__progress" hidden><p id="{label}"{announce}></p>'
        f'<progress class="rg-progress__bar" max="1" value="0" aria-labelledby="{label}"></progress></div>\n'
        f'<ul class="rg-checklist" data-step="{inert(step["id"])}">\n{rows}\n</ul>'
    )


def checklist_config(guide: Guide, *, situated: bool = False) -> str:
    """What the checklist script needs: every item id, how each type tailors the list, and its strings.

    `situated` (the checklist page): also what plan() reads, so the list follows the reader's stage,
    way of paying and country (the same query as macros/situation.py)."""
    config: dict[str, Any] = {
        "ids": [item["id"] for step in guide.steps for item in step["checklist"]],
        "types": {
            scam["id"]: {"title": scam["title"], "steps": scam["steps"], "first": scam["checklist_first"]}
            for scam in guide.scams
        },
        "strings": {
            key[3:]: value
            for key, value in guide.strings.items()
            if key.startswith("js.")
            and not key.startswith(("js.letters_", "js.where_", "js.deadlines_", "js.kit_", "js.case_", "js.arrival_"))
        },
    }
    if situated:
        config |= {
            "plan": plan_data(guide),
            "letters": {letter["id"]: [letter["deadlines"], letter["steps"]] for letter in guide.letters},
            "stages": {stage: [STAGE_STEPS[stage], STAGE_TYPES.get(stage)] for stage in STAGES},
            "methods": [method["id"] for method in guide.methods],
            "countries": [NOT_LISTED, *(region["id"] for region in countries(guide))],
        }
    return script_config("rg-checklist-config", config)


def step_checklist(guide: Guide, step_id: str) -> str:
    """A step page's tasks, with a place for the note shown when ticks cannot be saved."""
    return (
        '<p class="rg-note" data-rg-note hidden></p>\n'
        f"{checklist_items(guide.step(step_id), guide, live=True, page=step_page(step_id))}\n{checklist_config(guide)}"
    )


def full_checklist(guide: Guide, page: str) -> str:
    """Every step's items, each step in its own section so a chosen type can hide a whole step, and
    its tasks in a box the script folds for a step the reader's stage is past (a button opens it)."""
    sections = ['<p class="rg-now" data-rg-now hidden></p>']
    for number, step in enumerate(guide.steps, start=1):
        step_id = inert(step["id"])
        link = md_link(step["title"], page, step_page(step["id"]))
        sections.append(
            f'<section class="rg-step" data-step="{step_id}" markdown>\n\n'
            # Out of the search index: each item is on its step page, with the step's explanation.
            f"## {number}. {inert(step['title'])} {{ #{step['id']} data-search-exclude }}\n\n"
            f'<button type="button" class="md-button rg-fold" aria-expanded="false" aria-controls="tasks-{step_id}" '
            f"hidden></button>\n\n"
            f'<div class="rg-step__tasks" id="tasks-{step_id}" markdown>\n\n'
            f"{fill_markup(guide.strings['checklist.step_link'], step=link)}\n\n"
            f"{checklist_items(step, guide, page=page)}\n\n</div>\n\n</section>\n"
        )
    return "\n".join(sections) + "\n" + checklist_config(guide, situated=True)


def type_options(guide: Guide, no_type: str) -> str:
    """The problem types as options in their groups, after a first option (`no_type`) that picks none."""
    options = [f'<option value="">{inert(no_type)}</option>']
    for group in guide.scam_groups:
        members = "".join(
            f'<option value="{inert(scam["id"])}">{inert(scam["title"])}</option>'
            for scam in guide.scams
            if scam["group"] == group["id"]
        )
        options.append(f'<optgroup label="{inert(group["title"])}">{members}</optgroup>')
    return "".join(options)


def checklist_controls(guide: Guide) -> str:
    """The chooser, progress, print, start-over and export/import controls; hidden until the script runs."""
    text = {key: inert(value) for key, value in guide.strings.items()}
    options = type_options(guide, guide.strings["checklist.chooser_all"])
    return f"""<div class="rg-checklist-controls" hidden data-search-exclude>
<p class="rg-field"><label for="rg-type">{text["checklist.chooser_label"]}</label>
<select id="rg-type" aria-describedby="rg-type-help">{options}</select>
<span class="rg-field__help" id="rg-type-help">{text["checklist.chooser_help"]}</span></p>
<p class="rg-note" data-rg-note hidden></p>
<div class="rg-progress"><p class="rg-progress__text" id="rg-progress-text" data-rg-progress aria-live="polite"></p>
<progress class="rg-progress__bar" data-rg-progress-bar max="1" value="0" aria-labelledby="rg-progress-text">
</progress></div>
<p class="rg-toolbar"><button type="button" class="md-button" data-rg-action="print">{text["checklist.print"]}</button>
<button type="button" class="md-button" data-rg-action="reset">{text["checklist.reset"]}</button></p>
<details class="rg-export"><summary>{text["checklist.export_summary"]}</summary>
<p>{text["checklist.export_text"]}</p>
<p class="rg-field"><label for="rg-export-link">{text["checklist.export_link_label"]}</label>
<input id="rg-export-link" type="text" readonly data-rg-export-link></p>
<p class="rg-toolbar">
<button type="button" class="md-button" data-rg-action="copy">{text["checklist.copy_link"]}</button>\
<span class="rg-said" role="status" data-rg-said></span>
<button type="button" class="md-button" data-rg-action="download">{text["checklist.download"]}</button></p>
<p class="rg-field"><label for="rg-import-file">{text["checklist.import_label"]}</label>
<input id="rg-import-file" type="file" accept=".json,application/json" data-rg-import></p>
</details>
<p class="rg-status" role="status" data-rg-status></p>
</div>
<p class="rg-print-only" data-rg-print></p>"""


# --- steps -------------------------------------------------------------------------------------


def steps_overview(guide: Guide, page: str) -> str:
    """The five steps as a numbered list of links with their one-line summaries."""
    return bullet_list(
        (
            f"**{md_link(step['title'], page, step_page(step['id']))}**: {inert(step['summary'])}"
            for step in guide.steps
        ),
        ordered=True,
    )


def scams_for_step(guide: Guide, step_id: str, page: str) -> str:
    guide.step(step_id)  # fail loudly on a mistyped id
    return bullet_list(
        md_link(scam["title"], page, scam_page(scam["id"])) for scam in guide.scams if step_id in scam["steps"]
    )


# --- deadlines ---------------------------------------------------------------------------------


def source_line(entry: Mapping[str, Any], strings: Mapping[str, str], locale: str) -> str:
    """A sourced fact's source link, its kind, research date and confidence, on a card."""
    source = f'<a href="{inert(entry["source"]["url"])}">{inert(entry["source"]["name"])}</a>'
    return fill_markup(
        strings["deadline.source_line"],
        source=source,
        kind=inert(strings[f"source.{entry['source']['kind']}"]),
        date=inert(long_date(entry["as_of"], locale)),
        confidence=inert(strings[f"confidence.{entry['confidence']}"]),
    )


def deadline_card(deadline: Mapping[str, Any], strings: Mapping[str, str], locale: str) -> str:
    """One time limit. A `headline` (the safe deadline) replaces the figure when sources conflict."""
    sourced = source_line(deadline, strings, locale)
    folded = ""
    if deadline["headline"]:
        # The safe date is the figure; what the sources disagree on folds away below the card.
        figure = inert(deadline["headline"])
        detail = fill_markup(
            strings["deadline.sources_say_text"],
            duration=duration(deadline, strings),
            counts_from=inert(deadline["counts_from"]),
        )
        folded = f"<details><summary>{inert(strings['deadline.sources_say'])}</summary><p>{detail}</p></details>\n"
        rows = []
    else:
        figure = duration(deadline, strings)
        rows = [("deadline.counts_from", inert(deadline["counts_from"]))]
    if deadline["cap"]:
        cap = fill_markup(
            strings["deadline.cap_text"],
            duration=duration(deadline["cap"], strings),
            counts_from=inert(deadline["cap"]["counts_from"]),
        )
        rows.append(("deadline.cap", cap))
    rows += [("deadline.safe_advice", inert(deadline["safe_advice"])), ("deadline.source", sourced)]
    details = "\n".join(f"<dt>{inert(strings[label])}</dt><dd>{value}</dd>" for label, value in rows)
    return (
        f'<div class="rg-deadline" id="deadline-{inert(deadline["id"])}">\n'
        f'<p class="rg-deadline__title"><strong>{inert(deadline["title"])}</strong>: '
        f'<span class="rg-deadline__figure">{figure}</span></p>\n'
        f"<dl>\n{details}\n</dl>\n{folded}</div>"
    )


def deadline_cards(deadlines: list[Mapping[str, Any]], strings: Mapping[str, str], locale: str) -> str:
    if not deadlines:
        return f"<p>{inert(strings['deadline.none'])}</p>"
    newest = max(deadline["as_of"] for deadline in deadlines)
    note = fill_markup(strings["deadline.live_check"], date=inert(long_date(newest, locale)))
    cards = "\n".join(deadline_card(deadline, strings, locale) for deadline in deadlines)
    return f'<p class="rg-live-check">{note}</p>\n{cards}'


def route_rules(guide: Guide, locale: str, route_ids: Iterable[str] | None = None) -> str:
    """The rules by way of paying and country (data/routes.yml) of every route, or of these routes,
    as cards like the limits'."""
    text = guide.strings
    labels = {method["id"]: method["label"] for method in guide.methods}
    names = {region["id"]: region["name"] for region in guide.regions}
    cards = []
    chosen = None if route_ids is None else set(route_ids)
    shown: set[str] = set()  # a rule two routes share (PayPal's labels: `same_as`) is shown once
    for route in guide.routes:
        if chosen is not None and route["id"] not in chosen:
            continue
        for rule in route["rules"]:
            if (rule["same_as"] or rule["id"]) in shown:
                continue
            shown.add(rule["same_as"] or rule["id"])
            paying = ", ".join(labels[m] for m in rule["methods"] or route["methods"])
            place = ", ".join(names.get(w, w) for w in rule["where"] or route["where"])
            rows = [
                ("deadlines.applies_methods", inert(paying or text["deadlines.applies_any_method"])),
                ("deadlines.applies_where", inert(place or text["deadlines.applies_everywhere"])),
                ("deadline.source", source_line(rule, text, locale)),
            ]
            details = "\n".join(f"<dt>{inert(text[label])}</dt><dd>{value}</dd>" for label, value in rows)
            cards.append(
                f'<div class="rg-deadline" id="rule-{inert(rule["id"])}">\n'
                f'<p class="rg-deadline__title"><strong>{inert(route["title"])}</strong></p>\n'
                f"<p>{inert(rule['text'])}</p>\n<dl>\n{details}\n</dl>\n</div>"
            )
    return "\n".join(cards)


def step_deadlines(guide: Guide, step_id: str, locale: str) -> str:
    guide.step(step_id)
    chosen = [deadline for deadline in guide.deadlines if step_id in deadline["steps"]]
    return deadline_cards(chosen, guide.strings, locale)


# --- scam types --------------------------------------------------------------------------------


def binding_deadline(guide: Guide, scam: Mapping[str, Any]) -> Mapping[str, Any]:
    """The first time limit on the best route (remedies come best first): the one that binds a
    reader of this type first, whatever their situation."""
    for remedy in scam["remedies"]:
        for route_id in remedy["routes"]:
            if deadline_ids := guide.route(route_id)["deadlines"]:
                return guide.deadline(deadline_ids[0])
    raise KeyError(f"scam type '{scam['id']}' recommends no route with a time limit")


def key_action(guide: Guide, scam: Mapping[str, Any]) -> str:
    """The action of the limit that binds first."""
    return binding_deadline(guide, scam)["action"]


def limit_candidates(guide: Guide, scam: Mapping[str, Any]) -> list[tuple[Mapping[str, Any], dict[str, list[str]]]]:
    """Every limit on the type's routes, best route first, with where it holds: the ways of paying,
    the countries (areas opened) and the stages its route and the limit itself name (empty: all)."""

    def both(one: list[str], other: list[str]) -> list[str]:
        return [value for value in one if value in other] if one and other else one or other

    candidates = []
    for remedy in scam["remedies"]:
        for route_id in remedy["routes"]:
            route = guide.route(route_id)
            for deadline_id in route["deadlines"]:
                if deadline_id in [limit["id"] for limit, _ in candidates]:
                    continue  # a limit on two routes: where the better route puts it
                limit = guide.deadline(deadline_id)
                where = both(where_regions(guide, route["where"]), where_regions(guide, limit["where"]))
                rules = {"methods": both(route["methods"], limit["methods"]), "where": where, "stages": route["stages"]}
                candidates.append((limit, rules))
    return candidates


def first_things(guide: Guide, scam: Mapping[str, Any], deadlines: list[Mapping[str, Any]]) -> list[str]:
    """What comes before the general advice (#22): the urgent action, then the limit that binds first
    with its one action, linked to its card under Time limits. The first is the type's (no script);
    a small script (binding-limit.js) shows instead the first that holds for the reader's situation."""
    parts = [f'<p class="rg-urgent"><strong>{inert(scam["urgent"])}</strong></p>'] if scam["urgent"] else []
    if not deadlines:
        return parts
    shown = {deadline["id"] for deadline in deadlines}
    choices = []
    for position, (limit, rules) in enumerate(c for c in limit_candidates(guide, scam) if c[0]["id"] in shown):
        title = f'<a href="#deadline-{inert(limit["id"])}">{inert(limit["title"])}</a>'
        binding = fill_markup(guide.strings["scam.binding"], limit=title, duration=duration(limit, guide.strings))
        data = "".join(f' data-{name}="{inert(" ".join(ids))}"' for name, ids in rules.items() if ids)
        choices.append(
            f'<div class="rg-limit-choice"{data}{"" if position == 0 else " hidden"}>'
            f'<p class="rg-key-action"><strong>{inert(limit["action"])}</strong></p>'
            f'<p class="rg-binding">{binding}</p></div>'
        )
    return [
        *parts,
        f'<div class="rg-first-limit" data-unknown="{UNKNOWN}" data-not-listed="{NOT_LISTED}">{"".join(choices)}</div>',
    ]


def scam_page_markdown(guide: Guide, scam_id: str, locale: str, *, letters: str = "", offer: str = "") -> str:
    """The whole page for one scam type; `letters` is a ready list of letters that fit it, `offer`
    the firm's consultation offer (after the self-help, before what to do next)."""
    scam = guide.scam(scam_id)
    strings = guide.strings
    page = scam_page(scam_id)
    checklist = f"{CHECKLIST_PAGE}?type={scam_id}"
    deadlines = guide.scam_deadlines(scam)
    parts = [
        f"# {inert(scam['title'])}",
        inert(scam["summary"]),
        # The urgent action and the limit that binds first come before anything general (#22).
        *first_things(guide, scam, deadlines),
        # The problem's own checklist, one tap from the top: a link any reader can share.
        f"{md_link(strings['scam.checklist_button'], page, checklist)}{{ .md-button .md-button--primary .rg-cta }}",
    ]
    if scam["warning"]:
        # The box's title comes from the reader's language, never the theme's English default.
        parts.append(f'!!! warning "{inert(strings["scam.warning"])}"\n\n    {inert(scam["warning"])}')
    parts += [
        f"## {inert(strings['scam.signs'])}",
        bullet_list(escaped(scam["signs"])),
        f"## {inert(strings['scam.evidence'])}",
        bullet_list(escaped(scam["evidence"])),
        f"## {inert(strings['scam.remedies'])}",
        bullet_list(escaped(remedy["text"] for remedy in scam["remedies"]), ordered=True),
        f"## {inert(strings['scam.steps'])}",
        bullet_list(
            (
                f"{md_link(guide.step(step_id)['title'], page, step_page(step_id))}: "
                f"{inert(guide.step(step_id)['summary'])}"
                for step_id in scam["steps"]
            ),
            ordered=True,
        ),
    ]
    if deadlines:
        parts += [
            f"## {inert(strings['scam.deadlines'])}",
            # The one thing to do leads here too, for a reader who jumps to the limits.
            f'<p class="rg-key-action"><strong>{inert(key_action(guide, scam))}</strong></p>',
            deadline_cards(deadlines, strings, locale),
        ]
    # What the recommended routes mean for some ways of paying and countries (a Pix to a scammer).
    if rules := route_rules(guide, locale, (r for remedy in scam["remedies"] for r in remedy["routes"])):
        parts.append(rules)
    helpers = [agency for region in guide.regions for agency in region["agencies"] if scam_id in agency["scams"]]
    if helpers:
        parts += [
            f"## {inert(strings['scam.who_can_help'])}",
            bullet_list(agency_line(agency, strings, locale) for agency in helpers),
        ]
    if letters:
        parts += [f"## {inert(strings['letters.related'])}", letters]
    if offer:
        parts.append(offer)
    first_step = guide.step(scam["steps"][0])
    next_text = fill_markup(
        strings["scam.next_text"],
        step=md_link(first_step["title"], page, step_page(first_step["id"])),
        checklist=md_link(strings["scam.checklist_link"], page, checklist),
    )
    parts.append(f"## {inert(strings['scam.next'])}")
    parts += [
        next_text,
        md_link(strings["scam.all_types"], page, SCAM_INDEX_PAGE),
    ]
    return "\n\n".join(parts) + "\n"


def scam_index(guide: Guide, page: str) -> str:
    """Every scam type, grouped, with its summary."""
    sections = []
    for group in guide.scam_groups:
        members = [scam for scam in guide.scams if scam["group"] == group["id"]]
        lines = bullet_list(
            f"**{md_link(scam['title'], page, scam_page(scam['id']))}**: {inert(scam['summary'])}" for scam in members
        )
        sections.append(f"## {inert(group['title'])} {{ #{group['id']} }}\n\n{lines}\n")
    return "\n".join(sections)


def ways_in(guide: Guide, page: str) -> str:
    """First-person ways into the guide ("My parcel never came"), one folded group each: a short
    chooser near the top of the home page that works without JavaScript."""
    sections = []
    for group in guide.scam_groups:
        members = [scam for scam in guide.scams if scam["group"] == group["id"]]
        lines = bullet_list(md_link(scam["way_in"], page, scam_page(scam["id"])) for scam in members)
        summary = f"<summary>{inert(group['title'])}</summary>"
        sections.append(f'<details class="rg-chooser" markdown>\n{summary}\n\n{lines}\n\n</details>')
    return "\n\n".join(sections)


# --- agencies and the firm ---------------------------------------------------------------------


def source_note(entry: Mapping[str, Any], strings: Mapping[str, str], locale: str) -> str:
    """Where an agency entry comes from, how sure we are, and the research date: shown beside it."""
    source = entry["source"]
    link = f'<a href="{inert(source["url"])}">{inert(source["name"])}</a>'
    confidence = inert(strings[f"confidence.{entry['confidence']}"])
    return " ".join(
        [
            fill_markup(strings["agencies.source"], source=link, kind=inert(strings[f"source.{source['kind']}"])),
            fill_markup(strings["agencies.confidence"], confidence=confidence),
            fill_markup(strings["agencies.as_of"], date=inert(long_date(entry["as_of"], locale))),
        ]
    )


def agency_line(agency: Mapping[str, Any], strings: Mapping[str, str], locale: str) -> str:
    name = inert(agency["name"])
    linked = f'<a href="{inert(agency["url"])}">{name}</a>' if agency["url"] else name
    role = f" ({inert(strings['agencies.role.' + agency['role']])})" if agency["role"] else ""
    parts = [f"**{linked}**{role}: {inert(agency['use_for'])}"]
    if agency["limits"]:
        parts.append(fill_markup(strings["agencies.limits"], limits=inert(agency["limits"])))
    if agency["phone"]:
        parts.append(fill_markup(strings["agencies.phone"], phone=inert(agency["phone"])))
    parts.append(source_note(agency, strings, locale))
    return " ".join(parts)


def agencies(guide: Guide, locale: str) -> str:
    """One collapsible section per country, each with a stable anchor (#region-<id>), so a long
    list stays easy to scan and works without JS."""
    sections = []
    for region in guide.regions:
        lines = bullet_list(agency_line(agency, guide.strings, locale) for agency in region["agencies"])
        code = f' data-code="{inert(region["code"])}"' if region["code"] else ""
        sections.append(
            f'<details class="rg-region" id="region-{inert(region["id"])}" data-region="{inert(region["id"])}"'
            f"{code} markdown>\n<summary>{inert(region['name'])}</summary>\n\n{lines}\n\n</details>"
        )
    return "\n\n".join(sections)


def aliexpress_report(guide: Guide, locale: str) -> str:
    """Reporting inside AliExpress: what for, the in-app steps, what it cannot do, its source."""
    entry, strings = guide.aliexpress, guide.strings
    return "\n\n".join(
        [
            inert(entry["use_for"]),
            bullet_list(escaped(entry["steps"]), ordered=True),
            fill_markup(strings["agencies.limits"], limits=inert(entry["limits"])),
            source_note(entry, strings, locale),
        ]
    )


def where_to_report(guide: Guide, locale: str) -> str:
    """The country chooser (hidden until the script runs), then every country's bodies."""
    text = {key: inert(value) for key, value in guide.strings.items()}
    options = [f'<option value="">{text["where.chooser_none"]}</option>'] + [
        f'<option value="{inert(region["id"])}">{inert(region["name"])}</option>' for region in guide.regions
    ]
    # "Not listed" is a country value the calculator and the case file share: it shows the bodies for any country.
    options.append(f'<option value="{NOT_LISTED}">{text["deadlines.country_not_listed"]}</option>')
    config = {
        "strings": {key[3:]: value for key, value in guide.strings.items() if key.startswith("js.where_")},
        "not_listed": NOT_LISTED,
        "any_country": EVERYWHERE,
    }
    return (
        '<div class="rg-where" hidden>\n'
        f'<p class="rg-field"><label for="rg-country">{text["where.chooser_label"]}</label>\n'
        f'<select id="rg-country" aria-describedby="rg-country-help">{"".join(options)}</select>\n'
        f'<span class="rg-field__help" id="rg-country-help">{text["where.chooser_hint"]}</span></p>\n'
        '<p class="rg-status" role="status" data-rg-where-status></p>\n</div>\n'
        f'<div class="rg-regions" data-rg-regions markdown>\n\n{agencies(guide, locale)}\n\n</div>\n'
        f"{script_config('rg-where-config', config)}"
    )


def firm_contact_lines(contact: Mapping[str, Any], strings: Mapping[str, str]) -> list[str]:
    """Only the channels the firm has filled in; an empty channel is simply left out."""
    lines = []
    if contact["website"]:
        website = inert(contact["website"])
        lines.append(f'{inert(strings["firm.website"])}: <a href="{website}">{website}</a>')
    if contact["email"]:
        email = inert(contact["email"])
        lines.append(f'{inert(strings["firm.email"])}: <a href="mailto:{email}">{email}</a>')
    if contact["phone"]:
        lines.append(f"{inert(strings['firm.phone'])}: {inert(contact['phone'])}")
    if contact["address"]:
        lines.append(f"{inert(strings['firm.address'])}: {inert(contact['address'])}")
    return lines


def firm_card(guide: Guide) -> str:
    """The firm, and its consultation offer only when there is a way to reach it: an offer with no
    contact sends readers searching for the firm, where impersonators wait."""
    firm = guide.firm
    contact = firm_contact_lines(firm["contact"], guide.strings)
    reachable = bool(contact) or bool(firm["consultation_url"])
    # The consultation link (data/firm.yml) goes with the offer, never without a way to reach the firm.
    link = (
        f'\n\n<p><a class="md-button md-button--primary" href="{inert(firm["consultation_url"])}">'
        f"{inert(guide.strings['offer.link'])}</a></p>"
        if firm["consultation_url"]
        else ""
    )
    offer = (
        f"{inert(firm['consultation'])}\n\n{bullet_list(contact)}{link}"
        if reachable
        else inert(guide.strings["firm.no_contact"])
    )
    logo = f'<img class="rg-handout__logo" src="../{inert(firm["logo"])}" alt="">' if firm["logo"] else ""
    return (
        f'<div class="rg-firm" markdown>\n\n<p class="rg-firm__name">{logo}{inert(firm["name"])}</p>\n\n'
        f"{inert(firm['description'])}\n\n{offer}\n\n</div>"
    )


def source_credit(guide: Guide) -> str:
    """Who wrote the article the guide is based on: a fact, whatever firm brands the site."""
    credit = guide.credit
    return fill_markup(
        guide.strings["firm.credit"],
        firm=inert(credit["author_firm"]),
        year=inert(credit["year"]),
        topic=inert(credit["topic"]),
    )


# --- glossary ----------------------------------------------------------------------------------


def abbreviations(guide: Guide) -> str:
    """Markdown abbreviation lines (`*[word]: meaning`), so every page explains these words where
    they appear (Material shows the meaning as a tooltip). Forms are letters only (schema), and the
    abbr extension escapes the meaning into its title attribute itself."""
    return "\n".join(
        f"*[{form}]: {' '.join(term['meaning'].split())}" for term in guide.glossary for form in term["forms"]
    )


def glossary_list(guide: Guide) -> str:
    """The glossary page: every word and its meaning, each with a stable anchor."""
    rows = "\n".join(
        f'<dt id="{inert(term["id"])}">{inert(term["term"])}</dt><dd>{inert(term["meaning"])}</dd>'
        for term in sorted(guide.glossary, key=lambda term: term["term"].casefold())
    )
    return f'<dl class="rg-glossary">\n{rows}\n</dl>'


def languages_note(guide: Guide, root_url: str) -> str:
    """About: every language of the guide, linked, and whether a lawyer who is a native speaker has
    checked each translation (data/languages.yml)."""
    strings = guide.strings
    lines = []
    for language in guide.languages[1:]:
        prefix = f"{language['code']}/"
        code = inert(language["code"])
        link = f'<a href="{inert(root_url + prefix)}" hreflang="{code}" lang="{code}">{inert(language["name"])}</a>'
        key = "about.language_reviewed" if language["reviewed"] else "about.language_pending"
        lines.append(fill_markup(strings[key], language=link))
    return "\n\n".join(
        [inert(strings["about.languages_intro"]), bullet_list(lines), inert(strings["about.language_reference"])]
    )
