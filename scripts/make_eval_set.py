#!/usr/bin/env python3
"""Turn annotated documents into the folder ``eval_lines.py`` reads.

Usage: python scripts/make_eval_set.py DOCUMENTS.jsonl OUT_DIR

DOCUMENTS.jsonl is the training format of b2b-synthetic and ``argmine train
--extra-training`` (one document per line: ``doc_id``, ``doc_stance``, ``sentences`` with
``text``, ``stance``, ``component``, ``central``), plus an optional ``certain`` per sentence
(false where the annotator hesitated) and ``url``/``site`` per document.  One annotated file
thus serves both purposes: as training data for one model, as a gold set for another.

Written to OUT_DIR: ``gold.jsonl`` (one unit per sentence, the guidelines' format, offsets
into the document's line), ``documents.jsonl`` (``doc_id``, ``doc_stance`` in line order),
``docs.txt`` (each document's sentences joined by a space, one document per line) and
``sentences.txt`` (one sentence per line, in ``gold.jsonl`` order).  Whitespace inside a
sentence is collapsed, so that no sentence breaks a line.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from argmine.evaluate.annotations import STANCES
from argmine.jsonlines import read_objects


def document_units(document: dict) -> tuple[str, list[dict]]:
    """One document's line and its gold units (character offsets into that line)."""
    line, units = "", []
    for sentence in document["sentences"]:
        text = " ".join(sentence["text"].split())
        if not text or sentence["stance"] not in STANCES:
            raise ValueError(f"{document['doc_id']}: empty sentence or stance "
                             f"{sentence['stance']!r} (expected one of {sorted(STANCES)})")
        start = len(line) + (1 if line else 0)
        line = f"{line} {text}" if line else text
        units.append({"doc_id": document["doc_id"], "start": start, "end": len(line),
                      "text": text, "component": sentence.get("component", "none"),
                      "stance": sentence["stance"], "central": bool(sentence.get("central")),
                      "certain": bool(sentence.get("certain", True)),
                      "annotator": document.get("annotator", "")})
    return line, units


def write_eval_set(documents: list[dict], folder: Path) -> None:
    """The four files of ``eval_lines.py`` for ``documents``, in ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    lines, gold = [], []
    for document in documents:
        line, units = document_units(document)
        lines.append(line)
        gold.extend(units)
    rows = [{"doc_id": d["doc_id"], "doc_stance": d["doc_stance"], "url": d.get("url"),
             "site": d.get("site")} for d in documents]
    _write_jsonl(folder / "gold.jsonl", gold)
    _write_jsonl(folder / "documents.jsonl", rows)
    (folder / "docs.txt").write_text("".join(f"{line}\n" for line in lines), "utf-8")
    (folder / "sentences.txt").write_text("".join(f"{u['text']}\n" for u in gold), "utf-8")


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("documents", type=Path)
    parser.add_argument("folder", type=Path)
    args = parser.parse_args()
    documents = [document for _, document in read_objects(args.documents)]
    write_eval_set(documents, args.folder)
    sentences = sum(len(d["sentences"]) for d in documents)
    print(f"{args.folder}: {len(documents)} documents, {sentences} sentences")


if __name__ == "__main__":
    main()
