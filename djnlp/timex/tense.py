"""Which way a clause faces: back (a report of what was done) or forward (a plan, a deadline).

A time written without a year is read as its nearest occurrence in the direction its clause faces:
慰问金须于1月31日前发放 in a December notice is next January; 元旦前后……推迟了考核 in mid-January is
the New Year just past. The marker words are regular expressions in the lexicon (``[tense]``).

>>> tense("慰问金须于1月31日前发放到位。", 5, 11)
'future'
>>> tense("元旦前后，部分乡镇推迟了考核", 0, 4)
'past'
>>> tense("1月下旬召开全县组织部长会议", 0, 4) is None
True
"""
from __future__ import annotations

import re
from functools import lru_cache

from djnlp.timex.lexicon import lexicon

_CLAUSE_END = re.compile(r"[，,。；;！？!?\n]")
_REACH = 120          # a clause is looked for this far either side (keeps long unpunctuated text linear)


@lru_cache(maxsize=1)
def _markers() -> tuple[re.Pattern[str], re.Pattern[str]]:
    spec = lexicon()["tense"]
    return re.compile("|".join(spec["past"])), re.compile("|".join(spec["future"]))


def clause(folded: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the clause (between commas, stops, semicolons, line ends) holding ``start``..``end``,
    at most ``_REACH`` characters either side."""
    floor = max(0, start - _REACH)
    before = max(max(folded.rfind(ch, floor, start) for ch in "，,。；;！？!?\n"), floor - 1)
    ceiling = min(len(folded), end + _REACH)
    after = _CLAUSE_END.search(folded, end, ceiling)
    return before + 1, after.start() if after else ceiling


def tense(folded: str, start: int, end: int) -> str | None:
    """'past', 'future' or None for the clause around ``folded[start:end]`` (the time itself excluded)."""
    a, b = clause(folded, start, end)
    found = _facing(folded[a:start] + "\u3000" + folded[end:b])
    # A time fronted as the topic faces as the clause after it (一季度，各地要……), and as the next few
    # when they report (元旦前后，部分乡镇因灾推迟了考核).
    for step in range(3):
        if found is not None or folded[a:start].strip() or b >= len(folded) or folded[b] not in "，,":
            break
        b = clause(folded, b + 1, b + 1)[1]
        found = _facing(folded[end:b])
        if found == "future" and step > 0:
            found = None
    return found


def _facing(text: str) -> str | None:
    past, future = _markers()
    if past.search(text):
        return "past"
    if future.search(text):
        return "future"
    return None
