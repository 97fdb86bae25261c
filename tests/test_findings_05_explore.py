"""The findings notebook 05 states on the seed corpus for its starting values, pinned by the numbers
its old asserts held (checked by hand against the five seed files when first stated).

The notebook writes its sentences from these helpers on whatever corpus is loaded; these tests run
the same helpers, with the notebook's parameter values (WORD, KEY_OUTLET, MEASURE, MIN_G2, TOP),
on the seed corpus.
"""
import helpers
from conftest import ROOT

WORD, KEY_OUTLET, MEASURE, MIN_G2, TOP = "Soledar", "SOFREP", "g2", 3.84, 15


def test_soledar_is_densest_in_sofrep_then_good_time_invest_and_absent_from_maa_bhakti(articles):
    assert helpers.choose_words(articles, WORD).words == [WORD]
    lines = helpers.concordance_table(articles, WORD)
    per_outlet = helpers.concordance_rates(articles, lines).set_index("outlet")
    ranked = per_outlet.sort_values(["per_10k", "lines"], ascending=False, kind="stable")
    assert ranked.index[0] == "SOFREP" and per_outlet.loc["SOFREP", "lines"] == 17
    assert ranked.index[1] == "Good Time Invest"
    assert per_outlet.loc["Maa Bhakti", "lines"] == 0 and (per_outlet["lines"] > 0).sum() == 4
    assert per_outlet.loc["SOFREP", "per_10k"] == round(17 / 852 * 10_000, 1)  # SOFREP: 852 words


def test_stoltenberg_is_the_most_quoted_speaker_in_three_outlets(articles):
    quotes = helpers.extract_quotes(articles)
    top_speaker, top_n = helpers.speaker_choices(quotes)[0]
    table = helpers.speaker_quotes(quotes, articles, top_speaker)
    assert top_speaker == "Jens Stoltenberg" and table["outlet"].nunique() == 3
    assert len(table) == top_n == int(helpers.speaker_outlets(table, articles)["total"].sum())


def test_sofreps_most_distinctive_word_is_war_about_ten_times_the_rate_elsewhere(articles):
    keyness_table = helpers.keyness(articles)
    assert KEY_OUTLET in helpers.outlet_order(articles)
    top = helpers.outlet_key_terms(keyness_table, KEY_OUTLET, MEASURE, TOP, MIN_G2).iloc[0]
    assert top["term"] == "war" and (top["f_target"], top["f_reference"]) == (11, 3)
    assert 9 < top["per_10k_target"] / top["per_10k_reference"] < 11


def test_the_seed_notes_of_notebook_05_apply_to_the_seed_corpus(articles):
    notes = helpers.corpus_notes(ROOT / "corpus", articles)
    assert notes.status == "" and {"05-concordance", "05-speakers", "05-key-outlet"} <= set(notes.sections)
