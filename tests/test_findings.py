"""Findings helpers: grammatical counts and lists, percentages, corpus notes and their fingerprint."""
import pandas as pd
import pytest

import helpers
from newslens.findings import FindingsError, parse_notes


def test_plural_counts_one_and_many_with_thousands_separators():
    assert helpers.plural(1, "article") == "1 article"
    assert helpers.plural(0, "article") == "0 articles"
    assert helpers.plural(2345, "quotation") == "2,345 quotations"
    assert helpers.plural(2, "person", "people") == "2 people"


def test_listing_joins_with_commas_and_a_conjunction():
    assert helpers.listing([]) == "none"
    assert helpers.listing(["AFP"]) == "AFP"
    assert helpers.listing(["AFP", "Reuters"]) == "AFP and Reuters"
    assert helpers.listing(["a", "b", "c"], "or") == "a, b or c"


def test_percent_rounds_and_keeps_tiny_shares_visible():
    assert helpers.percent(0.454) == "45%"
    assert helpers.percent(1.0) == "100%"
    assert helpers.percent(0.001) == "<1%"
    assert helpers.percent(0.0) == "0%"


def _table(texts):
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(len(texts))], "outlet": ["X"] * len(texts), "text": texts})


def test_fingerprint_ignores_row_order_and_changes_with_any_text():
    one = _table(["first text", "second text"])
    assert helpers.corpus_fingerprint(one) == helpers.corpus_fingerprint(one.iloc[::-1])
    assert helpers.corpus_fingerprint(one) != helpers.corpus_fingerprint(_table(["first text", "second text."]))
    assert len(helpers.corpus_fingerprint(one)) == 16


def test_notes_are_shown_only_for_the_articles_they_describe(tmp_path):
    table = _table(["a text"])
    (tmp_path / "notes.md").write_text(
        f"<!-- comment -->\nfingerprint: {helpers.corpus_fingerprint(table)}\n\n## 01-x\nLine one.\n\nLine two.\n## 02-y\nOther.\n",
        encoding="utf-8")
    notes = helpers.corpus_notes(tmp_path, table)
    assert notes.status == "" and notes.sections == {"01-x": "Line one.\n\nLine two.", "02-y": "Other."}
    assert notes.text("01-x").splitlines()[-3:] == ["> Line one.", ">", "> Line two."]
    assert notes.text("missing") == ""
    other = helpers.corpus_notes(tmp_path, _table(["another text"]))
    assert other.sections == {} and "another set of articles" in other.status


def test_a_folder_without_notes_has_none(tmp_path):
    notes = helpers.corpus_notes(tmp_path, _table(["x"]))
    assert (notes.sections, notes.status) == ({}, "")


def test_notes_without_fingerprint_or_with_a_repeated_section_are_refused():
    with pytest.raises(FindingsError, match="fingerprint"):
        parse_notes("## 01-x\ntext\n")
    with pytest.raises(FindingsError, match="twice"):
        parse_notes("fingerprint: 0123456789abcdef\n## a\nx\n## a\ny\n")
