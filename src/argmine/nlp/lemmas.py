"""Lemmas from spacy-lookups-data (spaCy component ``argmine_lemmatizer``).

The same table and the same rule as spaCy's lookup lemmatizer (a word's
lemma is its table entry, else the word itself), applied through
``Doc.to_array``/``from_array`` with a cache per word form, so it costs a
dictionary look-up per token instead of a Python object per token.  This
keeps the fallback pipeline within the speed target of issue 3.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc


@Language.factory("argmine_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)


class LookupLemmatizer:
    """Sets ``token.lemma_`` from the language's ``lemma_lookup`` table."""

    def __init__(self, nlp: Language) -> None:
        self.table = load_lookups(nlp.lang, ["lemma_lookup"]).get_table("lemma_lookup")
        self.strings = nlp.vocab.strings
        self.cache: dict[int, int] = {}

    def _lemma(self, orth: int) -> int:
        lemma = self.cache.get(orth)
        if lemma is None:
            text = self.strings[orth]
            lemma = self.strings.add(self.table.get(text, text))
            self.cache[orth] = lemma
        return lemma

    def __call__(self, doc: Doc) -> Doc:
        if len(doc):
            orths = doc.to_array(ORTH).tolist()
            lemmas = np.array([self._lemma(o) for o in orths], dtype="uint64").reshape(-1, 1)
            doc.from_array([LEMMA], lemmas)
        return doc
