"""Shared fixtures. Everything under tests/fixtures is invented (see its README)."""

from __future__ import annotations

from pathlib import Path

import pytest

from argmine.nlp import load_pipeline
from argmine.nlp.pipeline import FALLBACK_NAME

FIXTURES = Path(__file__).parent / "fixtures"
THREAD = FIXTURES / "thread"
BAD = FIXTURES / "bad"
SHARED = Path(__file__).resolve().parents[2] / "shared"
ESSAY_URL = "https://blog.example.org/2011/01/twitter-maschinenbau/"


@pytest.fixture(scope="session")
def pipeline():
    """The fallback pipeline, loaded once: it is what runs wherever no model is installed."""
    return load_pipeline(FALLBACK_NAME)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "argmine.db"


@pytest.fixture(autouse=True)
def _isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read or write the user's real fetch cache from a test."""
    monkeypatch.setenv("ARGMINE_CACHE_DIR", str(tmp_path / "fetch-cache"))
