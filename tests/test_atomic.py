"""Output files are all or nothing, with ordinary permissions."""
from __future__ import annotations

import os
import stat

import pytest

from djnlp._atomic import atomic_path, atomic_write


def test_failure_leaves_no_file_and_no_temp(tmp_path) -> None:
    target = tmp_path / "台账.csv"
    with pytest.raises(RuntimeError):
        with atomic_write(target, "w", encoding="utf-8") as handle:
            handle.write("序号,任务内容\n")
            raise RuntimeError("boom")
    assert list(tmp_path.iterdir()) == []


def test_existing_file_survives_a_failed_rewrite(tmp_path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(ValueError):
        with atomic_path(target) as tmp:
            with open(tmp, "w", encoding="utf-8") as handle:
                handle.write("half")
            raise ValueError("stop")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]


def test_success_has_umask_permissions(tmp_path) -> None:
    target = tmp_path / "out.json"
    with atomic_write(target, "w", encoding="utf-8") as handle:
        handle.write("{}")
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~mask
