"""Prefixes, suffixes and ranges around a resolved calendar expression (6月底前, 自即日起, 3月1日至5月31日).

>>> from datetime import date
>>> from djnlp.timex.patterns import scan
>>> from djnlp.timex.resolve import Context, resolve
>>> ctx = Context.from_base(date(2024, 3, 15))
>>> c = next(c for c in scan("9月30日前报送") if c.family == "month")
>>> d = calendar_draft(c, resolve(c, ctx), "9月30日前报送", ctx)
>>> d.kind, d.end, d.value.end.isoformat()
('by', 6, '2024-09-30T23:59:59')
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import timedelta
from functools import lru_cache

from djnlp.timex.affixes import affix, clause_prefix, match_prefix, match_suffix
from djnlp.timex.calendar import add_workdays, holiday_period
from djnlp.timex.draft import Draft, around_window, base_end, deadline_before, interval_of
from djnlp.timex.lexicon import lexicon
from djnlp.timex.model import Interval
from djnlp.timex.patterns import CONNECT, QUOTE_CLOSE, QUOTE_OPEN, Candidate
from djnlp.timex.resolve import Context, Resolved, coarser, days


# Suffix classes in the order they are tried; inperiod candidates (年内) already carry their 内.
SUFFIXES = ("on", "at", "around", "offwork", "by", "within", "since", "start", "during", "first_workday", "from", "after")


@dataclass(frozen=True)
class Effect:
    """What a suffix makes of a time: its kind, value, note and whether it is approximate."""

    kind: str
    value: Interval | None
    note: str | None = None
    approximate: bool = False


def suffix_effect(cls: str, r: Resolved, ctx: Context) -> Effect:
    """What a suffix of class ``cls`` (前, 起, 以来, 期间 …) does to the resolved time ``r``."""
    if cls == "on":                                # 元旦当天
        return Effect("point", interval_of(r), r.note)
    if cls == "at":                                # 建党90周年之际: the day itself
        return Effect("point", interval_of(r), r.note, r.festival)
    if cls == "around":
        value, kind = around_window(r)
        return Effect(kind, value, r.note, True)
    if cls == "by":
        return Effect("by", deadline_before(r), r.note)
    if cls == "offwork":
        return Effect("by", Interval(None, r.last) if r.resolved else None, r.note)
    if cls == "within":
        return Effect("by", Interval(None, r.last) if r.resolved else None, r.note)
    if cls == "since":
        return Effect("span", Interval(r.first, base_end(ctx)) if r.resolved else None, r.note)
    if cls == "start":
        return Effect("span", Interval(r.first, None) if r.resolved else None, "open-ended: from this time on")
    if cls == "holiday_by":                       # “五一”假期前: the day before the days off begin
        if r.festival and r.first is not None and (period := holiday_period(r.first.date())):
            return Effect("by", Interval(None, days(period[0], period[0] - timedelta(days=1))[1]),
                          "before the official holiday around the festival")
        return Effect("by", deadline_before(r), r.note)
    if cls == "first_workday":                    # 国庆节后第一个工作日
        if r.last is None:
            return Effect("point", None, r.note)
        last = r.last.date()
        if r.festival and (period := holiday_period(last)):
            last = period[1]
        day, approximate = add_workdays(last, 1)
        return Effect("point", Interval(*days(day, day)), "the first working day after the time", approximate)
    if cls == "from":
        return Effect("span", Interval(r.first, None) if r.resolved else None, "open-ended: from this time on")
    if cls == "during":
        if r.festival and r.first is not None and (period := holiday_period(r.first.date())):
            return Effect("span", Interval(*days(*period)), "the official holiday around the festival")
        return Effect("span", interval_of(r), r.note)
    # after
    return Effect("span", Interval(r.last + timedelta(seconds=1), None) if r.last is not None else None,
                   "open-ended: after this time")


@lru_cache(maxsize=1)
def _suffix_starts() -> frozenset[str]:
    return frozenset(word[0] for cls in SUFFIXES for word in affix(f"{cls}_suffix"))


def find_suffix(folded: str, end: int, inperiod: bool) -> tuple[str, str] | None:
    """(class, word) of the suffix at ``end``, if any."""
    if folded[end:end + 1] not in _suffix_starts():      # most times have none: rule it out at once
        return None
    for cls in SUFFIXES:
        if inperiod and cls not in ("since", "start", "during"):
            continue
        if word := match_suffix(folded, end, affix(f"{cls}_suffix")):
            if cls == "during" and (by := match_suffix(folded, end + len(word), affix("by_suffix"))):
                return "holiday_by", word + by
            if cls == "during" and (first := match_suffix(folded, end + len(word), affix("first_workday_suffix"))):
                return "first_workday", word + first             # 春节假期后第一天
            return cls, word
    return None


def calendar_draft(c: Candidate, r: Resolved, folded: str, ctx: Context) -> Draft:
    """Apply the prefix and suffix words around a resolved calendar candidate."""
    start, end = c.start, c.end
    if start > 0 and folded[start - 1] in QUOTE_OPEN and folded[end:end + 1] in QUOTE_CLOSE:
        start -= 1
        end += 1
    kind = "span" if c.family in ("yrange", "mrange", "drange", "qrange", "first_n", "year_pair") else "point"
    if (part := c.groups.get("ypart")) and lexicon()["year_parts"][part].get("span"):
        kind = "span"
    if c.family == "plan" and r.first is not None and r.last is not None and r.first.year != r.last.year:
        kind = "span"
    effect = Effect(kind, interval_of(r), r.note, r.approximate)
    if c.family == "inperiod":
        effect = Effect("by", Interval(None, r.last) if r.resolved else None, r.note)

    by_prefix = match_prefix(folded, start, affix("by_prefix")) or clause_prefix(folded, start)
    asof_prefix = match_prefix(folded, start, affix("asof_prefix"))
    start_prefix = match_prefix(folded, start, affix("start_prefix"))
    if r.festival and (label := _festival_label(folded, end)):      # 中秋、国庆“双节”期间
        end += len(label)
    suffix = find_suffix(folded, end, c.family == "inperiod")
    if suffix:
        cls, word = suffix
        end += len(word)
        effect = suffix_effect(cls, r, ctx)
        if cls == "by" and word != "前夕" and r.first is not None and _bare_month(c):    # 3月前: before March begins
            effect = Effect("by", Interval(None, r.first - timedelta(seconds=1)), "before the month begins")
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
    return Draft(start, end, kind, value, r.granularity, r.anchor, effect.approximate, note, resolved=r,
                  suffix=suffix[0] if suffix else None)


def _bare_month(c: Candidate) -> bool:
    """A month written alone (3月, 次年3月), with no day or part of it."""
    g = c.groups
    return "m" in g and not {"d", "dph", "mpart", "mwd"} & g.keys() and c.family in ("month", "year")


def _festival_label(folded: str, end: int) -> str | None:
    """A quoted or bare label after a festival list (“双节”, 两节) when a suffix follows it."""
    for label in sorted(lexicon()["affixes"]["festival_labels"], key=len, reverse=True):
        for text in (f"“{label}”", f'"{label}"', label):
            if folded.startswith(text, end) and find_suffix(folded, end + len(text), False):
                return text
    return None


def range_draft(left: Candidate, rl: Resolved, right: Candidate, rr: Resolved, folded: str) -> Draft:
    start, end = left.start, right.end
    if prefix := match_prefix(folded, start, affix("start_prefix")):
        start -= len(prefix)
    if word := match_suffix(folded, end, ["为止", "止", "期间"]):
        end += len(word)
    value = Interval(rl.first, rr.last) if rl.resolved and rr.resolved else None
    anchor = "explicit" if rl.anchor == rr.anchor == "explicit" else "document"
    return Draft(start, end, "span", value, coarser(rl.granularity, rr.granularity), anchor,
                  rl.approximate or rr.approximate)


def range_gap(folded: str, a: int, b: int) -> bool:
    return re.fullmatch(rf"\s*(?:起|开始)?\s*{CONNECT}\s*", folded[a:b]) is not None
