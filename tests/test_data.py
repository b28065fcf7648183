"""Data validation: the shipped data passes; each kind of mistake fails naming file, entry and field."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data import load_guide
from macros.schema import DATA_FILES, DataError, json_schema_text, schema_name

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


class PlainDumper(yaml.SafeDumper):
    """Writes a value shared by two entries out twice: data files refuse anchors and aliases."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def edit(data_dir: Path, name: str, change: Callable[[Any], None]) -> None:
    path = data_dir / name
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.dump(content, Dumper=PlainDumper, allow_unicode=True, sort_keys=False), encoding="utf-8")


def replace_text(data_dir: Path, name: str, old: str, new: str) -> None:
    """Change the file's text once, where `edit` cannot: YAML that does not survive a round trip."""
    path = data_dir / name
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append_text(data_dir: Path, name: str, text: str) -> None:
    path = data_dir / name
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def entry(items: list[dict[str, Any]], wanted: str) -> dict[str, Any]:
    return next(item for item in items if item["id"] == wanted)


def failure(data_dir: Path) -> str:
    with pytest.raises(DataError) as caught:
        load_guide(data_dir)
    return str(caught.value)


def test_shipped_data_is_valid() -> None:
    guide = load_guide(ROOT / "data")
    assert [step["id"] for step in guide.steps] == [
        "evidence",
        "dispute",
        "buyer-protection",
        "payment-provider",
        "report",
    ]
    assert len(guide.scams) >= 15
    assert sum(len(step["checklist"]) for step in guide.steps) >= 15


def test_malformed_yaml_names_file_and_line(data_dir: Path) -> None:
    (data_dir / "steps.yml").write_text("steps:\n  - id: evidence\n   title: [unclosed\n", encoding="utf-8")
    message = failure(data_dir)
    assert message.startswith("data/steps.yml: entry '(top level)': is not valid YAML at line ")


def test_missing_file_is_named(data_dir: Path) -> None:
    (data_dir / "deadlines.yml").unlink()
    assert failure(data_dir) == "data/deadlines.yml: entry '(top level)': the file is missing"


def test_missing_field(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit").pop("summary"))
    assert failure(data_dir) == "data/scams.yml: entry 'counterfeit': field 'summary': is missing"


def test_misspelt_field(data_dir: Path) -> None:
    def misspell(d: Any) -> None:
        scam = entry(d["scams"], "non-delivery")
        scam["titel"] = scam.pop("title")

    edit(data_dir, "scams.yml", misspell)
    message = failure(data_dir)
    assert message.startswith("data/scams.yml: entry 'non-delivery': field 'titel': is not a known field")


def test_mistyped_field(data_dir: Path) -> None:
    edit(data_dir, "deadlines.yml", lambda d: entry(d["deadlines"], "paypal-dispute").update(days="180"))
    message = failure(data_dir)
    assert message.startswith("data/deadlines.yml: entry 'paypal-dispute': field 'days': must be a whole number")


def test_list_item_of_wrong_type(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit")["signs"].append(42))
    message = failure(data_dir)
    assert "data/scams.yml: entry 'counterfeit': field 'signs[" in message
    assert "must be non-empty text, got int 42" in message


def test_duplicate_id(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: d["scams"].append(dict(entry(d["scams"], "counterfeit"))))
    message = failure(data_dir)
    assert message.startswith("data/scams.yml: entry 'counterfeit': field 'id': is used twice")


def test_badly_formed_id(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit").update(id="Fake Item"))
    message = failure(data_dir)
    assert message.startswith("data/scams.yml: entry 'Fake Item': field 'id': must be a lowercase-hyphenated id")


def test_unknown_step_in_scam(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit")["steps"].append("refund-now"))
    message = failure(data_dir)
    assert "data/scams.yml: entry 'counterfeit': field 'steps[" in message
    assert "unknown step 'refund-now'" in message


def test_a_scam_lists_no_deadlines_by_hand(data_dir: Path) -> None:
    """Time limits follow from the routes the remedies recommend; a hand-kept list is refused."""
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "non-delivery").update(deadlines=["paypal-dispute"]))
    assert failure(data_dir).startswith("data/scams.yml: entry 'non-delivery': field 'deadlines': is not a known field")


def test_unknown_route_in_remedy(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "non-delivery")["remedies"][0].update(routes=["pigeon"]))
    message = failure(data_dir)
    assert message.startswith(
        "data/scams.yml: entry 'non-delivery': field 'remedies[0].routes[0]': unknown route 'pigeon'"
    )


def test_unknown_deadline_in_route(data_dir: Path) -> None:
    edit(data_dir, "routes.yml", lambda d: entry(d["routes"], "paypal")["deadlines"].append("no-such-limit"))
    message = failure(data_dir)
    assert message.startswith("data/routes.yml: entry 'paypal': field 'deadlines[2]': unknown deadline 'no-such-limit'")


def test_a_rule_repeats_only_a_rule_of_another_route(data_dir: Path) -> None:
    def repeat(rule_id: str) -> Callable[[Any], None]:
        return lambda d: entry(d["routes"], "paypal")["rules"][0].update(same_as=rule_id)

    edit(data_dir, "routes.yml", repeat("no-such-rule"))
    message = failure(data_dir)
    assert message.startswith(
        "data/routes.yml: entry 'paypal': field 'rules[0].same_as': unknown rule of another route 'no-such-rule'"
    )
    edit(data_dir, "routes.yml", repeat("paypal-labels-latin-america"))
    assert "unknown rule of another route 'paypal-labels-latin-america'" in failure(data_dir)


def test_deadline_needs_days_or_months(data_dir: Path) -> None:
    edit(data_dir, "deadlines.yml", lambda d: entry(d["deadlines"], "paypal-dispute").update(months=6))
    assert failure(data_dir).startswith(
        "data/deadlines.yml: entry 'paypal-dispute': field 'days': give the limit as days or as months"
    )


@pytest.mark.parametrize(("kind", "confidence"), [("secondary", "high"), ("copy", "high"), ("general", "high")])
def test_confidence_cannot_outrun_its_source(data_dir: Path, kind: str, confidence: str) -> None:
    def weaken(d: Any) -> None:
        deadline = entry(d["deadlines"], "paypal-dispute")
        deadline["source"]["kind"] = kind
        deadline["confidence"] = confidence

    edit(data_dir, "deadlines.yml", weaken)
    assert failure(data_dir).startswith(
        f"data/deadlines.yml: entry 'paypal-dispute': field 'confidence': a source of kind '{kind}' supports"
    )


def test_choice_field_needs_reasons(data_dir: Path) -> None:
    edit(data_dir, "letters.yml", lambda d: entry(d["letters"], "paypal-claim").pop("reasons"))
    message = failure(data_dir)
    assert message == "data/letters.yml: entry 'paypal-claim': field 'reasons': uses 'claim-reason': list its reasons"


def test_unknown_group_in_scam(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit").update(group="misc"))
    message = failure(data_dir)
    assert message.startswith("data/scams.yml: entry 'counterfeit': field 'group': unknown group 'misc'")


def test_unknown_step_in_deadline(data_dir: Path) -> None:
    edit(data_dir, "deadlines.yml", lambda d: entry(d["deadlines"], "paypal-dispute").update(steps=["paypal"]))
    message = failure(data_dir)
    assert message.startswith("data/deadlines.yml: entry 'paypal-dispute': field 'steps[0]': unknown step 'paypal'")


def test_url_must_be_https(data_dir: Path) -> None:
    def downgrade(d: Any) -> None:
        entry(d["deadlines"], "paypal-dispute")["source"]["url"] = "http://www.paypal.com/"

    edit(data_dir, "deadlines.yml", downgrade)
    message = failure(data_dir)
    assert message.startswith("data/deadlines.yml: entry 'paypal-dispute': field 'source.url': must be an https://")


def test_agency_url_must_be_https(data_dir: Path) -> None:
    edit(data_dir, "agencies.yml", lambda d: d["regions"][0]["agencies"][0].update(url="econsumer.gov"))
    region = yaml.safe_load((data_dir / "agencies.yml").read_text(encoding="utf-8"))["regions"][0]["id"]
    message = failure(data_dir)
    assert message.startswith(f"data/agencies.yml: entry '{region}': field 'agencies[0].url': must be an https://")


def test_impossible_date(data_dir: Path) -> None:
    edit(
        data_dir,
        "deadlines.yml",
        lambda d: entry(d["deadlines"], "card-chargeback-not-received").update(as_of="2026-13-01"),
    )
    message = failure(data_dir)
    assert message.startswith("data/deadlines.yml: entry 'card-chargeback-not-received': field 'as_of': must be a date")


def test_confidence_is_a_fixed_choice(data_dir: Path) -> None:
    edit(
        data_dir,
        "deadlines.yml",
        lambda d: entry(d["deadlines"], "card-chargeback-not-received").update(confidence="sure"),
    )
    message = failure(data_dir)
    assert message.startswith(
        "data/deadlines.yml: entry 'card-chargeback-not-received': field 'confidence': must be one of"
    )


def test_checklist_item_belongs_to_its_step(data_dir: Path) -> None:
    edit(data_dir, "steps.yml", lambda d: entry(d["steps"], "dispute")["checklist"][0].update(id="report.open"))
    message = failure(data_dir)
    assert message.startswith("data/steps.yml: entry 'dispute': field 'checklist[0].id': 'report.open' must start")


def test_checklist_item_ids_are_unique(data_dir: Path) -> None:
    def duplicate(d: Any) -> None:
        items = entry(d["steps"], "evidence")["checklist"]
        items[1]["id"] = items[0]["id"]

    edit(data_dir, "steps.yml", duplicate)
    message = failure(data_dir)
    assert message.startswith("data/steps.yml: entry 'evidence': field 'checklist[1].id':")
    assert "is used twice" in message


def test_firm_contact_is_checked(data_dir: Path) -> None:
    edit(data_dir, "firm.yml", lambda d: d["contact"].update(email="write to us"))
    message = failure(data_dir)
    assert message.startswith("data/firm.yml: entry '(top level)': field 'contact.email': must be an e-mail")


def test_missing_string(data_dir: Path) -> None:
    edit(data_dir, "strings.yml", lambda d: d.pop("scam.signs"))
    assert failure(data_dir) == "data/strings.yml: entry '(top level)': field 'scam.signs': is missing"


def test_tailoring_names_real_scam_types(data_dir: Path) -> None:
    edit(data_dir, "steps.yml", lambda d: entry(d["steps"], "report")["checklist"][0].update(only_for=["scam-x"]))
    message = failure(data_dir)
    assert message.startswith("data/steps.yml: entry 'report': field 'checklist[0].only_for[0]': unknown scam type")


def test_tailored_item_must_be_reachable(data_dir: Path) -> None:
    edit(data_dir, "steps.yml", lambda d: entry(d["steps"], "dispute")["checklist"][0].update(only_for=["phishing"]))
    message = failure(data_dir)
    assert message.startswith("data/steps.yml: entry 'dispute': field 'checklist[0].only_for[0]': 'phishing' does not")


def test_checklist_first_must_be_on_the_types_list(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "recovery-scam").update(checklist_first=["dispute.x"]))
    message = failure(data_dir)
    assert message.startswith("data/scams.yml: entry 'recovery-scam': field 'checklist_first[0]': unknown checklist")


def test_letter_placeholder_must_be_declared(data_dir: Path) -> None:
    def add_placeholder(d: Any) -> None:
        entry(d["letters"], "card-chargeback")["body"] += "\nReference: [case-reference]\n"

    edit(data_dir, "letters.yml", add_placeholder)
    message = failure(data_dir)
    assert message.startswith("data/letters.yml: entry 'card-chargeback': field 'body': uses the placeholder")
    assert "[case-reference]" in message


def test_letter_translation_placeholder_must_be_declared(data_dir: Path) -> None:
    def add_placeholder(d: Any) -> None:
        entry(d["letters"], "seller-message")["translation"]["body"] += "\n[case-reference]\n"

    edit(data_dir, "letters.yml", add_placeholder)
    message = failure(data_dir)
    assert message.startswith("data/letters.yml: entry 'seller-message': field 'translation.body': uses the")


def test_letter_field_declared_but_unused(data_dir: Path) -> None:
    def declare_unused(d: Any) -> None:
        letter = entry(d["letters"], "card-chargeback")
        unused = next(f["id"] for f in d["fields"] if f["id"] not in letter["fields"])
        letter["fields"].append(unused)

    edit(data_dir, "letters.yml", declare_unused)
    message = failure(data_dir)
    assert message.startswith("data/letters.yml: entry 'card-chargeback': field 'fields[")
    assert "is declared but the body never uses it" in message


def _unfilled_subject(d: Any) -> None:
    entry(d["letters"], "card-chargeback").pop("subject")


def _paragraph_with_a_stranger(d: Any) -> None:
    entry(d["letters"], "card-chargeback")["by_country"][0]["paragraph"] += " [case-reference]"


def _nowhere(d: Any) -> None:
    entry(d["letters"], "card-chargeback")["by_country"][0]["where"] = ["atlantis"]


@pytest.mark.parametrize(
    ("mistake", "start", "problem"),
    [
        (_unfilled_subject, "field 'body'", "uses [letter-subject], which nothing here fills"),
        (_paragraph_with_a_stranger, "field 'by_country[0].paragraph'", "'[case-reference]', which is not one of"),
        (_nowhere, "field 'by_country[0].where[0]'", "unknown country or area 'atlantis'"),
    ],
)
def test_a_letters_country_texts_fill_only_its_slots(data_dir: Path, mistake: Any, start: str, problem: str) -> None:
    edit(data_dir, "letters.yml", mistake)
    message = failure(data_dir)
    assert message.startswith(f"data/letters.yml: entry 'card-chargeback': {start}"), message
    assert problem in message


@pytest.mark.parametrize(
    ("field_id", "label"),
    [
        ("card-number", "Card number"),
        ("card-cvv", "Security code"),
        ("bank-pin", "Your PIN"),
        ("account-login", "Your AliExpress password"),
    ],
)
def test_letter_fields_never_ask_for_card_numbers_or_secrets(data_dir: Path, field_id: str, label: str) -> None:
    new_field = {"id": field_id, "label": label, "kind": "text", "example": "x"}
    edit(data_dir, "letters.yml", lambda d: d["fields"].append(new_field))
    message = failure(data_dir)
    assert message.startswith(f"data/letters.yml: entry '{field_id}': field '")
    assert "looks like a full card number or a secret" in message


def test_letter_steps_must_exist(data_dir: Path) -> None:
    edit(data_dir, "letters.yml", lambda d: entry(d["letters"], "paypal-claim").update(steps=["paypal"]))
    message = failure(data_dir)
    assert message.startswith("data/letters.yml: entry 'paypal-claim': field 'steps[0]': unknown step 'paypal'")


# --- optional fields keep the shape the rendering code reads ----------------------------------


def test_optional_fields_are_present_with_their_defaults() -> None:
    guide = load_guide(ROOT / "data")
    route = entry(guide.routes, "aliexpress-review")
    assert route["deadlines"] == []
    deadline = entry(guide.deadlines, "paypal-dispute")
    assert deadline["months"] is None and deadline["cap"] is None and deadline["day_kind"] == "calendar"
    assert guide.firm["contact"] == {"website": None, "email": None, "phone": None, "address": None}


# --- strict types: no silent coercion -----------------------------------------------------------


def test_a_bool_is_not_a_number(data_dir: Path) -> None:
    edit(data_dir, "credit.yml", lambda d: d["source_article"].update(year=True))
    assert failure(data_dir) == (
        "data/credit.yml: entry '(top level)': field 'source_article.year': "
        "must be a whole number above 0, got bool True"
    )


def test_a_date_with_a_time_is_not_a_date(data_dir: Path) -> None:
    replace_text(data_dir, "deadlines.yml", "as_of: 2026-11-01", "as_of: 2026-11-01 10:00:00")
    message = failure(data_dir)
    assert message.startswith("data/deadlines.yml: entry 'aliexpress-dispute-window': field 'as_of': must be a date")


def test_a_reference_listed_twice(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit")["steps"].insert(0, "evidence"))
    assert failure(data_dir).startswith(
        "data/scams.yml: entry 'counterfeit': field 'steps[1]': 'evidence' is listed twice"
    )


def test_agency_ids_are_unique_across_regions(data_dir: Path) -> None:
    def reuse(d: Any) -> None:
        d["regions"][1]["agencies"][0]["id"] = d["regions"][0]["agencies"][0]["id"]

    edit(data_dir, "agencies.yml", reuse)
    region = yaml.safe_load((data_dir / "agencies.yml").read_text(encoding="utf-8"))["regions"][1]["id"]
    message = failure(data_dir)
    assert message.startswith(f"data/agencies.yml: entry '{region}': field 'agencies[0].id': ")
    assert "is used twice" in message


def test_two_unknown_keys_of_different_types(data_dir: Path) -> None:
    """The old check sorted the unknown keys, and 1 < 'zzz' is a TypeError."""
    append_text(data_dir, "credit.yml", "  1: one\n  zzz: two\n")
    message = failure(data_dir)
    assert message.startswith("data/credit.yml: entry '(top level)': field 'source_article.1': is not a known field")


def test_unknown_key_suggests_the_known_one(data_dir: Path) -> None:
    edit(data_dir, "strings.yml", lambda d: d.update({"scam.sings": d.pop("scam.signs")}))
    assert failure(data_dir) == (
        "data/strings.yml: entry '(top level)': field 'scam.sings': is not a known field (did you mean 'scam.signs'?)"
    )


def test_overlong_id(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit").update(id="a" * 300))
    message = failure(data_dir)
    assert message.endswith("field 'id': is too long: 300 characters, at most 64")
    assert len(message) < 200


# --- inert text ---------------------------------------------------------------------------------


def test_template_code_in_a_scam_title(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit").update(title="{{ cycler.__init__ }}"))
    assert failure(data_dir).startswith(
        "data/scams.yml: entry 'counterfeit': field 'title': contains '{{' at character 1"
    )


@pytest.mark.parametrize("code", ["{% include 'x' %}", "{# note #}"])
def test_template_statements_and_comments_in_a_checklist_hint(data_dir: Path, code: str) -> None:
    edit(data_dir, "steps.yml", lambda d: entry(d["steps"], "report")["checklist"][0].update(hint=f"See {code}"))
    message = failure(data_dir)
    assert message.startswith(f"data/steps.yml: entry 'report': field 'checklist[0].hint': contains '{code[:2]}'")


def test_template_code_in_strings(data_dir: Path) -> None:
    edit(data_dir, "strings.yml", lambda d: d.update({"scam.signs": "{{ cycler.__init__ }}"}))
    message = failure(data_dir)
    assert message.startswith("data/strings.yml: entry '(top level)': field 'scam.signs': contains '{{'")


def test_control_character_in_a_letter_title(data_dir: Path) -> None:
    edit(data_dir, "letters.yml", lambda d: entry(d["letters"], "card-chargeback").update(title="Card\x07 dispute"))
    assert failure(data_dir) == (
        "data/letters.yml: entry 'card-chargeback': field 'title': contains the control character U+0007 at "
        "character 5; only tabs and line breaks are allowed"
    )


def test_lone_surrogate(data_dir: Path) -> None:
    edit(data_dir, "firm.yml", lambda d: d.update(name="Landing \ud800"))  # YAML writes it as a \u escape
    assert failure(data_dir).startswith(
        "data/firm.yml: entry '(top level)': field 'name': contains a lone surrogate U+D800 at character 9"
    )


def test_text_too_long(data_dir: Path) -> None:
    edit(data_dir, "scams.yml", lambda d: entry(d["scams"], "counterfeit").update(summary="x" * 5_001))
    assert failure(data_dir) == (
        "data/scams.yml: entry 'counterfeit': field 'summary': is too long: 5,001 characters, at most 5,000"
    )


# --- strings.yml templates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        ("{days.__class__.__mro__} days", "has '{days.__class__.__mro__}' at character 1, which is not a placeholder"),
        ("{days[0]} days", "has '{days[0]}' at character 1, which is not a placeholder"),
        ("{days!r} days", "has '{days!r}' at character 1, which is not a placeholder"),
        ("{days:>10} days", "has '{days:>10}' at character 1, which is not a placeholder"),
        ("{days} days}", "has '}' at character 12, which is not a placeholder"),
        ("{ days", "has '{' at character 1, which is not a placeholder"),
        ("{days} days in {months}", "uses {months}, which this text cannot fill (it takes: {days})"),
        ("some days", "must keep the placeholder(s) {days}"),
    ],
)
def test_strings_placeholders(data_dir: Path, template: str, problem: str) -> None:
    edit(data_dir, "strings.yml", lambda d: d.update({"days.calendar": template}))
    assert failure(data_dir).startswith(f"data/strings.yml: entry '(top level)': field 'days.calendar': {problem}")


def test_a_text_without_placeholders_takes_none(data_dir: Path) -> None:
    edit(data_dir, "strings.yml", lambda d: d.update({"scam.signs": "Signs of {type}"}))
    assert failure(data_dir).endswith("field 'scam.signs': uses {type}, which this text cannot fill (it takes: none)")


# --- letter bodies ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("bracketed", "shown"),
    [("[order_number]", "[order_number]"), ("[Order number]", "[Order number]"), ("[order", "[")],
)
def test_square_brackets_in_a_body_are_declared_placeholders(data_dir: Path, bracketed: str, shown: str) -> None:
    def add(d: Any) -> None:
        entry(d["letters"], "card-chargeback")["body"] += f"\nOrder: {bracketed}\n"

    edit(data_dir, "letters.yml", add)
    message = failure(data_dir)
    assert message.startswith(f"data/letters.yml: entry 'card-chargeback': field 'body': has '{shown}' at character ")
    assert message.endswith(
        "square brackets are only for placeholders, each a field id from its fields, like [order-number]"
    )


# --- the YAML loader ----------------------------------------------------------------------------


def test_duplicate_key(data_dir: Path) -> None:
    append_text(data_dir, "firm.yml", "name: Someone Else\n")
    message = failure(data_dir)
    assert message.startswith("data/firm.yml: entry '(top level)': has the key 'name' twice, at lines ")


def test_second_top_level_list_is_a_duplicate_key(data_dir: Path) -> None:
    append_text(data_dir, "agencies.yml", "regions:\n  - id: atlantis\n")
    assert "has the key 'regions' twice" in failure(data_dir)


def test_anchors_and_aliases_are_refused(data_dir: Path) -> None:
    replace_text(data_dir, "routes.yml", "title: AliExpress dispute", "title: &name AliExpress dispute")
    assert "defines the anchor &name at line " in failure(data_dir)


@pytest.mark.parametrize(("value", "tag"), [("!!timestamp soon", "!!timestamp"), ("!!binary aGk=", "!!binary")])
def test_tags_are_refused(data_dir: Path, value: str, tag: str) -> None:
    """`!!timestamp soon` used to crash the loader with an AttributeError; `!!binary` gave bytes."""
    replace_text(data_dir, "credit.yml", "year: 2022", f"year: {value}")
    message = failure(data_dir)
    assert message.startswith(f"data/credit.yml: entry '(top level)': uses the tag '{tag}' at line ")


def test_merge_keys_are_refused(data_dir: Path) -> None:
    append_text(data_dir, "credit.yml", "  <<: {topic: something else}\n")
    assert "uses a merge key (<<)" in failure(data_dir)


def test_impossible_date_in_yaml(data_dir: Path) -> None:
    """YAML reads 2026-02-30 as a date, and Python refuses it: that used to be a traceback."""
    replace_text(data_dir, "deadlines.yml", "as_of: 2026-11-01", "as_of: 2026-02-30")
    message = failure(data_dir)
    assert message.startswith("data/deadlines.yml: entry '(top level)': '2026-02-30' is not a real date at line ")


def test_not_utf8(data_dir: Path) -> None:
    (data_dir / "firm.yml").write_bytes(b"name: Landing\xff\n")
    assert failure(data_dir) == "data/firm.yml: entry '(top level)': is not valid UTF-8 text at byte 13 (line 1)"


def test_deep_nesting_fails_fast(data_dir: Path) -> None:
    (data_dir / "firm.yml").write_text("a: " + "[" * 5000 + "]" * 5000, encoding="utf-8")
    started = time.process_time()
    message = failure(data_dir)
    assert time.process_time() - started < 2
    assert message == "data/firm.yml: entry '(top level)': nests lists or mappings more than 50 levels deep at line 1"


# Nine levels of nine aliases: 9**9 "lol"s from a few hundred bytes, all under keys strings.yml
# knows, so that only the loader can stop it (the old check tried to print the whole value).
LAUGH_KEYS = ["scam.signs", "scam.evidence", "scam.remedies", "scam.steps", "scam.next", "firm.email", "firm.phone"]
BILLION_LAUGHS = "".join(
    [f"firm.address: &l0 [{', '.join(['lol'] * 9)}]\n"]
    + [f"{key}: &l{n} [{', '.join([f'*l{n - 1}'] * 9)}]\n" for n, key in enumerate(LAUGH_KEYS, start=1)]
    + [f"days.calendar: [{', '.join([f'*l{len(LAUGH_KEYS)}'] * 9)}]\n"]
)


def test_billion_laughs_fails_fast(data_dir: Path) -> None:
    (data_dir / "strings.yml").write_text(BILLION_LAUGHS, encoding="utf-8")
    started = time.process_time()
    message = failure(data_dir)
    assert time.process_time() - started < 2
    assert message.startswith("data/strings.yml: entry '(top level)': defines the anchor &l0 at line 1")


def test_a_10_mb_value_gives_a_short_message(data_dir: Path) -> None:
    (data_dir / "firm.yml").write_text(f"name: {'x' * 10_000_000}\n", encoding="utf-8")
    message = failure(data_dir)
    assert message == "data/firm.yml: entry '(top level)': is too big: 10,000,007 bytes, at most 1,000,000"


def test_a_huge_wrong_value_is_shortened_in_the_message(data_dir: Path) -> None:
    replace_text(data_dir, "credit.yml", "year: 2022", f"year: {'x' * 900_000}")
    message = failure(data_dir)
    assert "field 'source_article.year': must be a whole number above 0, got str 'xxx" in message
    assert len(message) < 500


# --- JSON Schemas for editors -------------------------------------------------------------------


@pytest.mark.parametrize("data_file", sorted(DATA_FILES))
def test_json_schema_is_up_to_date(data_file: str) -> None:
    committed = (ROOT / "schemas" / f"{schema_name(data_file)}.schema.json").read_text(encoding="utf-8")
    assert committed == json_schema_text(data_file), "run `make schemas` and commit schemas/"


@pytest.mark.parametrize("data_file", sorted(DATA_FILES))
def test_data_file_points_at_its_schema(data_file: str) -> None:
    first_line = (ROOT / "data" / data_file).read_text(encoding="utf-8").split("\n", 1)[0]
    assert first_line == f"# yaml-language-server: $schema=../schemas/{schema_name(data_file)}.schema.json"


def test_no_stray_schemas_or_data_files() -> None:
    assert sorted(path.name for path in (ROOT / "data").glob("*.yml")) == sorted(DATA_FILES)
    schemas = sorted(path.name for path in (ROOT / "schemas").glob("*.json"))
    assert schemas == sorted(f"{schema_name(name)}.schema.json" for name in DATA_FILES)


@pytest.mark.parametrize("data_file", sorted(DATA_FILES))
def test_shipped_data_passes_its_json_schema(data_file: str) -> None:
    """What the editor checks agrees with the build: no false alarms on the shipped files."""
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((ROOT / "schemas" / f"{schema_name(data_file)}.schema.json").read_text(encoding="utf-8"))
    content = yaml.safe_load((ROOT / "data" / data_file).read_text(encoding="utf-8"))
    as_json = json.loads(json.dumps(content, default=str))  # YAML dates become YYYY-MM-DD text, as editors see them
    jsonschema.Draft202012Validator(schema).validate(as_json)


def test_a_glossary_word_means_one_thing(data_dir: Path) -> None:
    edit(data_dir, "glossary.yml", lambda d: entry(d["terms"], "carrier")["forms"].append("chargeback"))
    message = failure(data_dir)
    assert (
        message == "data/glossary.yml: entry 'carrier': field 'forms[3]': 'chargeback' is also a form of 'chargeback'"
    )


@pytest.mark.parametrize(
    ("file", "kind"), [("deadlines.yml", "vendor"), ("deadlines.yml", "blog"), ("agencies.yml", "blog")]
)
def test_a_blog_or_a_vendor_cannot_back_a_time_limit_or_a_body(data_dir: Path, file: str, kind: str) -> None:
    def weaken(d: Any) -> None:
        record = entry(d["deadlines"], "paypal-dispute") if file == "deadlines.yml" else d["regions"][0]["agencies"][0]
        record["source"]["kind"] = kind
        record["confidence"] = "low"

    edit(data_dir, file, weaken)
    assert f"source.kind': a source of kind '{kind}' cannot back a time limit or a body" in failure(data_dir)
