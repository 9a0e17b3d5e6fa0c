import pytest

from argmine.errors import PipelineError
from argmine.nlp import load_pipeline
from argmine.nlp.pipeline import FALLBACK_NAME


def test_fallback_pipeline_names_itself_and_has_argmine_components(pipeline):
    assert pipeline.name.startswith(FALLBACK_NAME)
    assert pipeline.nlp.pipe_names == ["lemmatizer", "argmine_sentencizer", "argmine_units"]
    doc = pipeline.nlp("Die Kunden sind nicht dort.")
    assert [t.lemma_ for t in doc][:2] == ["der", "Kunde"]  # lookup lemmas, no download


def test_a_named_model_that_is_not_installed_says_how_to_install_it():
    with pytest.raises(PipelineError, match="python -m spacy download de_core_news_lg"):
        load_pipeline("de_core_news_lg")
