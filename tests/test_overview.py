"""Overview summaries: date counts and the gap that splits coverage into waves (hand-made dates)."""
import pandas as pd

import helpers


def _dates(*values):
    return pd.Series(pd.to_datetime(list(values)))


def test_a_long_gap_splits_the_coverage():
    gap = helpers.publication_gap(_dates("2024-05-01", "2024-05-02", "2024-05-02", "2024-05-03", "2024-06-10"))
    assert (gap.before, gap.after, gap.n_before, gap.n_after, gap.days) == (
        pd.Timestamp("2024-05-01") + pd.Timedelta(days=2), pd.Timestamp("2024-06-10"), 4, 1, 38)


def test_no_gap_when_dates_are_regular_or_too_few():
    assert helpers.publication_gap(_dates("2024-01-01", "2024-01-15", "2024-01-29", "2024-02-12")) is None
    assert helpers.publication_gap(_dates("2024-01-01", "2024-03-01")) is None
    assert helpers.publication_gap(_dates(None, None)) is None


def test_a_gap_under_a_week_never_splits():
    assert helpers.publication_gap(_dates("2024-01-01", "2024-01-01", "2024-01-02", "2024-01-08")) is None


def test_date_summary_counts_stated_inferred_and_unknown():
    overview = pd.DataFrame({"date": pd.to_datetime(["2024-01-02", None, "2024-01-05"]),
                             "date_stated": [True, False, False]})
    s = helpers.date_summary(overview)
    assert (s.n_dated, s.n_undated, s.n_stated, s.span_days) == (2, 1, 1, 3)
    empty = helpers.date_summary(overview.iloc[1:2])
    assert (empty.n_dated, empty.first, empty.span_days) == (0, None, 0)
