"""TF-IDF of word and character n-grams, without scikit-learn's per-text Python overhead.

scikit-learn's ``char_wb`` analyser builds every n-gram of every word in
Python, for every unit, and that was the largest single cost of labelling
(issue 6).  Its n-grams never cross a word boundary, so a text's n-grams are
the concatenation of its words' n-grams: caching each word's vocabulary
columns gives exactly the matrix ``TfidfVectorizer.transform`` gives, at a
fraction of the cost, because word frequencies are Zipfian.  The columns of
all texts of a call are joined into one array at once, and repeated columns
counted by one sort for all rows (``counts_matrix``; issue 11: SciPy's
``sum_duplicates`` was 40% of the character transform).

The ``word`` analyser's n-grams do cross words, but its per-text cost was
scikit-learn's counting machinery (a dict and two growing arrays per text),
not the n-grams: ``WordNgramTfidf`` looks the same n-grams up and lets
SciPy count them, for the same matrix.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from weakref import WeakKeyDictionary

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

CACHED_WORDS = 100_000  # per vectorizer; a few hundred bytes each
_EMPTY = np.zeros(0, dtype=np.int64)


class WordCachedTfidf:
    """``transform`` of a fitted ``char_wb`` TfidfVectorizer, with a per-word cache."""

    def __init__(self, vectorizer: TfidfVectorizer, cached_words: int = CACHED_WORDS) -> None:
        if vectorizer.analyzer != "char_wb" or vectorizer.binary:
            raise ValueError("only a char_wb, non-binary TfidfVectorizer can be cached by word")
        self.vectorizer = vectorizer
        self._preprocess = vectorizer.build_preprocessor()
        if vectorizer.lowercase and not vectorizer.strip_accents and not vectorizer.preprocessor:
            self._preprocess = str.lower  # what that preprocessor does, without its wrapper
        self._min_n, self._max_n = vectorizer.ngram_range
        self._columns = lru_cache(maxsize=cached_words)(self._word_columns)

    def _word_columns(self, word: str) -> np.ndarray:
        vocabulary = self.vectorizer.vocabulary_
        return np.asarray([vocabulary[g] for g in self._ngrams(word) if g in vocabulary],
                          dtype=np.int64)

    def _ngrams(self, word: str) -> list[str]:
        """scikit-learn's ``_char_wb_ngrams`` of one word of a preprocessed text (a cache
        miss ran its whole analyser, preprocessing and splitting included)."""
        padded = f" {word} "
        size = len(padded)
        grams: list[str] = []
        for n in range(self._min_n, self._max_n + 1):
            if n >= size:  # a word no longer than n counts once, whole
                grams.append(padded)
                break
            grams += [padded[i:i + n] for i in range(size - n + 1)]
        return grams

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The same matrix as ``vectorizer.transform(texts)``."""
        texts_words = [self._preprocess(t).split() for t in texts]
        columns = [*map(self._columns, (w for words in texts_words for w in words))]
        # a text's entries end where the columns of its last word end
        word_ends = np.zeros(len(columns) + 1, dtype=np.int64)
        np.cumsum([len(c) for c in columns], out=word_ends[1:])
        text_ends = np.zeros(len(texts_words) + 1, dtype=np.int64)
        np.cumsum([len(words) for words in texts_words], out=text_ends[1:])
        indices = np.concatenate(columns) if columns else _EMPTY
        return _tfidf(self.vectorizer, indices, word_ends[text_ends])


class WordNgramTfidf:
    """``transform`` of a fitted ``word`` TfidfVectorizer with the default analyser
    (its token pattern, lower case or not, no stop words, accents or callables)."""

    def __init__(self, vectorizer: TfidfVectorizer) -> None:
        if not supports_word_ngrams(vectorizer):
            raise ValueError("only a word TfidfVectorizer with the default analyser")
        self.vectorizer = vectorizer
        self._tokens = re.compile(vectorizer.token_pattern).findall
        self._lower = vectorizer.lowercase
        self._min_n, self._max_n = vectorizer.ngram_range

    def _ngrams(self, text: str) -> list[str]:
        """scikit-learn's ``_word_ngrams``: the n-grams of each n in turn, in text order."""
        tokens = self._tokens(text.lower() if self._lower else text)
        grams = list(tokens) if self._min_n == 1 else []
        for n in range(max(self._min_n, 2), min(self._max_n, len(tokens)) + 1):
            grams += [" ".join(tokens[i:i + n]) for i in range(len(tokens) - n + 1)]
        return grams

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        """The same matrix as ``vectorizer.transform(texts)``."""
        vocabulary = self.vectorizer.vocabulary_
        indices: list[int] = []
        ends = [0]
        for text in texts:
            indices += [vocabulary[g] for g in self._ngrams(text) if g in vocabulary]
            ends.append(len(indices))
        return _tfidf(self.vectorizer, np.asarray(indices, dtype=np.int32),
                      np.asarray(ends, dtype=np.int32))


def supports_word_ngrams(vectorizer: TfidfVectorizer) -> bool:
    """Whether ``WordNgramTfidf`` reproduces ``vectorizer``'s analyser."""
    return (vectorizer.analyzer == "word" and not vectorizer.binary
            and vectorizer.input == "content" and vectorizer.preprocessor is None
            and vectorizer.tokenizer is None and vectorizer.stop_words is None
            and vectorizer.strip_accents is None and vectorizer.ngram_range[0] >= 1)


def _tfidf(vectorizer: TfidfVectorizer, indices: np.ndarray, indptr: np.ndarray
           ) -> sp.csr_matrix:
    """Rows of n-gram columns (repeats allowed) -> the vectorizer's TF-IDF matrix."""
    return _weigh(vectorizer, counts_matrix(indices, indptr, len(vectorizer.vocabulary_)))


def counts_matrix(indices: np.ndarray, indptr: np.ndarray, columns: int) -> sp.csr_matrix:
    """``csr_matrix((ones, indices, indptr)).sum_duplicates()``: each row's columns sorted,
    a repeated column counted once with the number of its repeats.

    One NumPy sort of (row, column) keys for all rows: SciPy sorts (column, value)
    pairs row by row, which cost more than everything else in the transform.
    """
    rows = len(indptr) - 1
    keys = np.repeat(np.arange(rows, dtype=np.int64), np.diff(indptr)) * columns + indices
    # keys come in ascending runs (rows in order, a cached word's columns in order):
    # timsort ("stable") merges those runs, twice as fast as the default introsort here
    keys.sort(kind="stable")
    first = np.ones(len(keys), dtype=bool)  # the first of each run of equal keys
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys))).astype(np.float64)
    row_of = keys[starts] // columns
    matrix = sp.csr_matrix((counts, keys[starts] - row_of * columns,
                            np.searchsorted(row_of, np.arange(rows + 1))), shape=(rows, columns))
    matrix.has_canonical_format = True  # what sum_duplicates would have found
    return matrix


def _weigh(vectorizer: TfidfVectorizer, counts: sp.csr_matrix) -> sp.csr_matrix:
    """TfidfTransformer's weighting: sublinear tf, idf, then the norm."""
    if vectorizer.sublinear_tf:
        np.log(counts.data, out=counts.data)
        counts.data += 1.0
    if vectorizer.use_idf:
        counts.data *= vectorizer.idf_[counts.indices]
    if vectorizer.norm:
        counts = normalize(counts, norm=vectorizer.norm, copy=False)
    return counts


_cached: WeakKeyDictionary[TfidfVectorizer, WordCachedTfidf | WordNgramTfidf] = \
    WeakKeyDictionary()


def transform(vectorizer: TfidfVectorizer, texts: Sequence[str]) -> sp.csr_matrix:
    """``vectorizer.transform(texts)``, through a fast path where the analyser allows it."""
    fast = _cached.get(vectorizer)
    if fast is None:
        if vectorizer.analyzer == "char_wb" and not vectorizer.binary:
            fast = WordCachedTfidf(vectorizer)
        elif supports_word_ngrams(vectorizer):
            fast = WordNgramTfidf(vectorizer)
        else:
            return vectorizer.transform(texts)
        _cached[vectorizer] = fast
    return fast.transform(texts)
