"""How much a thread's own gold helps the learned stance model: a learning curve.

For each seed, the gold *documents* are split in two halves (seeded): a pool to annotate
from and a test half.  For each size k, k pool units are added to the synthetic training
data, chosen ``random`` (seeded) or ``uncertain`` (lowest maximum probability under the
model trained without gold, read in their documents: least-confidence sampling), each
weighing ``GOLD_WEIGHT``; the model is refitted and the test half's units are labelled in
their documents, the gold units as the units (as ``evaluate_gold`` reads them).  Score:
unit stance macro-F1 over PRO, CONTRA, NEUTRAL.

Cost: the synthetic sentences and the gold units are embedded once per run (the caller
builds the ``TrainingDocument`` matrices); every refit reuses them.  A refit refits
stage 1 (units) only, warm-started from the model without gold, and keeps stages 2 and 3
(which map stage-1 probabilities to document and in-context stances) as fitted on
synthetic out-of-fold predictions: refitting those needs five more stage-1 fits per point
(out-of-fold), about five minutes each on the shared 2-core machine.  ``argmine adapt``
refits all three stages.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from argmine.classify import stance_model
from argmine.classify.stance_model import CLASSES, StanceModel, TrainingDocument
from argmine.errors import ArgmineError
from argmine.evaluate.metrics import classification_report

STRATEGIES = ("random", "uncertain")


def _in_context(model: StanceModel, document: TrainingDocument) -> np.ndarray:
    """In-context unit probabilities of a gold document read alone (no parent)."""
    parent = stance_model.parent_features(None, document.agreement)
    return model.in_context(model.unit_probabilities(document.matrix),
                            model.central_probabilities(document.matrix), parent)[1]


def score(model: StanceModel, documents: Sequence[TrainingDocument]) -> float:
    """Unit stance macro-F1 (3 classes) of ``model`` on ``documents``."""
    gold = [label for d in documents for label in d.labels]
    predicted = [CLASSES[int(p.argmax())] for d in documents for p in _in_context(model, d)]
    return classification_report(gold, predicted, list(CLASSES))["macro_f1"]


def _subset(document: TrainingDocument, rows: Sequence[int]) -> TrainingDocument:
    rows = sorted(rows)
    return TrainingDocument(document.matrix[rows], [document.labels[i] for i in rows],
                            document.stance, [document.central[i] for i in rows], None,
                            document.agreement, document.group, document.weight)


def _selected(pool: Sequence[TrainingDocument], order: Sequence[tuple[int, int]],
              k: int) -> list[TrainingDocument]:
    """The first ``k`` pool units of ``order`` as documents holding just those units."""
    chosen: dict[int, list[int]] = {}
    for d, u in order[:k]:
        chosen.setdefault(d, []).append(u)
    return [_subset(pool[d], rows) for d, rows in sorted(chosen.items())]


def orders(model: StanceModel, pool: Sequence[TrainingDocument],
           rng: np.random.Generator) -> dict[str, list[tuple[int, int]]]:
    """Pool units (document, unit) in the order each strategy would have them annotated."""
    units = [(d, u) for d, document in enumerate(pool) for u in range(len(document.labels))]
    confidence = {(d, u): float(p.max()) for d, document in enumerate(pool)
                  for u, p in enumerate(_in_context(model, document))}
    return {"random": [units[i] for i in rng.permutation(len(units))],
            "uncertain": sorted(units, key=lambda unit: confidence[unit])}


def learning_curve(synthetic: Sequence[TrainingDocument], gold: Sequence[TrainingDocument],
                   sizes: Sequence[int] = (0, 25, 50, 100), seeds: int = 3,
                   base: StanceModel | None = None,
                   strategies: Sequence[str] = STRATEGIES, report=None) -> dict:
    """Macro-F1 per strategy and size, mean and sample sd over ``seeds`` splits.

    ``base``: the model trained on ``synthetic`` without gold (fitted here if not given;
    the shipped model is one when ``synthetic`` is its training data and encoder).
    ``report``: called with a line of progress after every refit."""
    if len(gold) < 2:
        raise ArgmineError("the learning curve needs at least two gold documents")
    unknown = set(strategies) - set(STRATEGIES)
    if unknown:
        raise ArgmineError(f"unknown strategy {sorted(unknown)}; choose from {STRATEGIES}")
    report = report or (lambda line: None)
    if base is None:
        base = stance_model.fit(synthetic, version="without-gold")
    scores: dict[tuple[str, int], list[float]] = {}
    splits = []
    for seed in range(seeds):
        rng = np.random.default_rng(seed)
        shuffled = rng.permutation(len(gold))
        half = len(gold) // 2
        pool = [gold[i] for i in sorted(shuffled[:half])]
        test = [gold[i] for i in sorted(shuffled[half:])]
        splits.append({"seed": seed, "pool_documents": len(pool),
                       "pool_units": sum(len(d.labels) for d in pool),
                       "test_documents": len(test),
                       "test_units": sum(len(d.labels) for d in test)})
        without = score(base, test)
        ranked = orders(base, pool, rng)
        for strategy in strategies:
            for k in sizes:
                k_used = min(k, splits[-1]["pool_units"])
                if k_used == 0:
                    value = without
                else:
                    added = _selected(pool, ranked[strategy], k_used)
                    units = stance_model.fit_units([*synthetic, *added], start=base.units)
                    value = score(StanceModel(units, base.central, base.documents,
                                              base.context, ""), test)
                scores.setdefault((strategy, k), []).append(value)
                report(f"seed {seed} {strategy} {k}: {value:.3f}")
    rows = []
    for (strategy, k), values in scores.items():
        rows.append({"strategy": strategy, "size": k, "mean": round(float(np.mean(values)), 4),
                     "sd": round(float(np.std(values, ddof=1)) if len(values) > 1 else 0.0, 4),
                     "scores": [round(v, 4) for v in values]})
    return {"protocol": (
        f"{len(gold)} gold documents ({sum(len(d.labels) for d in gold)} units) split by "
        f"document into a pool half and a test half per seed ({seeds} seeds); k pool units "
        "added to the synthetic training data (weight "
        f"{max(d.weight for d in gold):g}); stage 1 refitted, stages 2-3 as trained on "
        "synthetic; unit stance macro-F1 (PRO, CONTRA, NEUTRAL) on the test half, units read "
        "in their documents"), "sizes": list(sizes), "seeds": seeds, "splits": splits,
        "rows": rows}
