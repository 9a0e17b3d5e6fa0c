"""The default executor: forked workers share what the parent loaded before the fork."""

from __future__ import annotations

import gc

from argmine.executors import (
    SPLIT_PER_WORKER,
    YOUNG_COLLECTION_THRESHOLD,
    ProcessExecutor,
    split,
)
from argmine.nlp import language
from argmine.records import Document


def _language_model_loads() -> int:
    """In a worker: how often this process (or its parent before the fork) loaded the model."""
    return language._identifier.cache_info().misses


def test_workers_share_the_language_model_loaded_before_they_fork(pipeline):
    language._identifier.cache_clear()
    documents = [Document(key=f"https://x.example.org/{n}", source="test",
                          text="Das ist ein deutscher Satz über Kunden und Blogs.")
                 for n in range(40)]  # enough to go to a worker
    executor = ProcessExecutor(2)
    try:
        executor.submit(lambda: (pipeline, None), documents, ["de"] * 40, [None] * 40)()
        loaded_in_workers = executor._pool.apply(_language_model_loads)
    finally:
        executor.close()
    assert language._identifier.cache_info().currsize == 1  # loaded here, before the fork
    assert loaded_in_workers == 1  # the parent's load, inherited; no worker loaded its own
    assert {d.lang for d in documents} == {"de"} and all(d.units for d in documents)


def test_until_close_the_collector_skips_the_models_and_collects_young_objects_rarely(pipeline):
    gc.unfreeze()
    before = gc.get_threshold()
    documents = [Document(key=f"https://x.example.org/{n}", source="test",
                          text="Das ist ein deutscher Satz über Kunden und Blogs.")
                 for n in range(40)]
    executor = ProcessExecutor(2)
    try:
        executor.submit(lambda: (pipeline, None), documents, ["de"] * 40, [None] * 40)()
        frozen_here = gc.get_freeze_count()
        frozen_in_worker = executor._pool.apply(gc.get_freeze_count)
        threshold_in_worker = executor._pool.apply(gc.get_threshold)
    finally:
        executor.close()
    assert frozen_here > 10_000  # the pipeline's objects, at least
    assert frozen_in_worker >= frozen_here  # inherited by the fork: a full collection skips them
    assert gc.get_freeze_count() == 0  # collectable again once the workers are gone
    assert threshold_in_worker[0] == YOUNG_COLLECTION_THRESHOLD
    assert gc.get_threshold() == before  # and the collector's thresholds as they were


def test_a_chunk_is_split_only_when_every_worker_gets_a_full_part():
    def parts(size: int, workers: int = 2) -> list[int]:
        documents = [Document(key=f"k{n}", source="test", text="Text.") for n in range(size)]
        found = split(documents, ["de"] * size, [None] * size, workers)
        assert [d for part, _, _ in found for d in part] == documents  # order kept
        return [len(part) for part, _, _ in found]

    assert parts(50) == [50]  # a 50-document source goes to one worker whole
    assert parts(2 * SPLIT_PER_WORKER - 1) == [2 * SPLIT_PER_WORKER - 1]
    assert parts(128) == [64, 64]
    assert parts(129, workers=2) == [65, 64]
    assert parts(200, workers=3) == [67, 67, 66]
    assert ProcessExecutor(2).in_flight == 2 and ProcessExecutor(1).in_flight == 1


def _sigint_disposition() -> object:
    import signal
    return signal.getsignal(signal.SIGINT)


def test_workers_leave_ctrl_c_to_the_parent_and_an_abort_does_not_wait_for_them(pipeline):
    import signal
    import time

    documents = [Document(key=f"https://x.example.org/{n}", source="test",
                          text="Das ist ein deutscher Satz über Kunden und Blogs.")
                 for n in range(40)]
    executor = ProcessExecutor(2)
    executor.submit(lambda: (pipeline, None), documents, ["de"] * 40, [None] * 40)()
    assert executor._pool.apply(_sigint_disposition) == signal.SIG_IGN
    executor._pool.apply_async(time.sleep, (60,))  # work in flight that close() would await
    started = time.monotonic()
    executor.close(abort=True)
    assert time.monotonic() - started < 10
