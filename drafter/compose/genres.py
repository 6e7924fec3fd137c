"""Genres: one Jinja2 template each (templates/*.j2), rendered in the sandbox into the plan of a
speech — title, opening moves, sections with their roles and points, closing. A writer adds a
genre by dropping a template into their own templates folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from drafter.errors import DataError, UsageError
from drafter.resources import parse_yaml, shipped_folder

MARKERS = ("shi", "yao", "paren")  # 一是 / 一要 / （一）


class SectionPlan(NamedTuple):
    role: str
    points: int
    share: float  # of the body's length
    marker: str
    themes: tuple[str, ...] = ()
    tasks: bool = False  # the user's --point items become this section's points


class Genre(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    about: str
    meeting: str
    title: str
    opening: tuple[str, ...]
    sections: tuple[SectionPlan, ...]
    closing: tuple[str, ...]
    file: Path = Path()


def user_templates() -> Path:
    """The writer's own genre templates: DRAFTER_TEMPLATES, else beside their own bank."""
    configured = os.environ.get("DRAFTER_TEMPLATES")
    if configured:
        return Path(configured)
    from drafter.bank.layers import own_bank_folder

    return own_bank_folder().parent / "templates"


def template_files() -> dict[str, Path]:
    """Genre id → template; the writer's own templates override drafter's of the same name."""
    files = {}
    for folder in (shipped_folder("templates"), user_templates()):
        if folder.is_dir():
            files.update({p.stem: p for p in sorted(folder.glob("*.j2"))})
    return files


def load_genre(name: str, context: dict[str, object]) -> Genre:
    """The genre NAME (id or Chinese alias), rendered for CONTEXT."""
    files = template_files()
    if name in files:
        return render_genre(name, files[name], context)
    for genre_id, path in files.items():
        genre = render_genre(genre_id, path, context)
        if name in genre.aliases or name == genre.name:
            return genre
    known = "、".join(f"{g.id}（{g.name}）" for g in all_genres(context))
    raise UsageError(f"没有“{name}”这种讲话类型：可用 {known}")


def all_genres(context: dict[str, object]) -> list[Genre]:
    return [render_genre(genre_id, path, context) for genre_id, path in template_files().items()]


def render_genre(genre_id: str, path: Path, context: dict[str, object]) -> Genre:
    key = (genre_id, str(path), tuple(sorted((k, str(v)) for k, v in context.items())))
    if key not in _RENDERED:  # the same genre and options are asked for several times a draft
        _RENDERED[key] = _render_genre(genre_id, path, context)
    return _RENDERED[key]


_RENDERED: dict[tuple, Genre] = {}


def _render_genre(genre_id: str, path: Path, context: dict[str, object]) -> Genre:
    import yaml
    from jinja2 import TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    try:
        text = SandboxedEnvironment().from_string(path.read_text(encoding="utf-8")).render(**context)
        data = parse_yaml(text)
    except (OSError, TemplateError, yaml.YAMLError) as exc:
        raise DataError(f"讲话类型模板 {path} 有错误：{exc}") from None
    return _genre(genre_id, path, data)


def _genre(genre_id: str, path: Path, data: object) -> Genre:
    from drafter.resources import role_rules

    roles = role_rules().roles

    def fail(what: str) -> DataError:
        return DataError(f"讲话类型模板 {path} 有错误：{what}")

    if not isinstance(data, dict):
        raise fail("应生成一个映射（name、title、sections …）")
    try:
        sections = tuple(
            SectionPlan(
                role=str(s["role"]),
                points=int(s["points"]),
                share=float(s["share"]),
                marker=str(s.get("marker", "yao")),
                themes=tuple(str(t) for t in s.get("themes", [])),
                tasks=bool(s.get("tasks", False)),
            )
            for s in data["sections"]
        )
        genre = Genre(
            id=genre_id,
            name=str(data["name"]),
            aliases=tuple(str(a) for a in data.get("aliases", [])),
            about=str(data.get("about", "")),
            meeting=str(data["meeting"]),
            title=str(data["title"]),
            opening=tuple(str(r) for r in data["opening"]),
            sections=sections,
            closing=tuple(str(r) for r in data["closing"]),
            file=path,
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise fail(f"缺少或写错了 {exc}") from None
    unknown = [r for r in (*genre.opening, *genre.closing, *(s.role for s in sections)) if r not in roles]
    if unknown:
        raise fail(f"未知的角色 {'、'.join(unknown)}")
    if not sections or any(s.marker not in MARKERS or s.points < 1 for s in sections):
        raise fail(f"每个部分要有 points ≥ 1，marker 取 {'、'.join(MARKERS)}")
    return genre
