import pytest

from argmine.analyze import analyze_document
from argmine.records import Document


def sentences(pipeline, text):
    return [s.text for s in pipeline.nlp(text).sents]


@pytest.mark.parametrize("text, expected", [
    ("Das ist gut. Das ist schlecht.", ["Das ist gut.", "Das ist schlecht."]),
    ("Am 3. Juni 2010 kam er. Dann ging er.", ["Am 3. Juni 2010 kam er.", "Dann ging er."]),
    ("Das sagte Dr. Meier z.B. gestern. Gut.", ["Das sagte Dr. Meier z.B. gestern.", "Gut."]),
    ("Äpfel, Birnen usw. Dann kam das Ende.", ["Äpfel, Birnen usw.", "Dann kam das Ende."]),
    ("Siehe https://example.org/a.b?x=1. Das war es.",
     ["Siehe https://example.org/a.b?x=1.", "Das war es."]),
    ("Er sagte: „Das ist gut.“ und ging.", ["Er sagte: „Das ist gut.“ und ging."]),
    ("Sie sagte: „Das ist gut.“ Dann ging sie.", ["Sie sagte: „Das ist gut.“", "Dann ging sie."]),
    ("Na ja... vielleicht. Hm… Aber nein!", ["Na ja... vielleicht.", "Hm…", "Aber nein!"]),
    ("Ein guter Zeitvertreib. für Freiberufler mehr.",  # bloggers do not always capitalise
     ["Ein guter Zeitvertreib.", "für Freiberufler mehr."]),
    ("Fast alles ist C2C. Hingegen folgt B2B.", ["Fast alles ist C2C.", "Hingegen folgt B2B."]),
    ("Überschrift\nErster Satz ohne Punkt\n\nZweiter Absatz.",
     ["Überschrift\n", "Erster Satz ohne Punkt\n\n", "Zweiter Absatz."]),
    ("Echt jetzt?! Ja :-) gut so.", ["Echt jetzt?!", "Ja :-) gut so."]),
    ("Keiner kennt es. »Das ist neu«, sagt sie.", ["Keiner kennt es.", "»Das ist neu«, sagt sie."]),
    ("Er rief: »Gut.« Dann ging er.", ["Er rief: »Gut.«", "Dann ging er."]),
])
def test_blog_sentence_boundaries(pipeline, text, expected):
    assert sentences(pipeline, text) == expected


def test_text_without_sentence_punctuation_is_cut_into_bounded_sentences(pipeline):
    from argmine.nlp.sentences import MAX_SENTENCE_TOKENS

    words = "Xing bringt uns Kunden und Messen kosten Geld aber Netzwerke wirken".split()
    plain = " ".join(words[i % len(words)] for i in range(1000))  # one 1,000-word "line"
    found = pipeline.nlp(plain)
    assert [len(s) for s in found.sents] == [MAX_SENTENCE_TOKENS] * 6 + [100]
    clauses = ", ".join(" ".join(words[:7]) for _ in range(60))  # 60 clauses, 479 tokens
    cut = [s.text for s in pipeline.nlp(clauses).sents]
    assert len(cut) == 4 and all(s.endswith(",") for s in cut[:-1])  # after a comma
    assert "".join(s.text_with_ws for s in pipeline.nlp(clauses).sents) == clauses
    doc = analyze_document(Document(key="k", text=plain, source="t"), pipeline)
    assert max(len(u.text.split()) for u in doc.units) <= MAX_SENTENCE_TOKENS
    below = " ".join(words[i % len(words)] for i in range(MAX_SENTENCE_TOKENS))
    assert sentences(pipeline, below) == [below]  # at the cap: whole


def test_units_trim_whitespace_and_list_markers_and_keep_offsets(pipeline):
    text = "Update – Lesenswert:\n- Max Mustermann, „Twitter: doch!“\n\n  - Paula Probe, „Recht“\n"
    doc = analyze_document(Document(key="k", text=text, source="t"), pipeline)
    assert [u.text for u in doc.units] == [
        "Update – Lesenswert:", "Max Mustermann, „Twitter: doch!“", "Paula Probe, „Recht“"]
    assert all(text[u.start:u.end] == u.text for u in doc.units)


def test_non_german_documents_are_stored_without_units(pipeline):
    doc = analyze_document(Document(key="k", source="t", text=(
        "Great post, thanks for sharing. I fully agree that B2B companies should be careful.")),
        pipeline)
    assert doc.lang == "en" and doc.units == []


def test_short_comments_take_the_thread_language(pipeline):
    doc = analyze_document(Document(key="k", text="+1, genau!", source="t"), pipeline, "de")
    assert doc.lang == "de" and [u.text for u in doc.units] == ["+1, genau!"]
