"""The layered bank a writer works with: drafter's shipped bank (read-only), the writer's own bank
(where every change goes), and any further bank folders given. A later layer's phrase with the
same id overrides an earlier one; ids listed in the own bank's hidden.yaml are hidden."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from drafter.bank.cache import DUPLICATES, load_folder
from drafter.bank.model import Phrase
from drafter.bank.store import Problem, round_trip_entry, round_trip_load, round_trip_save
from drafter.errors import DrafterError, InputError
from drafter.resources import shipped_bank

if TYPE_CHECKING:
    from drafter.fields.catalogue import Catalogue

OWN_FILE = "phrases.yaml"  # where the writer's new phrases go
HIDDEN_FILE = "hidden.yaml"


class BankError(DrafterError):
    """A bank with broken files: reported with file and line, never a traceback."""

    def __init__(self, problems: list[Problem]) -> None:
        more = f"（另有 {len(problems) - 1} 处，用 drafter bank validate 查看全部）" if len(problems) > 1 else ""
        super().__init__(f"素材库文件有错误：{problems[0]}{more}")
        self.problems = problems


class Layer(NamedTuple):
    name: str  # shipped, own, extra
    folder: Path


class Located(NamedTuple):
    phrase: Phrase
    layer: Layer
    file: Path
    line: int


def own_bank_folder() -> Path:
    """The writer's own bank: DRAFTER_HOME, else the per-user data folder."""
    configured = os.environ.get("DRAFTER_HOME")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_data_dir("drafter")) / "bank"


class Bank:
    def __init__(self, layers: list[Layer]) -> None:
        self.layers = layers
        self.own = next(layer for layer in layers if layer.name == "own")
        self.hidden: set[str] = set()
        self.problems: list[Problem] = []
        self._load()

    @classmethod
    def open(cls, banks: list[Path] | None = None, strict: bool = True) -> Bank:
        """The shipped bank, the own bank (the first of BANKS, else DRAFTER_HOME or the per-user
        folder), then the rest of BANKS. STRICT: a broken file raises BankError."""
        banks = list(banks or [])
        own = banks.pop(0) if banks else own_bank_folder()
        layers = [Layer("shipped", shipped_bank()), Layer("own", own)] + [Layer("extra", b) for b in banks]
        bank = cls(layers)
        if strict and bank.problems:
            raise BankError(bank.problems)
        return bank

    def _reload(self) -> None:
        """After a change: what the files now say."""
        self.hidden, self.problems = set(), []
        self._load()

    def _load(self) -> None:
        self._files = []
        for layer in self.layers:
            for rel, data in load_folder(layer.folder).items():
                self.problems += data.problems
                if rel == DUPLICATES:
                    continue
                if layer is self.own and rel == HIDDEN_FILE:
                    self.hidden |= set(data.ids)
                self._files.append((layer, layer.folder / rel, data))

    def rows(self) -> list[tuple]:
        """Every visible phrase as a plain row (id, role, text, tags, topics, source), in layer
        and file order; a later layer's row replaces an earlier one with the same id."""
        latest: dict[str, tuple] = {}
        for _, _, data in self._files:
            latest.update({row[0]: row for _, row in data.rows})
        hidden = self.hidden
        return [row for pid, row in latest.items() if pid not in hidden]

    def phrases(self) -> list[Phrase]:
        """Every visible phrase, in layer and file order."""
        return [Phrase.from_row(row) for row in self.rows()]

    def archive_ids(self) -> frozenset[str]:
        """The ids of phrases mined from the writer's own speeches (their banks, not drafter's)."""
        return frozenset(
            row[0] for layer, _, data in self._files if layer.name != "shipped" for _, row in data.rows
            if not isinstance(row[5], str)
        )  # fmt: skip

    def fields(self) -> Catalogue:
        """The fields of every layer's field files (a later layer's file extends a field)."""
        from drafter.fields.catalogue import Catalogue, field_of

        return Catalogue([field_of(data.field) for _, _, data in self._files if data.field])

    def locate(self, phrase_id: str) -> Located:
        if phrase_id not in self.hidden:
            for layer, path, data in reversed(self._files):
                for line, row in data.rows:
                    if row[0] == phrase_id:
                        return Located(Phrase.from_row(row), layer, path, line)
        raise InputError(f"素材库里没有编号为“{phrase_id}”的表述（可用 drafter bank search 查找）")

    def _exists(self, phrase_id: str) -> bool:
        try:
            self.locate(phrase_id)
        except InputError:
            return False
        return True

    # --- changes: all go to the own bank, atomically, after validation ------------------------

    def add(self, phrase: Phrase) -> Phrase:
        if self._exists(phrase.id):
            raise InputError(f"素材库里已有相同的表述（{phrase.id}）")
        _validate(phrase)
        self._append(OWN_FILE, [round_trip_entry(phrase.to_dict())])
        return phrase

    def edit(self, phrase_id: str, **changes: object) -> Phrase:
        """Change a phrase: in place when it is the writer's own, else as an overriding copy."""
        loc = self.locate(phrase_id)
        updated = replace(loc.phrase, **changes)  # type: ignore[arg-type]
        _validate(updated)
        if loc.layer is self.own:
            data = round_trip_load(loc.file)
            new = round_trip_entry(updated.to_dict())
            for entry in data:
                if entry.get("id") == phrase_id:
                    for key, value in new.items():  # only what changed: the rest keeps its comments
                        if entry.get(key) != value:
                            entry[key] = value
            save_bank_file(loc.file, data)
            self._reload()
        else:
            self._append(OWN_FILE, [round_trip_entry(updated.to_dict())])
        return updated

    def remove(self, phrase_id: str) -> None:
        """Remove the writer's own phrase; hide one of another layer (in the own hidden.yaml)."""
        loc = self.locate(phrase_id)
        if loc.layer is self.own:
            data = round_trip_load(loc.file)
            kept = [e for e in data if e.get("id") != phrase_id]
            data.clear()
            data.extend(kept)
            save_bank_file(loc.file, data)
        if any(layer is not self.own and row[0] == phrase_id for layer, _, data in self._files for _, row in data.rows):
            self._append(HIDDEN_FILE, [phrase_id])
        else:
            self._reload()

    def append_entries(self, entries: list[object]) -> None:
        """Add entries (already validated) to the own bank's file of new phrases, at once."""
        self._append(OWN_FILE, entries)

    def _append(self, name: str, entries: list[object]) -> None:
        path = self.own.folder / name
        data = round_trip_load(path) or []
        data.extend(entries)
        save_bank_file(path, data)
        self._reload()


def _validate(phrase: Phrase) -> None:
    from drafter.bank.schema import entry_problems

    problems = entry_problems(phrase.to_dict())
    if problems:
        raise InputError(f"表述不合规，未作任何修改：{'；'.join(problems)}")


def save_bank_file(path: Path, data: object) -> None:
    """Write a bank file (round-trip data) into the own bank, making its folder if needed."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"无法创建素材库文件夹 {path.parent}：{exc.strerror or exc}") from None
    round_trip_save(path, data)
