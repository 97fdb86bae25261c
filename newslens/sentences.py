"""Split article bodies into sentences with character offsets into `text`.

Rules, in order: a line break always ends a sentence (news copy puts headings and paragraphs on
lines of their own); inside a line, `.`, `!` or `?` (with any closing quotation marks or brackets
right after it, and a bracketed footnote number such as "[4]") ends a sentence when white space
and a capital letter, digit or opening mark follow. A full stop does not end a sentence after an
abbreviation listed in `data/abbreviations.txt`, a single-capital initial ("J.") or a dotted
abbreviation ("U.S.").
An ellipsis ("…" or "...") marks an omission and never ends a sentence inside a line.
Used by the quote extraction, the figures and claims tables and the overview notebook.
"""
from __future__ import annotations

import re
from array import array
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

ABBREVIATIONS_FILE = Path(__file__).resolve().parent / "data" / "abbreviations.txt"
SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "text"]
CLOSERS = "\"”’'»)]"
OPENERS = "\"“‘'«(["
# A run of . ! ? not preceded by a full stop (the look-behind comes after the first mark so the
# scan can jump from mark to mark), closing marks, then white space inside the line and the
# next character (group 1): a line break is never crossed, so every line is split on its own.
# A bracketed footnote number right after the mark ("… in Bakhmut.[4] The …", think-tank and wiki
# style) belongs to the sentence it ends (group "note").
BOUNDARY_RE = re.compile(
    rf"[.!?](?<!\.[.!?])[.!?]*[{re.escape(CLOSERS)}]*(?P<note>\[\d{{1,3}}\])?(?=[^\S\n]+([^\s]))")
WORD_BEFORE_RE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
LINE_RE = re.compile(r"[^\n]+")
TRIM_RE = re.compile(r"\S(?:[^\n]*\S)?")  # a segment without its leading and trailing white space
CACHED_TEXTS = 10_000  # articles whose sentence offsets (and text, the key) are kept for later stages


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The abbreviations after which a full stop is not a sentence end (from the data file)."""
    lines = ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _abbreviation_at(text: str, lo: int, hi: int) -> bool:
    """True if text[lo:hi] (hi just after a full stop) ends with an abbreviation or initial
    (searched without slicing the text)."""
    m = WORD_BEFORE_RE.search(text, lo, hi)
    if not m:
        return False
    word = m.group(1)
    return word in abbreviations() or "." in word or (len(word) == 1 and word.isupper())


def _text_ends(text: str) -> list[int]:
    """Offsets just after each sentence-ending mark inside the lines of `text`, in one regex pass.

    The abbreviation test looks at the word before the full stop: at most 40 characters back,
    never before the start of the line (nor before a space, which no abbreviation contains)."""
    ends = []
    for m in BOUNDARY_RE.finditer(text):
        nxt = m.group(2)
        if not (nxt.isupper() or nxt.isdigit() or nxt in OPENERS):
            continue
        mark = text[m.start():m.start("note") if m.group("note") else m.end()].rstrip(CLOSERS)
        if "..." in mark:
            continue  # an ellipsis marks an omission, not an end
        if mark == ".":
            dot = m.start() + 1
            lo = max(0, dot - 40)
            lo = max(lo, text.rfind("\n", lo, dot) + 1, text.rfind(" ", lo, dot) + 1)
            if _abbreviation_at(text, lo, dot):
                continue
        ends.append(m.end())
    return ends


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one text, white space trimmed.

    The offsets of the last CACHED_TEXTS texts are remembered, so the sentence, term, quote and
    figure stages of one analysis split each article once; the caller gets its own list."""
    flat = _split_cached(text)
    return list(zip(flat[::2], flat[1::2]))


def sentence_offsets(text: str) -> np.ndarray:
    """`split_sentences` as a read-only int64 array start, end, start, end... (from the cache)."""
    offsets = np.frombuffer(_split_cached(text), dtype=np.int64)
    offsets.flags.writeable = False
    return offsets


@lru_cache(maxsize=CACHED_TEXTS)
def _split_cached(text: str) -> array:
    """`split_sentences` as a flat array start, end, start, end... (8 bytes per offset; cached).

    Segments run from a line start or a sentence end to the next sentence end or line end;
    each is trimmed of white space by one regex search (empty segments are dropped)."""
    cuts = iter(_text_ends(text) + [len(text) + 1])
    cut = next(cuts)
    flat = array("q")
    search = TRIM_RE.search
    for line in LINE_RE.finditer(text):
        start, line_end = line.span()
        while cut < line_end:
            m = search(text, start, cut)
            if m:
                flat.extend(m.span())
            start, cut = cut, next(cuts)
        m = search(text, start, line_end)
        if m:
            flat.extend(m.span())
    return flat


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: article_id, sentence_id (0-based per article), start, end, text."""
    ids, texts = articles["article_id"].tolist(), articles["text"].tolist()
    flats = [_split_cached(text) for text in texts]
    counts = [len(flat) // 2 for flat in flats]
    if not sum(counts):
        return pd.DataFrame([], columns=SENTENCE_COLUMNS)
    joined = array("q")
    for flat in flats:
        joined.extend(flat)
    offsets = np.frombuffer(joined, dtype=np.int64)
    starts, ends = offsets[0::2].copy(), offsets[1::2].copy()
    first = np.repeat(np.cumsum(counts) - counts, counts)
    return pd.DataFrame({
        "article_id": [a for a, k in zip(ids, counts) for _ in range(k)],
        "sentence_id": np.arange(len(starts), dtype=np.int64) - first,
        "start": starts, "end": ends,
        "text": [text[s:e] for text, flat in zip(texts, flats) for s, e in zip(flat[::2], flat[1::2])],
    }, columns=SENTENCE_COLUMNS)
