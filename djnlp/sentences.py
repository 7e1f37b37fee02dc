"""Split Chinese text into sentence spans.

A sentence ends at 。！？；… (a run such as ！？ or …… counts once) or at a line end.  Closing
quotes and brackets right after the terminator belong to the sentence.  Inside “…”, 「…」,
（…）, 《…》 a terminator does not end the sentence, unless the quote closes right after it
and the sentence does not go on (“……。”的道理 goes on).
A line whose quotes never balance is split as if it had none, so one stray “ cannot swallow
a paragraph.

>>> text = "他强调：“要抓好落实。要狠抓整改。”各地要在6月底前完成！好吗？\\n  \\n下一段……"
>>> [text[s:e] for s, e in split_sentences(text)]
['他强调：“要抓好落实。要狠抓整改。”', '各地要在6月底前完成！', '好吗？', '下一段……']
"""
from __future__ import annotations

import re

__all__ = ["split_sentences"]

_OPENERS = "“「『（(《【〔［〈"
_CLOSERS = "”」』）)》】〕］〉"
_TERMINATORS = "。！？；…!?;"
# A token: a run of terminators, an opener or a closer.  Half-width !?; end a sentence only when
# no ASCII word goes on (URLs: ?a=1, code: a;b).  The first character decides the kind (the
# lookbehinds test it again): a pattern that starts with one character class lets re skip every
# other character at once.
_TOKEN = re.compile(
    f"[{re.escape(_TERMINATORS + _OPENERS + _CLOSERS)}]"
    f"(?:(?<=[。！？；…])[{re.escape(_TERMINATORS)}]*"
    f"|(?<=[!?;])[!?;]*(?:[。！？；…][{re.escape(_TERMINATORS)}]*|(?![A-Za-z0-9_=&/%.-]))"
    f"|(?<=[{re.escape(_OPENERS + _CLOSERS)}]))"
)
_TRAILING_CHARS = _CLOSERS + "\"'’"
_CONTINUATION = "，、,的地得之等和与及"
# \n, a lone \r, \v, \f, NEL and the Unicode line/paragraph separators end a line
_RARE_LINE_ENDS = "\r\x0b\x0c\x85\u2028\u2029"
_LINE_END = re.compile(f"[\n{_RARE_LINE_ENDS}]")
_SPACE = " \t\r\f\v\u3000\u00a0\ufeff\u200b"


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences in ``text``, trimmed, no empty spans.

    >>> split_sentences("一、总体要求\\n各地要高度重视。")
    [(0, 6), (7, 15)]
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for stop in _line_ends(text):
        if stop > pos and not _split_line(text, pos, stop, spans, quotes=True):   # (an empty line has none)
            _split_line(text, pos, stop, spans, quotes=False)
        pos = stop + 1
    return spans


def _line_ends(text: str) -> list[int]:
    """Offsets of the line ends in ``text``, then ``len(text)``.

    Most texts end their lines with \\n alone: then ``str.find`` finds them, which skips ahead
    far faster than a regex search for a character class does.

    >>> _line_ends("一\\n二\\r\\n三")
    [1, 3, 4, 6]
    """
    if any(char in text for char in _RARE_LINE_ENDS):
        ends = [m.start() for m in _LINE_END.finditer(text)]
    else:
        ends = []
        at = text.find("\n")
        while at >= 0:
            ends.append(at)
            at = text.find("\n", at + 1)
    ends.append(len(text))
    return ends


def _split_line(text: str, start: int, stop: int, spans: list[tuple[int, int]], *, quotes: bool) -> bool:
    """Append the sentences of ``text[start:stop]``; False (nothing appended) if quotes never balance."""
    found: list[tuple[int, int]] = []
    depth = 0
    begin = start
    skip_to = start
    for m in _TOKEN.finditer(text, start, stop):
        at = m.start()
        if at < skip_to:
            continue
        first = text[at]                  # (the first character decides the kind of a token)
        if first in _OPENERS:
            depth += quotes
        elif first in _CLOSERS:
            if depth:
                depth -= 1
        else:
            end = m.end()
            closed = bool(depth)
            # closing quotes right after the terminator: they may close the quote we are in
            while depth and end < stop and text[end] in _CLOSERS:
                depth -= 1
                end += 1
            if depth:
                continue
            while end < stop and text[end] in _TRAILING_CHARS:     # closing marks and quotes after it
                end += 1
            if closed and end < stop and text[end] in _CONTINUATION:
                continue  # “小事不做。大事难成。”的道理: the quote is part of a longer sentence
            _append(text, begin, end, found)
            begin = skip_to = end
    if depth and quotes:
        return False
    _append(text, begin, stop, found)
    spans.extend(found)
    return True


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start] in _SPACE:
        start += 1
    while end > start and text[end - 1] in _SPACE:
        end -= 1
    if start < end:
        spans.append((start, end))
