"""Build notebooks/03-speakers.ipynb (cells only; run tests/run_notebooks.py --write to execute).

Usage: .venv/bin/python notebooks/build/03_speakers.py
"""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

OUT = Path(__file__).resolve().parent.parent / "03-speakers.ipynb"

SETUP = '''import sys
from pathlib import Path

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
sys.path.insert(0, str(ROOT))

import helpers

helpers.use_house_style()'''

CELLS = [
    ("md", '''# Who is quoted on Soledar, and how does each outlet let them speak?

This notebook finds every quotation in `corpus/` (the five seed articles on the January 2023 battle for
Soledar, one per outlet): words inside quotation marks (*direct*) and reported speech such as "X said
that…", "according to X" or "…, he added" (*indirect*), and who said them. Speakers are found by rules,
without a statistical model: the subject or inverted subject of a reporting verb, "according to", the
agent of a passive, "For X, …"; pronouns and roles ("he said", "the ministry said") point to the most recent
compatible speaker, and spellings of the same name (Maliar / Malyar / Ganna Maliar) are merged by
transliteration. A *quotation* is one attributed group of quotation-mark spans in one sentence, as in
`../shared/gold/README.md`; unattributed quotation marks (scare quotes) are listed but never counted.
It shows who is quoted most, by which outlet, in direct or indirect speech, the balance of Ukrainian,
Russian and Western voices, the reporting verbs each outlet uses, and one speaker's words side by side.'''),
    ("code", SETUP),
    ("code", '''TOP_N = 12  # speakers in the most-quoted chart
HEATMAP_SPEAKERS = 10  # speakers (most quoted first) in the outlet x speaker heatmap
TOP_CUES = 10  # reporting verbs in the verb x outlet heatmap
SPEAKER = "Malyar"  # any spelling of the speaker to read side by side across outlets
SIDE_COLORS = {"Ukraine": "#2b6cb0", "Russia": "#c53030", "West": "#2f855a", "Other": "#805ad5", "unknown": "#a0aec0"}
KIND_COLORS = {"direct": "#2d3748", "indirect": "#a0aec0"}'''),
    ("code", '''import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

articles = helpers.load_corpus(ROOT / "corpus")
ORDER = helpers.outlet_order(articles)
COLORS = helpers.outlet_colors(articles)
quotes = helpers.extract_quotes(articles)
attributed = quotes[quotes["speaker"] != ""]
N_ARTICLES = len(articles)
N_QUOTATIONS = len(attributed.drop_duplicates(["article_id", "kind", "group"]))
print(f"{N_ARTICLES} articles, {len(quotes)} quotation rows, {N_QUOTATIONS} attributed quotations, "
      f"{(quotes['speaker'] == '').sum()} unattributed")'''),
    ("md", '''## The quotation table

One row per quotation: `start`/`end` are offsets into the article text (`quote` is always inside
`text[start:end]`), `cue` is the reporting verb as printed, `mention` says how the speaker was referred to
where the words are attributed (`name`, `surname`, `pronoun`, `role`, `description`, or `none` for a
continuation quote with no cue), and `side` comes from the descriptors around the name ("pro-Russian
separatist MP", "Ukraine's Deputy Defense Minister") or the organisations table. The first rows:'''),
    ("code", '''quotes[["outlet", "sentence_id", "kind", "speaker", "speaker_type", "mention", "cue", "side", "quote"]].head(12)'''),
    ("md", '''Quotation marks that could not be paired are reported, not dropped silently (a translation left
a stray closing mark in Maa Bhakti's Stoltenberg quote):'''),
    ("code", '''problems = helpers.quote_mark_problems(articles)
problems'''),
    ("code", '''assert len(problems) == 1 and problems["problem"].iloc[0] == "closing mark without an opening one"'''),
    ("md", '''## Jens Stoltenberg is the most quoted speaker; Maliar and Zelensky follow'''),
    ("code", '''counts = helpers.speaker_counts(quotes, by=None)
top = counts.head(TOP_N)
top'''),
    ("code", '''fig, ax = plt.subplots(figsize=(8, 5))
rows = top.iloc[::-1]
ax.barh(rows["speaker"], rows["direct"], color=KIND_COLORS["direct"], label="direct")
ax.barh(rows["speaker"], rows["indirect"], left=rows["direct"], color=KIND_COLORS["indirect"], label="indirect")
ax.set_xlabel("quotations")
ax.legend(loc="lower right")
ax.set_title(f"Stoltenberg is quoted most: {top['total'].iloc[0]} quotations\\n"
             f"(N={N_ARTICLES} articles, {N_QUOTATIONS} attributed quotations)");'''),
    ("md", '''NATO's Jens Stoltenberg leads with 8 quotations, half of them paraphrased; Ukraine's deputy defence
minister Hanna Maliar (printed Ganna Maliar, Hanna Maliar and Hanna Malyar, merged here) has 6, five of
them in her own words.'''),
    ("code", '''assert top.iloc[0][["speaker", "total", "direct"]].tolist() == ["Jens Stoltenberg", 8, 4]
assert counts.set_index("speaker").loc["Ganna Maliar", ["total", "direct"]].tolist() == [6, 5]'''),
    ("md", '''## Only Zelensky is quoted by four of the five outlets; most speakers appear in one'''),
    ("code", '''by_outlet = helpers.speaker_counts(quotes, by="outlet")
heat_speakers = counts["speaker"].head(HEATMAP_SPEAKERS).tolist()
heat = (by_outlet[by_outlet["speaker"].isin(heat_speakers)]
        .pivot_table(index="outlet", columns="speaker", values="total", aggfunc="sum", fill_value=0)
        .reindex(index=ORDER, columns=heat_speakers, fill_value=0))
heat'''),
    ("code", '''fig, ax = plt.subplots(figsize=(10, 3.8))
ax.imshow(heat.values, cmap="Greys", vmin=0, vmax=max(1, heat.values.max()) * 1.4, aspect="auto")
for (i, j), v in np.ndenumerate(heat.values):
    if v:
        ax.text(j, i, str(v), ha="center", va="center", fontsize=9)
ax.set_xticks(range(len(heat.columns)), heat.columns, rotation=35, ha="right")
ax.set_yticks(range(len(heat.index)), heat.index)
for label in ax.get_yticklabels():
    label.set_color(COLORS[label.get_text()])
ax.grid(False)
n_outlets = (heat > 0).sum()
ax.set_title(f"Only {n_outlets.idxmax()} is quoted by {n_outlets.max()} of {len(ORDER)} outlets\\n"
             f"(quotations of the top {HEATMAP_SPEAKERS} speakers, N={N_QUOTATIONS} quotations)");'''),
    ("md", '''Volodymyr Zelensky is the only speaker quoted by four outlets; every other speaker in the top ten is
quoted by three outlets at most, so each outlet's story rests largely on its own sources.'''),
    ("code", '''assert n_outlets.idxmax() == "Volodymyr Zelensky" and n_outlets.max() == 4
assert sorted(n_outlets.drop("Volodymyr Zelensky")) [-1] == 3'''),
    ("md", '''## Amsterdam Times lets people speak in their own words; SOFREP paraphrases'''),
    ("code", '''kinds = helpers.voice_shares(quotes, column="kind")
direct_share = (kinds[kinds["kind"] == "direct"].set_index("outlet")["share"].reindex(ORDER, fill_value=0))
kinds'''),
    ("code", '''fig, ax = plt.subplots(figsize=(8, 3.4))
ax.bar(direct_share.index, direct_share.values, color=[COLORS[o] for o in direct_share.index])
for x, v in enumerate(direct_share.values):
    ax.text(x, v, f"{v:.0%}", ha="center", va="bottom")
ax.set_ylim(0, 1.1)
ax.set_ylabel("share of quotations in direct speech")
ax.set_title(f"Direct speech ranges from {direct_share.min():.0%} to {direct_share.max():.0%} of an outlet's quotations "
             f"(N={N_QUOTATIONS})");'''),
    ("md", '''In Amsterdam Times (an AFP translation) 91% of the quotations are direct; SOFREP, rewriting Reuters,
quotes directly only 20% of the time and reports the rest as "X stated that…".'''),
    ("code", '''assert round(direct_share["Amsterdam Times"], 2) == 0.91 and round(direct_share["SOFREP"], 2) == 0.20'''),
    ("md", '''## Maa Bhakti gives institutions almost half its quotations; Amsterdam Times quotes people'''),
    ("code", '''types = helpers.voice_shares(quotes, column="speaker_type")
types_wide = types.pivot_table(index="outlet", columns="speaker_type", values="quotations", fill_value=0).reindex(ORDER, fill_value=0).astype(int)
types_wide'''),
    ("code", '''fig, ax = plt.subplots(figsize=(8, 3.4))
left = np.zeros(len(types_wide))
type_colors = {"person": "#2d3748", "organization": "#a0aec0", "anonymous": "#e2e8f0"}
for t in [c for c in type_colors if c in types_wide.columns]:
    share = types_wide[t] / types_wide.sum(axis=1)
    ax.barh(types_wide.index, share, left=left, color=type_colors[t], label=t)
    left += share.values
ax.invert_yaxis()
ax.set_xlabel("share of attributed quotations")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=8, ncol=3)
for label in ax.get_yticklabels():
    label.set_color(COLORS[label.get_text()])
org_share = types_wide["organization"] / types_wide.sum(axis=1)
ax.set_title(f"Organisations speak in {org_share.max():.0%} of {org_share.idxmax()}'s quotations (N={N_QUOTATIONS})");'''),
    ("md", '''Ministries, governments and general staffs make up 43% of Maa Bhakti's quotations (9 of 21), against
9% in Amsterdam Times.'''),
    ("code", '''assert org_share.idxmax() == "Maa Bhakti" and types_wide.loc["Maa Bhakti", "organization"] == 9
assert round(org_share["Amsterdam Times"], 2) == 0.09'''),
    ("md", '''## Eurasia Business Today hears Western voices; Amsterdam Times and SOFREP give Russian voices 30%'''),
    ("code", '''sides = helpers.voice_shares(quotes, column="side")
sides_wide = (sides.pivot_table(index="outlet", columns="side", values="quotations", fill_value=0)
              .reindex(index=ORDER, columns=[s for s in SIDE_COLORS], fill_value=0).astype(int))
sides_wide'''),
    ("code", '''fig, ax = plt.subplots(figsize=(8, 4))
left = np.zeros(len(sides_wide))
for side, color in SIDE_COLORS.items():
    share = sides_wide[side] / sides_wide.sum(axis=1)
    ax.barh(sides_wide.index, share, left=left, color=color, label=side)
    left += share.values
ax.invert_yaxis()
ax.set_xlabel("share of attributed quotations")
ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.2), fontsize=8, ncol=5)
for label in ax.get_yticklabels():
    label.set_color(COLORS[label.get_text()])
west = sides_wide["West"] / sides_wide.sum(axis=1)
ax.set_title(f"{west.idxmax()}: {west.max():.0%} of quotations are Western voices (N={N_QUOTATIONS})");'''),
    ("md", '''Eleven of Eurasia Business Today's 13 quotations (85%) come from NATO, the EU and the British Ministry
of Defence; Amsterdam Times quotes Russian voices (Kremlin, Peskov, Bayevsky, Prigozhin, the defence
ministry) exactly as often as Ukrainian ones, 7 times each, and SOFREP 6 times out of 20. A speaker's side is `unknown` when no descriptor in the text says it
(the Bakhmut doctor Elena Moltchanova, the analyst Anatoly Khramchikhine).'''),
    ("code", '''assert west.idxmax() == "Eurasia Business Today" and sides_wide.loc["Eurasia Business Today", "West"] == 11
assert sides_wide.loc["Amsterdam Times", "Russia"] == sides_wide.loc["Amsterdam Times", "Ukraine"] == 7
assert sides_wide.loc["SOFREP", "Russia"] == 6 and sides_wide.loc["SOFREP"].sum() == 20'''),
    ("md", '''## "Said" is the common verb; the translation from French "indicates", "hails" and "launches"'''),
    ("code", '''cues = helpers.cue_counts(quotes)
cue_totals = cues.groupby("cue")["quotations"].sum().reset_index().sort_values(["quotations", "cue"], ascending=[False, True])
top_cues = cue_totals["cue"].head(TOP_CUES).tolist()
cue_wide = (cues[cues["cue"].isin(top_cues)].pivot_table(index="cue", columns="outlet", values="quotations", fill_value=0)
            .reindex(index=top_cues, columns=ORDER, fill_value=0).astype(int))
cue_wide'''),
    ("code", '''fig, ax = plt.subplots(figsize=(8, 4.6))
ax.imshow(cue_wide.values, cmap="Greys", vmin=0, vmax=max(1, cue_wide.values.max()) * 1.4, aspect="auto")
for (i, j), v in np.ndenumerate(cue_wide.values):
    if v:
        ax.text(j, i, str(v), ha="center", va="center", fontsize=9)
ax.set_yticks(range(len(cue_wide.index)), cue_wide.index)
ax.set_xticks(range(len(cue_wide.columns)), cue_wide.columns, rotation=25, ha="right")
for label in ax.get_xticklabels():
    label.set_color(COLORS[label.get_text()])
ax.grid(False)
ax.set_title(f"'said' introduces {cue_totals['quotations'].iloc[0]} of {cue_totals['quotations'].sum()} cued quotations\\n"
             f"(top {TOP_CUES} reporting verbs, N={N_ARTICLES} articles)");'''),
    ("md", '''"Said" introduces 23 of the 78 quotations that have a cue. Amsterdam Times' translated AFP copy spreads
its 22 cued quotations over 17 verbs and uses "said" only 3 times: "indicated", "hailed", "launched",
"underlines", "observed" are French reporting verbs rendered word for word, and "claimed" appears twice —
framing differences a reader should check against the original.'''),
    ("code", '''assert cue_totals.iloc[0].tolist() == ["said", 23] and cue_totals["quotations"].sum() == 78
at = cues[cues["outlet"] == "Amsterdam Times"]
assert len(at) == 17 and at["quotations"].sum() == 22
assert at.set_index("cue").loc[["said", "claimed"], "quotations"].tolist() == [3, 2]'''),
    ("md", '''## Maliar's words read differently in each outlet'''),
    ("code", '''maliar = helpers.quotes_by_speaker(quotes, SPEAKER)
maliar["outlet"] = pd.Categorical(maliar["outlet"], categories=ORDER, ordered=True)
side_by_side = maliar.sort_values(["outlet", "start"])[["outlet", "kind", "speaker_text", "cue", "quote"]]
with pd.option_context("display.max_colwidth", 140):
    display(side_by_side)'''),
    ("md", '''The same deputy minister appears under three spellings in three outlets. Good Time Invest only
paraphrases her ("reports that fierce fighting is taking place"); Amsterdam Times' translation has her
"indicate" and "insist", with an ellipsis "(…)" where AFP cut her words; Maa Bhakti quotes her Telegram
post in full but calls her "he", a translation slip the attribution rules ignore.'''),
    ("code", '''assert side_by_side["outlet"].astype(str).tolist() == ["Good Time Invest"] + ["Amsterdam Times"] * 3 + ["Maa Bhakti"] * 2
assert set(side_by_side["speaker_text"]) == {"Hanna Maliar", "Ganna Maliar", "Hanna Malyar"}'''),
    ("md", '''## Limitations

- The rules read English news prose. They find the speaker of a reporting verb, of "according to", of a
  passive "by X" and of "For X, …", but miss attributions carried by other constructions ("in a statement
  posted on Telegram, X …", colons after a bare name) and verbs missing from
  `newslens/data/reporting_verbs.txt`.
- Pronouns and roles are resolved to the most recent compatible speaker, ignoring gender (translations get it
  wrong); two people alternating in one paragraph can be confused.
- Name merging compares transliterated surnames and first names; two different people with near-identical
  names would be merged, and a surname alone is joined to the nearest full name. `corpus/aliases.csv`
  corrects such merges.
- Sides come from descriptors printed near the name; a speaker never described (a doctor, a resident) is
  `unknown`, and allegiance is not checked against the world.
- Unnamed speakers ("a drone operator from the 92nd brigade", "a senior diplomat who asked not to be named")
  are counted under their description, so two descriptions of one source count as two speakers; vague
  collectives ("officials said", "analysts say") are attributed but not counted as indirect statements.
- A short term in quotation marks after "the" or "a" (`the "alarm suitcase"`) is still taken for a quotation
  when a reporting verb is in the sentence; British single quotes are read only in articles with no double
  quotation marks.
- Indirect attributions with unnamed speakers ("experts say", "officials said") are not counted; a quoted
  fragment inside a reported clause is counted once, as a direct quotation.
- Five articles are examples, not a sample: the shares above describe these articles, not the outlets.'''),
]


def build() -> nbformat.NotebookNode:
    """The notebook with its cells and no outputs."""
    nb = new_notebook()
    nb.cells = [new_markdown_cell(src) if kind == "md" else new_code_cell(src) for kind, src in CELLS]
    for i, cell in enumerate(nb.cells):
        cell.id = f"cell-{i:02d}"  # stable ids: a rebuild changes only what changed
    nb.metadata["kernelspec"] = {"display_name": "Python 3", "language": "python", "name": "python3"}
    nb.metadata["language_info"] = {"name": "python"}
    return nb


if __name__ == "__main__":
    nbformat.write(build(), OUT)
    print(f"wrote {OUT.name}")
