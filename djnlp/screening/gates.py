"""Hard gates (must-fix findings outside the weighted total) and warnings.

``personal_data``: resident ID numbers (18 digits, ISO 7064 MOD 11-2 checksum validated) and
mobile phone numbers. ``late_urgent``: an urgent report past the rubric's hour limits.
``near_duplicate``: a near-copy of an archived or earlier item.

>>> id_checksum_ok("11010519491231002X")
True
>>> id_checksum_ok("110105194912310021")
False
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from djnlp.screening.result import Evidence, Gate, Match

_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![0-9])1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def id_checksum_ok(number: str) -> bool:
    """True if an 18-character resident ID number has a valid check character."""
    if len(number) != 18 or not number[:17].isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return _CHECK[total % 11] == number[17].upper()


def mask(value: str) -> str:
    """Show only the first 3 and last 2 significant characters: 138******78."""
    digits = re.sub(r"[- ]", "", value)
    return digits[:3] + "*" * (len(digits) - 5) + digits[-2:]


def personal_data(text: str, *, id_card: bool = True, mobile: bool = True,
                  to_evidence: Callable[[int, int, str], Evidence] | None = None) -> list[Gate]:
    """Gates for ID numbers with a valid checksum and mobile numbers found in ``text``."""
    make = to_evidence or (lambda s, e, note: Evidence(s, e, text[s:e], note))
    found: list[Evidence] = []
    if id_card:
        found += [make(m.start(), m.end(), "身份证号码") for m in _ID.finditer(text) if id_checksum_ok(m.group())]
    if mobile:
        found += [make(m.start(), m.end(), "手机号码") for m in _MOBILE.finditer(text)
                  if not any(e.start <= m.start() < e.end for e in found)]
    if not found:
        return []
    kinds = "、".join(dict.fromkeys(e.note for e in found))
    listed = "，".join(mask(e.text) for e in found[:3])
    return [Gate("personal_data", f"含个人信息（{kinds}：{listed}），报送前必须删除或脱敏", "gate", tuple(found))]


def late_urgent(delay_hours: float | None, *, warn_hours: float, max_hours: float) -> list[Gate]:
    """紧急情况: a gate past ``max_hours`` after the event, a warning past ``warn_hours``."""
    if delay_hours is None:
        return [Gate("late_urgent", "紧急情况信息缺少事件时间或报送时间，无法核对是否在规定时限内报送", "warning")]
    if delay_hours > max_hours:
        return [Gate("late_urgent", f"紧急情况在事发后{delay_hours:.1f}小时才报送，超过{max_hours:g}小时上限，属迟报",
                     "gate")]
    if delay_hours > warn_hours:
        return [Gate("late_urgent", f"紧急情况在事发后{delay_hours:.1f}小时报送，超过一般应在{warn_hours:g}小时内报送的要求",
                     "warning")]
    return []


def near_duplicate(matches: Sequence[Match], *, threshold: float, same_facts: float = 1.01) -> list[Gate]:
    """A gate when the best match reaches the near-duplicate threshold, or when a match (above
    the index's own threshold) reports the same facts — a rewrite of the same item in other
    words: at least ``same_facts`` of the numbers of the smaller one."""
    hits = [m for m in matches if m.similarity >= threshold or m.shared_facts >= same_facts]
    if not hits:
        return []
    best = hits[0]
    where = "归档稿件" if best.archived else "本批此前稿件"
    why = f"相似度{best.similarity:.2f}"
    if best.similarity < threshold:
        why += f"，所报数字{best.shared_facts:.0%}相同"
    return [Gate("near_duplicate", f"与{where}《{best.title}》（{best.source}）{why}，疑似重复报送或改写", "gate")]
