"""A post's own reference list ("Update – lesenswerte Artikel: - Autor, „Titel“").

Blog essays end with lists of responses and further reading; in saved text
the hyperlinks are often gone and only "Author, Title" remains.  Each such
line becomes a ``cites`` link to a referenced document identified by author
and title, which a later ingest of that post's text fills in.
"""

from __future__ import annotations

import re

from argmine.records import Document, Link

_ITEM = re.compile(
    r"^[ \t]*(?:[-–—•*·]|\d{1,2}[.)])[ \t]+"          # list marker
    r"(?P<author>[A-ZÄÖÜ][\w'’.-]+(?:[ \t]+(?:von[ \t]+|van[ \t]+|de[ \t]+)?[A-ZÄÖÜ][\w'’.-]+){1,3})"
    r"[ \t]*[,:][ \t]*"
    r"(?P<title>\S.{2,200}?)[ \t]*$",
    re.MULTILINE,
)
_QUOTES = "„“”\"'‚‘’«»›‹"


def clean_title(title: str) -> str:
    """Strip surrounding quotes and spaces from a cited title."""
    return title.strip().strip(_QUOTES).strip()


def normalise(value: str | None) -> str:
    """Comparison form of an author or title: case-folded, quotes and punctuation ignored."""
    if not value:
        return ""
    value = re.sub(rf"[{_QUOTES}]", "", value).casefold()
    return re.sub(r"[\s\W_]+", " ", value).strip()


def reference_key(author: str, title: str) -> str:
    """Key of a document known only by author and title."""
    return f"ref:{normalise(author)}|{normalise(title)}"


def find_references(text: str) -> list[tuple[str, str]]:
    """(author, title) pairs of the list items in ``text`` that cite another post."""
    return [
        (match["author"].strip(), clean_title(match["title"]))
        for match in _ITEM.finditer(text)
        if clean_title(match["title"])
    ]


def add_reference_links(document: Document) -> None:
    """Add a ``cites`` link for every reference list item of a post."""
    if document.kind != "post" or not document.text:
        return
    known = {link.target for link in document.links}
    for author, title in find_references(document.text):
        key = reference_key(author, title)
        if key not in known:
            document.links.append(Link(key, "cites", title=title, author=author))
            known.add(key)
