"""The explorers' back-ends and widgets, on small hand-made tables whose answers are counted by hand.

Back-ends: concordance_table, outlet_choices, speaker_choices, speaker_quotes, sentence_at,
outlet_key_terms, key_terms_title, plot_key_terms. Widgets: each builder is driven by setting its
controls' values (what a click or a keystroke does) and its table and output are read back.
"""
import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402

import helpers  # noqa: E402
from newslens import explore  # noqa: E402

# Beta News publishes first (1 Jan), so the house order is Beta News, then Alpha Post.
TEXTS = {
    "a1": 'The war in Soledar goes on. Soledar fell, officials said.\n'
          '"We will stay," Ivan Petrov said, "and fight." "No comment," Olga said.',
    "a2": "Soledar is small. The war goes on, according to Ivan Petrov.",
    "a3": "Nothing about the town here.",
}
OUTLETS = {"a1": "Alpha Post", "a2": "Beta News", "a3": "Alpha Post"}
DATES = {"a1": "2023-01-02", "a2": "2023-01-01", "a3": "2023-01-03"}


@pytest.fixture()
def tiny():
    """Three articles from two outlets."""
    ids = list(TEXTS)
    return pd.DataFrame({
        "article_id": ids, "outlet": [OUTLETS[i] for i in ids],
        "date": pd.to_datetime([DATES[i] for i in ids]), "text": [TEXTS[i] for i in ids],
    })


def _quote_row(aid, phrase, kind, speaker, cue, group, quote=None):
    """A quotes-table row whose start is where `phrase` begins in article `aid`."""
    start = TEXTS[aid].index(phrase)
    return {"article_id": aid, "outlet": OUTLETS[aid], "start": start, "end": start + len(phrase),
            "kind": kind, "quote": quote if quote is not None else phrase.strip('"'),
            "speaker": speaker, "cue": cue, "group": group}


@pytest.fixture()
def quotes():
    """Ivan Petrov: one direct quotation of two spans (a1) and one indirect (a2); Olga: one; one unattributed."""
    return pd.DataFrame([
        _quote_row("a1", '"We will stay,"', "direct", "Ivan Petrov", "said", 1, "We will stay,"),
        _quote_row("a1", '"and fight."', "direct", "Ivan Petrov", "", 1, "and fight."),
        _quote_row("a1", '"No comment,"', "direct", "Olga", "said", 2, "No comment,"),
        _quote_row("a2", "The war goes on", "indirect", "Ivan Petrov", "according to", 1),
        _quote_row("a1", "Soledar fell", "indirect", "", "said", 3),
    ])


# ---------------------------------------------------------------- concordance


def test_outlet_choices_start_with_all_then_house_order(tiny):
    assert explore.outlet_choices(tiny) == ["All outlets", "Beta News", "Alpha Post"]


def test_concordance_counts_every_match_outlets_in_house_order(tiny):
    table = explore.concordance_table(tiny, "soledar")
    # by hand: a1 has "Soledar" twice, a2 once, a3 never; Beta News (a2) comes first
    assert list(table.columns) == explore.CONCORDANCE_COLUMNS
    assert table["outlet"].tolist() == ["Beta News", "Alpha Post", "Alpha Post"]
    assert table["match"].tolist() == ["Soledar"] * 3
    assert table["left"].tolist() == ["", "The war in", "The war in Soledar goes on."]
    # six tokens of right context; the comma after "on" is not a token
    assert table["right"].iat[0] == "is small. The war goes on"


def test_concordance_outlet_filter_and_case_and_phrases(tiny):
    assert len(explore.concordance_table(tiny, "SOLEDAR", "Alpha Post")) == 2
    assert len(explore.concordance_table(tiny, "soledar", "Beta News")) == 1
    # "the war" starts a sentence in a1 and in a2
    assert explore.concordance_table(tiny, "the war")["article_id"].tolist() == ["a2", "a1"]
    assert explore.concordance_table(tiny, "town", "Beta News").empty


def test_blank_query_gives_an_empty_table_with_the_columns(tiny):
    table = explore.concordance_table(tiny, "   ")
    assert table.empty and list(table.columns) == explore.CONCORDANCE_COLUMNS


def test_concordance_bad_input_is_explained(tiny):
    with pytest.raises(explore.ExploreError, match="unknown outlet 'Gamma'.*'Beta News'"):
        explore.concordance_table(tiny, "war", "Gamma")
    with pytest.raises(explore.ExploreError, match=r"lacks column\(s\) \['text'\]"):
        explore.concordance_table(tiny.drop(columns="text"), "war")
    with pytest.raises(explore.ExploreError, match="must be text"):
        explore.concordance_table(tiny, 42)
    with pytest.raises(ValueError, match="no word"):
        explore.concordance_table(tiny, "?!")


# ---------------------------------------------------------------- speakers


def test_speaker_choices_count_quotations_not_spans(quotes):
    # Ivan's two spans in one sentence are one quotation; the unattributed row is left out
    assert explore.speaker_choices(quotes) == [("Ivan Petrov", 2), ("Olga", 1)]


def test_speaker_choices_break_ties_by_name(quotes):
    anna = _quote_row("a2", "Soledar is small", "indirect", "Anna", "said", 2)
    assert explore.speaker_choices(pd.concat([quotes, pd.DataFrame([anna])])) == [
        ("Ivan Petrov", 2), ("Anna", 1), ("Olga", 1)]


def test_sentence_at_finds_the_sentence_around_an_offset():
    text = TEXTS["a2"]
    assert explore.sentence_at(text, text.index("small")) == "Soledar is small."
    assert explore.sentence_at(text, text.index("Ivan")) == "The war goes on, according to Ivan Petrov."
    assert explore.sentence_at(text, len(text) + 5) == ""


def test_sentences_at_splits_once_for_many_offsets():
    text = TEXTS["a1"]
    offsets = [0, text.index("fell"), text.index("Olga"), text.index("\n")]
    assert explore.sentences_at(text, offsets) == [
        "The war in Soledar goes on.", "Soledar fell, officials said.", '"No comment," Olga said.', ""]


def test_speaker_quotes_one_row_per_quotation_with_kind_cue_sentence(quotes, tiny):
    table = explore.speaker_quotes(quotes, tiny, "Ivan Petrov")
    assert list(table.columns) == explore.SPEAKER_COLUMNS
    assert table["outlet"].tolist() == ["Beta News", "Alpha Post"]
    assert table["kind"].tolist() == ["indirect", "direct"]
    assert table["cue"].tolist() == ["according to", "said"]
    assert table["quote"].iat[1] == "We will stay, … and fight."
    assert table["sentence"].tolist() == [
        "The war goes on, according to Ivan Petrov.",
        '"We will stay," Ivan Petrov said, "and fight."',
    ]


def test_speaker_quotes_bad_input_is_explained(quotes, tiny):
    with pytest.raises(explore.ExploreError, match="unknown speaker 'Nobody'.*'Ivan Petrov'"):
        explore.speaker_quotes(quotes, tiny, "Nobody")
    with pytest.raises(explore.ExploreError, match=r"lacks column\(s\) \['cue'\]"):
        explore.speaker_quotes(quotes.drop(columns="cue"), tiny, "Olga")
    with pytest.raises(explore.ExploreError, match="not in articles"):
        explore.speaker_quotes(quotes, tiny[tiny["article_id"] != "a1"], "Olga")


# ---------------------------------------------------------------- outlet key terms


def _keyness_row(term, g2, log_ratio, passes_g2=True, passes_freq=True, stop=False, target="A"):
    """A keyness-table row with the columns outlet_key_terms reads."""
    return {"target": target, "reference": "rest of corpus", "term": term, "display": term.title(),
            "f_target": 5, "f_reference": 1, "n_target": 100, "n_reference": 300,
            "per_10k_target": 500.0, "per_10k_reference": 33.3, "g2": g2, "log_ratio": log_ratio,
            "pct_diff": 10 * log_ratio, "log_odds_z": log_ratio / 2, "bic": g2 - 6,
            "passes_g2": passes_g2, "passes_freq": passes_freq, "passes_range": True,
            "is_stopword": stop}


@pytest.fixture()
def keyness_table():
    """Target A: x and y are key; z underused; 'the' a stop word; w weak; v too rare; B another target."""
    return pd.DataFrame([
        _keyness_row("the", 25.0, 0.5, stop=True),
        _keyness_row("x", 20.0, 1.0),
        _keyness_row("y", 16.0, 3.0),
        _keyness_row("z", -18.0, -2.0),
        _keyness_row("w", 5.0, 4.0, passes_g2=False),
        _keyness_row("v", 30.0, 5.0, passes_freq=False),
        _keyness_row("q", 40.0, 6.0, target="B"),
    ])


def test_key_terms_ranked_by_the_chosen_measure(keyness_table):
    by_g2 = explore.outlet_key_terms(keyness_table, "A", "g2")
    assert by_g2["term"].tolist() == ["x", "y"] and by_g2["rank"].tolist() == [1, 2]
    assert by_g2["score"].tolist() == [20.0, 16.0] and set(by_g2["measure"]) == {"g2"}
    assert explore.outlet_key_terms(keyness_table, "A", "log_ratio")["term"].tolist() == ["y", "x"]
    assert explore.outlet_key_terms(keyness_table, "A", "pct_diff")["score"].tolist() == [30.0, 10.0]


def test_key_terms_threshold_stopwords_and_top(keyness_table):
    assert explore.outlet_key_terms(keyness_table, "A", "g2", min_g2=4)["term"].tolist() == ["x", "y", "w"]
    assert explore.outlet_key_terms(keyness_table, "A", "g2", drop_stopwords=False)["term"].tolist() == ["the", "x", "y"]
    assert explore.outlet_key_terms(keyness_table, "A", "g2", top=1)["term"].tolist() == ["x"]
    assert explore.outlet_key_terms(keyness_table, "B")["term"].tolist() == ["q"]


def test_key_terms_ties_broken_by_term(keyness_table):
    tied = pd.DataFrame([_keyness_row("b", 20.0, 1.0), _keyness_row("a", 20.0, 1.0)])
    assert explore.outlet_key_terms(tied, "A")["term"].tolist() == ["a", "b"]


def test_key_terms_bad_input_is_explained(keyness_table):
    with pytest.raises(explore.ExploreError, match="unknown keyness measure 'mi'"):
        explore.outlet_key_terms(keyness_table, "A", "mi")
    with pytest.raises(explore.ExploreError, match="unknown outlet 'C'"):
        explore.outlet_key_terms(keyness_table, "C")
    with pytest.raises(explore.ExploreError, match="top must be"):
        explore.outlet_key_terms(keyness_table, "A", top=0)
    with pytest.raises(explore.ExploreError, match="helpers.keyness"):
        explore.outlet_key_terms(keyness_table.drop(columns="bic"), "A")


def test_key_terms_from_real_keyness_of_a_hand_made_corpus():
    # "drone" 6 times in A (6 + 6 + 15 = 27 tokens) and never in B or C: A's strongest key term
    texts = ["drone strike " * 3 + "drone attack " * 3 + "the town was quiet today " * 3,
             "the town was quiet today and the market opened " * 2, "people said the town was calm " * 3]
    arts = pd.DataFrame({"article_id": ["1", "2", "3"], "outlet": ["A", "B", "C"],
                         "date": pd.to_datetime(["2023-01-01"] * 3), "text": texts})
    table = explore.outlet_key_terms(helpers.keyness(arts, min_range=1), "A", "g2", min_g2=0)
    assert table["term"].iat[0] == "drone"
    assert (table["f_target"].iat[0], table["f_reference"].iat[0], table["n_target"].iat[0]) == (6, 0, 27)


def test_plot_key_terms_draws_strongest_on_top(keyness_table):
    table = explore.outlet_key_terms(keyness_table, "A", "log_ratio")
    fig, ax = plt.subplots()
    out = explore.plot_key_terms(table, color="#D55E00", ax=ax, title="t")
    assert out is ax and ax.get_title() == "t"
    assert [p.get_width() for p in ax.patches] == [1.0, 3.0]  # drawn bottom-up: y (3.0) on top
    assert [t.get_text() for t in ax.get_yticklabels()] == ["X", "Y"]
    assert ax.get_xlabel() == "Log Ratio"
    plt.close(fig)


def test_key_terms_title_states_the_finding_and_n(keyness_table):
    table = explore.outlet_key_terms(keyness_table, "A", "g2")
    title = explore.key_terms_title(table, "A", "g2")
    assert title.startswith("“X” is the most distinctive word of A by log-likelihood (G2)")
    assert "N=100 words vs 300 in the rest; 2 key terms" in title
    assert explore.key_terms_title(table.iloc[0:0], "A", "g2").startswith("No word passes")


# ---------------------------------------------------------------- widgets


def test_concordance_explorer_updates_when_typing_and_filtering(tiny):
    ex = explore.concordance_explorer(tiny)
    assert ex.table.empty and ex.message.startswith("Type a word")
    ex.controls["query"].value = "soledar"
    assert len(ex.table) == 3 and ex.message == "3 lines of “soledar” in 2 outlets"
    ex.controls["outlet"].value = "Beta News"
    assert ex.table["outlet"].tolist() == ["Beta News"]
    html = ex.output.outputs[0]["data"]["text/html"]
    assert html.count("<tr>") == 2 and "Soledar" in html  # header row + one line
    ex.controls["query"].value = "?!"
    assert ex.table.empty and ex.message.startswith("⚠") and ex.output.outputs == ()


def test_concordance_explorer_waits_for_enter_on_a_big_corpus(tiny, monkeypatch):
    assert explore.concordance_explorer(tiny).controls["query"].continuous_update
    longest = max(len(t) for t in TEXTS.values())
    monkeypatch.setattr(explore, "LIVE_TYPING_MAX_CHARS", longest)  # the three texts together are longer
    box = explore.concordance_explorer(tiny).controls["query"]
    assert not box.continuous_update and box.placeholder.endswith("then Enter")


def test_explorer_says_when_it_shows_only_the_first_rows(tiny, monkeypatch):
    monkeypatch.setattr(explore, "MAX_ROWS_SHOWN", 2)
    ex = explore.concordance_explorer(tiny, "soledar")  # 3 lines, by hand
    assert ex.message == "3 lines of “soledar” in 2 outlets (the first 2 are shown)"
    assert ex.output.outputs[0]["data"]["text/html"].count("<tr>") == 3  # header + 2 lines


def test_explorer_falls_back_to_the_same_table_where_widgets_do_not_render(tiny):
    ex = explore.concordance_explorer(tiny, "war")
    bundle = ex._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert bundle["text/plain"].splitlines()[0] == "2 lines of “war” in 2 outlets"
    assert bundle["text/html"].count("<tr>") == 3 and bundle["text/html"].count(">war<") == 2


def test_speaker_explorer_starts_with_most_quoted_and_follows_the_menu(quotes, tiny):
    ex = explore.speaker_explorer(quotes, tiny)
    assert ex.controls["speaker"].value == "Ivan Petrov" and len(ex.table) == 2
    assert ex.controls["speaker"].options[1] == ("Olga (1)", "Olga")
    ex.controls["speaker"].value = "Olga"
    assert ex.table["quote"].tolist() == ["No comment,"]
    assert ex.message == "Olga: 1 quotation in 1 outlet"


def test_outlet_explorer_shows_chart_and_table(keyness_table):
    arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["A", "B"],
                         "date": pd.to_datetime(["2023-01-01", "2023-01-02"]), "text": ["x", "q"]})
    ex = explore.outlet_explorer(arts, keyness_table)
    assert ex.controls["outlet"].value == "A" and ex.table["term"].tolist() == ["x", "y"]
    chart, table = ex.output.outputs
    assert "image/png" in chart["data"] and "<td" in table["data"]["text/html"]
    ex.controls["measure"].value = "log_ratio"
    assert ex.table["term"].tolist() == ["y", "x"]
    ex.controls["outlet"].value = "B"
    assert ex.table["term"].tolist() == ["q"] and "of B by Log Ratio" in ex.message


def test_builders_reject_unknown_start_values(tiny, quotes, keyness_table):
    with pytest.raises(explore.ExploreError, match="unknown outlet"):
        explore.concordance_explorer(tiny, outlet="Gamma")
    with pytest.raises(explore.ExploreError, match="unknown speaker"):
        explore.speaker_explorer(quotes, tiny, speaker="Nobody")
    with pytest.raises(explore.ExploreError, match="unknown keyness measure"):
        explore.outlet_explorer(tiny, keyness_table, measure="mi")


def test_table_html_escapes_text_hides_the_index_and_aligns_columns():
    table = pd.DataFrame({"quote": ['<b>"Hold"</b> & go'], "n": [1.5]})
    html = explore.table_html(table, left=("quote",), name="t")
    assert "&lt;b&gt;&#34;Hold&#34;&lt;/b&gt; &amp; go" in html and "<b>" not in html
    assert 'id="T_newslens_t"' in html and "td.col0" in html and "text-align: left" in html
    assert html.count("<th ") == 2  # the two column headers, no index column
    assert ">1.50<" in html
