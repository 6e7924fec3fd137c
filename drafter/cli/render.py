"""`drafter render IN -o OUT`: put a speech file into the official layout (or .md/.txt/.pdf)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from drafter.cli.output import say
from drafter.errors import UsageError


def register(app: typer.Typer) -> None:
    app.command(
        "render",
        help="把讲话稿（.txt/.md/.docx）排成公文格式的 Word 文件，或输出 .md、.txt、.pdf。\n\n"
        "Convert a speech file to the official Word layout (GB/T 9704-2012), or to .md/.txt/.pdf.\n\n"
        "例 Examples:\n\n"
        "  drafter render 讲话.txt -o 讲话.docx\n\n"
        "  drafter render 讲话.docx -o 宣读版.docx --layout reading\n\n"
        "  drafter render 讲话.txt -o 讲话.docx --reference-doc 本单位模板.docx\n\n"
        "  drafter render 讲话.docx -o 讲话.pdf          （需要安装 LibreOffice）",
    )(render_command)


def render_command(
    source: Annotated[Path, typer.Argument(help="讲话稿文件：.txt、.md 或 .docx", show_default=False)],
    output: Annotated[
        Path | None, typer.Option("-o", "--output", help="输出文件，格式由扩展名决定（默认：原文件名-公文格式.docx）")
    ] = None,
    fmt: Annotated[
        str | None, typer.Option("--format", help="输出格式：docx、md、txt、pdf（默认由扩展名决定）")
    ] = None,
    layout: Annotated[
        str, typer.Option("--layout", help="版式：official（印发版）或 reading（宣读版，大字号）")
    ] = "official",
    reference: Annotated[
        Path | None,
        typer.Option("--reference-doc", help="本单位的 Word 模板：沿用其中的样式、页面设置和页码"),
    ] = None,
) -> None:
    from drafter.render import output_format, render
    from drafter.structure import parse_file

    target = output or source.with_name(
        f"{source.stem}-{'宣读版' if layout == 'reading' else '公文格式'}.{fmt or 'docx'}"
    )
    if target.resolve() == source.resolve():
        raise UsageError("输出文件不能与输入文件相同，请用 -o 指定另一个文件名")
    chosen = output_format(target, fmt)
    speeches = parse_file(source)
    paths = (
        [target]
        if len(speeches) == 1
        else [target.with_stem(f"{target.stem}-{n}") for n in range(1, len(speeches) + 1)]
    )
    for speech, path in zip(speeches, paths):
        render(speech, path, chosen, layout, reference)
        say(f"已生成 {path}")
