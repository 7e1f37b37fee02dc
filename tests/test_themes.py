"""djnlp.themes: scores, evidence, retraining on a custom label set, the spaCy component, the CLI."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from djnlp.errors import InputError, ModelError
from djnlp.themes import THEME_NAMES, THEMES, ThemeModel, aggregate, classify, default_model

REPO = Path(__file__).resolve().parent.parent
SCHEMA = REPO / "djnlp" / "schema" / "themes.schema.json"

# Passages written for these tests (not in the training corpus), one per theme.
CLEAR = {
    "rural": "镇党委对全镇11个村党支部逐村分析研判，帮助后进村选好带头人，村“两委”成员每周到田间走访农户，谋划发展村集体经济。",
    "enterprise": "开发区非公企业党委为园区32家民营企业选派党建指导员，指导企业党支部把生产一线技术骨干培养成党员，推动厂务公开。",
    "community": "街道党工委在老旧小区推行楼栋党小组，党员楼栋长带领居民议事，协调物业公司解决停车和楼道堆物问题。",
    "organ": "市直机关工委开展模范机关创建，整治机关干部门难进、事难办的作风问题，推行窗口服务首问负责和限时办结。",
    "general": "各级组织部门要严把发展党员入口关，落实干部选拔任用程序，加强组工干部队伍自身建设。",
}
VILLAGE_FIRM = (
    "我县推行村企联建，32家民营企业党组织与经济薄弱村党支部一对一结对，企业派技术员驻村指导，"
    "帮助村集体建起食用菌大棚，吸纳村民进厂务工。"
)

# A small corpus with a different label set (safety / ecology / petition), written for the tests.
CUSTOM = {
    "safety": [
        "开展安全生产大检查，排查矿山和危化品企业隐患。",
        "落实安全生产责任制，严防重特大事故发生。",
        "组织消防演练，整改建筑工地的消防通道堵塞问题。",
        "对道路运输车辆开展安全隐患排查，严查超载超速。",
        "汛期前检查水库堤坝，做好防汛抢险物资储备。",
        "督促企业开展安全培训，特种作业人员持证上岗。",
    ],
    "ecology": [
        "推进河湖长制，开展河道垃圾清理和排污口整治。",
        "实施大气污染防治，淘汰高排放燃煤锅炉。",
        "开展植树造林和荒山绿化，提高森林覆盖率。",
        "整治农村生活污水，建设垃圾分类收运体系。",
        "加强生态环境执法，查处企业超标排放行为。",
        "推动节能减排，发展光伏和风电等清洁能源。",
    ],
    "petition": [
        "畅通信访渠道，领导干部定期接待来访群众。",
        "对重复信访案件逐件化解，落实包案责任。",
        "规范网上信访办理，按期答复群众诉求。",
        "排查征地拆迁中的矛盾纠纷，防止越级上访。",
        "建立信访事项督办台账，提高群众满意率。",
        "开展领导干部下访活动，就地解决群众反映的问题。",
    ],
}


def _custom_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rows = []
    for label, sentences in CUSTOM.items():
        for i, first in enumerate(sentences):
            for j, second in enumerate(sentences):
                if i < j:
                    rows.append({"id": f"{label}-{i}-{j}", "doc_id": f"{label}-{i}-{j}", "label": label,
                                 "labels": [label], "text": first + second})
    with open(folder / "custom.jsonl", "w", encoding="utf-8") as fh:
        fh.write("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n")
    return folder


@pytest.fixture(scope="module")
def custom_model_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from djnlp.themes.train import train_themes

    root = tmp_path_factory.mktemp("custom")
    corpus = _custom_corpus(root / "corpus")
    train_themes(corpus, root / "model", seed=0)
    return root / "model"


# ---- the shipped model -------------------------------------------------------------------------
@pytest.mark.parametrize("theme", THEMES)
def test_clear_passages_get_their_theme(theme: str) -> None:
    result = classify(CLEAR[theme])
    assert result.theme == theme
    assert set(result.scores) == set(THEMES)
    assert all(0.0 <= s <= 1.0 for s in result.scores.values())
    assert result.scores[theme] >= 0.5


def test_display_names() -> None:
    assert THEME_NAMES == {"rural": "农村", "enterprise": "企业", "community": "社区", "organ": "机关", "general": "综合"}
    assert default_model().display_names["community"] == "社区"


def test_village_firm_linking_is_high_on_two_themes() -> None:
    result = classify(VILLAGE_FIRM)
    assert result.scores["rural"] >= 0.5 and result.scores["enterprise"] >= 0.5
    assert set(result.above(0.5)) == {"rural", "enterprise"}
    assert set(result.labels) == {"rural", "enterprise"} and result.labels[0] == result.theme
    assert result.scores["community"] < 0.2 and result.scores["general"] < 0.2


def test_several_domains_evenly_are_general() -> None:
    text = "全市统筹推进各领域基层党建：" + "".join(CLEAR[t] for t in ("rural", "enterprise", "community", "organ"))
    result = classify(text)
    assert result.theme == "general" and result.labels == ("general",)


def test_evidence_is_consistent_with_scores() -> None:
    model = default_model()
    result = model.classify(VILLAGE_FIRM, top_k=6)
    explanations = model.explain(VILLAGE_FIRM)
    logits = model.logits(VILLAGE_FIRM)
    for k, label in enumerate(model.labels):
        e = explanations[label]
        assert e.intercept + sum(w for _, w in e.contributions) == pytest.approx(e.logit, abs=1e-9)
        assert e.logit == pytest.approx(logits[k], abs=1e-9)
        assert e.probability == pytest.approx(result.scores[label], abs=1e-12)
        assert result.evidence[label] == e.top(6)
    top = result.evidence[result.theme]
    assert top and all(w > 0 for _, w in top)
    assert [w for _, w in top] == sorted((w for _, w in top), reverse=True)
    terms = {t for t, _ in result.evidence["rural"]}
    assert terms & {"村", "驻村", "村集体", "村党支部", "村民"}
    assert {t for t, _ in result.evidence["enterprise"]} & {"企业", "民营企业"}


def test_evidence_is_credited_to_whole_words() -> None:
    from djnlp.segment import make_segmenter

    words = set(make_segmenter("jieba").cut(CLEAR["organ"]))
    e = default_model().explain(CLEAR["organ"])["organ"]
    assert not any(t.startswith("lexicon:") for t, _ in e.contributions)
    lexicon_hits = {"市直机关", "机关工委", "模范机关", "机关干部", "首问负责", "限时办结", "窗口"}
    assert {t for t, _ in e.top(10)} <= words | lexicon_hits
    assert "模范机关" in dict(e.top(20))


def test_empty_text_is_an_input_error() -> None:
    for text in ("", "   \n\t", None, b"\xe6\x9d\x91"):
        with pytest.raises(InputError):
            classify(text)  # type: ignore[arg-type]


def test_text_without_theme_words_falls_back_to_general() -> None:
    result = classify("2023年12月31日")
    assert result.theme == "general" and result.labels == ("general",)
    assert max(s for label, s in result.scores.items() if label != "general") < 0.4


def test_aggregate_weighs_sections_by_length() -> None:
    doc = aggregate([{"rural": 0.9, "general": 0.1}, {"rural": 0.3, "general": 0.6}], [100, 300])
    assert doc == pytest.approx({"rural": 0.45, "general": 0.475})
    with pytest.raises(InputError):
        aggregate([{"rural": 1.0}], [1, 2])
    with pytest.raises(InputError):
        aggregate([{"rural": 1.0}], [0])


def test_spans_scored_in_one_pass_match_scoring_each(seed_text: str) -> None:
    rows = [json.loads(x) for x in (REPO / "corpus" / "themes" / "seed_labels.jsonl").read_text("utf-8").splitlines()]
    spans = [(r["start"], r["end"]) for r in rows]
    model = default_model()
    one_pass = model.predict_spans(seed_text, spans)
    each = model.predict_proba([seed_text[s:e] for s, e in spans])
    np.testing.assert_allclose(one_pass, each, atol=1e-9)


def test_spans_with_given_words_match_scoring_each_span_with_its_words(seed_text: str) -> None:
    from djnlp.themes.features import Tokens, normalize

    rows = [json.loads(x) for x in (REPO / "corpus" / "themes" / "seed_labels.jsonl").read_text("utf-8").splitlines()]
    spans = [(r["start"], r["end"]) for r in rows] + [(0, len(seed_text)), (rows[0]["start"], rows[0]["start"])]
    model = default_model()
    feats = model.featurizer
    words, offset = [], 0  # (offset, token) of the raw text, as analyze(words=True) passes them
    for token in feats.cutter()(seed_text):
        offset = seed_text.index(token, offset)
        words.append((offset, token))
        offset += len(token)
    one_pass = model.predict_spans(seed_text, spans, words)
    for row, (a, b) in zip(one_pass, spans):  # reference: the string-based featurizer, span by span
        inside = [normalize(t) for o, t in words if a <= o < b]
        counts = feats.counts(seed_text[a:b], Tokens(seed_text[a:b], feats.config, lambda _norm, ts=inside: ts))
        logits = model.intercept + model.coef[:, feats.vectorize(counts)[0]].astype(float) @ feats.vectorize(counts)[1]
        np.testing.assert_allclose(row, 1 / (1 + np.exp(-logits)), atol=1e-9)
    assert one_pass[-1] == pytest.approx(1 / (1 + np.exp(-model.intercept)))  # an empty span: intercepts only


def test_normalize_pieces_matches_normalizing_each_piece() -> None:
    from djnlp.themes.features import normalize, normalize_pieces

    # full-width letters, quotes (dropped), a ligature that expands, a combining accent and a
    # Greek capital sigma (neighbour-dependent: the character-by-character path must not be used)
    for text in ("村“两委”换届，ＡＢＣ党建ﬁ①", "党建e\u0301工作", "ΟΔΟΣ 党员"):
        bounds = [0, 2, 5, len(text)]
        norm, cuts = normalize_pieces(text, bounds)
        pieces = [normalize(text[a:b]) for a, b in zip(bounds, bounds[1:])]
        assert norm == "".join(pieces)
        assert [norm[a:b] for a, b in zip(cuts, cuts[1:])] == pieces


def test_seed_domain_sections_and_whole_speech(seed_text: str) -> None:
    rows = [json.loads(x) for x in (REPO / "corpus" / "themes" / "seed_labels.jsonl").read_text("utf-8").splitlines()]
    domain = [r for r in rows if r["label"] != "general"]
    assert {r["label"] for r in domain} == {"rural", "enterprise", "community", "organ"}
    for r in domain:
        text = seed_text[r["start"] : r["end"]]
        assert text.lstrip("# ").startswith(r["heading_prefix"])
        assert classify(text).theme == r["label"], r["heading_prefix"]
    first_speech = seed_text[rows[0]["start"] : rows[0]["end"]]  # covers all four domains
    assert classify(first_speech).theme == "general"


# ---- loading and safety ------------------------------------------------------------------------
def test_shipped_model_files_are_safe_and_small() -> None:
    from djnlp.resources import model_path

    folder = model_path("themes")
    with np.load(folder / "weights.npz", allow_pickle=False) as npz:
        assert npz["coef"].shape == (len(THEMES), len(json.loads((folder / "vocab.json").read_text("utf-8"))))
    assert sum(f.stat().st_size for f in folder.iterdir()) < 10_000_000
    metrics = json.loads((folder / "metrics.json").read_text("utf-8"))
    assert metrics["test"]["macro_f1"] >= 0.85


def test_bad_model_dirs_raise_model_error(tmp_path: Path) -> None:
    from djnlp.resources import model_path

    with pytest.raises(ModelError):
        ThemeModel.load(tmp_path / "missing")
    with pytest.raises(ModelError):
        ThemeModel.load(tmp_path)  # empty folder
    broken = tmp_path / "broken"
    shutil.copytree(model_path("themes"), broken)
    (broken / "weights.npz").write_bytes(b"not a zip file")
    with pytest.raises(ModelError):
        ThemeModel.load(broken)
    pickled = tmp_path / "pickled"
    shutil.copytree(model_path("themes"), pickled)
    np.savez(pickled / "weights.npz", coef=np.array([object()]), intercept=np.zeros(5), idf=np.zeros(3))
    with pytest.raises(ModelError):
        ThemeModel.load(pickled)
    mismatched = tmp_path / "mismatched"
    shutil.copytree(model_path("themes"), mismatched)
    (mismatched / "vocab.json").write_text('["c:村"]', encoding="utf-8")
    with pytest.raises(ModelError):
        ThemeModel.load(mismatched)
    with pytest.raises(ModelError):
        classify("村党支部", model=tmp_path / "missing")


# ---- retraining with another label set --------------------------------------------------------
def test_custom_label_set_trains_and_classifies(custom_model_dir: Path) -> None:
    model = ThemeModel.load(custom_model_dir)
    assert model.labels == ("ecology", "petition", "safety")
    assert model.fallback is None
    metrics = json.loads((custom_model_dir / "metrics.json").read_text("utf-8"))
    assert metrics["labels"] == ["ecology", "petition", "safety"]
    result = classify("检查化工企业的安全隐患，开展事故应急演练。", model=custom_model_dir)
    assert set(result.scores) == {"ecology", "petition", "safety"}
    assert result.theme == "safety"
    assert classify("整治河道污染，推进垃圾分类。", model=model).theme == "ecology"


def test_custom_model_in_the_spacy_pipeline(custom_model_dir: Path) -> None:
    import djnlp

    nlp = djnlp.load(themes_model=custom_model_dir, components=("djnlp_outline", "djnlp_themes"))
    doc = nlp("一、信访工作\n领导干部定期接待来访群众，化解信访积案。\n二、安全生产\n排查危化品企业隐患，严防事故。\n")
    assert set(doc.cats) == {"ecology", "petition", "safety"}
    sections = list(doc.spans["sections"])
    assert len(sections) == 2
    assert [max(s._.cats, key=s._.cats.get) for s in sections] == ["petition", "safety"]


def test_training_is_deterministic(tmp_path: Path, custom_model_dir: Path) -> None:
    from djnlp.themes.train import train_themes

    corpus = _custom_corpus(tmp_path / "corpus")
    train_themes(corpus, tmp_path / "again", seed=0)
    with np.load(custom_model_dir / "weights.npz") as a, np.load(tmp_path / "again" / "weights.npz") as b:
        np.testing.assert_array_equal(a["coef"], b["coef"])
    assert (custom_model_dir / "vocab.json").read_bytes() == (tmp_path / "again" / "vocab.json").read_bytes()


def test_training_needs_labelled_passages(tmp_path: Path) -> None:
    from djnlp.errors import ConfigError
    from djnlp.themes.train import train_themes

    (tmp_path / "c").mkdir()
    (tmp_path / "c" / "offsets.jsonl").write_text('{"start": 0, "end": 5, "label": "rural"}\n', encoding="utf-8")
    with pytest.raises(ConfigError):
        train_themes(tmp_path / "c", tmp_path / "out")
    (tmp_path / "c" / "bad.jsonl").write_text("{not json\n", encoding="utf-8")
    with pytest.raises(ConfigError):
        train_themes(tmp_path / "c", tmp_path / "out")


# ---- spaCy component with the shipped model ---------------------------------------------------
def test_component_sets_doc_and_section_cats() -> None:
    import djnlp

    nlp = djnlp.load(components=("djnlp_outline", "djnlp_themes"))
    text = "一、农村党建\n" + CLEAR["rural"] + "\n二、社区党建\n" + CLEAR["community"] + "\n"
    doc = nlp(text)
    sections = list(doc.spans["sections"])
    assert [max(s._.cats, key=s._.cats.get) for s in sections] == ["rural", "community"]
    assert set(doc.cats) == set(THEMES)
    lengths = [len(s.text) for s in sections]
    expected = aggregate([s._.cats for s in sections], lengths)
    assert doc.cats == pytest.approx(expected)

    bare_nlp = djnlp.load(components=("djnlp_themes",))
    bare = bare_nlp(CLEAR["organ"])
    assert max(bare.cats, key=bare.cats.get) == "organ"
    assert bare_nlp("").cats == {}


# ---- CLI ---------------------------------------------------------------------------------------
def test_cli_json_matches_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    from djnlp.cli import main

    schema = json.loads(SCHEMA.read_text("utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    one = tmp_path / "rural.txt"
    one.write_text(CLEAR["rural"], encoding="utf-8")
    two = tmp_path / "organ.txt"
    two.write_text(CLEAR["organ"], encoding="utf-8")

    assert main(["themes", str(one), "--json"]) == 0
    record = json.loads(capsys.readouterr().out)
    jsonschema.validate(record, schema)
    assert record["theme"] == "rural" and set(record["scores"]) == set(THEMES) and "source" not in record
    assert record["labels"][0] == "rural"

    assert main(["themes", str(one), str(two), "--json", "--top", "3"]) == 0
    lines = capsys.readouterr().out.splitlines()
    records = [json.loads(line) for line in lines]
    for r in records:
        jsonschema.validate(r, schema)
        assert all(len(v) <= 3 for v in r["evidence"].values())
    assert [(Path(r["source"]).name, r["theme"]) for r in records] == [("rural.txt", "rural"), ("organ.txt", "organ")]

    assert main(["themes", str(two)]) == 0
    out = capsys.readouterr().out
    top_term = records[1]["evidence"]["organ"][0][0]
    assert out.startswith(f"{two}: 机关 organ") and f"{top_term}(+" in out


def test_cli_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from djnlp.cli import main

    empty = tmp_path / "empty.txt"
    empty.write_text("  \n", encoding="utf-8")
    assert main(["themes", str(empty)]) == 2
    assert "empty text" in capsys.readouterr().err
    ok = tmp_path / "ok.txt"
    ok.write_text(CLEAR["rural"], encoding="utf-8")
    assert main(["themes", str(ok), "--model", str(tmp_path / "nowhere")]) == 2
    assert "djnlp: error:" in capsys.readouterr().err


def test_cli_train_prints_metrics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from djnlp.cli import main

    corpus = _custom_corpus(tmp_path / "corpus")
    lexicon = tmp_path / "lexicon"
    lexicon.mkdir()
    (lexicon / "safety.txt").write_text("# 安全生产\n隐患\n事故\n", encoding="utf-8")
    (lexicon / "petition.txt").write_text("信访\n上访\n", encoding="utf-8")
    argv = ["train", "themes", "--corpus", str(corpus), "--out", str(tmp_path / "m"), "--seed", "3", "--lexicon", str(lexicon)]
    assert main(argv) == 0
    out = capsys.readouterr().out
    assert "labels: ecology, petition, safety" in out and "macro-F1" in out
    model = ThemeModel.load(tmp_path / "m")
    assert model.info["seed"] == 3
    assert model.featurizer.lexicon.to_dict() == {"petition": ["信访", "上访"], "safety": ["隐患", "事故"]}
    evidence = dict(model.explain("排查事故隐患")["safety"].contributions)
    assert evidence["隐患"] > 0
