"""djnlp.io: encodings, .docx structure, and every kind of input it must refuse."""
from __future__ import annotations

import codecs
import io
import os
import random
import zipfile

import docx
import pytest
from docx.enum.text import WD_BREAK

from djnlp.errors import (
    CorruptDocumentError,
    DecodingError,
    DjnlpError,
    FileTooLargeError,
    InputError,
    UnsupportedFormatError,
)
from djnlp.io import HeadingHint, Source, read, read_text

SPEECH = (
    "在全市基层党建工作会议上的讲话\n\n"
    "同志们：\n\n"
    "一、抓实农村党建\n\n"
    "各县市区委组织部要在4月底前完成村党组织书记队伍分析研判，市委组织部计划在5月中旬举办示范培训班。\n\n"
    "（一）整顿软弱涣散村党组织\n\n"
    "对排查出的47个软弱涣散村党组织，县级领导要逐个包联，年内全部完成整顿销号。\n"
)


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("encoding", "bom", "expected"),
    [
        ("utf-8", b"", "utf-8"),
        ("utf-8", codecs.BOM_UTF8, "utf-8-sig"),
        ("utf-16-le", codecs.BOM_UTF16_LE, "utf-16-le"),
        ("utf-16-be", codecs.BOM_UTF16_BE, "utf-16-be"),
        ("gb18030", b"", "gb18030"),
        ("gbk", b"", "gb18030"),  # GBK is a subset of GB18030
        ("gb2312", b"", "gb18030"),
    ],
)
def test_encodings_are_detected_from_bytes(tmp_path, encoding, bom, expected):
    path = tmp_path / "speech.txt"
    path.write_bytes(bom + SPEECH.encode(encoding))
    src = read(path)
    assert src.text == SPEECH  # the BOM is not part of the text
    assert src.encoding == expected
    assert src.format == "txt"
    assert src.name == str(path)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom(tmp_path, encoding):
    path = tmp_path / "nobom.txt"
    path.write_bytes(SPEECH.encode(encoding))
    src = read(path)
    assert (src.text, src.encoding) == (SPEECH, encoding)


def test_gb18030_only_characters_survive(tmp_path):
    # 㙍 (U+364D) is outside GBK; a GB18030 four-byte sequence must decode, not fall back.
    text = "村民小组长李㙍同志发言。\n"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("gb18030"))
    assert read(path).text == text


def test_big5_traditional_text():
    text = "各級黨組織要紮實推進基層黨建工作。市委組織部計劃在五月中旬舉辦培訓班，各縣市區要在六月底前完成輪訓。\n"
    src = read(text.encode("big5"), name="tw.txt")
    assert src.text == text and src.encoding.startswith("big5")
    # the same traditional characters saved as GB18030 stay GB18030
    assert read(text.encode("gb18030"), name="gb.txt").text == text


def test_encoding_is_not_guessed_from_the_extension(tmp_path):
    path = tmp_path / "gbk-text.docx"  # wrong extension, content is GBK text
    path.write_bytes(SPEECH.encode("gbk"))
    src = read(path)
    assert (src.format, src.encoding, src.text) == ("txt", "gb18030", SPEECH)


def test_utf8_cut_mid_character_is_still_read_as_utf8(tmp_path):
    data = SPEECH.encode("utf-8")[:-2]  # drops "。\n" partly: last character truncated
    path = tmp_path / "cut.txt"
    path.write_bytes(data)
    src = read(path)
    assert src.encoding == "utf-8"
    assert src.text.startswith("在全市基层党建工作会议上的讲话")
    assert src.text.endswith("\ufffd")


def test_bytes_input_uses_name(tmp_path):
    src = read(SPEECH.encode("utf-8"), name="<stdin>")
    assert src.name == "<stdin>" and src.text == SPEECH


def test_markdown_headings_become_hints():
    text = "# 全市基层党建工作会议讲话\n\n## 一、抓实农村党建\n\n正文。\n\n```\n# 代码里的注释\n```\n### （一）选优配强\n"
    src = read(text.encode("utf-8"), name="talk.md")
    assert src.format == "md"
    got = [(src.text[h.start:h.end], h.level) for h in src.heading_hints]
    assert got == [("# 全市基层党建工作会议讲话", 1), ("## 一、抓实农村党建", 2), ("### （一）选优配强", 3)]


def test_markdown_hints_with_windows_line_ends():
    src = read("## 一、抓实农村党建\r\n正文。\r\n".encode("utf-8"), name="talk.txt")
    (hint,) = src.heading_hints
    assert src.text[hint.start:hint.end] == "## 一、抓实农村党建"


def test_seed_reads_with_markdown_hints(seed_path):
    src = read(seed_path)
    assert src.encoding == "utf-8"
    levels = [h.level for h in src.heading_hints]
    assert levels[0] == 1 and levels.count(2) >= 5  # the title and the 篇一…篇五 headings
    titles = [src.text[h.start:h.end] for h in src.heading_hints if h.level == 2]
    assert "## 基层党组织组织百科篇一" in titles


def test_read_text_keeps_the_string():
    src = read_text("一、总体要求\n各地要抓好落实。", name="memo.txt")
    assert src == Source("一、总体要求\n各地要抓好落实。", "memo.txt", "unicode", "txt")
    assert src.to_dict()["format"] == "txt"


def test_empty_file_is_an_empty_source(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    src = read(path)
    assert src.text == "" and src.heading_hints == ()
    assert read(b"", name="<stdin>").text == ""


def test_bom_only_file_is_empty(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes(codecs.BOM_UTF8)
    assert read(path).text == ""


# --------------------------------------------------------------------------- .docx


def _docx_bytes(build) -> bytes:
    document = docx.Document()
    build(document)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _speech_docx(document) -> None:
    document.core_properties.title = "在全市基层党建工作会议上的讲话"
    document.core_properties.author = "市委组织部"
    document.add_heading("在全市基层党建工作会议上的讲话", 0)
    document.add_paragraph("同志们：")
    document.add_heading("一、抓实农村党建", level=1)
    document.add_paragraph("各县市区要在6月底前完成村党组织书记轮训。")
    table = document.add_table(rows=3, cols=3)
    for col, value in enumerate(["责任单位", "工作任务", "完成时限"]):
        table.cell(0, col).text = value
    for col, value in enumerate(["市委组织部", "举办示范培训班", "5月中旬"]):
        table.cell(1, col).text = value
    merged = table.cell(2, 0).merge(table.cell(2, 1))
    merged.text = "各县市区委组织部"
    table.cell(2, 2).text = "6月底前"
    document.add_paragraph("（一）整顿软弱涣散村党组织", style="Heading 2")
    run = document.add_paragraph("年内全部完成整顿销号。").add_run("乡镇党委每季度末评估一次。")
    run.add_break(WD_BREAK.LINE)


def test_docx_body_order_tables_and_heading_styles():
    src = read(_docx_bytes(_speech_docx), name="speech.docx")
    assert src.format == "docx"
    assert src.text.split("\n") == [
        "在全市基层党建工作会议上的讲话",
        "同志们：",
        "一、抓实农村党建",
        "各县市区要在6月底前完成村党组织书记轮训。",
        "责任单位", "工作任务", "完成时限",
        "市委组织部", "举办示范培训班", "5月中旬",
        "各县市区委组织部", "6月底前",  # the merged cell once
        "（一）整顿软弱涣散村党组织",
        "年内全部完成整顿销号。乡镇党委每季度末评估一次。",
        "",  # the line break at the end of the run
    ]
    hints = [(src.text[h.start:h.end], h.level) for h in src.heading_hints]
    assert hints == [
        ("在全市基层党建工作会议上的讲话", 0),
        ("一、抓实农村党建", 1),
        ("（一）整顿软弱涣散村党组织", 2),
    ]
    assert src.metadata["title"] == "在全市基层党建工作会议上的讲话"
    assert src.metadata["author"] == "市委组织部"
    assert "created" in src.metadata and "modified" in src.metadata


def test_docx_chinese_style_names_and_outline_levels():
    def build(document):
        styles = document.styles
        zh = styles.add_style("标题 1", 1)  # a WPS-style document names its heading style in Chinese
        zh.base_style = styles["Normal"]
        custom = styles.add_style("讲话小标题", 1)
        outline = custom.element.get_or_add_pPr()
        level = outline.makeelement(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}outlineLvl",
            {"{http://schemas.openxmlformats.org/wordprocessingml/2006/main}val": "2"},
        )
        outline.append(level)
        document.add_paragraph("二、抓强企业党建", style="标题 1")
        document.add_paragraph("第一，国有企业要完善治理。", style="讲话小标题")
        document.add_paragraph("市国资委党委要在9月底前督促落实。")

    src = read(_docx_bytes(build), name="zh.docx")
    hints = [(src.text[h.start:h.end], h.level) for h in src.heading_hints]
    assert hints == [("二、抓强企业党建", 1), ("第一，国有企业要完善治理。", 3)]


def test_docx_tracked_changes_and_fields():
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

    def build(document):
        paragraph = document.add_paragraph("各县市区要在")
        p = paragraph._p
        ins = p.makeelement(f"{w}ins", {f"{w}id": "1", f"{w}author": "审核人"})
        ins.append(paragraph.add_run("6月底前")._r)  # a tracked insertion is part of the text
        p.append(ins)
        deleted = p.makeelement(f"{w}del", {f"{w}id": "2", f"{w}author": "审核人"})
        run = p.makeelement(f"{w}r", {})
        old = p.makeelement(f"{w}delText", {})
        old.text = "5月底前"
        run.append(old)
        deleted.append(run)
        p.append(deleted)  # a tracked deletion is not
        smart = p.makeelement(f"{w}smartTag", {f"{w}element": "place"})
        smart.append(paragraph.add_run("完成轮训")._r)
        p.append(smart)
        paragraph.add_run("。\t（责任单位：市委组织部）")

    src = read(_docx_bytes(build), name="tracked.docx")
    assert src.text == "各县市区要在6月底前完成轮训。\t（责任单位：市委组织部）"


def test_docx_text_box_follows_its_paragraph():
    from docx.oxml import parse_xml

    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    run = (
        f'<w:r xmlns:w="{w}" xmlns:v="urn:schemas-microsoft-com:vml"'
        ' xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
        "<mc:AlternateContent><mc:Choice Requires=\"wps\"><w:drawing><w:txbxContent>"
        "<w:p><w:r><w:t>中共东湖区委组织部文件</w:t></w:r></w:p>"
        "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent>"
        "<w:p><w:r><w:t>中共东湖区委组织部文件</w:t></w:r></w:p>"
        "</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )

    def build(document):
        paragraph = document.add_paragraph("东组发〔2025〕7号")
        paragraph._p.append(parse_xml(run))
        document.add_paragraph("各乡镇党委：")

    src = read(_docx_bytes(build), name="redhead.docx")
    assert src.text.split("\n") == ["东组发〔2025〕7号", "中共东湖区委组织部文件", "各乡镇党委："]


def test_docx_detected_by_content_not_extension(tmp_path):
    path = tmp_path / "upload.bin"
    path.write_bytes(_docx_bytes(_speech_docx))
    assert read(path).format == "docx"


# --------------------------------------------------------------------------- refusals


@pytest.mark.parametrize(
    ("data", "error", "words"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504), UnsupportedFormatError, "legacy Word .doc"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", UnsupportedFormatError, "PDF"),
        (b"{\\rtf1\\ansi\\ansicpg936 \\f0 \\'b9\\'a4\\'d7\\'f7}", UnsupportedFormatError, "RTF"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", UnsupportedFormatError, "PNG"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00", UnsupportedFormatError, "JPEG"),
        (b"GIF89a\x01\x00\x01\x00", UnsupportedFormatError, "GIF"),
        (b"BM\x3a\x00\x00\x00\x00\x00\x00\x00\x36\x00\x00\x00" + bytes(40), UnsupportedFormatError, "BMP"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 ", UnsupportedFormatError, "WebP"),
        (b"\x1f\x8b\x08\x00\x00\x00\x00\x00", UnsupportedFormatError, "gzip"),
        (b"7z\xbc\xaf\x27\x1c\x00\x04", UnsupportedFormatError, "7z"),
        (b"Rar!\x1a\x07\x01\x00", UnsupportedFormatError, "RAR"),
        ("党建\x00\x01\x02工作".encode("utf-8"), UnsupportedFormatError, "binary"),
        ("<!DOCTYPE html>\n<html><body><p>各地要抓好落实。</p></body></html>".encode("gbk"),
         UnsupportedFormatError, "HTML"),
        ('<?xml version="1.0"?>\n<w:wordDocument/>'.encode("utf-8"), UnsupportedFormatError, "XML"),
        (b"\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f" * 20, UnsupportedFormatError, "binary"),
    ],
)
def test_refuses_non_text_by_magic(tmp_path, data, error, words):
    path = tmp_path / "input.txt"  # the extension lies: detection is by content
    path.write_bytes(data)
    with pytest.raises(error) as info:
        read(path)
    assert str(path) in str(info.value) and words in str(info.value)


def test_random_binary_is_refused(tmp_path):
    rng = random.Random(20250318)
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    with pytest.raises(InputError):
        read(path)


def test_undecodable_text_is_a_decoding_error(tmp_path):
    # Lead bytes without valid trail bytes: neither UTF-8 nor GB18030 nor any known encoding.
    path = tmp_path / "broken.txt"
    path.write_bytes(("各地要抓好落实。".encode("utf-8") + b"\x81\x20\xfe\x7f") * 50)
    with pytest.raises((DecodingError, UnsupportedFormatError)):
        read(path)


def test_bad_utf16_after_bom(tmp_path):
    path = tmp_path / "bad16.txt"
    path.write_bytes(codecs.BOM_UTF16_LE + "党建".encode("utf-16-le") + b"\x00\xdc")  # lone low surrogate
    with pytest.raises(DecodingError, match="utf-16-le"):
        read(path)


def _zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, payload in members.items():
            archive.writestr(name, payload)
    return buffer.getvalue()


def test_plain_zip_is_an_archive(tmp_path):
    path = tmp_path / "材料.zip"
    path.write_bytes(_zip({"材料/讲话.txt": SPEECH.encode("utf-8")}))
    with pytest.raises(UnsupportedFormatError, match="zip archive"):
        read(path)
    workbook = tmp_path / "台账.docx"  # an .xlsx renamed: still recognised by its members
    workbook.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}))
    with pytest.raises(UnsupportedFormatError, match="xlsx"):
        read(workbook)


def test_docx_without_document_xml_is_corrupt(tmp_path):
    path = tmp_path / "speech.docx"
    path.write_bytes(_zip({"[Content_Types].xml": b"<Types/>", "word/styles.xml": b"<styles/>"}))
    with pytest.raises(CorruptDocumentError, match="word/document.xml"):
        read(path)


def test_truncated_docx_is_corrupt(tmp_path):
    data = _docx_bytes(_speech_docx)
    path = tmp_path / "speech.docx"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(CorruptDocumentError) as info:
        read(path)
    assert str(info.value).startswith(str(path))


def test_docx_with_garbage_document_xml_is_corrupt(tmp_path):
    good = zipfile.ZipFile(io.BytesIO(_docx_bytes(_speech_docx)))
    members = {info.filename: good.read(info.filename) for info in good.infolist()}
    members["word/document.xml"] = b"<w:document><unclosed>"
    path = tmp_path / "speech.docx"
    path.write_bytes(_zip(members))
    with pytest.raises(CorruptDocumentError, match="cannot parse"):
        read(path)


def test_zip_bomb_is_refused_before_parsing(tmp_path):
    good = zipfile.ZipFile(io.BytesIO(_docx_bytes(_speech_docx)))
    members = {info.filename: good.read(info.filename) for info in good.infolist()}
    members["word/media/padding.xml"] = b"\x00" * 30_000_000  # compresses ~1000-fold
    path = tmp_path / "bomb.docx"
    path.write_bytes(_zip(members))
    assert path.stat().st_size < 100_000
    with pytest.raises(CorruptDocumentError, match="zip bomb"):
        read(path)


def test_docx_total_expansion_is_capped(tmp_path):
    good = zipfile.ZipFile(io.BytesIO(_docx_bytes(_speech_docx)))
    members = {info.filename: good.read(info.filename) for info in good.infolist()}
    for k in range(20):  # each member small enough to pass the ratio check, together 16 MB
        members[f"customXml/item{k}.xml"] = SPEECH.encode("utf-8") * 2000
    path = tmp_path / "big.docx"
    path.write_bytes(_zip(members))
    assert path.stat().st_size < 1_000_000
    with pytest.raises(CorruptDocumentError, match="expands to"):
        read(path, max_bytes=1_000_000)
    assert read(path).format == "docx"  # fine under the default cap


def test_size_cap_checked_before_reading(tmp_path):
    path = tmp_path / "long.txt"
    path.write_bytes(SPEECH.encode("utf-8") * 10)
    with pytest.raises(FileTooLargeError, match="limit"):
        read(path, max_bytes=100)
    with pytest.raises(FileTooLargeError):
        read(SPEECH.encode("utf-8"), max_bytes=100, name="<stdin>")


def test_missing_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read(tmp_path / "nothing.txt")
    with pytest.raises(InputError, match="read_text"):
        read("各地要在6月底前完成轮训。")  # text passed where a path belongs


def test_directory_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read(tmp_path)


def test_every_refusal_is_a_djnlp_error():
    assert issubclass(CorruptDocumentError, DjnlpError)
    with pytest.raises(TypeError):
        read(12345)  # type: ignore[arg-type]


def test_heading_hint_to_dict():
    assert HeadingHint(0, 8, 1).to_dict() == {"start": 0, "end": 8, "level": 1}


# --------------------------------------------------------------------------- hardening


def test_a_lone_carriage_return_becomes_a_line_feed_without_moving_offsets():
    raw = "一、总体要求\r各地要抓好落实。\r\n二、重点任务\r"
    src = read(raw.encode("utf-8"), name="mac.txt")
    assert src.text == "一、总体要求\n各地要抓好落实。\r\n二、重点任务\n" and len(src.text) == len(raw)
    assert read_text(raw).text == src.text


def test_utf8_with_a_stray_nul_is_read():
    data = ("各地要抓好落实。" * 200).encode("utf-8") + b"\x00" + "二、重点任务".encode("utf-8")
    src = read(data, name="stray.txt")
    assert src.encoding == "utf-8" and src.text.count("\x00") == 1 and src.text.endswith("二、重点任务")
    with pytest.raises(UnsupportedFormatError):  # NULs everywhere: binary, not text
        read(("党建" * 50).encode("utf-8").replace("建".encode("utf-8"), b"\x00\x00\x00"), name="nuls.txt")


def test_markdown_front_matter_becomes_metadata():
    text = '---\ntitle: "全市组织工作会议讲话"\ndate: 2025-03-01\ntags:\n  - 党建\n---\n# 讲话\n'
    src = read(text.encode("utf-8"), name="talk.md")
    assert dict(src.metadata) == {"title": "全市组织工作会议讲话", "date": "2025-03-01"}
    assert src.text == text  # the text as read keeps it; djnlp.clean drops it
    assert dict(read_text("---\n一、总体要求\n---\n").metadata) == {}
