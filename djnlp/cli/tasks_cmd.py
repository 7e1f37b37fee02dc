"""``djnlp tasks PATH``: extract directives and write the task ledger (任务分解台账).

    djnlp tasks speech.docx --date 2024-03-01 --format xlsx -o 台账.xlsx
    djnlp tasks - --format csv < speech.txt
"""
from __future__ import annotations

import argparse
import sys
from datetime import date


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date (YYYY-MM-DD): {text!r}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "tasks",
        help="extract directives and write a task ledger (任务分解台账)",
        description="Extract directives (who must do what by when) and write a ledger with the "
        "columns 序号, 任务内容, 责任单位, 完成时限, 出处.",
    )
    parser.add_argument("path", metavar="PATH", help=".txt/.md/.docx file, or - for stdin")
    parser.add_argument("--date", type=_date, default=None,
                        help="base date for relative times (default: each document's own date line)")
    parser.add_argument("--format", choices=("json", "csv", "xlsx", "docx"), default=None,
                        help="output format (default: from the -o suffix, else json)")
    parser.add_argument("-o", "--output", default=None, help="output file (json/csv go to stdout without it)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from djnlp.cli.common import read_input, refuse_overwriting_inputs
    from djnlp.errors import ConfigError
    from djnlp.analyze import analyze
    from djnlp.tasks import write_ledger
    from djnlp.tasks.ledger import to_csv, to_json

    fmt = args.format
    if fmt is None:
        suffix = args.output.rsplit(".", 1)[-1].lower() if args.output and "." in args.output else "json"
        fmt = suffix if suffix in ("json", "csv", "xlsx", "docx") else "json"
    if fmt in ("xlsx", "docx") and not args.output:
        raise ConfigError(args.path, f"--format {fmt} needs -o OUTPUT")
    refuse_overwriting_inputs(args.output, "-o", args.path)
    source = read_input(args.path)
    # each document's deadlines against its own date line (or --date), as analyze reads them
    analysis = analyze(source, date=args.date, themes=False)
    tasks = [task for document in analysis.documents for task in document.tasks or ()]
    meta = {"source": source.name, "base": args.date.isoformat() if args.date else None}
    if args.output:
        write_ledger(tasks, args.output, fmt, **meta)
    elif fmt == "csv":
        sys.stdout.write(to_csv(tasks))
    else:
        sys.stdout.write(to_json(tasks, **meta))
    return 0
