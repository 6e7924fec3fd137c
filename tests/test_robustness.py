"""Bad and hostile input: random text and bytes, damaged and hostile .docx files, a huge single
line, deep YAML. Nothing may crash, hang or run foreign code: a clear error or a best effort."""

import contextlib
import io
import time
import zipfile
from datetime import date

import docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from drafter.bank.store import read_entries
from drafter.check import check_speech
from drafter.errors import InputError
from drafter.structure import parse_file, parse_text
from tests.conftest import SEEDS

FUZZ = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture])
CHINESE = st.text(
    alphabet=st.sampled_from(
        list("同志们：一二三要是、，。！？“”（）讲话会议安全生产主题教育党的 \n\t×X*#》《【】0123456789")
    )
)


@FUZZ
@given(CHINESE)
def test_parse_and_check_any_text(text):
    speeches = parse_text(text)
    for speech in speeches:
        check_speech(speech, date(2026, 11, 23))


@FUZZ
@given(st.text())
def test_parse_any_unicode(text):
    parse_text(text)


@FUZZ
@given(st.binary(max_size=4096))
def test_any_bytes_give_a_speech_or_a_clear_error(tmp_path, data):
    path = tmp_path / "input.txt"
    path.write_bytes(data)
    try:
        parse_file(path)
    except InputError as exc:
        assert exc.message and "\n" not in exc.message


def docx_bytes(text: str = "同志们：今天召开会议。下面，我讲三点意见。") -> bytes:
    document = docx.Document()
    document.add_paragraph("在全区安全生产工作会议上的讲话", style="Title")
    for line in text.split("\n"):
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


@FUZZ
@given(st.integers(min_value=0, max_value=20000), st.integers(min_value=0, max_value=255))
def test_damaged_docx_gives_a_clear_error_or_its_text(tmp_path, position, value):
    data = bytearray(docx_bytes())
    cut = position % len(data)
    damaged = bytes(data[:cut]) if value % 2 else bytes(data[:cut]) + bytes([value]) + bytes(data[cut + 1 :])
    path = tmp_path / "damaged.docx"
    path.write_bytes(damaged)
    with contextlib.suppress(InputError):
        parse_file(path)


def with_part(name: str, content: bytes, base: bytes | None = None, compress: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A .docx with NAME replaced or added."""
    source = zipfile.ZipFile(io.BytesIO(base or docx_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compress) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info.filename))
        target.writestr(name, content)
    return out.getvalue()


BODY = b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>'
END = b"</w:t></w:r></w:p></w:body></w:document>"
XXE = b'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + BODY + b"&x;" + END
LOL = [b'<!ENTITY lol "lol">'] + [
    b'<!ENTITY lol%d "%s">' % (n, b"".join(b"&lol%s;" % (b"" if n == 2 else str(n - 1).encode()) for _ in range(10)))
    for n in range(2, 6)
]
LAUGHS = b'<?xml version="1.0"?><!DOCTYPE lolz [' + b"".join(LOL) + b"]>" + BODY + b"&lol5;" + END


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (with_part("word/document.xml", XXE), "DTD"),
        (with_part("word/document.xml", LAUGHS), "DTD"),
        (with_part("../../evil.txt", b"climb out"), "越出文件包的路径"),
        (with_part("/etc/evil.txt", b"absolute"), "越出文件包的路径"),
        (with_part("word/media/bomb.bin", bytes(300 * 2**20)), "压缩炸弹"),
    ],
    ids=["xxe", "billion-laughs", "path-climbs-out", "absolute-path", "zip-bomb"],
)
def test_hostile_docx_is_refused(tmp_path, data, words):
    path = tmp_path / "hostile.docx"
    path.write_bytes(data)
    start = time.monotonic()
    with pytest.raises(InputError, match=words):
        parse_file(path)
    assert time.monotonic() - start < 10


@pytest.mark.slow
def test_a_huge_single_line_is_read_in_bounded_time(tmp_path):
    """A 50 MB page run into one line: parsed in linear time, checked with bounds."""
    sentence = "各级党组织要切实加强组织领导，扎实推进各项工作落地见效。一是压实责任。"
    path = tmp_path / "huge.txt"
    path.write_text(
        "在全区工作会议上的讲话 同志们：" + sentence * (50 * 2**20 // len(sentence.encode())), encoding="utf-8"
    )
    start = time.monotonic()
    speeches = parse_file(path)
    # A guard against a hang (a quadratic parse of 50 MB would take hours), not a speed figure:
    # on a loaded 2-core machine this parse takes about a minute.
    assert speeches and time.monotonic() - start < 180
    start = time.monotonic()
    check_speech(speeches[0], date(2026, 11, 23))
    assert time.monotonic() - start < 120


@pytest.mark.parametrize(
    "text",
    ["- " + "[" * 100000, "".join(" " * (2 * i) + "- a:\n" for i in range(3000)), "- id: [unclosed\n" * 1000],
    ids=["deep-flow", "deep-block", "many-broken"],
)
def test_deep_or_broken_yaml_is_a_problem_not_a_crash(tmp_path, text):
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    entries, problems = read_entries(path)
    assert problems and not entries


@FUZZ
@given(st.text(max_size=400))
def test_bank_loader_on_any_text(tmp_path, text):
    path = tmp_path / "bank.yaml"
    path.write_text(text, encoding="utf-8")
    read_entries(path)


def test_a_real_seed_still_reads_after_all_guards():
    assert parse_file(SEEDS["004"])[0].sections


@FUZZ
@given(CHINESE)
def test_mine_any_text(tmp_path, text):
    from drafter.mining import mine_files

    path = tmp_path / "any.txt"
    path.write_text(text, encoding="utf-8")
    mined = mine_files([path])
    assert len(mined.files) + len(mined.skipped) == 1


@pytest.mark.parametrize("order", ["utf8-then-gbk", "gbk-then-utf8"])
def test_mixed_encodings_give_text_or_a_clear_error(tmp_path, order):
    utf8 = "同志们：今天召开全区安全生产工作会议，部署下一阶段工作。".encode()
    gbk = "下面，我讲三点意见。一、提高认识。要把安全生产摆在突出位置。".encode("gbk")
    path = tmp_path / "mixed.txt"
    path.write_bytes(utf8 + gbk if order == "utf8-then-gbk" else gbk + utf8)
    try:
        speeches = parse_file(path)
    except InputError as exc:
        assert "\n" not in exc.message
    else:
        assert speeches


def test_a_hostile_genre_template_is_refused(tmp_path, monkeypatch):
    from drafter.compose.genres import load_genre
    from drafter.errors import DataError

    (tmp_path / "evil.j2").write_text(
        "name: x\nmeeting: m\ntitle: \"{{ ''.__class__.__mro__[1].__subclasses__() }}\"\n"
        "opening: [opening.purpose]\nclosing: [closing.summary]\n"
        "sections: [{role: heading.task, points: 1, share: 1}]\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("DRAFTER_TEMPLATES", str(tmp_path))
    context = {"topic": "安全生产", "org": "全区", "unit": "区", "meeting": None, "words": 3000, "tasks": []}
    with pytest.raises(DataError, match=r"evil\.j2"):
        load_genre("evil", context)


@pytest.mark.slow
def test_a_huge_bank_file_loads_in_bounded_time(tmp_path):
    """30,000 phrases in one 6 MB YAML file: read and validated once, in bounded time."""
    entry = "- id: big-{n}\n  role: body.demand\n  text: 要把第{n}项任务落到实处，确保{{{{ topic }}}}取得实效。\n"
    path = tmp_path / "big.yaml"
    path.write_text("".join(entry.format(n=n) for n in range(30000)), encoding="utf-8")
    start = time.monotonic()
    entries, problems = read_entries(path)
    assert problems == [] and len(entries) == 30000
    assert time.monotonic() - start < 30
