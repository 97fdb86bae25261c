"""Published corpus statistics as pure, vectorised formulas: keyness, dispersion, association.

Notation follows the keyness literature (Rayson & Garside 2000; Gabrielatos 2018): a term occurs
`a` times in a target corpus of `c` tokens and `b` times in a reference corpus of `d` tokens.
Every function accepts scalars or numpy arrays (broadcast together) and returns floats or arrays.
No I/O, no pandas. Used by `newslens.terms` (notebooks 02, 04, 05).

- `g2_two_cell`   log-likelihood, the two-cell form used by AntConc/Wmatrix (Rayson & Garside 2000)
- `g2_four_cell`  log-likelihood over the full 2x2 table (Dunning 1993), what quanteda reports
- `chi2_yates`    Pearson chi-squared with Yates' continuity correction, 2x2 table
- `chi2_p`        upper-tail p of chi-squared with 1 df: p = erfc(sqrt(x / 2))
- `bonferroni_critical`  the chi-squared (1 df) value a test must reach at alpha / n_tests
- `log_ratio`     Hardie (2014): log2 of the ratio of relative frequencies, 0.5 for a zero count
- `pct_diff`      Gabrielatos & Marchi (2012) %DIFF, 0.5 for a zero reference count
- `bic`           Wilson (2013): BIC = G2 - df * ln(N), N = c + d
- `log_odds_z`    Monroe, Colaresi & Quinn (2008) weighted log-odds with an informative Dirichlet prior
- `gries_dp`      Gries (2008) deviation of proportions, and DP_norm (Lijffijt & Gries 2012);
                  `dp_from_hits`/`dp_normalise` compute it from sparse counts
- `log_dice`, `mutual_information`, `t_score`  collocation strength (Rychly 2008; Church & Hanks 1990)
"""
from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

ZERO_COUNT = 0.5  # Hardie's / Gabrielatos' stand-in for a zero frequency
DF = 1  # degrees of freedom of a 2x2 contingency table
_ERFC = np.frompyfunc(math.erfc, 1, 1)


def _arrays(*values) -> list[np.ndarray]:
    """The arguments as float arrays broadcast to one shape."""
    return list(np.broadcast_arrays(*[np.asarray(v, dtype=float) for v in values]))


def _out(x: np.ndarray):
    """A 0-d array back to a Python float; arrays unchanged."""
    return float(x) if np.ndim(x) == 0 else x


def _o_ln_o_over_e(o: np.ndarray, e: np.ndarray) -> np.ndarray:
    """O * ln(O / E), with the limit 0 where O is 0."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(o > 0, o * np.log(np.where(o > 0, o, 1.0) / np.where(e > 0, e, 1.0)), 0.0)


def _check_sizes(a, b, c, d) -> None:
    """Raise ValueError if a count is negative or exceeds its corpus size."""
    if np.any(a < 0) or np.any(b < 0):
        raise ValueError("term counts a and b must be >= 0")
    if np.any(c <= 0) or np.any(d <= 0):
        raise ValueError("corpus sizes c and d must be > 0 (a comparison needs tokens on both sides)")
    if np.any(a > c) or np.any(b > d):
        raise ValueError("a term count is larger than its corpus size: pass counts a, b then sizes c, d")


def direction(a, b, c, d):
    """+1 where the term is relatively more frequent in the target, -1 where less, 0 if equal."""
    a, b, c, d = _arrays(a, b, c, d)
    return _out(np.sign(a * d - b * c))


def g2_two_cell(a, b, c, d):
    """Log-likelihood G2, two-cell form: 2 * sum O ln(O/E) over the term's two cells (unsigned).

    G2 >= 0; where rounding of large cells would give a tiny negative sum (the rates are equal
    to about 1e-9), the result is 0."""
    a, b, c, d = _arrays(a, b, c, d)
    _check_sizes(a, b, c, d)
    e1 = c * (a + b) / (c + d)
    e2 = d * (a + b) / (c + d)
    return _out(np.maximum(2.0 * (_o_ln_o_over_e(a, e1) + _o_ln_o_over_e(b, e2)), 0.0))


def g2_four_cell(a, b, c, d):
    """Log-likelihood G2 over the 2x2 table (term / other tokens x target / reference), unsigned.

    Never negative: a rounding error of the large cells (about 1e-9 when the rates are equal)
    gives 0, not a tiny negative value that `chi2_p` would refuse."""
    a, b, c, d = _arrays(a, b, c, d)
    _check_sizes(a, b, c, d)
    n = c + d
    term, other = a + b, n - a - b
    cells = ((a, c * term / n), (b, d * term / n), (c - a, c * other / n), (d - b, d * other / n))
    return _out(np.maximum(2.0 * sum(_o_ln_o_over_e(o, e) for o, e in cells), 0.0))


def chi2_yates(a, b, c, d):
    """Pearson chi-squared with Yates' correction on the 2x2 table [[a, b], [c-a, d-b]]."""
    a, b, c, d = _arrays(a, b, c, d)
    _check_sizes(a, b, c, d)
    n = c + d
    num = n * np.maximum(np.abs(a * (d - b) - b * (c - a)) - n / 2.0, 0.0) ** 2
    den = (a + b) * (n - a - b) * c * d
    with np.errstate(divide="ignore", invalid="ignore"):
        return _out(np.where(den > 0, num / np.where(den > 0, den, 1.0), 0.0))


def chi2_p(x):
    """Upper-tail p-value of a chi-squared statistic with 1 df: erfc(sqrt(x / 2))."""
    x = np.asarray(x, dtype=float)
    if np.any(x < 0):
        raise ValueError("a chi-squared statistic cannot be negative: pass |G2|, not the signed value")
    if x.ndim == 0:
        return math.erfc(math.sqrt(float(x) / 2.0))
    values, where = np.unique(x, return_inverse=True)  # keyness tables repeat few distinct values
    return np.asarray(_ERFC(np.sqrt(values / 2.0)), dtype=float)[where.reshape(x.shape)]


def critical_value(alpha: float) -> float:
    """The chi-squared (1 df) value whose upper-tail p is `alpha` (0.0001 gives 15.13)."""
    if not 0 < alpha < 1:
        raise ValueError(f"alpha must be between 0 and 1, got {alpha!r}")
    return NormalDist().inv_cdf(1.0 - alpha / 2.0) ** 2


def bonferroni_critical(n_tests: int, alpha: float = 0.05) -> float:
    """The chi-squared (1 df) critical value at alpha / n_tests (Bonferroni over the vocabulary)."""
    if n_tests < 1:
        raise ValueError(f"n_tests must be at least 1, got {n_tests!r}")
    return critical_value(alpha / n_tests)


def log_ratio(a, b, c, d):
    """Hardie's Log Ratio: log2((a/c) / (b/d)), a zero count replaced by 0.5."""
    a, b, c, d = _arrays(a, b, c, d)
    _check_sizes(a, b, c, d)
    a, b = np.where(a == 0, ZERO_COUNT, a), np.where(b == 0, ZERO_COUNT, b)
    return _out(np.log2((a / c) / (b / d)))


def pct_diff(a, b, c, d):
    """%DIFF: 100 * (a/c - b/d) / (b/d), a zero reference count replaced by 0.5."""
    a, b, c, d = _arrays(a, b, c, d)
    _check_sizes(a, b, c, d)
    ref = np.where(b == 0, ZERO_COUNT, b) / d
    return _out(100.0 * (a / c - ref) / ref)


def bic(g2, c, d, df: int = DF):
    """Wilson's BIC approximation for a 2x2 keyness test: G2 - df * ln(c + d)."""
    g2, c, d = _arrays(g2, c, d)
    return _out(g2 - df * np.log(c + d))


def log_odds_z(a, b, c, d, prior, prior_total: float | None = None):
    """Monroe et al. weighted log-odds z of target vs reference, Dirichlet prior `prior` per term.

    delta = ln((a+p)/(c+p0-a-p)) - ln((b+p)/(d+p0-b-p)), var = 1/(a+p) + 1/(b+p), z = delta/sqrt(var),
    where p is the term's prior count and p0 the prior's total (default: the sum of `prior`, i.e.
    `prior` lists the whole vocabulary).
    """
    a, b, c, d, p = _arrays(a, b, c, d, prior)
    _check_sizes(a, b, c, d)
    if np.any(p <= 0):
        raise ValueError("every prior count must be > 0 (use pooled counts, which are >= 1)")
    p0 = float(np.sum(np.asarray(prior, dtype=float))) if prior_total is None else float(prior_total)
    delta = np.log((a + p) / (c + p0 - a - p)) - np.log((b + p) / (d + p0 - b - p))
    return _out(delta / np.sqrt(1.0 / (a + p) + 1.0 / (b + p)))


def gries_dp(counts, part_sizes) -> tuple:
    """Gries' DP and DP_norm of terms over corpus parts.

    `counts` is (n_terms, n_parts) or (n_parts,); `part_sizes` the parts' token counts.
    DP = 0.5 * sum |v_i - s_i| (v: share of the term's hits, s: share of the corpus), 0 = even;
    DP_norm = DP / (1 - min s). Returns (dp, dp_norm); dp_norm is NaN with a single part.
    """
    v = np.asarray(counts, dtype=float)
    sizes = np.asarray(part_sizes, dtype=float)
    if v.shape[-1] != sizes.shape[0] or np.any(sizes <= 0):
        raise ValueError("part_sizes needs one positive size per column of counts")
    s = sizes / sizes.sum()
    total = v.sum(axis=-1, keepdims=True)
    with np.errstate(divide="ignore", invalid="ignore"):
        dp = 0.5 * np.abs(v / total - s).sum(axis=-1)
    dp = np.where(total[..., 0] > 0, dp, np.nan)
    return _out(dp), _out(dp_normalise(dp, np.full(np.shape(dp), s.min())))


def dp_from_hits(abs_dev_hits, share_hits):
    """Gries' DP from the parts that contain the term only (a sparse count table).

    abs_dev_hits = sum of |v_i - s_i| over parts with a hit; share_hits = sum of their s_i.
    Parts without a hit contribute |0 - s_i| = s_i, i.e. 1 - share_hits in total.
    """
    abs_dev, share = _arrays(abs_dev_hits, share_hits)
    return _out(0.5 * (abs_dev + 1.0 - share))


def dp_normalise(dp, min_share):
    """DP_norm = DP / (1 - smallest part share); NaN when there is a single part (share 1)."""
    dp, min_share = _arrays(dp, min_share)
    with np.errstate(divide="ignore", invalid="ignore"):
        return _out(np.where(min_share < 1.0, dp / np.where(min_share < 1.0, 1.0 - min_share, 1.0), np.nan))


def log_dice(f_xy, f_x, f_y):
    """logDice = 14 + log2(2 f_xy / (f_x + f_y)); 14 is the maximum."""
    f_xy, f_x, f_y = _arrays(f_xy, f_x, f_y)
    return _out(14.0 + np.log2(2.0 * f_xy / (f_x + f_y)))


def mutual_information(f_xy, f_x, f_y, n):
    """Pointwise MI = log2(f_xy * N / (f_x * f_y))."""
    f_xy, f_x, f_y, n = _arrays(f_xy, f_x, f_y, n)
    return _out(np.log2(f_xy * n / (f_x * f_y)))


def t_score(f_xy, f_x, f_y, n):
    """t-score = (f_xy - f_x * f_y / N) / sqrt(f_xy)."""
    f_xy, f_x, f_y, n = _arrays(f_xy, f_x, f_y, n)
    return _out((f_xy - f_x * f_y / n) / np.sqrt(f_xy))
