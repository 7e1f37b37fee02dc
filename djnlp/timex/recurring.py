"""Recurring expressions: 每月28日前, 每季度末, 每周三下午, 每年“七一”前, 按月 — the frequency and the
next occurrence from the base date.

>>> from datetime import date
>>> from djnlp.timex import extract_times
>>> t = extract_times("每月10日前报送", date(2024, 3, 15))[0]
>>> t.recurrence.freq, t.value.end.date().isoformat()
('month', '2024-04-10')
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from djnlp.timex.affixes import affix, match_suffix
from djnlp.timex.calendar import add_months, month_workday
from djnlp.timex.draft import Draft, around_window, deadline_before, interval_of
from djnlp.timex.lexicon import lexicon, to_number
from djnlp.timex.model import GRANULARITIES, Interval, Recurrence
from djnlp.timex.patterns import DAY, QUOTE_CLOSE, QUOTE_OPEN, Candidate
from djnlp.timex.resolve import Context, Invalid, Resolved, days, number, resolve

# Candidate families that may follow 每<unit> as the point it repeats at (每年 + 6月, 每月 + 28日).
_REC_TAIL = {"year": ("year", "month", "quarter", "ypart", "festival"), "month": ("day",), "day": ("clock",)}
# Short tails written straight after the unit (每季度末, 每月底, 每周三下午, 每季度第一个月的10日).
@lru_cache(maxsize=1)
def _short_tails() -> dict[str, re.Pattern[str]]:
    lx = lexicon()
    parts = "|".join(sorted(lx["day_parts"], key=len, reverse=True))
    month_in = rf"(?:第[一二三四五六]|最后一)个月(?:的?(?:{DAY})[日号])?"
    return {name: re.compile(p) for name, p in {
        "year": r"年底|年末|年初|年中|底|末|初",
        "half": rf"{month_in}|末|底|初",
        "quarter": rf"{month_in}|末|初|中",
        "month": r"(?:第一|最后一)个工作日|上旬|中旬|下旬|初|中|底|末",
        "week": rf"末|[一二三四五六日天](?![次遍期天日年个])(?:{parts})?",
    }.items()}


def recurring_draft(c: Candidate, nxt: Candidate | None, folded: str, ctx: Context) -> tuple[Draft, bool]:
    """A recurring expression, consuming ``nxt`` as its tail when it belongs (每月 + 28日前)."""
    g = c.groups
    if "rword" in g:
        return Draft(c.start, c.end, "recurring", None, None, None, recurrence=Recurrence(None, 1),
                      note="frequency without a fixed period"), False
    freq, per = lexicon()["recurring"]["units"][g["runit"]]
    count = to_number(g["rn"]) if "rn" in g else 1
    interval = int(per * (count or 1))
    end, at, value, granularity, consumed, approximate = c.end, None, None, None, False, False
    occurrence: Resolved | None = None
    short = _short_tails()[freq].match(folded, end) if freq in _short_tails() else None
    if folded.startswith("的", end) and nxt is not None and nxt.start == end + 1:    # 每年的3月
        end += 1
    quoted = folded[end:end + 1] in QUOTE_OPEN           # 每年“七一”前
    if nxt is not None and nxt.start == end + quoted and nxt.family in _REC_TAIL.get(freq, ()):
        tail_end = nxt.end + (quoted and folded[nxt.end:nxt.end + 1] in QUOTE_CLOSE)
        at, end, consumed = folded[end:tail_end], tail_end, True
        if occurrence := _next_occurrence(nxt, freq, ctx):
            value, granularity = interval_of(occurrence), occurrence.granularity
    elif short:
        at = short.group(0)
        end += len(at)
        if ctx.base is not None:
            value, granularity, approximate = _short_occurrence(at, freq, ctx.base)
    if at and (around := match_suffix(folded, end, affix("around_suffix"))):     # 每年7月1日前后
        end += len(around)
        at += around
        if occurrence is not None:
            value, _ = around_window(occurrence)
            approximate = True
    elif at and (by := match_suffix(folded, end, affix("by_suffix"))):
        end += len(by)
        at += by
        if occurrence is not None:
            value = deadline_before(occurrence)
        elif value is not None:
            value = Interval(None, value.end)
    if folded.startswith(("一次", "1次"), end):           # 每半年一次: the count belongs to the frequency
        end += 2
    note: str | None
    if at is None:
        note = "frequency only: no point in the period to resolve"
    else:
        note = None if value else "next occurrence needs a base date"
    if granularity is None and at is None and freq in GRANULARITIES:
        granularity = freq
    if approximate and at is not None and not at.endswith(("前后", "左右")):
        note = "working days past chinese-calendar's data counted as Monday–Friday"
    return Draft(c.start, end, "recurring", value, granularity, "document" if at else None, approximate,
                  recurrence=Recurrence(freq, interval, at), note=note), consumed


def _next_occurrence(tail: Candidate, freq: str, ctx: Context) -> Resolved | None:
    """The tail's first occurrence ending on or after the base date (this period or the next);
    None without a base date."""
    base = ctx.base
    if base is None:
        return None
    for step in range(3):
        if freq == "year":
            sub = replace(ctx, year=base.year + step, month=1, year_explicit=False)
        else:
            moved = add_months(base.replace(day=1), step)
            sub = replace(ctx, year=moved.year, month=moved.month, year_explicit=False)
        try:
            r = resolve(tail, sub)
        except Invalid:
            continue
        if r.last is not None and r.last.date() >= base:
            return r
    return None


def _period(freq: str, base: date, step: int) -> tuple[date, date]:
    """First and last day of the ``freq`` period containing ``base``, moved ``step`` periods on."""
    if freq == "week":
        monday = base - timedelta(days=base.weekday()) + timedelta(weeks=step)
        return monday, monday + timedelta(days=6)
    months = {"year": 12, "half": 6, "quarter": 3, "month": 1}[freq]
    index = (base.month - 1) // months + step
    first = add_months(date(base.year, 1, 1), index * months)
    last = add_months(first, months) - timedelta(days=1)
    return first, last


def _short_occurrence(at: str, freq: str, base: date) -> tuple[Interval | None, str | None, bool]:
    """Next occurrence (this period or one of the next two) of a short tail (末, 底, 下旬, 三下午,
    第一个月的10日, 最后一个工作日 …) of a ``freq`` period: (interval, granularity, approximate)."""
    for step in range(3):
        first, last = _period(freq, base, step)
        found = _tail_in_period(at, freq, first, last)
        if found is None:
            return None, None, False
        lo, hi, gran, approximate = found
        if hi.date() >= base:
            return Interval(lo, hi), gran, approximate
    return None, None, False


def _tail_in_period(at: str, freq: str, first: date, last: date) -> tuple[datetime, datetime, str, bool] | None:
    """Where the short tail ``at`` falls in the period ``first``..``last``."""
    lx = lexicon()
    if freq == "week":
        if at == "末":
            return *days(first + timedelta(days=5), last), "day", False
        day = first + timedelta(days=lx["weekdays"][at[0]] - 1)
        if len(at) > 1:                                    # 每周三下午
            h1, h2 = lx["day_parts"][at[1:]]
            return datetime.combine(day, time(h1)), datetime.combine(day, time(h2, 59, 59)), "hour", False
        return *days(day, day), "day", False
    if freq == "month":
        if at.endswith("工作日"):
            day, approximate = month_workday(first.year, first.month, last=at.startswith("最后"))
            return *days(day, day), "day", approximate
        d1, d2 = lx["month_parts"][at]["days"]
        return *days(first.replace(day=min(d1, last.day)), first.replace(day=min(d2, last.day))), "xun", False
    if freq == "year":
        m1, m2 = lx["year_parts"][at if at in lx["year_parts"] else "年" + at]["months"]
        return *days(add_months(first, m1 - 1), add_months(first, m2) - timedelta(days=1)), "month", False
    months = 6 if freq == "half" else 3                    # half or quarter
    nth = re.match(r"(?:第(?P<n>[一二三四五六])|(?P<last>最后一))个月(?:的?(?P<d>.+?)[日号])?$", at)
    if nth:
        a = b = months if nth["last"] else number(nth["n"])
    else:
        a, b = {"初": (1, 1), "中": (2, 2), "末": (months, months), "底": (months, months)}[at]
    if b > months:
        return None
    lo, hi = add_months(first, a - 1), add_months(first, b) - timedelta(days=1)
    if nth and nth["d"]:                                   # 每季度第一个月的10日
        day_no = number(nth["d"])
        if day_no > hi.day:
            return None
        return *days(lo.replace(day=day_no), lo.replace(day=day_no)), "day", False
    return *days(lo, hi), "month", False


def per_unit_draft(c: Candidate) -> Draft:
    """按月 / 按季: a frequency with no point to resolve."""
    freq, per = lexicon()["recurring"]["units"][c.groups["runit"]]
    return Draft(c.start, c.end, "recurring", None, freq if freq in GRANULARITIES else None, None,
                 recurrence=Recurrence(freq, int(per)), note="frequency only: no point in the period to resolve")
