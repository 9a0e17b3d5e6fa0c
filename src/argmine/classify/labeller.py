"""Applying the shipped label models to a document's units."""

from __future__ import annotations

from pathlib import Path

from argmine.classify import encoder, stance_model
from argmine.classify.rollup import document_stance
from argmine.classify.stance import Models, Scores, decide, score_documents
from argmine.classify.stance_model import StanceModel
from argmine.classify.target_lexicon import lexicons_version
from argmine.classify.train import load_stance_model, models_from_payload
from argmine.config import ENCODER, FAST, NGRAMS, RULES, default_stance_model
from argmine.errors import ArgmineError
from argmine.models import load_model, model_path
from argmine.records import Document

STANCE_FILE, NGRAM_STANCE_FILE = "stance.skops", "stance-ngrams.skops"


class Labeller:
    """Labels units with component, stance, confidence and central claim, for one target."""

    def __init__(self, models: Models) -> None:
        self.models = models

    @property
    def version(self) -> str:
        stance = f"+{self.models.stance.version}" if self.models.stance else ""
        return f"{self.models.version}{stance}+{lexicons_version()}"

    @property
    def stance_model(self) -> str:
        """Which stance model labels: ``encoder``, ``ngrams`` or ``rules``."""
        if self.models.stance is None:
            return RULES
        return NGRAMS if self.models.stance.representation == stance_model.NGRAMS else ENCODER

    @classmethod
    def load(cls, path: Path | None = None, stance: str | None = None) -> Labeller | None:
        """The shipped models, or None when no model file exists (labels then stay empty).

        ``stance`` picks the stance model (``STANCE_MODELS``; default
        ``default_stance_model()``): ``encoder`` adds the learned model of
        ``models/stance.skops`` to the label models, ``ngrams`` the n-gram model of
        ``models/stance-ngrams.skops``, ``fast`` and ``rules`` keep the rules.  Where no
        encoder installs, the default is ``ngrams`` when its file exists, else the rules.
        """
        path = path or model_path("labels")
        if not path.exists():
            return None
        models = models_from_payload(load_model(path))
        ngram_file = path.with_name(NGRAM_STANCE_FILE)
        if stance is None:
            stance = default_stance_model() if encoder.available() else (
                NGRAMS if ngram_file.exists() else FAST)
        if stance == ENCODER:
            models.stance = load_stance_model(path.with_name(STANCE_FILE))
        elif stance == NGRAMS:
            models.stance = _ngram_model(ngram_file, models.version)
        return cls(models)

    def score(self, documents: list[Document], targets: list[str]) -> list[Scores]:
        """Model scores for many documents in one call per model."""
        return score_documents([[u.text for u in d.units] for d in documents], targets,
                               self.models)

    def label(self, document: Document, target: str, parent_stance: str | None = None,
              scores: Scores | None = None) -> None:
        """Fill the labels of ``document``'s units and its own stance, in place."""
        units = [u.text for u in document.units]
        if scores is None:
            (scores,) = score_documents([units], [target], self.models)
        labels, stance, confidence = decide(units, scores, target, parent_stance,
                                            self.models.stance)
        version = self.version  # once per document, not per unit: it finds the lexicons again
        for unit, label in zip(document.units, labels):
            unit.component, unit.stance = label.component, label.stance
            unit.confidence, unit.central = label.confidence, label.central
            unit.model_version = version
        if self.models.stance is not None:  # the learned document model
            document.stance, document.stance_confidence = stance, confidence
        else:
            document.stance, document.stance_confidence = document_stance(
                [(u.component, u.stance, u.confidence, u.central) for u in document.units])
        document.model_version = version


def _ngram_model(path: Path, labels_version: str) -> StanceModel:
    """The learned n-gram stance model, refused next to label models whose TF-IDF it was
    not trained on."""
    if not path.exists():
        raise ArgmineError(f"{path}: no learned n-gram stance model (run 'argmine train "
                           "--only stance-ngrams', or use --stance-model fast)")
    model = load_stance_model(path)
    if model.labels != labels_version:
        raise ArgmineError(f"{path}: trained on the features of {model.labels}, not of "
                           f"{labels_version} (run 'argmine train --only stance-ngrams', or "
                           "use --stance-model fast)")
    return model


def stance_model_of(version: str) -> str:
    """Which stance model made labels of this ``Labeller.version``: ``encoder``, ``ngrams``
    or ``rules`` (the rules add no stance part to the version)."""
    if "+stance-ngrams-" in version:
        return NGRAMS
    return ENCODER if "+stance-" in version else RULES
