"""Text → Speech: split a file into speeches, read each one's header, body and closing."""

from __future__ import annotations

import re
from pathlib import Path

from drafter.errors import InputError
from drafter.ingest import Line, clean, read_lines
from drafter.resources import structure_rules
from drafter.structure.body import read_body
from drafter.structure.header import read_header, split_salutations, split_speeches
from drafter.tree import Speech

_CJK = re.compile("[\u3400-\u9fff]")
MIN_SPEECH_CHARS = 40  # fewer Chinese characters than this is no speech


def parse_lines(lines: list[Line]) -> list[Speech]:
    """Cleaned paragraphs → one Speech per speech they hold."""
    rules = structure_rules()
    lines = split_salutations([ln for ln in lines if ln.text], rules)
    speeches = []
    for part in split_speeches(lines, rules):
        header = read_header(part, rules)
        opening, sections, closing = read_body(header.body, rules)
        speech = Speech(header.title, header.speaker, header.date, header.salutation, opening, sections, closing)
        if _chinese_chars(speech) >= MIN_SPEECH_CHARS:
            speeches.append(speech)
    return speeches


def parse_text(text: str) -> list[Speech]:
    return parse_lines(clean([Line(t) for t in text.splitlines()]))


def parse_file(path: Path, repair: bool = True) -> list[Speech]:
    """Read, clean and parse a .txt/.md/.docx file; InputError when it holds no speech. Without
    REPAIR the text keeps the writer's punctuation and masks (see drafter.ingest.clean)."""
    speeches = parse_lines(clean(read_lines(path), repair))
    if not speeches:
        raise InputError(f"{path.name} 不像一篇讲话稿：其中几乎没有中文正文")
    return speeches


def _chinese_chars(speech: Speech) -> int:
    texts = [speech.title or ""] + [p.text for p in speech.paragraphs()]
    texts += [s.heading or "" for s in speech.sections] + [p.lead for s in speech.sections for p in s.points]
    return sum(len(_CJK.findall(t)) for t in texts)
