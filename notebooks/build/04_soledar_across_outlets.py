"""Build notebooks/04-soledar-across-outlets.ipynb (cells only; run `make notebooks` for outputs).

Run from the project root: `.venv/bin/python notebooks/build/04_soledar_across_outlets.py`, then
`.venv/bin/python tests/run_notebooks.py --write 04-soledar-across-outlets.ipynb`.
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parent.parent / "04-soledar-across-outlets.ipynb"

SETUP = '''import sys
from pathlib import Path

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
sys.path.insert(0, str(ROOT))

import helpers

helpers.use_house_style()'''

cells = [
    new_markdown_cell("""# Five reports of the battle for Soledar: where do the outlets agree, where do they differ, and why?

This notebook lines up, outlet by outlet, what the five seed articles in `corpus/` say about the January
2023 battle for Soledar: the figures they report (and which ones clash), every sentence that claims who
controls the town (with a stance label made by written rules from `newslens/data/control_terms.csv`),
whose voices they quote and how, which wires and channels they name, how much text they share, and the
traces of translation each carries. Figures count as the same fact when they have the same unit and
counted thing and their sentences share a place or person name; control claims are sentences that name
the place and use control vocabulary within 12 words of it; shared passages are runs of at least
`SHARED_MIN_WORDS` identical words; distinctive words pass a log-likelihood test at p < 0.01 against the
other outlets. Change the parameters cell to follow another town or your own corpus."""),
    new_code_cell(SETUP),
    new_code_cell('''import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

CORPUS_DIR = ROOT / "corpus"  # point at another folder to compare your own articles
PLACE = "Soledar"  # the town whose control the claims table follows (spelling variants included)
DEFENDER = "Ukraine"  # the side a "holding"/"resistance" sentence without a named actor refers to
SHARED_MIN_WORDS = 5  # shortest run of identical words counted as a shared passage
COPY_MIN_WORDS = 8  # a run this long would suggest one text was copied from another
DISTINCTIVE = dict(min_g2=6.63, min_freq=2, min_range=1)  # G2 >= 6.63 is p < 0.01 (1 df)
TOP_WORDS = 5  # distinctive words shown per outlet
STANCE_MARKERS = {"Russian side in control": "^", "Ukrainian side holding": "s", "contested or unclear": "o"}
SIDE_COLORS = {"Ukraine": "#0057B7", "Russia": "#B22222", "West": "#7F7F7F", "Other": "#D9D9D9"}'''),
    new_code_cell('''articles = helpers.load_corpus(CORPUS_DIR)
quotes = helpers.extract_quotes(articles)
order = helpers.outlet_order(articles)
colors = helpers.outlet_colors(articles)
n_articles = len(articles)
articles[["outlet", "date", "n_words", "wire_source", "translated_from"]]'''),

    # ---------------------------------------------------------------- figures
    new_markdown_cell("## Three outlets give three different distances from Soledar to Bakhmut"),
    new_code_cell('''figures = helpers.extract_figures(articles, quotes)
facts = helpers.compare_figures(figures)
shared_facts = facts[facts["n_articles"] > 1][
    ["fact", "fact_label", "agree", "outlet", "quantity_text", "value", "unit", "qualifier", "speaker"]]
print(f"{len(figures)} quantities found, {int(figures['is_fact'].sum())} of them facts "
      f"(the rest are dates, years, times, ages); {shared_facts['fact'].nunique()} facts appear in more than one outlet")
shared_facts'''),
    new_code_cell('''distance_fact = facts[(facts["n_articles"] > 1) & (facts["dimension"] == "distance")]
distance = distance_fact[["outlet", "quantity_text", "qualifier", "value", "low", "high"]].copy()
distance["low"] = distance["low"].clip(lower=0)
distance["high"] = distance["high"].replace(np.inf, distance["value"].max() * 1.5)
distance["pos"] = [order.index(o) for o in distance["outlet"]]
distance = distance.sort_values("pos", ascending=False).reset_index(drop=True)

fig, ax = plt.subplots(figsize=(8, 2.6))
for y, row in distance.iterrows():
    ax.plot([row["low"], row["high"]], [y, y], color=colors[row["outlet"]], lw=6, alpha=0.35, solid_capstyle="butt")
    ax.plot(row["value"], y, "o", color=colors[row["outlet"]], ms=8)
    ax.annotate(f'"{row["quantity_text"]}"', (row["high"], y), xytext=(6, 0), textcoords="offset points", va="center", fontsize=9)
ax.set_yticks(range(len(distance)), distance["outlet"])
ax.set_xlim(0, distance["high"].max() * 1.6)
ax.set(xlabel="km (bar: the values the wording allows; dot: the number printed)", ylabel="",
       title=f"No single distance fits all {len(distance)} reports of Soledar–Bakhmut (N={len(distance)} articles)");
distance[["outlet", "quantity_text", "qualifier", "value", "low", "high"]]'''),
    new_markdown_cell("""The VOA rewrite says "around 10 kilometers", the AFP rewrite "15 km" and the Reuters rewrite "less than
10 km": no distance satisfies all three wordings, so the comparison flags the fact as a disagreement."""),
    new_code_cell('''assert len(distance) == 3 and not distance_fact["agree"].any()
assert sorted(distance["value"]) == [10, 10, 15]'''),
    new_markdown_cell("## Two outlets agree on about 10,000 pre-war inhabitants; only SOFREP counts the civilians left"),
    new_code_cell('''people = facts[facts["unit"] == "people"][
    ["fact_label", "n_articles", "agree", "outlet", "quantity_text", "value", "qualifier", "counted", "speaker"]]
people'''),
    new_code_cell('''population = facts[(facts["concept"] == "population") & (facts["n_articles"] > 1)]
remaining = facts[(facts["outlet"] == "SOFREP") & facts["concept"].isin(["civilians", "children"])]
assert population["outlet"].tolist() == ["Amsterdam Times", "SOFREP"] and population["agree"].all()
assert set(population["value"]) == {10000}
assert {559, 15} <= set(remaining["value"])'''),
    new_markdown_cell("""Amsterdam Times (AFP) and SOFREP (Reuters) both put Soledar's pre-war population at about 10,000. Only
SOFREP reports how many people were still there: "more than 500 civilians" in one sentence and, from the
Donetsk governor, 559 citizens including 15 children in the next."""),

    # ---------------------------------------------------------------- control claims
    new_markdown_cell(f"## Who holds Soledar? Only two claims say the Russian side is in control, each through a source"),
    new_code_cell('''claims = helpers.control_claims(articles, place=PLACE, quotes=quotes, defender=DEFENDER)
claims.assign(sentence=claims["sentence"].str.slice(0, 90))[
    ["outlet", "date", "stance", "claimed_by", "speaker_side", "matched", "rule", "sentence"]]'''),
    new_code_cell('''by_stance = pd.crosstab(pd.Categorical(claims["outlet"], categories=order),
                        pd.Categorical(claims["stance"], categories=list(STANCE_MARKERS)), dropna=False)
by_stance.index.name, by_stance.columns.name = "outlet", "stance"

fig, ax = plt.subplots(figsize=(8, 3.2))
claims_t = claims.assign(n=claims.groupby("outlet").cumcount())
for stance, marker in STANCE_MARKERS.items():
    sub = claims_t[claims_t["stance"] == stance]
    ax.scatter(sub["date"] + pd.to_timedelta(sub["n"] * 2, unit="h"), [order.index(o) for o in sub["outlet"]],
               marker=marker, s=60, c=[colors[o] for o in sub["outlet"]], label=stance, edgecolors="black", linewidths=0.4)
ax.set_yticks(range(len(order)), order)
ax.invert_yaxis()
ax.xaxis.set_major_locator(mdates.DayLocator())
ax.xaxis.set_major_formatter(mdates.DateFormatter("%b %d"))
handles = [plt.Line2D([], [], ls="", marker=m, color="#9E9E9E", markeredgecolor="black", label=s)
           for s, m in STANCE_MARKERS.items()]
ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0), fontsize=8)
ax.set(xlabel="publication date (claims of one article spread over the day in sentence order)", ylabel="",
       title=f"Claims about control of {PLACE}, by outlet and date (N={len(claims)} sentences in {claims['article_id'].nunique()} articles)")
fig.autofmt_xdate();
by_stance'''),
    new_markdown_cell("""Most sentences about control are contested or hypothetical. Only two say the Russian side is in control,
each put in a source's mouth: the British defence ministry ("probably now in control", Eurasia Business
Today) and the Wagner Group ("had taken Soledar", SOFREP). Sentences giving the Ukrainian side as holding
come from Amsterdam Times and SOFREP, most of them attributed to Ukrainian officials. The `matched` column
shows the words behind every label."""),
    new_code_cell('''russian = claims[claims["stance"] == "Russian side in control"]
holding = claims[claims["stance"] == "Ukrainian side holding"]
assert len(russian) == 2 and (russian["claimed_by"] != "(the outlet itself)").all()
assert set(holding["outlet"]) == {"Amsterdam Times", "SOFREP"} and (holding["speaker_side"] == "Ukraine").sum() > len(holding) / 2
assert by_stance.loc["Maa Bhakti"].sum() == 0  # the February article does not name Soledar
assert by_stance["contested or unclear"].sum() > len(claims) / 2'''),

    # ---------------------------------------------------------------- voices
    new_markdown_cell("## Whose voices? Amsterdam Times quotes the most, almost all of it in direct speech"),
    new_code_cell('''voices = helpers.speaker_counts(quotes, by="outlet")
side = voices["side"].where(voices["side"].isin(["Ukraine", "Russia", "West"]), "Other")
by_side = pd.crosstab(pd.Categorical(voices["outlet"], categories=order),
                      pd.Categorical(side, categories=list(SIDE_COLORS)), dropna=False)
by_side.index.name, by_side.columns.name = "outlet", "side"
speech = voices.groupby("outlet")[["direct", "indirect", "total"]].sum().reindex(order)
speech["direct_share"] = (speech["direct"] / speech["total"]).round(2)

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(10, 3.8), sharey=True)
by_side.plot.barh(stacked=True, ax=ax1, color=[SIDE_COLORS[s] for s in by_side.columns], width=0.7)
ax1.invert_yaxis()
ax1.set(xlabel="speakers quoted", ylabel="", title="Speakers by side")
ax1.legend(fontsize=8, ncol=4, loc="upper center", bbox_to_anchor=(0.5, -0.2))
ax2.barh(range(len(order)), speech["direct_share"], color=[colors[o] for o in order])
ax2.set_xlim(0, 1)
ax2.set(xlabel="share of quotations in direct speech", title="Direct speech")
fig.suptitle(f"{speech['total'].idxmax()} quotes the most, {speech['direct_share'].max():.0%} of it direct "
             f"(N={len(voices)} outlet-speaker pairs, {int(speech['total'].sum())} quotations)",
             x=0.01, y=1.04, ha="left", fontweight="bold");
by_side.join(speech)'''),
    new_markdown_cell("""Amsterdam Times carries the most quotations and is the only outlet that quotes mostly in direct
speech; SOFREP reports most of its voices indirectly. Eurasia Business Today and Good Time Invest quote
no Russian-side speaker at all."""),
    new_code_cell('''assert speech["total"].idxmax() == "Amsterdam Times" and speech["direct_share"].idxmax() == "Amsterdam Times"
assert speech.loc["SOFREP", "direct_share"] < 0.5
assert by_side.loc["Eurasia Business Today", "Russia"] == 0 and by_side.loc["Good Time Invest", "Russia"] == 0'''),

    # ---------------------------------------------------------------- sources
    new_markdown_cell("## Which wires and channels each outlet names, and what it credits to them"),
    new_code_cell('''sources = helpers.named_sources(articles, quotes)
source_counts = pd.crosstab(pd.Categorical(sources["outlet"], categories=order), sources["source"], dropna=False)
source_counts.index.name = "outlet"
source_counts'''),
    new_code_cell('''sources.assign(attributed=sources["attributed"].str.slice(0, 110))[["outlet", "source", "how", "attributed"]]'''),
    new_markdown_cell("""Each outlet names the channels it relies on in its own way: Amsterdam Times credits AFP twice (an
interview and "she told AFP") as well as Facebook and Telegram posts, Eurasia Business Today opens with
"VOA reports", and Maa Bhakti keeps Reuters' own caveat that it "was not able to verify" the Russian claim.
Good Time Invest names CNN, and its metadata also lists Maxar imagery, which the text names as "Maxar
Technology", a form that is not in the channel list."""),
    new_code_cell('''assert source_counts.loc["Amsterdam Times", "AFP"] == 2 and "Maxar" not in set(sources["source"])
assert sources[sources["outlet"] == "Eurasia Business Today"]["how"].tolist() == ["reports"]
assert "not able to verify" in " ".join(sources[(sources["outlet"] == "Maa Bhakti") & (sources["source"] == "Reuters")]["attributed"])'''),

    # ---------------------------------------------------------------- shared copy
    new_markdown_cell("## No outlet copies another: similarity is low and the longest shared passage is five words"),
    new_code_cell('''similarity = helpers.article_similarity(articles)
matrix = similarity.pivot(index="outlet_a", columns="outlet_b", values="cosine").reindex(index=order, columns=order)
off_diagonal = similarity[similarity["article_a"] != similarity["article_b"]]
top_pair = off_diagonal.sort_values(["cosine", "outlet_a", "outlet_b"], ascending=[False, True, True]).iloc[0]

fig, ax = plt.subplots(figsize=(6.5, 5))
im = ax.imshow(matrix.to_numpy(), cmap="Blues", vmin=0, vmax=1)
ax.set_xticks(range(len(order)), order, rotation=35, ha="right")
ax.set_yticks(range(len(order)), order)
ax.grid(False)
for i in range(len(order)):
    for j in range(len(order)):
        ax.text(j, i, f"{matrix.iat[i, j]:.2f}", ha="center", va="center", fontsize=9,
                color="white" if matrix.iat[i, j] > 0.6 else "black")
fig.colorbar(im, ax=ax, shrink=0.8, label="TF-IDF cosine")
ax.set_title(f"Most similar pair: {top_pair['outlet_a']} and {top_pair['outlet_b']} at {top_pair['cosine']:.2f} (N={n_articles} articles)");
matrix.round(3)'''),
    new_code_cell('''passages = helpers.shared_passages(articles, min_words=SHARED_MIN_WORDS)
copy = helpers.shared_copy(articles, passages)
copies = helpers.shared_passages(articles, min_words=COPY_MIN_WORDS)
passages[["outlet_a", "outlet_b", "n_words", "passage"]]'''),
    new_code_cell('''copy[copy["n_passages"] > 0].round(3)'''),
    new_markdown_cell(f"""The most similar pair, Amsterdam Times and SOFREP (rewrites of AFP and Reuters reports from the same
day), reaches a cosine of only 0.30, and no passage of eight or more words appears in two articles. The few five-word runs they share are stock phrases ("known for its salt mines", "the General
Staff of the") and one shared fact: AFP and Reuters both write "10,000 inhabitants before the war"."""),
    new_code_cell('''assert {top_pair["outlet_a"], top_pair["outlet_b"]} == {"Amsterdam Times", "SOFREP"} and round(top_pair["cosine"], 2) == 0.30
assert copies.empty and passages["n_words"].max() == 5
assert "10,000 inhabitants before the war" in passages["passage"].tolist()'''),

    # ---------------------------------------------------------------- translation
    new_markdown_cell("## Translation traces agree with the metadata: French in Amsterdam Times, Hindi in Maa Bhakti"),
    new_code_cell('''markers = helpers.translation_markers(articles)
marker_counts = markers.groupby("outlet")["marker"].nunique().reindex(order, fill_value=0)

fig, ax = plt.subplots(figsize=(8, 3))
ax.barh(range(len(order)), marker_counts, color=[colors[o] for o in order])
ax.set_yticks(range(len(order)), order)
ax.invert_yaxis()
ax.set(xlabel="distinct translation or romanisation markers", ylabel="",
       title=f"{marker_counts.idxmax()} carries the most translation traces ({marker_counts.max()} kinds; N={n_articles} articles)");
markers[["outlet", "translated_from", "marker", "kind", "examples", "count"]]'''),
    new_markdown_cell("""Amsterdam Times, which the metadata marks as translated from French, carries French transliterations
(Bakhmout, Prigojine, Tcherevaty, Andreï), "Mr. Zelensky" and AFP's "+ … +" quotation marks. Maa Bhakti
(Hindi) uses the Russian-based "Kiev" and "Donbass" and carries machine-translation debris ("Is.",
"Zelensky Said"). The two English rewrites of VOA and Reuters show at most one variant spelling."""),
    new_code_cell('''assert marker_counts.idxmax() == "Amsterdam Times"
assert {"Kiev for Kyiv", "stray Is. at sentence end"} <= set(markers[markers["outlet"] == "Maa Bhakti"]["marker"])
assert marker_counts[["Eurasia Business Today", "SOFREP"]].max() <= 1'''),

    # ---------------------------------------------------------------- summary
    new_markdown_cell("## One screen: each outlet's report side by side"),
    new_code_cell('''distinctive = helpers.distinctive_terms(articles, by="outlet", top=TOP_WORDS, **DISTINCTIVE)
summary = helpers.outlet_summary(articles, voices=voices, facts=facts, claims=claims,
                                 distinctive=distinctive, place=PLACE, top_words=TOP_WORDS)
summary.set_index("outlet").T'''),
    new_markdown_cell("""Read across a row to compare outlets: SOFREP mentions Soledar most often per 10,000 words and carries
the widest range of claims; Maa Bhakti, a month later, no longer mentions the town; each of the three
outlets that give the Soledar–Bakhmut distance differs from the other two."""),
    new_code_cell('''per_10k = summary.set_index("outlet")[f"{PLACE.lower()}_per_10k_words"]
assert per_10k.idxmax() == "SOFREP" and per_10k["Maa Bhakti"] == 0
assert claims[claims["outlet"] == "SOFREP"]["stance"].nunique() == 3
assert (summary["figures_that_differ"] != "none").sum() == 3'''),

    new_markdown_cell("""## Limitations

- **Figures.** Numbers are found by patterns, not by parsing. A counted noun is the first listed noun
  after the number or the last word before a function word, so unusual phrasing ("91 artillery fire")
  depends on `count_nouns.csv`. Two figures count as the same fact when unit and counted concept match
  and their sentences share a name; a figure whose sentence names no place borrows the previous
  sentence's names. This can join different facts that share a town (here "two towns" in Amsterdam Times
  and "two major cities" in Maa Bhakti both near Bakhmut) and miss the same fact told without a shared
  name. "About" is read as ±10 % when checking agreement.
- **Control claims.** Only sentences that name the place are read; "the town" or "the city" in the next
  sentence is missed. Rules read words, not grammar: the actor is the nearest side word before the term,
  negation is any "not/no/never/yet to" within six words, and any "if/would/could/might" makes the whole
  sentence hypothetical. A sentence with no side named is labelled contested or unclear.
- **Voices** come from `extract_quotes`; its errors (a missed speaker, a wrong side) pass into the
  counts here. Sides are the speaker's affiliation, not the stance of what they say.
- **Sources** are the names in `news_channels.txt`; a channel spelled differently ("Maxar Technology")
  or not in the list is not found. "What is attributed" is the quotation in the same sentence, or the
  sentence itself.
- **Shared copy.** Similarity and shared passages compare surface words. Two translations of the same
  wire story can share facts and almost no wording, as Amsterdam Times and SOFREP do here.
- **Translation traces** are clues, not proof: a variant spelling can be house style, and an article
  translated with care leaves none.
- Five articles are examples, not a sample: no finding here generalises to the outlets' other work."""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"display_name": "Python 3", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
})
nbformat.write(nb, OUT)
print(f"wrote {OUT.name} ({len(cells)} cells)")
