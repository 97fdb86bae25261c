"""Line outlets up against each other: control claims, named sources, shared copy, translation traces.

- `control_claims(articles, place=...)`: every sentence that speaks of control of a place, with a
  stance label (Russian side in control / Ukrainian side holding / contested or unclear) made by
  rules from `data/control_terms.csv`; the `matched` column keeps the words that decided it.
- `named_sources(articles)`: the wires, broadcasters and platforms each outlet names (list from
  `data/news_channels.txt`) and what it attributes to them.
- `article_similarity(articles)`: TF-IDF cosine similarity of every pair of articles (numpy only).
- `shared_passages(articles)` and `shared_copy(articles)`: long common word sequences between two
  articles, and the share of each article they cover.
- `translation_markers(articles)`: romanisation and translation traces per article, next to the
  metadata's `translated_from` (spelling variants from `data/spelling_variants.csv` plus the
  patterns of `data/translation_markers.csv`).
- `outlet_summary(...)`: the one-row-per-outlet table that closes notebook 04.

Used by notebook 04-across-outlets. Quotations and speakers come from
`newslens.quotes.extract_quotes` / `speaker_counts`; every function that needs them also accepts
the quotes table as an argument.
"""
from __future__ import annotations

import csv
import math
import re
from bisect import bisect_left
from collections import Counter
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from newslens.columns import as_categorical, categorical, categorical_pairs
from newslens.sentences import ELLIPSIS, MAX_SENTENCE_CHARS, corpus_sentence_offsets, excerpt, warn_long_sentences
from newslens.tokens import corpus_token_arrays, iter_tokens, normalise_apostrophes

DATA_DIR = Path(__file__).resolve().parent / "data"
CONTROL_TERMS_FILE = DATA_DIR / "control_terms.csv"
NATIONALITIES_FILE = DATA_DIR / "nationalities.csv"
CHANNELS_FILE = DATA_DIR / "news_channels.txt"
VARIANTS_FILE = DATA_DIR / "spelling_variants.csv"
MARKERS_FILE = DATA_DIR / "translation_markers.csv"
STOPWORDS_FILE = DATA_DIR / "stopwords.txt"

RUSSIA, UKRAINE = "Russia", "Ukraine"
STANCE_RUSSIA = "Russian side in control"
STANCE_UKRAINE = "Ukrainian side holding"
STANCE_CONTESTED = "contested or unclear"
STANCES = (STANCE_RUSSIA, STANCE_UKRAINE, STANCE_CONTESTED)
ACTOR_WINDOW = 10  # tokens to the left of a control term searched for the side that acts
NEGATION_WINDOW = 6  # a negation this many tokens before a term flips it
PLACE_WINDOW = 12  # a control term counts only this many tokens or fewer from the place name
MIN_SHARED_WORDS = 8  # a shared passage is at least this many words in a row
MAX_RUN_ARTICLES = 50  # a word run found in more articles than this is a stock phrase, not copy
CLAIM_CHUNK = 2_000  # sentences naming the place tokenised together by control_claims
DIRECT_RUN_STARTS = 16  # a run's start words found more often than this in the other article: see `_common_runs`
MAX_SIMILARITY_ARTICLES = 3000  # article_similarity returns N x N rows
CLAIM_COLUMNS = ["article_id", "outlet", "date", "sentence_id", "place", "stance", "matched", "rule",
                 "claimed_by", "speaker_side", "sentence"]
SOURCE_COLUMNS = ["article_id", "outlet", "source", "sentence_id", "how", "attributed", "sentence"]
PASSAGE_COLUMNS = ["article_a", "article_b", "outlet_a", "outlet_b", "n_words", "start_a", "end_a",
                   "start_b", "end_b", "passage"]
PAIRED_COLUMNS = (("article_a", "article_b"), ("outlet_a", "outlet_b"))  # categoricals sharing their categories
MARKER_COLUMNS = ["article_id", "outlet", "translated_from", "marker", "kind", "hint", "examples", "count"]
SPACES_RE = re.compile(r"\s*")
HOW_BEFORE_CHARS = 40  # characters before a channel name read for how it is named
HOW_AFTER_CHARS = 15  # ... and after it, past any white space (the longest HOW_AFTER word, plus one)
NARRATION = "(the outlet itself)"


class CompareError(ValueError):
    """An input table or parameter the comparison functions cannot work with."""


# ---------------------------------------------------------------- data files


def _data_lines(path: Path) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]


def _compact_ids(table: pd.DataFrame) -> pd.DataFrame:
    """A table with a row per sentence or mention, its article_id and outlet as categoricals
    (`newslens.columns`; a table without rows as it is)."""
    if len(table):
        table["article_id"], table["outlet"] = as_categorical(table["article_id"]), as_categorical(table["outlet"])
    return table


@lru_cache(maxsize=1)
def control_terms() -> dict[tuple[str, ...], str]:
    """{term as a tuple of lower-case words: type} from `control_terms.csv`."""
    table = {}
    for row in csv.DictReader(_data_lines(CONTROL_TERMS_FILE)):
        words = tuple(_words(row["term"])[0])
        if not words:
            raise CompareError(f"{CONTROL_TERMS_FILE.name}: empty term in row {row}")
        table[words] = row["type"].strip()
    return table


@lru_cache(maxsize=1)
def side_words() -> dict[str, str]:
    """{lower-case word: Russia | Ukraine} for actor words (nationalities.csv plus plurals)."""
    sides = {}
    if NATIONALITIES_FILE.exists():
        for row in csv.DictReader(_data_lines(NATIONALITIES_FILE)):
            if row.get("side") in (RUSSIA, UKRAINE):
                word = normalise_apostrophes(row["word"]).lower()
                sides[word] = row["side"]
                if not word.endswith("s") and "-" not in word and "'" not in word:
                    sides[word + "s"] = row["side"]  # "Russians", "Ukrainians"
    if not sides:
        sides = {"russia": RUSSIA, "russian": RUSSIA, "russians": RUSSIA, "moscow": RUSSIA,
                 "ukraine": UKRAINE, "ukrainian": UKRAINE, "ukrainians": UKRAINE, "kyiv": UKRAINE}
    return sides


@lru_cache(maxsize=1)
def news_channels() -> tuple[str, ...]:
    """The channel names of `news_channels.txt`, longest first (empty if the file is missing)."""
    if not CHANNELS_FILE.exists():
        return ()
    return tuple(sorted({ln.strip() for ln in _data_lines(CHANNELS_FILE)}, key=lambda s: (-len(s), s)))


@lru_cache(maxsize=1)
def _variant_rows() -> tuple[tuple[str, str, str], ...]:
    """(group, variant, origin) rows of `spelling_variants.csv` (empty if missing)."""
    if not VARIANTS_FILE.exists():
        return ()
    return tuple((r["group"], r["variant"], r["origin"]) for r in csv.DictReader(_data_lines(VARIANTS_FILE)))


@lru_cache(maxsize=1)
def _markers() -> tuple[tuple[str, re.Pattern, str], ...]:
    """(marker, compiled pattern, hint) rows of `translation_markers.csv`."""
    rows = []
    for row in csv.DictReader(_data_lines(MARKERS_FILE)):
        try:
            rows.append((row["marker"], re.compile(row["pattern"], re.MULTILINE), row["hint"]))
        except re.error as err:
            raise CompareError(f"{MARKERS_FILE.name}: bad pattern for {row['marker']!r} ({err})") from None
    return tuple(rows)


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """The project's stop words (empty if the file is missing)."""
    return frozenset(w.strip().lower() for w in _data_lines(STOPWORDS_FILE)) if STOPWORDS_FILE.exists() else frozenset()


# ---------------------------------------------------------------- input checks and quotes


def _check_articles(articles: pd.DataFrame, what: str) -> None:
    """Raise a CompareError unless `articles` is the articles table."""
    if not isinstance(articles, pd.DataFrame):
        raise CompareError(f"{what} needs the articles table from helpers.load_corpus(), got {type(articles).__name__}.")
    missing = [c for c in ("article_id", "outlet", "text") if c not in articles.columns]
    if missing:
        raise CompareError(f"{what}: the articles table has no column(s) {', '.join(missing)}; "
                           "pass the table that helpers.load_corpus() returns.")
    bad = [a for a, t in zip(articles["article_id"], articles["text"]) if not isinstance(t, str)]
    if bad:
        raise CompareError(f"{what}: article(s) {', '.join(map(str, bad[:3]))} have no text (empty or not a "
                           "string); fill the `text` column or drop those rows.")


def _quotes_or_default(articles: pd.DataFrame, quotes: pd.DataFrame | None) -> pd.DataFrame | None:
    """The quotes table given, else `extract_quotes(articles)` if the quotes module exists, else None."""
    if quotes is not None:
        missing = {"article_id", "sentence_id", "speaker"} - set(quotes.columns)
        if missing:
            raise CompareError(f"the quotes table has no column(s) {sorted(missing)}; pass helpers.extract_quotes(articles).")
        return quotes
    try:
        from newslens.quotes import extract_quotes
    except ImportError:
        return None
    return extract_quotes(articles)


def _quotes_by_sentence(quotes: pd.DataFrame | None) -> dict[tuple[str, int], list[dict]]:
    """{(article_id, sentence_id): [quote rows as dicts]} in table order."""
    if quotes is None or len(quotes) == 0:
        return {}
    cols = [c for c in ("article_id", "sentence_id", "start", "end", "kind", "quote", "speaker", "side")
            if c in quotes.columns]
    index: dict = {}
    for rec in quotes[cols].to_dict("records"):
        index.setdefault((rec["article_id"], int(rec["sentence_id"])), []).append(rec)
    return index


def _articles_rows(articles: pd.DataFrame):
    """(article_id, outlet, date, text) tuples of the articles table."""
    dates = articles["date"] if "date" in articles.columns else [pd.NaT] * len(articles)
    return zip(articles["article_id"], articles["outlet"], dates, articles["text"])


def _articles_sentences(articles: pd.DataFrame):
    """(article_id, outlet, date, text, [(start, end) of each sentence]) of every article: the
    sentences of the whole text column are split once (`corpus_sentence_offsets`)."""
    offsets, counts = corpus_sentence_offsets(articles["text"])
    cuts = np.concatenate([[0], 2 * np.cumsum(counts)]).tolist()
    for k, row in enumerate(_articles_rows(articles)):
        flat = offsets[cuts[k]:cuts[k + 1]].tolist()
        yield (*row, list(zip(flat[0::2], flat[1::2])))


# ---------------------------------------------------------------- control claims


def place_pattern(place: str) -> re.Pattern:
    """A regex for a place name and its known spelling variants, whole words, any case."""
    if not isinstance(place, str) or not place.strip():
        raise CompareError("place must be a place name such as 'Soledar'.")
    key = place.strip().lower()
    groups = {g.lower() for g, v, _ in _variant_rows() if v.lower() == key or g.lower() == key}
    forms = {place.strip()} | {v for g, v, _ in _variant_rows() if g.lower() in groups}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE)


def _words(sentence: str) -> tuple[list[str], list[int], list[bool]]:
    """(lower-case words, their start offsets, capitalised-inside-the-sentence flags): the
    project's tokens (`newslens.tokens`: 's is a token of its own), with n't split off."""
    return _words_of_many([sentence])[0]


def _words_of_many(sentences: list[str]) -> list[tuple[list[str], list[int], list[bool]]]:
    """`_words` of each sentence, all tokenised in one pass (`tokens.corpus_token_arrays`)."""
    index, starts, _, forms, _ = corpus_token_arrays(sentences)
    cuts = np.searchsorted(index, np.arange(len(sentences) + 1)).tolist()
    starts = starts.tolist()
    return [_split_words(forms[a:b], starts[a:b]) for a, b in zip(cuts[:-1], cuts[1:])]


def _split_words(forms: list[str], starts: list[int]) -> tuple[list[str], list[int], list[bool]]:
    """`_words` from a sentence's tokens as written (apostrophes folded) and their offsets."""
    words, offsets, caps = [], [], []
    for w, s in zip(forms, starts):
        low = w.lower()
        parts = [(low[:-3], s), ("n't", s + len(w) - 3)] if low.endswith("n't") and len(w) > 3 else [(low, s)]
        for k, (part, pos) in enumerate(parts):
            words.append(part)
            offsets.append(pos)
            caps.append(k == 0 and len(words) > 1 and w[:1].isupper())  # not the first word
    return words, offsets, caps


def _match_terms(words: list[str], caps: list[bool] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, type) of control terms in a word list, longest phrase first at each position.

    A term written with a capital inside the sentence is part of a name and is skipped."""
    terms = control_terms()
    longest = max(len(t) for t in terms)
    found, i = [], 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            kind = terms.get(tuple(words[i:i + n]))
            if kind and not (caps and caps[i] and kind not in ("negation", "conditional")):
                found.append((i, i + n, kind))
                i += n
                break
        else:
            i += 1
    return found


def _near_place(s: int, e: int, place_tokens: list[int]) -> bool:
    """True if a term spanning tokens s..e-1 lies within PLACE_WINDOW tokens of a place mention
    (`place_tokens` ascending): some p with e - 1 - PLACE_WINDOW <= p <= s + PLACE_WINDOW."""
    k = bisect_left(place_tokens, e - 1 - PLACE_WINDOW)
    return k < len(place_tokens) and place_tokens[k] <= s + PLACE_WINDOW


def _negated(s: int, negations: list[int]) -> bool:
    """True if a negation (token positions, ascending) starts within NEGATION_WINDOW tokens before s."""
    k = bisect_left(negations, s - NEGATION_WINDOW)
    return k < len(negations) and negations[k] < s


def _actor(words: list[str], start: int, end: int, after_only: bool = False) -> tuple[str, str]:
    """(actor word, side) of a term: nearest side word to its left within ACTOR_WINDOW, else the side
    word right after it ("came under Russian control", "taken by Russian forces", "fall to the Russians")."""
    sides = side_words()
    if not after_only:
        for j in range(start - 1, max(start - ACTOR_WINDOW, 0) - 1, -1):
            if words[j] in sides:
                return words[j], sides[words[j]]
    j = end
    if j < len(words) and words[j] in ("by", "to", "under"):
        j += 1
    elif not after_only:
        return "", ""  # "resisting Russian assaults": a side right after the term is its object
    if j < len(words) and words[j] == "the":
        j += 1
    if j < len(words) and words[j] in sides:
        return words[j], sides[words[j]]
    return "", ""


def _other(side: str) -> str:
    """The opposing side."""
    return RUSSIA if side == UKRAINE else UKRAINE


def _term_outcome(kind: str, side: str, negated: bool, defender: str) -> str:
    """Which side a control term says is in control: Russia, Ukraine, or '' (open)."""
    if kind in ("hold", "fail"):
        holder = defender if not side else (side if kind == "hold" else _other(side))
        return _other(holder) if negated else holder
    if kind == "loss":
        loser = side or defender
        return loser if negated else _other(loser)
    if kind in ("gain", "gain_after"):
        if not side:
            return ""
        return _other(side) if negated else side
    return ""


def classify_control(sentence: str, defender: str = UKRAINE, place: str | None = None) -> tuple[str, str, str]:
    """(stance, rule, matched terms with their reading) of one sentence about control of a place.

    With `place`, only control terms within PLACE_WINDOW tokens of a mention of it count."""
    return _classify(sentence, _words(sentence), defender, place)


def _classify(sentence: str, tokens: tuple[list[str], list[int], list[bool]], defender: str,
              place: str | None) -> tuple[str, str, str]:
    """`classify_control` of a sentence whose `_words` are given."""
    if defender not in (RUSSIA, UKRAINE):
        raise CompareError(f"defender must be {UKRAINE!r} or {RUSSIA!r}, got {defender!r}")
    words, starts, caps = tokens
    matches = _match_terms(words, caps)
    if place is not None:
        hits = {m.start() for m in place_pattern(place).finditer(normalise_apostrophes(sentence))}
        place_tokens = [i for i, st in enumerate(starts) if st in hits]
        matches = [m for m in matches if m[2] in ("negation", "conditional") or _near_place(m[0], m[1], place_tokens)]
    negations = [s for s, _, k in matches if k == "negation"]
    outcomes, notes, kinds, fighting = [], [], set(), set()
    for s, e, kind in matches:
        if kind == "negation":
            continue
        kinds.add(kind)
        if kind == "conditional":
            notes.append(f"{' '.join(words[s:e])}[conditional]")
            continue
        negated = _negated(s, negations)
        actor, side = _actor(words, s, e, after_only=(kind == "gain_after"))
        outcome = _term_outcome(kind, side, negated, defender)
        if outcome:
            outcomes.append(outcome)
        elif kind == "contest" and side:
            fighting.add(side)
        reading = kind + (",negated" if negated else "") + (f",{actor}={side}" if actor else "")
        notes.append(f"{' '.join(words[s:e])}[{reading}]" + (f"->{outcome}" if outcome else ""))
    return _stance(set(outcomes), kinds, fighting, defender) + ("; ".join(notes),)


def _stance(outcomes: set[str], kinds: set[str], fighting: set[str] = frozenset(),
            defender: str = UKRAINE) -> tuple[str, str]:
    """(stance, rule) from the sides the terms point to, the kinds of terms present and the sides
    named with fighting words (the defender still fighting: "..., but Kyiv said fighting continued")."""
    if "conditional" in kinds:
        return STANCE_CONTESTED, "hypothetical (if/would/could)"
    if "dispute" in kinds:
        return STANCE_CONTESTED, "a claim is denied or contradicted"
    if outcomes == {_other(defender)} and defender in fighting:
        return STANCE_CONTESTED, "one side claims control, the other reports fighting"
    if outcomes == {RUSSIA}:
        return STANCE_RUSSIA, "control terms point to the Russian side"
    if outcomes == {UKRAINE}:
        return STANCE_UKRAINE, "control terms point to the Ukrainian side"
    if outcomes:
        return STANCE_CONTESTED, "terms point to both sides"
    return STANCE_CONTESTED, "fighting without an outcome" if kinds & {"contest"} else "no side named"


def _claim_speaker(quotes_here: list[dict], start: int) -> tuple[str, str]:
    """(who makes the claim, side): the quote covering the place mention, else the sentence's first."""
    for q in quotes_here:
        if "start" in q and q["start"] <= start < q["end"]:
            return q["speaker"] or "", q.get("side", "") or ""
    if quotes_here:
        return quotes_here[0]["speaker"] or "", quotes_here[0].get("side", "") or ""
    return NARRATION, ""


def control_claims(articles: pd.DataFrame, place: str = "Soledar", quotes: pd.DataFrame | None = None,
                   defender: str = UKRAINE) -> pd.DataFrame:
    """One row per sentence naming `place` with control vocabulary: stance, matched words, who says it."""
    _check_articles(articles, "control_claims")
    pattern = place_pattern(place)
    index = _quotes_by_sentence(_quotes_or_default(articles, quotes))
    rows, found = [], []
    for article_id, outlet, date, text, spans in _articles_sentences(articles):
        for sid, (s0, s1) in enumerate(spans):
            sent = text[s0:s1]
            hit = pattern.search(sent)
            if hit:
                found.append((article_id, outlet, date, sid, s0 + hit.start(), sent))
        if len(found) >= CLAIM_CHUNK:
            rows += _claim_rows(found, place, defender, index)
            found = []
    return _compact_ids(pd.DataFrame(rows + _claim_rows(found, place, defender, index), columns=CLAIM_COLUMNS))


def _claim_rows(found: list[tuple], place: str, defender: str, index: dict) -> list[tuple]:
    """The control_claims rows of sentences that name the place ((article_id, outlet, date,
    sentence_id, offset of the mention, sentence)), tokenised together: those with control terms."""
    controls = {"gain", "gain_after", "hold", "loss", "fail", "contest", "dispute"}
    rows = []
    for (article_id, outlet, date, sid, at, sent), words in zip(found, _words_of_many([f[-1] for f in found])):
        stance, rule, matched = _classify(sent, words, defender, place)
        if any(f"[{k}" in matched for k in controls):
            who, side = _claim_speaker(index.get((article_id, sid), []), at)
            rows.append((article_id, outlet, date, sid, place, stance, matched, rule, who, side, sent))
    return rows


# ---------------------------------------------------------------- named sources


HOW_BEFORE = (
    ("told", re.compile(r"\b(?:told|tells|telling|to)\s+(?:the\s+)?$", re.IGNORECASE)),
    ("according to", re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)),
    ("interview with", re.compile(r"\b(?:interview|conversation)\s+with\s+(?:the\s+)?$", re.IGNORECASE)),
    ("quoted by / from", re.compile(r"\b(?:by|from|cited|quoted)\s+(?:the\s+)?$", re.IGNORECASE)),
    ("published on", re.compile(r"\b(?:on|via|in)\s+(?:the\s+|its\s+|his\s+|her\s+)?$", re.IGNORECASE)),
)
HOW_AFTER = re.compile(r"^\s*(?:reports?|reported|said|says|journalists?|correspondents?|reporters?)\b",
                       re.IGNORECASE)


def _how_named(before: str, after: str) -> str:
    """How a channel is named: 'reports' (subject), 'told', 'according to', ... or 'mentioned'."""
    if HOW_AFTER.match(after):
        return "reports"
    for name, rx in HOW_BEFORE:
        if rx.search(before[-HOW_BEFORE_CHARS:]):
            return name
    return "mentioned"


def _how_named_at(sent: str, start: int, end: int) -> str:
    """`_how_named(sent[:start], sent[end:])`, reading only the characters it looks at: the last
    HOW_BEFORE_CHARS before the name, and after it any white space and HOW_AFTER_CHARS more."""
    after_end = SPACES_RE.match(sent, end).end() + HOW_AFTER_CHARS
    return _how_named(sent[max(0, start - HOW_BEFORE_CHARS):start], sent[end:after_end])


def _channel_pattern() -> re.Pattern | None:
    """One regex for every channel name, whole words, case-sensitive, longest first."""
    names = news_channels()
    if not names:
        return None
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w-])")


def named_sources(articles: pd.DataFrame, quotes: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per mention of a wire/broadcaster/platform: how it is named and what is attributed to it.

    A sentence longer than MAX_SENTENCE_CHARS is shown (`sentence`, and `attributed` when no
    quotation is) as an excerpt around each mention, with a LongSentenceWarning."""
    _check_articles(articles, "named_sources")
    pattern = _channel_pattern()
    if pattern is None:
        return pd.DataFrame(columns=SOURCE_COLUMNS)
    index = _quotes_by_sentence(_quotes_or_default(articles, quotes))
    rows, long_rows = [], 0
    for article_id, outlet, _, text, spans in _articles_sentences(articles):
        for sid, (s0, s1) in enumerate(spans):
            sent, said = text[s0:s1], None
            for m in pattern.finditer(sent):
                if said is None:  # once per sentence: it does not depend on the mention
                    said = " / ".join(f"{q['speaker'] or '?'}: {q['quote']}"
                                      for q in index.get((article_id, sid), []) if q.get("quote"))
                shown = sent
                if len(sent) > MAX_SENTENCE_CHARS:  # a row per mention: an excerpt, not the whole sentence
                    shown, long_rows = excerpt(text, s0, s1, s0 + m.start(), s0 + m.end()), long_rows + 1
                attributed = said if len(said) <= MAX_SENTENCE_CHARS else said[:MAX_SENTENCE_CHARS] + ELLIPSIS
                rows.append((article_id, outlet, m.group(0), sid, _how_named_at(sent, m.start(), m.end()),
                             attributed or shown, shown))
    warn_long_sentences("named_sources", long_rows, "channel name")
    return _compact_ids(pd.DataFrame(rows, columns=SOURCE_COLUMNS))


# ---------------------------------------------------------------- similarity and shared copy


def _content_tokens(text: str) -> list[str]:
    """Lower-case word tokens without stop words and numbers (the TF-IDF vocabulary)."""
    stop = _stopwords()
    return [w for w in (normalise_apostrophes(t).lower() for _, _, t in iter_tokens(text))
            if w not in stop and not w[0].isdigit()]


def tfidf_matrix(texts: list[str]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """TF-IDF (raw counts x smooth idf = ln((1+N)/(1+df)) + 1), returned as (rows over the words
    found in at least two texts, L2 norm of each full row, those words); words in one text only
    add to the norm but never to a dot product between two texts."""
    docs = [Counter(_content_tokens(t)) for t in texts]
    n = len(docs)
    df = Counter(w for d in docs for w in d)
    idf = {w: math.log((1 + n) / (1 + k)) + 1.0 for w, k in df.items()}
    shared = sorted(w for w, k in df.items() if k >= 2)
    col = {w: i for i, w in enumerate(shared)}
    x = np.zeros((n, len(shared)), dtype=np.float64)
    norms = np.zeros(n)
    for r, d in enumerate(docs):
        weights = {w: c * idf[w] for w, c in d.items()}
        norms[r] = math.sqrt(sum(v * v for v in weights.values()))
        for w, v in weights.items():
            if w in col:
                x[r, col[w]] = v
    return x, norms, shared


def article_similarity(articles: pd.DataFrame) -> pd.DataFrame:
    """TF-IDF cosine similarity of every ordered pair of articles (self-pairs = 1), long format."""
    _check_articles(articles, "article_similarity")
    if len(articles) > MAX_SIMILARITY_ARTICLES:
        raise CompareError(f"article_similarity compares every pair: {len(articles)} articles give "
                           f"{len(articles) ** 2:,} rows. Select at most {MAX_SIMILARITY_ARTICLES} articles first.")
    x, norms, _ = tfidf_matrix(list(articles["text"]))
    safe = np.where(norms == 0, 1.0, norms)
    sim = (x @ x.T) / np.outer(safe, safe)
    np.fill_diagonal(sim, np.where(norms == 0, 0.0, 1.0))
    ids, outlets = list(articles["article_id"]), list(articles["outlet"])
    n = len(ids)
    first, second = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)  # row i * n + j is the pair (i, j)
    return pd.DataFrame({
        "article_a": categorical(ids, first), "article_b": categorical(ids, second),
        "outlet_a": categorical(outlets, first), "outlet_b": categorical(outlets, second),
        "cosine": np.round(sim, 12).reshape(-1),  # np.round is what round() does on a numpy float
    })


def _token_spans(text: str) -> tuple[list[str], list[int], list[int]]:
    """(norms, starts, ends) of the word tokens of a text (possessive 's kept as its own token)."""
    norms, starts, ends = [], [], []
    for s, e, w in iter_tokens(text):
        norms.append(normalise_apostrophes(w).lower())
        starts.append(s)
        ends.append(e)
    return norms, starts, ends


def _run_index(words: list[str], k: int) -> dict[tuple[str, ...], list[int]]:
    """{k-word run: its start positions, ascending} of one word list."""
    index: dict[tuple[str, ...], list[int]] = {}
    for j in range(len(words) - k + 1):
        index.setdefault(tuple(words[j:j + k]), []).append(j)
    return index


def _common_runs(a: list[str], b: list[str], k: int,
                 index_a: dict | None = None, index_b: dict | None = None) -> list[tuple[int, int, int]]:
    """Maximal runs (i, j, length >= k) where a[i:i+length] == b[j:j+length], non-overlapping in a:
    from left to right in a, the longest run at the first uncovered position whose k words occur in
    b (the first such j on ties). `index_a`/`index_b` are `_run_index` of a and b when the caller
    already has them (each article's index is built once for all its pairs).

    Where the k words occur at most DIRECT_RUN_STARTS times in b, each occurrence is extended
    word by word (the rule); where they occur more often (repeated text), the longest run and
    its first start come from `_longest_matches`, so the time stays linear in the articles."""
    index_a = _run_index(a, k) if index_a is None else index_a
    index_b = _run_index(b, k) if index_b is None else index_b
    starts = sorted((i, gram) for gram in index_a.keys() & index_b.keys() for i in index_a[gram])
    runs, covered_to, longest = [], 0, None
    for i, gram in starts:
        if i < covered_to:
            continue
        where = index_b[gram]
        if len(where) <= DIRECT_RUN_STARTS:
            best = max(((i, j, _extend(a, b, i, j, k)) for j in where), key=lambda r: r[2])  # first j on ties
        else:
            longest = _longest_matches(a, b) if longest is None else longest
            best = (i, *longest[i])
        runs.append(best)
        covered_to = i + best[2]
    return runs


def _extend(a: list[str], b: list[str], i: int, j: int, n: int) -> int:
    """The length of the common run of a from i and b from j, given that its first n words agree."""
    while i + n < len(a) and j + n < len(b) and a[i + n] == b[j + n]:
        n += 1
    return n


def _longest_matches(a: list[str], b: list[str]) -> list[tuple[int, int]]:
    """For every position i of a, (j, n): the longest n such that a[i:i+n] occurs in b, and the
    first j where it does ((len(b), 0) if a[i] is not in b). Matching statistics from the suffix
    automaton of reversed b, run over reversed a: linear in len(a) + len(b)."""
    nxt, link, length, last_end = _suffix_automaton(b[::-1])
    found: list[tuple[int, int]] = [(len(b), 0)] * len(a)
    state, n = 0, 0
    for p, word in enumerate(reversed(a)):
        while state and word not in nxt[state]:
            state = link[state]
            n = length[state]
        if word in nxt[state]:
            state, n = nxt[state][word], n + 1
        else:
            state, n = 0, 0
        if n:  # the n words of a from len(a)-1-p end, in reversed b, at last_end[state] at the latest
            found[len(a) - 1 - p] = (len(b) - 1 - last_end[state], n)
    return found


def _suffix_automaton(words: list[str]) -> tuple[list[dict], list[int], list[int], list[int]]:
    """The suffix automaton of a word list: transitions, suffix links, the longest length of
    each state and the last position where its strings end (Blumer et al. 1985)."""
    nxt, link, length, last_end = [{}], [-1], [0], [-1]
    last = 0
    for pos, word in enumerate(words):
        cur = len(length)
        nxt.append({}), link.append(0), length.append(length[last] + 1), last_end.append(pos)
        p = last
        while p != -1 and word not in nxt[p]:
            nxt[p][word] = cur
            p = link[p]
        if p != -1:
            q = nxt[p][word]
            if length[p] + 1 == length[q]:
                link[cur] = q
            else:
                clone = len(length)
                nxt.append(dict(nxt[q])), link.append(link[q]), length.append(length[p] + 1), last_end.append(-1)
                while p != -1 and nxt[p].get(word) == q:
                    nxt[p][word] = clone
                    p = link[p]
                link[q] = link[cur] = clone
        last = cur
    for state in sorted(range(1, len(length)), key=length.__getitem__, reverse=True):  # longest first
        parent = link[state]
        last_end[parent] = max(last_end[parent], last_end[state])  # a state ends wherever its extensions do
    return nxt, link, length, last_end


def _candidate_article_pairs(norms: list[list[str]], k: int,
                             indexes: list[dict] | None = None) -> list[tuple[int, int]]:
    """Pairs of articles that share at least one run of k words (from one index of all k-word runs);
    runs found in more than MAX_RUN_ARTICLES articles (stock phrases) do not make pairs.
    `indexes` are the `_run_index` of each article when the caller has them."""
    seen: dict[int, list[int]] = {}
    for d, words in enumerate(norms):
        grams = indexes[d].keys() if indexes is not None else (tuple(words[j:j + k]) for j in range(len(words) - k + 1))
        for h in {hash(g) for g in grams}:
            seen.setdefault(h, []).append(d)
    pairs = set()
    for docs in seen.values():
        if 1 < len(docs) <= MAX_RUN_ARTICLES:
            pairs.update((a, b) for x, a in enumerate(docs) for b in docs[x + 1:])
    return sorted(pairs)


def shared_passages(articles: pd.DataFrame, min_words: int = MIN_SHARED_WORDS) -> pd.DataFrame:
    """Word sequences of at least `min_words` tokens that two articles share (case-insensitive)."""
    _check_articles(articles, "shared_passages")
    if not isinstance(min_words, int) or min_words < 2:
        raise CompareError(f"min_words must be a whole number of at least 2, got {min_words!r}")
    ids, outlets, texts = list(articles["article_id"]), list(articles["outlet"]), list(articles["text"])
    toks = [_token_spans(t) for t in texts]
    indexes = [_run_index(t[0], min_words) for t in toks]
    rows = []
    for x, y in _candidate_article_pairs([t[0] for t in toks], min_words, indexes):
        for i, j, n in _common_runs(toks[x][0], toks[y][0], min_words, indexes[x], indexes[y]):
            sa, ea = toks[x][1][i], toks[x][2][i + n - 1]
            sb, eb = toks[y][1][j], toks[y][2][j + n - 1]
            rows.append((ids[x], ids[y], outlets[x], outlets[y], n, sa, ea, sb, eb, texts[x][sa:ea]))
    return categorical_pairs(pd.DataFrame(rows, columns=PASSAGE_COLUMNS), PAIRED_COLUMNS)


def _passage_totals(passages: pd.DataFrame) -> dict[tuple, tuple[int, int]]:
    """{(article_a, article_b): (passages, words)} of a passages table, in one pass over it."""
    sums: dict[tuple, list] = {}
    for a, b, n in zip(passages["article_a"].tolist(), passages["article_b"].tolist(), passages["n_words"].tolist()):
        entry = sums.setdefault((a, b), [0, 0])
        entry[0] += 1
        entry[1] += n
    return {k: (count, int(words)) for k, (count, words) in sums.items()}


def shared_copy(articles: pd.DataFrame, passages: pd.DataFrame | None = None,
                min_words: int = MIN_SHARED_WORDS) -> pd.DataFrame:
    """Per pair of articles: passages shared, words shared, and the share of each article they cover."""
    _check_articles(articles, "shared_copy")
    passages = shared_passages(articles, min_words) if passages is None else passages
    n_words = {a: len(_token_spans(t)[0]) for a, t in zip(articles["article_id"], articles["text"])}
    outlet = dict(zip(articles["article_id"], articles["outlet"]))
    ids = list(articles["article_id"])
    totals = _passage_totals(passages)
    rows = []
    for x in range(len(ids)):
        for y in range(x + 1, len(ids)):
            count, words = totals.get((ids[x], ids[y]), (0, 0))
            rows.append((ids[x], ids[y], outlet[ids[x]], outlet[ids[y]], count, words,
                         words / n_words[ids[x]] if n_words[ids[x]] else 0.0,
                         words / n_words[ids[y]] if n_words[ids[y]] else 0.0))
    table = pd.DataFrame(rows, columns=["article_a", "article_b", "outlet_a", "outlet_b", "n_passages",
                                        "words_shared", "share_a", "share_b"])
    return categorical_pairs(table, PAIRED_COLUMNS)


# ---------------------------------------------------------------- translation traces


def _variant_pattern() -> tuple[re.Pattern | None, dict[str, tuple[str, str, str]]]:
    """One regex for every non-label spelling variant, and {lower-case form: (group, variant, origin)}."""
    first_form: dict[str, str] = {}
    for g, v, _ in _variant_rows():
        first_form.setdefault(g, v)
    forms = {v.lower(): (g, v, o) for g, v, o in _variant_rows() if v != first_form[g]}
    if not forms:
        return None, {}
    alt = "|".join(re.escape(f) for f in sorted(forms, key=lambda f: (-len(f), f)))
    return re.compile(rf"(?<![\w-])(?:{alt})(?![\w-])", re.IGNORECASE), forms


def translation_markers(articles: pd.DataFrame) -> pd.DataFrame:
    """Romanisation variants and translation traces found in each article, with examples and counts."""
    _check_articles(articles, "translation_markers")
    variant_rx, forms = _variant_pattern()
    translated = articles["translated_from"] if "translated_from" in articles.columns else [""] * len(articles)
    rows = []
    for (article_id, outlet, _, text), origin in zip(_articles_rows(articles), translated):
        found: dict[str, list[str]] = {}
        for m in variant_rx.finditer(text) if variant_rx else ():
            found.setdefault(m.group(0).lower(), []).append(m.group(0))
        for key in sorted(found, key=lambda f: list(forms).index(f)):
            g, v, o = forms[key]
            rows.append((article_id, outlet, origin, f"{v} for {g}", "spelling variant", o,
                         ", ".join(sorted(set(found[key]))), len(found[key])))
        for name, rx, hint in _markers():
            hits = [m.group(0).strip() for m in rx.finditer(text)]
            if hits:
                rows.append((article_id, outlet, origin, name, "pattern", hint,
                             ", ".join(sorted(set(hits))[:4]), len(hits)))
    return pd.DataFrame(rows, columns=MARKER_COLUMNS)


# ---------------------------------------------------------------- one-row-per-outlet summary


def _figure_differences(facts: pd.DataFrame) -> dict[str, list[str]]:
    """{outlet: ["fact label: value as written", ...]} where the outlet's figure excludes another's."""
    out: dict[str, list[str]] = {}
    disputed = facts[(~facts["agree"]) & (facts["n_articles"] > 1)]
    for fact, grp in disputed.groupby("fact", sort=True, observed=True):
        recs = grp.to_dict("records")
        for r in recs:
            others = [o for o in recs if o["outlet"] != r["outlet"]]
            if any(max(r["low"], o["low"]) > min(r["high"], o["high"]) for o in others):
                out.setdefault(r["outlet"], []).append(f"{r['fact_label']}: {r['quantity_text']}")
    return out


def _stance_text(claims: pd.DataFrame, outlet: str) -> str:
    """'stance n; stance n' for one outlet's claims, in the fixed stance order."""
    mine = claims[claims["outlet"] == outlet]["stance"].value_counts()
    return "; ".join(f"{s} {int(mine[s])}" for s in STANCES if s in mine.index) or "no claim"


SIDES = ("Ukraine", "Russia", "West", "Other")


def outlet_summary(articles: pd.DataFrame, voices: pd.DataFrame | None = None,
                   facts: pd.DataFrame | None = None, claims: pd.DataFrame | None = None,
                   distinctive: pd.DataFrame | None = None, place: str = "Soledar",
                   top_words: int = 5) -> pd.DataFrame:
    """One row per outlet: date, words, wire, translation, quotations (direct share), voices by side,
    place mentions per 10,000 words, control claims, distinctive words and figures that differ.

    `voices` is `speaker_counts(quotes, by="outlet")`, `facts` is `compare_figures(...)`, `claims`
    is `control_claims(...)`, `distinctive` is `distinctive_terms(...)`; a table left out leaves
    its columns out."""
    _check_articles(articles, "outlet_summary")
    from newslens.style import outlet_order
    rx = place_pattern(place)
    diffs = _figure_differences(facts) if facts is not None and len(facts) else {}
    rows = []
    for outlet in outlet_order(articles):
        arts = articles[articles["outlet"] == outlet]
        words = int(arts["n_words"].sum()) if "n_words" in arts.columns else sum(len(_token_spans(t)[0]) for t in arts["text"])
        mentions = sum(len(rx.findall(t)) for t in arts["text"])
        row = {
            "outlet": outlet,
            "date": arts["date"].min() if "date" in arts.columns else pd.NaT,
            "words": words,
            "wire_source": _joined(arts, "wire_source"),
            "translated_from": _joined(arts, "translated_from"),
        }
        if voices is not None:
            row.update(_voices_row(voices, outlet))
        row[f"{place.lower()}_per_10k_words"] = round(mentions / words * 10_000, 1) if words else math.nan
        if claims is not None:
            row["control_claims"] = _stance_text(claims, outlet)
        if distinctive is not None:
            col = "display" if "display" in distinctive.columns else "term"
            row["distinctive_words"] = ", ".join(distinctive[distinctive["target"] == outlet][col].head(top_words))
        if facts is not None:
            row["figures_that_differ"] = " / ".join(diffs.get(outlet, [])) or "none"
        rows.append(row)
    return pd.DataFrame(rows)


def _joined(arts: pd.DataFrame, column: str) -> str:
    """The distinct non-empty values of a metadata column, sorted and joined with '; '."""
    if column not in arts.columns:
        return ""
    return "; ".join(sorted(set(arts[column].fillna("").astype(str)) - {""}))


def _voices_row(voices: pd.DataFrame, outlet: str) -> dict:
    """Quotations, direct share and speakers per side of one outlet from a speaker_counts table."""
    missing = {"outlet", "side", "direct", "indirect", "total"} - set(voices.columns)
    if missing:
        raise CompareError(f"voices must be speaker_counts(quotes, by='outlet'); missing column(s) {sorted(missing)}")
    mine = voices[voices["outlet"] == outlet]
    total = int(mine["total"].sum())
    row = {"quotations": total,
           "direct_share": round(int(mine["direct"].sum()) / total, 2) if total else math.nan}
    side = mine["side"].where(mine["side"].isin(SIDES[:3]), "Other")
    for s in SIDES:
        row[f"voices_{s.lower()}"] = int((side == s).sum())
    return row


# ---------------------------------------------------------------- similarity and shared copy, bounded (notebook 04)


SIMILARITY_BLOCK = 512  # rows of the cosine matrix computed at a time (memory: block x articles)
PAIR_COLUMNS = ["article_a", "article_b", "outlet_a", "outlet_b", "cosine"]


def _cosine_blocks(texts: list[str]):
    """(first row, cosines of rows first.. first + SIMILARITY_BLOCK against every text) in turn."""
    x, norms, _ = tfidf_matrix(texts)
    safe = np.where(norms == 0, 1.0, norms)
    for first in range(0, len(texts), SIMILARITY_BLOCK):
        block = x[first:first + SIMILARITY_BLOCK] @ x.T
        yield first, block / np.outer(safe[first:first + SIMILARITY_BLOCK], safe)


def outlet_similarity(articles: pd.DataFrame, outlets: list[str], top: int = 10,
                      groups: pd.Series | list[str] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(mean TF-IDF cosine between the articles of every two outlets, the `top` most similar article pairs).

    The first table is square, one row and column per name of `outlets`, in that order; each article
    counts under its name in `groups` (e.g. the outlet column of `pool_outlets(articles)`; default
    its outlet). The diagonal is the mean over pairs of different articles of one name (NaN when it
    has one article). The second has PAIR_COLUMNS: pairs of articles from different outlets, most
    similar first (ties: table order), each pair once. Memory grows with articles x
    SIMILARITY_BLOCK, never with the square of the articles."""
    _check_articles(articles, "outlet_similarity")
    names = list(outlets)
    code = {o: i for i, o in enumerate(names)}
    group = np.array([code[o] for o in (articles["outlet"] if groups is None else groups)], dtype=np.int64)
    real = pd.factorize(articles["outlet"])[0]
    n, k = len(articles), len(names)
    sums, candidates = np.zeros((k, k)), []
    onehot = np.zeros((n, k))
    onehot[np.arange(n), group] = 1.0
    for first, cos in _cosine_blocks(list(articles["text"])):
        rows = np.arange(first, first + len(cos))
        cos[rows - first, rows] = 0.0  # an article paired with itself is not a pair
        np.add.at(sums, group[rows], cos @ onehot)
        upper = (np.arange(n)[None, :] > rows[:, None]) & (real[None, :] != real[rows][:, None])
        scores = np.where(upper, cos, -1.0).ravel()
        keep = np.argsort(-scores, kind="stable")[:top]
        candidates += [(float(scores[c]), first + c // n, c % n) for c in keep if scores[c] >= 0]
    size = np.bincount(group, minlength=k).astype(float)
    pairs_per_cell = np.outer(size, size) - np.diag(size)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(pairs_per_cell > 0, sums / pairs_per_cell, np.nan)
    matrix = pd.DataFrame(np.round(mean, 12), index=pd.Index(names, name="outlet_a"),
                          columns=pd.Index(names, name="outlet_b"))
    best = sorted(candidates, key=lambda c: (-c[0], c[1], c[2]))[:top]
    ids, outlet = list(articles["article_id"]), list(articles["outlet"])
    pairs = pd.DataFrame([(ids[i], ids[j], outlet[i], outlet[j], round(s, 12)) for s, i, j in best], columns=PAIR_COLUMNS)
    return matrix, pairs


def pair_passages(articles: pd.DataFrame, pairs: pd.DataFrame, min_words: int = MIN_SHARED_WORDS) -> pd.DataFrame:
    """The word sequences of at least `min_words` tokens shared by each pair of articles in `pairs`
    (columns article_a, article_b), as `shared_passages` finds them, without looking at other pairs."""
    _check_articles(articles, "pair_passages")
    if not isinstance(min_words, int) or min_words < 2:
        raise CompareError(f"min_words must be a whole number of at least 2, got {min_words!r}")
    position = {a: i for i, a in enumerate(articles["article_id"])}
    wanted = sorted({tuple(sorted((position[a], position[b]))) for a, b in zip(pairs["article_a"], pairs["article_b"])})
    ids, outlets, texts = list(articles["article_id"]), list(articles["outlet"]), list(articles["text"])
    toks = {i: _token_spans(texts[i]) for i in sorted({i for pair in wanted for i in pair})}
    indexes = {i: _run_index(t[0], min_words) for i, t in toks.items()}
    rows = []
    for x, y in wanted:
        for i, j, n in _common_runs(toks[x][0], toks[y][0], min_words, indexes[x], indexes[y]):
            sa, ea = toks[x][1][i], toks[x][2][i + n - 1]
            sb, eb = toks[y][1][j], toks[y][2][j + n - 1]
            rows.append((ids[x], ids[y], outlets[x], outlets[y], n, sa, ea, sb, eb, texts[x][sa:ea]))
    return categorical_pairs(pd.DataFrame(rows, columns=PASSAGE_COLUMNS), PAIRED_COLUMNS)


def pair_copy(pairs: pd.DataFrame, passages: pd.DataFrame) -> pd.DataFrame:
    """`pairs` with the passages each shares: n_passages, words_shared and the longest passage."""
    totals = _passage_totals(passages)
    longest: dict[tuple, str] = {}
    for a, b, n, text in passages.sort_values("n_words", ascending=False, kind="stable")[
            ["article_a", "article_b", "n_words", "passage"]].itertuples(index=False):
        longest.setdefault((a, b), text)
    keys = [(a, b) if (a, b) in totals else (b, a) for a, b in zip(pairs["article_a"], pairs["article_b"])]
    return pairs.assign(n_passages=[totals.get(k, (0, 0))[0] for k in keys],
                        words_shared=[totals.get(k, (0, 0))[1] for k in keys],
                        longest_passage=[longest.get(k, "") for k in keys])
