"""The time-expression grammar: regular expressions built from the lexicon, one per family.

Every family is a compiled pattern with named groups; :func:`scan` runs them all over a text and
returns every candidate (overlapping ones too). Choosing among them and resolving them to dates is
the job of :mod:`djnlp.timex.extract` and :mod:`djnlp.timex.resolve`.

Scanning only where a family can match. Python's ``re`` skips ahead fast only when a pattern opens
with a literal or a plain class; ours open with lookarounds, so ``finditer`` over a whole text tries
every position, for every family. Instead :func:`scan` runs each family only over the clauses that
can hold one of its matches, with ``finditer(folded, start, end)``, and finds the same matches:

* Anchors. From each compiled pattern's syntax tree, :func:`djnlp.timex.anchors.required_chars`
  derives a set of characters of which every match contains one (年 for ``year``: each way of
  writing a year ends in 年 or is a relative word holding 年). Of the sets it can prove, it takes
  the one whose characters are rarest — counted in the bundled example speech
  (``djnlp/data/example/speech.txt``); the choice only affects speed, never the result.
* Clauses. :data:`CLAUSE_ENDS` (。!?;, after folding) are characters that no family can consume or
  look ahead at (:func:`djnlp.timex.anchors.consumable`, checked for every family when the anchors
  are derived). So no match crosses a clause end, and a match in a clause holds an anchor of its
  family in that clause: clauses without one hold no match.
* Windows. A run of clauses that hold an anchor is searched from its first character (just past
  the previous clause end, or the text start) to just past its last clause end (or the text end).
  The full scan reaches such a start with no match open (none crosses the end before it), and
  every match inside ends before the window's last character, so ending the search there changes
  nothing: lookaheads do not look past a clause end. Lookbehinds see the text before the window.

Clause ends and anchor characters are found once per text and shared by all families; a window
is searched once before it is iterated, as most hold no match. A family whose anchors cannot be
derived (or that could consume a clause end) is scanned in full; so is every family when ``re``'s
private parser is missing.

>>> [(c.family, c.text) for c in scan("要在5月中旬前完成") if c.family == "month"]
[('month', '5月中旬')]
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable, Iterable
from functools import lru_cache, partial
from importlib.resources import files
from itertools import chain
from typing import NamedTuple

from djnlp.timex.anchors import consumable, required_chars
from djnlp.timex.lexicon import lexicon


class Candidate(NamedTuple):
    """One regex match of a family: offsets into the scanned text and the named groups that matched.

    (An immutable record, built for every match: a NamedTuple costs a quarter of a frozen dataclass.)
    """

    family: str
    start: int
    end: int
    text: str
    groups: dict[str, str]


def _alt(words: Iterable[str]) -> str:
    """Alternation of literal words, longest first so the regex prefers the longest."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w)))


def _guarded(words: Iterable[str], guards: dict[str, str]) -> str:
    """Alternation where a word listed in ``guards`` may not be followed by its guard characters."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        guard = guards.get(word)
        parts.append(re.escape(word) + (f"(?![{re.escape(guard)}])" if guard else ""))
    return "|".join(parts)


# Numerals (after width folding, so only ASCII digits appear).
CN_NUM = "〇零一二两三四五六七八九十百千"
NOT_AFTER_NUM = rf"(?<![\d{CN_NUM}.．])"
NUM = r"(?:\d+(?:\.\d+)?|[几数]?[一二两三四五六七八九十百千]+|半|数|几)"
YEAR4 = r"(?:(?:19|20)\d{2}|[一二][〇零九][〇零一二三四五六七八九]{2})"
YEAR_PH = r"(?:(?:19|20|二〇|二零)[xX×]{2}|[xX×]{4})"
MON = r"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|元)"
DAY = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"
DAY_MULTI = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?)"
HOUR = r"(?:[01]?\d|2[0-4]|二十[一二三四]?|十[一二三四五六七八九]?|[一二两三四五六七八九])"
MINUTE = r"(?:[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])"
PH = r"[xX×]"
# Party congresses and plenums by ordinal (十九大, 二十届三中全会)
CONGRESS = r"(?:十[一二三四五六七八九]|二十[一二三]?)(?:大|届[一二三四五六七八九]中全会)"
CONNECT = r"(?:至|到|——|—|–|－|-|~|～)"
QUOTE_OPEN = "“\"‘'「『《"
QUOTE_CLOSE = "”\"’'」』》"


_FOLD = {chr(code): unicodedata.normalize("NFKC", chr(code)) for code in range(0xFF01, 0xFF5F)} | {"\u3000": " "}
_FULL_WIDTH = re.compile("[" + "".join(_FOLD) + "]")


def fold(text: str) -> str:
    """Full-width letters, digits and punctuation folded to ASCII; same length as ``text``.

    A text uses few distinct full-width characters (，；：？), so each one found is replaced
    throughout at once (``str.translate`` with a table would look up every character).

    >>> fold("２０２４年５月，（三）")
    '2024年5月,(三)'
    """
    found = _FULL_WIDTH.search(text)
    while found is not None:
        char = found.group()
        text = text.replace(char, _FOLD[char])
        found = _FULL_WIDTH.search(text, found.start())
    return text


# A run-in item number glued to a month (1.3月上旬：, 2.4月至5月) at a line or clause start: 1. is the
# item marker, not a decimal. 1、3月 is one too unless the two numbers are consecutive (7、8月份 is a list).
_ITEM = re.compile(r"(?:^|(?<=[\n；;：:。]))([ \t]*)(\d{1,2})([.．]|、)(?=[ \t]*(1[0-2]|0?[1-9])[ \t]*月)", re.MULTILINE)
# What every such match holds (a marker, a month number, 月): found fast, unlike _ITEM's start.
_ITEM_HINT = re.compile(r"[.．、][ \t]*(?:1[0-2]|0?[1-9])[ \t]*月")


def mask_item_numbers(folded: str) -> str:
    """``folded`` with run-in item numbers before a month blanked out (same length).

    >>> mask_item_numbers("1.3月上旬：召开动员会")
    '  3月上旬：召开动员会'
    >>> mask_item_numbers("7、8月份是防汛关键期")
    '7、8月份是防汛关键期'
    """
    def blank(m: re.Match[str]) -> str:
        if m.group(3) == "、" and int(m.group(4)) == int(m.group(2)) + 1:
            return m.group(0)
        return m.group(1) + " " * (len(m.group(2)) + 1)

    return _ITEM.sub(blank, folded) if _ITEM_HINT.search(folded) else folded


def _lead(*groups: Iterable[str]) -> str:
    """A lookahead on the possible first characters of a pattern: lets the regex skip other positions fast."""
    chars = {w[0] for words in groups for w in words if w}
    return "(?=[" + "".join(re.escape(c) for c in sorted(chars)) + "])"


def _alt_guarded(words: Iterable[str], left: dict[str, str], right: dict[str, str]) -> str:
    """Alternation with optional left (preceding) and right (following) guard characters per word."""
    parts = []
    for word in sorted(set(words), key=lambda w: (-len(w), w)):
        before, after = left.get(word), right.get(word)
        parts.append((f"(?<![{re.escape(before)}])" if before else "") + re.escape(word)
                     + (f"(?![{re.escape(after)}])" if after else ""))
    return "|".join(parts)


def _part_words(table: dict, short: bool) -> list[str]:
    return [w for w, spec in table.items() if bool(spec.get("short")) == short]


@lru_cache(maxsize=1)
def families() -> dict[str, re.Pattern[str]]:
    """Compiled pattern of every family, built from the lexicon."""
    lx = lexicon()
    rel = lx["relative"]
    guards = lx["part_guards"]
    ypart_long = _guarded(_part_words(lx["year_parts"], False), guards)
    ypart_short = _guarded(_part_words(lx["year_parts"], True), guards)
    mpart = "|".join([_alt(_part_words(lx["month_parts"], False)), _guarded(_part_words(lx["month_parts"], True), guards)])
    dpart = _alt(lx["day_parts"])
    fest_names = [w for w, spec in lx["festivals"].items() if not spec.get("short")]
    fest = _alt(fest_names)
    left = lx["left_guards"]
    right = lx["right_guards"]
    rel_year, rel_month, rel_quarter = (_alt_guarded(rel[k], left, right) for k in ("year", "month", "quarter"))
    rel_day = _alt_guarded(list(rel["day"]) + list(rel["day_with_part"]), left, right)
    heads = re.escape(lx["standalone_parts"]["not_after"])
    rel_week = _alt(rel["week"])
    weekday = "[" + "".join(lx["weekdays"]) + "]"
    units = _alt(lx["duration_units"])
    plan_parts = _alt(lx["plan_parts"])
    plan_no = _alt(lx["plans"])
    rec_units = _alt(lx["recurring"]["units"])
    ev = lx["event"]
    dur = lx["duration"]
    occ = lx["occasions"]
    suffix_guards = lx["affixes"]["suffix_guards"]
    occ_suffix = "|".join(re.escape(w) + (f"(?!{suffix_guards[w]})" if w in suffix_guards else "")
                          for w in sorted(occ["suffixes"], key=len, reverse=True))

    clock = (rf"(?:(?P<hh>{HOUR})\s*[点时:](?:(?P<qh>[一三])刻|(?P<mi>{MINUTE})分?|(?P<half>半))?(?![\d间期候代刻段效])"
             rf"|(?P<hhc>[01]?\d|2[0-3]):(?P<mic>[0-5]\d))")
    # 3月20日（星期三）上午9:00: an optional weekday in brackets, part of day and clock time
    # the bracket may restate the day: （星期三）, （本周五）, （今天）, （11月21日）
    restated = rf"(?:本|这|下)?(?:星期|周|礼拜){weekday}|今天|明天|后天|今日|明日|当天|(?:{MON})月(?:{DAY})[日号]"
    day_tail = (rf"(?:\s*[(（](?:{restated})[)）])?"
                rf"(?:\s*(?P<dpart>{dpart}))?(?:\s*(?:{clock}))?")
    year = rf"(?:(?P<y>{YEAR4})\s*年(?:度)?|(?P<yph>{YEAR_PH})\s*年(?:度)?|(?P<yrel>{rel_year}))"
    month_chain = (
        rf"(?:(?:(?P<m>{MON})|(?P<mph>{PH}{{1,2}}))\s*月份?(?![内度次]|一(?![日号]))|(?P<mrel>{rel_month}))"
        rf"(?:(?:(?P<d>{DAY})|(?P<dph>{PH}{{1,2}}))\s*[日号]{day_tail}|(?P<mpart>{mpart})|的?(?P<mwd>第一个工作日|最后一个工作日))?"
    )
    quarter = rf"(?:第?(?P<q>[一二三四1-4])季度|(?P<qrel>{rel_quarter})|(?P<qbare>季度|季))(?P<qpart>[初中末](?![度]))?"

    digits = list("0123456789")
    cn = list(CN_NUM)
    ph = list("xX×")
    lead_year = _lead(digits, cn, ph, rel["year"])
    lead_month = _lead(digits, cn, ph, ["元"], rel["month"])
    lead_num = _lead(digits, cn, ["半", "数", "几"], dur["future_prefix"], dur["past_prefix"], dur["use_prefix"],
                     dur["term_prefix"])
    pats = {
        # 2024年 / 今年 + optional tail: 年底, 三季度末, 5月15日, 国庆节, 上半年
        "year": rf"{lead_year}{NOT_AFTER_NUM}{year}(?:\s*(?:(?P<ypart>{ypart_long})|(?P<yshort>{ypart_short})|(?P<fest>{fest})"
                rf"|{quarter}|{month_chain}))?",
        "month": rf"{lead_month}{NOT_AFTER_NUM}{month_chain}",
        "quarter": rf"{_lead(['第', '季'], cn, digits, rel['quarter'])}{NOT_AFTER_NUM}{quarter}",
        "ypart": rf"(?<![{CN_NUM}\d{heads}])(?P<ypart>{ypart_long})",
        "inperiod": rf"(?<![{CN_NUM}\d{heads}])(?P<inper>年|月)(?P<insuf>以内|之内|度内|内)(?![部容涵在外需地])",
        "mpart": rf"(?<![{CN_NUM}\d{heads}])月(?P<mpart>初|中|底|末)(?![{re.escape(guards['初'] + guards['底'])}])",
        "hmonth": rf"(?<![{CN_NUM}\d本这当每])(?P<hmpart>上半月|下半月)",
        "day": rf"{_lead(digits, cn)}(?<![\d{CN_NUM}第个每.])(?P<d>{DAY_MULTI})\s*日{day_tail}",
        "relday": rf"{_lead(rel['day'], rel['day_with_part'])}(?P<drel>{rel_day}){day_tail}",
        "week": rf"(?:(?P<wrel>{rel_week})(?:(?P<wd>{weekday})(?![次遍期天日年个])|(?P<wend2>末))?|(?<![{CN_NUM}\d个每])(?:周|星期|礼拜)(?P<wd2>{weekday})(?![次遍期天日年个])"
                rf"|(?P<wend>周末)){day_tail}",
        "clock": rf"{_lead(digits, cn, lx['day_parts'])}(?<![\d{CN_NUM}第之])(?:(?P<dpart>{dpart})\s*)?(?:{clock})",
        "festival": rf"(?P<fest>{_alt(lx['festivals'])})",
        "plan": rf"(?<![{CN_NUM}])[{QUOTE_OPEN}]?(?P<plan>{plan_no})五[{QUOTE_CLOSE}]?(?P<pplan>规划|计划)?(?P<ppart>{plan_parts})?",
        "plan_placeholder": rf"[{QUOTE_OPEN}]\s*[{QUOTE_CLOSE}](?P<pplan>规划|计划)(?P<ppart>{plan_parts})?",
        "yrange": rf"{NOT_AFTER_NUM}(?P<y1>{YEAR4})\s*(?:年度?)?\s*{CONNECT}\s*(?P<y2>{YEAR4})\s*年度?",
        "mrange": rf"{lead_year}{NOT_AFTER_NUM}(?:(?P<y>{YEAR4})\s*年|(?P<yrel>{rel_year}))?(?P<m1>{MON})\s*(?:{CONNECT}|(?P<mlist>[、和]))\s*(?P<m2>{MON})\s*月份?",
        "qrange": rf"{_lead(digits, cn, rel['year'], ['第'])}{NOT_AFTER_NUM}(?:(?P<y>{YEAR4})\s*年|(?P<yrel>{rel_year}))?第?(?P<q1>[一二三四1-4])\s*(?:、|和|至|到|—|-|~)"
                  rf"\s*第?(?P<q2>[一二三四1-4])\s*季度",
        "drange": rf"{lead_year}{NOT_AFTER_NUM}(?:(?P<y>{YEAR4})\s*年|(?P<yrel>{rel_year}))?(?P<m>{MON})\s*月(?P<d1>{DAY})\s*{CONNECT}\s*(?P<d2>{DAY})\s*[日号]",
        # 汛期前, 两会期间, 党的十九大闭幕后, 十九届四中全会召开后 (djnlp.timex.occasions)
        "occasion": rf"{_lead(occ['names'], occ['qualifiers'], lx['named_events'], ['党', '十', '二'])}(?:党的)?(?<![{CN_NUM}])(?P<occ>(?:{_alt(occ['qualifiers'])})?(?:{_alt(occ['names'] + list(lx['named_events']))})|{CONGRESS})"
                    rf"(?P<ov>{_alt(occ['verbs'])})?(?P<osuf>{occ_suffix})",
        # 建党90周年之际, 新中国成立60周年前夕: the event's date N years on (a suffix must follow)
        "anniversary": rf"(?P<ann>{_alt(occ['anniversary_names'])})(?P<an>\d{{1,3}}|[一二三四五六七八九十百]{{1,4}})周年(?:纪念日)?",
        # 本办法自印发之日起施行 (djnlp.timex.events.document_start_draft)
        "doc_start": rf"(?:自|从)(?:{_alt(ev['document_refs'])})?(?:{_alt(ev['document_issue'])})之日起(?:施行|执行|实施|生效)?",
        "year_pair": rf"(?P<ypair>{_alt(rel['year_pair'])})",
        "decade": rf"{_lead(digits, cn, lx['decades']['centuries'])}(?P<cent>{_alt(lx['decades']['centuries'])})?(?<![\d{CN_NUM}])(?P<dec>[1-9]0|[一二三四五六七八九]十)年代"
                  rf"(?P<decpart>{_alt(lx['decades']['parts'])})?",
        "since_event": rf"{_lead(lx['named_events'], ['党'])}(?:党的)?(?P<nev>{_alt(lx['named_events'])})(?:胜利召开|召开)?(?P<since>以来)",
        "iso": r"(?<![\d.])(?P<y>(?:19|20)\d{2})(?P<sep>[-/.])(?P<m>1[0-2]|0?[1-9])(?P=sep)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d.])",
        "duration": rf"{lead_num}(?P<dpre>{_alt(dur['future_prefix'] + dur['past_prefix'] + dur['use_prefix'] + dur['term_prefix'])})?"
                    rf"{NOT_AFTER_NUM}(?P<n>{NUM})\s*(?:多)?(?P<unit>{units})(?P<dsuf>{_alt(['以内', '之内', '内', '来', '以来'] + dur['use_suffix'])})?(?![外乱部])",
        "first_n": rf"{_lead(digits, cn, ph, rel['year'], ['前'])}(?:{year}|(?<![\u4e00-\u9fff]))前(?P<fn>[一二两三四1-4]|1[01]|[5-9]|十[一]?|[五六七八九])(?P<fu>个季度|季度|个月)",
        "recurring": rf"每(?P<rn>\d+|[一二两三四五六七八九十]+)?(?P<runit>{rec_units})|(?P<rword>{_alt(lx['recurring']['words'])})",
        # 按月通报, 按季考核 (not 按年龄, 按日期, 按月份统计)
        "per_unit": rf"按(?P<runit>{rec_units})(?![龄薪期份利息计算度])",
        "vague": rf"{_lead(lx['vague']['words'])}(?<![\d{CN_NUM}月号])(?P<vague>{_alt_guarded(lx['vague']['words'], lx['vague']['left_guards'], lx['vague']['right_guards'])})(?!性)",
        # the event phrase on the left and a limit's condition are found by looking back (djnlp.timex.extract)
        "event": rf"(?P<after>{_alt(ev['after_markers'])})(?P<n>{NUM})\s*(?P<unit>{units})(?P<esuf>以内|之内|内)",
        # 任期届满前6个月, 会议召开前3天: a time before an event
        "event_before": rf"(?P<before>{_alt(ev['before_markers'])})(?P<n>{NUM})\s*(?P<unit>{units})(?P<esuf>以内|之内|内)?",
        "limit": rf"(?P<lverb>{_alt(ev['limit_verbs'])})(?P<n>{NUM})\s*(?P<unit>{units})",
    }
    return {name: re.compile(pat) for name, pat in pats.items()}


# Clause ends as they appear after folding (，；！？ fold to these). A family that could consume one
# (checked when the anchors are derived) is scanned in full; every other match lies inside one clause.
CLAUSE_ENDS = "。!?;,"


def _rarity() -> Callable[[str], float]:
    """How common a character is: its count in the bundled example speech, plus one (every
    character counts one if the speech is missing: anchors are then chosen by size alone)."""
    try:
        counts = Counter((files("djnlp") / "data" / "example" / "speech.txt").read_text(encoding="utf-8"))
    except OSError:
        counts = Counter()
    return lambda char: counts[char] + 1


@lru_cache(maxsize=1)
def anchors() -> dict[str, frozenset[str] | None]:
    """Every family's anchor characters (every match contains one), or None when it is scanned in full."""
    rarity = _rarity()
    found = {}
    for name, pattern in families().items():
        chars = required_chars(pattern, rarity)
        found[name] = chars if chars and not consumable(pattern, CLAUSE_ENDS) else None
    return found


@lru_cache(maxsize=1)
def _any_anchor() -> re.Pattern[str] | None:
    chars = set().union(*(chars for chars in anchors().values() if chars))
    return re.compile("[" + "".join(map(re.escape, sorted(chars))) + "]") if chars else None


class _Clauses:
    """Where a text's clauses begin and which clauses hold each anchor character, found once per scan.

    Clause k (from 1) is ``folded[bounds[k - 1]:bounds[k]]``, its end character included.
    """

    def __init__(self, folded: str, any_anchor: re.Pattern[str]) -> None:
        past_ends = chain.from_iterable(map(re.Match.end, re.finditer(re.escape(char), folded)) for char in CLAUSE_ENDS)
        self.bounds = [0, *sorted(past_ends), len(folded)]
        found = list(any_anchor.finditer(folded))
        clause_of = map(partial(bisect_right, self.bounds), map(re.Match.start, found))
        self.holding: dict[str, list[int]] = {}
        for char, clause in zip(map(re.Match.group, found), clause_of):
            try:
                self.holding[char].append(clause)
            except KeyError:                        # (the first of its character)
                self.holding[char] = [clause]

    def windows(self, chars: Iterable[str]) -> list[tuple[int, int]]:
        """(start, end) of each run of consecutive clauses that hold one of ``chars``."""
        bounds = self.bounds
        out: list[tuple[int, int]] = []
        for k in sorted(set(chain.from_iterable(self.holding.get(char, ()) for char in chars))):
            if out and out[-1][1] == bounds[k - 1]:
                out[-1] = (out[-1][0], bounds[k])
            else:
                out.append((bounds[k - 1], bounds[k]))
        return out


def scan(text: str, folded: str | None = None) -> list[Candidate]:
    """Every candidate match of every family in ``text`` (matched on its width-folded form, which
    may be passed in; offsets are the same in both)."""
    folded = fold(text) if folded is None else folded
    any_anchor = _any_anchor()
    clauses = _Clauses(folded, any_anchor) if any_anchor is not None else None
    out: list[Candidate] = []
    for name, pattern in families().items():
        chars = anchors()[name]
        for lo, hi in (clauses.windows(chars) if clauses is not None and chars else [(0, len(folded))]):
            if pattern.search(folded, lo, hi) is None:      # most windows hold none: one search says so
                continue
            for m in pattern.finditer(folded, lo, hi):
                if m.end() == m.start():
                    continue
                end = m.end()
                while folded[end - 1].isspace():       # a trailing optional part never keeps whitespace
                    end -= 1
                groups = {k: v for k, v in m.groupdict().items() if v is not None}
                out.append(Candidate(name, m.start(), end, text[m.start():end], groups))
    return out
