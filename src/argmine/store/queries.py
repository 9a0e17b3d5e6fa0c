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


def label_versions(db: Database) -> list[str]:
    """The model versions that labelled the stored documents."""
    return [v for (v,) in db.execute("SELECT DISTINCT model_version FROM documents "
                                     "WHERE model_version IS NOT NULL ORDER BY 1")]


def author_stance(db: Database, thread_id: str) -> list[dict[str, Any]]:
    return _rows(db, "SELECT * FROM author_stance WHERE thread_id = ? ORDER BY author",
                 [thread_id])


def strongest_claims(db: Database, thread_id: str, stance: str, limit: int = 5) -> list[dict]:
    """Claims with ``stance``, central claims first, then by confidence."""
    return _rows(db, """
        SELECT u.id, u.document_id, u.idx, u.start, u."end", u.text, u.stance, u.confidence,
               u.central, d.author, d.title, d.url, d.kind, d.published
        FROM units u JOIN documents d ON d.id = u.document_id
        WHERE d.thread_id = ? AND u.component = 'claim' AND u.stance = ?
        ORDER BY u.central DESC, u.confidence DESC, d.published LIMIT ?
    """, [thread_id, stance, limit])


def premises_near(db: Database, document_id: str, idx: int, stance: str,
                  limit: int = 3) -> list[dict]:
    """Premises of the same document and stance, nearest to unit ``idx`` first."""
    return _rows(db, """
        SELECT id, idx, start, "end", text, stance, confidence FROM units
        WHERE document_id = ? AND component = 'premise' AND stance = ?
        ORDER BY abs(idx - ?), idx LIMIT ?
    """, [document_id, stance, idx, limit])


#: From a document ``c`` to each document ``p`` it answers: the parent a reply hangs
#: from ("reply" link) or the post a response post answers ("response" link).
ANSWERED = ("JOIN links answer ON answer.source_id = c.id AND answer.kind IN ('reply', "
            "'response') JOIN documents p ON p.id = answer.target_id")


def disagreements(db: Database, thread_id: str) -> list[dict]:
    """Replies and responses whose stance opposes what they answer (their parent, or the
    post a response post answers)."""
    return _rows(db, f"""
        SELECT DISTINCT c.id, c.author, c.stance, c.stance_confidence, c.url,
               substr(c.text, 1, 200) AS excerpt,
               p.id AS parent_id, p.author AS parent_author, p.stance AS parent_stance,
               coalesce(p.title, substr(p.text, 1, 80)) AS parent_label
        FROM documents c {ANSWERED}
        WHERE c.thread_id = ? AND c.stance IN ('PRO', 'CONTRA')
          AND p.stance IN ('PRO', 'CONTRA') AND c.stance != p.stance
        ORDER BY c.published, c.rowid
    """, [thread_id])


def stance_counts(db: Database, thread_id: str) -> dict[str, dict[str, int]]:
    """Per document id: unit counts by stance."""
    counts: dict[str, dict[str, int]] = {}
    for row in _rows(db, """
        SELECT u.document_id, u.stance, COUNT(*) AS n FROM units u
        JOIN documents d ON d.id = u.document_id
        WHERE d.thread_id = ? AND u.stance IS NOT NULL GROUP BY 1, 2""", [thread_id]):
        counts.setdefault(row["document_id"], {})[row["stance"]] = row["n"]
    return counts


def runs(db: Database, limit: int = 20) -> list[dict[str, Any]]:
    """The latest runs, newest first, with how many errors each recorded."""
    return _rows(db, "SELECT * FROM runs ORDER BY id DESC LIMIT ?", [limit])


#: Every stored column that the input decides (timestamps and run ids left out): what two
#: ingests of the same sources must agree on, whatever executor ran them.
STORED_CONTENT = {
    "threads": "id, title, target, language",
    "documents": "id, kind, title, author, url, published, parent_id, thread_id, lang, text, "
                 "content_hash, source, key, stance, stance_confidence, model_version",
    "units": 'document_id, idx, start, "end", text, component, stance, confidence, central, '
             "model_version",
    "links": "source_id, target_id, kind",
}


def stored_content(db: Database) -> dict[str, list[tuple]]:
    """The ``STORED_CONTENT`` columns of each table, in a stable order."""
    return {table: [tuple(row) for row in
                     db.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2, 3").fetchall()]
            for table, columns in STORED_CONTENT.items()}
