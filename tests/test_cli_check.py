"""`drafter check` from the command line: a report for people, JSON for scripts, exit codes."""

import json

from typer.testing import CliRunner

from drafter.cli import app
from tests.conftest import SEEDS

runner = CliRunner()


def test_report_groups_by_severity_and_exits_1_on_errors():
    result = runner.invoke(app, ["check", str(SEEDS["004"]), "--date", "2026-11-23"])
    assert result.exit_code == 1
    out = result.stdout
    assert out.index("错误 3 处") < out.index("提醒 12 处")
    assert "以习近平同志为总书记的党中央" in out and "建议：以习近平同志为核心的党中央" in out
    assert "共 15 处：错误 3 处，提醒 12 处（按 2026年11月23日 的规范提法检查）" in out


def test_json_for_scripts():
    result = runner.invoke(app, ["check", str(SEEDS["001"]), "--date", "2026-11-23", "--json"])
    data = json.loads(result.stdout)
    assert (data["date"], data["errors"], data["warnings"]) == ("2026-11-23", 4, 0)
    first = data["findings"][0]
    assert set(first) == {"rule", "severity", "paragraph", "offset", "text", "context", "message", "fix", "speech"}
    assert "\\u" not in result.stdout


def test_no_errors_exits_0(tmp_path):
    path = tmp_path / "稿.txt"
    path.write_text(
        "在全区安全生产工作会议上的讲话\n同志们：\n今天召开全区安全生产工作会议，主要任务是部署当前工作。\n"
        "一、压实责任\n要把安全生产责任落实到每个岗位、每个环节。\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["check", str(path)])
    assert result.exit_code == 0 and "共 0 处" in result.stdout


def test_bad_date_is_a_usage_error():
    result = runner.invoke(app, ["check", str(SEEDS["001"]), "--date", "2026-13-01"])
    assert result.exit_code == 2 and "YYYY-MM-DD" in result.stderr
