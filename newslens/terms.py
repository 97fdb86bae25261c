"""Word-level tables for comparing outlets: frequencies, n-grams, keyness, KWIC, collocates, variants.

Every table is a tidy DataFrame computed from the articles table (`load_corpus`), articles first in
every signature. Counting rules, declared once:
- tokens are `newslens.tokens` tokens (punctuation removed, possessive 's split off, case folded);
  every denominator (`n_tokens`, per-10k rates) counts them BEFORE stop-word removal;
- `term` is the case-folded form that is counted; `display` is its most frequent written form
  away from sentence starts, so proper nouns keep their capitals ("Soledar", "U.S.");
- n-grams and phrase queries never cross a sentence boundary (`newslens.sentences`) or ; : ( ) [ ];
- `range` is the number of articles containing a term; `dp` is Gries' DP over those articles;
- every count in a frequency, n-gram or keyness table equals the number of `kwic` lines for
  that term in that group (the tests check it).
Stop words, the cloud-only exclusions (reporting verbs) and known spelling variants are data files
in `newslens/data/`. Used by notebooks 02 (term frequencies), 04 and 05 (outlet comparison, explorer).
"""
from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from newslens import stats
from newslens.columns import categorical, plain
from newslens.parallel import corpus_words, worker_count
from newslens.sentences import corpus_sentence_offsets, split_many
from newslens.style import SEED, outlet_order
from newslens.tokens import (CHUNK_TEXTS, NUMBER_RE, normalise_apostrophes, release_freed_memory, same_identity,
                             shared_token_codes, text_identity, tokenize)

DATA_DIR = Path(__file__).resolve().parent / "data"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
CLOUD_EXCLUDE_FILE = DATA_DIR / "cloud_exclude.txt"
VARIANTS_FILE = DATA_DIR / "spelling_variants.csv"
PER = 10_000  # rates are per 10,000 tokens
G2_FLOOR = 15.13  # p < 0.0001 for chi-squared with 1 df: the minimum keyness
ALPHA = 0.05  # family-wise error rate for the Bonferroni critical value
MIN_FREQ = 3
MIN_RANGE = 2
REST = "rest of corpus"
MISSING_GROUP = "(missing)"
PHRASE_BREAK_RE = re.compile(r"[;:()\[\]]")  # punctuation an n-gram or phrase never crosses
WILDCARD = "*"
KEYNESS_CHUNK = 1 << 18  # keyness rows computed at a time: bounds the formulas' temporary arrays
ABSENT_ROWS = 25  # content words a keyness target does not use listed at least (its most under-used; see `keyness`)
QUERY_CACHE = 256  # kwic/collocates query words whose matching vocabulary codes a corpus remembers
POSSESSIVE_TOKEN = "'s"
SKELETON_RULES = (("kh", "h"), ("zh", "j"), ("ou", "u"), ("y", "i"), ("w", "v"))
DOUBLE_RE = re.compile(r"(.)\1+")
INFLECTION_SUFFIXES = ("s", "es", "n", "an", "ian", "ians", "ns", "'s")
# Optional lemmas fold only regular -s/-es/-ies forms onto a form the corpus itself contains, never
# for capitalised words (names). Words that look plural but are not the plural of another word:
NOT_PLURALS = frozenset({
    "news", "means", "series", "species", "politics", "physics", "economics", "arms",
    "headquarters", "always", "perhaps", "sometimes", "whereas", "besides", "towards", "afterwards",
    "thus", "this", "his", "has", "was", "its", "yes", "us", "lens", "gas", "bus", "bias", "alias",
    "christmas", "goods", "lots", "odds", "outskirts", "remains", "savings", "thanks",
})
FREQ_COLUMNS = ["term", "display", "count", "per_10k", "range", "n_articles", "dp", "dp_norm",
                "n_tokens", "is_stopword", "is_number"]
KEYNESS_COLUMNS = [
    "target", "reference", "term", "display", "f_target", "f_reference", "n_target", "n_reference",
    "per_10k_target", "per_10k_reference", "range", "range_target", "g2", "g2_2cell", "p",
    "chi2_yates", "log_ratio", "pct_diff", "bic", "log_odds_z", "is_stopword", "is_number",
    "g2_threshold", "n_tested", "passes_g2", "passes_freq", "passes_range", "passes_filter",
]
KWIC_COLUMNS = ["article_id", "outlet", "token_id", "n_tokens", "position", "start", "end",
                "left", "match", "right"]
COLLOCATE_COLUMNS = ["node", "collocate", "display", "f_pair", "f_left", "f_right", "f_collocate",
                     "f_node", "n_tokens", "logdice", "mi", "t_score", "is_stopword"]
VARIANT_COLUMNS = ["group", "variant", "origin", "count", "group_count", "share"]


class TermsError(ValueError):
    """Input the term tables cannot use (missing column, unknown group, empty query...)."""


# ---------------------------------------------------------------- data files


def _read_words(path: Path) -> list[str]:
    """Non-comment, non-empty lines of a word-list file, lower-cased, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [w.strip().lower() for w in lines if w.strip() and not w.lstrip().startswith("#")]


@lru_cache(maxsize=1)
def _stopword_set() -> frozenset[str]:
    """The stop words as a set (read once)."""
    return frozenset(normalise_apostrophes(w) for w in _read_words(STOPWORDS_FILE))


def stopwords() -> list[str]:
    """The project's stop-word list (`newslens/data/stopwords.txt`), sorted."""
    return sorted(_stopword_set())


def stopword_version() -> str:
    """The version line of the stop-word file (its first comment line)."""
    first = STOPWORDS_FILE.read_text(encoding="utf-8").splitlines()[0]
    return first.lstrip("# ").strip()


@lru_cache(maxsize=1)
def _cloud_exclude_set() -> frozenset[str]:
    """Cloud-only exclusions as a set (read once)."""
    return frozenset(_read_words(CLOUD_EXCLUDE_FILE))


def cloud_excluded_words() -> list[str]:
    """Words that word clouds leave out (reporting verbs), from `data/cloud_exclude.txt`, sorted."""
    return sorted(_cloud_exclude_set())


def load_spelling_variants(path: Path | str | None = None) -> pd.DataFrame:
    """The known spelling-variant groups: columns group, variant, origin, term (case-folded)."""
    path = Path(path) if path is not None else VARIANTS_FILE
    try:
        table = pd.read_csv(path, comment="#", dtype=str, keep_default_na=False)
    except FileNotFoundError:
        raise TermsError(f"spelling-variant file {path.name} not found; pass an existing CSV") from None
    missing = {"group", "variant", "origin"} - set(table.columns)
    if missing:
        raise TermsError(f"{path.name}: missing column(s) {sorted(missing)}; the header must be "
                         "group,variant,origin")
    table = table[["group", "variant", "origin"]].copy()
    table["term"] = [" ".join(tokenize(v)) for v in table["variant"]]
    dup = table["term"][table["term"].duplicated()]
    if len(dup):
        raise TermsError(f"{path.name}: form {dup.iloc[0]!r} is listed twice; each form belongs to one group")
    return table.reset_index(drop=True)


# ---------------------------------------------------------------- tokenised corpus


class _Texts:
    """The texts of a text column, read on demand (a missing text reads as ""): from the
    column's Arrow array, so a tokenised corpus holds no Python copy of its texts, or, for any
    other column, from its own string objects. Indexing gives one text, slicing a list."""

    def __init__(self, column: pd.Series, key: object) -> None:
        """`key` is the column's `tokens.text_identity`."""
        arrow = isinstance(key, (pa.Array, pa.ChunkedArray)) and (pa.types.is_string(key.type)
                                                                  or pa.types.is_large_string(key.type))
        self._arrow = key if arrow else None
        self._strings = None if arrow else [t if isinstance(t, str) else "" for t in column.tolist()]

    def __len__(self) -> int:
        """Number of texts."""
        return len(self._strings) if self._arrow is None else len(self._arrow)

    def __getitem__(self, k: int | slice) -> str | list[str]:
        """Text k, or the texts of a slice as a list."""
        if self._arrow is None:
            return self._strings[k]
        if isinstance(k, slice):
            lo, hi, step = k.indices(len(self))
            values = self._arrow.slice(lo, max(hi - lo, 0)).to_pylist()[::step]
            return [t if isinstance(t, str) else "" for t in values]
        value = self._arrow[k].as_py()
        return value if isinstance(value, str) else ""

    def __iter__(self):
        """The texts in order, read CHUNK_TEXTS at a time."""
        for lo in range(0, len(self), CHUNK_TEXTS):
            yield from self[lo:lo + CHUNK_TEXTS]

    def lengths(self) -> np.ndarray:
        """Length of every text in characters (int64)."""
        if self._arrow is None:
            return np.fromiter(map(len, self._strings), dtype=np.int64, count=len(self._strings))
        return pc.utf8_length(self._arrow).fill_null(0).to_numpy().astype(np.int64)


class _Doc:
    """One article's tokens, read from the corpus-wide arrays of its `_Corpus` (no copy).

    `norms` and `surfaces` (case-folded and written forms) are Python lists built on each
    access, so no per-token Python list is kept between tables: read them once per use.
    Hashed by identity: cached tables key on it."""

    __slots__ = ("article_id", "_k", "_corpus", "_lo", "_hi")

    def __init__(self, article_id: str, k: int, corpus: "_Corpus", lo: int, hi: int) -> None:
        self.article_id, self._k, self._corpus, self._lo, self._hi = article_id, k, corpus, lo, hi

    @property
    def text(self) -> str:
        """The article's text (read from the column on each access)."""
        return self._corpus.texts[self._k]

    @property
    def n_tokens(self) -> int:
        """Number of tokens of the article."""
        return self._hi - self._lo

    @property
    def norms(self) -> list[str]:
        """Case-folded tokens, in order (a new list on each access)."""
        return self._corpus.norm_of[self._corpus.form_codes[self._lo:self._hi]].tolist()

    @property
    def surfaces(self) -> list[str]:
        """Tokens as written (apostrophes folded), in order (a new list on each access)."""
        return self._corpus.form_of[self._corpus.form_codes[self._lo:self._hi]].tolist()

    @property
    def starts(self) -> np.ndarray:
        """Start offset of each token in `text`."""
        return self._corpus.starts[self._lo:self._hi]

    @property
    def ends(self) -> np.ndarray:
        """End offset of each token in `text`."""
        return self._corpus.ends[self._lo:self._hi]

    @property
    def breaks(self) -> np.ndarray:
        """True if token i may not be joined to token i-1 in an n-gram or phrase."""
        return self._corpus.breaks[self._lo:self._hi]

    @property
    def initial(self) -> np.ndarray:
        """True if token i starts a sentence."""
        return self._corpus.initial[self._lo:self._hi]


def _require(articles: pd.DataFrame, columns: Iterable[str]) -> None:
    """Raise TermsError unless `articles` is a DataFrame with these columns."""
    if not isinstance(articles, pd.DataFrame):
        raise TermsError(f"expected the articles DataFrame from load_corpus, got {type(articles).__name__}")
    missing = [c for c in columns if c not in articles.columns]
    if missing:
        raise TermsError(f"the articles table has no column(s) {missing}; pass the table load_corpus "
                         f"returns (columns include article_id, outlet, text)")


def _boundaries(text: str, starts: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(breaks, initial) flags of one article's tokens, given their start offsets.

    initial: the token starts a sentence; breaks: it may not be joined to the token before it in
    an n-gram or phrase (a sentence start, or ; : ( ) [ ] in between)."""
    return _corpus_boundaries([text], np.asarray(starts), [0, len(starts)])


def _corpus_boundaries(texts: list[str], starts: np.ndarray, bounds: list[int]) -> tuple[np.ndarray, np.ndarray]:
    """`_boundaries` of every token of the corpus at once (tokens in text order, text k's tokens
    at bounds[k]:bounds[k + 1])."""
    initial = _sentence_initial(texts, starts, bounds)
    return _phrase_breaks(texts, starts, bounds) | initial, initial


def _token_line(texts: "list[str] | _Texts", starts: np.ndarray, bounds: list[int]) -> tuple[np.ndarray, ...]:
    """(where each text starts, each token's offset, one past each text's last token) with the
    texts placed on one line, one character apart: one search then finds the token after any
    offset."""
    lengths = texts.lengths() if isinstance(texts, _Texts) else np.fromiter(map(len, texts), dtype=np.int64,
                                                                              count=len(texts))
    base = np.concatenate([[0], np.cumsum(lengths + 1)[:-1]])
    tokens_per_text = np.diff(np.asarray(bounds, dtype=np.int64))
    token_at = starts + np.repeat(base, tokens_per_text)  # sorted: texts do not overlap
    return base, token_at, np.asarray(bounds[1:], dtype=np.int64)


def _sentence_initial(texts: "list[str] | _Texts", starts: np.ndarray, bounds: list[int],
                      sentences: tuple[np.ndarray, np.ndarray] | None = None) -> np.ndarray:
    """True for every token that starts a sentence (`newslens.sentences`); `sentences` is the
    texts' `corpus_sentence_offsets` if the caller has them (else they are split here)."""
    initial = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return initial
    base, token_at, last = _token_line(texts, starts, bounds)
    if sentences is None:
        flats = split_many(texts)  # cached, or split at once
        counts = np.fromiter((len(f) // 2 for f in flats), dtype=np.int64, count=len(flats))
        sentences = (np.frombuffer(b"".join(flats), dtype=np.int64), counts)
    sentence_starts = sentences[0][0::2]
    text_of = np.repeat(np.arange(len(texts)), sentences[1])
    first = np.searchsorted(token_at, sentence_starts + base[text_of])
    initial[first[first < last[text_of]]] = True
    firsts = np.asarray(bounds[:-1], dtype=np.int64)
    initial[firsts[firsts < last]] = True
    return initial


def _phrase_breaks(texts: "list[str] | _Texts", starts: np.ndarray, bounds: list[int]) -> np.ndarray:
    """True for every token with ; : ( ) [ ] between it and the token before it."""
    breaks = np.zeros(len(starts), dtype=bool)
    if not len(starts):
        return breaks
    base, token_at, last = _token_line(texts, starts, bounds)
    chunks = zip(range(0, len(texts), CHUNK_TEXTS), base[::CHUNK_TEXTS].tolist())  # one scan per chunk
    marks = np.array([offset + m.start() for lo, offset in chunks
                      for m in PHRASE_BREAK_RE.finditer("\n".join(texts[lo:lo + CHUNK_TEXTS]))], dtype=np.int64)
    text_of = np.searchsorted(base, marks, side="right") - 1
    after = np.searchsorted(token_at, marks)
    breaks[after[after < last[text_of]]] = True
    return breaks


class _Corpus(tuple):
    """The tokenised articles (a tuple of `_Doc`) and the corpus-wide arrays they read from:
    one entry per token, in corpus order. Hashed and compared like a tuple."""

    texts: _Texts  # the articles' texts, read on demand
    starts: np.ndarray  # offset of each token in its article (int32 while it fits)
    ends: np.ndarray
    initial: np.ndarray  # see `_boundaries`; `breaks` is computed on first use (n-grams, phrases)
    form_codes: np.ndarray  # index into form_vocab of every token
    form_vocab: list[str]  # written forms (apostrophes folded) in order of first appearance
    form_of: np.ndarray  # form_vocab as an object array
    norm_of: np.ndarray  # the case-folded form of each form_vocab entry (object array)
    norm_codes: np.ndarray  # index into norm_vocab of every token
    norm_of_form: np.ndarray  # index into norm_vocab of each form_vocab entry
    norm_vocab: list[str]  # case-folded words in order of first appearance
    norm_index: dict[str, int]  # position of each word in norm_vocab
    doc_tokens: np.ndarray  # tokens per article (int64)
    query_codes: dict  # `_codes_matching` answers for the last QUERY_CACHE queries
    _breaks: np.ndarray | None = None

    @property
    def breaks(self) -> np.ndarray:
        """See `_boundaries` (computed on first use: word counts never need it)."""
        if self._breaks is None:
            bounds = [0] + [doc._hi for doc in self]
            self._breaks = _phrase_breaks(self.texts, self.starts, bounds) | self.initial
        return self._breaks


DOCS_CACHE = 4  # tokenised corpora `_docs` keeps (with their texts and a few arrays per token)
_DOCS: list[tuple[object, tuple[str, ...], "_Corpus"]] = []  # (text identity, article ids, corpus)


def _docs(articles: pd.DataFrame, workers: int | None = None) -> tuple[_Doc, ...]:
    """Tokenise every article (in table order), once per articles table: the last DOCS_CACHE
    corpora are kept, keyed on the identity of the text column (`tokens.text_identity`: the
    same immutable Arrow array or the same string objects) and the article ids, so several
    tables of the same articles reuse one pass (and its token codes are the tokens table's).
    `workers`: processes that tokenise and split the texts the first time (None: all cores
    for a big corpus, `newslens.parallel`)."""
    _require(articles, ["article_id", "text"])
    key, ids = text_identity(articles["text"]), tuple(str(a) for a in articles["article_id"])
    for k, (seen, seen_ids, corpus) in enumerate(_DOCS):
        if seen_ids == ids and same_identity(seen, key):
            _DOCS.append(_DOCS.pop(k))
            return corpus
    texts = _Texts(articles["text"], key)
    n_words = corpus_words(articles)
    corpus = _build_corpus(ids, texts, shared_token_codes(articles["text"], worker_count("tokens", n_words, workers)),
                           corpus_sentence_offsets(articles["text"], texts,
                                                   worker_count("sentences", n_words, workers)))
    _DOCS.append((key, ids, corpus))
    del _DOCS[:-DOCS_CACHE]
    return corpus


def _build_corpus(ids: tuple[str, ...], texts: _Texts, found: dict,
                  sentences: tuple[np.ndarray, np.ndarray]) -> "_Corpus":
    """The tokenised articles from their token codes (`shared_token_codes`, whose arrays the
    corpus shares) and sentence offsets (`corpus_sentence_offsets`): a few integers and two
    flags per token, and each distinct word once."""
    starts, ends, codes, forms = found["start"], found["end"], found["form_codes"], found["forms"]
    doc_tokens = found["doc_tokens"]
    bounds = np.concatenate([[0], np.cumsum(doc_tokens)]).tolist()
    corpus = _Corpus(_Doc(article_id, k, None, bounds[k], bounds[k + 1])
                     for k, article_id in enumerate(ids))
    for doc in corpus:
        doc._corpus = corpus
    initial = _sentence_initial(texts, starts, bounds, sentences)
    shared = dict(zip(forms, forms))
    lowered = [shared.setdefault(w, w) for w in map(str.lower, forms)]
    corpus.texts, corpus.starts, corpus.ends, corpus.initial = texts, starts, ends, initial
    corpus.form_codes, corpus.form_vocab, corpus.doc_tokens = codes, forms, doc_tokens
    corpus.form_of, corpus.norm_of = np.array(forms, dtype=object), np.array(lowered, dtype=object)
    norm_of_form, norm_vocab = pd.factorize(corpus.norm_of)  # first-appearance order
    corpus.norm_of_form = norm_of_form
    corpus.norm_codes = norm_of_form.astype(codes.dtype)[codes]
    corpus.norm_vocab = [str(w) for w in norm_vocab]
    corpus.norm_index = {w: k for k, w in enumerate(corpus.norm_vocab)}
    corpus.query_codes = {}
    release_freed_memory()  # after a dropped tokens table, Arrow would keep its memory
    return corpus


def _group_labels(articles: pd.DataFrame, by: str) -> tuple[list[str], list[str]]:
    """(label of each article, groups in display order) for grouping column `by`."""
    _require(articles, [by])
    labels = [MISSING_GROUP if pd.isna(v) or str(v).strip() == "" else str(v) for v in articles[by]]
    if by == "outlet":
        order = [o for o in outlet_order(articles.assign(outlet=labels))]
    elif by == "article_id":
        order = list(dict.fromkeys(labels))
    else:
        order = sorted(set(labels))
    return labels, order


def _display_forms_coded(terms: list[str], codes: np.ndarray, uniques: list[str], initial: np.ndarray,
                         term_of_form: np.ndarray) -> tuple[list[str], np.ndarray]:
    """For each term, its most frequent written form away from sentence starts (else anywhere),
    and whether it was seen away from sentence starts; ties go to the alphabetically first form.
    The forms are given factorised (codes into `uniques`, with the sentence-initial flag of each
    occurrence) with the term of each form (`term_of_form`). Forms are ranked by numbers only;
    strings are compared just for the terms whose best forms tie."""
    anywhere = np.bincount(codes, minlength=len(uniques))
    mid = anywhere - np.bincount(codes[np.asarray(initial, dtype=bool)], minlength=len(uniques))
    t = np.asarray(term_of_form, dtype=np.intp)
    rank = (mid == 0).astype(np.int64)  # 0: seen away from a sentence start
    used = np.where(rank == 0, mid, anywhere)
    order = np.lexsort((-used, rank, t))  # per term: best first; equal ones in form order
    head = np.ones(len(order), dtype=bool)
    head[1:] = t[order[1:]] != t[order[:-1]]
    head_at = np.maximum.accumulate(np.where(head, np.arange(len(order)), 0))
    best = order.copy()  # best[head_at[i]]: the best form found so far for the term of order[i]
    tied = ~head & (rank[order] == rank[order[head_at]]) & (used[order] == used[order[head_at]])
    for i, h in zip(np.flatnonzero(tied).tolist(), head_at[tied].tolist()):
        if uniques[order[i]] < uniques[best[h]]:
            best[h] = order[i]
    best = best[head]
    display = np.array(terms, dtype=object)
    display[t[best]] = np.array(uniques, dtype=object)[best]
    seen_mid = np.zeros(len(terms), dtype=bool)
    seen_mid[t[best]] = rank[best] == 0
    return display.tolist(), seen_mid


@dataclass(frozen=True, eq=False)  # hashed by identity, like _Doc
class _Counts:
    """Sparse (article, term) counts plus vocabulary attributes (doc_index, term_index and count
    are int32 while they fit: widen before multiplying them)."""

    terms: list[str]
    display: list[str]
    doc_index: np.ndarray
    term_index: np.ndarray
    count: np.ndarray
    doc_tokens: np.ndarray
    seen_mid: np.ndarray  # True if the term occurs away from a sentence start
    forms: list[str] | None = None  # with lemmas: the counted forms of each term, "|"-joined
    words: tuple[list[str], np.ndarray] | None = None  # n-grams: (words, n x terms codes into them)


def _is_stop(term: str) -> bool:
    """True for a stop word, or an n-gram made only of stop words."""
    return all(w in _stopword_set() for w in term.split(" "))


def _is_number(term: str) -> bool:
    """True for a number token, or an n-gram made only of numbers."""
    return all(NUMBER_RE.fullmatch(w) is not None for w in term.split(" "))


def _count(docs: tuple[_Doc, ...], n: int, edge_stop: bool = False, lemmas: bool = False) -> _Counts:
    """Count n-grams per article (cached per tokenised corpus; treat the result as read-only)."""
    if not isinstance(n, (int, np.integer)) or isinstance(n, bool) or n < 1:
        raise TermsError(f"n must be a positive whole number (1 = words, 2 = bigrams), got {n!r}")
    if lemmas and n != 1:
        raise TermsError("lemmas apply to single words only (n=1)")
    counts = _count_cached(docs, int(n), edge_stop)
    return _lemmatised(counts) if lemmas else counts


def _plural_candidates(word: str) -> list[str]:
    """Singular forms a regular -s/-es/-ies word could come from, most specific first."""
    if len(word) < 4 or not word.isalpha() or word in NOT_PLURALS or word.endswith(("ss", "us", "is")):
        return []
    if word.endswith("ies"):
        return [word[:-3] + "y"]
    if word.endswith("es"):
        return [word[:-1], word[:-2]]
    return [word[:-1]] if word.endswith("s") else []


def lemma_map(terms: list[str], display: list[str], seen_mid: Iterable[bool] | None = None) -> dict[str, str]:
    """term -> lemma for regular plurals whose singular is also in `terms` ("fighters" -> "fighter").

    Names are never folded: a name is a term whose display form is capitalised, and (if
    `seen_mid` is given) that was seen away from sentence starts. See NOT_PLURALS for exceptions."""
    seen_mid = [True] * len(terms) if seen_mid is None else list(seen_mid)
    common = {t for t, d, mid in zip(terms, display, seen_mid) if not (d[:1].isupper() and mid)}
    found = {}
    for t in common:
        lemma = next((c for c in _plural_candidates(t) if c in common), None)
        if lemma:
            found[t] = lemma
    return found


@lru_cache(maxsize=4)
def _lemmatised(counts: _Counts) -> _Counts:
    """The same counts with regular plurals merged into their singular (see `lemma_map`)."""
    mapping = lemma_map(counts.terms, counts.display, counts.seen_mid)
    lemmas = [mapping.get(t, t) for t in counts.terms]
    codes, uniques = pd.factorize(np.array(lemmas, dtype=object))
    vocab = [str(u) for u in uniques]
    new_index = codes[counts.term_index]
    keys, where = np.unique(counts.doc_index.astype(np.int64) * len(vocab) + new_index, return_inverse=True)
    merged = np.bincount(where, weights=counts.count).astype(np.int64)
    display_of = dict(zip(counts.terms, counts.display))
    forms: dict[str, list[str]] = defaultdict(list)
    for t, lemma in zip(counts.terms, lemmas):
        forms[lemma].append(t)
    mid_of = dict(zip(counts.terms, counts.seen_mid))
    return _Counts(vocab, [display_of[t] for t in vocab], keys // len(vocab), keys % len(vocab), merged,
                   counts.doc_tokens, np.array([mid_of[t] for t in vocab], dtype=bool),
                   ["|".join(sorted(forms[t])) for t in vocab])


@lru_cache(maxsize=8)
def _count_cached(docs: "_Corpus", n: int, edge_stop: bool) -> _Counts:
    """Count words (n=1) or n-grams per article from the corpus-wide codes (see `_count_words`,
    `_count_ngrams`)."""
    return _count_words(docs) if n == 1 else _count_ngrams(docs, n, edge_stop)


def _count_words(docs: _Corpus) -> _Counts:
    """`_count_cached` for single words, from the corpus-wide codes (no string hashing)."""
    vocab = docs.norm_vocab
    doc_index, term_index, count = _article_term_counts(docs.doc_tokens, None, docs.norm_codes, len(vocab))
    display, seen_mid = (_display_forms_coded(vocab, docs.form_codes, docs.form_vocab, docs.initial, docs.norm_of_form)
                         if vocab else ([], np.zeros(0, dtype=bool)))
    return _Counts(vocab, display, doc_index, term_index, count, docs.doc_tokens, seen_mid)


def _count_ngrams(docs: _Corpus, n: int, edge_stop: bool) -> _Counts:
    """`_count_cached` for n >= 2 from the corpus-wide codes: each n-gram is a row of n word
    codes, numbered in order of first appearance (as factorising the joined strings would), and
    strings are made only for the distinct n-grams and written forms."""
    starts = _ngram_starts(docs, n, edge_stop)
    term_codes, first = _row_codes(docs.norm_codes, len(docs.norm_vocab), starts, n)
    words = _rows_at(docs.norm_codes, starts[first], n)
    vocab = _joined(docs.norm_vocab, words)
    form_codes, form_first = _row_codes(docs.form_codes, len(docs.form_vocab), starts, n)
    forms = _joined(docs.form_vocab, _rows_at(docs.form_codes, starts[form_first], n))
    display, seen_mid = (_display_forms_coded(vocab, form_codes, forms, docs.initial[starts], term_codes[form_first])
                         if vocab else ([], np.zeros(0, dtype=bool)))
    doc_index, term_index, count = _article_term_counts(docs.doc_tokens, starts, term_codes, len(vocab))
    return _Counts(vocab, display, doc_index, term_index, count, docs.doc_tokens, seen_mid,
                   words=(docs.norm_vocab, words))


def _ngram_starts(docs: _Corpus, n: int, edge_stop: bool) -> np.ndarray:
    """Corpus position of the first token of every n-gram that crosses no break (`_boundaries`;
    the first token of every article is one, so no n-gram spans two articles), in corpus
    order. With edge_stop, n-grams starting or ending with a stop word are left out."""
    m = len(docs.norm_codes) - n + 1
    if m <= 0:
        return np.zeros(0, dtype=np.int64)
    crossed = np.cumsum(docs.breaks, dtype=np.int32 if len(docs.breaks) < 2 ** 31 else np.int64)
    ok = crossed[n - 1:] == crossed[:m]  # no break before tokens i+1 .. i+n-1
    del crossed
    if edge_stop:
        stop = _word_flags(docs.norm_vocab, _is_stop)[docs.norm_codes]
        ok &= ~stop[:m]
        ok &= ~stop[n - 1:]
    return np.flatnonzero(ok)


def _row_codes(codes: np.ndarray, width: int, starts: np.ndarray, n: int) -> tuple[np.ndarray, np.ndarray]:
    """(code of each row codes[s:s + n] for s in starts, position in `starts` of the first row
    of each code): equal rows get equal codes, numbered in order of first appearance. The rows
    are numbered one column at a time (a hash factorisation of prefix code x width + next code)."""
    key = codes[starts].astype(np.int64)
    for k in range(1, n):
        key *= max(width, 1)  # prefix codes and word codes are both below 2**31: no overflow
        key += codes[starts + k]
        key = pd.factorize(key)[0]
    return key, _first_positions(key)


def _first_positions(codes: np.ndarray) -> np.ndarray:
    """Position of the first occurrence of each code, for codes numbered 0, 1, 2... in order of
    first appearance (a code is new where it exceeds every code before it)."""
    if not len(codes):
        return np.zeros(0, dtype=np.int64)
    highest = np.maximum.accumulate(codes)
    return np.flatnonzero(np.concatenate([[True], highest[1:] > highest[:-1]]))


def _rows_at(codes: np.ndarray, starts: np.ndarray, n: int) -> np.ndarray:
    """The n codes from each start, as an n x len(starts) array (one row per word of the n-gram)."""
    return np.stack([codes[starts + k] for k in range(n)]) if len(starts) else np.zeros((n, 0), dtype=codes.dtype)


def _joined(vocab: list[str], words: np.ndarray) -> list[str]:
    """The strings of n-grams given as an n x count array of codes into `vocab`, words joined by a space."""
    of = np.array(vocab, dtype=object)
    return list(map(" ".join, zip(*(of[row].tolist() for row in words))))


def _article_term_counts(doc_tokens: np.ndarray, positions: np.ndarray | None, codes: np.ndarray,
                         width: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(article, term, count) of every (article, term) pair that occurs, sorted by article then
    term (int32 arrays while the corpus has fewer than 2**31 tokens, else int64). codes[i]
    (below width) is the term of the item at corpus token position positions[i]
    (positions=None: one item per token)."""
    width = max(width, 1)
    dtype = np.uint32 if len(doc_tokens) * width < 2 ** 32 else np.int64  # narrower keys sort faster
    if positions is None:
        keys = np.repeat(np.arange(len(doc_tokens), dtype=dtype) * dtype(width), doc_tokens)
    else:
        keys = np.searchsorted(np.cumsum(doc_tokens), positions, side="right").astype(dtype)
        keys *= dtype(width)
    np.add(keys, codes, out=keys, casting="unsafe")  # codes are >= 0 and below width
    keys, count = np.unique(keys, return_counts=True)
    out = np.int32 if max(int(doc_tokens.sum()), len(doc_tokens), width) < 2 ** 31 else np.int64
    return (keys // keys.dtype.type(width)).astype(out), (keys % keys.dtype.type(width)).astype(out), count.astype(out)


def _group_order_key(order: list[str]) -> dict[str, int]:
    """Position of each group label in display order."""
    return {g: i for i, g in enumerate(order)}


def _check_group(name: str, order: list[str], by: str) -> None:
    """Raise TermsError if `name` is not one of the groups."""
    if name not in order:
        raise TermsError(f"{name!r} is not a value of column {by!r}; choose from {order}")


# ---------------------------------------------------------------- frequencies


def frequencies(articles: pd.DataFrame, by: str | None = "outlet", n: int = 1,
                drop_stopwords: bool = False, drop_numbers: bool = False,
                min_count: int = 1, lemmas: bool = False, workers: int | None = None) -> pd.DataFrame:
    """Term (or n-gram) counts per group: raw count, per 10k tokens, range and Gries' DP.

    Columns: <by> (omitted when by=None: the whole corpus), term, display, count, per_10k
    (count / n_tokens * 10,000), range (articles of the group containing it), n_articles (in the
    group), dp and dp_norm (Gries' DP over the group's articles, 0 = spread evenly; dp_norm is NaN
    for a one-article group), n_tokens (group size in tokens, before stop-word removal),
    is_stopword, is_number. Sorted by group order, count descending, term ascending.
    With lemmas=True (words only), regular plurals are counted with their singular when the corpus
    has it ("fighters" with "fighter"; never names, never "news" with "new"), and a last column
    `forms` lists the counted forms ("fighter|fighters"). The group column, term, display and
    forms are categoricals (`newslens.columns`). `workers`: processes that tokenise the
    articles (None: all cores for a big corpus, `newslens.parallel`; the same table either way).
    """
    return _frequencies(articles, by, n, drop_stopwords, drop_numbers, min_count, lemmas=lemmas, workers=workers)


def _frequencies(articles: pd.DataFrame, by: str | None, n: int, drop_stopwords: bool,
                 drop_numbers: bool, min_count: int, edge_stop: bool = False,
                 lemmas: bool = False, workers: int | None = None) -> pd.DataFrame:
    """`frequencies`, with the option to drop n-grams with a stop word at either edge first."""
    docs = _docs(articles, workers)
    labels, order = _group_labels(articles, by) if by else (["all"] * len(docs), ["all"])
    counts = _count(docs, n, edge_stop, lemmas)
    position = _group_order_key(order)
    doc_group = np.array([position[g] for g in labels], dtype=np.int64)
    g_tokens = np.bincount(doc_group, weights=counts.doc_tokens, minlength=len(order))
    g_articles = np.bincount(doc_group, minlength=len(order))
    share = counts.doc_tokens / np.where(g_tokens[doc_group] > 0, g_tokens[doc_group], 1)
    cols = _group_term_counts(counts, doc_group, share, len(order))
    g, t = cols["g"], cols["t"]
    is_stop, is_num = _flags(counts, _is_stop)[t], _flags(counts, _is_number)[t]
    keep = cols["count"] >= min_count
    if drop_stopwords:
        keep &= ~is_stop
    if drop_numbers:
        keep &= ~is_num
    rows = np.flatnonzero(keep)
    rows = rows[np.lexsort((_alphabetical_rank(counts)[t[rows]], -cols["count"][rows], g[rows]))]
    g, t = g[rows], t[rows]
    n_tokens = g_tokens[g].astype(np.int64)
    table = {
        "term": categorical(counts.terms, t), "display": categorical(counts.display, t),
        "count": cols["count"][rows], "per_10k": cols["count"][rows] / np.where(n_tokens > 0, n_tokens, 1) * PER,
        "range": cols["range"][rows], "n_articles": g_articles[g].astype(np.int64),
        "dp": cols["dp"][rows], "dp_norm": cols["dp_norm"][rows], "n_tokens": n_tokens,
        "is_stopword": is_stop[rows], "is_number": is_num[rows],
    }
    if by:
        table = {by: categorical(order, g), **table}
    if counts.forms is not None:
        table["forms"] = categorical(counts.forms, t)
    return pd.DataFrame(table)


def _group_term_counts(counts: _Counts, doc_group: np.ndarray, share: np.ndarray,
                       n_groups: int) -> dict[str, np.ndarray]:
    """Per (group, term): count, range and Gries' DP over the group's articles, from sparse counts.

    DP = 0.5 * (sum over articles with a hit of |v - s| + the shares of the articles without one)."""
    n_terms = max(len(counts.terms), 1)
    keys, where = _unique_inverse(doc_group[counts.doc_index] * n_terms + counts.term_index, n_groups * n_terms)
    total = np.bincount(where, weights=counts.count)
    s = share[counts.doc_index]
    deviation = counts.count / total[where]  # then |v - s| in place: no further temporaries
    deviation -= s
    abs_dev = np.bincount(where, weights=np.abs(deviation, out=deviation))
    del deviation
    dp = np.atleast_1d(stats.dp_from_hits(abs_dev, np.bincount(where, weights=s)))
    min_share = np.full(n_groups, np.inf)
    np.minimum.at(min_share, doc_group, share)
    g = keys // n_terms
    return {"g": g, "t": keys % n_terms, "count": total.astype(np.int64),
            "range": np.bincount(where).astype(np.int64), "dp": dp,
            "dp_norm": np.atleast_1d(stats.dp_normalise(dp, min_share[g]))}


def _unique_inverse(key: np.ndarray, size: int) -> tuple[np.ndarray, np.ndarray]:
    """np.unique(key, return_inverse=True) for keys in range(size): by counting (linear time)
    when size is at most four times the number of keys, else by sorting."""
    if size > 4 * len(key):
        return np.unique(key, return_inverse=True)
    keys = np.flatnonzero(np.bincount(key, minlength=size))
    slot = np.zeros(size, dtype=np.int64)
    slot[keys] = np.arange(len(keys))
    return keys, slot[key]


def ngrams(articles: pd.DataFrame, n: int = 2, by: str | None = "outlet",
           drop_stopword_edges: bool = True, min_count: int = 1, workers: int | None = None) -> pd.DataFrame:
    """Bigrams (n=2), trigrams (n=3)...: the `frequencies` columns, one row per n-gram.

    N-grams never cross a sentence boundary or ; : ( ) [ ]. With drop_stopword_edges (default),
    n-grams that start or end with a stop word ("of the", "the town of") are left out. per_10k is
    per 10,000 tokens (words), like every rate. `workers` as in `frequencies`.
    """
    if not isinstance(n, (int, np.integer)) or n < 2:
        raise TermsError(f"ngrams needs n >= 2 (use frequencies for single words), got {n!r}")
    return _frequencies(articles, by, n, False, False, min_count, edge_stop=drop_stopword_edges, workers=workers)


# ---------------------------------------------------------------- keyness


def _as_list(groups: str | Iterable[str] | None) -> list[str] | None:
    """A group name or list of names as a list (None stays None)."""
    if groups is None:
        return None
    return [groups] if isinstance(groups, str) else list(groups)


def keyness(articles: pd.DataFrame, by: str = "outlet", target: str | Iterable[str] | None = None,
            reference: str | Iterable[str] | None = None, n: int = 1, min_g2: float | None = None,
            min_freq: int = MIN_FREQ, min_range: int = MIN_RANGE, alpha: float = ALPHA,
            prior_scale: float = 1.0, lemmas: bool = False, all_terms: bool = False,
            workers: int | None = None) -> pd.DataFrame:
    """Keyness of each group against the rest (target=None), or of `target` against `reference`.

    Every term of the target or the reference is tested (`n_tested`). Rows, one per (target,
    term): every term the target uses; of the terms it does not use, every one whose absence
    passes the G2 threshold, and its most under-used ones: the ABSENT_ROWS (25) content words
    (not stop words or numbers) with the highest reference counts (ties by term) and the stop
    words and numbers ranked among them. So every row that can pass the filter is there, with
    the strongest over- and under-used candidates below the threshold, and the table grows
    with the (target, term) pairs that occur, not with targets x vocabulary; all_terms=True
    gives a row for every term tested (the rows left out are absences below the threshold,
    weaker than those listed). Columns:
    target, reference (group names, joined with " + "; "rest of corpus" for the rest), term,
    display, f_target, f_reference (counts), n_target, n_reference (tokens), per_10k_target,
    per_10k_reference, range (articles of target+reference containing the term), range_target,
    g2 (Dunning's four-cell log-likelihood, signed: + overused in target, - underused), g2_2cell
    (Rayson's two-cell form, same sign), p (chi-squared 1 df of |g2|), chi2_yates, log_ratio
    (Hardie; 0.5 for a zero count), pct_diff, bic (Wilson: |g2| - ln N), log_odds_z (Monroe et
    al., Dirichlet prior = pooled counts x prior_scale), is_stopword, is_number, g2_threshold
    (the stricter of 15.13 and the Bonferroni critical value for `alpha` over the `n_tested`
    terms, unless min_g2 is given), n_tested (terms tested for this target: every term with a
    count in target or reference, listed or not), and passes_filter: |g2| >= threshold, f >=
    min_freq on the side the term is key for, and range >= min_range (passes_g2, passes_freq,
    passes_range say which condition held). Sorted by target order, g2 descending, term ascending. lemmas=True counts regular
    plurals with their singular, as in `frequencies` (the term is the singular). target,
    reference, term and display are categoricals (`newslens.columns`); `workers` as in
    `frequencies`.
    """
    docs = _docs(articles, workers)
    labels, order = _group_labels(articles, by)
    targets, refs = _as_list(target), _as_list(reference)
    for name in (targets or []) + (refs or []):
        _check_group(name, order, by)
    if targets is None and refs is not None:
        raise TermsError("give a target when you give a reference (or neither, for each group vs the rest)")
    if targets is not None and refs is not None and set(targets) & set(refs):
        raise TermsError(f"target and reference share group(s) {sorted(set(targets) & set(refs))}")
    if targets is None:  # each group vs the rest; groups without any token are left out
        tokens_of = Counter()
        for doc, label in zip(docs, labels):
            tokens_of[label] += doc.n_tokens
        order = [g for g in order if tokens_of[g] > 0]
    if len(order) < 2:
        raise TermsError(f"keyness needs at least two values of column {by!r} with text; found {order}")
    if targets is None:  # (the reference, every other group, is not listed: groups x groups names)
        comparisons = [([g], None, REST) for g in order]
    else:
        rest = [g for g in order if g not in targets]
        comparisons = [(targets, refs or rest, REST if refs is None else " + ".join(refs))]
    counts = _count(docs, n, lemmas=lemmas)
    cells = _comparison_cells(counts, labels, order, comparisons, each_vs_rest=targets is None)
    empty = [(t, r or label) for (t, r, label), c, d in zip(comparisons, cells["n_target"], cells["n_reference"])
             if c == 0 or d == 0]
    if empty:
        raise TermsError(f"target {empty[0][0]} or reference {empty[0][1]} has no tokens; pick groups with text")
    threshold = _thresholds(cells["n_tested"], min_g2, alpha)
    columns = _apply_filter(_keyness_rows(counts, cells, threshold, prior_scale, all_terms),
                            threshold, min_freq, min_range)
    release_freed_memory()  # the statistics' temporaries, before the string columns
    comp, term = columns.pop("_comp"), columns.pop("_term")  # strings only now, after filtering and sorting
    columns["target"] = categorical([" + ".join(t) for t, _, _ in comparisons], comp)
    columns["reference"] = categorical([label for _, _, label in comparisons], comp)
    del comp
    columns["term"], columns["display"] = categorical(counts.terms, term), categorical(counts.display, term)
    del term
    return pd.DataFrame({c: columns.pop(c) for c in KEYNESS_COLUMNS}, copy=False)


def _group_cells(counts: _Counts, labels: list[str], order: list[str]) -> tuple[np.ndarray, ...]:
    """(group, term, count, range) of every (group, term) pair that occurs, sorted by group then
    term (int64; group = position in `order`, articles of other groups left out), and each
    group's token total (float)."""
    position = {g: i for i, g in enumerate(order)}
    g_of_doc = np.array([position.get(g, -1) for g in labels], dtype=np.int64)
    counted = g_of_doc >= 0
    sizes = np.bincount(g_of_doc[counted], weights=counts.doc_tokens[counted], minlength=len(order))
    width = max(len(counts.terms), 1)
    group = g_of_doc[counts.doc_index]
    inside = group >= 0
    keys, where = _unique_inverse(group[inside] * width + counts.term_index[inside], len(order) * width)
    freq = np.bincount(where, weights=counts.count[inside]).astype(np.int64)
    rng = np.bincount(where).astype(np.int64)
    return keys // width, keys % width, freq, rng, sizes


def _comparison_cells(counts: _Counts, labels: list[str], order: list[str],
                      comparisons: list[tuple[list[str], list[str] | None, str]], each_vs_rest: bool) -> dict:
    """What the keyness rows are made from, without a groups x vocabulary matrix.

    Keys: `present` (comparison, term, f_target, f_reference, range_target, range_reference of
    every term the target uses, int64 arrays), `absent` (term, f_reference, range_reference of
    every term with a count in the reference, per comparison: a list of three arrays, or, when
    each group is compared with the rest, the same three arrays for every comparison, less the
    terms the target uses), n_target and n_reference (tokens, float, per comparison), n_tested
    (terms with a count on either side) and `both` (the count of each tested term in target +
    reference, per comparison as for `absent`)."""
    group, term, freq, rng, sizes = _group_cells(counts, labels, order)
    width = len(counts.terms)
    if each_vs_rest:  # comparison k is group k against every other group: the reference is total - target
        total, total_range = (np.bincount(term, weights=w, minlength=width).astype(np.int64) for w in (freq, rng))
        tested = np.flatnonzero(total)
        return {"present": (group, term, freq, total[term] - freq, rng, total_range[term] - rng),
                "absent": (tested, total[tested], total_range[tested]), "each_vs_rest": True,
                "n_target": sizes, "n_reference": sizes.sum() - sizes,
                "n_tested": np.full(len(order), len(tested), dtype=np.int64), "both": total[tested]}
    position = {g: i for i, g in enumerate(order)}
    present, absent, both, n_tested, c_all, d_all = [], [], [], [], [], []
    for k, (targets, refs, _) in enumerate(comparisons):
        side = [np.isin(group, [position[g] for g in groups]) for groups in (targets, refs)]
        f_t, f_r, r_t, r_r = (np.bincount(term[s], weights=w[s], minlength=width).astype(np.int64)
                              for w in (freq, rng) for s in side)
        uses = np.flatnonzero(f_t)
        tested = np.flatnonzero(f_t + f_r)
        present.append((np.full(len(uses), k, dtype=np.int64), uses, f_t[uses], f_r[uses], r_t[uses], r_r[uses]))
        rest = np.flatnonzero((f_t == 0) & (f_r > 0))
        absent.append((rest, f_r[rest], r_r[rest]))
        both.append((f_t + f_r)[tested])
        n_tested.append(len(tested))
        c_all.append(sizes[[position[g] for g in targets]].sum())
        d_all.append(sizes[[position[g] for g in refs]].sum())
    return {"present": tuple(np.concatenate(col) for col in zip(*present)), "absent": absent,
            "each_vs_rest": False, "n_target": np.array(c_all), "n_reference": np.array(d_all),
            "n_tested": np.array(n_tested, dtype=np.int64), "both": both}


def _thresholds(n_tested: np.ndarray, min_g2: float | None, alpha: float) -> np.ndarray:
    """The G2 threshold of each comparison: min_g2 if given, else the stricter of G2_FLOOR and the
    Bonferroni critical value for `alpha` over its `n_tested` terms."""
    if min_g2 is not None:
        return np.full(len(n_tested), float(min_g2))
    sizes, which = np.unique(n_tested, return_inverse=True)  # one critical value per number of tests
    return np.array([max(G2_FLOOR, stats.bonferroni_critical(int(k), alpha)) if k else G2_FLOOR
                     for k in sizes.tolist()])[which]


def _significant_floor(c: np.ndarray, d: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """For each comparison (target c tokens, reference d), the least reference count b of a term
    the target does not use whose G2 reaches the threshold (d + 1 if none does). G2 with a = 0
    grows with b (its derivative in b is ln((c + d - b) / (d - b)) > 0), so the floor is found
    by bisection, a little low (by 1e-9 of the threshold) so that no term whose computed G2
    passes is left out; `_keyness_rows` then applies the rule to the computed G2 itself."""
    rest = d.astype(np.int64)
    lo, hi = np.ones(len(c), dtype=np.int64), rest + 1  # the floor is in [lo, hi]
    reach = threshold * (1 - 1e-9)
    while np.any(lo < hi):
        active = lo < hi
        mid = np.minimum((lo + hi) // 2, rest)
        passes = stats.g2_four_cell(np.zeros(len(c)), mid.astype(float), c, d) >= reach
        hi, lo = np.where(active & passes, mid, hi), np.where(active & ~passes, mid + 1, lo)
    return lo


def _absent_rows(cells: dict, floor: np.ndarray, alphabetical: np.ndarray, content: np.ndarray,
                 everything: bool) -> tuple[np.ndarray, ...]:
    """(comparison, term, f_reference, range_reference, rank) of the terms a target does not use,
    ranked from the highest reference count down (ties by term), `rank` being the number of
    content words (`content`: not stop words or numbers) ranked before each: every such term
    with `everything`, else at least those of rank < ABSENT_ROWS (the ABSENT_ROWS most
    under-used content words and the stop words and numbers among them) and those whose count
    reaches the comparison's `floor` (`_significant_floor`)."""
    if not cells["each_vs_rest"]:
        parts = []
        for k, (term, f_r, r_r) in enumerate(cells["absent"]):
            ranked = np.lexsort((alphabetical[term], -f_r))
            parts.append((np.full(len(term), k, dtype=np.int64), term[ranked], f_r[ranked], r_r[ranked]))
        comp, term, f_r, r_r = (np.concatenate(col) for col in zip(*parts))
        return comp, term, f_r, r_r, _content_rank(comp, content[term], len(floor))
    term, f_r, r_r = cells["absent"]
    ranked = np.lexsort((alphabetical[term], -f_r))
    term, f_r, r_r = term[ranked], f_r[ranked], r_r[ranked]  # every tested term, most frequent first
    group, used = cells["present"][:2]
    n_used = np.bincount(group, minlength=len(floor))
    if everything:
        taken = np.full(len(floor), len(term), dtype=np.int64)
    else:  # enough of the list for ABSENT_ROWS absent content words and every significant term
        at_content = np.flatnonzero(content[term])  # a target uses at most n_used of them
        wanted = ABSENT_ROWS + n_used
        enough = np.where(wanted <= len(at_content), at_content[np.minimum(wanted, len(at_content)) - 1] + 1,
                          len(term)) if len(at_content) else np.full(len(floor), len(term))
        taken = np.maximum(np.searchsorted(-f_r, -floor, side="right"), enough)
    comp = np.repeat(np.arange(len(floor), dtype=np.int64), taken)
    first = np.cumsum(taken) - taken
    pick = np.arange(len(comp), dtype=np.int64) - np.repeat(first, taken)
    width = max(int(term.max(initial=0)), int(used.max(initial=0))) + 1
    present = group * width + used  # sorted: the cells are in (group, term) order
    keys = comp * width + term[pick]
    at = np.minimum(np.searchsorted(present, keys), max(len(present) - 1, 0))
    absent = present[at] != keys if len(present) else np.ones(len(keys), dtype=bool)
    pick, comp = pick[absent], comp[absent]
    return comp, term[pick], f_r[pick], r_r[pick], _content_rank(comp, content[term[pick]], len(floor))


def _content_rank(comp: np.ndarray, is_content: np.ndarray, n_comparisons: int) -> np.ndarray:
    """For rows grouped by comparison (in rank order within each), the number of content words
    before each row in its comparison."""
    before = np.cumsum(is_content) - is_content  # content rows before, over all comparisons
    starts = np.searchsorted(comp, np.arange(n_comparisons))
    return before - before[starts[comp]] if len(comp) else before


def _keyness_rows(counts: _Counts, cells: dict, threshold: np.ndarray, prior_scale: float,
                  all_terms: bool) -> dict[str, np.ndarray]:
    """Every statistic for the listed (comparison, term) rows (see `keyness`), unfiltered, as
    columns (numpy arrays) of the future table, rows in table order (comparison, g2 descending,
    term ascending: the order is found from g2 first, so no column is reordered); the
    comparison and the term are kept as integer indices (`_comp`, `_term`) and turned into
    strings by `keyness`."""
    c_all, d_all = cells["n_target"], cells["n_reference"]
    alphabetical = _alphabetical_rank(counts)
    floor = _significant_floor(c_all, d_all, threshold)
    content = ~(_flags(counts, _is_stop) | _flags(counts, _is_number))
    comp_a, term_a, f_r_a, r_r_a, rank_a = _absent_rows(cells, floor, alphabetical, content, all_terms)
    comp_p, term_p, f_t_p, f_r_p, r_t_p, r_r_p = cells["present"]
    zeros = np.zeros(len(comp_a), dtype=np.int64)
    comp, term, a, b, r_t, r_r, rank = (np.concatenate(pair) for pair in (
        (comp_p, comp_a), (term_p, term_a), (f_t_p, zeros), (f_r_p, f_r_a), (r_t_p, zeros), (r_r_p, r_r_a),
        (np.full(len(comp_p), -1, dtype=np.int64), rank_a)))
    del comp_a, term_a, f_r_a, r_r_a, rank_a, comp_p, term_p, f_t_p, f_r_p, r_t_p, r_r_p, zeros
    signed = np.empty(len(comp))
    for lo in range(0, len(comp), KEYNESS_CHUNK):  # elementwise formulas, so chunks give the same values
        rows = slice(lo, min(lo + KEYNESS_CHUNK, len(comp)))
        fa, fb, c, d = a[rows].astype(float), b[rows].astype(float), c_all[comp[rows]], d_all[comp[rows]]
        signed[rows] = np.where(fa * d >= fb * c, 1.0, -1.0) * stats.g2_four_cell(fa, fb, c, d)
    if not all_terms:  # the rule: the terms the target uses, its most under-used absent ones, the significant
        keep = (a > 0) | (rank < ABSENT_ROWS) | (np.abs(signed) >= threshold[comp])
        comp, term, a, b, r_t, r_r, signed = (x[keep] for x in (comp, term, a, b, r_t, r_r, signed))
    del rank
    order = np.argsort(comp, kind="stable")
    order = order[_sort_within(comp[order], alphabetical[term[order]], -signed[order])]
    comp, term, a, b, r_t, r_r, signed = (x[order] for x in (comp, term, a, b, r_t, r_r, signed))
    del order
    prior_total = _prior_totals(cells["both"], prior_scale, len(c_all))
    out = {name: np.empty(len(comp), dtype=dtype) for name, dtype in _KEYNESS_STAT_DTYPES}
    out["g2"] = signed
    for lo in range(0, len(comp), KEYNESS_CHUNK):  # |signed G2| is G2 (for p and BIC, -0.0 and 0.0 give the same)
        rows = slice(lo, min(lo + KEYNESS_CHUNK, len(comp)))
        k = comp[rows]
        _keyness_stats(out, rows, a[rows].astype(float), b[rows].astype(float), r_t[rows], r_r[rows],
                       c_all[k], d_all[k], np.abs(signed[rows]), prior_scale, prior_total[k])
    out["n_tested"] = cells["n_tested"][comp]
    out["is_stopword"], out["is_number"] = _flags(counts, _is_stop)[term], _flags(counts, _is_number)[term]
    out["_comp"], out["_term"] = comp, term
    return out


def _prior_totals(both, prior_scale: float, n_comparisons: int) -> np.ndarray:
    """Each comparison's prior total for the log-odds: the sum, over its tested terms in term order,
    of (count in target + reference) x prior_scale (added one by one, as np.bincount does)."""
    if isinstance(both, np.ndarray):  # each group against the rest: the same terms for every comparison
        total = np.bincount(np.zeros(len(both), dtype=np.int64), weights=both * prior_scale, minlength=1)[0]
        return np.full(n_comparisons, total)
    return np.array([np.bincount(np.zeros(len(x), dtype=np.int64), weights=x * prior_scale, minlength=1)[0]
                     for x in both])


_KEYNESS_STAT_DTYPES = [
    ("f_target", np.int64), ("f_reference", np.int64), ("n_target", np.int64), ("n_reference", np.int64),
    ("per_10k_target", float), ("per_10k_reference", float), ("range", np.int64), ("range_target", np.int64),
    ("g2", float), ("g2_2cell", float), ("p", float), ("chi2_yates", float), ("log_ratio", float),
    ("pct_diff", float), ("bic", float), ("log_odds_z", float),
]


def _keyness_stats(out: dict[str, np.ndarray], rows: slice, a: np.ndarray, b: np.ndarray, r_t: np.ndarray,
                   r_r: np.ndarray, c: np.ndarray, d: np.ndarray, g2: np.ndarray, prior_scale: float,
                   prior_total: np.ndarray) -> None:
    """Fill rows `rows` of the keyness statistic columns `out` (but g2, given signed) from each
    row's counts a, b (float), ranges, sizes c, d and unsigned G2."""
    sign = np.where(a * d >= b * c, 1.0, -1.0)
    pooled = (a + b) * prior_scale
    values = {
        "f_target": a, "f_reference": b, "n_target": c, "n_reference": d,
        "per_10k_target": a / c * PER, "per_10k_reference": b / d * PER,
        "range": r_t + r_r, "range_target": r_t,
        "g2_2cell": sign * stats.g2_two_cell(a, b, c, d), "p": stats.chi2_p(g2),
        "chi2_yates": stats.chi2_yates(a, b, c, d), "log_ratio": stats.log_ratio(a, b, c, d),
        "pct_diff": stats.pct_diff(a, b, c, d), "bic": stats.bic(g2, c, d),
        "log_odds_z": _log_odds(a, b, c, d, pooled, prior_total),
    }
    for name, column in values.items():
        out[name][rows] = column


def _log_odds(a, b, c, d, prior, prior_total) -> np.ndarray:
    """Monroe et al.'s z with a per-row prior total (one total per comparison)."""
    a, b, c, d, prior, prior_total = (np.asarray(x, dtype=float) for x in (a, b, c, d, prior, prior_total))
    delta = np.log((a + prior) / (c + prior_total - a - prior)) - np.log((b + prior) / (d + prior_total - b - prior))
    return delta / np.sqrt(1.0 / (a + prior) + 1.0 / (b + prior))


@lru_cache(maxsize=8)
def _alphabetical_rank(counts: _Counts) -> np.ndarray:
    """Each vocabulary entry's position in alphabetical order (for fast tie-breaks). N-grams
    counted from codes are ordered word by word from the ranks of their words: the same order
    as their strings, since the space joining the words sorts before every character of a word
    (checked; else the strings are sorted)."""
    if counts.words is not None and min("".join(counts.words[0]), default="!") > " ":
        vocab, words = counts.words
        word_rank = _string_order_rank(vocab)
        return _positions(np.lexsort(tuple(word_rank[row] for row in words[::-1])))  # first word sorts first
    return _string_order_rank(counts.terms)


def _string_order_rank(words: list[str]) -> np.ndarray:
    """Each word's position in alphabetical (code point) order."""
    return _positions(np.argsort(np.array(words, dtype=str), kind="stable"))


def _positions(order: np.ndarray) -> np.ndarray:
    """The position of each item in `order` (the inverse permutation), int64."""
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    return rank


def _word_flags(words: list[str], test) -> np.ndarray:
    """test(word) for every word, stop words and numbers looked up in one pass."""
    if test is _is_stop:
        return np.fromiter(map(_stopword_set().__contains__, words), dtype=bool, count=len(words))
    if test is _is_number:
        return np.array([m is not None for m in map(NUMBER_RE.fullmatch, words)], dtype=bool)
    return np.fromiter(map(test, words), dtype=bool, count=len(words))


@lru_cache(maxsize=32)
def _flags_cached(counts: _Counts, test) -> np.ndarray:
    """A boolean per vocabulary entry (cached per count table). N-grams counted from codes
    (`_Counts.words`) are stop words or numbers if each of their words is; other terms with a
    space are tested word by word."""
    if counts.words is not None and test in (_is_stop, _is_number):
        vocab, words = counts.words
        return np.logical_and.reduce(_word_flags(vocab, test)[words], axis=0)
    terms = counts.terms
    flags = _word_flags(terms, test)
    for k in [k for k, t in enumerate(terms) if " " in t]:
        flags[k] = test(terms[k])
    return flags


def _flags(counts: _Counts, test) -> np.ndarray:
    """is_stopword / is_number per vocabulary entry."""
    return _flags_cached(counts, test)


def _apply_filter(table: dict[str, np.ndarray], threshold: np.ndarray, min_freq: int,
                  min_range: int) -> dict[str, np.ndarray]:
    """Add the threshold and filter columns (the rows are in table order already)."""
    g2 = table["g2"]
    table["g2_threshold"] = threshold[table["_comp"]]
    table["passes_g2"] = np.abs(g2) >= table["g2_threshold"]
    table["passes_freq"] = np.where(g2 >= 0, table["f_target"], table["f_reference"]) >= min_freq
    table["passes_range"] = table["range"] >= min_range
    table["passes_filter"] = table["passes_g2"] & table["passes_freq"] & table["passes_range"]
    return table


def _sort_within(comp: np.ndarray, *keys: np.ndarray) -> np.ndarray:
    """Row order sorting each run of equal `comp` (non-decreasing) by keys, the last one first
    (as np.lexsort, stable): the same order as np.lexsort((*keys, comp)), in smaller sorts."""
    if len(comp) and np.any(comp[1:] < comp[:-1]):
        return np.lexsort((*keys, comp))
    cuts = np.flatnonzero(np.diff(comp)) + 1
    bounds = [0, *cuts.tolist(), len(comp)]
    return np.concatenate([np.zeros(0, dtype=np.int64)] + [
        np.lexsort(tuple(k[lo:hi] for k in keys)) + lo for lo, hi in zip(bounds[:-1], bounds[1:]) if hi > lo])


def key_terms(keyness_table: pd.DataFrame, top: int | None = 10, side: str = "target") -> pd.DataFrame:
    """The rows of a keyness table that pass its filter, key for `side` ("target", "reference" or
    "both"), strongest first (|g2| descending, term ascending), at most `top` per target."""
    _require(keyness_table, KEYNESS_COLUMNS)
    if side not in ("target", "reference", "both"):
        raise TermsError(f"side must be 'target', 'reference' or 'both', got {side!r}")
    rows = keyness_table[keyness_table["passes_filter"]]
    if side != "both":
        rows = rows[rows["g2"] > 0] if side == "target" else rows[rows["g2"] < 0]
    targets = list(dict.fromkeys(keyness_table["target"]))
    rows = rows.assign(_t=plain(rows["target"]).map({t: i for i, t in enumerate(targets)}), _abs=rows["g2"].abs())
    rows = rows.sort_values(["_t", "_abs", "term"], ascending=[True, False, True], kind="stable")
    if top is not None:
        rows = rows.groupby("_t", sort=False, observed=True).head(top)
    return rows.drop(columns=["_t", "_abs"]).reset_index(drop=True)


def distinctive_terms(articles: pd.DataFrame, by: str = "outlet", top: int = 10,
                      drop_stopwords: bool = True, **filters) -> pd.DataFrame:
    """Each group's most distinctive words: `keyness` vs the rest, filtered, top N per group.

    Same columns as `keyness`. `filters` are keyness's min_g2, min_freq, min_range, alpha.
    Stop words are left out by default (they can still be key; see `keyness`).
    """
    table = keyness(articles, by=by, **filters)
    if drop_stopwords:
        table = table[~table["is_stopword"]]
    return key_terms(table, top=top, side="target")


def keyness_summary(keyness_table: pd.DataFrame) -> pd.DataFrame:
    """What the keyness filter did, per target: terms tested, and how many each condition removed.

    Columns: target, reference, n_terms (terms tested: the table's `n_tested`, the number the
    Bonferroni correction divides alpha by, whether or not each tested term has a row),
    g2_threshold, n_significant (|g2| >= threshold), n_kept (pass every condition),
    n_kept_overused, n_kept_underused, n_removed (significant but removed by the frequency or
    range condition), n_removed_freq (f too low), n_removed_range (f high enough but in too few
    articles). The counts other than n_terms are of rows; `keyness` lists every significant
    term, so they count every such term.
    """
    _require(keyness_table, KEYNESS_COLUMNS)
    t = keyness_table
    sig, kept = t["passes_g2"], t["passes_filter"]
    work = pd.DataFrame({
        "target": t["target"], "reference": t["reference"], "g2_threshold": t["g2_threshold"],
        "n_terms": t["n_tested"], "n_significant": sig, "n_kept": kept,
        "n_kept_overused": kept & (t["g2"] > 0), "n_kept_underused": kept & (t["g2"] < 0),
        "n_removed": sig & ~kept, "n_removed_freq": sig & ~t["passes_freq"],
        "n_removed_range": sig & t["passes_freq"] & ~t["passes_range"],
    })
    cols = list(work.columns[4:])
    out = work.groupby(["target", "reference"], sort=False, observed=True).agg(
        n_terms=("n_terms", "first"), g2_threshold=("g2_threshold", "first"),
        **{c: (c, "sum") for c in cols}).reset_index()
    out["n_terms"] = out["n_terms"].astype(np.int64)
    out[cols] = out[cols].astype(np.int64)
    return out


# ---------------------------------------------------------------- concordance and collocates


@dataclass(frozen=True)
class _Wildcard:
    """A query word with * wildcards ("russia*"), split at each *: it matches a word that starts
    with the first part, ends with the last and holds the others in order between them, each *
    standing for any run of characters (as the regex `_wildcard_rule` gives). `fullmatch` looks
    for each part once from left to right (the first place a part fits leaves the most room for
    the rest), so it takes time linear in the word, where a regex such as ".*a.*a.*q" backtracks."""

    parts: tuple[str, ...]

    def fullmatch(self, word: str) -> bool:
        """True if `word` matches the whole pattern."""
        first, *middle, last = self.parts
        if len(word) < len(first) + len(last) or not word.startswith(first) or not word.endswith(last):
            return False
        at, stop = len(first), len(word) - len(last)
        for part in middle:
            at = word.find(part, at, stop)
            if at < 0:
                return False
            at += len(part)
        return True


def _wildcard_rule(pattern: _Wildcard) -> re.Pattern:
    """The regex a _Wildcard stands for (each * is .*): the rule `_Wildcard.fullmatch` is tested against."""
    return re.compile(".*".join(re.escape(p) for p in pattern.parts))


def _query_patterns(query: str, vocabulary: dict[str, int] | None = None) -> list[str | _Wildcard]:
    """A query's tokens as the tokenizer would count them; a chunk with * becomes a _Wildcard.

    A chunk that is a word of `vocabulary` as it is (lower-cased, apostrophes folded) is that one
    word: a term copied from a table finds its tokens even where lower-casing made it something
    the tokenizer would split ("İstanbul" is counted as "i̇stanbul", whose dot is a combining mark)."""
    if not isinstance(query, str) or not query.strip():
        raise TermsError(f"a query must be a non-empty word or phrase, got {query!r}")
    parts: list[str | _Wildcard] = []
    for chunk in normalise_apostrophes(query).split():
        if chunk.lower() == POSSESSIVE_TOKEN:
            parts.append(POSSESSIVE_TOKEN)
        elif WILDCARD in chunk:
            parts.append(_Wildcard(tuple(chunk.lower().split(WILDCARD))))
        elif vocabulary is not None and chunk.lower() in vocabulary:
            parts.append(chunk.lower())
        else:
            parts.extend(tokenize(chunk))
    if not parts:
        raise TermsError(f"query {query!r} has no word in it (punctuation is not counted)")
    return parts


def _codes_matching(corpus: "_Corpus", word: str | _Wildcard) -> np.ndarray:
    """Codes of the corpus words equal to `word` or fully matching it (remembered per corpus for
    the last QUERY_CACHE queries)."""
    found = corpus.query_codes.get(word)
    if found is None:
        if isinstance(word, str):
            code = corpus.norm_index.get(word)
            found = np.array([] if code is None else [code], dtype=np.int64)
        else:
            found = np.array([k for k, w in enumerate(corpus.norm_vocab) if word.fullmatch(w)], dtype=np.int64)
        if len(corpus.query_codes) >= QUERY_CACHE:
            corpus.query_codes.clear()
        corpus.query_codes[word] = found
    return found


def _matches(doc: _Doc, pattern: list[str | _Wildcard]) -> list[int]:
    """Token indices where `pattern` starts in `doc`, never across a phrase break."""
    n, corpus = len(pattern), doc._corpus
    codes = corpus.norm_codes[doc._lo:doc._hi]
    wanted = _codes_matching(corpus, pattern[0])
    cands = np.flatnonzero(codes == wanted[0] if len(wanted) == 1 else np.isin(codes, wanted)).tolist()
    if not cands:
        return []
    norms = doc.norms
    hits = []
    for i in cands:
        if i + n > len(norms) or doc.breaks[i + 1:i + n].any():
            continue
        if all((norms[i + k] == p) if isinstance(p, str) else p.fullmatch(norms[i + k])
               for k, p in enumerate(pattern[1:], start=1)):
            hits.append(i)
    return hits


def _context(text: str, start: int, end: int) -> str:
    """A slice of the article on one line (line breaks shown as ' / ')."""
    return " ".join(text[start:end].replace("\n", " / ").split())


def kwic(articles: pd.DataFrame, query: str | Iterable[str], window: int = 6) -> pd.DataFrame:
    """Concordance (key word in context) of a word or phrase, or of any of several queries.

    Matching is on case-folded tokens, like every count: `kwic(articles, term)` for a term of a
    frequency or keyness table gives exactly `count` lines in that group. A * inside a word is a
    wildcard ("russia*"). Phrases never match across a sentence boundary or ; : ( ) [ ].
    Columns: article_id, outlet, token_id (0-based index of the first matched token), n_tokens
    (tokens in the article), position (token_id / n_tokens, 0 = start of article), start, end
    (character offsets of the match in `text`), left, match (as written), right (`window` tokens
    of context each side, as written). Sorted by article (table order), then token_id.
    """
    if not isinstance(window, (int, np.integer)) or window < 0:
        raise TermsError(f"window must be a whole number of tokens >= 0, got {window!r}")
    if isinstance(query, str):
        queries = [query]
    elif isinstance(query, (list, tuple, set, pd.Series, np.ndarray)):
        queries = list(query)
    else:
        raise TermsError(f"query must be a word, a phrase or a list of them, got {type(query).__name__}")
    if not queries:
        raise TermsError("kwic needs at least one query word or phrase")
    docs = _docs(articles)
    patterns = [_query_patterns(q, docs.norm_index) for q in queries]
    outlets = articles["outlet"].astype(str).tolist() if "outlet" in articles else [""] * len(docs)
    rows = []
    for doc, outlet in zip(docs, outlets):
        hits = sorted({(i, len(p)) for p in patterns for i in _matches(doc, p)})
        n_tok, text = doc.n_tokens, doc.text if hits else ""  # the text is read once per article
        for i, length in hits:
            j = i + length - 1
            s, e = int(doc.starts[i]), int(doc.ends[j])
            left_start = int(doc.starts[max(0, i - window)]) if window and i else s
            right_end = int(doc.ends[min(n_tok - 1, j + window)]) if window and j < n_tok - 1 else e
            rows.append((doc.article_id, outlet, i, n_tok, i / n_tok, s, e,
                         _context(text, left_start, s), _context(text, s, e), _context(text, e, right_end)))
    return pd.DataFrame(rows, columns=KWIC_COLUMNS)


def collocates(articles: pd.DataFrame, node: str, window: int = 5, min_freq: int = 2,
               drop_stopwords: bool = False, drop_numbers: bool = False) -> pd.DataFrame:
    """Words within `window` tokens of a node word or phrase, with logDice, MI and t-score.

    The window stays inside the article (it may cross sentences, as in AntConc); the node's own
    tokens are not counted. Columns: node, collocate (term), display, f_pair (co-occurrences),
    f_left, f_right, f_collocate (corpus frequency), f_node (node hits = kwic lines), n_tokens
    (corpus size), logdice (14 + log2(2 f_pair / (f_node + f_collocate))), mi (log2(f_pair N /
    (f_node f_collocate))), t_score ((f_pair - f_node f_collocate / N) / sqrt(f_pair)),
    is_stopword. Rows with f_pair >= min_freq, sorted by logdice desc, f_pair desc, collocate asc.
    """
    if not isinstance(window, (int, np.integer)) or window < 1:
        raise TermsError(f"window must be a whole number of tokens >= 1, got {window!r}")
    docs = _docs(articles)
    pattern = _query_patterns(node, docs.norm_index)
    left: Counter = Counter()
    right: Counter = Counter()
    corpus = Counter(dict(zip(docs.norm_vocab, np.bincount(docs.norm_codes, minlength=len(docs.norm_vocab)).tolist())))
    f_node = 0
    for doc in docs:
        hits = _matches(doc, pattern)
        norms = doc.norms if hits else []
        for i in hits:
            f_node += 1
            j = i + len(pattern)
            left.update(norms[max(0, i - window):i])
            right.update(norms[j:j + window])
    n_tokens = sum(corpus.values())
    terms = sorted(set(left) | set(right))
    table = pd.DataFrame({"collocate": terms, "f_left": [left[t] for t in terms],
                          "f_right": [right[t] for t in terms]}, dtype=object)
    table["f_left"] = table["f_left"].astype(np.int64)
    table["f_right"] = table["f_right"].astype(np.int64)
    table["f_pair"] = table["f_left"] + table["f_right"]
    table["f_collocate"] = np.array([corpus[t] for t in terms], dtype=np.int64)
    table = table.assign(node=node, f_node=f_node, n_tokens=n_tokens)
    table["is_stopword"] = [_is_stop(t) for t in terms]
    keep = table["f_pair"] >= min_freq
    if drop_stopwords:
        keep &= ~table["is_stopword"]
    if drop_numbers:
        keep &= ~np.array([_is_number(t) for t in terms], dtype=bool)
    table = table[keep].copy()
    fp, fc = table["f_pair"].to_numpy(float), table["f_collocate"].to_numpy(float)
    table["logdice"] = stats.log_dice(fp, f_node, fc)
    table["mi"] = stats.mutual_information(fp, f_node, fc, n_tokens)
    table["t_score"] = stats.t_score(fp, f_node, fc, n_tokens)
    table["display"] = table["collocate"].map(_display_forms_of(docs))
    table = table.sort_values(["logdice", "f_pair", "collocate"], ascending=[False, False, True], kind="stable")
    return table[COLLOCATE_COLUMNS].reset_index(drop=True)


def _display_forms_of(docs: tuple[_Doc, ...]) -> dict[str, str]:
    """Display form of every word of the corpus."""
    counts = _count(docs, 1)
    return dict(zip(counts.terms, counts.display))


def dispersion(articles: pd.DataFrame, words: Iterable[str], variants: bool = True) -> pd.DataFrame:
    """Where words occur along each article, for a dispersion plot: one row per hit.

    With variants=True a word that names a known spelling-variant group ("Bakhmut") also finds
    its other forms ("Bakhmout", "Artemivsk"). Columns: word (as asked), the `kwic` columns.
    Sorted by word (as given), article (table order), token_id.
    """
    words = [words] if isinstance(words, str) else list(words)
    known = load_spelling_variants() if variants else None
    parts = []
    for word in words:
        forms = [word]
        if known is not None:
            folded = " ".join(tokenize(word))
            group = known.loc[known["term"] == folded, "group"]
            if len(group):
                forms = known.loc[known["group"] == group.iloc[0], "variant"].tolist()
        parts.append(kwic(articles, forms, window=0).assign(word=word))
    table = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=KWIC_COLUMNS + ["word"])
    return table[["word"] + KWIC_COLUMNS]


# ---------------------------------------------------------------- spelling variants


def spelling_variants(articles: pd.DataFrame, by: str = "outlet",
                      variants: pd.DataFrame | None = None) -> pd.DataFrame:
    """Counts of each known spelling variant per group, and its share of the group's mentions.

    Only groups with at least one form in the corpus are listed; every form of such a group gets
    a row for every outlet (zeros included). Columns: <by>, group, variant, origin, count,
    group_count (the outlet's mentions of any form of the group), share (count / group_count;
    NaN if the outlet never names it). Sorted by group, outlet order, form order in the file.
    """
    known = load_spelling_variants() if variants is None else variants
    _require(known, ["group", "variant", "origin", "term"])
    docs = _docs(articles)
    labels, order = _group_labels(articles, by)
    counts: Counter = Counter()
    wanted = set(known["term"])
    for doc, label in zip(docs, labels):
        counts.update((label, w) for w in doc.norms if w in wanted)
    found = {w for _, w in counts}
    groups = [g for g in dict.fromkeys(known["group"]) if set(known.loc[known["group"] == g, "term"]) & found]
    rows = []
    for g in sorted(groups):
        forms = known[known["group"] == g]
        for outlet in order:
            for variant, origin, term in zip(forms["variant"], forms["origin"], forms["term"]):
                rows.append((outlet, g, variant, origin, counts[(outlet, term)]))
    table = pd.DataFrame(rows, columns=[by, "group", "variant", "origin", "count"])
    table["count"] = table["count"].astype(np.int64)
    table["group_count"] = table.groupby([by, "group"], sort=False, observed=True)["count"].transform("sum")
    table["share"] = table["count"] / table["group_count"].where(table["group_count"] > 0)
    return table[[by] + VARIANT_COLUMNS]


def _fold_accents(word: str) -> str:
    """Lower case without diacritics ("Zelenskyï" -> "zelenskyi")."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def spelling_skeleton(word: str) -> str:
    """A rough transliteration-proof key: accents folded, kh->h, zh->j, ou->u, y->i, w->v,
    doubled letters single, a final e dropped ("Prigojine" and "Prigozhin" -> "prigojin")."""
    key = _fold_accents(word)
    for old, new in SKELETON_RULES:
        key = key.replace(old, new)
    key = DOUBLE_RE.sub(r"\1", key)
    return key[:-1] if len(key) > 4 and key.endswith("e") else key


def _one_edit_apart(a: str, b: str) -> bool:
    """True if a and b differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b)) == 1
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    i = next((k for k in range(len(short)) if short[k] != long_[k]), len(short))
    return short[i:] == long_[i + 1:]


def _inflected(a: str, b: str) -> bool:
    """True if one word is the other plus an inflection suffix (Russia/Russian, attack/attacks)."""
    short, long_ = sorted((a, b), key=len)
    return any(long_ == short + suffix for suffix in INFLECTION_SUFFIXES)


def propose_variant_groups(articles: pd.DataFrame, min_length: int = 5) -> pd.DataFrame:
    """New spelling-variant groups detected in the corpus: capitalised words that are identical
    after accent folding and transliteration rules (`spelling_skeleton`), or one edit apart
    (words of 7+ letters, not mere inflections). Groups whose forms are all in one known group
    are left out. Columns: proposed_group (most frequent form), variant, term, count,
    n_articles, reason, known_group (the known group of this form, or ""). Sorted by
    proposed_group, count desc, variant asc.
    """
    docs = _docs(articles)
    counts = _count(docs, 1)
    total = np.bincount(counts.term_index, weights=counts.count, minlength=len(counts.terms)).astype(int)
    n_articles = np.bincount(counts.term_index, minlength=len(counts.terms))
    stats_of = {t: (int(c), int(r)) for t, c, r in zip(counts.terms, total, n_articles)}
    display = dict(zip(counts.terms, counts.display))
    names = sorted(t for t in counts.terms if len(t) >= min_length and t.isalpha() and display[t][:1].isupper())
    known = load_spelling_variants()
    known_of = dict(zip(known["term"], known["group"]))
    rows = []
    for members, reason in _variant_links(names):
        groups_known = {known_of.get(t, "") for t in members}
        if len(groups_known) == 1 and "" not in groups_known:
            continue
        label = min(members, key=lambda t: (-stats_of[t][0], t))
        rows.extend((display[label], display[t], t, *stats_of[t], reason, known_of.get(t, "")) for t in members)
    out = pd.DataFrame(rows, columns=["proposed_group", "variant", "term", "count", "n_articles",
                                      "reason", "known_group"])
    return out.sort_values(["proposed_group", "count", "variant"], ascending=[True, False, True],
                           kind="stable").reset_index(drop=True)


def _deletions(key: str) -> set[str]:
    """Every string made by deleting one letter of `key`."""
    return {key[:i] + key[i + 1:] for i in range(len(key))}


def _variant_links(names: list[str]) -> list[tuple[list[str], str]]:
    """Groups of names that look like spellings of one name, with the reason they were joined."""
    by_key: defaultdict[str, list[str]] = defaultdict(list)
    for t in names:
        by_key[spelling_skeleton(t)].append(t)
    groups = [(sorted(m), "same after accent folding and transliteration rules")
              for _, m in sorted(by_key.items()) if len(m) > 1]
    keys = sorted(k for k in by_key if len(k) >= 7)
    index: defaultdict[str, set[str]] = defaultdict(set)  # one-deletion form -> keys
    for k in keys:
        index[k].add(k)
        for d in _deletions(k):
            index[d].add(k)
    pairs = set()
    for k in keys:
        for probe in _deletions(k) | {k}:
            for other in index.get(probe, ()):
                if other > k and _one_edit_apart(k, other) and not _inflected(k, other):
                    pairs.add((k, other))
    for a, b in sorted(pairs):
        groups.append((sorted(by_key[a] + by_key[b]), "one letter apart"))
    return groups


# ---------------------------------------------------------------- word clouds


def _cloud_candidates(table: pd.DataFrame) -> pd.DataFrame:
    """Frequency rows a cloud may show: no stop words, numbers, cloud-excluded words or 1-letter tokens."""
    return table[~table["is_stopword"] & ~table["is_number"] & ~table["term"].isin(_cloud_exclude_set())
                 & (table["term"].str.len() > 1)]


def cloud_frequencies(articles: pd.DataFrame, by: str = "outlet", top: int = 40) -> pd.DataFrame:
    """The ranked table a word cloud per group is drawn from: top words by count.

    Leaves out stop words, numbers and the reporting verbs in `cloud_excluded_words()`.
    Columns: <by>, rank (1 = biggest), term, display, count, per_10k. Ties: count desc, term asc.
    """
    table = _cloud_candidates(frequencies(articles, by=by))
    table = table.groupby(by, sort=False, observed=True).head(top).copy()
    table["rank"] = table.groupby(by, sort=False, observed=True).cumcount() + 1
    return table[[by, "rank", "term", "display", "count", "per_10k"]].reset_index(drop=True)


def comparison_cloud_terms(articles: pd.DataFrame, by: str = "outlet", top: int = 60) -> pd.DataFrame:
    """Words for a comparison cloud: each word goes to the group whose rate most exceeds the mean.

    Rates are per 10k tokens; the mean is over all groups with text (zeros included), as in R's
    wordcloud::comparison.cloud. Columns: <by> (the group the word is placed with), term, display,
    count (in that group), per_10k, mean_per_10k, excess_per_10k (per_10k - mean). The `top` words
    by excess overall, ties broken by term. Same exclusions as `cloud_frequencies`.
    """
    everything = frequencies(articles, by=by)
    present = set(everything[by].unique())
    with_text = [g for g in _group_labels(articles, by)[1] if g in present]
    freq = _cloud_candidates(everything)
    if freq.empty:  # no article, or no word a cloud may show: the table, without rows
        return pd.DataFrame({by: pd.Series(dtype=object), "term": pd.Series(dtype=object),
                             "display": pd.Series(dtype=object), "count": pd.Series(dtype="int64"),
                             **{c: pd.Series(dtype=float) for c in ("per_10k", "mean_per_10k", "excess_per_10k")}})
    codes, vocab = pd.factorize(freq["term"])
    group_pos = {g: i for i, g in enumerate(with_text)}
    rows = np.array([group_pos[g] for g in freq[by]], dtype=np.int64)
    rates = np.zeros((len(with_text), len(vocab)))
    rates[rows, codes] = freq["per_10k"].to_numpy()
    mean = rates.sum(axis=0) / max(len(with_text), 1)
    best = (rates - mean).argmax(axis=0)  # first group in display order on a tie
    placed = pd.DataFrame({by: np.array(with_text, dtype=object)[best], "term": np.asarray(vocab, dtype=object),
                           "mean_per_10k": mean, "excess_per_10k": rates[best, np.arange(len(vocab))] - mean})
    out = placed.merge(freq[[by, "term", "display", "count", "per_10k"]], on=[by, "term"])
    out = out.sort_values(["excess_per_10k", "term"], ascending=[False, True], kind="stable").head(top)
    return out[[by, "term", "display", "count", "per_10k", "mean_per_10k", "excess_per_10k"]].reset_index(drop=True)


def word_cloud(weights: dict[str, float], color: str, width: int = 400, height: int = 260,
               max_words: int = 200):
    """A WordCloud drawn from the project's own weights (generate_from_frequencies), one colour,
    fresh `random_state=SEED` so every run lays it out the same way."""
    from wordcloud import WordCloud

    try:
        weights = {str(k): float(v) for k, v in dict(weights).items()}
    except (TypeError, ValueError):
        raise TermsError("word_cloud needs {word: weight} with numbers as weights") from None
    bad = sorted(k for k, v in weights.items() if not math.isfinite(v) or v < 0)
    if bad:
        raise TermsError(f"word_cloud weights must be finite and not negative; {bad[0]!r} has {weights[bad[0]]}"
                         + (f" ({len(bad) - 1} more)" if len(bad) > 1 else ""))
    if not any(v > 0 for v in weights.values()):
        raise TermsError("a word cloud needs at least one word with a positive weight")
    cloud = WordCloud(width=width, height=height, background_color="white", random_state=SEED,
                      max_words=max_words, prefer_horizontal=1.0, color_func=lambda *a, **k: color,
                      collocations=False, normalize_plurals=False)
    return cloud.generate_from_frequencies({k: v for k, v in weights.items() if v > 0})


def comparison_word_cloud(table: pd.DataFrame, colors: dict[str, str], by: str = "outlet",
                          width: int = 800, height: int = 420):
    """A comparison cloud from `comparison_cloud_terms`: size = excess rate, colour = its group.

    Only words above the mean are drawn; with none (one group, or groups with the same rates)
    the cloud is blank (`words_` is empty)."""
    from wordcloud import WordCloud

    _require(table, [by, "display", "excess_per_10k"])
    table = table[table["excess_per_10k"] > 0]
    color_of = dict(zip(table["display"], table[by].map(colors)))
    cloud = WordCloud(width=width, height=height, background_color="white", random_state=SEED,
                      prefer_horizontal=1.0, collocations=False, normalize_plurals=False,
                      color_func=lambda word, *a, **k: color_of.get(word, "#333333"))
    if table.empty:
        cloud.words_, cloud.layout_ = {}, []  # what `generate` leaves when nothing is drawn
        return cloud
    return cloud.generate_from_frequencies(dict(zip(table["display"], table["excess_per_10k"].astype(float))))


def plot_word_cloud(cloud, ax=None, title: str | None = None):
    """Show a WordCloud on a matplotlib axes (no frame); returns the axes."""
    import matplotlib.pyplot as plt

    ax = ax if ax is not None else plt.gca()
    ax.imshow(cloud.to_array(), interpolation="bilinear")
    ax.set_axis_off()
    if title:
        ax.set_title(title)
    return ax


# ---------------------------------------------------------------- names


def name_like_terms(articles: pd.DataFrame) -> pd.DataFrame:
    """Content words usually written with a capital away from sentence starts (names, mostly):
    the `frequencies(by=None)` columns, most frequent first (ties: term)."""
    counts = _count(_docs(articles), 1)
    names = {t for t, shown, mid in zip(counts.terms, counts.display, counts.seen_mid) if mid and shown[:1].isupper()}
    table = frequencies(articles, by=None, drop_stopwords=True, drop_numbers=True)
    return table[table["term"].isin(names)].reset_index(drop=True)
