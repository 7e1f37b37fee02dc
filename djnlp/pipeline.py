"""``djnlp.load()``: a spaCy ``Language`` ("zh") with djnlp's tokenizer and components.

>>> import djnlp
>>> nlp = djnlp.load()                        # doctest: +SKIP
>>> nlp.pipe_names                            # doctest: +SKIP
['djnlp_outline', 'djnlp_senter', 'djnlp_themes', 'djnlp_tasks']
>>> [t.text for t in nlp("落实三会一课制度")]    # doctest: +SKIP
['落实', '三会一课', '制度']
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from importlib import import_module
from typing import Any

DEFAULT_COMPONENTS = ("djnlp_outline", "djnlp_senter", "djnlp_themes", "djnlp_tasks")

# component name -> module whose import registers its spaCy factory
_FACTORY_MODULES = {
    "djnlp_outline": "djnlp.components.outline",
    "djnlp_senter": "djnlp.components.senter",
    "djnlp_themes": "djnlp.components.themes",
    "djnlp_tasks": "djnlp.components.tasks",
}


def load(
    segmenter: str = "jieba",
    model: str | os.PathLike[str] | None = None,
    user_dicts: Sequence[str | os.PathLike[str]] = (),
    *,
    components: Sequence[str] = DEFAULT_COMPONENTS,
    themes_model: str | os.PathLike[str] | None = None,
) -> Any:
    """Build the pipeline. ``segmenter`` is ``jieba`` | ``pkuseg`` (needs ``model``, a local
    model directory) | ``char``; ``user_dicts`` are extra jieba-format dictionaries;
    ``themes_model`` is a directory from ``djnlp train themes`` (default: the shipped model).
    """
    from djnlp.errors import ConfigError
    from djnlp.segment import make_nlp

    nlp = make_nlp(segmenter=segmenter, model=model, user_dicts=tuple(user_dicts))
    for name in components:
        if name not in _FACTORY_MODULES:
            raise ConfigError(None, f"unknown component {name!r}; choose from {', '.join(_FACTORY_MODULES)}")
        import_module(_FACTORY_MODULES[name])
        config = {"model": os.fspath(themes_model)} if name == "djnlp_themes" and themes_model else {}
        nlp.add_pipe(name, config=config)
    return nlp
