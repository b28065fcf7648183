"""Check the macro calls written in docs/*.md when the data loads, so a mistyped macro name or id
stops the build with the page and line named, instead of failing later without a message."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path

from .data import Guide

CALL = re.compile(r"\{\{-?\s*([A-Za-z_]\w*)\s*\(([^)]*)\)\s*-?\}\}")
STRING_ARGUMENT = re.compile(r"""["']([^"']*)["']""")


def id_kinds(guide: Guide) -> dict[str, tuple[str, Callable[[str], object]]]:
    """For each macro that takes an id: what kind of id, and how to look it up (raises KeyError)."""

    def deadline_with_cap(deadline_id: str) -> object:
        if not guide.deadline(deadline_id)["cap"]:
            raise KeyError(f"deadline '{deadline_id}' has no cap")
        return True

    step = ("step", guide.step)
    return {
        "step_title": step,
        "step_checklist": step,
        "step_deadlines": step,
        "scams_for_step": step,
        "letters_for_step": step,
        "deadline_days": ("deadline", guide.deadline),
        "deadline_cap": ("deadline", deadline_with_cap),
        "scam_page": ("scam type", guide.scam),
        "letter_page": ("letter", guide.letter),
    }


def problems_in(text: str, page: str, known: Iterable[str], guide: Guide) -> list[str]:
    """Every unknown macro, and every unknown id passed to one, in one page's Markdown."""
    known = set(known)
    kinds = id_kinds(guide)
    found = []
    for match in CALL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        name = match.group(1)
        if name not in known:
            found.append(f"{page}, line {line}: unknown macro '{name}'")
            continue
        if name not in kinds:
            continue
        for value in STRING_ARGUMENT.findall(match.group(2)):
            try:
                kinds[name][1](value)
            except KeyError as error:
                found.append(f"{page}, line {line}: {name}: {error.args[0]}")
    return found


def check_pages(docs_dir: Path, known: Iterable[str], guide: Guide) -> list[str]:
    known = list(known)
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        page = f"docs/{path.relative_to(docs_dir).as_posix()}"
        problems += problems_in(path.read_text(encoding="utf-8"), page, known, guide)
    return problems
