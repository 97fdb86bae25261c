"""What every import source hands the writer: one `Article` per article found, one `Skipped` per
item left out, plus the shared naming, outlet and file-reading rules. Used by `pages`, `urls`,
`tables` and `writer`."""
from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from newslens.corpus import CorpusError

UNKNOWN_OUTLET = "unknown outlet"
MAX_SLUG = 60  # characters of title or URL kept in a file name
HASH_CHARS = 8  # hex digits of the text's hash in a file name
UNSAFE_RE = re.compile(r"[^\w.-]+")  # anything but letters, digits, _ . - (Unicode letters kept)
SLUG_BREAK_RE = re.compile(r"[\W_]+")


@dataclass(frozen=True)
class Article:
    """One article ready to write: the body text, the metadata row's values and its origin."""

    item: str  # where it came from, for the report: a page's file name, "export.csv, line 3", a URL
    stem: str  # the file name wanted, without .txt (already safe; the writer makes it unique)
    text: str
    outlet: str
    date: str = ""  # YYYY-MM-DD or empty
    date_basis: str = ""
    author: str = ""
    title: str = ""
    url: str = ""


@dataclass(frozen=True)
class Skipped:
    """An item of the source that gives no article, and why."""

    item: str
    reason: str


def safe_stem(name: str) -> str:
    """A readable file stem: runs of characters other than letters, digits, _ . - become '-'."""
    stem = UNSAFE_RE.sub("-", unicodedata.normalize("NFC", name)).strip(".-_")
    return stem[:120].rstrip(".-_") or "article"


def url_domain(url: str) -> str:
    """The host of a URL without a leading 'www.', or '' when there is none."""
    host = (urlsplit(url.strip()).hostname or "") if url else ""
    return host.removeprefix("www.")


def outlet_from(site_name: str, url: str) -> str:
    """The outlet: the site name, else the URL's domain, else UNKNOWN_OUTLET (the writer warns)."""
    return (site_name or "").strip() or url_domain(url) or UNKNOWN_OUTLET


def text_hash(text: str) -> str:
    """A short, stable hash of a text (SHA-1, first HASH_CHARS hex digits)."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:HASH_CHARS]


def slug_stem(title: str, url: str, text: str) -> str:
    """A file stem for an article without a file of its own: title (else the URL's last path
    segment, else 'article') as a lower-case slug, plus a short hash of the text."""
    base = title or url_slug(url)
    slug = SLUG_BREAK_RE.sub("-", unicodedata.normalize("NFC", base).lower()).strip("-")
    slug = slug[:MAX_SLUG].rstrip("-") or "article"
    return f"{slug}-{text_hash(text)}"


def url_slug(url: str) -> str:
    """The last non-empty path segment of a URL without its extension, else its domain."""
    parts = [p for p in urlsplit(url or "").path.split("/") if p]
    return Path(parts[-1]).stem if parts else url_domain(url)


def read_source_bytes(path: Path, what: str) -> bytes:
    """Read a source file, or raise a CorpusError naming it and what to do."""
    try:
        return path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path.name}: cannot read the {what} ({err.strerror}). Check the file and its permissions.") from None


def read_utf8(path: Path, what: str) -> str:
    """Read a source file as UTF-8, or raise a CorpusError naming it, the byte and the line."""
    data = read_source_bytes(path, what)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise CorpusError(
            f"{path.name}: not UTF-8 (byte {err.start}, line {line}). Re-save the {what} as UTF-8 "
            "(e.g. `iconv -f cp1252 -t utf-8`) and import again."
        ) from None
