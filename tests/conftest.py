from pathlib import Path

import pytest

from drafter.structure import parse_file
from drafter.tree import Speech

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SEEDS = {
    "000": CORPUS / "000_644af5d76474d343.txt",
    "001": CORPUS / "001_f8951ad572eb82e0.txt",
    "002": CORPUS / "002_6e0b274a56301008.txt",
    "003": CORPUS / "003_9f0da0f5fbc462aa.txt",
    "004": CORPUS / "004_652caaa5eff3df71.txt",
}


@pytest.fixture(scope="session")
def seeds() -> dict[str, list[Speech]]:
    """Every seed parsed once: seed id -> its speeches."""
    return {name: parse_file(path) for name, path in SEEDS.items()}


@pytest.fixture(scope="session", autouse=True)
def own_cache_folder(tmp_path_factory):
    """The tests keep drafter's caches (compiled banks, parsed data, blank Word documents) in a
    folder of their own, never in the user's; a test may set a fresh one of its own."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRAFTER_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield


@pytest.fixture
def shipped_bank_only(tmp_path, monkeypatch):
    """An empty own bank and a fresh cache: what a draft sees is drafter's shipped bank alone."""
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))


@pytest.fixture(scope="module")
def shipped_bank(tmp_path_factory):
    """The shipped bank alone, opened once for a module's drafts (with a cache of its own)."""
    from drafter.bank.layers import Bank

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("DRAFTER_HOME", str(tmp_path_factory.mktemp("home")))
        mp.setenv("DRAFTER_CACHE", str(tmp_path_factory.mktemp("cache")))
        yield Bank.open()
