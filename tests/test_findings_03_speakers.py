"""The findings notebook 03 states on the seed corpus, and how its helpers behave on other corpora.

The seed numbers are the old notebook's asserts (checked by hand against the five seed texts when
they were written); the notebook computes its sentences from these helpers on whatever corpus is
loaded, and these tests run the same helpers on the seed corpus. The other tests use corpora whose
quotations are counted by hand below: three articles of one outlet (tests/corpora.py) and three
articles on a vote in a legislature, where no speaker has a side the rules know.
"""
from __future__ import annotations

import csv

import pytest

import corpora
import helpers
from conftest import ROOT
from findings_support import load_quietly as load, order, parameter as notebook_parameter, quotes  # noqa: F401

NOTEBOOK = ROOT / "notebooks" / "03-speakers.ipynb"

# Three articles of two outlets on a vote in a legislature: speakers with no Ukrainian, Russian or
# Western descriptor, and no speaker of the seed corpus.
LEGISLATURE = {
    "vote-1.txt": ("Capitol Daily", """The Senate passed the highway funding bill on Thursday by a vote of 58 to 41.

"This is the most important investment in roads and bridges in a generation," said Senator Maria Delgado, who wrote the bill.

"We cannot keep borrowing from our grandchildren," Senator Tom Whitaker told reporters outside the chamber.
"""),
    "vote-2.txt": ("Plains Herald", """Lawmakers approved the highway bill on Thursday after two weeks of debate.

Delgado said the money would repair more than 40,000 bridges.

According to Whitaker, the bill spends too much on projects that have not been studied.
"""),
    "vote-3.txt": ("Capitol Daily", """The bill still faces a difficult vote in the House.

"The speaker does not have the votes yet," said Paul Greer, a political scientist at State University.
"""),
}


def parameter(name: str):
    """A value of this notebook's parameters cell."""
    return notebook_parameter(NOTEBOOK, name)


@pytest.fixture(scope="module")
def legislature(tmp_path_factory):
    folder = tmp_path_factory.mktemp("legislature")
    with open(folder / "metadata.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "outlet", "date"])
        for name, (outlet, text) in LEGISLATURE.items():
            (folder / name).write_text(text, encoding="utf-8")
            writer.writerow([name, outlet, "2025-05-01"])
    return folder


# ---------------------------------------------------------------- the seed findings


def test_80_attributed_quotations_and_one_without_a_speaker(quotes):
    totals = helpers.quotation_totals(quotes)
    assert (totals.n_rows, totals.n_quotations, totals.n_unattributed) == (81, 80, 1)
    assert totals.n_direct + totals.n_indirect == 80


def test_one_closing_mark_without_an_opening_one(articles):
    problems = helpers.quote_mark_problems(articles)
    assert len(problems) == 1 and problems["problem"].iloc[0] == "closing mark without an opening one"


def test_stoltenberg_is_quoted_most_then_maliar_with_five_of_six_direct(quotes):
    counts = helpers.speaker_counts(quotes, by=None)
    assert counts.iloc[0][["speaker", "total", "direct"]].tolist() == ["Jens Stoltenberg", 8, 4]
    assert counts.set_index("speaker").loc["Ganna Maliar", ["total", "direct"]].tolist() == [6, 5]


def test_only_zelensky_is_quoted_by_four_of_the_five_outlets(quotes):
    top = helpers.speaker_counts(quotes, by=None)["speaker"].head(parameter("HEATMAP_SPEAKERS")).tolist()
    reach = helpers.speaker_reach(quotes, top)
    assert reach.iloc[0][["speaker", "outlets"]].tolist() == ["Volodymyr Zelensky", 4]
    assert reach["outlets"].iloc[1] == 3


def test_amsterdam_times_quotes_91_percent_direct_sofrep_20(quotes, order):
    kinds = helpers.voice_table(quotes, "kind", order, ["direct", "indirect"])
    direct = helpers.ranked_shares(kinds, "direct", parameter("MIN_QUOTATIONS"))
    assert direct["outlet"].iloc[0] == "Amsterdam Times" and round(direct["share"].iloc[0], 2) == 0.91
    assert direct["outlet"].iloc[-1] == "SOFREP" and round(direct["share"].iloc[-1], 2) == 0.20


def test_organisations_speak_in_9_of_maa_bhaktis_quotations_and_9_percent_of_amsterdam_times(quotes, order):
    types = helpers.voice_table(quotes, "speaker_type", order, ["person", "organization", "anonymous"])
    shares = helpers.ranked_shares(types, "organization", parameter("MIN_QUOTATIONS"))
    assert shares.iloc[0][["outlet", "count"]].tolist() == ["Maa Bhakti", 9]
    assert shares["outlet"].iloc[-1] == "Amsterdam Times" and round(shares["share"].iloc[-1], 2) == 0.09


def test_western_voices_are_11_of_13_in_eurasia_business_today(quotes, order):
    sides = helpers.voice_table(quotes, "side", order, ["Ukraine", "Russia", "West", "Other", "unknown"])
    west = helpers.ranked_shares(sides, "West", parameter("MIN_QUOTATIONS"))
    assert west.iloc[0][["outlet", "count", "total"]].tolist() == ["Eurasia Business Today", 11, 13]
    assert sides.loc["Amsterdam Times", "Russia"] == sides.loc["Amsterdam Times", "Ukraine"] == 7
    assert sides.loc["SOFREP", "Russia"] == 6 and sides.loc["SOFREP"].sum() == 20
    assert sides.to_numpy().sum() == 80 and helpers.known_side_share(quotes) > parameter("MIN_KNOWN_SIDE")


def test_said_introduces_23_of_78_cued_quotations_amsterdam_times_uses_17_verbs(quotes):
    cues = helpers.cue_counts(quotes)
    assert helpers.cue_totals(cues).iloc[0].tolist() == ["said", 23]
    assert cues["quotations"].sum() == 78
    variety = helpers.cue_variety(cues, parameter("MIN_QUOTATIONS"))
    assert variety.iloc[0].tolist() == ["Amsterdam Times", 22, 17, "said", 3]
    at = cues[cues["outlet"] == "Amsterdam Times"].set_index("cue")
    assert at.loc["claimed", "quotations"] == 2


def test_malyar_finds_ganna_maliar_in_three_spellings_and_three_outlets(quotes, order):
    speaker, found = helpers.pick_speaker(quotes, parameter("SPEAKER"))
    assert (speaker, found) == ("Ganna Maliar", True)
    lines = helpers.speaker_lines(quotes, speaker, order)
    assert lines["outlet"].tolist() == ["Good Time Invest"] + ["Amsterdam Times"] * 3 + ["Maa Bhakti"] * 2
    assert helpers.printed_names(lines) == ["Ganna Maliar", "Hanna Maliar", "Hanna Malyar"]


def test_the_seed_notes_of_notebook_03_apply_to_the_seed_corpus(articles):
    notes = helpers.corpus_notes(ROOT / "corpus", articles)
    assert {"03-quote-marks", "03-most-quoted", "03-sides", "03-verbs", "03-one-speaker"} <= set(notes.sections)


# ---------------------------------------------------------------- other corpora


def test_an_article_without_quotations_gives_empty_tables_and_no_speaker(tmp_path):
    articles = load(corpora.quiet_article(tmp_path / "quiet"))
    quotes = helpers.extract_quotes(articles)
    totals = helpers.quotation_totals(quotes)
    assert (totals.n_quotations, totals.n_speakers, totals.n_articles) == (0, 0, 0)
    order = helpers.outlet_order(articles)
    kinds = helpers.voice_table(quotes, "kind", order, ["direct", "indirect"])
    assert kinds.shape == (1, 2) and kinds.to_numpy().sum() == 0
    assert helpers.ranked_shares(kinds, "direct").empty
    assert helpers.pick_speaker(quotes, "Malyar") == (None, False)
    assert helpers.cue_variety(helpers.cue_counts(quotes)).empty
    assert helpers.known_side_share(quotes) == 0


def test_one_outlet_falls_back_to_the_most_quoted_speaker(tmp_path):
    # Hand count: Mara Lind 2 (said, direct; said, indirect), Tomas Berg 2 (told, direct; said,
    # indirect), the harbour authority 1 (said, indirect). Ties go to the name first in order.
    articles = load(corpora.one_outlet(tmp_path / "one"))
    quotes = helpers.extract_quotes(articles)
    counts = helpers.speaker_counts(quotes, by=None)
    assert counts[["speaker", "total"]].head(2).values.tolist() == [["Mara Lind", 2], ["Tomas Berg", 2]]
    assert helpers.pick_speaker(quotes, "Malyar") == ("Mara Lind", False)
    assert helpers.pick_speaker(quotes, None) == ("Mara Lind", False)
    assert helpers.pick_speaker(quotes, "berg") == ("Tomas Berg", True)
    kinds = helpers.voice_table(quotes, "kind", ["Harbour Gazette"], ["direct", "indirect"])
    assert kinds.loc["Harbour Gazette"].tolist() == [2, 3]
    assert helpers.ranked_shares(kinds, "direct", min_total=6).empty  # 5 quotations: too few to be named


def test_no_side_is_known_when_no_speaker_is_described_by_one(legislature):
    # Delgado 2 (said, direct; said, indirect), Whitaker 2 (told, direct; according to), Greer 1.
    quotes = helpers.extract_quotes(load(legislature))
    totals = helpers.quotation_totals(quotes)
    assert (totals.n_quotations, totals.n_speakers, totals.n_direct) == (5, 3, 3)
    assert helpers.known_side_share(quotes) < parameter("MIN_KNOWN_SIDE")
    reach = helpers.speaker_reach(quotes, ["Maria Delgado", "Tom Whitaker", "Paul Greer"])
    assert reach[["speaker", "outlets"]].values.tolist() == [
        ["Maria Delgado", 2], ["Tom Whitaker", 2], ["Paul Greer", 1]]


def test_pooled_outlets_keep_every_quotation(tmp_path):
    articles = load(corpora.one_outlet(tmp_path / "one"))
    many = articles.assign(outlet=["A", "B", "C"])
    pooled = helpers.pool_outlets(many, 2)
    quotes = helpers.pooled_table(helpers.extract_quotes(many), pooled)
    assert set(quotes["outlet"]) <= {"A", "B", helpers.OTHER_OUTLETS}
    table = helpers.voice_table(quotes, "kind", helpers.outlet_order(pooled), ["direct", "indirect"])
    assert table.to_numpy().sum() == 5 and helpers.OTHER_OUTLETS not in set(helpers.ranked_shares(table, "direct")["outlet"])
