"""split_clauses after the speed work: the shortcuts of the sentence cutter keep every cut.

The cutter finds the opening words, restart triggers, list separators and *stepping* commas
(after which the subject search steps over something, or 请/我们 follows) of a text once, and
tests a comma only where a trigger says a test can be true; that is sound only while no such
word holds a separator (see the docstring of ``_SentenceCutter``) — the lexicon test below
guards it — and while each trigger is a necessary condition of its test: the last tests compare
the cutter with one that tests every comma, on the seed and on real official texts.
"""
from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from djnlp.clean import clean
from djnlp.sentences import split_sentences
from djnlp.tasks import clauses as clauses_module
from djnlp.tasks.clauses import split_clauses
from djnlp.tasks.lexicon import lexicon
from djnlp.timex import extract_times

CORPORA = Path(__file__).resolve().parent.parent.parent / "shared" / "corpora"

_PUNCTUATION = re.compile(r"[，,：:。；;！？!?\s]")


def clauses(text: str) -> list[str]:
    spans = tuple(sorted((t.start, t.end) for t in extract_times(text, base=date(2024, 3, 15))))
    return [text[c.start : c.end] for c in split_clauses(text, time_spans=spans)]


def test_no_opening_word_restart_cue_or_adverb_holds_punctuation():
    lex = lexicon()
    words = [*lex.cue_words, "请", "要求", "希望", *lex.restart_cues.words, *lex.adverbs.words]
    assert words
    assert [w for w in words if _PUNCTUATION.search(w)] == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # one directive with several actions: no comma opens a new one
        ("各地要高度重视，抓紧组建工作专班，按规定上报项目。",
         ["各地要高度重视，抓紧组建工作专班，按规定上报项目。"]),
        # 同时， is skipped on the way to the subject: the cue is in the chunk after it
        ("各地要高度重视，同时，各县市区要在年底前完成轮训。",
         ["各地要高度重视，", "同时，各县市区要在年底前完成轮训。"]),
        # the chunk after the first comma holds no opening word: a time or a connective is
        # skipped, and the subject (with its cue) is found in the next chunk
        ("各地要高度重视，今年，各县市区要完成轮训。", ["各地要高度重视，", "今年，各县市区要完成轮训。"]),
        ("各地要高度重视，目前，各县市区要完成轮训。", ["各地要高度重视，", "目前，各县市区要完成轮训。"]),
        # a quote hides its words: the comma before it opens nothing
        ("各单位要按时报送，“请各地抓紧落实”。", ["各单位要按时报送，“请各地抓紧落实”。"]),
        # a cue inside quotes opens nothing (the raw text holds it, the masked sentence not)
        ("要认真学习“要求各地抓紧落实”的精神，切实抓好培训。",
         ["要认真学习“要求各地抓紧落实”的精神，切实抓好培训。"]),
        ("各地要抓紧制定方案，我们将严格执行通报制度。",
         ["各地要抓紧制定方案，", "我们将严格执行通报制度。"]),
        ("会议强调，各地要抓紧落实，请各县市区于6月底前报送。",
         ["会议强调，各地要抓紧落实，", "请各县市区于6月底前报送。"]),
        # the same duty said twice stays whole; a new case after a condition restarts
        ("各地要如实填报，不得瞒报。", ["各地要如实填报，不得瞒报。"]),
        ("各单位要按时报送材料，联审不合格的不得提名，确保工作质量。",
         ["各单位要按时报送材料，", "联审不合格的不得提名，确保工作质量。"]),
        # a second calendar limit restarts (a time is the last opener of the sentence)
        ("各地要于每月5日前报送工作进展，年底前形成总结报告。",
         ["各地要于每月5日前报送工作进展，", "年底前形成总结报告。"]),
        ("各地要高度重视，今年将选派100名干部参加培训。",
         ["各地要高度重视，", "今年将选派100名干部参加培训。"]),
        # list markers cut after every separator, up to the end of the sentence
        ("重点抓好以下工作：一是加强学习，二是狠抓落实。",
         ["重点抓好以下工作：", "一是加强学习，", "二是狠抓落实。"]),
        ("各地要高度重视，一、", ["各地要高度重视，", "一、"]),
        # a stepping comma: 请 / 我们 / an opener right after it
        ("市委组织部届时将提出具体要求，请各地结合实际贯彻落实。",
         ["市委组织部届时将提出具体要求，", "请各地结合实际贯彻落实。"]),
        ("各地要认真自查，并且各县市区要在年底前完成整改。",
         ["各地要认真自查，", "并且各县市区要在年底前完成整改。"]),
        # no stepping comma: the actor and its cue inside the chunk open the new directive
        ("五峰等县市通过建立工委统管等形式收到了好的效果，各地可参考借鉴。",
         ["五峰等县市通过建立工委统管等形式收到了好的效果，", "各地可参考借鉴。"]),
        # a head character before a cue, but the piece before holds neither cue nor past marker
        ("对两推一选中的具体操作办法，各地要及早研究。", ["对两推一选中的具体操作办法，各地要及早研究。"]),
    ],
)
def test_cuts(text, expected):
    assert clauses(text) == expected


def test_seed_clauses_tile_the_sentences_and_cut_only_after_separators(seed_text):
    text = clean(seed_text).text
    found = split_clauses(text)
    sentences = split_sentences(text)
    starts = {s for s, _ in sentences}
    assert len(found) > len(sentences) // 2
    cut_after = [text[c.start - 1] for c in found if c.start not in starts]
    assert cut_after and set(cut_after) <= set("，,：:")
    for a, b in zip(found, found[1:]):
        assert a.end <= b.start and a.start < a.end
        assert b.sentence >= a.sentence


def test_precomputed_sentences_give_the_same_clauses(seed_text):
    text = clean(seed_text).text
    spans = tuple(sorted((t.start, t.end) for t in extract_times(text, base=date(2006, 3, 1))))
    found = split_clauses(text, time_spans=spans)
    assert split_clauses(text, time_spans=spans, sentences=split_sentences(text)) == found
    assert len({c.paragraph for c in found}) > 20 and any(c.lead_in for c in found)


class _EveryComma(clauses_module._SentenceCutter):
    """The cutter without its shortcuts: every comma is a stepping comma and a restart trigger,
    so the full tests (a new directive opens, a second one restarts) run after every comma."""

    def __init__(self, text: str, times: list[tuple[int, int]]) -> None:
        super().__init__(text, times)
        everywhere = list(range(len(text) + 1))
        self._stepping = self._restart_starts = self._opening_starts = self._may_cut = everywhere


def _with_every_comma(monkeypatch, text: str, spans: tuple[tuple[int, int], ...]) -> list:
    with monkeypatch.context() as patch:
        patch.setattr(clauses_module, "_SentenceCutter", _EveryComma)
        return split_clauses(text, time_spans=spans)


def _official_texts(limit: int) -> list[str]:
    texts = []
    for path in sorted(CORPORA.glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            texts += [json.loads(line)["content"] for _, line in zip(range(limit), lines)]
    return texts


def test_the_shortcuts_cut_where_testing_every_comma_cuts(seed_text, monkeypatch):
    if not CORPORA.exists():
        pytest.skip("the official texts are not at ../shared/corpora")
    texts = [clean(seed_text).text] + [clean(t).text for t in _official_texts(10)]
    assert len(texts) > 3
    cut_somewhere = 0
    for text in texts:
        spans = tuple(sorted((t.start, t.end) for t in extract_times(text, base=date(2024, 3, 15))))
        found = split_clauses(text, time_spans=spans)
        assert found == _with_every_comma(monkeypatch, text, spans)
        cut_somewhere += sum(1 for a, b in zip(found, found[1:]) if a.sentence == b.sentence)
    assert cut_somewhere > 20          # the texts do hold sentences that are cut
