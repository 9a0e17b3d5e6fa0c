"""Writing documents, units and links: all or nothing per document, idempotent by hash.

Documents refer to each other by key; here keys become ids.  A key resolves
to an existing row by its own id, by URL, or (for posts) by author and
title, so that a response first stored as a reference ("Michael Nordmeyer,
„Titel“") is filled in, not duplicated, when its text arrives.  Missing
targets of parents and links are stored as referenced documents without
text.
"""

from __future__ import annotations

import json
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Literal

from sqlite_utils import Database

from argmine import __version__
from argmine.config import DEFAULT_TARGET
from argmine.errors import ArgmineError
from argmine.records import Document, Link, Thread, Unit, stable_id
from argmine.sources.references import reference_key
from argmine.store import fts
from argmine.store.migrations import migrate, refuse_foreign

Outcome = Literal["added", "changed", "unchanged"]


def _names(columns: Sequence[str]) -> str:
    return ", ".join(f'"{c}"' for c in columns)


_UNIT_COLUMNS = ("id", "document_id", "idx", "start", "end", "text", "component", "stance",
                 "confidence", "central", "model_version")
_DOCUMENT_COLUMNS = ("id", "kind", "title", "author", "url", "published", "parent_id",
                     "thread_id", "lang", "text", "content_hash", "source", "ingested_at", "key",
                     "stance", "stance_confidence", "model_version")
_UPSERT_DOCUMENT = (
    f"INSERT INTO documents ({_names(_DOCUMENT_COLUMNS)}) "
    f"VALUES ({', '.join('?' * len(_DOCUMENT_COLUMNS))}) ON CONFLICT (id) DO UPDATE SET "
    + ", ".join(f'"{c}" = excluded."{c}"' for c in _DOCUMENT_COLUMNS[1:]))
#: Units per INSERT statement: one statement per row was the slowest part of writing
#: (issue 6); 11 columns x 500 rows stays far below SQLite's variable limit.
UNITS_PER_STATEMENT = 500


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


BUSY_SECONDS = 30  # how long a writer waits for another process's lock


def _enable_wal(db: Database, seconds: float = BUSY_SECONDS) -> None:
    """Switch to WAL, waiting up to ``seconds`` for other connections' locks.

    Switching takes an exclusive lock, and SQLite refuses it at once with "database is
    locked", without the busy timeout, while another process holds any: two ingests
    that created one new database together failed that way now and then.
    """
    deadline = time.monotonic() + seconds
    while True:
        try:
            db.enable_wal()
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def connect(path: str | Path, *, create: bool = True) -> Database:
    """Open (and migrate) an argmine database with WAL, foreign keys and a busy timeout."""
    if not create and not Path(path).exists():
        raise FileNotFoundError(f"{path}: no such database")
    conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS)
    db = Database(conn)
    try:  # before WAL: journal_mode=wal would stay on someone else's file
        refuse_foreign(db)
    except (ArgmineError, sqlite3.DatabaseError) as exc:  # "file is not a database", ...
        conn.close()
        raise ArgmineError(f"{path}: {exc}") from None
    db.execute("PRAGMA foreign_keys = ON")
    db.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
    if str(path) != ":memory:":
        _enable_wal(db)
        db.execute("PRAGMA synchronous = NORMAL")  # WAL stays consistent; commits skip an fsync
        # Checkpoint (copy the WAL into the database) every 64 MB, not every 4 MB: a bulk
        # ingest's commits each wrote more than 4 MB, so every commit was followed by a
        # checkpoint, and pages changed again by the next commits were copied again each
        # time (issue 11: writing 20,000 documents 6.8-9.0 s -> 6.6-7.4 s of CPU).
        db.execute("PRAGMA wal_autocheckpoint = 16384")
    # Savepoints and multi-row statements keep page images in temporary journals; on disk
    # they were most of ingest's writes (issue 6).  A 64 MB page cache keeps the indexes
    # with random document ids in memory.
    db.execute("PRAGMA temp_store = MEMORY")
    db.execute("PRAGMA cache_size = -65536")
    if create:
        migrate(db)
    return db


@dataclass
class RunCounts:
    """What one ingest run did; stored in ``runs``."""

    sources: int = 0
    documents_added: int = 0
    documents_changed: int = 0
    documents_unchanged: int = 0
    errors: int = 0
    failed_sources: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> None:
        name = f"documents_{outcome}"
        setattr(self, name, getattr(self, name) + 1)


class Store:
    """The database behind one ingest: threads, documents, runs and errors."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.batch_started, self.batch_documents = time.monotonic(), 0

    # -- runs and errors ------------------------------------------------------
    def ensure_thread(self, thread: Thread) -> None:
        """Store ``thread``, or update a stored one's language and (when given) title.

        A stored thread keeps its target: its documents were labelled against it,
        and a silent change would pair the new target with the old labels.  A thread
        without a target (``Thread.target`` None) takes the stored one, or
        ``DEFAULT_TARGET`` when it is new.
        """
        row = self.db.execute("SELECT target, title FROM threads WHERE id = ?",
                              [thread.id]).fetchone()
        if row and thread.target and thread.target != row[0]:
            raise ArgmineError(
                f"thread {thread.id!r} is stored with the target „{row[0]}“ and its documents "
                f"were labelled against it, not against „{thread.target}“: use that target "
                "or another thread id")
        self.db["threads"].upsert(
            {"id": thread.id, "title": thread.title or (row[1] if row else None),
             "language": thread.language,
             "target": row[0] if row else thread.target or DEFAULT_TARGET}, pk="id")

    def thread_context(self, thread_id: str | None) -> tuple[str, str | None]:
        """The thread's language and target proposition (German, none when unknown)."""
        row = self.db.execute("SELECT language, target FROM threads WHERE id = ?",
                              [thread_id]).fetchone()
        return (row[0], row[1]) if row else ("de", None)

    def stance_of(self, doc_id: str | None) -> str | None:
        row = self.db.execute("SELECT stance FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row[0] if row else None

    def stored_documents(self, except_version: str | None = None) -> Iterator[Document]:
        """Documents with text, oldest first, rebuilt for re-analysis.

        ``except_version`` skips documents whose labels that model version made.
        """
        rows = self.db.execute("""
            SELECT d.key, d.text, d.source, d.kind, d.title, d.author, d.url, d.published,
                   p.key, d.thread_id, d.content_hash, d.model_version
            FROM documents d LEFT JOIN documents p ON p.id = d.parent_id
            WHERE d.text IS NOT NULL AND (? IS NULL OR d.model_version IS NOT ?)
            ORDER BY d.published IS NULL, d.published, d.rowid""",
            [except_version, except_version]).fetchall()
        for (key, text, source, kind, title, author, url, published, parent, thread, hash_,
             version) in rows:
            yield Document(key=key, text=text, source=source, kind=kind, title=title,
                           author=author, url=url, published=published, parent=parent,
                           thread_id=thread, stored_hash=hash_, model_version=version)

    def start_run(self, spacy_pipeline: str | None, model_versions: dict[str, str]) -> int:
        table = self.db["runs"].insert({
            "argmine_version": __version__, "spacy_pipeline": spacy_pipeline,
            "model_versions": json.dumps(model_versions, sort_keys=True),
            "started_at": now(),
        })
        return int(table.last_pk)

    def finish_run(self, run_id: int, counts: RunCounts, spacy_pipeline: str | None = None,
                   model_versions: dict[str, str] | None = None) -> None:
        """Record the counts; the pipeline and models if they were loaded during the run."""
        extra = {"spacy_pipeline": spacy_pipeline} if spacy_pipeline else {}
        if model_versions:
            extra["model_versions"] = json.dumps(model_versions, sort_keys=True)
        self.db["runs"].update(run_id, {
            **extra, "ended_at": now(), "sources": counts.sources,
            "documents_added": counts.documents_added,
            "documents_changed": counts.documents_changed,
            "documents_unchanged": counts.documents_unchanged, "errors": counts.errors,
        })

    def record_error(self, run_id: int, source: str, error: str) -> None:
        self.db["ingest_errors"].insert({"run_id": run_id, "source": source, "error": error})

    # -- resolution -----------------------------------------------------------
    def exists(self, doc_id: str) -> bool:
        """Whether a document (with text or a reference) is stored under ``doc_id``."""
        return bool(self.db.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone())

    def resolve(self, key: str, url: str | None = None, author: str | None = None,
                title: str | None = None, *, references_only: bool = False) -> str | None:
        """The id of the stored document ``key`` names, or None.

        By ``author`` and ``title`` a document is found only when no key or URL finds
        it; ``references_only`` then accepts only a reference (a document without text).
        """
        if self.exists(stable_id(key)):
            return stable_id(key)
        url = url or (key if "://" in key else None)
        if url:
            row = self.db.execute(
                "SELECT id FROM documents WHERE url = ? ORDER BY text IS NULL LIMIT 1", [url]
            ).fetchone()
            if row:
                return row[0]
        if author and title:
            return self._post_by(author, title, references_only)
        return None

    def _post_by(self, author: str, title: str, references_only: bool = False) -> str | None:
        """A post by ``author`` titled ``title``, compared the way references are keyed."""
        wanted = reference_key(author, title)
        rows = self.db.execute(  # through idx_documents_post_author; oldest first on a tie
            "SELECT id, author, title, text IS NULL FROM documents WHERE kind = 'post' AND "
            "title IS NOT NULL AND author = ? COLLATE NOCASE ORDER BY text IS NULL, rowid",
            [author.strip()]).fetchall()
        found = [row for row in rows if reference_key(row[1], row[2]) == wanted
                 and (row[3] or not references_only)]
        ids = [row[0] for row in found]
        return stable_id(wanted) if stable_id(wanted) in ids else next(iter(ids), None)

    def document_id(self, document: Document) -> str:
        """The id ``document`` is (or will be) stored under.

        A post with text takes over a reference that cited it by author and title, but
        never another post with text: two "Wochenrückblick" posts by one author are two
        documents, and the second overwrote the first.
        """
        author_title = (document.author, document.title) if document.kind == "post" else (None, None)
        return self.resolve(document.key, document.url, *author_title,
                            references_only=not document.is_placeholder) or document.id

    def is_unchanged(self, doc_id: str, document: Document) -> bool:
        """True when the stored row already holds exactly this document's content."""
        row = self.db.execute(
            "SELECT content_hash FROM documents WHERE id = ? AND text IS NOT NULL", [doc_id]
        ).fetchone()
        return row is not None and row[0] == document.content_hash()

    # -- writing --------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A write transaction that takes the write lock up front (``BEGIN IMMEDIATE``).

        A deferred transaction that reads first cannot wait for another process's
        write lock: SQLite fails it at once with "database is locked".  Taking
        the lock at the start lets the busy timeout queue concurrent ingests.
        Inside a batch (``begin_batch``) the writes join the batch's transaction.
        """
        if self.db.conn.in_transaction:
            yield
            return
        self.db.conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.db.conn.rollback()
            raise
        self._commit()

    def _commit(self) -> None:
        """Index what the transaction queued for full-text search, then commit."""
        try:
            fts.flush(self.db.conn)
        except BaseException:
            self.db.conn.rollback()
            raise
        self.db.conn.commit()

    def begin_batch(self) -> None:
        """Open a transaction that the following writes share, until ``commit_batch``.

        Every commit writes each page the transaction touched to the WAL, and
        the random document ids spread a chunk's rows over many index pages;
        committing every thousand documents instead of every chunk took about a
        tenth off the ingest benchmark (issue 6).  A batch never holds half a
        document: each document is written inside its own savepoint.
        """
        if not self.db.conn.in_transaction:
            self.db.conn.execute("BEGIN IMMEDIATE")
            self.batch_started, self.batch_documents = time.monotonic(), 0

    def commit_batch(self, *, documents: int = 0, seconds: float = 0.0) -> None:
        """Commit the batch once it holds ``documents`` documents or is ``seconds`` old
        (both 0: now)."""
        if not self.db.conn.in_transaction:
            return
        if (self.batch_documents >= documents
                or time.monotonic() - self.batch_started >= seconds > 0):
            self._commit()

    def write(self, document: Document, doc_id: str | None = None) -> Outcome:
        """Store ``document`` with its units and links in one transaction."""
        with self.transaction():
            return self._write(document, doc_id or self.document_id(document))

    def write_many(self, items: Sequence[tuple[Document, str]]) -> list[Outcome | sqlite3.Error]:
        """Store many (document, id) pairs in one transaction, each in its own savepoint.

        One commit per batch instead of one per document; a document that
        fails is rolled back alone and its error returned in its place.
        """
        outcomes: list[Outcome | sqlite3.Error] = []
        self.batch_documents += len(items)
        with self.transaction():
            for document, doc_id in items:
                try:
                    with self._savepoint():
                        outcomes.append(self._write(document, doc_id))
                except sqlite3.Error as exc:
                    outcomes.append(exc)
                    if not self.db.conn.in_transaction:  # the error ended the transaction
                        self.db.conn.execute("BEGIN IMMEDIATE")
        return outcomes

    @contextmanager
    def _savepoint(self) -> Iterator[None]:
        """``Database.atomic`` inside a transaction, under one fixed savepoint name.

        sqlite_utils names every savepoint anew (random hex), so each document's
        SAVEPOINT and RELEASE were new statements for SQLite to compile; fixed ones
        come from the connection's statement cache.  The innermost savepoint of a name
        is the one released or rolled back to, so a nested one is no problem.
        """
        self.db.conn.execute("SAVEPOINT argmine_document")
        try:
            yield
        except BaseException:
            if self.db.conn.in_transaction:  # an error may have ended the transaction
                self.db.conn.execute("ROLLBACK TO SAVEPOINT argmine_document")
                self.db.conn.execute("RELEASE SAVEPOINT argmine_document")
            raise
        self.db.conn.execute("RELEASE SAVEPOINT argmine_document")

    def _write(self, document: Document, doc_id: str) -> Outcome:
        existed = self.exists(doc_id)
        if document.is_placeholder:  # a reference adds links, never overwrites text
            if not existed:
                self._insert_placeholder(doc_id, document)
            self._write_links(doc_id, document, replace=False)
            return "unchanged" if existed else "added"
        self._upsert_document(doc_id, document)
        self.db.execute("DELETE FROM units WHERE document_id = ?", [doc_id])
        self._insert_units(doc_id, document.units)
        self._write_links(doc_id, document, replace=True)
        if document.kind == "post" and document.author and document.title:
            self._absorb_reference(doc_id, reference_key(document.author, document.title))
        return "changed" if existed else "added"

    def _insert_units(self, doc_id: str, units: Sequence[Unit]) -> None:
        rows = [(f"{doc_id}:{idx}", doc_id, idx, u.start, u.end, u.text, u.component, u.stance,
                 u.confidence, int(u.central), u.model_version) for idx, u in enumerate(units)]
        row = f"({', '.join('?' * len(_UNIT_COLUMNS))})"
        for start in range(0, len(rows), UNITS_PER_STATEMENT):
            part = rows[start:start + UNITS_PER_STATEMENT]
            self.db.conn.execute(
                f"INSERT INTO units ({_names(_UNIT_COLUMNS)}) "
                f"VALUES {', '.join([row] * len(part))}", [v for r in part for v in r])

    def _absorb_reference(self, doc_id: str, key: str) -> None:
        """Merge the placeholder that cites this post by author and title into it.

        A post can be referenced twice before its text arrives: by URL (a
        pingback) and by author and title (a reference list).  Once the text
        is here, both must point at one document.
        """
        placeholder = stable_id(key)
        if placeholder == doc_id or not self.db.execute(
                "SELECT 1 FROM documents WHERE id = ? AND text IS NULL", [placeholder]).fetchone():
            return
        for column in ("target_id", "source_id"):
            self.db.execute(f"UPDATE OR IGNORE links SET {column} = ? WHERE {column} = ?",
                            [doc_id, placeholder])
        self.db.execute("DELETE FROM links WHERE source_id = target_id")
        self.db.execute("UPDATE documents SET parent_id = ? WHERE parent_id = ?",
                        [doc_id, placeholder])
        self.db.execute("DELETE FROM links WHERE ? IN (source_id, target_id)", [placeholder])
        self.db.execute("DELETE FROM documents WHERE id = ?", [placeholder])

    def _upsert_document(self, doc_id: str, document: Document) -> None:
        parent_id = None
        if document.parent:
            kind = "comment" if "#comment" in document.parent else "post"
            parent_id = self._more_specific_parent(
                doc_id, self._target(Link(document.parent, "reply"), document, kind))
        self.db.conn.execute(_UPSERT_DOCUMENT, (  # in _DOCUMENT_COLUMNS order
            doc_id, document.kind, document.title, document.author, document.url,
            document.published, parent_id, document.thread_id, document.lang, document.text,
            document.stored_hash or document.content_hash(), document.source, now(),
            document.key, document.stance, document.stance_confidence, document.model_version))

    def _more_specific_parent(self, doc_id: str, parent_id: str) -> str:
        """Keep a stored parent that nests below the incoming one.

        Feeds cannot say which comment a reply answers and give the post as
        parent; a page or export that was ingested before knew better.
        """
        row = self.db.execute("SELECT parent_id FROM documents WHERE id = ?", [doc_id]).fetchone()
        stored = row[0] if row else None
        if stored and stored != parent_id and parent_id in self.ancestors(stored):
            return stored
        return parent_id

    def ancestors(self, doc_id: str) -> list[str]:
        """Parent, grandparent, ... of a document (cycle-safe)."""
        rows = self.db.execute("""
            WITH RECURSIVE up(id, depth) AS (
                SELECT parent_id, 1 FROM documents WHERE id = ?
                UNION SELECT d.parent_id, up.depth + 1 FROM documents d JOIN up ON d.id = up.id
                WHERE up.depth < 1000)
            SELECT id FROM up WHERE id IS NOT NULL ORDER BY depth""", [doc_id]).fetchall()
        return [row[0] for row in rows]

    def text_thread(self, doc_id: str) -> str | None:
        """The thread of a stored document with text (None: not stored, or a reference)."""
        row = self.db.execute("SELECT thread_id FROM documents WHERE id = ? AND text IS NOT NULL",
                              [doc_id]).fetchone()
        return row[0] if row else None

    def thread_of(self, doc_id: str | None) -> str | None:
        """The thread a stored document belongs to."""
        row = self.db.execute("SELECT thread_id FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row[0] if row else None

    def _insert_placeholder(self, doc_id: str, document: Document) -> None:
        self.db["documents"].insert({
            "id": doc_id, "kind": document.kind,
            "title": document.title, "author": document.author,
            "url": document.url or (document.key if "://" in document.key else None),
            "thread_id": document.thread_id, "source": document.source,
            "ingested_at": now(), "key": document.key,
        }, pk="id")

    def _target(self, link: Link, document: Document, kind: str = "post") -> str:
        """Id of a link or parent target, storing it as a reference when it is missing."""
        found = self.resolve(link.target, author=link.author, title=link.title)
        if found:
            return found
        reference = Document(
            key=link.target, text=None, source=f"referenced by {document.source}",
            kind=kind, title=link.title, author=link.author, thread_id=document.thread_id)  # type: ignore[arg-type]
        self._insert_placeholder(stable_id(link.target), reference)
        return stable_id(link.target)

    def _write_links(self, doc_id: str, document: Document, replace: bool) -> None:
        if replace:  # a document has one parent; citations from any source accumulate
            self.db.execute("DELETE FROM links WHERE source_id = ? AND kind = 'reply'", [doc_id])
        rows = []
        if document.parent:
            parent = self.db.execute(
                "SELECT parent_id FROM documents WHERE id = ?", [doc_id]).fetchone()
            if parent and parent[0]:
                rows.append((doc_id, parent[0], "reply"))
        for link in document.links:
            target = self._target(link, document)
            if target != doc_id:
                rows.append((doc_id, target, link.kind))
        self.db.conn.executemany(
            "INSERT OR IGNORE INTO links (source_id, target_id, kind) VALUES (?, ?, ?)", rows)
