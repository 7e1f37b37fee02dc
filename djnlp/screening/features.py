"""One pass over a submission: every hit the criteria need, located in the text.

Matching runs on a width-folded view of the text (``djnlp.clean``); every span is mapped
back to offsets into the submission as read before it becomes evidence.

>>> from djnlp.screening.rubric import load_rubric
>>> from djnlp.screening.lexicon import Lexicon
>>> from djnlp.screening.submission import Submission, first_line_span
>>> lex = Lexicon.build(load_rubric())
>>> f = Features.of(Submission.from_text("某镇新建3个党群服务站\\n柳河镇今年建成3个党群服务站。"), lex)
>>> [f.view[s:e] for s, e, _ in f.hits["number"]]
['3个', '3个']
"""
from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property

from djnlp.screening.lexicon import Lexicon, PhraseMatcher
from djnlp.sentences import split_sentences
from djnlp.screening.result import Evidence
from djnlp.screening.submission import Submission, first_line_span

Hit = tuple[int, int, str]

_CN = "零〇一二两三四五六七八九十"
_D = rf"(?:\d{{1,2}}|[{_CN}]{{1,3}})"
DATE = re.compile(
    rf"(?:(?:\d{{4}}|[{_CN}]{{4}})年)?{_D}月(?:{_D}[日号])?"
    rf"(?:(?:凌晨|清晨|早上|上午|中午|下午|傍晚|晚上|夜间|夜里|晚)?{_D}[时点](?:{_D}分|半|许|左右)?)?"
    rf"|(?:\d{{4}}|[{_CN}]{{4}})年(?:初|底|末|上半年|下半年|以来)?"
)
_CLAUSE = re.compile(r"[，,；;：:、。！？!?\n]")


class TextView:
    """A width-folded view of the text with a map back to the original offsets."""

    def __init__(self, original: str) -> None:
        self.original = original
        from djnlp.clean import clean

        ct = clean(original)
        self.text = ct.norm
        self._map: Callable[[int, int], tuple[int, int]] | None = None if ct.text == original else ct.to_original

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original offsets of a view span."""
        if self._map is None or start >= end:
            return start, end
        return self._map(start, end)


@dataclass
class Features:
    """Hits in one submission, in view offsets; ``evidence()`` turns a span into Evidence."""

    sub: Submission
    view: str
    tv: TextView
    title: tuple[int, int]
    body_start: int
    sentences: list[tuple[int, int]]
    lex: Lexicon
    hits: dict[str, list[Hit]] = field(default_factory=dict)

    @classmethod
    def of(cls, sub: Submission, lex: Lexicon) -> Features:
        tv = TextView(sub.text)
        view = tv.text
        title = first_line_span(view)
        nl = view.find("\n", title[1])
        body_start = len(view) if nl < 0 else nl + 1
        sents = [(s + body_start, e + body_start) for s, e in split_sentences(view[body_start:])
                 if view[s + body_start:e + body_start].strip()]
        f = cls(sub=sub, view=view, tv=tv, title=title, body_start=body_start, sentences=sents, lex=lex)
        f._scan()
        return f

    def _scan(self) -> None:
        lex, view = self.lex, self.view
        matchers: dict[str, PhraseMatcher] = {
            "cliche": lex.cliche, "inflation": lex.inflation, "vague": lex.vague, "higher": lex.higher,
            "link": lex.link, "significance": lex.significance, "routine": lex.routine,
            "novelty": lex.novelty, "priority": lex.priority,
        }
        for key, m in matchers.items():
            self.hits[key] = list(m.finditer(view))
        for key, m in lex.moves.items():
            self.hits["move:" + key] = list(m.finditer(view))
        dates = [(m.start(), m.end(), m.group()) for m in DATE.finditer(view) if _is_date(m.group())]
        self.hits["date"] = dates
        taken = _Intervals(dates)
        self.hits["number"] = [(m.start(), m.end(), m.group()) for m in lex.number_unit.finditer(view)
                               if not taken.overlaps(m.start(), m.end()) and _is_concrete_number(m.group())]
        self.hits["place"] = [(m.start(), m.end(), m.group()) for m in lex.place.finditer(view)
                              if lex.is_name(m.group())]
        self.hits["quote"] = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[“\"「][^”\"」\n]{2,16}[”\"」]", view)]

    # -- geometry ---------------------------------------------------------------------------
    @cached_property
    def body_len(self) -> int:
        """Characters of the body, white space not counted."""
        body = self.view[self.body_start:]
        return len(body) - sum(body.count(ch) for ch in " \t\r\n\u3000")

    @property
    def title_text(self) -> str:
        return self.view[self.title[0]:self.title[1]]

    @cached_property
    def _sent_starts(self) -> list[int]:
        return [s for s, _ in self.sentences]

    def sentence_of(self, pos: int) -> int:
        """Index of the body sentence containing view offset ``pos`` (-1 for the title)."""
        if pos < self.body_start:
            return -1
        i = bisect_right(self._sent_starts, pos) - 1
        return max(i, 0)

    def in_title(self, pos: int) -> bool:
        return self.title[0] <= pos < self.title[1]

    def in_lead(self, pos: int) -> bool:
        """In the first body sentence (the 导语)."""
        return bool(self.sentences) and self.sentences[0][0] <= pos < self.sentences[0][1]

    @cached_property
    def fact_sentences(self) -> set[int]:
        """Body sentences holding a number with unit, a date or a named place/unit."""
        return {self.sentence_of(s) for key in ("number", "date", "place") for s, _, _ in self.hits[key]
                if s >= self.body_start}

    @cached_property
    def paragraph_starts(self) -> list[int]:
        """Original offsets where body paragraphs (non-empty lines) start."""
        text, out, pos = self.sub.text, [], 0
        body = self.tv.to_original(self.body_start, self.body_start + 1)[0] if self.body_start < len(self.view) else len(text)
        for line in text.splitlines(keepends=True):
            if pos >= body and line.strip():
                out.append(pos)
            pos += len(line)
        return out

    def paragraph_of(self, view_pos: int) -> int:
        """1-based paragraph number of a view offset within the body."""
        o = self.tv.to_original(view_pos, view_pos + 1)[0]
        return max(bisect_right(self.paragraph_starts, o), 1)

    def evidence(self, start: int, end: int, note: str, kind: str = "minus") -> Evidence:
        """Evidence for a view span, in original offsets and text."""
        s, e = self.tv.to_original(start, end)
        return Evidence(s, e, self.sub.text[s:e], note, kind)

    def sentence_evidence(self, i: int, note: str, kind: str = "plus") -> Evidence:
        s, e = self.sentences[i]
        while e > s and self.view[e - 1].isspace():
            e -= 1
        return self.evidence(s, e, note, kind)

    @cached_property
    def _clause_starts(self) -> list[int]:
        return [s for s, _ in self.clauses()]

    def clause_of(self, pos: int) -> int:
        """Index of the body clause containing view offset ``pos`` (-1 before the body)."""
        if pos < self.body_start:
            return -1
        return max(bisect_right(self._clause_starts, pos) - 1, 0)

    def clauses(self) -> list[tuple[int, int]]:
        """Body clauses: runs between ，；：、。！？ and line ends."""
        out, start = [], self.body_start
        for m in _CLAUSE.finditer(self.view, self.body_start):
            if m.start() > start:
                out.append((start, m.start()))
            start = m.end()
        if start < len(self.view):
            out.append((start, len(self.view)))
        return [(s, e) for s, e in out if self.view[s:e].strip()]


def _is_date(text: str) -> bool:
    return "月" in text or bool(re.match(r"\d{4}年", text))


def _is_concrete_number(text: str) -> bool:
    """"3个", "十二名" and "85%" are concrete; "一个", "一批", "两个" alone are not."""
    return not re.match(r"[一两几]+(?:[^一二三四五六七八九十百千万\d]|$)", text)


class _Intervals:
    def __init__(self, spans: list[Hit]) -> None:
        self.spans = sorted((s, e) for s, e, _ in spans)
        self.starts = [s for s, _ in self.spans]

    def overlaps(self, s: int, e: int) -> bool:
        i = bisect_right(self.starts, s) - 1
        for j in (i, i + 1):
            if 0 <= j < len(self.spans) and self.spans[j][0] < e and s < self.spans[j][1]:
                return True
        return False
