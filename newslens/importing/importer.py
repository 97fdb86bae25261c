"""`import_articles`: turn saved web pages, a list of URLs or a news-API / archive export into
articles of a corpus folder that `load_corpus` reads. Used by `helpers`, the command line
(`python -m newslens import`) and `make import`."""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pandas as pd

from newslens.corpus import CorpusError
from newslens.importing.article import Article, Skipped
from newslens.importing.pages import PAGE_SUFFIXES, page_articles, page_files
from newslens.importing.tables import TABLE_SUFFIXES, table_articles
from newslens.importing.urls import DEFAULT_DELAY, Fetch, url_articles
from newslens.importing.writer import print_report, write_articles

SOURCE_KINDS = "a folder of saved web pages (.html, .htm), a .txt list of URLs, or a .csv, .jsonl or .parquet table"


def import_articles(source: str | Path, corpus_dir: str | Path, *, dayfirst: bool | None = None,
                    fetch: Fetch | None = None, delay: float = DEFAULT_DELAY, progress: bool = True,
                    quiet: bool = False) -> pd.DataFrame:
    """Import the articles of `source` into the corpus folder `corpus_dir` (created if needed);
    print and return what happened to each item: item, status (imported/skipped), file, reason.

    source: a folder of saved web pages (or one page), a .txt file with one URL per line, or a
    .csv, .jsonl or .parquet table with one article per row. dayfirst: how to read numeric dates
    such as 12/01/2023 in tables (True: 12 January; False: December 1; None: refuse them).
    fetch: the download function for URL lists (default: trafilatura's downloader); delay:
    seconds between two requests to the same host; progress: draw a progress bar while downloading.
    """
    source, folder = Path(source), Path(corpus_dir)
    report = write_articles(source_items(source, dayfirst, fetch, delay, progress), folder)
    if not quiet:
        print_report(report, folder)
    return report


def source_items(source: Path, dayfirst: bool | None, fetch: Fetch | None, delay: float,
                 progress: bool) -> Iterable[Article | Skipped]:
    """The articles of a source, chosen by what the source is; a bad source raises CorpusError
    here, before anything is written."""
    if not source.exists():
        raise CorpusError(f"{source.name}: the source does not exist. Give {SOURCE_KINDS}.")
    if source.is_dir():
        paths = list(page_files(source))
        if not paths:
            raise CorpusError(f"{source.name}/ has no .html or .htm files. Save the pages there, or give {SOURCE_KINDS}.")
        return page_articles(paths)
    suffix = source.suffix.lower()
    if suffix in PAGE_SUFFIXES:
        return page_articles([source])
    if suffix == ".txt":
        return url_articles(source, fetch, delay, progress)
    if suffix in TABLE_SUFFIXES:
        return table_articles(source, dayfirst)
    raise CorpusError(f"{source.name}: cannot import a {suffix or 'file without extension'} file. Give {SOURCE_KINDS}.")
