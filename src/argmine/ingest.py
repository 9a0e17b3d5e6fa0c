"""Ingest: sources -> documents -> analysis -> store, one document at a time.

This module only orchestrates; reading, analysis and writing live in their
own stages.  Unchanged documents (same content hash) are skipped before any
analysis, so a re-run of an unchanged corpus is cheap.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from argmine.analyze import analyze_document
from argmine.config import DEFAULT_TARGET, DEFAULT_THREAD
from argmine.nlp.pipeline import Pipeline, load_pipeline
from argmine.records import Document, Thread
from argmine.sources import Batch, SourceReader
from argmine.store.writer import RunCounts, Store, connect

DEFAULT = Thread(DEFAULT_THREAD, DEFAULT_TARGET)
Reporter = Callable[[str, str], None]  # (event, message): "error", "document"


@dataclass
class IngestResult:
    run_id: int
    counts: RunCounts

    @property
    def ok(self) -> bool:
        return self.counts.errors == 0


def ingest(
    specs: Iterable[str | Path],
    db_path: str | Path,
    *,
    thread: Thread | None = None,
    pipeline: Pipeline | None = None,
    reader: SourceReader | None = None,
    report: Reporter | None = None,
) -> IngestResult:
    """Read every source, analyse new or changed documents and store them.

    ``thread`` applies to sources outside a manifest (a manifest names its
    own thread).  Without it, a document joins the thread it, its parent or
    the post it answers is already stored in, else the default thread.
    Failing sources are recorded in ``ingest_errors`` and reported; they
    never stop the others.
    """
    pipeline = pipeline or load_pipeline()
    reader = reader or SourceReader()
    report = report or (lambda event, message: None)
    store = Store(connect(db_path))
    run_id = store.start_run(pipeline.name, {})
    counts = RunCounts()
    try:
        for batch in reader.batches(specs):
            counts.sources += 1
            _ingest_batch(store, batch, batch.thread or thread, pipeline, run_id, counts,
                          report)
    finally:
        store.finish_run(run_id, counts)
        reader.close()
        store.db.close()
    return IngestResult(run_id, counts)


def _thread_id(store: Store, document: Document, doc_id: str) -> str:
    """The stored thread of the document, its parent or a post it answers; else the default."""
    keys = [document.parent, *(link.target for link in document.links if link.kind == "response")]
    for candidate in (doc_id, *(store.resolve(key) for key in keys if key)):
        found = store.thread_of(candidate)
        if found:
            return found
    store.ensure_thread(DEFAULT)
    return DEFAULT.id


def _ingest_batch(store: Store, batch: Batch, thread: Thread | None, pipeline: Pipeline,
                  run_id: int, counts: RunCounts, report: Reporter) -> None:
    if batch.error is not None:
        counts.errors += 1
        counts.failed_sources.append(batch.source)
        store.record_error(run_id, batch.source, batch.error.reason)
        report("error", str(batch.error))
        return
    if thread:
        store.ensure_thread(thread)
    for document in batch.documents:
        doc_id = store.document_id(document)
        document.thread_id = thread.id if thread else _thread_id(store, document, doc_id)
        if not document.is_placeholder and store.is_unchanged(doc_id, document):
            counts.count("unchanged")
            continue
        analyze_document(document, pipeline, store.thread_language(document.thread_id))
        try:
            outcome = store.write(document, doc_id)
        except sqlite3.Error as exc:  # the transaction was rolled back: nothing half-written
            counts.errors += 1
            where = f"{batch.source} ({document.key})"
            store.record_error(run_id, where, f"not stored: {exc}")
            report("error", f"{where}: not stored: {exc}")
            continue
        counts.count(outcome)
        report("document", f"{outcome}: {document.kind} {document.title or document.key}")
