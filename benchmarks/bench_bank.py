"""`drafter bank search` on a bank of 100,000 phrases, a process start to finish.

    python benchmarks/bench_bank.py             # 100,000 phrases, 5 warm runs
    python benchmarks/bench_bank.py --phrases 20000

The bank is generated from the shipped one (each phrase varied, so none repeats). The first
run reads the YAML and builds the cache; later runs use the cache, which is rebuilt only for
files that change. Compared against `python -c "import typer"` in the same run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

import yaml
from timing import timed  # benchmarks/timing.py, beside this script

SHIPPED = Path(__file__).resolve().parent.parent / "phrasebank"
WORDS = ["扎实", "全面", "切实", "持续", "深入", "统筹", "协同", "精准", "系统", "稳步"]


def make_bank(folder: Path, count: int) -> None:
    base = [
        e
        for p in sorted(SHIPPED.rglob("*.yaml"))
        if p.name != "skeletons.yaml"
        for e in yaml.safe_load(p.read_text(encoding="utf-8"))
    ]
    per_file = 5000
    entries = []
    for n in range(count):
        item = dict(base[n % len(base)])
        item["id"] = f"bench-{n:06d}"
        item["text"] = f"{WORDS[n % 10]}{WORDS[(n // 10) % 10]}{WORDS[(n // 100) % 10]}，{item['text']}（{n}）"
        entries.append(item)
    for start in range(0, count, per_file):
        text = yaml.safe_dump(entries[start : start + per_file], allow_unicode=True, width=4096, sort_keys=False)
        (folder / f"bank-{start // per_file:03d}.yaml").write_text(text, encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--phrases", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bank = Path(tmp) / "bank"
        bank.mkdir()
        make_bank(bank, args.phrases)
        env = {**os.environ, "DRAFTER_HOME": str(Path(tmp) / "home"), "DRAFTER_CACHE": str(Path(tmp) / "cache")}
        search = [
            sys.executable,
            "-m",
            "drafter",
            "bank",
            "search",
            "压实责任",
            "--bank",
            str(Path(tmp) / "home"),
            "--bank",
            str(bank),
            "--json",
        ]
        cold = timed(search, env)
        warm = [timed(search, env) for _ in range(args.runs)]
        baseline = [timed([sys.executable, "-c", "import typer"], env) for _ in range(args.runs)]
        (bank / "bank-000.yaml").write_text(
            (bank / "bank-000.yaml").read_text(encoding="utf-8") + "\n", encoding="utf-8"
        )
        one_changed = timed(search, env)
    print(f"{args.phrases} phrases: first run (builds the cache) {cold:.2f} s")
    print(f"warm: median {statistics.median(warm):.3f} s, min {min(warm):.3f} s (aim: under 0.5 s)")
    print(f"after one file of {args.phrases // 5000 or 1} changed: {one_changed:.2f} s")
    print(f"python -c 'import typer': {statistics.median(baseline):.3f} s")


if __name__ == "__main__":
    main()
