"""Finding phrases by words: whole-query matches first, then phrases sharing most of the query's
words (Chinese is matched by character pairs, so 压实责任 finds 责任压实到人)."""

from __future__ import annotations

import re

from drafter.bank.model import Phrase

_TERMS = re.compile(r"[\s,，、;；。]+")


def search(rows: list[tuple], query: str, limit: int = 20) -> list[tuple[float, Phrase]]:
    """Phrases matching QUERY, best first: (score, phrase), score 0–100. ROWS are the bank's
    plain rows (Bank.rows()), scanned without making objects, so a large bank searches fast."""
    query = query.strip()
    terms = [t for t in _TERMS.split(query) if t]
    pairs = {t[i : i + 2] for t in terms for i in range(len(t) - 1)} or set(terms)
    needed = (len(pairs) + 1) // 2  # at least half of the query's words
    scored = []
    for row in rows:
        text = row[2]
        if query in text:
            scored.append((100.0 - min(len(text), 200) / 20, row))  # the whole query: shorter first
            continue
        shared = 0
        for pair in pairs:
            if pair in text:
                shared += 1
        if shared and shared >= needed:
            scored.append((80.0 * shared / len(pairs), row))
    scored.sort(key=lambda x: (-x[0], x[1][0]))
    return [(score, Phrase.from_row(row)) for score, row in scored[:limit]]
