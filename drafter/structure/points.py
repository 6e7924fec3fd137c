"""Level-2 points within one section: numbered (（一）, 一是, 一要, 第一，, 首先…), or unnumbered but
parallel (要及时跟进学。/ 要列出专题学。), or glued to their body by a scraper."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass

from drafter.ingest import Line
from drafter.resources import PointRules, StructureRules
from drafter.tree import Paragraph, Point, split_sentences

# Markers and leads are short: only this much of the text after a sentence start is looked at,
# so that a page run into one huge line is read in linear time.
LOOKAHEAD = 80
LEAD_END = re.compile("[。；：！？;:!?]")
_PUNCT = re.compile("[，。！？；：、,.!?;:]")
_QUOTED = re.compile("“[^“”]{0,12}”")
_CLAUSE_START = re.compile("(?:^|(?<=[。！？：；]))")


@dataclass
class PointStart:
    index: int  # line index within the section
    lead: str


def find_points(lines: list[Line], rules: StructureRules) -> tuple[list[Line], list[PointStart]]:
    """Where the points of a section start (the first method that finds any wins), with the lines
    re-cut where leads had been glued to their text."""
    starts = numbered_points(lines, rules) or unnumbered_points(lines, rules.unnumbered)
    if starts:
        return lines, starts
    lines, starts = inline_points(lines, rules)
    return (lines, starts) if starts else glued_points(lines, rules.glued)


def numbered_points(lines: list[Line], rules: StructureRules) -> list[PointStart]:
    """Lines opening with one family of markers numbered 1, 2, 3 … in order. Word's level-2
    heading style wins, then （一）（二） and 1. 2., the formal markers; among the in-paragraph
    families (一是, 一要, 第一，, 首先…) the longest run wins. Other families stay body text."""
    styled = [PointStart(i, ln.text) for i, ln in enumerate(lines) if ln.style == "heading2"]
    if styled:
        return styled
    runs = {family: _run(lines, family, rules) for family in [*rules.level2, "ordinal"]}
    runs = {family: run for family, run in runs.items() if len(run) >= 2}
    for formal in ("paren", "arabic"):  # the levels of GB/T 9704, before in-paragraph markers
        if formal in runs:
            return runs[formal]
    return max(runs.values(), key=len, default=[])


def _run(lines: list[Line], family: str, rules: StructureRules) -> list[PointStart]:
    run: list[PointStart] = []
    for i, line in enumerate(lines):
        number = _marker_number(line.text, family, rules)
        if number == len(run) + 1 or (number and family == "ordinal" and run and number > len(run)):
            run.append(_lead_of(i, line.text))
    return run


def inline_points(lines: list[Line], rules: StructureRules) -> tuple[list[Line], list[PointStart]]:
    """ "一要压实责任。…二要强化督查。…三要严格追责。…" run together in one paragraph of a section
    that has no other points: the paragraph is cut before each marker of the longest run."""
    best: tuple[int, list[int]] = (-1, [])
    for i, line in enumerate(lines):
        for family in [*rules.level2, "ordinal"]:
            cuts: list[int] = []
            for m in _CLAUSE_START.finditer(line.text):
                if _marker_number(line.text[m.start() : m.start() + LOOKAHEAD], family, rules) == len(cuts) + 1:
                    cuts.append(m.start())
            if len(cuts) >= 2 and len(cuts) > len(best[1]):
                best = (i, cuts)
    index, cuts = best
    if index < 0:
        return lines, []
    text = lines[index].text
    pieces = [text[a:b] for a, b in zip([0, *cuts], [*cuts, len(text)]) if text[a:b]]
    out = lines[:index] + [Line(p) for p in pieces] + lines[index + 1 :]
    first = index + (1 if cuts[0] > 0 else 0)
    return out, [_lead_of(first + n, out[first + n].text) for n in range(len(cuts))]


def _marker_number(text: str, family: str, rules: StructureRules) -> int | None:
    if family == "ordinal":
        for n, word in enumerate(rules.ordinal_words, 1):
            if text.startswith(word):
                # 首先 opens the run; 其次/再次/然后/最后 continue it in any order.
                return 1 if n == 1 else n
        return None
    m = rules.level2[family].match(text)
    return rules.marker_number(m) if m else None


def _lead_of(index: int, text: str) -> PointStart:
    """A lead runs to the first 。；：！？; a line without one is a lead line of its own."""
    m = LEAD_END.search(text)
    return PointStart(index, text[: m.start()] if m else text)


def unnumbered_points(lines: list[Line], rules: PointRules) -> list[PointStart]:
    """Short lines without sentence punctuation are sub-headings: points. Failing those,
    paragraphs opening with a short sentence parallel to its siblings' — same opening words, or
    one opening character when all are short — are points without numbers."""
    bare = [i for i, ln in enumerate(lines) if len(ln.text) <= rules.max_lead_chars and not LEAD_END.search(ln.text)]
    if len(bare) >= rules.min_points:
        return [PointStart(i, lines[i].text) for i in bare]
    leads: dict[int, str] = {}
    for i, line in enumerate(lines):
        sentences = split_sentences(line.text)
        if sentences and len(sentences[0]) <= rules.max_lead_chars and sentences[0][-1] in "。！":
            leads[i] = sentences[0]
    group = _parallel(leads, rules)
    return [PointStart(i, _lead_text(lines[i].text, leads[i])) for i in group]


def _lead_text(line: str, sentence: str) -> str:
    # A one-sentence paragraph is a lead line of its own: the lead is the whole line.
    return line if line == sentence else sentence[:-1]


def _parallel(leads: dict[int, str], rules: PointRules) -> list[int]:
    """The largest set of leads that share their opening words."""
    by_prefix = Counter(_shape(s)[: rules.min_shared_prefix] for s in leads.values())
    best: list[int] = []
    for prefix, count in by_prefix.items():
        if count >= rules.min_points and len(prefix) == rules.min_shared_prefix:
            best = max(best, [i for i, s in leads.items() if _shape(s).startswith(prefix)], key=len)
    if best:
        return sorted(best)
    by_first = Counter(s[0] for s in leads.values() if len(s) <= rules.short_lead_chars)
    for first, count in by_first.most_common(1):
        if count >= rules.min_points:
            return sorted(i for i, s in leads.items() if s[0] == first and len(s) <= rules.short_lead_chars)
    return []


def _shape(text: str) -> str:
    """Quoted words count as one slot: 要在“学”字上 and 要在“做”字上 open alike."""
    return _QUOTED.sub("□", text)


def glued_points(lines: list[Line], rules: PointRules) -> tuple[list[Line], list[PointStart]]:
    """ "…问题：要在“学”字上下苦功“两学一做”学是基础。…要在“做”字上出实招“两学一做”，做是关键。"
    A scraper lost the line breaks around these leads. Sentences that open alike at least
    min_points times are leads; where each ends is told by the length the leads share (a set of
    parallel headings has words of equal count), measured where an opening quote glues the body
    text on. Returns the lines re-cut so that each lead stands on a line of its own."""
    groups: dict[str, list[tuple[int, int]]] = {}
    for i, line in enumerate(lines):
        for m in _CLAUSE_START.finditer(line.text):
            shape = _shape(line.text[m.start() : m.start() + LOOKAHEAD])
            if len(shape) > rules.min_shared_prefix:
                groups.setdefault(shape[: rules.min_shared_prefix], []).append((i, m.start()))
    members = max(groups.values(), key=len, default=[])
    if len(members) < rules.min_points:
        return lines, []
    votes = Counter(n for i, at in members for n in _glue_lengths(lines[i].text[at : at + LOOKAHEAD], rules))
    if not votes or votes.most_common(1)[0][1] < 2:
        return lines, []
    length = votes.most_common(1)[0][0]
    leads = [_shape(lines[i].text[at : at + LOOKAHEAD])[:length] for i, at in members]
    if any(_PUNCT.search(lead) for lead in leads):  # a lead is a phrase, never a clause
        return lines, []
    cuts: dict[int, list[int]] = {}
    for i, at in members:
        cuts.setdefault(i, []).append(at)
    out: list[Line] = []
    starts: list[PointStart] = []
    for i, line in enumerate(lines):
        bounds = [0, *cuts.get(i, []), len(line.text)]
        for n, (a, b) in enumerate(itertools.pairwise(bounds)):
            piece = line.text[a:b]
            if n == 0:
                out += [Line(piece, line.style)] if piece else []
                continue
            rest = text_at_shape(piece, length)
            starts.append(PointStart(len(out), piece[: len(piece) - len(rest)]))
            out += [Line(piece[: len(piece) - len(rest)])] + ([Line(rest)] if rest else [])
    return out, starts


def _glue_lengths(text: str, rules: PointRules) -> list[int]:
    """Lead lengths (in shape units) at which an opening quote follows the lead directly."""
    shape = _shape(text)
    top = min(len(shape), rules.max_lead_chars + 1)
    return [n for n in range(rules.min_shared_prefix + 1, top) if text_at_shape(text, n).startswith("“")]


def text_at_shape(text: str, n: int) -> str:
    """TEXT after its first N shape units (a quoted span counts as one)."""
    pos = 0
    for _ in range(n):
        m = _QUOTED.match(text, pos)
        pos = m.end() if m else pos + 1
    return text[pos:]


def build_points(lines: list[Line], starts: list[PointStart]) -> tuple[list[Paragraph], list[Point]]:
    """Section paragraphs before the first point, and the points with their paragraphs."""
    texts = [ln.text for ln in lines]
    bounds = [s.index for s in starts] + [len(texts)]
    points = []
    for start, stop in zip(starts, bounds[1:]):
        own_line = texts[start.index] == start.lead
        points.append(Point(start.lead, _paragraphs(texts[start.index + own_line : stop])))
    return _paragraphs(texts[: bounds[0]]), points


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    return [Paragraph.from_text(t) for t in texts if t]
