"""Build hook: compile djnlp's task extractor with mypyc where a C compiler is at hand.

djnlp is pure Python and behaves the same compiled or not. The modules in ``COMPILED`` (the
hot path of ``extract_tasks``: its per-clause work and the time expressions it reads) are
turned into C extension modules by mypyc when the build can: CPython, mypyc importable (it comes with
the build requirement ``mypy``), a C compiler and the Python headers present. Otherwise — or
with ``DJNLP_PURE=1``, or for an editable install, whose edits must take effect — the wheel is
pure Python. A compile that fails part-way leaves no extension behind (a half-compiled package
could not import), only a warning.

    pip install .                    # compiled where possible
    DJNLP_PURE=1 pip install .       # pure Python
"""
from __future__ import annotations

import os
import shutil
import sys
import sysconfig
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

# They must type-check under mypy: mypyc compiles only type-correct code and checks
# annotations at run time. tests/test_compiled.py runs the same check.
COMPILED = [
    "djnlp/tasks/extract.py",
    "djnlp/tasks/clauses.py",
    "djnlp/tasks/modality.py",
    "djnlp/tasks/actors.py",
    "djnlp/tasks/imperative.py",
    "djnlp/tasks/lexicon.py",
    "djnlp/tasks/deadlines.py",
    "djnlp/tasks/fields.py",
    # the time expressions the task stage reads (extract.py stays Python: it checks the argument
    # types itself; the lexicon, anchors and document-date modules run once per call or less)
    "djnlp/timex/patterns.py",
    "djnlp/timex/assemble.py",
    "djnlp/timex/compose.py",
    "djnlp/timex/resolve.py",
    "djnlp/timex/draft.py",
    "djnlp/timex/affixes.py",
    "djnlp/timex/events.py",
    "djnlp/timex/tense.py",
    "djnlp/timex/recurring.py",
    "djnlp/timex/durations.py",
    "djnlp/timex/calendar.py",
    "djnlp/timex/occasions.py",
    "djnlp/sentences.py",       # the sentence splitter, which analyze shares with the task stage
    "djnlp/clean.py",           # analyze's first stage; the task stage maps its offsets through CleanText
]


def why_pure() -> str | None:
    """The reason this build stays pure Python, or None when it can compile."""
    if os.environ.get("DJNLP_PURE", "") not in ("", "0"):
        return "DJNLP_PURE is set"
    if sys.implementation.name != "cpython":
        return f"{sys.implementation.name} is not CPython"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").exists():
        return "the Python headers (Python.h) are missing"
    if sys.platform != "win32":
        compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
        if shutil.which(compiler) is None:
            return f"no C compiler ({compiler})"
    try:
        import mypyc.build  # noqa: F401
    except ImportError:
        return "mypyc is not installed"
    return None


class OptionalBuildExt(build_ext):
    """build_ext that falls back to pure Python instead of failing the install."""

    def run(self) -> None:
        if self.editable_mode or self.inplace:     # the sources must stay the modules that run
            self._drop("an editable install runs the sources")
            return
        try:
            super().run()
        except Exception as error:          # a compiler or mypyc failure: keep the install working
            for ext in self.extensions:
                built = Path(self.get_ext_fullpath(ext.name))
                built.unlink(missing_ok=True)
            self._drop(f"compiling failed ({type(error).__name__}: {error})")

    def _drop(self, reason: str) -> None:
        self.extensions = []
        self.distribution.ext_modules = []
        print(f"djnlp: building pure Python: {reason}", file=sys.stderr)


def extensions() -> list:
    reason = why_pure()
    if reason:
        print(f"djnlp: building pure Python: {reason}", file=sys.stderr)
        return []
    from mypyc.build import mypycify

    try:
        return mypycify(COMPILED, opt_level="3", group_name="djnlp_compiled")
    except (Exception, SystemExit) as error:     # mypy found a type error: it exits
        print(f"djnlp: building pure Python: mypyc refused the modules ({error!r})", file=sys.stderr)
        return []


setup(ext_modules=extensions(), cmdclass={"build_ext": OptionalBuildExt})
