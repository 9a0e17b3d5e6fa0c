"""Bytes to text, with the encodings older German blogs actually use.

HTML is decoded by its declared charset (HTTP header or ``<meta>``); plain
text by UTF-8 first and detection (charset-normalizer) after.  ISO-8859-1 is
read as Windows-1252, as browsers do (WHATWG Encoding Standard), so that
typographic quotes in "Latin-1" pages survive.
"""

from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from argmine.errors import SourceError

_SNIFF_BYTES = 8192
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252"}


def check_not_binary(data: bytes, source: str) -> None:
    """Refuse empty input and data that is clearly not text."""
    if not data.strip():
        raise SourceError(source, "empty file")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise SourceError(source, "binary data, not text")
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13, 27))
    if controls > len(head) * 0.05:
        raise SourceError(source, "binary data, not text")


def normalise_charset(name: str | None) -> str | None:
    """Map a declared charset to a Python codec, or None when unknown."""
    if not name:
        return None
    name = name.strip().strip("\"'").lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML or XML document declares about itself."""
    head = data[:_SNIFF_BYTES]
    for pattern in (_XML_ENCODING, _META_CHARSET):
        match = pattern.search(head)
        if match:
            return match.group(1).decode("ascii", "replace")
    return None


def _strip_bom(data: bytes) -> tuple[bytes, str | None]:
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom):], codec
    return data, None


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode bytes to str: BOM, then the declared charset, then UTF-8, then detection."""
    check_not_binary(data, source)
    data, bom_codec = _strip_bom(data)
    for codec in (bom_codec, normalise_charset(declared)):
        if codec:
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                break  # the declaration lies; fall through to detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best)
    return data.decode("cp1252", errors="replace")


def decode_markup(data: bytes, source: str, header_charset: str | None = None) -> str:
    """Decode HTML or XML: the HTTP header wins over the document's own declaration."""
    return decode_text(data, source, declared=header_charset or declared_charset(data))
