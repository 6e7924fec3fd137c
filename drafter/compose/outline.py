"""The plan of a speech: a topic and options → the genre's sections, the topic's fields, their
headings and point leads — the outline a writer may edit (YAML) before it is filled."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import NamedTuple

from drafter.bank.layers import Bank
from drafter.compose.focus import FOCUS, focus_for
from drafter.compose.genres import Genre, ParagraphPlan, SectionPlan, load_genre
from drafter.compose.pool import FIELD_FIRST, GENRE_FIRST, Candidate, Pool, TopicForm, strip_marker
from drafter.era import era_facts, era_values
from drafter.errors import UsageError
from drafter.fields.catalogue import Field
from drafter.fields.resolve import choose_fields
from drafter.resources import parse_yaml, yaml_problem

MIN_WORDS, MAX_WORDS = 500, 20000
DEFAULT_ORG = "全区"


@dataclass
class Options:
    topic: str
    genre: str = "work-meeting"
    org: str = DEFAULT_ORG
    speaker: str | None = None
    meeting: str | None = None
    date: date = field(default_factory=date.today)
    points: list[str] = field(default_factory=list)  # the writer's own key tasks
    words: int | None = None  # the writer's length; else the genre's usual one
    seed: int = 1
    field: str | None = None  # the writer's choice of field(s) (names, 、 between two); else found from the topic

    def check(self) -> None:
        if not self.topic.strip():
            raise UsageError("请给出讲话的主题，例如：drafter draft 安全生产")
        if self.words is not None and not MIN_WORDS <= self.words <= MAX_WORDS:
            raise UsageError(f"--words 应在 {MIN_WORDS} 到 {MAX_WORDS} 之间（讲话稿的字数），现在是 {self.words}")


@dataclass
class SectionOutline:
    heading: str  # without its number (一、)
    role: str
    marker: str
    words: int
    points: list[str]  # leads, without their markers
    themes: list[str] = field(default_factory=list)
    # From the genre (not written to the outline file): how it is argued without points, and
    # the roles of the sentences that open it.
    paragraphs: tuple[ParagraphPlan, ...] = ()
    lead_in: tuple[str, ...] = ()


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
    fields: list[str] = field(default_factory=list)  # the names of the topic's fields
    field_note: str = ""  # why these fields, in the writer's words

    def to_dict(self) -> dict[str, object]:
        return {
            "topic": self.topic,
            "genre": self.genre,
            "fields": self.fields,
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
        **era_values(day),
    }


VARIANTS = 3  # a genre's templates may lay out a speech in this many ways (variant 0, 1, 2)


def genre_context(options: Options) -> dict[str, object]:
    """What a genre template is rendered with; variant: which of its layouts this topic and seed
    take, so that speeches of one genre differ in their sections and points as real ones do."""
    from zlib import crc32

    return {
        "topic": options.topic,
        "org": options.org,
        "unit": options.org[-1:] if options.org else "",
        "meeting": options.meeting,
        "words": options.words,
        "tasks": options.points,
        "variant": (crc32(options.topic.encode()) + options.seed) % VARIANTS,
    }


class Plan(NamedTuple):
    """What a draft is drawn from: the pool of phrases and the topic's fields."""

    pool: Pool
    fields: list[Field]
    note: str


def plan_for(options: Options, bank: Bank, genre: Genre, meeting: str, field_names: list[str] | None = None) -> Plan:
    """The fields of the topic (the writer's FIELD_NAMES or --field, else found from the topic)
    and the pool of the phrases that fit it and GENRE."""
    catalogue = bank.fields()
    chosen = "、".join(field_names) if field_names else options.field
    fields, note = choose_fields(options.topic, chosen, catalogue)
    form = TopicForm.of(options.topic, fields, catalogue)
    values = values_for(options, meeting)
    facts = tuple(catalogue.facts()) + era_facts()
    pool = Pool.build(bank.rows(), values, form, options.date, options.seed, genre.id, facts, bank.archive_ids())
    pool.own_roles = genre.own
    if fields:
        pool.focus = focus_for(options.topic, fields, options.points, options.seed, catalogue.pair_spread)
    return Plan(pool, fields, note)


def make_outline(options: Options, bank: Bank, plan: Plan | None = None) -> Outline:
    """Title, section headings and point leads from the genre, the topic's fields and the bank
    (drawn from PLAN's pool when the draft that follows shares it)."""
    options.check()
    genre = load_genre(options.genre, genre_context(options))
    options = replace(options, words=options.words or genre.words)
    meeting = options.meeting or genre.meeting
    plan = plan or plan_for(options, bank, genre, meeting)
    pool = plan.pool
    words = _section_words(genre.sections, options.words * BODY_SHARE, bool(plan.fields))
    # The points first: the headings and the opening keep to the tasks they take up.
    leads_of = [
        _section_leads(pool, section, share, options, plan.fields) for section, share in zip(genre.sections, words)
    ]
    if pool.focus:
        pool.focus.chosen |= {pool.lead_tasks[lead] for leads in leads_of for lead in leads if lead in pool.lead_tasks}
    sections = []
    for section, share, leads in zip(genre.sections, words, leads_of):
        heading = _heading(pool, section.role, options.topic)
        if any(lead in heading for lead in leads):  # a heading that says what one of its points says
            heading = _heading(pool, section.role, options.topic)
        sections.append(
            SectionOutline(
                heading,
                section.role,
                section.marker,
                share,
                leads,
                list(section.themes),
                section.paragraphs,
                section.lead_in,
            )
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
        fields=[f.name for f in plan.fields],
        field_note=plan.note,
    )


def _section_leads(pool: Pool, section: SectionPlan, share: int, options: Options, fields: list[Field]) -> list[str]:
    """The point leads of SECTION (none for one a field's speech argues in paragraphs): the
    writer's own points and the fields' tasks in a task section, then leads of its themes."""
    if _argued(section, bool(fields)):
        return []
    leads = [strip_marker(p) for p in options.points] if section.tasks else []
    if section.tasks and fields:
        leads += _task_leads(pool, fields, _tasks_wanted(pool, share) - len(leads))
    while len(leads) < section.points and not (section.tasks and fields):  # a field's tasks are its points
        taken = {pool.lead_themes.get(lead) for lead in leads}
        lead = _lead(pool, section.themes, taken, options.topic)
        if lead is None:
            break
        leads.append(lead)
    return leads


BODY_SHARE = 0.8  # of the length: the sections; the rest is title, opening and closing
ARGUED_WORDS = 480  # a section a field's speech argues in paragraphs: at most this long …
GENERAL_WORDS = 420  # … a section of general points (guarantee, requirements): at most this long …
TASK_WORDS = 300  # … the rest goes to its tasks: one for about this many characters
TASK_HOLDS = 400  # characters a task's own argument and its field's close sentences hold


def _argued(section: SectionPlan, fields: bool) -> bool:
    """Whether the speech argues SECTION in paragraphs (its genre's paragraphs: a field's speech
    where the section has points too, every speech where it has none)."""
    return bool(section.paragraphs) and not section.tasks and (fields or section.points == 0)


def _section_words(sections: tuple[SectionPlan, ...], body: float, fields: bool) -> list[int]:
    """Each section's share of the BODY's length; in a field's speech, the other sections give
    what they would take beyond ARGUED_WORDS or GENERAL_WORDS to the tasks, the field's best."""
    words = [body * s.share for s in sections]
    if fields and any(s.tasks for s in sections):
        most = [float("inf") if s.tasks else ARGUED_WORDS if _argued(s, fields) else GENERAL_WORDS for s in sections]
        spare = sum(max(0.0, w - m) for w, m in zip(words, most))
        words = [min(w, m) for w, m in zip(words, most)]
        tasks = [n for n, s in enumerate(sections) if s.tasks]
        for n in tasks:
            words[n] += spare / len(tasks)
    return [round(w) for w in words]


FEWEST_TASKS, MOST_TASKS = 3, 8  # a short speech argues fewer tasks, a long one argues them longer


def _tasks_wanted(pool: Pool, share: int) -> int:
    """How many of the fields' tasks a task section of SHARE characters argues: one for about
    TASK_WORDS; a topic on a part of its field (燃气安全) fewer — those it names or relates to and
    one more of the field's, each argued at more length — but never fewer than its length needs
    (a task's own argument holds about TASK_HOLDS characters)."""
    wanted = min(MOST_TASKS, max(FEWEST_TASKS, round(share / TASK_WORDS)))
    focus = pool.focus
    if focus is not None and focus.narrow:
        needed = max(FEWEST_TASKS, len(focus.named | focus.related) + 1, round(share / TASK_HOLDS))
        wanted = min(wanted, needed)
    return wanted


def _heading(pool: Pool, role: str, topic: str) -> str:
    """A heading of ROLE: the field's own first (the pool holds no other field's), or the genre's
    own where its headings of the role are its own move (Genre.own)."""

    # The team's headings of the field first: a mined heading says what its own speech said.
    def score(c: Candidate) -> float:
        team = c.field is not None and isinstance(c.phrase.source, str)
        on = FOCUS * pool.keeps_to(c) - FIELD_FIRST * pool.off_subject(c)
        return (
            FIELD_FIRST * team
            + pool.genre_weight(c)
            + 5.0 * c.archive
            + 5.0 * (topic in c.text)
            - len(c.text) / 40
            + on
        )

    found = pool.take((role,), score)
    if found is None:
        raise UsageError(f"素材库里没有可用的“{role}”标题：请用 drafter bank add 补充")
    return found.text


def _task_leads(pool: Pool, fields: list[Field], wanted: int) -> list[str]:
    """Leads of WANTED of the FIELDS' tasks, in the order the draft takes them (compose/focus.py:
    none a writer's own point already speaks for)."""
    if wanted <= 0 or pool.focus is None:
        return []
    archive = _archive_leads(pool, fields)
    leads: list[str] = []
    for task_id in pool.focus.order:
        if len(leads) == wanted:
            break
        # The writer's own wording of the task, from their archive, before the team's.
        found = pool.take(
            ("point.lead",),
            lambda c, task_id=task_id: (
                2.0 if archive.get(c.phrase.id) == task_id else 1.0 if c.task == task_id else -1.0
            ),
            at_least=0.0,
        )
        if found is not None:
            lead = strip_marker(found.text)
            pool.lead_tasks[lead] = task_id
            leads.append(lead)
    return leads


def _archive_leads(pool: Pool, fields: list[Field]) -> dict[str, str]:
    """The mined leads of the fields (a writer's archive) and the task each speaks for."""
    from drafter.fields.resolve import nearest_task

    found = {}
    for c in pool.candidates.get("point.lead", []):
        if c.field is not None and c.task is None and c.archive:
            near = nearest_task(strip_marker(c.text), fields)
            if near is not None:
                found[c.phrase.id] = near.task.id
    return found


def _lead(pool: Pool, themes: list[str] | tuple[str, ...], taken: set[str | None], topic: str) -> str | None:
    """A point lead of the section's THEMES, one the section's other leads (of the themes TAKEN)
    do not already speak for; never a field task's (those argue the task section)."""

    def score(c: Candidate) -> float:
        themed = (2.0 if c.theme in taken else 6.0) if c.theme in themes else 0.0
        long = 3.0 if topic in c.text and len(c.text) > 16 else 0.0
        # The genre's own leads (学习他们……的精神) stand together, in parallel.
        genre = GENRE_FIRST * (pool.of_genre(c) and c.theme in themes)
        return themed + genre - 0.15 * len(c.text) - long - 99.0 * bool(c.task)

    found = pool.take(("point.lead",), score, at_least=-90.0)
    return strip_marker(found.text) if found else None


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
            fields=[str(f) for f in data.get("fields") or []],
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

    found = outline.field_note or "领域：没有找到主题所属的领域，按通用素材起草"
    header = (
        "drafter 讲话提纲。可以修改：title（标题）、各部分的 heading（标题，不写序号）、points（要点，\n"
        "不写序号；points 为空的部分按段落展开）、words（该部分字数）、全文 words、seed、fields（领域，\n"
        "drafter fields 列出可选的）；删去或增加部分和要点都可以。改好后运行：\n"
        f"drafter draft --outline 本文件 -o 讲话.docx\n{found}"
    )
    return dump_yaml([outline.to_dict()], header).replace("\n- topic:", "\ntopic:", 1).replace("\n  ", "\n")
