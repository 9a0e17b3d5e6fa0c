"""Stance rules: target lexicons (shipped and user), definitions, and how decide uses them.

Every sentence here is invented for the test.
"""

import os

import pytest

from argmine.classify.features import evaluations, lexical_relation, relation_to_target, words
from argmine.classify.stance import Scores, decide
from argmine.classify.target_lexicon import (
    TARGETS_ENV,
    lexicon_for,
    lexicons_version,
    read_lexicon,
)
from argmine.errors import ArgmineError

TARGET = "Social Media ist für B2B nützlich"


@pytest.mark.parametrize("claim, expected", [
    ("Über unser Blog kommen regelmäßig Anfragen von Geschäftskunden.", 1),
    ("Twitter bringt uns keine Neukunden.", -1),
    ("Die Entscheider lesen keine Blogs, die treffen sich auf Messen.", -1),
    ("Für die meisten ist das ein netter Zeitvertreib.", -1),
    # a negator inside an entry belongs to it and does not flip the clause
    ("Der Aufwand steht in keinem Verhältnis zum Ertrag.", -1),
    ("Das Wetter war gestern schön.", 0),
])
def test_the_shipped_lexicon_reads_the_debates_own_terms(claim, expected):
    assert lexical_relation(words(claim), TARGET) == expected


def test_a_target_lexicon_decides_before_general_polarity():
    # "schön" is generally positive; private use speaks against this target
    assert relation_to_target("Privat ist das sehr schön.", TARGET) == -1
    assert relation_to_target("Privat ist das sehr schön.", "Radfahren ist gesund") == 1


def test_the_lexicon_is_found_by_proposition_and_other_targets_have_none():
    assert lexicon_for("social media ist für B2B nützlich.") is lexicon_for(TARGET)
    assert lexicon_for(TARGET) is not None
    assert lexicon_for("Sollte Deutschland die Todesstrafe einführen?") is None
    assert lexical_relation(words("Twitter bringt keine Neukunden."), "Radfahren ist gesund") == 0


def test_a_researcher_adds_a_lexicon_for_another_target(tmp_path, monkeypatch):
    shipped = lexicons_version()
    (tmp_path / "rad.toml").write_text(
        'proposition = "Radwege sind sinnvoll"\npro = ["pendler"]\ncontra = ["stau"]\n',
        encoding="utf-8")
    monkeypatch.setenv(TARGETS_ENV, str(tmp_path))
    assert relation_to_target("Mehr Pendler steigen um.", "Radwege sind sinnvoll.") == 1
    assert relation_to_target("Es gibt keinen Stau mehr.", "Radwege sind sinnvoll") == 1
    assert lexicons_version() != shipped  # labels made with it carry another version
    # a user's file for the shipped proposition replaces the shipped lexicon
    (tmp_path / "b2b.toml").write_text(f'proposition = "{TARGET}"\ncontra = ["xing"]\n',
                                       encoding="utf-8")
    monkeypatch.setenv(TARGETS_ENV, os.pathsep.join([str(tmp_path), str(tmp_path / "missing")]))
    assert relation_to_target("Wir sind auf Xing.", TARGET) == -1
    assert lexical_relation(words("Twitter bringt uns Neukunden."), TARGET) == 0


@pytest.mark.parametrize("content, reason", [
    ("pro = ['x']", "needs a proposition"),
    ('proposition = "P"\npro = "x"', "pro must be a list"),
    ("proposition = ", "not a readable target lexicon"),
])
def test_a_broken_lexicon_file_is_named_in_a_one_line_error(tmp_path, content, reason):
    path = tmp_path / "bad.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ArgmineError, match=reason) as error:
        read_lexicon(path)
    assert str(path) in str(error.value) and "\n" not in str(error.value)


def _scores(components, lexical, relations, evaluative=None):
    n = len(components)
    return Scores(components=components, own_voice=[0.9] * n, central=[0.9] + [0.1] * (n - 1),
                  relations=relations, lexical=lexical, evaluative=evaluative or [False] * n)


def test_a_unit_in_the_targets_terms_is_argumentative_and_keeps_its_own_stance():
    units = ["Beruflich nutzt mir Social Media gar nichts.",
             "Freiberufler finden dort durchaus Geschäftskontakte.",  # a PRO concession
             "Danke fürs Lesen!"]
    components = [("claim", 0.8), ("none", 0.6), ("none", 0.9)]
    labels, stance, _ = decide(units, _scores(components, [0, 1, 0], [-1, 1, 0]), TARGET)
    assert stance == "CONTRA"
    assert [(u.component, u.stance) for u in labels] == [
        ("claim", "CONTRA"), ("premise", "PRO"), ("none", "NEUTRAL")]
    # without the lexicon's evidence the model's "none" stands
    labels, _, _ = decide(units, _scores(components, [0, 0, 0], [-1, 1, 0]), TARGET)
    assert labels[1].component == "none" and labels[1].stance == "NEUTRAL"


def test_a_definition_takes_no_stance_even_in_a_contra_document():
    units = ["Beruflich nutzt mir Social Media gar nichts.",
             "Effizient bedeutet, ein Ziel mit vertretbarem Aufwand zu erreichen.",
             "Die Entscheider sind dort kaum zu finden."]
    components = [("claim", 0.8), ("premise", 0.7), ("premise", 0.7)]
    labels, stance, _ = decide(units, _scores(components, [0, 0, -1], [-1, 1, -1]), TARGET)
    assert stance == "CONTRA"
    assert [u.stance for u in labels] == ["CONTRA", "NEUTRAL", "CONTRA"]


def test_possible_background_that_says_nothing_about_the_target_is_neutral():
    units = ["Beruflich nutzt mir Social Media gar nichts.",
             "Ich arbeite seit zwanzig Jahren im Vertrieb.",       # no relation, unsure
             "Zu speziell sind unsere Produkte.",                  # no relation, surely a reason
             "Die Plattformen sind für Geschäfte schlicht schlecht."]  # relates: inherits
    components = [("claim", 0.8), ("premise", 0.45), ("premise", 0.7), ("premise", 0.4)]
    labels, stance, _ = decide(units, _scores(components, [0] * 4, [-1, 0, 0, -1]), TARGET)
    assert stance == "CONTRA"
    assert [u.stance for u in labels] == ["CONTRA", "NEUTRAL", "CONTRA", "CONTRA"]


def test_an_evaluating_unit_is_argumentative_but_a_question_or_thanks_is_not():
    units = ["Beruflich nutzt mir Social Media gar nichts.", "Mehr nicht.",
             "Lohnt sich das nicht doch?", "Danke fürs Lesen!"]
    assert evaluations(units) == [True, True, False, False]
    components = [("claim", 0.8), ("none", 0.7), ("none", 0.7), ("none", 0.9)]
    scores = _scores(components, [0] * 4, [-1, -1, 1, 0], evaluations(units))
    labels, _, _ = decide(units, scores, TARGET)
    assert [(u.component, u.stance) for u in labels] == [
        ("claim", "CONTRA"), ("premise", "CONTRA"), ("none", "NEUTRAL"), ("none", "NEUTRAL")]


def test_a_unit_whose_own_words_contradict_what_it_would_inherit_is_neutral():
    units = ["Beruflich nutzt mir Social Media gar nichts.",
             "Die Plattformen sind für Geschäfte schlicht schlecht.",  # agrees: CONTRA
             "Das Wetter war schön."]                                  # points the other way
    components = [("claim", 0.8), ("premise", 0.7), ("premise", 0.7)]
    labels, stance, _ = decide(units, _scores(components, [0] * 3, [-1, -1, 1]), TARGET)
    assert stance == "CONTRA"
    assert [u.stance for u in labels] == ["CONTRA", "CONTRA", "NEUTRAL"]
