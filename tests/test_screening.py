"""djnlp.screening: criteria, gates, perturbations, outputs (JSON/HTML/.docx comments), rubric."""
from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from djnlp.cli import main
from djnlp.errors import ConfigError
from djnlp.screening import Screener, Submission, load_rubric, load_submissions, perturb, screen
from djnlp.screening.gates import id_checksum_ok

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "submissions"
ARCHIVE = CORPUS / "archive"
SCHEMA = REPO / "djnlp" / "schema" / "screen.schema.json"

URGENT = """东林县一名村党组织书记在防汛巡查中落水失联
6月18日下午4时许，东林县石门镇桃园村党组织书记赵某某在带领村民巡查河堤时，被上涨的河水卷走失联。
事发后，镇党委立即启动应急预案，组织党员突击队和消防救援人员沿河搜救，已赶赴下游3个村设卡排查。县委组织部已派人赶到现场，协调做好家属安抚工作。
后续情况将及时续报。
"""


@pytest.fixture(scope="module")
def screener() -> Screener:
    return Screener(archive=ARCHIVE)


@pytest.fixture(scope="module")
def corpus_results():
    return screen([CORPUS], archive=ARCHIVE)


@pytest.fixture(scope="module")
def corpus_subs():
    return {s.name: s for s in load_submissions([CORPUS])}


def _one(screener: Screener, sub: Submission):
    return screener.screen([sub], remember=False)[0]


# ----------------------------------------------------------------------------- output model
def test_results_follow_schema_and_offsets_point_into_text(corpus_results):
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    assert len(corpus_results) >= 40
    for r in corpus_results:
        record = json.loads(json.dumps(r.to_dict(), ensure_ascii=False))
        jsonschema.validate(record, schema)
        for cr in r.criteria.values():
            for ev in cr.evidence:
                assert r.text[ev.start:ev.end] == ev.text
    assert sorted(r.rank for r in corpus_results) == list(range(1, len(corpus_results) + 1))


def test_ranking_puts_gated_items_last_and_good_items_first(corpus_results):
    by = {r.source: r for r in corpus_results}
    gated = [r for r in corpus_results if r.gates]
    clean = [r for r in corpus_results if not r.gates]
    assert max(r.rank for r in clean) < min(r.rank for r in gated)
    assert by["e02_chengnan_grid_party.txt"].grade in ("优", "良")
    assert by["p01_padded_party_building.txt"].grade == "差"
    assert by["e02_chengnan_grid_party.txt"].rank < by["n06_routine_meeting.txt"].rank


def test_concrete_advice_in_chinese(corpus_results):
    by = {r.source: r for r in corpus_results}
    concise = by["p01_padded_party_building.txt"].criteria["concise"]
    assert any(a.startswith("标题") and "字，建议不超过" in a for a in concise.advice)
    assert any("套话无具体内容" in a and a.startswith("第") for a in concise.advice)
    assert "未写明事件发生时间" in by["n06_routine_meeting.txt"].criteria["timeliness"].advice
    depth = by["q06_no_cause_members_age.txt"].criteria["depth"]
    assert any("未分析原因" in a for a in depth.advice)
    objectivity = by["i04_inflated_inconsistent.txt"].criteria["objectivity"]
    notes = [e.note for e in objectivity.evidence]
    assert any("超过总数" in n for n in notes) and any("超过100%" in n for n in notes)


def test_manifest_type_labels_and_event_time_from_text(corpus_results):
    by = {r.source: r for r in corpus_results}
    assert by["e02_chengnan_grid_party.txt"].type == "experience"  # given as 经验类
    assert by["u02_cadre_death_late.txt"].type == "urgent"  # given as 紧急情况
    collapse = by["u06_collapse_late.txt"]  # no event_at in the manifest: "8月30日上午" in the text
    assert collapse.event_at == "2026-08-30T11:59"
    assert any(e.text == "8月30日上午" for e in collapse.criteria["timeliness"].evidence)
    assert by["n06_routine_meeting.txt"].type_inferred


# ----------------------------------------------------------------------------- gates
@pytest.mark.parametrize(("hours", "gate", "warning"), [(3, False, False), (7, False, True), (25, True, False)])
def test_late_urgent_warning_and_gate(screener, hours, gate, warning):
    sub = Submission.from_text(URGENT, "urgent.txt", type="urgent")
    sub = replace(sub, submitted_at=datetime(2026, 6, 18, 16, 0) + timedelta(hours=hours))
    r = _one(screener, sub)
    assert r.event_at == "2026-06-18T16:00"
    assert any(g.id == "late_urgent" for g in r.gates) is gate
    assert any(g.id == "late_urgent" for g in r.warnings) is warning


def test_personal_data_gate_needs_a_valid_checksum(screener):
    assert id_checksum_ok("11010519491231002X") and not id_checksum_ok("110105194912310021")
    base = "白沙镇帮扶困难党员\n11月16日，白沙镇党委走访困难党员刘某某（身份证号{}），送去慰问金2000元。\n"
    valid = _one(screener, Submission.from_text(base.format("11010519491231002X"), type="news"))
    invalid = _one(screener, Submission.from_text(base.format("110105194912310021"), type="news"))
    assert [g.id for g in valid.gates] == ["personal_data"]
    assert valid.gates[0].evidence[0].text == "11010519491231002X"
    assert "11010519491231002X" not in valid.gates[0].message  # masked in the message
    assert invalid.gates == ()
    phone = _one(screener, Submission.from_text(base.format("无") + "联系电话：138 1234 5678。", type="news"))
    assert [g.id for g in phone.gates] == ["personal_data"]


def test_near_duplicate_against_archive_and_within_batch(corpus_subs):
    edited = perturb.light_edit((ARCHIVE / "a04_member_credit.txt").read_text(encoding="utf-8"))
    first = corpus_subs["e04_young_cadres.txt"]
    second = replace(first, text=perturb.light_edit(first.text), name="copy.txt", path=None,
                     submitted_at=first.submitted_at + timedelta(days=1))
    results = Screener(archive=ARCHIVE).screen([Submission.from_text(edited, "a04-copy.txt", type="experience"),
                                                first, second])
    archived, original, copy = results
    assert [g.id for g in archived.gates] == ["near_duplicate"]
    match = archived.criteria["originality"].matches[0]
    assert match.source == "a04_member_credit.txt" and match.archived and match.similarity >= 0.5
    assert original.gates == () and original.criteria["originality"].score == 100
    assert [g.id for g in copy.gates] == ["near_duplicate"]
    assert copy.criteria["originality"].matches[0].archived is False


# ----------------------------------------------------------------------------- perturbations
SAMPLE = ("e01_liuhe_village_night_council.txt", "e05_collective_economy.txt", "q01_village_reserve_cadres.txt",
          "n02_city_member_recruitment.txt", "u01_flood_secretary_timely.txt", "p03_padded_village_cadre.txt",
          "i02_inflated_satisfaction.txt", "q04_nonpublic_enterprises.txt")


@pytest.mark.parametrize("name", SAMPLE)
def test_perturbations_move_the_right_criterion(screener, corpus_subs, name):
    sub = corpus_subs[name]
    base = _one(screener, sub)
    score = {c: v.score for c, v in base.criteria.items()}
    assert _one(screener, perturb.pad_cliches(sub)).criteria["concise"].score < score["concise"]
    assert _one(screener, perturb.inflate(sub)).criteria["objectivity"].score < score["objectivity"]
    stripped = perturb.strip_facts(sub, screener.lex)
    if stripped.text != sub.text:
        assert _one(screener, stripped).criteria["substance"].score < score["substance"]
    rewritten = perturb.off_priority(sub, screener.lex)
    if rewritten.text != sub.text:
        assert _one(screener, rewritten).criteria["topic"].score < score["topic"]
    late = _one(screener, perturb.submit_late(sub, 30))
    if base.delay_hours is None:  # no event time: 报送快 cannot be judged, and says so
        assert late.criteria["timeliness"].score == score["timeliness"]
        return
    assert late.criteria["timeliness"].score < score["timeliness"]
    if base.type == "urgent":
        assert any(g.id == "late_urgent" for g in late.gates)


def test_strip_facts_removes_numbers_names_dates(corpus_subs):
    text = perturb.strip_facts(corpus_subs["e01_liuhe_village_night_council.txt"]).text
    for gone in ("186场", "柳河镇", "4300余人次"):
        assert gone not in text


# ----------------------------------------------------------------------------- CLI and reports
def test_cli_json_lines_in_input_order(capsys):
    files = [str(CORPUS / "q01_village_reserve_cadres.txt"), str(CORPUS / "e01_liuhe_village_night_council.txt")]
    assert main(["screen", *files, "--json", "--manifest", str(CORPUS / "manifest.csv")]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["source"] for r in records] == [Path(f).name for f in files]
    assert records[0]["type"] == "problem" and records[0]["submitted_at"] == "2026-11-04T10:00"


def test_html_escapes_submitted_text(tmp_path, capsys):
    evil = tmp_path / "evil.txt"
    evil.write_text("<script>alert('标题')</script>某镇推行新办法\n近日，某镇<script>alert(1)</script>推行“<b>夜议</b>”制度。\n",
                    encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["screen", str(evil), "--html", str(out), "--type", "news"]) == 0
    page = out.read_text(encoding="utf-8")
    assert "<script>" not in page and "<b>夜议" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("<details>") == 1 and "<mark" in page


def test_bad_input_exits_2_without_partial_output(tmp_path, capsys):
    pdf = tmp_path / "scan.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    html = tmp_path / "out.html"
    code = main(["screen", str(CORPUS / "e01_liuhe_village_night_council.txt"), str(pdf), "--json", "--html", str(html)])
    captured = capsys.readouterr()
    assert code == 2
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "scan.pdf" in captured.err
    assert not html.exists() and list(tmp_path.iterdir()) == [pdf]


def _docx(path: Path) -> None:
    import docx

    d = docx.Document()
    d.add_paragraph("白沙镇高度重视扎实推进党员积分管理取得明显成效的情况汇报")
    p = d.add_paragraph()
    p.add_run("今年以来，白沙镇党委")
    bold = p.add_run("高度重视，精心组织，")
    bold.bold = True
    p.add_run("在全镇9个村推行党员积分管理，这一做法在全国首创，广受好评。")
    d.add_paragraph("全镇共有党员310名，其中农村党员260名、机关党员80名，积分兑换物品1860件。")
    d.core_properties.keywords = "经验类"
    d.save(str(path))


def _anchored_texts(document) -> dict[str, str]:
    """comment id → the text between its commentRangeStart and commentRangeEnd."""
    from docx.oxml.ns import qn

    texts: dict[str, str] = {}
    open_ids: set[str] = set()
    for el in document.element.body.iter():
        if el.tag == qn("w:commentRangeStart"):
            open_ids.add(el.get(qn("w:id")))
            texts.setdefault(el.get(qn("w:id")), "")
        elif el.tag == qn("w:commentRangeEnd"):
            open_ids.discard(el.get(qn("w:id")))
        elif el.tag == qn("w:t"):
            for cid in open_ids:
                texts[cid] += el.text or ""
    return texts


def test_docx_comments_anchor_on_evidence_runs(tmp_path, capsys):
    import docx

    src = tmp_path / "in" / "baisha.docx"
    src.parent.mkdir()
    _docx(src)
    outdir = tmp_path / "out"
    assert main(["screen", str(src), "--annotate", str(outdir), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    assert record["type"] == "experience"  # from the .docx keywords property
    annotated = docx.Document(str(outdir / "baisha.docx"))
    comments = {str(c.comment_id): c for c in annotated.comments}
    anchored = _anchored_texts(annotated)
    minus = {(e["start"], e["end"]): e["text"] for c in record["criteria"].values()
             for e in c["evidence"] if e["kind"] == "minus"}
    assert len(comments) >= len(minus) >= 4
    anchored_values = set(anchored.values())
    for text in minus.values():
        assert text in anchored_values
    by_text = {anchored[cid]: comments[cid] for cid in anchored}
    assert "拔高" in by_text["全国首创"].text and by_text["全国首创"].author == "djnlp"
    assert "分项之和" in by_text[next(t for t in by_text if "共有党员310名" in t)].text
    # a span across paragraphs (the near-copy's body) is anchored from its first to its last run
    copy_src = tmp_path / "in2" / "copy.docx"
    copy_src.parent.mkdir()
    d = docx.Document()
    for line in (ARCHIVE / "a01_liuhe_night_council_2025.txt").read_text(encoding="utf-8").splitlines():
        d.add_paragraph(perturb.light_edit(line))
    d.save(str(copy_src))
    assert main(["screen", str(copy_src), "--archive", str(ARCHIVE), "--annotate", str(outdir), "--json"]) == 0
    copy_record = json.loads(capsys.readouterr().out)
    [body] = copy_record["criteria"]["originality"]["evidence"]
    copied = docx.Document(str(outdir / "copy.docx"))
    spans = _anchored_texts(copied)
    assert body["text"].replace("\n", "") in spans.values()
    # the split kept the bold formatting on the 套话 inside the bold run
    runs = annotated.paragraphs[1].runs
    assert any(r.text == "精心组织" and r.bold for r in runs)
    assert "".join(r.text for r in runs) == "今年以来，白沙镇党委高度重视，精心组织，在全镇9个村推行党员积分管理，这一做法在全国首创，广受好评。"


# ----------------------------------------------------------------------------- rubric
def test_default_rubric_and_validation(tmp_path):
    rubric = load_rubric()
    assert rubric.grade(90) == "优" and rubric.grade(10) == "差"
    # a tripped gate caps the grade: past 24 h or a duplicate is 差, personal data at most 中
    assert rubric.grade(90, ["late_urgent"]) == "差" and rubric.grade(90, ["near_duplicate"]) == "差"
    assert rubric.grade(90, ["personal_data"]) == "中" and rubric.grade(40, ["personal_data"]) == "差"
    text = (REPO / "djnlp" / "data" / "rubric" / "default.toml").read_text(encoding="utf-8")
    cases = {
        "weigths": (text.replace("[weights]", "[weigths]"), "weigths"),
        "negative": (text.replace("topic = 0.15", "topic = -1"), "weights.topic"),
        "length": (text.replace("length = [200, 600]", "length = [600, 200]"), "types.news.length"),
        "type": (text.replace("[types.urgent]", "[types.urgnet]"), "urgnet"),
        "list": (text.replace('cliche = "cliches.txt"', 'cliche = "missing.txt"'), "missing.txt"),
        "toml": (text + "\n[[priorities]\n", "invalid TOML"),
        "cap": (text.replace('max_grade = "差"', 'max_grade = "劣"', 1), "max_grade"),
    }
    for name, (bad, needle) in cases.items():
        path = tmp_path / f"{name}.toml"
        path.write_text(bad, encoding="utf-8")
        with pytest.raises(ConfigError) as err:
            load_rubric(path)
        assert needle in str(err.value) and "\n" not in str(err.value), name


def test_user_rubric_with_its_own_word_list(tmp_path):
    text = (REPO / "djnlp" / "data" / "rubric" / "default.toml").read_text(encoding="utf-8")
    (tmp_path / "my_cliches.txt").write_text("# 本办公室的套话\n勇毅前行\n", encoding="utf-8")
    path = tmp_path / "office.toml"
    path.write_text(text.replace('cliche = "cliches.txt"', 'cliche = "my_cliches.txt"'), encoding="utf-8")
    rubric = load_rubric(path)
    assert rubric.wordlists["cliche"] == ("勇毅前行",)
    sub = Submission.from_text("某镇勇毅前行\n某镇勇毅前行，勇毅前行，建成3个站点。", type="news")
    r = Screener(rubric).screen([sub])[0]
    assert any(e.note == "标题套话" and e.text == "勇毅前行" for e in r.criteria["concise"].evidence)


def test_rubric_cli_check_and_from_speech(tmp_path, seed_path, capsys):
    bad = tmp_path / "bad.toml"
    bad.write_text("[rubric]\nname = 1\n", encoding="utf-8")
    assert main(["rubric", "check", str(bad)]) == 2
    assert capsys.readouterr().err.count("\n") == 1
    out = tmp_path / "rubric2026.toml"
    assert main(["rubric", "from-speech", str(seed_path), "--out", str(out), "--year", "2027"]) == 0
    rubric = load_rubric(out)
    assert rubric.year == 2027 and 3 <= len(rubric.priorities) <= 10
    names = [p.name for p in rubric.priorities]
    assert any("信访" in n for n in names) and any("信息" in n for n in names)
    assert all(p.keywords for p in rubric.priorities)
    # the speech's own priorities now drive 选题准
    info = Submission.from_text("某市组工信息报送质量提升\n今年以来，某市组织部门改进信息报送和选题，采用信息12篇。", type="news")
    r = Screener(rubric).screen([info])[0]
    assert any(e.note.startswith("契合重点工作") for e in r.criteria["topic"].evidence)


def test_json_manifest_and_bad_metadata(tmp_path, capsys):
    item = tmp_path / "item.txt"
    item.write_text((CORPUS / "n03_dongping_election.txt").read_text(encoding="utf-8"), encoding="utf-8")
    manifest = tmp_path / "meta.json"
    manifest.write_text(json.dumps({"item.txt": {"type": "动态类", "submitted_at": "2026-11-10T20:00"}},
                                   ensure_ascii=False), encoding="utf-8")
    [r] = screen([item], manifest=manifest)
    assert r.type == "news" and r.submitted_at == "2026-11-10T20:00"
    # "11月10日" in the text: counted from the end of that day, but never after the submission
    assert r.event_at == "2026-11-10T20:00" and r.delay_hours == 0
    assert main(["screen", str(item), "--event-at", "昨天下午"]) == 2
    assert "--event-at" in capsys.readouterr().err
    assert main(["screen", str(item), "--type", "通知类"]) == 2
    assert "unknown submission type" in capsys.readouterr().err
    manifest.write_text('[{"file": "item.txt", "typ": "news"}]', encoding="utf-8")
    with pytest.raises(ConfigError, match="typ"):
        screen([item], manifest=manifest)


def test_standpoint_ignores_slogans(screener):
    slogan = Submission.from_text("某镇工作动态\n某镇认真贯彻落实，紧紧围绕中心、服务大局，建成3个党群服务站。", type="news")
    decision = Submission.from_text("某镇工作动态\n某镇按照省委关于党建引领基层治理的决策部署，建成3个党群服务站，为全县提供了经验。",
                                    type="news")
    low, high = _one(screener, slogan), _one(screener, decision)
    assert low.criteria["standpoint"].score < high.criteria["standpoint"].score
    assert not any(e.text == "贯彻落实" for e in low.criteria["standpoint"].evidence)


def test_repeated_words_are_flagged_but_topic_words_are_not(screener):
    text = ("某村推行党员积分制\n某村党支部积极组织党员积极参加志愿服务，积极开展环境整治，积极参与矛盾调解，"
            "积极带动群众致富，积极宣传政策，党员积分制覆盖全村86名党员，党员积分每月公示。")
    advice = _one(screener, Submission.from_text(text, type="news")).criteria["concise"].advice
    assert "用词重复：“积极”出现6次" in advice
    assert not any("“党员”" in a or "“积分”" in a for a in advice)  # title words are the topic


def test_a_rewrite_reporting_the_same_facts_is_gated_as_a_duplicate():
    from djnlp.screening import Screener, Submission

    first = Submission.from_text(
        "某县向规上非公企业选派党建指导员\n今年3月，某县委组织部从县直机关和乡镇选派46名党建指导员，对口联系全县98家规上非公企业。"
        "指导员每月到企业不少于2次，帮助摸排党员底数。半年来，共摸排出“口袋党员”63名，新建单独党组织11个、联合党组织4个，"
        "规上非公企业党组织覆盖率由72%提高到94%。", type="experience")
    rewrite = Submission.from_text(
        "某县党建指导员进驻非公企业 覆盖率明显提升\n为破解非公企业党建难题，某县委组织部今年3月抽调46名干部担任党建指导员，"
        "分别联系98家规模以上非公企业，每月进企业2次以上，协助企业摸清党员情况。截至目前，累计找出“口袋党员”63名，"
        "单独组建党组织11个、联合组建4个，覆盖率从72%升至94%。", type="experience")
    other = Submission.from_text(
        "某镇推行村级小额工程公开比选\n今年以来，某镇把5万元以下村级工程纳入公开比选，全年比选项目37个，节约资金52万元，"
        "相关信访件由去年的9件降为1件，群众满意度提升到96%。", type="experience")
    results = Screener().screen([first, rewrite, other])
    gates = {r.title: [g.id for g in r.gates] for r in results}
    assert gates[rewrite.title] == ["near_duplicate"]          # same numbers, other words
    assert gates[first.title] == [] and gates[other.title] == []
    dup = next(r for r in results if r.title == rewrite.title).gates[0]
    assert "数字" in dup.message


def test_an_inflated_percentage_is_a_claim_not_data():
    inflated = Submission.from_text(
        "某县党建云平台实现全覆盖\n某县在全国首创党建云平台，实现党组织100%上线、党员100%参与，群众满意度达到100%。", type="experience")
    plain = Submission.from_text(
        "某县党建云平台上线运行\n某县党建云平台3月上线，全县312个党组织、8460名党员已注册使用，组织生活线上记录1.2万条。", type="experience")
    low, high = (r.criteria["substance"].score for r in Screener().screen([inflated, plain], remember=False))
    assert low < high
    inflated_result = Screener().screen([inflated], remember=False)[0]
    assert not any(e.note == "具体数据" and "100%" in e.text for e in inflated_result.criteria["substance"].evidence)
