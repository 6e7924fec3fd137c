"""`drafter check FILE`: proofread a speech for stale wording, placeholders, numbering, repeats
and punctuation."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.cli.common import parse_date
from drafter.cli.output import console, print_json

if TYPE_CHECKING:  # the checker loads its rules on first use, not when the CLI starts
    from datetime import date

    from rich.text import Text

    from drafter.check import Finding

_LABELS = {"error": ("错误", "bold red", "✗"), "warning": ("提醒", "yellow", "!")}


def register(app: typer.Typer) -> None:
    app.command(
        "check",
        help="检查讲话稿：过时提法、固定表述顺序、占位符、序号、重复句子和标点。有“错误”时退出码为 1。\n\n"
        "Proofread a speech: stale wording for the date, formulas out of order, placeholders, "
        "numbering, repeats, punctuation. Exits 1 when an error-level finding exists.\n\n"
        "例 Examples:\n\n"
        "  drafter check 讲话.docx\n\n"
        "  drafter check 讲话.txt --date 2026-12-01\n\n"
        "  drafter check 讲话.docx --json > 检查结果.json",
    )(check_command)


def check_command(
    file: Annotated[Path, typer.Argument(help="讲话稿文件：.txt、.md 或 .docx", show_default=False)],
    when: Annotated[
        str | None, typer.Option("--date", help="讲话日期 YYYY-MM-DD，按当时的规范提法检查（默认今天）")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="输出 JSON")] = False,
) -> None:
    from drafter.check import check_file, has_errors

    day = parse_date(when)
    findings = check_file(file, day)
    if as_json:
        print_json(
            {
                "file": str(file),
                "date": day.isoformat(),
                "errors": sum(f.severity == "error" for f in findings),
                "warnings": sum(f.severity == "warning" for f in findings),
                "findings": [f.to_dict() for f in findings],
            }
        )
    else:
        _report(findings, day)
    if has_errors(findings):
        raise typer.Exit(1)


def _report(findings: list[Finding], day: date) -> None:
    from rich.text import Text

    several = any(f.speech > 1 for f in findings)
    for severity in ("error", "warning"):
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        label, style, mark = _LABELS[severity]
        console().rule(Text(f"{label} {len(group)} 处", style=style))
        for f in group:
            where = (f"第 {f.speech} 篇 " if several else "") + f"第 {f.paragraph} 段"
            console().print(Text(f"{mark} {where}  ", style=style) + Text(f.rule, style="dim"))
            console().print(Text("   ") + _context(f))
            advice = Text(f"   {f.message}")
            if f.fix:
                advice += Text("  → 建议：", style="dim") + Text(f.fix, style="green")
            console().print(advice)
    errors = sum(f.severity == "error" for f in findings)
    summary = f"共 {len(findings)} 处：错误 {errors} 处，提醒 {len(findings) - errors} 处"
    console().print(Text(f"{summary}（按 {day.year}年{day.month}月{day.day}日 的规范提法检查）", style="bold"))


def _context(f: Finding) -> Text:
    """The context with the offending text highlighted."""
    from rich.text import Text

    before, found, after = f.context.partition(f.text) if f.text else (f.context, "", "")
    return Text(before) + Text(found, style="reverse") + Text(after)
