"""XML parsing that refuses entity expansion and external resources (defusedxml)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import defusedxml
import defusedxml.ElementTree as DET

from argmine.errors import SourceError


#: Control characters XML 1.0 forbids; real WordPress exports contain them now and then.
_INVALID_CONTROLS = re.compile(rb"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def parse_xml(data: bytes, source: str) -> ET.Element:
    """Parse XML safely; every failure becomes one SourceError line."""
    try:
        return DET.fromstring(_INVALID_CONTROLS.sub(b"", data))
    except defusedxml.DefusedXmlException as exc:
        raise SourceError(source, f"unsafe XML refused ({type(exc).__name__})") from exc
    except ET.ParseError as exc:
        raise SourceError(source, f"malformed or truncated XML: {exc}") from exc


def check_xml_safe(data: bytes, source: str) -> None:
    """Refuse XML with entity declarations before another parser (feedparser) sees it."""
    head = data[:65536].lower()
    internal_subset = b"<!doctype" in head and b"[" in head.split(b"<!doctype", 1)[1][:2048]
    if b"<!entity" in head or internal_subset:
        raise SourceError(source, "unsafe XML refused (document type declares entities)")
