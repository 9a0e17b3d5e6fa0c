"""The default executor: forked workers share what the parent loaded before the fork."""

from __future__ import annotations

from argmine.executors import ProcessExecutor
from argmine.nlp import language
from argmine.records import Document


def _language_model_loads() -> int:
    """In a worker: how often this process (or its parent before the fork) loaded the model."""
    return language._identifier.cache_info().misses


def test_workers_share_the_language_model_loaded_before_they_fork(pipeline):
    language._identifier.cache_clear()
    documents = [Document(key=f"https://x.example.org/{n}", source="test",
                          text="Das ist ein deutscher Satz über Kunden und Blogs.")
                 for n in range(40)]  # enough to be split across two workers
    executor = ProcessExecutor(2)
    try:
        executor.submit(lambda: (pipeline, None), documents, ["de"] * 40, [None] * 40)()
        loaded_in_workers = executor._pool.apply(_language_model_loads)
    finally:
        executor.close()
    assert language._identifier.cache_info().currsize == 1  # loaded here, before the fork
    assert loaded_in_workers == 1  # the parent's load, inherited; no worker loaded its own
    assert {d.lang for d in documents} == {"de"} and all(d.units for d in documents)
