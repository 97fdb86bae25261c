"""Reporting cues: the verbs and phrases that attribute words to a speaker, found in one pass.

The lexicon lives in `data/reporting_verbs.txt` (each cue with a class saying how much evidence it needs,
see the file's header). `cue_positions` finds every cue of an article with one prefix-tree regex.
Used by `newslens.attribution` and `newslens.coref` (notebook 03-speakers through `extract_quotes`).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from newslens.names import NamesError
from newslens.patterns import trie_pattern

VERBS_FILE = Path(__file__).resolve().parent / "data" / "reporting_verbs.txt"
CUE_CLASSES = ("any", "clause", "quote")


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    """Reporting cue (lower case) -> class (any | clause | quote), from `data/reporting_verbs.txt`."""
    lexicon = {}
    for n, line in enumerate(VERBS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        form, sep, kind = line.partition("\t")
        if not sep or kind.strip() not in CUE_CLASSES:
            raise NamesError(f"{VERBS_FILE.name}, line {n}: expected 'form<TAB>any|clause|quote', got {line!r}")
        lexicon[form.strip().lower()] = kind.strip()
    return lexicon


@lru_cache(maxsize=1)
def cue_regex() -> re.Pattern:
    """One regex matching every cue as a whole word or phrase (longest first)."""
    forms = sorted(cue_lexicon(), key=len, reverse=True)
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in forms) + r")(?![\w-])", re.I)


@lru_cache(maxsize=1)
def cue_starts() -> dict[str, list[str]]:
    """First word of each cue (lower case) -> the cues starting with it, longest first."""
    out: dict[str, list[str]] = {}
    for form in sorted(cue_lexicon(), key=len, reverse=True):
        out.setdefault(form.split()[0], []).append(form)
    return out


@lru_cache(maxsize=256)
def phrase_regex(form: str) -> re.Pattern:
    """A multi-word cue as a regex allowing any white space between its words."""
    return re.compile(r"\s+".join(map(re.escape, form.split())) + r"(?![\w-])")


@lru_cache(maxsize=1)
def cue_word_regex() -> re.Pattern:
    """Whole lower-case words that can start a cue, as one prefix-tree regex."""
    return re.compile(r"(?<![\w-])" + trie_pattern(sorted(cue_starts())) + r"(?![\w-])")


def cue_positions(masked: str) -> list[tuple[int, int, str]]:
    """(start, end, cue) of every reporting cue in a masked text, in one regex pass."""
    starts, found = cue_starts(), []
    lower = masked.lower()
    for m in cue_word_regex().finditer(lower):
        forms = starts.get(m.group(0))
        if not forms:
            continue
        for form in forms:
            if " " not in form:
                found.append((m.start(), m.end(), form))
                break
            tail = phrase_regex(form).match(lower, m.start(), m.start() + 40)
            if tail:
                found.append((m.start(), tail.end(), form))
                break
    return found
