"""House chart style: one look, and one name, colour and order per outlet, in every chart.

Colours are for telling outlets apart, so only the first `len(PALETTE)` outlets in the house order
get one; every colour is readable as text on white (contrast at least 3:1, WCAG's bar for graphics
and large text). Outlets past the palette, and the outlets `pool_outlets` puts together under
`OTHER_OUTLETS`, are drawn in `OTHER_COLOR`: with 40 outlets, charts that compare outlets show the
largest ones and pool the rest rather than cycle through colours no reader can tell apart.
Used by every notebook through `helpers.use_house_style()`, `helpers.outlet_colors(...)` and
`helpers.pool_outlets(...)`.
"""
from __future__ import annotations

from typing import Iterable

import matplotlib as mpl
import pandas as pd

SEED = 20230112  # the one seed: word-cloud layouts, generated corpora, sampling
PALETTE = (  # Okabe-Ito's colour-blind-safe hues that read on white, then darker brown, gold, purple
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#000000", "#8C510A", "#B8860B", "#6B4C9A",
)
OTHER_COLOR = "#757575"  # outlets past the palette and pooled outlets (contrast 4.6:1 on white)
OTHER_OUTLETS = "other outlets"  # the label pool_outlets gives the outlets it puts together
HOUSE_RC = {
    "figure.figsize": (8, 4.5),
    "figure.dpi": 100,
    "savefig.dpi": 150,
    "savefig.bbox": "tight",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "axes.labelsize": 10,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "legend.frameon": False,
    "font.family": "DejaVu Sans",  # ships with matplotlib: same glyphs on every machine
    "svg.hashsalt": str(SEED),
}


def use_house_style() -> None:
    """Apply the house matplotlib style (call once, in the notebook setup cell)."""
    mpl.rcParams.update(HOUSE_RC)


def outlet_order(articles: pd.DataFrame) -> list[str]:
    """Outlets in display order: by first publication date, then name (undated, then pooled, last)."""
    dates = articles["date"] if "date" in articles else pd.Series(pd.NaT, index=articles.index)
    first = dates.groupby(articles["outlet"], sort=False, observed=True).min().rename("date").reset_index()
    first["undated"] = first["date"].isna()
    first["pooled"] = first["outlet"] == OTHER_OUTLETS
    first = first.sort_values(["pooled", "undated", "date", "outlet"], kind="stable")
    return first["outlet"].tolist()


def outlet_colors(outlets: pd.DataFrame | Iterable[str]) -> dict[str, str]:
    """Map each outlet to its house colour; pass the articles table or an ordered list of names.

    The first len(PALETTE) outlets in order get the palette; the rest, and OTHER_OUTLETS, get OTHER_COLOR."""
    names = outlet_order(outlets) if isinstance(outlets, pd.DataFrame) else list(outlets)
    named = [n for n in names if n != OTHER_OUTLETS]
    colors = {name: PALETTE[i] if i < len(PALETTE) else OTHER_COLOR for i, name in enumerate(named)}
    return {name: colors.get(name, OTHER_COLOR) for name in names}


def largest_outlets(articles: pd.DataFrame, top: int) -> list[str]:
    """The `top` outlets with the most articles (ties: more words, then name), largest first."""
    size = articles.groupby("outlet", observed=True).agg(n=("outlet", "size"), words=("n_words", "sum")).reset_index()
    size = size.sort_values(["n", "words", "outlet"], ascending=[False, False, True], kind="stable")
    return size["outlet"].head(max(top, 0)).tolist()


def pool_outlets(articles: pd.DataFrame, top: int = len(PALETTE)) -> pd.DataFrame:
    """The articles table with every outlet outside the `top` largest renamed OTHER_OUTLETS.

    Returns the table itself when it has `top` outlets or fewer. Comparisons by outlet then have at
    most top + 1 groups, whatever the corpus: thousands of one-article "outlets" (files without
    metadata) become the largest few plus one pooled group."""
    if top < 1:
        raise ValueError(f"top must be at least 1 (got {top}).")
    if articles["outlet"].nunique() <= top:
        return articles
    keep = set(largest_outlets(articles, top))
    pooled = articles.copy()
    pooled["outlet"] = articles["outlet"].where(articles["outlet"].isin(keep), OTHER_OUTLETS)
    return pooled
