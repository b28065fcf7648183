"""`make bench`: run every benchmark, print its Markdown, and write it all to bench/results.md.

Each benchmark is its own script (run one alone while working on it). They report, never assert;
the numbers vary from run to run and with whatever else the machine is doing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent
RESULTS = BENCH / "results.md"

# (heading, script, keep only the last line of its output). What the issues' goals read comes
# first (Lighthouse against stock, the offline copy's bytes), the slowest last (traces, x10 builds).
SECTIONS: list[tuple[str, str, bool]] = [
    ("Lighthouse against stock Material", "lighthouse.py", False),
    ("Page weight against stock Material", "weight.py", False),
    ("Our own JS and CSS, largest page (gzip -9)", "page_weight.py", True),
    ("Interaction: a checklist tick", "tick.py", False),
    ("Interaction: a keystroke in a letter", "letter_preview.py", False),
    ("Where the main thread goes", "trace.py", False),
    ("Build time", "build.py", False),
]


def run(script: str) -> str:
    done = subprocess.run([sys.executable, str(BENCH / script)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.stderr.write(done.stderr[-3000:])
        raise SystemExit(f"bench/{script} failed (exit {done.returncode})")
    return done.stdout.strip()


def main() -> None:
    parts = ["# Benchmark results (`make bench`)", "", run("machine.py")]
    for heading, script, last_line_only in SECTIONS:
        print(f"running bench/{script} ...", file=sys.stderr, flush=True)
        output = run(script)
        parts += ["", f"## {heading}", "", output.splitlines()[-1] if last_line_only else output]
        # Written after each benchmark: a run stopped part-way keeps what it measured.
        RESULTS.write_text("\n".join(parts) + "\n", encoding="utf-8")
    print("\n".join(parts))


if __name__ == "__main__":
    main()
