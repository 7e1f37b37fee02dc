"""Lines of a text and the extent of a heading inside a line.

>>> text = "一、总体要求\\n\\n  1、围绕中心，服务大局。各地要抓好落实。\\n"
>>> [text[l.start:l.end] for l in split_lines(text)]
['一、总体要求', '1、围绕中心，服务大局。各地要抓好落实。']
>>> s, e = heading_extent(text, 12, 33, cap=60)
>>> text[s:e]
'围绕中心，服务大局'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["Line", "heading_extent", "split_lines"]

# \n, a lone \r, \v, \f, NEL, Unicode line/paragraph separators (\r\n leaves a blank line)
_BREAK = re.compile("[\r\n\x0b\x0c\x85\u2028\u2029]")
_SPACE = " \t\r\f\v\u3000\u00a0\ufeff\u200b"
_SENTENCE_END = frozenset("。！？!?；;")
_CLAUSE_END = frozenset("，,")
_OPEN = frozenset("“‘《（(「『【〈")
_CLOSE = frozenset("”’》）)」』】〉")
# Punctuation that separates a marker from its heading, or trails a heading.
_TRIM = " \t\u3000，,、：:；;。．.！？!?#*"


@dataclass(frozen=True)
class Line:
    """A non-blank line: ``start``/``end`` bound its content without surrounding spaces."""

    start: int
    end: int


def split_lines(text: str) -> list[Line]:
    """The non-blank lines of ``text``, in order (linear time); ``\\r`` ends a line too."""
    lines: list[Line] = []
    pos, n = 0, len(text)
    while pos < n:
        brk = _BREAK.search(text, pos)
        stop = n if brk is None else brk.start()
        s, e = pos, stop
        while s < e and text[s] in _SPACE:
            s += 1
        while e > s and text[e - 1] in _SPACE:
            e -= 1
        if s < e:
            lines.append(Line(s, e))
        pos = stop + 1
    return lines


def heading_extent(text: str, start: int, end: int, *, cap: int) -> tuple[int, int]:
    """The heading inside ``text[start:end]``: its first sentence, at most ``cap`` characters.

    Sentence ends inside quotes or brackets (“……。”) do not count.  A longer sentence is cut
    back to its last ，-clause that fits, else to ``cap``.  Separators before and punctuation
    after the heading are left out.
    """
    while start < end and text[start] in _TRIM:
        start += 1
    depth = 0
    last_clause = -1
    stop = end
    for i in range(start, end):
        ch = text[i]
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(0, depth - 1)
        elif depth == 0 and (ch in _SENTENCE_END or ch == "." and text.startswith(" ", i + 1)):
            stop = i  # "." ends a sentence only before a space (not in "1.5", "www.gov.cn")
            break
        elif depth == 0 and ch in _CLAUSE_END and i - start <= cap:
            last_clause = i
        if i - start >= cap:
            stop = last_clause if last_clause > start else start + cap
            break
    while stop > start and text[stop - 1] in _TRIM:
        stop -= 1
    return start, stop
