"""Fitting the label models on all their data (after ``evaluate.protocols`` measured them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from argmine.classify import encoder, stance_model, structure
from argmine.classify.components import fit_components, layout_text
from argmine.classify.features import document_features, unit_evidence
from argmine.classify.stance import Models, reply_relation
from argmine.classify.stance_model import StanceModel, TrainingDocument
from argmine.errors import ArgmineError
from argmine.evaluate.cimt import Sentence
from argmine.evaluate.microtexts import MicroText
from argmine.evaluate.protocols import microtext_units
from argmine.evaluate.synthetic import TARGET, SyntheticDocument
from argmine.models import load_model, model_version


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


# -- the learned stance model ----------------------------------------------------------

STANCE_TRAINED_ON = ("b2b-synthetic (MIT): 909 German documents, 3,974 sentences written "
                     "and labelled for this project")


def stance_training_documents(documents: Sequence[SyntheticDocument],
                              target: str = TARGET) -> list[TrainingDocument]:
    """The synthetic documents as the stance model reads them: one encoder call for all
    sentences; a reply's parent features from its parent's gold stance."""
    embeddings = encoder.encode([s.text for d in documents for s in d.sentences])
    stances = {d.id: d.stance for d in documents}
    training, position = [], 0
    for document in documents:
        texts = [s.text for s in document.sentences]
        end = position + len(texts)
        evidence = [unit_evidence(text, target) for text in texts]
        training.append(TrainingDocument(
            matrix=stance_model.unit_matrix(texts, embeddings[position:end], evidence),
            labels=[s.stance for s in document.sentences],
            stance="NEUTRAL" if document.stance == "MIXED" else document.stance,
            central=[s.central for s in document.sentences],
            parent_stance=stances.get(document.parent or ""),
            agreement=reply_relation(" ".join(texts[:2])), group=document.thread))
        position = end
    return training


def train_stance_on(documents: Sequence[TrainingDocument]) -> StanceModel:
    """The learned stance model on ``documents``, with its fingerprinted version."""
    model = stance_model.fit(documents)
    model.version = model_version("stance-e5", model.units, model.central, model.documents,
                                  model.context)
    return model


def stance_payload(model: StanceModel, metrics: str) -> dict:
    return {"version": model.version, "units": model.units, "central": model.central,
            "documents": model.documents, "context": model.context,
            "encoder": encoder.version(), "metrics": metrics, "trained_on": STANCE_TRAINED_ON}


def load_stance_model(path: Path) -> StanceModel:
    """The learned stance model saved next to the label models."""
    if not path.exists():
        raise ArgmineError(f"{path}: no learned stance model (run 'argmine train', "
                           "or use --stance-model fast)")
    payload = load_model(path)
    return StanceModel(payload["units"], payload["central"], payload["documents"],
                       payload["context"], payload["version"])
