"""Loader, cleaning and bad-input tests. Expected values are read off the seed files by hand."""
import os
import warnings

import pandas as pd
import pytest

import helpers
from newslens.corpus import (
    _any_pattern, clean_text, header_kind, is_byline, list_folder, load_boilerplate_patterns, normalise_text,
)
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
    assert report.groupby("article_id", observed=True).size().to_dict() == {
        "000_4aabf3e070642ad6": 5, "002_8d4b8ab6dd9aa9b4": 1,
        "003_fed1982a6e55a3ec": 1, "004_3cd444e6b2663655": 4,
    }
    assert set(report["reason"]) >= {"title", "byline", "dateline", "you-will-be-interested",
                                     "originally-published", "bare-url", "leave-a-reply",
                                     "content-protected"}


# Every line cleaning removes from the seed files (read off the files: top lines that repeat the
# metadata title or author, a dateline, and the site furniture at the ends).
SEED_REMOVED = [
    ("000_4aabf3e070642ad6", "title", "Stoltenberg Calls for Ukraine’s Support to be Strengthened"),
    ("000_4aabf3e070642ad6", "byline", "by Olha Povaliaieva"),
    ("000_4aabf3e070642ad6", "dateline", "Thursday, January 12, 2023"),
    ("000_4aabf3e070642ad6", "title", "Stoltenberg Calls for Ukraine’s Support to be Strengthened"),
    ("000_4aabf3e070642ad6", "you-will-be-interested", "You will be interested"),
    ("002_8d4b8ab6dd9aa9b4", "originally-published", "This article is originally published on"),
    ("003_fed1982a6e55a3ec", "bare-url", "https://twitter.com/vicktop555/status/1613800933426860032"),
    ("004_3cd444e6b2663655", "title", "Ukraine: Russia announces battlefield gains after NATO boosts support for Ukraine"),
    ("004_3cd444e6b2663655", "leave-a-reply", "Leave a Reply"),
    ("004_3cd444e6b2663655", "comment-form", "Your email address will not be published. Required fields are marked *"),
    ("004_3cd444e6b2663655", "content-protected", "error: Content is protected !!"),
]


def test_the_seed_files_lose_exactly_their_header_and_furniture_lines(articles):
    report = helpers.cleaning_report(articles)
    assert list(report[["article_id", "reason", "line"]].itertuples(index=False, name=None)) == SEED_REMOVED


# The held-out sets' removed lines, read off their files: titles, bylines and datelines at the top
# (m01's title and byline since its metadata row was quoted correctly), one copyright footer.
HELDOUT_REMOVED = {
    "heldout": [
        ("h03_bbc-style", "title", "Ukraine grain: How is the country still exporting food through the Black Sea?"),
        ("h04_guardian-style", "title", "EU leaders agree €50bn package for Ukraine after marathon Brussels summit"),
        ("h05_aljazeera-style", "title", "Pakistan floods: Thousands displaced as Indus bursts banks in Sindh"),
        ("h06_kyivindependent-style", "title", "Russian glide bombs hit Kharkiv residential area, killing 4, as city braces for winter"),
        ("h07_afp-translated", "title", "Zaporijjia: the nuclear power plant again deprived of external electricity, Kiev and Moscow accuse each other"),
        ("h08_local-translated", "title", "In Uzhhorod district flood took away bridge, residents evacuate"),
    ],
    "heldout2": [],
    "heldout3": [
        ("m01_cnn-style", "title", "Russia-Ukraine war: Live updates from February 14, 2023"),
        ("m01_cnn-style", "byline", "By Marta Ellison, Jake Rourke and Olena Vasko"),
        ("m02_wapo-style", "title", "Ukraine’s first Leopard crews have weeks to learn what Germans learn in a year"),
        ("m02_wapo-style", "byline", "By Natalie Brennan and Serhii Kostenko"),
        ("m02_wapo-style", "dateline", "February 27, 2023 at 6:00 a.m. EST"),
        ("m03_afp-english", "title", "Russian shelling kills three in Kherson as battle rages for Vuhledar"),
        ("m04_moscowtimes-style", "title", "Kremlin Denies Second Mobilization Wave as Soldiers' Wives Demand Answers"),
        ("m05_pk-aggregator", "title", "Russia fires missiles barrage on Ukraine energy grid, Zelenskyy demands fighter jets"),
        ("m05_pk-aggregator", "copyright", "Copyright Reuters 2023"),
        ("m06_blog-digest", "title", "War in Ukraine – daily digest, 16 February 2023 (day 358)"),
    ],
    "heldout4": [
        ("n01_uk-broadsheet", "title", "Soledar: the salt town Russia says it has taken and Ukraine says it still holds"),
        ("n02_us-wire", "title", "Ukrainian troops dig in west of Bakhmut as Russian forces press from 3 sides"),
        ("n02_us-wire", "byline", "By ETHAN PRUITT and YULIIA STASIUK"),
        ("n02_us-wire", "dateline", "February 7, 2023"),
        ("n03_gulf-broadcaster", "title", "Ukraine confirms withdrawal from Soledar as battle shifts to Bakhmut"),
        ("n04_kyiv-translated", "title", "Occupiers lost over 500 soldiers near Kreminna during the day – Haidai"),
        ("n04_kyiv-translated", "dateline", "10.02.2023 14:37"),
        ("n04_kyiv-translated", "byline", "Anastasiia Hrebeniuk"),
        ("n05_ru-state-agency", "title", "Russian troops complete liberation of Soledar"),
        ("n06_thinktank-update", "title", "Russian Offensive Campaign Update, February 9, 2023"),
    ],
}


@pytest.mark.parametrize("name", sorted(HELDOUT_REMOVED))
def test_the_heldout_files_lose_exactly_their_header_and_furniture_lines(name):
    report = helpers.cleaning_report(helpers.load_corpus(ROOT / "tests" / name / "corpus"))
    assert list(report[["article_id", "reason", "line"]].itertuples(index=False, name=None)) == HELDOUT_REMOVED[name]


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
    ("By MARIA KOVAL and Tom O'Hara in Odesa, Reuters", "byline"),
    ("Posted by newsdesk", "byline"),
    ("By dawn, the convoy had reached Kramatorsk.", None),
    ("By Wednesday, both bridges were down.", None),
    ("By midday.", None),
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


def test_a_first_line_starting_with_by_stays_unless_it_is_a_name():
    raw = "Tuesday, March 7, 2023\nBy noon the shelling of Vuhledar had stopped.\nThe mayor said so."
    text, removed = clean_text(raw)
    assert text == "By noon the shelling of Vuhledar had stopped.\nThe mayor said so."
    assert removed == [("dateline", "Tuesday, March 7, 2023")]
    text, removed = clean_text("By Petro Shevchuk\nBy then the river had risen.")
    assert removed == [("byline", "By Petro Shevchuk")] and text == "By then the river had risen."
    assert not is_byline("By contrast, the southern front was quiet.")


# For each furniture pattern of newslens/data/boilerplate.txt: whole furniture lines it removes,
# and news sentences that start the same way, which it must keep.
FURNITURE = {
    "you-will-be-interested": ["You may also be interested in:", "You might be interested"],
    "leave-a-reply": ["Leave a comment"],
    "comment-form": ["Your email address will not be published."],
    "required-fields": ["Required fields are marked *"],
    "content-protected": ["Error: Content is protected !"],
    "originally-published": ["This article was originally published by The Conversation.",
                             "This article was originally published at example.org"],
    "bare-url": ["www.example.org/world/ukraine-latest"],
    "share-buttons": ["Share on WhatsApp", "Click to share on Telegram (Opens in new window)", "Email:"],
    "read-more": ["Related:", "Read more: What is left of Marinka?", "See also: 10 numbers that explain the winter war",
                  "Recommended"],
    "follow-us": ["Follow us on Telegram and Instagram", "Sign up for our morning newsletter.",
                  "Join our WhatsApp channel for updates"],
    "advertisement": ["Sponsored content"],
    "copyright": ["© 2022 Ukrinform", "(C) 2021-2023 Kyiv Post. All rights reserved.", "Copyright AFP 2024",
                  "Copyright (c) 2023 The Associated Press. All rights reserved. This material may not be "
                  "published, broadcast, rewritten or redistributed.", "© Deutsche Welle, all rights reserved"],
    "all-rights": ["All Rights Reserved"],
}
NEWS_LOOKALIKES = {
    "you-will-be-interested": ["You may be interested to know that the bridge reopened on Monday."],
    "leave-a-reply": ["Leave a message for the commander, the soldier said."],
    "comment-form": ["Your email address will not be published, the ministry promised applicants."],
    "required-fields": ["Required fields are marked with flags along the road to Izium."],
    "content-protected": ["Error: the shells fell short, the report said."],
    "originally-published": ["This article was originally published on Monday; since then, two more villages have fallen."],
    "bare-url": ["www.mil.gov.ua carried the statement, and so did the army's channel."],
    "share-buttons": ["Share prices in Moscow fell by 4 percent.", "Print shops in Lviv turned to making leaflets.",
                      "Email records show the order came on Tuesday."],
    "read-more": ["Related: the court also ruled on the ban.", "Read more about the fighting in the report.",
                  "See also: the map, which shows the front on 12 March.", "Recommended doses were doubled at the field hospital."],
    "follow-us": ["Follow us, the sergeant told the recruits, and stay low.",
                  "Subscribe to the view that the front is frozen, and you miss the drones overhead each night.",
                  "Sign up for the territorial defence was slow in the first week."],
    "advertisement": ["Advertising boards in Kherson now carry recruitment posters."],
    "copyright": ["(c) Neither side has confirmed the exchange.", "Copyright claims were filed against the studio in 2022.",
                  "© 2023 was the year the grain corridor closed, the report said.", "Copyright lawyers met in Kyiv."],
    "all-rights": ["All rights reserved to the people of Crimea, the mufti said."],
}


def test_every_furniture_pattern_has_lines_and_lookalikes_here():
    names = [name for name, _ in load_boilerplate_patterns()]
    assert sorted(FURNITURE) == sorted(NEWS_LOOKALIKES) == sorted(names)


@pytest.mark.parametrize("name,line", [(n, line) for n, lines in FURNITURE.items() for line in lines])
def test_furniture_lines_are_removed(name, line):
    text, removed = clean_text(f"The line before.\n{line}\nThe line after.")
    assert removed == [(name, line)] and text == "The line before.\nThe line after."


@pytest.mark.parametrize("name,line", [(n, line) for n, lines in NEWS_LOOKALIKES.items() for line in lines])
def test_news_sentences_that_start_like_furniture_are_kept(name, line):
    for raw in (f"{line}\nThe next line.", f"The line before.\n{line}", f"The line before.\n{line}\nThe next line."):
        text, removed = clean_text(raw)
        assert removed == [] and line in text.split("\n"), (name, raw)


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
    with pytest.warns(helpers.CorpusWarning, match=r"c/ has no metadata.csv: all 1 article\(s\) use their file name"):
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


def test_article_files_in_name_order_txt_files_in_any_case(tmp_path):
    for name in ["b.txt", "a.txt", "B.txt", "notes.md", "c.TXT", "d.Txt"]:
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "folder.txt").mkdir()  # a folder is not an article
    listing = list_folder(tmp_path)
    assert listing.articles == ["B.txt", "a.txt", "b.txt", "c.TXT", "d.Txt"]  # code-point order
    assert listing.skipped == {"folder.txt": "folders (articles in subfolders are not read)"}


def test_upper_case_suffixes_load_and_their_metadata_rows_apply(tmp_path):
    folder = write_corpus(tmp_path / "c", {"kyiv.TXT": "Sirens at dawn.", "lviv.Txt": "Trains ran late."},
                          HEADER + "kyiv.TXT,Kyiv Daily,,2023-03-01,,,,,\nlviv.Txt,Lviv Post,,2023-03-02,,,,,\n")
    arts = helpers.load_corpus(folder)
    assert arts["article_id"].tolist() == ["kyiv", "lviv"]
    assert arts["outlet"].tolist() == ["Kyiv Daily", "Lviv Post"]


def test_two_files_with_one_article_id_are_refused(tmp_path):
    folder = write_corpus(tmp_path / "c", {"odesa.txt": "Port open.", "odesa.TXT": "Port shut."})
    msg = load_error(folder)
    assert "odesa.TXT and odesa.txt" in msg and "'odesa'" in msg


# --- what is loaded, skipped or refused: links, folders, hidden files, NUL bytes ---------------

OUTSIDE_TEXT = "Payroll of the regional office, March."


def outside_file(tmp_path, name="private.txt", text=OUTSIDE_TEXT):
    """A readable file beside the corpus folder (what a link must not bring in)."""
    (tmp_path / "elsewhere").mkdir(exist_ok=True)
    path = tmp_path / "elsewhere" / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_link_to_a_file_outside_the_folder_is_skipped_with_a_warning(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Kept story."}, HEADER + "a.txt,A,,2023-01-02,,,,,\n")
    os.symlink(outside_file(tmp_path), folder / "payroll.txt")
    os.symlink(outside_file(tmp_path, "sibling.txt"), folder / "sibling.txt")
    with pytest.warns(helpers.CorpusWarning, match=r"links to a file outside the corpus folder: payroll\.txt, sibling\.txt"):
        arts = helpers.load_corpus(folder)
    assert arts["article_id"].tolist() == ["a"]
    assert OUTSIDE_TEXT not in "".join(arts["text"])


def test_a_folder_whose_name_extends_the_corpus_name_is_outside_it(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Kept story."}, HEADER + "a.txt,A,,2023-01-02,,,,,\n")
    (tmp_path / "c2").mkdir()
    (tmp_path / "c2" / "x.txt").write_text(OUTSIDE_TEXT, encoding="utf-8")
    os.symlink(tmp_path / "c2" / "x.txt", folder / "x.txt")  # resolves to .../c2/x.txt, which starts with .../c
    with pytest.warns(helpers.CorpusWarning, match="outside the corpus folder: x.txt"):
        assert helpers.load_corpus(folder)["article_id"].tolist() == ["a"]


def test_links_inside_the_folder_load_and_a_linked_folder_is_resolved_first(tmp_path):
    real = write_corpus(tmp_path / "real", {"a.txt": "First story."}, HEADER + "a.txt,A,,2023-01-02,,,,,\nb.txt,B,,2023-01-03,,,,,\n")
    os.symlink("a.txt", real / "b.txt")  # a relative link to a file of the same folder
    os.symlink(real, tmp_path / "linked")  # the corpus folder itself is a link (as benchmarks/corpora/10k is)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # nothing is skipped
        arts = helpers.load_corpus(tmp_path / "linked")
    assert arts["article_id"].tolist() == ["a", "b"] and arts["text"].tolist() == ["First story."] * 2


def test_metadata_or_aliases_file_linked_from_outside_is_refused(tmp_path):
    meta = outside_file(tmp_path, "meta.csv", HEADER + "a.txt,Elsewhere,,2023-01-02,,,,,\n")
    folder = write_corpus(tmp_path / "c", {"a.txt": "Story."})
    os.symlink(meta, folder / "metadata.csv")
    assert "metadata.csv in c/ is a link to a file outside the corpus folder" in load_error(folder)
    os.remove(folder / "metadata.csv")
    os.symlink(outside_file(tmp_path, "aliases.csv", "name,speaker\nA,B\n"), folder / "aliases.csv")
    assert "aliases.csv in c/ is a link to a file outside the corpus folder" in load_error(folder)


def test_a_metadata_row_naming_a_skipped_file_is_refused(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Story."}, HEADER + "a.txt,A,,,,,,,\nleak.txt,L,,,,,,,\n")
    os.symlink(outside_file(tmp_path), folder / "leak.txt")
    msg = load_error(folder)
    assert "line 3" in msg and "'leak.txt' is not loaded" in msg and "outside the corpus folder" in msg


def test_subfolders_broken_links_hidden_files_and_fifos_are_named_in_one_warning(tmp_path):
    folder = write_corpus(tmp_path / "c", {
        "a.txt": "Story.", ".draft.txt": "An unfinished draft.", "._a.txt": b"\x00\x05\x16\x07\x00\x02",
        ".DS_Store": b"\x00\x00", "notes.md": "to do",
    }, HEADER + "a.txt,A,,2023-01-02,,,,,\n")
    (folder / "archive").mkdir()
    (folder / "archive" / "old.txt").write_text("Old story.", encoding="utf-8")
    (folder / ".ipynb_checkpoints").mkdir()
    os.symlink(tmp_path / "gone.txt", folder / "gone.txt")
    os.mkfifo(folder / "pipe.txt")  # reading it would wait forever
    with pytest.warns(helpers.CorpusWarning) as record:
        arts = helpers.load_corpus(folder)
    assert arts["article_id"].tolist() == ["a"]
    assert len(record) == 1
    assert str(record[0].message) == (
        "5 item(s) in c/ are not loaded: hidden files (the name starts with a dot, e.g. macOS ._ copies): "
        "._a.txt, .draft.txt; folders (articles in subfolders are not read): archive/; broken links: gone.txt; "
        "not regular files: pipe.txt."
    )


def test_a_folder_with_only_skipped_articles_says_why(tmp_path):
    folder = tmp_path / "c"
    folder.mkdir()
    os.symlink(outside_file(tmp_path), folder / "only.txt")
    msg = load_error(folder)
    assert "has no .txt files it can load" in msg and "outside the corpus folder: only.txt" in msg


@pytest.mark.parametrize("body,where", [
    (b"Kherson\x00 river crossing.", "byte 7, line 1"),
    ("First line.\nSec\x00ond".encode(), "byte 15, line 2"),
    (b"\x00\x00\x00\x00", "byte 0, line 1"),
    ("Kyiv".encode("utf-16-le"), "byte 1, line 1"),  # UTF-16 without a byte-order mark
    ("Kyiv".encode("utf-16"), "byte 3, line 1"),  # with one
])
def test_nul_bytes_are_refused_with_their_place(tmp_path, body, where):
    folder = write_corpus(tmp_path / "c", {"a.txt": "Fine.", "odd.txt": body})
    msg = load_error(folder)
    assert msg.startswith("odd.txt: has NUL bytes") and where in msg and "UTF-16" in msg


def test_a_file_of_white_space_and_invisible_characters_is_empty_or_left_empty(tmp_path):
    assert "blank.txt: the file is empty" in load_error(write_corpus(tmp_path / "c", {"blank.txt": " \t\r\n \n"}))
    msg = load_error(write_corpus(tmp_path / "d", {"zw.txt": "\u200b\u00ad\n\ufeff"}))
    assert "zw.txt: nothing is left after cleaning" in msg


# --- strict metadata --------------------------------------------------------------------------

def test_an_empty_outlet_warns_like_a_missing_row(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "A.", "b.txt": "B.", "c.txt": "C."},
                          HEADER + "a.txt,Kyiv Post,,2023-01-02,,,,,\nb.txt,  ,,2023-01-02,,,,,\n")
    with pytest.warns(helpers.CorpusWarning) as record:
        arts = helpers.load_corpus(folder)
    assert [str(w.message) for w in record] == [
        "2 article(s) use their file name as outlet: no row in metadata.csv: c.txt; "
        "empty outlet in metadata.csv: b.txt (line 3). Give each a row with its outlet."
    ]
    assert arts["outlet"].tolist() == ["Kyiv Post", "b", "c"]


@pytest.mark.parametrize("header,expected", [
    ("file,outlet,date,title,outlet", "line 1: column 'outlet' appears twice (columns 2 and 5)"),
    ("file,outlet,,date", "line 1: column 3 of the header has no name"),
    ("file,Outlet,date", "missing required column(s) outlet"),
])
def test_metadata_header_is_checked(tmp_path, header, expected):
    folder = write_corpus(tmp_path / "c", {"a.txt": "A."}, header + "\n")
    assert expected in load_error(folder)


@pytest.mark.parametrize("rows,line,expected", [
    ('a.txt,"Kyiv Post,,2023-01-02,,,,,\nb.txt,Odesa Herald,,2023-01-03,,,,,\n', 2, "unexpected end of data"),
    ('a.txt,Kyiv Post,,2023-01-02,,,,,\nb.txt,"Odesa" Herald,,2023-01-03,,,,,\n', 3, "expected after"),
    ("a.txt,Kyiv Post,,2023-01-02,,,,,\nb.txt,Odesa, Herald,,2023-01-03,,,,,\n", 3, "10 fields, but the header has 9"),
    ("a.txt,Kyiv Post,,2023-01-02\n", 2, "4 fields, but the header has 9"),
])
def test_a_row_that_does_not_fit_the_header_is_an_error_naming_its_line(tmp_path, rows, line, expected):
    folder = write_corpus(tmp_path / "c", {"a.txt": "A.", "b.txt": "B."}, HEADER + rows)
    msg = load_error(folder)
    assert msg.startswith(f"metadata.csv, line {line}: ") and expected in msg


def test_line_numbers_count_blank_lines_and_quoted_line_breaks(tmp_path):
    rows = ('a.txt,Kyiv Post,,2023-01-02,,,"A title\nover two lines",,\n'  # lines 2-3
            "\n"  # line 4
            "b.txt,Odesa Herald,,2023-02-30,,,,,\n")  # line 5
    folder = write_corpus(tmp_path / "c", {"a.txt": "A.", "b.txt": "B."}, HEADER + rows)
    msg = load_error(folder)
    assert msg.startswith("metadata.csv, line 5 (b.txt): date '2023-02-30' is not a day of the calendar")


@pytest.mark.parametrize("bad,expected", [
    ("2024-W10-1", "YYYY-MM-DD"), ("20240305", "YYYY-MM-DD"), ("2024-3-5", "YYYY-MM-DD"),
    ("2024-03-05T10:00", "YYYY-MM-DD"), ("\uff12\uff10\uff12\uff14-03-05", "YYYY-MM-DD"),  # full-width digits
    ("2024-02-30", "not a day of the calendar"),
    ("0990-05-01", "outside the dates a table can hold (1677-09-22 to 2262-04-11)"),
    ("3024-05-01", "outside the dates a table can hold"),
])
def test_dates_must_be_iso_days_a_table_can_hold(tmp_path, bad, expected):
    folder = write_corpus(tmp_path / "c", {"a.txt": "A."}, HEADER + f"a.txt,A,,{bad},,,,,\n")
    msg = load_error(folder)
    assert msg.startswith("metadata.csv, line 2 (a.txt): ") and repr(bad) in msg and expected in msg


def test_the_first_and_last_days_a_table_can_hold_load(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "A.", "b.txt": "B."},
                          HEADER + "a.txt,A,,1677-09-22,,,,,\nb.txt,B,,2262-04-11,,,,,\n")
    assert helpers.load_corpus(folder)["date"].tolist() == [pd.Timestamp("1677-09-22"), pd.Timestamp("2262-04-11")]


def test_metadata_not_utf8_says_where(tmp_path):
    folder = write_corpus(tmp_path / "c", {"a.txt": "A."})
    (folder / "metadata.csv").write_bytes((HEADER + "a.txt,Caf\u00e9 News,,2023-01-02,,,,,\n").encode("cp1252"))
    msg = load_error(folder)
    assert msg.startswith("metadata.csv: not UTF-8 (byte 82, line 2")  # 73 header bytes + "a.txt,Caf"


# --- the folder's own aliases -----------------------------------------------------------------

ALIAS_TEXT = "\u201cWe hold the bridge,\u201d said Oleksii Dmytrashkivskyi, a spokesman."


def aliased_corpus(tmp_path, aliases: str | None = "name,speaker\nOleksii Dmytrashkivskyi,Southern Command\n"):
    """A one-article corpus whose folder may bring an aliases.csv."""
    folder = write_corpus(tmp_path / "c", {"a.txt": ALIAS_TEXT, "b.txt": "No quotes here."},
                          HEADER + "a.txt,South Post,,2023-01-02,,,,,\nb.txt,North Post,,2023-01-03,,,,,\n")
    if aliases is not None:
        (folder / "aliases.csv").write_text(aliases, encoding="utf-8")
    return folder


def test_the_loaded_folder_brings_its_own_aliases(tmp_path):
    arts = helpers.load_corpus(aliased_corpus(tmp_path))
    assert arts.attrs["aliases"] == {"Oleksii Dmytrashkivskyi": "Southern Command"}
    assert helpers.extract_quotes(arts)["speaker"].tolist() == ["Southern Command"]
    other = tmp_path / "other.csv"
    other.write_text("name,speaker\nOleksii Dmytrashkivskyi,O. Dmytrashkivskyi\n", encoding="utf-8")
    assert helpers.extract_quotes(arts, aliases=other)["speaker"].tolist() == ["O. Dmytrashkivskyi"]  # explicit wins
    assert helpers.extract_quotes(arts, aliases={})["speaker"].tolist() == ["Oleksii Dmytrashkivskyi"]  # none


def test_a_folder_without_aliases_and_a_hand_built_table_use_none(tmp_path):
    arts = helpers.load_corpus(aliased_corpus(tmp_path, aliases=None))
    assert arts.attrs["aliases"] == {}
    assert helpers.extract_quotes(arts)["speaker"].tolist() == ["Oleksii Dmytrashkivskyi"]
    hand = pd.DataFrame({"article_id": ["x"], "outlet": ["T"], "text": [ALIAS_TEXT]})
    assert helpers.extract_quotes(hand)["speaker"].tolist() == ["Oleksii Dmytrashkivskyi"]


def test_the_aliases_survive_what_notebooks_do_to_the_table(tmp_path):
    arts = helpers.load_corpus(aliased_corpus(tmp_path))
    expected = {"Oleksii Dmytrashkivskyi": "Southern Command"}
    for table in [arts[arts["outlet"] == "South Post"], arts.copy(), arts.reset_index(drop=True),
                  arts.sort_values("date", ascending=False), pd.concat([arts.iloc[:1], arts.iloc[1:]]),
                  arts[["article_id", "outlet", "text"]]]:
        assert table.attrs["aliases"] == expected
        assert helpers.extract_quotes(table)["speaker"].tolist() == ["Southern Command"]


def test_the_aliases_attribute_holds_no_path(tmp_path, articles):
    arts = helpers.load_corpus(aliased_corpus(tmp_path))
    assert str(tmp_path) not in repr(arts.attrs) and os.sep + "tmp" not in repr(arts.attrs)
    assert str(ROOT) not in repr(articles.attrs)


def test_a_bad_aliases_file_in_the_folder_is_a_corpus_error(tmp_path):
    msg = load_error(aliased_corpus(tmp_path, aliases="who,becomes\nA,B\n"))
    assert msg.startswith("aliases.csv in c/ cannot be read") and "name,speaker" in msg


def test_dask_articles_skips_and_warns_as_load_corpus_and_keeps_the_aliases(tmp_path):
    from newslens import scale
    folder = aliased_corpus(tmp_path)
    os.symlink(outside_file(tmp_path), folder / "leak.txt")
    with pytest.warns(helpers.CorpusWarning, match="outside the corpus folder: leak.txt"):
        ddf = scale.dask_articles(folder, articles_per_partition=1)
    assert ddf.compute()["article_id"].tolist() == ["a", "b"]
    assert scale.dask_quotes(ddf)["speaker"].tolist() == ["Southern Command"]
