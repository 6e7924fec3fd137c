"""Reading files into clean paragraphs of text: readers (bytes → lines) and clean (lines → paragraphs)."""

from pathlib import Path

from drafter.ingest.clean import Placeholder, clean, find_placeholders
from drafter.ingest.readers import Line, decode, read_lines

__all__ = ["Line", "Placeholder", "clean", "decode", "find_placeholders", "read_lines", "read_paragraphs"]


def read_paragraphs(path: Path) -> list[Line]:
    """Read a .txt/.md/.docx file and clean it into paragraphs."""
    return clean(read_lines(path))
