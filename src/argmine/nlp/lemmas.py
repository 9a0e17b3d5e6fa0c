"""Lemmas from spacy-lookups-data (spaCy component ``argmine_lemmatizer``).

The same table and the same rule as spaCy's lookup lemmatizer (a word's
lemma is its table entry, else the word itself), applied through
``Doc.to_array``/``from_array`` with a cache per word form, so it costs a
dictionary look-up per token instead of a Python object per token, and with
the table read into a plain dict (``lemma_table``).  This
keeps the fallback pipeline within the speed target of issue 3.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.lookups import load_lookups
from spacy.tokens import Doc
from spacy.util import load_language_data, registry


@Language.factory("argmine_lemmatizer")
def make_lemmatizer(nlp: Language, name: str) -> LookupLemmatizer:
    return LookupLemmatizer(nlp)


def lemma_table(lang: str) -> dict[str, str]:
    """The language's ``lemma_lookup`` table from spacy-lookups-data, as a plain dict.

    ``load_lookups`` builds a spaCy ``Table``, which hashes every one of the German
    table's 355,000 entries into its own keys and a Bloom filter: 0.6 s of every
    start-up, for what a dict look-up by string finds as well (``Table.get(word,
    word)`` and ``dict.get(word, word)`` give the same lemma; tests/nlp compares them).
    Missing data raises the same error as ``load_lookups``.
    """
    data = registry.lookups.get(lang) if lang in registry.lookups else {}
    if "lemma_lookup" not in data:
        load_lookups(lang, ["lemma_lookup"])  # raises spaCy's own error
    return load_language_data(data["lemma_lookup"])


class LookupLemmatizer:
    """Sets ``token.lemma_`` from the language's ``lemma_lookup`` table."""

    def __init__(self, nlp: Language) -> None:
        self.table = lemma_table(nlp.lang)
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
