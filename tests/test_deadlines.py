"""The deadline calculator on /deadlines/: its date arithmetic and calendar file through the shipped
module in Chromium (in several time zones), and the page itself: results, bad input, memory,
blocked storage, no JavaScript, axe."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import icalendar
import pytest
from conftest import ROOT, BrowserTab, axe_report, throwing_storage

from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
STORE = "refund-guide:v2"
# The page's clock is fixed, so "days left" never depends on the day the tests run.
TODAY = dt.date(2026, 7, 9)
NOON = "2026-07-09T12:00:00"
ZONES = ["Europe/London", "America/New_York", "Australia/Lord_Howe"]  # the last moves by 30 minutes
MODULE = 'const D = await import(new URL("../assets/js/deadlines.js", location.href).href);'


def days(deadline_id: str) -> int:
    return GUIDE.deadline(deadline_id)["days"]


@pytest.fixture
def tab(context: Any, served: str) -> Iterator[BrowserTab]:
    tab = BrowserTab(context, served)
    tab.page.clock.set_fixed_time(NOON)
    yield tab
    assert tab.errors == []


def open_page(tab: BrowserTab) -> Any:
    tab.page.goto(tab.base + "deadlines/")
    tab.page.locator(".rg-deadlines-config[data-bound]").wait_for(state="attached")
    return tab.page


def enter(page: Any, **dates: str) -> None:
    for name, value in dates.items():
        page.locator(f'input[name="{name}"]').fill(value)


def rows(page: Any) -> list[list[str]]:
    return page.eval_on_selector_all(
        "[data-rg-rows] tr", "rows => rows.map(row => [...row.cells].map(cell => cell.innerText.trim()))"
    )


def long(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


# --- arithmetic through the shipped module --------------------------------------------------------

ARITHMETIC = (
    """async () => {"""
    + MODULE
    + """
  const add = (iso, n) => D.isoDate(D.dayNumber(iso) + n);
  const cards = (config) => config.routes;
  return {
    months: [["2026-01-31", 1], ["2024-01-31", 1], ["2025-03-31", 13], ["2024-02-29", 12], ["2025-12-15", 13],
             ["2026-08-31", 1], ["2026-10-31", 13]].map(([iso, n]) => D.addMonths(iso, n)),
    leap: [D.dayNumber("2024-02-29") !== null, D.dayNumber("2023-02-29"), D.dayNumber("2100-02-29"),
           add("2024-02-28", 1), add("2024-02-29", 1), add("2000-02-28", 1)],
    roundTrip: Array.from({ length: 3000 }, (_, i) => D.isoDate(D.dayNumber("2024-01-01") + i))
      .every((iso, i, all) => i === 0 || D.dayNumber(iso) === D.dayNumber(all[i - 1]) + 1),
    dst: [add("2026-03-28", 1), add("2026-03-07", 1), add("2026-10-24", 2), add("2026-11-01", 1),
          add("2026-04-04", 1), add("2026-10-03", 1)],
    today: [D.today(new Date(2026, 2, 29, 0, 30)), D.today(new Date(2026, 9, 25, 23, 59)),
            D.today(new Date(2026, 2, 8, 2, 30))].map(D.isoDate),
    bad: ["", "2026-13-01", "2026-02-30", "26-01-01", "yesterday", null].map(D.dayNumber),
  };
}"""
)


@pytest.mark.parametrize("zone", ZONES)
def test_calendar_arithmetic_in_every_time_zone(browser: Any, served: str, zone: str) -> None:
    context = browser.new_context(timezone_id=zone)
    try:
        page = context.new_page()
        page.goto(served + "deadlines/")
        out = page.evaluate(ARITHMETIC)
    finally:
        context.close()
    assert out["months"] == [
        "2026-02-28",
        "2024-02-29",
        "2026-04-30",
        "2025-02-28",
        "2027-01-15",
        "2026-09-30",
        "2027-11-30",
    ]
    assert out["leap"] == [True, None, None, "2024-02-29", "2024-03-01", "2000-02-29"]
    assert out["roundTrip"] is True
    assert out["dst"] == ["2026-03-29", "2026-03-08", "2026-10-26", "2026-11-02", "2026-04-05", "2026-10-04"]
    assert out["today"] == ["2026-03-29", "2026-10-25", "2026-03-08"]
    assert out["bad"] == [None] * 6


RULES = (
    """async (config) => {"""
    + MODULE
    + """
  const d = (iso) => (iso ? D.dayNumber(iso) : null);
  const route = (id) => config.routes.find((one) => one.id === id);
  const end = (id, dates) => {
    const found = D.lastDay(route(id), { paid: null, due: null, arrived: null, confirmed: null, statement: null,
      opened: null, ...Object.fromEntries(Object.entries(dates).map(([k, v]) => [k, d(v)])) });
    return found && found.end !== null ? D.isoDate(found.end) : found && "needs a date";
  };
  const nr = "card-chargeback-not-received";
  return {
    laterDue: end(nr, { paid: "2026-01-10", due: "2026-03-01" }),
    laterPaid: end(nr, { paid: "2026-01-10", due: "2025-12-01" }),
    noDue: end(nr, { paid: "2026-01-10" }),
    capped: end(nr, { paid: "2026-01-01", due: "2027-05-01" }),
    nrOnceArrived: end(nr, { paid: "2026-01-10", arrived: "2026-02-01" }),
    nad: end("card-chargeback-not-as-described", { paid: "2026-01-10", arrived: "2026-02-01" }),
    nadNotArrived: end("card-chargeback-not-as-described", { paid: "2026-01-10" }),
    aliexpressConfirmed: end("aliexpress-dispute-window",
      { paid: "2026-01-10", due: "2026-03-01", confirmed: "2026-02-20" }),
    aliexpressCountdown: end("aliexpress-dispute-window", { paid: "2026-01-10", due: "2026-03-01" }),
    paypal: end("paypal-dispute", { paid: "2026-01-10" }),
    claim: end("paypal-escalation", { paid: "2026-01-10", opened: "2026-02-10" }),
    claimNoDispute: end("paypal-escalation", { paid: "2026-01-10" }),
    billing: end("us-billing-error", { paid: "2026-01-10", statement: "2026-01-31" }),
    eu: end("eu-unauthorised-payment", { paid: "2025-01-31" }),
    usDebit: end("us-unauthorised-debit", { paid: "2026-01-10", statement: "2026-01-31" }),
    amex: end("amex-dispute", { paid: "2026-01-10" }),
  };
}"""
)


def plus(iso: str, count: int) -> str:
    return (dt.date.fromisoformat(iso) + dt.timedelta(days=count)).isoformat()


def test_each_rule_counts_from_the_right_day_with_the_numbers_from_data(tab: BrowserTab) -> None:
    page = open_page(tab)
    config = json.loads(page.locator(".rg-deadlines-config").get_attribute("data-config"))
    out = page.evaluate(RULES, config)
    nr = days("card-chargeback-not-received")
    cap = GUIDE.deadline("card-chargeback-not-received")["cap"]["days"]
    assert (nr, cap) == (120, 540)
    assert out["laterDue"] == plus("2026-03-01", nr), "the later of payment and expected delivery"
    assert out["laterPaid"] == plus("2026-01-10", nr)
    assert out["noDue"] == plus("2026-01-10", nr)
    assert out["capped"] == plus("2026-01-01", cap), "never past 540 days after payment"
    assert out["nrOnceArrived"] is None and out["nadNotArrived"] is None
    assert out["nad"] == plus("2026-01-10", days("card-chargeback-not-as-described"))
    assert out["aliexpressConfirmed"] == plus("2026-02-20", days("aliexpress-dispute-window"))
    assert out["aliexpressCountdown"] == "2026-03-01", "without a confirmation, the countdown's end"
    assert out["paypal"] == plus("2026-01-10", days("paypal-dispute"))
    assert out["claim"] == plus("2026-02-10", days("paypal-escalation"))
    assert out["claimNoDispute"] == "needs a date"
    assert out["billing"] == plus("2026-01-31", days("us-billing-error"))
    assert out["eu"] == "2026-02-28", "13 months from 31 January ends on the last day of February"
    assert out["usDebit"] == plus("2026-01-31", days("us-unauthorised-debit"))
    assert out["amex"] == plus("2026-01-10", days("amex-dispute"))


# --- the page ------------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["America/New_York", "Europe/London"])
def test_results_soonest_first_with_sources_in_two_time_zones(browser: Any, served: str, zone: str) -> None:
    context = browser.new_context(timezone_id=zone)
    try:
        tab = BrowserTab(context, served)
        tab.page.clock.set_fixed_time(NOON)
        page = open_page(tab)
        enter(page, paid="2026-03-28", due="2026-05-10")
        table = rows(page)
        assert len(table) >= 5, "every route while the payment method is not chosen"
        last_days = [dt.datetime.strptime(row[2], "%d %B %Y").date() for row in table if row[2]]
        open_rows = [row for row in table if row[1]]
        act_by = [dt.datetime.strptime(row[1], "%d %B %Y").date() for row in open_rows]
        assert act_by == sorted(act_by), "soonest first"
        paypal = next(row for row in table if row[0].startswith(GUIDE.deadline("paypal-dispute")["title"]))
        paypal_end = dt.date(2026, 3, 28) + dt.timedelta(days=days("paypal-dispute"))
        assert paypal[2] == long(paypal_end)
        assert paypal[3] == f"{(paypal_end - TODAY).days} days left"
        assert paypal[1] == long(paypal_end - dt.timedelta(days=5)), "act by a few days before the last day"
        assert "Research date: 1 November 2026" in paypal[0] and "How sure we are: high" in paypal[0]
        assert any(row[2] == long(dt.date(2026, 5, 10)) for row in table), "the countdown's end"
        assert last_days
        assert "not legal advice" in page.locator(".rg-deadlines__notice").inner_text()
        method(page, "deadlines.method_paypal").check()
        titles = [row[0].split("\n")[0] for row in rows(page)]
        assert titles[0] == GUIDE.deadline("paypal-dispute")["title"], "open routes first"
        passed = [row[0].split("\n")[0] for row in rows(page) if row[3] == "Passed"]
        assert passed == [GUIDE.deadline("aliexpress-dispute-window")["title"]], "the countdown has passed"
        assert "may still be open" in rows(page)[titles.index(passed[0])][0], "what may still be possible"
        assert titles[-1] == GUIDE.deadline("paypal-escalation")["title"], "a limit that needs a date comes last"
        assert GUIDE.strings["deadlines.opened"] in rows(page)[-1][0]
        assert GUIDE.deadline("card-chargeback-not-received")["title"] not in titles
        assert tab.errors == []
    finally:
        context.close()


def test_billing_error_and_amex_say_what_matters(tab: BrowserTab) -> None:
    page = open_page(tab)
    enter(page, paid="2026-06-01", statement="2026-06-20")
    method(page, "deadlines.method_amex").check()
    text = page.locator("[data-rg-rows]").inner_text()
    assert "must arrive" in text
    assert "Do not rely on this number" in text and "How sure we are: low" in text
    link = page.get_by_role("link", name=GUIDE.strings["js.deadlines_letter"])
    assert link.get_attribute("href") == "../letters/us-billing-error/"


def method(page: Any, key: str) -> Any:
    return page.get_by_role("radio", name=GUIDE.strings[key], exact=True)


def message_for(page: Any, name: str) -> str:
    field = page.locator(f'input[name="{name}"]')
    described = field.get_attribute("aria-describedby").split()
    assert field.get_attribute("aria-invalid") == "true"
    return " ".join(page.locator(f"#{ident}").inner_text() for ident in described)


def test_bad_input_gets_a_clear_message_beside_the_field(tab: BrowserTab) -> None:
    page = open_page(tab)
    summary = page.locator("[data-rg-summary]")
    assert summary.inner_text() == GUIDE.strings["js.deadlines_empty"]
    # No error before the reader types (it would also move the form as the page starts).
    assert page.locator('input[name="paid"]').get_attribute("aria-invalid") == "false"
    assert page.locator("[data-rg-table]").is_hidden()
    enter(page, arrived="2026-04-01")
    assert "Enter the day you paid" in message_for(page, "paid")
    enter(page, paid="2026-05-01")
    assert "before the day you paid" in message_for(page, "arrived")
    enter(page, arrived="", confirmed="2026-08-01")
    assert "has not come yet" in message_for(page, "confirmed")
    enter(page, confirmed="", paid="1999-01-01")
    assert "Check the year" in message_for(page, "paid")
    enter(page, paid="2027-01-01")
    assert "has not come yet" in message_for(page, "paid")
    enter(page, paid="2026-05-01")
    assert page.locator('input[name="paid"]').get_attribute("aria-invalid") == "false"
    body = page.locator(".rg-deadlines").inner_text()
    for broken in ("NaN", "Invalid Date", "undefined", "null"):
        assert broken not in body
    method(page, "deadlines.method_other").check()
    assert rows(page), "a route still fits"


def test_calendar_file_reads_back_with_icalendar(tab: BrowserTab, tmp_path: Path) -> None:
    page = open_page(tab)
    enter(page, paid="2026-06-01", due="2026-07-20", opened="2026-07-01", statement="2026-06-15")
    method(page, "deadlines.method_paypal").check()
    with page.expect_download() as download:
        page.locator("[data-rg-action=ics]").click()
    assert download.value.suggested_filename == GUIDE.strings["js.deadlines_ics_name"]
    path = tmp_path / "deadlines.ics"
    download.value.save_as(path)
    raw = path.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")
    assert all(len(line) <= 75 for line in raw.split(b"\r\n"))
    calendar = icalendar.Calendar.from_ical(raw)
    assert calendar["VERSION"] == "2.0" and calendar["PRODID"]
    events = calendar.walk("VEVENT")
    listed = page.locator("[data-rg-list] li").all_inner_texts()
    assert len(events) == len(listed) == 3, listed
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    starts = []
    for event in events:
        start = event.decoded("DTSTART")
        assert type(start) is dt.date, "an all-day event"
        assert event["DTSTART"].params.get("VALUE") == "DATE"
        assert event.decoded("DTSTAMP").tzinfo is not None
        starts.append(start)
        alarms = event.walk("VALARM")
        assert len(alarms) == 1 and alarms[0].decoded("TRIGGER") == -dt.timedelta(days=3)
        assert str(event["SUMMARY"]).startswith("Act now: ")
        assert "The last day is " in str(event["DESCRIPTION"])
    claim_end = dt.date(2026, 7, 1) + dt.timedelta(days=days("paypal-escalation"))
    assert claim_end - dt.timedelta(days=5) in starts
    assert dt.date(2026, 7, 20) - dt.timedelta(days=5) in starts
    assert listed[0].startswith(f"Act by {long(min(starts))}: ")


FOLD = (
    """async () => {"""
    + MODULE
    + """
  return D.fold("DESCRIPTION:" + "Çé😀".repeat(40));
}"""
)


def test_long_lines_fold_at_75_octets_without_splitting_a_character(tab: BrowserTab) -> None:
    folded = open_page(tab).evaluate(FOLD)
    lines = folded.encode("utf-8").split(b"\r\n")
    assert all(len(line) <= 75 for line in lines) and len(lines) > 3
    assert all(line.startswith(b" ") for line in lines[1:])
    assert "".join(line[1:] if i else line for i, line in enumerate(folded.split("\r\n"))).endswith("😀" * 1)


def test_dates_are_remembered_and_forgotten_with_letter_details(tab: BrowserTab) -> None:
    page = open_page(tab)
    page.evaluate(f"localStorage.setItem('{STORE}', JSON.stringify({{v: 2, details: {{'full-name': 'Ana'}}}}))")
    enter(page, paid="2026-06-01")
    method(page, "deadlines.method_card").check()
    page.reload()
    page.locator(".rg-deadlines-config[data-bound]").wait_for(state="attached")
    assert page.locator('input[name="paid"]').input_value() == "2026-06-01"
    assert method(page, "deadlines.method_card").is_checked()
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    # The payment date is one of the dates the letters share: kept once, as their `transaction-date`.
    assert "paid" not in stored["deadlines"] and stored["details"]["transaction-date"] == "2026-06-01"
    assert stored["details"]["full-name"] == "Ana"
    page.locator("[data-rg-action=forget]").click()
    assert page.locator('input[name="paid"]').input_value() == ""
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    assert "deadlines" not in stored and "details" not in stored
    assert page.locator("[data-rg-status]").inner_text() == GUIDE.strings["js.deadlines_forgotten"]


def test_forget_on_a_letter_and_clear_everything_remove_the_dates(tab: BrowserTab) -> None:
    page = open_page(tab)
    enter(page, paid="2026-06-01")
    page.goto(tab.base + "letters/card-chargeback/")
    page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
    page.locator("[data-rg-action=forget]").click()
    assert "deadlines" not in json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    page = open_page(tab)
    enter(page, paid="2026-06-01")
    page.goto(tab.base + "privacy/")
    assert "The dates you enter on your deadlines" in page.locator(".md-content").inner_text()
    page.locator("[data-rg-clear] button").click()
    assert page.evaluate(f"localStorage.getItem('{STORE}')") is None


def test_blocked_storage_still_calculates_with_a_note(context: Any, served: str) -> None:
    context.add_init_script(throwing_storage("getItem", "setItem", "removeItem"))
    tab = BrowserTab(context, served)
    tab.page.clock.set_fixed_time(NOON)
    page = open_page(tab)
    enter(page, paid="2026-06-01")
    assert rows(page)
    assert "does not let the site remember your dates" in page.locator("[data-rg-status]").inner_text()
    page.locator("[data-rg-action=forget]").click()
    assert tab.errors == []


def test_axe_is_clean_empty_filled_and_with_errors(tab: BrowserTab) -> None:
    page = open_page(tab)
    assert axe_report(page) == ""
    enter(page, paid="2026-03-01", arrived="2026-02-01", statement="2026-03-10")
    assert axe_report(page) == ""
    enter(page, arrived="2026-03-05")
    assert axe_report(page) == ""


def test_without_javascript_every_rule_is_explained_with_its_numbers(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + "deadlines/")
        assert page.locator(".rg-deadlines").is_hidden(), "no dead form without JavaScript"
        text = page.locator(".md-content").inner_text()
        for deadline_id in (
            "paypal-dispute",
            "card-chargeback-not-received",
            "us-billing-error",
            "eu-unauthorised-payment",
        ):
            deadline = GUIDE.deadline(deadline_id)
            assert deadline["title"] in text
        for number in ("180 days", "20 days", "120 days", "540 days", "60 days", "13 months", "15 days"):
            assert number in text, number
        assert "Research date" in text and "How sure we are" in text
    finally:
        context.close()


WITH_DIARY = {
    "v": 2,
    "details": {"full-name": "Ana", "transaction-date": "2026-06-01"},
    "deadlines": {"method": "card"},
    "case": {"diary": [{"id": "a1", "day": "2026-06-05", "text": "Wrote to the seller."}], "ticks": {}},
}


def test_forget_asks_naming_what_goes_and_keeps_the_case_diary(tab: BrowserTab) -> None:
    page = open_page(tab)
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE, json.dumps(WITH_DIARY)])
    page = open_page(tab)
    tab.answer = False
    page.locator("[data-rg-action=forget]").click()
    question = " ".join(GUIDE.strings["js.deadlines_forget_confirm"].split())
    assert tab.dialogs == [question]
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE}')")) == WITH_DIARY, "no: nothing goes"
    assert page.locator('input[name="paid"]').input_value() == "2026-06-01"
    tab.answer = True
    page.locator("[data-rg-action=forget]").click()
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE}')")) == {"v": 2, "case": WITH_DIARY["case"]}
    assert page.locator("[data-rg-status]").inner_text() == " ".join(GUIDE.strings["js.deadlines_forgotten"].split())
    # Nothing left to forget: no question.
    page.locator("[data-rg-action=forget]").click()
    assert tab.dialogs == [question, question]
    assert tab.errors == []
