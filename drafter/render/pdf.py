"""Word → PDF with LibreOffice, headless, with free stand-ins for the official fonts.

The .docx keeps the official font names; only the conversion aliases them (drafter/data/fonts.conf),
in a throw-away LibreOffice profile so that the user's own settings play no part.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from drafter.errors import InputError
from drafter.files import atomic_write_bytes
from drafter.resources import DATA

CONVERT_TIMEOUT_S = 180


def libreoffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx_data: bytes, path: Path) -> None:
    program = libreoffice()
    if program is None:
        raise InputError(
            "输出 PDF 需要 LibreOffice，本机未安装（Debian/Ubuntu：sudo apt-get install libreoffice-writer）；"
            "也可以先输出 .docx，再用 Word 或 WPS 另存为 PDF"
        )
    with tempfile.TemporaryDirectory(prefix="drafter-pdf-") as tmp:
        work = Path(tmp)
        source = work / "speech.docx"
        source.write_bytes(docx_data)
        fonts = work / "fonts.conf"
        fonts.write_bytes((DATA / "fonts.conf").read_bytes())
        env = {**os.environ, "FONTCONFIG_FILE": str(fonts), "HOME": str(work)}
        command = [
            program,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work),
            str(source),
        ]
        try:
            subprocess.run(command, env=env, capture_output=True, timeout=CONVERT_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired:
            raise InputError(f"LibreOffice 转换 PDF 超时（{CONVERT_TIMEOUT_S} 秒）") from None
        result = work / "speech.pdf"
        if not result.exists():
            raise InputError("LibreOffice 未能生成 PDF：请确认 LibreOffice 可以正常启动")
        atomic_write_bytes(path, result.read_bytes())
