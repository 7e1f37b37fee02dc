"""Find the heading lines of one document and name each one's family.

A line is a heading when it starts with a numbering marker (一、 （一） 1、 （1） 第一， 一是
首先， …), is a markdown ``#`` line, carries a Word heading style (a hint), or is an
unnumbered heading: a short line without closing punctuation between complete prose, or a
short phrase run into its paragraph with a space ("对腐败问题监督不力 近年来……"), or the
short first sentence of consecutive paragraphs that open alike ("选派一批。……" "培育一批。……").
When a line has both ``#`` and a numbering marker, the marker decides: the ``#``s of scraped
text are unreliable.

>>> from djnlp.outline.lines import split_lines
>>> text = "把握全局，突出重点\\n(一)加强农村党建。\\n1、抓好换届。各地要在年内完成。"
>>> lines = split_lines(text)
>>> [(h.family, h.marker, text[h.heading_start:h.heading_end])
...  for h in find_headings(text, text, lines, 0, len(lines), {})]
[('plain', None, '把握全局，突出重点'), ('cn_paren', '(一)', '加强农村党建'), ('num_dun', '1、', '抓好换届')]
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from djnlp.clean import ends_dangling
from djnlp.outline.lines import Line, heading_extent
from djnlp.outline.markers import Markers, marker_ordinal, markers

__all__ = ["Heading", "find_headings", "is_prose"]

_SENTENCE_END = frozenset("。！？!?；;")
_BOLD = ("**", "__")
_FENCES = ("```", "~~~")


@dataclass(frozen=True)
class Heading:
    """A heading line found in the cleaned text (offsets into ``CleanText.text``).

    ``key`` is what the level learning orders: the family, refined where one family has
    intrinsic levels (markdown ``##`` vs ``###``, Word "Heading 1" vs "Heading 2") or two uses
    (an unnumbered heading on its own line vs one run into its paragraph).  ``ordinal`` is the
    marker's number (0 for none); ``after_lead_in`` says the line before ends with "：", as
    a list introduced by "要做好以下工作：" does.
    """

    key: tuple[str, int]
    family: str
    marker: str | None
    start: int
    heading_start: int
    heading_end: int
    line: int
    ordinal: int = 0
    after_lead_in: bool = False


def _cjk_ratio(s: str) -> float:
    return sum("\u4e00" <= ch <= "\u9fff" for ch in s) / len(s)


def _marker_pos(g: Markers, norm_line: str) -> tuple[re.Match[str] | None, int]:
    """Markdown ``#``s opening the line (or None) and where a numbering marker may start:
    after them and after an opening ``**``/``__`` ("**（一）精心组织。**各乡镇……")."""
    md = g.markdown.match(norm_line)
    pos = md.end() if md else 0
    if norm_line.startswith(_BOLD, pos):
        pos += 2
    return md, pos


def _starts_heading(g: Markers, norm_line: str) -> bool:
    md, pos = _marker_pos(g, norm_line)
    return md is not None or g.match_heading(norm_line, pos) is not None


def _is_plain(g: Markers, line: str, prev_complete: bool, following: str | None, following_marked: bool) -> bool:
    """An unnumbered heading: short, no closing punctuation, complete prose before, prose after."""
    if not prev_complete or following is None:
        return False
    if not g.plain_min_chars <= len(line) <= g.plain_max_chars:
        return False
    if line[0] in g.dangling_start or ends_dangling(line, g.dangling_end) or any(ch in g.forbidden for ch in line):
        return False
    if _cjk_ratio(line) < g.plain_min_cjk_ratio or g.prose_cues.search(line):
        return False
    return following_marked or following[-1] in g.lead_in_end or is_prose(g, following)


def is_prose(g: Markers, text: str) -> bool:
    """Running text: at least ``body_min_chars`` long and holding a sentence end."""
    return len(text) >= g.body_min_chars and any(ch in _SENTENCE_END for ch in text)


def find_headings(
    text: str,
    norm: str,
    lines: Sequence[Line],
    first: int,
    stop: int,
    hint_levels: Mapping[int, int],
) -> list[Heading]:
    """Headings among ``lines[first:stop]``; ``hint_levels`` maps a line index to its style level."""
    g = markers()
    cap = g.heading_max_chars
    seen: set[str] = set()
    found: list[Heading] = []
    prev_complete = True  # the document start counts as a complete line
    listing = False  # inside "附件：1.…" / "2.…": the sign-off's list of attachments
    fenced = False  # inside a markdown code block (``` … ```): no headings
    i = first
    while i < stop:
        s, e = lines[i].start, lines[i].end
        line = norm[s:e]
        if line.startswith(_FENCES) or fenced:
            fenced ^= line.startswith(_FENCES)
            prev_complete = True
            i += 1
            continue
        md, pos = _marker_pos(g, line)
        m = g.match_heading(line, pos)
        if m is not None and m.requires_seen and m.family not in seen:
            m = None
        inline = None if m is None else g.inline_points.get(m.family)
        if inline is not None and inline.search(line, m.end):
            m = None  # "一是……。二是……。" in one paragraph: an enumeration in running text
        listing = g.attachment_list.match(line) is not None or (listing and m is not None)
        if listing:
            m = None
        head: Heading | None = None
        if m is not None:
            hs, he = heading_extent(text, s + m.end, e, cap=cap)
            start_line = i
            if hs == he and i + 1 < stop and not _starts_heading(g, norm[lines[i + 1].start:lines[i + 1].end]):
                i += 1  # a marker alone on its line: the heading is the next line
                hs, he = heading_extent(text, lines[i].start, lines[i].end, cap=cap)
            marker = text[s + pos:s + m.end].strip()
            lead_in = start_line > first and norm[lines[start_line - 1].end - 1] in g.lead_in_end
            if hs < he or start_line + 1 < stop:  # a bare marker ending the document heads nothing
                head = Heading((m.family, 0), m.family, marker, s, hs, he, start_line,
                               marker_ordinal(marker), lead_in)
        elif md is not None:
            depth = len(line) - len(line.lstrip("#"))
            hs, he = heading_extent(text, s + pos, e, cap=cap)
            head = Heading(("markdown", depth), "markdown", None, s, hs, he, i)
        elif i in hint_levels:
            hs, he = heading_extent(text, s, e, cap=cap)
            head = Heading(("style", hint_levels[i]), "style", None, s, hs, he, i)
        else:
            nxt = norm[lines[i + 1].start:lines[i + 1].end] if i + 1 < stop else None
            marked = nxt is not None and (_starts_heading(g, nxt) or (i + 1) in hint_levels)
            if _is_plain(g, line, prev_complete, nxt, marked):
                head = Heading(("plain", 1), "plain", None, s, s, e, i)
            else:
                run = g.runin.match(line)
                if run is not None and is_prose(g, line[run.end():]) and not g.prose_cues.search(run["head"]):
                    head = Heading(("plain", 2), "plain", None, s, s, s + run.end("head"), i)
        if head is not None:
            found.append(head)
            seen.add(head.family)
        prev_complete = head is not None or norm[e - 1] in g.closing
        i += 1
    return _with_parallel_points(g, norm, lines, first, stop, found)


def _point_opener(g: Markers, line: str) -> int:
    """Length of a short opening sentence ("选派一批。" + prose) that may head a point, else 0."""
    cut = line.find("。", 0, g.point_max_chars + 1)
    if cut < g.point_min_chars or not is_prose(g, line[cut + 1:]):
        return 0
    opener = line[:cut]
    if _cjk_ratio(opener) < 1 or any(ch in g.point_stop_chars for ch in opener):
        return 0
    return 0 if g.prose_cues.search(opener) else cut


def _fenced_lines(norm: str, lines: Sequence[Line], first: int, stop: int) -> set[int]:
    """Lines of markdown code blocks, fences included."""
    inside: set[int] = set()
    fenced = False
    for i in range(first, stop):
        fence = norm.startswith(_FENCES, lines[i].start)
        if fenced or fence:
            inside.add(i)
        fenced ^= fence
    return inside


def _with_parallel_points(
    g: Markers, norm: str, lines: Sequence[Line], first: int, stop: int, found: list[Heading]
) -> list[Heading]:
    """Add unnumbered run-in points: consecutive paragraphs opening with short sentences of one
    shape — the same length or the same last two characters ("选派一批。…" "培育一批。…")."""
    taken = {h.line for h in found}
    taken.update(_fenced_lines(norm, lines, first, stop))
    openers: list[tuple[int, int]] = []  # (line, opener length) of the current run
    extra: list[Heading] = []

    def close_run() -> None:
        texts = [norm[lines[i].start:lines[i].start + n] for i, n in openers]
        if len(texts) >= 2 and (len({len(t) for t in texts}) == 1 or len({t[-2:] for t in texts}) == 1):
            extra.extend(Heading(("plain", 3), "plain", None, lines[i].start, lines[i].start,
                                 lines[i].start + n, i) for i, n in openers)
        openers.clear()

    for i in range(first, stop):
        n = 0 if i in taken else _point_opener(g, norm[lines[i].start:lines[i].end])
        if n:
            openers.append((i, n))
        else:
            close_run()
    close_run()
    return sorted(found + extra, key=lambda h: h.line) if extra else found
