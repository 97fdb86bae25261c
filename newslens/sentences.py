"""Split article bodies into sentences with character offsets into `text`.

Rules, in order: a line break always ends a sentence (news copy puts headings and paragraphs on
lines of their own); inside a line, `.`, `!` or `?` (with any closing quotation marks or brackets
right after it) ends a sentence when white space and a capital letter, digit or opening mark
follow. A full stop does not end a sentence after an abbreviation listed in
`data/abbreviations.txt`, a single-capital initial ("J.") or a dotted abbreviation ("U.S.").
An ellipsis ("…" or "...") marks an omission and never ends a sentence inside a line.
Used by the quote extraction, the figures and claims tables and the overview notebook.
"""
from __future__ import annotations

import re
from array import array
from functools import lru_cache
from pathlib import Path

import pandas as pd

ABBREVIATIONS_FILE = Path(__file__).resolve().parent / "data" / "abbreviations.txt"
SENTENCE_COLUMNS = ["article_id", "sentence_id", "start", "end", "text"]
CLOSERS = "\"”’'»)]"
OPENERS = "\"“‘'«(["
BOUNDARY_RE = re.compile(rf"(?<!\.)[.!?]+[{re.escape(CLOSERS)}]*(?=\s+([^\s]))")
WORD_BEFORE_RE = re.compile(r"([^\W\d_]+(?:\.[^\W\d_]+)*)\.$")
LINE_RE = re.compile(r"[^\n]+")
CACHED_TEXTS = 10_000  # articles whose sentence offsets (and text, the key) are kept for later stages


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """The abbreviations after which a full stop is not a sentence end (from the data file)."""
    lines = ABBREVIATIONS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(w.strip() for w in lines if w.strip() and not w.startswith("#"))


def _is_abbreviation(before: str) -> bool:
    """True if the text up to and including a full stop ends with an abbreviation or initial."""
    m = WORD_BEFORE_RE.search(before[-40:])
    if not m:
        return False
    word = m.group(1)
    return word in abbreviations() or "." in word or (len(word) == 1 and word.isupper())


def _ends(line: str) -> list[int]:
    """Offsets (within one line) just after each sentence-ending mark."""
    ends = []
    for m in BOUNDARY_RE.finditer(line):
        nxt = m.group(1)
        if not (nxt.isupper() or nxt.isdigit() or nxt in OPENERS):
            continue
        mark = m.group(0).rstrip(CLOSERS)
        if "..." in mark:
            continue  # an ellipsis marks an omission, not an end
        if mark == "." and _is_abbreviation(line[: m.start() + 1]):
            continue
        ends.append(m.end())
    return ends


def split_sentences(text: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of one text, white space trimmed.

    The offsets of the last CACHED_TEXTS texts are remembered, so the sentence, term, quote and
    figure stages of one analysis split each article once; the caller gets its own list."""
    flat = _split_cached(text)
    return list(zip(flat[::2], flat[1::2]))


@lru_cache(maxsize=CACHED_TEXTS)
def _split_cached(text: str) -> array:
    """`split_sentences` as a flat array start, end, start, end... (8 bytes per offset; cached)."""
    spans = []
    for line in LINE_RE.finditer(text):
        base, body = line.start(), line.group(0)
        start = 0
        for end in _ends(body) + [len(body)]:
            chunk = body[start:end]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if trail > lead:
                spans.append((base + start + lead, base + start + trail))
            start = end
    return array("q", [offset for span in spans for offset in span])


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: article_id, sentence_id (0-based per article), start, end, text."""
    rows = [
        (article_id, i, s, e, text[s:e])
        for article_id, text in zip(articles["article_id"], articles["text"])
        for i, (s, e) in enumerate(split_sentences(text))
    ]
    return pd.DataFrame(rows, columns=SENTENCE_COLUMNS)
