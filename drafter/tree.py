"""The one tree every part of drafter shares: a Speech, made by the parser or the composer.

Imports nothing of the package, so that every module can use it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

# A sentence ends at one of these, together with any closing quotes or brackets that follow.
_SENTENCE = re.compile(r"[^。！？!?…]*(?:[。！？!?]+|…+)[”’」』）)]*|[^。！？!?…]+$")


def split_sentences(text: str) -> list[str]:
    """Split a paragraph into sentences, keeping every character (``"".join`` gives it back)."""
    return [m.group(0) for m in _SENTENCE.finditer(text) if m.group(0)]


@dataclass
class Sentence:
    text: str
    role: str | None = None
    source: str | None = None  # where a drafted sentence came from (a bank phrase id)


@dataclass
class Paragraph:
    sentences: list[Sentence] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str) -> Paragraph:
        return cls([Sentence(s) for s in split_sentences(text)])

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.sentences)


@dataclass
class Point:
    """A level-2 unit. ``lead`` is its marker and lead clause as written. When the lead opens the
    first paragraph (一要加强领导。要…), that paragraph holds it too; when the lead stands on a line
    of its own, the paragraphs hold only what follows."""

    lead: str
    paragraphs: list[Paragraph] = field(default_factory=list)

    @property
    def inline(self) -> bool:
        return bool(self.paragraphs) and self.paragraphs[0].text.startswith(self.lead)


@dataclass
class Section:
    heading: str | None
    paragraphs: list[Paragraph] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)


@dataclass
class Speech:
    title: str | None = None
    speaker: str | None = None
    date: str | None = None  # ISO, YYYY-MM-DD
    salutation: str | None = None
    opening: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    closing: list[Paragraph] = field(default_factory=list)

    def paragraphs(self) -> list[Paragraph]:
        """Every body paragraph in reading order (point leads on lines of their own excluded)."""
        out = list(self.opening)
        for section in self.sections:
            out += section.paragraphs
            for point in section.points:
                out += point.paragraphs
        return out + self.closing

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of the command-line contract (paragraphs as plain strings)."""
        return {
            "title": self.title,
            "speaker": self.speaker,
            "date": self.date,
            "salutation": self.salutation,
            "opening": _texts(self.opening),
            "sections": [
                {
                    "heading": s.heading,
                    "paragraphs": _texts(s.paragraphs),
                    "points": [{"lead": p.lead, "paragraphs": _texts(p.paragraphs)} for p in s.points],
                }
                for s in self.sections
            ],
            "closing": _texts(self.closing),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Speech:
        return cls(
            title=data.get("title"),
            speaker=data.get("speaker"),
            date=data.get("date"),
            salutation=data.get("salutation"),
            opening=_paragraphs(data.get("opening", [])),
            sections=[
                Section(
                    heading=s.get("heading"),
                    paragraphs=_paragraphs(s.get("paragraphs", [])),
                    points=[Point(p["lead"], _paragraphs(p.get("paragraphs", []))) for p in s.get("points", [])],
                )
                for s in data.get("sections", [])
            ],
            closing=_paragraphs(data.get("closing", [])),
        )

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=2)


def _texts(paragraphs: list[Paragraph]) -> list[str]:
    return [p.text for p in paragraphs]


def _paragraphs(texts: list[str]) -> list[Paragraph]:
    return [Paragraph.from_text(t) for t in texts]
