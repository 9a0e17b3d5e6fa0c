#!/usr/bin/env python3
"""Score ``argmine analyze --lines`` on a sentence-level gold set, the way real text is judged.

Usage: python scripts/eval_lines.py GOLD_DIR... [--stance-model encoder|ngrams|fast|rules] [--json]
                                     [--bootstrap N] [--record DESCRIPTION]

GOLD_DIR holds ``gold.jsonl`` (the guidelines' format, one unit per sentence, plus
``certain``), ``documents.jsonl`` (``doc_id``, ``doc_stance``, in line order),
``docs.txt`` (one document per line, the text the offsets refer to) and
``sentences.txt`` (one gold sentence per line, in ``gold.jsonl`` order).  Two readings:

- ``documents``: every line of ``docs.txt`` is one document; each gold sentence takes the
  stance of the argmine unit that overlaps it most;
- ``sentences``: every line of ``sentences.txt`` is one document; the sentence takes the
  stance of its longest unit.

Reported: unit stance macro-F1 (3 classes) on all sentences and on the ``certain`` ones,
the share of sentences both call polar whose PRO/CONTRA argmine swaps, and how many
PRO/CONTRA documents get their stance right; several sets are pooled.  ``--bootstrap N``
adds 95% intervals (whole documents resampled), ``--record`` keeps the result in the model
folder's metrics.json as the learned stance model's real-text figure (``encoder`` or
``ngrams``).  Annotate a set before running
this on it, and score it once per model family: after that it is a seen set.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import NamedTuple

from argmine.config import STANCE_MODELS
from argmine.evaluate.metrics import classification_report
from argmine.models import STANCE_SECTIONS

CLASSES = ["PRO", "CONTRA", "NEUTRAL"]
POLAR = ("PRO", "CONTRA")


def analyze(path: Path, stance_model: str) -> list[dict]:
    """``argmine analyze --lines`` on ``path``: one JSON object per non-empty line."""
    command = [sys.executable, "-m", "argmine.cli", "analyze", str(path), "--lines",
               "--format", "jsonl", "--stance-model", stance_model]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return [json.loads(line) for line in output.splitlines()]


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def stance_of_span(units: list[dict], span: tuple[int, int]) -> str:
    """The stance of the unit that overlaps ``span`` most (NEUTRAL when none does)."""
    best = max(units, key=lambda u: _overlap((u["start"], u["end"]), span), default=None)
    if best is None or _overlap((best["start"], best["end"]), span) == 0:
        return "NEUTRAL"
    return best["stance"] or "NEUTRAL"


def scores(gold: list[dict], predicted: list[str]) -> dict:
    certain = [(g["stance"], p) for g, p in zip(gold, predicted) if g.get("certain", True)]
    polar = [(g["stance"], p) for g, p in zip(gold, predicted)
             if g["stance"] in POLAR and p in POLAR]
    return {
        "macro_f1": classification_report([g["stance"] for g in gold], predicted,
                                          CLASSES)["macro_f1"],
        "macro_f1_certain": classification_report([g for g, _ in certain],
                                                  [p for _, p in certain], CLASSES)["macro_f1"],
        "sentences": len(gold), "certain": len(certain),
        "polar_swaps": round(sum(g != p for g, p in polar) / max(len(polar), 1), 3),
    }


class Readings(NamedTuple):
    """One or more sets as argmine read them: each gold sentence with its document's key,
    the stance read in the document and alone, and each document's gold and read stance."""

    gold: list[dict]
    in_documents: list[str]
    alone: list[str]
    documents: list[tuple[str, str, str]]  # (key, gold doc_stance, argmine's stance)


def read_set(folder: Path, stance_model: str) -> Readings:
    """``argmine analyze --lines`` on one set's documents and on its sentences."""
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text("utf-8").splitlines()]
    for g in gold:  # the document's key: doc_ids of pooled sets may repeat
        g["key"] = f"{folder}#{g['doc_id']}"
    documents = [json.loads(line) for line in
                 (folder / "documents.jsonl").read_text("utf-8").splitlines()]
    by_document = {d["line"]: d for d in analyze(folder / "docs.txt", stance_model)}
    by_sentence = {s["line"]: s for s in analyze(folder / "sentences.txt", stance_model)}
    line_of = {d["doc_id"]: number for number, d in enumerate(documents, start=1)}
    in_documents = [stance_of_span(by_document[line_of[g["doc_id"]]]["units"],
                                   (g["start"], g["end"])) for g in gold]
    alone = [stance_of_span(by_sentence[number]["units"], (0, len(g["text"])))
             for number, g in enumerate(gold, start=1)]
    read = [(f"{folder}#{d['doc_id']}", d["doc_stance"], by_document[n]["stance"])
            for n, d in enumerate(documents, start=1)]
    return Readings(gold, in_documents, alone, read)


def pooled(readings: list[Readings]) -> Readings:
    return Readings(*([item for r in readings for item in r[field]] for field in range(4)))


def summarise(readings: Readings, stance_model: str) -> dict:
    polar_documents = [(g, p) for _, g, p in readings.documents if g in POLAR]
    return {
        "stance_model": stance_model,
        "documents": scores(readings.gold, readings.in_documents),
        "sentences": scores(readings.gold, readings.alone),
        "document_stance": {"right": sum(g == p for g, p in polar_documents),
                            "of": len(polar_documents)},
    }


def resample(readings: Readings, rng: random.Random) -> Readings:
    """The same number of documents drawn with replacement, each with its sentences."""
    keys = [key for key, _, _ in readings.documents]
    sentences: dict[str, list[int]] = {}
    for index, g in enumerate(readings.gold):
        sentences.setdefault(g["key"], []).append(index)
    document = {row[0]: row for row in readings.documents}
    drawn = rng.choices(keys, k=len(keys))
    picked = [i for key in drawn for i in sentences.get(key, [])]
    return Readings([readings.gold[i] for i in picked],
                    [readings.in_documents[i] for i in picked],
                    [readings.alone[i] for i in picked], [document[key] for key in drawn])


def intervals(readings: Readings, resamples: int, seed: int = 0) -> dict:
    """95% intervals of the certain macro-F1 of both readings and of the share of
    PRO/CONTRA documents right, from ``resamples`` bootstrap draws of whole documents
    (sentences of one document are not independent)."""
    rng = random.Random(seed)
    draws: dict[str, list[float]] = {"documents": [], "sentences": [], "document_stance": []}
    for _ in range(resamples):
        result = summarise(resample(readings, rng), "")
        draws["documents"].append(result["documents"]["macro_f1_certain"])
        draws["sentences"].append(result["sentences"]["macro_f1_certain"])
        right = result["document_stance"]
        draws["document_stance"].append(right["right"] / max(right["of"], 1))
    cuts = {name: statistics.quantiles(values, n=40) for name, values in draws.items()}
    return {name: [round(c[0], 3), round(c[-1], 3)] for name, c in cuts.items()}


def record(result: dict, description: str) -> Path:
    """Keep ``result`` (of a learned stance model) as its real-text figure in the model
    folder's metrics.json, with that model's version: the report and the model card show
    it only while the same model labels (a retrain rewrites the section and drops it)."""
    from argmine.models import model_dir
    from argmine.train import METRICS_FILE, write_model_card

    folder = model_dir()
    path = folder / METRICS_FILE
    metrics = json.loads(path.read_text("utf-8"))
    name = STANCE_SECTIONS.get(result["stance_model"], "")
    if name not in metrics:
        raise SystemExit(f"{path}: no learned '{result['stance_model']}' stance model "
                         "to keep a figure for")
    section = metrics[name]
    section["real_text"] = {
        "model_version": section["version"], "protocol": description,
        "documents_reading": result["documents"]["macro_f1_certain"],
        "sentence_reading": result["sentences"]["macro_f1_certain"],
        "documents_right": result["document_stance"],
        "sentences": result["documents"]["sentences"], "certain": result["documents"]["certain"],
        "polar_swaps": [result["documents"]["polar_swaps"], result["sentences"]["polar_swaps"]],
        "intervals": result.get("intervals"), "date": date.today().isoformat(),
    }
    path.write_text(json.dumps(metrics, indent=2, ensure_ascii=False) + "\n", "utf-8")
    write_model_card(folder)
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+", help="One or more sets (pooled).")
    parser.add_argument("--stance-model", default="encoder", choices=list(STANCE_MODELS))
    parser.add_argument("--bootstrap", type=int, default=0, metavar="N",
                        help="95%% intervals from N resamples of whole documents.")
    parser.add_argument("--record", metavar="DESCRIPTION", help="Keep the result as the "
                        "learned stance model's real-text figure in metrics.json (shown by the report "
                        "and the model card); DESCRIPTION says what the sets are, e.g. that "
                        "they were blind.")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if args.record and args.stance_model not in STANCE_SECTIONS:
        parser.error("--record keeps a learned stance model's figure: encoder or ngrams")
    readings = pooled([read_set(folder, args.stance_model) for folder in args.folders])
    result = summarise(readings, args.stance_model)
    if args.bootstrap:
        result["intervals"] = intervals(readings, args.bootstrap)
    if args.record:
        record(result, args.record)
    if args.json:
        print(json.dumps(result))
        return
    print(f"stance model: {result['stance_model']}")
    for reading in ("documents", "sentences"):
        r = result[reading]
        print(f"read as {reading:<9}: macro-F1 {r['macro_f1']:.3f} "
              f"(certain {r['macro_f1_certain']:.3f}, n={r['certain']}), "
              f"PRO/CONTRA swapped in {r['polar_swaps']:.0%} of polar pairs")
    d = result["document_stance"]
    print(f"documents right: {d['right']} of {d['of']} PRO/CONTRA documents")
    for name, (low, high) in result.get("intervals", {}).items():
        print(f"95% interval, {name}: {low:.3f}-{high:.3f}")


if __name__ == "__main__":
    main()
