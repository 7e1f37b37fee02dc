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
from itertools import repeat
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
_NOT_A_WORD = -2  # token entry: punctuation, digits, space — a clause break for word n-grams


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


_HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing of 64-bit codes


class CodeTable:
    """A table ``uint64 code → column`` looked up for whole arrays at once (several times faster
    than a binary search for the n-gram codes of a text). Codes must be non-zero (0 marks a
    free slot; an n-gram code never is 0). When every code is below 2**16 (char unigrams of the
    Han ranges) the table is a plain array indexed by code; otherwise an open-addressing hash
    table at most a quarter full, so most look-ups end at their first slot.

    >>> table = CodeTable(np.array([7, 42], dtype=np.uint64), np.array([3, 5]))
    >>> table.get(np.array([42, 8, 7, 70000], dtype=np.uint64)).tolist()
    [5, -1, 3, -1]
    >>> wide = CodeTable(np.array([7, 1 << 40], dtype=np.uint64), np.array([3, 5]))
    >>> wide.get(np.array([1 << 40, 8, 7], dtype=np.uint64)).tolist()
    [5, -1, 3]
    """

    def __init__(self, codes: np.ndarray, columns: np.ndarray) -> None:
        if len(codes) and not codes.all():
            raise ValueError("code 0 cannot be stored (it marks a free slot)")
        if not len(codes) or int(codes.max()) < 1 << 16:
            self._direct = np.full(1 << 16, -1, dtype=np.int64)
            self._direct[codes.astype(np.int64)] = columns
            return
        self._direct = np.zeros(0, dtype=np.int64)
        bits = max(int(4 * len(codes) - 1).bit_length(), 4)  # at most a quarter full
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self._codes = np.zeros(1 << bits, dtype=np.uint64)
        self._columns = np.full(1 << bits, -1, dtype=np.int64)
        slot = self._slots(codes)
        todo = np.arange(len(codes))
        while len(todo):  # each round places one key per free slot; the others probe on
            at = slot[todo]
            take = np.zeros(len(todo), dtype=bool)
            take[np.unique(at, return_index=True)[1]] = True
            take &= self._columns[at] < 0
            self._codes[at[take]] = codes[todo[take]]
            self._columns[at[take]] = columns[todo[take]]
            todo = todo[~take]
            slot[todo] = (slot[todo] + 1) & self._mask

    def _slots(self, codes: np.ndarray) -> np.ndarray:
        return ((codes * _HASH_MULTIPLIER) >> self._shift).astype(np.int64)

    def get(self, codes: np.ndarray) -> np.ndarray:
        """The column of each code, -1 for codes not in the table."""
        if len(self._direct):
            small = codes < len(self._direct)
            if small.all():
                return self._direct[codes.astype(np.int64)]
            return np.where(small, self._direct[np.where(small, codes, 0).astype(np.int64)], -1)
        slot = self._slots(codes)
        found = self._codes[slot]
        hit = found == codes
        out = np.where(hit, self._columns[slot], -1)
        index = np.flatnonzero((found != 0) & ~hit)  # slot taken by another code: probe on
        slot = slot[index]
        while len(index):
            slot = (slot + 1) & self._mask
            found = self._codes[slot]
            hit = found == codes[index]
            out[index[hit]] = self._columns[slot[hit]]
            keep = (found != 0) & ~hit
            index, slot = index[keep], slot[keep]
        return out


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
            char_ngrams=_ngram_range(data["char_ngrams"], "char_ngrams"),
            word_ngrams=_ngram_range(data["word_ngrams"], "word_ngrams"),
            segmenter=data.get("segmenter"),
            char_weight=float(data["char_weight"]),
            word_weight=float(data["word_weight"]),
            lexicon_weight=float(data["lexicon_weight"]),
            lexicon_prior=float(data.get("lexicon_prior", 2.0)),
            max_background_df=float(data.get("max_background_df", 1.0)),
        )


def _ngram_range(value: Any, name: str) -> tuple[int, int]:
    """``[min, max]`` with ``1 <= min <= max``, else :class:`ValueError`."""
    if (isinstance(value, (list, tuple)) and len(value) == 2 and all(type(n) is int for n in value)
            and 1 <= value[0] <= value[1]):
        return (value[0], value[1])
    raise ValueError(f"{name} must be [min, max] with 1 <= min <= max, got {value!r}")


def normalize(text: str) -> str:
    """NFKC (full/half width folded), lower case, quotes dropped (``村“两委”`` → ``村两委``)."""
    return unicodedata.normalize("NFKC", text).lower().translate(_QUOTES)


# Characters whose NFKC form is the same alone and next to any neighbour: combining class 0 and
# never the second half of a canonical composition (no combining marks, Hangul jamo, kana voicing
# marks U+3099/309A, ideographic tone marks U+302A–302F, or Greek capital sigma, whose lower case
# depends on its neighbours).
_LOCAL_RANGES = (
    (0x0000, 0x02FF), (0x2000, 0x20CF), (0x2100, 0x2BFF), (0x2E80, 0x3029), (0x3030, 0x3098), (0x309B, 0x30FF),
    (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFF00, 0xFFEF),
)  # fmt: skip


class _FoldTable:
    """Per BMP code point, its folded form ``normalize(chr(code))`` as a slice
    ``codes[start:start + length]`` (filled on demand): ``start`` is -1 for a code not seen yet,
    -2 for one whose NFKC form leaves :data:`_LOCAL_RANGES` (it may depend on its neighbours)."""

    def __init__(self) -> None:
        self.start = np.full(0x10000, -1, dtype=np.int64)
        self.length = np.zeros(0x10000, dtype=np.int64)
        self.codes = np.zeros(0, dtype=np.uint32)

    def learn(self, codes: np.ndarray) -> None:
        """Fold the code points of ``codes`` not seen yet."""
        added: list[int] = []
        for code in np.unique(codes[self.start[codes] == -1]).tolist():
            nfkc = unicodedata.normalize("NFKC", chr(code))
            if not all(any(lo <= ord(d) <= hi for lo, hi in _LOCAL_RANGES) for d in nfkc):
                self.start[code] = -2
                continue
            folded = nfkc.lower().translate(_QUOTES)
            self.start[code] = len(self.codes) + len(added)
            self.length[code] = len(folded)
            added += map(ord, folded)
        self.codes = np.concatenate([self.codes, np.array(added, dtype=np.uint32)])


_FOLD = _FoldTable()


def normalize_pieces(text: str, bounds: Sequence[int]) -> tuple[str, list[int]]:
    """``"".join(normalize(text[a:b]) for consecutive bounds a, b)`` and the bounds of the
    pieces in that string — by table look-up of every character at once when each character
    normalises on its own (as in Chinese text), else piece by piece.

    >>> normalize_pieces("村“两委”，ＡＢ……", [0, 5, 8, 10])
    ('村两委,ab......', [0, 3, 6, 12])
    """
    lo, hi = bounds[0], bounds[-1]
    cp = np.frombuffer(text[lo:hi].encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
    if len(cp) and int(cp.max()) < 0x10000:
        if (_FOLD.start[cp] == -1).any():
            _FOLD.learn(cp)
        start = _FOLD.start[cp]
        if not (start == -2).any():
            length = _FOLD.length[cp]
            ends = np.concatenate([[0], np.cumsum(length)])
            if (length == 1).all():
                at = start
            else:  # quotes dropped, "…" → "...": each character owns length[i] output codes
                owner = np.repeat(np.arange(len(cp)), length)
                at = start[owner] + np.arange(int(ends[-1])) - ends[owner]
            norm = _FOLD.codes[at].tobytes().decode("utf-32-le")
            return norm, ends[np.asarray(bounds, dtype=np.int64) - lo].tolist()
    pieces = [normalize(text[a:b]) for a, b in zip(bounds, bounds[1:])]
    return "".join(pieces), np.cumsum([0] + [len(p) for p in pieces]).tolist()


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

    (Many spans of one text at once: :meth:`Featurizer.span_vectors`.)
    """

    word_cols: np.ndarray
    word_counts: np.ndarray
    char_cols: np.ndarray
    char_counts: np.ndarray
    lex: np.ndarray


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
        bigrams = [(name[2:].split(" "), i) for i, name in enumerate(self.vocabulary) if name.startswith("w:") and name.count(" ") == 1]
        self._bigram_words = {w: k for k, w in enumerate(sorted({w for pair, _ in bigrams for w in pair}))}
        codes = sorted((self._bigram_words[a] * len(self._bigram_words) + self._bigram_words[b], i) for (a, b), i in bigrams)
        self._bigram_codes = np.array([c for c, _ in codes], dtype=np.int64)
        self._bigram_cols = np.array([i for _, i in codes], dtype=np.int64)
        self._token_index: dict[str, int] = {}  # token -> row of the two lists below
        self._token_unigram: list[int] = []
        self._token_word: list[int] = []
        self._token_arrays = (np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
        self._char_codes = {
            n: CodeTable(np.array([c for c, _ in pairs], dtype=np.uint64), np.array([i for _, i in pairs], dtype=np.int64))
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
        """In-vocabulary char n-grams of a normalised text as ``(start, end, column)`` arrays —
        computed once for a whole document, then assigned to its pieces."""
        lo, hi = self.config.char_ngrams
        starts, sizes, cols = [], [], []
        for n in range(max(lo, 1), min(hi, 3) + 1):
            if n not in self._char_codes:
                continue
            pos, codes = char_gram_codes(norm, n)
            starts.append(pos)
            sizes.append(n)
            cols.append(self._char_codes[n].get(codes))
        if not starts:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, empty
        keep = np.flatnonzero(np.concatenate(cols) >= 0)  # one selection for all n
        start = np.concatenate(starts)[keep]
        size = np.repeat(np.array(sizes, dtype=np.int64), [len(pos) for pos in starts])[keep]
        return start, start + size, np.concatenate(cols)[keep]

    def span_vectors(
        self,
        norm_text: str,
        bounds: Sequence[int],
        tokens: Sequence[str],
        token_piece: np.ndarray,
        span_pieces: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Feature vectors of spans made of whole pieces, as ``(row, column, value)`` arrays.

        Piece ``i`` is ``norm_text[bounds[i]:bounds[i+1]]`` (n-grams and lexicon hits never cross
        a piece boundary); ``tokens`` are the pieces' words in order, ``token_piece`` the piece of
        each; span ``r`` covers pieces ``span_pieces[r, 0]`` up to (not including)
        ``span_pieces[r, 1]``. Each span gets what :meth:`transform_one` gives for its text, but
        all spans are computed with array operations over one pass of the text.
        """
        cuts = np.asarray(bounds, dtype=np.int64)
        n_pieces = len(cuts) - 1
        start, end, col = self.char_hits(norm_text)
        piece = np.searchsorted(cuts, start, side="right") - 1
        inside = np.flatnonzero((piece >= 0) & (piece < n_pieces) & (end <= cuts[np.clip(piece + 1, 0, n_pieces)]))
        word_piece, word_col = self._word_hits(tokens, np.asarray(token_piece, dtype=np.int64))
        rows, cols, vals = [], [], []
        for hit_piece, hit_col, weight in (
            (word_piece, word_col, self.config.word_weight),
            (piece[inside], col[inside], self.config.char_weight),
        ):
            if weight == 0:
                continue
            row, block_cols, counts = _span_counts(hit_piece, hit_col, span_pieces, n_pieces, self.n_features)
            block = (1.0 + np.log(counts)) * self.idf[block_cols]
            norms = np.sqrt(np.bincount(row, weights=block * block, minlength=len(span_pieces)))
            rows.append(row)
            cols.append(block_cols)
            vals.append(block * (weight / norms[row]))
        if self.config.lexicon_weight:
            lex_rows, lex_cols, lex_vals = self._span_lexicon(norm_text, cuts, span_pieces)
            rows.append(lex_rows)
            cols.append(lex_cols)
            vals.append(lex_vals)
        if not rows:
            empty = np.zeros(0, dtype=np.int64)
            return empty, empty, np.zeros(0, dtype=np.float64)
        return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)

    def _span_lexicon(
        self, norm_text: str, cuts: np.ndarray, span_pieces: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Lexicon-share features of each span (see :meth:`vectorize`) as ``(row, col, value)``."""
        hit_start, hit_counts = self.lexicon.piece_hits(norm_text, cuts.tolist())
        running = np.vstack([np.zeros((1, hit_counts.shape[1]), dtype=np.int64), np.cumsum(hit_counts, axis=0)])
        first = np.searchsorted(hit_start, cuts[span_pieces[:, 0]])
        last = np.searchsorted(hit_start, cuts[span_pieces[:, 1]])
        lex = (running[last] - running[first]).astype(np.float64)
        total = lex.sum(axis=1) + self.config.lexicon_prior
        rows, cols, vals = [], [], []
        for k, column in enumerate(self._lex_cols):
            if column is None:
                continue
            row = np.flatnonzero(lex[:, k])
            rows.append(row)
            cols.append(np.full(len(row), column, dtype=np.int64))
            vals.append(self.config.lexicon_weight * lex[row, k] / total[row])
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
        return np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)

    def _word_hits(self, tokens: Sequence[str], token_piece: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """In-vocabulary word n-grams of already-cut tokens as ``(piece, column)`` arrays, one
        entry per occurrence — the n-grams of :func:`word_ngrams` run on each piece's tokens."""
        lo, hi = self.config.word_ngrams
        if hi < 1 or not len(tokens):
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        if hi > 2:  # longer n-grams: build the strings, piece by piece
            pieces, cols = [], []
            cuts = np.flatnonzero(np.diff(token_piece)) + 1
            for lo_tok, hi_tok in zip([0, *cuts.tolist()], [*cuts.tolist(), len(tokens)]):
                grams = word_ngrams((normalize(t) for t in tokens[lo_tok:hi_tok]), self.config.word_ngrams)
                found = [(self._index.get(g, -1), n) for g, n in grams.items()]
                col = np.repeat([c for c, _ in found], [n for _, n in found]).astype(np.int64)
                col = col[col >= 0]
                pieces.append(np.full(len(col), token_piece[lo_tok], dtype=np.int64))
                cols.append(col)
            return np.concatenate(pieces), np.concatenate(cols)
        unigram, word_id = self._token_entries(tokens)
        found_piece, found_col = [], []
        if lo <= 1:
            hit = unigram >= 0
            found_piece.append(token_piece[hit])
            found_col.append(unigram[hit])
        if hi >= 2 and len(self._bigram_codes):
            pair = (word_id[1:] >= 0) & (word_id[:-1] >= 0) & (token_piece[1:] == token_piece[:-1])
            code = word_id[:-1][pair] * len(self._bigram_words) + word_id[1:][pair]
            at = np.minimum(np.searchsorted(self._bigram_codes, code), len(self._bigram_codes) - 1)
            hit = self._bigram_codes[at] == code
            found_piece.append(token_piece[1:][pair][hit])
            found_col.append(self._bigram_cols[at[hit]])
        return np.concatenate(found_piece), np.concatenate(found_col)

    def _token_entries(self, tokens: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Per token: its unigram column (or -1) and its id among the words of vocabulary bigrams
        (-1: a word in no bigram; ``_NOT_A_WORD``: a clause break for :func:`word_ngrams`).
        Token entries are cached per featurizer."""
        table = self._token_index
        index = np.fromiter(map(table.get, tokens, repeat(-1)), dtype=np.int64, count=len(tokens))
        missing = np.flatnonzero(index < 0)
        if len(missing):
            for k in missing.tolist():
                token = tokens[k]
                if token not in table:
                    word = normalize(token).strip()
                    key = word if word and _WORDLIKE.search(word) and not word.isdigit() else ""
                    self._token_unigram.append(self._index.get("w:" + key, -1) if key else -1)
                    self._token_word.append(self._bigram_words.get(key, -1) if key else _NOT_A_WORD)
                    table[token] = len(table)
                index[k] = table[token]
            self._token_arrays = (np.array(self._token_unigram, dtype=np.int64), np.array(self._token_word, dtype=np.int64))
        unigram, word = self._token_arrays
        return unigram[index], word[index]

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


def _span_counts(
    hit_piece: np.ndarray, hit_col: np.ndarray, span_pieces: np.ndarray, n_pieces: int, n_features: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Count the hits ``(piece, column)`` of every span of whole pieces: ``(row, column, count)``
    arrays, sorted by row then column. (Small integer types where they fit: numpy sorts 16-bit
    keys by radix and 32-bit keys faster than 64-bit ones.)"""
    order = np.argsort(hit_piece.astype(np.int16 if n_pieces < 2**15 else np.int64), kind="stable")
    piece, col = hit_piece[order], hit_col[order]
    first = np.searchsorted(piece, np.arange(n_pieces + 1))
    lo, hi = first[span_pieces[:, 0]], first[span_pieces[:, 1]]
    sizes = hi - lo
    row = np.repeat(np.arange(len(span_pieces), dtype=np.int64), sizes)
    at = np.arange(int(sizes.sum()), dtype=np.int64) - np.repeat(np.cumsum(sizes) - sizes, sizes) + np.repeat(lo, sizes)
    key_type = np.int32 if len(span_pieces) * n_features < 2**31 else np.int64
    keys = row.astype(key_type) * key_type(n_features) + col[at].astype(key_type)
    keys.sort()
    new = np.flatnonzero(np.concatenate([[True], keys[1:] != keys[:-1]])) if len(keys) else np.zeros(0, dtype=np.int64)
    counts = np.diff(np.append(new, len(keys))).astype(np.float64)
    keys = keys[new].astype(np.int64)
    return keys // n_features, keys % n_features, counts
