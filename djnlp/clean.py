"""Clean scraped or converted text while keeping every character traceable to the original.

``clean`` drops scrape noise (site filler, pagers, "剩余内容请访问下一页" lines, a site's
licence notice at the end) and a markdown front-matter block (reason ``front_matter``), strips line indentation, collapses runs of blank
lines, re-joins paragraphs that a page break split in two (and lines broken inside a link), and
flags template placeholders (20xx, xx届, “”, □).  ``CleanText.text`` is built only
from characters of the original, so ``to_original`` / ``from_original`` are exact.

>>> ct = clean("要抓紧培训村党组织书记。市委组织部计划\\n\\n在5月中旬举办培训班。\\n\\n下一页")
>>> ct.text
'要抓紧培训村党组织书记。市委组织部计划在5月中旬举办培训班。'
>>> ct.to_original(19, 21)
(21, 23)
>>> [r.reason for r in ct.removed]
['pager']
"""
from __future__ import annotations

import dataclasses
import re
import sys
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from djnlp._records import rebuilt_from_fields
from djnlp.errors import ConfigError
from djnlp.io import front_matter

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

__all__ = ["CleanText", "Placeholder", "Removal", "clean", "ends_dangling", "load_noise_patterns"]


@dataclass(frozen=True)
class Placeholder:
    """A template gap left in the text (``20xx``, ``xx届``, ``“”``, ``□``), in original offsets."""

    kind: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "start": self.start, "end": self.end}

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return rebuilt_from_fields(self)


@dataclass(frozen=True)
class Removal:
    """A line dropped as noise; ``reason`` is the pattern name, offsets are original offsets."""

    reason: str
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"reason": self.reason, "text": self.text, "start": self.start, "end": self.end}

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return rebuilt_from_fields(self)


@dataclass(frozen=True)
class CleanText:
    """The cleaned text, a width-folded view of it, and the map back to ``original``.

    ``text`` is a subsequence of ``original``: character ``i`` of ``text`` is character
    ``to_original(i, i + 1)[0]`` of ``original``.  ``norm`` has the same length as ``text``.
    """

    original: str
    text: str
    norm: str
    placeholders: tuple[Placeholder, ...]
    removed: tuple[Removal, ...]
    # Kept runs of the original: text[_clean_starts[k] : _clean_starts[k] + _lengths[k]]
    # == original[_orig_starts[k] : _orig_starts[k] + _lengths[k]].
    _clean_starts: tuple[int, ...] = field(repr=False, compare=False)
    _orig_starts: tuple[int, ...] = field(repr=False, compare=False)
    _lengths: tuple[int, ...] = field(repr=False, compare=False)

    def _orig_of(self, i: int) -> int:
        k = bisect_right(self._clean_starts, i) - 1
        return self._orig_starts[k] + (i - self._clean_starts[k])

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a span of ``text`` to the span of ``original`` from its first to its last character.

        >>> clean("  一、总体要求\\n").to_original(0, 6)
        (2, 8)
        """
        if not 0 <= start <= end <= len(self.text):
            raise ValueError(f"span ({start}, {end}) outside 0..{len(self.text)}")
        if start < end:
            return self._orig_of(start), self._orig_of(end - 1) + 1
        if start < len(self.text):
            pos = self._orig_of(start)
        else:
            pos = self._orig_of(start - 1) + 1 if self.text else 0
        return pos, pos

    def from_original(self, index: int) -> int:
        """Map an offset of ``original`` to ``text``; a dropped character maps to the next kept one.

        >>> clean("下一页\\n一、总体要求").from_original(4)
        0
        """
        if not 0 <= index <= len(self.original):
            raise ValueError(f"offset {index} outside 0..{len(self.original)}")
        k = bisect_right(self._orig_starts, index) - 1
        if k < 0:
            return 0
        offset = index - self._orig_starts[k]
        if offset < self._lengths[k]:
            return self._clean_starts[k] + offset
        return self._clean_starts[k] + self._lengths[k]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "placeholders": [p.to_dict() for p in self.placeholders],
            "removed": [r.to_dict() for r in self.removed],
        }

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return rebuilt_from_fields(self)


# --------------------------------------------------------------------------- data files

_DATA = resources.files("djnlp") / "data" / "clean"


_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _parse_pattern_lines(
    lines: Iterable[str], origin: str, bare_name: str | None = None
) -> list[tuple[str, re.Pattern[str]]]:
    """Parse ``NAME REGEX`` lines (``#`` comments, ``define NAME REGEX`` macros used as ``{NAME}``).

    With ``bare_name``, a line that does not start with an ASCII name and a space is a bare
    regex named ``bare_name``.
    """
    defines: dict[str, str] = {}
    patterns: list[tuple[str, re.Pattern[str]]] = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, rest = (line.split(None, 1) + [""])[:2]
        if head == "define" and len(rest.split(None, 1)) == 2:
            key, value = rest.split(None, 1)
            defines[key.upper()] = value
            continue
        if rest and _NAME.fullmatch(head):
            name, regex = head, rest
        elif bare_name is not None:
            name, regex = bare_name, line
        else:
            raise ConfigError(origin, f"line {number}: expected 'NAME REGEX'")
        for key, value in defines.items():
            regex = regex.replace("{" + key + "}", value)
        try:
            patterns.append((name, re.compile(regex)))
        except re.error as err:
            raise ConfigError(origin, f"line {number}: bad regex for {name!r}: {err}") from None
    return patterns


@lru_cache(maxsize=1)
def _bundled_noise() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = (_DATA / "noise.txt").read_text(encoding="utf-8")
    return tuple(_parse_pattern_lines(text.splitlines(), "djnlp/data/clean/noise.txt"))


@lru_cache(maxsize=1)
def _bundled_tails() -> tuple[tuple[str, re.Pattern[str]], ...]:
    text = (_DATA / "tails.txt").read_text(encoding="utf-8")
    return tuple(_parse_pattern_lines(text.splitlines(), "djnlp/data/clean/tails.txt"))


def load_noise_patterns(
    lines: Iterable[str] | None = None, *, bare_name: str = "custom"
) -> list[tuple[str, re.Pattern[str]]]:
    """Parse noise patterns (``NAME REGEX`` or a bare regex per item); default: the bundled file.

    >>> [name for name, _ in load_noise_patterns(["ad 【广告】.*", "扫码下载.*"])]
    ['ad', 'custom']
    """
    if lines is None:
        return list(_bundled_noise())
    return _parse_pattern_lines(lines, "noise_patterns", bare_name)


@lru_cache(maxsize=1)
def _heading_endings() -> dict[str, tuple[str, ...]]:
    """Words that may end a heading, by their last character (``heading_endings.txt``)."""
    found: dict[str, list[str]] = {}
    for raw in (_DATA / "heading_endings.txt").read_text(encoding="utf-8").splitlines():
        word = raw.split("#", 1)[0].strip()
        if word:
            found.setdefault(word[-1], []).append(word)
    return {last: tuple(words) for last, words in found.items()}


def ends_dangling(line: str, chars: Iterable[str]) -> bool:
    """Does ``line`` end with one of ``chars`` (a dangling function word or an opening bracket),
    other than as the end of a word that may close a heading (方向, 阵地, 社会, 功能 …)?

    >>> ends_dangling("推动资源向", "向的"), ends_dangling("把准机关党建方向", "向的")
    (True, False)
    """
    if not line or line[-1] not in chars:
        return False
    return not any(line.endswith(word) for word in _heading_endings().get(line[-1], ()))


@dataclass(frozen=True)
class _Rules:
    closing: frozenset[str]
    dangling_end: frozenset[str]
    non_heading_cues: re.Pattern[str]
    max_plain: int
    max_marked: int
    page_break_marks: frozenset[str]
    open_end: frozenset[str]
    no_start: frozenset[str]
    tail_window: int


@lru_cache(maxsize=1)
def _rules() -> _Rules:
    data = tomllib.loads((_DATA / "rules.toml").read_text(encoding="utf-8"))
    cues = sorted(data["non_heading_cues"], key=len, reverse=True)
    return _Rules(
        closing=frozenset(data["closing"]),
        dangling_end=frozenset(data["dangling_end"]),
        non_heading_cues=re.compile("|".join(map(re.escape, cues))),
        max_plain=int(data["max_plain_heading_chars"]),
        max_marked=int(data["max_marked_heading_chars"]),
        page_break_marks=frozenset(data["page_break_marks"]),
        open_end=frozenset(data["open_end"]),
        no_start=frozenset(data["no_start"]),
        tail_window=int(data["tail_window_chars"]),
    )


# --------------------------------------------------------------------------- patterns in code

_CN_NUM = "一二三四五六七八九十百零〇两"
# A heading marker at the start of a line (the outline grammar, coarse: only "is it a heading?").
_MARKER = re.compile(
    rf"""(?:
        \#{{1,6}}\s                                   # markdown
      | [{_CN_NUM}]+\s*[、，,．.]                      # 一、
      | [（(]\s*[{_CN_NUM}]+\s*[）)]                  # （一）
      | \d{{1,3}}\s*[、．.](?![\d.])                   # 1、 1. 1．
      | [（(]\s*\d{{1,3}}\s*[）)]                      # （1）
      | (?:\d{{1,3}}|[{_CN_NUM}]+)[）)]                # 1） 一）
      | [ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]+\s*[、.．]                      # Ⅱ、
      | 附件\s*\d*\s*[：:]                           # 附件1：
      | [①-⑳⑴-⒇⒈-⒛]                                  # ①
      | 第[{_CN_NUM}\d]+(?:[，,、：:]|[章节篇部条]|部分|是)  # 第一， 第二章
      | [{_CN_NUM}]是                                 # 一是
      | (?:首先|其次|再次|最后)[，,：:]                  # 首先，
      | 篇[{_CN_NUM}]+                                # 篇一
      | ——|[●■◆◇★☆▲►•·]                              # bullets
    )""",
    re.VERBOSE,
)
_SENTENCE_END_INSIDE = re.compile(r"[。！？!?；;]")
_RUN_IN = re.compile(r"\S[ \t\u3000]+\S.{8,}")  # "监督不力 近年来……": heading run into prose
# A line ends at \n, \r\n, a lone \r, a vertical tab, a form feed, NEL, or a Unicode line or
# paragraph separator (djnlp.io turns all but \r\n into \n; clean() may get a raw str).
_BREAK = re.compile("\r\n?|[\n\x0b\x0c\x85\u2028\u2029]")
_SPACE = " \t\r\f\v\u3000\u00a0\ufeff\u200b\u200c\u200d\u2060"

_PLACEHOLDERS = re.compile(
    r"(?=[12xX×Ｘｘ十“‘《「\"□])"  # cheap first-character filter: 10x faster scans
    r"(?:(?P<year_placeholder>(?<![0-9A-Za-z])(?:1[89]|2[0-9])(?:[xX×Ｘｘ]{2}|[0-9][xX×Ｘｘ])(?![A-Za-z]))"
    r"|(?P<ordinal_placeholder>(?<![A-Za-z])(?:[xX×Ｘｘ]{2}|十[xX×Ｘｘ])(?=届|大(?![a-z])|次(?:党代会|代表大会|全会)|中全会))"
    r"|(?P<empty_quote>“[\s\u3000]*”|‘[\s\u3000]*’|《[\s\u3000]*》|「[\s\u3000]*」|\"\s*\")"
    r"|(?P<box>□+)"
    r"|(?P<mask>×{2,}|(?<![A-Za-z])(?:XX|xx|ＸＸ|ｘｘ)(?![A-Za-z0-9])))"
)

# Full-width ASCII folded to half width in ``norm``, except the punctuation Chinese text uses as its own.
_KEEP_FULLWIDTH = set("，：；！？")
_FOLD = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F) if chr(cp) not in _KEEP_FULLWIDTH}
_FOLD[0x3000] = 0x20
_FOLD[0x00A0] = 0x20


_FOLDABLE = re.compile("[" + "".join(map(chr, _FOLD)) + "]+")


def _norm(text: str) -> str:
    return _FOLDABLE.sub(lambda m: m.group().translate(_FOLD), text)


# --------------------------------------------------------------------------- line logic


def _is_heading_like(line: str) -> bool:
    rules = _rules()
    if _MARKER.match(line):
        if line.startswith("#"):
            return True
        return len(line) <= rules.max_marked and not _SENTENCE_END_INSIDE.search(line)
    if len(line) > rules.max_plain or _SENTENCE_END_INSIDE.search(line) or "：" in line:
        return False
    if ends_dangling(line, rules.dangling_end) or _RUN_IN.search(line):
        return False
    return not rules.non_heading_cues.search(line)


def _continues(prev: str, nxt: str, marked: bool = False) -> bool:
    """True when ``prev`` is the first half of a paragraph a page break split before ``nxt``.

    ``marked``: the gap holds a page-break mark (a line of zero-width characters), so a short
    ``prev`` is a broken line too unless it carries a heading marker.
    """
    rules = _rules()
    if prev[-1] in rules.closing or _MARKER.match(nxt):
        return False
    if _MARKER.match(prev) if marked else _is_heading_like(prev):
        return False
    # Two Latin words cannot be glued without a space we would have to invent.
    return not (prev[-1].isascii() and prev[-1].isalnum() and nxt[0].isascii() and nxt[0].isalnum())


def _glued(prev: str, nxt: str) -> bool:
    """A line break no paragraph can have: after an opening bracket or quote ("关于《"), or before
    a mark that cannot open a line ("、地下综合管廊建设加快。") — links of scraped wiki pages."""
    rules = _rules()
    return prev[-1] in rules.open_end or nxt[0] in rules.no_start


class _NoiseMatcher:
    """Name of the first pattern matching a whole line: one combined regex when the patterns
    allow it (no named groups or global flags of their own), else one regex after another."""

    def __init__(self, patterns: Sequence[tuple[str, re.Pattern[str]]]) -> None:
        self.names = [name for name, _ in patterns]
        self.patterns = list(patterns)
        self.combined: re.Pattern[str] | None = None
        if patterns and not any(p.groupindex for _, p in patterns):
            try:
                self.combined = re.compile("|".join(f"(?P<n{k}>{p.pattern})" for k, (_, p) in enumerate(patterns)))
            except re.error:
                self.combined = None

    def __call__(self, line: str) -> str | None:
        if self.combined is not None:
            m = self.combined.fullmatch(line)
            if m is None:
                return None
            assert m.lastgroup is not None      # each alternative is one whole group, n0, n1 …
            return self.names[int(m.lastgroup[1:])]
        for name, pattern in self.patterns:
            if pattern.fullmatch(line):
                return name
        return None


def clean(
    text: str,
    *,
    noise_patterns: Sequence[str] | None = None,
    extra_noise: Sequence[str] = (),
) -> CleanText:
    """Drop noise lines, re-join page-break splits and flag placeholders; see :class:`CleanText`.

    ``noise_patterns`` replaces the bundled patterns (``djnlp/data/clean/noise.txt``);
    ``extra_noise`` adds to them.  Each item is ``"NAME REGEX"`` (NAME in ASCII) or a bare regex
    (reason ``"custom"`` / ``"extra"``).  A pattern must match a whole line.

    >>> ct = clean("今年要为“”规划开好头。", extra_noise=["广告.*"])
    >>> [(p.kind, p.start, p.end) for p in ct.placeholders]
    [('empty_quote', 4, 6)]
    """
    if not isinstance(text, str):
        raise TypeError(f"clean() needs str, got {type(text).__name__}")
    patterns = load_noise_patterns(noise_patterns)
    patterns += _parse_pattern_lines(extra_noise, "extra_noise", "extra")

    tails = _bundled_tails() if noise_patterns is None else ()
    lines, gaps, removed = _scan_lines(text, patterns, front_matter(text), tails)
    return _assemble(text, lines, gaps).finish(tuple(removed))


_NO_GAP, _BLANK_GAP, _MARKED_GAP = 0, 1, 2


def _scan_lines(
    text: str,
    patterns: Sequence[tuple[str, re.Pattern[str]]],
    skip: int = 0,
    tails: Sequence[tuple[str, re.Pattern[str]]] = (),
) -> tuple[list[tuple[int, int]], list[int], list[Removal]]:
    """Kept non-blank lines (stripped), what precedes each (nothing, blank or dropped lines, or
    a page-break mark among them) and the drops; ``text[:skip]`` (front matter) is dropped, and
    so is everything from a line matching one of ``tails`` (a site's licence notice) on."""
    marks = _rules().page_break_marks
    match_noise = _NoiseMatcher(patterns)
    match_tail = _NoiseMatcher(tails)
    tail_window = _rules().tail_window
    removed: list[Removal] = [Removal("front_matter", text[:skip], 0, skip)] if skip else []
    lines: list[tuple[int, int]] = []
    gaps: list[int] = []
    pos, n = skip, len(text)
    gap = _NO_GAP
    while pos <= n:
        brk = _BREAK.search(text, pos)
        s, e = pos, (n if brk is None else brk.start())
        while s < e and text[s] in _SPACE:
            s += 1
        while e > s and text[e - 1] in _SPACE:
            e -= 1
        tail = match_tail(text[s:e]) if s < e and tails and n - s <= tail_window else None
        if tail is not None:
            end = len(text.rstrip(_SPACE + "\n\r"))
            removed.append(Removal(tail, text[s:end], s, end))
            break
        reason = match_noise(text[s:e]) if s < e else None
        if reason is not None:
            removed.append(Removal(reason, text[s:e], s, e))
        if s == e or reason is not None:
            marked = s == e and any(text[i] in marks for i in range(pos, e))
            gap = max(gap, _MARKED_GAP if marked else _BLANK_GAP) if lines else _NO_GAP
        else:
            lines.append((s, e))
            gaps.append(gap)
            gap = _NO_GAP
        if brk is None:
            break
        pos = brk.end()
    return lines, gaps, removed


def _break_char(text: str, pos: int) -> int:
    """Index of the character kept for the first line break at or after ``pos``: the ``\\n``
    of ``\\n`` and ``\\r\\n``, or the break character itself (a lone ``\\r``, a form feed …)."""
    brk = _BREAK.search(text, pos)
    assert brk is not None, "asked only after a line that another line follows"
    return brk.end() - 1


def _assemble(text: str, lines: list[tuple[int, int]], gaps: list[int]) -> _Builder:
    """Glue page-break halves and broken links together; elsewhere keep one line break, or two
    across blank lines."""
    builder = _Builder(text)
    paragraph = ""
    for k, (s, e) in enumerate(lines):
        line = text[s:e]
        if k and not (_glued(paragraph, line)
                      or gaps[k] and _continues(paragraph, line, gaps[k] == _MARKED_GAP)):
            first = _break_char(text, lines[k - 1][1])  # line breaks are taken from the original
            builder.keep(first, first + 1)
            if gaps[k]:
                second = _break_char(text, first + 1)
                builder.keep(second, second + 1)
            paragraph = ""
        builder.keep(s, e)
        paragraph += line
    return builder


class _Builder:
    """Accumulates kept runs of the original and the offset map."""

    def __init__(self, original: str) -> None:
        self.original = original
        self.parts: list[str] = []
        self.clean_starts: list[int] = []
        self.orig_starts: list[int] = []
        self.lengths: list[int] = []
        self.size = 0

    def keep(self, start: int, end: int) -> None:
        if self.lengths and self.orig_starts[-1] + self.lengths[-1] == start:
            self.lengths[-1] += end - start
        else:
            self.clean_starts.append(self.size)
            self.orig_starts.append(start)
            self.lengths.append(end - start)
        self.parts.append(self.original[start:end])
        self.size += end - start

    def finish(self, removed: tuple[Removal, ...]) -> CleanText:
        out = "".join(self.parts)
        bare = CleanText(self.original, out, _norm(out), (), removed,
                         tuple(self.clean_starts), tuple(self.orig_starts), tuple(self.lengths))
        found: list[Placeholder] = []
        for m in _PLACEHOLDERS.finditer(out):
            start, end = bare.to_original(m.start(), m.end())
            if end - start == m.end() - m.start():
                found.append(Placeholder(m.lastgroup or "", m.group(), start, end))
                continue
            # The match spans a re-joined page break: only what matches within one piece counts
            # ("□" + "□" are two boxes; "“" + "”" from two pages are no empty quote).
            for piece_start, piece_end in self._pieces(m.start(), m.end()):
                piece = out[piece_start:piece_end]
                for sub in _PLACEHOLDERS.finditer(piece):
                    offset = bare.to_original(piece_start, piece_end)[0]
                    found.append(Placeholder(sub.lastgroup or "", sub.group(),
                                             offset + sub.start(), offset + sub.end()))
        return dataclasses.replace(bare, placeholders=tuple(found))

    def _pieces(self, start: int, end: int) -> list[tuple[int, int]]:
        """Split a span of the clean text into runs that are contiguous in the original."""
        k = bisect_right(self.clean_starts, start) - 1
        pieces = []
        while start < end:
            stop = min(end, self.clean_starts[k] + self.lengths[k])
            pieces.append((start, stop))
            start, k = stop, k + 1
        return pieces
