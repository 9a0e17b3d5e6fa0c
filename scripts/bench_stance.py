#!/usr/bin/env python3
"""Speed of the stance models: load time and units per second of each.

Usage: python scripts/bench_stance.py [--units N] [--json]

Labels N German units (the b2b-synthetic sentences when ../shared is there, else a
generated German-like text) as documents of five units, through the label models'
``score`` and ``label`` (what ingest and analyze call), once with each stance model,
in this process after a warm-up of one document.  Load time is ``Labeller.load``.
``ngrams`` is measured where ``models/stance-ngrams.skops`` is shipped.
"""

from __future__ import annotations

import argparse
import time

from bench_nlp import generate, print_result

from argmine.classify.labeller import NGRAM_STANCE_FILE, Labeller
from argmine.config import DEFAULT_TARGET, ENCODER, FAST, NGRAMS
from argmine.evaluate.synthetic import DEFAULT_DIR, load_synthetic
from argmine.models import model_dir
from argmine.records import Document, Unit

PER_DOCUMENT = 5


def units(n: int) -> list[str]:
    if DEFAULT_DIR.exists():
        found = [s.text for d in load_synthetic() for s in d.sentences]
    else:
        found = [s.strip() + "." for s in " ".join(generate(20 * n)).split(".") if s.strip()]
    return (found * (n // max(len(found), 1) + 1))[:n]


def documents(texts: list[str]) -> list[Document]:
    result = []
    for start in range(0, len(texts), PER_DOCUMENT):
        chunk = texts[start:start + PER_DOCUMENT]
        text, spans, at = " ".join(chunk), [], 0
        for unit in chunk:
            spans.append(Unit(at, at + len(unit), unit))
            at += len(unit) + 1
        result.append(Document(key=f"b{start}", text=text, source="bench", units=spans))
    return result


def bench(stance_model: str, texts: list[str]) -> dict:
    start = time.perf_counter()
    labeller = Labeller.load(stance=stance_model)
    loaded = time.perf_counter() - start
    warm = documents(texts[:PER_DOCUMENT])
    labeller.label(warm[0], DEFAULT_TARGET)
    batch = documents(texts)
    start = time.perf_counter()
    scores = labeller.score(batch, [DEFAULT_TARGET] * len(batch))
    for document, score in zip(batch, scores):
        labeller.label(document, DEFAULT_TARGET, scores=score)
    seconds = time.perf_counter() - start
    return {"load_seconds": round(loaded, 2), "units_per_second": round(len(texts) / seconds)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    texts = units(args.units)
    result = {"units": len(texts)}
    for model in (FAST, NGRAMS, ENCODER):
        if model == NGRAMS and not (model_dir() / NGRAM_STANCE_FILE).exists():
            continue
        for key, value in bench(model, texts).items():
            result[f"{model}_{key}"] = value
    print_result(result, args.json)


if __name__ == "__main__":
    main()
