"""Durations: 5个工作日内, 两年内, 用3年时间 (within), 近3年来 / 今后五年 (spans), and moving a time by one.

>>> from datetime import date
>>> from djnlp.timex import extract_times
>>> extract_times("3天内完成", date(2024, 3, 15))[0].value.end.isoformat()
'2024-03-18T23:59:59'
"""
from __future__ import annotations

from datetime import datetime, time, timedelta

from djnlp.timex.calendar import add_months, add_workdays
from djnlp.timex.draft import Draft, base_end, duration_of
from djnlp.timex.events import event_in_sentence
from djnlp.timex.lexicon import lexicon
from djnlp.timex.model import Duration, Interval
from djnlp.timex.patterns import Candidate
from djnlp.timex.resolve import END_OF_DAY, Context


def _shift(moment: datetime, d: Duration, sign: int = 1) -> tuple[datetime, bool]:
    """``moment`` moved by the duration; flag True when working days had to be approximated."""
    amount = d.amount
    if d.unit == "workday":
        day, approx = add_workdays(moment.date(), sign * int(amount))
        return datetime.combine(day, moment.time()), approx
    if d.unit in ("month", "year"):
        months = amount * (12 if d.unit == "year" else 1)
        whole = int(months)
        moved = add_months(moment.date(), sign * whole)
        extra = timedelta(days=round((months - whole) * 30))
        return datetime.combine(moved + sign * extra, moment.time()), False
    step = {"day": timedelta(days=1), "week": timedelta(weeks=1), "hour": timedelta(hours=1),
            "minute": timedelta(minutes=1)}[d.unit]
    return moment + sign * amount * step, False


def duration_draft(c: Candidate, ctx: Context, text: str) -> Draft:
    d = duration_of(c)
    g = c.groups
    past = g.get("dpre") in lexicon()["duration"]["past_prefix"] or g.get("dsuf") in ("来", "以来")
    within = g.get("dsuf") in ("内", "以内", "之内", *lexicon()["duration"]["use_suffix"])
    fine = d.unit in ("hour", "minute")
    granularity = d.unit if fine else "day"
    kind = "within" if within and not past else "span"
    trigger = event_in_sentence(text, c.start)
    if within and not past and trigger is not None:
        return Draft(c.start, c.end, "event_relative", None, granularity, "event", duration=d, event=trigger,
                      note="relative to the event named earlier in the sentence, not to the document date")
    if ctx.base is None or d.amount is None:
        return Draft(c.start, c.end, kind, None, granularity, "document", approximate=d.amount is None, duration=d)
    origin = ctx.base_time if fine else datetime.combine(ctx.base, time())
    if past:
        moved, approx = _shift(origin, d, -1)
        value = Interval(moved, base_end(ctx))
    else:
        moved, approx = _shift(origin, d, 1)
        value = Interval(origin, moved if fine else datetime.combine(moved.date(), END_OF_DAY))
    note = "working days past chinese-calendar's data counted as Monday–Friday" if approx else None
    return Draft(c.start, c.end, kind, value, granularity, "document", approx, note, duration=d)
