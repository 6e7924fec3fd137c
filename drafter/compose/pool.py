"""The phrases a draft may use: the bank's phrases that fit the topic (generic, or bound to this
topic; of its domain or of none), filled in (slots, the topic's own verb). A phrase is drawn only
when it is clean for the speech's date (no stale wording, no placeholder, no formula out of
order), and used once."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from drafter.bank.model import Phrase
from drafter.resources import compose_rules, role_rules, wording_rules

_SLOT_X = "{{ x }}"
_ENDS = "。！？”"
_PAIRS = re.compile("(?=([\u4e00-\u9fff]{2}))")  # every overlapping pair of Chinese characters
JITTER = 6.0
NEAR_DUPLICATE = 85  # rapidfuzz ratio: a phrase this close to one already used is not used again


class Candidate(NamedTuple):
    phrase: Phrase
    text: str  # filled in
    theme: str | None
    genres: frozenset[str]  # the genres it is written for (none: any)
    move: str | None  # a situation phrase's step in the argument (compose.yaml: moves)
    words: frozenset[str]  # its two-character words, for matching it to a lead


@dataclass
class TopicForm:
    """How the topic reads: its verb (开展/做好/推进) and the domains it belongs to."""

    topic: str
    verb: str
    domains: set[str]

    @classmethod
    def of(cls, topic: str) -> TopicForm:
        verb = compose_rules().verb_for(topic)
        domains = {d for d, pattern in role_rules().domains.items() if pattern.search(topic)}
        return cls(topic, verb, domains)


@dataclass
class Pool:
    candidates: dict[str, list[Candidate]]
    rng: random.Random
    used_ids: set[str] = field(default_factory=set)
    used_texts: list[str] = field(default_factory=list)
    lead_themes: dict[str, str] = field(default_factory=dict)  # a lead's words -> its curated theme
    moves: dict[str, str] = field(default_factory=dict)  # phrase id -> its move, where it has one
    day: date = field(default_factory=date.today)  # the speech's date: what wording is stale
    fit_ids: dict[str, bool] = field(default_factory=dict)  # phrase id -> fit to use, once checked

    @classmethod
    def build(cls, phrases: list[Phrase], values: dict[str, str], form: TopicForm, when: date, seed: int) -> Pool:
        from drafter.bank.schema import fill_slots

        verbs = compose_rules().verbs
        verb_before_topic = re.compile(f"({'|'.join(sorted(verbs, key=len, reverse=True))})(?={re.escape(form.topic)})")
        by_role: dict[str, list[Candidate]] = {}
        for phrase in phrases:
            tags = _tags(phrase)
            if not _fits(phrase, tags, form) or _SLOT_X in phrase.text:
                continue
            text = verb_before_topic.sub(form.verb, fill_slots(phrase.text, values))
            if phrase.role.startswith(("body.", "opening.", "closing.")) and text[-1] not in _ENDS:
                continue
            theme, move = (next(iter(tags.get(kind, ())), None) for kind in ("theme", "move"))
            candidate = Candidate(phrase, text, theme, frozenset(tags.get("genre", ())), move, frozenset(bigrams(text)))
            by_role.setdefault(phrase.role, []).append(candidate)
        lead_themes = {strip_marker(c.text): c.theme for c in by_role.get("point.lead", []) if c.theme}
        moves = {c.phrase.id: c.move for role in by_role.values() for c in role if c.move}
        return cls(by_role, random.Random(seed), lead_themes=lead_themes, moves=moves, day=when)

    def take(self, roles: tuple[str, ...], score=None, at_least: float | None = None) -> Candidate | None:
        """The best unused candidate of ROLES by SCORE, or None when none is left (or none
        scores AT_LEAST)."""
        return self.take_first(self.rank(roles, score, at_least))

    def rank(self, roles: tuple[str, ...], score=None, at_least: float | None = None) -> list[Candidate]:
        """The unused candidates of ROLES that score AT_LEAST, best first by SCORE (a function of
        the candidate; ties and near-ties broken by the seed). A ranking stays good while the
        pool is used: take_first passes over what has been used since."""
        options = [c for role in roles for c in self.candidates.get(role, []) if c.phrase.id not in self.used_ids]
        scored = [((score(c) if score else 0.0), c) for c in options]
        if at_least is not None:
            scored = [(s, c) for s, c in scored if s >= at_least]
        # The seed decides among candidates that score alike (within JITTER of each other).
        return [c for _, c in sorted(scored, key=lambda sc: -(sc[0] + JITTER * self.rng.random()))]

    def take_first(
        self, ranked: list[Candidate], unwanted: Callable[[Candidate], bool] | None = None
    ) -> Candidate | None:
        """The first of RANKED that is unused, says nothing nearly as a used sentence does, and
        is not UNWANTED where it would stand."""
        from rapidfuzz import fuzz, process

        for candidate in ranked:
            if candidate.phrase.id in self.used_ids or (unwanted and unwanted(candidate)) or not self.fit(candidate):
                continue
            if process.extractOne(candidate.text, self.used_texts, scorer=fuzz.ratio, score_cutoff=NEAR_DUPLICATE):
                continue
            self.use(candidate)
            return candidate
        return None

    def fit(self, candidate: Candidate) -> bool:
        """Whether CANDIDATE, filled in, holds no placeholder, no stale wording for the day and no
        formula out of order. Checked when a phrase is drawn (a draft draws a hundred of the
        bank's thousand phrases), and remembered."""
        known = self.fit_ids.get(candidate.phrase.id)
        if known is None:
            known = self.fit_ids[candidate.phrase.id] = not _flawed(candidate.text, self.day)
        return known

    def use(self, candidate: Candidate) -> None:
        self.used_ids.add(candidate.phrase.id)
        self.used_texts.append(candidate.text)


def _tags(phrase: Phrase) -> dict[str, list[str]]:
    """PHRASE's kind:value tags (theme:, genre:, domain:, move: …) as kind -> its values."""
    tags: dict[str, list[str]] = {}
    for tag in phrase.tags:
        kind, _, value = tag.partition(":")
        if value:
            tags.setdefault(kind, []).append(value)
    return tags


def _flawed(text: str, day: date) -> bool:
    """Whether a phrase, filled in, holds what `drafter check` reports for DAY: a placeholder or
    unfilled slot, stale wording, a formula out of order."""
    from drafter.check.findings import Paragraph
    from drafter.check.wording import wording_findings

    rules = wording_rules()
    return bool(rules.form.unfilled.search(text) or wording_findings([Paragraph(0, text, "body")], rules, day))


def _fits(phrase: Phrase, tags: dict[str, list[str]], form: TopicForm) -> bool:
    """Generic, or bound to this topic; of the topic's domains or of none."""
    if phrase.topics and form.topic not in phrase.topics:
        return False
    return set(tags.get("domain", ())) <= form.domains


_LEAD_MARKER = re.compile(
    "^([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[是要、]|第[一二三四五六七八九十]+[，、,]|首先|其次|再次|最后)"
)


def strip_marker(lead: str) -> str:
    """A lead as the writer may type it (一要加强领导。) → its words (加强领导)."""
    return _LEAD_MARKER.sub("", lead.strip()).strip("。；：！？，、 ").lstrip("要是") or lead.strip()


def bigrams(text: str) -> set[str]:
    return set(_PAIRS.findall(text))
