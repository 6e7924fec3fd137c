"""PDF through LibreOffice: A4 pages with the speech's text, fonts aliased to free stand-ins.

CI installs LibreOffice (libreoffice-writer, fonts-noto-cjk, poppler-utils) and runs this test; on
a developer's machine without LibreOffice it is skipped, and in CI that would fail instead.
"""

import os
import re
import shutil
import subprocess

import pytest

from drafter.errors import InputError
from drafter.render import pdf, render


def need(program: str) -> None:
    if shutil.which(program) is None:
        if os.environ.get("CI"):
            pytest.fail(f"{program} is not installed in CI (.ci/run installs it)")
        pytest.skip(f"{program} is not installed")


def test_pdf_has_a4_pages_and_the_text(tmp_path, seeds):
    need("soffice")
    need("pdftotext")
    path = tmp_path / "讲话.pdf"
    speech = seeds["001"][0]
    render(speech, path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    width, height = (float(x) for x in re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info).groups())
    assert (width, height) == pytest.approx((595.3, 841.9), abs=1)
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 5 <= pages <= 10  # about 4,700 characters at 22 lines × 28 characters a page
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    for needle in [s.heading for s in speech.sections] + ["史志军", "（2017年5月27日）", "同志们：", "—1—", "—2—"]:
        assert needle in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "CJK" in fonts  # the Chinese text is set in a CJK face, not left to glyph fallback


def test_without_libreoffice_a_clear_message(tmp_path, seeds, monkeypatch):
    monkeypatch.setattr(pdf, "libreoffice", lambda: None)
    with pytest.raises(InputError, match="需要 LibreOffice"):
        render(seeds["001"][0], tmp_path / "a.pdf")
    assert not (tmp_path / "a.pdf").exists()


def test_a_draft_renders_to_pdf(tmp_path, monkeypatch):
    """The main job end to end: a draft from the composer, as a PDF of A4 pages with its text."""
    need("soffice")
    need("pdftotext")
    from datetime import date

    from drafter.bank.layers import Bank
    from drafter.compose import Options, draft

    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    speech = draft(Options("安全生产", speaker="张明", date=date(2026, 11, 23)), Bank.open()).speech
    path = tmp_path / "草稿.pdf"
    render(speech, path)
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "595.3" in info and "841.89" in info
    text = re.sub(r"\s+", "", subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout)
    for needle in [
        "在全区安全生产工作会议上的讲话",
        "张明",
        "（2026年11月23日）",
        *[s.heading for s in speech.sections],
    ]:
        assert needle in text
