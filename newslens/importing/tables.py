"""News-API and archive exports to articles: CSV, JSON Lines and Parquet tables, one article per
row, their columns recognised by the usual names. Used by `importer`.

Column names are matched case-blind, the first name of each list that the table has wins:
text from TEXT_COLUMNS (required), title, date, outlet, author and URL from the other lists.
Nested objects (NewsAPI's "source": {"id": ..., "name": ...}) are flattened to "source.name".
"""
from __future__ import annotations

import ast
import csv
import io
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from newslens.corpus import CorpusError
from newslens.importing.article import Article, Skipped, outlet_from, read_utf8, slug_stem
from newslens.importing.dates import DateReader

TABLE_SUFFIXES = (".csv", ".jsonl", ".parquet")
TEXT_COLUMNS = ("text", "content", "body", "maintext", "article", "full_text")
TITLE_COLUMNS = ("title", "headline")
DATE_COLUMNS = ("date", "publish_date", "publishedat", "published", "pubdate")
OUTLET_COLUMNS = ("outlet", "source.name", "source_name", "source", "media_name", "sitename", "publisher", "domain")
AUTHOR_COLUMNS = ("author", "byline", "authors")
URL_COLUMNS = ("url", "link")
CSV_FIELD_LIMIT = 2**31 - 1  # article texts can be longer than the csv module's default 128 KB


@dataclass(frozen=True)
class Columns:
    """The table's column for each metadata field (None when the table has none)."""

    text: str
    title: str | None
    date: str | None
    outlet: str | None
    author: str | None
    url: str | None


def table_articles(path: Path, dayfirst: bool | None = None) -> list[Article | Skipped]:
    """One article (or the reason there is none) per row of a .csv, .jsonl or .parquet table;
    every row is read and checked before anything is written."""
    rows = read_table(path)
    if not rows:
        raise CorpusError(f"{path.name}: the table has no rows. Export the articles again.")
    cols = find_columns(path, [c for _, record in rows for c in record])
    dates = DateReader(dayfirst)
    return [row_article(record, cols, where, dates, path.name) for where, record in rows]


def read_table(path: Path) -> list[tuple[str, dict]]:
    """The rows of a table as (where, {column: value}) with nested objects flattened."""
    suffix = path.suffix.lower()
    if suffix == ".csv":
        return csv_rows(path)
    if suffix == ".jsonl":
        return jsonl_rows(path)
    return parquet_rows(path)


def csv_rows(path: Path) -> list[tuple[str, dict]]:
    """The records of a CSV file with the line each starts on; a row longer than the header is refused."""
    text = read_utf8(path, "table")
    old_limit = csv.field_size_limit(CSV_FIELD_LIMIT)
    try:
        reader = csv.DictReader(io.StringIO(text, newline=""))
        reader.fieldnames  # reads the header line(s)
        rows, start = [], reader.line_num + 1
        for record in reader:
            if None in record:
                raise CorpusError(f"{path.name}, line {start}: more fields than the header has. Quote values that contain commas.")
            rows.append((f"{path.name}, line {start}", record))
            start = reader.line_num + 1
        return rows
    except csv.Error as err:
        raise CorpusError(f"{path.name}, line {reader.line_num}: not a readable CSV ({err}).") from None
    finally:
        csv.field_size_limit(old_limit)


def jsonl_rows(path: Path) -> list[tuple[str, dict]]:
    """The objects of a JSON Lines file (one JSON object per line; blank lines ignored)."""
    rows = []
    for n, line in enumerate(read_utf8(path, "table").split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise CorpusError(f"{path.name}, line {n}: not valid JSON ({err.msg}). Each line must be one JSON object.") from None
        if not isinstance(record, dict):
            raise CorpusError(f"{path.name}, line {n}: a JSON {type(record).__name__}, not an object. Each line must be one article object.")
        rows.append((f"{path.name}, line {n}", flatten(record)))
    return rows


def parquet_rows(path: Path) -> list[tuple[str, dict]]:
    """The rows of a Parquet file (struct columns flattened), numbered from 1."""
    try:
        frame = pd.read_parquet(path)
    except Exception as err:  # pyarrow raises several types for a damaged or foreign file
        detail = str(err).replace(str(path), path.name)
        raise CorpusError(
            f"{path.name}: not a readable Parquet file ({type(err).__name__}: {detail}). "
            "Export it again, or export CSV or JSON Lines instead."
        ) from None
    frame.columns = [str(c) for c in frame.columns]
    return [(f"{path.name}, row {n}", flatten(record))
            for n, record in enumerate(frame.to_dict("records"), start=1)]


def flatten(record: dict, prefix: str = "") -> dict:
    """Nested objects as dotted columns: {"source": {"name": "BBC"}} -> {"source.name": "BBC"}."""
    flat = {}
    for key, value in record.items():
        if isinstance(value, dict):
            flat.update(flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def find_columns(path: Path, names: list[str]) -> Columns:
    """Match the table's columns to the fields, case-blind; a table without text is refused."""
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(name.strip().lower(), name)

    def first(candidates: tuple[str, ...]) -> str | None:
        return next((by_lower[c] for c in candidates if c in by_lower), None)

    text = first(TEXT_COLUMNS)
    if text is None:
        found = ", ".join(list(by_lower.values())[:20]) or "none"
        raise CorpusError(
            f"{path.name}: no column with the article text. Name it one of {', '.join(TEXT_COLUMNS)} "
            f"(columns found: {found})."
        )
    return Columns(text, first(TITLE_COLUMNS), first(DATE_COLUMNS), first(OUTLET_COLUMNS),
                   first(AUTHOR_COLUMNS), first(URL_COLUMNS))


def cell(value: object) -> str:
    """A table value as trimmed text: missing values are '', lists are joined with '; '."""
    if isinstance(value, str):
        return value.strip()
    if hasattr(value, "tolist"):  # numpy arrays (Parquet lists) and numpy scalars
        value = value.tolist()
    if isinstance(value, (list, tuple)):
        return "; ".join(s for s in (cell(v) for v in value) if s)
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def author_cell(value: object) -> str:
    """Authors as 'A; B': lists joined, and a list written as text ("['A', 'B']") read as one."""
    text = cell(value)
    if text.startswith("[") and text.endswith("]"):
        try:
            parsed = ast.literal_eval(text)
        except (ValueError, SyntaxError):
            return text
        return cell(parsed) if isinstance(parsed, list) else text
    return text


def row_article(record: dict, cols: Columns, where: str, dates: DateReader, table: str) -> Article | Skipped:
    """The article of one row, or Skipped when the row has no text."""
    text = cell(record.get(cols.text))
    if not text:
        return Skipped(where, "no text")
    title = cell(record.get(cols.title)) if cols.title else ""
    url = cell(record.get(cols.url)) if cols.url else ""
    date = dates.read(record.get(cols.date), f"{where}, column {cols.date}") if cols.date else ""
    return Article(
        item=where, stem=slug_stem(title, url, text), text=text,
        outlet=outlet_from(cell(record.get(cols.outlet)) if cols.outlet else "", url),
        date=date, date_basis=f"stated in {table} ({cols.date})" if date else "",
        author=author_cell(record.get(cols.author)) if cols.author else "", title=title, url=url,
    )
