"""Real inputs for the tests that compare a fast computation with its reference: the units
argmine's own segmenter makes of the bundled web-style documents (corpus/stance-training,
invented for this project, MIT) and of the essay (corpus/essay.txt)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


def corpus_texts() -> list[str]:
    """Every document of corpus/stance-training (sentences joined) and the essay."""
    texts = []
    for path in sorted((CORPUS / "stance-training").glob("*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            if line.strip():
                texts.append(" ".join(s["text"] for s in json.loads(line)["sentences"]))
    return [*texts, (CORPUS / "essay.txt").read_text("utf-8")]


@lru_cache(maxsize=1)
def _segmented() -> tuple[tuple[str, ...], ...]:
    from argmine.nlp import load_pipeline
    from argmine.nlp.pipeline import FALLBACK_NAME
    from argmine.nlp.segment import UNITS_KEY

    nlp = load_pipeline(FALLBACK_NAME).nlp
    return tuple(tuple(span.text for span in doc.spans[UNITS_KEY])
                 for doc in nlp.pipe(corpus_texts()))


def corpus_units() -> list[list[str]]:
    """Each corpus document's units, as the fallback pipeline segments them."""
    return [list(units) for units in _segmented()]
