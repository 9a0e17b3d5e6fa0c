"""scripts/eval_lines.py: how analyze --lines output is matched to sentence-level gold."""

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
