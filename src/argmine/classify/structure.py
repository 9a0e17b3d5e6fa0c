"""Argument structure per unit: role (proponent or opponent voice) and the central claim.

Both are logistic regressions over ``features.unit_features``, trained on the
microtexts' ADUs.  A document's central claim is its unit most likely to be
central; its role model says whether a unit speaks in the author's own voice
("pro") or in an opposing voice the author concedes or rebuts ("opp").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline

from argmine.classify.features import unit_features


def structure_pipeline() -> Pipeline:
    return Pipeline([("features", DictVectorizer()),
                     ("classifier", LogisticRegression(C=1.0, max_iter=3000,
                                                       class_weight="balanced"))])


def document_features(units: Sequence[str], target: str | None) -> list[dict[str, float]]:
    return [unit_features(units, i, target) for i in range(len(units))]


def fit(features: Sequence[dict], labels: Sequence[str]) -> Pipeline:
    model = structure_pipeline()
    model.fit(list(features), list(labels))
    return model


def probability(model: Pipeline, features: Sequence[dict], label: str) -> np.ndarray:
    """P(label) per unit."""
    if not features:
        return np.zeros(0)
    column = list(model.classes_).index(label)
    return model.predict_proba(list(features))[:, column]


def central_index(model: Pipeline, features: Sequence[dict]) -> int | None:
    """The unit most likely to be the document's central claim."""
    scores = probability(model, features, "True")
    return int(scores.argmax()) if len(scores) else None
