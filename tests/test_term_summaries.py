"""The summaries notebooks 02 and 05 state as findings, on tiny corpora counted by hand.

Each function is checked on a corpus small enough to count in the head (texts below), including the
degenerate shapes the notebooks must survive: one outlet, no name, no word asked for, ties.
"""
import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from newslens import tokens  # noqa: E402


def corpus(*articles):
    """An articles table (as load_corpus gives) from (article_id, outlet, date, text) tuples."""
    table = pd.DataFrame(articles, columns=["article_id", "outlet", "date", "text"])
    return table.assign(date=pd.to_datetime(table["date"]), n_words=[tokens.word_count(t) for t in table["text"]])


# Alpha (first by date): 2 articles; Beta: 1. "Kyiv" is written with a capital mid-sentence; "Rain" only
# starts a sentence.
TINY = corpus(
    ("a1", "Alpha", "2023-01-01", "Rain fell on Kyiv. The river rose near Kyiv and the river flooded."),
    ("a2", "Alpha", "2023-01-02", "Rain again. The bridge held."),
    ("b1", "Beta", "2023-01-03", "Rain fell. The bridge in Kyiv held, and the bridge stood."),
)


def test_count_of_and_capped_listing_read_well_for_any_count():
    assert helpers.count_of(5, 5, "outlet") == "all 5 outlets"
    assert helpers.count_of(2, 2, "outlet") == "both outlets"
    assert helpers.count_of(0, 8, "outlet") == "none of the 8 outlets"
    assert helpers.count_of(3, 1000, "outlet") == "3 of the 1,000 outlets"
    assert helpers.count_of(1, 1, "outlet") == "the one outlet"
    assert helpers.capped_listing(["A", "B"], 3) == "A and B"
    assert helpers.capped_listing(["A", "B", "C", "D", "E"], 2) == "A, B and 3 more"
    assert helpers.capped_listing([f"o{i}" for i in range(1200)], 1, "more outlets") == "o0 and 1,199 more outlets"


def test_top_term_reach_names_the_word_in_most_top_lists_and_who_lacks_it():
    freq = helpers.frequencies(TINY, drop_stopwords=True, drop_numbers=True)
    # Alpha: rain 2, river 2, kyiv 2, fell 1, ...; Beta: bridge 2, fell 1, held 1, kyiv 1, rain 1, stood 1
    reach = helpers.top_term_reach(freq, top=2)
    # Alpha's top two: kyiv 2, rain 2 (river 2 is third on the term); Beta's: bridge 2, fell 1. Each word is in
    # one top two; kyiv, rain and bridge all occur 3 times in the corpus, so the term decides: bridge.
    assert (reach.term, reach.display, reach.n_groups, reach.tied) == ("bridge", "bridge", 1, True)
    groups = reach.groups.set_index("outlet")
    assert groups.loc["Alpha", ["rank", "count", "top_term", "top_count"]].tolist() == [4, 1, "kyiv", 2]
    assert groups.loc["Beta", ["rank", "count", "top_term", "top_count"]].tolist() == [1, 2, "bridge", 2]
    assert helpers.top_term_reach(freq.iloc[0:0]) is None


def _keyness_rows(rows):
    """A keyness-shaped table from (target, term, g2, passes_filter) tuples, every other column filled in."""
    table = pd.DataFrame(rows, columns=["target", "term", "g2", "passes_filter"])
    return table.assign(is_stopword=False, is_number=False, f_target=1, f_reference=1, display=table["term"],
                        passes_g2=table["passes_filter"], passes_freq=True, range=2, g2_threshold=10.0)


def test_keyness_candidates_keep_the_strongest_per_side_and_mark_them():
    key = _keyness_rows([("A", "w1", 20.0, True), ("A", "w2", 8.0, False), ("A", "w3", 1.0, False),
                         ("A", "w4", -7.0, False), ("A", "w5", -2.0, False), ("B", "v1", 3.0, False)])
    candidates = helpers.keyness_candidates(key, per_side=2, exploratory_g2=6.63)
    assert candidates[["target", "term", "mark"]].values.tolist() == [
        ["A", "w1", "**"], ["A", "w2", "*"], ["A", "w5", ""], ["A", "w4", "*"], ["B", "v1", ""]]
    miss = helpers.strongest_near_miss(candidates)
    assert (miss["target"], miss["term"]) == ("A", "w2")
    assert helpers.strongest_near_miss(candidates[candidates["passes_filter"]]) is None


def test_outlet_term_matrix_and_spread_from_hand_counts():
    freq = helpers.frequencies(TINY, drop_stopwords=True, drop_numbers=True)
    corpus_freq = helpers.frequencies(TINY, by=None, drop_stopwords=True, drop_numbers=True)
    top = corpus_freq[corpus_freq["term"].isin(["kyiv", "river", "bridge"])]
    counts, rates = helpers.outlet_term_matrix(freq, TINY, top["term"])
    assert counts.loc["Alpha", ["kyiv", "river", "bridge"]].tolist() == [2, 2, 1]
    assert counts.loc["Beta", ["kyiv", "river", "bridge"]].tolist() == [1, 0, 2]
    alpha_tokens = tokens.word_count(TINY["text"][0]) + tokens.word_count(TINY["text"][1])
    assert rates.loc["Alpha", "river"] == pytest.approx(2 / alpha_tokens * 10_000)
    spread = helpers.term_spread(counts, top)
    # river: both uses in a1 only, so it is the least even of the three; kyiv and bridge are in both outlets
    assert spread.term == "river" and (spread.top_group, spread.top_count, spread.count) == ("Alpha", 2, 2)
    assert sorted(spread.everywhere) == ["bridge", "kyiv"]


def test_lemma_gains_counts_forms_and_the_word_overtaken():
    texts = corpus(("x1", "A", "2023-01-01", "Towns and towns and towns. Town. City city. Cities."))
    before = helpers.frequencies(texts, by=None, drop_stopwords=True, drop_numbers=True)
    after = helpers.frequencies(texts, by=None, drop_stopwords=True, drop_numbers=True, lemmas=True)
    gains = helpers.lemma_gains(before, after)
    # before: towns 3, city 2, cities 1, town 1; after: town 4, city 3
    assert gains[["term", "count", "form_counts", "rank_before", "rank_after"]].values.tolist() == [
        ["town", 4, "Town 1 + towns 3", 4, 1], ["city", 3, "city 2 + Cities 1", 2, 2]]
    assert gains["overtaken"].tolist() == ["city", ""]


def test_choose_words_falls_back_to_names_then_words_and_never_names_the_missing_ones():
    asked = helpers.choose_words(TINY, ["Kyiv", "Soledar"])
    assert (asked.words, asked.n_missing, asked.basis) == (["Kyiv"], 1, "asked")
    assert "Soledar" not in helpers.choice_sentence(asked, "WORDS")
    names = helpers.choose_words(TINY, ["Soledar"], n_fallback=2)
    assert (names.words, names.basis) == (["Kyiv"], "names")  # "Rain" only starts sentences: not a name
    sentence = helpers.choice_sentence(names, "WORD")
    assert "Soledar" not in sentence and "*Kyiv*" in sentence and "`WORD`" in sentence
    plain = corpus(("q", "Q", "2023-01-01", "Rain fell and fell."))
    words = helpers.choose_words(plain, [], n_fallback=1)
    assert (words.words, words.basis, words.n_asked) == (["fell"], "words", 0)
    assert helpers.choice_sentence(words, "WORD").startswith("`WORD` is empty")
    assert helpers.choice_sentence(helpers.choose_words(TINY, "Kyiv"), "WORD") == ""


def test_frequent_names_are_capitalised_away_from_sentence_starts():
    assert helpers.frequent_names(TINY, 5) == ["Kyiv"]
    assert helpers.name_like_terms(TINY)["count"].tolist() == [3]


def test_dispersion_hits_fill_zeros_in_house_order():
    disp = helpers.dispersion(TINY, ["river", "bridge"])
    hits = helpers.dispersion_hits(disp, ["river", "bridge"], ["Alpha", "Beta"])
    assert hits.values.tolist() == [[2, 0], [1, 2]]


def test_ngram_leaders_list_the_groups_that_use_each():
    bigrams = helpers.ngrams(TINY, n=2, by=None, min_count=1, drop_stopword_edges=True)
    leaders = helpers.ngram_leaders(bigrams, helpers.ngrams(TINY, n=2))
    # "rain fell" twice (a1, b1): the only bigram at the top count
    assert leaders["term"].tolist() == ["rain fell"] and leaders["groups"].tolist() == [["Alpha", "Beta"]]
    assert helpers.ngram_leaders(bigrams.iloc[0:0], bigrams).empty


def test_variant_alternates_and_minority_forms():
    texts = corpus(("x1", "A", "2023-01-01", "Kiev and Kyiv."), ("y1", "B", "2023-01-02", "Kyiv, Kyiv."))
    alternates = helpers.variant_alternates(helpers.spelling_variants(texts))
    assert alternates[["outlet", "group", "variant", "count"]].values.tolist() == [["A", "Kyiv", "Kiev", 1]]
    proposals = pd.DataFrame({"proposed_group": ["Kyiv", "Kyiv"], "variant": ["Kyiv", "Kiev"], "term": ["kyiv", "kiev"]})
    minor = helpers.minority_forms(proposals, helpers.frequencies(texts))
    assert minor.values.tolist() == [["A", "Kiev", 1]]
    assert helpers.minority_forms(proposals.iloc[0:0], helpers.frequencies(texts)).empty


def test_cloud_leaders_say_when_a_reporting_verb_tops_the_counts():
    texts = corpus(("x1", "A", "2023-01-01", "He said it. She said it. They said bridge."))
    freq = helpers.frequencies(texts, drop_stopwords=True, drop_numbers=True)
    leaders = helpers.cloud_leaders(helpers.cloud_frequencies(texts), freq)
    assert leaders[["outlet", "display", "count", "top_display", "top_count", "same"]].values.tolist() == [
        ["A", "bridge", 1, "said", 3, False]]


def test_comparison_groups_pool_past_eight_outlets_and_owners_add_up():
    many = corpus(*[(f"x{i}", f"Outlet {i:02d}", f"2023-01-{i + 1:02d}", "word " * (i + 1)) for i in range(9)])
    pooled = helpers.comparison_groups(many)
    assert pooled["outlet"].nunique() == 8 and helpers.OTHER_OUTLETS in set(pooled["outlet"])
    eight = many.head(8)
    assert helpers.comparison_groups(eight) is eight
    comparison = pd.DataFrame({"outlet": ["Alpha", "Alpha", "Beta"], "term": ["a", "b", "c"]})
    owners = helpers.comparison_owners(comparison, TINY)
    assert owners.values.tolist() == [["Alpha", 2, int(TINY["n_words"][:2].sum())], ["Beta", 1, int(TINY["n_words"][2])]]


def test_panel_grid_gives_n_visible_panels_in_rows():
    fig, axes = helpers.panel_grid(9, columns=4)
    assert len(axes) == 9 and len(fig.axes) == 12
    assert sum(ax.get_visible() for ax in fig.axes) == 9
    helpers.grid_title(fig, "A title")
    assert fig._suptitle.get_text() == "A title"
    fig, axes = helpers.panel_grid(1)
    assert len(axes) == 1 and len(fig.axes) == 1


def test_concordance_rates_count_lines_per_outlet_with_zeros():
    lines = helpers.concordance_table(TINY, "river")
    rates = helpers.concordance_rates(TINY, lines)
    alpha = int(TINY["n_words"][:2].sum())
    assert rates[["outlet", "lines", "words"]].values.tolist() == [["Alpha", 2, alpha], ["Beta", 0, int(TINY["n_words"][2])]]
    assert rates["per_10k"].tolist() == [round(2 / alpha * 10_000, 1), 0.0]


def test_strongest_key_outlet_is_the_one_whose_first_key_term_scores_highest():
    rows = []
    for target, term, g2 in (("A", "x", 5.0), ("B", "y", 9.0), ("B", "z", 4.0)):
        rows.append({"target": target, "reference": "rest", "term": term, "display": term, "f_target": 3,
                     "f_reference": 0, "n_target": 100, "n_reference": 100, "per_10k_target": 300.0,
                     "per_10k_reference": 0.0, "g2": g2, "passes_g2": True, "passes_freq": True,
                     "passes_range": True, "is_stopword": False, "log_ratio": 1.0, "pct_diff": 1.0,
                     "log_odds_z": 1.0, "bic": 1.0})
    table = pd.DataFrame(rows)
    assert helpers.strongest_key_outlet(table, "g2", 15, 3.84) == "B"
    assert helpers.strongest_key_outlet(table, "g2", 15, 10.0) is None


def test_speaker_outlets_count_quotations_per_pooled_outlet_and_kind():
    table = pd.DataFrame({"outlet": ["Alpha", "Alpha", "Beta"], "article_id": ["a1", "a2", "b1"],
                          "kind": ["direct", "indirect", "direct"]})
    counts = helpers.speaker_outlets(table, TINY)
    assert counts.reset_index().values.tolist() == [["Alpha", 1, 1, 2], ["Beta", 1, 0, 1]]
