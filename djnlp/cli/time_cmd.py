"""``djnlp time``: time expressions in a text, normalised against a base date.

    djnlp time "各地要在年底前完成换届" --base 2024-03-15 --json
    echo '{"text": "明年3月底前", "base": "2024-05-01"}' | djnlp time --batch

``--batch`` reads JSON Lines ``{"text": ..., "base": "YYYY-MM-DD" | null}`` on stdin and writes one
JSON list per input line, in order. A line that is not such an object stops the run with a one-line
error naming the line number (exit 2); nothing after it is processed.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from datetime import date
from typing import Any

from djnlp.errors import ConfigError, InputError


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "time", help="find and normalise time expressions",
        description="Find Chinese time expressions (年底前, 5个工作日内, “十四五”期间 …) and resolve them "
                    "against a base date.")
    parser.add_argument("text", nargs="?", help="the text, or - to read stdin")
    parser.add_argument("--base", help="base date YYYY-MM-DD (default: none; relative expressions stay unresolved)")
    parser.add_argument("--json", action="store_true", help="print a JSON list instead of a table")
    parser.add_argument("--batch", action="store_true",
                        help='read JSON Lines {"text": ..., "base": ...} on stdin, write one JSON list per line '
                             '(in order); a bad line stops the run with exit 2, naming its line number')
    parser.set_defaults(func=handle)


def _parse_base(value: str | None, source: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise ConfigError(source, f"base date must be YYYY-MM-DD, got {value!r}") from None


def _lines(stdin: Any) -> Iterator[tuple[int, str]]:
    """Numbered lines of ``stdin``, decoded as UTF-8 when it has a byte buffer."""
    binary = getattr(stdin, "buffer", None)
    if binary is None:                                    # a text stream (tests, embedded use)
        yield from enumerate(stdin, 1)
        return
    for number, raw in enumerate(binary, 1):
        try:
            yield number, raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            raise InputError(f"<stdin>:{number}", "not UTF-8 (JSON Lines must be UTF-8)") from None


def _batch(stdin: Any, stdout: Any) -> int:
    from djnlp.timex import extract_times

    for number, line in _lines(stdin):
        if not line.strip():
            continue
        where = f"<stdin>:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(where, f"not JSON ({err.msg})") from None
        if not isinstance(item, dict) or not isinstance(item.get("text"), str):
            raise InputError(where, 'expected an object with a string "text"')
        base = item.get("base")
        if base is not None and not isinstance(base, str):
            raise InputError(where, "base must be a YYYY-MM-DD string or null")
        found = extract_times(item["text"], _parse_base(base, where))
        stdout.write(json.dumps([t.to_dict() for t in found], ensure_ascii=False) + "\n")
    return 0


def _table(found: list[Any]) -> str:
    rows = [("text", "kind", "start", "end", "granularity", "note")]
    for t in found:
        value = t.value
        rows.append((t.text, t.kind,
                     value.start.isoformat(sep=" ") if value and value.start else "-",
                     value.end.isoformat(sep=" ") if value and value.end else "-",
                     t.granularity or "-",
                     "; ".join(x for x in ("approximate" if t.approximate else None, t.note,
                                           f"event: {t.event}" if t.event else None,
                                           *(f"limit: {lim.text}" for lim in t.limits)) if x)))
    width = [max(_width(r[i]) for r in rows) for i in range(5)]
    return "\n".join("  ".join(cell + " " * (width[i] - _width(cell)) for i, cell in enumerate(r[:5])) + "  " + r[5]
                     for r in rows)


def _width(text: str) -> int:
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def handle(args: argparse.Namespace) -> int:
    if args.batch:
        if args.text is not None:
            raise ConfigError("time", "--batch reads stdin; do not pass TEXT")
        return _batch(sys.stdin, sys.stdout)
    if args.text is None:
        raise ConfigError("time", "give TEXT, - for stdin, or --batch")
    from djnlp.timex import extract_times

    base = _parse_base(args.base, "--base")
    if args.text == "-":
        from djnlp.cli.common import read_input

        text = read_input("-").text
    else:
        text = args.text
    found = extract_times(text, base)
    if args.json:
        print(json.dumps([t.to_dict() for t in found], ensure_ascii=False, indent=2))
    elif found:
        print(_table(found))
    return 0
