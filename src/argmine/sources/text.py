"""Plain text and Markdown files, with optional YAML (``---``) or TOML (``+++``) front matter.

The body is stored as written (Markdown markup included) so that unit
offsets always point into exactly what the author wrote.
"""

from __future__ import annotations

from collections.abc import Iterator

import frontmatter

from argmine.errors import SourceError
from argmine.records import Document
from argmine.sources.decode import decode_text
from argmine.sources.fields import document_from_fields

SUFFIXES = (".txt", ".text", ".md", ".markdown")


def read_text(data: bytes, source: str, *, key: str | None = None) -> Iterator[Document]:
    """Yield the one document a text file holds."""
    raw = decode_text(data, source)
    try:
        metadata, body = frontmatter.parse(raw)
    except Exception as exc:  # YAML and TOML parsers raise many types
        raise SourceError(source, f"invalid front matter: {exc}".splitlines()[0]) from exc
    body = body.strip("\n")
    if not body.strip():
        raise SourceError(source, "no text after the front matter")
    yield document_from_fields(metadata, text=body, source=source, default_key=key or source)
