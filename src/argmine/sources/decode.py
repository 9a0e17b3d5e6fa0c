"""Bytes to text, with the encodings older German blogs actually use.

HTML is decoded by its declared charset (HTTP header or ``<meta>``); plain
text by its byte-order mark (UTF-8, UTF-16, UTF-32), else as UTF-16 when
its zero bytes say so, else as UTF-8, else as
Windows-1252 when that reads like German, and only then by detection
(charset-normalizer).  Detectors are weak on short texts: on a three-sentence
Latin-1 file they pick DOS or Central European code pages ("Fr³her"), while
German text that is not UTF-8 is almost always Windows-1252 or ISO-8859-1.
ISO-8859-1 is read as Windows-1252, as browsers do (WHATWG Encoding
Standard), so that typographic quotes in "Latin-1" pages survive.
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


#: Longest first: the UTF-32-LE mark begins with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_ALLOWED_CONTROLS = {9, 10, 12, 13, 27}
#: Non-ASCII characters German text in Windows-1252 is made of: umlauts, sharp s, the
#: accents of common loanwords (Café, Façade, à la), typographic punctuation, signs.
_GERMAN_NON_ASCII = set("äöüÄÖÜßéèêàâçÉÈ„“”‚‘’«»‹›–—…•€§°·×½¼²³©®™\u00a0")
#: Share of non-ASCII characters that must be in that set for Windows-1252 to win.
_GERMAN_SHARE = 0.8


def _too_many_controls(codes: list[int]) -> bool:
    controls = sum(1 for c in codes if c < 32 and c not in _ALLOWED_CONTROLS)
    return controls > len(codes) * 0.05


def check_not_binary(data: bytes, source: str) -> None:
    """Refuse empty input and data that is clearly not text (checked before decoding)."""
    if not data.strip():
        raise SourceError(source, "empty file")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head or _too_many_controls(list(head)):
        raise SourceError(source, "binary data, not text")


def _check_decoded(text: str, source: str) -> None:
    """The same check for UTF-16/32, whose bytes are full of zeros even when they are text."""
    if not text.strip():
        raise SourceError(source, "empty file")
    head = text[:_SNIFF_BYTES]
    if "\x00" in head or _too_many_controls([ord(c) for c in head]):
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
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return data[len(bom):], codec
    return data, None


#: Share of zero bytes in one column (odd or even offsets) that marks UTF-16 without a
#: byte-order mark: Latin letters and umlauts have a zero high byte (typographic quotes,
#: dashes and € do not), and the other column must be nearly free of zeros; what decodes
#: to control characters is still refused as binary.
_UTF16_ZEROS = 0.6


def _bomless_utf16(data: bytes) -> str | None:
    """``utf-16-le`` or ``utf-16-be`` when the bytes are Latin-script UTF-16 without a mark
    (Windows tools write such files); else None.  They were refused as binary."""
    head = data[:_SNIFF_BYTES - _SNIFF_BYTES % 2]
    if len(head) < 8 or len(data) % 2:
        return None
    even, odd = head[0::2], head[1::2]
    for zeros, other, codec in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) >= _UTF16_ZEROS * len(zeros) and other.count(0) <= 0.01 * len(other):
            try:  # no mark promised it: bytes that break it are binary, not a broken promise
                data.decode(codec)
            except UnicodeDecodeError:
                return None
            return codec
    return None


def _decode_with_bom(data: bytes, codec: str, source: str) -> str:
    """A byte-order mark is a promise; bytes that break it are an error, not a guess."""
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise SourceError(source, f"not valid {codec.upper()} despite its byte-order mark "
                                  f"(byte {exc.start})") from exc
    _check_decoded(text, source)
    return text


def reads_as_german(text: str) -> bool:
    """Whether a Windows-1252 reading looks like German rather than another code page's text.

    Latin-1 bytes of another script (cp1251 Cyrillic, cp1250 Polish) also decode
    without error, but into letters German does not use ("Ïðèâåò", "gêœl¹").
    """
    foreign = [c for c in text if ord(c) > 127]
    if not foreign:
        return True
    return sum(c in _GERMAN_NON_ASCII for c in foreign) >= len(foreign) * _GERMAN_SHARE


def _legacy(data: bytes) -> str:
    """Non-UTF-8 bytes: Windows-1252 when it reads as German, else the detector's guess."""
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:  # one of the five bytes Windows-1252 leaves undefined
        western = None
    if western is not None and reads_as_german(western):
        return western
    best = from_bytes(data).best()
    if best is not None and best.encoding:
        return str(best)
    return data.decode("cp1252", errors="replace")


def decode_text(data: bytes, source: str, declared: str | None = None) -> str:
    """Decode bytes to str: BOM, declared charset, UTF-8, Windows-1252, then detection."""
    data, bom_codec = _strip_bom(data)
    if bom_codec:
        return _decode_with_bom(data, bom_codec, source)
    bomless = _bomless_utf16(data)
    if bomless:
        return _decode_with_bom(data, bomless, source)
    check_not_binary(data, source)
    codec = normalise_charset(declared)
    if codec:
        try:
            return data.decode(codec)
        except UnicodeDecodeError:
            pass  # the declaration lies; fall through to UTF-8 and the legacy guess
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _legacy(data)


def decode_markup(data: bytes, source: str, header_charset: str | None = None) -> str:
    """Decode HTML or XML: the HTTP header wins over the document's own declaration."""
    return decode_text(data, source, declared=header_charset or declared_charset(data))
