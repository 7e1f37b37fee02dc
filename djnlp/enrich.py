"""The stages ``analyze`` adds after the outline: document date, themes, tasks.

Each factory returns a callable ``(AnalyzedDocument, CleanText) -> AnalyzedDocument``.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, Protocol

from djnlp.timex import find_document_date

__all__ = ["attach_tasks", "find_document_date", "outermost", "theme_scorer"]


class Located(Protocol):
    start: int
    end: int


Stage = Callable[[Any, Any], Any]


def outermost(items: Sequence[Located]) -> list[Located]:
    """Items that no other item contains (the top of a heading tree), in order.

    >>> from types import SimpleNamespace as S
    >>> [x.start for x in outermost([S(start=0, end=9), S(start=2, end=5), S(start=9, end=12)])]
    [0, 9]
    """
    out: list[Located] = []
    for item in sorted(items, key=lambda x: (x.start, -x.end)):
        if out and item.end <= out[-1].end:
            continue
        out.append(item)
    return out


def theme_scorer(model: Any = None) -> Stage:
    """Scores each section on its own cleaned text, and the document by length-weighted sections."""
    from djnlp.themes import aggregate
    from djnlp.themes.model import resolve_model

    themes = resolve_model(model)

    def score(doc: Any, ct: Any) -> Any:
        def cleaned(start: int, end: int) -> str:
            return ct.text[ct.from_original(start) : ct.from_original(end)]

        texts = [cleaned(sec.start, sec.end) for sec in doc.sections]
        keep = [i for i, text in enumerate(texts) if text.strip()]
        rows = themes.predict_proba([texts[i] for i in keep]) if keep else []
        scores = {i: dict(zip(themes.labels, map(float, row))) for i, row in zip(keep, rows)}
        sections = tuple(
            dataclasses.replace(sec, themes=scores[i], theme=themes.top_label(scores[i])) if i in scores else sec
            for i, sec in enumerate(doc.sections)
        )
        top = [sec for sec in outermost([s for s in sections if s.themes is not None])]
        if top:
            doc_scores = aggregate([sec.themes for sec in top], [sec.end - sec.start for sec in top])
        else:
            body = cleaned(doc.start, doc.end)
            if not body.strip():
                return dataclasses.replace(doc, sections=sections)
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
