"""Turn one matched calendar expression (a :class:`~djnlp.timex.patterns.Candidate`) into dates.

A :class:`Context` carries the base date and the year/month a partial expression inherits
(the base's, or the left side's in a range such as 5月10日至20日).

>>> from datetime import date
>>> from djnlp.timex.patterns import scan
>>> cand = next(c for c in scan("三季度末") if c.family == "quarter")
>>> r = resolve(cand, Context.from_base(date(2024, 3, 1)))
>>> r.first.date(), r.last.date(), r.granularity
(datetime.date(2024, 9, 1), datetime.date(2024, 9, 30), 'month')
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from djnlp.timex.calendar import add_months, festival_date, month_end, month_workday
from djnlp.timex.lexicon import lexicon, to_number
from djnlp.timex.patterns import Candidate

END_OF_DAY = time(23, 59, 59)
# granularity order, finest last
ORDER = ("year", "half", "quarter", "month", "xun", "week", "day", "hour", "minute")


@dataclass(frozen=True)
class Context:
    """Base date (and time) plus the year and month a partial expression inherits."""

    base: date | None
    base_time: datetime | None
    year: int | None
    month: int | None
    year_explicit: bool = False
    day: date | None = None          # the day a bare clock time belongs to (right side of 3月8日9:00—11:30)
    text_year: int | None = None     # the last explicit year written before (for 次年, 同年)
    text_day: date | None = None     # the last day written before in the paragraph (for 当天, 次日)
    tense: str | None = None         # "past" / "future" / None: which way the clause faces (djnlp.timex.tense)
    after_roll: bool = False         # an earlier time of the sentence moved to next year: read this one as facing forward

    @classmethod
    def from_base(cls, base: date | datetime | None) -> Context:
        if base is None:
            return cls(None, None, None, None)
        if isinstance(base, datetime):
            return cls(base.date(), base, base.year, base.month)
        return cls(base, datetime.combine(base, time()), base.year, base.month)


@dataclass(frozen=True)
class Resolved:
    """A resolved calendar expression: inclusive ``first``..``last``, both None when unresolvable."""

    first: datetime | None
    last: datetime | None
    granularity: str | None
    anchor: str | None
    approximate: bool = False
    note: str | None = None
    year: int | None = None
    month: int | None = None
    festival: bool = False
    rolled: bool = False             # a year-less time moved to next year because its clause faces forward

    @property
    def resolved(self) -> bool:
        return self.first is not None and self.last is not None


class Invalid(ValueError):
    """The match is not a real date (13月, 2月30日): the caller drops it."""


def days(first: date, last: date) -> tuple[datetime, datetime]:
    """Whole days ``first``..``last`` as datetimes (00:00:00 .. 23:59:59)."""
    return datetime.combine(first, time()), datetime.combine(last, END_OF_DAY)


def coarser(a: str | None, b: str | None) -> str | None:
    """The coarser of two granularities (a span is only as precise as its vaguer bound)."""
    if a is None or b is None:
        return a or b
    return a if ORDER.index(a) <= ORDER.index(b) else b


def _unresolved(granularity: str | None, anchor: str | None, note: str | None = None, **kw) -> Resolved:
    return Resolved(None, None, granularity, anchor, note=note, **kw)


def number(text: str) -> int:
    """The whole number a numeral group holds (5, 十二, 二〇二四); :class:`Invalid` when it reads as
    none (an approximate 一两, an unreadable run of numerals).

    >>> number("十二"), number("05")
    (12, 5)
    """
    value = to_number(text) if text else None
    if value is None:
        raise Invalid(text)
    return int(value)


def _year(g: dict[str, str], ctx: Context) -> tuple[int | None, str | None, str | None]:
    """(year, anchor, note) from the year groups, or the context's year."""
    if "yph" in g:
        return None, None, "placeholder year (20xx)"
    if "y" in g:
        return number(g["y"]), "explicit", None
    if "yrel" in g:
        offset = lexicon()["relative"]["year"][g["yrel"]]
        if ctx.text_year is not None and g["yrel"] in lexicon()["relative"]["year_in_text"]["words"]:
            return ctx.text_year + offset, "explicit", None
        return (ctx.base.year + offset if ctx.base else None), "document", None
    return ctx.year, ("explicit" if ctx.year_explicit else "document"), None


def _hours(day: date, g: dict[str, str]) -> tuple[datetime, datetime, str] | None:
    """Clock time or part of day on ``day``, or None when neither was written."""
    part = g.get("dpart")
    hour_text = g.get("hh") or g.get("hhc")
    if hour_text is None:
        if part is None:
            return None
        h1, h2 = lexicon()["day_parts"][part]
        return datetime.combine(day, time(h1)), datetime.combine(day, time(h2, 59, 59)), "hour"
    hour = number(hour_text)
    if hour > 24:
        raise Invalid(hour_text)
    if part is not None and hour < 12:           # 下午3点 → 15:00: read the hour inside the part's range
        h1, h2 = lexicon()["day_parts"][part]
        if h2 >= 12 and hour + 12 <= h2 + 1:
            hour += 12
    if hour == 24:                               # 24时: the end of the day
        end = datetime.combine(day, END_OF_DAY)
        return end, end, "hour"
    minute_text = g.get("mi") or g.get("mic")
    if "half" in g:
        minute = 30
    elif "qh" in g:
        minute = 15 * number(g["qh"])
    elif minute_text is not None:
        minute = number(minute_text)
    else:
        return datetime.combine(day, time(hour)), datetime.combine(day, time(hour, 59, 59)), "hour"
    if minute > 59:
        raise Invalid(minute_text)
    return datetime.combine(day, time(hour, minute)), datetime.combine(day, time(hour, minute, 59)), "minute"


def _day_result(day: date, g: dict[str, str], anchor: str | None) -> Resolved:
    hours = _hours(day, g)
    if hours:
        return Resolved(hours[0], hours[1], hours[2], anchor, year=day.year, month=day.month)
    first, last = days(day, day)
    return Resolved(first, last, "day", anchor, year=day.year, month=day.month)


def _safe_date(year: int, month: int, day: int) -> date:
    try:
        return date(year, month, day)
    except ValueError as err:
        raise Invalid(f"{year}-{month}-{day}") from err


def _month_parts(year: int | None, month: int, part: str, anchor: str | None) -> Resolved:
    spec = lexicon()["month_parts"][part]
    if year is None:
        return _unresolved(spec["granularity"], anchor, month=month)
    d1, d2 = spec["days"]
    last_day = month_end(year, month)
    first, last = days(date(year, month, min(d1, last_day)), date(year, month, min(d2, last_day)))
    return Resolved(first, last, spec["granularity"], anchor, year=year, month=month)


def _months(year: int | None, m1: int, m2: int, granularity: str, anchor: str | None) -> Resolved:
    """Months ``m1``..``m2`` of ``year``; an ``m2`` past 12 runs into the next year (冬季 12..14)."""
    if not (1 <= m1 <= 12 and m1 <= m2 <= 24):
        raise Invalid(f"month {m1}..{m2}")
    if year is None:
        return _unresolved(granularity, anchor, month=m1)
    y2, mm2 = (year + 1, m2 - 12) if m2 > 12 else (year, m2)
    first, last = days(date(year, m1, 1), date(y2, mm2, month_end(y2, mm2)))
    return Resolved(first, last, granularity, anchor, year=year, month=m1)


def _quarter(year: int | None, q: int, part: str | None, anchor: str | None) -> Resolved:
    if part:
        a, b = lexicon()["quarter_parts"][part]
        return _months(year, 3 * (q - 1) + a, 3 * (q - 1) + b, "month", anchor)
    return _months(year, 3 * q - 2, 3 * q, "quarter", anchor)


_RECENT = timedelta(days=31)      # a festival this recent, named without tense, is the one just past


def festival(name: str, year: int | None, anchor: str | None, ctx: Context, pick_year: bool) -> Resolved:
    """A festival's day; with ``pick_year`` the occurrence the clause faces: the latest up to the
    base date when it looks back, the next one when it looks forward; a clause facing neither
    way means one of the last month (元旦假期……服务群众 written on 20 January is that January's),
    else the next."""
    spec = lexicon()["festivals"][name]
    offset = timedelta(days=spec.get("offset", 0))

    def on(y: int) -> date | None:
        day = festival_date(spec["date"], y)
        return day + offset if day else None

    if year is None:
        return _unresolved("day", anchor, festival=True)
    day = on(year)
    if pick_year and ctx.base is not None and day is not None:
        if ctx.tense == "past":                   # 元旦前后……推迟了: the latest occurrence up to the base
            if day > ctx.base + timedelta(days=7):
                year -= 1
                day = on(year)
        elif day < ctx.base - timedelta(days=7):
            if ctx.tense == "future" or day < ctx.base - _RECENT:
                year += 1
                day = on(year)
    if day is None:
        return _unresolved("day", anchor, note=f"no date table for {name} in {year}", festival=True)
    first, last = days(day, day)
    return Resolved(first, last, "day", anchor, year=day.year, month=day.month, festival=True)


def _year_family(g: dict[str, str], ctx: Context) -> Resolved:
    year, anchor, note = _year(g, ctx)
    if note:                                        # placeholder: recognised, never resolved
        return _unresolved(_granularity_of(g), None, note)
    lx = lexicon()
    part = g.get("ypart") or g.get("yshort")
    if part:
        m1, m2 = lx["year_parts"][part]["months"]
        if (m2 > 12 and year is not None and ctx.base is not None and not ctx.year_explicit
                and "y" not in g and "yrel" not in g and ctx.base.month <= m2 - 12):
            year -= 1                             # 岁末年初 / 冬季 written in January: the one now running
        return _months(year, m1, m2, lx["year_parts"][part]["granularity"], anchor)
    if "fest" in g:
        return festival(g["fest"], year, anchor, ctx, pick_year="y" not in g and "yrel" not in g)
    if "q" in g:
        return _quarter(year, number(g["q"]), g.get("qpart"), anchor)
    if "qrel" in g or "qbare" in g:
        if ctx.base is None:
            return _unresolved("month" if g.get("qpart") else "quarter", "document")
        offset = lx["relative"]["quarter"].get(g.get("qrel", ""), 0)
        index = (ctx.base.month - 1) // 3 + offset
        y, q = ctx.base.year + index // 4, index % 4 + 1
        return _quarter(y, q, g.get("qpart"), "document")
    if "m" in g or "mph" in g or "mrel" in g:
        return _month_chain(g, year, anchor, ctx)
    if year is None:
        return _unresolved("year", anchor)
    first, last = days(date(year, 1, 1), date(year, 12, 31))
    return Resolved(first, last, "year", anchor, year=year)


def _granularity_of(g: dict[str, str]) -> str:
    if "d" in g or "dph" in g or "mwd" in g:
        return "day"
    if "mpart" in g:
        return "xun"
    if "m" in g or "mph" in g:
        return "month"
    return "year"


def _month_chain(g: dict[str, str], year: int | None, anchor: str | None, ctx: Context) -> Resolved:
    if "mph" in g or "dph" in g:
        return _unresolved(_granularity_of(g), None, "placeholder date (x月x日)")
    if "mrel" in g:
        if ctx.base is None:
            return _unresolved(_granularity_of(g), "document")
        shifted = add_months(ctx.base.replace(day=1), lexicon()["relative"]["month"][g["mrel"]])
        year, month, anchor = shifted.year, shifted.month, "document"
    else:
        month = number(g["m"])
        if not 1 <= month <= 12:
            raise Invalid(g["m"])
    if "d" in g:
        day = number(g["d"])
        if not 1 <= day <= 31 or (month == 2 and day > 29) or (month in (4, 6, 9, 11) and day > 30):
            raise Invalid(g["d"])
        if year is None:
            return _unresolved("hour" if g.get("dpart") or g.get("hh") else "day", anchor, month=month)
        return _day_result(_safe_date(year, month, day), g, anchor)
    if "mpart" in g:
        return _month_parts(year, month, g["mpart"], anchor)
    if "mwd" in g:                                   # 当月最后一个工作日 (official working days)
        if year is None:
            return _unresolved("day", anchor, month=month)
        workday, approximate = month_workday(year, month, last=g["mwd"].startswith("最后"))
        first, last = days(workday, workday)
        return Resolved(first, last, "day", anchor, approximate, year=year, month=month)
    return _months(year, month, month, "month", anchor)


def _week(g: dict[str, str], ctx: Context) -> Resolved:
    if ctx.base is None:
        return _unresolved("day" if ("wd" in g or "wd2" in g) else "week", "document")
    offset = lexicon()["relative"]["week"].get(g.get("wrel", ""), 0)
    anchor_day = ctx.day if ("wd2" in g and ctx.day is not None) else ctx.base   # 下周二至周四: 周四 of that week
    monday = anchor_day - timedelta(days=anchor_day.weekday()) + timedelta(weeks=offset)
    wd = g.get("wd") or g.get("wd2")
    if wd:
        return _day_result(monday + timedelta(days=lexicon()["weekdays"][wd] - 1), g, "document")
    if "wend" in g or "wend2" in g:
        first, last = days(monday + timedelta(days=5), monday + timedelta(days=6))
        return Resolved(first, last, "day", "document")
    first, last = days(monday, monday + timedelta(days=6))
    return Resolved(first, last, "week", "document")


def _relday(g: dict[str, str], ctx: Context) -> Resolved:
    rel = lexicon()["relative"]
    word = g["drel"]
    if word in rel["day_with_part"]:
        offset, part = rel["day_with_part"][word]
        g = {**g, "dpart": g.get("dpart") or part}
    else:
        offset = rel["day"][word]
    if ctx.text_day is not None and word in rel["day_in_text"]["words"]:     # 6月28日……当天下午
        return _day_result(ctx.text_day + timedelta(days=offset), g, "document")
    if ctx.base is None:
        return _unresolved("hour" if "dpart" in g or "hh" in g else "day", "document")
    return _day_result(ctx.base + timedelta(days=offset), g, "document")


def _plan(g: dict[str, str]) -> Resolved:
    lx = lexicon()
    start_year = lx["plans"][g["plan"]]
    a, b = lx["plan_parts"].get(g.get("ppart", ""), (0, 4))
    if b == a:
        first, last = days(date(start_year + a, 1, 1), date(start_year + a, 12, 31))
        return Resolved(first, last, "year", "explicit", year=start_year + a)
    first, last = days(date(start_year + a, 1, 1), date(start_year + b, 12, 31))
    return Resolved(first, last, "year", "explicit", year=start_year + a)


def resolve(cand: Candidate, ctx: Context) -> Resolved:
    """Dates of a calendar candidate (families year, month, quarter, ypart, inperiod, mpart, day,
    relday, week, clock, festival, plan, yrange, mrange, drange, iso). Raises :class:`Invalid`."""
    g, fam = cand.groups, cand.family
    if fam in ("year", "month", "quarter", "ypart"):
        return _year_family(g, ctx)
    if fam == "iso":
        return _day_result(_safe_date(int(g["y"]), int(g["m"]), int(g["d"])), g, "explicit")
    if fam == "inperiod":
        if ctx.base is None:
            return _unresolved("year" if g["inper"] == "年" else "month", "document")
        if g["inper"] == "年":
            first, last = days(date(ctx.base.year, 1, 1), date(ctx.base.year, 12, 31))
            return Resolved(first, last, "year", "document", year=ctx.base.year)
        return _months(ctx.base.year, ctx.base.month, ctx.base.month, "month", "document")
    if fam in ("mpart", "hmonth"):
        if ctx.base is None:
            return _unresolved("xun", "document")
        return _month_parts(ctx.base.year, ctx.base.month, g.get("mpart") or g["hmpart"], "document")
    if fam == "day":
        if ctx.year is None or ctx.month is None:
            return _unresolved("day", "document")
        return _day_result(_safe_date(ctx.year, ctx.month, number(g["d"])), g, "explicit" if ctx.year_explicit else "document")
    if fam == "relday":
        return _relday(g, ctx)
    if fam == "week":
        return _week(g, ctx)
    if fam == "clock":
        on = ctx.day or ctx.base
        if on is None:
            return _unresolved("minute" if ("mi" in g or "mic" in g or "half" in g) else "hour", "document")
        return _day_result(on, g, "document")
    if fam == "festival":
        return festival(g["fest"], ctx.year, "document", ctx, pick_year=True)
    if fam == "decade":                           # 上世纪80年代 → 1980..1989
        spec = lexicon()["decades"]
        decade = number(g["dec"])
        if "cent" not in g and decade < spec["bare_from"]:
            raise Invalid(cand.text)
        first_year = spec["centuries"].get(g.get("cent", ""), spec["bare_century"]) + decade
        a, b = spec["parts"].get(g.get("decpart", ""), (0, 9))
        first, last = days(date(first_year + a, 1, 1), date(first_year + b, 12, 31))
        return Resolved(first, last, "year", "explicit", year=first_year + a)
    if fam == "year_pair":                        # 今明两年 → this year and next
        a, b = lexicon()["relative"]["year_pair"][g["ypair"]]
        if ctx.base is None:
            return _unresolved("year", "document")
        first, last = days(date(ctx.base.year + a, 1, 1), date(ctx.base.year + b, 12, 31))
        return Resolved(first, last, "year", "document", year=ctx.base.year + a)
    if fam == "anniversary":                      # 建党90周年 → 2011-07-01
        when = date.fromisoformat(lexicon()["named_events"][g["ann"]])
        years = number(g["an"])
        if not years:
            raise Invalid(cand.text)
        first, last = days(when.replace(year=when.year + years), when.replace(year=when.year + years))
        return Resolved(first, last, "day", "explicit", year=first.year, month=first.month, festival=True)
    if fam == "plan":
        return _plan(g)
    if fam == "yrange":
        y1, y2 = number(g["y1"]), number(g["y2"])
        if y2 < y1:
            raise Invalid(cand.text)
        first, last = days(date(y1, 1, 1), date(y2, 12, 31))
        return Resolved(first, last, "year", "explicit", year=y2)
    if fam == "mrange":
        year, anchor, _ = _year(g, ctx)
        m1, m2 = number(g["m1"]), number(g["m2"])
        if m2 < m1 or ("mlist" in g and m2 != m1 + 1):     # 7、8月份 is a list only of neighbours
            raise Invalid(cand.text)
        return _months(year, m1, m2, "month", anchor)
    if fam == "qrange":                           # 第一、二季度, 三至四季度
        year, anchor, _ = _year(g, ctx)
        q1, q2 = number(g["q1"]), number(g["q2"])
        if q2 <= q1:
            raise Invalid(cand.text)
        return _months(year, 3 * q1 - 2, 3 * q2, "quarter", anchor)
    if fam == "first_n":                          # 前三季度, 今年前两个月
        year, anchor, note = _year(g, ctx)
        count = number(g["fn"])
        quarters = "季度" in g["fu"]
        last_month = count * 3 if quarters else count
        if not count or last_month > 12:
            raise Invalid(cand.text)
        return _months(year, 1, last_month, "quarter" if quarters else "month", anchor)
    if fam == "drange":
        year, anchor, _ = _year(g, ctx)
        month, d1, d2 = number(g["m"]), number(g["d1"]), number(g["d2"])
        if not 1 <= month <= 12 or d2 < d1:
            raise Invalid(cand.text)
        if year is None:
            return _unresolved("day", anchor, month=month)
        first, last = days(_safe_date(year, month, d1), _safe_date(year, month, d2))
        return Resolved(first, last, "day", anchor, year=year, month=month)
    raise ValueError(f"not a calendar family: {fam}")


def inherit(ctx: Context, left: Resolved) -> Context:
    """Context for the right side of a range: the left side's year and month."""
    if left.year is None:
        return ctx
    day = left.first.date() if left.first is not None and left.granularity in ("day", "hour", "minute") else None
    return replace(ctx, year=left.year, month=left.month or ctx.month, year_explicit=left.anchor == "explicit", day=day,
                   text_year=left.year)          # 12月25日—次年1月5日: 次年 follows the left side
