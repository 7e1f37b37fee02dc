"""Split a compilation (篇一 … 篇五, 第一篇, 材料一, 【范文二】 …) into documents.

Candidate marker lines are grouped by rule; a rule's markers must carry increasing numbers,
the longest such run wins (on a tie, the one with more text under its markers: a table of
contents listing 篇一…篇三 loses to the documents themselves), and only its lines split the
file.  A marker line directly followed by another marker of its rule is a table-of-contents
entry, not a document.  Everything
before the first marker (the compilation's own title, site filler) belongs to no document.

>>> from djnlp.outline.lines import split_lines
>>> text = "# 讲话稿(优秀2篇)\\n## 讲话稿篇一\\n同志们：\\n## 讲话稿篇二\\n各位代表："
>>> [(d.title, d.first_line, d.stop_line) for d in split_documents(text, text, split_lines(text))]
[('讲话稿篇一', 2, 3), ('讲话稿篇二', 4, 5)]
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from djnlp.outline.lines import Line
from djnlp.outline.markers import markers

__all__ = ["DocumentSpan", "split_documents"]

_BRACKETS = {"【": "】", "[": "]", "〖": "〗"}


@dataclass(frozen=True)
class DocumentSpan:
    """A document as a range of lines: its marker line (if any) and its body lines.

    ``start``/``end`` are offsets in the cleaned text; the body is
    ``lines[first_line:stop_line]``; ``marker_line`` is None for an unmarked file.
    """

    title: str
    start: int
    end: int
    marker_line: int | None
    first_line: int
    stop_line: int


def _title(text: str) -> str:
    text = markers().markdown.sub("", text, count=1).strip() if text.startswith("#") else text
    if len(text) > 2 and text[0] in _BRACKETS and _BRACKETS[text[0]] in text:
        close = text.index(_BRACKETS[text[0]])
        text = (text[1:close] + " " + text[close + 1:]).strip()
    return text


def _strip_markdown(norm_line: str) -> str:
    m = markers().markdown.match(norm_line)
    return norm_line[m.end():] if m else norm_line


_MAX_RUN_STARTS = 16


def _increasing_runs(found: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Runs of increasing numbers, one from the first marker and one from each restart ("篇一"
    again after "篇三": a table of contents listed them first), skipping markers whose number
    does not go up; at most ``_MAX_RUN_STARTS`` of them."""
    starts = [k for k, (_, number) in enumerate(found) if k == 0 or number <= found[k - 1][1]]
    runs = []
    for k in starts[:_MAX_RUN_STARTS]:
        run, last = [], 0
        for line, number in found[k:]:
            if number > last:
                run.append(line)
                last = number
        runs.append(run)
    return runs


def _body_size(run: Sequence[int], found: Sequence[tuple[int, int]], lines: Sequence[Line], n: int) -> int:
    """Characters between each marker of ``run`` and the next candidate marker of its rule: a
    table of contents has next to none."""
    following = {line: (found[k + 1][0] if k + 1 < len(found) else None) for k, (line, _) in enumerate(found)}
    size = 0
    for line in run:
        nxt = following[line]
        size += (lines[nxt].start if nxt is not None else n) - lines[line].end
    return size


def split_documents(text: str, norm: str, lines: Sequence[Line]) -> list[DocumentSpan]:
    """Documents of a cleaned text; ``norm`` is its width-folded view, ``lines`` its lines."""
    grammar = markers()
    found_at: dict[int, tuple[str, int]] = {}
    for i, line in enumerate(lines):
        found = grammar.match_document(_strip_markdown(norm[line.start:line.end]))
        if found is not None:
            found_at[i] = found
    candidates: dict[str, list[tuple[int, int]]] = {}  # rule name -> (line, number) in order
    for i, (name, number) in found_at.items():
        nxt = found_at.get(i + 1)
        if nxt is not None and nxt[0] == name:
            continue  # a table of contents entry: a document has a body before the next marker
        candidates.setdefault(name, []).append((i, number))
    best: list[int] = []
    best_key = (0, 0)
    for name, found in candidates.items():  # insertion order = first seen: ties go to the earlier rule
        for run in _increasing_runs(found):
            key = (len(run), _body_size(run, found, lines, len(text)))
            if len(run) >= grammar.min_count(name) and key > best_key:
                best, best_key = run, key
    if not lines:
        return []
    if not best:
        return [DocumentSpan("", 0, len(text), None, 0, len(lines))]
    spans = []
    for k, i in enumerate(best):
        stop = best[k + 1] if k + 1 < len(best) else len(lines)
        end = lines[stop].start if stop < len(lines) else len(text)
        line = lines[i]
        spans.append(DocumentSpan(_title(text[line.start:line.end]), line.start, end, i, i + 1, stop))
    return spans
