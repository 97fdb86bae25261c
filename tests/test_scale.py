"""Tests for the Dask path (newslens.scale) and the benchmark corpus generator.

The equality tests run on a `dask.distributed` LocalCluster with two worker processes and check
that every table equals the single-process pandas path on a small generated corpus. The keyness
and count tests use hand counts and the published log-likelihood formula.
"""
import math

import pandas as pd
import pytest

import helpers
from benchmarks.generate import make_article, parse_size, seed_paragraphs, write_corpus
from newslens import scale
from newslens.tokens import tokenize

N_ARTICLES = 48
PER_PARTITION = 13  # 48 articles -> 4 partitions, the last one smaller


@pytest.fixture(scope="module")
def seeds():
    """The seed corpus cut into paragraph templates (the generator's input)."""
    return seed_paragraphs()


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory, seeds):
    """A small generated corpus folder."""
    return write_corpus(N_ARTICLES, tmp_path_factory.mktemp("gen") / "small", seeds=seeds)


@pytest.fixture(scope="module")
def pandas_articles(corpus_dir):
    """The generated corpus loaded the single-process way."""
    return helpers.load_corpus(corpus_dir)


@pytest.fixture(scope="module")
def client():
    """A two-worker LocalCluster (separate processes) and a client on it."""
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, distributed.Client(cluster) as c:
        yield c


@pytest.fixture(scope="module")
def dask_corpus(client, corpus_dir):
    """The generated corpus as a partitioned Dask DataFrame."""
    return scale.dask_articles(corpus_dir, articles_per_partition=PER_PARTITION)


def _same(left: pd.DataFrame, right: pd.DataFrame) -> None:
    """Frames equal row for row (Dask's index restarts per partition, so it is reset)."""
    pd.testing.assert_frame_equal(left.reset_index(drop=True), right.reset_index(drop=True))


def test_folder_partitions_hold_whole_articles(dask_corpus):
    assert dask_corpus.npartitions == math.ceil(N_ARTICLES / PER_PARTITION) == 4


def test_dask_articles_equal_load_corpus(dask_corpus, pandas_articles):
    _same(dask_corpus.compute(), pandas_articles)


def test_per_article_stages_equal_pandas(dask_corpus, pandas_articles):
    _same(scale.map_articles(dask_corpus, helpers.sentences).compute(), helpers.sentences(pandas_articles))
    _same(scale.map_articles(dask_corpus, helpers.tokens).compute(), helpers.tokens(pandas_articles))


def test_categorical_columns_have_known_categories_in_every_partition(dask_corpus, pandas_articles):
    mapped = scale.map_articles(dask_corpus, helpers.tokens)
    expected = helpers.tokens(pandas_articles)
    for column in ("article_id", "token", "norm"):
        assert mapped[column].cat.known  # the Dask frame knows them before computing
        assert mapped[column].cat.categories.tolist() == expected[column].cat.categories.tolist()
    parts = [part.compute() for part in mapped.partitions]
    assert all(p["norm"].cat.categories.equals(expected["norm"].cat.categories) for p in parts)
    plain = scale.map_articles(dask_corpus, helpers.sentences, known_categories=False).compute()
    assert plain["article_id"].dtype == "str"  # asked not to collect them: plain values
    _same(plain, helpers.sentences(pandas_articles).astype({"article_id": "str"}))


def test_quotes_and_figures_on_partitions_equal_pandas(dask_corpus, pandas_articles):
    quotes = helpers.extract_quotes(pandas_articles)
    assert len(quotes) > N_ARTICLES  # the generated articles keep the seeds' quotations
    _same(scale.dask_quotes(dask_corpus), quotes)
    _same(scale.dask_figures(dask_corpus), helpers.extract_figures(pandas_articles, quotes))


def test_map_articles_with_a_stage_that_refuses_empty_tables(dask_corpus, pandas_articles):
    def first_sentence(articles: pd.DataFrame) -> pd.DataFrame:
        if articles.empty:
            raise ValueError("no articles")
        table = helpers.sentences(articles)
        return table[table["sentence_id"] == 0]

    _same(scale.map_articles(dask_corpus, first_sentence).compute(), first_sentence(pandas_articles))


def test_term_counts_add_up_across_partitions(dask_corpus, pandas_articles):
    counts = scale.term_counts(dask_corpus, by="outlet")
    _same(counts, scale.combine_counts(scale.count_terms(pandas_articles, by="outlet")))
    assert counts["count"].sum() == pandas_articles["n_words"].sum()


def test_keyness_from_combined_counts_equals_pandas(dask_corpus, pandas_articles):
    dask_key = scale.keyness_from_counts(scale.term_counts(dask_corpus), min_count=2)
    pandas_key = scale.keyness_from_counts(scale.count_terms(pandas_articles), min_count=2)
    _same(dask_key, pandas_key)


def test_range_and_dp_from_two_passes_equal_the_pandas_tables(dask_corpus, pandas_articles):
    key = scale.keyness_from_counts(scale.term_counts(dask_corpus, dispersion=True))
    assert {"range", "range_rest", "dp", "dp_norm"} <= set(key.columns)
    freq = helpers.frequencies(pandas_articles, by="outlet")
    both = key.merge(freq, left_on=["group", "norm"], right_on=["outlet", "term"], how="outer", indicator=True)
    assert (both["_merge"] == "both").all()  # the same (group, word) pairs
    assert (both["count_x"] == both["count_y"]).all() and (both["range_x"] == both["range_y"]).all()
    # DP adds partial sums in partition order, the pandas path in article order: equal to rounding
    pd.testing.assert_series_equal(both["dp_x"], both["dp_y"], check_names=False, rtol=1e-12, atol=1e-15)
    pd.testing.assert_series_equal(both["dp_norm_x"], both["dp_norm_y"], check_names=False, rtol=1e-12, atol=1e-15)
    g2 = helpers.keyness(pandas_articles, by="outlet")
    same = key.merge(g2, left_on=["group", "norm"], right_on=["target", "term"])
    assert len(same) == len(key)
    assert (same["range_x"] == same["range_target"]).all()
    assert (same["range_rest"] == same["range_y"] - same["range_target"]).all()
    assert (same["count_rest"] == same["f_reference"]).all()


def test_range_and_dp_hand_table(client):
    dd = pytest.importorskip("dask.dataframe")
    # P: a1 "x x y" (3 tokens), a2 "x" (1); Q: a3 "y y". Shares of P's tokens: a1 3/4, a2 1/4.
    # x in P: hits 2/3 and 1/3 -> DP = (|2/3 - 3/4| + |1/3 - 1/4|) / 2 = 1/12, DP_norm = (1/12) / (1 - 1/4).
    # y in P: all hits in a1 -> DP = (|1 - 3/4| + 1/4) / 2 = 1/4, DP_norm = (1/4) / (3/4) = 1/3.
    arts = pd.DataFrame({"article_id": ["a1", "a2", "a3"], "outlet": ["P", "P", "Q"],
                         "text": ["x x y", "x", "y y"], "n_words": [3, 1, 2]})
    counts = scale.term_counts(dd.from_pandas(arts, npartitions=2), dispersion=True)
    row = counts.set_index(["group", "norm"])
    assert row.loc[("P", "x"), "range"] == 2 and row.loc[("P", "y"), "range"] == 1
    assert row.loc[("P", "x"), "dp"] == pytest.approx(1 / 12)
    assert row.loc[("P", "x"), "dp_norm"] == pytest.approx(1 / 9)
    assert row.loc[("P", "y"), "dp"] == pytest.approx(1 / 4)
    assert row.loc[("P", "y"), "dp_norm"] == pytest.approx(1 / 3)
    assert row.loc[("Q", "y"), "dp"] == pytest.approx(0.0) and pd.isna(row.loc[("Q", "y"), "dp_norm"])
    key = scale.keyness_from_counts(counts).set_index(["group", "norm"])
    assert key.loc[("P", "y"), "range_rest"] == 1 and key.loc[("Q", "y"), "range_rest"] == 1
    assert key.loc[("P", "x"), "range_rest"] == 0


def test_parquet_articles_equal_pandas(client, tmp_path, pandas_articles):
    path = tmp_path / "articles.parquet"
    pandas_articles.drop(columns=["removed"]).to_parquet(path)
    ddf = scale.dask_articles(path)
    _same(ddf.compute(), pandas_articles.drop(columns=["removed"]))
    _same(scale.map_articles(ddf, helpers.sentences).compute(), helpers.sentences(pandas_articles))


def test_combine_counts_adds_hand_counts():
    part1 = pd.DataFrame({"group": ["A", "A"], "norm": ["x", "y"], "count": [2, 1]})
    part2 = pd.DataFrame({"group": ["A", "B"], "norm": ["x", "x"], "count": [3, 1]})
    total = scale.combine_counts([part1, part2])
    assert list(total.itertuples(index=False, name=None)) == [("A", "x", 5), ("A", "y", 1), ("B", "x", 1)]


def test_count_terms_hand_count():
    arts = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["P", "P"],
                         "text": ["Soledar fell. Soledar held.", "It held"]})
    counts = scale.combine_counts(scale.count_terms(arts))
    assert dict(zip(counts["norm"], counts["count"])) == {"held": 2, "soledar": 2, "fell": 1, "it": 1}
    assert dict(zip(counts["norm"], counts["range"])) == {"held": 2, "soledar": 1, "fell": 1, "it": 1}


def test_keyness_from_counts_hand_table():
    # x: 10 of A's 1,000 words vs 5 of B's 2,000; expected 5 and 10, so
    # G2 = 2 (10 ln(10/5) + 5 ln(5/10)) = 10 ln 2. z: 1 of 1,000 vs 2 of 2,000, same rate, G2 = 0.
    counts = pd.DataFrame({"group": ["A", "A", "A", "B", "B", "B"], "norm": ["x", "y", "z", "x", "y", "z"],
                           "count": [10, 989, 1, 5, 1993, 2]})
    key = scale.keyness_from_counts(counts).set_index(["group", "norm"])
    assert key.loc[("A", "x"), "g2"] == pytest.approx(10 * math.log(2))
    assert key.loc[("A", "z"), "g2"] == pytest.approx(0.0, abs=1e-12)
    assert key.loc[("A", "x"), "count_rest"] == 5
    assert key.loc[("A", "x"), "direction"] == "+"
    assert key.loc[("B", "x"), "direction"] == "-"
    assert key.loc[("A", "x"), "total_rest"] == 2000


def test_bad_input_gets_clear_errors(tmp_path):
    with pytest.raises(ValueError, match="does not exist"):
        scale.dask_articles(tmp_path / "nowhere")
    bad = tmp_path / "bad.parquet"
    pd.DataFrame({"article_id": ["a"], "body": ["x"]}).to_parquet(bad)
    with pytest.raises(scale.ScaleError, match="lacks column"):
        scale.dask_articles(bad)
    with pytest.raises(scale.ScaleError, match="at least 1"):
        scale.dask_articles(tmp_path, articles_per_partition=0)
    one_group = pd.DataFrame({"group": ["A"], "norm": ["x"], "count": [1]})
    with pytest.raises(scale.ScaleError, match="two groups"):
        scale.keyness_from_counts(one_group)
    with pytest.raises(scale.ScaleError, match="no such column"):
        scale.count_terms(pd.DataFrame({"article_id": ["a"], "text": ["x"]}), by="outlet")


def test_generator_is_deterministic_and_nested(seeds, corpus_dir):
    assert make_article(7, seeds) == make_article(7, seeds)
    text, row = make_article(3, seeds)
    assert (corpus_dir / row["file"]).read_text(encoding="utf-8") == text
    assert make_article(3, seeds, seed=1) != (text, row)


def test_generated_vocabulary_keeps_growing(seeds):
    seen, sizes = set(), []
    for i in range(400):
        seen.update(tokenize(make_article(i, seeds)[0]))
        if i + 1 in (100, 200, 400):
            sizes.append(len(seen))
    assert sizes[0] < sizes[1] < sizes[2]
    # new words keep coming: doubling the corpus adds at least a tenth more distinct words
    assert sizes[2] > 1.1 * sizes[1] > 1.21 * sizes[0]


def test_parse_size():
    assert parse_size("10k") == 10_000 and parse_size("250") == 250
    with pytest.raises(ValueError, match="unknown corpus size"):
        parse_size("huge")


def test_count_terms_reuses_the_shared_token_codes(monkeypatch):
    from newslens import tokens as tok

    arts = pd.DataFrame({"article_id": ["a1", "a2"], "outlet": ["P", "Q"],
                         "text": ["Soledar fell. Soledar held.", "It held"]})
    tok.clear_shared_tokens()
    helpers.tokens(arts)  # tokenises this text column once (shared_token_codes)
    calls = []
    real = tok._chunk_codes  # every tokenising pass goes through it
    monkeypatch.setattr(tok, "_chunk_codes", lambda *a, **k: calls.append(1) or real(*a, **k))
    counts = scale.count_terms(arts)
    sums = scale.dispersion_sums(arts, scale.combine_counts(counts), pd.Series({"P": 4, "Q": 2}))
    assert calls == []  # neither tokenised the same column again
    assert dict(zip(zip(counts["group"], counts["norm"]), counts["count"])) == {
        ("P", "soledar"): 2, ("P", "fell"): 1, ("P", "held"): 1, ("Q", "it"): 1, ("Q", "held"): 1}
    # one article per group: each article holds all of its group's hits and tokens, so DP = 0
    assert sums["abs_dev"].tolist() == [0.0] * 5 and sums["share"].tolist() == [1.0] * 5
