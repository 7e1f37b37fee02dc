"""Themes of passages, sections and documents: 农村 · 企业 · 社区 · 机关 · 综合.

One-vs-rest logistic regression over word n-grams, char n-grams and domain-lexicon shares;
every score comes with the terms that produced it (``evidence``), and the model can be
retrained on any labelled corpus (``djnlp train themes``).

>>> from djnlp.themes import classify
>>> result = classify("推进村企联建，组织企业党组织与经济薄弱村结对共建")  # doctest: +SKIP
>>> result.theme, result.above(0.5)                                    # doctest: +SKIP
('rural', ('rural', 'enterprise'))
"""
from __future__ import annotations

import os

from djnlp.themes.explain import Explanation
from djnlp.themes.model import ThemeModel, default_model, resolve_model
from djnlp.themes.result import THEME_NAMES, THEMES, ThemeResult, aggregate

__all__ = [
    "THEMES",
    "THEME_NAMES",
    "Explanation",
    "ThemeModel",
    "ThemeResult",
    "aggregate",
    "classify",
    "default_model",
]


def classify(text: str, *, model: ThemeModel | str | os.PathLike[str] | None = None, top_k: int = 8) -> ThemeResult:
    """Scores for every label of ``model`` (default: the shipped five-theme model), the top
    label, and the ``top_k`` terms that raised each label. Empty text raises ``InputError``."""
    return resolve_model(model).classify(text, top_k=top_k)
