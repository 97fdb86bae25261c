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

import pandas as pd

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
    return sum(1 for _ in TOKEN_RE.finditer(normalise_apostrophes(text)))


def tokens(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per token: article_id, token_id, start, end, token (as written), norm, is_number."""
    cols: dict[str, list] = {c: [] for c in TOKEN_COLUMNS}
    for article_id, text in zip(articles["article_id"], articles["text"]):
        spans = token_spans(text)
        flat = normalise_apostrophes(text)
        norms = [flat[s:e].lower() for s, e in spans]
        cols["article_id"].extend([article_id] * len(spans))
        cols["token_id"].extend(range(len(spans)))
        cols["start"].extend(s for s, _ in spans)
        cols["end"].extend(e for _, e in spans)
        cols["token"].extend(POSSESSIVE if w == POSSESSIVE else text[s:e] for (s, e), w in zip(spans, norms))
        cols["norm"].extend(norms)
        cols["is_number"].extend(NUMBER_RE.fullmatch(w) is not None for w in norms)
    return pd.DataFrame(cols, columns=TOKEN_COLUMNS)
