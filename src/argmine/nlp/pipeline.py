"""The one place that decides which spaCy pipeline runs.

By default ``de_core_news_md`` when it is installed, otherwise argmine's own
fallback: ``spacy.blank("de")`` plus lookup lemmas from spacy-lookups-data
and argmine's components.  Either way argmine's sentence splitter and unit
segmenter run, so units look the same whichever pipeline produced them.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language

from argmine import __version__
from argmine.errors import PipelineError
from argmine.nlp.segment import UNITS_KEY

FALLBACK_NAME = "argmine-fallback"
PREFERRED_MODEL = "de_core_news_md"


@dataclass
class Pipeline:
    """A loaded spaCy pipeline and the name argmine records for it."""

    nlp: Language
    name: str

    def units(self, text: str) -> list[tuple[int, int]]:
        """Character offsets of the units of ``text``."""
        doc = self.nlp(text)
        return [(span.start_char, span.end_char) for span in doc.spans[UNITS_KEY]]


def fallback_pipeline() -> Language:
    """``spacy.blank("de")`` with argmine's components; needs no download."""
    nlp = spacy.blank("de")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.add_pipe("argmine_sentencizer")
    nlp.add_pipe("argmine_units")
    nlp.initialize()  # loads the lemma table from spacy-lookups-data
    return nlp


def _installed_pipeline(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PipelineError(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"'python -m spacy download {name}' or use --spacy-model {FALLBACK_NAME}"
        ) from exc
    first = nlp.pipe_names[0] if nlp.pipe_names else None
    nlp.add_pipe("argmine_sentencizer", before=first) if first else nlp.add_pipe(
        "argmine_sentencizer")
    nlp.add_pipe("argmine_units", last=True)
    return nlp


def load_pipeline(name: str | None = None) -> Pipeline:
    """Load ``name``; None means the preferred model if installed, else the fallback."""
    if name is None:
        name = PREFERRED_MODEL if spacy.util.is_package(PREFERRED_MODEL) else FALLBACK_NAME
    if name == FALLBACK_NAME:
        return Pipeline(fallback_pipeline(), f"{FALLBACK_NAME} {__version__} "
                        f"(spacy {spacy.__version__} blank:de)")
    nlp = _installed_pipeline(name)
    meta = nlp.meta
    return Pipeline(nlp, f"{meta.get('lang', '?')}_{meta.get('name', name)} "
                    f"{meta.get('version', '?')} (spacy {spacy.__version__})")
