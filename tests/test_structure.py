"""Structure rules on made-up speeches of the shapes real files come in."""

from drafter.structure import parse_text

LONG = "各级各部门要切实增强责任感和紧迫感，把各项工作抓实抓细抓到位，确保取得实实在在的成效。"


def test_points_without_headings_make_one_unnamed_section():
    speech = parse_text(
        "在全镇防汛工作会议上的讲话\n同志们：\n今天召开全镇防汛工作会议。下面，我强调三点。\n"
        f"首先，要提高认识。{LONG}\n其次，要压实责任。{LONG}\n最后，要加强值守。{LONG}\n"
        "谢谢大家！\n"
    )[0]
    assert [p.text for p in speech.opening] == ["今天召开全镇防汛工作会议。下面，我强调三点。"]
    assert len(speech.sections) == 1 and speech.sections[0].heading is None
    assert [p.lead for p in speech.sections[0].points] == ["首先，要提高认识", "其次，要压实责任", "最后，要加强值守"]
    assert [p.text for p in speech.closing] == ["谢谢大家！"]


def test_neither_headings_nor_points():
    speech = parse_text(f"在座谈会上的发言\n同志们：\n{LONG}\n{LONG}\n总之，{LONG}\n")[0]
    assert speech.opening == []
    assert [s.heading for s in speech.sections] == [None]
    assert len(speech.sections[0].paragraphs) == 2 and speech.sections[0].points == []
    assert speech.closing[0].text.startswith("总之，")


def test_several_speeches_in_one_file():
    one = f"在全市经济工作会议上的讲话\n同志们：\n{LONG}\n一、认清形势\n{LONG}\n二、明确任务\n{LONG}\n"
    two = f"在全市安全生产会议上的讲话\n同志们：\n{LONG}\n一、压实责任\n{LONG}\n"
    speeches = parse_text(one + two)
    assert [s.title for s in speeches] == ["在全市经济工作会议上的讲话", "在全市安全生产会议上的讲话"]
    assert [[x.heading for x in s.sections] for s in speeches] == [["一、认清形势", "二、明确任务"], ["一、压实责任"]]


def test_a_title_repeated_by_the_page_starts_no_new_speech():
    speeches = parse_text(f"在全市经济工作会议上的讲话\n在全市经济工作会议上的讲话\n同志们：\n{LONG}\n")
    assert len(speeches) == 1 and speeches[0].salutation == "同志们："


def test_subtitle_speaker_and_chinese_date():
    speech = parse_text(
        "坚定理想信念 勇于担当作为\n——在市委理论学习中心组集体学习会上的讲话\n市委书记李明\n二〇二五年十二月二十六日\n"
        f"同志们：\n{LONG}\n"
    )[0]
    assert speech.title == "坚定理想信念勇于担当作为——在市委理论学习中心组集体学习会上的讲话"
    assert (speech.speaker, speech.date) == ("市委书记李明", "2025-12-26")


def test_heading_glued_to_body_is_split_at_its_last_word():
    speech = parse_text(
        f"在会议上的讲话\n同志们：\n{LONG}\n一、充分认识做好安全生产工作的重要意义当前，{LONG}\n二、狠抓落实\n{LONG}\n"
    )[0]
    assert [s.heading for s in speech.sections] == ["一、充分认识做好安全生产工作的重要意义", "二、狠抓落实"]
    assert speech.sections[0].paragraphs[0].text.startswith("当前，各级各部门")


def test_bracketed_points_win_over_inline_enumerations():
    body = (
        "（一）加强组织领导。一是健全机构。二是明确分工。\n一是要定期调度。\n二是要跟踪问效。\n三是要严格考核。\n"
        "（二）强化督促检查。要加大督查力度。"
    )
    speech = parse_text(f"在会议上的讲话\n同志们：\n{LONG}\n一、狠抓落实\n{body}\n")[0]
    assert [p.lead for p in speech.sections[0].points] == ["（一）加强组织领导", "（二）强化督促检查"]
    assert len(speech.sections[0].points[0].paragraphs) == 4


def test_numbering_out_of_order_is_not_taken_for_headings():
    """A stray "三、" in the opening is no heading: level-1 numbers must run 一、二、三."""
    speech = parse_text(
        f"在会议上的讲话\n同志们：\n三、是去年的重点。{LONG}\n一、认清形势\n{LONG}\n二、明确任务\n{LONG}\n"
    )[0]
    assert [s.heading for s in speech.sections] == ["一、认清形势", "二、明确任务"]
    assert speech.opening[0].text.startswith("三、是去年的重点")


def test_lead_on_a_line_of_its_own():
    speech = parse_text(
        f"在会议上的讲话\n同志们：\n{LONG}\n一、狠抓落实\n（一）压实责任\n{LONG}\n（二）强化考核\n{LONG}\n"
    )[0]
    points = speech.sections[0].points
    assert [p.lead for p in points] == ["（一）压实责任", "（二）强化考核"]
    assert not points[0].inline and points[0].paragraphs[0].text == LONG


def test_sentences_keep_every_character():
    speech = parse_text(f"在会议上的讲话\n同志们：\n习近平总书记强调：“要坚持问题导向。”{LONG}真的吗？是的！\n")[0]
    paragraph = speech.sections[0].paragraphs[0]
    assert [s.text for s in paragraph.sentences] == ["习近平总书记强调：“要坚持问题导向。”", LONG, "真的吗？", "是的！"]


def test_json_round_trip_of_the_tree(seeds):
    from drafter.tree import Speech

    for speeches in seeds.values():
        for speech in speeches:
            assert Speech.from_dict(speech.to_dict()) == speech


def test_arabic_numbered_points():
    body = (
        "1．加强组织领导。一是健全机构。\n一是要定期调度。\n二是要跟踪问效。\n三是要严格考核。\n"
        "2．强化督促检查。要加大督查力度。"
    )
    speech = parse_text(
        f"在会议上的讲话\n同志们：\n{LONG}\n一、狠抓落实\n{body}\n二、加强保障\n1、保障经费。{LONG}\n2、保障人员。{LONG}\n"
    )[0]
    assert [[p.lead for p in s.points] for s in speech.sections] == [
        ["1．加强组织领导", "2．强化督促检查"],
        ["1、保障经费", "2、保障人员"],
    ]


def test_points_run_together_in_one_paragraph():
    speech = parse_text(
        f"在会议上的讲话\n同志们：\n{LONG}\n一、强化措施\n要抓好以下几点。一要压实责任。{LONG}二要强化督查。{LONG}"
        f"三要严格追责。{LONG}\n"
    )[0]
    section = speech.sections[0]
    assert [p.text for p in section.paragraphs] == ["要抓好以下几点。"]
    assert [p.lead for p in section.points] == ["一要压实责任", "二要强化督查", "三要严格追责"]
    assert section.points[2].paragraphs[0].text == "三要严格追责。" + LONG


def test_inline_enumerations_in_the_opening_stay_in_their_paragraph(seeds):
    """001's opening lists 一是…四是 inside one paragraph: that is no point list."""
    opening = seeds["001"][0].opening[0].text
    assert "一是党员干部“四个意识”进一步增强" in opening and "四是党员干部精气神进一步提振" in opening
