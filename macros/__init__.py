"""mkdocs-macros entry point: load and validate data/, then register one macro per rendered piece."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.exceptions import PluginError

from . import case, firm_kit, home, letters, page_calls, render
from .data import Guide, load_guide
from .schema import DataError

# Outside the "mkdocs" logger: an out-of-date translation warns without failing the strict build.
log = logging.getLogger("refund_guide.languages")


def load_or_fail(project_dir: str | Path, firm_file: str | None = None, language: str = "en") -> Guide:
    """Load data/ for a build; bad data stops the build with the file, entry and field named.
    `firm_file` (extra.firm_file in mkdocs.yml) brands the site with another firm.yml; `language`
    other than "en" applies data/i18n/<language>/."""
    overrides = {"firm.yml": Path(project_dir) / firm_file} if firm_file else None
    try:
        guide = load_guide(Path(project_dir) / "data", overrides, language)
    except DataError as error:
        raise PluginError(f"Invalid guide data: {error}") from None
    for stale in guide.stale:
        log.warning("%s: the English changed after it was translated (make facts lists every one)", stale)
    return guide


def define_env(env: Any) -> None:
    language = env.conf["theme"]["language"]
    guide = load_or_fail(env.project_dir, (env.conf.get("extra") or {}).get("firm_file"), language)
    locale = language.replace("-", "_")  # Babel's form: pt_BR
    env.variables["guide"] = guide  # hooks/ read it from here instead of loading data twice
    brand(env, guide)

    def page() -> str:
        return env.page.file.src_uri

    @env.macro
    def step_title(step_id: str) -> str:
        return render.inert(guide.step(step_id)["title"])

    @env.macro
    def step_checklist(step_id: str) -> str:
        return render.step_checklist(guide, step_id)

    @env.macro
    def checklist_controls() -> str:
        return render.checklist_controls(guide)

    @env.macro
    def step_deadlines(step_id: str) -> str:
        return render.step_deadlines(guide, step_id, locale)

    @env.macro
    def route_rules() -> str:
        return render.route_rules(guide, locale)

    @env.macro
    def deadline_days(deadline_id: str) -> str:
        return render.duration(guide.deadline(deadline_id), guide.strings)

    @env.macro
    def deadline_cap(deadline_id: str) -> str:
        cap = guide.deadline(deadline_id)["cap"]
        if not cap:
            raise KeyError(f"deadline '{deadline_id}' has no cap")
        return render.duration(cap, guide.strings)

    @env.macro
    def scams_for_step(step_id: str) -> str:
        return render.scams_for_step(guide, step_id, page())

    @env.macro
    def steps_overview() -> str:
        return render.steps_overview(guide, page())

    @env.macro
    def full_checklist() -> str:
        return render.full_checklist(guide, page())

    @env.macro
    def deadlines_calculator() -> str:
        return render.deadlines_calculator(guide, locale)

    @env.macro
    def scam_page(scam_id: str) -> str:
        helpful = letters.letters_for(guide, render.scam_page(scam_id), scam_id=scam_id)
        offer = firm_kit.consultation_offer(guide, scam_id) if scam_id in firm_kit.OFFER_SCAMS else ""
        return render.scam_page_markdown(guide, scam_id, locale, letters=helpful, offer=offer)

    @env.macro
    def letter_page(letter_id: str) -> str:
        return letters.letter_page_markdown(guide, letter_id, locale)

    @env.macro
    def letter_index() -> str:
        return letters.letter_index(guide, page())

    @env.macro
    def letters_for_step(step_id: str) -> str:
        guide.step(step_id)
        return letters.letters_for(guide, page(), step_id=step_id)

    @env.macro
    def scam_index() -> str:
        return render.scam_index(guide, page())

    @env.macro
    def ways_in() -> str:
        return render.ways_in(guide, page())

    # The way in and the arrival on the plan (#22): macros/home.py.
    @env.macro
    def quick_start() -> str:
        return home.quick_start(guide)

    @env.macro
    def situation_arrival() -> str:
        return home.arrival(guide)

    @env.macro
    def agencies() -> str:
        return render.agencies(guide, locale)

    @env.macro
    def where_to_report() -> str:
        return render.where_to_report(guide, locale)

    @env.macro
    def aliexpress_report() -> str:
        return render.aliexpress_report(guide, locale)

    @env.macro
    def firm_name() -> str:
        return render.inert(guide.firm["name"])

    @env.macro
    def firm_card() -> str:
        return render.firm_card(guide)

    @env.macro
    def source_credit() -> str:
        return render.source_credit(guide)

    @env.macro
    def firm_has_contact() -> bool:
        return bool(render.firm_contact_lines(guide.firm["contact"], guide.strings))

    @env.macro
    def glossary() -> str:
        return render.glossary_list(guide)

    @env.macro
    def scam_count() -> int:
        return len(guide.scams)

    # The firm's kit (issue #11): /for-lawyers/, the handouts, the consultation offer.
    site_url = env.conf.get("site_url") or "/"

    @env.macro
    def for_lawyers() -> str:
        return firm_kit.for_lawyers(guide, site_url)

    @env.macro
    def handout_page(scam_id: str) -> str:
        return firm_kit.handout_page(guide, scam_id, site_url, locale)

    @env.macro
    def consultation_offer(where: str) -> str:
        return firm_kit.consultation_offer(guide, where)

    @env.macro
    def languages_note() -> str:
        return render.languages_note(guide, env.conf["extra"]["rg_root_url"])

    # The case file at /case/ (#12).
    @env.macro
    def case_file() -> str:
        return case.case_file(guide, locale)

    problems = page_calls.check_pages(Path(env.conf["docs_dir"]), env.macros, guide)
    if problems:
        raise PluginError("Unknown macro or id in the pages:\n" + "\n".join(problems))


def brand(env: Any, guide: Guide) -> None:
    """Carry data/firm.yml into the theme: the logo must exist, the accent becomes Material's
    palette accent (both schemes), and the footer names the firm."""
    try:
        firm_kit.check_logo(guide.firm, Path(env.conf["docs_dir"]))
        for scam_id in firm_kit.OFFER_SCAMS:
            guide.scam(scam_id)
    except (DataError, KeyError) as error:
        raise PluginError(f"Invalid guide data: {error}") from None
    theme = env.conf["theme"]
    if guide.firm["accent"] and "palette" in theme:
        for palette in theme["palette"]:
            palette["accent"] = guide.firm["accent"]
    if env.conf.get("extra") is not None:
        env.conf["extra"]["rg_firm_footer"] = firm_kit.footer_line(guide)
