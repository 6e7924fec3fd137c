"""Form checks: placeholders and unfilled slots, numbering, repeated sentences and phrases,
punctuation."""

from __future__ import annotations

import re
from collections import Counter

from rapidfuzz import fuzz, process

from drafter.check.findings import FOUR, Finding, Paragraph, finding_at
from drafter.ingest.clean import ASCII_PUNCT_NEAR_CJK, FULL_WIDTH
from drafter.resources import FormSettings, StructureRules
from drafter.tree import split_sentences

_PAIRS = {"“": "”", "（": "）", "《": "》", "‘": "’", "〔": "〕"}
_CLOSING = {v: k for k, v in _PAIRS.items()}
_DOUBLED = re.compile("[，、；：。][，、；：。]")
_FAMILY_NAMES = {"shi": "一是", "yao": "一要", "di": "第一，", "paren": "（一）", "arabic": "1．", "level1": "一、"}
_IN_PARAGRAPH_FAMILIES = ("shi", "yao", "di")
_CLAUSE_START = re.compile("(?:^|(?<=[。！？；]))")
MAX_NEAR_DUPLICATE_SENTENCES = 3000
MARKER_LOOKAHEAD = 12  # a numbering marker is this short: look no further (a huge line stays fast)


def placeholder_findings(paragraphs: list[Paragraph], settings: FormSettings) -> list[Finding]:
    found = []
    for paragraph in paragraphs:
        for m in settings.unfilled.finditer(paragraph[1]):
            message = f"占位符或未填写的内容“{m.group(0)}”：请补上实际内容"
            found.append(finding_at("placeholder", "error", paragraph, m.start(), m.end(), message))
        for m in settings.gap.finditer(paragraph[1]):
            message = "待补充的内容：请补上实际情况、数字或名字"
            found.append(finding_at("gap", "warning", paragraph, m.start(), m.end(), message))
    return found


def numbering_findings(paragraphs: list[Paragraph], markers: StructureRules) -> list[Finding]:
    """一、二、三 run on without a gap; within a part, points run on and do not mix 一是 with 一要."""
    found = _sequence(paragraphs, markers, ["level1"], "numbering-level1", "一级标题")
    sections = _sections(paragraphs, markers)
    for section in sections:
        found += _sequence(section, markers, ["paren", "arabic"], "numbering-points", "二级标题")
        found += _sequence(section, markers, list(_IN_PARAGRAPH_FAMILIES), "numbering-points", "要点", restart=True)
        found += _mixed(section, markers)
    for paragraph in paragraphs:
        found += _inline_sequence(paragraph, markers)
    return found


def _marker(text: str, family: str, markers: StructureRules) -> int | None:
    pattern = markers.level1 if family == "level1" else markers.level2[family]
    m = pattern.match(text)
    return markers.marker_number(m) if m else None


def _sections(paragraphs: list[Paragraph], markers: StructureRules) -> list[list[Paragraph]]:
    sections: list[list[Paragraph]] = [[]]
    for paragraph in paragraphs:
        if _marker(paragraph[1], "level1", markers):
            sections.append([])
        sections[-1].append(paragraph)
    return sections


def _sequence(
    paragraphs: list[Paragraph],
    markers: StructureRules,
    families: list[str],
    rule: str,
    what: str,
    restart: bool = False,
) -> list[Finding]:
    found = []
    for family in families:
        last = 0
        for paragraph in paragraphs:
            number = _marker(paragraph[1], family, markers)
            if number is None:
                continue
            if number != last + 1 and not (restart and number == 1):
                expected = markers.numerals[last] if last < len(markers.numerals) else str(last + 1)
                message = f"{what}序号不连续：此处应为第{expected}项（{_FAMILY_NAMES[family]}一类），实际是第{number}项"
                found.append(finding_at(rule, "error", paragraph, 0, min(2, len(paragraph[1])), message))
            last = number
    return found


def _mixed(section: list[Paragraph], markers: StructureRules) -> list[Finding]:
    used = {f: p for p in reversed(section) for f in _IN_PARAGRAPH_FAMILIES if _marker(p[1], f, markers)}
    if len(used) < 2:
        return []
    names = "、".join(_FAMILY_NAMES[f] for f in used)
    paragraph = max(used.values())
    message = f"同一部分的要点序号混用了 {names}：请统一用一种"
    return [finding_at("numbering-mixed", "error", paragraph, 0, 2, message)]


def _inline_sequence(paragraph: Paragraph, markers: StructureRules) -> list[Finding]:
    """一是…二是…四是 inside one paragraph."""
    found = []
    for family in _IN_PARAGRAPH_FAMILIES:
        last = None  # the paragraph may continue a list begun in the one before
        for m in _CLAUSE_START.finditer(paragraph[1]):
            number = _marker(paragraph[1][m.start() : m.start() + MARKER_LOOKAHEAD], family, markers)
            if number is None:
                continue
            if last is not None and number not in (last + 1, 1):
                message = f"段内序号不连续：第{last}项之后是第{number}项"
                found.append(finding_at("numbering-inline", "error", paragraph, m.start(), m.start() + 2, message))
            last = number
    return found


def opener_findings(paragraphs: list[Paragraph], settings: FormSettings) -> list[Finding]:
    """Too many sentences opening with the same word (要……。要……。): one warning, at the paragraph
    that has the most of them."""
    opened: Counter[int] = Counter()
    total = 0
    for paragraph in paragraphs:
        if paragraph.kind != "body":
            continue
        for _, sentence in _sentences(paragraph.text):
            total += 1
            if sentence.startswith(settings.opener) and not sentence.startswith(settings.opener_keep):
                opened[paragraph.number] += 1
    share = sum(opened.values()) / total if total else 0.0
    if total < settings.opener_sentences or share <= settings.opener_share:
        return []
    worst = next(p for p in paragraphs if p.number == opened.most_common(1)[0][0])
    message = (
        f"全文 {share:.0%} 的句子以“{settings.opener}”开头（讲话稿一般在一成左右），读来像一串要求："
        "可直接以动词开头，或改用“必须”“各级各部门要”“把……作为……”“只有……才……”等句式"
    )
    return [finding_at("opener-overused", "warning", worst, 0, len(settings.opener), message)]


def repeat_findings(paragraphs: list[Paragraph], settings: FormSettings) -> list[Finding]:
    """The same sentence twice, sentences that nearly repeat each other, and four-character
    phrases used over and over."""
    sentences = [
        (paragraph, offset, sentence)
        for paragraph in paragraphs
        if paragraph.kind == "body"  # a heading may well repeat the opening's preview of it
        for offset, sentence in _sentences(paragraph.text)
        if len(sentence) >= settings.min_repeat_chars
    ]
    found = []
    seen: dict[str, int] = {}
    texts = [s for _, _, s in sentences]
    for i, (paragraph, offset, sentence) in enumerate(sentences):
        if sentence in seen:
            message = f"与第 {sentences[seen[sentence]][0][0]} 段的句子重复"
            found.append(finding_at("repeated-sentence", "warning", paragraph, offset, offset + len(sentence), message))
        else:
            seen[sentence] = i
    # Near-duplicates pair every sentence with every other: bounded, so that a huge file (no
    # speech has this many sentences) is checked in reasonable time; exact repeats are always found.
    for i, text in enumerate(texts[:MAX_NEAR_DUPLICATE_SENTENCES]):
        later = process.extract(
            text,
            texts[i + 1 : MAX_NEAR_DUPLICATE_SENTENCES],
            scorer=fuzz.ratio,
            score_cutoff=settings.near_duplicate_ratio,
            limit=None,
        )
        for other, _, k in later:
            if other != text:
                paragraph, offset, sentence = sentences[i + 1 + k]
                message = f"与第 {sentences[i][0][0]} 段的句子几乎相同：“{text[:20]}…”"
                found.append(
                    finding_at("near-duplicate", "warning", paragraph, offset, offset + len(sentence), message)
                )
    return found + _overused(paragraphs, settings)


def _sentences(text: str) -> list[tuple[int, str]]:
    out, offset = [], 0
    for sentence in split_sentences(text):
        out.append((offset, sentence))
        offset += len(sentence)
    return out


def _overused(paragraphs: list[Paragraph], settings: FormSettings) -> list[Finding]:
    counts: Counter[str] = Counter()
    found = []
    for paragraph in paragraphs:
        for m in FOUR.finditer(paragraph[1]):
            counts[m.group(1)] += 1
            if counts[m.group(1)] == settings.overused_phrase_times:
                message = f"四字短语“{m.group(1)}”已用了 {settings.overused_phrase_times} 次，可换个说法"
                found.append(finding_at("overused-phrase", "warning", paragraph, m.start(1), m.end(1), message))
    return found


def punctuation_findings(paragraphs: list[Paragraph]) -> list[Finding]:
    found = []
    for paragraph in paragraphs:
        text = paragraph[1]
        ascii_marks = list(ASCII_PUNCT_NEAR_CJK.finditer(text))
        if ascii_marks:  # one finding a paragraph: a scraped page has hundreds
            first = ascii_marks[0]
            marks = "".join(sorted({m.group(0) for m in ascii_marks}))
            fixes = "".join(FULL_WIDTH[c] for c in marks)
            message = f"本段中文里有 {len(ascii_marks)} 处半角标点（{marks}），应为全角（{fixes}）"
            found.append(
                finding_at("ascii-punctuation", "warning", paragraph, first.start(), first.end(), message, fixes)
            )
        for m in _DOUBLED.finditer(text):
            message = f"标点重复或连用不当：“{m.group(0)}”"
            found.append(finding_at("doubled-punctuation", "error", paragraph, m.start(), m.end(), message))
        found += _unmatched(paragraph)
    return found


def _unmatched(paragraph: Paragraph) -> list[Finding]:
    """Quotes and brackets left open, or closed without being opened, within a paragraph."""
    stack: list[tuple[str, int]] = []
    found = []
    for i, c in enumerate(paragraph[1]):
        if c in _PAIRS:
            stack.append((c, i))
        elif c in _CLOSING:
            if stack and stack[-1][0] == _CLOSING[c]:
                stack.pop()
            else:
                message = f"“{c}”没有对应的“{_CLOSING[c]}”"
                found.append(finding_at("unmatched-bracket", "error", paragraph, i, i + 1, message))
    for c, i in stack:
        message = f"“{c}”没有对应的“{_PAIRS[c]}”"
        found.append(finding_at("unmatched-bracket", "error", paragraph, i, i + 1, message))
    return found
