"""Outline accuracy on the hand-labelled gold, weak spots on real reports, and speed.

Run from the repository root::

    python benchmarks/outline.py            # numbers only
    python benchmarks/outline.py --errors   # also every missed / spurious heading and suspect

1. ``corpus/outline/gold.jsonl`` (documents written for djnlp, see its README; the ``dev``
   split guided the rules, the ``test`` split was written and labelled afterwards): heading
   precision / recall / F1 on exact heading text (marker and trailing punctuation excluded,
   spaces ignored), level and parent accuracy over the matched headings, and document-split
   accuracy (right number of documents with the right titles).
2. ``../shared/corpora/*.jsonl`` (government work reports and CPC congress reports from
   wikisource; no gold): sections found, top-level 一、 headings against the 一、 lines in the
   text, and suspicious headings — longer than 60 characters, holding a sentence end, ending in
   a dangling character, or cut off mid-word (the next line goes on with "，" or a 1–2
   character clause).
3. Time of read + clean + outline + sentences on the same corpora, as a ratio to raw
   ``jieba.lcut`` in the same run.
"""
from __future__ import annotations

import argparse
import difflib
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "corpus" / "outline" / "gold.jsonl"
CORPORA = sorted((ROOT.parent / "shared" / "corpora").glob("*.jsonl"))

_STRIP = re.compile(r"[\s\u3000【】\[\]：:，,。．.；;、]+")
_CN_DUN_LINE = re.compile(r"^[ \t\u3000]*[一二三四五六七八九十]{1,3}[、．]", re.MULTILINE)
_DANGLING_END = set("，、,“‘「『《〈（([【的与及或并对把被将从")
_DANGLING_START = set("，、。：；！？”’」』》〉）)]】,.;:!?")
_SHORT_CLAUSE = re.compile(r"[\u4e00-\u9fff][，、。；]")
_SKIP = " \t\r\n\u3000\u200b\ufeff"


def norm(s: str | None) -> str | None:
    return None if s is None else _STRIP.sub("", s)


# --------------------------------------------------------------------------- gold


def predict(path: Path) -> list[tuple[str, list[tuple[str, int, str | None]]]]:
    from djnlp.clean import clean
    from djnlp.io import read
    from djnlp.outline import parse_outline

    src = read(path)
    docs = parse_outline(clean(src.text), src.heading_hints)
    out = []
    for doc in docs:
        by_id = {s.id: s.heading for s in doc.sections}
        out.append((doc.title, [(s.heading, s.level, by_id.get(s.parent) if s.parent else None)
                                for s in doc.sections]))
    return out


def gold_eval(show_errors: bool) -> None:
    records = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split in ("dev", "test"):
        part = [r for r in records if r["split"] == split]
        if part:
            split_eval(split, part, show_errors)


def split_eval(split: str, records: list[dict], show_errors: bool) -> None:
    n_gold = sum(len(d["headings"]) for r in records for d in r["documents"])
    print(f"== gold, {split} split: {GOLD.relative_to(ROOT)} ({len(records)} files, "
          f"{sum(len(r['documents']) for r in records)} documents, {n_gold} headings; written for djnlp)")
    tp = n_pred = n_true = lvl_ok = par_ok = 0
    docs_ok = docs_gold = files_ok = 0
    print(f"{'file':34s} {'P':>5s} {'R':>5s} {'F1':>5s} {'level':>5s} {'parent':>6s}  docs")
    for rec in records:
        pred = predict(GOLD.parent / rec["file"])
        gold_docs = rec["documents"]
        # documents: same count, and each predicted title starts with the gold title
        ok = sum(1 for (ptitle, _), g in zip(pred, gold_docs)
                 if norm(ptitle).startswith(norm(g["title"])) and norm(g["title"]))
        ok = ok if len(pred) == len(gold_docs) else 0
        docs_ok += ok
        docs_gold += len(gold_docs)
        files_ok += ok == len(gold_docs)
        g_items = [(norm(h["heading"]), h["level"], norm(h["parent"])) for d in gold_docs for h in d["headings"]]
        p_items = [(norm(h), lv, norm(par)) for _, heads in pred for h, lv, par in heads]
        sm = difflib.SequenceMatcher(None, [g[0] for g in g_items], [p[0] for p in p_items], autojunk=False)
        matched = [(g_items[a + k], p_items[b + k]) for a, b, size in sm.get_matching_blocks() for k in range(size)]
        f_tp = len(matched)
        f_lvl = sum(g[1] == p[1] for g, p in matched)
        f_par = sum(g[2] == p[2] for g, p in matched)
        tp, n_true, n_pred, lvl_ok, par_ok = tp + f_tp, n_true + len(g_items), n_pred + len(p_items), \
            lvl_ok + f_lvl, par_ok + f_par
        p = f_tp / len(p_items) if p_items else 1.0
        r = f_tp / len(g_items) if g_items else 1.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        name = Path(rec["file"]).name[:34]
        print(f"{name:34s} {p:5.2f} {r:5.2f} {f1:5.2f} {f_lvl / max(f_tp, 1):5.2f} {f_par / max(f_tp, 1):6.2f}"
              f"  {ok}/{len(gold_docs)}")
        if show_errors:
            hit_g = {a + k for a, _, size in sm.get_matching_blocks() for k in range(size)}
            hit_p = {b + k for _, b, size in sm.get_matching_blocks() for k in range(size)}
            for i, g in enumerate(g_items):
                if i not in hit_g:
                    print(f"    missed   L{g[1]} {g[0]}")
            for i, q in enumerate(p_items):
                if i not in hit_p:
                    print(f"    spurious L{q[1]} {q[0]}")
            for g, q in matched:
                if g[1:] != q[1:]:
                    print(f"    placed   {g[0]}: gold L{g[1]} under {g[2]}, got L{q[1]} under {q[2]}")
            for (ptitle, _), g in zip(pred, gold_docs):
                if not norm(ptitle).startswith(norm(g["title"]) or "\0"):
                    print(f"    title    gold {g['title']!r}, got {ptitle!r}")
            if len(pred) != len(gold_docs):
                print(f"    split    gold {len(gold_docs)} documents, got {len(pred)}: {[t for t, _ in pred]}")
    precision = tp / n_pred if n_pred else 1.0
    recall = tp / n_true if n_true else 1.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    print(f"{'ALL':34s} {precision:5.3f} {recall:5.3f} {f1:5.3f} {lvl_ok / max(tp, 1):5.3f} "
          f"{par_ok / max(tp, 1):6.3f}  {docs_ok}/{docs_gold}")
    print(f"{split}: heading P/R/F1 {precision:.3f}/{recall:.3f}/{f1:.3f} ({tp} matched, {n_pred} predicted, "
          f"{n_true} gold); level accuracy {lvl_ok / max(tp, 1):.3f}; parent accuracy {par_ok / max(tp, 1):.3f}; "
          f"documents split right {docs_ok}/{docs_gold} ({files_ok}/{len(records)} files)")


# --------------------------------------------------------------------------- real reports


def suspicious(text: str, sec) -> str | None:
    """Why a heading looks wrong, or None."""
    from djnlp.outline.markers import markers

    head = sec.heading
    if len(head) > 60:
        return "longer than 60"
    if re.search(r"[。！？]", re.sub(r"“[^”]*”|（[^）]*）|《[^》]*》", "", head)):
        return "holds a sentence end"
    if head and head[-1] in _DANGLING_END:
        return "ends dangling"
    i = sec.heading_end
    while i < len(text) and text[i] in " \t\u3000":
        i += 1
    j = i
    while j < len(text) and text[j] in _SKIP:
        j += 1
    if i < len(text) and text[i] in "\r\n" and j < len(text):
        if markers().match_heading(text[j:j + 12]) is None and (
                text[j] in _DANGLING_START or _SHORT_CLAUSE.match(text, j)):
            return "cut mid-word"
    return None


def corpora_eval(show_errors: bool) -> list[str]:
    from djnlp.clean import clean
    from djnlp.outline import parse_outline

    texts: list[str] = []
    for path in CORPORA:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        sections = top_cn = cn_found = cn_lines = 0
        reasons: Counter[str] = Counter()
        examples: list[str] = []
        for row in rows:
            text = row["content"]
            texts.append(text)
            docs = parse_outline(clean(text))
            cn_lines += len(_CN_DUN_LINE.findall(text))
            for doc in docs:
                for sec in doc.sections:
                    sections += 1
                    top_cn += sec.level == 1 and sec.family == "cn_dun"
                    cn_found += sec.family == "cn_dun"
                    why = suspicious(text, sec)
                    if why:
                        reasons[why] += 1
                        examples.append(f"    {why:20s} {row.get('title', '')[:18]} L{sec.level} {sec.family}: "
                                        f"{sec.heading[:50]!r}")
        n_susp = sum(reasons.values())
        print(f"== {path.name} ({len(rows)} texts, {sum(len(t) for t in texts[-len(rows):]):,} chars; "
              f"no gold): {sections} sections, {top_cn} top-level 一、 headings, {cn_found} 一、 headings of "
              f"{cn_lines} line-initial 一、 markers; suspicious {n_susp} ({n_susp / max(sections, 1):.1%})"
              + (": " + ", ".join(f"{k} {v}" for k, v in reasons.most_common()) if reasons else ""))
        if show_errors:
            print("\n".join(examples))
    return texts


# --------------------------------------------------------------------------- speed


def speed(texts: list[str], repeats: int = 2) -> None:
    """Best of ``repeats`` runs for jieba and for each stage (the machine may be shared)."""
    import jieba

    from djnlp.clean import clean
    from djnlp.io import read_text
    from djnlp.outline import parse_outline
    from djnlp.sentences import split_sentences

    jieba.setLogLevel(60)
    jieba.lcut("党建")  # dictionary load outside the timing
    t_jieba = float("inf")
    stages: dict[str, float] = {}
    for _ in range(repeats):
        t0 = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        t_jieba = min(t_jieba, time.perf_counter() - t0)
        run: Counter[str] = Counter()
        for text in texts:
            a = time.perf_counter()
            src = read_text(text)
            b = time.perf_counter()
            ct = clean(src.text)
            c = time.perf_counter()
            parse_outline(ct, src.heading_hints)
            d = time.perf_counter()
            split_sentences(ct.text)
            e = time.perf_counter()
            run.update({"read": b - a, "clean": c - b, "outline": d - c, "sentences": e - d})
        stages = {k: min(v, stages.get(k, v)) for k, v in run.items()}
    total = sum(stages.values())
    chars = sum(map(len, texts))
    print(f"== speed on {', '.join(p.name for p in CORPORA)} ({chars:,} chars, best of {repeats}): "
          f"jieba.lcut {t_jieba:.2f} s; read+clean+outline+sentences {total:.2f} s = {total / t_jieba:.1%} of jieba "
          f"({', '.join(f'{k} {v / t_jieba:.1%}' for k, v in stages.items())})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="list missed, spurious and suspicious headings")
    parser.add_argument("--no-speed", action="store_true", help="skip the timing")
    args = parser.parse_args(argv)
    gold_eval(args.errors)
    if not CORPORA:
        print("== ../shared/corpora not found: corpus and speed sections skipped")
        return 0
    texts = corpora_eval(args.errors)
    if not args.no_speed:
        speed(texts)
    return 0


if __name__ == "__main__":
    sys.exit(main())
