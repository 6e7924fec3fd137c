"""`drafter render` from the command line."""

from typer.testing import CliRunner

from drafter.cli import app
from drafter.structure import parse_file
from tests.conftest import SEEDS

runner = CliRunner()


def test_render_writes_the_file_and_says_so(tmp_path, seeds):
    out = tmp_path / "讲话.docx"
    result = runner.invoke(app, ["render", str(SEEDS["001"]), "-o", str(out)])
    assert result.exit_code == 0 and "已生成" in result.stdout
    assert parse_file(out)[0].to_dict() == seeds["001"][0].to_dict()


def test_a_file_of_several_speeches_gives_one_file_each(tmp_path, seeds):
    result = runner.invoke(app, ["render", str(SEEDS["002"]), "-o", str(tmp_path / "讲话.md")])
    assert result.exit_code == 0
    written = sorted(p.name for p in tmp_path.iterdir())
    assert written == [f"讲话-{n}.md" for n in range(1, 6)]
    assert parse_file(tmp_path / "讲话-5.md")[0].to_dict() == seeds["002"][4].to_dict()


def test_default_output_name_beside_the_input(tmp_path):
    source = tmp_path / "稿子.txt"
    source.write_bytes(SEEDS["003"].read_bytes())
    assert runner.invoke(app, ["render", str(source)]).exit_code == 0
    assert (tmp_path / "稿子-公文格式.docx").exists()
    assert runner.invoke(app, ["render", str(source), "--layout", "reading"]).exit_code == 0
    assert (tmp_path / "稿子-宣读版.docx").exists()


def test_bad_options_write_nothing(tmp_path):
    source = tmp_path / "稿子.txt"
    source.write_bytes(SEEDS["003"].read_bytes())
    for args, code in [
        (["-o", str(tmp_path / "x.rtf")], 2),
        (["-o", str(tmp_path / "x.docx"), "--layout", "fancy"], 2),
        (["-o", str(source)], 2),
        (["-o", str(tmp_path / "x.docx"), "--reference-doc", str(source)], 1),
    ]:
        result = runner.invoke(app, ["render", str(source), *args])
        assert result.exit_code == code, args
        assert result.stderr.startswith("错误：") and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["稿子.txt"]
