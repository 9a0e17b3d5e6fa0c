#!/usr/bin/env python3
"""List annotated training documents without their text: what a model was trained on.

Usage: python scripts/training_sources.py FOLDER [FOLDER ...] > corpus/real-training/sources.jsonl

Real web text that trained a shipped model cannot be redistributed under MIT, but who reads
the model card should see what it was: per document its page (``url``, ``site``), ``genre``,
``doc_stance``, the number of sentences, their stance counts and how many the annotator
marked ``certain``.  FOLDER holds ``*.jsonl`` files in the training format (the one
``argmine train --extra-training`` reads).
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from argmine.evaluate.synthetic import load_synthetic
from argmine.jsonlines import read_objects

STANCES = ("PRO", "CONTRA", "NEUTRAL")


def provenance(document: dict) -> dict:
    """One document's listing: everything but its text."""
    sentences = document["sentences"]
    counts = Counter(s["stance"] for s in sentences)
    return {"doc_id": document["doc_id"], "url": document.get("url"),
            "site": document.get("site"), "genre": document.get("genre"),
            "doc_stance": document["doc_stance"], "sentences": len(sentences),
            "sentence_stances": {stance: counts[stance] for stance in STANCES},
            "certain": sum(bool(s.get("certain", True)) for s in sentences)}


def listings(folders: list[Path]) -> Iterator[dict]:
    """Every document of ``folders``, in file order; each folder is first read as training
    data, so a file that would not train is refused here too."""
    for folder in folders:
        load_synthetic(folder)
        for file in sorted(folder.glob("*.jsonl")):
            for _, document in read_objects(file):
                yield provenance(document)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="+", type=Path)
    for listing in listings(parser.parse_args().folders):
        print(json.dumps(listing, ensure_ascii=False))


if __name__ == "__main__":
    main()
