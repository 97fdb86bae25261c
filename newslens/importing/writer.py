"""Write imported articles into a corpus folder: one .txt file per article and a row each in the
folder's metadata.csv. Used by `importer` for every kind of source.

The rules: an article whose text, after the loader's cleaning (`newslens.corpus.clean_text`), equals
one already in the folder or earlier in the import is imported once; an existing file is never
overwritten (a different article whose name is taken gets a suffix: -2, -3, ...); an existing
metadata.csv is appended to, its bytes kept, unless it lacks some of the columns below, when it is
rewritten once with them added (values unchanged). Only files inside the folder are written.
"""
from __future__ import annotations

import csv
import hashlib
import io
import os
import sys
import warnings
from pathlib import Path
from typing import Iterable, TextIO

import pandas as pd

from newslens.corpus import METADATA_FILE, CorpusError, CorpusWarning, clean_text, load_boilerplate_patterns
from newslens.importing.article import UNKNOWN_OUTLET, Article, Skipped

METADATA_COLUMNS = ["file", "outlet", "date", "date_basis", "author", "title", "url", "wire_source", "translated_from"]
REPORT_COLUMNS = ["item", "status", "file", "reason"]
NEW_FILE_LINE_END = "\r\n"  # the csv module's own line end, as in the seed metadata.csv
PRINTED_ITEMS = 20  # the report printed item by item up to this many items, as counts beyond


def text_key(text: str) -> str:
    """The identity of a cleaned text (SHA-1 of its UTF-8 bytes)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


class CorpusFolder:
    """The corpus folder being written: names taken, texts present, and its metadata.csv."""

    def __init__(self, folder: Path):
        """Read what the folder holds (creating it if needed): names, cleaned texts, metadata."""
        if folder.exists() and not folder.is_dir():
            raise CorpusError(f"{folder.name} is a file, not a folder. Give the corpus folder to import into.")
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.patterns = load_boilerplate_patterns()
        self.meta_path = folder / METADATA_FILE
        if self.meta_path.is_symlink():
            raise CorpusError(f"{folder.name}/{METADATA_FILE} is a symbolic link; the import writes only files inside the corpus folder. Replace it with the file itself.")
        self.header, self.rows = self._read_metadata()
        self.line_end: str | None = None  # set when the first row is added
        with os.scandir(folder) as entries:
            names = [e.name for e in entries]
        self.taken = {n.casefold() for n in names} | {r.get("file", "").casefold() for r in self.rows}
        self.texts: dict[str, str] = {}  # text_key of the cleaned text -> file name
        by_file = {r.get("file", ""): r for r in self.rows}
        for name in sorted(n for n in names if n.endswith(".txt") and (folder / n).is_file()):
            row = by_file.get(name, {})
            raw = (folder / name).read_bytes().decode("utf-8-sig", errors="replace")
            self.texts.setdefault(self.key(raw, row.get("title", ""), row.get("author", "")), name)

    def _read_metadata(self) -> tuple[list[str], list[dict]]:
        """The existing metadata.csv's header and rows (stripped keys and values), or empty."""
        if not self.meta_path.exists():
            return [], []
        try:
            text = self.meta_path.read_bytes().decode("utf-8-sig")
            reader = csv.DictReader(io.StringIO(text, newline=""))
            rows = [{(k or "").strip(): (v or "").strip() for k, v in r.items() if k} for r in reader]
        except UnicodeDecodeError as err:
            raise CorpusError(f"{METADATA_FILE}: not UTF-8 (byte {err.start}). Re-save it as UTF-8 and import again.") from None
        except csv.Error as err:
            raise CorpusError(f"{METADATA_FILE}: not a readable CSV ({err}). Mend it and import again.") from None
        return [c.strip() for c in reader.fieldnames or []], rows

    def key(self, text: str, title: str, author: str) -> str:
        """The text's identity after the loader's cleaning (with the row's title and author)."""
        return text_key(clean_text(text, title, author, self.patterns)[0])

    def unique_name(self, stem: str) -> str:
        """`stem`.txt, or `stem`-2.txt, -3, ... when the name (case-blind) is taken."""
        if not stem or stem.startswith(".") or "/" in stem or os.sep in stem:
            raise ValueError(f"unsafe file stem {stem!r}")  # the sources make stems safe: a bug if reached
        name, n = f"{stem}.txt", 2
        while name.casefold() in self.taken:
            name, n = f"{stem}-{n}.txt", n + 1
        return name

    def add(self, article: Article) -> tuple[str, str, str]:
        """Write one article and its row unless its cleaned text is empty or already present;
        return (status, file, reason): the file written or the one it repeats, and why."""
        cleaned = clean_text(article.text, article.title, article.author, self.patterns)[0]
        if not cleaned:
            return "skipped", "", "nothing left after cleaning (only title, byline or site furniture)"
        key = text_key(cleaned)
        if key in self.texts:
            return "skipped", self.texts[key], "same text as an article already in the corpus"
        name = self.unique_name(article.stem)
        with open(self.folder / name, "x", encoding="utf-8", newline="\n") as fh:  # "x": never overwrite
            fh.write(article.text.strip() + "\n")
        self.taken.add(name.casefold())
        self.texts[key] = name
        self.append_row(metadata_row(article, name))
        return "imported", name, "" if name == f"{article.stem}.txt" else f"renamed: {article.stem}.txt is taken"

    def append_row(self, row: dict[str, str]) -> None:
        """Add one row to metadata.csv, creating or widening the file first when needed."""
        if self.line_end is None:
            self.line_end = self._prepare_metadata()
        with self.meta_path.open("a", encoding="utf-8", newline="") as fh:
            csv.writer(fh, lineterminator=self.line_end).writerow([row.get(c, "") for c in self.header])
        self.rows.append(row)

    def _prepare_metadata(self) -> str:
        """Before the first new row: write metadata.csv whole if it is missing or lacks columns,
        else end its last line; return the line end its rows use."""
        missing = [c for c in METADATA_COLUMNS if c not in self.header]
        if missing:
            self._write_whole(self.header + missing)
            return NEW_FILE_LINE_END
        data = self.meta_path.read_bytes()
        line_end = "\r\n" if data.split(b"\n", 1)[0].endswith(b"\r") else "\n"
        if not data.endswith(b"\n"):
            with self.meta_path.open("a", encoding="utf-8", newline="") as fh:
                fh.write(line_end)
        return line_end

    def _write_whole(self, header: list[str]) -> None:
        """(Re)write metadata.csv with `header` and the rows read so far."""
        with self.meta_path.open("w", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator=NEW_FILE_LINE_END)
            writer.writerow(header)
            writer.writerows([r.get(c, "") for c in header] for r in self.rows)
        self.header = header


def metadata_row(article: Article, name: str) -> dict[str, str]:
    """The metadata.csv row of an imported article (runs of white space in values made one space)."""
    values = {"file": name, "outlet": article.outlet, "date": article.date, "date_basis": article.date_basis,
              "author": article.author, "title": article.title, "url": article.url}
    return {c: " ".join(values.get(c, "").split()) for c in METADATA_COLUMNS}


def write_articles(items: Iterable[Article | Skipped], folder: Path) -> pd.DataFrame:
    """Write the articles into `folder`; one report row per item: item, status, file, reason."""
    corpus = CorpusFolder(folder)
    records, unknown = [], []
    for item in items:
        if isinstance(item, Skipped):
            records.append((item.item, "skipped", "", item.reason))
            continue
        status, name, reason = corpus.add(item)
        records.append((item.item, status, name, reason))
        if status == "imported" and item.outlet == UNKNOWN_OUTLET:
            unknown.append(name)
    if unknown:
        warnings.warn(
            f"{len(unknown)} imported article(s) have neither a site name nor a URL, so their outlet is "
            f"{UNKNOWN_OUTLET!r}: {', '.join(unknown)}. Set the outlet in {METADATA_FILE}.",
            CorpusWarning, stacklevel=3,
        )
    return pd.DataFrame(records, columns=REPORT_COLUMNS)


def print_report(report: pd.DataFrame, folder: Path, stream: TextIO | None = None) -> None:
    """Say what was imported and what was skipped and why: item by item for a small import,
    as counts by status and reason for a large one."""
    stream = stream or sys.stdout
    n_imported = int((report["status"] == "imported").sum())
    print(f"Imported {n_imported} article(s) into {folder.name}/; skipped {len(report) - n_imported}.", file=stream)
    if len(report) <= PRINTED_ITEMS:
        for item, status, name, reason in report.itertuples(index=False):
            print(f"  {status:8}  {item}  " + item_outcome(status, name, reason), file=stream)
        return
    counts = report.groupby(["status", "reason"], observed=True).size().reset_index(name="n")
    for status, reason, n in counts.sort_values(["status", "reason"]).itertuples(index=False):
        print(f"  {status:8}  {n:6}  {reason or 'as named'}", file=stream)
    print("  (the returned table lists every item)", file=stream)


def item_outcome(status: str, name: str, reason: str) -> str:
    """'-> file (reason)' for an imported item; '(reason: file)' for a skipped one."""
    if status == "imported":
        return f"-> {name}" + (f" ({reason})" if reason else "")
    return f"({reason}: {name})" if name else f"({reason})"
