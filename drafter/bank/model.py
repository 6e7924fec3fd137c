"""What a phrase bank holds: phrases (one sentence pattern each, with Jinja2 slots) and speech
skeletons (the sequence of section roles a real speech used)."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any, NamedTuple

CURATED = "curated"  # the source of a phrase the team wrote


class Source(NamedTuple):
    """Where a mined phrase stands: file, paragraph (1-based, from the title) and offset."""

    file: str
    paragraph: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {"file": self.file, "paragraph": self.paragraph, "offset": self.offset}


@dataclass
class Phrase:
    id: str
    role: str
    text: str  # with Jinja2 slots from the fixed vocabulary
    tags: list[str] = field(default_factory=list)  # genre:…, domain:…, marker:… (free words too)
    topics: list[str] = field(default_factory=list)  # empty: generic; else the topics it fits
    source: Source | str = CURATED

    def to_dict(self) -> dict[str, Any]:
        source = self.source.to_dict() if isinstance(self.source, Source) else self.source
        return {
            "id": self.id,
            "role": self.role,
            "text": self.text,
            "tags": list(self.tags),
            "topics": list(self.topics),
            "source": source,
        }

    def to_row(self) -> tuple[Any, ...]:
        """A plain tuple (for the bank cache: tuples load many times faster than objects)."""
        source = (
            (self.source.file, self.source.paragraph, self.source.offset)
            if isinstance(self.source, Source)
            else self.source
        )
        return (self.id, self.role, self.text, tuple(self.tags), tuple(self.topics), source)

    @classmethod
    def from_row(cls, row: tuple[Any, ...]) -> Phrase:
        pid, role, text, tags, topics, source = row
        return cls(pid, role, text, list(tags), list(topics), source if isinstance(source, str) else Source(*source))

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Phrase:
        source = data.get("source", CURATED)
        if isinstance(source, dict):
            source = Source(str(source["file"]), int(source["paragraph"]), int(source["offset"]))
        return cls(
            id=str(data["id"]),
            role=str(data["role"]),
            text=str(data["text"]),
            tags=[str(t) for t in data.get("tags") or []],
            topics=[str(t) for t in data.get("topics") or []],
            source=source,
        )


@dataclass
class Skeleton:
    """The outline a real speech followed: its sections' roles and how many points each had."""

    id: str
    genre: str
    sections: list[str]
    points: list[int]
    source: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "genre": self.genre,
            "sections": self.sections,
            "points": self.points,
            "source": self.source,
        }


def phrase_id(role: str, text: str) -> str:
    """A stable id: the role and a digest of the text, so re-mining gives the same ids."""
    return f"{role}-{hashlib.sha1(f'{role}|{text}'.encode()).hexdigest()[:8]}"
