"""The Dask path: the same per-article tables on corpora too big for one pandas DataFrame.

`dask_articles` loads a corpus folder (the same cleaning as `load_corpus`) or a Parquet file of
an articles table into a Dask DataFrame partitioned by article; `map_articles` runs any
per-article stage (`sentences`, `tokens`, ...) on every partition unchanged; `dask_quotes` and
`dask_figures` give exactly the tables of `extract_quotes` and `extract_figures`.
Corpus-wide tables are combined exactly: `term_counts` adds the per-partition counts and
ranges (articles containing a word), and with dispersion=True maps the partitions a second
time with the combined totals to get Gries' DP; `keyness_from_counts` computes log-likelihood
keyness from the combined counts, never from partition-level scores. Works on a local scheduler
or on any `dask.distributed` cluster (`Client("tcp://scheduler:8786")`). Used by `benchmarks/run.py` and `tests/test_scale.py`.
"""
from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Callable, Mapping

import numpy as np
import pandas as pd

from newslens.columns import as_categorical, plain
from newslens.corpus import (
    ALIASES_ATTR, CorpusError, _articles_frame, folder_aliases, list_folder, read_articles, read_metadata,
    warn_about_folder,
)
from newslens.figures import extract_figures
from newslens.quotes import attributed_rows, merged_quotes
from newslens.stats import dp_from_hits, dp_normalise, g2_two_cell
from newslens.terms import _article_term_counts as pair_counts  # (article, term, count) triples
from newslens.tokens import shared_token_codes, word_count

ARTICLES_PER_PARTITION = 2_000  # about 1.5M words / 10 MB of text per partition
REQUIRED_PARQUET_COLUMNS = ("article_id", "outlet", "text")
COUNT_COLUMNS = ["group", "norm", "count"]
ADDITIVE_COLUMNS = ["count", "range"]  # columns of a count table that add up across partitions
DISPERSION_COLUMNS = ["dp", "dp_norm"]  # from term_counts(..., dispersion=True)
KEYNESS_COLUMNS = ["group", "norm", "count", "count_rest", "total", "total_rest", "g2", "direction"]


class ScaleError(ValueError):
    """A corpus path, table or argument the Dask path cannot use as given."""


def _dask():
    """Import dask.dataframe lazily, with a clear message if it is not installed."""
    try:
        import dask.dataframe as dd
    except ImportError as err:  # pragma: no cover - dask is in requirements.txt
        raise ScaleError("the Dask path needs dask: run `make lab` or pip install -r requirements.txt.") from err
    return dd


def _keep_pandas_dtypes():
    """A Dask config context that keeps pandas' own dtypes (no string conversion of object columns).

    Without it Dask turns object columns into strings, e.g. the loader's `removed` tuples.
    """
    import dask

    return dask.config.set({"dataframe.convert-string": False})


def _load_files(root: str, names: list[str], meta: dict[str, dict], aliases: dict[str, str]) -> pd.DataFrame:
    """Load some of a folder's articles exactly as `load_corpus` does (one partition)."""
    articles = _articles_frame(read_articles(Path(root), names, meta))
    articles.attrs[ALIASES_ATTR] = aliases
    return articles


def dask_articles(path: str | Path, articles_per_partition: int = ARTICLES_PER_PARTITION):
    """A corpus folder or a Parquet articles table as a Dask DataFrame, whole articles per partition.

    A folder is listed and its metadata.csv and aliases.csv read as `load_corpus` does (the same
    files skipped with the same warnings, the same errors); its aliases ride along in the
    partitions' `attrs`, which `dask_quotes` applies by default."""
    if articles_per_partition < 1:
        raise ScaleError(f"articles_per_partition must be at least 1, got {articles_per_partition}.")
    dd = _dask()
    path = Path(path)
    if path.is_file() or path.suffix == ".parquet":
        return _parquet_articles(path, dd)
    try:
        listing = list_folder(path)
        meta = read_metadata(path, listing)  # checked once, up front, as load_corpus does
        aliases = folder_aliases(listing)
    except CorpusError as err:
        raise ScaleError(f"cannot load {path.name}/ for Dask: {err}") from None
    warn_about_folder(listing, meta)
    from dask import delayed

    files, root = listing.articles, str(listing.root)
    chunks = [files[i:i + articles_per_partition] for i in range(0, len(files), articles_per_partition)]
    parts = [delayed(_load_files)(root, chunk, {f: meta[f] for f in chunk if f in meta}, aliases) for chunk in chunks]
    with _keep_pandas_dtypes():
        return dd.from_delayed(parts, meta=_load_files(root, [], {}, aliases), verify_meta=False)


def _parquet_articles(path: Path, dd):
    """Read a Parquet articles table (e.g. `articles.to_parquet(...)`), checking its columns."""
    if not path.exists():
        raise ScaleError(f"Parquet file {path.name} does not exist. Write one with articles.to_parquet(path).")
    with _keep_pandas_dtypes():
        ddf = dd.read_parquet(path)
    missing = [c for c in REQUIRED_PARQUET_COLUMNS if c not in ddf.columns]
    if missing:
        raise ScaleError(
            f"{path.name} lacks column(s) {', '.join(missing)}; an articles table needs "
            f"{', '.join(REQUIRED_PARQUET_COLUMNS)} (the columns load_corpus returns)."
        )
    if "n_words" not in ddf.columns:
        ddf = ddf.assign(n_words=ddf["text"].map(word_count, meta=("n_words", "int64")))
    return ddf


def map_articles(ddf, stage: Callable[[pd.DataFrame], pd.DataFrame], meta: pd.DataFrame | None = None,
                 known_categories: bool = True):
    """Run a per-article stage (articles table -> table) on every partition; a lazy Dask DataFrame.

    Categorical columns (`newslens.columns`) get known categories, the same in every partition
    and equal to those of the pandas table (the sorted values the whole table holds): the
    partitions' categories are collected first, which runs the stage once more (persist `ddf`
    to read the articles once). known_categories=False skips that pass: such columns come back
    as their plain values (`newslens.columns.as_categorical` makes them categorical again).
    Each partition runs in one process (a worker's stages never start workers of their own:
    `newslens.parallel`)."""
    if not callable(stage):
        raise ScaleError(f"stage must be a function taking an articles table, got {type(stage).__name__}.")
    if meta is None:
        try:
            meta = stage(ddf._meta)
        except ValueError:  # a stage that refuses an empty table: take the shape of a real one
            meta = stage(ddf.head(1, npartitions=1)).iloc[:0]
    mapped = ddf.map_partitions(stage, meta=meta)
    categorical = [c for c in meta.columns if isinstance(meta[c].dtype, pd.CategoricalDtype)]
    if not categorical:
        return mapped
    if not known_categories:
        return mapped.map_partitions(_plain_columns, categorical, meta=_plain_columns(meta, categorical))
    import dask

    found = dask.compute(*[dask.delayed(_categories_of)(part, categorical) for part in mapped.to_delayed()])
    known = {c: pd.Index(pd.concat([pd.Series(f[c]) for f in found]).unique()).sort_values() for c in categorical}
    meta = meta.astype({c: pd.CategoricalDtype(known[c], ordered=True) for c in categorical})
    return mapped.map_partitions(_with_categories, known, meta=meta)


def _categories_of(part: pd.DataFrame, columns: list[str]) -> dict[str, pd.Index]:
    """The categories of some categorical columns of one partition's table."""
    return {c: part[c].cat.categories for c in columns}


def _plain_columns(part: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """One partition's table with some categorical columns as their plain values."""
    return part.assign(**{c: plain(part[c]) for c in columns})


def _with_categories(part: pd.DataFrame, known: dict[str, pd.Index]) -> pd.DataFrame:
    """One partition's table with the known categories of its categorical columns (values kept)."""
    return part.assign(**{c: part[c].cat.set_categories(categories, ordered=True) for c, categories in known.items()})


def dask_quotes(ddf, aliases: Path | str | Mapping[str, str] | None = None) -> pd.DataFrame:
    """`extract_quotes` on a Dask articles table: equal to it on the same articles, as pandas.

    `aliases` as in `extract_quotes`; by default those of the folder `dask_articles` loaded.

    Attribution runs on the workers, one task per partition (`attributed_rows`); the corpus-wide
    merge of speaker names needs every name at once, so it runs once on the client
    (`merged_quotes`) over the partitions' rows in article order.
    """
    import dask

    parts = dask.compute(*[dask.delayed(attributed_rows)(part) for part in ddf.to_delayed()])
    rows = [row for part_rows, _ in parts for row in part_rows]
    known = [name for _, part_known in parts for name in part_known]
    return merged_quotes(rows, known, ddf._meta.attrs.get(ALIASES_ATTR) if aliases is None else aliases)


def dask_figures(ddf, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """`extract_figures` on a Dask articles table, given the quotes (computed by `dask_quotes` if None)."""
    quotes = dask_quotes(ddf) if quotes is None else quotes
    meta = extract_figures(ddf._meta, quotes)
    table = map_articles(ddf, partial(extract_figures, quotes=quotes), meta=meta, known_categories=False).compute()
    table = table.reset_index(drop=True)
    for column in ("article_id", "outlet"):  # plain values from the partitions: categorical as pandas makes them
        table[column] = as_categorical(table[column])
    return table


def _article_term_counts(articles: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], np.ndarray]:
    """(article position, norm code, count) of every (article, word) pair in article order, the
    words (case-folded tokens) and each article's token count. The token codes are
    `tokens.shared_token_codes`: a text column the pandas tables (or `count_terms` before
    `dispersion_sums`) have tokenised already is not tokenised again."""
    found = shared_token_codes(articles["text"])
    norm_of_form, vocab = pd.factorize(np.array([w.lower() for w in found["forms"]], dtype=object))
    doc_tokens = found["doc_tokens"]
    article, norm, count = pair_counts(doc_tokens, None, norm_of_form[found["form_codes"]], len(vocab))
    return (article.astype(np.int64), norm.astype(np.int64), count.astype(np.int64), [str(w) for w in vocab],
            doc_tokens)


def _group_codes(articles: pd.DataFrame, by: str) -> tuple[np.ndarray, pd.Index]:
    """Group code of each article (-1 for a missing group, whose words are not counted), groups."""
    if by not in articles.columns:
        raise ScaleError(f"cannot group by {by!r}: the articles table has no such column "
                         f"(it has {', '.join(map(str, articles.columns))}).")
    codes, groups = pd.factorize(articles[by])
    return codes, groups


def _group_word_cells(articles: pd.DataFrame, by: str) -> dict:
    """The (group, word) cells of one articles table, shared by `count_terms` and `dispersion_sums`.

    Per (article, word) pair of a grouped article: article, group (codes), count; per cell
    (group, word), in order of first appearance: `group`/`norm` labels and `where`, the cell of
    each pair; plus each article's token count."""
    group_of, groups = _group_codes(articles, by)
    article, norm, count, vocab, doc_tokens = _article_term_counts(articles[["text"]])
    group = group_of[article] if len(article) else np.zeros(0, dtype=np.int64)
    keep = group >= 0
    article, norm, count, group = article[keep], norm[keep], count[keep], group[keep]
    n_vocab = max(len(vocab), 1)
    keys, where = np.unique(group * n_vocab + norm, return_inverse=True)
    return {"article": article, "norm_code": norm, "count": count, "group_code": group, "where": where,
            "group": groups.take(keys // n_vocab), "norm": pd.Index(vocab).take(keys % n_vocab),
            "groups": groups, "vocab": vocab, "doc_tokens": doc_tokens}


def count_terms(articles: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Token counts per (group, norm) for one articles table: group, norm, count, range.

    range is the number of the group's articles that contain the word; like count it adds up
    across partitions (partitions hold whole articles). Rows by group, then word, in order of
    first appearance."""
    cells = _group_word_cells(articles, by)
    n_cells = len(cells["group"])
    return pd.DataFrame({
        "group": cells["group"], "norm": cells["norm"],
        "count": np.bincount(cells["where"], weights=cells["count"], minlength=n_cells).astype(np.int64),
        "range": np.bincount(cells["where"], minlength=n_cells).astype(np.int64),
    }, columns=COUNT_COLUMNS + ["range"])


def dispersion_sums(articles: pd.DataFrame, counts: pd.DataFrame, group_tokens: pd.Series,
                    by: str = "outlet") -> pd.DataFrame:
    """Partial sums for Gries' DP of each (group, norm) over this table's articles.

    `counts` are the combined corpus-wide counts (group, norm, count) and `group_tokens` the
    tokens of each group: broadcast to every partition, they make each article's share exact.
    Returns group, norm, abs_dev (sum of |v - s| over articles with the word: v = the article's
    share of the word's hits in its group, s = its share of the group's tokens) and share (sum
    of s); they add up across partitions (`term_counts(..., dispersion=True)` does it)."""
    cells = _group_word_cells(articles, by)
    total_of = counts.set_index(["group", "norm"])["count"]
    labels = cells["groups"].take(cells["group_code"])
    words = pd.Index(cells["vocab"]).take(cells["norm_code"])
    total = total_of.reindex(pd.MultiIndex.from_arrays([labels, words])).to_numpy(dtype=np.int64)
    size = group_tokens.reindex(labels).to_numpy(dtype=np.int64)
    share = cells["doc_tokens"][cells["article"]] / size
    n_cells = len(cells["group"])
    return pd.DataFrame({
        "group": cells["group"], "norm": cells["norm"],
        "abs_dev": np.bincount(cells["where"], weights=np.abs(cells["count"] / total - share), minlength=n_cells),
        "share": np.bincount(cells["where"], weights=share, minlength=n_cells),
    }, columns=["group", "norm", "abs_dev", "share"])


def combine_counts(parts: list[pd.DataFrame] | pd.DataFrame) -> pd.DataFrame:
    """Add up partial (group, norm, count[, range]) tables exactly; sorted by group, count desc,
    norm. group and norm are categoricals (`newslens.columns`)."""
    frame = pd.concat(parts, ignore_index=True) if isinstance(parts, list) else parts
    missing = [c for c in COUNT_COLUMNS if c not in frame.columns]
    if missing:
        raise ScaleError(f"count tables need columns {', '.join(COUNT_COLUMNS)}; missing {', '.join(missing)}.")
    added = [c for c in ADDITIVE_COLUMNS if c in frame.columns]
    total = frame.groupby(["group", "norm"], sort=False, observed=True)[added].sum().reset_index()
    total = total.astype({c: "int64" for c in added})
    total["group"], total["norm"] = as_categorical(total["group"]), as_categorical(total["norm"])
    return total.sort_values(["group", "count", "norm"], ascending=[True, False, True], ignore_index=True)


def term_counts(ddf, by: str = "outlet", dispersion: bool = False) -> pd.DataFrame:
    """Corpus-wide token counts per (group, norm) from a Dask articles table: partitions added.

    Columns group, norm, count, range (articles of the group containing the word). With
    dispersion=True, a second pass over the partitions, given the combined counts and group
    sizes, adds Gries' DP and DP_norm over the group's articles (as `frequencies` computes
    them; the partial sums add in another order, so values agree to rounding)."""
    if by not in ddf.columns:
        raise ScaleError(f"cannot group by {by!r}: the articles table has no such column.")
    meta = pd.DataFrame({"group": pd.Series(dtype=ddf[by].dtype), "norm": pd.Series(dtype=object),
                         "count": pd.Series(dtype="int64"), "range": pd.Series(dtype="int64")})
    partial = ddf[["article_id", "text", by]].map_partitions(count_terms, by, meta=meta)
    counts = combine_counts(partial.compute())
    if not dispersion:
        return counts
    sizes = ddf[[by, "n_words"]].compute()
    group_tokens = sizes.groupby(by, sort=False, observed=True)["n_words"].sum()
    min_tokens = sizes.groupby(by, sort=False, observed=True)["n_words"].min()
    meta = pd.DataFrame({"group": pd.Series(dtype=ddf[by].dtype), "norm": pd.Series(dtype=object),
                         "abs_dev": pd.Series(dtype=float), "share": pd.Series(dtype=float)})
    sums = ddf[["article_id", "text", by]].map_partitions(
        dispersion_sums, counts[COUNT_COLUMNS], group_tokens, by, meta=meta).compute()
    sums = sums.groupby(["group", "norm"], sort=False, observed=True)[["abs_dev", "share"]].sum()
    sums = sums.reindex(pd.MultiIndex.from_frame(counts[["group", "norm"]]))
    dp = np.atleast_1d(dp_from_hits(sums["abs_dev"].to_numpy(), sums["share"].to_numpy()))
    min_share = (min_tokens / group_tokens).reindex(counts["group"]).to_numpy()
    return counts.assign(dp=dp, dp_norm=np.atleast_1d(dp_normalise(dp, min_share)))


def keyness_from_counts(counts: pd.DataFrame, min_count: int = 1) -> pd.DataFrame:
    """Log-likelihood keyness (two-cell G2, Rayson & Garside 2000) of each group against the rest.

    One row per (group, norm) with count >= min_count: the group's count and size, the rest's
    count and size, G2, and direction '+' (over-used in the group) or '-'. Sorted by group,
    G2 desc, norm. Computed from whole-corpus counts, so it equals the single-process result.
    When the counts have them, also range and range_rest (articles of the group, and of the
    rest, containing the word) and dp, dp_norm (Gries' DP over the group's articles, from
    `term_counts(..., dispersion=True)`).
    """
    if min_count < 1:
        raise ScaleError(f"min_count must be at least 1, got {min_count}.")
    spread = [c for c in DISPERSION_COLUMNS if c in counts.columns]
    extra = counts[["group", "norm"] + spread].drop_duplicates(["group", "norm"]) if spread else None
    counts = combine_counts(counts)
    if counts["group"].nunique() < 2:
        raise ScaleError("keyness compares a group with the rest: the corpus needs at least two groups.")
    totals = counts.groupby("group", observed=True)["count"].sum()
    corpus_counts = counts.groupby("norm", observed=True)["count"].sum()
    grand = int(totals.sum())
    out = counts[counts["count"] >= min_count].copy()
    out["count_rest"] = out["norm"].map(corpus_counts).to_numpy() - out["count"].to_numpy()
    out["total"] = out["group"].map(totals).astype("int64")
    out["total_rest"] = grand - out["total"]
    a, b = out["count"].to_numpy(float), out["count_rest"].to_numpy(float)
    c, d = out["total"].to_numpy(float), out["total_rest"].to_numpy(float)
    out["g2"] = g2_two_cell(a, b, c, d)
    out["direction"] = np.where(a / c >= b / np.maximum(d, 1.0), "+", "-")
    out = out.astype({"count_rest": "int64", "total_rest": "int64"})
    columns = list(KEYNESS_COLUMNS)
    if "range" in counts.columns:
        corpus_range = counts.groupby("norm", observed=True)["range"].sum()
        out["range_rest"] = (out["norm"].map(corpus_range).to_numpy() - out["range"].to_numpy()).astype("int64")
        columns += ["range", "range_rest"]
    if extra is not None:
        out = out.merge(extra, on=["group", "norm"], how="left")
        columns += spread
    return out.sort_values(["group", "g2", "norm"], ascending=[True, False, True], ignore_index=True)[columns]
