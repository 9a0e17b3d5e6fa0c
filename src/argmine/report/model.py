"""The report's content, computed once from the store and shared by every format."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from typing import Any

from sqlite_utils import Database

from argmine import __version__
from argmine.annotate.agreement import Agreement, agreement
from argmine.classify import rollup
from argmine.models import STANCE_SECTIONS, model_dir, real_text_figure
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
    stance_units: dict[str, int] = field(default_factory=dict)

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
class Claim:
    """A claim quoted with where it stands and the premises near it."""

    text: str
    stance: str
    confidence: float | None
    central: bool
    author: str | None
    document_id: str
    document: str
    url: str | None
    start: int
    end: int
    premises: list[dict[str, Any]] = field(default_factory=list)


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
    claims: dict[str, list[Claim]] = field(default_factory=dict)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    annotations: Agreement | None = None  # the gold so far: None until someone annotates


@dataclass
class Report:
    generated_at: str
    argmine_version: str
    run: dict[str, Any] | None
    labelled_units: int
    threads: list[ThreadReport]
    errors: list[dict[str, Any]]
    model_metrics: dict[str, Any] = field(default_factory=dict)
    datasette_command: str = ""
    label_versions: list[str] = field(default_factory=list)  # stored with the documents

    @property
    def labels_available(self) -> bool:
        return self.labelled_units > 0

    @property
    def real_text(self) -> dict[str, Any] | None:
        """The recorded figure on real text (``eval_lines.py --record``) of the learned
        stance model that labelled the stored documents (the encoder's or the n-gram one's),
        or None: held-out synthetic and microtext figures are upper bounds, and a figure
        recorded for another model version does not describe these labels."""
        for name in STANCE_SECTIONS.values():
            section = self.model_metrics.get(name, {})
            version = section.get("version")
            if version and any(version in stored.split("+") for stored in self.label_versions):
                return real_text_figure(section)
        return None


def _summary(row: dict[str, Any]) -> DocumentSummary:
    return DocumentSummary(
        id=row["id"], kind=row["kind"], title=row["title"], author=row["author"],
        published=row["published"], url=row["url"], units=row["units"] or 0,
        has_text=bool(row["has_text"]), excerpt=row["excerpt"],
        stance=row["stance"], stance_confidence=row["stance_confidence"],
        stance_units=row.get("stance_units", {}),
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


def _claims(db: Database, thread_id: str, stance: str, limit: int) -> list[Claim]:
    claims = []
    for row in queries.strongest_claims(db, thread_id, stance, limit):
        claims.append(Claim(
            text=row["text"], stance=stance, confidence=row["confidence"],
            central=bool(row["central"]), author=row["author"], document_id=row["document_id"],
            document=row["title"] or row["kind"], url=row["url"], start=row["start"],
            end=row["end"],
            premises=queries.premises_near(db, row["document_id"], row["idx"], stance)))
    return claims


def _thread(db: Database, thread: dict[str, Any], claims: int) -> ThreadReport:
    rows = queries.documents(db, thread["id"])
    counts = queries.stance_counts(db, thread["id"])
    for row in rows:
        row["stance_units"] = counts.get(row["id"], {})
    dates = sorted(row["published"] for row in rows if row["published"])
    return ThreadReport(
        id=thread["id"], title=thread["title"], target=thread["target"],
        by_kind=dict(Counter(row["kind"] for row in rows if row["has_text"])),
        authors=_authors(rows, queries.author_stance(db, thread["id"])),
        documents=[_summary(row) for row in rows],
        tree=build_tree(rows, queries.links(db, thread["id"])),
        missing=queries.missing_references(db, thread["id"]),
        first_date=dates[0] if dates else None, last_date=dates[-1] if dates else None,
        claims={stance: _claims(db, thread["id"], stance, claims) for stance in ("PRO", "CONTRA")},
        disagreements=queries.disagreements(db, thread["id"]),
        annotations=_annotations(db, thread["id"]),
    )


def _annotations(db: Database, thread_id: str) -> Agreement | None:
    """How the model fares against the thread's human annotations, and how far the
    annotators agree with each other; None when nobody has annotated the thread."""
    result = agreement(db, thread_id)
    return result if result.annotations else None


def _model_metrics() -> dict[str, Any]:
    """The held-out metrics of the shipped models (``models/metrics.json``), if any."""
    path = model_dir() / "metrics.json"
    return json.loads(path.read_text("utf-8")) if path.exists() else {}


def datasette_command(db_path: str) -> str:
    """One line for analysts who run Datasette themselves."""
    return (f"argmine serve --db {db_path} --write-metadata metadata.json && "
            f"datasette serve -i {db_path} --metadata metadata.json")


def build_report(db: Database, db_path: str = "argmine.db", claims: int = 5) -> Report:
    """Everything any report format shows, read through ``store.queries``."""
    run = queries.latest_run(db)
    return Report(
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        argmine_version=__version__, run=run,
        labelled_units=queries.labelled_unit_count(db),
        threads=[_thread(db, thread, claims) for thread in queries.threads(db)],
        errors=queries.run_errors(db, run["id"]) if run else [],
        model_metrics=_model_metrics(), datasette_command=datasette_command(db_path),
        label_versions=queries.label_versions(db),
    )
