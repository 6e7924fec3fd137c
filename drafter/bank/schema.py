"""What a valid bank entry is: one place for the rules, used by every command that loads or
writes a bank, and mirrored by drafter/data/bank.schema.json for editors."""

from __future__ import annotations

import re

from jinja2 import TemplateSyntaxError, nodes
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from drafter.errors import InputError
from drafter.resources import role_rules

REQUIRED = ("id", "role", "text")
LISTS = ("tags", "topics")
_ENV = SandboxedEnvironment()


def entry_problems(entry: object) -> list[str]:
    """Everything wrong with one bank entry, in words a writer understands (empty: valid)."""
    if not isinstance(entry, dict):
        return ["每一条应是一个映射（id、role、text …）"]
    problems = [f"缺少“{key}”" for key in REQUIRED if not isinstance(entry.get(key), str) or not entry.get(key)]
    if problems:
        return problems
    rules = role_rules()
    if entry["role"] not in rules.roles:
        problems.append(f"未知的角色“{entry['role']}”（可用的角色见 drafter/data/roles.yaml）")
    for key in LISTS:
        value = entry.get(key, [])
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            problems.append(f"“{key}”应是文字列表，如 [a, b]")
    source = entry.get("source", "curated")
    if not (isinstance(source, str) or (isinstance(source, dict) and {"file", "paragraph", "offset"} <= set(source))):
        problems.append("“source”应是 curated、user 或 {file, paragraph, offset}")
    return problems + template_problems(entry["text"])


def template_problems(text: str) -> list[str]:
    """A phrase's text may hold plain slots of the vocabulary ({{ topic }}) and nothing else: no
    expressions, filters, attribute access or statements, so that a bank from elsewhere cannot
    run code."""
    try:
        tree = _ENV.parse(text)
    except TemplateSyntaxError as exc:
        return [f"模板语法错误：{exc.message}"]
    vocabulary = role_rules().slots
    problems = []
    for node in tree.body:
        if not isinstance(node, nodes.Output):
            return ["只允许 {{ 槽位 }}，不允许 {% … %} 语句"]
        for part in node.nodes:
            if isinstance(part, nodes.TemplateData):
                continue
            if not isinstance(part, nodes.Name):
                return ["槽位里只能是一个名字，如 {{ topic }}，不能有表达式或属性访问"]
            if part.name not in vocabulary:
                problems.append(f"未知的槽位“{part.name}”（可用：{'、'.join(vocabulary)}）")
    return problems


_SLOT = re.compile(r"\{\{\s*(\w+)\s*\}\}")


def slot_names(text: str) -> list[str]:
    """The names of a phrase's plain slots ({{ topic }} → topic)."""
    return _SLOT.findall(text)


def fill_slots(text: str, values: dict[str, str]) -> str:
    """Fill a phrase's slots. A phrase that passed template_problems (every phrase a bank loads
    has) holds plain slots only, so filling it is a substitution that runs nothing and costs
    nothing like compiling a template per phrase; anything else left in it goes to the sandbox,
    which refuses what reaches for Python's internals."""
    filled = _SLOT.sub(lambda m: values[m.group(1)], text)
    return render_phrase(text, values) if "{{" in filled or "{%" in filled else filled


def render_phrase(text: str, values: dict[str, str]) -> str:
    """Fill a phrase's slots in jinja2's sandbox (a second guard behind template_problems): a
    phrase that reaches for Python's internals is refused, not run."""
    try:
        return _ENV.from_string(text).render(**values)
    except SecurityError:
        raise InputError(f"表述里有不安全的模板内容，已拒绝：{text[:40]}") from None
