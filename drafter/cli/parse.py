"""`drafter parse FILE`: show how drafter reads a speech file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.cli.output import console, print_json
from drafter.tree import Paragraph, Speech

if TYPE_CHECKING:
    from rich.tree import Tree

PREVIEW_CHARS = 36


def register(app: typer.Typer) -> None:
    app.command(
        "parse",
        help="读取讲话稿文件，显示其结构（标题、开头、各部分、要点、结尾）。\n\n"
        "Read a speech file (.txt/.md/.docx) and show its structure.\n\n"
        "例 Examples:\n\n"
        "  drafter parse 讲话.docx\n\n"
        "  drafter parse 讲话.txt --json > 讲话.json",
    )(parse_command)


def parse_command(
    file: Annotated[Path, typer.Argument(help="讲话稿文件：.txt（任意常见编码）、.md 或 .docx", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON（一篇为对象，多篇为列表）")] = False,
) -> None:
    from drafter.structure import parse_file

    speeches = parse_file(file)
    if as_json:
        data = [s.to_dict() for s in speeches]
        print_json(data[0] if len(data) == 1 else data)
        return
    for n, speech in enumerate(speeches, 1):
        if len(speeches) > 1:
            console().rule(f"第 {n} 篇，共 {len(speeches)} 篇")
        console().print(speech_tree(speech))
        _print_placeholders(speech)


def speech_tree(speech: Speech) -> Tree:
    from rich.text import Text
    from rich.tree import Tree

    byline = "，".join(x for x in (speech.speaker, speech.date) if x)
    root = Tree(Text(speech.title or "（无标题）", style="bold") + Text(f"  {byline}" if byline else "", style="dim"))
    if speech.salutation:
        root.add(Text(speech.salutation, style="cyan"))
    _add_paragraphs(root, "开头", speech.opening)
    for section in speech.sections:
        node = root.add(Text(section.heading or "（正文，无一级标题）", style="bold magenta"))
        _add_paragraphs(node, "段落", section.paragraphs)
        for point in section.points:
            node.add(Text(point.lead, style="yellow") + Text(f"  （{len(point.paragraphs)} 段）", style="dim"))
    _add_paragraphs(root, "结尾", speech.closing)
    return root


def _add_paragraphs(node: Tree, label: str, paragraphs: list[Paragraph]) -> None:
    from rich.text import Text

    if not paragraphs:
        return
    branch = node.add(Text(f"{label}（{len(paragraphs)} 段）", style="green"))
    for p in paragraphs:
        text = p.text if len(p.text) <= PREVIEW_CHARS else p.text[:PREVIEW_CHARS] + "……"
        branch.add(Text(text))


def _print_placeholders(speech: Speech) -> None:
    from drafter.ingest import find_placeholders

    found = find_placeholders([p.text for p in speech.paragraphs()])
    if found:
        from rich.markup import escape

        console().print(f"[bold red]待补充的占位符 {len(found)} 处[/]（×、XXX、** 等，请核实后填写）：")
        for ph in found:
            console().print(f"  [red]{escape(ph.text)}[/]  …{escape(ph.context)}…")
