"""JSON Lines: one document per line, with the fields of ``fields.document_from_fields``.

A file is read whole before any document is yielded, so a bad line rejects
the file with its line number instead of leaving half of it stored.
"""

from __future__ import annotations

from collections.abc import Iterator

from argmine.errors import SourceError
from argmine.jsonlines import BadLine, json_objects
from argmine.records import Document
from argmine.sources.decode import decode_text
from argmine.sources.fields import document_from_fields, local_aliases, relink

SUFFIXES = (".jsonl", ".ndjson")


def read_jsonl(data: bytes, source: str) -> Iterator[Document]:
    """Yield the documents of a JSON Lines file; every line needs a non-empty ``text``."""
    documents: list[Document] = []
    aliases: dict[str, str] = {}
    for number, record in _records(decode_text(data, source), source):
        where = f"{source}:{number}"
        text = record.get("text")
        if not isinstance(text, str) or not text.strip():
            raise SourceError(where, "missing or empty 'text'")
        document = document_from_fields(record, text=text.strip(), source=source, default_key=where)
        aliases.update(local_aliases(record, document))
        documents.append(document)
    if not documents:
        raise SourceError(source, "no documents in the file")
    relink(documents, aliases)
    yield from documents


def _records(text: str, source: str) -> Iterator[tuple[int, dict]]:
    try:
        yield from json_objects(text)
    except BadLine as exc:
        raise SourceError(f"{source}:{exc.number}", exc.reason) from exc
