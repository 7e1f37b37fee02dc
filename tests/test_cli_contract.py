"""The CLI contract under misuse, for every ``djnlp`` command (see docs/cli.md).

Bad input or options → exit 2 and exactly one stderr line starting ``djnlp: error:`` (never a
traceback), and no output file — not even an empty or temporary one — left behind. Odd but
readable input (GB18030, one huge line, an output folder that does not exist yet) → exit 0 with
valid output.
"""
from __future__ import annotations

import io
import json
import socketserver
import zipfile
from importlib.resources import files
from pathlib import Path

import pytest

from djnlp.cli import main

SPEECH = (
    "在全县基层党建工作推进会上的讲话\n\n"
    "一、总体要求\n"
    "各乡镇党委要认真履行抓基层党建主体责任，在6月底前完成村党组织书记轮训。\n"
    "二、重点任务\n"
    "（一）抓实农村党建。县委组织部要牵头建立村级集体经济发展台账，年底前实现全覆盖。\n"
    "（二）加强机关党建。各部门党组要在9月底前开展一次党支部标准化建设评估。\n"
    "三、保障措施\n"
    "各级党组织要加强督促检查，不得以会议落实会议、以文件落实文件。\n\n"
    "2025年3月18日\n"
)
SUBMISSION = (
    "清河县推行“村党组织书记擂台赛”激发村级发展活力\n"
    "今年以来，清河县委组织部在全县126个村开展村党组织书记擂台赛，每季度比实绩、晒成效。"
    "截至6月底，参赛村新增集体经济收入380万元，12个薄弱村实现年收入超过10万元。\n"
)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4
JUNK = bytes(range(128, 256)) * 16 + b"\x00\xff\xfe\x81"


def _zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("a.txt", "各乡镇要落实。")
    return buf.getvalue()


BAD_FILES = {
    "missing": None,
    "directory": "DIR",
    "pdf_as_txt": PDF,
    "png_as_txt": PNG,
    "zip_as_txt": _zip(),
}


@pytest.fixture()
def bad_file(tmp_path):
    def make(kind: str) -> str:
        if kind == "missing":
            return str(tmp_path / "没有这个文件.txt")
        if kind == "directory":
            d = tmp_path / "folder.txt"
            d.mkdir(exist_ok=True)
            return str(d)
        p = tmp_path / f"{kind}.txt"
        p.write_bytes(BAD_FILES[kind])
        return str(p)
    return make


@pytest.fixture()
def speech(tmp_path) -> str:
    p = tmp_path / "speech.txt"
    p.write_text(SPEECH, encoding="utf-8")
    return str(p)


def run(capsys, argv, stdin: bytes | None = None, monkeypatch=None):
    """``(exit code, stdout, stderr)`` of ``djnlp argv`` run in-process."""
    if stdin is not None:
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(stdin), encoding="utf-8"))
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def assert_error(code, err, *, names: str | None = None) -> None:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert code == 2, err
    assert len(lines) == 1 and lines[0].startswith("djnlp: error:"), err
    if names:
        assert names in lines[0], err


def assert_no_leftovers(folder: Path, keep: set[str] = frozenset()) -> None:
    """Nothing written in ``folder`` except the names in ``keep`` (no temp files either)."""
    if folder.is_dir():
        extra = {p.name for p in folder.iterdir()} - set(keep)
        assert not extra, extra


# ---------------------------------------------------------------- unreadable input files

PATH_COMMANDS = {
    "analyze": lambda p: ["analyze", p, "--json"],
    "themes": lambda p: ["themes", p, "--json"],
    "tasks": lambda p: ["tasks", p],
    "screen": lambda p: ["screen", p, "--json"],
    "rubric-from-speech": lambda p: ["rubric", "from-speech", p, "--out", p + ".toml"],
    "rubric-check": lambda p: ["rubric", "check", p],
    "train-segmenter": lambda p: ["train", "segmenter", "--train", p, "--test", p, "--out", p + ".model"],
    "train-themes": lambda p: ["train", "themes", "--corpus", p, "--out", p + ".model"],
}


@pytest.mark.parametrize("kind", list(BAD_FILES))
@pytest.mark.parametrize("command", list(PATH_COMMANDS))
def test_unreadable_input_is_one_error_line(capsys, bad_file, tmp_path, command, kind):
    path = bad_file(kind)
    before = {p.name for p in tmp_path.iterdir()}
    code, out, err = run(capsys, PATH_COMMANDS[command](path))
    assert_error(code, err)
    assert_no_leftovers(tmp_path, before)


@pytest.mark.parametrize("command", ["analyze", "themes", "tasks", "screen", "rubric-from-speech"])
def test_empty_file_is_an_error_or_an_empty_result(capsys, tmp_path, command):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    code, out, err = run(capsys, PATH_COMMANDS[command](str(path)))
    if code == 0:
        assert not err.strip() or "Traceback" not in err
    else:
        assert_error(code, err, names="empty.txt")
    assert_no_leftovers(tmp_path, {"empty.txt"})


def test_gb18030_file_is_read(capsys, tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SPEECH.encode("gb18030"))
    code, out, err = run(capsys, ["analyze", str(path), "--json"])
    assert code == 0, err
    result = json.loads(out)
    assert result["encoding"].lower().replace("-", "") in {"gb18030", "gbk", "gb2312"}
    assert result["documents"][0]["title"] == "在全县基层党建工作推进会上的讲话"
    code, out, err = run(capsys, ["tasks", str(path)])
    assert code == 0, err
    assert any("村党组织书记轮训" in t["text"] for t in json.loads(out)["tasks"])


def test_huge_line_is_read(capsys, tmp_path):
    path = tmp_path / "oneline.txt"
    path.write_text("各支部要严格落实三会一课制度，" * 4000, encoding="utf-8")
    code, out, err = run(capsys, ["themes", str(path), "--json"])
    assert code == 0, err
    assert json.loads(out)["theme"]
    code, out, err = run(capsys, ["tasks", str(path), "--format", "csv"])
    assert code == 0, err
    assert out.startswith("序号,任务内容")  # no BOM on stdout; files get one


# ---------------------------------------------------------------- output paths

def _tasks_out(speech, out, fmt):
    return ["tasks", speech, "--format", fmt, "-o", out]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "docx"])
def test_tasks_output_into_new_folder(capsys, speech, tmp_path, fmt):
    out = tmp_path / "新建" / "子目录" / f"台账.{fmt}"
    code, _, err = run(capsys, _tasks_out(speech, str(out), fmt))
    assert code == 0, err
    assert out.stat().st_size > 0
    assert_no_leftovers(out.parent, {out.name})
    if fmt == "json":
        assert json.loads(out.read_text(encoding="utf-8"))["tasks"]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "docx"])
@pytest.mark.parametrize("where", ["proc", "under_file", "is_directory"])
def test_tasks_unwritable_output(capsys, speech, tmp_path, fmt, where):
    if where == "proc":
        out = f"/proc/djnlp-台账.{fmt}"
    elif where == "under_file":
        out = f"{speech}/台账.{fmt}"
    else:
        (tmp_path / f"dir.{fmt}").mkdir()
        out = str(tmp_path / f"dir.{fmt}")
    before = {p.name for p in tmp_path.iterdir()}
    code, _, err = run(capsys, _tasks_out(speech, out, fmt))
    assert_error(code, err)
    assert_no_leftovers(tmp_path, before)
    assert not Path(out).is_file()


def test_tasks_binary_format_needs_output(capsys, speech):
    code, out, err = run(capsys, ["tasks", speech, "--format", "xlsx"])
    assert_error(code, err)
    assert out == ""


@pytest.mark.parametrize("argv", [
    ["tasks", "SPEECH", "--format", "pdf"],
    ["tasks", "SPEECH", "--date", "2025-02-30"],
    ["analyze", "SPEECH", "--date", "2025-02-30"],
    ["analyze", "SPEECH", "--date", "明年"],
    ["time", "年底前", "--base", "2025-02-30"],
    ["segment", "--segmenter", "thulac"],
    ["screen", "SUB", "--type", "gossip"],
    ["screen", "SUB", "--event-at", "2025-02-30T10:00"],
    ["screen", "SUB", "--submitted-at", "yesterday"],
    ["themes", "SUB", "--top", "-1"],
    ["themes", "SUB", "--top", "many"],
    ["rubric", "from-speech", "SPEECH", "--out", "OUT", "--limit", "0"],
    ["serve", "--port", "70000"],
    ["serve", "--port", "http"],
    ["serve", "--max-file-mb", "0"],
    ["serve", "--max-file-mb", "nan"],
    ["serve", "--max-request-mb", "inf"],
    ["serve", "--archive", "MISSING"],
    ["serve", "--host", "0.0.0.0"],
    ["analyze"],
    ["time"],
    ["nonsense"],
])
def test_bad_options_are_one_error_line(capsys, monkeypatch, speech, tmp_path, argv):
    monkeypatch.setattr(socketserver.BaseServer, "serve_forever", lambda self, *a, **k: None)
    sub = tmp_path / "sub.txt"
    sub.write_text(SUBMISSION, encoding="utf-8")
    names = {"SPEECH": speech, "SUB": str(sub), "OUT": str(tmp_path / "out.toml"), "MISSING": str(tmp_path / "nope")}
    before = {p.name for p in tmp_path.iterdir()}
    code, out, err = run(capsys, [names.get(a, a) for a in argv])
    assert_error(code, err)
    assert out == ""
    assert_no_leftovers(tmp_path, before)


# ---------------------------------------------------------------- stdin

@pytest.mark.parametrize("argv", [
    ["analyze", "-", "--json"], ["themes", "-", "--json"], ["tasks", "-"], ["time", "-"], ["segment"],
    ["time", "--batch"], ["screen", "-"], ["rubric", "from-speech", "-", "--out", "never.toml"],
])
def test_binary_junk_on_stdin(capsys, monkeypatch, argv):
    code, out, err = run(capsys, argv, stdin=JUNK, monkeypatch=monkeypatch)
    assert_error(code, err, names="stdin")


def test_gb18030_on_stdin_is_read(capsys, monkeypatch):
    code, out, err = run(capsys, ["tasks", "-"], stdin=SPEECH.encode("gb18030"), monkeypatch=monkeypatch)
    assert code == 0, err
    assert json.loads(out)["tasks"]


def test_screen_reads_one_submission_on_stdin(capsys, monkeypatch, tmp_path):
    item = tmp_path / "file.txt"
    item.write_text(SUBMISSION, encoding="utf-8")
    code, out, err = run(capsys, ["screen", str(item), "-", "--json", "--type", "experience"],
                         stdin=SUBMISSION.encode("gb18030"), monkeypatch=monkeypatch)
    assert code == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [r["source"] for r in rows] == ["file.txt", "<stdin>"]
    assert rows[0]["title"] == rows[1]["title"] == SUBMISSION.splitlines()[0]
    assert "near_duplicate" in {g["id"] for r in rows for g in r["gates"]}     # the same item, sent twice
    code, out, err = run(capsys, ["screen", "-", "-"], stdin=b"x", monkeypatch=monkeypatch)
    assert_error(code, err, names="standard input")


def test_rubric_from_speech_reads_stdin(capsys, monkeypatch, tmp_path):
    out_toml = tmp_path / "r.toml"
    code, out, err = run(capsys, ["rubric", "from-speech", "-", "--out", str(out_toml)],
                         stdin=SPEECH.encode("utf-8"), monkeypatch=monkeypatch)
    assert code == 0, err
    assert "村级集体经济" in out_toml.read_text(encoding="utf-8")


@pytest.mark.parametrize("line, reason", [
    ("不是JSON", "not JSON"),
    ('["a list"]', "object"),
    ('{"base": "2025-01-01"}', "text"),
    ('{"text": "年底前", "base": "2025-02-30"}', "YYYY-MM-DD"),
    ('{"text": "年底前", "base": 20250101}', "base"),
])
def test_time_batch_bad_line(capsys, monkeypatch, line, reason):
    good = '{"text": "6月底前完成", "base": "2025-03-01"}'
    code, out, err = run(capsys, ["time", "--batch"], stdin=f"{good}\n{line}\n".encode(), monkeypatch=monkeypatch)
    assert_error(code, err, names="<stdin>:2")
    assert reason in err
    assert json.loads(out.splitlines()[0])[0]["text"] == "6月底前"


# ---------------------------------------------------------------- rubric and manifest

BAD_RUBRICS = {
    "syntax": "[rubric\nname = 1",
    "not_utf8": None,
    "wrong_types": '[rubric]\nname = "x"\nyear = "今年"\n',
    "empty": "",
    "priorities_not_a_list": None,
}


@pytest.fixture()
def bad_rubric(tmp_path):
    def make(kind: str) -> str:
        p = tmp_path / f"rubric-{kind}.toml"
        if kind == "priorities_not_a_list":  # the packaged rubric with one value of the wrong type
            default = (files("djnlp") / "data" / "rubric" / "default.toml").read_text(encoding="utf-8")
            p.write_text("priorities = 3\n" + default[:default.index("[[priorities]]")], encoding="utf-8")
        elif BAD_RUBRICS[kind] is None:
            p.write_bytes("[rubric]\nname = \"党建信息\"\n".encode("gb18030") + b"\xff\xfe")
        else:
            p.write_text(BAD_RUBRICS[kind], encoding="utf-8")
        return str(p)
    return make


@pytest.mark.parametrize("kind", list(BAD_RUBRICS))
@pytest.mark.parametrize("command", ["check", "screen", "from-speech", "serve"])
def test_bad_rubric(capsys, monkeypatch, bad_rubric, speech, tmp_path, command, kind):
    monkeypatch.setattr(socketserver.BaseServer, "serve_forever", lambda self, *a, **k: None)
    rubric = bad_rubric(kind)
    sub = tmp_path / "sub.txt"
    sub.write_text(SUBMISSION, encoding="utf-8")
    out_toml = tmp_path / "out.toml"
    argv = {
        "check": ["rubric", "check", rubric],
        "screen": ["screen", str(sub), "--rubric", rubric, "--html", str(tmp_path / "r.html")],
        "from-speech": ["rubric", "from-speech", speech, "--base", rubric, "--out", str(out_toml)],
        "serve": ["serve", "--port", "0", "--rubric", rubric],
    }[command]
    before = {p.name for p in tmp_path.iterdir()}
    code, out, err = run(capsys, argv)
    assert_error(code, err, names=Path(rubric).name)
    if kind == "priorities_not_a_list":
        assert "priorities must be an array" in err
    assert_no_leftovers(tmp_path, before)


BAD_MANIFESTS = {
    "missing_columns.csv": "name,kind\nsub.txt,news\n",
    "bad_type.csv": "file,type\nsub.txt,gossip\n",
    "bad_time.csv": "file,type,event_at\nsub.txt,news,2025-02-30T09:00\n",
    "not_a_list.json": '{"file": "sub.txt"}',
    "broken.json": '[{"file": "sub.txt",',
    "binary.csv": None,
}


@pytest.mark.parametrize("name", list(BAD_MANIFESTS))
def test_bad_manifest(capsys, tmp_path, name):
    sub = tmp_path / "sub.txt"
    sub.write_text(SUBMISSION, encoding="utf-8")
    manifest = tmp_path / name
    if BAD_MANIFESTS[name] is None:
        manifest.write_bytes(PNG)
    else:
        manifest.write_text(BAD_MANIFESTS[name], encoding="utf-8")
    before = {p.name for p in tmp_path.iterdir()}
    code, out, err = run(capsys, ["screen", str(sub), "--manifest", str(manifest), "--html", str(tmp_path / "r.html")])
    assert_error(code, err)
    assert_no_leftovers(tmp_path, before)


@pytest.mark.parametrize("option", ["--html", "--annotate", "--archive"])
@pytest.mark.parametrize("where", ["proc", "under_file"])
def test_screen_bad_output_or_archive(capsys, tmp_path, option, where):
    sub = tmp_path / "sub.txt"
    sub.write_text(SUBMISSION, encoding="utf-8")
    target = "/proc/djnlp-out" if where == "proc" else f"{sub}/out"
    if option == "--html":
        target += ".html"
    before = {p.name for p in tmp_path.iterdir()}
    code, out, err = run(capsys, ["screen", str(sub), option, target, "--json"])
    if option == "--annotate" and code == 0:  # a .txt input has nothing to annotate
        assert json.loads(out.splitlines()[0])["source"]
        return
    assert_error(code, err)
    assert_no_leftovers(tmp_path, before)


def test_screen_html_into_new_folder(capsys, tmp_path):
    sub = tmp_path / "sub.txt"
    sub.write_text(SUBMISSION, encoding="utf-8")
    html = tmp_path / "报告" / "本期" / "r.html"
    code, out, err = run(capsys, ["screen", str(sub), "--html", str(html)])
    assert code == 0, err
    assert "擂台赛" in html.read_text(encoding="utf-8")
    assert_no_leftovers(html.parent, {"r.html"})


@pytest.mark.parametrize("where", ["proc", "under_file"])
def test_rubric_from_speech_unwritable_out(capsys, tmp_path, speech, where):
    out = "/proc/djnlp-rubric.toml" if where == "proc" else f"{speech}/r.toml"
    before = {p.name for p in tmp_path.iterdir()}
    code, _, err = run(capsys, ["rubric", "from-speech", speech, "--out", out])
    assert_error(code, err)
    assert_no_leftovers(tmp_path, before)


# ---------------------------------------------------------------- training inputs

BAD_CORPORA = {
    "empty_dir": {},
    "not_json": {"a.jsonl": "不是JSON\n"},
    "no_label": {"a.jsonl": '{"text": "各村要落实。", "doc_id": "d1"}\n'},
    "one_label": {"a.jsonl": "".join(json.dumps({"text": f"第{i}村要落实。", "label": "rural", "doc_id": f"d{i}"},
                                                ensure_ascii=False) + "\n" for i in range(6))},
    "binary": {"a.jsonl": None},
    "labels_not_a_list": {"a.jsonl": '{"text": "各村要落实。", "labels": 5, "doc_id": "d1"}\n'},
    "empty_labels": {"a.jsonl": '{"text": "各村要落实。", "labels": "", "doc_id": "d1"}\n'},
    "label_not_a_string": {"a.jsonl": '{"text": "各村要落实。", "label": 5, "labels": ["rural"], "doc_id": "d1"}\n'},
}


@pytest.mark.parametrize("kind", list(BAD_CORPORA))
def test_train_themes_bad_corpus(capsys, tmp_path, kind):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in BAD_CORPORA[kind].items():
        if text is None:
            (corpus / name).write_bytes(JUNK)
        else:
            (corpus / name).write_text(text, encoding="utf-8")
    code, _, err = run(capsys, ["train", "themes", "--corpus", str(corpus), "--out", str(tmp_path / "model")])
    assert_error(code, err)
    assert not (tmp_path / "model").exists()


@pytest.mark.parametrize("content", ["", None, " \n \n"])
def test_train_segmenter_bad_gold(capsys, tmp_path, content):
    gold = tmp_path / "gold.txt"
    if content is None:
        gold.write_bytes(JUNK)
    else:
        gold.write_text(content, encoding="utf-8")
    code, _, err = run(capsys, ["train", "segmenter", "--train", str(gold), "--test", str(gold),
                                "--out", str(tmp_path / "model")])
    assert_error(code, err)
    assert not (tmp_path / "model").exists()


@pytest.mark.parametrize("argv", [
    ["segment", "--segmenter", "pkuseg"],
    ["segment", "--segmenter", "pkuseg", "--model", "MISSING"],
    ["segment", "--segmenter", "pkuseg", "--model", "FILE"],
    ["segment", "--user-dict", "MISSING"],
    ["segment", "--user-dict", "DIR"],
    ["segment", "--user-dict", "BINARY"],
    ["themes", "FILE", "--model", "MISSING"],
    ["themes", "FILE", "--model", "DIR"],
    ["themes", "FILE", "--model", "FILE"],
])
def test_bad_model_or_dictionary(capsys, monkeypatch, tmp_path, argv):
    (tmp_path / "empty_dir").mkdir()
    text = tmp_path / "t.txt"
    text.write_text(SUBMISSION, encoding="utf-8")
    binary = tmp_path / "dict.txt"
    binary.write_bytes(JUNK)
    names = {"MISSING": str(tmp_path / "nope"), "DIR": str(tmp_path / "empty_dir"), "FILE": str(text),
             "BINARY": str(binary)}
    code, _, err = run(capsys, [names.get(a, a) for a in argv], stdin="各支部要落实\n".encode(),
                       monkeypatch=monkeypatch)
    assert_error(code, err)


# ---------------------------------------------------------------- .docx and other suffixes

def _docx(path: Path, paragraphs: list[str]) -> Path:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


@pytest.fixture()
def bad_docx(tmp_path):
    def make(kind: str) -> str:
        if kind == "txt_as_docx":
            p = tmp_path / "speech.docx"
            p.write_text(SPEECH, encoding="utf-8")
        elif kind == "truncated_docx":
            good = _docx(tmp_path / "good.docx", SPEECH.splitlines())
            p = tmp_path / "truncated.docx"
            p.write_bytes(good.read_bytes()[:2000])
            good.unlink()
        elif kind == "zip_as_docx":
            p = tmp_path / "archive.docx"
            p.write_bytes(_zip())
        else:  # a real suffix djnlp does not read
            p = tmp_path / f"speech.{kind}"
            p.write_bytes(PDF if kind == "pdf" else b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(512))
        return str(p)
    return make


@pytest.mark.parametrize("kind", ["truncated_docx", "zip_as_docx", "pdf", "doc"])
@pytest.mark.parametrize("command", ["analyze", "themes", "tasks", "screen", "rubric-from-speech"])
def test_unreadable_document(capsys, bad_docx, tmp_path, command, kind):
    path = bad_docx(kind)
    before = {p.name for p in tmp_path.iterdir()}
    code, out, err = run(capsys, PATH_COMMANDS[command](path))
    assert_error(code, err, names=Path(path).name)
    assert_no_leftovers(tmp_path, before)


def test_plain_text_named_docx_is_read_as_text(capsys, bad_docx):
    code, out, err = run(capsys, ["analyze", bad_docx("txt_as_docx"), "--json"])
    assert code == 0, err
    assert json.loads(out)["documents"][0]["title"] == "在全县基层党建工作推进会上的讲话"


@pytest.fixture()
def docx_submission(tmp_path) -> Path:
    return _docx(tmp_path / "擂台赛.docx", SUBMISSION.splitlines())


def test_screen_annotate_into_new_folder(capsys, tmp_path, docx_submission):
    out = tmp_path / "批注" / "本期"
    code, _, err = run(capsys, ["screen", str(docx_submission), "--annotate", str(out), "--json"])
    assert code == 0, err
    assert [p.name for p in out.iterdir()] == [docx_submission.name]


@pytest.mark.parametrize("where", ["proc", "under_file"])
def test_screen_annotate_unwritable(capsys, tmp_path, docx_submission, where):
    out = "/proc/djnlp-annotated" if where == "proc" else f"{docx_submission}/annotated"
    before = {p.name for p in tmp_path.iterdir()}
    code, _, err = run(capsys, ["screen", str(docx_submission), "--annotate", out])
    assert_error(code, err)
    assert_no_leftovers(tmp_path, before)


# ---------------------------------------------------------------- train themes on a tiny corpus

RURAL = ["各村党组织要带领群众发展壮大集体经济", "驻村第一书记要帮助村里谋划特色产业", "乡镇党委要整顿软弱涣散村党组织",
         "村两委要管好土地流转和专业合作社", "农村党员要在乡村振兴中当先锋作表率", "村级集体经济收入要稳步增长"]
ENTERPRISE = ["国有企业党委要把党的领导融入公司治理", "非公企业要扩大党的组织和工作覆盖", "企业党支部要围绕生产经营开展活动",
              "园区联合党委要服务好入驻企业", "企业党组织书记和董事长原则上由一人担任", "混合所有制企业要落实党建工作要求"]


@pytest.fixture()
def tiny_corpus(tmp_path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    rows = [{"text": t, "label": label, "doc_id": f"{label}-{i}"}
            for label, texts in (("rural", RURAL), ("enterprise", ENTERPRISE)) for i, t in enumerate(texts)]
    (corpus / "tiny.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return corpus


def test_train_themes_into_new_folder_then_classify(capsys, tmp_path, tiny_corpus):
    model = tmp_path / "models" / "tiny"
    code, out, err = run(capsys, ["train", "themes", "--corpus", str(tiny_corpus), "--out", str(model)])
    assert code == 0, err
    assert "labels: rural, enterprise" in out
    text = tmp_path / "item.txt"
    text.write_text("村党组织要带领群众发展集体经济，壮大特色产业。", encoding="utf-8")
    code, out, err = run(capsys, ["themes", str(text), "--json", "--model", str(model)])
    assert code == 0, err
    assert set(json.loads(out)["scores"]) == {"rural", "enterprise"}


@pytest.mark.parametrize("where", ["existing_file", "under_file"])
def test_train_themes_unwritable_out(capsys, tmp_path, tiny_corpus, where):
    blocker = tmp_path / "blocker.txt"
    blocker.write_text("占位", encoding="utf-8")
    out = blocker if where == "existing_file" else blocker / "model"
    before = {p.name for p in tmp_path.iterdir()}
    code, _, err = run(capsys, ["train", "themes", "--corpus", str(tiny_corpus), "--out", str(out)])
    assert_error(code, err, names="blocker.txt")
    assert_no_leftovers(tmp_path, before)
    assert blocker.read_text(encoding="utf-8") == "占位"


@pytest.mark.parametrize("kind", ["missing", "pdf_as_txt", "empty"])
def test_themes_reads_every_input_before_printing(capsys, bad_file, tmp_path, kind):
    good = tmp_path / "good.txt"
    good.write_text(SUBMISSION, encoding="utf-8")
    if kind == "empty":
        bad = tmp_path / "empty.txt"
        bad.write_bytes(b"")
        bad = str(bad)
    else:
        bad = bad_file(kind)
    code, out, err = run(capsys, ["themes", str(good), bad, "--json"])
    assert_error(code, err, names=Path(bad).name)
    assert out == ""  # no JSON Lines for the good file before the bad one


@pytest.mark.parametrize("command", ["analyze", "themes", "tasks", "screen", "rubric-from-speech"])
def test_file_over_size_cap(capsys, tmp_path, command):
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:  # sparse: rejected on its size, before it is read
        fh.truncate(20_000_001)
    before = {p.name for p in tmp_path.iterdir()}
    code, out, err = run(capsys, PATH_COMMANDS[command](str(big)))
    assert_error(code, err, names="big.txt")
    assert "limit" in err
    assert_no_leftovers(tmp_path, before)


@pytest.mark.parametrize("argv", [
    ["tasks", "SPEECH", "-o", "SPEECH"],
    ["tasks", "SPEECH", "--format", "csv", "-o", "SPEECH"],
    ["rubric", "from-speech", "SPEECH", "--out", "SPEECH"],
    ["screen", "SPEECH", "--html", "SPEECH"],
])
def test_output_over_its_own_input_is_refused(capsys, speech, argv):
    code, out, err = run(capsys, [speech if a == "SPEECH" else a for a in argv])
    assert_error(code, err, names="speech.txt")
    assert Path(speech).read_text(encoding="utf-8") == SPEECH


@pytest.mark.parametrize("fmt", ["xlsx", "docx"])
def test_ledger_drops_characters_xml_cannot_hold(capsys, tmp_path, fmt):
    speech = tmp_path / "speech.txt"  # one stray control character, as a copy-paste from a PDF leaves
    speech.write_text(SPEECH.replace("在6月底前完成", "在6月底前\x01完成"), encoding="utf-8")
    out = tmp_path / f"台账.{fmt}"
    code, _, err = run(capsys, ["tasks", str(speech), "-o", str(out)])
    assert code == 0, err
    if fmt == "xlsx":
        from openpyxl import load_workbook

        cells = [c.value for row in load_workbook(out).active.iter_rows() for c in row]
    else:
        import docx

        cells = [c.text for row in docx.Document(str(out)).tables[0].rows for c in row.cells]
    assert any(isinstance(c, str) and "在6月底前完成村党组织书记轮训" in c for c in cells)


def test_archive_folders_with_the_same_file_names(capsys, tmp_path):
    """Two years' archives both hold a 第1期.txt; the same folder may also be given twice."""
    older = "柳河镇推行“村事夜议”制度\n今年以来，柳河镇在13个村推行“村事夜议”制度，累计议事86次，解决问题40余件。\n"
    for year, text in (("2024", older), ("2025", SUBMISSION)):  # last year's issue 1, and this item sent before
        (tmp_path / year).mkdir()
        (tmp_path / year / "第1期.txt").write_text(text, encoding="utf-8")
    sub = tmp_path / "sub.txt"
    sub.write_text(SUBMISSION, encoding="utf-8")
    argv = ["screen", str(sub), "--json", "--archive", str(tmp_path / "2024"), "--archive", str(tmp_path / "2025"),
            "--archive", str(tmp_path / "2025")]
    code, out, err = run(capsys, argv)
    assert code == 0, err
    gates = json.loads(out)["gates"]
    assert [g["id"] for g in gates] == ["near_duplicate"]  # matches the 2025 item, once
    assert "擂台赛" in gates[0]["message"]


def test_manifest_saved_by_excel_as_gbk(capsys, tmp_path):
    sub = tmp_path / "擂台赛.txt"
    sub.write_text(SUBMISSION, encoding="utf-8")
    manifest = tmp_path / "manifest.csv"
    manifest.write_bytes("file,type,unit\n擂台赛.txt,经验类,清河县委组织部\n".encode("gb18030"))
    code, out, err = run(capsys, ["screen", str(sub), "--manifest", str(manifest), "--json"])
    assert code == 0, err
    record = json.loads(out)
    assert (record["type"], record["unit"]) == ("experience", "清河县委组织部")


def test_submission_inside_the_archive_is_not_its_own_duplicate(capsys, tmp_path):
    archive = tmp_path / "信息库"
    (archive / "本期").mkdir(parents=True)
    current = archive / "本期" / "擂台赛.txt"
    current.write_text(SUBMISSION, encoding="utf-8")
    resent = archive / "上期.txt"  # the same item, already sent last time
    code, out, err = run(capsys, ["screen", str(current), "--archive", str(archive), "--json"])
    assert code == 0, err
    assert json.loads(out)["gates"] == []
    resent.write_text(SUBMISSION, encoding="utf-8")
    code, out, err = run(capsys, ["screen", str(current), "--archive", str(archive), "--json"])
    assert [g["id"] for g in json.loads(out)["gates"]] == ["near_duplicate"]
    assert "上期.txt" in json.loads(out)["gates"][0]["message"]


@pytest.mark.parametrize("key, value", [
    (("features", "char_ngrams"), "x"), (("features", "word_ngrams"), [2, 1]), (("lexicon",), []),
    (("lexicon", "rural"), [1, "村"]), (("display_names",), "农村"), (("decision",), 5),
])
def test_themes_model_with_a_tampered_config(capsys, tmp_path, tiny_corpus, key, value):
    model = tmp_path / "model"
    code, _, err = run(capsys, ["train", "themes", "--corpus", str(tiny_corpus), "--out", str(model)])
    assert code == 0, err
    config = json.loads((model / "config.json").read_text(encoding="utf-8"))
    parent = config
    for k in key[:-1]:
        parent = parent[k]
    parent[key[-1]] = value
    (model / "config.json").write_text(json.dumps(config, ensure_ascii=False), encoding="utf-8")
    text = tmp_path / "item.txt"
    text.write_text(SUBMISSION, encoding="utf-8")
    code, out, err = run(capsys, ["themes", str(text), "--model", str(model)])
    assert_error(code, err, names="model")
    assert "config.json" in err


@pytest.mark.parametrize("where", ["under_file", "proc"])
def test_train_segmenter_unwritable_out(capsys, tmp_path, where):
    gold = tmp_path / "gold.txt"
    gold.write_text("各 支部 要 落实 三会一课 制度\n" * 12, encoding="utf-8")
    out = f"{gold}/model" if where == "under_file" else "/proc/djnlp-model"
    before = {p.name for p in tmp_path.iterdir()}
    code, _, err = run(capsys, ["train", "segmenter", "--train", str(gold), "--test", str(gold), "--out", out,
                                "--iter", "1"])
    assert_error(code, err)
    assert "File exists" not in err
    assert_no_leftovers(tmp_path, before)
