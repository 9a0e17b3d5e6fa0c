import json

import pytest

from argmine.errors import ArgmineError
from argmine.evaluate.annotations import load_annotations
from argmine.train import ESSAY_ID, essay_gold


def test_the_essay_gold_file_matches_the_essay_and_has_one_central_claim():
    units, text, target = essay_gold()
    assert target == "Social Media ist für B2B nützlich"
    assert len(units) >= 60
    assert all(text[u["start"]:u["end"]] == u["text"] for u in units)
    assert [u["text"] for u in units if u["central"]] == [
        "Aus diesen Gründen halte ich Social Media Plattformen wirtschaftlich für ziemlich "
        "bescheidene Plattformen."]
    assert {u["stance"] for u in units} == {"PRO", "CONTRA", "NEUTRAL"}


def test_a_unit_whose_text_does_not_match_is_rejected(tmp_path):
    path = tmp_path / "gold.jsonl"
    unit = {"doc_id": "d", "start": 0, "end": 5, "text": "Hallo", "component": "none",
            "stance": "NEUTRAL", "central": False, "annotator": "test"}
    path.write_text(json.dumps({**unit, "text": "Hallx"}) + "\n", "utf-8")
    with pytest.raises(ArgmineError, match="text does not match"):
        load_annotations(path, {"d": "Hallo Welt"})
    path.write_text(json.dumps(unit) + "\n", "utf-8")
    assert load_annotations(path, {"d": "Hallo Welt"})[0]["text"] == "Hallo"
    assert ESSAY_ID == "social-media-b2b/essay"


@pytest.mark.parametrize("line, reason", [("{not json", "invalid JSON"),
                                          ("[1, 2]", "not a JSON object")])
def test_a_bad_line_is_rejected_with_its_file_and_line_number(tmp_path, line, reason):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + line + "\n", "utf-8")
    with pytest.raises(ArgmineError, match=rf"gold\.jsonl:2: {reason}"):
        load_annotations(path, {"d": "Hallo Welt"})
