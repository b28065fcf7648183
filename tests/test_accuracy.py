"""Rules from the legal accuracy review: each one guards a place where a reader could lose a right or
a deadline, so it cannot quietly come back."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import ROOT, html_pages
from test_build import main_content, page_html, visible_text

from macros import render
from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
TEXT_FILES = [*sorted((ROOT / "docs").rglob("*.md")), *sorted((ROOT / "data").glob("*.yml"))]

# Words in a remedy that name a route, and the routes that must then be attached to it.
ROUTE_WORDS = {
    r"\bPayPal\b": {"paypal", "paypal-not-as-described", "complaint"},
    r"card issuer|chargeback": {
        "card-not-received",
        "card-not-as-described",
        "card-credit-not-processed",
        "uk-section-75",
        "unauthorised",
        "complaint",
    },
    r"billing-error": {"us-billing-error", "complaint"},
    r"\bKlarna\b": {"klarna"},
    r"fraud recall|bank transfer": {"bank-transfer"},
}
# Problem types where nothing (usable) arrived: the card limit counts from the expected delivery.
NOT_RECEIVED = {"non-delivery", "fake-tracking", "delivered-elsewhere", "stuck-in-customs", "empty-parcel"}
# The source article's step headings: our step titles must be our own words.
ARTICLE_HEADINGS = [
    "gather evidence",
    "open a dispute on aliexpress",
    "utilize aliexpress buyer protection",
    "use aliexpress buyer protection",
    "contact your payment provider",
    "report the fraud and protect yourself",
]


def page_text(site: Path, url: str) -> str:
    return visible_text(main_content(page_html(site, url)))


def deadline_anchors(site: Path, url: str) -> set[str]:
    return set(re.findall(r'id="deadline-([a-z0-9-]+)"', page_html(site, url)))


# --- 1. A phone call never stands in for the written billing-error notice -----------------------


def test_no_text_tells_readers_to_call_and_ask_instead_of_writing() -> None:
    for path in TEXT_FILES:
        text = re.sub(r"\s+", " ", path.read_text(encoding="utf-8"))
        assert not re.search(r"\bcall\b[^.]{0,80}\bask what to do\b", text, re.I), path.name


def test_billing_error_letter_says_a_call_does_not_protect_and_to_send_anyway(site: Path) -> None:
    text = page_text(site, "letters/us-billing-error/")
    assert "a phone call does not" in text
    assert "even if your AliExpress dispute is still open" in text
    assert "[dispute-status]" in GUIDE.letter("us-billing-error")["body"], "the letter says where the dispute stands"


def test_every_route_whose_limit_binds_the_reader_is_never_put_off_for_the_dispute() -> None:
    step = GUIDE.step("payment-provider")
    items = {item["id"]: item for item in step["checklist"]}
    assert "unless a time limit would pass first" in items["payment-provider.one-route-at-a-time"]["text"]
    assert "start the chargeback in time" in items["payment-provider.contact-early"]["hint"]
    assert "even if the AliExpress dispute is still open" in items["payment-provider.us-billing-letter"]["text"]


# --- 2. The card limit: where it starts, and its outer cap ----------------------------------------


def test_card_limits_say_where_they_start_and_their_cap() -> None:
    not_received = GUIDE.deadline("card-chargeback-not-received")
    not_as_described = GUIDE.deadline("card-chargeback-not-as-described")
    assert "later" in not_received["counts_from"] and "due to arrive" in not_received["counts_from"]
    assert "delivered" in not_as_described["counts_from"]
    for deadline in (not_received, not_as_described):
        assert deadline["days"] == 120
        assert deadline["cap"]["days"] == 540
        assert "processed" in deadline["cap"]["counts_from"]


def test_each_card_limit_shows_on_the_problems_it_fits(site: Path) -> None:
    for scam in GUIDE.scams:
        anchors = deadline_anchors(site, f"scams/{scam['id']}/")
        if scam["id"] in NOT_RECEIVED:
            assert "card-chargeback-not-received" in anchors, scam["id"]
            assert "card-chargeback-not-as-described" not in anchors, scam["id"]
        elif scam["group"] == "wrong-item" and "amex-dispute" in anchors:  # a card route is recommended
            assert "card-chargeback-not-as-described" in anchors, scam["id"]
            assert "card-chargeback-not-received" not in anchors, scam["id"]
    assert "540 days" in page_text(site, "scams/non-delivery/")
    payment_step = page_text(site, "steps/payment-provider/")
    assert "later of two days" in payment_step and "540 days" in payment_step
    assert "often 120 days" not in payment_step


# --- 3. The billing-error letter only for what the rule covers, with a reason to choose -------------


def test_billing_error_letter_fits_its_rule() -> None:
    letter = GUIDE.letter("us-billing-error")
    assert not {"defective", "damaged"} & set(letter["scams"])
    assert [reason["id"] for reason in letter["reasons"]] == ["not-delivered", "not-accepted", "not-credited"]
    assert "not delivered to me as agreed" not in letter["body"], "the reason is the reader's choice, not fixed"
    assert "a different US rule applies" in letter["when"]


def test_claim_reason_is_a_choice_on_every_letter_that_uses_it() -> None:
    assert GUIDE.letter_field("claim-reason")["kind"] == "choice"
    for letter in GUIDE.letters:
        if "claim-reason" in letter["fields"]:
            assert len(letter["reasons"]) >= 2, letter["id"]
    assert "counterfeit" in [reason["id"] for reason in GUIDE.letter("card-chargeback")["reasons"]]


# --- 4. A problem page's limits follow from the routes it recommends -------------------------------


def test_remedies_that_name_a_route_carry_it() -> None:
    for scam in GUIDE.scams:
        for position, remedy in enumerate(scam["remedies"]):
            for pattern, routes in ROUTE_WORDS.items():
                if re.search(pattern, remedy["text"]):
                    assert routes & set(remedy["routes"]), f"{scam['id']} remedies[{position}] names {pattern}"


def test_every_recommended_route_shows_its_limits(site: Path) -> None:
    for scam in GUIDE.scams:
        anchors = deadline_anchors(site, f"scams/{scam['id']}/")
        for remedy in scam["remedies"]:
            for route_id in remedy["routes"]:
                missing = set(GUIDE.route(route_id)["deadlines"]) - anchors
                assert not missing, f"/scams/{scam['id']}/ recommends {route_id} but lacks {missing}"


@pytest.mark.parametrize("scam_id", ["fake-tracking", "empty-parcel", "counterfeit", "not-as-described", "damaged"])
def test_pages_that_send_readers_to_paypal_show_the_escalation_limit(site: Path, scam_id: str) -> None:
    assert "paypal-escalation" in deadline_anchors(site, f"scams/{scam_id}/")
    assert "20 days" in page_text(site, f"scams/{scam_id}/")


# --- 5 and 6. Limits the research supports, worded as carefully as it does ------------------------


def test_missing_limits_are_in_the_data() -> None:
    assert GUIDE.deadline("pix-med")["days"] == 80
    assert GUIDE.deadline("eu-unauthorised-payment")["months"] == 13
    assert GUIDE.deadline("uk-unauthorised-payment")["months"] == 13
    uk_scam = GUIDE.deadline("uk-scam-transfer")
    assert uk_scam["months"] == 13 and "85,000" in uk_scam["safe_advice"] and "100 pounds" in uk_scam["safe_advice"]


@pytest.mark.parametrize("scam_id", ["phishing", "unauthorised-charge"])
def test_unapproved_payment_limits_are_in_the_tables(site: Path, scam_id: str) -> None:
    anchors = deadline_anchors(site, f"scams/{scam_id}/")
    assert {"eu-unauthorised-payment", "uk-unauthorised-payment"} <= anchors
    assert "13 months" in page_text(site, f"scams/{scam_id}/")


def test_sepa_recall_gives_no_number_without_a_primary_source(site: Path) -> None:
    """The only sources for a SEPA recall limit were a fintech's and a software vendor's summaries,
    and the legal read says the 10 days are out of date for fraud: the page says to ask at once."""
    assert "sepa-recall" not in {deadline["id"] for deadline in GUIDE.deadlines}
    text = page_text(site, "steps/payment-provider/")
    sepa = text.split("Bank transfer (SEPA, in Europe).", 1)[1].split("Pix (Brazil).", 1)[0]
    assert "ask today, and ask even if more time has passed" in sepa
    assert not re.search(r"\d", sepa), "no time limit for the recall"


# --- 7. The firm: a true credit, no consultation without a way to reach it ------------------------


def test_about_credits_the_article_not_the_firm_as_author(site: Path) -> None:
    text = page_text(site, "about/")
    assert "written by a law firm" not in text
    credit = GUIDE.credit
    assert f"an article by a lawyer at {credit['author_firm']} ({credit['year']})" in text


def test_credit_survives_a_rebrand() -> None:
    rebranded = GUIDE.__class__(**{**GUIDE.__dict__, "firm": {**GUIDE.firm, "name": "Another Firm LLP"}})
    assert GUIDE.credit["author_firm"] in render.source_credit(rebranded)
    assert "Another Firm LLP" not in render.source_credit(rebranded)


def test_no_consultation_is_advertised_without_a_contact_channel(site: Path) -> None:
    assert not any(GUIDE.firm["contact"].values()), "this test describes the shipped, channel-less firm.yml"
    offer = visible_text(GUIDE.firm["consultation"])[:40]
    for url in html_pages(site):
        assert offer not in visible_text(page_html(site, url)), f"/{url} advertises a consultation nobody can book"


def test_impersonation_warning_names_behaviour_not_the_firm(site: Path) -> None:
    text = page_text(site, "about/")
    assert "A name proves nothing either way" in text
    assert "money up front" in text
    assert "Do not trust a message that says it comes from the firm" not in text


# --- 8 and 9. Sources and agencies ---------------------------------------------------------------


def test_sources_say_what_kind_they_are(site: Path) -> None:
    for deadline in GUIDE.deadlines:
        if deadline["confidence"] == "high":
            assert deadline["source"]["kind"] == "official", deadline["id"]
    secondary = {d["id"] for d in GUIDE.deadlines if d["source"]["kind"] == "secondary"}
    pages = [f"scams/{scam['id']}/" for scam in GUIDE.scams]
    showing = [url for url in pages if deadline_anchors(site, url) & secondary]
    assert showing, "no problem page shows a limit with a secondary source"
    for url in showing:
        assert "a summary by a third party, not the official page" in page_text(site, url), url
    assert GUIDE.deadline("amex-dispute")["confidence"] == "low"


def test_agencies_follow_the_research() -> None:
    agencies = {agency["id"]: agency for region in GUIDE.regions for agency in region["agencies"]}
    assert "Scotland and Northern Ireland" in agencies["uk-citizens-advice"]["limits"]
    for agency in agencies.values():
        if agency["id"].endswith("-ecc") or agency["id"] == "eu-ecc-net":
            assert "outside the EU, Iceland and Norway" in (agency["limits"] or ""), agency["id"]
        assert "actionfraud" not in (agency["url"] or ""), agency["id"]
        assert "ec.europa.eu/consumers/odr" not in (agency["url"] or ""), agency["id"]
    assert "24 hours" in agencies["in-cybercrime"]["use_for"] + (agencies["in-cybercrime"]["limits"] or "")
    assert {"fr-thesee", "au-reportcyber", "au-idcare", "br-procon"} <= set(agencies)


# --- 10. The dispute page and the step titles ------------------------------------------------------


def test_dispute_page_says_which_option_fits_a_fake(site: Path) -> None:
    text = page_text(site, "steps/dispute/")
    assert "if the item is a fake" in text
    for path in TEXT_FILES:
        assert "seller's bank" not in path.read_text(encoding="utf-8"), path.name


def test_step_titles_are_our_own_words() -> None:
    for step in GUIDE.steps:
        assert step["title"].lower() not in ARTICLE_HEADINGS, step["id"]


# --- 11. After a refusal ---------------------------------------------------------------------------


def test_refused_chargeback_or_claim_has_its_own_page(site: Path) -> None:
    scam = GUIDE.scam("provider-said-no")
    assert any("complaint" in remedy["routes"] for remedy in scam["remedies"])
    text = page_text(site, "scams/provider-said-no/")
    assert "Who can help" in text
    for body in ("Financial Ombudsman Service", "Consumer Financial Protection Bureau", "FIN-NET"):
        assert body in text, body
    assert "How sure we are about this entry" in text
    assert "uk-financial-ombudsman" in deadline_anchors(site, "scams/provider-said-no/")


def test_a_confirmed_refund_that_never_came_counts_from_the_refund_and_gets_the_us_letter() -> None:
    """Legal read M8: "credit not processed" runs from the refund date, and is a US billing error."""
    guide = load_guide(ROOT / "data")
    scam = next(entry for entry in guide.scams if entry["id"] == "refund-not-received")
    routes = {route for remedy in scam["remedies"] for route in remedy.get("routes", [])}
    assert {"card-credit-not-processed", "us-billing-error"} <= routes
    assert "card-not-received" not in routes  # counted from the purchase: the wrong start
    limit = guide.deadline("card-credit-not-processed")
    assert "refund was confirmed" in limit["counts_from"] and "not the day you paid" in limit["counts_from"]
    letter = next(entry for entry in guide.letters if entry["id"] == "us-billing-error")
    assert "refund-not-received" in letter["scams"]
    assert any(reason["scams"] == ["refund-not-received"] for reason in letter["reasons"])
    items = {item["id"]: item for step in guide.steps for item in step["checklist"]}
    assert "refund-not-received" not in items["payment-provider.us-billing-letter"]["skip_for"]


RIGHTS = {  # the law's own time limits the reviews found missing, by country (legal read M9, L9, L10; ES-8, PT-1)
    "eu-withdrawal": 14,
    "br-withdrawal": 7,
    "uk-withdrawal": 14,
    "kr-withdrawal": 7,
    "br-defect-complaint": 30,
    "cl-retracto": 10,
    "ar-arrepentimiento": 10,
    "co-retracto": 5,
    "mx-revocacion": 5,
}


def test_the_rights_the_law_gives_are_stated_with_their_countries_and_shown_where_they_help() -> None:
    routes = {route["id"]: route for route in GUIDE.routes}
    rights = routes["withdrawal"]
    assert set(rights["deadlines"]) == set(RIGHTS)
    for deadline_id, days in RIGHTS.items():
        limit = GUIDE.deadline(deadline_id)
        assert limit["days"] == days, deadline_id
        assert len(limit["where"]) == 1, f"{deadline_id}: the limit names its country"
    assert "help only against traders in the EU" in GUIDE.deadline("eu-withdrawal")["safe_advice"]
    assert routes["uk-section-75"]["where"] == ["united-kingdom"]
    scams = {scam["id"]: scam for scam in GUIDE.scams}

    def routes_of(scam_id: str) -> set[str]:
        return {route for remedy in scams[scam_id]["remedies"] for route in remedy.get("routes", [])}

    assert "withdrawal" in routes_of("wrong-size")  # not on "defective": its one-page handout has no room
    assert "uk-section-75" in routes_of("dispute-lost")
    off_platform = " ".join(remedy["text"] for remedy in scams["off-platform-payment"]["remedies"])
    assert "'friends and family' is not covered by PayPal Buyer Protection" in off_platform


def test_the_legal_reads_low_findings_stay_fixed() -> None:
    agencies = {agency["id"]: agency for region in GUIDE.regions for agency in region["agencies"]}
    terms = {term["id"]: " ".join(term["meaning"].split()) for term in GUIDE.glossary}
    scams = {scam["id"]: scam for scam in GUIDE.scams}
    assert "online billing-error form" in GUIDE.deadline("us-billing-error")["safe_advice"]  # L4
    assert "15 business days" in GUIDE.deadline("uk-financial-ombudsman")["safe_advice"]  # L5
    assert "within one year of your complaint to PayPal" in agencies["eu-cssf"]["limits"]  # L5
    assert "within 2 years of the bank's final answer" in agencies["au-afca"]["use_for"]  # L5
    assert "if Open dispute is still there, use it" in terms["protection-countdown"]  # L7
    assert "other\n  other" not in (ROOT / "docs" / "steps" / "buyer-protection.md").read_text(encoding="utf-8")  # L8
    assert not agencies["nz-ncsc"].get("phone")  # L12: the number could not be confirmed
    customs = " ".join(remedy["text"] for remedy in scams["stuck-in-customs"]["remedies"])
    assert "tax or duty that was not charged at checkout" in customs  # L14
    assert "Ouvidoria" in terms["ombudsman"] and "belong to the bank" in terms["ombudsman"]


def test_the_second_reads_findings_stay_fixed() -> None:
    """The second read of December 2026: the chargeback letter's promised date and dispute status
    (M7), the US billing-error task for Amex, the unauthorised-charge letter telling a US credit-card
    holder to post it, and PayPal's Latin-American labels in the PayPal letter (ES-10)."""
    from macros.situation import plan

    chargeback = GUIDE.letter("card-chargeback")
    assert "promised-delivery-date" in chargeback["fields"] and "dispute-status" in chargeback["fields"]
    assert "[dispute-status]" in chargeback["body"] and "[dispute-outcome]" not in chargeback["body"]
    amex_us = plan(GUIDE, "non-delivery", "not-disputed", "amex", "united-states")
    assert "payment-provider.us-billing-letter" in amex_us.tasks
    assert "us-billing-error" in amex_us.letters
    unauthorised = GUIDE.letter("unauthorised-card-charge")
    assert "billing-error address" in " ".join(unauthorised["when"].split())
    assert "Reportar un problema" in GUIDE.letter("paypal-claim")["recipient"]
    assert "stj.jus.br" not in (ROOT / "data" / "letters.yml").read_text(encoding="utf-8")
