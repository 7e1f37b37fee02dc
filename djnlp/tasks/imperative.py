"""Clauses without a modal word: is this an order (深入开展…活动) or a report (开展了…)?
And where does the action of a clause start?

Work plans and the deployment part of a speech state many tasks as bare imperatives.  Such a
clause is a directive when its verb (``djnlp/data/tasks/action_verbs.txt``) opens it — after a
list marker, a subject, times, adverbs and opening frames (按照…要求，围绕…，) — or opens a
later chunk with its own subject and frame (…，各地于每月5日前报送), and it is not a report
(了, 已经, 去年…), a statement (是, 具有, 事关) or part of a paragraph that reviews the past.

>>> implicit_start("深入开展“万名党员结对帮扶”活动，关心和帮助困难党员。", ())
2
>>> implicit_start("组织工作的要求更高，任务更重。", ()) is None
True
"""
from __future__ import annotations

import re
from bisect import bisect_right
from datetime import date
from typing import Final, Sequence

from djnlp.tasks.actors import ActorResult, actor_at, subject_start
from djnlp.tasks.clauses import Clause
from djnlp.tasks.deadlines import is_past
from djnlp.tasks.lexicon import lexicon
from djnlp.tasks.modality import PERFECTIVE, STATEMENT, TOPIC_MODIFIER, CueHit, find_cues, mask_quotes, skip_adverbs
from djnlp.timex import TimeExpression

Spans = Sequence[tuple[int, int]]
_LABEL: Final = re.compile(r"^[^，。；：,;:]{2,25}[：:]")            # 动员部署阶段（4月1日至15日）：
_SINCE: Final = re.compile(r"^[^，,。；;]{2,24}以来[，,]")                 # 党的十一届三中全会以来，…
_ACTION_BLOCKERS: Final = ("由", "在", "按照", "按", "根据", "围绕", "通过", "结合", "对", "以", "为", "从", "针对", "于", "把", "将")
_ACTION_MAX: Final = 30
_COMMA: Final = re.compile(r"[，,]")
_CHUNK_END: Final = re.compile(r"[，,；;。！？：:]")      # (one class: re's search skips to the next)
_TIME_PREPOSITIONS: Final = ("在", "于", "从", "自", "到")
_TIME_SUFFIXES: Final = ("之前", "以前", "以内", "之内", "前", "内", "起", "，")


def skip_time_frame(masked: str, pos: int, time_spans: Spans) -> int:
    """Skip 在5月中旬 / 于年底前 / 6月底前 at ``pos``."""
    if not time_spans:                   # (most clauses hold no time)
        return pos
    at = pos + 1 if masked.startswith(_TIME_PREPOSITIONS, pos) else pos
    span = next((sp for sp in time_spans if sp[0] == at), None)
    if not span:
        return pos
    at = span[1]
    suffix = next((w for w in _TIME_SUFFIXES if masked.startswith(w, at)), "")
    return at + len(suffix)


def skip_frame(masked: str, pos: int, time_spans: Spans) -> int:
    """Skip adverbs and time frames (在5月底前, 于每月5日前, 年内) at ``pos``."""
    if not time_spans:                   # no time: only adverbs to skip
        return skip_adverbs(masked, pos)
    while True:
        nxt = skip_time_frame(masked, skip_adverbs(masked, pos), time_spans)
        nxt = next((e for s, e in time_spans if s == nxt), nxt)
        if nxt == pos:
            return pos
        pos = nxt


def _chunk_end(masked: str, pos: int) -> int:
    comma = _COMMA.search(masked, pos)
    return comma.start() if comma else len(masked)


def implicit_start(masked: str, time_spans: Spans) -> int | None:
    """Where the imperative verb of a clause without a modal word starts, or None."""
    lex = lexicon()
    if not lex.action_verbs.search(masked):      # the action opens with a verb: no verb, no action
        return None
    label = _LABEL.match(masked)
    starts = [label.end() if label else 0] + [m.end() for m in _COMMA.finditer(masked)]
    spans = tuple(time_spans)
    opening = True                   # still in the opening frames (按照…要求，围绕…，)
    for at in starts:
        pos = subject_start(masked, at, spans)
        span = actor_at(masked, pos, spans)
        if opening and not span and (lex.frame_openers.match(masked, skip_adverbs(masked, pos))
                                     or TOPIC_MODIFIER.fullmatch(masked, pos, _chunk_end(masked, pos))):
            continue                 # 按照…要求，… / 确需报送的数据，…
        if not opening and not span:
            continue
        after = span[1] if span else pos
        pos = skip_frame(masked, after, spans)
        if not opening and pos == after:   # a later chunk needs a subject and a frame
            continue
        opening = False
        verb = lex.action_verbs.match(masked, pos)
        if not verb or lex.verb_noun_compounds.match(masked, pos):
            continue
        if len(lex.actor_heads.match(masked, pos) or "") > len(verb):   # 组织部…: a name, not a verb
            continue
        return pos
    return None


def is_report(masked: str, clause_times: Sequence[TimeExpression], start: int, base: date | None) -> bool:
    """A clause that reports: 了/已经…, or opens with a past time (去年…, 近年来…)."""
    lex = lexicon()
    if PERFECTIVE.search(masked) or lex.aspect_markers.search(masked):
        return True
    if lex.past_markers.match(masked, subject_start(masked, 0)) or _SINCE.match(masked):
        return True
    first = clause_times[0] if clause_times else None
    return bool(first and first.start - start <= 2 and is_past(first, base))


def is_statement(masked: str) -> bool:
    """A clause that states what something is or is worth (…是…, …具有重要作用)."""
    return bool(STATEMENT.search(masked)) or lexicon().statement_predicates.search(masked)


def retrospective_paragraphs(text: str, clauses: Sequence[Clause]) -> set[int]:
    """Paragraphs that review the past: at least two sentences with past markers, and more of
    them than sentences with a modal word.

    Past markers are counted first, in one scan of the whole text: each marker found is given to
    the clause that holds it (``clauses`` are ordered and disjoint; a marker holds no punctuation,
    so none runs over a clause's end, and a clause holds a marker just when the scan finds one
    in it).  Cues are looked for only in paragraphs that hold two or more past clauses (in
    others the count of modal clauses cannot matter).
    """
    lex = lexicon()
    starts = [c.start for c in clauses]
    past: dict[int, int] = {}
    counted = -1                         # the last clause counted (markers come in order)
    for m in lex.past_markers.pattern.finditer(text):
        k = bisect_right(starts, m.start()) - 1
        if k > counted and m.end() <= clauses[k].end:      # (k < 0: before the first clause)
            counted = k
            paragraph = clauses[k].paragraph
            past[paragraph] = past.get(paragraph, 0) + 1
    modal: dict[int, int] = {}
    for c in clauses:
        if past.get(c.paragraph, 0) < 2:
            continue
        part = text[c.start : c.end]
        if lex.cue_index.search(part) and find_cues(mask_quotes(part)):     # no cue word: no cue
            modal[c.paragraph] = modal.get(c.paragraph, 0) + 1
    return {p for p, n in past.items() if n >= 2 and n > modal.get(p, 0)}


def action_start(decisive: CueHit, cues: Sequence[CueHit], found: ActorResult) -> int:
    """Where the action begins: after the cue, or after the actor of 请/要求 (and its own cue)."""
    if decisive.word not in lexicon().object_cues:
        return decisive.end
    after_actor = max([decisive.end, *(e for s, e in found.spans if s >= decisive.end)])
    later = next((c for c in cues if c.start >= after_actor), None)
    return later.end if later and later.start - after_actor <= 4 else after_actor


def action_phrase(text: str, masked: str, pos: int, time_spans: Spans) -> str:
    """A short verb-object phrase from ``pos``: the first chunk that is neither a frame
    (在5月中旬, 按照…要求), nor a role (由县委组织部牵头), nor an attitude (高度重视).

    The chunks run from ``pos`` to the end of the sentence (a chunk ends at a comma or a colon;
    the sentence at ；。！？ or the end of the text); each is found only once the ones before it
    hold no action (the first nearly always holds one).

    >>> t = "在5月中旬举办示范培训班，学习相关业务。"
    >>> action_phrase(t, t, 0, ((1, 5),))
    '举办示范培训班'
    """
    spans = tuple(time_spans)
    first: tuple[int, int] | None = None
    start = skip_adverbs(masked, pos)
    while True:
        sep = _CHUNK_END.search(masked, start)
        end = sep.start() if sep is not None else len(masked)
        if end > start:                              # (a non-empty chunk)
            first = first or (start, end)
            at = _action_in(masked, start, end, spans)
            if at is not None:
                return text[at:end][:_ACTION_MAX]
        if sep is None or masked[end] in "；;。！？":
            break
        start = end + 1
    if first:
        s, e = first
        return text[s:e][:_ACTION_MAX]
    return ""


def _action_in(masked: str, s: int, e: int, spans: tuple[tuple[int, int], ...]) -> int | None:
    """Where the action of the chunk ``masked[s:e]`` starts, or None for a frame, a role or an
    attitude."""
    lex = lexicon()
    if lex.role_pattern.search(masked, s, e) and any(m.end() == e for m in lex.role_pattern.finditer(masked, s, e)):
        return None                                  # 县人社局配合: who, not what
    s = skip_time_frame(masked, skip_adverbs(masked, s), spans)
    s = skip_adverbs(masked, subject_start(masked, s, spans))
    partner = lex.role_pattern.match(masked, s)
    if partner and lex.roles.get(partner.group(0)) == "with":      # 会同市住建局召开… → 召开…
        named = actor_at(masked, partner.end(), spans)
        s = skip_frame(masked, named[1], spans) if named else s
    if s < e and not masked.startswith(_ACTION_BLOCKERS, s) and not lex.exhortation.match(masked, s):
        return s
    return None
