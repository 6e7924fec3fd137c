"""Dated facts: a law, document, campaign or meeting named in a speech given outside the span
in which it is current (a law not yet in force, a three-year action spoken of after it ended).
The facts are the field catalogue's (docs/fields.md), each with its source."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from datetime import date

from drafter.check.findings import Finding, Paragraph, finding_at
from drafter.fields.catalogue import Fact


def fact_findings(paragraphs: list[Paragraph], facts: Sequence[Fact], when: date) -> list[Finding]:
    """Each mention of a fact that is not current on WHEN."""
    pattern, by_form = _stale_pattern(tuple(facts), when)
    if pattern is None:
        return []
    found = []
    for paragraph in paragraphs:
        for m in pattern.finditer(paragraph.text):
            fact = by_form[m.group(0)]
            severity, message = _verdict(fact, when)
            found.append(finding_at(f"fact-{fact.id}", severity, paragraph, m.start(), m.end(), message))
    return found


_BEGINS = {"law": "施行", "regulation": "施行", "meeting": "召开", "formula": "提出"}  # else 印发或开展


def _verdict(fact: Fact, when: date) -> tuple[str, str]:
    """Severity and message for FACT named on WHEN, outside its span."""
    if fact.valid_from and when < fact.valid_from:
        begins = _BEGINS.get(fact.kind, "印发或开展")
        since = fact.valid_from.isoformat()
        return "error", f"{fact.name}（{fact.issuer}）{since} 才{begins}，{when.isoformat()} 的讲话不能引用"
    until = fact.valid_until.isoformat() if fact.valid_until else ""
    return (
        "warning",
        f"{fact.name}的时效到 {until} 为止：{when.isoformat()} 的讲话如作为正在开展的工作来讲，请改用现行部署",
    )


@functools.lru_cache(maxsize=8)
def _stale_pattern(facts: tuple[Fact, ...], when: date) -> tuple[re.Pattern[str] | None, dict[str, Fact]]:
    """One pattern of the forms of the facts not current on WHEN (longest first), made once for
    a set of facts and a day: drafting asks it of every phrase it draws."""
    stale = {form: f for f in facts if not f.current_on(when) for form in f.forms if len(form) >= 3}
    words = sorted(stale, key=len, reverse=True)
    return (re.compile("|".join(map(re.escape, words))) if words else None), stale
