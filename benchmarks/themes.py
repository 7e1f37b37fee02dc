"""Theme classifier benchmark: accuracy on held-out passages and on the seed's sections, and the
time theme scoring adds to the analysis of the seed.

    python benchmarks/themes.py [--model DIR] [--corpus DIR] [--repeat N] [--cross-author]

Data: the test split (by doc_id, the model's training seed) of ``corpus/themes/*.jsonl``; the
sections of ``../shared/seeds/000_b9cbea9c36dacdc9.txt`` labelled by offset in
``corpus/themes/seed_labels.jsonl``. Speed is reported as a ratio to ``jieba.lcut`` on the seed.
``--cross-author`` also trains on one author's files (``passages_*``) and tests on the other's
(``extra_*``: other registers and wording) — a check of generalisation beyond one writer.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from _timing import best_of

REPO = Path(__file__).resolve().parent.parent
SEED = REPO.parent / "shared" / "seeds" / "000_b9cbea9c36dacdc9.txt"


def report(title: str, metrics: dict) -> None:
    print(f"\n== {title}: {metrics['n']} passages")
    if not metrics["n"]:
        return
    print(f"macro-F1 {metrics['macro_f1']:.3f}   accuracy {metrics['accuracy']:.3f}   "
          f"top label among gold labels {metrics['top_in_labels']:.3f}")
    sets = metrics["label_sets"]
    print(f"label sets ({sets['rule']}): micro-F1 {sets['micro_f1']:.3f}, exact {sets['exact_match']:.3f}   "
          f"calibration: brier {metrics['brier']:.3f}, ECE {metrics['ece']:.3f}")
    labels = metrics["confusion"]["labels"]
    print("confusion (rows gold, cols predicted)")
    print(" " * 11 + "".join(f"{x[:7]:>9}" for x in labels))
    for label, row in zip(labels, metrics["confusion"]["rows_gold_cols_pred"]):
        print(f"{label:<11}" + "".join(f"{n:>9}" for n in row))
    for err in metrics["errors"][:15]:
        print(f"  miss {err['id']}: gold {'+'.join(err['gold'])}, predicted {err['pred']} ({err['score']:.2f})")


def seed_passages(seed_text: str, labels_path: Path) -> list:
    from djnlp.themes.corpus import Passage

    out = []
    for line in labels_path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        text = seed_text[row["start"] : row["end"]]
        if not text.lstrip().lstrip("#").lstrip().startswith(row["heading_prefix"]):
            raise SystemExit(f"seed label at {row['start']} does not match the seed (heading {row['heading_prefix']!r})")
        out.append(Passage(f"seed@{row['start']}-L{row['level']}", "seed", tuple(row["labels"]), text))
    return out


def timing(seed_text: str, repeat: int) -> None:
    import jieba

    import djnlp
    from djnlp.analyze import analyze

    jieba.lcut("预热")

    def best(fn) -> float:
        return best_of(fn, repeat)

    base = best(lambda: jieba.lcut(seed_text))
    # analyze = read + clean + outline + sentences + words (the definition); tasks off
    analyze(seed_text, words=True, themes=True, tasks=False)  # warm: loads models, lexicons
    # alternate the two, so that load from other processes on this noisy machine hits both alike
    runs = [
        (best_of(lambda: analyze(seed_text, words=True, themes=False, tasks=False), 1),
         best_of(lambda: analyze(seed_text, words=True, themes=True, tasks=False), 1))
        for _ in range(repeat)
    ]  # fmt: skip
    without, with_themes = min(r[0] for r in runs), min(r[1] for r in runs)
    print(f"\n== speed on the seed ({len(seed_text)} chars, best of {repeat})")
    print(f"jieba.lcut            {base * 1000:8.1f} ms  (1.00×)")
    print("analyze = read + clean + outline + sentences + words (tasks off); themes reuse its words")
    print(f"analyze, no themes    {without * 1000:8.1f} ms  ({without / base:.2f}× jieba)")
    print(f"analyze, with themes  {with_themes * 1000:8.1f} ms  ({with_themes / base:.2f}× jieba)")
    print(f"theme scoring adds    {(with_themes - without) / without * 100:8.1f} %  (target ≤ 20 %)")
    from djnlp.themes import default_model

    model = default_model()
    result = analyze(seed_text, themes=False, tasks=False)
    spans = [(sec.start, sec.end) for doc in result.documents for sec in doc.sections]
    one_pass = best(lambda: model.predict_spans(seed_text, spans))
    each = best(lambda: model.predict_proba([seed_text[a:b] for a, b in spans]))
    print(f"scoring the {len(spans)} sections: one pass (predict_spans) {one_pass * 1000:.1f} ms "
          f"(+{one_pass / without * 100:.0f} % of analyze), each section's text {each * 1000:.1f} ms "
          f"(+{each / without * 100:.0f} %)")
    nlp_with = djnlp.load()
    nlp_without = djnlp.load(components=[c for c in nlp_with.pipe_names if c != "djnlp_themes"])
    nlp_with(seed_text)
    t_with, t_without = best(lambda: nlp_with(seed_text)), best(lambda: nlp_without(seed_text))
    print(f"spaCy pipeline: {t_without * 1000:.1f} ms without djnlp_themes, {t_with * 1000:.1f} ms with "
          f"(+{(t_with - t_without) / t_without * 100:.1f} %)")


def cross_author(corpus: Path) -> None:
    import tempfile

    from djnlp.themes.corpus import load_corpus
    from djnlp.themes.train import evaluate, train_themes

    with tempfile.TemporaryDirectory() as tmp:
        train_dir, test_dir = Path(tmp, "a"), Path(tmp, "b")
        train_dir.mkdir()
        test_dir.mkdir()
        for path in corpus.glob("passages_*.jsonl"):
            (train_dir / path.name).symlink_to(path.resolve())
        for path in corpus.glob("extra_*.jsonl"):
            (test_dir / path.name).symlink_to(path.resolve())
        background = [str(REPO.parent / "shared" / "corpora")] if (REPO.parent / "shared" / "corpora").is_dir() else []
        report_ = train_themes(train_dir, Path(tmp, "model"), background=background)
        from djnlp.themes.model import ThemeModel

        model = ThemeModel.load(report_.out)
        report("cross-author: trained on passages_*, tested on all of extra_*", evaluate(model, load_corpus(test_dir)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="model folder (default: the shipped model)")
    parser.add_argument("--corpus", default=str(REPO / "corpus" / "themes"))
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--no-speed", action="store_true")
    parser.add_argument("--cross-author", action="store_true", help="also train on passages_*, test on extra_*")
    args = parser.parse_args(argv)

    from djnlp.themes.corpus import load_corpus, split
    from djnlp.themes.model import resolve_model
    from djnlp.themes.train import evaluate

    t = time.perf_counter()
    model = resolve_model(args.model)
    print(f"model: {args.model or 'shipped (models/themes)'}  labels {', '.join(model.labels)}  "
          f"{model.featurizer.n_features} features, loaded in {(time.perf_counter() - t) * 1000:.0f} ms")
    seed = int(model.info.get("seed", 0))
    parts = split(load_corpus(args.corpus), seed)
    report(f"test split of {args.corpus} (seed {seed})", evaluate(model, parts["test"]))

    if args.cross_author:
        cross_author(Path(args.corpus))
    if not SEED.exists():
        print(f"\n(seed not found at {SEED}; skipping the seed sections and speed)")
        return 0
    seed_text = SEED.read_text(encoding="utf-8")
    sections = seed_passages(seed_text, Path(args.corpus) / "seed_labels.jsonl")
    report(f"seed sections ({SEED.name})", evaluate(model, sections))
    lengths = [len(p.text) for p in sections]
    print(f"section lengths: median {statistics.median(lengths):.0f}, max {max(lengths)} chars")
    if not args.no_speed:
        timing(seed_text, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
