"""Adversarial but plausible inputs: ``djnlp.analyze`` and ``djnlp analyze --json`` must give a
valid result (checked against ``djnlp/schema/analyze.schema.json``) or one ``djnlp: error:``
line with exit 2 — never a traceback — and stay linear on long input."""
from __future__ import annotations

import base64
import io
import json
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import djnlp
from djnlp.cli import main

SCHEMA = json.loads((files("djnlp") / "schema" / "analyze.schema.json").read_text(encoding="utf-8"))

SPEECH_PARTS = ("一、总体要求", "各地要抓好落实。", "二、重点任务", "（一）抓好换届。各乡镇要在年内完成。", "三、保障措施")

TEXTS: dict[str, str] = {
    "whitespace": " \n\t\u3000\n\r\n  \n\u200b\n",
    "punctuation": "。，、；！？……——“”《》（）\n：；【】「」『』\n" * 20,
    "long_line": "加强党的建设推进基层治理现代化" * 13_334,  # 200k characters, no punctuation, no break
    "short_lines": "\n".join(f"第{i}行" for i in range(10_000)),
    "mixed_line_ends": "一、总体要求\r\n各地要抓好落实。\r二、重点任务\r（一）抓好换届。各乡镇要在年内完成。\r\n\r\n三、保障措施\r落实经费。",
    "nul_inside": "一、总体要求\n各地要\x00抓好落实。\n二、重点任务\n抓好换届。",
    "english": "Introduction\nThis report covers the year. It has sentences! Does it work?\n1. First point. More.\n2. Second point.",
    "traditional": "一、總體要求\n各地要加強黨的建設，紮實推進基層治理。\n二、重點任務\n（一）抓好換屆選舉工作。各鄉鎮要在年內完成。",
    "emoji": "一、总体要求👍\n各地要抓好落实🎉🎉。💪加油！\n二、重点任务😀\n抓好换届。",
    "only_headings": "\n".join(["一、总体要求", "（一）指导思想", "（二）基本原则", "二、重点任务", "（一）抓好换届",
                                     "1、选好书记", "三、保障措施"]),
    "eight_levels": "一、甲级标题\n（一）乙级标题\n1、丙级标题\n（1）丁级标题\n①戊级标题\n第一，己级标题。\n"
                    "一是庚级标题。\n首先，辛级标题。各地要落实。",
    "marker_at_end": "一、总体要求\n各地要抓好落实。\n二、",
    "unicode_breaks": "一、总体要求\u2028各地要抓好落实。\u2029二、重点任务\x0c抓好换届。\x0b三、保障措施",
    "lone_surrogate": "一、总体\ud800要求\n各地要抓好落实。",
    "spaced_markdown": "# 一、总体要求" + " " * 100_000 + "正文\n" + "\n".join(["## 标题", "```", "# 注释", "```"] * 300),
    "unbalanced_quotes": "他强调：“" + "要抓好落实，不断推进（工作【开展。" * 330 + "\n下一段。",
}


def _check(result_dict: dict, text: str) -> None:
    jsonschema.validate(result_dict, SCHEMA)
    n = result_dict["text_length"]
    for doc in result_dict["documents"]:
        assert 0 <= doc["start"] <= doc["end"] <= n
        for sec in doc["sections"]:
            assert doc["start"] <= sec["start"] <= sec["heading_start"] <= sec["heading_end"] <= sec["end"] <= doc["end"]


@lru_cache(maxsize=None)
def _analyze(name: str):
    """Analyse one input once per session (several tests look at the same result)."""
    result = djnlp.analyze(TEXTS[name], date="2025-03-01")
    _check(result.to_dict(), TEXTS[name])
    return result


def _headings(result) -> list[tuple[int, str | None, str]]:
    return [(s.level, s.marker, s.heading) for _, s in result.sections()]


@pytest.mark.parametrize("name", list(TEXTS))
def test_analyze_gives_a_valid_result(name):
    result = _analyze(name)
    assert result.text_length == len(TEXTS[name])


def test_blank_and_punctuation_only_texts_have_no_sections():
    assert _analyze("whitespace").documents == ()
    result = _analyze("punctuation")
    assert not any(doc.sections for doc in result.documents)


def test_a_200k_line_without_punctuation_is_one_sentence():
    doc, = _analyze("long_line").documents
    assert doc.sections == ()
    assert [(s.start, s.end) for s in doc.sentences] == [(0, len(TEXTS["long_line"]))]


def test_ten_thousand_short_lines_are_ten_thousand_sentences():
    doc, = _analyze("short_lines").documents
    assert len(doc.sentences) == 10_000
    assert doc.sentences[-1].text == "第9999行"


def test_a_lone_carriage_return_ends_a_line():
    result = _analyze("mixed_line_ends")
    assert _headings(result) == [(1, "一、", "总体要求"), (1, "二、", "重点任务"), (2, "（一）", "抓好换届"),
                                 (1, "三、", "保障措施")]
    doc, = result.documents
    assert [s.text for s in doc.sentences][-2:] == ["三、保障措施", "落实经费。"]
    # offsets still point into the text as given (a lone \r became \n, same length)
    sec = result.documents[0].sections[1]
    assert result.text[sec.heading_start:sec.heading_end] == "重点任务"


def test_form_feed_and_unicode_separators_end_lines():
    assert [h for _, _, h in _headings(_analyze("unicode_breaks"))] == ["总体要求", "重点任务", "保障措施"]


def test_a_lone_surrogate_becomes_a_replacement_character():
    result = _analyze("lone_surrogate")
    assert [h for _, _, h in _headings(result)] == ["总体\ufffd要求"]
    json.dumps(result.to_dict(), ensure_ascii=False).encode("utf-8")  # writable as UTF-8


def test_nul_inside_text_and_bytes():
    assert [h for _, _, h in _headings(_analyze("nul_inside"))] == ["总体要求", "重点任务"]
    long = ("各地要抓好落实。" * 200 + "\x00" + "\n二、重点任务\n抓好换届。").encode("utf-8")
    result = djnlp.analyze(long, name="stray-nul.txt")
    _check(result.to_dict(), result.text)
    assert "\x00" in result.text and [h for _, _, h in _headings(result)] == ["重点任务"]


def test_traditional_characters_and_emoji():
    assert [h for _, _, h in _headings(_analyze("traditional"))] == ["總體要求", "重點任務", "抓好換屆選舉工作"]
    assert [h for _, _, h in _headings(_analyze("emoji"))] == ["总体要求👍", "重点任务😀"]


def test_only_headings_and_eight_levels():
    assert [lvl for lvl, _, _ in _headings(_analyze("only_headings"))] == [1, 2, 2, 1, 2, 3, 1]
    assert [lvl for lvl, _, _ in _headings(_analyze("eight_levels"))] == [1, 2, 3, 4, 5, 6, 7, 8]


def test_markdown_hints_stay_linear():
    result = _analyze("spaced_markdown")
    # "# 注释" inside the fences is code, not a heading
    assert [h for _, _, h in _headings(result)] == ["总体要求"] + ["标题"] * 300


def test_english_run_in_headings_end_at_a_full_stop():
    assert [h for _, _, h in _headings(_analyze("english"))] == ["First point", "Second point"]


def test_a_marker_ending_the_text_heads_no_section():
    assert _headings(_analyze("marker_at_end")) == [(1, "一、", "总体要求")]


def test_unbalanced_quotes_do_not_swallow_the_paragraph():
    doc, = _analyze("unbalanced_quotes").documents
    assert len(doc.sentences) > 300
    assert doc.sentences[-1].text == "下一段。"


# ------------------------------------------------------------------ files through the CLI


def _docx(path: Path, build) -> Path:
    import docx

    document = docx.Document()
    build(document)
    document.save(str(path))
    return path


_PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")


def _only_table(document) -> None:
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate(table.rows):
        for c, cell in enumerate(row.cells):
            cell.text = ["序号", "任务", "1", "开展村党组织书记轮训"][2 * r + c]


def _only_images(document) -> None:
    document.add_picture(io.BytesIO(_PNG))
    document.add_picture(io.BytesIO(_PNG))


FRONT_MATTER = ("---\ntitle: 全市组织工作会议讲话\ndate: 2025-03-01\ntags: [党建, 组织]\n---\n\n"
                "# 在全市组织工作会议上的讲话\n\n同志们：\n\n## 一、总体要求\n\n各地要抓好落实。\n")


def _files(tmp_path: Path) -> dict[str, Path]:
    out = {name: tmp_path / f"{name}.txt" for name in TEXTS}
    for name, path in out.items():
        path.write_bytes(TEXTS[name].encode("utf-8", errors="surrogatepass"))  # ED A0 80: invalid UTF-8
    out["table_only"] = _docx(tmp_path / "table_only.docx", _only_table)
    out["images_only"] = _docx(tmp_path / "images_only.docx", _only_images)
    out["empty_body"] = _docx(tmp_path / "empty_body.docx", lambda d: None)
    out["front_matter"] = tmp_path / "front_matter.md"
    out["front_matter"].write_text(FRONT_MATTER, encoding="utf-8")
    out["binary"] = tmp_path / "binary.txt"
    out["binary"].write_bytes("党建\x00\x01\x02工作".encode("utf-8"))
    return out


def _cli(path: Path, capsys) -> tuple[int, dict | None, str]:
    code = main(["analyze", "--json", str(path)])
    captured = capsys.readouterr()
    return code, (json.loads(captured.out) if code == 0 else None), captured.err


def test_cli_json_is_valid_or_one_error_line(tmp_path, capsys):
    for name, path in _files(tmp_path).items():
        code, payload, err = _cli(path, capsys)
        if code == 0:
            jsonschema.validate(payload, SCHEMA)
            assert err == "", name
        else:
            assert code == 2, name
            assert err.startswith("djnlp: error: ") and err.count("\n") == 1, (name, err)


def test_cli_docx_edge_cases(tmp_path, capsys):
    files_ = _files(tmp_path)
    code, table, _ = _cli(files_["table_only"], capsys)
    assert code == 0 and table["text_length"] > 0
    assert not any(doc["sections"] for doc in table["documents"])
    for name in ("images_only", "empty_body"):
        code, payload, _ = _cli(files_[name], capsys)
        assert code == 0 and payload["documents"] == [], name


def test_cli_markdown_front_matter_is_no_heading(tmp_path, capsys):
    code, payload, _ = _cli(_files(tmp_path)["front_matter"], capsys)
    assert code == 0
    doc, = payload["documents"]
    assert doc["title"] == "在全市组织工作会议上的讲话"
    assert [(s["level"], s["marker"], s["heading"]) for s in doc["sections"]] == [(1, "一、", "总体要求")]
    assert [r["reason"] for r in payload["removed"]] == ["front_matter"]


def test_cli_binary_file_is_one_error_line(tmp_path, capsys):
    code, _, err = _cli(_files(tmp_path)["binary"], capsys)
    assert code == 2 and err.startswith("djnlp: error: ") and "binary" in err
