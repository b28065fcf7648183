"""The pages that read the reader's plan (#22): the checklist follows the situation (the plan's tasks,
the steps before the stage folded, each task's letters set for the problem), problem pages put the
urgent action and the binding limit first, and no control moves under the reader's finger.

HTML checks read the session's built site; the browser tests reuse it and stay few."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, TRANSLATIONS, BrowserTab

from macros import render
from macros.data import Guide, load_guide
from macros.situation import current_step, plan

LANGUAGES = ["en", *TRANSLATIONS]
GUIDES: dict[str, Guide] = {code: load_guide(ROOT / "data", language=code) for code in LANGUAGES}
GUIDE = GUIDES["en"]


def built(site: Path, code: str, path: str) -> str:
    return (site / ("" if code == "en" else code) / path / "index.html").read_text(encoding="utf-8")


def article(html: str) -> str:
    return html[html.index("<article") : html.index("</article>")]


def text_of(markup: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", markup)).strip()


# --- problem pages: the urgent action and the binding limit first (no browser) ------------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_problem_pages_put_the_urgent_action_and_the_binding_limit_before_the_general_advice(
    site: Path, code: str
) -> None:
    guide = GUIDES[code]
    for scam in guide.scams:
        page = article(built(site, code, f"scams/{scam['id']}"))
        first_heading = page.index("<h2")
        if scam["urgent"]:
            urgent = page.index('class="rg-urgent"')
            assert urgent < first_heading, (code, scam["id"])
            assert text_of(render.inert(scam["urgent"])) in text_of(page[urgent:first_heading]), (code, scam["id"])
        if guide.scam_deadlines(scam):
            limit = render.binding_deadline(guide, scam)
            action = page.index('class="rg-key-action"')
            assert action < first_heading, (code, scam["id"])
            top = page[action:first_heading]
            assert f'href="#deadline-{limit["id"]}"' in top, (code, scam["id"])
            assert f'id="deadline-{limit["id"]}"' in page[first_heading:], (code, scam["id"])


def test_the_pix_victim_reads_call_your_bank_before_anything_else(site: Path) -> None:
    """Asked to pay outside AliExpress (a Pix payment among them): "if you already paid, call your
    bank now" is the first thing after the summary, not at the bottom."""
    page = article(built(site, "en", "scams/off-platform-payment"))
    paragraphs = [text_of(p) for p in re.findall(r"<p[ >].*?</p>", page, re.S)]
    assert paragraphs[1].startswith("If you already paid, call your bank"), paragraphs[:3]
    assert "call your bank" not in text_of(page[page.index('id="what-to-do-next"') :]).lower()


# --- the checklist without JavaScript: every task, grouped by step, with its notes --------------


@pytest.mark.parametrize("code", LANGUAGES)
def test_checklist_without_js_groups_every_task_by_step_with_its_notes(site: Path, code: str) -> None:
    guide = GUIDES[code]
    page = built(site, code, "checklist")
    labels = {method["id"]: method["label"] for method in guide.methods}
    for step in guide.steps:
        start = page.index(f'<section class="rg-step" data-step="{step["id"]}"')
        section = page[start : page.index("</section>", start)]
        assert re.findall(r'<li class="rg-checklist__item" data-check-id="([^"]+)"', section) == [
            item["id"] for item in step["checklist"]
        ]
        assert re.search(r"<button[^>]*class=\"md-button rg-fold\"[^>]*hidden", section), step["id"]
        for item in step["checklist"]:
            li = section[section.index(f'data-check-id="{item["id"]}"') :]
            li = li[: li.index("</li>")]
            for method_id in item["methods"]:
                assert render.inert(labels[method_id]) in li, (code, item["id"], method_id)
            for name in render.where_names(guide, item["where"]):
                assert render.inert(name) in li, (code, item["id"], name)
            hrefs = re.findall(r'<a class="rg-checklist__letter" href="([^"]+)" data-letter="([^"]+)"', li)
            assert hrefs == [(f"../letters/{letter_id}/", letter_id) for letter_id in item["letters"]], item["id"]
            if item["letters"]:
                assert render.inert(guide.letter(item["letters"][0])["title"]) in li


# --- the checklist in a browser: a few situations, not a matrix --------------------------------

SITUATIONS = [
    # A refused dispute, paid by debit card, in Mexico: the bank comes first, earlier steps folded.
    ("delivered-elsewhere", "dispute-closed", "debit-card", "mexico"),
    # The bank or PayPal said no, paid by PayPal, in Spain: the complaint, the PayPal letter only.
    ("non-delivery", "said-no", "paypal", "spain"),
    # Not disputed yet, a US credit card: nothing folded, the billing-error letter offered.
    ("non-delivery", "not-disputed", "credit-card", "united-states"),
]

STATE = """() => {
  const steps = [...document.querySelectorAll('.rg-step')].filter(s => !s.hidden);
  const folded = (s) => s.querySelector('.rg-step__tasks').hidden;
  const now = document.querySelector('[data-rg-now]');
  return {
    shown: [...document.querySelectorAll('.rg-checklist li[data-check-id]')]
      .filter(li => !li.hidden).map(li => li.dataset.checkId),
    folded: steps.filter(folded).map(s => s.dataset.step),
    open: steps.filter(s => !folded(s)).map(s => s.dataset.step),
    letters: [...document.querySelectorAll('a[data-letter]')].filter(a => !a.hidden && !a.closest('li').hidden)
      .map(a => new URL(a.href).pathname + ' ' + a.search),
    now: now.hidden ? '' : now.textContent,
    next: document.querySelector('.is-next')?.dataset.checkId || null,
  };
}"""

TOP = "() => document.activeElement.getBoundingClientRect().top"


def test_checklist_opens_at_the_stage_with_the_plans_tasks_and_letters(context: Any, served: str) -> None:
    tab = BrowserTab(context, served)
    page = tab.page
    page.set_viewport_size({"width": 360, "height": 640})
    for scam_id, stage, method, country in SITUATIONS:
        page.goto(f"{served}checklist/?type={scam_id}&stage={stage}&method={method}&country={country}")
        # The arrival saves the link's situation, drops it from the address and tells the checklist.
        page.wait_for_function("() => !location.search.includes('stage=')")
        state = page.evaluate(STATE)
        wanted = plan(GUIDE, scam_id, stage, method, country)
        situation = (scam_id, stage, method, country)
        assert set(state["shown"]) == set(wanted.tasks), situation
        now = current_step(GUIDE, wanted.steps, stage)
        assert state["open"] == list(wanted.steps[wanted.steps.index(now) :]), situation
        assert state["folded"] == list(wanted.steps[: wanted.steps.index(now)]), situation
        assert (GUIDE.step(now)["title"] in state["now"]) == bool(state["folded"]), situation
        assert state["next"].split(".")[0] in state["open"], situation  # never a task folded behind
        if stage == "said-no":
            assert "payment-provider.written-complaint" in state["shown"], situation
        offered = [
            f"/letters/{letter_id}/ ?type={scam_id}"
            for item_id in state["shown"]
            for letter_id in next(i for s in GUIDE.steps for i in s["checklist"] if i["id"] == item_id)["letters"]
            if letter_id in wanted.letters
        ]
        assert state["letters"] == offered and offered, situation
    # A task in a folded step: unfold it, tick it, and it is kept; the box stays under the finger.
    page.goto(f"{served}checklist/?type=delivered-elsewhere&stage=dispute-closed&method=debit-card&country=mexico")
    page.wait_for_function("() => !location.search.includes('stage=')")  # the change asked, and taken
    page.locator('.rg-step[data-step="evidence"] .rg-fold').click()
    box = page.locator('input[data-check-id="evidence.payment-proof"]')
    box.focus()
    before = page.evaluate(TOP)
    page.keyboard.press("Space")
    page.wait_for_function("() => JSON.parse(localStorage.getItem('refund-guide:v2')).checklist.ticked.length === 1")
    assert abs(page.evaluate(TOP) - before) <= 1
    assert box.is_checked()
    # The next task of the open step: ticking it moves no other task (the badge takes no room).
    nxt = page.locator(".is-next input")
    below = page.locator(".is-next + li").element_handle()  # this task, not whichever is next later
    nxt.focus()
    before, other = page.evaluate(TOP), below.bounding_box()["y"]
    page.keyboard.press("Space")
    page.wait_for_function("() => JSON.parse(localStorage.getItem('refund-guide:v2')).checklist.ticked.length === 2")
    assert abs(page.evaluate(TOP) - before) <= 1
    assert abs(below.bounding_box()["y"] - other) <= 1
    page.reload()
    page.locator(".rg-checklist-config[data-bound]").wait_for(state="attached")
    assert page.evaluate(STATE)["folded"][0] == "evidence"
    assert box.is_checked() and tab.errors == []
    # Every link after the first changed a saved situation, and asked once (the arrival's question).
    assert len(tab.dialogs) == len(SITUATIONS)


def test_the_first_edit_on_the_case_file_moves_no_control(context: Any, served: str) -> None:
    """Choosing what happened redraws the task list above and brings the backup reminder: the
    chooser stays where the finger is (within 1 px). The way of paying and country chosen there
    then pick the limit a problem page puts first."""
    tab = BrowserTab(context, served)
    page = tab.page
    page.set_viewport_size({"width": 360, "height": 640})
    page.goto(f"{served}case/")
    chooser = page.locator("#case-type")
    chooser.wait_for(state="visible")
    chooser.scroll_into_view_if_needed()
    chooser.focus()
    before = page.evaluate(TOP)
    chooser.select_option("non-delivery")
    page.locator("[data-rg-backup-note]").wait_for(state="visible")
    assert abs(page.evaluate(TOP) - before) <= 1
    # The situation given here reaches the problem page: paid by Pix in Brazil, MED binds first.
    page.locator("#case-method").select_option("pix")
    page.locator("#case-country").select_option("brazil")
    page.goto(f"{served}scams/off-platform-payment/")
    page.locator(".rg-first-limit[data-bound]").wait_for(state="attached")
    shown = page.locator(".rg-limit-choice:visible")
    assert shown.count() == 1
    assert 'href="#deadline-pix-med"' in shown.inner_html()
    assert (
        page.locator(".rg-urgent").bounding_box()["y"]
        < shown.bounding_box()["y"]
        < page.locator("h2").first.bounding_box()["y"]
    )
    assert tab.errors == []
