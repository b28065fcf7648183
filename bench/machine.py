"""The machine a `make bench` run measured on, as one Markdown line (timings mean little without it)."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))


def cpu_model() -> str:
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.is_file():
        for line in cpuinfo.read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or platform.machine()


def chromium_version() -> str:
    from browser_path import find_chromium

    chromium = find_chromium()
    if chromium is None:
        return "no Chromium"
    done = subprocess.run([chromium, "--version"], capture_output=True, text=True, check=False)
    return done.stdout.strip() or chromium


def main() -> None:
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    print(
        f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {cpu_model()}, {os.cpu_count()} cores, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, {chromium_version()}; "
        f"load average at the start {load}."
    )


if __name__ == "__main__":
    main()
