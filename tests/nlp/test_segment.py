"""The unit segmenter on hand-written sentences (shipped model plus guideline junctions)."""

import pytest

from argmine.nlp.segment import UNITS_KEY, UnitSegmenter
from argmine.nlp.boundaries import RuleScorer
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def nlp(pipeline):
    return pipeline.nlp


def units(nlp, text):
    doc = nlp(text)
    spans = list(doc.spans[UNITS_KEY])
    assert all(text[s.start_char:s.end_char] == s.text for s in spans)
    return [s.text for s in spans]


@pytest.mark.parametrize("text, expected", [
    # causal: claim + premise
    ("Social Media lohnt sich nicht, weil die Entscheider dort nicht sind.",
     ["Social Media lohnt sich nicht,", "weil die Entscheider dort nicht sind."]),
    ("Xing lohnt sich, denn dort sind die Einkäufer.",
     ["Xing lohnt sich,", "denn dort sind die Einkäufer."]),
    ("Ich bleibe bei Messen, da dort die Kunden sind.",
     ["Ich bleibe bei Messen,", "da dort die Kunden sind."]),
    # concessive + adversative
    ("Zwar gewinnt man dort Kontakte, aber keine Kunden.",
     ["Zwar gewinnt man dort Kontakte,", "aber keine Kunden."]),
    ("Twitter ist nett, doch Aufträge bringt es nicht.",
     ["Twitter ist nett,", "doch Aufträge bringt es nicht."]),
    ("Ich halte das für übertrieben; allerdings verstehe ich die Sorge.",
     ["Ich halte das für übertrieben;", "allerdings verstehe ich die Sorge."]),
    # consecutive: premise + claim
    ("Die Entscheider sind nicht dort, deshalb lohnt sich der Aufwand nicht.",
     ["Die Entscheider sind nicht dort,", "deshalb lohnt sich der Aufwand nicht."]),
    ("Die Kosten sind gering, daher sollte man es versuchen.",
     ["Die Kosten sind gering,", "daher sollte man es versuchen."]),
])
def test_junctions_split(nlp, text, expected):
    assert units(nlp, text) == expected


@pytest.mark.parametrize("text", [
    "Die Kunden, die ich kenne, nutzen Xing kaum.",                    # relative clause
    "Ich glaube, dass Social Media überschätzt wird.",                 # dass under believing
    "Er sagte, dass sich das für ihn nicht lohnt.",                    # dass under saying
    "Es ist schwer, Kunden über Twitter zu gewinnen.",                 # infinitive clause
    "Siehe z.B. https://example.org/a,b?x=1 für Details, u.a. zu Kosten.",  # URL, abbreviations
    "Das ist super :-) und macht Spaß.",                               # emoticon
    "Er nannte es „des Kaisers neue Kleider“ und lachte.",             # quote
])
def test_no_split(nlp, text):
    assert units(nlp, text) == [text]


def test_essay_units_are_exact_non_overlapping_spans(nlp):
    text = next((SHARED / "seed").glob("*.txt")).read_text("utf-8") if (SHARED / "seed").exists() \
        else "Ich bin im B2B Bereich. Kunden kann ich da nicht gewinnen, weil sie nicht dort sind."
    doc = nlp(text)
    spans = list(doc.spans[UNITS_KEY])
    assert len(spans) > len(list(doc.sents)) * 0.9
    for a, b in zip(spans, spans[1:]):
        assert a.end_char <= b.start_char
    assert all(s.text == s.text.strip() and text[s.start_char:s.end_char] == s.text for s in spans)


def test_rules_work_without_a_model(nlp):
    segmenter = UnitSegmenter(RuleScorer())
    doc = nlp.get_pipe("argmine_sentencizer")(nlp.make_doc("Das stimmt nicht, weil es anders ist."))
    doc = segmenter(doc)
    assert doc.spans[UNITS_KEY].attrs["segmenter"] == "rules-1"
    assert [s.text for s in doc.spans[UNITS_KEY]] == ["Das stimmt nicht,", "weil es anders ist."]


def test_segmenter_version_is_recorded(pipeline):
    doc = pipeline.nlp("Ein Satz.")
    assert doc.spans[UNITS_KEY].attrs["segmenter"] in pipeline.name
