"""Plain text and Markdown files, with optional YAML (``---``) or TOML (``+++``) front matter.

The body is stored as written (Markdown markup included) so that unit
offsets always point into exactly what the author wrote.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator

import frontmatter
from frontmatter.default_handlers import BaseHandler

from argmine.errors import SourceError
from argmine.records import Document
from argmine.sources.decode import decode_text
from argmine.sources.fields import document_from_fields

SUFFIXES = (".txt", ".text", ".md", ".markdown")


class TomlFrontMatter(BaseHandler):
    """``+++`` front matter read with the standard library's ``tomllib``.

    python-frontmatter's own TOML handler needs the third-party ``toml``
    package and, without it, silently leaves a ``+++`` block in the body.
    """

    FM_BOUNDARY = re.compile(r"^\+{3,}\s*$", re.MULTILINE)
    START_DELIMITER = END_DELIMITER = "+++"

    def load(self, fm: str) -> dict[str, object]:
        return tomllib.loads(fm)


#: What a text file's front matter may be written in: YAML, JSON or TOML.
HANDLERS = [*frontmatter.handlers, TomlFrontMatter()]


def read_text(data: bytes, source: str, *, key: str | None = None) -> Iterator[Document]:
    """Yield the one document a text file holds."""
    raw = decode_text(data, source)
    try:
        metadata, body = frontmatter.parse(raw, handler=frontmatter.detect_format(raw, HANDLERS))
    except Exception as exc:  # YAML and TOML parsers raise many types
        raise SourceError(source, f"invalid front matter: {exc}".splitlines()[0]) from exc
    body = body.strip("\n")
    if not body.strip():
        raise SourceError(source, "no text after the front matter")
    yield document_from_fields(metadata, text=body, source=source, default_key=key or source)
