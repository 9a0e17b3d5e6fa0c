"""Full-text indexing once per write transaction, not once per row.

``documents_fts`` and ``units_fts`` are external-content FTS5 tables.  Their
first triggers (sqlite-utils' ``enable_fts``) indexed every row as it was
written; inside the per-document savepoints of an ingest that made FTS5 write
a new index segment per document and merge them again, about half of the
writer's time (issue 11).  Since schema version 4 the insert and update
triggers only queue the row's rowid in ``<table>_fts_pending``; ``flush``
indexes every queued row with one statement per table, and the store calls it
just before each commit, so a committed database never holds unindexed rows.

Removing a row from the index needs the values it was indexed with, so the
delete and update triggers still do that at once, for rows already indexed;
a row still queued was never indexed and only leaves the queue.
"""

from __future__ import annotations

import sqlite3

from argmine.store.schema import FTS


def queue_sql(table: str, columns: list[str]) -> str:
    """The queue table and triggers that replace sqlite-utils' indexing triggers."""
    names = ", ".join(f'"{c}"' for c in columns)
    old = ", ".join(f'old."{c}"' for c in columns)
    fts, pending = f"{table}_fts", f"{table}_fts_pending"
    unindex = f"""
        INSERT INTO "{fts}" ("{fts}", rowid, {names}) SELECT 'delete', old.rowid, {old}
        WHERE NOT EXISTS (SELECT 1 FROM "{pending}" WHERE id = old.rowid);
        DELETE FROM "{pending}" WHERE id = old.rowid;"""
    queue = f'INSERT OR IGNORE INTO "{pending}" (id) VALUES (new.rowid);'
    return f"""
        DROP TRIGGER IF EXISTS "{table}_ai";
        DROP TRIGGER IF EXISTS "{table}_ad";
        DROP TRIGGER IF EXISTS "{table}_au";
        CREATE TABLE "{pending}" (id INTEGER PRIMARY KEY);
        CREATE TRIGGER "{table}_fts_queue_insert" AFTER INSERT ON "{table}" BEGIN {queue} END;
        CREATE TRIGGER "{table}_fts_queue_delete" AFTER DELETE ON "{table}" BEGIN {unindex} END;
        CREATE TRIGGER "{table}_fts_queue_update" AFTER UPDATE OF {names} ON "{table}"
        BEGIN {unindex} {queue} END;
    """


def flush(conn: sqlite3.Connection) -> None:
    """Index every queued row (one FTS5 statement per table) and empty the queues.

    Call inside the write transaction, before its commit.
    """
    for table, columns in FTS.items():
        names = ", ".join(f'"{c}"' for c in columns)
        values = ", ".join(f't."{c}"' for c in columns)
        pending = f"{table}_fts_pending"
        if conn.execute(f'SELECT 1 FROM "{pending}" LIMIT 1').fetchone() is None:
            continue
        conn.execute(f'INSERT INTO "{table}_fts" (rowid, {names}) SELECT t.rowid, {values} '
                     f'FROM "{pending}" p JOIN "{table}" t ON t.rowid = p.id')
        conn.execute(f'DELETE FROM "{pending}"')
