"""Ingest: sources -> documents -> analysis -> store, one document at a time.

This module only orchestrates; reading, analysis and writing live in their
own stages.  Unchanged documents (same content hash) are skipped before any
analysis, so a re-run of an unchanged corpus is cheap.
"""

from __future__ import annotations

import sqlite3
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from argmine.analyze import decide_stances
from argmine.classify.labeller import Labeller, stance_model_of
from argmine.classify.stance import Scores
from argmine.config import DEFAULT_TARGET, DEFAULT_THREAD
from argmine.errors import ArgmineError, SourceError
from argmine.executors import Executor, Models, ProcessExecutor
from argmine.nlp.pipeline import Pipeline, load_pipeline
from argmine.records import Document, Thread, stable_id
from argmine.sources import Batch, SourceReader, file_key
from argmine.sources.fetch import is_url
from argmine.sources.fields import rebase_key, rebase_keys
from argmine.store.writer import RunCounts, Store, connect

DEFAULT = Thread(DEFAULT_THREAD, DEFAULT_TARGET)
CHUNK = 128  # documents analysed together (one model call each); bounds memory too
#: A write transaction is committed after this many documents or seconds, whichever comes
#: first: fewer commits write far fewer pages, and a concurrent ingest still gets its turn.
COMMIT_DOCUMENTS, COMMIT_SECONDS = 1000, 1.0
#: (event, message): "error", "warning", "document", "source"
Reporter = Callable[[str, str], None]


@dataclass
class IngestResult:
    run_id: int
    counts: RunCounts
    pipeline: str | None = None  # the spaCy pipeline, when anything needed analysis

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
    labeller: Labeller | None | bool = True,
    workers: int = 1,
    executor: Executor | None = None,
) -> IngestResult:
    """Read every source, analyse new or changed documents and store them.

    ``thread`` applies to sources outside a manifest (a manifest names its
    own thread).  Without it, a document joins the thread it, its parent or
    the post it answers is already stored in, else the default thread.
    Failing sources are recorded in ``ingest_errors`` and reported; they
    never stop the others.  ``executor`` runs the analysis (default: ``workers``
    forked processes, see ``argmine.executors``); ingest closes it when done.
    """
    reader = reader or SourceReader()
    report = report or (lambda event, message: None)
    analyzer = Analyzer(pipeline, labeller, workers, executor)
    store = Store(connect(db_path))
    if thread:  # a target that clashes with the stored thread's stops the run before it starts
        try:
            store.ensure_thread(thread)
        except ArgmineError:
            store.db.close()
            raise
    run_id = store.start_run(analyzer.pipeline_name, analyzer.model_versions)
    counts = RunCounts()
    in_flight: deque[_Chunk] = deque()
    completed = False
    try:
        for batch in reader.batches(specs):
            counts.sources += 1
            for warning in batch.warnings:
                report("warning", warning)
            if batch.error is None and batch.thread:
                batch = _claim_thread(store, batch)
            if batch.error is None:
                _keep_stored_spelling(store, batch)
            if batch.error is not None:
                _record_failure(store, batch, run_id, counts, report)
            else:
                refuse = partial(_not_stored, store, run_id, counts, report, batch.source)
                for chunk in _plan(store, batch, batch.thread or thread, analyzer, counts,
                                   refuse):
                    in_flight.append(chunk)
                    if len(in_flight) > analyzer.in_flight:  # the rest analyse while one is written
                        _finish(store, in_flight.popleft(), analyzer, run_id, counts, report)
            report("source", batch.source)
        while in_flight:
            _finish(store, in_flight.popleft(), analyzer, run_id, counts, report)
        completed = True
    except KeyboardInterrupt:  # what was written stays; the run says it did not finish
        counts.errors += 1
        store.record_error(run_id, "-", "interrupted: run the same command again to go on")
        raise
    finally:
        store.commit_batch()
        store.finish_run(run_id, counts, analyzer.pipeline_name, analyzer.model_versions)
        analyzer.close(abort=not completed)
        reader.close()
        store.db.close()
    return IngestResult(run_id, counts, analyzer.pipeline_name)


def _thread_id(store: Store, document: Document, doc_id: str, pending: dict[str, str]) -> str:
    """The thread of the document, its parent or a post it answers (stored, or in this
    batch's ``pending`` key -> thread map); else the default thread."""
    keys = [document.parent, *(link.target for link in document.links if link.kind == "response")]
    for key in keys:
        if key in pending:
            return pending[key]
    for candidate in (doc_id, *(store.resolve(key) for key in keys if key)):
        found = store.thread_of(candidate)
        if found:
            return found
    store.ensure_thread(DEFAULT)
    return DEFAULT.id


def _thread_contexts(store: Store, documents: list[Document]) -> list[tuple[str, str | None]]:
    """Each document's thread language and target: one query per thread, not per document."""
    by_thread = {thread: store.thread_context(thread)
                 for thread in {document.thread_id for document in documents}}
    return [by_thread[document.thread_id] for document in documents]


def _not_stored(store: Store, run_id: int, counts: RunCounts, report: Reporter, source: str,
                document: Document, reason: str) -> None:
    """Count, record and report one document of ``source`` that was not stored."""
    where = f"{source} ({document.key})"
    counts.errors += 1
    store.record_error(run_id, where, f"not stored: {reason}")
    report("error", f"{where}: not stored: {reason}")


def _keep_stored_spelling(store: Store, batch: Batch) -> None:
    """Keep the keys a local file's documents are stored under by the file's name as typed.

    Until 2026-12-04 they were keyed so, and the same file typed another way was
    stored again; now they are keyed by its absolute path (``sources.file_key``).  A
    database that holds them under the old spelling keeps them there, instead of
    getting them a second time under the new key.
    """
    typed = batch.source
    absolute = typed if is_url(typed) or not Path(typed).is_file() else file_key(typed)
    if absolute == typed:
        return
    old_keys = {rebase_key(d.key, absolute, typed) for d in batch.documents} - {
        d.key for d in batch.documents}
    if any(store.exists(stable_id(key)) for key in old_keys):
        rebase_keys(batch.documents, absolute, typed)


def _claim_thread(store: Store, batch: Batch) -> Batch:
    """The batch, or the error its manifest's thread gives (``Store.ensure_thread``)."""
    try:
        store.ensure_thread(batch.thread)
    except ArgmineError as exc:
        return replace(batch, documents=[], error=SourceError(batch.source, str(exc)))
    return batch


def _record_failure(store: Store, batch: Batch, run_id: int, counts: RunCounts,
                    report: Reporter) -> None:
    counts.errors += 1
    counts.failed_sources.append(batch.source)
    store.record_error(run_id, batch.error.source, batch.error.reason)  # "file:line" for JSONL
    report("error", str(batch.error))


@dataclass
class Analysis:
    """Documents being segmented and scored, with the thread context they were given."""

    documents: list[Document]
    languages: list[str]
    targets: list[str | None]
    _result: Callable[[], list[Scores | None]]

    def scores(self) -> list[Scores | None]:
        """Wait for the scores (segmentation is then filled in on ``documents``)."""
        return self._result()


class Analyzer:
    """The pipeline and label models of one run, applied with the stored thread context.

    Both are loaded on first use, so a re-run with nothing new loads no model at all.
    Segmentation and scoring run where the ``executor`` puts them (by default, forked
    worker processes when ``workers`` > 1) while this process, the only writer, stores
    earlier chunks; stances are decided here, in order, because a reply's stance
    depends on its parent's.
    """

    def __init__(self, pipeline: Pipeline | None, labeller: Labeller | None | bool,
                 workers: int = 1, executor: Executor | None = None) -> None:
        self._pipeline, self._labeller = pipeline, labeller
        self.executor = executor or ProcessExecutor(workers)

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = load_pipeline()
        return self._pipeline

    @property
    def labeller(self) -> Labeller | None:
        if self._labeller is True:
            self._labeller = Labeller.load()
        return self._labeller or None

    @property
    def model_versions(self) -> dict[str, str]:
        """Versions of the models loaded so far (none, if nothing needed analysis)."""
        versions = {}
        if self._pipeline is not None:
            versions["segmenter"] = self._pipeline.name.rsplit("units:", 1)[-1]
        if isinstance(self._labeller, Labeller):
            versions["labels"] = self._labeller.version
        return versions

    @property
    def pipeline_name(self) -> str | None:
        return self._pipeline.name if self._pipeline is not None else None

    @property
    def in_flight(self) -> int:
        """Chunks that may be analysed ahead of the one being written."""
        return self.executor.in_flight

    def models(self) -> Models:
        return self.pipeline, self.labeller

    def submit(self, store: Store, documents: list[Document]) -> Analysis:
        """Start segmenting and scoring ``documents`` with their threads' languages and
        targets, where the executor runs them."""
        if not documents:  # nothing to load a model for
            return Analysis([], [], [], list)
        languages, targets = map(list, zip(*_thread_contexts(store, documents)))
        result = self.executor.submit(self.models, documents, languages, targets)
        return Analysis(documents, languages, targets, result)

    def decide(self, store: Store, documents: list[Document], scores: list[Scores | None],
               targets: list[str | None]) -> None:
        """Decide stances in order; parents outside ``documents`` are read from the store."""
        def parent_stance(document: Document) -> str | None:
            return store.stance_of(store.resolve(document.parent)) if document.parent else None

        decide_stances(documents, scores, self.labeller, targets, parent_stance)

    def __call__(self, store: Store, documents: list[Document]) -> None:
        """Analyse ``documents`` (in order) with their threads' languages and targets."""
        analysis = self.submit(store, documents)
        self.decide(store, documents, analysis.scores(), analysis.targets)

    def close(self, abort: bool = False) -> None:
        self.executor.close(abort)


@dataclass
class _Chunk:
    """Up to CHUNK documents of one source, analysed while the chunk before is written."""

    source: str
    thread: Thread | None
    documents: list[Document]  # in source order; references (no text) are not analysed
    analysis: Analysis


def _plan(store: Store, batch: Batch, thread: Thread | None, analyzer: Analyzer,
          counts: RunCounts, refuse: Callable[[Document, str], None]) -> Iterator[_Chunk]:
    """Skip what is stored unchanged and start analysing the rest, chunk by chunk.

    Threads found here are provisional, because the chunk before may not be
    written yet; ``_finish`` settles ids and threads before anything is stored.
    A document stored with text in another thread than ``thread`` is refused, not
    moved: two files whose records shared an ``id`` made the second overwrite the
    first's post and carry it off to its own thread.
    """
    todo: list[Document] = []
    threads: dict[str, str] = {}
    for document in batch.documents:
        doc_id = store.document_id(document)
        elsewhere = store.text_thread(doc_id) if thread and not document.is_placeholder else None
        if elsewhere not in (None, thread.id if thread else None):
            refuse(document, f"a document with this key is in thread {elsewhere!r}, not "
                             f"{thread.id!r}; give it its own id or url")
            continue
        _assign_thread(store, document, doc_id, thread, threads)
        if not document.is_placeholder and store.is_unchanged(doc_id, document):
            counts.count("unchanged")
        else:
            todo.append(document)
    for start in range(0, len(todo), CHUNK):
        documents = todo[start:start + CHUNK]
        texts = [d for d in documents if not d.is_placeholder]
        yield _Chunk(batch.source, thread, documents, analyzer.submit(store, texts))


def _assign_thread(store: Store, document: Document, doc_id: str, thread: Thread | None,
                   threads: dict[str, str]) -> None:
    document.thread_id = thread.id if thread else _thread_id(store, document, doc_id, threads)
    threads[document.key] = document.thread_id


def _finish(store: Store, chunk: _Chunk, analyzer: Analyzer, run_id: int, counts: RunCounts,
            report: Reporter) -> None:
    """Settle ids and threads now that every earlier chunk is stored; decide; write."""
    pending = _settle(store, chunk, counts)
    texts = [d for d, _ in pending if not d.is_placeholder]
    if texts:
        contexts = _thread_contexts(store, texts)
        scores = _scores(store, chunk.analysis, texts, contexts, analyzer)
        analyzer.decide(store, texts, scores, [target for _, target in contexts])
    _write(store, chunk.source, pending, run_id, counts, report)


def _settle(store: Store, chunk: _Chunk, counts: RunCounts) -> list[tuple[Document, str]]:
    """The chunk's documents with their final ids and threads, less any that the chunk
    before stored with the same content (the same document came twice in a row)."""
    pending: list[tuple[Document, str]] = []
    threads: dict[str, str] = {}
    for document in chunk.documents:
        doc_id = store.document_id(document)
        _assign_thread(store, document, doc_id, chunk.thread, threads)
        if not document.is_placeholder and store.is_unchanged(doc_id, document):
            counts.count("unchanged")
        else:
            pending.append((document, doc_id))
    return pending


def _scores(store: Store, analysis: Analysis, texts: list[Document],
            contexts: list[tuple[str, str | None]], analyzer: Analyzer) -> list[Scores | None]:
    """The scores of ``texts``; a document that joined another thread than planned
    (``contexts``: its thread's language and target now) is analysed again."""
    scores = dict(zip(map(id, analysis.documents), analysis.scores()))
    planned = {id(d): (language, target) for d, language, target
               in zip(analysis.documents, analysis.languages, analysis.targets)}
    moved = [d for d, context in zip(texts, contexts) if planned[id(d)] != context]
    if moved:
        scores.update(zip(map(id, moved), analyzer.submit(store, moved).scores()))
    return [scores[id(d)] for d in texts]


def _write(store: Store, source: str, pending: list[tuple[Document, str]], run_id: int,
           counts: RunCounts, report: Reporter, verb: str | None = None) -> None:
    """Store ``pending`` in the current batch transaction; count and report each."""
    store.begin_batch()
    for (document, _), outcome in zip(pending, store.write_many(pending)):
        if isinstance(outcome, sqlite3.Error):  # rolled back alone: nothing half-written
            _not_stored(store, run_id, counts, report, source, document, str(outcome))
            continue
        counts.count(outcome)
        report("document", f"{verb or outcome}: {document.kind} {document.title or document.key}")
    store.commit_batch(documents=COMMIT_DOCUMENTS, seconds=COMMIT_SECONDS)


def reanalyze(db_path: str | Path, *, pipeline: Pipeline | None = None,
              labeller: Labeller | None | bool = True, everything: bool = False,
              switch: bool = False, report: Reporter | None = None) -> IngestResult:
    """Re-segment and relabel stored documents whose labels an older model made.

    "Older" means another version of the stance model now labelling: a database
    a user labelled with ``fast`` is not relabelled by the default encoder model
    behind their back.  ``switch`` relabels what any other model labelled too;
    ``everything``, every document with text.  Parents come before their
    replies (date order), so a reply sees its parent's new stance.
    """
    analyzer = Analyzer(pipeline or load_pipeline(), labeller)
    report = report or (lambda event, message: None)
    store = Store(connect(db_path))
    run_id = store.start_run(analyzer.pipeline_name, analyzer.model_versions)
    counts = RunCounts()
    current = analyzer.labeller.version if analyzer.labeller else None
    try:
        chunk: list[Document] = []
        kind = analyzer.labeller.stance_model if analyzer.labeller else None
        for document in store.stored_documents(None if everything else current):
            if (kind and not (everything or switch) and document.model_version
                    and stance_model_of(document.model_version) != kind):
                continue  # another stance model's labels, not an older version of this one
            chunk.append(document)
            if len(chunk) >= CHUNK:
                _relabel(store, chunk, analyzer, run_id, counts, report)
                chunk = []
        _relabel(store, chunk, analyzer, run_id, counts, report)
    finally:
        store.commit_batch()
        store.finish_run(run_id, counts, analyzer.pipeline_name, analyzer.model_versions)
        store.db.close()
    return IngestResult(run_id, counts, analyzer.pipeline_name)


def _relabel(store: Store, documents: list[Document], analyzer: Analyzer, run_id: int,
             counts: RunCounts, report: Reporter) -> None:
    if documents:
        analyzer(store, documents)
        _write(store, "re-analysis", [(d, store.document_id(d)) for d in documents], run_id,
               counts, report, verb="relabelled")
