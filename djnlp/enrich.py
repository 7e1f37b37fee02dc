"""The stages ``analyze`` adds after the outline: document date, themes, tasks.

Each takes the analysed documents and the :class:`~djnlp.clean.CleanText` they came from and
returns new documents.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from bisect import bisect_right
from collections.abc import Sequence
from typing import Any

from djnlp.timex import find_document_date

__all__ = ["attach_tasks", "find_document_date", "score_themes"]


def score_themes(
    documents: Sequence[Any], ct: Any, words: Sequence[tuple[int, str]] | None = None, model: Any = None
) -> list[Any]:
    """Theme scores for every section (on its own cleaned text) and every document (its
    outermost sections weighted by length; a document without sections on its whole text).

    All sections of all documents are scored in one featurizing pass over ``ct.text``
    (nested sections share counts). ``words`` are ``(offset, token)`` pairs of ``ct.text`` cut
    by djnlp's jieba segmenter; the model uses them when its word features come from it.
    """
    from djnlp.themes.model import resolve_model
    from djnlp.themes.result import aggregate, outermost

    themes = resolve_model(model)
    text = ct.text

    def cleaned(item: Any) -> tuple[int, int]:
        return ct.from_original(item.start), ct.from_original(item.end)

    items = [item for doc in documents for item in (doc.sections or (doc,))]
    spans = [cleaned(item) for item in items]
    keep = [k for k, (a, b) in enumerate(spans) if text[a:b].strip()]
    given = words if themes.featurizer.config.segmenter == "jieba" else None
    rows = themes.predict_spans(text, [spans[k] for k in keep], given) if keep else []
    scores = {id(items[k]): dict(zip(themes.labels, map(float, row))) for k, row in zip(keep, rows)}

    out = []
    for doc in documents:
        if not doc.sections:
            found = scores.get(id(doc))
            out.append(dataclasses.replace(doc, themes=found, theme=themes.top_label(found)) if found else doc)
            continue
        sections = tuple(
            dataclasses.replace(sec, themes=scores[id(sec)], theme=themes.top_label(scores[id(sec)]))
            if id(sec) in scores
            else sec
            for sec in doc.sections
        )
        top = outermost([sec for sec in sections if sec.themes is not None])
        if not top:
            out.append(dataclasses.replace(doc, sections=sections))
            continue
        doc_scores = aggregate([sec.themes for sec in top], [sec.end - sec.start for sec in top])
        out.append(dataclasses.replace(doc, sections=sections, themes=doc_scores, theme=themes.top_label(doc_scores)))
    return out


def attach_tasks(documents: Sequence[Any], ct: Any, sentences: Sequence[tuple[int, int]] | None = None) -> list[Any]:
    """Give each document its directives, resolved against its own date (none: unresolved).

    The extractor runs once per distinct date (usually once for the whole input); with several
    dates (a compilation of dated documents) each run reads only its own documents' sentences.
    Each task takes the theme of the deepest section holding it from the (themed) sections given
    to it. ``sentences`` are the sentence spans of ``ct.text`` if the caller has them.
    """
    from djnlp.sentences import split_sentences
    from djnlp.tasks import extract_tasks

    by_date: dict[dt.date | None, list[Any]] = {}
    for doc in documents:
        by_date.setdefault(doc.date, []).append(doc)
    if len(by_date) > 1 and sentences is None:
        sentences = split_sentences(ct.text)
    found: dict[int, list[Any]] = {id(doc): [] for doc in documents}
    for date, group in by_date.items():
        own = sentences if len(by_date) == 1 else _inside(sentences, group, ct)
        starts = [doc.start for doc in group]           # documents are disjoint, in reading order
        for task in extract_tasks(ct, base=date, sections=group, sentences=own, find_date=False):
            k = bisect_right(starts, task.start) - 1
            if k >= 0 and task.start < group[k].end:
                found[id(group[k])].append(task)
    return [dataclasses.replace(doc, tasks=tuple(found[id(doc)])) for doc in documents]


def _inside(sentences: Sequence[tuple[int, int]], documents: Sequence[Any], ct: Any) -> list[tuple[int, int]]:
    """The sentence spans (of ``ct.text``) that lie inside one of ``documents``."""
    spans = [(ct.from_original(doc.start), ct.from_original(doc.end)) for doc in documents]
    return [(s, e) for s, e in sentences if any(a <= s and e <= b for a, b in spans)]
