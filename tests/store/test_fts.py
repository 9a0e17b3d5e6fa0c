"""Full-text search stays complete while indexing happens once per transaction."""

import sqlite3

from sqlite_utils import Database

from argmine.ingest import ingest
from argmine.records import Document, Unit
from argmine.store import Store, connect
from argmine.store.migrations import migrate, migrations


def rows(db_path, sql, params=()):
    with sqlite3.connect(db_path, isolation_level=None) as conn:  # autocommit: no lock kept
        return conn.execute(sql, params).fetchall()


def assert_index_matches_content(db_path):
    """FTS5's check against the content tables: every row indexed, with today's values."""
    for table in ("units_fts", "documents_fts"):
        assert rows(db_path, f"INSERT INTO {table}({table}, rank) VALUES ('integrity-check', 1)") == []
        assert rows(db_path, f"SELECT COUNT(*) FROM {table}_pending") == [(0,)]


def found(db_path, word, table="units"):
    return rows(db_path, f"SELECT t.text FROM {table}_fts f JOIN {table} t ON t.rowid = f.rowid "
                         f"WHERE {table}_fts MATCH ? ORDER BY t.text", [word])


def document(name, text):
    return Document(key=f"https://x.example.org/{name}", text=text, source="test", title=name,
                    units=[Unit(0, len(text), text)])


def test_every_unit_is_found_after_a_bulk_ingest(tmp_path, db_path, pipeline):
    source = tmp_path / "bulk.jsonl"
    source.write_text("".join(
        f'{{"id": "https://x.example.org/{n}", "text": "Wort{n:04d} steht in Beitrag {n}. '
        f'Danach folgt ein zweiter Satz."}}\n' for n in range(300)), "utf-8")
    assert ingest([source], db_path, pipeline=pipeline, labeller=None).ok
    assert_index_matches_content(db_path)
    for n in (0, 150, 299):
        unit = rows(db_path, "SELECT text FROM units WHERE text LIKE ?", [f"Wort{n:04d} %"])
        assert found(db_path, f"Wort{n:04d}") == unit != []
    assert len(found(db_path, "zweiter")) == 300
    assert len(found(db_path, "Beitrag", "documents")) == 300


def test_a_changed_document_is_found_by_its_new_text_only(tmp_path, db_path, pipeline):
    source = tmp_path / "post.md"
    source.write_text("---\nurl: https://x.example.org/p\n---\nAlter Satz hier. Zweiter.", "utf-8")
    ingest([source], db_path, pipeline=pipeline, labeller=None)
    source.write_text("---\nurl: https://x.example.org/p\n---\nNeuer Satz dort.", "utf-8")
    ingest([source], db_path, pipeline=pipeline, labeller=None)
    assert found(db_path, "Alter") == [] and found(db_path, "Alter", "documents") == []
    assert found(db_path, "Neuer") == [("Neuer Satz dort.",)]
    assert_index_matches_content(db_path)


def test_the_same_document_twice_in_one_transaction_is_indexed_once(db_path):
    store = Store(connect(db_path))
    first, second = document("p", "Entwurf eins."), document("p", "Fassung zwei.")
    store.begin_batch()
    store.write_many([(first, store.document_id(first))])
    store.write_many([(second, store.document_id(second))])  # replaces rows not yet indexed
    store.commit_batch()
    assert found(db_path, "Entwurf") == [] and found(db_path, "Fassung") == [("Fassung zwei.",)]
    assert_index_matches_content(db_path)


def test_deleted_documents_leave_the_index(db_path):
    store = Store(connect(db_path))
    for name in ("a", "b"):
        store.write(document(name, f"Satz von {name}x."))
    store.db.execute("DELETE FROM documents WHERE key = 'https://x.example.org/a'")  # cascades
    assert found(db_path, "ax") == [] and found(db_path, "bx") == [("Satz von bx.",)]
    assert_index_matches_content(db_path)


def test_a_rolled_back_document_leaves_nothing_in_the_index(db_path):
    store = Store(connect(db_path))
    bad = Document(key="https://x.example.org/kaputt", text="Kaputter Satz.", source="test",
                   units=[Unit(0, 14, "Kaputter Satz."), Unit(5, 2, "x")])  # end < start
    good = document("gut", "Guter Satz.")
    outcomes = store.write_many([(d, store.document_id(d)) for d in (bad, good)])
    store.commit_batch()
    assert isinstance(outcomes[0], sqlite3.IntegrityError) and outcomes[1] == "added"
    assert found(db_path, "Kaputter") == [] and found(db_path, "Guter") == [("Guter Satz.",)]
    assert_index_matches_content(db_path)


def test_a_database_indexed_by_the_old_triggers_stays_searchable(db_path):
    old = Database(sqlite3.connect(db_path))
    migrations.apply(old, stop_before="m004_fts_queue")
    old.conn.commit()
    old.execute("INSERT INTO documents (id, kind, key, text) VALUES ('d', 'post', 'd', 'Alt.')")
    old.execute("INSERT INTO units (id, document_id, idx, start, \"end\", text) "
                "VALUES ('d:0', 'd', 0, 0, 4, 'Altbestand')")
    old.conn.commit()
    migrate(old)
    store = Store(connect(db_path))
    store.write(document("neu", "Neuzugang."))
    assert found(db_path, "Altbestand") == [("Altbestand",)]
    assert found(db_path, "Neuzugang") == [("Neuzugang.",)]
    store.db.execute("DELETE FROM documents WHERE id = 'd'")  # indexed before the migration
    assert found(db_path, "Altbestand") == []
    assert_index_matches_content(db_path)
