"""Submissions: text as read, title span, and metadata (type, unit, event and submission time).

Metadata comes, in order of precedence, from explicit options, a sidecar manifest (CSV or
JSON keyed by file name), and .docx core properties (a type word such as 经验类 in
``category`` or ``keywords`` → type, ``subject`` → unit). The title of a submission is its first non-empty line.

>>> sub = Submission.from_text("某县推行村干部坐班制\\n近日，某县……", type="experience")
>>> sub.title
'某县推行村干部坐班制'
>>> sub.text[sub.body_start:]
'近日，某县……'
"""
from __future__ import annotations

import csv
import io
import json
import os
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Any

from djnlp.errors import ConfigError, InputError, UnsupportedFormatError

SUPPORTED = (".txt", ".docx")
STDIN = "-"          # a path of "-" is one submission read from standard input
MANIFEST_NAMES = ("manifest.csv", "manifest.json")


def first_line_span(text: str) -> tuple[int, int]:
    r"""``(start, end)`` of the first non-empty line of ``text``, stripped; ``(0, 0)`` if none.

    >>> first_line_span("\n  标题  \n正文")
    (3, 5)
    """
    pos = 0
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            start = pos + line.index(stripped[0])
            return start, start + len(stripped)
        pos += len(line)
    return 0, 0


@dataclass(frozen=True)
class Submission:
    """One 组工信息 submission."""

    text: str
    name: str
    format: str = "txt"
    type: str | None = None
    unit: str | None = None
    event_at: datetime | None = None
    submitted_at: datetime | None = None
    path: str | None = None
    metadata: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def from_text(cls, text: str, name: str = "<string>", **meta: Any) -> Submission:
        """A submission from a string; ``meta`` as in :func:`with_meta`."""
        return with_meta(cls(text=text, name=name), **meta)

    @property
    def title_span(self) -> tuple[int, int]:
        """Offsets of the title: the first non-empty line, stripped."""
        return first_line_span(self.text)

    @property
    def title(self) -> str:
        s, e = self.title_span
        return self.text[s:e]

    @property
    def body_start(self) -> int:
        """Offset where the body starts (after the title line)."""
        _, e = self.title_span
        nl = self.text.find("\n", e)
        return len(self.text) if nl < 0 else nl + 1


def parse_time(value: str | datetime | None, where: str = "time") -> datetime | None:
    """ISO 8601 date or date-time (``2026-03-05``, ``2026-03-05T14:30``, ``…Z``); naive = local."""
    if value is None or isinstance(value, datetime):
        return value
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("/", "-"))
    except ValueError:
        raise ConfigError(None, f"{where}: {value!r} is not an ISO date-time (e.g. 2026-03-05T14:30)") from None


def with_meta(sub: Submission, *, type: str | None = None, unit: str | None = None,
              event_at: str | datetime | None = None, submitted_at: str | datetime | None = None) -> Submission:
    """A copy of ``sub`` with the given metadata set (``None`` keeps the current value)."""
    changes: dict[str, Any] = {}
    if type:
        changes["type"] = type
    if unit:
        changes["unit"] = unit
    if event_at is not None:
        changes["event_at"] = parse_time(event_at, f"{sub.name}: event_at")
    if submitted_at is not None:
        changes["submitted_at"] = parse_time(submitted_at, f"{sub.name}: submitted_at")
    return replace(sub, **changes) if changes else sub


def expand_paths(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Path]]:
    """Files to screen (folders expanded to their .txt/.docx, sorted) and manifests found in folders.

    An explicit file of another format raises :class:`UnsupportedFormatError`.
    """
    files: list[Path] = []
    manifests: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if str(raw) == STDIN:
            if any(str(f) == STDIN for f in files):
                raise InputError(STDIN, "standard input can be given only once")
            files.append(p)
        elif p.is_dir():
            files.extend(sorted(c for c in p.iterdir() if c.is_file() and c.suffix.lower() in SUPPORTED
                                and not c.name.startswith((".", "~$"))))
            manifests.extend(p / m for m in MANIFEST_NAMES if (p / m).is_file())
        elif not p.exists():
            raise InputError(str(p), "no such file or folder")
        elif p.suffix.lower() not in SUPPORTED:
            raise UnsupportedFormatError(str(p), f"{p.suffix or 'this'} files are not screened; give .txt or .docx")
        else:
            files.append(p)
    return files, manifests


def read_submission(path: str | os.PathLike[str]) -> Submission:
    """Read one .txt/.docx file (or standard input for ``"-"``) into a :class:`Submission`
    (docx core properties as metadata)."""
    import sys

    from djnlp.io import read

    stdin = str(path) == STDIN
    src = read(sys.stdin.buffer.read(), name="<stdin>") if stdin else read(path)
    meta = dict(src.metadata)
    name = "<stdin>" if stdin else Path(path).name
    sub = Submission(text=src.text, name=name, format=src.format, path=None if stdin else str(path), metadata=meta)
    return with_meta(sub, type=_type_from_properties(meta), unit=meta.get("subject") or None)


_TYPE_WORDS = ("experience", "problem", "news", "urgent", "经验类", "问题类", "动态类", "紧急情况")


def _type_from_properties(meta: Mapping[str, str]) -> str | None:
    """A type named in the .docx ``category`` or ``keywords`` property, if any."""
    for key in ("category", "keywords"):
        for token in re.split(r"[,;，；、\s]+", meta.get(key, "")):
            if token in _TYPE_WORDS:
                return token
    return None


def load_manifest(path: str | os.PathLike[str]) -> dict[str, dict[str, str]]:
    """Rows of a CSV or JSON manifest keyed by file name.

    CSV columns (header row): ``file`` and any of ``type``, ``unit``, ``event_at``,
    ``submitted_at``. JSON: a list of such objects, or an object keyed by file name.
    """
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise ConfigError(str(p), f"cannot read manifest: {err.strerror}") from None
    try:
        raw = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:  # Excel on a Chinese Windows saves "CSV" as GBK
            raw = data.decode("gb18030") if p.suffix.lower() == ".csv" else None
        except UnicodeDecodeError:
            raw = None
        if raw is None or "\x00" in raw:
            raise ConfigError(str(p), "manifest is neither UTF-8 nor (for .csv) GB18030 text") from None
    rows: list[Mapping[str, Any]]
    if p.suffix.lower() == ".json":
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as err:
            raise ConfigError(str(p), f"invalid JSON: {err.msg} at line {err.lineno}") from None
        if isinstance(data, Mapping):
            if not all(isinstance(v, Mapping) for v in data.values()):
                raise ConfigError(str(p), "manifest JSON object must map each file name to an object of fields")
            rows = [{"file": k, **v} for k, v in data.items()]
        elif isinstance(data, list) and all(isinstance(r, Mapping) for r in data):
            rows = data
        else:
            raise ConfigError(str(p), "manifest JSON must be a list of objects or an object keyed by file")
    elif p.suffix.lower() == ".csv":
        rows = list(csv.DictReader(io.StringIO(raw)))
    else:
        raise ConfigError(str(p), "manifest must be .csv or .json")
    out: dict[str, dict[str, str]] = {}
    allowed = {"file", "type", "unit", "event_at", "submitted_at"}
    for i, row in enumerate(rows, 1):
        key = str(row.get("file") or "").strip()
        if not key:
            raise ConfigError(str(p), f"row {i} has no 'file'")
        extra = set(row) - allowed
        if extra - {"title", "note", "notes"}:
            raise ConfigError(str(p), f"row {i}: unknown column(s) {', '.join(sorted(extra))}")
        out[Path(key).name] = {k: str(v).strip() for k, v in row.items() if k in allowed - {"file"} and v}
    return out


def load_submissions(paths: Iterable[str | os.PathLike[str]], *, manifest: str | os.PathLike[str] | None = None,
                     type: str | None = None, unit: str | None = None, event_at: str | datetime | None = None,
                     submitted_at: str | datetime | None = None) -> list[Submission]:
    """Read every path (folders expanded) and attach metadata; nothing is read half-way.

    Options override the manifest, which overrides .docx core properties. A folder's own
    ``manifest.csv``/``manifest.json`` is used when no ``manifest`` is given.
    """
    files, found = expand_paths(paths)
    if not files:
        raise InputError(None, "no .txt or .docx submissions found")
    rows: dict[str, dict[str, str]] = {}
    for m in ([Path(manifest)] if manifest else found):
        rows.update(load_manifest(m))
    subs = []
    for f in files:
        sub = read_submission(f)
        row = rows.get(f.name, {})
        sub = with_meta(sub, type=row.get("type"), unit=row.get("unit"),
                        event_at=row.get("event_at"), submitted_at=row.get("submitted_at"))
        sub = with_meta(sub, type=type, unit=unit, event_at=event_at, submitted_at=submitted_at)
        subs.append(sub)
    return subs
