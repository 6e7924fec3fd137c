"""Proofreading a speech: stale wording for a date, laws, documents and campaigns cited outside
the span in which they are current, formulas out of order, placeholders, numbering, repeats
and punctuation. The rules are data (drafter/data/wording.yaml; the facts of the bank's field
files)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.check.findings import Finding, Paragraph
from drafter.tree import Speech

if TYPE_CHECKING:
    from drafter.fields.catalogue import Fact

# The form checks (rapidfuzz) and the parser load when a check runs: the composer imports
# drafter.check.wording alone, and drafting must start fast.

__all__ = ["Finding", "check_file", "check_speech", "has_errors", "known_facts"]


def check_speech(speech: Speech, when: date, number: int = 1, facts: Sequence[Fact] | None = None) -> list[Finding]:
    """Every finding in SPEECH for a speech given on WHEN, in reading order. FACTS: the dated
    items to check (default: the field catalogue of drafter's shipped bank and the writer's own)."""
    from drafter.check.facts import fact_findings
    from drafter.check.form import (
        numbering_findings,
        opener_findings,
        placeholder_findings,
        punctuation_findings,
        repeat_findings,
    )
    from drafter.check.wording import wording_findings
    from drafter.render.blocks import blocks
    from drafter.resources import structure_rules, wording_rules

    rules = wording_rules()
    paragraphs = [Paragraph(n, block.text, block.kind) for n, block in enumerate(blocks(speech), 1)]
    found = wording_findings(paragraphs, rules, when)
    found += fact_findings(paragraphs, known_facts() if facts is None else facts, when)
    found += placeholder_findings(paragraphs, rules.form)
    found += numbering_findings(paragraphs, structure_rules())
    found += repeat_findings(paragraphs, rules.form)
    found += opener_findings(paragraphs, rules.form)
    found += punctuation_findings(paragraphs)
    return sorted((f._replace(speech=number) for f in found), key=lambda f: (f.paragraph, f.offset, f.rule))


def check_file(path: Path, when: date, facts: Sequence[Fact] | None = None) -> list[Finding]:
    """Check every speech in a .txt/.md/.docx file as the writer wrote it."""
    from drafter.structure import parse_file

    facts = known_facts() if facts is None else facts
    found = []
    for number, speech in enumerate(parse_file(path, repair=False), 1):
        found += check_speech(speech, when, number, facts)
    return found


def known_facts() -> tuple[Fact, ...]:
    """The dated facts of the writer's layered bank (a broken bank file costs its facts only)
    and what each year is called (drafter/data/era.yaml)."""
    from drafter.bank.layers import Bank
    from drafter.era import era_facts

    return tuple(Bank.open(strict=False).fields().facts()) + era_facts()


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
