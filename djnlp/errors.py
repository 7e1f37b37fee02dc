"""One error hierarchy for everything djnlp refuses to do.

The CLI maps every :class:`DjnlpError` to exit code 2 and a one-line message.

>>> try:
...     raise UnsupportedFormatError("a.pdf", "PDF is not supported; convert it to .docx or .txt")
... except DjnlpError as err:
...     str(err)
'a.pdf: PDF is not supported; convert it to .docx or .txt'
"""
from __future__ import annotations


class DjnlpError(Exception):
    """Base class of all djnlp errors; ``str(err)`` is one line fit for a user."""

    def __init__(self, source: str | None, reason: str) -> None:
        self.source = source
        self.reason = reason
        super().__init__(f"{source}: {reason}" if source else reason)


class InputError(DjnlpError):
    """The input cannot be read as a text djnlp understands."""


class UnsupportedFormatError(InputError):
    """A file format djnlp does not read (.doc, .pdf, images, archives, binary data)."""


class DecodingError(InputError):
    """Bytes that decode as none of the supported encodings."""


class FileTooLargeError(InputError):
    """Input above the configured size cap."""


class CorruptDocumentError(InputError):
    """A .docx that is truncated, malformed or suspicious (e.g. a zip bomb)."""


class ConfigError(DjnlpError):
    """A bad option, rubric, lexicon, or model directory."""


class ModelError(DjnlpError):
    """A model that is missing, incompatible or unsafe to load."""
