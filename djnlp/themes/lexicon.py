"""Domain keyword lexicons per theme (``djnlp/data/themes/<id>.txt``), used as prior features.

Each file lists one term per line; ``#`` starts a comment. Matching is greedy longest-first
over all themes at once, so ``农村党员`` counts once (not also as ``农村``); a term listed
under two themes counts for both.

>>> lex = Lexicon.default()
>>> lex.counts("推进村企联建，村党支部与企业结对")["rural"]
1
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from djnlp.errors import ConfigError
from djnlp.resources import data_path

LEXICON_THEMES = ("rural", "enterprise", "community", "organ", "general")


def _read_terms(lines: Iterable[str]) -> list[str]:
    terms = []
    for line in lines:
        term = line.split("#", 1)[0].strip()
        if term:
            terms.append(term)
    return terms


@dataclass(frozen=True)
class Lexicon:
    """Terms per theme and one compiled longest-first matcher."""

    terms: Mapping[str, tuple[str, ...]]

    @staticmethod
    def default() -> Lexicon:
        """The lexicons shipped in ``djnlp/data/themes`` (loaded once)."""
        return _default_lexicon()

    @staticmethod
    def from_mapping(terms: Mapping[str, Iterable[str]]) -> Lexicon:
        """A lexicon from ``{theme: [term, ...]}`` (e.g. as stored in a model's config)."""
        cleaned = {theme: tuple(dict.fromkeys(t for t in words if t)) for theme, words in terms.items()}
        if not any(cleaned.values()):
            raise ConfigError("lexicon", "no terms")
        return Lexicon(cleaned)

    @staticmethod
    def from_folder(folder: str | os.PathLike[str]) -> Lexicon:
        """One list per ``<label>.txt`` file in ``folder`` (same format as the shipped lists)."""
        path = Path(folder)
        files = sorted(path.glob("*.txt")) if path.is_dir() else []
        if not files:
            raise ConfigError(str(path), "no lexicon files (<label>.txt) in this folder")
        return Lexicon.from_mapping({f.stem: _read_terms(f.read_text(encoding="utf-8").splitlines()) for f in files})

    @property
    def themes(self) -> tuple[str, ...]:
        return tuple(self.terms)

    def matches(self, text: str) -> dict[str, int]:
        """How often each term occurs in ``text`` (non-overlapping, longest first)."""
        matcher, _ = _matcher(tuple(self.terms.items()))
        found: dict[str, int] = {}
        for match in matcher.finditer(text):
            term = match.group(0)
            found[term] = found.get(term, 0) + 1
        return found

    def counts(self, text: str) -> dict[str, int]:
        """Number of lexicon hits per theme in ``text``."""
        _, owners = _matcher(tuple(self.terms.items()))
        out = dict.fromkeys(self.terms, 0)
        for term, n in self.matches(text).items():
            for theme in owners[term]:
                out[theme] += n
        return out

    def owners(self, term: str) -> tuple[str, ...]:
        """The themes whose list holds ``term``."""
        return _matcher(tuple(self.terms.items()))[1].get(term, ())

    def to_dict(self) -> dict[str, list[str]]:
        return {theme: list(words) for theme, words in self.terms.items()}


@lru_cache(maxsize=8)
def _matcher(items: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern[str], dict[str, tuple[str, ...]]]:
    owners: dict[str, list[str]] = {}
    for theme, words in items:
        for word in words:
            owners.setdefault(word, []).append(theme)
    ordered = sorted(owners, key=lambda w: (-len(w), w))
    pattern = re.compile("|".join(re.escape(w) for w in ordered))
    return pattern, {w: tuple(t) for w, t in owners.items()}


@lru_cache(maxsize=1)
def _default_lexicon() -> Lexicon:
    folder = data_path("themes")
    terms = {}
    for theme in LEXICON_THEMES:
        text = (folder / f"{theme}.txt").read_text(encoding="utf-8")
        terms[theme] = _read_terms(text.splitlines())
    return Lexicon.from_mapping(terms)
