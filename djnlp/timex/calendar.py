"""Calendar facts: month lengths, month/year arithmetic, festival dates and working days.

Working days come from ``chinese_calendar`` (official holidays and adjusted working weekends);
outside its data range the count falls back to Monday–Friday and says so (``approximate``).

>>> from datetime import date
>>> add_workdays(date(2024, 9, 27), 3)        # Sunday 29 Sep worked; 1–7 Oct off
(datetime.date(2024, 10, 8), False)
>>> add_workdays(date(2030, 1, 4), 1)         # past chinese-calendar's data: weekends only
(datetime.date(2030, 1, 7), True)
>>> festival_date("mid_autumn", 2024)
datetime.date(2024, 9, 17)
"""
from __future__ import annotations

import calendar as _stdlib_calendar
from datetime import date, timedelta
from functools import lru_cache
from importlib.resources import files

import chinese_calendar


def month_end(year: int, month: int) -> int:
    """Last day of ``month`` in ``year``."""
    return _stdlib_calendar.monthrange(year, month)[1]


def add_months(day: date, months: int) -> date:
    """``day`` moved by whole months, clamped to the target month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, month_end(year, month + 1)))


@lru_cache(maxsize=1)
def _festival_table() -> dict[str, dict[int, date]]:
    text = (files("djnlp") / "data" / "timex" / "festival_dates.tsv").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    table: dict[str, dict[int, date]] = {column: {} for column in header[1:]}
    for row in body:
        year = int(row[0])
        for column, value in zip(header[1:], row[1:]):
            table[column][year] = date.fromisoformat(value)
    return table


def festival_date(key: str, year: int) -> date | None:
    """Date of a festival in ``year``: ``key`` is "MM-DD" or a column of festival_dates.tsv.

    Returns None for a lunar festival outside the table's years (2000–2035).
    """
    if key[:2].isdigit():
        return date(year, int(key[:2]), int(key[3:5]))
    return _festival_table()[key].get(year)


def _is_workday(day: date) -> tuple[bool, bool]:
    """(is a working day, known from official data)."""
    try:
        return chinese_calendar.is_workday(day), True
    except NotImplementedError:
        return day.weekday() < 5, False


def add_workdays(day: date, count: int) -> tuple[date, bool]:
    """The ``count``-th working day after ``day`` (``day`` itself not counted).

    The flag is True when any day on the way lies outside chinese-calendar's data and was judged
    by the weekday alone.
    """
    approximate = False
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    current = day
    while remaining:
        current += timedelta(days=step)
        working, known = _is_workday(current)
        approximate = approximate or not known
        if working:
            remaining -= 1
    return current, approximate


def holiday_period(day: date) -> tuple[date, date] | None:
    """The official days off around a festival ``day`` (2024-10-01 → 10-01..10-07), or None when
    ``day`` is not a statutory holiday or lies outside chinese-calendar's data."""
    try:
        is_holiday, name = chinese_calendar.get_holiday_detail(day)
    except NotImplementedError:
        return None
    if not is_holiday or name is None:
        return None
    first = last = day
    for _ in range(10):
        working, known = _is_workday(first - timedelta(days=1))
        if working or not known:
            break
        first -= timedelta(days=1)
    for _ in range(10):
        working, known = _is_workday(last + timedelta(days=1))
        if working or not known:
            break
        last += timedelta(days=1)
    return first, last


def month_workday(year: int, month: int, last: bool = False) -> tuple[date, bool]:
    """First (or last) working day of a month, and whether it was judged by the weekday alone."""
    day = date(year, month, month_end(year, month) if last else 1)
    step = timedelta(days=-1 if last else 1)
    approximate = False
    while True:
        working, known = _is_workday(day)
        approximate = approximate or not known
        if working:
            return day, approximate
        day += step
