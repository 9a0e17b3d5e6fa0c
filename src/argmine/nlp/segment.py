"""Argumentative units as spans (spaCy component ``argmine_units``).

Each sentence is split where a boundary scorer accepts a candidate
(``boundaries.py``): by default the junctions the annotation guidelines
always split, and elsewhere the logistic-regression model trained on the
microtexts (``models/segmenter.skops``); without that file, the connective
rules.  Units
live in ``doc.spans["units"]`` with exact character offsets, trimmed of
surrounding whitespace and list markers; the scorer's version is in
``doc.spans["units"].attrs["segmenter"]``.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from argmine.nlp.boundaries import GuidedScorer, RuleScorer, candidates, sentence_ranges
from argmine.nlp.tokens import TokenTable, shared_table

UNITS_KEY = "units"
LIST_MARKERS = {"-", "–", "—", "•", "*", "·", "+"}


def load_scorer(model: str | None):
    """The model file's scorer under the guideline junctions, or the rules without a model."""
    if not model:
        return RuleScorer()
    from argmine.models import load_model
    from argmine.nlp.training import scorer_from_payload
    return GuidedScorer(scorer_from_payload(load_model(Path(model))))


@Language.factory("argmine_units", default_config={"model": None})
def make_unit_segmenter(nlp: Language, name: str, model: str | None) -> UnitSegmenter:
    return UnitSegmenter(load_scorer(model))


def _trim(table: TokenTable, doc: Doc, start: int, end: int) -> Span | None:
    """The span without surrounding whitespace and a leading list marker; None if empty."""
    if start < end and table.text[start] in LIST_MARKERS:
        start += 1
    while start < end and table.is_space[start]:
        start += 1
    while end > start and table.is_space[end - 1]:
        end -= 1
    if all(table.is_punct[i] or table.is_space[i] for i in range(start, end)):
        return None
    return Span(doc, start, end)


class UnitSegmenter:
    """Splits sentences into unit spans; needs sentence boundaries upstream."""

    def __init__(self, scorer) -> None:
        self.scorer = scorer

    def split(self, table: TokenTable, start: int, end: int) -> list[tuple[int, int]]:
        """Token ranges of the units of the sentence ``start:end``."""
        cuts = [c.index for c in candidates(table, start, end)
                if self.scorer.score(c) >= self.scorer.threshold]
        edges = [start, *cuts, end]
        return [(a, b) for a, b in zip(edges, edges[1:]) if b > a]

    def __call__(self, doc: Doc) -> Doc:
        table = shared_table(doc)
        pieces = [piece for start, end in sentence_ranges(doc)
                  for piece in self.split(table, start, end)]
        doc.spans[UNITS_KEY] = [span for a, b in pieces if (span := _trim(table, doc, a, b))]
        doc.spans[UNITS_KEY].attrs["segmenter"] = self.scorer.version
        return doc
