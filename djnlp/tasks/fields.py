"""Labelled fields of plans and task tables: 牵头单位：…；配合单位：…；完成时限：…

A *field note* is a clause made of such fields only — in parentheses after an item
(（牵头单位：县委组织部；完成时限：6月底前）) or on its own line(s) right after it
(牵头单位：市委组织部；配合单位：市财政局、市人社局。).  It is no task: it says who leads and
supports the tasks of the item above, and by when.  Labels and what they fill are in
``djnlp/data/tasks/field_labels.tsv``.

>>> is_field_note("牵头单位：各县（市、区）委组织部；配合单位：市纪委监委、市民政局。")
True
>>> fields("牵头单位：各县（市、区）委组织部；配合单位：市纪委监委、市民政局。")["support"]
['市纪委监委', '市民政局']
>>> is_field_note("材料报送：述职报告须经审核后报送。")
False
>>> fields("牵头领导：市委常委、组织部部长；责任单位：市委组织部")
{'lead': ['市委常委、组织部部长'], 'actors': ['市委组织部']}
"""
from __future__ import annotations

import functools
import re
from typing import Final

from djnlp.tasks.lexicon import lexicon

_SEPARATORS: Final = "；;，,、。 　"
_OPEN, _CLOSE = "（(", "）)"


@functools.lru_cache(maxsize=1)
def _label_pattern() -> re.Pattern[str]:
    labels = sorted(lexicon().field_labels, key=len, reverse=True)
    return re.compile("(" + "|".join(map(re.escape, labels)) + r")\s*[：:]")


def _has_colon(text: str) -> bool:
    """Every label ends with a colon: without one a text holds no field (a cheap test first)."""
    return "：" in text or ":" in text


def _items(text: str) -> list[tuple[str, str, int]]:
    """(label, value, label start) for every known label in ``text``, in order."""
    if not _has_colon(text):
        return []
    hits = list(_label_pattern().finditer(text))
    out = []
    for m, nxt in zip(hits, [*hits[1:], None]):
        value = text[m.end() : nxt.start() if nxt else len(text)]
        out.append((m.group(1), value, m.start()))
    return out


def _trim(value: str) -> str:
    """Strip separators and parentheses that close outside ``value`` (…委组织部）)."""
    value = value.strip(_SEPARATORS)
    while value[-1:] in _CLOSE and sum(value.count(c) for c in _CLOSE) > sum(value.count(c) for c in _OPEN):
        value = value[:-1].strip(_SEPARATORS)
    while value[:1] in _OPEN and sum(value.count(c) for c in _OPEN) > sum(value.count(c) for c in _CLOSE):
        value = value[1:].strip(_SEPARATORS)
    return value


def split_list(value: str) -> list[str]:
    """Split a field value at 、，； outside parentheses.

    >>> split_list("各县（市、区）委组织部、市民政局）")
    ['各县（市、区）委组织部', '市民政局']
    """
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for ch in value:
        depth = max(0, depth + (ch in _OPEN) - (ch in _CLOSE))
        if depth == 0 and ch in _SEPARATORS:
            parts.append("".join(current))
            current = []
            continue
        current.append(ch)
    parts.append("".join(current))
    return [v for v in map(_trim, parts) if v]


def fields(text: str) -> dict[str, list[str]]:
    """Field kind (lead, support, actors, deadline) → values named in ``text``."""
    lex = lexicon()
    out: dict[str, list[str]] = {}
    for label, value, _ in _items(text):
        kind = lex.field_labels[label]
        whole = kind == "deadline" or label in lex.person_fields      # 牵头领导：市委常委、组织部部长
        values = [_trim(value)] if whole else split_list(value)
        out.setdefault(kind, []).extend(v for v in values if v)
    return out


def is_field_note(text: str) -> bool:
    """True if ``text`` is made of labelled fields only (optionally in parentheses)."""
    if not _has_colon(text):
        return False
    body = text.strip().rstrip("。；;，, ")
    if body[:1] in _OPEN and body[-1:] in _CLOSE:
        body = body[1:-1]
    if not _label_pattern().match(body):          # the first field must open the note
        return False
    return all(value.strip(_SEPARATORS) for _, value, _ in _items(body))
