"""Document metadata from loosely typed mappings (front matter, JSON Lines, manifests).

One mapping from field names to Document attributes, so that every reader
that takes user-written metadata accepts the same names.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from argmine.errors import SourceError
from argmine.records import Document, Link
from argmine.sources.dates import parse_date
from argmine.sources.fetch import is_url

KINDS = ("post", "comment")


def _str(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _keys(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if _str(item)]
    return [str(value)]


def document_from_fields(
    fields: Mapping[str, Any],
    *,
    text: str | None,
    source: str,
    default_key: str,
    key_prefix: str = "",
) -> Document:
    """Build a Document from user metadata.

    The key is the URL when there is one (so that the same post read from a
    page, a feed or an export is one document), else the ``id``.

    Recognised fields: ``id``, ``kind`` (post|comment), ``title``, ``author``,
    ``url``, ``date``/``published``, ``parent`` (a key: the post or comment
    replied to), ``answers`` (key(s) of posts this post responds to) and
    ``cites`` (keys of documents it mentions).  ``key_prefix`` namespaces
    local ids (a manifest's entry names) so two threads cannot collide.
    """
    kind = _str(fields.get("kind")) or ("comment" if fields.get("parent") else "post")
    if kind not in KINDS:
        raise SourceError(source, f"unknown kind {kind!r} (expected post or comment)")

    def key_of(ref: str) -> str:
        return ref if "://" in ref else key_prefix + ref

    url = _str(fields.get("url"))
    if url and not is_url(url):  # a "javascript:" or file address is no page of the thread
        raise SourceError(source, f"'url' must be an http(s) address, not {url[:40]!r}")
    local_id = _str(fields.get("id"))
    key = url or (key_of(local_id) if local_id else default_key)
    date = fields.get("published", fields.get("date"))
    links = [Link(key_of(ref), "response") for ref in _keys(fields.get("answers"))]
    links += [Link(key_of(ref), "cites") for ref in _keys(fields.get("cites"))]
    parent = _str(fields.get("parent"))
    return Document(
        key=key,
        text=text,
        source=source,
        kind=kind,  # type: ignore[arg-type]
        title=_str(fields.get("title")),
        author=_str(fields.get("author")),
        url=url,
        published=parse_date(str(date)) if date is not None else None,
        parent=key_of(parent) if parent else None,
        links=links,
    )


def local_aliases(fields: Mapping[str, Any], document: Document, key_prefix: str = "") -> dict:
    """Map a record's local ``id`` to its document key, for ``relink``."""
    local_id = _str(fields.get("id"))
    if not local_id or "://" in local_id:
        return {}
    return {key_prefix + local_id: document.key}


def relink(documents: list[Document], aliases: Mapping[str, str]) -> None:
    """Point parents and links that name a local id at that document's key."""
    for document in documents:
        if document.parent in aliases:
            document.parent = aliases[document.parent]
        document.links = [
            Link(aliases.get(link.target, link.target), link.kind, link.title, link.author)
            for link in document.links
        ]


def rebase_key(key: str | None, old: str, new: str) -> str | None:
    """``key`` made from the source name ``new`` where it was made from ``old`` (the name
    itself, or it followed by ``#`` or ``:`` and a local part); other keys unchanged."""
    if key and (key == old or key.startswith((old + "#", old + ":"))):
        return new + key[len(old):]
    return key


def rebase_keys(documents: list[Document], old: str, new: str) -> None:
    """``rebase_key`` for the keys, parents and link targets of ``documents``."""
    for document in documents:
        document.key = rebase_key(document.key, old, new)
        document.parent = rebase_key(document.parent, old, new)
        document.links = [Link(rebase_key(link.target, old, new), link.kind, link.title,
                               link.author) for link in document.links]
