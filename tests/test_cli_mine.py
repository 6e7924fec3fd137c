"""`drafter mine` from the command line."""

import json

from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import CORPUS

runner = CliRunner()


def test_mine_writes_the_bank_and_reports_by_role(tmp_path):
    result = runner.invoke(app, ["mine", str(CORPUS), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 0, result.output
    assert "从 5 个文件提取" in result.stdout and "body.demand" in result.stdout
    files = {p.name for p in (tmp_path / "bank" / "mined").iterdir()}
    assert "point.lead.yaml" in files and "skeletons.yaml" in files


def test_json_report_and_skipped_files(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_bytes((CORPUS / "003_9f0da0f5fbc462aa.txt").read_bytes())
    (source / "broken.docx").write_bytes(b"PK\x03\x04 not really a zip")
    result = runner.invoke(app, ["mine", str(source), "--out", str(tmp_path / "bank"), "--json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    assert report["files"] == 1 and report["phrases"] > 50
    assert report["skipped"][0]["file"].endswith("broken.docx")
    assert sum(report["by_role"].values()) == report["phrases"]


def test_nothing_to_mine_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["mine", str(tmp_path), "--out", str(tmp_path / "bank")])
    assert result.exit_code == 2 and "没有找到讲话稿文件" in result.stderr
    assert not (tmp_path / "bank").exists()
