"""Mining the seeds into a phrase bank: roles, slots, what never gets into a generic phrase,
and the shipped bank being exactly what `drafter mine corpus/` writes plus the curated phrases."""

import re
from pathlib import Path

import pytest
from jinja2 import StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

from drafter.bank.model import Phrase, Source
from drafter.mining import bank_files, collect_files, mine_files, write_bank
from drafter.resources import CONTRACT_ROLES, role_rules
from tests.conftest import CORPUS, ROOT

SHIPPED = ROOT / "phrasebank"
# Real people named in the seeds (leaders' formal references such as 习近平总书记 are formulas).
NAMES = [
    "刘云山",
    "云山同志",
    "赵乐际",
    "春礼",
    "何岩",
    "伟平",
    "刘伟平",
    "汪洋",
    "孙海生",
    "牛鲁平",
    "韩桂英",
    "史志军",
    "毛泽东",
    "马克思、恩格斯",
]
# Each seed's own topic words.
TOPIC_WORDS = {
    "000": ["两学一做", "学党章党规", "四讲四有", "学习教育"],
    "001": ["两学一做", "常态化制度化", "学习教育"],
    "002": ["意识形态"],
    "003": ["先进性教育"],
    "004": ["两学一做", "学习教育"],
}
SLOT_VALUES = {"topic": "安全生产", "org": "全区", "unit": "区", "meeting": "全区安全生产工作会议",
               "speaker": "张明", "date": "2026年11月22日", "x": "实", "plan": "“十五五”",
               "year_name": "“十五五”开局之年", "guidance": "党的二十大和二十届历次全会精神"}  # fmt: skip


@pytest.fixture(scope="module")
def mined():
    return mine_files(collect_files([CORPUS]))


def shipped_phrases() -> list[Phrase]:
    """Every phrase of the shipped bank, its field files' sentences too, as the bank reads them."""
    from drafter.bank.cache import load_folder

    return [Phrase.from_row(row) for data in load_folder(SHIPPED).values() for _, row in data.rows]


def test_shipped_bank_is_what_mining_the_corpus_writes(mined):
    files = bank_files(mined)
    shipped = {p.name: p.read_text(encoding="utf-8") for p in (SHIPPED / "mined").iterdir()}
    assert files == shipped


def test_mining_twice_gives_the_same_bytes(tmp_path, mined):
    first = write_bank(mined, tmp_path / "a")
    second = write_bank(mine_files(collect_files([CORPUS])), tmp_path / "b")
    assert sorted(p.name for p in first.iterdir()) == sorted(p.name for p in second.iterdir())
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes()


def test_bank_size_and_roles():
    phrases = shipped_phrases()
    roles = {p.role for p in phrases}
    assert len(phrases) >= 300
    assert len(roles) >= 14
    assert set(CONTRACT_ROLES) <= roles
    assert len({p.id for p in phrases}) == len(phrases)  # ids are unique


def test_every_design_role_is_mined_or_curated(mined):
    curated = {p.role for p in shipped_phrases() if p.source == "curated"}
    assert set(CONTRACT_ROLES) <= {p.role for p in mined.phrases} | curated


def test_generic_phrases_hold_no_names_figures_placeholders_or_source_topic(mined):
    generic = [p for p in mined.phrases if not p.topics]
    assert len(generic) >= 300
    for phrase in generic:
        text = phrase.text
        assert not any(name in text for name in NAMES), text
        assert not re.search("[0-9０-９]", text), text
        assert not re.search("[×ＸX]|\\*", text), text
        seed = phrase.source.file[:3]
        assert not any(word in text for word in TOPIC_WORDS[seed]), text


def test_slots_are_from_the_vocabulary_and_render_in_the_sandbox():
    vocabulary = set(role_rules().slots)
    env = SandboxedEnvironment(undefined=StrictUndefined)
    for phrase in shipped_phrases():
        used = set(re.findall(r"\{\{\s*(\w+)\s*\}\}", phrase.text))
        assert used <= vocabulary, phrase.text
        rendered = env.from_string(phrase.text).render(**SLOT_VALUES)
        assert "{{" not in rendered and "}}" not in rendered and "{%" not in rendered


def test_phrases_keep_their_source(mined):
    for phrase in mined.phrases:
        assert isinstance(phrase.source, Source)
        assert (CORPUS / phrase.source.file.split("#")[0]).exists()
        assert phrase.source.paragraph >= 1 and phrase.source.offset >= 0


def test_topic_and_place_become_slots(mined):
    texts = {p.text for p in mined.phrases}
    assert "{{ topic }}是推动全面从严治党向基层延伸的必然选择。" in texts  # “两学一做” → topic
    assert "要在“{{ x }}”字上下苦功" in texts  # a heading set's key word
    assert "在{{ meeting }}上的讲话" in texts
    assert any(t.startswith("让我们更加紧密地团结在以习近平同志为核心的党中央周围") and "{{ org }}" in t for t in texts)


def test_topic_bound_phrases_name_their_topic(mined):
    bound = [p for p in mined.phrases if p.topics]
    assert bound
    assert any(p.topics == ["“两学一做”学习教育"] and "四讲四有" in p.text for p in bound)


def test_tags_give_genre_domain_and_marker(mined):
    lead = next(p for p in mined.phrases if p.text == "加强领导")
    assert {"genre:mobilization", "marker:yao"} <= set(lead.tags)
    assert any("domain:党建" in p.tags for p in mined.phrases)


def test_skeletons(mined):
    by_source = {s.source: s for s in mined.skeletons}
    assert len(mined.skeletons) == 9
    first = by_source["000_644af5d76474d343.txt"]
    assert first.sections == ["heading.significance", "heading.requirement", "heading.guarantee"]
    assert first.points == [3, 3, 4] and first.genre == "mobilization"
    assert by_source["002_6e0b274a56301008.txt#2"].points == [0, 5, 5]


def test_dropped_sentences_are_counted_by_reason(mined):
    assert {"含人名", "含具体数字或日期", "含占位符"} <= set(mined.dropped)


# 40 sentences chosen by hand across the five seeds, with the role a writer would give them.
LABELLED = [
    ("000", "真学真信真用的问题不解决，坚定理想信念就是一句空话", "body.claim"),
    ("000", "这是对党员党性修养的有效锤炼，是对党员理想信念的一次再教育", "body.claim"),
    ("000", "此次学习教育，中央旗帜鲜明地提出了新形势下合格党员的标准", "body.claim"),
    ("000", "我们要紧密联系实际，提升认识、加深理解", "body.demand"),
    ("000", "{{ topic }}是推动全面从严治党向基层延伸的必然选择。", "point.lead"),
    ("000", "局班子成员要认真落实中央关于学习教育的各项要求", "body.demand"),
    ("000", "当前，一些基层党支部还存在制度落实不力、组织涣散等问题。", "body.situation"),
    ("000", "知行合一，真做真用，做合格党员，是学习教育的着眼点和落脚点。", "body.claim"),
    ("000", "中央明确要求，这次学习教育不同于群众路线教育实践活动", "body.claim"),
    ("001", "强化舆论宣传", "point.lead"),
    ("001", "教育引导党员干部深入学、反复学，学深悟透", "body.measure"),
    ("001", "党内政治生活质量进一步提升。", "opening.affirm"),
    ("001", "实践证明，{{ topic }}是推进思想建党、组织建党、制度治党的有力抓手", "opening.background"),
    ("001", "明确责任，强化落实", "heading.guarantee"),
    ("001", "具体到每名党员、每个党支部，还需要结合各自实际再细化。", "body.demand"),
    ("001", "通过开展“阳湖精神大讨论”“三立三正”等活动，有效激发了党员干部干事创业的热情。", "opening.affirm"),
    ("001", "依托“三会一课”、“统一活动日”、民主生活会", "opening.affirm"),
    ("002", "从严治党必须从党内政治生活管起、严起", "body.demand"),
    ("002", "归结为一句话，就是要对标中央、省市领导讲话和文件要求", "body.demand"),
    ("002", "要求“落实意识形态工作责任制，加强阵地建设和管理”", "body.quote"),
    ("002", "当今社会经济飞速发展形势下，面对机遇与挑战并存的新形势", "opening.background"),
    ("002", "要坚持问题导向，促进学习成果转化", "heading.task"),
    ("002", "政治敏锐性不高。", "opening.background"),
    ("002", "党的十九大强调，意识形态决定文化前进方向和发展道路。", "body.quote"),
    ("003", "我们一定要认真学习领会，深刻认识开展{{ topic }}的重大意义", "body.demand"),
    ("003", "总之，{{ org }}各级党组织和广大党员要充分认识这次教育活动的重要性和紧迫性", "body.demand"),
    ("003", "正确把握中央和省、市委的总体要求，精心谋划", "heading.requirement"),
    ("003", "党员是党的活动主体，党的基层组织和党员队伍是党的建设的基础。", "body.claim"),
    ("003", "深入加强基层建设，进一步夯实组织基础", "point.lead"),
    ("003", "贯彻“三个代表”重要思想，核心是保持党的先进性。", "body.claim"),
    ("003", "要从提高党的执政能力建设这个更高层次来把握", "body.demand"),
    ("003", "{{ org }}各级党组织必须高度重视，采取强有力的措施，推动教育活动深入开展。", "body.demand"),
    ("004", "开展{{ topic }}必须调动{{ org }}各级党组织的积极性，创新方式方法取得明显成效", "heading.task"),
    ("004", "“学”得怎么样、“做”得是否合格，最终要体现在推动中心工作", "body.claim"),
    ("004", "要联系科技创新工作实际和特点，根据不同群体党员的实际情况", "body.demand"),
    ("004", "党规党纪是党章的延伸和具体化，明确规定了党员应当严守的纪律和规矩。", "body.claim"),
    ("004", "开展{{ topic }}，基础在学，关键在做", "body.claim"),
    ("004", "坚持问题导向，找准边学边改的着力点", "point.lead"),
    ("004", "这次{{ topic }}面向全党同步开展，不分批次、不划阶段、不设环节", "body.demand"),
    ("004", "党章党规是全面从严治党的依据，是全体党员的共同行为规范。", "body.claim"),
]


def test_hand_labelled_sample_is_classified_correctly(mined):
    assert len(LABELLED) == 40 and len({s for s, _, _ in LABELLED}) == 5
    right = []
    for seed, start, role in LABELLED:
        found = [p for p in mined.phrases if p.source.file.startswith(seed) and p.text.startswith(start)]
        assert len(found) == 1, start
        right.append(found[0].role == role)
    assert sum(right) >= 36, f"{sum(right)} of 40"


def test_a_phrase_with_a_name_or_figure_is_dropped(tmp_path):
    speech = tmp_path / "made-up.txt"
    speech.write_text(
        "在全县安全生产工作会议上的讲话\n同志们：\n今天召开全县安全生产工作会议，主要任务是部署安全生产工作。\n"
        "一、压实责任\n王建国同志要带头抓好安全生产责任落实工作。全县已排查隐患1250处，整改率达到百分之九十。\n"
        "要把安全生产责任落实到每个岗位、每个环节。\n",
        encoding="utf-8",
    )
    mined = mine_files([speech])
    texts = [p.text for p in mined.phrases]
    assert not any("王建国" in t or "1250" in t for t in texts)
    assert (
        "要把{{ topic }}责任落实到每个岗位、每个环节。" in texts
        or "要把安全生产责任落实到每个岗位、每个环节。" in texts
    )
    assert mined.dropped["含人名"] == 1 and mined.dropped["含具体数字或日期"] == 1


def test_unreadable_files_are_skipped_not_fatal(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "old.docx").write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100))
    good = tmp_path / "good.txt"
    good.write_bytes((CORPUS / "001_f8951ad572eb82e0.txt").read_bytes())
    mined = mine_files(collect_files([tmp_path]))
    assert [Path(f).name for f, _ in mined.skipped] == ["empty.txt", "old.docx"]
    assert mined.files == ["good.txt"] and mined.phrases


def test_interrupted_write_leaves_the_folder_as_it_was(tmp_path, mined, monkeypatch):
    folder = write_bank(mined, tmp_path)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    calls = {"n": 0}
    real = Path.write_text

    def fail_on_third(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", fail_on_third)
    with pytest.raises(KeyboardInterrupt):
        write_bank(mine_files([CORPUS / "003_9f0da0f5fbc462aa.txt"]), tmp_path)
    monkeypatch.undo()
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mined"]
