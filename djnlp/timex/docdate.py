"""The document's own date: the date line of a signature block or a dateline under the title.

Looked for, in order: a line that is only a full date among the last 15 non-empty lines (the
last such line wins: 落款); a line opening with a bracketed or dashed full date among the first 8
lines (题注: "（2024年3月15日在全市组织工作会议上的讲话）", "——2024年3月5日在……"); a line that is
only a full date among the first 8 lines; a "…2024年3月15日印发" line among the last 15 (版记).

>>> find_document_date("关于做好2024年换届工作的通知\\n……\\n二〇二四年三月十五日")
datetime.date(2024, 3, 15)
>>> find_document_date("——在全市组织部长会议上的讲话\\n（2023年2月8日）\\n同志们：") 
datetime.date(2023, 2, 8)
>>> find_document_date("20xx年x月x日") is None
True
"""
from __future__ import annotations

import re
from datetime import date

from djnlp.timex.lexicon import to_number
from djnlp.timex.patterns import DAY, MON, YEAR4, fold

_FULL = rf"(?P<y>{YEAR4})\s*年\s*(?P<m>{MON})\s*月\s*(?P<d>{DAY})\s*日"
_ISO = r"(?P<iy>(?:19|20)\d{2})(?P<sep>[-/.])(?P<im>1[0-2]|0?[1-9])(?P=sep)(?P<id>3[01]|[12]\d|0?[1-9])"
_ALONE = re.compile(rf"^[\s（(\[【]*(?:{_FULL}|{_ISO})[\s）)\]】]*$")
_DATELINE = re.compile(rf"^\s*(?:[（(【\[]|——|—|-)\s*(?:{_FULL}|{_ISO})")
_ISSUE_WORDS = ("印发", "发布", "印")     # a 版记 line ends with one of them
_ISSUED = re.compile(rf"(?:{_FULL}|{_ISO})\s*(?:{'|'.join(_ISSUE_WORDS)})\s*$")


def _to_date(m: re.Match[str]) -> date | None:
    g = m.groupdict()
    if g.get("y"):
        year, month, day = to_number(g["y"]), to_number(g["m"]), to_number(g["d"])
        if year is None or month is None or day is None:
            return None
        parts = int(year), int(month), int(day)
    else:
        parts = int(g["iy"]), int(g["im"]), int(g["id"])
    try:
        return date(*parts)
    except ValueError:                  # 2月30日
        return None


def find_document_date(text: str) -> date | None:
    """The date a document carries on its own line (落款 at the end or a dateline at the start)."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    head = [fold(line) for line in lines[:8]]        # only these lines are looked at: fold just them
    tail = [fold(line) for line in lines[-15:]]
    for line in reversed(tail):
        m = _ALONE.match(line)
        if m and (found := _to_date(m)):
            return found
    for pattern in (_DATELINE, _ALONE):
        for line in head:
            m = pattern.match(line)
            if m and (found := _to_date(m)):
                return found
    for line in reversed(tail):                 # 版记: "某某市委办公室  2024年3月15日印发"
        if not line.endswith(_ISSUE_WORDS):     # (the lines are stripped: a search would scan prose for nothing)
            continue
        m = _ISSUED.search(line)
        if m and (found := _to_date(m)):
            return found
    return None
