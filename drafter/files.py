"""Writing files so that a crash or a kill never leaves a half-written file behind."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from drafter.errors import InputError


def cache_folder() -> Path:
    """Where drafter keeps what it can make again (compiled banks, parsed data files, blank Word
    documents in a layout): DRAFTER_CACHE, else the user's cache folder."""
    configured = os.environ.get("DRAFTER_CACHE")
    if configured:
        return Path(configured)
    import platformdirs

    return Path(platformdirs.user_cache_dir("drafter"))


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write DATA to PATH through a temporary file in the same folder and a rename: readers see
    the old file or the new one, never a part of it."""
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except FileNotFoundError:
        raise InputError(f"找不到输出文件夹：{folder}") from None
    except PermissionError:
        raise InputError(f"没有权限写入文件夹：{folder}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def atomic_write_text(path: Path, text: str) -> None:
    atomic_write_bytes(path, text.encode("utf-8"))
