"""``argmine evaluate gold``: the shipped models scored on any gold annotation file."""

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from argmine.classify.labeller import Labeller
from argmine.cli import app
from argmine.errors import ArgmineError
from argmine.evaluate.annotations import TextFolder, load_annotations
from argmine.evaluate.protocols import evaluate_gold
from argmine.models import model_path

GOLD = Path(__file__).parents[1] / "fixtures" / "gold"
TARGET = "Social Media ist für B2B nützlich"
needs_models = pytest.mark.skipif(not model_path("labels").exists(),
                                  reason="models/labels.skops not trained")


def test_a_text_folder_reads_documents_by_id():
    texts = TextFolder(GOLD / "texts")
    assert "fan" in texts and "nobody" not in texts
    assert sorted(texts) == ["fan", "skeptic"] and len(texts) == 2
    assert texts["fan"].startswith("Über Xing")
    with pytest.raises(KeyError):
        texts["nobody"]


@needs_models
def test_gold_units_are_scored_per_unit_and_per_document():
    texts = TextFolder(GOLD / "texts")
    units = load_annotations(GOLD / "gold.jsonl", texts)
    results = evaluate_gold(units, texts, TARGET, Labeller.load().models, "fixture")
    assert set(results) == {"gold_stance", "gold_component", "gold_document_stance"}
    stance = results["gold_stance"]
    assert stance["n"] == 5 and sum(map(sum, stance["confusion"])) == 5
    assert stance["protocol"].startswith("fixture: 5 gold units in 2 documents")
    documents = results["gold_document_stance"]
    assert documents["n"] == 2 and documents["labels"] == ["PRO", "CONTRA"]  # no NEUTRAL
    assert stance["labels"][2] == "NEUTRAL"


@needs_models
@pytest.mark.parametrize("stance_model", [
    "rules",
    pytest.param("ngrams", marks=pytest.mark.skipif(
        not model_path("stance-ngrams").exists(), reason="models/stance-ngrams.skops not trained")),
    pytest.param("encoder", marks=pytest.mark.xfail(strict=True, reason=(
        "known error of the learned stance models shipped on 2026-12-02 and 2026-12-03: the "
        "closing thanks of the CONTRA comment reads PRO (0.42, 0.45); alone it reads NEUTRAL"))),
])
def test_a_closing_thanks_is_neutral(monkeypatch, stance_model):
    monkeypatch.setenv("ARGMINE_STANCE_MODEL", stance_model)
    texts = TextFolder(GOLD / "texts")
    units = load_annotations(GOLD / "gold.jsonl", texts)
    stance = evaluate_gold(units, texts, TARGET, Labeller.load().models, "fixture")["gold_stance"]
    assert stance["confusion"][2] == [0, 0, 1]  # the thanks is the only NEUTRAL gold unit


@needs_models
def test_cli_prints_reports_and_names_a_bad_file(tmp_path):
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "gold", str(GOLD / "gold.jsonl"),
                                 "--texts", str(GOLD / "texts"), "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["gold_stance"]["n"] == 5
    texts = tmp_path / "texts"
    shutil.copytree(GOLD / "texts", texts)
    (texts / "fan.txt").write_text("Ein anderer Text.", encoding="utf-8")
    bad = runner.invoke(app, ["evaluate", "gold", str(GOLD / "gold.jsonl"), "--texts", str(texts)])
    assert bad.exit_code == 2
    assert "gold.jsonl:4: text does not match the document" in bad.output


def test_no_units_is_an_error():
    with pytest.raises(ArgmineError, match="no gold units"):
        evaluate_gold([], {}, TARGET, models=None, source="empty.jsonl")
