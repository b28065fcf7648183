"""The legal read's calculator scenarios S1-S12 (reviews of December 2026) and the issue's own, through
the real page: the reader's situation picks the rows, and each row's last day and act-by date are
the hand-counted ones. Dates are written out, never computed from the data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import icalendar
import pytest
from conftest import BrowserTab
from test_deadlines import GUIDE, choose, enter, long, open_page, rows


def title(deadline_id: str) -> str:
    return GUIDE.deadline(deadline_id)["title"]


def table(page: Any) -> dict[str, tuple[str, str, str]]:
    """Each row by its limit's title: (act by, last day, the row's notes)."""
    return {row[0].split("\n")[0]: (row[1], row[2], row[0]) for row in rows(page)}


def day(iso: str) -> str:
    return long(dt.date.fromisoformat(iso))


# (name, today, situation: method, country, type, stage; dates; {limit: (last day, act by)}; limits not shown)
SCENARIOS = [
    (
        "S1 US Visa, not received",
        "2026-03-05",
        ("credit-card", "united-states", "non-delivery", "not-disputed"),
        {"paid": "2026-01-10", "due": "2026-03-01"},
        {"card-chargeback-not-received": ("2026-06-29", "2026-05-30")},
        ["eu-unauthorised-payment", "uk-unauthorised-payment"],
    ),
    (
        "S2 US credit card, billing-error letter",
        "2026-02-20",
        ("credit-card", "united-states", "non-delivery", "dispute-open"),
        {"paid": "2026-02-01", "statement": "2026-02-15"},
        {"us-billing-error": ("2026-04-16", "2026-04-02")},
        [],
    ),
    (
        "S3 PayPal",
        "2026-05-25",
        ("paypal", "united-kingdom", "non-delivery", "not-disputed"),
        {"paid": "2026-05-01", "opened": "2026-05-20"},
        {"paypal-dispute": ("2026-10-28", "2026-10-23"), "paypal-escalation": ("2026-06-09", "2026-06-04")},
        ["card-chargeback-not-received", "us-billing-error"],
    ),
    (
        "S4 EU card, a payment never approved",
        "2026-03-10",
        ("credit-card", "spain", "unauthorised-charge", "not-disputed"),
        {"paid": "2026-02-28"},
        {"eu-unauthorised-payment": ("2027-03-28", "2027-03-23")},
        ["uk-unauthorised-payment", "us-unauthorised-debit"],
    ),
    (
        "S5 Pix to a fake seller",
        "2026-10-05",
        ("pix", "brazil", "off-platform-payment", "not-disputed"),
        {"paid": "2026-10-01"},
        {"pix-med": ("2026-12-20", "2026-12-15")},
        ["eu-unauthorised-payment", "uk-unauthorised-payment", "us-unauthorised-debit"],
    ),
    (
        "S6 confirmed receipt, fake goods",
        "2026-11-25",
        ("credit-card", "spain", "counterfeit", "not-disputed"),
        {"paid": "2026-10-01", "arrived": "2026-11-18", "confirmed": "2026-11-20"},
        {
            "aliexpress-dispute-window": ("2026-12-05", "2026-11-30"),
            "card-chargeback-not-as-described": ("2027-01-29", "2026-12-30"),
        },
        ["card-chargeback-not-received"],
    ),
    (
        "S7 UK, a payment never approved, month end",
        "2026-02-05",
        ("bank-transfer", "united-kingdom", "unauthorised-charge", "not-disputed"),
        {"paid": "2026-01-31"},
        {"uk-unauthorised-payment": ("2027-02-28", "2027-02-23")},
        ["eu-unauthorised-payment"],
    ),
    (
        "S8 the 540-day cap",
        "2026-11-01",
        ("debit-card", "mexico", "non-delivery", "dispute-closed"),
        {"paid": "2025-06-01", "due": "2026-10-15"},
        {"card-chargeback-not-received": ("2026-11-23", "2026-11-01")},
        ["aliexpress-dispute-window", "us-billing-error"],
    ),
    (
        "S9 only the countdown is known",
        "2026-12-02",
        ("unknown", "", "non-delivery", "not-disputed"),
        {"paid": "2026-11-01", "countdown": "2026-12-20"},
        {
            "aliexpress-dispute-window": ("2026-12-20", "2026-12-15"),
            "paypal-dispute": ("2027-04-30", "2027-04-25"),
            "amex-dispute": ("2027-03-01", "2027-02-24"),
            "card-chargeback-not-received": ("2027-03-01", "2027-01-30"),
        },
        [],
    ),
    (
        "S10 delivery promised and countdown both given",
        "2026-05-20",
        ("credit-card", "united-kingdom", "non-delivery", "not-disputed"),
        {"paid": "2026-01-10", "due": "2026-03-01", "countdown": "2026-05-15"},
        {"card-chargeback-not-received": ("2026-06-29", "2026-05-30"), "aliexpress-dispute-window": ("2026-05-15", "")},
        [],
    ),
    (
        "S11 US American Express",
        "2026-02-20",
        ("amex", "united-states", "non-delivery", "not-disputed"),
        {"paid": "2026-02-01", "statement": "2026-02-15"},
        {"us-billing-error": ("2026-04-16", "2026-04-02"), "amex-dispute": ("2026-06-01", "2026-05-27")},
        ["card-chargeback-not-received"],
    ),
    (
        "S12 US Discover credit card",
        "2026-02-20",
        ("credit-card", "united-states", "non-delivery", "not-disputed"),
        {"paid": "2026-02-01", "statement": "2026-02-15"},
        {
            "us-billing-error": ("2026-04-16", "2026-04-02"),
            "card-chargeback-not-received": ("2026-06-01", "2026-05-02"),
        },
        [],
    ),
    (
        "Issue: countdown still running",
        "2026-05-01",
        ("credit-card", "brazil", "non-delivery", "dispute-open"),
        {"paid": "2026-01-10", "due": "2026-03-01", "countdown": "2026-05-15"},
        {
            "card-chargeback-not-received": ("2026-06-29", "2026-05-30"),
            "aliexpress-dispute-window": ("2026-05-15", "2026-05-10"),
        },
        ["us-billing-error"],
    ),
    (
        "A Canadian bank said no",
        "2026-09-01",
        ("debit-card", "canada", "non-delivery", "said-no"),
        {"paid": "2026-01-10", "final": "2026-08-31"},
        {"ca-obsi-complaint": ("2027-02-27", "2027-02-22")},
        ["uk-financial-ombudsman", "aliexpress-dispute-window"],
    ),
    (
        "A UK bank said no",
        "2026-09-01",
        ("paypal", "united-kingdom", "provider-said-no", "said-no"),
        {"paid": "2026-01-10", "final": "2026-08-31"},
        {"uk-financial-ombudsman": ("2027-02-28", "2027-02-23")},
        ["aliexpress-dispute-window", "eu-unauthorised-payment"],
    ),
]


@pytest.mark.parametrize(
    ("name", "today", "situation", "dates", "wanted", "absent"), SCENARIOS, ids=[s[0] for s in SCENARIOS]
)
def test_scenario_rows_and_dates(
    context: Any,
    served: str,
    name: str,
    today: str,
    situation: tuple[str, str, str, str],
    dates: dict[str, str],
    wanted: dict[str, tuple[str, str]],
    absent: list[str],
) -> None:
    tab = BrowserTab(context, served)
    tab.page.clock.set_fixed_time(f"{today}T12:00:00")
    page = open_page(tab)
    choose(page, *situation)
    enter(page, **dates)
    shown = table(page)
    for deadline_id, (last, act_by) in wanted.items():
        assert title(deadline_id) in shown, (name, deadline_id, list(shown))
        got_act_by, got_last, _ = shown[title(deadline_id)]
        assert got_last == day(last), (name, deadline_id)
        assert got_act_by == (day(act_by) if act_by else ""), (name, deadline_id)
    for deadline_id in absent:
        assert title(deadline_id) not in shown, (name, deadline_id)
    assert tab.errors == []


def test_rows_say_what_kind_of_limit_they_are(context: Any, served: str) -> None:
    tab = BrowserTab(context, served)
    tab.page.clock.set_fixed_time("2026-02-20T12:00:00")
    page = open_page(tab)
    choose(page, "credit-card", "united-states", "non-delivery")
    enter(page, paid="2026-02-01", statement="2026-02-15")
    shown = table(page)
    assert GUIDE.strings["js.deadlines_post_by"] in shown[title("us-billing-error")][2]
    assert GUIDE.strings["js.deadlines_banks"] in shown[title("card-chargeback-not-received")][2]
    assert GUIDE.strings["js.deadlines_from_paid"] in shown[title("card-chargeback-not-received")][2]
    enter(page, due="2026-03-01")
    assert GUIDE.strings["js.deadlines_from_paid"] not in table(page)[title("card-chargeback-not-received")][2]


def test_pix_med_is_in_the_page_and_the_calendar(context: Any, served: str, tmp_path: Path) -> None:
    tab = BrowserTab(context, served)
    tab.page.clock.set_fixed_time("2026-10-05T12:00:00")
    page = open_page(tab)
    choose(page, "pix", "brazil", "off-platform-payment")
    enter(page, paid="2026-10-01")
    assert table(page)[title("pix-med")][1] == "20 December 2026"
    listed = page.locator("[data-rg-list] li").all_inner_texts()
    with page.expect_download() as download:
        page.locator("[data-rg-action=ics]").click()
    path = tmp_path / "deadlines.ics"
    download.value.save_as(path)
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert len(events) == len(listed) == len(rows(page)), "exactly the rows shown"
    med = [event for event in events if title("pix-med") in str(event["SUMMARY"])]
    assert len(med) == 1 and "20 December 2026" in str(med[0]["DESCRIPTION"])
    assert str(med[0]["URL"]).endswith("/deadlines/")


def test_the_calendar_is_in_the_readers_language(context: Any, served: str, tmp_path: Path) -> None:
    tab = BrowserTab(context, served)
    tab.page.clock.set_fixed_time("2026-10-05T12:00:00")
    tab.page.goto(tab.base + "es/deadlines/")
    page = tab.page
    page.locator(".rg-deadlines-config[data-bound]").wait_for(state="attached")
    choose(page, "pix", "brazil", "off-platform-payment")
    enter(page, paid="2026-10-01")
    with page.expect_download() as download:
        page.locator("[data-rg-action=ics]").click()
    path = tmp_path / "plazos.ics"
    download.value.save_as(path)
    events = icalendar.Calendar.from_ical(path.read_bytes()).walk("VEVENT")
    assert events and all("/es/deadlines/" in str(event["URL"]) for event in events)
    assert all("Tus plazos en la guía" in str(event["DESCRIPTION"]) for event in events)
