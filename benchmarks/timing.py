"""Timing a command as a whole process, shared by the benchmarks."""

from __future__ import annotations

import subprocess
import time


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds COMMAND takes, start to finish (its output discarded)."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start
