"""Documents of a file and the heading tree of each, with offsets into the text as read.

>>> from djnlp.clean import clean
>>> docs = parse_outline(clean("一、总体要求\\n\\n（一）抓好换届。各地要在年内完成。\\n\\n二、保障措施\\n加强领导。"))
>>> [(s.id, s.parent, s.marker, s.heading) for s in docs[0].sections]
[('1', None, '一、', '总体要求'), ('1.1', '1', '（一）', '抓好换届'), ('2', None, '二、', '保障措施')]

``parse_outline`` also takes a plain ``str`` (it is cleaned first).  See
:mod:`djnlp.outline.documents` for how a compilation is split, :mod:`~djnlp.outline.headings`
for what counts as a heading and :mod:`~djnlp.outline.tree` for how levels are learned.
"""
from __future__ import annotations

from bisect import bisect_right
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from djnlp.errors import InputError
from djnlp.outline.documents import DocumentSpan, split_documents
from djnlp.outline.headings import Heading, find_headings, is_prose
from djnlp.outline.lines import Line, split_lines
from djnlp.outline.markers import markers as _grammar
from djnlp.outline.model import Document, Section
from djnlp.outline.tree import build_tree

if TYPE_CHECKING:
    from djnlp.clean import CleanText
    from djnlp.io import HeadingHint

__all__ = ["Document", "Section", "parse_outline"]

_TITLE_FAMILIES = frozenset({"markdown", "style", "plain"})


def _as_clean(ct: Any) -> CleanText:
    if isinstance(ct, str):
        from djnlp.clean import clean

        return clean(ct)
    if all(hasattr(ct, name) for name in ("text", "norm", "to_original", "from_original")):
        return ct
    raise InputError("parse_outline", f"expected CleanText or str, got {type(ct).__name__}")


def _hint_lines(ct: CleanText, lines: Sequence[Line], hints: Sequence[HeadingHint]) -> dict[int, int]:
    """Line index → heading level for every hint (original offsets; level 0 is Word's "Title")."""
    ends = [line.end for line in lines]
    found: dict[int, int] = {}
    for hint in hints:
        try:
            start, end, level = int(hint.start), int(hint.end), int(hint.level)
        except (AttributeError, TypeError, ValueError):
            raise InputError("heading hints", f"not a HeadingHint: {hint!r}") from None
        if level < 0 or not 0 <= start <= end <= len(ct.original):
            raise InputError("heading hints", f"bad hint {hint!r} for a text of {len(ct.original)} characters")
        c_start, c_end = ct.from_original(start), ct.from_original(end)
        k = bisect_right(ends, c_start)
        if k < len(lines) and lines[k].start < max(c_end, c_start + 1):
            found[k] = level
    return found


def _title_heading(span: DocumentSpan, heads: Sequence[Heading], norm: str, lines: Sequence[Line]) -> bool:
    """Is the first heading the document's title line (unmarked or bare-marker documents)?

    It is when it opens the document, is a markdown, style or unnumbered line, and is the only
    heading of its kind, or followed by a salutation ("同志们："), or names a kind of document
    ("……的调研报告").
    """
    if not heads or (span.marker_line is not None and len(span.title) > _grammar().bare_title_max_chars):
        return False
    first = heads[0]
    if first.line != span.first_line or first.family not in _TITLE_FAMILIES or first.key == ("plain", 2):
        return False
    nxt = first.line + 1
    greeted = nxt < span.stop_line and norm[lines[nxt].end - 1] in _grammar().lead_in_end
    named = norm[first.heading_start:first.heading_end].endswith(_grammar().doc_types)
    return greeted or named or all(h.key != first.key for h in heads[1:])


def _front_lines(span: DocumentSpan, norm: str, lines: Sequence[Line]) -> int:
    """How many lines of title, subtitle, byline and date open the document (0: none).

    They are short lines without sentence end, marker or "：", followed by a salutation, or —
    when there are two or more of them — by prose or a numbered heading; or the first of them
    names a kind of document ("……实施方案", "……会议纪要").
    """
    g = _grammar()
    first = k = span.first_line
    if span.marker_line is not None and len(span.title) > g.bare_title_max_chars:
        return 0
    stop = min(span.stop_line, first + g.front_max_lines)
    while k < stop:
        line = norm[lines[k].start:lines[k].end]
        if (len(line) > g.heading_max_chars or line[0] == "#" or line[-1] in g.lead_in_end
                or any(ch in g.forbidden for ch in line) or g.match_heading(line) is not None):
            break
        k += 1
    if k == first or k >= span.stop_line:
        return 0
    nxt = norm[lines[k].start:lines[k].end]
    if nxt[-1] in g.lead_in_end and len(nxt) <= g.salutation_max_chars:
        return k - first
    if norm[lines[first].start:lines[first].end].endswith(g.doc_types):
        return k - first  # "……会议纪要" + "（第5期）" + "时间：……"
    if k - first >= 2 and (is_prose(g, nxt) or g.match_heading(nxt) is not None):
        return k - first
    return 0


def _front_title(text: str, front: Sequence[Line]) -> str:
    r"""The title among the front lines: the first line, or every line before the subtitle
    ("——在……上的讲话") when the title is set on two lines.

    >>> text = "决胜全面建成小康社会\n夺取伟大胜利\n——在大会上的报告\n（2017年10月18日）"
    >>> _front_title(text, split_lines(text))
    '决胜全面建成小康社会 夺取伟大胜利'
    """
    dashes = ("—", "－－", "--")
    subtitle = next((k for k, line in enumerate(front) if k and text.startswith(dashes, line.start)), None)
    shown = front[:subtitle] if subtitle else front[:1]
    return " ".join(text[line.start:line.end] for line in shown)


def parse_outline(ct: CleanText | str, hints: Sequence[HeadingHint] = ()) -> list[Document]:
    """Split ``ct`` into documents and build each one's heading tree.

    ``hints`` are heading lines known from Word heading styles (``Source.heading_hints``).
    An empty text gives ``[]``; a text without document markers gives one document.
    """
    ct = _as_clean(ct)
    text, norm = ct.text, ct.norm
    lines = split_lines(text)
    hint_levels: Mapping[int, int] = _hint_lines(ct, lines, hints)
    documents = []
    for span in split_documents(text, norm, lines):
        heads = find_headings(text, norm, lines, span.first_line, span.stop_line, hint_levels)
        title = span.title
        if _title_heading(span, heads, norm, lines):
            first = heads.pop(0)
            title = f"{title} {text[first.heading_start:first.heading_end]}".strip()
        elif front := _front_lines(span, norm, lines):
            title = f"{title} {_front_title(text, lines[span.first_line:span.first_line + front])}".strip()
            heads = [h for h in heads if h.line >= span.first_line + front]
        sections = []
        for node in build_tree(heads, span.end):
            head = node.heading
            start, end = ct.to_original(head.start, node.end)
            h_start, h_end = ct.to_original(head.heading_start, head.heading_end)
            sections.append(Section(
                id=node.id, parent=node.parent, level=node.level, marker=head.marker,
                family=head.family, heading=text[head.heading_start:head.heading_end],
                start=start, end=end, heading_start=h_start, heading_end=h_end,
            ))
        start, end = ct.to_original(span.start, span.end)
        documents.append(Document(title, start, end, tuple(sections)))
    return documents
