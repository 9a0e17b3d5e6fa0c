"""The one-pass reading of units (``classify.reading``) must equal the features it replaces."""

import pytest

from argmine.classify import features
from argmine.classify.reading import TargetReader, polarity, read_units, reader
from argmine.classify.target_lexicon import lexicon_for
from argmine.config import DEFAULT_TARGET

from .real_units import corpus_units

TARGETS = [
    DEFAULT_TARGET,  # has a target lexicon and an opposite ("nützlich" / "nutzlos")
    "Sollte Deutschland die Todesstrafe einführen?",  # opposites, no lexicon
    "Twitter ist schädlich",  # a negative proposition
    "",  # no target at all
]


@pytest.fixture(scope="module")
def units() -> list[list[str]]:
    found = corpus_units()
    assert sum(map(len, found)) > 3000
    return found


@pytest.mark.parametrize("target", TARGETS)
def test_reading_equals_the_reference_features_on_real_units(units, target):
    target_words = features._target_words(target)
    for document in units:
        for unit, reading in zip(document, read_units(document, target), strict=True):
            assert reading.tokens == features.words(unit)
            assert reading.evidence == features.unit_evidence(unit, target)
            assert reading.polarity == features.polarity(features.words(unit))
            assert reading.overlap == features.overlap(features.words(unit), target_words)


@pytest.mark.parametrize("target", [DEFAULT_TARGET, None])
def test_document_features_from_readings_equal_those_computed_alone(units, target):
    for document in units[:120]:
        expected = features.document_features(document, target)
        found = read_units(document, target or "")
        assert features.document_features(
            document, target, [r.evidence.relation for r in found],
            tokens=[r.tokens for r in found], polarities=[r.polarity for r in found],
            overlaps=[r.overlap for r in found] if target else None) == expected


@pytest.mark.parametrize("tokens", [
    [], ["nicht"], ["nicht", "nur", "gut"], ["keine", "zeit", "verschwenden"],
    ["man", "sollte", "social", "media", "nicht", "überschätzen"], ["kein", "nicht", "gut"],
    ["das", "ist", "schlecht", "und", "teuer"],
])
def test_polarity_shortcuts_equal_the_reference(tokens):
    assert polarity(tokens) == features.polarity(tokens)


def test_overlap_counts_stems_and_compound_heads_like_the_reference():
    target = "Mietpreise sind in Städten zu hoch"
    reading = TargetReader(target, lexicon_for(target))
    for tokens in (["mietpreiserhöhungen"], ["städte", "hoch"], ["wohnungsmietpreise"],
                   ["preise"], ["sind", "zu", "in"], []):
        assert reading.overlap(tokens) == features.overlap(tokens, features.words(target))


def test_the_reader_follows_a_lexicon_added_later(tmp_path, monkeypatch):
    target = "Podcasts sind für B2B nützlich"
    assert reader(target).lexicon is None
    (tmp_path / "podcasts.toml").write_text(
        f'proposition = "{target}"\npro = ["neukunden"]\ncontra = []\n', "utf-8")
    monkeypatch.setenv("ARGMINE_TARGETS", str(tmp_path))
    assert reader(target).lexicon is not None
    assert read_units(["Podcasts bringen Neukunden."], target)[0].evidence.lexical == 1
