"""How long a strict build takes: this site against the stock Material site with the same pages
(bench/sites.py), and how the build grows with the data.

Run with `make bench`. Each build runs in this process, median of 3 (the first build of a process
pays for imports, so one warm-up build comes first). For the growth, a copy of the project gets
x3 and x10 the problem types (data/scams.yml), letters (data/letters.yml) and countries with their
agencies (data/agencies.yml): copies of the real entries under new ids. Time per generated page
should stay about flat if the build is linear. Timings vary by machine: this reports, it never
asserts.
"""

from __future__ import annotations

import copy
import logging
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml
from sites import ROOT, build_ours, build_stock, stock_project

RUNS = 3
FACTORS = (1, 3, 10)
COPIED = (".venv", "node_modules", "site", ".git", ".cache", "__pycache__", ".pytest_cache", ".ruff_cache")


class NoAliases(yaml.SafeDumper):
    """The data files refuse YAML aliases: write every copy out in full."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def retargeted(data: Any, ids: set[str], copy_number: int) -> Any:
    """Lists of ids inside a copy name the copies of the same number (letter 2 is for problem 2)."""
    if isinstance(data, dict):
        return {key: retargeted(value, ids, copy_number) for key, value in data.items()}
    if isinstance(data, list):
        return [
            f"{item}-copy{copy_number}" if isinstance(item, str) and item in ids else retargeted(item, ids, copy_number)
            for item in data
        ]
    return data


def renamed(entry: dict[str, Any], copy_number: int, ids: set[str], *text_fields: str) -> dict[str, Any]:
    """A copy of a data entry under a new id, its display texts marked with the copy's number."""
    twin = retargeted(copy.deepcopy(entry), ids, copy_number)
    twin["id"] = f"{entry['id']}-copy{copy_number}"
    for field in text_fields:
        if field in twin:
            twin[field] = f"{twin[field]} (copy {copy_number})"
    return twin


def scaled_scams(data: dict[str, Any], factor: int, ids: set[str]) -> dict[str, Any]:
    extra = [renamed(s, n, ids, "title", "way_in") for n in range(2, factor + 1) for s in data["scams"]]
    return {**data, "scams": data["scams"] + extra}


def scaled_letters(data: dict[str, Any], factor: int, ids: set[str]) -> dict[str, Any]:
    extra = [renamed(letter, n, ids, "title") for n in range(2, factor + 1) for letter in data["letters"]]
    return {**data, "letters": data["letters"] + extra}


def scaled_agencies(data: dict[str, Any], factor: int, ids: set[str]) -> dict[str, Any]:
    extra = []
    for n in range(2, factor + 1):
        for region in data["regions"]:
            twin = renamed(region, n, ids, "name")
            twin.pop("code", None)  # a browser language picks one country only
            twin["agencies"] = [renamed(agency, n, ids, "name") for agency in region["agencies"]]
            extra.append(twin)
    return {**data, "regions": data["regions"] + extra}


SCALERS: dict[str, Callable[[dict[str, Any], int, set[str]], dict[str, Any]]] = {
    "scams.yml": scaled_scams,
    "letters.yml": scaled_letters,
    "agencies.yml": scaled_agencies,
}


def with_copied_ids(data: Any, ids: set[str], factor: int) -> Any:
    """In the files that are not copied (a checklist item's only_for...), every list of ids that
    names one of `ids` names its copies too, so each copy is tailored like its original."""
    if isinstance(data, dict):
        return {key: with_copied_ids(value, ids, factor) for key, value in data.items()}
    if isinstance(data, list):
        items = [with_copied_ids(item, ids, factor) for item in data]
        named = [item for item in items if isinstance(item, str) and item in ids]
        return items + [f"{item}-copy{n}" for n in range(2, factor + 1) for item in named]
    return data


def project_copy(folder: Path, factor: int) -> Path:
    """A copy of the project whose data is `factor` times as big."""
    project = folder / f"x{factor}"
    shutil.copytree(ROOT, project, ignore=shutil.ignore_patterns(*COPIED))
    data_dir = project / "data"
    scam_ids = {scam["id"] for scam in yaml.safe_load((data_dir / "scams.yml").read_text(encoding="utf-8"))["scams"]}
    for path in sorted(data_dir.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name in SCALERS:
            data = SCALERS[path.name](data, factor, scam_ids)
        else:
            data = with_copied_ids(data, scam_ids, factor)
        path.write_text(yaml.dump(data, Dumper=NoAliases, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return project


def timed(build: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        build()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def pages(site: Path) -> int:
    return sum(1 for _ in site.rglob("index.html"))


def main() -> None:
    logging.getLogger("mkdocs").setLevel(logging.ERROR)
    url = "http://127.0.0.1:8000/"
    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        ours = folder / "ours"
        build_ours(ours, url)  # warm-up: imports, first-build caches
        stock_config = stock_project(ours, folder / "stock-project")
        build_stock(stock_config, folder / "stock", url)
        ours_time = timed(lambda: build_ours(ours, url))
        stock_time = timed(lambda: build_stock(stock_config, folder / "stock", url))
        growth = []
        for factor in FACTORS:
            project = project_copy(folder, factor)
            site = folder / f"site-x{factor}"
            seconds = timed(lambda project=project, site=site: build_ours(site, url, project / "mkdocs.yml"))
            growth.append((factor, pages(site), seconds))
    print(f"Strict build, median of {RUNS}, in one process:\n")
    print("| site | pages | seconds | ratio |")
    print("| --- | --- | --- | --- |")
    print(f"| this site | {pages_built(growth)} | {ours_time:.2f} | {ours_time / stock_time:.2f} |")
    print(f"| stock Material, same page texts | {pages_built(growth)} | {stock_time:.2f} | 1.00 |")
    print("\nGrowth with the data (problem types, letters, countries and agencies):\n")
    print("| data | pages | seconds | ms per page | seconds ÷ x1 |")
    print("| --- | --- | --- | --- | --- |")
    base_seconds = growth[0][2]
    for factor, page_count, seconds in growth:
        per_page = seconds / page_count * 1000
        print(f"| x{factor} | {page_count} | {seconds:.2f} | {per_page:.0f} | {seconds / base_seconds:.2f} |")
    first, last = growth[0], growth[-1]
    per_page = (last[2] / last[1]) / (first[2] / first[1])
    verdict = "about linear" if per_page < 1.5 else "worse than linear"
    print(f"\nTime per page at x{last[0]} is {per_page:.2f} times that at x1: {verdict}.")


def pages_built(growth: list[tuple[int, int, float]]) -> int:
    return growth[0][1]


if __name__ == "__main__":
    sys.exit(main())
