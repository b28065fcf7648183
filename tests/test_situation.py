"""The situation model: plan(type, stage, method, country) against a table of expected results, and
the browser's copy of the query (docs/assets/js/situation-plan.js) against the Python one."""

from __future__ import annotations

import itertools
import json
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

from macros.data import load_guide
from macros.schema import DataError
from macros.situation import plan, plan_data

GUIDE = load_guide(ROOT / "data")

STAGES = ("not-disputed", "dispute-open", "dispute-closed", "said-no")
METHODS = (
    "credit-card",
    "debit-card",
    "amex",
    "paypal",
    "pay-later",
    "bank-transfer",
    "pix",
    "boleto",
    "bizum",
    "spei-oxxo",
    "unknown",
)
COUNTRIES = ("united-states", "united-kingdom", "spain", "brazil", "mexico", "colombia", "chile", "not-listed")
EU = {"spain"}
ANY = None  # a rule column that does not narrow


@dataclass(frozen=True)
class Rule:
    """When one time limit belongs in a plan: its route is one of the type's routes (or the stage adds
    it), and the method, country and stage are among these (ANY: all)."""

    route: str
    methods: set[str] | None = ANY
    countries: set[str] | None = ANY
    stages: set[str] | None = ANY


CARDS = {"credit-card", "debit-card", "amex"}
BEFORE_A_NO = {"not-disputed", "dispute-open"}
# The expected results, written from the law and the schemes' rules, not read from the data's tags.
LIMITS = {
    "aliexpress-dispute-window": Rule("dispute", stages=BEFORE_A_NO),
    "paypal-dispute": Rule("paypal", {"paypal"}),
    "paypal-escalation": Rule("paypal", {"paypal"}),
    "paypal-dispute-not-as-described": Rule("paypal-not-as-described", {"paypal"}),
    "eu-withdrawal": Rule("withdrawal", countries=EU),
    "br-withdrawal": Rule("withdrawal", countries={"brazil"}),
    "uk-withdrawal": Rule("withdrawal", countries={"united-kingdom"}),
    "kr-withdrawal": Rule("withdrawal", countries={"south-korea"}),
    "br-defect-complaint": Rule("withdrawal", countries={"brazil"}),
    "cl-retracto": Rule("withdrawal", countries={"chile"}),
    "ar-arrepentimiento": Rule("withdrawal", countries={"argentina"}),
    "co-retracto": Rule("withdrawal", countries={"colombia"}),
    "mx-revocacion": Rule("withdrawal", countries={"mexico"}),
    "card-credit-not-processed": Rule("card-credit-not-processed", CARDS),
    "uk-section-75": Rule("uk-section-75", {"credit-card"}, {"united-kingdom"}),
    "klarna-problem": Rule("klarna", {"pay-later"}),
    "card-chargeback-not-received": Rule("card-not-received", {"credit-card", "debit-card"}),
    "card-chargeback-not-as-described": Rule("card-not-as-described", {"credit-card", "debit-card"}),
    "amex-dispute": Rule("card-not-received", {"amex"}),
    "us-billing-error": Rule("us-billing-error", {"credit-card", "amex"}, {"united-states"}),
    "eu-unauthorised-payment": Rule("unauthorised", CARDS | {"bank-transfer"}, EU),
    "uk-unauthorised-payment": Rule("unauthorised", CARDS | {"bank-transfer"}, {"united-kingdom"}),
    "us-unauthorised-debit": Rule("unauthorised", {"debit-card", "bank-transfer"}, {"united-states"}),
    "uk-scam-transfer": Rule("bank-transfer", {"bank-transfer"}, {"united-kingdom"}),
    "pix-med": Rule("bank-transfer", {"pix"}, {"brazil"}),
    "mx-aclaracion": Rule("unauthorised", CARDS, {"mexico"}),
    # Ley 1480 art. 51: card or other electronic payments; on the card routes and for fraud.
    "co-payment-reversal": Rule("unauthorised", CARDS, {"colombia"}),
    "eu-provider-complaint-reply": Rule("complaint", countries=EU, stages={"said-no"}),
    "uk-financial-ombudsman": Rule("complaint", countries={"united-kingdom"}, stages={"said-no"}),
    "ca-obsi-complaint": Rule("complaint", countries={"canada"}, stages={"said-no"}),
    "au-bank-complaint-reply": Rule("complaint", countries={"australia"}, stages={"said-no"}),
}
# The amex limit also sits on the not-as-described route, and PayPal's own limits on PayPal's route for
# an item that is not as described.
ALSO_ON = {
    "amex-dispute": {"card-not-as-described"},
    "paypal-dispute": {"paypal-not-as-described"},
    "paypal-escalation": {"paypal-not-as-described"},
    "mx-aclaracion": {"card-not-received", "card-not-as-described", "card-credit-not-processed"},
    "co-payment-reversal": {"card-not-received", "card-not-as-described"},
}
LATIN_AMERICA = {"mexico", "chile", "argentina", "colombia", "peru"}
# The routes' rules by way of paying and country (what a route means there), written from the reviews.
RULES = {
    "br-checkout-pix-boleto": Rule("dispute", {"pix", "boleto"}, {"brazil"}, BEFORE_A_NO),
    "mx-checkout-oxxo-spei": Rule("dispute", {"spei-oxxo"}, {"mexico"}, BEFORE_A_NO),
    "paypal-labels-latin-america": Rule("paypal", {"paypal"}, LATIN_AMERICA),
    "paypal-labels-latin-america-not-as-described": Rule("paypal-not-as-described", {"paypal"}, LATIN_AMERICA),
    "br-pix-to-a-scammer": Rule("bank-transfer", {"pix"}, {"brazil"}),
    "es-bizum": Rule("bank-transfer", {"bizum"}, {"spain"}),
    "mx-spei-to-a-scammer": Rule("bank-transfer", {"spei-oxxo"}, {"mexico"}),
    "br-compra-nao-reconhecida": Rule("unauthorised", CARDS | {"bank-transfer"}, {"brazil"}),
    "cl-ley-20009": Rule("unauthorised", CARDS | {"bank-transfer"}, {"chile"}),
    "br-bank-complaint-path": Rule("complaint", countries={"brazil"}, stages={"said-no"}),
}
# Routes that every problem type gets at a stage (a complaint once the bank or PayPal said no).
ADDED_AT = {"said-no": {"complaint"}}


def type_routes(scam_id: str) -> set[str]:
    return {route for remedy in GUIDE.scam(scam_id)["remedies"] for route in remedy["routes"]}


def expected_limits(scam_id: str, stage: str, method: str, country: str, table: dict[str, Rule] = LIMITS) -> set[str]:
    routes = type_routes(scam_id) | ADDED_AT.get(stage, set())
    wanted = set()
    for limit, rule in table.items():
        on_route = rule.route in routes or bool(ALSO_ON.get(limit, set()) & routes)
        method_ok = rule.methods is ANY or method == "unknown" or method in rule.methods
        country_ok = rule.countries is ANY or country in rule.countries
        stage_ok = rule.stages is ANY or stage in rule.stages
        if on_route and method_ok and country_ok and stage_ok:
            wanted.add(limit)
    return wanted


GRID = list(itertools.product([scam["id"] for scam in GUIDE.scams], STAGES, METHODS, COUNTRIES))


def test_the_grid_is_as_big_as_promised() -> None:
    assert len(GUIDE.scams) >= 26
    assert len(GRID) >= 26 * 4 * 11 * 8


def test_every_rule_of_a_route_has_a_row_in_the_table() -> None:
    rules = [rule["id"] for route in GUIDE.routes for rule in route["rules"]]
    assert sorted(rules) == sorted(RULES), "add each route's rule to RULES in tests/test_situation.py"


def test_every_time_limit_has_a_row_in_the_table() -> None:
    missing = [deadline["id"] for deadline in GUIDE.deadlines if deadline["id"] not in LIMITS]
    assert not missing, f"add a Rule to LIMITS in tests/test_situation.py for: {missing}"


def test_every_situation_gets_the_limits_and_rules_the_table_expects() -> None:
    wrong = []
    for scam_id, stage, method, country in GRID:
        result = plan(GUIDE, scam_id, stage, method, country)
        got = set(result.limits) & set(LIMITS) | set(result.rules)
        want = expected_limits(scam_id, stage, method, country) | expected_limits(
            scam_id, stage, method, country, RULES
        )
        if got != want:
            wrong.append((scam_id, stage, method, country, sorted(got - want), sorted(want - got)))
    assert not wrong, f"{len(wrong)} situations differ (type, stage, method, country, extra, missing): {wrong[:5]}"


@pytest.mark.parametrize(
    ("situation", "limit"),
    [
        (("off-platform-payment", "not-disputed", "pix", "brazil"), "pix-med"),
        (("lookalike-site", "not-disputed", "pix", "brazil"), "pix-med"),
        (("non-delivery", "dispute-open", "credit-card", "united-states"), "us-billing-error"),
        (("counterfeit", "dispute-closed", "amex", "united-states"), "us-billing-error"),
        (("provider-said-no", "said-no", "paypal", "united-kingdom"), "uk-financial-ombudsman"),
        (("non-delivery", "said-no", "credit-card", "spain"), "eu-provider-complaint-reply"),
        (("unauthorised-charge", "not-disputed", "debit-card", "spain"), "eu-unauthorised-payment"),
        (("not-as-described", "not-disputed", "paypal", "spain"), "paypal-dispute-not-as-described"),
        (("provider-said-no", "said-no", "debit-card", "canada"), "ca-obsi-complaint"),
        (("non-delivery", "not-disputed", "credit-card", "mexico"), "mx-aclaracion"),
        (("unauthorised-charge", "not-disputed", "debit-card", "mexico"), "mx-aclaracion"),
        (("non-delivery", "not-disputed", "credit-card", "colombia"), "co-payment-reversal"),
        (("unauthorised-charge", "not-disputed", "debit-card", "colombia"), "co-payment-reversal"),
    ],
)
def test_named_situations_get_their_limit(situation: tuple[str, str, str, str], limit: str) -> None:
    assert limit in plan(GUIDE, *situation).limits


@pytest.mark.parametrize(
    ("situation", "limit"),
    [
        (("off-platform-payment", "not-disputed", "pix", "mexico"), "pix-med"),
        (("off-platform-payment", "not-disputed", "bank-transfer", "brazil"), "pix-med"),
        (("counterfeit", "not-disputed", "pix", "brazil"), "pix-med"),  # MED is for scams, not sellers
        (("non-delivery", "not-disputed", "credit-card", "united-kingdom"), "us-billing-error"),
        (("non-delivery", "not-disputed", "debit-card", "united-states"), "us-billing-error"),
        (("non-delivery", "not-disputed", "credit-card", "united-states"), "eu-unauthorised-payment"),
        (("unauthorised-charge", "not-disputed", "credit-card", "not-listed"), "eu-unauthorised-payment"),
        (("non-delivery", "dispute-closed", "credit-card", "brazil"), "aliexpress-dispute-window"),
        (("non-delivery", "not-disputed", "credit-card", "spain"), "mx-aclaracion"),
        (("off-platform-payment", "not-disputed", "spei-oxxo", "mexico"), "mx-aclaracion"),
        (("non-delivery", "not-disputed", "credit-card", "mexico"), "co-payment-reversal"),
        (("non-delivery", "not-disputed", "paypal", "colombia"), "co-payment-reversal"),
    ],
)
def test_named_situations_do_not_get_a_limit_that_is_not_theirs(
    situation: tuple[str, str, str, str], limit: str
) -> None:
    assert limit not in plan(GUIDE, *situation).limits


@pytest.mark.parametrize(
    ("situation", "rule", "present"),
    [
        # PT-7: Pix or boleto at the checkout: no chargeback, MED not for a seller: the dispute is the route.
        (("non-delivery", "not-disputed", "pix", "brazil"), "br-checkout-pix-boleto", True),
        (("counterfeit", "dispute-open", "boleto", "brazil"), "br-checkout-pix-boleto", True),
        (("counterfeit", "not-disputed", "pix", "brazil"), "br-pix-to-a-scammer", False),
        # PT-6: a Pix sent to a scammer: MED in the app today and a police report.
        (("off-platform-payment", "not-disputed", "pix", "brazil"), "br-pix-to-a-scammer", True),
        (("lookalike-site", "not-disputed", "pix", "brazil"), "br-pix-to-a-scammer", True),
        (("off-platform-payment", "not-disputed", "pix", "mexico"), "br-pix-to-a-scammer", False),
        # PT-8: compra não reconhecida, Súmula 479, only for a payment the reader never made.
        (("unauthorised-charge", "not-disputed", "credit-card", "brazil"), "br-compra-nao-reconhecida", True),
        (("non-delivery", "not-disputed", "credit-card", "brazil"), "br-compra-nao-reconhecida", False),
        # PT-5: SAC, Ouvidoria, BCB / consumidor.gov.br / Procon, JEC once the bank said no.
        (("non-delivery", "said-no", "credit-card", "brazil"), "br-bank-complaint-path", True),
        (("non-delivery", "dispute-open", "credit-card", "brazil"), "br-bank-complaint-path", False),
        (("provider-said-no", "said-no", "debit-card", "spain"), "br-bank-complaint-path", False),
        # Spain's Bizum, Mexico's SPEI and OXXO, Chile's Ley 20.009, PayPal's Latin-American labels.
        (("off-platform-payment", "not-disputed", "bizum", "spain"), "es-bizum", True),
        (("off-platform-payment", "not-disputed", "bizum", "mexico"), "es-bizum", False),
        (("off-platform-payment", "not-disputed", "spei-oxxo", "mexico"), "mx-spei-to-a-scammer", True),
        (("non-delivery", "not-disputed", "spei-oxxo", "mexico"), "mx-checkout-oxxo-spei", True),
        (("phishing", "not-disputed", "debit-card", "chile"), "cl-ley-20009", True),
        (("phishing", "not-disputed", "debit-card", "mexico"), "cl-ley-20009", False),
        (("non-delivery", "not-disputed", "paypal", "mexico"), "paypal-labels-latin-america", True),
        (("non-delivery", "not-disputed", "paypal", "spain"), "paypal-labels-latin-america", False),
    ],
)
def test_named_situations_get_the_rules_of_their_way_of_paying_and_country(
    situation: tuple[str, str, str, str], rule: str, present: bool
) -> None:
    assert (rule in plan(GUIDE, *situation).rules) is present


def test_a_us_credit_card_of_any_network_gets_the_billing_error_letter() -> None:
    for scam_id in ("non-delivery", "counterfeit", "dispute-lost"):
        assert "us-billing-error" in plan(GUIDE, scam_id, "not-disputed", "credit-card", "united-states").letters
        assert "us-billing-error" not in plan(GUIDE, scam_id, "not-disputed", "credit-card", "mexico").letters


def test_a_pix_in_brazil_gets_the_med_letter_and_a_charge_you_did_not_make_gets_its_own() -> None:
    for scam_id in ("off-platform-payment", "lookalike-site"):
        assert "pix-med-contest" in plan(GUIDE, scam_id, "not-disputed", "pix", "brazil").letters
        assert "payment-provider.pix-med" in plan(GUIDE, scam_id, "not-disputed", "pix", "brazil").tasks
        assert "pix-med-contest" not in plan(GUIDE, scam_id, "not-disputed", "pix", "mexico").letters
        assert "payment-provider.pix-med" not in plan(GUIDE, scam_id, "not-disputed", "pix", "mexico").tasks
        assert "pix-med-contest" not in plan(GUIDE, scam_id, "not-disputed", "bank-transfer", "brazil").letters
    for country in ("brazil", "mexico", "spain", "united-states", "not-listed"):
        for scam_id in ("unauthorised-charge", "phishing"):
            assert "unauthorised-card-charge" in plan(GUIDE, scam_id, "not-disputed", "credit-card", country).letters
        assert "unauthorised-card-charge" not in plan(GUIDE, "non-delivery", "said-no", "credit-card", country).letters
    assert "unauthorised-card-charge" not in plan(GUIDE, None, "not-disputed", "unknown", None).letters


def test_not_listed_gets_only_rules_that_hold_everywhere_and_international_bodies() -> None:
    local = {d["id"] for d in GUIDE.deadlines if d["where"]}
    international = {a["id"] for r in GUIDE.regions if r["id"] == "international" for a in r["agencies"]}
    for scam_id, stage, method in itertools.product([s["id"] for s in GUIDE.scams], STAGES, METHODS):
        result = plan(GUIDE, scam_id, stage, method, "not-listed")
        assert not local & set(result.limits)
        assert set(result.bodies) <= international


def test_bodies_follow_the_country_its_areas_and_the_stage() -> None:
    spain = plan(GUIDE, "non-delivery", "not-disputed", "credit-card", "spain").bodies
    assert "econsumer-gov" in spain and "eu-ecc-net" in spain and "eu-fin-net" not in spain
    assert "eu-fin-net" in plan(GUIDE, "non-delivery", "said-no", "credit-card", "spain").bodies
    assert "eu-ecc-net" not in plan(GUIDE, "non-delivery", "not-disputed", "credit-card", "mexico").bodies
    said_no_uk = plan(GUIDE, "non-delivery", "said-no", "paypal", "united-kingdom").bodies
    assert "uk-financial-ombudsman" in said_no_uk


def test_no_type_leaves_out_payments_never_approved_and_no_country_filters_nothing() -> None:
    chosen = plan(GUIDE, None, "not-disputed", "unknown", None)
    assert "unauthorised" not in chosen.routes and "eu-unauthorised-payment" not in chosen.limits
    assert {"us-billing-error", "pix-med", "uk-scam-transfer", "card-chargeback-not-received"} <= set(chosen.limits)
    assert set(chosen.bodies) == {"econsumer-gov"}
    assert "eu-unauthorised-payment" in plan(GUIDE, "phishing", "not-disputed", "debit-card", None).limits


def test_unknown_situations_are_refused() -> None:
    for bad in (("non-delivery", "later", "pix", "brazil"), ("non-delivery", "said-no", "cash", "brazil")):
        with pytest.raises(ValueError, match="unknown"):
            plan(GUIDE, *bad)
    with pytest.raises(ValueError, match="unknown country"):
        plan(GUIDE, "non-delivery", "said-no", "pix", "atlantis")


def test_a_rule_naming_an_unknown_place_or_method_fails_naming_file_entry_and_field(tmp_path: Path) -> None:
    import shutil

    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data)
    routes = data / "routes.yml"
    routes.write_text(routes.read_text().replace("where: [united-states]", "where: [atlantis]"))
    with pytest.raises(DataError, match=r"data/routes.yml.*us-billing-error.*where\[0\].*atlantis"):
        load_guide(data)


def test_the_browser_plans_the_same_as_python() -> None:
    """A sample of the grid (every type, stage, method and country at least once) through node."""
    sample = [situation for position, situation in enumerate(GRID) if position % 7 == 0]
    sample += [(None, "not-disputed", "unknown", "not-listed"), (None, "said-no", "pix", "brazil")]
    sample += [(None, "not-disputed", "unknown", None), ("phishing", "dispute-open", "debit-card", None)]
    script = (
        f"import {{ plan }} from {json.dumps((ROOT / 'docs/assets/js/situation-plan.js').as_uri())};\n"
        "const { data, sample } = JSON.parse(await new Promise((done) => {\n"
        "  let text = ''; process.stdin.on('data', (c) => (text += c)); process.stdin.on('end', () => done(text));\n"
        "}));\n"
        "console.log(JSON.stringify(sample.map((s) => plan(data, ...s))));\n"
    )
    given = json.dumps({"data": plan_data(GUIDE), "sample": sample})
    out = subprocess.run(
        ["node", "--input-type=module", "-e", script], input=given, capture_output=True, text=True, check=True
    )
    browser: list[dict[str, Any]] = json.loads(out.stdout)
    for situation, result in zip(sample, browser, strict=True):
        python = plan(GUIDE, *situation)
        got = (result["routes"], result["limits"], result["rules"])
        assert got == (list(python.routes), list(python.limits), list(python.rules)), situation
