"""Bank files on disk: YAML a person can read and edit, written so that a crash leaves the old
files whole."""

from __future__ import annotations

import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from drafter.errors import InputError


def dump_yaml(entries: list[dict[str, Any]], header: str) -> str:
    """Entries as a YAML list, one mapping an entry, short lists in flow style, Chinese as is."""
    yaml = YAML(typ="rt", pure=True)  # keeps each entry's keys in the order given
    yaml.default_flow_style = None
    yaml.allow_unicode = True
    yaml.width = 4096  # one phrase, one line
    buffer = io.StringIO()
    yaml.dump(entries, buffer)
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comments + buffer.getvalue()


def replace_folder(folder: Path, files: dict[str, str]) -> None:
    """Make FOLDER hold exactly FILES (name -> text), all at once: the new folder is written
    beside it and swapped in by renames, so an interrupted run leaves the old folder as it was."""
    parent = folder.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.new-", dir=parent))
    except OSError as exc:
        raise InputError(f"无法写入文件夹 {parent}：{exc.strerror or exc}") from None
    try:
        for name, text in files.items():
            (staging / name).write_text(text, encoding="utf-8")
        old = parent / f".{folder.name}.old"
        if old.exists():
            shutil.rmtree(old)
        if folder.exists():
            folder.rename(old)
        staging.rename(folder)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        old = parent / f".{folder.name}.old"
        if old.exists() and not folder.exists():
            old.rename(folder)
        raise
