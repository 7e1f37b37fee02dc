"""Result types of :mod:`djnlp.outline`: a :class:`Document` holding a flat, ordered tree of
:class:`Section` (each names its parent).  All offsets point into the text as read.

>>> s = Section("1", None, 1, "一、", "cn_dun", "总体要求", 0, 20, 2, 6)
>>> s.to_dict()["heading"], Document("篇一", 0, 20, (s,)).to_dict()["sections"][0]["id"]
('总体要求', '1')
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

__all__ = ["Document", "Section"]


@dataclass(frozen=True)
class Section:
    """One heading and everything under it.

    ``start`` is where the heading line starts; ``end`` is where the next heading of the same
    or a higher level starts (or the document ends), so a section covers its heading, body and
    children.  ``heading_start``/``heading_end`` bound the heading text (marker excluded).
    ``id`` is the path of sibling numbers inside the document ("2.1.3"); ``level`` 1 is top.
    ``family`` names the marker family (``cn_dun``, ``cn_paren``, ``num_dun``, ``num_paren``,
    ``di``, ``shi``, ``seq``, ``circled``, ``part``, ``chapter``, ``article``, ``attachment``,
    ``markdown``, ``style``, ``plain``); ``marker`` is the marker as written ("（一）", "第一，",
    "附件1"), or None.
    """

    id: str
    parent: str | None
    level: int
    marker: str | None
    family: str | None
    heading: str
    start: int
    end: int
    heading_start: int
    heading_end: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "parent": self.parent,
            "level": self.level,
            "marker": self.marker,
            "family": self.family,
            "heading": self.heading,
            "start": self.start,
            "end": self.end,
            "heading_start": self.heading_start,
            "heading_end": self.heading_end,
        }


@dataclass(frozen=True)
class Document:
    """One document of a file: its title ("……篇一", or "" when the file has none) and sections
    in reading order."""

    title: str
    start: int
    end: int
    sections: tuple[Section, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "start": self.start,
            "end": self.end,
            "sections": [s.to_dict() for s in self.sections],
        }
