"""Split article bodies into sentences with character offsets into `text`.

Rules, in order: a line break always ends a sentence (news copy puts headings and paragraphs on
lines of their own); inside a line, `.`, `!` or `?` (with any closing quotation marks or brackets
right after it, and a bracketed footnote number such as "[4]") ends a sentence when white space
and a capital letter, digit or opening mark follow. A full stop does not end a sentence after an
abbreviation listed in `data/abbreviations.txt`, a single-capital initial ("J.") or a dotted
abbreviation ("U.S.").
An ellipsis ("…" or "...") marks an omission and never ends a sentence inside a line.
Used by the quote extraction, the figures and claims tables and the overview notebook.
The regular expressions below state the rules (`_split_one`); every split is made with array
operations that give the same offsets (`_split_joined`, checked on random text by the tests) in
time linear in the text: `split_sentences` splits one text, `split_many` (the sentence table,
the term tables) many at once. Both fill one bounded cache of offsets.
`corpus_sentence_offsets` (the sentence table, the term tables, the figures) splits a whole text
column once and keeps the result keyed on the column's identity, so the corpus stages split each
article once whatever the corpus size (the per-text cache still serves the quote engine).
"""
from __future__ import annotations

import re
import threading
import warnings
from array import array
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from newslens.columns import categorical, offsets as compact_offsets
from newslens.parallel import corpus_words, list_chunks, map_chunks, worker_count
from newslens.tokens import BMP, ColumnCache, _code_points, text_identity

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
CORPORA_KEPT = 2  # articles tables whose sentence offsets `corpus_sentence_offsets` keeps
STEPS = 32  # one-character steps of `_run_end` before the runs still open are followed in one pass
CHUNK_TEXTS = 250  # texts split per array pass (`split_many`): bounds its temporary arrays (about 10 MB)
SPACE_RUN_RE = re.compile(r"\s+")  # white space as TRIM_RE's \S sees it
DIGIT_RUN_RE = re.compile(r"\d+")  # digits as the footnote rule's \d sees them
LETTER_RUN_RE = re.compile(r"[^\W\d_]+")  # letters as WORD_BEFORE_RE sees them
MARK, CLOSER, SPACE, NEWLINE, STARTER, DIGIT, WORDLIKE = 1, 2, 4, 8, 16, 32, 64  # class bits (WORDLIKE: a letter or .)
TEXT_DTYPE = pd.StringDtype("pyarrow", na_value=np.nan)  # the sentence text column's dtype (pandas' str)
MAX_SENTENCE_CHARS = 2_000  # a table with a row per mention shows a longer sentence as an excerpt
ELLIPSIS = "…"  # marks where an excerpt cuts its sentence


class LongSentenceWarning(UserWarning):
    """Rows of a table show an excerpt of a sentence longer than MAX_SENTENCE_CHARS."""


class SentencesError(ValueError):
    """An articles table the sentence splitter cannot use as given (no text column, NaN texts)."""


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


class _OffsetsCache:
    """The sentence offsets of the last `size` texts, keyed on the text itself (its characters:
    two equal strings share an entry), least recently used dropped first; thread-safe."""

    def __init__(self, size: int) -> None:
        self.size, self._items, self._lock = size, OrderedDict(), threading.Lock()

    def get(self, text: str) -> array | None:
        """The offsets of `text` if cached (and mark them recently used), else None."""
        with self._lock:
            found = self._items.get(text)
            if found is not None:
                self._items.move_to_end(text)
            return found

    def put(self, text: str, offsets: array) -> None:
        """Remember the offsets of `text`, dropping the least recently used beyond `size`."""
        if self.size <= 0:
            return
        with self._lock:
            self._items[text] = offsets
            self._items.move_to_end(text)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def clear(self) -> None:
        """Forget every text."""
        with self._lock:
            self._items.clear()


_CACHE = _OffsetsCache(CACHED_TEXTS)


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


def _split_cached(text: str) -> array:
    """`split_sentences` as a flat array start, end, start, end... (8 bytes per offset), from
    the cache of the last CACHED_TEXTS texts (`_CACHE`), or split now and remembered."""
    found = _CACHE.get(text)
    if found is None:
        found = _split_joined([text])[0]
        _CACHE.put(text, found)
    return found


def _split_one(text: str) -> array:
    """The sentence offsets of one text, as a flat array start, end, start, end..., found by the
    regular expressions that state the rules (the reference `_split_joined` is tested against;
    BOUNDARY_RE can take quadratic time on a long run of marks, so no table uses it).

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


def split_many(texts: list[str], remember: bool = True) -> list[array]:
    """`_split_cached` of many texts: those not cached are split CHUNK_TEXTS at a time by
    `_split_joined` (the same offsets as `_split_one`) and, with `remember`, cached."""
    found = [_CACHE.get(t) for t in texts]
    missing = [k for k, f in enumerate(found) if f is None]
    for lo in range(0, len(missing), CHUNK_TEXTS):
        which = missing[lo:lo + CHUNK_TEXTS]
        for k, flat in zip(which, _split_joined([texts[k] for k in which])):
            found[k] = flat
            if remember:
                _CACHE.put(texts[k], flat)
    return found


_CORPORA = ColumnCache(CORPORA_KEPT)  # (offsets, counts) of the last CORPORA_KEPT text columns


def corpus_sentence_offsets(column, texts: list[str] | None = None, workers: int = 1) -> tuple[np.ndarray, np.ndarray]:
    """The sentence offsets of every text of a column: (offsets, counts), offsets the flat int64
    start, end, start, end... of all texts in order and counts the sentences per text (int64).

    Computed once per text column (`split_many`; `texts` is the column as a list if the caller
    has it) and shared by the sentence table, the term tables and the figures: the last
    CORPORA_KEPT results are kept, keyed on `tokens.text_identity` (the same immutable Arrow
    array or the same string objects), so no copy of the texts is held. Arrays are read-only.
    Cost: 16 bytes per sentence (about 5 MB for 10k articles), freed when later corpora push
    it out (or `clear_corpus_offsets()`). The per-text cache of `split_sentences` is read but
    not filled: keyed on the texts, it would hold a Python copy of each (68 MB at 10k articles).
    With workers > 1 a column not seen yet is split in pieces on that many processes
    (`newslens.parallel`), joined in order: the same offsets."""
    key = text_identity(column)
    found = _CORPORA.get(key)
    if found is not None:
        return found
    if workers > 1 and len(column) > 1:
        pieces = list_chunks(column, workers, column.str.len().fillna(0).to_numpy())
        parts = map_chunks(_piece_offsets, [(piece,) for piece in pieces], workers)
        offsets = np.concatenate([o for o, _ in parts])
        counts = np.concatenate([c for _, c in parts])
    else:
        offsets, counts = _piece_offsets(column.tolist() if texts is None else texts)
    offsets.flags.writeable = False
    counts.flags.writeable = False
    _CORPORA.put(key, (offsets, counts))
    return offsets, counts


def _piece_offsets(texts) -> tuple[np.ndarray, np.ndarray]:
    """(flat offsets, sentences per text) of some texts (a list or a Series), by `split_many`
    without filling the per-text cache."""
    flats = split_many(texts.tolist() if isinstance(texts, pd.Series) else texts, remember=False)
    counts = np.fromiter((len(flat) // 2 for flat in flats), dtype=np.int64, count=len(flats))
    offsets = np.frombuffer(b"".join(flats), dtype=np.int64) if flats else np.zeros(0, dtype=np.int64)
    return offsets, counts


def clear_corpus_offsets() -> None:
    """Forget the corpus sentence offsets (`corpus_sentence_offsets`)."""
    _CORPORA.clear()


def _classes_of(points: np.ndarray) -> np.ndarray:
    """Bit flags (MARK, CLOSER, SPACE, NEWLINE, STARTER, DIGIT, WORDLIKE) of the given code
    points, from the tests the boundary rules use (`re`'s \\s, \\d and [^\\W\\d_], str.isupper
    and str.isdigit)."""
    chars = "".join(map(chr, points.tolist()))
    flags = np.zeros(len(points), dtype=np.uint8)
    for bit, rx in ((SPACE, SPACE_RUN_RE), (DIGIT, DIGIT_RUN_RE), (WORDLIKE, LETTER_RUN_RE)):
        inside = np.zeros(len(points) + 1, dtype=np.int8)
        for m in rx.finditer(chars):
            inside[m.start()] += 1
            inside[m.end()] -= 1
        flags[np.cumsum(inside[:-1], dtype=np.int8).view(bool)] |= bit
    for bit, test in ((STARTER, str.isupper), (STARTER, str.isdigit)):
        flags[np.fromiter(map(test, chars), dtype=bool, count=len(chars))] |= bit
    for bit, members in ((MARK, ".!?"), (CLOSER, CLOSERS), (NEWLINE, "\n"), (STARTER, OPENERS), (WORDLIKE, ".")):
        flags[np.isin(points, [ord(c) for c in members])] |= bit
    return flags


@lru_cache(maxsize=1)
def _bmp_classes() -> np.ndarray:
    """`_classes_of` every code point below BMP (a 64 KB table)."""
    return _classes_of(np.arange(BMP, dtype=np.uint32))


def _classes_at(points: np.ndarray, at: np.ndarray) -> np.ndarray:
    """`_classes_of` the characters at positions `at` (0 past the end)."""
    inside = at < len(points)
    found = points[np.where(inside, at, 0)]
    high = found >= BMP
    classes = _bmp_classes()[np.where(high, 0, found)]
    if high.any():
        classes[high] = _classes_of(found[high])
    classes[~inside] = 0
    return classes


def _run_end(points: np.ndarray, at: np.ndarray, bits: int, limit: int | None = None,
             without: int = 0) -> np.ndarray:
    """For each position in `at`, the end of the run of characters with one of the class `bits`
    (and none of `without`) starting there (the position itself if there is none), looking at
    most `limit` characters ahead: one step per character on the positions still inside a run;
    after STEPS steps, the runs still open are followed to their end in one pass over the text
    (so a long run costs its length once, not a step per character)."""
    end = at.copy()
    active = np.flatnonzero(_in_run(_classes_at(points, end), bits, without))
    steps = 0
    while len(active) and (limit is None or steps < limit):
        if steps == STEPS and limit is None:
            end[active] = _next_outside(points, bits, without)[end[active]]
            break
        end[active] += 1
        active = active[_in_run(_classes_at(points, end[active]), bits, without)]
        steps += 1
    return end


def _in_run(classes: np.ndarray, bits: int, without: int) -> np.ndarray:
    """True for the classes with one of `bits` and none of `without`."""
    inside = (classes & bits) != 0
    return inside & ((classes & without) == 0) if without else inside


def _next_outside(points: np.ndarray, bits: int, without: int) -> np.ndarray:
    """For every position (and one past the end), the first position at or after it whose
    character is not in a run of `bits` without `without` (`_run_end` for every position)."""
    n = len(points)
    inside = _in_run(_classes_at(points, np.arange(n)), bits, without)
    stop = np.where(inside, n, np.arange(n))
    return np.append(np.minimum.accumulate(stop[::-1])[::-1], n)


def _run_start(points: np.ndarray, at: np.ndarray, bits: int, limit: int) -> np.ndarray:
    """For each position in `at` (just after a character), the start of the run of characters
    with one of the class `bits` that ends there, at most `limit` characters back."""
    start = at.copy()
    active = np.arange(len(at))
    while len(active):
        active = active[(start[active] > at[active] - limit) & (start[active] > 0)]
        active = active[(_classes_at(points, start[active] - 1) & bits) != 0]
        start[active] -= 1
    return start


def _boundaries(text: str, points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sentence ends, start of the next sentence after each) in `text`: `_text_ends` computed
    with array look-ups. A BOUNDARY_RE match can only start at the first mark of a run of marks
    (later marks of a run give the same outcome), so every such run is tested at once, reading
    character classes only around the marks; only the full stops that pass the other tests are
    checked for an abbreviation one by one (once per distinct word)."""
    is_mark = (points == ord(".")) | (points == ord("!")) | (points == ord("?"))
    first = np.flatnonzero(is_mark[1:] & ~is_mark[:-1]) + 1
    if len(points) and is_mark[0]:
        first = np.concatenate([[0], first])
    del is_mark
    marks_end = _run_end(points, first, MARK)
    closed = _run_end(points, marks_end, CLOSER)
    digits = _run_end(points, closed + 1, DIGIT, limit=4) - (closed + 1)
    note = ((_points_at(points, closed) == ord("[")) & (digits >= 1) & (digits <= 3)
            & (_points_at(points, closed + 1 + digits) == ord("]")))
    end = np.where(note, closed + 2 + digits, closed)
    after = _run_end(points, end, SPACE, without=NEWLINE)  # past the white space inside the line
    next_class = _classes_at(points, after)
    ok = (after > end) & (after < len(points)) & ((next_class & SPACE) == 0) & ((next_class & STARTER) != 0)
    length = marks_end - first
    for k in np.flatnonzero(ok & (length >= 3)).tolist():
        ok[k] = "..." not in text[first[k]:marks_end[k]]  # an ellipsis marks an omission
    single = np.flatnonzero(ok & (length == 1) & (_points_at(points, first) == ord(".")))
    dot = first[single] + 1
    # WORD_BEFORE_RE matches only letters and full stops, so its search from `_text_ends`'s start
    # (after the last space or line break, at most 40 back) finds what a search from the start
    # of the run of letters and full stops before the dot (at most 40 back) finds.
    lo = _run_start(points, dot - 1, WORDLIKE, limit=40)
    words = [text[a:b] for a, b in zip(lo.tolist(), dot.tolist())]
    known = {w: _abbreviation_at(w, 0, len(w)) for w in set(words)}
    ok[single[np.fromiter(map(known.__getitem__, words), dtype=bool, count=len(words))]] = False
    return end[ok], after[ok]


def _points_at(points: np.ndarray, at: np.ndarray) -> np.ndarray:
    """points[at], 0 where `at` is past the end."""
    inside = at < len(points)
    return np.where(inside, points[np.where(inside, at, 0)], 0)


def _split_joined(texts: list[str]) -> list[array]:
    """`_split_one` of each text, computed on the texts joined with line breaks (no rule looks
    past a line break) with array operations: the boundaries (`_boundaries`), then the segments
    between line starts, sentence ends and line ends; a segment starts at the next sentence's
    first character or at its line start, and ends at a sentence end or its line end. Only the
    segments whose line start or end is white space are trimmed by TRIM_RE one by one."""
    if not texts:
        return []
    joined = "\n".join(texts)
    bases = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        bases[1:] = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))[:-1] + 1)
    points = _code_points(joined)
    cuts, nexts = _boundaries(joined, points)
    edges = np.diff((points != ord("\n")).view(np.int8), prepend=np.int8(0), append=np.int8(0))
    line_start, line_end = np.flatnonzero(edges == 1), np.flatnonzero(edges == -1)
    del edges
    order = np.argsort(np.concatenate([line_start, cuts]), kind="stable")
    seg_start = np.concatenate([line_start, cuts])[order]
    first = np.concatenate([line_start, nexts])[order]
    from_cut = (order >= len(line_start))
    own_line_end = line_end[np.searchsorted(line_start, seg_start, side="right") - 1]
    following = np.append(seg_start[1:], len(joined) + 1)
    to_cut = following < own_line_end
    last = np.where(to_cut, following, own_line_end)
    odd = ((~from_cut & ((_classes_at(points, seg_start) & SPACE) != 0))
           | (~to_cut & ((_classes_at(points, last - 1) & SPACE) != 0)))
    del points
    for k in np.flatnonzero(odd).tolist():
        m = TRIM_RE.search(joined, int(seg_start[k]), int(last[k]))
        first[k], last[k] = m.span() if m else (-1, -1)
    keep = first >= 0
    first, last = first[keep], last[keep]
    text_of = np.searchsorted(bases, first, side="right") - 1
    spans = np.empty(2 * len(first), dtype=np.int64)
    spans[0::2], spans[1::2] = first - bases[text_of], last - bases[text_of]
    raw = spans.tobytes()
    cut_at = (np.searchsorted(text_of, np.arange(len(texts) + 1)) * 16).tolist()
    return [array("q", raw[a:b]) for a, b in zip(cut_at[:-1], cut_at[1:])]


def excerpt_span(text: str, s0: int, s1: int, start: int, end: int,
                 limit: int = MAX_SENTENCE_CHARS) -> tuple[int, int]:
    """The part of the sentence text[s0:s1] that a row about text[start:end] shows: the whole
    sentence if it has at most `limit` characters, else about `limit` characters centred on
    [start, end) (never cutting it), cut after a space on the left and before one on the right
    when there is one. A table with a row per mention copies this part into each row, so a long
    sentence with many mentions costs the size of its rows, not rows x sentence."""
    if s1 - s0 <= limit:
        return s0, s1
    half = max(limit - (end - start), 0) // 2
    lo, hi = max(s0, start - half), min(s1, end + half)
    if lo > s0:
        space = text.find(" ", lo, start)
        lo = space + 1 if space >= 0 else lo
    if hi < s1:
        space = text.rfind(" ", end, hi)
        hi = space if space >= 0 else hi
    return lo, hi


def excerpt(text: str, s0: int, s1: int, start: int, end: int, limit: int = MAX_SENTENCE_CHARS) -> str:
    """The text of `excerpt_span`, with ELLIPSIS where it cuts the sentence."""
    return excerpt_text(text, s0, s1, *excerpt_span(text, s0, s1, start, end, limit))


def excerpt_text(text: str, s0: int, s1: int, lo: int, hi: int) -> str:
    """text[lo:hi], part of the sentence text[s0:s1], with ELLIPSIS where it cuts the sentence."""
    return ELLIPSIS * (lo > s0) + text[lo:hi] + ELLIPSIS * (hi < s1)


def warn_long_sentences(what: str, n_rows: int, about: str) -> None:
    """Warn (LongSentenceWarning) that `n_rows` rows of `what` show an excerpt (no-op for 0)."""
    if n_rows:
        warnings.warn(f"{what}: {n_rows} row(s) are in a sentence of more than {MAX_SENTENCE_CHARS:,} "
                      f"characters; their sentence column shows about {MAX_SENTENCE_CHARS:,} characters "
                      f"around the {about} ({ELLIPSIS} marks a cut).", LongSentenceWarning, stacklevel=3)


def missing_texts(articles: pd.DataFrame) -> list[str]:
    """The ids of the articles whose `text` is not a string (NaN, None: a hand-built table)."""
    texts = articles["text"]
    if isinstance(texts.dtype, pd.StringDtype):  # strings or NaN: no Python copy of the texts
        return [str(a) for a in articles["article_id"][texts.isna().to_numpy()].tolist()]
    return [str(a) for a, t in zip(articles["article_id"].tolist(), texts.tolist()) if not isinstance(t, str)]


def sentences(articles: pd.DataFrame, workers: int | None = None) -> pd.DataFrame:
    """One row per sentence: article_id, sentence_id (0-based per article), start, end, text.

    article_id is a categorical, sentence_id, start and end int32 while they fit
    (`newslens.columns`). `workers`: processes that split the texts (None: all cores for a big
    corpus, `newslens.parallel`)."""
    if not isinstance(articles, pd.DataFrame) or not {"article_id", "text"} <= set(articles.columns):
        raise SentencesError("sentences needs the articles table from helpers.load_corpus() (columns "
                             "article_id and text).")
    bad = missing_texts(articles)
    if bad:
        raise SentencesError(f"article(s) {', '.join(bad[:3])} have no text (NaN or not a string); fill "
                             "the `text` column or drop those rows.")
    n_workers = worker_count("sentences", corpus_words(articles), workers)
    ids, texts = articles["article_id"].tolist(), articles["text"].tolist()
    offsets, counts = corpus_sentence_offsets(articles["text"], texts, workers=n_workers)
    article = np.repeat(np.arange(len(texts)), counts)
    starts, ends = offsets[0::2].copy(), offsets[1::2].copy()
    sentence_id = np.arange(len(starts), dtype=np.int64) - np.repeat(np.cumsum(counts) - counts, counts)
    return pd.DataFrame({
        "article_id": categorical(ids, article), "sentence_id": compact_offsets(sentence_id),
        "start": compact_offsets(starts), "end": compact_offsets(ends),
        "text": _sentence_texts(texts, article, starts, ends) if len(starts) else pd.Series([], dtype=TEXT_DTYPE),
    }, columns=SENTENCE_COLUMNS)


@lru_cache(maxsize=1)
def _white_space() -> str:
    """Every character `re` takes for white space (\\s)."""
    return "".join(m.group() for m in SPACE_RUN_RE.finditer("".join(map(chr, range(BMP)))))


def _sentence_texts(texts: list[str], article: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> pd.Series:
    """text[start:end] of every sentence as a str column, cut from the texts' UTF-8 bytes in
    CHUNK_TEXTS-text pieces (no Python string per sentence). Every character between two
    sentences is white space (each segment is trimmed of it and nothing else is left out)."""
    pieces = []
    bounds = np.searchsorted(article, np.arange(0, len(texts) + CHUNK_TEXTS, CHUNK_TEXTS)).tolist()
    for k, (lo, hi) in enumerate(zip(bounds[:-1], bounds[1:])):
        if hi == lo:
            continue
        chunk = texts[k * CHUNK_TEXTS:(k + 1) * CHUNK_TEXTS]
        joined = "\n".join(chunk)
        try:
            data = np.frombuffer(joined.encode("utf-8"), dtype=np.uint8)
        except UnicodeEncodeError:  # a lone surrogate: no UTF-8 form, so Python strings
            return pd.Series([texts[a][s:e] for a, s, e in zip(article.tolist(), starts.tolist(), ends.tolist())],
                             dtype=TEXT_DTYPE)
        base = np.zeros(len(chunk), dtype=np.int64)
        base[1:] = np.cumsum(np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))[:-1] + 1)
        at = base[article[lo:hi] - k * CHUNK_TEXTS]
        first, last = starts[lo:hi] + at, ends[lo:hi] + at
        if not joined.isascii():  # character to byte offsets: add the continuation bytes before
            follow = np.flatnonzero((data & 0xC0) == 0x80)  # the j-th belongs to character follow[j] - j - 1
            owner = follow - np.arange(1, len(follow) + 1)
            first, last = first + np.searchsorted(owner, first), last + np.searchsorted(owner, last)
        # between two sentences there is only white space: each value runs to the next sentence
        # start (one buffer, no copy), then that white space is trimmed off in C
        values = pa.Array.from_buffers(pa.large_string(), len(first),
                                       [None, pa.py_buffer(np.append(first, last[-1:])), pa.py_buffer(data)])
        pieces.append(pc.utf8_rtrim(values, characters=_white_space()))
    return pd.Series(pa.chunked_array(pieces, type=pa.large_string()), dtype=TEXT_DTYPE)
