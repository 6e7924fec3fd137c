"""What a check reports: one Finding per problem, with where it stands in the speech."""

from __future__ import annotations

import re
from typing import NamedTuple

CONTEXT_CHARS = 15  # characters of context on each side of the offending text
# A four-character phrase standing alone between punctuation (not a quoted name: those repeat);
# `drafter check` counts them, and drafting keeps each below its limit.
FOUR = re.compile("(?:(?<=[，、。；：！？,;:!?])|^)([\u4e00-\u9fff]{4})(?=[，、。；：！？,;:!?]|$)")


def four_character_phrases(text: str) -> list[str]:
    """The four-character phrases standing alone in TEXT (新的一年，…)."""
    return FOUR.findall(text)


class Paragraph(NamedTuple):
    """A paragraph as the checks see it."""

    number: int  # 1-based, from the title
    text: str
    kind: str  # the block kind: title, body, heading1 …


class Finding(NamedTuple):
    rule: str
    severity: str  # error | warning
    paragraph: int  # 1-based, counting every line of the speech from its title
    offset: int  # characters into that paragraph
    text: str  # the offending text itself
    context: str
    message: str  # in Chinese, for the writer
    fix: str | None = None
    speech: int = 1  # which speech of the file (1-based)

    def to_dict(self) -> dict[str, object]:
        return self._asdict()


def finding_at(
    rule: str,
    severity: str,
    paragraph: tuple[int, str, str],
    start: int,
    end: int,
    message: str,
    fix: str | None = None,
) -> Finding:
    """A finding for PARAGRAPH's text[start:end] (paragraph: its 1-based number, its text, its kind)."""
    number, text = paragraph[0], paragraph[1]
    left, right = max(0, start - CONTEXT_CHARS), min(len(text), end + CONTEXT_CHARS)
    context = ("…" if left else "") + text[left:right] + ("…" if right < len(text) else "")
    return Finding(rule, severity, number, start, text[start:end], context, message, fix)
