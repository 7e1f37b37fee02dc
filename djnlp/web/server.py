"""The HTTP side: routes, limits and the security checks around :class:`~djnlp.web.jobs.Workbench`.

Routes: ``GET /`` (screening form), ``GET /speech`` (speech form), ``POST /screen``,
``POST /analyze``, ``GET /download/TOKEN``. Every POST must carry the per-process token in
its ``csrf`` field and must not come from another site (``Origin``/``Sec-Fetch-Site``); the
``Host`` header must name a loopback address unless remote access was allowed, which blocks
DNS-rebinding pages. Bodies are capped before they are read (413), sockets time out, and at
most ``Limits.max_jobs`` uploads are handled at once.

>>> server = make_server("127.0.0.1", 0, quiet=True)
>>> server.url.startswith("http://127.0.0.1:")
True
>>> server.server_close()
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import re
import secrets
import socket
import sys
import threading
import time
import traceback
from collections.abc import Sequence
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

from djnlp.errors import ConfigError, DjnlpError, FileTooLargeError
from djnlp.web import views
from djnlp.web.jobs import DOCX_TYPE, XLSX_TYPE, BatchOptions, Workbench
from djnlp.web.multipart import FormError, parse_multipart
from djnlp.web.store import DownloadStore

__all__ = ["Limits", "WebApp", "WebServer", "is_loopback", "make_server"]

HTML_TYPE = "text/html; charset=utf-8"
_TOKEN = re.compile(r"/download/([A-Za-z0-9_-]{16,64})")
_DRAIN_BYTES = 8_000_000


@dataclass(frozen=True)
class Limits:
    """Resource bounds of one server."""

    max_file_bytes: int = 20_000_000
    max_request_bytes: int = 100_000_000
    max_files: int = 100
    timeout: float = 30.0       # seconds a socket read or write may stall
    max_jobs: int = 2           # uploads processed at the same time
    job_wait: float = 120.0     # seconds a request waits for a free slot before 503
    upload_seconds: float = 300.0  # seconds the whole request body may take to arrive


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (``127.0.0.0/8``, ``::1``).

    >>> is_loopback("127.0.0.1"), is_loopback("[::1]"), is_loopback("0.0.0.0"), is_loopback("example.org")
    (True, True, False, False)
    """
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def _host_name(header: str) -> str:
    """The host part of a ``Host`` header (``[::1]:8765`` → ``::1``)."""
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


class WebApp:
    """State shared by every request: the token, the workbench, the downloads, the limits."""

    def __init__(self, workbench: Workbench, limits: Limits, *, allow_remote: bool = False, quiet: bool = False) -> None:
        self.workbench = workbench
        self.limits = limits
        self.allow_remote = allow_remote
        self.quiet = quiet
        self.csrf = secrets.token_urlsafe(32)
        self.store = DownloadStore()
        self.slots = threading.BoundedSemaphore(limits.max_jobs)

    def csrf_ok(self, value: str) -> bool:
        return hmac.compare_digest(value.encode("utf-8", "replace"), self.csrf.encode("ascii"))


class WebServer(ThreadingHTTPServer):
    """A threading HTTP server carrying its :class:`WebApp`."""

    daemon_threads = True
    app: WebApp

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        shown = f"[{host}]" if ":" in str(host) else host
        return f"http://{shown}:{port}/"


class _WebServer6(WebServer):
    address_family = socket.AF_INET6


class _HTTPError(Exception):
    """Ends a request with an error page."""

    def __init__(self, status: HTTPStatus, message: str, *, form: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.form = form


class Handler(BaseHTTPRequestHandler):
    """One request; see the module docstring for the routes."""

    server: WebServer
    _drain_after = 0
    server_version = "djnlp-web"
    sys_version = ""

    def version_string(self) -> str:
        return self.server_version

    def setup(self) -> None:
        self.timeout = self.server.app.limits.timeout
        super().setup()

    @property
    def app(self) -> WebApp:
        return self.server.app

    # ------------------------------------------------------------------ dispatch

    def do_GET(self) -> None:
        self._dispatch(self._get)

    def do_POST(self) -> None:
        self._dispatch(self._post)

    def _dispatch(self, route: Any) -> None:
        path = urlsplit(self.path).path
        self._drain_after = 0
        try:
            self._check_host()
            route(path)
        except _HTTPError as err:
            self._send_error_page(err)
        except Exception:  # noqa: BLE001 - the page never shows a traceback
            traceback.print_exc(file=sys.stderr)
            self._send_error_page(_HTTPError(HTTPStatus.INTERNAL_SERVER_ERROR, "服务器内部错误，详情见运行 djnlp serve 的终端。"))

    def _get(self, path: str) -> None:
        nonce = secrets.token_urlsafe(16)
        if path == "/":
            self._html(views.screen_form_page(csrf=self.app.csrf, rubric=self.app.workbench.rubric,
                                              limits=self.app.limits, nonce=nonce), nonce)
        elif path == "/speech":
            self._html(views.speech_form_page(csrf=self.app.csrf, limits=self.app.limits, nonce=nonce), nonce)
        elif m := _TOKEN.fullmatch(path):
            item = self.app.store.get(m.group(1))
            if item is None:
                raise _HTTPError(HTTPStatus.NOT_FOUND, "下载链接已失效（一小时后或服务重启后失效），请重新上传。")
            self._download(item.filename, item.content_type, item.data)
        else:
            raise _HTTPError(HTTPStatus.NOT_FOUND, f"没有这个页面：{path}")

    def _post(self, path: str) -> None:
        if path not in ("/screen", "/analyze"):
            raise _HTTPError(HTTPStatus.NOT_FOUND, f"没有这个页面：{path}")
        form_name = "screen" if path == "/screen" else "speech"
        self._check_origin()
        if not self.app.slots.acquire(timeout=self.app.limits.job_wait):
            raise _HTTPError(HTTPStatus.SERVICE_UNAVAILABLE, "服务器正忙，请稍后再试。")
        try:
            body = self._read_body(form_name)
            try:
                form = parse_multipart(self.headers.get("Content-Type", ""), body)
            except FormError as err:
                raise _HTTPError(HTTPStatus.BAD_REQUEST, f"上传的表单无法解析：{err}", form=form_name) from None
            del body
            if not self.app.csrf_ok(form.value("csrf")):
                raise _HTTPError(HTTPStatus.FORBIDDEN, "表单校验失败（缺少或错误的 csrf 令牌）：请刷新页面后重新上传。")
            try:
                if form_name == "screen":
                    self._screen(form)
                else:
                    self._analyze(form)
            except FileTooLargeError as err:
                raise _HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, str(err), form=form_name) from None
            except DjnlpError as err:
                raise _HTTPError(HTTPStatus.BAD_REQUEST, str(err), form=form_name) from None
        finally:
            self.app.slots.release()

    # ------------------------------------------------------------------ jobs

    def _screen(self, form: Any) -> None:
        uploads = form.files_of("files")
        if len(uploads) > self.app.limits.max_files:
            raise _HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"一次最多上传 {self.app.limits.max_files} 篇稿件，本次 {len(uploads)} 篇。", form="screen")
        options = BatchOptions(type=form.value("type") or None, unit=form.value("unit") or None,
                               event_at=form.value("event_at") or None, submitted_at=form.value("submitted_at") or None)
        out = self.app.workbench.screen(uploads, options)
        stamp = time.strftime("%Y%m%d-%H%M%S")
        store = self.app.store
        links: dict[str, Any] = {
            "jsonl": self._url(store.add(f"筛查结果-{stamp}.jsonl", "application/x-ndjson; charset=utf-8",
                                         out.jsonl.encode("utf-8"))),
            "report": self._url(store.add(f"筛查报告-{stamp}.html", HTML_TYPE, out.report_html.encode("utf-8"))),
            "annotated": {i: (self._url(store.add(name, DOCX_TYPE, data)), name)
                          for i, (name, data) in out.annotated.items()},
        }
        nonce = secrets.token_urlsafe(16)
        self._html(views.screen_result_page(report_html=out.report_html, results=out.results, links=links,
                                            nonce=nonce), nonce)

    def _analyze(self, form: Any) -> None:
        uploads = form.files_of("file")
        if len(uploads) != 1:
            raise _HTTPError(HTTPStatus.BAD_REQUEST, "请上传一个讲话稿文件（.txt、.md 或 .docx）。", form="speech")
        out = self.app.workbench.analyze(uploads[0], form.value("date") or None)
        stem = Path(out.analysis.source).stem
        store = self.app.store
        links = {
            "xlsx": self._url(store.add(f"{stem}-任务台账.xlsx", XLSX_TYPE, out.ledgers["xlsx"])),
            "docx": self._url(store.add(f"{stem}-任务台账.docx", DOCX_TYPE, out.ledgers["docx"])),
            "json": self._url(store.add(f"{stem}-分析结果.json", "application/json; charset=utf-8",
                                        json.dumps(out.analysis.to_dict(), ensure_ascii=False, indent=2).encode("utf-8"))),
        }
        nonce = secrets.token_urlsafe(16)
        self._html(views.speech_result_page(analysis=out.analysis, tasks=out.tasks, links=links, nonce=nonce), nonce)

    @staticmethod
    def _url(token: str) -> str:
        return f"/download/{token}"

    # ------------------------------------------------------------------ checks

    def _check_host(self) -> None:
        if self.app.allow_remote:
            return
        host = _host_name(self.headers.get("Host", ""))
        if not is_loopback(host):
            raise _HTTPError(HTTPStatus.FORBIDDEN, "只接受本机访问：请在浏览器中打开 http://127.0.0.1 上的地址。")

    def _check_origin(self) -> None:
        site = self.headers.get("Sec-Fetch-Site")
        if site and site not in ("same-origin", "none"):
            raise _HTTPError(HTTPStatus.FORBIDDEN, "拒绝来自其他网站的提交。")
        origin = self.headers.get("Origin")
        if origin and origin != "null" and origin != f"http://{self.headers.get('Host', '')}":
            raise _HTTPError(HTTPStatus.FORBIDDEN, "拒绝来自其他网站的提交。")

    def _read_body(self, form_name: str) -> bytes:
        raw = self.headers.get("Content-Length")
        if raw is None:
            raise _HTTPError(HTTPStatus.LENGTH_REQUIRED, "请求缺少 Content-Length。")
        try:
            length = int(raw)
        except ValueError:
            raise _HTTPError(HTTPStatus.BAD_REQUEST, "Content-Length 不是数字。") from None
        if length < 0:
            raise _HTTPError(HTTPStatus.BAD_REQUEST, "Content-Length 不能为负数。")
        limit = self.app.limits.max_request_bytes
        if length > limit:
            self._drain_after = min(length, _DRAIN_BYTES)
            raise _HTTPError(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                             f"本次上传共 {length:,} 字节，超过每次 {limit:,} 字节的上限；请分批上传。", form=form_name)
        deadline = time.monotonic() + self.app.limits.upload_seconds
        body = bytearray()
        while len(body) < length:
            chunk = self.rfile.read1(min(length - len(body), 1 << 20))
            if not chunk:
                raise _HTTPError(HTTPStatus.BAD_REQUEST, "上传未完成：连接中断。")
            body += chunk
            if time.monotonic() > deadline:
                raise _HTTPError(HTTPStatus.REQUEST_TIMEOUT, "上传太慢，已超时；请重新上传。")
        return bytes(body)

    # ------------------------------------------------------------------ responses

    def _headers_common(self, csp: str) -> None:
        self.send_header("Content-Security-Policy", csp)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")

    def _html(self, page: str, nonce: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        data = page.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", HTML_TYPE)
        self.send_header("Content-Length", str(len(data)))
        self._headers_common(f"default-src 'none'; style-src 'nonce-{nonce}'; script-src 'nonce-{nonce}'; "
                             "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        self.wfile.write(data)

    def _download(self, filename: str, content_type: str, data: bytes) -> None:
        ascii_ok = re.fullmatch(r"[A-Za-z0-9._ -]+", filename)
        fallback = filename if ascii_ok else "djnlp-download" + re.sub(r"[^A-Za-z0-9.]", "", Path(filename).suffix)
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Content-Disposition",
                         f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(filename, safe='')}")
        self._headers_common("default-src 'none'; sandbox")
        self.end_headers()
        self.wfile.write(data)

    def _send_error_page(self, err: _HTTPError) -> None:
        nonce = secrets.token_urlsafe(16)
        if err.form == "screen":
            page = views.screen_form_page(csrf=self.app.csrf, rubric=self.app.workbench.rubric,
                                          limits=self.app.limits, nonce=nonce, error=err.message)
        elif err.form == "speech":
            page = views.speech_form_page(csrf=self.app.csrf, limits=self.app.limits, nonce=nonce, error=err.message)
        else:
            page = views.error_page(err.message, nonce=nonce)
        try:
            self._html(page, nonce, err.status)
            if self._drain_after:
                self._drain(self._drain_after)
        except OSError:
            pass  # the client went away

    def _drain(self, amount: int) -> None:
        """Read (and drop) part of a refused body so the browser sees the 413 page, not a reset."""
        self.connection.settimeout(2.0)
        try:
            while amount > 0:
                chunk = self.rfile.read1(min(amount, 65536))
                if not chunk:
                    break
                amount -= len(chunk)
        except OSError:
            pass

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - signature of the base class
        if not self.app.quiet:
            super().log_message(format, *args)


def make_server(host: str = "127.0.0.1", port: int = 8765, *, rubric: str | None = None,
                archive: Sequence[str] | None = None, allow_remote: bool = False,
                limits: Limits = Limits(), quiet: bool = False) -> WebServer:
    """Build (and bind) the server; call ``serve_forever()`` on it, ``shutdown()`` to stop.

    A non-loopback ``host`` is refused with :class:`~djnlp.errors.ConfigError` unless
    ``allow_remote`` is true. Rubric and archive errors surface here, before anything listens.
    """
    if not allow_remote and not is_loopback(host):
        raise ConfigError(None, f"--host {host} is not a loopback address; add --allow-remote to serve other machines")
    workbench = Workbench(rubric, archive, max_file_bytes=limits.max_file_bytes)
    cls = _WebServer6 if ":" in host.strip("[]") else WebServer
    try:
        server = cls((host.strip("[]"), port), Handler)
    except OSError as err:
        raise ConfigError(None, f"cannot listen on {host}:{port}: {err.strerror or err}") from None
    server.app = WebApp(workbench, limits, allow_remote=allow_remote, quiet=quiet)
    return server
