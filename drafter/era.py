"""What a speech says of its time (drafter/data/era.yaml): the five-year plan period its date
stands in, what its year is called, and how it names the Party's guidance — each only while
current, so that a draft dated 2026-12 speaks of “十五五” and one dated 2024-06 of “十四五”."""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import NamedTuple

from drafter.errors import DataError
from drafter.fields.catalogue import Fact
from drafter.resources import _date, _Fields, load_yaml

KINDS = ("plan", "year_name", "guidance")  # each is a slot of the bank's vocabulary (roles.yaml)


class Span(NamedTuple):
    value: str
    valid_from: date
    valid_until: date
    source: str


@cache
def era() -> dict[str, tuple[Span, ...]]:
    """Every kind's values with their spans, as era.yaml lists them."""
    data = _Fields("era.yaml", load_yaml("era.yaml"))
    found = {}
    for kind in KINDS:
        spans = []
        for n, item in enumerate(data.get(kind, list), 1):
            f = _Fields(f"era.yaml: {kind} {n}", item if isinstance(item, dict) else {})
            start, end = _date(f, "valid_from"), _date(f, "valid_until")
            if start is None or end is None:
                raise DataError(f"{f.name}: valid_from and valid_until are both needed")
            spans.append(Span(f.get("value", str), start, end, f.get("source", str)))
        found[kind] = tuple(spans)
    return found


def era_values(day: date) -> dict[str, str]:
    """The slot values for a speech given on DAY: each kind's current value, or "" where none is."""
    return {
        kind: next((s.value for s in spans if s.valid_from <= day <= s.valid_until), "")
        for kind, spans in era().items()
    }


def era_facts() -> tuple[Fact, ...]:
    """What a year is called, as dated facts for `drafter check`: “十五五”开局之年 in a speech of
    2027 is stale, in one of 2024 wrong."""
    return tuple(
        Fact(f"year-{n}", "formula", s.value, (s.value,), "era.yaml", s.valid_from.isoformat(), s.valid_from,
             s.valid_until, s.source)
        for n, s in enumerate(era()["year_name"], 1)
    )  # fmt: skip
