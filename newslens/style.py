"""House chart style: one look, and one name, colour and order per outlet, in every chart.

Used by every notebook through `helpers.use_house_style()` and `helpers.outlet_colors(...)`.
"""
from __future__ import annotations

from typing import Iterable

import matplotlib as mpl
import pandas as pd

SEED = 20230112  # the one seed: word-cloud layouts, generated corpora, sampling
PALETTE = (  # colour-blind-safe (Okabe-Ito), then Tableau for corpora with more outlets
    "#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000",
    "#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
)
OTHER_COLOR = "#9E9E9E"
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
    """Outlets in display order: by first publication date, then name (undated last; a table
    without a `date` column, e.g. one built by hand, is undated)."""
    if "date" not in articles.columns:
        articles = articles[["outlet"]].assign(date=pd.NaT)
    first = articles.groupby("outlet", sort=False)["date"].min().reset_index()
    first["undated"] = first["date"].isna()
    first = first.sort_values(["undated", "date", "outlet"], kind="stable")
    return first["outlet"].tolist()


def outlet_colors(outlets: pd.DataFrame | Iterable[str]) -> dict[str, str]:
    """Map each outlet to its house colour; pass the articles table or an ordered list of names."""
    names = outlet_order(outlets) if isinstance(outlets, pd.DataFrame) else list(outlets)
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(names)}
