"""`drafter check`: every rule with a sentence that triggers it and one that must not; the seeds'
findings for a 2026 date; form checks on made-up speeches."""

from collections import Counter
from datetime import date, timedelta

import pytest

from drafter.check import check_file, check_speech, has_errors
from drafter.resources import wording_rules
from drafter.structure import parse_text
from drafter.tree import Paragraph, Section, Speech
from tests.conftest import SEEDS

TODAY = date(2026, 11, 23)
RULES = wording_rules()


def speech_of(*paragraphs: str, sections: list[Section] | None = None) -> Speech:
    return Speech(
        title="在会议上的讲话",
        salutation="同志们：",
        opening=[Paragraph.from_text(p) for p in paragraphs],
        sections=sections or [],
    )


def rules_found(speech: Speech, when: date = TODAY) -> list[str]:
    return [f.rule for f in check_speech(speech, when)]


@pytest.mark.parametrize("rule", RULES.phrases, ids=[r.id for r in RULES.phrases])
def test_phrase_rule(rule):
    when = date(TODAY.year, rule.months[0], 15) if rule.months else TODAY  # a season's words: in a month they misfit
    bad, good = rule.examples
    assert rule.id in rules_found(speech_of(bad), when), bad
    assert rule.id not in rules_found(speech_of(good), when), good


@pytest.mark.parametrize("rule", [r for r in RULES.phrases if r.months], ids=[r.id for r in RULES.phrases if r.months])
def test_a_seasons_words_are_wrong_only_out_of_season(rule):
    """入冬以来 in a speech dated July is flagged, in one dated December not."""
    bad, _ = rule.examples
    fits = next(m for m in range(1, 13) if m not in rule.months)
    assert rule.id in rules_found(speech_of(bad), date(TODAY.year, rule.months[0], 15))
    assert rule.id not in rules_found(speech_of(bad), date(TODAY.year, fits, 15))


@pytest.mark.parametrize("rule", [r for r in RULES.phrases if r.since], ids=[r.id for r in RULES.phrases if r.since])
def test_phrase_rule_takes_effect_on_its_date(rule):
    """Wording is stale from the rule's date on, not before: a 2016 speech may say 十三五."""
    bad, _ = rule.examples
    assert rule.id in rules_found(speech_of(bad), rule.since)
    assert rule.id not in rules_found(speech_of(bad), rule.since - timedelta(days=1))


@pytest.mark.parametrize("rule", RULES.orders, ids=[r.id for r in RULES.orders])
def test_order_rule(rule):
    bad, good = rule.examples
    found = check_speech(speech_of(bad), TODAY)
    assert rule.id in [f.rule for f in found], bad
    fix = next(f.fix for f in found if f.rule == rule.id)
    assert fix in good  # the fix is the right order
    assert rule.id not in rules_found(speech_of(good)), good


def test_there_are_at_least_30_wording_rules():
    assert len(RULES.phrases) >= 30


def test_finding_has_location_text_context_message_and_fix():
    speech = speech_of("今天开会。", "全党同以习近平同志为总书记的党中央保持高度一致。")
    finding = next(f for f in check_speech(speech, TODAY) if f.rule == "core-not-general-secretary")
    assert finding.severity == "error"
    assert finding.paragraph == 4  # title, salutation, then the second opening paragraph
    assert finding.offset == 3 and finding.text == "以习近平同志为总书记的党中央"
    assert "全党同以习近平同志为总书记的党中央保持" in finding.context
    assert "核心" in finding.message and finding.fix == "以习近平同志为核心的党中央"


# --- placeholders and unfilled slots -----------------------------------------------------------


@pytest.mark.parametrize("text", ["×", "××", "XXX", "***", "**", "{{ topic }}", "【此处填写数字】"])
def test_placeholders_are_errors(text):
    found = check_speech(speech_of(f"全区共有{text}个基层党组织参加了学习。"), TODAY)
    assert [(f.rule, f.severity, f.text) for f in found] == [("placeholder", "error", text)]


def test_marked_gaps_are_warnings():
    found = check_speech(speech_of("前三季度，〔待补充：前三季度主要指标〕，总体平稳。"), TODAY)
    assert [(f.rule, f.severity) for f in found] == [("gap", "warning")]
    assert not has_errors(found)


def test_no_placeholder_in_clean_text():
    assert rules_found(speech_of("全区共有3414个基层党组织，参照GB/T 9704执行。")) == []


# --- numbering ----------------------------------------------------------------------------------

BODY = "要切实增强责任感和紧迫感，把各项工作抓实抓细抓到位。"


def numbered(*lines: str) -> list[str]:
    return rules_found(parse_text("在会议上的讲话\n同志们：\n今天开会。\n" + "\n".join(lines) + "\n")[0])


def test_level1_numbering_gap():
    assert "numbering-level1" in numbered("一、提高认识", BODY, "三、狠抓落实", BODY)
    assert "numbering-level1" not in numbered("一、提高认识", BODY, "二、狠抓落实", BODY)


def test_point_numbering_gap_and_restart():
    assert "numbering-points" in numbered("一、狠抓落实", "（一）压实责任", BODY, "（三）强化考核", BODY)
    assert "numbering-points" in numbered("一、狠抓落实", f"一是压实责任。{BODY}", f"三是强化考核。{BODY}")
    # 一是 may start again under each （一）: that is no gap.
    ok = numbered("一、狠抓落实", "（一）压实责任", f"一是{BODY}", f"二是{BODY}", "（二）强化考核", f"一是{BODY}")
    assert "numbering-points" not in ok


def test_mixed_point_markers_in_one_section():
    assert "numbering-mixed" in numbered("一、狠抓落实", f"一是压实责任。{BODY}", f"二要强化考核。{BODY}")
    assert "numbering-mixed" not in numbered("一、狠抓落实", f"一要压实责任。{BODY}", f"二要强化考核。{BODY}")


def test_numbering_inside_one_paragraph():
    assert "numbering-inline" in rules_found(speech_of(f"一是{BODY}二是{BODY}四是{BODY}"))
    assert "numbering-inline" not in rules_found(speech_of(f"一是{BODY}二是{BODY}三是{BODY}"))


# --- repeats ------------------------------------------------------------------------------------


def test_repeated_and_near_duplicate_sentences():
    sentence = "各级党组织要切实履行主体责任，把学习教育抓紧抓实。"
    near = "各级党组织要切实履行主体责任，把学习教育抓紧抓好。"
    assert Counter(rules_found(speech_of(sentence, "今天开会。", sentence))) == {"repeated-sentence": 1}
    assert Counter(rules_found(speech_of(sentence, near))) == {"near-duplicate": 1}
    assert rules_found(speech_of(sentence, "要坚持问题导向，推动各项任务落地见效。")) == []


def test_overused_four_character_phrase():
    clause = "各级干部要主动作为、真抓实干，"
    assert "overused-phrase" in rules_found(speech_of(clause * 4 + "确保见效。"))
    assert "overused-phrase" not in rules_found(speech_of(clause * 3 + "确保见效。"))


# --- punctuation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "rule"),
    [
        ("今天开会,主要任务是部署工作。", "ascii-punctuation"),
        ("要坚持“两学一做常态化。", "unmatched-bracket"),
        ("要坚持两学一做”常态化。", "unmatched-bracket"),
        ("根据《实施意见要求，开展工作。", "unmatched-bracket"),
        ("要抓好落实。。", "doubled-punctuation"),
        ("要抓好落实，。", "doubled-punctuation"),
    ],
)
def test_punctuation(text, rule):
    assert rules_found(speech_of(text)) == [rule]


def test_clean_punctuation_passes():
    assert rules_found(speech_of("根据《实施意见》要求，坚持“两学一做”常态化（制度化）……完成投资1,250万元！")) == []


# --- the seeds, checked for 2026-11-23 -------------------------------------------------------------

# (speech, rule, offending text) → how many times; ascii punctuation and placeholders counted apart.
SEED_FINDINGS = {
    "000": {
        (1, "comrade-without-name", "同志"): 1,  # 刚才,同志传达了……: the name was taken out
        (1, "core-not-general-secretary", "以习近平同志为总书记的党中央"): 1,
        (1, "five-development-concepts", "五大发展理念"): 1,
        (1, "plan-13th-as-current", "“十三五”"): 1,
        (1, "series-speeches-as-guide", "习近平总书记系列重要讲话精神"): 1,
        (1, "three-confidences", "道路自信、理论自信和制度自信"): 1,
        (1, "two-studies-as-current", "开展“两学一做”学习教育"): 3,
    },
    "001": {(1, "welcome-19th-congress", "迎接党的十九大胜利召开"): 1},
    "002": {
        (1, "nineteenth-congress-as-latest", "党的十九大精神"): 1,
        (1, "order-four-consciousness", "政治意识,核心意识,大局意识,看齐意识"): 1,
        (2, "comma-in-stay-true", "不忘初心,牢记使命"): 1,
        (
            2,
            "near-duplicate",
            "***总书记强调,能否做好意识形态工作,事关党的前途命运,事关国家长治久安,事关民族凝聚力和向心力。",
        ): 1,
        (3, "nineteenth-congress-as-latest", "党的十九大精神"): 1,
        (3, "poverty-battle-current", "决战决胜脱贫攻坚"): 3,
        (5, "comma-in-stay-true", "不忘初心,牢记使命"): 1,
    },
    "003": {},
    "004": {
        (1, "core-not-general-secretary", "以习近平同志为总书记的党中央"): 1,
        (1, "plan-13th-as-current", "“十三五”"): 1,
        (1, "series-speeches-as-guide", "总书记系列重要讲话精神"): 1,
        (1, "three-confidences", "道路自信、理论自信、制度自信"): 1,
        (1, "two-centenary-both-pending", "实现“两个一百年”奋斗目标"): 1,
        (1, "two-studies-as-current", "开展“两学一做”学习教育"): 10,
    },
}
SEED_PLACEHOLDERS = {
    "000": {},
    "001": {"XXX": 2, "XXXXX": 1},
    "002": {"×": 7, "***": 44, "×××": 4, "**": 2, "X": 10, "XXX": 4},
    "003": {"**": 1},
    "004": {},
}
SEED_ASCII_PARAGRAPHS = {"000": 11, "001": 0, "002": 114, "003": 29, "004": 0}


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_seed_findings_for_2026(seed):
    found = check_file(SEEDS[seed], TODAY)
    listed = Counter((f.speech, f.rule, f.text) for f in found if f.rule not in ("ascii-punctuation", "placeholder"))
    assert dict(listed) == SEED_FINDINGS[seed]
    assert dict(Counter(f.text for f in found if f.rule == "placeholder")) == SEED_PLACEHOLDERS[seed]
    assert sum(f.rule == "ascii-punctuation" for f in found) == SEED_ASCII_PARAGRAPHS[seed]


def test_seed_checked_for_its_own_time_has_no_stale_wording():
    """004 was given on 2016-04-21: nothing it says was stale then."""
    found = check_file(SEEDS["004"], date(2016, 4, 21))
    assert [f for f in found if f.rule in {r.id for r in RULES.phrases}] == []
