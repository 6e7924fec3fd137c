"""A speech's body: opening, level-1 sections (with their points) and closing."""

from __future__ import annotations

import re

from drafter.ingest import Line
from drafter.resources import StructureRules
from drafter.structure.points import build_points, find_points
from drafter.tree import Paragraph, Section

_TERMINATOR = re.compile("[。！？]")
_CLAUSE_END = re.compile("[，。！？；：,]")
MAX_HEADING_CHARS = 80  # a level-1 line longer than this carries body text too
MIN_HEADING_CHARS = 4
CLOSING_TAIL = 0.6  # a closing run into the last paragraph starts in its last 40%


def read_body(lines: list[Line], rules: StructureRules) -> tuple[list[Paragraph], list[Section], list[Paragraph]]:
    """(opening, sections, closing) of the lines below a speech's header."""
    lines, heads = _split_headings(lines, rules)
    if heads:
        opening = _paragraphs(lines[: heads[0]])
        sections = []
        for start, stop in zip(heads, [*heads[1:], len(lines)]):
            body = lines[start + 1 : stop]
            body, points = find_points(body, rules)
            paragraphs, built = build_points(body, points)
            sections.append(Section(lines[start].text, paragraphs, built))
    else:
        body, points = find_points(lines, rules)
        paragraphs, built = build_points(body, points)
        opening, paragraphs = (paragraphs, []) if built else ([], paragraphs)
        sections = [Section(None, paragraphs, built)] if paragraphs or built else []
    closing = _take_closing(sections, rules) if sections else []
    return opening, sections, closing


def _split_headings(lines: list[Line], rules: StructureRules) -> tuple[list[Line], list[int]]:
    """Indices of the level-1 headings (一、二、三… in order, or Word's Heading 1), each cut off any
    body text glued to it."""
    out: list[Line] = []
    heads: list[int] = []
    for line in lines:
        m = rules.level1.match(line.text)
        if line.style == "heading1" or (m and rules.marker_number(m) == len(heads) + 1):
            heading, rest = split_heading(line.text, rules)
            heads.append(len(out))
            out += [Line(heading, "heading1")] + ([Line(rest)] if rest else [])
        else:
            out.append(line)
    return out, heads


def split_heading(text: str, rules: StructureRules) -> tuple[str, str]:
    """ "一、深刻领会…的重要意义今年以来，习近平总书记…" → the heading and the body glued to it."""
    terminators = [m.start() for m in _TERMINATOR.finditer(text)]
    if len(text) <= MAX_HEADING_CHARS and not terminators:
        return text, ""  # a heading line of its own
    clause = text[: _CLAUSE_END.search(text).start()] if _CLAUSE_END.search(text) else text
    cut = _glue_point(clause, rules)
    if cut is None and len(text) <= MAX_HEADING_CHARS and terminators == [len(text) - 1]:
        return text, ""  # "一、提高认识，统一思想。"
    if cut is None:
        cut = terminators[0] + 1 if terminators else len(clause)
    return text[:cut], text[cut:]


def _glue_point(clause: str, rules: StructureRules) -> int | None:
    """Where a heading ends inside CLAUSE: before a body opener, else after a heading word."""
    floor = MIN_HEADING_CHARS + 2  # the marker and a few words stay with the heading
    openers = [clause.find(w, floor) for w in rules.body_openers if clause.find(w, floor) > 0]
    if openers:
        return min(openers)
    ends = [clause.rfind(w) + len(w) for w in rules.heading_end_words if clause.rfind(w) >= floor]
    ends = [e for e in ends if len(clause) - e >= 2]
    return max(ends) if ends else None


def _take_closing(sections: list[Section], rules: StructureRules) -> list[Paragraph]:
    """The closing starts at the first paragraph of the last section, after its last point's
    lead, that opens the way closings do (同志们，… / 总之，… / 让我们…). Where a scraper ran the
    closing into the last paragraph, it starts at such a sentence in that paragraph's last part."""
    last = sections[-1]
    holder = last.points[-1].paragraphs if last.points else last.paragraphs
    skip = 1 if holder and (not last.points or last.points[-1].inline) else 0
    for i in range(skip, len(holder)):
        if rules.closing_start.match(holder[i].text):
            closing = holder[i:]
            del holder[i:]
            return closing
    if holder and (cut := _closing_inside(holder[-1], rules)):
        holder[-1], closing = Paragraph(holder[-1].sentences[:cut]), Paragraph(holder[-1].sentences[cut:])
        return [closing]
    return []


def _closing_inside(paragraph: Paragraph, rules: StructureRules) -> int | None:
    """Index of a closing sentence in the final part of PARAGRAPH, if one is there."""
    total, seen = len(paragraph.text), 0
    for i, sentence in enumerate(paragraph.sentences):
        if i and seen >= total * CLOSING_TAIL and rules.closing_start.match(sentence.text):
            return i
        seen += len(sentence.text)
    return None


def _paragraphs(lines: list[Line]) -> list[Paragraph]:
    return [Paragraph.from_text(ln.text) for ln in lines if ln.text]
