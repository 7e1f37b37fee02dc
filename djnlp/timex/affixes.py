"""Affix words around a time: suffixes (前, 起, 以来 …) with their guards, prefixes (截止, 自 …).

>>> match_suffix("6月底前完成", 3, ["前"])
'前'
>>> match_suffix("年底前期工作", 2, ["前"]) is None      # 前期 is another word
True
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from djnlp.timex.lexicon import lexicon


@lru_cache(maxsize=None)          # one entry per affix class of the lexicon
def affix(name: str) -> tuple[str, ...]:
    """The words of an affix class, longest first."""
    return tuple(sorted(lexicon()["affixes"][name], key=len, reverse=True))


def match_suffix(text: str, pos: int, words: Sequence[str]) -> str | None:
    """The first of ``words`` at ``text[pos:]`` that its guard characters do not follow."""
    guards = _suffix_guards()
    for word in words:
        if text.startswith(word, pos):
            guard = guards.get(word)
            if guard is not None and guard.match(text, pos + len(word)):
                continue
            return word
    return None


@lru_cache(maxsize=1)
def _suffix_guards() -> dict[str, re.Pattern[str]]:
    return {word: re.compile(pattern) for word, pattern in lexicon()["affixes"]["suffix_guards"].items()}


def match_prefix(text: str, pos: int, words: Sequence[str]) -> str | None:
    """The first of ``words`` that ends at ``text[pos]``."""
    for word in words:
        if text.endswith(word, 0, pos):
            return word
    return None


def clause_prefix(text: str, pos: int) -> str | None:
    """到/至 opening a deadline: at a clause start or after an opener word (力争到年底)."""
    aff = lexicon()["affixes"]
    word = match_prefix(text, pos, aff["clause_by_prefix"])
    if word is None:
        return None
    before = text[:pos - len(word)]
    if not before or before[-1] in "，。；：、！？,;:\n \t“\"（(" or any(before.endswith(o) for o in aff["clause_openers"]):
        return word
    return None
