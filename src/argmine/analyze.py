"""The analysis stage: a Document with text in, the same Document with language and units out.

It knows nothing about sources or the database; ingest and the ``analyze``
command both call it.
"""

from __future__ import annotations

from argmine.nlp.language import detect_language
from argmine.nlp.pipeline import Pipeline
from argmine.nlp.segment import UNITS_KEY
from argmine.records import Document, Unit

#: Languages the segmenter and models are built for; others are stored unanalysed.
ANALYSED_LANGUAGES = {"de"}


def analyze_document(document: Document, pipeline: Pipeline, default_language: str = "de") -> Document:
    """Detect the language and, for German text, segment it into units."""
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
    return document
