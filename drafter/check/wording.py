"""Wording checks: stale or wrong phrases for a date, and fixed formulas in the wrong order."""

from __future__ import annotations

import re
from datetime import date

from drafter.check.findings import Finding, Paragraph, finding_at
from drafter.resources import OrderRule, PhraseRule, WordingRules

_SENTENCE_END = re.compile("[。！？!?]")
_LIST_GLUE = re.compile('^[、，,和及与“”"\\s]{0,3}$')  # what may stand between the items of one list


def phrase_findings(paragraph: Paragraph, rules: list[PhraseRule]) -> list[Finding]:
    """Stale or wrong wording in one paragraph, by the phrase rules in force."""
    text = paragraph.text
    found = []
    for rule in rules:
        for m in rule.pattern.finditer(text):
            if rule.unless and rule.unless.search(_sentence_around(text, m.start(), m.end())):
                continue
            fix = m.expand(rule.fix) if rule.fix else None
            start, end = m.span("hit") if "hit" in rule.pattern.groupindex else m.span()
            found.append(finding_at(rule.id, rule.severity, paragraph, start, end, rule.message, fix))
    return found


def _sentence_around(text: str, start: int, end: int) -> str:
    before = [m.end() for m in _SENTENCE_END.finditer(text, 0, start)]
    after = _SENTENCE_END.search(text, end)
    return text[(before[-1] if before else 0) : (after.end() if after else len(text))]


def order_findings(paragraph: Paragraph, rule: OrderRule) -> list[Finding]:
    """A fixed formula (四个意识 …) whose items stand together in one list but out of order."""
    text = paragraph.text
    found = []
    for cluster in _lists(text, rule):
        order = [index for _, _, index in cluster]
        if len(set(order)) >= rule.min_items and order != sorted(order):
            start, end = cluster[0][0], cluster[-1][1]
            # Items that hold a 顿号 themselves (务必不忘初心、牢记使命) are joined by commas.
            joiner = "，" if any("、" in item[0] for item in rule.items) else "、"
            canonical = joiner.join(rule.items[i][0] for i in sorted(set(order)))
            message = f"“{rule.name}”的固定顺序是：{'、'.join(item[0] for item in rule.items)}"
            found.append(finding_at(rule.id, "error", paragraph, start, end, message, canonical))
    return found


def _lists(text: str, rule: OrderRule) -> list[list[tuple[int, int, int]]]:
    """Runs of the rule's items that stand next to each other, as (start, end, item index)."""
    pattern, index = _items_pattern(rule)
    hits = [(m.start(), m.end(), index[m.group(0)]) for m in pattern.finditer(text)]
    clusters: list[list[tuple[int, int, int]]] = []
    for hit in hits:
        if clusters and _LIST_GLUE.match(text[clusters[-1][-1][1] : hit[0]]):
            clusters[-1].append(hit)
        else:
            clusters.append([hit])
    return clusters


def _items_pattern(rule: OrderRule) -> tuple[re.Pattern[str], dict[str, int]]:
    """The pattern of a rule's items (longest variant first) and each variant's item index, made
    once a rule: drafting asks for them of every phrase it draws."""
    if rule.id not in _ITEMS:
        variants = sorted(((v, i) for i, item in enumerate(rule.items) for v in item), key=lambda x: -len(x[0]))
        _ITEMS[rule.id] = re.compile("|".join(re.escape(v) for v, _ in variants)), dict(variants)
    return _ITEMS[rule.id]


_ITEMS: dict[str, tuple[re.Pattern[str], dict[str, int]]] = {}


def wording_findings(paragraphs: list[Paragraph], rules: WordingRules, when: date) -> list[Finding]:
    in_force = rules.stale_on(when)
    found = []
    for paragraph in paragraphs:
        found += phrase_findings(paragraph, in_force)
        for rule in rules.orders:
            found += order_findings(paragraph, rule)
    return found
