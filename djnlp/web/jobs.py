"""The work behind the pages: screen a batch of uploads, analyse one speech.

Nothing here knows about HTTP. Uploaded bytes are written under generated names (``003.docx``)
into a private temporary folder that is removed before the call returns — the annotator and the
ledger writer work on files — so a name sent by the browser is only ever a label.

>>> bench = Workbench()
>>> out = bench.screen([Upload("files", "../x/稿件.txt", "text/plain",
...                            "柳河镇推行“村事夜议”\\n今年以来，柳河镇在12个村推行。".encode())])
>>> out.results[0].source, out.results[0].title
('稿件.txt', '柳河镇推行“村事夜议”')
"""
from __future__ import annotations

import dataclasses
import json
import os
import re
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from djnlp.errors import DjnlpError, FileTooLargeError, InputError, UnsupportedFormatError
from djnlp.web.multipart import Upload

__all__ = ["ACCEPTED", "BatchOptions", "ScreenOutcome", "SpeechOutcome", "Workbench", "display_name"]

ACCEPTED = (".txt", ".md", ".docx")
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_UNSAFE = re.compile(r"[\x00-\x1f\x7f]+")


def display_name(filename: str, limit: int = 120) -> str:
    """A label for an uploaded file: the last path component, control characters dropped.

    >>> display_name("C:\\\\材料\\\\..\\\\稿件\\n.docx")
    '稿件.docx'
    """
    base = re.split(r"[\\/]", filename)[-1]
    base = _UNSAFE.sub("", base).strip() or "未命名"
    if len(base) > limit:
        stem, suffix = os.path.splitext(base)
        base = stem[: limit - len(suffix)] + suffix
    return base


def _suffix(name: str) -> str:
    suffix = os.path.splitext(name)[1].lower()
    if suffix not in ACCEPTED:
        shown = suffix or "无扩展名的"
        raise UnsupportedFormatError(name, f"不支持{shown}文件，请上传 .txt、.md 或 .docx（.doc/.pdf 请先另存为 .docx）")
    return suffix


def _require_text(text: str, name: str) -> None:
    if not text.strip():
        raise InputError(name, "文件里没有文字")


@dataclass(frozen=True)
class BatchOptions:
    """Metadata an editor sets for a whole batch (empty = read from the files / inferred)."""

    type: str | None = None
    unit: str | None = None
    event_at: str | None = None
    submitted_at: str | None = None


@dataclass(frozen=True)
class ScreenOutcome:
    """Ranked results (input order) with the report and the files to offer for download."""

    results: list[Any]
    report_html: str
    jsonl: str
    annotated: dict[int, tuple[str, bytes]]  # result index → (file name, annotated .docx)


@dataclass(frozen=True)
class SpeechOutcome:
    """A speech's analysis, its tasks in ledger order and the ledger files."""

    analysis: Any
    tasks: list[Any]
    ledgers: dict[str, bytes]  # "xlsx" / "docx" → bytes


class Workbench:
    """The screener (rubric + archive, built once) and a lock that runs one job at a time."""

    def __init__(self, rubric: str | os.PathLike[str] | None = None,
                 archive: Sequence[str | os.PathLike[str]] | None = None, *,
                 max_file_bytes: int = 20_000_000) -> None:
        from djnlp.screening import Screener

        self.screener = Screener(rubric, archive=list(archive or ()))
        self.rubric = self.screener.rubric
        self.max_file_bytes = max_file_bytes
        self.lock = threading.Lock()

    def check_size(self, uploads: Sequence[Upload]) -> None:
        """Raise :class:`FileTooLargeError` for the first upload over the per-file cap."""
        for up in uploads:
            if len(up.data) > self.max_file_bytes:
                raise FileTooLargeError(display_name(up.filename),
                                        f"{len(up.data):,} 字节，超过每个文件 {self.max_file_bytes:,} 字节的上限")

    def screen(self, uploads: Sequence[Upload], options: BatchOptions = BatchOptions()) -> ScreenOutcome:
        """Screen uploaded .txt/.md/.docx submissions as one batch (nothing kept afterwards)."""
        from djnlp.screening.annotate import annotate_docx
        from djnlp.screening.report_html import render_html
        from djnlp.screening.submission import parse_time, read_submission, with_meta

        if not uploads:
            raise InputError(None, "没有收到稿件：请选择至少一个 .txt、.md 或 .docx 文件")
        self.check_size(uploads)
        names = [display_name(up.filename) for up in uploads]
        suffixes = [_suffix(name) for name in names]
        if options.type:
            self.rubric.type_id(options.type)
        parse_time(options.event_at, "事件发生时间")
        parse_time(options.submitted_at, "报送时间")
        with tempfile.TemporaryDirectory(prefix="djnlp-web-") as tmp:
            subs = []
            for i, (up, name, suffix) in enumerate(zip(uploads, names, suffixes)):
                path = Path(tmp) / f"{i:03d}{suffix}"
                path.write_bytes(up.data)
                try:
                    sub = read_submission(path)
                except DjnlpError as err:
                    raise type(err)(name, err.reason) from None
                _require_text(sub.text, name)
                sub = with_meta(dataclasses.replace(sub, name=name), type=options.type or None,
                                unit=options.unit or None, event_at=options.event_at or None,
                                submitted_at=options.submitted_at or None)
                if sub.type:
                    self.rubric.type_id(sub.type)
                subs.append(sub)
            with self.lock:
                results = self.screener.screen(subs, remember=False)
            annotated = {}
            for i, r in enumerate(results):
                if r.format == "docx" and r.path:
                    out = Path(tmp) / f"{i:03d}-annotated.docx"
                    annotate_docx(r, out)
                    annotated[i] = (Path(r.source).stem + "（批注）.docx", out.read_bytes())
        results = [dataclasses.replace(r, path=None) for r in results]
        jsonl = "".join(json.dumps(r.to_dict(), ensure_ascii=False, separators=(",", ":")) + "\n" for r in results)
        return ScreenOutcome(results, render_html(results, self.rubric), jsonl, annotated)

    def analyze(self, upload: Upload, date: str | None = None) -> SpeechOutcome:
        """Outline, themes and tasks of one speech, with the task ledger as .xlsx and .docx."""
        from djnlp.analyze import analyze, parse_date
        from djnlp.io import read
        from djnlp.tasks import write_ledger

        self.check_size([upload])
        name = display_name(upload.filename)
        _suffix(name)
        base = parse_date(date or None)
        source = read(upload.data, name=name, max_bytes=self.max_file_bytes)
        _require_text(source.text, name)
        with self.lock:
            analysis = analyze(source, base)
        tasks = [t for doc in analysis.documents for t in (doc.tasks or ())]
        ledgers = {}
        with tempfile.TemporaryDirectory(prefix="djnlp-web-") as tmp:
            for fmt in ("xlsx", "docx"):
                path = Path(tmp) / f"ledger.{fmt}"
                write_ledger(tasks, path, fmt)
                ledgers[fmt] = path.read_bytes()
        return SpeechOutcome(analysis, tasks, ledgers)
