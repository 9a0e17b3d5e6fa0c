"""Held-out evaluation of the learned stance model on b2b-synthetic.

``synthetic_cv``         5-fold cross-validation with folds by thread (a reply never
                         sits in another fold than the post it answers): every stage
                         refitted on the training folds; test documents read in
                         thread order, each reply after its parent's *predicted* stance,
                         as ingest reads them;
``synthetic_cv_alone``   the same folds, every test sentence read as a one-sentence
                         document without parent (``argmine analyze --lines`` on
                         sentences);
``extra_cv``, ...        the same three read on the ``--extra-training`` documents only
                         (your own annotated real text): the same folds, so they are
                         scored by models trained on the rest of the data, theirs
                         included; a development set of real text that no evaluation
                         set pays for;
``synthetic_heldout``    the threads ``heldout`` sets aside (one in ten, by a hash of
                         the thread id), scored by a model trained on the rest: what
                         ``make test``'s quality gate re-checks against models/metrics.json.

Synthetic text is cleaner than real text: these numbers are upper bounds for the
real-text ones (models/README.md).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from sklearn.model_selection import GroupKFold

from argmine.classify import stance_model
from argmine.classify.stance_model import CLASSES, StanceModel, TrainingDocument
from argmine.evaluate.metrics import classification_report

POLAR = ("PRO", "CONTRA")


def heldout(group: str) -> bool:
    """One thread in ten, fixed by a hash of its id, is kept out of the shipped model."""
    return int(hashlib.sha1(group.encode()).hexdigest(), 16) % 10 == 0


def predict(model: StanceModel, documents: Sequence[TrainingDocument],
            parents: Sequence[int | None]) -> tuple[list[str], list[str]]:
    """Unit and document stances, documents in order; ``parents[i]`` is the index of
    document i's parent (an earlier document) or None.  A reply reads its parent's
    predicted stance, not the gold one, as ingest does."""
    units, stances = [], []
    for document, parent in zip(documents, parents):
        parent_stance = stances[parent] if parent is not None else None
        doc, in_context = model.in_context(
            model.unit_probabilities(document.matrix),
            model.central_probabilities(document.matrix),
            stance_model.parent_features(parent_stance, document.agreement))
        units += [CLASSES[int(p.argmax())] for p in in_context]
        stances.append(CLASSES[int(doc.argmax())])
    return units, stances


def alone(model: StanceModel, documents: Sequence[TrainingDocument]) -> list[str]:
    """Each unit as a document of its own, without parent."""
    no_parent = stance_model.parent_features(None, 0)
    probabilities = model.unit_probabilities(
        stance_model.standalone(stance_model.stack([d.matrix for d in documents])))
    return [CLASSES[int(model.in_context(p[None, :], np.ones(1), no_parent)[1][0].argmax())]
            for p in probabilities]


def _scores(gold: Sequence[str], predicted: Sequence[str], protocol: str) -> dict:
    report = classification_report(gold, predicted, list(CLASSES))
    majority = max(set(gold), key=list(gold).count)
    report["baseline_macro_f1"] = classification_report(
        gold, [majority] * len(gold), list(CLASSES))["macro_f1"]
    report["protocol"] = protocol
    polar = [(g, p) for g, p in zip(gold, predicted) if g in POLAR and p in POLAR]
    report["polar_swaps"] = round(sum(g != p for g, p in polar) / max(len(polar), 1), 3)
    return report


def evaluate_synthetic(documents: Sequence[TrainingDocument], parents: Sequence[int | None],
                       folds: int = 5, extra: Sequence[bool] = ()) -> dict[str, dict]:
    """``synthetic_cv``, ``synthetic_cv_alone`` and ``synthetic_cv_documents``; and, when
    ``extra`` marks any document as an ``--extra-training`` one, ``extra_cv``,
    ``extra_cv_alone`` and ``extra_cv_documents`` from the same predictions."""
    groups = [d.group for d in documents]
    units: dict[int, list[str]] = {}
    single: dict[int, list[str]] = {}
    stances: dict[int, str] = {}
    for train, test in GroupKFold(folds).split(groups, groups, groups):
        model = stance_model.fit([documents[i] for i in train])
        test = sorted(test)
        index = {i: k for k, i in enumerate(test)}
        found, found_stances = predict(model, [documents[i] for i in test],
                                       [index.get(parents[i]) for i in test])
        labels = alone(model, [documents[i] for i in test])
        position = 0
        for k, i in enumerate(test):
            n = len(documents[i].labels)
            units[i], single[i] = found[position:position + n], labels[position:position + n]
            stances[i] = found_stances[k]
            position += n

    def entries(prefix: str, order: Sequence[int], what: str) -> dict[str, dict]:
        gold = [label for i in order for label in documents[i].labels]
        protocol = (f"{what}, {len(gold)} sentences of {len(order)} documents, {folds}-fold "
                    "cross-validation with folds by thread")
        return {
            prefix: _scores(gold, [u for i in order for u in units[i]],
                            protocol + ", read in document and thread"),
            f"{prefix}_alone": _scores(gold, [u for i in order for u in single[i]],
                                       protocol + ", each sentence alone"),
            f"{prefix}_documents": _scores([documents[i].stance for i in order],
                                           [stances[i] for i in order],
                                           protocol + ", document stance (MIXED as NEUTRAL)"),
        }

    result = entries("synthetic_cv", range(len(documents)), "synthetic training documents")
    mine = [i for i, is_extra in enumerate(extra) if is_extra]
    if mine:
        result |= entries("extra_cv", mine, "the --extra-training documents only (trained "
                          "with all the others)")
    return result


def evaluate_heldout(model: StanceModel, documents: Sequence[TrainingDocument],
                     parents: Sequence[int | None]) -> dict:
    """``synthetic_heldout``: the held-out threads, which ``model`` never saw."""
    units, _ = predict(model, documents, parents)
    gold = [label for d in documents for label in d.labels]
    return _scores(gold, units, "synthetic training documents, held-out threads (one in ten "
                                f"by hash), {len(gold)} sentences, read in document and thread")

