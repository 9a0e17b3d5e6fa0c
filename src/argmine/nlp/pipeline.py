"""The one place that decides which spaCy pipeline runs.

By default ``de_core_news_md`` when it is installed, otherwise argmine's own
fallback: ``spacy.blank("de")`` plus argmine's components (lookup lemmas from
spacy-lookups-data, sentences, units).  Either way argmine's sentence splitter and unit
segmenter run, so units look the same whichever pipeline produced them.
"""

from __future__ import annotations

from dataclasses import dataclass

import spacy
from spacy.language import Language

from argmine import __version__
from argmine.errors import PipelineError
from argmine.models import model_path

FALLBACK_NAME = "argmine-fallback"
PREFERRED_MODEL = "de_core_news_md"


@dataclass
class Pipeline:
    """A loaded spaCy pipeline and the name argmine records for it."""

    nlp: Language
    name: str


def segmenter_model() -> str | None:
    """The shipped boundary model, when present (else the segmenter uses its rules)."""
    path = model_path("segmenter")
    return str(path) if path.exists() else None


def fallback_pipeline(segmenter: str | None = None) -> Language:
    """``spacy.blank("de")`` with argmine's components; needs no download."""
    nlp = spacy.blank("de")
    nlp.add_pipe("argmine_lemmatizer")  # lookup lemmas from spacy-lookups-data
    nlp.add_pipe("argmine_sentencizer")
    nlp.add_pipe("argmine_units", config={"model": segmenter})
    return nlp


def _installed_pipeline(name: str) -> Language:
    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise PipelineError(
            f"spaCy pipeline {name!r} is not installed; install it with "
            f"'python -m spacy download {name}' or use --spacy-model {FALLBACK_NAME}"
        ) from exc
    nlp.add_pipe("argmine_sentencizer", first=True)  # its boundaries bind a later parser
    nlp.add_pipe("argmine_units", last=True, config={"model": segmenter_model()})
    return nlp


def load_pipeline(name: str | None = None) -> Pipeline:
    """Load ``name``; None means the preferred model if installed, else the fallback."""
    if name is None:
        name = PREFERRED_MODEL if spacy.util.is_package(PREFERRED_MODEL) else FALLBACK_NAME
    if name == FALLBACK_NAME:
        nlp = fallback_pipeline(segmenter_model())
        base = f"{FALLBACK_NAME} {__version__} (spacy {spacy.__version__} blank:de)"
    else:
        nlp = _installed_pipeline(name)
        meta = nlp.meta
        base = (f"{meta.get('lang', '?')}_{meta.get('name', name)} {meta.get('version', '?')} "
                f"(spacy {spacy.__version__})")
    segmenter = nlp.get_pipe("argmine_units").scorer.version
    return Pipeline(nlp, f"{base} + units:{segmenter}")
