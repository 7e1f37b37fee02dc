"""Labelled passages for training, the deterministic split by document, background texts.

A corpus is a folder of ``*.jsonl`` files; every line with a ``text`` and a ``label`` (or
``labels``) is a passage. Other files (e.g. ``seed_labels.jsonl``, which stores offsets) are
skipped. Split rule: ``sha1(f"{seed}:{doc_id}")`` → first 8 hex digits mod 100 → ``< 70``
train, ``< 85`` dev, else test; passages without ``doc_id`` are their own document.

>>> split_of("doc-001", seed=0) in ("train", "dev", "test")
True
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from djnlp.errors import ConfigError

SPLITS = ("train", "dev", "test")
_PARAGRAPH = re.compile(r"\n\s*\n|(?<=[。！？])\s{2,}")


@dataclass(frozen=True)
class Passage:
    """One labelled passage; ``labels[0]`` is the primary label."""

    id: str
    doc_id: str
    labels: tuple[str, ...]
    text: str
    register: str = ""
    source: str = ""

    @property
    def label(self) -> str:
        return self.labels[0]


def split_of(doc_id: str, seed: int = 0) -> str:
    """The split (``train`` | ``dev`` | ``test``) of a document id."""
    bucket = int(hashlib.sha1(f"{seed}:{doc_id}".encode("utf-8")).hexdigest()[:8], 16) % 100
    return "train" if bucket < 70 else "dev" if bucket < 85 else "test"


def load_corpus(directory: str | os.PathLike[str]) -> list[Passage]:
    """Every labelled passage in ``directory/*.jsonl`` (sorted by file name, then line)."""
    folder = Path(directory)
    if not folder.is_dir():
        raise ConfigError(str(folder), "corpus folder not found")
    passages: list[Passage] = []
    seen: dict[str, str] = {}
    for path in sorted(folder.glob("*.jsonl")):
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except UnicodeDecodeError as err:
            raise ConfigError(str(path), f"not UTF-8 (byte {err.start})") from None
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path.name}:{lineno}"
            try:
                row = json.loads(line)
            except json.JSONDecodeError as err:
                raise ConfigError(where, f"not JSON: {err.msg}") from err
            if not isinstance(row, dict) or "text" not in row or not ("label" in row or "labels" in row):
                continue
            passage = _passage(row, where)
            if passage.id in seen:
                raise ConfigError(where, f"duplicate id {passage.id!r} (first in {seen[passage.id]})")
            seen[passage.id] = where
            passages.append(passage)
    if not passages:
        raise ConfigError(str(folder), "no labelled passages (*.jsonl lines with 'text' and 'label')")
    return passages


def _passage(row: dict, where: str) -> Passage:
    text = row["text"]
    if not isinstance(text, str) or not text.strip():
        raise ConfigError(where, "'text' must be a non-empty string")
    labels = row.get("labels") or [row.get("label")]
    primary = row.get("label", labels[0] if isinstance(labels, list) else None)
    if not isinstance(labels, list) or not all(isinstance(x, str) and x for x in [primary, *labels]):
        raise ConfigError(where, "'label' must be a label id and 'labels' a list of label ids")
    ordered = tuple(dict.fromkeys([primary, *labels]))
    pid = str(row.get("id") or where)
    return Passage(
        id=pid,
        doc_id=str(row.get("doc_id") or pid),
        labels=ordered,
        text=text,
        register=str(row.get("register") or ""),
        source=where,
    )


def split(passages: Sequence[Passage], seed: int = 0) -> dict[str, list[Passage]]:
    """Passages grouped by the split of their ``doc_id``."""
    out: dict[str, list[Passage]] = {name: [] for name in SPLITS}
    for passage in passages:
        out[split_of(passage.doc_id, seed)].append(passage)
    return out


def background_texts(paths: Sequence[str | os.PathLike[str]], max_chars: int = 1200) -> Iterator[str]:
    """Paragraph-sized chunks of unlabelled texts (``.jsonl`` with ``content``/``text``, or ``.txt``).

    A folder stands for its ``*.jsonl`` and ``*.txt`` files.
    """
    for path in _expand(paths):
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    row = json.loads(line)
                    body = row.get("content") or row.get("text") or ""
                    yield from _chunks(body, max_chars)
        else:
            yield from _chunks(path.read_text(encoding="utf-8"), max_chars)


def _expand(paths: Sequence[str | os.PathLike[str]]) -> Iterator[Path]:
    for item in paths:
        path = Path(item)
        if path.is_dir():
            yield from sorted([*path.glob("*.jsonl"), *path.glob("*.txt")])
        elif path.is_file():
            yield path
        else:
            raise ConfigError(str(path), "background path not found")


def _chunks(text: str, max_chars: int) -> Iterator[str]:
    for para in _PARAGRAPH.split(text):
        para = para.strip()
        for i in range(0, len(para), max_chars):
            piece = para[i : i + max_chars]
            if len(piece) >= 20:
                yield piece
