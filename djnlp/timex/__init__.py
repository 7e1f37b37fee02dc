"""Chinese time expressions: find them and normalise them against a base date.

``extract_times(text, base)`` returns :class:`TimeExpression` objects in text order. ``kind`` is
``point`` (2024年5月15日, 上半年), ``span`` (3月1日至5月31日, “十四五”期间, 去年以来, 自即日起),
``by`` (a deadline with only an end: 年底前, 月内, 截止6月20日, 到2025年底), ``within`` (5个工作日内;
接到本通知后10个工作日内 — the notice's own date is the base date),
``recurring`` (每月28日前, 每季度末, 定期), ``event_relative`` (事发后6小时内 — counted from the event,
never from the document date; 特殊情况不能超过24小时 is attached as one of its ``limits``; 汛期前, 两会期间
are times against an occasion; 党的十七大召开前 is resolved from the congress dates) or ``vague``
(近期, 届时, 尽快). ``value`` is an inclusive :class:`Interval` or None when the text alone cannot fix
it (no base date for a relative expression, a 20xx placeholder, a vague word, an event anchor).

Conventions (also in corpus/timex/README.md): day granularity runs 00:00:00..23:59:59; 上/中/下旬
and 月初/月中/月底 are days 1–10/11–20/21–end; 年初 = January, 年底 = December; 前 on a festival
ends the day before it, on a bare month the day before the month (3月前 → end of February); X起 is an
open span; N个工作日 counts official working days (chinese-calendar), falling back to
Monday–Friday past its data with ``approximate=True``; a festival without a year is its next
occurrence (up to a week past counts as this year's), or its latest when the clause reports the past
(元旦前后……推迟了); a bare month takes the year written earlier in the sentence, else the base year —
or next year when its clause faces forward (a deadline, 将/要/计划于) and next year's is nearer
(慰问金须于1月31日前发放 on 2023-12-20 → 2024-01-31).

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
