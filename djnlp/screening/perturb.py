"""Controlled edits of a submission that should move exactly one criterion the known way.

Used by the tests and ``benchmarks/screen.py`` to check that scores respond to what they
claim to measure: padding with 套话 lowers 文字精, stripping facts lowers 内容实, a later
submission lowers 报送快, inserted superlatives lower 客观, an off-priority rewrite lowers
选题准, and a lightly edited copy of an archived item trips 原创.

>>> from djnlp.screening.submission import Submission
>>> s = Submission.from_text("柳河镇建成3个服务站\\n3月5日，柳河镇建成3个服务站。")
>>> strip_facts(s, _lexicon()).text
'当地建成一些服务站\\n近日，当地建成一些服务站。'
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta
from functools import lru_cache

from djnlp.screening.features import Features
from djnlp.screening.lexicon import Lexicon
from djnlp.screening.rubric import load_rubric
from djnlp.screening.submission import Submission

PADDING_LEAD = "为深入贯彻落实上级部署要求，我们高度重视，精心组织，周密部署，多措并举，扎实推进。"
PADDING_PARAGRAPH = "下一步，将进一步提高认识，进一步加强领导，常抓不懈，狠抓落实，推动各项工作再上新台阶，取得新成效。"
SUPERLATIVES = "这一做法在全国首创，彻底解决了群众反映强烈的老大难问题，广受好评，取得了前所未有的效果。"
OFF_PRIORITY = "日常事务"
_EDITS = (("今年以来", "年初以来"), ("推行", "实行"), ("建立", "建起"), ("累计", "共"), ("群众", "居民"))


@lru_cache(maxsize=1)
def _lexicon() -> Lexicon:
    return Lexicon.build(load_rubric())


def _body_insert(sub: Submission, lead: str = "", tail: str = "") -> Submission:
    """Insert ``lead`` at the start of the body and ``tail`` as a last paragraph."""
    text = sub.text
    b = sub.body_start
    body = text[b:]
    stripped = body.lstrip()
    indent = body[: len(body) - len(stripped)]
    new = text[:b] + indent + lead + stripped.rstrip("\n")
    if tail:
        new += "\n" + tail
    return replace(sub, text=new + "\n")


def pad_cliches(sub: Submission) -> Submission:
    """Add a 套话 lead sentence and a 套话 closing paragraph."""
    return _body_insert(sub, lead=PADDING_LEAD, tail=PADDING_PARAGRAPH)


def inflate(sub: Submission) -> Submission:
    """Add an unsupported superlative sentence as a closing paragraph."""
    return _body_insert(sub, tail=SUPERLATIVES)


def _rewrite(sub: Submission, spans: list[tuple[int, int, str]]) -> Submission:
    text, out, pos = sub.text, [], 0
    for s, e, new in sorted(spans):
        if s < pos:
            continue
        out.append(text[pos:s])
        out.append(new)
        pos = e
    out.append(text[pos:])
    return replace(sub, text="".join(out))


def strip_facts(sub: Submission, lex: Lexicon | None = None) -> Submission:
    """Replace numbers with units by 一些, dates by 近日, named places/units by 当地."""
    f = Features.of(sub, lex or _lexicon())
    spans = []
    for key, word in (("date", "近日"), ("number", "一些"), ("place", "当地")):
        for s, e, _ in f.hits[key]:
            os_, oe = f.tv.to_original(s, e)
            spans.append((os_, oe, word))
    return _rewrite(sub, spans)


def off_priority(sub: Submission, lex: Lexicon | None = None) -> Submission:
    """Replace every phrase that ties the item to a key priority by a routine phrase."""
    f = Features.of(sub, lex or _lexicon())
    spans = [(*f.tv.to_original(s, e), OFF_PRIORITY) for s, e, _ in f.hits["priority"]]
    return _rewrite(sub, spans)


def submit_late(sub: Submission, hours: float) -> Submission | None:
    """The same item submitted ``hours`` later (``None`` without a submission time)."""
    if sub.submitted_at is None:
        return None
    return replace(sub, submitted_at=sub.submitted_at + timedelta(hours=hours))


def light_edit(text: str) -> str:
    """A lightly edited copy: a few synonyms swapped and every number nudged by one."""
    for old, new in _EDITS:
        text = text.replace(old, new, 1)
    return re.sub(r"\d+", lambda m: str(int(m.group()) + 1), text, count=4)
