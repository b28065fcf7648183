"""Words in the configs, the language list and SITE_URL reach every page: each is checked as text
(hooks/config_words.py, hooks/languages.py, data/languages.yml's model) and fails with a message
naming file, entry and field. The checkers are called directly: no build."""

from __future__ import annotations

import copy
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import ROOT
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from hooks import config_words, languages
from macros.schema import DataError, validate

HOSTILE = "<script>window.__pwned = 1</script>"


@pytest.fixture(scope="module")
def configs() -> dict[str, dict[str, Any]]:
    """Each language's config as MkDocs reads it (INHERIT applied), as plain data to change freely."""
    loaded = {}
    for name in ("mkdocs.yml", "mkdocs.es.yml", "mkdocs.pt-BR.yml"):
        config = load_config(str(ROOT / name))
        keys = ("site_name", "site_description", "copyright", "extra", "nav", "markdown_extensions", "mdx_configs")
        loaded[name] = {key: copy.deepcopy(config[key]) for key in keys}
        loaded[name]["theme"] = {"palette": copy.deepcopy(config.theme["palette"])}
    return loaded


def test_the_shipped_configs_hold_plain_words(configs: dict[str, dict[str, Any]]) -> None:
    for name, config in configs.items():
        config_words.check(config, ROOT / name)
        found = list(config_words.words(config))
        assert len([word for word in found if word[0] == "nav"]) == 13, name
        assert {"copyright", "site_name", "site_description", "theme", "extra", "markdown_extensions"} <= {
            setting for setting, _, _ in found
        }, name


def test_each_language_titles_the_heading_links_in_its_own_words(configs: dict[str, dict[str, Any]]) -> None:
    titles = {name: config["mdx_configs"]["toc"] for name, config in configs.items()}
    assert titles["mkdocs.yml"] == {"permalink": True, "permalink_title": "Link to this section"}
    assert titles["mkdocs.es.yml"] == {"permalink": True, "permalink_title": "Enlace a esta sección"}
    assert titles["mkdocs.pt-BR.yml"] == {"permalink": True, "permalink_title": "Link para esta seção"}
    # Only the title changed: INHERIT merged the mapping and kept every extension.
    assert configs["mkdocs.es.yml"]["markdown_extensions"] == configs["mkdocs.yml"]["markdown_extensions"]


def set_nav_title(config: dict[str, Any], value: str) -> None:
    config["nav"][-1] = {value: next(iter(config["nav"][-1].values()))}


def set_section_title(config: dict[str, Any], value: str) -> None:
    config["nav"][1] = {value: next(iter(config["nav"][1].values()))}


@pytest.mark.parametrize(
    ("change", "where"),
    [
        (lambda config, value: config.update(copyright=value), "entry 'copyright'"),
        (lambda config, value: config.update(site_name=value), "entry 'site_name'"),
        (lambda config, value: config.update(site_description=value), "entry 'site_description'"),
        (set_nav_title, "entry 'nav': field '[12] ("),
        (set_section_title, "entry 'nav': field '[1] ("),
        (lambda config, value: config["theme"]["palette"][1]["toggle"].update(name=value), "palette[1].toggle.name"),
        (lambda config, value: config["extra"]["footer"].update(label=value), "field 'footer.label'"),
        (lambda config, value: config["extra"]["footer"]["links"][2].update(title=value), "footer.links[2].title"),
        (lambda config, value: config["extra"]["not_found"].update(title=value), "field 'not_found.title'"),
        (lambda config, value: config["extra"]["not_found"].update(text=value), "field 'not_found.text'"),
        (lambda config, value: config["extra"]["not_found"].update(next_title=value), "not_found.next_title"),
        (lambda config, value: config["extra"]["not_found"]["links"][0].update(title=value), "not_found.links[0]"),
        (
            lambda config, value: config["mdx_configs"]["toc"].update(permalink_title=value),
            "entry 'markdown_extensions': field 'toc.permalink_title'",
        ),
    ],
)
@pytest.mark.parametrize(
    ("value", "problem"),
    [
        (f"Glosario{HOSTILE}", "contains '<' at character 9: words here are plain text, never markup"),
        ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "contains '<' at character 1"),
        ('Sobre" onmouseover="go()', "contains '\"' at character 6"),
        ("{{ config.extra }}", "contains '{{' at character 1"),
        ("Glosario\x1b[31m", "control character U+001B"),
        ("", "must be non-empty text"),
        ("x" * 501, "is too long: 501 characters, at most 500"),
    ],
)
def test_a_word_that_is_not_plain_text_fails_naming_file_entry_and_field(
    configs: dict[str, dict[str, Any]], change: Any, where: str, value: str, problem: str
) -> None:
    config = copy.deepcopy(configs["mkdocs.es.yml"])
    change(config, value)
    with pytest.raises(PluginError) as refused:
        config_words.check(config, ROOT / "mkdocs.es.yml")
    message = str(refused.value)
    assert message.startswith("mkdocs.es.yml: entry '"), message
    assert where in message and problem in message, message


def test_a_word_set_only_in_mkdocs_yml_is_named_there(configs: dict[str, dict[str, Any]], tmp_path: Path) -> None:
    own = tmp_path / "mkdocs.fr.yml"
    own.write_text("INHERIT: mkdocs.yml\nsite_name: Guide\n", encoding="utf-8")
    config = copy.deepcopy(configs["mkdocs.es.yml"])
    config["copyright"] = HOSTILE
    with pytest.raises(PluginError, match=re.escape("mkdocs.yml (inherited by mkdocs.fr.yml): entry 'copyright'")):
        config_words.check(config, own)


@pytest.mark.parametrize("url", ["javascript:go()", "https://evil.example/", "//evil.example/", "about", "../x/"])
def test_a_link_beside_the_words_is_a_path_in_the_site(configs: dict[str, dict[str, Any]], url: str) -> None:
    config = copy.deepcopy(configs["mkdocs.es.yml"])
    config["extra"]["footer"]["links"][1]["url"] = url
    with pytest.raises(PluginError, match=re.escape("field 'footer.links[1].url': must be a path in this site")):
        config_words.check(config, ROOT / "mkdocs.es.yml")


# --- data/languages.yml --------------------------------------------------------------------------


def languages_file(names: dict[str, str]) -> dict[str, Any]:
    return {"languages": [{"code": code, "name": name} for code, name in names.items()]}


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("Español<script>go()</script>", "has '<' at character 8"),
        ("Español</a><a href=//evil.example>", "has '<' at character 8"),
        ("<meta http-equiv=refresh content=0>", "has '<' at character 1"),
        ('Español" onmouseover="go()', "has '\"' at character 8"),
        ("Español & Co", "has '&' at character 9"),
        ("Español" * 7, "is too long: 49 characters, at most 40"),
    ],
)
def test_a_language_name_is_letters(name: str, problem: str) -> None:
    with pytest.raises(DataError) as refused:
        validate("languages.yml", languages_file({"en": "English", "es": name}))
    message = str(refused.value)
    assert message.startswith("data/languages.yml: entry ") and "field 'name'" in message and problem in message


def test_real_language_names_pass() -> None:
    names = {"en": "English", "es": "Español", "pt-BR": "Português (Brasil)", "zh": "中文", "ar": "العربية"}
    validate("languages.yml", languages_file(names))
    validate("languages.yml", languages_file({"en": "English", "hi": "हिन्दी", "fr": "Français d\u2019Acadie"}))


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """data/languages.yml and the language configs, in a folder of their own."""
    (tmp_path / "data").mkdir()
    shutil.copy(ROOT / "data" / "languages.yml", tmp_path / "data" / "languages.yml")
    for name in ("mkdocs.yml", "mkdocs.es.yml", "mkdocs.pt-BR.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


def write_languages(project: Path, change: Any) -> None:
    path = project / "data" / "languages.yml"
    listed = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(listed["languages"])
    path.write_text(yaml.safe_dump(listed, allow_unicode=True), encoding="utf-8")


def test_the_shipped_languages_each_have_their_config(project: Path) -> None:
    assert [language["code"] for language in languages.languages(project)] == ["en", "es", "pt-BR"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda listed: listed.append({"code": "fr", "name": "Français", "reviewed": False}),
            "data/languages.yml: entry 'fr': field 'code': there is no mkdocs.fr.yml, so this language is never built",
        ),
        (
            lambda listed: listed[1].update(code="../x"),
            "Invalid guide data: data/languages.yml: entry '#2': field 'code': must be a language code like 'es'",
        ),
        (
            lambda listed: listed[2].update(code="es"),
            "Invalid guide data: data/languages.yml: entry '#3': field 'code': is used twice",
        ),
        (
            lambda listed: listed.reverse(),
            "Invalid guide data: data/languages.yml: entry '#1': field 'code': the first language must be the original",
        ),
        (lambda listed: listed[1].update(name=HOSTILE), "field 'name': has '<' at character 1"),
    ],
)
def test_language_list_mistakes_are_messages_not_tracebacks(project: Path, change: Any, message: str) -> None:
    write_languages(project, change)
    with pytest.raises(PluginError) as refused:  # PluginError: MkDocs prints the message alone
        languages.languages(project)
    assert message in str(refused.value), str(refused.value)


# --- SITE_URL ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    ["http://127.0.0.1:8000/", "https://example.org/", "https://firm.example/guide/", "https://user.github.io/repo/"],
)
def test_a_site_address_passes(url: str) -> None:
    assert languages.checked_site_url(url) == url


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ('https://example.org/"><script>window.__pwned=1</script>/', "contains '\"' at character 21"),
        ("javascript://example.org/%0Awindow.__pwned=1//", "contains '=' at character 43"),
        ("javascript://example.org/%0Aalert/", "is not an http:// or https:// address with a host"),
        ("https://evil.example@example.org/", "contains '@' at character 21"),
        ("https://example.org/a'b<c>/", 'contains "\'" at character 22'),
        ("https://example.org/\r\nSitemap: https://evil.example/", "contains '\\r' at character 21"),
        ("https://[::1]/", "contains '[' at character 9"),
        ("ftp://example.org/", "is not an http:// or https:// address with a host"),
        ("https:///guide/", "is not an http:// or https:// address with a host"),
        ("https://example.org:port/", "Port could not be cast"),
        ("https://example.org/?page=1", "contains '?' at character 21"),
        ("https://example.org/(guide)/", "contains '(' at character 21"),
        ("https://example.org/ guide/", "contains ' ' at character 21"),
    ],
)
def test_a_bad_site_address_is_refused_by_name(url: str, problem: str) -> None:
    with pytest.raises(PluginError) as refused:
        languages.checked_site_url(url)
    message = str(refused.value)
    assert message.startswith("SITE_URL (site_url in mkdocs.yml): ") and problem in message, message
    assert "no quotes, brackets, spaces or @" in message


def test_the_translators_check_reports_a_config_word(tmp_path: Path) -> None:
    """`python -m macros.i18n --check <code>` names the config's words too, not only data and pages."""
    for folder in ("docs", "overrides", "hooks"):
        (tmp_path / folder).symlink_to(ROOT / folder)
    shutil.copy(ROOT / "mkdocs.yml", tmp_path / "mkdocs.yml")
    text = (ROOT / "mkdocs.es.yml").read_text(encoding="utf-8")
    (tmp_path / "mkdocs.es.yml").write_text(text, encoding="utf-8")
    assert config_words.config_file_problems(tmp_path / "mkdocs.es.yml") == []
    hostile = text.replace("  - Glosario: glossary.md", '  - "Glosario<script>go()</script>": glossary.md')
    assert hostile != text
    (tmp_path / "mkdocs.es.yml").write_text(hostile, encoding="utf-8")
    assert config_words.config_file_problems(tmp_path / "mkdocs.es.yml") == [
        "mkdocs.es.yml: entry 'nav': field '[9] (Glosario<script>go()</script>)': contains '<' at character 9: "
        "words here are plain text, never markup (write quotes as “ ” or « »)"
    ]
    assert "the file is missing" in config_words.config_file_problems(tmp_path / "mkdocs.fr.yml")[0]
