"""A `drafter draft … -o x.docx` process, start to finish, against `python -c "import docx, jinja2,
typer"` in the same run (the aim: at most twice as long).

    python benchmarks/bench_draft.py            # 21 runs each, in turn; median and min

The first draft builds the bank cache; it is run once before timing, as a writer's second
draft would find it.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from timing import timed  # benchmarks/timing.py, beside this script

RUNS = 21


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DRAFTER_HOME": str(Path(tmp) / "home"), "DRAFTER_CACHE": str(Path(tmp) / "cache")}
        draft = [
            sys.executable,
            "-m",
            "drafter",
            "draft",
            "安全生产",
            "--date",
            "2026-11-23",
            "-o",
            str(Path(tmp) / "x.docx"),
        ]
        baseline = [sys.executable, "-c", "import docx, jinja2, typer"]
        timed(draft, env)  # builds the bank cache
        drafts, imports = [], []
        for _ in range(RUNS):  # in turn, so that a busy spell of the machine falls on both
            drafts.append(timed(draft, env))
            imports.append(timed(baseline, env))
    d, b = statistics.median(drafts), statistics.median(imports)
    print(f"drafter draft … -o x.docx: median {d:.3f} s (min {min(drafts):.3f} s)")
    print(f'python -c "import docx, jinja2, typer": median {b:.3f} s (min {min(imports):.3f} s)')
    # The fastest runs are the ones another process on the machine did not slow down.
    print(f"ratio {d / b:.2f}× of the medians, {min(drafts) / min(imports):.2f}× of the fastest runs (aim: at most 2×)")


if __name__ == "__main__":
    main()
