"""Result model of screening: frozen dataclasses with one ``to_dict()`` path to JSON.

The JSON shape is published in ``djnlp/schema/screen.schema.json``.

>>> ev = Evidence(0, 4, "高度重视", "套话")
>>> ev.to_dict()
{'start': 0, 'end': 4, 'text': '高度重视', 'note': '套话', 'kind': 'minus'}
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """A passage that earned (``kind="plus"``) or lost (``"minus"``) points, or context (``"info"``).

    Offsets are into the submission text as read.
    """

    start: int
    end: int
    text: str
    note: str
    kind: str = "minus"

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text, "note": self.note, "kind": self.kind}


@dataclass(frozen=True)
class Match:
    """An earlier item that a submission resembles (原创 / near_duplicate)."""

    source: str
    title: str
    similarity: float
    archived: bool
    shared_facts: float = 0.0       # share of the numbers reported (46名, 72%) the two have in common

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "title": self.title, "similarity": round(self.similarity, 3),
                "archived": self.archived, "shared_facts": round(self.shared_facts, 3)}


@dataclass(frozen=True)
class CriterionResult:
    """Score 0–100 for one criterion, with the evidence behind it and advice in Chinese."""

    score: float
    evidence: tuple[Evidence, ...] = ()
    advice: tuple[str, ...] = ()
    matches: tuple[Match, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "score": round(self.score, 1),
            "evidence": [e.to_dict() for e in self.evidence],
            "advice": list(self.advice),
        }
        if self.matches:
            out["matches"] = [m.to_dict() for m in self.matches]
        return out


@dataclass(frozen=True)
class Gate:
    """A must-fix finding (``level="gate"``) or a warning, outside the weighted total."""

    id: str
    message: str
    level: str = "gate"
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "message": self.message}
        if self.evidence:
            out["evidence"] = [e.to_dict() for e in self.evidence]
        return out


@dataclass(frozen=True)
class ScreenResult:
    """The verdict on one submission."""

    source: str
    title: str
    type: str
    type_inferred: bool
    total: float
    grade: str
    rank: int
    gates: tuple[Gate, ...]
    warnings: tuple[Gate, ...]
    criteria: dict[str, CriterionResult]
    text: str = field(repr=False, default="")
    unit: str | None = None
    event_at: str | None = None
    submitted_at: str | None = None
    delay_hours: float | None = None
    path: str | None = field(repr=False, default=None)
    format: str = "txt"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready dict (see ``djnlp/schema/screen.schema.json``)."""
        return {
            "source": self.source,
            "title": self.title,
            "type": self.type,
            "type_inferred": self.type_inferred,
            "unit": self.unit,
            "event_at": self.event_at,
            "submitted_at": self.submitted_at,
            "delay_hours": None if self.delay_hours is None else round(self.delay_hours, 2),
            "total": round(self.total, 1),
            "grade": self.grade,
            "rank": self.rank,
            "gates": [g.to_dict() for g in self.gates],
            "warnings": [g.to_dict() for g in self.warnings],
            "criteria": {k: v.to_dict() for k, v in self.criteria.items()},
        }
