import pytest

from argmine.errors import SourceError
from argmine.sources.text import read_text
from tests.conftest import ESSAY_URL, THREAD


def test_front_matter_sets_metadata_and_body_is_kept_as_written():
    (doc,) = read_text((THREAD / "essay.md").read_bytes(), "essay.md")
    assert (doc.title, doc.author, doc.published, doc.url) == (
        "Lohnt sich Twitter für Maschinenbauer?", "Erika Beispiel", "2011-01-10", ESSAY_URL)
    assert doc.key == ESSAY_URL
    assert doc.text.startswith("Ich bezweifle")
    assert doc.text.endswith("„Warum ich Erika recht gebe“")


def test_plain_text_without_front_matter():
    (doc,) = read_text("Nur ein Satz über Twitter.\n".encode(), "plain.txt")
    assert doc.text == "Nur ein Satz über Twitter."
    assert doc.title is None and doc.key == "plain.txt"


def test_legacy_encoded_text_is_detected():
    text = "Für Geschäftskunden ist Xing nützlicher als Facebook, glaube ich. Größe zählt."
    (doc,) = read_text(text.encode("cp1252"), "legacy.txt")
    assert doc.text == text


def test_invalid_front_matter_is_one_clear_error():
    with pytest.raises(SourceError, match="invalid front matter"):
        list(read_text(b"---\ntitle: [unclosed\n---\nText\n", "bad.md"))


def test_toml_front_matter_is_read_like_yaml():
    """Invented text.  ``+++`` front matter needs no third-party TOML package."""
    raw = ('+++\ntitle = "Antwort auf Erika"\nauthor = "Ole Oberholz"\ndate = 2011-01-12\n'
           'kind = "post"\nparent = "https://blog.example.org/erika/"\n+++\n\n'
           "Ich sehe das anders: Xing bringt uns Kunden.\n")
    (doc,) = read_text(raw.encode(), "antwort.md")
    assert (doc.title, doc.author, doc.published, doc.parent) == (
        "Antwort auf Erika", "Ole Oberholz", "2011-01-12", "https://blog.example.org/erika/")
    assert doc.text == "Ich sehe das anders: Xing bringt uns Kunden."


def test_invalid_toml_front_matter_is_one_clear_error():
    with pytest.raises(SourceError, match="invalid front matter"):
        list(read_text(b'+++\ntitle = "unclosed\n+++\nText\n', "bad.md"))
