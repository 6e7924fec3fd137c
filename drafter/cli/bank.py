"""`drafter bank …`: browse and edit the phrase bank."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tempfile
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.bank.layers import Bank, Layer
from drafter.bank.model import Phrase, phrase_id
from drafter.cli.common import BankOption, IdArgument, JsonOption
from drafter.cli.output import console, print_json, say
from drafter.errors import InputError, UsageError

if TYPE_CHECKING:
    from rich.table import Table

bank_app = typer.Typer(
    help="浏览和编辑素材库。Browse and edit the phrase bank.\n\n"
    "素材库分层：drafter 自带的素材库（只读）、自己的素材库（默认在用户数据文件夹，可用环境变量 "
    "DRAFTER_HOME 或 --bank 指定），以及其余 --bank 文件夹。编号相同时上层覆盖下层。\n\n"
    "例 Examples:\n\n"
    "  drafter bank search 压实责任\n\n"
    "  drafter bank add '要把{{ topic }}摆上重要议事日程。' --role body.demand\n\n"
    "  drafter bank list --role closing.exhortation",
    no_args_is_help=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(bank_app, name="bank")


def _source_label(phrase: Phrase) -> str:
    return phrase.source if isinstance(phrase.source, str) else f"{phrase.source.file}:{phrase.source.paragraph}"


def _table(phrases: list[Phrase], title: str, scores: list[float] | None = None) -> Table:
    from rich.table import Table

    table = Table(title=title, show_lines=False)
    if scores is not None:
        table.add_column("匹配", justify="right")
    table.add_column("编号 id", no_wrap=True)
    table.add_column("角色 role", no_wrap=True)
    table.add_column("表述 text", overflow="fold", ratio=4)
    table.add_column("标签 tags", overflow="fold", ratio=1)
    table.add_column("来源 source", overflow="fold", ratio=1)
    for n, phrase in enumerate(phrases):
        row = [
            phrase.id,
            phrase.role,
            phrase.text,
            " ".join(phrase.tags + [f"topic:{t}" for t in phrase.topics]),
            _source_label(phrase),
        ]
        table.add_row(*([f"{scores[n]:.0f}"] if scores is not None else []), *row)
    return table


@bank_app.command(
    "list",
    help="列出素材库中的表述，可按角色、标签、主题筛选。\n\n例：drafter bank list --role body.demand --tag domain:党建",
)
def list_command(
    role: Annotated[str | None, typer.Option("--role", help="只列出这个角色，如 body.demand")] = None,
    tag: Annotated[str | None, typer.Option("--tag", help="只列出带这个标签的，如 genre:mobilization")] = None,
    topic: Annotated[str | None, typer.Option("--topic", help="只列出限定于这个主题的")] = None,
    field: Annotated[
        str | None, typer.Option("--field", help="只列出这个领域的（名称或编号，见 drafter fields）")
    ] = None,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    store = Bank.open(bank)
    field_tag = None
    if field is not None:
        found = store.fields().find(field)
        if found is None:
            raise UsageError(f"没有“{field}”这个领域：用 drafter fields 查看可选的领域")
        field_tag = f"field:{found.id}"
    phrases = [
        p for p in store.phrases()
        if (role is None or p.role == role) and (tag is None or tag in p.tags) and (topic is None or topic in p.topics)
        and (field_tag is None or field_tag in p.tags)
    ]  # fmt: skip
    if as_json:
        print_json([p.to_dict() for p in phrases])
    else:
        console().print(_table(phrases, f"{len(phrases)} 条表述"))


@bank_app.command("search", help="按词语查找表述，最匹配的在前。\n\n例：drafter bank search 压实责任")
def search_command(
    query: Annotated[str, typer.Argument(help="要找的词语，可以是几个词", show_default=False)],
    limit: Annotated[int, typer.Option("--limit", help="最多显示多少条")] = 20,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    from drafter.bank.search import search

    found = search(Bank.open(bank).rows(), query, limit)
    if as_json:
        print_json([{**p.to_dict(), "score": round(s, 1)} for s, p in found])
    else:
        console().print(_table([p for _, p in found], f"“{query}”：{len(found)} 条", [s for s, _ in found]))


@bank_app.command("show", help="显示一条表述的全部内容。\n\n例：drafter bank show closing.exhortation-c01")
def show_command(
    phrase_id_: IdArgument,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    loc = Bank.open(bank).locate(phrase_id_)
    data = {**loc.phrase.to_dict(), "layer": loc.layer.name, "file": str(loc.file), "line": loc.line}
    if as_json:
        print_json(data)
    else:
        for key, value in data.items():
            console().print(
                f"[bold]{key}[/]: {json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value}"
            )


@bank_app.command(
    "add",
    help="把一条表述加入自己的素材库。"
    "槽位可用 {{ topic }}、{{ org }}、{{ unit }}、{{ meeting }}、{{ speaker }}、{{ date }}、{{ x }}。\n\n"
    "例：drafter bank add '要把{{ topic }}摆上重要议事日程。' --role body.demand --tag domain:党建",
)
def add_command(
    text: Annotated[str, typer.Argument(help="表述的文字", show_default=False)],
    role: Annotated[str, typer.Option("--role", help="角色，如 body.demand（见 drafter/data/roles.yaml）")],
    tag: Annotated[list[str] | None, typer.Option("--tag", help="标签，可重复")] = None,
    topic: Annotated[list[str] | None, typer.Option("--topic", help="限定的主题，可重复（不写 = 通用）")] = None,
    bank: BankOption = None,
) -> None:
    phrase = Phrase(phrase_id(role, text), role, text, sorted(tag or []), list(topic or []), "user")
    Bank.open(bank).add(phrase)
    say(f"已加入：{phrase.id}")


@bank_app.command(
    "edit",
    help="修改一条表述；不给任何选项时用 $EDITOR 打开它。改动不合规时不作任何修改。\n\n"
    "例：drafter bank edit body.demand-c01 --text '新的表述。'",
)
def edit_command(
    phrase_id_: IdArgument,
    text: Annotated[str | None, typer.Option("--text", help="新的文字")] = None,
    role: Annotated[str | None, typer.Option("--role", help="新的角色")] = None,
    tag: Annotated[list[str] | None, typer.Option("--tag", help="新的标签（替换原有标签），可重复")] = None,
    bank: BankOption = None,
) -> None:
    store = Bank.open(bank)
    changes: dict[str, object] = {}
    if text is not None:
        changes["text"] = text
    if role is not None:
        changes["role"] = role
    if tag is not None:
        changes["tags"] = sorted(tag)
    if not changes:
        changes = _edit_in_editor(store.locate(phrase_id_).phrase)
    store.edit(phrase_id_, **changes)
    say(f"已修改：{phrase_id_}")


def _edit_in_editor(phrase: Phrase) -> dict[str, object]:
    from drafter.bank.store import dump_yaml, read_entries

    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
    if not editor:
        raise UsageError("没有设置编辑器：请用 --text/--role/--tag 修改，或设置环境变量 EDITOR")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{phrase.id}.yaml"
        path.write_text(dump_yaml([phrase.to_dict()], "修改后保存并关闭编辑器；id 不能改。"), encoding="utf-8")
        try:
            subprocess.run([*shlex.split(editor), str(path)], check=True)
        except (OSError, subprocess.CalledProcessError) as exc:
            raise InputError(f"编辑器没有正常结束（{exc}），未作任何修改") from None
        entries, problems = read_entries(path)
    if problems or len(entries) != 1 or not isinstance(entries[0][1], dict):
        raise InputError(f"改后的内容不是一条表述，未作任何修改{('：' + str(problems[0])) if problems else ''}")
    edited = entries[0][1]
    if edited.get("id") != phrase.id:
        raise InputError("编号 id 不能修改，未作任何修改")
    return {k: edited[k] for k in ("text", "role", "tags", "topics") if k in edited}


@bank_app.command(
    "rm",
    help="删除自己素材库中的一条表述；自带素材库中的表述则在自己的素材库里隐藏。\n\n"
    "例：drafter bank rm body.demand-c01",
)
def rm_command(
    phrase_id_: IdArgument,
    bank: BankOption = None,
) -> None:
    Bank.open(bank).remove(phrase_id_)
    say(f"已删除：{phrase_id_}")


@bank_app.command("stats", help="按角色、标签、来源统计素材库。\n\n例：drafter bank stats --json")
def stats_command(bank: BankOption = None, as_json: JsonOption = False) -> None:
    phrases = Bank.open(bank).phrases()
    stats = {
        "phrases": len(phrases),
        "by_role": dict(sorted(Counter(p.role for p in phrases).items())),
        "by_tag": dict(sorted(Counter(t for p in phrases for t in p.tags if not t.startswith("set:")).items())),
        "by_source": dict(sorted(Counter(p.source if isinstance(p.source, str) else "mined" for p in phrases).items())),
        "generic": sum(1 for p in phrases if not p.topics),
    }
    if as_json:
        print_json(stats)
        return
    from rich.table import Table

    say(f"共 {stats['phrases']} 条表述，其中通用 {stats['generic']} 条")
    for title, key in (("角色", "by_role"), ("来源", "by_source"), ("标签", "by_tag")):
        table = Table(title=f"按{title}")
        table.add_column(title)
        table.add_column("条数", justify="right")
        for name, count in stats[key].items():  # type: ignore[union-attr]
            table.add_row(str(name), str(count))
        console().print(table)


@bank_app.command(
    "validate",
    help="检查素材库文件：YAML 格式、未知角色、未知槽位、模板语法、重复编号。有错误时退出码为 1。\n\n"
    "例：drafter bank validate 我的素材库",
)
def validate_command(
    folder: Annotated[Path | None, typer.Argument(help="只检查这个文件夹（默认检查全部素材库）")] = None,
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    if folder is not None and not folder.is_dir():
        raise InputError(f"找不到素材库文件夹：{folder}")
    store = Bank([Layer("own", folder)]) if folder is not None else Bank.open(bank, strict=False)
    problems = store.problems
    if as_json:
        print_json({"problems": [{"file": p.file, "line": p.line, "message": p.message} for p in problems]})
    elif problems:
        from rich.markup import escape

        for problem in problems:
            console().print(f"[red]✗[/] {escape(str(problem))}", soft_wrap=True)
        say(f"共 {len(problems)} 处错误")
    else:
        say(f"素材库没有问题（{len(store.phrases())} 条表述）")
    if problems:
        raise typer.Exit(1)


@bank_app.command(
    "export",
    help="把看得到的全部表述导出为一个 YAML 文件，供其他单位导入。\n\n例：drafter bank export --to 本单位素材.yaml",
)
def export_command(
    to: Annotated[Path, typer.Option("--to", help="导出的文件", show_default=False)],
    bank: BankOption = None,
) -> None:
    from drafter.bank.exchange import export_bank

    count = export_bank(Bank.open(bank), to)
    say(f"已导出 {count} 条表述到 {to}")


@bank_app.command(
    "import",
    help="把其他单位的素材文件合并进自己的素材库；重复和近似重复的只报告、不重复加入。\n\n"
    "例：drafter bank import 兄弟单位素材.yaml",
)
def import_command(
    file: Annotated[Path, typer.Argument(help="要导入的 YAML 文件", show_default=False)],
    bank: BankOption = None,
    as_json: JsonOption = False,
) -> None:
    from drafter.bank.exchange import import_file

    report = import_file(Bank.open(bank), file)
    if as_json:
        print_json(
            {
                "added": [p.id for p in report.added],
                "duplicates": [{"theirs": t.id, "ours": o.id} for t, o in report.duplicates],
                "near_duplicates": [
                    {"theirs": t.id, "ours": o.id, "score": round(s, 1)} for t, o, s in report.near_duplicates
                ],
                "invalid": [str(p) for p in report.invalid],
            }
        )
        return
    skipped = f"重复 {len(report.duplicates)} 条、近似重复 {len(report.near_duplicates)} 条未加入"
    # Plain lines: the phrases are the writers' own text, which rich would read as markup ([…]).
    say(f"新加入 {len(report.added)} 条；{skipped}；不合规 {len(report.invalid)} 条")
    for theirs, ours in report.duplicates:
        say(f"  重复：{theirs.text}（已有 {ours.id}）")
    for theirs, ours, score in report.near_duplicates:
        say(f"  近似（{score:.0f}）：{theirs.text}  ≈  {ours.text}（{ours.id}）")
    for problem in report.invalid:
        say(f"  不合规：{problem}")
