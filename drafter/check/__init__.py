"""Proofreading a speech: stale wording for a date, formulas out of order, placeholders,
numbering, repeats and punctuation. The rules are data (drafter/data/wording.yaml)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from drafter.check.findings import Finding, Paragraph
from drafter.tree import Speech

# The form checks (rapidfuzz) and the parser load when a check runs: the composer imports
# drafter.check.wording alone, and drafting must start fast.

__all__ = ["Finding", "check_file", "check_speech", "has_errors"]


def check_speech(speech: Speech, when: date, number: int = 1) -> list[Finding]:
    """Every finding in SPEECH for a speech given on WHEN, in reading order."""
    from drafter.check.form import numbering_findings, placeholder_findings, punctuation_findings, repeat_findings
    from drafter.check.wording import wording_findings
    from drafter.render.blocks import blocks
    from drafter.resources import structure_rules, wording_rules

    rules = wording_rules()
    paragraphs = [Paragraph(n, block.text, block.kind) for n, block in enumerate(blocks(speech), 1)]
    found = wording_findings(paragraphs, rules, when)
    found += placeholder_findings(paragraphs, rules.form)
    found += numbering_findings(paragraphs, structure_rules())
    found += repeat_findings(paragraphs, rules.form)
    found += punctuation_findings(paragraphs)
    return sorted((f._replace(speech=number) for f in found), key=lambda f: (f.paragraph, f.offset, f.rule))


def check_file(path: Path, when: date) -> list[Finding]:
    """Check every speech in a .txt/.md/.docx file as the writer wrote it."""
    from drafter.structure import parse_file

    found = []
    for number, speech in enumerate(parse_file(path, repair=False), 1):
        found += check_speech(speech, when, number)
    return found


def has_errors(findings: list[Finding]) -> bool:
    return any(f.severity == "error" for f in findings)
