"""Mining throughput and peak memory on the seed corpus repeated to a given size.

    python benchmarks/bench_mining.py            # 20 MB, and 5 MB to show memory stays flat
    python benchmarks/bench_mining.py --mb 50

Each copy of a seed gets its own file name, as an archive of many speeches would. Throughput is
measured on one core (mining is a single process); peak memory is the process's maximum RSS,
measured in a fresh child process for each size.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def make_corpus(folder: Path, megabytes: float) -> int:
    seeds = sorted(CORPUS.glob("*.txt"))
    total, n = 0, 0
    while total < megabytes * 1_000_000:
        seed = seeds[n % len(seeds)]
        data = seed.read_bytes()
        (folder / f"{n:05d}_{seed.name}").write_bytes(data)
        total += len(data)
        n += 1
    return total


def run_one(megabytes: float) -> dict[str, float]:
    from drafter.mining import collect_files, mine_files

    with tempfile.TemporaryDirectory() as tmp:
        size = make_corpus(Path(tmp), megabytes)
        files = collect_files([Path(tmp)])
        start = time.perf_counter()
        mined = mine_files(files)
        seconds = time.perf_counter() - start
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"mb": size / 1e6, "files": len(files), "seconds": seconds, "mb_per_s": size / 1e6 / seconds,
            "peak_rss_mb": peak_mb, "phrases": len(mined.phrases)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--mb", type=float, default=20)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)  # child process
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.mb)))
        return
    for mb in sorted({5.0, args.mb}):
        out = subprocess.run(
            [sys.executable, __file__, "--one", "--mb", str(mb)], capture_output=True, text=True, check=True
        )
        r = json.loads(out.stdout)
        print(f"{r['mb']:6.1f} MB in {r['files']:5d} files: {r['seconds']:6.1f} s, {r['mb_per_s']:.2f} MB/s, "
              f"peak RSS {r['peak_rss_mb']:.0f} MB, {r['phrases']} phrases kept")  # fmt: skip


if __name__ == "__main__":
    main()
