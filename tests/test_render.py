"""Word, Markdown and text output: the official layout, read back from the files written."""

import hashlib
import zipfile
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Pt

from drafter.render import render
from drafter.render.docx import balanced_lines
from drafter.resources import layouts
from drafter.structure import parse_file


def xml(path: Path, part: str) -> str:
    return zipfile.ZipFile(path).read(part).decode("utf-8")


@pytest.fixture(scope="module")
def written(tmp_path_factory, seeds):
    """Seed 001 written as .docx in the official layout."""
    path = tmp_path_factory.mktemp("render") / "讲话.docx"
    render(seeds["001"][0], path)
    return path


def style_fonts(style) -> dict[str, str]:
    fonts = style.element.rPr.rFonts
    return {k: fonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def test_page_size_margins_and_grid(written):
    section = docx.Document(str(written)).sections[0]
    assert (section.page_width.mm, section.page_height.mm) == pytest.approx((210, 297), abs=0.1)
    assert section.top_margin.mm == pytest.approx(37, abs=0.1)
    assert section.left_margin.mm == pytest.approx(28, abs=0.1)
    text_width = section.page_width.mm - section.left_margin.mm - section.right_margin.mm
    text_height = section.page_height.mm - section.top_margin.mm - section.bottom_margin.mm
    assert (text_width, text_height) == pytest.approx((156, 225), abs=0.2)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    assert int(grid.get(qn("w:linePitch"))) * 22 == pytest.approx(225 / 25.4 * 72 * 20, abs=22)  # 22 lines
    cell_pt = 16 + int(grid.get(qn("w:charSpace"))) / 4096
    assert cell_pt * 28 == pytest.approx(text_width / 25.4 * 72, abs=0.5)  # 28 characters


@pytest.mark.parametrize(
    ("name", "east_asia", "size", "align"),
    [
        ("讲话标题", "方正小标宋简体", 22, "center"),
        ("署名日期", "楷体_GB2312", 16, "center"),
        ("讲话正文", "仿宋_GB2312", 16, "both"),
        ("一级标题", "黑体", 16, "both"),
        ("二级标题", "楷体_GB2312", 16, "both"),
        ("页码", "宋体", 14, "right"),
    ],
)
def test_named_styles_fonts_and_sizes(written, name, east_asia, size, align):
    style = docx.Document(str(written)).styles[name]
    fonts = style_fonts(style)
    assert fonts["eastAsia"] == east_asia
    assert fonts["ascii"] == fonts["hAnsi"] == ("宋体" if name == "页码" else "Times New Roman")
    assert style.font.size == Pt(size)
    assert style.element.pPr.find(qn("w:jc")).get(qn("w:val")) == align
    assert style.element.rPr.rFonts.get(qn("w:eastAsiaTheme")) is None  # no theme font to override it


def test_indents_and_line_spacing(written):
    styles = docx.Document(str(written)).styles
    for name, chars in [("讲话正文", 2), ("一级标题", 2), ("二级标题", 2), ("称谓", 0), ("讲话标题", 0)]:
        ind = styles[name].element.pPr.find(qn("w:ind"))
        assert ind.get(qn("w:firstLineChars")) == str(chars * 100), name
    spacing = styles["讲话正文"].element.pPr.find(qn("w:spacing"))
    assert (spacing.get(qn("w:line")), spacing.get(qn("w:lineRule"))) == ("579", "exact")


def test_paragraphs_carry_their_styles(written, seeds):
    document = docx.Document(str(written))
    by_style: dict[str, list[str]] = {}
    for p in document.paragraphs:
        by_style.setdefault(p.style.name, []).append(p.text)
    speech = seeds["001"][0]
    assert by_style["讲话标题"] == ["在全区推进“两学一做”学习教育\n常态化制度化工作会议上的讲话"]
    assert by_style["署名日期"] == ["史志军", "（2017年5月27日）"]
    assert by_style["称谓"] == ["同志们："]
    assert by_style["一级标题"] == [s.heading for s in speech.sections]
    # Headings have outline levels, so Word's navigation pane shows the structure.
    assert document.styles["一级标题"].element.pPr.find(qn("w:outlineLvl")).get(qn("w:val")) == "0"


def test_inline_lead_in_kaiti_within_the_paragraph(written):
    paragraph = next(p for p in docx.Document(str(written)).paragraphs if p.text.startswith("一要把“学”的基础"))
    lead, rest = paragraph.runs[0], paragraph.runs[1]
    assert lead.text == "一要把“学”的基础打得更牢。"
    assert lead._r.rPr.rFonts.get(qn("w:eastAsia")) == "楷体_GB2312"
    assert rest.text.startswith("各级党委（党组）")


def test_page_numbers_are_page_fields_odd_right_even_left(written):
    settings = xml(written, "word/settings.xml")
    assert "<w:evenAndOddHeaders/>" in settings
    document = docx.Document(str(written))
    section = document.sections[0]
    for footer, align in ((section.footer, "right"), (section.even_page_footer, "left")):
        paragraph = footer.paragraphs[0]
        assert paragraph.text == "— 1 —"
        assert paragraph.alignment is not None and paragraph.alignment.name.lower() == align
        raw = paragraph._p.xml
        assert 'w:fldCharType="begin"' in raw and "PAGE" in raw and 'w:fldCharType="end"' in raw
        assert style_fonts(paragraph.style)["eastAsia"] == "宋体" and paragraph.style.font.size == Pt(14)


def test_document_language_and_properties(written):
    assert 'w:eastAsia="zh-CN"' in xml(written, "word/settings.xml")
    props = docx.Document(str(written)).core_properties
    assert props.title == "在全区推进“两学一做”学习教育常态化制度化工作会议上的讲话"
    assert props.author == "史志军"
    assert props.created.date().isoformat() == "2017-05-27" == props.modified.date().isoformat()


def test_same_speech_same_bytes(tmp_path, seeds, monkeypatch):
    """The same bytes whether the blank document is made, taken from the cache, or made again
    because the cached one was damaged."""
    cache = tmp_path / "cache"
    monkeypatch.setenv("DRAFTER_CACHE", str(cache))
    digests = set()
    for n in range(3):
        path = tmp_path / f"{n}.docx"
        render(seeds["003"][0], path)
        digests.add(hashlib.sha256(path.read_bytes()).hexdigest())
        for blank in cache.glob("blank-*.docx"):
            if n == 1:
                blank.write_bytes(b"PK\x03\x04 damaged")
    assert len(digests) == 1
    (blank,) = cache.glob("blank-*.docx")
    assert docx.Document(str(blank)).styles["讲话标题"] is not None  # made again, whole


@pytest.mark.parametrize("ext", ["docx", "md", "txt"])
def test_parse_of_render_gives_the_same_tree(tmp_path, seeds, ext):
    """parse(render(t)) == t for every speech of every seed."""
    for name, speeches in seeds.items():
        for n, speech in enumerate(speeches):
            path = tmp_path / f"{name}-{n}.{ext}"
            render(speech, path)
            assert [s.to_dict() for s in parse_file(path)] == [speech.to_dict()], (name, n)


def test_markdown_and_text_shape(tmp_path, seeds):
    speech = seeds["000"][0]
    render(speech, tmp_path / "a.md")
    render(speech, tmp_path / "a.txt")
    md = (tmp_path / "a.md").read_text(encoding="utf-8").splitlines()
    assert md[0] == "# 局党组书记两学一做动员讲话"
    assert "## 一、深刻领会“两学一做”学习教育的重要意义" in md
    assert "### 要在“学”字上下苦功" in md
    assert any(line.startswith("**一要加强领导。**要把抓好学习教育") for line in md)
    txt = (tmp_path / "a.txt").read_text(encoding="utf-8").splitlines()
    assert txt[:2] == ["局党组书记两学一做动员讲话", "同志们："]
    assert txt[2].startswith("\u3000\u3000在全体党员中开展")


def test_reading_layout_is_larger(tmp_path, seeds):
    path = tmp_path / "宣读版.docx"
    render(seeds["001"][0], path, layout="reading")
    styles = docx.Document(str(path)).styles
    assert styles["讲话正文"].font.size == Pt(18) and styles["讲话标题"].font.size == Pt(24)
    assert styles["讲话正文"].element.pPr.find(qn("w:spacing")).get(qn("w:line")) == "600"  # 30 pt
    assert [p.text for p in docx.Document(str(path)).paragraphs if p.style.name == "一级标题"] == [
        s.heading for s in seeds["001"][0].sections
    ]


def test_reference_doc_styles_and_page_setup_win(tmp_path, seeds):
    """A house template with its own 一级标题 and margins: drafter keeps them, adds the rest."""
    template = docx.Document()
    heading = template.styles.add_style("一级标题", 1)
    heading.font.size = Pt(18)
    heading.font.name = "Arial"
    heading.element.rPr.rFonts.set(qn("w:eastAsia"), "方正黑体_GBK")
    template.sections[0].left_margin = docx.shared.Mm(30)
    template.add_paragraph("模板里的示例文字，不应出现在输出中。")
    reference = tmp_path / "本单位模板.docx"
    template.save(reference)

    path = tmp_path / "out.docx"
    render(seeds["001"][0], path, reference=reference)
    document = docx.Document(str(path))
    assert document.styles["一级标题"].font.size == Pt(18)
    assert style_fonts(document.styles["一级标题"])["eastAsia"] == "方正黑体_GBK"
    assert document.sections[0].left_margin.mm == pytest.approx(30, abs=0.1)
    assert style_fonts(document.styles["讲话正文"])["eastAsia"] == "仿宋_GB2312"  # missing there: added
    assert "模板里的示例文字" not in "".join(p.text for p in document.paragraphs)
    assert parse_file(path)[0].to_dict() == seeds["001"][0].to_dict()


def test_balanced_title_lines_keep_words_whole():
    layout = layouts()["official"]
    assert balanced_lines("在全区推进“两学一做”学习教育常态化制度化工作会议上的讲话", layout) == [
        "在全区推进“两学一做”学习教育",
        "常态化制度化工作会议上的讲话",
    ]
    assert balanced_lines("区先进教育动员讲话", layout) == ["区先进教育动员讲话"]
    lines = balanced_lines("坚定理想信念勇于担当作为——在全市作风建设年动员大会上的讲话", layout)
    assert lines[0] == "坚定理想信念勇于担当作为" and lines[1].startswith("——")


def test_unknown_format_and_layout_are_usage_errors(tmp_path, seeds):
    from drafter.errors import UsageError

    with pytest.raises(UsageError, match="不支持的输出格式"):
        render(seeds["001"][0], tmp_path / "a.rtf")
    with pytest.raises(UsageError, match="版式"):
        render(seeds["001"][0], tmp_path / "a.docx", layout="fancy")
