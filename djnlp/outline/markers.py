"""Marker patterns of the outline grammar, loaded once from ``djnlp/data/outline/markers.toml``.

>>> m = markers().match_heading("(二)大力加强基层民主政治建设。")
>>> m.family, m.end
('cn_paren', 3)
>>> markers().match_heading("一是要进一步统一思想").family
'shi'
>>> cn_ordinal("十二"), cn_ordinal("一百零一"), cn_ordinal("3")
(12, 101, 3)
"""
from __future__ import annotations

import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any

from djnlp.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["HeadingMatch", "Markers", "cn_ordinal", "marker_ordinal", "markers"]

_SOURCE = "djnlp/data/outline/markers.toml"
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")}
_DIGITS.update({"〇": 0, "两": 2})
_UNITS = {"十": 10, "百": 100}
_NUMERAL = re.compile(r"\d+|[零〇一二两三四五六七八九十百]+|[①-⑳]|[⑴-⒇]")


def cn_ordinal(numeral: str) -> int:
    """Value of an ordinal written in Chinese (一 … 九百九十九) or Arabic digits."""
    if numeral.isdigit():
        return int(numeral)
    total = digit = 0
    for ch in numeral:
        if ch in _UNITS:
            total += (digit or 1) * _UNITS[ch]
            digit = 0
        else:
            digit = _DIGITS[ch]
    return total + digit


def marker_ordinal(marker: str) -> int:
    """The number a marker carries ("（三）" → 3, "⑵" → 2), or 0 when it has none ("首先，").

    >>> marker_ordinal("第十二，"), marker_ordinal("②"), marker_ordinal("首先，")
    (12, 2, 0)
    """
    m = _NUMERAL.search(marker)
    if m is None:
        return 0
    found = m.group()
    if "①" <= found <= "⑳":
        return ord(found) - ord("①") + 1
    if "⑴" <= found <= "⒇":
        return ord(found) - ord("⑴") + 1
    return cn_ordinal(found)


@dataclass(frozen=True)
class HeadingMatch:
    """A numbering marker at ``pos``: its family and where it ends in the line."""

    family: str
    end: int
    requires_seen: bool


@dataclass(frozen=True)
class _HeadingRule:
    family: str
    regex: re.Pattern[str]
    requires_seen: bool


@dataclass(frozen=True)
class _DocumentRule:
    name: str
    regex: re.Pattern[str]
    min_count: int


@dataclass(frozen=True)
class Markers:
    """The compiled grammar: heading rules, document rules and the unnumbered-heading limits."""

    headings: tuple[_HeadingRule, ...]
    documents: tuple[_DocumentRule, ...]
    points: frozenset[str]
    top: frozenset[str]
    attachment_list: re.Pattern[str]
    markdown: re.Pattern[str]
    runin: re.Pattern[str]
    heading_max_chars: int
    plain_min_chars: int
    plain_max_chars: int
    body_min_chars: int
    bare_title_max_chars: int
    front_max_lines: int
    salutation_max_chars: int
    doc_types: tuple[str, ...]
    point_min_chars: int
    point_max_chars: int
    point_stop_chars: frozenset[str]
    inline_points: Mapping[str, re.Pattern[str]]
    plain_min_cjk_ratio: float
    forbidden: frozenset[str]
    dangling_start: frozenset[str]
    dangling_end: frozenset[str]
    closing: frozenset[str]
    lead_in_end: frozenset[str]
    prose_cues: re.Pattern[str]
    # All heading rules as one alternation (group "h<k>" = rule k): one scan per line.
    any_heading: re.Pattern[str] | None = None

    def match_heading(self, line: str, pos: int = 0) -> HeadingMatch | None:
        """The first heading rule matching ``line`` at ``pos`` (file order), or None."""
        if self.any_heading is not None:
            m = self.any_heading.match(line, pos)
            if m is None:
                return None
            rule = self.headings[int(m.lastgroup[1:])]
            return HeadingMatch(rule.family, m.end(), rule.requires_seen)
        for rule in self.headings:
            m = rule.regex.match(line, pos)
            if m:
                return HeadingMatch(rule.family, m.end(), rule.requires_seen)
        return None

    def match_document(self, line: str) -> tuple[str, int] | None:
        """``(rule name, number)`` when the whole ``line`` is a document marker."""
        for rule in self.documents:
            m = rule.regex.fullmatch(line)
            if m:
                return rule.name, cn_ordinal(m.group("num"))
        return None

    def min_count(self, name: str) -> int:
        """How many markers of document rule ``name`` a file needs before it is split."""
        return next(rule.min_count for rule in self.documents if rule.name == name)


def _compile(pattern: str, where: str) -> re.Pattern[str]:
    try:
        return re.compile(pattern)
    except re.error as err:
        raise ConfigError(_SOURCE, f"{where}: bad regex: {err}") from None


def _inline_points(
    headings: tuple[_HeadingRule, ...], points: frozenset[str], lead: str
) -> Mapping[str, re.Pattern[str]]:
    """Per sub-point family: a sentence end followed by any of the family's markers."""
    found: dict[str, list[str]] = {}
    for rule in headings:
        if rule.family in points:
            found.setdefault(rule.family, []).append(rule.regex.pattern)
    return MappingProxyType({
        family: _compile(f"{lead}(?:{'|'.join(patterns)})", f"inline points of {family}")
        for family, patterns in found.items()
    })


def _build(data: dict[str, Any]) -> Markers:
    try:
        limits, plain = data["limits"], data["plain"]
        headings = tuple(
            _HeadingRule(h["family"], _compile(h["pattern"], f"heading {h['family']}"),
                         bool(h.get("requires_seen", False)))
            for h in data["heading"]
        )
        documents = tuple(
            _DocumentRule(d["name"], _compile(d["pattern"], f"document {d['name']}"),
                          int(d["min_count"]))
            for d in data["document"]
        )
        for rule in documents:
            if "num" not in rule.regex.groupindex:
                raise ConfigError(_SOURCE, f"document {rule.name}: pattern needs a (?P<num>…) group")
        runin = _compile(plain["runin_pattern"], "plain.runin_pattern")
        if "head" not in runin.groupindex:
            raise ConfigError(_SOURCE, "plain.runin_pattern needs a (?P<head>…) group")
        cues = sorted(plain["prose_cues"], key=len, reverse=True)
        combined = None
        if not any(rule.regex.groupindex for rule in headings):
            combined = _compile("|".join(f"(?P<h{k}>{rule.regex.pattern})" for k, rule in enumerate(headings)),
                                "heading patterns combined")
        return Markers(
            headings=headings,
            documents=documents,
            points=frozenset(data["order"]["points"]),
            top=frozenset(data["order"]["top"]),
            attachment_list=_compile(data["order"]["attachment_list"], "order.attachment_list"),
            markdown=re.compile(r"#{1,6}(?=[^#])[ \t]*"),
            runin=runin,
            heading_max_chars=int(limits["heading_max_chars"]),
            plain_min_chars=int(limits["plain_min_chars"]),
            plain_max_chars=int(limits["plain_max_chars"]),
            body_min_chars=int(limits["body_min_chars"]),
            bare_title_max_chars=int(limits["bare_title_max_chars"]),
            front_max_lines=int(limits["front_max_lines"]),
            salutation_max_chars=int(limits["salutation_max_chars"]),
            doc_types=tuple(data["title"]["doc_types"]),
            point_min_chars=int(limits["point_min_chars"]),
            point_max_chars=int(limits["point_max_chars"]),
            point_stop_chars=frozenset(limits["point_stop_chars"]),
            inline_points=_inline_points(headings, frozenset(data["order"]["points"]), plain["inline_point_lead"]),
            plain_min_cjk_ratio=float(limits["plain_min_cjk_ratio"]),
            forbidden=frozenset(plain["forbidden"]),
            dangling_start=frozenset(plain["dangling_start"]),
            dangling_end=frozenset(plain["dangling_end"]),
            closing=frozenset(plain["closing"]),
            lead_in_end=frozenset(plain["lead_in_end"]),
            prose_cues=re.compile("|".join(map(re.escape, cues))),
            any_heading=combined,
        )
    except (KeyError, TypeError, ValueError) as err:
        raise ConfigError(_SOURCE, f"missing or bad entry: {err}") from None


@lru_cache(maxsize=1)
def markers() -> Markers:
    """The bundled grammar (parsed and compiled on first use)."""
    text = (resources.files("djnlp") / "data" / "outline" / "markers.toml").read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(_SOURCE, str(err)) from None
    return _build(data)
