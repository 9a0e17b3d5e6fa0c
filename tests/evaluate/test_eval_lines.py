"""scripts/eval_lines.py: how analyze --lines output is matched to sentence-level gold."""

import json

import pytest

from tests.conftest import load_script


@pytest.fixture(scope="module")
def eval_lines():
    return load_script("eval_lines")


def test_a_sentence_takes_the_stance_of_the_unit_overlapping_it_most(eval_lines):
    units = [{"start": 0, "end": 12, "stance": "PRO"},
             {"start": 14, "end": 60, "stance": "CONTRA"}]
    assert eval_lines.stance_of_span(units, (10, 40)) == "CONTRA"
    assert eval_lines.stance_of_span(units, (0, 11)) == "PRO"
    assert eval_lines.stance_of_span(units, (70, 80)) == "NEUTRAL"  # no unit there
    assert eval_lines.stance_of_span([], (0, 5)) == "NEUTRAL"


def test_scores_count_certain_sentences_and_polar_swaps(eval_lines):
    gold = [{"stance": "PRO", "certain": True}, {"stance": "CONTRA", "certain": False},
            {"stance": "NEUTRAL", "certain": True}, {"stance": "CONTRA", "certain": True}]
    result = eval_lines.scores(gold, ["PRO", "PRO", "NEUTRAL", "NEUTRAL"])
    assert (result["sentences"], result["certain"]) == (4, 3)
    assert result["polar_swaps"] == 0.5  # of two pairs both call polar, one swapped
    assert result["macro_f1_certain"] == pytest.approx((1 + 0 + 2 / 3) / 3, abs=1e-4)


# Invented sets: each sentence reads PRO when it says "gut", CONTRA when "schlecht".
INVENTED = [("D1", "PRO", [("Das ist gut.", "PRO", True), ("Es regnet.", "NEUTRAL", True),
                           ("Wirklich gut.", "PRO", True)]),
            ("D2", "CONTRA", [("Das ist schlecht.", "CONTRA", True),
                              ("Nur ein Satz.", "PRO", False)])]


def _write_set(folder, documents):
    folder.mkdir()
    gold, lines = [], []
    for doc_id, _, sentences in documents:
        line = " ".join(text for text, _, _ in sentences)
        offset = 0
        for text, stance, certain in sentences:
            gold.append({"doc_id": doc_id, "start": offset, "end": offset + len(text),
                         "text": text, "stance": stance, "certain": certain})
            offset += len(text) + 1
        lines.append(line)
    (folder / "gold.jsonl").write_text("".join(json.dumps(g) + "\n" for g in gold), "utf-8")
    (folder / "documents.jsonl").write_text("".join(
        json.dumps({"doc_id": d, "doc_stance": s}) + "\n" for d, s, _ in documents), "utf-8")
    (folder / "docs.txt").write_text("\n".join(lines) + "\n", "utf-8")
    (folder / "sentences.txt").write_text("\n".join(g["text"] for g in gold) + "\n", "utf-8")
    return folder


def _read(text):
    return "PRO" if "gut" in text else "CONTRA" if "schlecht" in text else "NEUTRAL"


def _fake_analyze(path, stance_model):
    """One unit per sentence (split at ". "), stance by _read; the document by its first."""
    results = []
    for number, line in enumerate(path.read_text("utf-8").splitlines(), start=1):
        units, start = [], 0
        for part in line.split(". "):
            text = part if part.endswith(".") else part + "."
            units.append({"start": start, "end": start + len(text), "stance": _read(text)})
            start += len(text) + 1
        results.append({"line": number, "stance": units[0]["stance"], "units": units})
    return results


@pytest.fixture
def invented(tmp_path, eval_lines, monkeypatch):
    monkeypatch.setattr(eval_lines, "analyze", _fake_analyze)
    # the same doc_ids in both sets: pooling and resampling must keep them apart
    return [_write_set(tmp_path / name, INVENTED) for name in ("a", "b")]


def test_sets_are_pooled_and_resampled_by_document(eval_lines, invented):
    readings = eval_lines.pooled([eval_lines.read_set(f, "encoder") for f in invented])
    result = eval_lines.summarise(readings, "encoder")
    assert result["documents"]["sentences"] == 10 and result["documents"]["certain"] == 8
    assert result["document_stance"] == {"right": 4, "of": 4}
    assert result["documents"]["macro_f1_certain"] == 1.0  # certain sentences all read right
    assert result["sentences"]["macro_f1"] < 1.0  # "Nur ein Satz." (PRO, uncertain) is missed
    intervals = eval_lines.intervals(readings, 200)
    assert intervals["document_stance"] == [1.0, 1.0]  # every document read right
    low, high = intervals["sentences"]
    assert low <= result["sentences"]["macro_f1_certain"] <= high
    rng = __import__("random").Random(1)
    drawn = eval_lines.resample(readings, rng)
    assert len(drawn.documents) == 4
    assert len(drawn.gold) == sum(1 for key, _, _ in drawn.documents for g in readings.gold
                                  if g["key"] == key)


def test_record_keeps_the_figure_with_the_model_version(eval_lines, invented, tmp_path,
                                                        monkeypatch):
    from argmine.models import model_dir

    models = tmp_path / "models"
    models.mkdir()
    (models / "metrics.json").write_text((model_dir() / "metrics.json").read_text("utf-8"),
                                         "utf-8")
    monkeypatch.setenv("ARGMINE_MODEL_DIR", str(models))
    readings = eval_lines.pooled([eval_lines.read_set(f, "encoder") for f in invented])
    result = eval_lines.summarise(readings, "encoder")
    eval_lines.record(result, "two invented sets")
    metrics = json.loads((models / "metrics.json").read_text("utf-8"))
    figure = metrics["stance"]["real_text"]
    assert figure["model_version"] == metrics["stance"]["version"]
    assert (figure["documents_reading"], figure["documents_right"]) == (1.0, {"right": 4, "of": 4})
    assert "two invented sets" in (models / "README.md").read_text("utf-8")
    ngrams = {**result, "stance_model": "ngrams"}  # the n-gram model's figure: its own section
    eval_lines.record(ngrams, "the same sets, n-gram model")
    metrics = json.loads((models / "metrics.json").read_text("utf-8"))
    assert metrics["stance_ngrams"]["real_text"]["model_version"] == \
        metrics["stance_ngrams"]["version"]
    assert metrics["stance"]["real_text"]["protocol"] == "two invented sets"
    with pytest.raises(SystemExit, match="no learned 'fast' stance model"):
        eval_lines.record({**result, "stance_model": "fast"}, "the rules")
