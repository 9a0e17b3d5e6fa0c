"""The component and stance protocols on small slices (skipped when the corpora are absent)."""

import pytest

from argmine.evaluate import cimt as cimt_module
from argmine.evaluate.microtexts import DEFAULT_DIR, load_corpus, trigger_questions
from argmine.evaluate.protocols import (
    evaluate_cimt,
    evaluate_microtext_stance,
    evaluate_structure,
)

needs_microtexts = pytest.mark.skipif(not (DEFAULT_DIR / "corpus" / "de").is_dir(),
                                      reason="../shared/data/arg-microtexts is not available")
needs_cimt = pytest.mark.skipif(not cimt_module.DEFAULT_DIR.is_dir(),
                                reason="../shared/data/cimt-argument-mining is not available")


@needs_microtexts
def test_structure_protocol_reports_role_and_central_with_baselines():
    texts = load_corpus()[:40]
    result = evaluate_structure(texts, trigger_questions(), folds=4)
    for name in ("microtexts_role", "microtexts_central"):
        report = result[name]
        assert {"macro_f1", "per_class", "confusion", "baseline_macro_f1"} <= set(report)
        assert report["macro_f1"] > report["baseline_macro_f1"]
        assert sum(map(sum, report["confusion"])) == sum(len(t.adus) for t in texts)


@needs_microtexts
def test_stance_protocol_leaves_each_topic_out():
    texts = [t for t in load_corpus() if t.topic][:30]
    report = evaluate_microtext_stance(texts, trigger_questions())
    assert report["labels"] == ["PRO", "CONTRA"]
    assert "leave-one-topic-out" in report["protocol"]
    assert 0.0 <= report["macro_f1"] <= 1.0


@needs_cimt
def test_cimt_protocol_folds_by_document():
    sentences = cimt_module.load_cimt()[:900]
    result = evaluate_cimt(sentences, folds=3)
    assert result["cimt_argumentative"]["labels"] == ["arg", "non-arg"]
    assert result["cimt_component"]["labels"] == ["claim", "premise"]
    assert result["cimt_argumentative"]["n"] == 900
