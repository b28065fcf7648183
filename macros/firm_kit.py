"""The firm's kit: /for-lawyers/ (ready links with QR codes), one printable handout per problem
type at /for-lawyers/handout/<id>/, and the consultation offer shown where a reader may need help.

A handout also holds one section per way of paying that changes the type's plan (#22), hidden
until the address names it: /for-lawyers/handout/<id>/#method-<method id> shows that method's
routes, limits and a QR code to /checklist/?type=<id>&method=<method id>, by CSS alone (`:target`).

Every text from data goes through `render.inert` or `render.fill_markup`. Links inside the site are
relative (MkDocs builds directory URLs); the addresses printed for the firm and encoded in the QR
codes are absolute, from `site_url`: the address that goes on paper.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno

from .data import Guide, language_places
from .logo import logo_problem
from .render import (
    bullet_list,
    deadline_cards,
    duration,
    escaped,
    fill_markup,
    firm_contact_lines,
    inert,
    key_action,
    limit_candidates,
    long_date,
    script_config,
)
from .repo_files import file_problem
from .schema import DataError, Where
from .situation import UNKNOWN_METHOD, plan

# Problem types whose page offers the consultation: the reader has tried the free steps and lost.
OFFER_SCAMS = ("dispute-lost", "provider-said-no")
# The checklist shows the offer once at least this share of its visible tasks is ticked.
MOST_DONE = 0.75
QR_DIR = "assets/qr"
HANDOUT_DIR = "for-lawyers/handout"
# The stage a plan link opens at when the reader has saved none (situation-arrival.js): a method's
# handout prints the plan that its QR code opens.
LINK_STAGE = "not-disputed"
# A method's section of a handout: /for-lawyers/handout/<id>/#method-<method id>.
METHOD_ANCHOR = "method-"
# The class of the type's own limits and code on a handout, which a method's section replaces.
ANY_METHOD = "rg-handout__any"


@dataclass(frozen=True)
class Target:
    """A page the firm can send a client to: its path under the site root and its QR code file."""

    kind: str  # "checklist", "scam", "letter" or "handout"
    path: str  # e.g. "checklist/?type=non-delivery"
    qr: str  # file name under assets/qr/, without .svg
    label: str  # markup


def firm_reachable(firm: Mapping[str, Any]) -> bool:
    """Whether the firm can be reached: only then is the consultation offered."""
    return any(firm["contact"].values()) or bool(firm["consultation_url"])


def check_logo(firm: Mapping[str, Any], docs_dir: Path, label: str = "data/firm.yml") -> None:
    """The logo must be a regular file under docs/ (the schema has checked the path's form), reached
    through no symbolic link, and an image by its content (macros/logo.py)."""
    if not firm["logo"]:
        return
    path = docs_dir / firm["logo"]
    problem = file_problem(path, len(Path(firm["logo"]).parts) + 1)
    if problem == "the file is missing":
        raise DataError(Where(label, field="logo"), f"there is no file docs/{firm['logo']}")
    problem = problem or logo_problem(path)
    if problem:
        raise DataError(Where(label, field="logo"), f"docs/{firm['logo']} {problem}")


def letters_for_scam(guide: Guide, scam_id: str) -> list[dict[str, Any]]:
    return [letter for letter in guide.letters if scam_id in letter["scams"]]


def scam_targets(guide: Guide, scam: Mapping[str, Any]) -> list[Target]:
    """Where the firm may send a client with this problem, best first."""
    strings = guide.strings
    scam_id = scam["id"]
    targets = [
        Target("checklist", f"checklist/?type={scam_id}", f"checklist-{scam_id}", inert(strings["kit.checklist"])),
        Target("scam", f"scams/{scam_id}/", f"scam-{scam_id}", inert(strings["kit.page"])),
    ]
    for letter in letters_for_scam(guide, scam_id):
        label = fill_markup(strings["kit.letter"], letter=inert(letter["title"]))
        targets.append(Target("letter", f"letters/{letter['id']}/", f"letter-{letter['id']}", label))
    return targets


def method_target(scam_id: str, method_id: str) -> Target:
    """The plan for a type and a way of paying: the address a method's handout prints and encodes.
    `--` cannot occur in an id, so the file name is unambiguous."""
    return Target("checklist", f"checklist/?type={scam_id}&method={method_id}", f"checklist-{scam_id}--{method_id}", "")


def qr_files(guide: Guide) -> dict[str, str]:
    """Every QR code the kit and the handouts show: file name (without .svg) -> path under the site
    root. The type's own codes, then one per way of paying that has a section on its handout."""
    files = {target.qr: target.path for scam in guide.scams for target in scam_targets(guide, scam)}
    for scam in guide.scams:
        for method_id in handout_methods(guide, scam["id"]):
            target = method_target(scam["id"], method_id)
            files[target.qr] = target.path
    return files


@functools.lru_cache(maxsize=4096)
def _qr_code(url: str) -> segno.QRCode:
    # Encoding (its mask choice) is the slow part: the file and the <img> size share one.
    return segno.make(url, error="m", micro=False)


def qr_svg(url: str) -> bytes:
    """A QR code as a small SVG file: black on white whatever the colour scheme, with the quiet zone
    scanners need. No style attributes or <style>: it passes the site's Content-Security-Policy."""
    out = io.BytesIO()
    _qr_code(url).save(out, kind="svg", border=4, dark="#000", light="#fff", xmldecl=False, omitsize=True)
    return out.getvalue()


def qr_modules(url: str) -> int:
    """The width of the code in modules, quiet zone included (for the <img> size)."""
    return _qr_code(url).symbol_size(border=4)[0]


def qr_img(guide: Guide, target: Target, site_url: str, up: str, alt_key: str, css: str) -> str:
    url = site_url + target.path
    size = qr_modules(url) * 4
    alt = fill_markup(guide.strings[alt_key], url=inert(url))
    return (
        f'<img class="{css}" src="{up}{QR_DIR}/{target.qr}.svg" alt="{alt}" width="{size}" height="{size}" '
        'loading="lazy">'
    )


# --- /for-lawyers/ ------------------------------------------------------------------------------


def kit_link(guide: Guide, target: Target, site_url: str, number: int, methods: list[str]) -> str:
    """One ready link: the page, its address (selectable without JS), Copy link, its QR code.
    `methods`: the ways of paying with a code and a handout section of their own for this type."""
    strings = guide.strings
    url = inert(site_url + target.path)
    url_id = f"kit-url-{number}"
    # The plan's link can carry how the client paid (the method chooser, docs/assets/js/for-lawyers.js),
    # and its code follows where a way of paying has its own (`methods`); the alt text is refilled.
    plan = (
        f' data-rg-plan="{url}" data-rg-methods="{" ".join(methods)}" data-rg-alt="{inert(strings["kit.qr_alt"])}"'
        if target.kind == "checklist"
        else ""
    )
    return (
        f'<li class="rg-kit__link"{plan}><div class="rg-kit__text">'
        f'<a href="../{inert(target.path)}">{target.label}</a><br>'
        f'<code class="rg-kit__url" id="{url_id}">{url}</code><br>'
        f'<button type="button" class="md-button rg-kit__copy" data-rg-copy="{url}" '
        f'aria-describedby="{url_id}" hidden>{inert(strings["kit.copy"])}</button></div>'
        f"{qr_img(guide, target, site_url, '../', 'kit.qr_alt', 'rg-qr')}</li>"
    )


def kit_type(guide: Guide, scam: Mapping[str, Any], site_url: str, first_number: int) -> str:
    """One problem type's card: its links, then its handout. `data-rg-kit-terms` is what the filter matches."""
    terms = " ".join(" ".join([scam["title"], scam["way_in"], scam["id"].replace("-", " ")]).lower().split())
    methods = handout_methods(guide, scam["id"])
    links = [
        kit_link(guide, target, site_url, first_number + position, methods)
        for position, target in enumerate(scam_targets(guide, scam))
    ]
    # With a way of paying chosen, the handout link names its section (#method-<id>) where it has one.
    handout = f"{HANDOUT_DIR}/{scam['id']}/"
    links.append(
        f'<li class="rg-kit__link" data-rg-handout="{" ".join(methods)}">'
        f'<a href="../{handout}">{inert(guide.strings["kit.handout"])}</a></li>'
    )
    return (
        f'<div class="rg-kit__type" data-rg-kit-type data-rg-kit-terms="{inert(terms)}">\n'
        f'<h3 id="kit-{inert(scam["id"])}">{inert(scam["title"])}</h3>\n'
        f'<ul class="rg-kit__links">{"".join(links)}</ul>\n'
        '<p class="rg-kit__said rg-said" role="status" data-rg-kit-said></p>\n</div>'
    )


def for_lawyers(guide: Guide, site_url: str) -> str:
    """The whole kit: the filter (shown by its script), then every problem type by group."""
    strings = guide.strings
    text = {key: inert(value) for key, value in strings.items() if key.startswith("kit.")}
    config = {"strings": {key[7:]: value for key, value in strings.items() if key.startswith("js.kit_")}}
    parts = [
        f"<p>{text['kit.intro']}</p>",
        f"<p>{fill_markup(strings['kit.address'], url=f'<code>{inert(site_url)}</code>')}</p>",
        '<div class="rg-kit__filter" data-rg-kit-filter hidden>\n'
        f'<p class="rg-field"><label for="rg-kit-filter">{text["kit.filter_label"]}</label>\n'
        '<input id="rg-kit-filter" type="text" autocomplete="off" spellcheck="false" '
        'aria-describedby="rg-kit-filter-help">\n'
        f'<span class="rg-field__help" id="rg-kit-filter-help">{text["kit.filter_help"]}</span></p>\n'
        f'<p class="rg-field"><label for="rg-kit-method">{text["kit.method_label"]}</label>\n'
        '<select id="rg-kit-method" aria-describedby="rg-kit-method-help">'
        f'<option value="">{text["kit.method_any"]}</option>'
        + "".join(f'<option value="{inert(m["id"])}">{inert(m["label"])}</option>' for m in guide.methods)
        + f'</select>\n<span class="rg-field__help" id="rg-kit-method-help">{text["kit.method_help"]}</span></p>\n'
        '<p class="rg-status" role="status" data-rg-kit-count></p>\n</div>',
    ]
    number = 1
    for group in guide.scam_groups:
        cards = []
        for scam in guide.scams:
            if scam["group"] == group["id"]:
                cards.append(kit_type(guide, scam, site_url, number))
                number += len(scam_targets(guide, scam))
        parts.append(
            f'<section class="rg-kit__group" data-rg-kit-group markdown>\n\n'
            f"## {inert(group['title'])} {{ #kit-group-{group['id']} }}\n\n" + "\n".join(cards) + "\n\n</section>"
        )
    parts.append(script_config("rg-kit-config", config))
    return "\n\n".join(parts)


# --- handouts -----------------------------------------------------------------------------------


def handout_stub(scam_id: str) -> str:
    """The generated page: constant front matter (no text from data), then the macro call."""
    return (
        "---\nsearch:\n  exclude: true\nrobots: noindex\nhide:\n  - navigation\n  - toc\n"
        # Its one script: the Print button and the printed date (handout.js, within 0.5 KB).
        "scripts:\n  - handout\n---\n\n"
        f'{{{{ handout_page("{scam_id}") }}}}\n'
    )


def handout_description(guide: Guide, scam_id: str) -> str:
    """Plain text for the page's description (hooks/page_meta.py escapes it)."""
    return guide.strings["handout.description"].replace("{type}", " ".join(guide.scam(scam_id)["title"].split()))


def firm_lines(guide: Guide) -> list[str]:
    return firm_contact_lines(guide.firm["contact"], guide.strings)


def limit_line(deadline: Mapping[str, Any], strings: Mapping[str, str]) -> str:
    """'120 days. Counted from: The day you paid': a number alone does not say when to act."""
    return fill_markup(
        strings["handout.limit"], duration=duration(deadline, strings), counts_from=inert(deadline["counts_from"])
    )


def handout_limit(deadline: Mapping[str, Any], strings: Mapping[str, str]) -> str:
    """One printed limit: its title, how long and from when, then its one-line safest move."""
    limit = inert(deadline["headline"]) if deadline["headline"] else limit_line(deadline, strings)
    return (
        f"<li><strong>{inert(deadline['title'])}</strong>: {limit}"
        f' <span class="rg-handout__move">{inert(deadline["action"])}</span></li>'
    )


def handout_actions(guide: Guide, scam: Mapping[str, Any]) -> tuple[str, str]:
    """The heading and list of what to do. An urgent type (a charge you did not make, a fake site...)
    gets its own remedies, in order: the generic steps put evidence first and the bank only "if
    AliExpress does not solve it", which is wrong when money is going now."""
    strings = guide.strings
    if scam["urgent"]:
        remedies = escaped(remedy["text"] for remedy in scam["remedies"])
        return strings["scam.remedies"], bullet_list(remedies, ordered=True)
    steps = bullet_list(
        (
            f"**{inert(guide.step(step_id)['title'])}**: {inert(guide.step(step_id)['summary'])}"
            for step_id in scam["steps"]
        ),
        ordered=True,
    )
    return strings["handout.steps"], steps


def build_date() -> dt.date:
    """The day of this build, in UTC (SOURCE_DATE_EPOCH, when set, for a build that can be repeated)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    moment = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else dt.datetime.now(dt.UTC)
    return moment.date()


def handout_head(guide: Guide, locale: str, up: str) -> str:
    """The logo, the firm, the date and the Print button (#22). Without JavaScript the date is the
    build's, said as such, and the button stays hidden; handout.js shows the button and, as the page
    is printed, puts the day it is printed in the date's place."""
    strings = guide.strings
    firm = guide.firm
    logo = f'<img class="rg-handout__logo" src="{up}{inert(firm["logo"])}" alt="">' if firm["logo"] else ""
    made = fill_markup(strings["handout.made"], date=inert(long_date(build_date(), locale)))
    return (
        f'<div class="rg-handout__head">{logo}<div>'
        f'<p class="rg-handout__from">{fill_markup(strings["handout.from"], firm=inert(firm["name"]))}</p>'
        f'<p class="rg-handout__date" data-rg-print-date="{inert(strings["js.print_date"])}" '
        f'data-locale="{inert(strings["js.date_locale"])}">{made}</p></div>'
        f'<button type="button" class="md-button md-button--primary rg-handout__print" data-rg-print hidden>'
        f"{inert(strings['handout.print'])}</button></div>"
    )


def in_language_places(entry: Mapping[str, Any], places: frozenset[str] | None) -> bool:
    """A translated handout prints what holds everywhere and in its language's own countries."""
    return places is None or not entry["where"] or bool(places & set(entry["where"]))


def type_limits(guide: Guide, scam: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The limits a type's handout prints: every limit of its routes (the problem page lists them
    all), without a processing time (Klarna's review is never a deadline the client must meet), and
    in a translation only those of its language's countries and those that hold everywhere."""
    places = language_places(guide)
    return [d for d in guide.scam_deadlines(scam) if not d["processing"] and in_language_places(d, places)]


@dataclass(frozen=True)
class MethodPlan:
    """What a type's handout prints for one way of paying: plan() at the stage a link opens at."""

    routes: tuple[dict[str, Any], ...]  # the routes only some ways of paying have (a card's chargeback)
    rules: tuple[dict[str, Any], ...]  # the routes' rules that name this way of paying (Pix's MED)
    limits: tuple[dict[str, Any], ...]


def method_plan(guide: Guide, scam_id: str, method_id: str) -> MethodPlan:
    found = plan(guide, scam_id, LINK_STAGE, method_id, None)
    places = language_places(guide)
    routes = [route for route in guide.routes if route["id"] in found.routes]
    return MethodPlan(
        routes=tuple(route for route in routes if route["methods"] and in_language_places(route, places)),
        rules=tuple(
            rule
            for route in routes
            for rule in route["rules"]
            if rule["id"] in found.rules and rule["methods"] and in_language_places(rule, places)
        ),
        limits=tuple(
            d
            for d in guide.deadlines
            if d["id"] in found.limits and not d["processing"] and in_language_places(d, places)
        ),
    )


def handout_methods(guide: Guide, scam_id: str) -> list[str]:
    """The ways of paying that change what this type's handout prints: each gets a section (and a
    QR code). "I don't know" is the type's own handout."""
    unknown = method_plan(guide, scam_id, UNKNOWN_METHOD)
    return [
        method["id"]
        for method in guide.methods
        if method["id"] != UNKNOWN_METHOD and method_plan(guide, scam_id, method["id"]) != unknown
    ]


def method_action(guide: Guide, scam: Mapping[str, Any], deadlines: list[dict[str, Any]]) -> str:
    """The action of the first printed limit on the type's best route: the one that binds a client
    who paid this way first (binding-limit.js picks the same on the problem page)."""
    shown = {deadline["id"] for deadline in deadlines}
    return next((limit for limit, _ in limit_candidates(guide, scam) if limit["id"] in shown), deadlines[0])["action"]


def limits_block(guide: Guide, action: str, deadlines: list[dict[str, Any]], locale: str) -> str:
    """The limits, after the one thing to do first."""
    strings = guide.strings
    if not deadlines:
        return deadline_cards([], strings, locale)
    rows = "".join(handout_limit(deadline, strings) for deadline in deadlines)
    newest = max(deadline["as_of"] for deadline in deadlines)
    return (
        f'<p><strong>{inert(action)}</strong></p>\n<ul class="rg-handout__limits">{rows}</ul>\n'
        f'<p class="rg-handout__small">'
        f"{fill_markup(strings['deadline.live_check'], date=inert(long_date(newest, locale)))}</p>"
    )


def qr_block(guide: Guide, target: Target, site_url: str, up: str) -> str:
    """The QR code to the client's plan, with its address printed beside it."""
    url = inert(site_url + target.path)
    return (
        f'<div class="rg-handout__qr">{qr_img(guide, target, site_url, up, "handout.qr_alt", "rg-qr")}'
        f'<div><p class="rg-handout__url">{url}</p><p>{inert(guide.strings["handout.qr_text"])}</p></div></div>'
    )


def method_section(guide: Guide, scam: Mapping[str, Any], method: Mapping[str, Any], site_url: str, locale: str) -> str:
    """One way of paying's part of a handout: what it lets the client use (and what its rules say),
    its limits, and the code to the plan with type and method set. Raw HTML, one block: hidden until
    the address names it (extra.css), its headings carry no id."""
    strings = guide.strings
    found = method_plan(guide, scam["id"], method["id"])
    rules = "".join(f"<li>{inert(rule['text'])}</li>" for rule in found.rules)
    if found.routes:
        routes = "".join(f"<li><strong>{inert(route['title'])}</strong></li>" for route in found.routes)
        use = f"<p>{inert(strings['handout.method_routes'])}</p><ul>{routes}{rules}</ul>"
    else:
        use = f"<p>{inert(strings['handout.method_no_route'])}</p>" + (f"<ul>{rules}</ul>" if rules else "")
    title = fill_markup(strings["handout.method_title"], method=inert(method["label"]))
    limits = list(found.limits)
    action = method_action(guide, scam, limits) if limits else ""
    target = method_target(scam["id"], method["id"])
    return (
        f'<section class="rg-handout__plan rg-handout__plan--method" id="{METHOD_ANCHOR}{inert(method["id"])}">'
        f"<h2>{title}</h2>{use}"
        f"<h2>{inert(strings['handout.deadlines'])}</h2>{limits_block(guide, action, limits, locale)}"
        f"<h2>{inert(strings['scam.next'])}</h2>{qr_block(guide, target, site_url, '../../../')}</section>"
    )


def handout_page(guide: Guide, scam_id: str, site_url: str, locale: str) -> str:
    """One A4 page for a client: an urgent type's urgent line first, what to do in brief, the time
    limits, the QR code to the tailored checklist with its address, and the firm's filled-in channels.
    Then a section per way of paying that changes the plan, shown instead of the type's limits and
    code when the address names it (#method-<id>)."""
    scam = guide.scam(scam_id)
    strings = guide.strings
    firm = guide.firm
    up = "../../../"
    checklist = Target("checklist", f"checklist/?type={scam_id}", f"checklist-{scam_id}", "")
    head = handout_head(guide, locale, up)
    steps_title, steps = handout_actions(guide, scam)
    # The title is the page's first element (MkDocs takes the page title from it); the urgent line
    # comes straight after it, before anything else on screen and on paper.
    urgent = f'<p class="rg-handout__urgent"><strong>{inert(scam["urgent"])}</strong></p>' if scam["urgent"] else ""
    contact = firm_lines(guide)
    firm_block = (
        f'<div class="rg-handout__firm"><p><strong>{inert(firm["name"])}</strong></p>'
        + (f"<ul>{''.join(f'<li>{line}</li>' for line in contact)}</ul>" if contact else "")
        + "</div>"
    )
    intro = inert(firm["intro"] or strings["handout.intro"])
    methods = {method["id"]: method for method in guide.methods}
    limits = type_limits(guide, scam)
    action = key_action(guide, scam) if limits else ""
    return "\n\n".join(
        [
            f"# {fill_markup(strings['handout.title'], type=inert(scam['title']))}",
            # Each block on its own: Markdown would wrap the head's <div> into the urgent line's <p>.
            f'<div class="rg-handout" markdown>\n\n{urgent}\n\n{head}',
            f'<p class="rg-handout__intro">{intro}</p>',
            f"## {inert(steps_title)}",
            steps,
            # The type's own limits and code: each part marked, so that a method's section named by
            # the address hides them (extra.css). Not a wrapper: Markdown inside nested HTML breaks.
            f"## {inert(strings['handout.deadlines'])} {{ .{ANY_METHOD} }}",
            f'<div class="{ANY_METHOD}">{limits_block(guide, action, limits, locale)}</div>',
            f"## {inert(strings['scam.next'])} {{ .{ANY_METHOD} }}",
            f'<div class="{ANY_METHOD}">{qr_block(guide, checklist, site_url, up)}</div>',
            *(method_section(guide, scam, methods[m], site_url, locale) for m in handout_methods(guide, scam_id)),
            firm_block,
            "</div>",
        ]
    )


# --- the consultation offer ---------------------------------------------------------------------


def consultation_offer(guide: Guide, where: str) -> str:
    """The firm's offer of a consultation, after the free self-help; "" when nobody could answer.
    On the checklist it starts hidden: checklist.js shows it once most tasks are ticked."""
    firm = guide.firm
    if not firm_reachable(firm):
        return ""
    strings = guide.strings
    contact = firm_lines(guide)
    link = (
        f'<p><a class="md-button md-button--primary" href="{inert(firm["consultation_url"])}">'
        f"{inert(strings['offer.link'])}</a></p>"
        if firm["consultation_url"]
        else ""
    )
    hidden = f' hidden data-rg-most="{MOST_DONE}"' if where == "checklist" else ""
    return (
        f'<div class="rg-offer" data-rg-offer="{inert(where)}"{hidden} markdown>\n\n'
        f'<p class="rg-offer__title">{inert(strings["offer.title"])}</p>\n\n'
        f"<p><strong>{inert(firm['name'])}</strong>: {inert(firm['consultation'])}</p>\n\n"
        + (bullet_list(contact) + "\n\n" if contact else "")
        + f"{link}\n\n</div>"
    )


def footer_line(guide: Guide) -> str:
    return fill_markup(guide.strings["firm.footer"], firm=inert(guide.firm["name"]))
