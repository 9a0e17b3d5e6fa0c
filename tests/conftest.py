"""Shared fixtures. Everything under tests/fixtures is invented (see its README)."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from argmine.nlp import load_pipeline
from argmine.nlp.pipeline import FALLBACK_NAME

FIXTURES = Path(__file__).parent / "fixtures"
THREAD = FIXTURES / "thread"
BAD = FIXTURES / "bad"
SHARED = Path(__file__).resolve().parents[2] / "shared"
ESSAY_URL = "https://blog.example.org/2011/01/twitter-maschinenbau/"
SCRIPTS = Path(__file__).resolve().parents[1] / "scripts"


def load_script(name: str):
    """``scripts/<name>.py`` as a module: the scripts are not part of the package."""
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


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


@pytest.fixture(autouse=True)
def _stance_model_choice_stays_in_its_test():
    """``--stance-model`` sets ``ARGMINE_STANCE_MODEL`` for the whole process (so that its
    workers inherit it); without this, a CLI test that picks ``fast`` would silently pick
    it for every test after it."""
    before = os.environ.get("ARGMINE_STANCE_MODEL")
    yield
    if before is None:
        os.environ.pop("ARGMINE_STANCE_MODEL", None)
    else:
        os.environ["ARGMINE_STANCE_MODEL"] = before


@contextmanager
def datasette_server(db: Path, path: str):
    """``argmine serve`` on a free port of 127.0.0.1; yields the URL of ``path`` once it answers."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "argmine.cli", "serve", "--db", str(db),
                               "--port", str(port)], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}{path}"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(url, timeout=2).close()
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("Datasette did not answer on 127.0.0.1")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
