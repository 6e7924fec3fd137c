"""The five seed speeches parse into the structure a reader sees in them."""

import pytest

from tests.conftest import SEEDS

# seed, speech index -> title, speaker, date, salutation, opening words, closing words (None: no
# closing), and per section: its level-1 heading as written and how many points it has.
EXPECTED = {
    ("000", 0): (
        "局党组书记两学一做动员讲话",
        None,
        None,
        "同志们：",
        "在全体党员中开展学党章党规",
        "同志们，“两学一做”学习教育是一项打基础",
        [
            ("一、深刻领会“两学一做”学习教育的重要意义", 3),
            ("二、准确把握开展“两学一做”学习教育的目标要求", 3),
            ("三、切实加强对“两学一做”学习教育的组织领导", 4),
        ],
    ),
    ("001", 0): (
        "在全区推进“两学一做”学习教育常态化制度化工作会议上的讲话",
        "史志军",
        "2017-05-27",
        "同志们：",
        "自去年“两学一做”学习教育开展以来",
        "同志们，推进“两学一做”学习教育常态化制度化，意义深远",
        [("一、真学实做，持续深化", 3), ("二、融入日常，推进工作", 3), ("三、明确责任，强化落实", 3)],
    ),
    ("002", 0): (
        "党组书记在党组理论学习中心组上的讲话",
        None,
        None,
        None,
        "管党治党是我们党员领导干部首要的政治责任",
        "同志们，党的建设永远在路上",
        [
            ("一、着力解决党员领导干部思想觉悟不高的问题", 4),
            ("二、着力解决党员领导干部政治态度不端正的问题", 4),
            ("三、着力解决党员领导干部政治敏锐性不强的问题", 4),
        ],
    ),
    ("002", 1): (
        "党组书记在党组理论学习中心组上的讲话",
        None,
        None,
        None,
        "下面由我发言，我的发言主要围绕三个方面",
        "总之，做好新形势下意识形态工作使命光荣",
        [
            ("一、意识形态的含义及重要性", 0),
            ("二、新时期意识形态工作面临的问题", 5),
            ("三、新时期做好人大意识形态工作的建议", 5),
        ],
    ),
    ("002", 2): (
        "党组书记在党组理论学习中心组上的讲话",
        None,
        None,
        None,
        "刚才，市委党校×××同志围绕学习习近平总书记",
        None,
        [
            ("一、要提高政治站位，筑牢理论武装根基", 3),
            ("二、要突出示范引领，完善制度立好规则", 3),
            ("三、要创新改进方式，提高学习质量效果", 3),
            ("四、要坚持问题导向，促进学习成果转化", 4),
        ],
    ),
    ("002", 3): (
        "党组书记在党组理论学习中心组上的讲话",
        None,
        None,
        "同志们：",
        "今天，我们以党组理论学习中心组（扩大）专题学习会的形式",
        "让我们以此次学习为契机",
        [
            ("一、强化理论学习，在学懂弄通悟透的基础上，进一步统一思想和行动", 2),
            ("二、强化政治站位，旗帜鲜明讲政治，进一步强化政治意识", 2),
            ("三、把政治学习与公积金管理工作结合起来，努力开创全市公积金发展新篇章", 3),
        ],
    ),
    ("002", 4): (
        "党组书记在党组理论学习中心组上的讲话",
        None,
        None,
        None,
        None,
        None,
        [("一、为什么要加强党的政治建设？", 2), ("二、怎样加强党的政治建设？", 3), ("三、我们要怎么做？", 5)],
    ),
    ("003", 0): (
        "区先进教育动员讲话",
        None,
        None,
        "同志们：",
        "今天召开这次动员大会，主要任务是",
        "同志们，先进性教育活动是党中央作出的重大决策",
        [
            ("一、深刻认识开展先进性教育活动的重大意义，切实增强搞好教育活动的政治责任感和历史使命感", 4),
            ("二、正确把握中央和省、市委的总体要求，精心谋划，全力推动我区先进性教育活动顺利开展", 2),
            ("三、明确目标，着力加强和巩固党在城市工作的“四个基础”，努力推动三个文明建设全面协调发展", 4),
            ("四、高起点、高标准、高质量，全力搞好第一批次先进性教育活动", 2),
            ("五、加强领导，为深入扎实开展先进性教育活动提供强有力的保障", 3),
        ],
    ),
    ("004", 0): (
        "在贯彻落实中央“两学一做”学习教育工作座谈会精神视频会议上的讲话",
        "刘伟平",
        "2016-04-21",
        None,
        "党中央提出在全体党员中开展“两学一做”学习教育工作后",
        "同志们，深入开展“两学一做”学习教育",
        [
            ("一、开展“两学一做”学习教育必须有明确的目标作为指引", 4),
            ("二、开展“两学一做”学习教育必须有严格的责任制作为保障", 3),
            ("三、开展“两学一做”学习教育必须调动全院各级党组织的积极性，创新方式方法取得明显成效", 4),
        ],
    ),
}


def test_each_seed_gives_its_number_of_speeches(seeds):
    assert {name: len(speeches) for name, speeches in seeds.items()} == {
        "000": 1,
        "001": 1,
        "002": 5,
        "003": 1,
        "004": 1,
    }


@pytest.mark.parametrize("key", sorted(EXPECTED), ids=[f"{s}-{i}" for s, i in sorted(EXPECTED)])
def test_seed_structure(seeds, key):
    seed, index = key
    title, speaker, date, salutation, opening, closing, sections = EXPECTED[key]
    speech = seeds[seed][index]
    assert (speech.title, speech.speaker, speech.date, speech.salutation) == (title, speaker, date, salutation)
    assert [(s.heading, len(s.points)) for s in speech.sections] == sections
    if opening is None:
        assert speech.opening == []
    else:
        assert speech.opening[0].text.startswith(opening)
    if closing is None:
        assert speech.closing == []
    else:
        assert speech.closing[0].text.startswith(closing)


def test_point_leads_as_written(seeds):
    """Numbered leads run to the first 。；：！？; unnumbered and glued leads are found too."""
    leads = {
        (seed, i): [[p.lead for p in s.points] for s in sp.sections]
        for seed in seeds
        for i, sp in enumerate(seeds[seed])
    }
    assert leads[("000", 0)] == [
        [
            "“两学一做”是推动全面从严治党向基层延伸的必然选择。",
            "“两学一做”是锤炼党性修养、坚定理想信念的根本措施。",
            "“两学一做”是营造全党上下风清气正政治生态的重要抓手。",
        ],
        ["要在“学”字上下苦功", "要在“做”字上出实招", "要在“改”字上求实效"],
        ["一要加强领导", "二要领导带头", "三要分类指导", "四要抓在日常"],
    ]
    assert leads[("002", 2)][0] == ["要及时跟进学", "要列出专题学", "要全面系统学"]
    assert leads[("002", 1)][1][0] == "第一，意识形态工作不仅宣传部门要抓，全党都要抓"
    assert leads[("002", 3)][2] == ["（一）业务管理方面", "（二）政治理论学习方面", "（三）在工作生活方面"]
    assert leads[("004", 0)][0][0] == "一是进一步坚定理想信念，提高党性觉悟"


def test_glued_lead_keeps_its_body(seeds):
    """The body text a scraper glued onto a lead becomes the point's first paragraph."""
    point = seeds["000"][0].sections[1].points[0]
    assert point.paragraphs[0].text.startswith("“两学一做”学是基础。真学真信真用的问题不解决")
    assert seeds["000"][0].sections[1].paragraphs[-1].text.endswith("要着力解决好以下五个方面的问题：")


def test_inline_leads_stay_in_their_paragraph(seeds):
    point = seeds["001"][0].sections[0].points[0]
    assert point.inline
    assert point.paragraphs[0].text.startswith("一要把“学”的基础打得更牢。各级党委（党组）")


def test_heading_glued_to_body_is_split(seeds):
    section = seeds["000"][0].sections[0]
    assert section.paragraphs[0].text.startswith("今年以来，习近平总书记多次就“两学一做”学习教育作出重要指示")


def test_page_matter_before_the_title_is_dropped(seeds):
    """004's page carries a bulletin header and an editor's note (按：…) above the speech."""
    speech = seeds["004"][0]
    text = "".join(p.text for p in speech.paragraphs())
    assert "按：" not in text and "情况通报" not in text and "京区党委" not in text
    assert speech.closing[-1].text.endswith("提供坚强的思想政治和组织保证。")


def test_every_seed_paragraph_is_kept(seeds):
    """No body text is lost: the long paragraphs of each seed all appear in its trees."""
    from drafter.ingest import read_paragraphs

    for name, path in SEEDS.items():
        kept = "".join(
            p.text + "".join(p_.lead for s in sp.sections for p_ in s.points)
            for sp in seeds[name]
            for p in sp.paragraphs()
        )
        for line in read_paragraphs(path):
            if len(line.text) > 100 and not line.text.startswith("按："):
                assert line.text[-40:] in kept, (name, line.text[:30])


def test_corpus_holds_the_seeds_unchanged():
    """corpus/ is the five seed speeches byte for byte (the source of the shipped bank)."""
    import hashlib

    digests = {name: hashlib.sha256(path.read_bytes()).hexdigest()[:16] for name, path in SEEDS.items()}
    assert digests == {
        "000": "e921ab4a17d5c19d",
        "001": "e95b8976a00ec5e3",
        "002": "ecf9ae3d7d00ea9c",
        "003": "105884c590ab94d1",
        "004": "4a32e3cd75212cbb",
    }
