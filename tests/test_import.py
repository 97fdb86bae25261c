"""Article import: saved pages, URL lists and table exports into a corpus folder that load_corpus reads.

Expected values come from the trafilatura benchmark's expectations for the fixture pages
(../shared/fixtures/html/expected.json) and from tables, pages and URL lists written here by hand.
"""
import csv
import hashlib
import json
import re
import subprocess
import sys
import warnings
from pathlib import Path

import pandas as pd
import pytest

import helpers
from newslens.__main__ import main
from newslens.importing import pages as pages_module
from newslens.importing.article import read_source_bytes, safe_stem, slug_stem
from newslens.importing.dates import DateReader
from newslens.importing.pages import clean_author, extract_page, fallback_date, strip_site_name
from newslens.importing.urls import fetch_politely, polite_order
from newslens.importing.writer import print_report

from conftest import ROOT, SHARED

FIXTURES = SHARED / "fixtures" / "html"
HEADER = ["file", "outlet", "date", "date_basis", "author", "title", "url", "wire_source", "translated_from"]
STORY = "The council voted on Tuesday to close the old bridge for repairs. Work starts in May."


def run_import(source, corpus, **kwargs) -> pd.DataFrame:
    """import_articles without the printout, with URL-list downloads never sleeping."""
    return helpers.import_articles(source, corpus, quiet=True, progress=False, **kwargs)


def load_quietly(corpus) -> pd.DataFrame:
    """load_corpus, failing on any warning (an imported folder must load without one)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return helpers.load_corpus(corpus)


def metadata_rows(corpus) -> list[dict]:
    """The rows of a corpus folder's metadata.csv."""
    with (Path(corpus) / "metadata.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def page(title: str, body: str, head: str = "") -> str:
    """A small news page: a headline and paragraphs in an <article>, extra <head> markup."""
    paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n"))
    return (f"<html><head><title>{title}</title>{head}</head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1>{paragraphs}</article></body></html>")


def long_story(topic: str) -> str:
    """Three paragraphs about `topic`, long enough for trafilatura to take them as the article."""
    return "\n".join(
        f"Paragraph {n} about {topic}: the council met on Tuesday and residents asked many questions "
        f"about the {topic}, the costs and the timetable, and officials answered each of them."
        for n in (1, 2, 3)
    )


def same(a: str, b: str) -> bool:
    """Equal ignoring case, punctuation and spacing (the benchmark writes 'Leah C. Stokes', pages 'Leah C Stokes')."""
    def fold(s):
        return re.sub(r"\W+", " ", s.lower()).strip()
    return fold(a) == fold(b)


def spaced(s: str) -> str:
    """Runs of white space as one space, for snippet checks."""
    return " ".join(s.split())


# --- the ten real pages ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def fixture_import(tmp_path_factory):
    """The fixture pages imported once: (report, corpus folder)."""
    if not (FIXTURES / "expected.json").exists():
        pytest.skip("../shared/fixtures/html is absent: the real-page import tests need it")
    corpus = tmp_path_factory.mktemp("pages") / "corpus"
    return run_import(FIXTURES, corpus), corpus


def fixture_checks(corpus) -> list[tuple[str, bool]]:
    """Each expectation of expected.json, checked on the imported and loaded corpus: (check, held)."""
    expected = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
    articles = load_quietly(corpus).set_index("article_id")
    checks = []
    for name, exp in sorted(expected.items()):
        row = articles.loc[Path(name).stem]
        text = spaced(row["text"])
        checks.append((f"{name} title", same(row["title"], exp["title"])))
        checks.append((f"{name} date", row["date"] == pd.Timestamp(exp["date"])))
        if exp["author"]:
            checks.append((f"{name} author", same(row["author"], exp["author"])))
        checks += [(f"{name} with {s!r}", spaced(s) in text) for s in exp["with"]]
        checks += [(f"{name} without {s!r}", spaced(s) not in text) for s in exp["without"]]
    return checks


def test_fixture_pages_meet_the_benchmark_expectations(fixture_import):
    report, corpus = fixture_import
    assert report["status"].tolist() == ["imported"] * 10
    checks = fixture_checks(corpus)
    # hand count from expected.json: 10 titles, 10 dates, 7 authors given, 30 'with', 30 'without'
    assert len(checks) == 87
    failed = [c for c, ok in checks if not ok]
    assert len(checks) - len(failed) >= 0.9 * len(checks), failed


def test_fixture_pages_load_without_warnings_one_file_each(fixture_import):
    _, corpus = fixture_import
    articles = load_quietly(corpus)
    stems = sorted(p.name.rsplit(".", 1)[0] for p in FIXTURES.glob("*.html"))
    assert articles["article_id"].tolist() == stems  # bbc.com.52241221.html -> bbc.com.52241221.txt
    assert articles["outlet"].str.len().min() > 0 and "unknown outlet" not in set(articles["outlet"])
    rows = {r["file"]: r for r in metadata_rows(corpus)}
    assert rows["bbc.com.52241221.txt"]["url"] == "https://www.bbc.com/news/world-us-canada-52241221"
    assert list(metadata_rows(corpus)[0]) == HEADER


def test_fixture_pages_import_twice_adds_nothing(fixture_import):
    _, corpus = fixture_import
    before = {p.name: p.read_bytes() for p in corpus.iterdir()}
    report = run_import(FIXTURES, corpus)
    assert report["status"].tolist() == ["skipped"] * 10
    assert set(report["reason"]) == {"same text as an article already in the corpus"}
    assert {p.name: p.read_bytes() for p in corpus.iterdir()} == before


# --- pages: naming and metadata rules ----------------------------------------------------------

def test_page_file_names_are_the_stem_made_safe():
    assert safe_stem("bbc.com.52241221") == "bbc.com.52241221"
    assert safe_stem("Le Monde: l'été / 2023") == "Le-Monde-l-été-2023"
    assert safe_stem("../..") == "article"
    assert safe_stem(".hidden") == "hidden"


def test_site_name_is_cut_from_the_title_and_placeholder_bylines_are_dropped():
    assert strip_site_name("Masks stolen | The Japan Times", "The Japan Times") == "Masks stolen"
    assert strip_site_name("BBC News - Burials rise", "BBC News") == "Burials rise"
    assert strip_site_name("Times change - and so do we", "The Times") == "Times change - and so do we"
    assert clean_author("No Author", "The Japan Times") == ""
    assert clean_author("CBS News February", "CBS News") == ""  # the outlet's name, not a person
    assert clean_author("Jane Slaughter", "Detroit Metro Times") == "Jane Slaughter"


def test_page_without_site_name_or_url_gets_unknown_outlet_with_a_warning(tmp_path):
    src = tmp_path / "pages"
    src.mkdir()
    (src / "bridge.html").write_text(page("Bridge closed", long_story("bridge")), encoding="utf-8")
    with pytest.warns(helpers.CorpusWarning, match=r"1 imported article.*bridge\.txt"):
        run_import(src, tmp_path / "c")
    assert metadata_rows(tmp_path / "c")[0]["outlet"] == "unknown outlet"


def test_outlet_falls_back_to_the_domain_of_the_page_url(tmp_path):
    head = '<link rel="canonical" href="https://www.example-news.org/2021/bridge">'
    art = extract_page(page("Bridge closed", long_story("bridge"), head), "b.html", "b")
    assert (art.outlet, art.url) == ("example-news.org", "https://www.example-news.org/2021/bridge")


def test_page_date_from_metadata_and_htmldate_when_trafilatura_has_none(monkeypatch):
    head = '<meta property="article:modified_time" content="2021-03-04T10:00:00Z">'
    html = page("Bridge closed", long_story("bridge"), head)
    assert fallback_date(html) == "2021-03-04"
    art = extract_page(html, "b.html", "b")
    assert (art.date, art.date_basis) == ("2021-03-04", pages_module.PAGE_DATE_BASIS)

    real = pages_module.page_document

    def without_date(html, url=""):
        doc = real(html, url)
        doc.date = None
        return doc
    monkeypatch.setattr(pages_module, "page_document", without_date)
    art = extract_page(html, "b.html", "b")
    assert (art.date, art.date_basis) == ("2021-03-04", pages_module.FALLBACK_DATE_BASIS)


def test_page_without_text_is_skipped(tmp_path):
    src = tmp_path / "pages"
    src.mkdir()
    (src / "empty.html").write_text("<html><head><title>Nothing</title></head><body></body></html>", encoding="utf-8")
    (src / "story.htm").write_text(page("Bridge closed", long_story("bridge")), encoding="utf-8")
    with pytest.warns(helpers.CorpusWarning):  # the story has no site name
        report = run_import(src, tmp_path / "c")
    assert report[["item", "status"]].values.tolist() == [["empty.html", "skipped"], ["story.htm", "imported"]]
    assert report.loc[0, "reason"] == "no main text found in the page"


def test_symbolic_links_out_of_the_source_folder_are_skipped(tmp_path):
    src = tmp_path / "pages"
    src.mkdir()
    outside = tmp_path / "outside.html"
    site = '<meta property="og:site_name" content="Town Crier">'
    outside.write_text(page("Secret", long_story("secret plan"), site), encoding="utf-8")
    (src / "inside.html").write_text(page("Bridge", long_story("bridge"), site), encoding="utf-8")
    (src / "link-in.html").symlink_to(src / "inside.html")
    (src / "link-out.html").symlink_to(outside)
    with pytest.warns(helpers.CorpusWarning, match="link-out.html: a symbolic link to a file outside pages/"):
        report = run_import(src, tmp_path / "c")
    got = dict(zip(report["item"], zip(report["status"], report["reason"])))
    assert got["link-out.html"] == ("skipped", "symbolic link to a file outside the source folder")
    assert got["inside.html"][0] == "imported"
    assert got["link-in.html"] == ("skipped", "same text as an article already in the corpus")


# --- tables --------------------------------------------------------------------------------------

def write_csv(path, header, rows):
    """A CSV file written with the csv module."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def test_csv_with_column_variants_dates_duplicates_and_empty_rows(tmp_path):
    src = write_csv(tmp_path / "export.csv", ["Headline", "Body", "publishedAt", "Source_Name", "Byline", "Link"], [
        ["Bridge closed", STORY, "2023-01-12T10:00:00Z", "Daily Post", "Ann Lee", "https://post.example/bridge"],
        ["Bridge closed again", STORY, "Thu, 12 Jan 2023 10:00:00 GMT", "Other Post", "", ""],  # same text
        ["Empty", "  ", "2023-01-13", "Daily Post", "", ""],  # no text
        ["", "A fire broke out at the mill on Friday night.", "January 13, 2023", "", "", "https://www.mill-news.example/fire/"],
        ["Flood", "The river rose two metres overnight.", "20230114", "Daily Post", "", ""],
    ])
    report = run_import(src, tmp_path / "c")
    assert report["item"].tolist() == [f"export.csv, line {n}" for n in (2, 3, 4, 5, 6)]
    assert report["status"].tolist() == ["imported", "skipped", "skipped", "imported", "imported"]
    assert report["reason"].tolist()[1:3] == ["same text as an article already in the corpus", "no text"]
    sha = lambda t: hashlib.sha1(t.encode("utf-8")).hexdigest()[:8]  # noqa: E731 (the naming formula)
    rows = metadata_rows(tmp_path / "c")
    assert [r["file"] for r in rows] == [
        f"bridge-closed-{sha(STORY)}.txt",
        f"fire-{sha('A fire broke out at the mill on Friday night.')}.txt",  # no title: the URL's last segment
        f"flood-{sha('The river rose two metres overnight.')}.txt",
    ]
    assert [r["date"] for r in rows] == ["2023-01-12", "2023-01-13", "2023-01-14"]
    assert [r["outlet"] for r in rows] == ["Daily Post", "mill-news.example", "Daily Post"]  # domain when no outlet
    assert rows[0]["author"] == "Ann Lee" and rows[0]["url"] == "https://post.example/bridge"
    assert rows[0]["date_basis"] == "stated in export.csv (publishedAt)"
    articles = load_quietly(tmp_path / "c")
    assert articles["text"].tolist()[2] == "The river rose two metres overnight."


def test_jsonl_with_nested_source_name_and_author_lists(tmp_path):
    records = [
        {"source": {"id": None, "name": "BBC News"}, "author": ["Ann Lee", "Bo Chan"], "title": "Bridge closed",
         "url": "https://www.bbc.example/1", "publishedAt": "2023-01-12T23:30:00-05:00", "content": STORY},
        {"source": {"id": "x", "name": "The Post"}, "author": None, "title": "No text", "content": None},
    ]
    src = tmp_path / "newsapi.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in records) + "\n\n", encoding="utf-8")
    report = run_import(src, tmp_path / "c")
    assert report["status"].tolist() == ["imported", "skipped"]
    row = metadata_rows(tmp_path / "c")[0]
    assert (row["outlet"], row["author"], row["date"]) == ("BBC News", "Ann Lee; Bo Chan", "2023-01-12")  # date as written


def test_parquet_with_struct_source_timestamps_and_lists(tmp_path):
    frame = pd.DataFrame({
        "TEXT": [STORY, "The river rose two metres overnight."],
        "title": ["Bridge closed", "Flood"],
        "source": [{"id": "a", "name": "Daily Post"}, {"id": "b", "name": "Evening Star"}],
        "date": pd.to_datetime(["2023-01-12 22:00", "2023-01-14 08:00"]).tz_localize("UTC"),
        "authors": [["Ann Lee"], ["Bo Chan", "Cy Day"]],
    })
    frame.to_parquet(tmp_path / "archive.parquet")
    report = run_import(tmp_path / "archive.parquet", tmp_path / "c")
    assert report["item"].tolist() == ["archive.parquet, row 1", "archive.parquet, row 2"]
    rows = metadata_rows(tmp_path / "c")
    assert [(r["outlet"], r["date"], r["author"]) for r in rows] == [
        ("Daily Post", "2023-01-12", "Ann Lee"), ("Evening Star", "2023-01-14", "Bo Chan; Cy Day")]
    assert len(load_quietly(tmp_path / "c")) == 2


def test_authors_written_as_a_list_in_csv_text_are_joined(tmp_path):
    src = write_csv(tmp_path / "t.csv", ["text", "authors", "outlet"], [[STORY, "['Ann Lee', 'Bo Chan']", "P"]])
    run_import(src, tmp_path / "c")
    assert metadata_rows(tmp_path / "c")[0]["author"] == "Ann Lee; Bo Chan"


@pytest.mark.parametrize("value,iso", [
    ("2023-01-12", "2023-01-12"),
    ("2023-01-12T10:00:00Z", "2023-01-12"),
    ("2023-01-12 23:30:00-05:00", "2023-01-12"),
    ("2023/1/2", "2023-01-02"),
    ("20230112", "2023-01-12"),
    ("20230112T100000Z", "2023-01-12"),
    ("Thu, 12 Jan 2023 10:00:00 GMT", "2023-01-12"),
    ("January 12, 2023", "2023-01-12"),
    ("Sept. 3, 2022 10:30 am", "2022-09-03"),
    ("Thursday, 12th January 2023", "2023-01-12"),
    ("13/01/2023", "2023-01-13"),  # 13 cannot be a month: day first
    ("01/13/2023", "2023-01-13"),  # month first
    ("05.05.2023", "2023-05-05"),  # the same either way
    (pd.Timestamp("2023-01-12 23:00", tz="US/Eastern"), "2023-01-12"),
    ("", ""),
    (None, ""),
    (float("nan"), ""),
])
def test_date_forms(value, iso):
    assert DateReader().read(value, "t.csv, line 2") == iso


def test_ambiguous_numeric_dates_need_dayfirst():
    with pytest.raises(helpers.CorpusError, match=r"t\.csv, line 2.*'12/01/2023' is ambiguous.*dayfirst"):
        DateReader().read("12/01/2023", "t.csv, line 2")
    assert DateReader(dayfirst=True).read("12/01/2023", "w") == "2023-01-12"
    assert DateReader(dayfirst=False).read("12/01/2023", "w") == "2023-12-01"
    with pytest.raises(helpers.CorpusError, match="month first, but dayfirst=True"):
        DateReader(dayfirst=True).read("01/13/2023", "w")


def test_a_table_mixing_day_first_and_month_first_is_refused(tmp_path):
    src = write_csv(tmp_path / "mixed.csv", ["text", "date", "outlet"],
                    [["One story.", "13/01/2023", "P"], ["Two story.", "01/14/2023", "P"]])
    with pytest.raises(helpers.CorpusError, match=r"mix day/month/year \(mixed\.csv, line 2.*line 3"):
        run_import(src, tmp_path / "c")
    assert not (tmp_path / "c").exists()  # checked before anything is written


@pytest.mark.parametrize("bad", ["12 Jan", "yesterday", "2023-02-30"])
def test_unreadable_dates_are_refused_naming_the_row(tmp_path, bad):
    src = write_csv(tmp_path / "t.csv", ["text", "date", "outlet"], [["Fine.", "2023-01-01", "P"], ["Story.", bad, "P"]])
    with pytest.raises(helpers.CorpusError, match=rf"t\.csv, line 3, column date: date '{bad}'"):
        run_import(src, tmp_path / "c")


def test_cli_dayfirst_option(tmp_path, capsys):
    src = write_csv(tmp_path / "t.csv", ["text", "date", "outlet"], [[STORY, "12/01/2023", "P"]])
    assert main(["import", str(src), str(tmp_path / "c"), "--monthfirst"]) == 0
    assert metadata_rows(tmp_path / "c")[0]["date"] == "2023-12-01"
    assert "Imported 1 article(s) into c/; skipped 0." in capsys.readouterr().out


def test_names_never_leave_the_corpus_folder(tmp_path):
    src = write_csv(tmp_path / "t.csv", ["title", "text", "outlet"], [
        ["../../etc/passwd", "First text.", "P"], ["/abs/path", "Second text.", "P"], ["..", "Third text.", "P"]])
    before = sorted(p for p in tmp_path.rglob("*"))
    run_import(src, tmp_path / "c")
    new = sorted(set(tmp_path.rglob("*")) - set(before))
    assert all(p == tmp_path / "c" or p.parent == tmp_path / "c" for p in new)
    assert [r["file"][:-13] for r in metadata_rows(tmp_path / "c")] == ["etc-passwd", "abs-path", "article"]


# --- idempotence, collisions, existing metadata --------------------------------------------------

def test_importing_twice_adds_nothing_and_a_second_source_adds_only_new_articles(tmp_path):
    first = write_csv(tmp_path / "a.csv", ["title", "text", "outlet"], [["Bridge", STORY, "P"], ["Mill", "A fire at the mill.", "P"]])
    run_import(first, tmp_path / "c")
    before = {p.name: p.read_bytes() for p in (tmp_path / "c").iterdir()}
    again = run_import(first, tmp_path / "c")
    assert again["status"].tolist() == ["skipped", "skipped"]
    assert {p.name: p.read_bytes() for p in (tmp_path / "c").iterdir()} == before
    second = tmp_path / "b.jsonl"
    second.write_text(json.dumps({"text": "A fire at the mill.", "title": "Mill fire", "source": "Q"}) + "\n"
                      + json.dumps({"text": "New: the river rose.", "title": "Flood", "source": "Q"}) + "\n", encoding="utf-8")
    report = run_import(second, tmp_path / "c")
    assert report["status"].tolist() == ["skipped", "imported"]
    meta = (tmp_path / "c" / "metadata.csv").read_bytes()
    assert meta.startswith(before["metadata.csv"])  # existing rows kept byte for byte, one row appended
    assert meta.count(b"\n") == before["metadata.csv"].count(b"\n") + 1
    assert len(load_quietly(tmp_path / "c")) == 3


def test_existing_file_is_never_overwritten_and_a_collision_gets_a_new_name(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "bridge.txt").write_text("An older story about a bridge.\n", encoding="utf-8")
    with (corpus / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([HEADER, ["bridge.txt", "Old Post", "2020-01-01", "", "", "", "", "", ""]])
    src = tmp_path / "pages"
    src.mkdir()
    (src / "bridge.html").write_text(page("Bridge closed", long_story("bridge"),
                                          '<meta property="og:site_name" content="New Post">'), encoding="utf-8")
    report = run_import(src, corpus)
    assert report[["status", "file", "reason"]].values.tolist() == [["imported", "bridge-2.txt", "renamed: bridge.txt is taken"]]
    assert (corpus / "bridge.txt").read_text(encoding="utf-8") == "An older story about a bridge.\n"
    outlets = load_quietly(corpus).set_index("file")["outlet"]
    assert outlets.to_dict() == {"bridge.txt": "Old Post", "bridge-2.txt": "New Post"}


def test_existing_metadata_without_final_newline_keeps_its_bytes_and_line_ends(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "old.txt").write_text("An older story.", encoding="utf-8")
    original = ("file,outlet,date,date_basis,author,title,url,wire_source,translated_from,notes\r\n"
                "old.txt,Old Post,2020-01-01,,,,,,,kept\r\n\r\n").rstrip("\r\n").encode("utf-8")
    (corpus / "metadata.csv").write_bytes(original)
    src = write_csv(tmp_path / "t.csv", ["text", "outlet"], [[STORY, "P"]])
    run_import(src, corpus)
    meta = (corpus / "metadata.csv").read_bytes()
    assert meta.startswith(original + b"\r\n") and meta.endswith(b",\r\n") and b"\n" not in meta.replace(b"\r\n", b"")
    assert [r["notes"] for r in metadata_rows(corpus)] == ["kept", ""]
    assert len(load_quietly(corpus)) == 2


def test_existing_metadata_lacking_columns_gets_them_with_values_kept(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "old.txt").write_text("An older story.", encoding="utf-8")
    (corpus / "metadata.csv").write_text("file,outlet,date\nold.txt,Old Post,2020-01-01\n", encoding="utf-8")
    src = write_csv(tmp_path / "t.csv", ["text", "outlet", "title"], [[STORY, "P", "Bridge"]])
    run_import(src, corpus)
    rows = metadata_rows(corpus)
    assert list(rows[0]) == HEADER
    assert [(r["file"], r["outlet"], r["date"]) for r in rows][0] == ("old.txt", "Old Post", "2020-01-01")
    assert rows[1]["title"] == "Bridge"


def test_same_text_up_to_the_loader_cleaning_is_one_article(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "old.txt").write_text("Bridge closed\nBy Ann Lee\n\n" + STORY + "\nShare this:\n", encoding="utf-8")
    (corpus / "metadata.csv").write_text(",".join(HEADER) + "\nold.txt,P,,,Ann Lee,Bridge closed,,,\n", encoding="utf-8")
    src = write_csv(tmp_path / "t.csv", ["text", "outlet"], [[STORY + "\n", "P"]])
    report = run_import(src, corpus)
    assert report[["status", "file"]].values.tolist() == [["skipped", "old.txt"]]


# --- bad input: a CorpusError naming the item ----------------------------------------------------

def import_error(source, corpus, **kwargs) -> str:
    """The message of the CorpusError that importing `source` raises."""
    with pytest.raises(helpers.CorpusError) as err:
        run_import(source, corpus, **kwargs)
    return str(err.value)


def test_missing_source(tmp_path):
    assert "nothere.csv: the source does not exist" in import_error(tmp_path / "nothere.csv", tmp_path / "c")
    assert not (tmp_path / "c").exists()


def test_non_utf8_table(tmp_path):
    (tmp_path / "t.csv").write_bytes(b"text,outlet\ncaf\xe9,P\n")
    msg = import_error(tmp_path / "t.csv", tmp_path / "c")
    assert "t.csv: not UTF-8 (byte 15, line 2)" in msg and "iconv" in msg


def test_unreadable_file(tmp_path):
    (tmp_path / "folder.html").mkdir()
    with pytest.raises(helpers.CorpusError, match=r"folder\.html: cannot read the web page"):
        read_source_bytes(tmp_path / "folder.html", "web page")


def test_table_without_a_text_column(tmp_path):
    src = write_csv(tmp_path / "t.csv", ["headline", "summary"], [["A", "B"]])
    msg = import_error(src, tmp_path / "c")
    assert "t.csv: no column with the article text" in msg and "columns found: headline, summary" in msg


def test_corrupt_parquet(tmp_path):
    (tmp_path / "t.parquet").write_bytes(b"PAR1 this is not a parquet file")
    msg = import_error(tmp_path / "t.parquet", tmp_path / "c")
    assert msg.startswith("t.parquet: not a readable Parquet file") and str(tmp_path) not in msg


def test_bad_jsonl_line(tmp_path):
    (tmp_path / "t.jsonl").write_text('{"text": "Fine."}\n{"text": oops}\n', encoding="utf-8")
    assert "t.jsonl, line 2: not valid JSON" in import_error(tmp_path / "t.jsonl", tmp_path / "c")
    (tmp_path / "t.jsonl").write_text('["a list"]\n', encoding="utf-8")
    assert "t.jsonl, line 1: a JSON list, not an object" in import_error(tmp_path / "t.jsonl", tmp_path / "c")


def test_csv_row_with_more_fields_than_the_header(tmp_path):
    (tmp_path / "t.csv").write_text('text,outlet\n"Fine.",P\nOne, two, three,P\n', encoding="utf-8")
    assert "t.csv, line 3: more fields than the header" in import_error(tmp_path / "t.csv", tmp_path / "c")


def test_unsupported_source_and_empty_pages_folder(tmp_path):
    (tmp_path / "t.xlsx").write_bytes(b"x")
    assert "t.xlsx: cannot import a .xlsx file" in import_error(tmp_path / "t.xlsx", tmp_path / "c")
    (tmp_path / "empty").mkdir()
    assert "empty/ has no .html or .htm files" in import_error(tmp_path / "empty", tmp_path / "c")


def test_corpus_dir_that_is_a_file(tmp_path):
    src = write_csv(tmp_path / "t.csv", ["text"], [[STORY]])
    (tmp_path / "c").write_text("x", encoding="utf-8")
    assert "c is a file, not a folder" in import_error(src, tmp_path / "c")


def test_cli_reports_errors_without_a_traceback(tmp_path, capsys):
    assert main(["import", str(tmp_path / "nothere.csv"), str(tmp_path / "c")]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: nothere.csv: the source does not exist") and "Traceback" not in err


# --- URL lists ---------------------------------------------------------------------------------

def test_polite_order_takes_hosts_in_turn():
    urls = ["https://a.example/1", "https://a.example/2", "https://b.example/1", "https://a.example/3", "https://c.example/1"]
    assert polite_order(urls) == ["https://a.example/1", "https://b.example/1", "https://c.example/1",
                                  "https://a.example/2", "https://a.example/3"]


def test_fetch_waits_the_delay_between_requests_to_one_host():
    now = [0.0]
    sleeps, starts = [], []

    def sleep(s):
        sleeps.append(s)
        now[0] += s

    def fetch(url):
        starts.append((url, now[0]))
        now[0] += 0.3  # each download takes 0.3 s
        return "<html></html>"
    urls = ["https://a.example/1", "https://b.example/1", "https://a.example/2", "https://a.example/3"]
    got = list(fetch_politely(urls, fetch, delay=1.0, clock=lambda: now[0], sleep=sleep))
    assert [u for u, _ in got] == urls
    # by hand: a/1 0-0.3, b/1 0.3-0.6, a/2 waits until 0.3+1.0 (sleep 0.7), runs 1.3-1.6,
    # a/3 waits until 2.6 (sleep 1.0), runs 2.6-2.9
    assert sleeps == pytest.approx([0.7, 1.0])
    assert [t for _, t in starts] == pytest.approx([0.0, 0.3, 1.3, 2.6])


def test_url_list_with_an_injected_fetcher(tmp_path, capsys):
    site = '<meta property="og:site_name" content="Town Crier">'
    pages = {
        "https://town.example/bridge": page("Bridge closed", long_story("bridge"), site),
        "https://town.example/mill": page("Mill fire", long_story("mill fire"), site),
        "https://other.example/same-bridge": page("Bridge closed", long_story("bridge"), site),
    }
    urls = tmp_path / "urls.txt"
    urls.write_text("# my reading list\n\nhttps://town.example/bridge\nhttps://town.example/mill\n"
                    "https://town.example/bridge\nhttps://gone.example/404\nhttps://other.example/same-bridge\n",
                    encoding="utf-8")
    fetched = []

    def fetch(url):
        fetched.append(url)
        return pages.get(url)
    report = helpers.import_articles(urls, tmp_path / "c", fetch=fetch, delay=0, progress=True, quiet=True)
    assert fetched == ["https://town.example/bridge", "https://gone.example/404", "https://other.example/same-bridge",
                       "https://town.example/mill"]  # hosts in turn, the repeated URL fetched once
    assert report[["item", "status", "reason"]].values.tolist() == [
        ["urls.txt, line 5", "skipped", "URL listed twice"],
        ["https://town.example/bridge", "imported", ""],
        ["https://gone.example/404", "skipped", "download failed (no page returned)"],
        ["https://other.example/same-bridge", "skipped", "same text as an article already in the corpus"],
        ["https://town.example/mill", "imported", ""],
    ]
    assert "4/4 pages" in capsys.readouterr().err
    rows = metadata_rows(tmp_path / "c")
    assert [(r["outlet"], r["title"], r["url"]) for r in rows] == [
        ("Town Crier", "Bridge closed", "https://town.example/bridge"),
        ("Town Crier", "Mill fire", "https://town.example/mill")]
    assert rows[0]["file"] == slug_stem("Bridge closed", "", (tmp_path / "c" / rows[0]["file"]).read_text(encoding="utf-8").strip()) + ".txt"
    assert len(load_quietly(tmp_path / "c")) == 2


def test_url_list_with_a_bad_line_is_refused_before_any_download(tmp_path):
    urls = tmp_path / "urls.txt"
    urls.write_text("https://town.example/bridge\nwww.town.example/mill\n", encoding="utf-8")
    msg = import_error(urls, tmp_path / "c", fetch=lambda url: pytest.fail("no download expected"))
    assert "urls.txt, line 2: 'www.town.example/mill' is not an http(s) URL" in msg
    assert not (tmp_path / "c").exists()


def test_python_dash_m_newslens_runs_the_import(tmp_path):
    src = write_csv(tmp_path / "t.csv", ["text", "outlet", "date"], [[STORY, "P", "2023-01-12"]])
    done = subprocess.run([sys.executable, "-m", "newslens", "import", str(src), str(tmp_path / "c")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Imported 1 article(s) into c/; skipped 0.")
    assert len(load_quietly(tmp_path / "c")) == 1


def test_a_large_import_prints_counts_by_reason(tmp_path, capsys):
    report = pd.DataFrame(
        [(f"t.csv, line {n}", "imported", f"a{n}.txt", "") for n in range(2, 20)]
        + [(f"t.csv, line {n}", "skipped", "", "no text") for n in range(20, 25)]
        + [("t.csv, line 25", "skipped", "a2.txt", "same text as an article already in the corpus")],
        columns=["item", "status", "file", "reason"])
    print_report(report, tmp_path / "c")
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "Imported 18 article(s) into c/; skipped 6."
    assert [line.split() for line in lines[1:4]] == [
        ["imported", "18", "as", "named"], ["skipped", "5", "no", "text"],
        ["skipped", "1", "same", "text", "as", "an", "article", "already", "in", "the", "corpus"]]
