"""A self-contained HTML report: a ranked table, each row expandable to criteria and the text
with its evidence highlighted. Every piece of submitted text goes through ``html.escape``.

>>> from djnlp.screening import Submission, screen
>>> [r] = screen([Submission.from_text("<script>x</script>标题\\n正文", type="news")])
>>> page = render_html([r])
>>> "<script>x" in page, "&lt;script&gt;x" in page
(False, True)
"""
from __future__ import annotations

from collections.abc import Sequence
from html import escape

from djnlp.screening.result import Evidence, ScreenResult
from djnlp.screening.rubric import CRITERIA, CRITERION_LABELS, Rubric

_CSS = """
body{font-family:"Microsoft YaHei","PingFang SC","Noto Sans CJK SC",sans-serif;margin:2em;color:#222}
table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:4px 6px;text-align:center}
td.title{text-align:left}tr.detail td{text-align:left;background:#fafafa}
.gate{color:#fff;background:#c0392b;border-radius:3px;padding:0 4px;margin-right:3px;font-size:90%}
.warn{color:#000;background:#f5b041;border-radius:3px;padding:0 4px;margin-right:3px;font-size:90%}
.text{white-space:pre-wrap;line-height:1.8;border-left:3px solid #ddd;padding-left:1em}
mark.minus{background:#f9c0c0}mark.plus{background:#c8ecc8}mark.info{background:#cfe0f7}
.low{color:#c0392b;font-weight:bold}ul{margin:.2em 0}
"""


def _cls(score: float) -> str:
    return ' class="low"' if score < 45 else ""


def highlight(text: str, evidence: Sequence[Evidence]) -> str:
    """``text`` escaped, with each evidence span wrapped in ``<mark>`` (overlaps split at boundaries)."""
    cuts = {0, len(text)}
    for e in evidence:
        if 0 <= e.start < e.end <= len(text):
            cuts.update((e.start, e.end))
    bounds = sorted(cuts)
    out = []
    for a, b in zip(bounds, bounds[1:]):
        cover = [e for e in evidence if e.start <= a and b <= e.end]
        piece = escape(text[a:b])
        if cover:
            kind = "minus" if any(e.kind == "minus" for e in cover) else cover[0].kind
            notes = "；".join(dict.fromkeys(e.note for e in cover))
            out.append(f'<mark class="{kind}" title="{escape(notes)}">{piece}</mark>')
        else:
            out.append(piece)
    return "".join(out)


def render_html(results: Sequence[ScreenResult], rubric: Rubric | None = None) -> str:
    """The report as one HTML string, rows in rank order."""
    labels = {t.id: t.label for t in rubric.types.values()} if rubric else {}
    title = escape(rubric.name if rubric else "组工信息预审")
    head = "".join(f"<th>{CRITERION_LABELS[c]}</th>" for c in CRITERIA)
    rows = []
    for r in sorted(results, key=lambda r: r.rank):
        badges = "".join(f'<span class="gate" title="{escape(g.message)}">{escape(g.id)}</span>' for g in r.gates)
        badges += "".join(f'<span class="warn" title="{escape(g.message)}">{escape(g.id)}</span>' for g in r.warnings)
        cells = "".join(f"<td{_cls(r.criteria[c].score)}>{r.criteria[c].score:.0f}</td>" for c in CRITERIA)
        rows.append(
            f"<tr><td>{r.rank}</td><td class=\"title\">{escape(r.title)}<br><small>{escape(r.source)}</small></td>"
            f"<td>{escape(labels.get(r.type, r.type))}{'（推断）' if r.type_inferred else ''}</td>"
            f"<td><b>{r.total:.1f}</b></td><td>{escape(r.grade)}</td><td>{badges}</td>{cells}</tr>"
        )
        rows.append(f'<tr class="detail"><td colspan="{6 + len(CRITERIA)}">{_details(r)}</td></tr>')
    return (
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f"<h1>{title}</h1><p>共{len(results)}篇。红色为失分段落，绿色为得分依据，蓝色为时间信息；"
        "悬停查看说明。必须整改项（gate）不计入总分，排在最后。</p>"
        f"<table><thead><tr><th>名次</th><th>标题</th><th>类型</th><th>总分</th><th>等次</th><th>必改项</th>{head}</tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></body></html>\n"
    )


def _details(r: ScreenResult) -> str:
    parts = ["<details><summary>展开评审意见与原文</summary>"]
    for g in (*r.gates, *r.warnings):
        cls = "gate" if g.level == "gate" else "warn"
        parts.append(f'<p><span class="{cls}">{escape(g.id)}</span>{escape(g.message)}</p>')
    parts.append("<ul>")
    for c in CRITERIA:
        cr = r.criteria[c]
        advice = "".join(f"<li>{escape(a)}</li>" for a in cr.advice) or "<li>无</li>"
        parts.append(f"<li><b>{CRITERION_LABELS[c]}</b> <span{_cls(cr.score)}>{cr.score:.0f}</span><ul>{advice}</ul></li>")
    parts.append("</ul>")
    evidence = [e for cr in r.criteria.values() for e in cr.evidence]
    evidence += [e for g in (*r.gates, *r.warnings) for e in g.evidence]
    parts.append(f'<div class="text">{highlight(r.text, evidence)}</div></details>')
    return "".join(parts)
