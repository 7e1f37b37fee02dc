"""Where djnlp's shipped files are: ``djnlp/data/…`` and the trained ``models/…``.

Models live in the top-level ``models/`` folder of the source tree, installed as the
``djnlp.models`` package; both layouts resolve here.

>>> data_path("example", "speech.txt").name
'speech.txt'
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def data_path(*parts: str) -> Path:
    """A file or folder under ``djnlp/data``."""
    return _PACKAGE.joinpath("data", *parts)


@lru_cache(maxsize=1)
def models_root() -> Path:
    """The folder of shipped models (installed package, else the source checkout)."""
    try:
        import djnlp.models as models

        return Path(models.__file__).resolve().parent
    except ImportError:
        return _PACKAGE.parent / "models"


def model_path(*parts: str) -> Path:
    """A shipped model folder or file, e.g. ``model_path("themes")``."""
    return models_root().joinpath(*parts)
