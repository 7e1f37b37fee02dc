"""Consistency check for the held-out screening set (stdlib only; does not use djnlp).

Run: python corpus/heldout/screening/check.py
"""
from __future__ import annotations

import csv
import json
import re
import sys
from datetime import datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
CRITERIA = {"topic", "standpoint", "concise", "substance", "depth", "objectivity", "timeliness", "originality"}
GATES = {"late_urgent", "near_duplicate", "personal_data"}
LEVELS = {"high", "mid", "low"}
GRADES = {"优", "良", "中", "差"}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_RE = re.compile(r"(?<!\d)\d{17}[\dXx](?!\d)")
MOBILE_RE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")


def id_checksum_ok(number: str) -> bool:
    """True when the 18th character matches the GB 11643 check digit, e.g. '431102197804150030'."""
    total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


def main() -> int:
    errors: list[str] = []
    txts = sorted(p.name for p in HERE.glob("s*.txt"))
    with open(HERE / "manifest.csv", encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        if reader.fieldnames != ["file", "type", "unit", "event_at", "submitted_at"]:
            errors.append(f"manifest columns {reader.fieldnames}")
        manifest = {row["file"]: row for row in reader}
    expected = {}
    for n, line in enumerate((HERE / "expected.jsonl").read_text(encoding="utf-8").splitlines(), 1):
        obj = json.loads(line)
        expected[obj["file"]] = obj
    if sorted(manifest) != txts or sorted(expected) != txts:
        errors.append("file sets differ between folder, manifest and expected")
    for name in txts:
        text = (HERE / name).read_text(encoding="utf-8")
        lines = text.strip().splitlines()
        body = text.strip()
        if len(lines) < 2 or not lines[0].strip() or len(lines[0]) > 60:
            errors.append(f"{name}: no title line")
        if not 150 <= len(body) <= 600:
            errors.append(f"{name}: length {len(body)}")
        exp = expected[name]
        if set(exp["expected"]) - CRITERIA or set(exp["expected"].values()) - LEVELS:
            errors.append(f"{name}: bad criterion or level")
        if set(exp["gates"]) - GATES or set(exp["warnings"]) - GATES:
            errors.append(f"{name}: bad gate id")
        if exp["editor_grade"] not in GRADES or not exp["editor_rank_note"]:
            errors.append(f"{name}: bad editor grade/note")
        has_pd = False
        for m in ID_RE.findall(text):
            has_pd = True
            if not id_checksum_ok(m):
                errors.append(f"{name}: ID {m} checksum invalid")
        has_pd |= bool(MOBILE_RE.search(text))
        if has_pd != ("personal_data" in exp["gates"]):
            errors.append(f"{name}: personal data vs gate mismatch")
        row = manifest[name]
        if row["type"] == "紧急情况":
            hours = (datetime.fromisoformat(row["submitted_at"]) - datetime.fromisoformat(row["event_at"])).total_seconds() / 3600
            late_gate = "late_urgent" in exp["gates"]
            late_warn = "late_urgent" in exp["warnings"]
            if (hours > 24) != late_gate or (6 < hours <= 24) != late_warn:
                errors.append(f"{name}: {hours:.1f} h vs gates/warnings")
            print(f"{name}: {hours:.2f} h")
    for e in errors:
        print("ERROR", e)
    print(f"{len(txts)} files, {sum(len(e['expected']) for e in expected.values())} criterion labels, "
          f"{len(errors)} errors")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
