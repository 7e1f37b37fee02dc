"""djnlp.web: the local editor page, driven over real HTTP on 127.0.0.1 (port 0) with urllib."""
from __future__ import annotations

import argparse
import io
import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest

from djnlp.errors import ConfigError
from djnlp.web import Limits, make_server
from djnlp.web.multipart import FormError, parse_multipart

MAX_FILE = 300_000
MAX_REQUEST = 600_000

QINGSHI = """青石镇推行“党员联户微服务”打通服务群众最后一米
今年以来，青石镇党委在全镇14个村（社区）推行“党员联户微服务”机制，按居住就近原则由每名农村党员联系5至10户群众。截至5月底，全镇386名党员共联系农户4200余户，收集群众诉求612件，已办结587件，办结率95.9%。
一是划片联户。镇党委将全镇划为52个网格，党员亮身份、领任务，每月至少走访一次联系户。
二是闭环办理。群众诉求由党员登记、村党组织交办、镇便民服务中心督办，一般事项3个工作日内答复。
三是考评激励。联户情况纳入党员积分管理，年底积分排名靠前的党员优先推荐评先评优。
"""

CHENGGUAN = """城关街道召开党建工作推进会<script>alert('x')</script>
近日，城关街道召开党建工作推进会。会议强调，要高度重视，提高认识，扎实推进各项工作，确保取得实效。<script>alert("body")</script>
与会人员纷纷表示，要以此次会议为契机，进一步统一思想，推动党建工作再上新台阶。
"""

HEKOU_LINES = (
    "河口乡探索村级集体经济“抱团发展”新路径",
    "今年3月以来，河口乡党委引导8个村党组织联合成立强村公司，统一承接农田整治、道路养护等小型项目，这一做法在全国首创。",
    "截至6月底，强村公司承接项目23个，带动8个村集体经营性收入平均增长12.6万元，吸纳本地群众务工1300余人次。",
    "下一步，河口乡将完善收益分配办法，按出资比例和务工贡献分红，防止“空壳”运营。",
)

SPEECH = """在全县组织工作会议上的讲话
（2026年2月10日）
同志们：
这次会议的主要任务是，总结去年全县组织工作，部署今年重点任务。下面，我讲三点意见。
一、提高政治站位，准确把握新时代组织工作的形势任务
过去一年，全县组织系统围绕中心、服务大局，各项工作取得新进展。同时也要看到，一些基层党组织政治功能还不够强。
二、突出抓基层强基础，推动各领域党建全面进步
（一）抓实农村党建。各乡镇党委要在6月底前完成软弱涣散村党组织排查整顿，县委组织部负责跟踪督导。要持续壮大村级集体经济，年底前所有村集体经营性收入达到10万元以上。
（二）抓好社区党建。县委社会工作部要牵头，在9月底前实现城市社区党群服务中心标准化建设全覆盖。
（三）抓严机关党建。县直机关工委要每季度开展一次模范机关创建督查，推动机关党建和业务工作深度融合。
三、从严从实加强组织部门自身建设
各级组织部门要带头加强学习，县委组织部要在3月底前组织一次全员业务培训。
2026年2月10日
"""


def _docx_bytes(lines: tuple[str, ...]) -> bytes:
    import docx

    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def _multipart(fields: dict[str, str], files: list[tuple[str, str, bytes]]) -> tuple[bytes, str]:
    boundary = "----djnlptest" + uuid.uuid4().hex
    out = bytearray()
    for name, value in fields.items():
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n').encode()
    for field, filename, data in files:
        out += (f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{filename}"\r\n'
                "Content-Type: application/octet-stream\r\n\r\n").encode() + data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return bytes(out), f"multipart/form-data; boundary={boundary}"


def _request(url: str, data: bytes | None = None, headers: dict[str, str] | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method="POST" if data is not None else "GET")
    try:
        with urllib.request.urlopen(req, timeout=60) as resp:
            return resp.status, resp.headers, resp.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers, err.read()


@pytest.fixture(scope="module")
def server():
    srv = make_server("127.0.0.1", 0, limits=Limits(max_file_bytes=MAX_FILE, max_request_bytes=MAX_REQUEST), quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    thread.join(timeout=5)


@pytest.fixture(scope="module")
def token(server) -> str:
    status, headers, body = _request(server.url)
    assert status == 200
    return re.search(r'name="csrf" value="([^"]+)"', body.decode("utf-8")).group(1)


def _post(server, path: str, fields: dict[str, str], files: list[tuple[str, str, bytes]], **headers: str):
    body, ctype = _multipart(fields, files)
    status, hdrs, data = _request(server.url.rstrip("/") + path, body, {"Content-Type": ctype, **headers})
    return status, hdrs, data.decode("utf-8") if hdrs.get_content_charset() else data


def test_form_page_is_self_contained_with_csp_and_charset(server, token):
    status, headers, body = _request(server.url)
    page = body.decode("utf-8")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    for label in ("上传稿件", "开始筛查", "稿件类型", "事件发生时间", "报送时间", "经验类"):
        assert label in page
    csp = headers["Content-Security-Policy"]
    nonce = re.search(r"script-src 'nonce-([^']+)'", csp).group(1)
    assert "default-src 'none'" in csp and f'<style nonce="{nonce}">' in page and f'<script nonce="{nonce}">' in page
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # nothing external
    assert re.search(r'name="csrf" value="([^"]+)"', page).group(1) == token
    status, _, body = _request(server.url + "speech")
    assert status == 200 and "上传讲话稿" in body.decode("utf-8")


def test_screen_batch_report_downloads_and_escaping(server, token):
    import docx

    files = [("files", "青石镇.txt", QINGSHI.encode("utf-8")),
             ("files", "城关街道.txt", CHENGGUAN.encode("gb18030")),
             ("files", "河口乡.docx", _docx_bytes(HEKOU_LINES))]
    fields = {"csrf": token, "type": "", "unit": "某县委组织部", "submitted_at": "2026-07-02T09:30"}
    status, headers, page = _post(server, "/screen", fields, files)
    assert status == 200, page
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    for title in ("青石镇推行“党员联户微服务”打通服务群众最后一米", "河口乡探索村级集体经济“抱团发展”新路径"):
        assert title in page
    assert "城关街道召开党建工作推进会&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in page
    assert "<script>alert" not in page and len(re.findall(r"<script\b", page)) == 1  # only the page's own
    assert "下载批注稿" in page
    # the concrete experience item outranks the meeting notice full of 套话
    assert page.index("青石镇推行") < page.index("城关街道召开党建工作推进会&lt;")

    links = dict(re.findall(r'<a href="(/download/[^"]+)" download>([^<]+)</a>', page))
    by_label = {label: url for url, label in links.items()}
    status, headers, data = _request(server.url.rstrip("/") + by_label["下载筛查结果（JSON Lines）"])
    records = [json.loads(line) for line in data.decode("utf-8").splitlines()]
    assert status == 200 and [r["source"] for r in records] == ["青石镇.txt", "城关街道.txt", "河口乡.docx"]
    assert sorted(r["rank"] for r in records) == [1, 2, 3]
    assert {r["unit"] for r in records} == {"某县委组织部"} and records[0]["submitted_at"] == "2026-07-02T09:30"

    status, headers, data = _request(server.url.rstrip("/") + by_label["下载批注稿"])
    assert status == 200 and "attachment" in headers["Content-Disposition"]
    assert "filename*=UTF-8''" + urllib.parse.quote("河口乡（批注）.docx") in headers["Content-Disposition"]
    annotated = docx.Document(io.BytesIO(data))
    notes = [c.text for c in annotated.comments]
    assert any("全国首创" in n or "拔高" in n for n in notes) and any(n.startswith("djnlp预审") for n in notes)


def test_unsupported_upload_is_a_400_with_the_one_line_error(server, token):
    status, _, page = _post(server, "/screen", {"csrf": token}, [("files", "材料.pdf", b"%PDF-1.7\n...")])
    assert status == 400
    assert "材料.pdf: 不支持.pdf文件" in page and "Traceback" not in page and "上传稿件" in page
    # the bytes decide, not the name: a PDF renamed to .txt is refused by djnlp.io
    status, _, page = _post(server, "/screen", {"csrf": token}, [("files", "改名.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")])
    assert status == 400 and "改名.txt: " in page and "PDF" in page
    status, _, page = _post(server, "/analyze", {"csrf": token}, [("file", "空.txt", "\n　\n".encode())])
    assert status == 400 and "空.txt: 文件里没有文字" in page and "上传讲话稿" in page


def test_size_caps_answer_413(server, token):
    big = ("测" * (MAX_FILE // 3 + 10)).encode("utf-8")
    status, _, page = _post(server, "/screen", {"csrf": token}, [("files", "长稿.txt", big)])
    assert status == 413 and "长稿.txt" in page and "上限" in page
    body, ctype = _multipart({"csrf": token}, [("files", "a.txt", b"x" * (MAX_REQUEST + 1000))])
    status, _, data = _request(server.url + "screen", body, {"Content-Type": ctype})
    assert status == 413 and "请分批上传" in data.decode("utf-8")


def test_csrf_origin_and_host_checks(server, token):
    files = [("files", "青石镇.txt", QINGSHI.encode("utf-8"))]
    assert _post(server, "/screen", {}, files)[0] == 403
    assert _post(server, "/screen", {"csrf": token[:-2] + "xx"}, files)[0] == 403
    assert _post(server, "/screen", {"csrf": token}, files, Origin="http://evil.example")[0] == 403
    # a DNS-rebinding page reaches 127.0.0.1 under a foreign Host name
    status, _, _ = _request(server.url, headers={"Host": "evil.example:8765"})
    assert status == 403
    assert _request(server.url + "download/" + "A" * 24)[0] == 404


def test_analyze_tab_outline_themes_and_ledger(server, token):
    import docx
    from openpyxl import load_workbook

    status, _, page = _post(server, "/analyze", {"csrf": token, "date": ""},
                            [("file", "全县组织工作会议讲话.txt", SPEECH.encode("utf-8"))])
    assert status == 200, page
    outline = page[page.index('class="outline"'):page.index("任务分解台账</h2>")]
    for heading in ("提高政治站位，准确把握新时代组织工作的形势任务", "抓实农村党建", "抓好社区党建",
                    "从严从实加强组织部门自身建设"):
        assert heading in outline
    # （一） nests under 二、 : its list opens inside the 二、 item
    second = outline.index("突出抓基层强基础")
    assert outline.index("<ul>", second) < outline.index("抓实农村党建") < outline.index("从严从实")
    assert '<span class="marker">（二）</span>抓好社区党建' in outline
    assert re.search(r"抓实农村党建<span class=\"theme\"[^>]*>农村", outline)
    assert "软弱涣散村党组织排查整顿" in page and "6月底前（2026-06-30前）" in page

    links = {label: url for url, label in re.findall(r'<a href="(/download/[^"]+)" download>([^<]+)</a>', page)}
    status, headers, data = _request(server.url.rstrip("/") + links["下载任务台账（Excel）"])
    sheet = load_workbook(io.BytesIO(data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert status == 200 and rows[0][:4] == ["序号", "任务内容", "责任单位", "完成时限"]
    assert any("社区党群服务中心" in (r[1] or "") and "县委社会工作部" in (r[2] or "") for r in rows[1:])
    status, _, data = _request(server.url.rstrip("/") + links["下载任务台账（Word）"])
    table = docx.Document(io.BytesIO(data)).tables[0]
    assert len(table.rows) == len(rows)


def test_non_loopback_host_needs_allow_remote():
    from djnlp.cli import serve_cmd

    with pytest.raises(ConfigError, match="--allow-remote"):
        make_server("0.0.0.0", 0)
    parser = argparse.ArgumentParser()
    serve_cmd.register(parser.add_subparsers())
    args = parser.parse_args(["serve", "--host", "192.168.1.20", "--port", "0"])
    with pytest.raises(ConfigError, match="not a loopback address"):
        args.func(args)


def test_multipart_parser_keeps_bytes_and_refuses_broken_bodies():
    data = b"line one\r\n--not-the-boundary\r\n\x00\xff"
    body = (b"preamble\r\n--B1\r\nContent-Disposition: form-data; name=\"f\"; filename=\"a %22q%22.txt\"\r\n\r\n"
            + data + b"\r\n--B1\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n\xe7\xbb\x84\r\n--B1--")
    form = parse_multipart('multipart/form-data; boundary="B1"', body)
    assert form.files[0].data == data and form.files[0].filename == 'a "q".txt' and form.value("t") == "组"
    for broken in (body[:-6], b"no boundary here", body.replace(b"\r\n\r\n", b"\r\n", 1)):
        with pytest.raises(FormError):
            parse_multipart("multipart/form-data; boundary=B1", broken)
    with pytest.raises(FormError):
        parse_multipart("application/x-www-form-urlencoded", body)


@pytest.mark.parametrize("module", ["multipart", "store", "views", "jobs", "server"])
def test_docstring_examples(module):
    import doctest
    import importlib

    result = doctest.testmod(importlib.import_module(f"djnlp.web.{module}"))
    assert result.attempted > 0 and result.failed == 0
