"""Read-only queries: everything the report (and later the server) needs from the store."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database


def _rows(db: Database, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
    cursor = db.execute(sql, params or [])
    names = [column[0] for column in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def threads(db: Database) -> list[dict[str, Any]]:
    return _rows(db, "SELECT id, title, target, language FROM threads ORDER BY id")


def documents(db: Database, thread_id: str | None = None) -> list[dict[str, Any]]:
    """Documents with unit counts, oldest first; placeholders (no text) included."""
    where = "WHERE d.thread_id = ?" if thread_id else ""
    return _rows(db, f"""
        SELECT d.id, d.kind, d.title, d.author, d.url, d.published, d.parent_id,
               d.thread_id, d.lang, d.text IS NOT NULL AS has_text,
               d.stance, d.stance_confidence,
               SUM(u.component IN ('claim', 'premise')) AS argumentative_units,
               length(d.text) AS chars, substr(d.text, 1, 160) AS excerpt,
               COUNT(u.id) AS units,
               SUM(u.component IS NOT NULL) AS labelled_units
        FROM documents d LEFT JOIN units u ON u.document_id = d.id
        {where}
        GROUP BY d.id
        ORDER BY d.published IS NULL, d.published, d.rowid
    """, [thread_id] if thread_id else [])


def links(db: Database, thread_id: str | None = None) -> list[dict[str, Any]]:
    where = "WHERE s.thread_id = ?" if thread_id else ""
    return _rows(db, f"""
        SELECT l.source_id, l.target_id, l.kind FROM links l
        JOIN documents s ON s.id = l.source_id {where}
        ORDER BY l.source_id, l.kind, l.target_id
    """, [thread_id] if thread_id else [])


def latest_run(db: Database) -> dict[str, Any] | None:
    rows = _rows(db, "SELECT * FROM runs ORDER BY id DESC LIMIT 1")
    return rows[0] if rows else None


def run_errors(db: Database, run_id: int) -> list[dict[str, Any]]:
    return _rows(db, "SELECT source, error FROM ingest_errors WHERE run_id = ? ORDER BY id",
                 [run_id])


def missing_references(db: Database, thread_id: str | None = None) -> list[dict[str, Any]]:
    where = "WHERE thread_id = ?" if thread_id else ""
    return _rows(db, f"SELECT * FROM missing_references {where} ORDER BY title, url",
                 [thread_id] if thread_id else [])


def labelled_unit_count(db: Database) -> int:
    return db.execute("SELECT COUNT(*) FROM units WHERE stance IS NOT NULL").fetchone()[0]


def author_stance(db: Database, thread_id: str) -> list[dict[str, Any]]:
    return _rows(db, "SELECT * FROM author_stance WHERE thread_id = ? ORDER BY author",
                 [thread_id])
