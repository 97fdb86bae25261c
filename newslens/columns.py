"""Compact columns for the big tables: repeated strings as categoricals, offsets as int32.

Decision 4 of issue 14. In the tables with a row per token, sentence, term x group, figure or
passage, a column whose strings repeat (article_id, outlet, token, norm, term, display, the
groups of keyness) is a pandas categorical: each row holds a small integer code into the
column's distinct values (its categories), so a tokens table takes about a quarter of the
memory. Offsets and positions (start, end, token_id, sentence_id) are int32 while every value
fits (below 2**31), else int64.

What a user sees (README, "Columns of the big tables"): the values compare, filter, sort and
print as the strings they are; the categories are sorted and ordered, so sorting, grouping,
min/max and comparing two columns of one table (article_a < article_b) give what plain
strings give; `value_counts()` and `groupby(..., observed=False)`
also list categories without rows (every group-by in the project says `observed=True`);
`.astype(str)` gives plain strings. The categories of a table as a function returns it are
the distinct values it holds; a filtered copy keeps them all (so its `value_counts()` lists
zeros: filter them out, or count with `groupby(..., observed=True)`).
"""
from __future__ import annotations

from typing import Sequence

import numpy as np
import pandas as pd

INT32_MAX = np.iinfo(np.int32).max


def categorical(values: Sequence, codes: np.ndarray) -> pd.Categorical:
    """values[codes] as a categorical whose categories are the distinct values it holds, sorted
    (the categories `astype("category")` gives), built from the codes without a Python object
    per row. A code of -1, or a missing value, gives a missing entry."""
    order, uniques = pd.factorize(pd.Index(values, dtype=_string_dtype(values)), sort=True)
    codes = np.asarray(codes)
    valid = codes >= 0
    taken = order[codes[valid]] if len(order) else np.zeros(0, dtype=np.intp)
    used = np.zeros(len(uniques) + 1, dtype=bool)  # (the last slot: a missing value's -1)
    used[taken] = True
    used = used[:-1]
    rank = (np.cumsum(used) - 1).astype(_code_dtype(int(used.sum())))
    remapped = np.full(len(codes), -1, dtype=rank.dtype)
    remapped[valid] = np.where(taken >= 0, rank[taken], -1)
    return pd.Categorical.from_codes(remapped, categories=uniques[used], ordered=True, validate=False)


def as_categorical(column: pd.Series | Sequence) -> pd.Categorical:
    """A column of strings as a categorical whose categories are its distinct values, sorted
    (a categorical column keeps its codes' values: its categories are pruned and sorted)."""
    if isinstance(getattr(column, "dtype", None), pd.CategoricalDtype):
        values = pd.Categorical(column).remove_unused_categories()
        return values.reorder_categories(values.categories.sort_values(), ordered=True)
    codes, uniques = pd.factorize(pd.Index(column, dtype=_string_dtype(column)), sort=True)
    return pd.Categorical.from_codes(codes.astype(_code_dtype(len(uniques))), categories=uniques, ordered=True,
                                     validate=False)


def categorical_pairs(table: pd.DataFrame, pairs: Sequence[tuple[str, str]]) -> pd.DataFrame:
    """The table with each pair of columns (e.g. article_a, article_b) as categoricals sharing
    one set of categories (the sorted values of both), so the two compare with each other."""
    if not len(table):
        return table
    for left, right in pairs:
        both = as_categorical(pd.concat([table[left], table[right]], ignore_index=True))
        table[left], table[right] = both[:len(table)], both[len(table):]
    return table


def plain(column: pd.Series) -> pd.Series:
    """A categorical column as the plain values it holds (any other column as it is): for code
    that maps its values (`Series.map` on a categorical maps the categories, and the result
    sorts in the old categories' order), adds strings to them or compares them with another
    table's column (two categoricals compare only with the same categories)."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        return column.astype(column.cat.categories.dtype)
    return column


def offsets(values: np.ndarray | Sequence[int]) -> np.ndarray:
    """Integer offsets as int32 when every value fits, else int64; never a read-only array (a
    cached pass's offsets are copied, so a user can edit the table made from them)."""
    values = np.asarray(values)
    if values.dtype.kind not in "iu":
        values = values.astype(np.int64)
    fits = not len(values) or (int(values.max()) <= INT32_MAX and int(values.min()) >= -INT32_MAX)
    out = values.astype(np.int32 if fits else np.int64, copy=False)
    return out if out.flags.writeable else out.copy()


def _string_dtype(values) -> str | None:
    """'str' for strings (missing values allowed), else None (pandas infers the dtype)."""
    dtype = getattr(values, "dtype", None)
    if isinstance(dtype, pd.CategoricalDtype):
        return None
    if dtype is not None and dtype != object:
        return "str" if isinstance(dtype, pd.StringDtype) else None
    return "str" if all(isinstance(v, str) or v is None or v is pd.NA or (isinstance(v, float) and v != v)
                        for v in values) else None


def _code_dtype(n_categories: int) -> type:
    """The smallest signed integer type holding every code (and -1), as pandas chooses it."""
    for dtype in (np.int8, np.int16, np.int32):
        if n_categories < np.iinfo(dtype).max:
            return dtype
    return np.int64
