"""The interactive checklist in a real Chromium: memory, tailoring, progress, export/import, faults."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, BrowserTab, axe_report, throwing_storage

from macros.data import load_guide, shown_for

GUIDE = load_guide(ROOT / "data")
STORE = "refund-guide:v2"  # one key for all the reader saves (store.js); ticks are its "checklist"
KEY = "refund-guide:v1:checklist"  # the key before the store: read once, moved in, removed
FIRST_ITEM = GUIDE.steps[0]["checklist"][0]["id"]
SECOND_ITEM = GUIDE.steps[0]["checklist"][1]["id"]
DISPUTE_ITEM = GUIDE.steps[1]["checklist"][0]["id"]


class Tab(BrowserTab):
    def open(self, path: str) -> Any:
        self.page.goto(self.base + path)
        self.page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
        return self.page

    def box(self, item_id: str) -> Any:
        return self.page.locator(f'input[data-check-id="{item_id}"]')

    def visible_ids(self) -> list[str]:
        return self.page.eval_on_selector_all(
            ".rg-checklist li[data-check-id]", "items => items.filter(i => !i.hidden).map(i => i.dataset.checkId)"
        )

    def stored(self) -> Any:
        return json.loads(self.page.evaluate(f"localStorage.getItem('{STORE}')") or "{}").get("checklist")

    def progress(self) -> str:
        return self.page.locator("[data-rg-progress]").inner_text()


@pytest.fixture
def tab(context: Any, served: str) -> Tab:
    return Tab(context, served)


def expected_ids(scam_id: str | None) -> list[str]:
    scam = GUIDE.scam(scam_id) if scam_id else None
    ids = []
    for step in GUIDE.steps:
        shown = [item["id"] for item in step["checklist"] if shown_for(item, step["id"], scam)]
        first = [item_id for item_id in (scam["checklist_first"] if scam else []) if item_id in shown]
        ids += first + [item_id for item_id in shown if item_id not in first]
    return ids


def test_default_list_has_every_base_item_and_at_least_15(tab: Tab) -> None:
    tab.open("checklist/")
    assert tab.visible_ids() == expected_ids(None)
    assert len(expected_ids(None)) >= 15
    assert tab.progress() == f"0 of {len(expected_ids(None))} tasks done"
    assert tab.errors == []


def test_ticks_persist_across_reload_and_following_links(tab: Tab) -> None:
    page = tab.open("steps/evidence/")
    tab.box(FIRST_ITEM).check()
    page.reload()
    assert tab.box(FIRST_ITEM).is_checked()
    page.locator(".md-content a[href$='checklist/']").first.click()
    page.wait_for_url("**/checklist/")
    tab.box(FIRST_ITEM).wait_for()
    assert tab.box(FIRST_ITEM).is_checked()
    tab.box(DISPUTE_ITEM).check()
    page.go_back()
    page.wait_for_url("**/steps/evidence/")
    assert tab.box(FIRST_ITEM).is_checked()
    assert tab.stored()["ticked"] == [FIRST_ITEM, DISPUTE_ITEM]
    assert tab.errors == []


def test_restored_before_the_page_is_shown(context: Any, served: str) -> None:
    context.add_init_script(
        f"localStorage.setItem('{KEY}', JSON.stringify({{v: 1, type: null, ticked: ['{FIRST_ITEM}']}}));"
        "document.addEventListener('DOMContentLoaded', () => {"
        f"  window.__tickedAtReady = document.querySelector('input[data-check-id=\"{FIRST_ITEM}\"]').checked;"
        "});"
    )
    page = context.new_page()
    page.goto(served + "checklist/")
    page.wait_for_load_state("load")
    assert page.evaluate("window.__tickedAtReady") is True
    assert page.evaluate("document.documentElement.classList.contains('rg-restoring')") is False


def test_progress_text_bar_and_next_item_follow_ticks(tab: Tab) -> None:
    page = tab.open("checklist/")
    total = len(expected_ids(None))
    assert page.locator(".rg-checklist__item.is-next").get_attribute("data-check-id") == FIRST_ITEM
    tab.box(FIRST_ITEM).check()
    tab.box(SECOND_ITEM).check()
    assert tab.progress() == f"2 of {total} tasks done"
    bar = page.locator("[data-rg-progress-bar]")
    assert bar.evaluate("bar => [bar.value, bar.max]") == [2, total]
    assert page.locator("[data-rg-progress]").get_attribute("aria-live") == "polite"
    assert page.locator(".rg-checklist__item.is-next").get_attribute("data-check-id") == expected_ids(None)[2]
    evidence_total = sum(1 for item_id in expected_ids(None) if item_id.startswith("evidence."))
    step_box = page.locator(".rg-step[data-step='evidence'] .rg-checklist__progress")
    assert step_box.inner_text() == f"2 of {evidence_total} tasks done"
    assert step_box.locator("progress").evaluate("bar => [bar.value, bar.max]") == [2, evidence_total]


@pytest.mark.parametrize("scam_id", ["counterfeit", "non-delivery", "recovery-scam"])
def test_type_in_the_query_tailors_the_list(tab: Tab, scam_id: str) -> None:
    page = tab.open(f"checklist/?type={scam_id}")
    assert page.locator("#rg-type").input_value() == scam_id
    assert tab.visible_ids() == expected_ids(scam_id)
    assert tab.stored()["type"] == scam_id
    tab.open("checklist/")
    assert page.locator("#rg-type").input_value() == scam_id, "the chosen type is not remembered"


def test_two_types_give_different_lists(tab: Tab) -> None:
    tab.open("checklist/?type=counterfeit")
    counterfeit = tab.visible_ids()
    tab.page.select_option("#rg-type", "non-delivery")
    non_delivery = tab.visible_ids()
    assert counterfeit != non_delivery
    assert set(counterfeit) - set(non_delivery) and set(non_delivery) - set(counterfeit)
    assert "type=non-delivery" in tab.page.url


def test_choosing_a_type_keeps_hidden_ticks(tab: Tab) -> None:
    tab.open("checklist/")
    tab.box(DISPUTE_ITEM).check()
    tab.page.select_option("#rg-type", "recovery-scam")
    assert DISPUTE_ITEM not in tab.visible_ids()
    tab.page.select_option("#rg-type", "")
    assert tab.box(DISPUTE_ITEM).is_checked()


def test_export_link_restores_exactly_in_a_fresh_browser(tab: Tab, browser: Any, served: str) -> None:
    tab.open("checklist/?type=counterfeit")
    tab.box(FIRST_ITEM).check()
    tab.box(DISPUTE_ITEM).check()
    tab.page.locator(".rg-export summary").click()
    link = tab.page.locator("[data-rg-export-link]").input_value()
    assert "#import=" in link and FIRST_ITEM not in link
    fresh_context = browser.new_context()
    try:
        fresh = Tab(fresh_context, served)
        fresh.page.goto(link)
        fresh.page.locator("[data-rg-status]").filter(has_text="Ticked tasks: 2").wait_for()
        assert fresh.stored() == {"v": 1, "type": "counterfeit", "ticked": [FIRST_ITEM, DISPUTE_ITEM]}
        assert [box for box in (FIRST_ITEM, SECOND_ITEM, DISPUTE_ITEM) if fresh.box(box).is_checked()] == [
            FIRST_ITEM,
            DISPUTE_ITEM,
        ]
        assert "#import" not in fresh.page.url, "the fragment stays in the address bar"
        assert fresh.dialogs == [], "asked before overwriting nothing"
        assert fresh.errors == []
    finally:
        fresh_context.close()


def test_import_asks_before_overwriting_and_respects_no(tab: Tab) -> None:
    page = tab.open("checklist/")
    tab.box(SECOND_ITEM).check()
    link = page.locator("[data-rg-export-link]").input_value()
    tab.box(SECOND_ITEM).uncheck()
    tab.box(FIRST_ITEM).check()
    tab.answer = False
    page.goto(link)  # same page: the script notices the new #fragment
    tab.wait_for_dialog()  # the link's reader loads first: wait for the question, not the address
    page.wait_for_function("!location.hash")
    assert tab.stored()["ticked"] == [FIRST_ITEM]
    tab.answer = True
    page.goto(tab.base + "steps/evidence/")
    page.goto(link)  # a fresh load of the link
    page.locator("[data-rg-status]").filter(has_text="Ticked tasks: 1").wait_for()
    assert tab.stored()["ticked"] == [SECOND_ITEM]
    assert len(tab.dialogs) == 2


def test_export_file_imports_in_a_fresh_browser(tab: Tab, browser: Any, served: str, tmp_path: Path) -> None:
    page = tab.open("checklist/?type=non-delivery")
    tab.box(FIRST_ITEM).check()
    page.locator(".rg-export summary").click()
    with page.expect_download() as download:
        page.locator("[data-rg-action=download]").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert json.loads(saved.read_text()) == {"v": 1, "type": "non-delivery", "ticked": [FIRST_ITEM]}
    fresh_context = browser.new_context()
    try:
        fresh = Tab(fresh_context, served)
        fresh.open("checklist/")
        fresh.page.locator(".rg-export summary").click()
        fresh.page.set_input_files("[data-rg-import]", str(saved))
        fresh.page.locator("[data-rg-status]").filter(has_text="Ticked tasks: 1").wait_for()
        assert fresh.box(FIRST_ITEM).is_checked()
        assert fresh.stored() == {"v": 1, "type": "non-delivery", "ticked": [FIRST_ITEM]}
    finally:
        fresh_context.close()


def test_start_over_clears_and_survives_reload(tab: Tab) -> None:
    page = tab.open("checklist/?type=counterfeit")
    tab.box(FIRST_ITEM).check()
    page.locator("[data-rg-action=reset]").click()
    assert tab.dialogs
    tab.open("checklist/")
    assert not tab.box(FIRST_ITEM).is_checked()
    assert page.locator("#rg-type").input_value() == ""
    assert tab.stored() == {"v": 1, "type": None, "ticked": []}


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        '"just a string"',
        "[1, 2, 3]",
        json.dumps({"v": 0, "checked": {FIRST_ITEM: True, "old.removed-item": True}}),
        json.dumps({"v": 1, "type": "no-such-type", "ticked": [FIRST_ITEM, "gone.item", 7, None]}),
    ],
)
def test_corrupted_or_old_storage_keeps_what_it_can(context: Any, served: str, stored: str) -> None:
    context.add_init_script(f"localStorage.setItem('{KEY}', {json.dumps(stored)});")
    tab = Tab(context, served)
    tab.open("checklist/")
    keeps_first = FIRST_ITEM in stored
    assert tab.box(FIRST_ITEM).is_checked() is keeps_first
    assert tab.page.locator("#rg-type").input_value() == ""
    assert tab.errors == []


def test_throwing_storage_still_works_with_a_note(context: Any, served: str) -> None:
    context.add_init_script(throwing_storage("getItem", "setItem"))
    tab = Tab(context, served)
    tab.open("checklist/")
    tab.box(FIRST_ITEM).check()
    assert tab.progress().startswith("1 of")
    assert "does not let the site save your ticks" in tab.page.locator("[data-rg-note]").inner_text()
    tab.open("steps/evidence/")
    assert "does not let the site save your ticks" in tab.page.locator("[data-rg-note]").inner_text()
    assert tab.errors == []


HOSTILE = '<img src=x onerror="window.__pwned=1">'


def test_hostile_type_is_ignored_with_a_note(tab: Tab) -> None:
    page = tab.open("checklist/?type=" + HOSTILE.replace(" ", "%20").replace('"', "%22"))
    assert page.evaluate("window.__pwned") is None
    assert tab.visible_ids() == expected_ids(None)
    assert "does not know" in page.locator("[data-rg-note]").inner_text()
    assert page.locator(".md-content img").count() == 0
    assert tab.errors == []


@pytest.mark.parametrize(
    "fragment",
    [
        "%3Cscript%3Ewindow.__pwned%3D1%3C/script%3E",
        base64.urlsafe_b64encode(json.dumps({"v": 1, "t": HOSTILE, "k": [HOSTILE]}).encode()).decode().rstrip("="),
        "bm90IGpzb24",
    ],
)
def test_hostile_import_link_changes_nothing(tab: Tab, fragment: str) -> None:
    tab.open("checklist/")
    tab.box(FIRST_ITEM).check()
    page = tab.page
    page.goto(tab.base + "steps/evidence/")
    tab.open("checklist/#import=" + fragment)
    tab.wait_for_import_answer()
    assert page.evaluate("window.__pwned") is None
    assert tab.stored()["ticked"] in ([FIRST_ITEM], [])
    assert page.locator(".md-content img").count() == 0
    assert tab.errors == []


def test_hostile_import_file_is_refused(tab: Tab, tmp_path: Path) -> None:
    junk = tmp_path / "progress.json"
    junk.write_text(f"<script>window.__pwned=1</script>{HOSTILE}")
    page = tab.open("checklist/")
    page.locator(".rg-export summary").click()
    page.set_input_files("[data-rg-import]", str(junk))
    page.locator("[data-rg-status]").filter(has_text="could not be read").wait_for()
    assert page.evaluate("window.__pwned") is None
    assert tab.errors == []


def test_keyboard_alone_ticks_items(tab: Tab) -> None:
    page = tab.open("checklist/")
    box = tab.box(FIRST_ITEM)
    box.focus()
    page.keyboard.press("Space")
    assert box.is_checked()
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    assert tab.box(SECOND_ITEM).is_checked()
    assert tab.stored()["ticked"] == [FIRST_ITEM, SECOND_ITEM]


def test_axe_is_clean_in_every_state(context: Any, served: str) -> None:
    context.add_init_script("Storage.prototype.setItem = () => { throw new Error('full'); };")
    tab = Tab(context, served)
    problems = []

    def audit(label: str) -> None:
        report = axe_report(tab.page)
        if report:
            problems.append(f"{label}:\n{report}")

    tab.open("checklist/")
    audit("default")
    tab.box(FIRST_ITEM).check()
    tab.page.select_option("#rg-type", "counterfeit")
    tab.page.locator(".rg-export summary").click()
    audit("ticked, type chosen, export open, storage note")
    tab.open("checklist/?type=bogus")
    audit("unknown type note")
    tab.open("steps/evidence/")
    audit("step page")
    assert problems == []


def test_state_logic_through_the_shipped_module(tab: Tab) -> None:
    tab.open("checklist/")
    result = tab.page.evaluate(
        """async ([first, second]) => {
      const S = {
        ...(await import(new URL("../assets/js/checklist-state.js", location.href).href)),
        ...(await import(new URL("../assets/js/checklist-import.js", location.href).href)),
      };
      const known = { ids: new Set([first, second]), types: new Set(["counterfeit"]) };
      const state = { v: 1, type: "counterfeit", ticked: [first, second] };
      const items = [
        { id: "a.one", step: "a", onlyFor: [], skipFor: [] },
        { id: "a.two", step: "a", onlyFor: [], skipFor: ["x"] },
        { id: "a.three", step: "a", onlyFor: ["x"], skipFor: [] },
        { id: "b.one", step: "b", onlyFor: [], skipFor: [] },
      ];
      return {
        roundTrip: S.decode(S.encode(state), known),
        unicode: S.decode(S.encode({ ...state, ticked: [] }), known),
        junk: [S.decode("", known), S.decode("%%%", known), S.decode(btoa("[]"), known)],
        migrated: S.normalise({ checked: { [first]: true, [second]: false, gone: true } }, known),
        repaired: S.normalise({ v: 1, type: "gone", ticked: ["gone", first, first] }, known),
        broken: S.normalise("{", known),
        file: S.readExport(S.serialise(state), known),
        wrongVersion: S.readExport('{"v":2,"ticked":[]}', known),
        defaultList: S.visibleItems(items, null, null),
        typeX: S.visibleItems(items, "x", { steps: ["a"], first: ["a.three"] }),
        typeY: S.visibleItems(items, "y", { steps: ["a", "b"], first: [] }),
        progress: S.progress(["a.one", "a.two", "b.one"], ["a.one"]),
      };
    }""",
        [FIRST_ITEM, SECOND_ITEM],
    )
    assert result["roundTrip"] == {"v": 1, "type": "counterfeit", "ticked": [FIRST_ITEM, SECOND_ITEM]}
    assert result["unicode"] == {"v": 1, "type": "counterfeit", "ticked": []}
    assert result["junk"] == [None, None, None]
    assert result["migrated"] == {"v": 1, "type": None, "ticked": [FIRST_ITEM]}
    assert result["repaired"] == {"v": 1, "type": None, "ticked": [FIRST_ITEM]}
    assert result["broken"] == {"v": 1, "type": None, "ticked": []}
    assert result["file"]["ticked"] == [FIRST_ITEM, SECOND_ITEM]
    assert result["wrongVersion"] is None
    assert result["defaultList"] == ["a.one", "a.two", "b.one"]
    assert result["typeX"] == ["a.three", "a.one"]
    assert result["typeY"] == ["a.one", "a.two", "b.one"]
    assert result["progress"] == {"done": 1, "total": 3, "next": "a.two"}


def test_no_javascript_still_shows_every_task(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + "checklist/")
        boxes = page.locator(".rg-checklist input[type=checkbox]")
        assert boxes.count() == sum(len(step["checklist"]) for step in GUIDE.steps)
        assert all(box.is_visible() for box in boxes.all())
        assert not page.locator(".rg-checklist-controls").is_visible()
    finally:
        context.close()
