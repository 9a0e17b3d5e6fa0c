"""Fast transforms (word-cached n-grams, dict features) must equal scikit-learn's own."""

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from argmine.classify import ngrams
from argmine.classify.components import layout_text

from .real_units import corpus_units

TRAIN = ["Social Media ist für B2B nützlich.", "Das bezweifle ich sehr!",
         "Twitter bringt Kunden, Facebook kostet nur Zeit.", "Straße, Öl und Übermut"]
TEXTS = TRAIN + ["", "x", "  Doppelte  Leerzeichen\tund\nZeilen\u00a0umbrüche ",
                 "Unbekannte Wörter: Qwxz Zzyzx", "ΣΑΣ İstanbul", "Twitter Twitter Twitter"]


@pytest.mark.parametrize("options", [
    {"ngram_range": (2, 5), "sublinear_tf": True},
    {"ngram_range": (1, 3), "use_idf": False, "norm": "l1"},
    {"ngram_range": (3, 3), "norm": None, "lowercase": False},
])
def test_cached_transform_equals_sklearn(options):
    vectorizer = TfidfVectorizer(analyzer="char_wb", **options).fit(TRAIN)
    expected = vectorizer.transform(TEXTS).toarray()
    for _ in range(2):  # the second pass is served from the cache
        assert np.allclose(ngrams.transform(vectorizer, TEXTS).toarray(), expected,
                           rtol=0, atol=1e-12)


def test_other_analysers_are_passed_through():
    vectorizer = TfidfVectorizer(analyzer="char", ngram_range=(1, 2)).fit(TRAIN)
    assert (ngrams.transform(vectorizer, TEXTS) != vectorizer.transform(TEXTS)).nnz == 0
    with pytest.raises(ValueError, match="char_wb"):
        ngrams.WordCachedTfidf(vectorizer)
    with pytest.raises(ValueError, match="word"):
        ngrams.WordNgramTfidf(vectorizer)
    assert not ngrams.supports_word_ngrams(TfidfVectorizer(stop_words=["und"]).fit(TRAIN))


@pytest.mark.parametrize("options", [
    {"ngram_range": (1, 2), "min_df": 2, "sublinear_tf": True},  # the component model's
    {"ngram_range": (2, 3), "use_idf": False, "norm": "l1", "lowercase": False},
    {"ngram_range": (1, 1), "norm": None},
])
def test_word_ngrams_equal_sklearn_bit_for_bit_on_real_units(options):
    units = [layout_text(u, i + 1) for document in corpus_units()
             for i, u in enumerate(document)]
    vectorizer = TfidfVectorizer(**options).fit(units[::2])
    texts = units + TEXTS
    assert_same_matrix(ngrams.transform(vectorizer, texts), vectorizer.transform(texts))


def test_char_ngrams_equal_sklearn_bit_for_bit_on_real_units():
    units = [layout_text(u, i + 1) for document in corpus_units()
             for i, u in enumerate(document)]
    vectorizer = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=3,
                                 sublinear_tf=True).fit(units[::2])
    for _ in range(2):  # the second pass is served from the cache
        assert_same_matrix(ngrams.transform(vectorizer, units), vectorizer.transform(units))


def assert_same_matrix(found, expected) -> None:
    """Same shape, same stored entries in the same order, same bits."""
    assert found.shape == expected.shape
    assert np.array_equal(found.indptr, expected.indptr)
    assert np.array_equal(found.indices, expected.indices)
    assert found.data.tobytes() == expected.data.tobytes()


@given(st.lists(st.lists(st.integers(0, 9), max_size=12), max_size=8))
def test_counts_matrix_equals_scipy_sum_duplicates(rows):
    indptr = np.cumsum([0, *map(len, rows)])
    indices = np.array([c for row in rows for c in row], dtype=np.int64)
    expected = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), 10))
    expected.sum_duplicates()
    assert_same_matrix(ngrams.counts_matrix(indices, indptr, 10), expected)


def test_vectorise_equals_dictvectorizer_on_unit_features():
    from sklearn.feature_extraction import DictVectorizer

    from argmine.classify.features import document_features
    from argmine.classify.structure import vectorise

    units = ["Zwar bringt Twitter Kontakte,", "aber keine Kunden.", "Das lohnt sich nicht!"]
    vectorizer = DictVectorizer().fit(document_features(units[:2], "Twitter ist nützlich"))
    features = document_features(units, "Twitter ist nützlich")  # with unseen features
    expected = vectorizer.transform(features)
    assert (vectorise(vectorizer, features) != expected).nnz == 0
    assert vectorise(vectorizer, features).shape == expected.shape
