"""Speed of ``djnlp.analyze`` as a ratio to raw ``jieba.lcut`` on the same text, in the same run.

Data: the seed (../shared/seeds/000_b9cbea9c36dacdc9.txt) and the reference corpora
(../shared/corpora/*.jsonl, every record's ``content``). Also prints the cold cost of
``import djnlp`` and ``djnlp.load()`` and the peak RSS of analysing the corpora, each measured
in a fresh interpreter.

Floors (issue 2): analyze ≥ 0.5× jieba.lcut; import ≤ 0.3 s; load() ≤ 1.0 s; peak RSS ≤ 300 MB.

    python benchmarks/speed.py [--repeat 3] [--limit-chars 600000]
"""
from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

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


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def in_fresh_interpreter(code: str) -> str:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.strip()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--limit-chars", type=int, default=600_000)
    args = parser.parse_args()

    import jieba

    import djnlp

    jieba.setLogLevel(60)
    jieba.initialize()
    djnlp.analyze("预热。")  # load models once, outside the timings
    sets = {"seed": [SEED.read_text(encoding="utf-8")], "corpora": corpora_texts(args.limit_chars)}
    print(f"{'data':10} {'chars':>9} {'jieba.lcut s':>13} {'analyze s':>10} {'ratio':>7}  (ratio = jieba time / analyze time)")
    for name, texts in sets.items():
        chars = sum(map(len, texts))
        t_jieba = best_of(lambda: [jieba.lcut(t) for t in texts], args.repeat)
        t_analyze = best_of(lambda: [djnlp.analyze(t, words=True) for t in texts], args.repeat)
        print(f"{name:10} {chars:9d} {t_jieba:13.3f} {t_analyze:10.3f} {t_jieba / t_analyze:7.2f}x")
        for label, kwargs in (("outline+words only", {"themes": False, "tasks": False}),):
            t_base = best_of(lambda: [djnlp.analyze(t, words=True, **kwargs) for t in texts], args.repeat)
            print(f"{'':10} {label}: {t_base:.3f} s; themes+tasks add {100 * (t_analyze / t_base - 1):.0f}%")

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
