"""Schema migrations (sqlite-utils ``Migrations``); each one is applied once, in order.

Add a new function at the end for every schema change; never edit an
applied one.  ``SCHEMA_VERSION`` is the number of migrations and is mirrored
in ``PRAGMA user_version`` so that any SQLite client can read it.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from argmine.errors import ArgmineError
from argmine.store import fts, schema

migrations = Migrations("argmine")


@migrations()
def m001_initial(db: Database) -> None:
    db.executescript(schema.TABLES)
    db.executescript(schema.INDEXES)
    for name, sql in schema.VIEWS.items():
        db.create_view(name, sql)
    for table, columns in schema.FTS.items():
        db[table].enable_fts(columns, create_triggers=True)
    db.execute("PRAGMA user_version = 1")


@migrations()
def m002_document_stance(db: Database) -> None:
    """Document stance (the roll-up of its units) and the author_stance view."""
    db.executescript(schema.DOCUMENT_STANCE)
    db.create_view("author_stance", schema.AUTHOR_STANCE_VIEW)
    db.execute("PRAGMA user_version = 2")


@migrations()
def m003_annotations(db: Database) -> None:
    """Human annotations (``argmine annotate import``) and the annotation_details view."""
    db.executescript(schema.ANNOTATIONS)
    db.create_view("annotation_details", schema.ANNOTATION_DETAILS_VIEW)
    db.execute("PRAGMA user_version = 3")


@migrations()
def m004_fts_queue(db: Database) -> None:
    """Full-text indexing once per transaction instead of per row (``argmine.store.fts``).

    The index is complete when this runs (the old triggers kept it so), so
    nothing needs indexing now; rows written from here on are queued.
    """
    for table, columns in schema.FTS.items():
        db.executescript(fts.queue_sql(table, columns))
    db.execute("PRAGMA user_version = 4")


@migrations()
def m005_post_author_index(db: Database) -> None:
    """An index for finding a post by its author ignoring case (``schema.POST_AUTHOR_INDEX``)."""
    db.executescript(schema.POST_AUTHOR_INDEX)
    db.execute("PRAGMA user_version = 5")


@migrations()
def m006_drop_redundant_unit_index(db: Database) -> None:
    """Drop ``idx_units_document_id``: the unique index on ``units(document_id, idx)``
    answers every look-up by document, and keeping a second index cost every unit row
    written another B-tree insert (4% of SQLite's work writing the bench archive, 5% of
    the database; issue 11)."""
    db.execute("DROP INDEX IF EXISTS idx_units_document_id")
    db.execute("PRAGMA user_version = 6")


SCHEMA_VERSION = 6  # the number of the last migration above


#: Where sqlite-utils' ``Migrations`` records what it applied: every argmine database has it.
APPLIED_TABLE = "_sqlite_migrations"


def refuse_foreign(db: Database) -> None:
    """Refuse a database that holds tables but no record of argmine's migrations: it is
    someone else's, and migrating would fill it with argmine's tables."""
    tables = db.table_names()
    if tables and APPLIED_TABLE not in tables:
        raise ArgmineError("not an argmine database (it holds other tables: "
                           f"{', '.join(sorted(tables)[:3])}); name a new file or an argmine one")


def migrate(db: Database) -> None:
    """Bring ``db`` to the current schema version (``refuse_foreign`` first).

    The write lock is taken first (``BEGIN IMMEDIATE``), so that two processes
    opening a new database at once cannot both apply the same migration.
    """
    refuse_foreign(db)
    if not migrations.pending(db):
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        migrations.apply(db)
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.commit()
