"""The Dask executor stores exactly what the default executor stores.

Runs on a two-worker in-process LocalCluster (threads, not processes: quick, and a
test can count what the workers load).  Skipped, saying so, without the extra.
"""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from argmine import ingest as ingest_module
from argmine.classify.labeller import Labeller
from argmine.cli import app
from argmine.errors import ArgmineError
from argmine.executors import ProcessExecutor, make_executor
from argmine.ingest import ingest
from argmine.nlp.pipeline import FALLBACK_NAME
from argmine.store.queries import STORED_CONTENT, stored_content
from tests.conftest import THREAD
from tests.store.test_concurrency import write_archive

distributed = pytest.importorskip(
    "distributed", reason="Dask is not installed: pip install 'argmine[dask]' (in the dev extra)")

from argmine.dask_executor import DaskExecutor, ModelSpec, _check_versions  # noqa: E402



def stored(db: Path) -> dict[str, list[tuple]]:
    return stored_content(Database(db))


def run_versions(db: Path) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT * FROM runs").fetchall()
    finally:
        conn.close()


@pytest.fixture(scope="module")
def cluster():
    """Two single-threaded workers in this process; each keeps its own models."""
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as local:
        yield local


@pytest.fixture(scope="module")
def labeller() -> Labeller:
    return Labeller.load()


@pytest.fixture
def sources(tmp_path: Path) -> list[Path]:
    """The invented thread (posts, comments, replies; several threads) and an archive."""
    write_archive(tmp_path / "archive", 12)
    return [THREAD / "thread.toml", THREAD / "responses.jsonl", tmp_path / "archive"]


def worker_loads(cluster, spec: ModelSpec) -> list[int]:
    """How often each worker loaded the models of ``spec``."""
    with distributed.Client(cluster) as client:
        loads = client.run(lambda dask_worker: dask_worker.plugins[spec.plugin_name].loads)
    return list(loads.values())


def test_dask_stores_the_same_rows_as_the_default_executor(tmp_path, sources, pipeline,
                                                           labeller, cluster, monkeypatch):
    monkeypatch.setattr(ingest_module, "CHUNK", 5)  # many chunks in flight, finishing in any order
    default, dask = tmp_path / "default.db", tmp_path / "dask.db"

    assert ingest(sources, default, pipeline=pipeline, labeller=labeller).ok
    executor = DaskExecutor(cluster.scheduler_address, spacy_model=FALLBACK_NAME)
    result = ingest(sources, dask, pipeline=pipeline, labeller=labeller, executor=executor)

    assert result.ok and result.counts.documents_added > 60
    expected, found = stored(default), stored(dask)
    assert len(expected["units"]) > 100
    assert sum(1 for row in expected["units"] if row[6] in ("PRO", "CONTRA")) > 10
    for table in STORED_CONTENT:
        assert found[table] == expected[table], table
    chunks = result.counts.documents_added // 5
    assert chunks > 10 and set(worker_loads(cluster, executor.spec)) <= {0, 1}, \
        "models load once per worker, not once per chunk"


def test_a_rerun_with_nothing_new_starts_no_cluster(tmp_path, pipeline, monkeypatch):
    db = tmp_path / "argmine.db"
    assert ingest([THREAD / "essay.md"], db, pipeline=pipeline).ok
    monkeypatch.setattr(distributed, "LocalCluster", None)  # any start would fail
    monkeypatch.setattr("argmine.dask_executor.LocalCluster", None)
    again = ingest([THREAD / "essay.md"], db, pipeline=pipeline, executor=DaskExecutor())
    assert again.ok and again.counts.documents_unchanged == 1


def test_results_of_workers_with_other_models_are_refused():
    mine = ("argmine-fallback + units:seg-1", "labels-1")
    _check_versions(mine, mine)
    _check_versions(mine, (mine[0], None))  # no labels here: the workers' scores go unused
    for other in [("de_core_news_md + units:seg-1", "labels-1"), (mine[0], "labels-2"),
                  (mine[0], None)]:
        with pytest.raises(ArgmineError, match="a Dask worker analysed with"):
            _check_versions(other, mine)


def test_cli_ingest_on_a_dask_scheduler(tmp_path, cluster):
    db = tmp_path / "argmine.db"
    result = CliRunner().invoke(app, [
        "ingest", "-q", "--db", str(db), "--spacy-model", FALLBACK_NAME, "--executor", "dask",
        "--scheduler", cluster.scheduler_address, str(THREAD / "thread.toml")])
    assert result.exit_code == 0, result.output
    assert stored(db)["units"]


def test_an_unreachable_scheduler_is_one_error_line(tmp_path):
    import dask

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        address = f"tcp://127.0.0.1:{sock.getsockname()[1]}"
    with dask.config.set({"distributed.comm.timeouts.connect": "1s"}):
        result = CliRunner().invoke(app, [
            "ingest", "-q", "--db", str(tmp_path / "argmine.db"), "--spacy-model", FALLBACK_NAME,
            "--executor", "dask", "--scheduler", address, str(THREAD / "essay.md")])
    assert result.exit_code == 2
    assert result.output.startswith(f"error: no Dask scheduler at {address}")


def test_executor_choice():
    assert isinstance(make_executor("processes", workers=2), ProcessExecutor)
    dask = make_executor("dask", workers=3, scheduler="tcp://127.0.0.1:8786")
    assert isinstance(dask, DaskExecutor) and dask.scheduler == "tcp://127.0.0.1:8786"
    assert dask.in_flight == 6  # before it connects: two chunks per local worker
    with pytest.raises(ArgmineError, match="--scheduler needs --executor dask"):
        make_executor("processes", scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(ArgmineError, match="unknown executor"):
        make_executor("spark")
