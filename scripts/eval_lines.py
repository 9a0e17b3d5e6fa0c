#!/usr/bin/env python3
"""Score ``argmine analyze --lines`` on a sentence-level gold set, the way real text is judged.

Usage: python scripts/eval_lines.py GOLD_DIR [--stance-model encoder|fast] [--json]

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
PRO/CONTRA documents get their stance right.  Annotate a set before running this on it,
and score it once per model family: after that it is a seen set.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

from argmine.evaluate.metrics import classification_report

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


def evaluate(folder: Path, stance_model: str) -> dict:
    gold = [json.loads(line) for line in (folder / "gold.jsonl").read_text("utf-8").splitlines()]
    documents = [json.loads(line) for line in
                 (folder / "documents.jsonl").read_text("utf-8").splitlines()]
    by_document = {d["line"]: d for d in analyze(folder / "docs.txt", stance_model)}
    by_sentence = {s["line"]: s for s in analyze(folder / "sentences.txt", stance_model)}
    line_of = {d["doc_id"]: number for number, d in enumerate(documents, start=1)}
    in_documents = [stance_of_span(by_document[line_of[g["doc_id"]]]["units"],
                                   (g["start"], g["end"])) for g in gold]
    alone = [stance_of_span(by_sentence[number]["units"], (0, len(g["text"])))
             for number, g in enumerate(gold, start=1)]
    polar_documents = [(d["doc_stance"], by_document[n]["stance"])
                       for n, d in enumerate(documents, start=1) if d["doc_stance"] in POLAR]
    return {
        "stance_model": stance_model,
        "documents": scores(gold, in_documents),
        "sentences": scores(gold, alone),
        "document_stance": {"right": sum(g == p for g, p in polar_documents),
                            "of": len(polar_documents)},
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--stance-model", default="encoder", choices=["encoder", "fast"])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    result = evaluate(args.folder, args.stance_model)
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


if __name__ == "__main__":
    main()
