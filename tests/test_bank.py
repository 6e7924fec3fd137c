"""`drafter bank …` on temporary banks: every command, layering and overrides, imports that meet
duplicates, broken bank files of each kind, the sandbox, and a write killed half-way."""

import json
import os
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.bank.layers import Bank
from drafter.bank.schema import render_phrase
from drafter.cli import app
from drafter.errors import InputError

runner = CliRunner()
SHIPPED_ID = "closing.exhortation-c01"


@pytest.fixture(autouse=True)
def own_bank(tmp_path, monkeypatch):
    home = tmp_path / "home"
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    monkeypatch.setenv("DRAFTER_CACHE", str(tmp_path / "cache"))
    return home


def entry(phrase_id: str, role: str, text: str) -> str:
    return f"- id: {phrase_id}\n  role: {role}\n  text: {text}\n  tags: []\n  topics: []\n  source: user\n"


def run(*args: str):
    return runner.invoke(app, ["bank", *args])


def listed(*args: str) -> list[dict]:
    result = run("list", "--json", *args)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_list_shows_the_shipped_bank_with_the_contract_fields():
    phrases = listed()
    assert len(phrases) >= 300
    assert {"id", "role", "text", "tags", "source"} <= set(phrases[0])
    assert all(p["role"] == "closing.exhortation" for p in listed("--role", "closing.exhortation"))
    assert all("genre:mobilization" in p["tags"] for p in listed("--tag", "genre:mobilization"))
    assert all("“两学一做”学习教育" in p["topics"] for p in listed("--topic", "“两学一做”学习教育"))


def test_add_show_and_search_best_first(own_bank):
    result = run("add", "把安全责任压实到每个岗位、每个环节。", "--role", "body.demand", "--tag", "domain:安全")
    assert result.exit_code == 0 and "已加入" in result.stdout
    found = json.loads(run("search", "压实责任", "--json", "--limit", "500").stdout)
    assert found[0]["text"].find("压实责任") >= 0  # whole-query matches first
    texts = [p["text"] for p in found]
    assert "把安全责任压实到每个岗位、每个环节。" in texts  # word-level match further down
    assert [p["score"] for p in found] == sorted((p["score"] for p in found), reverse=True)
    new_id = next(p["id"] for p in found if p["text"].startswith("把安全责任"))
    shown = json.loads(run("show", new_id, "--json").stdout)
    assert shown["layer"] == "own" and shown["file"] == str(own_bank / "phrases.yaml") and shown["source"] == "user"


@pytest.mark.parametrize(
    ("text", "role", "message"),
    [
        ("一句话。", "no.such.role", "未知的角色"),
        ("要抓好{{ weather }}工作。", "body.demand", "未知的槽位"),
        ("要抓好{{ topic 工作。", "body.demand", "模板语法错误"),
        ("{{ ''.__class__.__mro__ }}", "body.demand", "不能有表达式或属性访问"),
        ("{% for x in range(9) %}要{% endfor %}", "body.demand", "不允许"),
    ],
)
def test_add_that_fails_validation_writes_nothing(own_bank, text, role, message):
    result = run("add", text, "--role", role)
    assert result.exit_code == 1 and message in result.stderr and "未作任何修改" in result.stderr
    assert not (own_bank / "phrases.yaml").exists()


def test_add_twice_is_refused():
    assert run("add", "要把各项任务落到实处。", "--role", "body.demand").exit_code == 0
    result = run("add", "要把各项任务落到实处。", "--role", "body.demand")
    assert result.exit_code == 1 and "已有相同的表述" in result.stderr


def test_edit_own_phrase_in_place_keeping_comments(own_bank):
    run("add", "要把各项任务落到实处。", "--role", "body.demand")
    path = own_bank / "phrases.yaml"
    path.write_text("# 我的素材：常用的要求句\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
    phrase_id = listed("--role", "body.demand")[-1]["id"]
    assert run("edit", phrase_id, "--text", "要把各项任务不折不扣落到实处。").exit_code == 0
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 我的素材：常用的要求句\n") and "不折不扣" in text
    assert next(p for p in listed() if p["id"] == phrase_id)["text"] == "要把各项任务不折不扣落到实处。"


def test_edit_of_a_shipped_phrase_overrides_it_in_the_own_bank(own_bank):
    assert run("edit", SHIPPED_ID, "--text", "让我们真抓实干，奋力开创{{ topic }}工作新局面！").exit_code == 0
    assert next(p for p in listed() if p["id"] == SHIPPED_ID)["text"].startswith("让我们真抓实干")
    assert SHIPPED_ID in (own_bank / "phrases.yaml").read_text(encoding="utf-8")
    shipped = Path(Bank.open().layers[0].folder) / "curated" / "curated.yaml"
    assert "让我们真抓实干" not in shipped.read_text(encoding="utf-8")  # the shipped bank is never written


def test_edit_that_fails_validation_changes_nothing(own_bank):
    run("add", "要把各项任务落到实处。", "--role", "body.demand")
    before = (own_bank / "phrases.yaml").read_bytes()
    phrase_id = listed("--role", "body.demand")[-1]["id"]
    result = run("edit", phrase_id, "--text", "要抓好{{ weather }}。")
    assert result.exit_code == 1 and "未作任何修改" in result.stderr
    assert (own_bank / "phrases.yaml").read_bytes() == before


def test_edit_in_the_editor(own_bank, tmp_path, monkeypatch):
    script = tmp_path / "editor.py"
    script.write_text(
        "import sys, pathlib\np = pathlib.Path(sys.argv[1])\n"
        "p.write_text(p.read_text(encoding='utf-8').replace('奋力开创', '奋勇开创'), encoding='utf-8')\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EDITOR", f"{sys.executable} {script}")
    assert run("edit", SHIPPED_ID).exit_code == 0
    assert "奋勇开创" in next(p for p in listed() if p["id"] == SHIPPED_ID)["text"]


def test_rm_own_phrase_and_hide_a_shipped_one(own_bank):
    run("add", "要把各项任务落到实处。", "--role", "body.demand")
    phrase_id = listed("--role", "body.demand")[-1]["id"]
    assert run("rm", phrase_id).exit_code == 0
    assert run("rm", SHIPPED_ID).exit_code == 0
    ids = {p["id"] for p in listed()}
    assert phrase_id not in ids and SHIPPED_ID not in ids
    assert SHIPPED_ID in (own_bank / "hidden.yaml").read_text(encoding="utf-8")
    assert run("show", SHIPPED_ID).exit_code == 1
    assert run("rm", "no-such-id").exit_code == 1


def test_layers_later_bank_overrides_and_first_bank_is_the_own(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    second.mkdir()
    (second / "x.yaml").write_text(entry(SHIPPED_ID, "closing.exhortation", "让我们共同努力！"), encoding="utf-8")
    layered = listed("--bank", str(first), "--bank", str(second))
    assert next(p for p in layered if p["id"] == SHIPPED_ID)["text"] == "让我们共同努力！"
    assert (
        run(
            "add", "要把各项任务落到实处。", "--role", "body.demand", "--bank", str(first), "--bank", str(second)
        ).exit_code
        == 0
    )
    assert (first / "phrases.yaml").exists() and not (second / "phrases.yaml").exists()


def test_stats():
    stats = json.loads(run("stats", "--json").stdout)
    assert stats["phrases"] == sum(stats["by_role"].values())
    assert stats["by_source"]["curated"] >= 50 and stats["by_source"]["mined"] >= 300


BROKEN = {
    "yaml": ("- id: a\n  role: body.demand\n  text: [unclosed\n", "YAML 格式错误", 3),
    "role": ("- id: a\n  role: body.wisdom\n  text: 一句话。\n", "未知的角色", 1),
    "slot": (
        "- id: a\n  role: body.demand\n  text: 天气{{ weather }}好。\n- id: b\n  role: body.demand\n  text: 两句。\n",
        "未知的槽位",
        1,
    ),
    "jinja": ("- id: a\n  role: body.demand\n  text: 一句{{ topic 话。\n", "模板语法错误", 1),
    "duplicate": (
        "- id: a\n  role: body.demand\n  text: 一句。\n- id: a\n  role: body.demand\n  text: 两句。\n",
        "重复",
        4,
    ),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_bank_files_are_reported_with_file_and_line(tmp_path, kind):
    content, message, line = BROKEN[kind]
    folder = tmp_path / "broken"
    folder.mkdir()
    (folder / "bad.yaml").write_text(content, encoding="utf-8")
    result = run("validate", str(folder))
    assert result.exit_code == 1
    assert f"bad.yaml:{line}: " in result.stdout and message in result.stdout
    # Any command that loads the bank says the same in one line, and exits 1.
    listing = run("list", "--bank", str(folder))
    assert listing.exit_code == 1 and f"bad.yaml:{line}" in listing.stderr and listing.stderr.count("\n") == 1
    assert "Traceback" not in listing.output


def test_validate_a_sound_bank():
    result = run("validate")
    assert result.exit_code == 0 and "没有问题" in result.stdout


def test_export_then_import_meets_duplicates(tmp_path, own_bank):
    other = tmp_path / "other.yaml"
    run("export", "--to", str(other))
    assert len(listed()) == other.read_text(encoding="utf-8").count("\n- id:")
    text = other.read_text(encoding="utf-8")
    text += entry("their-1", "body.demand", "要把安全生产责任落实到每个岗位。")
    text += entry("their-2", "body.demand", "要把安全生产责任落实到每一个岗位。")
    text += entry("their-3", "no.such", "一句。")
    other.write_text(text, encoding="utf-8")
    report = json.loads(run("import", str(other), "--json").stdout)
    assert len(report["added"]) == 1  # their-1; their-2 nearly repeats it
    assert len(report["duplicates"]) >= 500 and len(report["near_duplicates"]) == 1
    assert len(report["invalid"]) == 1
    again = json.loads(run("import", str(other), "--json").stdout)
    assert again["added"] == []  # nothing doubled


@pytest.mark.parametrize(
    "payload", ["{{ topic.__class__.__mro__ }}", "{{ topic.__init__.__globals__ }}", "{{ ''.__class__.__base__ }}"]
)
def test_sandbox_refuses_payloads_that_reach_rendering(payload):
    """A phrase that got past validation anyway cannot reach Python's internals: refused."""
    with pytest.raises(InputError, match="不安全"):
        render_phrase(payload, {"topic": "安全生产"})
    assert render_phrase("要抓好{{ topic }}。", {"topic": "安全生产"}) == "要抓好安全生产。"


def test_a_write_killed_half_way_leaves_the_bank_intact(own_bank, monkeypatch):
    run("add", "要把各项任务落到实处。", "--role", "body.demand")
    path = own_bank / "phrases.yaml"
    before = path.read_bytes()

    def killed(*args, **kwargs):
        raise KeyboardInterrupt  # the temp file is written; the rename never happens

    monkeypatch.setattr(os, "replace", killed)
    with pytest.raises(KeyboardInterrupt):
        Bank.open().add(
            Bank.open()
            .locate(listed("--role", "body.demand")[-1]["id"])
            .phrase.__class__("body.demand-killed", "body.demand", "要把工作抓紧抓实。", [], [], "user")
        )
    monkeypatch.undo()
    assert path.read_bytes() == before
    assert [p.name for p in own_bank.iterdir() if p.name.endswith(".tmp")] == []
    assert run("validate").exit_code == 0


def test_cache_follows_changes_to_the_yaml(own_bank):
    run("add", "要把各项任务落到实处。", "--role", "body.demand")
    path = own_bank / "phrases.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("落到实处", "落地见效"), encoding="utf-8")
    assert any(p["text"] == "要把各项任务落地见效。" for p in listed())
