"""The mypyc build of the task extractor (setup.py): its modules type-check, and an installed
djnlp runs them compiled.

mypyc compiles only type-correct code and checks annotations at run time, so a type error in
one of these modules would silently turn the install pure Python (setup.py falls back) or, worse,
raise TypeError in the compiled build. The rest of the suite runs on whichever build is
installed: compiled in CI (``pip install .``), the sources in an editable checkout.
"""
from __future__ import annotations

import ast
import copy
import os
import pickle
from datetime import date
from pathlib import Path

import pytest

import djnlp.tasks
from djnlp.tasks import is_compiled

REPO = Path(__file__).resolve().parent.parent


def compiled_paths() -> list[str]:
    """The COMPILED list of setup.py, read without running setup.py."""
    tree = ast.parse((REPO / "setup.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", None) == "COMPILED" for t in node.targets):
            return ast.literal_eval(node.value)
    raise AssertionError("setup.py defines no COMPILED list")


def test_compiled_modules_are_the_task_extractor() -> None:
    paths = compiled_paths()
    assert "djnlp/tasks/extract.py" in paths and "djnlp/tasks/clauses.py" in paths
    assert all((REPO / p).is_file() for p in paths)
    assert "djnlp/tasks/__init__.py" not in paths        # is_compiled() lives there


def test_compiled_modules_type_check(tmp_path: Path) -> None:
    api = pytest.importorskip("mypy.api", reason="mypy (the test extra) checks what mypyc compiles")
    out, err, status = api.run(["--cache-dir", str(tmp_path), "--config-file", str(REPO / "pyproject.toml"),
                                *(str(REPO / p) for p in compiled_paths())])
    assert status == 0, out + err


def test_an_installed_djnlp_runs_the_compiled_task_extractor() -> None:
    source = Path(djnlp.tasks.__file__).resolve().parent
    if source.is_relative_to(REPO / "djnlp"):
        pytest.skip("djnlp runs from this checkout (editable install): the sources run, by design")
    if os.environ.get("DJNLP_PURE", "") not in ("", "0"):
        pytest.skip("installed with DJNLP_PURE=1")
    assert is_compiled(), f"djnlp at {source} was installed without compiling the task modules (see setup.py)"



def test_results_pickle_and_copy_in_either_build(seed_text: str) -> None:
    # multiprocessing users pickle results; a compiled class has no __dict__ to restore, so
    # the frozen records rebuild themselves from their fields (djnlp._records)
    from djnlp.clean import clean
    from djnlp.timex import extract_times

    tasks = djnlp.tasks.extract_tasks(seed_text, base=date(2006, 3, 1))
    times = extract_times(seed_text, base=date(2006, 3, 1))
    cleaned = clean(seed_text)
    for results in (tasks, times, cleaned):
        assert pickle.loads(pickle.dumps(results)) == results
        assert copy.deepcopy(results) == results
    analysis = djnlp.analyze(seed_text, words=False, themes=False)
    assert pickle.loads(pickle.dumps(analysis)).to_dict() == analysis.to_dict()
    assert copy.deepcopy(analysis).documents[0].tasks == analysis.documents[0].tasks
