"""Read .txt, .md and .docx into a :class:`Source`; refuse everything else with a clear error.

The format is recognised from the bytes (magic numbers), not from the file name, and the
encoding of plain text is detected: BOM (UTF-8/16/32), strict UTF-8, then strict GB18030
(which covers GBK and GB2312); when GB18030 yields mostly rare characters, charset-normalizer
chooses between GB18030 and Big5.  A lone carriage return (old Mac line end), form feed,
vertical tab and the Unicode line/paragraph separators become a line feed; the replacement keeps
every offset, and CR LF pairs are left as they are.

>>> src = read("# 一、总体要求\\n各地要抓好落实。".encode("gb18030"), name="a.md")
>>> src.encoding, src.format, src.text[:7]
('gb18030', 'md', '# 一、总体要求')
>>> src.heading_hints
(HeadingHint(start=0, end=7, level=1),)
"""
from __future__ import annotations

import codecs
import io as _io
import os
import re
import unicodedata
import zipfile
from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from djnlp.errors import (
    CorruptDocumentError,
    DecodingError,
    FileTooLargeError,
    InputError,
    UnsupportedFormatError,
)

__all__ = ["HeadingHint", "Source", "front_matter", "read", "read_text"]

#: A .docx may expand to at most this many times ``max_bytes`` (and never past 512 MB).
DOCX_EXPANSION_LIMIT = 10
DOCX_HARD_LIMIT = 512_000_000
#: A zip member whose uncompressed/compressed ratio exceeds this is treated as a zip bomb.
DOCX_MAX_RATIO = 200
DOCX_MAX_MEMBERS = 10_000


@dataclass(frozen=True)
class HeadingHint:
    """A heading the source marks explicitly (Word heading style, outline level, markdown '#').

    ``start``/``end`` cover the heading line in ``Source.text``; ``level`` is 1 for "Heading 1"
    or '#', 2 for "Heading 2" or '##' …, and 0 for Word's "Title" style.
    """

    start: int
    end: int
    level: int

    def to_dict(self) -> dict[str, int]:
        return {"start": self.start, "end": self.end, "level": self.level}


@dataclass(frozen=True)
class Source:
    """Text as read: the reference every djnlp offset points into."""

    text: str
    name: str
    encoding: str
    format: str  # "txt" | "md" | "docx"
    heading_hints: tuple[HeadingHint, ...] = ()
    metadata: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "encoding": self.encoding,
            "format": self.format,
            "heading_hints": [h.to_dict() for h in self.heading_hints],
            "metadata": dict(self.metadata),
        }


# --------------------------------------------------------------------------- entry points


def read(
    source: str | os.PathLike[str] | bytes | bytearray | memoryview,
    *,
    max_bytes: int = 20_000_000,
    name: str | None = None,
) -> Source:
    """Read a file path (str or PathLike) or raw bytes; ``name`` labels bytes in errors and results.

    A ``str`` is always a path: use :func:`read_text` for text already in memory.

    >>> read("no/such/file.txt")
    Traceback (most recent call last):
    ...
    djnlp.errors.InputError: no/such/file.txt: no such file
    """
    if isinstance(source, (bytes, bytearray, memoryview)):
        data = bytes(source)
        label = name or "<bytes>"
        if len(data) > max_bytes:
            raise FileTooLargeError(label, f"{len(data):,} bytes is over the {max_bytes:,}-byte limit")
        return _from_bytes(data, label, max_bytes)
    if not isinstance(source, (str, os.PathLike)):
        raise TypeError(f"read() takes a path or bytes, not {type(source).__name__}")
    path = Path(source)
    label = name or os.fspath(source)
    try:
        info = path.stat()
    except FileNotFoundError:
        hint = " (to analyse text in memory use djnlp.io.read_text)" if _looks_like_prose(str(source)) else ""
        raise InputError(_short(label), "no such file" + hint) from None
    except OSError as err:
        raise InputError(_short(label), f"cannot access the file: {err.strerror or err}") from None
    if path.is_dir():
        raise InputError(label, "is a directory, not a file")
    if info.st_size > max_bytes:
        raise FileTooLargeError(label, f"{info.st_size:,} bytes is over the {max_bytes:,}-byte limit")
    try:
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as err:
        raise InputError(label, f"cannot read the file: {err.strerror or err}") from None
    if len(data) > max_bytes:  # grew between stat and read
        raise FileTooLargeError(label, f"over the {max_bytes:,}-byte limit")
    return _from_bytes(data, label, max_bytes)


def read_text(text: str, name: str = "<string>") -> Source:
    """Wrap text already in memory; markdown '#' headings become hints.

    >>> read_text("## 二、重点任务\\n抓好换届。").heading_hints
    (HeadingHint(start=0, end=9, level=2),)
    """
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes str, not {type(text).__name__}")
    fmt = "md" if name.lower().endswith((".md", ".markdown")) else "txt"
    text = _line_ends(text)
    return Source(text, name, "unicode", fmt, _markdown_hints(text), _front_matter_fields(text))


# Line ends other than \n and \r\n: a lone \r (old Mac), vertical tab, form feed (a page break
# of converted PDFs), NEL, Unicode line and paragraph separators.  Lone surrogates (from a
# mis-decoded str) cannot be written out as UTF-8.
_ODD_BREAK = re.compile("\r(?!\n)|[\x0b\x0c\x85\u2028\u2029]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _line_ends(text: str) -> str:
    r"""Odd line ends → ``\n`` and lone surrogates → U+FFFD, one character for one, so no
    offset moves; ``\r\n`` stays.

    >>> _line_ends("一、总体要求\r正文。\r\n二、\u2028三、\x0c")
    '一、总体要求\n正文。\r\n二、\n三、\n'
    """
    if _ODD_BREAK.search(text):
        text = _ODD_BREAK.sub("\n", text)
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


_FRONT_OPEN = re.compile(r"---[ \t]*\r?\n")
_FRONT_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*\r?$", re.MULTILINE)
_FRONT_LINE = re.compile(r"[A-Za-z_][\w-]*[ \t]*:.*|[ \t]+\S.*|-[ \t].*|[ \t]*\r?")
_FRONT_FIELD = re.compile(r"([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t\r]*$")


def front_matter(text: str) -> int:
    """End offset of a YAML front-matter block opening ``text`` ("---" … "---"), else 0.

    Only ``key: value`` lines (one at least), indented or "- " continuation lines and blank
    lines may stand between the fences, and the block closes within 60 lines.

    >>> text = "---\ntitle: 全市组织工作会议讲话\ndate: 2025-03-01\n---\n# 讲话"
    >>> text[front_matter(text):]
    '\n# 讲话'
    """
    opening = _FRONT_OPEN.match(text)
    if opening is None:
        return 0
    close = _FRONT_CLOSE.search(text, opening.end())
    if close is None:
        return 0
    body = text[opening.end():close.start()].split("\n")
    if len(body) > 60 or not all(_FRONT_LINE.fullmatch(line) for line in body):
        return 0
    if not any(_FRONT_FIELD.match(line) for line in body):
        return 0
    return close.end()


def _front_matter_fields(text: str) -> Mapping[str, str]:
    """``key: value`` pairs of the front matter (values unquoted; lists kept as written)."""
    end = front_matter(text)
    found: dict[str, str] = {}
    for line in text[:end].split("\n")[1:-1]:
        m = _FRONT_FIELD.match(line)
        if m and m.group(2):
            found[m.group(1)] = m.group(2).strip("\"'")
    return MappingProxyType(found)


def _short(label: str) -> str:
    return label if len(label) <= 80 else label[:77] + "..."


def _looks_like_prose(value: str) -> bool:
    return "\n" in value or len(value) > 255 or bool(re.search(r"[，。！？；：]", value))


# --------------------------------------------------------------------------- format sniffing

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
     "an OLE2 compound file (a legacy Word .doc, or a password-protected .docx) is not supported; "
     "save it as an unprotected .docx or as .txt"),
    (b"%PDF", "PDF is not supported; convert it to .docx or .txt"),
    (b"{\\rtf", "RTF is not supported; save it as .docx or .txt"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image is not a text document"),
    (b"\xff\xd8\xff", "a JPEG image is not a text document"),
    (b"GIF87a", "a GIF image is not a text document"),
    (b"GIF89a", "a GIF image is not a text document"),
    (b"II*\x00", "a TIFF image is not a text document"),
    (b"MM\x00*", "a TIFF image is not a text document"),
    (b"\x1f\x8b", "a gzip archive is not supported; extract the document first"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive is not supported; extract the document first"),
    (b"Rar!\x1a\x07", "a RAR archive is not supported; extract the document first"),
    (b"\xfd7zXZ\x00", "an xz archive is not supported; extract the document first"),
    (b"\x7fELF", "an executable is not a text document"),
)
_MARKUP = re.compile(r"\s*(?:<!doctype\s+html|<html[\s>]|<\?xml\s)", re.IGNORECASE)
_ZIP = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_BOMS = (  # longest first: the UTF-32 LE BOM starts with the UTF-16 LE one
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _sniff_refusal(data: bytes) -> str | None:
    for magic, reason in _MAGIC:
        if data.startswith(magic):
            return reason
    if data.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return "a WebP image is not a text document"
    if data.startswith(b"BM") and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
        return "a BMP image is not a text document"
    if re.match(rb"BZh[1-9]1AY&SY", data[:10]):
        return "a bzip2 archive is not supported; extract the document first"
    return None


def _from_bytes(data: bytes, label: str, max_bytes: int) -> Source:
    refusal = _sniff_refusal(data)
    if refusal:
        raise UnsupportedFormatError(label, refusal)
    if data.startswith(_ZIP):
        return _read_docx(data, label, max_bytes)
    text, encoding = _decode(data, label)
    markup = _MARKUP.match(text)
    if markup:
        kind = "an HTML page" if "html" in markup.group().lower() else "an XML file"
        raise UnsupportedFormatError(label, f"{kind} is not supported; save the document text as .txt or .docx")
    fmt = "md" if label.lower().endswith((".md", ".markdown")) else "txt"
    text = _line_ends(text)
    return Source(text, label, encoding, fmt, _markdown_hints(text), _front_matter_fields(text))


# --------------------------------------------------------------------------- plain text

# Characters normal documents are made of; anything else counts against "is this text?".
# Everything outside these common ranges is looked at one by one.
_UNCOMMON = re.compile("[^\t\n\r\f\v\x20-\x7e\u00a0-\u00ff\u2000-\u206f\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def _implausible_share(text: str) -> float:
    """Share of characters no real document contains (controls, private use, unassigned)."""
    if not text:
        return 0.0
    sample = text if len(text) <= 200_000 else text[:100_000] + text[-100_000:]
    bad = 0
    for m in _UNCOMMON.finditer(sample):
        ch = m.group()
        if ch < " " or "\x7f" <= ch <= "\x9f" or unicodedata.category(ch) in ("Co", "Cn", "Cs"):
            bad += 1
    return bad / len(sample)


def _decode(data: bytes, label: str) -> tuple[str, str]:
    if not data:
        return "", "utf-8"
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding
            except UnicodeDecodeError as err:
                raise DecodingError(label, f"starts with a {encoding} byte-order mark but is not valid "
                                           f"{encoding} (byte {err.start + len(bom)})") from None
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is not None:
            return utf16
        stray = _utf8_with_stray_nuls(data)
        if stray is not None:
            return stray, "utf-8"
        raise UnsupportedFormatError(label, "binary data (NUL bytes), not a text document")
    implausible = False
    gb_text: str | None = None
    for encoding in ("utf-8", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _implausible_share(text) > 0.01:
            implausible = True
        elif encoding == "utf-8" or _rare_han_share(text) <= 0.05:
            return text, encoding
        else:
            gb_text = text  # decodes, but full of rare characters: Big5 or damaged UTF-8?
    damaged = _damaged_utf8(data)
    if damaged is not None:
        return damaged, "utf-8"
    guess = _chinese_guess(data)
    if guess is not None:
        return guess
    if gb_text is not None:
        return gb_text, "gb18030"
    if implausible:
        raise UnsupportedFormatError(label, "binary data (control characters), not a text document")
    raise DecodingError(label, "not UTF-8, UTF-16 (with BOM), GB18030/GBK or Big5 text")


def _bomless_utf16(data: bytes) -> tuple[str, str] | None:
    """UTF-16 saved without a byte-order mark: NULs only where ASCII characters are."""
    if len(data) % 2:
        return None
    for encoding in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\x00" not in text and _implausible_share(text) <= 0.01 and _rare_han_share(text) <= 0.05:
            return text, encoding
    return None


def _utf8_with_stray_nuls(data: bytes) -> str | None:
    """UTF-8 text with a few stray NULs (a copy-paste or converter slip): kept as they are.

    At most one NUL per 1,000 characters (plus one), and the rest must read as plain text.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    nuls = text.count("\x00")
    if nuls > 1 + len(text) // 1000 or _implausible_share(text.replace("\x00", "")) > 0.01:
        return None
    return text


_HAN = re.compile("[\u3400-\u9fff]+")


def _rare_han_share(text: str) -> float:
    """Share of Chinese characters outside GB2312's 6,763: small in real text, large in mojibake."""
    sample = text[:20_000]
    han = "".join(_HAN.findall(sample))
    if not han:
        return 0.0
    common = len(han.encode("gb2312", errors="ignore")) // 2
    return 1 - common / len(han)


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 cut mid-character, or a long UTF-8 text with a handful of bad bytes; else None."""
    if len(data) >= 64:
        for cut in (1, 2, 3):
            try:
                head = data[:-cut].decode("utf-8")
            except UnicodeDecodeError:
                continue
            if _implausible_share(head) <= 0.01:
                return head + "\ufffd"
    text = data.decode("utf-8", errors="replace")
    if len(text) >= 1000 and text.count("\ufffd") <= len(text) // 1000 and _implausible_share(text) <= 0.01:
        return text
    return None


def _chinese_guess(data: bytes) -> tuple[str, str] | None:
    """Let charset-normalizer choose between GB18030 and Big5 (it is reliable between just these)."""
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=["gb18030", "big5", "big5hkscs"]).best()
    if best is None:
        return None
    text = str(best)
    if _implausible_share(text) > 0.01:
        return None
    return text, best.encoding


# The heading text runs to the line end; trailing spaces are trimmed in code (a lazy ".*?"
# before "[ \t]*$" is quadratic on a line with a long run of spaces inside).
_MD_HEADING = re.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(\S.*)$", re.MULTILINE)
_FENCE = re.compile(r"^[ \t]{0,3}(```|~~~)", re.MULTILINE)


def _markdown_hints(text: str) -> tuple[HeadingHint, ...]:
    if "#" not in text:
        return ()
    fences = [m.start() for m in _FENCE.finditer(text)]
    hints = []
    for m in _MD_HEADING.finditer(text):
        inside_fence = bisect_left(fences, m.start()) % 2 == 1  # odd number of fences before it
        if not inside_fence:
            end = m.start(2) + len(m.group(2).rstrip(" \t\r"))
            hints.append(HeadingHint(m.start(1), end, len(m.group(1))))
    return tuple(hints)


# --------------------------------------------------------------------------- .docx

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_STYLE_LEVEL = re.compile(r"^(?:heading|标题)\s*([1-9])$", re.IGNORECASE)


def _check_zip(data: bytes, label: str, max_bytes: int) -> None:
    try:
        archive = zipfile.ZipFile(_io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as err:
        raise CorruptDocumentError(label, f"damaged or truncated .docx/zip ({err})") from None
    with archive:
        members = archive.infolist()
        names = {info.filename for info in members}
        if "word/document.xml" not in names:
            if "xl/workbook.xml" in names:
                raise UnsupportedFormatError(label, "an Excel .xlsx workbook is not a text document")
            if "ppt/presentation.xml" in names:
                raise UnsupportedFormatError(label, "a PowerPoint .pptx is not supported; save it as .docx")
            if "[Content_Types].xml" in names or label.lower().endswith(".docx"):
                raise CorruptDocumentError(label, "not a valid .docx: word/document.xml is missing")
            raise UnsupportedFormatError(label, "a zip archive is not supported; extract the document first")
        if len(members) > DOCX_MAX_MEMBERS:
            raise CorruptDocumentError(label, f"suspicious .docx: {len(members):,} zip members")
        limit = min(DOCX_HARD_LIMIT, DOCX_EXPANSION_LIMIT * max_bytes)
        total = 0
        for info in members:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > 1_000_000 and ratio > DOCX_MAX_RATIO:
                raise CorruptDocumentError(
                    label, f"suspicious .docx (zip bomb?): {info.filename} expands {ratio:,.0f}-fold")
        if total > limit:
            raise CorruptDocumentError(
                label, f"suspicious .docx (zip bomb?): expands to {total:,} bytes, limit {limit:,}")


def _read_docx(data: bytes, label: str, max_bytes: int) -> Source:
    _check_zip(data, label, max_bytes)
    import docx  # python-docx; imported here so plain-text reading stays light

    try:
        document = docx.Document(_io.BytesIO(data))
        lines, headings = _DocxWalker(document).run()
    except (CorruptDocumentError, UnsupportedFormatError):
        raise
    except Exception as err:  # python-docx raises KeyError, ValueError, lxml errors …
        raise CorruptDocumentError(label, f"cannot parse the .docx ({type(err).__name__}: {err})") from None
    parts: list[str] = []
    hints: list[HeadingHint] = []
    offset = 0
    for k, line in enumerate(lines):
        if k in headings and line.strip():
            lead = len(line) - len(line.lstrip())
            hints.append(HeadingHint(offset + lead, offset + len(line.rstrip()), headings[k]))
        parts.append(line)
        offset += len(line) + 1
    return Source("\n".join(parts), label, "utf-8", "docx", tuple(hints), _core_metadata(document))


class _DocxWalker:
    """Walks the body XML in document order: paragraphs, tables (row by row, one cell per line)."""

    def __init__(self, document: Any) -> None:
        self.document = document
        self.lines: list[str] = []
        self.headings: dict[int, int] = {}
        self._style_levels: dict[str | None, int | None] = {}
        self._table_depth = 0

    def run(self) -> tuple[list[str], dict[int, int]]:
        self._blocks(self.document.element.body)
        return self.lines, self.headings

    def _blocks(self, parent: Any) -> None:
        for child in parent.iterchildren():
            tag = child.tag
            if tag == f"{_W}p":
                self._paragraph(child)
            elif tag == f"{_W}tbl":
                self._table(child)
            elif tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent")
                self._blocks(content if content is not None else child)

    def _paragraph(self, p: Any) -> None:
        parts: list[str] = []
        _run_text(p, parts)
        level = self._level(p)
        for k, line in enumerate("".join(parts).split("\n")):
            if self._table_depth and not line.strip():
                continue  # inside a table a cell is one line: no blank lines for empty paragraphs
            if level is not None and k == 0:
                self.headings[len(self.lines)] = level
            self.lines.append(line)
        for box in _text_boxes(p):  # text boxes anchored here: their paragraphs follow as lines
            self._blocks(box)

    def _table(self, tbl: Any) -> None:
        self._table_depth += 1
        for tr in tbl.iterchildren(f"{_W}tr"):
            for tc in tr.iterchildren(f"{_W}tc"):
                if _continues_merge(tc):
                    continue  # covered by a merged cell whose text was already emitted
                self._blocks(tc)
        self._table_depth -= 1

    def _level(self, p: Any) -> int | None:
        direct = p.find(f"{_W}pPr/{_W}outlineLvl")
        if direct is not None:
            return _outline_level(direct)
        style = p.find(f"{_W}pPr/{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else None
        if style_id not in self._style_levels:
            self._style_levels[style_id] = self._style_level(style_id)
        return self._style_levels[style_id]

    def _style_level(self, style_id: str | None) -> int | None:
        from docx.enum.style import WD_STYLE_TYPE

        style = self.document.styles.element.get_by_id(style_id) if style_id else None
        if style is None:
            style = self.document.styles.element.default_for(WD_STYLE_TYPE.PARAGRAPH)
        seen = set()
        while style is not None and style.styleId not in seen:
            seen.add(style.styleId)
            name = (style.name_val or "").strip()
            m = _STYLE_LEVEL.match(name)
            if m:
                return int(m.group(1))
            if name.lower() in ("title", "标题"):
                return 0
            lvl = style.find(f"{_W}pPr/{_W}outlineLvl")
            if lvl is not None:
                return _outline_level(lvl)
            based = style.basedOn_val
            style = self.document.styles.element.get_by_id(based) if based else None
        return None


# Inside a paragraph: parts that are not visible text of the paragraph itself (properties,
# deleted or moved-away text, field codes, text boxes and drawings with their own paragraphs).
_SKIP = frozenset(f"{_W}{tag}" for tag in (
    "pPr", "rPr", "del", "moveFrom", "instrText", "delText", "txbxContent", "drawing", "pict", "object",
    "footnoteReference", "endnoteReference", "commentReference",
))


def _run_text(element: Any, out: list[str]) -> None:
    """Visible text of a paragraph in order, including tracked insertions, smart tags, fields."""
    for child in element:
        tag = child.tag
        if tag == f"{_W}t":
            out.append(child.text or "")
        elif tag == f"{_W}tab":
            out.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            if child.get(f"{_W}type") in (None, "textWrapping"):
                out.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag not in _SKIP and isinstance(tag, str):
            _run_text(child, out)


_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _text_boxes(p: Any) -> list[Any]:
    """Outermost text boxes in a paragraph, without the duplicate copy Word keeps for old readers."""
    boxes = []
    for box in p.iter(f"{_W}txbxContent"):
        ancestor = box.getparent()
        while ancestor is not None and ancestor is not p:
            if ancestor.tag in (_MC_FALLBACK, f"{_W}txbxContent"):
                break
            ancestor = ancestor.getparent()
        else:
            boxes.append(box)
    return boxes


def _continues_merge(tc: Any) -> bool:
    for tag in ("vMerge", "hMerge"):
        merge = tc.find(f"{_W}tcPr/{_W}{tag}")
        if merge is not None and merge.get(f"{_W}val", "continue") == "continue":
            return True
    return False


def _outline_level(element: Any) -> int | None:
    try:
        value = int(element.get(f"{_W}val"))
    except (TypeError, ValueError):
        return None
    return value + 1 if 0 <= value <= 8 else None  # 9 means body text


def _core_metadata(document: Any) -> Mapping[str, str]:
    props = document.core_properties
    found: dict[str, str] = {}
    for key in ("title", "author", "created", "modified", "subject", "keywords", "last_modified_by"):
        try:
            value = getattr(props, key)
        except (ValueError, TypeError):  # a malformed date in docProps/core.xml
            continue
        if value:
            found[key] = value.isoformat() if hasattr(value, "isoformat") else str(value)
    return MappingProxyType(found)

