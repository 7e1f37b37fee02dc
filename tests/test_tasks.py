"""djnlp.tasks: directives, actors, modality, deadlines, the ledger files and the CLI."""
from __future__ import annotations

import csv
import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from djnlp.cli import main
from djnlp.tasks import Task, extract_tasks, write_ledger

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "corpus" / "tasks"

SPEECH = """关于做好2024年村级组织建设工作的讲话

一、抓好村级组织换届后的巩固工作

去年，全县村级组织换届工作取得了明显成效，新班子整体结构得到优化。各乡镇要充分认识巩固换届成果的重要性。各乡镇党委要在5月中旬前完成新任村干部培训，做到全覆盖。
县委组织部计划于6月份举办全县村党组织书记示范培训班。一是要建立村干部履职档案；二是要完善村务公开制度，各村要每季度公开一次财务收支。
由县委组织部牵头，县财政局、县农业农村局配合，年内完成村级集体经济发展规划编制。严禁以任何名义向村级组织摊派费用。
鼓励有条件的乡镇推行村干部专职化管理。

中共某某县委组织部
2024年3月15日
"""


def by_text(tasks: list[Task], fragment: str) -> Task:
    found = [t for t in tasks if fragment in t.text]
    assert found, f"no task contains {fragment!r}: {[t.text for t in tasks]}"
    return found[0]


@pytest.fixture(scope="module")
def speech_tasks() -> list[Task]:
    return extract_tasks(SPEECH)


# --- directives and non-directives -------------------------------------------------------------

def test_past_results_and_exhortations_are_not_tasks(speech_tasks):
    texts = " ".join(t.text for t in speech_tasks)
    assert "取得了明显成效" not in texts
    assert "充分认识" not in texts
    assert all(not t.text.startswith("一、") for t in speech_tasks)  # headings name sections


def test_a_sentence_with_two_directives_is_cut_and_list_items_are_kept_apart(speech_tasks):
    item = by_text(speech_tasks, "二是要完善村务公开制度")
    assert "建立村干部履职档案" not in item.text
    quarterly = by_text(speech_tasks, "各村要每季度公开")
    assert quarterly is not item and quarterly.actors == ("各村",)


@pytest.mark.parametrize("sentence", [
    "近年来，全市坚持以“五好”创建统揽基层党建工作，提升了整体水平。",
    "要充分认识做好新时代组工信息工作的重要性。",
    "衡量信息工作水平的主要标准，必须看对领导决策的参考价值。",
    "组织部门信访工作机制还需进一步完善。",
    "各地要高度重视，摆在突出位置。",
    "为确保学习教育取得实效，制定如下实施方案。",
    "一要在强化政治功能上下功夫。",
    "一、目标要求\n通过学习教育，引导党员干部学纪、知纪、明纪、守纪。",
    "党的多次代表大会将加强和改进党的基层组织建设作为提高执政能力的重要内容。",
    "党的十一届三中全会以来，全国各基层党组织通过开展学习教育活动，增强凝聚力。",
])
def test_not_a_directive(sentence):
    assert extract_tasks(sentence, base=date(2024, 3, 1)) == []


@pytest.mark.parametrize("sentence, modality", [
    ("各县市区要在年内把所有村党组织书记轮训一遍。", "obligation"),
    ("严禁以任何名义向村级组织摊派费用。", "prohibition"),
    ("既要抓住机遇把好事办好，又要严禁增加农民负担。", "prohibition"),
    ("市委组织部计划在5月中旬举办培训班。", "plan"),
    ("市委组织部将于近期下发《关于加强外出务工党员管理的意见》。", "plan"),
    ("县委将把抓党建促乡村振兴情况纳入述职评议重要内容。", "plan"),
    ("力争年底前规上企业党组织覆盖率达到90%以上。", "encouragement"),
    ("深入开展“万名党员结对帮扶”活动，关心和帮助困难党员。", "obligation"),
])
def test_modality_classes(sentence, modality):
    tasks = extract_tasks(sentence, base=date(2024, 3, 1))
    assert [t.modality for t in tasks] == [modality]


def test_book_titles_do_not_make_directives():
    tasks = extract_tasks("市委组织部印发的《关于必须加强党员管理的通知》已经下发了。", base=date(2024, 3, 1))
    assert tasks == []


# --- actors --------------------------------------------------------------------------------------

def test_lead_and_support_from_qiantou_peihe(speech_tasks):
    task = by_text(speech_tasks, "牵头")
    assert task.lead == ("县委组织部",)
    assert task.support == ("县财政局", "县农业农村局")
    assert set(task.actors) == {"县委组织部", "县财政局", "县农业农村局"}
    assert task.deadline is not None and task.deadline.text == "年内"
    assert task.action == "完成村级集体经济发展规划编制"


def test_huitong_makes_lead_and_support():
    [task] = extract_tasks("市委组织部将会同市住建局在下半年召开现场推进会。", base=date(2023, 7, 6))
    assert task.lead == ("市委组织部",) and task.support == ("市住建局",)
    assert task.modality == "plan" and task.action == "召开现场推进会"


def test_shared_head_is_one_actor_and_coordination_is_split():
    [a] = extract_tasks("市国资、交通、建设等部门要对所属企业逐个加强指导。")
    assert a.actors == ("市国资、交通、建设等部门",)
    [b] = extract_tasks("各级党组织和领导干部要认真听取评议。")
    assert b.actors == ("各级党组织", "领导干部")


def test_words_that_only_end_like_a_unit_are_no_actor():
    [task] = extract_tasks("我国仍处于并将长期处于社会主义初级阶段，必须坚持以经济建设为中心。")
    assert task.actors == ()
    assert extract_tasks("依法惩办要坚决，不能手软。")[0].actors == ()


def test_object_of_qing_is_the_actor():
    [task] = extract_tasks("请各地结合实际贯彻落实。")
    assert task.actors == ("各地",) and task.action.startswith("结合实际")


def test_actors_are_inherited_within_a_paragraph_and_say_so():
    text = "党组织要紧紧围绕促进企业改革发展稳定开展工作。进一步推行“厂务公开”，探索党组织领导成员直选。"
    first, second = extract_tasks(text)
    assert first.actors == ("党组织",) and not first.actors_inherited
    assert second.actors == ("党组织",) and second.actors_inherited
    assert second.to_dict()["actors_inherited"] is True


def test_inheritance_stops_at_a_new_list_item():
    text = "二是要认真抓好书记培训。各县市区要全面推行“设岗定责”活动。三是要着力提高农村党员的能力。"
    tasks = extract_tasks(text)
    assert tasks[1].actors == ("各县市区",)
    assert tasks[2].actors == () and not tasks[2].actors_inherited


def test_list_items_inherit_the_addressee_of_the_lead_sentence():
    text = "各县市区要着力抓好三项工作。一是要建立履职档案；二是要完善村务公开制度。"
    tasks = extract_tasks(text)
    assert [t.actors for t in tasks[-2:]] == [("各县市区",), ("各县市区",)]
    assert all(t.actors_inherited for t in tasks[-2:])


def test_a_plan_without_subject_is_the_speakers_own():
    text = "各地要切实加强领导，抓紧组建工作专班。五月份，将召开现场会推进这项工作。"
    plan = by_text(extract_tasks(text, base=date(2006, 3, 1)), "现场会")
    assert plan.modality == "plan" and plan.actors == ()


def test_field_note_gives_actors_and_deadline():
    text = "1. 深化党员教育培训。年内实现村（社区）党组织书记轮训全覆盖。（牵头单位：县委组织部；配合单位：县委党校）"
    [task] = extract_tasks(text, base=date(2024, 2, 20))
    assert task.lead == ("县委组织部",) and task.support == ("县委党校",)
    assert task.deadline.value.end.date() == date(2024, 12, 31)


# --- deadlines -----------------------------------------------------------------------------------

def test_mid_may_with_the_base_date(speech_tasks):
    task = by_text(speech_tasks, "5月中旬前")
    assert task.actors == ("各乡镇党委",)
    assert task.deadline.value.end.date() == date(2024, 5, 20)   # base from the 落款 date


def test_event_relative_deadline_has_no_calendar_value():
    text = "各地各单位都要及时上报。一般要在事发后6小时内将有关情况报市委组织部，特殊情况不能超过24小时。"
    task = by_text(extract_tasks(text, base=date(2024, 3, 1)), "事发后")
    d = task.to_dict()["deadline"]
    assert d["text"] == "事发后6小时内" and d["value"] is None and d["kind"] == "event_relative"
    assert task.actors == ("各地各单位",) and task.actors_inherited


def test_recurrence_and_next_occurrence():
    [task] = extract_tasks("常规信息实行月报制度，各地于每月5日前报送上月信息。", base=date(2020, 3, 9))
    assert task.recurrence is not None and task.recurrence.text == "每月5日前"
    assert task.deadline.value.end.date() == date(2020, 4, 5)
    assert task.actors == ("各地",)


def test_manner_words_and_past_times_are_not_deadlines():
    tasks = extract_tasks("各地要及时总结经验。要认真贯彻去年8月座谈会精神，重点做好“三抓”。", base=date(2006, 3, 1))
    assert [t.deadline for t in tasks] == [None, None]


# --- the seed ------------------------------------------------------------------------------------

def test_seed_part_one_training_course(seed_text):
    tasks = extract_tasks(seed_text, base=date(2006, 3, 1))
    course = by_text(tasks, "示范村党组织书记培训班")
    assert course.actors == ("市委组织部",) and course.modality == "plan"
    assert course.deadline.text == "5月中旬"
    value = course.to_dict()["deadline"]["value"]
    assert value["start"].startswith("2006-05-11") and value["end"].startswith("2006-05-20")
    assert seed_text[course.start : course.end] == course.text          # original offsets
    assert "\n" in course.text                                          # the page break is in the original
    rotation = by_text(tasks, "轮训一遍")
    assert rotation.actors == ("各县市区",) and rotation.deadline.value.end.date() == date(2006, 12, 31)
    assert course.section and course.section[-1]["heading"].startswith("注重抓好乡村干部的培训")
    assert course.document and course.document.endswith("篇一")


def test_seed_gold_spans_still_match(seed_text):
    import hashlib

    rows = [json.loads(line) for line in (GOLD / "seed_gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(rows) > 150
    for row in rows:
        span = seed_text[row["start"] : row["end"]]
        assert hashlib.sha1(span.encode("utf-8")).hexdigest()[:12] == row["sha1"]


def test_benchmark_floors_on_the_gold(seed_path, monkeypatch):
    import importlib.util

    monkeypatch.syspath_prepend(str(REPO / "benchmarks"))  # the script imports its _timing helper
    spec = importlib.util.spec_from_file_location("djnlp_bench_tasks", REPO / "benchmarks" / "tasks.py")
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    scores = bench.evaluate()
    assert scores["task_f1"] >= 0.85
    assert scores["deadline_recall"] >= 0.95
    assert scores["deadline_exact"] >= 0.95


# --- result shape --------------------------------------------------------------------------------

def test_to_dict_is_json_ready(speech_tasks):
    d = speech_tasks[0].to_dict()
    for key in ("text", "start", "end", "actors", "action", "modality", "deadline", "lead", "support",
                "actors_inherited", "recurrence", "section", "theme"):
        assert key in d
    json.dumps([t.to_dict() for t in speech_tasks], ensure_ascii=False)
    assert SPEECH[d["start"] : d["end"]] == d["text"]


def test_clean_text_input_keeps_original_offsets():
    from djnlp.clean import clean

    raw = "要抓紧培训村党组织书记。市委组织部计划\n\n在5月中旬举办培训班。\n\n下一页"
    tasks = extract_tasks(clean(raw), base=date(2024, 1, 1))
    plan = by_text(tasks, "培训班")
    assert raw[plan.start : plan.end] == plan.text and plan.deadline.text == "5月中旬"
    assert raw[plan.deadline.start : plan.deadline.end] == "5月中旬"


def test_bad_arguments():
    from djnlp.errors import ConfigError

    with pytest.raises(TypeError):
        extract_tasks(b"\xe5\x90\x84")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        extract_tasks("各地要在年内完成。", base="2024-13-01")


def test_gold_files_are_built_from_the_annotated_sources():
    import importlib.util

    spec = importlib.util.spec_from_file_location("djnlp_build_gold", GOLD / "build_gold.py")
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    gold = [json.loads(line) for line in (GOLD / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    for source in sorted((GOLD / "annotated").glob("*.txt")):
        text, tasks = build.parse(source.read_text(encoding="utf-8"))
        assert (GOLD / "texts" / source.name).read_text(encoding="utf-8") == text
        stored = [g for g in gold if g["doc"] == f"texts/{source.name}"]
        assert [(g["start"], g["end"], g["actors"], g["modality"], g["deadline"]) for g in stored] == [
            (t["start"], t["end"], t["actors"], t["modality"], t["deadline"]) for t in tasks]


# --- ledger files --------------------------------------------------------------------------------

def test_docx_ledger(tmp_path, speech_tasks):
    from docx import Document
    from docx.enum.section import WD_ORIENT

    path = tmp_path / "台账.docx"
    write_ledger(speech_tasks, path, "docx")
    doc = Document(str(path))
    assert doc.paragraphs[0].text == "任务分解台账"
    assert doc.sections[0].orientation == WD_ORIENT.LANDSCAPE
    table = doc.tables[0]
    assert [c.text for c in table.rows[0].cells] == ["序号", "任务内容", "责任单位", "完成时限", "出处"]
    assert table.rows[0]._tr.trPr.xpath("./w:tblHeader")                 # header row repeats
    assert len(table.rows) == len(speech_tasks) + 1
    lead_row = next(r for r in table.rows[1:] if "牵头" in r.cells[1].text)
    assert lead_row.cells[2].text == "牵头：县委组织部；配合：县财政局、县农业农村局"
    assert lead_row.cells[3].text.startswith("年内")
    assert "抓好村级组织换届后的巩固工作" in lead_row.cells[4].text


def test_xlsx_ledger(tmp_path, speech_tasks):
    from openpyxl import load_workbook

    path = tmp_path / "台账.xlsx"
    write_ledger(speech_tasks, path)                                      # format from the suffix
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]] == ["序号", "任务内容", "责任单位", "完成时限", "出处"]
    assert sheet["A1"].font.bold and sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width >= 60 and sheet["B2"].alignment.wrap_text
    assert sheet["A2"].value == 1 and sheet.max_row == len(speech_tasks) + 1
    texts = [sheet.cell(row=i, column=2).value for i in range(2, sheet.max_row + 1)]
    assert any("5月中旬前" in t for t in texts)


def test_unknown_format_is_refused(tmp_path, speech_tasks):
    from djnlp.errors import ConfigError

    with pytest.raises(ConfigError):
        write_ledger(speech_tasks, tmp_path / "x.pdf")
    assert not (tmp_path / "x.pdf").exists()


# --- CLI -----------------------------------------------------------------------------------------

def test_cli_csv_file_has_bom_and_rows(tmp_path):
    src = tmp_path / "speech.txt"
    src.write_text(SPEECH, encoding="utf-8")
    out = tmp_path / "ledger.csv"
    assert main(["tasks", str(src), "--format", "csv", "-o", str(out)]) == 0
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == ["序号", "任务内容", "责任单位", "完成时限", "出处"] and len(rows) > 5


def test_cli_json_to_stdout_with_date(tmp_path, capsys):
    src = tmp_path / "speech.txt"
    src.write_text("各县市区要在6月底前完成换届。", encoding="utf-8")
    assert main(["tasks", str(src), "--date", "2025-03-01"]) == 0
    data = json.loads(capsys.readouterr().out)
    [task] = data["tasks"]
    assert task["deadline"]["value"]["end"].startswith("2025-06-30") and data["base"] == "2025-03-01"


def test_cli_reads_each_documents_own_date(tmp_path, capsys):
    src = tmp_path / "compilation.txt"
    src.write_text("篇一：关于做好党员教育培训工作的通知\n各党（工）委要在年底前完成党员轮训。\n"
                   "篇二：关于开展党费收缴情况专项检查的通知\n各基层党组织要在6月底前完成自查。\n"
                   "中共临江市委组织部\n2024年3月15日\n", encoding="utf-8")
    assert main(["tasks", str(src)]) == 0
    first, second = json.loads(capsys.readouterr().out)["tasks"]
    assert first["deadline"]["text"] == "年底前" and first["deadline"]["value"] is None
    assert second["deadline"]["value"]["end"].startswith("2024-06-30")


def test_cli_reads_stdin(monkeypatch, capsys):
    stdin = io.TextIOWrapper(io.BytesIO("各地要在年内完成轮训。".encode("utf-8")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", stdin)
    assert main(["tasks", "-", "--format", "csv", "--date", "2024-03-01"]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    assert rows[1][2] == "各地" and rows[1][3].startswith("年内")


def test_cli_unreadable_input_exits_2_and_writes_nothing(tmp_path, capsys):
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n")
    out = tmp_path / "ledger.docx"
    assert main(["tasks", str(bad), "-o", str(out)]) == 2
    assert "djnlp: error:" in capsys.readouterr().err
    assert not out.exists() and not list(tmp_path.glob(".djnlp-*"))
    assert main(["tasks", str(tmp_path / "missing.txt"), "-o", str(out)]) == 2
    assert not out.exists()


def test_cli_xlsx_needs_output(tmp_path):
    src = tmp_path / "speech.txt"
    src.write_text(SPEECH, encoding="utf-8")
    assert main(["tasks", str(src), "--format", "xlsx"]) == 2


# --- spaCy component -----------------------------------------------------------------------------

def test_spacy_component_sets_spans():
    import spacy

    import djnlp.components.tasks  # noqa: F401  (registers the factory)

    nlp = spacy.blank("zh")
    nlp.add_pipe("djnlp_tasks", config={"base": "2024-03-15"})
    doc = nlp(SPEECH)
    spans = doc.spans["tasks"]
    assert len(spans) == len(extract_tasks(SPEECH))
    lead = next(s for s in spans if "牵头" in s.text)
    assert lead._.task["lead"] == ["县委组织部"] and lead.label_ == "obligation"
    assert lead.start_char <= lead._.task["start"] and lead.end_char >= lead._.task["end"]


# --- generalisation: causes found by an independent author (sentences written for these tests) ---

PLAN_WITH_FIELDS = """关于加强社区党组织书记队伍建设的实施方案

二、重点任务
（一）建立后备人才库。各区要按照每个社区不少于2名的标准储备后备人选，6月底前建立人才库。
牵头单位：市委组织部；配合单位：市民政局、市人社局。
（二）开展全员轮训。市委党校将分批举办社区书记培训班。
责任单位：市委党校
完成时限：2025年10月底
（三）落实报酬待遇。各区（县）要建立社区工作者薪酬正常增长机制。（责任部门：市委组织部、市财政局）
"""


@pytest.fixture(scope="module")
def plan_tasks() -> list[Task]:
    return extract_tasks(PLAN_WITH_FIELDS, base=date(2025, 3, 1))


def test_field_lines_are_no_tasks(plan_tasks):
    labels = ("牵头单位", "配合单位", "责任单位", "完成时限", "责任部门")
    assert not [t.text for t in plan_tasks if t.text.lstrip("（(").startswith(labels)]
    assert len(plan_tasks) == 3


def test_field_lines_attach_lead_and_support_to_the_item_above(plan_tasks):
    reserve = by_text(plan_tasks, "储备后备人选")
    assert reserve.lead == ("市委组织部",) and reserve.support == ("市民政局", "市人社局")
    assert set(reserve.actors) == {"各区", "市委组织部", "市民政局", "市人社局"}
    assert reserve.deadline is not None and reserve.deadline.value.end.date() == date(2025, 6, 30)


def test_a_completion_field_on_its_own_line_is_the_deadline(plan_tasks):
    training = by_text(plan_tasks, "分批举办")
    assert training.actors == ("市委党校",) and training.modality == "plan"
    assert training.deadline.value.end.date() == date(2025, 10, 31)
    pay = by_text(plan_tasks, "薪酬正常增长机制")
    assert set(pay.actors) == {"各区（县）", "市委组织部", "市财政局"}


def test_a_run_in_label_does_not_hide_the_directive():
    text = ("四、有关要求\n1.报送方式：各党支部须于11月20日前将评议结果报机关党委，逾期不再受理。\n"
            "2.纪律要求：各党支部要严格把关，不得走过场。\n")
    tasks = extract_tasks(text, base=date(2024, 11, 1))
    report = by_text(tasks, "将评议结果报机关党委")
    assert report.text.startswith("各党支部须") and report.actors == ("各党支部",)
    assert report.deadline.value.end.date() == date(2024, 11, 20)
    discipline = by_text(tasks, "严格把关")
    assert "纪律要求" not in discipline.text and discipline.actors == ("各党支部",)


@pytest.mark.parametrize("sentence", [
    "我们要始终保持艰苦奋斗的作风，把心思用在干事创业上。",
    "我们要大力弘扬求真务实精神。",
    "全乡党建工作要坚持以高质量发展为引领，围绕中心抓党建。",
    "前年我们推行了党员积分管理，这个办法要坚持。",
    "今年的评议，要突出群众满意导向。",
])
def test_exhortations_of_value_are_no_tasks(sentence):
    assert extract_tasks(sentence, base=date(2024, 3, 1)) == []


def test_a_short_point_title_is_a_heading_not_a_task():
    text = "第二，阵地要建强。各村要在9月底前完成党群服务中心改造。\n"
    tasks = extract_tasks(text, base=date(2024, 3, 1))
    assert [t.text for t in tasks] == ["各村要在9月底前完成党群服务中心改造。"]


def test_a_named_actor_announcing_an_action_is_a_plan():
    [task] = extract_tasks("县财政将从明年起每年列支党建工作经费500万元，用于村级阵地建设。", base=date(2024, 3, 1))
    assert task.modality == "plan" and task.actors == ("县财政",)


def test_a_second_cue_of_another_class_starts_a_second_task():
    tasks = extract_tasks("计划年内新建红色驿站10个，务必在9月底前完成选址。", base=date(2024, 3, 1))
    assert [t.modality for t in tasks] == ["plan", "obligation"]
    assert tasks[1].deadline.value.end.date() == date(2024, 9, 30)
    assert tasks[0].deadline.value.end.date() == date(2024, 12, 31)
    vetted = extract_tasks("入党申请人须经党支部集体研究，研究未通过的不得列为入党积极分子。")
    assert [t.modality for t in vetted] == ["obligation", "prohibition"]


def test_a_second_calendar_limit_starts_a_second_task():
    tasks = extract_tasks("各党委务必于每月10日前报送工作台账，11月底前形成年度总结。", base=date(2024, 3, 1))
    monthly, yearly = tasks
    assert monthly.recurrence is not None and monthly.recurrence.text == "每月10日前"
    assert yearly.deadline.value.end.date() == date(2024, 11, 30)
    assert yearly.actors == ("各党委",) and yearly.actors_inherited


@pytest.mark.parametrize("sentence", [
    "各支部要如实填报，不得虚报瞒报。",                         # one duty said twice
    "相关单位须在事发后1小时内电话报告，12小时内报送书面材料。",   # stages after one event
])
def test_one_duty_is_not_cut(sentence):
    assert len(extract_tasks(sentence, base=date(2024, 3, 1))) == 1


def test_coordinated_units_split_outside_parentheses():
    [task] = extract_tasks("各镇党委、县直各单位党组（党委）要在3月底前完成述职。", base=date(2024, 1, 5))
    assert task.actors == ("各镇党委", "县直各单位党组（党委）")


def test_the_unit_of_a_copula_topic_is_the_actor():
    [task] = extract_tasks("各乡（镇）党委书记是第一责任人，要每月至少研究一次党建工作。")
    assert task.actors == ("各乡（镇）党委书记",)


@pytest.mark.parametrize("sentence, actor, modality", [
    ("鼓励青年党员到基层一线挂职锻炼。", "青年党员", "encouragement"),
    ("严禁党员干部在扶贫项目中谋取私利。", "党员干部", "prohibition"),
])
def test_the_unit_after_encourage_or_forbid_is_the_actor(sentence, actor, modality):
    [task] = extract_tasks(sentence)
    assert task.actors == (actor,) and task.modality == modality


def test_a_unit_whose_approval_is_needed_is_support():
    text = "各社区要加快小区党组织组建。组建方案须经街道党工委审批后实施。"
    approval = by_text(extract_tasks(text), "街道党工委审批")
    assert approval.support == ("街道党工委",) and approval.actors == ("街道党工委",)


@pytest.mark.parametrize("sentence", [
    "材料一律以电子版形式报送。",
    "抽查核实比例不得低于20%。",
    "确需收集的信息，一律通过系统平台一次采集。",
])
def test_impersonal_clauses_inherit_no_actor(sentence):
    tasks = extract_tasks("各单位要按时报送年度党建材料。" + sentence, base=date(2024, 3, 1))
    assert len(tasks) == 2 and tasks[1].actors == () and tasks[1].modality == "obligation"


def test_a_reversed_subject_is_no_actor():
    text = "各社区要抓好网格建设。网格党小组原则上在4月底前全部组建到位。"
    built = by_text(extract_tasks(text, base=date(2024, 3, 1)), "组建到位")
    assert built.actors == ("各社区",) and built.actors_inherited


@pytest.mark.parametrize("sentence", ["党员参学率不得低于90%。", "每次集中学习时间不得少于2小时。"])
def test_floors_are_obligations_not_bans(sentence):
    [task] = extract_tasks(sentence)
    assert task.modality == "obligation"


def test_a_yearly_limit_recurs_and_its_next_occurrence_is_the_deadline():
    [task] = extract_tasks("各乡镇需于每年11月30日前报送年度党建述职报告。", base=date(2024, 3, 1))
    assert task.recurrence is not None and task.recurrence.kind == "recurring"
    assert task.deadline.value.end.date() == date(2024, 11, 30)


def test_the_object_of_a_later_encourage_is_not_the_doer_of_an_imperative():
    text = "加大优秀年轻干部培养力度，鼓励年轻干部到艰苦岗位历练。全面做好离退休干部工作。"
    tasks = extract_tasks(text)
    assert [t.actors for t in tasks] == [(), ()]


def test_a_budget_figure_compared_with_last_year_is_a_statement():
    assert extract_tasks("今年省级财政安排党建专项经费3000万元，比上年增加500万元。", base=date(2024, 3, 1)) == []


def test_a_recurring_limit_outranks_the_month_the_report_is_about():
    [task] = extract_tasks("各支部须于每月20日前报送当月党费收缴情况。", base=date(2025, 4, 8))
    assert task.deadline.text == "每月20日前" and task.deadline.value.end.date() == date(2025, 4, 20)


def test_a_unit_owning_the_subject_is_no_actor():
    text = "各村要用好党群服务中心。各村党群服务中心每周开放时间不得少于40小时。"
    hours = by_text(extract_tasks(text), "开放时间")
    assert hours.actors == () and hours.modality == "obligation"


def test_the_longest_participant_and_bare_imperatives_with_participation_verbs():
    [vet] = extract_tasks("后备人选须经镇党委组织委员初审。")
    assert vet.support == ("镇党委组织委员",)
    [serve] = extract_tasks("机关党员每月至少参加1次社区志愿服务。")
    assert serve.actors == ("机关党员",) and serve.modality == "obligation"
    [retired] = extract_tasks("鼓励退休党员就近参加社区党组织活动。")
    assert retired.actors == ("退休党员",)


def test_a_leader_field_names_one_person():
    text = "（一）完善激励保障。各区要落实社区工作者薪酬待遇。\n牵头领导：市委常委、组织部部长；责任单位：市委组织部\n"
    [task] = extract_tasks(text)
    assert task.lead == ("市委常委、组织部部长",)
    assert set(task.actors) == {"各区", "市委常委、组织部部长", "市委组织部"}


# --- shortcuts taken for speed must not change results ----------------------------------------

def test_may_assign_is_false_only_where_no_lead_or_support_can_be_found():
    from djnlp.clean import clean
    from djnlp.tasks.actors import find_actors, may_assign
    from djnlp.tasks.clauses import split_clauses
    from djnlp.tasks.modality import mask_quotes

    checked = assigned = 0
    for path in sorted((GOLD / "texts").glob("*.txt")):
        text = clean(path.read_text(encoding="utf-8")).text
        for clause in split_clauses(text):
            raw = text[clause.start : clause.end]
            found = find_actors(raw)
            if not may_assign(raw):
                checked += 1
                assert not found.lead and not found.support, raw
            assigned += bool(found.lead or found.support)
    assert checked > 100 and assigned > 5


def test_section_paths_are_the_sections_holding_each_task(seed_text):
    from djnlp.clean import clean
    from djnlp.outline import parse_outline

    documents = parse_outline(clean(seed_text))
    tasks = extract_tasks(seed_text, base=date(2006, 3, 1), sections=documents)
    assert len(tasks) > 100
    for task in tasks:
        holding = sorted((s for d in documents for s in d.sections if s.start <= task.start < s.end),
                         key=lambda s: s.level)
        assert [step["id"] for step in task.section] == [s.id for s in holding]
        assert task.document == next(d.title for d in documents if d.start <= task.start < d.end)


def test_trie_alternation_finds_the_longest_cue_word_everywhere(seed_text):
    """The trie-shaped cue pattern gives the same matches as a longest-first list of the words."""
    import re

    from djnlp.tasks.lexicon import alternation, lexicon

    lex = lexicon()
    words = sorted(set(lex.modality) | lex.modality_exclusions, key=lambda w: (-len(w), w))
    flat = re.compile("|".join(map(re.escape, words)))
    trie = re.compile(alternation(words))
    assert [m.span() for m in trie.finditer(seed_text)] == [m.span() for m in flat.finditer(seed_text)]
    assert re.fullmatch(f"(?:{alternation(['不得', '不得低'])})低于", "不得低于")   # backtracks to the shorter word
    assert re.compile(alternation([])).search("要") is None
