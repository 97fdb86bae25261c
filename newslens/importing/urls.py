"""Lists of URLs to articles: each page downloaded with trafilatura's downloader, politely (one
request at a time, hosts taken in turn, at least DEFAULT_DELAY seconds between two requests to the
same host), then extracted like a saved page. Used by `importer`. The fetch function, the clock
and the sleep are parameters, so that tests run offline and without waiting."""
from __future__ import annotations

import re
import sys
import time
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Callable, Iterator, TextIO
from urllib.parse import urlsplit

from newslens.corpus import CorpusError
from newslens.importing.article import Article, Skipped, read_utf8
from newslens.importing.pages import extract_page

DEFAULT_DELAY = 1.0  # seconds between two requests to the same host
URL_RE = re.compile(r"https?://[^\s/?#]+\S*", re.IGNORECASE)
BAR_WIDTH = 30
Fetch = Callable[[str], "str | bytes | None"]


@dataclass(frozen=True)
class ListedUrl:
    """A URL of the list and the line it is on."""

    line: int
    url: str


def read_url_list(path: Path) -> list[ListedUrl]:
    """The URLs of a list file, one per line; blank lines and lines starting with # are ignored."""
    listed = []
    for n, line in enumerate(read_utf8(path, "URL list").splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if not URL_RE.fullmatch(line):
            raise CorpusError(f"{path.name}, line {n}: {line[:80]!r} is not an http(s) URL. Put one URL per line; start comments with #.")
        listed.append(ListedUrl(n, line))
    if not listed:
        raise CorpusError(f"{path.name}: no URLs. Put one http(s) URL per line.")
    return listed


def host(url: str) -> str:
    """The host a URL's request goes to (lower case)."""
    return (urlsplit(url).hostname or "").lower()


def polite_order(urls: list[str]) -> list[str]:
    """The URLs with hosts taken in turn (round robin, hosts in order of first appearance, each
    host's URLs in list order), so that waiting for one host rarely holds up the others."""
    queues: dict[str, list[str]] = {}
    for url in urls:
        queues.setdefault(host(url), []).append(url)
    order = []
    while queues:
        for h in list(queues):
            order.append(queues[h].pop(0))
            if not queues[h]:
                del queues[h]
    return order


def fetch_politely(urls: list[str], fetch: Fetch, delay: float = DEFAULT_DELAY,
                   clock: Callable[[], float] = time.monotonic,
                   sleep: Callable[[float], None] = time.sleep) -> Iterator[tuple[str, str | bytes | None]]:
    """(url, page or None) for each URL in turn, waiting until `delay` seconds have passed since
    the last request to the same host ended."""
    last_done: dict[str, float] = {}
    for url in urls:
        h = host(url)
        if h in last_done:
            wait = last_done[h] + delay - clock()
            if wait > 0:
                sleep(wait)
        page = fetch(url)
        last_done[h] = clock()
        yield url, page


def trafilatura_fetch(url: str) -> str | None:
    """The page at `url` by trafilatura's downloader, or None when the download fails."""
    from trafilatura import fetch_url
    return fetch_url(url)


def show_progress(done: int, total: int, stream: TextIO) -> None:
    """A one-line progress bar, redrawn in place: [#####     ] 5/10 pages."""
    filled = BAR_WIDTH * done // total
    stream.write(f"\r[{'#' * filled}{' ' * (BAR_WIDTH - filled)}] {done}/{total} pages")
    stream.write("\n" if done == total else "")
    stream.flush()


def url_articles(path: Path, fetch: Fetch | None = None, delay: float = DEFAULT_DELAY,
                 progress: bool = True, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> Iterator[Article | Skipped]:
    """One article (or the reason there is none) per URL of the list, downloading as they are
    taken; the list is read and checked at once. A URL listed twice is fetched once."""
    first_line: dict[str, int] = {}
    repeats = []
    for listed in read_url_list(path):
        if listed.url in first_line:
            repeats.append(Skipped(f"{path.name}, line {listed.line}", "URL listed twice"))
        else:
            first_line[listed.url] = listed.line
    order = polite_order(list(first_line))
    pages = fetch_politely(order, fetch or trafilatura_fetch, delay, clock, sleep)
    return chain(repeats, downloaded_articles(pages, len(order), progress))


def downloaded_articles(pages: Iterator[tuple[str, str | bytes | None]], total: int,
                        progress: bool) -> Iterator[Article | Skipped]:
    """The article of each downloaded page (named after its title or URL), with a progress bar."""
    for done, (url, page) in enumerate(pages, start=1):
        if progress:
            show_progress(done, total, sys.stderr)
        yield extract_page(page, item=url, url=url) if page else Skipped(url, "download failed (no page returned)")
