"""Component classifier: claim / premise / none, trained on the CIMT sentences.

Word and character n-grams (TF-IDF) plus a few layout tokens (length,
final punctuation, position in the document) feed a logistic regression.
CIMT's ``mpos`` and ``mpos+premise`` are claims, ``premise`` premises,
``non-arg`` none.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline

from argmine.classify import ngrams

LABELS = ("claim", "premise", "none")
#: CIMT's non-argumentative sentences (13%) weigh a quarter more.  Chosen by the CIMT
#: cross-validation (``cimt_argumentative`` macro-F1, 2026-11-26): "balanced" weights 0.763,
#: none 0.765, 1.25 0.769, 1.5 0.767, 2.0 0.765.  "balanced" (x2.5 for "none") also made the
#: model call most sentences of blog posts non-argumentative.
CLASS_WEIGHT = {"claim": 1.0, "premise": 1.0, "none": 1.25}


def layout_text(text: str, position: int) -> str:
    """The unit's text with layout tokens appended (``position`` counts from 1)."""
    length = len(text.split())
    size = "l1" if length < 4 else "l2" if length < 8 else "l3" if length < 16 else "l4"
    last = text.rstrip()[-1:]
    # a clause ends in a comma where a CIMT sentence ends in a full stop; only text without
    # any final punctuation (a heading, a title) is marked as such
    end = {"!": "excl", "?": "q"}.get(last, "none" if last.isalnum() else "dot")
    return f"{text} zzlen{size} zzend{end} zzpos{min(position, 3)}"


def component_pipeline() -> Pipeline:
    return Pipeline([
        ("features", FeatureUnion([
            ("words", TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            ("chars", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3,
                                      sublinear_tf=True)),
        ])),
        ("classifier", LogisticRegression(C=4.0, max_iter=3000, class_weight=CLASS_WEIGHT)),
    ])


def fit_components(texts: Sequence[str], labels: Sequence[str]) -> Pipeline:
    model = component_pipeline()
    model.fit(list(texts), list(labels))
    for _, vectorizer in model.named_steps["features"].transformer_list:
        vectorizer.stop_words_ = None  # the pruned terms: only for inspection, and large
    return model


def component_inputs(documents: Sequence[Sequence[str]]) -> list[str]:
    """What the model reads of each unit of each document: its text with layout tokens."""
    return [layout_text(text, i + 1) for units in documents for i, text in enumerate(units)]


def component_features(model: Pipeline, inputs: Sequence[str]) -> sp.csr_matrix:
    """The model's TF-IDF features of ``inputs``, with the character n-grams cached by
    word; the n-gram stance model reads the same matrix."""
    union = model.named_steps["features"]
    return sp.hstack([ngrams.transform(vectorizer, inputs)
                      for _, vectorizer in union.transformer_list], format="csr")


def predict_components_many(model: Pipeline, documents: Sequence[Sequence[str]],
                            features: sp.csr_matrix) -> list[list[tuple[str, float]]]:
    """(label, probability) for each unit of each document, in one model call on the
    units' ``component_features`` (computed once: the n-gram stance model reads them too)."""
    probabilities = model.named_steps["classifier"].predict_proba(features)
    classes = [str(c) for c in model.classes_]
    best = probabilities.argmax(axis=1)  # for all rows at once: per row, NumPy's calls cost more
    flat = list(zip([classes[i] for i in best.tolist()],
                    probabilities[np.arange(len(best)), best].tolist()))
    result, position = [], 0
    for units in documents:
        result.append(flat[position:position + len(units)])
        position += len(units)
    return result
