"""Fitting the label models on all their data (after ``evaluate.protocols`` measured them)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
from sklearn.pipeline import Pipeline

from argmine.classify import encoder, stance_model, structure
from argmine.classify.adapter import ADAPTER_FILE, Adapter
from argmine.classify.components import (
    component_features,
    component_inputs,
    fit_components,
    layout_text,
)
from argmine.classify.features import document_features, unit_evidence
from argmine.classify.stance import Models, reply_relation
from argmine.classify.stance_model import StanceModel, TrainingDocument
from argmine.errors import ArgmineError
from argmine.evaluate.cimt import Sentence
from argmine.evaluate.microtexts import MicroText
from argmine.evaluate.protocols import microtext_units
from argmine.evaluate.synthetic import TARGET, Sources, SyntheticDocument, load_synthetic
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

STANCE_TRAINED_ON = ("b2b-synthetic (MIT): 909 German documents, 3,974 sentences; "
                     "corpus/stance-training (MIT): 380 web-style documents, 3,140 sentences; "
                     "both written and labelled for this project")


def stance_training_documents(documents: Sequence[SyntheticDocument], target: str = TARGET,
                              adapted: np.ndarray | None = None,
                              components: Pipeline | None = None) -> list[TrainingDocument]:
    """The synthetic documents as the stance model reads them: one encoder call for all
    sentences; a reply's parent features from its parent's gold stance; ``adapted``: the
    adapter's out-of-fold probabilities of every sentence, in order.  With the component
    model ``components``, the n-gram representation instead (its TF-IDF of each unit, as
    scoring computes it)."""
    texts = [[s.text for s in d.sentences] for d in documents]
    evidence = [[unit_evidence(text, target) for text in group] for group in texts]
    if components is not None:
        matrices = stance_model.ngram_matrices(
            component_features(components, component_inputs(texts)), evidence, texts)
    else:
        matrices = stance_model.unit_matrices(
            texts, evidence, encoder.encode([t for group in texts for t in group]), adapted)
    stances = {d.id: d.stance for d in documents}
    return [TrainingDocument(
        matrix=matrix, labels=[s.stance for s in document.sentences],
        stance="NEUTRAL" if document.stance == "MIXED" else document.stance,
        central=[s.central for s in document.sentences],
        parent_stance=stances.get(document.parent or ""),
        agreement=reply_relation(" ".join(group[:2])), group=document.thread,
        weight=document.weight)
        for document, group, matrix in zip(documents, texts, matrices)]


def sentence_keys(documents: Sequence[SyntheticDocument]) -> list[str]:
    """Each sentence's key in the adapter's out-of-fold file."""
    return [f"{d.id}#{i}" for d in documents for i in range(len(d.sentences))]


def train_stance_on(documents: Sequence[TrainingDocument],
                    adapter: Adapter | None = None) -> StanceModel:
    """The learned stance model on ``documents`` (whose matrices carry ``adapter``'s
    out-of-fold probabilities when given), with its fingerprinted version."""
    model = stance_model.fit(documents, adapter=adapter)
    family = ("stance-ngrams" if model.representation == stance_model.NGRAMS
              else "stance-e5" if adapter is None else "stance-e5-lora")
    model.version = model_version(family, model.units, model.central, model.documents,
                                  model.context)
    return model


def extra_training(sources: Sources) -> str | None:
    """What ``sources`` add to the synthetic documents, for the model card: each extra
    folder with its documents, sentences and weight (None when nothing is added)."""
    parts = []
    for folder in sources.extra:
        documents = load_synthetic(Sources(folders=(folder,)))
        sentences = sum(len(d.sentences) for d in documents)
        parts.append(f"{folder.name}: {len(documents)} documents, {sentences} sentences")
    return f"{'; '.join(parts)} (weight {sources.extra_weight:g})" if parts else None


def stance_payload(model: StanceModel, metrics: str, extra: str | None = None) -> dict:
    trained_on = STANCE_TRAINED_ON + (f"; and {extra}" if extra else "")
    return {"version": model.version, "units": model.units, "central": model.central,
            "documents": model.documents, "context": model.context,
            "encoder": encoder.version() if model.representation == stance_model.E5 else None,
            "metrics": metrics, "trained_on": trained_on,
            "extra_training": extra,
            "adapter": model.adapter.version if model.adapter else None,
            "representation": model.representation, "labels": model.labels}


def load_stance_model(path: Path) -> StanceModel:
    """The learned stance model saved next to the label models."""
    if not path.exists():
        raise ArgmineError(f"{path}: no learned stance model (run 'argmine train', "
                           "or use --stance-model fast)")
    payload = load_model(path)
    return StanceModel(payload["units"], payload["central"], payload["documents"],
                       payload["context"], payload["version"],
                       _adapter_for(path, payload.get("adapter")),
                       payload.get("representation", stance_model.E5), payload.get("labels"))


def _adapter_for(path: Path, version: str | None) -> Adapter | None:
    """The adapter a saved stance model was trained with, from the same folder."""
    if not version:
        return None
    adapter = Adapter(path.with_name(ADAPTER_FILE))
    if adapter.version != version:
        raise ArgmineError(f"{path}: trained with {version}, but {adapter.path.name} is "
                           f"{adapter.version} (run 'argmine train' after 'argmine finetune')")
    return adapter
