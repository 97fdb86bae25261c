"""Figures reported in the articles: every quantity, normalised, and the same facts lined up.

`extract_figures(articles)` finds each quantity in each sentence ("around 10 kilometers",
"some 300,000 men", "more than $27.4 billion", "six Russian balloons", "10-15 km") and returns it
with its normalised value, unit, qualifier, the noun it counts, the sentence, and who gives it
when the sentence is an attribution found by `extract_quotes`. Dates, years, clock times, ages and
ordinals are recognised and typed (`kind`) so that they stay out of fact comparison. A number
word glued to its unit or to a currency's short scale ("fivekm", "$fivebn") is read as "5km" and
"$5bn" are; glued to any other letters it is no number ("often", "tenth").
`compare_figures(figures)` groups mentions of the same fact across articles by general rules
(same dimension or counted concept, and shared place or name words in the sentence) and flags
facts whose values cannot all be true at once.

Vocabulary lives in documented data files in `newslens/data/`: `number_words.txt`, `units.csv`,
`figure_qualifiers.csv`, `count_nouns.csv`, `figure_context_exclude.txt` (plus the project's
`stopwords.txt` and `spelling_variants.csv`). Used by notebook 04-across-outlets.

Speed: only sentences with a digit or number word are scanned, and those sentences are found for
CANDIDATE_CHUNK articles at a time (digits with numpy, number words in one regex pass); sentences
are scanned lower-cased without IGNORECASE when that finds the same matches; the word alternations
are prefix trees; `parse_number`, `fold_name` and `_context_key` are memoised per string (bounded
LRU caches, sizes in NUMBER_CACHE_SIZE and FOLD_CACHE_SIZE); the cyclic garbage collector is
paused during the extraction (it builds no cycles); `compare_figures` counts candidate pairs with
numpy and joins them with a union-find that keeps, per group and article, the range of its values
(so mentions of one article that cannot agree are never joined, without listing their pairs).
"""
from __future__ import annotations

import csv
import math
import re
import heapq
import unicodedata
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Container, Iterable, Iterator

import numpy as np
import pandas as pd

from newslens.collector import collector_paused
from newslens.columns import as_categorical, offsets as compact_offsets
from newslens.parallel import CHUNKS_PER_WORKER, chunk_bounds, corpus_words, map_chunks, worker_count
from newslens.patterns import trie_pattern
from newslens.sentences import (MAX_SENTENCE_CHARS, corpus_sentence_offsets, excerpt_span, excerpt_text,
                                warn_long_sentences)

DATA_DIR = Path(__file__).resolve().parent / "data"
NUMBER_WORDS_FILE = DATA_DIR / "number_words.txt"
UNITS_FILE = DATA_DIR / "units.csv"
QUALIFIERS_FILE = DATA_DIR / "figure_qualifiers.csv"
COUNT_NOUNS_FILE = DATA_DIR / "count_nouns.csv"
CONTEXT_EXCLUDE_FILE = DATA_DIR / "figure_context_exclude.txt"
BROAD_NAMES_FILE = DATA_DIR / "broad_place_names.txt"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"
VARIANTS_FILE = DATA_DIR / "spelling_variants.csv"

FIGURE_COLUMNS = [
    "article_id", "outlet", "date", "sentence_id", "start", "end", "quantity_text", "value",
    "value_high", "unit", "dimension", "qualifier", "kind", "is_fact", "counted", "concept",
    "context", "speaker", "speaker_side", "sentence",
]
# what `_scan_sentence` gives per figure (offsets relative to the sentence; the qualifier's text
# ends where the number starts)
FIGURE_FIELDS = ("start", "end", "qualifier_text", "value", "value_high", "unit", "dimension", "qualifier",
                 "kind", "counted", "concept")
FACT_KINDS = ("count", "measure", "money", "share")
QUOTE_INDEX_COLUMNS = ("article_id", "sentence_id", "start", "end", "speaker", "side")  # what `_quote_index` reads
MAX_NOUN_WORDS = 5  # words read after a number to find the noun it counts
MAX_MEASURE_WORDS = 6  # words after a unit shown as what a measure is of ("km from Bakhmut")
ABOUT_TOLERANCE = 0.10  # "about 10" is read as 9..11 when checking agreement
MIN_SHARED_CONTEXT = {"distance": 2, "duration": 2}  # a measure links two things; default 1
DEFAULT_MIN_SHARED = 1
MAX_CONTEXT_MENTIONS = 500  # a name shared by more mentions than this in one bucket links nothing
MAX_VALUE_RATIO = 5.0  # mentions whose values differ more than this are not the same fact
NOUN_MODIFIERS = frozenset({"more", "other", "additional", "new", "extra", "further"})  # "ten more systems"
NOUN_WORD_RE = re.compile(r"\s*[“\"‘]?([^\W\d_][\w'’-]*)[”\"]?")
DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
          "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
          "sept", "oct", "nov", "dec")
NOT_ONE_BEFORE = frozenset({"no", "any", "every", "the", "this", "that", "each", "which", "someone",
                            "anyone", "last", "only", "another"})
NOT_ONE_AFTER = frozenset({"of", "another", "by", "after", "way", "day"})
DEMONYM_RE = re.compile(r"(?:ians?|eans?|ese|ish)$")
DEMONYM_KEEP = frozenset()  # demonym-shaped words that are names; empty by default
TIME_RE = re.compile(r"\d{1,2}:\d{2}(?:\s?[ap]\.?m\.?)?|\d{1,2}\s?[ap]\.m\.", re.IGNORECASE)
# The patterns named *_AFTER_RE and those below marked "at a position" are matched where a figure
# ends (`pattern.match(sentence, end)`), never on a copy of the rest of the sentence.
AGE_AFTER_RE = re.compile(r"(?:-|\s)years?(?:-|\s)old\b", re.IGNORECASE)
ORDINAL_AFTER_RE = re.compile(r"(?:st|nd|rd|th)\b", re.IGNORECASE)
FRACTION_AFTER_RE = re.compile(r"/\d")
WORD_RE = re.compile(r"\s*([^\W\d_][\w'’-]*)")
# a capitalised word not glued to a word character, apostrophe or hyphen before it: the test of the
# character before comes after the capital, so the regex engine skips to the next capital in C
CAP_WORD_RE = re.compile(r"([A-Z](?<![\w'’-][A-Z])[\w'’-]*[^\W\d_])")
MID_CAP_RE = re.compile(r"(?<=[\w,;] )([A-Z][\w'’-]*[^\W\d_])")
INITIAL_RE = re.compile(r"(?:^|[“\"‘(:]\s*)$")  # the rule; `_initial_words` applies it per sentence
INITIAL_CAP_RE = re.compile(r"[“\"‘(:]\s*([A-Z][\w'’-]*[^\W\d_])")  # a CAP_WORD_RE word right after one
RUN_MARKS = "'’-"  # besides word characters, what a capitalised word's run may contain
MAX_NAME_SEARCHES = 16  # words `MidSentenceNames` looks up one by one before it makes the whole set
DIRECT_QUOTES = 8  # quotations of one sentence matched to its figures one by one (more: `_covering_speakers`)
FOLD_CACHE_SIZE = 100_000  # distinct words whose folded key `fold_name` (and `_context_key`) remembers
YEAR_RANGE = (1800, 2100)
PLURAL_RE = re.compile(r"[^\W\d_]{2,}(?<![su])(?<!ss)s$")
NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
CANDIDATE_CHUNK = 250  # texts scanned together for candidate sentences (about 3.5 MB of code points)
ASCII_LETTER_ANY_CASE_RE = re.compile(r"[a-z]", re.IGNORECASE)  # also matches "ſ", "K" (Kelvin), "ı", "İ"
CHAR_CACHE_SIZE = 10_000  # distinct non-ASCII characters whose lower-casing `_lowers_plainly` remembers
LEADING_A_RE = re.compile(r"^a\s+")
NUMBER_PARTS_RE = re.compile(r"[\s-]+")
YEAR_RE = re.compile(r"\d{4}")
OF_RE = re.compile(r"of\s+")  # at a position: "of" before a counted noun ("5,000 of the troops")
SPACES_RE = re.compile(r"\s*")  # at a position
MEASURE_CONTEXT_RE = re.compile(r"^[\s\w'’-]*")  # the rule `_measure_context` applies word by word
MEASURE_WORD_RE = re.compile(r"\s*([\w'’-]+)")  # at a position: the next word of a measure's context
NEXT_WORD_RE = re.compile(r"\s*([^\W\d_]+)")  # at a position
FRACTION_RE = re.compile(r"/\d+")  # at a position
MONEY_FOR_RE = re.compile(r"\s*(?:in|of|for)\s+")  # at a position
NUMBER_CACHE_SIZE = 100_000  # distinct number texts whose value `parse_number` remembers
DIGIT_LETTER_RE = re.compile(r"(\d)([a-z])")
PREV_WORD_RE = re.compile(r"([^\W\d_]+)\.?\s*$")
PREV_CAP_RE = re.compile(r"([A-Z][a-z]+)\.?\s+$")
NEXT_CAP_RE = re.compile(r"\s+([A-Z][a-z]+)\b")  # at a position
MONTH_DAY_COMMA_RE = re.compile(rf"\b(?:{'|'.join(MONTHS)})\.?\s+\d{{1,2}},\s*$", re.IGNORECASE)
CAP_BEFORE_RE = re.compile(r"[A-Z][\w-]*\s+$")
NAME_COMMA_RE = re.compile(r"[A-Z][\w'’-]+,\s*$")
SHORT_SCALES = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9, "b": 1e9}  # only right after a currency amount
NOT_BEFORE_FIGURE = r"\w.,/$€£-"  # (class body) a figure never starts right after one of these
SHORT_SCALE_ALT = "k|m|mn|bn|b"  # the keys of SHORT_SCALES as a regex alternation
SHORT_SCALE_RE = re.compile(rf"({SHORT_SCALE_ALT})\b", re.IGNORECASE)  # at a position
NON_SPACE_RE = re.compile(r"\S")
BEFORE_CHARS = 40  # characters before a number that the rules read (qualifier, date, name, "the one")


class FiguresError(ValueError):
    """An articles table or figures table that the figure functions cannot work with."""


def _data_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def _data_rows(path: Path) -> list[dict]:
    """Rows of a commented CSV data file as dicts."""
    return list(csv.DictReader(_data_lines(path)))


@lru_cache(maxsize=1)
def number_words() -> dict[str, tuple[float, str]]:
    """{word: (value, role)} from `number_words.txt`."""
    table = {}
    for n, line in enumerate(_data_lines(NUMBER_WORDS_FILE), start=1):
        parts = line.split("\t")
        if len(parts) != 3:
            raise FiguresError(f"{NUMBER_WORDS_FILE.name}: expected word<TAB>value<TAB>role, got {line!r}")
        table[parts[0].strip().lower()] = (float(parts[1]), parts[2].strip())
    return table


@lru_cache(maxsize=1)
def units() -> dict[str, dict]:
    """{surface (lower-case): row} from `units.csv`."""
    return {r["surface"].lower(): {**r, "to_base": float(r["to_base"])} for r in _data_rows(UNITS_FILE)}


@lru_cache(maxsize=1)
def qualifiers() -> dict[str, str]:
    """{phrase: normalised qualifier} from `figure_qualifiers.csv`."""
    return {r["surface"].lower(): r["qualifier"] for r in _data_rows(QUALIFIERS_FILE)}


@lru_cache(maxsize=1)
def count_nouns() -> dict[str, tuple[str, str]]:
    """{noun: (unit, concept)} from `count_nouns.csv`."""
    return {r["noun"].lower(): (r["unit"], r["concept"]) for r in _data_rows(COUNT_NOUNS_FILE)}


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """The project's stop words (empty if the file is missing)."""
    return frozenset(w.strip().lower() for w in _data_lines(STOPWORDS_FILE)) if STOPWORDS_FILE.exists() else frozenset()


@lru_cache(maxsize=1)
def _context_exclude() -> frozenset[str]:
    """Capitalised words that are not context (`figure_context_exclude.txt`, `broad_place_names.txt`)."""
    words = _data_lines(CONTEXT_EXCLUDE_FILE) + _data_lines(BROAD_NAMES_FILE)
    return frozenset(w.strip().lower() for w in words)


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def fold_name(word: str) -> str:
    """Case-, accent- and spelling-variant-insensitive key of a name ("Bakhmout" -> "bakhmut").

    Memoised on the word (the last FOLD_CACHE_SIZE distinct words; names recur across articles)."""
    plain = unicodedata.normalize("NFKD", word.replace("’", "'")).encode("ascii", "ignore").decode().lower()
    plain = plain[:-2] if plain.endswith("'s") else plain
    return _variant_keys().get(plain, plain)


@lru_cache(maxsize=1)
def _variant_keys() -> dict[str, str]:
    """{variant: group} from the term engineer's `spelling_variants.csv`, if it exists."""
    if not VARIANTS_FILE.exists():
        return {}
    rows = _data_rows(VARIANTS_FILE)
    return {r["variant"].strip().lower(): r["group"].strip().lower() for r in rows if r.get("variant") and r.get("group")}


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern]:
    """The compiled scanning regexes, built from the data files."""
    words = number_words()
    seq_words = sorted((w for w, (_, role) in words.items() if role != "vague"), key=len, reverse=True)
    vague = sorted((w for w, (_, role) in words.items() if role == "vague"), key=len, reverse=True)
    alt = trie_pattern(seq_words)  # same as the longest-first alternation, without trying each word
    word_seq = rf"(?:a\s+)?(?:{alt})(?:(?:\s+and\s+|[\s-]+)(?:{alt}))*"
    scale = "|".join(re.escape(w) for w, (_, r) in words.items() if r == "scale")
    num = rf"(?:{DIGITS})(?:(?:\s|-)?(?:{scale})\b)?|{word_seq}"
    after_units = sorted((s for s, r in units().items() if r["position"] == "after"), key=len, reverse=True)
    quals = sorted(qualifiers(), key=len, reverse=True)
    before_units = sorted((u for u, r in units().items() if r["position"] == "before"), key=len, reverse=True)
    currency = "|".join(rf"\b{re.escape(u)}\.?" if u[:1].isalpha() else re.escape(u) for u in before_units)
    attached = "|".join(re.escape(u) for u in after_units if re.fullmatch(r"[a-z]+", u) and len(u) <= 3)  # "30km"
    # what a figure can start with (currency, white space, digit, "a ", number word): a character
    # class that rejects many places at once instead of trying every alternative there
    firsts = sorted({u[0] for u in before_units} | {w[0] for w in words} | {"a"})
    word_alt = trie_pattern(sorted(words))  # every number word, once
    # then what its text can start with (white space, digit, currency, "a ", number word): most
    # word starts fail in the prefix tree of number words before the figure's alternatives are tried
    starts = "|".join([r"[\d\s]", r"a\s", word_alt] + [re.escape(u) for u in before_units])
    guard = r"(?=[\d\s" + "".join(re.escape(c) for c in firsts) + rf"])(?={starts})"
    body = (rf"{guard}(?P<cur>{currency})?\s?(?P<num>{num}|(?:{trie_pattern(vague)}))"
            rf"(?(cur)(?:(?![\w])|(?=(?:{SHORT_SCALE_ALT})\b))|(?:(?![\w])|(?=(?:{attached})\b)))")
    figure = rf"(?<![{NOT_BEFORE_FIGURE}]){body}"
    # the same with the character before the figure consumed (scanned with a space put before the
    # sentence): a pattern that starts with a character class lets the regex engine skip ahead in
    # C. Every figure ends in a word character, so the next figure never starts right after it
    # and consuming the character before it hides none.
    figure_after = rf"[^{NOT_BEFORE_FIGURE}]{body}"
    # a number word as a figure can hold it: whole, glued to a unit or short scale after it
    # ("fivekm", "$fivebn") or to a letter currency before it ("Rsfive"), like "5km", "$5bn", "Rs5";
    # every such form in one prefix tree (as fast as the whole words alone)
    glued_after = sorted(set(attached.split("|")) | set(SHORT_SCALE_ALT.split("|")))
    glued = {c + w + u for c in ["", *(u for u in before_units if u.isalpha())] for w in words for u in ["", *glued_after]}
    word_figure = rf"(?:{trie_pattern(sorted(glued))})\b"
    return LazyPatterns({
        # the rule for sentences worth scanning (a digit, or a number word not glued to a word
        # character except as above); `_candidate_sentences` finds the same sentences faster
        "candidate": (r"\d|\b" + word_figure, re.IGNORECASE),
        # the number-word half of "candidate" found from the character before it: a pattern that
        # starts with a character class lets the regex engine skip ahead in C
        "number_word": (r"[^\w]" + word_figure, re.IGNORECASE),
        # the same without IGNORECASE and with ASCII-only \w and \b, for lower-cased texts: it also
        # matches next to a non-ASCII letter or digit (`_number_word_sentences` drops those)
        "number_word_ascii": (r"[^\w]" + word_figure, re.ASCII),
        "figure": (figure, re.IGNORECASE),  # the rule; `_figure_matches` scans with the next two
        "figure_after": (figure_after, re.IGNORECASE),
        # the same, case-sensitive, for lower-cased sentences (every literal of `figure` is lower case)
        "figure_after_lower": (figure_after, 0),
        "range": (rf"\s*(?P<sep>-|–|—|to|and)\s*(?:{currency})?\s?(?P<num>{num})(?![\w])", re.IGNORECASE),
        "unit": (r"(?:\s|-)?(?:of\s+)?(?P<unit>" + trie_pattern(after_units) + r")(?![\w])", re.IGNORECASE),
        "conversion": (rf"\s*\(\s*(?:about\s+|around\s+|some\s+|approx\.?\s+)?(?:{DIGITS})\s?(?:"
                       + "|".join(re.escape(u) for u in after_units) + r")\s*\)", re.IGNORECASE),
        # "range", "unit" and "conversion" are matched at a position (where the figure ends)
        "qualifier": (r"(?:^|[\s(\"“‘])(?P<q>" + trie_pattern(quals) + r")\s*$", re.IGNORECASE),
        "between": (r"(?:^|\s)(?:between|from)\s*$", re.IGNORECASE),
    })


class LazyPatterns(dict):
    """{name: compiled regex} from {name: (source, flags)}, each compiled when first asked for:
    some serve only as the rule that tests check, or for rare texts."""

    def __init__(self, sources: dict[str, tuple[str, int]]) -> None:
        super().__init__()
        self.sources = sources

    def __missing__(self, name: str) -> re.Pattern:
        """Compile and keep the pattern `name`."""
        self[name] = re.compile(*self.sources[name])
        return self[name]


@lru_cache(maxsize=NUMBER_CACHE_SIZE)
def parse_number(text: str) -> float:
    """The value of a number as written: "10,000" -> 10000, "27.4 billion" -> 2.74e10, "a dozen" -> 12.

    Memoised on the text (the last NUMBER_CACHE_SIZE distinct texts; errors are not remembered)."""
    words = number_words()
    clean = text.lower().replace(",", "").strip()
    clean = LEADING_A_RE.sub("one ", clean)
    clean = DIGIT_LETTER_RE.sub(r"\1 \2", clean)  # "1.2bn" -> "1.2 bn"
    total, current = 0.0, None
    for part in NUMBER_PARTS_RE.split(clean):
        if not part or part == "and":
            continue
        try:
            value, role = float(part), "unit"
        except ValueError:
            if part not in words:
                raise FiguresError(f"cannot read {text!r} as a number: {part!r} is not in {NUMBER_WORDS_FILE.name}")
            value, role = words[part]
        if role == "scale" or (role in ("multiple", "vague") and current is not None):
            current = (current if current is not None else 1.0) * value
            if value >= 1000:
                total, current = total + current, None
        else:
            current = (current or 0.0) + value
    return total + (current or 0.0)


def _qualifier_before(before: str) -> tuple[str, str]:
    """(text from the qualifier up to the number, normalised qualifier), or ("", "exact")."""
    tail = before[-30:]
    if tail.isascii() and not tail.rstrip().lower().endswith(_qualifier_ends()):
        return "", "exact"  # the pattern ends in a qualifier and white space: cannot match
    m = _patterns()["qualifier"].search(tail)
    if not m:
        return "", "exact"
    kind = _case_blind(qualifiers(), m.group("q"))
    return (tail[m.start("q"):], kind) if kind is not None else ("", "exact")


def _case_blind(table: dict, word: str):
    """table's entry for a word a case-blind pattern matched, or None. The patterns ignore case, so
    they also match letters whose lower case is another letter's ("ſome" for "some", "mileſ" for
    "miles", the Kelvin sign K): the word is looked up by its lower case, then by its case fold."""
    found = table.get(word.lower())
    return found if found is not None else table.get(word.casefold())


@lru_cache(maxsize=1)
def _qualifier_ends() -> tuple[str, ...]:
    """The qualifiers (lower case), for str.endswith."""
    return tuple(qualifiers())


def _previous_word(before: str) -> str:
    """The last word of the text before a number (lower-case, trailing dot kept off)."""
    m = PREV_WORD_RE.search(before[-40:])
    return m.group(1).lower() if m else ""


def _date_or_name(sent: str, start: int, end: int, num_text: str, sentence_start: bool) -> str | None:
    """'date', 'year' or 'name' when the number sent[start:end] is part of a date or a proper
    name, else None (reads BEFORE_CHARS characters before the number and the words after it)."""
    before = sent[max(0, start - BEFORE_CHARS):start]
    prev = PREV_CAP_RE.search(before)
    if prev and prev.group(1).lower() in MONTHS:
        return "date"  # "February 24", "Feb. 24", "May 2022"
    nxt = NEXT_CAP_RE.match(sent, end)
    if nxt and nxt.group(1).lower() in MONTHS:
        return "date"  # "24 February"
    if before.rstrip().endswith(",") and MONTH_DAY_COMMA_RE.search(before):  # the pattern ends in ",\s*$"
        return "date"  # the year of "Feb. 24, 2022"
    if YEAR_RE.fullmatch(num_text) and YEAR_RANGE[0] <= int(num_text) <= YEAR_RANGE[1]:
        return "year"
    if num_text[:1].isupper() and not sentence_start and CAP_BEFORE_RE.search(before):
        return "name"  # "World War Two"
    return None


def _counted_noun(sent: str, pos: int, after_space: bool = False) -> tuple[str, str, str]:
    """(counted phrase, unit, concept) for a bare count from the words of `sent` from `pos` on
    (at most MAX_NOUN_WORDS, after an "of": "5,000 of the troops"); `after_space`: read as if a
    space came first (after "in"/"of"/"for" was skipped)."""
    stop, nouns, numbers = _stopwords(), count_nouns(), number_words()
    words = []
    spaces = SPACES_RE.match(sent, pos).end()
    of = OF_RE.match(sent, spaces) if spaces > pos or after_space else None
    pos = of.end() if of else pos
    while len(words) < MAX_NOUN_WORDS:
        m = NOUN_WORD_RE.match(sent, pos)
        if not m:
            break
        word = m.group(1).lower().replace("’", "'")
        if (word in stop or word in numbers) and word not in NOUN_MODIFIERS:
            break
        words.append(m.group(1))
        pos = m.end()
        if word in NOUN_MODIFIERS:
            continue
        if word in nouns:
            return " ".join(words), *nouns[word]
        if word.endswith("s") and PLURAL_RE.search(word):  # the pattern ends in "s$"
            return " ".join(words), word, word  # "two sides met": the first plural noun is the head
    if not words:
        return "", "", ""
    head = words[-1].lower()
    return " ".join(words), head, head


def _measure_context(sent: str, pos: int) -> str:
    """The first MAX_MEASURE_WORDS words of `sent` from `pos` up to punctuation, e.g. "northeast
    of the city of Bakhmout": MEASURE_CONTEXT_RE's match split into words, read word by word."""
    words = []
    while len(words) < MAX_MEASURE_WORDS:
        m = MEASURE_WORD_RE.match(sent, pos)
        if not m:
            break
        words.append(m.group(1))
        pos = m.end()
    return " ".join(words)


def mid_sentence_names(text: str) -> frozenset[str]:
    """Capitalised words that a text uses inside a sentence (so they are names, not sentence starts)."""
    return frozenset(MID_CAP_RE.findall(text))


def _is_word_char(ch: str) -> bool:
    """True for a character of the regex class \\w."""
    return ch.isalnum() or ch == "_"


def _is_letter(ch: str) -> bool:
    """True for a character of the regex class [^\\W\\d_]."""
    return ch.isalnum() and not ch.isdecimal()


def is_mid_sentence_name(text: str, word: str) -> bool:
    """`word in mid_sentence_names(text)` for one capitalised word (as CAP_WORD_RE finds them),
    by looking only at the places where it occurs: after "<word char, comma or semicolon><space>",
    and with no letter left in its run of word characters, apostrophes and hyphens."""
    p = text.find(word, 2)
    while p != -1:
        if text[p - 1] == " " and (text[p - 2] in ",;" or _is_word_char(text[p - 2])):
            q = p + len(word)
            while q < len(text) and (_is_word_char(text[q]) or text[q] in RUN_MARKS) and not _is_letter(text[q]):
                q += 1
            if q == len(text) or not (_is_word_char(text[q]) or text[q] in RUN_MARKS):
                return True
        p = text.find(word, p + 1)
    return False


class MidSentenceNames:
    """The container `mid_sentence_names(text)` for `in` tests, answered one word at a time and
    remembered (per text object: a dict of the words asked about). Each word costs a search of
    the text, so after MAX_NAME_SEARCHES words the whole set is made once instead (a long text
    with many sentence-initial names stays linear)."""

    def __init__(self, text: str) -> None:
        self.text, self.known, self.every = text, {}, None

    def __contains__(self, word: str) -> bool:
        """True if the text uses `word` inside a sentence."""
        if self.every is not None:
            return word in self.every
        if word not in self.known:
            if len(self.known) >= MAX_NAME_SEARCHES:
                self.every = mid_sentence_names(self.text)
                return word in self.every
            self.known[word] = is_mid_sentence_name(self.text, word)
        return self.known[word]


@lru_cache(maxsize=FOLD_CACHE_SIZE)
def _context_key(word: str) -> str | None:
    """The folded key of a capitalised word, or None for a stop word, excluded word, number word
    or demonym (memoised like `fold_name`)."""
    key = fold_name(word)
    if key in _stopwords() or key in _context_exclude() or key in number_words() or \
            (DEMONYM_RE.search(key) and key not in DEMONYM_KEEP):
        return None
    return key


def _initial_words(sentence: str) -> list[str]:
    """The capitalised words (as CAP_WORD_RE finds them) at a sentence-initial position (INITIAL_RE
    holds before them), in text order: at 0 (1 after a lone line break) and after an opening mark
    and its spaces.

    Such a word's look-behind sees the start, a line break, a mark or a space, so the word found at
    a position is the one CAP_WORD_RE.finditer finds there."""
    first = CAP_WORD_RE.match(sentence, 1 if sentence[:1] == "\n" else 0)
    found = INITIAL_CAP_RE.findall(sentence)
    return [first.group(1)] + found if first else found


def _context_words(sentence: str, names: Container[str] | None = None) -> tuple[str, ...]:
    """Sorted folded keys of the name-like capitalised words of a sentence (see the module rules);
    `names` is `mid_sentence_names` (or a `MidSentenceNames`) of the whole text.

    A word counts when one of its occurrences is not at a sentence-initial position, or when the
    text also uses it inside a sentence. The words come from one `findall`; only the few initial
    ones are looked at one by one."""
    words = CAP_WORD_RE.findall(sentence)
    if not words:
        return ()
    names = mid_sentence_names(sentence) if names is None else names
    keep = set(words)
    initial = _initial_words(sentence)
    counts, initial_counts = (Counter(words), Counter(initial)) if initial else ({}, {})
    for word in initial:
        if word in keep and counts[word] == initial_counts[word] and _context_key(word) is not None \
                and word not in names:
            keep.discard(word)  # every occurrence is initial and the text never uses it mid-sentence
    keys = set(map(_context_key, keep))
    keys.discard(None)
    return tuple(sorted(keys))


def _sentence_context(text: str, flat: list[int], sid: int, names: Container[str]) -> str:
    """The name words of a sentence, or of the sentence before it when it has none ("; "-joined);
    `flat` holds the sentence offsets start, end, start, end, ..."""
    words = _context_words(text[flat[2 * sid]:flat[2 * sid + 1]], names)
    if not words and sid > 0:
        words = _context_words(text[flat[2 * sid - 2]:flat[2 * sid - 1]], names)
    return "; ".join(words)


def _figure_matches(sent: str) -> list[tuple[int, int, str, str | None]]:
    """(start, end, number text, currency or None) of each match of the "figure" pattern in a
    sentence, as its finditer gives them.

    When lower-casing cannot change a match (`_lowers_plainly` holds for every non-ASCII
    character of the sentence and the pattern's words are ASCII or caseless), the lower-cased
    sentence is scanned without IGNORECASE, about 1.5 times faster; the texts are cut from `sent`.
    The pattern scanned consumes the character before a figure instead of looking behind at it,
    so the sentence is scanned after a space and every offset of a match is one less in `sent`."""
    pats = _patterns()
    if _figure_words_plain() and (sent.isascii() or all(map(_lowers_plainly, set(NON_ASCII_RE.findall(sent))))):
        matches = pats["figure_after_lower"].finditer(" " + sent.lower())
    else:
        matches = pats["figure_after"].finditer(" " + sent)
    found = []
    for m in matches:
        cur = m.start("cur") - 1
        found.append((m.start(), m.end() - 1, sent[m.start("num") - 1:m.end("num") - 1],
                      sent[cur:m.end("cur") - 1] if cur >= 0 else None))
    return found


@lru_cache(maxsize=1)
def _figure_words_plain() -> bool:
    """True if every character of the figure pattern's words (number words, units, qualifiers) is
    ASCII or has no case (as "€"): then IGNORECASE matches them only as lower-case text does."""
    chars = set("".join(number_words()) + "".join(units()) + "".join(qualifiers()))
    return all(c.isascii() or c.lower() == c == c.upper() for c in chars)


def _scan_sentence(sent: str) -> list[tuple]:
    """Every figure in one sentence as a FIGURE_FIELDS tuple (offsets relative to the sentence);
    a match that starts inside the figure before it is skipped."""
    found, taken_until = [], 0
    for start, end, num_text, cur in _figure_matches(sent):
        if start >= taken_until:
            fig = _read_figure(sent, start, end, num_text, cur)
            if fig is not None:
                found.append(fig)
                taken_until = fig[1]
    return found


def _read_figure(sent: str, start: int, end: int, num_text: str, cur: str | None) -> tuple | None:
    """The FIGURE_FIELDS tuple of one match of the figure pattern: a time, fraction, ordinal, date,
    year or age is typed here, the rest read by `_fact_figure`; None for a "one" that is no
    number, a number in a name and a number the rules cannot read. A number too large for a
    float (over about 1.8e308, e.g. 310 digits) has no value: kind "other", like a fraction.
    The rules read at most BEFORE_CHARS characters before the number and the words after it."""
    low = num_text.lower()
    if low == "one" or low == "a dozen":
        if _previous_word(sent[max(0, start - BEFORE_CHARS):start]) in NOT_ONE_BEFORE or \
                (NEXT_WORD_RE.match(sent, end) or [None, ""])[1].lower() in NOT_ONE_AFTER:
            return None
    if low.startswith("a ") and number_words().get(low.split()[-1], (0, ""))[1] not in ("multiple", "scale"):
        lead = len(num_text) - len(num_text[1:].lstrip())
        num_text, start, low = num_text[lead:], start + lead, low[lead:]
    tm = TIME_RE.match(sent, start)
    if tm and tm.end() > end - 1:
        return start, tm.end(), "", math.nan, math.nan, "", "", "exact", "time", "", ""
    if FRACTION_AFTER_RE.match(sent, end):
        return start, FRACTION_RE.match(sent, end).end(), "", math.nan, math.nan, "", "", "exact", "other", "", ""
    if ORDINAL_AFTER_RE.match(sent, end):
        return _finite(start, end, (start, end + 2, "", parse_number(num_text), math.nan, "", "", "exact",
                                    "ordinal", "", ""))
    before = sent[max(0, start - BEFORE_CHARS):start]
    special = _date_or_name(sent, start, end, num_text, sentence_start=NON_SPACE_RE.search(sent, 0, start) is None)
    if special == "name":
        return None
    try:
        value = parse_number(num_text)
    except FiguresError:
        return None  # a match the number rules cannot read is left out rather than guessed
    if special:
        return _finite(start, end, (start, end, "", value, math.nan, "", "", "exact", special, "", ""))
    age = AGE_AFTER_RE.match(sent, end)
    if age or (sent[end:end + 1] == "," and NAME_COMMA_RE.search(before) and value < 120 and "." not in num_text):
        return start, age.end() if age else end, "", value, math.nan, "years", "", "exact", "age", "", ""
    return _finite(start, end, _fact_figure(sent, start, end, low, cur, value))


def _finite(start: int, end: int, figure: tuple) -> tuple:
    """`figure`, or a valueless figure of kind "other" over sent[start:end] when its value or
    value_high is infinite (a number too large for a float)."""
    if math.isinf(figure[3]) or math.isinf(figure[4]):
        return start, end, "", math.nan, math.nan, "", "", "exact", "other", "", ""
    return figure


def _fact_figure(sent: str, start: int, end: int, low: str, cur: str | None, value: float) -> tuple:
    """The FIGURE_FIELDS tuple of a count, measure, money or share figure whose number (`low`,
    lower-cased) is sent[start:end]: its range, qualifier, unit and what it counts."""
    pats, before = _patterns(), sent[max(0, start - BEFORE_CHARS):start]
    value_high, unit, dimension, kind = math.nan, "", "", "count"
    rng = pats["range"].match(sent, end)
    if rng and (rng.group("sep").lower() != "and" or pats["between"].search(before[-20:])) and \
            not (rng.group("sep").lower() == "to" and number_words().get(low, (0, ""))[1] == "vague"):
        value_high = parse_number(rng.group("num"))
        end = rng.end()
        tail = before[-20:]
        btw = pats["between"].search(tail)
        qual = (tail[btw.start() + (tail[btw.start()].isspace()):], "range") if btw else ("", "range")
    else:
        qual = _qualifier_before(before)
    info = _case_blind(units(), cur.rstrip(".")) if cur else None
    if info is not None:
        unit, dimension, kind = info["unit"], info["dimension"], "money"
        short = SHORT_SCALE_RE.match(sent, end)
        if short:
            value *= SHORT_SCALES[short.group(1).lower()]
            end = short.end()
    um = None if cur else pats["unit"].match(sent, end)
    info = _case_blind(units(), um.group("unit")) if um else None
    if info is not None and not (um.group("unit").lower() in ("mi",) and not sent[end:end + 1].isspace()):
        unit, dimension = info["unit"], info["dimension"]
        kind = {"money": "money", "share": "share"}.get(dimension, "measure")
        end = um.end()
    conv = pats["conversion"].match(sent, end) if dimension else None
    if conv:
        end = conv.end()
    counted, concept = "", ""
    if dimension in ("distance", "duration", "mass"):
        counted, concept = (unit + " " + _measure_context(sent, end)).strip(), dimension
    elif kind == "money":
        money_for = MONEY_FOR_RE.match(sent, end)
        counted, _, concept = _counted_noun(sent, money_for.end() if money_for else end, after_space=bool(money_for))
        concept = concept or "money"
    elif kind == "count":
        counted, unit, concept = _counted_noun(sent, end)
        kind = kind if unit else "number"
    if qual[1] == "exact" and number_words().get(low, (0, ""))[1] == "vague":
        qual = ("", "more than")
    return start, end, qual[0], value, value_high, unit, dimension, qual[1], kind, counted, concept


def _candidate_sentences(texts: list[str], offsets: list[np.ndarray]) -> list[list[int]]:
    """For each text, the ids of its sentences that hold a "candidate" match (a digit or a whole
    number word), given each text's flat sentence offsets (start, end, start, end, ...).

    The texts (CANDIDATE_CHUNK at a time in `extract_figures`) are scanned together, joined by line
    breaks: digits with numpy (`\\d` is `str.isdecimal`, so the few non-ASCII decimal characters
    are added to 0-9), number words with one regex pass over the sentences that hold no digit. A
    sentence never splits a word or a run of digits (its end is followed by white space), so the
    test per sentence is the rule applied to the sentence alone."""
    counts = np.array([len(o) // 2 for o in offsets], dtype=np.int64)
    if not counts.sum():
        return [[] for _ in texts]
    joined = "\n".join(texts)
    bases = np.cumsum([0] + [len(t) + 1 for t in texts[:-1]], dtype=np.int64)
    flat = np.concatenate(offsets) + np.repeat(bases, 2 * counts)
    starts, ends = flat[0::2], flat[1::2]
    codes = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    wide = [chr(c) for c in np.unique(codes[codes > 127]).tolist()]
    decimal = (codes >= 48) & (codes <= 57)  # 0-9
    extra = [ord(ch) for ch in wide if ch.isdecimal()]
    if extra:
        decimal |= np.isin(codes, extra)
    digits = np.flatnonzero(decimal)
    hit = np.searchsorted(digits, ends) > np.searchsorted(digits, starts)  # a digit in [start, end)
    rest = np.flatnonzero(~hit)
    if len(rest):
        hit[rest[_number_word_sentences(joined, starts[rest].tolist(), ends[rest].tolist(), wide)]] = True
    first = np.cumsum(counts) - counts
    chosen = np.flatnonzero(hit)
    cuts = np.searchsorted(chosen, first).tolist() + [len(chosen)]
    local = (chosen - np.repeat(first, np.diff(cuts))).tolist()  # sentence ids within each text
    return [local[a:b] for a, b in zip(cuts[:-1], cuts[1:])]


def _number_word_sentences(text: str, starts: list[int], ends: list[int], wide: list[str]) -> list[int]:
    """Positions in `starts` of the sentences text[start:end] that hold a whole number word, found
    by one regex pass over them joined by line breaks (`wide`: the text's non-ASCII characters).

    The words are looked for case-sensitively in the lower-cased sentences (about twice as fast)
    when that finds the same words: the number words are ASCII and no non-ASCII character of the
    text is changed by lower() or case-equal to an ASCII letter ("ſ", "K", "ı", "İ"); and with
    ASCII-only classes (twice as fast again), whose matches are the Unicode ones plus those next to
    a non-ASCII letter or digit, which are dropped (a number word is ASCII, so the word at a
    position is the same either way)."""
    pats = _patterns()
    joined = "\n" + "\n".join([text[s:e] for s, e in zip(starts, ends)])
    if _number_words_ascii() and all(map(_lowers_plainly, wide)):
        joined = joined.lower()
        found = [m.start() + 1 for m in pats["number_word_ascii"].finditer(joined)
                 if not (_is_word_char(joined[m.start()]) or _is_word_char(joined[m.end():m.end() + 1] or " "))]
    else:
        found = [m.start() + 1 for m in pats["number_word"].finditer(joined)]
    lengths = np.array([e - s + 1 for s, e in zip(starts, ends)], dtype=np.int64)
    line_starts = np.cumsum(lengths) - lengths + 1  # where each sentence starts in `joined`
    hits = np.array(found, dtype=np.int64)
    return np.unique(np.searchsorted(line_starts, hits, side="right") - 1).tolist()


@lru_cache(maxsize=1)
def _number_words_ascii() -> bool:
    """True if every number word is ASCII (then lower-casing a text cannot hide or make one)."""
    return all(w.isascii() for w in number_words())


@lru_cache(maxsize=CHAR_CACHE_SIZE)
def _lowers_plainly(ch: str) -> bool:
    """True if a character is unchanged by str.lower() and not case-equal to an ASCII letter
    under re.IGNORECASE (memoised per character)."""
    return ch.lower() == ch and not ASCII_LETTER_ANY_CASE_RE.match(ch)


def _check_articles(articles: pd.DataFrame) -> None:
    """Raise a FiguresError if the articles table lacks the columns the extraction needs."""
    if not isinstance(articles, pd.DataFrame):
        raise FiguresError("extract_figures needs the articles table from helpers.load_corpus(), "
                           f"got {type(articles).__name__}.")
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise FiguresError(f"the articles table has no column(s) {', '.join(missing)}; "
                           "pass the table that helpers.load_corpus() returns.")
    bad = [a for a, t in zip(articles["article_id"].tolist(), articles["text"].tolist()) if not isinstance(t, str)]
    if bad:
        raise FiguresError(f"article(s) {', '.join(map(str, bad[:3]))} have no text (empty or not a string); "
                           "fill the `text` column or drop those rows.")


def _quote_index(quotes: pd.DataFrame | None) -> dict[tuple[str, int], list[tuple[int, int, str, str]]]:
    """{(article_id, sentence_id): [(start, end, speaker, side), ...]} from a quotes table."""
    if quotes is None or len(quotes) == 0:
        return {}
    index: dict = {}
    side = quotes["side"].tolist() if "side" in quotes.columns else [""] * len(quotes)
    cols = [quotes[c].tolist() for c in ("article_id", "sentence_id", "start", "end", "speaker")]
    for a, s, st, en, sp, sd in zip(*cols, side):
        index.setdefault((a, int(s)), []).append((int(st), int(en), sp, sd))
    return index


def _speaker_for(index: dict, article_id: str, sentence_id: int, start: int) -> tuple[str, str]:
    """(speaker, side) of the attribution that covers a figure, else of its sentence, else ("", "")."""
    rows = index.get((article_id, sentence_id), [])
    for st, en, sp, sd in rows:
        if st <= start < en:
            return sp or "", sd or ""
    return (rows[0][2] or "", rows[0][3] or "") if rows else ("", "")


def _speakers(index: dict, article_id: str, sentence_id: int, starts: list[int]) -> list[tuple[str, str]]:
    """`_speaker_for` of each figure start of one sentence: one by one when the sentence has at
    most DIRECT_QUOTES attributions, else by `_covering_speakers`."""
    rows = index.get((article_id, sentence_id), [])
    if len(rows) <= DIRECT_QUOTES:
        return [_speaker_for(index, article_id, sentence_id, start) for start in starts]
    return _covering_speakers(rows, starts)


def _covering_speakers(rows: list[tuple[int, int, str, str]], starts: list[int]) -> list[tuple[str, str]]:
    """For each start, the (speaker, side) of the first row (in table order) with st <= start < en,
    else of the first row, as `_speaker_for` gives it: the starts are taken in ascending order and
    the rows that have begun wait in a heap keyed by table order, the top dropped once it ends."""
    by_start = sorted(range(len(rows)), key=lambda k: rows[k][0])
    heap: list[tuple[int, int]] = []  # (table order, end) of the rows begun so far
    found: dict[int, tuple[str, str]] = {}
    k = 0
    for start in sorted(set(starts)):
        while k < len(by_start) and rows[by_start[k]][0] <= start:
            heapq.heappush(heap, (by_start[k], rows[by_start[k]][1]))
            k += 1
        while heap and heap[0][1] <= start:  # ended: it covers no later start either
            heapq.heappop(heap)
        row = rows[heap[0][0]] if heap else rows[0]
        found[start] = (row[2] or "", row[3] or "")
    return [found[start] for start in starts]


def _default_quotes(articles: pd.DataFrame) -> pd.DataFrame | None:
    """The attributions from `newslens.quotes.extract_quotes`, or None while it does not exist."""
    try:
        from newslens.quotes import extract_quotes
    except ImportError:
        return None
    return extract_quotes(articles)


def _article_rows(article_id: str, outlet: str, date, text: str, flat: list[int], sids: list[int],
                  index: dict) -> tuple[list[tuple], int]:
    """The figure rows (FIGURE_COLUMNS order) of the chosen sentences `sids` of one article
    (`flat`: its sentence offsets start, end, start, end, ...; `index`: `_quote_index`), and how
    many of them are in a sentence longer than MAX_SENTENCE_CHARS: such a row shows an excerpt
    around its figure, and its context is the names of that excerpt."""
    rows, long_rows = [], 0
    names = None
    for sid in sids:
        s0, s1 = flat[2 * sid], flat[2 * sid + 1]
        sent = text[s0:s1]
        found = _scan_sentence(sent)
        if not found:
            continue
        names = MidSentenceNames(text) if names is None else names
        context = _sentence_context(text, flat, sid, names) if s1 - s0 <= MAX_SENTENCE_CHARS else None
        speakers = _speakers(index, article_id, sid, [s0 + fig[0] for fig in found])
        for (start, end, qual_text, value, high, unit, dimension, qual, kind, counted, concept), (speaker, side) \
                in zip(found, speakers):
            qstart = max(start - len(qual_text), 0)
            shown, where = sent, context
            if context is None:
                lo, hi = excerpt_span(text, s0, s1, s0 + qstart, s0 + end)
                shown, where = excerpt_text(text, s0, s1, lo, hi), "; ".join(_context_words(text[lo:hi], names))
                long_rows += 1
            rows.append((article_id, outlet, date, sid, s0 + qstart, s0 + end, sent[qstart:end].strip(), value, high,
                         unit, dimension, qual, kind, kind in FACT_KINDS, counted, concept, where, speaker, side,
                         shown))
    return rows, long_rows


def extract_figures(articles: pd.DataFrame, quotes: pd.DataFrame | None = None,
                    workers: int | None = None) -> pd.DataFrame:
    """One row per quantity in the articles, normalised (see FIGURE_COLUMNS); dates etc. typed, not facts.

    A sentence longer than MAX_SENTENCE_CHARS (a table on one line) is shown in each of its rows
    as an excerpt around the figure, whose names are the row's context (LongSentenceWarning).
    article_id and outlet are categoricals and sentence_id, start, end int32 while they fit
    (`newslens.columns`). `workers`: processes that read the articles (None: all cores for a
    big corpus, `newslens.parallel`; the same table either way)."""
    _check_articles(articles)
    if quotes is None:
        quotes = _default_quotes(articles)
    n_words = corpus_words(articles)
    n_workers = worker_count("figures", n_words, workers)
    every, counts = corpus_sentence_offsets(articles["text"],  # once per articles table
                                            workers=worker_count("sentences", n_words, workers))
    cuts = np.concatenate([[0], 2 * np.cumsum(counts)])
    table = articles[[c for c in ("article_id", "outlet", "date", "text") if c in articles.columns]]
    quoted = None if quotes is None or len(quotes) == 0 else quotes[[c for c in QUOTE_INDEX_COLUMNS if c in quotes.columns]]
    if n_workers > 1:
        bounds = chunk_bounds(table["text"].str.len().to_numpy(), n_workers * CHUNKS_PER_WORKER)
    else:
        bounds = [0, len(table)]
    pieces = []
    for a, b in zip(bounds[:-1], bounds[1:]):
        piece = table.iloc[a:b]
        piece_quotes = quoted if quoted is None or n_workers == 1 else quoted[quoted["article_id"].isin(piece["article_id"])]
        pieces.append((piece, every[cuts[a]:cuts[b]], counts[a:b], piece_quotes))
    found = map_chunks(_figure_table, pieces, n_workers)
    warn_long_sentences("extract_figures", sum(n for _, n in found), "figure (context: the names of that excerpt)")
    frames = [frame for frame, _ in found if len(frame)] or [found[0][0]]
    out = pd.concat(frames, ignore_index=True) if len(frames) > 1 else frames[0]
    out["article_id"], out["outlet"] = as_categorical(out["article_id"]), as_categorical(out["outlet"])
    for name in ("sentence_id", "start", "end"):
        out[name] = compact_offsets(out[name].to_numpy())
    return out


def _figure_table(articles: pd.DataFrame, every: np.ndarray, counts: np.ndarray,
                  quotes: pd.DataFrame | None) -> tuple[pd.DataFrame, int]:
    """The figures of some articles (their sentence offsets `every`, flat, and `counts` per
    article; the quotes of those articles) as a table with plain columns, and how many of its
    rows show an excerpt of a long sentence: what one process, or each worker for its piece of
    the corpus, computes (`extract_figures`)."""
    ids, texts = articles["article_id"].tolist(), articles["text"].tolist()
    outlets = articles["outlet"].tolist() if "outlet" in articles.columns else ids
    dates = articles["date"].tolist() if "date" in articles.columns else [pd.NaT] * len(articles)
    with collector_paused():
        index = _quote_index(quotes)
    rows, long_rows = _figure_rows(ids, outlets, dates, texts, every, counts, index)
    out = pd.DataFrame(rows, columns=FIGURE_COLUMNS)
    del rows
    return out.astype({"value": "float64", "value_high": "float64", "is_fact": "bool"}), long_rows


def _figure_rows(ids: list, outlets: list, dates: list, texts: list[str], every: np.ndarray, counts: np.ndarray,
                 index: dict) -> tuple[list[tuple], int]:
    """The figure rows of some articles (FIGURE_COLUMNS order) and how many show an excerpt of a
    long sentence, given their sentence offsets (`every`: flat start, end, ... of all of them;
    `counts`: sentences per article) and the quote index (`_quote_index`). What one process, or
    one worker for its piece of the corpus (`extract_figures`), runs."""
    cuts = np.concatenate([[0], 2 * np.cumsum(counts)]).tolist()
    rows: list[tuple] = []
    long_rows = 0
    with collector_paused():
        for c in range(0, len(texts), CANDIDATE_CHUNK):
            part = slice(c, c + CANDIDATE_CHUNK)
            offsets = [every[a:b] for a, b in zip(cuts[c:c + CANDIDATE_CHUNK], cuts[c + 1:c + CANDIDATE_CHUNK + 1])]
            chosen = _candidate_sentences(texts[part], offsets)
            for article_id, outlet, date, text, flat, sids in zip(ids[part], outlets[part], dates[part], texts[part],
                                                                  offsets, chosen):
                if sids:
                    found, long_found = _article_rows(article_id, outlet, date, text, flat.tolist(), sids, index)
                    rows += found
                    long_rows += long_found
    return rows, long_rows


def value_interval(value: float, qualifier: str, value_high: float = math.nan) -> tuple[float, float]:
    """The values a mention allows: "about 10" -> (9, 11), "less than 10" -> (0, 10), "15" -> (15, 15)."""
    if qualifier == "range" and not math.isnan(value_high):
        return (min(value, value_high), max(value, value_high))
    return {
        "about": (value * (1 - ABOUT_TOLERANCE), value * (1 + ABOUT_TOLERANCE)),
        "more than": (value, math.inf), "at least": (value, math.inf),
        "less than": (0.0, value), "up to": (0.0, value),
        "nearly": (value * (1 - ABOUT_TOLERANCE), value),
    }.get(qualifier, (value, value))


def _fact_key(row: tuple) -> tuple[str, str]:
    """(bucket, concept) inside which mentions may be the same fact."""
    kind, unit, dimension, concept = row
    if kind == "money":
        return unit, concept
    if dimension:
        return dimension, dimension
    return unit, concept


def _intervals(facts: pd.DataFrame) -> list[tuple[float, float]]:
    """The value interval of each mention, in the base unit of its dimension."""
    out = []
    for unit, dim, value, qual, high in zip(*(facts[c].tolist() for c in ("unit", "dimension", "value",
                                                                        "qualifier", "value_high"))):
        f = units().get(unit.lower(), {}).get("to_base", 1.0) if dim else 1.0
        out.append(value_interval(value * f, qual, high * f))
    return out


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True if two value intervals share a value."""
    return max(a[0], b[0]) <= min(a[1], b[1])


def _comparable(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """True if two value intervals are within MAX_VALUE_RATIO of each other (same order of size)."""
    lo = max(min(a[1], b[1]), 1e-9)
    hi = max(a[0], b[0])
    return hi / lo <= MAX_VALUE_RATIO


def _union_find(n: int, pairs: Iterable[tuple[int, int]], article: list, ivals: list[tuple[float, float]]) -> list[int]:
    """The root of each of n items after joining pairs in order, never joining two groups that
    would hold a conflicting pair: two mentions of one article (`article[i]`) whose value
    intervals (`ivals[i]`, low <= high) do not `_overlap`.

    Each group keeps, per article, the lowest high and the highest low of its mentions there:
    two groups clash when, in an article of both, one group's lowest high is below the other's
    highest low (those two mentions cannot overlap), which is the test of every pair at once.
    Groups merge smaller into larger, so a clash test costs the smaller group's articles; a
    clash, once found, is remembered for the two roots (groups only grow, so it stays a clash)."""
    parent = list(range(n))
    spans: list[dict] = [{article[i]: (ivals[i][1], ivals[i][0])} for i in range(n)]  # article: (min high, max low)
    clashed: set[tuple[int, int]] = set()

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def clash(ra: int, rb: int) -> bool:
        if (ra, rb) in clashed:
            return True
        small, big = (spans[ra], spans[rb]) if len(spans[ra]) <= len(spans[rb]) else (spans[rb], spans[ra])
        for art, (high, low) in small.items():
            other = big.get(art)
            if other is not None and (high < other[1] or other[0] < low):
                clashed.add((ra, rb))
                return True
        return False
    for a, b in pairs:
        while parent[a] != a:  # root(a) and root(b), inlined: this loop runs once per candidate pair
            parent[a] = a = parent[parent[a]]
        while parent[b] != b:
            parent[b] = b = parent[parent[b]]
        ra, rb = a, b
        if ra == rb or clash(ra, rb):
            continue
        keep, drop = min(ra, rb), max(ra, rb)
        parent[drop] = keep
        if len(spans[keep]) < len(spans[drop]):
            spans[keep], spans[drop] = spans[drop], spans[keep]
        merged = spans[keep]
        for art, (high, low) in spans[drop].items():
            seen = merged.get(art)
            merged[art] = (high, low) if seen is None else (min(seen[0], high), max(seen[1], low))
        spans[drop] = {}
    return [root(i) for i in range(n)]


@lru_cache(maxsize=MAX_CONTEXT_MENTIONS + 1)
def _pair_positions(size: int) -> tuple[np.ndarray, np.ndarray]:
    """(first, second) positions of every pair x < y among `size` items, in row order."""
    return np.triu_indices(size, k=1)


def _candidate_pairs(members: list[int], contexts: list[set], need: int, ivals: np.ndarray) -> np.ndarray:
    """Pairs of mentions in one bucket sharing >= `need` context words (words used by more than
    MAX_CONTEXT_MENTIONS mentions are too common to identify a fact) with comparable values,
    as sorted codes a * n + b (a < b; n = len(ivals), `ivals` the (n, 2) array of all value
    intervals). The pairs of each word are made and counted with numpy."""
    by_word: dict[str, list[int]] = {}
    for i in members:
        for w in contexts[i]:
            by_word.setdefault(w, []).append(i)
    n = len(ivals)
    codes = []
    for ids in by_word.values():
        if 1 < len(ids) <= MAX_CONTEXT_MENTIONS:
            first, second = _pair_positions(len(ids))
            arr = np.asarray(ids, dtype=np.int64)
            codes.append(arr[first] * n + arr[second])
    if not codes:
        return np.empty(0, dtype=np.int64)
    code, count = np.unique(np.concatenate(codes), return_counts=True)
    code = code[count >= need]
    return code[_comparable_many(ivals, code // n, code % n)]


def _decoded_pairs(codes: np.ndarray, n: int, chunk: int = 65_536) -> Iterator[tuple[int, int]]:
    """The (a, b) pairs of pair codes a * n + b, decoded a chunk at a time (few Python ints alive)."""
    for s in range(0, len(codes), chunk):
        part = codes[s:s + chunk]
        yield from zip((part // n).tolist(), (part % n).tolist())


def _comparable_many(ivals: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """`_comparable(ivals[a], ivals[b])` for arrays of item pairs (same comparisons, NaN included)."""
    a0, a1, b0, b1 = ivals[a, 0], ivals[a, 1], ivals[b, 0], ivals[b, 1]
    low = np.where(b1 < a1, b1, a1)  # min(a1, b1) as Python computes it
    low = np.where(1e-9 > low, 1e-9, low)  # max(low, 1e-9)
    high = np.where(b0 > a0, b0, a0)  # max(a0, b0)
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        return high / low <= MAX_VALUE_RATIO


def compare_figures(figures: pd.DataFrame) -> pd.DataFrame:
    """The fact figures with a `fact` id, its label, how many articles give it and whether they agree."""
    needed = {"article_id", "kind", "is_fact", "unit", "dimension", "concept", "context", "value", "qualifier"}
    if not isinstance(figures, pd.DataFrame) or needed - set(figures.columns):
        raise FiguresError("compare_figures needs the table from extract_figures(articles); missing column(s): "
                           + ", ".join(sorted(needed - set(getattr(figures, "columns", [])))))
    facts = figures[figures["is_fact"]].reset_index(drop=True)
    keys = [_fact_key(r) for r in zip(*(facts[c].tolist() for c in ("kind", "unit", "dimension", "concept")))]
    contexts = [set(c.split("; ")) - {""} for c in facts["context"].tolist()]
    arts = facts["article_id"].tolist()
    ivals = _intervals(facts)
    ival_array = np.asarray(ivals, dtype=np.float64).reshape(-1, 2)
    buckets: dict = {}
    for i, k in enumerate(keys):
        buckets.setdefault(k, []).append(i)
    codes = [_candidate_pairs(members, contexts, MIN_SHARED_CONTEXT.get(bucket, DEFAULT_MIN_SHARED), ival_array)
             for (bucket, _), members in sorted(buckets.items())]
    pairs = _decoded_pairs(np.sort(np.concatenate(codes)) if codes else np.empty(0, dtype=np.int64), len(facts))
    roots = _union_find(len(facts), pairs, arts, ivals)
    facts["fact"] = [f"F{r:03d}" for r in roots]
    return _fact_columns(facts, contexts, roots, ivals)


def _fact_label(columns: dict[str, list], members: list[int], contexts: list[set]) -> str:
    """A readable fact name: unit, concept and the name words its mentions share."""
    first = members[0]
    shared = set.intersection(*(contexts[i] for i in members))
    unit, concept, dim = columns["unit"][first], columns["concept"][first], columns["dimension"][first]
    base = unit if concept in ("", unit, dim) else f"{unit} ({concept})"
    return base + (" | " + ", ".join(sorted(shared)) if shared and len(members) > 1 else "")


def _fact_columns(facts: pd.DataFrame, contexts: list[set], roots: list[int],
                  ivals: list[tuple[float, float]]) -> pd.DataFrame:
    """Add per-fact label, mention/article counts and agreement to the mentions."""
    groups: dict[int, list[int]] = {}
    for i, r in enumerate(roots):
        groups.setdefault(r, []).append(i)
    label, n_art, agree = {}, {}, {}
    columns = {c: facts[c].tolist() for c in ("unit", "concept", "dimension", "article_id")}
    for r, members in groups.items():
        label[r] = _fact_label(columns, members, contexts)
        n_art[r] = len({columns["article_id"][i] for i in members})
        agree[r] = max(ivals[i][0] for i in members) <= min(ivals[i][1] for i in members)
    facts["fact_label"] = [label[r] for r in roots]
    facts["n_mentions"] = [len(groups[r]) for r in roots]
    facts["n_articles"] = [n_art[r] for r in roots]
    facts["agree"] = [agree[r] for r in roots]
    facts["low"] = [v[0] for v in ivals]
    facts["high"] = [v[1] for v in ivals]
    order = ["fact", "fact_label", "n_articles", "n_mentions", "agree"]
    facts = facts[order + [c for c in facts.columns if c not in order]]
    return facts.sort_values(["fact", "article_id", "start"], kind="stable").reset_index(drop=True)
