"""Argument structure per unit: role (proponent or opponent voice) and the central claim.

Both are logistic regressions over ``features.document_features``, trained on the
microtexts' ADUs.  A document's central claim is its unit most likely to be
central; its role model says whether a unit speaks in the author's own voice
("pro") or in an opposing voice the author concedes or rebuts ("opp").
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline


def structure_pipeline() -> Pipeline:
    return Pipeline([("features", DictVectorizer()),
                     ("classifier", LogisticRegression(C=1.0, max_iter=3000,
                                                       class_weight="balanced"))])


def fit(features: Sequence[dict], labels: Sequence[str]) -> Pipeline:
    model = structure_pipeline()
    model.fit(list(features), list(labels))
    return model


def probability(model: Pipeline, features: Sequence[dict], label: str) -> np.ndarray:
    """P(label) per unit."""
    return probabilities(features, (model, label))[0]


def probabilities(features: Sequence[dict], *wanted: tuple[Pipeline, str]) -> list[np.ndarray]:
    """P(label) per unit for each (model, label); models trained on the same feature
    dicts share one vocabulary, and the dicts are then vectorised only once."""
    if not features:
        return [np.zeros(0) for _ in wanted]
    result, last_vectorizer, matrix = [], None, None
    for model, label in wanted:
        vectorizer = model.named_steps["features"]
        if last_vectorizer is None or vectorizer.vocabulary_ != last_vectorizer.vocabulary_:
            matrix, last_vectorizer = vectorise(vectorizer, features), vectorizer
        column = list(model.classes_).index(label)
        result.append(model.named_steps["classifier"].predict_proba(matrix)[:, column])
    return result


def vectorise(vectorizer: DictVectorizer, features: Sequence[dict[str, float]]) -> sp.csr_matrix:
    """``vectorizer.transform(features)`` for dicts with numeric values only, as
    ``features.document_features`` makes them: without DictVectorizer's per-value
    type checks, which made it the slowest step of scoring (issue 6)."""
    vocabulary = vectorizer.vocabulary_
    indices: list[int] = []
    values: list[float] = []
    indptr = [0]
    for row in features:
        for name, value in row.items():
            column = vocabulary.get(name)
            if column is not None:
                indices.append(column)
                values.append(value)
        indptr.append(len(indices))
    matrix = sp.csr_matrix((np.asarray(values, dtype=vectorizer.dtype),
                            np.asarray(indices, dtype=np.intc), np.asarray(indptr)),
                           shape=(len(features), len(vocabulary)))
    matrix.sort_indices()
    return matrix


def central_index(model: Pipeline, features: Sequence[dict]) -> int | None:
    """The unit most likely to be the document's central claim."""
    scores = probability(model, features, "True")
    return int(scores.argmax()) if len(scores) else None
