"""The screening rubric: criteria weights, norms per type, word lists and the year's priorities.

A rubric is a TOML file (the packaged default lives in ``djnlp/data/rubric/default.toml``).
:func:`load_rubric` validates every key and raises :class:`~djnlp.errors.ConfigError` with a
one-line message naming the bad key.

>>> rubric = load_rubric()
>>> rubric.types["urgent"].label
'紧急情况'
>>> round(sum(rubric.weights_for("news").values()), 6)
1.0
"""
from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import Any

from djnlp.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CRITERIA = ("topic", "standpoint", "concise", "substance", "depth", "objectivity", "timeliness", "originality")
"""Criterion ids, in report order."""

CRITERION_LABELS = {
    "topic": "选题准",
    "standpoint": "立意高",
    "concise": "文字精",
    "substance": "内容实",
    "depth": "深度开发",
    "objectivity": "客观实在",
    "timeliness": "报送快",
    "originality": "原创",
}

TYPES = ("experience", "problem", "news", "urgent")
"""Submission type ids: 经验类, 问题类, 动态类, 紧急情况."""

WORDLISTS = ("cliche", "inflation", "vague", "modality", "higher_level", "routine", "moves", "facts")

_PACKAGED = "packaged default rubric"

_SCHEMA: dict[str, set[str]] = {
    "": {"rubric", "grades", "weights", "ranking", "types", "concise", "substance", "objectivity",
         "originality", "gates", "wordlists", "priorities"},
    "rubric": {"name", "year", "version"},
    "ranking": {"gated_last"},
    "type": {"label", "length", "title_max", "timeliness_half_hours", "cues", "weights"},
    "concise": {"title_cliche_weight", "lead_cliche_weight", "cliche_penalty", "clause_max", "repeat_max",
                "empty_sentence_share"},
    "substance": {"scale"},
    "objectivity": {"unsupported_penalty", "supported_penalty", "inconsistent_penalty"},
    "originality": {"shingle", "num_perm", "lsh_threshold", "seed"},
    "gates": {"late_urgent", "near_duplicate", "personal_data"},
    "late_urgent": {"warn_hours", "max_hours", "max_grade"},
    "near_duplicate": {"threshold", "same_facts", "max_grade"},
    "personal_data": {"id_card", "mobile", "max_grade"},
    "wordlists": {*WORDLISTS, "extra"},
    "priority": {"name", "keywords"},
}


@dataclass(frozen=True)
class TypeNorm:
    """Norms for one submission type."""

    id: str
    label: str
    length: tuple[int, int]
    title_max: int
    timeliness_half_hours: float
    cues: tuple[str, ...]
    weights: Mapping[str, float]


@dataclass(frozen=True)
class Priority:
    """One of the year's key priorities (重点工作) with the phrases that signal it."""

    name: str
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Rubric:
    """A validated rubric; build it with :func:`load_rubric`."""

    name: str
    year: int
    source: str
    grades: tuple[tuple[str, float], ...]
    weights: Mapping[str, float]
    types: Mapping[str, TypeNorm]
    gated_last: bool
    concise: Mapping[str, float]
    substance: Mapping[str, float]
    objectivity: Mapping[str, float]
    originality: Mapping[str, float]
    gates: Mapping[str, Mapping[str, Any]]
    wordlists: Mapping[str, tuple[str, ...]]
    priorities: tuple[Priority, ...] = field(default=())

    def weights_for(self, type_id: str) -> dict[str, float]:
        """Criterion weights for a type, normalised to sum 1."""
        merged = dict(self.weights)
        merged.update(self.types[type_id].weights)
        total = sum(merged.values())
        return {c: merged.get(c, 0.0) / total for c in CRITERIA}

    def grade(self, total: float, gate_ids: Iterable[str] = ()) -> str:
        """The grade label for a total score, no better than the ``max_grade`` of any gate tripped
        (a report past 24 h or a duplicate is 差 however well written)."""
        order = [label for label, _ in self.grades]
        found = next((label for label, bound in self.grades if total >= bound), order[-1])
        caps = [self.gates[g].get("max_grade") for g in gate_ids if g in self.gates]
        return max([found, *(c for c in caps if c)], key=order.index)

    def type_id(self, value: str) -> str:
        """Resolve a type id or Chinese label (``"问题类"`` → ``"problem"``); ConfigError if unknown."""
        text = value.strip()
        if text in self.types:
            return text
        for norm in self.types.values():
            if text in (norm.label, norm.label.rstrip("类")):
                return norm.id
        known = ", ".join(f"{t.id}/{t.label}" for t in self.types.values())
        raise ConfigError(None, f"unknown submission type {value!r} (known: {known})")


def load_rubric(path: str | os.PathLike[str] | None = None) -> Rubric:
    """Load and validate a rubric TOML file; ``None`` loads the packaged default."""
    if path is None:
        raw_bytes = (files("djnlp") / "data" / "rubric" / "default.toml").read_bytes()
        source, base = _PACKAGED, None
    else:
        p = Path(path)
        source, base = str(p), p.parent
        try:
            raw_bytes = p.read_bytes()
        except OSError as err:
            raise ConfigError(source, f"cannot read rubric: {err.strerror}") from None
    try:
        data = tomllib.loads(raw_bytes.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ConfigError(source, "rubric is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(source, f"invalid TOML: {err}") from None
    return parse_rubric(data, source=source, base=base)


def parse_rubric(data: Mapping[str, Any], *, source: str = "<rubric>", base: Path | None = None) -> Rubric:
    """Validate a rubric already parsed from TOML (see :func:`load_rubric`)."""
    v = _Validator(source)
    v.keys(data, "", "top level")
    meta = v.table(data, "rubric", required=False)
    v.keys(meta, "rubric", "[rubric]")

    grades_raw = v.table(data, "grades")
    grades = tuple(sorted(((str(k), v.number(val, f"grades.{k}", 0, 100)) for k, val in grades_raw.items()),
                          key=lambda kv: -kv[1]))
    if not grades:
        v.fail("[grades] must name at least one grade")

    weights = _weights(v, v.table(data, "weights"), "weights", require_all=True)

    types_raw = v.table(data, "types")
    types: dict[str, TypeNorm] = {}
    for tid, tval in types_raw.items():
        if tid not in TYPES:
            v.fail(f"unknown type [types.{tid}] (known: {', '.join(TYPES)})")
        if not isinstance(tval, Mapping):
            v.fail(f"[types.{tid}] must be a table")
        v.keys(tval, "type", f"[types.{tid}]")
        length = tval.get("length")
        if (not isinstance(length, list) or len(length) != 2 or not all(isinstance(x, int) for x in length)
                or not 0 < length[0] < length[1]):
            v.fail(f"types.{tid}.length must be [min, max] with 0 < min < max characters")
        types[tid] = TypeNorm(
            id=tid,
            label=v.string(tval.get("label", tid), f"types.{tid}.label"),
            length=(length[0], length[1]),
            title_max=int(v.number(tval.get("title_max"), f"types.{tid}.title_max", 5, 200)),
            timeliness_half_hours=v.number(tval.get("timeliness_half_hours"),
                                           f"types.{tid}.timeliness_half_hours", 0.1, 1e6),
            cues=v.strings(tval.get("cues", []), f"types.{tid}.cues"),
            weights=_weights(v, tval.get("weights", {}), f"types.{tid}.weights", require_all=False),
        )
    missing = [t for t in TYPES if t not in types]
    if missing:
        v.fail(f"[types] lacks {', '.join(missing)}")
    for tid in TYPES:
        merged = {**weights, **types[tid].weights}
        if sum(merged.values()) <= 0:
            v.fail(f"weights for type {tid} sum to 0")

    ranking = v.table(data, "ranking", required=False)
    v.keys(ranking, "ranking", "[ranking]")

    sections = {}
    for name, bounds in {
        "concise": {"title_cliche_weight": (0, 20), "lead_cliche_weight": (0, 20), "cliche_penalty": (0, 10),
                    "clause_max": (5, 500), "repeat_max": (1, 100), "empty_sentence_share": (0.01, 1)},
        "substance": {"scale": (0.1, 1000)},
        "objectivity": {"unsupported_penalty": (0, 10), "supported_penalty": (0, 10),
                        "inconsistent_penalty": (0, 10)},
        "originality": {"shingle": (2, 20), "num_perm": (16, 1024), "lsh_threshold": (0.05, 0.99),
                        "seed": (0, 2**32)},
    }.items():
        table = v.table(data, name)
        v.keys(table, name, f"[{name}]")
        sections[name] = {k: v.number(table.get(k), f"{name}.{k}", lo, hi) for k, (lo, hi) in bounds.items()}

    gates_raw = v.table(data, "gates")
    v.keys(gates_raw, "gates", "[gates]")
    late = v.table(gates_raw, "late_urgent", where="gates.late_urgent")
    v.keys(late, "late_urgent", "[gates.late_urgent]")
    dup = v.table(gates_raw, "near_duplicate", where="gates.near_duplicate")
    v.keys(dup, "near_duplicate", "[gates.near_duplicate]")
    pdata = v.table(gates_raw, "personal_data", where="gates.personal_data")
    v.keys(pdata, "personal_data", "[gates.personal_data]")
    warn_h = v.number(late.get("warn_hours"), "gates.late_urgent.warn_hours", 0, 1e4)
    max_h = v.number(late.get("max_hours"), "gates.late_urgent.max_hours", 0, 1e4)
    if warn_h > max_h:
        v.fail("gates.late_urgent.warn_hours must not exceed max_hours")
    threshold = v.number(dup.get("threshold"), "gates.near_duplicate.threshold", 0.05, 1.0)
    if threshold < sections["originality"]["lsh_threshold"]:
        v.fail("gates.near_duplicate.threshold must be ≥ originality.lsh_threshold")
    gates = {
        "late_urgent": {"warn_hours": warn_h, "max_hours": max_h},
        "near_duplicate": {"threshold": threshold, "same_facts": v.number(
            dup.get("same_facts", 1.01), "gates.near_duplicate.same_facts", 0.5, 1.01)},
        "personal_data": {k: v.boolean(pdata.get(k, True), f"gates.personal_data.{k}") for k in ("id_card", "mobile")},
    }
    labels = [label for label, _ in grades]
    for gate_id, table in (("late_urgent", late), ("near_duplicate", dup), ("personal_data", pdata)):
        cap = table.get("max_grade")
        if cap is not None and cap not in labels:
            v.fail(f"gates.{gate_id}.max_grade = {cap!r} is not a grade (one of {', '.join(labels)})")
        gates[gate_id]["max_grade"] = cap

    wl_raw = v.table(data, "wordlists")
    v.keys(wl_raw, "wordlists", "[wordlists]")
    extra = wl_raw.get("extra", {})
    if not isinstance(extra, Mapping):
        v.fail("[wordlists.extra] must be a table")
    for key in extra:
        if key not in WORDLISTS:
            v.fail(f"unknown key {key!r} in [wordlists.extra] (known: {', '.join(WORDLISTS)})")
    wordlists = {}
    for key in WORDLISTS:
        fname = v.string(wl_raw.get(key), f"wordlists.{key}")
        words = _read_wordlist(fname, base, v) + v.strings(extra.get(key, []), f"wordlists.extra.{key}")
        wordlists[key] = tuple(dict.fromkeys(words))

    priorities = []
    raw_priorities = data.get("priorities", [])
    if not isinstance(raw_priorities, list):
        v.fail("priorities must be an array of tables ([[priorities]])")
    for i, item in enumerate(raw_priorities):
        where = f"priorities[{i}]"
        if not isinstance(item, Mapping):
            v.fail(f"{where} must be a table ([[priorities]])")
        v.keys(item, "priority", f"[[priorities]] #{i + 1}")
        name = v.string(item.get("name"), f"{where}.name")
        keywords = v.strings(item.get("keywords"), f"{where}.keywords")
        if not keywords:
            v.fail(f"{where}.keywords must list at least one phrase")
        priorities.append(Priority(name=name, keywords=keywords))

    return Rubric(
        name=v.string(meta.get("name", "rubric"), "rubric.name"),
        year=int(v.number(meta.get("year", 0), "rubric.year", 0, 9999)),
        source=source,
        grades=grades,
        weights=weights,
        types=types,
        gated_last=v.boolean(ranking.get("gated_last", True), "ranking.gated_last"),
        concise=sections["concise"],
        substance=sections["substance"],
        objectivity=sections["objectivity"],
        originality=sections["originality"],
        gates=gates,
        wordlists=wordlists,
        priorities=tuple(priorities),
    )


def _weights(v: _Validator, table: Any, where: str, *, require_all: bool) -> dict[str, float]:
    if not isinstance(table, Mapping):
        v.fail(f"[{where}] must be a table of criterion = weight")
    for key in table:
        if key not in CRITERIA:
            v.fail(f"unknown criterion {key!r} in [{where}] (known: {', '.join(CRITERIA)})")
    if require_all:
        missing = [c for c in CRITERIA if c not in table]
        if missing:
            v.fail(f"[{where}] lacks {', '.join(missing)}")
    return {k: v.number(val, f"{where}.{k}", 0, 100) for k, val in table.items()}


def _read_wordlist(name: str, base: Path | None, v: _Validator) -> tuple[str, ...]:
    """Lines of a word list, next to the rubric first, else packaged; '#' comments dropped."""
    candidates = []
    if base is not None:
        candidates.append(base / name)
    if os.sep not in name and "/" not in name:
        candidates.append(files("djnlp") / "data" / "rubric" / name)
    for cand in candidates:
        if cand.is_file():
            text = cand.read_bytes().decode("utf-8-sig")
            return tuple(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))
    v.fail(f"word list {name!r} not found next to the rubric or in djnlp's data")
    raise AssertionError("unreachable")


class _Validator:
    """Small helpers that raise ConfigError naming the rubric and the key."""

    def __init__(self, source: str) -> None:
        self.source = source

    def fail(self, reason: str) -> None:
        raise ConfigError(self.source, reason)

    def keys(self, table: Mapping[str, Any], schema: str, where: str) -> None:
        for key in table:
            if key not in _SCHEMA[schema]:
                allowed = ", ".join(sorted(_SCHEMA[schema]))
                self.fail(f"unknown key {key!r} in {where} (allowed: {allowed})")

    def table(self, data: Mapping[str, Any], key: str, *, required: bool = True, where: str | None = None) -> Mapping[str, Any]:
        value = data.get(key)
        if value is None:
            if required:
                self.fail(f"missing [{where or key}] table")
            return {}
        if not isinstance(value, Mapping):
            self.fail(f"[{where or key}] must be a table")
        return value

    def number(self, value: Any, where: str, lo: float, hi: float) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(f"{where} must be a number, got {value!r}")
        if not lo <= value <= hi:
            self.fail(f"{where} = {value} is out of range [{lo:g}, {hi:g}]")
        return float(value)

    def string(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not value.strip():
            self.fail(f"{where} must be a non-empty string")
        return value.strip()

    def strings(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list) or not all(isinstance(x, str) and x.strip() for x in value):
            self.fail(f"{where} must be a list of non-empty strings")
        return tuple(x.strip() for x in value)

    def boolean(self, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            self.fail(f"{where} must be true or false")
        return value
