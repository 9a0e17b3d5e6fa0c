"""Two ingests at once, and an ingest killed with SIGKILL, leave a consistent database."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import THREAD

ARGMINE = [sys.executable, "-m", "argmine.cli", "ingest", "-q"]


def write_archive(folder: Path, posts: int, comments: int = 4) -> int:
    """An invented archive of JSON Lines files; returns the number of documents."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for p in range(posts):
        url = f"https://invented.example.org/{p}/"
        records = [{"url": url, "kind": "post", "author": f"Autor {p % 7}", "title": f"Post {p}",
                    "text": f"Beitrag {p}: Twitter lohnt sich für den Vertrieb nicht, weil die "
                            "Einkäufer dort nicht sind. Zwar gibt es Ausnahmen, aber selten."}]
        records += [{"url": f"{url}#comment-{c}", "kind": "comment", "parent": url,
                     "author": f"Leser {c}", "text": f"Kommentar {c} zu {p}: Sehe ich genauso."}
                    for c in range(comments)]
        (folder / f"post-{p:04d}.jsonl").write_text(
            "\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", "utf-8")
        count += len(records)
    return count


def check(db: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    return conn


def test_opening_waits_for_another_connections_lock_to_switch_to_wal(tmp_path):
    """SQLite refuses the switch to WAL at once while another connection holds a lock (no
    busy timeout): two ingests creating one database together failed that way now and then."""
    import threading

    from argmine.store import connect

    path = tmp_path / "new.db"
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN IMMEDIATE")  # the other ingest, about to create the tables
    with pytest.raises(sqlite3.OperationalError, match="locked"):  # what SQLite does
        sqlite3.connect(path, timeout=5).execute("PRAGMA journal_mode = wal")
    release = threading.Timer(0.5, other.execute, ["COMMIT"])
    release.start()
    start = time.monotonic()
    db = connect(path)
    release.join()
    assert time.monotonic() - start >= 0.4  # it waited for the lock
    assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


def test_two_concurrent_ingests_both_finish_without_duplicates(tmp_path):
    expected = write_archive(tmp_path / "a", 15) + write_archive(tmp_path / "b", 0)
    db = tmp_path / "shared.db"
    sources = [str(tmp_path / "a"), str(THREAD / "thread.toml")]
    first = subprocess.Popen([*ARGMINE, "--db", str(db), *sources])
    second = subprocess.Popen([*ARGMINE, "--db", str(db), *reversed(sources)])
    assert first.wait(timeout=300) == 0
    assert second.wait(timeout=300) == 0
    conn = check(db)
    archive_docs = conn.execute(
        "SELECT COUNT(*) FROM documents WHERE url LIKE 'https://invented.example.org/%'").fetchone()
    assert archive_docs == (expected,)
    assert conn.execute("SELECT COUNT(*) FROM documents WHERE text IS NOT NULL AND "
                        "thread_id = 'twitter-maschinenbau'").fetchone() == (17,)
    assert conn.execute("SELECT COUNT(*), COUNT(DISTINCT key) FROM documents").fetchone()[0] == \
        conn.execute("SELECT COUNT(DISTINCT key) FROM documents").fetchone()[0]
    assert conn.execute("SELECT COUNT(*) FROM runs WHERE ended_at IS NOT NULL").fetchone() == (2,)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_mid_ingest_leaves_a_consistent_database_and_the_next_run_completes(tmp_path):
    expected = write_archive(tmp_path / "archive", 300)  # > COMMIT_DOCUMENTS: several commits
    db = tmp_path / "killed.db"
    process = subprocess.Popen([*ARGMINE, "--db", str(db), str(tmp_path / "archive")])
    deadline = time.time() + 120
    while time.time() < deadline:  # kill once some, but not all, documents are in
        time.sleep(0.2)
        if db.exists():
            try:
                written = sqlite3.connect(db, timeout=1).execute(
                    "SELECT COUNT(*) FROM documents").fetchone()[0]
            except sqlite3.Error:
                continue
            if written > 20:
                break
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)
    conn = check(db)
    partial = conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0]
    conn.close()
    assert 0 < partial < expected, "the kill should land mid-ingest"
    assert subprocess.run([*ARGMINE, "--db", str(db), str(tmp_path / "archive")],
                          timeout=300).returncode == 0
    conn = check(db)
    assert conn.execute("SELECT COUNT(*) FROM documents").fetchone() == (expected,)
    assert conn.execute("SELECT COUNT(*) FROM documents d WHERE text IS NOT NULL AND NOT EXISTS "
                        "(SELECT 1 FROM units u WHERE u.document_id = d.id)").fetchone() == (0,)


def test_worker_processes_give_the_same_rows_as_one_process(tmp_path):
    from argmine.ingest import ingest

    write_archive(tmp_path / "archive", 12)
    merged = tmp_path / "one-source.jsonl"  # 60 documents in one source: two workers' worth
    merged.write_text("".join(p.read_text("utf-8") for p in sorted((tmp_path / "archive").iterdir())),
                      "utf-8")
    rows = []
    for workers in (1, 2):
        db = tmp_path / f"workers-{workers}.db"
        assert ingest([merged], db, workers=workers).ok
        conn = check(db)
        rows.append(conn.execute('SELECT document_id, idx, start, "end", component, stance, '
                                 "confidence, central FROM units ORDER BY 1, 2").fetchall())
    assert len(rows[0]) > 50
    assert rows[0] == rows[1]
