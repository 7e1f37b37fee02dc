"""Pre-screen 组工信息 submissions against the editorial criteria 选题准、立意高、文字精、内容实、报送快.

Eight criteria (topic, standpoint, concise, substance, depth, objectivity, timeliness,
originality) each score 0–100 with evidence spans and advice; must-fix gates (late urgent
report, near-duplicate, personal data) stay outside the weighted total. The rubric is a TOML
file an office edits each year (``djnlp/data/rubric/default.toml``).

>>> from djnlp.screening import Submission, screen
>>> [r] = screen([Submission.from_text("柳河镇推行“村事夜议”\\n今年以来，柳河镇在12个村推行“村事夜议”。",
...                                    type="experience")])
>>> sorted(r.to_dict()["criteria"]) == sorted(CRITERIA)
True
"""
from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import datetime

from djnlp.screening.result import CriterionResult, Evidence, Gate, Match, ScreenResult
from djnlp.screening.rubric import CRITERIA, CRITERION_LABELS, TYPES, Rubric, load_rubric
from djnlp.screening.screener import Progress, Screener
from djnlp.screening.submission import Submission, load_submissions, with_meta

__all__ = [
    "CRITERIA", "CRITERION_LABELS", "TYPES", "CriterionResult", "Evidence", "Gate", "Match", "Rubric",
    "ScreenResult", "Screener", "Submission", "load_rubric", "load_submissions", "screen",
]

Item = str | os.PathLike[str] | Submission


def screen(items: Item | Iterable[Item], *, rubric: Rubric | str | os.PathLike[str] | None = None,
           archive: str | os.PathLike[str] | None = None, manifest: str | os.PathLike[str] | None = None,
           type: str | None = None, unit: str | None = None, event_at: str | datetime | None = None,
           submitted_at: str | datetime | None = None, progress: Progress | None = None) -> list[ScreenResult]:
    """Screen files, folders or :class:`Submission` objects; results in input order with ranks.

    ``type``/``unit``/``event_at``/``submitted_at`` apply to every item (they override a
    manifest and .docx properties); ``archive`` is a folder of earlier items.
    """
    if isinstance(items, (str, os.PathLike, Submission)):
        items = [items]
    meta = {"type": type, "unit": unit, "event_at": event_at, "submitted_at": submitted_at}
    subs: list[Submission] = []
    for item in items:
        if isinstance(item, Submission):
            subs.append(with_meta(item, **meta))
        else:
            subs.extend(load_submissions([item], manifest=manifest, **meta))
    return Screener(rubric, archive=archive).screen(subs, progress=progress)
