"""Chinese time expressions: find them and normalise them against a base date.

>>> from datetime import date
>>> [(t.text, t.kind, t.value.end.date().isoformat()) for t in extract_times("6月底前完成", date(2024, 3, 1))]
[('6月底前', 'by', '2024-06-30')]
>>> find_document_date("……\\n中共某某市委组织部\\n2024年3月15日\\n")
datetime.date(2024, 3, 15)
"""
from __future__ import annotations

from djnlp.timex.docdate import find_document_date
from djnlp.timex.extract import extract_times
from djnlp.timex.model import KINDS, Duration, Interval, Limit, Recurrence, TimeExpression

__all__ = ["extract_times", "find_document_date", "TimeExpression", "Interval", "Duration", "Limit",
           "Recurrence", "KINDS"]
