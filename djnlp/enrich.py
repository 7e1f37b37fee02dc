"""The stages ``analyze`` adds after the outline: document date, themes, tasks.

Each factory returns a callable ``(AnalyzedDocument, CleanText) -> AnalyzedDocument``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from djnlp.timex import find_document_date

__all__ = ["attach_tasks", "find_document_date", "theme_scorer"]


Stage = Callable[[Any, Any], Any]


def theme_scorer(model: Any = None) -> Stage:
    """Scores every section on its own cleaned text (one featurizing pass over the document,
    nested sections sharing counts), and the document by its outermost sections' length."""
    from djnlp.themes.model import resolve_model
    from djnlp.themes.result import aggregate, outermost

    themes = resolve_model(model)

    reuse_words = themes.featurizer.config.segmenter == "jieba"

    def score(doc: Any, ct: Any, words: Sequence[tuple[int, str]] | None = None) -> Any:
        """``words``: ``(offset, token)`` pairs of the document's cleaned text, cut by djnlp's
        jieba segmenter — used when the model's word features come from the same segmenter."""
        origin = ct.from_original(doc.start)
        body = ct.text[origin : ct.from_original(doc.end)]
        if not body.strip():
            return doc
        spans = [(ct.from_original(sec.start) - origin, ct.from_original(sec.end) - origin) for sec in doc.sections]
        keep = [i for i, (a, b) in enumerate(spans) if body[a:b].strip()]
        given = words if reuse_words else None
        rows = themes.predict_spans(body, [spans[i] for i in keep], given) if keep else []
        scores = {i: dict(zip(themes.labels, map(float, row))) for i, row in zip(keep, rows)}
        sections = tuple(
            dataclasses.replace(sec, themes=scores[i], theme=themes.top_label(scores[i])) if i in scores else sec
            for i, sec in enumerate(doc.sections)
        )
        top = outermost([sec for sec in sections if sec.themes is not None])
        if top:
            doc_scores = aggregate([sec.themes for sec in top], [sec.end - sec.start for sec in top])
        else:
            doc_scores = themes.scores(body)
        return dataclasses.replace(doc, sections=sections, themes=doc_scores, theme=themes.top_label(doc_scores))

    return score


def attach_tasks(documents: Sequence[Any], ct: Any) -> list[Any]:
    """Give each document its directives, resolved against its own date.

    The extractor runs once per distinct date (usually once for the whole input), and each
    task takes the theme of the deepest section holding it.
    """
    from djnlp.tasks import extract_tasks

    by_date: dict[dt.date | None, list[Any]] = {}
    for doc in documents:
        by_date.setdefault(doc.date, []).append(doc)
    found: dict[int, list[Any]] = {id(doc): [] for doc in documents}
    for date, group in by_date.items():
        for task in extract_tasks(ct, base=date, sections=group):
            owner = next((doc for doc in group if doc.start <= task.start < doc.end), None)
            if owner is not None:
                found[id(owner)].append(dataclasses.replace(task, theme=_theme_at(owner.sections, task.start)))
    return [dataclasses.replace(doc, tasks=tuple(found[id(doc)])) for doc in documents]


def _theme_at(sections: Sequence[Any], offset: int) -> str | None:
    """Theme of the deepest section holding ``offset`` (sections are in reading order)."""
    theme = None
    for sec in sections:
        if sec.start > offset:
            break
        if offset < sec.end and sec.theme is not None:
            theme = sec.theme
    return theme
