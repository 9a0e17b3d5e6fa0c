"""A unit's text is sliced from the document's text: it must equal spaCy's span text."""

from argmine.analyze import segment_and_score
from argmine.nlp.segment import UNITS_KEY
from argmine.records import Document

from ..classify.real_units import corpus_texts


def test_unit_texts_equal_the_span_texts_on_real_documents(pipeline):
    texts = corpus_texts() + ["  Eingerückt,\n\n- eine Liste\n- mit Punkten …  ", "Ä. Ö! Ü?\t"]
    documents = [Document(key=f"d{i}", text=text, source="-") for i, text in enumerate(texts)]
    segment_and_score(documents, pipeline, ["de"] * len(documents))
    spans = [[(s.start_char, s.end_char, s.text) for s in doc.spans[UNITS_KEY]]
             for doc in pipeline.nlp.pipe(texts)]
    assert sum(map(len, spans)) > 3000
    assert [[(u.start, u.end, u.text) for u in d.units] for d in documents] == spans
