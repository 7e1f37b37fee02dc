"""Screen submissions against a rubric: features → criteria → gates → total, grade, rank.

A :class:`Screener` holds everything that is built once (rubric, compiled word lists, the
segmenter, the archive index) and can screen many batches.

>>> from djnlp.screening.submission import Submission
>>> s = Screener()
>>> [r] = s.screen([Submission.from_text("某镇召开会议\\n近日，某镇召开会议，高度重视，扎实推进。", type="news")])
>>> r.grade, r.rank
('差', 1)
"""
from __future__ import annotations

import os
from dataclasses import replace
from collections.abc import Callable, Iterable, Sequence
from datetime import datetime

from djnlp.screening import gates as gate_rules
from djnlp.screening.criteria import CRITERION_FUNCS, Context
from djnlp.screening.features import Features
from djnlp.screening.lexicon import Lexicon
from djnlp.screening.originality import ArchiveIndex
from djnlp.screening.result import Gate, ScreenResult
from djnlp.screening.rubric import CRITERIA, Rubric, load_rubric
from djnlp.screening.submission import Submission
from djnlp.screening.timing import delay_hours, find_event_time

Progress = Callable[[int, int], None]


class Screener:
    """Rubric, matchers, segmenter and archive index, built once."""

    def __init__(self, rubric: Rubric | str | os.PathLike[str] | None = None, *,
                 archive: str | os.PathLike[str] | Sequence[str | os.PathLike[str]] | None = None,
                 index: ArchiveIndex | None = None) -> None:
        self.rubric = rubric if isinstance(rubric, Rubric) else load_rubric(rubric)
        self.lex = Lexicon.build(self.rubric)
        ro = self.rubric.originality
        self.index = index or ArchiveIndex(shingle=int(ro["shingle"]), num_perm=int(ro["num_perm"]),
                                           threshold=ro["lsh_threshold"], seed=int(ro["seed"]), mask=self.lex.cliche)
        folders = [archive] if isinstance(archive, (str, os.PathLike)) else list(archive or ())
        for folder in folders:
            self.index.add_folder(folder)
        self._segmenter = _make_segmenter()

    def infer_type(self, f: Features) -> str:
        """The type whose cues weigh most (title hits ×3); 动态类 when nothing points elsewhere."""
        best, best_score = "news", 0.0
        for tid in ("urgent", "problem", "experience", "news"):
            score = sum(3.0 if f.in_title(s) else 1.0 for s, _, _ in self.lex.type_cues[tid].finditer(f.view))
            if tid == "urgent":
                score *= 1.5
            if score > best_score:
                best, best_score = tid, score
        return best

    def screen(self, submissions: Iterable[Submission], *, progress: Progress | None = None,
               remember: bool = True) -> list[ScreenResult]:
        """Screen a batch; results in input order, ranked within the batch.

        Items are compared with the archive and with batch items submitted before them
        (by ``submitted_at``, then input order). With ``remember`` the batch stays in the index.
        """
        subs = list(submissions)
        order = sorted(range(len(subs)), key=lambda i: (_sort_time(subs[i].submitted_at), i))
        results: list[ScreenResult | None] = [None] * len(subs)
        added: list[str] = []
        for n, i in enumerate(order, 1):
            result, key = self._screen_one(subs[i], batch_key=f"{subs[i].path or subs[i].name}")
            results[i] = result
            if key:
                added.append(key)
            if progress:
                progress(n, len(subs))
        if not remember:
            for key in added:
                self.index.remove(key)
        return _ranked([r for r in results if r is not None], self.rubric.gated_last)

    def _screen_one(self, sub: Submission, *, batch_key: str) -> tuple[ScreenResult, str | None]:
        rubric = self.rubric
        f = Features.of(sub, self.lex)
        if sub.type:
            tid, inferred = rubric.type_id(sub.type), False
        else:
            tid, inferred = self.infer_type(f), True
        event = find_event_time(f, sub.event_at, sub.submitted_at)
        delay = delay_hours(event.at if event else None, sub.submitted_at)
        note = None
        if event is None:
            note = "未写明事件发生时间" if tid in ("news", "urgent") else None
        elif not event.precise and tid == "urgent":
            note = "事件时间未写具体时刻，紧急情况应写明几时几分"
        signature = self.index.signature(sub.text)
        itself = self.index.key_of_file(sub.path) if sub.path else None  # a submission kept in the archive folder
        matches = [m for m in self.index.query(sub.text, signature=signature) if m.source != itself]
        ctx = Context(rubric, tid, delay_hours=delay, event_evidence=event.evidence if event else None,
                      event_note=note, matches=matches, segmenter=self._segmenter)
        criteria = {cid: CRITERION_FUNCS[cid](f, ctx) for cid in CRITERIA}
        weights = rubric.weights_for(tid)
        total = sum(weights[c] * criteria[c].score for c in CRITERIA)

        found: list[Gate] = []
        pd = rubric.gates["personal_data"]
        found += gate_rules.personal_data(f.view, id_card=pd["id_card"], mobile=pd["mobile"],
                                          to_evidence=f.evidence)
        if tid == "urgent":
            lu = rubric.gates["late_urgent"]
            found += gate_rules.late_urgent(delay, warn_hours=lu["warn_hours"], max_hours=lu["max_hours"])
        dup = rubric.gates["near_duplicate"]
        found += gate_rules.near_duplicate(matches, threshold=dup["threshold"], same_facts=dup["same_facts"])

        key = _unique_key(self.index, "batch:" + batch_key)
        self.index.add(key, sub.text, title=sub.title, archived=False, signature=signature)
        result = ScreenResult(
            source=sub.name,
            title=sub.title,
            type=tid,
            type_inferred=inferred,
            total=total,
            grade=rubric.grade(total, (g.id for g in found if g.level == "gate")),
            rank=0,
            gates=tuple(g for g in found if g.level == "gate"),
            warnings=tuple(g for g in found if g.level != "gate"),
            criteria=criteria,
            text=sub.text,
            unit=sub.unit,
            event_at=event.at.isoformat(timespec="minutes") if event else None,
            submitted_at=sub.submitted_at.isoformat(timespec="minutes") if sub.submitted_at else None,
            delay_hours=delay,
            path=sub.path,
            format=sub.format,
        )
        return result, key


def _make_segmenter():  # noqa: ANN202 - djnlp.segment.JiebaSegmenter
    """djnlp's jieba segmenter with the 党建 lexicon; HMM off, since repetition counts only
    dictionary words and this halves the cost per submission."""
    from djnlp.segment import JiebaSegmenter

    return JiebaSegmenter(hmm=False)


def _sort_time(t: datetime | None) -> tuple[int, float]:
    if t is None:
        return (1, 0.0)
    return (0, t.replace(tzinfo=None).timestamp())


def _unique_key(index: ArchiveIndex, key: str) -> str:
    candidate, n = key, 1
    while candidate in index:
        n += 1
        candidate = f"{key}#{n}"
    return candidate


def _ranked(results: list[ScreenResult], gated_last: bool) -> list[ScreenResult]:
    order = sorted(range(len(results)),
                   key=lambda i: ((bool(results[i].gates) if gated_last else False), -results[i].total, i))
    rank = {i: n for n, i in enumerate(order, 1)}
    return [replace(r, rank=rank[i]) for i, r in enumerate(results)]
