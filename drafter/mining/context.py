"""What a source speech is about: its topic, its place (全区/我院 …), its meeting and genre.
Told from the speech itself (title, repeated quoted terms), never from a list of known topics."""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from drafter.resources import RoleRules
from drafter.tree import Speech

_QUOTED = re.compile("“([^“”]{1,12})”")
# Head nouns that make a campaign or line of work of the words before them.
_HEADS = "学习教育|专题教育|主题教育|教育活动|实践活动|活动|工作|建设|行动"
_EXTENDED = re.compile(f"“([^“”]{{1,12}})”({_HEADS})")
_BARE = re.compile(f"(?<=[\u4e00-\u9fff])({_HEADS})")
_MEETING = re.compile("^在(.{2,40}?)(?:上|中)的(?:讲话|发言|致辞|讲稿|报告)")
MIN_TOPIC_COUNT = 3
_SPECIFIC_HEAD = re.compile("(学习教育|专题教育|主题教育|教育活动|实践活动)$")
_ANY_HEAD = re.compile(f"({_HEADS})$")
_FRAME = re.compile("讲话|会议|大会|发言|致辞|党组|书记|中心组|全区|全县|全市|全局|全院")


@dataclass(frozen=True)
class SpeechContext:
    topic: str  # the main topic as the speech names it, e.g. “两学一做”学习教育
    topic_forms: tuple[str, ...]  # its spellings replaced by {{ topic }} (longest first); none for a line of work
    topic_words: tuple[str, ...]  # the speech's own terms: a phrase holding one is bound to the topic
    unit: str | None  # 区, 局, 院 … of 全区, 我局, 全院
    meeting: str | None
    genre: str
    places: tuple[str, ...] = ()  # the places the speech's title names (临江 of 临江区)


def speech_context(speech: Speech, rules: RoleRules) -> SpeechContext:
    text = "".join(p.text for p in speech.paragraphs())
    title = speech.title or ""
    topic, forms = _main_topic(text, title)
    # A line of work (意识形态工作, 政治建设) is no named campaign: what is said about it is said
    # about it alone, so it stays in the phrase and binds it, never becomes a slot.
    slot_forms = forms if _EXTENDED.match(topic) or _SPECIFIC_HEAD.search(topic) else set()
    quoted = Counter(_QUOTED.findall(text))
    words = {f"“{w}”" for w, n in quoted.items() if n >= 2} | set(forms) | _title_words(title, text)
    head = _SPECIFIC_HEAD.search(topic)
    if head:  # “两学一做”学习教育 is also "this 学习教育"
        words.add(head.group(0))
    core = _ANY_HEAD.sub("", topic).strip("“”")
    if len(core) >= 2:  # 意识形态工作 is about 意识形态 wherever it is named
        words.add(core)
    m = _MEETING.match(title)
    return SpeechContext(
        topic=topic,
        topic_forms=tuple(sorted(slot_forms, key=len, reverse=True)),
        topic_words=tuple(sorted(words, key=len, reverse=True)),
        unit=_unit(text, rules.units),
        meeting=m.group(1) if m else None,
        genre=_genre(title, text, rules),
        places=tuple(p.group(1) for p in rules.place_name.finditer(title)),
    )


def _main_topic(text: str, title: str) -> tuple[str, set[str]]:
    """The most prominent campaign or line of work: a quoted term with its head noun (“两学一做”
    学习教育) or unquoted words before one (先进性教育活动), scored by frequency and length, with
    a bonus for sharing words with the title."""
    candidates: Counter[str] = Counter()
    for m in _EXTENDED.finditer(text):
        candidates[m.group(0)] += 1
    for m in _BARE.finditer(text):
        for size in range(2, 6):
            start = m.start() - size
            words = text[start : m.start()]
            if start >= 0 and re.fullmatch("[\u4e00-\u9fff]+", words):
                candidates[words + m.group(1)] += 1
    title_bigrams = {title[i : i + 2] for i in range(len(title) - 1)}

    def score(term: str) -> float:
        core = term.strip("“”")
        shares = any(core[i : i + 2] in title_bigrams for i in range(len(core) - 1))
        return candidates[term] * math.sqrt(len(core)) * (2 if shares else 1)

    ranked = sorted((t for t, n in candidates.items() if n >= MIN_TOPIC_COUNT), key=lambda t: (-score(t), t))
    if not ranked:
        return "", set()
    topic = ranked[0]
    forms = {topic}
    quoted = _EXTENDED.match(topic)
    if quoted:  # “两学一做”学习教育 is also called “两学一做”, or 两学一做 in a title
        forms |= {f"“{quoted.group(1)}”", quoted.group(1)}
    return topic, {f for f in forms if len(f.strip("“”")) >= 2}


def _title_words(title: str, text: str) -> set[str]:
    """Words of the title (by jieba) that the speech keeps repeating: its own subject matter."""
    import jieba  # here, not at the top: the drafting path never loads jieba

    jieba.setLogLevel(60)
    return {w for w in jieba.lcut(title) if len(w) >= 3 and text.count(w) >= MIN_TOPIC_COUNT and not _FRAME.search(w)}


def _unit(text: str, units: list[str]) -> str | None:
    counts = Counter({u: len(re.findall(f"全{u}|我{u}|{u}(?:党组|党委|委|政府)", text)) for u in units})
    unit, n = counts.most_common(1)[0]
    return unit if n >= 2 else None


def _genre(title: str, text: str, rules: RoleRules) -> str:
    for source in (title, text[:300]):
        for genre, pattern in rules.genres:
            if pattern.search(source):
                return genre
    return "work-meeting"
