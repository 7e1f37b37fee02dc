"""Event-relative rules (事发后6小时内, 任期届满前6个月), their limits (特殊情况不能超过24小时) and
spans since a dated event (党的十八大以来).

>>> from djnlp.timex import extract_times
>>> rule = extract_times("收到通知后3个工作日内反馈，最迟不得超过5个工作日。")[0]
>>> rule.event, rule.duration.amount, rule.limits[0].duration.amount
('收到通知', 3, 5)
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date, datetime, time, timedelta
from functools import lru_cache

from djnlp.timex.draft import Draft, base_end, duration_of, forward
from djnlp.timex.lexicon import lexicon, to_number
from djnlp.timex.model import Duration, Interval, Limit
from djnlp.timex.patterns import CONGRESS, Candidate
from djnlp.timex.calendar import holiday_period
from djnlp.timex.resolve import Context, Resolved, festival

SENTENCE_END = "。！？；!?;\n"
_CLAUSE_REACH = 200          # how far back an event trigger is looked for in the same sentence
_EVENT_STOP = set("，。；：！？,;:!?、（）()“”\"'‘’《》 \t\n年月日号0123456789〇零一二两三四五六七八九十百千")
_CONGRESS = re.compile(rf"(?:党的)?(?<![〇零一二三四五六七八九十]){CONGRESS}")
_LIMIT_STOP = set("，。；,;：:！？!?\n")


def widen(c: Candidate, folded: str) -> Candidate | None:
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
    for m in _CONGRESS.finditer(folded, max(0, j - 12), c.start):     # 党的十九大|闭幕后一个月内: numerals stop
        if m.start() < j < m.end():                                     # the look-back; a congress is one name
            j = m.start()
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


def event_in_sentence(text: str, pos: int) -> str | None:
    """The event clause ('事件发生') before ``pos`` in the same sentence, if a trigger word names one
    (事发后, 收到通知时, 出现问题的，…) or a condition opens the sentence (如遇选举纠纷，…)."""
    floor = max(0, pos - _CLAUSE_REACH)
    begin = max(floor, max(text.rfind(ch, floor, pos) for ch in SENTENCE_END) + 1)
    clause = text[begin:pos]
    best = _trigger_pattern().search(clause)
    return (best.group("event") or best.group("cond")) if best else None


@lru_cache(maxsize=1)
def _trigger_pattern() -> re.Pattern[str]:
    ev = lexicon()["event"]
    words = "|".join(re.escape(w) for w in sorted(ev["triggers"], key=len, reverse=True))
    conditions = "|".join(re.escape(w) for w in sorted(ev["condition_openers"], key=len, reverse=True))
    # 事发后 / 收到通知时 / 出现违纪问题的，… / 如遇选举纠纷，…
    return re.compile(rf"(?P<event>(?:{words})[^，,。；;：:]{{0,10}}?)(?:之后|以后|后|时|的(?=[，,]))"
                      rf"|(?:{conditions})(?P<cond>[^，,。；;：:]{{1,12}})(?=[，,])")


def event_draft(c: Candidate, ctx: Context, folded: str, named: Resolved | None = None) -> Draft:
    """An event-relative rule; resolved when the event is the document itself (接到本通知后10个工作日内:
    kind within, anchor document), a congress with known dates (十九大闭幕后一个月内) or 节/假期 after a
    festival named earlier in the sentence (``named``: 端午节前后……节后3日内)."""
    d = duration_of(c)
    event = c.groups["ev"]
    granularity = d.unit if d.unit in ("hour", "minute") else "day"
    if "before" in c.groups:                     # 任期届满前6个月: counted back from the event
        d = Duration(-d.amount if d.amount is not None else None, d.unit)
        return Draft(c.start, c.end, "event_relative", None, granularity, "event", duration=d, event=event,
                     note="before the event (negative duration), not relative to the document date")
    if any(ref in event for ref in lexicon()["event"]["document_refs"]):
        start = c.start - (c.start > 0 and folded[c.start - 1] in "自从")    # 自本通知印发之日起30日内
        value = approximate = None
        if ctx.base is not None and d.amount is not None:
            value, approximate = forward(datetime.combine(ctx.base, time()), d)
        return Draft(start, c.end, "within", value, granularity, "document", bool(approximate), duration=d,
                     event=event, note="counted from the document's own date (the base date)")
    value, note = None, "relative to the event, not to the document date"
    fest = named if event in lexicon()["event"]["festival_refs"] else _festival_event(event, ctx)
    if fest is not None and fest.last is not None:                # 节后3日内 / 国庆假期结束后3个工作日内
        last = fest.last.date()
        if period := holiday_period(last):
            last = period[1]
        if d.amount is not None:
            window, _ = forward(datetime.combine(last, time()), d)
            value = Interval(datetime.combine(last + timedelta(days=1), time()), window.end)
        note = f"counted from the festival's last day off ({last.isoformat()})"
    elif (day := _congress_day(event)) is not None and d.amount is not None:
        value, _ = forward(datetime.combine(day, time()), d)
        note = f"counted from {event} ({day.isoformat()})"
    return Draft(c.start, c.end, "event_relative", value, granularity, "event", duration=d, event=event, note=note)


def document_start_draft(c: Candidate, ctx: Context) -> Draft:
    """本办法自印发之日起施行: an open span from the document's own date (the base date)."""
    value = Interval(datetime.combine(ctx.base, time()), None) if ctx.base else None
    return Draft(c.start, c.end, "span", value, "day", "document",
                 note="from the document's own date (the base date), open-ended")


def _festival_event(event: str, ctx: Context) -> Resolved | None:
    """The festival an event phrase names with a holiday word (国庆假期结束, 春节长假), resolved."""
    lx = lexicon()
    tails = ("", *lx["event"]["festival_refs"])
    for name in sorted(lx["festivals"], key=len, reverse=True):
        rest = event.removeprefix(name)
        if rest != event and rest.removesuffix("结束") in tails:
            return festival(name, ctx.year, "document", ctx, pick_year=True)
    return None


def _congress_day(event: str) -> date | None:
    """The day a dated congress opened or closed (十九大闭幕 → 2017-10-24), from the lexicon."""
    lx = lexicon()
    name = event.removeprefix("党的")
    for key, opened in lx["named_events"].items():
        if name.startswith(key) and key in lx["named_event_ends"]:
            verb = name[len(key):]
            if verb in ("闭幕", "结束", "胜利闭幕"):
                return date.fromisoformat(lx["named_event_ends"][key])
            if verb in ("召开", "开幕", "胜利召开"):
                return date.fromisoformat(opened)
    return None


def since_event_draft(c: Candidate, ctx: Context) -> Draft:
    """党的十八大以来: from the event's date to the base date (open when there is no base)."""
    when = date.fromisoformat(lexicon()["named_events"][c.groups["nev"]])
    return Draft(c.start, c.end, "span", Interval(datetime.combine(when, time()), base_end(ctx)), "day", "explicit",
                  note=f"since {c.groups['nev']} ({when.isoformat()})")


def _limit(c: Candidate, text: str) -> Limit:
    return Limit(text[c.start:c.end], c.start, c.end, duration_of(c), c.groups.get("cond"))


def attach_limits(drafts: list[Draft], limits: list[Candidate], text: str) -> None:
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
