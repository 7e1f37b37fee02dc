"""analyze(), the analyze CLI and its JSON contract, on the seed and on written texts."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

import djnlp
from djnlp.cli import main
from djnlp.errors import ConfigError

SCHEMA = json.loads((files("djnlp") / "schema" / "analyze.schema.json").read_text(encoding="utf-8"))

SPEECH = """在全县组织工作会议上的讲话

同志们：

一、抓实农村党建
各乡镇党委要在6月底前完成软弱涣散村党组织整顿。村党组织书记要带头落实“三会一课”制度。

二、抓好机关党建
县直机关工委要在年内组织一次机关作风专项检查。

2025年3月18日
"""


@pytest.fixture(scope="module")
def seed_result(seed_path: Path) -> djnlp.analyze:
    return djnlp.analyze(seed_path)


def run_cli(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_seed_documents_and_sections(seed_result, seed_text: str) -> None:
    assert len(seed_result.documents) == 5
    assert [d.title[-2:] for d in seed_result.documents] == ["篇一", "篇二", "篇三", "篇四", "篇五"]
    first = seed_result.documents[0]
    top = first.children(None)[0]
    assert top.heading == "把握全局，突出重点，扎实做好基层党建的各项业务工作"
    fields = first.children(first.children(top.id)[0].id)
    keywords = ["农村", "企业", "社区", "机关"]
    assert len(fields) == 4
    assert all(k in s.heading for k, s in zip(keywords, fields))
    assert len({s.level for s in fields}) == 1
    for _, sec in seed_result.sections():
        assert sec.heading in seed_text[sec.heading_start : sec.heading_end]


def test_noise_is_in_no_document_text_and_page_breaks_rejoin(seed_result, seed_text: str) -> None:
    for doc in seed_result.documents:
        for sent in doc.sentences:
            assert "请访问下一页查看" not in sent.text
            assert "写作可以弥补记忆的不足" not in sent.text
    joined = [s for d in seed_result.documents for s in d.sentences if "市委组织部计划在5月中旬举办" in s.text]
    assert len(joined) == 1
    assert "\n" in seed_text[joined[0].start : joined[0].end]  # the split is in the original …
    assert "\n" not in joined[0].text  # … but not in the sentence


def test_sentences_belong_to_their_deepest_section(seed_result) -> None:
    first = seed_result.documents[0]
    owner = next(s for s in first.sections if any("5月中旬" in x.text for x in s.sentences))
    assert owner.marker.startswith("第二")
    assert owner.heading.startswith("注重抓好乡村干部的培训")


def test_placeholders_reported(seed_result) -> None:
    texts = {p.text for p in seed_result.placeholders}
    assert "20xx" in "".join(texts)
    assert "□" in texts


def test_json_validates_against_schema(seed_result) -> None:
    data = seed_result.to_dict()
    jsonschema.validate(data, SCHEMA)
    assert data["text_length"] == len(seed_result.text)
    assert data["source"].endswith("000_b9cbea9c36dacdc9.txt")


def test_written_speech_date_and_outline() -> None:
    result = djnlp.analyze(SPEECH)
    doc = result.documents[0]
    assert doc.date.isoformat() == "2025-03-18"
    assert [s.heading for s in doc.sections] == ["抓实农村党建", "抓好机关党建"]
    assert [s.text for s in doc.sections[0].sentences][:2] == ["一、抓实农村党建", "各乡镇党委要在6月底前完成软弱涣散村党组织整顿。"]
    overridden = djnlp.analyze(SPEECH, date="2024-01-02")
    assert overridden.documents[0].date.isoformat() == "2024-01-02"


def test_words_option_segments_sentences() -> None:
    result = djnlp.analyze(SPEECH, words=True, themes=False, tasks=False)
    tokens = [t for s in result.documents[0].sentences for t in s.tokens]
    assert "三会一课" in tokens


def test_dataframe_has_one_row_per_section(seed_result) -> None:
    pd = pytest.importorskip("pandas")
    frame = seed_result.to_dataframe()
    assert isinstance(frame, pd.DataFrame)
    assert len(frame) == sum(len(d.sections) for d in seed_result.documents)
    assert {"document", "heading", "level", "start", "end", "text"} <= set(frame.columns)


def test_bad_date_is_a_config_error() -> None:
    with pytest.raises(ConfigError):
        djnlp.analyze(SPEECH, date="18/03/2025")


def test_cli_json_on_seed(seed_path: Path, capsys) -> None:
    code, out, err = run_cli(["analyze", str(seed_path), "--json", "--date", "2006-03-01"], capsys)
    assert code == 0, err
    data = json.loads(out)
    jsonschema.validate(data, SCHEMA)
    assert len(data["documents"]) == 5
    assert all(d["date"] == "2006-03-01" for d in data["documents"])


def test_cli_tree_on_example(capsys) -> None:
    code, out, _ = run_cli(["analyze", "--example"], capsys)
    assert code == 0
    assert "一、" in out and "（一）" in out


def test_cli_stdin(monkeypatch, capsys) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SPEECH.encode("gb18030"))))
    code, out, _ = run_cli(["analyze", "-", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["source"] == "<stdin>"
    assert [s["heading"] for s in data["documents"][0]["sections"]] == ["抓实农村党建", "抓好机关党建"]


@pytest.mark.parametrize(
    "payload, name",
    [(b"%PDF-1.7\n1 0 obj\n", "a.pdf"), (b"\x89PNG\r\n\x1a\n" + bytes(64), "a.txt"), (b"", "empty.txt")],
)
def test_cli_bad_or_empty_input(tmp_path: Path, payload: bytes, name: str, capsys) -> None:
    path = tmp_path / name
    path.write_bytes(payload)
    code, out, err = run_cli(["analyze", str(path), "--json"], capsys)
    if payload:
        assert code == 2
        assert err.count("\n") == 1 and err.startswith("djnlp: error:") and name in err
        assert out == ""
    else:
        assert code == 0
        assert json.loads(out)["text_length"] == 0


def test_cli_missing_file_and_bad_date(tmp_path: Path, capsys) -> None:
    code, _, err = run_cli(["analyze", str(tmp_path / "nope.txt")], capsys)
    assert code == 2 and err.count("\n") == 1
    code, _, err = run_cli(["analyze", "--example", "--date", "2025-13-40"], capsys)
    assert code == 2 and "YYYY-MM-DD" in err


def test_console_script_runs() -> None:
    script = str(Path(sys.executable).parent / "djnlp")
    out = subprocess.run([script, "analyze", "--example", "--json"], capture_output=True, text=True, check=True)
    assert json.loads(out.stdout)["documents"]


def test_a_compilation_of_dated_documents_resolves_each_against_its_own_date() -> None:
    first = ("在全县组织工作会议上的讲话\n一、重点任务\n各乡镇党委要在6月底前完成村党组织书记轮训。\n"
             "县委组织部要在年底前建立村级后备力量台账。\n2023年3月1日\n")
    second = ("在全县组织工作会议上的讲话\n一、重点任务\n各乡镇党委要在6月底前完成党员信息采集。\n"
              "各部门党组要在9月底前开展一次支部评估。\n2024年3月5日\n")
    result = djnlp.analyze(f"篇一\n{first}\n篇二\n{second}")
    dated = [(str(d.date), [(t.text, t.deadline.value.end.date().isoformat()) for t in d.tasks]) for d in result.documents]
    assert dated == [
        ("2023-03-01", [("各乡镇党委要在6月底前完成村党组织书记轮训。", "2023-06-30"),
                        ("县委组织部要在年底前建立村级后备力量台账。", "2023-12-31")]),
        ("2024-03-05", [("各乡镇党委要在6月底前完成党员信息采集。", "2024-06-30"),
                        ("各部门党组要在9月底前开展一次支部评估。", "2024-09-30")]),
    ]


UNDATED_THEN_DATED = ("篇一：关于做好党员教育培训工作的通知\n各党（工）委要在年底前完成党员轮训，并及时报送培训情况。\n"
                      "篇二：关于开展党费收缴情况专项检查的通知\n各基层党组织要在6月底前完成自查，形成报告报送市委组织部。\n"
                      "中共临江市委组织部\n2024年3月15日\n")


def test_an_undated_document_does_not_borrow_the_next_ones_date() -> None:
    result = djnlp.analyze(UNDATED_THEN_DATED, themes=False)
    (undated, dated) = result.documents
    assert undated.date is None and dated.date.isoformat() == "2024-03-15"
    [first] = undated.tasks
    assert first.deadline.text == "年底前" and first.deadline.value is None      # recognised, unresolved
    [second] = dated.tasks
    assert second.deadline.value.end.date().isoformat() == "2024-06-30"
