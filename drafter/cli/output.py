"""Printing shared by the commands: JSON for scripts, plain lines and rich for people.

rich is loaded on first use only: importing it costs more than a whole draft's own work, and most
runs print one plain line."""

from __future__ import annotations

import json
import sys
from functools import cache
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from rich.console import Console


@cache
def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


def say(message: str) -> None:
    """One plain line for people (no markup, no colour)."""
    typer.echo(message)


def print_json(data: Any) -> None:
    """UTF-8 JSON with Chinese as it is (ensure_ascii=False), as the contract asks."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
