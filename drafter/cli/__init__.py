"""drafter's command line: a thin Typer layer that parses options, calls the library and prints.

Every command group lives in a module of its own, with a register(app) function.
"""

from __future__ import annotations

import importlib
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


# The module of each command. Only the module of the command being run is loaded and turned into
# click commands: doing that for every command costs more than a draft's own work.
COMMAND_MODULES = {
    "draft": "draft", "outline": "draft", "genres": "draft", "parse": "parse", "render": "render",
    "check": "check", "mine": "mine", "bank": "bank", "fields": "fields",
}  # fmt: skip


def make_app(command: str | None = None) -> typer.Typer:
    """drafter's command line; with COMMAND (a command's name), the app holds that command's
    module only, else every command."""
    app = typer.Typer(
        cls=_FriendlyGroup,
        name="drafter",
        help="drafter：讲话稿起草工具（离线运行）。Drafts Chinese official speeches offline.\n\n"
        "例 Examples:  drafter draft 安全生产 -o 讲话.docx    drafter check 讲话.docx    drafter fields",
        no_args_is_help=True,
        pretty_exceptions_enable=False,
        rich_markup_mode="rich",
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(_root)
    modules = [COMMAND_MODULES[command]] if command in COMMAND_MODULES else dict.fromkeys(COMMAND_MODULES.values())
    for module in modules:
        importlib.import_module(f"drafter.cli.{module}").register(app)
    return app


def _version(value: bool) -> None:
    if value:
        typer.echo(f"drafter {__version__}")
        raise typer.Exit()


def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="显示版本号 Show the version.")
    ] = False,
) -> None:
    """drafter：讲话稿起草工具。"""


def __getattr__(name: str) -> typer.Typer:
    """`from drafter.cli import app`: the whole command line, for scripts and tests."""
    if name == "app":
        return make_app()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main() -> None:
    """Console entry point. An unexpected failure is reported in one line, not a traceback."""
    args = sys.argv[1:]
    try:
        make_app(args[0] if args else None)()
    except Exception as exc:  # the last guard for users; DRAFTER_DEBUG=1 shows the traceback
        if os.environ.get("DRAFTER_DEBUG"):
            raise
        reason = f"{type(exc).__name__}: {exc}"
        print(f"错误：drafter 内部出错（{reason}）。设置 DRAFTER_DEBUG=1 可查看详情。", file=sys.stderr)
        sys.exit(1)
