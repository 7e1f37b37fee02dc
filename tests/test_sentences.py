"""djnlp.sentences: terminators, quotes, ellipses, line ends, and the cleaned seed."""
from __future__ import annotations

import pytest

from djnlp.clean import clean
from djnlp.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("各地要高度重视。认真抓好落实！能做到吗？",
         ["各地要高度重视。", "认真抓好落实！", "能做到吗？"]),
        # a semicolon ends a sentence, a comma or colon does not
        ("一是围绕中心，服务大局；二是突出重点：狠抓落实。",
         ["一是围绕中心，服务大局；", "二是突出重点：狠抓落实。"]),
        # runs of terminators count once
        ("这样的作风怎么行？！必须整改……坚决整改。",
         ["这样的作风怎么行？！", "必须整改……", "坚决整改。"]),
        # closing quote after the terminator stays with the sentence
        ("他强调：“要抓好落实。”各地要迅速行动。",
         ["他强调：“要抓好落实。”", "各地要迅速行动。"]),
        # a terminator inside quotes does not end the sentence
        ("要牢记“小事不做。大事难成。”的道理，扎实工作。",
         ["要牢记“小事不做。大事难成。”的道理，扎实工作。"]),
        ("会上传达了《答好新时代之问！》的文章精神。下一步要抓落实。",
         ["会上传达了《答好新时代之问！》的文章精神。", "下一步要抓落实。"]),
        ("按要求报送（见附件1。）各单位要认真落实。",
         ["按要求报送（见附件1。）", "各单位要认真落实。"]),
        # nested quotes close together
        ("他说：“要记住‘一把手’的责任。”", ["他说：“要记住‘一把手’的责任。”"]),
        # line ends split; whitespace-only lines vanish; spans are trimmed
        ("一、总体要求\n  \n　　各地要抓好落实。  \n\n（一）压实责任",
         ["一、总体要求", "各地要抓好落实。", "（一）压实责任"]),
        # a stray opening quote does not swallow the paragraph
        ("要开展“五好创建活动。各地要抓好落实。年底前完成验收。",
         ["要开展“五好创建活动。", "各地要抓好落实。", "年底前完成验收。"]),
        # half-width terminators from converted documents
        ("干部要敢于担当;不能推诿扯皮!对吗?", ["干部要敢于担当;", "不能推诿扯皮!", "对吗?"]),
        ("详见http://zzb.example.cn/list?id=3&p=2页面。请下载。", ["详见http://zzb.example.cn/list?id=3&p=2页面。", "请下载。"]),
        # decimal points and numbered markers are not sentence ends
        ("1.选优配强带头人。增长5.2%以上。", ["1.选优配强带头人。", "增长5.2%以上。"]),
        ("", []),
        ("\n \n", []),
        ("没有句末标点的一行", ["没有句末标点的一行"]),
    ],
)
def test_split(text, expected):
    assert texts(text) == expected


def test_offsets_point_into_the_string():
    text = "　　同志们：\n\n今年要完成换届。要抓好培训！"
    spans = split_sentences(text)
    assert spans == [(2, 6), (8, 16), (16, 22)]
    assert all(not text[s].isspace() and not text[e - 1].isspace() for s, e in spans)


def test_cleaned_seed_sentences(seed_text):
    ct = clean(seed_text)
    spans = split_sentences(ct.text)
    sentences = [ct.text[s:e] for s, e in spans]
    assert len(sentences) > 400
    assert all(s.strip() == s and s and "\n" not in s for s in sentences)
    assert all(e1 <= s2 for (_, e1), (s2, _) in zip(spans, spans[1:]))
    # the page-break sentences are single sentences after cleaning
    assert ("市委组织部计划在5月中旬举办全市社会主义新农村建设示范村党组织书记培训班，"
            "学习相关业务，研讨热点问题。") in sentences
    notice = next(s for s in sentences if s.startswith("市委组织部已经下发了《关于推荐上报20xx年"))
    assert "侯选名单及相关材料的通知》，各地要按照文件精神" in notice and notice.endswith("良好氛围。")
    assert ("组织部门作为党委负责党建工作的重要部门，作为先进性教育活动的组织者、参与者，要带头实现"
            "“提高党员素质、加强基层组织、服务人民群众、促进各项工作”的目标。") in sentences
    # quotation with a full stop inside stays one sentence
    quoted = next(s for s in sentences if s.startswith("中共中央政治局、中央书记处书记"))
    assert quoted.endswith("树立正确用人导向。”")
    # mapped back, every sentence is the same text in the original (apart from joins)
    for s, e in spans[:50]:
        o_start, o_end = ct.to_original(s, e)
        assert seed_text[o_start] == ct.text[s] and seed_text[o_end - 1] == ct.text[e - 1]


def test_example_speech_sentences():
    from importlib import resources

    speech = (resources.files("djnlp") / "data" / "example" / "speech.txt").read_text(encoding="utf-8")
    sentences = texts(speech)
    assert sentences[0] == "在全市基层党建工作会议上的讲话"
    assert sentences[-1] == "2025年3月18日"
    assert "基层党组织发生涉及党员干部的重大突发事件，要在事发后6小时内报告，最迟不超过24小时，不得迟报、漏报、瞒报。" in sentences


def test_a_lone_carriage_return_ends_a_sentence_line():
    text = "一、总体要求\r各地要抓好落实\r\n二、重点任务"
    assert [text[s:e] for s, e in split_sentences(text)] == ["一、总体要求", "各地要抓好落实", "二、重点任务"]


def test_a_long_line_without_punctuation_is_one_sentence():
    text = "加强党的建设推进基层治理现代化" * 20_000
    assert split_sentences(text) == [(0, len(text))]


def test_sentences_are_trimmed_and_lie_inside_one_line():
    # split_clauses takes these spans as they are: no space at either end, no line end inside
    text = "　一、总体要求\t\r\n\u00a0各地要抓好落实；\u3000二是要报送?!a=1再报\u2028 三要完成。 \x0b（四）“要早。”的道理"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "一、总体要求", "各地要抓好落实；", "二是要报送?", "!a=1再报", "三要完成。", "（四）“要早。”的道理"]
    for s, e in spans:
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert not any(c in "\r\n\x0b\x0c\x85\u2028\u2029" for c in text[s:e])
