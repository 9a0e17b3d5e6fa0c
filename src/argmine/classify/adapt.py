"""Adapting the learned stance model to a thread: refit it on b2b-synthetic plus gold.

A researcher annotates part of a thread (``argmine annotate``, or gold files in the
guidelines' format); ``adapt_stance`` refits all three stages of the stance model on the
synthetic documents plus one ``TrainingDocument`` per gold document (its annotated spans as
units, their gold stances, its gold document stance), each gold unit weighing
``GOLD_WEIGHT`` synthetic ones.  The result is saved as ``stance.skops`` with a new
version (``stance-e5-adapted-...``), so ``argmine ingest --reanalyze`` relabels with it.

Everything here works on ``TrainingDocument`` matrices: the representation (the
encoder's embeddings, the rule evidence and, when the shipped model has one, the fine-tuned
adapter's probabilities) is whatever ``unit_matrices`` makes of a text.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

from argmine.classify import encoder, stance_model
from argmine.classify.adapter import Adapter
from argmine.classify.features import unit_evidence
from argmine.classify.rollup import document_stance
from argmine.classify.stance import reply_relation
from argmine.classify.stance_model import TrainingDocument
from argmine.errors import ArgmineError
from argmine.evaluate.synthetic import TARGET
from argmine.models import model_dir, model_version, save_model

#: A gold unit counts as this many synthetic ones: it is real text of the thread at hand,
#: and a few dozen of them would otherwise vanish among ~4,000 synthetic sentences.
GOLD_WEIGHT = 3.0


def by_document(units: Sequence[dict]) -> list[list[dict]]:
    """Gold units grouped by ``doc_id`` (documents in first-seen order, units by start)."""
    groups: dict[str, list[dict]] = {}
    for unit in units:
        groups.setdefault(unit["doc_id"], []).append(unit)
    return [sorted(group, key=lambda u: u["start"]) for group in groups.values()]


def gold_documents(units: Sequence[dict], texts: Mapping[str, str], target: str = TARGET,
                   weight: float = GOLD_WEIGHT, adapter: Adapter | None = None
                   ) -> list[TrainingDocument]:
    """One ``TrainingDocument`` per gold document, its annotated spans as units (one encoder
    call for all).  A unit's ``target`` field, when present, overrides ``target``.  The
    document stance is the guidelines' roll-up of the gold labels; the parent's stance is
    not known here (None), the opening's agreement is read from the text.  ``adapter``: the
    model's fine-tuned adapter (gold it never saw, so its probabilities are out of fold)."""
    documents = by_document(units)
    spans = [[texts[u["doc_id"]][u["start"]:u["end"]] for u in group] for group in documents]
    flat = [span for group in spans for span in group]
    evidence = [[unit_evidence(text, u.get("target") or target) for text, u in zip(group, units_)]
                for group, units_ in zip(spans, documents)]
    matrices = stance_model.unit_matrices(
        spans, evidence, encoder.encode(flat),
        adapter.probabilities(flat) if adapter is not None else None)
    training = []
    for group, sentences, matrix in zip(documents, spans, matrices):
        stance, _ = document_stance([(u["component"], u["stance"], 1.0, bool(u["central"]))
                                     for u in group])
        training.append(TrainingDocument(
            matrix=matrix, labels=[u["stance"] for u in group], stance=stance,
            central=[bool(u["central"]) for u in group], parent_stance=None,
            agreement=reply_relation(" ".join(sentences[:2])),
            group=f"gold:{group[0]['doc_id']}", weight=weight))
    return training


def database_gold(db_path: Path | str, thread: str | None = None,
                  annotator: str | None = None) -> tuple[list[dict], dict[str, str]]:
    """Gold units from the ``annotations`` table and their documents' texts.

    Several annotators of one span: the majority label (a tie drops the span: they
    disagree); spans of different annotators' segmentations that overlap: the one more
    annotators chose (then the earlier) is kept.  Each unit carries its thread's target."""
    from argmine.store import connect

    if not Path(db_path).exists():
        raise ArgmineError(f"{db_path}: no such database")
    db = connect(db_path, create=False)
    sql = ('SELECT a.document_id, a.start, a."end", a.text, a.component, a.stance, a.central, '
           "a.annotator, d.text AS document_text, t.target FROM annotations a "
           "JOIN documents d ON d.id = a.document_id LEFT JOIN threads t ON t.id = d.thread_id "
           "WHERE (:thread IS NULL OR d.thread_id = :thread) "
           "AND (:annotator IS NULL OR a.annotator = :annotator) "
           'ORDER BY d.published, a.document_id, a.start, a."end"')
    rows = db.execute(sql, {"thread": thread, "annotator": annotator}).fetchall()
    db.close()
    spans: dict[tuple[str, int, int], list] = {}
    texts: dict[str, str] = {}
    for row in rows:
        spans.setdefault((row[0], row[1], row[2]), []).append(row)
        texts[row[0]] = row[8] or ""
    units, last_end = [], {}
    candidates = []
    for (doc, start, end), votes in spans.items():
        stance = Counter(v[5] for v in votes).most_common()
        if len(stance) > 1 and stance[0][1] == stance[1][1]:
            continue  # the annotators disagree: no gold
        component = Counter(v[4] for v in votes).most_common(1)[0][0]
        central = sum(bool(v[6]) for v in votes) * 2 > len(votes)
        candidates.append((doc, start, end, len(votes), {
            "doc_id": doc, "start": start, "end": end, "text": votes[0][3],
            "component": component, "stance": stance[0][0], "central": central,
            "annotator": ",".join(sorted({v[7] for v in votes})),
            "target": votes[0][9] or TARGET}))
    order = {doc: i for i, doc in enumerate(dict.fromkeys(c[0] for c in candidates))}
    for doc, start, end, _, unit in sorted(candidates, key=lambda c: (order[c[0]], -c[3], c[1])):
        if any(s < end and start < e for s, e in last_end.get(doc, [])):
            continue
        last_end.setdefault(doc, []).append((start, end))
        units.append(unit)
    units.sort(key=lambda u: (order[u["doc_id"]], u["start"]))
    if not units:
        where = " and ".join(filter(None, [thread and f"thread {thread!r}",
                                           annotator and f"annotator {annotator!r}"]))
        raise ArgmineError(f"{db_path}: no annotations{' for ' + where if where else ''} "
                           "(argmine annotate import first)")
    return units, texts


def adapt_stance(gold: Sequence[TrainingDocument], synthetic=None, output: Path | None = None,
                 source: str = "gold annotations",
                 training: Sequence[TrainingDocument] | None = None,
                 adapter: Adapter | None = None) -> dict:
    """Refit the learned stance model on b2b-synthetic (the shipped model's threads: all
    but the held-out tenth) plus ``gold``, save it to ``output`` (default ``models/``) as
    ``stance.skops`` and return what the card records about it.

    ``training``: the synthetic documents already read (tests, or to reuse embeddings);
    ``adapter``: the fine-tuned adapter both ``gold`` and ``training`` were read with."""
    from argmine.classify.train import STANCE_TRAINED_ON, stance_payload
    from argmine.evaluate.stance_cv import heldout
    from argmine.train import record_metrics, stance_data

    if not gold:
        raise ArgmineError(f"{source}: no gold units")
    if training is None:
        training = stance_data(synthetic, adapter=adapter)[0]
    synthetic_docs = [d for d in training if not heldout(d.group)]
    model = stance_model.fit([*synthetic_docs, *gold], adapter=adapter)
    family = "stance-e5-adapted" if adapter is None else "stance-e5-lora-adapted"
    model.version = model_version(family, model.units, model.documents, model.context)
    units = sum(len(d.labels) for d in gold)
    adapted = {"gold_units": units, "gold_documents": len(gold), "source": source,
               "weight": max(d.weight for d in gold),
               "labels": dict(Counter(label for d in gold for label in d.labels)),
               "synthetic_sentences": sum(len(d.labels) for d in synthetic_docs)}
    folder = output or model_dir()
    _carry_label_models(folder)
    previous = _previous_stance_metrics(folder)
    payload = stance_payload(model, json.dumps({"adapted": adapted}))
    payload["trained_on"] = (f"{STANCE_TRAINED_ON}; adapted with {units} gold units of "
                             f"{len(gold)} documents ({source}), weight {adapted['weight']:g}")
    save_model(payload, folder / "stance.skops")
    record_metrics(folder, "stance", {"version": model.version, "encoder": encoder.version(),
                                      "stance": previous, "adapted": adapted})
    return {"version": model.version, "path": str(folder / "stance.skops"), **adapted}


def _carry_label_models(folder: Path) -> None:
    """A model folder other than the shipped one gets the other models too, so that
    ``ARGMINE_MODEL_DIR=folder`` labels with the adapted stance model."""
    shipped = model_dir()
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("labels.skops", "segmenter.skops"):
        if not (folder / name).exists() and (shipped / name).exists():
            shutil.copy2(shipped / name, folder / name)


def _previous_stance_metrics(folder: Path) -> dict:
    """The synthetic numbers of the model before adaptation (the card keeps showing them,
    marked as such): held-out synthetic protocols do not describe the adapted model's gold."""
    from argmine.train import METRICS_FILE

    for path in (folder / METRICS_FILE, model_dir() / METRICS_FILE):
        if path.exists():
            stance = json.loads(path.read_text("utf-8")).get("stance", {})
            if stance.get("stance"):
                return stance["stance"]
    return {}

