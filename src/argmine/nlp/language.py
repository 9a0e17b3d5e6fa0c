"""Which language a document is in (py3langid, BSD-licensed, model shipped in the wheel).

Very short texts ("Danke!", "+1") carry too little evidence; they, and texts
the model is unsure about, take the thread's language instead of a guess.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_WORDS = 4
MIN_PROBABILITY = 0.8


@lru_cache(maxsize=1)
def _identifier() -> LanguageIdentifier:
    identifier = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    # py3langid keeps its feature weights as float16, and NumPy converted the rows each
    # text needs to float32 before multiplying: converted once here instead (57 MB, not
    # 28, shared by forked workers), the scoring step takes 40% of its time, with
    # bit-identical scores (issue 11; tested)
    identifier.nb_ptc = np.ascontiguousarray(identifier.nb_ptc, dtype=np.float32)
    return identifier


def preload() -> None:
    """Load the language model now (about 0.5 s).  Called before worker processes fork,
    so that they share one copy instead of each loading its own on its first document."""
    _identifier()


def detect_language(text: str, default: str = "de") -> str:
    """ISO 639-1 code of ``text``'s language, or ``default`` when the evidence is thin."""
    if len(text.split()) < MIN_WORDS:
        return default
    language, probability = _identifier().classify(text)
    return language if probability >= MIN_PROBABILITY else default
