"""Helpers shared by the CLI commands: reading PATH or ``-``, printing JSON."""
from __future__ import annotations

import json
import os
import sys
from importlib.resources import files
from pathlib import Path
from typing import Any

EXAMPLE = "example/speech.txt"


def example_path() -> Path:
    """The bundled example speech (written for djnlp, shipped in the package)."""
    return Path(str(files("djnlp") / "data" / EXAMPLE))


def read_input(path: str) -> Any:
    """A :class:`~djnlp.io.Source` from a path, or from stdin when ``path`` is ``-``."""
    from djnlp.io import read

    if path == "-":
        return read(sys.stdin.buffer.read(), name="<stdin>")
    return read(path)


def print_json(obj: Any, *, lines: bool = False) -> None:
    """Print one JSON value (pretty) or one JSON Lines record (compact)."""
    if lines:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, separators=(",", ":")) + "\n")
    else:
        sys.stdout.write(json.dumps(obj, ensure_ascii=False, indent=2) + "\n")


def refuse_overwriting_inputs(output: str | None, option: str, *inputs: str | None) -> None:
    """Raise :class:`~djnlp.errors.ConfigError` when ``output`` is one of the input files.

    >>> refuse_overwriting_inputs("ledger.xlsx", "-o", "speech.txt")  # different files: fine
    """
    from djnlp.errors import ConfigError

    if not output or not os.path.isfile(output):
        return
    for path in inputs:
        if path and path != "-" and os.path.isfile(path) and os.path.samefile(output, path):
            raise ConfigError(output, f"{option} is an input file; refusing to overwrite it")
