"""A compiled copy of each bank folder, so that a large bank loads in a blink: the YAML is read
(and validated) again only for files whose size or modification time changed."""

from __future__ import annotations

import hashlib
import pickle
from dataclasses import dataclass, field
from pathlib import Path

from drafter.bank.model import Phrase
from drafter.bank.store import Problem, read_entries, read_mapping
from drafter.errors import DrafterError
from drafter.fields.catalogue import is_field_file
from drafter.files import atomic_write_bytes, cache_folder

CACHE_VERSION = 5


@dataclass
class FileData:
    stamp: tuple[int, int]  # (mtime_ns, size)
    rows: list[tuple[int, tuple]] = field(default_factory=list)  # (line, Phrase.to_row())
    problems: list[Problem] = field(default_factory=list)
    ids: list[str] = field(default_factory=list)  # hidden.yaml: the ids it hides
    field: dict | None = None  # a field file: the field, without its sentences (they are the rows)

    def to_plain(self) -> tuple:
        problems = [(p.file, p.line, p.message) for p in self.problems]
        return (self.stamp, self.rows, problems, self.ids, self.field)

    @classmethod
    def from_plain(cls, plain: tuple) -> FileData:
        stamp, rows, problems, ids, field_data = plain
        return cls(tuple(stamp), rows, [Problem(*p) for p in problems], ids, field_data)


DUPLICATES = "\0duplicates"  # the cache's record of ids used twice across the folder's files


def load_folder(folder: Path) -> dict[str, FileData]:
    """Every .yaml file of FOLDER (relative path → its data), from the cache where still fresh;
    ids used twice in the folder come as the problems of a last, file-less entry."""
    cache_file = cache_folder() / f"bank-{hashlib.sha1(str(folder.resolve()).encode()).hexdigest()[:16]}.pickle"
    cached = _read_cache(cache_file)
    current: dict[str, FileData] = {}
    changed = False
    for path in _yaml_files(folder):
        stat = path.stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        rel = path.relative_to(folder).as_posix()
        old = cached.get(rel)
        if old is not None and old.stamp == stamp:
            current[rel] = old
        else:
            current[rel] = _read_file(path, rel, stamp)
            changed = True
    if changed or set(current) | {DUPLICATES} != set(cached) | {DUPLICATES} or DUPLICATES not in cached:
        current[DUPLICATES] = FileData((0, 0), problems=_duplicate_ids(folder, current))
        try:
            cache_file.parent.mkdir(parents=True, exist_ok=True)
            atomic_write_bytes(cache_file, pickle.dumps((CACHE_VERSION, {k: v.to_plain() for k, v in current.items()})))
        except (OSError, DrafterError):  # a cache folder we cannot write only costs speed
            pass
    else:
        current[DUPLICATES] = cached[DUPLICATES]
    return current


def _duplicate_ids(folder: Path, files: dict[str, FileData]) -> list[Problem]:
    ids = [row[0] for data in files.values() for _, row in data.rows]
    if len(set(ids)) == len(ids):
        return []
    seen: dict[str, str] = {}
    problems = []
    for rel, data in files.items():
        for line, row in data.rows:
            if row[0] in seen:
                problems.append(Problem(str(folder / rel), line, f"编号“{row[0]}”重复（另见 {seen[row[0]]}）"))
            seen.setdefault(row[0], f"{folder / rel}:{line}")
    return problems


def _yaml_files(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*.yaml") if p.is_file() and not p.name.startswith("."))


def _read_cache(cache_file: Path) -> dict[str, FileData]:
    """Plain tuples and strings (no objects): the fastest form to load."""
    try:
        version, data = pickle.loads(cache_file.read_bytes())
        if version != CACHE_VERSION:
            return {}
        return {rel: FileData.from_plain(plain) for rel, plain in data.items()}
    except Exception:  # missing, stale or damaged: rebuilt from the YAML
        return {}


def _read_file(path: Path, rel: str, stamp: tuple[int, int]) -> FileData:
    from drafter.bank.schema import entry_problems  # jinja2: only when a file must be read again

    if is_field_file(rel):
        return _read_field_file(path, stamp)
    entries, problems = read_entries(path)
    data = FileData(stamp, problems=list(problems))
    if path.name == "skeletons.yaml":
        return data
    if path.name == "hidden.yaml":
        data.ids = [str(e) for _, e in entries]
        return data
    for line, entry in entries:
        found = entry_problems(entry)
        if found:
            data.problems += [Problem(str(path), line, message) for message in found]
        else:
            data.rows.append((line, Phrase.from_dict(entry).to_row()))
    return data


def _read_field_file(path: Path, stamp: tuple[int, int]) -> FileData:
    """A field file: its sentences as phrase rows, the rest as the field (docs/fields.md)."""
    from drafter.fields.catalogue import field_phrases, field_problems, field_summary

    content, problems = read_mapping(path)
    data = FileData(stamp, problems=list(problems))
    if content is None:
        return data
    found = field_problems(content)
    if found:
        data.problems += [Problem(str(path), 0, message) for message in found]
        return data
    data.rows = [(0, phrase.to_row()) for phrase in field_phrases(content)]
    data.field = field_summary(content)
    return data
