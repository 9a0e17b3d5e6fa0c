"""Held-out evaluation protocols for the component and stance models.

components
    ``microtexts_role``     proponent vs opponent voice per ADU,
    ``microtexts_central``  central claim or not per ADU (one per text, the most likely),
                            both 10-fold cross-validated with folds by topic (texts
                            without a topic are their own groups);
    ``cimt_argumentative``  argumentative vs not per sentence,
    ``cimt_component``      claim (mpos, mpos+premise) vs premise among the
                            argumentative sentences, both 5-fold cross-validated with
                            folds by document.
stance
    ``microtexts_loto``     each ADU's stance towards its text's trigger question,
                            leave-one-topic-out: role and central-claim models never saw
                            the topic; the author's stance comes from the predicted
                            central claim's relation to the question;
    ``essay``               the gold-annotated essay (corpus/annotations/essay.jsonl),
                            labelled by models trained on the microtexts and CIMT only.
Every entry has a majority baseline computed on the same folds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import groupby

import numpy as np
from sklearn.model_selection import GroupKFold

from argmine.classify import structure
from argmine.classify.components import fit_components, layout_text
from argmine.classify.features import document_features
from argmine.classify.rollup import document_stance
from argmine.classify.stance import (
    CONTRA,
    FLIP,
    NEUTRAL,
    PRO,
    author_stance,
    label_units,
    roles_of,
)
from argmine.errors import ArgmineError
from argmine.evaluate.cimt import Sentence
from argmine.evaluate.metrics import classification_report
from argmine.evaluate.microtexts import MicroText


def _report(gold: Sequence[str], predicted: Sequence[str], baseline: Sequence[str],
            protocol: str, labels: Sequence[str] | None = None) -> dict:
    report = classification_report(gold, predicted, labels)
    report["baseline_macro_f1"] = classification_report(gold, baseline, labels)["macro_f1"]
    report["protocol"] = protocol
    return report


def _majority(values: Sequence[str]) -> str:
    return Counter(values).most_common(1)[0][0]


# -- microtexts: role and central claim -------------------------------------------------

def microtext_units(text: MicroText) -> list[str]:
    return [text.text[a.start:a.end] for a in text.adus]


def _groups(texts: Sequence[MicroText]) -> list[str]:
    return [t.topic or t.id for t in texts]


def evaluate_structure(texts: Sequence[MicroText], questions: dict[str, str],
                       folds: int = 10) -> dict[str, dict]:
    features = [document_features(microtext_units(t), questions.get(t.topic))
                for t in texts]
    roles = [[a.role for a in t.adus] for t in texts]
    centrals = [[str(a.central) for a in t.adus] for t in texts]
    predicted_role: list[list[str]] = [[] for _ in texts]
    predicted_central: list[list[str]] = [[] for _ in texts]
    baseline_role: list[list[str]] = [[] for _ in texts]
    splitter = GroupKFold(n_splits=min(folds, len(set(_groups(texts)))))
    for train, test in splitter.split(texts, groups=_groups(texts)):
        flat = [f for i in train for f in features[i]]
        role = structure.fit(flat, [r for i in train for r in roles[i]])
        central = structure.fit(flat, [c for i in train for c in centrals[i]])
        majority_role = _majority([r for i in train for r in roles[i]])
        for i in test:
            best = structure.central_index(central, features[i])
            predicted_role[i] = roles_of(structure.probability(role, features[i], "pro"), best)
            predicted_central[i] = [str(k == best) for k in range(len(features[i]))]
            baseline_role[i] = [majority_role] * len(features[i])
    flat = lambda rows: [x for row in rows for x in row]  # noqa: E731
    protocol = (f"arg-microtexts, {len(texts)} texts, gold ADUs, {splitter.n_splits}-fold "
                "cross-validation with folds by topic")
    last = [[str(k == len(row) - 1) for k in range(len(row))] for row in centrals]
    return {
        "microtexts_role": _report(flat(roles), flat(predicted_role), flat(baseline_role),
                                   protocol, ["pro", "opp"]),
        "microtexts_central": _report(flat(centrals), flat(predicted_central), flat(last),
                                      protocol + "; baseline: the last unit is central",
                                      ["True", "False"]),
    }


# -- CIMT: argumentative and component type --------------------------------------------

def evaluate_cimt(sentences: Sequence[Sentence], folds: int = 5) -> dict[str, dict]:
    inputs = [layout_text(s.text, s.number) for s in sentences]
    gold = np.array([s.component for s in sentences])
    groups = [s.document for s in sentences]
    probabilities = np.zeros((len(sentences), 3))
    baseline = np.empty(len(sentences), dtype=object)
    classes = ["claim", "none", "premise"]
    for train, test in GroupKFold(n_splits=folds).split(inputs, groups=groups):
        model = fit_components([inputs[i] for i in train], gold[train])
        columns = [list(model.classes_).index(c) for c in classes]
        probabilities[test] = model.predict_proba([inputs[i] for i in test])[:, columns]
        baseline[test] = _majority(list(gold[train]))
    predicted = np.array(classes)[probabilities.argmax(axis=1)]
    is_arg = lambda labels: ["arg" if x != "none" else "non-arg" for x in labels]  # noqa: E731
    argumentative = gold != "none"
    component = np.where(probabilities[:, 0] >= probabilities[:, 2], "claim", "premise")
    majority_component = _majority(list(gold[argumentative]))
    protocol = (f"CIMT, {len(sentences)} sentences from {len(set(groups))} documents, "
                f"{folds}-fold cross-validation with folds by document")
    return {
        "cimt_argumentative": _report(is_arg(gold), is_arg(predicted), is_arg(baseline),
                                      protocol, ["arg", "non-arg"]),
        "cimt_component": _report(list(gold[argumentative]), list(component[argumentative]),
                                  [majority_component] * int(argumentative.sum()),
                                  protocol + "; gold-argumentative sentences only",
                                  ["claim", "premise"]),
    }


# -- stance ---------------------------------------------------------------------------

def gold_unit_stance(text: MicroText) -> list[str]:
    own = PRO if text.stance == "pro" else CONTRA
    return [own if a.role == "pro" else FLIP[own] for a in text.adus]


def evaluate_microtext_stance(texts: Sequence[MicroText], questions: dict[str, str]) -> dict:
    """Leave-one-topic-out unit stance towards the trigger question (PRO/CONTRA)."""
    labelled = [t for t in texts if t.topic in questions and t.stance in ("pro", "con")]
    features = {t.id: document_features(microtext_units(t), questions.get(t.topic))
                for t in texts}
    gold, predicted, baseline = [], [], []
    for topic in sorted({t.topic for t in labelled}):
        train = [t for t in texts if t.topic != topic]
        flat = [f for t in train for f in features[t.id]]
        role = structure.fit(flat, [a.role for t in train for a in t.adus])
        central = structure.fit(flat, [str(a.central) for t in train for a in t.adus])
        majority = _majority([PRO if t.stance == "pro" else CONTRA for t in train if t in labelled])
        for text in (t for t in labelled if t.topic == topic):
            units = microtext_units(text)
            best = structure.central_index(central, features[text.id])
            roles = roles_of(structure.probability(role, features[text.id], "pro"), best)
            own, _, _ = author_stance(units, best, questions[topic], None, list(enumerate(roles)))
            if own == NEUTRAL:
                own = majority  # two-class task: an undecided author takes the usual stance
            predicted += [own if r == "pro" else FLIP[own] for r in roles]
            gold += gold_unit_stance(text)
            baseline += [majority] * len(units)  # every unit takes the usual author stance
    return _report(gold, predicted, baseline,
                   f"arg-microtexts, {len(labelled)} texts with a topic and a pro/con stance, "
                   "gold ADUs, leave-one-topic-out", [PRO, CONTRA])


def evaluate_essay_stance(gold_units: Sequence[dict], text: str, target: str, models) -> dict:
    """Stance of the essay's gold units, labelled by models that never saw the essay."""
    (labels,) = _label_documents([gold_units], {gold_units[0]["doc_id"]: text}, target, models)
    gold = [u["stance"] for u in gold_units]
    trained_on = ("arg-microtexts and CIMT, stance learned from the synthetic training documents"
                  if models.stance is not None else "arg-microtexts and CIMT only")
    return _report(gold, [label.stance for label in labels], [_majority(gold)] * len(gold),
                   f"the essay's {len(gold)} gold units (corpus/annotations/essay.jsonl), "
                   f"models trained on {trained_on}; baseline: the majority "
                   "gold label (an oracle, so a generous baseline)", [PRO, CONTRA, NEUTRAL])


# -- any gold annotation --------------------------------------------------------------

def _label_documents(documents: Sequence[Sequence[dict]], texts: Mapping[str, str],
                     target: str, models) -> list[list]:
    """The models' labels for each document's gold units, one document at a time."""
    labelled = []
    for units in documents:
        text = texts[units[0]["doc_id"]]
        labels, _, _ = label_units([text[u["start"]:u["end"]] for u in units], target, models)
        labelled.append(labels)
    return labelled


def evaluate_gold(gold_units: Sequence[dict], texts: Mapping[str, str], target: str,
                  models, source: str = "gold annotations") -> dict[str, dict]:
    """The models on any gold annotation in the guidelines' format, units as given.

    ``gold_stance`` (3 classes), ``gold_component`` (claim / premise / none) and
    ``gold_document_stance`` (guidelines, section 4, from the gold labels and from the
    predicted ones), each with the majority gold label as baseline.  Say in
    ``source`` whether the models or their rules were developed on these texts.
    """
    if not gold_units:
        raise ArgmineError(f"{source}: no gold units")
    documents = [list(group) for _, group in groupby(gold_units, key=lambda u: u["doc_id"])]
    labelled = _label_documents(documents, texts, target, models)
    flat = [u for units in documents for u in units]
    predicted = [label for labels in labelled for label in labels]
    gold_docs = [document_stance([(u["component"], u["stance"], 1.0, bool(u["central"]))
                                  for u in units])[0] for units in documents]
    predicted_docs = [document_stance([(p.component, p.stance, p.confidence, p.central)
                                       for p in labels])[0] for labels in labelled]
    protocol = (f"{source}: {len(flat)} gold units in {len(documents)} documents, "
                f"target {target!r}; baseline: the majority gold label")
    results = {}
    for name, gold, guess, labels in (
            ("gold_stance", [u["stance"] for u in flat], [p.stance for p in predicted],
             [PRO, CONTRA, NEUTRAL]),
            ("gold_component", [u["component"] for u in flat],
             [p.component for p in predicted], ["claim", "premise", "none"]),
            ("gold_document_stance", gold_docs, predicted_docs, [PRO, CONTRA, NEUTRAL])):
        present = [label for label in labels if label in gold or label in guess]
        results[name] = _report(gold, guess, [_majority(gold)] * len(gold), protocol, present)
    return results

