"""Helpers on tables a user builds by hand (no date column, NaN texts, no rows) and clouds with
nothing to compare: each works or gives a clear error. Expected values are hand counts."""
import numpy as np
import pandas as pd
import pytest

import helpers
from newslens import names

CLOUD_COLUMNS = ["outlet", "term", "display", "count", "per_10k", "mean_per_10k", "excess_per_10k"]


def table(texts: dict[str, str], **columns) -> pd.DataFrame:
    """A hand-built articles table: one article per outlet, {outlet: text}, no date column."""
    return pd.DataFrame({"article_id": [f"a{k}" for k in range(len(texts))], "outlet": list(texts),
                         "text": list(texts.values()), **columns})


# --- no date column: outlets are undated, in name order -----------------------------------------

def test_frequencies_and_keyness_without_a_date_column():
    arts = table({"Zeta Daily": "drones drones over Sumy", "Alpha Post": "drones over Kharkiv"})
    freq = helpers.frequencies(arts)
    assert freq["outlet"].drop_duplicates().tolist() == ["Alpha Post", "Zeta Daily"]
    zeta = freq[freq["outlet"] == "Zeta Daily"].set_index("term")["count"].to_dict()
    assert zeta == {"drones": 2, "over": 1, "sumy": 1}
    key = helpers.keyness(arts, min_freq=1, min_range=1)
    assert key["target"].drop_duplicates().tolist() == ["Alpha Post", "Zeta Daily"]
    assert helpers.outlet_order(arts) == ["Alpha Post", "Zeta Daily"]
    assert list(helpers.outlet_colors(arts)) == ["Alpha Post", "Zeta Daily"]


# --- texts that are not strings -----------------------------------------------------------------

@pytest.mark.parametrize("missing", [np.nan, None])
def test_sentences_name_the_article_without_text(missing):
    arts = pd.DataFrame({"article_id": ["kyiv-1", "kyiv-2"], "outlet": "T", "text": ["Sirens. Then quiet.", missing]})
    with pytest.raises(helpers.SentencesError, match="article.s. kyiv-2 have no text"):
        helpers.sentences(arts)
    assert issubclass(helpers.SentencesError, ValueError)


def test_sentences_name_the_article_without_text_in_a_string_column():
    arts = pd.DataFrame({"article_id": ["x", "y"], "text": pd.array([np.nan, "One. Two."], dtype="str")})
    with pytest.raises(helpers.SentencesError, match="article.s. x have no text"):
        helpers.sentences(arts)
    assert helpers.sentences(arts.iloc[1:])["text"].tolist() == ["One.", "Two."]


def test_article_overview_names_the_article_without_text(articles):
    arts = articles.copy()
    arts.loc[3, "text"] = np.nan
    with pytest.raises(helpers.CorpusError, match="article.s. 003_fed1982a6e55a3ec have no text"):
        helpers.article_overview(arts)
    with pytest.raises(helpers.CorpusError, match="no column.s. removed"):
        helpers.article_overview(articles.drop(columns=["removed"]))


# --- clouds -------------------------------------------------------------------------------------

def test_comparison_cloud_terms_of_an_empty_table_is_an_empty_table():
    empty = table({"X": "tanks"}).iloc[:0]
    for arts in (empty, table({"X": "the of and", "Y": "it is"})):  # no row; only stop words
        out = helpers.comparison_cloud_terms(arts)
        assert list(out.columns) == CLOUD_COLUMNS and len(out) == 0


def test_comparison_cloud_sizes_are_the_excess_rates():
    # X: 3 tokens (tanks 2, rolled 1); Y: 2 tokens (drones 1, rolled 1). Per 10k: tanks 6,667 / 0,
    # rolled 3,333 / 5,000, drones 0 / 5,000; excess over the mean: tanks 3,333 (X), drones 2,500 (Y),
    # rolled 833 (Y). The cloud scales them by the largest: 1, 0.75, 0.25.
    arts = table({"X": "tanks tanks rolled", "Y": "drones rolled"})
    terms = helpers.comparison_cloud_terms(arts)
    assert terms[["outlet", "term"]].values.tolist() == [["X", "tanks"], ["Y", "drones"], ["Y", "rolled"]]
    cloud = helpers.comparison_word_cloud(terms, {"X": "#111111", "Y": "#222222"})
    assert cloud.words_ == pytest.approx({"tanks": 1.0, "drones": 0.75, "rolled": 0.25})


@pytest.mark.parametrize("texts", [{"Only Outlet": "grain ships left Odesa"},
                                   {"X": "grain ships left Odesa", "Y": "grain ships left Odesa"}])
def test_comparison_cloud_with_nothing_above_the_mean_is_blank(texts):
    terms = helpers.comparison_cloud_terms(table(texts))
    assert len(terms) == 4 and (terms["excess_per_10k"] == 0).all()  # grain, ships, left, odesa
    cloud = helpers.comparison_word_cloud(terms, {o: "#111111" for o in texts}, width=120, height=80)
    assert cloud.words_ == {}
    image = cloud.to_array()
    assert image.shape == (80, 120, 3) and (image == 255).all()  # white: nothing drawn
    helpers.plot_word_cloud(cloud)


@pytest.mark.parametrize("weights,bad", [({"mines": -2.0, "salt": 3.0}, "'mines' has -2.0"),
                                         ({"salt": float("nan")}, "'salt' has nan"),
                                         ({"salt": float("inf"), "mines": 1}, "'salt' has inf")])
def test_word_cloud_refuses_negative_and_non_finite_weights(weights, bad):
    with pytest.raises(helpers.TermsError, match=bad):
        helpers.word_cloud(weights, "#000000")


def test_word_cloud_weights_must_be_numbers_and_one_positive():
    with pytest.raises(helpers.TermsError, match="numbers"):
        helpers.word_cloud({"salt": "many"}, "#000000")
    with pytest.raises(helpers.TermsError, match="positive weight"):
        helpers.word_cloud({"salt": 0, "mines": 0.0}, "#000000")
    assert helpers.word_cloud({"salt": 0, "mines": 4}, "#000000", width=120, height=80).words_ == {"mines": 1.0}


def test_names_error_is_exported():
    assert helpers.NamesError is names.NamesError and issubclass(helpers.NamesError, ValueError)
