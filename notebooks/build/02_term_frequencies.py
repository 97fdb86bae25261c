"""Build notebooks/02-term-frequencies.ipynb (cells only; run tests/run_notebooks.py --write to execute).

Usage: .venv/bin/python notebooks/build/02_term_frequencies.py
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parent.parent / "02-term-frequencies.ipynb"

SETUP = '''import sys
from pathlib import Path

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
sys.path.insert(0, str(ROOT))

import helpers

helpers.use_house_style()'''

CELLS = [
    ("md", '''# Which words set each outlet's Soledar coverage apart?

This notebook counts the words of every article in `corpus/` (the five seed articles on the January 2023
battle for Soledar, one per outlet) and asks which words each outlet uses more, or less, than the others.
It gives the views Voyant, AntConc and quanteda give — frequencies per 10,000 tokens with range and
Gries' DP, n-grams, keyness (log-likelihood G² with p, Log Ratio, %DIFF, BIC and weighted log-odds),
concordance lines and collocates — plus what they do not: which spelling of each name an outlet uses,
a clue to where its copy came from. A word counts as *key* only if |G²| reaches the stricter of 15.13
(p < 0.0001) and the Bonferroni critical value over the vocabulary, occurs at least 3 times on the side
it is key for, and appears in at least 2 articles; all three are parameters below.'''),
    ("code", SETUP),
    ("code", '''TOP_N = 8  # words per outlet in the top-terms chart
MIN_G2 = None  # None: the stricter of 15.13 (p < 0.0001) and the Bonferroni critical value
MIN_FREQ = 3  # a key word occurs at least this often on the side it is key for
MIN_RANGE = 2  # ... and in at least this many articles
EXPLORATORY_G2 = 6.63  # p < 0.01: only marks bars in the candidates chart, never makes a key word
CANDIDATES_PER_SIDE = 4  # bars per outlet and direction in the candidates chart
HEATMAP_TERMS = 14  # most frequent content words in the outlet x term heatmap
DISPERSION_WORDS = ["Soledar", "Bakhmut", "Wagner"]  # known spelling variants are included
KWIC_QUERY = "Wagner"
COLLOCATE_NODE = "Soledar"
COLLOCATE_WINDOW = 5
COLLOCATE_MIN_FREQ = 3
CLOUD_WORDS = 40  # words per cloud
CLOUD_TABLE_ROWS = 12  # rows of the ranked table drawn beside each cloud'''),
    ("code", '''import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

articles = helpers.load_corpus(ROOT / "corpus")
ORDER = helpers.outlet_order(articles)
COLORS = helpers.outlet_colors(articles)
N_ARTICLES, N_TOKENS = len(articles), int(articles["n_words"].sum())
articles[["outlet", "date", "wire_source", "n_words"]]'''),
    ("md", '''## How words are counted

A token is a word, a number or a hyphenated compound ("Russian-installed"); a possessive *'s* is a token of
its own, curly apostrophes count as straight ones, and "U.S." is one token. Words are counted case-folded;
the `display` column shows the most frequent written form away from sentence starts, so names keep
their capitals. **Every rate is per 10,000 tokens, counted before stop words are removed.** Stop words
are an explicit, versioned list (`newslens/data/stopwords.txt`, printed below). Reporting verbs such as
*said* are not stop words: they stay in every table, and only the word clouds leave them out.'''),
    ("code", '''stop = helpers.stopwords()
print(helpers.stopword_version())
print(f"{len(stop)} stop words:", ", ".join(stop))
print(f"\\nLeft out of word clouds only ({len(helpers.cloud_excluded_words())}):", ", ".join(helpers.cloud_excluded_words()))'''),
    ("md", '''## Soledar is a top-three content word in four outlets; Maa Bhakti, a month later, never names it'''),
    ("code", '''freq = helpers.frequencies(articles, drop_stopwords=True, drop_numbers=True)
top = freq.groupby("outlet", sort=False).head(TOP_N)
top[["outlet", "display", "count", "per_10k", "range", "n_tokens"]]'''),
    ("code", '''fig, axes = plt.subplots(1, len(ORDER), figsize=(14, 3.6), sharex=True)
for ax, outlet in zip(axes, ORDER):
    rows = top[top["outlet"] == outlet].iloc[::-1]
    ax.barh(rows["display"], rows["per_10k"], color=COLORS[outlet])
    for y, (rate, count) in enumerate(zip(rows["per_10k"], rows["count"])):
        ax.text(rate, y, f" {count}", va="center", fontsize=8)
    ax.set_title(outlet, fontsize=10, color=COLORS[outlet])
    ax.set_xlabel("per 10,000 tokens")
fig.suptitle(f"Soledar tops SOFREP; Maa Bhakti is about Bakhmut and quotes (\\"said\\") (N={N_ARTICLES} articles, "
             f"{N_TOKENS:,} tokens; labels are counts)", x=0.01, ha="left", fontweight="bold")
fig.subplots_adjust(left=0.07, right=0.99, top=0.82, bottom=0.15, wspace=0.75);'''),
    ("code", '''rank = {(o, t): r for o, t, r in zip(top["outlet"], top["term"], top.groupby("outlet", sort=False).cumcount() + 1)}
soledar_top3 = [o for o in ORDER if rank.get((o, "soledar"), 99) <= 3]
soledar_maa = freq[(freq["outlet"] == "Maa Bhakti") & (freq["term"] == "soledar")]["count"].sum()
print("Soledar in the top 3:", soledar_top3, "| Soledar in Maa Bhakti:", soledar_maa)'''),
    ("md", '''Four of the five outlets have *Soledar* among their three most frequent content words; Maa Bhakti, published
on 16 February, does not use it once, and its most frequent content word is *said* (16 times).'''),
    ("code", '''assert len(soledar_top3) == 4 and "Maa Bhakti" not in soledar_top3
assert soledar_maa == 0
assert top[top["outlet"] == "Maa Bhakti"].iloc[0][["term", "count"]].tolist() == ["said", 16]'''),
    ("md", '''## Only two words pass the keyness filter, both for Maa Bhakti: five articles are too few for more

Each outlet is compared with the other four together. The table says how many of the terms tested reach
the threshold and how many the frequency and range conditions then remove.'''),
    ("code", '''key = helpers.keyness(articles, min_g2=MIN_G2, min_freq=MIN_FREQ, min_range=MIN_RANGE)
summary = helpers.keyness_summary(key)
summary'''),
    ("code", '''KEY_COLUMNS = ["target", "display", "f_target", "f_reference", "per_10k_target", "per_10k_reference",
               "range", "g2", "g2_2cell", "p", "log_ratio", "pct_diff", "bic", "log_odds_z"]
kept = helpers.key_terms(key, top=None, side="both")
kept[KEY_COLUMNS]'''),
    ("md", '''With 1,103 terms tested per outlet, the Bonferroni value (G² ≥ 16.63) is stricter than 15.13. Only two
rows pass, both for Maa Bhakti: it over-uses *said* (16 times against 9 in the other four articles) and
under-uses *Soledar* (0 against 36). No outlet has a significant key word that the frequency or range
condition had to remove.'''),
    ("code", '''assert summary["n_terms"].eq(1103).all() and round(summary["g2_threshold"].iloc[0], 2) == 16.63
assert summary["n_kept"].sum() == 2 and summary["n_removed"].sum() == 0
assert kept[["target", "term", "f_target", "f_reference"]].values.tolist() == [
    ["Maa Bhakti", "soledar", 0, 36], ["Maa Bhakti", "said", 16, 9]]'''),
    ("md", '''## Below the threshold, the candidates tell each outlet's angle: SOFREP's "war", Amsterdam Times' "Bakhmout"

The strongest over- and under-used content words per outlet, significant or not. ** marks a key word
(passes the filter), * a word with p < 0.01 that does not; numbers are counts in the outlet vs the rest.'''),
    ("code", '''content = key[~key["is_stopword"] & ~key["is_number"]]
over = content[content["g2"] > 0].groupby("target", sort=False).head(CANDIDATES_PER_SIDE)
under = content[content["g2"] < 0].sort_values(["g2", "term"], kind="stable").groupby("target", sort=False).head(CANDIDATES_PER_SIDE)
candidates = pd.concat([over, under]).assign(
    mark=lambda t: np.where(t["passes_filter"], "**", np.where(t["g2"].abs() >= EXPLORATORY_G2, "*", "")))
candidates = candidates.assign(_o=candidates["target"].map(ORDER.index)).sort_values(
    ["_o", "g2", "term"], ascending=[True, False, True], kind="stable").drop(columns="_o")
candidates[["target", "display", "f_target", "f_reference", "g2", "p", "log_ratio", "mark"]]'''),
    ("code", '''fig, axes = plt.subplots(1, len(ORDER), figsize=(15, 4.2), sharex=True)
threshold = key["g2_threshold"].iloc[0]
for ax, outlet in zip(axes, ORDER):
    rows = candidates[candidates["target"] == outlet].iloc[::-1]
    colors = [COLORS[outlet] if g > 0 else "#9E9E9E" for g in rows["g2"]]
    ax.barh(range(len(rows)), rows["g2"], color=colors)
    ax.set_yticks(range(len(rows)), rows["display"], fontsize=8)
    for y, (g, ft, fr, mark) in enumerate(zip(rows["g2"], rows["f_target"], rows["f_reference"], rows["mark"])):
        ax.text(max(g, 0), y, f" {ft} vs {fr} {mark}", va="center", ha="left", fontsize=7)
    ax.set_xlim(-threshold * 1.35, threshold * 1.6)
    for x in (threshold, -threshold):
        ax.axvline(x, color="black", linestyle="--", linewidth=0.8)
    ax.axvline(0, color="black", linewidth=0.6)
    ax.set_title(outlet, fontsize=10, color=COLORS[outlet])
    ax.set_xlabel("signed G² (vs rest)")
fig.suptitle(f"Few candidates reach the dashed threshold (G² = {threshold:.2f}): SOFREP's \\"war\\" misses it narrowly "
             f"(N={N_ARTICLES} articles, {N_TOKENS:,} tokens)", x=0.01, ha="left", fontweight="bold")
fig.subplots_adjust(left=0.08, right=0.99, top=0.85, bottom=0.13, wspace=0.9);'''),
    ("code", '''war = key[(key["target"] == "SOFREP") & (key["term"] == "war")].iloc[0]
bakhmout = key[(key["target"] == "Amsterdam Times") & (key["term"] == "bakhmout")].iloc[0]
print(f"SOFREP war: {war.f_target} vs {war.f_reference}, G2 {war.g2:.2f}; "
      f"Amsterdam Times Bakhmout: {bakhmout.f_target} vs {bakhmout.f_reference}, G2 {bakhmout.g2:.2f}")'''),
    ("md", '''SOFREP's *war* (11 times against 3 in the other four articles, G² 16.56) falls just short of the 16.63
threshold; Amsterdam Times' *Bakhmout* (4 against 0, G² 10.25) is a spelling, not a topic — see the
spelling-variant section.'''),
    ("code", '''assert (war.f_target, war.f_reference, round(war.g2, 2)) == (11, 3, 16.56) and not war.passes_filter
assert (bakhmout.f_target, bakhmout.f_reference, round(bakhmout.g2, 2)) == (4, 0, 10.25)'''),
    ("md", '''## Everyone writes Ukraine, Russian and military; "war" is almost only SOFREP's word'''),
    ("code", '''corpus_freq = helpers.frequencies(articles, by=None, drop_stopwords=True, drop_numbers=True)
heat_terms = corpus_freq.head(HEATMAP_TERMS)
heat = (freq[freq["term"].isin(heat_terms["term"])]
        .pivot_table(index="outlet", columns="term", values="count", fill_value=0)
        .reindex(index=ORDER, columns=heat_terms["term"]).astype(int))
rates = heat.div(articles.groupby("outlet")["n_words"].sum().reindex(ORDER), axis=0) * 10_000
heat_terms[["term", "display", "count", "per_10k", "range", "dp", "dp_norm"]]'''),
    ("code", '''fig, ax = plt.subplots(figsize=(11, 3.6))
ax.imshow(rates.to_numpy(), cmap="Blues", aspect="auto")
ax.set_xticks(range(len(heat.columns)), heat_terms["display"], rotation=45, ha="right")
ax.set_yticks(range(len(ORDER)), ORDER)
for tick, outlet in zip(ax.get_yticklabels(), ORDER):
    tick.set_color(COLORS[outlet])
for i in range(len(ORDER)):
    for j in range(len(heat.columns)):
        ax.text(j, i, int(heat.iat[i, j]), ha="center", va="center", fontsize=8,
                color="white" if rates.iat[i, j] > rates.to_numpy().max() * 0.6 else "black")
ax.grid(False)
ax.set_title(f"\\"War\\": 11 of 14 uses are SOFREP's (counts; shade = per 10,000 tokens; "
             f"N={N_ARTICLES} articles, {HEATMAP_TERMS} most frequent content words)");'''),
    ("code", '''war_row = heat_terms[heat_terms["term"] == "war"].iloc[0]
everywhere = heat.columns[(heat > 0).all()].tolist()
print("in every outlet:", everywhere, "| war:", heat.loc["SOFREP", "war"], "of", war_row["count"], "DP", round(war_row["dp"], 2))'''),
    ("md", '''Seven of the fourteen most frequent content words appear in every outlet; *war* is the most unevenly spread
(Gries' DP 0.52, 0 = even): 11 of its 14 uses are in SOFREP.'''),
    ("code", '''assert len(everywhere) == 7 and {"ukraine", "russian", "military"} <= set(everywhere)
assert (heat.loc["SOFREP", "war"], war_row["count"], round(war_row["dp"], 2)) == (11, 14, 0.52)
assert war_row["dp"] == heat_terms["dp"].max()'''),
    ("md", '''## Counting plurals with their singular (optional lemmas) lifts "city" above "war"

`lemmas=True` counts a regular plural (-s, -es, -ies) with its singular when the corpus contains the
singular; names and look-alikes such as *news* are never folded. The `forms` column says what was merged.'''),
    ("code", '''lemma_freq = helpers.frequencies(articles, by=None, drop_stopwords=True, drop_numbers=True, lemmas=True)
merged = lemma_freq[lemma_freq["forms"].str.contains("|", regex=False)]
merged.head(10)[["display", "count", "forms", "range", "dp"]]'''),
    ("md", '''Folding merges 38 plural/singular pairs among content words; the biggest is *city* (12 + 4 *cities* = 16),
which moves it above *war* (14) in the corpus ranking.'''),
    ("code", '''city = merged[merged["term"] == "city"].iloc[0]
assert len(merged) == 38 and (city["count"], city["forms"]) == (16, "cities|city")
rank_of = {t: i for i, t in enumerate(lemma_freq["term"])}
assert rank_of["city"] < rank_of["war"] and merged["count"].max() == 16'''),
    ("md", '''## Soledar runs through SOFREP and Amsterdam Times; Maa Bhakti speaks of Bakhmut from start to end'''),
    ("code", '''disp = helpers.dispersion(articles, DISPERSION_WORDS)
hits = (disp.groupby(["word", "outlet"]).size().unstack("outlet", fill_value=0)
        .reindex(index=DISPERSION_WORDS, columns=ORDER, fill_value=0))
hits'''),
    ("code", '''fig, axes = plt.subplots(1, len(DISPERSION_WORDS), figsize=(13, 3.2), sharey=True)
for ax, word in zip(axes, DISPERSION_WORDS):
    for y, outlet in enumerate(ORDER):
        pos = disp[(disp["word"] == word) & (disp["outlet"] == outlet)]["position"]
        ax.vlines(pos, y - 0.35, y + 0.35, color=COLORS[outlet], linewidth=1.5)
    ax.set_yticks(range(len(ORDER)), ORDER)
    ax.set_ylim(len(ORDER) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xlabel("position in the article (0 = start, 1 = end)")
    ax.set_title(f"{word} ({int(hits.loc[word].sum())} hits)", fontsize=10)
fig.suptitle(f"Where the three names occur in each article (N={N_ARTICLES} articles; spelling variants included)",
             x=0.01, ha="left", fontweight="bold")
fig.subplots_adjust(left=0.12, right=0.99, top=0.8, bottom=0.17, wspace=0.08);'''),
    ("md", '''*Soledar* appears 17 times in SOFREP and 10 in Amsterdam Times, from the first lines to the last; Maa Bhakti
has no *Soledar* but 9 *Bakhmut*; *Wagner* appears in only three outlets (5 times in all).'''),
    ("code", '''assert (hits.loc["Soledar", "SOFREP"], hits.loc["Soledar", "Amsterdam Times"]) == (17, 10)
assert (hits.loc["Soledar", "Maa Bhakti"], hits.loc["Bakhmut", "Maa Bhakti"]) == (0, 9)
assert (hits.loc["Wagner"] > 0).sum() == 3 and hits.loc["Wagner"].sum() == 5'''),
    ("md", '''## In context: how the outlets mention Wagner, and which words stand next to Soledar

Every count in the tables above opens into exactly that many concordance lines with `helpers.kwic`.'''),
    ("code", '''helpers.kwic(articles, KWIC_QUERY)[["outlet", "left", "match", "right", "position"]]'''),
    ("code", '''coll = helpers.collocates(articles, COLLOCATE_NODE, window=COLLOCATE_WINDOW, min_freq=COLLOCATE_MIN_FREQ,
                          drop_stopwords=True, drop_numbers=True)
coll[["display", "f_pair", "f_left", "f_right", "f_collocate", "logdice", "mi", "t_score"]]'''),
    ("md", '''Within five words of *Soledar*, *Russian* is the strongest collocate (7 times, logDice 11.81), ahead of
*even* (as in "even Soledar") and *Bakhmut*.'''),
    ("code", '''assert coll.iloc[0][["collocate", "f_pair"]].tolist() == ["russian", 7] and round(coll.iloc[0]["logdice"], 2) == 11.81
assert coll["collocate"].tolist()[:3] == ["russian", "even", "bakhmut"]'''),
    ("md", '''## Repeated phrases: "war crimes" is SOFREP's, "Defense Ministry" everyone's'''),
    ("code", '''bigrams = helpers.ngrams(articles, n=2, by=None, min_count=3)
bigrams[["display", "count", "per_10k", "range", "dp"]]'''),
    ("code", '''trigrams = helpers.ngrams(articles, n=3, by=None, min_count=2)
trigrams[["display", "count", "range"]]'''),
    ("md", '''Three bigrams occur four times: *Defense Ministry* (in three articles), *Ukrainian military* (two) and
*war crimes* — all four in SOFREP.'''),
    ("code", '''four = bigrams[bigrams["count"] == 4]
assert four["term"].tolist() == ["defense ministry", "ukrainian military", "war crimes"]
assert four["range"].tolist() == [3, 2, 1] and bigrams["count"].max() == 4'''),
    ("md", '''## Spellings point to where the copy came from: Bakhmout in Amsterdam Times, Kiev and Malyar in Maa Bhakti

Known variant groups live in `newslens/data/spelling_variants.csv` (editable). The chart shows, for each
group at least two outlets mention, the share of each outlet's mentions written in each form.'''),
    ("code", '''variants = helpers.spelling_variants(articles)
used = variants[variants["count"] > 0]
used[["outlet", "group", "variant", "origin", "count", "share"]]'''),
    ("code", '''outlets_per_group = used.groupby("group")["outlet"].nunique()
shown = sorted(outlets_per_group[outlets_per_group >= 2].index)
GREYS = ["#BDBDBD", "#424242", "#000000", "#757575", "#E0E0E0"]
fig, axes = plt.subplots(1, len(shown), figsize=(14, 3.2), sharey=True)
for ax, group in zip(axes, shown):
    rows = variants[variants["group"] == group]
    forms = list(dict.fromkeys(rows["variant"]))
    left = np.zeros(len(ORDER))
    for k, form in enumerate(forms):
        share = rows[rows["variant"] == form].set_index("outlet")["share"].reindex(ORDER).fillna(0).to_numpy()
        count = rows[rows["variant"] == form].set_index("outlet")["count"].reindex(ORDER).to_numpy()
        ax.barh(range(len(ORDER)), share, left=left, color=GREYS[k % len(GREYS)])
        for y in np.flatnonzero(count):
            ax.text(left[y] + share[y] / 2, y, f"{form} {count[y]}", ha="center", va="center", fontsize=7,
                    color="black" if k == 0 else "white")
        left += share
    ax.set_yticks(range(len(ORDER)), ORDER)
    for tick, outlet in zip(ax.get_yticklabels(), ORDER):
        tick.set_color(COLORS[outlet])
    ax.set_ylim(len(ORDER) - 0.5, -0.5)
    ax.set_xlim(0, 1)
    ax.set_xticks([0, 0.5, 1], ["0", "½", "all"])
    ax.set_title(group, fontsize=10)
    ax.set_xlabel("share of mentions")
fig.suptitle(f"Three outlets use a non-standard form of at least one name (N={N_ARTICLES} articles; "
             "empty bar = name not mentioned)", x=0.01, ha="left", fontweight="bold")
fig.subplots_adjust(left=0.12, right=0.99, top=0.8, bottom=0.17, wspace=0.12);'''),
    ("code", '''alternates = used[used["variant"] != used["group"]]
alternates[["outlet", "variant", "origin", "count"]]'''),
    ("md", '''Three outlets use a form other than the group's usual English one: Amsterdam Times writes *Bakhmout*
(French, AFP), Maa Bhakti *Kiev*, *Malyar* and *Donbass* (Russian-style), Eurasia Business Today *Zelenskyy*
(Ukraine's official form).'''),
    ("code", '''by_outlet = alternates.groupby("outlet")["variant"].apply(sorted).to_dict()
assert by_outlet.get("Amsterdam Times", [])[:1] == ["Bakhmout"] and "Prigojine" in by_outlet["Amsterdam Times"]
assert {"Kiev", "Malyar", "Donbass"} <= set(by_outlet["Maa Bhakti"])
assert by_outlet["Eurasia Business Today"] == ["Zelenskyy"]'''),
    ("md", '''The helper also proposes groups that are not in the file yet: capitalised words that become the same after
folding accents and common transliteration differences, or that differ by one letter.'''),
    ("code", '''proposals = helpers.propose_variant_groups(articles)
proposals'''),
    ("md", '''It finds six new pairs; the French-looking forms *Guerasimov*, *Baïevskiï*, *Valéri* and *Andreï* are all in
Amsterdam Times, which carries AFP copy — the same trail *Bakhmout* and *Prigojine* leave.'''),
    ("code", '''assert proposals["proposed_group"].nunique() == 6
french = helpers.kwic(articles, ["Guerasimov", "Baïevskiï", "Valéri", "Andreï"])
assert len(french) == 4 and set(french["outlet"]) == {"Amsterdam Times"}'''),
    ("md", '''## Word clouds: each cloud next to the ranked table it draws

Each cloud is drawn from the project's own counts (not the word-cloud library's tokenizer), one outlet per
cloud in its house colour. **Left out of the clouds** (still counted in every table): stop words, numbers
and the reporting verbs listed in `newslens/data/cloud_exclude.txt` (printed near the top).'''),
    ("code", '''clouds = helpers.cloud_frequencies(articles, top=CLOUD_WORDS)
ranked = clouds[clouds["rank"] <= CLOUD_TABLE_ROWS].assign(word=lambda t: t["display"] + " (" + t["count"].astype(str) + ")")
ranked.pivot(index="rank", columns="outlet", values="word")[ORDER]'''),
    ("code", '''fig, axes = plt.subplots(len(ORDER), 2, figsize=(10, 2.4 * len(ORDER)), gridspec_kw={"width_ratios": [1, 1.4]})
for (ax_table, ax_cloud), outlet in zip(axes, ORDER):
    rows = clouds[clouds["outlet"] == outlet]
    shown_rows = rows.head(CLOUD_TABLE_ROWS).iloc[::-1]
    ax_table.barh(shown_rows["display"], shown_rows["count"], color=COLORS[outlet])
    ax_table.tick_params(axis="y", labelsize=8)
    ax_table.set_xlabel("count")
    ax_table.set_title(f"{outlet}: top {CLOUD_TABLE_ROWS}", fontsize=10, color=COLORS[outlet])
    cloud = helpers.word_cloud(dict(zip(rows["display"], rows["count"])), COLORS[outlet], width=330, height=200)
    helpers.plot_word_cloud(cloud, ax=ax_cloud, title=f"{outlet}: {len(rows)} words")
fig.suptitle(f"Soledar is the biggest word for SOFREP, Ukraine for Maa Bhakti (N={N_ARTICLES} articles; "
             "reporting verbs left out)", x=0.01, ha="left", fontweight="bold")
fig.subplots_adjust(left=0.13, right=0.99, top=0.93, bottom=0.04, hspace=0.45, wspace=0.12);'''),
    ("md", '''Without the reporting verbs, Maa Bhakti's biggest word is *Ukraine* (12) rather than *said*; SOFREP's is
*Soledar* (17).'''),
    ("code", '''firsts = clouds[clouds["rank"] == 1].set_index("outlet")
assert firsts.loc["Maa Bhakti", ["term", "count"]].tolist() == ["ukraine", 12]
assert firsts.loc["SOFREP", ["term", "count"]].tolist() == ["soledar", 17]
assert "said" not in set(clouds["term"])'''),
    ("md", '''## A comparison cloud: each word with the outlet whose rate most exceeds the five-outlet mean'''),
    ("code", '''comparison = helpers.comparison_cloud_terms(articles, top=60)
comparison.head(15)'''),
    ("code", '''fig, ax = plt.subplots(figsize=(10, 4.6))
helpers.plot_word_cloud(helpers.comparison_word_cloud(comparison, COLORS), ax=ax)
handles = [plt.Rectangle((0, 0), 1, 1, color=COLORS[o]) for o in ORDER]
ax.legend(handles, ORDER, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=9)
ax.set_title(f"The two shortest articles own most words (N={N_ARTICLES} articles, top {len(comparison)} "
             "words by rate above the mean)");'''),
    ("code", '''owners = comparison["outlet"].value_counts().reindex(ORDER, fill_value=0)
owners'''),
    ("md", '''The two shortest articles get most of the 60 words — Eurasia Business Today 20 and Good Time Invest 17 — because
each of their words is a larger share of a short text; Amsterdam Times, the longest, gets 4. Good Time
Invest's battle vocabulary (*fierce*, *fighters*, *fighting*) sits far above the mean.'''),
    ("code", '''assert owners.tolist() == [20, 17, 4, 9, 10] and len(comparison) == 60
assert owners.idxmin() == articles.loc[articles["n_words"].idxmax(), "outlet"] == "Amsterdam Times"
assert {"fierce", "fighters", "fighting"} <= set(comparison[comparison["outlet"] == "Good Time Invest"]["term"])'''),
    ("md", '''## Limitations

- **Five articles, one per outlet.** Keyness compares one article with four; a word key for an "outlet" is
  key for one article. The range condition (≥ 2 articles) is counted over the whole comparison, because no
  outlet has two articles yet. Add articles to `corpus/` and rerun: the thresholds adapt to the vocabulary.
- **Rare words cannot be significant here.** With about 3,200 tokens, a word needs roughly 5+ uses in one
  article and none elsewhere to reach G² ≥ 16.63; the candidates chart shows what falls below.
- **Lemmas are optional and only fold regular plurals** (-s, -es, -ies) onto a singular the corpus contains:
  verb forms (*attacked*, *fighting*) stay apart, as do irregular plurals; names are never merged except
  through the spelling-variant file. Every other table in this notebook counts forms as written.
- **Tokens are English rules.** Hyphenated compounds are one token ("Russian-backed"), so they do not add to
  *Russian*; "it's" splits like a possessive.
- **Spelling variants** are matched as whole tokens; the proposals are only suggestions (one-letter
  differences can join two different names) — check them with `helpers.kwic` before adding to the file.
- **Word clouds** show size, not significance; the comparison cloud favours short articles, whose every
  word is a larger share. Read them next to the ranked tables and the keyness tables, never alone.'''),
]


def build() -> nbformat.NotebookNode:
    """The notebook, cells only (no outputs)."""
    nb = new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS]
    return nb


if __name__ == "__main__":
    nbformat.write(build(), OUT)
    print(f"wrote {OUT.name}")
