"""Modality of a clause: does it oblige, forbid, plan or encourage — or only exhort?

Cue words live in ``djnlp/data/tasks/modality.tsv``; words that merely contain a cue
(重要, 要求 as a noun, 相应…) in ``modality_exclusions.txt``.  Text inside quotes and
book-title marks is masked first, so 《关于…必须…》 never counts.

>>> [c.word for c in find_cues(mask_quotes("各地要在年内完成，严禁增加村级债务"))]
['要', '严禁']
>>> modality_of(find_cues("又要严禁增加农民负担"))
'prohibition'
>>> modality_of(find_cues("市委组织部计划在5月中旬举办培训班"))
'plan'
"""
from __future__ import annotations

import re
from typing import Final

from djnlp.tasks.lexicon import lexicon

MASK: Final = "＿"
# a chunk that states a fact: 了 of a completed action, or the copula 是 (not 一是 / 但是 / 就是要)
# (Each branch opens with its literal and looks behind only after it: a pattern that starts
# with a lookbehind makes re's search try a match at every position; one that starts with
# literals lets it skip to the next 了 or 是.)
PERFECTIVE: Final = re.compile(r"了(?<![为除]了)(?![解结])")                 # 确定了, 下发了 (not 为了, 了解)
STATEMENT: Final = re.compile(PERFECTIVE.pattern + r"|是(?<![一二三四五六七八九十但]是)(?!要)")
_QUOTES: Final = re.compile(r"“[^”\n]{0,80}”|《[^》\n]{0,80}》|「[^」\n]{0,80}」|\"[^\"\n]{0,80}\"|〈[^〉\n]{0,60}〉")
OPENING_MARKS: Final = '“《「"〈'          # a text without one of these has nothing to mask
_OPENING_MARK: Final = re.compile(f"[{OPENING_MARKS}]")
_PREPOSITIONS: Final = ("在", "于", "对", "从", "按", "把", "向", "到", "以", "由", "为", "就", "同", "与", "结合", "围绕", "通过")
_BA_JIANG: Final = re.compile(r"(?!把)[^，,。；;]{1,30}?(作为|列为|视为|当作|纳入)")
_PURPOSE: Final = re.compile(r"为了?(确保|保证|进一步|切实|深入|更好|推动|加强|贯彻)|为了")
TOPIC_MODIFIER: Final = re.compile(r"(?:确|如|凡|若|确实)?(?:需要|需|须)[^，,。；;的]{1,12}的[^，,。；;的]{1,4}")
_COMMA: Final = re.compile(r"[，,]")
_PUNCT: Final = set("，。；：！？、,;:!?\n")


class CueHit:
    """A modality cue found in a clause (offsets into the clause text).

    An immutable record: its attributes are ``Final`` (mypy rejects writing them; a compiled
    build refuses it at run time).  A plain class with slots, not a NamedTuple or a frozen
    dataclass: every clause is searched for cues, and compiled code builds and reads a native
    class directly, where a NamedTuple's ``__new__`` and a frozen dataclass's ``__init__`` stay
    interpreted.
    """

    __slots__ = ("word", "kind", "start", "end")

    def __init__(self, word: str, kind: str, start: int, end: int) -> None:
        self.word: Final = word
        self.kind: Final = kind
        self.start: Final = start
        self.end: Final = end

    def __repr__(self) -> str:
        return f"CueHit(word={self.word!r}, kind={self.kind!r}, start={self.start}, end={self.end})"


def mask_quotes(text: str) -> str:
    """Replace the inside of quotes and 《》 by a mask character; same length as ``text``."""
    if not _OPENING_MARK.search(text):       # most clauses quote nothing: no substitution pass
        return text
    return _QUOTES.sub(lambda m: m.group(0)[0] + MASK * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def first_of(text: str, chars: str, start: int) -> int:
    """Offset of the first of ``chars`` at or after ``start`` (-1 if none): one ``str.find``
    per character, each bounded by the best so far — cheaper than a regex search for a
    character class, and no list of candidates.

    >>> first_of("要高度重视,抓紧组建，…", "，,", 0)
    5
    """
    first = -1
    for char in chars:
        at = text.find(char, start, first if first >= 0 else len(text))
        if at >= 0:
            first = at
    return first


def last_of(text: str, chars: str, end: int) -> int:
    """Offset of the last of ``chars`` before ``end`` (-1 if none): one ``str.rfind`` per
    character, the start of the chunk that holds ``end`` being one past it.

    >>> last_of("按照要求，结合实际；要抓好", "，,；;", 11)
    9
    """
    last = -1
    for char in chars:
        at = text.rfind(char, last + 1, end)
        if at > last:
            last = at
    return last


def skip_adverbs(text: str, pos: int) -> int:
    """Position after any run of manner adverbs starting at ``pos``."""
    lex = lexicon()
    if text[pos : pos + 1] not in lex.adverbs.first:
        return pos
    run = lex.adverb_run.match(text, pos)
    return run.end() if run else pos


def _action_follows(text: str, pos: int, reach: int, time_spans: tuple[tuple[int, int], ...] = ()) -> bool:
    """True if an action verb (or a preposition opening an adverbial) follows ``pos`` — right after
    any adverbs, or (``reach`` > 0, for 请/要求) after an object of up to ``reach`` characters."""
    lex = lexicon()
    while True:                             # 计划全年选拔…, 将从今年起每年安排…
        at = skip_adverbs(text, pos)
        nxt = next((e for s, e in time_spans if s == at), pos)
        if nxt == pos:
            break
        pos = nxt
    limit = min(len(text), pos + reach)
    i = pos
    while i <= limit and i < len(text):
        if text[i] in _PUNCT:
            return False
        j = skip_adverbs(text, i)
        verb = lex.action_verbs.match(text, j) and not lex.exhortation.match(text, j)
        if (verb or text.startswith(_PREPOSITIONS, j) or _strong_cue_at(text, j)
                or lex.role_pattern.match(text, j)):
            return True
        i = max(j, i + 1) if j > i else i + 1
    return False


def _strong_cue_at(text: str, pos: int) -> bool:
    cue = lexicon().modality.get(text[pos : pos + 2]) or lexicon().modality.get(text[pos : pos + 1])
    return bool(cue and cue.strong)


def find_cues(masked: str, time_spans: tuple[tuple[int, int], ...] = ()) -> list[CueHit]:
    """Valid modality cues in ``masked`` (a clause with quotes masked), left to right.

    The words are read as one longest-first scan of every cue word and every exclusion would
    read them (重要 hides 要, 要求的 hides 要求), but the scan is only replayed where a cue word
    starts (:func:`_word_at`): exclusions that hide no cue never need to be found, and their
    first characters (的, 工, 重…) are among the commonest.  Cues inside a condition chunk
    (确因特殊情况不能参加的，…) do not count.  (No cache: the pieces and clauses of a new text
    rarely repeat.)
    """
    lex = lexicon()
    hits: list[CueHit] = []
    pos = 0                              # where the scan stands: no word it takes runs over it
    while True:
        found = lex.cue_index.pattern.search(masked, pos)        # the next place a cue word starts
        if found is None:
            return hits
        m = _word_at(masked, pos, found.start())
        pos = m.end()
        word = m.group()
        cue = lex.modality.get(word)
        if cue is None or word in lex.modality_exclusions:
            continue                     # an exclusion at or over the cue word (需要性, 的要求)
        if word == "将" and _BA_JIANG.match(masked, pos):      # 将加强党建作为首要任务: 将 = 把
            continue
        addressed = cue.takes_object and lex.addressees.match(masked, pos)
        if cue.strong or addressed or _action_follows(masked, pos, 14 if cue.takes_object else 0, time_spans):
            if not _in_condition(masked, pos):
                hits.append(CueHit(word, cue.kind, m.start(), pos))


def _word_at(masked: str, pos: int, at: int) -> re.Match[str]:
    """The word (cue or exclusion) that a longest-first scan of ``lexicon().cue_scan`` from
    ``pos`` takes at ``at`` (where a cue word starts), or that it takes over ``at``.

    The scan is replayed from the last position ``sync`` <= ``at`` that no word occurrence
    runs over — the scan cannot jump it, so it passes there — found by testing the few
    positions a word ending after ``sync`` could start at (``longest - 1`` before it; nearly
    always none holds a word: ``sync`` is ``at``).  Between ``pos`` and ``at`` no cue word
    starts, so the replay takes exclusions only.
    """
    words = lexicon().cue_scan
    sync = at
    before = at - 1
    low = max(pos, at - words.longest + 1)
    while before >= low:
        if masked[before] in words.first:
            over = words.pattern.match(masked, before)
            if over is not None and over.end() > sync:        # a word may run over sync
                sync = before
                low = max(pos, sync - words.longest + 1)
        before -= 1
    m = words.pattern.search(masked, sync)
    while m is not None and m.start() < at and m.end() <= at:    # an exclusion before the cue word
        m = words.pattern.search(masked, m.end())
    assert m is not None                 # (a cue word starts at at)
    return m


def _in_condition(masked: str, pos: int) -> bool:
    """True if ``pos`` lies in a comma-chunk that is a condition (…不能参加的，须经…), a purpose
    (为确保学习教育取得实效，…) or a topic noun with a modal modifier (确需报送的数据，…)."""
    end = first_of(masked, "，,", pos)
    if end < 0:
        return False
    start = last_of(masked, "，,；;：:", pos) + 1         # after the last chunk separator
    if _PURPOSE.match(masked, start):
        return True
    if pos - start <= 4 and TOPIC_MODIFIER.fullmatch(masked, start, end):
        return True              # 确需报送的数据，一律…: the cue qualifies a topic noun
    return masked[end - 1] == "的" and masked[end - 2 : end] != "目的"


def modality_of(hits: list[CueHit]) -> str | None:
    """Class of a clause from its cues: the first cue decides, except that an obligation cue right
    before a prohibition cue (要严禁, 必须杜绝) makes a prohibition."""
    if not hits:
        return None
    for a, b in zip(hits, hits[1:]):
        if a.kind == "obligation" and b.kind == "prohibition" and b.start - a.end <= 3:
            return "prohibition"
    return hits[0].kind


def is_exhortation(masked: str, pos: int, *, speaker: bool = False) -> bool:
    """True if the predicate at ``pos`` is only an attitude (认识, 重视, 增强…意识) — not a task.
    With ``speaker`` (the subject is 我们) the attitude verbs of ``speaker_attitudes.txt``
    (保持, 坚持, 发扬…) count as well.

    A later comma-chunk that opens with a concrete action verb makes it a task after all.

    >>> is_exhortation("要始终保持为民情怀，真正把群众的事放在心上", 1, speaker=True)
    True
    >>> is_exhortation("要高度重视，抓紧组建工作专班", 1)
    False
    """
    lex = lexicon()
    # Chunks are answered in place (positions, no substrings): no word list holds a comma, so
    # no adverb, frame opener or verb runs over a chunk's end.
    comma = first_of(masked, "，,", pos)
    at = skip_adverbs(masked, pos)
    if comma < 0:                         # one chunk: its predicate decides
        return _attitude(masked, at, len(masked), speaker)
    opens = _attitude(masked, at, comma, speaker)      # 坚持以…为统领 is itself one
    if not opens and not lex.frame_openers.match(masked, at):
        return False                      # (most predicates: neither, and no frame to look past)
    seps = list(_COMMA.finditer(masked, pos))
    chunks = list(zip([pos] + [m.end() for m in seps], [m.start() for m in seps] + [len(masked)]))
    head = 0                              # the chunk that holds the predicate
    if not opens:
        while head + 1 < len(chunks) and lex.frame_openers.match(masked, skip_adverbs(masked, chunks[head][0])):
            head += 1                     # 要从讲政治的高度，进一步认清形势
        if head == 0 or not _attitude(masked, skip_adverbs(masked, chunks[head][0]), chunks[head][1], speaker):
            return False
    for start, end in chunks[head + 1 :]:
        j = skip_adverbs(masked, start)
        if (lex.action_verbs.match(masked, j) and not lex.frame_openers.match(masked, j)
                and not _attitude(masked, j, end, speaker)):
            return False
    return True


def _attitude(masked: str, at: int, end: int, speaker: bool) -> bool:
    """Does the chunk ``masked[at:end]`` open with an attitude (see :func:`is_exhortation`)?
    (``end`` bounds the patterns as the chunk's own end would: 看[^到], 重视$ look no further.)"""
    lex = lexicon()
    return bool(lex.exhortation.match(masked, at, end)) or speaker and bool(lex.speaker_attitudes.match(masked, at))
