"""The way in (issue #22): from the home page to the reader's plan in two taps, and the arrival on it.

- `quick_start`: the common problem types as big links (`home: true` in data/scams.yml), then, with
  JavaScript, how the reader paid (data/methods.yml); each choice is a real link to the plan
  (/checklist/?type=<id>&method=<id>), so without JavaScript the first tap already lands on it.
- `arrival`: the top of /checklist/: the reader's situation in one line, a way to change each part,
  and the urgent action or the first task (docs/assets/js/situation-arrival.js fills it in).

A whole situation fits in a link: /checklist/?type=<scam id>&method=<method id>&stage=<stage>&country=<region id>.
"""

from __future__ import annotations

from typing import Any

from .data import Guide
from .render import STAGE_KEYS, inert, script_config
from .situation import NOT_LISTED, STAGES, countries

# The plan's address from the home page (index.md is built at the site's root) and the names of the
# link's parameters: part of the URL contract, like ?type=.
CHECKLIST_URL = "checklist/"
PARAMS = ("type", "method", "stage", "country")


def plan_link(scam_id: str | None = None, method: str | None = None, base: str = CHECKLIST_URL) -> str:
    """The plan for a problem type and, optionally, a way of paying, as a link."""
    query = "&".join(f"{name}={value}" for name, value in (("type", scam_id), ("method", method)) if value)
    return f"{base}?{query}" if query else base


def quick_start(guide: Guide) -> str:
    """Tap 1, what happened: the common problem types and "something else" (the full list below).
    Tap 2, how you paid: hidden until a type is tapped (the script shows it in the same place)."""
    text = {key: inert(value) for key, value in guide.strings.items()}
    types = "".join(
        f'<li><a class="rg-start__choice" href="{plan_link(scam["id"])}" data-rg-type="{inert(scam["id"])}">'
        f"{inert(scam['way_in'])}</a></li>"
        for scam in guide.scams
        if scam["home"]
    )
    other = f'<li><a class="rg-start__choice rg-start__other" href="#ways-in">{text["home.other"]}</a></li>'
    methods = "".join(
        f'<li><a class="rg-start__chip" href="{plan_link(method=method["id"])}" data-rg-method="{inert(method["id"])}">'
        f"{inert(method['label'])}</a></li>"
        for method in guide.methods
    )
    return (
        '<div class="rg-start" data-rg-start data-search-exclude>\n'
        f'<ul class="rg-start__types">{types}{other}</ul>\n'
        '<div class="rg-start__paid" data-rg-paid hidden>'
        f'<p class="rg-start__chosen"><span data-rg-chosen></span> '
        f'<button type="button" class="md-button rg-start__back" data-rg-back>{text["home.back"]}</button></p>'
        f'<p class="rg-start__ask" id="rg-start-ask" tabindex="-1"><strong>{text["home.how_paid"]}</strong></p>'
        f'<ul class="rg-start__methods" aria-labelledby="rg-start-ask">{methods}</ul>'
        "</div>\n</div>"
    )


def arrival_config(guide: Guide) -> dict[str, Any]:
    """What the arrival script shows: the labels of each part of a situation, and the urgent lines."""
    strings = guide.strings
    return {
        "types": {scam["id"]: scam["title"] for scam in guide.scams},
        "urgent": {scam["id"]: scam["urgent"] for scam in guide.scams if scam["urgent"]},
        "methods": {method["id"]: method["label"] for method in guide.methods},
        "stages": {stage: strings[f"deadlines.stage_{STAGE_KEYS[stage]}"] for stage in STAGES},
        "countries": {region["id"]: region["name"] for region in countries(guide)}
        | {NOT_LISTED: strings["deadlines.country_not_listed"]},
        "codes": {region["code"]: region["id"] for region in countries(guide)},
        "strings": {key[11:]: value for key, value in strings.items() if key.startswith("js.arrival_")},
    }


def options(labels: dict[str, str]) -> str:
    return "".join(f'<option value="{inert(key)}">{inert(label)}</option>' for key, label in labels.items())


def arrival(guide: Guide) -> str:
    """The top of the plan: "Your situation", a way to change each part, then the urgent action or
    the first task. Hidden until the script has a problem type to show; without it the page is the
    plain checklist."""
    text = {key: inert(value) for key, value in guide.strings.items()}
    config = arrival_config(guide)
    stages = "".join(
        f'<label class="rg-choice__option"><input type="radio" name="stage" value="{stage}"> {inert(label)}</label>'
        for stage, label in config["stages"].items()
    )
    methods = options(config["methods"])
    places = options(config["countries"])
    return (
        '<div class="rg-arrival" hidden data-rg-arrival data-search-exclude>\n'
        f'<p class="rg-arrival__line"><strong>{text["arrival.title"]}</strong> '
        "<span data-rg-arrival-summary></span></p>\n"
        '<p class="rg-arrival__urgent" data-rg-arrival-urgent hidden></p>\n'
        f'<p class="rg-arrival__first" data-rg-arrival-first hidden><strong>{text["arrival.first"]}</strong> '
        '<a href="#evidence" data-rg-arrival-task></a></p>\n'
        f'<details class="rg-arrival__change"><summary>{text["arrival.change"]}</summary>\n'
        '<form class="rg-arrival__form" data-rg-arrival-form>'
        f'<p><a href="#rg-type">{text["arrival.change_type"]}</a></p>'
        f'<div class="rg-field"><fieldset class="rg-choice"><legend>{text["deadlines.stage"]}</legend>'
        f"{stages}</fieldset></div>"
        f'<p class="rg-field"><label for="rg-arrival-method">{text["deadlines.method"]}</label>'
        f'<select id="rg-arrival-method" name="method">{methods}</select></p>'
        f'<p class="rg-field"><label for="rg-arrival-country">{text["where.chooser_label"]}</label>'
        f'<select id="rg-arrival-country" name="country"><option value="">{text["deadlines.country_any"]}</option>'
        f"{places}</select></p>"
        "</form></details>\n"
        f"{script_config('rg-arrival-config', config)}\n</div>"
    )
