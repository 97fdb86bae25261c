"""The findings notebook 01 states on the seed corpus, pinned by hand counts of the five seed files.

The notebook computes its sentences from these helpers on whatever corpus is loaded; these tests run
the same helpers on the seed corpus and check the numbers a reader of the committed notebook sees.
"""
import pandas as pd

import helpers
from conftest import ROOT


def test_five_articles_one_date_printed_in_the_text(articles):
    overview = helpers.article_overview(articles)
    dates = helpers.date_summary(overview)
    assert (len(overview), dates.n_dated, dates.n_stated, dates.n_undated) == (5, 5, 1, 0)


def test_the_afp_rewrite_is_the_longest_about_three_times_the_shortest(articles):
    overview = helpers.article_overview(articles).set_index("outlet")["n_words"]
    assert overview.idxmax() == "Amsterdam Times" and overview.idxmin() == "Good Time Invest"
    assert 2.5 < overview.max() / overview.min() < 3.5


def test_four_articles_by_13_january_one_a_month_later(articles):
    dates = helpers.article_overview(articles)["date"]
    gap = helpers.publication_gap(dates)
    assert (gap.before, gap.after) == (pd.Timestamp("2023-01-13"), pd.Timestamp("2023-02-16"))
    assert (gap.n_before, gap.n_after, gap.days) == (4, 1, 34)
    assert helpers.date_summary(helpers.article_overview(articles)).span_days == 36


def test_cleaning_removed_eleven_lines_most_from_good_time_invest(articles):
    removed = helpers.cleaning_report(articles)
    assert len(removed) == 11 and removed["outlet"].value_counts().idxmax() == "Good Time Invest"


def test_the_seed_notes_apply_to_the_seed_corpus(articles):
    notes = helpers.corpus_notes(ROOT / "corpus", articles)
    assert notes.status == "" and {"01-dates", "01-timeline", "01-cleaning"} <= set(notes.sections)
