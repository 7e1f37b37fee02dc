"""``djnlp themes PATH…|- [--json]`` and ``djnlp train themes --corpus DIR --out DIR``.

Each input is one passage: its scores for every theme, the top theme, and the terms that
raised each score. One input + ``--json`` → one JSON object; several → JSON Lines, each
with its ``source`` (see ``djnlp/schema/themes.schema.json``).
"""
from __future__ import annotations

import argparse
from typing import Any

from djnlp.cli.common import print_json, read_input


def register(sub: Any) -> None:
    p = sub.add_parser(
        "themes",
        help="theme scores (农村/企业/社区/机关/综合) of a passage, with evidence",
        description="Score each input as one passage against every theme and show the terms behind each score.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="a .txt/.md/.docx file, or - for stdin")
    p.add_argument("--json", action="store_true", help="JSON (one input) or JSON Lines (several inputs)")
    p.add_argument("--model", metavar="DIR", help="a model folder from `djnlp train themes` (default: shipped model)")
    p.add_argument("--top", type=int, default=8, metavar="K", help="evidence terms per theme (default 8)")
    p.set_defaults(func=run)


def register_train(sub: Any) -> None:
    p = sub.add_parser(
        "themes",
        help="train a theme model from labelled JSON Lines passages",
        description=(
            "Train a one-vs-rest theme model from DIR/*.jsonl (fields text, label or labels, doc_id). "
            "Labels are taken from the data; split by doc_id; prints the held-out metrics."
        ),
    )
    p.add_argument("--corpus", required=True, metavar="DIR", help="folder of labelled *.jsonl passages")
    p.add_argument("--out", required=True, metavar="DIR", help="folder to write the model into")
    p.add_argument("--seed", type=int, default=0, help="salt of the train/dev/test split by doc_id (default 0)")
    p.add_argument(
        "--background", nargs="*", default=[], metavar="PATH",
        help="unlabelled texts for IDF statistics (.jsonl with 'content', .txt, or folders of them)",
    )
    p.add_argument("--C", type=float, dest="C", help="fix the regularisation strength instead of searching on dev")
    p.add_argument("--lexicon", metavar="DIR", help="folder of <label>.txt keyword lists (default: the shipped theme lists)")
    p.add_argument(
        "--no-mixtures", action="store_true",
        help="do not add synthetic mixtures (only used when the labels include 'general' and three others)",
    )
    p.set_defaults(func=run_train)


def _passage_text(path: str) -> tuple[str, str]:
    from djnlp.clean import clean

    source = read_input(path)
    return source.name, clean(source.text).text


def run(args: argparse.Namespace) -> int:
    from djnlp.errors import InputError
    from djnlp.themes.model import resolve_model

    if args.top < 0:
        raise InputError("--top", "must be 0 or more")
    model = resolve_model(args.model)
    several = len(args.paths) > 1
    passages = [_passage_text(path) for path in args.paths]  # every input read before any output
    for name, text in passages:
        if not text.strip():
            raise InputError(name, "empty text: nothing to classify")
    for name, text in passages:
        result = model.classify(text, top_k=args.top)
        if args.json:
            record = result.to_dict()
            if several:
                record = {"source": name, **record}
            print_json(record, lines=several)
        else:
            print(render(name, result, model.display_names, model.fallback_below))
    return 0


def render(name: str, result: Any, names: dict[str, str], fallback_below: float = 0.4) -> str:
    """``name: 农村 rural 0.93`` then every theme with its score and top evidence."""
    score = result.scores[result.theme]
    why = f"{score:.2f}" if score >= fallback_below else f"(no other theme reaches {fallback_below:.2f})"
    also = [label for label in result.labels if label != result.theme]
    extra = "  also: " + ", ".join(f"{names.get(x, x)} {x} {result.scores[x]:.2f}" for x in also) if also else ""
    lines = [f"{name}: {names.get(result.theme, result.theme)} {result.theme} {why}{extra}"]
    for label, score in sorted(result.scores.items(), key=lambda kv: -kv[1]):
        terms = "、".join(f"{t}(+{w:.2f})" for t, w in result.evidence.get(label, ())[:5])
        lines.append(f"  {names.get(label, label)} {label:<11} {score:5.2f}  {terms}")
    return "\n".join(lines)


def run_train(args: argparse.Namespace) -> int:
    from djnlp.themes.train import train_themes

    report = train_themes(
        args.corpus, args.out, seed=args.seed, background=args.background, C=args.C,
        mix=not args.no_mixtures, lexicon=args.lexicon,
    )
    m = report.metrics
    counts = ", ".join(f"{k} {v['passages']} passages/{v['documents']} docs" for k, v in m["counts"].items())
    print(f"labels: {', '.join(m['labels'])}")
    print(f"split (seed {m['seed']}): {counts}")
    print(f"features: {m['n_features']} (segmenter: {m['segmenter']}), C = {m['C']}")
    test = m["test"]
    if test.get("n"):
        print(f"test: macro-F1 {test['macro_f1']:.3f}, accuracy {test['accuracy']:.3f}, "
              f"brier {test['brier']:.3f}, ECE {test['ece']:.3f} on {test['n']} passages")
        labels = test["confusion"]["labels"]
        width = max(len(x) for x in labels) + 1
        print("confusion (rows gold, cols predicted):")
        print(" " * width + "".join(f"{x[:6]:>8}" for x in labels))
        for label, row in zip(labels, test["confusion"]["rows_gold_cols_pred"]):
            print(f"{label:<{width}}" + "".join(f"{n:>8}" for n in row))
    else:
        print("test: no held-out documents (the model was fitted on everything)")
    print(f"model written to {report.out} ({m['train_seconds']} s)")
    return 0
