"""djnlp.segment: private jieba + 党建 lexicon, pkuseg from a model dir, char; spaCy tokenizer; CLI."""
from __future__ import annotations

import io
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from djnlp.cli import main
from djnlp.errors import ConfigError, DjnlpError, ModelError
from djnlp.segment import cut, load_lexicon, load_user_dict, make_segmenter
from djnlp.segment import segmenters as segmod
from djnlp.segment.lexicon import CATEGORIES, parse_user_dict
from djnlp.segment.segmenters import JiebaSegmenter
from djnlp.segment.training import train_pkuseg

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "corpus" / "segmentation"

# 党建 text with the whitespace a pasted 组工信息 submission really has: indents, a full-width
# space, tabs, blank lines, CRLF and a trailing space.
MESSY = (
    "  一、强化政治引领\r\n"
    "\u3000\u3000各支部要严格落实三会一课制度，每月10日开展主题党日。\n\n"
    "驻村第一书记\t走访入党积极分子 3 户；村两委 班子 研究“四议两公开”事项。 "
)


def fixed_expressions() -> list[tuple[str, str]]:
    rows = []
    for line in (GOLD / "fixed_expressions.txt").read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            expression, carrier = line.split("\t")
            rows.append((expression, carrier))
    return rows


def kept_whole(tokens: list[str], carrier: str, expression: str) -> bool:
    start = carrier.index(expression)
    end = start + len(expression)
    pos, cuts = 0, set()
    for tok in tokens:
        pos += len(tok)
        cuts.add(pos)
    return not any(start < c < end for c in cuts)


def gold_f1(segment, path: Path) -> float:
    tp = fp = fn = 0
    for line in path.read_text(encoding="utf-8").splitlines():
        gold = line.split()
        pred = segment("".join(gold))

        def spans(tokens):
            out, pos = set(), 0
            for tok in tokens:
                out.add((pos, pos + len(tok)))
                pos += len(tok)
            return out

        g, p = spans(gold), spans([t for t in pred if not t.isspace()])
        tp, fp, fn = tp + len(g & p), fp + len(p - g), fn + len(g - p)
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    return 2 * precision * recall / (precision + recall)


@pytest.fixture(scope="module")
def seg() -> JiebaSegmenter:
    return make_segmenter()


@pytest.fixture(scope="module")
def stock_private() -> JiebaSegmenter:
    """Stock jieba behaviour (no lexicon) on a private tokenizer."""
    return JiebaSegmenter(lexicons=())


# ------------------------------------------------------------------ lexicon


def test_lexicon_is_large_well_formed_and_covers_the_core_terms():
    lex = load_lexicon()
    assert len(lex) >= 1500
    words = [e.word for e in lex]
    assert len(set(words)) == len(words)
    for e in lex:
        assert e.freq and e.freq > 0, e
        assert re.fullmatch(r"[a-z]{1,4}", e.tag), e
        assert e.category in CATEGORIES and e.category != "user", e
        assert not any(ch.isspace() for ch in e.word), e
    cats = {e.category for e in lex}
    assert {"slogan", "institution", "post", "activity", "mechanism", "policy"} <= cats
    core = ("三会一课 两学一做 主题党日 双建双带 设岗定责 两推一选 四议两公开 不忘初心 牢记使命 第一议题 四风 两个确立 "
            "两个维护 四个意识 四个自信 党建引领 网格化管理 村企联建 星级评定 积分制管理 组织生活会 民主评议党员 发展党员 "
            "入党积极分子 预备党员 党费收缴 软弱涣散 整顿软弱涣散基层党组织 基层党建述职评议考核 书记项目 头雁工程 "
            "五好创建 市委组织部 中组部 县委组织部 党群服务中心 新时代文明实践站 市直机关工委 非公企业和社会组织党工委 "
            "两新组织 村民委员会 村两委 驻村第一书记 党组织书记 组织委员 宣传委员 纪检委员 党建指导员 网格员 大学生村官")
    missing = [w for w in core.split() if w not in lex]
    assert missing == []
    assert lex.entry("市委组织部").tag == "nt"
    assert lex.to_dict()["fingerprint"] == lex.fingerprint


def test_user_dict_format_and_errors(tmp_path):
    lex = parse_user_dict("# 本单位新词\n共富工坊 500 n\n红色代办员 nz\n村播\n", "mine.dict")
    assert [(e.word, e.freq, e.tag) for e in lex] == [("共富工坊", 500, "n"), ("红色代办员", None, "nz"), ("村播", None, None)]
    bad = {
        "freq.dict": ("共富工坊 5x0 n\n", "line 1"),
        "zero.dict": ("共富工坊 0\n", "positive"),
        "fields.dict": ("共富 工坊 500 n\n", "4 fields"),
        "tag.dict": ("共富工坊 500 N1\n", "tag"),
        "empty.dict": ("# nothing\n\n", "no entries"),
    }
    for name, (text, reason) in bad.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        with pytest.raises(ConfigError, match=reason) as err:
            load_user_dict(path)
        assert name in str(err.value)
    gbk = tmp_path / "gbk.dict"
    gbk.write_bytes("共富工坊 500 n\n".encode("gbk"))
    with pytest.raises(ConfigError, match="not UTF-8"):
        make_segmenter(user_dicts=[gbk])
    with pytest.raises(ConfigError, match="cannot read"):
        make_segmenter(user_dicts=[tmp_path / "absent.dict"])


# ------------------------------------------------------------------ jieba segmenter


def test_tokens_concatenate_to_the_text(seg, seed_text):
    for text in (seed_text, MESSY, "", " ", "\n\n", "abc  def", "２０２３年"):
        tokens = seg.cut(text)
        assert "".join(tokens) == text
        assert all(tok for tok in tokens)
        # whitespace runs are whole tokens, never glued to a word
        assert all(tok.isspace() or not any(ch.isspace() for ch in tok) for tok in tokens)
    tokens = seg.cut(MESSY)
    assert "\r\n\u3000\u3000" in tokens and "\n\n" in tokens and "\t" in tokens


def test_every_lexicon_word_survives_on_its_own(seg):
    lost = [e.word for e in load_lexicon() if seg.words(e.word) != [e.word]]
    assert lost == []


def test_lexicon_words_win_in_real_sentences(seg):
    tokens = seg.words("驻村第一书记走访入党积极分子，村两委严格落实四议两公开。")
    assert tokens == ["驻村第一书记", "走访", "入党积极分子", "，", "村两委", "严格", "落实", "四议两公开", "。"]


def test_global_jieba_is_untouched(seg):
    seg.cut("各支部要严格落实三会一课制度，开展主题党日和民主评议党员。")
    for word in ("三会一课", "主题党日", "民主评议党员", "驻村第一书记"):
        assert word not in jieba.dt.FREQ
    assert jieba.lcut("三会一课") != ["三会一课"]          # the global tokenizer still splits it
    assert "三会一课" not in jieba.dt.FREQ
    assert seg.tokenizer is not jieba.dt


def test_two_lexicons_coexist_in_one_process(tmp_path, seg, stock_private):
    path = tmp_path / "coop.dict"
    path.write_text("共富工坊 800 n\n", encoding="utf-8")
    with_user = make_segmenter(user_dicts=[path])
    text = "村里建起共富工坊，落实三会一课。"
    assert "共富工坊" in with_user.words(text) and "三会一课" in with_user.words(text)
    assert "共富工坊" not in seg.words(text) and "三会一课" in seg.words(text)
    assert "共富工坊" not in stock_private.words(text) and "三会一课" not in stock_private.words(text)
    assert seg.tokenizer.FREQ is not with_user.tokenizer.FREQ


def test_convenience_cut_reuses_one_segmenter():
    assert cut("严格落实主题党日制度") == ["严格", "落实", "主题党日", "制度"]
    assert segmod._shared("jieba", None, ()) is segmod._shared("jieba", None, ())


def test_fixed_expressions_kept_whole_on_the_independent_list(seg, stock_private):
    rows = fixed_expressions()
    assert len(rows) >= 200
    ours = sum(kept_whole(seg.cut(c), c, e) for e, c in rows) / len(rows)
    stock = sum(kept_whole(stock_private.cut(c), c, e) for e, c in rows) / len(rows)
    assert ours >= 0.90
    assert stock < 0.30


def test_domain_accuracy_up_news_accuracy_kept(seg, stock_private):
    domain_ours = gold_f1(seg.cut, GOLD / "domain_gold.txt")
    domain_stock = gold_f1(stock_private.cut, GOLD / "domain_gold.txt")
    news_ours = gold_f1(seg.cut, GOLD / "news_gold.txt")
    news_stock = gold_f1(stock_private.cut, GOLD / "news_gold.txt")
    assert domain_ours > domain_stock + 0.10
    assert news_ours >= news_stock - 0.01


def test_cache_is_private_and_optional(tmp_path, monkeypatch):
    monkeypatch.setenv("DJNLP_CACHE_DIR", str(tmp_path / "cache"))
    folder = segmod.cache_dir()
    assert folder == tmp_path / "cache" / "jieba"
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    data = ({"党建": 3, "党": 10}, 13)
    target = folder / "test.marshal"
    segmod._write_cache(target, data)
    assert segmod._read_cache(target) == data
    target.write_bytes(b"\x00 not marshal")
    assert segmod._read_cache(target) is None
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("DJNLP_CACHE_DIR", str(blocker / "sub"))
    assert segmod.cache_dir() is None                      # unusable → run without a cache


def test_char_segmenter_and_factory_errors(tmp_path):
    char = make_segmenter("char")
    assert char.cut("党建 引领\n") == ["党", "建", " ", "引", "领", "\n"]
    with pytest.raises(ConfigError, match="unknown segmenter"):
        make_segmenter("thulac")
    with pytest.raises(ConfigError, match="needs a model"):
        make_segmenter("pkuseg")
    with pytest.raises(ConfigError):
        make_segmenter("jieba", model=str(tmp_path))


def test_bad_pkuseg_model_dirs_raise_model_error(tmp_path):
    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelError, match="does not exist") as err:
        make_segmenter("pkuseg", model=missing)
    assert str(missing) in str(err.value)
    half = tmp_path / "half"
    half.mkdir()
    (half / "features.msgpack").write_bytes(b"")
    with pytest.raises(ModelError, match="weights.npz"):
        make_segmenter("pkuseg", model=half)
    junk = tmp_path / "junk"
    junk.mkdir()
    (junk / "features.msgpack").write_bytes(b"not msgpack")
    (junk / "weights.npz").write_bytes(b"not npz")
    broken = make_segmenter("pkuseg", model=junk)        # files look right: fails on first use
    with pytest.raises(ModelError, match="cannot load") as err:
        broken.cut("党建")
    assert str(junk) in str(err.value)


# ------------------------------------------------------------------ pkuseg training + loading


@pytest.fixture(scope="module")
def pkuseg_model(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("pkuseg") / "model"
    code = main(["train", "segmenter", "--train", str(GOLD / "domain_gold.txt"),
                 "--test", str(GOLD / "news_gold.txt"), "--out", str(out), "--iter", "2"])
    assert code == 0
    return out


def test_trained_pkuseg_model_segments_and_keeps_user_words(pkuseg_model, tmp_path):
    assert sorted(p.name for p in pkuseg_model.iterdir()) == ["features.msgpack", "weights.npz"]
    pku = make_segmenter("pkuseg", model=pkuseg_model)
    tokens = pku.cut(MESSY)
    assert "".join(tokens) == MESSY
    words = [t for t in tokens if not t.isspace()]
    assert len(words) < len(MESSY.replace(" ", "")) * 0.8      # real words, not characters
    assert "主题党日" in words                                   # learnt from domain_gold
    user = tmp_path / "u.dict"
    user.write_text("走访入党积极分子 100 l\n", encoding="utf-8")
    assert "走访入党积极分子" in make_segmenter("pkuseg", model=pkuseg_model, user_dicts=[user]).words(MESSY)


def test_training_refuses_bad_inputs(tmp_path):
    few = tmp_path / "few.txt"
    few.write_text("落实 三会一课 制度 。\n" * 3, encoding="utf-8")
    with pytest.raises(ConfigError, match="at least 10"):
        train_pkuseg(few, few, tmp_path / "m")
    notes = tmp_path / "notes"
    notes.mkdir()
    (notes / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(ConfigError, match="refusing to overwrite"):
        train_pkuseg(GOLD / "domain_gold.txt", GOLD / "news_gold.txt", notes, iterations=1)
    assert (notes / "keep.txt").read_text(encoding="utf-8") == "mine"


# ------------------------------------------------------------------ spaCy


def test_spacy_tokenizer_keeps_text_and_spaces(seed_text, pkuseg_model):
    import spacy

    from djnlp.segment import make_nlp

    assert spacy.util.registry.tokenizers.get("djnlp.ChineseTokenizer.v1")
    nlp = make_nlp()
    assert nlp.lang == "zh"
    for text in (seed_text, MESSY, "", "   ", "党建 引领", "\n党建\n"):
        assert nlp(text).text == text
    doc = nlp("落实 三会一课  制度\n")
    assert [(t.text, t.whitespace_) for t in doc] == [("落实", " "), ("三会一课", " "), (" ", ""), ("制度", ""), ("\n", "")]
    assert "驻村第一书记" in [t.text for t in nlp(MESSY)]
    for kind, model in (("char", None), ("pkuseg", pkuseg_model)):
        other = make_nlp(kind, model=model)
        assert other(MESSY).text == MESSY
        assert other(seed_text[:3000]).text == seed_text[:3000]


def test_make_nlp_refuses_bad_settings(tmp_path):
    from djnlp.segment import make_nlp

    with pytest.raises(ConfigError, match="needs a model"):
        make_nlp("pkuseg")
    with pytest.raises(ModelError, match="does not exist"):
        make_nlp("pkuseg", model=tmp_path / "none")
    with pytest.raises(ConfigError, match="cannot read"):
        make_nlp(user_dicts=[tmp_path / "none.dict"])


def test_spacy_pipeline_round_trips_through_disk(tmp_path):
    import spacy

    from djnlp.segment import make_nlp

    make_nlp().to_disk(tmp_path / "nlp")
    loaded = spacy.load(tmp_path / "nlp")
    assert [t.text for t in loaded("开展民主评议党员")] == ["开展", "民主评议党员"]


# ------------------------------------------------------------------ CLI


def test_cli_segment_reads_lines_and_writes_words(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.StringIO("驻村第一书记走访入党积极分子\n\n  落实 三会一课\n"))
    assert main(["segment"]) == 0
    assert capsys.readouterr().out.splitlines() == ["驻村第一书记 走访 入党积极分子", "", "落实 三会一课"]
    user = tmp_path / "coop.dict"
    user.write_text("共富工坊 800 n\n", encoding="utf-8")
    monkeypatch.setattr(sys, "stdin", io.StringIO("建设共富工坊\n"))
    assert main(["segment", "--user-dict", str(user)]) == 0
    assert capsys.readouterr().out == "建设 共富工坊\n"
    monkeypatch.setattr(sys, "stdin", io.StringIO("党建\n"))
    assert main(["segment", "--segmenter", "char"]) == 0
    assert capsys.readouterr().out == "党 建\n"


def test_cli_errors_exit_2(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys, "stdin", io.StringIO("党建\n"))
    assert main(["segment", "--segmenter", "pkuseg"]) == 2
    assert "needs --model" in capsys.readouterr().err
    assert main(["segment", "--segmenter", "pkuseg", "--model", str(tmp_path / "none")]) == 2
    assert str(tmp_path / "none") in capsys.readouterr().err
    bad = tmp_path / "bad.dict"
    bad.write_text("a b c d\n", encoding="utf-8")
    assert main(["segment", "--user-dict", str(bad)]) == 2
    assert "bad.dict: line 1" in capsys.readouterr().err


def test_cli_subprocess_utf8_stdin(tmp_path):
    exe = [sys.executable, "-c", "from djnlp.cli import entry; entry()"]
    env = dict(os.environ, DJNLP_CACHE_DIR=str(tmp_path / "cache"))
    ok = subprocess.run([*exe, "segment"], input="\ufeff开展主题党日\r\n".encode("utf-8"),
                        capture_output=True, env=env, check=False)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.decode("utf-8") == "开展 主题党日\n"
    bad = subprocess.run([*exe, "segment"], input="党建\n".encode("gbk"), capture_output=True, env=env, check=False)
    assert bad.returncode == 2
    assert "<stdin>: line 1 is not UTF-8" in bad.stderr.decode("utf-8")


def test_errors_are_djnlp_errors():
    assert issubclass(ModelError, DjnlpError) and issubclass(ConfigError, DjnlpError)
