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
CUE_CLASSES = ("any", "clause", "quote", "direct", "stance")
NEWS_PUNCTUATION = "’‘“”–—…"  # curly quotes, dashes and the ellipsis
QUESTION, QUESTION_BYTE = b"?", ord("?")  # the byte of every character beyond Latin-1 (and of "?")
# one byte per Latin-1 character for `_word_bytes`: a-z kept, other word characters and "-" as "_",
# "?" kept, everything else a space (word characters as `\w` sees them: str.isalnum() or "_")
WORD_BYTES = bytes(c if 97 <= c <= 122 else 95 if chr(c).isalnum() or chr(c) in "_-" else 63 if c == 63 else 32
                   for c in range(256))
PLAIN_WORD_RE = re.compile("[a-z]+")  # cue first words the byte copy can find


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    """Reporting cue (lower case) -> class (any | clause | quote | direct | stance), from `data/reporting_verbs.txt`."""
    lexicon = {}
    for n, line in enumerate(VERBS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        form, sep, kind = line.partition("\t")
        if not sep or kind.strip() not in CUE_CLASSES:
            raise NamesError(f"{VERBS_FILE.name}, line {n}: expected 'form<TAB>any|clause|quote|direct|stance', got {line!r}")
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
    """(start, end, cue) of every reporting cue in a masked text, in one regex pass.

    The hits are those of `cue_word_regex` over `masked.lower()`. That regex starts with a look-behind,
    which makes Python's engine try it at every character; here the lower-cased text is first mapped
    to bytes of the same length (`_word_bytes`), where a cue word can only start after a space or a
    "?", so the engine jumps between those literal bytes.
    """
    starts, found = cue_starts(), []
    lower = masked.lower()
    for at, end in _cue_word_spans(lower):
        forms = starts.get(lower[at:end])
        if not forms:
            continue
        for form in forms:
            if " " not in form:
                found.append((at, end, form))
                break
            tail = phrase_regex(form).match(lower, at, at + 40)
            if tail:
                found.append((at, tail.end(), form))
                break
    return found


def _word_bytes(text: str) -> bytes:
    """One byte per character: a-z kept, other word characters and "-" as "_", "?" for characters
    beyond Latin-1 (word or not: checked on the text), everything else a space."""
    for char in NEWS_PUNCTUATION:  # common beyond Latin-1 and never part of a word: spaces, no check needed
        if char in text:
            text = text.replace(char, " ")
    return text.encode("latin-1", "replace").translate(WORD_BYTES)


def _cue_word_spans(lower: str) -> list[tuple[int, int]]:
    """(start, end) of every hit of `cue_word_regex` in a lower-cased text (see `cue_positions`)."""
    if not _plain_cue_starts():  # a cue word with a character the byte copy does not keep
        return [m.span() for m in cue_word_regex().finditer(lower)]
    data = _word_bytes(lower)
    at_start, after_space, after_mark = cue_word_bytes_regex()
    spans = [m.span(1) for m in after_space.finditer(data)]
    head = at_start.match(data)
    if head:
        spans.insert(0, head.span(1))
    if QUESTION not in data:
        return spans  # every neighbour byte says what the text holds: nothing to check
    spans += [m.span(1) for m in after_mark.finditer(data)]
    spans.sort()
    n = len(data)
    return [(at, end) for at, end in spans  # a "?" byte may stand for a word character: look at the text
            if not (at and data[at - 1] == QUESTION_BYTE and _is_word(lower[at - 1]))
            and not (end < n and data[end] == QUESTION_BYTE and _is_word(lower[end]))]


def _is_word(char: str) -> bool:
    """True for a character that `(?<![\\w-])` / `(?![\\w-])` treat as part of a word."""
    return char.isalnum() or char in "_-"


@lru_cache(maxsize=1)
def _plain_cue_starts() -> bool:
    """True when every cue's first word is plain a-z, so `_word_bytes` keeps all its letters."""
    return all(PLAIN_WORD_RE.fullmatch(word) for word in cue_starts())


@lru_cache(maxsize=1)
def cue_word_bytes_regex() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """`cue_word_regex` for `_word_bytes` output: (at the start, after a space, after a "?")."""
    body = b"(" + trie_pattern(sorted(cue_starts())).encode("ascii") + rb")(?![a-z_])"
    return re.compile(body), re.compile(b" " + body), re.compile(rb"\?" + body)
