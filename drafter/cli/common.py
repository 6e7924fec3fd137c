"""Options and parsing shared by several commands."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from drafter.errors import UsageError

BankOption = Annotated[
    list[Path] | None,
    typer.Option("--bank", help="素材库文件夹：第一个是自己的素材库（修改写入这里），其余叠加在上面；可重复"),
]
IdArgument = Annotated[str, typer.Argument(metavar="ID", help="表述的编号", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="输出 JSON")]


def parse_date(value: str | None) -> date:
    """--date as YYYY-MM-DD; today when not given."""
    if value is None:
        return date.today()
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"日期“{value}”的格式不对：应为 YYYY-MM-DD，例如 2026-11-22") from None
