"""Argumentative units as spans (spaCy component ``argmine_units``).

Units live in ``doc.spans["units"]`` with exact character offsets.  This
version makes one unit per sentence, trimmed of surrounding whitespace and
list markers; clause-level splitting (``Zwar X, aber Y``) refines it.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

UNITS_KEY = "units"
LIST_MARKERS = {"-", "–", "—", "•", "*", "·", "+"}


@Language.factory("argmine_units")
def make_unit_segmenter(nlp: Language, name: str) -> UnitSegmenter:
    return UnitSegmenter()


def _trim(span: Span) -> Span | None:
    start, end = span.start, span.end
    while start < end and (span.doc[start].is_space or
                           (start == span.start and span.doc[start].text in LIST_MARKERS)):
        start += 1
    while end > start and span.doc[end - 1].is_space:
        end -= 1
    if start == end or all(t.is_punct or t.is_space for t in span.doc[start:end]):
        return None
    return span.doc[start:end]


class UnitSegmenter:
    """Turns sentences into unit spans; needs sentence boundaries upstream."""

    def __call__(self, doc: Doc) -> Doc:
        units = [trimmed for sent in doc.sents if (trimmed := _trim(sent)) is not None]
        doc.spans[UNITS_KEY] = units
        return doc
