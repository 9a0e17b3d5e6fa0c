"""Target relation, polarity and reply agreement on hand-written German sentences."""

import pytest

from argmine.classify.features import (
    main_clause_words,
    negations,
    overlap,
    polarity,
    relation_to_target,
    words,
)
from argmine.classify.rollup import author_stance, document_stance
from argmine.classify.stance import reply_relation

TARGET = "Social Media ist für B2B nützlich"


@pytest.mark.parametrize("claim, expected", [
    ("Social Media ist für B2B sehr nützlich.", 1),
    ("Beruflich nutzt mir Social Media gar nichts.", -1),
    ("Social Media ist für B2B nicht nützlich.", -1),
    ("Ich halte Social Media wirtschaftlich für ziemlich bescheidene Plattformen.", -1),
    ("Ich bezweifle, dass sich Social Media für B2B lohnt.", -1),
    ("Nein, das bringt nichts.", -1),
    ("Für Freiberufler ist Twitter eine gute Chance.", 1),
])
def test_relation_to_target(claim, expected):
    assert relation_to_target(claim, TARGET) == expected


@pytest.mark.parametrize("claim, question, expected", [
    ("Die Todesstrafe sollte weltweit abgeschafft werden.", "Sollte Deutschland die Todesstrafe einführen?", -1),
    ("Deutschland sollte die Todesstrafe nicht einführen.", "Sollte Deutschland die Todesstrafe einführen?", -1),
    ("Deutschland sollte die Todesstrafe einführen.", "Sollte Deutschland die Todesstrafe einführen?", 1),
])
def test_relation_to_a_trigger_question(claim, question, expected):
    assert relation_to_target(claim, question) == expected


@pytest.mark.parametrize("claim, expected", [
    # negation inside a relative clause does not negate the claim
    ("Plattformen, die nicht kostenlos sind, sind für B2B nützlich.", 1),
    ("Plattformen, die nicht kostenlos sind, sind für B2B nicht nützlich.", -1),
    # nor does negation in an adverbial clause
    ("Social Media ist für B2B nutzlos, solange man nicht dauerhaft dabeibleibt.", -1),
    # a dass-clause under a verb of believing carries the proposition
    ("Ich glaube, dass Social Media für B2B nicht nützlich ist.", -1),
])
def test_negation_and_evaluation_count_in_the_main_clause(claim, expected):
    assert relation_to_target(claim, TARGET) == expected


def test_main_clause_leaves_out_relative_and_adverbial_clauses():
    text = "Daten, die nicht kostenlos sind, sollten nicht gekauft werden, weil das Unrecht ist."
    assert main_clause_words(text) == ["daten", "sollten", "nicht", "gekauft", "werden"]
    assert main_clause_words("Wenn nicht, dann nicht.") == ["dann", "nicht"]
    assert main_clause_words("weil.") == ["weil"]  # nothing but a subordinate clause


def test_not_only_and_not_least_do_not_negate():
    assert negations(words("Das ist nicht nur nützlich, sondern nicht zuletzt günstig.")) == 0
    assert negations(words("Das ist nicht nützlich und kaum günstig.")) == 2
    claim = "Social Media birgt nicht nur Risiken, es bringt auch kaum Vorteile."
    assert relation_to_target(claim, TARGET) == -1


def test_a_text_never_opens_with_a_relative_clause():
    # sentence-initial "Der" is an article: the reported claim is the main clause
    assert main_clause_words("Der Hype ist vorbei, sagte er, der Chef.") == [
        "der", "hype", "ist", "vorbei", "sagte", "er"]


def test_some_negative_evaluations_survive_negation():
    assert polarity(words("Man sollte seine Zeit nicht mit Twitter verschwenden.")) == -1
    assert polarity(words("Man sollte Social Media nicht überschätzen.")) == -1
    assert polarity(words("Das ist keine Verschwendung.")) == 1  # a noun is simply negated
    assert relation_to_target("Nicht jedes Unternehmen sollte Zeit für Xing verschwenden.",
                              TARGET) == -1


def test_a_wenn_clause_evaluated_through_es_is_the_proposition():
    assert main_clause_words("Es ist gut, wenn Läden sonntags nicht öffnen.") == [
        "es", "ist", "gut", "wenn", "läden", "sonntags", "nicht", "öffnen"]
    assert main_clause_words("Läden sind gut, wenn sie nicht öffnen.") == ["läden", "sind", "gut"]
    question = "Sollten Läden sonntags öffnen dürfen?"
    assert relation_to_target("Es ist gut, wenn Läden sonntags nicht öffnen.", question) == -1


def test_overlap_matches_inflections_and_compound_heads_not_stop_words():
    question = words("Sollte es eine Begrenzung für Mietpreiserhöhungen beim Wechsel geben?")
    claim = words("Die Mietpreise sollten bei jedem Wohnungswechsel begrenzt werden.")
    assert overlap(claim, question) == pytest.approx(3 / 4)  # begrenz-, mietpr-, -wechsel
    assert overlap(words("Sollte es eine beim für?"), question) == 0.0


def test_polarity_flips_under_negation():
    assert polarity(words("Das ist gut")) == 1
    assert polarity(words("Das ist nicht gut")) == -1
    assert polarity(words("Das ist kein Problem")) == 1


@pytest.mark.parametrize("text, expected", [
    ("Sehe ich genauso. Die Entscheider lesen keine Tweets.", 1),
    ("Da muss ich widersprechen. Unsere Einkäufer sind dort.", -1),
    ("Das stimmt so nicht.", -1),
    ("Danke für den Artikel!", 0),
])
def test_reply_agreement(text, expected):
    assert reply_relation(text) == expected


def test_document_stance_follows_the_central_claim_not_the_count():
    units = [("premise", "PRO", 0.9, False), ("premise", "PRO", 0.9, False),
             ("claim", "CONTRA", 0.6, True)]
    assert document_stance(units) == ("CONTRA", 0.6)
    assert document_stance([("none", "NEUTRAL", 0.9, False)]) == ("NEUTRAL", 0.5)


def test_author_stance_weights_documents_and_counts_evidence():
    result = author_stance("A", [("CONTRA", 5), ("PRO", 1), ("NEUTRAL", 0)])
    assert (result.stance, result.documents, result.units) == ("CONTRA", 3, 6)
    assert author_stance("B", [("PRO", 2), ("CONTRA", 2)]).stance == "NEUTRAL"


def test_author_stance_falls_back_to_the_units_vote_with_opposing_voices_flipped():
    from argmine.classify.stance import author_stance
    units = ["Darüber kann man streiten.",                       # central, no relation
             "Zwar ist Social Media nützlich,",                 # opposing voice: counts against
             "Beruflich nutzt mir Social Media gar nichts.",    # own voice: CONTRA
             "Kunden kann ich da nicht gewinnen."]              # own voice: CONTRA
    stance, _, by_reply = author_stance(units, 0, TARGET, None,
                                        [(1, "opp"), (2, "pro"), (3, "pro")])
    assert (stance, by_reply) == ("CONTRA", False)
    assert author_stance(units[:1], 0, TARGET)[0] == "NEUTRAL"


def test_the_central_claim_is_always_in_the_authors_own_voice():
    from argmine.classify.stance import roles_of

    assert roles_of([0.9, 0.2, 0.3], central=2) == ["pro", "opp", "pro"]
    assert roles_of([0.9, 0.2], central=None) == ["pro", "opp"]
