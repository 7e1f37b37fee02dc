"""The ``djnlp`` command line: one sub-command per module in :data:`COMMANDS`.

Each command module defines ``register(subparsers)`` (and optionally
``register_train(train_subparsers)`` for ``djnlp train NAME``); the parser it
adds sets ``func`` to a callable taking the parsed namespace and returning an
exit code. Command modules import heavy libraries inside ``func`` only.

Every :class:`~djnlp.errors.DjnlpError` becomes one line on stderr and exit 2.

>>> main(["--version"])  # doctest: +SKIP
djnlp 0.1.0
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from djnlp import __version__
from djnlp.errors import DjnlpError

COMMANDS = ("analyze", "segment", "themes", "time", "tasks", "screen", "rubric", "serve")


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one ``djnlp: error:`` line (exit 2), like every other error."""

    def error(self, message: str):  # type: ignore[override]
        self.exit(2, f"djnlp: error: {message} (see `{self.prog} --help`)\n")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser, with every command module registered."""
    parser = _Parser(prog="djnlp", description="Analyse 党建 speeches, reports and 组工信息.")
    parser.add_argument("--version", action="version", version=f"djnlp {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    train = sub.add_parser("train", help="train a model (segmenter, themes)")
    train_sub = train.add_subparsers(dest="model", metavar="MODEL")
    for name in COMMANDS:
        try:
            module = import_module(f"djnlp.cli.{name}_cmd")
        except ModuleNotFoundError as err:
            if err.name != f"djnlp.cli.{name}_cmd":
                raise
            continue
        module.register(sub)
        if hasattr(module, "register_train"):
            module.register_train(train_sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI; returns the exit code (0 ok, 1 findings where a command says so, 2 bad input)."""
    parser = build_parser()
    args = parser.parse_args(argv)
    func = getattr(args, "func", None)
    if func is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(func(args) or 0)
    except DjnlpError as err:
        print(f"djnlp: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0
    except OSError as err:
        where = f"{err.filename}: " if err.filename else ""
        print(f"djnlp: error: {where}{err.strerror or err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
