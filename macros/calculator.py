"""The deadline calculator's page: the limits it works out, the reader's situation fields and the
table of where each limit applies. It uses the render helpers (macros/render.py) one way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .data import Guide
from .render import deadline_cards, fill_markup, inert, long_date, script_config, type_options
from .situation import (
    NOT_LISTED,
    STAGES,
    countries,
    plan_data,
)

# The limits the calculator works out: which date each counts from (its rule) and what kind of limit
# it is. Which rows a reader gets comes from the plan for their situation (macros/situation.py); the
# numbers (days, months, the 540-day cap) come from data/deadlines.yml.
# Rules: "paid", "statement", "opened" (a PayPal dispute), "final" (the bank's or PayPal's final
# answer): that date; "aliexpress": the day receipt was confirmed, else the countdown's end;
# "later-of": the later of payment and promised delivery, while nothing arrived (from the payment
# when no delivery date is given); "paid-or-arrived": from payment, once the item arrived;
# "arrived": from the day it arrived (with the cap counted from payment), only once it arrived.
# Kinds: "own" (the reader's limit), "letter" (a letter that must arrive: a post-by date) and
# "banks" (a limit between banks: the reader's bank wants to hear sooner).
CALCULATOR_ROUTES = {
    "aliexpress-dispute-window": ("aliexpress", "own"),
    "paypal-dispute": ("paid", "own"),
    "paypal-dispute-not-as-described": ("arrived", "own"),
    "paypal-escalation": ("opened", "own"),
    "card-chargeback-not-received": ("later-of", "banks"),
    "card-chargeback-not-as-described": ("paid-or-arrived", "banks"),
    "amex-dispute": ("paid", "own"),
    "us-billing-error": ("statement", "letter"),
    "eu-unauthorised-payment": ("paid", "own"),
    "uk-unauthorised-payment": ("paid", "own"),
    "us-unauthorised-debit": ("statement", "own"),
    "uk-scam-transfer": ("paid", "own"),
    "pix-med": ("paid", "own"),
    "uk-financial-ombudsman": ("final", "own"),
    "ca-obsi-complaint": ("final", "own"),
}
# Limits whose own advice shows beside the result (a number not to rely on; a letter that must arrive).
CALCULATOR_NOTES = ("amex-dispute", "us-billing-error")
CALCULATOR_LETTERS = {"us-billing-error": "us-billing-error"}
CALCULATOR_FIELDS = ("paid", "due", "countdown", "arrived", "confirmed", "statement", "opened", "final")
# The act-by date: this many days before the last day, by kind. A letter allows for the post (the
# US billing-error letter goes by a service that proves arrival); a limit between banks leaves the
# bank time for its own steps.
ACT_BY_MARGIN_DAYS = 5
MARGINS = {"own": ACT_BY_MARGIN_DAYS, "letter": 14, "banks": 30}
ALARM_DAYS = 3  # the calendar's reminder: this many days before the act-by date
# A date further from today than this is a typing mistake (the longest limit is 540 days).
DATE_RANGE = {"past_days": 3 * 365, "future_days": 365}
STAGE_KEYS = {
    "not-disputed": "not_disputed",
    "dispute-open": "dispute_open",
    "dispute-closed": "dispute_closed",
    "said-no": "said_no",
}


def calculator_routes(guide: Guide, locale: str) -> list[dict[str, Any]]:
    """The calculator's rules and numbers from data/deadlines.yml (also used by the case file)."""
    strings = guide.strings
    routes = []
    for deadline_id, (rule, kind) in CALCULATOR_ROUTES.items():
        deadline = guide.deadline(deadline_id)
        route = {
            "id": deadline_id,
            "title": deadline["title"],
            "action": deadline["action"],
            "rule": rule,
            "kind": kind,
            "days": deadline["days"],
            "months": deadline["months"],
            "cap": deadline["cap"]["days"] if deadline["cap"] else None,
            "source": deadline["source"]["name"],
            "url": deadline["source"]["url"],
            "confidence": strings[f"confidence.{deadline['confidence']}"],
            "as_of": long_date(deadline["as_of"], locale),
        }
        if deadline_id in CALCULATOR_NOTES:
            route["note"] = " ".join(deadline["safe_advice"].split())
        if deadline_id in CALCULATOR_LETTERS:
            route["letter"] = f"../letters/{guide.letter(CALCULATOR_LETTERS[deadline_id])['id']}/"
        routes.append(route)
    return routes


def calculator_config(guide: Guide, locale: str) -> str:
    """The calculator's rules and numbers from data/deadlines.yml, the data its plan reads, and its words."""
    strings = guide.strings
    config = {
        "routes": calculator_routes(guide, locale),
        "plan": plan_data(guide),
        "margins": MARGINS,
        "alarm": ALARM_DAYS,
        "range": DATE_RANGE,
        "labels": {
            "aliexpress": strings["deadlines.countdown"],
            "opened": strings["deadlines.opened"],
            "statement": strings["deadlines.statement"],
            "final": strings["deadlines.final"],
        },
        "strings": {key[13:]: value for key, value in strings.items() if key.startswith("js.deadlines_")}
        | {"date_locale": strings["js.date_locale"]},
    }
    return script_config("rg-deadlines-config", config)


def situation_fields(guide: Guide) -> str:
    """The situation: problem type, where the reader is now, how they paid and where they live."""
    text = {key: inert(value) for key, value in guide.strings.items()}
    stages = "".join(
        f'<label class="rg-choice__option"><input type="radio" name="stage" value="{stage}"> '
        f"{text['deadlines.stage_' + STAGE_KEYS[stage]]}</label>"
        for stage in STAGES
    )
    methods = "".join(
        f'<option value="{inert(method["id"])}">'
        + (
            fill_markup(
                guide.strings["deadlines.method_option"],
                method=inert(method["label"]),
                examples=inert(method["examples"]),
            )
            if method["examples"]
            else inert(method["label"])
        )
        + "</option>"
        for method in guide.methods
    )
    notes = " ".join(dict.fromkeys(inert(method["note"]) for method in guide.methods if method["note"]))
    places = "".join(
        f'<option value="{inert(region["id"])}">{inert(region["name"])}</option>' for region in countries(guide)
    )
    country_options = (
        f'<option value="">{text["deadlines.country_any"]}</option>{places}'
        f'<option value="{NOT_LISTED}">{text["deadlines.country_not_listed"]}</option>'
    )
    types = type_options(guide, guide.strings["deadlines.type_any"])
    return (
        f'<p class="rg-field"><label for="rg-situation-type">{text["checklist.chooser_label"]}</label>'
        f'<select id="rg-situation-type" name="type">{types}</select></p>'
        f'<div class="rg-field"><fieldset class="rg-choice"><legend>{text["deadlines.stage"]}</legend>'
        f"{stages}</fieldset></div>"
        f'<p class="rg-field"><label for="rg-situation-method">{text["deadlines.method"]}</label>'
        f'<select id="rg-situation-method" name="method" aria-describedby="rg-situation-method-help">{methods}</select>'
        f'<span class="rg-field__help" id="rg-situation-method-help">{notes}</span></p>'
        f'<p class="rg-field"><label for="rg-situation-country">{text["where.chooser_label"]}</label>'
        f'<select id="rg-situation-country" name="country">{country_options}</select></p>'
    )


def applies_table(guide: Guide, deadlines: list[Mapping[str, Any]]) -> str:
    """For readers without scripts: who each limit is for (ways of paying, countries)."""
    text = guide.strings
    labels = {method["id"]: method["label"] for method in guide.methods}
    names = {region["id"]: region["name"] for region in guide.regions}
    routes = {route["id"]: route for route in guide.routes}
    rows = []
    for deadline in deadlines:
        owners = [route for route in routes.values() if deadline["id"] in route["deadlines"]]
        methods = deadline["methods"] or [m for route in owners for m in route["methods"]]
        where = deadline["where"] or [w for route in owners for w in route["where"]]
        paying = ", ".join(labels[m] for m in dict.fromkeys(methods)) or text["deadlines.applies_any_method"]
        place = ", ".join(names.get(w, w) for w in dict.fromkeys(where)) or text["deadlines.applies_everywhere"]
        rows.append(
            f'<tr><th scope="row"><a href="#deadline-{inert(deadline["id"])}">{inert(deadline["title"])}</a></th>'
            f"<td>{inert(paying)}</td><td>{inert(place)}</td></tr>"
        )
    head = "".join(
        f'<th scope="col">{inert(text[key])}</th>'
        for key in ("deadlines.route", "deadlines.applies_methods", "deadlines.applies_where")
    )
    return (
        f'<h2 id="who-for">{inert(text["deadlines.applies"])}</h2>\n'
        f'<table class="rg-applies"><thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>'
    )


def deadlines_calculator(guide: Guide, locale: str) -> str:
    """The form (shown by its script) and, for everyone, every rule it uses with its numbers and sources."""
    text = {key: inert(value) for key, value in guide.strings.items()}
    fields = []
    for name in CALCULATOR_FIELDS:
        field = f"rg-deadline-{name}"
        fields.append(
            f'<p class="rg-field"><label for="{field}">{text[f"deadlines.{name}"]}</label>'
            f'<input type="date" id="{field}" name="{name}" aria-describedby="{field}-help {field}-error">'
            f'<span class="rg-field__help" id="{field}-help">{text[f"deadlines.{name}_help"]}</span>'
            f'<span class="rg-field__error" id="{field}-error" hidden></span></p>'
        )
    head = "".join(
        f'<th scope="col">{text[f"deadlines.{key}"]}</th>' for key in ("route", "act_by", "last_day", "days_left")
    )
    buttons = "".join(
        f'<button type="button" class="md-button" data-rg-action="{action}">{text[f"deadlines.{key}"]}</button>\n'
        for action, key in (("ics", "calendar"), ("copy", "copy"), ("print", "print"))
    )
    chosen = [guide.deadline(deadline_id) for deadline_id in CALCULATOR_ROUTES]
    return f"""<div class="rg-deadlines" hidden>
<form class="rg-deadlines__form" data-rg-deadlines-form novalidate>
{situation_fields(guide)}
{"".join(fields)}
</form>
<p class="rg-deadlines__notice"><strong>{text["deadlines.notice"]}</strong></p>
<p class="rg-deadlines__summary" data-rg-summary aria-live="polite"></p>
<table class="rg-deadlines__table" data-rg-table hidden><thead><tr>{head}</tr></thead>
<tbody data-rg-rows></tbody></table>
<div data-rg-tools hidden>
<p class="rg-toolbar">{buttons}</p>
<p>{text["deadlines.calendar_note"]}</p>
<p><strong>{text["deadlines.list"]}</strong></p>
<ol class="rg-deadlines__list" data-rg-list></ol>
</div>
<p class="rg-toolbar">
<button type="button" class="md-button" data-rg-action="forget">{text["deadlines.forget"]}</button></p>
<p class="rg-status" role="status" data-rg-status></p>
</div>
{calculator_config(guide, locale)}

{deadline_cards(chosen, guide.strings, locale)}

{applies_table(guide, chosen)}"""
