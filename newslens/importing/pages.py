"""Saved web pages to articles: main text, title, author, date and site name come from
trafilatura (htmldate when trafilatura finds no date). Used by `importer` for a folder of pages
or one page, and by `urls` for downloaded pages."""
from __future__ import annotations

import datetime as dt
import warnings
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterable, Iterator

from newslens.corpus import DATA_DIR, CorpusWarning, _fold
from newslens.importing.article import Article, Skipped, outlet_from, read_source_bytes, safe_stem, slug_stem

if TYPE_CHECKING:
    from trafilatura.settings import Document

PAGE_SUFFIXES = (".html", ".htm")
AUTHOR_PLACEHOLDERS_FILE = DATA_DIR / "author_placeholders.txt"
TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")  # between a headline and a site name
PAGE_DATE_BASIS = "stated in the page's metadata (trafilatura)"
FALLBACK_DATE_BASIS = "inferred from the page by htmldate (latest date found, may be an update)"


@lru_cache(maxsize=1)
def author_placeholders() -> frozenset[str]:
    """The folded author values that name nobody (newslens/data/author_placeholders.txt)."""
    lines = AUTHOR_PLACEHOLDERS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(_fold(line) for line in lines if line.strip() and not line.startswith("#"))


def page_files(folder: Path) -> Iterator[Path | Skipped]:
    """The .html/.htm files of a folder in name order; symbolic links that resolve outside the
    folder are skipped with a warning."""
    root = folder.resolve()
    for entry in sorted(folder.iterdir(), key=lambda p: p.name):
        if entry.suffix.lower() not in PAGE_SUFFIXES:
            continue
        if entry.is_symlink() and not entry.resolve().is_relative_to(root):
            warnings.warn(f"{entry.name}: a symbolic link to a file outside {folder.name}/; skipped.", CorpusWarning, stacklevel=4)
            yield Skipped(entry.name, "symbolic link to a file outside the source folder")
        elif entry.is_file():
            yield entry


def page_articles(paths: Iterable[Path | Skipped]) -> Iterator[Article | Skipped]:
    """One article (or the reason there is none) per saved page, named after the page's file."""
    for path in paths:
        if isinstance(path, Skipped):
            yield path
            continue
        html = read_source_bytes(path, "web page")
        yield extract_page(html, item=path.name, stem=safe_stem(path.stem))


def extract_page(html: str | bytes, item: str, stem: str | None = None, url: str = "") -> Article | Skipped:
    """The article of one web page by trafilatura: text without comments, and its metadata
    (named `stem`, or after its title or URL when no stem is given)."""
    doc = page_document(html, url)
    text = ((doc.text or "") if doc is not None else "").strip()
    if not text:
        return Skipped(item, "no main text found in the page")
    site = (doc.sitename or "").strip()
    date, basis = page_date(doc.date), PAGE_DATE_BASIS
    if not date:
        date, basis = fallback_date(html), FALLBACK_DATE_BASIS
    title, page_url = strip_site_name(doc.title or "", site), doc.url or url
    return Article(
        item=item, stem=stem or slug_stem(title, page_url, text), text=text,
        outlet=outlet_from(site, page_url), date=date, date_basis=basis if date else "",
        author=clean_author(doc.author or "", site), title=title, url=page_url,
    )


def page_document(html: str | bytes, url: str = "") -> Document | None:
    """trafilatura's extraction of a page: main text without comments, and the metadata."""
    import trafilatura  # imported when a page is read: it takes a moment, and only imports need it
    return trafilatura.bare_extraction(html, url=url or None, with_metadata=True, include_comments=False)


def page_date(value: str | None) -> str:
    """A YYYY-MM-DD date from the page, or '' when there is none or it is not one."""
    try:
        return dt.date.fromisoformat((value or "").strip()[:10]).isoformat()
    except ValueError:
        return ""


def fallback_date(html: str | bytes) -> str:
    """htmldate's latest date of the page (modified dates allowed), or ''."""
    from htmldate import find_date
    return page_date(find_date(html, extensive_search=True, original_date=False, outputformat="%Y-%m-%d"))


def strip_site_name(title: str, site: str) -> str:
    """The headline without the site name that pages put before or after it ('X | The Times')."""
    title = title.strip()
    low, site_low = title.lower(), site.strip().lower()
    for sep in TITLE_SEPARATORS if site_low else ():
        if low.endswith(sep + site_low):
            return title[: -len(sep + site_low)].strip()
        if low.startswith(site_low + sep):
            return title[len(site_low + sep):].strip()
    return title


def clean_author(author: str, site: str) -> str:
    """The byline, or '' when it is a placeholder ('No Author') or the outlet's own name."""
    folded = _fold(author)
    if folded in author_placeholders() or (site and folded.startswith(_fold(site))):
        return ""
    return author.strip()
