"""Character n-gram TF-IDF without recomputing the n-grams of words seen before.

scikit-learn's ``char_wb`` analyser builds every n-gram of every word in
Python, for every unit, and that was the largest single cost of labelling
(issue 6).  Its n-grams never cross a word boundary, so a text's n-grams are
the concatenation of its words' n-grams: caching each word's vocabulary
columns gives exactly the matrix ``TfidfVectorizer.transform`` gives, at a
fraction of the cost, because word frequencies are Zipfian.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from weakref import WeakKeyDictionary

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

CACHED_WORDS = 100_000  # per vectorizer; a few hundred bytes each


class WordCachedTfidf:
    """``transform`` of a fitted ``char_wb`` TfidfVectorizer, with a per-word cache."""

    def __init__(self, vectorizer: TfidfVectorizer, cached_words: int = CACHED_WORDS) -> None:
        if vectorizer.analyzer != "char_wb" or vectorizer.binary:
            raise ValueError("only a char_wb, non-binary TfidfVectorizer can be cached by word")
        self.vectorizer = vectorizer
        self._preprocess = vectorizer.build_preprocessor()
        self._analyse = vectorizer.build_analyzer()
        self._columns = lru_cache(maxsize=cached_words)(self._word_columns)

    def _word_columns(self, word: str) -> np.ndarray:
        vocabulary = self.vectorizer.vocabulary_
        found = [vocabulary[g] for g in self._analyse(word) if g in vocabulary]
        return np.asarray(found, dtype=np.int64)

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The same matrix as ``vectorizer.transform(texts)``."""
        empty = np.zeros(0, dtype=np.int64)
        rows = [np.concatenate([self._columns(w) for w in self._preprocess(t).split()] or [empty])
                for t in texts]
        indptr = np.zeros(len(rows) + 1, dtype=np.int64)
        np.cumsum([len(r) for r in rows], out=indptr[1:])
        indices = np.concatenate(rows) if rows else empty
        counts = sp.csr_matrix((np.ones(len(indices)), indices, indptr),
                               shape=(len(rows), len(self.vectorizer.vocabulary_)))
        counts.sum_duplicates()  # repeated n-grams become counts, indices sorted
        return self._weigh(counts)

    def _weigh(self, counts: sp.csr_matrix) -> sp.csr_matrix:
        """TfidfTransformer's weighting: sublinear tf, idf, then the norm."""
        if self.vectorizer.sublinear_tf:
            np.log(counts.data, out=counts.data)
            counts.data += 1.0
        if self.vectorizer.use_idf:
            counts.data *= self.vectorizer.idf_[counts.indices]
        if self.vectorizer.norm:
            counts = normalize(counts, norm=self.vectorizer.norm, copy=False)
        return counts


_cached: WeakKeyDictionary[TfidfVectorizer, WordCachedTfidf] = WeakKeyDictionary()


def transform(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sp.csr_matrix:
    """``vectorizer.transform(texts)``, through the word cache where the analyser allows it."""
    if vectorizer.analyzer != "char_wb" or vectorizer.binary:
        return vectorizer.transform(texts)
    if vectorizer not in _cached:
        _cached[vectorizer] = WordCachedTfidf(vectorizer)
    return _cached[vectorizer].transform(texts)
