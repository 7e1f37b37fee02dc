"""``djnlp analyze PATH|- [--date YYYY-MM-DD] [--json]`` — the outline, themes and tasks of a text."""
from __future__ import annotations

import argparse
from typing import Any

from djnlp.cli.common import example_path, print_json, read_input


def register(sub: Any) -> None:
    p = sub.add_parser(
        "analyze",
        help="outline, themes and tasks of a speech or report",
        description="Split a file into documents, build each outline tree, score themes and find tasks.",
    )
    p.add_argument("path", nargs="?", help="a .txt/.md/.docx file, or - for stdin")
    p.add_argument("--example", action="store_true", help="analyse the bundled example speech")
    p.add_argument("--date", help="base date for relative deadlines (YYYY-MM-DD)")
    p.add_argument("--json", action="store_true", help="print JSON (see djnlp/schema/analyze.schema.json)")
    p.add_argument("--no-themes", action="store_true", help="skip theme scoring")
    p.add_argument("--no-tasks", action="store_true", help="skip task extraction")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from djnlp.analyze import analyze, parse_date
    from djnlp.errors import ConfigError

    if args.example == bool(args.path):
        raise ConfigError(None, "give one PATH (or -), or --example")
    base = parse_date(args.date)
    source = read_input(str(example_path()) if args.example else args.path)
    result = analyze(source, base, themes=not args.no_themes, tasks=not args.no_tasks)
    if args.json:
        print_json(result.to_dict())
    else:
        print(render_tree(result))
    return 0


def render_tree(result: Any) -> str:
    """A readable outline: one line per document and per heading, indented by level."""
    lines = [f"{result.source}  ({result.text_length} 字, {len(result.documents)} 篇)"]
    for number, doc in enumerate(result.documents, 1):
        date = f"  日期 {doc.date.isoformat()}" if doc.date else ""
        lines.append(f"\n[{number}] {doc.title or '(无标题)'}  [{doc.start}–{doc.end}]{date}{theme_label(doc)}")
        for sec in doc.sections:
            indent = "    " * sec.level
            marker = sec.marker or ""
            lines.append(f"{indent}{marker}{sec.heading}  [{sec.start}–{sec.end}]{theme_label(sec)}")
        if doc.tasks:
            lines.append(f"    任务 {len(doc.tasks)} 项（djnlp tasks 可导出台账）")
    if result.placeholders:
        kinds = ", ".join(sorted({p.text for p in result.placeholders}))
        lines.append(f"\n待补全的占位符 {len(result.placeholders)} 处: {kinds}")
    return "\n".join(lines)


def theme_label(item: Any) -> str:
    """``"  〔农村 0.91〕"`` for an item with a theme, else ``""``."""
    from djnlp.themes.result import theme_display

    shown = theme_display(item)
    if shown is None:
        return ""
    name, score = shown
    return f"  〔{name}{f' {score:.2f}' if score is not None else ''}〕"
