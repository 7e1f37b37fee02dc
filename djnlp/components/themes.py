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

from spacy.language import Language
from spacy.tokens import Doc, Span

from djnlp.themes.result import aggregate, outermost
from djnlp.themes.model import ThemeModel, resolve_model

if not Span.has_extension("cats"):
    Span.set_extension("cats", default=None)


class ThemesComponent:
    """Scores sections and the document with one :class:`ThemeModel`."""

    def __init__(self, model: ThemeModel, share_tokens: bool = False) -> None:
        self.model = model
        # the Doc's tokens serve as the model's words when both come from djnlp's jieba
        self.share_tokens = share_tokens and model.featurizer.config.segmenter == "jieba"

    def __call__(self, doc: Doc) -> Doc:
        sections = list(doc.spans["sections"]) if "sections" in doc.spans else []
        scored = [span for span in sections if span.text.strip()]
        words = _words(doc) if self.share_tokens else None
        spans = [(s.start_char, s.end_char) for s in scored]
        rows = self.model.predict_spans(doc.text, spans, words) if scored else []
        for span, row in zip(scored, rows):
            span._.cats = dict(zip(self.model.labels, row.tolist()))
        if scored:
            top = outermost(scored, lambda span: (span.start_char, span.end_char))
            doc.cats = aggregate([span._.cats for span in top], [len(span.text) for span in top])
        elif doc.text.strip():
            doc.cats = self.model.scores(doc.text)
        return doc


def _words(doc: Doc) -> list[tuple[int, str]]:
    """``(offset, text)`` of every token, a trailing space as a token of its own (as jieba cuts)."""
    words = []
    for token in doc:
        words.append((token.idx, token.text))
        if token.whitespace_:
            words.append((token.idx + len(token.text), token.whitespace_))
    return words


@Language.factory("djnlp_themes", default_config={"model": None})
def make_themes(nlp: Language, name: str, model: str | None) -> ThemesComponent:
    """Factory registered with spaCy as ``djnlp_themes``; ``model`` is a model folder or ``None``."""
    settings = getattr(nlp.tokenizer, "settings", {})
    return ThemesComponent(resolve_model(model), share_tokens=settings.get("segmenter") == "jieba")
