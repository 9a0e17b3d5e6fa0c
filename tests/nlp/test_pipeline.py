"""Pipeline resolution: the fallback, and an installed spaCy package built here."""

import subprocess
import sys

import pytest
import spacy

from argmine.errors import PipelineError
from argmine.nlp import load_pipeline, pipeline as pipeline_module
from argmine.nlp.pipeline import FALLBACK_NAME

PACKAGE = "de_tiny_argmine_test"


def test_fallback_pipeline_names_itself_and_has_argmine_components(pipeline):
    assert pipeline.name.startswith(FALLBACK_NAME)
    assert pipeline.nlp.pipe_names == ["argmine_lemmatizer", "argmine_sentencizer", "argmine_units"]
    doc = pipeline.nlp("Die Kunden sind nicht dort.")
    assert [t.lemma_ for t in doc][:2] == ["der", "Kunde"]  # lookup lemmas, no download


def test_a_named_model_that_is_not_installed_says_how_to_install_it():
    with pytest.raises(PipelineError, match="python -m spacy download de_core_news_lg"):
        load_pipeline("de_core_news_lg")


@pytest.fixture(scope="module")
def installed_package(tmp_path_factory):
    """Build a tiny spaCy pipeline package and install it into a folder on sys.path."""
    root = tmp_path_factory.mktemp("spacy-package")
    nlp = spacy.blank("de")
    nlp.meta.update(name="tiny_argmine_test", version="0.0.1")
    nlp.to_disk(root / "model")
    (root / "dist").mkdir()
    run = [sys.executable, "-m"]
    subprocess.run(run + ["spacy", "package", str(root / "model"), str(root / "dist"),
                          "--name", "tiny_argmine_test", "--version", "0.0.1",
                          "--build", "none", "--force"], check=True, capture_output=True)
    subprocess.run(run + ["pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                          "--target", str(root / "site"),
                          str(root / "dist" / f"{PACKAGE}-0.0.1")], check=True, capture_output=True)
    sys.path.insert(0, str(root / "site"))
    yield PACKAGE
    sys.path.remove(str(root / "site"))


def test_installed_package_runs_with_argmine_components(installed_package):
    loaded = load_pipeline(installed_package)
    assert loaded.name.startswith(f"{installed_package} 0.0.1")
    assert loaded.nlp.pipe_names == ["argmine_sentencizer", "argmine_units"]
    doc = loaded.nlp("Das ist gut, weil es hilft. Zweiter Satz.")
    assert [s.text for s in doc.spans["units"]] == ["Das ist gut,", "weil es hilft.", "Zweiter Satz."]


def test_default_prefers_the_installed_model(installed_package, monkeypatch):
    monkeypatch.setattr(pipeline_module, "PREFERRED_MODEL", installed_package)
    assert load_pipeline().name.startswith(installed_package)


def test_default_falls_back_when_the_model_is_missing(monkeypatch):
    monkeypatch.setattr(pipeline_module, "PREFERRED_MODEL", "de_not_installed_anywhere")
    assert load_pipeline().name.startswith(FALLBACK_NAME)
