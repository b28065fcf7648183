"""The reader's situation and what it calls for: plan(type, stage, method, country).

A plan is a query over data/: the problem type's remedies name routes (data/scams.yml); each route
says which ways of paying it serves, at which stages and in which countries it applies
(data/routes.yml); each time limit says where it holds (data/deadlines.yml); each body belongs to a
country or to an area (data/agencies.yml, data/methods.yml). The browser runs the same query on the
same data (plan_data(), docs/assets/js/situation.js); tests/test_situation.py checks that they agree."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .data import Guide, shown_for
from .situation_models import STAGES, UNKNOWN_METHOD

__all__ = [
    "NOT_LISTED",
    "STAGES",
    "STAGE_STEPS",
    "STAGE_TYPES",
    "UNKNOWN_METHOD",
    "Plan",
    "countries",
    "current_step",
    "plan",
    "plan_data",
]

# The country a reader picks when theirs is not in the list: only rules that hold everywhere apply.
NOT_LISTED = "not-listed"
# Regions whose bodies every reader gets (data/agencies.yml).
EVERYWHERE = "international"
# Routes that a plan without a problem type leaves out: only a reader who says the payment was not
# theirs (a type such as unauthorised-charge or phishing) gets them.
NEEDS_TYPE = ("unauthorised",)
# A stage brings the bodies of the problem type that describes it (a refused dispute, a bank's no).
STAGE_TYPES = {"dispute-closed": "dispute-lost", "said-no": "provider-said-no"}
# The step a reader at each stage is on: the checklist opens there and folds the steps before it.
# A refused dispute or a bank's no both lead to the bank, card issuer or PayPal (and its complaint).
STAGE_STEPS = {
    "not-disputed": "evidence",
    "dispute-open": "dispute",
    "dispute-closed": "payment-provider",
    "said-no": "payment-provider",
}


@dataclass(frozen=True)
class Plan:
    """What a situation calls for, as ids in the order of the data files."""

    steps: tuple[str, ...]
    tasks: tuple[str, ...]
    routes: tuple[str, ...]
    limits: tuple[str, ...]
    letters: tuple[str, ...]
    bodies: tuple[str, ...]
    rules: tuple[str, ...]


def countries(guide: Guide) -> list[dict[str, Any]]:
    """The countries a reader can pick: the regions of Where to report that are one country."""
    return [region for region in guide.regions if region["code"]]


def places(guide: Guide, country: str) -> frozenset[str] | None:
    """The country and every area it belongs to; nothing for a country that is not listed; None
    (no filter) when no country is chosen."""
    if country is None:
        return None
    if country == NOT_LISTED:
        return frozenset()
    return frozenset([country, *(area["id"] for area in guide.areas if country in area["regions"])])


def _fits(rule: Mapping[str, Any], method: str, where: frozenset[str] | None) -> bool:
    method_fits = not rule["methods"] or method == UNKNOWN_METHOD or method in rule["methods"]
    return method_fits and (not rule["where"] or where is None or bool(where.intersection(rule["where"])))


def _type_routes(guide: Guide, scam_id: str | None) -> list[str]:
    if scam_id is None:
        return [route["id"] for route in guide.routes if route["id"] not in NEEDS_TYPE]
    return [route_id for remedy in guide.scam(scam_id)["remedies"] for route_id in remedy["routes"]]


def _check(guide: Guide, stage: str, method: str, country: str | None) -> None:
    if stage not in STAGES:
        raise ValueError(f"unknown stage '{stage}' (known: {', '.join(STAGES)})")
    if method not in [entry["id"] for entry in guide.methods]:
        raise ValueError(f"unknown method '{method}'")
    if country not in (None, NOT_LISTED) and country not in [region["id"] for region in countries(guide)]:
        raise ValueError(f"unknown country '{country}'")


def plan(guide: Guide, scam_id: str | None, stage: str, method: str, country: str | None) -> Plan:
    """Steps, checklist tasks, routes, time limits, letters, bodies and the routes' rules (by way of
    paying and country) for one situation.
    scam_id None: no problem type chosen (every route but NEEDS_TYPE). method "unknown": every way
    of paying. country None: not chosen (every country's rules); NOT_LISTED: rules that hold
    everywhere, and the international bodies."""
    _check(guide, stage, method, country)
    where = places(guide, country)
    wanted = set(_type_routes(guide, scam_id))
    routes = [
        route
        for route in guide.routes
        if (route["id"] in wanted or stage in route["added_at"])
        and (not route["stages"] or stage in route["stages"])
        and _fits(route, method, where)
    ]
    limit_ids = {deadline_id for route in routes for deadline_id in route["deadlines"]}
    limits = [d["id"] for d in guide.deadlines if d["id"] in limit_ids and _fits(d, method, where)]
    scam = guide.scam(scam_id) if scam_id else None
    steps = [step for step in guide.steps if scam is None or step["id"] in scam["steps"]]
    tasks = [
        item["id"]
        for step in steps
        for item in step["checklist"]
        if _task_fits(item, step["id"], scam, STAGE_TYPES.get(stage)) and _fits(item, method, where)
    ]
    step_ids = {step["id"] for step in steps}
    route_ids = {route["id"] for route in routes}
    # A letter comes with one of its time limits or routes; a letter with neither, with its step.
    letters = [
        letter["id"]
        for letter in guide.letters
        if set(letter["deadlines"]) & set(limits)
        or set(letter["routes"]) & route_ids
        or (not letter["deadlines"] and not letter["routes"] and set(letter["steps"]) & step_ids)
    ]
    return Plan(
        steps=tuple(step["id"] for step in steps),
        tasks=tuple(tasks),
        routes=tuple(route["id"] for route in routes),
        limits=tuple(limits),
        letters=tuple(letters),
        bodies=tuple(_bodies(guide, scam_id, stage, where)),
        rules=tuple(rule["id"] for route in routes for rule in route["rules"] if _fits(rule, method, where)),
    )


def _task_fits(item: Mapping[str, Any], step_id: str, scam: dict[str, Any] | None, stage_type: str | None) -> bool:
    """A task of the problem type's list; a stage that a type describes (a refused dispute, a bank's
    no) also brings that type's own tasks and drops those it skips."""
    if stage_type is None:
        return shown_for(dict(item), step_id, scam)
    if stage_type in item["skip_for"]:
        return False
    return shown_for(dict(item), step_id, scam) or stage_type in item["only_for"]


def current_step(guide: Guide, steps: Iterable[str], stage: str) -> str | None:
    """The first of a plan's steps at or after the stage's step (None when the plan has no step)."""
    order = [step["id"] for step in guide.steps]
    wanted = order.index(STAGE_STEPS[stage])
    return next((step for step in steps if order.index(step) >= wanted), None)


def _bodies(guide: Guide, scam_id: str | None, stage: str, where: frozenset[str] | None) -> Iterable[str]:
    """International bodies, then the country's and its areas' (no country chosen: only the
    international ones). A body tagged with problem types (`scams`) comes only for those types, or at
    the stage such a type describes."""
    regions = {EVERYWHERE, *(where or ())}
    types = {scam_id, STAGE_TYPES.get(stage)}
    for region in guide.regions:
        if region["id"] in regions:
            for agency in region["agencies"]:
                if not agency["scams"] or types.intersection(agency["scams"]):
                    yield agency["id"]


def plan_data(guide: Guide) -> dict[str, Any]:
    """The same data plan() reads, for the browser: problem types' routes, where each route and limit
    applies, areas and stages."""
    rule_keys = ("methods", "where")
    return {
        "types": {scam["id"]: list(dict.fromkeys(_type_routes(guide, scam["id"]))) for scam in guide.scams},
        "routes": [
            {"id": r["id"], "deadlines": r["deadlines"], "stages": r["stages"], "added_at": r["added_at"]}
            | {key: r[key] for key in rule_keys}
            | {"rules": [{"id": rule["id"]} | {key: rule[key] for key in rule_keys} for rule in r["rules"]]}
            for r in guide.routes
        ],
        "limits": [{"id": d["id"]} | {key: d[key] for key in rule_keys} for d in guide.deadlines],
        "areas": {area["id"]: area["regions"] for area in guide.areas},
        "needs_type": list(NEEDS_TYPE),
        "unknown": UNKNOWN_METHOD,
        "not_listed": NOT_LISTED,
    }
