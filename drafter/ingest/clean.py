"""Clean text read from real files: web-page chrome, scraper fragment numbers, masked names,
ASCII punctuation, stray spaces, and pages that ran a whole speech into one line.

Each step is a small function over lines; ``clean`` runs them in order. The patterns live in
drafter/data/cleaning.yaml and drafter/data/structure.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.dates import DATE
from drafter.ingest.readers import Line
from drafter.resources import CleaningRules, StructureRules, cleaning_rules, structure_rules

# Chinese characters and full-width punctuation: the neighbours that make ASCII punctuation
# Chinese, and between which a space is a stray.
CJK = "\u3400-\u9fff\uf900-\ufaff\u3001-\u303f\uff01-\uff60“”‘’《》〔〕…—"
_CJK_CHAR = re.compile(f"[{CJK}]")
FULL_WIDTH = {",": "，", ":": "：", ";": "；", "!": "！", "?": "？", "(": "（", ")": "）"}
ASCII_PUNCT_NEAR_CJK = re.compile(f"(?<=[{CJK}])[,:;!?()]|[,:;!?()](?=[{CJK}])")
_STRAY = re.compile("[\u200b-\u200d\u2060\ufeff\r]")
_SPACES = re.compile("[\t\u00a0\u2000-\u200a\u202f\u205f]")
_GAP = re.compile("[ \u3000]+")

# A space after one of these ends a paragraph in scraped text; before or after those, it is a stray.
SENTENCE_END = "。！？：…"
_CLOSERS = "”’」』）)"
_JOINS_BEFORE = "，、；：。！？）”’》"
_JOINS_AFTER = "，、（“‘《"
_MARKER_LINE_CHARS = 60
_LAST_SENTENCE = re.compile("[^。！？]*$")
_AFTER_SENTENCE_END = re.compile(f"(?<=[{SENTENCE_END}])(?=[一二三四五六七八九十（(第首其再然最0-9])")
_MARKER_LOOKAHEAD = 12  # a numbering marker is this short
FLATTENED_PARAGRAPHS = 3  # a line that held this many paragraphs was a page run together
_NAME_CHARS = 12  # a speaker's name (with a title such as 市委书记) before a date
DATE_AT_END = re.compile(f"^(?:{DATE.pattern})$")
_SALUTATION = re.compile("^同志们[：:]")  # a heading that a space separates from its body is at most this long


@dataclass(frozen=True)
class Placeholder:
    text: str
    paragraph: int  # index into the list of paragraphs searched
    offset: int
    context: str


def clean(lines: list[Line], repair: bool = True) -> list[Line]:
    """Run every cleaning step; returns the non-empty paragraphs of the text. Without REPAIR,
    the writer's own punctuation and masks stay as written (for `drafter check`, which reports
    them); page chrome, fragment numbers and lost paragraph breaks are still undone."""
    rules, markers = cleaning_rules(), structure_rules()
    lines = [Line(_SPACES.sub(" ", _STRAY.sub("", ln.text)), ln.style) for ln in lines]
    lines = join_fragments(lines, rules)
    lines = drop_chrome(lines, rules)
    out: list[Line] = []
    for line in lines:
        text = restore_masks(normalize_punctuation(line.text), rules) if repair else line.text
        paragraphs = split_at_gaps(text, markers)
        if len(paragraphs) >= FLATTENED_PARAGRAPHS or len(text) >= markers.flattened_line_chars:
            paragraphs = split_glued_markers(paragraphs, markers)
        out += [Line(p, line.style if i == 0 else None) for i, p in enumerate(paragraphs)]
    if out and rules.trailing_source.match(out[-1].text):  # "（京区党委）": the page's source
        out.pop()
    return out


def join_fragments(lines: list[Line], rules: CleaningRules) -> list[Line]:
    """Undo a scraper that cut a page into numbered chunks ("1、…", "2、…") mid-word: when the
    chunks run 1, 2, 3 … and most are cut mid-sentence, drop the numbers and rejoin them."""
    numbered = [(i, rules.fragment_marker.match(ln.text)) for i, ln in enumerate(lines) if ln.text.strip()]
    run: list[tuple[int, re.Match[str]]] = []
    for i, m in numbered:
        if m and int(m.group(1)) == len(run) + 1:
            run.append((i, m))
        elif len(run) < rules.fragment_min_chunks:
            run = [(i, m)] if m and m.group(1) == "1" else []
        else:
            break
    if len(run) < rules.fragment_min_chunks:
        return lines
    cuts = sum(1 for i, _ in run[:-1] if not _ends_sentence(lines[i].text.rstrip()))
    if cuts < rules.fragment_min_cut_share * (len(run) - 1):
        return lines
    first, last = run[0][0], run[-1][0]
    joined = "".join(lines[i].text[m.end() :].rstrip("\n") for i, m in run)
    return [*lines[:first], Line(joined, lines[first].style), *lines[last + 1 :]]


def _ends_sentence(text: str) -> bool:
    text = text.rstrip(_CLOSERS)
    return bool(text) and text[-1] in SENTENCE_END + ".!?;"


def drop_chrome(lines: list[Line], rules: CleaningRules) -> list[Line]:
    """Drop web-page chrome lines and site names after page titles."""
    kept = []
    for line in lines:
        text = line.text.strip()
        if len(text) <= rules.chrome_max_chars and any(p.search(text) for p in rules.chrome_lines):
            continue
        for suffix in rules.line_suffixes:
            text = suffix.sub("", text)
        kept.append(Line(text, line.style))
    return kept


def normalize_punctuation(text: str) -> str:
    """ASCII , : ; ! ? ( ) next to Chinese text become full-width; paired ASCII double quotes in
    Chinese text become “ ”. Curly quotes stay as they are."""
    text = ASCII_PUNCT_NEAR_CJK.sub(lambda m: FULL_WIDTH[m.group(0)], text)
    if '"' in text and text.count('"') % 2 == 0 and _CJK_CHAR.search(text):
        parts = text.split('"')
        text = "".join(p + ("“" if i % 2 == 0 else "”") for i, p in enumerate(parts[:-1])) + parts[-1]
    return text


def restore_masks(text: str, rules: CleaningRules) -> str:
    """Restore masked leader names where the context leaves no doubt (***总书记 → 习近平总书记)."""
    for r in rules.restore:
        text = r.pattern.sub(r.replace, text)
    return text


def split_at_gaps(text: str, markers: StructureRules) -> list[str]:
    """Remove stray spaces, and split where a space stands for a lost paragraph break: after the
    end of a sentence, after a heading, or a long run of spaces."""
    pieces = _GAP.split(text.strip(" \u3000"))
    gaps = _GAP.findall(text.strip(" \u3000"))
    paragraphs, current = [], pieces[0]
    for gap, piece in zip(gaps, pieces[1:]):
        if not piece or not current:
            current += piece
        elif _is_break(current, gap, piece, markers):
            paragraphs.append(current)
            current = piece
        elif current[-1].isascii() and piece[0].isascii() and current[-1].isalnum() and piece[0].isalnum():
            current += " " + piece  # a space between Latin words or numbers is real
        else:
            current += piece
    return [p for p in [*paragraphs, current] if p]


def _is_break(before: str, gap: str, after: str, markers: StructureRules) -> bool:
    if before[-1] in _JOINS_AFTER or after[0] in _JOINS_BEFORE:
        return False
    if _ends_sentence(before):
        return True
    if len(gap) >= 3 or gap.count("\u3000") >= 2:
        return True
    # A header run into one line: "…上的讲话 王强 2026年3月2日 同志们： 今天…"
    if markers.is_title_like(before) or DATE_AT_END.search(before) or _SALUTATION.match(after):
        return True
    if len(before) <= _NAME_CHARS and DATE.match(after):
        return True
    # "一、…的目标要求 学习教育的…": a heading line that lost its line break.
    tail = _LAST_SENTENCE.search(before).group(0)
    return len(tail) <= _MARKER_LINE_CHARS and _marker_family(tail, markers) is not None


def _marker_family(text: str, markers: StructureRules) -> tuple[str, int] | None:
    """(family, number) of the numbering marker TEXT opens with, or None."""
    m = markers.level1.match(text)
    if m:
        return "level1", markers.marker_number(m)
    for family, pattern in markers.level2.items():
        m = pattern.match(text)
        if m:
            return family, markers.marker_number(m)
    return None


def split_glued_markers(paragraphs: list[str], markers: StructureRules) -> list[str]:
    """In text run together from a page, "…的问题。三、切实加强…" hides a heading: split before a
    marker that follows a sentence end when it continues a numbering already begun (二 after 一)."""
    last: dict[str, int] = {}
    out: list[str] = []
    for paragraph in paragraphs:
        _count(paragraph, last, markers)
        start = 0
        for m in _AFTER_SENTENCE_END.finditer(paragraph):  # one regex pass: a 50 MB line stays fast
            i = m.start()
            found = _marker_family(paragraph[i : i + _MARKER_LOOKAHEAD], markers)
            if found and last.get(found[0], 0) + 1 == found[1]:
                out.append(paragraph[start:i])
                _count(paragraph[i : i + _MARKER_LOOKAHEAD], last, markers)
                start = i
        out.append(paragraph[start:])
    return out


def _count(paragraph: str, last: dict[str, int], markers: StructureRules) -> None:
    """Note the numbering marker a paragraph opens with; a new section restarts point numbers."""
    found = _marker_family(paragraph, markers)
    if found:
        if found[0] == "level1":
            last.clear()
        last[found[0]] = found[1]


def find_placeholders(paragraphs: list[str], context: int = 12) -> list[Placeholder]:
    """Every placeholder (×, XXX, **, 某某 …) left in the paragraphs, with where it stands."""
    pattern = cleaning_rules().placeholder
    found = []
    for n, text in enumerate(paragraphs):
        for m in pattern.finditer(text):
            left, right = max(0, m.start() - context), m.end() + context
            found.append(Placeholder(m.group(0), n, m.start(), text[left:right]))
    return found
