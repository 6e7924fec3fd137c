"""A Speech laid out as the sequence of blocks every renderer writes, in reading order."""

from __future__ import annotations

from typing import NamedTuple

from drafter.tree import Paragraph, Speech


class Block(NamedTuple):
    kind: str  # title, speaker, date, salutation, body, heading1, heading2
    text: str
    lead: str = ""  # a body paragraph that opens with a point's lead: the lead and its punctuation
    part: str = "header"  # header, opening, section or closing: where the block stands


def date_line(iso: str) -> str:
    """ "2026-11-22" → "（2026年11月22日）", as the byline writes it."""
    year, month, day = (int(x) for x in iso.split("-"))
    return f"（{year}年{month}月{day}日）"


def blocks(speech: Speech) -> list[Block]:
    out = [Block("title", speech.title)] if speech.title else []
    out += [Block("speaker", speech.speaker)] if speech.speaker else []
    out += [Block("date", date_line(speech.date))] if speech.date else []
    out += [Block("salutation", speech.salutation)] if speech.salutation else []
    out += _body(speech.opening, "opening")
    for section in speech.sections:
        out += [Block("heading1", section.heading, part="section")] if section.heading else []
        out += _body(section.paragraphs, "section")
        for point in section.points:
            if point.inline:
                first = point.paragraphs[0].text
                lead = first[: len(point.lead) + 1] if len(first) > len(point.lead) else first
                out.append(Block("body", first, lead, "section"))
                out += _body(point.paragraphs[1:], "section")
            else:
                out.append(Block("heading2", point.lead, part="section"))
                out += _body(point.paragraphs, "section")
    return out + _body(speech.closing, "closing")


def _body(paragraphs: list[Paragraph], part: str) -> list[Block]:
    return [Block("body", p.text, part=part) for p in paragraphs]
