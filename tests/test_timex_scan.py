"""djnlp.timex scanning: the anchors derived from the grammar, and the windowed scan against a full one."""
from __future__ import annotations

import random
import re
import unicodedata

import pytest

from djnlp.timex import patterns
from djnlp.timex.anchors import consumable, required_chars
from djnlp.timex.docdate import find_document_date
from djnlp.timex.patterns import CLAUSE_ENDS, anchors, families, fold, mask_item_numbers, scan

# Texts written for these tests, in the genre: deadlines, clock times, festivals, ranges, item
# numbers glued to months, full-width digits and punctuation, times at clause starts and ends.
NOTICE = """关于做好２０２５年度基层党组织换届工作的通知
各县（市、区）委组织部：
　　现将有关事项通知如下。
一、时间安排。换届工作自２０２５年３月１日起至６月３０日止，分三个阶段进行：
1.3月上旬：召开动员部署会；2.4月至5月：各支部依次召开党员大会；
7、8月份为集中整改期，9月底前完成“回头看”。
二、工作要求。各单位须于每月25日前报送进展情况，每季度末形成书面总结；
遇有重大问题，应在事发后24小时内报告，特殊情况不得超过48小时。
会议定于3月20日（星期四）上午9:30在市委党校召开，会期半天；
春节、元宵节前后要走访慰问困难党员，“七一”前夕开展主题党日活动，国庆节后第一个工作日上报。
“十四五”期间累计培训支部书记1200人次，2021-2023年连续三年考核优秀。
二〇二五年二月十七日
"""

SPEECH = """同志们：
今天我们召开全市组织工作会议，主要是总结去年工作、部署今年任务。
过去一年，我们坚持按月调度、按季通报，上半年完成了村级组织换届，下半年集中开展了软弱涣散党组织整顿。
今年要重点抓好三件事：一是年底前实现党建引领基层治理全覆盖；二是明年一季度前完成干部轮训；
三是在党的二十大胜利召开以来的工作基础上，继续抓好问题整改。近期，各地要尽快制定方案，
届时市委将组织督查。自本通知印发之日起施行。上世纪80年代以来，党员队伍不断壮大。
建党100周年之际，我们前3个季度的各项指标均好于预期，前天、昨天两次调度，明天下午3点再议！
"""

BRIEF = "5月中旬前完成；汛期前排查到位？今冬明春抓好冬训,岁末年初做好慰问。１０月１日至７日放假调休"


def _full_scan(text: str, monkeypatch: pytest.MonkeyPatch) -> list[patterns.Candidate]:
    with monkeypatch.context() as m:
        m.setattr(patterns, "_any_anchor", lambda: None)      # no anchors: every family over the whole text
        return scan(text, mask_item_numbers(fold(text)))


def test_every_family_has_anchors_and_consumes_no_clause_end():
    for name, pattern in families().items():
        assert anchors()[name], name
        assert consumable(pattern, CLAUSE_ENDS) == set(), name


def test_anchor_sets_are_rare_characters():
    found = anchors()
    assert found["year"] == {"年"}
    assert found["month"] == {"月"}
    assert "中" not in found["vague"] and "一" not in found["festival"]


@pytest.mark.parametrize("text", [NOTICE, SPEECH, BRIEF, "", "，。；", "年", "2024年"])
def test_windowed_scan_equals_full_scan(text, monkeypatch):
    windowed = scan(text, mask_item_numbers(fold(text)))
    assert windowed == _full_scan(text, monkeypatch)
    assert len(windowed) > 3 or len(text) < 10


def test_windowed_scan_equals_full_scan_on_the_seed(seed_text, monkeypatch):
    windowed = scan(seed_text, mask_item_numbers(fold(seed_text)))
    assert len(windowed) > 50
    assert windowed == _full_scan(seed_text, monkeypatch)


def test_windowed_scan_equals_full_scan_on_shuffled_clauses(monkeypatch):
    # clauses of the texts above recombined: times meet clause ends at either side
    clauses = re.findall(r"[^，。；！？,;!?]+[，。；！？,;!?]?", NOTICE + SPEECH + BRIEF)
    rng = random.Random(7)
    for _ in range(20):
        text = "".join(rng.sample(clauses, 12))
        assert scan(text, mask_item_numbers(fold(text))) == _full_scan(text, monkeypatch)


def test_required_chars():
    def cost(char):
        return 1

    assert required_chars(re.compile(r"(?<!\d)\d+\s*年"), cost) == {"年"}
    assert required_chars(re.compile(r"a?b"), cost) == {"b"}
    assert required_chars(re.compile(r"(?:春|秋)季|寒假"), cost) in ({"季", "假"}, {"春", "秋", "假"})
    assert required_chars(re.compile(r"x?\d"), cost) is None              # \d is every Unicode digit
    assert required_chars(re.compile(r"[^，]月?"), cost) is None
    assert required_chars(re.compile(r"(?=年)\w+"), cost) is None          # a lookahead proves nothing
    assert required_chars(re.compile(r"年", re.IGNORECASE), cost) is None


def test_required_chars_prefers_rare_characters():
    pattern = re.compile(r"年中|年底|年初")
    assert required_chars(pattern, lambda c: 100 if c == "年" else 1) == {"中", "底", "初"}
    assert required_chars(pattern, lambda c: 100 if c == "中" else 1) == {"年"}


def test_required_chars_hold_for_every_match():
    rng = random.Random(3)
    alphabet = "年月日中底初前后12 ,。"
    for source in (r"\d{1,2}\s*月(?:底|初)?", r"(?:今|明|去)年|年(?:底|初)", r"前\d+(?:个月|年)", r"[12]?\d日(?=前)"):
        pattern = re.compile(source)
        chars = required_chars(pattern, lambda c: 1)
        assert chars
        for _ in range(300):
            text = "".join(rng.choice(alphabet) for _ in range(12))
            for m in pattern.finditer(text):
                assert not m.group() or set(m.group()) & chars, (source, text)


def test_consumable():
    assert consumable(re.compile(r"年.月"), "，。") == {"，", "。"}          # . may be anything
    assert consumable(re.compile(r"(?<![，。])年"), "，。") == set()         # a lookbehind sees what is before
    assert consumable(re.compile(r"年(?!，)"), "，。") == {"，"}            # a lookahead reading ， might read on
    assert consumable(re.compile(r"年(?=[^，])"), "，。") == {"。"}           # a lookahead may look at 。
    assert consumable(re.compile(r"\d+\s*年"), "，。\n") == {"\n"}
    assert consumable(re.compile(r"年$"), "，") == {"，"}                   # an end anchor: unknown


def test_fold_maps_every_full_width_character():
    full = "".join(chr(code) for code in range(0xFF01, 0xFF5F)) + "\u3000"
    expected = "".join(unicodedata.normalize("NFKC", c) for c in full[:-1]) + " "
    assert fold(full + "年" + full) == expected + "年" + expected
    assert fold("没有全角字符") == "没有全角字符"


def test_document_date_reads_only_first_and_last_lines():
    body = "\n".join(f"第{i}段：２０２４年３月{i % 28 + 1}日召开会议。" for i in range(40))
    assert find_document_date("关于开展调研的通知\n" + body + "\n２０２４年４月２日\n") is not None
    assert find_document_date("（２０２４年３月１５日）\n" + body) == find_document_date("（2024年3月15日）")
    assert find_document_date(body) is None
