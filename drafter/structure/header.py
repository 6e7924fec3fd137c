"""The lines above a speech's body: title, speaker, date and salutation; and where one speech of a
file ends and the next begins."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.dates import DATE, iso, parse_date_line
from drafter.ingest import Line
from drafter.resources import BRACKET_NOTE, MAX_TITLE_CHARS, SENTENCE_PUNCT, TRAILING_NUMBER, StructureRules

_NAME = re.compile(r"^[\u3400-\u9fff·•]{2,12}$|^[\u3400-\u9fff]{2,10}\s[\u3400-\u9fff·]{2,4}$")
MAX_HEADER_LINES = 5  # title, subtitle, speaker, date, salutation


@dataclass
class Header:
    title: str | None = None
    speaker: str | None = None
    date: str | None = None
    salutation: str | None = None
    body: list[Line] = field(default_factory=list)


def split_salutations(lines: list[Line], rules: StructureRules) -> list[Line]:
    """ "…动员讲话同志们：" and "同志们：今天…": a salutation glued to the line before or after it
    gets a line of its own."""
    words = "(?:" + "|".join(map(re.escape, rules.salutations)) + ")"
    glued_after = re.compile(f"^(.+?)({words}[：:，,！!]?)$")  # "…动员讲话同志们："
    glued_before = re.compile(f"^({words}[：:])(.+)$")  # "同志们：今天…" (a comma here opens a closing)
    out = []
    for line in lines:
        m = glued_after.match(line.text) if len(line.text) <= MAX_TITLE_CHARS else None
        m = m if m and rules.is_title_like(m.group(1)) else glued_before.match(line.text)
        if m:
            out += [Line(m.group(1), line.style), Line(m.group(2))]
        else:
            out.append(line)
    return out


def title_key(text: str, rules: StructureRules) -> str | None:
    """The title a line gives, without a bracketed speaker; None if the line is no title."""
    if rules.is_title_like(text):
        return BRACKET_NOTE.sub("", text)
    return None


def split_speeches(lines: list[Line], rules: StructureRules) -> list[list[Line]]:
    """One list of lines per speech. A speech starts at a title line; the same title repeated
    (page title, then article title) starts no new speech. Lines above the first title are page
    matter and dropped, unless they hold body text: then they are a speech of their own. Without
    any title line, the whole text is one speech."""
    starts: list[int] = []
    key, has_body = None, False
    for i, line in enumerate(lines):
        k = title_key(line.text, rules) or (line.text if line.style == "title" else None)
        if k is None:
            has_body = has_body or len(line.text) > MAX_TITLE_CHARS or bool(SENTENCE_PUNCT.search(line.text))
        elif not starts or (k != key and has_body):
            if not starts and has_body:  # text before the first title is a speech of its own
                starts.append(0)
            # "坚定理想信念 勇于担当作为" / "——在…上的讲话": the main title opens the speech
            subtitle = line.text.startswith("——") and i > 0 and _is_short_line(lines[i - 1].text, rules)
            starts.append(i - 1 if subtitle else i)
            key, has_body = k, False
    if not starts:
        return [lines]
    return [lines[a:b] for a, b in zip(starts, [*starts[1:], len(lines)])]


def _is_short_line(text: str, rules: StructureRules) -> bool:
    return len(text) <= MAX_TITLE_CHARS and not SENTENCE_PUNCT.search(text) and not rules.level1.match(text)


def read_header(lines: list[Line], rules: StructureRules) -> Header:
    """Take title, speaker, date and salutation off the top of one speech's lines."""
    header = Header()
    lines = _after_last_title(lines, rules)
    i = 0
    if lines and (title_key(lines[0].text, rules) or lines[0].style == "title" or _bare_title(lines, rules)):
        header.title, header.speaker = _title_and_speaker(lines[0].text, rules)
        i = 1
    while i < len(lines) and i < MAX_HEADER_LINES:
        text = lines[i].text
        if header.title and text.startswith("——") and len(text) <= MAX_TITLE_CHARS:
            header.title += text
        elif header.date is None and (date := parse_date_line(text)):
            header.date = date
        elif _is_salutation(text, rules):
            header.salutation = text[:-1] + "："
            i += 1
            break
        elif header.title and header.date is None and _NAME.match(text) and header.speaker in (None, text):
            header.speaker = text
        elif header.date is None and (m := DATE.match(text)):
            header.date = iso(m)  # "2016年4月21日党中央提出…": the date line lost its break
            lines = [*lines[:i], Line(text[m.end() :]), *lines[i + 1 :]]
            break
        else:
            break
        i += 1
    header.body = lines[i:]
    return header


def _after_last_title(lines: list[Line], rules: StructureRules) -> list[Line]:
    """A page may repeat its title (page title, article title, title in the text) with an editor's
    note between: the speech proper starts at the last repetition. Speakers named in earlier
    copies ("…讲话（刘伟平）") are kept on the copy that is used."""
    if not lines:
        return lines
    key = title_key(lines[0].text, rules)
    if key is None:
        return lines
    last = 0
    for i, line in enumerate(lines[1:], 1):
        if title_key(line.text, rules) == key:
            last = i
        elif rules.level1.match(line.text) or _is_salutation(line.text, rules):
            break
    if last and BRACKET_NOTE.search(lines[0].text) and not BRACKET_NOTE.search(lines[last].text):
        return [Line(lines[0].text, lines[last].style), *lines[last + 1 :]]
    return lines[last:]


def _bare_title(lines: list[Line], rules: StructureRules) -> bool:
    """A short first line without sentence punctuation, followed by header lines, is a title even
    when it does not end in 讲话 (a thematic title such as "坚定理想信念 勇于担当作为")."""
    if len(lines) < 2 or not _is_short_line(lines[0].text, rules):
        return False
    nxt = lines[1].text
    return nxt.startswith("——") or bool(_NAME.match(nxt)) or _is_salutation(nxt, rules) or bool(parse_date_line(nxt))


def _title_and_speaker(text: str, rules: StructureRules) -> tuple[str, str | None]:
    m = BRACKET_NOTE.search(text)
    speaker = None
    if m and m.group(1) not in rules.title_notes and not parse_date_line(m.group(0)) and _NAME.match(m.group(1)):
        speaker, text = m.group(1), text[: m.start()]
    if rules.is_title_like(text):
        text = TRAILING_NUMBER.sub("", text) if not text.endswith("）") else text
    return text, speaker


def _is_salutation(text: str, rules: StructureRules) -> bool:
    return len(text) >= 2 and text[-1] in "：:，,！!" and text[:-1] in rules.salutations
