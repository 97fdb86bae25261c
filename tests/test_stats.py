"""Keyness, dispersion and association formulas against published values and hand calculations."""
import math
from statistics import NormalDist

import numpy as np
import pytest

from newslens import stats

# The golden values (counts a, b; target and reference sizes c, d):
# G2 two-cell (Rayson), G2 four-cell (Dunning), Yates chi2, Log Ratio, %DIFF, BIC.
GOLDEN = [
    ((10, 2, 1000, 1000), (5.8221, 5.8543, 4.1080, 2.3219, 400.0, -1.7466)),
    ((12, 0, 5000, 20000), (38.6265, 38.6496, 43.1509, 6.5850, 9500.0, 28.5229)),
    ((30, 45, 8000, 24000), (8.1173, 8.1384, 8.2371, 1.0000, 100.0, -2.2350)),
]


@pytest.mark.parametrize("counts,expected", GOLDEN)
def test_golden_keyness_values_to_1e4(counts, expected):
    a, b, c, d = counts
    g2_2, g2_4, yates, lr, pdiff, bic = expected
    assert stats.g2_two_cell(a, b, c, d) == pytest.approx(g2_2, abs=1e-4)
    assert stats.g2_four_cell(a, b, c, d) == pytest.approx(g2_4, abs=1e-4)
    assert stats.chi2_yates(a, b, c, d) == pytest.approx(yates, abs=1e-4)
    assert stats.log_ratio(a, b, c, d) == pytest.approx(lr, abs=1e-4)
    assert stats.pct_diff(a, b, c, d) == pytest.approx(pdiff, abs=1e-4)
    assert stats.bic(stats.g2_four_cell(a, b, c, d), c, d) == pytest.approx(bic, abs=1e-4)


def test_formulas_are_vectorised_and_agree_with_the_scalar_golden_values():
    a, b, c, d = (np.array(col) for col in zip(*[g[0] for g in GOLDEN]))
    expected_g2 = [g[1][1] for g in GOLDEN]
    np.testing.assert_allclose(stats.g2_four_cell(a, b, c, d), expected_g2, atol=1e-4)
    np.testing.assert_allclose(stats.log_ratio(a, b, c, d), [g[1][3] for g in GOLDEN], atol=1e-4)


def test_direction_signs_overuse_and_underuse():
    assert stats.direction(10, 2, 1000, 1000) == 1
    assert stats.direction(2, 10, 1000, 1000) == -1
    assert stats.direction(5, 10, 1000, 2000) == 0


def test_g2_is_zero_when_rates_are_equal_and_handles_zero_counts():
    assert stats.g2_four_cell(5, 10, 1000, 2000) == pytest.approx(0.0, abs=1e-12)
    assert stats.g2_two_cell(0, 0, 1000, 2000) == 0.0
    # a = 0: only the reference cell contributes, 2 * b * ln(b / E2), E2 = d * b / (c + d)
    assert stats.g2_two_cell(0, 4, 1000, 1000) == pytest.approx(2 * 4 * math.log(4 / 2), abs=1e-9)


def test_p_value_of_chi2_with_one_df():
    assert stats.chi2_p(0.0) == pytest.approx(1.0)
    assert stats.chi2_p(3.841459) == pytest.approx(0.05, abs=1e-6)
    assert stats.chi2_p(10.828) == pytest.approx(0.001, abs=1e-5)
    assert stats.chi2_p(15.13) == pytest.approx(0.0001, abs=1e-5)


def test_critical_values_from_the_normal_quantile():
    assert stats.critical_value(0.0001) == pytest.approx(15.13, abs=0.01)
    assert stats.critical_value(0.05) == pytest.approx(3.8415, abs=1e-4)
    # Bonferroni: 50 tests at alpha 0.05 is one test at 0.001 (critical 10.828)
    assert stats.bonferroni_critical(50, 0.05) == pytest.approx(10.828, abs=1e-3)
    z = NormalDist().inv_cdf(1 - 0.05 / 1000 / 2)
    assert stats.bonferroni_critical(1000) == pytest.approx(z * z)


def test_log_odds_z_by_hand():
    # a=10, b=2, c=d=100, prior count 6 for the term, prior total 100:
    # delta = ln(16 / 184) - ln(8 / 192) = 0.735707; var = 1/16 + 1/8 = 0.1875; z = 1.699042
    z = stats.log_odds_z(10, 2, 100, 100, 6, prior_total=100)
    assert z == pytest.approx(1.699042, abs=1e-5)
    assert stats.log_odds_z(2, 10, 100, 100, 6, prior_total=100) == pytest.approx(-1.699042, abs=1e-5)


def test_log_odds_prior_total_defaults_to_the_sum_of_the_prior_vector():
    z = stats.log_odds_z(np.array([10, 5]), np.array([2, 5]), 100, 100, np.array([60, 40]))
    assert z[0] == pytest.approx(stats.log_odds_z(10, 2, 100, 100, 60, prior_total=100))


def test_gries_dp_by_hand():
    # parts of 2, 3 and 5 tokens (shares .2 .3 .5); the term occurs once in part 1 and once in
    # part 3: v = (.5, 0, .5); DP = 0.5 * (.3 + .3 + 0) = 0.3; DP_norm = 0.3 / (1 - 0.2) = 0.375
    dp, dp_norm = stats.gries_dp([1, 0, 1], [2, 3, 5])
    assert dp == pytest.approx(0.3)
    assert dp_norm == pytest.approx(0.375)
    # perfectly even (proportional to part size): DP = 0
    dp, _ = stats.gries_dp([2, 3, 5], [2, 3, 5])
    assert dp == pytest.approx(0.0)


def test_sparse_dp_equals_the_dense_formula():
    # only the hit parts (1 and 3): sum|v - s| = .3 + 0 = .3, their shares sum to .7
    assert stats.dp_from_hits(0.3, 0.7) == pytest.approx(0.3)
    assert stats.dp_normalise(0.3, 0.2) == pytest.approx(0.375)
    assert math.isnan(stats.dp_normalise(0.0, 1.0))


def test_association_measures_by_hand():
    # f_xy = 4, f_x = f_y = 8, N = 1024
    assert stats.log_dice(4, 8, 8) == pytest.approx(13.0)  # 14 + log2(8 / 16)
    assert stats.log_dice(8, 8, 8) == pytest.approx(14.0)  # the maximum
    assert stats.mutual_information(4, 8, 8, 1024) == pytest.approx(6.0)  # log2(4096 / 64)
    assert stats.t_score(4, 8, 8, 1024) == pytest.approx((4 - 0.0625) / 2)


@pytest.mark.parametrize("args", [(-1, 2, 100, 100), (10, 2, 0, 100), (200, 2, 100, 100)])
def test_impossible_counts_raise_a_clear_value_error(args):
    with pytest.raises(ValueError, match="count|size"):
        stats.g2_four_cell(*args)


def test_bad_alpha_and_negative_statistic_raise():
    with pytest.raises(ValueError, match="alpha"):
        stats.critical_value(1.5)
    with pytest.raises(ValueError, match="negative"):
        stats.chi2_p(-1.0)
    with pytest.raises(ValueError, match="n_tests"):
        stats.bonferroni_critical(0)


def test_g2_is_never_negative_when_rounding_of_large_cells_would_make_it_so():
    # 41 of 4,850,954 vs 468 of 55,371,427: the rates agree to 1e-6 and the four-cell sum of
    # O ln(O/E) rounds to about -6e-9 in floating point; G2 is 0 or above by definition.
    a, b, c, d = 41.0, 468.0, 4_850_954.0, 55_371_427.0
    assert stats.g2_four_cell(a, b, c, d) >= 0.0
    assert stats.chi2_p(stats.g2_four_cell(a, b, c, d)) <= 1.0
    values = stats.g2_four_cell(np.array([a, 10.0]), np.array([b, 10.0]), np.array([c, 100.0]), np.array([d, 200.0]))
    assert (values >= 0).all() and values[1] > 0
