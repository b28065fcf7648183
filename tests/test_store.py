"""The one store (docs/assets/js/store.js): the v1 keys move in with nothing lost, old progress links
still work, and a blocked or corrupt store never throws."""

from __future__ import annotations

import base64
import json
from typing import Any

from conftest import ROOT

from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
STORE = "refund-guide:v2"
V1_CHECKLIST = "refund-guide:v1:checklist"
V1_DETAILS = "refund-guide:v1:details"
FIRST_ITEM = GUIDE.steps[0]["checklist"][0]["id"]
DISPUTE_ITEM = GUIDE.steps[1]["checklist"][0]["id"]
OLD_TICKS = {"v": 1, "type": "counterfeit", "ticked": [FIRST_ITEM, DISPUTE_ITEM]}
TEXT_FIELD = next(
    field_id for field_id in GUIDE.letter("card-chargeback")["fields"] if GUIDE.letter_field(field_id)["kind"] == "text"
)
OLD_DETAILS = {TEXT_FIELD: "Written before the store", "claim-reason@card-chargeback": "counterfeit"}


def keys(page: Any) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(key => key.startsWith('refund-guide:'))")


def test_v1_keys_move_into_the_store_with_nothing_lost(context: Any, served: str) -> None:
    page = context.new_page()
    page.goto(served + "privacy/")  # a page that saves nothing
    page.evaluate(
        "([a, b, c, d]) => { localStorage.setItem(a, b); localStorage.setItem(c, d); }",
        [V1_CHECKLIST, json.dumps(OLD_TICKS), V1_DETAILS, json.dumps(OLD_DETAILS)],
    )
    page.goto(served + "checklist/")
    page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    assert page.locator("#rg-type").input_value() == "counterfeit"
    for item in (FIRST_ITEM, DISPUTE_ITEM):
        assert page.locator(f'input[data-check-id="{item}"]').is_checked()
    assert keys(page) == [STORE], "the v1 keys go once the store holds their contents"
    stored = json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))
    assert stored == {"v": 2, "checklist": OLD_TICKS, "details": OLD_DETAILS}

    page.goto(served + "letters/card-chargeback/")
    page.locator(".rg-letter-config[data-bound]").wait_for(state="attached")
    assert page.locator(f'[data-field="{TEXT_FIELD}"]').input_value() == "Written before the store"
    assert page.locator('[data-choice="claim-reason"][value="counterfeit"]').is_checked()


def test_an_old_progress_link_still_opens(context: Any, served: str) -> None:
    compact = json.dumps({"v": 1, "t": "non-delivery", "k": [FIRST_ITEM]}).encode()
    link = base64.urlsafe_b64encode(compact).decode().rstrip("=")
    page = context.new_page()
    page.goto(served + f"checklist/#import={link}")
    # The link's reader loads after the checklist has started: wait for its answer, not the start.
    page.locator("[data-rg-status]").filter(has_text="Ticked tasks: 1").wait_for()
    assert page.locator(f'input[data-check-id="{FIRST_ITEM}"]').is_checked()
    assert json.loads(page.evaluate(f"localStorage.getItem('{STORE}')"))["checklist"]["type"] == "non-delivery"


STORE_LOGIC = """async () => {
  const store = await import(new URL("assets/js/store.js", location.href).href);
  const out = {};
  localStorage.clear();
  out.empty = store.read("details");
  store.write("checklist", { v: 1, type: null, ticked: ["a.b"] });
  store.write("details", { name: "Ana" });
  store.write("deadlines", { paid: "2026-01-31" });
  out.parts = Object.keys(JSON.parse(localStorage.getItem("refund-guide:v2"))).sort();
  out.forgot = store.forgetDetails();
  out.after = JSON.parse(localStorage.getItem("refund-guide:v2"));
  localStorage.setItem("refund-guide:v2", "{not json");
  out.corrupt = store.read("checklist");
  out.repaired = store.write("details", { name: "Bo" }) && store.read("details");
  localStorage.setItem("refund-guide:v2", JSON.stringify({ v: 2, details: [1, 2] }));
  out.notAMap = store.read("details");
  const get = Storage.prototype.getItem;
  Storage.prototype.getItem = () => { throw new DOMException("blocked", "SecurityError"); };
  out.blocked = [store.read("details") === undefined, store.write("details", {}), store.forgetDetails()];
  Storage.prototype.getItem = get;
  return out;
}"""


def test_store_logic_through_the_shipped_module(context: Any, served: str) -> None:
    page = context.new_page()
    page.goto(served)
    out = page.evaluate(STORE_LOGIC)
    assert out["empty"] is None
    assert out["parts"] == ["checklist", "deadlines", "details", "v"]
    assert out["forgot"] == 1
    assert out["after"] == {"v": 2, "checklist": {"v": 1, "type": None, "ticked": ["a.b"]}}
    assert out["corrupt"] is None
    assert out["repaired"] == {"name": "Bo"}
    assert out["notAMap"] is None
    assert out["blocked"] == [True, False, 0]


WRITE_PARTS = """async () => {
  const store = await import(new URL("assets/js/store.js", location.href).href);
  const out = {};
  localStorage.clear();
  store.writeParts({ details: { name: "Ana" }, case: { diary: [] }, report: { country: "de" } });
  out.holds = [store.holds("details"), store.holds("deadlines")];
  const set = Storage.prototype.setItem;
  Storage.prototype.setItem = function (key, value) {
    if (String(value).length > 1000) throw new DOMException("full", "QuotaExceededError");
    return set.call(this, key, value);
  };
  out.tooBig = store.writeParts({ details: { name: "x".repeat(2000) }, checklist: { v: 1, ticked: [] } });
  out.afterTooBig = JSON.parse(localStorage.getItem("refund-guide:v2"));
  out.some = store.writeParts({ report: null, deadlines: { paid: "2026-01-31" } });
  Storage.prototype.setItem = set;
  out.after = JSON.parse(localStorage.getItem("refund-guide:v2"));
  return out;
}"""


SITUATION_LOGIC = """async () => {
  const store = await import(new URL("assets/js/store.js", location.href).href);
  const out = {};
  const put = (data) => localStorage.setItem("refund-guide:v2", JSON.stringify({ v: 2, ...data }));
  const saved = () => JSON.parse(localStorage.getItem("refund-guide:v2"));
  out.moved = [];
  for (const method of ["card", "amex", "paypal", "other", "__proto__", 5]) {
    put({ deadlines: { due: "2026-03-01", method } });
    store.read("deadlines");
    out.moved.push(saved());
  }
  put({ deadlines: { method: "paypal" }, situation: { stage: "said-no", method: "pix" } });
  store.read("checklist");
  out.kept = saved();
  store.write("situation", { stage: "dispute-open", method: "pix" });
  store.write("details", { name: "Ana" });
  out.forgot = store.forgetDetails();
  out.after = saved();
  return out;
}"""


def test_write_parts_is_all_or_none_and_touches_only_the_parts_named(context: Any, served: str) -> None:
    page = context.new_page()
    page.goto(served)
    out = page.evaluate(WRITE_PARTS)
    assert out["holds"] == [True, False]
    assert out["tooBig"] is False
    before = {"v": 2, "details": {"name": "Ana"}, "case": {"diary": []}, "report": {"country": "de"}}
    assert out["afterTooBig"] == before, "nothing half-written"
    assert out["some"] is True
    assert out["after"] == {
        "v": 2,
        "details": {"name": "Ana", "transaction-date": "2026-01-31"},
        "case": {"diary": []},
        "deadlines": {},
    }


def test_the_situation_part_takes_the_calculators_old_method_and_is_forgotten(context: Any, served: str) -> None:
    page = context.new_page()
    page.goto(served)
    out = page.evaluate(SITUATION_LOGIC)
    due = {"due": "2026-03-01"}
    assert out["moved"] == [
        {"v": 2, "deadlines": due, "situation": {"method": "credit-card"}},
        {"v": 2, "deadlines": due, "situation": {"method": "amex"}},
        {"v": 2, "deadlines": due, "situation": {"method": "paypal"}},
        {"v": 2, "deadlines": due, "situation": {"method": "unknown"}},
        {"v": 2, "deadlines": due},
        {"v": 2, "deadlines": due},
    ]
    assert out["kept"] == {"v": 2, "deadlines": {}, "situation": {"stage": "said-no", "method": "pix"}}
    assert out["forgot"] == 1 and out["after"] == {"v": 2}
