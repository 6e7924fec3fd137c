"""The command line as a whole: each command is found where drafter looks for it at start-up."""

from __future__ import annotations

import typer

from drafter.cli import COMMAND_MODULES, make_app


def _names(app: typer.Typer) -> set[str]:
    return set(typer.main.get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_is_listed_with_its_module():
    # A command missing from COMMAND_MODULES would still run, but only after loading every module.
    assert _names(make_app()) == set(COMMAND_MODULES)


def test_a_command_alone_loads_its_own_module():
    for command, module in COMMAND_MODULES.items():
        together = {c for c, m in COMMAND_MODULES.items() if m == module}
        assert _names(make_app(command)) == together
