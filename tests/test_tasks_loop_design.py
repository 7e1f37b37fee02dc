"""extract_tasks after the speed work: per-clause facts found once for the whole text.

The loop over clauses looks up which clauses hold a time, a colon (field notes 牵头单位：…,
finding labels 问题1：…) or a question mark by clause index (``_ClauseIndex``) instead of testing
each clause; these tests check the index against the per-clause answers on the seed and on a
written 工作要点 with field notes, a finding row and a question, and that the tasks it yields
are the expected ones.
"""
from __future__ import annotations

from datetime import date

from djnlp.clean import clean
from djnlp.tasks import extract_tasks
from djnlp.tasks.clauses import split_clauses
from djnlp.tasks.extract import _ClauseIndex
from djnlp.timex import extract_times

PLAN = """2024年全县党建工作要点

一、加强基层组织建设
1. 年内完成村（社区）党组织书记轮训，各乡镇党委要在6月底前报送培训计划。
（牵头单位：县委组织部；配合单位：县委党校、县财政局；完成时限：2024年9月）
2. 各乡镇要在10月底前完成软弱涣散村党组织整顿，整顿情况于11月5日前报县委组织部。
3. 7月1日前后组织开展主题党日，8月上旬至9月中旬开展一轮回头看。
问题1：部分村党组织书记年龄偏大，后备力量不足。
整改措施：各乡镇要在年底前为每个村储备2名以上后备干部。
二、有关要求
各单位是否已按要求落实？请各单位于每季度末报送工作进展。
"""


def _index(text: str) -> tuple[list, _ClauseIndex, list]:
    times = sorted(extract_times(text, base=date(2024, 3, 15)), key=lambda t: t.start)
    found = split_clauses(text, time_spans=tuple((t.start, t.end) for t in times))
    return found, _ClauseIndex(found), times


def test_clause_index_agrees_with_testing_each_clause(seed_text):
    for text in (clean(seed_text).text, clean(PLAN).text):
        found, index, times = _index(text)
        pieces = [text[c.start : c.end] for c in found]
        assert index.holding("：:", text) == {i for i, p in enumerate(pieces) if "：" in p or ":" in p}
        assert index.holding("？?", text) == {i for i, p in enumerate(pieces) if "？" in p or "?" in p}
        grouped = index.group(times)
        for i, c in enumerate(found):
            inside = [t for t in times if c.start <= t.start < c.end and t.end <= c.end]
            assert grouped.get(i, []) == inside
        assert any(len(v) > 1 for v in grouped.values())        # 7月1日前后 … 8月上旬至9月中旬 in one clause


def test_clause_index_places_offsets_in_clauses_and_gaps():
    text = clean(PLAN).text
    found, index, _ = _index(text)
    first, second = found[0], found[1]
    assert index.of(first.start, first.end) == 0
    assert index.of(second.start + 1, second.end) == 1
    assert index.of(first.start, second.end) is None           # a span over two clauses
    gap = next(c.end for c, d in zip(found, found[1:]) if c.end < d.start)
    assert index.of(gap, gap + 1) is None                      # a line break between clauses
    assert index.holding("＃", text) == set()


def test_field_notes_findings_and_questions_found_by_index():
    tasks = extract_tasks(PLAN, base=date(2024, 3, 15))
    texts = [t.text for t in tasks]
    training = next(t for t in tasks if t.text.startswith("年内完成村（社区）党组织书记轮训"))
    assert training.lead == ("县委组织部",) and training.support == ("县委党校", "县财政局")
    assert training.actors[0] == "县委组织部" and training.deadline.text == "年内"
    plan = next(t for t in tasks if t.text.startswith("各乡镇党委要在6月底前"))    # its own subject and limit
    assert plan.actors[0] == "各乡镇党委" and plan.deadline.text == "6月底前"
    assert not any("牵头单位" in t for t in texts)               # the note is no task of its own
    assert not any("后备力量不足" in t for t in texts)             # 问题1：… states a finding
    reserve = next(t for t in tasks if "储备2名以上后备干部" in t.text)
    assert reserve.actors == ("各乡镇",) and reserve.deadline.text == "年底前"
    assert not any("是否已按要求落实" in t for t in texts)         # a question asks, orders nothing
    report = next(t for t in tasks if t.text.startswith("请各单位"))
    assert report.actors == ("各单位",) and report.recurrence is not None
