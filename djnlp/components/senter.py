"""spaCy component ``djnlp_senter``: sentence starts from :func:`djnlp.sentences.split_sentences`.

Sentences are found in the cleaned text, so a sentence split by a page break
stays one sentence; boundaries are mapped back onto the Doc's tokens.
"""
from __future__ import annotations

from bisect import bisect_left

import numpy
from spacy.attrs import SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from djnlp.components import cleaned
from djnlp.sentences import split_sentences


class SentenceComponent:
    """Marks ``token.is_sent_start`` at djnlp's sentence boundaries."""

    def __call__(self, doc: Doc) -> Doc:
        if len(doc) == 0:
            return doc
        ct = cleaned(doc.text)
        starts = sorted(ct.to_original(s, e)[0] for s, e in split_sentences(ct.text))
        token_starts = [token.idx for token in doc]
        # one array write: setting token.is_sent_start one by one re-checks the whole Doc each time
        flags = numpy.full((len(doc), 1), -1, dtype="int64").astype("uint64")  # spaCy's -1 = not a start
        flags[0] = 1
        for start in starts:
            flags[min(bisect_left(token_starts, start), len(doc) - 1)] = 1
        doc.from_array([SENT_START], flags)
        return doc


@Language.factory("djnlp_senter")
def make_senter(nlp: Language, name: str) -> SentenceComponent:
    """Factory registered with spaCy as ``djnlp_senter``."""
    return SentenceComponent()
