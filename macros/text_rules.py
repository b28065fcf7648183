"""Rules on the characters and forms of text in data/, each a pure function that returns why a
text breaks it (or None). macros/schema.py applies them to the fields they are for:

- every text: no noncharacters (U+FFFE, U+FDD0...: not XML, so a letter's .docx could not be
  written) and no bidirectional controls (U+202E turns 'gol.exe' into 'exe.log' on screen);
- names, addresses, URLs and e-mail addresses: no invisible characters either (zero-width space,
  joiners, direction marks, soft hyphen), so what the reader sees is what they would type;
- strings.yml: no `$` replacement patterns (a script that once put a text into String.replace
  re-inserted the match); `js.date_locale` is a locale the browser's Intl accepts; download file
  names are plain names with the English extension.
"""

from __future__ import annotations

import re

NONCHARACTER = re.compile(
    "[\ufdd0-\ufdef"
    + "".join(f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17))
    + "]"
)
BIDI_CONTROL = re.compile("[\u061c\u202a-\u202e\u2066-\u2069]")
INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u2060-\u2064\ufeff]")
REPLACEMENT_PATTERN = re.compile(r"\$[`'&<$0-9]")

# A Unicode BCP 47 locale id as Intl.DateTimeFormat accepts it: language, script, region, variants,
# extensions (-u-ca-gregory) and a private use part. 'es_ES' (an underscore) makes Intl throw.
_ALPHANUM = "[A-Za-z0-9]"
LOCALE = re.compile(
    r"^(?:[A-Za-z]{2,3}|[A-Za-z]{5,8})"
    r"(?:-[A-Za-z]{4})?"
    r"(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    rf"(?:-(?:{_ALPHANUM}{{5,8}}|[0-9]{_ALPHANUM}{{3}}))*"
    rf"(?:-[0-9A-WY-Za-wy-z](?:-{_ALPHANUM}{{2,8}})+)*"
    rf"(?:-[xX](?:-{_ALPHANUM}{{1,8}})+)?$"
)

# The download names a script gives the reader's files, and the extension each must keep.
FILE_NAMES = {
    "js.file_name": ".json",
    "js.deadlines_ics_name": ".ics",
    "js.case_txt_name": ".txt",
    "js.case_docx_name": ".docx",
    "js.case_backup_name": ".json",
}
FILE_NAME = re.compile(r"^\w[\w.-]{0,99}$")


def _at(match: re.Match[str], what: str) -> str:
    return f"contains {what} U+{ord(match.group()):04X} at character {match.start() + 1}"


def character_problem(text: str) -> str | None:
    """Noncharacters and bidirectional controls, refused in every text."""
    found = NONCHARACTER.search(text)
    if found:
        return _at(found, "the noncharacter") + " (not allowed in XML, so it would break the .docx letters)"
    found = BIDI_CONTROL.search(text)
    if found:
        return _at(found, "the direction control") + " (it can make text show in another order than it is written)"
    return None


def invisible_problem(text: str) -> str | None:
    """Invisible characters, refused in names, addresses, URLs and e-mail addresses."""
    found = INVISIBLE.search(text)
    if found:
        return _at(found, "the invisible character") + ": a name or address must be exactly what it shows"
    return None


def replacement_problem(text: str) -> str | None:
    found = REPLACEMENT_PATTERN.search(text)
    if found:
        return (
            f"contains '{found.group()}' at character {found.start() + 1}: write a dollar sign with a space or "
            "a number after it, never followed by ` ' & < or another $"
        )
    return None


def locale_problem(text: str) -> str | None:
    if not LOCALE.match(text):
        return f"must be a locale like 'es', 'es-419' or 'pt-BR' (letters, digits and hyphens), got {text[:20]!r}"
    return None


def file_name_problem(text: str, extension: str) -> str | None:
    if not FILE_NAME.match(text) or ".." in text or not text.endswith(extension):
        return (
            f"must be a file name of letters, digits, '-', '_' and '.', ending in {extension}, "
            f"like 'resumen{extension}', got {text[:40]!r}"
        )
    return None
