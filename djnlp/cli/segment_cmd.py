"""``djnlp segment``: words of each stdin line, space-separated; ``djnlp train segmenter``.

    $ echo 各支部要落实三会一课制度 | djnlp segment
    各支部 要 落实 三会一课 制度
    $ djnlp train segmenter --train gold.txt --test dev.txt --out models/seg --iter 10
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterator

from djnlp.errors import ConfigError, DecodingError

SEGMENTERS = ("jieba", "pkuseg", "char")


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "segment",
        help="segment text on stdin into words",
        description="Read UTF-8 lines on stdin; write each line's words separated by single spaces.",
    )
    parser.add_argument("--segmenter", choices=SEGMENTERS, default="jieba",
                        help="jieba with the 党建 lexicon (default), a pkuseg model, or characters")
    parser.add_argument("--model", metavar="DIR", help="pkuseg model directory (see `djnlp train segmenter`)")
    parser.add_argument("--user-dict", metavar="FILE", action="append", default=[], dest="user_dicts",
                        help="extra dictionary, jieba format 'word [freq] [tag]' per line (repeatable)")
    parser.set_defaults(func=run_segment)


def register_train(train_subparsers: argparse._SubParsersAction) -> None:
    parser = train_subparsers.add_parser(
        "segmenter",
        help="train a pkuseg segmentation model from gold files",
        description="Train a spacy-pkuseg model on space-separated gold sentences (one per line).",
    )
    parser.add_argument("--train", metavar="GOLD", required=True, help="training gold file")
    parser.add_argument("--test", metavar="GOLD", required=True, help="evaluation gold file")
    parser.add_argument("--out", metavar="DIR", required=True, help="model directory to write")
    parser.add_argument("--iter", metavar="N", type=int, default=10, dest="iterations",
                        help="training iterations (default 10; about 1 s each per 300 sentences)")
    parser.set_defaults(func=run_train)


def _stdin_lines() -> Iterator[str]:
    binary = getattr(sys.stdin, "buffer", None)
    if binary is None:                                    # a text stream (tests, embedded use)
        for line in sys.stdin:
            yield line.rstrip("\r\n")
        return
    for number, raw in enumerate(binary, start=1):
        try:
            text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise DecodingError("<stdin>", f"line {number} is not UTF-8") from None
        yield text.rstrip("\r\n")


def _write(line: str) -> None:
    binary = getattr(sys.stdout, "buffer", None)
    if binary is None:
        sys.stdout.write(line + "\n")
    else:
        binary.write((line + "\n").encode("utf-8"))


def run_segment(args: argparse.Namespace) -> int:
    from djnlp.segment import make_segmenter

    if args.segmenter == "pkuseg" and not args.model:
        raise ConfigError("--segmenter pkuseg", "needs --model DIR (train one with `djnlp train segmenter`)")
    if args.model and args.segmenter != "pkuseg":
        raise ConfigError("--model", "only applies to --segmenter pkuseg")
    segmenter = make_segmenter(args.segmenter, args.model, args.user_dicts)
    interactive = sys.stdout.isatty()
    for line in _stdin_lines():
        _write(" ".join(segmenter.words(line)))
        if interactive:
            sys.stdout.flush()
    sys.stdout.flush()
    return 0


def run_train(args: argparse.Namespace) -> int:
    from djnlp.segment.training import count_gold_sentences, train_pkuseg

    sentences = count_gold_sentences(args.train)
    out = train_pkuseg(args.train, args.test, args.out, iterations=args.iterations, log=sys.stderr)
    print(f"pkuseg model written to {out} ({sentences} training sentences, {args.iterations} iterations)")
    return 0
