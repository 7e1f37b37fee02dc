"""spaCy components of djnlp, one per module; each registers its factory on import.

``cleaned(text)`` is shared so that the outline and sentence components clean a Doc's
text once, without storing objects on the Doc (which would break ``Doc.to_bytes``).
"""
from __future__ import annotations

from functools import lru_cache

from djnlp.clean import CleanText, clean


@lru_cache(maxsize=4)
def cleaned(text: str) -> CleanText:
    """``clean(text)`` with default patterns, memoised for the last few texts."""
    return clean(text)
