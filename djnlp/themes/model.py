"""``ThemeModel``: one-vs-rest logistic regression over :mod:`djnlp.themes.features`.

A model directory holds three files, none of them executable:

* ``config.json`` — format, labels, display names, feature config, lexicon terms, training info;
* ``vocab.json``  — the feature names (column order);
* ``weights.npz`` — ``coef`` (labels × features), ``intercept`` (labels), ``idf`` (features),
  loaded with ``allow_pickle=False``.

>>> model = ThemeModel.load(DEFAULT_MODEL_DIR)                       # doctest: +SKIP
>>> model.classify("村两委换届后，村党支部书记带头发展集体经济").theme  # doctest: +SKIP
'rural'
"""
from __future__ import annotations

import json
import os
from bisect import bisect_left
from collections.abc import Mapping, Sequence
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from typing import Any

import numpy as np

from djnlp._atomic import atomic_write
from djnlp.errors import InputError, ModelError
from djnlp.resources import model_path
from djnlp.themes.explain import Explanation, explain_row, word_credits
from djnlp.themes.features import FeatureConfig, Featurizer, normalize_pieces
from djnlp.themes.lexicon import Lexicon
from djnlp.themes.result import THEME_NAMES, ThemeResult

FORMAT = "djnlp-themes"
FORMAT_VERSION = 1
FILES = ("config.json", "vocab.json", "weights.npz")
DEFAULT_MODEL_DIR = model_path("themes")


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 0.5 * (1.0 + np.tanh(0.5 * z))


class ThemeModel:
    """Independent per-label probabilities, their explanation, and safe save/load."""

    def __init__(
        self,
        labels: Sequence[str],
        featurizer: Featurizer,
        coef: np.ndarray,
        intercept: np.ndarray,
        *,
        display_names: Mapping[str, str] | None = None,
        info: Mapping[str, Any] | None = None,
        fallback: str | None = None,
        threshold: float = 0.5,
        fallback_below: float = 0.4,
    ) -> None:
        self.labels = tuple(labels)
        self.featurizer = featurizer
        self.coef = np.asarray(coef, dtype=np.float32)
        self._coef_columns = np.ascontiguousarray(self.coef.T, dtype=np.float64)  # features × labels, for span scoring
        self.intercept = np.asarray(intercept, dtype=np.float64)
        self.display_names = {k: (display_names or {}).get(k, THEME_NAMES.get(k, k)) for k in self.labels}
        self.info = dict(info or {})
        self.fallback = fallback
        self.threshold = float(threshold)
        self.fallback_below = float(fallback_below)
        _check_shapes(None, self.labels, self.coef, self.intercept, featurizer.n_features)
        if fallback is not None and fallback not in self.labels:
            raise ModelError(None, f"fallback label {fallback!r} is not one of the labels")
        if not (0.0 <= self.threshold <= 1.0 and 0.0 <= self.fallback_below <= 1.0):
            raise ModelError(None, f"thresholds {threshold!r}, {fallback_below!r} are not probabilities")

    # ---- scoring -------------------------------------------------------------------------
    def _logits(self, cols: np.ndarray, vals: np.ndarray) -> np.ndarray:
        return self.intercept + self.coef[:, cols].astype(np.float64) @ vals

    def logits(self, text: str) -> np.ndarray:
        """Raw logits, one per label."""
        return self._logits(*self.featurizer.transform_one(text))

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """``(len(texts), len(labels))`` independent probabilities (rows need not sum to 1)."""
        if isinstance(texts, str):
            raise InputError("<texts>", "predict_proba takes a sequence of texts; use scores() for one text")
        out = np.empty((len(texts), len(self.labels)))
        for i, text in enumerate(texts):
            out[i] = _sigmoid(self.logits(text))
        return out

    def predict_spans(
        self, text: str, spans: Sequence[tuple[int, int]], words: Sequence[tuple[int, str]] | None = None
    ) -> np.ndarray:
        """Probabilities for each ``(start, end)`` span of ``text`` — e.g. nested sections —
        in one pass: the text is cut into pieces at span boundaries and featurized once with
        array operations (char n-grams, word n-grams and lexicon hits of the whole text, each
        assigned to its piece), and each span counts the hits of its pieces.
        Same result as scoring each span's text when the boundaries are at line breaks (headings
        are); otherwise n-grams that cross a boundary are not counted. ``words``, if given, are
        ``(offset, token)`` pairs already cut from ``text``, sorted by offset
        (``analyze(words=True)`` has them), so the text is not segmented again."""
        for start, end in spans:
            if not 0 <= start <= end <= len(text):
                raise InputError("<spans>", f"span ({start}, {end}) is outside a text of {len(text)} characters")
        bounds = sorted({b for span in spans for b in span})
        if len(bounds) < 2:  # no span has text: the intercepts alone
            return np.tile(_sigmoid(self.intercept), (len(spans), 1))
        norm_text, norm_bounds = normalize_pieces(text, bounds)
        if words is not None:  # sorted by offset: each piece takes one slice of the token list
            cuts = np.array([bisect_left(words, b, key=itemgetter(0)) for b in bounds], dtype=np.int64)
            tokens: Sequence[str] = list(map(itemgetter(1), words[cuts[0] : cuts[-1]]))
            token_piece = np.repeat(np.arange(len(cuts) - 1), np.diff(cuts))
        else:
            cut = self.featurizer.cutter()
            pieces = [norm_text[a:b] for a, b in zip(norm_bounds, norm_bounds[1:])]
            piece_tokens = [cut(piece) if cut is not None else [] for piece in pieces]
            tokens = [token for part in piece_tokens for token in part]
            token_piece = np.repeat(np.arange(len(pieces)), [len(part) for part in piece_tokens])
        span_pieces = np.searchsorted(bounds, np.asarray(spans, dtype=np.int64).reshape(-1, 2))
        from scipy.sparse import csr_matrix

        rows, cols, vals = self.featurizer.span_vectors(norm_text, norm_bounds, tokens, token_piece, span_pieces)
        order = np.argsort(rows.astype(np.int16 if len(spans) < 2**15 else np.int64), kind="stable")
        indptr = np.searchsorted(rows[order], np.arange(len(spans) + 1))
        features = csr_matrix((vals[order], cols[order], indptr), shape=(len(spans), self.featurizer.n_features))
        return _sigmoid(self.intercept + features @ self._coef_columns)

    def scores(self, text: str) -> dict[str, float]:
        """``{label: probability}`` for one text."""
        return dict(zip(self.labels, _sigmoid(self.logits(text)).tolist()))

    def top_label(self, scores: Mapping[str, float]) -> str:
        """The label with the highest score — unless the model has a ``fallback`` label (the
        shipped one: ``general``) and no other label reaches ``fallback_below``: then the fallback.
        "No domain dominates" is what ``general`` means."""
        best = max(self.labels, key=lambda label: (scores[label], -self.labels.index(label)))
        if self.fallback is None or best == self.fallback:
            return best
        others = [scores[label] for label in self.labels if label != self.fallback]
        return best if max(others) >= self.fallback_below else self.fallback

    def label_set(self, scores: Mapping[str, float]) -> tuple[str, ...]:
        """The labels that apply: the top label, then every other label reaching ``threshold``
        (best first) — except that the fallback label (``general``) never shares the set."""
        top = self.top_label(scores)
        if top == self.fallback:
            return (top,)
        others = sorted(
            (label for label in self.labels if label not in (top, self.fallback) and scores[label] >= self.threshold),
            key=lambda label: -scores[label],
        )
        return (top, *others)

    def explain(self, text: str) -> dict[str, Explanation]:
        """Per label, the exact decomposition of its logit into term contributions."""
        cols, vals = self.featurizer.transform_one(text)
        vocab = self.featurizer.vocabulary
        credits = word_credits(self.featurizer, text)
        return {
            label: explain_row(label, self.coef[k], self.intercept[k], cols, vals, vocab, credits)
            for k, label in enumerate(self.labels)
        }

    def classify(self, text: str, *, top_k: int = 8) -> ThemeResult:
        """Top label, all scores, and the ``top_k`` positive evidence terms per label."""
        if not isinstance(text, str):
            raise InputError("<text>", f"expected a str, got {type(text).__name__}")
        if not text.strip():
            raise InputError("<text>", "empty text: nothing to classify")
        explanations = self.explain(text)
        scores = {label: e.probability for label, e in explanations.items()}
        theme = self.top_label(scores)
        evidence = {label: e.top(top_k) for label, e in explanations.items()}
        return ThemeResult(theme, scores, evidence, self.label_set(scores))

    # ---- persistence ---------------------------------------------------------------------
    def save(self, directory: str | os.PathLike[str]) -> Path:
        """Write the three model files (each atomically) into ``directory``."""
        folder = Path(directory)
        feats = self.featurizer
        config = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "labels": list(self.labels),
            "display_names": self.display_names,
            "decision": {"fallback": self.fallback, "fallback_below": self.fallback_below, "threshold": self.threshold},
            "features": feats.config.to_dict(),
            "lexicon": feats.lexicon.to_dict(),
            "n_features": feats.n_features,
            "info": self.info,
        }
        with atomic_write(folder / "config.json", "w", encoding="utf-8") as fh:
            json.dump(config, fh, ensure_ascii=False, indent=2)
            fh.write("\n")
        with atomic_write(folder / "vocab.json", "w", encoding="utf-8") as fh:
            json.dump(feats.vocabulary, fh, ensure_ascii=False, separators=(",", ":"))
        with atomic_write(folder / "weights.npz", "wb") as fh:
            np.savez_compressed(fh, coef=self.coef, intercept=self.intercept, idf=feats.idf)
        return folder

    @classmethod
    def load(cls, directory: str | os.PathLike[str]) -> ThemeModel:
        """Load and validate a model directory; any problem raises :class:`ModelError`."""
        folder = Path(os.fspath(directory))
        where = str(folder)
        if not folder.is_dir():
            raise ModelError(where, "not a theme model directory (it does not exist or is not a folder)")
        missing = [name for name in FILES if not (folder / name).is_file()]
        if missing:
            raise ModelError(where, f"not a theme model directory: missing {', '.join(missing)}")
        try:
            config = json.loads((folder / "config.json").read_text(encoding="utf-8"))
            vocabulary = json.loads((folder / "vocab.json").read_text(encoding="utf-8"))
            with (folder / "weights.npz").open("rb") as fh, np.load(fh, allow_pickle=False) as npz:
                arrays = {name: np.array(npz[name]) for name in ("coef", "intercept", "idf")}
        except (OSError, ValueError, KeyError, EOFError) as err:
            raise ModelError(where, f"unreadable model files: {err}") from err
        if not isinstance(config, dict) or config.get("format") != FORMAT:
            raise ModelError(where, f"config.json is not a {FORMAT} model")
        if config.get("format_version") != FORMAT_VERSION:
            raise ModelError(where, f"format version {config.get('format_version')!r}; this djnlp reads {FORMAT_VERSION}")
        if not isinstance(vocabulary, list) or not all(isinstance(t, str) for t in vocabulary):
            raise ModelError(where, "vocab.json must be a list of strings")
        try:
            labels = [str(x) for x in config["labels"]]
            feature_config = FeatureConfig.from_dict(config["features"])
            lexicon = Lexicon.from_mapping(config["lexicon"])
            featurizer = Featurizer(feature_config, vocabulary, arrays["idf"].astype(np.float32), lexicon)
        except (KeyError, TypeError, ValueError) as err:
            raise ModelError(where, f"bad config.json: {err}") from err
        except ModelError as err:
            raise ModelError(where, err.reason) from err
        _check_shapes(where, labels, arrays["coef"], arrays["intercept"], featurizer.n_features)
        decision = config.get("decision") or {}
        names = config.get("display_names")
        if names is not None and not (isinstance(names, dict) and all(isinstance(v, str) for v in names.values())):
            raise ModelError(where, "bad config.json: display_names must map labels to names")
        if not isinstance(decision, dict):
            raise ModelError(where, "bad config.json: decision must be an object")
        try:
            return cls(
                labels,
                featurizer,
                arrays["coef"],
                arrays["intercept"],
                display_names=config.get("display_names"),
                info=config.get("info"),
                fallback=decision.get("fallback"),
                threshold=float(decision.get("threshold", 0.5)),
                fallback_below=float(decision.get("fallback_below", 0.4)),
            )
        except (TypeError, ValueError) as err:
            raise ModelError(where, f"bad decision settings in config.json: {err}") from err
        except ModelError as err:
            raise ModelError(where, err.reason) from err


def _check_shapes(where: str | None, labels: Sequence[str], coef: np.ndarray, intercept: np.ndarray, n: int) -> None:
    if not labels or len(set(labels)) != len(labels):
        raise ModelError(where, "labels must be a non-empty list of distinct ids")
    if coef.shape != (len(labels), n) or intercept.shape != (len(labels),):
        raise ModelError(
            where, f"weights do not fit: coef {coef.shape}, intercept {intercept.shape}, {len(labels)} labels × {n} features"
        )
    if not (np.isfinite(coef).all() and np.isfinite(intercept).all()):
        raise ModelError(where, "weights contain NaN or infinity")


@lru_cache(maxsize=1)
def default_model() -> ThemeModel:
    """The model shipped in ``models/themes`` (loaded once per process)."""
    return ThemeModel.load(DEFAULT_MODEL_DIR)


@lru_cache(maxsize=8)
def _load_cached(path: str, mtime: float) -> ThemeModel:
    return ThemeModel.load(path)


def resolve_model(model: ThemeModel | str | os.PathLike[str] | None) -> ThemeModel:
    """``None`` → the default model; a path → that model (cached); a model → itself."""
    if model is None:
        return default_model()
    if isinstance(model, ThemeModel):
        return model
    path = os.path.abspath(os.fspath(model))
    config = os.path.join(path, "config.json")
    mtime = os.path.getmtime(config) if os.path.isfile(config) else 0.0
    return _load_cached(path, mtime)
