"""Score djnlp's timex, themes and tasks on the independent held-out sets in corpus/heldout/.

The sets were written by a second author who never saw the rules (see corpus/heldout/README.md).
Only the public API is used: ``djnlp.extract_times``, ``djnlp.classify``, ``djnlp.extract_tasks``.

    python benchmarks/heldout.py                 # numbers only
    python benchmarks/heldout.py --errors 40     # plus up to 40 errors per component
"""
from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable, Sequence

import djnlp

HELDOUT = Path(__file__).resolve().parent.parent / "corpus" / "heldout"
# round 1 was used to fix rules after its first run; each later round is scored blind once first
ROUNDS = {"round1": HELDOUT, "round2": HELDOUT / "round2"}
FILES = {"timex": "timex.jsonl", "themes": "themes.jsonl", "tasks": "tasks/tasks.jsonl",
         "screening": "screening/expected.jsonl"}
THEMES = ("rural", "enterprise", "community", "organ", "general")
NULL_KINDS = {"recurring", "event_relative", "vague"}


def _rel(root: Path) -> str:
    return root.relative_to(HELDOUT.parent.parent).as_posix()


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _match(gold: Sequence[tuple[int, int]], pred: Sequence[tuple[int, int]],
           ok=lambda g, p, ov: ov > 0) -> dict[int, int]:
    """Greedy one-to-one matching, largest overlap first; returns {gold index: pred index}."""
    pairs = sorted(((_overlap(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)),
                   reverse=True)
    used_g: dict[int, int] = {}
    used_p: set[int] = set()
    for ov, gi, pi in pairs:
        if gi in used_g or pi in used_p or not ok(gold[gi], pred[pi], ov):
            continue
        used_g[gi] = pi
        used_p.add(pi)
    return used_g


def _prf(tp: int, n_pred: int, n_gold: int) -> tuple[float, float, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _interval(value: dict[str, Any] | None) -> tuple[str | None, str | None]:
    return (None, None) if value is None else (value.get("start"), value.get("end"))


def _days(iv: tuple[str | None, str | None]) -> tuple[str | None, str | None]:
    return tuple(x[:10] if x else None for x in iv)  # type: ignore[return-value]


@dataclass
class Report:
    lines: list[str]
    errors: list[str]


# ---------------------------------------------------------------- timex
def bench_timex(root: Path = HELDOUT) -> Report:
    records = _lines(root / "timex.jsonl")
    n_gold = n_pred = tp = 0
    resolvable = exact_matched = exact_all = day_all = anchor_day = 0
    kind_ok = kind_loose = 0
    errors: list[str] = []
    loose = {"point": "pt", "span": "pt", "within": "pt"}
    for r in records:
        got = [x.to_dict() for x in djnlp.extract_times(r["text"], base=date.fromisoformat(r["base"]))]
        gold_spans, pos = [], 0
        for e in r["expected"]:
            i = r["text"].find(e["text"], pos)
            gold_spans.append((i, i + len(e["text"])))
            pos = i + len(e["text"])
        pred_spans = [(g["start"], g["end"]) for g in got]
        m = _match(gold_spans, pred_spans)
        n_gold += len(gold_spans)
        n_pred += len(pred_spans)
        tp += len(m)
        for gi, e in enumerate(r["expected"]):
            exp_iv = (e["start"], e["end"])
            if gi not in m:
                errors.append(f"MISS  [{r['base']}] {r['text']}\n      expected {e['text']!r} {e['kind']} {exp_iv}")
                if e["kind"] not in NULL_KINDS:
                    resolvable += 1
                continue
            g = got[m[gi]]
            got_iv = _interval(g["value"])
            kind_ok += g["kind"] == e["kind"]
            kind_loose += loose.get(g["kind"], g["kind"]) == loose.get(e["kind"], e["kind"])
            problems = []
            if g["kind"] != e["kind"]:
                problems.append("kind")
            if e["kind"] not in NULL_KINDS:
                resolvable += 1
                if got_iv == exp_iv:
                    exact_matched += 1
                    exact_all += 1
                else:
                    problems.append("interval")
                day_all += _days(got_iv) == _days(exp_iv)
                # the bound that carries the meaning: end for deadlines, start otherwise
                key = 1 if e["kind"] == "by" else 0
                anchor_day += _days(got_iv)[key] == _days(exp_iv)[key] is not None
            if g["text"] != e["text"]:
                problems.append("boundary")
            if problems:
                note = f"  note: {e['note']}" if e.get("note") else ""
                errors.append(
                    f"{'/'.join(problems).upper():6}[{r['base']}] {r['text']}\n"
                    f"      expected {e['text']!r} {e['kind']} {exp_iv}{note}\n"
                    f"      got      {g['text']!r} {g['kind']} {got_iv}")
        for pi, g in enumerate(got):
            if pi not in m.values():
                errors.append(f"EXTRA [{r['base']}] {r['text']}\n      got {g['text']!r} {g['kind']} {_interval(g['value'])}")
    p, rc, f = _prf(tp, n_pred, n_gold)
    lines = [
        f"timex  data: {_rel(root)}/timex.jsonl ({len(records)} sentences, {n_gold} expressions, {resolvable} with a calendar interval)",
        f"  detection (any overlap): P {p:.3f}  R {rc:.3f}  F1 {f:.3f}  (pred {n_pred}, matched {tp})",
        f"  exact interval: {exact_all}/{resolvable} = {exact_all / resolvable:.3f} of resolvable gold; "
        f"same days: {day_all / resolvable:.3f}; same key day (end of a deadline, else start): {anchor_day / resolvable:.3f}",
        f"  kind accuracy (matched): {kind_ok / tp:.3f}; with point/span/within merged: {kind_loose / tp:.3f}",
    ]
    return Report(lines, errors)


# ---------------------------------------------------------------- themes
def bench_themes(root: Path = HELDOUT) -> Report:
    records = _lines(root / "themes.jsonl")
    confusion = Counter()
    errors: list[str] = []
    multi_hits = multi_total = top2_hits = 0
    for r in records:
        res = djnlp.classify(r["text"])
        confusion[(r["label"], res.theme)] += 1
        ranked = sorted(res.scores, key=res.scores.get, reverse=True)
        if len(r["labels"]) == 2:
            for lab in r["labels"]:
                multi_total += 1
                multi_hits += res.scores.get(lab, 0.0) >= 0.5
            top2_hits += set(ranked[:2]) == set(r["labels"])
        if res.theme != r["label"] or (len(r["labels"]) == 2 and r["labels"][1] not in ranked[:2]):
            top = ", ".join(f"{k} {res.scores[k]:.2f}" for k in ranked[:3])
            errors.append(f"{r['id']} [{r['register']}] gold {'+'.join(r['labels'])} → got {res.theme} ({top})\n"
                          f"      {r['text'][:110]}")
    n = len(records)
    acc = sum(confusion[(t, t)] for t in THEMES) / n
    f1s = []
    for t in THEMES:
        tp = confusion[(t, t)]
        _, _, f = _prf(tp, sum(confusion[(g, t)] for g in THEMES), sum(confusion[(t, p)] for p in THEMES))
        f1s.append(f)
    n_multi = sum(len(r["labels"]) == 2 for r in records)
    lines = [
        f"themes data: {_rel(root)}/themes.jsonl ({n} passages, {n_multi} multi-label)",
        f"  accuracy {acc:.3f}  macro-F1 {sum(f1s) / len(f1s):.3f}  "
        + "  ".join(f"{t} {f:.2f}" for t, f in zip(THEMES, f1s)),
        f"  multi-label: recall of gold labels at score>=0.5 {multi_hits}/{multi_total} = {multi_hits / multi_total:.3f}; "
        f"top-2 = gold pair {top2_hits}/{n_multi}",
        "  confusion (rows gold, cols predicted): " + " ".join(f"{t[:5]:>5}" for t in THEMES),
    ]
    for g in THEMES:
        lines.append(f"    {g:<10}" + " ".join(f"{confusion[(g, p)]:>5}" for p in THEMES))
    return Report(lines, errors)


# ---------------------------------------------------------------- tasks
def _actors(t: dict[str, Any]) -> list[str]:
    out: list[str] = []
    for key in ("actors", "lead", "support"):
        for a in t.get(key) or []:
            if a not in out:
                out.append(a)
    return out


def bench_tasks(root: Path = HELDOUT) -> Report:
    gold_all = _lines(root / "tasks" / "tasks.jsonl")
    docs = sorted({g["doc"] for g in gold_all})
    n_gold = n_pred = tp = 0
    a_tp = a_pred = a_gold = 0
    mod_ok = dl_ok = dl_end_ok = dl_total = 0
    unmarked = unmarked_found = 0
    errors: list[str] = []
    for doc in docs:
        text = (root / "tasks" / doc).read_text(encoding="utf-8")
        gold = [g for g in gold_all if g["doc"] == doc]
        base = date.fromisoformat(gold[0]["base"])
        got = [t.to_dict() for t in djnlp.extract_tasks(text, base=base)]
        gs = [(g["start"], g["end"]) for g in gold]
        ps = [(t["start"], t["end"]) for t in got]
        m = _match(gs, ps, ok=lambda g, p, ov: ov >= 0.5 * max(g[1] - g[0], p[1] - p[0]))
        n_gold += len(gold)
        n_pred += len(got)
        tp += len(m)
        for gi, g in enumerate(gold):
            unmarked += g["marker"] is None
            if g["deadline"] is not None:
                dl_total += 1
            if gi not in m:
                errors.append(f"MISS  {doc}: {g['text']}\n      expected {g['modality']} actors={g['actors']} deadline={_interval(g['deadline'])}")
                continue
            unmarked_found += g["marker"] is None
            t = got[m[gi]]
            got_actors = _actors(t)
            common = len(set(got_actors) & set(g["actors"]))
            a_tp += common
            a_pred += len(set(got_actors))
            a_gold += len(set(g["actors"]))
            mod_ok += t["modality"] == g["modality"]
            got_dl = _interval(t["deadline"]["value"]) if t.get("deadline") and t["deadline"].get("value") else None
            exp_dl = _interval(g["deadline"]) if g["deadline"] else None
            if exp_dl is not None:
                dl_ok += got_dl == exp_dl
                dl_end_ok += got_dl is not None and got_dl[1] == exp_dl[1]
            problems = []
            if t["modality"] != g["modality"]:
                problems.append("modality")
            if set(got_actors) != set(g["actors"]):
                problems.append("actors")
            if got_dl != exp_dl:
                problems.append("deadline")
            if problems:
                errors.append(f"{'/'.join(problems).upper()} {doc}: {g['text']}\n"
                              f"      expected {g['modality']} actors={g['actors']} deadline={exp_dl}\n"
                              f"      got      {t['modality']} actors={got_actors} deadline={got_dl} span={t['text']!r}")
        for pi, t in enumerate(got):
            if pi not in m.values():
                errors.append(f"EXTRA {doc}: {t['text']!r} ({t['modality']}, cue {t.get('cue')})")
    p, r, f = _prf(tp, n_pred, n_gold)
    ap, ar, af = _prf(a_tp, a_pred, a_gold)
    lines = [
        f"tasks  data: {_rel(root)}/tasks/ ({len(docs)} documents, {n_gold} directives, {unmarked} without a modal word)",
        f"  span (overlap >= 50% of the longer span): P {p:.3f}  R {r:.3f}  F1 {f:.3f}  (pred {n_pred}, matched {tp}; "
        f"unmarked found {unmarked_found}/{unmarked})",
        f"  actors (matched tasks, actors+lead+support, exact strings): P {ap:.3f}  R {ar:.3f}  F1 {af:.3f}",
        f"  modality accuracy (matched): {mod_ok / tp:.3f}" if tp else "  modality: no matches",
        f"  deadline exact interval: {dl_ok}/{dl_total} = {dl_ok / dl_total:.3f} of gold deadlines; same end: {dl_end_ok}/{dl_total}",
    ]
    return Report(lines, errors)


# ---------------------------------------------------------------- screening
GRADES = {"优": 4, "良": 3, "中": 2, "差": 1}
LEVELS = {"high": (70, 101), "mid": (45, 70), "low": (-1, 45)}


def _spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Spearman's rho with average ranks for ties."""
    def ranks(v: Sequence[float]) -> list[float]:
        order = sorted(range(len(v)), key=lambda i: v[i])
        out = [0.0] * len(v)
        i = 0
        while i < len(order):
            j = i
            while j + 1 < len(order) and v[order[j + 1]] == v[order[i]]:
                j += 1
            for k in range(i, j + 1):
                out[order[k]] = (i + j) / 2
            i = j + 1
        return out
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry))
    var = (sum((a - mx) ** 2 for a in rx) * sum((b - my) ** 2 for b in ry)) ** 0.5
    return cov / var if var else 0.0


def bench_screening(root: Path = HELDOUT) -> Report:
    """Per-criterion level agreement, gates and warnings, and agreement with the editor's grade:
    exact grade, Spearman between total and grade, and how often a 优/良 item outranks a 差 one."""
    from djnlp.screening import Screener, load_submissions

    folder = root / "screening"
    expected = {r["file"]: r for r in _lines(folder / "expected.jsonl")}
    results = Screener().screen(load_submissions([folder]))
    per: dict[str, list[bool]] = {}
    errors: list[str] = []
    counts = {kind: Counter() for kind in ("gate", "warning")}      # tp, pred, gold per kind
    grade_ok = 0
    totals, grades = [], []
    for r in results:
        exp = expected[r.source]
        for cid, level in exp["expected"].items():
            lo, hi = LEVELS[level]
            ok = lo <= r.criteria[cid].score < hi
            per.setdefault(cid, []).append(ok)
            if not ok:
                errors.append(f"LEVEL {r.source} {cid}: editor {level}, djnlp {r.criteria[cid].score:.0f}")
        for kind, got, gold in (("gate", {g.id for g in r.gates}, set(exp["gates"])),
                                ("warning", {g.id for g in r.warnings}, set(exp["warnings"]))):
            counts[kind].update(tp=len(got & gold), pred=len(got), gold=len(gold))
            if got != gold:
                errors.append(f"{kind.upper()} {r.source}: editor {sorted(gold)}, djnlp {sorted(got)}")
        grade_ok += r.grade == exp["editor_grade"]
        if r.grade != exp["editor_grade"]:
            errors.append(f"GRADE {r.source}: editor {exp['editor_grade']}, djnlp {r.grade} ({r.total:.1f}) — {exp['editor_rank_note']}")
        totals.append(r.total)
        grades.append(GRADES[exp["editor_grade"]])
    good = [t for t, g in zip(totals, grades) if g >= 3]
    poor = [t for t, g in zip(totals, grades) if g == 1]
    pairs = sum(a > b for a in good for b in poor) / max(len(good) * len(poor), 1)
    labels = sum(len(v) for v in per.values())
    agree = sum(sum(v) for v in per.values())
    lines = [
        f"screening data: {_rel(root)}/screening/ ({len(results)} submissions, {labels} criterion labels, editor grades)",
        f"  criterion levels agree: {agree}/{labels} = {agree / max(labels, 1):.3f}; "
        + "  ".join(f"{cid} {sum(v)}/{len(v)}" for cid, v in sorted(per.items())),
        "  " + "  ".join(f"{kind}s: P {p:.3f} R {r:.3f}" for kind, c in counts.items()
                         for p, r, _ in [_prf(c["tp"], c["pred"], c["gold"])]),
        f"  editor grade: exact {grade_ok}/{len(results)} = {grade_ok / max(len(results), 1):.3f}; Spearman(total, grade) "
        f"{_spearman(totals, grades):.3f}; 优/良 item above 差 item in {pairs:.3f} of pairs",
    ]
    return Report(lines, errors)


def main(argv: Iterable[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--errors", type=int, default=0, help="print up to N errors per component")
    ap.add_argument("--only", choices=tuple(FILES), action="append")
    ap.add_argument("--round", choices=sorted(ROUNDS), action="append",
                    help="which set (default: every round present)")
    args = ap.parse_args(list(argv) if argv is not None else None)
    benches = {"timex": bench_timex, "themes": bench_themes, "tasks": bench_tasks, "screening": bench_screening}
    for round_name in args.round or ROUNDS:
        root = ROUNDS[round_name]
        for name in args.only or benches:
            if not (root / FILES[name]).exists():
                continue
            _run_one(f"[{round_name}] ", benches[name](root), args.errors)
    return 0


def _run_one(label: str, rep: Report, errors: int) -> None:
    """Print a component's numbers (the first line labelled with its round) and its first errors."""
    print("\n".join([label + rep.lines[0], *rep.lines[1:]]))
    if errors:
        print(f"  -- {len(rep.errors)} errors, first {min(errors, len(rep.errors))}:")
        for e in rep.errors[:errors]:
            print("  " + e)
    print()


if __name__ == "__main__":
    raise SystemExit(main())
