"""The findings notebook 02 states on the seed corpus, pinned by the numbers its old asserts held.

Those numbers were checked by hand against the five seed files when the notebook first stated them.
The notebook now writes its sentences from these helpers on whatever corpus is loaded; these tests
run the same helpers, with the notebook's parameter values, on the seed corpus.
"""
import pytest

import helpers
from conftest import ROOT

KEY_FILTER = {"min_g2": None, "min_freq": 3, "min_range": 2}  # the notebook's MIN_G2, MIN_FREQ, MIN_RANGE


@pytest.fixture(scope="module")
def freq(articles):
    return helpers.frequencies(articles, drop_stopwords=True, drop_numbers=True)


@pytest.fixture(scope="module")
def corpus_freq(articles):
    return helpers.frequencies(articles, by=None, drop_stopwords=True, drop_numbers=True)


@pytest.fixture(scope="module")
def key(articles):
    return helpers.keyness(articles, **KEY_FILTER)


def test_soledar_is_a_top_three_word_of_four_outlets_and_maa_bhakti_never_names_it(freq):
    reach = helpers.top_term_reach(freq, top=3)
    groups = reach.groups.set_index("outlet")
    assert (reach.term, reach.n_groups, reach.tied) == ("soledar", 4, False)
    assert groups.loc["Maa Bhakti", "rank"] == 0 and groups.loc["Maa Bhakti", "count"] == 0
    assert groups.loc["Maa Bhakti", ["top_term", "top_count"]].tolist() == ["said", 16]
    assert (groups.drop("Maa Bhakti")["rank"].between(1, 3)).all()


def test_only_two_words_pass_the_keyness_filter_both_for_maa_bhakti(key):
    summary = helpers.keyness_summary(key)
    assert summary["n_terms"].eq(1103).all() and round(summary["g2_threshold"].iloc[0], 2) == 16.63
    assert summary["g2_threshold"].iloc[0] > helpers.G2_FLOOR  # the Bonferroni value is the stricter one
    assert summary["n_kept"].sum() == 2 and summary["n_removed"].sum() == 0
    kept = helpers.key_terms(key, top=None, side="both")
    assert kept[["target", "term", "f_target", "f_reference"]].values.tolist() == [
        ["Maa Bhakti", "soledar", 0, 36], ["Maa Bhakti", "said", 16, 9]]


def test_sofrep_war_misses_the_threshold_narrowly_and_bakhmout_is_a_candidate(key):
    candidates = helpers.keyness_candidates(key, per_side=4, exploratory_g2=6.63)
    miss = helpers.strongest_near_miss(candidates)
    assert (miss["target"], miss["term"], miss["f_target"], miss["f_reference"]) == ("SOFREP", "war", 11, 3)
    assert round(miss["g2"], 2) == 16.56 and not miss["passes_g2"]
    bakhmout = candidates[(candidates["target"] == "Amsterdam Times") & (candidates["term"] == "bakhmout")].iloc[0]
    assert (bakhmout["f_target"], bakhmout["f_reference"], round(bakhmout["g2"], 2)) == (4, 0, 10.25)
    assert bakhmout["mark"] == "*"  # p < 0.01 but not key
    marked = candidates[candidates["mark"] == "**"]
    assert sorted(marked["term"]) == ["said", "soledar"]


def test_seven_top_words_are_everywhere_and_war_is_almost_only_sofreps(articles, freq, corpus_freq):
    heat_terms = corpus_freq.head(14)
    counts, rates = helpers.outlet_term_matrix(freq, articles, heat_terms["term"])
    spread = helpers.term_spread(counts, heat_terms)
    assert len(spread.everywhere) == 7 and {"ukraine", "russian", "military"} <= set(spread.everywhere)
    assert (spread.term, spread.top_group, spread.top_count, spread.count) == ("war", "SOFREP", 11, 14)
    assert round(spread.dp, 2) == 0.52 and counts.loc["SOFREP", "war"] == 11
    assert rates.loc["SOFREP", "war"] == pytest.approx(11 / 852 * 10_000)  # SOFREP has 852 tokens


def test_folding_plurals_merges_38_words_and_lifts_city_above_war(articles, corpus_freq):
    lemma_freq = helpers.frequencies(articles, by=None, drop_stopwords=True, drop_numbers=True, lemmas=True)
    gains = helpers.lemma_gains(corpus_freq, lemma_freq)
    city = gains.iloc[0]
    assert len(gains) == 38 and gains["count"].max() == 16
    assert (city["term"], city["count"], city["forms"]) == ("city", 16, "cities|city")
    assert city["form_counts"] == "city 12 + cities 4"
    assert (city["overtaken"], city["overtaken_count"]) == ("war", 14) and city["rank_after"] < city["rank_before"]


def test_soledar_in_sofrep_and_amsterdam_times_bakhmut_in_maa_bhakti_wagner_in_three(articles):
    words = ["Soledar", "Bakhmut", "Wagner"]
    assert helpers.choose_words(articles, words, variants=True).words == words
    hits = helpers.dispersion_hits(helpers.dispersion(articles, words), words, helpers.outlet_order(articles))
    assert (hits.loc["Soledar", "SOFREP"], hits.loc["Soledar", "Amsterdam Times"]) == (17, 10)
    assert (hits.loc["Soledar", "Maa Bhakti"], hits.loc["Bakhmut", "Maa Bhakti"]) == (0, 9)
    assert (hits.loc["Wagner"] > 0).sum() == 3 and hits.loc["Wagner"].sum() == 5


def test_russian_is_the_strongest_collocate_of_soledar(articles):
    coll = helpers.collocates(articles, "Soledar", window=5, min_freq=3, drop_stopwords=True, drop_numbers=True)
    assert coll.iloc[0][["collocate", "f_pair"]].tolist() == ["russian", 7] and round(coll.iloc[0]["logdice"], 2) == 11.81
    assert coll["collocate"].tolist()[:3] == ["russian", "even", "bakhmut"]


def test_three_bigrams_occur_four_times_war_crimes_only_in_sofrep(articles):
    bigrams = helpers.ngrams(articles, n=2, by=None, min_count=3)
    leaders = helpers.ngram_leaders(bigrams, helpers.ngrams(articles, n=2))
    assert leaders["term"].tolist() == ["defense ministry", "ukrainian military", "war crimes"]
    assert leaders["range"].tolist() == [3, 2, 1] and bigrams["count"].max() == 4
    assert leaders["groups"].iloc[2] == ["SOFREP"]


def test_three_outlets_write_a_name_in_a_non_standard_form(articles):
    alternates = helpers.variant_alternates(helpers.spelling_variants(articles))
    by_outlet = alternates.groupby("outlet", observed=True)["variant"].apply(sorted).to_dict()
    assert set(by_outlet) == {"Amsterdam Times", "Maa Bhakti", "Eurasia Business Today"}
    assert by_outlet["Amsterdam Times"][:1] == ["Bakhmout"] and "Prigojine" in by_outlet["Amsterdam Times"]
    assert {"Kiev", "Malyar", "Donbass"} <= set(by_outlet["Maa Bhakti"])
    assert by_outlet["Eurasia Business Today"] == ["Zelenskyy"]


def test_six_proposed_groups_and_the_french_looking_forms_all_in_amsterdam_times(articles, freq):
    proposals = helpers.propose_variant_groups(articles)
    assert proposals["proposed_group"].nunique() == 6
    french = helpers.kwic(articles, ["Guerasimov", "Baïevskiï", "Valéri", "Andreï"])
    assert len(french) == 4 and set(french["outlet"]) == {"Amsterdam Times"}
    minor = helpers.minority_forms(proposals, freq)
    assert {"Guerasimov", "Baïevskiï", "Valéri", "Andreï"} <= set(minor.loc[minor["outlet"] == "Amsterdam Times", "variant"])


def test_clouds_leave_out_said_so_ukraine_is_maa_bhaktis_biggest_word(articles, freq):
    clouds = helpers.cloud_frequencies(articles, top=40)
    leaders = helpers.cloud_leaders(clouds, freq).set_index("outlet")
    firsts = clouds[clouds["rank"] == 1].set_index("outlet")
    assert firsts.loc["Maa Bhakti", ["term", "count"]].tolist() == ["ukraine", 12]
    assert firsts.loc["SOFREP", ["term", "count"]].tolist() == ["soledar", 17]
    assert "said" not in set(clouds["term"])
    assert leaders.loc["Maa Bhakti", ["top_display", "top_count", "same"]].tolist() == ["said", 16, False]


def test_the_two_shortest_articles_own_most_comparison_cloud_words(articles):
    groups = helpers.comparison_groups(articles)
    assert groups is articles  # five outlets: each keeps its own colour
    comparison = helpers.comparison_cloud_terms(groups, top=60)
    owners = helpers.comparison_owners(comparison, groups).set_index("outlet")["words"]
    assert owners.tolist() == [20, 17, 4, 9, 10] and len(comparison) == 60
    assert owners.idxmin() == articles.loc[articles["n_words"].idxmax(), "outlet"] == "Amsterdam Times"
    assert {"fierce", "fighters", "fighting"} <= set(comparison[comparison["outlet"] == "Good Time Invest"]["term"])


def test_the_seed_notes_of_notebook_02_apply_to_the_seed_corpus(articles):
    notes = helpers.corpus_notes(ROOT / "corpus", articles)
    keys = {"02-top-words", "02-keyness", "02-candidates", "02-spread", "02-dispersion", "02-spellings",
            "02-proposals", "02-comparison"}
    assert notes.status == "" and keys <= set(notes.sections)
