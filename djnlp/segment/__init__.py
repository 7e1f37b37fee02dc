"""Word segmentation for 党建 text: private jieba + 党建 lexicon, pkuseg models, or characters.

>>> from djnlp.segment import cut, make_segmenter
>>> cut("严格落实三会一课和主题党日制度")
['严格', '落实', '三会一课', '和', '主题党日', '制度']
>>> make_segmenter("char").cut("党支部")
['党', '支', '部']

``make_nlp`` (a spaCy ``zh`` pipeline with djnlp's tokenizer, registered as
``djnlp.ChineseTokenizer.v1``) imports spaCy on first use.
"""
from __future__ import annotations

from typing import Any

from djnlp.segment.lexicon import Lexicon, LexiconEntry, load_lexicon, load_user_dict
from djnlp.segment.segmenters import (
    CharSegmenter,
    JiebaSegmenter,
    PkusegSegmenter,
    Segmenter,
    cut,
    make_segmenter,
)

__all__ = [
    "CharSegmenter", "JiebaSegmenter", "Lexicon", "LexiconEntry", "PkusegSegmenter", "Segmenter",
    "cut", "load_lexicon", "load_user_dict", "make_nlp", "make_segmenter", "train_pkuseg",
]


def __getattr__(name: str) -> Any:
    if name == "make_nlp":
        from djnlp.segment.spacy_tokenizer import make_nlp

        return make_nlp
    if name == "train_pkuseg":
        from djnlp.segment.training import train_pkuseg

        return train_pkuseg
    raise AttributeError(f"module 'djnlp.segment' has no attribute {name!r}")
