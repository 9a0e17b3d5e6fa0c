"""Learned stance: what each unit says about the target, read in its document and thread.

The rules in ``stance.py`` derive a unit's stance from its author's stance; on
real text nobody tuned them on they swapped PRO and CONTRA in a third of the
polar sentences, and one wrong author stance spread to every unit.  This
model learns stance instead, from the in-domain b2b-synthetic corpus, in
small stages (logistic regressions, so that each is fast, calibrated enough
to roll up, and inspectable):

1. ``units``: a unit's sentence embedding (``encoder``), its document's mean
   embedding (what the text around it is about), the rule evidence of
   ``features.unit_evidence`` (relation to the target, the target's lexicon,
   evaluation, negation, question) and, when the model has one, the fine-tuned
   ``adapter``'s log-probabilities -> P(CONTRA, NEUTRAL, PRO);
   ``central``: the unit's own embedding, rule evidence and position ->
   P(central claim);
2. ``documents``: the units' probabilities (mean, maximum, first and last
   unit, weighted by P(central claim), and the likeliest central claim's) and
   the parent's stance with the reply's opening agreement -> the document's
   stance (guidelines, section 4: the central claim's stance; learned from
   ``doc_stance``);
3. ``context``: a unit's own probabilities, its document's, and the same
   parent features -> the unit's stance in context.

Stages 2 and 3 are trained on out-of-fold predictions of stage 1, so that
they learn how far to trust it on unseen text.

The same stages run on a second representation (``NGRAMS``, the ``ngrams``
stance model): stage 1 then reads each unit's n-gram TF-IDF, the
matrix the component model computes anyway, and the rule evidence, as sparse
rows without a document block (``ngram_rows``); no encoder is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold

from argmine.classify import encoder
from argmine.classify.adapter import Adapter, features
from argmine.classify.features import Evidence, negations, words
from argmine.errors import ArgmineError

CONTRA, NEUTRAL, PRO = "CONTRA", "NEUTRAL", "PRO"
CLASSES = (CONTRA, NEUTRAL, PRO)  # scikit-learn's sorted order: column order everywhere
SIGN = {PRO: 1.0, CONTRA: -1.0}
#: Stage-1 rows: dense for the e5 representation, sparse (CSR) for the n-gram one.
Matrix = np.ndarray | sp.csr_matrix
#: Regularisation of each stage.  Stage 1 (units) has C=1 and balanced class weights: picked
#: on a cross-validation over the training documents scored on the 407 real ones (2026-12-03,
#: stage-1 units / documents macro-F1: C=3 unbalanced 0.530 / 0.583, C=1 balanced 0.566 /
#: 0.590; best of nine variants) and shipped after a sixth blind set of real text
#: (docs/stance-evaluation.md).  C=3 unbalanced had been chosen on the synthetic
#: documents alone, 39% NEUTRAL sentences against 66% in the real ones: balanced weights stop
#: stage 1 reading the rarer polar sentences of real text as NEUTRAL.  The other stages keep
#: scikit-learn's default.
C_UNITS, C_DOCUMENTS, C_CONTEXT = 1.0, 1.0, 1.0
FOLDS = 5


def rule_features(text: str, evidence: Evidence,
                  tokens: Sequence[str] | None = None) -> list[float]:
    """The rule evidence as numbers: the learned model weighs what the rules only added up.
    ``tokens``: ``features.words(text)`` when the caller has them already."""
    return [evidence.relation > 0, evidence.relation < 0, evidence.lexical > 0,
            evidence.lexical < 0, evidence.evaluative,
            negations(words(text) if tokens is None else tokens) % 2,
            text.rstrip().endswith("?")]


def _rule_rows(texts: Sequence[str], evidence: Sequence[Evidence],
               tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray:
    """``rule_features`` of many units, one row each."""
    found = tokens if tokens is not None else [None] * len(texts)
    return np.array([rule_features(t, e, w) for t, e, w in zip(texts, evidence, found)],
                    dtype=float).reshape(-1, 7)


def document_embedding(embeddings: np.ndarray) -> np.ndarray:
    """The normalised mean of a document's unit embeddings."""
    mean = embeddings.mean(axis=0)
    return mean / max(float(np.linalg.norm(mean)), 1e-9)


def unit_matrix(texts: Sequence[str], embeddings: np.ndarray,
                evidence: Sequence[Evidence], adapted: np.ndarray | None = None,
                tokens: Sequence[Sequence[str]] | None = None) -> np.ndarray:
    """Stage-1 features of one document's units, one row per unit: embedding, document
    embedding, rule evidence, and the adapter's log-probabilities when ``adapted``."""
    width = 0 if adapted is None else adapted.shape[1]
    if not len(texts):
        return np.zeros((0, 2 * embeddings.shape[1] + 7 + width))
    context = np.repeat(document_embedding(embeddings)[None, :], len(texts), axis=0)
    blocks = [embeddings, context, _rule_rows(texts, evidence, tokens)]
    return np.hstack(blocks + ([] if adapted is None else [features(adapted)]))


def unit_matrices(documents: Sequence[Sequence[str]], evidence: Sequence[Sequence[Evidence]],
                  embeddings: np.ndarray, adapted: np.ndarray | None = None,
                  tokens: Sequence[Sequence[Sequence[str]]] | None = None
                  ) -> list[np.ndarray]:
    """``unit_matrix`` of each document, from rows computed for all units at once
    (one encoder call, one adapter call: they batch far better than per document)."""
    matrices, position = [], 0
    for i, (units, found) in enumerate(zip(documents, evidence)):
        end = position + len(units)
        matrices.append(unit_matrix(units, embeddings[position:end], found,
                                    None if adapted is None else adapted[position:end],
                                    None if tokens is None else tokens[i]))
        position = end
    return matrices


def parent_features(parent_stance: str | None, agreement: int) -> list[float]:
    """The parent's stance (+1 PRO, -1 CONTRA, 0 none or neutral), and that stance
    signed by whether the reply opens by agreeing (+1) or disagreeing (-1)."""
    sign = SIGN.get(parent_stance or "", 0.0)
    return [sign, sign * agreement, float(sign != 0 and agreement == 0)]


def position_features(n: int) -> np.ndarray:
    """Where each of ``n`` units stands: first, last, relative position, document length."""
    at = np.arange(n, dtype=float)
    return np.column_stack([at == 0, at == n - 1, at / max(n - 1, 1),
                            np.full(n, np.log(max(n, 1)))])


def central_matrix(matrix: Matrix) -> Matrix:
    """Features of the central-claim model for one document's units: the unit's own
    embedding and rule evidence (not the document's embedding, which every unit of a
    document shares), and its place; n-gram rows (sparse) hold no document block and keep
    all their columns."""
    return central_rows(matrix, [matrix.shape[0]])


def central_rows(rows: Matrix, lengths: Sequence[int]) -> Matrix:
    """``central_matrix`` of many documents' rows (stacked as ``rows``, ``lengths`` units
    each), built at once: a stack per document costs more than the model call."""
    places = np.vstack([position_features(n) for n in lengths])
    if sp.issparse(rows):
        return sp.hstack([rows, places], format="csr")
    dim = encoder.DIMENSION
    return np.hstack([rows[:, :dim], rows[:, 2 * dim:], places])


def ngram_rows(features: sp.csr_matrix, evidence: Sequence[Sequence[Evidence]],
               texts: Sequence[Sequence[str]],
               tokens: Sequence[Sequence[Sequence[str]]] | None = None) -> sp.csr_matrix:
    """Stage-1 rows of the n-gram representation for all units of ``texts`` in order:
    each unit's TF-IDF (``features``: the component model's, so that a bulk run computes
    them once) and its rule evidence."""
    flat = [t for units in texts for t in units]
    found = [e for units in evidence for e in units]
    words_ = None if tokens is None else [w for units in tokens for w in units]
    return sp.hstack([features, sp.csr_matrix(_rule_rows(flat, found, words_))], format="csr")


def ngram_matrices(features: sp.csr_matrix, evidence: Sequence[Sequence[Evidence]],
                   texts: Sequence[Sequence[str]]) -> list[sp.csr_matrix]:
    """``ngram_rows``, one matrix per document (what training reads)."""
    return split(ngram_rows(features, evidence, texts), [len(units) for units in texts])


def split(rows: Matrix, lengths: Sequence[int]) -> list[Matrix]:
    """``rows`` of many documents cut back into one matrix per document."""
    bounds = np.cumsum([0, *lengths])
    return [rows[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def stack(matrices: Sequence[Matrix]) -> Matrix:
    """Rows of many documents as one matrix (sparse when theirs are)."""
    if any(sp.issparse(m) for m in matrices):
        return sp.vstack(matrices, format="csr")
    return np.vstack(matrices)


def document_row(probabilities: np.ndarray, central: np.ndarray,
                 parent: Sequence[float]) -> np.ndarray:
    """Stage-2 features of one document from its units' stage-1 probabilities and each
    unit's probability of being the central claim."""
    if not len(probabilities):
        probabilities, central = np.full((1, 3), 1 / 3), np.ones(1)
    p = probabilities
    weights = central / central.sum() if central.sum() > 0 else np.full(len(p), 1 / len(p))
    return np.concatenate([p.mean(0), p.max(0), p[0], p[-1], weights @ p,
                           p[int(central.argmax())], [np.log(len(p))], parent])


def context_matrix(probabilities: np.ndarray, document: np.ndarray,
                   parent: Sequence[float]) -> np.ndarray:
    """Stage-3 features: each unit's probabilities next to its document's."""
    n = len(probabilities)
    return np.hstack([probabilities, np.repeat(document[None, :], n, axis=0),
                      np.repeat(np.asarray(parent, dtype=float)[None, :], n, axis=0)])


class StanceScores(NamedTuple):
    """What the model reads off one document's units before context: stage-1
    probabilities (columns ``CLASSES``) and each unit's probability of being central."""

    probabilities: np.ndarray
    central: np.ndarray


#: Stage 1's representations: frozen e5 sentence embeddings (the default ``encoder``
#: model) or n-gram TF-IDF (the ``ngrams`` model: no encoder).
E5, NGRAMS = "e5", "ngrams"


@dataclass
class StanceModel:
    """The fitted stages and the version every label they produce carries; ``adapter``
    when stage 1 reads the fine-tuned adapter's probabilities; ``representation`` what
    stage 1 reads (``E5`` or ``NGRAMS``); ``labels``, for the n-gram representation, the
    version of the label models whose component TF-IDF it reads (it is only right next
    to those)."""

    units: LogisticRegression
    central: LogisticRegression
    documents: LogisticRegression
    context: LogisticRegression
    version: str
    adapter: Adapter | None = None
    representation: str = E5
    labels: str | None = None

    def rows(self, documents: Sequence[Sequence[str]],
             evidence: Sequence[Sequence[Evidence]],
             features: sp.csr_matrix | None = None,
             tokens: Sequence[Sequence[Sequence[str]]] | None = None) -> Matrix:
        """Stage-1 features of all units of many documents, stacked: ``unit_matrices``,
        or for the n-gram representation ``ngram_rows`` of the units' TF-IDF
        ``features``; ``tokens``: each unit's ``features.words`` when known."""
        if self.representation == NGRAMS:
            if features is None:
                raise ValueError("the n-gram stance model reads the units' TF-IDF features")
            return ngram_rows(features, evidence, documents, tokens)
        flat = [unit for units in documents for unit in units]
        adapted = self.adapter.probabilities(flat) if self.adapter is not None else None
        return stack(unit_matrices(documents, evidence, encoder.encode(flat), adapted, tokens))

    def unit_probabilities(self, matrix: Matrix) -> np.ndarray:
        """Stage 1 for many units at once (rows of ``unit_matrix``)."""
        if not matrix.shape[0]:
            return np.zeros((0, 3))
        return self.units.predict_proba(matrix)

    def central_probabilities(self, matrix: Matrix) -> np.ndarray:
        """P(central claim) of each unit of one document (rows of ``unit_matrix``)."""
        if not matrix.shape[0]:
            return np.zeros(0)
        return self.central.predict_proba(central_matrix(matrix))[:, 1]

    def score(self, matrices: Sequence[Matrix]) -> list[StanceScores]:
        """Stage 1 and the central-claim model for many documents' units (one
        ``unit_matrix`` each), one model call each for all of them."""
        if not matrices:
            return []
        return self.score_rows(stack(matrices), [m.shape[0] for m in matrices])

    def score_rows(self, rows: Matrix, lengths: Sequence[int]) -> list[StanceScores]:
        """``score`` of many documents' rows stacked (``lengths`` units each)."""
        probabilities = self.unit_probabilities(rows)
        central = (self.central.predict_proba(central_rows(rows, lengths))[:, 1]
                   if rows.shape[0] else np.zeros(0))
        return [StanceScores(p, c) for p, c in zip(split(probabilities, lengths),
                                                   split(central, lengths))]

    def in_context(self, probabilities: np.ndarray, central: np.ndarray,
                   parent: Sequence[float]) -> tuple[np.ndarray, np.ndarray]:
        """Stages 2 and 3 for one document: its stance probabilities and its units'."""
        row = document_row(probabilities, central, parent)
        document = _probabilities(self.documents, row[None, :])[0]
        if not len(probabilities):
            return document, np.zeros((0, 3))
        return document, _probabilities(self.context,
                                        context_matrix(probabilities, document, parent))


def _probabilities(model: LogisticRegression, rows: np.ndarray) -> np.ndarray:
    """``model.predict_proba(rows)`` of a three-class logistic regression, without
    scikit-learn's per-call checks: stages 2 and 3 run once per document, where those
    checks cost five times the arithmetic (a bulk run decides documents one by one)."""
    scores = rows @ model.coef_.T + model.intercept_
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))  # scipy's softmax, inlined
    return shifted / shifted.sum(axis=1, keepdims=True)


# -- training --------------------------------------------------------------------------

@dataclass
class TrainingDocument:
    """One labelled document as the stance model reads it."""

    matrix: Matrix  # unit_matrix rows (ngram_matrices rows for the n-gram representation)
    labels: Sequence[str]  # unit stances
    stance: str  # document stance: PRO, CONTRA or NEUTRAL
    central: Sequence[bool]  # the gold central claim (at most one)
    parent_stance: str | None  # the parent's gold stance (None: no parent)
    agreement: int  # reply_relation of the opening: +1 agrees, -1 disagrees, 0
    group: str  # the thread: documents of one thread never straddle folds
    weight: float = 1.0  # sample weight of its units and of itself (gold > synthetic)

    @property
    def parent(self) -> list[float]:
        return parent_features(self.parent_stance, self.agreement)


def standalone(matrix: Matrix) -> Matrix:
    """``unit_matrix`` rows as if each unit were its document's only unit: its own
    embedding stands in for the document's (``argmine analyze --lines`` on sentences).
    N-gram rows have no document block: a unit alone is the same row."""
    if sp.issparse(matrix):
        return matrix
    dim = encoder.DIMENSION
    single = matrix.copy()
    single[:, dim:2 * dim] = matrix[:, :dim]
    return single


def _classifier(c: float, class_weight: str | None = None) -> LogisticRegression:
    return LogisticRegression(C=c, max_iter=5000, class_weight=class_weight)


def _stack(documents: Sequence[TrainingDocument], unit_probs: Sequence[np.ndarray],
           central: Sequence[np.ndarray]):
    rows = np.array([document_row(p, c, d.parent)
                     for d, p, c in zip(documents, unit_probs, central)])
    return rows, [d.stance for d in documents]


def _fit_central(documents: Sequence[TrainingDocument]) -> LogisticRegression:
    matrix = stack([central_matrix(d.matrix) for d in documents])
    return _classifier(C_DOCUMENTS).fit(matrix, [bool(c) for d in documents for c in d.central],
                                        sample_weight=unit_weights(documents))


def unit_weights(documents: Sequence[TrainingDocument]) -> np.ndarray:
    """Each unit's sample weight, in the order of the stacked unit rows."""
    return np.concatenate([np.full(len(d.labels), float(d.weight)) for d in documents]
                          or [np.zeros(0)])


def out_of_fold(documents: Sequence[TrainingDocument], folds: int = FOLDS
                ) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
    """Stage-1 unit probabilities, central-claim probabilities and stage-2 document
    probabilities for every document, each from models that did not see its thread."""
    unit_probs: list[np.ndarray] = [np.zeros((0, 3))] * len(documents)
    central: list[np.ndarray] = [np.zeros(0)] * len(documents)
    groups = [d.group for d in documents]
    splits = list(GroupKFold(folds).split(groups, groups, groups))
    for train, test in splits:
        model = fit_units([documents[i] for i in train])
        finder = _fit_central([documents[i] for i in train])
        for i in test:
            unit_probs[i] = model.predict_proba(documents[i].matrix)
            central[i] = finder.predict_proba(central_matrix(documents[i].matrix))[:, 1]
    rows, stances = _stack(documents, unit_probs, central)
    document_probs = np.zeros((len(documents), 3))
    weights = np.array([d.weight for d in documents], dtype=float)
    for train, test in splits:
        model = _classifier(C_DOCUMENTS).fit(rows[train], [stances[i] for i in train],
                                             sample_weight=weights[train])
        document_probs[test] = model.predict_proba(rows[test])
    return unit_probs, central, document_probs


def fit_units(documents: Sequence[TrainingDocument],
               start: LogisticRegression | None = None) -> LogisticRegression:
    """Stage 1 on every unit twice: in its document and as a document of its own, so that
    a line read alone (``analyze --lines``) is not outside what the model has seen
    (cross-validation, C=1: alone 0.597 -> 0.618, in context 0.661 -> 0.669); n-gram rows,
    the same either way, once.

    ``start``: a fitted stage 1 whose weights the solver starts from (the same optimum,
    reached in fewer iterations when the data changed little: the learning curve)."""
    views = [d.matrix for d in documents]
    copies = 1 if any(sp.issparse(m) for m in views) else 2
    if copies == 2:
        views += [standalone(d.matrix) for d in documents]
    labels = [label for d in documents for label in d.labels]
    weights = unit_weights(documents)
    model = _classifier(C_UNITS, "balanced")
    if start is not None:
        model.warm_start = True
        model.coef_, model.intercept_ = start.coef_.copy(), start.intercept_.copy()
    return model.fit(stack(views), labels * copies, sample_weight=np.tile(weights, copies))


def fit_context(documents: Sequence[TrainingDocument], unit_probs: Sequence[np.ndarray],
                document_probs: np.ndarray) -> LogisticRegression:
    matrix = np.vstack([context_matrix(p, q, d.parent)
                        for d, p, q in zip(documents, unit_probs, document_probs)])
    return _classifier(C_CONTEXT).fit(matrix, [label for d in documents for label in d.labels],
                                      sample_weight=unit_weights(documents))


def check_classes(documents: Sequence[TrainingDocument]) -> None:
    """Refuse training data without all three stances among its units and its documents:
    every stage's columns are ``CLASSES``, and a missing one broke them deep inside."""
    for what, found in (("unit", {label for d in documents for label in d.labels}),
                        ("document", {d.stance for d in documents})):
        missing = [c for c in CLASSES if c not in found]
        if missing:
            raise ArgmineError(f"the training data holds no {what} labelled "
                               f"{' or '.join(missing)}; the stance model needs PRO, CONTRA "
                               "and NEUTRAL among both units and documents")


def fit(documents: Sequence[TrainingDocument], version: str = "",
        adapter: Adapter | None = None) -> StanceModel:
    """All stages on all ``documents``; stages 2 and 3 on out-of-fold inputs.  With an
    ``adapter``, the documents' matrices carry its out-of-fold probabilities."""
    check_classes(documents)
    unit_probs, central, document_probs = out_of_fold(documents)
    rows, stances = _stack(documents, unit_probs, central)
    weights = np.array([d.weight for d in documents], dtype=float)
    return StanceModel(units=fit_units(documents), central=_fit_central(documents),
                       documents=_classifier(C_DOCUMENTS).fit(rows, stances,
                                                              sample_weight=weights),
                       context=fit_context(documents, unit_probs, document_probs),
                       version=version, adapter=adapter,
                       representation=NGRAMS if sp.issparse(documents[0].matrix) else E5)
