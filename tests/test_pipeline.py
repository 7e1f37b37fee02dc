"""djnlp.load(): the spaCy pipeline on the seed and on written text."""
from __future__ import annotations

import pytest

import djnlp
from djnlp.errors import ConfigError


@pytest.fixture(scope="module")
def nlp():
    return djnlp.load()


def test_pipe_names(nlp) -> None:
    assert nlp.pipe_names == ["djnlp_outline", "djnlp_senter", "djnlp_themes", "djnlp_tasks"]
    assert nlp.lang == "zh"


def test_seed_doc_sections_sentences_and_tokens(nlp, seed_text: str) -> None:
    doc = nlp(seed_text)
    assert doc.text == seed_text
    headings = [span._.section["heading"] for span in doc.spans["sections"]]
    assert "把握全局，突出重点，扎实做好基层党建的各项业务工作" in headings
    for span in doc.spans["sections"]:
        assert span.start_char <= span._.section["heading_start"] < span.end_char
    assert [d["title"][-2:] for d in doc._.outline] == ["篇一", "篇二", "篇三", "篇四", "篇五"]
    # the page-break split sentence is one spaCy sentence
    sent = next(s for s in doc.sents if "市委组织部计划" in s.text)
    assert "在5月中旬举办" in sent.text
    assert {p.text for p in doc.spans["placeholders"]} >= {"□"}


def test_lexicon_words_are_tokens(nlp) -> None:
    doc = nlp("各村要严格落实三会一课制度，选派驻村第一书记，开展主题党日活动。")
    words = [t.text for t in doc]
    assert {"三会一课", "驻村第一书记", "主题党日"} <= set(words)


def test_themes_and_tasks_on_the_doc(nlp) -> None:
    text = (
        "一、抓实农村党建\n各乡镇党委要在6月底前完成软弱涣散村党组织整顿，村党组织书记要带头落实“三会一课”制度。\n"
        "二、抓好社区党建\n各街道党工委要推动在职党员到社区报到，年内实现小区党支部全覆盖。\n"
    )
    doc = nlp(text)
    assert set(doc.cats) == {"rural", "enterprise", "community", "organ", "general"}
    sections = list(doc.spans["sections"])
    assert max(sections[0]._.cats, key=sections[0]._.cats.get) == "rural"
    assert max(sections[1]._.cats, key=sections[1]._.cats.get) == "community"
    tasks = list(doc.spans["tasks"])
    assert any("6月底前" in span.text for span in tasks)


def test_char_segmenter_and_subset_of_components() -> None:
    nlp = djnlp.load(segmenter="char", components=("djnlp_outline",))
    doc = nlp("落实三会一课")
    assert [t.text for t in doc] == list("落实三会一课")
    assert nlp.pipe_names == ["djnlp_outline"]


def test_unknown_component_and_missing_pkuseg_model(tmp_path) -> None:
    with pytest.raises(ConfigError):
        djnlp.load(components=("no_such_component",))
    with pytest.raises(djnlp.DjnlpError):
        djnlp.load(segmenter="pkuseg", model=tmp_path / "missing")


def test_saved_pipeline_loads_in_a_fresh_process(tmp_path) -> None:
    import subprocess
    import sys

    djnlp.load(components=("djnlp_outline", "djnlp_senter")).to_disk(tmp_path / "nlp")
    code = (
        "import spacy, sys; nlp = spacy.load(sys.argv[1]); doc = nlp('一、加强党建\\n各地要落实三会一课制度。');"
        "print(len(doc.spans['sections']), '三会一课' in [t.text for t in doc])"
    )
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "nlp")], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1].split() == ["1", "True"], out.stderr


def test_lone_surrogate_does_not_crash_spacy(nlp) -> None:
    text = "一、总体\ud800要求\n各地要抓好落实。"
    doc = nlp(text)
    assert len(doc.text) == len(text)
    assert doc.text[4] == "\ufffd"
    assert [s._.section["heading"] for s in doc.spans["sections"]] == ["总体\ufffd要求"]
