"""Domain keyword lexicons per theme (``djnlp/data/themes/<id>.txt``), used as prior features.

Each file lists one term per line; ``#`` starts a comment. Matching is greedy longest-first
over all themes at once, so ``农村党员`` counts once (not also as ``农村``); a term listed
under two themes counts for both.

>>> lex = Lexicon.default()
>>> lex.counts("推进村企联建，村党支部与企业结对")["rural"]
1
"""
from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

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

    @property
    def themes(self) -> tuple[str, ...]:
        return tuple(self.terms)

    def counts(self, text: str) -> dict[str, int]:
        """Number of (non-overlapping, longest-first) lexicon hits per theme in ``text``."""
        matcher, owners = _matcher(tuple((k, v) for k, v in self.terms.items()))
        out = dict.fromkeys(self.terms, 0)
        for match in matcher.finditer(text):
            for theme in owners[match.group(0)]:
                out[theme] += 1
        return out

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
