"""Times written against an occasion rather than a date: 汛期前, 两会期间, 秋季学期结束前, 党的十七大召开前.

An occasion from the lexicon's ``[occasions]`` list has no date of its own, so the expression is
``event_relative`` with value None; a congress whose dates are in ``[named_events]`` /
``[named_event_ends]`` is resolved (党的十七大召开前 → by 2007-10-14), still anchored on the event.

>>> from djnlp.timex import extract_times
>>> t = extract_times("汛期前，要组建党员突击队。")[0]
>>> t.text, t.kind, t.event, t.value
('汛期前', 'event_relative', '汛期', None)
>>> t = extract_times("党的十七大召开前，做好党代表选举工作。")[0]
>>> t.event, t.value.end.date().isoformat()
('十七大召开', '2007-10-14')
>>> extract_times("改革开放以后，农村面貌发生巨大变化。")[0].value.start.date().isoformat()
'1978-12-19'
"""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from djnlp.timex.draft import Draft
from djnlp.timex.lexicon import lexicon
from djnlp.timex.model import Interval
from djnlp.timex.patterns import Candidate
from djnlp.timex.resolve import END_OF_DAY, days

_CLOSING_VERBS = ("闭幕", "结束")


def _dates(name: str) -> tuple[date, date] | None:
    """Opening and closing day of a named event (a one-day event when no closing day is listed)."""
    lx = lexicon()
    if name not in lx["named_events"]:
        return None
    opening = date.fromisoformat(lx["named_events"][name])
    return opening, date.fromisoformat(lx["named_event_ends"].get(name, opening.isoformat()))


def occasion_draft(c: Candidate) -> Draft:
    """An occasion with its suffix: event_relative, resolved only when the occasion has known dates."""
    name, verb, suffix = c.groups["occ"], c.groups.get("ov", ""), c.groups["osuf"]
    role = lexicon()["occasions"]["suffixes"][suffix]
    value = None
    note = "relative to an occasion with no fixed date"
    if dates := _dates(name):
        opening, closing = dates
        ref = closing if verb in _CLOSING_VERBS else opening
        if role == "before":
            value = Interval(None, datetime.combine(ref - timedelta(days=1), END_OF_DAY))
        elif role == "during":
            value = Interval(*days(opening, closing))
        elif role == "at":
            value = Interval(*days(ref, ref))
        else:
            value = Interval(datetime.combine(ref + timedelta(days=1), time()), None)
        note = f"{name}: {opening.isoformat()}..{closing.isoformat()}"
    return Draft(c.start, c.end, "event_relative", value, "day", "event", note=note, event=name + verb)
