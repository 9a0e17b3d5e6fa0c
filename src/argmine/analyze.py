"""The analysis stage: Documents with text in, the same Documents with language, units and labels out.

It knows nothing about sources or the database; ingest and the ``analyze``
command both call it.  Documents are analysed in batches: one ``nlp.pipe``
and one call per label model for the whole batch, then each document's
stance is decided in order, so that a reply sees the stance of a parent
analysed just before it.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

from argmine.classify.labeller import Labeller
from argmine.classify.stance import Scores
from argmine.models import model_path
from argmine.nlp.language import detect_language
from argmine.nlp.pipeline import Pipeline
from argmine.nlp.segment import UNITS_KEY
from argmine.records import Document, Unit

#: Languages the segmenter and models are built for; others are stored unanalysed.
ANALYSED_LANGUAGES = {"de"}

ParentStance = Callable[[Document], "str | None"]


def segment_and_score(documents: Sequence[Document], pipeline: Pipeline,
                      languages: Sequence[str], labeller: Labeller | None = None,
                      targets: Sequence[str | None] = ()) -> list[Scores | None]:
    """Languages and units (set in place) and model scores per document.

    Independent per document, so it can run in worker processes; what depends
    on other documents (a reply's parent stance) is left to ``decide_stances``.
    """
    for document, default in zip(documents, languages):
        if document.text is not None:
            document.lang = detect_language(document.text, default)
            document.units = []
    german = [d for d in documents if d.text is not None and d.lang in ANALYSED_LANGUAGES]
    for document, doc in zip(german, pipeline.nlp.pipe(d.text for d in german)):
        # spaCy keeps the text intact (doc.text == document.text), so a unit's text is a
        # slice of it; Span.text would join a Token object per token instead
        text = document.text
        document.units = [Unit(start=s.start_char, end=s.end_char,
                               text=text[s.start_char:s.end_char])
                          for s in doc.spans[UNITS_KEY]]
    target_of = dict(zip(map(id, documents), targets))
    labelled = [d for d in german if target_of.get(id(d))]
    scores: dict[int, Scores] = {}
    if labeller is not None and labelled:
        found = labeller.score(labelled, [target_of[id(d)] for d in labelled])
        scores = dict(zip(map(id, labelled), found))
    return [scores.get(id(d)) for d in documents]


def decide_stances(documents: Sequence[Document], scores: Sequence[Scores | None],
                   labeller: Labeller | None, targets: Sequence[str | None],
                   parent_stance: ParentStance) -> None:
    """Label each scored document in order; a reply sees a parent decided just before it."""
    if labeller is None:
        return
    decided: dict[str, str | None] = {}
    for document, score, target in zip(documents, scores, targets):
        if score is None or not target:
            continue
        parent = decided.get(document.parent) if document.parent in decided \
            else parent_stance(document)
        labeller.label(document, target, parent, score)
        decided[document.key] = document.stance


def analyze_documents(documents: Sequence[Document], pipeline: Pipeline,
                      languages: Sequence[str], labeller: Labeller | None = None,
                      targets: Sequence[str | None] = (),
                      parent_stance: ParentStance = lambda document: None) -> None:
    """Detect languages, segment German texts and label their units, in place.

    ``parent_stance`` answers for parents outside the batch; parents inside it
    are answered from this batch's own results.
    """
    targets = list(targets) or [None] * len(documents)
    scores = segment_and_score(documents, pipeline, languages, labeller, targets)
    decide_stances(documents, scores, labeller, targets, parent_stance)


def analyze_document(document: Document, pipeline: Pipeline, default_language: str = "de",
                     labeller: Labeller | None = None, target: str | None = None,
                     parent_stance: str | None = None) -> Document:
    """One document (see ``analyze_documents``)."""
    analyze_documents([document], pipeline, [default_language], labeller, [target],
                      lambda _: parent_stance)
    return document


@lru_cache(maxsize=2)
def _labeller_at(path: Path, stance: str | None,
                 modified_ns: tuple[int, ...]) -> Labeller | None:
    return Labeller.load(path, stance)


def shipped_labeller() -> Labeller | None:
    """The shipped label models with the chosen stance model, loaded once per process.

    Loading costs seconds (skops audits every object of the n-gram
    vocabulary), far more than labelling a line, so callers that analyse
    text after text must not pay it per text.  The cache is keyed by the
    stance model and the files' modification times, so a retrained model is picked up.
    """
    path = model_path("labels")
    files = (path, model_path("stance"))
    modified_ns = tuple(f.stat().st_mtime_ns if f.exists() else -1 for f in files)
    return _labeller_at(path, os.environ.get("ARGMINE_STANCE_MODEL"), modified_ns)


def analyze_texts(texts: Sequence[str], pipeline: Pipeline, target: str,
                  labeller: Labeller | None | bool = True) -> list[dict]:
    """Many independent texts as ``argmine analyze`` JSON objects, in one batch: one
    ``nlp.pipe``, one encoder call and one call per model for all of them."""
    labeller = shipped_labeller() if labeller is True else (labeller or None)
    documents = [Document(key=f"-{i}", text=text, source="-") for i, text in enumerate(texts)]
    analyze_documents(documents, pipeline, ["de"] * len(documents), labeller,
                      [target] * len(documents))
    return [_as_json(document) for document in documents]


def analyze_text(text: str, pipeline: Pipeline, target: str,
                 labeller: Labeller | None | bool = True) -> dict:
    """One text as the ``argmine analyze`` JSON object (no database involved).

    ``labeller=True`` means the shipped models, loaded on the first call only.
    """
    return analyze_texts([text], pipeline, target, labeller)[0]


def _as_json(document: Document) -> dict:
    return {
        "stance": document.stance, "confidence": document.stance_confidence,
        "units": [{"start": u.start, "end": u.end, "text": u.text, "component": u.component,
                   "stance": u.stance, "confidence": u.confidence} for u in document.units],
    }
