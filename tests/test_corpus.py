"""Loader, cleaning and bad-input tests. Expected values are read off the seed files by hand."""
import os
import warnings

import pandas as pd
import pytest

import helpers
from newslens.corpus import _any_pattern, clean_text, header_kind, load_boilerplate_patterns, normalise_text
from newslens.tokens import word_count

from conftest import ROOT

SEED_IDS = [
    "000_4aabf3e070642ad6", "001_afb79046292409a7", "002_8d4b8ab6dd9aa9b4",
    "003_fed1982a6e55a3ec", "004_3cd444e6b2663655",
]
HEADER = "file,outlet,url,date,date_basis,author,title,wire_source,translated_from\n"


def write_corpus(folder, files, metadata=None):
    """Make a corpus folder: {name: text or bytes} plus an optional metadata.csv text."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, body in files.items():
        path = folder / name
        path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    if metadata is not None:
        (folder / "metadata.csv").write_text(metadata, encoding="utf-8")
    return folder


# --- the seed corpus ---------------------------------------------------------------------------

def test_one_row_per_seed_article_in_file_name_order(articles):
    assert articles["article_id"].tolist() == SEED_IDS


def test_required_columns_and_types(articles):
    for col in ["article_id", "outlet", "date", "title", "author", "url", "wire_source",
                "translated_from", "text", "n_words", "removed"]:
        assert col in articles.columns, col
    assert "raw_text" not in articles.columns  # opt-in: load_corpus(keep_raw=True)
    assert str(articles["date"].dtype).startswith("datetime64")
    assert articles["n_words"].dtype == "int64"


def test_metadata_values_come_from_metadata_csv(articles):
    row = articles.set_index("article_id").loc["002_8d4b8ab6dd9aa9b4"]
    assert row["outlet"] == "Amsterdam Times"
    assert row["date"] == pd.Timestamp("2023-01-13")
    assert row["wire_source"] == "AFP"
    assert row["translated_from"].startswith("French")
    assert articles.set_index("article_id").loc["000_4aabf3e070642ad6", "author"] == "Olha Povaliaieva"


def test_title_byline_and_dateline_are_not_body_text(articles):
    text = articles.set_index("article_id").loc["000_4aabf3e070642ad6", "text"]
    assert text.startswith("Ukrainian Armed Forces 24/7 repeal the offensive on Bakhmut and Soledar\n")
    assert "by Olha Povaliaieva" not in text
    assert "Thursday, January 12, 2023" not in text
    assert "Stoltenberg Calls for" not in text
    text4 = articles.set_index("article_id").loc["004_3cd444e6b2663655", "text"]
    assert text4.startswith("Kiev: Russia said it had breached")


def test_site_furniture_is_removed_and_recorded(articles):
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert texts["000_4aabf3e070642ad6"].endswith("volunteers continue to evacuate residents from Bakhmut.")
    assert texts["002_8d4b8ab6dd9aa9b4"].endswith("The consideration was not specified.")
    assert texts["004_3cd444e6b2663655"].endswith("Volodymyr Zelensky Said in the evening address.")
    assert "twitter.com" not in texts["003_fed1982a6e55a3ec"]
    report = helpers.cleaning_report(articles)
    # hand count: 000 title x2, byline, dateline, "You will be interested"; 002 one footer line;
    # 003 one bare URL; 004 title, "Leave a Reply", the comment-form line, "error: Content is protected !!"
    assert report.groupby("article_id").size().to_dict() == {
        "000_4aabf3e070642ad6": 5, "002_8d4b8ab6dd9aa9b4": 1,
        "003_fed1982a6e55a3ec": 1, "004_3cd444e6b2663655": 4,
    }
    assert set(report["reason"]) >= {"title", "byline", "dateline", "you-will-be-interested",
                                     "originally-published", "bare-url", "leave-a-reply",
                                     "content-protected"}


def test_odd_spaces_are_plain_and_quotes_stay_as_written(articles):
    text = articles.set_index("article_id").loc["000_4aabf3e070642ad6", "text"]
    assert "Hanna Maliar reports" in text  # a no-break space plus a space in the file
    assert "\u00a0" not in "".join(articles["text"])
    raw2 = (ROOT / "corpus" / "002_8d4b8ab6dd9aa9b4.txt").read_text(encoding="utf-8")
    text2 = articles.set_index("article_id").loc["002_8d4b8ab6dd9aa9b4", "text"]
    for mark in "“”‘’":
        assert text2.count(mark) == raw2.count(mark), mark
    assert text2.count("“") == 27  # counted in the seed file


def test_raw_text_is_the_file_as_read_when_asked(articles):
    with_raw = helpers.load_corpus(keep_raw=True)
    path = ROOT / "corpus" / "001_afb79046292409a7.txt"
    assert with_raw.loc[1, "raw_text"] == path.read_text(encoding="utf-8")
    assert list(with_raw.columns) == list(articles.columns[:11]) + ["raw_text"] + list(articles.columns[11:])
    pd.testing.assert_frame_equal(with_raw.drop(columns=["raw_text"]), articles)


def test_joined_furniture_pattern_matches_exactly_when_one_pattern_does():
    patterns = load_boilerplate_patterns()
    joined = _any_pattern(tuple((rx.pattern, rx.flags) for _, rx in patterns))
    assert joined is not None
    for line in ["Leave a Reply", "Share this:", "https://example.org/x", "Advertisement",
                 "Leave a reply to the minister", "The town fell.", "Read more about it: here"]:
        assert bool(joined.fullmatch(line)) == any(rx.fullmatch(line) for _, rx in patterns), line
    # back-references would change meaning when patterns are joined: no joined pattern then
    assert _any_pattern(((r"(a)\1", 0), ("b", 0))) is None
    assert _any_pattern((("(?i)a", 0),)) is None


def test_n_words_counts_tokens_of_the_clean_text(articles):
    assert (articles["n_words"] == articles["text"].map(word_count)).all()
    # hand count of the 000 subtitle line: Ukrainian Armed Forces 24 7 repeal the offensive on Bakhmut and Soledar
    assert word_count("Ukrainian Armed Forces 24/7 repeal the offensive on Bakhmut and Soledar") == 12


def test_default_path_works_from_the_notebooks_folder(monkeypatch):
    monkeypatch.chdir(ROOT / "notebooks")
    assert helpers.load_corpus()["article_id"].tolist() == SEED_IDS
    monkeypatch.chdir(ROOT)
    assert len(helpers.load_corpus()) == 5


# --- cleaning rules ----------------------------------------------------------------------------

def test_normalise_text_spaces_nfc_and_line_endings():
    raw = "Cafe\u0301\u00a0 and\u2009thin\u200b\r\nnext  line\t end "
    assert normalise_text(raw) == "Café and thin\nnext line end"


@pytest.mark.parametrize("line,kind", [
    ("By Jane Doe", "byline"),
    ("by Olha Povaliaieva", "byline"),
    ("Thursday, January 12, 2023", "dateline"),
    ("12 January 2023", "dateline"),
    ("Jan. 12, 2023 10:30 am GMT", "dateline"),
    ("2023-01-12", "dateline"),
    ("Soledar Falls, Officials Say", "title"),
    ("The town of Soledar fell on Friday.", None),
])
def test_header_kinds(line, kind):
    assert header_kind(line, title="Soledar falls, officials say", author="") == kind


def test_header_lines_are_removed_only_at_the_top():
    raw = "Big News\nBy A. Writer\n\nFirst line of the story.\nBig News\nMore text."
    text, removed = clean_text(raw, title="Big News")
    assert text == "First line of the story.\nBig News\nMore text."
    assert removed == [("title", "Big News"), ("byline", "By A. Writer")]


def test_furniture_anywhere_and_paragraph_breaks_kept():
    raw = "Story starts.\n\n\n\nShare this:\nhttps://example.org/x\nStory ends.\nLeave a Reply\n"
    text, removed = clean_text(raw)
    assert text == "Story starts.\n\nStory ends."
    assert [r for r, _ in removed] == ["share-buttons", "bare-url", "leave-a-reply"]


# --- adding articles ---------------------------------------------------------------------------

def test_article_without_metadata_row_loads_with_a_warning_naming_it(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Alpha story.", "b.txt": "Beta story.", "c.txt": "Gamma."},
                          HEADER + "a.txt,Outlet A,,2023-01-02,,,,,\n")
    with pytest.warns(helpers.CorpusWarning, match=r"2 article\(s\).*b\.txt, c\.txt") as record:
        arts = helpers.load_corpus(folder)
    assert len(record) == 1
    assert arts["outlet"].tolist() == ["Outlet A", "b", "c"]
    assert arts["date"].isna().tolist() == [False, True, True]


def test_folder_without_metadata_file_loads(tmp_path):
    folder = write_corpus(tmp_path / "c", {"x.txt": "\ufeffText with a byte-order mark."})
    with pytest.warns(helpers.CorpusWarning):
        arts = helpers.load_corpus(folder)
    assert arts.loc[0, "text"] == "Text with a byte-order mark."


# --- bad input: one clear CorpusError each -----------------------------------------------------

def load_error(folder) -> str:
    """The message of the CorpusError that loading `folder` raises."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pytest.raises(helpers.CorpusError) as err:
            helpers.load_corpus(folder)
    assert isinstance(err.value, ValueError)
    return str(err.value)


def test_missing_folder(tmp_path):
    assert "nothere/ does not exist" in load_error(tmp_path / "nothere")


def test_folder_without_txt_files(tmp_path):
    folder = write_corpus(tmp_path / "c", {"notes.md": "x"})
    assert "has no .txt files" in load_error(folder)


def test_non_utf8_file_says_where(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": b"line one\ncaf\xe9 au lait"})
    msg = load_error(folder)
    assert "a.txt: not UTF-8" in msg and "byte 12" in msg and "line 2" in msg


def test_empty_file(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Fine.", "blank.txt": "  \n\n"})
    assert "blank.txt: the file is empty" in load_error(folder)


def test_metadata_row_without_its_file(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Fine."},
                          HEADER + "a.txt,A,,2023-01-01,,,,,\nmissing.txt,B,,2023-01-01,,,,,\n")
    msg = load_error(folder)
    assert "line 3" in msg and "'missing.txt' does not exist" in msg


@pytest.mark.parametrize("bad", ["2023-13-45", "12/01/2023", "January 12"])
def test_malformed_date(tmp_path, bad):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Fine."}, HEADER + f"a.txt,A,,{bad},,,,,\n")
    msg = load_error(folder)
    assert "line 2" in msg and repr(bad) in msg and "YYYY-MM-DD" in msg


def test_duplicate_ids(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Fine."},
                          HEADER + "a.txt,A,,2023-01-01,,,,,\na.txt,A2,,2023-01-02,,,,,\n")
    msg = load_error(folder)
    assert "duplicate article id 'a'" in msg and "line 3" in msg and "line 2" in msg


def test_metadata_missing_required_columns(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Fine."}, "file,url\na.txt,http://x\n")
    msg = load_error(folder)
    assert "missing required column(s) outlet, date" in msg


@pytest.mark.parametrize("name", ["../x.txt", "/etc/x.txt", "sub/x.txt"])
def test_metadata_row_outside_the_folder_is_refused(tmp_path, name):
    (tmp_path / "x.txt").write_text("Outside.", encoding="utf-8")
    folder = write_corpus(tmp_path / "c", {"a.txt": "Fine."}, HEADER + f"{name},A,,2023-01-01,,,,,\n")
    assert "outside the corpus folder" in load_error(folder)


def test_errors_do_not_leak_absolute_paths(tmp_path):
    msg = load_error(tmp_path / "nothere")
    assert str(tmp_path) not in msg and os.sep + "tmp" not in msg


def test_article_files_in_name_order_txt_files_only(tmp_path):
    from newslens.corpus import _article_files
    for name in ["b.txt", "a.txt", "B.txt", "notes.md", "c.TXT"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()  # a folder is not an article
    assert [p.name for p in _article_files(tmp_path)] == ["B.txt", "a.txt", "b.txt"]  # code-point order
    assert all(p.parent == tmp_path for p in _article_files(tmp_path))
