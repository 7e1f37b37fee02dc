"""Parse ``multipart/form-data`` request bodies (RFC 7578) without the deprecated ``cgi`` module.

The body is already in memory (the server caps its size before reading it); parts are cut at
the boundary with ``bytes.find``, so file contents are never decoded or re-joined line by line.

>>> body = (b'--XyZ\\r\\nContent-Disposition: form-data; name="csrf"\\r\\n\\r\\nabc\\r\\n'
...         b'--XyZ\\r\\nContent-Disposition: form-data; name="files"; filename="a.txt"\\r\\n'
...         b'Content-Type: text/plain\\r\\n\\r\\n\\xe6\\xa0\\x87\\xe9\\xa2\\x98\\r\\n--XyZ--\\r\\n')
>>> form = parse_multipart("multipart/form-data; boundary=XyZ", body)
>>> form.value("csrf"), form.files[0].filename, form.files[0].data.decode()
('abc', 'a.txt', '标题')
"""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from urllib.parse import unquote

__all__ = ["Form", "FormError", "Upload", "parse_multipart", "parse_params"]

MAX_PARTS = 256
MAX_FIELD_BYTES = 64_000
_TOKEN = r"[!#$%&'*+.^_`|~0-9A-Za-z-]+"
_PARAM = re.compile(rf';\s*({_TOKEN})\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)')
_BOUNDARY = re.compile(r"[0-9A-Za-z'()+_,./:=? -]{1,70}")
# the HTML form-data encoding escapes only these three in names and file names
_HTML_ESCAPES = {"%22": '"', "%0A": "\n", "%0D": "\r", "%0a": "\n", "%0d": "\r"}


class FormError(ValueError):
    """A body that is not well-formed multipart/form-data (the server answers 400)."""


@dataclass(frozen=True)
class Upload:
    """One file part: the name the browser gave (untrusted, never a path) and its bytes."""

    field: str
    filename: str
    content_type: str
    data: bytes = field(repr=False)


@dataclass(frozen=True)
class Form:
    """Text fields (every value, in order) and file parts of one request."""

    fields: Mapping[str, tuple[str, ...]]
    files: tuple[Upload, ...]

    def value(self, name: str, default: str = "") -> str:
        """The first value of a text field, stripped; ``default`` when absent."""
        values = self.fields.get(name)
        return values[0].strip() if values else default

    def files_of(self, name: str) -> list[Upload]:
        """The files uploaded under one field name."""
        return [f for f in self.files if f.field == name]


def parse_params(value: str) -> tuple[str, dict[str, str]]:
    """Split a header value into its main token and lower-cased parameters.

    >>> parse_params('form-data; name="files"; filename="a \\\\"b\\\\".txt"')
    ('form-data', {'name': 'files', 'filename': 'a "b".txt'})
    """
    main, _, rest = value.partition(";")
    params: dict[str, str] = {}
    for m in _PARAM.finditer(";" + rest):
        key, raw = m.group(1).lower(), m.group(2).strip()
        if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
            raw = re.sub(r"\\(.)", r"\1", raw[1:-1])
        params.setdefault(key, raw)
    return main.strip().lower(), params


def _html_unescape(name: str) -> str:
    return re.sub(r"%(?:22|0[AaDd])", lambda m: _HTML_ESCAPES[m.group(0)], name)


def _boundary(content_type: str) -> bytes:
    kind, params = parse_params(content_type)
    if kind != "multipart/form-data":
        raise FormError(f"expected multipart/form-data, got {kind or 'no content type'}")
    boundary = params.get("boundary", "")
    if not _BOUNDARY.fullmatch(boundary) or boundary.endswith(" "):
        raise FormError("missing or invalid multipart boundary")
    return boundary.encode("ascii")


def _split_parts(body: bytes, boundary: bytes, max_parts: int) -> list[bytes]:
    delim = b"--" + boundary
    pos = 0 if body.startswith(delim) else body.find(b"\r\n" + delim)
    if pos < 0:
        raise FormError("the body does not contain the multipart boundary")
    if pos:
        pos += 2  # skip the CRLF that ends the preamble
    parts: list[bytes] = []
    while True:
        pos += len(delim)
        if body.startswith(b"--", pos):
            return parts
        eol = body.find(b"\r\n", pos)
        if eol < 0 or body[pos:eol].strip(b" \t"):
            raise FormError("malformed multipart boundary line")
        start = eol + 2
        end = body.find(b"\r\n" + delim, start)
        if end < 0:
            raise FormError("the multipart body ends without its closing boundary")
        parts.append(body[start:end])
        if len(parts) > max_parts:
            raise FormError(f"more than {max_parts} form parts")
        pos = end + 2


def _headers(head: bytes) -> dict[str, str]:
    out: dict[str, str] = {}
    for line in head.decode("utf-8", "replace").split("\r\n"):
        name, sep, value = line.partition(":")
        if sep:
            out.setdefault(name.strip().lower(), value.strip())
    return out


def parse_multipart(content_type: str, body: bytes, *, max_parts: int = MAX_PARTS,
                    max_field_bytes: int = MAX_FIELD_BYTES) -> Form:
    """Parse a form body; raises :class:`FormError` on anything malformed.

    File parts with an empty file name and no bytes (an empty file input) are dropped.
    """
    fields: dict[str, list[str]] = {}
    files: list[Upload] = []
    for part in _split_parts(body, _boundary(content_type), max_parts):
        if part.startswith(b"\r\n"):
            head, content = b"", part[2:]
        else:
            head, sep, content = part.partition(b"\r\n\r\n")
            if not sep:
                raise FormError("a form part has no blank line after its headers")
        headers = _headers(head)
        disposition, params = parse_params(headers.get("content-disposition", ""))
        if disposition != "form-data" or "name" not in params:
            raise FormError("a form part lacks Content-Disposition: form-data with a name")
        name = _html_unescape(params["name"])
        filename = params.get("filename")
        if "filename*" in params:
            charset, _, encoded = params["filename*"].partition("''")
            filename = unquote(encoded, encoding=charset or "utf-8", errors="replace")
        if filename is not None:
            if filename or content:
                files.append(Upload(name, _html_unescape(filename),
                                    headers.get("content-type", "application/octet-stream"), content))
            continue
        if len(content) > max_field_bytes:
            raise FormError(f"form field {name!r} is longer than {max_field_bytes} bytes")
        fields.setdefault(name, []).append(content.decode("utf-8", "replace"))
    return Form({k: tuple(v) for k, v in fields.items()}, tuple(files))
