"""Build corpus/tasks/texts/*.txt and gold.jsonl from the annotated sources in annotated/.

Markup: ⟦task text⟧{key=value; ...} with keys
  a = actors (| between), l = lead, s = support, i = 1 if the actors are inherited,
  m = obligation | prohibition | plan | encouragement,
  d = START/END deadline interval in ISO dates (- for an open end) or ~TEXT for a deadline that
      has no calendar value (事发后2小时内); no d = no deadline.
The base date of each text is the date line it ends with (落款), else the first date near its top.
Files named h*.txt are the held-out split: written and annotated after the rules were frozen,
scored once (see README.md); the others are the dev split the rules were tuned on.

    python corpus/tasks/build_gold.py      # rewrites texts/ and gold.jsonl
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
TASK = re.compile(r"⟦(.*?)⟧\{(.*?)\}", re.S)
DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")


def parse(source: str) -> tuple[str, list[dict]]:
    text_parts, tasks, pos, out_len = [], [], 0, 0
    for m in TASK.finditer(source):
        before = source[pos : m.start()]
        text_parts.append(before)
        out_len += len(before)
        body = m.group(1)
        attrs = dict(kv.strip().split("=", 1) for kv in m.group(2).split(";") if kv.strip())
        task = {
            "start": out_len,
            "end": out_len + len(body),
            "actors": [a for a in attrs.get("a", "").split("|") if a],
            "lead": [a for a in attrs.get("l", "").split("|") if a],
            "support": [a for a in attrs.get("s", "").split("|") if a],
            "actors_inherited": attrs.get("i") == "1",
            "modality": attrs["m"],
            "deadline": None,
        }
        d = attrs.get("d")
        if d and d.startswith("~"):
            task["deadline"] = {"text": d[1:], "start": None, "end": None}
        elif d:
            start, end = d.split("/")
            task["deadline"] = {"start": None if start == "-" else start, "end": None if end == "-" else end}
        tasks.append(task)
        text_parts.append(body)
        out_len += len(body)
        pos = m.end()
    text_parts.append(source[pos:])
    return "".join(text_parts), tasks


def main() -> int:
    gold_lines, doc_lines = [], []
    for src in sorted((HERE / "annotated").glob("*.txt")):
        text, tasks = parse(src.read_text(encoding="utf-8"))
        if "⟦" in text or "⟧" in text:
            raise SystemExit(f"{src.name}: unbalanced markup")
        dates = DATE.findall(text[-80:]) or DATE.findall(text[:120])
        base = "%04d-%02d-%02d" % tuple(map(int, dates[-1])) if dates else None
        (HERE / "texts" / src.name).write_text(text, encoding="utf-8")
        name = f"texts/{src.name}"
        split = "heldout" if src.name.startswith("h") else "dev"
        doc_lines.append({"doc": name, "split": split, "chars": len(text), "base": base, "tasks": len(tasks)})
        for task in tasks:
            gold_lines.append({"doc": name, **task, "text": text[task["start"] : task["end"]]})
    with open(HERE / "gold.jsonl", "w", encoding="utf-8") as fh:
        for line in gold_lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    with open(HERE / "documents.jsonl", "w", encoding="utf-8") as fh:
        for line in doc_lines:
            fh.write(json.dumps(line, ensure_ascii=False) + "\n")
    for line in doc_lines:
        print(line, file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
