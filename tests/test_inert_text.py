"""Data is text, never code: whatever data/ holds reaches the pages as inert text.

Regression tests for what a hostile-input campaign found: template code in a title ran during the
build, and HTML, Markdown links and attribute lists in data became live markup.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml
from test_build import copy_project, run_build

from macros.render import fill_markup, inert

EXTENSIONS = ["abbr", "admonition", "attr_list", "md_in_html", "pymdownx.details", "pymdownx.superfences", "toc"]
HOSTILE = [
    "<img src=x onerror=alert(1)>",
    "</title><img src=x onerror=alert(2)>",
    "[x](javascript:alert(1))",
    "https://a.example/)[x](javascript:alert(3)",
    "A title {: onmouseover=alert(8) }",
    "ok] (javascript:alert(9)) [",
    "![img](javascript:alert(10))",
    "<script>alert(4)</script>",
    "`code` *em* _em_ **strong** \\[escaped\\]",
    "# heading\n\n- list\n> quote",
    "!!! warning\n    admonition",
    "1. numbered",
    "*[HTML]: abbreviation",
    "&lt;img src=x onerror=alert(5)&gt;",
    "{{ 7 * 7 }} {% if true %}x{% endif %}",
]


class Markup(HTMLParser):
    """Everything that could run or navigate: tags other than the wrapper, on* attributes, links."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.urls: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self._in_script = tag == "script"
        for name, value in attrs:
            if name.startswith("on"):
                self.handlers.append(f"{tag} {name}={value}")
            if name in ("href", "src", "action", "formaction") and value:
                self.urls.append(value)

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False


def parsed(markup: str) -> Markup:
    parser = Markup()
    parser.feed(markup)
    return parser


def visible(markup: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("context", ["- {}", "# {}", "## {} {{ #anchor }}", "**{}**: text", "!!! note\n\n    {}"])
def test_inert_text_stays_text_in_markdown(value: str, context: str) -> None:
    rendered = markdown.markdown(context.format(inert(value)), extensions=EXTENSIONS)
    found = parsed(rendered)
    assert set(found.tags) <= {"ul", "li", "h1", "h2", "p", "strong", "div", "a"}, rendered
    assert not found.handlers and not found.scripts, rendered
    assert all(url == "#anchor" for url in found.urls), rendered
    assert " ".join(value.split()) in visible(rendered)


@pytest.mark.parametrize("value", HOSTILE)
def test_inert_text_stays_text_in_html(value: str) -> None:
    for markup in (f"<span>{inert(value)}</span>", f'<a title="{inert(value)}">x</a>'):
        found = parsed(markup)
        assert found.tags in (["span"], ["a"]) and not found.handlers and not found.urls


def test_templates_are_inert_around_their_placeholders() -> None:
    link = '<a href="x.html">link</a>'
    filled = fill_markup("<script>alert(1)</script> [x](javascript:y) read {step}, then {step}.", step=link)
    assert filled.count(link) == 2
    found = parsed(markdown.markdown(filled, extensions=EXTENSIONS))
    assert found.urls == ["x.html", "x.html"] and not found.scripts
    # No attribute access: that is not a placeholder, so it stays literal text (and fails validation).
    assert visible(fill_markup("{days.__class__}", days="1")) == "{days.__class__}"


# --- the real build, with hostile data ------------------------------------------------------------


def edit_yaml(path: Path, change: object) -> None:
    content = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(content)  # type: ignore[operator]
    path.write_text(yaml.safe_dump(content, sort_keys=False, allow_unicode=True), encoding="utf-8")


def entry(items: list[dict], wanted: str) -> dict:
    return next(item for item in items if item["id"] == wanted)


def test_hostile_data_builds_into_inert_pages(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    data = project / "data"
    edit_yaml(data / "steps.yml", lambda d: d["steps"][0].update(title="Step <img src=x onerror=alert(1)>"))

    def scams(d: dict) -> None:
        entry(d["scams"], "counterfeit").update(
            title="Fake </title><img src=x onerror=alert(2)>", summary="[x](javascript:alert(1))"
        )
        entry(d["scams"], "non-delivery")["signs"][0] = "Sign {: onmouseover=alert(8) }"

    edit_yaml(data / "scams.yml", scams)
    edit_yaml(
        data / "letters.yml", lambda d: entry(d["letters"], "card-chargeback").update(title="Letter {: onclick=x }")
    )
    edit_yaml(
        data / "agencies.yml",
        lambda d: d["regions"][0]["agencies"][0].update(url="https://a.example/)[x](javascript:alert(3)"),
    )

    def strings(d: dict) -> None:
        d["scam.next_text"] = "<script>alert(4)</script> Start with {step}, then {checklist}."

    edit_yaml(data / "strings.yml", strings)
    result = run_build(project)
    assert result.returncode == 0, result.stderr

    for page in (project / "site").rglob("*.html"):
        found = parsed(page.read_text(encoding="utf-8"))
        where = page.relative_to(project / "site")
        assert not found.handlers, f"{where}: {found.handlers}"
        assert not [url for url in found.urls if url.strip().lower().startswith("javascript:")], where
        assert not [script for script in found.scripts if "alert(" in script], where
    counterfeit = (project / "site" / "scams" / "counterfeit" / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", counterfeit, re.S)
    assert title and "<img" not in title.group(1) and "</title><img" in html.unescape(title.group(1))
    assert "[x](javascript:alert(1))" in visible(counterfeit)


def test_template_code_in_a_title_fails_the_build_and_never_runs(tmp_path: Path) -> None:
    project = copy_project(tmp_path)
    code = "Parcel {{ cycler.__init__.__globals__.os.system('touch pwned') }}"
    edit_yaml(project / "data" / "scams.yml", lambda d: entry(d["scams"], "non-delivery").update(title=code))
    result = run_build(project)
    assert not (project / "pwned").exists() and not (project / "site" / "pwned").exists()
    assert result.returncode != 0
    assert "data/scams.yml: entry 'non-delivery': field 'title'" in result.stderr
