"""Term tables: hand counts on tiny corpora, the issue's golden keyness values through the whole
pipeline, and every count expanding to exactly that many concordance lines on the seed corpus."""
import math
from statistics import NormalDist

import pandas as pd
import pytest

from newslens import terms


def corpus(*articles):
    """An articles table from (article_id, outlet, date, text) tuples."""
    return pd.DataFrame(articles, columns=["article_id", "outlet", "date", "text"]).assign(
        date=lambda t: pd.to_datetime(t["date"]))


# X has two articles (10 and 3 tokens), Y one (8 tokens).
TINY = corpus(
    ("a1", "X", "2023-01-10", "Kyiv said the war is new. The news from Kyiv."),
    ("a2", "X", "2023-01-11", "Kiev said nothing."),
    ("b1", "Y", "2023-01-12", "Russia’s army said the news is old."),
)


def row(table, **where):
    """The single row of `table` matching column=value pairs."""
    mask = pd.Series(True, index=table.index)
    for col, val in where.items():
        mask &= table[col] == val
    found = table[mask]
    assert len(found) == 1, f"expected one row for {where}, found {len(found)}"
    return found.iloc[0]


# ---------------------------------------------------------------- frequencies


def test_frequencies_hand_counts_rates_and_range():
    f = terms.frequencies(TINY)
    said_x = row(f, outlet="X", term="said")
    assert (said_x["count"], said_x["range"], said_x["n_articles"], said_x["n_tokens"]) == (2, 2, 2, 13)
    assert said_x["per_10k"] == pytest.approx(2 / 13 * 10_000)
    assert row(f, outlet="Y", term="'s")["count"] == 1
    assert row(f, outlet="X", term="news")["count"] == 1 and row(f, outlet="X", term="new")["count"] == 1
    assert list(f.columns) == ["outlet"] + terms.FREQ_COLUMNS


def test_frequencies_gries_dp_by_hand():
    f = terms.frequencies(TINY)
    # "said" once in each X article (10 and 3 tokens): v = (.5, .5), s = (10/13, 3/13)
    # DP = 0.5 * (|.5 - 10/13| + |.5 - 3/13|) = 7/26; DP_norm = (7/26) / (1 - 3/13) = 0.35
    assert row(f, outlet="X", term="said")["dp"] == pytest.approx(7 / 26)
    assert row(f, outlet="X", term="said")["dp_norm"] == pytest.approx(0.35)
    # "kyiv" twice, both in a1: DP = 0.5 * (|1 - 10/13| + 3/13) = 3/13; DP_norm = 0.3
    assert row(f, outlet="X", term="kyiv")["dp"] == pytest.approx(3 / 13)
    assert row(f, outlet="X", term="kyiv")["dp_norm"] == pytest.approx(0.3)
    # one article: DP is 0 and DP_norm undefined
    assert row(f, outlet="Y", term="said")["dp"] == 0 and math.isnan(row(f, outlet="Y", term="said")["dp_norm"])


def test_display_is_the_written_form_away_from_sentence_starts():
    f = terms.frequencies(TINY, by=None)
    assert row(f, term="kyiv")["display"] == "Kyiv"
    assert row(f, term="the")["display"] == "the"  # "The news" starts a sentence
    assert row(f, term="russia")["display"] == "Russia"


def test_frequencies_sort_and_filters():
    f = terms.frequencies(TINY, by=None)
    assert f["count"].tolist() == sorted(f["count"], reverse=True)
    top = f[f["count"] == f["count"].max()]["term"].tolist()
    assert top == sorted(top) == ["said", "the"]  # 3 each, tie broken by term
    no_stop = terms.frequencies(TINY, by=None, drop_stopwords=True)
    assert "the" not in set(no_stop["term"]) and "said" in set(no_stop["term"])  # reporting verbs stay


def test_frequencies_by_article_and_numbers():
    arts = corpus(("a", "X", "2023-01-01", "In 2023, 10,000 troops."), ("b", "Y", "2023-01-02", "Troops."))
    f = terms.frequencies(arts, by="article_id")
    assert row(f, article_id="a", term="10,000")["is_number"]
    assert "10,000" not in set(terms.frequencies(arts, by="article_id", drop_numbers=True)["term"])


def test_ngrams_do_not_cross_sentences_and_drop_stopword_edges():
    arts = corpus(("a", "X", "2023-01-01", "Wagner fighters attacked. Wagner fighters left; the town held."))
    bi = terms.ngrams(arts, n=2, by=None)
    assert row(bi, term="wagner fighters")["count"] == 2
    assert "attacked wagner" not in set(bi["term"])  # across a full stop
    assert "left the" not in set(bi["term"])  # across a semicolon, and edge stop word
    assert "the town" not in set(bi["term"])  # starts with a stop word
    with_edges = terms.ngrams(arts, n=2, by=None, drop_stopword_edges=False)
    assert row(with_edges, term="the town")["count"] == 1
    tri = terms.ngrams(arts, n=3, by=None)
    assert row(tri, term="wagner fighters attacked")["count"] == 1


# ---------------------------------------------------------------- keyness


def _golden_corpus(a, b, c, d):
    """Target outlet T with c tokens, `a` of them "alpha"; reference R with d tokens, `b` alpha."""
    return corpus(
        ("t", "T", "2023-01-01", " ".join(["alpha"] * a + ["filler"] * (c - a))),
        ("r", "R", "2023-01-02", " ".join(["alpha"] * b + ["other"] * (d - b))),
    )


@pytest.mark.parametrize("counts,expected", [
    ((10, 2, 1000, 1000), (5.8221, 5.8543, 2.3219, 400.0, -1.7466)),
    ((12, 0, 5000, 20000), (38.6265, 38.6496, 6.5850, 9500.0, 28.5229)),
    ((30, 45, 8000, 24000), (8.1173, 8.1384, 1.0000, 100.0, -2.2350)),
])
def test_keyness_table_reproduces_the_golden_values(counts, expected):
    k = terms.keyness(_golden_corpus(*counts), target="T", reference="R")
    alpha = row(k, term="alpha")
    g2_2, g2_4, lr, pdiff, bic = expected
    assert (alpha["f_target"], alpha["f_reference"], alpha["n_target"], alpha["n_reference"]) == counts
    assert alpha["g2_2cell"] == pytest.approx(g2_2, abs=1e-4)
    assert alpha["g2"] == pytest.approx(g2_4, abs=1e-4)
    assert alpha["log_ratio"] == pytest.approx(lr, abs=1e-4)
    assert alpha["pct_diff"] == pytest.approx(pdiff, abs=1e-4)
    assert alpha["bic"] == pytest.approx(bic, abs=1e-4)


def test_keyness_sign_and_each_outlet_vs_rest():
    k = terms.keyness(_golden_corpus(10, 2, 1000, 1000))
    assert list(dict.fromkeys(k["target"])) == ["T", "R"]  # outlets in date order
    assert set(k["reference"]) == {"rest of corpus"}
    assert row(k, target="T", term="alpha")["g2"] > 0
    assert row(k, target="R", term="alpha")["g2"] == pytest.approx(-5.8543, abs=1e-4)
    assert row(k, target="R", term="filler")["f_target"] == 0


def test_keyness_threshold_is_the_stricter_of_15_13_and_bonferroni(articles):
    small = terms.keyness(_golden_corpus(10, 2, 1000, 1000))  # 3 terms: Bonferroni < 15.13
    assert small["g2_threshold"].iloc[0] == pytest.approx(15.13)
    seed = terms.keyness(articles)
    n_terms = len(terms.frequencies(articles, by=None))  # each outlet vs the rest tests every word of the corpus
    assert (seed["n_tested"] == n_terms).all() and len(seed) < n_terms * seed["target"].nunique()
    z = NormalDist().inv_cdf(1 - 0.05 / n_terms / 2)
    assert seed["g2_threshold"].iloc[0] == pytest.approx(max(15.13, z * z))
    assert terms.keyness(articles, min_g2=3.84)["g2_threshold"].iloc[0] == 3.84


def test_keyness_filter_conditions_and_summary():
    # alpha: 20 in t1 only (key, but in 1 article); filler: 378 over t1+t2 (key, 2 articles);
    # gamma: 2 vs 0 in 400 vs 400 tokens (G2 = 2*2*ln 2 + ... < 15.13); other: 400 in r1 only.
    arts = corpus(
        ("t1", "T", "2023-01-01", " ".join(["alpha"] * 20 + ["filler"] * 180)),
        ("t2", "T", "2023-01-02", " ".join(["gamma"] * 2 + ["filler"] * 198)),
        ("r1", "R", "2023-01-03", " ".join(["other"] * 400)),
    )
    k = terms.keyness(arts, target="T", reference="R")
    flags = {t: (g, f, r) for t, g, f, r in zip(k["term"], k["passes_g2"], k["passes_freq"], k["passes_range"])}
    assert flags == {"alpha": (True, True, False), "filler": (True, True, True),
                     "gamma": (False, False, False), "other": (True, True, False)}
    assert k["passes_filter"].tolist() == [t == "filler" for t in k["term"]]
    assert k["term"].tolist() == ["filler", "alpha", "gamma", "other"]  # g2 descending, signed
    summary = terms.keyness_summary(k).iloc[0]
    assert (summary["n_terms"], summary["n_significant"], summary["n_kept"], summary["n_kept_overused"],
            summary["n_removed"], summary["n_removed_freq"], summary["n_removed_range"]) == (4, 3, 1, 1, 2, 0, 2)
    loose = terms.keyness(arts, target="T", reference="R", min_range=1)
    assert row(loose, term="alpha")["passes_filter"] and row(loose, term="other")["passes_filter"]


def test_keyness_frequency_condition_removes_rare_but_significant_terms():
    # delta: 2 of 10 tokens vs 0 of 10,000: G2 far above 15.13, but f = 2 < 3
    arts = corpus(("t", "T", "2023-01-01", "delta delta " + "x " * 8),
                  ("r", "R", "2023-01-02", "x " * 5000), ("r2", "R", "2023-01-03", "x " * 5000))
    delta = row(terms.keyness(arts, target="T", reference="R"), term="delta")
    assert delta["passes_g2"] and not delta["passes_freq"] and not delta["passes_filter"]
    summary = terms.keyness_summary(terms.keyness(arts, target="T", reference="R")).iloc[0]
    assert summary["n_removed_freq"] == 1


def test_key_terms_and_distinctive_terms_respect_the_filter(articles):
    k = terms.keyness(articles)
    top = terms.key_terms(k, top=3)
    assert top["passes_filter"].all() and (top["g2"] > 0).all()
    assert top.groupby("target", observed=True).size().max() <= 3
    d = terms.distinctive_terms(articles, top=5, min_g2=10.83, min_range=1)
    assert not d["is_stopword"].any()
    assert (d["g2"] >= 10.83).all()


def test_keyness_of_two_groups_on_request():
    arts = _golden_corpus(10, 2, 1000, 1000)
    arts = pd.concat([arts, corpus(("u", "U", "2023-01-03", "alpha " * 50))], ignore_index=True)
    k = terms.keyness(arts, target="T", reference="R")
    assert set(k["reference"]) == {"R"}
    assert row(k, term="alpha")["g2"] == pytest.approx(5.8543, abs=1e-4)  # U left out
    k2 = terms.keyness(arts, target=["T", "U"], reference="R")
    assert set(k2["target"]) == {"T + U"}


@pytest.mark.parametrize("kwargs,message", [
    ({"target": "Nope"}, "not a value"),
    ({"reference": "R"}, "give a target"),
    ({"target": "T", "reference": "T"}, "share"),
])
def test_keyness_bad_groups_raise_clear_errors(kwargs, message):
    with pytest.raises(terms.TermsError, match=message):
        terms.keyness(_golden_corpus(10, 2, 1000, 1000), **kwargs)


def _sparse_corpus():
    """T: 10 tokens (alpha 2, x 8); R: 1,000 tokens, w01 once, w02 twice ... w30 30 times (465),
    the stop word "the" 40 times, x 495."""
    words = " ".join(f"w{k:02d} " * k for k in range(1, 31))
    return corpus(("t", "T", "2023-01-01", "alpha " * 2 + "x " * 8),
                  ("r", "R", "2023-01-02", words + " the" * 40 + " x" * 495))


def test_keyness_lists_the_terms_the_target_uses_and_its_most_under_used_absent_ones():
    k = terms.keyness(_sparse_corpus(), target="T", reference="R")
    # T uses alpha and x; of the 30 content words it does not use, the 25 with the highest counts
    # in R (w06 ... w30) are listed, and "the" (a stop word ranked first, not one of the 25); no
    # absence is significant: "the" is expected 40 x 10 / 1010 = 0.4 times in T
    assert set(k["term"]) == {"alpha", "x", "the"} | {f"w{n:02d}" for n in range(6, 31)}
    assert terms.ABSENT_ROWS == 25 and k.loc[k["passes_g2"], "term"].tolist() == ["alpha"]
    assert (k["n_tested"] == 33).all()  # every term of T or R
    assert terms.keyness_summary(k).iloc[0]["n_terms"] == 33
    everything = terms.keyness(_sparse_corpus(), target="T", reference="R", all_terms=True)
    assert len(everything) == 33 and terms.keyness_summary(everything).iloc[0]["n_terms"] == 33
    # an absence whose G2 passes the threshold is always listed
    from newslens import stats
    g2_w01 = stats.g2_four_cell(0, 1, 10, 1000)
    loose = terms.keyness(_sparse_corpus(), target="T", reference="R", min_g2=g2_w01)
    assert len(loose) == 33 and row(loose, term="w01")["g2"] == pytest.approx(-g2_w01)


def _rule_rows(everything):
    """The rows `keyness` lists, picked from its all_terms table: every term the target uses,
    every significant one, and per target the absent terms ranked (reference count descending,
    then term) before its ABSENT_ROWS-th absent content word (not a stop word or number)."""
    absent = everything[everything["f_target"] == 0].sort_values(
        ["f_reference", "term"], ascending=[False, True], kind="stable")
    content = (~absent["is_stopword"] & ~absent["is_number"]).astype(int)
    before = content.groupby(absent["target"], sort=False, observed=True).cumsum() - content  # content words ranked before
    strongest = everything.index.isin(before[before < terms.ABSENT_ROWS].index)
    rows = everything[(everything["f_target"] > 0) | everything["passes_g2"] | strongest].reset_index(drop=True)
    # a table's categories are the values it holds (README, "Columns of the big tables")
    return rows.apply(lambda c: c.cat.remove_unused_categories() if isinstance(c.dtype, pd.CategoricalDtype) else c)


@pytest.mark.parametrize("kwargs", [{}, {"n": 2}, {"min_g2": 3.84}, {"target": "SOFREP"}])
def test_keyness_rows_are_every_term_tested_less_the_weakest_absences(articles, kwargs):
    everything = terms.keyness(articles, all_terms=True, **kwargs)
    listed = terms.keyness(articles, **kwargs)
    pd.testing.assert_frame_equal(listed, _rule_rows(everything))
    assert (everything.groupby("target", observed=True).size() == everything.groupby("target", observed=True)["n_tested"].first()).all()
    pd.testing.assert_frame_equal(terms.keyness_summary(listed), terms.keyness_summary(everything))


def test_keyness_keeps_each_targets_strongest_candidates_significant_or_not(articles):
    # notebooks 02 and 05 read each outlet's strongest over- and under-used content words from the
    # table, key or not: the same with the default rows as with every term
    def strongest(table, per_side):
        content = table[~table["is_stopword"] & ~table["is_number"]]
        over = content[content["g2"] > 0].groupby("target", sort=False, observed=True).head(per_side)
        under = content[content["g2"] < 0].sort_values(["g2", "term"], kind="stable")
        return pd.concat([over, under.groupby("target", sort=False, observed=True).head(per_side)]).reset_index(drop=True)
    listed, everything = terms.keyness(articles), terms.keyness(articles, all_terms=True)
    for per_side in (4, terms.ABSENT_ROWS):
        pd.testing.assert_frame_equal(strongest(listed, per_side), strongest(everything, per_side))
    war = row(listed, target="SOFREP", term="war")  # notebook 02's near miss
    assert (war["f_target"], war["f_reference"], war["passes_filter"]) == (11, 3, False)


def test_significant_floor_is_the_least_count_whose_absence_passes():
    import numpy as np
    from newslens import stats
    rng = np.random.default_rng(5)
    c = rng.integers(1, 400, 60).astype(float)
    d = rng.integers(1, 4000, 60).astype(float)
    threshold = rng.choice([0.5, 3.84, 15.13, 40.0], 60)
    floor = terms._significant_floor(c, d, threshold)
    for k in range(60):
        passing = [b for b in range(1, int(d[k]) + 1) if stats.g2_four_cell(0, b, c[k], d[k]) >= threshold[k]]
        assert floor[k] == (passing[0] if passing else d[k] + 1)


def test_keyness_needs_two_groups_and_the_text_column():
    with pytest.raises(terms.TermsError, match="at least two"):
        terms.keyness(corpus(("a", "X", "2023-01-01", "one two")))
    with pytest.raises(terms.TermsError, match="text"):
        terms.frequencies(pd.DataFrame({"article_id": ["a"], "outlet": ["X"]}))
    with pytest.raises(terms.TermsError, match="DataFrame"):
        terms.frequencies(["not", "a", "table"])


# ---------------------------------------------------------------- KWIC == counts


def test_every_word_count_expands_to_that_many_kwic_lines(articles):
    f = terms.frequencies(articles)
    for term, group in f.groupby("term", sort=True, observed=True):
        lines = terms.kwic(articles, term, window=0)
        per_outlet = lines.groupby("outlet", observed=True).size()
        for outlet, count in zip(group["outlet"], group["count"]):
            assert per_outlet.get(outlet, 0) == count, (term, outlet)
        assert len(lines) == group["count"].sum(), term


def test_every_bigram_count_expands_to_that_many_kwic_lines(articles):
    f = terms.ngrams(articles, n=2, drop_stopword_edges=False)
    for term, group in f.groupby("term", sort=True, observed=True):
        lines = terms.kwic(articles, term, window=0)
        assert len(lines) == group["count"].sum(), term


def test_keyness_counts_expand_to_kwic_lines(articles):
    k = terms.keyness(articles)
    sample = k[k["f_target"] + k["f_reference"] >= 3]
    for target, term, f_t, f_r in zip(sample["target"], sample["term"], sample["f_target"], sample["f_reference"]):
        lines = terms.kwic(articles, term, window=0)
        assert (lines["outlet"] == target).sum() == f_t
        assert (lines["outlet"] != target).sum() == f_r


def test_kwic_columns_context_and_wildcards():
    lines = terms.kwic(TINY, "news", window=2)
    assert list(lines.columns) == terms.KWIC_COLUMNS
    first = lines.iloc[0]
    assert (first["article_id"], first["left"], first["match"], first["right"]) == ("a1", "new. The", "news", "from Kyiv")
    assert TINY.loc[0, "text"][first["start"]:first["end"]] == "news"
    assert len(terms.kwic(TINY, "ne*")) == 3  # new, news, news
    assert len(terms.kwic(TINY, ["Kyiv", "Kiev"])) == 3
    assert terms.kwic(TINY, "Russia's")["match"].tolist() == ["Russia’s"]
    assert terms.kwic(TINY, "'s")["match"].tolist() == ["’s"]
    assert len(terms.kwic(TINY, "new the")) == 0  # a phrase never crosses a sentence end


def test_kwic_rejects_empty_queries():
    with pytest.raises(terms.TermsError, match="query"):
        terms.kwic(TINY, "  ")
    with pytest.raises(terms.TermsError, match="no word"):
        terms.kwic(TINY, "—")


# ---------------------------------------------------------------- collocates


def test_collocates_by_hand():
    arts = corpus(("a", "X", "2023-01-01", "x node y z. w x node."))
    c = terms.collocates(arts, "node", window=2, min_freq=1)
    # node at tokens 1 and 6 of 7: windows hold x | y z and w x |  -> x: 2 (left), y, z, w: 1
    x = row(c, collocate="x")
    assert (x["f_pair"], x["f_left"], x["f_right"], x["f_collocate"], x["f_node"], x["n_tokens"]) == (2, 2, 0, 2, 2, 7)
    assert x["logdice"] == pytest.approx(14.0)  # 14 + log2(2 * 2 / (2 + 2))
    assert x["mi"] == pytest.approx(math.log2(2 * 7 / (2 * 2)))
    assert x["t_score"] == pytest.approx((2 - 2 * 2 / 7) / math.sqrt(2))
    assert row(c, collocate="y")["f_right"] == 1
    assert c.iloc[0]["collocate"] == "x"
    assert terms.collocates(arts, "node", window=2, min_freq=2)["collocate"].tolist() == ["x"]


def test_collocate_node_count_equals_kwic_lines(articles):
    c = terms.collocates(articles, "Soledar", window=5, min_freq=1)
    assert c["f_node"].iloc[0] == len(terms.kwic(articles, "Soledar"))


# ---------------------------------------------------------------- spelling variants


def test_spelling_variants_counts_and_shares():
    v = terms.spelling_variants(TINY)
    assert set(v["group"]) == {"Kyiv"}
    assert row(v, outlet="X", variant="Kyiv")["count"] == 2
    assert row(v, outlet="X", variant="Kiev")["count"] == 1
    assert row(v, outlet="X", variant="Kiev")["share"] == pytest.approx(1 / 3)
    assert math.isnan(row(v, outlet="Y", variant="Kiev")["share"])  # Y never names the city


def test_spelling_variant_file_is_well_formed():
    known = terms.load_spelling_variants()
    for group in ["Kyiv", "Bakhmut", "Zelensky", "Prigozhin", "Donbas", "Maliar"]:
        assert (known["group"] == group).sum() >= 2
    assert known["term"].is_unique


def test_bad_variant_file_raises(tmp_path):
    path = tmp_path / "v.csv"
    path.write_text("name,form\nA,B\n", encoding="utf-8")
    with pytest.raises(terms.TermsError, match="group,variant,origin"):
        terms.load_spelling_variants(path)


def test_propose_variant_groups_finds_new_forms_not_inflections():
    arts = corpus(
        ("a", "X", "2023-01-01", "General Gerasimov met Andrei. Russian troops and Russia."),
        ("b", "Y", "2023-01-02", "General Guerasimov met Andreï in the Donbass and the Donbas."),
    )
    p = terms.propose_variant_groups(arts)
    groups = p.groupby("proposed_group", observed=True)["term"].apply(sorted).to_dict()
    assert ["gerasimov", "guerasimov"] in groups.values()
    assert ["andrei", "andreï"] in groups.values()
    assert "russian" not in set(p["term"])  # Russia/Russian is an inflection
    assert "donbass" not in set(p["term"])  # already a known group


def test_spelling_skeleton():
    assert terms.spelling_skeleton("Prigojine") == terms.spelling_skeleton("Prigozhin")
    assert terms.spelling_skeleton("Bakhmout") == terms.spelling_skeleton("Bakhmut")
    assert terms.spelling_skeleton("Zelenskyy") == terms.spelling_skeleton("Zelensky")


def test_dispersion_expands_known_variant_groups(articles):
    d = terms.dispersion(articles, ["Bakhmut"])
    assert len(d) == len(terms.kwic(articles, ["Bakhmut", "Bakhmout", "Artemivsk", "Artyomovsk"]))
    assert d["position"].between(0, 1).all()


# ---------------------------------------------------------------- word clouds


def test_cloud_frequencies_leave_out_stop_words_numbers_and_reporting_verbs():
    arts = corpus(("a", "X", "2023-01-01", "Officials said 10 towns said towns burned; the towns said."))
    c = terms.cloud_frequencies(arts, top=10)
    assert c["term"].tolist() == ["towns", "burned", "officials"]  # count 3, then ties by term
    assert c["rank"].tolist() == [1, 2, 3]
    assert "said" in terms.cloud_excluded_words() and "said" not in terms.stopwords()


def test_comparison_cloud_assigns_each_word_to_the_outlet_most_above_the_mean():
    arts = corpus(("a", "X", "2023-01-01", "tanks tanks tanks rain"),
                  ("b", "Y", "2023-01-02", "tanks rain rain rain"))
    c = terms.comparison_cloud_terms(arts)
    tanks = row(c, term="tanks")
    # rates per 10k: X 7500, Y 2500, mean 5000 -> X, excess 2500
    assert tanks["outlet"] == "X" and tanks["excess_per_10k"] == pytest.approx(2500)
    assert row(c, term="rain")["outlet"] == "Y"


def test_word_cloud_uses_our_counts_and_is_reproducible():
    weights = {"Soledar": 10, "Bakhmut": 5, "Wagner": 2}
    first = terms.word_cloud(weights, "#0072B2")
    second = terms.word_cloud(weights, "#0072B2")
    assert first.words_ == {"Soledar": 1.0, "Bakhmut": 0.5, "Wagner": 0.2}
    assert first.layout_ == second.layout_
    with pytest.raises(terms.TermsError):
        terms.word_cloud({}, "#000000")


# ---------------------------------------------------------------- optional lemmas


LEMMA_TEXT = corpus(
    ("a", "X", "2023-01-01", "Fighters attacked two cities. A fighter held the city. The news is new. "
                             "Wagners and Wagner. Losses grew; one loss. The series ended."),
    ("b", "Y", "2023-01-02", "Attacks continue. The attack failed and the fighters left."),
)


def test_lemmas_merge_regular_plurals_with_their_singular():
    f = terms.frequencies(LEMMA_TEXT, by=None, lemmas=True)
    fighter = row(f, term="fighter")
    assert (fighter["count"], fighter["range"], fighter["forms"]) == (3, 2, "fighter|fighters")
    assert row(f, term="city")[["count", "forms"]].tolist() == [2, "cities|city"]
    assert row(f, term="loss")[["count", "forms"]].tolist() == [2, "loss|losses"]
    assert row(f, term="attack")["count"] == 2  # "attacked" is a verb form: not folded
    assert row(f, term="attacked")["count"] == 1


def test_lemmas_never_touch_names_or_news():
    f = terms.frequencies(LEMMA_TEXT, by=None, lemmas=True)
    assert row(f, term="news")["forms"] == "news" and row(f, term="new")["forms"] == "new"
    assert row(f, term="wagners")["count"] == 1 and row(f, term="wagner")["count"] == 1
    assert row(f, term="series")["forms"] == "series"  # no "serie" in the corpus either way
    assert "forms" not in terms.frequencies(LEMMA_TEXT, by=None).columns


def test_lemma_counts_expand_to_kwic_lines_of_their_forms():
    f = terms.frequencies(LEMMA_TEXT, lemmas=True)
    for outlet, count, forms in zip(f["outlet"], f["count"], f["forms"]):
        lines = terms.kwic(LEMMA_TEXT, forms.split("|"))
        assert (lines["outlet"] == outlet).sum() == count, forms


def test_lemmas_in_keyness_and_for_words_only():
    k = terms.keyness(LEMMA_TEXT, lemmas=True)
    assert row(k, target="X", term="fighter")[["f_target", "f_reference"]].tolist() == [2, 1]
    with pytest.raises(terms.TermsError, match="single words"):
        terms.frequencies(LEMMA_TEXT, n=2, lemmas=True)


# ---------------------------------------------------------------- awkward input


EDGE = corpus(
    ("a", "X", "2023-01-01", "Hello world. Hello."),
    ("b", None, "2023-01-02", "— … !"),  # no outlet, no words
    ("c", "Y", "2023-01-03", "Goodbye world"),
)


def test_each_vs_rest_leaves_out_groups_without_text():
    k = terms.keyness(EDGE)
    assert list(dict.fromkeys(k["target"])) == ["X", "Y"]
    hello = row(k, target="X", term="hello")
    assert (hello["f_target"], hello["f_reference"], hello["n_target"], hello["n_reference"]) == (2, 0, 3, 2)
    with pytest.raises(terms.TermsError, match="no tokens"):
        terms.keyness(EDGE, target="(missing)")


def test_comparison_cloud_mean_counts_only_groups_with_text():
    c = terms.comparison_cloud_terms(EDGE)
    # hello: X 2/3 tokens = 6666.7 per 10k, Y 0 -> mean over 2 groups 3333.3
    assert row(c, term="hello")["mean_per_10k"] == pytest.approx(20_000 / 3 / 2)


def test_kwic_rejects_a_query_that_is_not_text():
    with pytest.raises(terms.TermsError, match="query must be"):
        terms.kwic(EDGE, 5)


def test_kwic_finds_a_term_that_lower_casing_made_two_words_for_the_tokenizer():
    # "İ".lower() is "i" + a combining dot, which is not a letter: the tokenizer would split
    # "i̇stanbul" in two, yet the frequency table counts "İstanbul" under that one term
    arts = corpus(("a", "X", "2023-01-01", "İstanbul and ISTANBUL. Then İstanbul again."),
                  ("b", "Y", "2023-01-02", "Not here."))
    f = terms.frequencies(arts, by=None)
    term = "İstanbul".lower()
    assert len(term) == 9 and row(f, term=term)["count"] == 2
    assert terms.kwic(arts, term)["match"].tolist() == ["İstanbul", "İstanbul"]
    assert len(terms.kwic(arts, "İstanbul")) == 2 and len(terms.kwic(arts, "istanbul")) == 1
    assert terms.collocates(arts, term, min_freq=1)["f_node"].iloc[0] == 2
    assert len(terms.kwic(arts, term + " and")) == 1  # in a phrase too


@pytest.mark.parametrize("query, words, expected", [
    ("russia*", ["russia", "russian", "russians", "prussia"], [True, True, True, False]),
    ("*ian", ["russian", "ian", "an", "ukrainians"], [True, True, False, False]),
    ("b*k*t", ["bakhmut", "bkt", "bk", "bakhmout", "bt"], [True, True, False, True, False]),
    ("a*a", ["a", "aa", "aba"], [False, True, True]),  # the two a's cannot be one letter
    ("*", ["", "x"], [True, True]),
])
def test_wildcard_matches_by_hand(query, words, expected):
    pattern = terms._query_patterns(query)[0]
    assert [pattern.fullmatch(w) for w in words] == expected


def test_wildcard_agrees_with_its_regex_rule_on_random_words():
    import random
    rng = random.Random(11)
    for _ in range(5000):
        query = "".join(rng.choice("ab*") for _ in range(rng.randint(1, 7)))
        if "*" not in query:
            continue
        pattern = terms._query_patterns(query)[0]
        rule = terms._wildcard_rule(pattern)
        for _ in range(5):
            word = "".join(rng.choice("abc") for _ in range(rng.randint(0, 8)))
            assert pattern.fullmatch(word) == (rule.fullmatch(word) is not None), (query, word)


def test_corpus_boundaries_flag_sentence_starts_and_phrase_breaks_per_article():
    import numpy as np

    from newslens.terms import _boundaries, _corpus_boundaries

    texts = ["One two. Three (four) five", "", "Six; seven", "Eight"]
    # tokens: One@0 two@4 Three@9 four@16 five@22 | Six@0 seven@5 | Eight@0
    starts = np.array([0, 4, 9, 16, 22, 0, 5, 0], dtype=np.int32)
    breaks, initial = _corpus_boundaries(texts, starts, [0, 5, 5, 7, 8])
    assert initial.tolist() == [True, False, True, False, False, True, False, True]
    # "(" breaks before four, ")" before five, ";" before seven
    assert breaks.tolist() == [True, False, True, True, True, True, True, True]
    one_b, one_i = _boundaries(texts[0], starts[:5])
    assert one_b.tolist() == breaks[:5].tolist() and one_i.tolist() == initial[:5].tolist()


def test_sort_within_equals_one_lexsort():
    import numpy as np

    from newslens.terms import _sort_within

    comp = np.array([0, 0, 0, 1, 1, 2])
    g2 = np.array([1.0, 3.0, 1.0, 2.0, 2.0, 5.0])
    rank = np.array([5, 1, 2, 9, 3, 0])
    # comparison 0: g2 3 (row 1), then the tie g2 1 by rank 2 (row 2) before 5 (row 0); 1: rank 3, 9
    assert _sort_within(comp, rank, -g2).tolist() == [1, 2, 0, 4, 3, 5]
    assert _sort_within(comp, rank, -g2).tolist() == np.lexsort((rank, -g2, comp)).tolist()
    shuffled = np.array([1, 0, 1])
    assert _sort_within(shuffled, np.array([0, 0, 0])).tolist() == [1, 0, 2]


def test_unique_inverse_by_counting_equals_numpy_unique():
    import numpy as np

    from newslens.terms import _unique_inverse

    key = np.array([5, 1, 5, 3, 1])
    keys, where = _unique_inverse(key, 6)  # counted: 6 <= 4 * 5
    assert keys.tolist() == [1, 3, 5] and where.tolist() == [2, 0, 2, 1, 0]
    keys, where = _unique_inverse(key, 100)  # sorted
    assert keys.tolist() == [1, 3, 5] and where.tolist() == [2, 0, 2, 1, 0]


def test_ngram_counts_from_codes_by_hand():
    arts = corpus(("a", "X", "2023-01-01", "Big dogs bark. Big dogs run (big dogs) in 2023 10 20 tanks; of the dogs."),
                  ("b", "Y", "2023-01-02", "Big dogs."))
    bi = terms.ngrams(arts, n=2, by=None, drop_stopword_edges=False)
    # "big dogs": 2 sentence starts and one inside the brackets in a, 1 start in b; written
    # "big dogs" once away from a sentence start, so that is the display form
    assert row(bi, term="big dogs")[["count", "range", "display"]].tolist() == [4, 2, "big dogs"]
    assert "run big" not in set(bi["term"]) and "dogs in" not in set(bi["term"])  # ( and ) break
    assert "tanks of" not in set(bi["term"]) and "bark big" not in set(bi["term"])  # ; and . break
    assert "dogs big" not in set(bi["term"])  # never across two articles
    assert row(bi, term="2023 10")[["is_number", "is_stopword"]].tolist() == [True, False]
    assert row(bi, term="20 tanks")[["is_number", "is_stopword"]].tolist() == [False, False]
    assert row(bi, term="of the")[["is_number", "is_stopword"]].tolist() == [False, True]
    assert row(bi, term="in 2023")["is_stopword"] == False  # noqa: E712 (one stop word of two)
    dropped = terms.ngrams(arts, n=2, by=None)
    assert {"of the", "the dogs", "in 2023"}.isdisjoint(dropped["term"])
    assert set(bi["term"]) - set(dropped["term"]) == {"of the", "the dogs", "in 2023"}
    tri = terms.ngrams(arts, n=3, by="outlet")
    assert row(tri, outlet="X", term="big dogs bark")["count"] == 1
    assert row(tri, outlet="X", term="2023 10 20")["is_number"] == True  # noqa: E712
    assert "big dogs run" in set(tri["term"]) and "dogs run big" not in set(tri["term"])


def test_row_codes_number_equal_rows_in_order_of_first_appearance():
    import numpy as np

    from newslens.terms import _article_term_counts, _first_positions, _joined, _row_codes

    codes = np.array([3, 1, 3, 1, 3, 2], dtype=np.int32)
    # rows from 0..4: (3 1) (1 3) (3 1) (1 3) (3 2)
    found, first = _row_codes(codes, 4, np.array([0, 1, 2, 3, 4]), 2)
    assert found.tolist() == [0, 1, 0, 1, 2] and first.tolist() == [0, 1, 4]
    found, first = _row_codes(codes, 4, np.array([0, 2, 3]), 3)  # (3 1 3) (3 1 3) (1 3 2)
    assert found.tolist() == [0, 0, 1] and first.tolist() == [0, 2]
    assert _first_positions(np.array([0, 0, 1, 0, 2, 1, 3])).tolist() == [0, 2, 4, 6]
    assert _joined(["a", "b", "c"], np.array([[0, 2], [1, 1]])) == ["a b", "c b"]
    # articles of 2, 0 and 3 tokens; items at tokens 0, 1 (article 0) and 2, 4 (article 2)
    doc, term, count = _article_term_counts(np.array([2, 0, 3]), np.array([0, 1, 2, 4]), np.array([1, 1, 0, 1]), 2)
    assert list(zip(doc.tolist(), term.tolist(), count.tolist())) == [(0, 1, 2), (2, 0, 1), (2, 1, 1)]
    doc, term, count = _article_term_counts(np.array([2, 0, 3]), None, np.array([1, 1, 0, 1, 1]), 2)
    assert list(zip(doc.tolist(), term.tolist(), count.tolist())) == [(0, 1, 2), (2, 0, 1), (2, 1, 2)]


def test_display_forms_rank_by_counts_then_alphabet():
    import numpy as np

    from newslens.terms import _display_forms_coded

    terms_ = ["soledar", "kyiv", "x"]
    forms = ["Soledar", "SOLEDAR", "soledar", "Kyiv", "KYIV"]
    # Soledar: 2 mid + 1 initial; SOLEDAR: 2 mid; soledar: 1 mid; Kyiv and KYIV only at starts
    codes = np.array([0, 0, 0, 1, 1, 2, 3, 4, 4])
    initial = np.array([1, 0, 0, 0, 0, 0, 1, 1, 1], dtype=bool)
    display, seen_mid = _display_forms_coded(terms_, codes, forms, initial, np.array([0, 0, 0, 1, 1]))
    # soledar: Soledar and SOLEDAR tie on 2 mid-sentence uses; "SOLEDAR" sorts first
    # kyiv: never mid-sentence, so counted anywhere: KYIV 2 > Kyiv 1; x: no form, stays as is
    assert display == ["SOLEDAR", "KYIV", "x"] and seen_mid.tolist() == [True, False, False]


def test_texts_read_on_demand_from_arrow_or_object_columns():
    import numpy as np

    from newslens.terms import _Texts
    from newslens.tokens import text_identity

    values = ["Kyiv said.", None, "Ça va", ""]
    for column in (pd.Series(values, dtype="str"), pd.Series(values, dtype=object)):
        texts = _Texts(column, text_identity(column))
        assert len(texts) == 4 and texts[0] == "Kyiv said." and texts[1] == "" and texts[2] == "Ça va"
        assert texts[1:3] == ["", "Ça va"] and list(texts) == ["Kyiv said.", "", "Ça va", ""]
        assert texts.lengths().tolist() == [10, 0, 5, 0] and texts.lengths().dtype == np.int64


def test_term_tables_of_an_object_text_column_equal_the_arrow_ones():
    plain = TINY.assign(text=TINY["text"].astype(object))
    assert plain["text"].dtype == object
    pd.testing.assert_frame_equal(terms.ngrams(plain, n=2), terms.ngrams(TINY, n=2))
    pd.testing.assert_frame_equal(terms.kwic(plain, "said"), terms.kwic(TINY, "said"))
    assert terms.kwic(plain, "the news")["match"].tolist() == ["The news", "the news"]


def test_ngram_alphabetical_rank_from_word_ranks_equals_string_order():
    import numpy as np

    from newslens.terms import _alphabetical_rank, _Counts

    vocab = ["a", "a-b", "ab", "b", "a'"]
    words = np.array([[0, 1, 2, 0, 4], [3, 0, 0, 1, 3]])  # a b | a-b a | ab a | a a-b | a' b
    terms_ = ["a b", "a-b a", "ab a", "a a-b", "a' b"]
    counts = _Counts(terms_, terms_, np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(5, dtype=bool),
                     words=(vocab, words))
    # space < ' < - < letters: "a a-b" < "a b" < "a' b" < "a-b a" < "ab a"
    assert _alphabetical_rank(counts).tolist() == [1, 3, 4, 0, 2]
    assert _alphabetical_rank(_Counts(terms_, terms_, *[np.zeros(0)] * 4, np.zeros(5, dtype=bool))).tolist() == [
        1, 3, 4, 0, 2]
