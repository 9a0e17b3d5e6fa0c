"""Every kind of bad input gives one SourceError line naming the source and the reason."""

import pytest

from argmine.config import Limits
from argmine.sources import SourceReader
from tests.conftest import BAD, THREAD


@pytest.mark.parametrize("name, reason", [
    ("empty.txt", "empty file"),
    ("whitespace.md", "empty file"),
    ("image.txt", "binary data, not text"),
    ("truncated-export.xml", "malformed or truncated XML"),
    ("billion-laughs.xml", "unsafe XML refused"),
    ("billion-laughs.rss", "unsafe XML refused"),
    ("broken.jsonl", "invalid JSON"),
    ("no-thread.toml", "manifest needs a [thread] table"),
])
def test_bad_file_is_one_error_naming_it(name, reason):
    (batch,) = list(SourceReader().batches([BAD / name]))
    assert batch.documents == []
    message = str(batch.error)
    assert name in message and reason in message
    assert "\n" not in message


def test_oversized_file_is_refused_before_reading():
    reader = SourceReader(limits=Limits(max_file_bytes=1000))
    (batch,) = list(reader.batches([THREAD / "essay.html"]))
    assert "file larger than 1000 bytes" in str(batch.error)


@pytest.mark.parametrize("spec, reason", [
    ("ftp://example.org/feed.xml", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("/no/such/file.txt", "no such file"),
    ("notes.docx", "no such file"),
])
def test_unusable_specs(spec, reason):
    (batch,) = list(SourceReader().batches([spec]))
    assert reason in str(batch.error)


def test_unsupported_type_is_named(tmp_path):
    path = tmp_path / "tabelle.csv"
    path.write_text("a,b\n1,2\n")
    (batch,) = list(SourceReader().batches([path]))
    assert "unsupported input type (.csv)" in str(batch.error)


def test_a_bad_source_does_not_stop_the_batch():
    batches = list(SourceReader().batches([BAD / "empty.txt", THREAD / "essay.md",
                                           BAD / "image.txt"]))
    assert [b.error is None for b in batches] == [False, True, False]
    assert batches[1].documents[0].title == "Lohnt sich Twitter für Maschinenbauer?"
