"""Printing shared by the commands: JSON for scripts, rich for people."""

from __future__ import annotations

import json
from typing import Any

from rich.console import Console

console = Console(highlight=False)


def print_json(data: Any) -> None:
    """UTF-8 JSON with Chinese as it is (ensure_ascii=False), as the contract asks."""
    console.file.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
