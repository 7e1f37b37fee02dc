"""djnlp's segmenters as a spaCy tokenizer, registered as ``djnlp.ChineseTokenizer.v1``.

Whitespace follows spaCy's convention: one space after a word becomes that word's
trailing space, any other whitespace run is a token of its own, so ``doc.text`` is
always the input text.

>>> nlp = make_nlp()
>>> doc = nlp("落实三会一课 制度\\n")
>>> [t.text for t in doc], doc.text == "落实三会一课 制度\\n"
(['落实', '三会一课', '制度', '\\n'], True)
"""
from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import registry
from spacy.vocab import Vocab

from djnlp._atomic import atomic_write
from djnlp.segment.segmenters import Segmenter, make_segmenter

REGISTERED_NAME = "djnlp.ChineseTokenizer.v1"

# spaCy's string store cannot hold lone surrogates (from broken UTF-16); each becomes U+FFFD,
# one character for one, so offsets still match the caller's text.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def words_and_spaces(tokens: Sequence[str]) -> tuple[list[str], list[bool]]:
    """spaCy ``words``/``spaces`` for tokens that concatenate to the text (whitespace runs as tokens).

    >>> words_and_spaces(["党建", " ", "引领", "\\n ", "基层", "  "])
    (['党建', '引领', '\\n ', '基层', ' '], [True, False, False, True, False])
    """
    words: list[str] = []
    spaces: list[bool] = []
    for token in tokens:
        if token.isspace() and words and not spaces[-1] and not words[-1].isspace() and token[0] == " ":
            spaces[-1] = True
            token = token[1:]
            if not token:
                continue
        words.append(token)
        spaces.append(False)
    return words, spaces


class ChineseTokenizer:
    """Callable ``text -> Doc`` around a :class:`~djnlp.segment.Segmenter`.

    The settings (``segmenter``, ``model``, ``user_dicts``) live in the pipeline config; they
    are also written by ``to_disk`` so a saved pipeline records what it was built with.
    """

    def __init__(self, vocab: Vocab, segmenter: Segmenter, settings: dict[str, Any] | None = None) -> None:
        self.vocab = vocab
        self.segmenter = segmenter
        self.settings = dict(settings or {})

    def __call__(self, text: str) -> Doc:
        text = _LONE_SURROGATE.sub("\ufffd", text)
        words, spaces = words_and_spaces(self.segmenter.cut(text))
        return Doc(self.vocab, words=words, spaces=spaces)

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Doc]:
        for text in texts:
            yield self(text)

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return json.dumps(self.settings, ensure_ascii=False, sort_keys=True).encode("utf-8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> ChineseTokenizer:
        self.settings = json.loads(data.decode("utf-8"))
        return self

    def to_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> None:
        with atomic_write(Path(path) / "settings.json", "wb") as fh:
            fh.write(self.to_bytes())

    def from_disk(self, path: str | os.PathLike[str], *, exclude: Iterable[str] = ()) -> ChineseTokenizer:
        settings = Path(path) / "settings.json"
        if settings.is_file():
            self.from_bytes(settings.read_bytes())
        return self


@registry.tokenizers(REGISTERED_NAME)
def create_tokenizer(
    segmenter: str = "jieba",
    model: str | None = None,
    user_dicts: Sequence[str] = (),
) -> Callable[[Language], ChineseTokenizer]:
    """spaCy factory: ``[nlp.tokenizer] @tokenizers = "djnlp.ChineseTokenizer.v1"``."""
    seg = make_segmenter(segmenter, model, tuple(user_dicts))
    settings = {"segmenter": segmenter, "model": model, "user_dicts": list(user_dicts)}

    def build(nlp: Language) -> ChineseTokenizer:
        return ChineseTokenizer(nlp.vocab, seg, settings)

    return build


def make_nlp(
    segmenter: str = "jieba",
    model: str | os.PathLike[str] | None = None,
    user_dicts: Iterable[str | os.PathLike[str]] = (),
) -> Language:
    """A blank spaCy ``zh`` pipeline whose tokenizer is djnlp's segmenter (built lazily on first text)."""
    if isinstance(user_dicts, (str, os.PathLike)):
        user_dicts = (user_dicts,)
    tokenizer = {
        "@tokenizers": REGISTERED_NAME,
        "segmenter": segmenter,
        "model": os.fspath(model) if model is not None else None,
        "user_dicts": [os.fspath(p) for p in user_dicts],
    }
    return spacy.blank("zh", config={"nlp": {"tokenizer": tokenizer}})
