"""Speeches → a phrase bank: each sentence classified into a rhetorical role, generalized into a
phrase with Jinja2 slots, tagged (genre, domain, generic or bound to a topic), near-duplicates
dropped; and the skeleton of each speech (its sections' roles)."""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from rapidfuzz import fuzz, process

from drafter.bank.model import Phrase, Skeleton, Source, phrase_id
from drafter.bank.store import dump_yaml, replace_folder
from drafter.errors import DrafterError
from drafter.fields.catalogue import Catalogue, Field
from drafter.fields.resolve import fields_of_phrase, resolve
from drafter.mining.classify import classify
from drafter.mining.context import SpeechContext, speech_context
from drafter.mining.generalize import Template, generalize
from drafter.render.blocks import Block, blocks
from drafter.resources import RoleRules, StructureRules, role_rules, structure_rules
from drafter.structure import parse_file
from drafter.tree import Speech, split_sentences

SUFFIXES = (".txt", ".md", ".markdown", ".docx")
_PLACE_OF_PART = {"opening": "opening", "section": "body", "closing": "closing"}
_LENGTHS = {"heading": (4, 40), "lead": (2, 40), "title": (4, 40), "salutation": (2, 16)}  # else roles.yaml
_SLOT = re.compile(r"\{\{[^}]*\}\}")
SHORT_PHRASE = 16  # phrases this short are dropped as duplicates only when equal (套件 leads differ by a word)
MINED_FOLDER = "mined"


@dataclass
class Mined:
    phrases: list[Phrase] = field(default_factory=list)
    skeletons: list[Skeleton] = field(default_factory=list)
    dropped: Counter[str] = field(default_factory=Counter)  # why sentences were not kept
    skipped: list[tuple[str, str]] = field(default_factory=list)  # files not read, and why
    files: list[str] = field(default_factory=list)
    kept_texts: dict[str, list[str]] = field(default_factory=dict)  # role -> texts kept, for near-duplicates

    def by_role(self) -> Counter[str]:
        return Counter(p.role for p in self.phrases)


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """The speech files among PATHS: files as given, folders searched for .txt/.md/.docx."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        else:
            found.append(path)
    return found


def mine_files(
    paths: list[Path], on_file: Callable[[Path], None] | None = None, jobs: int = 1, catalogue: Catalogue | None = None
) -> Mined:
    """Mine every file; a file that cannot be read is skipped with its reason. With JOBS > 1
    the files are read and mined in that many processes; the results are merged in file order,
    so the bank is the same whatever JOBS is, and only kept phrases stay in memory. Phrases are
    tagged with the fields of CATALOGUE (default: the shipped bank's) they speak for."""
    global _CATALOGUE
    _CATALOGUE = catalogue if catalogue is not None else shipped_catalogue()
    rules = role_rules()
    mined = Mined()
    if jobs > 1 and len(paths) > 1:
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for path, result in zip(paths, pool.imap(mine_file, paths, chunksize=4)):
                _merge(mined, path, result, rules, on_file)
    else:
        for path in paths:
            _merge(mined, path, mine_file(path), rules, on_file)
    return mined


_CATALOGUE: Catalogue | None = None  # the fields mine_files tags with (a global: the worker processes fork)


@functools.cache
def shipped_catalogue() -> Catalogue:
    """The fields of drafter's shipped bank."""
    from drafter.bank.cache import load_folder
    from drafter.fields.catalogue import field_of
    from drafter.resources import shipped_bank

    return Catalogue([field_of(data.field) for data in load_folder(shipped_bank()).values() if data.field])


def mine_file(path: Path) -> Mined:
    """The phrases (near-duplicates not yet dropped) and skeletons of one file."""
    rules, markers = role_rules(), structure_rules()
    result = Mined()
    try:
        speeches = parse_file(path)
    except DrafterError as exc:
        result.skipped.append((str(path), exc.message))
        return result
    result.files.append(path.name)
    for number, speech in enumerate(speeches, 1):
        _mine_speech(speech, f"{path.name}#{number}" if len(speeches) > 1 else path.name, result, rules, markers)
    return result


def _merge(mined: Mined, path: Path, result: Mined, rules: RoleRules, on_file: Callable[[Path], None] | None) -> None:
    if on_file:
        on_file(path)
    mined.skipped += result.skipped
    mined.files += result.files
    mined.skeletons += result.skeletons
    mined.dropped.update(result.dropped)
    for phrase in result.phrases:
        kept = mined.kept_texts.setdefault(phrase.role, [])
        if _near_duplicate(phrase.text, kept, rules.near_duplicate_ratio):
            mined.dropped["与已收录的表述重复"] += 1
            continue
        kept.append(phrase.text)
        mined.phrases.append(phrase)


def _mine_speech(speech: Speech, name: str, mined: Mined, rules: RoleRules, markers: StructureRules) -> None:
    ctx = speech_context(speech, rules)
    catalogue = _CATALOGUE or shipped_catalogue()
    fields = [m.field for m in resolve(f"{speech.title or ''}{ctx.topic}", catalogue)]
    tags = [f"genre:{ctx.genre}"]
    section, sections, points = 0, [], []
    for number, block in enumerate(blocks(speech), 1):
        if block.kind == "heading1":
            section += 1
            sections.append(classify(_strip_marker(block.text, markers)[1], "heading", rules)[0])
            points.append(0)
        if block.kind == "heading2" or block.lead:
            points[-1:] = [points[-1] + 1] if points else []
        for place, offset, text, extra in _sentences(block, markers, ctx):
            source = Source(name, number, offset)
            set_tag = [f"set:{name}-{section}"] if place in ("lead",) else []
            _keep(text, place, source, ctx, [*tags, *extra, *set_tag], mined, rules, (fields, catalogue))
    if sections:
        skeleton_id = phrase_id("skeleton", f"{name}|{'|'.join(sections)}")
        mined.skeletons.append(Skeleton(skeleton_id, ctx.genre, sections, points, name))


def _sentences(block: Block, markers: StructureRules, ctx: SpeechContext) -> Iterator[tuple[str, int, str, list[str]]]:
    """(place, offset, text, tags) of each sentence of BLOCK worth mining."""
    if block.kind == "title":
        if ctx.meeting:
            yield "title", 0, block.text, []
    elif block.kind == "salutation":
        yield "salutation", 0, block.text, []
    elif block.kind == "heading1":
        offset, text = _strip_marker(block.text, markers)
        yield "heading", offset, text, []
    elif block.kind == "heading2":
        family, text = _lead_marker(block.text, markers)
        yield "lead", len(block.text) - len(text), text, [f"marker:{family}"]
    elif block.kind == "body":
        offset = 0
        for n, sentence in enumerate(split_sentences(block.text)):
            if n == 0 and block.lead:
                family, text = _lead_marker(block.lead.rstrip("。；：！？;:!?"), markers)
                yield "lead", len(block.lead) - len(text) - 1, text, [f"marker:{family}"]
            else:
                yield _PLACE_OF_PART[block.part], offset, sentence, []
            offset += len(sentence)


def _strip_marker(text: str, markers: StructureRules) -> tuple[int, str]:
    m = markers.level1.match(text)
    return (m.end(), text[m.end() :]) if m else (0, text)


def _lead_marker(text: str, markers: StructureRules) -> tuple[str, str]:
    """(marker family, lead without its marker): 一要加强领导 → (yao, 加强领导)."""
    for family, pattern in markers.level2.items():
        m = pattern.match(text)
        if m:
            return family, text[m.end() :].lstrip("，、,")
    for word in markers.ordinal_words:
        if text.startswith(word):
            return "ordinal", text[len(word) :].lstrip("，、,")
    return "none", text


def _keep(
    text: str,
    place: str,
    source: Source,
    ctx: SpeechContext,
    tags: list[str],
    mined: Mined,
    rules: RoleRules,
    fields: tuple[list[Field], Catalogue],
) -> None:
    low, high = _LENGTHS.get(place, (rules.min_chars, rules.max_chars))
    if not low <= len(text) <= high:
        mined.dropped["过短或过长"] += 1
        return
    if place in ("opening", "body", "closing") and (text[-1] not in "。！？”" or text.count("“") != text.count("”")):
        mined.dropped["不完整的句子"] += 1
        return
    result = generalize(text, place, ctx, rules)
    if not isinstance(result, Template):
        mined.dropped[result] += 1
        return
    if len(_SLOT.sub("", result.text)) < low:  # "{{ topic }}学是基础。": the topic was all of it
        mined.dropped["过短或过长"] += 1
        return
    role, _ = classify(text, place, rules)
    domains = [f"domain:{d}" for d, pattern in rules.domains.items() if pattern.search(result.text)]
    # The field tag first: a draft passes over other fields' phrases by it before reading them.
    field_tags = [f"field:{f}" for f in fields_of_phrase(result.text, *fields)] if place != "title" else []
    mined.phrases.append(
        Phrase(
            id=phrase_id(role, result.text),
            role=role,
            text=result.text,
            tags=field_tags + sorted({*tags, *domains}),
            topics=list(result.topics),
            source=source,
        )
    )


def _near_duplicate(text: str, kept: list[str], ratio: int) -> bool:
    """Whether a kept phrase of the same role says nearly the same (checked as phrases come, so
    that memory holds only what is kept, however large the corpus)."""
    cutoff = ratio if len(text) > SHORT_PHRASE else 100
    return process.extractOne(text, kept, scorer=fuzz.ratio, score_cutoff=cutoff) is not None


def bank_files(mined: Mined) -> dict[str, str]:
    """The bank's YAML files: one a role, and skeletons.yaml."""
    rules = role_rules()
    files = {}
    sources = "、".join(mined.files)
    for role in sorted({p.role for p in mined.phrases}):
        header = (
            f"drafter 素材库 · {role}：{rules.roles[role].about}\n"
            f"由 `drafter mine` 从 {sources} 提取。重新提取会整体替换本文件夹；"
            "自己的表述请用 `drafter bank add` 加入个人素材库。"
        )
        entries = [p.to_dict() for p in mined.phrases if p.role == role]
        files[f"{role}.yaml"] = dump_yaml(entries, header)
    if mined.skeletons:
        header = "drafter 素材库 · 讲话骨架：每篇讲话各部分的角色和要点数。由 `drafter mine` 提取。"
        files["skeletons.yaml"] = dump_yaml([s.to_dict() for s in mined.skeletons], header)
    return files


def write_bank(mined: Mined, out: Path) -> Path:
    """Write the mined bank into OUT/mined, replacing what a previous run wrote there, at once."""
    folder = out / MINED_FOLDER
    replace_folder(folder, bank_files(mined))
    return folder
