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
_APOS_TABLE = str.maketrans({c: "'" for c in APOSTROPHES} | {"\u2010": "-", "\u2011": "-"})
DOTTED_ABBREVIATION = r"(?<![^\W_])(?:[^\W\d_]\.){2,}(?![^\W_])"  # U.S., U.K., a.m., e.g.
TOKEN_RE = re.compile(
    DOTTED_ABBREVIATION + r"|\d+(?:[.,]\d+)*(?![^\W_]|-[^\W_])|[^\W_]+(?:['\-][^\W_]+)*"
)
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)*")
POSSESSIVE = "'s"
TOKEN_COLUMNS = ["article_id", "token_id", "start", "end", "token", "norm", "is_number"]


def normalise_apostrophes(text: str) -> str:
    """Curly apostrophes and non-breaking hyphens to ASCII; length and offsets are unchanged."""
    return text.translate(_APOS_TABLE)


def iter_tokens(text: str):
    """Yield (start, end, surface) for every token of `text`, splitting off possessive 's."""
    flat = normalise_apostrophes(text)
    for m in TOKEN_RE.finditer(flat):
        start, end = m.span()
        word = flat[start:end]
        low = word.lower()
        if len(word) > 2 and low.endswith(POSSESSIVE):
            yield start, end - 2, text[start:end - 2]
            yield end - 2, end, POSSESSIVE
        else:
            yield start, end, text[start:end]


def tokenize(text: str) -> list[str]:
    """The case-folded tokens of `text`, in order (curly apostrophes folded to ')."""
    return [normalise_apostrophes(w).lower() for _, _, w in iter_tokens(text)]


def word_count(text: str) -> int:
    """Number of tokens in `text` (the project's denominator for every rate)."""
    return sum(1 for _ in iter_tokens(text))


def tokens(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per token: article_id, token_id, start, end, token (as written), norm, is_number."""
    rows = []
    for article_id, text in zip(articles["article_id"], articles["text"]):
        for i, (start, end, word) in enumerate(iter_tokens(text)):
            norm = normalise_apostrophes(word).lower()
            rows.append((article_id, i, start, end, word, norm, bool(NUMBER_RE.fullmatch(norm))))
    return pd.DataFrame(rows, columns=TOKEN_COLUMNS)
