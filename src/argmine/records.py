"""Plain records shared by every stage: Document, Unit, Link.

Readers produce Documents; the NLP stage adds Units; the store writes both.
Documents refer to each other by *key* (a URL, a manifest name, a comment
anchor), never by database id, so that readers stay independent of the store.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Literal

DocumentKind = Literal["post", "comment"]
LinkKind = Literal["reply", "response", "cites"]


def stable_id(key: str) -> str:
    """Return the database id for a document key (12 hex digits of SHA-1).

    Ids derive from keys so that ingesting the same source twice, on any
    machine, produces the same rows.
    """
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


@dataclass(frozen=True)
class Link:
    """A directed relation from the document holding it to ``target``.

    ``target`` is a document key (URL or manifest name).  ``title`` and
    ``author`` describe the target when it may not be ingested yet, so that
    a referenced document can be stored as a placeholder and filled in later.
    """

    target: str
    kind: LinkKind
    title: str | None = None
    author: str | None = None


@dataclass(frozen=True)
class Thread:
    """A discussion thread and the proposition stance is measured against."""

    id: str
    target: str | None  # None: the stored thread's, or DEFAULT_TARGET for a new one
    title: str | None = None
    language: str = "de"


@dataclass
class Unit:
    """An argumentative unit: a span of its document's text."""

    start: int
    end: int
    text: str
    component: str | None = None
    stance: str | None = None
    confidence: float | None = None
    central: bool = False
    model_version: str | None = None


@dataclass
class Document:
    """One post or comment, as a reader found it.

    ``text`` is ``None`` for a referenced document whose text argmine has not
    seen yet (a response cited by title only).
    """

    key: str
    text: str | None
    source: str
    kind: DocumentKind = "post"
    title: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    parent: str | None = None
    links: list[Link] = field(default_factory=list)
    lang: str | None = None
    thread_id: str | None = None
    units: list[Unit] = field(default_factory=list)
    stance: str | None = None
    stance_confidence: float | None = None
    model_version: str | None = None
    stored_hash: str | None = None  # set when rebuilt from the store for re-analysis

    @property
    def id(self) -> str:
        return stable_id(self.key)

    @property
    def is_placeholder(self) -> bool:
        return self.text is None

    def content_hash(self) -> str:
        """Hash of everything a reader contributes; units are derived from it."""
        payload = {
            "text": self.text,
            "kind": self.kind,
            "title": self.title,
            "author": self.author,
            "url": self.url,
            "published": self.published,
            "parent": self.parent,
            "links": sorted(f"{link.target}|{link.kind}" for link in self.links),
        }
        blob = json.dumps(payload, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(blob.encode("utf-8")).hexdigest()
