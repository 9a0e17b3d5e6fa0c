"""Segmentation evaluated on the microtexts: gold unit boundaries are the EDU starts.

Three segmenters are scored in one run on the same sentence splitting:

* ``baseline``: sentences only;
* ``rules``: sentences plus the connective rules (``boundaries.RuleScorer``);
* ``model``: sentences plus the learned boundary model, cross-validated with
  folds by text, its threshold chosen inside each training fold, so no text
  is scored by a model that saw it.

Boundary scores count internal boundaries only (a text's start is not one);
exact-unit scores count units whose start and end both match an EDU.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from argmine.evaluate.metrics import set_prf
from argmine.evaluate.microtexts import MicroText
from argmine.nlp.boundaries import Candidate, RuleScorer
from argmine.nlp.pipeline import fallback_pipeline
from argmine.nlp.training import (
    boundary_examples,
    cross_validated_boundaries,
    predicted_boundaries,
)


def units_from_boundaries(text: str, boundaries: set[int]) -> set[tuple[int, int]]:
    """Spans between consecutive boundaries, without surrounding whitespace."""
    edges = sorted({0, *boundaries, len(text)})
    units = set()
    for start, end in zip(edges, edges[1:]):
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            left = start + len(piece) - len(piece.lstrip())
            units.add((left, left + len(stripped)))
    return units


def _scores(texts: Sequence[MicroText], predicted: dict[int, set[int]]) -> dict:
    boundaries = set_prf([predicted[i] for i in range(len(texts))],
                         [t.boundaries for t in texts])
    units = set_prf([units_from_boundaries(t.text, predicted[i]) for i, t in enumerate(texts)],
                    [set(t.edus) for t in texts])
    return {"boundary": boundaries, "exact_unit": units}


def evaluate_segmentation(texts: Sequence[MicroText], folds: int = 10) -> dict:
    """Scores of the baseline, the rules and the cross-validated model, plus a flat summary."""
    nlp = fallback_pipeline(None)
    examples = boundary_examples(texts, nlp)
    rows = np.arange(len(examples.labels))
    rule = RuleScorer()
    rule_scores = np.array([rule.score(Candidate(0, f)) for f in examples.features])
    baseline = {i: set(starts) for i, starts in enumerate(examples.sentence_starts)}
    rules = {**baseline, **predicted_boundaries(examples, rows, rule_scores, rule.threshold)}
    model = cross_validated_boundaries(texts, examples, folds)
    results = {name: _scores(texts, predicted)
               for name, predicted in (("baseline", baseline), ("rules", rules), ("model", model))}
    m, b = results["model"], results["baseline"]
    return {
        "protocol": f"arg-microtexts (German), {len(texts)} texts, {sum(len(t.boundaries) for t in texts)} "
                    f"internal gold boundaries; model: {folds}-fold cross-validation by text, "
                    "threshold chosen by an inner 5-fold cross-validation",
        "boundary_precision": m["boundary"]["precision"],
        "boundary_recall": m["boundary"]["recall"],
        "boundary_f1": m["boundary"]["f1"],
        "exact_unit_f1": m["exact_unit"]["f1"],
        "baseline_boundary_f1": b["boundary"]["f1"],
        "baseline_exact_unit_f1": b["exact_unit"]["f1"],
        "rules_boundary_f1": results["rules"]["boundary"]["f1"],
        "segmenters": results,
    }
