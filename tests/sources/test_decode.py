"""Short German texts in the encodings German blogs and editors produce keep their umlauts.

Charset detectors are weakest on short texts: on the three sentences below,
charset-normalizer alone answers cp1250 or cp1006 ("Grﺉﻑe zﻛhlt").
"""

import codecs

import pytest

from argmine.errors import SourceError
from argmine.sources import SourceReader
from argmine.sources.decode import decode_markup, decode_text, reads_as_german

# Invented texts.
THREE_SENTENCES = ("Früher habe ich für jeden Kunden einen Brief geschrieben. "
                   "Heute reichen Blogbeiträge. Schön ist das nicht.")
SHORT = "Größe zählt."
TYPOGRAPHIC = "Ein „Tweet“ – mehr nicht… für 5 € im Monat."


@pytest.mark.parametrize("text", [THREE_SENTENCES, SHORT])
@pytest.mark.parametrize("codec", ["latin-1", "cp1252"])
def test_latin1_and_windows_1252_keep_umlauts(text, codec):
    assert decode_text(text.encode(codec), "kurz.txt") == text


def test_windows_1252_punctuation_survives():
    assert decode_text(TYPOGRAPHIC.encode("cp1252"), "zeichen.txt") == TYPOGRAPHIC


@pytest.mark.parametrize("encoded", [
    THREE_SENTENCES.encode("utf-8-sig"),
    THREE_SENTENCES.encode("utf-16"),  # with the platform's byte-order mark
    codecs.BOM_UTF16_BE + THREE_SENTENCES.encode("utf-16-be"),
    codecs.BOM_UTF16_LE + THREE_SENTENCES.encode("utf-16-le"),
    THREE_SENTENCES.encode("utf-32"),
], ids=["utf-8-bom", "utf-16", "utf-16-be", "utf-16-le", "utf-32"])
def test_byte_order_marks_decide_and_are_dropped(encoded):
    assert decode_text(encoded, "bom.txt") == THREE_SENTENCES


def test_bom_wins_over_a_wrong_declaration():
    page = "<html><meta charset='iso-8859-1'><body>Grüße</body></html>"
    assert "Grüße" in decode_markup(page.encode("utf-8-sig"), "seite.html")


@pytest.mark.parametrize("text", [THREE_SENTENCES, SHORT, TYPOGRAPHIC])
@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark_is_read_not_refused_as_binary(text, codec):
    assert decode_text(text.encode(codec), "ohne-bom.txt") == text


def test_utf8_is_tried_before_windows_1252():
    assert decode_text(SHORT.encode("utf-8"), "utf8.txt") == SHORT


@pytest.mark.parametrize("text, codec", [
    ("Привет, как дела? Это короткий текст на русском языке.", "cp1251"),
    ("Zażółć gęślą jaźń, to jest polski tekst o mediach.", "cp1250"),
])
def test_other_code_pages_still_go_to_detection(text, codec):
    assert decode_text(text.encode(codec), "fremd.txt") == text


def test_reads_as_german_tells_umlauts_from_misread_cyrillic():
    assert reads_as_german(THREE_SENTENCES)
    assert not reads_as_german("Ïðèâåò, êàê äåëà?")


def test_text_files_in_utf16_and_latin1_are_read_through_the_reader(tmp_path):
    (tmp_path / "a.txt").write_bytes(THREE_SENTENCES.encode("utf-16"))
    (tmp_path / "b.txt").write_bytes(THREE_SENTENCES.encode("latin-1"))
    batches = list(SourceReader().batches([tmp_path / "a.txt", tmp_path / "b.txt"]))
    assert [b.documents[0].text for b in batches] == [THREE_SENTENCES] * 2


@pytest.mark.parametrize("data, reason", [
    (codecs.BOM_UTF16_LE, "empty file"),
    (codecs.BOM_UTF16_LE + b"\x00\xd8", "not valid UTF-16-LE despite its byte-order mark"),
    (codecs.BOM_UTF16_LE + b"\x01\x00\x02\x00" * 100, "binary data, not text"),
    (b"PK\x03\x04\x00\x00binary", "binary data, not text"),
    (b"\x00\x01\x00\x02" * 100, "binary data, not text"),  # zeros in one column, no text
])
def test_bad_bytes_are_one_line_naming_the_file(data, reason):
    with pytest.raises(SourceError) as caught:
        decode_text(data, "kaputt.txt")
    message = str(caught.value)
    assert message.startswith("kaputt.txt") and reason in message and "\n" not in message
