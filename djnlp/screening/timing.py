"""When did the event happen, and how long after it was the item submitted?

The event time comes from metadata when given; otherwise from the first point or span of
days/hours in the body that is not after the submission, read by ``djnlp.timex`` against the
submission date. A day or part of a day without a clock time counts from its end (8月30日上午
→ 11:59), so the delay is never overstated; the advice then says the hour is missing.

>>> from datetime import datetime
>>> delay_hours(datetime(2026, 3, 5, 14), datetime(2026, 3, 5, 21, 30))
7.5
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

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
    from djnlp.timex import extract_times

    base = submitted_at.date() if submitted_at else None
    body = f.view[f.body_start:]
    limit = submitted_at.replace(tzinfo=None) if submitted_at else None
    for tx in extract_times(body, base):
        found = _point(tx)
        if found is None:
            continue
        first, at, precise = found
        if limit is not None:
            if first > limit + timedelta(hours=1):
                continue  # a plan or deadline, not the event
            at = min(at, limit)  # the event day is the submission day: no negative delay
        s, e = tx.start + f.body_start, tx.end + f.body_start
        note = "事件时间" if precise else "事件时间（未写具体时刻）"
        return EventTime(at, "text", precise, f.evidence(s, e, note, "info"))
    return None


def _point(tx: object) -> tuple[datetime, datetime, bool] | None:
    """(start, moment, precise) for a point or span of days/hours; a span counts from its end.

    ``7月14日凌晨2时`` → 02:00, precise; ``8月30日上午`` → 11:59, not precise;
    ``11月3日至5日`` → 5 Nov 23:59 (the delay runs from the end of the event).
    """
    value = getattr(tx, "value", None)
    if getattr(tx, "kind", None) not in ("point", "span") or getattr(tx, "granularity", None) not in _FINE:
        return None
    start, end = getattr(value, "start", None), getattr(value, "end", None)
    if not isinstance(start, datetime) or not isinstance(end, datetime):
        return None
    start, end = start.replace(tzinfo=None), end.replace(tzinfo=None)
    if end - start <= timedelta(hours=1):
        return start, start, True
    return start, end.replace(second=0, microsecond=0), False


_FINE = ("day", "hour", "minute", "second")
