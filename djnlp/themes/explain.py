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

from djnlp.themes.features import HAN_RUN, Featurizer, display_term, normalize, word_ngrams


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


def word_credits(featurizer: Featurizer, text: str) -> dict[int, list[tuple[str, float]]]:
    """Who gets the credit for each active column of ``text``: ``{col: [(word, fraction)]}``.

    Fractions of a column sum to 1, so redistributing a contribution keeps the total exact.
    A char n-gram is credited to the words (from the segmenter) its occurrences overlap, by
    overlapped characters; a word bigram half to each word; a lexicon share to the matched terms
    by their hits. Evidence then reads ``村集体``, ``结对`` rather than ``村集`` or ``体经``.
    Without a segmenter, n-grams are credited to themselves.
    """
    norm = normalize(text)
    index = featurizer.index
    cut = featurizer.cutter()
    words = list(cut(norm)) if cut is not None else []
    owner = _owners(norm, words)
    out: dict[int, list[tuple[str, float]]] = {}

    occurrences: dict[int, list[tuple[int, int]]] = {}
    lo, hi = featurizer.config.char_ngrams
    for run in HAN_RUN.finditer(norm):
        for n in range(max(lo, 1), hi + 1):
            for i in range(run.start(), run.end() - n + 1):
                col = index.get("c:" + norm[i : i + n])
                if col is not None:
                    occurrences.setdefault(col, []).append((i, n))
    for col, places in occurrences.items():
        shares: dict[str, float] = {}
        for start, n in places:
            for k in range(start, start + n):
                word = words[owner[k]] if owner[k] >= 0 else norm[k]
                shares[word] = shares.get(word, 0.0) + 1.0 / (n * len(places))
        out[col] = list(shares.items())

    for name in word_ngrams(words, featurizer.config.word_ngrams):
        col = index.get(name)
        if col is not None and " " in name:
            parts = name[2:].split(" ")
            out[col] = [(w, 1.0 / len(parts)) for w in parts]

    per_theme: dict[str, list[tuple[str, int]]] = {}
    for term, n in featurizer.lexicon.matches(norm).items():
        for theme in featurizer.lexicon.owners(term):
            per_theme.setdefault(theme, []).append((term, n))
    for theme, col in zip(featurizer.lexicon.themes, featurizer.lexicon_columns):
        if col is not None and theme in per_theme:
            hits = sum(n for _, n in per_theme[theme])
            out[col] = [(term, n / hits) for term, n in per_theme[theme]]
    return out


def _owners(text: str, words: Sequence[str]) -> list[int]:
    """For each character of ``text``, the index of the word covering it (-1 if none)."""
    owner = [-1] * len(text)
    cursor = 0
    for k, word in enumerate(words):
        at = text.find(word, cursor) if word else -1
        if at < 0:
            continue
        owner[at : at + len(word)] = [k] * len(word)
        cursor = at + len(word)
    return owner
