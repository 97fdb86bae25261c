"""Build notebooks/05-explore.ipynb (cells only; run `make notebooks` for outputs)."""
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

SETUP = '''import sys
from pathlib import Path

ROOT = Path.cwd().parent if Path.cwd().name == "notebooks" else Path.cwd()
sys.path.insert(0, str(ROOT))

import helpers

helpers.use_house_style()'''

cells = [
    new_markdown_cell("""# Where does each outlet use a word, whom does it quote, and which words set it apart?

This notebook is for exploring the corpus without editing code. Three explorers answer as you type
or choose: a **concordance** (every occurrence of a word or phrase with six words of context on
each side, optionally for one outlet), a **speaker** view (every quotation of one speaker across
outlets, direct and indirect, with the reporting verb and the sentence), and an **outlet** view
(the words an outlet uses more than the rest of the corpus, ranked by the keyness measure you
pick). It covers the whole corpus. Key terms must reach G2 ≥ 3.84 (p < 0.05), occur at least 3
times and in at least 2 articles; stop words are left out. Below each explorer the same table is
saved for readers without a running kernel; the findings under the headings are for the starting
values in the parameters cell."""),
    new_code_cell(SETUP),
    new_code_cell('''import matplotlib.pyplot as plt

CORPUS_DIR = ROOT / "corpus"  # point at another folder to explore your own corpus
WORD = "Soledar"  # the concordance explorer starts with this word or phrase ("russia*" works too)
OUTLET = helpers.ALL_OUTLETS  # or one outlet's name
SPEAKER = None  # None starts with the most quoted speaker
KEY_OUTLET = "SOFREP"  # None starts with the first outlet in the house order
MEASURE = "g2"  # one of helpers.MEASURES: g2, log_ratio, pct_diff, log_odds_z, bic
MIN_G2 = 3.84  # p < 0.05; None applies the stricter threshold of notebook 02
TOP = 15  # key terms shown'''),
    new_code_cell('''articles = helpers.load_corpus(CORPUS_DIR)
quotes = helpers.extract_quotes(articles)
keyness_table = helpers.keyness(articles)
order, colors = helpers.outlet_order(articles), helpers.outlet_colors(articles)
n_articles, n_words = len(articles), int(articles["n_words"].sum())
print(f"{n_articles} articles from {len(order)} outlets, {n_words:,} words")'''),
    new_markdown_cell("""## “Soledar” is in four of the five outlets, most often in SOFREP

Type in the box to see another word; the table follows every keystroke. Choose an outlet to see its
lines only."""),
    new_code_cell('''concordance = helpers.concordance_explorer(articles, WORD, OUTLET)
concordance'''),
    new_code_cell('''words = articles.groupby("outlet")["n_words"].sum().reindex(order)
hits = concordance.table.groupby("outlet").size().reindex(order, fill_value=0)
per_outlet = hits.to_frame("lines").assign(words=words, per_10k=(hits / words * 10_000).round(1))
densest = per_outlet["per_10k"].idxmax()
rows = per_outlet.iloc[::-1]
ax = rows["per_10k"].plot.barh(color=[colors[o] for o in rows.index])
ax.set(xlabel="lines per 10,000 words", ylabel="",
       title=f"“{WORD}” is densest in {densest} (N={int(hits.sum())} lines in {n_articles} articles, {n_words:,} words)");
per_outlet'''),
    new_markdown_cell("""SOFREP, a rewrite of a Reuters report on the fight for the town, names Soledar 17 times, about
200 times per 10,000 words; the short Good Time Invest compilation comes next. The February Maa
Bhakti report, written when the fighting had moved to Bakhmut, does not name the town at all."""),
    new_code_cell('''assert densest == "SOFREP" and per_outlet.loc["SOFREP", "lines"] == 17
assert per_outlet["per_10k"].drop("SOFREP").idxmax() == "Good Time Invest"
assert per_outlet.loc["Maa Bhakti", "lines"] == 0'''),
    new_markdown_cell("""## NATO's secretary general is the most quoted speaker, in three outlets

Choose a speaker (the number is their quotations in the corpus) to see each quotation, whether it
is direct (in quotation marks) or indirect (reported speech), its reporting verb and its sentence."""),
    new_code_cell('''speakers = helpers.speaker_explorer(quotes, articles, SPEAKER)
speakers'''),
    new_code_cell('''top_speaker, top_n = helpers.speaker_choices(quotes)[0]
by_kind = speakers.table.groupby(["outlet", "kind"]).size().unstack(fill_value=0).reindex(
    [o for o in order if o in set(speakers.table["outlet"])])
by_kind'''),
    new_markdown_cell("""Jens Stoltenberg is quoted in three of the five outlets: the NATO-support stories of January
and the February Reuters rewrite. The outlets that report the battle itself quote soldiers,
Ukrainian officials and Russian sources instead."""),
    new_code_cell('''assert top_speaker == "Jens Stoltenberg" and speakers.table["outlet"].nunique() == 3
assert len(speakers.table) == top_n'''),
    new_markdown_cell("""## SOFREP's most distinctive word is “war”

The chart ranks the words SOFREP uses more than the other four outlets together, by
log-likelihood (G2); the explorer below the table shows any outlet, by any of the five measures."""),
    new_code_cell('''key_outlet = KEY_OUTLET or order[0]
key_terms = helpers.outlet_key_terms(keyness_table, key_outlet, MEASURE, TOP, MIN_G2)
fig, ax = plt.subplots(figsize=(8, 0.3 * max(len(key_terms), 4) + 1.2))
helpers.plot_key_terms(key_terms, colors[key_outlet], ax=ax,
                       title=helpers.key_terms_title(key_terms, key_outlet, MEASURE));
shown = ["rank", "display", "score", "f_target", "f_reference", "per_10k_target", "per_10k_reference"]
key_terms[shown].set_index("rank").round(2)'''),
    new_markdown_cell("""SOFREP writes “war” 11 times in 852 words, against 3 times in the 2,356 words of the other
outlets: a rate about ten times higher, in a report framed as a war update rather than a news story
about NATO support."""),
    new_code_cell('''top = key_terms.iloc[0]
assert key_outlet == "SOFREP" and top["term"] == "war" and (top["f_target"], top["f_reference"]) == (11, 3)
assert 9 < top["per_10k_target"] / top["per_10k_reference"] < 11'''),
    new_markdown_cell("### Another outlet, another measure"),
    new_code_cell('''helpers.outlet_explorer(articles, keyness_table, key_outlet, MEASURE, TOP, MIN_G2)'''),
    new_markdown_cell("""## Limitations

- The explorers need a running kernel: in a static copy of this notebook (GitHub, an HTML export)
  only the tables saved for the starting values are shown.
- The concordance matches whole words as the project tokenizer splits them, case-insensitively. It
  does not merge spelling variants (“Bakhmut” and “Bakhmout” are two words; see notebook 02) or
  inflections (search “russia*” for Russia, Russian, Russians).
- The speaker view shows what the quote extractor found: a quotation it missed or attributed to the
  wrong person is missing or misplaced here too (notebook 03 measures how often).
- With five short articles, few words reach the keyness threshold, so this notebook uses p < 0.05
  instead of the stricter threshold of notebook 02; treat single-digit counts as hints, not findings.
  Different measures rank the same words differently: Log Ratio favours rare words, G2 frequent ones."""),
]

for i, cell in enumerate(cells):
    cell.id = f"explore-{i:02d}"  # stable ids: rebuilding does not churn the diff

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
})
nbformat.write(nb, Path(__file__).resolve().parent.parent / "05-explore.ipynb")
