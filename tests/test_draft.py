"""Drafting: the properties every draft must have, over 12 topics of different shapes × every
genre × 3 seeds, plus options, outlines, output formats and bad input."""

import re
import subprocess
import sys
from datetime import date

import pytest
from typer.testing import CliRunner

from drafter.bank.layers import Bank
from drafter.check import check_speech
from drafter.cli import app
from drafter.compose import Options, draft, make_outline, outline_from_file, outline_yaml, visible_length
from drafter.compose.genres import all_genres
from drafter.render import render
from drafter.structure import parse_file
from drafter.tree import Point

DAY = date(2026, 11, 23)
TOPICS = {  # topic -> the verb it takes (its shape)
    "安全生产": "做好", "主题教育": "开展", "乡村振兴": "推进", "作风建设年": "开展",
    "营商环境优化": "做好", "党风廉政建设": "做好", "防汛抗旱": "做好", "文明城市创建": "做好",
    "意识形态工作": "做好", "招商引资": "做好", "基层治理": "做好", "生态环境保护": "做好",
}  # fmt: skip
GENRES = ["work-meeting", "mobilization", "study-session", "party-lecture", "symposium", "commendation"]
SEEDS = [1, 2, 3]
# The seeds' own topics: never in a draft on something else.
FOREIGN = ["两学一做", "学党章党规", "四讲四有", "先进性教育", "学习教育常态化", "人大", "公积金", "脱贫攻坚"]
runner = CliRunner()


pytestmark = pytest.mark.usefixtures("shipped_bank_only")  # conftest.py


@pytest.fixture(scope="module")
def drafts(shipped_bank):
    """Every (topic, genre, seed) drafted once, with the shipped bank alone."""
    bank = shipped_bank
    out = {
        (t, g, s): draft(Options(t, genre=g, seed=s, speaker="张明", date=DAY), bank)
        for t in TOPICS
        for g in GENRES
        for s in SEEDS
    }
    return out


def all_text(speech) -> str:
    parts = [speech.title or "", *[p.text for p in speech.paragraphs()]]
    parts += [s.heading or "" for s in speech.sections] + [p.lead for s in speech.sections for p in s.points]
    return "".join(parts)


def test_there_are_six_genres_with_chinese_names():
    genres = all_genres({"topic": "安全生产", "org": "全区", "unit": "区", "meeting": None, "words": 3000, "tasks": []})
    assert {g.id for g in genres} >= set(GENRES)
    assert all(g.aliases and g.name for g in genres)


@pytest.mark.parametrize("topic", list(TOPICS))
def test_skeleton(drafts, topic):
    for genre in GENRES:
        for seed in SEEDS:
            speech = drafts[(topic, genre, seed)].speech
            assert speech.title and topic in speech.title
            assert (speech.speaker, speech.date, speech.salutation) == ("张明", "2026-11-23", "同志们：")
            roles = [s.role for p in speech.opening for s in p.sentences]
            assert roles[0] == "opening.purpose" and roles[-1] == "opening.transition"
            assert [s.heading[:2] for s in speech.sections] == ["一、", "二、", "三、"][: len(speech.sections)]
            for section in speech.sections:
                if not section.points:  # a section a field's speech argues in paragraphs
                    assert len(section.paragraphs) >= 2, (genre, seed, section.heading)
                    continue
                markers = {re.match("^[一二三四五六七八九十]+([是要])", p.lead).group(1) for p in section.points}
                assert len(markers) == 1  # 一是…二是… or 一要…二要…, never mixed
                numbers = [re.match("^([一二三四五六七八九十]+)", p.lead).group(1) for p in section.points]
                assert numbers == ["一", "二", "三", "四", "五", "六"][: len(numbers)]
            closing = [s for p in speech.closing for s in p.sentences]
            assert closing[-1].role == "closing.exhortation" and closing[-1].text.endswith("！")


@pytest.mark.parametrize("topic", list(TOPICS))
def test_on_topic_everywhere_and_nothing_foreign(drafts, topic):
    """The topic stands in the title and the opening; every section speaks of it, by name or in
    its field's own words."""
    catalogue = Bank.open().fields()
    for genre in GENRES:
        for seed in SEEDS:
            result = drafts[(topic, genre, seed)]
            speech = result.speech
            field_words = [w for name in result.outline.fields for w in catalogue.find(name).vocabulary]
            assert topic in speech.title and topic in "".join(p.text for p in speech.opening)
            for section in speech.sections:
                words = section.heading + "".join(p.text for p in section.paragraphs)
                words += "".join(p.text for point in section.points for p in point.paragraphs)
                assert topic in words or any(w in words for w in field_words), (genre, seed, section.heading)
            # The seeds' own topics come in with their mined sentences, never with the team's field material.
            mined = [
                s.text
                for p in speech.paragraphs()
                for s in p.sentences
                if s.source and "第" in result.sources[s.source]
            ]
            text = speech.title + "".join(mined) + "".join(s.heading or "" for s in speech.sections)
            assert not [w for w in FOREIGN if w in text and w not in topic], (genre, seed)


@pytest.mark.parametrize(("topic", "verb"), list(TOPICS.items()))
def test_the_topic_takes_its_own_verb(drafts, shipped_bank, topic, verb):
    """Where a phrase puts a verb before its {{ topic }} slot, the topic's own verb stands there
    (a field's own sentence keeps its words: 推进安全生产治本攻坚 is a campaign's name)."""
    slotted = {p.id for p in shipped_bank.phrases() if re.search(r"\{\{ ?topic ?\}\}", p.text)}
    texts = [
        s.text
        for genre in GENRES
        for seed in SEEDS
        for paragraph in drafts[(topic, genre, seed)].speech.paragraphs()
        for s in paragraph.sentences
        if s.source in slotted
    ]
    others = {"开展", "推进", "做好", "抓好", "实施"} - {verb}
    assert any(f"{verb}{topic}" in text for text in texts)
    assert not [v for v in others for text in texts if f"{v}{topic}" in text]


@pytest.mark.parametrize("topic", list(TOPICS))
def test_drafts_pass_check_without_errors_or_repeats(drafts, topic):
    """No stale wording for the date, no placeholder or unfilled slot, numbering and punctuation
    right, no sentence twice or nearly twice, no phrase used twice."""
    for genre in GENRES:
        for seed in SEEDS:
            result = drafts[(topic, genre, seed)]
            found = check_speech(result.speech, DAY)
            bad = [f for f in found if f.severity == "error" or f.rule in ("repeated-sentence", "near-duplicate")]
            assert bad == [], (genre, seed, [(f.rule, f.text) for f in bad])
            sources = [s.source for p in result.speech.paragraphs() for s in p.sentences if s.source]
            assert len(sources) == len(set(sources))
            assert "{{" not in all_text(result.speech) and "}}" not in all_text(result.speech)


@pytest.mark.parametrize("topic", list(TOPICS))
def test_length_within_ten_percent_of_the_default(drafts, topic):
    for genre in GENRES:
        for seed in SEEDS:
            assert 2700 <= visible_length(drafts[(topic, genre, seed)].speech) <= 3300


@pytest.mark.parametrize("words", [1500, 2000, 4000, 6000, 8000])
@pytest.mark.parametrize("topic", ["安全生产", "主题教育", "乡村振兴", "作风建设年"])
def test_length_follows_words_and_long_drafts_stay_clean(topic, words):
    speech = draft(Options(topic, words=words, date=DAY, genre="study-session"), Bank.open()).speech
    assert abs(visible_length(speech) - words) <= words * 0.1
    found = check_speech(speech, DAY)
    assert [f.rule for f in found if f.severity == "error" or f.rule in ("repeated-sentence", "near-duplicate")] == []


def test_point_bodies_follow_their_leads(drafts):
    """A body sentence shares words (or the curated theme, or the field task) with its lead."""
    result = drafts[("安全生产", "work-meeting", 1)]
    themed = {p.id: p for p in Bank.open().phrases()}
    for section in result.speech.sections:
        for point in section.points:
            lead = point.lead[2:]
            first_body = next(s for s in point.paragraphs[0].sentences if s.source)
            phrase = themed[first_body.source]
            lead_pairs = {lead[i : i + 2] for i in range(len(lead) - 1)}
            shares = any(pair in first_body.text for pair in lead_pairs)
            # ... or argues the field task the lead is (its own sentences, tagged task:)
            argues = any(t.startswith(("theme:", "task:")) for t in phrase.tags)
            assert shares or argues, (point.lead, first_body.text)


@pytest.mark.parametrize("genre", ["commendation", "work-meeting"])
def test_a_point_argues_in_order(drafts, genre):
    """Situation first (what has been achieved before what is still wrong, one turn, one
    conclusion), then what it means, then what must be done (drafter/data/compose.yaml)."""
    phrases = {p.id: p for p in Bank.open().phrases()}
    moves = ["成绩", "形势", "转折", "问题", "对策"]
    roles = ["body.situation", "body.achievement", "body.claim", "body.reason", "body.quote", "body.demand"]
    seen_situation = 0
    for topic in TOPICS:
        for section in drafts[(topic, genre, 1)].speech.sections:
            # A section argued in paragraphs: each paragraph as a point.
            for point in section.points or [Point("", [p]) for p in section.paragraphs]:
                body = [s for p in point.paragraphs for s in p.sentences if s.source]
                ranks = [roles.index(s.role) if s.role in roles else len(roles) for s in body]
                assert ranks == sorted(ranks), (topic, point.lead or section.heading)
                tagged = [t[5:] for s in body for t in phrases[s.source].tags if t.startswith("move:")]
                seen_situation += bool(tagged)
                where = (topic, point.lead or section.heading)
                assert [moves.index(m) for m in tagged] == sorted(moves.index(m) for m in tagged), where
                assert tagged.count("转折") <= 1 and tagged.count("对策") <= 1, where
    assert seen_situation >= len(TOPICS) * (genre == "commendation")  # situation points were drafted


def test_openings_are_written_for_the_genre(drafts):
    """A phrase tagged for genres (genre:party-lecture …) opens only speeches of those genres."""
    phrases = {p.id: p for p in Bank.open().phrases()}
    for (topic, genre, seed), result in drafts.items():
        for sentence in (s for p in result.speech.opening for s in p.sentences):
            genres = [t[6:] for t in phrases[sentence.source].tags if t.startswith("genre:")]
            assert not genres or genre in genres, (topic, genre, seed, sentence.text)


def test_same_seed_same_draft_and_other_seeds_differ(drafts):
    again = draft(Options("安全生产", seed=1, speaker="张明", date=DAY), Bank.open())
    assert again.speech == drafts[("安全生产", "work-meeting", 1)].speech
    differ = []
    for topic in TOPICS:
        for genre in GENRES:
            one = {s.text for p in drafts[(topic, genre, 1)].speech.paragraphs() for s in p.sentences}
            for seed in (2, 3):
                other = {s.text for p in drafts[(topic, genre, seed)].speech.paragraphs() for s in p.sentences}
                differ.append(len(one - other) / len(one))
                # A field's speech keeps the tasks its topic names (防汛抗旱: 抗旱 and 防汛责任) and
                # draws its review and views from one field's sentences (a 座谈会 on 作风建设年 says
                # most of what its field has, whatever the seed): two seeds share more than general
                # drafts did; a field with more material (issue: drafts that know their field) differs more.
                assert differ[-1] > 0.25, (topic, genre, seed)
    assert sum(differ) / len(differ) > 0.6  # on average, most sentences differ


def test_points_of_the_writer(tmp_path):
    options = Options("乡村振兴", points=["发展特色产业", "改善农村人居环境"], date=DAY)
    speech = draft(options, Bank.open()).speech
    task = next(s for s in speech.sections if "一要发展特色产业" in [p.lead for p in s.points])
    assert [p.lead for p in task.points][:2] == ["一要发展特色产业", "二要改善农村人居环境"]
    assert all(len(p.paragraphs[0].sentences) >= 2 for p in task.points)  # wrapped in body phrases


def test_outline_edited_by_the_writer_is_kept(tmp_path):
    outline = make_outline(Options("安全生产", date=DAY), Bank.open())
    path = tmp_path / "提纲.yaml"
    text = outline_yaml(outline).replace(
        outline.sections[0].heading, "认清形势、保持清醒，切实增强安全生产工作的责任感"
    )
    text = text.replace(outline.sections[1].points[0], "一要抓好隐患排查整治")
    path.write_text(text, encoding="utf-8")
    edited = outline_from_file(path)
    speech = draft(Options("安全生产", date=DAY), Bank.open(), edited).speech
    assert speech.sections[0].heading == "一、认清形势、保持清醒，切实增强安全生产工作的责任感"
    assert speech.sections[1].points[0].lead == "一要抓好隐患排查整治"
    assert [p.lead[2:] for p in speech.sections[2].points] == outline.sections[2].points


def test_the_format_never_changes_the_content(tmp_path):
    speech = draft(Options("防汛抗旱", date=DAY, speaker="张明"), Bank.open()).speech
    trees = []
    for ext in ("docx", "md", "txt"):
        render(speech, tmp_path / f"稿.{ext}")
        trees.append(parse_file(tmp_path / f"稿.{ext}")[0].to_dict())
    assert trees[0] == trees[1] == trees[2]


def test_cli_draft_writes_docx_and_prints_markdown(tmp_path):
    out = tmp_path / "讲话.docx"
    result = runner.invoke(app, ["draft", "安全生产", "--date", "2026-11-23", "-o", str(out)])
    assert result.exit_code == 0 and out.exists()
    assert parse_file(out)[0].title == "在全区安全生产工作会议上的讲话"
    shown = runner.invoke(app, ["draft", "主题教育", "--genre", "动员部署会", "--date", "2026-11-23"])
    assert shown.exit_code == 0 and shown.stdout.startswith("# 在全区主题教育动员部署会上的讲话")


def test_cli_variants_and_explain(tmp_path):
    result = runner.invoke(
        app, ["draft", "安全生产", "--date", "2026-11-23", "--variants", "2", "-o", str(tmp_path / "稿.md")]
    )
    assert result.exit_code == 0
    first, second = (
        (tmp_path / "稿-1.md").read_text(encoding="utf-8"),
        (tmp_path / "稿-2.md").read_text(encoding="utf-8"),
    )
    assert first != second
    explained = runner.invoke(app, ["draft", "安全生产", "--date", "2026-11-23", "--explain"]).stdout
    assert re.search("〔领域：安全生产（.+）〕", explained)  # the field, and why
    assert re.search("。〔[0-9a-z.-]+｜(curated|.+第\\d+段)〕", explained)


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        (["draft", "安全生产", "--genre", "没有这种"], 2, "没有“没有这种”这种讲话类型"),
        (["draft", "安全生产", "--words", "0"], 2, "--words"),
        (["draft", "安全生产", "--date", "2026-13-40"], 2, "YYYY-MM-DD"),
        (["draft", "安全生产", "-o", "稿.pdf.rtf"], 2, "不支持的输出格式"),
        (["draft"], 2, "请给出讲话的主题"),
    ],
)
def test_bad_options_are_one_line_and_write_nothing(tmp_path, monkeypatch, args, code, words):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, args)
    assert result.exit_code == code and words in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert list(tmp_path.iterdir()) == []


def test_broken_outline_file(tmp_path):
    path = tmp_path / "提纲.yaml"
    for text in [
        "sections: [\n",
        "topic: 安全生产\ntitle: 标题\nsections: []\n",
        "title: 没有主题\nsections: [{heading: 一}]\n",
    ]:
        path.write_text(text, encoding="utf-8")
        result = runner.invoke(app, ["draft", "--outline", str(path), "-o", str(tmp_path / "x.docx")])
        assert result.exit_code == 2 and result.stderr.startswith("错误：提纲文件") and result.stderr.count("\n") == 1
        assert not (tmp_path / "x.docx").exists()


def test_drafting_loads_no_mining_jieba_other_commands_or_rich(tmp_path):
    # What start-up must not pay for (see benchmarks/bench_draft.py): jieba and mining, the other
    # commands' modules, rich (one plain line is printed) and pydantic (typer 0.29 and later).
    code = (
        "import sys; from drafter.cli import main\n"
        "sys.argv = ['drafter', 'draft', '安全生产', '--date', '2026-11-23', '-o', sys.argv[1]]\n"
        "try:\n    main()\n"
        "except SystemExit:\n    pass\n"
        "unwanted = ('jieba', 'drafter.mining', 'drafter.cli.bank', 'drafter.cli.mine', 'rich', 'pydantic')\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(unwanted))\n"
        "assert not loaded, loaded\n"
    )
    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "x.docx")], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "x.docx").exists()
