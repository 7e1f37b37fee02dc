"""Directives — who must do what by when — and the task ledger (任务分解台账).

>>> from datetime import date
>>> [t.to_dict()["actors"] for t in extract_tasks("各县市区要在年内完成轮训。", base=date(2024, 3, 1))]
[['各县市区']]
"""
from __future__ import annotations

from importlib.machinery import EXTENSION_SUFFIXES

from djnlp.tasks import extract as _extract
from djnlp.tasks.extract import Task, extract_tasks
from djnlp.tasks.ledger import write_ledger

__all__ = ["Task", "extract_tasks", "is_compiled", "write_ledger"]


def is_compiled() -> bool:
    """True when the task extractor runs as C extension modules built by mypyc (setup.py does
    that where it can; editable installs and ``DJNLP_PURE=1`` builds run the Python sources).

    >>> isinstance(is_compiled(), bool)
    True
    """
    return str(_extract.__file__).endswith(tuple(EXTENSION_SUFFIXES))
