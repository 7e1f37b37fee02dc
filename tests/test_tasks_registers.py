"""Task extraction on registers beyond speeches: 整改方案 rows, numbered notice items.

Texts written for these tests in the genre (invented units); each checks actual output.
"""
from __future__ import annotations

from datetime import date

from djnlp.tasks import extract_tasks

RECTIFICATION = (
    "关于巡察反馈意见的整改工作方案\n"
    "三、问题清单及整改措施\n"
    "问题1：理论学习中心组学习流于形式，全年集体研讨仅2次。整改措施：修订中心组学习制度，5月15日前制定全年学习计划。"
    "责任单位：办公室。完成时限：2025年5月15日。\n"
    "问题2：项目资金拨付滞后，截至巡察时仍有800万元未拨付。整改措施：对照项目进度逐项核对资金。"
    "责任单位：计划财务股。完成时限：2025年5月16日。\n"
    "问题3：公务用车管理不严。整改措施：全面清查用车记录。责任单位：农机推广中心。完成时限：2025年6月20日。\n"
    "问题4：基层支部记录不规范。整改措施：机关党委对8个支部的会议记录逐本检查；全面清查2023年以来的补记情况。"
    "责任单位：机关党委。完成时限：2025年5月底前。\n"
)


def test_a_finding_is_no_task_and_a_row_keeps_its_own_fields():
    tasks = extract_tasks(RECTIFICATION, base=date(2025, 4, 16))
    assert not any(t.text.startswith("问题") for t in tasks)            # 问题1：… states a finding
    first = next(t for t in tasks if "学习计划" in t.text)
    assert first.actors == ("办公室",)
    assert first.deadline is not None and first.deadline.text == "5月15日前"
    # every measure after 整改措施： is an order, even without a modal word or with a past time in it
    checks = [t for t in tasks if "逐本检查" in t.text or "补记情况" in t.text]
    assert len(checks) == 2 and all(t.actors == ("机关党委",) for t in checks)
    assert all(t.deadline is not None and t.deadline.text == "2025年5月底前" for t in checks)
    # a row whose measure is not recognised must not hand its 责任单位 to the row above
    for t in tasks:
        if "学习计划" in t.text or "核对资金" in t.text:
            assert "农机推广中心" not in t.actors, t


NOTICE = (
    "关于做好发展党员和党费收缴工作的通知\n"
    "一、发展党员工作\n"
    "1. 发展对象须参加集中培训，培训时间不少于3天。\n"
    "2. 支部书记要在每季度末前听取培养联系人汇报。\n"
    "二、党费收缴工作\n"
    "（一）加强党费管理。\n"
    "（二）要提高政治站位。\n"
)


def test_a_numbered_item_with_a_subject_before_its_cue_is_a_directive_not_a_title():
    tasks = extract_tasks(NOTICE, base=date(2025, 9, 12))
    texts = [t.text for t in tasks]
    assert "发展对象须参加集中培训，培训时间不少于3天。" in texts          # the item without its number
    assert not any("加强党费管理" in t or "提高政治站位" in t for t in texts), texts    # point titles stay titles


DUTY_LIST = (
    "县直机关2026年度党建工作责任清单\n"
    "一、党组（党委）主体责任\n"
    "1. 落实“第一议题”制度，党中央重要会议精神要在会后一周内组织传达学习。\n"
    "二、书记第一责任人责任\n"
    "2. 年底前须向工委述职。\n"
    "三、要强化督查责任\n"
    "3. 必须把责任落实到人头。\n"
)


def test_items_of_a_duty_list_inherit_the_bearer_their_heading_names():
    tasks = extract_tasks(DUTY_LIST, base=date(2026, 1, 20))
    by_text = {t.text.split("。")[0]: t for t in tasks}
    first = next(t for k, t in by_text.items() if "第一议题" in k)
    assert first.actors == ("党组（党委）",) and first.actors_inherited
    second = next(t for k, t in by_text.items() if "述职" in k)
    assert second.actors == ("书记",)
    assert not any("要强化" in a for t in tasks for a in t.actors)     # 要强化督查责任 names no bearer


def test_a_new_subject_with_its_own_limit_is_a_task_of_its_own():
    text = ("4. 春节前开展一次困难党员走访，慰问情况于2月27日前报工委组织科。\n"
            "学校第42期发展对象培训班定于10月中旬举办，各二级党组织于9月30日前报送参训名单。\n")
    tasks = extract_tasks(text, base=date(2026, 1, 20))
    by_deadline = {t.deadline.text: t.text for t in tasks if t.deadline}
    assert by_deadline["春节前"] == "春节前开展一次困难党员走访，"
    assert by_deadline["2月27日前"] == "慰问情况于2月27日前报工委组织科。"
    assert by_deadline["9月30日前"] == "各二级党组织于9月30日前报送参训名单。"


def test_a_short_numbered_item_with_a_subject_is_no_point_title():
    notice = ("二、党费收缴工作\n1. 党员应当按月交纳党费。在职党员以上一年度工资收入为基数。\n"
              "第一，书记要亲自抓。各支部要把党费收缴情况纳入组织生活会内容。\n")
    texts = [t.text for t in extract_tasks(notice, base=date(2025, 9, 12))]
    assert "党员应当按月交纳党费。" in texts
    assert not any(t.startswith("书记要亲自抓") or "第一，书记" in t for t in texts)      # a point title stays one
