"""Applying the shipped label models to a document's units."""

from __future__ import annotations

from pathlib import Path

from argmine.classify.rollup import document_stance
from argmine.classify.stance import Models, label_units
from argmine.classify.train import models_from_payload
from argmine.models import load_model, model_path
from argmine.records import Document


class Labeller:
    """Labels units with component, stance, confidence and central claim, for one target."""

    def __init__(self, models: Models) -> None:
        self.models = models

    @property
    def version(self) -> str:
        return self.models.version

    @classmethod
    def load(cls, path: Path | None = None) -> Labeller | None:
        """The shipped models, or None when no model file exists (labels then stay empty)."""
        path = path or model_path("labels")
        return cls(models_from_payload(load_model(path))) if path.exists() else None

    def label(self, document: Document, target: str, parent_stance: str | None = None) -> None:
        """Fill the labels of ``document``'s units and its own stance, in place."""
        labels, _, _ = label_units([u.text for u in document.units], target, self.models,
                                   parent_stance)
        for unit, label in zip(document.units, labels):
            unit.component, unit.stance = label.component, label.stance
            unit.confidence, unit.central = label.confidence, label.central
            unit.model_version = self.version
        document.stance, document.stance_confidence = document_stance(
            [(u.component, u.stance, u.confidence, u.central) for u in document.units])
        document.model_version = self.version
