"""Hand a .docx back with Word comments on the passages that lost points.

Each evidence span is located in its paragraph; the paragraph's runs are split at the span's
offsets (the new run copies the old run's formatting) and the comment is anchored on exactly
the runs that cover the span. A summary comment on the title lists advice that has no span.

>>> annotate_docx  # doctest: +ELLIPSIS
<function annotate_docx at ...>
"""
from __future__ import annotations

import copy
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from djnlp._atomic import atomic_path
from djnlp.errors import InputError
from djnlp.screening.result import Evidence, ScreenResult
from djnlp.screening.rubric import CRITERIA, CRITERION_LABELS

AUTHOR = "djnlp"
INITIALS = "DJ"
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def annotate_docx(result: ScreenResult, out_path: str | os.PathLike[str]) -> int:
    """Write a copy of ``result.path`` with comments to ``out_path``; returns the comment count."""
    import docx

    if result.format != "docx" or not result.path:
        raise InputError(result.source, "only .docx submissions can be annotated")
    document = docx.Document(result.path)
    located = _locate_paragraphs(document, result.text)
    count = 0
    for (start, end), notes in _negative_spans(result).items():
        runs = _anchor(located, start, end)
        if runs:
            document.add_comment(runs, text="；".join(notes), author=AUTHOR, initials=INITIALS)
            count += 1
    summary = _summary(result)
    if summary and located:
        title_para = next((p for p, off in located if p.text.strip()), None)
        if title_para is not None and title_para.runs:
            document.add_comment(title_para.runs, text=summary, author=AUTHOR, initials=INITIALS)
            count += 1
    with atomic_path(out_path) as tmp:
        document.save(tmp)
    return count


def _anchor(located: list[tuple[Any, int]], start: int, end: int) -> list[Any]:
    """First and last run of [start, end); a span across paragraphs runs from one to the other."""
    hit = [(p, off) for p, off in located if off < end and start < off + len(p.text)]
    if not hit:
        return []
    (first, f_off), (last, l_off) = hit[0], hit[-1]
    if first is last:
        return _isolate(first, start - f_off, end - f_off)
    head = _isolate(first, max(start - f_off, 0), len(first.text))
    tail = _isolate(last, 0, min(end - l_off, len(last.text)))
    return [head[0], tail[-1]] if head and tail else []


def _negative_spans(result: ScreenResult) -> dict[tuple[int, int], list[str]]:
    """Spans that lost points, with the notes of every criterion that flagged them."""
    spans: dict[tuple[int, int], list[str]] = {}

    def add(e: Evidence, label: str) -> None:
        if e.kind == "minus" and e.end > e.start:
            spans.setdefault((e.start, e.end), []).append(f"{label}：{e.note}")

    for cid in CRITERIA:
        for e in result.criteria[cid].evidence:
            add(e, CRITERION_LABELS[cid])
    for g in (*result.gates, *result.warnings):
        for e in g.evidence:
            add(e, "必须整改")
    return dict(sorted(spans.items()))


def _summary(result: ScreenResult) -> str:
    lines = [f"djnlp预审：总分{result.total:.1f}（{result.grade}）"]
    lines += [f"【必须整改】{g.message}" for g in result.gates]
    lines += [f"【提醒】{g.message}" for g in result.warnings]
    for cid in CRITERIA:
        lines += [f"{CRITERION_LABELS[cid]}：{a}" for a in result.criteria[cid].advice]
    return "\n".join(lines)


def _body_paragraphs(document: Any) -> Iterator[Any]:
    """Paragraphs in body order, table cells row by row (the order djnlp.io reads them)."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            yield block
        elif isinstance(block, Table):
            seen = set()
            for row in block.rows:
                for cell in row.cells:
                    if id(cell._tc) in seen:
                        continue
                    seen.add(id(cell._tc))
                    yield from cell.paragraphs


def _locate_paragraphs(document: Any, text: str) -> list[tuple[Any, int]]:
    """(paragraph, offset of its text in ``text``) for the non-empty paragraphs found in order."""
    out, cursor = [], 0
    for para in _body_paragraphs(document):
        ptext = para.text
        if not ptext.strip():
            continue
        found = text.find(ptext, cursor)
        if found < 0:
            continue
        out.append((para, found))
        cursor = found + len(ptext)
    return out


def _plain(run: Any) -> bool:
    """A run holding only formatting and text (safe to split)."""
    return all(child.tag in (_W + "rPr", _W + "t") for child in run._r)


def _split(run: Any, at: int) -> Any:
    """Split ``run`` at character ``at``; returns the new right-hand run (same formatting)."""
    from docx.text.run import Run

    text = run.text
    new_r = copy.deepcopy(run._r)
    run._r.addnext(new_r)
    right = Run(new_r, run._parent)
    run.text = text[:at]
    right.text = text[at:]
    return right


def _isolate(para: Any, start: int, end: int) -> list[Any]:
    """Runs of ``para`` covering exactly [start, end) of its text (split as needed)."""
    runs = para.runs
    if "".join(r.text for r in runs) != para.text:
        return []  # hyperlinks or fields: the run text does not add up to the paragraph text
    for boundary in (start, end):
        pos = 0
        for run in para.runs:
            n = len(run.text)
            if pos < boundary < pos + n and _plain(run):
                _split(run, boundary - pos)
                break
            pos += n
    covered, pos = [], 0
    for run in para.runs:
        n = len(run.text)
        if n and pos < end and start < pos + n:
            covered.append(run)
        pos += n
    return covered


def annotate_all(results: list[ScreenResult], outdir: str | os.PathLike[str]) -> list[Path]:
    """Annotate every .docx result into ``outdir`` (same file names); returns the paths written."""
    written = []
    for r in results:
        if r.format == "docx" and r.path:
            target = Path(outdir) / Path(r.path).name
            annotate_docx(r, target)
            written.append(target)
    return written
