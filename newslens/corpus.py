"""Load a folder of articles into the articles table, and clean each body by general rules.

The folder holds one UTF-8 `.txt` file per article, an optional `metadata.csv` with one row per
file and an optional `aliases.csv` of speaker-merge corrections. `load_corpus` returns one row per
article (the folder's aliases ride along in `articles.attrs["aliases"]`); every other table in
the project is computed from that table. What the loader loads, skips with a warning or refuses is
listed in the README's "Bad input" section. Used by every notebook (through `helpers.load_corpus`).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import unicodedata
import warnings
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from newslens.names import NamesError, read_aliases
from newslens.parallel import list_chunks, map_chunks, most_workers, worker_count
from newslens.sentences import corpus_sentence_offsets, missing_texts
from newslens.tokens import word_counts

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = PROJECT_ROOT / "corpus"
DATA_DIR = Path(__file__).resolve().parent / "data"
BOILERPLATE_FILE = DATA_DIR / "boilerplate.txt"
METADATA_FILE = "metadata.csv"
ALIASES_FILE = "aliases.csv"
ALIASES_ATTR = "aliases"  # articles.attrs key: the folder's aliases.csv rows, {name: speaker}
ARTICLE_SUFFIX = ".txt"  # in any case: x.TXT is an article like x.txt
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
BYLINE_RE = re.compile(r"(by|written by|posted by|author:)\s+(\S.{0,80})", re.IGNORECASE)
# Words that may join the capitalised words of a byline ("By Jane Doe and John Roe in Kyiv for AP").
NAME_JOINERS = frozenset({"and", "&", "in", "for", "of", "with", "de", "da", "di", "du", "van", "von",
                          "der", "den", "al", "el", "bin", "ibn", "la", "le", "y"})
NEWLINE = b"\n"
ISO_DATE_RE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
FIRST_DATE = pd.Timestamp.min.ceil("D").date()  # the days a datetime64[ns] column can hold
LAST_DATE = pd.Timestamp.max.floor("D").date()
# Why an entry of the corpus folder that looks like an article is not loaded (in warning order).
HIDDEN = "hidden files (the name starts with a dot, e.g. macOS ._ copies)"
SUBFOLDER = "folders (articles in subfolders are not read)"
BROKEN_LINK = "broken links"
OUTSIDE_LINK = "links to a file outside the corpus folder"
NOT_A_FILE = "not regular files"
SKIP_REASONS = (HIDDEN, SUBFOLDER, BROKEN_LINK, OUTSIDE_LINK, NOT_A_FILE)
MAX_NAMED = 20  # articles named in a warning about missing metadata (the count says the rest)
BYTES_PER_WORD = 6  # a folder's words estimated from its files' sizes (the generated corpora: 6.3)


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


def is_byline(line: str) -> bool:
    """True if a line is a byline: 'By', 'Written by', 'Posted by' or 'Author:' and then names
    (words that do not start in lower case, joined by and, in, for...: 'By Jane Doe and John Roe
    in Kyiv, Reuters') or one user name ('Posted by admin'); never a sentence that starts with
    'By' ('By nightfall, the garrison had withdrawn.', 'By nightfall.')."""
    found = BYLINE_RE.fullmatch(line)
    if found is None:
        return False
    words = found.group(2).replace(",", " ").replace("|", " ").split()
    if len(words) == 1:  # a user name, not the one-word sentence 'By nightfall.'
        return not words[0].endswith((".", "!", "?"))
    return all(_name_word(word) for word in words)


def _name_word(word: str) -> bool:
    """True for a word a byline's names may have: 'Doe', 'A.', 'O'Neil', 'and', '-'; not 'nightfall'."""
    first = next((c for c in word if c.isalnum()), None)
    return first is None or word.lower() in NAME_JOINERS or (first.isalpha() and not first.islower())


def header_kind(line: str, title: str, author: str) -> str | None:
    """'title', 'byline' or 'dateline' if a top line repeats the metadata; None for body text."""
    folded = _fold(line)
    if title and folded == _fold_metadata(title):
        return "title"
    if is_byline(line) or (author and folded in {_fold_metadata(author), _fold_metadata("by " + author)}):
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


def _where_in(data: bytes, at: int) -> str:
    """'byte N, line L' for a position in a file's bytes."""
    return f"byte {at}, line {data.count(NEWLINE, 0, at) + 1}"


def _decode(data: bytes, name: str) -> str:
    """A file's bytes as UTF-8 text (a byte-order mark dropped), or a CorpusError saying where
    the first byte that is not UTF-8 is."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise CorpusError(
            f"{name}: not UTF-8 ({_where_in(data, err.start)}: {data[err.start: err.start + 4]!r}). "
            "Re-save the file as UTF-8 (e.g. `iconv -f cp1252 -t utf-8`) and load again."
        ) from None


def _read_article(path: Path) -> str:
    """Read one article file as UTF-8, or raise a CorpusError: NUL bytes, not UTF-8, or empty."""
    data = path.read_bytes()
    nul = data.find(b"\0")
    if nul >= 0:
        raise CorpusError(
            f"{path.name}: has NUL bytes ({_where_in(data, nul)}), which plain text never has: the file "
            "is UTF-16 (re-save it as UTF-8, e.g. `iconv -f utf-16 -t utf-8`), not text, or damaged "
            "(delete them, e.g. `tr -d '\\000'`)."
        )
    text = _decode(data, path.name)
    if not text.strip():
        raise CorpusError(f"{path.name}: the file is empty. Paste the article text in or remove the file.")
    return text


def _parse_date(value: str, where: str) -> pd.Timestamp:
    """An ISO date (YYYY-MM-DD, within the dates pandas holds) as a Timestamp; empty means unknown (NaT)."""
    value = (value or "").strip()
    if not value:
        return pd.NaT
    try:
        day = dt.date.fromisoformat(value) if ISO_DATE_RE.fullmatch(value) else None
    except ValueError:
        raise CorpusError(f"{where}: date {value!r} is not a day of the calendar. Correct it (YYYY-MM-DD).") from None
    if day is None:
        raise CorpusError(f"{where}: date {value!r} is not a date in YYYY-MM-DD form (e.g. 2023-01-12).")
    if not FIRST_DATE <= day <= LAST_DATE:
        raise CorpusError(f"{where}: date {value!r} is outside the dates a table can hold ({FIRST_DATE} "
                          f"to {LAST_DATE}); correct the typo or leave the date empty.")
    return pd.Timestamp(day)


class Listing(NamedTuple):
    """What a corpus folder holds: its real path, its article files and what is not loaded."""
    root: Path  # the folder with every link resolved
    label: str  # the folder's name as given, for messages (never a full path)
    articles: list[str]  # names of the article files, in code-point order
    skipped: dict[str, str]  # name -> why an entry that looks like an article is not loaded


def _inside(real: str, root: str) -> bool:
    """True if a resolved path is the resolved folder `root` or lies under it."""
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _entry_kind(entry: os.DirEntry, root: str) -> str | None:
    """None for an article file, '' for an entry that is no article (metadata.csv, notes, dot
    folders), or the reason (SKIP_REASONS) an entry that looks like an article is not loaded."""
    name = entry.name
    looks_like_article = name.lower().endswith(ARTICLE_SUFFIX)
    if name.startswith("."):
        return HIDDEN if looks_like_article else ""
    if entry.is_dir():
        return SUBFOLDER
    if not looks_like_article:
        return ""
    if entry.is_symlink():  # only links can lead out: a plain entry of the resolved folder is in it
        real = os.path.realpath(entry.path)
        if not os.path.exists(real):
            return BROKEN_LINK
        if not _inside(real, root):
            return OUTSIDE_LINK
    return None if entry.is_file() else NOT_A_FILE


def list_folder(folder: Path) -> Listing:
    """Read the corpus folder once: its article files (`.txt` in any case), and every entry that
    looks like an article but is not loaded, with the reason; raise if there is no article."""
    label = folder.name or folder.resolve().name
    if not folder.exists():
        raise CorpusError(f"corpus folder {label}/ does not exist. Create it and put one .txt file per article in it.")
    if not folder.is_dir():
        raise CorpusError(f"{label} is not a folder. Point load_corpus at the folder that holds the .txt articles.")
    root = folder.resolve()
    articles, skipped = [], {}
    with os.scandir(root) as entries:  # one listing; names sort as the paths of one folder do
        for entry in entries:
            kind = _entry_kind(entry, str(root))
            if kind is None:
                articles.append(entry.name)
            elif kind:
                skipped[entry.name] = kind
    articles.sort()
    listing = Listing(root, label, articles, skipped)
    if not articles:
        found = f" ({skipped_summary(listing)})" if skipped else ""
        raise CorpusError(f"corpus folder {label}/ has no .txt files it can load{found}. "
                          "Add one UTF-8 .txt file per article.")
    _check_ids(listing)
    return listing


def _check_ids(listing: Listing) -> None:
    """Refuse two article files that would get the same article id (a.txt and a.TXT)."""
    seen: dict[str, str] = {}
    for name in listing.articles:
        other = seen.setdefault(name[:-len(ARTICLE_SUFFIX)], name)
        if other != name:
            raise CorpusError(f"{other} and {name} in {listing.label}/ would both be article "
                              f"{name[:-len(ARTICLE_SUFFIX)]!r}; rename or remove one.")


def skipped_summary(listing: Listing) -> str:
    """The entries not loaded, grouped by reason: 'folders (...): sub/; broken links: x.txt'."""
    groups = []
    for reason in SKIP_REASONS:
        names = sorted(n + ("/" if reason == SUBFOLDER else "") for n, why in listing.skipped.items() if why == reason)
        if names:
            groups.append(f"{reason}: {', '.join(names)}")
    return "; ".join(groups)


def folder_file(listing: Listing, name: str) -> Path | None:
    """The folder's own file `name` (metadata.csv, aliases.csv) resolved, or None if there is
    none; refuse a link that leads outside the folder or to no file."""
    path = listing.root / name
    if not os.path.lexists(path):
        return None
    real = os.path.realpath(path)
    if not _inside(real, str(listing.root)):
        raise CorpusError(f"{name} in {listing.label}/ is a link to a file outside the corpus folder; "
                          "copy the file into the folder instead.")
    if not os.path.isfile(real):
        raise CorpusError(f"{name} in {listing.label}/ is not a file (a folder or a broken link); "
                          f"replace it with the {name} file itself.")
    return Path(real)


def _check_file_name(name: str, listing: Listing, where: str, articles: frozenset[str]) -> str:
    """Refuse metadata file names that point outside the corpus folder or name no article
    (`articles`: the listing's article names as a set)."""
    if not name:
        raise CorpusError(f"{where}: the 'file' column is empty. Give the article's file name, e.g. 005_mynews.txt.")
    if name in articles:
        return name
    p = Path(name)
    if p.is_absolute() or p.name != name or name in {".", ".."}:
        raise CorpusError(
            f"{where}: file {name!r} is outside the corpus folder; metadata may only name files in "
            f"{listing.label}/ by their bare file name. Move the file into the folder."
        )
    if name in listing.skipped:
        raise CorpusError(f"{where}: file {name!r} is not loaded: it is one of the "
                          f"{listing.skipped[name]}. Replace it with the article file or delete the row.")
    if not name.lower().endswith(ARTICLE_SUFFIX) and os.path.lexists(listing.root / name):
        raise CorpusError(f"{where}: file {name!r} is not a .txt file; articles are plain-text .txt files.")
    raise CorpusError(f"{where}: file {name!r} does not exist in {listing.label}/. Add the file or delete the row.")


def _metadata_columns(header: list[str] | None) -> list[str]:
    """The metadata header's column names; refuse unnamed or repeated columns and missing required ones."""
    columns = [c.strip() for c in header or []]
    for k, column in enumerate(columns, start=1):
        if not column:
            raise CorpusError(f"{METADATA_FILE}, line 1: column {k} of the header has no name; name it or delete the column.")
        if column in columns[:k - 1]:
            raise CorpusError(f"{METADATA_FILE}, line 1: column {column!r} appears twice (columns "
                              f"{columns.index(column) + 1} and {k}); keep one.")
    missing = [c for c in REQUIRED_COLUMNS if c not in columns]
    if missing:
        raise CorpusError(
            f"{METADATA_FILE}: missing required column(s) {', '.join(missing)}; the header must "
            f"include {', '.join(REQUIRED_COLUMNS)} (optional: {', '.join(OPTIONAL_COLUMNS)})."
        )
    return columns


def read_metadata(folder: Path, listing: Listing | None = None) -> dict[str, dict]:
    """Read `metadata.csv` strictly into {file name: row}: one field per header column on every
    line, bare file names of the folder's articles, ISO dates, one row per file."""
    listing = list_folder(folder) if listing is None else listing
    path = folder_file(listing, METADATA_FILE)
    if path is None:
        return {}
    reader = csv.reader(io.StringIO(_decode(path.read_bytes(), METADATA_FILE), newline=""), strict=True)
    rows: dict[str, dict] = {}
    articles = frozenset(listing.articles)
    start = 1  # the line the record being read starts on
    try:
        columns = _metadata_columns(next(reader, None))
        start = reader.line_num + 1
        for values in reader:
            n, start = start, reader.line_num + 1
            if not any(v.strip() for v in values):
                continue
            where = f"{METADATA_FILE}, line {n}"
            if len(values) != len(columns):
                raise CorpusError(
                    f"{where}: {len(values)} fields, but the header has {len(columns)}. Put a value that "
                    "has a comma in double quotes, and close every quote that is opened."
                )
            row = dict(zip(columns, (v.strip() for v in values)))
            name = _check_file_name(row["file"], listing, where, articles)
            if name in rows:
                raise CorpusError(
                    f"{where}: duplicate article id {Path(name).stem!r} (file {name!r} has a row "
                    f"already, line {rows[name]['_line']}). Keep one row per file."
                )
            row["date"] = _parse_date(row["date"], f"{where} ({name})")
            row["_line"] = n
            rows[name] = row
    except csv.Error as err:
        raise CorpusError(f"{METADATA_FILE}, line {start}: not readable as CSV ({err}). Close every "
                          "double quote that is opened, and double a quote inside a quoted value.") from None
    return rows


def folder_aliases(listing: Listing) -> dict[str, str]:
    """The folder's own `aliases.csv` rows as written ({name: speaker}); {} if it has none."""
    path = folder_file(listing, ALIASES_FILE)
    if path is None:
        return {}
    try:
        return read_aliases(path)
    except (NamesError, UnicodeDecodeError, csv.Error) as err:
        raise CorpusError(f"{ALIASES_FILE} in {listing.label}/ cannot be read: {err}") from None


def _name_list(names: list[str]) -> str:
    """Names joined by commas, at most MAX_NAMED of them and a count of the rest."""
    more = f" and {len(names) - MAX_NAMED} more" if len(names) > MAX_NAMED else ""
    return ", ".join(names[:MAX_NAMED]) + more


def warn_about_folder(listing: Listing, meta: dict[str, dict]) -> None:
    """One CorpusWarning naming every entry not loaded, one naming the articles whose outlet
    falls back to their file name (no metadata row, or an empty outlet)."""
    if listing.skipped:
        warnings.warn(f"{len(listing.skipped)} item(s) in {listing.label}/ are not loaded: "
                      f"{skipped_summary(listing)}.", CorpusWarning, stacklevel=3)
    no_row = [n for n in listing.articles if n not in meta]
    blank = [f"{n} (line {meta[n]['_line']})" for n in listing.articles if n in meta and not meta[n].get("outlet")]
    if folder_file(listing, METADATA_FILE) is None:
        warnings.warn(f"{listing.label}/ has no {METADATA_FILE}: all {len(no_row)} article(s) use their file "
                      f"name as outlet and have no date. Add a {METADATA_FILE} (see the README).",
                      CorpusWarning, stacklevel=3)
    elif no_row or blank:
        parts = ([f"no row in {METADATA_FILE}: {_name_list(no_row)}"] if no_row else []) + \
                ([f"empty outlet in {METADATA_FILE}: {_name_list(blank)}"] if blank else [])
        warnings.warn(f"{len(no_row) + len(blank)} article(s) use their file name as outlet: "
                      f"{'; '.join(parts)}. Give each a row with its outlet.", CorpusWarning, stacklevel=3)


def read_articles(root: Path, names: list[str], meta: dict[str, dict], keep_raw: bool = False) -> list[dict]:
    """Read and clean the named article files of a (resolved) corpus folder: one record per article."""
    patterns = load_boilerplate_patterns()
    any_pattern = _any_pattern(tuple((rx.pattern, rx.flags) for _, rx in patterns))
    records = []
    for name in names:
        row = meta.get(name) or {}
        article_id = name[:-len(ARTICLE_SUFFIX)]
        raw = _read_article(root / name)
        text, removed = _clean(raw, row.get("title", ""), row.get("author", ""), patterns, any_pattern)
        if not text:
            raise CorpusError(f"{name}: nothing is left after cleaning (every line is title, byline or site furniture).")
        records.append({
            "article_id": article_id, "file": name, "outlet": row.get("outlet") or article_id,
            "date": row.get("date", pd.NaT), **{c: row.get(c, "") for c in OPTIONAL_COLUMNS},
            "text": text, "n_words": 0, "removed": tuple(removed),
            **({RAW_COLUMN: raw} if keep_raw else {}),
        })
    for record, n_words in zip(records, word_counts([r["text"] for r in records]).tolist()):
        record["n_words"] = n_words  # every text tokenised in a few array passes
    return records


def load_corpus(path: str | Path | None = None, keep_raw: bool = False, workers: int | None = None) -> pd.DataFrame:
    """Load every `.txt` article of a folder with its metadata row into one table, in file-name order.

    The table keeps the cleaned `text`; what cleaning removed is in `removed` (and
    `cleaning_report`). keep_raw=True adds a `raw_text` column with each file as read (after
    `text`), which doubles the memory the texts take. The folder's `aliases.csv` rows are in
    `articles.attrs["aliases"]`, which `extract_quotes` applies by default. `workers`: processes
    that read and clean the files (None: all cores for a big folder, `newslens.parallel`; the
    same table either way)."""
    folder = Path(path) if path is not None else DEFAULT_CORPUS
    listing = list_folder(folder)
    meta = read_metadata(folder, listing)
    aliases = folder_aliases(listing)
    articles = _read_all(listing, meta, keep_raw, workers)
    warn_about_folder(listing, meta)
    articles.attrs[ALIASES_ATTR] = aliases
    return articles


def _read_all(listing: Listing, meta: dict[str, dict], keep_raw: bool, workers: int | None) -> pd.DataFrame:
    """The articles table of every article of a folder, read in pieces on several processes
    when the folder is big enough (its words estimated from the files' sizes, BYTES_PER_WORD)."""
    names = listing.articles
    sizes = None
    if workers is None and most_workers("load") > 1:  # (the files' sizes are read only then)
        sizes = [os.stat(listing.root / name).st_size for name in names]
        n_workers = worker_count("load", sum(sizes) // BYTES_PER_WORD)
    else:
        n_workers = worker_count("load", 0, workers)
    pieces = list_chunks(names, n_workers, sizes)
    frames = map_chunks(_articles_table, [(listing.root, piece, {f: meta[f] for f in piece if f in meta}, keep_raw)
                                          for piece in pieces], n_workers)
    return pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]


def _articles_table(root: Path, names: list[str], meta: dict[str, dict], keep_raw: bool) -> pd.DataFrame:
    """The articles table of some files of a folder (what each worker reads when several do)."""
    return _articles_frame(read_articles(root, names, meta, keep_raw), keep_raw)


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
    needed = ["article_id", "outlet", "date", "date_basis", "n_words", "wire_source", "translated_from",
              "text", "removed"]
    missing = [c for c in needed if c not in articles.columns]
    if missing:
        raise CorpusError(f"the articles table has no column(s) {', '.join(missing)}; pass the table "
                          "that helpers.load_corpus() returns.")
    bad = missing_texts(articles)
    if bad:
        raise CorpusError(f"article(s) {', '.join(bad[:3])} have no text (NaN or not a string); fill the "
                          "`text` column or drop those rows.")
    table = articles[["article_id", "outlet", "date", "date_basis", "n_words", "wire_source",
                      "translated_from"]].copy()
    table.insert(4, "date_stated", articles["date_basis"].str.lower().str.startswith("stated"))
    table.insert(6, "n_sentences", corpus_sentence_offsets(articles["text"])[1].copy())
    table["lines_removed"] = articles["removed"].map(len).astype("int64")
    return table
