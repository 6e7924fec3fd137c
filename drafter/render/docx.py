"""Speech → Word (.docx) in the official layout (GB/T 9704-2012 as speech drafts use it).

python-docx has no API for East Asian fonts, character indents, the document grid or fields;
those are set on the XML, as shared/reference/word-layout.md §4 describes.
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
import zipfile
from datetime import datetime
from pathlib import Path

import docx
from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips
from docx.styles.style import ParagraphStyle
from docx.text.paragraph import Paragraph

from drafter.errors import DrafterError, InputError
from drafter.files import atomic_write_bytes, cache_folder
from drafter.render.blocks import Block, blocks
from drafter.resources import Layout, StyleSpec
from drafter.tree import Speech

_ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}
_BLOCK_STYLE = {"speaker": "byline", "date": "byline"}  # block kind → style role, where they differ
_SPACED_AFTER = ({"title"}, {"speaker", "date"})
# Word time-stamps the file (document properties, zip entries): pinned, so equal drafts give
# equal bytes. A speech's own date is used where it has one.
FIXED_TIME = datetime(2000, 1, 1)
_OPENERS, _CLOSERS = "“《（‘", "”》）’"
_NO_LINE_START = "”》）’，、。：；！？"  # a title line never starts with these
PREFERRED_BREAK_BONUS = 1.5  # characters of imbalance worth a break after 的 or a closing quote


def docx_bytes(speech: Speech, layout: Layout, reference: Path | None = None, for_libreoffice: bool = False) -> bytes:
    """The .docx file of SPEECH. With REFERENCE, its styles, page setup and footers win (the
    styles drafter needs and the reference lacks are added).

    FOR_LIBREOFFICE: LibreOffice lays a character grid narrower than the font out as two cells a
    character (and doubles the lines), so for its PDF the grid keeps lines only and the text is
    condensed just enough for the grid's characters to fit a line."""
    if reference:
        document = _open_reference(reference)
        _lay_out(document, layout, for_libreoffice, reference=True)
    else:
        document = _blank(layout, for_libreoffice)
    existing = _paragraph_styles(document)
    styles = {role: existing[spec.name] for role, spec in layout.styles.items()}
    laid_out = blocks(speech)
    # One blank line's space under the title and under the byline, as offices lay them out.
    spaced = {max((i for i, b in enumerate(laid_out) if b.kind in kinds), default=-1) for kinds in _SPACED_AFTER}
    for i, block in enumerate(laid_out):
        paragraph = _write_block(document, block, styles, layout)
        if i in spaced:
            paragraph.paragraph_format.space_after = Twips(layout.line_pitch)
    _properties(document, speech)
    buffer = io.BytesIO()
    document.save(buffer)
    return _stable_zip(buffer.getvalue())


def _blank(layout: Layout, for_libreoffice: bool) -> Document:
    """A blank document in LAYOUT, opened from the cache folder where drafter made it before:
    making it costs more than laying out a speech. It is always opened from its saved bytes, so
    that a draft's bytes are the same whether the cache had it or not."""
    here = Path(__file__).stat()  # a changed drafter makes its blank documents again
    made_by = (layout, for_libreoffice, docx.__version__, here.st_mtime_ns, here.st_size)
    path = cache_folder() / f"blank-{hashlib.sha1(repr(made_by).encode()).hexdigest()[:16]}.docx"
    try:
        return docx.Document(io.BytesIO(path.read_bytes()))
    except Exception:  # not made yet, or damaged (python-docx raises several kinds): made again
        pass
    document = _python_docx_blank()
    _lay_out(document, layout, for_libreoffice, reference=False)
    buffer = io.BytesIO()
    document.save(buffer)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(path, buffer.getvalue())
    except (OSError, DrafterError):  # a cache folder we cannot write only costs speed
        pass
    return docx.Document(io.BytesIO(buffer.getvalue()))


# Parts of python-docx's blank document that a draft is better without: a Word 2010 copy of the
# styles that would lack drafter's (438 KB to pack on every draft), and a thumbnail picture of an
# empty page, which file browsers would show for the draft.
_DROPPED_PARTS = ("/stylesWithEffects", "/thumbnail")


def _python_docx_blank() -> Document:
    document = docx.Document()
    for rels in (document.part.package.rels, document.part.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(_DROPPED_PARTS):
                del rels[rel_id]
    _keep_needed_styles(document)
    return document


def _keep_needed_styles(document: Document) -> None:
    """Of the 164 style definitions python-docx's template carries (380 KB a draft would read and
    write), keep the defaults and those its list numbering names, with what they build on; Word
    supplies any built-in style a writer applies later."""
    styles = document.styles.element
    numbering = document.part.numbering_part.element
    needed = {e.get(qn("w:val")) for e in numbering.iter(qn("w:pStyle"))}
    by_id = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
    needed |= {style_id for style_id, s in by_id.items() if s.get(qn("w:default")) == "1"}
    waiting = list(needed)
    while waiting:  # and the styles those are based on, linked to or followed by
        style = by_id.get(waiting.pop())
        for link in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(link)) if style is not None else None
            if ref is not None and ref.get(qn("w:val")) not in needed:
                needed.add(ref.get(qn("w:val")))
                waiting.append(ref.get(qn("w:val")))
    for style_id, style in by_id.items():
        if style_id not in needed:
            styles.remove(style)


def _lay_out(document: Document, layout: Layout, for_libreoffice: bool, reference: bool) -> None:
    """LAYOUT's fonts and styles, and for drafter's own blank document its page and footers (a
    writer's reference keeps its own, and its own styles of the same names)."""
    _chinese_defaults(document, layout, condense=for_libreoffice)
    existing = _paragraph_styles(document)
    styles = {role: _style(document, existing, spec, layout, reference) for role, spec in layout.styles.items()}
    if not reference:
        _page_setup(document, layout, char_grid=not for_libreoffice)
        _page_numbers(document, layout, styles["page_number"])


def _paragraph_styles(document: Document) -> dict[str, ParagraphStyle]:
    return {s.name: s for s in document.styles if s.type == WD_STYLE_TYPE.PARAGRAPH}


def _open_reference(path: Path) -> Document:
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a file that is no .docx
        raise InputError(f"参考模板 {path.name} 不是可读取的 Word（.docx）文件：{exc}") from None
    body = document.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    return document


def _chinese_defaults(document: Document, layout: Layout, condense: bool) -> None:
    """Mark the document Chinese (python-docx's template says ja-JP, so Word falls back to a
    Japanese font) and give the document defaults and Normal the body font, for any text outside
    drafter's styles and for the grid, which Word measures against the default size."""
    lang = document.settings.element.find(qn("w:themeFontLang"))
    if lang is None:
        lang = OxmlElement("w:themeFontLang")
        document.settings.element.append(lang)
    lang.set(qn("w:eastAsia"), "zh-CN")
    body = layout.styles["body"]
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")) if defaults is not None else None
    targets = [document.styles["Normal"].element.get_or_add_rPr()] + ([rpr] if rpr is not None else [])
    for target in targets:
        _fonts(target, body.font, layout.latin_font)
        _set(target, "w:sz", str(round(body.size_pt * 2)))
        _set(target, "w:szCs", str(round(body.size_pt * 2)))
        lang_of_text = target.find(qn("w:lang"))
        if lang_of_text is not None:
            lang_of_text.set(qn("w:eastAsia"), "zh-CN")
        if condense and layout.grid:
            _set(target, "w:spacing", str(-_condense_twentieths(layout)))


def _condense_twentieths(layout: Layout) -> int:
    """How much (1/20 pt) each character must give so that a grid line's characters fit."""
    width_pt = (layout.page_width - layout.margins["left"] - layout.margins["right"]) / 20
    overflow = layout.styles["body"].size_pt - width_pt / layout.grid[1]  # type: ignore[index]
    return max(0, math.ceil(overflow * 20))


def _set(parent: object, tag: str, value: str) -> None:
    """Set w:val of PARENT's child TAG, making the child where it is missing."""
    child = parent.find(qn(tag))  # type: ignore[attr-defined]
    if child is None:
        child = OxmlElement(tag)
        parent.append(child)  # type: ignore[attr-defined]
    child.set(qn("w:val"), value)


def _fonts(rpr: object, east_asia: str, latin: str) -> None:
    """Set ascii/hAnsi/eastAsia fonts and drop theme fonts, which would win over them."""
    fonts = rpr.get_or_add_rFonts()  # type: ignore[attr-defined]
    for attribute in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attribute), None)
    fonts.set(qn("w:ascii"), latin)
    fonts.set(qn("w:hAnsi"), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _page_setup(document: Document, layout: Layout, char_grid: bool) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Twips(layout.page_width), Twips(layout.page_height)
    m = layout.margins
    section.top_margin, section.bottom_margin = Twips(m["top"]), Twips(m["bottom"])
    section.left_margin, section.right_margin = Twips(m["left"]), Twips(m["right"])
    section.footer_distance = Twips(m["footer"])
    section.header_distance = Twips(m["footer"])
    grid = section._sectPr.find(qn("w:docGrid"))
    if grid is None:
        grid = OxmlElement("w:docGrid")
        section._sectPr.append(grid)
    grid.set(qn("w:linePitch"), str(layout.line_pitch))
    if layout.grid and char_grid:
        _, chars = layout.grid
        width_pt = (layout.page_width - m["left"] - m["right"]) / 20
        # Word's charSpace: how far each grid cell is from the body font's size, in 1/4096 pt.
        grid.set(qn("w:type"), "linesAndChars")
        grid.set(qn("w:charSpace"), str(round((width_pt / chars - layout.styles["body"].size_pt) * 4096)))
    else:
        grid.set(qn("w:type"), "lines")


def _page_numbers(document: Document, layout: Layout, style: ParagraphStyle) -> None:
    """ "— 1 —" in 宋体 14 pt, a Word PAGE field: odd pages right, even pages left, one
    character in from the edge of the text block."""
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    spec = layout.styles["page_number"]
    inset = Twips(round(spec.size_pt * 20))
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        _apply(paragraph, style)
        paragraph.alignment = _ALIGN[align]
        if align == "right":
            paragraph.paragraph_format.right_indent = inset
        else:
            paragraph.paragraph_format.left_indent = inset
        paragraph.add_run("— ")
        _page_field(paragraph)
        paragraph.add_run(" —")


def _page_field(paragraph: Paragraph) -> None:
    run = paragraph.add_run()
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("text", "1"), ("end", None)):
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _style(
    document: Document, existing: dict[str, ParagraphStyle], spec: StyleSpec, layout: Layout, keep: bool
) -> ParagraphStyle:
    """The paragraph style SPEC names: the document's own (in EXISTING, by name) when KEEP and it
    has one (a writer's house template), else made from the layout."""
    if spec.name in existing and keep:
        return existing[spec.name]
    # Added on the XML: python-docx's add_style first scans every style for the name, and
    # EXISTING already says it is not there.
    style = existing.get(spec.name) or ParagraphStyle(
        document.styles.element.add_style_of_type(spec.name, WD_STYLE_TYPE.PARAGRAPH, False)
    )
    style.base_style = existing["Normal"]
    style.quick_style = True
    _fonts(style.element.get_or_add_rPr(), spec.font, spec.font if spec.font == "宋体" else layout.latin_font)
    style.font.size = Pt(spec.size_pt)
    style.font.bold = False
    fmt = style.paragraph_format
    fmt.alignment = _ALIGN[spec.align]
    fmt.line_spacing = Twips(spec.line_pitch or layout.line_pitch)
    fmt.space_before = fmt.space_after = Pt(0)
    fmt.widow_control = True
    if spec.outline is not None:
        fmt.keep_with_next = True
    ppr = style.element.get_or_add_pPr()
    ind = ppr.get_or_add_ind()
    # Word honours firstLineChars; firstLine is for viewers that ignore it.
    ind.set(qn("w:firstLineChars"), str(spec.indent_chars * 100))
    ind.set(qn("w:firstLine"), str(round(spec.indent_chars * spec.size_pt * 20)))
    if spec.outline is not None:
        _set(ppr, "w:outlineLvl", str(spec.outline))
    return style


def _write_block(document: Document, block: Block, styles: dict[str, ParagraphStyle], layout: Layout) -> Paragraph:
    role = _BLOCK_STYLE.get(block.kind, block.kind)
    paragraph = document.add_paragraph()
    _apply(paragraph, styles[role])
    if block.kind == "title":
        lines = balanced_lines(block.text, layout)
        for n, line in enumerate(lines):
            run = paragraph.add_run(line)
            if n < len(lines) - 1:
                run.add_break()
    elif block.lead:
        lead = paragraph.add_run(block.lead)
        _fonts(lead._r.get_or_add_rPr(), layout.inline_lead_font, layout.latin_font)
        lead.bold = layout.inline_lead_bold or None
        paragraph.add_run(block.text[len(block.lead) :])
    else:
        paragraph.add_run(block.text)
    return paragraph


def _apply(paragraph: Paragraph, style: ParagraphStyle) -> None:
    # By id: python-docx's style setter scans every style of the document on each call.
    paragraph._p.style = style.style_id


def balanced_lines(title: str, layout: Layout) -> list[str]:
    """Break a long title into lines of near-equal length (the standard asks for symmetrical
    lines that keep words whole): never inside a quotation, a book title or a known title word,
    preferably after 的 or a closing quote, and always before a subtitle's ——."""
    if "——" in title[1:]:
        main, _, sub = title.partition("——")
        return balanced_lines(main, layout) + balanced_lines("——" + sub, layout)
    count = -(-len(title) // layout.title_chars_per_line)
    lines, rest = [], title
    for remaining in range(count, 1, -1):
        target = len(rest) / remaining
        cut = min(
            _break_points(rest, layout),
            key=lambda i: (abs(i - target) - PREFERRED_BREAK_BONUS * (rest[i - 1] in layout.title_break_after), i),
        )
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest]


def _break_points(text: str, layout: Layout) -> list[int]:
    """Where TEXT may break: outside brackets and quotes, and not inside a title word or a
    number or Latin word."""
    inside_word = {start + k for w in layout.title_words for start in _find_all(text, w) for k in range(1, len(w))}
    depth, points = 0, []
    for i, c in enumerate(text[:-1], 1):
        depth += (c in _OPENERS) - (c in _CLOSERS and depth > 0)
        latin = c.isascii() and c.isalnum() and text[i].isascii() and text[i].isalnum()
        if depth == 0 and i not in inside_word and not latin and c not in _OPENERS and text[i] not in _NO_LINE_START:
            points.append(i)
    return points or [len(text) // 2]


def _find_all(text: str, word: str) -> list[int]:
    return [i for i in range(len(text)) if text.startswith(word, i)]


def _properties(document: Document, speech: Speech) -> None:
    props = document.core_properties
    when = datetime.fromisoformat(speech.date) if speech.date else FIXED_TIME
    props.title = speech.title or ""
    props.author = speech.speaker or ""
    props.last_modified_by = speech.speaker or ""
    props.created = props.modified = props.last_printed = when
    props.revision = 1
    props.comments = props.keywords = props.subject = props.category = ""


def _stable_zip(data: bytes) -> bytes:
    """The same zip with every entry's time set to 1980-01-01 00:00, in its local header and in
    the central directory: the only bytes that depend on when the file was written, so that the
    file's bytes depend on its content alone. Patched in place (as strip-nondeterminism does):
    unpacking and packing again would cost more than the whole layout."""
    out = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        start = archive.start_dir
    for entry in entries:
        _pin_time(out, entry.header_offset, _LOCAL_HEADER, 10)
    at = start
    for _ in entries:
        _pin_time(out, at, _CENTRAL_HEADER, 12)
        name, extra, comment = struct.unpack_from("<HHH", out, at + 28)
        at += 46 + name + extra + comment
    return bytes(out)


_LOCAL_HEADER, _CENTRAL_HEADER = b"PK\x03\x04", b"PK\x01\x02"
_DOS_1980 = struct.pack("<HH", 0, (1 << 5) | 1)  # time 00:00:00, date 1980-01-01


def _pin_time(out: bytearray, at: int, signature: bytes, offset: int) -> None:
    if out[at : at + 4] != signature:
        raise ValueError("not a zip header where the directory says")  # python-docx wrote no plain zip
    out[at + offset : at + offset + 4] = _DOS_1980
