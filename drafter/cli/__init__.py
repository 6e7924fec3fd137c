"""drafter's command line: a thin Typer layer that parses options, calls the library and prints.

Every command group lives in a module of its own and is registered here.
"""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer
from typer.core import TyperGroup

from drafter import __version__
from drafter.errors import DrafterError


class _FriendlyGroup(TyperGroup):
    """Turns drafter's own errors into one line on stderr and the error's exit code."""

    def invoke(self, ctx: typer.Context) -> object:
        try:
            return super().invoke(ctx)
        except DrafterError as exc:
            # One line, whatever a library's message held (a YAML error spans several).
            typer.echo(f"错误：{' '.join(exc.message.split())}", err=True)
            raise typer.Exit(exc.exit_code) from None


app = typer.Typer(
    cls=_FriendlyGroup,
    name="drafter",
    help="drafter：讲话稿起草工具（离线运行）。Drafts Chinese official speeches offline.\n\n"
    "例 Examples:  drafter draft 安全生产 -o 讲话.docx    drafter check 讲话.docx    drafter genres",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号 Show the version.")
    ] = False,
) -> None:
    """drafter：讲话稿起草工具。"""


from drafter.cli import bank, check, draft, mine, parse, render  # noqa: E402  (each registers its commands on app)

draft.register(app)
parse.register(app)
render.register(app)
check.register(app)
mine.register(app)
bank.register(app)


def main() -> None:
    """Console entry point. An unexpected failure is reported in one line, not a traceback."""
    try:
        app()
    except Exception as exc:  # the last guard for users; DRAFTER_DEBUG=1 shows the traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        reason = f"{type(exc).__name__}: {exc}"
        print(f"错误：drafter 内部出错（{reason}）。设置 DRAFTER_DEBUG=1 可查看详情。", file=sys.stderr)
        sys.exit(1)
