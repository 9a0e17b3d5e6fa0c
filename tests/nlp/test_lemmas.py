"""The lemma table read as a plain dict must give the lemmas spaCy's own Table gives."""

import pytest
from spacy.lookups import load_lookups

from argmine.nlp.lemmas import lemma_table

from ..classify.real_units import corpus_texts


def test_the_plain_table_gives_spacys_lemma_for_every_entry_and_real_word():
    table = load_lookups("de", ["lemma_lookup"]).get_table("lemma_lookup")
    plain = lemma_table("de")
    assert len(plain) == len(table) > 300_000
    assert all(table.get(word) == lemma for word, lemma in plain.items())
    words = {word for text in corpus_texts() for word in text.split()}
    words |= {word.strip(".,;:!?()„“\"") for word in words}
    assert len(words) > 10_000
    assert all(table.get(word, word) == plain.get(word, word) for word in words)


def test_a_language_without_lemma_data_raises_spacys_error():
    with pytest.raises(ValueError, match="lemma_lookup"):
        lemma_table("xx")
