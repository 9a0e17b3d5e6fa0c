"""A local file is one source however its path is typed.  Texts are invented."""

import re
import sqlite3

import pytest

from argmine.ingest import ingest
from argmine.sources import SourceReader, file_key
from argmine.sources.fields import rebase_keys
from argmine.store import Store, connect
from tests.conftest import THREAD


def count(db_path, sql):
    return sqlite3.connect(db_path).execute(sql).fetchone()[0]


@pytest.fixture
def page(tmp_path):
    """A saved blog page with nested comments and no URL of its own: its documents are
    keyed by the file."""
    html = (THREAD / "wordpress-comment-box.html").read_text("utf-8")
    html = re.sub(r'<link rel="canonical"[^>]*>|\n url: \S+', "", html)
    folder = tmp_path / "seiten"
    folder.mkdir()
    (folder / "messe.html").write_text(html, "utf-8")
    return folder / "messe.html"


def test_the_same_file_typed_three_ways_is_stored_once(page, db_path, pipeline, monkeypatch):
    monkeypatch.chdir(page.parent.parent)
    first = ingest([str(page)], db_path, pipeline=pipeline, labeller=None)
    documents = count(db_path, "SELECT COUNT(*) FROM documents")
    assert first.counts.documents_added == documents > 10
    monkeypatch.chdir(page.parent)
    for spelling in ("messe.html", "../seiten/messe.html", "./messe.html"):
        again = ingest([spelling], db_path, pipeline=pipeline, labeller=None)
        assert (again.counts.documents_added, again.counts.documents_unchanged) == (0, documents)
    assert count(db_path, "SELECT COUNT(*) FROM documents") == documents
    assert count(db_path, "SELECT COUNT(DISTINCT source) FROM documents") == 1  # as first typed


def test_a_database_keyed_by_the_typed_name_keeps_its_documents(page, db_path, pipeline,
                                                                  monkeypatch):
    """Until 2026-12-04 a file's documents were keyed by its name as typed."""
    monkeypatch.chdir(page.parent)
    documents = SourceReader().read("messe.html")
    rebase_keys(documents, file_key("messe.html"), "messe.html")  # as the old reader keyed them
    store = Store(connect(db_path))
    for document in documents:
        store.write(document)
    store.db.close()
    stored = count(db_path, "SELECT COUNT(*) FROM documents")
    again = ingest(["messe.html"], db_path, pipeline=pipeline, labeller=None)
    assert again.counts.documents_added == 0
    assert count(db_path, "SELECT COUNT(*) FROM documents") == stored
    assert count(db_path, "SELECT COUNT(*) FROM documents WHERE key LIKE '/%'") == 0


def test_keys_name_the_file_absolutely_and_sources_as_typed(page, monkeypatch):
    monkeypatch.chdir(page.parent)
    post, *comments = [d for d in SourceReader().read("messe.html") if d.text]
    assert post.key == str(page.resolve()) and post.source == "messe.html"
    assert comments and all(c.key.startswith(f"{page.resolve()}#") for c in comments)
    assert {c.parent.split("#")[0] for c in comments} == {str(page.resolve())}
