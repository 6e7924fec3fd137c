"""Fields: a topic finds its field by its words; a draft speaks the field (its tasks as leads,
each argued from its own sentences), leaves gaps where the writer's figures go, cites only what
is current for its date, and shares little with a draft of another field. Measured over 30
topics of 29 fields (none a field's own name: sub-areas, campaigns, seasonal tasks) × 6 genres
× 2 seeds, read back as the drafts are."""

import itertools
import json
import re
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from drafter.bank.layers import Bank
from drafter.check import check_speech
from drafter.cli import app
from drafter.compose import Options, draft, outline_yaml
from drafter.compose.pool import strip_marker
from drafter.fields.resolve import nearest_task, resolve
from drafter.mining import collect_files, mine_files, write_bank
from drafter.render import render
from drafter.structure import parse_file
from drafter.tree import Paragraph, Sentence, Speech

DAY = date(2026, 12, 1)
TOPICS = {  # topic -> its field
    "燃气安全": "safety", "森林防火": "emergency", "秸秆禁烧": "ecology", "河长制": "water",
    "耕地保护": "rural", "提振消费": "economy", "清理拖欠企业账款": "business", "专项债券项目": "investment",
    "科技成果转化": "innovation", "智能制造": "industry", "国有资产保值增值": "soe", "审计整改": "fiscal",
    "防范非法集资": "finance", "校园安全": "education", "医保基金监管": "health", "高校毕业生就业": "employment",
    "老旧小区改造": "housing", "垃圾分类": "urban", "农村公路建设": "transport", "非遗保护": "culture-tourism",
    "药品安全": "market", "网格化管理": "grassroots", "信访工作": "law-order", "机关党建": "party-building",
    "清廉机关建设": "integrity", "整治形式主义为基层减负": "conduct", "巡察反馈问题整改": "inspection",
    "网络意识形态": "ideology", "年轻干部培养": "cadres", "一网通办": "digital-gov",
    "清朗专项行动": "cyberspace", "卫片执法": "natural-resources", "代表建议办理": "congress", "提案办理": "cppcc",
}  # fmt: skip
GENRES = ["work-meeting", "mobilization", "study-session", "party-lecture", "symposium", "commendation"]
SEEDS = [1, 2]
GAP = re.compile("〔待补充：[^〕]+〕")
FIGURE = re.compile("[0-9０-９]")
runner = CliRunner()


pytestmark = pytest.mark.usefixtures("shipped_bank_only")  # conftest.py


@pytest.fixture(scope="module")
def bank(shipped_bank):
    return shipped_bank


@pytest.fixture(scope="module")
def drafts(bank):
    """Every (topic, genre, seed) drafted once, written as .md and read back through the parser."""
    out = {}
    for topic, genre, seed in itertools.product(TOPICS, GENRES, SEEDS):
        result = draft(Options(topic, genre=genre, seed=seed, date=DAY), bank)
        out[(topic, genre, seed)] = result
    return out


def body_sentences(speech):
    """The sentences of the sections (points' leads apart)."""
    for section in speech.sections:
        for paragraph in [*section.paragraphs, *(p for point in section.points for p in point.paragraphs)]:
            yield from (s for s in paragraph.sentences if s.role != "point.lead")


def field_words(bank, names):
    catalogue = bank.fields()
    fields = [catalogue.find(n) for n in names]
    return {w for f in fields for w in (*f.vocabulary, *(k for t in f.tasks for k in t.keywords)) if len(w) >= 2}


def test_there_are_at_least_32_fields_each_complete(bank):
    fields = bank.fields().fields
    assert len(fields) >= 32
    for f in fields.values():
        assert len(f.tasks) >= 12 and len(f.vocabulary) >= 30 and len(f.indicators) >= 5, f.name
        assert f.facts and all(
            x.issuer and x.source.count("http") and (x.valid_from or x.kind == "formula") for x in f.facts
        )
        ids = {p.id for p in bank.phrases() if f"field:{f.id}" in p.tags}
        for task in f.tasks:  # each task argued in at least six sentences across its moves
            moves = {pid.rsplit(".", 2)[-2] for pid in ids if pid.startswith(task.id + ".")}
            assert {"lead", "situation", "meaning", "action", "who_when", "avoid"} <= moves, task.id
            assert len([pid for pid in ids if pid.startswith(task.id + ".") and ".lead." not in pid]) >= 6


@pytest.mark.parametrize(("topic", "field"), list(TOPICS.items()))
def test_a_topic_finds_its_field_by_its_words(bank, topic, field):
    found = resolve(topic, bank.fields())
    assert found and found[0].field.id == field, [m.field.id for m in found]
    assert found[0].why  # said in the writer's words


def test_a_topic_naming_two_fields_gets_both_and_an_unknown_topic_none(bank):
    catalogue = bank.fields()
    assert {m.field.id for m in resolve("安全生产和生态环境保护", catalogue)} == {"safety", "ecology"}
    assert [m.field.id for m in resolve("主题教育", catalogue)] == ["party-building"]  # not schools' 教育
    assert resolve("档案工作", catalogue) == []


def test_points_speak_their_field_and_lead_with_its_tasks(bank, drafts):
    catalogue = bank.fields()
    for (topic, genre, seed), result in drafts.items():
        words = field_words(bank, result.outline.fields)
        in_points = [
            s for section in result.speech.sections for point in section.points
            for p in point.paragraphs for s in p.sentences if s.source and s.role != "point.lead"
        ]  # fmt: skip
        speaking = [s for s in in_points if any(w in s.text.replace(topic, "") for w in words)]
        assert len(speaking) >= 0.4 * len(in_points), (topic, genre, seed, len(speaking), len(in_points))
        tasks = {lead for name in result.outline.fields for t in catalogue.find(name).tasks for lead in t.leads}
        leads = [p.lead[2:] for section in result.speech.sections for p in section.points]
        assert sum(lead in tasks for lead in leads) >= 3, (topic, genre, seed, leads)


def test_drafts_of_different_fields_share_little(bank, drafts):
    """Two drafts of one genre and seed on topics of different fields (topic masked) share at most
    10% of the sentences that speak of their subject, and at most 20% of all: the genre's own moves
    (its congratulation, its 学习他们……的精神 points, its 共勉) are the genre's in every field."""
    genre_own = {
        p.id for p in bank.phrases() if isinstance(p.source, str) and any(t.startswith("genre:") for t in p.tags)
    }

    def sentences(topic, genre, seed, subject_only):
        return {
            s.text.replace(topic, "〇")
            for p in drafts[(topic, genre, seed)].speech.paragraphs()
            for s in p.sentences
            if not subject_only or (s.source and s.source not in genre_own)
        }

    for genre, seed in itertools.product(GENRES, SEEDS):
        for subject_only, most in ((True, 0.10), (False, 0.20)):
            texts = {t: sentences(t, genre, seed, subject_only) for t in TOPICS}
            for a, b in itertools.combinations(TOPICS, 2):
                shared = len(texts[a] & texts[b]) / min(len(texts[a]), len(texts[b]))
                assert shared <= most, (a, b, genre, seed, subject_only, texts[a] & texts[b])


def test_no_sentence_of_another_field(bank, drafts):
    phrases = {p.id: p for p in bank.phrases()}
    catalogue = bank.fields()
    for (topic, genre, _), result in drafts.items():
        own = {catalogue.find(n).id for n in result.outline.fields}
        for s in (s for p in result.speech.paragraphs() for s in p.sentences if s.source):
            tagged = {t[6:] for t in phrases[s.source].tags if t.startswith("field:")}
            assert not tagged or tagged & own, (topic, genre, s.text)


def test_gaps_where_figures_go_and_no_invented_figure(drafts):
    for (topic, genre, seed), result in drafts.items():
        first = result.speech.sections[0]
        text = "".join(p.text for p in [*first.paragraphs, *(pa for point in first.points for pa in point.paragraphs)])
        if genre in ("work-meeting", "commendation"):
            assert len(GAP.findall(text)) >= 2, (topic, genre, seed)
        for s in (s for p in result.speech.paragraphs() for s in p.sentences):
            assert not FIGURE.search(re.sub("《[^》]*》|〔[^〕]*〕", "", s.text)), (topic, s.text)


def test_drafts_read_back_with_their_gaps_and_check_lists_them(tmp_path, drafts):
    result = drafts[("燃气安全", "work-meeting", 1)]
    path = tmp_path / "稿.docx"
    render(result.speech, path, "docx")
    (speech,) = parse_file(path)
    assert [s.heading for s in speech.sections] == [s.heading for s in result.speech.sections]
    found = check_speech(speech, DAY)
    assert not [f for f in found if f.severity == "error"]
    gaps = [f for f in found if f.text.startswith("〔待补充")]
    assert len(gaps) == sum(len(GAP.findall(p.text)) for p in result.speech.paragraphs()) >= 5


@pytest.mark.parametrize("day", [date(2024, 6, 1), date(2026, 12, 1), date(2027, 6, 1)])
def test_dated_items_are_right_for_the_date(bank, day):
    """No law before it is in force, no campaign after it ended, no plenary session before it
    was held, in any draft; `drafter check` finds nothing stale in them."""
    facts = bank.fields().facts()
    named = set()
    for topic in ["燃气安全", "秸秆禁烧", "专题读书班", "机关党建", "清理拖欠企业账款", "整治形式主义为基层减负"]:
        for genre in ("work-meeting", "study-session"):
            speech = draft(Options(topic, genre=genre, date=day), bank).speech
            text = "".join(p.text for p in speech.paragraphs())
            for fact in facts:
                if any(form in text for form in fact.forms if len(form) >= 3):
                    assert fact.current_on(day), (day, topic, fact.name)
                    named.add(fact.id)
            assert not [f for f in check_speech(speech, day) if f.rule.startswith("fact-")]
            if day >= date(2026, 3, 12):
                assert "十四五" not in text or "十四五”时期" in text  # not spoken of as the current plan
    assert named  # drafts do cite dated items
    if day < date(2025, 10, 20):
        assert not [f for f in facts if "四中全会" in f.name and f.id in named]


@pytest.mark.parametrize(
    "day, plan, year_name",
    [
        (date(2024, 6, 1), "十四五", None),
        (date(2026, 12, 1), "十五五", "“十五五”开局之年"),
        (date(2027, 6, 1), "十五五", None),
    ],
)
def test_a_speech_speaks_of_its_time_and_leaves_the_latest_instruction_to_the_writer(bank, day, plan, year_name):
    """The opening of a work meeting and of a mobilization names the plan period
    of its date (and what the year is called, where that is known), and leaves a gap where the
    latest instruction from above belongs; `drafter check` finds the year's name stale later."""
    for topic, genre, seed in itertools.product(
        ["燃气安全", "提案办理", "防汛抗旱", "卫片执法"], ["work-meeting", "mobilization"], [1, 2]
    ):
        speech = draft(Options(topic, genre=genre, seed=seed, date=day), bank).speech
        opening = "".join(p.text for p in speech.opening)
        assert "〔待补充：上级最新部署要求〕" in opening, (topic, genre, seed)
        assert plan in opening or (year_name and year_name in opening), (topic, genre, seed, opening)
        text = "".join(p.text for p in speech.paragraphs())
        assert not re.search("十[四五]五", text.replace(plan, "")), (topic, genre, seed)
        assert "开局之年" not in text or year_name
    stale = Speech(
        "讲话", None, None, "同志们：", [Paragraph([Sentence("今年是“十五五”开局之年。", "opening.directive")])], [], []
    )
    findings = [f.rule for f in check_speech(stale, day)]
    assert bool(findings) == (day != date(2026, 12, 1)), findings


def test_a_topic_on_a_part_of_its_field_keeps_to_that_part(bank):
    """校园食品安全 is the food part of 市场监管: its points open on the school canteens and stay
    with the field's food tasks, whatever the seed; 特种设备 and 公平竞争 wait."""
    market = bank.fields().find("market")
    task_of = {lead: t.id for t in market.tasks for lead in t.leads}
    food = {t.id for t in market.tasks if any(w in x for x in (*t.leads, *t.keywords) for w in ("食", "餐"))}
    for seed in (1, 2, 3):
        result = draft(Options("校园食品安全", seed=seed, date=DAY), bank)
        tasks = [task_of[p] for s in result.outline.sections for p in s.points if p in task_of]
        assert tasks[0] == "market.school-food", tasks
        assert sum(t in food for t in tasks) >= len(tasks) - 1 >= 3, tasks


def test_a_short_point_still_argues_its_lead_and_a_season_keeps_to_its_part(bank):
    """A 1,500-character speech on 冬春火灾防控: its points are the fire tasks of 安全生产 (not 建筑
    施工 or 危化品), and each, however short, says where things stand, why it matters and what
    must be done."""
    safety = bank.fields().find("safety")
    task_of = {lead: t for t in safety.tasks for lead in t.leads}
    for seed in (1, 2):
        result = draft(Options("冬春火灾防控", seed=seed, words=1500, date=DAY), bank)
        points = [p for s in result.speech.sections for p in s.points if strip_marker(p.lead) in task_of]
        task = [task_of[strip_marker(p.lead)] for p in points]
        fire = [t for t in task if any("火" in w or "消防" in w for w in (*t.leads, *t.keywords))]
        assert len(fire) >= len(points) - 1 >= 2, [p.lead for p in points]
        for point in points:
            roles = {s.role for p in point.paragraphs for s in p.sentences}
            assert {"body.situation", "body.claim", "body.demand"} <= roles, (seed, point.lead, roles)


def test_check_flags_a_fact_outside_its_span(tmp_path):
    path = tmp_path / "讲话.txt"
    path.write_text(
        "在全区安全生产工作会议上的讲话\n\n同志们：\n\n要深入实施《安全生产治本攻坚三年行动方案（2024—2026年）》。\n\n"
        "要认真贯彻《危险化学品安全法》。\n",
        encoding="utf-8",
    )

    def facts(day: str) -> tuple[list[dict], int]:
        result = runner.invoke(app, ["check", str(path), "--date", day, "--json"])
        return [f for f in json.loads(result.stdout)["findings"] if f["rule"].startswith("fact-")], result.exit_code

    late, _ = facts("2027-06-01")  # the three-year action has ended: a warning, with its span
    assert [(f["severity"], "2026-12-31" in f["message"]) for f in late] == [("warning", True)]
    early, code = facts("2024-06-01")  # the law is not in force yet: an error
    assert [f["text"] for f in early if f["severity"] == "error"] == ["《危险化学品安全法》"] and code == 1
    assert facts("2026-06-01") == ([], 0)


WRITER_POINTS = {  # topic -> three points a writer gives, the last near no task of the field
    "燃气安全": ["开展瓶装液化石油气整治", "加强餐饮场所用气安全", "办好群众满意的民生实事"],
    "秸秆禁烧": ["抓好秸秆综合利用", "推进督察反馈问题整改", "组织志愿者上街宣传"],
    "清理拖欠企业账款": ["清理拖欠中小企业账款", "规范涉企行政检查", "开好企业家座谈会"],
    "耕地保护": ["坚决遏制耕地非农化", "加快高标准农田建设", "办好农民丰收节"],
    "信访工作": ["推进信访工作法治化", "做实矛盾纠纷排查化解", "开展春节前走访慰问"],
    "机关党建": ["推进机关党建走在前作表率", "严格党的组织生活制度", "办好机关运动会"],
    "校园安全": ["筑牢校园安全防线", "加强学生心理健康教育", "改善教师食堂伙食"],
    "医保基金监管": ["加强医保基金监管", "提升基层医疗服务能力", "开展义诊进社区"],
    "老旧小区改造": ["推进城镇老旧小区改造", "加快地下管网更新改造", "举办邻里文化节"],
    "一网通办": ["推进线上办事一网通办", "提升政务数据共享实效", "评选服务标兵"],
}


@pytest.mark.parametrize("topic", list(WRITER_POINTS))
def test_a_writers_points_are_argued_by_their_task_or_left_as_a_gap(bank, topic):
    """A point is matched to the nearest task of the topic's field and argued by it (what of it
    speaks of the point); a point near no task gets at most two sentences of its own words and a
    gap for the writer, never unrelated filler."""
    points = WRITER_POINTS[topic]
    result = draft(Options(topic, points=points, date=DAY), bank)
    fields = [bank.fields().find(n) for n in result.outline.fields]
    section = next(s for s in result.speech.sections if s.points and points[0] in s.points[0].lead)
    for point, given in zip(section.points, points):
        assert point.lead[2:] == given
        near = nearest_task(given, fields)
        key = {given[i : i + 2] for i in range(len(given) - 1)} | set(near.task.keywords if near else ())
        body = [s for p in point.paragraphs for s in p.sentences if s.role != "point.lead"]
        assert body, given
        for s in body:  # the task's own argument, or a sentence that shares the point's key words, or a gap
            own = near is not None and (s.source or "").startswith(near.task.id + ".")
            assert own or GAP.fullmatch(s.text.rstrip("。")) or any(k in s.text for k in key), (given, s.text)
        if near is None:
            assert len(body) <= 3 and body[-1].text == f"〔待补充：围绕“{given}”的具体举措〕。", given
    assert nearest_task(points[0], fields) and nearest_task(points[2], fields) is None


def test_a_point_that_begins_with_yao_keeps_one_yao(bank):
    result = draft(Options("燃气安全", points=["要有韧劲", "要压实责任"], date=DAY), bank)
    leads = [p.lead for s in result.speech.sections for p in s.points]
    assert "一要有韧劲" in leads and "二要压实责任" in leads and not [x for x in leads if "要要" in x]


def test_cli_field_override_fields_list_and_a_topic_no_field_knows(tmp_path):
    listed = json.loads(runner.invoke(app, ["fields", "--json"]).stdout)
    assert len(listed) >= 32 and all(f["tasks"] and f["facts"] for f in listed)
    found = json.loads(runner.invoke(app, ["fields", "--topic", "冬春火灾防控", "--json"]).stdout)
    assert found[0]["name"] == "安全生产" and found[0]["why"]
    chosen = runner.invoke(app, ["outline", "冬季供暖", "--field", "住房和城乡建设"])
    assert chosen.exit_code == 0 and "fields: [住房和城乡建设]" in chosen.stdout and "写作者指定" in chosen.stdout
    wrong = runner.invoke(app, ["draft", "冬季供暖", "--field", "天文"])
    assert wrong.exit_code != 0 and "drafter fields" in wrong.stderr and "Traceback" not in wrong.output
    general = runner.invoke(app, ["draft", "档案工作", "-o", str(tmp_path / "稿.md")])
    assert general.exit_code == 0 and "没有找到所属的领域" in general.stderr and "--field" in general.stderr
    text = (tmp_path / "稿.md").read_text(encoding="utf-8")
    assert len(GAP.findall(text)) >= 2
    safety = json.loads(runner.invoke(app, ["bank", "list", "--field", "安全生产", "--json"]).stdout)
    assert len(safety) >= 150 and all("field:safety" in p["tags"] for p in safety)


def test_the_outline_names_the_field_and_keeps_it(tmp_path, bank):
    options = Options("燃气安全", date=DAY)
    from drafter.compose import make_outline, outline_from_file

    path = tmp_path / "提纲.yaml"
    path.write_text(outline_yaml(make_outline(options, bank)).replace("[安全生产]", "[住房和城乡建设]"), "utf-8")
    again = draft(options, bank, outline_from_file(path))
    assert again.outline.fields == ["住房和城乡建设"] and "写作者指定" in again.outline.field_note


ARCHIVE = Path(__file__).parent / "fixtures" / "archive_safety"
ARCHIVE_WORDS = [
    "张建国",
    "王立新",
    "刘振华",
    "陈志明",
    "李红梅",
    "赵明远",
    "孙立强",
    "周海峰",
    "临江",
    "青石镇",
    "东港",
]


@pytest.mark.parametrize("topic", ["危险化学品安全", "城镇燃气安全"])
def test_the_writers_archive_feeds_drafts_of_its_field(tmp_path, monkeypatch, topic):
    """Seven speeches on 安全生产 (written for this test, with names, places, figures and dates
    in them), mined into the writer's own bank, then a draft on a sub-topic of the field."""
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "own"))
    shipped = Bank.open()
    mined = mine_files(collect_files([ARCHIVE]), catalogue=shipped.fields())
    write_bank(mined, tmp_path / "own")
    assert sum("field:safety" in p.tags for p in mined.phrases) >= 0.6 * len(mined.phrases)
    bank = Bank.open()
    for genre in ("work-meeting", "commendation"):
        result = draft(Options(topic, genre=genre, date=DAY), bank)
        body = [s for s in body_sentences(result.speech) if s.source]
        archive = [s for s in body if "第" in result.sources[s.source]]  # mined: file and paragraph
        assert len(archive) >= 0.3 * len(body), (genre, len(archive), len(body))
        text = "".join(p.text for p in result.speech.paragraphs())
        assert not [w for w in ARCHIVE_WORDS if w in text]
        assert not re.search("20[0-9]{2}年|[0-9]+月|[0-9]+家|[0-9]+起", re.sub("《[^》]*》|〔[^〕]*〕", "", text))


def test_a_writer_extends_a_field_and_adds_one_in_their_own_bank(tmp_path):
    own = tmp_path / "home" / "fields"
    own.mkdir(parents=True)
    (own / "safety.yaml").write_text(
        "id: safety\nname: 安全生产\nvocabulary: [船舶修造]\ntasks:\n"
        "  - id: shipyard\n    lead: [抓好船舶修造企业安全, 管住船舶修造安全风险]\n    keywords: [船舶修造, 船坞]\n"
        "    action: [船舶修造企业要严格落实动火作业审批，船坞作业前必须检测可燃气体浓度。]\n",
        encoding="utf-8",
    )
    (own / "archives.yaml").write_text(
        "id: archives\nname: 档案工作\nvocabulary: [档案, 档案馆]\ntasks:\n"
        "  - id: digital\n    lead: [推进档案数字化, 加快档案信息化建设]\n    keywords: [档案数字化]\n"
        "    action: [要加快馆藏档案数字化，让档案资源更好服务群众。]\n",
        encoding="utf-8",
    )
    found = json.loads(runner.invoke(app, ["fields", "--topic", "船舶修造安全", "--json"]).stdout)
    assert found[0]["id"] == "safety" and "safety.shipyard" in [t["id"] for t in found[0]["tasks"]]
    assert len(found[0]["tasks"]) >= 13  # the shipped tasks are kept
    result = runner.invoke(app, ["draft", "船舶修造安全", "--point", "抓好船舶修造企业安全"])
    assert "船坞作业前必须检测可燃气体浓度" in result.stdout
    archives = runner.invoke(app, ["draft", "档案工作"])
    assert archives.exit_code == 0 and "没有找到所属的领域" not in archives.stderr
    assert "加快馆藏档案数字化" in archives.stdout


@pytest.mark.parametrize(
    ("text", "says"),
    [
        (
            "id: x\nname: 测试\ntasks:\n  - id: a\n    lead: [推进某项工作]\n    action: [要贯彻《未核实条例》。]\n",
            "不在本文件的 facts 里",
        ),
        (
            "id: x\nname: 测试\ntasks:\n  - id: a\n    lead: [推进某项工作]\n    action: [今年完成38项任务。]\n",
            "数字只能写在",
        ),
        ("id: X Y\nname: 测试\n", "小写英文字母"),
        ("- id: a\n", "领域文件应是一个映射"),
    ],
)
def test_a_broken_field_file_is_reported_with_file_and_reason(tmp_path, text, says):
    own = tmp_path / "home" / "fields"
    own.mkdir(parents=True)
    (own / "mine.yaml").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["bank", "validate"])
    assert result.exit_code == 1 and "mine.yaml" in result.output and says in result.output
    assert "Traceback" not in result.output
