"""Summaries of the word tables that notebooks 02 and 05 state as findings, on any corpus.

Each function takes tables that `newslens.terms` and `newslens.explore` return (frequencies,
keyness, KWIC lines, spelling variants, cloud words) and picks out what a finding states: the word
that most outlets rank near the top, the candidates just below the keyness threshold, the word
spread least evenly, the plural folds that change the ranking, the words of a parameter that occur
in the corpus (with a computed fallback when none does), the phrases repeated most, the outlets
that write a name their own way, and the outlet with the strongest key word. The notebooks write
their sentences from these tables, so the sentences hold on whatever corpus is loaded;
tests/test_findings_02_terms.py and tests/test_findings_05_explore.py check them on the seed
corpus. `panel_grid` lays out small multiples that stay legible for one outlet or forty.
Used by notebooks 02-term-frequencies and 05-explore.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

import numpy as np
import pandas as pd

from newslens.columns import plain
from newslens.explore import outlet_key_terms
from newslens.findings import listing, plural
from newslens.style import PALETTE, outlet_order, pool_outlets
from newslens.terms import dispersion, frequencies, name_like_terms

PANEL_COLUMNS = 4  # small multiples per row
TITLE_INCHES = 0.6  # room above a grid of panels for its title
EXPLORATORY_G2 = 6.63  # p < 0.01: marks a candidate, never makes a key word


def count_of(k: int, n: int, noun: str) -> str:
    """'all 5 outlets', 'both outlets', 'none of the 5 outlets', '3 of the 5 outlets' ('the one outlet' if n is 1)."""
    if n == 1:
        return f"the one {noun}" if k else f"no {noun}"
    if k == n:
        return f"both {noun}s" if n == 2 else f"all {plural(n, noun)}"
    return f"none of the {plural(n, noun)}" if k == 0 else f"{k:,} of the {plural(n, noun)}"


def capped_listing(items: Iterable[object], cap: int, rest: str = "more") -> str:
    """`listing` of the first `cap` items, then "and N more" for the rest ('A, B and 3 more')."""
    words = [str(i) for i in items]
    if len(words) <= cap:
        return listing(words)
    return listing(words[:cap] + [f"{len(words) - cap:,} {rest}"])


@dataclass
class TopTermReach:
    """The word that the most groups rank among their few most frequent, and each group's stand."""
    term: str
    display: str
    n_groups: int  # groups that rank it among their top `top`
    tied: bool  # another word is in as many groups' top `top`
    groups: pd.DataFrame  # one row per group: <by>, rank (0 = absent), count, top_term, top_display, top_count


def top_term_reach(freq: pd.DataFrame, top: int = 3, by: str = "outlet") -> TopTermReach | None:
    """The word among the `top` most frequent of the most groups (ties: corpus count, then term); None if no words."""
    if freq.empty:
        return None
    ranked = freq.assign(rank=freq.groupby(by, sort=False, observed=True).cumcount() + 1)
    reach = ranked.loc[ranked["rank"] <= top, "term"].value_counts()
    reach = reach[reach > 0]  # (a categorical column also counts the terms the filter left out)
    total = freq.groupby("term", observed=True)["count"].sum()
    best = min(reach.index, key=lambda t: (-reach[t], -total[t], t))
    firsts = ranked[ranked["rank"] == 1].set_index(by)
    hits = ranked[ranked["term"] == best].set_index(by)
    groups = pd.DataFrame({by: list(firsts.index)})
    groups["rank"] = groups[by].map(hits["rank"]).fillna(0).astype(np.int64)
    groups["count"] = groups[by].map(hits["count"]).fillna(0).astype(np.int64)
    groups["top_term"] = groups[by].map(firsts["term"])
    groups["top_display"] = groups[by].map(firsts["display"])
    groups["top_count"] = groups[by].map(firsts["count"]).astype(np.int64)
    display = freq.loc[freq["term"] == best, "display"].iloc[0]
    return TopTermReach(best, display, int(reach[best]), bool((reach == reach[best]).sum() > 1), groups)


def keyness_candidates(keyness_table: pd.DataFrame, per_side: int = 4,
                       exploratory_g2: float = EXPLORATORY_G2) -> pd.DataFrame:
    """Each target's strongest over- and under-used content words, significant or not.

    `per_side` rows per target and direction; `mark` is "**" for a key word (passes the filter),
    "*" for |g2| >= exploratory_g2 that does not pass, else "". Sorted by target (table order),
    g2 descending, term."""
    content = keyness_table[~keyness_table["is_stopword"] & ~keyness_table["is_number"]]
    over = content[content["g2"] > 0].sort_values(["g2", "term"], ascending=[False, True], kind="stable")
    under = content[content["g2"] < 0].sort_values(["g2", "term"], kind="stable")
    rows = pd.concat([over.groupby("target", sort=False, observed=True).head(per_side),
                      under.groupby("target", sort=False, observed=True).head(per_side)])
    rows = rows.assign(mark=np.where(rows["passes_filter"], "**",
                                     np.where(rows["g2"].abs() >= exploratory_g2, "*", "")))
    position = {t: i for i, t in enumerate(dict.fromkeys(keyness_table["target"]))}
    rows = rows.assign(_t=plain(rows["target"]).map(position)).sort_values(
        ["_t", "g2", "term"], ascending=[True, False, True], kind="stable")
    return rows.drop(columns="_t").reset_index(drop=True)


def strongest_near_miss(candidates: pd.DataFrame) -> pd.Series | None:
    """The over-used candidate with the highest G2 that does not pass the filter (ties: target, term); None if none."""
    misses = candidates[(candidates["g2"] > 0) & ~candidates["passes_filter"]]
    if misses.empty:
        return None
    return misses.sort_values(["g2", "target", "term"], ascending=[False, True, True], kind="stable").iloc[0]


def outlet_term_matrix(freq: pd.DataFrame, articles: pd.DataFrame, terms: Iterable[str],
                       by: str = "outlet") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(counts, rates per 10,000 tokens) of `terms` as groups x terms tables, groups in house order."""
    terms = list(terms)
    order = outlet_order(articles) if by == "outlet" else list(dict.fromkeys(articles[by]))
    counts = (freq[freq["term"].isin(terms)]
              .pivot_table(index=by, columns="term", values="count", fill_value=0, aggfunc="sum")
              .reindex(index=order, columns=terms, fill_value=0).astype(np.int64))
    tokens = articles.groupby(by, observed=True)["n_words"].sum().reindex(order)
    rates = counts.div(tokens.where(tokens > 0), axis=0).fillna(0.0) * 10_000
    return counts, rates


@dataclass
class Spread:
    """How the most frequent words spread: the ones in every group, and the least even one."""
    everywhere: list[str]  # terms with a count in every group, in corpus rank order
    term: str  # the term with the highest Gries' DP (ties: count desc, term)
    display: str
    dp: float
    count: int
    top_group: str  # the group with most of its uses (ties: house order)
    top_count: int


def term_spread(counts: pd.DataFrame, corpus_terms: pd.DataFrame) -> Spread | None:
    """`Spread` of the terms in `counts` (groups x terms), with DP and counts from `corpus_terms`; None if no term."""
    if counts.empty or corpus_terms.empty:
        return None
    everywhere = [t for t in corpus_terms["term"] if t in counts and (counts[t] > 0).all()]
    row = corpus_terms.sort_values(["dp", "count", "term"], ascending=[False, False, True], kind="stable").iloc[0]
    column = counts[row["term"]]
    top_group = column.idxmax()
    return Spread(everywhere, row["term"], row["display"], float(row["dp"]), int(row["count"]),
                  str(top_group), int(column[top_group]))


def lemma_gains(corpus_freq: pd.DataFrame, lemma_freq: pd.DataFrame) -> pd.DataFrame:
    """The words that folding plurals merged, biggest first (ties: term), and how their rank moved.

    `corpus_freq` and `lemma_freq` are `frequencies(by=None, ...)` without and with lemmas=True.
    Columns: term, display, count, forms, form_counts ("city 12 + cities 4"), rank_before (of the
    term's own form), rank_after, overtaken (display of the most frequent word it moved above;
    "" if none), overtaken_count."""
    merged = lemma_freq[lemma_freq["forms"].str.contains("|", regex=False)]
    terms = corpus_freq["term"].tolist()
    count_of = dict(zip(terms, corpus_freq["count"]))
    display_of = dict(zip(terms, corpus_freq["display"]))
    before_of = {t: i + 1 for i, t in enumerate(terms)}
    after_of = {t: i + 1 for i, t in enumerate(lemma_freq["term"])}
    before = np.arange(1, len(terms) + 1)
    after = np.array([after_of.get(t, 0) for t in terms])  # 0: folded into another word
    rows = []
    for term, display, count, forms in zip(merged["term"], merged["display"], merged["count"], merged["forms"]):
        parts = sorted(forms.split("|"), key=lambda f: (f != term, -count_of.get(f, 0), f))
        rank_before = before_of.get(term, 0)
        passed = np.flatnonzero((before < (rank_before or len(terms) + 1)) & (after > after_of[term]))
        first = terms[passed[0]] if len(passed) else ""
        rows.append((term, display, int(count), forms,
                     " + ".join(f"{display_of.get(f, f)} {count_of.get(f, 0):,}" for f in parts),
                     rank_before, after_of[term], display_of.get(first, ""), int(count_of.get(first, 0))))
    out = pd.DataFrame(rows, columns=["term", "display", "count", "forms", "form_counts", "rank_before",
                                      "rank_after", "overtaken", "overtaken_count"])
    return out.sort_values(["count", "term"], ascending=[False, True], kind="stable").reset_index(drop=True)


@dataclass
class WordChoice:
    """The words a section shows: those asked for that occur, or a computed fallback."""
    words: list[str]
    n_asked: int
    n_missing: int  # asked-for words that do not occur
    basis: str  # "asked", "names" (most frequent names) or "words" (most frequent content words)


def frequent_names(articles: pd.DataFrame, n: int = 3) -> list[str]:
    """The `n` most frequent words written with a capital away from sentence starts (ties: term)."""
    return name_like_terms(articles)["display"].head(n).tolist()


def choose_words(articles: pd.DataFrame, words: str | Iterable[str] | None, n_fallback: int = 3,
                 variants: bool = False) -> WordChoice:
    """The asked-for words that occur (with known spelling variants if `variants`); if none does,
    the `n_fallback` most frequent names, else the most frequent content words."""
    asked = [words] if isinstance(words, str) else [w for w in (words or []) if isinstance(w, str)]
    asked = [w for w in asked if w.strip()]
    found = [w for w in asked if len(dispersion(articles, [w], variants=variants))]
    if found:
        return WordChoice(found, len(asked), len(asked) - len(found), "asked")
    names = frequent_names(articles, n_fallback)
    if names:
        return WordChoice(names, len(asked), len(asked), "names")
    content = frequencies(articles, by=None, drop_stopwords=True, drop_numbers=True)
    return WordChoice(content["display"].head(n_fallback).tolist(), len(asked), len(asked), "words")


def choice_sentence(choice: WordChoice, parameter: str) -> str:
    """One sentence on the words a `WordChoice` did not find and what the section shows instead
    ("" when every word asked for occurs). It never repeats the missing words: they belong to
    another corpus."""
    if choice.basis == "asked":
        if not choice.n_missing:
            return ""
        return (f"{choice.n_missing} of the {choice.n_asked} words set in `{parameter}` do not occur in this corpus; "
                "the section shows the others.")
    asked = (f"`{parameter}` is empty" if not choice.n_asked else
             f"the word set in `{parameter}` does not occur in this corpus" if choice.n_asked == 1 else
             f"none of the words set in `{parameter}` occurs in this corpus")
    if not choice.words:
        return f"{asked[0].upper()}{asked[1:]}, and the corpus has no content word to show instead."
    kind = "name" if choice.basis == "names" else "content word"
    what = f"its most frequent {kind}" if len(choice.words) == 1 else f"its {len(choice.words)} most frequent {kind}s"
    shown = ", ".join(f"*{w}*" for w in choice.words)
    return (f"{asked[0].upper()}{asked[1:]}, so this section shows {what} instead: {shown} "
            f"(set `{parameter}` in the parameters cell to choose).")


def dispersion_hits(disp: pd.DataFrame, words: list[str], order: list[str]) -> pd.DataFrame:
    """Hits of each word (rows, as given) in each outlet (columns, in `order`), zeros included."""
    return (disp.groupby(["word", "outlet"], observed=True).size().unstack("outlet", fill_value=0)
            .reindex(index=words, columns=order, fill_value=0).astype(np.int64))


def ngram_leaders(table: pd.DataFrame, by_group: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """The n-grams of `table` (an `ngrams(by=None)` table) at its highest count, with the groups
    using each (`by_group`: the same n-grams by group), in table order. Adds column `groups` (list)."""
    if table.empty:
        return table.assign(groups=[])
    leaders = table[table["count"] == table["count"].max()]
    order = list(dict.fromkeys(by_group[by]))
    used = by_group[by_group["term"].isin(leaders["term"])]
    groups = used.groupby("term", observed=True)[by].agg(lambda g: sorted(set(g), key=order.index))
    groups_of = groups.to_dict()
    return leaders.assign(groups=[groups_of[t] for t in leaders["term"]]).reset_index(drop=True)


def variant_alternates(variants: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """The forms each group writes other than a variant group's label: one row per (group, form)
    used, in the variants table's group order, then form order of the file. Columns: <by>, group,
    variant, origin, count."""
    used = variants[(variants["count"] > 0) & (variants["variant"] != variants["group"])]
    order = {g: i for i, g in enumerate(dict.fromkeys(variants[by]))}
    used = used.assign(_g=used[by].map(order), _v=np.arange(len(used)))
    used = used.sort_values(["_g", "variant", "_v"], kind="stable")
    return used[[by, "group", "variant", "origin", "count"]].reset_index(drop=True)


def minority_forms(proposals: pd.DataFrame, freq: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """The less frequent forms of proposed variant groups and the groups that write them.

    `proposals` is `propose_variant_groups`; `freq` is `frequencies` by group. A form is a
    minority form unless it is its proposed group's label. Columns: <by>, variant, count (in that
    group). Sorted by group (freq order), variant."""
    if proposals.empty:
        return pd.DataFrame(columns=[by, "variant", "count"])
    minor = proposals[proposals["variant"] != proposals["proposed_group"]]
    rows = freq[freq["term"].isin(set(minor["term"]))]
    variant_of = dict(zip(minor["term"], minor["variant"]))
    order = {g: i for i, g in enumerate(dict.fromkeys(freq[by]))}
    rows = rows.assign(variant=rows["term"].map(variant_of), _g=rows[by].map(order))
    rows = rows.sort_values(["_g", "variant"], kind="stable")
    return rows[[by, "variant", "count"]].reset_index(drop=True)


def cloud_leaders(clouds: pd.DataFrame, freq: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Each group's biggest cloud word next to its most frequent content word (which the cloud may
    leave out: reporting verbs). Columns: <by>, display, count, top_display, top_count, same."""
    first = clouds[clouds["rank"] == 1].set_index(by)
    top = freq.groupby(by, sort=False, observed=True).head(1).set_index(by)
    out = pd.DataFrame({by: list(first.index)})
    out["display"] = out[by].map(first["display"])
    out["count"] = out[by].map(first["count"]).astype(np.int64)
    out["top_display"] = out[by].map(top["display"])
    out["top_count"] = out[by].map(top["count"]).astype(np.int64)
    out["same"] = plain(out[by].map(first["term"])) == plain(out[by].map(top["term"]))
    return out


def comparison_groups(articles: pd.DataFrame) -> pd.DataFrame:
    """The articles with outlets pooled so that a comparison cloud gives each group a colour a
    reader can tell apart: up to len(PALETTE) outlets as they are, else the largest ones pooled."""
    if articles["outlet"].nunique() <= len(PALETTE):
        return articles
    return pool_outlets(articles, len(PALETTE) - 1)


def comparison_owners(comparison: pd.DataFrame, articles: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """Words each group gets in a comparison cloud, with its size. Columns: <by>, words, n_tokens;
    groups in house order (zeros included)."""
    order = outlet_order(articles) if by == "outlet" else list(dict.fromkeys(articles[by]))
    words = comparison[by].value_counts().reindex(order, fill_value=0)
    tokens = articles.groupby(by, observed=True)["n_words"].sum().reindex(order, fill_value=0)
    return pd.DataFrame({by: order, "words": words.to_numpy(np.int64), "n_tokens": tokens.to_numpy(np.int64)})


def panel_grid(n: int, columns: int = PANEL_COLUMNS, size: tuple[float, float] = (3.6, 2.6), **kwargs):
    """A figure of `n` panels in rows of `columns` (fewer if n is smaller); extra axes hidden.

    Returns (figure, list of the n axes). The figure grows with the rows, so 40 outlets stay legible."""
    import matplotlib.pyplot as plt

    n = max(int(n), 1)
    cols = min(columns, n)
    rows = -(-n // cols)
    fig, axes = plt.subplots(rows, cols, figsize=(size[0] * cols, size[1] * rows + TITLE_INCHES), squeeze=False, **kwargs)
    flat = list(axes.ravel())
    for ax in flat[n:]:
        ax.set_visible(False)
    return fig, flat[:n]


def grid_title(fig, title: str) -> None:
    """Give a grid figure its title, top left, and lay the panels out below it."""
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    fig.tight_layout(rect=(0, 0, 1, 1 - TITLE_INCHES / fig.get_figheight()))


# ---------------------------------------------------------------- notebook 05


def concordance_rates(articles: pd.DataFrame, lines: pd.DataFrame) -> pd.DataFrame:
    """Concordance lines per outlet of `articles` (pooled or not), with words and lines per 10,000
    words. Columns: outlet, lines, words, per_10k; outlets in house order, zeros included."""
    outlet_of = dict(zip(articles["article_id"], articles["outlet"]))
    order = outlet_order(articles)
    hits = lines["article_id"].map(outlet_of).value_counts().reindex(order, fill_value=0)
    words = articles.groupby("outlet", observed=True)["n_words"].sum().reindex(order, fill_value=0)
    per_10k = (hits / words.where(words > 0) * 10_000).fillna(0.0)
    return pd.DataFrame({"outlet": order, "lines": hits.to_numpy(np.int64), "words": words.to_numpy(np.int64),
                         "per_10k": per_10k.round(1).to_numpy()})


def strongest_key_outlet(keyness_table: pd.DataFrame, measure: str = "g2", top: int = 15,
                         min_g2: float | None = None) -> str | None:
    """The target whose first key term (`outlet_key_terms`) scores highest on `measure` (ties: table
    order); None when no target has a key term."""
    best, best_score = None, -np.inf
    for target in dict.fromkeys(keyness_table["target"]):
        terms = outlet_key_terms(keyness_table, str(target), measure, top, min_g2)
        if len(terms) and terms["score"].iat[0] > best_score:
            best, best_score = str(target), float(terms["score"].iat[0])
    return best


def speaker_outlets(table: pd.DataFrame, articles: pd.DataFrame) -> pd.DataFrame:
    """A speaker's quotations (`speaker_quotes`) per outlet of `articles` (pooled or not) and kind:
    outlets in house order (only those quoting), one column per kind, and `total`."""
    outlet_of = dict(zip(articles["article_id"], articles["outlet"]))
    grouped = table.assign(outlet=table["article_id"].map(outlet_of))
    counts = grouped.groupby(["outlet", "kind"], observed=True).size().unstack(fill_value=0)
    counts = counts.reindex([o for o in outlet_order(articles) if o in counts.index])
    return counts.assign(total=counts.sum(axis=1)).astype(np.int64)
