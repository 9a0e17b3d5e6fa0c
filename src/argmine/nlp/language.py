"""Which language a document is in (py3langid, BSD-licensed, model shipped in the wheel).

Very short texts ("Danke!", "+1") carry too little evidence; they, and texts
the model is unsure about, take the thread's language instead of a guess.

Plainly German text skips the model: where at least ``MIN_MARKERS`` words, and
``MIN_MARKER_SHARE`` of all, are German function words that no other language
spaCy knows lists as a stop word, the text is German.  py3langid's byte-level
feature extraction runs in Python and cost about a seventh of a bulk ingest's
analysis; the check costs a split and a set lookup per word.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
from py3langid.langid import MODEL_FILE, LanguageIdentifier

MIN_WORDS = 4
MIN_PROBABILITY = 0.8

#: German stop words (spaCy's list) that are stop words in none of spaCy's other 74
#: languages (Dutch, Luxembourgish, the Scandinavian ones included): "die", "ich",
#: "mit", "den" and "es" are not here for that reason.  Kept to function words and
#: tested against spaCy's lists, so that adding an ambiguous word fails a test.
GERMAN_MARKERS = frozenset("""
    aber auch auf bin dass daß davon dort ein eine einem einen einer eines etwas für
    gibt habe haben heute ihr kein keine mehr meine mich nicht nichts noch nur ohne
    seit selbst sich sind über und unsere viele weil wenn wer wir wird würde
""".split())
#: In the synthetic German documents a twentieth of texts fall below a share of 0.09;
#: the densest other language in spaCy's example sentences (Luxembourgish) has 0.017.
MIN_MARKER_SHARE = 0.08
MIN_MARKERS = 3
_PUNCTUATION = "\"'„“”‚‘’»«.,;:!?()[]{}-–—…/*"


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
    words = text.split()
    if len(words) < MIN_WORDS:
        return default
    if plainly_german(words):
        return "de"
    language, probability = _identifier().classify(text)
    return language if probability >= MIN_PROBABILITY else default


def plainly_german(words: list[str]) -> bool:
    """True when enough of ``words`` (a text split on whitespace) are ``GERMAN_MARKERS``."""
    markers = sum(w.strip(_PUNCTUATION).lower() in GERMAN_MARKERS for w in words)
    return markers >= MIN_MARKERS and markers >= MIN_MARKER_SHARE * len(words)
