"""djnlp — analysis of Chinese Party-building (党建) speeches, reports and 组工信息.

Importing the package is cheap: every entry point is loaded on first use.

>>> import djnlp
>>> result = djnlp.analyze("一、加强农村党建\\n各地要在5月底前完成换届。")  # doctest: +SKIP
>>> result.documents[0].sections[0].heading                             # doctest: +SKIP
'加强农村党建'
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> "module:attribute"; resolved lazily so `import djnlp` stays fast.
_EXPORTS = {
    "read": "djnlp.io:read",
    "clean": "djnlp.clean:clean",
    "analyze": "djnlp.analyze:analyze",
    "load": "djnlp.pipeline:load",
    "segment": "djnlp.segment:cut",
    "split_sentences": "djnlp.sentences:split_sentences",
    "parse_outline": "djnlp.outline:parse_outline",
    "classify": "djnlp.themes:classify",
    "extract_times": "djnlp.timex:extract_times",
    "find_document_date": "djnlp.timex:find_document_date",
    "extract_tasks": "djnlp.tasks:extract_tasks",
    "write_ledger": "djnlp.tasks:write_ledger",
    "screen": "djnlp.screening:screen",
    "DjnlpError": "djnlp.errors:DjnlpError",
}

__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    try:
        target = _EXPORTS[name]
    except KeyError:
        raise AttributeError(f"module 'djnlp' has no attribute {name!r}") from None
    module, _, attr = target.partition(":")
    value = getattr(import_module(module), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
