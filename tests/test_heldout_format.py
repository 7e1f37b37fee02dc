"""Well-formedness of the held-out evaluation sets in corpus/heldout/ (no accuracy floors)."""
from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import pytest

HELDOUT = Path(__file__).resolve().parent.parent / "corpus" / "heldout"
ROUNDS = {"round1": HELDOUT, "round2": HELDOUT / "round2"}       # round 2 has no themes set
TASK_DOCUMENTS = {"round1": 4, "round2": 6}
THEMES = {"rural", "enterprise", "community", "organ", "general"}
KINDS = {"point", "span", "by", "within", "recurring", "event_relative", "vague"}
MODALITIES = {"obligation", "prohibition", "plan", "encouragement"}


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _iso(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value)


@pytest.mark.parametrize("round_name", ROUNDS)
def test_timex_records_are_well_formed(round_name: str) -> None:
    records = _lines(ROUNDS[round_name] / "timex.jsonl")
    assert len(records) >= 80
    assert sum(len(r["expected"]) for r in records) >= 150
    for r in records:
        date.fromisoformat(r["base"])
        pos = 0
        for e in r["expected"]:
            assert set(e) >= {"text", "kind", "start", "end", "granularity"}, e
            assert e["kind"] in KINDS, e
            i = r["text"].find(e["text"], pos)
            assert i >= 0, (e["text"], r["text"])
            pos = i + len(e["text"])
            start, end = _iso(e["start"]), _iso(e["end"])
            if e["kind"] in {"recurring", "event_relative", "vague"}:
                assert start is None and end is None, e
            elif e["kind"] == "by":
                assert start is None and end is not None, e
            else:
                assert start is not None, e
            if start and end:
                assert start <= end, e


def test_themes_records_are_well_formed() -> None:
    records = _lines(HELDOUT / "themes.jsonl")
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) >= 150
    for r in records:
        assert r["label"] in THEMES and r["labels"][0] == r["label"], r["id"]
        assert 1 <= len(r["labels"]) <= 2 and set(r["labels"]) <= THEMES, r["id"]
        assert len(set(r["labels"])) == len(r["labels"]), r["id"]
        assert 60 <= len(r["text"]) <= 600, r["id"]
        assert r["register"]
    per_theme = {t: sum(r["label"] == t for r in records) for t in THEMES}
    assert min(per_theme.values()) >= 30, per_theme
    assert sum(len(r["labels"]) == 2 for r in records) >= 15


@pytest.mark.parametrize("round_name", ROUNDS)
def test_task_annotations_point_into_their_documents(round_name: str) -> None:
    root = ROUNDS[round_name]
    annotations = _lines(root / "tasks" / "tasks.jsonl")
    docs = {a["doc"] for a in annotations}
    assert len(docs) == TASK_DOCUMENTS[round_name]
    texts = {d: (root / "tasks" / d).read_text(encoding="utf-8") for d in docs}
    for d, text in texts.items():
        assert 800 <= len(text) <= 2000, d
    for a in annotations:
        text = texts[a["doc"]]
        assert 0 <= a["start"] < a["end"] <= len(text), a
        assert text[a["start"]:a["end"]] == a["text"], a
        assert a["modality"] in MODALITIES, a
        assert isinstance(a["actors"], list)
        date.fromisoformat(a["base"])
        if a["deadline"] is not None:
            assert set(a["deadline"]) == {"start", "end"}
            assert _iso(a["deadline"]["end"]) is not None
            _iso(a["deadline"]["start"])


@pytest.mark.parametrize("path", [HELDOUT / "themes.jsonl", *(root / name for root in ROUNDS.values()
                                                               for name in ("timex.jsonl", "tasks/tasks.jsonl"))])
def test_files_are_utf8_jsonl_without_blank_records(path: Path) -> None:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    for line in raw.decode("utf-8").splitlines():
        assert isinstance(json.loads(line), dict)
