"""Responsible units and people of a directive: who must do it, who leads, who supports.

An actor is a noun phrase that ends with a unit or person head noun
(``djnlp/data/tasks/actor_heads.txt``: 组织部, 党组织, 县市区, 部门, 同志…) and stands where a
subject stands: at the start of a clause, right after 请/要求/希望, before 牵头/配合, or in a
labelled field (牵头单位：…).

>>> find_actors("市国资、交通、建设等部门要对所属企业逐个加强指导").actors
('市国资、交通、建设等部门',)
>>> r = find_actors("由市委组织部牵头，市财政局、市民政局配合，年底前完成")
>>> r.lead, r.support
(('市委组织部',), ('市财政局', '市民政局'))
"""
from __future__ import annotations

import functools
import re
from typing import Final

from djnlp.tasks.fields import fields as labelled_fields
from djnlp.tasks.lexicon import lexicon
from djnlp.tasks.modality import PERFECTIVE, STATEMENT, first_of, last_of, skip_adverbs

MAX_ACTOR: Final = 26
_MAX_SKIPS: Final = 8
# characters that never occur inside the name of a unit in subject position (学员所在单位 and
# 企业负责人中的党员 may hold 在 and 的); one class first, so that re's search skips to a candidate
_NAME_BREAK: Final = re.compile(r'[在的对把是将于从按向为就由，。；：！？,.;:!?《》"\n ](?<!所在)(?<!中的)')
_CONJ: Final = re.compile(r"和|以及|及|与|、")
_CHUNK_END: Final = re.compile(r"[，,。；;]")
_CHUNK_START: Final = re.compile(r"[，,：:]")
_BY: Final = re.compile(r"(?:^|[，,：:])由")
_COUNTED: Final = re.compile(r"[0-9０-９]|[一二三四五六七八九十两][个名项]")
_SUBJECT_BLOCKERS: Final = ("但", "只要", "如果", "即使", "虽然", "因为", "允许", "一定", "经", "在", "对", "把", "按", "根据", "围绕", "通过", "为", "以", "从", "针对", "结合", "随着", "由于", "只有")


class ActorResult:
    """Actors named in a clause; ``lead``/``support`` where 牵头/配合 says so; ``spans`` where
    the named actors stand; ``participants`` the support named by 须经… (they check, someone
    else does).

    An immutable record with ``Final`` attributes, a plain class with slots for the reason
    :class:`~djnlp.tasks.modality.CueHit` is one (built for every clause that asks for actors).
    """

    __slots__ = ("actors", "lead", "support", "spans", "participants")

    def __init__(self, actors: tuple[str, ...] = (), lead: tuple[str, ...] = (), support: tuple[str, ...] = (),
                 spans: tuple[tuple[int, int], ...] = (), participants: tuple[str, ...] = ()) -> None:
        self.actors: Final = actors
        self.lead: Final = lead
        self.support: Final = support
        self.spans: Final = spans
        self.participants: Final = participants

    def __repr__(self) -> str:
        return (f"ActorResult(actors={self.actors!r}, lead={self.lead!r}, support={self.support!r}, "
                f"spans={self.spans!r}, participants={self.participants!r})")


_NO_ACTORS: Final = ActorResult()

def _follows_ok(text: str, end: int, time_spans: tuple[tuple[int, int], ...]) -> bool:
    lex = lexicon()
    if end >= len(text) or text[end] in "，、：,:；;（(":
        return True
    if any(s == end for s, _ in time_spans):
        return True
    return bool(
        lex.actor_followers.match(text, end)
        or lex.action_verbs.match(text, end) and not lex.verb_noun_compounds.match(text, end)   # …党组织覆盖率
        or lex.adverbs.match(text, end)
        or lex.role_pattern.match(text, end)            # 牵头, 配合; not 负责人
        or text[end : end + 1] in lex.modality or text[end : end + 2] in lex.modality
        or text[end : end + 3] in lex.modality
    )


def actor_at(
    text: str, pos: int, time_spans: tuple[tuple[int, int], ...] = (), stop: int | None = None
) -> tuple[int, int] | None:
    """Span of the longest actor name starting at ``pos``, or None.

    >>> t = "各县市区也要抓紧制定计划"
    >>> actor_at(t, 0)
    (0, 4)
    """
    lex = lexicon()
    bound = min(len(text) if stop is None else min(stop, len(text)), pos + MAX_ACTOR)
    if text.startswith(_SUBJECT_BLOCKERS, pos) or not lex.actor_end.search(text, pos + 1, bound):
        return None                  # (no character that may end a head: no name, a cheap test)
    if lex.adverbs.match(text, pos):
        return None
    verb = lex.action_verbs.match(text, pos)
    if verb and len(verb) > 1 and verb not in lex.actor_verb_prefixes:
        return None
    qualifier = lex.actor_qualifiers.match(text, pos) or ""        # 有条件的企业
    limit = pos + len(qualifier)
    if limit < bound:
        brk = _NAME_BREAK.search(text, limit, bound)
        limit = brk.start() if brk else bound
    ends = [m.end() for m in lex.actor_end.finditer(text, pos + 1, limit)]   # a head or ）may end there
    for end in reversed(ends):
        head = lex.actor_heads.match_end(text, end)
        if not head and text[end - 1] in "）)":     # 各党委（党组）, 各乡镇（街道）党（工）委
            opening = max(text.rfind("（", pos, end), text.rfind("(", pos, end))
            head = lex.actor_heads.match_end(text, opening) if opening > pos else None
        if not head:
            continue
        name = text[pos:end]
        if len(name) < 2 or name in lex.actor_stopwords or (len(head) == 1 and len(name) < 3 and name[0] != "各"):
            continue
        if name.count("“") != name.count("”") or name.count("（") != name.count("）") or name.count("(") != name.count(")"):
            continue
        # (what follows rules out more names than their shape does, and is cheaper to ask)
        if _follows_ok(text, end, time_spans) and not lex.role_pattern.search(name) \
                and _name_shape_ok(name[len(qualifier):]):
            return pos, end
    return None


def _name_shape_ok(name: str) -> bool:
    """A unit name holds no action verb (…开展…), and one opening with a verb that may name a
    unit (组织部, 宣传部) is not a verb phrase over a collective (组织全县各级党组织)."""
    lex = lexicon()
    if lex.exhortation.match(name) or _COUNTED.search(name):
        return False
    if lex.actor_false_heads.match_end(name, len(name)):
        return False
    if name.startswith(lex.long_cues):
        return False
    for m in lex.action_verbs.starts.finditer(name):
        i, verb = m.start(), m.group(1)
        head = lex.actor_heads.match(name, i) or ""
        if len(verb) > 1 and verb not in lex.actor_verb_prefixes and len(head) <= len(verb):
            return False
        if i == 0 and verb in lex.actor_verb_prefixes and any(c in name[len(verb):] for c in "全各"):
            return False
    return True


def split_actor(name: str) -> list[str]:
    """Split a coordinated actor phrase where every part is itself a unit.

    >>> split_actor("各级党组织和领导干部")
    ['各级党组织', '领导干部']
    >>> split_actor("市国资、交通、建设等部门")
    ['市国资、交通、建设等部门']
    >>> split_actor("各乡镇党委、县直各部门党组（党委）")
    ['各乡镇党委', '县直各部门党组（党委）']
    """
    lex = lexicon()
    parts = [p for p in _CONJ.split(name) if p]
    if name.endswith("同志"):       # 市委常委、组织部长某某同志: titles of one person
        return [name]
    if "（" in name or "(" in name:
        parts = _split_outside_parens(name)
    if len(parts) > 1 and all(len(p) >= 2 and _ends_with_head(p) for p in parts):
        return parts
    return [name]


def _split_outside_parens(name: str) -> list[str]:
    """Split at 和/及/与/、 outside parentheses (各县（市、区）委组织部 stays whole)."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(name):
        depth = max(0, depth + (ch in "（(") - (ch in "）)"))
        if depth == 0 and i > start and (conj := _CONJ.match(name, i)):
            parts.append(name[start:i])
            start = i + len(conj.group(0))
    parts.append(name[start:])
    return [p for p in parts if p]


def _ends_with_head(part: str) -> bool:
    """Does ``part`` end with a unit head, before any trailing (…) — 党组（党委）?"""
    lex = lexicon()
    if part.endswith(("）", ")")):
        opening = max(part.rfind("（"), part.rfind("("))
        if opening > 0 and lex.actor_heads.match_end(part, opening):
            return True
    return bool(lex.actor_heads.match_end(part, len(part)))


def _role_actors(
    text: str, time_spans: tuple[tuple[int, int], ...], participants: list[str]
) -> tuple[list[str], list[str], bool]:
    """Lead and support actors from role words; the flag is True when a 由… phrase assigns them
    (then the clause subject is the work, not a unit: 组建工作由街道党建办牵头).  Units after
    须经… go to support and to ``participants``."""
    lex = lexicon()
    lead: list[str] = []
    support: list[str] = []
    assigned = False
    for m in lex.role_pattern.finditer(text):
        role = lex.roles[m.group(0)]
        chunk_start = last_of(text, "，；。,;：:", m.start()) + 1
        by = text.rfind("由", chunk_start, m.start())       # 工作由街道党建办牵头
        start = by + 1 if by >= 0 else subject_start(text, chunk_start, time_spans)
        span = actor_at(text, start, time_spans, stop=m.start())
        gap = text[span[1] : m.start()] if span else ""
        if not span or (gap and not (len(gap) <= 4 and _only_cues(gap))):
            continue
        if by >= 0:
            assigned = True
        (support if role == "support" else lead).extend(split_actor(text[span[0] : span[1]]))
        if role == "with":
            partner = actor_at(text, m.end(), time_spans)
            if partner:
                support.extend(split_actor(text[partner[0] : partner[1]]))
    for m in lex.participant_markers.pattern.finditer(text):     # 须经市委社会工作部审核把关
        span = _participant_at(text, m.end(), time_spans)
        if span:
            participants.extend(split_actor(text[span[0] : span[1]]))
            support.extend(a for a in participants if a not in support)
    for m in _BY.finditer(text):               # 由各党小组长上门送学
        span = actor_at(text, m.end(), time_spans)
        if span and span[1] < len(text):
            after = skip_adverbs(text, span[1])
            name = text[span[0] : span[1]]
            if lex.action_verbs.match(text, after) and name not in lead and name not in support:
                lead.extend(split_actor(name))
                assigned = True
    return lead, support, assigned


def _participant_at(text: str, pos: int, time_spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    """The longest unit name at ``pos`` that a verb follows: 须经[镇党委组织委员]初审,
    须经[所在党组织书记]签字同意后报…"""
    lex = lexicon()
    end = pos
    while end < len(text) and end - pos < MAX_ACTOR and text[end] not in "，,。；;":
        end += 1
    for stop in range(end, pos + 1, -1):
        if lex.action_verbs.match(text, skip_adverbs(text, stop)):
            span = actor_at(text, pos, time_spans, stop=stop)
            if span and span[1] == stop:
                return span
    return None


def possessed_thing(text: str, actor_end: int, cue_at: int) -> bool:
    """True if what stands between a unit and the cue ends in a thing (各村党群服务中心每周开放时间
    不得少于…, 物业服务企业党组织覆盖率须…): the unit is a possessor, not the subject."""
    lex = lexicon()
    between = text[actor_end:cue_at].rstrip()
    while between and (adverb := lex.adverbs.match_end(between, len(between))):
        between = between[: -len(adverb)]
    return bool(between) and bool(lex.thing_heads.match_end(between, len(between)))


def _copula_topic(text: str, chunk: int, nxt: int, time_spans: tuple[tuple[int, int], ...]) -> tuple[int, int] | None:
    """The unit of a chunk 'UNIT是…' (各县（市、区）委书记是第一责任人，要…): the topic the next
    chunk's cue is said of."""
    at = subject_start(text, chunk, time_spans)
    copula = text.find("是", at, nxt)
    if copula < 0 or PERFECTIVE.search(text, chunk, nxt):
        return None
    span = actor_at(text[:copula], at, time_spans)
    return span if span and span[1] == copula else None


def _only_cues(gap: str) -> bool:
    """True if ``gap`` is made of modal words and adverbs only (市委组织部将会同…)."""
    lex = lexicon()
    pos = 0
    while pos < len(gap):
        word = next((gap[pos : pos + k] for k in (3, 2, 1) if gap[pos : pos + k] in lex.modality), None)
        word = word or lex.adverbs.match(gap, pos)
        if not word:
            return False
        pos += len(word)
    return True


def subject_start(text: str, pos: int, time_spans: tuple[tuple[int, int], ...] = ()) -> int:
    """Skip list markers, connectives, times and commas at ``pos``: where a subject would begin
    (at most a few of them: a subject is near)."""
    opener = lexicon().opener
    size = len(text)
    for _ in range(_MAX_SKIPS):
        if pos >= size:
            break
        skip = opener.match(text, pos)        # a list marker or a connective
        if skip:
            pos = skip.end()
            continue
        for s, e in time_spans:
            if s == pos:                      # a time
                pos = e
                break
        else:
            if text[pos] not in "，, 　":
                return pos
            pos += 1
    return pos


def may_assign(text: str) -> bool:
    """False when :func:`find_actors` on ``text`` can name no lead and no support: it holds no
    role word (牵头, 配合), no 须经…, no 由 and no field label — a cheap test to skip the search."""
    return _assigning().search(text) is not None


@functools.lru_cache(maxsize=1)
def _assigning() -> re.Pattern[str]:
    """由, a role word (牵头, 配合…), a participant marker (须经…) or a field label with its colon
    (牵头单位：): one scan.  Every branch opens with a literal, so re tests first characters."""
    lex = lexicon()
    labels = (re.escape(label) + r"\s*[：:]" for label in lex.field_labels)
    return re.compile("|".join(("由", lex.role_pattern.pattern, lex.participant_markers.alternation, *labels)))


def find_actors(
    text: str,
    cue_start: int | None = None,
    cue_word: str | None = None,
    time_spans: tuple[tuple[int, int], ...] = (),
    *,
    assigning: bool | None = None,
) -> ActorResult:
    """Actors of one clause; ``cue_start``/``cue_word`` locate its modality cue, if any.
    ``assigning`` is :func:`may_assign` of ``text`` when the caller knows it already."""
    lex = lexicon()
    participants: list[str] = []
    if may_assign(text) if assigning is None else assigning:
        fields = labelled_fields(text)
        lead, support, assigned = _role_actors(text, time_spans, participants)
        lead += [a for a in fields.get("lead", []) if a not in lead]
        support += [a for a in fields.get("support", []) if a not in support]
    else:                                   # most clauses: no role word, no 由, no field
        fields, lead, support, assigned = {}, [], [], False
    named: list[str] = []
    spans: list[tuple[int, int]] = []
    if cue_word in lex.object_cues and cue_start is not None:
        at = subject_start(text, cue_start + len(cue_word), time_spans)
        chunk_end = first_of(text, "，,。；;", at)
        if chunk_end < 0:
            chunk_end = len(text)
        if lex.addressees.pattern.search(text, at, chunk_end):
            return ActorResult((), tuple(lead), tuple(support), ())   # 希望全市组织系统的同志们…: the audience
        span = actor_at(text, at, time_spans)
        if span:
            spans.append(span)
    limit = cue_start if cue_start is not None else len(text)
    # every name ends with a head word (组织部, 党委…): with none before the cue (most clauses)
    # no chunk can open with a name, and the search below is skipped
    if not spans and not assigned and lex.actor_heads.pattern.search(text, 0, limit):
        chunk_starts = [0]
        topics = 0
        if cue_start is not None:
            chunk_starts += [m.end() for m in _CHUNK_START.finditer(text, 0, limit)]
        last = len(chunk_starts) - 1
        for i in range(last, -1, -1):
            chunk = chunk_starts[i]
            nxt = chunk_starts[i + 1] if i < last else limit
            if i < last and STATEMENT.search(text[chunk:nxt]):
                topic = _copula_topic(text, chunk, nxt, time_spans)
                if topic and len(spans) == topics:
                    spans.append(topic)          # 镇党委书记是第一责任人，联村领导是直接责任人，要…
                    topics += 1
                    continue
                break         # a chunk that states something (…提出了…, …是…) has its own subject
            span = actor_at(text, subject_start(text, chunk, time_spans), time_spans, stop=limit)
            if span:
                spans.append(span)
                break
    if not (spans or fields or lead or support):
        return _NO_ACTORS
    for s, e in spans:
        named.extend(split_actor(text[s:e]))
    if fields:
        named += [a for a in fields.get("actors", []) if a not in named]
    actors = list(dict.fromkeys(lead + named + support))
    return ActorResult(tuple(actors), tuple(lead), tuple(support), tuple(spans), tuple(participants))


def has_actor_start(text: str, pos: int, time_spans: tuple[tuple[int, int], ...] = ()) -> bool:
    """True if a clause chunk at ``pos`` opens with an actor followed (after adverbs) by a cue."""
    lex = lexicon()
    at = subject_start(text, pos, time_spans)
    last = min(len(text), at + MAX_ACTOR)
    punct = _CHUNK_END.search(text, at + 1, last)
    upper = punct.start() if punct else last       # a name never runs over the end of its chunk
    # the cue after a name starts within the chunk (adverbs hold no punctuation): without a cue
    # word there, no name need be looked for (most chunks: a cheap test first)
    cue = lex.cue_index.starts.search(text, at + 2)
    if cue is None or punct and cue.start() > upper:
        return False
    stops = []                                     # where a cue or an adverb may follow the name
    for m in lex.actor_stop.finditer(text, at + 2):
        if m.start() > upper:
            break
        stops.append(m.start())
    if upper == len(text):
        stops.append(upper)
    for stop in stops:
        span = actor_at(text, at, time_spans, stop=stop)
        if span and span[1] == stop:
            after = skip_adverbs(text, stop)
            if text.startswith(lex.cue_words, after):
                return True
    return False


def thing_subject(text: str, cue_at: int, time_spans: tuple[tuple[int, int], ...] = ()) -> bool:
    """True if the subject before ``cue_at`` is a thing, not a unit — 材料中涉及的数据须…,
    …比例不得低于10%, 确需报送的数据，一律通过… — so the clause names no actor and inherits
    none.  Conditions (人员变动的须…), frames (对…, 在…) and verb phrases are no subjects.

    >>> thing_subject("材料中涉及的数据须与党内统计数据一致", 8)
    True
    >>> thing_subject("各社区须与党内统计数据一致", 3)
    False
    """
    chunk = last_of(text, "，,：:", cue_at) + 1
    subject = subject_start(text, chunk, time_spans)
    if _is_thing(text, subject, cue_at, time_spans):
        return True
    if chunk == 0:
        return False
    first = subject_start(text, 0, time_spans)
    comma = first_of(text, "，,", first)
    if comma < 0:
        comma = len(text)
    if comma >= cue_at or skip_adverbs(text, subject) < cue_at:
        return False
    topic = text[first:comma]                         # 确需报送的数据，一律…
    return "的" in topic and not topic.endswith("的") and _is_thing(text, first, comma, time_spans)


def _is_thing(text: str, at: int, stop: int, time_spans: tuple[tuple[int, int], ...]) -> bool:
    """Is the noun phrase at ``at`` (up to adverbs, times or ``stop``) a thing rather than a unit?"""
    lex = lexicon()
    end = at
    while end < stop and not lex.adverbs.match(text, end) and not any(s == end for s, _ in time_spans) \
            and text[end] not in "在于将":
        end += 1
    phrase = text[at:end]
    if len(phrase) < 2 or phrase.endswith("的") or text.startswith(_SUBJECT_BLOCKERS, at):
        return False
    if lex.thing_heads.match_end(phrase, len(phrase)) and actor_at(text, at, time_spans, stop=end) is None:
        return True                                  # 组建方案须经…, 抽查比例不得…
    if lex.frame_openers.match(text, at) or lex.action_verbs.match(text, at) or lex.connectives.match(text, at):
        return False
    if lex.addressees.match(text, at) or phrase.startswith(("我", "大家", "各")):
        return False
    return actor_at(text, at, time_spans, stop=end) is None and not lex.actor_heads.match_end(phrase, len(phrase))


def patient_subject(action: str) -> bool:
    """True if ``action`` (the action phrase) makes its subject: 组建到位, 全部配齐.

    >>> patient_subject("组建到位")
    True
    """
    return any(p.fullmatch(action) for p in lexicon().patient_predicates)
