"""Word tokens with character offsets: the unit every count in the project is made of.

Rules (the denominators in every table are these tokens, counted before stop-word removal):
- a token is a run of letters and digits; internal hyphens and apostrophes join a compound
  ("Russian-installed", "round-the-clock", "hasn't"); curly apostrophes count as straight ones;
- a possessive 's is split off into its own token "'s" ("Russia’s" -> "Russia", "'s"), and a
  plural possessive's trailing apostrophe is dropped ("allies'" -> "allies");
- dotted abbreviations of single letters are one token with their dots ("U.S.", "U.K.", "a.m.");
- numbers are tokens ("10,000", "27.4", "24/7" gives "24", "7") and carry `is_number=True`;
- punctuation is not a token. `norm` is the case-folded form used for counting.

Used by `corpus.load_corpus` (n_words) and by the term, keyness and concordance tables.
"""
from __future__ import annotations

import re

import numpy as np
import pandas as pd

APOSTROPHES = "\u2019\u2018\u02bc\u2032`"
HYPHENS = "\u2010\u2011"
DOTTED_ABBREVIATION = r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?![^\W_])"  # U.S., U.K., a.m., e.g.
NUMBER = r"\d+(?:[.,]\d+)*(?![^\W_]|-[^\W_])"
POSSESSIVE_S = r"(?<=[^\W_])'[sS](?![^\W_])"  # the 's after a word, as its own token
WORD = r"[^\W_]+(?:-[^\W_]+|'(?![sS](?![^\W_]))[^\W_]+)*"  # hyphen/apostrophe compounds
TOKEN_RE = re.compile("|".join([DOTTED_ABBREVIATION, NUMBER, POSSESSIVE_S, WORD]))
# split() alternates gap, token, gap, ...; the look-ahead (every token starts with a letter, digit
# or apostrophe) only lets the scan skip spaces and punctuation faster: same matches.
TOKEN_SPLIT_RE = re.compile(rf"(?=[^\W_]|')({TOKEN_RE.pattern})")
TOKEN_COUNT_RE = re.compile(rf"(?=[^\W_]|')(?:{TOKEN_RE.pattern})")  # the same matches, for counting
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
POSSESSIVE = "'s"
TOKEN_COLUMNS = ["article_id", "token_id", "start", "end", "token", "norm", "is_number"]
APOSTROPHE_OR_HYPHEN_RE = re.compile("[" + re.escape(APOSTROPHES + HYPHENS) + "]")
NUL = "\x00"  # joins the new words of a chunk to copy them; never part of a token
SEPARATOR = "\n"  # between articles when a corpus is tokenised in one pass: never part of a token
CHUNK_TEXTS = 1_000  # texts tokenised per regex pass: bounds the temporary strings to one chunk's


def normalise_apostrophes(text: str) -> str:
    """Curly apostrophes and non-breaking hyphens to ASCII; length and offsets are unchanged."""
    for c in APOSTROPHES:
        if c in text:
            text = text.replace(c, "'")
    for c in HYPHENS:
        if c in text:
            text = text.replace(c, "-")
    return text


def token_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every token of `text`, a possessive 's being a token of its own."""
    return [m.span() for m in TOKEN_RE.finditer(normalise_apostrophes(text))]


def iter_tokens(text: str):
    """Yield (start, end, surface) for every token of `text`, splitting off possessive 's."""
    flat = normalise_apostrophes(text)
    for m in TOKEN_RE.finditer(flat):
        start, end = m.span()
        yield start, end, POSSESSIVE if flat[start] == "'" else text[start:end]


def tokenize(text: str) -> list[str]:
    """The case-folded tokens of `text`, in order (curly apostrophes folded to ')."""
    return [normalise_apostrophes(w).lower() for _, _, w in iter_tokens(text)]




def word_count(text: str) -> int:
    """Number of tokens in `text` (the project's denominator for every rate)."""
    return len(TOKEN_COUNT_RE.findall(normalise_apostrophes(text)))


def _offset_dtype(limit: int) -> type:
    """int32 when every offset or index stays below `limit` < 2**31 (half the memory), else int64."""
    return np.int32 if limit < np.iinfo(np.int32).max else np.int64


def corpus_token_arrays(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str]]:
    """Tokenise many texts in one regex pass (no Python work per token).

    Returns (text index, start, end) of every token as integer arrays (offsets within its text;
    int32 when the joined texts are shorter than 2**31 characters, else int64), the matched
    strings (apostrophes folded: the norm before case folding) and the surfaces as written (a
    possessive as "'s"), in text order. The texts are joined with a line break, which no token
    and no look-around of TOKEN_RE can cross, so every text gives its own tokens."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    original = SEPARATOR.join(texts)
    dtype = _offset_dtype(len(original) + 1)
    flat = normalise_apostrophes(original)
    parts = TOKEN_SPLIT_RE.split(flat)  # one regex pass: gap, token, gap, ..., token, gap
    matched, gaps = parts[1::2], parts[0::2]
    del parts
    n = len(matched)
    lengths = np.fromiter(map(len, matched), dtype=dtype, count=n)
    starts = np.fromiter(map(len, gaps), dtype=dtype, count=n + 1)[:-1]
    del gaps
    starts[1:] += lengths[:-1]
    np.cumsum(starts, out=starts)  # start of token i = its gaps and the tokens before it
    ends = starts + lengths
    text_starts = np.zeros(len(texts), dtype=dtype)
    if len(texts) > 1:
        text_starts[1:] = np.cumsum(np.fromiter(map(len, texts), dtype=dtype, count=len(texts))[:-1] + 1)
    text_index = (np.searchsorted(text_starts, starts, side="right") - 1).astype(dtype) if len(texts) else starts
    surfaces = list(matched)
    if flat is not original:  # a curly apostrophe or special hyphen somewhere: take those tokens as written
        marks = np.array([m.start() for m in APOSTROPHE_OR_HYPHEN_RE.finditer(original)], dtype=np.int64)
        hit = np.searchsorted(starts, marks, side="right") - 1
        hit = np.unique(hit[(hit >= 0) & (marks < ends[np.maximum(hit, 0)])])
        for i in hit.tolist():
            surfaces[i] = original[starts[i]:ends[i]]
    for i in np.flatnonzero(lengths == 2).tolist():
        if matched[i][0] == "'":
            surfaces[i] = POSSESSIVE
    if len(texts):
        base = text_starts[text_index]
        starts -= base
        ends -= base
    return text_index, starts, ends, matched, surfaces


def _codes_into(values: list[str], vocabulary: dict[str, int], compact: bool = False) -> np.ndarray:
    """Index (int32 while it fits) of each value in `vocabulary`, adding unseen values in order of
    first appearance (with compact, as fresh copies: see `_compact_tail`)."""
    known = len(vocabulary)
    codes, uniques = pd.factorize(np.array(values, dtype=object))
    remap = [vocabulary.setdefault(u, len(vocabulary)) for u in uniques]
    if compact:
        _compact_tail(vocabulary, known, [u for u, code in zip(uniques, remap) if code >= known])
    dtype = _offset_dtype(len(vocabulary))
    return np.array(remap, dtype=dtype)[codes] if len(codes) else np.zeros(0, dtype=dtype)


def _compact_tail(vocabulary: dict[str, int], start: int, new: list[str]) -> None:
    """Replace the entries from position `start` on (the words `new`, in order) by fresh copies.

    The words first seen in a chunk are strings among the chunk's million temporary ones; kept
    as they are, they pin that memory after the chunk is freed. Fresh copies made after it is
    freed are packed together instead. Same words, same codes."""
    if not new:
        return
    for word in new:
        del vocabulary[word]
    for code, word in enumerate(NUL.join(new).split(NUL), start=start):
        vocabulary[word] = code


def _concatenate(pieces: list[np.ndarray]) -> np.ndarray:
    """Join arrays into one of their widest dtype, freeing each piece once copied (`pieces` ends
    empty), so only one copy of the column is alive at a time."""
    dtype = np.result_type(*pieces) if pieces else np.int32
    out = np.empty(sum(len(p) for p in pieces), dtype=dtype)
    at = 0
    pieces.reverse()
    while pieces:
        piece = pieces.pop()
        out[at:at + len(piece)] = piece
        at += len(piece)
    return out


def corpus_token_codes(texts, with_surfaces: bool = True) -> dict:
    """`corpus_token_arrays` in chunks of CHUNK_TEXTS texts, every string replaced by a code.

    `texts` is a list of strings or a pandas Series (read one chunk at a time). Keys: index
    (text of each token), start, end (int32 arrays while they fit, else int64), form_codes into
    `forms` (the matched strings, apostrophes folded, in order of first appearance) and,
    with_surfaces, surface_codes into `surfaces` (as written). Memory per token is a few
    integers; the strings exist once per distinct value."""
    forms: dict[str, int] = {}
    surfaces: dict[str, int] = {}
    columns: list[list[np.ndarray]] = [[], [], [], [], []]
    for lo in range(0, len(texts), CHUNK_TEXTS):
        chunk = texts.iloc[lo:lo + CHUNK_TEXTS].tolist() if isinstance(texts, pd.Series) else texts[lo:lo + CHUNK_TEXTS]
        index, starts, ends, matched, written = corpus_token_arrays(chunk)
        del chunk
        form_codes = _codes_into(matched, forms, compact=True)
        del matched
        surface_codes = _codes_into(written, surfaces, compact=True) if with_surfaces else form_codes[:0]
        del written
        index = index + np.array(lo, dtype=_offset_dtype(len(texts))) if lo else index
        for column, values in zip(columns, (index, starts, ends, form_codes, surface_codes)):
            column.append(values)
    index, start, end, form_codes, surface_codes = (_concatenate(c) for c in columns)
    return {"index": index, "start": start, "end": end, "form_codes": form_codes,
            "forms": list(forms), "surface_codes": surface_codes, "surfaces": list(surfaces)}


def tokens(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per token: article_id, token_id, start, end, token (as written), norm, is_number.

    Built from corpus-wide integer codes (`corpus_token_codes`): each distinct string is
    case-folded and tested once, and pandas builds the string columns from the distinct values."""
    found = corpus_token_codes(articles["text"])
    index = found.pop("index")
    if not len(index):
        return pd.DataFrame({c: [] for c in TOKEN_COLUMNS}, columns=TOKEN_COLUMNS)
    per_article = np.bincount(index, minlength=len(articles))
    token_id = np.arange(len(index), dtype=np.int64)
    token_id -= np.repeat(np.cumsum(per_article) - per_article, per_article)
    columns = {  # Index.take builds each string column from its distinct values in C
        "article_id": pd.Index(articles["article_id"].tolist()).take(index).array, "token_id": token_id,
    }
    del index
    columns["start"] = found.pop("start").astype(np.int64)
    columns["end"] = found.pop("end").astype(np.int64)
    columns["token"] = pd.Index(found.pop("surfaces")).take(found.pop("surface_codes")).array
    codes = found.pop("form_codes")
    norms = [w.lower() for w in found.pop("forms")]
    is_number = np.array([NUMBER_RE.fullmatch(w) is not None for w in norms], dtype=bool)
    columns["norm"] = pd.Index(norms).take(codes).array
    columns["is_number"] = is_number[codes]
    return pd.DataFrame(columns, columns=TOKEN_COLUMNS, copy=False)
