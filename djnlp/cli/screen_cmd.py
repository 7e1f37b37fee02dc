"""``djnlp screen``: pre-screen 组工信息 submissions and rank them.

Every input is read (and every option checked) before any output is written, so bad input
leaves no partial report behind.

>>> build = __import__("djnlp.cli", fromlist=["build_parser"]).build_parser
>>> args = build().parse_args(["screen", "a.txt", "--json"])
>>> args.json, args.paths
(True, ['a.txt'])
"""
from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "screen", help="score 组工信息 submissions against a rubric (选题准、立意高、文字精、内容实、报送快)",
        description="Score .txt/.docx submissions (files or folders) against a TOML rubric and rank them.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt/.docx file or folder of them")
    p.add_argument("--rubric", metavar="FILE", help="rubric TOML (default: the packaged rubric)")
    p.add_argument("--archive", metavar="DIR", action="append", help="folder of earlier items to check originality against")
    p.add_argument("--manifest", metavar="FILE", help="CSV/JSON with file,type,unit,event_at,submitted_at")
    p.add_argument("--type", metavar="TYPE", help="experience|problem|news|urgent (or 经验类/问题类/动态类/紧急情况)")
    p.add_argument("--unit", metavar="NAME", help="submitting unit")
    p.add_argument("--event-at", metavar="ISO", help="when the event happened, e.g. 2026-03-05T14:30")
    p.add_argument("--submitted-at", metavar="ISO", help="when the item was submitted")
    p.add_argument("--json", action="store_true", help="print JSON Lines, one object per submission in input order")
    p.add_argument("--html", metavar="OUT", help="write an HTML report")
    p.add_argument("--annotate", metavar="OUTDIR", help="write copies of .docx inputs with Word comments")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from djnlp._atomic import atomic_write
    from djnlp.screening import Screener, load_rubric, load_submissions
    from djnlp.screening.submission import parse_time

    from djnlp.cli.common import refuse_overwriting_inputs

    refuse_overwriting_inputs(args.html, "--html", *args.paths, args.manifest, args.rubric)
    rubric = load_rubric(args.rubric)
    if args.type:
        rubric.type_id(args.type)
    for value, where in ((args.event_at, "--event-at"), (args.submitted_at, "--submitted-at")):
        parse_time(value, where)
    subs = load_submissions(args.paths, manifest=args.manifest, type=args.type, unit=args.unit,
                            event_at=args.event_at, submitted_at=args.submitted_at)
    for sub in subs:
        if sub.type:
            rubric.type_id(sub.type)
    screener = Screener(rubric, archive=args.archive)
    bar = _Progress(len(subs)) if sys.stderr.isatty() or len(subs) > 20 else None
    results = screener.screen(subs, progress=bar)
    if bar:
        bar.done()

    if args.html:
        from djnlp.screening.report_html import render_html

        page = render_html(results, rubric)
        with atomic_write(args.html, "w", encoding="utf-8") as fh:
            fh.write(page)
    if args.annotate:
        from djnlp.screening.annotate import annotate_all

        written = annotate_all(results, args.annotate)
        print(f"djnlp: annotated {len(written)} .docx file(s) into {args.annotate}", file=sys.stderr)
    if args.json:
        from djnlp.cli.common import print_json

        for r in results:
            print_json(r.to_dict(), lines=True)
    elif not args.html:
        _print_table(results, rubric)
    return 0


def _print_table(results: list[Any], rubric: Any) -> None:
    from djnlp.screening.rubric import CRITERIA, CRITERION_LABELS

    head = " ".join(CRITERION_LABELS[c] for c in CRITERIA)
    print(f"名次  总分 等次  {head}  类型  标题")
    for r in sorted(results, key=lambda r: r.rank):
        scores = " ".join(f"{r.criteria[c].score:6.0f}" for c in CRITERIA)
        flags = "".join(f" [{g.id}]" for g in r.gates) + "".join(f" ({g.id})" for g in r.warnings)
        print(f"{r.rank:4d} {r.total:5.1f} {r.grade:2s} {scores}  {rubric.types[r.type].label}  {r.title}{flags}")


class _Progress:
    """A one-line progress bar on stderr."""

    def __init__(self, total: int) -> None:
        self.total = total
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        step = max(total // 20, 1)
        if done != total and done - self.shown < step:
            return
        self.shown = done
        width = 30
        filled = int(width * done / max(total, 1))
        sys.stderr.write(f"\rscreening {done}/{total} [{'#' * filled}{'.' * (width - filled)}]")
        sys.stderr.flush()

    def done(self) -> None:
        sys.stderr.write("\n")
