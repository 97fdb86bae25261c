"""Summaries of the articles table for the corpus overview: dates, gaps between them, lengths.

Each function reads the table `article_overview` returns and gives the numbers notebook 01 states
(so its sentences and the seed-corpus tests compute them the same way). Used by notebook 01.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

GAP_MIN_DAYS = 7  # a gap shorter than a week never splits coverage into waves
GAP_FACTOR = 3  # ... and it must be this many times the typical (median) gap between dated articles


@dataclass(frozen=True)
class DateSummary:
    """How many articles carry a date, and the span the dates cover."""
    n_dated: int
    n_undated: int
    n_stated: int  # dates printed in the article (date_basis starts with "stated")
    first: pd.Timestamp | None
    last: pd.Timestamp | None

    @property
    def span_days(self) -> int:
        """Days from the first to the last dated article (0 with one date or none)."""
        return (self.last - self.first).days if self.n_dated else 0


@dataclass(frozen=True)
class Gap:
    """The longest quiet spell between publication dates, when it splits the coverage in two."""
    before: pd.Timestamp
    after: pd.Timestamp
    n_before: int
    n_after: int

    @property
    def days(self) -> int:
        return (self.after - self.before).days


def date_summary(overview: pd.DataFrame) -> DateSummary:
    """Dated, undated and stated-in-the-text counts, and the first and last date."""
    dates = overview["date"].dropna()
    return DateSummary(
        n_dated=len(dates), n_undated=int(overview["date"].isna().sum()),
        n_stated=int(overview["date_stated"].fillna(False).astype(bool).sum()),
        first=dates.min() if len(dates) else None, last=dates.max() if len(dates) else None)


def publication_gap(dates: pd.Series) -> Gap | None:
    """The longest gap between consecutive distinct publication days, if it is at least
    GAP_MIN_DAYS and GAP_FACTOR times the median gap; None otherwise (or with fewer than 3 days).

    Ties between equally long gaps go to the earliest."""
    days = pd.Series(sorted(pd.to_datetime(dates.dropna()).dt.normalize().unique()))
    if len(days) < 3:
        return None
    gaps = days.diff().dt.days.iloc[1:].reset_index(drop=True)
    longest = int(gaps.max())
    typical = float(gaps.median())
    if longest < GAP_MIN_DAYS or longest < GAP_FACTOR * max(typical, 1.0):
        return None
    k = int(gaps.idxmax())  # first of the longest gaps: between days[k] and days[k + 1]
    before, after = days.iloc[k], days.iloc[k + 1]
    normalised = pd.to_datetime(dates.dropna()).dt.normalize()
    return Gap(before, after, int((normalised <= before).sum()), int((normalised >= after).sum()))
