"""Extract directives — who must do what by when — from speeches, plans and 工作要点.

>>> tasks = extract_tasks("二、重点工作\\n市委组织部计划在5月中旬举办培训班。各县市区要在年内轮训一遍。",
...                       base=date(2024, 3, 1))
>>> [(t.actors, t.modality, t.deadline.text) for t in tasks]
[(('市委组织部',), 'plan', '5月中旬'), (('各县市区',), 'obligation', '年内')]
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Sequence

from djnlp.clean import CleanText, clean
from djnlp.tasks.actors import ActorResult, actor_at, find_actors, subject_start
from djnlp.tasks.clauses import Clause, split_clauses
from djnlp.tasks.lexicon import lexicon
from djnlp.tasks.modality import (
    MASK, OBJECT_CUES, CueHit, find_cues, is_exhortation, mask_quotes, modality_of, skip_adverbs,
)
from djnlp.timex import Interval, TimeExpression, extract_times, find_document_date

# preference among the times of one clause: a completion limit first, then an event-relative
# limit, then the date of the action, then a vague word (近期, 届时)
_DEADLINE_RANK = {"by": 0, "within": 0, "event_relative": 1, "point": 2, "span": 2, "vague": 3}
_LABEL = re.compile(r"^[^，。；：,;:]{2,25}[：:]")
_FIELDS_ONLY = re.compile(r"^[（(][\u4e00-\u9fff]{2,6}[：:].*[）)][。；;]?$")
_SPEAKER = ("我们", "我部", "我委", "同时，我们")   # the speaker's own plan: nothing to inherit
_INHERITING = ("obligation", "prohibition")   # plans and encouragements belong to the speaker
_ACTION_BLOCKERS = ("在", "按照", "按", "根据", "围绕", "通过", "结合", "对", "以", "为", "从", "针对", "于", "把", "将")
_ACTION_MAX = 30
_TIME_PREPOSITIONS = ("在", "于", "从", "自", "到")
_TIME_SUFFIXES = ("之前", "以前", "以内", "之内", "前", "内", "起", "，")
_STATEMENT = re.compile(r"(?<![为除])了(?![解结])|(?<![一二三四五六七八九十但])是(?!要)")
_PERFECTIVE = re.compile(r"(?<![为除])了(?![解结])")   # 确定了, 下发了: a report, not an order


@dataclass(frozen=True)
class Task:
    """One directive.  ``start``/``end`` are offsets into the original text.

    ``actors`` are the responsible units (explicit, or inherited from the sentence or list item
    that addresses them — then ``actors_inherited`` is True); ``lead``/``support`` where the text
    says 牵头/配合.  ``deadline`` is the time expression inside the clause, resolved against the
    base date; ``recurrence`` a recurring time (每季度…).  ``section`` is the heading path.
    """

    text: str
    start: int
    end: int
    actors: tuple[str, ...]
    action: str
    modality: str
    deadline: TimeExpression | None = None
    lead: tuple[str, ...] = ()
    support: tuple[str, ...] = ()
    actors_inherited: bool = False
    recurrence: TimeExpression | None = None
    section: tuple[dict[str, Any], ...] = ()
    document: str | None = None
    theme: str | None = None
    cue: str | None = None
    extra_times: tuple[TimeExpression, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready dict."""
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "actors": list(self.actors),
            "lead": list(self.lead),
            "support": list(self.support),
            "actors_inherited": self.actors_inherited,
            "action": self.action,
            "modality": self.modality,
            "cue": self.cue,
            "deadline": self.deadline.to_dict() if self.deadline else None,
            "recurrence": self.recurrence.to_dict() if self.recurrence else None,
            "section": [dict(s) for s in self.section],
            "document": self.document,
            "theme": self.theme,
        }


def _as_clean(text_or_ct: str | CleanText) -> CleanText:
    if isinstance(text_or_ct, CleanText):
        return text_or_ct
    if not isinstance(text_or_ct, str):
        raise TypeError(f"extract_tasks() takes str or CleanText, not {type(text_or_ct).__name__}")
    return clean(text_or_ct)


def _to_date(base: date | datetime | str | None) -> date | None:
    if base is None or isinstance(base, date) and not isinstance(base, datetime):
        return base
    if isinstance(base, datetime):
        return base.date()
    return date.fromisoformat(base)


def _shift(expr: TimeExpression, offset: int, start: int, end: int) -> TimeExpression:
    """The expression with offsets moved into the original text."""
    from dataclasses import replace

    return replace(expr, start=start, end=end, limits=tuple(
        replace(lim, start=lim.start + offset, end=lim.end + offset) for lim in expr.limits
    )) if expr.limits else replace(expr, start=start, end=end)


def _is_past(expr: TimeExpression, base: date | None) -> bool:
    if base is None or expr.value is None or expr.value.end is None:
        return False
    return expr.value.end.date() < base


def _in_list(t: TimeExpression, times: Sequence[TimeExpression], text: str) -> bool:
    """True for a time in an enumeration (元旦、春节、国庆等): occasions, not one deadline."""
    return any(
        o is not t and (text[o.end : t.start] in ("、", "和", "及") or text[t.end : o.start] in ("、", "和", "及"))
        for o in times
    )


def _in_statement(masked: str, pos: int) -> bool:
    """True if ``pos`` sits in a comma-chunk that states a fact (…是今年的重点, …发挥了作用)
    and carries no modal word: a time there is not the task's deadline."""
    start = max(masked.rfind(c, 0, pos) for c in "，,；;") + 1
    ends = [i for i in (masked.find(c, pos) for c in "，,；;。") if i >= 0]
    chunk = masked[start : min(ends) if ends else len(masked)]
    return bool(_STATEMENT.search(chunk)) and not find_cues(chunk)


def _pick_deadline(
    times: Sequence[TimeExpression], base: date | None, text: str
) -> tuple[TimeExpression | None, TimeExpression | None]:
    """(deadline, recurrence) among the time expressions of one clause.

    A recurring time (每月5日前) is the recurrence; its next occurrence is the deadline when the
    clause has no other.  Manner words (及时, 适时), past times, open-ended starts (12月起) and
    enumerated occasions are never deadlines.
    """
    recurrence = next((t for t in times if t.kind == "recurring"), None)
    manner = lexicon().not_deadlines
    candidates = [
        t for t in times
        if t.kind in _DEADLINE_RANK and not _is_past(t, base) and t.text not in manner
        and not (t.value is not None and t.value.end is None) and not _in_list(t, times, text)
    ]
    candidates.sort(key=lambda t: (_DEADLINE_RANK[t.kind], t.start))
    if candidates:
        return candidates[0], recurrence
    if recurrence is not None and recurrence.value is not None:
        return recurrence, recurrence
    return None, recurrence


def _action(text: str, masked: str, pos: int, time_spans: Sequence[tuple[int, int]]) -> str:
    """A short verb-object phrase starting at ``pos``."""
    pos = skip_adverbs(masked, pos)
    chunks = []
    start = pos
    for m in re.finditer(r"[，,；;。！？：:]|$", masked[pos:]):
        end = pos + m.start()
        if end > start:
            chunks.append((start, end))
        start = pos + m.end()
        if m.group(0) in "；;。！？" or not m.group(0):
            break
    exhortation = lexicon().exhortation
    for s, e in chunks:
        s = _skip_time_frame(masked, skip_adverbs(masked, s), time_spans)
        s = skip_adverbs(masked, subject_start(masked, s, tuple(time_spans)))
        if s < e and not masked.startswith(_ACTION_BLOCKERS, s) and not any(p.match(masked, s) for p in exhortation):
            return text[s:e][:_ACTION_MAX]
    if chunks:
        s, e = chunks[0]
        return text[s:e][:_ACTION_MAX]
    return ""


def _skip_time_frame(masked: str, pos: int, time_spans: Sequence[tuple[int, int]]) -> int:
    """Skip 在5月中旬 / 于年底前 / 6月底前 at ``pos``: the deadline is reported on its own."""
    at = pos + 1 if masked.startswith(_TIME_PREPOSITIONS, pos) else pos
    span = next((sp for sp in time_spans if sp[0] == at), None)
    if not span:
        return pos
    at = span[1]
    suffix = next((w for w in _TIME_SUFFIXES if masked.startswith(w, at)), "")
    return at + len(suffix)


def _retrospective(text: str, clauses: Sequence[Clause]) -> set[int]:
    """Paragraphs that review the past: more sentences with past markers than with cues."""
    lex = lexicon()
    past: dict[int, int] = {}
    modal: dict[int, int] = {}
    for c in clauses:
        part = text[c.start : c.end]
        if lex.past_markers.search(part):
            past[c.paragraph] = past.get(c.paragraph, 0) + 1
        if find_cues(mask_quotes(part)):
            modal[c.paragraph] = modal.get(c.paragraph, 0) + 1
    return {p for p, n in past.items() if n >= 2 and n > modal.get(p, 0)}


def _action_start(masked: str, decisive: CueHit, cues: Sequence[CueHit], found: ActorResult) -> int:
    """Where the action begins: after the cue, or after the actor of 请/要求 (and its own cue)."""
    if decisive.word not in OBJECT_CUES:
        return decisive.end
    after_actor = max([decisive.end, *(e for s, e in found.spans if s >= decisive.end)])
    later = next((c for c in cues if c.start >= after_actor), None)
    return later.end if later and later.start - after_actor <= 4 else after_actor


def _skip_frame(masked: str, pos: int, time_spans: Sequence[tuple[int, int]]) -> int:
    """Skip adverbs and time frames (在5月底前, 于每月5日前, 年内) at ``pos``."""
    while True:
        nxt = _skip_time_frame(masked, skip_adverbs(masked, pos), time_spans)
        nxt = next((e for s, e in time_spans if s == nxt), nxt)
        if nxt == pos:
            return pos
        pos = nxt


def _implicit_start(masked: str, time_spans: tuple[tuple[int, int], ...]) -> int | None:
    """Where the imperative verb of a clause without a modal word starts, or None.

    The verb opens the clause (after a list marker, a subject, times and adverbs), or follows a
    schedule label (动员部署阶段（4月1日至15日）：…), or opens a later comma-chunk that has its
    own subject (常规信息实行月报制度，各地于每月5日前报送…).
    """
    lex = lexicon()
    label = _LABEL.match(masked)
    starts = [label.end() if label else 0] + [m.end() for m in re.finditer(r"[，,]", masked)]
    opening = True                   # still in the opening frames (按照…要求，围绕…，)
    for at in starts:
        pos = subject_start(masked, at, time_spans)
        span = actor_at(masked, pos, time_spans)
        if opening and not span and lex.frame_openers.match(masked, skip_adverbs(masked, pos)):
            continue
        if not opening and not span:
            continue
        after = span[1] if span else pos
        pos = _skip_frame(masked, after, time_spans)
        if not opening and pos == after:   # a later chunk needs a subject and a frame: 各地于每月5日前报送
            continue
        opening = False
        verb = lex.action_verbs.match(masked, pos)
        if not verb or lex.verb_noun_compounds.match(masked, pos) or len(lex.actor_heads.match(masked, pos) or "") > len(verb):
            continue
        return pos
    return None


def _is_report(masked: str, clause_times: Sequence[TimeExpression], start: int, base: date | None) -> bool:
    """A clause without a modal word that reports: 了/已经…, or opens with a past time (去年…)."""
    lex = lexicon()
    if _PERFECTIVE.search(masked) or lex.aspect_markers.search(masked):
        return True
    if lex.past_markers.match(masked, subject_start(masked, 0)):      # 近年来，全县依托…
        return True
    first = clause_times[0] if clause_times else None
    return bool(first and first.start - start <= 2 and _is_past(first, base))


def _section_index(ct: CleanText, sections: Sequence[Any] | None):
    """(heading spans in clean offsets, lookup original offset -> (document title, path)).

    ``sections`` may hold outline Sections or whole Documents; None parses the outline here.
    """
    if sections is None:
        from djnlp.outline import parse_outline

        sections = parse_outline(ct)
    if sections and all(hasattr(item, "sections") for item in sections):
        documents = list(sections)
        flat = [(d.title, s) for d in documents for s in d.sections]
        docs = [(d.title, d.start, d.end) for d in documents]
    else:
        flat = [(None, s) for s in sections]
        docs = []
    headings = tuple(
        (ct.from_original(s.heading_start), ct.from_original(s.heading_end)) for _, s in flat if s.heading_end > s.heading_start
    )

    def locate(offset: int) -> tuple[str | None, tuple[dict[str, Any], ...]]:
        title = next((t for t, s, e in docs if s <= offset < e), None)
        path = sorted((s for _, s in flat if s.start <= offset < s.end), key=lambda s: s.level)
        return title, tuple({"id": s.id, "heading": s.heading} for s in path)

    return headings, locate


def extract_tasks(
    text_or_ct: str | CleanText,
    *,
    base: date | datetime | str | None = None,
    sections: Sequence[Any] | None = None,
) -> list[Task]:
    """Directives in a text, in order.

    ``base`` resolves relative times (5月中旬, 年内); without it the document date found in the
    text is used.  ``sections`` (outline :class:`~djnlp.outline.Section` objects) give each task
    its heading path; by default the outline is parsed here.
    """
    ct = _as_clean(text_or_ct)
    text = ct.text
    base_date = _to_date(base)
    if base_date is None:
        base_date = find_document_date(text)
    times = extract_times(text, base=base_date)
    time_spans = tuple((t.start, t.end) for t in times)
    headings, locate = _section_index(ct, sections)
    clauses = split_clauses(text, time_spans=time_spans, heading_spans=headings)
    retro = _retrospective(text, clauses)
    lex = lexicon()

    tasks: list[Task] = []
    explicit: list[bool] = []            # per task: actors named in its own clause
    paragraph_of: list[int] = []
    scope_actors: dict[int, tuple[str, ...]] = {}
    addressee: dict[int, tuple[str, ...]] = {}
    listed: set[int] = set()
    sentence_actors: dict[int, tuple[str, ...]] = {}

    for clause in clauses:
        raw = text[clause.start : clause.end]
        masked = mask_quotes(raw)
        local_times = tuple((s - clause.start, e - clause.start) for s, e in time_spans
                            if clause.start <= s and e <= clause.end)
        clause_times = [t for t in times if clause.start <= t.start and t.end <= clause.end
                        and masked[t.start - clause.start] != MASK
                        and not _in_statement(masked, t.start - clause.start)]
        if lex.enumerator.match(raw):
            listed.add(clause.paragraph)
        if _FIELDS_ONLY.match(raw.strip()):
            _apply_fields(tasks, explicit, paragraph_of, clause, raw, clause_times, base_date, ct)
            continue
        cues = find_cues(masked, local_times)
        kind = modality_of(cues)
        decisive = next((c for c in cues if c.kind == kind), None)
        found = find_actors(raw, decisive.start if decisive else None, decisive.word if decisive else None, local_times)
        if found.actors:
            sentence_actors[clause.sentence] = found.actors
        deadline, recurrence = _pick_deadline(clause_times, base_date, text)
        if clause.title or clause.lead_in or "？" in raw or "?" in raw:
            if kind and found.actors and clause.lead_in:
                addressee[clause.paragraph] = found.actors
            continue
        if clause.heading and not ((found.actors and kind) or (deadline and deadline.kind != "vague")):
            continue
        if decisive and kind in ("plan", "encouragement"):
            opening = _implicit_start(masked[: max(masked.rfind(c, 0, decisive.start) for c in "，,") + 1], local_times)
            if opening is not None and opening < decisive.start:   # 联合团县委举办训练营，力争覆盖…
                kind, decisive = "obligation", None
                action_at = opening
        if decisive:
            action_at = _action_start(masked, decisive, cues, found)
            if is_exhortation(masked, action_at):
                if found.actors:
                    scope_actors[clause.scope] = found.actors
                continue
        else:
            if kind is None:
                action_at = _implicit_start(masked, local_times)
            if (found.lead or found.support) and action_at is None:
                action_at = subject_start(masked, 0, local_times)
            assigned = bool(found.lead or found.support)    # 由…负责 / …牵头: a directive whatever else
            if action_at is None or (not assigned and (
                    clause.paragraph in retro
                    or _STATEMENT.search(masked) or any(w in masked for w in lex.statement_predicates)
                    or _is_report(masked, clause_times, clause.start, base_date))):
                continue
            kind = "obligation"
            if not found.actors:
                found = find_actors(raw, action_at, None, local_times)
        if found.actors and kind in _INHERITING:
            scope_actors[clause.scope] = found.actors
            if clause.paragraph not in listed:
                addressee[clause.paragraph] = found.actors
        actors, inherited = found.actors, False
        if not actors and not masked.lstrip("，, ").startswith(_SPEAKER):
            actors = sentence_actors.get(clause.sentence, ())
            if not actors and kind in _INHERITING:
                actors = scope_actors.get(clause.scope) or addressee.get(clause.paragraph, ())
            inherited = bool(actors)
        start, end = ct.to_original(clause.start, clause.end)
        title, path = locate(start)
        tasks.append(Task(
            text=ct.original[start:end],
            start=start,
            end=end,
            actors=actors,
            action=_action(raw, masked, action_at, local_times),
            modality=kind,
            deadline=_to_original(ct, deadline) if deadline else None,
            lead=found.lead,
            support=found.support,
            actors_inherited=inherited,
            recurrence=_to_original(ct, recurrence) if recurrence else None,
            section=path,
            document=title,
            cue=decisive.word if decisive else None,
        ))
        explicit.append(bool(found.actors))
        paragraph_of.append(clause.paragraph)
    return tasks


def _to_original(ct: CleanText, expr: TimeExpression) -> TimeExpression:
    start, end = ct.to_original(expr.start, expr.end)
    return _shift(expr, start - expr.start, start, end)


def _apply_fields(tasks: list[Task], explicit: list[bool], paragraph_of: list[int], clause: Clause, raw: str,
                  times: Sequence[TimeExpression], base: date | None, ct: CleanText) -> None:
    """A field note (（牵头单位：…；完成时限：…）) applies to the tasks of its paragraph that name
    no actor; its 完成时限 is a deadline ("by" the end of the time given) for those without one."""
    from dataclasses import replace

    found = find_actors(raw)
    deadline, _ = _pick_deadline(times, base, ct.text)
    if deadline is not None and deadline.value is not None and deadline.kind in ("point", "span"):
        deadline = replace(deadline, kind="by", value=Interval(None, deadline.value.end))
    for i, task in enumerate(tasks):
        if paragraph_of[i] != clause.paragraph:
            continue
        if found.actors and not explicit[i]:
            task = replace(task, actors=found.actors, lead=found.lead, support=found.support, actors_inherited=False)
        if deadline is not None and task.deadline is None:
            task = replace(task, deadline=_to_original(ct, deadline))
        tasks[i] = task
