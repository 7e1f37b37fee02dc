"""Word lists and patterns of task extraction, read once from ``djnlp/data/tasks/``.

Every list is plain UTF-8 text (``#`` starts a comment line); see ``djnlp/data/README.md``.

>>> lex = lexicon()
>>> lex.modality["严禁"].kind
'prohibition'
>>> "切实" in lex.adverbs
True
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from typing import Any, Final, Iterable

try:                                          # re's own parser (private since Python 3.11)
    from re import _constants as _sre, _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:                           # Python 3.10
    import sre_constants as _sre              # type: ignore[no-redef]
    import sre_parse as _sre_parse            # type: ignore[no-redef]

MODALITY_KINDS: Final = ("obligation", "prohibition", "plan", "encouragement")


@dataclass(frozen=True)
class Cue:
    """A modality cue word: its class, whether it needs an action right after it, and whether
    the unit after it is the actor (请各地…, 鼓励年轻干部…)."""

    word: str
    kind: str
    strong: bool
    takes_object: bool = False


@dataclass(frozen=True)
class Lexicon:
    """All task-extraction data, loaded once.

    (The tables are typed as the dicts they are, not as Mappings: compiled code then looks
    words up with dict primitives instead of generic method calls.)
    """

    modality: dict[str, Cue]
    cue_words: tuple[str, ...]             # every cue word (for str.startswith)
    cue_index: WordSet                     # every cue word, indexed (.starts: where one begins)
    long_cues: tuple[str, ...]             # cue words of two characters or more
    actor_stop: re.Pattern[str]            # a one- or two-character cue or an adverb starts here
    object_cues: frozenset[str]            # cues whose object is the actor
    restart_cues: WordSet                  # cues that open a second directive after a comma
    speaker_attitudes: WordSet             # 保持, 发扬…: an exhortation after 我们要
    patient_predicates: tuple[re.Pattern[str], ...]   # 组建到位: the subject is made, not the maker
    participant_markers: WordSet           # 须经 X 审核: X takes part (support)
    actor_qualifiers: WordSet              # 有条件的…: may open a unit name
    thing_heads: WordSet                   # 方案, 材料, 比例…: a subject ending in one is a thing
    cue_scan: WordSet                      # every cue and every exclusion (see modality.find_cues)
    modality_exclusions: frozenset[str]
    adverbs: WordSet
    adverb_run: re.Pattern[str]            # any run of adverbs (longest word first at each step)
    action_verbs: WordSet
    connectives: WordSet
    enumerator: re.Pattern[str]
    opener: re.Pattern[str]                # a list marker, else the longest connective
    exhortation: re.Pattern[str]           # any attitude pattern (one alternation: one match call)
    past_markers: WordSet                  # any marker (time or aspect)
    aspect_markers: WordSet                # 了-forms, 已经, 先后…
    actor_heads: WordSet
    actor_end: re.Pattern[str]             # a character that ends an actor head, or a closing ）
    actor_stopwords: frozenset[str]
    actor_false_heads: WordSet
    addressees: WordSet
    actor_followers: WordSet
    actor_verb_prefixes: frozenset[str]
    not_deadlines: frozenset[str]
    frame_openers: WordSet
    verb_noun_compounds: WordSet
    statement_predicates: WordSet
    descriptive_headings: WordSet
    roles: dict[str, str]
    role_pattern: re.Pattern[str]        # any role word, honouring the "not followed by" column
    field_labels: dict[str, str]
    statement_label: re.Pattern[str]      # 问题1：… (a finding, never a task)
    measure_label: re.Pattern[str]        # 整改措施：… (the clauses of its sentence are orders)
    responsibility_heading: re.Pattern[str]   # 党组（党委）主体责任: group "actor" carries the items below
    person_fields: frozenset[str]         # labels whose value is one person (牵头领导)


def _lines(name: str) -> list[str]:
    path = resources.files("djnlp") / "data" / "tasks" / name
    text = path.read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


def _rows(name: str) -> list[list[str]]:
    return [line.split("\t") for line in _lines(name)]


class WordSet:
    """Words compiled into one trie pattern for longest-prefix matching (and indexed by their
    last two characters for longest-suffix matching).

    >>> WordSet(["加强", "加强领导"]).match("要加强领导", 1)
    '加强领导'
    """

    def __init__(self, words: list[str] | tuple[str, ...]) -> None:
        tails: dict[str, list[str]] = {}            # by the last two characters, longest first
        for word in sorted(set(words), key=lambda w: (-len(w), w)):
            if len(word) > 1:
                tails.setdefault(word[-2:], []).append(word)
        self.first = frozenset(word[0] for word in words)     # first characters of the words
        self.longest = max(map(len, words), default=0)        # characters in the longest word
        self._tails = tails
        self.words = frozenset(words)
        self.alternation = alternation(self.words)
        self.pattern = re.compile(self.alternation)       # re itself tests first characters here
        # every position where a word starts, with the longest word there (overlapping matches; in a
        # lookahead re does not test first characters itself: _first_chars does, 4x faster)
        self.starts = re.compile(_first_chars(self.words) + f"(?=({self.alternation}))")

    def match(self, text: str, pos: int = 0) -> str | None:
        """The longest word that starts ``text`` at ``pos``, or None.

        Most positions hold no first character of a word: a set test answers them.  Elsewhere
        one call of the trie pattern (which backtracks longest first) beats trying the words
        of that first character in turn.
        """
        if text[pos : pos + 1] not in self.first:                 # past the end: no word
            return None
        m = self.pattern.match(text, pos)
        return m.group() if m else None

    def match_end(self, text: str, end: int) -> str | None:
        """The longest word that ends ``text`` at ``end`` (exclusive), or None.

        Words of two characters or more are indexed by their last two (17 head words end in 委,
        one or two in 党委): few are tried.  A one-character word is the last resort.
        """
        if end <= 0:
            return None
        if end > 1:
            for word in self._tails.get(text[end - 2 : end], ()):
                if text.endswith(word, 0, end):
                    return word
        return text[end - 1] if text[end - 1] in self.words else None

    def search(self, text: str) -> bool:
        """True if any word occurs in ``text``."""
        return self.pattern.search(text) is not None

    def __contains__(self, word: object) -> bool:
        return word in self.words


def alternation(words: Iterable[str]) -> str:
    """A regex matching, at any position, the longest of ``words`` that starts there — written
    as a trie (一(?:定要|律(?:不)?)|不(?:准|得(?:低于|超过)?)|…), so that at each step re tests one
    literal per distinct next character instead of every word in turn.  Backtracking into it
    tries the shorter words in turn, as a longest-first alternation would.

    >>> re.findall(alternation(["要", "要求", "不得", "不"]), "要求不得要不")
    ['要求', '不得', '要', '不']
    """
    trie: dict[str, dict] = {}
    for word in words:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}                      # a word ends here

    def branches(node: dict[str, dict]) -> str:
        return "|".join(re.escape(ch) + rest(child) for ch, child in sorted(node.items()) if ch)

    def rest(node: dict[str, dict]) -> str:          # what may follow a prefix
        if len(node) == 1 and "" in node:
            return ""
        if len(node) == 1:                              # one way on: no group (一步 for 一(?:步))
            (ch, child), = node.items()
            return re.escape(ch) + rest(child)
        return "(?:" + branches(node) + ")" + ("?" if "" in node else "")

    return branches(trie) or "(?!)"


def _first_chars(words: frozenset[str] | list[str]) -> str:
    """A lookahead for the first characters of ``words``: a cheap test before the alternation."""
    return "(?=[" + re.escape("".join(sorted({w[0] for w in words}))) + "])" if words else ""


def gated(pattern: str) -> re.Pattern[str]:
    """``pattern`` compiled behind a lookahead on the characters a match of it can start with.

    ``Pattern.match`` tries the branches of an alternation one by one (re tests first
    characters only when it searches): with 35 attitude patterns a failing match costs 0.5 µs,
    with the lookahead 0.1 µs.  The characters come from re's own parse of the pattern; when
    they are no finite set (an anchor, a negated class, a pattern that matches empty) the
    pattern is compiled as it is.  Either way it matches exactly what ``pattern`` matches.

    >>> gated("重视|看[^到]").pattern
    '(?=[看重])(?:重视|看[^到])'
    """
    tree = _sre_parse.parse(pattern)
    parsed = None if tree.state.flags & re.IGNORECASE else _first_chars_of(list(tree))
    if parsed is None or parsed[1] or not parsed[0]:
        return re.compile(pattern)
    return re.compile("(?=[" + re.escape("".join(sorted(parsed[0]))) + "])(?:" + pattern + ")")


def _first_chars_of(items: list[tuple[Any, Any]]) -> tuple[set[str], bool] | None:
    """(the characters a match of the parsed sequence ``items`` may start with, whether it
    may match the empty string), or None when they are not a finite set."""
    firsts: set[str] = set()
    for op, av in items:
        if op == _sre.LITERAL:
            chars, empty = {chr(av)}, False
        elif op == _sre.IN:
            chars, empty = set(), False
            for item, value in av:
                if item == _sre.LITERAL:
                    chars.add(chr(value))
                elif item == _sre.RANGE and value[1] - value[0] < 256:
                    chars.update(map(chr, range(value[0], value[1] + 1)))
                else:                                # a negated class, \d, a wide range
                    return None
        elif op == _sre.SUBPATTERN:
            inner = None if av[1] & re.IGNORECASE else _first_chars_of(list(av[-1]))
            if inner is None:
                return None
            chars, empty = inner
        elif op == _sre.BRANCH:
            branches = [_first_chars_of(list(branch)) for branch in av[1]]
            if any(b is None for b in branches):
                return None
            chars = set().union(*(b[0] for b in branches))            # type: ignore[index]
            empty = any(b[1] for b in branches)                         # type: ignore[index]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT):
            inner = _first_chars_of(list(av[2]))
            if inner is None:
                return None
            chars, empty = inner[0], inner[1] or av[0] == 0
        else:                                        # an anchor, a lookaround, a backreference
            return None
        firsts |= chars
        if not empty:
            return firsts, False
    return firsts, True


def _by_length(words: list[str]) -> WordSet:
    return WordSet(words)


_LOADED: Final[list[Lexicon]] = []          # the lexicon, once loaded


def lexicon() -> Lexicon:
    """The task lexicon, loaded on first use.

    (Every helper asks for it, thousands of times per text: a plain function over a module
    list costs a compiled caller one native call, where an ``lru_cache`` wrapper costs a
    global lookup and a generic call.)
    """
    if not _LOADED:
        _LOADED.append(_load())
    return _LOADED[0]


def _load() -> Lexicon:
    """Read every list and pattern of ``djnlp/data/tasks/``."""
    modality = {}
    for row in _rows("modality.tsv"):
        word, kind, strength = (cell.strip() for cell in row[:3])
        if kind not in MODALITY_KINDS:
            raise ValueError(f"modality.tsv: unknown class {kind!r} for {word!r}")
        modality[word] = Cue(word, kind, strength == "strong", len(row) > 3 and row[3].strip() == "object")
    enumerators = _lines("enumerators.txt")
    exclusions = _lines("modality_exclusions.txt")
    words = set(modality) | set(exclusions)
    adverbs = _by_length(_lines("adverbs.txt"))
    actor_heads = _by_length(_lines("actor_heads.txt"))
    connectives = _by_length(_lines("connectives.txt"))
    short_cues = sorted((w for w in modality if len(w) <= 2), key=lambda w: (-len(w), w))
    return Lexicon(
        modality=modality,
        cue_words=tuple(modality),
        cue_index=WordSet(list(modality)),
        long_cues=tuple(w for w in modality if len(w) > 1),
        actor_stop=re.compile(_first_chars(short_cues + sorted(adverbs.words))
                              + "(?=" + "|".join(map(re.escape, short_cues)) + "|" + adverbs.alternation + ")"),
        object_cues=frozenset(w for w, c in modality.items() if c.takes_object),
        restart_cues=_by_length(_lines("restart_cues.txt")),
        speaker_attitudes=_by_length(_lines("speaker_attitudes.txt")),
        patient_predicates=tuple(re.compile(p) for p in _lines("patient_predicates.txt")),
        participant_markers=_by_length(_lines("participant_markers.txt")),
        actor_qualifiers=_by_length(_lines("actor_qualifiers.txt")),
        thing_heads=_by_length(_lines("thing_heads.txt")),
        cue_scan=WordSet(list(words)),
        modality_exclusions=frozenset(_lines("modality_exclusions.txt")),
        adverbs=adverbs,
        adverb_run=re.compile(f"(?:{adverbs.alternation})*"),
        action_verbs=_by_length(_lines("action_verbs.txt")),
        connectives=connectives,
        enumerator=gated("|".join(f"(?:{p})" for p in enumerators)),
        opener=gated("|".join(f"(?:{p})" for p in enumerators) + "|" + connectives.alternation),
        exhortation=gated("|".join(f"(?:{p})" for p in _lines("exhortation.txt"))),
        past_markers=_by_length([row[0] for row in _rows("past_markers.txt")]),
        aspect_markers=_by_length([row[0] for row in _rows("past_markers.txt") if row[1] == "aspect"]),
        actor_heads=actor_heads,
        actor_end=re.compile("[" + re.escape("".join(sorted({w[-1] for w in actor_heads.words} | set("）)")))) + "]"),
        actor_stopwords=frozenset(_lines("actor_stopwords.txt")),
        actor_false_heads=_by_length(_lines("actor_false_heads.txt")),
        addressees=_by_length(_lines("addressees.txt")),
        actor_followers=_by_length(_lines("actor_followers.txt")),
        actor_verb_prefixes=frozenset(_lines("actor_verb_prefixes.txt")),
        not_deadlines=frozenset(_lines("not_deadlines.txt")),
        frame_openers=_by_length(_lines("frame_openers.txt")),
        verb_noun_compounds=_by_length(_lines("verb_noun_compounds.txt")),
        statement_predicates=_by_length(_lines("statement_predicates.txt")),
        descriptive_headings=_by_length(_lines("descriptive_headings.txt")),
        roles={row[0]: row[1] for row in _rows("roles.tsv")},
        role_pattern=re.compile("|".join(
            re.escape(row[0]) + (f"(?!{row[2]})" if len(row) > 2 else "")
            for row in sorted(_rows("roles.tsv"), key=lambda r: -len(r[0]))
        )),
        field_labels={row[0]: row[1] for row in _rows("field_labels.tsv")},
        responsibility_heading=re.compile(
            r"\s*(?P<actor>[^，。；：:、“”\"\s]{2,12}?)的?[“\"]?(?:"
            + _by_length(_lines("responsibility_headings.txt")).alternation + r")[”\"]?\s*$"),
        measure_label=re.compile(r"\s*(?:" + _by_length(_lines("measure_labels.txt")).alternation + r")\s*[：:]"),
        statement_label=re.compile(r"\s*(?:" + _by_length(_lines("statement_labels.txt")).alternation
                                   + r")[（(]?[0-9一二三四五六七八九十]*[)）]?\s*[：:]"),
        person_fields=frozenset(row[0] for row in _rows("field_labels.tsv") if row[2:] == ["person"]),
    )


