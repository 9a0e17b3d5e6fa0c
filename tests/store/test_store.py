import sqlite3

import pytest

from argmine.errors import ArgmineError
from argmine.ingest import ingest
from argmine.records import Document, Unit
from argmine.store import SCHEMA_VERSION, Store, connect
from tests.conftest import ESSAY_URL, THREAD


@pytest.fixture
def thread_db(db_path, pipeline):
    result = ingest([THREAD / "thread.toml"], db_path, pipeline=pipeline)
    assert result.ok
    return db_path


def rows(db_path, sql):
    return sqlite3.connect(db_path).execute(sql).fetchall()


def snapshot(db_path):
    """Every table's content, without the write timestamps."""
    conn = sqlite3.connect(db_path)
    return {
        "documents": conn.execute("SELECT id, kind, title, author, url, published, parent_id, "
                                  "thread_id, lang, text, content_hash, key FROM documents "
                                  "ORDER BY id").fetchall(),
        "units": conn.execute("SELECT * FROM units ORDER BY id").fetchall(),
        "links": conn.execute("SELECT * FROM links ORDER BY 1, 2, 3").fetchall(),
        "threads": conn.execute("SELECT * FROM threads ORDER BY id").fetchall(),
    }


def test_whole_thread_is_stored_with_structure(thread_db):
    assert rows(thread_db, "SELECT kind, COUNT(*) FROM documents WHERE text IS NOT NULL "
                           "GROUP BY kind ORDER BY kind") == [("comment", 14), ("post", 3)]
    # both references to Mustermann's post (pingback by URL, reference list by
    # author and title) ended up on the one post whose text was ingested
    assert rows(thread_db, "SELECT COUNT(*) FROM documents WHERE text IS NULL") == [(0,)]
    assert rows(thread_db, "SELECT COUNT(*) FROM links WHERE kind = 'reply'") == [(14,)]
    responses = rows(thread_db, """SELECT s.author FROM links l JOIN documents s ON s.id = l.source_id
        JOIN documents t ON t.id = l.target_id WHERE l.kind = 'response' AND t.url = '%s'
        ORDER BY 1""" % ESSAY_URL)
    assert responses == [("Max Mustermann",), ("Paula Probe",)]
    cites = rows(thread_db, "SELECT COUNT(*) FROM links WHERE kind = 'cites'")
    assert cites == [(3,)]  # essay -> 2 responses, pingback Mustermann -> essay


def test_units_slice_back_to_their_document_text(thread_db):
    conn = sqlite3.connect(thread_db)
    texts = dict(conn.execute("SELECT id, text FROM documents"))
    units = conn.execute('SELECT document_id, start, "end", text FROM units').fetchall()
    assert len(units) > 30
    for document_id, start, end, text in units:
        assert texts[document_id][start:end] == text


def test_integrity_and_foreign_keys_hold(thread_db):
    assert rows(thread_db, "PRAGMA integrity_check") == [("ok",)]
    assert rows(thread_db, "PRAGMA foreign_key_check") == []


def test_ingest_is_idempotent(thread_db, pipeline):
    before = snapshot(thread_db)
    result = ingest([THREAD / "thread.toml"], thread_db, pipeline=pipeline)
    assert snapshot(thread_db) == before
    assert result.counts.documents_added == result.counts.documents_changed == 0
    assert result.counts.documents_unchanged == 18  # 17 texts and the pingback reference
    assert rows(thread_db, "SELECT COUNT(*) FROM runs") == [(2,)]


def test_changed_document_replaces_its_units(tmp_path, db_path, pipeline):
    source = tmp_path / "post.md"
    source.write_text("---\nurl: https://x.example.org/p\n---\nErster Satz. Zweiter Satz.", "utf-8")
    ingest([source], db_path, pipeline=pipeline)
    source.write_text("---\nurl: https://x.example.org/p\n---\nNur noch ein Satz.", "utf-8")
    result = ingest([source], db_path, pipeline=pipeline)
    assert result.counts.documents_changed == 1
    assert rows(db_path, "SELECT COUNT(*) FROM documents") == [(1,)]
    assert rows(db_path, "SELECT text FROM units") == [("Nur noch ein Satz.",)]


def test_a_failing_write_leaves_no_half_document(db_path):
    store = Store(connect(db_path))
    document = Document(key="https://x.example.org/kaputt", text="Ein Satz.", source="test",
                        units=[Unit(0, 9, "Ein Satz."), Unit(5, 2, "kaputt")])  # end < start
    with pytest.raises(sqlite3.IntegrityError):
        store.write(document)
    assert rows(db_path, "SELECT COUNT(*) FROM documents") == [(0,)]
    assert rows(db_path, "SELECT COUNT(*) FROM units") == [(0,)]


def test_a_failing_document_in_a_batch_is_rolled_back_alone(db_path):
    store = Store(connect(db_path))
    good = [Document(key=f"https://x.example.org/{n}", text="Ein Satz.", source="test",
                     units=[Unit(0, 9, "Ein Satz.")]) for n in ("a", "b")]
    bad = Document(key="https://x.example.org/kaputt", text="Ein Satz.", source="test",
                   units=[Unit(0, 9, "Ein Satz."), Unit(5, 2, "kaputt")])  # end < start
    outcomes = store.write_many([(d, store.document_id(d)) for d in (good[0], bad, good[1])])
    assert outcomes[0] == outcomes[2] == "added"
    assert isinstance(outcomes[1], sqlite3.IntegrityError)
    assert rows(db_path, "SELECT key FROM documents ORDER BY key") == [
        ("https://x.example.org/a",), ("https://x.example.org/b",)]
    assert rows(db_path, "SELECT COUNT(*) FROM units") == [(2,)]


def test_long_documents_are_written_in_several_statements_and_indexed(db_path):
    store = Store(connect(db_path))
    sentences = [f"Satz{n:04d} steht hier." for n in range(1234)]  # > 2 statements of units
    text = " ".join(sentences)
    units, start = [], 0
    for sentence in sentences:
        units.append(Unit(start, start + len(sentence), sentence))
        start += len(sentence) + 1
    store.write(Document(key="https://x.example.org/lang", text=text, source="test",
                         units=units))
    assert rows(db_path, "SELECT COUNT(*), MAX(idx) FROM units") == [(1234, 1233)]
    assert rows(db_path, "SELECT u.idx FROM units_fts f JOIN units u ON u.rowid = f.rowid "
                         "WHERE units_fts MATCH 'Satz1233'") == [(1233,)]
    assert rows(db_path, "INSERT INTO units_fts(units_fts) VALUES ('integrity-check')") == []


def test_referenced_document_is_filled_in_when_its_text_arrives(tmp_path, db_path, pipeline):
    manifest = tmp_path / "thread.toml"
    (tmp_path / "essay.md").write_text(
        (THREAD / "essay.md").read_text("utf-8"), "utf-8")
    manifest.write_text('[thread]\nid = "t"\ntarget = "Twitter ist nützlich"\n'
                        '[[documents]]\nid = "essay"\npath = "essay.md"\n'
                        '[[documents]]\nid = "probe"\nauthor = "Paula Probe"\n'
                        'title = "Warum ich Erika recht gebe"\nanswers = "essay"\n', "utf-8")
    ingest([manifest], db_path, pipeline=pipeline)
    (placeholder,) = rows(db_path, "SELECT id FROM documents WHERE author = 'Paula Probe'")
    assert rows(db_path, "SELECT text FROM documents WHERE author = 'Paula Probe'") == [(None,)]
    ingest([THREAD / "responses.jsonl"], db_path, pipeline=pipeline)
    filled = rows(db_path, "SELECT id, thread_id, text IS NOT NULL FROM documents "
                           "WHERE author = 'Paula Probe' AND kind = 'post'")
    assert filled == [(placeholder[0], "t", 1)]  # same row, now with text, joined thread t
    assert rows(db_path, "SELECT COUNT(*) FROM documents WHERE thread_id = 't'") == [(5,)]


def test_schema_is_versioned_with_keys_indexes_views_and_fts(thread_db):
    db = connect(thread_db)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    for table in ("documents", "units", "links", "ingest_errors", "annotations"):
        for fk in db[table].foreign_keys:
            indexed = {tuple(index.columns)[0] for index in db[table].indexes}
            assert fk.column in indexed, f"{table}.{fk.column} has no index"
    assert {"unit_details", "missing_references", "annotation_details"} <= set(db.view_names())
    hits = db.execute("SELECT units.text FROM units_fts JOIN units ON units.rowid = units_fts.rowid "
                      "WHERE units_fts MATCH 'Einkäufer'").fetchall()
    assert len(hits) == 2  # umlauts are searchable with the default tokenizer
    assert db["documents"].detect_fts() == "documents_fts"


def test_reanalyze_relabels_without_making_sources_look_changed(thread_db, pipeline):
    from argmine.ingest import reanalyze
    before = rows(thread_db, "SELECT id, content_hash FROM documents ORDER BY id")
    result = reanalyze(thread_db, pipeline=pipeline, everything=True)
    assert result.counts.documents_changed == 17
    assert rows(thread_db, "SELECT id, content_hash FROM documents ORDER BY id") == before
    again = ingest([THREAD / "thread.toml"], thread_db, pipeline=pipeline)
    assert again.counts.documents_unchanged == 18 and again.counts.documents_changed == 0


def test_reanalyze_keeps_another_stance_models_labels_unless_asked_to_switch(db_path,
                                                                             pipeline):
    from argmine.classify.labeller import Labeller
    from argmine.ingest import reanalyze
    fast, ngrams = Labeller.load(stance="fast"), Labeller.load(stance="ngrams")
    ingest([THREAD / "thread.toml"], db_path, pipeline=pipeline, labeller=fast)
    labelled = rows(db_path, "SELECT model_version, COUNT(*) FROM documents "
                             "WHERE text IS NOT NULL GROUP BY 1")
    assert labelled == [(fast.version, 17)]
    kept = reanalyze(db_path, pipeline=pipeline, labeller=ngrams)
    assert kept.counts.documents_changed == 0
    switched = reanalyze(db_path, pipeline=pipeline, labeller=ngrams, switch=True)
    assert switched.counts.documents_changed == 17
    assert rows(db_path, "SELECT DISTINCT model_version FROM documents WHERE text IS NOT NULL"
                ) == [(ngrams.version,)]


def test_a_reply_planned_before_its_parent_is_written_is_analysed_in_the_parents_thread(
        tmp_path, db_path, pipeline):
    """Chunks are planned while the chunk before is still being analysed, so a reply's
    thread is provisional at first; it must end up analysed with its parent's thread."""
    (tmp_path / "post.md").write_text(
        "---\nurl: https://x.example.org/post\n---\nA post written in English about tools.",
        "utf-8")
    manifest = tmp_path / "thread.toml"
    manifest.write_text('[thread]\nid = "englisch"\ntarget = "Tools are useful"\n'
                        'language = "en"\n[[documents]]\nid = "post"\npath = "post.md"\n',
                        "utf-8")
    replies = tmp_path / "replies.jsonl"  # too short for language detection: thread language
    replies.write_text('{"id": "https://x.example.org/post#c1", "kind": "comment", '
                       '"parent": "https://x.example.org/post", "text": "Sehr gut so!"}\n',
                       "utf-8")
    result = ingest([manifest, replies], db_path, pipeline=pipeline)
    assert result.ok
    assert rows(db_path, "SELECT thread_id, lang FROM documents WHERE kind = 'comment'") == [
        ("englisch", "en")]
    assert rows(db_path, "SELECT COUNT(*) FROM units u JOIN documents d ON d.id = u.document_id"
                         " WHERE d.kind = 'comment'") == [(0,)]  # English is not segmented


def test_a_post_is_found_by_author_ignoring_case_through_its_index(db_path):
    from argmine.records import Document, stable_id
    from argmine.sources.references import reference_key

    store = Store(connect(db_path))
    for key, author in (("https://a.example/1", "Paula Probe"), ("https://a.example/2", "PAULA probe")):
        store.write(Document(key=key, url=key, kind="post", author=author, title="Warum ich",
                             text="Ein Text.", source="-"))
    first = stable_id("https://a.example/1")
    assert store._post_by("paula PROBE", "„Warum ich“") == first  # the oldest of the two
    assert reference_key("paula PROBE", "„Warum ich“") == reference_key("Paula Probe", "Warum ich")
    plan = " ".join(row[-1] for row in store.db.execute(
        "EXPLAIN QUERY PLAN SELECT id, author, title FROM documents WHERE kind = 'post' AND "
        "title IS NOT NULL AND author = ? COLLATE NOCASE ORDER BY text IS NULL, rowid", ["x"]))
    assert "idx_documents_post_author" in plan


def test_someone_elses_database_is_refused_and_left_as_it_was(tmp_path):
    path = tmp_path / "theirs.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE kunden (name TEXT)")
    with pytest.raises(ArgmineError, match=r"theirs\.db: not an argmine database .*kunden"):
        connect(path)
    with sqlite3.connect(path) as conn:
        assert [r[0] for r in conn.execute("SELECT name FROM sqlite_master")] == ["kunden"]
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("delete",)


def test_a_file_that_is_not_sqlite_is_one_error(tmp_path):
    path = tmp_path / "notes.db"
    path.write_text("Notizen, keine Datenbank\n" * 50, "utf-8")
    with pytest.raises(ArgmineError, match=r"notes\.db: file is not a database"):
        connect(path)


def test_an_argmine_database_opens_again(tmp_path):
    path = tmp_path / "ours.db"
    connect(path).close()
    assert connect(path).execute("PRAGMA user_version").fetchone() == (SCHEMA_VERSION,)


def test_an_interrupted_ingest_keeps_what_it_stored_and_says_it_was_interrupted(db_path,
                                                                               pipeline):
    from argmine.sources import SourceReader

    class Interrupted(SourceReader):
        def batches(self, specs):
            yield from super().batches(specs)
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):  # the first source is written while the second
        ingest([THREAD / "essay.md", THREAD / "responses.jsonl"], db_path,  # is analysed
               pipeline=pipeline, reader=Interrupted())
    assert rows(db_path, "SELECT COUNT(*) FROM documents WHERE text IS NOT NULL") == [(1,)]
    assert rows(db_path, "SELECT errors FROM runs") == [(1,)]
    assert rows(db_path, "SELECT error FROM ingest_errors") == [
        ("interrupted: run the same command again to go on",)]
