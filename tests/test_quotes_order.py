"""Speaker records are a function of the corpus alone: the same `extract_quotes` table (rows sorted)
whatever the order of the articles and however they are partitioned for the Dask path.

The corpus mixes the seed articles with generated ones (benchmarks/generate.py keeps some real names
and spreads generated surnames over many articles), so bare surnames, first-name spellings and
sides are merged across articles: the cases where reading order could leak into the output.
"""
import pandas as pd
import pytest

import helpers
from benchmarks.generate import write_corpus
from conftest import ROOT
from newslens import scale

ROW_KEY = ["article_id", "kind", "start", "end", "group"]


def _sorted(quotes: pd.DataFrame) -> pd.DataFrame:
    return quotes.sort_values(ROW_KEY, kind="stable").reset_index(drop=True)


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    generated = helpers.load_corpus(write_corpus(120, tmp_path_factory.mktemp("order") / "gen"))
    return pd.concat([helpers.load_corpus(ROOT / "corpus"), generated], ignore_index=True)


@pytest.fixture(scope="module")
def reference(corpus):
    return _sorted(helpers.extract_quotes(corpus, aliases={}))


def test_the_corpus_merges_names_across_articles(reference):
    # a speaker quoted in several articles: what the merge order could change
    spread = reference[reference["speaker_type"] == "person"].groupby("speaker")["article_id"].nunique()
    assert (spread >= 3).sum() >= 5


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_shuffled_article_order_gives_the_same_speakers(corpus, reference, seed):
    shuffled = corpus.sample(frac=1, random_state=seed).reset_index(drop=True)
    pd.testing.assert_frame_equal(_sorted(helpers.extract_quotes(shuffled, aliases={})), reference)


@pytest.mark.parametrize("partitions", [1, 2, 4])
def test_any_partitioning_gives_the_same_speakers(corpus, reference, partitions):
    import dask
    import dask.dataframe as dd
    shuffled = corpus.sample(frac=1, random_state=partitions).reset_index(drop=True)
    with dask.config.set(scheduler="synchronous", **{"dataframe.convert-string": False}):
        ddf = dd.from_pandas(shuffled, npartitions=partitions, sort=False)
        assert ddf.npartitions == partitions
        pd.testing.assert_frame_equal(_sorted(scale.dask_quotes(ddf, aliases={})), reference)
