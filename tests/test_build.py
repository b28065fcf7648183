"""The strict build of the real site: contract URLs, footer notice, firm name, no third-party assets."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, html_pages

from macros.data import load_guide

GUIDE = load_guide(ROOT / "data")
FIRM_NAME = GUIDE.firm["name"]

# URLs the firm prints: never move one without a redirect.
CONTRACT_URLS = [
    "",
    "steps/",
    "steps/evidence/",
    "steps/dispute/",
    "steps/buyer-protection/",
    "steps/payment-provider/",
    "steps/report/",
    "scams/",
    "checklist/",
    "prevention/",
    "about/",
    "privacy/",
    "accessibility/",
    *[f"scams/{scam_id}/" for scam_id in ("non-delivery", "counterfeit", "fake-reviews", "not-as-described")],
    "scams/recovery-scam/",
    # The firm's kit: the page of ready links, and one printable handout per problem type.
    "for-lawyers/",
    *[f"for-lawyers/handout/{scam['id']}/" for scam in GUIDE.scams],
]

SKIPPED_DIRS = {".git", ".venv", "site", "__pycache__", ".pytest_cache", ".ruff_cache", ".cache", "node_modules"}


def page_html(site: Path, url: str) -> str:
    return (site / url / "index.html").read_text(encoding="utf-8")


def main_content(html: str) -> str:
    match = re.search(r'<article class="md-content__inner md-typeset">(.*?)</article>', html, re.S)
    assert match, "page has no content article"
    return match.group(1)


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


@pytest.mark.parametrize("url", CONTRACT_URLS)
def test_contract_url_exists(site: Path, url: str) -> None:
    assert (site / url / "index.html").is_file(), f"/{url} is missing from the build"


def test_every_scam_type_has_its_page(site: Path) -> None:
    assert len(GUIDE.scams) >= 15
    for scam in GUIDE.scams:
        html = page_html(site, f"scams/{scam['id']}/")
        assert "<h1" in html and scam["title"].split("'")[0] in html


def test_every_page_carries_the_notice(site: Path) -> None:
    for url in html_pages(site):
        text = visible_text(page_html(site, url))
        assert "General information only, not legal advice" in text, f"/{url} lacks the footer notice"
        assert "lawyer\u2013client relationship" in text, f"/{url} lacks the footer notice"


def test_every_page_ends_with_what_to_do_next(site: Path) -> None:
    for url in html_pages(site):
        headings = re.findall(r"<h2[^>]*>(.*?)</h2>", main_content(page_html(site, url)), re.S)
        assert headings, f"/{url} has no sections"
        assert "What to do next" in visible_text(headings[-1]), f"/{url} does not end with what to do next"


class MetaTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.descriptions: list[dict[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "meta" and ("name", "description") in attrs:
            self.descriptions.append(dict(attrs))


def test_pages_have_well_formed_descriptions(site: Path) -> None:
    for url in html_pages(site):
        parser = MetaTags()
        parser.feed(page_html(site, url))
        assert len(parser.descriptions) == 1, url
        meta = parser.descriptions[0]
        assert set(meta) == {"name", "content"}, f"/{url}: a quote broke the description tag: {meta}"
        assert len(meta["content"] or "") >= 20, url
    parser = MetaTags()
    parser.feed(page_html(site, "scams/"))
    assert '"refund agents"' in (parser.descriptions[0]["content"] or "")


def test_no_third_party_assets(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            for url in re.findall(r'\b(?:src|href)="([^"]+)"', tag):
                assert not re.match(r"(https?:)?//", url) or url.startswith("http://127.0.0.1"), (path, tag)


def test_firm_name_only_comes_from_firm_yml() -> None:
    offenders = []
    for path in ROOT.rglob("*"):
        if path.is_dir() or SKIPPED_DIRS & set(path.relative_to(ROOT).parts):
            continue
        # firm.yml brands the site; credit.yml credits the source article to its author's firm.
        if path in (ROOT / "data" / "firm.yml", ROOT / "data" / "credit.yml"):
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        if FIRM_NAME.lower() in text.lower():
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


def test_firm_name_shows_on_about_but_not_in_metadata(site: Path) -> None:
    assert FIRM_NAME in visible_text(main_content(page_html(site, "about/")))
    for url in html_pages(site):
        head = page_html(site, url).split("</head>")[0]
        assert FIRM_NAME not in head, f"/{url} names the firm in its document metadata"


def test_empty_contact_channels_are_not_shown(site: Path) -> None:
    about = visible_text(main_content(page_html(site, "about/")))
    contact = GUIDE.firm["contact"]
    for channel, label in (("website", "Website:"), ("email", "E-mail:"), ("phone", "Phone:")):
        if not contact[channel]:
            assert label not in about


def test_dates_are_unambiguous(site: Path) -> None:
    for url in html_pages(site):
        text = visible_text(main_content(page_html(site, url)))
        assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{2,4}\b", text), url
    assert "1 November 2026" in visible_text(page_html(site, "steps/dispute/"))


PROMISE = re.compile(
    r"you will get (your money|a refund)|you('ll| will) be refunded|guaranteed? (a )?refund|we guarantee|"
    r"100% (success|refund)|your money will come back|you are certain to",
    re.I,
)
# A sentence that denies a promise, or reports what scammers say, is the opposite of a promise.
NOT_OUR_PROMISE = re.compile(r"\b(no|not|never|cannot|can't|nobody|anyone who|they|scammers?|claims?)\b", re.I)


def test_no_page_promises_an_outcome(site: Path) -> None:
    for url in html_pages(site):
        text = visible_text(main_content(page_html(site, url)))
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            if PROMISE.search(sentence):
                assert NOT_OUR_PROMISE.search(sentence), f"/{url} promises an outcome: {sentence}"


def test_scripts_load_only_where_used(site: Path) -> None:
    for url in html_pages(site):
        html = page_html(site, url)
        assert ("clear-storage.js" in html) == (url == "privacy/"), url


# The firm's kit (/for-lawyers/ and its handouts) is for lawyers, not readers: `search: exclude`.
NOT_SEARCHED = ("404", "for-lawyers/", "offline/")  # front matter: search: exclude: true


def test_search_index_covers_every_page(site: Path) -> None:
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    for url in html_pages(site):
        if url.startswith(NOT_SEARCHED):
            assert f'"location":"{url}' not in index, f"/{url} should not be in the search index"
            continue
        assert f'"location":"{url}"' in index, f"/{url} is not in the search index"


# --- The build as a whole fails loudly, through the real command line ------------------------------


def copy_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    for name in ("docs", "data", "macros", "hooks", "overrides"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    for config in ROOT.glob("mkdocs*.yml"):  # mkdocs.yml and each language's: every listed language needs one
        shutil.copy(config, project / config.name)
    return project


def run_build(project: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(project / "site")],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        check=False,
    )


def test_bad_data_fails_the_build_with_file_entry_and_field(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    scams_file = project / "data" / "scams.yml"
    scams = yaml.safe_load(scams_file.read_text(encoding="utf-8"))
    scams["scams"][0]["steps"] = ["evidence", "call-the-seller"]
    scams_file.write_text(yaml.safe_dump(scams, sort_keys=False, allow_unicode=True), encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0
    wanted = f"data/scams.yml: entry '{scams['scams'][0]['id']}': field 'steps[1]': unknown step 'call-the-seller'"
    assert wanted in result.stderr


def test_hand_written_scam_page_clashes_with_generated_one(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    (project / "docs" / "scams" / "counterfeit.md").write_text("# A copy\n", encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0
    assert "docs/scams/counterfeit.md exists, but these pages are generated from data/scams.yml" in result.stderr


def test_unknown_id_in_a_macro_call_fails_the_build(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    page = project / "docs" / "checklist.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n{{ step_checklist("refunds") }}\n', encoding="utf-8")
    result = run_build(project)
    assert result.returncode != 0
    assert "unknown step 'refunds'" in result.stderr + result.stdout


def test_not_found_page_says_where_to_go(site: Path, server_url: str) -> None:
    html = (site / "404.html").read_text(encoding="utf-8")
    text = visible_text(main_content(html))
    assert "This page does not exist" in text and "What to do next" in text
    assert "General information only, not legal advice" in visible_text(html)
    # The 404 page is served at any depth, so its links are absolute, built from site_url.
    for target in ("", "steps/", "checklist/", "letters/"):
        assert f'<a href="{server_url}{target}">' in html, target
        assert (site / target / "index.html").is_file()
