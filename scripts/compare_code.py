#!/usr/bin/env python3
"""Ingest one archive with an older commit's code and with this tree's; compare what they stored.

Usage: python scripts/compare_code.py [--old REV] [--docs N] [--workers N] [--work DIR]
                                      [--runs N] [--ignore TABLE] [--json]

A performance change must not change a single stored value.  This script
writes the synthetic archive of ``bench_ingest.py`` (``--docs`` documents,
seeded), extracts ``--old`` (default: HEAD) with ``git archive`` into a
temporary folder, and runs ``argmine ingest`` (bulk configuration: the
``fast`` stance model, ``--workers``) once with that code and once with this
tree's, alternately, ``--runs`` times each, each run into a fresh database
under ``--work`` (default: a temporary folder; databases are never written
into the repository).  It then compares, between the last old and the last
new database, every row of every table, rowids included, with all columns
but timestamps (``*_at``), and the full-text indexes' contents (term,
document, column and offset of every indexed token, read through
``fts5vocab``, so that a different segment layout does not count).
Prints each run's wall time and the machine's load average, and the tables
that differ; exit 1 if any does.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench_ingest import archive

ROOT = Path(__file__).resolve().parents[1]
#: FTS5 shadow tables hold the index in a layout that depends on when it was written;
#: their content is compared through fts5vocab instead.
SHADOW_SUFFIXES = ("_data", "_idx", "_docsize", "_config", "_content")


def extract(rev: str, folder: Path) -> Path:
    """``rev``'s tree (code and models) in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    tar = subprocess.run(["git", "-C", str(ROOT), "archive", rev], check=True,
                         capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(folder)], input=tar, check=True)
    return folder


def ingest(source_root: Path, corpus: Path, db: Path, workers: int) -> float:
    """Wall seconds of one ``argmine ingest`` child process running ``source_root``'s code."""
    for path in db.parent.glob(db.name + "*"):
        path.unlink()
    env = {**os.environ, "PYTHONPATH": str(source_root / "src")}
    command = [sys.executable, "-m", "argmine.cli", "ingest", "-q", "--db", str(db),
               "--thread", "bench", "--stance-model", "fast", "--workers", str(workers),
               str(corpus)]
    started = time.perf_counter()
    subprocess.run(command, check=True, env=env, cwd=source_root)
    return time.perf_counter() - started


def _tables(conn: sqlite3.Connection) -> list[str]:
    fts = {name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%'")}
    names = [name for (name,) in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [n for n in names if n not in fts
            and not any(n.startswith(f) and n.endswith(SHADOW_SUFFIXES) for f in fts)]


def content(db: Path) -> dict[str, list[tuple]]:
    """Every table's rows (timestamps left out) and every full-text index's entries."""
    conn = sqlite3.connect(db)
    found: dict[str, list[tuple]] = {}
    for table in _tables(conn):
        columns = [row[1] for row in conn.execute(f'PRAGMA table_info("{table}")')
                   if not row[1].endswith("_at")]
        names = ", ".join(f'"{c}"' for c in columns)
        without_rowid = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                                     [table]).fetchone()[0].rstrip().upper().endswith("WITHOUT ROWID")
        rowid = "" if without_rowid else "rowid, "
        found[table] = conn.execute(f'SELECT {rowid}{names} FROM "{table}" ORDER BY 1').fetchall()
    for (fts,) in conn.execute(
            "SELECT name FROM sqlite_master WHERE sql LIKE 'CREATE VIRTUAL TABLE%fts5%'").fetchall():
        conn.execute(f'CREATE VIRTUAL TABLE temp."v_{fts}" USING fts5vocab(main, "{fts}", instance)')
        found[f"{fts} (index)"] = conn.execute(
            f'SELECT term, doc, col, "offset" FROM temp."v_{fts}" ORDER BY 1, 2, 3, 4').fetchall()
    conn.close()
    return found


def differences(old: dict[str, list[tuple]], new: dict[str, list[tuple]]) -> dict[str, int]:
    """Per table, how many rows are in one database and not in the other (order counts)."""
    return {table: (sum(a != b for a, b in zip(old.get(table, []), new.get(table, [])))
                    + abs(len(old.get(table, [])) - len(new.get(table, []))))
            for table in sorted(set(old) | set(new))}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--old", default="HEAD", help="git revision of the old code")
    parser.add_argument("--docs", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--runs", type=int, default=1, help="interleaved runs of each code")
    parser.add_argument("--work", type=Path, help="keep archive, old tree and databases here")
    parser.add_argument("--ignore", action="append", default=[], metavar="TABLE",
                        help="leave a table out (e.g. _sqlite_migrations, when the new code "
                        "adds a migration); repeatable")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="argmine-compare-") as tmp:
        work = args.work or Path(tmp)
        corpus = work / f"archive-{args.docs}"
        if not corpus.exists():
            corpus.mkdir(parents=True)
            archive(corpus, args.docs)
        old_root = extract(args.old, work / "old-tree")
        seconds: dict[str, list[float]] = {"old": [], "new": []}
        loads = [round(os.getloadavg()[0], 2)]
        for _ in range(args.runs):
            for name, root in (("old", old_root), ("new", ROOT)):
                seconds[name].append(round(ingest(root, corpus, work / f"{name}.db",
                                                  args.workers), 2))
                loads.append(round(os.getloadavg()[0], 2))
        diff = differences(content(work / "old.db"), content(work / "new.db"))
        diff = {table: n for table, n in diff.items() if table not in args.ignore}
    result = {"docs": args.docs, "old": args.old, "workers": args.workers,
              "seconds": seconds, "median": {k: statistics.median(v) for k, v in seconds.items()},
              "load_average": loads, "differing_rows": {t: n for t, n in diff.items() if n},
              "tables_compared": len(diff), "ignored": args.ignore,
              "identical": not any(diff.values())}
    print(json.dumps(result, indent=None if not args.json else 2))
    return 0 if result["identical"] else 1


if __name__ == "__main__":
    sys.exit(main())
