"""Chinese display names of the theme ids, and a short label for printed outlines.

>>> DISPLAY["rural"]
'农村'
"""
from __future__ import annotations

from typing import Any

DISPLAY = {"rural": "农村", "enterprise": "企业", "community": "社区", "organ": "机关", "general": "综合"}


def theme_label(item: Any) -> str:
    """``"  〔农村 0.91〕"`` for an item with ``theme``/``themes``, else ``""``."""
    theme = getattr(item, "theme", None)
    if not theme:
        return ""
    score = (getattr(item, "themes", None) or {}).get(theme)
    shown = f" {score:.2f}" if score is not None else ""
    return f"  〔{DISPLAY.get(theme, theme)}{shown}〕"
