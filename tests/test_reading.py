"""Reading files: every common encoding, .docx and .md give the same speech; bad files a clear error."""

import docx
import pytest

from drafter.errors import InputError
from drafter.ingest import decode, read_lines
from drafter.structure import parse_file
from tests.conftest import SEEDS

ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be"]


@pytest.mark.parametrize("encoding", ENCODINGS)
@pytest.mark.parametrize("seed", ["001", "003"])
def test_encodings_round_trip(tmp_path, seeds, seed, encoding):
    """The seed written in ENCODING (detected from the bytes, under a neutral name) parses the same."""
    text = SEEDS[seed].read_text(encoding="utf-8")
    path = tmp_path / "speech.txt"
    path.write_bytes(text.encode(encoding))
    assert [s.to_dict() for s in parse_file(path)] == [s.to_dict() for s in seeds[seed]]


def test_encoding_detected_from_bytes_not_name(tmp_path):
    text = "同志们：今天我们召开全区安全生产工作会议，主要任务是部署下一阶段工作。"
    path = tmp_path / "utf8-named.txt"
    path.write_bytes(text.encode("gb18030"))
    assert decode(path.read_bytes()) == text


def test_docx_written_by_python_docx_round_trips(tmp_path, seeds):
    """A .docx with the author's heading styles: Title, Heading 1 (even without 一、), Heading 2."""
    speech = seeds["001"][0]
    document = docx.Document()
    document.add_paragraph(speech.title, style="Title")
    document.add_paragraph(speech.speaker)
    document.add_paragraph("（2017年5月27日）")
    document.add_paragraph(speech.salutation)
    for p in speech.opening:
        document.add_paragraph(p.text)
    for section in speech.sections:
        document.add_paragraph(section.heading, style="Heading 1")
        for p in section.paragraphs:
            document.add_paragraph(p.text)
        for point in section.points:
            for p in point.paragraphs:
                document.add_paragraph(p.text)
    for p in speech.closing:
        document.add_paragraph(p.text)
    path = tmp_path / "讲话.docx"
    document.save(path)
    assert parse_file(path)[0].to_dict() == speech.to_dict()


def test_docx_heading_styles_without_numbers(tmp_path):
    document = docx.Document()
    document.add_paragraph("在全市安全生产工作会议上的讲话", style="Title")
    document.add_paragraph("同志们：")
    document.add_paragraph("今天召开全市安全生产工作会议，主要任务是总结工作、部署任务。下面，我讲三点意见。")
    for heading, point in [("提高认识", "压实责任"), ("突出重点", "排查隐患")]:
        document.add_paragraph(heading, style="Heading 1")
        document.add_paragraph(point, style="Heading 2")
        document.add_paragraph(f"要{point}，确保各项工作落到实处，坚决守住安全底线。")
    path = tmp_path / "a.docx"
    document.save(path)
    speech = parse_file(path)[0]
    assert [s.heading for s in speech.sections] == ["提高认识", "突出重点"]
    assert [[p.lead for p in s.points] for s in speech.sections] == [["压实责任"], ["排查隐患"]]
    assert speech.sections[1].points[0].paragraphs[0].text.startswith("要排查隐患")


def test_markdown(tmp_path):
    path = tmp_path / "讲话.md"
    path.write_text(
        "# 在全区乡村振兴工作推进会上的讲话\n\n张明\n\n（2026年3月5日）\n\n同志们：\n\n"
        "今天召开全区乡村振兴工作推进会，主要任务是交流经验、部署工作。下面，我讲两点意见。\n\n"
        "## 一、提高站位，深刻认识乡村振兴的重大意义\n\n"
        "**一是**认识要到位。乡村振兴是新时代“三农”工作的总抓手。\n\n"
        "**二是**责任要到位。各级党委要扛起主体责任。\n\n"
        "## 二、突出重点，扎实推进各项任务\n\n要抓好产业发展，促进农民增收。\n\n"
        "同志们，让我们撸起袖子加油干，奋力开创乡村振兴新局面！\n",
        encoding="utf-8",
    )
    speech = parse_file(path)[0]
    assert (speech.title, speech.speaker, speech.date) == ("在全区乡村振兴工作推进会上的讲话", "张明", "2026-03-05")
    assert [p.lead for p in speech.sections[0].points] == ["一是认识要到位", "二是责任要到位"]
    assert speech.closing[0].text.startswith("同志们，让我们")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "是空文件"),
        (b"   \n\n  ", "是空文件"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "旧版 Word"),
        (b"%PDF-1.7\n" + bytes(100), "PDF"),
        (bytes(range(256)) * 40, "二进制"),
        (b"PK\x03\x04" + b"\x00garbage" * 50, "不是可读取的 Word"),
    ],
    ids=["empty", "blank", "legacy-doc", "pdf", "binary", "broken-docx"],
)
def test_unreadable_files_raise_one_clear_error(tmp_path, content, message):
    path = tmp_path / "input.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        parse_file(path)


def test_not_a_speech(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("shopping list: milk, eggs, bread\nTODO: call the office at 3pm\n", encoding="utf-8")
    with pytest.raises(InputError, match="不像一篇讲话稿"):
        parse_file(path)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="找不到文件"):
        read_lines(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="文件夹"):
        read_lines(tmp_path)
