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
_HAN_RANGES = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # the ranges of HAN_RUN
_CODE_BITS = 21  # every code point fits in 21 bits, so a 3-gram fits in one uint64


def _gram_code(gram: str) -> int:
    """One integer per char n-gram (n ≤ 3): the code points packed 21 bits apart."""
    code = 0
    for ch in gram:
        code = (code << _CODE_BITS) | ord(ch)
    return code


def char_gram_codes(norm: str, n: int) -> tuple[np.ndarray, np.ndarray]:
    """``(start positions, codes)`` of the char ``n``-grams of ``norm`` that lie inside a run of
    Han characters — the same n-grams as :func:`_char_ngrams`, as numbers, in one numpy pass.

    >>> pos, codes = char_gram_codes("村两委a党", 2)
    >>> pos.tolist(), int(codes[0]) == _gram_code("村两")
    ([0, 1], True)
    """
    cp = np.frombuffer(norm.encode("utf-32-le"), dtype=np.uint32)
    length = len(cp) - n + 1
    if length <= 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.uint64)
    han = np.zeros(len(cp), dtype=bool)
    for lo, hi in _HAN_RANGES:
        han |= (cp >= lo) & (cp <= hi)
    ok = han[:length].copy()
    code = cp[:length].astype(np.uint64)
    for k in range(1, n):
        ok &= han[k : k + length]
        code = (code << np.uint64(_CODE_BITS)) | cp[k : k + length].astype(np.uint64)
    pos = np.flatnonzero(ok)
    return pos, code[pos]


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
            # proportional to the n-grams present, not to the vocabulary size
            unique, inverse = np.unique(np.concatenate(cols), return_inverse=True)
            return unique, np.bincount(inverse, weights=np.concatenate(counts), minlength=len(unique))

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
        by_n: dict[int, list[tuple[int, int]]] = {}
        for i, name in enumerate(self.vocabulary):
            if name.startswith("c:") and 1 <= len(name) - 2 <= 3:
                by_n.setdefault(len(name) - 2, []).append((_gram_code(name[2:]), i))
        self._word_keys: dict[str, tuple[str, int]] = {}  # token -> (normalised word, unigram column)
        self._bigrams = {
            tuple(name[2:].split(" ")): i for i, name in enumerate(self.vocabulary) if name.startswith("w:") and name.count(" ") == 1
        }
        self._char_codes = {
            n: (np.array([c for c, _ in sorted(pairs)], dtype=np.uint64), np.array([i for _, i in sorted(pairs)], dtype=np.int64))
            for n, pairs in by_n.items()
        }

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

    def char_hits(self, norm: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """In-vocabulary char n-grams of a normalised text as ``(start, end, column)`` arrays,
        sorted by start — computed once for a whole document, sliced per piece."""
        lo, hi = self.config.char_ngrams
        starts, ends, cols = [], [], []
        for n in range(max(lo, 1), min(hi, 3) + 1):
            if n not in self._char_codes:
                continue
            vocab_codes, vocab_cols = self._char_codes[n]
            pos, codes = char_gram_codes(norm, n)
            at = np.minimum(np.searchsorted(vocab_codes, codes), len(vocab_codes) - 1)
            hit = vocab_codes[at] == codes
            starts.append(pos[hit])
            ends.append(pos[hit] + n)
            cols.append(vocab_cols[at[hit]])
        if not starts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        start, end, col = np.concatenate(starts), np.concatenate(ends), np.concatenate(cols)
        order = np.argsort(start, kind="stable")
        return start[order], end[order], col[order]

    def piece_counts(
        self, norm_text: str, bounds: Sequence[int], words: Sequence[Sequence[str]] | None = None
    ) -> list[Counts]:
        """:class:`Counts` of each piece ``norm_text[bounds[i]:bounds[i+1]]`` in one pass: char
        n-grams found once for the whole text; word n-grams from ``words[i]`` (the piece's
        tokens, already cut) or cut here."""
        start, end, col = self.char_hits(norm_text)
        cut = self.cutter() if words is None else None
        out = []
        for i in range(len(bounds) - 1):
            a, b = bounds[i], bounds[i + 1]
            lo, hi = np.searchsorted(start, a), np.searchsorted(start, b)
            inside = end[lo:hi] <= b
            chars, char_counts = np.unique(col[lo:hi][inside], return_counts=True)
            piece = norm_text[a:b]
            if words is not None and self.config.word_ngrams == (1, 2):
                wcols, wcounts = self._word_unigram_bigram_cols(words[i])
            else:
                tokens = words[i] if words is not None else (cut(piece) if cut is not None else [])
                grams = word_ngrams((normalize(t) for t in tokens), self.config.word_ngrams)
                lookup = self._index.get
                wcols = np.fromiter((lookup(t, -1) for t in grams), dtype=np.int64, count=len(grams))
                wcounts = np.fromiter(grams.values(), dtype=np.float64, count=len(grams))
            known = wcols >= 0
            hits = self.lexicon.counts(piece) if self.config.lexicon_weight else {}
            lex = np.array([hits.get(t, 0) for t in self.lexicon.themes], dtype=np.float64)
            out.append(Counts(wcols[known], wcounts[known], chars.astype(np.int64), char_counts.astype(np.float64), lex))
        return out

    def _word_entry(self, token: str) -> tuple[str, int]:
        """``(normalised word, unigram column or -1)`` of a token as :func:`word_ngrams` sees it
        (word ``""`` = a clause break), cached per featurizer."""
        word = normalize(token).strip()
        key = word if word and _WORDLIKE.search(word) and not word.isdigit() else ""
        entry = (key, self._index.get("w:" + key, -1) if key else -1)
        if len(self._word_keys) < 200_000:
            self._word_keys[token] = entry
        return entry

    def _word_unigram_bigram_cols(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """In-vocabulary word 1–2-gram columns and counts of already-cut tokens — the same as
        :func:`word_ngrams` followed by a vocabulary lookup, without building n-gram strings."""
        entries, bigrams = self._word_keys, self._bigrams
        hits: list[int] = []
        prev = ""
        for token in tokens:
            key, col = entries.get(token) or self._word_entry(token)
            if key:
                if col >= 0:
                    hits.append(col)
                if prev:
                    pair = bigrams.get((prev, key))
                    if pair is not None:
                        hits.append(pair)
            prev = key
        cols, counts = np.unique(np.array(hits, dtype=np.int64), return_counts=True)
        return cols, counts.astype(np.float64)

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
