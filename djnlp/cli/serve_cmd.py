"""``djnlp serve``: the local web page for editors (screen submissions, analyse a speech).

    djnlp serve                       # http://127.0.0.1:8765/
    djnlp serve --port 9000 --rubric 2026.toml --archive 往期信息/
    djnlp serve --host 0.0.0.0 --allow-remote   # other machines too (warns: there is no login)
"""
from __future__ import annotations

import argparse
import sys
from typing import Any


def register(subparsers: Any) -> None:
    p = subparsers.add_parser(
        "serve", help="local web page: upload submissions for screening, analyse a speech",
        description="Serve a local web page where editors upload 组工信息 submissions (ranked report, "
                    "annotated .docx, JSON Lines) or a speech (outline, themes, task ledger). "
                    "Offline; listens on loopback only unless --allow-remote is given.",
    )
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8765, help="port (default 8765; 0 picks a free one)")
    p.add_argument("--rubric", metavar="FILE", help="rubric TOML (default: the packaged rubric)")
    p.add_argument("--archive", metavar="DIR", action="append", help="folder of earlier items for originality checks")
    p.add_argument("--allow-remote", action="store_true",
                   help="allow a non-loopback --host (anyone who can reach it can upload; no login)")
    p.add_argument("--max-file-mb", type=float, default=20.0, help="size cap per uploaded file (default 20)")
    p.add_argument("--max-request-mb", type=float, default=100.0, help="size cap per upload request (default 100)")
    p.add_argument("--quiet", action="store_true", help="do not log requests")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from djnlp.errors import ConfigError
    from djnlp.web import Limits, is_loopback, make_server

    if not 0 <= args.port <= 65535:
        raise ConfigError(None, f"--port {args.port} is not a port number (0–65535)")
    if not all(0 < mb < float("inf") for mb in (args.max_file_mb, args.max_request_mb)):  # NaN fails too
        raise ConfigError(None, "--max-file-mb and --max-request-mb must be positive numbers")
    if args.allow_remote and not is_loopback(args.host):
        print(f"djnlp: warning: serving on {args.host} without any login — anyone who can reach this "
              "address can upload files and read the results", file=sys.stderr)
    limits = Limits(max_file_bytes=int(args.max_file_mb * 1_000_000),
                    max_request_bytes=int(args.max_request_mb * 1_000_000))
    server = make_server(args.host, args.port, rubric=args.rubric, archive=args.archive,
                         allow_remote=args.allow_remote, limits=limits, quiet=args.quiet)
    print(f"djnlp: serving on {server.url} (Ctrl+C to stop)", file=sys.stderr, flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0
