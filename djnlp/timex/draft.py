"""The mutable draft of a time expression while neighbours are combined, and interval helpers.

>>> from datetime import datetime
>>> from djnlp.timex.resolve import Resolved
>>> r = Resolved(datetime(2024, 10, 1), datetime(2024, 10, 1, 23, 59, 59), "day", "document", festival=True)
>>> deadline_before(r).end.isoformat()        # 国庆节前: the day before the festival
'2024-09-30T23:59:59'
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from djnlp.timex.calendar import add_months, add_workdays
from djnlp.timex.lexicon import lexicon, to_number
from djnlp.timex.model import Duration, Interval, Limit, Recurrence
from djnlp.timex.patterns import Candidate
from djnlp.timex.resolve import END_OF_DAY, Context, Resolved


@dataclass
class Draft:
    """A time expression being built: the fields of a TimeExpression plus what combining needs."""

    start: int
    end: int
    kind: str
    value: Interval | None
    granularity: str | None
    anchor: str | None
    approximate: bool = False
    note: str | None = None
    duration: Duration | None = None
    recurrence: Recurrence | None = None
    event: str | None = None
    limits: tuple[Limit, ...] = ()
    resolved: Resolved | None = None      # the calendar reading, kept for sharing suffixes
    suffix: str | None = None             # class of the suffix applied (by, during …)


def interval_of(r: Resolved) -> Interval | None:
    """The resolved interval, or None."""
    return Interval(r.first, r.last) if r.resolved else None


def base_end(ctx: Context) -> datetime | None:
    """The last second of the base day (where 以来 / 近3年来 spans end)."""
    return datetime.combine(ctx.base, END_OF_DAY) if ctx.base else None


def around_window(r: Resolved) -> tuple[Interval | None, str]:
    """(interval, kind) for '<r>前后/左右': a day widens by ``around_days`` either side; coarser stays."""
    if r.first is None or r.last is None:
        return None, "span"
    if r.granularity in ("day",):
        n = timedelta(days=lexicon()["festival_options"]["around_days"])
        return Interval(r.first - n, r.last + n), "span"
    return Interval(r.first, r.last), "point"


def deadline_before(r: Resolved) -> Interval | None:
    """Deadline interval for '<r>前': through r's end, or the day before a festival."""
    if r.first is None or r.last is None:
        return None
    if r.festival:
        return Interval(None, datetime.combine(r.first.date() - timedelta(days=1), END_OF_DAY))
    if r.granularity in ("hour", "minute"):      # 下午5点前: before five o'clock
        return Interval(None, r.first)
    return Interval(None, r.last)


def shift(moment: datetime, d: Duration, sign: int = 1) -> tuple[datetime, bool]:
    """``moment`` moved by the duration; flag True when working days had to be approximated.
    The duration must have an amount (几天 has none: it moves nothing)."""
    amount = d.amount
    if amount is None:
        raise ValueError(f"no amount to move by: {d}")
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


def forward(origin: datetime, d: Duration) -> tuple[Interval, bool]:
    """``origin`` .. ``origin`` + the duration (to the end of that day unless counted in hours or minutes);
    flag True when working days had to be approximated."""
    moved, approx = shift(origin, d, 1)
    if d.unit in ("hour", "minute"):
        return Interval(origin, moved), approx
    return Interval(origin, datetime.combine(moved.date(), END_OF_DAY)), approx


def duration_of(c: Candidate) -> Duration:
    """The duration a candidate writes (5个工作日 → 5 workday, 半年 → 6 month; 几天 → amount None)."""
    unit, per = lexicon()["duration_units"][c.groups["unit"]]
    amount = to_number(c.groups["n"])
    if amount is not None and c.groups["unit"].startswith("个半"):     # 一个半月 = 1.5 months
        amount += 0.5
    return Duration(amount * per if amount is not None else None, unit)
