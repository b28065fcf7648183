"""The models of data/methods.yml: the ways of paying a reader can pick, and the groups of countries
(areas) a time limit can name. They build on the records in macros/schema.py, which registers them."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, model_validator

from .schema import DataError, Entries, Id, IdList, NonEmpty, Record, Text, Where, _problem

# The way of paying a reader picks when they do not know: it must exist, and it filters nothing.
UNKNOWN_METHOD = "unknown"


class Method(Record):
    """A way of paying: what the reader picks, brands that help them find it, and one short note."""

    id: Id
    label: Text
    examples: Text | None = None
    note: Text | None = None


class Area(Record):
    """A group of countries (region ids in data/agencies.yml) that a time limit can name in `where`."""

    id: Id
    regions: Annotated[IdList, NonEmpty]


class MethodsFile(Record):
    """How the reader paid, and the groups of countries the rules name."""

    methods: Annotated[Entries[Method], NonEmpty]
    areas: Entries[Area] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unknown_is_there(self) -> MethodsFile:
        if UNKNOWN_METHOD not in [method.id for method in self.methods]:
            raise _problem(f"must list the method '{UNKNOWN_METHOD}' (for readers who do not know)", "methods")
        return self


# Where the reader is now. Fixed: the calculator and plan() give each one its meaning.
STAGES = ("not-disputed", "dispute-open", "dispute-closed", "said-no")


def check_known(used: list[str], known: list[str], where: Where, kind: str) -> None:
    """Each id in `used` is one of `known`, else a DataError at its position."""
    for position, value in enumerate(used):
        if value not in known:
            raise DataError(where.index(position), f"unknown {kind} '{value}' (known: {', '.join(known)})")


def check_where(guide: Any) -> None:
    """The ids that say where a rule applies name real methods, stages, countries and areas."""
    method_ids = [method["id"] for method in guide.methods]
    region_ids = [region["id"] for region in guide.regions]
    for area in guide.areas:
        check_known(area["regions"], region_ids, Where("data/methods.yml", area["id"], "regions"), "region")
    places = region_ids + [area["id"] for area in guide.areas if area["id"] not in region_ids]
    seen: set[str] = set()
    for route in guide.routes:
        where = Where("data/routes.yml", route["id"])
        check_known(route["methods"], method_ids, where.at("methods"), "method")
        check_known(route["stages"], list(STAGES), where.at("stages"), "stage")
        check_known(route["added_at"], list(STAGES), where.at("added_at"), "stage")
        check_known(route["where"], places, where.at("where"), "country or area")
        for position, rule in enumerate(route["rules"]):
            if rule["id"] in seen:
                raise DataError(where.at(f"rules[{position}].id"), f"rule id '{rule['id']}' is used twice")
            seen.add(rule["id"])
            check_known(rule["where"], places, where.at(f"rules[{position}].where"), "country or area")
            check_known(rule["methods"], method_ids, where.at(f"rules[{position}].methods"), "method")
    for deadline in guide.deadlines:
        where = Where("data/deadlines.yml", deadline["id"])
        check_known(deadline["where"], places, where.at("where"), "country or area")
        check_known(deadline["methods"], method_ids, where.at("methods"), "method")
    for step in guide.steps:
        for position, item in enumerate(step["checklist"]):
            where = Where("data/steps.yml", step["id"], f"checklist[{position}]")
            check_known(item["methods"], method_ids, where.at("methods"), "method")
            check_known(item["where"], places, where.at("where"), "country or area")
