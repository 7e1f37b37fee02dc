"""The time-word lexicon (``djnlp/data/timex/lexicon.toml``), loaded once, and numeral reading.

>>> lexicon()["relative"]["year"]["明年"]
1
>>> to_number("二〇二四"), to_number("十五"), to_number("28"), to_number("半")
(2024, 15, 28, 0.5)
"""
from __future__ import annotations

import sys
from functools import lru_cache
from importlib.resources import files
from typing import Any

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib


@lru_cache(maxsize=1)
def lexicon() -> dict[str, Any]:
    """The parsed lexicon (read from the package data on first use)."""
    raw = (files("djnlp") / "data" / "timex" / "lexicon.toml").read_text(encoding="utf-8")
    return tomllib.loads(raw)


_APPROX = "一两二三四五六七八九"
_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}


@lru_cache(maxsize=4096)
def to_number(text: str) -> float | int | None:
    """Value of a captured numeral: Arabic, Chinese (cn2an "smart"), 半 → 0.5; 数/几/多 and
    approximate pairs (一两, 三五) → None."""
    text = text.strip()
    if not text or text in ("数", "几", "多", "若干"):
        return None
    if text == "半":
        return 0.5
    if text == "元":          # 元月 = January
        return 1
    if text.isdigit():
        return int(text)
    if text in ("两", "俩"):
        return 2
    if len(text) == 2 and text[0] in _APPROX and text[1] in _APPROX and text[0] != text[1]:
        return None                                    # 一两年, 三五天: an approximate count
    if text[0] in "几数" and len(text) > 1:
        return None                                    # 几十年, 数百人
    if len(text) == 4 and all(ch in _DIGITS for ch in text):   # 二〇二四: a year read digit by digit
        return int("".join(str(_DIGITS[ch]) for ch in text))
    import cn2an

    try:
        value = cn2an.cn2an(text, "smart")
    except (ValueError, KeyError):
        return None
    return int(value) if float(value).is_integer() else float(value)
