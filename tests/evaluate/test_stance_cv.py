"""The learned stance model's cross-validation protocols, on invented separable data."""

import numpy as np

from argmine.evaluate.stance_cv import evaluate_heldout, evaluate_synthetic, heldout
from argmine.classify import stance_model
from tests.classify.test_stance_model import _document


def _thread(rng, i, stance):
    post = _document(stance, f"t{i}", rng)
    reply = _document(stance, f"t{i}", rng, n=2, parent=stance, agreement=1)
    return [post, reply]


def _threads(seed):
    """24 invented threads (a post and a reply each) and each document's parent index."""
    rng = np.random.default_rng(seed)
    documents, parents = [], []
    for i, stance in enumerate(["PRO", "CONTRA", "NEUTRAL"] * 8):
        documents += _thread(rng, i, stance)
        parents += [None, len(documents) - 2]
    return documents, parents


def test_synthetic_protocols_score_units_alone_in_context_and_documents():
    documents, parents = _threads(3)
    result = evaluate_synthetic(documents, parents)
    assert set(result) == {"synthetic_cv", "synthetic_cv_alone", "synthetic_cv_documents"}
    assert result["synthetic_cv"]["n"] == sum(len(d.labels) for d in documents)
    assert result["synthetic_cv_documents"]["n"] == len(documents)
    for entry in result.values():
        assert entry["macro_f1"] > 0.9 > entry["baseline_macro_f1"]
        assert entry["polar_swaps"] < 0.05
    model = stance_model.fit(documents, version="test")
    assert evaluate_heldout(model, documents[:2], [None, 0])["n"] == 6


def test_extra_training_documents_are_also_scored_on_their_own():
    documents, parents = _threads(5)
    extra = [i >= 36 for i in range(len(documents))]  # the last six threads
    result = evaluate_synthetic(documents, parents, extra=extra)
    assert {"extra_cv", "extra_cv_alone", "extra_cv_documents"} <= set(result)
    mine = [d for d, is_extra in zip(documents, extra) if is_extra]
    assert result["extra_cv"]["n"] == sum(len(d.labels) for d in mine)
    assert result["extra_cv_documents"]["n"] == len(mine) == 12
    assert result["synthetic_cv"]["n"] == sum(len(d.labels) for d in documents)
    assert "--extra-training documents only" in result["extra_cv"]["protocol"]


def test_one_thread_in_ten_is_held_out_and_always_the_same():
    threads = [f"thread-{i}" for i in range(2000)]
    held = [t for t in threads if heldout(t)]
    assert 150 < len(held) < 250
    assert held == [t for t in threads if heldout(t)]
