import skops.io as sio
import pytest

from argmine.classify.labeller import Labeller
from argmine.errors import ArgmineError
from argmine.models import load_model, model_path
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
