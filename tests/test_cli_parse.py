"""`drafter parse` from the command line: JSON for scripts, a tree for people, one-line errors."""

import json
import subprocess
import sys

from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def test_json_is_the_contract_object():
    result = runner.invoke(app, ["parse", str(SEEDS["001"]), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"title", "speaker", "date", "salutation", "opening", "sections", "closing"}
    assert data["sections"][0]["heading"] == "一、真学实做，持续深化"
    assert data["sections"][0]["points"][0]["lead"] == "一要把“学”的基础打得更牢"
    assert all(isinstance(p, str) for p in data["opening"])
    assert "\\u" not in result.stdout  # Chinese as it is, not escaped


def test_json_is_a_list_for_a_file_of_several_speeches():
    data = json.loads(runner.invoke(app, ["parse", str(SEEDS["002"]), "--json"]).stdout)
    assert isinstance(data, list) and len(data) == 5


def test_tree_for_people_shows_headings_points_and_placeholders():
    result = runner.invoke(app, ["parse", str(SEEDS["002"])])
    assert result.exit_code == 0
    assert "第 5 篇，共 5 篇" in result.stdout
    assert "一、着力解决党员领导干部思想觉悟不高的问题" in result.stdout
    assert "一要筑牢信仰之本" in result.stdout
    assert "待补充的占位符" in result.stdout and "×××" in result.stdout


def test_bad_input_is_one_line_and_exit_1(tmp_path):
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    for path, words in [(tmp_path / "missing.txt", "找不到文件"), (empty, "是空文件")]:
        result = runner.invoke(app, ["parse", str(path)])
        assert result.exit_code == 1
        assert result.stderr.strip().count("\n") == 0 and words in result.stderr
        assert "Traceback" not in result.output + result.stderr


def test_bad_usage_is_exit_2():
    assert runner.invoke(app, ["parse"]).exit_code == 2
    assert runner.invoke(app, ["parse", str(SEEDS["001"]), "--no-such-option"]).exit_code == 2


def test_help_has_examples():
    result = runner.invoke(app, ["parse", "--help"])
    assert result.exit_code == 0 and "drafter parse 讲话.docx" in result.stdout


def test_console_script_runs_as_a_module(tmp_path):
    """`python -m drafter`, in a fresh process: the installed entry point, no traceback on errors."""
    ok = subprocess.run([sys.executable, "-m", "drafter", "parse", str(SEEDS["003"]), "--json"], capture_output=True)
    assert ok.returncode == 0 and json.loads(ok.stdout.decode("utf-8"))["title"] == "区先进教育动员讲话"
    doc = tmp_path / "旧文件.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
    bad = subprocess.run([sys.executable, "-m", "drafter", "parse", str(doc)], capture_output=True)
    err = bad.stderr.decode("utf-8")
    assert bad.returncode == 1 and "另存为 .docx" in err and "Traceback" not in err and err.count("\n") == 1
