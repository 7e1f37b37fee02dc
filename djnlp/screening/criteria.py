"""The eight criteria. Each takes the :class:`Features` of a submission and a :class:`Context`
and returns a :class:`CriterionResult`: a 0–100 score, evidence spans and advice in Chinese.

Scores are smooth in what they measure (``100·e^-penalty``, ``100·(1-e^-facts)``), so one more
cliché, one fewer fact or one more hour of delay always moves the score.

>>> from djnlp.screening.rubric import load_rubric
>>> from djnlp.screening.lexicon import Lexicon
>>> from djnlp.screening.submission import Submission
>>> rubric = load_rubric(); lex = Lexicon.build(rubric)
>>> sub = Submission.from_text("关于高度重视扎实推进党建工作取得明显成效的情况报告\\n我镇高度重视，扎实推进，取得明显成效。")
>>> r = concise(Features.of(sub, lex), Context(rubric, "news"))
>>> r.score < 50 and any("标题" in a for a in r.advice)
True
"""
from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from djnlp.screening.features import Features, Hit
from djnlp.screening.result import CriterionResult, Evidence, Match
from djnlp.screening.rubric import Rubric, TypeNorm

_CN_NUM = "零一二三四五六七八九十"
MAX_EVIDENCE = 24


@dataclass
class Context:
    """What a criterion needs besides the text: rubric, type, timing, matches, segmenter."""

    rubric: Rubric
    type: str
    delay_hours: float | None = None
    event_evidence: Evidence | None = None
    event_note: str | None = None
    matches: Sequence[Match] = ()
    segmenter: Any = None

    @property
    def norm(self) -> TypeNorm:
        return self.rubric.types[self.type]


def cn(n: int, *, count: bool = False) -> str:
    """Small Chinese numeral: 2 → 二 (两 with ``count=True``: 两句), 12 → 十二."""
    if count and n == 2:
        return "两"
    if 0 <= n <= 10:
        return _CN_NUM[n]
    if n < 20:
        return "十" + (_CN_NUM[n - 10] if n > 10 else "")
    if n < 100:
        return _CN_NUM[n // 10] + "十" + (_CN_NUM[n % 10] if n % 10 else "")
    return str(n)


def _saturate(x: float, scale: float) -> float:
    return 1.0 - math.exp(-max(x, 0.0) / scale)


def _cap(evidence: list[Evidence]) -> tuple[Evidence, ...]:
    seen, out = set(), []
    for e in sorted(evidence, key=lambda e: (e.start, e.end)):
        if (e.start, e.end, e.note) not in seen:
            seen.add((e.start, e.end, e.note))
            out.append(e)
    return tuple(out[:MAX_EVIDENCE])


# --------------------------------------------------------------------------- 选题准 topic
def topic(f: Features, ctx: Context) -> CriterionResult:
    """Fit to the year's priorities, and a new situation/problem/experience rather than routine."""
    pri = f.hits["priority"]
    weight = sum(2.0 if f.in_title(s) else 1.0 for s, _, _ in pri)
    names = Counter(f.lex.priority_of[w] for _, _, w in pri)
    novelty = {w for _, _, w in f.hits["novelty"]}
    routine = f.hits["routine"]
    score = 20 + 45 * _saturate(weight, 1.5) + 25 * _saturate(len(novelty), 2.0) + 10 * math.exp(-len(routine) / 3)
    ev = [f.evidence(s, e, f"契合重点工作：{f.lex.priority_of[w]}", "plus") for s, e, w in pri]
    ev += [f.evidence(s, e, "新情况、新做法", "plus") for s, e, _ in f.hits["novelty"]]
    ev += [f.evidence(s, e, "常规性活动") for s, e, _ in routine]
    advice = []
    if not pri:
        sample = "、".join(p.name for p in ctx.rubric.priorities[:4])
        advice.append(f"未对应今年重点工作（如{sample}），建议紧扣重点工作选题")
    elif not any(f.in_title(s) for s, _, _ in pri):
        top = names.most_common(1)[0][0]
        advice.append(f"正文涉及“{top}”，但标题未点明，建议在标题中突出")
    if len(routine) >= 3 and not novelty:
        advice.append("以会议、学习、培训等常规活动为主，缺少新情况、新经验、新问题，属一般工作动态")
    return CriterionResult(score, _cap(ev), tuple(advice))


# --------------------------------------------------------------------------- 立意高 standpoint
def standpoint(f: Features, ctx: Context) -> CriterionResult:
    """Ties local practice to higher-level decisions and the overall situation.

    References inside a 套话 (认真贯彻落实, 围绕中心、服务大局) are slogans and do not count.
    """
    slogans = [(s, e) for s, e, _ in f.hits["cliche"]]

    def real(hits: list[Hit]) -> list[Hit]:
        return [h for h in hits if not any(s <= h[0] and h[1] <= e for s, e in slogans)]

    higher, link, sig = real(f.hits["higher"]), real(f.hits["link"]), real(f.hits["significance"])
    refs = {w for _, _, w in higher}
    local = bool(f.hits["place"] or f.hits["number"])
    score = 15 + 35 * _saturate(len(refs), 1.5) + 25 * _saturate(len(link), 0.8) + 25 * _saturate(len(sig), 0.8)
    if refs and not local:
        score *= 0.85
    ev = [f.evidence(s, e, "联系上级部署/工作大局", "plus") for s, e, _ in higher]
    ev += [f.evidence(s, e, "结合点", "plus") for s, e, _ in link]
    ev += [f.evidence(s, e, "点出普遍意义", "plus") for s, e, _ in sig]
    advice = []
    if not refs:
        advice.append("未体现与上级决策部署和工作大局的联系，建议在导语中点明贯彻落实的是哪项部署")
    elif not link:
        advice.append("提到上级部署，但未写清本地做法与部署的结合点")
    if not sig and ctx.type in ("experience", "problem"):
        advice.append("未点出做法或问题的普遍意义、借鉴价值，立意可再提升")
    if refs and not local:
        advice.append("只有上级精神和大局表述，缺少本地具体实践，容易流于空泛")
    return CriterionResult(min(score, 100.0), _cap(ev), tuple(advice))


# --------------------------------------------------------------------------- 文字精 concise
def concise(f: Features, ctx: Context) -> CriterionResult:
    """Length vs the type norm, title length and shape, 套话 density, clause length, repetition."""
    rc, norm = ctx.rubric.concise, ctx.norm
    penalty, ev, advice = 0.0, [], []
    length = f.body_len
    lo, hi = norm.length
    if length > hi:
        penalty += 1.2 * (length - hi) / hi
        advice.append(f"正文{length}字，{norm.label}信息建议控制在{hi}字以内")
    elif length < lo:
        penalty += 0.8 * (lo - length) / lo
        advice.append(f"正文仅{length}字，{norm.label}信息一般不少于{lo}字，内容偏单薄")

    title = f.title_text
    tlen = len(re.sub(r"\s", "", title))
    ts, te = f.title
    if tlen > norm.title_max:
        penalty += 0.04 * (tlen - norm.title_max)
        ev.append(f.evidence(ts, te, f"标题{tlen}字"))
        advice.append(f"标题{tlen}字，建议不超过{norm.title_max}字")
    if re.match(r"关于", title) or re.search(r"(?:的报告|的情况|情况汇报|的汇报|的通知|的总结|工作总结)$", title):
        penalty += 0.15
        ev.append(f.evidence(ts, te, "公文式标题"))
        advice.append("标题为“关于……的报告/情况”式公文标题，建议改为“主体+做法/问题+成效”的信息标题")
    if title.endswith(("。", "！")):
        penalty += 0.05
        advice.append("标题末尾不加句号")

    weighted = 0.0
    title_cliches = []
    for s, e, w in f.hits["cliche"]:
        if f.in_title(s):
            weighted += rc["title_cliche_weight"]
            title_cliches.append(w)
            note = "标题套话"
        elif f.in_lead(s):
            weighted += rc["lead_cliche_weight"]
            note = "导语套话"
        else:
            weighted += 1.0
            note = "套话"
        ev.append(f.evidence(s, e, note))
    density = weighted / max(length, 50) * 100
    penalty += rc["cliche_penalty"] * weighted / math.sqrt(max(length, 50) / 100)
    if title_cliches:
        advice.append(f"标题含套话“{'”“'.join(dict.fromkeys(title_cliches))}”，建议直接点明做法或成效")

    cliche_chars: Counter[int] = Counter()
    for s, e, _ in f.hits["cliche"]:
        i = f.sentence_of(s)
        if i >= 0:
            cliche_chars[i] += e - s
    empty: dict[int, list[int]] = {}
    for i, n in cliche_chars.items():
        s, e = f.sentences[i]
        size = len(f.view[s:e].strip()) or 1
        if n / size >= rc["empty_sentence_share"] and i not in f.fact_sentences:
            empty.setdefault(f.paragraph_of(s), []).append(i)
            ev.append(f.sentence_evidence(i, "套话句，无具体内容", "minus"))
    if empty:
        penalty += 0.08 * sum(len(v) for v in empty.values())
        parts = [f"第{cn(p)}段{cn(len(v), count=True)}句" for p, v in sorted(empty.items())]
        advice.append(f"{'、'.join(parts)}套话无具体内容，建议删去或换成具体做法和数据")
    elif density > 2.5:
        advice.append(f"套话偏多（每百字{density:.1f}处，标题和导语加权），建议压缩")

    long_clauses = [(s, e) for s, e in f.clauses() if e - s > rc["clause_max"]]
    for s, e in long_clauses:
        penalty += 0.03 * (e - s - rc["clause_max"]) / 5
        ev.append(f.evidence(s, e, f"分句{e - s}字，偏长"))
    if long_clauses:
        advice.append(f"有{cn(len(long_clauses), count=True)}处分句超过{int(rc['clause_max'])}字，建议拆分")

    repeated = _repeated_words(f, ctx, int(rc["repeat_max"]))
    if repeated:
        penalty += 0.03 * sum(n - rc["repeat_max"] for _, n in repeated)
        advice.append("用词重复：" + "，".join(f"“{w}”出现{n}次" for w, n in repeated[:4]))
    return CriterionResult(100 * math.exp(-penalty), _cap(ev), tuple(advice))


def _repeated_words(f: Features, ctx: Context, limit: int) -> list[tuple[str, int]]:
    """Words used more than ``limit`` times that are not the topic (title words, priorities).

    Words come from the segmenter; each is counted as a substring of the body, so 积极 is
    counted inside 积极开展 and 积极参与 too.
    """
    if ctx.segmenter is None:
        return []
    body = f.view[f.body_start:]
    title = f.title_text
    skip = set(f.lex.priority_of)
    words = {w for w in ctx.segmenter.cut(body)
             if len(w) >= 2 and w not in title and w not in skip and all("\u4e00" <= ch <= "\u9fff" for ch in w)}
    counts = sorted(((w, body.count(w)) for w in words), key=lambda wn: (-wn[1], wn[0]))
    return [(w, n) for w, n in counts if n > limit]


# --------------------------------------------------------------------------- 内容实 substance
def substance(f: Features, ctx: Context) -> CriterionResult:
    """Numbers with units, dates, named places/units, concrete measures, results backed by data.
    A number that is itself a 拔高 marker (满意度100%) is a claim, not data: it does not count."""
    claims = [(s, e) for s, e, _ in f.hits["inflation"]]
    numbers = [h for h in f.hits["number"] if h[0] >= f.body_start
               and not any(s < h[1] and h[0] < e for s, e in claims)]
    dates = [h for h in f.hits["date"] if h[0] >= f.body_start]
    places = {w for s, _, w in f.hits["place"] if s >= f.body_start}
    quotes = {w for s, _, w in f.hits["quote"] if s >= f.body_start}
    num_sents = {f.sentence_of(s) for s, _, _ in numbers}
    concrete = f.fact_sentences | {f.sentence_of(s) for s, _, _ in f.hits["quote"]}
    measures = {f.sentence_of(s) for s, _, _ in f.hits.get("move:practice", []) if s >= f.body_start} & concrete
    results = {f.sentence_of(s) for s, _, _ in f.hits.get("move:effect", []) if s >= f.body_start} & num_sents
    vague = [h for h in f.hits["vague"] if h[0] >= f.body_start and f.sentence_of(h[0]) not in num_sents]
    x = (1.0 * len(numbers) + 0.6 * len(dates) + 0.6 * len(places) + 0.4 * len(quotes)
         + 0.8 * len(measures) + 1.0 * len(results))
    x *= math.sqrt(800 / max(f.body_len, 200))
    score = 100 * _saturate(x, ctx.rubric.substance["scale"]) * math.exp(-0.06 * len(vague))
    ev = [f.evidence(s, e, "具体数据", "plus") for s, e, _ in numbers]
    ev += [f.evidence(s, e, "具体时间", "plus") for s, e, _ in dates]
    ev += [f.evidence(s, e, "具体地点/单位", "plus") for s, e, _ in f.hits["place"] if s >= f.body_start]
    ev += [f.evidence(s, e, "表述笼统，缺少数据") for s, e, _ in vague]
    ev += [f.sentence_evidence(i, "成效有数据支撑") for i in sorted(results)]
    advice = []
    if not numbers:
        advice.append("全文没有具体数据，建议补充人数、数量、比例、金额等")
    elif len(numbers) < 3 and f.body_len > 400:
        advice.append(f"全文仅{cn(len(numbers), count=True)}处具体数据，说服力不足")
    if not dates and ctx.type in ("news", "urgent"):
        advice.append("未写明事件发生时间")
    if not places:
        advice.append("未写明具体地点或单位名称")
    if vague:
        words = "”“".join(dict.fromkeys(w for _, _, w in vague[:3]))
        advice.append(f"“{words}”等表述缺少数据支撑，建议用具体数字说明")
    if not results and ctx.type in ("experience", "news"):
        advice.append("成效没有数据支撑，建议写明做法带来的量化变化")
    return CriterionResult(score, _cap(ev), tuple(advice))


# --------------------------------------------------------------------------- 深度 depth
_MOVE_NOTES = {
    "problem": "发现问题", "cause": "分析原因", "counter": "提出对策",
    "practice": "具体做法", "effect": "成效", "response": "处置措施", "followup": "后续工作",
}


def depth(f: Features, ctx: Context) -> CriterionResult:
    """Problem → cause → countermeasure (问题类); practice → effect with evidence (经验类, 动态类);
    time, place, what happened, response and follow-up (紧急情况)."""
    sents: dict[str, set[int]] = {}
    for move in _MOVE_NOTES:
        sents[move] = {f.sentence_of(s) for s, _, _ in f.hits.get("move:" + move, []) if s >= f.body_start}
    num_sents = {f.sentence_of(s) for s, _, _ in f.hits["number"] if s >= f.body_start}
    ev: list[Evidence] = []
    advice: list[str] = []

    def mark(move: str) -> None:
        ev.extend(f.sentence_evidence(i, _MOVE_NOTES[move]) for i in sorted(sents[move]))

    if ctx.type == "problem":
        p, c, m = (_units(f, sents[k]) for k in ("problem", "cause", "counter"))
        score = (25 * _move(p) + 35 * _move(c) + 30 * _move(m)
                 + 10 * _saturate(len((sents["problem"] | sents["cause"]) & num_sents), 1.5))
        for k in ("problem", "cause", "counter"):
            mark(k)
        if not p:
            advice.append("问题表述不清，建议先写明问题的具体表现和涉及范围")
        if not c:
            advice.append("只反映了问题，未分析原因，建议写明问题产生的原因")
        if not m:
            advice.append("未提出对策建议，建议写明下一步措施或意见建议")
    elif ctx.type == "urgent":
        dated = bool(f.hits["date"])
        placed = bool(f.hits["place"])
        r, u = len(sents["response"]), len(sents["followup"])
        score = 20 * dated + 20 * placed + 35 * _saturate(r, 1.0) + 15 * _saturate(u, 1.0) + 10 * _saturate(len(num_sents), 2)
        mark("response")
        mark("followup")
        if not dated:
            advice.append("未写明事件发生的具体时间")
        if not placed:
            advice.append("未写明事件发生的具体地点")
        if not r:
            advice.append("未写明已采取的处置措施")
        if not u:
            advice.append("未写明后续工作或续报安排")
    else:
        concrete = f.fact_sentences | {f.sentence_of(s) for s, _, _ in f.hits["quote"]}
        pr, ef = sents["practice"] & concrete, sents["effect"]
        sents["practice"] = pr
        backed = ef & num_sents
        score = 35 * _saturate(len(pr), 1.0) + 20 * _saturate(len(ef), 0.7) + 35 * _saturate(len(backed), 0.7)
        score += 10 * _saturate(len(sents["problem"]) + len(sents["cause"]), 1.0)
        mark("practice")
        ev.extend(f.sentence_evidence(i, "成效（有数据）", "plus") if i in backed
                  else f.sentence_evidence(i, "成效（无数据）", "minus") for i in sorted(ef))
        if not pr:
            advice.append("没有写出具体做法（有主体、有对象、有数量的措施），建议写明采取了哪些措施")
        if not ef:
            advice.append("只写做法，未写成效，建议补充做法带来的变化")
        elif not backed:
            advice.append("成效未用数据或事实佐证，建议写明具体变化")
        if ctx.type == "experience" and not (sents["problem"] or sents["cause"]):
            advice.append("未交代做法针对的问题和背景，经验的针对性不够")
    return CriterionResult(min(score, 100.0), _cap(ev), tuple(advice))


_ENUM = re.compile(r"[一二三四五六七八九]是|[一二三四五六七八九]要|[（(][一二三四五六七八九][)）]|[一二三四五六七八九]、|；")


def _units(f: Features, sentences: set[int]) -> int:
    """Points made in these sentences: one per sentence, plus one per enumerated item (二是, （三）, ；)."""
    total = 0
    for i in sentences:
        s, e = f.sentences[i]
        total += max(1, len(_ENUM.findall(f.view, s, e)))
    return total


def _move(units: int) -> float:
    """0 when a move is missing, 0.7 when made once, approaching 1 as it is developed."""
    return 0.0 if units <= 0 else 0.7 + 0.3 * _saturate(units - 1, 2.0)


# --------------------------------------------------------------------------- 客观 objectivity
_TOTAL = re.compile(r"(?:共有|共|总计|合计|累计|全[县市区镇乡村])[^，。；\d]{0,8}?(\d+)(个|名|人|户|家|项|件|条|村|支部|党组织)")
_PART = re.compile(r"(\d+)(个|名|人|户|家|项|件|条|村|支部|党组织)")
_RATE = re.compile(r"(?:率|占比|比例|比重|占)(?:达到|达|为|约|超过)?(\d+(?:\.\d+)?)[%％]")
_SOURCE = re.compile(r"据[^，。]{0,12}(?:统计|调查|测评|测算|显示)|测评显示|调查显示|问卷|抽样|第三方")


def objectivity(f: Features, ctx: Context) -> CriterionResult:
    """拔高 markers without supporting facts; inconsistent numbers (parts above the total, rates above 100%).

    A marker is supported by a number with a unit in its own clause (not the marker itself, so
    "满意度达到100%" needs more) or by a named source in its sentence (据…统计, 测评显示).
    """
    ro = ctx.rubric.objectivity
    ev, advice = [], []
    sourced = {f.sentence_of(m.start()) for m in _SOURCE.finditer(f.view)}
    numbers = [(f.clause_of(s), s, e) for s, e, _ in f.hits["number"]]
    unsupported: list[Hit] = []
    supported = 0
    for s, e, w in f.hits["inflation"]:
        clause = f.clause_of(s)
        backed = any(c == clause and not (ns < e and s < ne) for c, ns, ne in numbers)
        if clause >= 0 and (backed or f.sentence_of(s) in sourced):
            supported += 1
            ev.append(f.evidence(s, e, "绝对化表述（有数据支撑）", "plus"))
        else:
            unsupported.append((s, e, w))
            ev.append(f.evidence(s, e, "拔高表述，缺少事实支撑"))
    inconsistent = _inconsistencies(f)
    for s, e, note in inconsistent:
        ev.append(f.evidence(s, e, note))
    penalty = (ro["unsupported_penalty"] * len(unsupported) + ro["supported_penalty"] * supported
               + ro["inconsistent_penalty"] * len(inconsistent))
    if unsupported:
        words = "”“".join(dict.fromkeys(w for _, _, w in unsupported[:4]))
        advice.append(f"“{words}”等绝对化、拔高表述缺少事实和数据支撑，建议删去或用数据说明")
    for _, _, note in inconsistent:
        advice.append(note + "，请核实")
    return CriterionResult(100 * math.exp(-penalty), _cap(ev), tuple(advice))


def _inconsistencies(f: Features) -> list[tuple[int, int, str]]:
    out = []
    view = f.view
    for m in _TOTAL.finditer(view):
        total, unit = int(m.group(1)), m.group(2)
        tail = view[m.end():m.end() + 120]
        k = tail.find("其中")
        if k < 0 or "。" in tail[:k]:
            continue
        seg_end = tail.find("。", k)
        seg = tail[k:seg_end if seg_end > 0 else len(tail)]
        parts = [int(p.group(1)) for p in _PART.finditer(seg) if p.group(2) == unit]
        if parts and (sum(parts) > total or max(parts) > total):
            end = m.end() + (seg_end if seg_end > 0 else len(tail))
            out.append((m.start(), end, f"分项之和{sum(parts)}{unit}超过总数{total}{unit}，数据前后矛盾"))
    for m in _RATE.finditer(view):
        if float(m.group(1)) > 100:
            out.append((m.start(), m.end(), f"比率{m.group(1)}%超过100%，数据有误"))
    return out


# --------------------------------------------------------------------------- 报送快 timeliness
def timeliness(f: Features, ctx: Context) -> CriterionResult:
    """Delay between event and submission against the type's half-life (紧急情况: 6 h / 24 h)."""
    norm = ctx.norm
    ev = [ctx.event_evidence] if ctx.event_evidence else []
    advice = [ctx.event_note] if ctx.event_note else []
    half = norm.timeliness_half_hours
    if ctx.delay_hours is None:
        score = 70.0 if ctx.type in ("experience", "problem") else 40.0
        if not advice:
            advice.append("缺少事件时间或报送时间，无法判断时效")
        return CriterionResult(score, tuple(ev), tuple(advice))
    delay = max(ctx.delay_hours, 0.0)
    score = 100 / (1 + delay / half)
    if delay > half:
        advice.append(f"事件发生后{_fmt_hours(delay)}才报送，{norm.label}信息建议在{_fmt_hours(half)}内报送")
    return CriterionResult(score, tuple(ev), tuple(advice))


def _fmt_hours(h: float) -> str:
    if h < 48:
        return f"{h:.0f}小时" if h >= 1 else f"{h * 60:.0f}分钟"
    return f"{h / 24:.0f}天"


# --------------------------------------------------------------------------- 原创 originality
def originality(f: Features, ctx: Context) -> CriterionResult:
    """1 − the highest likeness to an archived item or an earlier item of the batch: MinHash
    similarity of the wording, or the share of reported numbers in common (a rewrite)."""
    best = max((max(m.similarity, m.shared_facts) for m in ctx.matches), default=0.0)
    advice = []
    for m in ctx.matches[:3]:
        where = "归档稿件" if m.archived else "本批稿件"
        same = f"，所报数字{m.shared_facts:.0%}相同" if m.shared_facts >= 0.5 else ""
        advice.append(f"与{where}《{m.title}》（{m.source}）相似度{m.similarity:.2f}{same}")
    ev = []
    if ctx.matches:
        s, e = f.body_start, len(f.view)
        while e > s and f.view[e - 1].isspace():
            e -= 1
        ev.append(f.evidence(s, e, f"与《{ctx.matches[0].title}》高度相似"))
    return CriterionResult(100 * (1 - best), tuple(ev), tuple(advice), tuple(ctx.matches))


CRITERION_FUNCS: dict[str, Callable[[Features, Context], CriterionResult]] = {
    "topic": topic,
    "standpoint": standpoint,
    "concise": concise,
    "substance": substance,
    "depth": depth,
    "objectivity": objectivity,
    "timeliness": timeliness,
    "originality": originality,
}
