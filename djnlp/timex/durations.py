"""Durations: 5个工作日内, 两年内, 用3年时间 (within), 近3年来 / 今后五年 (spans), and moving a time by one.

>>> from datetime import date
>>> from djnlp.timex import extract_times
>>> extract_times("3天内完成", date(2024, 3, 15))[0].value.end.isoformat()
'2024-03-18T23:59:59'
"""
from __future__ import annotations

import re
from datetime import datetime, time

from djnlp.timex.draft import Draft, base_end, duration_of, forward, shift
from djnlp.timex.events import event_in_sentence
from djnlp.timex.lexicon import lexicon
from djnlp.timex.model import Interval
from djnlp.timex.patterns import Candidate
from djnlp.timex.resolve import Context


# what a term (期限为3个月) is counted from, written after it: "，自反馈之日起计算"
_TERM_START = re.compile(r"[，,]?\s*(?:自|从)(?P<event>[^，,。；;]{1,12}?)(?:之日|之时)?(?:起|开始)(?:计算|计)?")


def duration_draft(c: Candidate, ctx: Context, text: str) -> Draft:
    d = duration_of(c)
    g = c.groups
    dur = lexicon()["duration"]
    past = g.get("dpre") in dur["past_prefix"] or g.get("dsuf") in ("来", "以来")
    within = (g.get("dsuf") in ("内", "以内", "之内") or g.get("dsuf") in dur["use_suffix"]
              or g.get("dpre") in dur["term_prefix"])
    fine = d.unit in ("hour", "minute")
    granularity = d.unit if fine else "day"
    kind = "within" if within and not past else "span"
    trigger = event_in_sentence(text, c.start)
    if g.get("dpre") in dur["term_prefix"]:        # 整改期限为3个月，自反馈之日起计算: the term names its start
        found = _TERM_START.match(text, c.end)
        trigger = found.group("event") if found else None
    if trigger is not None and any(ref in trigger for ref in lexicon()["event"]["document_refs"]):
        trigger = None                              # 收到本通知后……10个工作日内: the document's own date
    if within and not past and trigger is not None:
        return Draft(c.start, c.end, "event_relative", None, granularity, "event", duration=d, event=trigger,
                      note="relative to the event its sentence names, not to the document date")
    if ctx.base is None or ctx.base_time is None or d.amount is None:
        return Draft(c.start, c.end, kind, None, granularity, "document", approximate=d.amount is None, duration=d)
    origin = ctx.base_time if fine else datetime.combine(ctx.base, time())
    if past:
        moved, approx = shift(origin, d, -1)
        value = Interval(moved, base_end(ctx))
    else:
        value, approx = forward(origin, d)
    note = "working days past chinese-calendar's data counted as Monday–Friday" if approx else None
    return Draft(c.start, c.end, kind, value, granularity, "document", approx, note, duration=d)
