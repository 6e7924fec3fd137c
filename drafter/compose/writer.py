"""Filling an outline: each section's points argued from the bank — a field task's point from
that task's own argument, then the field's sentences that share its words; a general point from
the sentences that share its words and theme — until the speech reaches its length."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from drafter.bank.layers import Bank
from drafter.compose.focus import FOCUS
from drafter.compose.framing import addressed, framing_paragraphs
from drafter.compose.genres import Genre, ParagraphPlan, load_genre
from drafter.compose.outline import Options, Outline, SectionOutline, genre_context, make_outline, plan_for
from drafter.compose.pool import FIELD_FIRST, GENRE_FIRST, Candidate, Pool, bigrams, strip_marker
from drafter.compose.style import plainer
from drafter.fields.catalogue import TASK_MOVES, Field, Task
from drafter.resources import compose_rules, structure_rules
from drafter.tree import Paragraph, Point, Section, Sentence, Speech

_MARKER_WORD = {"shi": "是", "yao": "要"}


@dataclass
class Draft:
    speech: Speech
    outline: Outline
    sources: dict[str, str]  # phrase id -> where it came from, for --explain


def draft(options: Options, bank: Bank, outline: Outline | None = None) -> Draft:
    """The speech: OUTLINE's (or a new outline's) headings and leads, kept as written, filled
    with the bank's phrases to about options.words characters."""
    if outline is None:
        genre = load_genre(options.genre, genre_context(options))
        plan = plan_for(options, bank, genre, options.meeting or genre.meeting)
        outline = make_outline(options, bank, plan)
    else:
        options = replace(options, topic=outline.topic, org=outline.org, words=outline.words, seed=outline.seed)
        genre = load_genre(outline.genre, genre_context(options))
        plan = plan_for(options, bank, genre, outline.meeting, outline.fields)
        outline.fields, outline.field_note = [f.name for f in plan.fields], plan.note
        _genre_plans(outline, genre)
        for section in outline.sections:  # the writer's headings and leads are not drawn again
            plan.pool.used_texts += [section.heading, *section.points]
        if plan.pool.focus:
            leads = (lead for s in outline.sections for lead in s.points)
            plan.pool.focus.chosen |= {plan.pool.lead_tasks[lead] for lead in leads if lead in plan.pool.lead_tasks}
    pool = plan.pool
    growing: list[_Growing] = []  # every point, as _section makes it
    sections = [_section(pool, s, n, options.topic, growing, plan.fields) for n, s in enumerate(outline.sections)]
    speech = Speech(
        title=outline.title,
        speaker=outline.speaker,
        date=outline.date,
        salutation="同志们：",
        opening=framing_paragraphs(pool, genre, genre.opening, options, len(outline.sections)),
        sections=sections,
        closing=addressed(framing_paragraphs(pool, genre, genre.closing, options, len(outline.sections))),
    )
    _fit_length(speech, pool, outline, growing)
    _in_order(speech, pool)
    _drop_empty(speech)
    plainer(speech)
    sources = {
        c.phrase.id: _source_label(c) for role in pool.candidates.values() for c in role if c.phrase.id in pool.used_ids
    }
    return Draft(speech, outline, sources)


def _source_label(c: Candidate) -> str:
    source = c.phrase.source
    return source if isinstance(source, str) else f"{source.file} 第{source.paragraph}段"


def _genre_plans(outline: Outline, genre: Genre) -> None:
    """An outline the writer edited: each section argued as its genre's section of the same role."""
    plans = {s.role: s for s in reversed(genre.sections)}
    for section in outline.sections:
        plan = plans.get(section.role)
        if plan is not None:
            section.paragraphs, section.lead_in = plan.paragraphs, plan.lead_in


_BODY_ROLES = {
    "heading.significance": ("body.claim", "body.demand"),
    "heading.situation": ("body.situation", "body.claim", "body.demand"),
}
_DEFAULT_BODY = ("body.demand", "body.measure", "body.claim")


@dataclass
class _Growing:
    """A paragraph being grown — a point's, or one of a section argued in paragraphs — with the
    sentences that would follow there, best first."""

    paragraph: Paragraph
    lead: str  # the point's lead ("" for a section's paragraph): no sentence opens as it does
    section: int
    ranked: list[Candidate]  # ranked once: the scores hold for the whole draft
    length: int = 0
    room: int | None = None  # how many more sentences it may take (None: as many as fit)
    general: bool = True  # whether general sentences may fill it when nothing closer is left
    lifts: int = 0  # how many times its room is lifted when everything else has said all it can
    asks: bool = False  # the writer's own point near no task: a gap for their measures follows


OWN_POINT_SENTENCES = 2  # a writer's point near no task: at most this many sentences, then a gap
GENERAL_POINT_SENTENCES = 1  # a general point in a field's speech, until the field has said all it can
GENRE_POINT_SENTENCES = 2  # a point of the genre's own (学习他们……的精神): what it means, what to do
LIFTS = 2  # times a paragraph or a point that took its few sentences may take more, when all else is said
GAP = "〔待补充：{}〕"


def _section(
    pool: Pool, outline: SectionOutline, index: int, topic: str, growing: list[_Growing], fields: list[Field]
) -> Section:
    """Section INDEX: its heading, then its points — each lead with the sentence that best
    follows it — or, a section the field argues in paragraphs, the first sentence of each
    paragraph; every paragraph joins GROWING, with its ranking of what may follow, for the
    length to be filled."""
    numerals = structure_rules().numerals
    roles = _roles(outline)
    heading = f"{numerals[index]}、{outline.heading}"
    if not outline.points:
        argued = _argued_paragraphs(pool, outline, index, topic)
        return Section(heading, [_start(pool, g, growing) for g in argued], [])
    paragraphs = [Paragraph([c.as_sentence()]) for c in _lead_in(pool, outline, topic)]
    own = all(lead in pool.genre_leads for lead in outline.points)  # the genre's own points speak for themselves
    if not paragraphs and not own and topic not in outline.heading:  # the topic stands in every section
        intro = pool.take(
            roles, lambda c: 8.0 * (topic in c.text) + 3.0 * (c.theme in outline.themes) - 99.0 * bool(c.task)
        )
        if intro is not None:
            paragraphs.append(Paragraph([intro.as_sentence()]))
    points = []
    for n, lead in enumerate(outline.points):
        point = _point(lead, n, outline.marker, numerals)
        grow = _argument(pool, lead, point.paragraphs[-1], index, roles, outline, topic, fields)
        # A task's point says at once what a short one must: where things stand, why, what to do.
        _start(pool, grow, growing, compose_rules().task_start if lead in pool.lead_tasks else 1)
        if grow.asks:  # the writer's own point near no task
            point.paragraphs[-1].sentences.append(Sentence(GAP.format(f"围绕“{lead}”的具体举措") + "。", "body.gap"))
        points.append(point)
    return Section(heading, paragraphs, points)


def _start(pool: Pool, grow: _Growing, growing: list[_Growing], sentences: int = 1) -> Paragraph:
    """GROW's paragraph with its first SENTENCES; GROW joins GROWING."""
    for _ in range(sentences):
        found = _next(grow, pool)
        if found is None:
            break
        _add(grow, found)
    growing.append(grow)
    return grow.paragraph


def _lead_in(pool: Pool, outline: SectionOutline, topic: str) -> list[Candidate]:
    """The sentences that open the section before its points, one of each lead-in role: the
    genre's own, then the field's (those of the draft's tasks first)."""
    found = []
    for role in outline.lead_in:

        def score(c: Candidate) -> float:
            own = (FIELD_FIRST + GENRE_FIRST) * pool.of_genre(c) + FIELD_FIRST * c.own_field + FOCUS * pool.keeps_to(c)
            return own + GENRE_FIRST * (topic in c.text) - 99.0 * bool(c.task) - 99.0 * pool.off_subject(c)

        sentence = pool.take((role,), score, at_least=0.0)
        if sentence is not None:
            found.append(sentence)
    return found


PARAGRAPH_CHANCE = 14.0  # how much the seed weighs in a paragraph's choice (score points)
AHEAD = 60.0  # a paragraph's first material comes before the rest, whatever the seed and words
SENTENCE_CHARS = 60  # about how long a sentence of a section argued in paragraphs runs


def _argued_paragraphs(pool: Pool, outline: SectionOutline, index: int, topic: str) -> list[_Growing]:
    """The paragraphs of a section argued without numbered points (its genre's paragraphs): the
    field's own sentences of each paragraph's roles and moves first (the genre's own where the
    paragraph says so), then those of tasks that lead no point of the draft; those sharing the
    topic's words before the rest. General sentences come only where written for the genre, or
    in a speech of no field."""
    rules = compose_rules()
    topic_words = bigrams(topic)
    leading = {pool.lead_tasks[text] for text in pool.used_texts if text in pool.lead_tasks}
    next_up = pool.focus.next_up(leading) if pool.focus else {}
    fields = pool.focus is not None
    plans = outline.paragraphs or _plain_paragraphs(outline)
    # Each paragraph's share of the sentences the section's length wants.
    scale = max(1.0, outline.words / SENTENCE_CHARS / max(1, sum(p.sentences for p in plans)))
    paragraphs = []
    for plan in plans:

        def score(c: Candidate, plan=plan) -> float:
            if c.task in leading or (plan.moves and (c.move or rules.default_move) not in plan.moves):
                return -1.0
            # General sentences: the genre's own where it comes first (not its points', not a seed
            # speech's scraps); in a speech of no field, any.
            if c.field is None:
                written = plan.genre_first and pool.of_genre(c) and (c.team or c.archive)
                if (fields and not written) or (c.theme and pool.of_genre(c)):
                    return -1.0
                genre = AHEAD * (plan.genre_first and pool.of_genre(c))
                return genre + 2.0 * ("〔待补充" in c.text) + 2.0 * bool(topic_words & c.words)
            if plan.genre_only:
                return -1.0
            # The field's own (the writer's archive first; drafter's old corpus after the team's),
            # then the tasks this seed would take next: seeds review different work.
            own = 1.5 * (c.task is None) + 9.0 * c.archive - 3.0 * c.corpus + 6.0 * next_up.get(c.task or "", 0.0)
            on = 0.5 * FOCUS * max(0.0, pool.keeps_to(c))  # (what keeps off the draft's tasks comes last)
            ahead = AHEAD if c.archive or not plan.genre_first else 0.0  # (the writer's own before the genre's)
            return ahead + own + on + 2.0 * ("〔待补充" in c.text) + 3.0 * len(topic_words & c.words)

        def chance(c: Candidate, score=score) -> float:  # the seed varies what the paragraph draws on
            found = score(c)
            return found + PARAGRAPH_CHANCE * pool.rng.random() if found >= 0 else found

        ranked = pool.rank(plan.roles, chance, at_least=0.0)
        if plan.genre_first:  # the writer's own and the genre's open the paragraph; the field's goes on
            ahead = [c for c in ranked if c.archive or c.field is None][: plan.sentences]
            first = {c.phrase.id for c in ahead}
            rest = [c for c in ranked if c.phrase.id not in first]
            ranked = ahead + [c for c in rest if c.field is not None] + [c for c in rest if c.field is None]
        # What speaks of the field's parts the draft leaves aside comes last, if at all.
        ranked = [c for c in ranked if not pool.off_subject(c)] + [c for c in ranked if pool.off_subject(c)]
        room = round(plan.sentences * scale)
        paragraphs.append(_Growing(Paragraph([]), "", index, ranked, room=room, general=False, lifts=LIFTS))
    return paragraphs


def _plain_paragraphs(outline: SectionOutline) -> tuple[ParagraphPlan, ...]:
    """A section whose points the writer took out and that its genre argues only in points: two
    paragraphs of what its points would say."""
    return (ParagraphPlan(_roles(outline)), ParagraphPlan(_roles(outline)))


def _of_field(c: Candidate) -> bool:
    """A sentence of the topic's field (the pool holds no other field's) that is no task's."""
    return c.field is not None and c.task is None


def _argument(
    pool: Pool,
    lead: str,
    paragraph: Paragraph,
    index: int,
    roles: tuple[str, ...],
    plan: SectionOutline,
    topic: str,
    fields: list[Field],
) -> _Growing:
    """The point of LEAD, to be grown in PARAGRAPH: a field task's own argument (never another
    task's, nor general filler); a general lead's sentences of its words and theme (in a field's
    speech, a few until the field has said all it can); a writer's own point near no task, at
    most two sentences of its words (its gap follows)."""
    from drafter.fields.resolve import nearest_task

    tasks = {t.id: t for f in fields for t in f.tasks}
    task = tasks.get(pool.lead_tasks.get(lead, ""))
    known = task is not None or lead in pool.lead_texts
    if task is not None:
        return _Growing(paragraph, lead, index, _task_ranked(pool, task, lead), general=False)
    near = nearest_task(lead, fields) if fields and lead not in pool.lead_themes else None
    if near is not None:  # the writer's own point, or their archive's: what of its task speaks of it
        words = bigrams(lead)
        ranked = [
            c
            for c in _task_ranked(pool, near.task, lead)
            if words & c.words or any(k in c.text for k in near.task.keywords)
        ]
        return _Growing(paragraph, lead, index, ranked, general=False)
    ranked = _bodies_ranked(pool, lead, roles, plan.themes, topic, index == 0) if known else []
    if lead in pool.genre_leads:  # the genre's own points (学习他们……的精神): argued by what was written for them
        theme = pool.lead_themes.get(lead)
        own = [c for c in ranked if pool.of_genre(c) and c.theme == theme]
        return _Growing(paragraph, lead, index, own, room=GENRE_POINT_SENTENCES, general=False, lifts=LIFTS)
    if known:
        room = GENERAL_POINT_SENTENCES if fields else None
        return _Growing(paragraph, lead, index, ranked, room=room, lifts=LIFTS * bool(fields))
    words = bigrams(lead)
    ranked = pool.rank(roles, lambda c: len(words & c.words) - 99.0 * bool(c.task), at_least=2.0)
    return _Growing(paragraph, lead, index, ranked, room=OWN_POINT_SENTENCES, general=False, asks=True)


def _task_ranked(pool: Pool, task: Task, lead: str) -> list[Candidate]:
    """The sentences that argue TASK: the writer's own mined sentences of its field that say what
    its lead and key words say (a writer's archive speaks first); then the task's own argument
    in the order a point takes it (compose.yaml: task_argument), the seed choosing among its
    wordings — of the situation what has been achieved before what is still wrong; then the
    field's sentences that share the lead's words."""
    own = [c for _, role in TASK_MOVES for c in pool.candidates.get(role, []) if c.task == task.id]
    pool.rng.shuffle(own)
    queues = {role: _alternating([c for c in own if c.phrase.role == role]) for _, role in TASK_MOVES}
    ordered = [queues[role].pop(0) for role in compose_rules().task_argument if queues[role]]
    words = bigrams(lead).union(*(bigrams(k) for k in task.keywords))
    # 食品安全 in a lead of the food field tells none of the team's sentences of it apart.
    telling = words - pool.focus.plain if pool.focus else words
    # Where things stand the task's own sentences say; the field's others argue and ask.
    roles = tuple(role for _, role in TASK_MOVES if role != "body.situation")
    related = pool.rank(roles, lambda c: len(words & c.words) if _of_field(c) else 0.0, at_least=2.0)
    mined = [
        c for c in related
        if c.archive and (len(words & c.words) >= MINED_SHARED or any(k in c.text for k in task.keywords))
    ]  # fmt: skip
    others = [c for c in related if c not in mined]
    close = [c for c in others if len(telling & c.words) >= 2]  # the rest only when these are said
    return mined + ordered + close + [c for c in others if c not in close]


MINED_SHARED = 2  # pairs a mined sentence shares with a task's lead and key words to argue it


def _alternating(situation: list[Candidate]) -> list[Candidate]:
    """What has been achieved, then what is still wrong, by turns (other roles keep their order)."""
    turns: dict[str | None, int] = {}
    keyed = []
    for c in situation:
        turns[c.move] = turns.get(c.move, 0) + 1
        keyed.append(((turns[c.move], c.move == "问题"), c))
    return [c for _, c in sorted(keyed, key=lambda kc: kc[0])]


def _next(grow: _Growing, pool: Pool) -> Candidate | None:
    """The next sentence of GROW's ranking that may follow in its paragraph (taken from the pool)."""
    if grow.room == 0:
        return None
    found = pool.take_first(grow.ranked, _unwanted_in(grow, pool))
    # The writer's own sentences fill a general point of their field beyond its few general ones.
    if found is not None and grow.room is not None and not (grow.general and found.archive):
        grow.room -= 1
    return found


def _point(lead: str, n: int, marker: str, numerals: list[str]) -> Point:
    """A point with its lead: a heading line of its own (（一）), or the first sentence of its
    paragraph (一要……。)."""
    if marker == "paren":
        return Point(f"（{numerals[n]}）{lead}", [Paragraph([])])
    text = f"{numerals[n]}{_MARKER_WORD[marker]}{lead}"
    return Point(text, [Paragraph([Sentence(text + "。", "point.lead")])])


def _add(grow: _Growing, found: Candidate) -> None:
    grow.paragraph.sentences.append(found.as_sentence())
    grow.length += len(found.text)


RELEVANT = 2.0  # a body sentence shares at least a word or the theme with its lead
GENRE_SHARED = 4  # pairs a genre's sentence shares with the lead of its theme it argues (half a short lead's)


def _bodies_ranked(
    pool: Pool, lead: str, roles: tuple[str, ...], themes: list[str], topic: str, first: bool
) -> list[Candidate]:
    """The sentences that would follow a general LEAD, best first: by the words and theme they
    share with it (and the topic, which keeps the section on its subject), the field's own
    sentences before general ones — in a speech's first section, those that leave a gap for the
    writer's figures first; never a field task's (they argue their own task)."""
    lead_theme = pool.lead_themes.get(lead)
    lead_words = bigrams(lead)
    telling = min(GENRE_SHARED, max(2, len(lead_words) // 2))

    def score(c: Candidate) -> float:
        if c.task is not None:
            return 0.0
        shared = len(lead_words & c.words)
        if c.theme is None and shared < 2:  # a sentence of no curated theme must say what the lead says
            return 0.0
        if pool.of_genre(c) and c.theme == lead_theme and shared < telling:
            return 0.0  # the genre's parallel points (学习他们……) share their theme: each argues its own lead
        same_theme = (6.0 + 6.0 * pool.of_genre(c)) if lead_theme and c.theme == lead_theme else 0.0
        in_section = 2.0 if c.theme in themes else 0.0
        own_field = 8.0 * (c.field is not None) + 3.0 * (c.field is not None and c.archive) - 6.0 * c.corpus
        # The field's sentences that keep to the draft's tasks first (any of the field's before general ones).
        own_field += (6.0 if first and "〔待补充" in c.text else 0.0) + 0.5 * FOCUS * max(0.0, pool.keeps_to(c))
        return same_theme + 2.0 * shared + in_section + 1.0 * (topic in c.text) + own_field

    return pool.rank(roles, score, at_least=RELEVANT)


def visible_length(speech: Speech) -> int:
    """Characters a reader sees, title to closing, punctuation in, spaces out (what Word counts
    as 字符数（不计空格）)."""
    from drafter.render.blocks import blocks

    return sum(len(re.sub(r"\s", "", b.text)) for b in blocks(speech))


def _fit_length(speech: Speech, pool: Pool, outline: Outline, growing: list[_Growing]) -> None:
    """Grow the points, each toward its section's share, by sentences that follow from their
    leads, until the speech reaches its length or nothing relevant is left."""
    target = outline.words
    length = visible_length(speech)
    have = [sum(g.length for g in growing if g.section == n) for n in range(len(outline.sections))]
    resting: list[_Growing] = []  # general points that took their few sentences
    while length < target:
        if not growing:  # the field has said all it can: its paragraphs, then the general points go on
            field_first = [g for g in resting if not g.general] or resting
            growing = field_first
            resting = [g for g in resting if g not in field_first]
            for grow in growing:  # a paragraph by a third again (no wall of text), a general point freely
                grow.room = None if grow.general else max(1, len(grow.paragraph.sentences) // 3)
                grow.lifts -= 1
            if not growing:
                break
        # The point of the section furthest below its share, the shortest point first.
        grow = max(growing, key=lambda g: (_share_gap(have[g.section], outline.sections[g.section]), -g.length))
        plan = outline.sections[grow.section]
        found = _next(grow, pool)
        if found is None and len(growing) == 1 and grow.general:
            # Long drafts, when nothing closely related is left anywhere: the team's sentences
            # (written for any topic) of the section's themes, then of any theme, then the rest.
            general = pool.rank(_roles(plan), _curated_first(plan.themes), at_least=0.0)
            found = pool.take_first(general, _unwanted_in(grow, pool))
        if found is None:
            growing.remove(grow)  # nothing relevant is left for it (or its room is taken)
            if grow.lifts and grow.room == 0:
                resting.append(grow)
            continue
        added = len(re.sub(r"\s", "", found.text))
        if length + added > target * 1.1:  # it would overshoot: the speech is long enough
            return
        _add(grow, found)
        length += added
        have[grow.section] += len(found.text)


def _roles(plan: SectionOutline) -> tuple[str, ...]:
    return _BODY_ROLES.get(plan.role, _DEFAULT_BODY)


def _in_order(speech: Speech, pool: Pool) -> None:
    """Each paragraph's sentences in the order an argument runs (compose.yaml): the situation
    (what has been achieved before what is still wrong), what it means, then what must be done.
    A point's lead stays first; sentences of one step keep the order they were chosen in."""
    rules = compose_rules()

    def place(sentence: Sentence) -> tuple[int, int]:
        if sentence.role == "point.lead":
            return -1, 0
        return rules.place_in_point(sentence.role, pool.moves.get(sentence.source or ""))

    for section in speech.sections:
        for paragraph in [*section.paragraphs, *(p for point in section.points for p in point.paragraphs)]:
            paragraph.sentences.sort(key=place)


def _drop_empty(speech: Speech) -> None:
    """Paragraphs that found nothing to say go (a point whose lead is a line of its own keeps
    its lead)."""
    for section in speech.sections:
        section.paragraphs = [p for p in section.paragraphs if p.sentences]
        for point in section.points:
            point.paragraphs = [p for p in point.paragraphs if p.sentences]


def _curated_first(themes: list[str]):
    """Score: the team's sentences of THEMES, then of any theme, then mined ones (no task's)."""
    return lambda c: -1.0 if c.task else (1.0 + 2.0 * (c.theme in themes)) if c.theme else 0.0


def _unwanted_in(grow: _Growing, pool: Pool) -> Callable[[Candidate], bool]:
    """What may not follow in GROW's paragraph: a move it made that a point makes once
    (compose.yaml), and a sentence that opens as one of its sentences, or its lead, does
    (要夯实基层基础 after 一要夯实基层基础)."""
    sentences = grow.paragraph.sentences
    once = compose_rules().once_moves & {pool.moves.get(s.source or "") for s in sentences}
    openers = {_opener(s.text) for s in sentences if s.source}
    if grow.lead:
        openers.add(_opener(strip_marker(grow.lead)))
    return lambda c: c.move in once or _opener(c.text) in openers


def _opener(text: str) -> str:
    return text.lstrip("要")[:4]


def _share_gap(have: int, plan: SectionOutline) -> float:
    """How far a section with HAVE characters in its points is below its share of the length
    (1 = empty, 0 = reached)."""
    want = plan.words or 1
    return (want - have) / want


def explained(result: Draft) -> Speech:
    """The draft with each sentence followed by the bank phrase it came from, and, before the
    opening, the fields it speaks for and why (--explain)."""
    from copy import deepcopy

    speech = deepcopy(result.speech)
    note = result.outline.field_note or "领域：没有找到主题所属的领域，按通用素材起草"
    speech.opening.insert(0, Paragraph([Sentence(f"〔{note}〕", "explain")]))
    for paragraph in speech.paragraphs():
        for sentence in paragraph.sentences:
            if sentence.source:
                sentence.text += f"〔{sentence.source}｜{result.sources.get(sentence.source, '')}〕"
    return speech
