"""One test per cleaning rule, on the seeds and on small made-up inputs."""

import pytest

from drafter.ingest import Line, clean, find_placeholders, read_paragraphs
from drafter.structure import parse_text
from tests.conftest import SEEDS


def cleaned(*lines: str) -> list[str]:
    return [ln.text for ln in clean([Line(t) for t in lines])]


def seed_text(name: str) -> str:
    return "\n".join(ln.text for ln in read_paragraphs(SEEDS[name]))


BODY = "今天召开全区安全生产工作会议，主要任务是总结前一阶段工作，部署下一阶段任务。"


# --- web-page chrome -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "chrome",
    [
        "http://www.is.cas.cn/ztzl2016/lxyz2016/xxzl2016/201605/t20160513_4601189.html",
        "https://example.gov.cn/a/b.html",
        "首页 > 专题专栏 > 两学一做学习教育工作 > 学习资料",
        "当前位置：首页 » 范文 » 讲话稿",
        " 文章来源：  |  发布时间：2016-05-13  |  【打印】 【关闭】",
        "【参考阅览】此篇精品资料由阿拉网友整理分享,帮您减少加班熬夜,喜欢就复制下载支持吧!",
        "下一篇:电路教学的有效方法(精彩8篇)",
        "上一篇：关于加强作风建设的意见",
        "研究员（正高级工程师）",
        "副研究员（高级工程师）",
        "时间:2022-09-01 09:39:00",
        "党组书记在党组理论学习中心组上的讲话稿集聚5篇",
        "扫一扫，关注公众号获取更多范文",
    ],
)
def test_chrome_lines_are_dropped(chrome):
    assert cleaned(chrome, BODY) == [BODY]


def test_chrome_in_the_seeds_is_gone():
    for name in SEEDS:
        text = seed_text(name)
        for chrome in (
            "http",
            "首页 >",
            "文章来源",
            "【打印】",
            "【参考阅览】",
            "下一篇",
            "研究员（",
            "时间：2022",
            "集聚5篇",
        ):
            assert chrome not in text, (name, chrome)


def test_site_name_after_a_page_title_is_removed():
    assert cleaned("在全市工作会议上的讲话（张三）----软件研究所", BODY)[0] == "在全市工作会议上的讲话（张三）"


def test_trailing_source_line_is_removed():
    assert cleaned(BODY, "（京区党委）") == [BODY]
    assert not seed_text("004").endswith("（京区党委）")


def test_body_line_that_mentions_chrome_words_is_kept():
    """Chrome rules only drop short lines: a long paragraph mentioning 下载 stays."""
    long_line = "要加强网络阵地管理，" + "对群众反映的下载平台乱象要及时整治，" * 12 + "确保网络空间清朗。"
    assert cleaned(long_line) == [long_line]


# --- fragment numbers ------------------------------------------------------------------------


def test_fragment_numbers_in_seed_000_are_removed_and_words_rejoined():
    text = seed_text("000")
    assert "2、" not in text and "12、" not in text
    assert "影响力、凝聚力和战斗力" in text  # "影\n4、响力" rejoined
    assert "坚定决心和政治定力，具有很强的思想性" in text  # "定力\n2、,具有" rejoined


def test_fragment_numbers_made_up():
    assert cleaned(
        "1、同志们：今天我们召开会议，研究部署安全",
        "2、生产工作。会议的主要任务是总结",
        "3、经验、查找问题、部署任务。",
    ) == [
        "同志们：今天我们召开会议，研究部署安全生产工作。会议的主要任务是总结经验、查找问题、部署任务。",
    ]


def test_a_real_numbered_list_is_not_joined():
    lines = ["1、加强组织领导。", "2、强化责任落实。", "3、严格督查考核。"]
    assert cleaned(*lines) == lines


# --- masked names -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("masked", "restored"),
    [
        ("***总书记强调，要坚持问题导向。", "习近平总书记强调，要坚持问题导向。"),
        ("团结在以***同志为核心的党中央周围。", "团结在以习近平同志为核心的党中央周围。"),
        ("深入学习***新时代中国特色社会主义思想。", "深入学习习近平新时代中国特色社会主义思想。"),
        ("**总书记指出，要久久为功。", "习近平总书记指出，要久久为功。"),
    ],
)
def test_unambiguous_masks_are_restored(masked, restored):
    assert cleaned(masked) == [restored]


def test_masks_in_the_seeds_are_restored():
    text = seed_text("002")
    assert "以习近平同志为核心的党中央" in text
    assert "***总书记" not in text and "***新时代" not in text and "以***同志" not in text


@pytest.mark.parametrize(
    ("text", "placeholders"),
    [
        ("刚才，×同志通报了情况。", ["×"]),
        ("市委党校×××同志作了辅导报告。", ["×××"]),
        ("与XXX名失联党员取得联系。", ["XXX"]),
        ("全国政协**汪洋到国扶办调研。", ["**"]),
        ("学习***系列重要讲话精神。", ["***"]),
        ("省委第X届委员会第X次全体会议。", ["X", "X"]),
        ("为将×建设成为×而努力奋斗。", ["×", "×"]),
    ],
)
def test_other_masks_are_kept_and_reported(text, placeholders):
    assert cleaned(text) == [text]
    assert [p.text for p in find_placeholders([text])] == placeholders


def test_placeholders_are_not_found_in_latin_words():
    assert find_placeholders(["要用好XBRL数据平台和Excel表格。"]) == []


# --- punctuation and spaces -----------------------------------------------------------------


def test_ascii_punctuation_in_chinese_becomes_full_width():
    assert cleaned("会上:今天开会,主要任务是部署工作;大家要重视!怎么办?(一)加强领导") == [
        "会上：今天开会，主要任务是部署工作；大家要重视！怎么办？（一）加强领导",
    ]


def test_ascii_punctuation_between_digits_and_latin_stays():
    assert cleaned("完成投资1,250万元，时间为10:30，参照GB/T 9704-2012执行。") == [
        "完成投资1,250万元，时间为10:30，参照GB/T 9704-2012执行。"
    ]


def test_quotes():
    assert cleaned('要坚持"两学一做"常态化，做到“四个合格”。') == ["要坚持“两学一做”常态化，做到“四个合格”。"]


def test_odd_and_ideographic_spaces_are_removed():
    assert cleaned("2016 年4 月21 日，我院8 万多名党员　积极参加 “两学一做”学习教育。") == [
        "2016年4月21日，我院8万多名党员积极参加“两学一做”学习教育。"
    ]


def test_seeds_have_no_ascii_punctuation_left_in_chinese():
    for name in SEEDS:
        for line in seed_text(name).splitlines():
            for i, c in enumerate(line):
                if c in ",:;!?()":
                    around = line[max(0, i - 1) : i + 2]
                    assert all(ch.isascii() for ch in around), (name, around)


# --- a page run into one line --------------------------------------------------------------


def test_seed_004_single_line_is_split_into_paragraphs():
    paragraphs = read_paragraphs(SEEDS["004"])
    assert len(paragraphs) > 30
    assert "一、开展“两学一做”学习教育必须有明确的目标作为指引" in [p.text for p in paragraphs]


def test_one_line_speech_made_up():
    body = "这是一段足够长的正文，用来说明问题。" * 8
    line = (
        "在全县作风建设年动员大会上的讲话 王强 2026年3月2日 同志们： 今天召开动员大会。下面，我讲两点意见。 "
        f"一、提高认识 {body} 一要统一思想。{body}二要压实责任。{body} "
        f"二、狠抓落实 {body}同志们，让我们真抓实干，确保作风建设年取得实效！"
    )
    speech = parse_text(line)[0]
    assert (speech.title, speech.speaker, speech.date, speech.salutation) == (
        "在全县作风建设年动员大会上的讲话",
        "王强",
        "2026-03-02",
        "同志们：",
    )
    assert [s.heading for s in speech.sections] == ["一、提高认识", "二、狠抓落实"]
    assert [p.lead for p in speech.sections[0].points] == ["一要统一思想", "二要压实责任"]
    assert speech.closing[0].text.startswith("同志们，让我们真抓实干")
