"""``djnlp rubric``: check a screening rubric, or build the year's priorities from a speech.

>>> build = __import__("djnlp.cli", fromlist=["build_parser"]).build_parser
>>> args = build().parse_args(["rubric", "from-speech", "speech.txt", "--out", "r.toml"])
>>> args.speech, args.out, args.limit
('speech.txt', 'r.toml', 10)
"""
from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser("rubric", help="check a screening rubric or build its priorities from a work speech",
                              description="Work with the TOML rubric used by `djnlp screen`.")
    sub = p.add_subparsers(dest="rubric_command", metavar="ACTION")
    check = sub.add_parser("check", help="validate a rubric file (one-line error, exit 2, when it is wrong)")
    check.add_argument("file", nargs="?", metavar="FILE", help="rubric TOML (default: the packaged rubric)")
    check.set_defaults(func=run_check)
    fs = sub.add_parser("from-speech", help="rubric whose [[priorities]] come from a year's work speech",
                        description="Extract the speech's tasks, group them by top-level section, and write a rubric "
                                    "whose priorities are those sections with their key phrases.")
    fs.add_argument("speech", metavar="SPEECH", help=".txt/.md/.docx speech, or - for stdin")
    fs.add_argument("--out", required=True, metavar="FILE", help="rubric TOML to write")
    fs.add_argument("--base", metavar="FILE", help="rubric to copy everything else from (default: packaged)")
    fs.add_argument("--limit", type=int, default=10, metavar="N", help="at most N priorities (default 10)")
    fs.add_argument("--year", type=int, metavar="YYYY", help="set [rubric] year")
    fs.set_defaults(func=run_from_speech)
    p.set_defaults(func=lambda args: (p.print_help(sys.stderr), 2)[1])


def run_check(args: argparse.Namespace) -> int:
    from djnlp.screening import load_rubric

    rubric = load_rubric(args.file)
    print(f"{rubric.source}: ok — {rubric.name} ({rubric.year}), {len(rubric.priorities)} priorities, "
          f"grades {'/'.join(g for g, _ in rubric.grades)}")
    return 0


def run_from_speech(args: argparse.Namespace) -> int:
    from djnlp._atomic import atomic_write
    from djnlp.cli.common import read_input, refuse_overwriting_inputs
    from djnlp.errors import ConfigError
    from djnlp.screening import load_rubric
    from djnlp.screening.priorities import priorities_from_speech, read_base_rubric_text, rubric_with_priorities

    if args.limit < 1:
        raise ConfigError("--limit", "must be at least 1")
    refuse_overwriting_inputs(args.out, "--out", args.speech)  # --out may replace --base on purpose
    if args.base:
        load_rubric(args.base)  # a broken base is reported against its own file, not --out
    source = read_input(args.speech)
    base_text, base_dir = read_base_rubric_text(args.base)
    found = priorities_from_speech(source.text, limit=args.limit)
    if not found:
        raise ConfigError(args.speech, "no sectioned directives found; is this a work speech with numbered sections?")
    text, rubric = rubric_with_priorities(base_text, found, source=args.out, base_dir=base_dir, year=args.year)
    with atomic_write(args.out, "w", encoding="utf-8") as fh:
        fh.write(text)
    for p in rubric.priorities:
        print(f"{p.name}: {'、'.join(p.keywords)}")
    return 0
