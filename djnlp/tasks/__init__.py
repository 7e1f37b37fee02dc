"""Directives — who must do what by when — and the task ledger (任务分解台账).

>>> from datetime import date
>>> [t.to_dict()["actors"] for t in extract_tasks("各县市区要在年内完成轮训。", base=date(2024, 3, 1))]
[['各县市区']]
"""
from __future__ import annotations

from djnlp.tasks.extract import Task, extract_tasks
from djnlp.tasks.ledger import write_ledger

__all__ = ["Task", "extract_tasks", "write_ledger"]
