"""Thread manifests (``thread.toml``): a thread, its target proposition and its documents.

Format::

    [thread]
    id = "social-media-b2b"          # required: the thread's stable name
    title = "..."
    target = "Social Media ist für B2B nützlich"
    language = "de"

    [[documents]]
    id = "essay"                     # required: the entry's name within the manifest
    path = "essay.txt"               # or url = "https://..."; neither: a referenced document
    kind = "post"                    # post | comment
    title = "..."; author = "..."; date = "2011-01-20"
    answers = "essay"                # entry name(s) or URL(s) this post responds to

Metadata given here overrides what the reader found in the file.  Entries
without ``path`` or ``url`` are referenced documents: known by author and
title, stored without text until a later ingest supplies it.
"""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from argmine.errors import SourceError
from argmine.records import Document, Thread
from argmine.sources.fields import document_from_fields, local_aliases, relink
from argmine.sources.references import reference_key

_OVERRIDES = ("kind", "title", "author", "url", "published", "date", "answers", "cites", "parent")


@dataclass(frozen=True)
class Batch:
    """The documents read from one source, or the error that source gave, and what its
    reading left out (``warnings``: one line each, naming the source)."""

    source: str
    documents: list[Document]
    error: SourceError | None = None
    thread: Thread | None = None
    warnings: tuple[str, ...] = ()


def load_manifest(path: Path) -> tuple[Thread, list[dict[str, Any]]]:
    """Parse and validate a manifest; return its thread and raw entries."""
    source = str(path)
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise SourceError(source, f"cannot read manifest: {exc}") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(source, f"invalid TOML: {exc}") from exc
    info = data.get("thread")
    if not isinstance(info, dict) or not info.get("id") or not info.get("target"):
        raise SourceError(source, "manifest needs a [thread] table with id and target")
    entries = data.get("documents", [])
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise SourceError(source, "[[documents]] must be a list of tables")
    for number, entry in enumerate(entries, start=1):
        if not entry.get("id"):
            raise SourceError(source, f"document entry {number} has no id")
    thread = Thread(id=str(info["id"]), target=str(info["target"]),
                    title=info.get("title"), language=str(info.get("language", "de")))
    return thread, entries


def read_manifest(path: Path, read_spec: Callable[[str], list[Document]]) -> Iterator[Batch]:
    """Yield one batch per manifest entry; a failing entry does not stop the others."""
    thread, entries = load_manifest(path)
    prefix = f"{thread.id}/"
    batches: list[Batch] = []
    aliases: dict[str, str] = {}
    for entry in entries:
        where = f"{path}#{entry['id']}"
        try:
            documents = _entry_documents(entry, path.parent, prefix, where, read_spec)
        except SourceError as exc:
            batches.append(Batch(where, [], exc, thread))
            continue
        aliases.update(local_aliases(entry, documents[0], prefix))
        batches.append(Batch(where, documents, None, thread))
    for batch in batches:
        relink(batch.documents, aliases)
        yield batch


def _entry_documents(entry, base: Path, prefix: str, where: str, read_spec) -> list[Document]:
    spec = entry.get("path") or entry.get("url")
    if not spec:
        return [_referenced(entry, prefix, where)]
    if entry.get("path"):
        spec = str((base / entry["path"]).resolve())
    documents = read_spec(spec)
    main = documents[0]
    overrides = {k: entry[k] for k in _OVERRIDES if k in entry}
    if "date" in overrides:
        overrides["published"] = overrides.pop("date")
    merged = document_from_fields(
        {"kind": main.kind, "title": main.title, "author": main.author, "url": main.url,
         "published": main.published, **overrides},
        text=main.text, source=main.source, key_prefix=prefix,
        default_key=main.key if main.url else prefix + str(entry["id"]),  # not a local path
    )
    merged.links = main.links + merged.links
    merged.lang = main.lang
    rest = documents[1:]
    relink(rest, {main.key: merged.key})  # comments follow a post whose URL the entry set
    return [merged, *rest]


def _referenced(entry: dict[str, Any], prefix: str, where: str) -> Document:
    """A document known by author and title only (cited, text not available)."""
    if not entry.get("title") or not entry.get("author"):
        raise SourceError(where, "an entry without path or url needs author and title")
    key = reference_key(str(entry["author"]), str(entry["title"]))
    fields = {k: v for k, v in entry.items() if k != "id"}  # same key as the citing link
    return document_from_fields(fields, text=None, source=where, default_key=key,
                                key_prefix=prefix)
