"""A sentence of a real speech → a reusable phrase: the speech's topic, place and meeting become
Jinja2 slots; a sentence naming people, local figures, dates or placeholders is dropped."""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.mining.context import SpeechContext
from drafter.resources import RoleRules, cleaning_rules

_DIGITS = re.compile("[0-9０-９]")
_CHINESE_DATE = re.compile("[〇一二三四五六七八九十]{2,4}年[一二三四五六七八九十]{1,2}月")
_QUOTED_CHAR = re.compile("“([^“”{}])”")
_NOT_NAME_END = re.compile("(组|委|部|局|院|厅|处|科|会|办|所|校|司|队|长|记|们|位|员|人|者|门|级|副|协|大)$")
_AMBIGUOUS_ORG = {"局"}
# "三是督导组要…": an item of a list the phrase no longer stands in.
_ENUMERATION = re.compile(
    "^([一二三四五六七八九十]+[是要]|第[一二三四五六七八九十]+[，、,]|[（(][一二三四五六七八九十]+[）)])"
)  # 全局 is also "the whole picture": never taken for a place


@dataclass(frozen=True)
class Template:
    text: str
    topics: tuple[str, ...]  # empty: generic


def generalize(text: str, place: str, ctx: SpeechContext, rules: RoleRules) -> Template | str:
    """The phrase TEXT makes, or the reason it is dropped."""
    if cleaning_rules().placeholder.search(text):
        return "含占位符"
    if _DIGITS.search(text) or _CHINESE_DATE.search(text):
        return "含具体数字或日期"
    if has_name(text, rules):
        return "含人名"
    if any(place in text for place in ctx.places):
        return "含地名"
    out = _ENUMERATION.sub("", text) if place in ("opening", "body", "closing") else text
    if ctx.meeting:
        out = out.replace(ctx.meeting, "{{ meeting }}")
    for form in ctx.topic_forms:
        out = out.replace(form, "{{ topic }}")
    if ctx.unit:
        if ctx.unit not in _AMBIGUOUS_ORG:
            out = out.replace(f"全{ctx.unit}", "{{ org }}")
        out = out.replace(f"我{ctx.unit}", "我{{ unit }}")
        if re.search(f"(?<![、和省市县区]){ctx.unit}(党组|党委|委|政府)", out):
            return "含本单位机构名"
    if place in ("heading", "lead"):  # 要在“学”字上下苦功: the 套件's key word is the writer's
        out = _QUOTED_CHAR.sub("“{{ x }}”", out)
    # Bound to its topic: it names the speech's own terms, or pairs the topic with another quoted
    # term ("{{ topic }}就是要通过“学习”和“做人”…" only makes sense for that topic).
    if rules.circumstantial.search(out):
        return "含特定机构或情境"
    bound = any(w in out for w in ctx.topic_words) or ("{{ topic }}" in out and "“" in out)
    return Template(out, (ctx.topic,) if bound and ctx.topic else ())


def has_name(text: str, rules: RoleRules) -> bool:
    """A real person named: a historical figure, or the two characters before a title (刘云山同志,
    春礼院长) when they are no institution or group (局党组书记, 广大党员同志)."""
    text = rules.formulas.sub("", text)
    if rules.historical.search(text):
        return True
    for m in re.finditer(f"([\u4e00-\u9fff]{{2}})(?:{rules.name_titles})", text):
        if not rules.not_names.match(m.group(1)) and not _NOT_NAME_END.search(m.group(1)):
            return True
    return False
