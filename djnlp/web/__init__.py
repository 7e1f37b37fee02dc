"""A local web page for 组工信息 editors: screen a batch of submissions, analyse a speech.

Standard library only (``http.server``); served on loopback by default. Start it with
``djnlp serve`` or from Python:

>>> from djnlp.web import make_server
>>> server = make_server("127.0.0.1", 0, quiet=True)   # port 0: any free port
>>> server.url.startswith("http://127.0.0.1:")
True
>>> server.server_close()
"""
from __future__ import annotations

from djnlp.web.server import Limits, WebServer, is_loopback, make_server

__all__ = ["Limits", "WebServer", "is_loopback", "make_server"]
