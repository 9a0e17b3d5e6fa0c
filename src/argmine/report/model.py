"""The report's content, computed once from the store and shared by every format."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from argmine import __version__
from argmine.classify import rollup
from argmine.store import queries


@dataclass
class DocumentSummary:
    id: str
    kind: str
    title: str | None
    author: str | None
    published: str | None
    url: str | None
    units: int
    has_text: bool
    excerpt: str | None
    stance: str | None = None
    stance_confidence: float | None = None

    @property
    def label(self) -> str:
        """A short human name: the title, else the first words of the text."""
        if self.title:
            return self.title
        if self.excerpt:
            words = self.excerpt.split()
            return " ".join(words[:8]) + (" …" if len(words) > 8 else "")
        return self.id


@dataclass
class TreeNode:
    document: DocumentSummary
    relation: str | None  # how it attaches to its parent node: reply | response
    children: list[TreeNode] = field(default_factory=list)


@dataclass
class AuthorSummary:
    author: str
    posts: int
    comments: int
    units: int
    stance: str | None = None
    pro_units: int = 0
    contra_units: int = 0
    neutral_units: int = 0


@dataclass
class ThreadReport:
    id: str
    title: str | None
    target: str
    by_kind: dict[str, int]
    authors: list[AuthorSummary]
    documents: list[DocumentSummary]
    tree: list[TreeNode]
    missing: list[dict[str, Any]]
    first_date: str | None
    last_date: str | None


@dataclass
class Report:
    generated_at: str
    argmine_version: str
    run: dict[str, Any] | None
    labelled_units: int
    threads: list[ThreadReport]
    errors: list[dict[str, Any]]

    @property
    def labels_available(self) -> bool:
        return self.labelled_units > 0


def _summary(row: dict[str, Any]) -> DocumentSummary:
    return DocumentSummary(
        id=row["id"], kind=row["kind"], title=row["title"], author=row["author"],
        published=row["published"], url=row["url"], units=row["units"] or 0,
        has_text=bool(row["has_text"]), excerpt=row["excerpt"],
        stance=row["stance"], stance_confidence=row["stance_confidence"],
    )


def build_tree(rows: list[dict[str, Any]], links: list[dict[str, Any]]) -> list[TreeNode]:
    """Who answers whom: comments under their parents, responses under the post they answer."""
    nodes = {row["id"]: TreeNode(_summary(row), None) for row in rows}
    parent_of: dict[str, tuple[str, str]] = {}
    for row in rows:
        if row["parent_id"] in nodes:
            parent_of[row["id"]] = (row["parent_id"], "reply")
    for link in links:
        if link["kind"] == "response" and link["source_id"] in nodes \
                and link["target_id"] in nodes and link["source_id"] not in parent_of:
            parent_of[link["source_id"]] = (link["target_id"], "response")
    roots = []
    for doc_id, node in nodes.items():  # rows are in date order, so children are too
        if doc_id in parent_of and not _cycle(doc_id, parent_of):
            parent_id, relation = parent_of[doc_id]
            node.relation = relation
            nodes[parent_id].children.append(node)
        else:
            roots.append(node)
    return roots


def _cycle(start: str, parent_of: dict[str, tuple[str, str]]) -> bool:
    seen, current = {start}, start
    while current in parent_of:
        current = parent_of[current][0]
        if current in seen:
            return True
        seen.add(current)
    return False


def _authors(rows: list[dict[str, Any]], stances: list[dict[str, Any]]) -> list[AuthorSummary]:
    counts: dict[str, Counter] = defaultdict(Counter)
    documents: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for row in rows:
        if row["author"] and row["has_text"]:
            counts[row["author"]][row["kind"]] += 1
            counts[row["author"]]["units"] += row["units"] or 0
            if row["stance"]:
                documents[row["author"]].append((row["stance"], row["argumentative_units"] or 0))
    by_author = {s["author"]: s for s in stances}
    summaries = []
    for name, c in counts.items():
        unit_counts = by_author.get(name, {})
        summaries.append(AuthorSummary(
            name, c["post"], c["comment"], c["units"],
            stance=rollup.author_stance(name, documents[name]).stance if documents[name] else None,
            pro_units=unit_counts.get("pro_units") or 0,
            contra_units=unit_counts.get("contra_units") or 0,
            neutral_units=unit_counts.get("neutral_units") or 0))
    return sorted(summaries, key=lambda a: (-(a.posts + a.comments), a.author))


def _thread(db: Database, thread: dict[str, Any]) -> ThreadReport:
    rows = queries.documents(db, thread["id"])
    dates = sorted(row["published"] for row in rows if row["published"])
    return ThreadReport(
        id=thread["id"], title=thread["title"], target=thread["target"],
        by_kind=dict(Counter(row["kind"] for row in rows if row["has_text"])),
        authors=_authors(rows, queries.author_stance(db, thread["id"])),
        documents=[_summary(row) for row in rows],
        tree=build_tree(rows, queries.links(db, thread["id"])),
        missing=queries.missing_references(db, thread["id"]),
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
    )


def build_report(db: Database) -> Report:
    """Everything any report format shows, read through ``store.queries``."""
    run = queries.latest_run(db)
    return Report(
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        argmine_version=__version__, run=run,
        labelled_units=queries.labelled_unit_count(db),
        threads=[_thread(db, thread) for thread in queries.threads(db)],
        errors=queries.run_errors(db, run["id"]) if run else [],
    )
