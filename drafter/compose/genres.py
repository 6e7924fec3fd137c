"""Genres: one Jinja2 template each (templates/*.j2), rendered in the sandbox into the plan of a
speech — title, the opening's paragraphs of moves, sections with their roles, points and
paragraphs, the closing's paragraphs. A genre is its moves: a 表彰 speech congratulates and holds
up exemplars, a 座谈会 speech answers its speakers. A writer adds a genre by dropping a template
into their own templates folder."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from drafter.errors import DataError, UsageError
from drafter.resources import parse_yaml, shipped_folder

MARKERS = ("shi", "yao", "paren")  # 一是 / 一要 / （一）
DEFAULT_WORDS = 3000


class ParagraphPlan(NamedTuple):
    """One paragraph of a section argued without numbered points: its sentences' roles and
    (for the situation) moves, how many it takes before the length is filled, and whose
    material comes first — the field's, or the genre's own (first: genre; only: genre)."""

    roles: tuple[str, ...]
    moves: tuple[str, ...] = ()
    sentences: int = 3
    genre_first: bool = False
    genre_only: bool = False  # the genre's material alone (a 警示教育 speech's 有的干部……, not the field's work)


class SectionPlan(NamedTuple):
    role: str
    points: int  # 0: argued in its paragraphs only, whether the topic has a field or not
    share: float  # of the body's length
    marker: str
    themes: tuple[str, ...] = ()
    tasks: bool = False  # the user's --point items become this section's points
    # A field's speech argues it in these paragraphs (with points 0, every speech does).
    paragraphs: tuple[ParagraphPlan, ...] = ()
    lead_in: tuple[str, ...] = ()  # roles of the sentences that open it, before its points


class Genre(NamedTuple):
    id: str
    name: str
    aliases: tuple[str, ...]
    about: str
    meeting: str
    title: str
    opening: tuple[tuple[str, ...], ...]  # paragraphs of roles, in order
    sections: tuple[SectionPlan, ...]
    closing: tuple[tuple[str, ...], ...]
    file: Path = Path()
    words: int = DEFAULT_WORDS  # its usual length, where the writer gives none
    own: frozenset[str] = frozenset()  # roles whose phrases written for it come before the field's
    gaps: frozenset[str] = frozenset()  # roles whose sentences leave the writer a gap first (受表彰的……)

    def roles(self) -> list[str]:
        """Every role the genre names."""
        framing = [r for paragraph in (*self.opening, *self.closing) for r in paragraph]
        return framing + [
            r for s in self.sections for r in (s.role, *s.lead_in, *(r for p in s.paragraphs for r in p.roles))
        ]


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
        sections = tuple(_section(s) for s in data["sections"])
        genre = Genre(
            id=genre_id,
            name=str(data["name"]),
            aliases=tuple(str(a) for a in data.get("aliases", [])),
            about=str(data.get("about", "")),
            meeting=str(data["meeting"]),
            title=str(data["title"]),
            opening=_paragraphs(data["opening"]),
            sections=sections,
            closing=_paragraphs(data["closing"]),
            file=path,
            words=int(data.get("words", DEFAULT_WORDS)),
            own=frozenset(str(r) for r in data.get("own", [])),
            gaps=frozenset(str(r) for r in data.get("gaps", [])),
        )
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise fail(f"缺少或写错了 {exc}") from None
    unknown = [r for r in (*genre.roles(), *genre.own, *genre.gaps) if r not in roles]
    if unknown:
        raise fail(f"未知的角色 {'、'.join(unknown)}")
    if not sections or any(s.marker not in MARKERS or s.points < 0 or not (s.points or s.paragraphs) for s in sections):
        raise fail(f"每个部分要有 points ≥ 1 或 paragraphs，marker 取 {'、'.join(MARKERS)}")
    return genre


def _section(s: dict) -> SectionPlan:
    return SectionPlan(
        role=str(s["role"]),
        points=int(s.get("points", 0)),
        share=float(s["share"]),
        marker=str(s.get("marker", "yao")),
        themes=tuple(str(t) for t in s.get("themes", [])),
        tasks=bool(s.get("tasks", False)),
        paragraphs=tuple(
            ParagraphPlan(
                roles=tuple(str(r) for r in p["roles"]),
                moves=tuple(str(m) for m in p.get("moves", [])),
                sentences=int(p.get("sentences", 3)),
                genre_first=p.get("first") == "genre" or p.get("only") == "genre",
                genre_only=p.get("only") == "genre",
            )
            for p in s.get("paragraphs", [])
        ),
        lead_in=tuple(str(r) for r in s.get("lead_in", [])),
    )


def _paragraphs(items: list) -> tuple[tuple[str, ...], ...]:
    """The opening's or closing's paragraphs: a list of roles is one paragraph; roles standing
    alone in a row make one too (a transition, 下面，我讲三点意见, always stands by itself)."""
    paragraphs: list[list[str]] = []
    loose = False
    for item in items:
        if isinstance(item, list):
            paragraphs.append([str(r) for r in item])
            loose = False
        elif str(item) == "opening.transition" or not loose:
            paragraphs.append([str(item)])
            loose = str(item) != "opening.transition"
        else:
            paragraphs[-1].append(str(item))
    return tuple(tuple(p) for p in paragraphs)
