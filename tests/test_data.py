"""drafter's own data files (drafter/data/*.yaml): every rule loads, and every pattern compiles.

Patterns compile on first use (a draft needs few of them), so a broken one would otherwise surface
only when some speech happens to reach it."""

from __future__ import annotations

import dataclasses
import pickle
import shutil

import pytest

from drafter import resources
from drafter.errors import DataError
from drafter.resources import Regex

LOADERS = [
    resources.cleaning_rules,
    resources.structure_rules,
    resources.role_rules,
    resources.wording_rules,
    resources.layouts,
    resources.compose_rules,
]


def _patterns(value: object) -> list[Regex]:
    """Every Regex inside VALUE (dataclasses, lists, tuples and dicts, walked through)."""
    if isinstance(value, Regex):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [r for f in dataclasses.fields(value) for r in _patterns(getattr(value, f.name))]
    if isinstance(value, dict):
        return [r for v in value.values() for r in _patterns(v)]
    if isinstance(value, list | tuple):
        return [r for v in value for r in _patterns(v)]
    return []


def test_every_pattern_of_the_data_files_compiles():
    patterns = [p for load in LOADERS for p in _patterns(load())]
    assert len(patterns) > 120  # roles, wording, structure and cleaning rules all reached (136 today)
    for pattern in patterns:
        assert pattern.compiled.pattern == pattern.pattern


def test_a_broken_pattern_names_its_file_and_key():
    broken = Regex("(未闭合", "roles.yaml: 'domains.safety'")
    with pytest.raises(DataError, match=r"roles\.yaml: 'domains\.safety' is not a valid pattern"):
        broken.search("安全生产")


def test_patterns_match_as_compiled_ones_do():
    rules = resources.structure_rules()
    match = rules.level1.match("三、压实责任")
    assert match is not None and rules.marker_number(match) == 3
    assert rules.closing_start.match("同志们，") is not None


def test_parsed_data_is_kept_in_the_cache_until_the_file_changes(tmp_path, monkeypatch):
    data = tmp_path / "data"
    shutil.copytree(resources.DATA, data)
    monkeypatch.setattr(resources, "DATA", data)
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    resources._parsed_data.cache_clear()
    assert resources.load_yaml("compose.yaml")["verbs"][:3] == ["开展", "推进", "做好"]
    assert (tmp_path / "cache" / resources._DATA_CACHE).is_file()

    resources._parsed_data.cache_clear()  # a new run: what it reads comes from the cache file
    (tmp_path / "cache" / resources._DATA_CACHE).write_bytes(
        pickle.dumps({str(data / "compose.yaml"): (_stamp(data / "compose.yaml"), {"kept": True})})
    )
    assert resources.load_yaml("compose.yaml") == {"kept": True}

    path = data / "compose.yaml"  # the file changes: read again
    path.write_text(path.read_text(encoding="utf-8") + "\nextra: 1\n", encoding="utf-8")
    assert resources.load_yaml("compose.yaml")["extra"] == 1
    resources._parsed_data.cache_clear()


def _stamp(path):
    stat = path.stat()
    return stat.st_mtime_ns, stat.st_size
