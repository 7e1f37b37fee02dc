"""Frozen result records that pickle and copy alike in the pure and the compiled build.

A class compiled by mypyc (see setup.py) keeps no ``__dict__``, so the default reduction of a
frozen dataclass cannot restore it; :func:`rebuilt_from_fields` rebuilds the record by calling
the class with its fields in order instead. A record class opts in with::

    def __reduce__(self):
        return rebuilt_from_fields(self)
"""
from __future__ import annotations

import dataclasses
from typing import Any


def rebuilt_from_fields(record: Any) -> tuple[type, tuple[Any, ...]]:
    """``__reduce__`` value of a dataclass record whose ``__init__`` takes its fields in order.

    >>> from djnlp.clean import Removal
    >>> rebuilt_from_fields(Removal("page_number", "第3页", 10, 13))
    (<class 'djnlp.clean.Removal'>, ('page_number', '第3页', 10, 13))
    """
    return type(record), tuple(getattr(record, f.name) for f in dataclasses.fields(record))
