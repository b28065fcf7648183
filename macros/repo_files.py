"""Nothing outside the repository: every file the build reads from data/, i18n/ and docs/ must be a
regular file in the repository. A symbolic link (or a device, a pipe) is refused by its name,
before anything is read through it: a link could point at a secret outside the repository, and
the build would then copy it into the site or quote it in a public CI log."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from .schema import DataError, Where

ADVICE = "put the file itself there (links are not followed, so nothing outside the repository is read)"


def file_problem(path: Path, levels: int = 1) -> str | None:
    """Why `path` may not be read, or None. `levels` counts the path's own parts to check, from the
    file up (4 for data/i18n/es/scams.yml: the file and its three folders)."""
    checked = path
    for _ in range(max(levels, 1)):
        if checked.is_symlink():
            named = "is" if checked == path else f"is in the folder {checked.name}/, which is"
            return f"{named} a symbolic link: {ADVICE}"
        checked = checked.parent
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return "the file is missing"
    if not stat.S_ISREG(mode):
        return "is not a regular file"
    return None


def levels_of(label: str) -> int:
    """How many parts of a file's path belong to the repository, from its label (data/x.yml: 2)."""
    label_path = Path(label)
    return 1 if label_path.is_absolute() else len(label_path.parts)


def check_file(path: Path, label: str) -> None:
    problem = file_problem(path, levels_of(label))
    if problem:
        raise DataError(Where(label), problem)


def links_in(root: Path, folders: Iterable[str]) -> list[str]:
    """Every symbolic link or other non-regular file under the given folders of `root`, by name
    (the folders themselves included), without following any link."""
    found = []
    for folder in folders:
        top = root / folder
        if top.is_symlink():
            found.append(f"{folder}/: is a symbolic link: {ADVICE}")
            continue
        for current, directories, files in os.walk(top, followlinks=False):
            for name in sorted([*directories, *files]):
                path = Path(current) / name
                relative = path.relative_to(root).as_posix()
                if path.is_symlink():
                    found.append(f"{relative}: is a symbolic link: {ADVICE}")
                elif name in files and not stat.S_ISREG(os.lstat(path).st_mode):
                    found.append(f"{relative}: is not a regular file")
    return found
