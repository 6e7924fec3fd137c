"""`drafter draft`, `drafter outline`, `drafter genres`: a speech from a topic."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from drafter.cli.common import BankOption, JsonOption, parse_date
from drafter.cli.output import console, print_json, say
from drafter.errors import UsageError

if TYPE_CHECKING:
    from drafter.compose import Draft, Options

TopicArg = Annotated[str | None, typer.Argument(help="讲话的主题，如 安全生产、主题教育、乡村振兴", show_default=False)]
GenreOpt = Annotated[str, typer.Option("--genre", help="讲话类型（见 drafter genres），中文名也可以，如 动员部署会")]
OrgOpt = Annotated[str, typer.Option("--org", help="讲话面向的范围，如 全区、全局、全院")]
SpeakerOpt = Annotated[str | None, typer.Option("--speaker", help="讲话人，写在标题下")]
MeetingOpt = Annotated[str | None, typer.Option("--meeting", help="会议名称（默认由主题和类型生成）")]
DateOpt = Annotated[str | None, typer.Option("--date", help="讲话日期 YYYY-MM-DD（默认今天），也决定用哪些规范提法")]
PointOpt = Annotated[list[str] | None, typer.Option("--point", help="自己要讲的重点任务，作为任务部分的要点；可重复")]
WordsOpt = Annotated[
    int | None, typer.Option("--words", help="目标字数（不计空格；默认按讲话类型：多数 3000，团拜会 1500）")
]
SeedOpt = Annotated[int, typer.Option("--seed", help="随机种子：相同的输入和种子，生成相同的稿子")]
FieldOpt = Annotated[
    str | None,
    typer.Option(
        "--field", help="指定主题所属的领域（见 drafter fields），如 安全生产；两个领域用顿号隔开。默认按主题自动判断"
    ),
]


def register(app: typer.Typer) -> None:
    app.command(
        "draft",
        help="按主题起草一篇讲话稿。不给 -o 时以 Markdown 输出到屏幕。\n\n"
        "Draft a speech from a topic (stdout as Markdown without -o).\n\n"
        "例 Examples:\n\n"
        "  drafter draft 安全生产 -o 讲话.docx\n\n"
        "  drafter draft 主题教育 --genre 动员部署会 --org 全局 --speaker 张明 --words 4000 -o 动员讲话.docx\n\n"
        "  drafter draft 乡村振兴 --point 发展特色产业 --point 改善人居环境 -o 讲话.md\n\n"
        "  drafter draft 冬季供暖保障 --field 住房和城乡建设 -o 讲话.docx   （指定领域）\n\n"
        "  drafter outline 安全生产 -o 提纲.yaml   （修改提纲后）  drafter draft --outline 提纲.yaml -o 讲话.docx",
    )(draft_command)
    app.command(
        "outline",
        help="生成讲话提纲（标题、各部分标题、要点、字数），修改后用 drafter draft --outline 填成全文。\n\n"
        "例：drafter outline 安全生产 --genre 工作会议 -o 提纲.yaml",
    )(outline_command)
    app.command("genres", help="列出可用的讲话类型。\n\n例：drafter genres")(genres_command)


def _options(topic: str | None, genre: str, org: str, speaker: str | None, meeting: str | None, when: str | None,
             point: list[str] | None, words: int | None, seed: int, field: str | None) -> Options:  # fmt: skip
    from drafter.compose import Options

    if topic is None:
        raise UsageError("请给出讲话的主题，例如：drafter draft 安全生产 -o 讲话.docx")
    points = list(point or [])
    options = Options(topic.strip(), genre, org, speaker, meeting, parse_date(when), points, words, seed, field)
    options.check()
    from drafter.compose.genres import load_genre
    from drafter.compose.outline import genre_context

    load_genre(genre, genre_context(options))  # an unknown genre is told before any work
    return options


def draft_command(
    topic: TopicArg = None,
    genre: GenreOpt = "work-meeting",
    org: OrgOpt = "全区",
    speaker: SpeakerOpt = None,
    meeting: MeetingOpt = None,
    when: DateOpt = None,
    point: PointOpt = None,
    words: WordsOpt = None,
    seed: SeedOpt = 1,
    field: FieldOpt = None,
    variants: Annotated[int, typer.Option("--variants", help="生成几篇不同的稿子（种子依次加一）")] = 1,
    explain: Annotated[bool, typer.Option("--explain", help="在每句后注明它来自素材库的哪条表述")] = False,
    outline: Annotated[Path | None, typer.Option("--outline", help="按修改过的提纲文件起草")] = None,
    bank: BankOption = None,
    reference: Annotated[Path | None, typer.Option("--reference-doc", help="本单位的 Word 模板")] = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="输出文件：.docx、.md 或 .txt")] = None,
) -> None:
    from drafter.bank.layers import Bank
    from drafter.compose import draft, outline_from_file
    from drafter.render import output_format

    if not 1 <= variants <= 20:
        raise UsageError("--variants 应在 1 到 20 之间")
    plan = outline_from_file(outline) if outline else None
    topic = topic or (plan.topic if plan else None)
    options = _options(topic, genre, org, speaker, meeting, when, point, words, seed, field)
    fmt = output_format(output) if output else "md"
    store = Bank.open(bank)
    for n in range(variants):  # each variant one seed further on (an outline's own seed, if given)
        variant = replace(plan, seed=plan.seed + n) if plan else None
        result = draft(replace(options, seed=seed + n), store, variant)
        if n == 0:
            _tell_fields(result.outline)
        _write(result, explain, fmt, output, n + 1 if variants > 1 else None, reference)


def _tell_fields(outline) -> None:
    """One line on stderr when the topic matched no field: the draft is general, and how to choose."""
    if not outline.fields:
        typer.echo(
            f"提示：“{outline.topic}”没有找到所属的领域，已用通用素材起草并多留了待补充处；"
            "可用 --field 指定领域（drafter fields 列出可选的领域）",
            err=True,
        )


def _write(
    result: Draft, explain: bool, fmt: str, output: Path | None, number: int | None, reference: Path | None
) -> None:
    from drafter.compose import explained
    from drafter.render import render
    from drafter.render.text import to_markdown

    speech = explained(result) if explain else result.speech
    if output is None:
        if number and number > 1:
            sys.stdout.write("\n---\n\n")
        sys.stdout.write(to_markdown(speech))
        return
    path = output.with_stem(f"{output.stem}-{number}") if number else output
    render(speech, path, fmt, reference=reference)
    say(f"已生成 {path}")


def outline_command(
    topic: TopicArg = None,
    genre: GenreOpt = "work-meeting",
    org: OrgOpt = "全区",
    speaker: SpeakerOpt = None,
    meeting: MeetingOpt = None,
    when: DateOpt = None,
    point: PointOpt = None,
    words: WordsOpt = None,
    seed: SeedOpt = 1,
    field: FieldOpt = None,
    bank: BankOption = None,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="提纲文件（.yaml）；不给时输出到屏幕")] = None,
) -> None:
    from drafter.bank.layers import Bank
    from drafter.compose import make_outline, outline_yaml
    from drafter.files import atomic_write_text

    options = _options(topic, genre, org, speaker, meeting, when, point, words, seed, field)
    plan = make_outline(options, Bank.open(bank))
    _tell_fields(plan)
    text = outline_yaml(plan)
    if output is None:
        sys.stdout.write(text)
    else:
        atomic_write_text(output, text)
        say(f"已生成提纲 {output}：修改后用 drafter draft --outline {output} -o 讲话.docx 起草")


def genres_command(as_json: JsonOption = False) -> None:
    from drafter.compose.genres import all_genres

    sample = {"topic": "〔主题〕", "org": "全区", "unit": "区", "meeting": None, "words": 3000, "tasks": []}
    genres = all_genres(sample)
    if as_json:
        print_json(
            [
                {"id": g.id, "name": g.name, "aliases": list(g.aliases), "about": g.about, "file": str(g.file)}
                for g in genres
            ]
        )
        return
    from rich.table import Table

    table = Table(title="讲话类型（--genre 可用编号或中文名）")
    for column in ("编号", "名称", "也可以写作", "结构"):
        table.add_column(column, overflow="fold")
    for g in genres:
        table.add_row(g.id, g.name, "、".join(g.aliases), g.about)
    console().print(table)
