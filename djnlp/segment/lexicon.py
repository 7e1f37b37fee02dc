"""Word lists for the segmenters: the packaged 党建 lexicon and user dictionaries.

The packaged lexicon is a TSV (``word freq tag category``, one header line) under
``djnlp/data/lexicon/``; user dictionaries use jieba's format, ``word [freq] [tag]``
per line. Both become a :class:`Lexicon`; a malformed file raises
:class:`~djnlp.errors.ConfigError` naming the file and line.

>>> lex = load_lexicon()
>>> "三会一课" in lex and len(lex) >= 1500
True
>>> lex.entry("驻村第一书记").category
'post'
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from djnlp.errors import ConfigError

#: Categories used in the packaged lexicon (documented in ``djnlp/data/lexicon/README.md``).
CATEGORIES = ("slogan", "institution", "post", "activity", "mechanism", "policy", "user")
_TAG = re.compile(r"^[a-z]{1,4}$")
_HEADER = ("word", "freq", "tag", "category")
PACKAGED = "dangjian.tsv"


@dataclass(frozen=True)
class LexiconEntry:
    """One word with the jieba frequency and part-of-speech tag it is loaded with."""

    word: str
    freq: int | None
    tag: str | None = None
    category: str = "user"

    def to_dict(self) -> dict[str, Any]:
        return {"word": self.word, "freq": self.freq, "tag": self.tag, "category": self.category}


@dataclass(frozen=True)
class Lexicon:
    """An ordered, duplicate-free word list; ``fingerprint`` identifies its content."""

    name: str
    entries: tuple[LexiconEntry, ...]
    fingerprint: str = field(init=False)
    _index: dict[str, LexiconEntry] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index = {e.word: e for e in self.entries}
        digest = hashlib.sha256()
        for e in self.entries:
            digest.update(f"{e.word}\t{e.freq}\t{e.tag}\n".encode())
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "fingerprint", digest.hexdigest()[:16])

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self.entries)

    def __contains__(self, word: object) -> bool:
        return word in self._index

    def entry(self, word: str) -> LexiconEntry:
        """The entry for ``word``; ``KeyError`` if absent."""
        return self._index[word]

    def words(self) -> tuple[str, ...]:
        return tuple(e.word for e in self.entries)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "fingerprint": self.fingerprint, "entries": [e.to_dict() for e in self.entries]}


def _read_text(path: str | os.PathLike[str]) -> str:
    name = os.fspath(path)
    try:
        with open(name, "rb") as fh:
            raw = fh.read()
    except OSError as err:
        raise ConfigError(name, f"cannot read dictionary: {err.strerror or err}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise ConfigError(name, f"dictionary is not UTF-8 (byte {err.start})") from None


def _check_word(word: str, source: str, lineno: int) -> None:
    if not word or any(ch.isspace() for ch in word):
        raise ConfigError(source, f"line {lineno}: a word must be non-empty and contain no whitespace")


def _parse_freq(value: str, source: str, lineno: int) -> int:
    if not value.isdigit() or int(value) <= 0:
        raise ConfigError(source, f"line {lineno}: frequency {value!r} is not a positive integer")
    return int(value)


def _parse_tag(value: str, source: str, lineno: int) -> str:
    if not _TAG.match(value):
        raise ConfigError(source, f"line {lineno}: tag {value!r} is not a jieba tag (1-4 lowercase letters)")
    return value


def _dedupe(entries: Iterable[LexiconEntry], source: str) -> tuple[LexiconEntry, ...]:
    seen: dict[str, LexiconEntry] = {}
    for e in entries:
        seen[e.word] = e          # a later line overrides an earlier one, as in jieba
    if not seen:
        raise ConfigError(source, "dictionary has no entries")
    return tuple(seen.values())


def parse_lexicon_tsv(text: str, source: str) -> Lexicon:
    """Parse the packaged TSV format (header ``word freq tag category``)."""
    lines = text.splitlines()
    if not lines or tuple(lines[0].split("\t")) != _HEADER:
        raise ConfigError(source, f"first line must be the header {chr(9).join(_HEADER)!r}")
    entries = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) != 4:
            raise ConfigError(source, f"line {lineno}: expected 4 tab-separated columns, got {len(cols)}")
        word, freq, tag, category = cols
        _check_word(word, source, lineno)
        if category not in CATEGORIES:
            raise ConfigError(source, f"line {lineno}: unknown category {category!r}")
        entries.append(LexiconEntry(word, _parse_freq(freq, source, lineno), _parse_tag(tag, source, lineno), category))
    return Lexicon(os.path.basename(source), _dedupe(entries, source))


def parse_user_dict(text: str, source: str) -> Lexicon:
    """Parse jieba's user-dictionary format: ``word [freq] [tag]``, ``#`` starts a comment line.

    >>> lex = parse_user_dict("村播带货 300 n\\n共富工坊\\n", "my.dict")
    >>> [(e.word, e.freq, e.tag) for e in lex]
    [('村播带货', 300, 'n'), ('共富工坊', None, None)]
    """
    entries = []
    for lineno, line in enumerate(text.splitlines(), start=1):
        parts = line.split()
        if not parts or parts[0].startswith("#"):
            continue
        if len(parts) > 3:
            raise ConfigError(source, f"line {lineno}: expected 'word [freq] [tag]', got {len(parts)} fields")
        word, freq, tag = parts[0], None, None
        _check_word(word, source, lineno)
        rest = parts[1:]
        if rest and rest[0].isdigit():
            freq = _parse_freq(rest.pop(0), source, lineno)
        elif rest and len(rest) == 2:
            freq = _parse_freq(rest[0], source, lineno)
        if rest:
            tag = _parse_tag(rest[-1], source, lineno)
        entries.append(LexiconEntry(word, freq, tag, "user"))
    return Lexicon(os.path.basename(source), _dedupe(entries, source))


def load_user_dict(path: str | os.PathLike[str]) -> Lexicon:
    """Read a jieba-format user dictionary file; bad files raise ``ConfigError``."""
    return parse_user_dict(_read_text(path), os.fspath(path))


@lru_cache(maxsize=1)
def _packaged() -> Lexicon:
    ref = resources.files("djnlp") / "data" / "lexicon" / PACKAGED
    return parse_lexicon_tsv(ref.read_text(encoding="utf-8"), PACKAGED)


def load_lexicon(path: str | os.PathLike[str] | None = None) -> Lexicon:
    """The packaged 党建 lexicon (loaded once), or a TSV lexicon in the same format at ``path``."""
    if path is None:
        return _packaged()
    return parse_lexicon_tsv(_read_text(path), os.fspath(path))
