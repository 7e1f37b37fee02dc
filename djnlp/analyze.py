"""``analyze``: read → clean → outline → sentences (→ words, themes, tasks) in one call.

The result is walkable (documents → sections → sentences) and turns into the
JSON that ``djnlp analyze --json`` prints (``djnlp/schema/analyze.schema.json``).

>>> result = analyze("一、加强农村党建\\n各乡镇要在6月底前完成村级组织换届。", date="2025-03-01")
>>> section = result.documents[0].sections[0]
>>> section.heading, section.marker
('加强农村党建', '一、')
>>> [s.text for s in section.sentences]
['各乡镇要在6月底前完成村级组织换届。']
"""
from __future__ import annotations

import datetime as dt
import os
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

from djnlp import __version__
from djnlp.errors import ConfigError
from djnlp.outline import Document, Section

JSON = dict[str, Any]


@dataclass(frozen=True)
class Sentence:
    """One sentence: ``text`` is the cleaned text, offsets point into the text as read."""

    text: str
    start: int
    end: int
    tokens: tuple[str, ...] = ()

    def to_dict(self) -> JSON:
        return {"text": self.text, "start": self.start, "end": self.end}


@dataclass(frozen=True)
class AnalyzedSection(Section):
    """An outline :class:`~djnlp.outline.Section` with the sentences of its own body
    (children excluded) and, when scored, its themes."""

    sentences: tuple[Sentence, ...] = ()
    themes: Mapping[str, float] | None = None
    theme: str | None = None

    def to_dict(self) -> JSON:
        out = super().to_dict()
        if self.themes is not None:
            out["themes"] = dict(self.themes)
            out["theme"] = self.theme
        return out


@dataclass(frozen=True)
class AnalyzedDocument(Document):
    """An outline :class:`~djnlp.outline.Document` (a compilation holds several: 篇一, 篇二 …)
    with its sentences, the base date of its deadlines, its themes and its tasks."""

    sections: tuple[AnalyzedSection, ...]
    sentences: tuple[Sentence, ...] = ()
    date: dt.date | None = None
    themes: Mapping[str, float] | None = None
    theme: str | None = None
    tasks: tuple[Any, ...] | None = None

    def section(self, section_id: str) -> AnalyzedSection:
        """The section with this id (``KeyError`` if absent)."""
        for sec in self.sections:
            if sec.id == section_id:
                return sec
        raise KeyError(section_id)

    def children(self, section_id: str | None) -> list[AnalyzedSection]:
        """Direct children of a section (``None``: the top-level sections)."""
        return [sec for sec in self.sections if sec.parent == section_id]

    def to_dict(self) -> JSON:
        out = super().to_dict()
        out["date"] = self.date.isoformat() if self.date else None
        if self.themes is not None:
            out["themes"] = dict(self.themes)
            out["theme"] = self.theme
        if self.tasks is not None:
            out["tasks"] = [task.to_dict() for task in self.tasks]
        return out


@dataclass(frozen=True)
class Analysis:
    """Everything ``analyze`` found in one input."""

    source: str
    text: str
    documents: tuple[AnalyzedDocument, ...]
    placeholders: tuple[Any, ...] = ()
    removed: tuple[Any, ...] = ()
    encoding: str | None = None
    format: str | None = None
    extras: Mapping[str, Any] = field(default_factory=dict)

    @property
    def text_length(self) -> int:
        return len(self.text)

    def sections(self) -> Iterator[tuple[AnalyzedDocument, AnalyzedSection]]:
        """Every (document, section) pair in reading order."""
        for doc in self.documents:
            for sec in doc.sections:
                yield doc, sec

    def to_dict(self) -> JSON:
        return {
            "djnlp_version": __version__,
            "source": self.source,
            "encoding": self.encoding,
            "format": self.format,
            "text_length": self.text_length,
            "documents": [doc.to_dict() for doc in self.documents],
            "placeholders": [_plain(p) for p in self.placeholders],
            "removed": [_plain(r) for r in self.removed],
        }

    def to_dataframe(self) -> Any:
        """One row per section (pandas), for researchers."""
        import pandas as pd

        rows = []
        for doc_index, (doc, sec) in enumerate(self.sections()):
            row = {"document": doc.title, **sec.to_dict()}
            row.pop("themes", None)
            if sec.themes is not None:
                row.update({f"theme_{k}": v for k, v in sec.themes.items()})
            row["text"] = self.text[sec.start : sec.end]
            rows.append(row)
        return pd.DataFrame(rows)


def _plain(obj: Any) -> JSON:
    return obj.to_dict() if hasattr(obj, "to_dict") else dict(vars(obj))


def parse_date(value: str | dt.date | None) -> dt.date | None:
    """Accept ``None``, a date, or ``YYYY-MM-DD``; anything else is a :class:`ConfigError`.

    >>> parse_date("2025-03-18")
    datetime.date(2025, 3, 18)
    """
    if value is None or isinstance(value, dt.date):
        return value if not isinstance(value, dt.datetime) else value.date()
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        raise ConfigError(None, f"bad date {value!r}: expected YYYY-MM-DD") from None


@lru_cache(maxsize=1)
def _default_segmenter() -> Any:
    """The jieba segmenter with the 党建 lexicon, built once per process."""
    from djnlp.segment import make_segmenter

    return make_segmenter("jieba")


def _load_source(text_or_path: Any, name: str | None) -> Any:
    from djnlp.io import Source, read, read_text

    if isinstance(text_or_path, Source):
        return text_or_path
    if isinstance(text_or_path, (bytes, bytearray)):
        return read(bytes(text_or_path), name=name or "<bytes>")
    if isinstance(text_or_path, os.PathLike):
        return read(text_or_path)
    if isinstance(text_or_path, str):
        looks_like_path = "\n" not in text_or_path and len(text_or_path) < 1024 and os.path.isfile(text_or_path)
        return read(text_or_path) if looks_like_path else read_text(text_or_path, name=name or "<string>")
    raise ConfigError(None, f"analyze() takes a path, bytes or text, not {type(text_or_path).__name__}")


def _assign_sentences(
    sentences: Sequence[Sentence], sections: Sequence[Any]
) -> dict[str, tuple[Sentence, ...]]:
    """Give each sentence to the deepest section whose span holds its start.

    One sweep over both lists (sections nest like a tree), so long documents stay linear.
    """
    owned: dict[str, list[Sentence]] = {sec.id: [] for sec in sections}
    ordered = sorted(sections, key=lambda s: (s.start, -s.end))
    open_: list[Any] = []
    k = 0
    for sent in sorted(sentences, key=lambda x: x.start):
        while k < len(ordered) and ordered[k].start <= sent.start:
            while open_ and open_[-1].end <= ordered[k].start:
                open_.pop()
            open_.append(ordered[k])
            k += 1
        while open_ and open_[-1].end <= sent.start:
            open_.pop()
        if open_:
            owned[open_[-1].id].append(sent)
    return {key: tuple(val) for key, val in owned.items()}


def analyze(
    text_or_path: Any,
    date: str | dt.date | None = None,
    *,
    name: str | None = None,
    words: bool = False,
    themes: bool = True,
    tasks: bool = True,
    segmenter: Any = None,
    themes_model: Any = None,
) -> Analysis:
    """Analyse a path, bytes, a :class:`~djnlp.io.Source` or a text.

    ``date`` is the base date for relative deadlines (default: each document's own
    date line). ``words=True`` also segments every sentence (``Sentence.tokens``);
    ``themes``/``tasks`` switch those stages; ``themes_model`` is a folder from
    ``djnlp train themes`` or a loaded model (default: the shipped one).
    """
    from djnlp.clean import clean
    from djnlp.outline import parse_outline
    from djnlp.sentences import split_sentences

    base = parse_date(date)
    source = _load_source(text_or_path, name)
    ct = clean(source.text)
    outline = parse_outline(ct, getattr(source, "heading_hints", ()))
    # the theme model's word features reuse these tokens, so themes cost no second segmentation
    shared_words = themes and segmenter is None
    cut = (segmenter or _default_segmenter()).cut if words or shared_words else None
    from djnlp import enrich

    documents = []
    all_words: list[tuple[int, str]] = []  # (offset in ct.text, token)
    # sentences lie within one line and documents start on a line: split the text once
    spans = split_sentences(ct.text)
    for doc in outline:
        c_start, c_end = ct.from_original(doc.start), ct.from_original(doc.end)
        body = ct.text[c_start:c_end]
        sentences = []
        first = bisect_left(spans, (c_start, c_start))
        for s, e in ((a - c_start, b - c_start) for a, b in spans[first:bisect_left(spans, (c_end, c_end))]
                     if b <= c_end):
            o_start, o_end = ct.to_original(c_start + s, c_start + e)
            piece = body[s:e]
            toks = tuple(cut(piece)) if cut is not None else ()
            offset = c_start + s
            for tok in toks:
                all_words.append((offset, tok))
                offset += len(tok)
            sentences.append(Sentence(piece, o_start, o_end, toks if words else ()))
        owned = _assign_sentences(sentences, doc.sections)
        sections = tuple(
            AnalyzedSection(**{f.name: getattr(sec, f.name) for f in fields(Section)}, sentences=owned.get(sec.id, ()))
            for sec in doc.sections
        )
        documents.append(
            AnalyzedDocument(
                title=doc.title,
                start=doc.start,
                end=doc.end,
                sections=sections,
                sentences=tuple(sentences),
                date=base or enrich.find_document_date(body),
            )
        )
    if themes:
        documents = enrich.score_themes(documents, ct, all_words if shared_words else None, themes_model)
    if tasks:
        documents = enrich.attach_tasks(documents, ct, spans)
    return Analysis(
        source=source.name,
        text=source.text,
        documents=tuple(documents),
        placeholders=tuple(ct.placeholders),
        removed=tuple(ct.removed),
        encoding=getattr(source, "encoding", None),
        format=getattr(source, "format", None),
    )
