"""Speech → Markdown and plain text. Both read back into the same tree (drafter.structure)."""

from __future__ import annotations

import re

from drafter.render.blocks import blocks
from drafter.tree import Speech

_MD_SPECIAL = re.compile(r"([\\*_`#>\[\]])")
INDENT = "\u3000\u3000"  # two ideographic spaces: the first-line indent of Chinese plain text
_MD_PREFIX = {"title": "# ", "heading1": "## ", "heading2": "### "}
_FLUSH = ("title", "speaker", "date", "salutation")  # lines without the first-line indent


def to_markdown(speech: Speech) -> str:
    out = []
    for block in blocks(speech):
        if block.lead:
            out.append(f"**{_md(block.lead)}**{_md(block.text[len(block.lead) :])}")
        else:
            out.append(_MD_PREFIX.get(block.kind, "") + _md(block.text))
    return "\n\n".join(out) + "\n"


def to_text(speech: Speech) -> str:
    return "\n".join(b.text if b.kind in _FLUSH else INDENT + b.text for b in blocks(speech)) + "\n"


def _md(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)
