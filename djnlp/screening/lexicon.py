"""Compiled matchers built once from a rubric's word lists.

>>> m = PhraseMatcher(["扎实推进", "推进"])
>>> [(s, e, w) for s, e, w in m.finditer("扎实推进党建")]
[(0, 4, '扎实推进')]
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from djnlp.screening.rubric import Rubric

_CJK = "\u3400-\u9fff"
_NUM = r"(?:\d+(?:[.．]\d+)?|[零一二两三四五六七八九十百千万]+(?:点[零一二三四五六七八九]+)?)"


class PhraseMatcher:
    """Literal phrases, longest first, in one compiled regex; ``!``-prefixed phrases are exceptions.

    An exception is matched like a phrase (so it wins over a shorter phrase inside it) and then
    dropped: ``全面从严治党`` hides the ``全面`` inside it.
    """

    def __init__(self, phrases: Iterable[str]) -> None:
        words, self.exceptions = [], set()
        for p in phrases:
            if p.startswith("!"):
                self.exceptions.add(p[1:])
                words.append(p[1:])
            else:
                words.append(p)
        ordered = sorted(set(words), key=lambda w: (-len(w), w))
        self.pattern = re.compile("|".join(map(re.escape, ordered))) if ordered else None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str]]:
        """(start, end, phrase) for every non-overlapping hit."""
        if self.pattern is None:
            return
        for m in self.pattern.finditer(text):
            if m.group() not in self.exceptions:
                yield m.start(), m.end(), m.group()


def split_prefixed(words: Iterable[str], default: str = "") -> dict[str, list[str]]:
    """``["a", "new:b"]`` → ``{"": ["a"], "new": ["b"]}``."""
    out: dict[str, list[str]] = defaultdict(list)
    for w in words:
        key, sep, rest = w.partition(":")
        if sep and key.isascii() and key.isalpha():
            out[key].append(rest)
        else:
            out[default].append(w)
    return out


@dataclass(frozen=True)
class Lexicon:
    """Every matcher the criteria need, compiled from one rubric."""

    def is_name(self, candidate: str) -> bool:
        """Whether a place/organisation candidate (two characters + suffix) names something."""
        head = candidate[:2]
        return not (head[0] in self.generic_chars or head[1] in "的了和与及在等是到向从对把被将为"
                    or head in self.not_names or head in self.suffixes)

    cliche: PhraseMatcher
    inflation: PhraseMatcher
    vague: PhraseMatcher
    modality: PhraseMatcher
    higher: PhraseMatcher
    link: PhraseMatcher
    significance: PhraseMatcher
    routine: PhraseMatcher
    novelty: PhraseMatcher
    moves: dict[str, PhraseMatcher]
    number_unit: re.Pattern[str]
    place: re.Pattern[str]
    generic_chars: frozenset[str]
    not_names: frozenset[str]
    suffixes: frozenset[str]
    priority: PhraseMatcher
    priority_of: dict[str, str]
    type_cues: dict[str, PhraseMatcher]

    @classmethod
    def build(cls, rubric: Rubric) -> Lexicon:
        """Compile the matchers of ``rubric``."""
        wl = rubric.wordlists
        higher = split_prefixed(wl["higher_level"])
        routine = split_prefixed(wl["routine"])
        moves = split_prefixed(wl["moves"])
        moves["counter"] = moves.get("counter", []) + list(wl["modality"])
        facts = split_prefixed(wl["facts"])
        units = sorted(set(facts.get("unit", [])), key=len, reverse=True)
        number_unit = re.compile(
            rf"(?:{_NUM})(?:余|多)?(?:{'|'.join(map(re.escape, units))})" if units else rf"\d+(?:[.．]\d+)?%")
        suffixes = sorted(set(facts.get("place", [])), key=len, reverse=True)
        place = re.compile(rf"[{_CJK}]{{2}}(?:{'|'.join(map(re.escape, suffixes))})") if suffixes else re.compile(r"(?!)")
        generic = frozenset(facts.get("generic", []))
        notname = frozenset(facts.get("notname", []))
        priority_of = {}
        for p in rubric.priorities:
            for k in p.keywords:
                priority_of.setdefault(k, p.name)
        return cls(
            cliche=PhraseMatcher(wl["cliche"]),
            inflation=PhraseMatcher(wl["inflation"]),
            vague=PhraseMatcher(wl["vague"]),
            modality=PhraseMatcher(wl["modality"]),
            higher=PhraseMatcher(higher.get("", [])),
            link=PhraseMatcher(higher.get("link", [])),
            significance=PhraseMatcher(higher.get("sig", [])),
            routine=PhraseMatcher(routine.get("", [])),
            novelty=PhraseMatcher(routine.get("new", [])),
            moves={k: PhraseMatcher(v) for k, v in moves.items() if k},
            number_unit=number_unit,
            place=place,
            generic_chars=generic,
            not_names=notname,
            suffixes=frozenset(suffixes),
            priority=PhraseMatcher(priority_of),
            priority_of=priority_of,
            type_cues={t.id: PhraseMatcher(t.cues) for t in rubric.types.values()},
        )
