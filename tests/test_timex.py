"""djnlp.timex: every expression family, base-date handling, document dates, event rules, CLI."""
from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime
from importlib.resources import files
from pathlib import Path

import pytest

from djnlp.errors import DjnlpError
from djnlp.timex import Interval, TimeExpression, extract_times, find_document_date

BASE = date(2024, 3, 15)          # a Friday
REPO = Path(__file__).resolve().parent.parent


def one(text: str, base: date | None = BASE) -> TimeExpression:
    found = extract_times(text, base)
    assert len(found) == 1, [t.text for t in found]
    return found[0]


def span(t: TimeExpression) -> tuple[str | None, str | None]:
    assert t.value is not None, t
    return (t.value.start.isoformat() if t.value.start else None, t.value.end.isoformat() if t.value.end else None)


def day(d: str) -> tuple[str, str]:
    return f"{d}T00:00:00", f"{d}T23:59:59"


# ---------------------------------------------------------------- full and partial dates

@pytest.mark.parametrize("sentence, surface, expected, granularity", [
    ("会议定于2024年5月15日召开。", "2024年5月15日", day("2024-05-15"), "day"),
    ("定于五月十五日召开推进会。", "五月十五日", day("2024-05-15"), "day"),
    ("二〇二三年十二月一日起施行的办法", "二〇二三年十二月一日起", ("2023-12-01T00:00:00", None), "day"),
    ("五月份，将召开现场会。", "五月份", ("2024-05-01T00:00:00", "2024-05-31T23:59:59"), "month"),
    ("2025年是规划的收官之年。", "2025年", ("2025-01-01T00:00:00", "2025-12-31T23:59:59"), "year"),
    ("拟在5月中旬举办培训班。", "5月中旬", ("2024-05-11T00:00:00", "2024-05-20T23:59:59"), "xun"),
    ("2月下旬开展督查。", "2月下旬", ("2024-02-21T00:00:00", "2024-02-29T23:59:59"), "xun"),
    ("报表于2024-06-05提交。", "2024-06-05", day("2024-06-05"), "day"),
])
def test_dates(sentence, surface, expected, granularity):
    t = one(sentence)
    assert (t.text, span(t), t.granularity) == (surface, expected, granularity)


@pytest.mark.parametrize("sentence, surface, end", [
    ("各地要在年底前完成换届。", "年底前", "2024-12-31T23:59:59"),
    ("6月底前全部完成整改。", "6月底前", "2024-06-30T23:59:59"),
    ("明年3月底前报送总结。", "明年3月底前", "2025-03-31T23:59:59"),
    ("请于9月30日前报送。", "9月30日前", "2024-09-30T23:59:59"),
    ("5月中旬前完成摸底。", "5月中旬前", "2024-05-20T23:59:59"),
    ("三季度末前全部验收。", "三季度末前", "2024-09-30T23:59:59"),
    ("力争在年内完成全部村的轮训。", "年内", "2024-12-31T23:59:59"),
    ("本周内上报名单。", "本周内", "2024-03-17T23:59:59"),
    ("整改要在月内完成。", "月内", "2024-03-31T23:59:59"),
    ("截止2024年4月10日报送。", "截止2024年4月10日", "2024-04-10T23:59:59"),
])
def test_deadlines_have_only_an_end(sentence, surface, end):
    t = one(sentence)
    assert (t.text, t.kind, span(t)) == (surface, "by", (None, end))


def test_half_year_and_quarters():
    found = extract_times("上半年完成调研，第一季度报送方案，一季度末前建立台账，下半年全面推开。", BASE)
    got = [(t.text, t.kind, span(t), t.granularity) for t in found]
    assert got == [
        ("上半年", "point", ("2024-01-01T00:00:00", "2024-06-30T23:59:59"), "half"),
        ("第一季度", "point", ("2024-01-01T00:00:00", "2024-03-31T23:59:59"), "quarter"),
        ("一季度末前", "by", (None, "2024-03-31T23:59:59"), "month"),
        ("下半年", "point", ("2024-07-01T00:00:00", "2024-12-31T23:59:59"), "half"),
    ]


# ---------------------------------------------------------------- durations and working days

def test_working_days_use_the_official_calendar():
    t = one("各单位须在5个工作日内报送。", date(2024, 9, 27))   # 9月29日 is a make-up working Sunday; 10月1–7日 are skipped
    assert (t.kind, span(t)[1], t.approximate) == ("within", "2024-10-10T23:59:59", False)
    assert t.duration.to_dict() == {"amount": 5, "unit": "workday"}


def test_working_days_past_the_calendar_fall_back_and_say_so():
    t = one("各单位须在3个工作日内报送。", date(2030, 1, 4))      # a Friday after chinese-calendar's data
    assert span(t)[1] == "2030-01-09T23:59:59"
    assert t.approximate is True and "Monday" in t.note


@pytest.mark.parametrize("sentence, end", [
    ("3天内完成", "2024-03-18T23:59:59"),
    ("两周内完成", "2024-03-29T23:59:59"),
    ("6个月内完成", "2024-09-15T23:59:59"),
    ("半年内完成", "2024-09-15T23:59:59"),
])
def test_within_durations(sentence, end):
    t = one(sentence)
    assert (t.kind, span(t)) == ("within", ("2024-03-15T00:00:00", end))


# ---------------------------------------------------------------- ranges, plan periods, festivals

@pytest.mark.parametrize("sentence, surface, expected", [
    ("即日起至6月30日开展排查。", "即日起至6月30日", ("2024-03-15T00:00:00", "2024-06-30T23:59:59")),
    ("从3月起到6月止集中整治。", "从3月起到6月止", ("2024-03-01T00:00:00", "2024-06-30T23:59:59")),
    ("5月10日至20日开展评议。", "5月10日至20日", ("2024-05-10T00:00:00", "2024-05-20T23:59:59")),
    ("2018—2020年三年行动计划", "2018—2020年", ("2018-01-01T00:00:00", "2020-12-31T23:59:59")),
    ("2018-2020年", "2018-2020年", ("2018-01-01T00:00:00", "2020-12-31T23:59:59")),
    ("2024年至2026年分三批推进。", "2024年至2026年", ("2024-01-01T00:00:00", "2026-12-31T23:59:59")),
    ("“十四五”期间，全市要……", "“十四五”期间", ("2021-01-01T00:00:00", "2025-12-31T23:59:59")),
    ("谋划“十五五”时期重点任务", "“十五五”时期", ("2026-01-01T00:00:00", "2030-12-31T23:59:59")),
])
def test_spans(sentence, surface, expected):
    t = one(sentence)
    assert (t.text, t.kind, span(t)) == (surface, "span", expected)


def test_open_start():
    t = one("自即日起，全面推行“周例会”制度。")
    assert (t.text, t.kind, span(t)) == ("自即日起", "span", ("2024-03-15T00:00:00", None))


@pytest.mark.parametrize("sentence, surface, kind, expected", [
    ("春节前走访慰问困难党员。", "春节前", "by", (None, "2025-01-28T23:59:59")),   # 2024's has passed
    ("国庆节前完成验收。", "国庆节前", "by", (None, "2024-09-30T23:59:59")),
    ("元旦前召开民主生活会。", "元旦前", "by", (None, "2024-12-31T23:59:59")),
    ("端午节前开展廉政提醒。", "端午节前", "by", (None, "2024-06-09T23:59:59")),
    ("中秋节开展走访。", "中秋节", "point", day("2024-09-17")),
    ("清明节组织祭扫。", "清明节", "point", day("2024-04-04")),
    ("“七一”前评选表彰一批先进。", "“七一”前", "by", (None, "2024-06-30T23:59:59")),
    ("七一前后开展主题党日。", "七一前后", "span", ("2024-06-28T00:00:00", "2024-07-04T23:59:59")),
])
def test_festivals(sentence, surface, kind, expected):
    t = one(sentence)
    assert (t.text, t.kind, span(t)) == (surface, kind, expected)


# ---------------------------------------------------------------- relative days and weeks

def test_relative_days_and_weeks():
    found = extract_times("今天下午召开会议，明天、后天分组讨论，下周三汇报，本周五前报名单，下个月启动，明年、今年、去年。", BASE)
    got = {t.text: span(t) for t in found}
    assert got["今天下午"] == ("2024-03-15T12:00:00", "2024-03-15T17:59:59")
    assert got["明天"] == day("2024-03-16") and got["后天"] == day("2024-03-17")
    assert got["下周三"] == day("2024-03-20")
    assert got["本周五前"] == (None, "2024-03-15T23:59:59")
    assert got["下个月"] == ("2024-04-01T00:00:00", "2024-04-30T23:59:59")
    assert got["明年"][0] == "2025-01-01T00:00:00" and got["去年"][1] == "2023-12-31T23:59:59"


def test_without_base_relative_expressions_are_found_but_unresolved():
    found = extract_times("明年3月底前完成，5个工作日内报送，2024年6月30日前验收。")
    assert [(t.text, t.value is None) for t in found] == [
        ("明年3月底前", True), ("5个工作日内", True), ("2024年6月30日前", False)]
    assert found[2].anchor == "explicit" and found[0].anchor == "document"


def test_base_may_be_a_datetime_or_iso_string():
    assert span(one("明天", datetime(2024, 3, 15, 9, 30))) == day("2024-03-16")
    assert span(one("明天", "2024-03-15")) == day("2024-03-16")
    with pytest.raises(DjnlpError):
        extract_times("明天", "15/03/2024")


# ---------------------------------------------------------------- recurring

@pytest.mark.parametrize("sentence, surface, freq, value", [
    ("每季度末报送党费收缴情况。", "每季度末", "quarter", ("2024-03-01T00:00:00", "2024-03-31T23:59:59")),
    ("每月28日前报送信息。", "每月28日前", "month", (None, "2024-03-28T23:59:59")),
    ("每月10日前报送。", "每月10日前", "month", (None, "2024-04-10T23:59:59")),   # 3月10日 has passed
    ("每年年底前开展述职评议。", "每年年底前", "year", (None, "2024-12-31T23:59:59")),
])
def test_recurring_next_occurrence(sentence, surface, freq, value):
    t = one(sentence)
    assert (t.text, t.kind, t.recurrence.freq, span(t)) == (surface, "recurring", freq, value)


@pytest.mark.parametrize("word", ["每年", "每半年", "每周", "定期"])
def test_recurring_without_a_point_is_unresolved(word):
    t = one(f"{word}开展一次专项检查。")
    assert (t.text, t.kind, t.value) == (word, "recurring", None)


# ---------------------------------------------------------------- event-relative and limits

def test_event_relative_with_second_limit():
    text = "一般要在事发后6小时内将有关情况报市委组织部，特殊情况最迟不得超过24小时。"
    t = one(text)
    assert (t.text, t.kind, t.value, t.anchor, t.event) == ("事发后6小时内", "event_relative", None, "event", "事发")
    assert t.duration.to_dict() == {"amount": 6, "unit": "hour"}
    assert [(lim.text, lim.duration.amount, lim.condition) for lim in t.limits] == [
        ("特殊情况最迟不得超过24小时", 24, "特殊情况")]
    assert text[t.limits[0].start:t.limits[0].end] == t.limits[0].text


@pytest.mark.parametrize("sentence, surface, event", [
    ("事件发生后2小时内向上级报告。", "事件发生后2小时内", "事件发生"),
    ("各单位应在收到通知后3个工作日内反馈意见。", "收到通知后3个工作日内", "收到通知"),
    ("自收到申请之日起15日内作出答复。", "收到申请之日起15日内", "收到申请"),
])
def test_event_relative_is_not_read_from_the_document_date(sentence, surface, event):
    t = one(sentence)
    assert (t.text, t.kind, t.value, t.event) == (surface, "event_relative", None, event)


@pytest.mark.parametrize("text", ["2023年2月29日", "13月", "4月31日前", ""])
def test_impossible_dates_are_dropped(text):
    assert [t.text for t in extract_times(text, BASE) if t.value is not None or t.kind != "point"] == []


def test_text_must_be_a_string():
    with pytest.raises(DjnlpError):
        extract_times(b"2024\xe5\xb9\xb4", BASE)


def test_limit_without_an_event_rule_is_not_a_time():
    assert extract_times("每次发言不得超过10分钟。", BASE) == []


# ---------------------------------------------------------------- vague words and placeholders

@pytest.mark.parametrize("word", ["近期", "届时", "尽快", "适时", "第一时间", "今后一个时期"])
def test_vague(word):
    t = one(f"市委组织部将{word}作出安排。")
    assert (t.text, t.kind, t.value, t.granularity) == (word, "vague", None, None)


@pytest.mark.parametrize("sentence, surface", [("20xx年全市基层党建工作要点", "20xx年"),
                                                ("20XX年5月召开", "20XX年5月"),
                                                ("落款：20××年×月×日", "20××年×月×日"),
                                                ("认真落实“”规划的部署。", "“”规划")])
def test_placeholders_are_recognised_and_unresolved(sentence, surface):
    t = one(sentence)
    assert (t.text, t.value) == (surface, None) and "placeholder" in t.note


@pytest.mark.parametrize("text", [
    "一是抓班子，二是带队伍。", "严格落实三会一课制度。", "第一，提高站位。", "开展五好党支部创建。",
    "深化两学一做学习教育。", "认真学习贯彻党的二十大精神。", "十九届四中全会作出部署。",
    "全市30多个单位参加，100人受训，增长5%。", "获得七一勋章和五一劳动奖章的同志。", "我讲三点意见，这一点很重要。",
    "一年四季坚持不懈。", "今年中央一号文件提出", "月初步完成", "年均增长百分之十二点一。", "在经历了十年内乱之后",
    "五十年内外到一百年内外", "首次月球背面采样", "广大青年终身学习",
])
def test_no_false_positives(text):
    found = [t.text for t in extract_times(text, BASE) if t.text not in ("今年",)]
    assert found == []


# ---------------------------------------------------------------- document date

@pytest.mark.parametrize("text, expected", [
    ("关于做好换届工作的通知\n各县市区委组织部：\n……\n中共某某市委组织部\n2024年3月15日\n", date(2024, 3, 15)),
    ("在全市组织部长会议上的讲话\n（2023年2月8日）\n同志们：\n今年……", date(2023, 2, 8)),
    ("正文\n某某县委办公室\n二〇二四年三月十五日\n（此件公开发布）", date(2024, 3, 15)),
    ("政府工作报告\n——2024年3月5日在第十四届全国人民代表大会第二次会议上\n各位代表：", date(2024, 3, 5)),
    ("正文……\n抄送：各县市区委组织部\n中共某某市委组织部办公室      2024年3月18日印发", date(2024, 3, 18)),
    ("2021年工作总结\n今年以来……", None),
    ("正文\n20xx年x月x日", None),
])
def test_find_document_date(text, expected):
    assert find_document_date(text) == expected


# ---------------------------------------------------------------- the seed

def test_seed(seed_text):
    found = extract_times(seed_text)
    texts = [t.text for t in found]
    assert "5月中旬" in texts and "届时" in texts and "近期" in texts
    for bad in ("一是", "三会一课", "四中", "一点", "三点", "一时"):
        assert bad not in texts
    assert all(seed_text[t.start:t.end] == t.text for t in found)
    rule = next(t for t in found if t.text == "事发后6小时内")
    assert rule.kind == "event_relative" and rule.limits[0].duration.amount == 24
    assert all(t.value is None for t in found if t.text.startswith("20xx"))


# ---------------------------------------------------------------- CLI and schema

def _cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "djnlp.cli", *args] if False else
                          [sys.executable, "-c", "import sys; from djnlp.cli import main; sys.exit(main())", *args],
                          input=stdin, capture_output=True, text=True, timeout=60)


@pytest.fixture(scope="module")
def validator():
    jsonschema = pytest.importorskip("jsonschema")
    schema = json.loads((files("djnlp") / "schema" / "time.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


def test_cli_json_validates(validator):
    out = _cli("time", "各地要在年底前完成，事发后6小时内报告，特殊情况不能超过24小时；每月28日前报送；近期；20xx年",
               "--base", "2024-03-15", "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    validator.validate(data)
    assert [d["kind"] for d in data] == ["by", "event_relative", "recurring", "vague", "point"]


def test_cli_batch_keeps_order_and_validates(validator):
    lines = [{"text": "明年3月底前", "base": "2024-05-01"}, {"text": "没有时间"}, {"text": "5个工作日内", "base": None}]
    out = _cli("time", "--batch", stdin="".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines))
    assert out.returncode == 0, out.stderr
    rows = [json.loads(line) for line in out.stdout.splitlines()]
    assert len(rows) == 3 and rows[1] == []
    assert rows[0][0]["value"]["end"] == "2025-03-31T23:59:59" and rows[2][0]["value"] is None
    for row in rows:
        validator.validate(row)


@pytest.mark.parametrize("args, stdin, message", [
    (("time", "明天", "--base", "2024-13-01"), None, "--base"),
    (("time", "--batch"), '{"text": "明天"}\nnot json\n', "<stdin>:2"),
    (("time", "--batch"), '{"base": "2024-01-01"}\n', "<stdin>:1"),
])
def test_cli_bad_input_is_one_line_exit_2(args, stdin, message):
    out = _cli(*args, stdin=stdin)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and message in out.stderr


def test_cli_table():
    out = _cli("time", "下周三上午9时召开会议", "--base", "2024-03-15")
    assert out.returncode == 0 and "下周三上午9时" in out.stdout and "2024-03-20 09:00:00" in out.stdout


def test_to_dict_round_trip_types():
    d = one("6月底前").to_dict()
    assert d["value"] == {"start": None, "end": "2024-06-30T23:59:59"}
    assert isinstance(Interval(None, None).to_dict(), dict)


# ---------------------------------------------------------------- rules added from the held-out runs

@pytest.mark.parametrize("sentence, surface, kind, expected", [
    ("前三季度，全市新发展党员850名。", "前三季度", "span", ("2024-01-01T00:00:00", "2024-09-30T23:59:59")),
    ("到2025年底，全市村级集体经济收入全部达到15万元以上。", "到2025年底", "by", (None, "2025-12-31T23:59:59")),
    ("力争到年底完成。", "到年底", "by", (None, "2024-12-31T23:59:59")),
    ("力争用3年时间实现全覆盖。", "用3年时间", "within", ("2024-03-15T00:00:00", "2027-03-15T23:59:59")),
    ("自2019年以来，共选派第一书记860名。", "自2019年以来", "span", ("2019-01-01T00:00:00", "2024-03-15T23:59:59")),
    ("党的十八大以来，全市党建工作取得明显成效。", "党的十八大以来", "span", ("2012-11-08T00:00:00", "2024-03-15T23:59:59")),
    ("考试时间为3月18日9:00—11:30。", "3月18日9:00—11:30", "span", ("2024-03-18T09:00:00", "2024-03-18T11:30:59")),
    ("各地务必于3月22日（星期五）下班前报送。", "3月22日（星期五）下班前", "by", (None, "2024-03-22T23:59:59")),
    ("国庆节期间，严格执行带班制度。", "国庆节期间", "span", ("2024-10-01T00:00:00", "2024-10-07T23:59:59")),
])
def test_heldout_rules(sentence, surface, kind, expected):
    t = one(sentence)
    assert (t.text, t.kind, span(t)) == (surface, kind, expected)


def test_weekday_tail_needs_a_weekday():
    assert [t.text for t in extract_times("城镇实行了每周五天工作制。", BASE)] == ["每周"]


def test_approximate_counts_have_no_value():
    found = extract_times("几十年来，最近一两年，", BASE)
    assert [(t.text, t.kind, t.value, t.approximate) for t in found] == [
        ("几十年来", "span", None, True), ("最近一两年", "span", None, True)]


@pytest.mark.parametrize("text, clock", [("中午1点", "13:00:00"), ("下午3点", "15:00:00"), ("晚上11点", "23:00:00"),
                                         ("上午11点", "11:00:00"), ("凌晨2时", "02:00:00")])
def test_part_of_day_sets_the_half_of_the_clock(text, clock):
    assert one(text).value.start.time().isoformat() == clock


def test_clock_quarters():
    assert span(one("下午三点一刻集合")) == ("2024-03-15T15:15:00", "2024-03-15T15:15:59")


@pytest.mark.parametrize("text, surface, value", [
    ("县委组织部在暑期举办青年党员训练营。", "暑期", ("2024-07-01T00:00:00", "2024-08-31T23:59:59")),
    ("今年冬季，集中开展党员冬训。", "今年冬季", ("2024-12-01T00:00:00", "2025-02-28T23:59:59")),
])
def test_seasons(text, surface, value):
    t = one(text)
    assert (t.text, span(t)) == (surface, value)


@pytest.mark.parametrize("text, surface, value", [
    ("从2020年至今，全市共选派第一书记300名。", "从2020年至今", ("2020-01-01T00:00:00", "2024-03-15T23:59:59")),
    ("值班时间为12月25日—次年1月5日。", "12月25日—次年1月5日", ("2024-12-25T00:00:00", "2025-01-05T23:59:59")),
])
def test_spans_to_now_and_across_the_new_year(text, surface, value):
    t = one(text)
    assert (t.text, t.kind, span(t)) == (surface, "span", value)


@pytest.mark.parametrize("text, surface", [("第一、二季度完成。", "第一、二季度"), ("1—2季度完成。", "1—2季度")])
def test_quarter_ranges(text, surface):
    t = one(text)
    assert (t.text, t.kind, span(t)) == (surface, "span", ("2024-01-01T00:00:00", "2024-06-30T23:59:59"))


def test_quoted_short_festival_names():
    found = extract_times("在“五一”“十一”等重要节点开展走访，“五四”精神代代相传。", BASE)
    assert [(t.text, span(t)) for t in found] == [("“五一”", day("2024-05-01")), ("“十一”", day("2024-10-01"))]


def test_compound_season_is_not_a_time():
    assert [t.text for t in extract_times("冬春季节，要组织党员冬训。", BASE)] == []


def test_dao_inside_a_word_is_not_a_deadline():
    t = one("人均收入达到2020年的两倍。")
    assert (t.text, t.kind) == ("2020年", "point")


def test_a_suffix_is_shared_across_a_list():
    found = extract_times("元旦、春节前，要普遍开展走访慰问。", date(2024, 11, 5))
    assert [(t.text, t.kind, span(t)) for t in found] == [
        ("元旦", "by", (None, "2024-12-31T23:59:59")), ("春节前", "by", (None, "2025-01-28T23:59:59"))]
    found = extract_times("中秋、国庆期间，要开展走访慰问。", date(2025, 9, 3))
    assert [span(t) for t in found] == [("2025-10-01T00:00:00", "2025-10-08T23:59:59")] * 2


@pytest.mark.parametrize("sentence, base, surface, value", [
    ("每月最后一个工作日为“党员活动日”。", date(2024, 12, 10), "每月最后一个工作日", day("2024-12-31")),
    ("每季度第一个月的10日前报送。", date(2025, 2, 20), "每季度第一个月的10日前", (None, "2025-04-10T23:59:59")),
    ("每周三下午为固定学习时间。", date(2025, 2, 20), "每周三下午", ("2025-02-26T12:00:00", "2025-02-26T17:59:59")),
    ("每年“七一”前开展评先树优。", date(2025, 6, 10), "每年“七一”前", (None, "2025-06-30T23:59:59")),
])
def test_recurring_tails(sentence, base, surface, value):
    t = one(sentence, base)
    assert (t.text, t.kind, span(t)) == (surface, "recurring", value)


def test_recurring_working_day_past_the_calendar_is_approximate():
    t = one("每月第一个工作日报送。", date(2027, 5, 10))
    assert span(t) == day("2027-06-01") and t.approximate


def test_event_named_earlier_in_the_sentence_and_its_limit():
    t = one("发生重大舆情事件后，要在1小时内报告，最迟不得超过2小时。")
    assert (t.text, t.kind, t.event, t.value) == ("1小时内", "event_relative", "发生重大舆情事件", None)
    assert [lim.text for lim in t.limits] == ["最迟不得超过2小时"]


def test_limit_does_not_reach_into_the_next_paragraph():
    t = one("事发后2小时内报告。\n会期不得超过3天。")
    assert t.limits == ()


def test_full_width_digits_keep_offsets():
    text = "各地要在２０２４年６月３０日前完成。"
    t = one(text)
    assert text[t.start:t.end] == t.text == "２０２４年６月３０日前" and span(t)[1] == "2024-06-30T23:59:59"


def test_festival_table_is_sane():
    from djnlp.timex.calendar import festival_date

    for year in range(2000, 2036):
        spring = festival_date("spring_festival", year)
        assert date(year, 1, 21) <= spring <= date(year, 2, 20)
        assert festival_date("mid_autumn", year).month in (9, 10)
    assert festival_date("spring_festival", 2036) is None


def test_seed_has_no_document_date(seed_text):
    assert find_document_date(seed_text) is None       # its dates are 20xx placeholders


# ---------------------------------------------------------------- the gold corpus as a regression test

def test_gold_corpus_accuracy_and_schema(validator):
    gold = [json.loads(line) for line in (REPO / "corpus" / "timex" / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sum(len(r["expressions"]) for r in gold) >= 220
    right = total = 0
    for rec in gold:
        found = extract_times(rec["text"], date.fromisoformat(rec["base"]))
        dicts = [t.to_dict() for t in found]
        validator.validate(dicts)
        by_span = {(d["start"], d["end"]): d for d in dicts}
        for g in rec["expressions"]:
            total += 1
            d = by_span.get((g["start"], g["end"]))
            right += d is not None and d["value"] == g["value"] and d["kind"] == g["kind"]
    assert right / total >= 0.95


def test_cli_reads_stdin():
    out = _cli("time", "-", "--base", "2024-03-15", "--json", stdin="请于9月30日前报送。")
    assert out.returncode == 0 and json.loads(out.stdout)[0]["value"]["end"] == "2024-09-30T23:59:59"


def test_years_written_earlier_in_the_text():
    found = extract_times("2019年3月5日启动试点，10日完成摸底，10月全面推开。次年，在全市推广；同年6月验收。5月召开会议。", BASE)
    got = [(t.text, span(t), t.anchor) for t in found]
    assert got == [
        ("2019年3月5日", day("2019-03-05"), "explicit"),
        ("10日", day("2019-03-10"), "explicit"),
        ("10月", ("2019-10-01T00:00:00", "2019-10-31T23:59:59"), "explicit"),
        ("次年", ("2020-01-01T00:00:00", "2020-12-31T23:59:59"), "explicit"),
        ("同年6月", ("2020-06-01T00:00:00", "2020-06-30T23:59:59"), "explicit"),
        ("5月", ("2024-05-01T00:00:00", "2024-05-31T23:59:59"), "document"),   # a new sentence: the base year
    ]


def test_recurring_with_de():
    t = one("每年的3月，开展学雷锋活动。", date(2024, 4, 2))
    assert (t.text, span(t)) == ("每年的3月", ("2025-03-01T00:00:00", "2025-03-31T23:59:59"))


@pytest.mark.parametrize("module", ["djnlp.timex", "djnlp.timex.calendar", "djnlp.timex.docdate",
                                    "djnlp.timex.extract", "djnlp.timex.lexicon", "djnlp.timex.model",
                                    "djnlp.timex.patterns", "djnlp.timex.resolve", "djnlp.timex.affixes",
                                    "djnlp.timex.draft", "djnlp.timex.compose", "djnlp.timex.events",
                                    "djnlp.timex.durations", "djnlp.timex.recurring", "djnlp.timex.assemble"])
def test_module_examples(module):
    import doctest
    import importlib

    mod = importlib.import_module(module)
    if not mod.__file__.endswith(".py"):
        pytest.skip("compiled with mypyc: doctest cannot see its examples (the pure build checks them)")
    result = doctest.testmod(mod)
    assert result.attempted > 0 and result.failed == 0


def test_long_unpunctuated_text_stays_linear():
    # no sentence end anywhere: the sentence and limit look-ups must stay bounded
    text = "要在3天内完成，事发后2小时内报告，特殊情况不超过4小时，2019年5月启动，" * 2000
    found = extract_times(text, BASE)
    assert len(found) == 6000
    assert sum(len(t.limits) for t in found) == 2000


# ---------------------------------------------------------------- rules added from the third held-out run

def test_date_with_weekday_and_clock():
    t = one("会议时间：2024年3月20日（星期三）上午9:00")
    assert (t.text, span(t), t.granularity) == (
        "2024年3月20日（星期三）上午9:00", ("2024-03-20T09:00:00", "2024-03-20T09:00:59"), "minute")


@pytest.mark.parametrize("sentence, surface, amount, unit, event", [
    ("任期届满前6个月，应当提出换届申请。", "任期届满前6个月", -6, "month", "任期届满"),
    ("会议召开前3天，将材料送达参会人员。", "会议召开前3天", -3, "day", "会议召开"),
])
def test_time_before_an_event(sentence, surface, amount, unit, event):
    t = one(sentence)
    assert (t.text, t.kind, t.value, t.duration.to_dict(), t.event) == (
        surface, "event_relative", None, {"amount": amount, "unit": unit}, event)


@pytest.mark.parametrize("text", ["要提前3天通知。", "但由于前几年连续减少赤字", "相当于前九年总和的1.6倍"])
def test_not_a_time_before_an_event(text):
    assert all(t.kind != "event_relative" for t in extract_times(text, BASE))


def test_week_range_keeps_its_week():
    assert span(one("下周二至周四开展指导。")) == ("2024-03-19T00:00:00", "2024-03-21T23:59:59")


def test_per_unit_frequencies():
    found = extract_times("要按月通报、按季考核，按年龄段统计。", BASE)
    assert [(t.text, t.kind, t.recurrence.freq) for t in found] == [("按月", "recurring", "month"),
                                                                  ("按季", "recurring", "quarter")]


def test_annual_review_year_is_not_the_action_year():
    found = extract_times("2025年度述职评议工作于1月底前完成。", date(2026, 1, 6))
    assert [(t.text, span(t)) for t in found] == [
        ("2025年度", ("2025-01-01T00:00:00", "2025-12-31T23:59:59")), ("1月底前", (None, "2026-01-31T23:59:59"))]


# ---------------------------------------------------------------- generalisation to other authors
# One group per cause found by the independent held-out author; every sentence here is new.

def found(text: str, base: date) -> list[tuple[str, str, tuple[str | None, str | None] | None]]:
    return [(t.text, t.kind, span(t) if t.value else None) for t in extract_times(text, base)]


@pytest.mark.parametrize("sentence, base, expected", [
    # cause 1: a forward-facing time after a December base is next year's
    ("各支部务必于2月15日前上交年度组织生活会会议记录。", date(2024, 12, 18),
     [("2月15日前", "by", (None, "2025-02-15T23:59:59"))]),
    ("一季度要完成全部党组织书记的集中轮训。", date(2023, 12, 6),
     [("一季度", "point", ("2024-01-01T00:00:00", "2024-03-31T23:59:59"))]),
    ("党委计划于3月中旬召开年度工作会议。", date(2022, 11, 28),
     [("3月中旬", "point", ("2023-03-11T00:00:00", "2023-03-20T23:59:59"))]),
    # ...but not when the clause reports what was done, nor when the date is still ahead
    ("2月中旬已召开全镇党员大会，部署了全年工作。", date(2024, 12, 18),
     [("2月中旬", "point", ("2024-02-11T00:00:00", "2024-02-20T23:59:59")),
      ("全年", "point", ("2024-01-01T00:00:00", "2024-12-31T23:59:59"))]),
    ("各村须于11月30日前完成公示。", date(2024, 9, 2), [("11月30日前", "by", (None, "2024-11-30T23:59:59"))]),
    ("1月中旬完成了党员信息采集。", date(2024, 12, 18), [("1月中旬", "point", ("2024-01-11T00:00:00", "2024-01-20T23:59:59"))]),
])
def test_forward_facing_time_rolls_into_next_year(sentence, base, expected):
    assert found(sentence, base) == expected


def test_rolled_year_lends_itself_to_the_rest_of_the_sentence():
    assert found("元月10日前上报述职报告，2月上旬集中点评。", date(2021, 12, 22)) == [
        ("元月10日前", "by", (None, "2022-01-10T23:59:59")),
        ("2月上旬", "point", ("2022-02-01T00:00:00", "2022-02-10T23:59:59"))]


@pytest.mark.parametrize("sentence, expected", [
    # cause 2: run-in item numbers glued to a month
    ("2.5月下旬：举办入党积极分子培训班；", [("5月下旬", "point", ("2024-05-21T00:00:00", "2024-05-31T23:59:59"))]),
    ("5．9月至10月：开展党建观摩。", [("9月至10月", "span", ("2024-09-01T00:00:00", "2024-10-31T23:59:59"))]),
    ("推进计划\n1.6月—7月：完成摸底；\n2.8月上旬：集中整改。", [
        ("6月—7月", "span", ("2024-06-01T00:00:00", "2024-07-31T23:59:59")),
        ("8月上旬", "point", ("2024-08-01T00:00:00", "2024-08-10T23:59:59"))]),
    ("1、4月上旬：开展专项检查。", [("4月上旬", "point", ("2024-04-01T00:00:00", "2024-04-10T23:59:59"))]),
    # cause 3: lists of neighbouring months are one span
    ("9、10月份集中开展发展党员“回头看”。", [("9、10月份", "span", ("2024-09-01T00:00:00", "2024-10-31T23:59:59"))]),
    ("五、六月开展支部书记述学评学。", [("五、六月", "span", ("2024-05-01T00:00:00", "2024-06-30T23:59:59"))]),
])
def test_item_numbers_and_month_lists(sentence, expected):
    assert found(sentence, BASE) == expected


def test_decimal_amount_is_not_an_item_number():
    assert found("人均增收1.5个月工资。", BASE) == []


@pytest.mark.parametrize("sentence, base, expected", [
    ("元旦春节期间，各级党组织要开展送温暖活动。", date(2024, 12, 10),
     [("元旦春节期间", "span", ("2025-01-01T00:00:00", "2025-02-04T23:59:59"))]),
    ("端午、中秋“两节”期间，严禁公款送礼。", date(2025, 5, 20),
     [("端午、中秋“两节”期间", "span", ("2025-05-31T00:00:00", "2025-10-08T23:59:59"))]),
])
def test_festivals_written_as_one_period(sentence, base, expected):
    assert found(sentence, base) == expected


@pytest.mark.parametrize("sentence, base, expected", [
    # cause 4: 前 after a bracketed weekday or a holiday word
    ("各单位于6月14日（本周五）前报送。", date(2024, 6, 11), [("6月14日（本周五）前", "by", (None, "2024-06-14T23:59:59"))]),
    ("国庆假期前，机关纪委将开展廉政提醒。", date(2024, 9, 10), [("国庆假期前", "by", (None, "2024-09-30T23:59:59"))]),
    ("春节长假前完成困难党员走访。", date(2025, 1, 6), [("春节长假前", "by", (None, "2025-01-27T23:59:59"))]),
])
def test_deadline_after_brackets_and_holidays(sentence, base, expected):
    assert found(sentence, base) == expected


@pytest.mark.parametrize("sentence, base, expected", [
    # cause 5: word-boundary traps
    ("请于本月最后一个工作日前报送党费台账。", date(2024, 9, 3), [("本月最后一个工作日前", "by", (None, "2024-09-30T23:59:59"))]),
    ("节日前后要加强值班。", date(2024, 9, 3), []),
    ("对反映的问题要及时核实。", date(2024, 9, 3), []),
    ("请于9月20日前（含当天）提交。", date(2024, 9, 3), [("9月20日前", "by", (None, "2024-09-20T23:59:59"))]),
    ("春季学期开学前，各院系完成党员组织关系转接。", date(2025, 1, 10), [("春季学期开学前", "event_relative", None)]),
])
def test_word_boundaries(sentence, base, expected):
    assert found(sentence, base) == expected


def test_congress_inside_an_event_rule():
    t = one("党的二十大闭幕后两个月内，各级党组织要完成轮训。", date(2022, 10, 25))
    assert (t.text, t.kind, t.event, t.anchor) == ("党的二十大闭幕后两个月内", "event_relative", "党的二十大闭幕", "event")
    assert span(t) == ("2022-10-22T00:00:00", "2022-12-22T23:59:59")


@pytest.mark.parametrize("sentence, base, expected", [
    # cause 6: which occurrence of a festival
    ("春节前后，不少外出务工党员返乡，支部及时组织了座谈。", date(2024, 2, 26),
     [("春节前后", "span", ("2024-02-07T00:00:00", "2024-02-13T23:59:59"))]),
    ("春节前后，支部将组织返乡党员座谈。", date(2024, 12, 26),
     [("春节前后", "span", ("2025-01-26T00:00:00", "2025-02-01T23:59:59"))]),
    ("岁末年初，要开展安全生产大检查。", date(2024, 1, 8),
     [("岁末年初", "span", ("2023-12-01T00:00:00", "2024-01-31T23:59:59"))]),
    ("春节后第一个工作日召开全县组织工作会议。", date(2024, 1, 20),
     [("春节后第一个工作日", "point", day("2024-02-18"))]),
])
def test_festival_occurrence(sentence, base, expected):
    assert found(sentence, base) == expected


@pytest.mark.parametrize("sentence, base, expected", [
    # cause 7: words the rules did not know
    ("上半月完成支部换届选举。", date(2024, 4, 2), [("上半月", "point", ("2024-04-01T00:00:00", "2024-04-15T23:59:59"))]),
    ("秋冬季要抓好农村党员冬训。", date(2024, 8, 2), [("秋冬季", "span", ("2024-09-01T00:00:00", "2025-02-28T23:59:59"))]),
    ("截至目前，全市已建成党群服务中心86个。", date(2024, 8, 2), [("截至目前", "point", day("2024-08-02"))]),
    ("整改时限为2个月，自通报之日起计算。", date(2024, 8, 2), [("时限为2个月", "event_relative", None)]),
    ("办理期限为10个工作日。", date(2024, 8, 2), [("期限为10个工作日", "within", ("2024-08-02T00:00:00", "2024-08-16T23:59:59"))]),
    ("两会期间，各地要加强舆情监测。", date(2024, 2, 20), [("两会期间", "event_relative", None)]),
    ("主汛期前，要完成党员突击队组建。", date(2024, 3, 20), [("主汛期前", "event_relative", None)]),
    ("庆祝新中国成立75周年之际，全县开展主题党日活动。", date(2024, 9, 20),
     [("新中国成立75周年之际", "point", day("2024-10-01"))]),
    ("建军95周年前夕走访慰问退役军人党员。", date(2022, 7, 20), [("建军95周年前夕", "by", (None, "2022-07-31T23:59:59"))]),
    ("每年6月30日前后开展“两优一先”评选。", date(2024, 3, 1),
     [("每年6月30日前后", "recurring", ("2024-06-27T00:00:00", "2024-07-03T23:59:59"))]),
    ("每季度一次专题党课。", date(2024, 3, 1), [("每季度一次", "recurring", None)]),
])
def test_words_from_other_authors(sentence, base, expected):
    assert found(sentence, base) == expected


def test_named_congress_occasion_is_resolved():
    t = one("党的十八大召开期间，各地要加强值班值守。", date(2012, 11, 1))
    assert (t.kind, t.event, span(t)) == ("event_relative", "十八大召开", ("2012-11-08T00:00:00", "2012-11-14T23:59:59"))


@pytest.mark.parametrize("sentence, base, surface, value", [
    # cause 8: the document's own date is the base date
    ("请在收到本方案后5个工作日内确定联络员。", date(2024, 9, 27), "收到本方案后5个工作日内",
     ("2024-09-27T00:00:00", "2024-10-10T23:59:59")),
    ("自本意见印发之日起15日内完成自查。", date(2024, 3, 1), "自本意见印发之日起15日内",
     ("2024-03-01T00:00:00", "2024-03-16T23:59:59")),
])
def test_document_anchored_rules(sentence, base, surface, value):
    t = one(sentence, base)
    assert (t.text, t.kind, t.anchor, span(t)) == (surface, "within", "document", value)


def test_event_anchored_rule_stays_unresolved():
    t = one("接到群众举报后3个工作日内核查。", date(2024, 3, 1))
    assert (t.kind, t.value, t.anchor) == ("event_relative", None, "event")


@pytest.mark.parametrize("sentence, base, expected", [
    # cause 9: figures of speech, a bare 五一, weekly recurrences
    ("少年是祖国明天的希望。", BASE, []),
    ("今天的农村已不是过去的农村。", BASE, []),
    ("明天的座谈会改在县委党校举行。", BASE, [("明天", "point", day("2024-03-16"))]),
    ("五一假期值班表于4月25日前报送。", date(2024, 4, 8), [
        ("五一假期", "span", ("2024-05-01T00:00:00", "2024-05-05T23:59:59")),
        ("4月25日前", "by", (None, "2024-04-25T23:59:59"))]),
    ("每周四下午为机关党员学习日。", BASE, [("每周四下午", "recurring", ("2024-03-21T12:00:00", "2024-03-21T17:59:59"))]),
])
def test_other_authors_false_friends(sentence, base, expected):
    assert found(sentence, base) == expected


@pytest.mark.parametrize("sentence, base, expected", [
    ("4月前完成摸底。", date(2024, 2, 1), [("4月前", "by", (None, "2024-03-31T23:59:59"))]),
    ("4月底前完成摸底。", date(2024, 2, 1), [("4月底前", "by", (None, "2024-04-30T23:59:59"))]),
    ("请于后天上午下班前反馈。", date(2024, 2, 1), [("后天上午下班前", "by", (None, "2024-02-03T11:59:59"))]),
    ("3月1日以后提交的不再受理。", date(2024, 2, 1), [("3月1日以后", "span", ("2024-03-01T00:00:00", None))]),
])
def test_conventions(sentence, base, expected):
    assert found(sentence, base) == expected


@pytest.mark.parametrize("sentence, base, expected", [
    ("一个半月内完成村级班子分析研判。", date(2024, 3, 15), [("一个半月内", "within", ("2024-03-15T00:00:00", "2024-04-30T23:59:59"))]),
    ("本细则自印发之日起施行。", date(2024, 3, 15), [("自印发之日起施行", "span", ("2024-03-15T00:00:00", None))]),
    ("今明两年要完成全部软弱涣散村整顿。", date(2024, 3, 15), [("今明两年", "span", ("2024-01-01T00:00:00", "2025-12-31T23:59:59"))]),
    ("5月底6月初召开党代表大会。", date(2024, 3, 15), [("5月底6月初", "span", ("2024-05-21T00:00:00", "2024-06-10T23:59:59"))]),
    ("国庆假期结束后3个工作日内报送值班情况。", date(2024, 9, 20),
     [("国庆假期结束后3个工作日内", "event_relative", ("2024-10-08T00:00:00", "2024-10-10T23:59:59"))]),
    ("中秋节前后走访慰问，节后2日内报送名单。", date(2024, 9, 2), [
        ("中秋节前后", "span", ("2024-09-14T00:00:00", "2024-09-20T23:59:59")),
        ("节后2日内", "event_relative", ("2024-09-18T00:00:00", "2024-09-19T23:59:59"))]),
    ("节后2日内报送名单。", date(2024, 9, 2), [("节后2日内", "event_relative", None)]),
    ("国庆长假后第一天召开收心会。", date(2024, 9, 20), [("国庆长假后第一天", "point", day("2024-10-08"))]),
    ("党的二十届三中全会召开后，全县迅速兴起学习热潮。", date(2024, 8, 1),
     [("党的二十届三中全会召开后", "event_relative", ("2024-07-16T00:00:00", None))]),
    ("学期末开展学生党员民主评议。", date(2024, 9, 2), [("学期末", "event_relative", None)]),
])
def test_more_phrasings_of_other_writers(sentence, base, expected):
    assert found(sentence, base) == expected


def test_that_day_counts_from_the_day_written_before():
    assert found("7月3日上午召开推进会，当天下午分组讨论，次日到村观摩。", date(2024, 7, 10)) == [
        ("7月3日上午", "point", ("2024-07-03T08:00:00", "2024-07-03T11:59:59")),
        ("当天下午", "point", ("2024-07-03T12:00:00", "2024-07-03T17:59:59")),
        ("次日", "point", day("2024-07-04"))]
    assert found("当天下午召开座谈会。", date(2024, 7, 10)) == [
        ("当天下午", "point", ("2024-07-10T12:00:00", "2024-07-10T17:59:59"))]


@pytest.mark.parametrize("sentence, expected", [
    ("上世纪80年代，该村就建立了党支部。", [("上世纪80年代", "point", ("1980-01-01T00:00:00", "1989-12-31T23:59:59"))]),
    ("九十年代末，村办企业陆续改制。", [("九十年代末", "point", ("1997-01-01T00:00:00", "1999-12-31T23:59:59"))]),
    ("下半年以来，全县共处置舆情12起。", [("下半年以来", "span", ("2024-07-01T00:00:00", "2024-11-20T23:59:59"))]),
    ("11月20日（今天）上午召开会议。", [("11月20日（今天）上午", "point", ("2024-11-20T08:00:00", "2024-11-20T11:59:59"))]),
    ("我国同日本的交流不断扩大。", []),
])
def test_decades_and_restated_days(sentence, expected):
    assert found(sentence, date(2024, 11, 20)) == expected


@pytest.mark.parametrize("sentence, expected", [
    ("6月30日前各地要完成换届。", (None, "2026-06-30T23:59:59")),      # a plan word: a deadline passed months ago is next year's
    ("6月30日前完成换届。", (None, "2025-06-30T23:59:59")),            # a bare deadline: this year's is nearer
    ("11月20日前，各地要报送总结。", (None, "2025-11-20T23:59:59")),    # within a month's slack: a late document
])
def test_plan_words_push_a_passed_time_to_next_year(sentence, expected):
    assert span(one(sentence, date(2025, 12, 16))) == expected


def test_time_of_day_is_shared_by_a_list_of_days():
    assert found("定于4月9日、4月16日上午开展集中学习。", date(2025, 4, 1)) == [
        ("4月9日", "point", ("2025-04-09T08:00:00", "2025-04-09T11:59:59")),
        ("4月16日上午", "point", ("2025-04-16T08:00:00", "2025-04-16T11:59:59"))]


@pytest.mark.parametrize("sentence, base, expected", [
    # a rolled year is not lent to a later month of the sentence that is still ahead this year
    ("镇财政所要在1月20日前完成村级财务结账，12月31日前完成本年度账务核对。", date(2025, 12, 19),
     [("1月20日前", "by", (None, "2026-01-20T23:59:59")), ("12月31日前", "by", (None, "2025-12-31T23:59:59")),
      ("本年度", "point", ("2025-01-01T00:00:00", "2025-12-31T23:59:59"))]),
    # 当天 / 当日 after a festival or a date is the day itself, one expression
    ("元旦当天，县委组织部领导带队慰问了坚守岗位的基层干部。", date(2025, 1, 8),
     [("元旦当天", "point", ("2025-01-01T00:00:00", "2025-01-01T23:59:59"))]),
    # 放假期间 / 假期期间 after a festival: its statutory holiday
    ("端午节放假期间，值班人员须保持通讯畅通。", date(2025, 5, 20),
     [("端午节放假期间", "span", ("2025-05-31T00:00:00", "2025-06-02T23:59:59"))]),
    ("国庆假期期间暂停集中性选举活动。", date(2026, 8, 26),
     [("国庆假期期间", "span", ("2026-10-01T00:00:00", "2026-10-07T23:59:59"))]),
    # a bare clock time belongs to the day written earlier in its sentence
    ("培训定于6月5日上午9:00在县委党校举行，8:30前完成签到。", date(2025, 5, 20),
     [("6月5日上午9:00", "point", ("2025-06-05T09:00:00", "2025-06-05T09:00:59")),
      ("8:30前", "by", (None, "2025-06-05T08:30:00"))]),
    # a festival of the last month, named without tense, is the one just past; older ones are next year's
    ("元旦假期3天里，机关党员志愿者服务群众600余人次。", date(2026, 1, 20),
     [("元旦假期", "span", ("2026-01-01T00:00:00", "2026-01-03T23:59:59"))]),
    ("元旦假期组织志愿服务。", date(2026, 3, 10),
     [("元旦假期", "span", ("2027-01-01T00:00:00", "2027-01-01T23:59:59"))]),
    # 日前 before a number counts back from a named day; it is not "a few days ago"
    ("选举日前5天，村选举委员会要公布正式候选人名单。", date(2026, 8, 26), []),
])
def test_second_heldout_round_fixes(sentence, base, expected):
    assert found(sentence, base) == expected


@pytest.mark.parametrize("sentence, surface, event", [
    ("各村如遇选举纠纷，须在当日报告乡换届办。", "当日", "选举纠纷"),                 # a condition opens the sentence
    ("分管领域出现党员违纪问题的，分管领导须在5个工作日内报告。", "5个工作日内", "出现党员违纪问题"),
])
def test_a_condition_makes_the_time_count_from_its_event(sentence, surface, event):
    t = one(sentence)
    assert (t.text, t.kind, t.value, t.event) == (surface, "event_relative", None, event)


def test_without_a_condition_the_same_words_count_from_the_document():
    assert one("各单位须在5个工作日内报送名单。").kind == "within"
    assert one("符合条件的，在30日内拨付到位。").kind == "within"          # 的 without an event word
