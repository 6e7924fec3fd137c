"""The phrases a draft may use: the bank's phrases that fit the topic (generic, or bound to this
topic; of its domain or of none), filled in (slots, the topic's own verb). A phrase is drawn only
when it is clean for the speech's date (no stale wording, no placeholder, no formula out of
order), and used once."""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import NamedTuple

from drafter.bank.model import Phrase
from drafter.check.findings import four_character_phrases
from drafter.compose.focus import Focus
from drafter.fields.catalogue import Catalogue, Fact, Field, pairs
from drafter.resources import compose_rules, role_rules, wording_rules
from drafter.tree import Sentence

_ENDS = "。！？”"
JITTER = 6.0
FIELD_JITTER = 15.0  # a field's speech: its general sentences drawn more widely, so fields share few
NEAR_DUPLICATE = 85  # rapidfuzz ratio: a phrase this close to one already used is not used again
MINED_SHORTEST = 14  # characters: a mined sentence shorter than this says too little to stand in a draft


FIELD_FIRST = 30.0  # a field's own opening, heading or closing before any general one, whatever the seed
GENRE_FIRST = 20.0  # one written for the speech's genre before one for any genre


class Candidate(NamedTuple):
    phrase: Phrase
    text: str  # filled in
    theme: str | None
    genres: frozenset[str]  # the genres it is written for (none: any)
    move: str | None  # a situation phrase's step in the argument (compose.yaml: moves)
    words: frozenset[str]  # its two-character words, for matching it to a lead
    field: str | None  # the field it was written or mined for (none: any)
    task: str | None  # the field's task whose argument it makes
    archive: bool  # mined from the writer's own speeches (a bank of theirs, not drafter's corpus)

    def as_sentence(self) -> Sentence:
        """The sentence it stands as in a draft, its phrase named as its source."""
        return Sentence(self.text, self.phrase.role, self.phrase.id)

    @property
    def corpus(self) -> bool:
        """Mined for a field from drafter's own seed speeches (of another time and place)."""
        return self.field is not None and not self.archive and not isinstance(self.phrase.source, str)

    @property
    def team(self) -> bool:
        """Written by the team or the writer (not mined)."""
        return isinstance(self.phrase.source, str)

    @property
    def own_field(self) -> bool:
        """Of the topic's field (the pool holds no other field's), written by the team or the writer's."""
        return self.field is not None and not self.corpus


@dataclass
class TopicForm:
    """How the topic reads: its verb (开展/做好/推进), the domains and the fields it belongs to,
    and the words that tell a phrase speaks of some other field."""

    topic: str
    verb: str
    domains: set[str]
    fields: frozenset[str] = frozenset()
    foreign: dict[str, list[str]] = field(default_factory=dict)  # words only other fields use, by their first pair

    @classmethod
    def of(cls, topic: str, fields: list[Field] | None = None, catalogue: Catalogue | None = None) -> TopicForm:
        verb = compose_rules().verb_for(topic)
        domains = {d for d, pattern in role_rules().domains.items() if pattern.search(topic)}
        ids = frozenset(f.id for f in fields or [])
        return cls(topic, verb, domains, ids, _foreign_words(ids, catalogue) if catalogue and ids else {})

    def speaks_of_another_field(self, text: str, pairs: set[str]) -> bool:
        """Whether TEXT (with its character PAIRS) holds a word that only other fields use."""
        return any(word in text for pair in pairs & self.foreign.keys() for word in self.foreign[pair])


def _foreign_words(ids: frozenset[str], catalogue: Catalogue) -> dict[str, list[str]]:
    """The vocabulary that only fields other than IDS use (a phrase that holds it speaks of
    them), by each word's first pair of characters: a lookup, where one pattern of a thousand
    words would cost a draft more to compile than to use."""
    own = {w for fid in ids for w in catalogue.fields[fid].vocabulary}
    other = {w for f in catalogue.fields.values() if f.id not in ids for w in f.vocabulary}
    own_text = "\n".join(own)  # a word inside one of the fields' own words is theirs too
    index: dict[str, list[str]] = {}
    for word in sorted(other - own):
        if len(word) >= 2 and word not in own_text:
            index.setdefault(word[:2], []).append(word)
    return index


@dataclass
class Pool:
    candidates: dict[str, list[Candidate]]
    rng: random.Random
    used_ids: set[str] = field(default_factory=set)
    used_texts: list[str] = field(default_factory=list)
    lead_themes: dict[str, str] = field(default_factory=dict)  # a lead's words -> its curated theme
    lead_tasks: dict[str, str] = field(default_factory=dict)  # a field task's lead -> the task
    lead_texts: frozenset[str] = frozenset()  # every lead of the bank (else it is the writer's own)
    moves: dict[str, str] = field(default_factory=dict)  # phrase id -> its move, where it has one
    day: date = field(default_factory=date.today)  # the speech's date: what wording is stale
    fit_ids: dict[str, bool] = field(default_factory=dict)  # phrase id -> fit to use, once checked
    facts: tuple[Fact, ...] = ()  # the catalogue's dated facts: a phrase naming one not current is unfit
    focus: Focus | None = None  # what of its fields the draft speaks of (none: a topic of no field)
    genre: str = ""  # the speech's genre
    genre_leads: frozenset[str] = frozenset()  # the leads written for it (学习他们……的精神)
    own_roles: frozenset[str] = frozenset()  # roles whose phrases written for the genre come before the field's
    jitter: float = JITTER  # how far apart in score candidates may be for the seed to choose between them
    phrase_uses: Counter[str] = field(default_factory=Counter)  # four-character phrases used so far

    @classmethod
    def build(
        cls,
        rows: list[tuple],
        values: dict[str, str],
        form: TopicForm,
        when: date,
        seed: int,
        genre: str = "",
        facts: tuple = (),
        archive: frozenset[str] = frozenset(),
    ) -> Pool:
        """The pool of the bank's ROWS (Bank.rows()) that fit FORM and GENRE, filled in with
        VALUES; ARCHIVE: the ids of phrases mined from the writer's own speeches."""
        from drafter.bank.schema import fill_slots

        verbs = compose_rules().verbs
        # The verb a phrase puts before its {{ topic }} slot (not before the words of a field's own
        # sentence: 实施城市更新项目 stays as written).
        verb = "|".join(sorted(verbs, key=len, reverse=True))
        verb_before_topic = re.compile(f"({verb})(?=\\{{\\{{ ?topic ?\\}}\\}})")
        own_fields = {f"field:{f}" for f in form.fields}
        problems, collapse = compose_rules().problem_words, compose_rules().collapse
        by_role: dict[str, list[Candidate]] = {}
        own_genre = f"genre:{genre}"
        for row in rows:
            tags_of_row = row[3]
            if tags_of_row and tags_of_row[0].startswith("field:") and own_fields.isdisjoint(tags_of_row):
                continue  # most of a large bank is other fields' (field tags first): passed over unread
            team_genre = isinstance(row[5], str) and tags_of_row and tags_of_row[0].startswith("genre:")
            if team_genre and genre and own_genre not in tags_of_row:
                continue  # the team's words for other genres (genre tags first), passed over unread as well
            phrase = Phrase.from_row(row)
            tags = _tags(phrase)
            if not _fits(phrase, tags, form) or _unsaid(phrase.text, values):
                continue
            text = fill_slots(verb_before_topic.sub(form.verb, phrase.text), values)
            for word in collapse:
                text = text.replace(word + word, word)
            if phrase.role.startswith(("body.", "opening.", "closing.")) and (
                text[-1] not in _ENDS or (len(text) < MINED_SHORTEST and not isinstance(phrase.source, str))
            ):
                continue  # a fragment, or a mined scrap (层层负责抓落实。) that says nothing of its own
            pairs = bigrams(text)
            # A general phrase that speaks of another field is that field's (the team's words for
            # a genre, 中心组 of a study session, are no field's; a mined one's genre is its speech's).
            written_for_genre = "genre" in tags and isinstance(phrase.source, str)
            foreign = "field" not in tags and not written_for_genre and form.foreign
            if foreign and form.speaks_of_another_field(phrase.text, pairs):
                continue
            theme, move, field_id, task = (
                next(iter(tags.get(k, ())), None) for k in ("theme", "move", "field", "task")
            )
            if task and move is None and phrase.role == "body.situation":
                move = "问题" if problems.search(text) else "成绩"
            genres = frozenset(tags.get("genre", ()))
            if written_for_genre and genre and genre not in genres:  # a field's words for other genres
                continue
            candidate = Candidate(
                phrase, text, theme, genres, move, frozenset(pairs), field_id, task, phrase.id in archive
            )
            by_role.setdefault(phrase.role, []).append(candidate)
        leads = by_role.get("point.lead", [])
        lead_themes = {strip_marker(c.text): c.theme for c in leads if c.theme}
        lead_tasks = {strip_marker(c.text): c.task for c in leads if c.task}
        moves = {c.phrase.id: c.move for role in by_role.values() for c in role if c.move}
        # Drafts of different fields draw their general sentences differently, seed for seed.
        rng = random.Random(f"{seed}|{'+'.join(sorted(form.fields))}" if form.fields else seed)
        lead_texts = frozenset(strip_marker(c.text) for c in leads)
        genre_leads = frozenset(strip_marker(c.text) for c in leads if genre in c.genres)
        return cls(
            by_role, rng, lead_themes=lead_themes, lead_tasks=lead_tasks, lead_texts=lead_texts, moves=moves,
            day=when, facts=facts, genre=genre, genre_leads=genre_leads,
            jitter=FIELD_JITTER if form.fields else JITTER,
        )  # fmt: skip

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
        # The seed decides among candidates that score alike (within the jitter of each other).
        return [c for _, c in sorted(scored, key=lambda sc: -(sc[0] + self.jitter * self.rng.random()))]

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
            if self._overuses(candidate.text):
                continue
            self.use(candidate)
            return candidate
        return None

    def _overuses(self, text: str) -> bool:
        """Whether TEXT would use a four-character phrase as often as `drafter check` calls too
        often (新的一年，… for the fourth time)."""
        most = wording_rules().form.overused_phrase_times - 1
        return any(self.phrase_uses[p] >= most for p in four_character_phrases(text))

    def fit(self, candidate: Candidate) -> bool:
        """Whether CANDIDATE, filled in, holds no placeholder, no stale wording for the day and no
        formula out of order. Checked when a phrase is drawn (a draft draws a hundred of the
        bank's thousand phrases), and remembered."""
        known = self.fit_ids.get(candidate.phrase.id)
        if known is None:
            known = self.fit_ids[candidate.phrase.id] = not _flawed(candidate.text, self.day, self.facts)
        return known

    def of_genre(self, c: Candidate) -> bool:
        """Whether C was written for (or mined from) a speech of the draft's genre."""
        return self.genre in c.genres

    def genre_weight(self, c: Candidate) -> float:
        """What C gains for being written for the draft's genre: before any general phrase, and
        before the field's own where the genre's are its own move (Genre.own)."""
        if not self.of_genre(c):
            return 0.0
        return FIELD_FIRST + GENRE_FIRST if c.phrase.role in self.own_roles else GENRE_FIRST

    def keeps_to(self, c: Candidate) -> float:
        """Whether C speaks of the tasks the draft takes up (1), of none (0) or only of others (-1)."""
        return self.focus.keeps_to(c.phrase.id, c.text) if self.focus and c.field else 0.0

    def off_subject(self, c: Candidate) -> bool:
        """Whether C, in a draft on a part of its field, speaks only of parts the draft leaves aside."""
        focus = self.focus
        if focus is None or not focus.narrow or c.field is None:
            return False
        if c.task is not None:
            return c.task not in focus.named | focus.related | focus.chosen
        return self.keeps_to(c) < 0

    def use(self, candidate: Candidate) -> None:
        self.used_ids.add(candidate.phrase.id)
        self.used_texts.append(candidate.text)
        self.phrase_uses.update(four_character_phrases(candidate.text))


def _unsaid(text: str, values: dict[str, str]) -> bool:
    """Whether TEXT has a slot with nothing to say: a heading set's {{ x }} outside its set, a
    plan period no source covers for the date."""
    from drafter.bank.schema import slot_names

    return "{{" in text and any(not values.get(name) for name in slot_names(text))


def _tags(phrase: Phrase) -> dict[str, list[str]]:
    """PHRASE's kind:value tags (theme:, genre:, domain:, move: …) as kind -> its values."""
    tags: dict[str, list[str]] = {}
    for tag in phrase.tags:
        kind, _, value = tag.partition(":")
        if value:
            tags.setdefault(kind, []).append(value)
    return tags


def _flawed(text: str, day: date, facts: tuple[Fact, ...]) -> bool:
    """Whether a phrase, filled in, holds what `drafter check` reports for DAY: a placeholder or
    unfilled slot, stale wording, a formula out of order, a fact not current."""
    from drafter.check.facts import fact_findings
    from drafter.check.findings import Paragraph
    from drafter.check.wording import wording_findings

    rules = wording_rules()
    paragraphs = [Paragraph(0, text, "body")]
    return bool(
        rules.form.unfilled.search(text)
        or wording_findings(paragraphs, rules, day)
        or fact_findings(paragraphs, facts, day)
    )


def _fits(phrase: Phrase, tags: dict[str, list[str]], form: TopicForm) -> bool:
    """Generic, or bound to this topic; of the topic's domains or of none; of the topic's fields
    or of none."""
    if phrase.topics and form.topic not in phrase.topics:
        return False
    fields = tags.get("field")
    if fields and not form.fields.intersection(fields):
        return False
    return set(tags.get("domain", ())) <= form.domains


_LEAD_MARKER = re.compile(
    "^([（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+[是要、]|第[一二三四五六七八九十]+[，、,]|首先|其次|再次|最后)"
)


def strip_marker(lead: str) -> str:
    """A lead as the writer may type it (一要加强领导。) → its words (加强领导)."""
    return _LEAD_MARKER.sub("", lead.strip()).strip("。；：！？，、 ").lstrip("要是") or lead.strip()


bigrams = pairs  # a sentence's words, for matching it to a lead
