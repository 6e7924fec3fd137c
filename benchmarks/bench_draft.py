"""A `drafter draft … -o x.docx` process, start to finish, against `python -c "import docx, jinja2,
typer"` in the same run (the aim: at most twice as long).

    python benchmarks/bench_draft.py            # 21 runs each, in turn; median and min

A first draft builds the caches (the compiled bank, the parsed data files, the blank Word
document); it is run once before timing, on a topic of its own, as a writer's later drafts
would find them. The timed drafts go through topics of different shapes.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

from timing import timed  # benchmarks/timing.py, beside this script

RUNS = 21
# A topic of another shape each run: nothing a draft keeps for later (the compiled bank, the parsed
# data files, the blank Word document) depends on the topic.
TOPICS = ["安全生产", "主题教育", "乡村振兴", "作风建设年", "营商环境优化", "防汛抗旱", "基层治理"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DRAFTER_HOME": str(Path(tmp) / "home"), "DRAFTER_CACHE": str(Path(tmp) / "cache")}

        def draft(topic: str) -> list[str]:
            out = str(Path(tmp) / "x.docx")
            return [sys.executable, "-m", "drafter", "draft", topic, "--date", "2026-11-23", "-o", out]

        baseline = [sys.executable, "-c", "import docx, jinja2, typer"]
        timed(draft("招商引资"), env)  # builds the caches, as a writer's earlier draft did
        drafts, imports = [], []
        for n in range(RUNS):  # in turn, so that a busy spell of the machine falls on both
            drafts.append(timed(draft(TOPICS[n % len(TOPICS)]), env))
            imports.append(timed(baseline, env))
    d, b = statistics.median(drafts), statistics.median(imports)
    print(f"drafter draft … -o x.docx: median {d:.3f} s (min {min(drafts):.3f} s)")
    print(f'python -c "import docx, jinja2, typer": median {b:.3f} s (min {min(imports):.3f} s)')
    # The fastest runs are the ones another process on the machine did not slow down.
    print(f"ratio {d / b:.2f}× of the medians, {min(drafts) / min(imports):.2f}× of the fastest runs (aim: at most 2×)")


if __name__ == "__main__":
    main()
