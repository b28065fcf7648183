"""Fact age: every volatile fact in data/, with its source, confidence, research date and age.

Run with `make facts`. It prints a Markdown table, oldest research first, so the team knows what to
look up again. A fact is a time limit in data/deadlines.yml, an agency in data/agencies.yml or a
route's rule in data/routes.yml; each carries its own source and research date. Age is measured,
never tested: tests/test_facts.py fails only when a fact has no source or no date.
"""

from __future__ import annotations

import datetime as dt
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True)
class Fact:
    kind: str  # "deadline", "agency" or "rule"
    id: str
    title: str
    source_name: str | None
    source_url: str | None
    confidence: str
    as_of: dt.date | None
    source_kind: str | None = None  # official, copy, secondary, general (the models refuse vendor and blog)

    def age(self, today: dt.date) -> int | None:
        return (today - self.as_of).days if self.as_of else None


def fact(kind: str, entry: dict[str, Any], title: str) -> Fact:
    """A deadline or an agency: both carry a source, a confidence and a research date."""
    source = entry.get("source") or {}
    return Fact(
        kind,
        entry["id"],
        title,
        source.get("name"),
        source.get("url"),
        entry["confidence"],
        entry.get("as_of"),
        source.get("kind"),
    )


def volatile_facts(guide: Any) -> list[Fact]:
    """Every deadline and agency, oldest research first (a fact with no date comes first of all);
    facts of the same date keep the order of the data files."""
    facts = [fact("deadline", deadline, deadline["title"]) for deadline in guide.deadlines]
    facts += [
        fact("agency", agency, f"{agency['name']} ({region['name']})")
        for region in guide.regions
        for agency in region["agencies"]
    ]
    facts += [
        fact("rule", rule, f"{route['title']}: {rule['id']}")
        for route in getattr(guide, "routes", [])
        for rule in route["rules"]
    ]
    return sorted(facts, key=lambda item: item.as_of or dt.date.min)


def missing(fact: Fact) -> list[str]:
    """What a fact lacks: its source (a name and a URL) or its date."""
    gaps = []
    if not fact.source_name:
        gaps.append("source name")
    if not fact.source_url:
        gaps.append("source URL")
    if not fact.as_of:
        gaps.append("as_of")
    return gaps


def cell(value: str) -> str:
    return value.replace("|", "\\|").replace("\n", " ")


def source_cell(fact: Fact) -> str:
    if fact.source_url and fact.source_name:
        return f"[{cell(fact.source_name)}]({fact.source_url}) ({fact.source_kind or '**no kind**'})"
    if fact.source_url:
        return f"<{fact.source_url}>"
    return "**missing**" if fact.source_name is None else f"{cell(fact.source_name)} (**no URL**)"


def markdown_table(facts: list[Fact], today: dt.date) -> str:
    lines = [
        "| Age (days) | As of | Kind | Id | Fact | Confidence | Source |",
        "| ---: | --- | --- | --- | --- | --- | --- |",
    ]
    for fact in facts:
        age = fact.age(today)
        lines.append(
            f"| {'**missing**' if age is None else age} | {fact.as_of or '**missing**'} | {fact.kind} | {fact.id} "
            f"| {cell(fact.title)} | {fact.confidence} | {source_cell(fact)} |"
        )
    return "\n".join(lines)


def report(guide: Any, today: dt.date) -> str:
    """The whole `make facts` output: the table, then a line on the oldest fact and any gaps."""
    facts = volatile_facts(guide)
    dated = [fact for fact in facts if fact.as_of]
    summary = [f"{len(facts)} facts, as of {today.isoformat()}."]
    if dated:
        oldest = dated[0]
        summary.append(f"Oldest research: {oldest.age(today)} days ({oldest.kind} {oldest.id}, {oldest.as_of}).")
    gaps = [f"{fact.kind} {fact.id}: no {', no '.join(missing(fact))}" for fact in facts if missing(fact)]
    if gaps:
        summary.append("Facts without a source or a date:\n" + "\n".join(f"- {gap}" for gap in gaps))
    return markdown_table(facts, today) + "\n\n" + "\n".join(summary)


def main() -> None:
    from macros.data import load_guide

    print(report(load_guide(ROOT / "data"), dt.date.today()))


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()
