"""Read a file into lines of text: .txt in any common Chinese encoding, .docx, .md.

The kind of file is told from its bytes, not its name; a name only breaks ties (.md).
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from charset_normalizer import from_bytes

from drafter.errors import InputError

# Refuse what is clearly not a speech before trying to decode it (bytes).
MAX_FILE_BYTES = 200 * 1024 * 1024

_BOMS = [  # UTF-32 first: its little-endian mark begins with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # legacy .doc, .xls, .wps
# Characters of a Chinese text file: CJK, its punctuation, ASCII printable and white space.
_PLAUSIBLE = re.compile("[\u3000-\u303f\u3400-\u9fff\uff00-\uffef\u2010-\u2027\x20-\x7e\\s]")
PLAUSIBLE_TEXT = 0.9  # share of such characters above which bytes are taken for text
_FOREIGN = {b"%PDF": "PDF 文件", b"{\\rtf": "RTF 文件", b"\x89PNG": "图片", b"\xff\xd8\xff": "图片"}


@dataclass(frozen=True)
class Line:
    """One paragraph of the source. ``style`` is what the author marked it as, where the file
    says so: "title", "heading1", "heading2" (Word heading styles, Markdown #)."""

    text: str
    style: str | None = None


def read_lines(path: Path) -> list[Line]:
    """Read PATH into lines, or raise InputError with one line saying why not."""
    name = path.name
    try:
        if path.is_dir():
            raise InputError(f"{name} 是文件夹，不是文件")
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InputError(f"{name} 太大（{path.stat().st_size // 2**20} MB），不像一篇讲话稿")
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(f"找不到文件：{path}") from None
    except PermissionError:
        raise InputError(f"没有权限读取 {path}") from None
    except OSError as exc:
        raise InputError(f"无法读取 {path}：{exc.strerror or exc}") from None
    if not data.strip():
        raise InputError(f"{name} 是空文件")
    if data.startswith(_OLE2):
        raise InputError(f"{name} 是旧版 Word（.doc）或 WPS 文件：请在 Word 或 WPS 中另存为 .docx 后再试")
    for magic, what in _FOREIGN.items():
        if data.startswith(magic):
            raise InputError(f"{name} 是{what}，不是文本或 Word 文件：drafter 读取 .txt、.md 和 .docx")
    if data.startswith(b"PK\x03\x04"):
        return read_docx(data, name)
    text = decode(data, name)
    if path.suffix.lower() in (".md", ".markdown"):
        return markdown_lines(text)
    return [Line(t) for t in text.splitlines()]


def decode(data: bytes, name: str = "文件") -> str:
    """Decode bytes of text: a BOM wins, then UTF-16 told by its zero bytes, then UTF-8, then
    whatever charset-normalizer finds most likely (GBK/GB18030, Big5 …). Raises InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _decode_as(data, encoding, name)
    if b"\x00" in data:  # no text but UTF-16/32 has zero bytes
        text = _utf16_without_bom(data)
        if text is None:
            raise InputError(f"{name} 是二进制文件，不是文本")
        return text
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start >= len(data) - 3:  # a file cut off inside its last character
            return data[: exc.start].decode("utf-8")
    best = from_bytes(data).best()
    if best is None:
        raise InputError(f"{name} 不是可识别编码的文本（UTF-8、GBK/GB18030、UTF-16）")
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: the byte order that reads as plausible text wins."""
    best, best_score = None, PLAUSIBLE_TEXT
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        sample = text[:4000]
        score = sum(1 for c in sample if _PLAUSIBLE.match(c)) / max(1, len(sample))
        if score >= best_score:
            best, best_score = text, score
    return best


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InputError(f"{name} 已损坏：内容不是有效的 {encoding.upper()} 文本") from None


_TITLE_STYLES = ("title", "标题", "讲话标题")  # Word's Title (English and Chinese) and drafter's own
_OUTLINE_STYLES = {"0": "heading1", "1": "heading2"}


# A .docx is a zip of XML parts; these bound what one may hold before drafter refuses it.
MAX_DOCX_PARTS = 2000
MAX_DOCX_UNZIPPED = 200 * 1024 * 1024  # bytes, all parts together
MAX_DOCX_RATIO = 200  # unzipped / zipped, for a part larger than 1 MB: a zip bomb beyond it
_DTD = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)


def check_docx_package(data: bytes, name: str) -> None:
    """Refuse a .docx that is built to harm rather than to be read: a zip bomb, a path that
    climbs out of the package (../), or XML with a DTD (external entities, billion laughs —
    Word never writes one). InputError with one line saying which."""
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
        infos = package.infolist()
        _check_parts(package, infos, name)
    except InputError:
        raise
    except Exception as exc:  # a damaged zip fails in many ways (headers, CRC, compression)
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(f"{name} 不是可读取的 Word（.docx）文件（{reason}）") from None


def _check_parts(package: zipfile.ZipFile, infos: list[zipfile.ZipInfo], name: str) -> None:
    """The checks of check_docx_package, on a package that opened."""
    if len(infos) > MAX_DOCX_PARTS:
        raise InputError(f"{name} 包含 {len(infos)} 个部件，不像正常的 Word 文件，已拒绝")
    if sum(i.file_size for i in infos) > MAX_DOCX_UNZIPPED:
        raise InputError(f"{name} 解压后过大（疑似“压缩炸弹”），已拒绝")
    for info in infos:
        parts = info.filename.replace("\\", "/").split("/")
        if info.filename.startswith("/") or ".." in parts:
            raise InputError(f"{name} 含有越出文件包的路径（{info.filename}），已拒绝")
        if info.file_size > 2**20 and info.file_size > MAX_DOCX_RATIO * max(info.compress_size, 1):
            raise InputError(f"{name} 的部件 {info.filename} 压缩比异常（疑似“压缩炸弹”），已拒绝")
        if info.filename.endswith((".xml", ".rels")):
            with package.open(info) as part:
                head = part.read(4096)
            if _DTD.search(head):
                raise InputError(f"{name} 的 {info.filename} 含有 DTD/实体声明（可能是恶意文件），已拒绝")


def read_docx(data: bytes, name: str = "文件") -> list[Line]:
    """Paragraphs of a .docx in order, with the author's headings: Title styles, and heading
    levels told by the outline level of the paragraph or its style (Heading 1/2, 标题 1/2, and
    any house style set to 大纲级别 1/2)."""
    import docx  # imported here: only .docx input needs it

    check_docx_package(data, name)
    try:
        document = docx.Document(io.BytesIO(data))
        # A soft line break (Shift+Enter) inside a paragraph only wraps a line: Chinese joins it.
        return [Line(p.text.replace("\n", ""), _style_of(p)) for p in document.paragraphs]
    except Exception as exc:  # a damaged package fails in many ways (zip, XML, missing parts)
        reason = " ".join(str(exc).split())[:120] or type(exc).__name__
        raise InputError(f"{name} 不是可读取的 Word（.docx）文件（{reason}）") from None


def _style_of(paragraph: object) -> str | None:
    style = paragraph.style  # type: ignore[attr-defined]
    if style is not None and style.name.lower().strip() in _TITLE_STYLES:
        return "title"
    level = _outline_level(paragraph._p.pPr)  # type: ignore[attr-defined]
    while level is None and style is not None:
        level = _outline_level(style.element.pPr)
        if level is None and style.name.lower().startswith(("heading ", "标题 ")):
            level = str(int(style.name.split()[-1]) - 1) if style.name.split()[-1].isdigit() else None
        style = style.base_style
    return _OUTLINE_STYLES.get(level) if level is not None else None


def _outline_level(ppr: object) -> str | None:
    if ppr is None:
        return None
    from docx.oxml.ns import qn

    element = ppr.find(qn("w:outlineLvl"))  # type: ignore[attr-defined]
    return element.get(qn("w:val")) if element is not None else None


_MD_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_MD_ESCAPE = re.compile(r"\\(.)")
_MD_PREFIX = re.compile(r"^\s*(?:>\s?|[-+*]\s+(?=\S))")


def markdown_lines(text: str) -> list[Line]:
    """Markdown as written by people and by drafter: # title, ## headings, **bold** leads."""
    lines = []
    for raw in text.splitlines():
        m = _MD_HEADING.match(raw)
        style = None
        if m:
            level = len(m.group(1))
            style = "title" if level == 1 else "heading1" if level == 2 else "heading2"
            raw = m.group(2)
        elif raw.strip() in ("---", "***", "___"):
            continue
        raw = _MD_EMPHASIS.sub(r"\2", _MD_PREFIX.sub("", raw))
        lines.append(Line(_MD_ESCAPE.sub(r"\1", raw), style))
    return lines
