"""`drafter mine PATH... --out DIR`: build a phrase bank from speeches."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.cli.output import console, print_json, say
from drafter.errors import UsageError

if TYPE_CHECKING:  # mining (and jieba) load on first use, not when the CLI starts
    from drafter.mining import Mined


def register(app: typer.Typer) -> None:
    app.command(
        "mine",
        help="从讲话稿中提取常用表述和结构，生成素材库（YAML 文件，可以手工编辑）。\n\n"
        "Mine phrases and speech skeletons from speeches (.txt/.md/.docx files or folders) into "
        "phrase-bank YAML files.\n\n"
        "例 Examples:\n\n"
        "  drafter mine 历年讲话/ --out 我的素材库\n\n"
        "  drafter mine a.docx b.txt --out 我的素材库 --json",
    )(mine_command)


def mine_command(
    paths: Annotated[list[Path], typer.Argument(help="讲话稿文件或文件夹（.txt、.md、.docx）", show_default=False)],
    out: Annotated[Path, typer.Option("--out", help="素材库文件夹；提取结果写入其中的 mined/ 子文件夹")] = Path(
        "素材库"
    ),
    as_json: Annotated[bool, typer.Option("--json", help="以 JSON 输出统计")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="同时使用的进程数（机器的核数以内）")] = 1,
) -> None:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from drafter.bank.layers import Bank
    from drafter.mining import collect_files, mine_files, write_bank

    if not 1 <= jobs <= 64:
        raise UsageError("--jobs 应在 1 到 64 之间")
    files = collect_files(paths)
    if not files:
        raise UsageError("没有找到讲话稿文件（.txt、.md、.docx）")
    with Progress(
        TextColumn("提取中"), BarColumn(), MofNCompleteColumn(), TextColumn("{task.description}"),
        console=console(), transient=True, disable=as_json,
    ) as progress:  # fmt: skip
        task = progress.add_task("", total=len(files))

        def advance(path: Path) -> None:
            progress.update(task, advance=1, description=path.name)

        try:
            mined = mine_files(files, on_file=advance, jobs=jobs, catalogue=Bank.open(strict=False).fields())
        except KeyboardInterrupt:
            say(f"已中断：{out} 没有任何改动")
            raise typer.Exit(130) from None
    folder = write_bank(mined, out)
    if as_json:
        print_json(report(mined, folder))
    else:
        _print_report(mined, folder)


def report(mined: Mined, folder: Path) -> dict[str, object]:
    return {
        "out": str(folder),
        "files": len(mined.files),
        "phrases": len(mined.phrases),
        "generic": sum(1 for p in mined.phrases if not p.topics),
        "skeletons": len(mined.skeletons),
        "by_role": dict(sorted(mined.by_role().items())),
        "dropped": dict(sorted(mined.dropped.items())),
        "skipped": [{"file": f, "reason": r} for f, r in mined.skipped],
    }


def _print_report(mined: Mined, folder: Path) -> None:
    from rich.markup import escape
    from rich.table import Table

    from drafter.resources import role_rules

    for file, reason in mined.skipped:  # file names may hold [ ], which rich reads as markup
        console().print(f"[yellow]跳过[/] {escape(file)}：{escape(reason)}")
    rules = role_rules()
    table = Table(
        title=f"从 {len(mined.files)} 个文件提取 {len(mined.phrases)} 条表述、{len(mined.skeletons)} 个讲话骨架"
    )
    table.add_column("角色 role")
    table.add_column("说明")
    table.add_column("条数", justify="right")
    for role, count in sorted(mined.by_role().items()):
        table.add_row(role, rules.roles[role].about, str(count))
    console().print(table)
    dropped = "，".join(f"{reason} {n}" for reason, n in mined.dropped.most_common())
    say(f"未收录的句子：{dropped or '无'}")
    say(f"已写入 {folder}")
