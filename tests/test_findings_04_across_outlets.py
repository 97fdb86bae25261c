"""The findings notebook 04 states on the seed corpus, and how its helpers behave on other corpora.

The seed numbers are the old notebook's asserts (checked by hand against the five seed texts when
they were written); the notebook computes its sentences from these helpers on whatever corpus is
loaded, and these tests run the same helpers on the seed corpus. The other tests use the corpora of
tests/corpora.py (one quiet article, three articles of one outlet) and the held-out set, checking
the bounded similarity against the brute-force one.
"""
from __future__ import annotations

import math

import numpy as np
import pytest

import corpora
import helpers
from conftest import ROOT
from findings_support import load_quietly as load, order, parameter as notebook_parameter, quotes  # noqa: F401
from newslens import compare

NOTEBOOK = ROOT / "notebooks" / "04-across-outlets.ipynb"


def parameter(name: str):
    """A value of this notebook's parameters cell."""
    return notebook_parameter(NOTEBOOK, name)


@pytest.fixture(scope="module")
def facts(articles, quotes):
    figures = helpers.extract_figures(articles, quotes)
    return figures, helpers.compare_figures(figures)


@pytest.fixture(scope="module")
def claims(articles, quotes):
    return helpers.claims_about(articles, parameter("PLACE"), quotes, parameter("DEFENDER"))


@pytest.fixture(scope="module")
def similar(articles, order):
    matrix, pairs = helpers.outlet_similarity(articles, order, parameter("TOP_PAIRS"))
    passages = helpers.pair_passages(articles, pairs, parameter("SHARED_MIN_WORDS"))
    return matrix, helpers.pair_copy(pairs, passages), passages


# ---------------------------------------------------------------- the seed findings


def test_47_quantities_37_facts_4_shared_and_the_distance_clashes(facts, order):
    figures, table = facts
    totals = helpers.fact_totals(figures, table)
    assert (totals.n_figures, totals.n_mentions, totals.n_shared, totals.n_clashing) == (47, 37, 4, 1)
    shared = helpers.shared_facts(table)
    clashing = shared[~shared["agree"]]["fact"].tolist()
    distance = helpers.clash_mentions(table, clashing, order)
    assert len(distance) == 3 and set(distance["scale_unit"]) == {"km"}
    assert sorted(distance["value"]) == [10, 10, 15]


def test_two_outlets_agree_on_10000_inhabitants_and_sofrep_counts_559_and_15(facts):
    table = facts[1]
    population = table[(table["concept"] == "population") & (table["n_articles"] > 1)]
    assert population["outlet"].tolist() == ["Amsterdam Times", "SOFREP"] and population["agree"].all()
    assert set(population["value"]) == {10000}
    remaining = table[(table["outlet"] == "SOFREP") & table["concept"].isin(["civilians", "children"])]
    assert {559, 15} <= set(remaining["value"])


def test_two_claims_say_the_russian_side_is_in_control_each_through_a_source(claims, order):
    by_stance = helpers.claim_sources(claims).set_index("stance")
    russian = by_stance.loc["Russian side in control"]
    assert (russian["claims"], russian["by_a_source"]) == (2, 2)
    holding = by_stance.loc["Ukrainian side holding"]
    assert set(holding["outlets"].split("; ")) == {"Amsterdam Times", "SOFREP"}
    assert holding["by_ukrainian_sources"] > holding["claims"] / 2
    stances = helpers.stance_table(claims, order)
    assert stances.loc["Maa Bhakti"].sum() == 0  # the February article does not name Soledar
    assert stances["contested or unclear"].sum() > len(claims) / 2


def test_amsterdam_times_quotes_the_most_almost_all_direct(quotes, order):
    voices = helpers.voice_summary(helpers.speaker_counts(quotes, by="outlet"), order)
    assert helpers.leading(voices["total"])[0] == "Amsterdam Times"
    assert helpers.leading(voices["direct_share"])[0] == "Amsterdam Times"
    assert voices.loc["SOFREP", "direct_share"] < 0.5
    assert voices.loc["Eurasia Business Today", "Russia"] == voices.loc["Good Time Invest", "Russia"] == 0


def test_each_outlet_names_its_own_channels(articles, quotes, order):
    sources = helpers.named_sources(articles, quotes)
    table = helpers.source_table(sources, order, parameter("TOP_SOURCES"))
    assert table.loc["Amsterdam Times", "AFP"] == 2 and "Maxar" not in set(sources["source"])
    assert sources[sources["outlet"] == "Eurasia Business Today"]["how"].tolist() == ["reports"]
    reuters = sources[(sources["outlet"] == "Maa Bhakti") & (sources["source"] == "Reuters")]
    assert "not able to verify" in " ".join(reuters["attributed"])


def test_no_outlet_copies_another_the_longest_shared_passage_is_five_words(similar):
    _, pairs, passages = similar
    top = pairs.iloc[0]
    assert {top["outlet_a"], top["outlet_b"]} == {"Amsterdam Times", "SOFREP"} and round(top["cosine"], 2) == 0.30
    assert len(pairs) == 10  # five articles: every pair is searched
    assert not (passages["n_words"] >= parameter("COPY_MIN_WORDS")).any() and passages["n_words"].max() == 5
    assert "10,000 inhabitants before the war" in passages["passage"].tolist()


def test_amsterdam_times_carries_the_most_translation_traces(articles, order):
    markers = helpers.translation_markers(articles)
    kinds = helpers.marker_kinds(markers, articles, order)
    assert helpers.leading(kinds["markers"])[0] == "Amsterdam Times" and kinds.loc["Amsterdam Times", "translated"]
    assert {"Kiev for Kyiv", "stray Is. at sentence end"} <= set(markers[markers["outlet"] == "Maa Bhakti"]["marker"])
    assert kinds.loc[["Eurasia Business Today", "SOFREP"], "markers"].max() <= 1


def test_sofrep_mentions_soledar_most_maa_bhakti_never_three_outlets_differ_on_figures(articles, quotes, facts, claims):
    voices = helpers.speaker_counts(quotes, by="outlet")
    summary = helpers.outlet_summary(articles, voices=voices, facts=facts[1], claims=claims, place=parameter("PLACE"))
    per_10k = summary.set_index("outlet")["soledar_per_10k_words"]
    assert per_10k.idxmax() == "SOFREP" and per_10k["Maa Bhakti"] == 0
    assert claims[claims["outlet"] == "SOFREP"]["stance"].nunique() == 3
    assert (summary["figures_that_differ"] != "none").sum() == 3


def test_the_seed_notes_of_notebook_04_apply_to_the_seed_corpus(articles):
    notes = helpers.corpus_notes(ROOT / "corpus", articles)
    assert {"04-figures", "04-people", "04-claims", "04-sources", "04-copy", "04-translation"} <= set(notes.sections)


# ---------------------------------------------------------------- the helpers on other corpora


def test_the_bounded_similarity_matches_every_pair_compared(monkeypatch):
    articles = load(corpora.HELDOUT)
    articles.loc[articles.index[:2], "outlet"] = "Same Outlet"  # one outlet with two articles
    order = helpers.outlet_order(articles)
    monkeypatch.setattr(compare, "SIMILARITY_BLOCK", 3)  # several blocks of rows
    matrix, pairs = helpers.outlet_similarity(articles, order, top=5)
    every = helpers.article_similarity(articles)
    every = every[(every["article_a"] < every["article_b"]) & (every["outlet_a"] != every["outlet_b"])]
    assert sorted(pairs["cosine"], reverse=True) == pairs["cosine"].tolist()
    assert np.allclose(pairs["cosine"], every["cosine"].nlargest(5).to_numpy())
    assert (pairs["outlet_a"] != pairs["outlet_b"]).all()
    same = helpers.article_similarity(articles)
    same = same[(same["outlet_a"] == "Same Outlet") & (same["outlet_b"] == "Same Outlet") & (same["article_a"] != same["article_b"])]
    assert math.isclose(matrix.loc["Same Outlet", "Same Outlet"], same["cosine"].mean())
    other = order[-1]
    between = helpers.article_similarity(articles)
    between = between[(between["outlet_a"] == "Same Outlet") & (between["outlet_b"] == other)]
    assert math.isclose(matrix.loc["Same Outlet", other], between["cosine"].mean())
    assert helpers.cross_outlet_pairs(articles) == 8 * 7 // 2 - 1


def test_the_passages_of_chosen_pairs_are_the_ones_every_pair_gives(articles, similar):
    _, pairs, passages = similar
    assert passages.equals(helpers.shared_passages(articles, min_words=parameter("SHARED_MIN_WORDS")))
    assert pairs["n_passages"].sum() == len(passages) == 3


def test_one_article_without_figures_place_or_pairs(tmp_path):
    articles = load(corpora.quiet_article(tmp_path / "quiet"))
    quotes = helpers.extract_quotes(articles)
    figures = helpers.extract_figures(articles, quotes)
    facts = helpers.compare_figures(figures)
    assert helpers.fact_totals(figures, facts) == helpers.FactTotals(0, 0, 0, 0, 0)
    shared = helpers.shared_facts(facts)
    assert shared.empty and shared["agree"].dtype == bool and shared[~shared["agree"]].empty
    assert helpers.clash_mentions(facts, [], ["valley"]).empty
    assert helpers.place_mentions(articles, "Soledar") == 0 and helpers.place_mentions(articles, None) == 0
    claims = helpers.claims_about(articles, "Soledar", quotes, "Ukraine")
    assert claims.empty and list(claims.columns) == compare.CLAIM_COLUMNS
    assert helpers.stance_table(claims, ["valley"]).to_numpy().sum() == 0
    matrix, pairs = helpers.outlet_similarity(articles, ["valley"])
    assert pairs.empty and matrix.shape == (1, 1) and np.isnan(matrix.iloc[0, 0])
    assert helpers.cross_outlet_pairs(articles) == 0


def test_one_outlet_has_no_pair_of_outlets_and_no_claim(tmp_path):
    articles = load(corpora.one_outlet(tmp_path / "one"))
    quotes = helpers.extract_quotes(articles)
    assert helpers.claims_about(articles, "Soledar", quotes, "Ukraine").empty
    matrix, pairs = helpers.outlet_similarity(articles, ["Harbour Gazette"])
    assert pairs.empty and 0 < matrix.iloc[0, 0] < 1
    voices = helpers.voice_summary(helpers.speaker_counts(quotes, by="outlet"), ["Harbour Gazette"])
    assert voices.loc["Harbour Gazette", ["direct", "indirect", "total"]].tolist() == [2, 3, 5]  # hand count: see test 03


def test_measures_are_drawn_in_their_base_unit():
    scale = helpers.base_units()
    assert scale["km"] == (1.0, "km") and scale["mi"] == (1.609344, "km") and scale["months"] == (30.4375, "days")


def test_translated_from_none_is_not_a_translation():
    assert [helpers.is_translated(v) for v in ["", None, "none", "none: an English rewrite", "French (inferred)"]] == \
        [False, False, False, False, True]
