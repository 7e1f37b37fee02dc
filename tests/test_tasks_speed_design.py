"""The assumptions the fast paths of task extraction rest on, checked on the real seed text.

Each shortcut answers a question in another way than the plain definition would (a first-character
lookahead before an alternation, a trie match instead of a word loop, a chunk bounded by ``endpos``
instead of a substring); these tests check that the two ways agree on real text, and that the
word lists still have the shape the shortcuts need.
"""
from __future__ import annotations

import json
import re

import pytest

from djnlp.clean import clean
from djnlp.sentences import split_sentences
from djnlp.tasks.lexicon import WordSet, _lines, gated, lexicon
from djnlp.tasks.modality import is_exhortation, mask_quotes

from conftest import CORPORA

_COMMA = re.compile(r"[，,]")


@pytest.fixture(scope="module")
def texts(seed_text: str) -> list[str]:
    """The cleaned seed and the first texts of one corpus file (real official prose)."""
    found = [clean(seed_text).text]
    files = sorted(CORPORA.glob("*.jsonl"))
    if files:
        with files[0].open(encoding="utf-8") as handle:
            for line, _ in zip(handle, range(20)):
                found.append(clean(json.loads(line)["content"]).text)
    return found


def _sources() -> dict[str, str]:
    """The alternations the lexicon compiles with :func:`gated`, from the data files."""
    enumerators = "|".join(f"(?:{p})" for p in _lines("enumerators.txt"))
    return {
        "exhortation": "|".join(f"(?:{p})" for p in _lines("exhortation.txt")),
        "enumerator": enumerators,
        "opener": enumerators + "|" + lexicon().connectives.alternation,
    }


@pytest.mark.parametrize("name", ["exhortation", "enumerator", "opener"])
def test_gated_patterns_match_what_the_plain_alternation_matches(texts, name):
    source = _sources()[name]
    plain, fast = re.compile(source), getattr(lexicon(), name)
    assert fast.pattern.startswith("(?=[")             # a gate was found for this data
    hits = 0
    for text in texts:
        for pos in range(len(text)):
            want = plain.match(text, pos)
            got = fast.match(text, pos)
            assert (want and want.group()) == (got and got.group()), (name, text[pos : pos + 20])
            hits += want is not None
        assert [m.span() for m in plain.finditer(text)] == [m.span() for m in fast.finditer(text)]
    assert hits > 50                                   # the comparison saw real matches


@pytest.mark.parametrize("pattern", [r"\s*(?:问题|情况)", r"[^，]要", r"(?:各级)?", r"(?<=要)求", r"$",
                                     r"(?i)ab|cd", r"(?i:ab)|cd"])
def test_gated_leaves_patterns_without_a_finite_first_set_alone(pattern):
    assert gated(pattern).pattern == pattern


def test_gated_follows_optional_prefixes_and_branches():
    fast = gated("(?:始终|一直)?坚持|(高度)?重视|[0-9]+、")
    gate = fast.pattern[: fast.pattern.index("])") + 1]
    assert set(gate[4:-1]) == set("始一坚高重0123456789")
    assert fast.match("要始终坚持", 1).group() == "始终坚持"
    assert fast.match("12、加强", 0).group() == "12、"
    assert fast.match("加强", 0) is None


@pytest.mark.parametrize("name", ["actor_heads", "adverbs", "action_verbs", "frame_openers", "thing_heads"])
def test_wordset_match_and_match_end_are_the_longest_word(texts, name):
    words = getattr(lexicon(), name)
    longest_first = sorted(words.words, key=len, reverse=True)
    found = 0
    for text in texts[:4]:
        for pos in range(len(text) + 1):
            start = next((w for w in longest_first if text.startswith(w, pos)), None)
            end = next((w for w in longest_first if text.endswith(w, 0, pos)), None) if pos else None
            assert words.match(text, pos) == start
            assert words.match_end(text, pos) == end
            found += start is not None
    assert found > 20


def test_wordset_match_end_prefers_the_longest_word_over_a_one_character_one():
    words = WordSet(["委", "党委", "县委", "市委组织部", "部"])
    assert words.match_end("由县委组织部牵头", 6) == "部"
    assert words.match_end("由市委组织部牵头", 6) == "市委组织部"
    assert words.match_end("各乡镇党委要", 5) == "党委"
    assert words.match_end("委", 1) == "委"
    assert words.match_end("要", 1) is None and words.match_end("", 0) is None


@pytest.mark.parametrize("name", ["adverbs", "frame_openers", "speaker_attitudes", "action_verbs"])
def test_no_word_of_a_chunk_list_holds_a_chunk_separator(name):
    # is_exhortation answers a comma chunk in place: a word never runs over the chunk's end
    assert not [w for w in getattr(lexicon(), name).words if _COMMA.search(w)]


def test_attitude_patterns_see_a_chunk_bounded_by_endpos_as_its_substring(texts):
    """exhortation.match(text, at, end) == exhortation.match(text[at:end]) for every position of
    every comma chunk: the patterns hold no lookbehind and no ^ (their $ and 看[^到] stop at end)."""
    exhortation = lexicon().exhortation
    checked = 0
    for text in texts:
        for s, e in split_sentences(text):
            masked = mask_quotes(text[s:e])
            bounds = [0] + [m.end() for m in _COMMA.finditer(masked)]
            ends = [m.start() for m in _COMMA.finditer(masked)] + [len(masked)]
            for start, end in zip(bounds, ends):
                for at in range(start, end + 1):
                    inside = exhortation.match(masked, at, end)
                    alone = exhortation.match(masked[at:end])
                    assert (inside and inside.group()) == (alone and alone.group())
                    checked += alone is not None
    assert checked > 10


@pytest.mark.parametrize("sentence, pos, speaker, expected", [
    ("要高度重视，抓紧组建工作专班", 1, False, False),          # a later chunk acts
    ("要高度重视，切实增强责任意识", 1, False, True),            # only attitudes
    ("要从讲政治的高度，进一步认清形势，把握大局", 1, False, True),  # a frame, then an attitude
    ("要从讲政治的高度，认真组织学习", 1, False, False),         # a frame, then an action
    ("我们要始终践行初心使命，真正把群众的事放在心上", 3, True, True),    # the speaker's attitude
    ("各地要始终践行初心使命，真正把群众的事放在心上", 3, False, False),
    ("要看，要听", 1, False, False),                # 看[^到] does not look past the chunk's end
    ("各地要看到成绩", 3, False, True),
    ("要明确", 1, False, True),                                  # 明确 at the end
    ("要明确责任分工", 1, False, False),
])
def test_is_exhortation_on_genre_sentences(sentence, pos, speaker, expected):
    assert is_exhortation(sentence, pos, speaker=speaker) is expected


def _full_scan_words(masked: str) -> list[tuple[str, int, int]]:
    """The cue words a plain longest-first scan of every cue and every exclusion reads."""
    lex = lexicon()
    return [(m.group(), m.start(), m.end()) for m in lex.cue_scan.pattern.finditer(masked)
            if m.group() in lex.modality and m.group() not in lex.modality_exclusions]


def _replayed_words(masked: str) -> list[tuple[str, int, int]]:
    """The same, read as find_cues reads them: a replay only where a cue word starts."""
    from djnlp.tasks.modality import _word_at

    lex = lexicon()
    out, pos = [], 0
    while (found := lex.cue_index.pattern.search(masked, pos)) is not None:
        m = _word_at(masked, pos, found.start())
        pos = m.end()
        if m.group() in lex.modality and m.group() not in lex.modality_exclusions:
            out.append((m.group(), m.start(), m.end()))
    return out


@pytest.mark.parametrize("text", [
    "各地要按要求的时限报送",           # 按要求 then 的: the scan steps over 要求的
    "提出的要求要落实到位",             # 的要求 hides 要求, then 要 counts
    "这是工作计划生育的重要内容",         # 工作计划 runs over 计划生育: 生育 is read after it
    "还需要将其列入计划",               # 还需要, 将其: exclusions; 计划 counts
    "必需品不可以说需要性",             # exclusions that start with cue words
])
def test_cue_words_are_read_as_the_full_scan_reads_them(text):
    assert _replayed_words(text) == _full_scan_words(text)


def test_cue_words_of_real_clauses_are_read_as_the_full_scan_reads_them(texts):
    for text in texts:
        for s, e in split_sentences(text):
            masked = mask_quotes(text[s:e])
            assert _replayed_words(masked) == _full_scan_words(masked), masked


def test_task_init_takes_the_fields_in_order_with_their_defaults():
    """Task's written-out __init__ stays in step with its fields (dataclasses.replace needs it)."""
    import dataclasses
    import inspect

    from djnlp.tasks import Task

    params = list(inspect.signature(Task).parameters.values())
    fields = dataclasses.fields(Task)
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default
                                          for f in fields]
    task = Task("各地要抓紧落实", 0, 7, ("各地",), "抓紧落实", "obligation", cue="要")
    assert dataclasses.replace(task, start=1) == Task("各地要抓紧落实", 1, 7, ("各地",), "抓紧落实", "obligation", cue="要")
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.start = 2          # type: ignore[misc]
