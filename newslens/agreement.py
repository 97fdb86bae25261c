"""The numbers notebook 04 states about where outlets agree and differ, computed from its tables.

`newslens.figures`, `newslens.compare` and `newslens.quotes` make the tables (figures and facts,
control claims, named sources, translation markers, voices); the functions here turn them into the
findings the notebook writes as sentences (which facts several articles give and which clash, who
is said to control the place, whose voices each outlet carries, which channels it names), so the
notebook and the seed-corpus tests compute them the same way on any corpus. Tables by outlet take
the outlet order they are given, so pooled outlets (`style.pool_outlets`) keep them legible with
40 outlets or thousands of one-article ones. Used by notebook 04.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from newslens.columns import plain
from newslens.compare import CLAIM_COLUMNS, NARRATION, STANCES, control_claims, place_pattern
from newslens.figures import units
from newslens.style import OTHER_OUTLETS

SIDES = ("Ukraine", "Russia", "West", "Other")  # sides of speakers; any other value (unknown) counts as Other
FACT_COLUMNS = ["fact", "fact_label", "unit", "n_articles", "n_outlets", "agree", "outlets", "as_written"]


@dataclass(frozen=True)
class FactTotals:
    """How many figures were found, how many are facts, and how many facts articles share or dispute."""
    n_figures: int  # every quantity found (dates, years, times and ages included)
    n_mentions: int  # figures that are facts: counts, measures, amounts, shares
    n_facts: int  # distinct facts (mentions of one fact joined)
    n_shared: int  # facts given by more than one article
    n_clashing: int  # shared facts whose values no single number fits


def shared_facts(facts: pd.DataFrame) -> pd.DataFrame:
    """One row per fact given by more than one article: label, unit, articles, outlets, agreement, and
    the distinct outlets (', '-joined) and values as written (' / '-joined), in table order. Most
    articles first, then fact id."""
    shared = facts[facts["n_articles"] > 1]
    rows = []
    for fact, grp in shared.groupby("fact", sort=True, observed=True):
        first = grp.iloc[0]
        rows.append((fact, first["fact_label"], first["unit"], int(first["n_articles"]), grp["outlet"].nunique(),
                     bool(first["agree"]), ", ".join(dict.fromkeys(grp["outlet"])),
                     " / ".join(dict.fromkeys(grp["quantity_text"]))))
    table = pd.DataFrame(rows, columns=FACT_COLUMNS).astype({"n_articles": int, "n_outlets": int, "agree": bool})
    return table.sort_values(["n_articles", "fact"], ascending=[False, True], ignore_index=True)


def fact_totals(figures: pd.DataFrame, facts: pd.DataFrame) -> FactTotals:
    """Figures, fact mentions, distinct facts, facts shared by several articles and those that clash."""
    shared = shared_facts(facts)
    return FactTotals(n_figures=len(figures), n_mentions=len(facts), n_facts=facts["fact"].nunique(),
                      n_shared=len(shared), n_clashing=int((~shared["agree"]).sum()))


def base_units() -> dict[str, tuple[float, str]]:
    """{unit (lower-case): (factor to its dimension's base unit, that base unit)} from `units.csv`;
    a unit without a dimension is its own base."""
    rows = units().values()
    base = {}
    for r in rows:
        if r["dimension"] and r["to_base"] == 1.0:
            base.setdefault(r["dimension"], r["unit"])
    return {r["unit"].lower(): (r["to_base"], base.get(r["dimension"], r["unit"])) if r["dimension"] else (1.0, r["unit"])
            for r in rows}


def clash_mentions(facts: pd.DataFrame, fact_ids: list[str], outlets: list[str]) -> pd.DataFrame:
    """The mentions of the given facts, ready to draw: fact, fact_label, outlet, quantity_text, qualifier,
    then `scale_unit` and value, low, high in it (the base unit of a measure's dimension, as `low` and
    `high` are: km, days, ...), with low at least 0 and an open-ended high drawn at 1.5 x the fact's
    largest value. Facts in the order given; mentions by outlet in `outlets` order, then text order."""
    rank = {o: i for i, o in enumerate(outlets)}
    scale = base_units()
    found = facts[facts["fact"].isin(fact_ids)].copy()
    factor = [scale.get(u.lower(), (1.0, u))[0] if d else 1.0 for u, d in zip(found["unit"], found["dimension"])]
    found["scale_unit"] = [scale.get(u.lower(), (1.0, u))[1] if d else u for u, d in zip(found["unit"], found["dimension"])]
    found["value"] = found["value"] * np.asarray(factor, dtype=float)
    found["fact_rank"] = found["fact"].map({f: i for i, f in enumerate(fact_ids)})
    found["outlet_rank"] = plain(found["outlet"]).map(rank).fillna(len(rank))
    found["low"] = found["low"].clip(lower=0)
    widest = found.groupby("fact", observed=True)["value"].transform("max") * 1.5
    found["high"] = found["high"].where(np.isfinite(found["high"]), widest)
    found = found.sort_values(["fact_rank", "outlet_rank", "article_id", "start"], kind="stable")
    columns = ["fact", "fact_label", "outlet", "quantity_text", "qualifier", "scale_unit", "value", "low", "high"]
    return found[columns].reset_index(drop=True)


def place_mentions(articles: pd.DataFrame, place: str | None) -> int:
    """How often `place` (or a known spelling of it) occurs in the articles; 0 when no place is set."""
    if not isinstance(place, str) or not place.strip():
        return 0
    pattern = place_pattern(place)
    return sum(len(pattern.findall(text)) for text in articles["text"])


def claims_about(articles: pd.DataFrame, place: str | None, quotes: pd.DataFrame, defender: str) -> pd.DataFrame:
    """`control_claims` about `place`; an empty claims table when no place is set or it never occurs."""
    if not place_mentions(articles, place):
        return pd.DataFrame(columns=CLAIM_COLUMNS)
    return control_claims(articles, place=place, quotes=quotes, defender=defender)


def stance_table(claims: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Control claims per outlet (rows, in the order given) and stance (columns, in STANCES order)."""
    table = pd.crosstab(pd.Categorical(claims["outlet"], categories=outlets),
                        pd.Categorical(claims["stance"], categories=list(STANCES)), dropna=False)
    table.index.name, table.columns.name = "outlet", "stance"
    return table.astype(int)


def claim_sources(claims: pd.DataFrame) -> pd.DataFrame:
    """Per stance (STANCES order): claims, how many are put in a source's words and how many the outlet
    makes itself, how many of those sources are Ukrainian, and the outlets that make them ('; '-joined)."""
    rows = []
    for stance in STANCES:
        mine = claims[claims["stance"] == stance]
        own = int((mine["claimed_by"] == NARRATION).sum())
        rows.append((stance, len(mine), len(mine) - own, own, int((mine["speaker_side"] == "Ukraine").sum()),
                     "; ".join(dict.fromkeys(mine["outlet"]))))
    return pd.DataFrame(rows, columns=["stance", "claims", "by_a_source", "by_the_outlet", "by_ukrainian_sources", "outlets"])


def voice_summary(voices: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Per outlet (rows, in the order given): speakers quoted by side (SIDES; unknown counts as Other),
    quotations direct / indirect / total, and the direct share (NaN without quotations).

    `voices` is `speaker_counts(quotes, by="outlet")`."""
    side = voices["side"].where(voices["side"].isin(SIDES[:3]), "Other")
    by_side = pd.crosstab(pd.Categorical(voices["outlet"], categories=outlets),
                          pd.Categorical(side, categories=list(SIDES)), dropna=False)
    speech = voices.groupby("outlet", observed=True)[["direct", "indirect", "total"]].sum().reindex(outlets, fill_value=0)
    table = pd.concat([by_side.set_axis(outlets), speech], axis=1).astype(int)
    table.index.name = "outlet"
    table["direct_share"] = (table["direct"] / table["total"].where(table["total"] > 0)).round(2)
    return table


def channel_counts(sources: pd.DataFrame) -> pd.DataFrame:
    """Per channel named (`sources` is `named_sources(...)`): mentions and outlets; most mentions first,
    then most outlets, then name."""
    counts = sources.groupby("source", observed=True).agg(mentions=("outlet", "size"), outlets=("outlet", "nunique")).reset_index()
    return counts.sort_values(["mentions", "outlets", "source"], ascending=[False, False, True], ignore_index=True)


def source_table(sources: pd.DataFrame, outlets: list[str], top: int) -> pd.DataFrame:
    """Mentions per outlet (rows, in the order given) of the `top` most named channels (columns in
    `channel_counts` order)."""
    names = channel_counts(sources)["source"].head(top).tolist()
    kept = sources[sources["source"].isin(names)]
    table = pd.crosstab(pd.Categorical(kept["outlet"], categories=outlets),
                        pd.Categorical(kept["source"], categories=names), dropna=False)
    table.index.name, table.columns.name = "outlet", "source"
    return table.astype(int)


def is_translated(translated_from: object) -> bool:
    """Whether a `translated_from` metadata value names a source language ('', 'none', 'none: …' do not)."""
    value = str(translated_from or "").strip().lower()
    return bool(value) and value != "nan" and not value.startswith("none")


def marker_kinds(markers: pd.DataFrame, articles: pd.DataFrame, outlets: list[str]) -> pd.DataFrame:
    """Per outlet (rows, in the order given): distinct translation markers found, and whether the metadata
    marks any of its articles as translated (`is_translated`)."""
    kinds = markers.groupby("outlet", observed=True)["marker"].nunique().reindex(outlets, fill_value=0).astype(int)
    column = articles["translated_from"] if "translated_from" in articles.columns else pd.Series("", index=articles.index)
    translated = column.map(is_translated).groupby(articles["outlet"], observed=True).any()
    table = pd.DataFrame({"markers": kinds, "translated": translated.reindex(outlets, fill_value=False).astype(bool)})
    table.index.name = "outlet"
    return table


def cross_outlet_pairs(articles: pd.DataFrame) -> int:
    """How many pairs of articles come from two different outlets."""
    sizes = articles["outlet"].value_counts().to_numpy()
    return int((sizes.sum() ** 2 - (sizes ** 2).sum()) // 2)


def leading(values: pd.Series, exclude: tuple[str, ...] = (OTHER_OUTLETS,)) -> tuple[str, float] | None:
    """(outlet, value) with the largest value, ties to the first in order; pooled and NaN rows left out."""
    kept = values[~values.index.isin(exclude)].dropna()
    if kept.empty:
        return None
    return str(kept.idxmax()), float(kept.max())
