"""What a compiled pattern needs from a text before it can match: read off its syntax tree.

Two questions, answered conservatively (an answer is never wrong, at worst unhelpful):

* :func:`required_chars` — a set of characters of which every non-empty match contains at least
  one (its *anchors*), or None when none can be proved. A literal is its own set; a character
  class of literals and small ranges is its set; a group or a repeat taken at least once has the
  sets of its contents; a sequence has the sets of each of its items; an alternation has unions of
  one set per branch (every branch must have one). Of these, the cheapest wins — the set whose
  characters are rarest by the ``weight`` given. Repeats that may be skipped, lookarounds,
  back-references and classes with categories (``\\d`` is every Unicode digit) or negation prove
  nothing.
* :func:`consumable` — which of some characters a match could consume or a lookahead could look
  at. Anything the walk does not know (``.``, a category it cannot evaluate, a ``$``) counts as
  consuming everything.

The private ``re._parser`` (``sre_parse`` before 3.11) is imported behind a guard; when it is
missing or its tree is not understood, both answers fall back to "unknown" (None / every
character), and the caller scans in full.

>>> sorted(required_chars(re.compile(r"(?<!\\d)(?:\\d+|[一二三])\\s*(?:年|个月)"), lambda c: 1))
['个', '年']
>>> consumable(re.compile(r"第[一二](?=[^，])"), "，。")     # the lookahead may look at 。
{'。'}
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import Any

try:                                   # (private modules: typeshed describes neither)
    from re import _constants as _C    # type: ignore[attr-defined]
    from re import _parser as _P       # type: ignore[attr-defined]
except ImportError:                    # Python 3.10
    try:
        import sre_constants as _C     # type: ignore[no-redef]
        import sre_parse as _P         # type: ignore[no-redef]
    except ImportError:                # pragma: no cover - neither exists: every pattern is scanned in full
        _C = _P = None

_MAX_RANGE = 64                        # a wider class range (a-z is fine, 一-龥 is not) proves nothing
# class categories the walk can evaluate, by the name of their constant
_CATEGORIES = {"CATEGORY_DIGIT": r"\d", "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
               "CATEGORY_NOT_SPACE": r"\S", "CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W"}


class _Unknown(Exception):
    """A node the walk cannot reason about."""


def _tree(pattern: re.Pattern[str]) -> list[tuple[Any, Any]]:
    if _P is None or pattern.flags & (re.IGNORECASE | re.LOCALE):
        raise _Unknown
    try:
        return list(_P.parse(pattern.pattern, pattern.flags))
    except Exception as exc:           # a parser change: treat as unknown, never fail the caller
        raise _Unknown from exc


def required_chars(pattern: re.Pattern[str], weight: Callable[[str], float]) -> frozenset[str] | None:
    """Characters one of which every non-empty match of ``pattern`` contains, chosen to be rare by
    ``weight`` (a character's expected count; a set costs the sum); None if none can be proved.

    >>> sorted(required_chars(re.compile(r"[上下]半年|年[初底]"), lambda c: 9 if c == "年" else 1))
    ['初', '半', '底']
    >>> sorted(required_chars(re.compile(r"今年|明年|去年"), lambda c: 1 if c == "年" else 2))
    ['年']
    """
    try:
        options = _sequence(_tree(pattern), weight)
    except (_Unknown, AttributeError, TypeError, ValueError):
        return None
    return options[0][1] if options else None


# Each node yields its few cheapest provable sets (an alternation combines its branches' options, so
# 今年|明年|去年 can settle on 年 even though each branch alone prefers a rarer first character).
_Options = list[tuple[float, frozenset[str]]]
_KEEP = 8


def _cheapest(sets: Iterable[frozenset[str]], weight: Callable[[str], float]) -> _Options:
    unique = {s for s in sets if s}
    return sorted(((sum(map(weight, s)), s) for s in unique), key=lambda o: (o[0], sorted(o[1])))[:_KEEP]


def _sequence(items: Iterable[tuple[Any, Any]], weight: Callable[[str], float]) -> _Options:
    return _cheapest((s for op, av in items for _, s in _node(op, av, weight)), weight)


def _node(op: Any, av: Any, weight: Callable[[str], float]) -> _Options:
    if op is _C.LITERAL:
        return _cheapest([frozenset(chr(av))], weight)
    if op is _C.IN:
        chars: set[str] = set()
        for kind, arg in av:
            if kind is _C.LITERAL:
                chars.add(chr(arg))
            elif kind is _C.RANGE and arg[1] - arg[0] < _MAX_RANGE:
                chars.update(map(chr, range(arg[0], arg[1] + 1)))
            else:                      # NEGATE, CATEGORY, a wide range
                return []
        return _cheapest([frozenset(chars)], weight)
    if op is _C.SUBPATTERN:
        return [] if av[1] & re.IGNORECASE else _sequence(av[3], weight)
    if op is _C.BRANCH:
        combined: _Options = [(0.0, frozenset())]
        for branch in av[1]:
            options = _sequence(branch, weight)
            if not options:
                return []
            combined = _cheapest((have | s for _, have in combined for _, s in options), weight)
        return combined
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
        return _sequence(av[2], weight) if av[0] >= 1 else []
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _sequence(av, weight)
    return []


def consumable(pattern: re.Pattern[str], chars: str) -> set[str]:
    """The characters of ``chars`` that a match of ``pattern`` may consume or a lookahead in it may
    look at (all of them when the pattern is not understood)."""
    try:
        tree = _tree(pattern)
        return {c for c in chars if _consumes(tree, ord(c))}
    except (_Unknown, AttributeError, TypeError, ValueError):
        return set(chars)


def _consumes(items: Iterable[tuple[Any, Any]], code: int) -> bool:
    return any(_consumes_node(op, av, code) for op, av in items)


def _consumes_node(op: Any, av: Any, code: int) -> bool:
    if op is _C.LITERAL:
        return av == code
    if op is _C.NOT_LITERAL:
        return av != code
    if op is _C.IN:
        return _in_class(av, code)
    if op is _C.SUBPATTERN:
        return _consumes(av[3], code)
    if op is _C.BRANCH:
        return any(_consumes(branch, code) for branch in av[1])
    if op in (_C.MAX_REPEAT, _C.MIN_REPEAT) or op is getattr(_C, "POSSESSIVE_REPEAT", None):
        return _consumes(av[2], code)
    if op is getattr(_C, "ATOMIC_GROUP", None):
        return _consumes(av, code)
    if op in (_C.ASSERT, _C.ASSERT_NOT):
        # a lookbehind only sees what lies before its position, which a window always shows
        return av[0] >= 0 and _consumes(av[1], code)
    if op is _C.GROUPREF:              # repeats what its group consumed, which is checked there
        return False
    if op is _C.AT and av in (_C.AT_BEGINNING, _C.AT_BEGINNING_STRING):
        return False
    raise _Unknown                     # ANY, $, \b, conditionals …: may depend on anything


def _in_class(items: Iterable[tuple[Any, Any]], code: int) -> bool:
    negate = hit = False
    for kind, arg in items:
        if kind is _C.NEGATE:
            negate = True
        elif kind is _C.LITERAL:
            hit |= arg == code
        elif kind is _C.RANGE:
            hit |= arg[0] <= code <= arg[1]
        elif kind is _C.CATEGORY and getattr(arg, "name", None) in _CATEGORIES:
            hit |= re.fullmatch(_CATEGORIES[arg.name], chr(code)) is not None
        else:
            raise _Unknown
    return hit != negate
