"""The opening's and the closing's paragraphs: a sentence of each of the genre's framing roles,
the genre's and the field's own first; the opening names its topic and the number of sections
that follow, the closing addresses the audience (同志们，……)."""

from __future__ import annotations

import re

from drafter.compose.focus import FOCUS
from drafter.compose.genres import Genre
from drafter.compose.outline import Options
from drafter.compose.pool import FIELD_FIRST, GENRE_FIRST, Candidate, Pool
from drafter.era import era_values
from drafter.resources import compose_rules, structure_rules
from drafter.tree import Paragraph, Sentence

_TRANSITION_COUNT = re.compile("[一二两三四五六七八九几]+(?=(点|个方面))")


def framing_paragraphs(
    pool: Pool, genre: Genre, paragraphs: tuple[tuple[str, ...], ...], options: Options, sections: int
) -> list[Paragraph]:
    """The opening's or the closing's paragraphs, a sentence of each of their roles (none where the
    bank has nothing that fits): the opening names its topic, and its transition the number of
    the sections that follow."""
    era = [v for k, v in era_values(options.date).items() if v and k != "guidance"]  # the plan period
    said: list[Sentence] = []

    def score(c: Candidate, role: str) -> float:
        found = _framing(c, genre, options.topic, pool)
        if found < 0:
            return found
        if role == "opening.transition" and not any(options.topic in s.text for s in said):
            found += 2 * FIELD_FIRST * (options.topic in c.text)  # the opening names its topic, here if not before
        elif role == "opening.directive":  # the time the speech stands in, where it is known
            found += FIELD_FIRST * any(v in c.text for v in era)
        return found

    out = []
    for roles in paragraphs:
        sentences = []
        for role in roles:
            found = pool.take((role,), lambda c, role=role: score(c, role), at_least=0.0)
            if found is None:
                continue
            sentence = found.as_sentence()
            if role == "opening.transition":
                sentence.text = _TRANSITION_COUNT.sub(_count_word(sections), sentence.text, count=1)
            sentences.append(sentence)
            said.append(sentence)
        if sentences:
            out.append(Paragraph(sentences))
    return out


def addressed(closing: list[Paragraph]) -> list[Paragraph]:
    """CLOSING opening as closings do: 同志们，衷心希望…… (compose.yaml: closing_vocative)."""
    if closing and not structure_rules().closing_start.match(closing[0].text):
        first = closing[0].sentences[0]
        first.text = compose_rules().closing_vocative + first.text
    return closing


def _count_word(n: int) -> str:
    words = compose_rules().count_words
    return words[n - 1] if 1 <= n <= len(words) else str(n)


def _framing(c: Candidate, genre: Genre, topic: str, pool: Pool) -> float:
    """Score of an opening or closing sentence: none written for other genres, none of the
    field's parts the draft leaves aside; the field's own (the writer's archive among them first)
    and the genre's before general ones, those of the draft's tasks first, and those that leave the
    writer a gap where the genre wants one (Genre.gaps); the topic's name a plus."""
    if (c.genres and genre.id not in c.genres) or pool.off_subject(c):
        return -1.0
    own = FIELD_FIRST * c.own_field + pool.genre_weight(c) + 4.0 * c.archive + FOCUS * pool.keeps_to(c)
    # Where the genre's move needs the writer's own facts (受表彰的集体和个人, 上级最新部署).
    gap = GENRE_FIRST * (c.phrase.role in genre.gaps and "〔待补充" in c.text)
    return 4.0 + own + gap + 3.0 * (topic in c.text) - 0.02 * len(c.text)
