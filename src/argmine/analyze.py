"""The analysis stage: a Document with text in, the same Document with language, units and labels out.

It knows nothing about sources or the database; ingest and the ``analyze``
command both call it.
"""

from __future__ import annotations

from argmine.classify.labeller import Labeller
from argmine.nlp.language import detect_language
from argmine.nlp.pipeline import Pipeline
from argmine.nlp.segment import UNITS_KEY
from argmine.records import Document, Unit

#: Languages the segmenter and models are built for; others are stored unanalysed.
ANALYSED_LANGUAGES = {"de"}


def analyze_document(document: Document, pipeline: Pipeline, default_language: str = "de",
                     labeller: Labeller | None = None, target: str | None = None,
                     parent_stance: str | None = None) -> Document:
    """Detect the language; for German text, segment it into units and label them."""
    if document.text is None:
        return document
    document.lang = detect_language(document.text, default_language)
    document.units = []
    if document.lang in ANALYSED_LANGUAGES:
        doc = pipeline.nlp(document.text)
        document.units = [
            Unit(start=span.start_char, end=span.end_char, text=span.text)
            for span in doc.spans[UNITS_KEY]
        ]
        if labeller is not None and target:
            labeller.label(document, target, parent_stance)
    return document


def analyze_text(text: str, pipeline: Pipeline, target: str,
                 labeller: Labeller | None | bool = True) -> dict:
    """One text as the ``argmine analyze`` JSON object (no database involved)."""
    labeller = Labeller.load() if labeller is True else (labeller or None)
    document = analyze_document(Document(key="-", text=text, source="-"), pipeline,
                                labeller=labeller, target=target)
    return {
        "stance": document.stance, "confidence": document.stance_confidence,
        "units": [{"start": u.start, "end": u.end, "text": u.text, "component": u.component,
                   "stance": u.stance, "confidence": u.confidence} for u in document.units],
    }
