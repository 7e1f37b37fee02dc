"""Theme ids, the result of classifying one passage, and length-weighted aggregation.

>>> aggregate([{"rural": 0.9, "general": 0.2}, {"rural": 0.1, "general": 0.8}], [300, 100])
{'rural': 0.7, 'general': 0.35}
"""
from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from djnlp.errors import InputError

THEMES: tuple[str, ...] = ("rural", "enterprise", "community", "organ", "general")
THEME_NAMES: Mapping[str, str] = {
    "rural": "农村",
    "enterprise": "企业",
    "community": "社区",
    "organ": "机关",
    "general": "综合",
}


@dataclass(frozen=True)
class ThemeResult:
    """Scores of one passage: ``theme`` is the top label; ``scores`` are independent
    probabilities (one-vs-rest, so two can be high); ``evidence[label]`` lists the terms that
    raised that label's logit most, as ``(term, contribution)``; ``labels`` is the set that
    applies (``theme`` first, then other labels ≥ 0.5; ``general`` is never combined)."""

    theme: str
    scores: Mapping[str, float]
    evidence: Mapping[str, tuple[tuple[str, float], ...]]
    labels: tuple[str, ...] = ()

    def above(self, threshold: float = 0.5) -> tuple[str, ...]:
        """Labels whose score reaches ``threshold``, best first (may be empty)."""
        ranked = sorted(self.scores.items(), key=lambda kv: -kv[1])
        return tuple(label for label, score in ranked if score >= threshold)

    def to_dict(self, digits: int = 4) -> dict[str, Any]:
        return {
            "theme": self.theme,
            "labels": list(self.labels or (self.theme,)),
            "scores": {k: round(v, digits) for k, v in self.scores.items()},
            "evidence": {k: [[t, round(w, digits)] for t, w in v] for k, v in self.evidence.items()},
        }


def aggregate(section_scores: Sequence[Mapping[str, float]], lengths: Sequence[int]) -> dict[str, float]:
    """Length-weighted mean of per-section scores (a document's scores from its sections).

    Sections should not overlap (use leaf sections, or top-level ones, not both).
    """
    if len(section_scores) != len(lengths):
        raise InputError("aggregate", f"{len(section_scores)} score sets but {len(lengths)} lengths")
    if any(n < 0 for n in lengths):
        raise InputError("aggregate", "lengths must not be negative")
    total = sum(lengths)
    if not section_scores or total == 0:
        raise InputError("aggregate", "nothing to aggregate (no sections, or all of length 0)")
    labels = list(dict.fromkeys(k for scores in section_scores for k in scores))
    return {
        label: sum(scores.get(label, 0.0) * n for scores, n in zip(section_scores, lengths)) / total
        for label in labels
    }


T = TypeVar("T")


def outermost(items: Sequence[T], bounds: Callable[[T], tuple[int, int]] = lambda x: (x.start, x.end)) -> list[T]:
    """The items no other item contains — the top of a heading tree — in reading order
    (what a document's scores aggregate, so no text counts twice).

    >>> from types import SimpleNamespace as S
    >>> [x.start for x in outermost([S(start=0, end=9), S(start=2, end=5), S(start=9, end=12)])]
    [0, 9]
    """
    out: list[T] = []
    last_end = -1
    for item in sorted(items, key=lambda x: (bounds(x)[0], -bounds(x)[1])):
        start, end = bounds(item)
        if out and end <= last_end:
            continue
        out.append(item)
        last_end = end
    return out


def theme_display(item: Any) -> tuple[str, float | None] | None:
    """``(Chinese display name, score)`` of an item's top theme (anything with ``theme`` and
    ``themes``, e.g. an analysed section), or ``None`` when it has none.

    >>> from types import SimpleNamespace as S
    >>> theme_display(S(theme="rural", themes={"rural": 0.91}))
    ('农村', 0.91)
    """
    theme = getattr(item, "theme", None)
    if not theme:
        return None
    return THEME_NAMES.get(theme, theme), (getattr(item, "themes", None) or {}).get(theme)
