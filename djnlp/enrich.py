"""Glue between ``analyze`` and the later stages: document date, themes, tasks.

Each factory returns a callable, or ``None`` when its stage is switched off.
"""
from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any


def date_finder() -> Callable[[str], dt.date | None] | None:
    """The document-date finder of :mod:`djnlp.timex`."""
    try:
        from djnlp.timex import find_document_date
    except ImportError:  # pragma: no cover - while the timex stage is being built
        return None
    return find_document_date


def theme_scorer() -> Callable[[Any, Any], Any] | None:
    """Scores every section and the document with the default theme model."""
    return None


def task_extractor() -> Callable[[Any, Any], Any] | None:
    """Extracts the directives of a document."""
    return None


def replace(obj: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` under a short name."""
    return dataclasses.replace(obj, **changes)
