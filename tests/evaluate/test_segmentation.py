"""Segmentation evaluation on a few microtexts (skipped when the corpus is absent)."""

import pytest

from argmine.evaluate.microtexts import DEFAULT_DIR, load_corpus
from argmine.evaluate.segmentation import evaluate_segmentation, units_from_boundaries

pytestmark = pytest.mark.skipif(
    not (DEFAULT_DIR / "corpus" / "de").is_dir(),
    reason="../shared/data/arg-microtexts is not available")


@pytest.fixture(scope="module")
def texts():
    return load_corpus()


def test_corpus_loads_with_offsets_roles_and_one_central_claim(texts):
    assert len(texts) == 112
    first = texts[0]
    assert first.id == "micro_b001" and first.topic == "waste_separation" and first.stance == "pro"
    assert all(first.text[s:e].strip() for s, e in first.edus)
    assert [a.role for a in first.adus] == ["opp", "opp", "pro", "pro", "pro"]
    assert all(sum(a.central for a in t.adus) == 1 for t in texts)


def test_gold_boundaries_rebuild_the_edus(texts):
    for text in texts[:20]:
        assert units_from_boundaries(text.text, text.boundaries) == set(text.edus)


def test_evaluation_on_a_few_texts_reports_model_rules_and_baseline(texts):
    result = evaluate_segmentation(texts[:9], folds=3)
    for key in ("boundary_precision", "boundary_recall", "boundary_f1", "exact_unit_f1",
                "baseline_boundary_f1"):
        assert 0.0 <= result[key] <= 1.0
    baseline = result["segmenters"]["baseline"]["boundary"]
    assert baseline["precision"] > 0.9 and baseline["recall"] < 0.9  # sentences miss clause units
    assert result["boundary_f1"] > result["baseline_boundary_f1"]
