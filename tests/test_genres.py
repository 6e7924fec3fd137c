"""Genres: each of the nine speaks as its genre. A 表彰 speech congratulates the commended and
holds up what to learn from them, a 座谈会 speech answers its speakers and says how their
suggestions will be taken up, a 党课 lectures and examines, a 中心组 speech speaks of its own
study in the first person … Every draft is written as a .docx and read back through the parser;
its moves are found in what the parser reads, in order, over 12 topics of 12 fields × 2 seeds."""

import itertools
import re
from datetime import date

import pytest

from drafter.compose import Options, draft
from drafter.compose.genres import all_genres
from drafter.render import render
from drafter.structure import parse_file

DAY = date(2026, 12, 1)
# Topics of 12 fields that no other test drafts (sub-areas, campaigns, seasonal tasks).
TOPICS = [
    "危化品安全", "汛期地质灾害防范", "大气污染防治", "乡村产业振兴", "招商引资", "食品安全",
    "物业管理", "城市更新", "养老服务", "文明城市创建", "党风廉政建设", "优化营商环境",
]  # fmt: skip
SEEDS = [1, 2]
GAP = "〔待补充："
CONTEXT = {"topic": "安全生产", "org": "全区", "unit": "区", "meeting": None, "words": 3000, "tasks": []}


def blocks(speech):
    """The parsed speech as (part, text) in reading order: part is opening, heading N, lead N,
    body N (of section N) or closing."""
    out = [("opening", p.text) for p in speech.opening]
    for n, section in enumerate(speech.sections):
        out.append((f"heading {n}", section.heading or ""))
        out += [(f"body {n}", p.text) for p in section.paragraphs]
        for point in section.points:
            out.append((f"lead {n}", point.lead))
            out += [(f"body {n}", p.text) for p in point.paragraphs]
    return out + [("closing", p.text) for p in speech.closing]


def move(part: str, pattern: str):
    """A move: a block of PART (a prefix: body matches body 0, body 1 …) whose text matches."""
    return part, re.compile(pattern)


def section_move(n: int, pattern: str, at_least: int = 1):
    """A move made in section N: its blocks (heading, leads, bodies) match AT_LEAST times."""
    return f"section {n}", re.compile(pattern), at_least


# Each genre's moves, in the order a writing guide teaches them (reference/speech-structure.md).
MOVES = {
    "work-meeting": [
        move("opening", "召开|会议"),
        section_move(0, GAP, at_least=2),  # the review, with the writer's figures as gaps
        section_move(0, "仍|依然|尚|还存在|不足|不够|有待|不强|不平衡|滞后|薄弱|短板|差距"),  # what is still wrong
        section_move(1, "^[一二三四五六七八九十]要", at_least=3),  # the tasks
        section_move(2, "^[一二三四五六七八九十][要是]", at_least=2),  # the requirements
    ],
    "commendation": [
        move("opening", "表彰"),
        move("opening", "祝贺.*〔待补充：受表彰的先进集体、先进个人〕|〔待补充：受表彰的先进集体、先进个人〕.*祝贺"),
        section_move(0, GAP, at_least=2),  # the achievements
        section_move(0, "经验|启示|体会|实践证明|实践表明"),  # what they teach
        section_move(1, "^[一二三四五六七八九十]是学习他们.{4,}的", at_least=3),  # 学习他们……的精神, in parallel
        section_move(2, "^[一二三四五六七八九十]要", at_least=3),  # the new requirements
        move("closing", "希望"),
        move("closing", "！"),
    ],
    "symposium": [
        move("opening", "座谈|听取|意见建议|听听"),
        move("opening", "刚才.{0,40}(发言|谈|讲)"),
        move("opening", "发言|大家.{0,8}(谈|提|讲|反映)"),  # the answer to them
        section_move(0, GAP),  # what the speaker affirms
        section_move(1, "。"),  # his views
        section_move(2, "^[一二三四五六七八九十]是", at_least=3),  # his hopes
        move("closing", "(意见|建议|座谈|发言).*(梳理|研究|吸纳|办理|采纳|反馈|整理|报告|参考|落实)"),
    ],
    "party-lecture": [
        move("opening", "党课|学习交流|交流"),
        section_move(0, "〔待补充：[^〕]*(引文|原文|出处|论述)[^〕]*〕"),  # the theory and its source
        section_move(1, "以案|案例|案件|以史|历史|教训"),  # history or cases
        section_move(1, "有的.+有的"),  # self-examination as observed behaviour
        section_move(2, "^[一二三四五六七八九十]要", at_least=3),  # what to do
        move("closing", "共勉"),
    ],
    "study-session": [
        move("opening", "学习"),
        move("opening", "刚才.{0,40}(发言|交流|谈)"),  # the discussion
        section_move(0, "通过.{0,10}(学习|研读|研讨)|我.{0,16}(体会|认识|感到|感受|认为|深感|收获)", at_least=2),
        section_move(1, "差距|不足|短板|对照|还(有|存在)"),  # held against oneself
        section_move(2, "^[一二三四五六七八九十]要", at_least=3),  # how it goes into the work
    ],
    "mobilization": [
        move("opening", "动员|部署"),
        section_move(
            0, "意义|必要|紧迫|为什么|形势|迫切|刻不容缓|当务之急|势在必行|必然要求|所迫|所盼|检验|取决于"
        ),  # why now
        section_move(1, "目标"),  # the aims …
        section_move(1, "阶段.{0,40}〔待补充|〔待补充：[^〕]*(时间|时限|节点)"),  # … and the stages, dates as gaps
        section_move(1, "^[一二三四五六七八九十]要", at_least=3),  # the tasks
        section_move(2, "领导|组织|责任|保障|落实|督导"),  # the organisation
    ],
    "training-opening": [
        move("opening", "培训|读书班"),
        move("opening", "欢迎|祝贺|感谢"),
        section_move(0, "。"),  # why this training
        section_move(1, "学", at_least=3),  # how to learn
        section_move(2, "纪律|规定|管理|考勤|请假"),  # the discipline
        move("closing", "圆满成功|祝"),
    ],
    "warning-education": [
        move("opening", "警示"),
        section_move(0, "〔待补充：[^〕]*(案例|案件)"),  # the cases
        section_move(0, "根源|原因|究其|归根|剖析"),  # their roots
        section_move(1, "形势|严峻|复杂"),
        section_move(2, "^[一二三四五六七八九十]要", at_least=3),  # the requirements
        move("closing", "。|！"),
    ],
    "festival-greeting": [
        move("opening", "问候|祝福|祝愿|感谢|敬意|拜年|拜个早年"),
        section_move(0, GAP),  # the year reviewed
        section_move(1, "新的一年|新一年|来年|明年"),  # the year ahead
        move("closing", "祝"),
    ],
}


def found_in_order(speech, moves) -> list[str]:
    """The moves of MOVES not found in SPEECH, each after the one before (a section's move
    within its section; moves of one section in any order among themselves)."""
    parts = blocks(speech)
    missing, at = [], 0
    for m in moves:
        if len(m) == 3:  # a section's move
            part, pattern, least = m
            n = part.split()[1]
            inside = [i for i, (p, _) in enumerate(parts) if p.split()[-1] == n and p != "opening"]
            hits = sum(len(pattern.findall(parts[i][1])) for i in inside)
            if hits < least or (inside and inside[-1] < at):
                missing.append(f"{part}: {pattern.pattern}")
            elif inside:
                at = max(at, inside[0])
            continue
        part, pattern = m
        hits = [i for i, (p, text) in enumerate(parts) if p.startswith(part) and i >= at and pattern.search(text)]
        if not hits:
            missing.append(f"{part}: {pattern.pattern}")
        else:
            at = hits[0]
    return missing


@pytest.fixture(scope="module")
def drafts(shipped_bank, tmp_path_factory):
    """Every (topic, genre, seed): drafted, written as .docx and read back through the parser."""
    folder = tmp_path_factory.mktemp("drafts")
    out = {}
    for n, (topic, genre, seed) in enumerate(itertools.product(TOPICS, MOVES, SEEDS)):
        result = draft(Options(topic, genre=genre, seed=seed, date=DAY), shipped_bank)
        path = folder / f"{n}.docx"
        render(result.speech, path, "docx")
        (speech,) = parse_file(path)
        out[(topic, genre, seed)] = speech
    return out


def test_there_are_nine_genres_each_with_moves_of_its_own():
    genres = {g.id: g for g in all_genres(CONTEXT)}
    assert set(genres) >= set(MOVES)
    for genre in genres.values():
        assert genre.name and genre.aliases and genre.about
    # No two genres argue alike: their sequences of heading roles and opening moves differ.
    shapes = {(tuple(s.role for s in g.sections), g.opening, g.closing) for g in genres.values()}
    assert len(shapes) == len(genres)


@pytest.mark.parametrize("genre", list(MOVES))
def test_every_draft_makes_its_genres_moves_in_order(drafts, genre):
    for topic, seed in itertools.product(TOPICS, SEEDS):
        missing = found_in_order(drafts[(topic, genre, seed)], MOVES[genre])
        assert missing == [], (topic, seed, missing)


def test_a_move_missing_or_out_of_order_is_found():
    """The checker above can fail: a commendation speech that congratulates no one, and one
    that sets its tasks before its exemplars."""
    from drafter.structure import parse_text

    exemplars = "一是学习他们忠诚担当的精神。二是学习他们攻坚克难的作风。三是学习他们无私奉献的情怀。"
    tasks = "一要抓好排查。二要抓好整改。三要抓好执法。"

    def speech(opening: str, second: str, third: str):
        lines = ["在全区安全生产总结表彰大会上的讲话", "同志们：", opening, "一、成绩"]
        lines += ["一年来〔待补充：成绩〕，〔待补充：指标〕，经验弥足珍贵。", "二、学习先进", second, "三、任务", third]
        (parsed,) = parse_text("\n".join([*lines, "同志们，希望大家再接再厉！"]))
        return parsed

    congratulated = "今天召开表彰大会。向〔待补充：受表彰的先进集体、先进个人〕表示热烈祝贺！"
    assert found_in_order(speech(congratulated, exemplars, tasks), MOVES["commendation"]) == []
    missing = found_in_order(speech("今天召开表彰大会。", exemplars, tasks), MOVES["commendation"])
    assert len(missing) == 1 and "祝贺" in missing[0]
    missing = found_in_order(speech(congratulated, tasks, exemplars), MOVES["commendation"])
    assert [m.split(":")[0] for m in missing] == ["section 1", "section 2"]


def skeleton(speech) -> tuple:
    """The shape of a parsed speech: each section's number of points, or of paragraphs (段)."""
    return tuple(len(s.points) if s.points else f"{len(s.paragraphs)}段" for s in speech.sections)


@pytest.mark.parametrize("genre", list(MOVES))
def test_a_genre_lays_out_its_speeches_in_several_ways(drafts, genre):
    """Over the 12 topics (one seed), at least three different skeletons, three to five sections."""
    shapes = [skeleton(drafts[(topic, genre, 1)]) for topic in TOPICS]
    assert len(set(shapes)) >= 3, shapes
    assert all(2 <= len(shape) <= 5 for shape in shapes), shapes


def test_drafts_read_as_speeches_and_check_finds_only_their_gaps(drafts):
    """Over every draft above: few sentences open with 要 (at most 35%, the check's own limit),
    none repeats the marker (二要要), and `drafter check` finds nothing but the gaps left for the
    writer's own figures and facts."""
    from drafter.check import check_speech

    for (topic, genre, seed), speech in drafts.items():
        sentences = [s.text for p in speech.paragraphs() for s in p.sentences]
        assert sum(s.startswith("要") for s in sentences) <= 0.35 * len(sentences), (topic, genre, seed)
        findings = [f for f in check_speech(speech, DAY) if f.rule != "gap"]
        assert findings == [], (topic, genre, seed, [(f.rule, f.text, f.context) for f in findings])


def test_check_tells_a_speech_that_opens_sentence_after_sentence_with_yao():
    from drafter.check import check_speech
    from drafter.structure import parse_text

    def speech(yao: int, other: int):
        sentences = [f"要把第{n}项工作抓紧抓实，确保按期完成。" for n in range(yao)]
        sentences += [f"各单位把第{n}项任务落到实处，形成工作合力。" for n in range(other)]
        lines = ["在全区安全生产工作会议上的讲话", "同志们：", "今天召开会议。", "一、任务", "".join(sentences)]
        return parse_text("\n".join([*lines, "同志们，让我们共同努力！"]))[0]

    def rules(s):
        return {f.rule for f in check_speech(s, DAY)}

    assert "opener-overused" in rules(speech(20, 10))
    assert "opener-overused" not in rules(speech(5, 25))
