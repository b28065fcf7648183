"""Find the Chromium the browser tests drive. Run as a script, it prints the path or exits 1
(`--shell`: the browser most tests drive, see find_test_chromium)."""

from __future__ import annotations

import os
import shutil
import sys

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# Chromium's headless shell (Debian: chromium-headless-shell): the same engine without the desktop
# browser around it. A new tab costs about a third of the CPU it costs in the full browser.
SHELL_CANDIDATES = ("chromium-headless-shell",)


def first_on_path(names: tuple[str, ...]) -> str | None:
    return next((found for found in map(shutil.which, names) if found), None)


def find_chromium() -> str | None:
    """The full browser: what readers run. Tests of what only it has (the back/forward cache,
    installability) and the benchmarks use it."""
    override = os.environ.get("CHROMIUM_PATH")
    if override:
        return override if os.access(override, os.X_OK) else None
    return first_on_path(CANDIDATES)


def find_test_chromium() -> str | None:
    """What the other browser tests drive: the headless shell when it is installed, else the full
    browser. CHROMIUM_PATH, when set, is used for everything."""
    if os.environ.get("CHROMIUM_PATH"):
        return find_chromium()
    return first_on_path(SHELL_CANDIDATES) or find_chromium()


if __name__ == "__main__":
    path = find_test_chromium() if "--shell" in sys.argv[1:] else find_chromium()
    if path is None:
        sys.exit(1)
    print(path)
