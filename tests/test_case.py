"""The case file at /case/ (#12), end to end in Chromium: what the checklist and the letters record
shows up there; the diary; the values shared with the letters and the deadline calculator; the
one-page summary (PDF read back with pypdf); backup and restore; migration; broken or hostile
storage and files; no JavaScript; axe. Plus the store's shared dates through the shipped module."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import docx
import pypdf
import pytest
from conftest import BLOCK_STORAGE, ROOT, BrowserTab, axe_report

from macros.case import visible_tasks
from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
STORE = "refund-guide:v2"
TYPE = "non-delivery"
TYPE_TITLE = GUIDE.scam(TYPE)["title"]
TASKS = visible_tasks(GUIDE, TYPE)
LETTER = "card-chargeback"
LETTER_TITLE = GUIDE.letter(LETTER)["title"]
STRINGS = GUIDE.strings
TODAY = dt.date.today()


def ago(days: int) -> str:
    """A date this many days before today (the tests run against the real clock, as readers do)."""
    return (TODAY - dt.timedelta(days=days)).isoformat()


def long_date(iso: str) -> str:
    day = dt.date.fromisoformat(iso)
    return f"{day.day} {day:%B} {day.year}"


def stored(page: Any) -> dict[str, Any]:
    return json.loads(page.evaluate(f"localStorage.getItem('{STORE}')") or "{}")


class CaseTab(BrowserTab):
    def open(self, url: str = "case/") -> Any:
        self.page.goto(self.base + url)
        marker = {"case/": ".rg-case-config", "checklist/": ".rg-checklist-config"}.get(url.split("?")[0])
        if marker:
            self.page.locator(f"{marker}[data-bound]").wait_for(state="attached")
        return self.page

    def status(self) -> str:
        return self.page.locator(".rg-case [data-rg-status]").inner_text()

    def diary(self) -> list[str]:
        return self.page.locator("[data-rg-diary] .rg-diary__text").all_inner_texts()

    def add(self, text: str, day: str = "") -> None:
        page = self.page
        if day:
            page.fill("#case-diary-day", day)
        page.fill("#case-diary-text", text)
        page.locator("#case-diary-text").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")  # the submit button, by keyboard
        assert self.status() == STRINGS["js.case_added"]

    def pdf_pages(self, paper: str) -> tuple[int, str]:
        self.page.emulate_media(media="print")
        reader = pypdf.PdfReader(io.BytesIO(self.page.pdf(format=paper)))
        self.page.emulate_media(media="screen")
        return len(reader.pages), " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def tab(context: Any, served: str) -> CaseTab:
    return CaseTab(context, served)


def test_the_checklist_letters_and_case_file_share_one_story(tab: CaseTab) -> None:
    page = tab.page
    # Tick tasks on the checklist: each tick remembers its day and offers a one-tap diary entry.
    tab.open(f"checklist/?type={TYPE}")
    for item in TASKS[:3]:
        page.locator(f'input[data-check-id="{item}"]').check()
    offer = page.locator(f'.rg-diary-offer[data-for="{TASKS[2]}"]')
    page.locator(f'input[data-check-id="{TASKS[2]}"]').uncheck()
    offer.wait_for(state="detached")
    page.locator(f'input[data-check-id="{TASKS[0]}"]').uncheck()
    page.locator(f'input[data-check-id="{TASKS[0]}"]').check()
    first = page.locator(f'.rg-diary-offer[data-for="{TASKS[0]}"]')
    first.get_by_role("button", name=STRINGS["js.diary_add"]).click()
    assert first.get_by_role("status").inner_text() == STRINGS["js.diary_added"]
    # A letter: typed details, and a diary entry after the copy.
    page.goto(tab.base + f"letters/{LETTER}/")
    page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
    page.fill('[data-field="order-number"]', "8100 2233 4455")
    page.fill('[data-field="full-name"]', "Sam Taylor")
    page.fill('[data-field="email-address"]', "sam.taylor@example.com")
    page.fill('[data-field="transaction-date"]', ago(26))
    page.locator('[data-rg-action="copy"]').click()
    page.locator('.rg-diary-offer[data-for="diary_copied"]').get_by_role("button", name=STRINGS["js.diary_add"]).click()

    tab.open()
    assert page.locator("#case-order-number").input_value() == "8100 2233 4455"
    assert page.locator("#case-full-name").input_value() == "Sam Taylor", "the letter's name, typed once"
    assert page.locator("#case-email-address").input_value() == "sam.taylor@example.com"
    assert page.locator("#case-paid").input_value() == ago(26), "the letter's payment date is the calculator's"
    assert page.locator("#case-type").input_value() == TYPE
    page.fill("#case-store-name", "Best Gadget Store")
    page.fill("#case-amount-paid", "US$ 49.90")
    assert page.locator("#case-method").input_value() == "unknown", "I don't know until the reader says"
    page.select_option("#case-method", "credit-card")
    page.select_option("#case-country", "united-states")
    page.fill("#case-due", ago(7))
    page.fill("#case-statement", ago(70))
    page.select_option("#case-stage", "said-no")
    page.fill("#case-final", ago(2))
    page.fill("#case-dispute-number", "D-55501")
    page.fill("#case-bank-case-number", "CB-2026-7781")
    page.fill("#case-evidence-list", "Order page screenshot\nTracking history\nChat with the seller")
    task_text = GUIDE.steps[0]["checklist"][0]["text"]
    diary = tab.diary()
    assert diary == [
        STRINGS["js.diary_tick"].replace("{task}", task_text),
        STRINGS["js.diary_copied"].replace("{letter}", LETTER_TITLE),
    ]
    tab.add("Opened the dispute.", ago(6))
    tab.add("The seller offered 10%. I said no.")
    tab.add("Called the bank.", ago(3))
    # Change an entry: the form takes it, focus goes to its text, the change is announced.
    entry = page.locator("[data-rg-diary] li", has_text="Called the bank.")
    entry.get_by_role("button", name=STRINGS["js.case_edit"]).click()
    assert page.evaluate("document.activeElement.id") == "case-diary-text"
    assert long_date(ago(3)) in tab.status()
    page.fill("#case-diary-text", "Called the bank: they opened a chargeback case.")
    page.locator("[data-rg-diary-submit]").click()
    assert tab.status() == STRINGS["js.case_changed"]
    assert page.evaluate("document.activeElement.textContent") == STRINGS["js.case_edit"]
    # Remove one.
    page.locator("[data-rg-diary] li", has_text="Opened the dispute.").get_by_role(
        "button", name=STRINGS["js.case_remove"]
    ).click()
    assert tab.status() == STRINGS["js.case_removed"]
    expected = ["Called the bank: they opened a chargeback case.", *diary, "The seller offered 10%. I said no."]
    assert tab.diary() == expected, "oldest first; entries of one day in the order they were added"
    # The top of the page: next deadlines for a card payment, and the open tasks.
    # The plan and its arithmetic load after the page: wait for the line, then read the list.
    chargeback = GUIDE.deadline("card-chargeback-not-received")["title"]
    page.locator("[data-rg-case-deadlines] li", has_text=chargeback).wait_for()
    deadlines = page.locator("[data-rg-case-deadlines]").inner_text()
    assert "PayPal" not in deadlines
    assert page.locator("[data-rg-case-tasks] li").count() == 4
    assert f"{TASKS[1]}" in stored(page)["case"]["ticks"] and TASKS[2] not in stored(page)["case"]["ticks"]

    # The same values elsewhere: the calculator and the letters.
    page.goto(tab.base + "deadlines/")
    assert page.locator("#rg-deadline-paid").input_value() == ago(26)
    assert page.locator("#rg-deadline-due").input_value() == ago(7)
    assert page.locator("#rg-situation-method").input_value() == "credit-card", "the situation is kept once"
    assert page.locator("#rg-situation-country").input_value() == "united-states"
    page.goto(tab.base + "letters/card-chargeback/")
    assert page.locator('[data-field="dispute-number"]').input_value() == "D-55501"

    # Reload, then leave and come back by following links.
    tab.open()
    page.locator(".md-content a[href$='checklist/']").first.click()
    page.wait_for_url("**/checklist/")
    page.locator(".md-nav a[href$='case/']").first.click()
    page.wait_for_url("**/case/")
    page.locator(".rg-case-config[data-bound]").wait_for(state="attached")
    assert tab.diary() == expected
    assert page.locator("#case-store-name").input_value() == "Best Gadget Store"

    # The summary: one page on A4 and on US Letter, with who and the whole situation, the diary, and
    # the plan's deadlines worked out from the reader's dates (#22): the card chargeback counts 120
    # days from the promised delivery (act 30 days before, a limit between banks); the billing-error
    # letter's 60 days from the statement have passed.
    summary = page.locator("[data-rg-summary]")
    summary.locator('[data-rg-part="deadlines"] td', has_text=GUIDE.deadline("us-billing-error")["title"]).wait_for()
    assert f"{task_text} (" in summary.inner_text(), "a done task shows the day it was ticked"
    later = lambda days: long_date((TODAY + dt.timedelta(days=days)).isoformat())  # noqa: E731
    situation = {
        GUIDE.letter_field("full-name")["label"]: "Sam Taylor",
        GUIDE.letter_field("email-address")["label"]: "sam.taylor@example.com",
        STRINGS["checklist.chooser_label"]: TYPE_TITLE,
        STRINGS["deadlines.stage"]: STRINGS["js.case_stage_final"].format(
            stage=STRINGS["deadlines.stage_said_no"], date=long_date(ago(2))
        ),
        STRINGS["deadlines.method"]: next(m["label"] for m in GUIDE.methods if m["id"] == "credit-card"),
        STRINGS["where.chooser_label"]: next(r["name"] for r in GUIDE.regions if r["id"] == "united-states"),
    }
    rows = summary.locator('[data-rg-part="situation"] tr')
    assert {row.locator("th").inner_text(): row.locator("td").inner_text() for row in rows.all()} == situation
    deadlines = [
        STRINGS["js.deadlines_list_line"].format(
            act_by=later(113 - 30), route=GUIDE.deadline("card-chargeback-not-received")["title"], last_day=later(113)
        ),
        STRINGS["js.case_passed_line"].format(
            route=GUIDE.deadline("us-billing-error")["title"], last_day=later(-70 + 60)
        ),
    ]
    assert summary.locator('[data-rg-part="deadlines"] td').all_inner_texts() == deadlines
    for paper in ("A4", "Letter"):
        pages, text = tab.pdf_pages(paper)
        assert pages == 1, f"{paper}: {pages} pages"
        for words in (TYPE_TITLE, "Best Gadget Store", "CB-2026-7781", "The seller offered 10%", "Tracking history"):
            assert words in text, (paper, words)
        for words in [*situation.values(), *deadlines]:
            assert " ".join(words.split()) in text, (paper, words)
    assert tab.errors == []


SEEDED = {
    "v": 2,
    "checklist": {"v": 1, "type": TYPE, "ticked": TASKS[:2]},
    "details": {"order-number": "8100 1", "transaction-date": "2026-10-02", "dispute-number": "D-1"},
    "deadlines": {"due": "2026-10-30"},
    "situation": {"method": "paypal"},
    "case": {
        "diary": [{"id": "a1", "day": "2026-10-05", "text": "Wrote to the seller."}],
        "ticks": {TASKS[0]: "2026-10-03"},
    },
    "report": {"country": "de"},
}


def seed(page: Any, data: Any) -> None:
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE, json.dumps(data)])


def test_backup_clear_restore_finds_everything_back(tab: CaseTab, tmp_path: Path) -> None:
    page = tab.open("privacy/")
    seed(page, SEEDED)
    tab.open()
    assert page.locator("[data-rg-backup-note]").is_hidden(), "nothing changed since it was stored"
    persist = page.locator("[data-rg-persist]")
    persist.wait_for()
    assert persist.inner_text() in (STRINGS["js.case_persisted"], " ".join(STRINGS["js.case_not_persisted"].split()))
    tab.add("Sent the PayPal claim.")
    # The summary as plain text, and as a Word file built with the letters' builder.
    with page.expect_download() as info:
        page.locator('[data-rg-action="txt"]').click()
    assert info.value.suggested_filename == STRINGS["js.case_txt_name"]
    text = Path(info.value.path()).read_text(encoding="utf-8")
    for words in (TYPE_TITLE, "8100 1", "D-1", "Wrote to the seller.", "Sent the PayPal claim."):
        assert words in text
    with page.expect_download() as info:
        page.locator('[data-rg-action="docx"]').click()
    document = docx.Document(info.value.path())
    assert [paragraph.text for paragraph in document.paragraphs] == text.split("\n")
    assert document.core_properties.title == STRINGS["case.summary"]
    assert page.locator("[data-rg-backup-note]").is_visible(), "a change asks for a backup"
    with page.expect_download() as info:
        page.locator("[data-rg-backup-note] button").click()
    backup = tmp_path / info.value.suggested_filename
    info.value.save_as(backup)
    assert backup.name == STRINGS["js.case_backup_name"]
    assert tab.status() == STRINGS["js.case_backup_done"]
    assert page.locator("[data-rg-backup-note]").is_hidden()
    before = stored(page)

    page.goto(tab.base + "privacy/")
    page.get_by_role("button", name="Clear everything this site stored").click()
    tab.open()
    assert tab.diary() == []
    page.locator("[data-rg-import]").set_input_files(str(backup))
    page.get_by_text(STRINGS["js.case_import_done"]).wait_for()
    assert tab.dialogs == [], "nothing to overwrite: no question"
    assert stored(page) == before
    assert tab.diary() == ["Wrote to the seller.", "Sent the PayPal claim."]
    assert page.locator("#case-order-number").input_value() == "8100 1"
    tab.open("checklist/")
    assert page.locator(f'input[data-check-id="{TASKS[1]}"]').is_checked()

    # Restoring over a case asks first; "no" changes nothing.
    tab.open()
    page.fill("#case-order-number", "changed")
    tab.answer = False
    page.locator("[data-rg-import]").set_input_files(str(backup))
    tab.wait_for_dialog()  # the question comes after the file is read; "no" returns at once
    assert tab.dialogs == [STRINGS["js.case_import_confirm"]]
    assert page.locator("#case-order-number").input_value() == "changed"
    assert tab.errors == []


HOSTILE = {
    "v": 2,
    "checklist": {"type": {"toString": 1}, "ticked": "evidence"},
    "details": [1, 2],
    "deadlines": {"paid": {"a": 1}, "due": "<b>x</b>", "method": "__proto__"},
    "case": {
        "diary": [
            None,
            5,
            "x",
            {"day": "2026-02-30", "text": "bad day"},
            {"day": "2026-01-02", "text": "<img src=x onerror=alert(1)>", "id": "<b>"},
        ],
        "ticks": ["a"],
        "edits": -4,
        "saved": "soon",
    },
    "report": "de",
}


@pytest.mark.parametrize("stored_text", ["{not json", json.dumps(HOSTILE), json.dumps({"v": 2, "case": []})])
def test_corrupt_or_hostile_storage_never_breaks_the_page(tab: CaseTab, stored_text: str) -> None:
    page = tab.open("privacy/")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORE, stored_text])
    tab.open()
    assert page.locator(".rg-case").is_visible()
    if stored_text.startswith('{"v": 2, "checklist"'):
        assert tab.diary() == ["<img src=x onerror=alert(1)>"], "kept as text, never markup"
        assert page.locator("[data-rg-diary] img").count() == 0
    tab.add("Still works.")
    assert "Still works." in tab.diary()
    assert tab.errors == []


def test_hostile_or_foreign_files_change_nothing(tab: CaseTab, tmp_path: Path) -> None:
    page = tab.open("privacy/")
    seed(page, SEEDED)
    tab.open()
    before = stored(page)
    for name, text in [
        ("notes.json", "not json at all"),
        ("other.json", json.dumps({"app": "another-app", "case": {}})),
        ("list.json", "[1, 2, 3]"),
    ]:
        (tmp_path / name).write_text(text)
        page.locator("[data-rg-import]").set_input_files(str(tmp_path / name))
        page.get_by_text(STRINGS["js.case_import_failed"]).wait_for()
        page.evaluate("document.querySelector('.rg-case [data-rg-status]').textContent = ''")
    assert stored(page) == before
    hostile = dict(HOSTILE, app="refund-guide-case", details={"order-number": "<script>alert(1)</script>", "x": 5})
    (tmp_path / "hostile.json").write_text(json.dumps(hostile))
    page.locator("[data-rg-import]").set_input_files(str(tmp_path / "hostile.json"))
    page.get_by_text(STRINGS["js.case_import_done"]).wait_for()
    assert page.locator("#case-order-number").input_value() == "<script>alert(1)</script>"
    assert tab.diary() == ["<img src=x onerror=alert(1)>"]
    data = stored(page)
    assert data["details"] == {"order-number": "<script>alert(1)</script>"}
    assert data["case"]["diary"][0]["day"] == "2026-01-02" and len(data["case"]["diary"]) == 1
    assert tab.dialogs == [STRINGS["js.case_import_confirm"]]
    assert tab.errors == []


def test_todays_storage_moves_into_the_shared_ids(tab: CaseTab) -> None:
    """Before the case file, the calculator kept its own payment and arrival dates: they move into
    the letters' fields, a value already in a letter wins, and ticks and details are kept."""
    page = tab.open("privacy/")
    old = {
        "v": 2,
        "checklist": {"v": 1, "type": TYPE, "ticked": TASKS[:2]},
        "details": {"order-number": "8100 9", "statement-date": "2026-10-20"},
        "deadlines": {"paid": "2026-10-01", "arrived": "2026-10-15", "statement": "2026-10-21", "method": "card"},
    }
    seed(page, old)
    tab.open()
    assert page.locator("#case-paid").input_value() == "2026-10-01"
    assert page.locator("#case-arrived").input_value() == "2026-10-15"
    assert page.locator("#case-statement").input_value() == "2026-10-20"
    assert page.locator("#case-method").input_value() == "credit-card", "the calculator's old method moves in"
    data = stored(page)
    assert data["deadlines"] == {} and data["situation"] == {"method": "credit-card"}
    assert data["details"] == {
        "order-number": "8100 9",
        "statement-date": "2026-10-20",
        "transaction-date": "2026-10-01",
        "delivery-date": "2026-10-15",
    }
    assert data["checklist"] == old["checklist"]
    page.goto(tab.base + "letters/card-chargeback/")
    assert page.locator('[data-field="transaction-date"]').input_value() == "2026-10-01"
    assert tab.errors == []


SHARED_LOGIC = """async () => {
  const store = await import(new URL("assets/js/store.js", location.href).href);
  const out = {};
  localStorage.clear();
  store.write("details", { "order-number": "1" });
  store.write("deadlines", { paid: "2026-01-31", due: "2026-02-20" });
  out.afterWrite = JSON.parse(localStorage.getItem("refund-guide:v2"));
  out.dates = store.read("deadlines");
  store.edit("details", (values) => { values["transaction-date"] = "2026-02-01"; });
  out.changedInLetter = store.readTexts("deadlines").paid;
  store.write("case", { diary: [] });
  out.forgot = store.forgetDetails();
  out.after = JSON.parse(localStorage.getItem("refund-guide:v2"));
  return out;
}"""


def test_shared_dates_through_the_shipped_store(tab: CaseTab) -> None:
    out = tab.open("privacy/").evaluate(SHARED_LOGIC.replace("assets/js", "../assets/js"))
    assert out["afterWrite"] == {
        "v": 2,
        "details": {"order-number": "1", "transaction-date": "2026-01-31"},
        "deadlines": {"due": "2026-02-20"},
    }
    assert out["dates"] == {"due": "2026-02-20", "paid": "2026-01-31"}
    assert out["changedInLetter"] == "2026-02-01", "a change in a letter shows in the calculator"
    assert out["forgot"] is True
    assert out["after"] == {"v": 2, "case": {"diary": []}}, "Forget my details keeps the case part (diary, tick days)"


def test_the_case_page_knows_the_checklists_order(tab: CaseTab) -> None:
    """macros/case.py lists each type's tasks as visibleItems() in checklist-state.js does."""
    items = [
        {"id": item["id"], "step": step["id"], "onlyFor": item["only_for"], "skipFor": item["skip_for"]}
        for step in GUIDE.steps
        for item in step["checklist"]
    ]
    types = {scam["id"]: {"steps": scam["steps"], "first": scam["checklist_first"]} for scam in GUIDE.scams}
    script = """async ([items, types]) => {
      const S = await import(new URL("../assets/js/checklist-state.js", location.href).href);
      const out = { "": S.visibleItems(items, null, null) };
      for (const [id, info] of Object.entries(types)) out[id] = S.visibleItems(items, id, info);
      return out;
    }"""
    shipped = tab.open("privacy/").evaluate(script, [items, types])
    assert shipped == {key: visible_tasks(GUIDE, key or None) for key in shipped}


def test_the_checklist_restores_its_part_of_a_case_backup(tab: CaseTab, tmp_path: Path) -> None:
    backup = tmp_path / "refund-case-file.json"
    backup.write_text(json.dumps({"app": "refund-guide-case", "v": 2, **{k: SEEDED[k] for k in ("checklist", "case")}}))
    page = tab.open("checklist/")
    page.locator(".rg-export summary").click()
    page.set_input_files("[data-rg-import]", str(backup))
    page.locator("[data-rg-status]").filter(has_text=STRINGS["js.import_done"].split(":")[0]).wait_for()
    assert page.locator("#rg-type").input_value() == TYPE
    assert stored(page)["checklist"]["ticked"] == TASKS[:2]
    assert tab.errors == []


def test_blocked_storage_and_no_javascript_keep_the_blank_summary(browser: Any, served: str) -> None:
    blocked = browser.new_context()
    blocked.add_init_script(BLOCK_STORAGE)
    visit = BrowserTab(blocked, served)
    try:
        visit.page.goto(served + "case/")
        assert visit.page.locator("[data-rg-case-off]").inner_text() == " ".join(STRINGS["js.case_storage_off"].split())
        assert visit.page.locator(".rg-case").is_hidden()
        assert visit.page.locator("[data-rg-summary]").is_visible()
        assert visit.errors == []
    finally:
        blocked.close()
    plain = browser.new_context(java_script_enabled=False)
    try:
        page = plain.new_page()
        page.goto(served + "case/")
        assert page.locator(".rg-case").is_hidden()
        summary = page.locator("[data-rg-summary]")
        assert STRINGS["case.summary_blank"].split()[0] in summary.inner_text()
        assert summary.locator("tr").count() > 20, "blank lines to fill in by hand"
        assert page.locator(".md-content button:visible").count() == 0, "no dead controls"
    finally:
        plain.close()


def test_case_page_with_entries_passes_axe(tab: CaseTab) -> None:
    page = tab.open("privacy/")
    seed(page, SEEDED)
    tab.open()
    page.locator("[data-rg-diary] li").first.get_by_role("button", name=STRINGS["js.case_edit"]).click()
    assert axe_report(page) == ""
    tab.open(f"checklist/?type={TYPE}")
    page.locator(f'input[data-check-id="{TASKS[3]}"]').check()
    page.locator(".rg-diary-offer button").wait_for()
    assert axe_report(page) == ""
    assert tab.errors == []


# Storage full: setItem throws as a browser does at its quota, for every value (FULL) or only for
# values over 100,000 characters (TIGHT: a small write still works, a big restore does not).
FULL = """() => {
  Storage.prototype.setItem = function () { throw new DOMException("full", "QuotaExceededError"); };
}"""
TIGHT = """() => {
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(value).length > 100000) throw new DOMException("full", "QuotaExceededError");
    return set.call(this, key, value);
  };
}"""


def test_importing_the_checklists_progress_file_replaces_only_the_checklist(tab: CaseTab, tmp_path: Path) -> None:
    page = tab.open("privacy/")
    seed(page, SEEDED)
    tab.open()
    progress = {"v": 1, "type": "counterfeit", "ticked": [TASKS[0]]}
    (tmp_path / "progress.json").write_text(json.dumps(progress))
    tab.answer = False
    page.locator("[data-rg-import]").set_input_files(str(tmp_path / "progress.json"))
    tab.wait_for_dialog()  # after the file is read and the backup reader has loaded
    assert tab.dialogs == [STRINGS["js.case_import_checklist_confirm"]], "the question names what goes"
    assert stored(page) == SEEDED
    tab.answer = True
    page.locator("[data-rg-import]").set_input_files(str(tmp_path / "progress.json"))
    page.get_by_text(STRINGS["js.case_import_checklist_done"]).wait_for()
    data = stored(page)
    assert data["checklist"] == progress
    assert {part: data[part] for part in ("details", "deadlines", "case", "report")} == {
        part: SEEDED[part] for part in ("details", "deadlines", "case", "report")
    }
    assert tab.diary() == ["Wrote to the seller."]
    assert page.locator("#case-order-number").input_value() == "8100 1"
    assert page.locator("#case-type").input_value() == "counterfeit"
    assert tab.errors == []


def test_a_diary_entry_that_cannot_be_saved_stays_in_the_form(tab: CaseTab) -> None:
    page = tab.open("privacy/")
    seed(page, SEEDED)
    tab.open()
    page.evaluate(FULL)
    page.fill("#case-diary-text", "The seller called me.")
    page.locator("[data-rg-diary-submit]").click()
    assert tab.status() == " ".join(STRINGS["js.case_not_saved"].split())
    assert page.locator("#case-diary-text").input_value() == "The seller called me.", "the text is not lost"
    assert tab.diary() == ["Wrote to the seller."], "nothing is shown as added"
    assert stored(page) == SEEDED
    # A fact typed into the form stays in its field, with the same message.
    page.evaluate("document.querySelector('.rg-case [data-rg-status]').textContent = ''")
    page.fill("#case-order-number", "8100 99")
    assert tab.status() == " ".join(STRINGS["js.case_not_saved"].split())
    assert page.locator("#case-order-number").input_value() == "8100 99"
    assert tab.errors == []


def test_a_restore_over_the_quota_changes_nothing_and_says_so(tab: CaseTab, tmp_path: Path) -> None:
    page = tab.open("privacy/")
    seed(page, SEEDED)
    tab.open()
    big = {f"note-{n}": "x" * 20_000 for n in range(10)}
    backup = dict(SEEDED, app="refund-guide-case", details=big, deadlines={"due": "2026-11-01"}, case={"diary": []})
    (tmp_path / "big.json").write_text(json.dumps(backup))
    page.evaluate(TIGHT)
    page.locator("[data-rg-import]").set_input_files(str(tmp_path / "big.json"))
    page.get_by_text(" ".join(STRINGS["js.case_import_not_saved"].split())).wait_for()
    assert tab.dialogs == [STRINGS["js.case_import_confirm"]]
    assert stored(page) == SEEDED, "all parts or none: nothing half-restored"
    assert tab.diary() == ["Wrote to the seller."]
    assert tab.errors == []


def test_a_diary_offer_that_cannot_be_saved_says_so_and_stays(tab: CaseTab) -> None:
    page = tab.open(f"checklist/?type={TYPE}")
    page.evaluate(TIGHT.replace("100000", "0"))
    page.locator(f'input[data-check-id="{TASKS[0]}"]').check()
    offer = page.locator(f'.rg-diary-offer[data-for="{TASKS[0]}"]')
    offer.get_by_role("button", name=STRINGS["js.diary_add"]).click()
    assert offer.get_by_role("status").inner_text() == " ".join(STRINGS["js.diary_not_saved"].split())
    assert offer.get_by_role("button", name=STRINGS["js.diary_add"]).is_visible(), "the reader can try again"
    assert tab.errors == []
