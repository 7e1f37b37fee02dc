"""From candidates to time expressions: the steps behind :func:`djnlp.timex.extract.extract_times`.

:func:`assemble` takes a text and its :class:`~djnlp.timex.resolve.Context`: it scans the text,
chooses among the candidates, builds a draft for each (or each pair) and combines neighbours. It
trusts its arguments: ``extract_times`` checks them first. (The split lets this module be compiled
with mypyc, which rejects a wrongly typed argument with a TypeError before a function's body runs,
while the public function, left interpreted, answers it with :class:`~djnlp.errors.InputError`.)

>>> from datetime import date
>>> [(t.text, t.kind) for t in assemble("各地要在年底前完成换届。", Context.from_base(date(2024, 3, 15)))]
[('年底前', 'by')]
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

from djnlp.timex.compose import calendar_draft, range_draft, range_gap, suffix_effect
from djnlp.timex.draft import Draft
from djnlp.timex.durations import duration_draft
from djnlp.timex.events import (SENTENCE_END, attach_limits, document_start_draft, event_draft, event_in_sentence,
                                since_event_draft, widen)
from djnlp.timex.lexicon import lexicon
from djnlp.timex.model import Interval, TimeExpression
from djnlp.timex.occasions import occasion_draft
from djnlp.timex.patterns import QUOTE_CLOSE, QUOTE_OPEN, Candidate, fold, mask_item_numbers, scan
from djnlp.timex.recurring import per_unit_draft, recurring_draft
from djnlp.timex.resolve import Context, Invalid, Resolved, inherit, resolve
from djnlp.timex.tense import tense

CALENDAR = frozenset({"anniversary", "year_pair", "decade", "year", "month", "quarter", "ypart", "inperiod", "mpart", "hmonth", "day", "relday", "week",
                      "clock", "festival", "plan", "yrange", "mrange", "drange", "qrange", "iso", "first_n"})
# Tie-break among equally long candidates: earlier in this tuple wins.
PRIORITY = ("event", "event_before", "doc_start", "since_event", "occasion", "anniversary", "year_pair", "decade", "recurring", "per_unit", "yrange", "drange", "mrange", "qrange",
            "first_n", "iso", "year", "month", "quarter", "plan", "plan_placeholder", "festival", "week", "relday", "inperiod",
            "ypart", "mpart", "hmonth", "day", "clock", "limit", "duration", "vague")
_SENTENCE_END = re.compile("[" + SENTENCE_END + "]")
# Families whose year may be inferred from the way the clause faces, and groups that fix the year.
_GRACE = timedelta(days=31)   # a plan may name a time this long past (a document issued late)
_FESTIVAL_REACH = 80          # 节后 refers back to a festival at most this many characters before
_ROLLABLE = frozenset({"month", "quarter", "ypart", "mrange", "drange", "qrange"})
_FIXED_YEAR = frozenset({"y", "yrel", "yph", "mrel", "qrel", "qbare"})


def _plausible(c: Candidate, text: str) -> bool:
    """False for candidates that look like times but are not (a bare duration, 七一勋章, 四季)."""
    g, fam = c.groups, c.family
    if fam == "duration":
        if g["unit"] == "年" and re.fullmatch(r"(?:19|20)\d\d", g["n"]):      # 2019年以来 is a year
            return False
        if g["n"] == "半" and c.start > 0 and text[c.start - 1] in "上下":     # 下半年以来 is a half-year
            return False
        dur = lexicon()["duration"]
        if g.get("dpre") in dur["term_prefix"]:               # 整改期限为3个月
            return True
        uses = g.get("dpre") in dur["use_prefix"], g.get("dsuf") in dur["use_suffix"]
        if any(uses):
            return all(uses)
        return "dpre" in g or "dsuf" in g
    if fam == "anniversary":       # 建党90周年之际 (not the name of a meeting: 庆祝建党85周年暨表彰大会)
        return text.startswith(tuple(lexicon()["festival_options"]["short_followers"]), c.end)
    if fam == "festival":
        spec = lexicon()["festivals"][g["fest"]]
        after = text[c.end:c.end + 6].lstrip(QUOTE_CLOSE)
        opts = lexicon()["festival_options"]
        if any(after.startswith(w) for w in opts["guard_words"]):
            return False
        if spec.get("short"):       # 七一前, “五一”期间; a quoted name alone too (“五一”), but not 七一勋章
            quoted = c.start > 0 and text[c.start - 1] in QUOTE_OPEN and text[c.end:c.end + 1] in QUOTE_CLOSE
            return quoted or any(after.startswith(w) for w in opts["short_followers"])
        return True
    if fam == "quarter":
        return "qbare" not in g or "qpart" in g
    if fam == "relday" and text.startswith("的", c.end):     # 明天的希望, 今天的中国: a figure of speech
        return not text.startswith(tuple(lexicon()["relative"]["day_metaphor"]["words"]), c.end + 1)
    if fam == "clock":      # 三点意见, 这一点, 一时难以, 十二点一 (a decimal): not clock times
        if "mi" in g and "点" in c.text and not c.text.endswith("分") and not g["mi"].isdigit():
            return False
        return bool({"dpart", "hhc", "mi", "half", "qh"} & g.keys()) or (g["hh"].isdigit() and "时" in c.text)
    if fam == "plan":
        quoted = c.text[:1] in QUOTE_OPEN
        return quoted or "ppart" in g or "pplan" in g
    return True


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


def assemble(text: str, ctx: Context) -> list[TimeExpression]:
    """Time expressions in ``text``, in order, resolved in ``ctx`` (the steps: :mod:`djnlp.timex.extract`)."""
    folded = mask_item_numbers(fold(text))
    widened = (widen(c, folded) for c in scan(text, folded))
    chosen = _select([c for c in widened if c is not None and _plausible(c, folded)], len(text))
    limits = [c for c in chosen if c.family == "limit"]
    drafts = _build([c for c in chosen if c.family != "limit"], text, folded, ctx)
    drafts = _join_adjacent(_share_suffixes(drafts, folded, ctx))
    attach_limits(drafts, limits, text)
    return [TimeExpression(text[d.start:d.end], d.start, d.end, d.kind, d.value, d.granularity, d.anchor,
                           d.approximate, d.note, d.duration, d.recurrence, d.event, d.limits) for d in drafts]


class _WrittenYear:
    """The year a text has written most recently, for words that count from it.

    次年 / 同年 count from the last explicit year within ``reach`` characters; a bare month or day
    takes the year (and month) of an explicit date earlier in the same sentence (2019年3月启动，10月完成);
    after a time rolled into next year, a later month of the sentence is read as facing forward and
    rolls only if this year's is past (元月10日前…，2月上旬 → next year; …，12月31日前 in December → this year).
    A 年度 (2025年度述职……1月底前) names the period reviewed, not the time of the action: it lends nothing.
    当天 / 次日 count from the last day written in the same paragraph (6月28日上午……当天下午), and a
    bare clock time belongs to the last day written in its sentence (6月5日开班，8:30前签到).
    """

    def __init__(self, folded: str) -> None:
        self.folded = folded
        self.reach = lexicon()["relative"]["year_in_text"]["reach"]
        self.year: int | None = None
        self.rolled = False               # the year was inferred by rolling a year-less time forward
        self.month: int | None = None
        self.end = -1
        self.sentence_end = -1
        self.day: date | None = None
        self.day_end = -1
        self.day_reach = lexicon()["relative"]["day_in_text"]["reach"]
        self._last: tuple[Context, dict[str, Any], Context] | None = None     # the context made last

    def context(self, c: Candidate, ctx: Context) -> Context:
        changes: dict[str, Any] = {}            # fields of Context to override
        if (c.family == "relday" and self.day is not None and c.start - self.day_end <= self.day_reach
                and "\n" not in self.folded[self.day_end:c.start]):
            changes["text_day"] = self.day
        elif (c.family == "clock" and self.day is not None and c.start - self.day_end <= self.day_reach
              and not _SENTENCE_END.search(self.folded, self.day_end, c.start)):
            changes["day"] = self.day                      # 6月5日上午9:00开班，8:30前签到: that day's 8:30
        if self.year is not None:
            changes["text_year"] = self.year if c.start - self.end <= self.reach else None
            if c.start <= self.sentence_end:
                if self.rolled and c.family in _ROLLABLE:     # 1月20日前…，12月31日前 (in December): decides itself
                    changes["after_roll"] = True
                else:
                    changes.update(year=self.year, month=self.month or ctx.month, year_explicit=True)
        if not changes:
            return ctx
        if self._last is None or self._last[0] is not ctx or self._last[1] != changes:   # consecutive times mostly agree
            self._last = (ctx, changes, replace(ctx, **changes))
        return self._last[2]

    def update(self, c: Candidate, draft: Draft) -> None:
        r = draft.resolved
        if r is not None and r.first is not None and r.granularity in ("day", "hour", "minute") and c.family != "relday":
            self.day, self.day_end = r.first.date(), draft.end
        if (r is None or (r.anchor != "explicit" and not r.rolled) or r.year is None or draft.value is None
                or self.folded[c.start:c.end].endswith("年度")):
            return
        self.year, self.end, self.rolled = r.year, draft.end, r.rolled
        self.month = r.month if r.granularity in ("day", "xun", "month", "hour", "minute") else None
        if draft.end > self.sentence_end:               # search each sentence's end once
            found = _SENTENCE_END.search(self.folded, draft.end)
            self.sentence_end = found.start() if found else len(self.folded)


def _build(chosen: list[Candidate], text: str, folded: str, base_ctx: Context) -> list[Draft]:
    """One draft per candidate, or per pair when two make a range or a recurring head takes its tail."""
    drafts: list[Draft] = []
    written = _WrittenYear(folded)
    i = 0
    while i < len(chosen):
        c = chosen[i]
        nxt = chosen[i + 1] if i + 1 < len(chosen) else None
        ctx = written.context(c, base_ctx)
        step = 1
        draft: Draft | None
        if c.family == "vague":
            draft = Draft(c.start, c.end, "vague", None, None, None)
        elif c.family == "relday" and _anaphoric(c, ctx) and (event := event_in_sentence(folded, c.start)):
            # 如遇选举纠纷，须在当日报告 / 人员变动的，当日更新: the day of that event, not the document's
            draft = Draft(c.start, c.end, "event_relative", None, "day", "event", event=event,
                          note="the day of the event its sentence names, not the document date")
        elif c.family in ("event", "event_before"):
            draft = event_draft(c, ctx, folded, _festival_before(drafts, c, folded))
        elif c.family == "duration":
            draft = duration_draft(c, ctx, text)
        elif c.family == "doc_start":
            draft = document_start_draft(c, ctx)
        elif c.family == "occasion":
            draft = occasion_draft(c)
        elif c.family == "since_event":
            draft = since_event_draft(c, ctx)
        elif c.family == "plan_placeholder":     # “”规划的开局之年: the plan's number was lost
            draft = Draft(c.start, c.end, "point", None, "year", None, note="placeholder plan period (“”规划)")
        elif c.family == "recurring":
            draft, consumed = recurring_draft(c, nxt, folded, ctx)
            step += consumed
        elif c.family == "per_unit":
            draft = per_unit_draft(c)
        else:
            draft, step = _calendar(c, nxt, folded, ctx)
        if draft is not None:
            drafts.append(draft)
            written.update(c, draft)
            # a suffix or a tail may have swallowed the next candidates (每季度第一个月的10日前)
            while i + step < len(chosen) and chosen[i + step].start < draft.end:
                step += 1
        i += step
    return drafts


def _anaphoric(c: Candidate, ctx: Context) -> bool:
    """当天 / 当日 / 次日 with no day written before them in the paragraph."""
    return ctx.text_day is None and c.groups.get("drel") in lexicon()["relative"]["day_in_text"]["words"]


def _festival_before(drafts: list[Draft], c: Candidate, folded: str) -> Resolved | None:
    """The festival last named in the same sentence before ``c`` (端午节前后走访，节后3日内报送 → 端午节)."""
    for d in reversed(drafts[-4:]):                 # a few drafts back is enough, and keeps this linear
        if c.start - d.end > _FESTIVAL_REACH or _SENTENCE_END.search(folded, d.end, c.start):
            return None
        if d.resolved is not None and d.resolved.festival:
            return d.resolved
    return None


def _calendar(c: Candidate, nxt: Candidate | None, folded: str, ctx: Context) -> tuple[Draft | None, int]:
    """A calendar candidate alone, or with ``nxt`` as the right side of a range; and how many it used.

    A year-less time in a forward-facing clause is read as next year's when this year's is already
    past: for a plan word (将, 要, 须, 计划于 …) when this year's ended more than ``_GRACE`` ago (a
    month's slack for late documents), for a bare deadline (1月31日前) when next year's is nearer:
    慰问金须于1月31日前发放 written on 2023-12-20 is 2024-01-31.
    """
    base = ctx.base
    if base is None:
        return _calendar_once(c, nxt, folded, ctx)
    rollable = not ctx.year_explicit and _FIXED_YEAR.isdisjoint(c.groups)
    if (rollable and c.family in _ROLLABLE) or "fest" in c.groups:
        ctx = replace(ctx, tense=tense(folded, c.start, c.end) or ("future" if ctx.after_roll else None))
    draft, step = _calendar_once(c, nxt, folded, ctx)
    if (draft is None or not rollable or c.family not in _ROLLABLE or ctx.tense == "past"
            or (draft.kind != "by" and ctx.tense != "future")):
        return draft, step
    r = draft.resolved
    if r is None or r.last is None or r.last.date() >= base or ctx.year is None:
        return draft, step
    later, later_step = _calendar_once(c, nxt, folded, replace(ctx, year=ctx.year + 1))
    if later is None or later.resolved is None or later.resolved.first is None:
        return draft, step
    behind, ahead = base - r.last.date(), later.resolved.first.date() - base
    if behind <= (_GRACE if ctx.tense == "future" else ahead):
        return draft, step
    later.resolved = replace(later.resolved, rolled=True)
    later.note = later.note or "year inferred: a forward-facing time nearer next year than this year"
    return later, later_step


def _calendar_once(c: Candidate, nxt: Candidate | None, folded: str, ctx: Context) -> tuple[Draft | None, int]:
    try:
        r = resolve(c, ctx)
    except Invalid:
        return None, 1
    if nxt is not None and nxt.family in CALENDAR and range_gap(folded, c.end, nxt.start):
        try:
            rr = resolve(nxt, inherit(ctx, r))
        except Invalid:
            rr = None
        if rr is not None:
            return range_draft(c, r, nxt, rr, folded), 2
    return calendar_draft(c, r, folded, ctx), 1


def _join_adjacent(drafts: list[Draft]) -> list[Draft]:
    """2月底3月初 / 3月下旬4月上旬: two parts written back to back, the second just after the first,
    are one span."""
    out: list[Draft] = []
    for right in drafts:
        left = out[-1] if out else None
        if (left is not None and left.end == right.start and left.kind == right.kind == "point"
                and left.resolved is not None and right.resolved is not None
                and left.granularity == right.granularity == "xun"
                and (joined := _abutting(left.value, right.value)) is not None):
            out[-1] = replace(left, end=right.end, kind="span", value=joined)
            continue
        out.append(right)
    return out


def _share_suffixes(drafts: list[Draft], folded: str, ctx: Context) -> list[Draft]:
    """元旦、春节前 / 中秋、国庆期间: a bare time joined to a suffixed one of the same sort shares its suffix.

    Two festivals written as one name (元旦春节期间, 中秋国庆期间) or under one label (中秋、国庆“双节”期间)
    make one span, from the first one's holiday to the end of the second's.
    """
    aff = lexicon()["affixes"]
    joiners = aff["coordinators"]
    out: list[Draft] = []
    for right in drafts:
        left = out[-1] if out else None
        joiner = folded[left.end:right.start] if left is not None else None
        if (left is not None and joiner in joiners and left.kind == right.kind == "point"
                and left.granularity == "day" and right.granularity in ("hour", "minute")
                and left.resolved is not None and not left.resolved.festival
                and (timed := _at_times_of(left.value, right.value)) is not None):
            # 6月12日、6月19日下午: the time of day is shared by the list
            left.value = timed
            left.granularity = right.granularity
        if (left is not None and left.kind == "point" and left.suffix is None and right.suffix is not None
                and left.resolved is not None and right.resolved is not None
                and left.resolved.festival == right.resolved.festival
                and left.resolved.granularity == right.resolved.granularity
                and (joiner in joiners or (joiner == "" and left.resolved.festival))):
            effect = suffix_effect(right.suffix, left.resolved, ctx)
            left.kind, left.value, left.note, left.suffix = effect.kind, effect.value, effect.note, right.suffix
            labelled = any(label in folded[right.start:right.end] for label in aff["festival_labels"])
            if (right.suffix == "during" and (joiner == "" or labelled)
                    and (both := _hull(left.value, right.value)) is not None):
                out[-1] = replace(left, end=right.end, value=both, note="one span over both festivals' holidays")
                continue
        out.append(right)
    return out


# Interval arithmetic for joining neighbours; each is None unless the bounds it uses are set.

def _abutting(a: Interval | None, b: Interval | None) -> Interval | None:
    """``a`` and ``b`` as one interval when ``b`` starts the second after ``a`` ends."""
    if a is None or b is None or a.end is None or b.start is None:
        return None
    return Interval(a.start, b.end) if timedelta(0) < b.start - a.end <= timedelta(seconds=1) else None


def _at_times_of(day: Interval | None, hours: Interval | None) -> Interval | None:
    """``day``'s date at the times of day of ``hours`` (6月12日 with 6月19日下午's afternoon)."""
    if day is None or hours is None or day.start is None or hours.start is None or hours.end is None:
        return None
    on = day.start.date()
    return Interval(datetime.combine(on, hours.start.time()), datetime.combine(on, hours.end.time()))


def _hull(a: Interval | None, b: Interval | None) -> Interval | None:
    """The smallest interval holding both ``a`` and ``b``."""
    if a is None or b is None or a.start is None or a.end is None or b.start is None or b.end is None:
        return None
    return Interval(min(a.start, b.start), max(a.end, b.end))
