"""Why a passage got its scores: per-term contributions to each label's logit.

The model is linear in its features, so for label ``k`` the logit is exactly
``intercept[k] + Σ coef[k, j] · x[j]``. A *contribution* is one ``coef · x`` product; the
word, char and lexicon features that print as the same term (``村两委`` as a word, as a
char 3-gram and as a lexicon hit) are summed into one entry, so the sum over ``contributions``
plus ``intercept`` is the logit. With a segmenter, every contribution is credited to whole words of the text
(char n-grams by overlap, bigrams half to each word): the decomposition stays exact.

>>> e = Explanation("rural", logit=1.5, intercept=-1.0, contributions=(("村", 2.0), ("企业", 0.5)))
>>> e.top(1)
(('村', 2.0),)
>>> round(e.intercept + sum(w for _, w in e.contributions), 6) == e.logit
True
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from djnlp.themes.features import display_term


@dataclass(frozen=True)
class Explanation:
    """The decomposition of one label's logit for one text."""

    label: str
    logit: float
    intercept: float
    contributions: tuple[tuple[str, float], ...]  # every non-zero term, largest first

    @property
    def probability(self) -> float:
        return 1.0 / (1.0 + math.exp(-self.logit))

    def top(self, k: int = 8, *, positive: bool = True) -> tuple[tuple[str, float], ...]:
        """The ``k`` terms that pushed the label up most (``positive=False``: down most)."""
        if positive:
            return tuple((t, w) for t, w in self.contributions if w > 0)[:k]
        return tuple((t, w) for t, w in reversed(self.contributions) if w < 0)[:k]

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "logit": self.logit,
            "intercept": self.intercept,
            "probability": self.probability,
            "contributions": [[t, w] for t, w in self.contributions],
        }


def explain_row(
    label: str,
    coef_row: np.ndarray,
    intercept: float,
    cols: np.ndarray,
    vals: np.ndarray,
    vocabulary: Sequence[str],
    credits: Mapping[int, Sequence[tuple[str, float]]] | None = None,
) -> Explanation:
    """The :class:`Explanation` of one label for one sparse feature vector ``(cols, vals)``.

    ``credits`` redistributes a column's contribution among words: ``{col: [(word, fraction),
    ...]}`` with fractions summing to 1 (see ``Featurizer.credits``), so a lexicon share or a
    char n-gram is credited to the words of the text; columns without credits keep their name.
    """
    products = coef_row[cols].astype(np.float64) * vals
    merged: dict[str, float] = {}
    for col, value in zip(cols.tolist(), products.tolist()):
        if not value:
            continue
        for term, fraction in (credits or {}).get(col) or ((display_term(vocabulary[col]), 1.0),):
            merged[term] = merged.get(term, 0.0) + value * fraction
    ordered = tuple(sorted(merged.items(), key=lambda kv: (-kv[1], kv[0])))
    logit = float(intercept) + float(products.sum())
    return Explanation(label, logit, float(intercept), ordered)
