"""Find time expressions in a text and normalise them against a base date.

Steps: :func:`~djnlp.timex.patterns.scan` proposes candidates of every family; implausible ones are
dropped (a short festival name with no time word after it, a bare duration); the longest
non-overlapping candidates win; then neighbours are combined (ranges 3月1日至5月31日, prefixes
截止/自, suffixes 前/起/以来/内/前后, recurring heads 每月 + 28日前) and limits are attached to the
event-relative rule they qualify.

>>> from datetime import date
>>> [(t.text, t.kind, t.value.end.date()) for t in extract_times("各地要在年底前完成换届。", date(2024, 3, 15))]
[('年底前', 'by', datetime.date(2024, 12, 31))]
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from djnlp.errors import InputError
from djnlp.timex.calendar import add_months, add_workdays, holiday_period, month_workday
from djnlp.timex.lexicon import lexicon, to_number
from djnlp.timex.model import GRANULARITIES, Duration, Interval, Limit, Recurrence, TimeExpression
from djnlp.timex.patterns import CONNECT, DAY, QUOTE_CLOSE, QUOTE_OPEN, Candidate, fold, scan
from djnlp.timex.resolve import END_OF_DAY, Context, Invalid, Resolved, coarser, days, inherit, resolve

CALENDAR = frozenset({"year", "month", "quarter", "ypart", "inperiod", "mpart", "day", "relday", "week",
                      "clock", "festival", "plan", "yrange", "mrange", "drange", "iso", "first_n"})
# Tie-break among equally long candidates: earlier in this tuple wins.
PRIORITY = ("event", "event_before", "since_event", "recurring", "per_unit", "yrange", "drange", "mrange", "first_n", "iso", "year", "month",
            "quarter", "plan", "plan_placeholder", "festival", "week", "relday", "inperiod", "ypart", "mpart", "day", "clock", "limit",
            "duration", "vague")
SENTENCE_END = "。！？；!?;\n"
_SENTENCE_END = re.compile("[" + SENTENCE_END + "]")
_CLAUSE_REACH = 200          # how far back an event trigger is looked for in the same sentence


def _affix(name: str) -> list[str]:
    return sorted(lexicon()["affixes"][name], key=len, reverse=True)


def _match_suffix(text: str, pos: int, words: list[str]) -> str | None:
    """The first of ``words`` at ``text[pos:]`` that its guard characters do not follow."""
    guards = _suffix_guards()
    for word in words:
        if text.startswith(word, pos):
            guard = guards.get(word)
            if guard is not None and guard.match(text, pos + len(word)):
                continue
            return word
    return None


@lru_cache(maxsize=1)
def _suffix_guards() -> dict[str, re.Pattern[str]]:
    return {word: re.compile(pattern) for word, pattern in lexicon()["affixes"]["suffix_guards"].items()}


def _match_prefix(text: str, pos: int, words: list[str]) -> str | None:
    for word in words:
        if pos >= len(word) and text[pos - len(word):pos] == word:
            return word
    return None


def _normalise_base(base: object) -> date | datetime | None:
    if base is None or isinstance(base, (date, datetime)):
        return base
    if isinstance(base, str):
        try:
            return date.fromisoformat(base.strip())
        except ValueError:
            raise InputError("base", f"not a date (YYYY-MM-DD): {base!r}") from None
    raise InputError("base", f"expected a datetime.date, got {type(base).__name__}")


# ---------------------------------------------------------------------------------------------
# candidate filtering and selection

def _plausible(c: Candidate, text: str) -> bool:
    g, fam = c.groups, c.family
    if fam == "duration":
        if g["unit"] == "年" and re.fullmatch(r"(?:19|20)\d\d", g["n"]):      # 2019年以来 is a year
            return False
        dur = lexicon()["duration"]
        uses = g.get("dpre") in dur["use_prefix"], g.get("dsuf") in dur["use_suffix"]
        if any(uses):
            return all(uses)
        return "dpre" in g or "dsuf" in g
    if fam == "festival":
        spec = lexicon()["festivals"][g["fest"]]
        after = text[c.end:c.end + 6].lstrip(QUOTE_CLOSE)
        opts = lexicon()["festival_options"]
        if any(after.startswith(w) for w in opts["guard_words"]):
            return False
        if spec.get("short"):
            return any(after.startswith(w) for w in opts["short_followers"])
        return True
    if fam == "quarter":
        return "qbare" not in g or "qpart" in g
    if fam == "clock":      # 三点意见, 这一点, 一时难以, 十二点一 (a decimal): not clock times
        if "mi" in g and "点" in c.text and not c.text.endswith("分") and not g["mi"].isdigit():
            return False
        return bool({"dpart", "hhc", "mi", "half", "qh"} & g.keys()) or (g["hh"].isdigit() and "时" in c.text)
    if fam == "plan":
        quoted = c.text[:1] in QUOTE_OPEN
        return quoted or "ppart" in g or "pplan" in g
    return True


_EVENT_STOP = set("，。；：！？,;:!?、（）()“”\"'‘’《》 \t\n年月日号0123456789〇零一二两三四五六七八九十百千")
_LIMIT_STOP = set("，。；,;：:！？!?\n")


def _widen(c: Candidate, folded: str) -> Candidate | None:
    """Event and limit candidates with their left context: the event phrase (收到通知|后3日内) or the
    limit's condition (特殊情况|最迟不得超过24小时). None when an event candidate names no event."""
    if c.family == "limit":
        conditions = lexicon()["event"]["limit_conditions"]
        for word in sorted(conditions, key=len, reverse=True):
            i = folded.rfind(word, max(0, c.start - 4 - len(word)), c.start)
            if i >= 0 and not _LIMIT_STOP & set(folded[i:c.start]):
                return Candidate(c.family, i, c.end, c.text, {**c.groups, "cond": word})
        return c
    if c.family not in ("event", "event_before"):
        return c
    ev = lexicon()["event"]
    marker = c.groups.get("after") or c.groups["before"]
    j = c.start
    while j > 0 and c.start - j < 14 and folded[j - 1] not in _EVENT_STOP:
        j -= 1
    phrase = folded[j:c.start]
    cut = 0
    for word in ev["left_boundaries"]:
        i = phrase.rfind(word)
        if i >= 0 and cut < i + len(word) < len(phrase):
            cut = i + len(word)
    phrase = phrase[cut:]
    if not phrase or (marker.endswith("后") and phrase[-1] in ev["not_events"]):   # 今后, 此后, 事后
        return None
    if "before" in c.groups and (len(phrase) < 2 or phrase[-1] in ev["not_events_before"]   # 提前3天, 由于前几年
                                 or lexicon()["duration_units"][c.groups["unit"]][0] not in ev["before_units"]
                                 or to_number(c.groups["n"]) is None):
        return None
    return Candidate(c.family, j + cut, c.end, c.text, {**c.groups, "ev": phrase})


def _select(cands: list[Candidate], length: int) -> list[Candidate]:
    """Longest non-overlapping candidates (ties by family priority), in text order."""
    rank = {name: i for i, name in enumerate(PRIORITY)}
    taken = bytearray(length)
    chosen: list[Candidate] = []
    for c in sorted(cands, key=lambda c: (c.start - c.end, rank.get(c.family, 99), c.start)):
        if any(taken[c.start:c.end]):
            continue
        chosen.append(c)
        taken[c.start:c.end] = b"\x01" * (c.end - c.start)
    return sorted(chosen, key=lambda c: c.start)


# ---------------------------------------------------------------------------------------------
# building expressions

@dataclass
class _Draft:
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


def _interval(r: Resolved) -> Interval | None:
    return Interval(r.first, r.last) if r.resolved else None


def _base_end(ctx: Context) -> datetime | None:
    return datetime.combine(ctx.base, END_OF_DAY) if ctx.base else None


def _around(r: Resolved) -> tuple[Interval | None, str]:
    if not r.resolved:
        return None, "span"
    if r.granularity in ("day",):
        n = timedelta(days=lexicon()["festival_options"]["around_days"])
        return Interval(r.first - n, r.last + n), "span"
    return Interval(r.first, r.last), "point"


def _before(r: Resolved) -> Interval | None:
    """Deadline interval for '<r>前': through r's end, or the day before a festival."""
    if not r.resolved:
        return None
    if r.festival:
        return Interval(None, datetime.combine(r.first.date() - timedelta(days=1), END_OF_DAY))
    if r.granularity in ("hour", "minute"):      # 下午5点前: before five o'clock
        return Interval(None, r.first)
    return Interval(None, r.last)


# Suffix classes in the order they are tried; inperiod candidates (年内) already carry their 内.
_SUFFIXES = ("around", "by", "within", "since", "start", "during", "after")


@dataclass(frozen=True)
class _Effect:
    kind: str
    value: Interval | None
    note: str | None = None
    approximate: bool = False


def _suffix_effect(cls: str, r: Resolved, ctx: Context) -> _Effect:
    """What a suffix of class ``cls`` (前, 起, 以来, 期间 …) does to the resolved time ``r``."""
    if cls == "around":
        value, kind = _around(r)
        return _Effect(kind, value, r.note, True)
    if cls == "by":
        return _Effect("by", _before(r), r.note)
    if cls == "within":
        return _Effect("by", Interval(None, r.last) if r.resolved else None, r.note)
    if cls == "since":
        return _Effect("span", Interval(r.first, _base_end(ctx)) if r.resolved else None, r.note)
    if cls == "start":
        return _Effect("span", Interval(r.first, None) if r.resolved else None, "open-ended: from this time on")
    if cls == "during":
        if r.festival and r.resolved and (period := holiday_period(r.first.date())):
            return _Effect("span", Interval(*days(*period)), "the official holiday around the festival")
        return _Effect("span", _interval(r), r.note)
    # after
    return _Effect("span", Interval(r.last + timedelta(seconds=1), None) if r.resolved else None,
                   "open-ended: after this time")


def _find_suffix(folded: str, end: int, inperiod: bool) -> tuple[str, str] | None:
    """(class, word) of the suffix at ``end``, if any."""
    for cls in _SUFFIXES:
        if inperiod and cls not in ("since", "start", "during"):
            continue
        if word := _match_suffix(folded, end, _affix(f"{cls}_suffix")):
            return cls, word
    return None


def _calendar_draft(c: Candidate, r: Resolved, text: str, folded: str, ctx: Context) -> _Draft:
    """Apply the prefix and suffix words around a resolved calendar candidate."""
    start, end = c.start, c.end
    if start > 0 and folded[start - 1] in QUOTE_OPEN and folded[end:end + 1] in QUOTE_CLOSE:
        start -= 1
        end += 1
    kind = "span" if c.family in ("yrange", "mrange", "drange", "first_n") else "point"
    if c.family == "plan" and r.first.year != r.last.year:
        kind = "span"
    effect = _Effect(kind, _interval(r), r.note, r.approximate)
    if c.family == "inperiod":
        effect = _Effect("by", Interval(None, r.last) if r.resolved else None, r.note)

    by_prefix = _match_prefix(folded, start, _affix("by_prefix")) or _clause_prefix(folded, start)
    asof_prefix = _match_prefix(folded, start, _affix("asof_prefix"))
    start_prefix = _match_prefix(folded, start, _affix("start_prefix"))
    suffix = _find_suffix(folded, end, c.family == "inperiod")
    if suffix:
        cls, word = suffix
        end += len(word)
        effect = _suffix_effect(cls, r, ctx)
        if cls in ("since", "start") and start_prefix:
            start -= len(start_prefix)
    kind, value, note = effect.kind, effect.value, effect.note
    if by_prefix and kind in ("point", "by"):
        start -= len(by_prefix)
        if kind == "point":
            value = Interval(None, r.last) if r.resolved else None
        kind = "by"
    elif asof_prefix and kind == "point":
        start -= len(asof_prefix)
        note = "as of this time"
    return _Draft(start, end, kind, value, r.granularity, r.anchor, effect.approximate, note, resolved=r,
                  suffix=suffix[0] if suffix else None)


def _clause_prefix(text: str, pos: int) -> str | None:
    """到/至 opening a deadline: at a clause start or after an opener word (力争到年底)."""
    aff = lexicon()["affixes"]
    word = _match_prefix(text, pos, aff["clause_by_prefix"])
    if word is None:
        return None
    before = text[:pos - len(word)]
    if not before or before[-1] in "，。；：、！？,;:\n \t“\"（(" or any(before.endswith(o) for o in aff["clause_openers"]):
        return word
    return None


def _range_draft(left: Candidate, rl: Resolved, right: Candidate, rr: Resolved, folded: str) -> _Draft:
    start, end = left.start, right.end
    if prefix := _match_prefix(folded, start, _affix("start_prefix")):
        start -= len(prefix)
    if word := _match_suffix(folded, end, ["为止", "止", "期间"]):
        end += len(word)
    value = Interval(rl.first, rr.last) if rl.resolved and rr.resolved else None
    anchor = "explicit" if rl.anchor == rr.anchor == "explicit" else "document"
    return _Draft(start, end, "span", value, coarser(rl.granularity, rr.granularity), anchor,
                  rl.approximate or rr.approximate)


def _range_gap(folded: str, a: int, b: int) -> bool:
    return re.fullmatch(rf"\s*(?:起|开始)?\s*{CONNECT}\s*", folded[a:b]) is not None


def _duration(c: Candidate) -> Duration:
    unit, per = lexicon()["duration_units"][c.groups["unit"]]
    amount = to_number(c.groups["n"])
    return Duration(amount * per if amount is not None else None, unit)


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


def _duration_draft(c: Candidate, ctx: Context, text: str) -> _Draft:
    d = _duration(c)
    g = c.groups
    past = g.get("dpre") in lexicon()["duration"]["past_prefix"] or g.get("dsuf") in ("来", "以来")
    within = g.get("dsuf") in ("内", "以内", "之内", *lexicon()["duration"]["use_suffix"])
    fine = d.unit in ("hour", "minute")
    granularity = d.unit if fine else "day"
    kind = "within" if within and not past else "span"
    trigger = _event_in_sentence(text, c.start)
    if within and not past and trigger is not None:
        return _Draft(c.start, c.end, "event_relative", None, granularity, "event", duration=d, event=trigger,
                      note="relative to the event named earlier in the sentence, not to the document date")
    if ctx.base is None or d.amount is None:
        return _Draft(c.start, c.end, kind, None, granularity, "document", approximate=d.amount is None, duration=d)
    origin = ctx.base_time if fine else datetime.combine(ctx.base, time())
    if past:
        moved, approx = _shift(origin, d, -1)
        value = Interval(moved, _base_end(ctx))
    else:
        moved, approx = _shift(origin, d, 1)
        value = Interval(origin, moved if fine else datetime.combine(moved.date(), END_OF_DAY))
    note = "working days past chinese-calendar's data counted as Monday–Friday" if approx else None
    return _Draft(c.start, c.end, kind, value, granularity, "document", approx, note, duration=d)


def _event_in_sentence(text: str, pos: int) -> str | None:
    """The event clause ('事件发生') before ``pos`` in the same sentence, if a trigger word names one."""
    floor = max(0, pos - _CLAUSE_REACH)
    begin = max(floor, max(text.rfind(ch, floor, pos) for ch in SENTENCE_END) + 1)
    clause = text[begin:pos]
    best = _trigger_pattern().search(clause)
    return best.group("event") if best else None


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern[str]:
    words = "|".join(re.escape(w) for w in sorted(lexicon()["event"]["triggers"], key=len, reverse=True))
    return re.compile(rf"(?P<event>(?:{words})[^，,。；;：:]{{0,10}}?)(?:之后|以后|后|时)")


def _event_draft(c: Candidate) -> _Draft:
    d = _duration(c)
    note = "relative to the event, not to the document date"
    if "before" in c.groups:                     # 任期届满前6个月: counted back from the event
        d = Duration(-d.amount if d.amount is not None else None, d.unit)
        note = "before the event (negative duration), not relative to the document date"
    return _Draft(c.start, c.end, "event_relative", None, d.unit if d.unit in ("hour", "minute") else "day",
                  "event", duration=d, event=c.groups["ev"], note=note)


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


def _recurring_draft(c: Candidate, nxt: Candidate | None, folded: str, ctx: Context) -> tuple[_Draft, bool]:
    """A recurring expression, consuming ``nxt`` as its tail when it belongs (每月 + 28日前)."""
    g = c.groups
    if "rword" in g:
        return _Draft(c.start, c.end, "recurring", None, None, None, recurrence=Recurrence(None, 1),
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
        if ctx.base is not None and (occurrence := _next_occurrence(nxt, freq, ctx)):
            value, granularity = _interval(occurrence), occurrence.granularity
    elif short:
        at = short.group(0)
        end += len(at)
        if ctx.base is not None:
            value, granularity, approximate = _short_occurrence(at, freq, ctx.base)
    if at and (by := _match_suffix(folded, end, _affix("by_suffix"))):
        end += len(by)
        at += by
        if occurrence is not None:
            value = _before(occurrence)
        elif value is not None:
            value = Interval(None, value.end)
    if at is None:
        note = "frequency only: no point in the period to resolve"
    else:
        note = None if value else "next occurrence needs a base date"
    if granularity is None and at is None and freq in GRANULARITIES:
        granularity = freq
    if approximate:
        note = "working days past chinese-calendar's data counted as Monday–Friday"
    return _Draft(c.start, end, "recurring", value, granularity, "document" if at else None, approximate,
                  recurrence=Recurrence(freq, interval, at), note=note), consumed


def _next_occurrence(tail: Candidate, freq: str, ctx: Context) -> Resolved | None:
    """The tail's first occurrence ending on or after the base date (this period or the next)."""
    base = ctx.base
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
        if r.resolved and r.last.date() >= base:
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
        a = b = months if nth["last"] else int(to_number(nth["n"]))
    else:
        a, b = {"初": (1, 1), "中": (2, 2), "末": (months, months), "底": (months, months)}[at]
    if b > months:
        return None
    lo, hi = add_months(first, a - 1), add_months(first, b) - timedelta(days=1)
    if nth and nth["d"]:                                   # 每季度第一个月的10日
        day_no = int(to_number(nth["d"]))
        if day_no > hi.day:
            return None
        return *days(lo.replace(day=day_no), lo.replace(day=day_no)), "day", False
    return *days(lo, hi), "month", False


def _since_event_draft(c: Candidate, ctx: Context) -> _Draft:
    """党的十八大以来: from the event's date to the base date (open when there is no base)."""
    when = date.fromisoformat(lexicon()["named_events"][c.groups["nev"]])
    return _Draft(c.start, c.end, "span", Interval(datetime.combine(when, time()), _base_end(ctx)), "day", "explicit",
                  note=f"since {c.groups['nev']} ({when.isoformat()})")


def _limit(c: Candidate, text: str) -> Limit:
    return Limit(text[c.start:c.end], c.start, c.end, _duration(c), c.groups.get("cond"))


# ---------------------------------------------------------------------------------------------

def extract_times(text: str, base: date | datetime | str | None = None) -> list[TimeExpression]:
    """Time expressions in ``text``, in order, resolved against ``base`` (a date; None = unknown).

    Without a base, relative expressions (明年, 年底前, 5个工作日内) are still found, with value None.

    >>> from datetime import date
    >>> [t.to_dict()["value"] for t in extract_times("“十四五”期间", date(2024, 1, 1))]
    [{'start': '2021-01-01T00:00:00', 'end': '2025-12-31T23:59:59'}]
    """
    if not isinstance(text, str):
        raise InputError("text", f"expected str, got {type(text).__name__}")
    ctx = Context.from_base(_normalise_base(base))
    folded = fold(text)
    widened = (_widen(c, folded) for c in scan(text, folded))
    chosen = _select([c for c in widened if c is not None and _plausible(c, folded)], len(text))
    limits = [c for c in chosen if c.family == "limit"]
    drafts = _build([c for c in chosen if c.family != "limit"], text, folded, ctx)
    _share_suffixes(drafts, folded, ctx)
    _attach_limits(drafts, limits, text)
    return [TimeExpression(text[d.start:d.end], d.start, d.end, d.kind, d.value, d.granularity, d.anchor,
                           d.approximate, d.note, d.duration, d.recurrence, d.event, d.limits) for d in drafts]


def _build(chosen: list[Candidate], text: str, folded: str, ctx: Context) -> list[_Draft]:
    """One draft per candidate, or per pair when two make a range or a recurring head takes its tail."""
    drafts: list[_Draft] = []
    reach = lexicon()["relative"]["year_in_text"]["reach"]
    year_at: tuple[int, int, int | None] | None = None    # (year, end offset, month) of the last explicit date
    sentence_end = -1                                     # where the sentence of that date ends
    base_ctx = ctx
    i = 0
    while i < len(chosen):
        c = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        ctx = replace(base_ctx, text_year=year_at[0] if year_at and c.start - year_at[1] <= reach else None)
        if year_at and c.start <= sentence_end:
            # 2019年3月启动，10月完成: a bare month or day takes the year (and month) written earlier in the sentence
            ctx = replace(ctx, year=year_at[0], month=year_at[2] or ctx.month, year_explicit=True)
        step = 1
        draft: _Draft | None
        if c.family == "vague":
            draft = _Draft(c.start, c.end, "vague", None, None, None)
        elif c.family in ("event", "event_before"):
            draft = _event_draft(c)
        elif c.family == "duration":
            draft = _duration_draft(c, ctx, text)
        elif c.family == "since_event":
            draft = _since_event_draft(c, ctx)
        elif c.family == "plan_placeholder":     # “”规划的开局之年: the plan's number was lost
            draft = _Draft(c.start, c.end, "point", None, "year", None, note="placeholder plan period (“”规划)")
        elif c.family == "recurring":
            draft, consumed = _recurring_draft(c, nxt, folded, ctx)
            step += consumed
        elif c.family == "per_unit":
            freq, per = lexicon()["recurring"]["units"][c.groups["runit"]]
            draft = _Draft(c.start, c.end, "recurring", None, freq if freq in GRANULARITIES else None, None,
                           recurrence=Recurrence(freq, int(per)), note="frequency only: no point in the period to resolve")
        else:
            draft, step = _calendar(c, nxt, text, folded, ctx)
        if draft is not None:
            drafts.append(draft)
            r = draft.resolved
            if r is not None and r.anchor == "explicit" and r.year is not None and draft.value is not None \
                    and not text[c.start:c.end].endswith("年度"):      # 2025年度述职……1月底前: the review year
                year_at = (r.year, draft.end, r.month if r.granularity in ("day", "xun", "month", "hour", "minute") else None)
                if draft.end > sentence_end:          # search each sentence's end once
                    found = _SENTENCE_END.search(folded, draft.end)
                    sentence_end = found.start() if found else len(folded)
            # a suffix or a tail may have swallowed the next candidates (每季度第一个月的10日前)
            while i + step < len(chosen) and chosen[i + step].start < draft.end:
                step += 1
        i += step
    return drafts


def _calendar(c: Candidate, nxt: Candidate | None, text: str, folded: str, ctx: Context) -> tuple[_Draft | None, int]:
    """A calendar candidate alone, or with ``nxt`` as the right side of a range; and how many it used."""
    try:
        r = resolve(c, ctx)
    except Invalid:
        return None, 1
    if nxt is not None and nxt.family in CALENDAR and _range_gap(folded, c.end, nxt.start):
        try:
            rr = resolve(nxt, inherit(ctx, r))
        except Invalid:
            rr = None
        if rr is not None:
            return _range_draft(c, r, nxt, rr, folded), 2
    return _calendar_draft(c, r, text, folded, ctx), 1


def _share_suffixes(drafts: list[_Draft], folded: str, ctx: Context) -> None:
    """元旦、春节前 / 中秋、国庆期间: a bare time joined to a suffixed one of the same sort shares its suffix."""
    joiners = lexicon()["affixes"]["coordinators"]
    for left, right in zip(drafts, drafts[1:]):
        if (left.kind == "point" and left.suffix is None and right.suffix is not None
                and left.resolved is not None and right.resolved is not None
                and left.resolved.festival == right.resolved.festival
                and left.resolved.granularity == right.resolved.granularity
                and folded[left.end:right.start] in joiners):
            effect = _suffix_effect(right.suffix, left.resolved, ctx)
            left.kind, left.value, left.note, left.suffix = effect.kind, effect.value, effect.note, right.suffix


def _attach_limits(drafts: list[_Draft], limits: list[Candidate], text: str) -> None:
    """Give each limit (特殊情况不能超过24小时) to the nearest event-relative rule before it."""
    reach = lexicon()["event"]["limit_reach"]
    rules = [d for d in drafts if d.kind == "event_relative"]
    ends = [d.end for d in rules]
    for c in limits:
        k = bisect_right(ends, c.start) - 1
        if k < 0:
            continue
        owner = rules[k]
        if c.start - owner.end <= reach and "\n" not in text[owner.end:c.start]:
            owner.limits = owner.limits + (_limit(c, text),)
