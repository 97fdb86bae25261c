"""Tests for the compact columns of the big tables (newslens.columns, issue 14 decision 4): repeated
strings as ordered categoricals with sorted categories, offsets as int32, and the behaviour the
README's "Columns of the big tables" promises a user. Expected values are hand-made."""
import numpy as np
import pandas as pd
import pytest

import helpers
from newslens.columns import as_categorical, categorical, categorical_pairs, offsets, plain

TINY = pd.DataFrame({"article_id": ["a2", "a1"], "outlet": ["Beta", "Alpha"],
                     "text": ["B a b.", "a"], "n_words": [3, 1]})


def _is_compact(column: pd.Series, categories: list[str]) -> None:
    assert isinstance(column.dtype, pd.CategoricalDtype) and column.cat.ordered
    assert column.cat.categories.tolist() == categories


def test_categorical_keeps_the_values_used_sorted():
    c = categorical(["b", "a", "c", "a", None], np.array([0, 2, 2, -1, 4, 0]))
    assert [v if isinstance(v, str) else None for v in c] == ["b", "c", "c", None, None, "b"]
    assert c.categories.tolist() == ["b", "c"] and c.ordered  # "a" is not used; None is missing
    assert c.codes.dtype == np.int8 and c.codes.tolist() == [0, 1, 1, -1, -1, 0]
    assert len(categorical([], np.zeros(0, dtype=int))) == 0


def test_as_categorical_sorts_the_categories_of_any_column():
    assert as_categorical(["z", "y", None, "z"]).categories.tolist() == ["y", "z"]
    union = pd.Series(pd.Categorical(["q", "p"], categories=["x", "q", "p"]))  # unsorted, one unused
    again = as_categorical(union)
    assert again.categories.tolist() == ["p", "q"] and again.tolist() == ["q", "p"] and again.ordered


def test_offsets_are_int32_while_they_fit():
    assert offsets([0, 2 ** 31 - 1]).dtype == np.int32
    assert offsets([0, 2 ** 31]).dtype == np.int64
    assert offsets(np.zeros(0, dtype=np.int64)).dtype == np.int32


def test_paired_columns_share_categories_and_compare():
    pairs = categorical_pairs(pd.DataFrame({"a": ["x", "y"], "b": ["z", "x"]}), [("a", "b")])
    _is_compact(pairs["a"], ["x", "y", "z"])
    _is_compact(pairs["b"], ["x", "y", "z"])
    assert (pairs["a"] < pairs["b"]).tolist() == [True, False]
    assert (pairs["a"] != pairs["b"]).tolist() == [True, True]


def test_plain_values_map_and_sort_as_strings():
    col = pd.Series(as_categorical(["b", "a", "c"]))
    rank = {"c": 0, "a": 1, "b": 2}
    assert plain(col).dtype == "str" and plain(col).map(rank).sort_values().index.tolist() == [2, 1, 0]
    assert plain(pd.Series([1, 2])).tolist() == [1, 2]  # other columns as they are


def test_tokens_table_columns():
    t = helpers.tokens(TINY)
    # a2 "B a b." -> B(0-1) a(2-3) b(4-5); a1 "a" -> a(0-1)
    _is_compact(t["article_id"], ["a1", "a2"])
    _is_compact(t["token"], ["B", "a", "b"])  # code-point order: capitals first
    _is_compact(t["norm"], ["a", "b"])
    assert t["article_id"].tolist() == ["a2", "a2", "a2", "a1"]
    assert t["norm"].tolist() == ["b", "a", "b", "a"]
    for name, values in (("token_id", [0, 1, 2, 0]), ("start", [0, 2, 4, 0]), ("end", [1, 3, 5, 1])):
        assert t[name].dtype == np.int32 and t[name].tolist() == values
    assert t.sort_values("norm", kind="stable")["norm"].tolist() == ["a", "a", "b", "b"]


def test_sentence_and_term_tables_columns():
    s = helpers.sentences(TINY)
    _is_compact(s["article_id"], ["a1", "a2"])
    assert s["sentence_id"].dtype == np.int32 and s["end"].tolist() == [6, 1]
    f = helpers.frequencies(TINY)
    _is_compact(f["outlet"], ["Alpha", "Beta"])
    _is_compact(f["term"], ["a", "b"])
    _is_compact(f["display"], ["a", "b"])
    # Beta ("B a b."): b 2, a 1; Alpha ("a"): a 1
    counts = f.groupby(["outlet", "term"], observed=True)["count"].sum().to_dict()
    assert counts == {("Alpha", "a"): 1, ("Beta", "a"): 1, ("Beta", "b"): 2}
    k = helpers.keyness(TINY)
    _is_compact(k["target"], ["Alpha", "Beta"])
    _is_compact(k["reference"], ["rest of corpus"])


def test_value_counts_of_a_filtered_table_lists_zeros_as_the_readme_says():
    f = helpers.frequencies(TINY)
    kept = f[f["count"] > 1]  # only Beta's "b"
    assert kept["outlet"].value_counts().to_dict() == {"Beta": 1, "Alpha": 0}
    assert kept.groupby("outlet", observed=True).size().to_dict() == {"Beta": 1}
    assert kept["term"].astype(str).tolist() == ["b"]


def test_figures_columns():
    arts = pd.DataFrame({"article_id": ["x2", "x1"], "outlet": ["O", "N"],
                         "text": ["About 300 men left.", "It cost $5bn."]})
    fig = helpers.extract_figures(arts, pd.DataFrame())
    _is_compact(fig["article_id"], ["x1", "x2"])
    _is_compact(fig["outlet"], ["N", "O"])
    assert fig["article_id"].tolist() == ["x2", "x1"] and fig["value"].tolist() == [300.0, 5e9]
    assert all(fig[c].dtype == np.int32 for c in ("sentence_id", "start", "end"))
    assert fig["start"].tolist() == [0, 8]  # "About 300", "$5bn"


@pytest.mark.parametrize("function", [helpers.article_similarity, helpers.shared_copy])
def test_pair_tables_compare_their_columns(function, articles):
    pairs = function(articles)
    once = pairs[pairs["article_a"] < pairs["article_b"]]
    assert len(once) == 10  # 5 articles: 10 unordered pairs
    assert (once["outlet_a"] != once["outlet_b"]).all()  # the 5 seed articles come from 5 outlets


@pytest.mark.parametrize("make", [helpers.tokens, helpers.sentences, helpers.frequencies], ids=["tokens", "sentences", "frequencies"])
def test_a_user_can_edit_the_tables(make):
    # the tables are built from cached passes that are read-only; the table itself must not be
    table = make(TINY).copy(deep=False)
    for column in table.columns:
        table.loc[table.index[0], column] = table.loc[table.index[-1], column]
    pd.testing.assert_series_equal(table.iloc[0], table.iloc[-1], check_names=False)
