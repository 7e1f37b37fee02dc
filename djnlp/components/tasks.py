"""spaCy component ``djnlp_tasks``: directives on a Doc.

Sets ``doc.spans["tasks"]`` (one span per task, label = modality, aligned outwards to token
bounds) and ``span._.task`` (the :meth:`djnlp.tasks.Task.to_dict` dict, offsets into
``doc.text``).  The base date for relative times comes from the component config
(``base``, YYYY-MM-DD) or else from the text.

>>> import djnlp
>>> nlp = djnlp.load()                                        # doctest: +SKIP
>>> doc = nlp("各县市区要在6月底前完成换届。")                  # doctest: +SKIP
>>> doc.spans["tasks"][0]._.task["actors"]                    # doctest: +SKIP
['各县市区']
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from djnlp.tasks import extract_tasks

Span.set_extension("task", default=None, force=True)


class TasksComponent:
    """Runs :func:`djnlp.tasks.extract_tasks` on ``doc.text``."""

    def __init__(self, base: str | None = None) -> None:
        self.base = base or None

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for task in extract_tasks(doc.text, base=self.base):
            span = doc.char_span(task.start, task.end, label=task.modality, alignment_mode="expand")
            if span is None:
                continue
            span._.task = task.to_dict()
            spans.append(span)
        doc.spans["tasks"] = spans
        return doc


@Language.factory("djnlp_tasks", default_config={"base": None})
def make_tasks(nlp: Language, name: str, base: str | None) -> TasksComponent:
    """Factory registered with spaCy as ``djnlp_tasks``."""
    return TasksComponent(base)
