"""Topic + options → an outline (from the genre's template, the topic's fields and the bank) →
a Speech.

The drafting path loads no mining code and no jieba: it reads the bank through its cache and
fills phrases in jinja2's sandbox."""

from drafter.compose.outline import (
    DEFAULT_ORG,
    MAX_WORDS,
    MIN_WORDS,
    Options,
    Outline,
    SectionOutline,
    make_outline,
    outline_from_file,
    outline_yaml,
)
from drafter.compose.writer import Draft, draft, explained, visible_length

__all__ = [
    "DEFAULT_ORG",
    "MAX_WORDS",
    "MIN_WORDS",
    "Draft",
    "Options",
    "Outline",
    "SectionOutline",
    "draft",
    "explained",
    "make_outline",
    "outline_from_file",
    "outline_yaml",
    "visible_length",
]
