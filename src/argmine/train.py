"""``argmine train`` and ``argmine evaluate``: measure each model held out, then fit and save it.

Every model is evaluated by its held-out protocol before it is fitted on all
the data, so the card's numbers describe data the evaluated model never saw.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from argmine.classify import encoder
from argmine.classify.adapter import (
    ADAPTER_FILE,
    CLASSES,
    OUT_OF_FOLD_FILE,
    Adapter,
    load_out_of_fold,
    save_out_of_fold,
)
from argmine.classify.stance_model import StanceModel
from argmine.config import ENCODER, NGRAMS, RULES
from argmine.errors import ArgmineError
from argmine.evaluate.annotations import load_annotations
from argmine.evaluate.cimt import load_cimt
from argmine.evaluate.microtexts import load_corpus, trigger_questions
from argmine.evaluate.protocols import (
    evaluate_cimt,
    evaluate_essay_stance,
    evaluate_microtext_stance,
    evaluate_structure,
)
from argmine.evaluate.segmentation import evaluate_segmentation
from argmine.evaluate.synthetic import Sources, load_synthetic
from argmine.models import STANCE_SECTIONS, model_dir, real_text_figure, save_model
from argmine.nlp.pipeline import fallback_pipeline
from argmine.nlp.training import train_boundary_model
from argmine.sources.manifest import load_manifest

if TYPE_CHECKING:
    from argmine.classify.finetune import Settings

METRICS_FILE = "metrics.json"
CORPUS = Path(__file__).resolve().parents[2] / "corpus"
ESSAY_GOLD = CORPUS / "annotations" / "essay.jsonl"
ESSAY_ID = "social-media-b2b/essay"


def _summary(result: dict) -> dict:
    """The numbers a card shows: macro-F1 and baseline per protocol."""
    return {name: {"macro_f1": r["macro_f1"], "baseline_macro_f1": r["baseline_macro_f1"],
                   "n": r["n"], "protocol": r["protocol"],
                   **({"polar_swaps": r["polar_swaps"]} if "polar_swaps" in r else {})}
            for name, r in result.items()}


def essay_gold(path: Path = ESSAY_GOLD) -> tuple[list[dict], str, str]:
    """The essay's gold units, its text and the thread's target proposition."""
    thread, _ = load_manifest(CORPUS / "thread.toml")
    text = (CORPUS / "essay.txt").read_text("utf-8")
    return load_annotations(path, {ESSAY_ID: text}), text, thread.target


def evaluate_components(microtexts=None, cimt=None) -> dict:
    texts = load_corpus(microtexts)
    return {**evaluate_structure(texts, trigger_questions(microtexts)),
            **evaluate_cimt(load_cimt(cimt))}


def evaluate_stance(microtexts=None, cimt=None, annotations: Path | None = None,
                    models=None, synthetic=None, learned: bool = False) -> dict:
    """Microtexts leave-one-topic-out, and the essay scored by models that never saw it;
    with ``learned``, the learned stance model's numbers too (``evaluate_learned_stance``)."""
    texts = load_corpus(microtexts)
    questions = trigger_questions(microtexts)
    if models is None:
        from argmine.classify.train import train_label_models
        models = train_label_models(texts, questions, load_cimt(cimt))
    gold, text, target = essay_gold(annotations or ESSAY_GOLD)
    results = {"microtexts_loto": evaluate_microtext_stance(texts, questions),
               "essay": evaluate_essay_stance(gold, text, target, models)}
    if learned:
        results.update(evaluate_learned_stance(synthetic, annotations,
                                               adapter=shipped_adapter(synthetic))[0])
    return results


def train_segmenter(microtexts=None, output: Path | None = None) -> dict:
    """Evaluate, fit and save the boundary model; return its metrics."""
    texts = load_corpus(microtexts)
    metrics = evaluate_segmentation(texts)
    payload = train_boundary_model(texts, fallback_pipeline(None))
    summary = {k: v for k, v in metrics.items() if k != "segmenters"}
    payload["metrics"] = json.dumps(summary)
    folder = output or model_dir()
    save_model(payload, folder / "segmenter.skops")
    record_metrics(folder, "segmenter", {"version": payload["version"], **summary})
    return summary


def train_labels(microtexts=None, cimt=None, annotations: Path | None = None,
                 output: Path | None = None) -> dict:
    """Evaluate the component and stance models, fit them on all data, save them."""
    from argmine.classify.train import models_payload, train_label_models

    texts = load_corpus(microtexts)
    models = train_label_models(texts, trigger_questions(microtexts), load_cimt(cimt))
    metrics = {
        "components": _summary(evaluate_components(microtexts, cimt)),
        "stance": _summary(evaluate_stance(microtexts, cimt, annotations, models)),
    }
    folder = output or model_dir()
    save_model(models_payload(models, json.dumps(metrics)), folder / "labels.skops")
    record_metrics(folder, "labels", {"version": models.version, **metrics})
    return metrics


def stance_data(synthetic=None, held_out: bool | None = None,
                adapter: Adapter | None = None,
                components=None) -> tuple[list, list[int | None]]:
    """b2b-synthetic as the stance model reads it, and each document's parent index;
    only the held-out threads (``held_out=True``), only the others (False), or all.
    With an ``adapter``, its out-of-fold probabilities (stored next to it) join stage 1;
    with the component model ``components``, stage 1 reads n-grams (the ``ngrams`` model)."""
    from argmine.classify.train import stance_training_documents
    from argmine.evaluate.stance_cv import heldout

    documents = [d for d in load_synthetic(synthetic)
                 if held_out is None or heldout(d.thread) == held_out]
    index = {d.id: i for i, d in enumerate(documents)}  # a parent shares its thread
    adapted = _out_of_fold(adapter.path, documents) if adapter is not None else None
    return (stance_training_documents(documents, adapted=adapted, components=components),
            [index.get(d.parent) for d in documents])


def extra_documents(synthetic=None) -> list[bool]:
    """Which of ``load_synthetic(synthetic)``'s documents come from ``--extra-training``
    folders (they are read after the others)."""
    sources = Sources.of(synthetic)
    total = len(load_synthetic(sources))
    base = total - (len(load_synthetic(Sources(folders=sources.extra))) if sources.extra else 0)
    return [i >= base for i in range(total)]


def _out_of_fold(adapter: Path, documents) -> np.ndarray:
    """The adapter's stored out-of-fold probabilities of every sentence of ``documents``."""
    from argmine.classify.train import sentence_keys

    return load_out_of_fold(adapter.with_name(OUT_OF_FOLD_FILE), sentence_keys(documents),
                            [s.text for d in documents for s in d.sentences])


def shipped_adapter(synthetic=None, folder: Path | None = None) -> Adapter | None:
    """The fine-tuned adapter of ``folder`` (default ``models/``) when it has out-of-fold
    probabilities for every sentence of the synthetic corpus the stance model is about to
    be fitted on; otherwise None, and stage 1 goes without it (another corpus: no honest
    adapter features for it without fine-tuning on it: ``argmine finetune --synthetic``)."""
    path = (folder or model_dir()) / ADAPTER_FILE
    if not path.exists() or not path.with_name(OUT_OF_FOLD_FILE).exists():
        return None
    try:
        _out_of_fold(path, load_synthetic(synthetic))
    except ArgmineError:
        return None
    return Adapter(path)


def _subset(training: list, parents: list[int | None], keep: list[int]):
    """Documents ``keep`` with their parent indices renumbered (a parent shares its thread)."""
    index = {old: new for new, old in enumerate(keep)}
    return [training[i] for i in keep], [index.get(parents[i]) for i in keep]


def evaluate_learned_stance(synthetic=None, annotations: Path | None = None,
                            labels: Path | None = None, adapter: Adapter | None = None,
                            components=None) -> tuple[dict, StanceModel]:
    """The learned stance model's held-out numbers, and the model to ship.

    Cross-validation on b2b-synthetic (``evaluate.stance_cv``); then the model fitted on
    all threads but the held-out tenth, scored on that tenth and, with the label models
    of ``labels``, on the essay it never saw.  ``components``: the ``ngrams`` model
    on that component model's features (``stance_data``)."""
    from argmine.classify.labeller import Labeller
    from argmine.classify.train import train_stance_on
    from argmine.evaluate.stance_cv import evaluate_heldout, evaluate_synthetic, heldout

    training, parents = stance_data(synthetic, adapter=adapter, components=components)
    metrics = evaluate_synthetic(training, parents, extra=extra_documents(synthetic))
    keep = [i for i, d in enumerate(training) if not heldout(d.group)]
    held = [i for i, d in enumerate(training) if heldout(d.group)]
    model = train_stance_on(_subset(training, parents, keep)[0], adapter)
    found = evaluate_heldout(model, *_subset(training, parents, held))
    if Sources.of(synthetic).extra:  # the gate re-reads the synthetic folders alone
        metrics["heldout_with_extra"], found = found, gate_heldout(model, synthetic, adapter,
                                                                   components)
    metrics["synthetic_heldout"] = found
    labeller = Labeller.load(labels, stance=RULES)
    if labeller is not None:
        labeller.models.stance = model
        gold, text, target = essay_gold(annotations or ESSAY_GOLD)
        metrics["essay_encoder"] = evaluate_essay_stance(gold, text, target, labeller.models)
    return metrics, model


def gate_heldout(model: StanceModel, synthetic=None, adapter: Adapter | None = None,
                 components=None) -> dict:
    """The held-out threads of the synthetic folders alone, without ``--extra-training``
    documents: what ``make test``'s quality gate can re-read on any machine (extra
    folders, such as real text that may not be redistributed, need not be there)."""
    from argmine.evaluate.stance_cv import evaluate_heldout

    base = Sources(folders=Sources.of(synthetic).folders)
    return evaluate_heldout(model, *stance_data(base, held_out=True, adapter=adapter,
                                                components=components))


def train_stance(synthetic=None, annotations: Path | None = None,
                 output: Path | None = None, ngrams: bool = False) -> dict:
    """Evaluate the learned stance model (``evaluate_learned_stance``) and save it; with
    the fine-tuned adapter of the model folder when it has one (``shipped_adapter``).
    ``ngrams``: the n-gram model (``--stance-model ngrams``) instead, on the component
    features of the folder's label models (retrain it whenever they change)."""
    from argmine.classify.labeller import NGRAM_STANCE_FILE, STANCE_FILE, Labeller
    from argmine.classify.train import extra_training, stance_payload

    folder = output or model_dir()
    labels = Labeller.load(folder / "labels.skops", stance=RULES) if ngrams else None
    if ngrams and labels is None:
        raise ArgmineError(f"{folder}: no label models to read features from "
                           "(run 'argmine train --only labels' first)")
    adapter = None if ngrams else shipped_adapter(synthetic, folder)
    metrics, model = evaluate_learned_stance(
        synthetic, annotations, folder / "labels.skops", adapter,
        labels.models.components if labels else None)
    if labels:
        model.labels = labels.models.version
    summary = _summary(metrics)
    extra = extra_training(Sources.of(synthetic))
    save_model(stance_payload(model, json.dumps(summary), extra),
               folder / (NGRAM_STANCE_FILE if ngrams else STANCE_FILE))
    representation = {"labels": model.labels} if ngrams else {"encoder": encoder.version()}
    record_metrics(folder, STANCE_SECTIONS[NGRAMS if ngrams else ENCODER],
                   {"version": model.version, **representation, "stance": summary,
                    "extra_training": extra})
    return summary


def finetune_adapter(synthetic=None, output: Path | None = None,
                     settings: Settings | None = None, report=print,
                     folds: int | None = None) -> dict:
    """``argmine finetune`` (needs torch): the stance adapter (``classify.finetune``).

    First every synthetic sentence's probabilities from an adapter fine-tuned without its
    thread, by default with the folds of the stance model's cross-validation
    (``stance_model.FOLDS`` by thread, over the same documents; fewer ``folds`` train
    faster): stage 1 learns how far to trust the adapter from these.  Then the adapter
    fitted on the threads the shipped stance model is fitted on (all but the held-out
    tenth).  Saves both next to the other models; run ``argmine train`` afterwards to refit
    the stance model on them."""
    from sklearn.model_selection import GroupKFold

    from argmine.classify.finetune import Settings as Defaults
    from argmine.classify.finetune import Trainer, save_adapter
    from argmine.classify.stance_model import FOLDS
    from argmine.classify.train import extra_training, sentence_keys
    from argmine.evaluate.metrics import classification_report
    from argmine.evaluate.stance_cv import heldout

    folds = folds or FOLDS
    documents = load_synthetic(synthetic)
    texts = [s.text for d in documents for s in d.sentences]
    labels = [s.stance for d in documents for s in d.sentences]
    owner = np.repeat(np.arange(len(documents)), [len(d.sentences) for d in documents])
    weights = np.repeat([d.weight for d in documents], [len(d.sentences) for d in documents])
    trainer = Trainer(texts, labels, settings or Defaults(), log=report, sample_weights=weights)
    groups = [d.thread for d in documents]
    splits = [(np.flatnonzero(np.isin(owner, train)), np.flatnonzero(np.isin(owner, test)))
              for train, test in GroupKFold(folds).split(groups, groups, groups)]
    found = trainer.out_of_fold(splits)
    predicted = [CLASSES[i] for i in found.argmax(1)]
    metrics = classification_report(labels, predicted, list(CLASSES))
    metrics["protocol"] = (f"training documents, {len(texts)} sentences, {folds}-fold "
                           "cross-validation by thread, each sentence alone")
    shipped = np.flatnonzero([not heldout(documents[i].thread) for i in owner])
    report(f"adapter on all but the held-out threads: {len(shipped)} sentences")
    folder = output or model_dir()
    extra = extra_training(Sources.of(synthetic))
    data = (f"synthetic training documents{f'; and {extra}' if extra else ''}, "
            f"{len(shipped)} sentences of the threads not held out")
    save_adapter(trainer.arrays(trainer.fit(shipped)), trainer.config(data=data),
                 folder / ADAPTER_FILE)
    save_out_of_fold(folder / OUT_OF_FOLD_FILE, sentence_keys(documents), texts, found)
    summary = {"macro_f1": metrics["macro_f1"], "protocol": metrics["protocol"],
               "per_class": metrics.get("per_class")}
    record_metrics(folder, "adapter", {"version": Adapter(folder / ADAPTER_FILE).version,
                                       "settings": asdict(trainer.settings),
                                       "out_of_fold": summary})
    return summary


def record_metrics(folder: Path, name: str, metrics: dict) -> None:
    """Keep every model's latest metrics in ``metrics.json``, and re-render the card."""
    path = folder / METRICS_FILE
    data = json.loads(path.read_text("utf-8")) if path.exists() else {}
    data[name] = {**metrics, "date": date.today().isoformat()}
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", "utf-8")
    write_model_card(folder)


def write_model_card(folder: Path) -> Path:
    """Render ``README.md`` in the model folder from the recorded metrics."""
    from jinja2 import Environment, PackageLoader

    metrics = json.loads((folder / METRICS_FILE).read_text("utf-8"))
    env = Environment(loader=PackageLoader("argmine", "templates"), keep_trailing_newline=True)
    figures = {f"real_text_{model}": real_text_figure(metrics.get(section, {}))
               for model, section in STANCE_SECTIONS.items()}
    card = env.get_template("model_card.md.j2").render(
        today=date.today().isoformat(), **figures, **metrics)
    path = folder / "README.md"
    path.write_text(card, "utf-8")
    return path


# -- adaptation to a thread's gold (issue 12) ------------------------------------------

def read_gold(files=(), texts: Path | None = None, db: Path | None = None,
              thread: str | None = None, annotator: str | None = None,
              target: str | None = None, adapter: Adapter | None = None) -> tuple[list, str]:
    """Gold ``TrainingDocument``s from gold files (with their texts folder) and/or the
    database's ``annotations``, and a description of where they came from."""
    from argmine.classify.adapt import database_gold, gold_documents
    from argmine.config import DEFAULT_TARGET
    from argmine.evaluate.annotations import TextFolder

    units, documents, sources = [], {}, []
    if files:
        if texts is None:
            raise ArgmineError("gold files need --texts (a folder of <doc_id>.txt)")
        folder = TextFolder(texts)
        for path in files:
            loaded = load_annotations(path, folder)
            units += loaded
            documents.update({u["doc_id"]: folder[u["doc_id"]] for u in loaded})
            sources.append(str(path))
    if db is not None:
        found, found_texts = database_gold(db, thread, annotator)
        overlap = {u["doc_id"] for u in found} & set(documents)
        if overlap:
            raise ArgmineError(f"documents both in the gold files and in {db}: "
                               f"{', '.join(sorted(overlap))}")
        units += found
        documents.update(found_texts)
        sources.append(f"{db} annotations" + (f", thread {thread}" if thread else "")
                       + (f", annotator {annotator}" if annotator else ""))
    if not sources:
        raise ArgmineError("no gold given: --db and/or --gold FILE --texts DIR")
    return (gold_documents(units, documents, target or DEFAULT_TARGET, adapter=adapter),
            "; ".join(sources))


def adapt(gold: list, source: str, synthetic=None, output: Path | None = None,
          adapter: Adapter | None = None) -> dict:
    """``argmine adapt``: the stance model refitted on b2b-synthetic plus ``gold`` (read
    with the same ``adapter``)."""
    from argmine.classify.adapt import adapt_stance

    return adapt_stance(gold, synthetic, output, source, adapter=adapter)


def stance_learning_curve(gold: list, sizes, seeds: int, synthetic=None,
                          strategies=("random", "uncertain"), report=None,
                          adapter: Adapter | None = None) -> dict:
    """``argmine evaluate learning-curve``: synthetic embedded once, gold once; the model
    without gold is the shipped one when it was trained on the same synthetic data with the
    same encoder (else it is fitted here, some minutes)."""
    from argmine.classify.train import load_stance_model
    from argmine.evaluate.learning_curve import learning_curve
    from argmine.evaluate.stance_cv import heldout
    from argmine.models import load_model, model_path

    training = [d for d in stance_data(synthetic, adapter=adapter)[0] if not heldout(d.group)]
    base, path = None, model_path("stance")
    if synthetic is None and path.exists():
        payload = load_model(path)
        same_adapter = payload.get("adapter") == (adapter.version if adapter else None)
        if (payload.get("encoder") == encoder.version() and same_adapter
                and "adapted" not in payload["version"] and not payload.get("extra_training")):
            base = load_stance_model(path)
    result = learning_curve(training, gold, sizes, seeds, base, strategies, report)
    result["base"] = base.version if base else "fitted for this run on " + (
        str(synthetic) if synthetic else "the default synthetic corpora")
    return result
