"""Fitting the label models on all their data (after ``evaluate.protocols`` measured them)."""

from __future__ import annotations

from argmine.classify import structure
from argmine.classify.components import fit_components, layout_text
from argmine.classify.features import document_features
from argmine.classify.stance import Models
from argmine.evaluate.cimt import Sentence
from argmine.evaluate.microtexts import MicroText
from argmine.evaluate.protocols import microtext_units
from argmine.models import model_version


def train_label_models(texts: list[MicroText], questions: dict[str, str],
                       sentences: list[Sentence]) -> Models:
    """Component model on CIMT; role and central-claim models on the microtexts."""
    components = fit_components([layout_text(s.text, s.number) for s in sentences],
                                [s.component for s in sentences])
    features = [f for t in texts
                for f in document_features(microtext_units(t), questions.get(t.topic))]
    role = structure.fit(features, [a.role for t in texts for a in t.adus])
    central = structure.fit(features, [str(a.central) for t in texts for a in t.adus])
    return Models(components, role, central,
                  version=model_version("labels", components, role, central))


def models_payload(models: Models, metrics: str) -> dict:
    return {"version": models.version, "components": models.components, "role": models.role,
            "central": models.central, "metrics": metrics,
            "trained_on": "CIMT (CC BY 4.0 / CC BY-SA 4.0) and arg-microtexts (CC BY-NC-SA 4.0)"}


def models_from_payload(payload: dict) -> Models:
    return Models(payload["components"], payload["role"], payload["central"], payload["version"])
