"""The firm's kit (issue #11): /for-lawyers/ with ready links and QR codes, one printable handout per
problem type, the consultation offer, and branding from data/firm.yml.

The shipped site has no contact channel, so it never offers the consultation. A second site, built
once per session with tests/fixtures/firm.yml (a made-up firm with two channels, a logo and an
accent), shows the branded states.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

import pypdf
import pytest
import yaml
import zxingcpp
from conftest import ADOPT_STYLESHEET, ROOT, WCAG_TAGS, BrowserTab, SharedSite, html_pages
from PIL import Image

from macros import firm_kit
from macros.data import load_guide
from macros.render import long_date
from macros.schema import ACCENT_COLOURS, DataError

GUIDE = load_guide(ROOT / "data")
FIXTURE = ROOT / "tests" / "fixtures" / "firm.yml"
BRANDED = load_guide(ROOT / "data", {"firm.yml": FIXTURE})


LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><path fill="#123" d="M0 0h10v10H0z"/></svg>\n'


def page_text(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def content(html: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match
    return match.group(1)


def words(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&amp;", "&")


# --- the branded site: built once per session ---------------------------------------------------


@pytest.fixture(scope="session")
def branded_build(request: pytest.FixtureRequest) -> SharedSite:
    return SharedSite(request, "branded")


@pytest.fixture(scope="session")
def branded_url(branded_build: SharedSite) -> str:
    return branded_build.url


def build_branded(site_dir: Path, site_url: str) -> None:
    """The site built with the fixture firm (its logo lives in a copy of docs/)."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    work = site_dir.parent / "branded-project"
    docs = work / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / "assets" / "firm-logo.svg").write_text(LOGO, encoding="utf-8")
    config = load_config(
        str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), site_url=site_url, docs_dir=str(docs), strict=True
    )
    config["extra"]["firm_file"] = str(FIXTURE)
    build(config)


@pytest.fixture(scope="session")
def branded_site(branded_build: SharedSite, branded_url: str) -> Path:
    return branded_build.build(lambda folder: build_branded(folder, branded_url))


@pytest.fixture(scope="session")
def branded(branded_build: SharedSite, branded_site: Path) -> Iterator[str]:
    yield from branded_build.serve(branded_site)


# --- firm.yml: bad input fails naming the field (the loader alone, no build) --------------------


def firm_failure(tmp_path: Path, **changes: Any) -> str:
    firm = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))
    firm.update(changes)
    path = tmp_path / "firm.yml"
    path.write_text(yaml.safe_dump(firm, allow_unicode=True), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        load_guide(ROOT / "data", {"firm.yml": path})
    return str(caught.value)


@pytest.mark.parametrize(
    ("changes", "field", "problem"),
    [
        ({"consultation_url": "http://harbour-vale.example/book"}, "consultation_url", "must be an https:// URL"),
        ({"accent": "yellow"}, "accent", "must be one of red, pink, purple"),
        ({"accent": "#3f51b5"}, "accent", "must be one of red"),
        ({"logo": "../secrets/logo.svg"}, "logo", "must be a path under docs/"),
        ({"logo": "assets/logo.exe"}, "logo", "must be a path under docs/"),
        ({"colour": "indigo"}, "colour", "is not a known field"),
        ({"intro": "Call {{ phone }}"}, "intro", "must not look like template code"),
    ],
)
def test_bad_firm_yml_fails_naming_the_field(tmp_path: Path, changes: dict[str, Any], field: str, problem: str) -> None:
    message = firm_failure(tmp_path, **changes)
    assert message.startswith(f"data/firm.yml: entry '(top level)': field '{field}': "), message
    assert problem in message


def test_a_missing_logo_fails_naming_the_field(tmp_path: Path) -> None:
    with pytest.raises(DataError) as caught:
        firm_kit.check_logo(BRANDED.firm, tmp_path)
    assert (
        str(caught.value)
        == "data/firm.yml: entry '(top level)': field 'logo': there is no file docs/assets/firm-logo.svg"
    )
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "firm-logo.svg").write_text(LOGO, encoding="utf-8")
    firm_kit.check_logo(BRANDED.firm, tmp_path)  # now it exists


def test_empty_optional_fields_are_simply_left_out() -> None:
    assert GUIDE.firm["intro"] is None and GUIDE.firm["accent"] is None and GUIDE.firm["logo"] is None
    assert not firm_kit.firm_reachable(GUIDE.firm)
    assert firm_kit.consultation_offer(GUIDE, "payment-provider") == ""
    assert firm_kit.firm_reachable(BRANDED.firm)


# --- QR codes: they decode to the right absolute addresses --------------------------------------


# Every QR code of the page in one grid, so that a single screenshot holds them all.
CELL, GAP = 200, 40
QR_GRID = f".rg-grid {{ display: grid; grid-template-columns: repeat(8, {CELL}px); gap: {GAP}px; padding: {GAP}px;"
QR_GRID += f" background: #fff; width: max-content; }} .rg-grid img {{ width: {CELL}px; height: {CELL}px; }}"
GRID_OF_CODES = """() => {
  const pairs = [...document.querySelectorAll("img.rg-qr")].map(
    (image) => [image.src, image.closest("li").querySelector("code").textContent]);
  const grid = document.createElement("div");
  grid.className = "rg-grid";
  const sources = [...new Set(pairs.map(([src]) => src))];
  for (const src of sources) grid.append(Object.assign(new Image(), { src }));
  document.body.replaceChildren(grid);
  return Promise.all([...grid.children].map((image) => image.decode())).then(() => [pairs, sources]);
}"""


def decode_grid(png: bytes, columns: int = 8) -> dict[int, list[str]]:
    """What zxing-cpp reads in each cell of the grid, by cell number."""
    found: dict[int, list[str]] = {}
    for result in zxingcpp.read_barcodes(Image.open(io.BytesIO(png))):
        corner = result.position.top_left
        cell = (corner.y - GAP) // (CELL + GAP) * columns + (corner.x - GAP) // (CELL + GAP)
        found.setdefault(cell, []).append(result.text)
    return found


def test_every_qr_code_decodes_to_its_absolute_address(site: Path, served: str, context: Any) -> None:
    """Each code on /for-lawyers/ opens the address printed beside it (site_url + path), and every
    handout's code is the one of its tailored checklist, with that address printed under it."""
    tab = BrowserTab(context, served)
    tab.page.set_viewport_size({"width": 8 * (CELL + GAP) + GAP, "height": 800})
    tab.page.goto(served + "for-lawyers/")
    assert tab.errors == []
    tab.page.evaluate(ADOPT_STYLESHEET, QR_GRID)
    pairs, sources = tab.page.evaluate(GRID_OF_CODES)  # the theme complains once its page is gone
    expected = dict(pairs)
    for src, url in pairs:
        assert expected[src] == url, f"{src} stands for two addresses"
    # The kit shows the type's codes; the codes for a type and a way of paying wait for the method
    # chooser and the handouts' sections (test_a_handout_for_a_way_of_paying_opens_that_plan).
    files = firm_kit.qr_files(GUIDE)
    assert len(sources) == len([name for name in files if "--" not in name])
    assert len(files) == len(list((site / "assets" / "qr").glob("*.svg")))
    decoded = decode_grid(tab.page.screenshot(full_page=True))
    assert {sources[cell]: texts for cell, texts in decoded.items()} == {src: [expected[src]] for src in sources}
    assert all(url.startswith(served) for url in expected.values())
    for scam in GUIDE.scams:
        html = page_text(site, f"for-lawyers/handout/{scam['id']}")
        address = f"{served}checklist/?type={scam['id']}"
        assert f'src="../../../assets/qr/checklist-{scam["id"]}.svg"' in html
        assert expected[f"{served}assets/qr/checklist-{scam['id']}.svg"] == address
        assert f'<p class="rg-handout__url">{address}</p>' in html
        # Each way of paying that changes the plan: its section, code and address carry type and method.
        methods = firm_kit.handout_methods(GUIDE, scam["id"])
        assert (
            re.findall(r'<section class="rg-handout__plan rg-handout__plan--method" id="method-([^"]+)"', html)
            == methods
        )
        for method in methods:
            assert f'src="../../../assets/qr/checklist-{scam["id"]}--{method}.svg"' in html
            assert f'<p class="rg-handout__url">{address}&amp;method={method}</p>' in html


def read_code(image: Any) -> list[str]:
    """What zxing-cpp reads in one QR code on the page, drawn large enough to scan."""
    image.page.evaluate(ADOPT_STYLESHEET, ".rg-qr { width: 320px !important; }")
    image.scroll_into_view_if_needed()
    image.evaluate("image => image.decode()")  # a lazy image whose source the script just changed
    return [found.text for found in zxingcpp.read_barcodes(Image.open(io.BytesIO(image.screenshot())))]


def test_a_handout_for_a_way_of_paying_opens_that_plan(served: str, context: Any) -> None:
    """#22, the firm's journey: on the kit, "PayPal" for a counterfeit makes the checklist link,
    its QR code and the handout link carry the method; the handout then prints PayPal's route and
    limits (no card chargeback) and a code to /checklist/?type=counterfeit&method=paypal, and that
    address opens the plan with PayPal set."""
    scam, method = GUIDE.scam("counterfeit"), "paypal"
    address = f"{served}checklist/?type={scam['id']}&method={method}"
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(served + "for-lawyers/")
    page.locator("#rg-kit-method").select_option(method)
    card = page.locator(f"[data-rg-kit-type]:has(#kit-{scam['id']})")
    row = card.locator("[data-rg-plan]")
    assert row.locator("code").text_content() == address
    assert row.locator("img").get_attribute("alt") == GUIDE.strings["kit.qr_alt"].replace("{url}", address)
    assert read_code(row.locator("img")) == [address]
    handout = card.locator("[data-rg-handout] a")
    assert handout.get_attribute("href") == f"../for-lawyers/handout/{scam['id']}/#method-{method}"
    page.locator("#rg-kit-method").select_option("")  # back to the type's own
    assert handout.get_attribute("href") == f"../for-lawyers/handout/{scam['id']}/"
    page.locator("#rg-kit-method").select_option(method)
    handout.click()
    page.wait_for_url(f"**/handout/{scam['id']}/#method-{method}")
    section = page.locator(f"#method-{method}")
    assert section.is_visible() and page.locator(".rg-handout__any").first.is_hidden()
    sheet = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(one.extract_text() for one in sheet.pages).split())
    assert len(sheet.pages) == 1 and address in text
    assert GUIDE.strings["handout.method_title"].replace("{method}", "PayPal") in text
    assert GUIDE.route("paypal-not-as-described")["title"] in text
    for limit in ("paypal-dispute-not-as-described", "paypal-escalation"):
        assert " ".join(GUIDE.deadline(limit)["title"].split()) in text, limit
    assert GUIDE.deadline("card-chargeback-not-as-described")["title"] not in text
    assert f"{served}checklist/?type={scam['id']} " not in text, "the type's own address is not printed"
    assert read_code(section.locator("img")) == [address]
    page.goto(address)
    page.wait_for_selector("[data-rg-arrival]:not([hidden])")
    assert page.evaluate("() => JSON.parse(localStorage.getItem('refund-guide:v2'))")["situation"] == {"method": method}
    assert page.locator("#rg-type").input_value() == scam["id"]
    assert tab.errors == []


def test_a_method_section_prints_what_plan_gives_that_way_of_paying(site: Path) -> None:
    """Each section follows plan() at the stage a link opens at, for that method: its limits (no
    processing time), the routes only some methods have, and the rules that name the method; an
    urgent type's urgent line still comes first. Pix on a Pix sent to a scammer: MED."""
    from macros.situation import plan

    for scam_id, method in (("off-platform-payment", "pix"), ("counterfeit", "credit-card"), ("phishing", "gift-card")):
        scam = GUIDE.scam(scam_id)
        html = page_text(site, f"for-lawyers/handout/{scam_id}")
        section = re.search(rf'<section [^>]*id="method-{method}">.*?</section>', html, re.S)
        assert section, (scam_id, method)
        text = unescape(words(section.group(0)))
        found = plan(GUIDE, scam_id, firm_kit.LINK_STAGE, method, None)
        for deadline in GUIDE.deadlines:
            shown = " ".join(deadline["title"].split()) in text
            assert shown == (deadline["id"] in found.limits and not deadline["processing"]), (
                scam_id,
                method,
                deadline["id"],
            )
        for route in GUIDE.routes:
            if route["methods"]:
                assert (route["title"] in text) == (route["id"] in found.routes), (scam_id, method, route["id"])
        if scam["urgent"]:
            assert html.index(scam["urgent"].split()[0]) < section.start()
    pix = page_text(site, "for-lawyers/handout/off-platform-payment")
    assert GUIDE.deadline("pix-med")["title"] in pix.split('id="method-pix"')[1].split("</section>")[0]
    assert firm_kit.handout_methods(GUIDE, "recovery-scam") == []  # no way of paying changes its plan


def test_qr_svg_passes_the_content_security_policy() -> None:
    svg = firm_kit.qr_svg("https://example.org/checklist/?type=non-delivery").decode()
    assert svg.startswith("<svg") and "style" not in svg and "<script" not in svg


# --- /for-lawyers/ in the browser ----------------------------------------------------------------


def test_every_deep_link_opens_the_right_tailored_checklist(served: str, context: Any) -> None:
    tab = BrowserTab(context, served)
    tab.page.goto(served + "for-lawyers/")
    links = tab.page.locator(".rg-kit__type").evaluate_all(
        """cards => cards.map(card => [card.querySelector("h3").firstChild.textContent.trim(),
                                     card.querySelector("a[href*='checklist/?type=']").href])"""
    )
    assert [title for title, _ in links] == [scam["title"] for scam in GUIDE.scams]
    for (title, href), scam in zip(links, GUIDE.scams, strict=True):
        assert href == f"{served}checklist/?type={scam['id']}"
        tab.page.goto(href, wait_until="domcontentloaded")  # the checklist script has run by then
        heading = tab.page.locator("h1")
        assert heading.inner_text().startswith(f"Your checklist for: {title}"), href
        assert tab.page.locator("#rg-type").input_value() == scam["id"]
    assert tab.errors == []


def test_the_filter_narrows_the_list_and_says_how_many(served: str, context: Any) -> None:
    tab = BrowserTab(context, served)
    tab.page.goto(served + "for-lawyers/")
    field = tab.page.get_by_label("Filter the problem types")
    status = tab.page.locator("[data-rg-kit-count]")
    assert status.get_attribute("role") == "status"
    total = len(GUIDE.scams)
    field.fill("parcel")
    shown = [title.rstrip("¶") for title in tab.page.locator("[data-rg-kit-type]:visible h3").all_inner_texts()]
    assert "Parcel never arrived" in shown and "Empty parcel" in shown and len(shown) < total
    assert status.inner_text() == f"{len(shown)} of {total} problem types shown."
    field.fill("fake")
    assert "#kit-counterfeit" in tab.page.locator("[data-rg-kit-type]:visible h3 a").evaluate_all(
        "links => links.map(link => link.hash)"
    )
    assert tab.page.locator("[data-rg-kit-group]:visible").count() < len(GUIDE.scam_groups) + 1
    field.fill("zzzz")
    assert tab.page.locator("[data-rg-kit-type]:visible").count() == 0
    assert status.inner_text() == GUIDE.strings["js.kit_none"]
    field.fill("")
    assert tab.page.locator("[data-rg-kit-type]:visible").count() == total
    assert tab.errors == []


def test_copy_link_puts_the_absolute_address_on_the_clipboard(served: str, context: Any) -> None:
    tab = BrowserTab(context, served)
    tab.page.goto(served + "for-lawyers/")
    card = tab.page.locator("[data-rg-kit-type]").first
    card.get_by_role("button", name="Copy link").first.click()
    # The copy is asynchronous (navigator.clipboard): wait for the message rather than read it at once.
    said = card.locator("[data-rg-kit-said]")
    said.filter(has_text=GUIDE.strings["js.kit_copied"]).wait_for()
    assert said.inner_text() == GUIDE.strings["js.kit_copied"]
    assert tab.page.evaluate("navigator.clipboard.readText()") == f"{served}checklist/?type={GUIDE.scams[0]['id']}"


def test_without_javascript_every_link_is_shown_and_no_control_is_dead(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + "for-lawyers/")
        links = sum(len(firm_kit.scam_targets(GUIDE, scam)) for scam in GUIDE.scams)
        assert page.locator("code.rg-kit__url:visible").count() == links
        assert page.locator("a[href*='handout/']:visible").count() == len(GUIDE.scams)
        assert page.locator(".md-content button:visible").count() == 0  # the language menu works by CSS
        assert not page.get_by_label("Filter the problem types").is_visible()
        # A way of paying's section shows by its address alone, in place of the type's part (#22).
        page.goto(served + "for-lawyers/handout/counterfeit/#method-paypal")
        assert page.locator("#method-paypal").is_visible()
        assert page.locator(".rg-handout__any:visible").count() == 0
        page.goto(served + "for-lawyers/handout/counterfeit/")
        assert page.locator(".rg-handout__any:visible").count() == 4 and page.locator("#method-paypal").is_hidden()
        # A handout: no Print button, and the day the guide was built, said as such (#22).
        page.goto(served + "es/for-lawyers/handout/phishing/")
        assert page.locator(".md-content button:visible").count() == 0
        assert page.locator(".rg-handout__date").inner_text() in made_on(load_guide(ROOT / "data", language="es"), "es")
    finally:
        context.close()


# --- handouts -----------------------------------------------------------------------------------


METHOD_SECTION = re.compile(
    r'<section class="rg-handout__plan rg-handout__plan--method" id="method-([^"]+)">.*?</section>', re.S
)


def printed(html: str, method: str = "") -> str:
    """A handout's content as printed: the type's limits and code, or one way of paying's section
    in their place."""
    inner = content(html)
    start = inner.index('<h2 class="rg-handout__any"')
    end = inner.index('<div class="rg-handout__firm"')
    sections = "".join(found.group(0) for found in METHOD_SECTION.finditer(inner) if found.group(1) == method)
    return inner[:start] + (sections if method else inner[start:end].split("<section")[0]) + inner[end:]


def handout_lengths(site: Path, methods: bool = False) -> list[tuple[int, str]]:
    """Handouts by printed length, longest first; with `methods`, each way of paying's too, as
    'type/#method-id'."""
    found = []
    for scam in GUIDE.scams:
        html = page_text(site, f"for-lawyers/handout/{scam['id']}")
        found.append((len(words(printed(html))), scam["id"]))
        for method in re.findall(r'id="method-([^"]+)"', html) if methods else []:
            found.append((len(words(printed(html, method))), f"{scam['id']}/#method-{method}"))
    return sorted(found, reverse=True)


def handout_path(entry: str) -> str:
    """A handout_lengths entry as an address under for-lawyers/handout/."""
    return entry if "#" in entry else f"{entry}/"


def test_each_handout_prints_on_one_page(site: Path, served: str, context: Any) -> None:
    """The longest handouts on A4, the longest also on US Letter (shorter), and the longest Spanish
    and Portuguese ones on Letter too (they spilled a line onto a second sheet before #22). Of our
    scripts, only the Print button's loads."""
    tab = BrowserTab(context, served)
    lengths = handout_lengths(site)
    longest = lengths[0][1]
    # Printing all 26 takes about 14 s: the three longest, and the shortest, stand for the rest.
    for scam_id in [scam_id for _, scam_id in lengths[:3]] + [lengths[-1][1]]:
        tab.page.goto(f"{served}for-lawyers/handout/{scam_id}/")
        pages = len(pypdf.PdfReader(io.BytesIO(tab.page.pdf(format="A4"))).pages)
        assert pages == 1, f"/for-lawyers/handout/{scam_id}/ prints on {pages} A4 pages"
        if scam_id == longest:
            letter = len(pypdf.PdfReader(io.BytesIO(tab.page.pdf(format="Letter"))).pages)
            assert letter == 1, f"the longest handout prints on {letter} US Letter pages"
    # The longest section for one way of paying (#22), shown by its address, on A4 and Letter.
    method_page = next(page for _, page in handout_lengths(site, methods=True) if "#" in page)
    tab.page.goto(f"{served}for-lawyers/handout/{method_page}")
    for size in ("A4", "Letter"):
        sheets = len(pypdf.PdfReader(io.BytesIO(tab.page.pdf(format=size))).pages)
        assert sheets == 1, f"/for-lawyers/handout/{method_page} prints on {sheets} {size} pages"
    for code in ("es", "pt-BR"):
        scam_id = handout_lengths(site / code, methods=True)[0][1]
        tab.page.goto(f"{served}{code}/for-lawyers/handout/{handout_path(scam_id)}")
        letter = len(pypdf.PdfReader(io.BytesIO(tab.page.pdf(format="Letter"))).pages)
        assert letter == 1, f"/{code}/for-lawyers/handout/{scam_id} prints on {letter} US Letter pages"
    assert {url.rsplit("/", 1)[1] for url in tab.requests if "/assets/js/" in url} == {"handout.js"}
    assert tab.errors == []


def made_on(guide: Any, locale: str = "en") -> set[str]:
    """The no-JavaScript date line: the build's day, said as such (today or, past midnight, yesterday)."""
    today = dt.datetime.now(dt.UTC).date()
    days = (today, today - dt.timedelta(days=1))
    return {guide.strings["handout.made"].replace("{date}", long_date(day, locale)) for day in days}


def test_a_handout_prints_the_day_it_is_printed_and_has_a_print_button(served: str, context: Any) -> None:
    """#22: with JavaScript a Print button, and the day of printing on the paper (the build's day is
    shown on screen until then, said as such); the urgent line still comes first, on one A4 sheet."""
    scam = GUIDE.scam("unauthorised-charge")
    tab = BrowserTab(context, served)
    page = tab.page
    page.goto(f"{served}for-lawyers/handout/{scam['id']}/")
    button = page.get_by_role("button", name=GUIDE.strings["handout.print"])
    button.wait_for()
    assert page.locator(".rg-handout__date").inner_text() in made_on(GUIDE)
    page.evaluate("() => { window.print = () => { window.printed = (window.printed || 0) + 1; }; }")
    button.click()
    assert page.evaluate("window.printed") == 1
    printed = GUIDE.strings["js.print_date"].replace("{date}", long_date(dt.date.today(), "en"))
    sheet = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))  # Chromium fires beforeprint
    text = " ".join(" ".join(one.extract_text() for one in sheet.pages).split())
    assert len(sheet.pages) == 1
    title = " ".join(GUIDE.strings["handout.title"].replace("{type}", scam["title"]).split())
    assert text.startswith(f"{title} {' '.join(scam['urgent'].split())}"), text[:300]
    assert printed in text and GUIDE.strings["handout.print"] not in text
    assert tab.errors == []


def test_a_handout_has_the_steps_limits_code_address_and_firm(site: Path, served: str) -> None:
    scam = GUIDE.scam("wrong-item")
    html = page_text(site, "for-lawyers/handout/wrong-item")
    text = words(content(html))
    assert '<meta name="robots" content="noindex">' in html
    for step_id in scam["steps"]:
        assert GUIDE.step(step_id)["title"] in text
    for deadline in GUIDE.scam_deadlines(scam):
        assert deadline["title"] in text
    assert f"{served}checklist/?type=wrong-item" in text
    assert GUIDE.firm["name"] in text
    assert "Phone:" not in text and "E-mail:" not in text, "the shipped firm has no channel to show"
    assert "What to do next" in words(re.findall(r"<h2[^>]*>.*?</h2>", html, re.S)[-1])


# --- the consultation offer and branding ---------------------------------------------------------

OFFER_PAGES = ["steps/payment-provider/", "scams/dispute-lost/", "scams/provider-said-no/", "checklist/"]


def test_the_shipped_site_never_offers_a_consultation(site: Path) -> None:
    for url in html_pages(site):
        assert 'class="rg-offer"' not in page_text(site, url), f"/{url} offers a consultation with no way to reach it"


def test_rebranding_shows_the_new_firm_and_nothing_of_the_old(branded_site: Path) -> None:
    old, new = GUIDE.firm, BRANDED.firm
    credit = GUIDE.credit["author_firm"]  # the source article's author: a fact, not branding
    for url in html_pages(branded_site):
        html = page_text(branded_site, url)
        text = words(html)
        if url == "about/":
            text = text.replace(f"a lawyer at {credit}", "")
        for old_text in (old["name"], old["description"], old["consultation"]):
            assert " ".join(old_text.split()) not in text, f"/{url} still shows the default firm"
        assert f"This guide is offered by {new['name']}." in text, f"/{url}: the footer does not name the firm"
        assert 'data-md-color-accent="indigo"' in html
        for block in re.findall(r'<div class="rg-(?:offer|firm|handout__firm)".*?</div>', html, re.S):
            assert "Phone:" not in block and "Address:" not in block, f"/{url} shows an empty channel"
            assert "Website:" in words(block) and "E-mail:" in words(block), f"/{url} hides a filled-in channel"
        offered = 'class="rg-offer"' in html
        assert offered == (url in OFFER_PAGES), f"/{url}: offer {'shown' if offered else 'missing'}"
    about = words(content(page_text(branded_site, "about/")))
    assert new["name"] in about and "Website: https://harbour-vale.example" in about
    assert "E-mail: help@harbour-vale.example" in about
    assert 'href="https://harbour-vale.example/book"' in page_text(branded_site, "about/")
    assert '<img class="rg-handout__logo" src="../assets/firm-logo.svg" alt="">' in page_text(branded_site, "about/")
    handout = page_text(branded_site, "for-lawyers/handout/counterfeit")
    assert new["intro"] in words(handout) and "E-mail: help@harbour-vale.example" in words(handout)
    assert 'src="../../../assets/firm-logo.svg"' in handout


def test_a_branded_handout_prints_the_firms_channels_on_one_page(
    branded_site: Path, branded: str, context: Any
) -> None:
    """#22: the longest handout with the fixture firm's logo, intro and filled channels still prints
    on one A4 sheet, the channels on it and no empty one."""
    tab = BrowserTab(context, branded)
    tab.page.goto(f"{branded}for-lawyers/handout/{handout_lengths(branded_site)[0][1]}/")
    sheet = pypdf.PdfReader(io.BytesIO(tab.page.pdf(format="A4")))
    text = " ".join(" ".join(one.extract_text() for one in sheet.pages).split())
    assert len(sheet.pages) == 1
    assert "Website: https://harbour-vale.example" in text and "E-mail: help@harbour-vale.example" in text
    assert "Phone:" not in text and "Address:" not in text
    assert tab.errors == []


def test_the_offer_comes_after_the_self_help(branded_site: Path) -> None:
    for url, before in (
        ("steps/payment-provider/", "Your checklist for this step"),
        ("scams/dispute-lost/", "What to do, in order"),
        ("checklist/", 'data-step="report"'),
    ):
        html = content(page_text(branded_site, url))
        offer = html.index('class="rg-offer"')
        assert html.index(before) < offer < html.rindex("What to do next"), url
        assert not re.search(r"you will get your money|guarantee", words(html[offer:]), re.I)


def test_the_checklist_offers_help_once_most_tasks_are_ticked(branded: str, context: Any) -> None:
    tab = BrowserTab(context, branded)
    tab.page.goto(branded + "checklist/?type=fake-reviews")
    offer = tab.page.locator(".rg-offer")
    assert not offer.is_visible()
    boxes = tab.page.locator(".rg-checklist__box:visible")
    count = boxes.count()
    for index in range(count):
        boxes.nth(index).check()
        done = index + 1
        assert offer.is_visible() == (done >= count * firm_kit.MOST_DONE), f"{done} of {count} ticked"
    assert offer.is_visible()
    for index in range(count):
        boxes.nth(index).uncheck()
        if count - index - 1 < count * firm_kit.MOST_DONE:
            break
    assert not offer.is_visible()
    assert tab.errors == []


def test_every_allowed_accent_passes_axe_in_both_schemes(branded: str, context: Any) -> None:
    """The accent colours the firm may choose, on the page that shows it most (the firm's name and
    the offer on About), in the light and the dark scheme; a refused colour fails, so this can fail."""
    from axe_playwright_python.sync_playwright import Axe

    tab = BrowserTab(context, branded)
    tab.page.goto(branded + "about/")
    tab.page.evaluate(ADOPT_STYLESHEET, "*, *::before, *::after { transition: none !important; }")
    axe = Axe()

    def report(scheme: str, accent: str) -> int:
        tab.page.evaluate(
            "([scheme, accent]) => { document.body.dataset.mdColorScheme = scheme;"
            " document.body.dataset.mdColorAccent = accent; }",
            [scheme, accent],
        )
        options = {"runOnly": {"type": "tag", "values": WCAG_TAGS}}
        return axe.run(tab.page, context=".rg-firm", options=options).violations_count

    for scheme in ("default", "slate"):
        for name in ACCENT_COLOURS:
            assert report(scheme, name.replace(" ", "-")) == 0, f"{name} in the {scheme} scheme"
    assert report("default", "yellow") > 0, "a refused colour should fail on white"
    assert report("slate", "deep-purple") == 0
    assert tab.errors == []


def test_handout_limits_carry_their_safest_move_and_no_processing_time(site: Path) -> None:
    """#22: each printed limit has its one-line safest move; Klarna's 21-day review is not a deadline."""
    klarna = GUIDE.deadline("klarna-problem")
    assert klarna["processing"]
    with_klarna = [scam for scam in GUIDE.scams if klarna in GUIDE.scam_deadlines(scam)]
    assert with_klarna, "some problem type names Klarna's review among its limits"
    for scam in GUIDE.scams:
        html = page_text(site, f"for-lawyers/handout/{scam['id']}")
        assert klarna["title"] not in html, scam["id"]
        for deadline in GUIDE.scam_deadlines(scam):
            if not deadline["processing"]:
                assert " ".join(deadline["action"].split()) in " ".join(unescape(words(content(html))).split()), (
                    scam["id"],
                    deadline["id"],
                )
