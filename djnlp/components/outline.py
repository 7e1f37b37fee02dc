"""spaCy component ``djnlp_outline``: documents and heading tree on a Doc.

Sets ``doc.spans["sections"]`` (one span per heading, label ``"L{level}"``,
``span._.section`` = the section dict), ``doc.spans["placeholders"]`` and
``doc._.outline`` (a list of document dicts, each with its sections).

>>> import djnlp
>>> nlp = djnlp.load()                                  # doctest: +SKIP
>>> doc = nlp("一、加强农村党建\\n各乡镇要抓好换届。")       # doctest: +SKIP
>>> [s._.section["heading"] for s in doc.spans["sections"]]  # doctest: +SKIP
['加强农村党建']
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from djnlp.components import cleaned
from djnlp.outline import parse_outline

if not Doc.has_extension("outline"):
    Doc.set_extension("outline", default=None)
if not Span.has_extension("section"):
    Span.set_extension("section", default=None)


class OutlineComponent:
    """Finds documents and headings in ``doc.text`` (offsets are the Doc's own)."""

    def __call__(self, doc: Doc) -> Doc:
        ct = cleaned(doc.text)
        documents = parse_outline(ct)
        spans = []
        for document in documents:
            for section in document.sections:
                span = doc.char_span(section.start, section.end, label=f"L{section.level}", alignment_mode="expand")
                if span is None:
                    continue
                span._.section = section.to_dict()
                spans.append(span)
        doc.spans["sections"] = spans
        holes = (doc.char_span(p.start, p.end, label=p.kind, alignment_mode="expand") for p in ct.placeholders)
        doc.spans["placeholders"] = [span for span in holes if span is not None]
        doc._.outline = [document.to_dict() for document in documents]
        return doc


@Language.factory("djnlp_outline")
def make_outline(nlp: Language, name: str) -> OutlineComponent:
    """Factory registered with spaCy as ``djnlp_outline``."""
    return OutlineComponent()
