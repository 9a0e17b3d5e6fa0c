"""Fast transforms (word-cached n-grams, dict features) must equal scikit-learn's own."""

import numpy as np
import pytest
from sklearn.feature_extraction.text import TfidfVectorizer

from argmine.classify import ngrams

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
    vectorizer = TfidfVectorizer(ngram_range=(1, 2)).fit(TRAIN)
    assert (ngrams.transform(vectorizer, TEXTS) != vectorizer.transform(TEXTS)).nnz == 0
    with pytest.raises(ValueError, match="char_wb"):
        ngrams.WordCachedTfidf(vectorizer)


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
