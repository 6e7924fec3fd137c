"""Topic + options → an outline (from the genre's template and the bank) → a Speech.

The drafting path loads no mining code and no jieba: it reads the bank through its cache and
fills phrases in jinja2's sandbox."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from drafter.bank.layers import Bank
from drafter.compose.genres import Genre, load_genre
from drafter.compose.pool import Candidate, Pool, TopicForm, bigrams, strip_marker
from drafter.errors import UsageError
from drafter.resources import compose_rules, parse_yaml, structure_rules, yaml_problem
from drafter.tree import Paragraph, Point, Section, Sentence, Speech

MIN_WORDS, MAX_WORDS = 500, 20000
DEFAULT_ORG = "全区"
_MARKER_WORD = {"shi": "是", "yao": "要"}
_TRANSITION_COUNT = re.compile("[一二两三四五六七八九几]+(?=(点|个方面))")
_OPENING_ORDER = ("opening.purpose", "opening.recap", "opening.affirm", "opening.background", "opening.transition")


@dataclass
class Options:
    topic: str
    genre: str = "work-meeting"
    org: str = DEFAULT_ORG
    speaker: str | None = None
    meeting: str | None = None
    date: date = field(default_factory=date.today)
    points: list[str] = field(default_factory=list)  # the writer's own key tasks
    words: int = 3000
    seed: int = 1

    def check(self) -> None:
        if not self.topic.strip():
            raise UsageError("请给出讲话的主题，例如：drafter draft 安全生产")
        if not MIN_WORDS <= self.words <= MAX_WORDS:
            raise UsageError(f"--words 应在 {MIN_WORDS} 到 {MAX_WORDS} 之间（讲话稿的字数），现在是 {self.words}")


@dataclass
class SectionOutline:
    heading: str  # without its number (一、)
    role: str
    marker: str
    words: int
    points: list[str]  # leads, without their markers
    themes: list[str] = field(default_factory=list)


@dataclass
class Outline:
    """The plan of a speech, for the writer to edit before it is filled."""

    topic: str
    genre: str
    title: str
    speaker: str | None
    date: str
    org: str
    meeting: str
    words: int
    seed: int
    sections: list[SectionOutline]

    def to_dict(self) -> dict[str, object]:
        return {
            "topic": self.topic,
            "genre": self.genre,
            "title": self.title,
            "speaker": self.speaker,
            "date": self.date,
            "org": self.org,
            "meeting": self.meeting,
            "words": self.words,
            "seed": self.seed,
            "sections": [
                {"heading": s.heading, "role": s.role, "marker": s.marker, "words": s.words, "points": s.points}
                for s in self.sections
            ],
        }


@dataclass
class Draft:
    speech: Speech
    outline: Outline
    sources: dict[str, str]  # phrase id -> where it came from, for --explain


def values_for(options: Options, meeting: str) -> dict[str, str]:
    """The slot values of the bank's vocabulary."""
    org = options.org
    unit = org[-1] if org else ""
    day = options.date
    return {
        "topic": options.topic,
        "org": org,
        "unit": unit,
        "meeting": meeting,
        "speaker": options.speaker or "",
        "date": f"{day.year}年{day.month}月{day.day}日",
    }


def _context(options: Options) -> dict[str, object]:
    return {
        "topic": options.topic,
        "org": options.org,
        "unit": options.org[-1:] if options.org else "",
        "meeting": options.meeting,
        "words": options.words,
        "tasks": options.points,
    }


def make_outline(options: Options, bank: Bank, pool: Pool | None = None) -> Outline:
    """Title, section headings and point leads from the genre and the bank (drawn from POOL
    when the draft that follows shares it)."""
    options.check()
    genre = load_genre(options.genre, _context(options))
    meeting = options.meeting or genre.meeting
    pool = pool or _pool(options, bank, meeting)
    body = options.words * BODY_SHARE
    sections = []
    for plan in genre.sections:
        heading = _heading(pool, plan.role, options.topic)
        leads = list(options.points) if plan.tasks and options.points else []
        while len(leads) < plan.points:
            taken = {pool.lead_themes.get(lead) for lead in leads}
            lead = _lead(pool, plan.themes, taken, options.topic)
            if lead is None:
                break
            leads.append(lead)
        sections.append(
            SectionOutline(heading, plan.role, plan.marker, round(body * plan.share), leads, list(plan.themes))
        )
    return Outline(
        topic=options.topic,
        genre=genre.id,
        title=genre.title,
        speaker=options.speaker,
        date=options.date.isoformat(),
        org=options.org,
        meeting=meeting,
        words=options.words,
        seed=options.seed,
        sections=sections,
    )


BODY_SHARE = 0.8  # of the length: the sections; the rest is title, opening and closing


def _pool(options: Options, bank: Bank, meeting: str) -> Pool:
    form = TopicForm.of(options.topic)
    return Pool.build(bank.phrases(), values_for(options, meeting), form, options.date, options.seed)


def _heading(pool: Pool, role: str, topic: str) -> str:
    found = pool.take((role,), lambda c: 5.0 * (topic in c.text) - len(c.text) / 40)
    if found is None:
        raise UsageError(f"素材库里没有可用的“{role}”标题：请用 drafter bank add 补充")
    return found.text


def _lead(pool: Pool, themes: list[str] | tuple[str, ...], taken: set[str | None], topic: str) -> str | None:
    """A point lead of the section's THEMES, one the section's other leads (of the themes TAKEN)
    do not already speak for."""

    def score(c: Candidate) -> float:
        themed = (2.0 if c.theme in taken else 6.0) if c.theme in themes else 0.0
        return themed - 0.15 * len(c.text) - (3.0 if topic in c.text and len(c.text) > 16 else 0.0)

    found = pool.take(("point.lead",), score)
    return strip_marker(found.text) if found else None


def draft(options: Options, bank: Bank, outline: Outline | None = None) -> Draft:
    """The speech: OUTLINE's (or a new outline's) headings and leads, kept as written, filled
    with the bank's phrases to about options.words characters."""
    if outline is None:
        genre = load_genre(options.genre, _context(options))
        pool = _pool(options, bank, options.meeting or genre.meeting)
        outline = make_outline(options, bank, pool)
    else:
        options = replace(options, topic=outline.topic, org=outline.org, words=outline.words, seed=outline.seed)
        genre = load_genre(outline.genre, _context(options))
        pool = _pool(options, bank, outline.meeting)
        for section in outline.sections:  # the writer's headings and leads are not drawn again
            pool.used_texts += [section.heading, *section.points]
    growing: list[_Growing] = []  # every point, as _section makes it
    speech = Speech(
        title=outline.title,
        speaker=outline.speaker,
        date=outline.date,
        salutation="同志们：",
        opening=_opening(pool, genre, options, len(outline.sections)),
        sections=[_section(pool, s, n, options.topic, growing) for n, s in enumerate(outline.sections)],
        closing=_closing(pool, genre, options.topic),
    )
    _fit_length(speech, pool, outline, growing)
    _in_order(speech, pool)
    sources = {
        c.phrase.id: _source_label(c) for role in pool.candidates.values() for c in role if c.phrase.id in pool.used_ids
    }
    return Draft(speech, outline, sources)


def _source_label(c: Candidate) -> str:
    source = c.phrase.source
    return source if isinstance(source, str) else f"{source.file} 第{source.paragraph}段"


def _sentence(c: Candidate) -> Sentence:
    return Sentence(c.text, c.phrase.role, c.phrase.id)


def _opening(pool: Pool, genre: Genre, options: Options, sections: int) -> list[Paragraph]:
    def score(c: Candidate) -> float:
        # Phrases for any genre or for this one (the others score below zero), the topic's first.
        fits = not c.genres or genre.id in c.genres
        return (4.0 + 3.0 * (options.topic in c.text)) * (1.0 if fits else -1.0)

    sentences = []
    for role in sorted(genre.opening, key=_OPENING_ORDER.index):
        found = pool.take((role,), score, at_least=0.0)
        if found is None:
            continue
        sentence = _sentence(found)
        if role == "opening.transition":
            sentence.text = _TRANSITION_COUNT.sub(_count_word(sections), sentence.text, count=1)
        sentences.append(sentence)
    # The purpose opens the first paragraph; the transition stands as the last.
    first = [s for s in sentences if s.role != "opening.transition"]
    last = [s for s in sentences if s.role == "opening.transition"]
    return [Paragraph(first)] + ([Paragraph(last)] if last else [])


def _count_word(n: int) -> str:
    words = compose_rules().count_words
    return words[n - 1] if 1 <= n <= len(words) else str(n)


_BODY_ROLES = {
    "heading.significance": ("body.claim", "body.demand"),
    "heading.situation": ("body.situation", "body.claim", "body.demand"),
}
_DEFAULT_BODY = ("body.demand", "body.measure", "body.claim")


@dataclass
class _Growing:
    """A point of a section being grown, with the sentences that would follow its lead."""

    point: Point
    section: int
    ranked: list[Candidate]  # ranked once: the scores hold for the whole draft
    length: int


def _section(pool: Pool, outline: SectionOutline, index: int, topic: str, growing: list[_Growing]) -> Section:
    """Section INDEX: its heading, a sentence naming the topic where the heading does not, and
    each point's lead with the sentence that best follows it (the point, with its ranking of
    such sentences, joins GROWING for the length to be filled)."""
    numerals = structure_rules().numerals
    roles = _roles(outline)
    heading = f"{numerals[index]}、{outline.heading}"
    paragraphs = []
    if topic not in outline.heading:  # the topic stands in every section
        intro = pool.take(roles, lambda c: 8.0 * (topic in c.text) + (3.0 if c.theme in outline.themes else 0.0))
        if intro is not None:
            paragraphs.append(Paragraph([_sentence(intro)]))
    points = []
    for n, lead in enumerate(outline.points):
        point = _point(lead, n, outline.marker, numerals)
        ranked = _bodies_ranked(pool, lead, roles, outline.themes, topic)
        body = pool.take_first(ranked, _unwanted_in(point, pool))
        if body is not None:
            _add(point, body)
        points.append(point)
        growing.append(_Growing(point, index, ranked, _length(point)))
    return Section(heading, paragraphs, points)


def _point(lead: str, n: int, marker: str, numerals: list[str]) -> Point:
    if marker == "paren":
        return Point(f"（{numerals[n]}）{lead}", [])
    text = f"{numerals[n]}{_MARKER_WORD[marker]}{lead}"
    return Point(text, [Paragraph([Sentence(text + "。", "point.lead")])])


def _add(point: Point, found: Candidate) -> None:
    if not point.paragraphs:
        point.paragraphs.append(Paragraph([]))
    point.paragraphs[-1].sentences.append(_sentence(found))


RELEVANT = 2.0  # a body sentence shares at least a word or the theme with its lead


def _bodies_ranked(pool: Pool, lead: str, roles: tuple[str, ...], themes: list[str], topic: str) -> list[Candidate]:
    """The sentences that would follow LEAD, best first: by the words and theme they share with it
    (and the topic, which keeps the section on its subject); only those relevant to it."""
    lead_theme = pool.lead_themes.get(lead)
    lead_words = bigrams(lead)

    def score(c: Candidate) -> float:
        shared = len(lead_words & c.words)
        if c.theme is None and shared < 2:  # a mined sentence must say what the lead says
            return 0.0
        same_theme = 6.0 if lead_theme and c.theme == lead_theme else 0.0
        in_section = 2.0 if c.theme in themes else 0.0
        return same_theme + 2.0 * shared + in_section + 1.0 * (topic in c.text)

    return pool.rank(roles, score, at_least=RELEVANT)


def _closing(pool: Pool, genre: Genre, topic: str) -> list[Paragraph]:
    sentences = []
    for role in genre.closing:
        found = pool.take((role,), lambda c: 5.0 * (topic in c.text) - 0.02 * len(c.text))
        if found is not None:
            sentences.append(_sentence(found))
    return [Paragraph(sentences)] if sentences else []


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
    while length < target and growing:
        # The point of the section furthest below its share, the shortest point first.
        grow = max(growing, key=lambda g: (_share_gap(have[g.section], outline.sections[g.section]), -g.length))
        plan, point = outline.sections[grow.section], grow.point
        unwanted = _unwanted_in(point, pool)
        found = pool.take_first(grow.ranked, unwanted)
        if found is None and len(growing) == 1:
            # Long drafts, when nothing closely related is left anywhere: the team's sentences
            # (written for any topic) of the section's themes, then of any theme, then the rest.
            found = pool.take_first(pool.rank(_roles(plan), _curated_first(plan.themes), at_least=0.0), unwanted)
        if found is None:
            growing.remove(grow)  # nothing relevant is left for it
            continue
        added = len(re.sub(r"\s", "", found.text))
        if length + added > target * 1.1:  # it would overshoot: the speech is long enough
            return
        _add(point, found)
        length += added
        grow.length += len(found.text)
        have[grow.section] += len(found.text)


def _roles(plan: SectionOutline) -> tuple[str, ...]:
    return _BODY_ROLES.get(plan.role, _DEFAULT_BODY)


def _in_order(speech: Speech, pool: Pool) -> None:
    """Each point's sentences in the order an argument runs (compose.yaml): the situation (what
    has been achieved before what is still wrong), what it means, then what must be done. The
    lead stays first; sentences of one step keep the order they were chosen in."""
    rules = compose_rules()

    def place(sentence: Sentence) -> tuple[int, int]:
        if sentence.role == "point.lead":
            return -1, 0
        return rules.place_in_point(sentence.role, pool.moves.get(sentence.source or ""))

    for section in speech.sections:
        for point in section.points:
            for paragraph in point.paragraphs:
                paragraph.sentences.sort(key=place)


def _curated_first(themes: list[str]):
    """Score: the team's sentences of THEMES, then of any theme, then mined ones."""
    return lambda c: (1.0 + 2.0 * (c.theme in themes)) if c.theme else 0.0


def _unwanted_in(point: Point, pool: Pool) -> Callable[[Candidate], bool]:
    """What may not follow in POINT: a move it made that a point makes once (compose.yaml), and
    a sentence that opens as one of its sentences, or its lead, does (要夯实基层基础 after 一要
    夯实基层基础)."""
    sentences = [s for p in point.paragraphs for s in p.sentences]
    once = compose_rules().once_moves & {pool.moves.get(s.source or "") for s in sentences}
    openers = {_opener(strip_marker(point.lead))} | {_opener(s.text) for s in sentences if s.source}
    return lambda c: c.move in once or _opener(c.text) in openers


def _opener(text: str) -> str:
    return text.lstrip("要")[:4]


def _length(point: Point) -> int:
    return sum(len(p.text) for p in point.paragraphs)


def _share_gap(have: int, plan: SectionOutline) -> float:
    """How far a section with HAVE characters in its points is below its share of the length
    (1 = empty, 0 = reached)."""
    want = plan.words or 1
    return (want - have) / want


def outline_from_file(path: Path) -> Outline:
    """An outline the writer edited; UsageError with the reason when it is broken."""
    import yaml

    from drafter.bank.store import MAX_NESTING, nesting

    try:
        text = path.read_text(encoding="utf-8")
        if nesting(text) > MAX_NESTING:
            raise UsageError(f"提纲文件 {path.name} 嵌套层数过多，不像提纲文件")
        data = parse_yaml(text)
    except FileNotFoundError:
        raise UsageError(f"找不到提纲文件：{path}") from None
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        where = f"第 {line} 行" if line else ""
        raise UsageError(f"提纲文件 {path.name} {where}格式有误，请检查冒号、缩进和括号是否成对（{problem}）") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"提纲文件 {path.name} 无法读取：{exc}") from None
    try:
        sections = [
            SectionOutline(
                heading=_strip_number(str(s["heading"])),
                role=str(s.get("role", "heading.task")),
                marker=str(s.get("marker", "yao")),
                words=int(s.get("words", 0)),
                points=[strip_marker(str(p)) for p in s.get("points") or []],
            )
            for s in data["sections"]
        ]
        outline = Outline(
            topic=str(data["topic"]),
            genre=str(data.get("genre", "work-meeting")),
            title=str(data["title"]),
            speaker=str(data["speaker"]) if data.get("speaker") else None,
            date=str(data.get("date") or date.today().isoformat()),
            org=str(data.get("org") or DEFAULT_ORG),
            meeting=str(data.get("meeting") or data["title"]),
            words=int(data.get("words", 3000)),
            seed=int(data.get("seed", 1)),
            sections=sections,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"提纲文件 {path.name} 缺少或写错了：{exc}") from None
    if not sections or any(s.marker not in ("shi", "yao", "paren") for s in sections):
        raise UsageError(f"提纲文件 {path.name}：至少要有一个部分，marker 取 shi、yao 或 paren")
    try:
        date.fromisoformat(outline.date)
    except ValueError:
        raise UsageError(f"提纲文件 {path.name}：日期应为 YYYY-MM-DD") from None
    Options(outline.topic, words=outline.words).check()
    return outline


def _strip_number(heading: str) -> str:
    return re.sub("^[一二三四五六七八九十]+、", "", heading.strip())


def outline_yaml(outline: Outline) -> str:
    """The outline as the YAML file the writer edits."""
    from drafter.bank.store import dump_yaml

    header = (
        "drafter 讲话提纲。可以修改：title（标题）、各部分的 heading（标题，不写序号）、points（要点，\n"
        "不写序号）、words（该部分字数）、全文 words、seed；删去或增加部分和要点都可以。改好后运行：\n"
        "drafter draft --outline 本文件 -o 讲话.docx"
    )
    return dump_yaml([outline.to_dict()], header).replace("\n- topic:", "\ntopic:", 1).replace("\n  ", "\n")


def explained(result: Draft) -> Speech:
    """The draft with each sentence followed by the bank phrase it came from (--explain)."""
    from copy import deepcopy

    speech = deepcopy(result.speech)
    for paragraph in speech.paragraphs():
        for sentence in paragraph.sentences:
            if sentence.source:
                sentence.text += f"〔{sentence.source}｜{result.sources.get(sentence.source, '')}〕"
    return speech
