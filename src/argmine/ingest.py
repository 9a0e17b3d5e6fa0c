"""Ingest: sources -> documents -> analysis -> store, one document at a time.

This module only orchestrates; reading, analysis and writing live in their
own stages.  Unchanged documents (same content hash) are skipped before any
analysis, so a re-run of an unchanged corpus is cheap.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from argmine.analyze import analyze_document
from argmine.config import DEFAULT_TARGET, DEFAULT_THREAD
from argmine.nlp.pipeline import Pipeline, load_pipeline
from argmine.records import Thread
from argmine.sources import Batch, SourceReader
from argmine.store.writer import RunCounts, Store, connect

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
    own thread).  Failing sources are recorded in ``ingest_errors`` and
    reported; they never stop the others.
    """
    pipeline = pipeline or load_pipeline()
    reader = reader or SourceReader()
    report = report or (lambda event, message: None)
    default_thread = thread or Thread(DEFAULT_THREAD, DEFAULT_TARGET)
    store = Store(connect(db_path))
    run_id = store.start_run(pipeline.name, {})
    counts = RunCounts()
    try:
        for batch in reader.batches(specs):
            counts.sources += 1
            _ingest_batch(store, batch, batch.thread or default_thread, pipeline, run_id,
                          counts, report)
    finally:
        store.finish_run(run_id, counts)
        reader.close()
        store.db.close()
    return IngestResult(run_id, counts)


def _ingest_batch(store: Store, batch: Batch, thread: Thread, pipeline: Pipeline,
                  run_id: int, counts: RunCounts, report: Reporter) -> None:
    if batch.error is not None:
        counts.errors += 1
        counts.failed_sources.append(batch.source)
        store.record_error(run_id, batch.source, batch.error.reason)
        report("error", str(batch.error))
        return
    store.ensure_thread(thread)
    for document in batch.documents:
        document.thread_id = thread.id
        doc_id = store.document_id(document)
        if not document.is_placeholder and store.is_unchanged(doc_id, document):
            counts.count("unchanged")
            continue
        analyze_document(document, pipeline, thread.language)
        outcome = store.write(document, doc_id)
        counts.count(outcome)
        report("document", f"{outcome}: {document.kind} {document.title or document.key}")
