import skops.io as sio
import pytest

from argmine.classify.labeller import Labeller
from argmine.classify.train import stance_payload
from argmine.errors import ArgmineError
from argmine.models import load_model, model_path, save_model
from argmine.records import Document, Unit


def test_a_model_file_with_untrusted_types_is_refused(tmp_path):
    path = tmp_path / "evil.skops"
    sio.dump({"version": "x", "hook": print}, path)
    with pytest.raises(ArgmineError, match="refusing to load untrusted types"):
        load_model(path)


def test_a_file_that_is_not_a_model_is_refused(tmp_path):
    path = tmp_path / "broken.skops"
    path.write_bytes(b"not a zip archive")
    with pytest.raises(ArgmineError, match="not a readable model file"):
        load_model(path)


@pytest.mark.skipif(not model_path("labels").exists(), reason="models/labels.skops not trained")
def test_shipped_labeller_labels_every_unit_and_records_its_version():
    labeller = Labeller.load()
    sentences = ["Beruflich nutzt mir Social Media gar nichts.",
                 "Die Entscheider meiner Kunden sind nicht dort.", "Danke fürs Lesen!"]
    text = " ".join(sentences)
    starts = [text.index(s) for s in sentences]
    document = Document(key="k", text=text, source="t",
                        units=[Unit(a, a + len(s), s) for a, s in zip(starts, sentences)])
    labeller.label(document, "Social Media ist für B2B nützlich")
    assert all(u.model_version == labeller.version for u in document.units)
    assert sum(u.central for u in document.units) == 1
    assert document.stance == "CONTRA"
    assert all(u.stance in {"PRO", "CONTRA", "NEUTRAL"} and 0 <= u.confidence <= 1
               for u in document.units)


def test_model_versions_follow_the_fitted_parameters():
    import subprocess
    import sys

    from sklearn.feature_extraction.text import TfidfVectorizer

    from argmine.models import model_version

    texts = ["Twitter bringt Kunden.", "Facebook kostet Zeit.", "Xing bringt Kontakte."]
    first = model_version("labels", TfidfVectorizer().fit(texts))
    assert first == model_version("labels", TfidfVectorizer().fit(texts))
    assert first != model_version("labels", TfidfVectorizer().fit(texts[:2]))
    # the same fit in another process (other object ids, other hash seed) keeps its version
    code = ("from sklearn.feature_extraction.text import TfidfVectorizer\n"
            "from argmine.models import model_version\n"
            f"print(model_version('labels', TfidfVectorizer().fit({texts!r})))")
    other = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.strip()
    assert other == first


def _same(a, b, where="payload"):
    """Deep equality of two loaded payloads: types, containers, arrays, estimators' state."""
    import numpy as np
    from sklearn.base import BaseEstimator

    assert type(a) is type(b), where
    if isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            _same(a[key], b[key], f"{where}[{key!r}]")
    elif isinstance(a, (list, tuple)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, np.ndarray):
        assert a.dtype == b.dtype and a.shape == b.shape and np.array_equal(a, b), where
    elif isinstance(a, BaseEstimator):
        _same(vars(a), vars(b), f"{where}.{type(a).__name__}")
    else:
        assert a == b or (a != a and b != b), where


@pytest.mark.parametrize("name", ["labels", "segmenter", "stance"])
def test_the_fast_reader_builds_what_skops_builds(name):
    from argmine.models import TRUSTED_TYPES

    path = model_path(name)
    if not path.exists():
        pytest.skip(f"models/{name}.skops not trained")
    _same(load_model(path), sio.load(path, trusted=TRUSTED_TYPES))


def test_a_file_the_fast_reader_does_not_know_goes_through_skops(tmp_path):
    import numpy as np

    path = tmp_path / "other.skops"
    sio.dump({"version": "x", "weights": np.arange(3), "names": {"a", "b"}}, path)
    payload = load_model(path)  # a set: not one of argmine's layouts, skops reads it
    assert payload["names"] == {"a", "b"} and payload["weights"].tolist() == [0, 1, 2]


needs_labels = pytest.mark.skipif(not model_path("labels").exists(),
                                  reason="models/labels.skops not trained")


def _ngram_model(labeller: Labeller, labels_version: str):
    """A small n-gram stance model on the shipped component model's features, trained on
    invented sentences (the ``ngrams`` stance model's layout)."""
    from argmine.classify.components import component_features, component_inputs
    from argmine.classify.features import unit_evidence
    from argmine.classify.stance_model import TrainingDocument, ngram_matrices
    from argmine.classify.train import train_stance_on

    said = {"PRO": "Twitter bringt uns neue Kunden im B2B.",
            "CONTRA": "Twitter bringt uns im B2B keine Kunden.",
            "NEUTRAL": "Wir haben im Mai ein Büro eröffnet."}
    texts = [[said[s]] * 2 for s in said for _ in range(8)]
    evidence = [[unit_evidence(t, "Social Media ist für B2B nützlich") for t in d] for d in texts]
    features = component_features(labeller.models.components, component_inputs(texts))
    documents = [TrainingDocument(m, [s] * 2, s, [True, False], None, 0, f"t{i}")
                 for i, (m, s) in enumerate(zip(ngram_matrices(features, evidence, texts),
                                                [s for s in said for _ in range(8)]))]
    model = train_stance_on(documents)
    model.labels = labels_version
    return model


@needs_labels
def test_fast_and_rules_keep_the_structural_rules_and_ngrams_needs_its_model(tmp_path):
    assert Labeller.load(stance="rules").stance_model == "rules"
    (tmp_path / "labels.skops").symlink_to(model_path("labels").resolve())
    rules = Labeller.load(tmp_path / "labels.skops", stance="rules")
    with pytest.raises(ArgmineError, match="no learned n-gram stance model"):
        Labeller.load(tmp_path / "labels.skops", stance="ngrams")
    save_model(stance_payload(_ngram_model(rules, rules.models.version), "{}"),
               tmp_path / "stance-ngrams.skops")
    assert Labeller.load(tmp_path / "labels.skops", stance="fast").stance_model == "rules"


@needs_labels
def test_the_ngram_model_names_itself_in_every_label(tmp_path):
    (tmp_path / "labels.skops").symlink_to(model_path("labels").resolve())
    rules = Labeller.load(tmp_path / "labels.skops", stance="rules")
    model = _ngram_model(rules, rules.models.version)
    save_model(stance_payload(model, "{}"), tmp_path / "stance-ngrams.skops")
    labeller = Labeller.load(tmp_path / "labels.skops", stance="ngrams")
    assert labeller.stance_model == "ngrams" and "+stance-ngrams-" in labeller.version
    text = "Twitter bringt uns neue Kunden im B2B. Wir haben im Mai ein Büro eröffnet."
    document = Document(key="k", text=text, source="t",
                        units=[Unit(0, 38, text[:38]), Unit(39, len(text), text[39:])])
    labeller.label(document, "Social Media ist für B2B nützlich")
    assert [u.stance for u in document.units] == ["PRO", "NEUTRAL"]
    assert all(u.model_version == labeller.version for u in document.units)


@needs_labels
def test_an_ngram_model_trained_on_other_label_models_is_refused(tmp_path):
    (tmp_path / "labels.skops").symlink_to(model_path("labels").resolve())
    rules = Labeller.load(tmp_path / "labels.skops", stance="rules")
    save_model(stance_payload(_ngram_model(rules, "labels-older"), "{}"),
               tmp_path / "stance-ngrams.skops")
    with pytest.raises(ArgmineError, match="trained on the features of labels-older"):
        Labeller.load(tmp_path / "labels.skops", stance="ngrams")
