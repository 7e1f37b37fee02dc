"""Extract directives — who must do what by when — from speeches, plans and 工作要点.

The pipeline per clause (see ``corpus/tasks/README.md`` for where the lines are drawn):
:mod:`~djnlp.tasks.clauses` cuts the text, :mod:`~djnlp.tasks.fields` recognises field notes
(牵头单位：…) and hands them to the item above, :mod:`~djnlp.tasks.modality` finds the cue and its
class, :mod:`~djnlp.tasks.imperative` handles clauses without a cue,
:mod:`~djnlp.tasks.actors` names the responsible units, :mod:`~djnlp.tasks.deadlines` picks
the deadline among the times :func:`djnlp.timex.extract_times` found.

Work is done only where its answer can matter: a clause's actors are looked for when it has a
cue, closes a scope or may assign a lead (由…, 牵头); the imperative start of a cue-less clause
only when the clause is no review, description, statement or report; the thing-subject test
only when there is someone to inherit from; a clause is placed (original span, heading path)
only once it is a task.  The steps themselves begin with cheap tests (no colon: no field; no
quote mark: nothing to mask; no head word before the cue: no name); which clauses hold a time,
a colon, a question mark or a quote mark is found once for the whole text and looked up by
clause index (:class:`_ClauseIndex`).

>>> tasks = extract_tasks("二、重点工作\\n市委组织部计划在5月中旬举办培训班。各县市区要在年内轮训一遍。",
...                       base=date(2024, 3, 1))
>>> [(t.actors, t.modality, t.deadline.text) for t in tasks]
[(('市委组织部',), 'plan', '5月中旬'), (('各县市区',), 'obligation', '年内')]
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any, Final, NamedTuple, Sequence

from djnlp._records import rebuilt_from_fields
from djnlp.clean import CleanText, clean
from djnlp.errors import ConfigError
from djnlp.tasks.actors import (
    ActorResult, find_actors, may_assign, patient_subject, possessed_thing, subject_start, thing_subject,
)
from djnlp.tasks.clauses import Clause, split_clauses
from djnlp.tasks.deadlines import as_limit, in_statement, pick_deadline, to_original
from djnlp.tasks.fields import fields, is_field_note
from djnlp.tasks.imperative import (
    action_phrase, action_start, implicit_start, is_report, is_statement, retrospective_paragraphs,
)
from djnlp.tasks.lexicon import lexicon
from djnlp.tasks.modality import (
    MASK, OPENING_MARKS, CueHit, find_cues, is_exhortation, last_of, mask_quotes, modality_of,
)
from djnlp.timex import TimeExpression, extract_times, find_document_date

_SPEAKER: Final = ("我们", "我部", "我委", "同时，我们")   # the speaker's own plan: nothing to inherit
_INHERITING: Final = ("obligation", "prohibition")       # plans and encouragements belong to the speaker
_set: Final = object.__setattr__


@dataclass(frozen=True, init=False)
class Task:
    """One directive.  ``start``/``end`` are offsets into the original text.

    ``actors`` are the responsible units (explicit, or inherited from the sentence or list item
    that addresses them — then ``actors_inherited`` is True); ``lead``/``support`` where the text
    says 牵头/配合.  ``deadline`` is the time expression inside the clause, resolved against the
    base date; ``recurrence`` a recurring time (每季度…).  ``section`` is the heading path.

    (``__init__`` is written out rather than generated: the one ``dataclass`` generates for a
    frozen class is interpreted code even in a compiled build, and costs twice as much as
    this one compiled.  It takes the fields in order, with their defaults.)
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

    def __init__(self, text: str, start: int, end: int, actors: tuple[str, ...], action: str, modality: str,
                 deadline: TimeExpression | None = None, lead: tuple[str, ...] = (), support: tuple[str, ...] = (),
                 actors_inherited: bool = False, recurrence: TimeExpression | None = None,
                 section: tuple[dict[str, Any], ...] = (), document: str | None = None, theme: str | None = None,
                 cue: str | None = None) -> None:
        _set(self, "text", text)         # (a frozen instance is written through object.__setattr__)
        _set(self, "start", start)
        _set(self, "end", end)
        _set(self, "actors", actors)
        _set(self, "action", action)
        _set(self, "modality", modality)
        _set(self, "deadline", deadline)
        _set(self, "lead", lead)
        _set(self, "support", support)
        _set(self, "actors_inherited", actors_inherited)
        _set(self, "recurrence", recurrence)
        _set(self, "section", section)
        _set(self, "document", document)
        _set(self, "theme", theme)
        _set(self, "cue", cue)

    def __reduce__(self) -> tuple[type, tuple[Any, ...]]:
        return rebuilt_from_fields(self)        # (pickles and copies in the compiled build too)

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
    try:
        return date.fromisoformat(base)
    except (TypeError, ValueError):
        raise ConfigError("base", f"not a date (YYYY-MM-DD): {base!r}") from None


class _Place(NamedTuple):
    """Where an offset lies: its document's title, its heading path (shared dicts: copy them),
    whether a heading of the path is descriptive (考核内容…), the unit a heading of the path makes
    responsible (一、党组（党委）主体责任 → 党组（党委）) and the theme of the deepest section of
    the path that has one (sections from ``analyze`` carry themes)."""

    title: str | None
    path: tuple[dict[str, Any], ...]
    descriptive: bool
    owner: str | None
    theme: str | None


_Facts = tuple[dict[str, Any], bool, str | None, str | None]   # see _SectionIndex._section_facts


class _SectionIndex:
    """Where an original offset lies in the outline: :meth:`place` gives its :class:`_Place`;
    ``headings`` are the heading spans in clean offsets.

    ``sections`` may hold outline Sections or whole Documents; None parses the outline here.
    The answer only changes at a section or document boundary: it is computed once per stretch
    between two boundaries, from the sections covering the stretch (listed once, up front) and
    the facts of each heading (read once per section).
    """

    def __init__(self, ct: CleanText, sections: Sequence[Any] | None) -> None:
        if sections is None:
            from djnlp.outline import parse_outline

            sections = parse_outline(ct)
        flat: list[tuple[str | None, Any]]           # (document title, section)
        docs: list[tuple[str | None, int, int]]      # (title, start, end) of each document
        if sections and all(hasattr(item, "sections") for item in sections):
            flat = [(d.title, s) for d in sections for s in d.sections]
            docs = [(d.title, d.start, d.end) for d in sections]
        else:
            flat = [(None, s) for s in sections]
            docs = []
        self.headings = tuple((ct.from_original(s.heading_start), ct.from_original(s.heading_end))
                              for _, s in flat if s.heading_end > s.heading_start)
        bounds = sorted({b for _, s in flat for b in (s.start, s.end)} | {b for _, s, e in docs for b in (s, e)})
        # stretch k holds the offsets in [bounds[k-1], bounds[k]): a section covers stretches a+1…b
        # where bounds[a], bounds[b] are its start and end
        members: list[list[Any]] = [[] for _ in range(len(bounds) + 1)]
        for _, s in flat:
            for k in range(bisect_left(bounds, s.start) + 1, bisect_left(bounds, s.end) + 1):
                members[k].append(s)
        self._docs = docs
        self._bounds = bounds
        self._members = members
        self._known: dict[int, _Place] = {}           # by stretch
        self._facts: dict[int, _Facts] = {}           # by id() of a section of flat

    def _section_facts(self, s: Any) -> _Facts:
        """(heading dict, whether the heading is descriptive, the unit it makes responsible, theme)."""
        if id(s) not in self._facts:
            lex = lexicon()
            m = lex.responsibility_heading.match(s.heading)
            name = m.group("actor") if m else None
            self._facts[id(s)] = ({"id": s.id, "heading": s.heading, "marker": s.marker},
                                  bool(lex.descriptive_headings.search(s.heading)),
                                  name if name and _names_unit(name) else None, getattr(s, "theme", None))
        return self._facts[id(s)]

    def place(self, offset: int) -> _Place:
        """The :class:`_Place` of an original offset."""
        stretch = bisect_right(self._bounds, offset)
        known = self._known.get(stretch)
        if known is None:
            title = next((t for t, s, e in self._docs if s <= offset < e), None)
            path = [self._section_facts(s) for s in sorted(self._members[stretch], key=lambda s: s.level)]
            known = self._known[stretch] = _Place(
                title, tuple(d for d, _, _, _ in path), any(desc for _, desc, _, _ in path),
                next((n for _, _, n, _ in path[::-1] if n), None),     # the innermost
                next((t for _, _, _, t in path[::-1] if t), None))
        return known


class _ClauseIndex:
    """Which clause holds a span: the clauses are ordered and disjoint, so one bisection.

    Facts about clauses that one pass over the whole text answers — which clauses hold a time,
    a colon, a question mark, a quote mark — are found once (a bisection per time or mark, not
    a test per clause) and then looked up by clause index.
    """

    def __init__(self, clauses: Sequence[Clause]) -> None:
        self._clauses = clauses
        self._starts = [c.start for c in clauses]

    def of(self, start: int, end: int) -> int | None:
        """Index of the clause that holds ``[start, end)``, if any."""
        k = bisect_right(self._starts, start) - 1
        if k < 0:
            return None
        clause = self._clauses[k]
        return k if start < clause.end and end <= clause.end else None

    def group(self, times: Sequence[TimeExpression]) -> dict[int, list[TimeExpression]]:
        """The ``times`` inside each clause (by index), in the order given."""
        grouped: dict[int, list[TimeExpression]] = {}
        for t in times:
            k = self.of(t.start, t.end)
            if k is not None:
                grouped.setdefault(k, []).append(t)
        return grouped

    def holding(self, chars: str, text: str) -> set[int]:
        """Indices of the clauses that hold one of ``chars`` (rare characters) in ``text``."""
        found = set()
        for char in chars:
            at = text.find(char)
            while at >= 0:
                k = self.of(at, at + 1)
                if k is not None:
                    found.add(k)
                at = text.find(char, at + 1)
        return found


@dataclass
class _Addressees:
    """Who was addressed so far: per sentence, per list item (scope), per paragraph lead."""

    sentence: dict[int, tuple[str, ...]] = field(default_factory=dict)
    scope: dict[int, tuple[str, ...]] = field(default_factory=dict)
    paragraph: dict[int, tuple[str, ...]] = field(default_factory=dict)
    listed: set[int] = field(default_factory=set)      # paragraphs whose list items have begun

    def note(self, clause: Clause, actors: tuple[str, ...], kind: str | None) -> None:
        """Record the actors a clause names (orders record more than plans do)."""
        if not actors:
            return
        self.sentence[clause.sentence] = actors
        if kind in _INHERITING:
            self.scope[clause.scope] = actors
            if clause.paragraph not in self.listed or clause.lead_in:
                self.paragraph[clause.paragraph] = actors

    def inherit(self, clause: Clause, kind: str) -> tuple[str, ...]:
        """Actors for a clause that names none: its sentence's, else (for orders, not for plans,
        encouragements and bans that open with 严禁/不得) its list item's or its paragraph lead's."""
        actors = self.sentence.get(clause.sentence, ())
        if not actors and kind in _INHERITING:
            actors = self.scope.get(clause.scope) or self.paragraph.get(clause.paragraph, ())
        return actors


def extract_tasks(
    text_or_ct: str | CleanText,
    *,
    base: date | datetime | str | None = None,
    sections: Sequence[Any] | None = None,
    sentences: Sequence[tuple[int, int]] | None = None,
    find_date: bool = True,
) -> list[Task]:
    """Directives in a text, in order.

    ``base`` resolves relative times (5月中旬, 年内); without it the date line found in the text
    is used (the text is read as one document) — or, with ``find_date=False``, none: relative
    times stay unresolved (analyze passes each document's own date, and False when a document
    has none, so an undated speech never borrows the date of the next one).  ``sections`` (outline Sections, or Documents — which also give the document
    title) give each task its heading path — and its theme, the deepest themed section's, when
    they carry themes (as analyze's do); by default the outline is parsed here.
    ``sentences`` are the spans of :func:`djnlp.sentences.split_sentences` over the cleaned
    text when the caller has them already (analyze does).
    """
    ct = _as_clean(text_or_ct)
    text = ct.text
    base_date = _to_date(base) or (find_document_date(text) if find_date else None)
    times = sorted(extract_times(text, base=base_date), key=lambda t: t.start)
    time_spans = tuple((t.start, t.end) for t in times)
    outline = _SectionIndex(ct, sections)
    clauses = split_clauses(text, time_spans=time_spans, heading_spans=outline.headings, sentences=sentences)
    retro = retrospective_paragraphs(text, clauses)
    lex = lexicon()
    index = _ClauseIndex(clauses)
    times_of = index.group(times)
    colons = index.holding("：:", text)            # without a colon: no field note, no finding label
    questions = index.holding("？?", text)
    quoting = index.holding(OPENING_MARKS, text)     # without a quote mark: nothing to mask

    tasks: list[Task] = []
    explicit: list[bool] = []            # per task: actors named in its own clause
    paragraph_of: list[int] = []
    field_paragraphs: set[int] = set()   # paragraphs that are field notes (牵头单位：…)
    stated: set[int] = set()             # paragraphs holding a finding (问题1：…): a row of their own
    measures = -1                        # the paragraph whose measures (整改措施：…) are being read
    seen = _Addressees()

    for i, clause in enumerate(clauses):
        raw = text[clause.start : clause.end]
        masked = mask_quotes(raw) if i in quoting else raw
        local_times: tuple[tuple[int, int], ...] = ()
        clause_times: list[TimeExpression] = []
        inside = times_of.get(i)
        if inside:                           # (most clauses hold no time)
            local_times = tuple((t.start - clause.start, t.end - clause.start) for t in inside)
            clause_times = [t for t in inside if masked[t.start - clause.start] != MASK
                            and not in_statement(masked, t.start - clause.start)]
        if lex.enumerator.match(raw):
            seen.listed.add(clause.paragraph)
        if i in colons and lex.statement_label.match(raw):      # 问题1：… — a finding in a 整改 row
            stated.add(clause.paragraph)
            measures = -1
            continue
        label = lex.measure_label.match(raw) if i in colons else None
        if label:                                                # 整改措施：… — a list of orders
            measures = clause.paragraph
        if i in colons and is_field_note(raw):
            measures = -1                                        # 责任单位：… ends the measures
            field_paragraphs.add(clause.paragraph)
            target = _field_target(paragraph_of, field_paragraphs - stated, clause.paragraph)
            _apply_fields(tasks, explicit, paragraph_of, target, raw, clause_times, base_date, ct)
            continue
        closing = clause.title or clause.lead_in or i in questions
        # the title of a point (第一，书记要亲自抓。): no task, no actor — but a short numbered
        # item of a notice that puts a subject before its cue (1. 党员应当按月交纳党费。) orders
        if clause.run_in and not closing and not _NUMBERED.match(raw):
            continue
        cues = find_cues(masked, local_times)
        kind = modality_of(cues)
        decisive = (None if not cues else cues[0] if cues[0].kind == kind      # (the first cue, nearly always)
                    else next((c for c in cues if c.kind == kind), None))
        if clause.run_in and not closing and not _names_subject(masked, decisive, local_times):
            continue
        # a clause without a cue needs its actors only to be a task or to lend them to the next
        # clause of its sentence — unless it may assign a lead or support (由…牵头), which decides
        assigning = may_assign(raw)
        found = (find_actors(raw, decisive.start if decisive else None, decisive.word if decisive else None, local_times,
                             assigning=assigning)
                 if decisive or closing or assigning else None)
        deadline, recurrence = pick_deadline(clause_times, base_date, text) if clause_times else (None, None)
        if closing:
            assert found is not None                 # (a closing clause always asks for its actors)
            seen.note(clause, found.actors, kind if clause.lead_in else None)
            continue
        if clause.heading and not ((kind and found is not None and (found.actors or _names_subject(masked, decisive, local_times)))
                                   or (deadline and deadline.kind != "vague")):
            continue
        action_at = None
        if decisive and kind in ("plan", "encouragement"):
            comma = last_of(masked, "，,", decisive.start) + 1
            opening = implicit_start(masked[:comma], local_times)
            if opening is not None:          # 联合团县委举办训练营，力争覆盖…: an order after all
                kind, decisive, action_at = "obligation", None, opening
                found = find_actors(raw, opening, None, local_times, assigning=assigning)   # not the object of 鼓励…
        if decisive:
            assert found is not None and kind is not None
            action_at = action_start(decisive, cues, found)
            speaker = "我们" in masked[max(0, decisive.start - 6) : decisive.start]
            if is_exhortation(masked, action_at, speaker=speaker):
                # 务必高度重视，…，不得弄虚作假: a later cue that opens a directive decides
                later = next((c for c in cues if c.start > action_at and c.word in lex.restart_cues
                              and not is_exhortation(masked, c.end, speaker=speaker)), None)
                if later is None:
                    seen.note(clause, found.actors, kind)
                    continue
                decisive, kind = later, later.kind
                found = find_actors(raw, decisive.start, decisive.word, local_times, assigning=assigning)
                action_at = action_start(decisive, cues, found)
        else:
            assigned = found is not None and bool(found.lead or found.support)   # 由…负责 / …牵头: a directive
            # a review, a statement, a report or a description is no order: then where its
            # action would start does not matter (the section, which costs most, is asked last)
            measure = clause.paragraph == measures
            told = not (assigned or measure) and (clause.paragraph in retro or is_statement(masked)
                                                  or is_report(masked, clause_times, clause.start, base_date)
                                                  or outline.place(_task_span(ct, clause, raw)[0]).descriptive)
            if kind is None and not told:
                action_at = implicit_start(masked, local_times)
            if action_at is None and (assigned or measure):
                action_at = subject_start(masked, label.end() if label else 0, local_times)
            if action_at is None or told:
                if found is None and i + 1 < len(clauses) and clauses[i + 1].sentence == clause.sentence:
                    found = find_actors(raw, None, None, local_times, assigning=assigning)
                if found is not None:
                    seen.note(clause, found.actors, None)
                continue
            kind = "obligation"
            if found is None:
                found = find_actors(raw, None, None, local_times, assigning=assigning)
            if not found.actors:
                found = find_actors(raw, action_at, None, local_times, assigning=assigning)
        assert found is not None and kind is not None
        start, end = _task_span(ct, clause, raw)        # placed only once it is a task
        place = outline.place(start)
        action = action_phrase(raw, masked, action_at, local_times)
        cue_at = decisive.start if decisive else action_at
        subject_end = found.spans[0][1] if found.spans and found.spans[0][1] <= cue_at else None
        owned = subject_end is not None and possessed_thing(masked, subject_end, cue_at)   # 各村…开放时间不得…
        if subject_end is not None and not found.lead and (owned or patient_subject(action)):
            found = ActorResult((), found.lead, found.support, (), found.participants)   # …or 楼栋党小组…组建到位: no actor
        actors = found.actors
        # 须经X审核: X takes part only
        doers = tuple(a for a in actors if a not in found.participants) if found.participants else actors
        seen.note(clause, doers, kind)
        general_ban = kind == "prohibition" and cues[0].kind == "prohibition"   # 严禁…: for everyone
        inherited: tuple[str, ...] = ()
        if not doers and not masked.lstrip("，, ").startswith(_SPEAKER) and not owned:
            # a thing as subject (材料…须…) inherits nothing: asked only when there is an heir
            heirs = seen.inherit(clause, "plan" if general_ban else kind)
            if heirs and not thing_subject(masked, cue_at, local_times):
                inherited = heirs
            elif not heirs and place.owner and kind in _INHERITING:
                inherited = (place.owner,)       # an item of a 责任清单 section: its bearer, whatever the subject
            if inherited:
                actors = tuple(dict.fromkeys(inherited + actors))
        tasks.append(Task(
            text=ct.original[start:end],
            start=start,
            end=end,
            actors=actors,
            action=action,
            modality=kind,
            deadline=to_original(ct, deadline) if deadline else None,
            lead=found.lead,
            support=found.support,
            actors_inherited=bool(inherited),
            recurrence=to_original(ct, recurrence) if recurrence else None,
            section=tuple(map(dict.copy, place.path)),
            document=place.title,
            theme=place.theme,
            cue=decisive.word if decisive else None,
        ))
        explicit.append(bool(found.actors))
        paragraph_of.append(clause.paragraph)
    return tasks


def _names_unit(words: str) -> bool:
    """Do ``words`` look like a unit or a post (党组（党委）, 书记, 班子成员), not a phrase
    (要强化)?  They end in an actor head and open with no cue word or verb."""
    lex = lexicon()
    return (lex.actor_end.fullmatch(words[-1]) is not None and not words.startswith(lex.cue_words)
            and not lex.action_verbs.match(words))


def _task_span(ct: CleanText, clause: Clause, raw: str) -> tuple[int, int]:
    """Original offsets of the task a clause states: the item, not its number (3. …)."""
    numbered = _ITEM_NUMBER.match(raw)
    return ct.to_original(clause.start + (numbered.end() if numbered else 0), clause.end)


_ITEM_NUMBER: Final = re.compile(r"\s*(?:\d{1,3}[.．、](?!\d)|[（(](?:\d{1,3}|[一二三四五六七八九十]{1,3})[）)]|[一二三四五六七八九十]{1,3}、"
                                 r"|[①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳])\s*")
_NUMBERED: Final = re.compile(r"\s*\d{1,3}[.．、](?!\d)")     # 1. / 2、: an item of a notice or a plan
_SUBJECT: Final = re.compile(r"[\u4e00-\u9fff（）()“”]{2,12}")


def _names_subject(masked: str, cue: CueHit | None, time_spans: tuple[tuple[int, int], ...]) -> bool:
    """Does an item's first sentence put a subject before its cue (3. 发展对象须参加集中培训，…)?
    Then it is a numbered directive, not the title of a point (（一）要提高政治站位)."""
    if cue is None:
        return False
    start = subject_start(masked, 0, time_spans)
    return cue.start > start and _SUBJECT.fullmatch(masked, start, cue.start) is not None


def _field_target(paragraph_of: Sequence[int], field_paragraphs: set[int], paragraph: int) -> int | None:
    """The paragraph whose tasks a field note in ``paragraph`` applies to: its own, else the
    last paragraph with tasks when only field-note lines stand between them."""
    if paragraph in paragraph_of:
        return paragraph
    previous = max((p for p in paragraph_of if p < paragraph), default=None)
    if previous is None or any(p not in field_paragraphs for p in range(previous + 1, paragraph + 1)):
        return None
    return previous


def _apply_fields(tasks: list[Task], explicit: list[bool], paragraph_of: list[int], paragraph: int | None, raw: str,
                  times: Sequence[TimeExpression], base: date | None, ct: CleanText) -> None:
    """A field note (牵头单位：…；配合单位：…；完成时限：…) applies to the tasks of ``paragraph``:
    its lead and support are added to each (a task that names no actor of its own takes the
    note's units as its actors); its 完成时限 is a deadline ("by" the end of the time given)
    for tasks without one."""
    if paragraph is None:
        return
    named = fields(raw)
    lead, support = tuple(named.get("lead", ())), tuple(named.get("support", ()))
    units = tuple(dict.fromkeys(lead + tuple(named.get("actors", ())) + support))
    deadline, _ = pick_deadline(times, base, ct.text)
    deadline = as_limit(deadline) if deadline is not None else None
    for i, task in enumerate(tasks):
        if paragraph_of[i] != paragraph:
            continue
        if units:
            own = task.actors if explicit[i] else ()
            task = replace(
                task,
                actors=tuple(dict.fromkeys(own + units)),
                lead=tuple(dict.fromkeys(task.lead + lead)),
                support=tuple(dict.fromkeys(task.support + support)),
                actors_inherited=False,
            )
            explicit[i] = True
        if deadline is not None and task.deadline is None:
            task = replace(task, deadline=to_original(ct, deadline))
        tasks[i] = task
