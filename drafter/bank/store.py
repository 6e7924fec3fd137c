"""Bank files on disk: YAML a person can read and edit, written so that a crash leaves the old
files whole."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from pathlib import Path
from typing import Any, NamedTuple

from drafter.errors import InputError
from drafter.files import atomic_write_text
from drafter.resources import yaml_problem


def dump_yaml(entries: list[dict[str, Any]], header: str) -> str:
    """Entries as a YAML list, one mapping an entry, short lists in flow style, Chinese as is."""
    from ruamel.yaml import YAML  # here: loading a bank (the common case) never needs it

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


class Problem(NamedTuple):
    """Something wrong in a bank file, where a person can find it."""

    file: str
    line: int  # 1-based; 0 when the whole file is at fault
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}" if self.line else f"{self.file}: {self.message}"


MAX_NESTING = 40  # a bank entry is three levels deep; anything beyond this is no bank
_FLOW = re.compile(r"[\[\]{}]")
_INDENT = re.compile(r"^( *)", re.MULTILINE)


def nesting(text: str) -> int:
    """How deeply TEXT nests, from its brackets and its indentation (two spaces a level)."""
    depth = deepest = 0
    for m in _FLOW.finditer(text):
        depth = depth + 1 if m.group(0) in "[{" else max(0, depth - 1)
        deepest = max(deepest, depth)
    indent = max((len(m.group(1)) for m in _INDENT.finditer(text)), default=0)
    return max(deepest, indent // 2)


def read_entries(path: Path) -> tuple[list[tuple[int, Any]], list[Problem]]:
    """The entries of a bank file with their line numbers, read fast (libyaml); a file that is
    no YAML list gives a problem instead."""
    return _read_yaml(path, mapping=False)


def read_mapping(path: Path) -> tuple[Any, list[Problem]]:
    """A file holding one YAML mapping (a field file), read as read_entries reads a list."""
    return _read_yaml(path, mapping=True)


def _read_yaml(path: Path, mapping: bool) -> tuple[Any, list[Problem]]:
    empty: Any = None if mapping else []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return empty, [Problem(str(path), 0, f"无法读取：{exc}")]
    import yaml  # here: a bank served from its cache never reads YAML

    depth = nesting(text)
    if depth > MAX_NESTING:  # libyaml recurses per level and would crash the process
        return empty, [Problem(str(path), 0, f"嵌套层数过多（{depth} 层），不像素材库文件，已拒绝")]
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)(text)  # libyaml: ten times faster
    try:
        root = loader.get_single_node()
        if root is None:
            return empty, []
        if mapping:
            if not isinstance(root, yaml.MappingNode):
                return None, [Problem(str(path), root.start_mark.line + 1, "领域文件应是一个映射（id: …、name: …）")]
            return loader.construct_document(root), []
        if not isinstance(root, yaml.SequenceNode):
            return [], [Problem(str(path), root.start_mark.line + 1, "素材库文件应是一个列表（每条以“- ”开头）")]
        return [(node.start_mark.line + 1, loader.construct_document(node)) for node in root.value], []
    except yaml.YAMLError as exc:
        line, problem = yaml_problem(exc)
        return empty, [Problem(str(path), line, f"YAML 格式错误：{problem}")]
    finally:
        loader.dispose()


def round_trip_load(path: Path) -> Any:
    """A bank file as ruamel's round-trip data, so that comments and order survive an edit."""
    from ruamel.yaml import YAML

    return YAML(typ="rt").load(path.read_text(encoding="utf-8")) if path.exists() else None


def round_trip_entry(entry: dict[str, Any]) -> Any:
    """A new entry laid out as `drafter mine` writes them: short lists and the source on one line."""
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    out = CommentedMap()
    for key, value in entry.items():
        if isinstance(value, (list, dict)):
            value = CommentedSeq(value) if isinstance(value, list) else CommentedMap(value)
            value.fa.set_flow_style()
        out[key] = value
    return out


def round_trip_save(path: Path, data: Any) -> None:
    """Write round-trip data back atomically."""
    from ruamel.yaml import YAML

    yaml_rt = YAML(typ="rt")
    yaml_rt.width = 4096
    yaml_rt.allow_unicode = True
    buffer = io.StringIO()
    yaml_rt.dump(data, buffer)
    atomic_write_text(path, buffer.getvalue())
