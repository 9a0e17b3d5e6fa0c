"""Threads keep their documents and their target.  Texts are invented."""

import json
import sqlite3

import pytest

from argmine.errors import ArgmineError
from argmine.ingest import ingest
from argmine.records import Thread

HOMEOFFICE = "Homeoffice ist für Teams produktiv"


def jsonl(path, *records):
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    return path


def rows(db_path, sql, *args):
    return sqlite3.connect(db_path).execute(sql, args).fetchall()


def test_a_record_whose_id_is_taken_in_another_thread_is_refused_not_moved(tmp_path, db_path,
                                                                            pipeline):
    first = jsonl(tmp_path / "homeoffice.jsonl",
                  {"id": "j1", "author": "Ina Erfunden", "text": "Homeoffice spart uns Wege."},
                  {"id": "j2", "parent": "j1", "text": "Bei uns klappt das auch gut."})
    other = jsonl(tmp_path / "waerme.jsonl",
                  {"id": "j1", "author": "Uwe Ausgedacht", "text": "Wärmepumpen sind leise."},
                  {"id": "w2", "text": "Im Altbau ist das schwieriger."})
    assert ingest([first], db_path, thread=Thread("homeoffice", HOMEOFFICE), pipeline=pipeline,
                  labeller=None).ok
    events = []
    result = ingest([other], db_path, thread=Thread("waerme", "Wärmepumpen lohnen sich"),
                    pipeline=pipeline, labeller=None,
                    report=lambda event, message: events.append((event, message)))
    assert not result.ok and result.counts.errors == 1 and result.counts.documents_added == 1
    assert rows(db_path, "SELECT thread_id, author, text FROM documents WHERE key = 'j1'") == [
        ("homeoffice", "Ina Erfunden", "Homeoffice spart uns Wege.")]
    assert rows(db_path, "SELECT thread_id FROM documents WHERE key = 'w2'") == [("waerme",)]
    (error,) = [message for event, message in events if event == "error"]
    assert error == (f"{other} (j1): not stored: a document with this key is in thread "
                     "'homeoffice', not 'waerme'; give it its own id or url")
    assert rows(db_path, "SELECT source, error FROM ingest_errors") == [
        (f"{other} (j1)", error.split(": ", 1)[1])]


def test_a_stored_thread_keeps_its_target(tmp_path, db_path, pipeline):
    text = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": "Homeoffice spart uns Wege."})
    ingest([text], db_path, thread=Thread("homeoffice", HOMEOFFICE), pipeline=pipeline,
           labeller=None)
    with pytest.raises(ArgmineError, match="thread 'homeoffice' is stored with the target "
                                           "„Homeoffice ist für Teams produktiv“"):
        ingest([text], db_path, thread=Thread("homeoffice", "Homeoffice ist schädlich"),
               pipeline=pipeline, labeller=None)
    more = jsonl(tmp_path / "b.jsonl", {"id": "b1", "text": "Mir fehlt die Kaffeeküche."})
    assert ingest([more], db_path, thread=Thread("homeoffice", None), pipeline=pipeline,
                  labeller=None).ok  # no target given: the stored one, not the default
    assert rows(db_path, "SELECT target FROM threads WHERE id = 'homeoffice'") == [(HOMEOFFICE,)]
    assert rows(db_path, "SELECT COUNT(*) FROM runs") == [(2,)]  # the refused run never began


def test_a_new_thread_without_a_target_gets_the_default(tmp_path, db_path, pipeline):
    text = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": "Xing bringt uns Kunden."})
    ingest([text], db_path, thread=Thread("neu", None), pipeline=pipeline, labeller=None)
    assert rows(db_path, "SELECT target FROM threads WHERE id = 'neu'") == [
        ("Social Media ist für B2B nützlich",)]


def test_a_manifest_whose_target_clashes_fails_alone(tmp_path, db_path, pipeline):
    text = jsonl(tmp_path / "a.jsonl", {"id": "a1", "text": "Homeoffice spart uns Wege."})
    ingest([text], db_path, thread=Thread("homeoffice", HOMEOFFICE), pipeline=pipeline,
           labeller=None)
    (tmp_path / "post.md").write_text("Lastenräder ersetzen unseren Lieferwagen.\n", "utf-8")
    manifest = tmp_path / "thread.toml"
    manifest.write_text('[thread]\nid = "homeoffice"\ntarget = "Homeoffice ist schädlich"\n\n'
                        '[[documents]]\nid = "post"\npath = "post.md"\n', "utf-8")
    other = jsonl(tmp_path / "c.jsonl", {"id": "c1", "text": "Mir fehlt die Kaffeeküche."})
    result = ingest([manifest, other], db_path, pipeline=pipeline, labeller=None)
    assert result.counts.failed_sources == [f"{manifest}#post"]  # one batch per entry
    assert result.counts.documents_added == 1
    assert rows(db_path, "SELECT target FROM threads WHERE id = 'homeoffice'") == [(HOMEOFFICE,)]


def test_two_posts_with_one_author_and_title_are_two_documents(tmp_path, db_path, pipeline):
    """Weekly columns share a title; by author and title a post only fills a reference."""
    first = jsonl(tmp_path / "w1.jsonl", {"id": "woche-1", "title": "Wochenrückblick",
                                          "author": "Frieda Fantasie",
                                          "text": "Diese Woche ging es um Xing."})
    second = jsonl(tmp_path / "w2.jsonl", {"id": "woche-2", "title": "Wochenrückblick",
                                           "author": "Frieda Fantasie",
                                           "text": "Diese Woche ging es um LinkedIn."})
    ingest([first], db_path, pipeline=pipeline, labeller=None)
    result = ingest([second], db_path, pipeline=pipeline, labeller=None)
    assert result.counts.documents_added == 1 and result.counts.documents_changed == 0
    assert sorted(rows(db_path, "SELECT key, text FROM documents")) == [
        ("woche-1", "Diese Woche ging es um Xing."),
        ("woche-2", "Diese Woche ging es um LinkedIn.")]
