"""Speed of ``djnlp.analyze`` as a ratio to raw ``jieba.lcut`` on the same text, in the same run.

Data: the seed (../shared/seeds/000_b9cbea9c36dacdc9.txt) and the reference corpora
(../shared/corpora/*.jsonl, every record's ``content``). Also prints the cold cost of
``import djnlp`` and ``djnlp.load()`` and the peak RSS of analysing the corpora, each measured
in a fresh interpreter.

Floors (issue 2): analyze ≥ 0.5× jieba.lcut; import ≤ 0.3 s; load() ≤ 1.0 s; peak RSS ≤ 300 MB.

    python benchmarks/speed.py [--repeat 5] [--limit-chars 600000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from _timing import best_of

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seeds" / "000_b9cbea9c36dacdc9.txt"


def corpora_texts(limit: int) -> list[str]:
    texts, total = [], 0
    for path in sorted((SHARED / "corpora").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            content = json.loads(line).get("content") or ""
            texts.append(content)
            total += len(content)
            if total >= limit:
                return texts
    return texts


def in_fresh_interpreter(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    if out.returncode:
        raise SystemExit(f"fresh interpreter failed:\n{out.stderr}")
    return out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--limit-chars", type=int, default=600_000)
    args = parser.parse_args()

    import jieba

    import djnlp

    jieba.setLogLevel(60)
    jieba.initialize()
    djnlp.analyze("预热。")  # load models once, outside the timings
    sets = {"seed": [SEED.read_text(encoding="utf-8")], "corpora": corpora_texts(args.limit_chars)}
    base = {"words": True, "themes": False, "tasks": False}
    from djnlp.tasks import is_compiled

    print("analyze = read + clean + outline + sentences + words; ratio = jieba.lcut time / analyze time (floor 0.5x)")
    print(f"task modules: {'compiled by mypyc' if is_compiled() else 'pure Python (editable or DJNLP_PURE install)'}")
    print(f"{'data':8} {'chars':>9} {'jieba s':>8} {'analyze s':>10} {'ratio':>6} {'+themes':>8} {'+tasks':>7}  (floors +20%, +30%)")
    for name, texts in sets.items():
        chars = sum(map(len, texts))

        runs = {
            "jieba": lambda: [jieba.lcut(t) for t in texts],
            "base": lambda: [djnlp.analyze(t, **base) for t in texts],
            "themes": lambda: [djnlp.analyze(t, **{**base, "themes": True}) for t in texts],
            "tasks": lambda: [djnlp.analyze(t, **{**base, "tasks": True}) for t in texts],
        }
        best = dict.fromkeys(runs, float("inf"))
        for _ in range(args.repeat):          # alternating: drift on this machine hits all alike
            for key, fn in runs.items():
                best[key] = min(best[key], best_of(fn, 1))
        t_jieba, t_base, t_themes, t_tasks = best["jieba"], best["base"], best["themes"], best["tasks"]
        print(
            f"{name:8} {chars:9d} {t_jieba:8.3f} {t_base:10.3f} {t_jieba / t_base:5.2f}x"
            f" {100 * (t_themes / t_base - 1):7.0f}% {100 * (t_tasks / t_base - 1):6.0f}%"
        )

    import_s = in_fresh_interpreter("import time; t=time.perf_counter(); import djnlp; print(time.perf_counter()-t)")
    load_s = in_fresh_interpreter("import time; t=time.perf_counter(); import djnlp; djnlp.load(); print(time.perf_counter()-t)")
    rss = in_fresh_interpreter(
        "import resource, json, djnlp, sys; sys.path.insert(0, %r); from speed import corpora_texts\n"
        "[djnlp.analyze(t, words=True) for t in corpora_texts(%d)]\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)" % (str(Path(__file__).parent), args.limit_chars)
    )
    print(f"import djnlp: {float(import_s):.3f} s   djnlp.load(): {float(load_s):.3f} s   peak RSS (analyze corpora): {float(rss):.0f} MB")


if __name__ == "__main__":
    main()
