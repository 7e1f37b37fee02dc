"""Write a task ledger (任务分解台账): JSON, CSV (UTF-8 with BOM), XLSX or DOCX.

The table has the columns a 督查 office prints: 序号, 任务内容, 责任单位, 完成时限, 出处
(出处 = document title + heading path).  Files are written atomically.

>>> import tempfile, os
>>> from djnlp.tasks import extract_tasks
>>> tasks = extract_tasks("各县市区要在6月底前完成换届。", base="2024-03-01")
>>> path = os.path.join(tempfile.mkdtemp(), "台账.csv")
>>> write_ledger(tasks, path, "csv")
>>> open(path, encoding="utf-8-sig").read().splitlines()[1]
'1,各县市区要在6月底前完成换届。,各县市区,6月底前（2024-06-30前）,'
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Sequence
from typing import Any

from djnlp._atomic import atomic_path, atomic_write
from djnlp.errors import ConfigError
from djnlp.tasks.extract import Task

FORMATS = ("json", "csv", "xlsx", "docx")
COLUMNS = ("序号", "任务内容", "责任单位", "完成时限", "出处")
TITLE = "任务分解台账"
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")  # not allowed in .xlsx/.docx
_WIDTHS_CM = (1.4, 10.1, 4.0, 4.0, 6.2)          # docx, landscape A4 (25.7 cm of text width)
_WIDTHS_XLSX = (6, 70, 24, 20, 40)
_HEADING_MAX = 16


def _actors(task: Task) -> str:
    text = "、".join(task.actors)
    if task.lead:
        text = "牵头：" + "、".join(task.lead)
        if task.support:
            text += "；配合：" + "、".join(task.support)
    return text


def _deadline(task: Task) -> str:
    parts = []
    if task.deadline is not None:
        d = task.deadline
        label = d.text
        if d.value is not None and d.value.end is not None:
            end = d.value.end.date().isoformat()
            start = d.value.start.date().isoformat() if d.value.start else None
            label += f"（{start}至{end}）" if start and start != end and d.kind != "by" else f"（{end}前）"
        parts.append(label)
    if task.recurrence is not None:
        parts.append(task.recurrence.text)
    return "；".join(parts)


def _short(heading: str) -> str:
    return heading if len(heading) <= _HEADING_MAX else heading[:_HEADING_MAX] + "…"


def _source(task: Task) -> str:
    """Document title + heading path, each heading with its marker and cut to a printable length."""
    path = [(s.get("marker") or "") + _short(s["heading"]) for s in task.section if s.get("heading")]
    return " > ".join(([task.document] if task.document else []) + path)


def ledger_rows(tasks: Sequence[Task]) -> list[tuple[str, str, str, str, str]]:
    """The ledger as rows of text (without the header); characters XML cannot hold are dropped."""
    return [tuple(_XML_ILLEGAL.sub("", cell) for cell in (str(i), t.text.replace("\n", ""), _actors(t), _deadline(t),
                                                          _source(t)))
            for i, t in enumerate(tasks, 1)]


def to_csv(tasks: Sequence[Task]) -> str:
    """CSV text of the ledger (no BOM; add it when writing a file for Excel)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(ledger_rows(tasks))
    return buffer.getvalue()


def to_json(tasks: Sequence[Task], **meta: Any) -> str:
    """JSON text: ``{"tasks": [...], **meta}``."""
    return json.dumps({**meta, "tasks": [t.to_dict() for t in tasks]}, ensure_ascii=False, indent=2) + "\n"


def _write_xlsx(tasks: Sequence[Task], path: str) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = TITLE
    sheet.append(COLUMNS)
    for row in ledger_rows(tasks):
        sheet.append([int(row[0]), *row[1:]])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for row in sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(vertical="top", wrap_text=True)
    for i, width in enumerate(_WIDTHS_XLSX, 1):
        sheet.column_dimensions[get_column_letter(i)].width = width
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    book.save(path)


def _write_docx(tasks: Sequence[Task], path: str) -> None:
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "宋体")
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Cm(2.0))
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = heading.add_run(TITLE)
    run.bold = True
    run.font.size = Pt(18)
    table = doc.add_table(rows=1, cols=len(COLUMNS))
    table.style = "Table Grid"
    table.autofit = False
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    for column, width in zip(table.columns, _WIDTHS_CM):
        column.width = Cm(width)
    header = table.rows[0]
    trpr = header._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    trpr.append(repeat)
    for cell, name in zip(header.cells, COLUMNS):
        cell.text = ""
        cell.paragraphs[0].add_run(name).bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in ledger_rows(tasks):
        cells = table.add_row().cells
        for cell, value in zip(cells, row):
            cell.text = value
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    for row in table.rows:
        for cell, width in zip(row.cells, _WIDTHS_CM):
            cell.width = Cm(width)
    doc.save(path)


def write_ledger(tasks: Sequence[Task], path: str | os.PathLike[str], format: str | None = None, **meta: Any) -> None:
    """Write ``tasks`` to ``path`` as json, csv, xlsx or docx (from the suffix when ``format`` is None)."""
    fmt = (format or os.path.splitext(os.fspath(path))[1].lstrip(".")).lower()
    if fmt not in FORMATS:
        raise ConfigError(os.fspath(path), f"unknown ledger format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "json":
        with atomic_write(path, "w", encoding="utf-8") as handle:
            handle.write(to_json(tasks, **meta))
    elif fmt == "csv":
        with atomic_write(path, "w", encoding="utf-8-sig", newline="") as handle:
            handle.write(to_csv(tasks))
    else:
        with atomic_path(path) as tmp:
            (_write_xlsx if fmt == "xlsx" else _write_docx)(tasks, tmp)
