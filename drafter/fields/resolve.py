"""Which field a topic belongs to, and which task of a field a writer's own point is: by the
field's names, the topics it covers and its vocabulary, found in the text as they are (the
drafting path stays free of jieba)."""

from __future__ import annotations

import re
from typing import NamedTuple

from drafter.fields.catalogue import Catalogue, Field, Task, pairs

NAME, COVERS, WORD = 12.0, 8.0, 1.0  # weight a character of the topic matched by each kind
SECOND = 0.5  # a second field needs this share of the first's score, and words of its own


class FieldMatch(NamedTuple):
    field: Field
    score: float
    why: str  # in the writer's words: what in the topic told the field


def resolve(topic: str, catalogue: Catalogue) -> list[FieldMatch]:
    """The one or two fields of TOPIC, best first (none: no field knows its words). A field's
    word that stands inside a longer word of another field counts for that one only (教育 in
    主题教育 is no 教育 of schools)."""
    hits = _hits(topic, catalogue)
    scored = []
    for f in catalogue.fields.values():
        score, spans, why = _score(f, [h for h in hits if h.field is f and not _inside_longer(h, hits)])
        if score > 0:
            scored.append((score, f.id, f, spans, why))
    if not scored:
        return []
    scored.sort(key=lambda s: (-s[0], s[1]))
    best_score, _, best, best_spans, best_why = scored[0]
    found = [FieldMatch(best, best_score, best_why)]
    for score, _, f, spans, why in scored[1:]:
        # A topic that names two fields gets both: the second must match words the first did not.
        if score >= SECOND * best_score and len(spans - best_spans) >= 2:
            found.append(FieldMatch(f, score, why))
            break
    return found


class _Hit(NamedTuple):
    field: Field
    start: int
    word: str
    weight: float
    kind: str


def _hits(topic: str, catalogue: Catalogue) -> list[_Hit]:
    """Every name, covered topic and word of every field found in TOPIC."""
    hits = []
    for f in catalogue.fields.values():
        names = {f.name, *f.aliases}
        names |= {n.removesuffix("工作") for n in names if len(n) >= 5}  # 应急管理工作 names 应急管理 too
        kinds = (
            (NAME, "是它的名称", sorted(names)),
            (COVERS, "属于它", f.covers),
            (WORD, "是它的常用词", f.vocabulary),
        )
        for weight, kind, words in kinds:
            for word in words:
                at = topic.find(word) if word else -1
                if at >= 0:
                    hits.append(_Hit(f, at, word, weight, kind))
    return hits


def _inside_longer(hit: _Hit, hits: list[_Hit]) -> bool:
    end = hit.start + len(hit.word)
    return any(
        h.field is not hit.field
        and len(h.word) > len(hit.word)
        and h.start <= hit.start
        and end <= h.start + len(h.word)
        for h in hits
    )


def _score(f: Field, hits: list[_Hit]) -> tuple[float, set[int], str]:
    """How strongly F's HITS speak for it, which characters of the topic they cover, and why;
    each character counts once, at the weight of the first (strongest) kind that matched it."""
    spans: set[int] = set()
    score, best_weight, best_why = 0.0, 0.0, ""
    for hit in sorted(hits, key=lambda h: (-h.weight, -len(h.word), h.start, h.word)):
        new = set(range(hit.start, hit.start + len(hit.word))) - spans
        if not new:
            continue
        spans |= new
        score += hit.weight * len(new)
        if hit.weight * len(hit.word) > best_weight:
            best_weight, best_why = hit.weight * len(hit.word), f"“{hit.word}”{hit.kind}"
    return score, spans, best_why


class TaskMatch(NamedTuple):
    task: Task
    score: float


NEAR_TASK = 0.4  # share of a point's words a task must share (its keywords count double)


def nearest_task(point: str, fields: list[Field]) -> TaskMatch | None:
    """The task of FIELDS a writer's POINT speaks of, or None when no task is near it."""
    words = pairs(point)
    if not words:
        return None
    best: TaskMatch | None = None
    for f in fields:
        for task in f.tasks:
            lead_words = set().union(*(pairs(lead) for lead in task.leads))
            keywords = sum(1 for k in task.keywords if k in point)
            score = (len(words & lead_words) + 2 * keywords) / len(words)
            if score >= NEAR_TASK and (best is None or score > best.score):
                best = TaskMatch(task, score)
    return best


def choose_fields(topic: str, chosen: str | None, catalogue: Catalogue) -> tuple[list[Field], str]:
    """The fields a draft on TOPIC speaks for — those CHOSEN by the writer (names or ids, 、 or ，
    between two), else those found from the topic — and why, in the writer's words."""
    from drafter.errors import UsageError

    if chosen:
        fields = []
        for name in re.split("[、，,+/ ]+", chosen.strip()):
            found = catalogue.find(name)
            if found is None:
                raise UsageError(f"没有“{name}”这个领域：用 drafter fields 查看可选的领域")
            fields.append(found)
        return fields, f"领域：{'、'.join(f.name for f in fields)}（写作者指定）"
    matches = resolve(topic, catalogue)
    if not matches:
        return [], ""
    return [m.field for m in matches], "领域：" + "；".join(f"{m.field.name}（{m.why}）" for m in matches)


def fields_of_phrase(text: str, speech_fields: list[Field], catalogue: Catalogue) -> list[str]:
    """The fields a mined phrase speaks for: those of its own speech whose words it holds, else
    the field its own words name most strongly; none for a phrase any speech could say."""
    spoken = [f.id for f in speech_fields if _holds_words(text, f)]
    if spoken:
        return spoken
    found = resolve(text, catalogue)
    return [found[0].field.id] if found else []


def _holds_words(text: str, f: Field) -> bool:
    return any(w in text for w in (*f.covers, *f.vocabulary, *(k for t in f.tasks for k in t.keywords)) if len(w) >= 2)
