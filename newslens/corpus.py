"""Load a folder of articles into the articles table, and clean each body by general rules.

The folder holds one UTF-8 `.txt` file per article and an optional `metadata.csv` with one row per
file. `load_corpus` returns one row per article; every other table in the project is computed
from that table. Used by every notebook (through `helpers.load_corpus`).
"""
from __future__ import annotations

import csv
import datetime as dt
import os
import re
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path

import pandas as pd

from newslens.sentences import corpus_sentence_offsets
from newslens.tokens import word_counts

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DATA_DIR = Path(__file__).resolve().parent / "data"
BOILERPLATE_FILE = DATA_DIR / "boilerplate.txt"
METADATA_FILE = "metadata.csv"
REQUIRED_COLUMNS = ("file", "outlet", "date")
OPTIONAL_COLUMNS = ("url", "date_basis", "author", "title", "wire_source", "translated_from")
ARTICLE_COLUMNS = [
    "article_id", "file", "outlet", "date", "date_basis", "title", "author", "url",
    "wire_source", "translated_from", "text", "n_words", "removed",
]
RAW_COLUMN = "raw_text"  # the file as read, only with load_corpus(..., keep_raw=True): a second copy
# Spaces that are not plain spaces (no-break, en/em/thin spaces, ideographic...) and invisible
# characters that only break matching (zero-width space/joiners, soft hyphen, byte-order mark).
ODD_SPACES_RE = re.compile(r"[\t\v\f\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
INVISIBLE_RE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
ODD_OR_INVISIBLE_RE = re.compile(ODD_SPACES_RE.pattern[:-1] + INVISIBLE_RE.pattern[1:])  # either class
SPACE_RUN_RE = re.compile(r" {2,}")
BLANK_RUN_RE = re.compile(r"\n{3,}")
NON_WORD_RUN_RE = re.compile(r"[\W_]+")
MONTHS = (r"(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?")
WEEKDAYS = r"(mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?"
DATELINE_RE = re.compile(
    rf"^(({WEEKDAYS}),?\s+)?("
    rf"{MONTHS}\s+\d{{1,2}}(st|nd|rd|th)?,?\s+\d{{4}}"  # January 12, 2023
    rf"|\d{{1,2}}(st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}}"  # 12 January 2023
    r"|\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}"  # 2023-01-12, 12.01.2023
    r")(,?\s+(at\s+)?\d{1,2}[:.]\d{2}(\s*[ap]\.?m\.?)?(\s+[a-z]{2,4})?)?$",  # 10:30 am GMT
    re.IGNORECASE,
)
BACKREFERENCE_RE = re.compile(r"\\\d|\(\?P=|\(\?[aiLmsux]")  # \1, (?P=name), inline flags
BYLINE_RE = re.compile(r"^(by|written by|posted by|author:)\s+\S.{0,80}$", re.IGNORECASE)


class CorpusError(ValueError):
    """A corpus folder, file or metadata row that cannot be loaded as it is."""


class CorpusWarning(UserWarning):
    """Something in the corpus the loader worked around (e.g. an article without metadata)."""


def load_boilerplate_patterns(path: Path = BOILERPLATE_FILE) -> list[tuple[str, re.Pattern]]:
    """Read the site-furniture patterns file: (name, compiled full-line regex) pairs."""
    patterns = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        name, sep, regex = line.partition("\t")
        if not sep:
            raise CorpusError(f"{path.name}, line {n}: expected 'name<TAB>regex', got {line!r}")
        try:
            patterns.append((name.strip(), re.compile(regex.strip(), re.IGNORECASE)))
        except re.error as err:
            raise CorpusError(f"{path.name}, line {n}: bad regular expression ({err})") from err
    return patterns


def normalise_text(raw: str) -> str:
    """Unicode NFC, odd spaces to plain spaces, invisible characters out, space runs collapsed."""
    text = unicodedata.normalize("NFC", raw.replace("\r\n", "\n").replace("\r", "\n"))
    if ODD_OR_INVISIBLE_RE.search(text):  # one scan; most texts have neither
        text = ODD_SPACES_RE.sub(" ", INVISIBLE_RE.sub("", text))
    if "  " in text:
        text = SPACE_RUN_RE.sub(" ", text)
    return "\n".join(line.strip() for line in text.split("\n"))


def _fold(line: str) -> str:
    """Case- and punctuation-insensitive form of a line, for comparing it with metadata."""
    line = line.replace("\u2019", "'").replace("\u2018", "'").lower()
    return NON_WORD_RUN_RE.sub(" ", line).strip()


@lru_cache(maxsize=64)
def _fold_metadata(value: str) -> str:
    """`_fold` of a title or author, remembered for the last 64 values (each article's header
    lines are compared with the same ones)."""
    return _fold(value)


def header_kind(line: str, title: str, author: str) -> str | None:
    """'title', 'byline' or 'dateline' if a top line repeats the metadata; None for body text."""
    folded = _fold(line)
    if title and folded == _fold_metadata(title):
        return "title"
    if BYLINE_RE.match(line) or (author and folded in {_fold_metadata(author), _fold_metadata("by " + author)}):
        return "byline"
    if DATELINE_RE.match(line):
        return "dateline"
    return None


@lru_cache(maxsize=8)
def _any_pattern(patterns: tuple[tuple[str, int], ...]) -> re.Pattern | None:
    """One regex that fully matches a line if and only if one of the patterns does (a fast
    first test), or None when the patterns cannot be joined safely (back-references, flags)."""
    if not patterns or len({flags for _, flags in patterns}) != 1:
        return None
    if any(BACKREFERENCE_RE.search(rx) for rx, _ in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{rx})" for rx, _ in patterns), patterns[0][1])
    except re.error:
        return None


def clean_text(raw: str, title: str = "", author: str = "",
               patterns: list[tuple[str, re.Pattern]] | None = None) -> tuple[str, list[tuple[str, str]]]:
    """Turn a file as read into the article body; return (text, [(reason, removed line), ...])."""
    patterns = load_boilerplate_patterns() if patterns is None else patterns
    return _clean(raw, title, author, patterns, _any_pattern(tuple((rx.pattern, rx.flags) for _, rx in patterns)))


def _clean(raw: str, title: str, author: str, patterns: list[tuple[str, re.Pattern]],
           any_pattern: re.Pattern | None) -> tuple[str, list[tuple[str, str]]]:
    """`clean_text` with the joined pre-test of the patterns (`_any_pattern`) given."""
    lines = normalise_text(raw).split("\n")
    removed: list[tuple[str, str]] = []
    kept: list[str] = []
    in_header = True
    for line in lines:
        if not line:
            kept.append(line)
            continue
        kind = header_kind(line, title, author) if in_header else None
        if kind is None and (any_pattern is None or any_pattern.fullmatch(line)):
            kind = next((name for name, rx in patterns if rx.fullmatch(line)), None)
        if kind is None:
            in_header = False
            kept.append(line)
        else:
            removed.append((kind, line))
    text = "\n".join(kept)
    text = (BLANK_RUN_RE.sub("\n\n", text) if "\n\n\n" in text else text).strip()
    return text, removed


def _read_article(path: Path) -> str:
    """Read one article file as UTF-8, or raise a CorpusError saying where the bad bytes are."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        bad = data[err.start: err.start + 4]
        raise CorpusError(
            f"{path.name}: not UTF-8 (byte {err.start}, line {line}: {bad!r}). "
            "Re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`) and load again."
        ) from None
    if not text.strip():
        raise CorpusError(f"{path.name}: the file is empty. Paste the article text in or remove the file.")
    return text


def _parse_date(value: str, where: str) -> pd.Timestamp:
    """An ISO date (YYYY-MM-DD) as a Timestamp; empty means unknown (NaT)."""
    value = (value or "").strip()
    if not value:
        return pd.NaT
    try:
        return pd.Timestamp(dt.date.fromisoformat(value))
    except ValueError:
        raise CorpusError(f"{where}: date {value!r} is not a date in YYYY-MM-DD form (e.g. 2023-01-12).") from None


def _check_file_name(name: str, folder: Path, where: str, listed: frozenset[str] = frozenset()) -> str:
    """Refuse metadata file names that point outside the corpus folder or name no article
    (`listed`: names of files known to be in the folder, which need no check on disk)."""
    if not name:
        raise CorpusError(f"{where}: the 'file' column is empty. Give the article's file name, e.g. 005_mynews.txt.")
    p = Path(name)
    if p.is_absolute() or p.name != name or name in {".", ".."}:
        raise CorpusError(
            f"{where}: file {name!r} is outside the corpus folder; metadata may only name files in "
            f"{folder.name}/ by their bare file name. Move the file into the folder."
        )
    if name not in listed and not (folder / name).is_file():
        raise CorpusError(f"{where}: file {name!r} does not exist in {folder.name}/. Add the file or delete the row.")
    if p.suffix != ".txt":
        raise CorpusError(f"{where}: file {name!r} is not a .txt file; articles are plain-text .txt files.")
    return name


def read_metadata(folder: Path) -> dict[str, dict]:
    """Read `metadata.csv` into {file name: row}, checking columns, names, dates and duplicates."""
    path = folder / METADATA_FILE
    if not path.exists():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            columns = [c.strip() for c in (reader.fieldnames or [])]
            missing = [c for c in REQUIRED_COLUMNS if c not in columns]
            if missing:
                raise CorpusError(
                    f"{METADATA_FILE}: missing required column(s) {', '.join(missing)}; the header must "
                    f"include {', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)})."
                )
            rows = {}
            listed = _file_names(folder)
            for n, row in enumerate(reader, start=2):
                row = {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}
                if not any(row.values()):
                    continue
                where = f"{METADATA_FILE}, line {n}"
                name = _check_file_name(row.get("file", ""), folder, where, listed)
                if name in rows:
                    raise CorpusError(
                        f"{where}: duplicate article id {Path(name).stem!r} (file {name!r} has a row "
                        f"already, line {rows[name]['_line']}). Keep one row per file."
                    )
                row["date"] = _parse_date(row.get("date", ""), f"{where} ({name})")
                row["_line"] = n
                rows[name] = row
    except UnicodeDecodeError as err:
        raise CorpusError(f"{METADATA_FILE}: not UTF-8 (byte {err.start}). Re-save it as UTF-8.") from None
    except csv.Error as err:
        raise CorpusError(f"{METADATA_FILE}: not a readable CSV ({err}).") from None
    return rows


def _file_names(folder: Path) -> frozenset[str]:
    """Names of the regular files in `folder` (symbolic links followed), from one listing."""
    with os.scandir(folder) as entries:
        return frozenset(e.name for e in entries if e.is_file())


def _article_files(folder: Path) -> list[Path]:
    """The `.txt` files of the folder, sorted by name; raise if the folder is missing or has none."""
    if not folder.exists():
        raise CorpusError(f"corpus folder {folder.name}/ does not exist. Create it and put one .txt file per article in it.")
    if not folder.is_dir():
        raise CorpusError(f"{folder.name} is not a folder. Point load_corpus at the folder that holds the .txt articles.")
    with os.scandir(folder) as entries:  # one listing; names sort as the paths of one folder do
        names = sorted(e.name for e in entries if e.name.endswith(".txt") and e.is_file())
    files = [folder / name for name in names]
    if not files:
        raise CorpusError(f"corpus folder {folder.name}/ has no .txt files. Add one UTF-8 .txt file per article.")
    return files


def load_corpus(path: str | Path | None = None, keep_raw: bool = False) -> pd.DataFrame:
    """Load every `.txt` article of a folder with its metadata row into one table, in file-name order.

    The table keeps the cleaned `text`; what cleaning removed is in `removed` (and
    `cleaning_report`). keep_raw=True adds a `raw_text` column with each file as read (after
    `text`), which doubles the memory the texts take."""
    folder = Path(path) if path is not None else DEFAULT_CORPUS
    files = _article_files(folder)
    meta = read_metadata(folder)
    patterns = load_boilerplate_patterns()
    any_pattern = _any_pattern(tuple((rx.pattern, rx.flags) for _, rx in patterns))
    records, unlisted = [], []
    for f in files:
        row = meta.get(f.name)
        if row is None:
            unlisted.append(f.name)
            row = {"outlet": f.stem, "date": pd.NaT}
        raw = _read_article(f)
        text, removed = _clean(raw, row.get("title", ""), row.get("author", ""), patterns, any_pattern)
        if not text:
            raise CorpusError(f"{f.name}: nothing is left after cleaning (every line is title, byline or site furniture).")
        records.append({
            "article_id": f.stem, "file": f.name, "outlet": row.get("outlet") or f.stem,
            "date": row["date"], **{c: row.get(c, "") for c in OPTIONAL_COLUMNS},
            "text": text, "n_words": 0, "removed": tuple(removed),
            **({RAW_COLUMN: raw} if keep_raw else {}),
        })
    for record, n_words in zip(records, word_counts([r["text"] for r in records]).tolist()):
        record["n_words"] = n_words  # every text tokenised in a few array passes
    if unlisted:
        warnings.warn(
            f"{len(unlisted)} article(s) have no row in {METADATA_FILE} and use their file name as outlet: "
            + ", ".join(unlisted), CorpusWarning, stacklevel=2,
        )
    return _articles_frame(records, keep_raw)


def article_columns(keep_raw: bool = False) -> list[str]:
    """The columns of the articles table (with `raw_text` after `text` when keep_raw)."""
    if not keep_raw:
        return list(ARTICLE_COLUMNS)
    at = ARTICLE_COLUMNS.index("text") + 1
    return ARTICLE_COLUMNS[:at] + [RAW_COLUMN] + ARTICLE_COLUMNS[at:]


def _articles_frame(records: list[dict], keep_raw: bool = False) -> pd.DataFrame:
    """The articles table from one dict per article (extra keys such as raw_text are dropped)."""
    articles = pd.DataFrame.from_records(records, columns=article_columns(keep_raw))
    articles["date"] = pd.to_datetime(articles["date"]).astype("datetime64[ns]")
    articles["n_words"] = articles["n_words"].astype("int64")
    return articles


def cleaning_report(articles: pd.DataFrame) -> pd.DataFrame:
    """What cleaning removed: one row per removed line (article_id, outlet, reason, line)."""
    rows = [
        (a, o, reason, line)
        for a, o, removed in zip(articles["article_id"], articles["outlet"], articles["removed"])
        for reason, line in removed
    ]
    return pd.DataFrame(rows, columns=["article_id", "outlet", "reason", "line"])


def article_overview(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per article: outlet, date and how it is known, words, sentences, sources, lines removed."""
    table = articles[["article_id", "outlet", "date", "date_basis", "n_words", "wire_source",
                      "translated_from"]].copy()
    table.insert(4, "date_stated", articles["date_basis"].str.lower().str.startswith("stated"))
    table.insert(6, "n_sentences", corpus_sentence_offsets(articles["text"])[1].copy())
    table["lines_removed"] = articles["removed"].map(len).astype("int64")
    return table
