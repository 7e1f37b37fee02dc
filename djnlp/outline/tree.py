"""Arrange a document's headings into a tree, learning the order of marker families.

The order of levels is learned per document, not fixed: a heading whose family is already
open on the path from the root closes everything below that open heading and becomes its
sibling ("3、" after "2、" and its "第一，" children); a family never seen on the path becomes a
child of the innermost open heading — unless it has been seen *above* an open family
before, in which case that family and everything under it are closed first (a family seen
deeper stays deeper).  With several open headings of one family (a list nested in an item of
its own family, introduced by "：" or restarting at 1 right after item 2 or later), a number
continues the one numbered just before it.  Fixed
are only: markdown ``#`` depth and Word heading levels go by their
number, and sub-points (第一， 一是 首先，) never hold a numbered or unnumbered heading.

>>> from djnlp.outline.headings import Heading
>>> def h(key, start): return Heading(key, key[0], None, start, start, start, 0)
>>> nodes = build_tree([h(("plain", 1), 0), h(("cn_paren", 0), 10), h(("num_dun", 0), 20),
...                     h(("num_dun", 0), 30), h(("cn_paren", 0), 40)], end=50)
>>> [(n.id, n.parent, n.level, n.end) for n in nodes]
[('1', None, 1, 50), ('1.1', '1', 2, 40), ('1.1.1', '1.1', 3, 30), ('1.1.2', '1.1', 3, 40), ('1.2', '1', 2, 50)]
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from djnlp.outline.headings import Heading
from djnlp.outline.markers import markers

__all__ = ["Node", "build_tree"]

_RANKED = frozenset({"markdown", "style"})


@dataclass(frozen=True)
class Node:
    """A heading placed in the tree; ``end`` is in cleaned-text offsets."""

    heading: Heading
    id: str
    parent: str | None
    level: int
    end: int


def _above(a: tuple[str, int], b: tuple[str, int], learned: set[tuple[tuple[str, int], tuple[str, int]]]) -> bool:
    """Must a heading of key ``a`` sit above one of key ``b``?"""
    if a[0] == b[0] and a[0] in _RANKED:
        return a[1] < b[1]
    points = markers().points
    if (a[0] in points) != (b[0] in points):
        return b[0] in points
    return (a, b) in learned


def _nested_restart(head: Heading, open_head: Heading, previous: Heading | None) -> bool:
    """A "1、" list inside an open "1、" item is nested, not a sibling, when "：" introduces it
    or when it restarts right after item 2 or later ("3.加强阵地建设。按以下步骤推进。" + "1.摸清底数")."""
    if head.ordinal != 1 or open_head.ordinal < 1:
        return False
    return head.after_lead_in or (previous is open_head and open_head.ordinal >= 2)


def _sibling_of(head: Heading, same: Sequence[int], stack: Sequence[int], headings: Sequence[Heading]) -> int:
    """Stack depth of the open heading ``head`` continues: the innermost one numbered just
    before it, else the innermost of its family."""
    for d in reversed(same):
        if head.ordinal and headings[stack[d]].ordinal == head.ordinal - 1:
            return d
    return same[-1]


def build_tree(headings: Sequence[Heading], end: int) -> list[Node]:
    """Parent, level, id and end of every heading; ``end`` closes the last sections."""
    learned: set[tuple[tuple[str, int], tuple[str, int]]] = set()
    stack: list[int] = []  # indices of the open headings, root first
    parents: list[int | None] = []
    for k, head in enumerate(headings):
        open_keys = [headings[j].key for j in stack]
        same = [d for d, key in enumerate(open_keys) if key == head.key]
        previous = headings[k - 1] if k else None
        if head.family in markers().top:
            del stack[:]
        elif same and not _nested_restart(head, headings[stack[same[-1]]], previous):
            del stack[_sibling_of(head, same, stack, headings):]
        elif not same:
            cut = next((d for d, key in enumerate(open_keys) if _above(head.key, key, learned)), len(stack))
            del stack[cut:]
            learned.update((headings[j].key, head.key) for j in stack)
        parents.append(stack[-1] if stack else None)
        stack.append(k)

    ids: list[str] = []
    levels: list[int] = []
    children: dict[int | None, int] = {}
    for parent in parents:
        children[parent] = children.get(parent, 0) + 1
        ids.append(str(children[parent]) if parent is None else f"{ids[parent]}.{children[parent]}")
        levels.append(1 if parent is None else levels[parent] + 1)

    ends = [end] * len(headings)
    open_: list[int] = []
    for k, head in enumerate(headings):
        while open_ and levels[open_[-1]] >= levels[k]:
            ends[open_.pop()] = head.start
        open_.append(k)
    return [
        Node(head, ids[k], None if parents[k] is None else ids[parents[k]], levels[k], ends[k])
        for k, head in enumerate(headings)
    ]
