"""Data validation: the shipped data passes; each kind of mistake fails naming file, entry and field."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from macros.data import load_guide
from macros.schema import DataError

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A private copy of data/ that a test may break."""
    target = tmp_path / "data"
    shutil.copytree(ROOT / "data", target)
    return target


def edit(data_dir: Path, name: str, change: Callable[[Any], None]) -> None:
    path = data_dir / name
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)
    path.write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), encoding="utf-8")


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


def test_deadline_needs_days_or_months(data_dir: Path) -> None:
    edit(data_dir, "deadlines.yml", lambda d: entry(d["deadlines"], "paypal-dispute").update(months=6))
    assert failure(data_dir).startswith(
        "data/deadlines.yml: entry 'paypal-dispute': field 'days': give the limit as days or as months"
    )


@pytest.mark.parametrize(("kind", "confidence"), [("secondary", "medium"), ("copy", "high")])
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
