"""The numbers notebook 03 states about who is quoted, computed from the quotation table.

`newslens.quotes` finds the quotations and makes the per-outlet tables (`speaker_counts`,
`voice_shares`, `cue_counts`); the functions here turn those tables into the findings the notebook
writes as sentences (the most quoted speaker, how many outlets quote each one, which outlet gives a
kind of voice the largest share, which verbs introduce quotations), so the notebook and the
seed-corpus tests compute them the same way on any corpus. `pooled_table` gives any table with an
`article_id` column the outlet names of `style.pool_outlets`, so comparisons by outlet stay
legible with 40 outlets or thousands of one-article ones. Used by notebooks 03 and 04.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from newslens.quotes import quotes_by_speaker, speaker_counts, voice_shares
from newslens.style import OTHER_COLOR, OTHER_OUTLETS

GROUP_KEYS = ["article_id", "kind", "group", "speaker"]  # one attributed quotation (as speaker_counts counts)
UNKNOWN_SIDE = "unknown"
SHARE_COLUMNS = ["outlet", "count", "total", "share"]


@dataclass(frozen=True)
class QuotationTotals:
    """How many quotations the table holds, attributed or not, direct or indirect."""
    n_rows: int  # rows of the quotation table (attributed or not)
    n_unattributed: int  # rows without a speaker (e.g. scare quotes), never counted
    n_quotations: int  # attributed quotations: one per article, kind, group and speaker
    n_direct: int
    n_indirect: int
    n_speakers: int
    n_quoted_once: int  # speakers with a single quotation
    n_articles: int  # articles with at least one attributed quotation


def attributed_quotations(quotes: pd.DataFrame) -> pd.DataFrame:
    """One row per attributed quotation (the unit every count of notebook 03 counts)."""
    speaker = quotes["speaker"].fillna("").astype(str)
    return quotes[speaker != ""].drop_duplicates(GROUP_KEYS)


def quotation_totals(quotes: pd.DataFrame) -> QuotationTotals:
    """Rows, unattributed rows, attributed quotations (direct / indirect), speakers and articles."""
    q = attributed_quotations(quotes)
    per_speaker = q["speaker"].value_counts()
    return QuotationTotals(
        n_rows=len(quotes), n_unattributed=len(quotes) - int((quotes["speaker"].fillna("") != "").sum()),
        n_quotations=len(q), n_direct=int((q["kind"] == "direct").sum()),
        n_indirect=int((q["kind"] == "indirect").sum()), n_speakers=len(per_speaker),
        n_quoted_once=int((per_speaker == 1).sum()), n_articles=q["article_id"].nunique())


def pooled_table(table: pd.DataFrame, pooled_articles: pd.DataFrame) -> pd.DataFrame:
    """`table` with its outlet column taken from `pooled_articles` (by article_id), e.g. 'other outlets'."""
    outlet_of = dict(zip(pooled_articles["article_id"], pooled_articles["outlet"]))
    return table.assign(outlet=table["article_id"].map(outlet_of).fillna(table["outlet"]))


def voice_table(quotes: pd.DataFrame, column: str, outlets: list[str], values: list[str] | None = None) -> pd.DataFrame:
    """Attributed quotations per outlet (rows, in the given order) and value of `column` (columns).

    `values` fixes the first columns and their order (missing ones are 0); values found beyond them
    follow, most frequent first (ties by name), so every quotation is counted in some column."""
    shares = voice_shares(quotes, column=column)
    totals = shares.groupby(column, observed=True)["quotations"].sum().reset_index()
    found = totals.sort_values(["quotations", column], ascending=[False, True])[column].tolist()
    values = found if values is None else list(values) + [v for v in found if v not in values]
    wide = shares.pivot_table(index="outlet", columns=column, values="quotations", aggfunc="sum", fill_value=0)
    wide = wide.reindex(index=outlets, columns=values, fill_value=0).astype(int)
    wide.index.name, wide.columns.name = "outlet", column
    return wide


def ranked_shares(wide: pd.DataFrame, column: str, min_total: int = 1,
                  exclude: tuple[str, ...] = (OTHER_OUTLETS,)) -> pd.DataFrame:
    """Outlets by the share of their row total that `column` takes, largest first (ties: row order).

    Columns: outlet, count, total, share. Outlets with a row total below `min_total` (at least 1)
    and the `exclude`d rows (the pooled group) are left out, so a finding always names a real outlet
    with enough quotations for a share to mean something."""
    total = wide.sum(axis=1)
    count = wide[column] if column in wide.columns else pd.Series(0, index=wide.index)
    table = pd.DataFrame({"outlet": wide.index, "count": count.to_numpy(), "total": total.to_numpy()})
    table = table[(table["total"] >= max(min_total, 1)) & ~table["outlet"].isin(exclude)].copy()
    table["share"] = table["count"] / table["total"]
    table["position"] = range(len(table))
    table = table.sort_values(["share", "position"], ascending=[False, True], kind="stable")
    return table[SHARE_COLUMNS].reset_index(drop=True)


def speaker_reach(quotes: pd.DataFrame, speakers: list[str]) -> pd.DataFrame:
    """For each of `speakers`: how many distinct outlets quote them, and their quotations.

    Columns: speaker, outlets, quotations; most outlets first, then most quotations, then name."""
    q = attributed_quotations(quotes)
    q = q[q["speaker"].isin(speakers)]
    reach = q.groupby("speaker", observed=True).agg(outlets=("outlet", "nunique"), quotations=("speaker", "size")).reset_index()
    reach = reach.reindex(columns=["speaker", "outlets", "quotations"])
    return reach.sort_values(["outlets", "quotations", "speaker"], ascending=[False, False, True], ignore_index=True)


def pick_speaker(quotes: pd.DataFrame, name: str | None) -> tuple[str | None, bool]:
    """(speaker to read side by side, whether `name` found them).

    The speaker `name` finds by any spelling (the most quoted one if it finds several); when it
    finds nobody, or is None, the most quoted speaker of the corpus. None when nobody is quoted."""
    counts = speaker_counts(quotes, by=None)
    if counts.empty:
        return None, False
    if isinstance(name, str) and name.strip():
        found = set(quotes_by_speaker(quotes, name)["speaker"])
        matched = counts[counts["speaker"].isin(found)]
        if not matched.empty:
            return str(matched["speaker"].iloc[0]), True
    return str(counts["speaker"].iloc[0]), False


def speaker_lines(quotes: pd.DataFrame, speaker: str, outlets: list[str]) -> pd.DataFrame:
    """Every quotation of one speaker (exact display name), by outlet in the given order, then text order."""
    q = attributed_quotations(quotes)
    q = q[q["speaker"] == speaker].copy()
    rank = {o: i for i, o in enumerate(outlets)}
    q["position"] = q["outlet"].map(rank).fillna(len(rank))
    q = q.sort_values(["position", "outlet", "article_id", "start"], kind="stable")
    return q.drop(columns="position").reset_index(drop=True)


def known_side_share(quotes: pd.DataFrame) -> float:
    """The share of attributed quotations whose speaker's side the text states (0 when none)."""
    q = attributed_quotations(quotes)
    return float((q["side"] != UNKNOWN_SIDE).mean()) if len(q) else 0.0


def cue_variety(cues: pd.DataFrame, min_total: int = 1, exclude: tuple[str, ...] = (OTHER_OUTLETS,)) -> pd.DataFrame:
    """Per outlet: cued quotations, distinct reporting verbs, and its most used verb with its count.

    `cues` is `cue_counts(quotes)`. Most distinct verbs first (ties: more quotations, then name);
    outlets with fewer than `min_total` cued quotations and the `exclude`d rows are left out."""
    table = cues[~cues["outlet"].isin(exclude)]
    rows = []
    for outlet, grp in table.groupby("outlet", sort=True, observed=True):
        top = grp.sort_values(["quotations", "cue"], ascending=[False, True]).iloc[0]
        rows.append((outlet, int(grp["quotations"].sum()), len(grp), top["cue"], int(top["quotations"])))
    out = pd.DataFrame(rows, columns=["outlet", "quotations", "verbs", "top_verb", "top_verb_quotations"])
    out = out[out["quotations"] >= min_total]
    return out.sort_values(["verbs", "quotations", "outlet"], ascending=[False, False, True], ignore_index=True)


def cue_totals(cues: pd.DataFrame) -> pd.DataFrame:
    """Cued quotations per reporting verb over all outlets (`cues` is `cue_counts(quotes)`), most used first."""
    totals = cues.groupby("cue", observed=True)["quotations"].sum().reset_index()
    return totals.sort_values(["quotations", "cue"], ascending=[False, True], ignore_index=True)


def printed_names(lines: pd.DataFrame) -> list[str]:
    """The spellings of a speaker's name as printed where the quotations name them (not pronouns or roles)."""
    named = lines[lines["mention"].isin(["name", "surname"])]
    return sorted(set(named["speaker_text"].fillna("").astype(str)) - {""})


def plot_stacked(table: pd.DataFrame, colors: dict[str, str], shares: bool = True, label_colors: dict[str, str] | None = None,
                 ax=None):
    """Horizontal stacked bars, one per row of `table` (top to bottom), one segment per column in `colors`
    (grey for others); as shares of each row's total, or counts. Legend below the figure; returns the axes."""
    import matplotlib.pyplot as plt  # drawing only: importing here keeps the helpers light
    ax = ax or plt.gca()
    values = table.div(table.sum(axis=1).where(table.sum(axis=1) > 0, 1), axis=0) if shares else table
    left = np.zeros(len(table))
    for column in table.columns:
        ax.barh(range(len(table)), values[column].to_numpy(), left=left, color=colors.get(column, OTHER_COLOR), label=column)
        left += values[column].to_numpy()
    ax.set_yticks(range(len(table)), table.index)
    ax.invert_yaxis()
    for label in ax.get_yticklabels():
        label.set_color((label_colors or {}).get(label.get_text(), "black"))
    ax.figure.legend(*ax.get_legend_handles_labels(), loc="upper center", bbox_to_anchor=(0.5, 0.0), fontsize=8,
                     ncol=len(table.columns))
    return ax


def plot_count_grid(table: pd.DataFrame, row_colors: dict[str, str] | None = None,
                    column_colors: dict[str, str] | None = None, ax=None):
    """A grey heatmap of counts with each non-zero count written in its cell; tick labels coloured by
    `row_colors` / `column_colors` (e.g. outlet colours). Returns the axes."""
    import matplotlib.pyplot as plt  # drawing only: importing here keeps the helpers light
    ax = ax or plt.gca()
    values = table.to_numpy()
    ax.imshow(values, cmap="Greys", vmin=0, vmax=max(1, values.max(initial=0)) * 1.4, aspect="auto")
    for (i, j), v in np.ndenumerate(values):
        if v:
            ax.text(j, i, str(v), ha="center", va="center", fontsize=9)
    ax.set_xticks(range(len(table.columns)), table.columns, rotation=35, ha="right")
    ax.set_yticks(range(len(table.index)), table.index)
    for labels, colors in ((ax.get_yticklabels(), row_colors), (ax.get_xticklabels(), column_colors)):
        for label in labels:
            label.set_color((colors or {}).get(label.get_text(), "black"))
    ax.grid(False)
    return ax
