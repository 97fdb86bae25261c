"""Interactive explorers: type a word, pick a speaker or an outlet, and see the table change.

Each explorer is a thin ipywidgets layer over a pure back-end that takes the project's tables and
the widget values and returns the table to display (unit-tested on its own):
- `concordance_table(articles, query, outlet)`: the KWIC lines of a word or phrase (`terms.kwic`);
- `speaker_quotes(quotes, articles, speaker)`: every quotation by one speaker across outlets, with
  kind, cue and the sentence it is in (`quotes.extract_quotes`);
- `outlet_key_terms(keyness_table, outlet, measure)`: an outlet's key terms ranked by the chosen
  keyness measure (`terms.keyness`), drawn by `plot_key_terms`.
The builders (`concordance_explorer`, `speaker_explorer`, `outlet_explorer`) wire widgets to them.
Where widgets do not render (a static viewer, a saved HTML file), an explorer's output falls back
to the same table as HTML and plain text. Used by notebook 05-explore.
"""
from __future__ import annotations

import base64
import io
from bisect import bisect_right
from typing import Callable

import numpy as np
import pandas as pd

from newslens.sentences import MAX_SENTENCE_CHARS, excerpt, split_sentences, warn_long_sentences
from newslens.style import outlet_colors, outlet_order
from newslens.terms import kwic

ALL_OUTLETS = "All outlets"
KWIC_WINDOW = 6  # tokens of context on each side of a concordance match
TOP_TERMS = 15
LIVE_TYPING_MAX_CHARS = 6_000_000  # about a million words: above, the concordance waits for Enter
MAX_ROWS_SHOWN = 200  # an explorer shows at most this many rows (the status line gives the total)
CONCORDANCE_COLUMNS = ["outlet", "article_id", "left", "match", "right"]
ARTICLE_COLUMNS = ["article_id", "outlet", "text"]
QUOTE_COLUMNS_NEEDED = ["article_id", "outlet", "start", "end", "kind", "quote", "speaker", "cue", "group"]
SPEAKER_COLUMNS = ["outlet", "article_id", "kind", "cue", "quote", "sentence"]
MEASURES = {  # keyness column -> label shown in the explorer and on the chart
    "g2": "log-likelihood (G2)",
    "log_ratio": "Log Ratio",
    "pct_diff": "%DIFF",
    "log_odds_z": "log-odds z-score",
    "bic": "BIC",
}
KEYNESS_COLUMNS_NEEDED = ["target", "reference", "term", "display", "f_target", "f_reference",
                          "n_target", "n_reference", "per_10k_target", "per_10k_reference", "g2",
                          "passes_g2", "passes_freq", "passes_range", "is_stopword", *MEASURES]
KEY_TERM_COLUMNS = ["rank", "term", "display", "measure", "score", "f_target", "f_reference",
                    "per_10k_target", "per_10k_reference", "g2", "target", "reference",
                    "n_target", "n_reference"]
QUOTE_JOINER = " … "
CHART_DPI = 100
Update = tuple[str, list[dict], pd.DataFrame]  # what an explorer's update returns: message, outputs, table


class ExploreError(ValueError):
    """A widget value or table the explorers cannot use (unknown outlet, speaker or measure...)."""


# ---------------------------------------------------------------- checks


def _require(table: pd.DataFrame, columns: list[str], what: str, source: str) -> None:
    """Raise ExploreError unless `table` is a DataFrame with every column in `columns`."""
    if not isinstance(table, pd.DataFrame):
        raise ExploreError(f"{what} must be a DataFrame (the table returned by {source}), "
                           f"got {type(table).__name__}")
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise ExploreError(f"{what} lacks column(s) {missing}: pass the table returned by {source}")


def _check_choice(value: str, choices: list[str], what: str) -> None:
    """Raise ExploreError naming the valid choices unless `value` is one of them."""
    if value not in choices:
        shown = ", ".join(repr(c) for c in choices[:12]) + (" ..." if len(choices) > 12 else "")
        raise ExploreError(f"unknown {what} {value!r}; choose one of: {shown}")


# ---------------------------------------------------------------- concordance


def outlet_choices(articles: pd.DataFrame) -> list[str]:
    """The outlet filter's choices: "All outlets", then every outlet in house order."""
    _require(articles, ["outlet", "date"], "articles", "helpers.load_corpus")
    return [ALL_OUTLETS, *outlet_order(articles)]


def concordance_table(articles: pd.DataFrame, query: str, outlet: str = ALL_OUTLETS,
                      window: int = KWIC_WINDOW) -> pd.DataFrame:
    """KWIC lines of `query` (columns CONCORDANCE_COLUMNS), outlets in house order; blank query: none."""
    _require(articles, ARTICLE_COLUMNS + ["date"], "articles", "helpers.load_corpus")
    if not isinstance(query, str):
        raise ExploreError(f"the concordance query must be text, got {type(query).__name__}")
    _check_choice(outlet, outlet_choices(articles), "outlet")
    if not query.strip():
        return pd.DataFrame({c: pd.Series(dtype=object) for c in CONCORDANCE_COLUMNS})
    lines = kwic(articles, query, window=window)  # whole corpus: its tokens are cached across calls
    if outlet != ALL_OUTLETS:
        lines = lines[lines["outlet"] == outlet]
    rank = {name: i for i, name in enumerate(outlet_order(articles))}
    lines = lines.assign(_o=lines["outlet"].map(rank))
    lines = lines.sort_values(["_o", "article_id", "token_id"], kind="stable")
    return lines[CONCORDANCE_COLUMNS].reset_index(drop=True)


def concordance_summary(table: pd.DataFrame, query: str) -> str:
    """One line saying how many lines in how many outlets the concordance found."""
    n, k = len(table), table["outlet"].nunique() if len(table) else 0
    if not query.strip():
        return "Type a word or phrase (a * inside a word is a wildcard)."
    return f"{n} line{'s' * (n != 1)} of “{query.strip()}” in {k} outlet{'s' * (k != 1)}"


# ---------------------------------------------------------------- speakers


def sentence_spans_at(text: str, offsets: list[int]) -> list[tuple[int, int] | None]:
    """(start, end) of the sentence of `text` (as `newslens.sentences` splits it) containing each
    offset (None if none)."""
    spans = split_sentences(text)
    starts = [start for start, _ in spans]
    found = []
    for offset in offsets:
        i = bisect_right(starts, offset) - 1
        found.append(spans[i] if i >= 0 and offset < spans[i][1] else None)
    return found


def sentences_at(text: str, offsets: list[int]) -> list[str]:
    """The sentence of `text` (as `newslens.sentences` splits it) containing each offset ("" if none)."""
    return [text[span[0]:span[1]] if span else "" for span in sentence_spans_at(text, offsets)]


def sentence_at(text: str, offset: int) -> str:
    """The sentence of `text` that contains character `offset` ("" if it is in none)."""
    return sentences_at(text, [offset])[0]


def _quotations(quotes: pd.DataFrame) -> list[dict]:
    """One dict per quotation, in text order: rows sharing article, kind, group and speaker joined."""
    q = quotes.sort_values(["article_id", "start"], kind="stable")
    merged: dict[tuple, dict] = {}
    columns = ["article_id", "kind", "group", "speaker", "outlet", "start", "end", "quote", "cue"]
    for aid, kind, group, speaker, outlet, start, end, quote, cue in zip(*(q[c] for c in columns)):
        row = merged.get((aid, kind, group, speaker))
        if row is None:
            row = merged[(aid, kind, group, speaker)] = {
                "outlet": outlet, "article_id": aid, "kind": kind, "cue": "", "parts": [], "start": int(start),
                "end": int(end)}
        if isinstance(quote, str) and quote:
            row["parts"].append(quote)
        if not row["cue"] and isinstance(cue, str) and cue:
            row["cue"] = cue
    return list(merged.values())


def speaker_choices(quotes: pd.DataFrame) -> list[tuple[str, int]]:
    """(speaker, quotations) for every named speaker, most quoted first, then by name."""
    _require(quotes, QUOTE_COLUMNS_NEEDED, "quotes", "helpers.extract_quotes")
    q = quotes[quotes["speaker"].fillna("").astype(str) != ""]
    counts = q.drop_duplicates(["article_id", "kind", "group", "speaker"])["speaker"].value_counts()
    return sorted(((str(s), int(n)) for s, n in counts.items()), key=lambda sn: (-sn[1], sn[0]))


def speaker_quotes(quotes: pd.DataFrame, articles: pd.DataFrame, speaker: str) -> pd.DataFrame:
    """Every quotation by `speaker` (columns SPEAKER_COLUMNS): outlets in house order, then text order.

    A sentence longer than MAX_SENTENCE_CHARS is shown as an excerpt around the quotation
    (LongSentenceWarning)."""
    _require(articles, ARTICLE_COLUMNS + ["date"], "articles", "helpers.load_corpus")
    _check_choice(speaker, [s for s, _ in speaker_choices(quotes)], "speaker")
    rows = _quotations(quotes[quotes["speaker"] == speaker])
    texts = dict(zip(articles["article_id"], articles["text"]))
    missing = sorted({r["article_id"] for r in rows} - set(texts))
    if missing:
        raise ExploreError(f"quotes come from article(s) {missing[:3]} that are not in articles: "
                           "pass the articles table the quotes were extracted from")
    by_article: dict[str, list[dict]] = {}
    for r in rows:
        by_article.setdefault(r["article_id"], []).append(r)
    long_rows = 0
    for aid, group in by_article.items():
        text = texts[aid]
        for r, span in zip(group, sentence_spans_at(text, [r["start"] for r in group])):
            r["sentence"], r["quote"] = text[span[0]:span[1]] if span else "", QUOTE_JOINER.join(r["parts"])
            if span and span[1] - span[0] > MAX_SENTENCE_CHARS:  # a row per quotation: an excerpt
                r["sentence"], long_rows = excerpt(text, *span, r["start"], max(r["end"], r["start"])), long_rows + 1
    warn_long_sentences("speaker_quotes", long_rows, "quotation")
    rank = {name: i for i, name in enumerate(outlet_order(articles))}
    rows.sort(key=lambda r: (rank.get(r["outlet"], len(rank)), str(r["outlet"]), str(r["article_id"]), r["start"]))
    return pd.DataFrame([[r[c] for c in SPEAKER_COLUMNS] for r in rows], columns=SPEAKER_COLUMNS)


def speaker_summary(table: pd.DataFrame, speaker: str) -> str:
    """One line saying how many quotations by the speaker, in how many outlets."""
    n, k = len(table), table["outlet"].nunique()
    return f"{speaker}: {n} quotation{'s' * (n != 1)} in {k} outlet{'s' * (k != 1)}"


# ---------------------------------------------------------------- outlet key terms


def outlet_key_terms(keyness_table: pd.DataFrame, outlet: str, measure: str = "g2",
                     top: int = TOP_TERMS, min_g2: float | None = None,
                     drop_stopwords: bool = True) -> pd.DataFrame:
    """The terms `outlet` overuses against the rest, ranked by `measure` (columns KEY_TERM_COLUMNS).

    A term is kept when its G2 is positive and at least `min_g2` (default: the keyness table's own
    threshold) and it passes the table's frequency and range conditions. Ties: term ascending.
    """
    _require(keyness_table, KEYNESS_COLUMNS_NEEDED, "keyness_table", "helpers.keyness(articles)")
    _check_choice(outlet, [str(t) for t in keyness_table["target"].unique()], "outlet")
    _check_choice(measure, list(MEASURES), "keyness measure")
    if not isinstance(top, (int, np.integer)) or top < 1:
        raise ExploreError(f"top must be a whole number >= 1, got {top!r}")
    t = keyness_table[keyness_table["target"] == outlet]
    strong = t["passes_g2"] if min_g2 is None else t["g2"] >= float(min_g2)
    keep = strong & (t["g2"] > 0) & t["passes_freq"] & t["passes_range"]
    if drop_stopwords:
        keep &= ~t["is_stopword"].astype(bool)
    t = t[keep].assign(measure=measure, score=t.loc[keep, measure])
    t = t.sort_values(["score", "term"], ascending=[False, True], kind="stable").head(top)
    t = t.assign(rank=np.arange(1, len(t) + 1))
    return t[KEY_TERM_COLUMNS].reset_index(drop=True)


def key_terms_title(table: pd.DataFrame, outlet: str, measure: str) -> str:
    """A chart title that states the finding and the N."""
    label = MEASURES[measure]
    if table.empty:
        return f"No word passes the keyness threshold for {outlet}"
    n_t, n_r = int(table["n_target"].iat[0]), int(table["n_reference"].iat[0])
    top = table["display"].iat[0]
    return (f"“{top}” is the most distinctive word of {outlet} by {label}\n"
            f"(N={n_t:,} words vs {n_r:,} in the rest; {len(table)} key terms shown)")


def plot_key_terms(table: pd.DataFrame, color: str = "#0072B2", ax=None, title: str | None = None):
    """Horizontal bars of each key term's score, strongest on top; returns the axes."""
    _require(table, KEY_TERM_COLUMNS, "table", "helpers.outlet_key_terms")
    if ax is None:
        import matplotlib.pyplot as plt

        ax = plt.gca()
    rows = table.iloc[::-1]
    ax.barh(rows["display"], rows["score"], color=color)
    measure = table["measure"].iat[0] if len(table) else "g2"
    ax.set_xlabel(MEASURES.get(measure, measure))
    if table.empty:
        ax.text(0.5, 0.5, "no key terms at this threshold", ha="center", va="center",
                transform=ax.transAxes)
        ax.set_yticks([])
    if title is not None:
        ax.set_title(title)
    return ax


# ---------------------------------------------------------------- widgets


def table_html(table: pd.DataFrame, left: tuple[str, ...] = (), limit: int | None = None,
               name: str = "table") -> str:
    """The first `limit` (default MAX_ROWS_SHOWN) rows as an HTML table without the index.

    Columns in `left` are left-aligned; cell text is HTML-escaped. `name` makes the table's HTML id
    (T_newslens_<name>), so two tables on one page never share one.
    """
    shown = table.head(MAX_ROWS_SHOWN if limit is None else limit)
    styler = shown.style.hide(axis="index").format(precision=2, escape="html")
    styler = styler.set_uuid(f"newslens_{name}")
    styles = {c: [{"selector": "td", "props": "text-align: left;"}] for c in left if c in shown}
    return styler.set_table_styles(styles).to_html() if styles else styler.to_html()


def _table_output(table: pd.DataFrame, name: str, left: tuple[str, ...] = ()) -> dict:
    """An output-area item showing the table (HTML, with its text form as the plain fallback)."""
    return {"output_type": "display_data", "metadata": {},
            "data": {"text/html": table_html(table, left, name=name),
                     "text/plain": table.head(MAX_ROWS_SHOWN).to_string(index=False)}}


def _figure_output(draw: Callable, size: tuple[float, float]) -> dict:
    """An output-area item with a PNG of a figure drawn by `draw(ax)` (no pyplot state involved)."""
    from matplotlib.figure import Figure

    fig = Figure(figsize=size)
    draw(fig.subplots())
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=CHART_DPI, bbox_inches="tight")
    return {"output_type": "display_data", "metadata": {},
            "data": {"image/png": base64.b64encode(buf.getvalue()).decode("ascii"),
                     "text/plain": "<key terms chart>"}}


class Explorer:
    """A widget box with its controls, its current table, and a static fallback of that table."""

    def __init__(self, name: str, controls: dict, update: Callable[[], Update]):
        """Lay out `controls`, a status line and an output area; `update()` fills the last two."""
        import ipywidgets as widgets

        self.name, self.controls, self._update = name, controls, update
        self.status = widgets.HTML()
        self.output = widgets.Output()
        self.status.add_class("newslens-status")
        self.output.add_class("newslens-output")
        self.widget = widgets.VBox([widgets.HBox(list(controls.values())), self.status, self.output])
        self.widget.add_class(f"newslens-{name}")
        self.table, self.message = pd.DataFrame(), ""
        for control in controls.values():
            control.observe(self.refresh, names="value")
        self.refresh()

    def refresh(self, change=None) -> None:
        """Recompute the table from the controls' values and show it (an error shows as a message)."""
        try:
            self.message, outputs, self.table = self._update()
        except ValueError as exc:
            self.message, outputs, self.table = f"⚠ {exc}", [], pd.DataFrame()
        if len(self.table) > MAX_ROWS_SHOWN:
            self.message += f" (the first {MAX_ROWS_SHOWN} are shown)"
        self.output.outputs = tuple(outputs)  # the table first: a changed status means it is shown
        self.status.value = f"<b>{_escape(self.message)}</b>"

    def _repr_mimebundle_(self, include=None, exclude=None) -> dict:
        """The live widget, with the current table as the HTML and text fallback."""
        bundle = self.widget._repr_mimebundle_()
        shown = self.table.head(MAX_ROWS_SHOWN)
        bundle["text/plain"] = f"{self.message}\n{shown.to_string(index=False)}"
        bundle["text/html"] = f"<p>{self.status.value}</p>{table_html(shown, name=self.name + '_static')}"
        return bundle


def _escape(text: str) -> str:
    """Text made safe to put inside HTML."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def concordance_explorer(articles: pd.DataFrame, query: str = "", outlet: str = ALL_OUTLETS,
                         window: int = KWIC_WINDOW) -> Explorer:
    """A text box and an outlet filter over `concordance_table`; the lines update as you type.

    On a corpus larger than LIVE_TYPING_MAX_CHARS the box updates on Enter instead of every key.
    """
    import ipywidgets as widgets

    choices = outlet_choices(articles)
    _check_choice(outlet, choices, "outlet")
    live = int(articles["text"].str.len().sum()) <= LIVE_TYPING_MAX_CHARS
    box = widgets.Text(value=query, description="Word", continuous_update=live,
                       placeholder="type a word or phrase" + ("" if live else ", then Enter"))
    pick = widgets.Dropdown(options=choices, value=outlet, description="Outlet")

    def update():
        table = concordance_table(articles, box.value, pick.value, window)
        shown = _table_output(table, "concordance", ("outlet", "article_id", "match", "right"))
        return concordance_summary(table, box.value), [shown], table

    return Explorer("concordance", {"query": box, "outlet": pick}, update)


def speaker_explorer(quotes: pd.DataFrame, articles: pd.DataFrame, speaker: str | None = None) -> Explorer:
    """A speaker menu over `speaker_quotes`: every quotation of the chosen speaker, by outlet."""
    import ipywidgets as widgets

    choices = speaker_choices(quotes)
    if not choices:
        raise ExploreError("the quotes table has no named speaker to choose from")
    names = [s for s, _ in choices]
    speaker = names[0] if speaker is None else speaker
    _check_choice(speaker, names, "speaker")
    pick = widgets.Dropdown(options=[(f"{s} ({n})", s) for s, n in choices], value=speaker,
                            description="Speaker")

    def update():
        table = speaker_quotes(quotes, articles, pick.value)
        shown = _table_output(table, "speaker", tuple(SPEAKER_COLUMNS))
        return speaker_summary(table, pick.value), [shown], table

    return Explorer("speaker", {"speaker": pick}, update)


def outlet_explorer(articles: pd.DataFrame, keyness_table: pd.DataFrame, outlet: str | None = None,
                    measure: str = "g2", top: int = TOP_TERMS, min_g2: float | None = None) -> Explorer:
    """An outlet menu and a keyness-measure menu over `outlet_key_terms`: chart and table."""
    import ipywidgets as widgets

    names = outlet_order(articles)
    outlet = names[0] if outlet is None else outlet
    _check_choice(outlet, names, "outlet")
    _check_choice(measure, list(MEASURES), "keyness measure")
    colors = outlet_colors(names)
    pick = widgets.Dropdown(options=names, value=outlet, description="Outlet")
    how = widgets.Dropdown(options=[(label, key) for key, label in MEASURES.items()], value=measure,
                           description="Measure")

    def update():
        table = outlet_key_terms(keyness_table, pick.value, how.value, top, min_g2)
        title = key_terms_title(table, pick.value, how.value)
        chart = _figure_output(lambda ax: plot_key_terms(table, colors[pick.value], ax, title),
                               (8, 0.3 * max(len(table), 4) + 1.2))
        return title, [chart, _table_output(table, "outlet", ("term", "display", "measure"))], table

    return Explorer("outlet", {"outlet": pick, "measure": how}, update)
