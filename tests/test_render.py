"""Unit tests of the render functions and the macros wiring, without a build."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import macros
from macros import render
from macros.data import Guide, load_guide

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def guide() -> Guide:
    return load_guide(ROOT / "data")


class FakePage:
    def __init__(self, src_uri: str) -> None:
        self.file = type("FakeFile", (), {"src_uri": src_uri})()


class FakeEnv:
    """Stand-in for the mkdocs-macros plugin object that define_env receives."""

    def __init__(self) -> None:
        self.project_dir = str(ROOT)
        self.conf: dict[str, Any] = {"theme": {"language": "en"}, "docs_dir": str(ROOT / "docs")}
        self.variables: dict[str, Any] = {}
        self.macros: dict[str, Any] = {}
        self.page = FakePage("index.md")

    def macro(self, function: Any, name: str = "") -> Any:
        self.macros[name or function.__name__] = function
        return function


def test_long_date_cannot_be_misread() -> None:
    assert render.long_date(dt.date(2026, 3, 4), "en") == "4 March 2026"


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("index.md", "steps/evidence.md", "steps/evidence.md"),
        ("steps/dispute.md", "steps/evidence.md", "evidence.md"),
        ("scams/counterfeit.md", "checklist.md", "../checklist.md"),
        ("steps/index.md", "scams/phishing.md", "../scams/phishing.md"),
    ],
)
def test_relative_link(source: str, target: str, expected: str) -> None:
    assert render.relative_link(source, target) == expected


def test_checklist_items_are_labelled_checkboxes_with_stable_ids(guide: Guide) -> None:
    step = guide.step("evidence")
    html = render.checklist_items(step, guide)
    for item in step["checklist"]:
        assert f'data-check-id="{item["id"]}"' in html
    assert html.count('<input type="checkbox"') == len(step["checklist"])
    assert html.count("<label") == len(step["checklist"])


def test_data_text_is_escaped(guide: Guide) -> None:
    item = {"id": "evidence.x", "text": "<script>alert(1)</script>", "hint": None, "only_for": [], "skip_for": []}
    html = render.checklist_items({"id": "evidence", "checklist": [item]}, guide)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_duration_uses_the_day_kind(guide: Guide) -> None:
    assert render.duration(guide.deadline("paypal-dispute"), guide.strings) == "180 days"
    assert render.duration(guide.deadline("co-payment-reversal"), guide.strings) == "5 business days"


def test_deadline_card_shows_source_confidence_and_research_date(guide: Guide) -> None:
    html = render.deadline_card(guide.deadline("paypal-escalation"), guide.strings, "en")
    assert 'href="https://developer.paypal.com/docs/disputes/disputes-reference"' in html
    assert "1 November 2026" in html
    assert guide.strings["confidence.high"] in html


def test_step_without_deadlines_says_so(guide: Guide) -> None:
    assert render.step_deadlines(guide, "evidence", "en") == f"<p>{guide.strings['deadline.none']}</p>"


def test_scam_page_links_its_steps_and_the_checklist(guide: Guide) -> None:
    markdown = render.scam_page_markdown(guide, "non-delivery", "en")
    assert markdown.startswith(f"# {guide.scam('non-delivery')['title']}")
    for step_id in guide.scam("non-delivery")["steps"]:
        assert f"(../steps/{step_id}.md)" in markdown
    assert "(../checklist.md?type=non-delivery)" in markdown, "the problem page opens its own checklist"
    assert "(index.md)" in markdown


def test_firm_card_hides_empty_channels_and_shows_filled_ones(guide: Guide) -> None:
    empty = dataclasses.replace(
        guide,
        firm={**guide.firm, "contact": {"website": None, "email": None, "phone": None, "address": None}},
    )
    assert guide.strings["firm.no_contact"] in render.firm_card(empty)
    filled = dataclasses.replace(
        guide,
        firm={**guide.firm, "contact": {"website": None, "email": "help@example.org", "phone": None, "address": None}},
    )
    card = render.firm_card(filled)
    assert 'E-mail: <a href="mailto:help@example.org">help@example.org</a>' in card
    assert "Website" not in card and "Phone" not in card
    assert guide.strings["firm.no_contact"] not in card


def test_define_env_registers_macros_that_render(guide: Guide) -> None:
    env = FakeEnv()
    macros.define_env(env)
    assert env.variables["guide"].steps == guide.steps
    env.page = FakePage("steps/evidence.md")
    assert "(../scams/" in env.macros["scams_for_step"]("evidence")
    assert env.macros["deadline_days"]("paypal-escalation") == "20 days"
    with pytest.raises(KeyError, match="unknown step 'refunds'"):
        env.macros["step_checklist"]("refunds")


def test_macro_calls_in_pages_are_checked_when_data_loads(guide: Guide) -> None:
    from macros import page_calls

    text = '# {{ step_title("evidnce") }}\n\n{{ deadline_cap("paypal-dispute") }}\n{{ stpe_checklist("evidence") }}\n'
    problems = page_calls.problems_in(text, "docs/x.md", ["step_title", "deadline_cap"], guide)
    assert problems[0].startswith("docs/x.md, line 1: step_title: unknown step 'evidnce'")
    assert problems[1] == "docs/x.md, line 3: deadline_cap: deadline 'paypal-dispute' has no cap"
    assert problems[2] == "docs/x.md, line 4: unknown macro 'stpe_checklist'"
    assert page_calls.problems_in('{{ step_title("evidence") }}', "docs/y.md", ["step_title"], guide) == []
