"""Scale and interruption: mining 2,000 files on both cores, Ctrl-C during mining, and bank
writes killed at random moments, many times."""

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from drafter.bank.layers import Bank
from drafter.mining import bank_files, collect_files, mine_files
from tests.conftest import CORPUS


def copies(folder: Path, count: int) -> Path:
    seeds = sorted(CORPUS.glob("*.txt"))
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"{n:04d}_{seeds[n % len(seeds)].name}").write_bytes(seeds[n % len(seeds)].read_bytes())
    return folder


def test_jobs_give_the_same_bank():
    files = collect_files([CORPUS])
    assert bank_files(mine_files(files, jobs=2)) == bank_files(mine_files(files, jobs=1))


@pytest.mark.slow
def test_two_thousand_files_on_two_cores(tmp_path):
    files = collect_files([copies(tmp_path / "speeches", 2000)])
    seen = []
    mined = mine_files(files, on_file=seen.append, jobs=2)
    assert seen == files  # progress: every file, in order
    assert len(mined.files) == 2000 and mined.skipped == []
    once = mine_files(collect_files([CORPUS]))
    assert {(p.role, p.text) for p in mined.phrases} == {(p.role, p.text) for p in once.phrases}  # copies add nothing


@pytest.mark.slow
def test_ctrl_c_leaves_the_output_folder_as_it_was(tmp_path):
    speeches = copies(tmp_path / "speeches", 600)
    out = tmp_path / "bank"
    (out / "mined").mkdir(parents=True)
    (out / "mined" / "mine.yaml").write_text("# 上次的结果\n- id: x\n", encoding="utf-8")
    before = {p.name: p.read_bytes() for p in (out / "mined").iterdir()}
    process = subprocess.Popen(
        [sys.executable, "-m", "drafter", "mine", str(speeches), "--out", str(out), "--jobs", "2"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    time.sleep(3)
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, (stdout, stderr)
    assert "已中断" in stdout and "Traceback" not in stderr
    assert {p.name: p.read_bytes() for p in (out / "mined").iterdir()} == before
    assert sorted(p.name for p in out.iterdir()) == ["mined"]  # no half-written folder left


def _bank_command(home: Path, n: int, rng: random.Random) -> list[str]:
    base = [sys.executable, "-m", "drafter", "bank"]
    choice = rng.choice(["add", "edit", "rm", "import"])
    if choice == "add":
        return [*base, "add", f"要把第{n}项工作落到实处。", "--role", "body.demand"]
    if choice == "edit":
        return [*base, "edit", "closing.exhortation-c01", "--text", f"让我们奋力开创{{{{ topic }}}}工作新局面！（{n}）"]
    if choice == "rm":
        return [*base, "rm", rng.choice(["closing.thanks-c01", "salutation-c02", "title-c03"])]
    incoming = home.parent / f"in-{n}.yaml"
    entry = f"- id: their-{n}\n  role: body.demand\n  text: 要认真抓好第{n}批来件的办理工作。\n"
    incoming.write_text(entry + "  tags: []\n  topics: []\n  source: user\n", encoding="utf-8")
    return [*base, "import", str(incoming)]


@pytest.mark.slow
def test_bank_writes_killed_at_random_moments(tmp_path, monkeypatch):
    home, cache = tmp_path / "home", tmp_path / "cache"
    env = {**os.environ, "DRAFTER_HOME": str(home), "DRAFTER_CACHE": str(cache)}
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    monkeypatch.setenv("DRAFTER_CACHE", str(cache))
    base = [sys.executable, "-m", "drafter", "bank", "add"]
    for n in range(3):  # entries that must survive everything
        subprocess.run(
            [*base, f"这是第{n}条要长期保留的表述。", "--role", "body.claim"], env=env, check=True, capture_output=True
        )
    kept = {p.id for p in Bank.open().phrases() if p.source == "user"}
    assert len(kept) == 3
    rng = random.Random(7)
    killed = 0
    for n in range(40):
        process = subprocess.Popen(
            _bank_command(home, n, rng), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.05, 0.6))
        if process.poll() is None:
            process.kill()
            killed += 1
        process.wait()
        bank = Bank.open(strict=False)
        assert bank.problems == [], (n, [str(p) for p in bank.problems])
        assert kept <= {p.id for p in bank.phrases()}, n
    assert killed >= 5  # the test did kill writes, not only wait for them
