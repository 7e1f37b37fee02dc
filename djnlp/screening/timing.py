"""When did the event happen, and how long after it was the item submitted?

The event time comes from metadata when given; otherwise from the first full date (month and
day) in the body that is not after the submission, read by ``djnlp.timex`` against the
submission date. A date without a clock time is taken at the end of that day, so the delay
is never overstated (and the advice says the hour is missing).

>>> from datetime import datetime
>>> delay_hours(datetime(2026, 3, 5, 14), datetime(2026, 3, 5, 21, 30))
7.5
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from djnlp.screening.features import Features
from djnlp.screening.result import Evidence


@dataclass(frozen=True)
class EventTime:
    """The event time used for 报送快, where it came from, and how precise it is."""

    at: datetime
    origin: str  # "metadata" | "text"
    precise: bool  # False when the text gave only a day
    evidence: Evidence | None = None


def delay_hours(event: datetime | None, submitted: datetime | None) -> float | None:
    """Hours from event to submission (aware and naive times compared as wall-clock times)."""
    if event is None or submitted is None:
        return None
    if (event.tzinfo is None) != (submitted.tzinfo is None):
        event, submitted = event.replace(tzinfo=None), submitted.replace(tzinfo=None)
    return (submitted - event).total_seconds() / 3600


def find_event_time(f: Features, event_at: datetime | None, submitted_at: datetime | None) -> EventTime | None:
    """The event time from metadata, else from the text (see module docstring)."""
    if event_at is not None:
        return EventTime(event_at, "metadata", True)
    try:
        from djnlp.timex import extract_times
    except ImportError:
        return _from_date_hits(f, submitted_at)
    base = submitted_at.date() if submitted_at else None
    body = f.view[f.body_start:]
    limit = submitted_at.replace(tzinfo=None) if submitted_at else None
    for tx in extract_times(body, base):
        found = _point(tx)
        if found is None:
            continue
        at, precise = found
        if limit is not None and at > limit + timedelta(hours=1):
            continue  # a plan or deadline, not the event
        s, e = tx.start + f.body_start, tx.end + f.body_start
        note = "事件时间" if precise else "事件时间（仅精确到日）"
        return EventTime(at, "text", precise, f.evidence(s, e, note))
    return None


_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def _num(text: str) -> int:
    """12 / 十二 / 二十三 → int (small numbers only)."""
    if text.isdigit():
        return int(text)
    if "十" in text:
        tens, _, ones = text.partition("十")
        return (_CN_DIGITS.get(tens, 1) if tens else 1) * 10 + (_CN_DIGITS.get(ones, 0) if ones else 0)
    return int("".join(str(_CN_DIGITS[c]) for c in text if c in _CN_DIGITS) or 0)


_PARTS = re.compile(
    r"(?:(?P<y>\d{4}|[零〇一二三四五六七八九]{4})年)?(?P<m>[\d零一二三四五六七八九十]{1,3})月"
    r"(?:(?P<d>[\d零一二三四五六七八九十]{1,3})[日号])"
    r"(?:(?P<pod>凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|夜间|夜里|晚)?(?P<h>[\d零一二三四五六七八九十]{1,3})[时点]"
    r"(?:(?P<mi>[\d零一二三四五六七八九十]{1,3})分|(?P<half>半))?)?")


def _from_date_hits(f: Features, submitted_at: datetime | None) -> EventTime | None:
    """Fallback when djnlp.timex is not installed: the explicit dates found by the scanner."""
    year = (submitted_at or datetime.now()).year
    limit = submitted_at.replace(tzinfo=None) if submitted_at else None
    for s, e, text in f.hits["date"]:
        if s < f.body_start:
            continue
        m = _PARTS.match(text)
        if not m:
            continue
        try:
            day = date(_num(m["y"]) if m["y"] else year, _num(m["m"]), _num(m["d"]))
        except ValueError:
            continue
        if m["h"]:
            hour = _num(m["h"]) + (12 if m["pod"] in ("下午", "傍晚", "晚上", "夜间", "夜里", "晚") and _num(m["h"]) < 12 else 0)
            minute = _num(m["mi"]) if m["mi"] else (30 if m["half"] else 0)
            at, precise = datetime.combine(day, time(min(hour, 23), min(minute, 59))), True
        else:
            at, precise = datetime.combine(day, time(23, 59)), False
        if limit is not None and not m["y"] and at > limit + timedelta(days=1):
            at = at.replace(year=at.year - 1)
        if limit is not None and at > limit + timedelta(hours=1):
            continue
        note = "事件时间" if precise else "事件时间（仅精确到日）"
        return EventTime(at, "text", precise, f.evidence(s, e, note))
    return None


def _point(tx: object) -> tuple[datetime, bool] | None:
    """(moment, has clock time) for a time expression naming one day or a moment in it."""
    value = getattr(tx, "value", None)
    granularity = str(getattr(tx, "granularity", ""))
    if value is None or granularity not in ("day", "hour", "minute", "second", "part_of_day"):
        return None
    start = getattr(value, "start", None)
    end = getattr(value, "end", None)
    if isinstance(start, datetime):
        precise = granularity in ("hour", "minute", "second")
        if precise:
            return start.replace(tzinfo=None), True
        last = end if isinstance(end, datetime) else datetime.combine(start.date(), time(23, 59))
        return _end_of(last, start), False
    if isinstance(start, date):
        last = end if isinstance(end, date) else start
        return datetime.combine(min(last, start) if last < start else last, time(23, 59)), False
    return None


def _end_of(last: datetime, start: datetime) -> datetime:
    """The latest moment of the interval that stays on the start's day."""
    cap = datetime.combine(start.date(), time(23, 59))
    return min(last.replace(tzinfo=None), cap)
