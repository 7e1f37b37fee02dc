"""Which time expression of a clause is its deadline, and which its recurrence.

Preference: a completion limit (6月底前, 年内, 一个月内), then an event-relative limit
(事发后6小时内), then the time of the action (5月中旬, 下半年), then a vague time (近期, 届时).

>>> from datetime import date
>>> from djnlp.timex import extract_times
>>> text = "12月起启动冬训，各党委要在11月25日前报送方案"
>>> deadline, _ = pick_deadline(extract_times(text, date(2023, 2, 28)), date(2023, 2, 28), text)
>>> deadline.text
'11月25日前'
"""
from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import Final, Sequence

from djnlp.clean import CleanText
from djnlp.tasks.lexicon import lexicon
from djnlp.tasks.modality import STATEMENT, find_cues, first_of, last_of
from djnlp.timex import Interval, TimeExpression

RANK: Final = {"by": 0, "within": 0, "event_relative": 1, "point": 2, "span": 2, "vague": 3}
_JOINERS: Final = ("、", "和", "及")
_LOOKING_BACK: Final = ("以来", "至今")          # 2023年以来的用车记录: a span up to now, not a deadline


def is_past(expr: TimeExpression, base: date | None) -> bool:
    """True if the expression ends before ``base`` (去年8月 in a 2006 speech)."""
    if base is None or expr.value is None or expr.value.end is None:
        return False
    return expr.value.end.date() < base


def _in_list(t: TimeExpression, times: Sequence[TimeExpression], text: str) -> bool:
    """True for a time in an enumeration (元旦、春节、国庆等): occasions, not one deadline."""
    return any(o is not t and (text[o.end : t.start] in _JOINERS or text[t.end : o.start] in _JOINERS) for o in times)


def in_statement(masked: str, pos: int) -> bool:
    """True if ``pos`` sits in a comma-chunk that states a fact (…是今年的重点, …发挥了作用) and
    holds no modal word: a time there is not the task's deadline."""
    start = last_of(masked, "，,；;", pos) + 1
    end = first_of(masked, "，,；;。", pos)
    chunk = masked[start : end if end >= 0 else len(masked)]
    return bool(STATEMENT.search(chunk)) and not find_cues(chunk)


def _recurring_limit(t: TimeExpression) -> bool:
    """每月25日前, 每年12月20日前: a recurring limit — its next occurrence ranks with the limits
    (above 当月 in 报送当月工作进展)."""
    return t.kind == "recurring" and t.value is not None and t.text.endswith(("前", "内"))


def pick_deadline(
    times: Sequence[TimeExpression], base: date | None, text: str
) -> tuple[TimeExpression | None, TimeExpression | None]:
    """(deadline, recurrence) among the time expressions of one clause (offsets into ``text``).

    A recurring time (每月5日前) is the recurrence; its next occurrence is the deadline when the
    clause has no other limit (a recurring limit outranks a plain point or span).  Manner words (及时, 适时), past times, open starts (12月起) and
    enumerated occasions and spans up to now (2023年以来) are never deadlines.
    """
    if not times:
        return None, None
    recurrence = next((t for t in times if t.kind == "recurring"), None)
    manner = lexicon().not_deadlines
    candidates = [
        t for t in times
        if (t.kind in RANK or _recurring_limit(t)) and not is_past(t, base) and t.text not in manner
        and not t.text.endswith(_LOOKING_BACK)
        and not (t.value is not None and t.value.end is None) and not _in_list(t, times, text)
    ]
    candidates.sort(key=lambda t: (RANK.get(t.kind, 0), t.start))
    if candidates:
        return candidates[0], recurrence
    if recurrence is not None and recurrence.value is not None:
        return recurrence, recurrence
    return None, recurrence


def as_limit(expr: TimeExpression) -> TimeExpression:
    """A 完成时限 field (2024年12月底) read as a limit: "by" the end of the time given."""
    if expr.value is not None and expr.kind in ("point", "span"):
        return replace(expr, kind="by", value=Interval(None, expr.value.end))
    return expr


def to_original(ct: CleanText, expr: TimeExpression) -> TimeExpression:
    """The expression with its offsets (and its limits') moved from ``ct.text`` to the original."""
    start, end = ct.to_original(expr.start, expr.end)
    limits = tuple(replace(lim, start=ct.to_original(lim.start, lim.end)[0], end=ct.to_original(lim.start, lim.end)[1])
                   for lim in expr.limits)
    return replace(expr, start=start, end=end, limits=limits)
