import sqlite3

import pytest

from argmine.errors import SourceError
from argmine.ingest import ingest
from argmine.sources.jsonl import read_jsonl
from tests.conftest import BAD, ESSAY_URL, THREAD


def test_documents_with_local_ids_resolved_to_keys():
    post, reply, reply2 = read_jsonl((THREAD / "responses.jsonl").read_bytes(), "r.jsonl")
    assert post.key == "https://probe.example.com/erika-recht/"
    assert [(link.target, link.kind) for link in post.links] == [(ESSAY_URL, "response")]
    assert reply.parent == post.key  # "probe-post" resolved to the post's key
    assert reply2.parent == reply.key
    assert reply.kind == "comment" and reply.author == "Max Mustermann"


def test_a_broken_line_rejects_the_file_naming_the_line():
    with pytest.raises(SourceError, match=r"^broken\.jsonl:2: invalid JSON \(.+ at column \d+\)$"):
        list(read_jsonl((BAD / "broken.jsonl").read_bytes(), "broken.jsonl"))


def test_the_recorded_error_names_the_line_too(db_path, pipeline):
    result = ingest([BAD / "broken.jsonl"], db_path, pipeline=pipeline, labeller=None)
    assert result.counts.failed_sources == [str(BAD / "broken.jsonl")]
    (source,) = sqlite3.connect(db_path).execute("SELECT source FROM ingest_errors").fetchone()
    assert source == f"{BAD / 'broken.jsonl'}:2"


def test_missing_text_is_an_error():
    with pytest.raises(SourceError, match="missing or empty 'text'"):
        list(read_jsonl(b'{"id": "x", "author": "A"}\n', "x.jsonl"))


def test_a_url_that_is_no_web_address_is_refused():
    data = '{"id": "a1", "url": "javascript:alert(1)", "text": "Xing bringt Kunden."}\n'
    with pytest.raises(SourceError, match=r"^x\.jsonl: 'url' must be an http\(s\) address"):
        list(read_jsonl(data.encode(), "x.jsonl"))
