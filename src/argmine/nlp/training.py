"""Training the boundary model on the microtexts, and cross-validated predictions.

Examples are boundary candidates (``boundaries.candidates``); a candidate is
positive when a gold EDU starts at its token.  Sentence starts are always
boundaries and are not learned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from spacy.language import Language

from argmine.evaluate.microtexts import MicroText
from argmine.models import model_version
from argmine.nlp.boundaries import LinearScorer, candidates, guideline_split, sentence_ranges
from argmine.nlp.tokens import token_table

THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6)
C = 2.0


@dataclass
class Examples:
    """Candidates of a corpus, aligned arrays: features, labels, text index, char offset."""

    features: list[dict[str, float]]
    labels: np.ndarray
    groups: np.ndarray
    offsets: list[int]
    sentence_starts: list[set[int]]  # per text: char offsets of sentence starts


def boundary_examples(texts: Sequence[MicroText], nlp: Language) -> Examples:
    features, labels, groups, offsets, sentence_starts = [], [], [], [], []
    for index, text in enumerate(texts):
        doc = nlp(text.text)
        table = token_table(doc)
        sentence_starts.append({sent.start_char for sent in doc.sents} - {0})
        for start, end in sentence_ranges(doc):
            for candidate in candidates(table, start, end):
                offset = doc[candidate.index].idx
                features.append(candidate.features)
                labels.append(int(offset in text.boundaries))
                groups.append(index)
                offsets.append(offset)
    return Examples(features, np.array(labels), np.array(groups), offsets, sentence_starts)


def _fit(features: list[dict], labels: np.ndarray) -> tuple[DictVectorizer, LogisticRegression]:
    vectorizer = DictVectorizer()
    model = LogisticRegression(C=C, max_iter=5000)
    model.fit(vectorizer.fit_transform(features), labels)
    return vectorizer, model


def predicted_boundaries(examples: Examples, rows: np.ndarray, scores: np.ndarray,
                         threshold: float) -> dict[int, set[int]]:
    """Per text: sentence starts plus the candidates scoring at least ``threshold``."""
    found = {int(g): set(examples.sentence_starts[int(g)]) for g in set(examples.groups[rows])}
    for row, score in zip(rows, scores):
        if score >= threshold:
            found[int(examples.groups[row])].add(examples.offsets[row])
    return found


def _f1(texts, predicted: dict[int, set[int]]) -> float:
    tp = fp = fn = 0
    for index, boundaries in predicted.items():
        gold = texts[index].boundaries
        tp, fp, fn = tp + len(boundaries & gold), fp + len(boundaries - gold), fn + len(gold - boundaries)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _scores(examples: Examples, train: np.ndarray, test: np.ndarray) -> np.ndarray:
    """Held-out scores as the segmenter computes them: guideline junctions first, then the model."""
    vectorizer, model = _fit([examples.features[i] for i in train], examples.labels[train])
    learned = model.predict_proba(vectorizer.transform([examples.features[i] for i in test]))[:, 1]
    forced = np.array([guideline_split(examples.features[i]) for i in test], dtype=float)
    return np.maximum(learned, forced)


def choose_threshold(texts, examples: Examples, rows: np.ndarray, folds: int = 5) -> float:
    """The threshold that maximises boundary F1 in a cross-validation over ``rows`` only."""
    scores = np.zeros(len(examples.labels))
    splitter = GroupKFold(n_splits=min(folds, len(set(examples.groups[rows]))))
    for train, test in splitter.split(rows, groups=examples.groups[rows]):
        scores[rows[test]] = _scores(examples, rows[train], rows[test])
    return max(THRESHOLDS, key=lambda t: _f1(texts, predicted_boundaries(
        examples, rows, scores[rows], t)))


def cross_validated_boundaries(texts, examples: Examples, folds: int = 10) -> dict[int, set[int]]:
    """Boundaries for every text from a model that never saw it (threshold chosen inside)."""
    predicted: dict[int, set[int]] = {}
    all_rows = np.arange(len(examples.labels))
    folds = min(folds, len(set(examples.groups)))
    for train, test in GroupKFold(n_splits=folds).split(all_rows, groups=examples.groups):
        threshold = choose_threshold(texts, examples, train)
        predicted.update(predicted_boundaries(
            examples, test, _scores(examples, train, test), threshold))
    for index, starts in enumerate(examples.sentence_starts):
        predicted.setdefault(index, set(starts))  # texts without any candidate
    return predicted


def train_boundary_model(texts: Sequence[MicroText], nlp: Language) -> dict:
    """Fit on all texts; the threshold comes from a cross-validation on them."""
    examples = boundary_examples(texts, nlp)
    rows = np.arange(len(examples.labels))
    threshold = choose_threshold(texts, examples, rows)
    vectorizer, model = _fit(examples.features, examples.labels)
    return {
        "version": model_version("segmenter", vectorizer, model, float(threshold)),
        "kind": "boundary-logreg",
        "vectorizer": vectorizer, "classifier": model, "threshold": float(threshold),
        "trained_on": f"arg-microtexts (German, {len(texts)} texts, CC BY-NC-SA 4.0)",
    }


def scorer_from_payload(payload: dict) -> LinearScorer:
    """Turn a fitted model into the weight table the segmenter scores with."""
    vectorizer, model = payload["vectorizer"], payload["classifier"]
    coef = model.coef_[0]
    weights = {name: float(coef[j]) for name, j in vectorizer.vocabulary_.items() if coef[j]}
    return LinearScorer(weights, float(model.intercept_[0]), payload["threshold"],
                        payload["version"])
