"""scripts/make_eval_set.py: annotated documents (training format) -> eval_lines' folder.
The documents are invented for the test."""

import json

import pytest

from tests.conftest import load_script


@pytest.fixture(scope="module")
def make_eval_set():
    return load_script("make_eval_set")


def sentence(text, stance, certain=True):
    return {"text": text, "stance": stance, "component": "claim", "central": False,
            "certain": certain}


DOCUMENTS = [
    {"doc_id": "a", "doc_stance": "PRO", "url": "https://a.example.org/", "sentences": [
        sentence("Xing bringt uns  Kunden.", "PRO"),
        sentence("Nicht jeden\nMonat.", "CONTRA", certain=False)]},
    {"doc_id": "b", "doc_stance": "NEUTRAL", "sentences": [sentence("Was meint ihr?", "NEUTRAL")]},
]


def test_offsets_point_into_each_documents_line_and_sentences_keep_one_line(make_eval_set,
                                                                         tmp_path):
    make_eval_set.write_eval_set(DOCUMENTS, tmp_path)
    lines = (tmp_path / "docs.txt").read_text("utf-8").splitlines()
    gold = [json.loads(g) for g in (tmp_path / "gold.jsonl").read_text("utf-8").splitlines()]
    assert lines == ["Xing bringt uns Kunden. Nicht jeden Monat.", "Was meint ihr?"]
    line_of = {"a": 0, "b": 1}
    assert all(lines[line_of[g["doc_id"]]][g["start"]:g["end"]] == g["text"] for g in gold)
    assert [g["certain"] for g in gold] == [True, False, True]
    assert (tmp_path / "sentences.txt").read_text("utf-8").splitlines() == [
        g["text"] for g in gold]
    rows = [json.loads(r) for r in (tmp_path / "documents.jsonl").read_text().splitlines()]
    assert [(r["doc_id"], r["doc_stance"]) for r in rows] == [("a", "PRO"), ("b", "NEUTRAL")]


def test_a_stance_outside_the_three_classes_names_its_document(make_eval_set, tmp_path):
    broken = [{"doc_id": "x", "doc_stance": "PRO", "sentences": [sentence("Gut.", "MIXED")]}]
    with pytest.raises(ValueError, match="x: .*'MIXED'"):
        make_eval_set.write_eval_set(broken, tmp_path)
