"""Krippendorff's alpha and Cohen's kappa against hand computations and a published example."""

from fractions import Fraction

import pytest

from argmine.annotate.agreement import cohen_kappa, krippendorff_alpha


def test_alpha_reproduces_krippendorffs_worked_example():
    # Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
    # four observers, twelve units, missing values; nominal alpha = 0.743.
    rows = {"A": [1, 2, 3, 3, 2, 1, 4, 1, 2, None, None, None],
            "B": [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, None, 3],
            "C": [None, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, None],
            "D": [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, None]}
    data = {unit: {coder: values[unit] for coder, values in rows.items()
                   if values[unit] is not None} for unit in range(12)}
    result = krippendorff_alpha(data)
    assert round(result.alpha, 3) == 0.743
    assert (result.units, result.annotators) == (11, 4)  # unit 12 has one value: not pairable


def test_alpha_by_hand_for_two_coders():
    # Five units, two coders, one disagreement (a/b).  Values: a 5, b 5 -> n = 10.
    # Coincidences: o[a][a] = 4, o[b][b] = 4, o[a][b] = o[b][a] = 1.
    # alpha = 1 - (n - 1) * 2 / (n^2 - 5^2 - 5^2) = 1 - 9 * 2 / 50 = 0.64
    data = {1: {"x": "a", "y": "a"}, 2: {"x": "a", "y": "a"}, 3: {"x": "a", "y": "b"},
            4: {"x": "b", "y": "b"}, 5: {"x": "b", "y": "b"}}
    assert krippendorff_alpha(data).alpha == pytest.approx(0.64)


def test_alpha_is_undefined_without_shared_units_or_variation():
    assert krippendorff_alpha({1: {"x": "a"}, 2: {"y": "b"}}).alpha is None
    assert krippendorff_alpha({1: {"x": "a", "y": "a"}, 2: {"x": "a", "y": "a"}}).alpha is None
    assert krippendorff_alpha({}).units == 0


def test_kappa_by_hand():
    # p_o = 3/4; marginals x: a 2, b 2; y: a 1, b 3 -> p_e = (2*1 + 2*3) / 16 = 1/2
    # kappa = (3/4 - 1/2) / (1 - 1/2) = 1/2
    assert cohen_kappa(["a", "a", "b", "b"], ["a", "b", "b", "b"]) == pytest.approx(0.5)
    assert cohen_kappa(["a", "b"], ["a", "b"]) == 1.0
    assert cohen_kappa(["a", "a"], ["a", "a"]) is None  # chance agreement is already 1
    assert cohen_kappa([], []) is None


def test_kappa_equals_scikit_learn():
    from sklearn.metrics import cohen_kappa_score

    a = list("PPCCNNPCNPPC")
    b = list("PCCCNPPCNNPP")
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa_score(a, b))


def test_round_trip_figures_by_hand():
    """The figures the round trip in test_annotate.py expects, computed step by step."""
    # Annotator A = the model: PRO 8, CONTRA 7, NEUTRAL 5.  B changes 3 PRO -> CONTRA and
    # 2 NEUTRAL -> PRO: PRO 7, CONTRA 10, NEUTRAL 3.  Pooled n_c: PRO 15, CONTRA 17,
    # NEUTRAL 8; n = 40.  Disagreeing ordered pairs: 2 * 5 = 10.
    expected_alpha = 1 - Fraction(39 * 10, 2 * (15 * 17 + 15 * 8 + 17 * 8))
    assert expected_alpha == Fraction(316, 511)
    # B against the model: p_o = 15/20, p_e = (8*7 + 7*10 + 5*3) / 400 = 141/400
    expected_kappa = (Fraction(15, 20) - Fraction(141, 400)) / (1 - Fraction(141, 400))
    assert expected_kappa == Fraction(159, 259)
    a = ["PRO"] * 8 + ["CONTRA"] * 7 + ["NEUTRAL"] * 5
    b = ["CONTRA"] * 3 + ["PRO"] * 5 + ["CONTRA"] * 7 + ["PRO"] * 2 + ["NEUTRAL"] * 3
    data = {i: {"A": x, "B": y} for i, (x, y) in enumerate(zip(a, b))}
    assert krippendorff_alpha(data).alpha == pytest.approx(float(expected_alpha))
    assert cohen_kappa(b, a) == pytest.approx(float(expected_kappa))
