"""Screening benchmark: perturbation ordering, agreement with expected verdicts, and speed.

Data: ``corpus/submissions/`` (42 hand-written 组工信息 with manifest.csv, expected.jsonl and
an archive folder). Speed: 1,000 synthetic submissions of ≈800 characters recombined from
that corpus, and a 100,000-item synthetic archive for the duplicate query.

Run: ``python benchmarks/screen.py [--quick]`` (``--quick`` uses a 10k archive).
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus" / "submissions"
LEVELS = {"high": (70, 101), "mid": (45, 70), "low": (-1, 45)}


def load_corpus():
    from djnlp.screening import load_submissions

    return load_submissions([CORPUS])


def perturbation_pairs(subs) -> dict[str, list[bool]]:
    """For each submission and each applicable perturbation: did the score move the right way?"""
    from djnlp.screening import Screener
    from djnlp.screening import perturb

    screener = Screener(archive=CORPUS / "archive")
    lex = screener.lex

    def one(sub):
        return screener.screen([sub], remember=False)[0]

    pairs: dict[str, list[bool]] = defaultdict(list)
    for sub in subs:
        base = one(sub)
        crit = base.criteria
        pairs["concise"].append(one(perturb.pad_cliches(sub)).criteria["concise"].score < crit["concise"].score)
        pairs["objectivity"].append(one(perturb.inflate(sub)).criteria["objectivity"].score < crit["objectivity"].score)
        # the next two apply only where there is something to remove (facts; priority phrases)
        stripped = perturb.strip_facts(sub, lex)
        if stripped.text != sub.text:
            pairs["substance"].append(one(stripped).criteria["substance"].score < crit["substance"].score)
        rewritten = perturb.off_priority(sub, lex)
        if rewritten.text != sub.text:
            pairs["topic"].append(one(rewritten).criteria["topic"].score < crit["topic"].score)
        late = perturb.submit_late(sub, 72 if base.type != "urgent" else 30)
        if late is not None and base.delay_hours is not None:
            r = one(late)
            ok = r.criteria["timeliness"].score < crit["timeliness"].score
            if base.type == "urgent":
                ok = ok and any(g.id == "late_urgent" for g in r.gates)
            pairs["timeliness"].append(ok)
        # a lightly edited copy of this item, once it is in the archive, must trip 原创
        key = "bench:" + sub.name
        screener.index.add(key, sub.text, title=sub.title)
        copy = replace(sub, text=perturb.light_edit(sub.text), name="copy-" + sub.name)
        r = one(copy)
        screener.index.remove(key)
        tripped = any(g.id == "near_duplicate" for g in r.gates)
        already = any(g.id == "near_duplicate" for g in base.gates)  # the item itself copies an archived one
        pairs["originality"].append(tripped and (already or r.criteria["originality"].score < crit["originality"].score))
    return pairs


def agreement(subs):
    """Share of expected per-criterion levels and gates matched on the corpus."""
    from djnlp.screening import Screener

    expected = {json.loads(line)["file"]: json.loads(line) for line in (CORPUS / "expected.jsonl").open(encoding="utf-8")}
    results = Screener(archive=CORPUS / "archive").screen(subs)
    per: dict[str, list[bool]] = defaultdict(list)
    misses = []
    gate_ok = 0
    for r in results:
        exp = expected[r.source]
        for cid, level in exp["expected"].items():
            lo, hi = LEVELS[level]
            ok = lo <= r.criteria[cid].score < hi
            per[cid].append(ok)
            if not ok:
                misses.append(f"{r.source} {cid}: expected {level}, got {r.criteria[cid].score:.0f}")
        got = sorted(g.id for g in r.gates), sorted(g.id for g in r.warnings)
        gate_ok += got == (sorted(exp["gates"]), sorted(exp["warnings"]))
    return per, gate_ok, len(results), misses


def synthetic_texts(subs, n: int, size: int, seed: int = 7) -> list[str]:
    """``n`` texts of about ``size`` characters, each a title plus body paragraphs drawn from the corpus."""
    rng = random.Random(seed)
    paragraphs = [p for s in subs for p in s.text[s.body_start:].splitlines() if p.strip()]
    out = []
    for _ in range(n):
        title = rng.choice(subs).title
        body = []
        while sum(map(len, body)) < size - len(title):
            body.append(rng.choice(paragraphs))
        out.append(title + "\n" + "\n".join(body)[: size - len(title)])
    return out


def word_salad(subs, n: int, size: int, seed: int = 11) -> list[str]:
    """``n`` distinct archive items: corpus words in random order (realistic shingles, few true matches)."""
    import jieba

    rng = random.Random(seed)
    words = [w for s in subs for w in jieba.lcut(s.text) if w.strip()]
    out = []
    for _ in range(n):
        picked, length = [], 0
        while length < size:
            w = rng.choice(words)
            picked.append(w)
            length += len(w)
        out.append("".join(picked))
    return out


def speed(subs, n_items: int = 1000, archive_size: int = 100_000):
    import jieba

    from djnlp.screening import Screener, Submission
    from djnlp.screening.originality import ArchiveIndex

    texts = synthetic_texts(subs, n_items, 800)
    jieba.lcut("预热")
    t = time.perf_counter()
    for text in texts:
        jieba.lcut(text)
    t_jieba = time.perf_counter() - t

    t = time.perf_counter()
    screener = Screener()
    t_init = time.perf_counter() - t
    items = [Submission.from_text(text, f"syn{i:04d}.txt", type=("experience", "problem", "news", "urgent")[i % 4],
                                  submitted_at="2026-11-20T10:00") for i, text in enumerate(texts)]
    t = time.perf_counter()
    screener.screen(items)
    t_screen = time.perf_counter() - t

    ro = screener.rubric.originality
    index = ArchiveIndex(shingle=int(ro["shingle"]), num_perm=int(ro["num_perm"]), threshold=ro["lsh_threshold"],
                         seed=int(ro["seed"]), mask=screener.lex.cliche)
    archive = word_salad(subs, archive_size, 600)
    t = time.perf_counter()
    for i, text in enumerate(archive):
        index.add(f"a{i}", text, title=text[:20])
    t_build = time.perf_counter() - t
    queries = texts[:200]
    sigs = [index.signature(q) for q in queries]
    t = time.perf_counter()
    for q in queries:
        index.query(q)
    t_query = (time.perf_counter() - t) / len(queries)
    t = time.perf_counter()
    for sig in sigs:
        index.query(signature=sig)
    t_lookup = (time.perf_counter() - t) / len(sigs)
    return dict(n=n_items, chars=sum(map(len, texts)), t_init=t_init, t_screen=t_screen, t_jieba=t_jieba,
                archive=archive_size, t_build=t_build, t_query=t_query, t_lookup=t_lookup)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10k-item archive instead of 100k")
    args = ap.parse_args()
    subs = load_corpus()
    print(f"data: {CORPUS.relative_to(REPO)} ({len(subs)} submissions + archive/)")

    pairs = perturbation_pairs(subs)
    print("\nperturbation pairs ordered correctly (perturbed scores lower / gate trips):")
    total_ok = total_n = 0
    for cid, oks in pairs.items():
        total_ok += sum(oks)
        total_n += len(oks)
        print(f"  {cid:12s} {sum(oks):3d}/{len(oks):3d} = {sum(oks) / len(oks):6.1%}")
    print(f"  {'overall':12s} {total_ok:3d}/{total_n:3d} = {total_ok / total_n:6.1%}")
    worst = min(sum(v) / len(v) for v in pairs.values())
    print(f"  floor ≥95% overall, ≥90% per criterion: {'PASS' if total_ok / total_n >= 0.95 and worst >= 0.90 else 'FAIL'}")

    per, gate_ok, n, misses = agreement(subs)
    print("\nagreement with expected levels (corpus/submissions/expected.jsonl; high ≥70, mid 45–70, low <45):")
    all_ok = sum(sum(v) for v in per.values())
    all_n = sum(len(v) for v in per.values())
    for cid, oks in sorted(per.items()):
        print(f"  {cid:12s} {sum(oks):3d}/{len(oks):3d} = {sum(oks) / len(oks):6.1%}")
    print(f"  {'overall':12s} {all_ok:3d}/{all_n:3d} = {all_ok / all_n:6.1%}")
    print(f"  gates and warnings exactly as expected: {gate_ok}/{n}")
    for m in misses:
        print("   miss:", m)

    s = speed(subs, archive_size=10_000 if args.quick else 100_000)
    print(f"\nspeed ({s['n']} synthetic submissions, {s['chars']:,} chars, 2-core machine):")
    print(f"  Screener init (rubric, segmenter): {s['t_init']:.2f} s")
    print(f"  screen batch: {s['t_screen']:.2f} s  ({s['t_screen'] / s['n'] * 1000:.1f} ms/item; budget 20 s)"
          f"  = {s['t_screen'] / s['t_jieba']:.1f}× jieba.lcut on the same texts ({s['t_jieba']:.2f} s)")
    print(f"  archive of {s['archive']:,} synthetic items built in {s['t_build']:.1f} s")
    print(f"  duplicate query: {s['t_query'] * 1000:.2f} ms incl. signing, {s['t_lookup'] * 1000:.2f} ms LSH lookup "
          "+ similarity (budget 5 ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
