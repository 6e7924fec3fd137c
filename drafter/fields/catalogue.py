"""The field catalogue: one YAML file a field (`fields/<id>.yaml` in a bank folder; format in
docs/fields.md). A field file is read in two halves: its sentences become ordinary phrases of
the bank (so they are listed, searched, edited and hidden like any other), and the rest — names,
vocabulary, facts, tasks — becomes a Field, kept in the bank's cache beside the phrases."""

from __future__ import annotations

import calendar
import re
from collections import Counter
from datetime import date
from functools import cached_property
from typing import Any, NamedTuple

from drafter.bank.model import CURATED, Phrase

FOLDER = "fields"  # a bank folder's sub-folder of field files
FACT_KINDS = ("law", "regulation", "document", "campaign", "meeting", "formula")
HEADING_ROLES = (
    "heading.significance",
    "heading.situation",
    "heading.task",
    "heading.guarantee",
    "heading.requirement",
)
# Where each part of a field file goes: its key, the role its sentences take, and their move.
FIELD_PARTS = (
    ("opening", "opening.purpose", None),
    ("background", "opening.background", None),
    ("closing", "closing.summary", None),
    ("exhortation", "closing.exhortation", None),
    ("meaning", "body.claim", None),
)
SITUATION_MOVES = ("成绩", "问题")
TASK_MOVES = (  # a task's argument, in the order a point makes it
    ("situation", "body.situation"),
    ("meaning", "body.claim"),
    ("action", "body.demand"),
    ("who_when", "body.measure"),
    ("avoid", "body.caution"),
)
OPENING_GENRES = ("work-meeting", "mobilization")  # the genres a field's own openings are written for
MEETING_GENRES = ("work-meeting", "mobilization", "commendation", "symposium")
_MEETING = re.compile("会议|会上|大会|推进会")
_ID = re.compile(r"[a-z][a-z0-9-]*")
_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
_GAP_OR_TITLE = re.compile(r"《[^》]*》|〔[^〕]*〕")
_DIGIT = re.compile(r"[0-9０-９]")
_DOC = re.compile(r"《[^》]+》")
_PAIRS = re.compile("(?=([\u4e00-\u9fff]{2}))")  # every overlapping pair of Chinese characters


class Fact(NamedTuple):
    """A law, document, campaign, meeting or formula a speech may cite, with the span in which
    it is current (either end open)."""

    id: str
    kind: str
    name: str
    forms: tuple[str, ...]  # the name and its short forms, as sentences write them
    issuer: str
    date: str
    valid_from: date | None
    valid_until: date | None
    source: str

    def current_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )


class Task(NamedTuple):
    id: str  # field id . task id: the tag its phrases carry (task:…)
    leads: tuple[str, ...]
    keywords: tuple[str, ...]


class Field(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    covers: tuple[str, ...]
    vocabulary: tuple[str, ...]
    indicators: tuple[str, ...]
    facts: tuple[Fact, ...]
    tasks: tuple[Task, ...]

    def merged(self, more: Field) -> Field:
        """This field extended by another file of the same id (a writer's own additions)."""

        def join(a: tuple, b: tuple) -> tuple:
            return a + tuple(x for x in b if x not in a)

        tasks = {t.id: t for t in self.tasks} | {t.id: t for t in more.tasks}
        facts = {f.id: f for f in self.facts} | {f.id: f for f in more.facts}
        return self._replace(
            aliases=join(self.aliases, more.aliases),
            covers=join(self.covers, more.covers),
            vocabulary=join(self.vocabulary, more.vocabulary),
            indicators=join(self.indicators, more.indicators),
            facts=tuple(facts.values()),
            tasks=tuple(tasks.values()),
        )


def is_field_file(rel: str) -> bool:
    """Whether a bank file (its path relative to the bank folder) is a field file."""
    return rel.startswith(f"{FOLDER}/") and rel.endswith(".yaml")


# --- reading a field file -------------------------------------------------------------------------


def field_problems(data: object) -> list[str]:
    """What is wrong with a field file's content, in words a writer understands (empty: valid)."""
    if not isinstance(data, dict):
        return ["领域文件应是一个映射（id、name、vocabulary、tasks …），见 docs/fields.md"]
    problems = []
    if not isinstance(data.get("id"), str) or not _ID.fullmatch(data["id"]):
        problems.append("“id”应是小写英文字母、数字和连字符，如 safety")
    if not isinstance(data.get("name"), str) or not data.get("name"):
        problems.append("缺少领域名称“name”")
    for key in ("aliases", "covers", "vocabulary", "indicators"):
        if not _strings(data.get(key, [])):
            problems.append(f"“{key}”应是文字列表，如 [a, b]")
    facts = data.get("facts") or []
    if not isinstance(facts, list):
        return [*problems, "“facts”应是列表"]
    for n, fact in enumerate(facts, 1):
        problems += [f"facts 第 {n} 条：{p}" for p in _fact_problems(fact)]
    if problems:
        return problems
    names = {form for fact in facts for form in _forms(fact)}
    for where, text, sentence in _sentences(data, problems):
        problems += [f"{where}：{p}" for p in _sentence_problems(text, sentence, names)]
    return problems


def _strings(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v for v in value)


def _fact_problems(fact: object) -> list[str]:
    if not isinstance(fact, dict):
        return ["应是一个映射（id、kind、name、issuer、date、valid_from、valid_until、source）"]
    problems = [f"缺少“{key}”" for key in ("id", "name", "issuer", "source") if not fact.get(key)]
    if fact.get("kind") not in FACT_KINDS:
        problems.append(f"“kind”应是 {'、'.join(FACT_KINDS)} 之一")
    for key in ("date", "valid_from", "valid_until"):
        value = fact.get(key)
        if value is not None and not isinstance(value, date) and not _DATE.fullmatch(str(value)):
            problems.append(f"“{key}”应写作 YYYY-MM-DD（或 YYYY-MM、YYYY）")
    if "short" in fact and not _strings(fact["short"]):
        problems.append("“short”应是文字列表")
    return problems


def _forms(fact: dict[str, Any]) -> list[str]:
    return [str(fact["name"]), *(str(s) for s in fact.get("short") or [])]


def _sentences(data: dict[str, Any], problems: list[str]) -> list[tuple[str, str, bool]]:
    """Every text of a field file: (where, text, whether it is a sentence rather than a heading
    or lead); a part of the wrong shape goes into PROBLEMS."""
    out: list[tuple[str, str, bool]] = []

    def take(where: str, value: object, sentence: bool) -> None:
        if value is None:
            return
        if not _strings(value):
            problems.append(f"{where}：应是文字列表")
            return
        out.extend((where, text, sentence) for text in value)

    def take_mapping(key: str, keys: tuple[str, ...], sentence: bool) -> None:
        part = data.get(key) or {}
        if not isinstance(part, dict) or set(part) - set(keys):
            problems.append(f"{key} 的键应是 {'、'.join(keys)}")
            return
        for name, texts in part.items():
            take(f"{key}.{name}", texts, sentence)

    take_mapping("headings", HEADING_ROLES, False)
    for key, _, _ in FIELD_PARTS:
        take(key, data.get(key), True)
    take_mapping("situation", SITUATION_MOVES, True)
    tasks = data.get("tasks") or []
    if not isinstance(tasks, list):
        problems.append("“tasks”应是列表")
        tasks = []
    seen = set()
    for n, task in enumerate(tasks, 1):
        if not isinstance(task, dict) or not isinstance(task.get("id"), str) or not _ID.fullmatch(task["id"]):
            problems.append(f"tasks 第 {n} 条：要有 id（小写英文字母、数字和连字符）")
            continue
        if task["id"] in seen:
            problems.append(f"tasks 第 {n} 条：id“{task['id']}”重复")
        seen.add(task["id"])
        if not _strings(task.get("lead")) or not _strings(task.get("keywords", [])):
            problems.append(f"任务 {task['id']}：lead 和 keywords 应是文字列表")
            continue
        take(f"任务 {task['id']}.lead", task["lead"], False)
        for move, _ in TASK_MOVES:
            take(f"任务 {task['id']}.{move}", task.get(move), True)
    return out


def _sentence_problems(text: str, sentence: bool, names: set[str]) -> list[str]:
    from drafter.bank.schema import template_problems

    problems = template_problems(text)
    if sentence and text[-1] not in "。！？”":
        problems.append(f"句子应以。！？结尾：{text[-12:]}")
    if _DIGIT.search(_GAP_OR_TITLE.sub("", text)):
        problems.append(f"数字只能写在《》或〔待补充：…〕里（不编造数字）：{text[:24]}")
    unknown = [doc for doc in _DOC.findall(text) if doc not in names]
    if unknown:
        problems.append(f"{'、'.join(unknown)} 不在本文件的 facts 里（文件名须核实后列入 facts）")
    return problems


def field_summary(data: dict[str, Any]) -> dict[str, Any]:
    """A valid field file's content without its sentences (they are the bank's phrases): what the
    bank's cache keeps of it, and what field_of reads."""
    keep = ("id", "name", "aliases", "covers", "vocabulary", "indicators", "facts")
    summary = {key: data.get(key) for key in keep}
    summary["tasks"] = [
        {"id": t["id"], "lead": t["lead"], "keywords": t.get("keywords") or []} for t in data.get("tasks") or []
    ]
    return summary


def field_of(data: dict[str, Any]) -> Field:
    """The Field of a valid field file's content."""
    fid = data["id"]
    facts = tuple(
        Fact(
            id=str(f["id"]),
            kind=str(f["kind"]),
            name=str(f["name"]),
            forms=tuple(_forms(f)),
            issuer=str(f["issuer"]),
            date=str(f.get("date") or ""),
            valid_from=_day(f.get("valid_from"), first=True),
            valid_until=_day(f.get("valid_until"), first=False),
            source=str(f["source"]),
        )
        for f in data.get("facts") or []
    )
    tasks = tuple(
        Task(f"{fid}.{t['id']}", tuple(t["lead"]), tuple(t.get("keywords") or [])) for t in data.get("tasks") or []
    )
    return Field(
        id=fid,
        name=data["name"],
        aliases=tuple(data.get("aliases") or []),
        covers=tuple(data.get("covers") or []),
        vocabulary=tuple(data.get("vocabulary") or []),
        indicators=tuple(data.get("indicators") or []),
        facts=facts,
        tasks=tasks,
    )


def _day(value: object, first: bool) -> date | None:
    """A date as written (YYYY, YYYY-MM or YYYY-MM-DD): the first or last day it can mean."""
    if value is None or isinstance(value, date):
        return value
    parts = [int(p) for p in str(value).split("-")]
    if len(parts) == 3:
        return date(*parts)
    if len(parts) == 2:
        year, month = parts
        return date(year, month, 1 if first else calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1) if first else date(parts[0], 12, 31)


def field_phrases(data: dict[str, Any]) -> list[Phrase]:
    """A valid field file's sentences as phrases of the bank, with stable ids and the tags that
    tie them to the field, their task and their move."""
    fid = data["id"]
    tag = f"field:{fid}"
    phrases = []

    def add(pid: str, role: str, texts: list[str], tags: list[str]) -> None:
        phrases.extend(Phrase(f"{pid}.{n}", role, text, [tag, *tags], [], CURATED) for n, text in enumerate(texts, 1))

    for role, texts in (data.get("headings") or {}).items():
        add(f"{fid}.{role}", role, texts or [], [])
    for key, role, _ in FIELD_PARTS:
        for n, text in enumerate(data.get(key) or [], 1):
            # A field's openings, and what speaks of "this meeting", open and close meetings only.
            genres = OPENING_GENRES if role == "opening.purpose" else MEETING_GENRES if _MEETING.search(text) else ()
            phrases.append(Phrase(f"{fid}.{key}.{n}", role, text, [tag, *(f"genre:{g}" for g in genres)], [], CURATED))
    for move, texts in (data.get("situation") or {}).items():
        add(f"{fid}.situation.{move}", "body.situation", texts or [], [f"move:{move}"])
    for task in data.get("tasks") or []:
        task_tag = f"task:{fid}.{task['id']}"
        add(f"{fid}.{task['id']}.lead", "point.lead", task["lead"], [task_tag])
        for move, role in TASK_MOVES:
            add(f"{fid}.{task['id']}.{move}", role, task.get(move) or [], [task_tag])
    return phrases


def pairs(text: str) -> set[str]:
    """Every overlapping pair of Chinese characters of TEXT: the words drafting matches by
    (the drafting path stays free of jieba)."""
    return set(_PAIRS.findall(text))


def task_pairs(task: Task) -> set[str]:
    """The pairs of characters of a task's leads and key words (read as one text: a line break
    stands between them, and no pair spans it)."""
    return pairs("\n".join((*task.leads, *task.keywords)))


# --- the catalogue --------------------------------------------------------------------------------


class Catalogue:
    """The fields of a layered bank: a later layer's file of the same id extends the field."""

    def __init__(self, fields: list[Field]) -> None:
        self.fields: dict[str, Field] = {}
        for f in fields:
            self.fields[f.id] = self.fields[f.id].merged(f) if f.id in self.fields else f

    def find(self, name: str) -> Field | None:
        """The field of NAME: its id, name or an alias."""
        for f in self.fields.values():
            if name in (f.id, f.name, *f.aliases):
                return f
        return None

    def facts(self) -> list[Fact]:
        return [fact for f in self.fields.values() for fact in f.facts]

    @cached_property
    def pair_spread(self) -> Counter[str]:
        """How many tasks of all fields use each pair of characters in their leads and key words:
        火灾 tells one task, 防控 nine (it tells none apart)."""
        return Counter(w for f in self.fields.values() for t in f.tasks for w in task_pairs(t))

    def task(self, task_id: str) -> Task | None:
        fid = task_id.partition(".")[0]
        field = self.fields.get(fid)
        return next((t for t in field.tasks if t.id == task_id), None) if field else None
