"""Result types of :mod:`djnlp.timex`: an :class:`Interval` and a :class:`TimeExpression`.

>>> from datetime import datetime
>>> iv = Interval(datetime(2024, 12, 1), datetime(2024, 12, 31, 23, 59, 59))
>>> iv.to_dict()
{'start': '2024-12-01T00:00:00', 'end': '2024-12-31T23:59:59'}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

KINDS = ("point", "span", "by", "within", "recurring", "event_relative", "vague")
GRANULARITIES = ("year", "half", "quarter", "month", "xun", "week", "day", "hour", "minute")


@dataclass(frozen=True)
class Interval:
    """Inclusive time interval; ``start`` is None for a deadline, ``end`` None for an open start."""

    start: datetime | None
    end: datetime | None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
        }


@dataclass(frozen=True)
class Duration:
    """A length of time as written: ``amount`` of ``unit`` (day, workday, week, month, year, hour, minute)."""

    amount: float | None
    unit: str

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount
        if isinstance(amount, float) and amount.is_integer():
            amount = int(amount)
        return {"amount": amount, "unit": self.unit}


@dataclass(frozen=True)
class Limit:
    """A further limit on an event-relative rule (特殊情况最迟不得超过24小时)."""

    text: str
    start: int
    end: int
    duration: Duration
    condition: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end,
                "duration": self.duration.to_dict(), "condition": self.condition}


@dataclass(frozen=True)
class Recurrence:
    """How often a recurring expression repeats: every ``interval`` ``freq`` (year, quarter, month, …)."""

    freq: str | None
    interval: int = 1
    at: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"freq": self.freq, "interval": self.interval, "at": self.at}


@dataclass(frozen=True)
class TimeExpression:
    """One time expression found in a text; ``start``/``end`` are offsets into that text.

    ``kind`` is one of :data:`KINDS`; ``value`` is the resolved inclusive interval or None when it
    cannot be resolved (no base date, a placeholder such as 20xx年, a vague word, an event anchor).
    """

    text: str
    start: int
    end: int
    kind: str
    value: Interval | None
    granularity: str | None
    anchor: str | None = None          # "explicit" | "document" | "event" | None
    approximate: bool = False
    note: str | None = None
    duration: Duration | None = None
    recurrence: Recurrence | None = None
    event: str | None = None
    limits: tuple[Limit, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "kind": self.kind,
            "value": self.value.to_dict() if self.value else None,
            "granularity": self.granularity,
            "anchor": self.anchor,
            "approximate": self.approximate,
            "note": self.note,
            "duration": self.duration.to_dict() if self.duration else None,
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "event": self.event,
            "limits": [limit.to_dict() for limit in self.limits],
        }
