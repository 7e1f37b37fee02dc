"""HTML for every page: templates from ``djnlp/data/web/`` filled with escaped values.

Every piece of text that came from a user (file names, submission text, headings, error
messages) passes through :func:`html.escape` here or in the report writer; templates are
:class:`string.Template` files whose placeholders only ever receive escaped text or markup
built in this module.

>>> page = error_page("a.pdf: <不支持>", nonce="n1")
>>> "&lt;不支持&gt;" in page, "<不支持>" in page
(True, False)
"""
from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from html import escape
from importlib.resources import files
from string import Template
from typing import Any

__all__ = ["error_page", "screen_form_page", "screen_result_page", "speech_form_page", "speech_result_page",
           "split_report"]


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (files("djnlp") / "data" / "web" / name).read_text(encoding="utf-8")


def _template(name: str) -> Template:
    return Template(_asset(name))


def _size(n: int) -> str:
    return f"{n / 1_000_000:g} MB"


def _page(title: str, main: str, *, nonce: str, tab: str, extra_css: str = "") -> str:
    return _template("layout.html").substitute(
        title=escape(title), nonce=escape(nonce), css=extra_css + _asset("style.css"), js=_asset("app.js"),
        main=main, tab_screen="active" if tab == "screen" else "", tab_speech="active" if tab == "speech" else "",
    )


def _error_box(message: str, heading: str = "无法处理上传的文件") -> str:
    return (f'<section class="error" role="alert"><h1>{escape(heading)}</h1>'
            f'<p class="message">{escape(message)}</p></section>')


def _screen_form(csrf: str, rubric: Any, limits: Any) -> str:
    options = "\n".join(f'        <option value="{escape(t.id)}">{escape(t.label)}</option>'
                        for t in rubric.types.values())
    return _template("screen_form.html").substitute(
        csrf=escape(csrf), type_options=options, rubric=escape(rubric.name),
        max_file=_size(limits.max_file_bytes), max_request=_size(limits.max_request_bytes))


def _speech_form(csrf: str, limits: Any) -> str:
    return _template("speech_form.html").substitute(csrf=escape(csrf), max_file=_size(limits.max_file_bytes))


def screen_form_page(*, csrf: str, rubric: Any, limits: Any, nonce: str, error: str | None = None) -> str:
    """The screening tab: the upload form (with an error box above it after a refused upload)."""
    main = (_error_box(error) if error else "") + _screen_form(csrf, rubric, limits)
    return _page("稿件筛查", main, nonce=nonce, tab="screen")


def speech_form_page(*, csrf: str, limits: Any, nonce: str, error: str | None = None) -> str:
    """The speech tab: one upload and an optional base date."""
    main = (_error_box(error) if error else "") + _speech_form(csrf, limits)
    return _page("讲话分析", main, nonce=nonce, tab="speech")


def error_page(message: str, *, nonce: str, heading: str = "无法处理该请求") -> str:
    """A page with one error message and a link back."""
    main = _error_box(message, heading) + '<p><a href="/">返回稿件筛查</a> · <a href="/speech">返回讲话分析</a></p>'
    return _page("出错了", main, nonce=nonce, tab="")


_STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S)


def split_report(page: str) -> tuple[str, str]:
    """The CSS and the body of a full HTML page such as the screening report.

    >>> split_report("<html><head><style>p{x:1}</style></head><body><p>a</p></body></html>")
    ('p{x:1}', '<p>a</p>')
    """
    body = _BODY.search(page)
    return "".join(_STYLE.findall(page[: body.start()] if body else page)), body.group(1) if body else page


def _link(href: str, label: str) -> str:
    return f'<a href="{escape(href)}" download>{escape(label)}</a>'


def screen_result_page(*, report_html: str, results: Sequence[Any], links: Mapping[str, Any],
                       nonce: str) -> str:
    """The ranked report (the same content as ``djnlp screen --html``) below the download list.

    ``links``: ``"jsonl"`` and ``"report"`` → URL, ``"annotated"`` → {result index: (URL, file name)}.
    """
    css, body = split_report(report_html)
    items = [f"<li>{_link(links['report'], '下载筛查报告（HTML）')}</li>",
             f"<li>{_link(links['jsonl'], '下载筛查结果（JSON Lines）')}</li>"]
    annotated = links.get("annotated", {})
    for i, r in sorted(enumerate(results), key=lambda p: p[1].rank):
        if i in annotated:
            url, name = annotated[i]
            items.append(f"<li>第{r.rank}名 {escape(r.title)}：{_link(url, '下载批注稿')} "
                         f'<span class="meta">（{escape(name)}）</span></li>')
    docx_note = "" if annotated else '<p class="meta">本批没有 .docx 稿件，不生成批注稿。</p>'
    main = (f'<section class="downloads"><h2>下载</h2><ul>{"".join(items)}</ul>{docx_note}'
            '<p class="meta"><a href="/">继续上传下一批</a></p></section>'
            f'<section class="report">{body}</section>')
    return _page("筛查报告", main, nonce=nonce, tab="screen", extra_css=css)


def _theme(item: Any) -> str:
    from djnlp.themes.result import theme_display

    shown = theme_display(item)
    if shown is None:
        return ""
    name, score = shown
    return f'<span class="theme" title="主题">{escape(name)}{f" {score:.2f}" if score is not None else ""}</span>'


def _tree(doc: Any, parent: str | None) -> str:
    children = doc.children(parent)
    if not children:
        return ""
    items = []
    for sec in children:
        marker = f'<span class="marker">{escape(sec.marker)}</span>' if sec.marker else ""
        items.append(f"<li>{marker}{escape(sec.heading)}{_theme(sec)}{_tree(doc, sec.id)}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _ledger_table(tasks: Sequence[Any]) -> str:
    from djnlp.tasks.ledger import COLUMNS, ledger_rows

    if not tasks:
        return '<p class="meta">未识别出带有责任主体或时限的任务。</p>'
    head = "".join(f"<th>{escape(c)}</th>" for c in COLUMNS)
    rows = "".join(
        f'<tr><td class="num">{escape(row[0])}</td>' + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:]) + "</tr>"
        for row in ledger_rows(tasks))
    return f'<table class="ledger"><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>'


def speech_result_page(*, analysis: Any, tasks: Sequence[Any], links: Mapping[str, str], nonce: str) -> str:
    """The outline tree with themes per heading, and the task ledger with its downloads."""
    parts = [f"<h1>{escape(analysis.source)}</h1>",
             f'<p class="meta">共 {analysis.text_length} 字，{len(analysis.documents)} 篇，任务 {len(tasks)} 项。</p>']
    for n, doc in enumerate(analysis.documents, 1):
        date = f"　日期 {doc.date.isoformat()}" if doc.date else ""
        parts.append(f"<h2>{n}. {escape(doc.title or '（无标题）')}{_theme(doc)}</h2>"
                     f'<p class="meta">提纲 {len(doc.sections)} 个标题{escape(date)}</p>'
                     f'<div class="outline">{_tree(doc, None) or "<p class=meta>未识别出分级标题。</p>"}</div>')
    if analysis.placeholders:
        shown = "、".join(sorted({p.text for p in analysis.placeholders}))
        parts.append(f'<p class="meta">待补全的占位符 {len(analysis.placeholders)} 处：{escape(shown)}</p>')
    parts.append("<h2>任务分解台账</h2>" + _ledger_table(tasks))
    downloads = (f'<section class="downloads"><h2>下载</h2><ul>'
                 f"<li>{_link(links['xlsx'], '下载任务台账（Excel）')}</li>"
                 f"<li>{_link(links['docx'], '下载任务台账（Word）')}</li>"
                 f"<li>{_link(links['json'], '下载分析结果（JSON）')}</li></ul>"
                 '<p class="meta"><a href="/speech">分析另一篇</a></p></section>')
    return _page("讲话分析", downloads + "".join(parts), nonce=nonce, tab="speech")
