"""Property-based: every reader turns any bytes into documents or a SourceError, nothing else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from argmine.errors import SourceError
from argmine.sources import SourceReader

SUFFIXES = [".txt", ".md", ".html", ".xml", ".rss", ".jsonl", ".toml"]
READER = SourceReader()

html_fragments = st.lists(st.sampled_from([
    "<html>", "<body>", "<ol class='commentlist'>", "<li class='comment' id='comment-1'>",
    "<li id='comment-2'>", "<cite>", "</cite>", "<p>", "</p>", "Text ä ö ü", "<div class='comment-body'>",
    "</div>", "</li>", "<ul class='children'>", "<time datetime='2011-01-01'>", "&amp;", "&#0;",
    "<?xml version='1.0'?>", "<rss>", "<channel>", "<item>", "<!DOCTYPE x [<!ENTITY a 'b'>]>",
    "<link rel='canonical' href='http://x.example.org/'>", "\x00", "\n\n", "<script>", "</script>",
]), max_size=40).map("".join)


def read(tmp_path, data: bytes, suffix: str):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    try:
        documents = READER.read(str(path))
    except SourceError:
        return
    for document in documents:
        assert document.text is None or isinstance(document.text, str)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=2000), suffix=st.sampled_from(SUFFIXES))
def test_random_bytes(tmp_path, data, suffix):
    read(tmp_path, data, suffix)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(markup=html_fragments, suffix=st.sampled_from([".html", ".xml", ".rss", ".md"]))
def test_random_markup(tmp_path, markup, suffix):
    read(tmp_path, markup.encode("utf-8"), suffix)
