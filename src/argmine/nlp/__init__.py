"""German NLP: which spaCy pipeline runs, sentence splitting, unit segmentation.

Importing this package registers argmine's spaCy components
(``argmine_lemmatizer``, ``argmine_sentencizer``, ``argmine_units``) with
``@Language.factory``.
"""

from argmine.nlp import lemmas, segment, sentences  # noqa: F401  (registers the factories)
from argmine.nlp.pipeline import FALLBACK_NAME, Pipeline, load_pipeline

__all__ = ["FALLBACK_NAME", "Pipeline", "load_pipeline"]
