"""djnlp.clean on the real seed and on scraped pages written in the genre."""
from __future__ import annotations

import pytest

from djnlp.clean import CleanText, clean, load_noise_patterns
from djnlp.errors import ConfigError

SCRAPED = """\
　　下面是小编为大家整理的社区党建工作心得体会，仅供参考，大家一起来看看吧。

关于加强社区党建工作的几点思考

来源：东湖区委组织部

　　近年来，东湖区坚持党建引领基层治理，在全区43个社区推行“网格党支部”模式，
　　
群众满意度明显提升。
第 1 页 共 2 页
上一篇：在全市组织工作会议上的讲话
下一页
　　一、存在的问题
　　部分小区党组织覆盖不到位，“红色物业”推进缓慢……以上是我的几点意见，供大家参考。
本文来源：党建范文网
免责声明：本站部分内容来自网络，如有侵权请联系删除。
点击查看更多范文
- 2 -
"""


@pytest.fixture(scope="module")
def seed_clean(seed_text: str) -> CleanText:
    return clean(seed_text)


# --------------------------------------------------------------------------- noise


def test_seed_noise_lines_are_removed(seed_clean, seed_text):
    reasons = {r.reason: r for r in seed_clean.removed}
    assert set(reasons) == {"site_blurb", "truncated_page"}
    assert "写作可以弥补记忆的不足" not in seed_clean.text
    assert "当前网页未完全显示" not in seed_clean.text
    for removal in seed_clean.removed:
        assert seed_text[removal.start:removal.end] == removal.text
        assert removal.to_dict()["reason"] == removal.reason


def test_scraped_page_noise(tmp_path):
    ct = clean(SCRAPED)
    got = [(r.reason, r.text) for r in ct.removed]
    assert got == [
        ("site_blurb", "下面是小编为大家整理的社区党建工作心得体会，仅供参考，大家一起来看看吧。"),
        ("page_number", "第 1 页 共 2 页"),
        ("pager", "上一篇：在全市组织工作会议上的讲话"),
        ("pager", "下一页"),
        ("site_footer", "本文来源：党建范文网"),
        ("site_footer", "免责声明：本站部分内容来自网络，如有侵权请联系删除。"),
        ("call_to_action", "点击查看更多范文"),
        ("page_number", "- 2 -"),
    ]
    # body text mentioning the same words is kept
    assert "以上是我的几点意见，供大家参考。" in ct.text
    assert "来源：东湖区委组织部" in ct.text
    # the paragraph split by a whitespace-only line is whole again, indentation gone
    assert "推行“网格党支部”模式，群众满意度明显提升。" in ct.text
    assert ct.text.startswith("关于加强社区党建工作的几点思考\n\n")
    assert "\n一、存在的问题\n" in ct.text


def test_speech_lines_that_look_like_noise_survive():
    body = (
        "下面，我讲三点意见。\n\n"
        "希望大家认真抓好落实，下一步要把整改情况按时报送。\n\n"
        "各地要在下一阶段把本文件精神传达到每个党支部。\n"
    )
    ct = clean(body)
    assert ct.removed == ()
    assert ct.text == body.rstrip("\n")


def test_extra_noise_and_replacing_the_bundled_patterns(seed_text):
    ct = clean("各地要抓好落实。\n【广告】党建软件限时优惠\n", extra_noise=["ad 【广告】.*"])
    assert [(r.reason, r.text) for r in ct.removed] == [("ad", "【广告】党建软件限时优惠")]
    ct = clean("各地要抓好落实。\n扫码下载APP\n", extra_noise=["扫码下载.*"])
    assert [r.reason for r in ct.removed] == ["extra"]
    bare = clean(seed_text, noise_patterns=[])
    assert bare.removed == () and "写作可以弥补记忆的不足" in bare.text
    own = clean("各地要抓好落实。\n下一页\n返回目录\n", noise_patterns=["下一页", "nav\t返回.*"])
    assert [(r.reason, r.text) for r in own.removed] == [("custom", "下一页"), ("nav", "返回目录")]


def test_bad_pattern_is_a_config_error():
    with pytest.raises(ConfigError, match="bad regex"):
        clean("文本", extra_noise=["broken ([未闭合"])
    assert [name for name, _ in load_noise_patterns()][:2] == ["site_blurb", "truncated_page"]


# --------------------------------------------------------------------------- page-break joins


def test_seed_page_break_splits_are_rejoined(seed_clean):
    text = seed_clean.text
    assert "市委组织部计划在5月中旬举办全市社会主义新农村建设示范村党组织书记培训班" in text
    assert "关于推荐上报20xx年市委命名表彰的“五好”基层党组织、优秀共产党员和优秀党务工作者侯选名单及相关材料的通知》" in text
    assert "要带头实现“提高党员素质、加强基层组织、服务人民群众、促进各项工作”的目标" in text
    # a split after a comma and one inside a run-in heading paragraph
    assert "在自己的领导岗位上混日子，其实，这是一种害人害己的行为" in text
    assert "对腐败问题监督不力 近年来在利益的驱动下，一些党员、干部以身试法" in text


def test_seed_headings_are_not_joined(seed_clean):
    lines = seed_clean.text.split("\n")
    for heading in [
        "把握全局，突出重点，扎实做好基层党建的各项业务工作",
        "更新观念，提高素质，不断提高做好基层党建工作的能力和水平",
        "## 2、加强基层党员干部的教育制度",
        "### 3、着力构建党建新格局，进一步加强社区党建工作。",
        "## 基层党组织百科篇二",
        "同志们：",
    ]:
        assert heading in lines
    # paragraphs stay separated by exactly one blank line
    assert "\n\n\n" not in seed_clean.text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        # plain heading + paragraph: kept apart
        ("加强农村党建\n\n各县市区要在6月底前完成轮训。", "加强农村党建\n\n各县市区要在6月底前完成轮训。"),
        # a comma never ends a paragraph
        ("各地要压实责任，\n\n\n确保年内完成整顿。", "各地要压实责任，确保年内完成整顿。"),
        # closing punctuation ends it
        ("要抓好落实。\n\n各地要及时报告。", "要抓好落实。\n\n各地要及时报告。"),
        ("他强调：“要抓好落实”\n\n各地要及时报告。", "他强调：“要抓好落实”\n\n各地要及时报告。"),
        # the next line starts with a heading marker
        ("市委组织部将适时召开现场推进会，总结推广好的经验做法和\n\n（二）抓强企业党建",
         "市委组织部将适时召开现场推进会，总结推广好的经验做法和\n\n（二）抓强企业党建"),
        ("今年要重点做好以下工作，各地要结合实际认真抓好\n\n——开展党员轮训。",
         "今年要重点做好以下工作，各地要结合实际认真抓好\n\n——开展党员轮训。"),
        # a numbered heading without full stop stays a heading
        ("一、强化责任落实\n\n各级党组织要压实责任。", "一、强化责任落实\n\n各级党组织要压实责任。"),
        # a numbered paragraph that breaks mid-sentence is joined
        ("第一，要进一步强化质量意识。质量是信息的生命。我认为，数量与质量是\n\n相辅相成的。",
         "第一，要进一步强化质量意识。质量是信息的生命。我认为，数量与质量是相辅相成的。"),
        # lines without a blank line between them are separate paragraphs (.docx style)
        ("市委组织部计划\n在5月中旬举办培训班。", "市委组织部计划\n在5月中旬举办培训班。"),
        # Windows line ends and full-width indentation
        ("　　一、总体要求\r\n\r\n　　各地要抓好落实，\r\n\r\n确保取得实效。\r\n",
         "一、总体要求\n\n各地要抓好落实，确保取得实效。"),
    ],
)
def test_join_rules(raw, expected):
    assert clean(raw).text == expected


# --------------------------------------------------------------------------- offsets


def _assert_map_exact(ct: CleanText) -> None:
    for i, ch in enumerate(ct.text):
        start, end = ct.to_original(i, i + 1)
        assert end == start + 1 and ct.original[start] == ch
        assert ct.from_original(start) == i


def test_offset_map_round_trips_on_seed(seed_clean):
    _assert_map_exact(seed_clean)
    assert seed_clean.to_original(0, len(seed_clean.text)) == (2, len(seed_clean.original.rstrip()))


def test_offset_map_round_trips_on_scraped_page():
    ct = clean(SCRAPED)
    _assert_map_exact(ct)
    # a dropped character maps to the next kept one
    blurb = ct.removed[0]
    title = ct.text.index("关于加强")
    assert ct.from_original(blurb.start + 3) == title
    assert ct.from_original(len(ct.original)) == len(ct.text)


def test_spans_map_to_original_sentences(seed_clean, seed_text):
    start = seed_clean.text.index("市委组织部计划")
    end = seed_clean.text.index("研讨热点问题。") + len("研讨热点问题。")
    o_start, o_end = seed_clean.to_original(start, end)
    original = seed_text[o_start:o_end]
    assert original.startswith("市委组织部计划\n\n在5月中旬") and original.endswith("研讨热点问题。")
    assert seed_clean.to_original(start, start) == (o_start, o_start)
    assert seed_clean.to_original(len(seed_clean.text), len(seed_clean.text))[0] == len(seed_text.rstrip())
    with pytest.raises(ValueError):
        seed_clean.to_original(5, 2)


def test_empty_and_blank_inputs():
    for raw in ("", "\n\n", "　　\r\n"):
        ct = clean(raw)
        assert ct.text == "" and ct.norm == ""
        assert ct.to_original(0, 0) == (0, 0)
        assert ct.from_original(len(raw)) == 0


# --------------------------------------------------------------------------- norm and placeholders


def test_norm_folds_width_per_character():
    ct = clean("（一）ＧＤＰ增长５．２％，完成率１００％　！")
    assert ct.text == "（一）ＧＤＰ增长５．２％，完成率１００％　！"
    assert ct.norm == "(一)GDP增长5.2%，完成率100% ！"
    assert len(ct.norm) == len(ct.text)


def test_seed_placeholders(seed_clean, seed_text):
    kinds = {}
    for p in seed_clean.placeholders:
        assert seed_text[p.start:p.end] == p.text
        kinds.setdefault(p.kind, set()).add(p.text)
    assert kinds == {
        "year_placeholder": {"20xx"},
        "ordinal_placeholder": {"xx"},
        "empty_quote": {"“”"},
        "box": {"□"},
    }
    quote = next(p for p in seed_clean.placeholders if p.kind == "empty_quote")
    assert seed_text[quote.start - 2:quote.end + 2] == "于为“”规划"


def test_placeholder_kinds_in_written_text():
    ct = clean("深入学习贯彻党的XX届三中全会精神，20XX年要完成××县的换届，召开“”主题会议，报送《》□□。")
    got = [(p.kind, p.text) for p in ct.placeholders]
    assert got == [
        ("ordinal_placeholder", "XX"),
        ("year_placeholder", "20XX"),
        ("mask", "××"),
        ("empty_quote", "“”"),
        ("empty_quote", "《》"),
        ("box", "□□"),
    ]
    # across a re-joined page break: two boxes, and no empty quote made of two pages' quotes
    ct = clean("要抓好落实。各地要认真研究□\n\n□等问题，开展“\n\n”主题活动。")
    assert ct.text == "要抓好落实。各地要认真研究□□等问题，开展“”主题活动。"
    assert [(p.kind, p.start, p.end) for p in ct.placeholders] == [("box", 13, 14), ("box", 16, 17)]
    # real numbers and words are not placeholders
    assert clean("2025年要完成XXL码服装采购，第二十届三中全会。").placeholders == ()


def test_to_dict_is_json_ready(seed_clean):
    data = seed_clean.to_dict()
    assert data["text"] == seed_clean.text
    assert {"kind", "text", "start", "end"} == set(data["placeholders"][0])


def test_offset_map_on_random_documents():
    import random

    rng = random.Random(318)
    pieces = [
        "一、加强农村党建", "（二）抓强企业党建", "各地要在6月底前完成轮训。", "市委组织部计划", "在5月中旬举办培训班，",
        "要为“”规划开好头", "20xx年", "下一页", "本文来源：党建网", "　　", "  ", "\r", "", "“五好”创建",
        "Ａ１（一）", "□", "# 标题", "第一，要压实责任。质量是", "——开展轮训。", "\u200b",
    ]
    for _ in range(300):
        raw = "".join(rng.choice(pieces) + rng.choice(["", "\n", "\n\n", "\n \n\n"]) for _ in range(rng.randrange(1, 25)))
        ct = clean(raw)
        _assert_map_exact(ct)
        assert len(ct.norm) == len(ct.text)
        assert all(raw[p.start:p.end] == p.text for p in ct.placeholders)
        assert all(raw[r.start:r.end] == r.text for r in ct.removed)
        positions = [ct.from_original(i) for i in range(len(raw) + 1)]
        assert positions == sorted(positions) and positions[-1] == len(ct.text)


# --------------------------------------------------------------------------- hardening


def test_a_lone_carriage_return_is_a_line_break():
    ct = clean("一、总体要求\r各地要抓好落实。\r\n\r\n二、重点任务\r抓好换届。")
    assert ct.text == "一、总体要求\r各地要抓好落实。\n\n二、重点任务\r抓好换届。"
    _assert_map_exact(ct)


def test_a_zero_width_line_marks_a_page_break_even_after_a_short_line():
    text = "（二）深化改革。\n要全面深化各领域改\n\u200b\n革，加快推进基础性改革。\n\n关于外交工作\n\n在过去一年里，我们……。"
    ct = clean(text)
    assert ct.text == "（二）深化改革。\n要全面深化各领域改革，加快推进基础性改革。\n\n关于外交工作\n\n在过去一年里，我们……。"
    _assert_map_exact(ct)
    # a marked heading before the mark is still a heading
    assert clean("一、总体要求\n\u200b\n各地要抓好落实。").text == "一、总体要求\n\n各地要抓好落实。"


def test_lines_broken_inside_a_link_are_joined():
    text = "一、关于《\n纲要（草案）\n》的说明\n新建\n高速公路\n6700多公里。\n城市轨道交通\n、地下综合管廊建设加快。"
    assert clean(text).text == ("一、关于《纲要（草案）》的说明\n新建\n高速公路\n6700多公里。\n"
                                "城市轨道交通、地下综合管廊建设加快。")


def test_a_heading_ending_in_a_noun_like_fangxiang_is_not_joined():
    text = "坚持政治引领，把准机关党建方向\n\n机关党建必须始终把政治建设摆在首位。\n\n市委组织部计划向\n\n社区选派干部。"
    assert clean(text).text == ("坚持政治引领，把准机关党建方向\n\n机关党建必须始终把政治建设摆在首位。\n\n"
                                "市委组织部计划向社区选派干部。")


def test_markdown_front_matter_is_removed():
    text = "---\ntitle: 全市组织工作会议讲话\ndate: 2025-03-01\n---\n\n# 在全市组织工作会议上的讲话\n"
    ct = clean(text)
    assert ct.text == "# 在全市组织工作会议上的讲话"
    assert [(r.reason, r.start, r.end) for r in ct.removed] == [("front_matter", 0, text.index("---", 4) + 3)]
    # a rule line that opens prose is no front matter
    assert clean("---\n一、总体要求\n---\n").text == "---\n一、总体要求\n---"


def test_noise_patterns_with_their_own_groups_still_match_in_order():
    ct = clean("广告：买一送一\n一、总体要求\n扫码下载APP", noise_patterns=["ad (?P<kind>广告)：.*", "app 扫码.*"])
    assert [r.reason for r in ct.removed] == ["ad", "app"]
    assert ct.text == "一、总体要求"


def test_a_site_licence_notice_and_everything_after_it_are_dropped():
    body = "各位代表：\n\n现在，我代表县委组织部报告工作。\n\n我们要坚定信心，扎实工作！"
    text = body + "\n\n\n\n本作品是中华人民共和国的\n法律\n、\n法规\n，属于公有领域。\n\nPublic domain\n"
    ct = clean(text)
    assert ct.text == body
    assert [(r.reason, r.start) for r in ct.removed] == [("wiki_licence", text.index("本作品"))]
    # the same words inside a document, or far from its end, are text
    essay = "读后感\n本作品是作者多年心血。\n全书分为三编。"
    assert clean(essay).text == essay
    # replacing the bundled patterns replaces the trailers too
    assert "本作品" in clean(text, noise_patterns=[]).text


def test_results_pickle_and_copy_whole(seed_clean):
    # the records also pickle when setup.py compiles this module (mypyc classes have no __dict__)
    import copy
    import pickle

    for ct in (seed_clean, clean(SCRAPED)):
        for restored in (pickle.loads(pickle.dumps(ct)), copy.deepcopy(ct), copy.copy(ct)):
            assert restored == ct and restored.norm == ct.norm
            assert restored.placeholders == ct.placeholders and restored.removed == ct.removed
            assert [restored.to_original(k, k + 1) for k in range(0, len(ct.text), 97)] == \
                   [ct.to_original(k, k + 1) for k in range(0, len(ct.text), 97)]
    assert seed_clean.placeholders and seed_clean.removed
    assert pickle.loads(pickle.dumps(seed_clean.placeholders)) == seed_clean.placeholders
