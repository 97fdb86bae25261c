"""Build notebooks/01-corpus-overview.ipynb (cells only; run `make notebooks` for outputs)."""
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
    new_markdown_cell("""# Which articles are in the corpus, and what do we know about each of them?

This notebook lists every article in `corpus/` with its outlet, publication date and how that date is
known, its length in words and sentences, the wire service it rewrites and the language it was
translated from. It shows when each outlet published and what the loader removed from each file
(repeated titles, bylines, datelines and site furniture such as comment forms) before any analysis.
It covers the whole corpus; no thresholds apply. Word counts are tokens after punctuation removal,
before stop-word removal (the denominator of every rate in the other notebooks)."""),
    new_code_cell(SETUP),
    new_code_cell('''import matplotlib.dates as mdates
import matplotlib.pyplot as plt

CORPUS_DIR = ROOT / "corpus"  # point at another folder to describe your own corpus'''),
    new_markdown_cell("## The articles at a glance"),
    new_code_cell('''articles = helpers.load_corpus(CORPUS_DIR)
overview = helpers.article_overview(articles)
colors = helpers.outlet_colors(articles)
overview'''),
    new_code_cell('''n_articles, n_words = len(articles), int(articles["n_words"].sum())
print(f"{n_articles} articles from {articles['outlet'].nunique()} outlets, {n_words:,} words, "
      f"{int(overview['n_sentences'].sum()):,} sentences")
print(f"dates stated in the text: {int(overview['date_stated'].sum())}; inferred: {int((~overview['date_stated']).sum())}")'''),
    new_markdown_cell("""Only one date is printed in an article; the others were inferred by the researchers from the
events the articles report (the `date_basis` column says from what). Treat day-level comparisons
between outlets with that in mind."""),
    new_code_cell('''assert n_articles == 5 and int(overview["date_stated"].sum()) == 1'''),
    new_markdown_cell("## The French-wire rewrite is the longest article, the VOA rewrite among the shortest"),
    new_code_cell('''lengths = overview.sort_values(["n_words", "outlet"], ascending=[True, True])
longest = lengths.iloc[-1]
ax = lengths.plot.barh(x="outlet", y="n_words", color=[colors[o] for o in lengths["outlet"]], legend=False)
for y, n in enumerate(lengths["n_words"]):
    ax.annotate(f"{n:,}", (n, y), xytext=(3, 0), textcoords="offset points", va="center", fontsize=9)
ax.set(xlabel="words (tokens)", ylabel="",
       title=f"{longest['outlet']} is the longest at {longest['n_words']:,} words (N={n_articles} articles, {n_words:,} words)");'''),
    new_code_cell('''lengths[["outlet", "n_words", "n_sentences", "wire_source"]]'''),
    new_markdown_cell("""The Amsterdam Times rewrite of an AFP dispatch is about three times as long as the Good Time
Invest compilation: raw counts are not comparable between outlets, so the other notebooks report
rates per 10,000 words."""),
    new_code_cell('''shortest = lengths.iloc[0]
assert longest["outlet"] == "Amsterdam Times" and longest["n_words"] > 2.5 * shortest["n_words"]'''),
    new_markdown_cell("## Four outlets published within three days; one came a month later"),
    new_code_cell('''timeline = overview.sort_values(["date", "outlet"]).reset_index(drop=True)
fig, ax = plt.subplots(figsize=(8, 2.8))
for y, row in timeline.iterrows():
    fill = colors[row.outlet] if row.date_stated else "white"
    ax.scatter(row.date, y, s=80, edgecolors=colors[row.outlet], facecolors=fill, linewidths=2, zorder=3)
    ax.annotate(row.outlet, (row.date, y), xytext=(8, 0), textcoords="offset points", va="center", fontsize=9)
ax.set_yticks([])
ax.set_ylim(-0.8, len(timeline) - 0.2)
span_days = (timeline["date"].max() - timeline["date"].min()).days
ax.set(xlabel="publication date (filled: stated in the text; hollow: inferred)",
       title=f"The articles span {span_days} days, from {timeline['date'].min():%d %b} to {timeline['date'].max():%d %b %Y} (N={n_articles})")
ax.xaxis.set_major_formatter(mdates.DateFormatter("%d %b"));'''),
    new_code_cell('''timeline[["outlet", "date", "date_basis"]]'''),
    new_markdown_cell("""Four reports fall between 11 and 13 January 2023, while Russian forces were taking Soledar;
the Maa Bhakti article republishes a Reuters report from mid-February, when the fighting had
moved to Bakhmut. Comparisons of claims about who held the town must keep that month in mind."""),
    new_code_cell('''first_wave = timeline[timeline["date"] <= "2023-01-13"]
assert len(first_wave) == 4 and span_days == 36'''),
    new_markdown_cell("## What cleaning removed before any counting"),
    new_code_cell('''removed = helpers.cleaning_report(articles)
removed'''),
    new_code_cell('''by_reason = (removed.groupby(["outlet", "reason"]).size().rename("lines").reset_index()
             .sort_values(["outlet", "lines", "reason"], ascending=[True, False, True]))
per_outlet = removed.groupby("outlet").size().reindex(helpers.outlet_order(articles)[::-1], fill_value=0)
ax = per_outlet.plot.barh(color=[colors[o] for o in per_outlet.index])
ax.set(xlabel="lines removed", ylabel="",
       title=f"{len(removed)} lines of titles, bylines and site furniture removed (N={n_articles} articles)");
by_reason'''),
    new_markdown_cell("""Every removed line is a repeated title, a byline, a dateline or site furniture (a comment form,
a copy-protection notice, a bare link); none is reporting. The patterns live in
`newslens/data/boilerplate.txt`: add a line there when your own articles carry other furniture."""),
    new_code_cell('''assert len(removed) == 11 and per_outlet.idxmax() == "Good Time Invest"'''),
    new_markdown_cell("""## Limitations

- Dates come from the metadata file. Four of five were inferred by the researchers, not printed in
  the article, so a day's difference between outlets may be an artefact.
- The corpus is five articles: every count in this project describes these texts, not the outlets'
  coverage in general.
- Cleaning removes lines by general patterns. A title, byline or footer in a form the patterns do not
  know stays in the text and is counted; a line of reporting that happened to look like furniture
  would be removed (check the table above after adding articles).
- Word counts follow the project tokenizer (hyphenated compounds are one word, a possessive 's is a
  token of its own, numbers count), so they differ slightly from a word processor's count."""),
]

nb = new_notebook(cells=cells, metadata={
    "kernelspec": {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"},
    "language_info": {"name": "python"},
})
nbformat.write(nb, Path(__file__).resolve().parent.parent / "01-corpus-overview.ipynb")
