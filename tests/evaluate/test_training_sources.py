"""scripts/training_sources.py on invented annotated documents."""

import json

import pytest

from argmine.errors import ArgmineError
from tests.conftest import load_script

sources = load_script("training_sources")


def sentence(text, stance, certain=True):
    return {"text": text, "stance": stance, "component": "premise", "central": False,
            "certain": certain}


def test_a_listing_keeps_the_page_and_the_counts_but_no_text(tmp_path):
    document = {"doc_id": "r-1", "url": "https://example.invalid/a", "site": "example.invalid",
                "genre": "blog", "doc_stance": "CONTRA", "sentences": [
                    sentence("Xing bringt uns keine Aufträge.", "CONTRA"),
                    sentence("Wir waren zwei Jahre dort.", "NEUTRAL", certain=False),
                    sentence("Andere berichten von Kunden.", "PRO")]}
    (tmp_path / "a.jsonl").write_text(json.dumps(document) + "\n", "utf-8")
    [listing] = sources.listings([tmp_path])
    assert listing == {"doc_id": "r-1", "url": "https://example.invalid/a",
                       "site": "example.invalid", "genre": "blog", "doc_stance": "CONTRA",
                       "sentences": 3, "sentence_stances": {"PRO": 1, "CONTRA": 1, "NEUTRAL": 1},
                       "certain": 2}
    assert "Xing" not in json.dumps(listing)


def test_a_folder_that_would_not_train_is_refused(tmp_path):
    (tmp_path / "a.jsonl").write_text('{"doc_id": "r-1", "sentences": []}\n', "utf-8")
    with pytest.raises(ArgmineError, match="not a b2b-synthetic document"):
        list(sources.listings([tmp_path]))
