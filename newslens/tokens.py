"""Word tokens with character offsets: the unit every count in the project is made of.

Rules (the denominators in every table are these tokens, counted before stop-word removal):
- a token is a run of letters and digits; internal hyphens and apostrophes join a compound
  ("Russian-installed", "round-the-clock", "hasn't"); curly apostrophes count as straight ones;
- a possessive 's is split off into its own token "'s" ("Russia’s" -> "Russia", "'s"), and a
  plural possessive's trailing apostrophe is dropped ("allies'" -> "allies");
- dotted abbreviations of single letters are one token with their dots ("U.S.", "U.K.", "a.m.");
- numbers are tokens ("10,000", "27.4", "24/7" gives "24", "7") and carry `is_number=True`;
- punctuation is not a token. `norm` is the case-folded form used for counting.

TOKEN_RE states these rules (`rule_spans`). Every text is tokenised with array operations that
give the same tokens without a regex scan, in time linear in the text (`_token_bounds`, checked
against TOKEN_RE on random text by the tests; a regex scan is quadratic on runs like "a.a.a...b"):
one text at a time (`iter_tokens`, `tokenize`, `word_count`) or whole corpora a few hundred
texts at a time, every string replaced by an integer code (`corpus_token_codes`); the tokens
table and the term tables of one articles table share that pass (`shared_token_codes`).

Used by `corpus.load_corpus` (n_words) and by the term, keyness and concordance tables.
"""
from __future__ import annotations

import ctypes
import operator
import re
from functools import lru_cache

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from newslens.columns import categorical, offsets
from newslens.parallel import corpus_words, list_chunks, map_chunks, worker_count

APOSTROPHES = "\u2019\u2018\u02bc\u2032`"
HYPHENS = "\u2010\u2011"
DOTTED_ABBREVIATION = r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?![^\W_])"  # U.S., U.K., a.m., e.g.
NUMBER = r"\d+(?:[.,]\d+)*(?![^\W_]|-[^\W_])"
POSSESSIVE_S = r"(?<=[^\W_])'[sS](?![^\W_])"  # the 's after a word, as its own token
WORD = r"[^\W_]+(?:-[^\W_]+|'(?![sS](?![^\W_]))[^\W_]+)*"  # hyphen/apostrophe compounds
TOKEN_RE = re.compile("|".join([DOTTED_ABBREVIATION, NUMBER, POSSESSIVE_S, WORD]))
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
POSSESSIVE = "'s"
TOKEN_COLUMNS = ["article_id", "token_id", "start", "end", "token", "norm", "is_number"]
SEPARATOR = "\n"  # between articles when a corpus is tokenised in one pass: never part of a token
CHUNK_TEXTS = 250  # texts tokenised per pass: bounds the temporary arrays to one chunk's (about 40 MB)
BMP = 0x10000  # code points classified by a lookup table; the rare ones above are tested one by one
ALNUM_RUN_RE = re.compile(r"[^\W_]+")  # the letters and digits of TOKEN_RE
DIGIT_RUN_RE = re.compile(r"\d+")
LETTER, DIGIT = 1, 2  # character classes (0: neither)
SHARED_CORPORA = 2  # corpora whose token codes `shared_token_codes` keeps for the next table
STEPS = 32  # one-character steps of the array passes before the few runs still open are read at once
MAX_PASSES = 64  # fixed-point passes that settle where tokens start (then a plain loop finishes)


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
    starts, ends = _text_bounds(normalise_apostrophes(text))
    return list(zip(starts.tolist(), ends.tolist()))


def rule_spans(text: str) -> list[tuple[int, int]]:
    """`token_spans` as TOKEN_RE states the rule (the reference the array tokenizer is tested
    against; a regex scan can take quadratic time on long runs such as "a.a.a...b")."""
    return [m.span() for m in TOKEN_RE.finditer(normalise_apostrophes(text))]


def _text_bounds(flat: str) -> tuple[np.ndarray, np.ndarray]:
    """(starts, ends) of the tokens of one text whose apostrophes are already folded."""
    return _token_bounds(_code_points(flat))


def iter_tokens(text: str):
    """Yield (start, end, surface) for every token of `text`, splitting off possessive 's."""
    flat = normalise_apostrophes(text)
    starts, ends = _text_bounds(flat)
    for start, end in zip(starts.tolist(), ends.tolist()):
        yield start, end, POSSESSIVE if flat[start] == "'" else text[start:end]


def tokenize(text: str) -> list[str]:
    """The case-folded tokens of `text`, in order (curly apostrophes folded to ')."""
    return [normalise_apostrophes(w).lower() for _, _, w in iter_tokens(text)]


def word_count(text: str) -> int:
    """Number of tokens in `text` (the project's denominator for every rate)."""
    return len(_text_bounds(normalise_apostrophes(text))[0])


def word_counts(texts: list[str]) -> np.ndarray:
    """`word_count` of every text (int64), CHUNK_TEXTS texts at a time with array operations
    (`_token_bounds`: no regex scan and no string per token)."""
    counts = np.zeros(len(texts), dtype=np.int64)
    for lo in range(0, len(texts), CHUNK_TEXTS):
        chunk = [t if isinstance(t, str) else "" for t in texts[lo:lo + CHUNK_TEXTS]]
        starts, _ = _token_bounds(_code_points(normalise_apostrophes(SEPARATOR.join(chunk))))
        text_starts = np.cumsum(np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk)) + 1) - 1
        counts[lo:lo + len(chunk)] = np.bincount(np.searchsorted(text_starts, starts), minlength=len(chunk))
    return counts


def _offset_dtype(limit: int) -> type:
    """int32 when every offset or index stays below `limit` < 2**31 (half the memory), else int64."""
    return np.int32 if limit < np.iinfo(np.int32).max else np.int64


def corpus_token_arrays(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], list[str]]:
    """Tokenise many texts in one pass (no regex scan, no Python work per token).

    Returns (text index, start, end) of every token as integer arrays (offsets within its text;
    int32 when the joined texts are shorter than 2**31 characters, else int64), the matched
    strings (apostrophes folded: the norm before case folding) and the surfaces as written (a
    possessive as "'s"), in text order."""
    found = corpus_token_codes(list(texts))
    return (found["index"], found["start"], found["end"], np.array(found["forms"], dtype=object)[found["form_codes"]].tolist(),
            np.array(found["surfaces"], dtype=object)[found["surface_codes"]].tolist())


def _chunk_codes(texts: list, with_surfaces: bool) -> tuple:
    """(text index, start, end, form codes, forms, written) of the tokens of a few texts,
    joined with a line break (which no token crosses) and tokenised at once.

    Form codes index the distinct forms of this chunk in order of first appearance. `written`
    (with_surfaces) lists (token, as written) for the tokens whose surface is not their form
    with its apostrophes folded: those with a curly apostrophe or special hyphen, possessives
    aside (see `_surface_codes`)."""
    texts = [t if isinstance(t, str) else "" for t in texts]
    original = SEPARATOR.join(texts)
    dtype = _offset_dtype(len(original) + 1)
    flat = normalise_apostrophes(original)
    points = _code_points(flat)
    starts, ends = _token_bounds(points)
    form_codes, forms = _distinct(points, starts, ends)
    written: list[tuple[int, str]] = []
    if with_surfaces and flat is not original and len(starts):  # (a curly apostrophe in a text without tokens)
        marks = np.flatnonzero(_code_points(original) != points)
        hit = np.searchsorted(starts, marks, side="right") - 1
        hit = np.unique(hit[(hit >= 0) & (marks < ends[np.maximum(hit, 0)])])
        written = [(k, original[starts[k]:ends[k]]) for k in hit.tolist() if forms[form_codes[k]][0] != "'"]
    del points
    text_starts = np.zeros(len(texts), dtype=np.int64)
    if len(texts) > 1:
        text_starts[1:] = np.cumsum(np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))[:-1] + 1)
    index = (np.searchsorted(text_starts, starts, side="right") - 1).astype(dtype)
    if len(texts):
        base = text_starts[index]
        starts, ends = starts - base, ends - base
    return index, starts.astype(dtype), ends.astype(dtype), form_codes, forms, written


def _surface_codes(form_codes: np.ndarray, forms: list[str], written: list[tuple[int, str]]) -> tuple[np.ndarray, list[str]]:
    """(code of each token, distinct surfaces in order of first appearance): a token is written
    as its form, except a possessive ("'s" whatever its case or apostrophe) and the tokens in
    `written` ((token, as written): a curly apostrophe or special hyphen), taken as written."""
    ids: dict[str, int] = {}
    of_form = np.array([ids.setdefault(POSSESSIVE if w[0] == "'" else w, len(ids)) for w in forms], dtype=np.int64)
    token_ids = of_form[form_codes]
    for k, text in written:
        token_ids[k] = ids.setdefault(text, len(ids))
    codes, order = pd.factorize(token_ids)
    del token_ids
    names = list(ids)
    return codes.astype(_offset_dtype(len(order))), [names[k] for k in order.tolist()]


def _distinct(points: np.ndarray, starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """(code of each token, distinct token strings in order of first appearance): the tokens'
    characters are copied into one Arrow binary array and dictionary-encoded in C, so only the
    distinct strings become Python objects."""
    offsets = np.zeros(len(starts) + 1, dtype=np.int64)
    np.cumsum(ends - starts, out=offsets[1:])
    inside = np.zeros(len(points) + 1, dtype=np.int8)  # 1 on the characters of a token
    inside[starts] += 1
    inside[ends] -= 1  # (a possessive starts where the word before it ends)
    chars = points[np.cumsum(inside[:-1], dtype=np.int8).view(bool)]
    del inside
    values = pa.Array.from_buffers(pa.large_binary(), len(starts),
                                   [None, pa.py_buffer(offsets * 4), pa.py_buffer(chars)])
    encoded = pc.dictionary_encode(values)
    return encoded.indices.to_numpy(zero_copy_only=False), _decoded(encoded.dictionary)


def _decoded(words: pa.Array) -> list[str]:
    """The strings of a binary array of UTF-32 values, decoded in one call and then sliced."""
    bounds = np.frombuffer(words.buffers()[1], dtype=np.int64)[words.offset:words.offset + len(words) + 1]
    if not len(words):
        return []
    data = words.buffers()[2].to_pybytes()[bounds[0]:bounds[-1]]
    text = data.decode("utf-32-le", "surrogatepass")
    cuts = ((bounds - bounds[0]) // 4).tolist()
    return [text[a:b] for a, b in zip(cuts[:-1], cuts[1:])]


def _codes_into(codes: np.ndarray, words: list[str], vocabulary: dict[str, int]) -> np.ndarray:
    """Chunk codes (into `words`) as codes into `vocabulary` (int32 while it fits), adding unseen
    words in order of first appearance."""
    remap = [vocabulary.setdefault(w, len(vocabulary)) for w in words]
    dtype = _offset_dtype(len(vocabulary))
    return np.array(remap, dtype=dtype)[codes] if len(codes) else np.zeros(0, dtype=dtype)


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


def _block_codes(texts, with_surfaces: bool | None) -> dict:
    """The tokens of some texts (a list, or a Series read one chunk at a time), CHUNK_TEXTS
    texts at a time: index (text of each token within `texts`), start, end, form_codes into
    `forms` (this block's distinct forms in order of first appearance) and `written` (see
    `_chunk_codes`). One block is the whole corpus in one process, or one piece of it on a
    worker (`corpus_token_codes` joins the pieces)."""
    forms: dict[str, int] = {}
    written: list[tuple[int, str]] = []
    columns: list[list[np.ndarray]] = [[], [], [], []]
    seen = 0
    for lo in range(0, len(texts), CHUNK_TEXTS):
        chunk = texts.iloc[lo:lo + CHUNK_TEXTS].tolist() if isinstance(texts, pd.Series) else texts[lo:lo + CHUNK_TEXTS]
        index, starts, ends, form_codes, chunk_forms, chunk_written = _chunk_codes(chunk, with_surfaces is not False)
        del chunk
        form_codes = _codes_into(form_codes, chunk_forms, forms)
        written.extend((seen + k, text) for k, text in chunk_written)
        seen += len(form_codes)
        index = index + np.array(lo, dtype=_offset_dtype(len(texts))) if lo else index
        for column, values in zip(columns, (index, starts, ends, form_codes)):
            column.append(values)
    index, start, end, form_codes = (_concatenate(c) for c in columns)
    return {"index": index, "start": start, "end": end, "form_codes": form_codes, "forms": list(forms),
            "written": written}


def _joined_blocks(blocks: list[dict], n_texts: int) -> dict:
    """The blocks of consecutive texts (`_block_codes`) as one: indices shifted by the texts
    before, form codes into the forms of all blocks in order of first appearance (as one block
    of every text numbers them), `written` shifted by the tokens before. Empties `blocks`."""
    if len(blocks) == 1:
        return blocks.pop()
    forms: dict[str, int] = {}
    written: list[tuple[int, str]] = []
    columns: list[list[np.ndarray]] = [[], [], [], []]
    texts_before = tokens_before = 0
    blocks.reverse()
    while blocks:
        block = blocks.pop()
        block["form_codes"] = _codes_into(block["form_codes"], block["forms"], forms)
        block["index"] = block["index"] + np.array(texts_before, dtype=_offset_dtype(n_texts)) if texts_before \
            else block["index"]
        written.extend((tokens_before + k, text) for k, text in block["written"])
        for column, name in zip(columns, ("index", "start", "end", "form_codes")):
            column.append(block.pop(name))
        texts_before += block["n_texts"]
        tokens_before += len(columns[3][-1])
    index, start, end, form_codes = (_concatenate(c) for c in columns)
    return {"index": index, "start": start, "end": end, "form_codes": form_codes, "forms": list(forms),
            "written": written}


def _counted_block(texts, with_surfaces: bool | None) -> dict:
    """`_block_codes` with its number of texts (what a worker returns for one piece)."""
    return {**_block_codes(texts, with_surfaces), "n_texts": len(texts)}


def corpus_token_codes(texts, with_surfaces: bool = True, workers: int = 1) -> dict:
    """Tokenise texts in chunks of CHUNK_TEXTS texts, every string replaced by a code.

    `texts` is a list of strings or a pandas Series (read one chunk at a time). Keys: index
    (text of each token), start, end (int32 arrays while they fit, else int64), form_codes into
    `forms` (the matched strings, apostrophes folded, in order of first appearance) and,
    with_surfaces, surface_codes into `surfaces` (as written); with_surfaces=None keeps what
    they are made from instead (`written`, see `_surface_codes`). Memory per token is a few
    integers; the strings exist once per distinct value. With workers > 1 the texts are cut
    into pieces tokenised on that many processes (`newslens.parallel`) and joined in order:
    the same result."""
    if workers > 1 and len(texts) > 1:
        pieces = list_chunks(texts, workers, _text_lengths(texts))
        found = _joined_blocks(map_chunks(_counted_block, [(piece, with_surfaces) for piece in pieces], workers),
                               len(texts))
    else:
        found = _block_codes(texts, with_surfaces)
    written = found.pop("written")
    if with_surfaces is None:
        return {**found, "written": written}
    surface_codes, surfaces = (_surface_codes(found["form_codes"], found["forms"], written) if with_surfaces
                               else (found["form_codes"][:0], []))
    return {**found, "surface_codes": surface_codes, "surfaces": surfaces}


def _text_lengths(texts) -> np.ndarray:
    """Length of every text in characters (0 for a missing one), to cut pieces of equal work."""
    if isinstance(texts, pd.Series):
        return texts.str.len().fillna(0).to_numpy(dtype=np.int64)
    return np.fromiter((len(t) if isinstance(t, str) else 0 for t in texts), dtype=np.int64, count=len(texts))


@lru_cache(maxsize=1)
def _malloc_trim():
    """glibc's `malloc_trim` (looked up among the symbols the process has loaded), or None where
    the C library has none (macOS, musl) or the look-up is not possible (Windows)."""
    try:
        return ctypes.CDLL(None).malloc_trim
    except (OSError, AttributeError, TypeError):
        return None


def release_freed_memory() -> None:
    """Give the pages of freed temporaries back to the operating system. After freeing a big
    array glibc raises its threshold for serving arrays from the heap, so the temporaries of a
    whole-corpus pass (a few MB each) stay in the heap when freed; Arrow's allocator likewise
    keeps what freed string columns held (a dropped tokens table: about 240 MB at 10k
    articles), and neither can reuse the other's. Called where that lowered the peak (before
    the tokens' and the keyness table's string columns, and once the term tables' corpus is
    built, which in a pipeline follows a dropped tokens table); not after every pass, since
    pages given back cost page faults when taken again. A few milliseconds; the glibc part is
    a no-op elsewhere."""
    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    pa.default_memory_pool().release_unused()


@lru_cache(maxsize=1)
def _bmp_classes() -> np.ndarray:
    """`_classes_of` every code point below BMP (a 64 KB table)."""
    return _classes_of(np.arange(BMP, dtype=np.uint32))


def _classes_of(points: np.ndarray) -> np.ndarray:
    """Class of the given code points as `re` sees them: 0 other, LETTER ([^\\W\\d_]), DIGIT (\\d)."""
    chars = "".join(map(chr, points.tolist()))
    found = np.zeros(len(points) + 1, dtype=np.int8)
    for rx in (ALNUM_RUN_RE, DIGIT_RUN_RE):  # a digit is alnum too: LETTER + 1 = DIGIT
        for m in rx.finditer(chars):
            found[m.start()] += 1
            found[m.end()] -= 1
    return np.cumsum(found[:-1], dtype=np.int8)


def _code_points(text: str) -> np.ndarray:
    """The code points of `text` as a uint32 array (one per character, so offsets match)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def _char_classes(points: np.ndarray) -> np.ndarray:
    """`_classes_of` every character (a table look-up; code points above BMP one by one)."""
    high = points >= BMP
    if not high.any():
        return _bmp_classes()[points]
    classes = _bmp_classes()[np.where(high, 0, points)]
    rare, where = np.unique(points[high], return_inverse=True)
    classes[high] = _classes_of(rare)[where]
    return classes


def _runs(flags: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) of every run of True."""
    edges = np.flatnonzero(np.diff(flags.view(np.int8), prepend=np.int8(0), append=np.int8(0)))
    return edges[0::2], edges[1::2]  # changes alternate: a run starts, then ends


def _next(flags: np.ndarray) -> np.ndarray:
    """flags shifted by one: the value of the next run (False after the last)."""
    return np.append(flags[1:], False)


def _chain_end(link: np.ndarray) -> np.ndarray:
    """For each run i, the first run j >= i whose link to the next run is False."""
    at = np.where(link, len(link), np.arange(len(link)))
    return np.minimum.accumulate(at[::-1])[::-1]


def _token_bounds(points: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(start, end) of every TOKEN_RE match in a text given as code points (apostrophes and
    hyphens already folded), computed on runs of letters and digits without a regex scan.

    Every token starts at the start of a run of letters and digits (or is a possessive 's) and
    ends at the end of a run; it joins runs only across one-character gaps: a hyphen or an
    apostrophe (words), a full stop or comma (numbers), a full stop (dotted abbreviations). For
    each run the token that would start there is found with array operations, then the runs
    where tokens really start (the scan resumes after each token) are settled by a fixed point.
    The random-text test in tests/test_tokens.py checks this against TOKEN_RE."""
    n = len(points)
    classes = _char_classes(points)
    run_start, run_end = _runs(classes != 0)
    m = len(run_start)
    if not m:
        return run_start, run_end
    length = run_end - run_start
    starts_digit = classes[run_start] == DIGIT
    all_digits = _all_digits(classes, run_start, run_end, starts_digit)
    del classes
    single = length == 1
    single_letter = single & ~starts_digit
    first = points[run_start]
    is_s = single & ((first == ord("s")) | (first == ord("S")))
    has_next = np.arange(m) < m - 1
    gap = np.append(run_start[1:], n) - run_end
    after = np.zeros(m, dtype=points.dtype)  # first character after the run (0 at the end)
    inside = run_end < n
    after[inside] = points[run_end[inside]]
    one = (gap == 1) & has_next  # exactly one character, then the next run
    dash, apostrophe = one & (after == ord("-")), one & (after == ord("'"))
    dot, comma = one & (after == ord(".")), one & (after == ord(","))
    possessive = np.concatenate([[False], (apostrophe & _next(is_s))[:-1]])  # run i is the s of 's
    word_end = _chain_end(dash | (apostrophe & ~_next(is_s)))
    number_link = all_digits & (dot | comma) & _next(starts_digit)
    number_ok = all_digits & ~dash  # a number may end after this run
    last_ok = np.maximum.accumulate(np.where(number_ok, np.arange(m), -1))
    number_end = last_ok[_chain_end(number_link)]
    dotted_end = _chain_end(single_letter & dot & _next(single_letter))
    dotted_ok = single_letter & (after == ord(".")) & ((gap > 1) | ~has_next)
    index = np.arange(m)
    is_dotted = single_letter & ~possessive & (dotted_end > index) & dotted_ok[dotted_end]
    is_number = all_digits & (number_end >= index)
    last_run = np.where(is_dotted, dotted_end, np.where(is_number, number_end, word_end))
    last_run[possessive] = index[possessive]
    starts_token = _token_starts(last_run)
    tok_start = run_start[starts_token] - possessive[starts_token]
    last = last_run[starts_token]
    tok_end = run_end[last] + is_dotted[starts_token]  # a dotted abbreviation keeps its last dot
    return tok_start, tok_end


def _all_digits(classes: np.ndarray, run_start: np.ndarray, run_end: np.ndarray, starts_digit: np.ndarray) -> np.ndarray:
    """True for the runs made of digits only (only runs that start with one can be), read one
    character further per step on the runs still all digits; after STEPS steps the runs still
    open are read to their end at once (so a long run costs its length, not a step each)."""
    all_digits = np.zeros(len(run_start), dtype=bool)
    runs = np.flatnonzero(starts_digit)
    at, end = run_start[runs] + 1, run_end[runs]
    for _ in range(STEPS):
        if not len(runs):
            break
        done = at >= end
        all_digits[runs[done]] = True
        more = ~done
        runs, at, end = runs[more], at[more], end[more]
        digit = classes[at] == DIGIT
        runs, at, end = runs[digit], at[digit] + 1, end[digit]
    for run, a, e in zip(runs.tolist(), at.tolist(), end.tolist()):  # long runs: the rest at once
        all_digits[run] = bool((classes[a:e] == DIGIT).all())
    return all_digits


def _token_starts(last_run: np.ndarray) -> np.ndarray:
    """Runs where a token starts, given the last run of the token that would start at each run:
    the unique S with S = {0} + {k : no run i < k in S has last_run[i] >= k}. Only the runs
    whose token would take later runs too can cover others, so the fixed point is found on them
    alone; the runs their tokens cover are then marked at once."""
    m = len(last_run)
    multi = np.flatnonzero(last_run > np.arange(m))
    reach = last_run[multi]
    starts = np.ones(len(multi), dtype=bool)
    for _ in range(MAX_PASSES):
        furthest = np.maximum.accumulate(np.where(starts, reach, -1))
        settled = np.ones(len(multi), dtype=bool)
        settled[1:] = furthest[:-1] < multi[1:]
        if np.array_equal(settled, starts):
            break
        starts = settled
    else:  # not settled by the passes: walk the candidates in order
        furthest = -1
        for k, (run, last) in enumerate(zip(multi.tolist(), reach.tolist())):
            starts[k] = run > furthest
            furthest = last if starts[k] else furthest
    covered = np.zeros(m + 1, dtype=np.int32)  # +1 after each starting token's first run, -1 after its last
    covered[multi[starts] + 1] += 1
    covered[reach[starts] + 1] -= 1
    return np.flatnonzero(np.cumsum(covered[:-1]) == 0)


def text_identity(column) -> object:
    """What identifies a column's texts without reading them: its Arrow array (immutable, so
    the same array always holds the same texts) or, for any other column, the tuple of its
    value objects (compared one by one with `is`; the tuple keeps them alive)."""
    if isinstance(column, pd.Series):
        try:
            return column.array.__arrow_array__()
        except (AttributeError, TypeError):
            return tuple(column.tolist())
    return tuple(column)


def same_identity(a: object, b: object) -> bool:
    """True if two `text_identity` values are the same texts (the same objects)."""
    if a is b:
        return True
    return isinstance(a, tuple) and isinstance(b, tuple) and len(a) == len(b) and all(map(operator.is_, a, b))


class ColumnCache:
    """Results computed from a text column, kept for the last `size` columns and keyed on
    `text_identity` (no copy of the texts held); the most recently used is dropped last."""

    def __init__(self, size: int) -> None:
        self.size, self._items = size, []

    def get(self, key: object):
        """The result stored for the column `key` identifies, or None."""
        for k, (seen, found) in enumerate(self._items):
            if same_identity(seen, key):
                self._items.append(self._items.pop(k))
                return found
        return None

    def put(self, key: object, value) -> None:
        """Remember `value` for `key`, dropping the oldest beyond `size`."""
        if self.size > 0:
            self._items.append((key, value))
            del self._items[:-self.size]

    def clear(self) -> None:
        """Forget every result."""
        self._items.clear()


_SHARED = ColumnCache(SHARED_CORPORA)  # token codes of the last SHARED_CORPORA corpora


def shared_token_codes(texts, workers: int = 1) -> dict:
    """`corpus_token_codes(texts)` (with surfaces), computed once per text column and shared by
    the tokens table and the term tables of one analysis: the last SHARED_CORPORA results are
    kept, keyed on `text_identity` (the same Arrow array or the same string objects), so a
    table built from the same articles table never tokenises it again. Instead of `index`
    the result has `doc_tokens` (tokens per text, int64), and instead of the surfaces what
    they are made from (`written`, see `_surface_codes`). Its arrays are read-only and shared:
    copy before changing them. Cost: about 12 bytes per token and each distinct word once,
    freed when later corpora push it out (or `clear_shared_tokens()`). `workers`: processes
    that tokenise a column not seen yet (`corpus_token_codes`)."""
    key = text_identity(texts)
    found = _SHARED.get(key)
    if found is not None:
        return found
    found = corpus_token_codes(texts, with_surfaces=None, workers=workers)
    index = found.pop("index")
    found["doc_tokens"] = np.bincount(index, minlength=len(texts)).astype(np.int64)
    del index
    for name, value in found.items():
        if isinstance(value, np.ndarray):
            value.flags.writeable = False
    _SHARED.put(key, found)
    return found


def clear_shared_tokens() -> None:
    """Forget the shared token codes (`shared_token_codes`)."""
    _SHARED.clear()


def _empty_tokens() -> pd.DataFrame:
    """The tokens table without rows, with its column types."""
    empty = categorical([], np.zeros(0, dtype=np.int8))
    return pd.DataFrame({"article_id": empty, "token_id": np.zeros(0, dtype=np.int32),
                         "start": np.zeros(0, dtype=np.int32), "end": np.zeros(0, dtype=np.int32),
                         "token": empty, "norm": empty, "is_number": np.zeros(0, dtype=bool)}, columns=TOKEN_COLUMNS)


def tokens(articles: pd.DataFrame, workers: int | None = None) -> pd.DataFrame:
    """One row per token: article_id, token_id, start, end, token (as written), norm, is_number.

    Built from corpus-wide integer codes (`shared_token_codes`, so the term tables of the same
    articles reuse them): each distinct string is case-folded and tested once. article_id,
    token and norm are categoricals, token_id, start and end int32 while they fit
    (`newslens.columns`).
    `workers`: processes that tokenise (None: all cores for a big corpus, `newslens.parallel`)."""
    n_workers = worker_count("tokens", corpus_words(articles), workers)
    found = shared_token_codes(articles["text"], workers=n_workers)
    doc_tokens = found["doc_tokens"]
    n = int(doc_tokens.sum())
    if not n:
        return _empty_tokens()
    index = np.repeat(np.arange(len(doc_tokens), dtype=_offset_dtype(len(doc_tokens))), doc_tokens)
    columns = {"article_id": categorical(articles["article_id"].tolist(), index)}
    token_id = np.arange(n, dtype=_offset_dtype(n))
    token_id -= (np.cumsum(doc_tokens) - doc_tokens).astype(token_id.dtype)[index]
    del index
    columns["token_id"] = token_id
    columns["start"] = offsets(found["start"])
    columns["end"] = offsets(found["end"])
    surface_codes, surfaces = _surface_codes(found["form_codes"], found["forms"], found["written"])
    release_freed_memory()
    columns["token"] = categorical(surfaces, surface_codes)
    del surface_codes
    norms = [w.lower() for w in found["forms"]]
    is_number = np.array([NUMBER_RE.fullmatch(w) is not None for w in norms], dtype=bool)
    columns["norm"] = categorical(norms, found["form_codes"])
    columns["is_number"] = is_number[found["form_codes"]]
    return pd.DataFrame(columns, columns=TOKEN_COLUMNS, copy=False)
