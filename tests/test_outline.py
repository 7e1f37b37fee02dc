"""djnlp.outline: documents of a compilation and the heading tree of each, in original offsets."""
from __future__ import annotations

import doctest
import importlib
import json
from pathlib import Path

import pytest

from djnlp.clean import clean
from djnlp.errors import ConfigError, InputError
from djnlp.io import HeadingHint, read
from djnlp.outline import Document, Section, parse_outline


def outline(text: str, hints=()) -> list[Document]:
    docs = parse_outline(clean(text), hints)
    for doc in docs:
        for s in doc.sections:
            assert text[s.heading_start:s.heading_end] == s.heading
            assert doc.start <= s.start <= s.heading_start <= s.heading_end <= s.end <= doc.end
    return docs


def tree(doc: Document) -> list[tuple[str, str | None, str | None, str]]:
    return [(s.id, s.parent, s.marker, s.heading) for s in doc.sections]


def by_heading(doc: Document, prefix: str) -> Section:
    return next(s for s in doc.sections if s.heading.startswith(prefix))


# ------------------------------------------------------------------ the seed


@pytest.fixture(scope="module")
def seed_docs(seed_text: str) -> list[Document]:
    return parse_outline(clean(seed_text))


def test_seed_splits_into_five_documents(seed_docs, seed_text):
    assert [d.title for d in seed_docs] == [
        "基层党组织组织百科篇一", "基层党组织百科篇二", "基层党组织百科篇三",
        "基层党组织百科篇四", "基层党组织百科篇五",
    ]
    # the compilation title and the site blurb before 篇一 belong to no document
    first = seed_docs[0]
    assert seed_text[first.start:].startswith("## 基层党组织组织百科篇一")
    assert "优秀5篇" not in seed_text[first.start:first.end]
    assert seed_text.index("人的记忆力") < first.start
    for a, b in zip(seed_docs, seed_docs[1:]):
        assert a.end <= b.start


def test_seed_first_speech_tree(seed_docs, seed_text):
    doc = seed_docs[0]
    top = by_heading(doc, "把握全局，突出重点，扎实做好基层党建的各项业务工作")
    assert (top.family, top.level, top.parent, top.marker) == ("plain", 1, None, None)
    one = by_heading(doc, "以“五好”创建为总抓手")
    assert (one.marker, one.family, one.parent) == ("(一)", "cn_paren", top.id)
    fields = [by_heading(doc, p) for p in ("围绕建设社会主义新农村", "着眼于促进发展与自主创新",
                                           "着力构建党建新格局", "围绕改进工作作风")]
    assert [f.heading for f in fields] == [
        "围绕建设社会主义新农村，切实加强农村党建工作",
        "着眼于促进发展与自主创新，进一步加大企业党建工作的力度",
        "着力构建党建新格局，进一步加强社区党建工作",
        "围绕改进工作作风，切实做好机关和事业单位党建工作",
    ]
    assert {(f.parent, f.level, f.family) for f in fields} == {(one.id, one.level + 1, "num_dun")}
    assert [f.marker for f in fields] == ["1、", "2、", "3、", "4、"]
    two, three = by_heading(doc, "大力加强基层民主政治建设"), by_heading(doc, "围绕保持先进性")
    assert two.parent == three.parent == top.id and two.level == three.level == one.level
    assert (one.end, two.end) == (two.start, three.start)
    # 第一，… paragraphs are sub-points of 1、, headed by their first sentence
    first_point = by_heading(doc, "继续下功夫抓好")
    assert first_point.heading == "继续下功夫抓好“创五好、奔小康，建设社会主义新农村”主题实践活动，务求取得实效"
    assert (first_point.family, first_point.parent) == ("di", fields[0].id)
    # 一是/二是 inside those paragraphs are not sections
    assert not any(s.family == "shi" for s in doc.sections)
    # a section covers its heading, body and children
    assert seed_text[fields[0].start:fields[0].end].count("第一，") == 1
    assert seed_text[fields[3].end:].startswith("(二)")
    assert top.end == doc.end


def test_seed_offsets_slice_back_to_headings(seed_docs, seed_text):
    sections = [s for d in seed_docs for s in d.sections]
    assert len(sections) > 60
    ids = [(d.title, s.id) for d in seed_docs for s in d.sections]
    assert len(set(ids)) == len(ids)
    for s in sections:
        assert s.heading and s.heading in seed_text[s.heading_start:s.heading_end]
        assert "请访问下一页" not in s.heading and "人的记忆力" not in s.heading
        assert len(s.heading) <= 60


def test_seed_scrape_markdown_does_not_decide_levels(seed_docs):
    third, fourth, fifth = seed_docs[2], seed_docs[3], seed_docs[4]
    # "## 一、" "## 二、" "### 三、" are siblings; "#### 1、" "## 2、" "### 3、" too
    assert [s.heading for s in third.sections if s.level == 1] == [
        "加强基层党组织执政能力建设的必要性", "加强基层党组织执政能力建设的迫切性", "如何加强基层组织建设"]
    nums = [s for s in third.sections if s.family == "num_dun"]
    assert [s.marker for s in nums] == ["1、", "2、", "3、"] and len({s.parent for s in nums}) == 1
    # headings run into their paragraph with a space
    assert [s.heading for s in third.sections if s.family == "plain"] == [
        "对腐败问题监督不力", "政治核心作用难以体现", "履行基层党组织的职能不够"]
    assert [s.marker for s in third.sections if s.family == "shi"] == ["二要", "三要", "四要", "一是", "二是", "三是", "四是", "五是"]
    # "### (三)" is a sibling of "(一)" "(二)" under "## 二、"
    parens = [s for s in fourth.sections if s.family == "cn_paren"]
    assert [s.marker for s in parens] == ["(一)", "(二)", "(三)", "(四)"]
    assert len({(s.parent, s.level) for s in parens}) == 1
    # 篇五: "## (二)" is a sibling of "(一)"; the unnumbered heading holds 1、2、3、
    assert [s.level for s in fifth.sections if s.family == "cn_paren"] == [1, 1]
    renew = by_heading(fifth, "更新观念，提高素质，不断提高做好基层党建工作的能力和水平")
    assert renew.family == "plain"
    assert [s.heading for s in fifth.sections if s.parent == renew.id] == ["加强学习，更新理念", "实践锻炼，提高能力", "加强指导，改进作风"]


def test_seed_read_with_markdown_hints_gives_the_same_outline(seed_path, seed_docs):
    source = read(seed_path)
    assert source.heading_hints  # io turns the '#' lines into hints
    assert parse_outline(clean(source.text), source.heading_hints) == seed_docs


# ------------------------------------------------------------------ marker families

SPEECH = """同志们：
下面，我讲三点意见。
一、统一思想，提高认识
（一）深刻把握新时代党建工作的总要求。各级党组织要把党的政治建设摆在首位。
1．抓好理论武装。
（1）健全学习制度。各支部每月至少集中学习一次。
（2）创新学习方式。要用好“学习强国”等平台。
2．压实工作责任。
第一，明确书记职责。书记是第一责任人。
第二，细化班子分工。一是分管领导要抓好分管领域，二是班子成员要落实“一岗双责”。
一是建立责任清单。清单要具体到人。
二是实行季度督查。每季度末通报一次进展。
首先，要加强督促检查。各乡镇要建立台账。
其次，要强化结果运用。考核结果与评先评优挂钩。
最后，要及时总结经验。
（二）着力解决基层党建的突出问题。
二、突出重点，狠抓落实
各地要结合实际抓好落实。
"""


def test_every_family_nests_in_first_seen_order():
    doc, = outline(SPEECH)
    assert doc.title == ""
    got = [(s.level, s.family, s.marker) for s in doc.sections]
    assert got == [
        (1, "cn_dun", "一、"),
        (2, "cn_paren", "（一）"),
        (3, "num_dun", "1．"),
        (4, "num_paren", "（1）"),
        (4, "num_paren", "（2）"),
        (3, "num_dun", "2．"),
        (4, "di", "第一，"),
        (4, "di", "第二，"),
        (5, "shi", "一是"),
        (5, "shi", "二是"),
        (6, "seq", "首先，"),
        (6, "seq", "其次，"),
        (6, "seq", "最后，"),
        (2, "cn_paren", "（二）"),
        (1, "cn_dun", "二、"),
    ]
    assert [s.id for s in doc.sections][:4] == ["1", "1.1", "1.1.1", "1.1.1.1"]
    assert by_heading(doc, "细化班子分工").heading == "细化班子分工"
    assert by_heading(doc, "深刻把握").heading == "深刻把握新时代党建工作的总要求"
    assert by_heading(doc, "要及时总结经验").marker == "最后，"


def test_qi_points_open_paragraphs():
    text = "（一）存在的问题\n其一，学习不够深入。有的支部以读代学。\n其二，制度落实不严。\n"
    doc, = outline(text)
    assert [(s.level, s.family, s.heading) for s in doc.sections] == [
        (1, "cn_paren", "存在的问题"), (2, "shi", "学习不够深入"), (2, "shi", "制度落实不严")]


def test_closing_remark_is_no_section_without_a_running_list():
    text = "一、抓好换届工作\n各地要按期完成换届。\n最后，我再强调一点纪律要求。换届纪律要严明。\n"
    doc, = outline(text)
    assert [s.heading for s in doc.sections] == ["抓好换届工作"]


def test_full_width_and_half_width_markers_are_one_family():
    text = "一．总体要求\n二.工作任务\n（１）摸清底数。\n(2)建立台账。\n１．健全制度。\n"
    doc, = outline(text)
    assert [(s.level, s.family, s.marker) for s in doc.sections] == [
        (1, "cn_dun", "一．"), (1, "cn_dun", "二."), (2, "num_paren", "（１）"), (2, "num_paren", "(2)"),
        (3, "num_dun", "１．")]


def test_regulation_chapters_articles_and_circled_items():
    text = ("第一章 总则\n第一条 为了加强党支部建设，制定本办法。\n第二条 党支部是党的基础组织。\n"
            "第二章 组织设置\n第三条 党支部设置一般以单位、区域为主。主要形式有：\n"
            "①单独组建。正式党员3人以上的单位单独成立党支部。\n②联合组建。\n"
            "毛主席说过，对于困难，有两条，“\n第一条，不怕；第二条，克服\n”。\n")
    doc, = outline(text)
    assert [(s.id, s.family, s.heading) for s in doc.sections] == [
        ("1", "chapter", "总则"),
        ("1.1", "article", "为了加强党支部建设，制定本办法"),
        ("1.2", "article", "党支部是党的基础组织"),
        ("2", "chapter", "组织设置"),
        ("2.1", "article", "党支部设置一般以单位、区域为主"),
        ("2.1.1", "circled", "单独组建"),
        ("2.1.2", "circled", "联合组建"),
    ]


def test_order_is_learned_per_document():
    text = ("1.完善组织设置\n（一）扩大覆盖面。新建支部12个。\n（二）理顺隶属关系。\n"
            "2.强化队伍建设\n（一）选优配强书记。\n")
    doc, = outline(text)
    assert [(s.id, s.marker) for s in doc.sections] == [
        ("1", "1."), ("1.1", "（一）"), ("1.2", "（二）"), ("2", "2."), ("2.1", "（一）")]


def test_mixed_and_skipped_numbering():
    text = """一、基本情况
全县共有基层党组织1200个。
三、存在问题
（二）部分支部活动不经常。
1. 一些支部组织生活流于形式。
2. 个别党员长期不参加活动。
（三）发展党员结构不优。
1.5万名党员中，35岁以下的占比偏低。
四、下步打算
1. 全面开展整顿。
"""
    doc, = outline(text)
    assert tree(doc) == [
        ("1", None, "一、", "基本情况"),
        ("2", None, "三、", "存在问题"),
        ("2.1", "2", "（二）", "部分支部活动不经常"),
        ("2.1.1", "2.1", "1.", "一些支部组织生活流于形式"),
        ("2.1.2", "2.1", "2.", "个别党员长期不参加活动"),
        ("2.2", "2", "（三）", "发展党员结构不优"),
        ("3", None, "四、", "下步打算"),
        ("3.1", "3", "1.", "全面开展整顿"),
    ]


def test_numbering_restarts_under_a_new_parent():
    text = ("（一）农村党建\n1、抓好村级换届。\n2、整顿软弱涣散村。\n"
            "（二）社区党建\n1、推进网格化管理。\n2、建强小区党支部。\n")
    doc, = outline(text)
    assert [(s.id, s.heading) for s in doc.sections] == [
        ("1", "农村党建"), ("1.1", "抓好村级换届"), ("1.2", "整顿软弱涣散村"),
        ("2", "社区党建"), ("2.1", "推进网格化管理"), ("2.2", "建强小区党支部")]


def test_a_family_seen_deeper_stays_deeper():
    text = ("一、组织建设\n（一）支部建设\n1、规范设置。\n二、队伍建设\n1、严把入口。\n"
            "（一）书记队伍\n2、加强培训。\n")
    doc, = outline(text)
    # under 二、 the 1、 comes first, but （一） was seen above 1、: it closes 1、 and is its sibling
    assert tree(doc)[3:] == [
        ("2", None, "二、", "队伍建设"),
        ("2.1", "2", "1、", "严把入口"),
        ("2.2", "2", "（一）", "书记队伍"),
        ("2.2.1", "2.2", "2、", "加强培训"),
    ]


def test_sub_points_in_the_opening_never_hold_the_speech():
    text = ("会议有三项议程：\n一是传达上级会议精神；\n二是总结去年工作；\n三是部署今年任务。\n"
            "一、总结成绩\n去年各项工作扎实推进。\n二、部署任务\n第一，抓好换届。各地要按期完成。\n")
    doc, = outline(text)
    assert [(s.level, s.marker) for s in doc.sections] == [
        (1, "一是"), (1, "二是"), (1, "三是"), (1, "一、"), (1, "二、"), (2, "第一，")]


def test_a_list_introduced_by_a_colon_nests_inside_an_item_of_its_own_family():
    text = ("1、加强组织建设\n今年要重点做好以下工作：\n1、完成村级换届。\n2、整顿软弱涣散党组织。\n"
            "3、建强党群服务中心。\n2、加强作风建设\n3、加强制度建设\n1、健全“三会一课”制度。\n")
    doc, = outline(text)
    assert [(s.id, s.heading) for s in doc.sections] == [
        ("1", "加强组织建设"),
        ("1.1", "完成村级换届"), ("1.2", "整顿软弱涣散党组织"), ("1.3", "建强党群服务中心"),
        ("2", "加强作风建设"),
        # a 1、 right after 3、 restarts the numbering: a list inside item 3, even without "："
        ("3", "加强制度建设"), ("3.1", "健全“三会一课”制度"),
    ]


def test_sibling_keeps_its_level_across_a_deeper_list():
    text = ("1、加强领导\n（1）成立领导小组。\n（2）建立联席会议。\n第一，每季度召开一次会议。\n"
            "2、完善制度\n3、强化保障\n")
    doc, = outline(text)
    assert [(s.level, s.marker) for s in doc.sections] == [
        (1, "1、"), (2, "（1）"), (2, "（2）"), (3, "第一，"), (1, "2、"), (1, "3、")]


# ------------------------------------------------------------------ markdown, run-in, hints


def test_markdown_headings_are_their_own_family():
    text = """## 工作回顾
去年全镇发展党员23名。
### 主要做法
一是抓学习。每月组织一次专题学习。
二是抓服务。开展志愿服务48场。
### 存在不足
## 今年打算
### 3、加强阵地建设。
1、新建村级活动场所5处。
## 4、严格组织生活。
"""
    doc, = outline(text)
    assert [(s.id, s.family, s.heading) for s in doc.sections] == [
        ("1", "markdown", "工作回顾"),
        ("1.1", "markdown", "主要做法"),
        ("1.1.1", "shi", "抓学习"),
        ("1.1.2", "shi", "抓服务"),
        ("1.2", "markdown", "存在不足"),
        ("2", "markdown", "今年打算"),
        # numbering decides, not the '#'s: "### 3、" and "## 4、" are siblings, and the
        # restarted "1、" between them is a list inside item 3
        ("2.1", "num_dun", "加强阵地建设"),
        ("2.1.1", "num_dun", "新建村级活动场所5处"),
        ("2.2", "num_dun", "严格组织生活"),
    ]


def test_run_in_headings_take_the_first_sentence():
    text = ("1、围绕建设美丽乡村，切实加强农村党建工作。今年要完成村级活动场所提档升级。\n"
            "第一，要进一步强化质量意识。质量是信息的生命，“数量再多，没有质量也没有用。”\n"
            "第二，围绕全面提升基层党组织组织力这个重点，聚焦村、社区、机关、企业、学校等各领域，"
            "持续推进党支部标准化规范化建设，推动基层党建全面进步。\n"
            "第三，要在“抓基层、打基础。”上下功夫。\n")
    doc, = outline(text)
    assert [s.heading for s in doc.sections] == [
        "围绕建设美丽乡村，切实加强农村党建工作",
        "要进一步强化质量意识",
        # a sentence over 60 characters is cut back to the last ，-clause that fits
        "围绕全面提升基层党组织组织力这个重点，聚焦村、社区、机关、企业、学校等各领域，持续推进党支部标准化规范化建设",
        # a sentence end inside quotes does not end the heading
        "要在“抓基层、打基础。”上下功夫",
    ]


def test_marker_alone_on_its_line_takes_the_next_line():
    text = "一、\n总体要求\n各地要高度重视。\n二、\n工作步骤\n"
    doc, = outline(text)
    assert [(s.marker, s.heading) for s in doc.sections] == [("一、", "总体要求"), ("二、", "工作步骤")]


def test_unnumbered_headings_need_prose_around_them():
    text = """同志们：
今年以来，全市组织工作取得了新进展。

夯实基础，补齐短板，全面提升基层组织力
要坚持大抓基层的鲜明导向，推动各领域党组织全面进步全面过硬。
村党组织书记队伍建设
要实施村党组织书记“头雁”工程。
各地要在年底前完成一轮
培训，确保人人过关。

中共某某市委组织部
2025年3月6日
"""
    doc, = outline(text)
    assert [(s.family, s.heading) for s in doc.sections] == [
        ("plain", "夯实基础，补齐短板，全面提升基层组织力"),
        ("plain", "村党组织书记队伍建设"),
    ]
    greeting = outline("各位领导 各位同事：大家好！\n一、工作回顾\n今年完成了各项任务。\n")[0]
    assert [s.heading for s in greeting.sections] == ["工作回顾"]
    # learned order: both unnumbered lines are one family, so they are siblings
    assert {s.level for s in doc.sections} == {1}


def test_word_heading_styles_from_hints():
    text = ("在全县基层党建工作会议上的讲话\n同志们：\n"
            "关于去年的工作\n过去一年，全县基层党建工作取得新成效。\n"
            "村级组织建设\n完成了全部村级组织换届。\n"
            "关于今年的任务\n1、抓好党员教育。今年要轮训党员一遍。\n")
    def hint(line: str, level: int) -> HeadingHint:
        start = text.index(line + "\n")
        return HeadingHint(start, start + len(line), level)
    hints = [hint("在全县基层党建工作会议上的讲话", 0), hint("关于去年的工作", 1),
             hint("村级组织建设", 2), hint("关于今年的任务", 1)]
    doc, = outline(text, hints)
    assert doc.title == "在全县基层党建工作会议上的讲话"
    assert [(s.id, s.family, s.heading) for s in doc.sections] == [
        ("1", "style", "关于去年的工作"),
        ("1.1", "style", "村级组织建设"),
        ("2", "style", "关于今年的任务"),
        ("2.1", "num_dun", "抓好党员教育"),
    ]
    # without the hints "村级组织建设" is an unnumbered heading of its own
    assert [s.heading for s in outline(text)[0].sections] != [s.heading for s in doc.sections]


def test_offsets_survive_cleaning():
    text = "\ufeff  一、总体要求\n\n下一页\n\n　　（一）指导思想。以党的二十大精神为指导。\n"
    doc, = outline(text)
    first, second = doc.sections
    assert text[first.heading_start:first.heading_end] == "总体要求"
    assert text[second.start:second.heading_start] == "（一）"
    assert second.end == len(text) - 1 == first.end == doc.end


# ------------------------------------------------------------------ documents


def test_empty_text_has_no_documents():
    assert parse_outline(clean("")) == []
    assert parse_outline("  \n\n　\n") == []


def test_text_without_headings_is_one_document_without_sections():
    text = "今年以来，全镇共发展党员15名。各村均按要求召开了组织生活会。\n下一步，将继续抓好党员教育管理。\n"
    docs = outline(text)
    assert len(docs) == 1
    assert (docs[0].title, docs[0].start, docs[0].end, docs[0].sections) == ("", 0, len(text) - 1, ())


@pytest.mark.parametrize("markers, titles", [
    (["【篇一】", "【篇二】", "【篇三】"], ["篇一", "篇二", "篇三"]),
    (["第一篇 在全镇党建会上的讲话", "第二篇 在全镇冬训动员会上的讲话"],
     ["第一篇 在全镇党建会上的讲话", "第二篇 在全镇冬训动员会上的讲话"]),
    (["材料一", "材料二"], ["材料一", "材料二"]),
    (["范文1：支部书记述职报告", "范文2：支部书记述职报告"], ["范文1：支部书记述职报告", "范文2：支部书记述职报告"]),
    (["## 党支部工作总结篇一", "## 党支部工作总结篇二"], ["党支部工作总结篇一", "党支部工作总结篇二"]),
])
def test_document_markers(markers, titles):
    body = "一、主要工作\n今年支部共开展主题党日12次。\n二、存在问题\n个别党员学习不够主动。\n"
    text = "党支部工作总结范文（精选）\n本站为您整理了以下范文，供参考。\n" + "".join(m + "\n" + body for m in markers)
    docs = outline(text)
    assert [d.title for d in docs] == titles
    assert all([s.heading for s in d.sections] == ["主要工作", "存在问题"] for d in docs)
    assert text[docs[0].start:].startswith(markers[0])
    assert docs[-1].end == len(text) - 1


def test_a_bare_marker_takes_the_title_line_after_it():
    text = ("【篇一】\n在全县组织工作会议上的讲话\n同志们：\n一、总结成绩\n去年工作扎实有效。\n"
            "【篇二】\n在全县党建述职评议会上的讲话\n同志们：\n一、述职情况\n六位书记作了述职。\n")
    docs = outline(text)
    assert [d.title for d in docs] == ["篇一 在全县组织工作会议上的讲话", "篇二 在全县党建述职评议会上的讲话"]
    assert [[s.heading for s in d.sections] for d in docs] == [["总结成绩"], ["述职情况"]]


def test_unmarked_file_title_line():
    text = "# 关于加强村党组织书记队伍建设的调研报告\n近年来，我县把村党组织书记队伍建设作为重点。\n## 一、基本情况\n全县共有村党组织书记312名。\n"
    doc, = outline(text)
    assert doc.title == "关于加强村党组织书记队伍建设的调研报告"
    assert tree(doc) == [("1", None, "一、", "基本情况")]


def test_speech_title_before_the_salutation():
    text = ("在全市基层党建工作推进会上的讲话\n同志们：\n今天召开会议，主要任务是部署今年的基层党建工作。\n"
            "把握全局，突出重点，扎实做好各项工作\n（一）抓好农村党建。各县要年内完成整顿任务。\n")
    doc, = outline(text)
    assert doc.title == "在全市基层党建工作推进会上的讲话"
    assert [(s.level, s.family, s.heading) for s in doc.sections] == [
        (1, "plain", "把握全局，突出重点，扎实做好各项工作"), (2, "cn_paren", "抓好农村党建")]


def test_single_weak_marker_does_not_split():
    text = "其一\n一、加强学习\n要把学习作为第一需要。\n"
    doc, = outline(text)
    assert [s.heading for s in doc.sections] == ["加强学习"]


def test_to_dict_is_json():
    doc, = outline(SPEECH)
    data = json.loads(json.dumps(doc.to_dict(), ensure_ascii=False))
    assert set(data) == {"title", "start", "end", "sections"}
    first = data["sections"][0]
    assert first == {"id": "1", "parent": None, "level": 1, "marker": "一、", "family": "cn_dun",
                     "heading": "统一思想，提高认识", "start": SPEECH.index("一、统一"),
                     "end": SPEECH.index("二、突出"), "heading_start": SPEECH.index("统一思想"),
                     "heading_end": SPEECH.index("统一思想") + 9}


def test_plain_string_input_is_cleaned():
    assert parse_outline("一、总体要求\n抓好落实。")[0].sections[0].heading == "总体要求"


def test_bad_input_raises_djnlp_errors():
    with pytest.raises(InputError):
        parse_outline(42)  # type: ignore[arg-type]
    with pytest.raises(InputError):
        parse_outline(clean("一、总体要求"), [HeadingHint(0, 99, 1)])
    with pytest.raises(InputError):
        parse_outline(clean("一、总体要求"), [(0, 6, 1)])  # type: ignore[list-item]


def test_a_broken_marker_file_is_a_config_error():
    grammar = importlib.import_module("djnlp.outline.markers")
    data = grammar.tomllib.loads((grammar.resources.files("djnlp") / "data" / "outline" / "markers.toml").read_text("utf-8"))
    data["heading"][0]["pattern"] = "[（(unclosed"
    with pytest.raises(ConfigError, match="markers.toml"):
        grammar._build(data)
    del data["limits"]
    with pytest.raises(ConfigError):
        grammar._build(data)


@pytest.mark.parametrize("module", ["djnlp.outline", "djnlp.outline.markers", "djnlp.outline.lines",
                                    "djnlp.outline.documents", "djnlp.outline.headings",
                                    "djnlp.outline.tree", "djnlp.outline.model"])
def test_module_examples(module):
    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0


# ------------------------------------------------------------------ the written gold corpus

GOLD = Path(__file__).resolve().parent.parent / "corpus" / "outline" / "gold.jsonl"
GOLD_RECORDS = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.mark.parametrize("record", GOLD_RECORDS, ids=[r["file"].split("/")[-1] for r in GOLD_RECORDS])
def test_gold_corpus_outline(record):
    src = read(GOLD.parent / record["file"])
    docs = parse_outline(clean(src.text), src.heading_hints)
    squeeze = str.maketrans("", "", " \u3000：:【】")
    assert [d.title.translate(squeeze) for d in docs] == [g["title"].translate(squeeze) for g in record["documents"]]
    for doc, gold in zip(docs, record["documents"]):
        by_id = {s.id: s.heading for s in doc.sections}
        got = [(s.heading, s.level, by_id[s.parent] if s.parent else None) for s in doc.sections]
        assert got == [(h["heading"], h["level"], h["parent"]) for h in gold["headings"]]
        for s in doc.sections:
            assert src.text[s.heading_start:s.heading_end] == s.heading


# ------------------------------------------------------------------ weak spots fixed


def test_table_of_contents_entries_are_no_documents():
    text = ("组工信息\n目　录\n篇一：甲县推行“四议两公开”\n篇二：乙区建强网格党支部\n\n"
            "篇一：甲县推行“四议两公开”\n甲县在全县推行……。一是规范程序。\n"
            "篇二：乙区建强网格党支部\n乙区以网格为单元……。\n")
    docs = outline(text)
    assert [d.title for d in docs] == ["篇一：甲县推行“四议两公开”", "篇二：乙区建强网格党支部"]
    assert text[docs[0].start:].startswith("篇一：甲县推行“四议两公开”\n甲县")


def test_subtitle_byline_and_date_belong_to_the_title():
    text = ("凝心聚力抓党建 实干担当促发展\n——在全县组织工作会议上的讲话\n县委常委、组织部部长 李明\n"
            "（2025年2月26日）\n同志们：\n下面我讲三点意见。\n一、回顾过去一年\n去年工作扎实有效。\n")
    doc, = outline(text)
    assert doc.title == "凝心聚力抓党建 实干担当促发展"
    assert tree(doc) == [("1", None, "一、", "回顾过去一年")]


def test_a_first_line_naming_the_document_is_its_title():
    text = ("关于全市年轻干部队伍建设情况的调研报告\n按照市委部署，调研组开展了专题调研。现将有关情况报告如下。\n"
            "基本情况\n截至今年6月底，全市共有35岁以下科级干部1263名。\n"
            "几点建议\n第一，拓宽来源渠道。坚持多渠道选拔年轻干部。\n")
    doc, = outline(text)
    assert doc.title == "关于全市年轻干部队伍建设情况的调研报告"
    assert [(s.level, s.heading) for s in doc.sections] == [(1, "基本情况"), (1, "几点建议"), (2, "拓宽来源渠道")]


def test_an_attachment_is_a_top_level_section_and_the_sign_off_list_is_none():
    text = ("一、工作要求\n（一）加强组织领导。县委组织部牵头抓总。\n"
            "附件：1.课程安排表\n      2.参训人员名单汇总表\n中共青山县委组织部\n2025年2月28日\n"
            "附件1\n\n课程安排表\n时间\n课程\n")
    doc, = outline(text)
    assert [(s.level, s.family, s.marker, s.heading) for s in doc.sections] == [
        (1, "cn_dun", "一、", "工作要求"), (2, "cn_paren", "（一）", "加强组织领导"),
        (1, "attachment", "附件1", "课程安排表")]


def test_an_enumeration_run_into_one_paragraph_is_no_section():
    text = "二、存在的问题\n一是实践锻炼不够。部分干部缺乏历练。二是结构不够均衡。三是激励有待加强。\n"
    doc, = outline(text)
    assert tree(doc) == [("1", None, "二、", "存在的问题")]


def test_bold_run_in_heading_in_markdown():
    text = "## 三、组织实施\n\n**（一）精心组织。**各乡镇党委要制定计划。\n\n**（二）创新方式**。采取多种方式。\n"
    doc, = outline(text)
    assert [(s.level, s.marker, s.heading) for s in doc.sections] == [
        (1, "三、", "组织实施"), (2, "（一）", "精心组织"), (2, "（二）", "创新方式")]


def test_headings_may_end_in_words_like_fangxiang():
    text = ("同志们：\n今天召开会议，部署下半年工作。下面，我讲几点意见。\n\n坚持政治引领，把准机关党建方向\n\n"
            "机关党建必须始终把政治建设摆在首位，确保党中央决策部署落到实处。\n")
    doc, = outline(text)
    assert [(s.family, s.heading) for s in doc.sections] == [("plain", "坚持政治引领，把准机关党建方向")]


def test_lines_broken_by_a_page_break_mark_or_a_link_make_no_heading():
    text = ("（二）深化重要领域改革。\n要全面深化各领域改\n\u200b\n革，加快推进基础性改革。\n\n"
            "一、关于《\n纲要（草案）\n》的说明\n下面作简要说明。\n")
    doc, = parse_outline(clean(text))
    assert [(s.marker, s.heading) for s in doc.sections] == [("（二）", "深化重要领域改革"), ("一、", "关于《纲要（草案）》的说明")]
    # the heading is the cleaned text; its original span still holds the line breaks
    joined = doc.sections[1]
    assert text[joined.heading_start:joined.heading_end] == "关于《\n纲要（草案）\n》的说明"


def test_a_title_set_on_two_lines_before_the_subtitle():
    text = ("决胜全面建成小康社会\n\n为夺取新时代伟大胜利而奋斗\n\n——在全县党代会上的报告\n\n（2025年10月18日）\n\n"
            "李　明\n\n同志们：\n\n现在，我代表县委作报告。\n\n一、过去五年的工作\n\n五年来，全县经济持续发展。\n")
    doc, = outline(text)
    assert doc.title == "决胜全面建成小康社会 为夺取新时代伟大胜利而奋斗"
    assert tree(doc) == [("1", None, "一、", "过去五年的工作")]


def test_paragraphs_opening_alike_head_unnumbered_points():
    text = ("西岭县“三个一批”推动软弱涣散村党组织整顿提升\n今年以来，西岭县对12个软弱涣散村党组织实行整顿。\n"
            "选派一批。从县直机关选派12名干部担任第一书记，每月报告工作情况。\n"
            "培育一批。开展村级后备力量“育苗”行动，储备后备力量180名。\n"
            "调整一批。对不胜任的村党组织书记坚决予以调整，共调整4名。\n")
    doc, = outline(text)
    assert doc.title == "西岭县“三个一批”推动软弱涣散村党组织整顿提升"
    assert [(s.level, s.family, s.heading) for s in doc.sections] == [
        (1, "plain", "选派一批"), (1, "plain", "培育一批"), (1, "plain", "调整一批")]
    # a speaker's short sentences are no points, nor is a single short opener
    talk = "我完全同意。这个方案考虑得很周全，各方面都照顾到了。\n我补充两点。一是要抓落实，二是要抓督查，确保见效。\n"
    assert outline(talk)[0].sections == ()
    single = "会议指出。今年是全面完成规划目标任务的关键之年，要抓好落实。\n各地要在年内完成换届。\n"
    assert outline(single)[0].sections == ()


def test_a_table_of_contents_with_page_numbers_loses_to_the_documents():
    text = ("组工信息\n目录\n篇一：甲县推行“四议两公开”\n3\n篇二：乙区建强网格党支部\n5\n\n"
            "篇一：甲县推行“四议两公开”\n甲县在全县推行……。一是规范程序。\n"
            "篇二：乙区建强网格党支部\n乙区以网格为单元……。\n")
    docs = outline(text)
    assert [d.title for d in docs] == ["篇一：甲县推行“四议两公开”", "篇二：乙区建强网格党支部"]
    assert docs[0].start == text.index("篇一", text.index("5\n"))
