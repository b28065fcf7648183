"""Translated pages and the translators' command line.

Pages: i18n/<language>/ mirrors docs/ (see below). Data translations are applied by
macros/translation.py; this module only checks them, through macros/data.py, so the layers run one
way: i18n -> data -> translation.

`python -m macros.i18n <language>` writes the files a new language starts from (English text to
translate, with the hashes filled in); `--check <language>...` lists every problem and every
out-of-date translation; `--schemas` writes the translation files' JSON Schemas.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from .data import load_guide, read_yaml
from .schema import DATA_FILES, DataError, validate
from .translation import LANGUAGE_PATTERN, TRANSLATION_MODELS, source_hash, write_skeleton

__all__ = ["PAGES_DIR", "check", "page_is_stale", "page_problems", "page_skeleton", "source_hash"]

# ---------------------------------------------------------------------------
# Pages: i18n/<language>/ mirrors docs/. A translated page keeps every macro call, link target and
# heading id of the English page, and carries the hash of the English file it was translated from.
# ---------------------------------------------------------------------------

PAGES_DIR = "i18n"  # at the project root: i18n/<language>/steps/evidence.md translates docs/steps/evidence.md
HEADING = re.compile(r"^(#{2,6})[ \t]+(.*?)[ \t]*(\{[ \t]*#([\w-]+)[ \t]*\})?[ \t]*$", re.MULTILINE)
FENCE = re.compile(r"^(```|~~~).*?^\1", re.MULTILINE | re.DOTALL)
MACRO_CALL = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
PAGE_LINK = re.compile(r"\]\(([^)\s]+)\)")
PAGE_HASH = re.compile(r"^source_hash:\s*([0-9a-f]{8})\s*$", re.MULTILINE)


def heading_ids(markdown: str) -> list[str]:
    """The id of every heading below the title: its explicit { #id }, or the slug MkDocs gives it."""
    from markdown.extensions.toc import slugify, unique

    seen: set[str] = set()
    ids = []
    for match in HEADING.finditer(FENCE.sub("", markdown)):
        ids.append(match.group(4) or unique(slugify(MACRO_CALL.sub("", match.group(2)), "-"), seen))
        seen.add(ids[-1])
    return ids


def page_skeleton(english: str) -> str:
    """An English page, ready to translate: the hash of the English in its front matter, and an
    explicit id on every heading, so that links and the language switcher keep their anchors."""
    ids = iter(heading_ids(english))

    def with_id(match: re.Match[str]) -> str:
        heading_id = next(ids)
        return match.group(0) if match.group(3) else f"{match.group(1)} {match.group(2)} {{ #{heading_id} }}"

    body = HEADING.sub(with_id, english)
    stamp = f"source_hash: {source_hash(english)}\n"
    return body.replace("---\n", "---\n" + stamp, 1) if body.startswith("---\n") else f"---\n{stamp}---\n\n{body}"


def page_problems(english: str, translated: str, shadowed: frozenset[str] | None = None) -> list[str]:
    """What a translated page must keep from the English: its shape (macro calls, links, raw HTML,
    attribute lists, front matter: macros/page_shape.py) and its heading ids. Each problem that has
    a line starts with `line N: `."""
    from .page_shape import MAX_PAGE_CHARACTERS, shape_problems

    problems = [str(problem) for problem in shape_problems(english, translated, heading_ids(english), shadowed)]
    if len(translated) > MAX_PAGE_CHARACTERS:
        return problems
    missing_ids = [heading_id for heading_id in heading_ids(english) if heading_id not in heading_ids(translated)]
    if missing_ids:
        ids = ", ".join(f"{{ #{heading_id} }}" for heading_id in missing_ids)
        problems.append(f"must keep the English heading ids (add {ids} to the translated headings)")
    for mark, name in (("**", "bold (**)"), ("`", "code (`)")):
        if FENCE.sub("", translated).count(mark) % 2:
            problems.append(f"opens {name} without closing it")
    return problems


def page_is_stale(english: str, translated: str) -> bool:
    found = PAGE_HASH.search(translated.split("\n---", 1)[0])
    return not found or found.group(1) != source_hash(english)


def write_page_skeletons(language: str, docs_dir: Path, pages_root: Path) -> list[Path]:
    written = []
    for source in sorted(docs_dir.rglob("*.md")):
        target = pages_root / language / source.relative_to(docs_dir)
        if target.exists():
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(page_skeleton(source.read_text(encoding="utf-8")), encoding="utf-8")
        written.append(target)
    return written


def check(language: str) -> list[str]:
    """Every problem in one language's files (data and pages), and what is out of date, as lines."""
    from .page_shape import check_meta, located, macro_names, split_page
    from .repo_files import file_problem, levels_of

    root = Path(__file__).resolve().parents[1]
    lines = []
    try:
        guide = load_guide(root / "data", language=language)
        lines += [f"out of date: {stale}" for stale in guide.stale]
    except DataError as error:
        lines.append(f"error: {error}")
    for source in sorted((root / "docs").rglob("*.md")):
        relative = source.relative_to(root / "docs")
        target = root / PAGES_DIR / language / relative
        label = f"{PAGES_DIR}/{language}/{relative}"
        unsafe = file_problem(target, levels_of(label)) or file_problem(source, levels_of(f"docs/{relative}"))
        if unsafe:
            lines.append(f"error: {label}: {'the page is missing' if unsafe == 'the file is missing' else unsafe}")
            continue
        english, translated = source.read_text(encoding="utf-8"), target.read_text(encoding="utf-8")
        parsed = split_page(english)  # the English page's own front matter, as the build reads it
        own = [str(problem) for problem in parsed.problems] + check_meta(parsed.meta, macro_names())
        lines += [f"error: {located(f'docs/{relative}', problem)}" for problem in own]
        lines += [f"error: {located(label, problem)}" for problem in page_problems(english, translated)]
        if page_is_stale(english, translated):
            lines.append(f"out of date: {PAGES_DIR}/{language}/{relative}")
    from hooks.config_words import config_file_problems  # the words in mkdocs.<code>.yml

    lines += [f"error: {problem}" for problem in config_file_problems(root / f"mkdocs.{language}.yml")]
    return lines


def write_translation_schemas(directory: Path) -> list[Path]:
    """schemas/i18n/<file>.schema.json: what a translation file may hold, for editors' completion."""
    from .schema import _EditorSchema

    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, model in TRANSLATION_MODELS.items():
        path = directory / f"{name.removesuffix('.yml')}.schema.json"
        schema = model.model_json_schema(schema_generator=_EditorSchema)
        path.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    return written


def main(languages: list[str]) -> None:
    if languages[:1] == ["--schemas"]:
        for path in write_translation_schemas(Path(__file__).resolve().parents[1] / "schemas" / "i18n"):
            print(f"wrote {path.name}")
        return
    if languages[:1] == ["--check"]:
        failed = False
        for language in languages[1:]:
            problems = check(language)
            print("\n".join(problems) or f"{language}: no problems")
            failed = failed or any(line.startswith("error") for line in problems)
        raise SystemExit(1 if failed else 0)
    root = Path(__file__).resolve().parents[1]
    data_dir = root / "data"
    english = {name: validate(name, read_yaml(data_dir / name, f"data/{name}")) for name in DATA_FILES}
    for language in languages:
        if not LANGUAGE_PATTERN.match(language):
            raise SystemExit(f"'{language}' is not a language code like 'es' or 'pt-BR'")
        for path in write_skeleton(language, data_dir, english) + write_page_skeletons(
            language, root / "docs", root / PAGES_DIR
        ):
            print(f"wrote {path.relative_to(root)}")


if __name__ == "__main__":
    import sys

    main(sys.argv[1:])
