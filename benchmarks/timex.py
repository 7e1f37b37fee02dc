"""Accuracy and speed of djnlp.timex.

Accuracy on corpus/timex/gold.jsonl (hand-labelled sentences, each with its base date):
  * detection precision / recall / F1 — a prediction counts when its offsets equal a gold span;
  * interval accuracy — gold expressions whose predicted value (start and end, or null) is exactly
    the gold value, over all gold expressions (a missed expression counts as wrong) and over the found ones;
  * kind and granularity accuracy over the found expressions.
Checks on the real seed (../shared/seeds): no false positives on 一是 / 三会一课 / 四中全会 …, 5月中旬 found.
Speed on the gold sentences, the seed and the State Council work reports (../shared/corpora), as
characters and expressions per second and as a ratio to raw ``jieba.lcut`` on the same text in the same run.

    python benchmarks/timex.py [--errors] [--floor 0.95] [--jionlp]

``--jionlp`` also scores JioNLP (not a djnlp dependency; install it yourself) on the same gold with a
convention-light measure: a gold expression counts as right when the system finds exactly its span
and gives the same end time, or, for gold with value null (vague words, placeholders, event-relative
rules), gives no date. Some differences are conventions (JioNLP ends 春节前 on the festival day,
djnlp on the eve; JioNLP starts 年底前 at the base date), so read it as an indication.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from datetime import date
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "corpus" / "timex" / "gold.jsonl"
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_b9cbea9c36dacdc9.txt"
REPORTS = SHARED / "corpora" / "government_work_reports.jsonl"


def evaluate(records: list[dict], show_errors: bool) -> dict[str, float]:
    from djnlp.timex import extract_times

    c = Counter()
    for rec in records:
        predicted = {(t.start, t.end): t.to_dict() for t in extract_times(rec["text"], date.fromisoformat(rec["base"]))}
        gold = {(g["start"], g["end"]): g for g in rec["expressions"]}
        c["gold"] += len(gold)
        c["pred"] += len(predicted)
        for span, g in gold.items():
            p = predicted.get(span)
            if p is None:
                if show_errors:
                    print(f"  MISS {rec['id']} {g['text']!r} in {rec['text']}")
                continue
            c["tp"] += 1
            c["value"] += p["value"] == g["value"]
            c["kind"] += p["kind"] == g["kind"]
            c["gran"] += p["granularity"] == g["granularity"]
            if show_errors and (p["value"] != g["value"] or p["kind"] != g["kind"] or p["granularity"] != g["granularity"]):
                print(f"  DIFF {rec['id']} {g['text']!r}: got {p['kind']} {p['value']} {p['granularity']}; "
                      f"gold {g['kind']} {g['value']} {g['granularity']}")
        if show_errors:
            for span, p in predicted.items():
                if span not in gold:
                    print(f"  FALSE {rec['id']} {p['text']!r} in {rec['text']}")
    tp = c["tp"]
    precision = tp / c["pred"] if c["pred"] else 1.0
    recall = tp / c["gold"] if c["gold"] else 1.0
    return {
        "sentences": len(records), "gold": c["gold"], "predicted": c["pred"],
        "precision": precision, "recall": recall,
        "f1": 2 * precision * recall / (precision + recall) if precision + recall else 0.0,
        "interval_acc_all": c["value"] / c["gold"] if c["gold"] else 1.0,
        "interval_acc_found": c["value"] / tp if tp else 1.0,
        "kind_acc": c["kind"] / tp if tp else 1.0,
        "granularity_acc": c["gran"] / tp if tp else 1.0,
    }


def _end_right(gold: dict, found: dict | None) -> bool:
    """Same span and same end (or no date where the gold has none)."""
    if gold["value"] is None:
        return found is None or found.get("end") is None
    return found is not None and found.get("end") == gold["value"]["end"]


def ends_djnlp(records: list[dict]) -> tuple[float, float, float]:
    from djnlp.timex import extract_times

    right = tp = pred = total = 0
    for rec in records:
        found = {(t.start, t.end): (t.to_dict()["value"] or {}) for t in extract_times(rec["text"], date.fromisoformat(rec["base"]))}
        pred += len(found)
        for g in rec["expressions"]:
            total += 1
            hit = found.get((g["start"], g["end"]))
            tp += hit is not None
            right += _end_right(g, {"end": hit.get("end")} if hit is not None else None) if hit is not None else False
    return tp / pred if pred else 1.0, tp / total, right / total


def ends_jionlp(records: list[dict]) -> tuple[float, float, float] | None:
    try:
        import jionlp
    except ImportError:
        return None
    right = tp = pred = total = 0
    for rec in records:
        base = time.mktime(time.strptime(rec["base"], "%Y-%m-%d"))
        try:
            items = jionlp.ner.extract_time(rec["text"], time_base=base, with_parsing=True)
        except Exception:          # JioNLP raises on some inputs (每季度末); count them as nothing found
            items = []
        found = {}
        for item in items:
            value = item.get("detail", {}).get("time")
            end = None
            if isinstance(value, list) and len(value) == 2 and value[1] not in ("inf", "-inf"):
                end = value[1].replace(" ", "T")
            found[tuple(item["offset"])] = {"end": end}
        pred += len(found)
        for g in rec["expressions"]:
            total += 1
            hit = found.get((g["start"], g["end"]))
            tp += hit is not None
            right += _end_right(g, hit) if hit is not None else False
    return tp / pred if pred else 1.0, tp / total, right / total


def seed_checks() -> list[tuple[str, bool]]:
    from djnlp.timex import extract_times

    if not SEED.exists():
        return []
    text = SEED.read_text(encoding="utf-8")
    found = [t.text for t in extract_times(text)]
    checks = [(f"no false positive inside {w}", all(w not in t for t in found))
              for w in ("一是", "三会一课", "四中全会", "二十大", "五好")]
    checks += [(f"no false positive {w}", w not in found) for w in ("三点", "一点", "一时")]
    checks.append(("5月中旬 found", "5月中旬" in found))
    checks.append(("事发后6小时内 + 24小时 limit", any(t == "事发后6小时内" for t in found)))
    return checks


def speed(texts: list[str], label: str, repeat: int = 1) -> None:
    import jieba
    from djnlp.timex import extract_times

    jieba.setLogLevel(60)
    jieba.lcut("预热")
    chars = sum(len(t) for t in texts) * repeat
    t0 = time.perf_counter()
    n = 0
    for _ in range(repeat):
        for t in texts:
            n += len(extract_times(t, date(2024, 3, 15)))
    ours = time.perf_counter() - t0
    t0 = time.perf_counter()
    for _ in range(repeat):
        for t in texts:
            jieba.lcut(t)
    theirs = time.perf_counter() - t0
    print(f"  {label}: {chars:,} chars, {n:,} expressions in {ours:.2f} s → {chars / ours:,.0f} chars/s, "
          f"{n / ours:,.0f} expressions/s; jieba.lcut {chars / theirs:,.0f} chars/s; "
          f"timex takes {ours / theirs:.2f}× jieba's time")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print every miss, difference and false positive")
    parser.add_argument("--floor", type=float, default=0.95, help="fail (exit 1) if interval accuracy is below this")
    parser.add_argument("--jionlp", action="store_true", help="also score JioNLP on the gold (if installed)")
    args = parser.parse_args()

    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    print(f"djnlp.timex on {GOLD.relative_to(REPO)} (the held-out splits were scored blind once before rules "
          f"were added for their misses; those first-run numbers are in corpus/timex/README.md)")
    worst = 1.0
    for split in ("dev", "heldout", "heldout2", "heldout3", None):
        part = [r for r in records if split is None or r["split"] == split]
        if not part:
            continue
        m = evaluate(part, args.errors and split is None)
        worst = min(worst, m["interval_acc_all"]) if split is None else worst
        print(f"  [{split or 'all'}] {m['sentences']} sentences, {m['gold']} gold / {m['predicted']} predicted expressions")
        print(f"    detection P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}")
        print(f"    interval accuracy {m['interval_acc_all']:.3f} (all gold)  {m['interval_acc_found']:.3f} (found)"
              f"   kind {m['kind_acc']:.3f}   granularity {m['granularity_acc']:.3f}")
    if args.jionlp:
        print("same-span end accuracy (see --help), all gold / heldout splits only:")
        for name, scorer in (("djnlp.timex", ends_djnlp), ("JioNLP", ends_jionlp)):
            for label, part in (("all", records), ("held-out", [r for r in records if r["split"] != "dev"])):
                got = scorer(part)
                if got is None:
                    print(f"  {name}: not installed")
                    break
                print(f"  {name:12} [{label}] span P {got[0]:.3f}  R {got[1]:.3f}  end accuracy {got[2]:.3f}")
    checks = seed_checks()
    if checks:
        print(f"seed {SEED.name}:")
        for name, ok in checks:
            print(f"  {'ok  ' if ok else 'FAIL'} {name}")
    print("speed:")
    speed([r["text"] for r in records], "gold sentences", repeat=20)
    if SEED.exists():
        speed([SEED.read_text(encoding="utf-8")], f"seed {SEED.name}", repeat=3)
    if REPORTS.exists():
        reports = [json.loads(line)["content"] for line in REPORTS.read_text(encoding="utf-8").splitlines()]
        speed(reports, f"{REPORTS.name} ({len(reports)} reports)")
    ok = worst >= args.floor and all(ok for _, ok in checks)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
