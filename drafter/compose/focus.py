"""What of its fields a draft speaks of: the tasks its topic names (燃气安全 → the gas task), then
those that share the topic's words, then the rest in an order of the seed's; and, once its points
are chosen, which of the fields' other sentences keep to them — an opening, heading or review
that speaks of a task no point takes up speaks off the subject."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass, field

from drafter.fields.catalogue import Field, Task, pairs, task_pairs
from drafter.fields.resolve import nearest_task

FOCUS = 12.0  # score a sentence gains that keeps to the draft's tasks (loses that speaks of others)
COMMON = 0.75  # a word in more of the fields' tasks than this share tells none of them apart
TELLING = 4  # a pair in more of the catalogue's tasks than this names none of them


@dataclass
class Focus:
    order: list[str]  # the fields' tasks, as this draft takes them
    named: frozenset[str]  # those the topic names
    related: frozenset[str]  # those sharing the topic's words
    keywords: dict[str, tuple[str, ...]]  # task id -> the key words only it uses
    plain: frozenset[str] = frozenset()  # pairs that tell no task apart: the fields' names', many tasks'
    chosen: set[str] = field(default_factory=set)  # the tasks the draft's points take up (the writer's among them)
    _mentions: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def narrow(self) -> bool:
        """Whether the topic is a part of its field (燃气安全, 养老服务), not the whole (安全生产)."""
        return bool(self.named | self.related) and len(self.named | self.related) < len(self.order)

    def mentions(self, key: str, text: str) -> frozenset[str]:
        """The tasks whose own key words TEXT (a phrase's, known by KEY) holds."""
        found = self._mentions.get(key)
        if found is None:
            found = self._mentions[key] = frozenset(
                t for t, words in self.keywords.items() if any(w in text for w in words)
            )
        return found

    def keeps_to(self, key: str, text: str) -> float:
        """1 for a sentence that speaks of a task the draft takes up, -1 for one that speaks only
        of tasks it leaves aside, 0 for one that speaks of no task."""
        tasks = self.mentions(key, text)
        if not tasks:
            return 0.0
        return 1.0 if tasks & (self.chosen or self.named) else -1.0

    def next_up(self, leading: set[str]) -> dict[str, float]:
        """The tasks no point leads, by how soon this draft would take them (1 first … 0 last)."""
        following = [t for t in self.order if t not in leading]
        return {t: 1 - n / len(following) for n, t in enumerate(following)}


def focus_for(topic: str, fields: list[Field], points: list[str], seed: int, spread: Counter[str]) -> Focus:
    """The order in which a draft on TOPIC takes its FIELDS' tasks: those the topic names first
    (燃气安全 opens on the gas task), then, for a topic on a part of its field, those sharing the
    field's words the topic holds (校园食品安全: the field's 食品 tasks), then the rest — each group
    in an order of the topic's own, each seed starting a third of the way further on, so that
    seeds draft on different tasks; none a writer's POINTS already speak for. SPREAD: how many
    tasks of the whole catalogue use each pair (Catalogue.pair_spread)."""
    taken = {m.task.id for m in (nearest_task(p, fields) for p in points) if m}
    tasks = [t for f in fields for t in f.tasks]
    words_of = {t.id: task_pairs(t) for t in tasks}
    common = Counter(w for words in words_of.values() for w in words)
    names = {w for f in fields for name in (f.name, *f.aliases) for w in pairs(name)}
    # A pair that names a task: few of the field's tasks use it, and few of any field's (防控 is
    # everyone's, 火灾 the fire task's).
    distinct = {w for w in pairs(topic) if w not in names and common[w] <= 2 and spread[w] <= TELLING}

    def near(task: Task) -> float:
        return len(distinct & words_of[task.id]) + 1.5 * sum(k in topic for k in task.keywords)

    free = [t for t in tasks if t.id not in taken]
    named = sorted((t for t in free if near(t) > 0), key=near, reverse=True)
    # The field's own words in the topic that tell some of its tasks, not most (食品, not 安全; 养老
    # of 养老托育与民政) — not the field's own name (安全生产 is the whole of its field).
    titles = {n for f in fields for n in (f.name, *f.aliases)}
    words = {w for f in fields for w in f.vocabulary if len(w) >= 2 and w in topic and w not in titles}
    told = {t.id: {w for w in words if any(w in x for x in (*t.leads, *t.keywords))} for t in tasks}
    spoken = Counter(w for found in told.values() for w in found)
    telling = {w for w in words if spoken[w] <= COMMON * len(tasks)}
    whole = topic in titles or topic.removesuffix("工作") in titles  # 乡村振兴: the field itself
    related = [] if whole else [t for t in free if t not in named and told[t.id] & telling]
    rest = [t for t in free if t not in named and t not in related]
    order = named + _turned(related, topic, fields, seed) + _turned(rest, topic, fields, seed)
    return Focus(
        order=[t.id for t in order],
        named=frozenset(t.id for t in named),
        related=frozenset(t.id for t in related),
        keywords={t.id: _own_keywords(t, words_of) for t in tasks},
        plain=frozenset(names | {w for w, n in common.items() if n > 2}),
        chosen=set(taken),
    )


def _turned(tasks: list[Task], topic: str, fields: list[Field], seed: int) -> list[Task]:
    """TASKS shuffled in an order of the topic's, each seed starting a third of the way on."""
    tasks = list(tasks)
    random.Random(f"{topic}|{'+'.join(f.id for f in fields)}").shuffle(tasks)
    if not tasks:
        return tasks
    start = (seed - 1) * -(-len(tasks) // 3) % len(tasks)  # a third of the way on, rounded up
    return tasks[start:] + tasks[:start]


def _own_keywords(task: Task, words_of: dict[str, set[str]]) -> tuple[str, ...]:
    """TASK's key words that tell it apart: of three characters or more, or a pair no other task
    of the field uses (责任 is every task's)."""
    others = [words for tid, words in words_of.items() if tid != task.id]
    return tuple(k for k in task.keywords if len(k) >= 3 or (len(k) == 2 and not any(k in o for o in others)))
