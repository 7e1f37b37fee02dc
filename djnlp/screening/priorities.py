"""Build the year's key priorities (重点工作) for a rubric from a work speech.

The task extractor finds the directives of the speech; they are grouped by the section
they sit in (second level when there is one: 一、 → （一）). Each group becomes a priority named after its section heading, with
key phrases taken from the quoted terms (“五好”) and the content words of its task actions and
headings, ranked by how much more often they occur in this section than in the others.

>>> text = ("一、抓好农村党建\\n要加强村党组织书记培训。\\n"
...         "二、加强干部队伍建设\\n要加强年轻干部培养，各地要选派年轻干部到村任职。")
>>> [(p.name, p.keywords[0]) for p in priorities_from_speech(text)]
[('加强干部队伍建设', '年轻干部'), ('抓好农村党建', '村党组织书记')]
"""
from __future__ import annotations

import json
import math
import os
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Sequence
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from djnlp.screening.rubric import Priority, Rubric, parse_rubric

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

_QUOTED = re.compile(r"“([^”]{2,12})”")
_HEAD_CUT = re.compile(r"[，,；;。：:]")
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d+[、.．]|第[一二三四五六七八九十]+[，,、])\s*")


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    root = files("djnlp") / "data" / "rubric"
    words = set()
    for name in ("speech_stopwords.txt", "cliches.txt"):
        text = (root / name).read_text(encoding="utf-8")
        words.update(w for line in text.splitlines() if (w := line.split("#", 1)[0].strip()))
    return frozenset(words)


def _heading_name(heading: str) -> str:
    name = _MARKER.sub("", heading).strip()
    name = _HEAD_CUT.split(name)[0].strip()
    return name[:24]


def priorities_from_speech(text: str, *, limit: int = 10, keywords_per_priority: int = 8,
                           segmenter: object | None = None) -> list[Priority]:
    """Priorities from the tasks of a speech (``text`` as read), largest sections first."""
    from djnlp.tasks import extract_tasks

    if segmenter is None:
        from djnlp.segment import make_segmenter

        segmenter = make_segmenter()
    stop = _stopwords()
    groups: dict[str, list[str]] = defaultdict(list)
    headings: dict[str, dict[str, None]] = defaultdict(dict)
    names: dict[str, str] = {}
    for task in extract_tasks(text):
        if not task.section:
            continue
        top = task.section[1] if len(task.section) > 1 else task.section[0]
        key = f"{task.document or ''}/{top.get('id')}"
        names.setdefault(key, _heading_name(str(top.get("heading", ""))))
        groups[key].append(task.action)
        for sec in task.section:
            headings[key][str(sec.get("heading", ""))] = None
    counts: dict[str, Counter[str]] = {}
    for key, actions in groups.items():
        pieces = [*actions, *headings[key]]
        c: Counter[str] = Counter()
        for piece in pieces:
            for q in _QUOTED.findall(piece):
                c[f"“{q}”"] += 2
            for w in segmenter.cut(piece):
                if len(w) >= 2 and w not in stop and all("\u4e00" <= ch <= "\u9fff" for ch in w):
                    c[w] += 1
        counts[key] = c
    df = Counter(w for c in counts.values() for w in c)
    n_groups = len(counts) or 1
    ranked = sorted(groups, key=lambda k: -len(groups[k]))
    out: list[Priority] = []
    seen_names: set[str] = set()
    for key in ranked:
        name = names[key]
        if not name or name in seen_names:
            continue
        scored = sorted(counts[key].items(), key=lambda kv: (-kv[1] * math.log(1 + n_groups / df[kv[0]]), -len(kv[0]), kv[0]))
        floor = 2 if len(groups[key]) >= 6 else 1  # a short section: every content word counts
        keywords = tuple(dict.fromkeys(w.strip("“”") for w, n in scored if n >= floor))[:keywords_per_priority]
        if not keywords:
            continue
        seen_names.add(name)
        out.append(Priority(name=name, keywords=keywords))
        if len(out) >= limit:
            break
    return out


def rubric_with_priorities(base_text: str, priorities: Sequence[Priority], *, source: str = "<rubric>",
                           base_dir: Path | None = None, year: int | None = None) -> tuple[str, Rubric]:
    """TOML text of ``base_text`` with its ``[[priorities]]`` replaced (and validated)."""
    cut = base_text.find("[[priorities]]")
    head = base_text if cut < 0 else base_text[:cut]
    if year is not None:
        head = re.sub(r"(?m)^year\s*=\s*\d+", f"year = {int(year)}", head, count=1)
    blocks = [head.rstrip() + "\n"]
    for p in priorities:
        kws = ", ".join(json.dumps(k, ensure_ascii=False) for k in p.keywords)
        blocks.append(f"\n[[priorities]]\nname = {json.dumps(p.name, ensure_ascii=False)}\nkeywords = [{kws}]\n")
    toml_text = "".join(blocks)
    rubric = parse_rubric(tomllib.loads(toml_text), source=source, base=base_dir)
    return toml_text, rubric


def read_base_rubric_text(path: str | os.PathLike[str] | None) -> tuple[str, Path | None]:
    """The TOML text of a base rubric (packaged default when ``None``) and its folder."""
    if path is None:
        return (files("djnlp") / "data" / "rubric" / "default.toml").read_text(encoding="utf-8"), None
    p = Path(path)
    return p.read_text(encoding="utf-8-sig"), p.parent
