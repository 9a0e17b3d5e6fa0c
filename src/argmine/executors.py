"""Where the analysis stage (segment, score) runs: in this process, forked processes or Dask.

Ingest stays one loop whichever executor runs the analysis: it plans chunks of
documents, hands each to ``Executor.submit`` and later asks the returned
``Pending`` for the chunk's scores, then decides stances and writes in source
order in this process, the only writer.  An executor only decides where
``segment_and_score`` runs and how many chunks may be analysed ahead of the
writer (``in_flight``); it never sees the database.
"""

from __future__ import annotations

import gc
import multiprocessing
import signal
from collections.abc import Callable, Sequence
from typing import Protocol, TypeVar

from argmine.analyze import segment_and_score
from argmine.classify.labeller import Labeller
from argmine.classify.stance import Scores
from argmine.errors import ArgmineError
from argmine.nlp.language import preload as preload_language_model
from argmine.nlp.pipeline import Pipeline
from argmine.records import Document, Unit

#: The models of a run: the spaCy pipeline and the label models (None: no labels).
Models = tuple[Pipeline, Labeller | None]
#: Waits for a submitted chunk, fills in its documents' ``lang`` and ``units``, and
#: returns one ``Scores`` (or None: not German, or no target) per document.
Pending = Callable[[], list[Scores | None]]
#: What a document's analysis adds to it, as shipped back from another process: its
#: language and its units' (start, end) offsets.  A unit's text is a slice of the document's
#: text, which the caller holds: pickling Unit objects with their texts cost the worker
#: and the writer together about five times as much (issue 11).
Segmentation = tuple[str | None, list[tuple[int, int]]]
#: A worker's share of a chunk: the documents' texts, their threads' languages and targets.
#: Only the text is analysed; pickling whole Documents cost the writer five times as much.
Part = tuple[list[str], list[str], list[str | None]]
EXECUTORS = ("processes", "dask")
T = TypeVar("T")


class Executor(Protocol):
    """Runs ``segment_and_score`` on chunks of documents somewhere."""

    #: Chunks that may be submitted and not yet written. More keeps more workers busy;
    #: each waiting chunk holds its documents in memory.
    in_flight: int

    def submit(self, models: Callable[[], Models], documents: list[Document],
               languages: list[str], targets: list[str | None]) -> Pending:
        """Start analysing ``documents``; ``models`` loads this process's models on demand."""

    def close(self, abort: bool = False) -> None:
        """Release workers; called once, when the run ends (``abort``: it ended early, on
        an error or an interrupt, and work still in flight is not waited for)."""


def segmentations(documents: Sequence[Document]) -> list[Segmentation]:
    """What another process must send back so that the caller's documents look analysed
    (units as segmentation leaves them: offsets and text, no labels yet)."""
    return [(document.lang, [(unit.start, unit.end) for unit in document.units])
            for document in documents]


def adopt(documents: Sequence[Document], found: Sequence[Segmentation]) -> None:
    """Copy languages and units computed elsewhere onto the caller's own documents (the
    writer holds these objects, not the copies a worker received)."""
    for document, (lang, spans) in zip(documents, found, strict=True):
        text = document.text or ""
        document.lang = lang
        document.units = [Unit(start=start, end=end, text=text[start:end])
                          for start, end in spans]


#: The models a forked worker process uses (set in the parent just before the pool forks).
_WORKER_MODELS: Models | None = None
MIN_PER_WORKER = 16  # below this many documents per worker, one process is faster
#: A chunk is split across the workers only when each part gets this many documents; a
#: smaller one goes to one worker whole, and the next chunk to the next worker.  Every call
#: of the label models has a fixed cost (input checks, sparse stacking, small arrays):
#: scoring the bench archive in parts of 25 documents cost a quarter more than in chunks
#: of 128 (issue 11), and a source of 50 documents was split in two such parts.
SPLIT_PER_WORKER = 64
#: The cyclic collector's first threshold while a pool runs (Python's default: 700).  A
#: collection starts whenever tracked objects outnumber those freed by this many, and
#: analysing or writing a chunk builds lists of thousands of objects that refcounting
#: frees anyway: each worker ran over a thousand young collections per 10,000 documents.
YOUNG_COLLECTION_THRESHOLD = 10_000


def _score_part(part: Part) -> tuple[list[Segmentation], list[Scores | None]]:
    """Worker process: segment and score a slice of a chunk (see ``segment_and_score``)."""
    texts, languages, targets = part
    documents = [Document(key="", text=text, source="") for text in texts]
    pipeline, labeller = _WORKER_MODELS
    scores = segment_and_score(documents, pipeline, languages, labeller, targets)
    return segmentations(documents), scores


def _ignore_interrupts() -> None:
    """Worker process: Ctrl-C reaches the whole process group, and the parent, which
    stores what is done and then stops the workers, is the one to act on it (each worker
    printed a traceback of its own)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def split(documents: list[T], languages: list[str], targets: list[str | None],
          workers: int) -> list[tuple[list[T], list[str], list[str | None]]]:
    """A chunk in ``workers`` parts when each gets ``SPLIT_PER_WORKER`` documents, else whole."""
    count = workers if len(documents) >= workers * SPLIT_PER_WORKER else 1
    size = -(-len(documents) // count)
    return [(documents[i:i + size], languages[i:i + size], targets[i:i + size])
            for i in range(0, len(documents), size)]


class ProcessExecutor:
    """The default: a small chunk is analysed in this process; with ``workers`` > 1 a
    bigger one by a forked worker process, or split across them (``split``).

    Forking shares the parent's loaded models with every worker at no cost.  As many
    chunks as there are workers are kept in flight, so that each has one while the writer
    stores the last.
    """

    def __init__(self, workers: int = 1) -> None:
        self.workers = max(1, workers)
        self.in_flight = self.workers
        self._pool = None
        self._thresholds: tuple[int, int, int] | None = None  # the collector's, before the pool

    def submit(self, models: Callable[[], Models], documents: list[Document],
               languages: list[str], targets: list[str | None]) -> Pending:
        if self.workers > 1 and len(documents) >= 2 * MIN_PER_WORKER:
            return self._in_workers(models, documents, languages, targets)

        def result() -> list[Scores | None]:
            pipeline, labeller = models()
            return segment_and_score(documents, pipeline, languages, labeller, targets)
        return result

    def _in_workers(self, models: Callable[[], Models], documents: list[Document],
                    languages: list[str], targets: list[str | None]) -> Pending:
        if self._pool is None:
            self._start_pool(models)
        texts = [document.text for document in documents]
        pending = self._pool.map_async(_score_part,
                                       split(texts, languages, targets, self.workers))

        def result() -> list[Scores | None]:
            found, scores = [], []
            for part_found, part_scores in pending.get():
                found.extend(part_found)
                scores.extend(part_scores)
            adopt(documents, found)
            return scores
        return result

    def _start_pool(self, models: Callable[[], Models]) -> None:
        """Load the models here once, then fork the workers that share them.

        ``gc.freeze`` first moves everything loaded so far (models, lexicons, the
        language model: some 150,000 objects) out of the cyclic collector's reach.
        Every full collection in every process walked all of them again, about 0.1 s
        each, and touching their headers copied shared pages into each worker.
        They live until the run ends anyway; ``close`` gives them back to the collector
        and restores its threshold (``YOUNG_COLLECTION_THRESHOLD``).
        """
        global _WORKER_MODELS
        _WORKER_MODELS = models()  # loaded once, shared by fork
        preload_language_model()  # likewise, instead of once per worker
        gc.freeze()
        self._thresholds = gc.get_threshold()
        gc.set_threshold(YOUNG_COLLECTION_THRESHOLD, *self._thresholds[1:])  # inherited
        self._pool = multiprocessing.get_context("fork").Pool(self.workers, _ignore_interrupts)

    def close(self, abort: bool = False) -> None:
        if self._pool is not None:
            # after an interrupt of this process alone (kill -INT, a supervisor), close()
            # would wait for the workers' queued chunks and join() never return
            if abort:
                self._pool.terminate()
            else:
                self._pool.close()
            self._pool.join()
            self._pool = None
            gc.unfreeze()
            if self._thresholds:
                gc.set_threshold(*self._thresholds)


def make_executor(name: str = "processes", *, workers: int = 1, scheduler: str | None = None,
                  spacy_model: str | None = None) -> Executor:
    """The executor the CLI's ``--executor``, ``--workers`` and ``--scheduler`` ask for.

    ``spacy_model`` is what Dask workers load (None: the same default as here); forked
    processes need no name, they inherit the parent's models.
    """
    if name == "processes":
        if scheduler:
            raise ArgmineError("--scheduler needs --executor dask")
        return ProcessExecutor(workers)
    if name == "dask":
        from argmine.dask_executor import DaskExecutor

        return DaskExecutor(scheduler, workers=workers, spacy_model=spacy_model)
    raise ArgmineError(f"unknown executor {name!r}; choose one of {', '.join(EXECUTORS)}")
