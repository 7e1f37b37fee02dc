"""Segmentation benchmark: stock jieba vs djnlp (private jieba + 党建 lexicon).

Prints, naming the data each number comes from:

* word F1 / precision / recall on ``corpus/segmentation/domain_gold.txt`` (党建 text) and
  ``corpus/segmentation/news_gold.txt`` (general news, PKU style);
* the share of ``corpus/segmentation/fixed_expressions.txt`` kept whole in their carrier
  sentences (no token boundary inside the expression; "exact" = the expression is one token),
  split by whether the expression is in the lexicon, plus an ablation that drops a random
  30 % of the list from the lexicon;
* speed as a ratio to raw ``jieba.lcut`` on the same text in the same run;
* cold and warm start of the segmenter and of ``make_nlp`` (spaCy import included), each in a
  fresh interpreter.

Run: ``python benchmarks/segmentation.py``
"""
from __future__ import annotations

import logging
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

import jieba

from djnlp.segment import load_lexicon
from djnlp.segment.lexicon import Lexicon
from djnlp.segment.segmenters import JiebaSegmenter

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "corpus" / "segmentation"
SEED = REPO.parent / "shared" / "seeds" / "000_b9cbea9c36dacdc9.txt"
CORPORA = REPO.parent / "shared" / "corpora"
Cutter = Callable[[str], list[str]]


def spans(tokens: Iterable[str]) -> set[tuple[int, int]]:
    """(start, end) of every non-whitespace token."""
    out, pos = set(), 0
    for tok in tokens:
        if not tok.isspace():
            out.add((pos, pos + len(tok)))
        pos += len(tok)
    return out


def prf(cut: Cutter, path: Path) -> tuple[float, float, float, int]:
    """Precision, recall, F1 of word spans against a space-separated gold file, and its sentence count."""
    tp = fp = fn = n = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        gold = line.split()
        if not gold:
            continue
        n += 1
        g, p = spans(gold), spans(cut("".join(gold)))
        tp += len(g & p)
        fp += len(p - g)
        fn += len(g - p)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return precision, recall, 2 * precision * recall / (precision + recall), n


def fixed_expressions() -> list[tuple[str, str]]:
    rows = []
    for line in (DATA / "fixed_expressions.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            expression, carrier = line.split("\t")
            rows.append((expression, carrier))
    return rows


def whole(cut: Cutter, expression: str, carrier: str) -> tuple[bool, bool]:
    """(kept whole, exactly one token) for ``expression`` inside ``carrier``."""
    start = carrier.index(expression)
    end = start + len(expression)
    cuts, pos = {0}, 0
    for tok in cut(carrier):
        pos += len(tok)
        cuts.add(pos)
    unbroken = not any(start < c < end for c in cuts)
    return unbroken, unbroken and start in cuts and end in cuts


def share(cut: Cutter, rows: list[tuple[str, str]]) -> tuple[float, float, int]:
    results = [whole(cut, e, c) for e, c in rows]
    n = len(results) or 1
    return sum(r[0] for r in results) / n, sum(r[1] for r in results) / n, len(results)


def changed_report(path: Path, stock: Cutter, ours: Cutter) -> None:
    """How much of real official text djnlp segments differently from stock jieba, and into what."""
    import json
    from collections import Counter

    new_words: Counter[str] = Counter()
    total = changed = chars = 0
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            content = json.loads(line).get("content") or ""
            chars += len(content)
            for paragraph in content.splitlines():
                before, after = spans(stock(paragraph)), spans(ours(paragraph))
                total += len(before)
                changed += len(before - after)
                for start, end in sorted(after - before):
                    new_words[paragraph[start:end]] += 1
    top = ", ".join(f"{w} {n}" for w, n in new_words.most_common(12))
    print(f"\n== ../shared/corpora/{path.name} ({chars:,} chars): stock tokens changed by djnlp "
          f"{changed / max(total, 1):.2%} ==\nmost frequent new tokens: {top}")


def timed_in_fresh_python(code: str, env: dict[str, str]) -> float:
    """Seconds printed by ``code`` run in a new interpreter (interpreter start-up excluded)."""
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True, cwd=REPO)
    return float(out.stdout.strip().splitlines()[-1])


def speed_text() -> tuple[str, str]:
    if SEED.exists():
        return SEED.read_text(encoding="utf-8"), f"the seed ({SEED.name})"
    return (DATA / "domain_gold.txt").read_text(encoding="utf-8").replace(" ", ""), "domain_gold.txt (seed missing)"


def main() -> None:
    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    lexicon = load_lexicon()
    djnlp_seg = JiebaSegmenter([lexicon])
    stock: Cutter = jieba.lcut
    print(f"lexicon: djnlp/data/lexicon/{lexicon.name}, {len(lexicon)} entries (fingerprint {lexicon.fingerprint})")

    print("\n== word F1 (precision / recall) against gold ==")
    for name in ("domain_gold.txt", "news_gold.txt"):
        for label, cut in (("stock jieba", stock), ("djnlp", djnlp_seg.cut)):
            p, r, f, n = prf(cut, DATA / name)
            print(f"corpus/segmentation/{name:16} {label:12} F1 {f:.4f}  (P {p:.4f} / R {r:.4f}, {n} sentences)")

    rows = fixed_expressions()
    print(f"\n== fixed expressions kept whole in carrier sentences (corpus/segmentation/fixed_expressions.txt, {len(rows)}) ==")
    for label, cut in (("stock jieba", stock), ("djnlp", djnlp_seg.cut)):
        intact, exact, n = share(cut, rows)
        print(f"{label:12} kept whole {intact:6.1%}   one token {exact:6.1%}   ({n} expressions)")
    in_lex = [r for r in rows if r[0] in lexicon]
    out_lex = [r for r in rows if r[0] not in lexicon]
    for label, subset in (("in lexicon", in_lex), ("not in lexicon", out_lex)):
        intact, exact, n = share(djnlp_seg.cut, subset)
        print(f"djnlp, {label:15} kept whole {intact:6.1%}   one token {exact:6.1%}   ({n} expressions)")
    held = set(e for e, _ in random.Random(0).sample(rows, k=round(0.3 * len(rows))))
    ablated = Lexicon("ablated", tuple(e for e in lexicon if e.word not in held))
    ablated_seg = JiebaSegmenter([ablated])
    subset = [r for r in rows if r[0] in held]
    intact, exact, n = share(ablated_seg.cut, subset)
    s_intact, _, _ = share(stock, subset)
    print(f"ablation: random 30% of the list (seed 0) removed from the lexicon -> those {n} kept whole "
          f"{intact:.1%} (stock jieba {s_intact:.1%})")

    for corpus in sorted(CORPORA.glob("*.jsonl")):
        changed_report(corpus, stock, djnlp_seg.cut)

    text, source = speed_text()
    djnlp_seg.cut(text[:100])
    timings = {}
    for label, cut in (("jieba.lcut", stock), ("djnlp", djnlp_seg.cut)):
        best = float("inf")
        for _ in range(3):
            t0 = time.perf_counter()
            cut(text)
            best = min(best, time.perf_counter() - t0)
        timings[label] = best
    print(f"\n== speed on {source}, {len(text):,} chars (best of 3) ==")
    for label, seconds in timings.items():
        print(f"{label:12} {len(text) / seconds:12,.0f} chars/s   ratio to jieba.lcut {timings['jieba.lcut'] / seconds:.2f}")

    print("\n== start-up in a fresh interpreter, best of 3 (seconds; the machine is shared, so noisy) ==")
    seg_code = ("import time; t=time.perf_counter(); from djnlp.segment import make_segmenter; "
                "make_segmenter().cut('党建'); print(time.perf_counter()-t)")
    stock_code = ("import time, os; t=time.perf_counter(); import jieba, logging; jieba.setLogLevel(logging.WARNING); "
                  "tok=jieba.Tokenizer(); tok.tmp_dir=os.environ['DJNLP_CACHE_DIR']; tok.lcut('党建'); "
                  "print(time.perf_counter()-t)")
    nlp_code = ("import time; t=time.perf_counter(); from djnlp.segment import make_nlp; nlp=make_nlp(); "
                "print(time.perf_counter()-t)")
    first_code = ("import time; t=time.perf_counter(); from djnlp.segment import make_nlp; nlp=make_nlp(); "
                  "nlp('党建引领'); print(time.perf_counter()-t)")
    load_code = "import time; t=time.perf_counter(); import djnlp; nlp=djnlp.load(); print(time.perf_counter()-t)"
    rows = (
        ("djnlp segmenter, empty cache", seg_code, False),
        ("djnlp segmenter, warm cache", seg_code, True),
        ("stock jieba.Tokenizer, empty cache", stock_code, False),
        ("stock jieba.Tokenizer, warm cache", stock_code, True),
        ("make_nlp() incl. spaCy import (tokenizer built lazily)", nlp_code, True),
        ("make_nlp() + first doc, warm cache", first_code, True),
        ("djnlp.load() (lead's pipeline, all components)", load_code, True),
    )
    with tempfile.TemporaryDirectory() as warm:
        env = dict(os.environ, DJNLP_CACHE_DIR=warm)
        timed_in_fresh_python(seg_code, env)                      # fill both warm caches
        timed_in_fresh_python(stock_code, env)
        for label, code, use_warm in rows:
            best = float("inf")
            for _ in range(3):
                with tempfile.TemporaryDirectory() as empty:
                    run_env = env if use_warm else dict(os.environ, DJNLP_CACHE_DIR=empty)
                    try:
                        best = min(best, timed_in_fresh_python(code, run_env))
                    except subprocess.CalledProcessError:
                        break
            print(f"{label:56} {best:.3f}" if best != float("inf") else f"{label:56} not available")

if __name__ == "__main__":
    main()
