"""Shared fixtures: the real seed text lives in ../shared and is read, never copied."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED = SHARED / "seeds" / "000_b9cbea9c36dacdc9.txt"
CORPORA = SHARED / "corpora"


@pytest.fixture(scope="session")
def seed_path() -> Path:
    if not SEED.exists():
        pytest.skip("the seed is not at ../shared/seeds (run from a checkout beside shared/)")
    return SEED


@pytest.fixture(scope="session")
def seed_text(seed_path: Path) -> str:
    return seed_path.read_text(encoding="utf-8")
