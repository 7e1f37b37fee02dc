"""Chinese word segmenters behind one interface: ``Segmenter.cut(text) -> list[str]``.

Every segmenter returns tokens that concatenate back to ``text`` exactly; each run of
whitespace is one token of its own, so offsets computed from the tokens line up with
the input (and with spaCy's ``Doc``).

* ``jieba`` (default) — a private ``jieba.Tokenizer`` with the 党建 lexicon and any user
  dictionaries; the global ``jieba`` module is never touched.
* ``pkuseg`` — a ``spacy_pkuseg`` model from a local directory (nothing downloads).
* ``char`` — one token per non-space character.

>>> seg = make_segmenter("jieba")
>>> seg.cut("村里要落实三会一课制度。\\n")
['村里', '要', '落实', '三会一课', '制度', '。', '\\n']
>>> make_segmenter("char").cut("党建 引领")
['党', '建', ' ', '引', '领']
"""
from __future__ import annotations

import marshal
import os
import re
import tempfile
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from djnlp.errors import ConfigError, ModelError
from djnlp.segment.lexicon import Lexicon, load_lexicon, load_user_dict

if TYPE_CHECKING:
    import jieba

KINDS = ("jieba", "pkuseg", "char")
_SPACE_RUNS = re.compile(r"(\s+)")
PathLike = str | os.PathLike[str]


def _chunks(text: str) -> list[str]:
    """``text`` split into alternating non-space chunks and whitespace runs (no empty strings)."""
    return [piece for piece in _SPACE_RUNS.split(text) if piece]


class Segmenter(ABC):
    """Base class: subclasses segment one whitespace-free chunk in :meth:`_cut_chunk`."""

    kind: str = ""

    def cut(self, text: str) -> list[str]:
        """Tokens of ``text``; ``"".join(self.cut(text)) == text`` always holds."""
        tokens: list[str] = []
        for piece in _chunks(text):
            if piece[0].isspace():
                tokens.append(piece)
            else:
                tokens.extend(self._cut_chunk(piece))
        return tokens

    def words(self, text: str) -> list[str]:
        """Tokens without the whitespace runs."""
        return [t for t in self.cut(text) if not t.isspace()]

    @abstractmethod
    def _cut_chunk(self, chunk: str) -> list[str]:
        """Tokens of a chunk that contains no whitespace."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


class CharSegmenter(Segmenter):
    """One token per non-space character (spaCy's ``char`` zh segmenter, with whitespace kept)."""

    kind = "char"

    def _cut_chunk(self, chunk: str) -> list[str]:
        return list(chunk)


# ---------------------------------------------------------------- jieba


def cache_dir() -> Path | None:
    """A per-user directory for jieba's prefix-dictionary cache, or ``None`` if none is usable.

    ``$DJNLP_CACHE_DIR`` wins, then ``$XDG_CACHE_HOME/djnlp``, then ``~/.cache/djnlp``. The
    directory is created with mode 0700 and rejected if another user owns it.
    """
    base = os.environ.get("DJNLP_CACHE_DIR")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "djnlp")
    path = Path(base) / "jieba"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
            return None
        if not os.access(path, os.W_OK | os.X_OK):
            return None
    except OSError:
        return None
    return path


def _main_dict_key(jieba_module: Any) -> str:
    dict_path = Path(jieba_module.__file__).with_name("dict.txt")
    stat = dict_path.stat()
    return f"jieba-{jieba_module.__version__}-{stat.st_size}-{int(stat.st_mtime)}.marshal"


_BASE_LOCK = threading.Lock()
_BASE: dict[str, tuple[dict[str, int], int]] = {}


def _base_prefix_dict() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary built from its main ``dict.txt``: once per process, cached per user.

    Callers get the shared dict and must copy it before adding words.
    """
    import jieba

    key = _main_dict_key(jieba)
    with _BASE_LOCK:
        if key in _BASE:
            return _BASE[key]
        folder = cache_dir()
        cache = folder / key if folder else None
        loaded = _read_cache(cache) if cache else None
        if loaded is None:
            builder = jieba.Tokenizer()
            with builder.get_dict_file() as fh:
                loaded = builder.gen_pfdict(fh)
            if cache:
                _write_cache(cache, loaded)
        _BASE[key] = loaded
        return loaded


def _read_cache(path: Path) -> tuple[dict[str, int], int] | None:
    try:
        if hasattr(os, "getuid") and path.stat().st_uid != os.getuid():
            return None
        with open(path, "rb") as fh:
            data = fh.read()                      # marshal.loads on bytes: 2-3x faster than marshal.load(fh)
        freq, total = marshal.loads(data)
        if isinstance(freq, dict) and isinstance(total, int):
            return freq, total
    except (OSError, EOFError, ValueError, TypeError):
        pass
    return None


def _write_cache(path: Path, data: tuple[dict[str, int], int]) -> None:
    try:
        fd, tmp = tempfile.mkstemp(prefix=".djnlp-", dir=path.parent)
    except OSError:
        return                                   # no cache: the next start is slower, nothing breaks
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(marshal.dumps(data))
        os.replace(tmp, path)
    except OSError:
        pass
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


class JiebaSegmenter(Segmenter):
    """A private ``jieba.Tokenizer`` loaded with ``lexicons`` in order (later entries win).

    The tokenizer is built on first use, once per instance; two instances with different
    lexicons coexist in one process.

    >>> seg = JiebaSegmenter(lexicons=())            # stock jieba behaviour, privately
    >>> seg.cut("三会一课")
    ['三会', '一课']
    """

    kind = "jieba"

    def __init__(self, lexicons: Sequence[Lexicon] | None = None, *, hmm: bool = True) -> None:
        self.lexicons: tuple[Lexicon, ...] = (load_lexicon(),) if lexicons is None else tuple(lexicons)
        self.hmm = hmm
        self._tokenizer: jieba.Tokenizer | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        names = ", ".join(f"{lex.name}:{lex.fingerprint}" for lex in self.lexicons)
        return f"JiebaSegmenter(lexicons=[{names}], hmm={self.hmm})"

    @property
    def tokenizer(self) -> jieba.Tokenizer:
        """The private jieba tokenizer (built on first access)."""
        if self._tokenizer is None:
            with self._lock:
                if self._tokenizer is None:
                    self._tokenizer = self._build()
        return self._tokenizer

    def _build(self) -> jieba.Tokenizer:
        import jieba

        freq, total = _base_prefix_dict()
        tok = jieba.Tokenizer()
        tok.FREQ, tok.total = dict(freq), total
        tok.initialized = True                    # the prefix dict is in place: skip jieba's /tmp cache
        for lexicon in self.lexicons:
            for entry in lexicon:
                tok.add_word(entry.word, entry.freq, entry.tag)
        return tok

    def _cut_chunk(self, chunk: str) -> list[str]:
        return self.tokenizer.lcut(chunk, HMM=self.hmm)


# ---------------------------------------------------------------- pkuseg

MODEL_FILES = ("features.msgpack", "weights.npz")
#: spacy_pkuseg passes the model directory through a module-global config while it loads or
#: trains, so loads and training runs are serialised.
PKUSEG_LOCK = threading.Lock()


def check_model_dir(model: PathLike) -> Path:
    """``model`` as an absolute path if it holds a spacy-pkuseg model, else ``ModelError``."""
    path = Path(model).expanduser().resolve()
    if not path.is_dir():
        raise ModelError(os.fspath(model), "pkuseg model directory does not exist")
    missing = [name for name in MODEL_FILES if not (path / name).is_file()]
    if missing:
        raise ModelError(os.fspath(model), f"not a pkuseg model directory (missing {', '.join(missing)})")
    return path


class PkusegSegmenter(Segmenter):
    """A ``spacy_pkuseg`` model from a local directory; user-dictionary words are kept whole.

    The model is loaded on first use. Train one with ``djnlp train segmenter``.
    """

    kind = "pkuseg"

    def __init__(self, model: PathLike, lexicons: Sequence[Lexicon] = ()) -> None:
        self.model = check_model_dir(model)
        self.lexicons = tuple(lexicons)
        self._seg: Any = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"PkusegSegmenter(model={os.fspath(self.model)!r})"

    def _load(self) -> Any:
        import spacy_pkuseg

        words = [e.word for lex in self.lexicons for e in lex] or None
        try:
            # an absolute path never collides with pkuseg's downloadable model names
            with PKUSEG_LOCK:
                return spacy_pkuseg.pkuseg(model_name=os.fspath(self.model), user_dict=words)
        except Exception as err:  # noqa: BLE001 - any failure inside the library means a bad model
            raise ModelError(os.fspath(self.model), f"cannot load pkuseg model: {err}") from None

    def _cut_chunk(self, chunk: str) -> list[str]:
        if self._seg is None:
            with self._lock:
                if self._seg is None:
                    self._seg = self._load()
        tokens = self._seg.cut(chunk)
        if "".join(tokens) != chunk:
            raise ModelError(os.fspath(self.model), "pkuseg returned tokens that do not match the text")
        return tokens


# ---------------------------------------------------------------- factory


def make_segmenter(
    kind: str = "jieba",
    model: PathLike | None = None,
    user_dicts: Iterable[PathLike] = (),
) -> Segmenter:
    """Build a segmenter; dictionaries are read now (bad files fail fast), models on first use.

    ``jieba`` loads the 党建 lexicon plus ``user_dicts``; ``pkuseg`` needs ``model`` (a directory)
    and keeps ``user_dicts`` words whole; ``char`` takes no options.

    >>> make_segmenter("pkuseg")
    Traceback (most recent call last):
    djnlp.errors.ConfigError: pkuseg: needs a model directory (model=DIR)
    """
    if isinstance(user_dicts, (str, os.PathLike)):
        user_dicts = (user_dicts,)
    users = tuple(load_user_dict(p) for p in user_dicts)
    if kind == "jieba":
        if model is not None:
            raise ConfigError("jieba", "takes no model directory (model is for pkuseg)")
        return JiebaSegmenter((load_lexicon(), *users))
    if kind == "pkuseg":
        if model is None:
            raise ConfigError("pkuseg", "needs a model directory (model=DIR)")
        return PkusegSegmenter(model, users)
    if kind == "char":
        if model is not None or users:
            raise ConfigError("char", "takes no model or user dictionaries")
        return CharSegmenter()
    raise ConfigError(str(kind), f"unknown segmenter; choose one of {', '.join(KINDS)}")


@lru_cache(maxsize=8)
def _shared(kind: str, model: str | None, user_dicts: tuple[str, ...]) -> Segmenter:
    return make_segmenter(kind, model, user_dicts)


def cut(text: str, kind: str = "jieba", model: PathLike | None = None, user_dicts: Iterable[PathLike] = ()) -> list[str]:
    """Segment ``text`` with a segmenter shared per (kind, model, user_dicts) in this process.

    >>> cut("驻村第一书记走访入党积极分子")
    ['驻村第一书记', '走访', '入党积极分子']
    """
    if isinstance(user_dicts, (str, os.PathLike)):
        user_dicts = (user_dicts,)
    key_model = os.fspath(model) if model is not None else None
    return _shared(kind, key_model, tuple(os.fspath(p) for p in user_dicts)).cut(text)
