"""The one place where drafter's own data files (drafter/data/*.yaml) are loaded and validated.

Rules are data: the cleaning and structure modules receive compiled rule objects from here and
never read YAML themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from datetime import date
from functools import cache, cached_property
from pathlib import Path
from typing import Any, NamedTuple

from drafter.errors import DataError, DrafterError
from drafter.files import atomic_write_bytes, cache_folder

DATA = Path(__file__).resolve().parent / "data"  # drafter's own data files, installed with the package


def shipped_folder(name: str) -> Path:
    """A folder drafter ships beside its code (phrasebank, templates): inside the installed
    package, or at the top of a source checkout (an editable install)."""
    installed = Path(__file__).resolve().parent / name
    return installed if installed.is_dir() else Path(__file__).resolve().parent.parent / name


def shipped_bank() -> Path:
    return shipped_folder("phrasebank")


def parse_yaml(text: str) -> Any:
    """TEXT as YAML, read safely, by libyaml where it is installed (ten times faster than
    PyYAML's own reader, which matters on the drafting path). Raises yaml.YAMLError."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


def yaml_problem(exc: Exception) -> tuple[int, str]:
    """Where a YAML error lies (the 1-based line, 0 when unknown) and what it is. The line where
    the broken construct began (an unclosed bracket) says more than where it was noticed."""
    mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
    return (mark.line + 1 if mark else 0), str(getattr(exc, "problem", None) or exc)


def load_yaml(name: str) -> dict[str, Any]:
    """Read drafter/data/NAME as a mapping, or raise DataError naming the file. What a file holds
    is kept, parsed, in the cache folder while the file stays as it is: every draft reads these
    files, and parsing their YAML costs more than the draft's own choices."""
    path = DATA / name
    try:
        stat = path.stat()
    except OSError as exc:
        raise DataError(f"drafter's data file {name} cannot be read: {exc}") from exc
    key, stamp = str(path), (stat.st_mtime_ns, stat.st_size)
    kept = _parsed_data()
    if key in kept and kept[key][0] == stamp:
        return kept[key][1]
    data = _parse_data_file(path, name)
    kept[key] = (stamp, data)
    _keep_parsed_data(kept)
    return data


def _parse_data_file(path: Path, name: str) -> dict[str, Any]:
    import yaml

    try:
        data = parse_yaml(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"drafter's data file {name} cannot be read: {exc}") from exc
    if not isinstance(data, dict):
        raise DataError(f"drafter's data file {name} must hold a mapping")
    return data


_DATA_CACHE = "data-1.pickle"  # bump the number when what is kept changes shape


@cache
def _parsed_data() -> dict[str, tuple[tuple[int, int], dict[str, Any]]]:
    """Data file path -> (its mtime and size, what it holds), as kept in the cache folder."""
    import pickle

    try:
        kept = pickle.loads((cache_folder() / _DATA_CACHE).read_bytes())
    except Exception:  # missing, unreadable or from another Python: parse the files again
        return {}
    return kept if isinstance(kept, dict) else {}


def _keep_parsed_data(kept: dict[str, tuple[tuple[int, int], dict[str, Any]]]) -> None:
    import pickle

    try:
        folder = cache_folder()
        folder.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(folder / _DATA_CACHE, pickle.dumps(kept))
    except (OSError, DrafterError):  # a cache folder we cannot write only costs speed
        pass


class Regex:
    """A pattern from one of drafter's data files, compiled on first use: a draft needs a few of
    the 136 patterns the data holds, and compiling them all takes longer than the draft.
    One that does not compile fails with a DataError naming its file and key (the tests compile
    every one)."""

    def __init__(self, pattern: str, where: str) -> None:
        self.pattern, self.where = pattern, where

    @cached_property
    def compiled(self) -> re.Pattern[str]:
        try:
            return re.compile(self.pattern)
        except re.error as exc:
            raise DataError(f"{self.where} is not a valid pattern ({exc}): {self.pattern}") from exc

    @property
    def groupindex(self) -> Mapping[str, int]:
        return self.compiled.groupindex

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(text, pos)

    def match(self, text: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.match(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(text)

    def sub(self, repl: str | Callable[[re.Match[str]], str], text: str, count: int = 0) -> str:
        return self.compiled.sub(repl, text, count)


class _Fields:
    """Typed access to a mapping loaded from YAML, with errors that name the file and key."""

    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name, self.data = name, data

    def get(self, key: str, kind: type | tuple[type, ...]) -> Any:
        if key not in self.data:
            raise DataError(f"{self.name}: missing key '{key}'")
        value = self.data[key]
        kinds = kind if isinstance(kind, tuple) else (kind,)
        if not isinstance(value, kinds) or (bool not in kinds and isinstance(value, bool)):
            names = " or ".join(k.__name__ for k in kinds)
            raise DataError(f"{self.name}: '{key}' must be a {names}")
        return value

    def strings(self, key: str) -> list[str]:
        values = self.get(key, list)
        if not all(isinstance(v, str) and v for v in values):
            raise DataError(f"{self.name}: '{key}' must be a list of non-empty strings")
        return values

    def section(self, key: str) -> _Fields:
        return _Fields(f"{self.name}: {key}", self.get(key, dict))

    def regex(self, key: str, pattern: str | None = None) -> Regex:
        return Regex(self.get(key, str) if pattern is None else pattern, f"{self.name}: '{key}'")

    def regexes(self, key: str) -> list[Regex]:
        return [self.regex(key, p) for p in self.strings(key)]


# The rule records are NamedTuples: immutable like frozen dataclasses, and a sixth of their cost
# to define, which every run of drafter pays at start-up.
class Replacement(NamedTuple):
    pattern: Regex
    replace: str


class CleaningRules(NamedTuple):
    chrome_max_chars: int
    chrome_lines: list[Regex]
    line_suffixes: list[Regex]
    trailing_source: Regex
    fragment_marker: Regex
    fragment_min_chunks: int
    fragment_min_cut_share: float
    restore: list[Replacement]
    placeholder: Regex


@cache
def cleaning_rules() -> CleaningRules:
    f = _Fields("cleaning.yaml", load_yaml("cleaning.yaml"))
    frag = f.section("fragments")
    restore = []
    for i, item in enumerate(f.get("restore", list)):
        entry = _Fields(f"cleaning.yaml: restore[{i}]", item if isinstance(item, dict) else {})
        restore.append(Replacement(entry.regex("pattern"), entry.get("replace", str)))
    return CleaningRules(
        chrome_max_chars=f.get("chrome_max_chars", int),
        chrome_lines=f.regexes("chrome_lines"),
        line_suffixes=f.regexes("line_suffixes"),
        trailing_source=f.regex("trailing_source"),
        fragment_marker=frag.regex("marker"),
        fragment_min_chunks=frag.get("min_chunks", int),
        fragment_min_cut_share=float(frag.get("min_cut_share", (int, float))),
        restore=restore,
        placeholder=f.regex("placeholders", "|".join(f"(?:{p})" for p in f.strings("placeholders"))),
    )


MAX_TITLE_CHARS = 60
SENTENCE_PUNCT = re.compile("[。！？；]")
BRACKET_NOTE = re.compile(r"[（(]([^（）()]{1,20})[）)]$")  # "…讲话（刘伟平）"
TRAILING_NUMBER = re.compile(r"(\d+|[一二三四五六七八九十]+|[（(]\d+[）)])$")  # "…讲话3"


class PointRules(NamedTuple):
    max_lead_chars: int
    min_points: int
    min_shared_prefix: int
    short_lead_chars: int = 0


class StructureRules(NamedTuple):
    numerals: list[str]
    level1: Regex  # group "n": the numeral
    level2: dict[str, Regex]  # family -> pattern with group "n"
    ordinal_words: list[str]
    title_endings: list[str]
    title_notes: list[str]
    salutations: list[str]
    closing_start: Regex
    heading_end_words: list[str]
    body_openers: list[str]
    unnumbered: PointRules
    glued: PointRules
    flattened_line_chars: int

    def number(self, numeral: str) -> int:
        return int(numeral) if numeral.isdigit() else self.numerals.index(numeral) + 1

    def marker_number(self, m: re.Match[str]) -> int:
        """The number a level-1 or level-2 marker match stands for."""
        groups = m.groupdict()
        return self.number(groups.get("n") or groups["d"])

    def is_title_like(self, text: str) -> bool:
        """A short line without sentence punctuation that ends as titles do ("…上的讲话",
        "…讲话3", "…讲话（刘伟平）")."""
        if len(text) > MAX_TITLE_CHARS or SENTENCE_PUNCT.search(text) or self.level1.match(text):
            return False
        core = TRAILING_NUMBER.sub("", BRACKET_NOTE.sub("", text))
        return any(core.endswith(e) for e in self.title_endings)


@cache
def structure_rules() -> StructureRules:
    f = _Fields("structure.yaml", load_yaml("structure.yaml"))
    numerals = f.strings("numerals")
    # Longest numerals first, so that 十一 is not read as 十.
    n = "(?P<n>" + "|".join(sorted(numerals, key=len, reverse=True)) + ")"

    def marker(key: str, template: str) -> Regex:
        return f.regex(key, "^" + template.replace("{n}", n))

    level2 = f.section("level2")
    unnumbered, glued = f.section("unnumbered_points"), f.section("glued_leads")
    return StructureRules(
        numerals=numerals,
        level1=marker("level1", f.get("level1", str)),
        level2={family: marker(f"level2.{family}", level2.get(family, str)) for family in level2.data},
        ordinal_words=f.strings("ordinal_words"),
        title_endings=sorted(f.strings("title_endings"), key=len, reverse=True),
        title_notes=f.strings("title_notes"),
        salutations=f.strings("salutations"),
        closing_start=f.regex("closing_starts", "^(?:" + "|".join(f.strings("closing_starts")) + ")"),
        heading_end_words=f.strings("heading_end_words"),
        body_openers=f.strings("body_openers"),
        unnumbered=PointRules(
            max_lead_chars=unnumbered.get("max_lead_chars", int),
            min_points=unnumbered.get("min_points", int),
            min_shared_prefix=unnumbered.get("min_shared_prefix", int),
            short_lead_chars=unnumbered.get("short_lead_chars", int),
        ),
        glued=PointRules(
            max_lead_chars=glued.get("max_lead_chars", int),
            min_points=glued.get("min_points", int),
            min_shared_prefix=glued.get("min_shared_prefix", int),
        ),
        flattened_line_chars=f.get("flattened_line_chars", int),
    )


STYLE_ROLES = ("title", "byline", "salutation", "body", "heading1", "heading2", "page_number")
ALIGNMENTS = ("left", "center", "right", "justify")


class StyleSpec(NamedTuple):
    """One named paragraph style of a Word layout."""

    name: str
    font: str
    size_pt: float
    align: str
    indent_chars: int
    line_pitch: int | None = None  # twips, exact; None: the layout's
    outline: int | None = None  # Word outline level (0 = level 1), so the navigation pane shows it


class Layout(NamedTuple):
    name: str
    page_width: int
    page_height: int
    margins: dict[str, int]
    grid: tuple[int, int] | None  # (lines, characters) per page
    line_pitch: int
    latin_font: str
    styles: dict[str, StyleSpec]
    inline_lead_font: str
    inline_lead_bold: bool
    title_chars_per_line: int
    title_words: list[str]  # never broken across title lines
    title_break_after: str  # characters a title line preferably ends with


@cache
def layouts() -> dict[str, Layout]:
    """The Word layouts of drafter/data/layouts.yaml, by name (official, reading)."""
    f = _Fields("layouts.yaml", load_yaml("layouts.yaml"))
    breaking = f.section("title_breaking")
    words, after = breaking.strings("words"), breaking.get("break_after", str)
    return {
        name: _layout(name, _Fields(f"layouts.yaml: {name}", spec if isinstance(spec, dict) else {}), words, after)
        for name, spec in f.get("layouts", dict).items()
    }


def _layout(name: str, f: _Fields, title_words: list[str], title_break_after: str) -> Layout:
    page, margins, lead = f.section("page"), f.section("margins"), f.section("inline_lead")
    grid = f.data.get("grid")
    if grid is not None:
        g = _Fields(f"{f.name}: grid", grid if isinstance(grid, dict) else {})
        grid = (g.get("lines", int), g.get("chars", int))
    styles = f.section("styles")
    specs = {}
    for role in STYLE_ROLES:
        s = styles.section(role)
        align = s.get("align", str)
        if align not in ALIGNMENTS:
            raise DataError(f"{s.name}: align must be one of {', '.join(ALIGNMENTS)}")
        specs[role] = StyleSpec(
            name=s.get("name", str),
            font=s.get("font", str),
            size_pt=float(s.get("size_pt", (int, float))),
            align=align,
            indent_chars=s.get("indent_chars", int),
            line_pitch=s.data.get("line_pitch"),
            outline=s.data.get("outline"),
        )
    return Layout(
        name=name,
        page_width=page.get("width", int),
        page_height=page.get("height", int),
        margins={k: margins.get(k, int) for k in ("top", "bottom", "left", "right", "footer")},
        grid=grid,
        line_pitch=f.get("line_pitch", int),
        latin_font=f.get("latin_font", str),
        styles=specs,
        inline_lead_font=lead.get("font", str),
        inline_lead_bold=lead.get("bold", bool),
        title_chars_per_line=f.get("title_chars_per_line", int),
        title_words=title_words,
        title_break_after=title_break_after,
    )


SEVERITIES = ("error", "warning")


class PhraseRule(NamedTuple):
    id: str
    pattern: Regex
    severity: str
    message: str
    source: str
    since: date | None = None
    unless: Regex | None = None
    fix: str | None = None
    examples: tuple[str, str] = ("", "")  # (triggers it, must not)
    months: tuple[int, ...] = ()  # wrong only in a speech dated in these months (入冬以来 in July)


class OrderRule(NamedTuple):
    id: str
    name: str
    items: list[list[str]]  # each item with its variants
    min_items: int
    source: str
    examples: tuple[str, str] = ("", "")


class FormSettings(NamedTuple):
    overused_phrase_times: int
    near_duplicate_ratio: int
    min_repeat_chars: int
    gap: Regex
    unfilled: Regex
    opener: str  # the word too many sentences begin with (要)
    opener_keep: tuple[str, ...]  # words that begin with it and are another (要求)
    opener_share: float  # more than this share of a speech's sentences beginning with it: a warning
    opener_sentences: int  # a speech with fewer sentences is not judged


class WordingRules(NamedTuple):
    phrases: list[PhraseRule]
    orders: list[OrderRule]
    form: FormSettings

    def stale_on(self, when: date) -> list[PhraseRule]:
        """The phrase rules in force on WHEN (a season's words: in the months they do not fit)."""
        return [
            r for r in self.phrases if (r.since is None or r.since <= when) and (not r.months or when.month in r.months)
        ]


@cache
def wording_rules() -> WordingRules:
    f = _Fields("wording.yaml", load_yaml("wording.yaml"))
    phrases = [
        _phrase(_Fields(f"wording.yaml: phrases[{i}]", _mapping(x))) for i, x in enumerate(f.get("phrases", list))
    ]
    orders = [_order(_Fields(f"wording.yaml: orders[{i}]", _mapping(x))) for i, x in enumerate(f.get("orders", list))]
    ids = [r.id for r in phrases] + [r.id for r in orders]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataError(f"wording.yaml: rule ids used twice: {', '.join(duplicates)}")
    form = f.section("form")
    cleaning = cleaning_rules()
    unfilled = "|".join([*form.strings("unfilled_patterns"), cleaning.placeholder.pattern])
    return WordingRules(
        phrases=phrases,
        orders=orders,
        form=FormSettings(
            overused_phrase_times=form.get("overused_phrase_times", int),
            near_duplicate_ratio=form.get("near_duplicate_ratio", int),
            min_repeat_chars=form.get("min_repeat_chars", int),
            gap=form.regex("gap_pattern"),
            unfilled=form.regex("unfilled_patterns", unfilled),
            opener=form.get("opener", str),
            opener_keep=tuple(form.strings("opener_keep")),
            opener_share=form.get("opener_share", float),
            opener_sentences=form.get("opener_sentences", int),
        ),
    )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _date(f: _Fields, key: str) -> date | None:
    value = f.data.get(key)
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise DataError(f"{f.name}: '{key}' must be a date (YYYY-MM-DD): {value}") from None


def _phrase(f: _Fields) -> PhraseRule:
    severity = f.get("severity", str)
    if severity not in SEVERITIES:
        raise DataError(f"{f.name}: severity must be error or warning")
    return PhraseRule(
        id=f.get("id", str),
        pattern=f.regex("pattern"),
        severity=severity,
        message=f.get("message", str),
        source=f.get("source", str),
        since=_date(f, "since"),
        unless=f.regex("unless") if "unless" in f.data else None,
        fix=f.get("fix", str) if "fix" in f.data else None,
        examples=(f.get("bad", str), f.get("good", str)),
        months=tuple(int(m) for m in f.data.get("months") or ()),
    )


def _order(f: _Fields) -> OrderRule:
    items = [[x] if isinstance(x, str) else list(x) for x in f.get("items", list)]
    if not all(item and all(isinstance(v, str) and v for v in item) for item in items):
        raise DataError(f"{f.name}: items must be words or lists of variant words")
    return OrderRule(
        id=f.get("id", str),
        name=f.get("name", str),
        items=items,
        min_items=f.get("min_items", int),
        source=f.get("source", str),
        examples=(f.get("bad", str), f.get("good", str)),
    )


class ComposeRules(NamedTuple):
    shapes: list[tuple[Regex, str]]  # a topic's pattern -> its verb
    verbs: list[str]  # verbs phrases put before {{ topic }}
    collapse: list[str]  # words a filled slot may double (档案工作工作): they stand once
    count_words: list[str]
    closing_vocative: str  # how a closing addresses the audience (同志们，)
    role_order: list[str]
    moves: list[str]
    default_move: str
    once_moves: frozenset[str]
    problem_words: Regex  # a task's situation sentence that says what is still wrong
    task_argument: list[str]  # a task point's sentences by role, in the order it takes them
    task_start: int  # how many of them it takes at once

    def verb_for(self, topic: str) -> str:
        return next((verb for pattern, verb in self.shapes if pattern.search(topic)), self.shapes[-1][1])

    def place_in_point(self, role: str | None, move: str | None) -> tuple[int, int]:
        """Where a sentence of ROLE (and, for the situation, of MOVE) stands among a point's."""
        rank = self.role_order.index(role) if role in self.role_order else len(self.role_order)
        return rank, self.moves.index(move if move in self.moves else self.default_move)


@cache
def compose_rules() -> ComposeRules:
    f = _Fields("compose.yaml", load_yaml("compose.yaml"))
    shapes = []
    for i, item in enumerate(f.get("shapes", list)):
        shape = _Fields(f"compose.yaml: shapes[{i}]", _mapping(item))
        shapes.append((shape.regex("pattern"), shape.get("verb", str)))
    if not shapes:
        raise DataError("compose.yaml: 'shapes' must not be empty")
    moves = f.strings("moves")
    default_move = f.get("default_move", str)
    once_moves = frozenset(f.strings("once_moves"))
    if default_move not in moves or not once_moves <= set(moves):
        raise DataError("compose.yaml: default_move and once_moves must be among the moves")
    return ComposeRules(
        shapes=shapes,
        verbs=f.strings("verbs"),
        collapse=f.strings("collapse"),
        count_words=f.strings("count_words"),
        closing_vocative=f.get("closing_vocative", str),
        role_order=f.strings("role_order"),
        moves=moves,
        default_move=default_move,
        once_moves=once_moves,
        problem_words=f.regex("problem_words"),
        task_argument=[str(role) for step in f.get("task_argument", list) for role in step],
        task_start=f.get("task_start", int),
    )


# The role ids of the design's table: a contract with scripts and other offices' banks.
CONTRACT_ROLES = (
    "title", "salutation", "opening.purpose", "opening.recap", "opening.affirm", "opening.transition",
    "heading.significance", "heading.requirement", "heading.task", "heading.guarantee", "point.lead",
    "body.claim", "body.situation", "body.demand", "body.quote", "closing.summary", "closing.exhortation",
)  # fmt: skip


class Role(NamedTuple):
    id: str
    place: str
    about: str
    patterns: list[tuple[Regex, float]]


class RoleRules(NamedTuple):
    roles: dict[str, Role]
    defaults: dict[str, str]  # place -> its default role
    slots: dict[str, str]  # slot name -> what it holds
    domains: dict[str, Regex]
    genres: list[tuple[str, Regex]]
    not_names: Regex
    name_titles: str
    historical: Regex
    formulas: Regex
    units: list[str]
    circumstantial: Regex
    place_name: Regex  # a place the source speech names in its title (临江区 → 临江)
    min_chars: int
    max_chars: int
    near_duplicate_ratio: int

    def of_place(self, place: str) -> list[Role]:
        return [r for r in self.roles.values() if r.place == place]


@cache
def role_rules() -> RoleRules:
    f = _Fields("roles.yaml", load_yaml("roles.yaml"))
    places = f.section("places")
    defaults = {
        place: _Fields(f"roles.yaml: places.{place}", _mapping(v)).get("default", str)
        for place, v in places.data.items()
    }
    roles = {}
    for role_id, spec in f.get("roles", dict).items():
        r = _Fields(f"roles.yaml: roles.{role_id}", _mapping(spec))
        place = r.get("place", str)
        if place not in defaults:
            raise DataError(f"{r.name}: unknown place '{place}' (places: {', '.join(defaults)})")
        patterns = []
        for n, item in enumerate(r.data.get("patterns", [])):
            if not (isinstance(item, list) and len(item) == 2 and isinstance(item[1], (int, float))):
                raise DataError(f"{r.name}: patterns[{n}] must be [pattern, weight]")
            patterns.append((r.regex(f"patterns[{n}]", item[0]), float(item[1])))
        roles[role_id] = Role(role_id, place, r.get("about", str), patterns)
    missing = [r for r in (*CONTRACT_ROLES, *defaults.values()) if r not in roles]
    if missing:
        raise DataError(f"roles.yaml: roles missing: {', '.join(missing)}")
    names, lengths = f.section("names"), f.section("lengths")
    return RoleRules(
        roles=roles,
        defaults=defaults,
        slots={k: str(v) for k, v in f.get("slots", dict).items()},
        domains={name: f.regex(f"domains.{name}", p) for name, p in f.get("domains", dict).items()},
        genres=[(g[0], f.regex(f"genres.{g[0]}", g[1])) for g in f.get("genres", list)],
        not_names=names.regex("not_names", f"^(?:{names.get('not_names', str)})"),
        name_titles=names.get("titles", str),
        historical=names.regex("historical"),
        formulas=names.regex("formulas"),
        units=f.strings("units"),
        circumstantial=f.regex("circumstantial"),
        place_name=f.regex("place_name"),
        min_chars=lengths.get("min", int),
        max_chars=lengths.get("max", int),
        near_duplicate_ratio=f.get("near_duplicate_ratio", int),
    )
