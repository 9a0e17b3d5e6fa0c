from argmine.records import stable_id
from argmine.sources import SourceReader
from argmine.sources.references import reference_key
from tests.conftest import BAD, ESSAY_URL, THREAD


def test_directory_is_read_recursively_by_file_type():
    batches = list(SourceReader().batches([THREAD]))
    names = sorted(b.source.rsplit("/", 1)[-1].split("#")[0] for b in batches)
    assert "essay.html" in names and "blog-export.xml" in names
    assert "responses.jsonl" in names and "comments-feed.rss" in names
    assert all(b.error is None for b in batches), [str(b.error) for b in batches if b.error]


def test_manifest_names_the_thread_and_links_entries(tmp_path):
    batches = list(SourceReader().batches([THREAD / "thread.toml"]))
    assert {b.thread.id for b in batches} == {"twitter-maschinenbau"}
    assert batches[0].thread.target == "Twitter ist für Maschinenbauer nützlich"
    by_entry = {b.source.rsplit("#", 1)[1]: b for b in batches}
    essay = by_entry["essay"].documents[0]
    assert essay.key == ESSAY_URL
    assert len(by_entry["essay"].documents) == 12  # post, 10 comments, 1 pingback
    response = by_entry["mustermann"].documents[0]
    assert ("response", ESSAY_URL) in {(link.kind, link.target) for link in response.links}
    # the essay's reference list cites the responses by author and title
    cited = {link.target for link in essay.links if link.kind == "cites"}
    assert reference_key("Paula Probe", "Warum ich Erika recht gebe") in cited


def test_referenced_entry_gets_the_same_key_as_the_citing_link(tmp_path):
    manifest = tmp_path / "m.toml"
    manifest.write_text(
        '[thread]\nid = "t"\ntarget = "X"\n'
        '[[documents]]\nid = "ref"\nauthor = "Paula Probe"\n'
        'title = "Warum ich Erika recht gebe"\n', "utf-8")
    (batch,) = list(SourceReader().batches([manifest]))
    (doc,) = batch.documents
    assert doc.is_placeholder
    assert doc.id == stable_id(reference_key("Paula Probe", "„Warum ich Erika recht gebe“"))


def test_failing_entry_does_not_stop_the_manifest(tmp_path):
    (tmp_path / "ok.txt").write_text("Ein Satz.", "utf-8")
    manifest = tmp_path / "m.toml"
    manifest.write_text(
        '[thread]\nid = "t"\ntarget = "X"\n'
        '[[documents]]\nid = "missing"\npath = "missing.txt"\n'
        '[[documents]]\nid = "ok"\npath = "ok.txt"\ntitle = "Titel aus dem Manifest"\n', "utf-8")
    missing, ok = SourceReader().batches([manifest])
    assert "no such file" in str(missing.error)
    assert ok.documents[0].title == "Titel aus dem Manifest"
    assert ok.documents[0].key == "t/ok"  # a name, not a machine-specific path


def test_count_predicts_the_number_of_batches_without_reading():
    specs = [THREAD, THREAD / "thread.toml", BAD / "no-thread.toml", BAD / "empty.txt",
             "https://example.invalid/never-fetched"]
    reader = SourceReader()
    expected = sum(1 for spec in specs[:-1] for _ in reader.batches([spec])) + 1
    assert reader.count(specs) == expected


def test_an_entry_that_cannot_be_looked_at_fails_alone(tmp_path, monkeypatch):
    """A link into /proc stopped the whole walk with a traceback."""
    import pathlib

    (tmp_path / "gut.txt").write_text("Xing bringt uns Kunden.\n", "utf-8")
    (tmp_path / "gesperrt.txt").write_text("-", "utf-8")
    real_is_file, real_is_dir = pathlib.Path.is_file, pathlib.Path.is_dir

    def guarded(real):
        def check(path):
            if path.name == "gesperrt.txt":
                raise PermissionError(13, "Permission denied", str(path))
            return real(path)
        return check

    monkeypatch.setattr(pathlib.Path, "is_file", guarded(real_is_file))
    monkeypatch.setattr(pathlib.Path, "is_dir", guarded(real_is_dir))
    monkeypatch.setattr(pathlib.Path, "stat", guarded(pathlib.Path.stat))
    batches = {b.source.rsplit("/", 1)[1]: b for b in SourceReader().batches([tmp_path])}
    assert batches["gut.txt"].error is None
    assert batches["gesperrt.txt"].error.reason == "cannot read: Permission denied"


def test_one_source_as_a_plain_string_is_one_source(tmp_path):
    path = tmp_path / "notiz.txt"
    path.write_text("Xing bringt uns Kunden.\n", "utf-8")
    assert [b.source for b in SourceReader().batches(str(path))] == [str(path)]
    assert SourceReader().count(path) == 1


def test_what_a_manifests_page_left_unread_comes_with_its_batches(tmp_path):
    from argmine.config import Limits
    from tests.sources.test_html import CAPPED

    (tmp_path / "capped.html").write_text(CAPPED, "utf-8")
    (tmp_path / "ok.txt").write_text("Xing bringt uns Kunden.\n", "utf-8")
    manifest = tmp_path / "m.toml"
    manifest.write_text('[thread]\nid = "t"\ntarget = "X"\n'
                        '[[documents]]\nid = "ok"\npath = "ok.txt"\n'
                        '[[documents]]\nid = "capped"\npath = "capped.html"\n', "utf-8")
    batches = list(SourceReader(Limits(max_comments_per_page=1)).batches(
        [manifest, tmp_path / "ok.txt"]))
    assert [w for b in batches[:2] for w in b.warnings] == [
        f"{tmp_path / 'capped.html'}: 2 of its 3 comments not read "
        "(at most 1 per page; --max-comments)"]
    assert batches[2].warnings == ()  # nothing carried over to the next source
