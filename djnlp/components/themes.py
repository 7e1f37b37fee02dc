"""spaCy component ``djnlp_themes``: theme scores in ``doc.cats`` and per section ``span._.cats``.

Every span in ``doc.spans["sections"]`` (set by ``djnlp_outline``) is scored on its own text
(in one pass over the Doc: nested sections share counts, see ``ThemeModel.predict_spans``);
``doc.cats`` is the length-weighted mean of the outermost sections (sections nest, so only
those that no other section contains are counted). Without sections the whole text is one
passage. ``model`` in the config is a folder from ``djnlp train themes`` (default: shipped).

>>> import djnlp
>>> nlp = djnlp.load()                                              # doctest: +SKIP
>>> doc = nlp("一、抓好村两委换届\\n各乡镇要选好配强村党组织书记。")  # doctest: +SKIP
>>> max(doc.cats, key=doc.cats.get)                                 # doctest: +SKIP
'rural'
"""
from __future__ import annotations

from collections.abc import Sequence

from spacy.language import Language
from spacy.tokens import Doc, Span

from djnlp.themes import aggregate
from djnlp.themes.model import ThemeModel, resolve_model

if not Span.has_extension("cats"):
    Span.set_extension("cats", default=None)


def outermost(spans: Sequence[Span]) -> list[Span]:
    """The spans not contained in another span (non-overlapping for a heading tree)."""
    ordered = sorted(spans, key=lambda s: (s.start_char, -s.end_char))
    out: list[Span] = []
    for span in ordered:
        if out and span.end_char <= out[-1].end_char:
            continue
        out.append(span)
    return out


class ThemesComponent:
    """Scores sections and the document with one :class:`ThemeModel`."""

    def __init__(self, model: ThemeModel) -> None:
        self.model = model

    def __call__(self, doc: Doc) -> Doc:
        sections = list(doc.spans["sections"]) if "sections" in doc.spans else []
        scored = [span for span in sections if span.text.strip()]
        rows = self.model.predict_spans(doc.text, [(s.start_char, s.end_char) for s in scored]) if scored else []
        for span, row in zip(scored, rows):
            span._.cats = dict(zip(self.model.labels, row.tolist()))
        if scored:
            top = outermost(scored)
            doc.cats = aggregate([span._.cats for span in top], [len(span.text) for span in top])
        elif doc.text.strip():
            doc.cats = self.model.scores(doc.text)
        return doc


@Language.factory("djnlp_themes", default_config={"model": None})
def make_themes(nlp: Language, name: str, model: str | None) -> ThemesComponent:
    """Factory registered with spaCy as ``djnlp_themes``; ``model`` is a model folder or ``None``."""
    return ThemesComponent(resolve_model(model))
