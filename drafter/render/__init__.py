"""Speech → files: Word in the official layout, Markdown, plain text, and PDF through LibreOffice."""

from __future__ import annotations

from pathlib import Path

from drafter.errors import UsageError
from drafter.files import atomic_write_bytes, atomic_write_text
from drafter.resources import layouts
from drafter.tree import Speech

FORMATS = ("docx", "md", "txt", "pdf")


def output_format(path: Path, fmt: str | None = None) -> str:
    """The format to write: FMT when given, else told by PATH's suffix."""
    chosen = (fmt or path.suffix.lstrip(".")).lower()
    chosen = {"markdown": "md", "text": "txt"}.get(chosen, chosen)
    if chosen not in FORMATS:
        raise UsageError(f"不支持的输出格式“{chosen or path.name}”：请用 .docx、.md、.txt 或 .pdf")
    return chosen


def render(
    speech: Speech, path: Path, fmt: str | None = None, layout: str = "official", reference: Path | None = None
) -> Path:
    """Write SPEECH to PATH as FMT (from PATH's suffix by default); returns PATH."""
    chosen = output_format(path, fmt)
    if layout not in layouts():
        raise UsageError(f"没有名为“{layout}”的版式：可选 {'、'.join(layouts())}")
    if chosen == "md":
        from drafter.render.text import to_markdown

        atomic_write_text(path, to_markdown(speech))
    elif chosen == "txt":
        from drafter.render.text import to_text

        atomic_write_text(path, to_text(speech))
    else:
        from drafter.render.docx import docx_bytes

        data = docx_bytes(speech, layouts()[layout], reference, for_libreoffice=chosen == "pdf")
        if chosen == "docx":
            atomic_write_bytes(path, data)
        else:
            from drafter.render.pdf import docx_to_pdf

            docx_to_pdf(data, path)
    return path
