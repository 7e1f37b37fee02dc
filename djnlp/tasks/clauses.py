"""Cut a text into candidate directive clauses.

A clause is a sentence (from :func:`djnlp.sentences.split_sentences`), cut further where one
sentence carries several directives: before a list marker (一是… 二要… 首先…), after a colon
that opens a list, and before a comma-chunk that opens a new directive with its own subject
(…，请各地…; …，今年将…; …，各县市区要…) when the part before it is complete.
A directive is never cut inside (…，抓紧组建专班，按规定上报项目 stays whole).

Each clause records its paragraph and its *scope* — the list item it sits in — which bounds
actor inheritance, and whether it is a heading (the first sentence of a paragraph that opens
with an outline marker such as 一、 （二） 3、 第一，).

Speed: most commas open nothing.  A new subject opens only after a *stepping* comma (one the
subject search steps over something after — 并, 同时, a connective, a time: …，同时，各县市区要…
— or that 请/我们 follows) or where an actor stands before a cue in the chunk after the comma
(a head character, adverbs, an opening word); a restart needs a restart cue or a calendar
limit (年底前) there.  The list separators, stepping commas and trigger words are found once for
the whole text, so a sentence none of which can cut is one clause at once (bisections and at
most one search), and a comma is tested only where its own chunk holds a trigger; the expensive
searches (actors, cues of the piece before the comma) run only where a cheap necessary
condition holds (see :class:`_SentenceCutter` and :func:`_opens_directive`).  A caller that has
split the sentences already passes them (``sentences=``).

>>> t = "各地要高度重视。一是要抓紧制定方案；二是要在年内完成轮训，并及时上报。"
>>> [t[c.start:c.end] for c in split_clauses(t)]
['各地要高度重视。', '一是要抓紧制定方案；', '二是要在年内完成轮训，并及时上报。']
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Final, NamedTuple

from djnlp.sentences import split_sentences
from djnlp.tasks.actors import has_actor_start, subject_start
from djnlp.tasks.lexicon import WordSet, lexicon
from djnlp.tasks.modality import find_cues, is_exhortation, mask_quotes, modality_of, skip_adverbs

_HEADING_MARKER: Final = re.compile(
    r"\s*(?:#+\s*|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|[0-9]+[、.．](?![0-9])"
    r"|[（(][0-9]+[）)]|第[一二三四五六七八九十]+[，,、]|[一二三四五六七八九十]+是[：:])"
)
_TERMINAL: Final = "。！？；!?;…"
# a run-in label after the marker: 1.材料报送：… / （三）其他要求：…
_RUN_IN_MAX: Final = 12          # 第一，书记要亲自抓。 — a short point title, not 参训学员要妥善安排…，…
_RUN_IN_LABEL: Final = re.compile(_HEADING_MARKER.pattern + r"\s*[^，。；：:,;！？\s]{2,10}[：:]")
# 重点抓好以下几项工作 — a lead-in even without a colon
_FOLLOWING: Final = re.compile(r"以下[几两三四五六七八九十]*[项个条点]?(?:工作|任务|方面|重点|要求|事项|意见|措施|内容)")
_CHUNK_SEP: Final = re.compile(r"[，,：:]")
_CHUNK_END: Final = re.compile(r"[，,。；;]")
_OPENERS: Final = ("并", "同时", "并且", "另外", "此外")
_OPENER_FIRSTS: Final = frozenset(word[0] for word in _OPENERS)
_ASKS: Final = ("请", "要求", "希望")
_SPEAKER: Final = ("我们", "我部", "我委")       # …，我们将严格执行通报制度: a new directive by the speaker
_CONDITION: Final = re.compile(r"[^，,。；;]{1,12}?的")    # 联审不合格的（不得…）
_LIMIT_SUFFIXES: Final = ("前", "内", "之前", "以前", "以内", "之内")   # shortest first
_ORDERS: Final = {"obligation", "prohibition"}
_SUBJECT_MAX: Final = 8
_SHORT_SUBJECT: Final = re.compile(rf"[\u4e00-\u9fff（）]{{2,{_SUBJECT_MAX}}}")
_SUBJECT_SKIPS: Final = "，, 　"        # the characters :func:`~djnlp.tasks.actors.subject_start` steps over


class Clause(NamedTuple):
    """A candidate clause; offsets into the text given to :func:`split_clauses`.

    (An immutable record; a NamedTuple because a text has hundreds of clauses and a frozen
    dataclass costs four times as much to build.)
    """

    start: int
    end: int
    paragraph: int
    scope: int
    sentence: int
    heading: bool = False       # names a section: first sentence after an outline marker, or a title line
    lead_in: bool = False       # ends with a colon that opens a list (重点抓好以下工作：)
    title: bool = False         # a line without sentence-final punctuation (a title): never a task
    run_in: bool = False        # a short heading sentence with its body after it in the paragraph
                                # (第一，书记要亲自抓。各县…): names the point, never a task


@functools.lru_cache(maxsize=1)
def _opening_words() -> WordSet:
    """Any word a directive may open with after a comma: a cue word or 请/要求/希望."""
    lex = lexicon()
    return WordSet([*lex.cue_words, *_ASKS])


@functools.lru_cache(maxsize=1)
def _separators() -> re.Pattern[str]:
    """A chunk separator; group ``list`` is set when a list marker (一是, 二要…) follows it."""
    return re.compile(f"{_CHUNK_SEP.pattern}(?P<list>(?={lexicon().enumerator.pattern}))?")


@functools.lru_cache(maxsize=1)
def _cut_points() -> re.Pattern[str]:
    """A separator before a list marker (group ``list``), or a comma after which a new subject
    may open without an actor and a cue in its chunk (see :meth:`_SentenceCutter._may_open`):
    an opener (并, 同时…), 请/要求/希望, 我们…, a connective, a space, a comma or a chunk end
    follows.  (A list marker is an opener too: a comma before one is both.)"""
    lex = lexicon()
    words = "|".join(map(re.escape, (*_OPENERS, *_ASKS, *_SPEAKER)))
    return re.compile(f"{_CHUNK_SEP.pattern}(?=(?P<list>{lex.enumerator.pattern})"
                      f"|(?<=[，,])(?:[{_SUBJECT_SKIPS}。；;]|{words}|{lex.connectives.alternation}))")


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _has_past(text: str) -> bool:
    return lexicon().past_markers.search(text)


def _opens_directive(masked: str, pos: int, time_spans: tuple[tuple[int, int], ...]) -> bool:
    """Does the chunk at ``pos`` open a new directive with its own subject, time or 请?

    Every way to open needs an opening word (:func:`_opening_words`) at or after ``pos`` (the
    caller's cheap test).  The actor search runs only where an actor may stand (see
    :func:`_actor_may_lead`).
    """
    lex = lexicon()
    at = _skip_opener(masked, pos)
    if masked.startswith(_ASKS, at):
        return True
    if masked.startswith(_SPEAKER, at):
        after = skip_adverbs(masked, at + 2)
        return masked.startswith(lex.cue_words, after)
    start = subject_start(masked, at, time_spans)
    if _actor_may_lead(masked, start) and has_actor_start(masked, at, time_spans):
        return True
    if start > at or at > pos:
        cue = next((w for w in (masked[start : start + 2], masked[start : start + 1]) if w in lex.modality), None)
        return bool(cue) and bool(find_cues(masked[start:]))
    return False


def _skip_opener(masked: str, pos: int) -> int:
    """Position after a chunk opener (并, 同时…) at ``pos``, if any (the first that fits)."""
    if masked[pos : pos + 1] not in _OPENER_FIRSTS:       # most chunks: no opener
        return pos
    return pos + next((len(word) for word in _OPENERS if masked.startswith(word, pos)), 0)


def _actor_may_lead(masked: str, start: int) -> bool:
    """Can :func:`has_actor_start` be true for a chunk whose subject begins at ``start``?

    It is true only at a stop ``p`` (``start + 2`` up to the chunk end) where the actor found by
    ``actor_at`` ends — so ``masked[p - 1]`` is a head character (``lexicon().actor_end``) — and
    a cue word follows after adverbs: one search (:func:`_actor_cue`).  Adverbs and cue words
    hold no chunk punctuation, so all of this lies in the chunk.
    """
    chunk_end = _CHUNK_END.search(masked, start + 1)
    stop = chunk_end.start() if chunk_end else len(masked)
    return _actor_cue().search(masked, start + 1, stop) is not None


@functools.lru_cache(maxsize=1)
def _actor_cue() -> re.Pattern[str]:
    """A head character followed by any adverbs and an opening word (a superset of the cue words)."""
    lex = lexicon()
    return re.compile(f"{lex.actor_end.pattern}(?=(?:{lex.adverbs.alternation})*(?:{_opening_words().alternation}))")


def _is_limit(masked: str, span: tuple[int, int]) -> bool:
    """Is the time at ``span`` a completion limit (每月5日前, 年底前, 一周内)?"""
    return masked[span[0] : span[1]].endswith(_LIMIT_SUFFIXES) or masked.startswith(_LIMIT_SUFFIXES, span[1])


def _restarts(masked: str, before: tuple[int, int], pos: int, time_spans: tuple[tuple[int, int], ...]) -> bool:
    """Does the chunk at ``pos`` start a second directive of the sentence although it has no
    subject — a cue of another class (…，务必在5月中旬前完成推荐; …，联审不合格的不得提名) or a
    second calendar limit (每月5日前报…，年底前形成总结报告)?  The part ``before`` must itself be
    a directive with a cue and an action (not 务必高度重视，…)."""
    lex = lexicon()
    at = skip_adverbs(masked, pos)
    condition = _CONDITION.match(masked, at)
    new_kind = None
    for start in (at, condition.end() if condition else None):
        word = None if start is None else next(
            (masked[start : start + k] for k in (3, 2, 1) if masked[start : start + k] in lex.restart_cues), None)
        if word:
            new_kind = lex.modality[word].kind
            break
    timed = at + masked.startswith(("在", "于"), at)
    opening = next((sp for sp in time_spans if sp[0] == timed), None) or _subject_then_time(masked, at, time_spans)
    calendar = opening is not None and _calendar_limit(masked, *opening)
    if not new_kind and not calendar:
        return False
    s, e = before
    local = tuple((a - s, b - s) for a, b in time_spans if s <= a and b <= e)
    cues = find_cues(masked[s:e], local)
    kind = modality_of(cues)
    # a second limit may follow a bare item with its own limit (春节前开展走访，慰问情况于2月27日前报…)
    if (kind is None and not calendar) or (kind is not None and is_exhortation(masked[s:e], cues[0].end)):
        return False
    if new_kind and kind is not None:
        # 要如实填报，不得瞒报: the same duty said twice; 联审不合格的不得提名: a new case
        same_duty = {kind, new_kind} <= _ORDERS and start == at
        return new_kind != kind and not same_duty and any(c.start == 0 for c in find_cues(masked[start:]))
    # a second limit after a first one, or a limit with a subject of its own after a directive
    # (培训班定于10月中旬举办，各二级党组织于9月30日前报送名单)
    assert opening is not None                    # (no new cue here: the opening limit decided)
    new_subject = opening[0] != timed
    if (new_subject and kind is not None) or any(_is_limit(masked, sp) for sp in time_spans if s <= sp[0] and sp[1] <= e):
        after = opening[1] + next((len(w) for w in _LIMIT_SUFFIXES[::-1] if masked.startswith(w, opening[1])), 0)
        return bool(lex.action_verbs.match(masked, skip_adverbs(masked, after)))
    return False


def _subject_then_time(masked: str, at: int, time_spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    """The time after a short subject at ``at`` (慰问情况于2月27日前报…, 项目清单3月10日前报送):
    two to eight characters of a name, then 在/于 or the time itself."""
    for a, b in time_spans:
        if at < a <= at + _SUBJECT_MAX + 1:
            subject = masked[at : a - 1] if masked[a - 1] in "在于" else masked[at:a]
            return (a, b) if _SHORT_SUBJECT.fullmatch(subject) else None
    return None


def _calendar_limit(text: str, start: int, end: int) -> bool:
    """Is the time ``text[start:end]`` a calendar limit (年底前), not a stage after the same
    event (事发后2小时内…，24小时内…)?"""
    return text.endswith("前", start, end) or text.startswith(("前", "之前", "以前"), end)


def _directive_before(before: str, offset: int, local: tuple[tuple[int, int], ...]) -> bool:
    """Does the piece ``before`` (at ``offset`` in its sentence) hold a cue or a past marker?"""
    shifted = tuple((a - offset, b - offset) for a, b in local if a >= offset)
    return bool(find_cues(before, shifted)) or _has_past(before)


class _SentenceCutter:
    """Cuts the sentences of one text into clauses.

    A comma cuts before a list marker; where a new directive opens after it
    (:func:`_opens_directive`) and the piece before it holds a cue or a past marker; or where a
    second directive restarts after it (:func:`_restarts`).  Both tests are costly and rarely
    true, so each is asked only where its *trigger* — a word it cannot be true without — starts
    in the chunk after the comma (up to the next ，,。；;):

    * opening: a *stepping* comma — one the subject search steps over something after (并,
      同时, a connective, a list marker, a time, a comma: …，同时，各县市区要…) or 请/我们
      follows — or else a head character followed by an opening word (:func:`_opening_words`)
      in the chunk, which an actor before a cue needs (see :meth:`_may_open`);
    * restarting: a restart cue or a calendar limit (年底前).

    The list separators, stepping commas and trigger starts are found once for the whole text
    (:meth:`__init__`): a sentence with no list separator, no restart trigger, and no stepping
    comma or head character before an opening word after its first separator — most
    sentences — is one clause after a few bisections (and at most one search), and a comma
    asks one bisection per test.

    Why one non-overlapping scan of the raw text is enough: masking quotes only hides words, so
    the raw text holds every word of a masked sentence at the same offsets; and no word holds a
    chunk separator or end, so no match runs into a chunk from before it, and a chunk that holds
    a word holds the start of a match of the scan too.
    """

    def __init__(self, text: str, times: list[tuple[int, int]]) -> None:
        """``times`` are the time spans of ``text``, sorted by start."""
        self._text = text
        self._times = times
        time_starts = [a for a, _ in times]
        self._opening_starts = [m.start() for m in _opening_words().pattern.finditer(text)]
        restarts = [m.start() for m in lexicon().restart_cues.pattern.finditer(text)]
        self._restart_starts = sorted(restarts + [a for a, b in times if _calendar_limit(text, a, b)])
        self._time_starts = time_starts
        lists, stepping = [], []
        for m in _cut_points().finditer(text):
            if m.group("list") is not None:
                lists.append(m.end())
            if m.group(0) in "，,":
                stepping.append(m.end())
        # after these commas the subject search steps over something, or 请/我们… or an opener follows
        self._stepping = sorted(stepping + [a for a in time_starts if text[a - 1 : a] in ("，", ",")])
        # where a cut other than a new subject's may follow: after a list separator, or at a restart trigger
        self._may_cut = sorted(lists + self._restart_starts)

    def cut(self, s: int, e: int) -> list[tuple[int, int]]:
        """Clauses of the sentence ``text[s:e]``.

        (A named method, not ``__call__``: compiled code calls a named method of a native
        class directly, a callable instance through the generic protocol.)
        """
        text = self._text
        found = _CHUNK_SEP.search(text, s, e - 1)
        if found is None:                           # no separator inside: one clause
            return [(s, e)] if text[s:e].strip() else []
        first_sep = found.start()
        # a separator after the last trigger of a kind (or the last list separator) cannot cut for it
        last_opening = _last_before(self._opening_starts, e)
        if last_opening <= first_sep or not (                  # no new subject can open (see _may_open)
                _any_in(self._stepping, first_sep + 1, last_opening + 1)
                or _actor_cue().search(text, first_sep + 1, e) is not None):
            last_opening = -1
        last_cut = max(_last_before(self._may_cut, e), last_opening)
        if last_cut <= first_sep:
            return [(s, e)]             # no comma can cut (a sentence with a separator is not blank)
        masked = mask_quotes(text[s:e])
        local = self._local_times(s, e)
        last_opening -= s           # (negative where no new subject can open)
        last_restart = _last_before(self._restart_starts, e) - s
        last_cut -= s
        cuts = []
        piece_start = 0
        for m in _separators().finditer(masked, first_sep - s):
            nxt = m.end()
            if nxt > last_cut or nxt == len(masked):
                break
            if m.group("list") is not None:
                boundary = True
            elif m.group(0) in "，," and nxt <= max(last_opening, last_restart):
                chunk_end = _CHUNK_END.search(masked, nxt)
                stop = chunk_end.start() if chunk_end else len(masked)
                boundary = (nxt <= last_opening and self._may_open(masked, nxt, stop, s)
                            and _opens_directive(masked, nxt, local)
                            and _directive_before(masked[piece_start : m.start()], piece_start, local)
                            or nxt <= last_restart and _any_in(self._restart_starts, s + nxt, s + stop)
                            and _restarts(masked, (piece_start, m.start()), nxt, local))
            else:
                boundary = False
            if boundary:
                cuts.append(nxt)
                piece_start = nxt
        if not cuts:
            return [(s, e)]
        bounds = [0, *cuts, len(masked)]
        return [(s + a, s + b) for a, b in zip(bounds, bounds[1:]) if text[s + a : s + b].strip()]

    def _local_times(self, s: int, e: int) -> tuple[tuple[int, int], ...]:
        """The time spans inside ``text[s:e]``, relative to ``s``."""
        starts = self._time_starts
        first, end = bisect_left(starts, s), bisect_right(starts, e)
        return tuple((a - s, b - s) for a, b in self._times[first:end] if b <= e) if end > first else ()

    def _may_open(self, masked: str, pos: int, stop: int, s: int) -> bool:
        """False only where :func:`_opens_directive` at ``pos`` (after a comma) is false.

        After a *stepping* comma (:func:`_cut_points`, or a time right after it) anything may
        follow.  After any other, nothing is skipped: the subject starts at ``pos``, and with
        no 请/要求/希望 or 我们 there a new subject needs an actor — a head character followed
        by (adverbs and) an opening word in the chunk ``masked[pos:stop]`` (see
        :func:`_actor_may_lead`).
        """
        if _any_in(self._stepping, s + pos, s + pos + 1):
            return True
        return (_any_in(self._opening_starts, s + pos, s + stop)
                and _actor_cue().search(masked, pos + 1, stop) is not None)


def _last_before(starts: list[int], end: int) -> int:
    """The last of the sorted ``starts`` before ``end`` (-1 if none)."""
    i = bisect_left(starts, end)
    return starts[i - 1] if i else -1


def _any_in(starts: list[int], lo: int, hi: int) -> bool:
    """Does one of the sorted ``starts`` lie in ``[lo, hi)``?"""
    i = bisect_left(starts, lo)
    return i < len(starts) and starts[i] < hi


def _inside(spans: Sequence[tuple[int, int]], sentences: Sequence[tuple[int, int]], starts: list[int]) -> set[int]:
    """Indices of the ``sentences`` (ordered, disjoint; ``starts`` their starts) that lie inside
    one of ``spans``: one bisection per span, not one test per sentence."""
    found = set()
    for a, b in spans:
        k = bisect_left(starts, a)
        while k < len(sentences) and sentences[k][1] <= b:
            found.add(k)
            k += 1
    return found


def split_clauses(
    text: str,
    *,
    time_spans: tuple[tuple[int, int], ...] = (),
    heading_spans: tuple[tuple[int, int], ...] = (),
    sentences: Sequence[tuple[int, int]] | None = None,
) -> list[Clause]:
    """Clauses of ``text`` in order; ``time_spans`` help find chunk openers (今年将…).

    ``sentences`` are the spans of ``split_sentences(text)`` where the caller has them already.
    """
    enumerator = lexicon().enumerator
    if sentences is None:
        sentences = split_sentences(text)
    sentence_starts = [s for s, _ in sentences]
    sentence_ends = [e for _, e in sentences]
    in_heading = _inside(heading_spans, sentences, sentence_starts)
    cutter = _SentenceCutter(text, sorted(time_spans, key=lambda sp: sp[0]))
    clauses: list[Clause] = []
    scope = -1
    sentence_no = -1
    for p, (ps, pe) in enumerate(_paragraphs(text)):
        scope += 1
        para = text[ps:pe]
        marked = bool(_HEADING_MARKER.match(para))
        no_terminal = len(para.strip()) <= 60 and not any(ch in para for ch in _TERMINAL)
        following = "以下" in para            # (where a _FOLLOWING match must start)
        first_clause = len(clauses)
        # a sentence lies inside one line and is trimmed of spaces (see split_sentences)
        first, end = bisect_right(sentence_ends, ps), bisect_left(sentence_starts, pe)
        for k in range(first, end):
            s, e = sentences[k]
            i = k - first
            sentence_no += 1
            heading = (marked and i == 0) or no_terminal or k in in_heading
            run_in = False
            if marked and i == 0:
                label = _RUN_IN_LABEL.match(text, s, e)
                if label and text[label.end() : e].strip():      # 1.材料报送：述职报告须经…: label, then the item
                    clauses.append(Clause(s, label.end(), p, scope, sentence_no, True, True, False))
                    s, heading = label.end(), False
                marker = _HEADING_MARKER.match(text, s)
                body = text[marker.end() if marker else s : e]
                run_in = (heading and end - first > 1 and not no_terminal
                          and len(body) <= _RUN_IN_MAX and not _CHUNK_SEP.search(body))
            for cs, ce in cutter.cut(s, e):
                if len(clauses) > first_clause and enumerator.match(text, cs):
                    scope += 1
                last = text[ce - 1]             # (rstrip only where the clause ends in a space)
                lead_in = (last in "：:" or last.isspace() and text[cs:ce].rstrip().endswith(("：", ":"))
                           or following and _FOLLOWING.search(text, cs, ce) is not None)
                clauses.append(Clause(cs, ce, p, scope, sentence_no, heading, lead_in, no_terminal, run_in))
    return clauses
