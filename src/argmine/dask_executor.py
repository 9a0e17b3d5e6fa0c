"""The analysis stage as Dask tasks: ``argmine ingest --executor dask [--scheduler ADDRESS]``.

Each chunk of documents becomes one task.  What travels to a worker is the
chunk (documents with their text, languages, targets); what comes back is each
document's language, units and model scores.  The models never travel: a
worker plugin loads them on the worker the first time a task needs them, from
the argmine installed there, and keeps them for every later task.  The client
checks that the workers' model versions are its own, so a cluster with other
model files cannot label a database under this client's version.

Needs the optional extra: ``pip install 'argmine[dask]'``.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass

from argmine.analyze import segment_and_score
from argmine.classify.labeller import Labeller
from argmine.classify.stance import Scores
from argmine.errors import ArgmineError
from argmine.executors import Models, Pending, Segmentation, adopt, segmentations
from argmine.nlp.pipeline import load_pipeline
from argmine.records import Document

try:
    from distributed import Client, Future, LocalCluster, WorkerPlugin, as_completed, get_worker
except ImportError as exc:  # the optional extra is not installed
    raise ArgmineError("--executor dask needs Dask: pip install 'argmine[dask]'") from exc

PLUGIN = "argmine-models"
#: (spaCy pipeline name, label model version or None) a worker analysed with.
Versions = tuple[str, str | None]
ChunkResult = tuple[Versions, list[Segmentation], list[Scores | None]]


@dataclass(frozen=True)
class ModelSpec:
    """What a worker loads: names, never the loaded models (a pickled pipeline with its
    n-gram vocabularies would be shipped with every plugin registration, and a worker
    loads the same files faster than the client could send them)."""

    spacy_model: str | None = None  # None: the same default as ``load_pipeline``
    labels: bool = True  # the shipped label models (when their file exists)

    @property
    def plugin_name(self) -> str:
        """One plugin per spec on a cluster, so runs with the same models share them."""
        return f"{PLUGIN}:{self.spacy_model or 'default'}:{'labels' if self.labels else 'none'}"

    def load(self) -> Models:
        return load_pipeline(self.spacy_model), Labeller.load() if self.labels else None


class ModelPlugin(WorkerPlugin):
    """Holds one worker's models: loaded by the first task that needs them, then reused.

    Loading happens in a task, not in ``setup``, so a worker's event loop never blocks
    for the seconds a load takes; the lock makes a second thread wait for that load
    and then take turns, because the work holds the GIL anyway.  Registering it again
    is a no-op (``idempotent``), so on a long-lived cluster the next run finds the
    models loaded; workers restarted after new model files pick those up.
    """

    idempotent = True

    def __init__(self, spec: ModelSpec) -> None:
        self.spec = spec
        self.loads = 0  # how often this worker loaded the models: once, unless torn down
        self._models: Models | None = None
        self._lock: threading.Lock | None = None

    def setup(self, worker) -> None:
        self._lock = threading.Lock()

    def analyse(self, documents: list[Document], languages: list[str],
                targets: list[str | None]) -> ChunkResult:
        with self._lock:
            if self._models is None:
                self._models = self.spec.load()
                self.loads += 1
            pipeline, labeller = self._models
            scores = segment_and_score(documents, pipeline, languages, labeller, targets)
        return versions(self._models), segmentations(documents), scores

    def teardown(self, worker) -> None:
        self._models = None


def versions(models: Models) -> Versions:
    pipeline, labeller = models
    return pipeline.name, labeller.version if labeller is not None else None


def analyse_chunk(plugin: str, documents: list[Document], languages: list[str],
                  targets: list[str | None]) -> ChunkResult:
    """The Dask task: segment and score one chunk with this worker's models."""
    return get_worker().plugins[plugin].analyse(documents, languages, targets)


class DaskExecutor:
    """Chunks as Dask tasks on the cluster at ``scheduler``, or on a ``LocalCluster`` of
    ``workers`` single-threaded processes (threads, with ``processes=False``).

    Nothing starts until the first chunk needs analysis, so a re-run with nothing
    new starts no cluster.  Results are fetched as they complete, in any order, and
    released on the cluster at once; ingest still takes them in source order,
    because a reply's stance needs its parent's and ids and threads are settled
    against what is already written.
    """

    def __init__(self, scheduler: str | None = None, *, workers: int = 2,
                 processes: bool = True, spacy_model: str | None = None,
                 labels: bool = True) -> None:
        self.scheduler, self.workers, self.processes = scheduler, max(1, workers), processes
        self.spec = ModelSpec(spacy_model, labels)
        self._cluster: LocalCluster | None = None
        self._client: Client | None = None
        self._arrivals: as_completed | None = None
        self._arrived: dict[str, ChunkResult | BaseException] = {}
        self._threads = 0

    @property
    def in_flight(self) -> int:
        """Two chunks per worker thread: one running, one queued, so no worker waits
        while the client writes."""
        return 2 * (self._threads or self.workers)

    def submit(self, models: Callable[[], Models], documents: list[Document],
               languages: list[str], targets: list[str | None]) -> Pending:
        client = self._start()
        future = client.submit(analyse_chunk, self.spec.plugin_name, documents, languages,
                               targets, pure=False)
        self._arrivals.add(future)

        def result() -> list[Scores | None]:
            found = self._wait(future.key)
            if isinstance(found, BaseException):
                raise found
            worker_versions, segmented, scores = found
            _check_versions(worker_versions, versions(models()))
            adopt(documents, segmented)
            return scores
        return result

    def _wait(self, key: str) -> ChunkResult | BaseException:
        """Collect every result that completes until ``key``'s has arrived."""
        while key not in self._arrived:
            done: Future = next(self._arrivals)
            try:
                self._arrived[done.key] = done.result()
            except Exception as exc:  # kept for the chunk it belongs to
                self._arrived[done.key] = exc
            done.release()
        return self._arrived.pop(key)

    def _start(self) -> Client:
        if self._client is None:
            if self.scheduler is None:
                self._cluster = LocalCluster(n_workers=self.workers, threads_per_worker=1,
                                             processes=self.processes, dashboard_address=None)
            try:
                self._client = Client(self.scheduler or self._cluster)
            except OSError as exc:  # unreachable or refused, after Dask's connect timeout
                raise ArgmineError(f"no Dask scheduler at {self.scheduler}: {exc}") from exc
            self._client.register_plugin(ModelPlugin(self.spec), name=self.spec.plugin_name)
            self._threads = sum(self._client.nthreads().values())
            self._arrivals = as_completed()
        return self._client

    def close(self, abort: bool = False) -> None:
        """Closing the client cancels what is still running, so ``abort`` changes nothing."""
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None


def _check_versions(worker: Versions, client: Versions) -> None:
    """Refuse results from a worker whose models differ from this process's."""
    worker_pipeline, worker_labels = worker
    client_pipeline, client_labels = client
    if worker_pipeline != client_pipeline or (client_labels and worker_labels != client_labels):
        raise ArgmineError(
            f"a Dask worker analysed with {worker_pipeline!r} / {worker_labels!r}, this process "
            f"has {client_pipeline!r} / {client_labels!r}: install the same argmine and "
            "models on the workers (and pass the same --spacy-model)")
