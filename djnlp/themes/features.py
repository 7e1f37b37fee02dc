"""Text → feature vector for the theme model: word n-grams, char n-grams, lexicon shares.

Three blocks, each weighted and (for the n-gram blocks) L2-normalised on its own, so a long
section and a short passage land on the same scale:

* ``w:`` word 1–2-grams from the djnlp segmenter (bigrams never cross punctuation),
* ``c:`` character 1–3-grams inside runs of Han characters,
* ``lex:`` the share of domain-lexicon hits per theme, ``hits / (all hits + prior)`` (prior
  knowledge that survives new wording; the pseudo-count keeps one stray hit from deciding).

n-gram values are sublinear TF × IDF; the IDF is fixed at training time (background official
texts + the labelled passages) and stored with the model.

>>> feats = Featurizer.fit(["村党支部换届", "企业党组织覆盖"], FeatureConfig(segmenter=None), min_df=1)
>>> sorted(n for n in feats.vocabulary if n.startswith("c:村"))[:3]
['c:村', 'c:村党', 'c:村党支']
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np

from djnlp.errors import ModelError
from djnlp.themes.lexicon import Lexicon

HAN_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_WORDLIKE = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaffa-z]")
_QUOTES = str.maketrans({"“": "", "”": "", "‘": "", "’": "", '"': "", "'": "", "「": "", "」": ""})

LEXICON_PREFIX = "lex:"


@dataclass(frozen=True)
class FeatureConfig:
    """How text becomes features; stored in the model's ``config.json``."""

    char_ngrams: tuple[int, int] = (1, 3)
    word_ngrams: tuple[int, int] = (1, 2)
    segmenter: str | None = "jieba"
    char_weight: float = 1.0
    word_weight: float = 1.0
    lexicon_weight: float = 0.5
    lexicon_prior: float = 2.0  # pseudo-count of "no domain" hits in the lexicon share
    max_background_df: float = 0.05  # training only: drop n-grams found in more than this share of background chunks

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @staticmethod
    def from_dict(data: Mapping[str, Any]) -> FeatureConfig:
        return FeatureConfig(
            char_ngrams=tuple(data["char_ngrams"]),  # type: ignore[arg-type]
            word_ngrams=tuple(data["word_ngrams"]),  # type: ignore[arg-type]
            segmenter=data.get("segmenter"),
            char_weight=float(data["char_weight"]),
            word_weight=float(data["word_weight"]),
            lexicon_weight=float(data["lexicon_weight"]),
            lexicon_prior=float(data.get("lexicon_prior", 2.0)),
            max_background_df=float(data.get("max_background_df", 1.0)),
        )


def normalize(text: str) -> str:
    """NFKC (full/half width folded), lower case, quotes dropped (``村“两委”`` → ``村两委``)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_QUOTES)


def display_term(name: str) -> str:
    """Human form of a feature name: ``c:村两`` → ``村两``, ``lex:rural`` → ``lexicon:rural``."""
    if name.startswith(LEXICON_PREFIX):
        return "lexicon:" + name[len(LEXICON_PREFIX) :]
    return name.split(":", 1)[1] if ":" in name else name


class Tokens:
    """Raw n-gram counts of one text (before the vocabulary is applied)."""

    def __init__(self, text: str, config: FeatureConfig, cut: Any) -> None:
        norm = normalize(text)
        self.chars = _char_ngrams(norm, config.char_ngrams)
        self.words = word_ngrams(cut(norm), config.word_ngrams) if cut is not None else Counter()


def _char_ngrams(norm: str, span: tuple[int, int]) -> Counter[str]:
    lo, hi = span
    counts: Counter[str] = Counter()
    if hi < 1:
        return counts
    for run in HAN_RUN.findall(norm):
        for n in range(lo, hi + 1):
            counts.update("c:" + run[i : i + n] for i in range(len(run) - n + 1))
    return counts


def word_ngrams(tokens: Iterable[str], span: tuple[int, int]) -> Counter[str]:
    lo, hi = span
    counts: Counter[str] = Counter()
    if hi < 1:
        return counts
    clause: list[str] = []

    def flush() -> None:
        for n in range(lo, hi + 1):
            counts.update("w:" + " ".join(clause[i : i + n]) for i in range(len(clause) - n + 1))
        clause.clear()

    for token in tokens:
        token = token.strip()
        if token and _WORDLIKE.search(token) and not token.isdigit():
            clause.append(token)
        else:
            flush()
    flush()
    return counts


def term_set(text: str, config: FeatureConfig, cut: Any) -> set[str]:
    """The distinct word and char n-gram names of ``text`` (for document frequencies)."""
    tokens = Tokens(text, config, cut)
    return set(tokens.chars) | set(tokens.words)


def make_cutter(segmenter: str | None) -> Any:
    """The word-cutting function for ``segmenter`` (``None`` → no word features)."""
    if segmenter is None:
        return None
    try:
        from djnlp.segment import make_segmenter
    except ImportError as err:
        raise ModelError(None, f"the theme model needs the {segmenter!r} segmenter, which is unavailable: {err}") from err
    return make_segmenter(segmenter).cut


def segmenter_available(segmenter: str) -> bool:
    """True when :func:`djnlp.segment.make_segmenter` exists (the word block can be used)."""
    try:
        from djnlp.segment import make_segmenter  # noqa: F401
    except ImportError:
        return False
    return True


@dataclass(frozen=True)
class Counts:
    """Raw in-vocabulary counts of a text, before TF-IDF and normalisation.

    Counts add up: the counts of a text cut at line breaks are the sum of its pieces' counts
    (n-grams never cross a line break), so nested sections can share one pass over the text.
    """

    word_cols: np.ndarray
    word_counts: np.ndarray
    char_cols: np.ndarray
    char_counts: np.ndarray
    lex: np.ndarray

    @staticmethod
    def total(parts: Sequence[Counts], n_features: int) -> Counts:
        """The counts of the concatenation of ``parts`` (at least one)."""
        if len(parts) == 1:
            return parts[0]

        def merge(cols: list[np.ndarray], counts: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
            dense = np.bincount(np.concatenate(cols), weights=np.concatenate(counts), minlength=n_features)
            nonzero = np.flatnonzero(dense)
            return nonzero, dense[nonzero]

        words = merge([p.word_cols for p in parts], [p.word_counts for p in parts])
        chars = merge([p.char_cols for p in parts], [p.char_counts for p in parts])
        return Counts(words[0], words[1], chars[0], chars[1], np.sum([p.lex for p in parts], axis=0))


@dataclass
class Featurizer:
    """Maps texts to fixed-width vectors; ``vocabulary[i]`` names column ``i``."""

    config: FeatureConfig
    vocabulary: list[str]
    idf: np.ndarray
    lexicon: Lexicon
    _index: dict[str, int] = field(init=False, repr=False)
    _cut: Any = field(init=False, repr=False, default=None)
    _cut_ready: bool = field(init=False, repr=False, default=False)

    def __post_init__(self) -> None:
        if len(self.vocabulary) != len(self.idf):
            raise ModelError(None, f"vocabulary has {len(self.vocabulary)} terms but idf has {len(self.idf)} values")
        self._index = {name: i for i, name in enumerate(self.vocabulary)}
        self._lex_cols = [self._index.get(LEXICON_PREFIX + t) for t in self.lexicon.themes]

    @property
    def n_features(self) -> int:
        return len(self.vocabulary)

    @property
    def index(self) -> Mapping[str, int]:
        """Feature name → column."""
        return self._index

    @property
    def lexicon_columns(self) -> list[int | None]:
        """The column of each lexicon theme's share (in ``lexicon.themes`` order)."""
        return self._lex_cols

    def cutter(self) -> Any:
        """The word cutter of this featurizer (``None`` without word features), made once."""
        if not self._cut_ready:
            self._cut = make_cutter(self.config.segmenter)
            self._cut_ready = True
        return self._cut

    # ---- fitting -------------------------------------------------------------------------
    @classmethod
    def fit(
        cls,
        texts: Sequence[str],
        config: FeatureConfig,
        *,
        background: Iterable[str] = (),
        min_df: int = 2,
        lexicon: Lexicon | None = None,
    ) -> Featurizer:
        """Vocabulary = n-grams in at least ``min_df`` of ``texts``; IDF over texts + background."""
        cut = make_cutter(config.segmenter)
        return cls.from_term_sets(
            [term_set(t, config, cut) for t in texts],
            [term_set(t, config, cut) for t in background],
            config,
            min_df=min_df,
            lexicon=lexicon,
        )

    @classmethod
    def from_term_sets(
        cls,
        labelled: Sequence[set[str]],
        background: Sequence[set[str]],
        config: FeatureConfig,
        *,
        min_df: int = 2,
        lexicon: Lexicon | None = None,
    ) -> Featurizer:
        """As :meth:`fit`, from pre-computed :func:`term_set` results (lets training reuse them)."""
        base = lexicon or Lexicon.default()
        lexicon = Lexicon.from_mapping({t: [normalize(w) for w in ws] for t, ws in base.terms.items()})
        df: Counter[str] = Counter()
        for terms in labelled:
            df.update(terms)
        vocab = sorted(t for t, n in df.items() if n >= min_df)
        keep = set(vocab)
        bg_df: Counter[str] = Counter()
        for terms in background:
            bg_df.update(terms & keep)
        if background and config.max_background_df < 1.0:
            limit = config.max_background_df * len(background)
            vocab = [t for t in vocab if bg_df[t] <= limit]
        df.update(bg_df)
        n_docs = len(labelled) + len(background)
        idf = [math.log((1 + n_docs) / (1 + df[t])) + 1.0 for t in vocab]
        vocab += [LEXICON_PREFIX + t for t in lexicon.themes]
        idf += [1.0] * len(lexicon.themes)
        return cls(config, vocab, np.asarray(idf, dtype=np.float32), lexicon)

    # ---- transforming --------------------------------------------------------------------
    def tokens(self, text: str) -> Tokens:
        """The raw n-grams of ``text`` (reusable across vocabularies with the same config)."""
        return Tokens(text, self.config, self.cutter())

    def counts(self, text: str, tokens: Tokens | None = None) -> Counts:
        """In-vocabulary raw counts of ``text`` (see :class:`Counts`); ``tokens`` if already cut."""
        tokens = tokens or self.tokens(text)
        lookup = self._index.get
        blocks = []
        for counter in (tokens.words, tokens.chars):
            cols = np.fromiter((lookup(t, -1) for t in counter), dtype=np.int64, count=len(counter))
            counts = np.fromiter(counter.values(), dtype=np.float64, count=len(counter))
            known = cols >= 0
            blocks.append((cols[known], counts[known]))
        hits = self.lexicon.counts(normalize(text)) if self.config.lexicon_weight else {}
        lex = np.array([hits.get(t, 0) for t in self.lexicon.themes], dtype=np.float64)
        return Counts(blocks[0][0], blocks[0][1], blocks[1][0], blocks[1][1], lex)

    def vectorize(self, counts: Counts) -> tuple[np.ndarray, np.ndarray]:
        """The feature vector of ``counts`` as ``(column indices, values)``."""
        cols: list[np.ndarray] = []
        vals: list[np.ndarray] = []
        for block_cols, block_counts, weight in (
            (counts.word_cols, counts.word_counts, self.config.word_weight),
            (counts.char_cols, counts.char_counts, self.config.char_weight),
        ):
            if not len(block_cols) or weight == 0:
                continue
            block = (1.0 + np.log(block_counts)) * self.idf[block_cols]
            cols.append(block_cols)
            vals.append(block * (weight / float(np.sqrt(block @ block))))
        total = counts.lex.sum()
        for k, col in enumerate(self._lex_cols):
            if col is not None and counts.lex[k]:
                cols.append(np.array([col], dtype=np.int64))
                vals.append(np.array([self.config.lexicon_weight * counts.lex[k] / (total + self.config.lexicon_prior)]))
        if not cols:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(cols), np.concatenate(vals)

    def transform_one(self, text: str) -> tuple[np.ndarray, np.ndarray]:
        """Sparse vector of one text as ``(column indices, values)``."""
        return self.vectorize(self.counts(text))

    def transform(self, texts: Sequence[str], tokens: Sequence[Tokens] | None = None) -> Any:
        """A ``scipy.sparse.csr_matrix`` (n_texts × n_features); ``tokens`` if already cut."""
        from scipy.sparse import csr_matrix

        indptr = [0]
        indices: list[np.ndarray] = []
        data: list[np.ndarray] = []
        for i, text in enumerate(texts):
            cols, vals = self.vectorize(self.counts(text, tokens[i] if tokens is not None else None))
            indices.append(cols)
            data.append(vals)
            indptr.append(indptr[-1] + len(cols))
        return csr_matrix(
            (
                np.concatenate(data) if data else np.zeros(0),
                np.concatenate(indices) if indices else np.zeros(0, dtype=np.int64),
                np.asarray(indptr),
            ),
            shape=(len(texts), self.n_features),
        )
