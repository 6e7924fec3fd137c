"""Passing banks between offices: export the visible bank to one file; import another office's
file, reporting duplicates and near-duplicates instead of doubling them."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from rapidfuzz import fuzz, process

from drafter.bank.layers import Bank
from drafter.bank.model import Phrase, phrase_id
from drafter.bank.store import Problem, dump_yaml, read_entries, round_trip_entry
from drafter.errors import InputError
from drafter.files import atomic_write_text

NEAR_DUPLICATE = 90  # rapidfuzz ratio at which an imported phrase counts as one we have


@dataclass
class ImportReport:
    added: list[Phrase] = field(default_factory=list)
    duplicates: list[tuple[Phrase, Phrase]] = field(default_factory=list)  # (theirs, ours)
    near_duplicates: list[tuple[Phrase, Phrase, float]] = field(default_factory=list)
    invalid: list[Problem] = field(default_factory=list)


def export_bank(bank: Bank, path: Path) -> int:
    phrases = bank.phrases()
    header = f"drafter 素材库导出：{len(phrases)} 条表述。可用 drafter bank import 合并到另一个素材库。"
    atomic_write_text(path, dump_yaml([p.to_dict() for p in phrases], header))
    return len(phrases)


def import_file(bank: Bank, path: Path) -> ImportReport:
    """Merge PATH into the own bank in one atomic write; nothing is written when PATH is broken."""
    from drafter.bank.schema import entry_problems

    if not path.is_file():
        raise InputError(f"找不到文件：{path}")
    entries, problems = read_entries(path)
    if problems:
        raise InputError(f"无法导入：{problems[0]}")
    report = ImportReport()
    ours: dict[str, list[Phrase]] = {}
    for phrase in bank.phrases():
        ours.setdefault(phrase.role, []).append(phrase)
    for line, entry in entries:
        found = entry_problems(entry)
        if found:
            report.invalid += [Problem(str(path), line, m) for m in found]
            continue
        theirs = Phrase.from_dict(entry)
        same_role = ours.setdefault(theirs.role, [])
        texts = [p.text for p in same_role]
        match = process.extractOne(theirs.text, texts, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE)
        if match is not None:
            _, score, index = match
            if score == 100:
                report.duplicates.append((theirs, same_role[index]))
            else:
                report.near_duplicates.append((theirs, same_role[index], score))
            continue
        try:
            bank.locate(theirs.id)
            theirs = replace(theirs, id=phrase_id(theirs.role, theirs.text))  # their id is taken here
        except InputError:
            pass
        same_role.append(theirs)
        report.added.append(theirs)
    if report.added:
        bank.append_entries([round_trip_entry(p.to_dict()) for p in report.added])
    return report
