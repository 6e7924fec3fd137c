"""How drafted paragraphs read: real speeches do not open sentence after sentence with 要
(一要抓好排查。要……。要……。), so a sentence that would repeat the opener of the one before it says
what to do without it (wording.yaml: form.opener, the word `drafter check` counts too); and no
paragraph runs on for a page: a long one is set as two."""

from __future__ import annotations

from drafter.resources import wording_rules
from drafter.tree import Paragraph, Speech

SHORTEST_REST = 6  # characters a sentence keeps after its opener, else it keeps the opener
LONGEST_PARAGRAPH = 7  # sentences: a paragraph longer than this is set as two


def plainer(speech: Speech) -> None:
    """Every paragraph of SPEECH without runs of the same opener (a point's lead apart: 一要……。要……),
    and none too long."""
    for paragraph in speech.paragraphs():
        _plain(paragraph)
    for section in speech.sections:
        section.paragraphs = split_long(section.paragraphs)
        for point in section.points:
            point.paragraphs = split_long(point.paragraphs)


def _plain(paragraph: Paragraph) -> None:
    form = wording_rules().form
    before = False
    for sentence in paragraph.sentences:
        text = sentence.text
        opens = sentence.role != "point.lead" and text.startswith(form.opener) and not text.startswith(form.opener_keep)
        if opens and before and len(text) - len(form.opener) > SHORTEST_REST:
            sentence.text = text[len(form.opener) :]
        before = opens


def split_long(paragraphs: list[Paragraph]) -> list[Paragraph]:
    """PARAGRAPHS with each that runs past LONGEST_PARAGRAPH sentences set as two (or more), the
    sentences in their order."""
    out = []
    for paragraph in paragraphs:
        sentences = paragraph.sentences
        parts = -(-len(sentences) // LONGEST_PARAGRAPH)  # as few parts as keep each short enough
        size = -(-len(sentences) // parts) if sentences else 0
        out += [Paragraph(sentences[i : i + size]) for i in range(0, len(sentences), size or 1)] or [paragraph]
    return out
