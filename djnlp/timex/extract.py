"""Find time expressions in a text and normalise them against a base date.

Steps: :func:`~djnlp.timex.patterns.scan` proposes candidates of every family; event and limit
candidates take their left context (:mod:`djnlp.timex.events`); implausible ones are dropped (a short
festival name with no time word after it, a bare duration); the longest non-overlapping candidates
win; then each becomes a draft — calendar times with their prefixes, suffixes and ranges
(:mod:`djnlp.timex.compose`), durations (:mod:`djnlp.timex.durations`), recurring heads with their
tails (:mod:`djnlp.timex.recurring`), event rules and occasions (:mod:`djnlp.timex.occasions`) — a
year-less time takes next year when its clause faces forward (:mod:`djnlp.timex.tense`), festivals
joined under one suffix share it, back-to-back parts (2月底3月初) join, and limits are attached to the
rule they qualify.

The steps live in :mod:`djnlp.timex.assemble`; this module checks the arguments.

>>> from datetime import date
>>> [(t.text, t.kind, t.value.end.date()) for t in extract_times("各地要在年底前完成换届。", date(2024, 3, 15))]
[('年底前', 'by', datetime.date(2024, 12, 31))]
"""
from __future__ import annotations

from datetime import date, datetime

from djnlp.errors import InputError
from djnlp.timex.assemble import assemble
from djnlp.timex.model import TimeExpression
from djnlp.timex.resolve import Context


def _normalise_base(base: object) -> date | datetime | None:
    if base is None or isinstance(base, (date, datetime)):
        return base
    if isinstance(base, str):
        try:
            return date.fromisoformat(base.strip())
        except ValueError:
            raise InputError("base", f"not a date (YYYY-MM-DD): {base!r}") from None
    raise InputError("base", f"expected a datetime.date, got {type(base).__name__}")


def extract_times(text: str, base: date | datetime | str | None = None) -> list[TimeExpression]:
    """Time expressions in ``text``, in order, resolved against ``base`` (a date; None = unknown).

    Without a base, relative expressions (明年, 年底前, 5个工作日内) are still found, with value None.

    >>> from datetime import date
    >>> [t.to_dict()["value"] for t in extract_times("“十四五”期间", date(2024, 1, 1))]
    [{'start': '2021-01-01T00:00:00', 'end': '2025-12-31T23:59:59'}]
    """
    if not isinstance(text, str):
        raise InputError("text", f"expected str, got {type(text).__name__}")
    return assemble(text, Context.from_base(_normalise_base(base)))
