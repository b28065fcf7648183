"""The words in mkdocs.yml and each mkdocs.<code>.yml are plain text.

A language's config holds words that translators edit: the site's name and description, the
footer notice (`copyright`), the nav titles, the palette switch's names, the footer links and the
"page not found" words (`extra.footer`, `extra.not_found`) and `permalink_title`. Material prints
several of them into every page as they are, so each must be text: no `<`, `>` or `"`, no template
code, no control characters, and not too long. A word that breaks the rule stops the build naming
the file, the setting and the problem. The links beside those words are site paths. Our own
templates escape the words too (overrides/).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # on_config runs before the macros plugin puts the project on the path
    sys.path.insert(0, str(ROOT))

from macros.schema import FORBIDDEN_CHARACTER, TEMPLATE_CODE, describe  # noqa: E402

MAX_WORDS = 500  # characters: the longest is the footer notice
# What would end an attribute or open a tag where Material prints the word unescaped.
MARKUP = re.compile(r'[<>"]')
# A link beside the words: a path under the site root, such as "steps/" or "" for the home page.
SITE_PATH = re.compile(r"^(?:[a-z0-9-]+/)*$")


def words(config: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    """Every translatable word of a config, as (top-level setting, field below it, value)."""
    for name in ("site_name", "site_description", "copyright"):
        if config.get(name) is not None:
            yield name, "", config[name]
    theme = config.get("theme") or {}
    palette = theme.get("palette", [])
    for position, option in enumerate([palette] if isinstance(palette, Mapping) else palette or []):
        toggle = option.get("toggle") or {}
        if "name" in toggle:
            yield "theme", f"palette[{position}].toggle.name", toggle["name"]
    extra = config.get("extra") or {}
    for block, fields in (("footer", ("label",)), ("not_found", ("title", "text", "next_title"))):
        if block not in extra:
            continue
        for field in fields:
            yield "extra", f"{block}.{field}", extra[block].get(field)
        for position, link in enumerate(extra[block].get("links") or []):
            yield "extra", f"{block}.links[{position}].title", link.get("title")
    yield from nav_titles(config.get("nav") or [], "")
    toc = (config.get("mdx_configs") or {}).get("toc") or {}
    if "permalink_title" in toc:
        yield "markdown_extensions", "toc.permalink_title", toc["permalink_title"]


def nav_titles(items: list[Any], path: str) -> Iterator[tuple[str, str, Any]]:
    for position, item in enumerate(items):
        if not isinstance(item, Mapping):
            continue  # a page without a title of its own: its heading names it
        for title, target in item.items():
            shown = str(title) if len(str(title)) <= 40 else f"{str(title)[:37]}..."
            yield "nav", f"{path}[{position}] ({shown})", title
            if isinstance(target, list):
                yield from nav_titles(target, f"{path}[{position}]")


def links(config: Mapping[str, Any]) -> Iterator[tuple[str, str, Any]]:
    extra = config.get("extra") or {}
    for block in ("footer", "not_found"):
        for position, link in enumerate((extra.get(block) or {}).get("links") or []):
            yield "extra", f"{block}.links[{position}].url", link.get("url")


def word_problem(value: Any) -> str | None:
    """Why a config word is not plain text, or None."""
    if not isinstance(value, str) or not value.strip():
        return f"must be non-empty text, got {describe(value)}"
    if len(value) > MAX_WORDS:
        return f"is too long: {len(value):,} characters, at most {MAX_WORDS:,}"
    if code := TEMPLATE_CODE.search(value):
        return f"contains '{code.group()}' at character {code.start() + 1}: words must not look like template code"
    if bad := FORBIDDEN_CHARACTER.search(value):
        return f"contains the control character U+{ord(bad.group()):04X} at character {bad.start() + 1}"
    if mark := MARKUP.search(value):
        return (
            f"contains '{mark.group()}' at character {mark.start() + 1}: words here are plain text, never markup "
            "(write quotes as “ ” or « »)"
        )
    return None


def defined_in(config_file: Path, setting: str) -> str:
    """The file that sets a top-level setting: the language's own config, or the mkdocs.yml it inherits."""
    own = config_file.read_text(encoding="utf-8") if config_file.is_file() else ""
    if config_file.name == "mkdocs.yml" or re.search(rf"^{re.escape(setting)}:", own, re.MULTILINE):
        return config_file.name
    return f"mkdocs.yml (inherited by {config_file.name})"


def check(config: Mapping[str, Any], config_file: Path) -> None:
    """Raise PluginError naming file, setting and field for the first word that is not plain text."""

    def fail(setting: str, field: str, problem: str) -> PluginError:
        where = f"{defined_in(config_file, setting)}: entry '{setting}'" + (f": field '{field}'" if field else "")
        return PluginError(f"{where}: {problem}")

    for setting, field, value in words(config):
        if problem := word_problem(value):
            raise fail(setting, field, problem)
    for setting, field, value in links(config):
        if not isinstance(value, str) or not SITE_PATH.match(value):
            raise fail(
                setting, field, f"must be a path in this site such as 'steps/' (or '' for home), got {describe(value)}"
            )


def config_file_problems(config_file: Path) -> list[str]:
    """What `python -m macros.i18n --check <code>` reports about a language's config: its words."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    if not config_file.is_file():
        return [f'{config_file.name}: the file is missing (copy mkdocs.es.yml; see the README, "Adding a language")']
    try:
        check(load_config(str(config_file)), config_file)
    except (PluginError, ConfigurationError) as error:
        return [str(error)]
    return []


@event_priority(90)  # before the theme or any plugin uses the words
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    check(config, Path(config.config_file_path or ROOT / "mkdocs.yml"))
    return config
