"""Who is who: person and organisation mentions, transliteration-aware name matching, sides.

Finds the speakers a sentence can name (capitalised names with their titles, organisations,
countries speaking as governments, role phrases such as "the ministry" or "a senior U.S. military
officer"), gives each person a transliteration key so that Maliar / Malyar, Prigozhin / Prigojine
or Kyrylenko / Kirilenko fall together without any alias table, reads a speaker's side from the
descriptors around the name, and merges the speakers of a whole corpus into one display name per
real person (a user-editable `corpus/aliases.csv` overrides the merges). Word lists live in
`data/role_words.txt`, `data/organisations.csv`, `data/nationalities.csv` and
`data/news_channels.txt`. Used by `newslens.quotes` (notebook 03-speakers, and 04/05 through it).
"""
from __future__ import annotations

import csv
import difflib
import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, compress, count, repeat
from operator import or_
from pathlib import Path
from typing import Callable, Iterator, Mapping, NamedTuple

import numpy as np

from newslens.patterns import trie_pattern

DATA_DIR = Path(__file__).resolve().parent / "data"
ROLE_WORDS_FILE = DATA_DIR / "role_words.txt"
ORGANISATIONS_FILE = DATA_DIR / "organisations.csv"
NATIONALITIES_FILE = DATA_DIR / "nationalities.csv"
CHANNELS_FILE = DATA_DIR / "news_channels.txt"
ALIAS_COLUMNS = ("name", "speaker")
SIDES = ("Ukraine", "Russia", "West", "Other", "unknown")
PARTICLES = frozenset("von van der den de del della di da du dos das la le al el bin ibn ben ter ten zu".split())
# A word of a name: letters with inner hyphens/apostrophes, an optional possessive, or a dotted
# abbreviation ("U.S.", "Mr.").
WORD_RE = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W\d_]+(?:[-'’][^\W\d_]+)*(?:['’]s\b)?\.?")
WORD_SPLIT_RE = re.compile("(" + WORD_RE.pattern + ")")  # gaps and words, alternating
_CAP = r"[A-Z\u00C0-\u00DE\u0100-\u017F\u0391-\u03A9\u0400-\u042F][\w'’.-]*"
# Runs of capitalised words (with particles and "of the" inside): the only places a name can be.
_LINKS = r"(?:(?:of|the|for|" + "|".join(sorted(PARTICLES)) + r") )*"
# The first capital is matched before the look-behind (no letter or apostrophe before it) so the regex
# engine can jump between capitals instead of testing the look-behind at every character.
_FIRST_CAP = _CAP[:_CAP.index("]") + 1]
CAP_RUN_RE = re.compile(_FIRST_CAP + r"(?<![\w'’]" + _FIRST_CAP + r")" + _CAP[len(_FIRST_CAP):]
                        + r"(?:[ -]" + _LINKS + _CAP + r")*")
DOTTED_TITLES = frozenset("mr mrs ms dr st jr gen lt col sgt gov sen rep prof capt maj rev adm".split())
PARTICLES_BEFORE_RE = re.compile(r"(?:\b(?:" + "|".join(sorted(PARTICLES)) + r") )+$")
CAP_RUN_SPLIT_RE = re.compile("(" + CAP_RUN_RE.pattern + ")")  # gaps and runs, alternating
# Gaps before a run that may end in a particle ("... von "; a short gap may continue one begun in the run before).
PARTICLE_ENDS = tuple(sorted(p + " " for p in PARTICLES))
PARTICLE_END_PARTS = frozenset(e[i:] for e in PARTICLE_ENDS for i in range(1, len(e)))
LOCATIVE_RE = re.compile(r"\b(?:in|at|near|from|into|towards?|outside|around|across|through|via|"
                         r"north|south|east|west|northeast|northwest|southeast|southwest)\s*$", re.I)
TRANSLIT_RULES = (  # applied in order to an accent-folded lower-case name
    ("tch", "ch"), ("kh", "x"), ("zh", "j"), ("sch", "sh"), ("gu", "g"), ("ou", "u"), ("ck", "k"),
    ("w", "v"), ("y", "i"), ("h", "g"), ("ii", "i"), ("ie", "e"), ("ei", "e"), ("ia", "ia"),
)
UKRAINIAN_O_PREFIXES = ("oleks", "olex")
REGION_ADJECTIVES = frozenset("eastern western northern southern central".split())
SURNAME_SIMILARITY = 0.84
FIRST_NAME_SIMILARITY = 0.75
LEADING_THE_RE = re.compile(r"^(?:the|The)\s+")  # "the" before an organisation's name
LEADING_CAPITAL_THE_RE = re.compile(r"^The\s+")
# Runs of capitalised words remembered with their phrases (about 450 bytes each: at most ~60 MB; a
# 10k-article corpus has about 93k distinct runs, so a smaller cache would keep re-classifying them).
RUN_CACHE_SIZE = 2 ** 17
VECTOR_GROUP_MIN = 64  # surname keys sharing a prefix from which candidate pairs are filtered with numpy


class NamesError(ValueError):
    """A names data file or aliases file that cannot be read as documented."""


@dataclass(slots=True)
class Mention:
    """A capitalised name found in a sentence: a person, an organisation or a lone word."""

    start: int            # offset of the whole phrase (titles included) in the article text
    end: int
    name_start: int       # offset where the name itself begins (after titles)
    kind: str             # person | org | single
    name: str             # the name as printed, titles removed
    descriptor: str = ""  # titles and appositions around the name
    possessive: bool = False
    titled: bool = False


@dataclass
class Speaker:
    """A resolved speaker: its display name, type, side and how it was referred to."""

    name: str
    speaker_type: str            # person | organization | anonymous | unknown
    side: str = "unknown"
    descriptor: str = ""
    surface: str = ""            # the form printed in the article
    key: str = ""                # transliteration key (persons) or folded name (others)
    first: str = ""              # first names of a person, if printed
    aliases: set = field(default_factory=set)


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case, accents removed, curly apostrophes straightened, spaces collapsed."""
    text = str(text)
    if text.isascii():  # nothing to decompose or straighten; split() collapses the same spaces as \s+
        return " ".join(text.split()).lower()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).replace("’", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


@lru_cache(maxsize=65536)
def translit_key(word: str) -> str:
    """A spelling-independent key for a name word (Malyar/Maliar -> 'maliar', Prigojine -> 'prigojin')."""
    key = re.sub(r"[^a-z]", "", fold(word))
    for old, new in TRANSLIT_RULES:
        key = key.replace(old, new)
    key = re.sub(r"(.)\1+", r"\1", key)
    if key.startswith(UKRAINIAN_O_PREFIXES):
        key = "a" + key[1:]  # Ukrainian Oleksandr / Russian Aleksandr, Oleksii / Aleksei
    if key.startswith(("ie", "iu", "ia")) and len(key) > 3:
        key = key[1:]  # Yevgeny / Evgeny, Yuriy / Iouri
    if len(key) > 5 and key.endswith("e") and key[-2] not in "aeiou":
        key = key[:-1]  # French final -e: Khramchikhine, Prigojine
    return key


@lru_cache(maxsize=65536)
def similar(a: str, b: str) -> float:
    """Similarity (0..1) of two transliteration keys."""
    if a == b:
        return 1.0
    return difflib.SequenceMatcher(None, a, b).ratio()


@lru_cache(maxsize=65536)
def alike(a: str, b: str, threshold: float) -> bool:
    """True if two keys are at least `threshold` similar (cheap length bound checked first; cached per key pair)."""
    if a == b:
        return True
    if not a or not b or 2 * min(len(a), len(b)) / (len(a) + len(b)) < threshold:
        return False
    ca, cb = _letter_counts(a), _letter_counts(b)
    shared = sum(min(n, cb[c]) for c, n in ca.items() if c in cb)
    if 2 * shared / (len(a) + len(b)) < threshold:  # an upper bound of the similarity ratio
        return False
    return similar(a, b) >= threshold


@lru_cache(maxsize=65536)
def _letter_counts(key: str) -> dict[str, int]:
    """How often each letter occurs in a key (for the cheap similarity bound)."""
    return dict(Counter(key))


@lru_cache(maxsize=65536)
def split_name(name: str) -> tuple[str, str]:
    """(first names, surname) of a person's name; particles belong to the surname ("von der Leyen")."""
    words = name.split()
    i = len(words) - 1
    while i > 0 and words[i - 1].lower() in PARTICLES:
        i -= 1
    return " ".join(words[:i]), " ".join(words[i:])


def person_key(name: str) -> str:
    """The transliteration key of a person's surname."""
    return translit_key(split_name(name)[1])


@lru_cache(maxsize=65536)
def same_person(a: str, b: str) -> bool:
    """True if two printed names can be the same person (surnames alike, first names compatible)."""
    fa, sa = split_name(a)
    fb, sb = split_name(b)
    if not alike(translit_key(sa), translit_key(sb), SURNAME_SIMILARITY):
        return False
    if not fa or not fb:
        return True
    return _same_first(translit_key(fa.split()[0]), translit_key(fb.split()[0]))


def _read_rows(path: Path) -> list[dict]:
    """Rows of a commented CSV data file (lines starting with # are skipped)."""
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines))


@lru_cache(maxsize=1)
def role_words() -> dict[str, frozenset]:
    """The word lists of `data/role_words.txt`, by kind (title, person, org, place, stop)."""
    kinds: dict[str, set] = defaultdict(set)
    for n, line in enumerate(ROLE_WORDS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, sep, word = line.partition("\t")
        if not sep:
            raise NamesError(f"{ROLE_WORDS_FILE.name}, line {n}: expected 'kind<TAB>word', got {line!r}")
        kinds[kind.strip()].add(word.strip().lower())
    return {k: frozenset(v) for k, v in kinds.items()}


@lru_cache(maxsize=1)
def organisations() -> list[tuple[re.Pattern, str, str]]:
    """(full-match pattern, display name, side) for each row of `data/organisations.csv`."""
    return [(re.compile(rf"(?:{r['pattern']})"), r["name"], r["side"]) for r in _read_rows(ORGANISATIONS_FILE)]


@lru_cache(maxsize=1)
def nationalities() -> dict[str, tuple[str, str]]:
    """Folded nationality/place word -> (adjective, side), from `data/nationalities.csv`."""
    return {fold(r["word"]): (r["adjective"], r["side"]) for r in _read_rows(NATIONALITIES_FILE)}


@lru_cache(maxsize=1)
def news_channels() -> frozenset[str]:
    """Wires, broadcasters and platforms that carry words but are not speakers."""
    lines = CHANNELS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip() for ln in lines if ln.strip() and not ln.startswith("#"))


@lru_cache(maxsize=65536)
def is_news_channel(name: str) -> bool:
    """True for a listed channel (`data/news_channels.txt`) or an outlet named by its masthead word: a capitalised
    name of two words or more ending in a `media` word of `data/role_words.txt` ("Washington Times", "Miami Herald")."""
    if name in news_channels():
        return True
    words = name.split()
    return len(words) >= 2 and fold(words[-1]) in role_words().get("media", ()) and all(w[:1].isupper() for w in words)


@lru_cache(maxsize=1)
def side_regex() -> re.Pattern:
    """One regex finding every nationality word (a prefix tree: the longest word wins, as with longest-first)."""
    return re.compile(r"(?<![\w-])(" + trie_pattern(sorted(nationalities())) + r")(?![\w-])", re.I)


@lru_cache(maxsize=65536)
def side_of(descriptor: str) -> str:
    """The side a descriptor points to ("pro-Russian separatist MP" -> Russia); allegiance words win."""
    text = descriptor.replace("’", "'")
    table = nationalities()
    found = [table[fold(m)][1] for m in side_regex().findall(text) if fold(m) in table]
    if not found:
        return "unknown"
    allegiance = [table[fold(m)][1] for m in ALLEGIANCE_RE.findall(text) if fold(m) in table]
    if allegiance:
        return allegiance[0]
    if APPOINTED_RE.search(text):
        return "Russia"
    return found[0]


ALLEGIANCE_RE = re.compile(r"\b(?:pro|ex)-\w+|\w+-(?:installed|backed|appointed)")
APPOINTED_RE = re.compile(r"appointed by (?:Russia|Moscow|the Kremlin)|separatist")



@lru_cache(maxsize=65536)
def match_organisation(name: str) -> tuple[str, str] | None:
    """(display name, side) if a capitalised phrase is a listed organisation or a ministry."""
    bare = name.strip()
    if bare.startswith(("the", "The")):  # the only strings LEADING_THE_RE can change
        bare = LEADING_THE_RE.sub("", bare)
    bare = bare.replace("’", "'")
    pattern, rows = organisation_regex()
    found = pattern.fullmatch(bare) if _organisation_quick().fullmatch(bare) else None
    if found:  # the first listed pattern that matches the whole phrase, as a loop over the rows would find
        return rows[next(i for i in range(len(rows)) if found.group(f"o{i}") is not None)]
    return match_ministry(bare)  # which first tests MINISTRY_HINT_RE


@lru_cache(maxsize=1)
def organisation_regex() -> tuple[re.Pattern, list[tuple[str, str]]]:
    """All organisation patterns as one alternation (group o<i> = row i) and the (display name, side) rows."""
    rows = organisations()
    pattern = "|".join(f"(?P<o{i}>{p.pattern})" for i, (p, _, _) in enumerate(rows))
    return re.compile(pattern), [(display, side) for _, display, side in rows]


@lru_cache(maxsize=1)
def _organisation_quick() -> re.Pattern:
    """The organisation alternation without the row groups, to reject a phrase quickly (the groups' marks
    keep the regex engine from skipping a branch by its first letter); it matches what
    `organisation_regex` matches unless a pattern refers to a group by number, when that regex is used."""
    rows = organisations()
    if any(GROUP_REFERENCE_RE.search(p.pattern) for p, _, _ in rows):
        return organisation_regex()[0]
    return re.compile("|".join(f"(?:{p.pattern})" for p, _, _ in rows))


GROUP_REFERENCE_RE = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")  # \1, (?P=name), (?(1)...) in a pattern
MINISTRY_RE = re.compile(
    r"^(?:the\s+)?([\w.'-]+)\s+(?:ministry\s+of\s+([\w ]+?)|([\w]+(?:\s+affairs)?)\s+ministry|(defen[cs]e))$", re.I)
# The words MINISTRY_RE cannot match without, with its flags: a quick search first spares most phrases the full match.
MINISTRY_HINT_RE = re.compile(r"ministry|defen[cs]e", re.I)


def match_ministry(phrase: str) -> tuple[str, str] | None:
    """("Russian Ministry of Defence", "Russia") for "the Russian Defense Ministry" and its variants."""
    if not MINISTRY_HINT_RE.search(phrase):
        return None
    m = MINISTRY_RE.match(phrase.strip().replace("’", "'"))
    owner = fold(m.group(1)).removesuffix("'s") if m else ""
    if not m or owner not in nationalities():
        return None
    adjective, side = nationalities()[owner]
    domain = (m.group(2) or m.group(3) or m.group(4)).strip().title()
    domain = re.sub(r"Defense", "Defence", domain)
    return f"{adjective} Ministry of {domain}", side


def _is_cap(word: str) -> bool:
    """True for a word that starts with a capital letter."""
    return word[:1].isupper()


def _namey(word: str) -> bool:
    """True for a word that can be part of a person's name (not all capitals, not a place head)."""
    bare = word.rstrip(".")
    return any(c.islower() for c in bare) and fold(bare) not in _not_name_words()


@lru_cache(maxsize=1)
def _not_name_words() -> frozenset[str]:
    """Place, organisation and stop words of `data/role_words.txt`: never part of a person's name."""
    words = role_words()
    return words["place"] | words["org"] | words["stop"] | words.get("party", frozenset())


@lru_cache(maxsize=1)
def _phrase_marks() -> frozenset[str]:
    """Words after which the rest of a capitalised phrase may be a name: org and title words, of/for/the."""
    return role_words()["org"] | role_words()["title"] | {"of", "for", "the"}


@lru_cache(maxsize=1)
def _of_heads() -> frozenset[str]:
    """Organisation and title words that an 'of'/'for' phrase can continue ("Ministry of Defence")."""
    return role_words()["org"] | role_words()["title"]


def find_names(text: str, start: int, end: int) -> list[Mention]:
    """Capitalised name phrases in text[start:end] (quotes already masked), as Mentions.

    Every run's phrases come from the per-run cache; only runs with phrases are visited, and only
    phrases flagged by the cache (`CHECK_PLACE`, `CHECK_MONTH`) read the text before them.
    """
    starts, runs, gaps = _cap_runs(text, start, end)
    phrases = list(map(_run_phrases, runs))
    particle_gaps = map(or_, map(str.endswith, gaps, repeat(PARTICLE_ENDS)), map(PARTICLE_END_PARTS.__contains__, gaps))
    for k in compress(count(), particle_gaps):  # "... von der Leyen": the run may start at its particles
        moved = _particle_start(text, start, starts[k], runs[k])
        if moved is not None:
            starts[k], phrases[k] = moved
    mentions = []
    for k in compress(count(), phrases):
        lo = starts[k]
        for rel, kind, name_at, rel_end, name, descriptor, possessive, titled, check in phrases[k]:
            at = lo + rel
            if check and _context_rejects(text, check, at, at + rel_end, possessive, mentions):
                continue
            mentions.append(Mention(at, at + rel_end, at + name_at, kind, name, descriptor, possessive, titled))
    return mentions


def _particle_start(text: str, start: int, lo: int, run: str) -> tuple[int, tuple] | None:
    """(new offset, phrases) of a run that a particle run before it begins ("von der Leyen"), else None."""
    if text[max(start, lo - 5):lo - 1].rpartition(" ")[2] not in PARTICLES:
        return None
    before = PARTICLES_BEFORE_RE.search(text, max(start, lo - 20), lo)
    if not before:
        return None
    return before.start(), _run_phrases(text[before.start():lo + len(run)])


def _context_rejects(text: str, check: int, at: int, end: int, possessive: bool, mentions: list[Mention]) -> bool:
    """True if the text before a flagged phrase rules it out as is (a person in a place appended instead).

    CHECK_PLACE: an untitled person after "the" or a locative ("the Joint Control...", "in Krasna Hora")
    is not a person, but "<role> in <Place> <First Last>" names one; CHECK_MONTH: a month after a time
    word ("who fled in May").
    """
    if check == CHECK_PLACE:
        if not _ends_with_the_or_locative(text[max(0, at - 25):at]):
            return False
        split = _place_then_person(text, at, end, possessive)
        if split is not None:
            mentions.append(split)
        return True
    return TIME_WORD_END_RE.search(text, max(0, at - 12), at) is not None


def _cap_runs(text: str, start: int, end: int) -> tuple[list[int], list[str], list[str]]:
    """Offsets and texts of the runs of capitalised words in text[start:end], and the gap before each.

    From the start of a text, one split gives every run and the gaps between them as C-built lists
    (offsets are sums of their lengths); a window starting later is searched run by run, because the
    first run's look-behind must see the character before the window.
    """
    if start == 0:
        parts = CAP_RUN_SPLIT_RE.split(text if end >= len(text) else text[:end])  # gap, run, gap, ..., gap
        ends = list(accumulate(map(len, parts)))
        return ends[0:-1:2], parts[1::2], parts[0:-1:2]
    found = list(CAP_RUN_RE.finditer(text, start, end))
    runs_end = [start] + [m.end() for m in found]
    return [m.start() for m in found], [m.group(0) for m in found], \
        [text[a:m.start()] for a, m in zip(runs_end, found)]


def _ends_with_the_or_locative(context: str) -> bool:
    """True if THE_OR_LOCATIVE_END_RE finds "the" or a locative ending `context` (a 25-character window).

    The search starts only where a match can begin: its word ends at the trailing spaces (the regex's
    \\s and str.rstrip agree on what a space is) and is at most THE_OR_LOCATIVE_LONGEST characters long;
    a search from an offset still sees the character before it for \\b.
    """
    return THE_OR_LOCATIVE_END_RE.search(context, max(0, len(context.rstrip()) - THE_OR_LOCATIVE_LONGEST)) is not None


def _place_then_person(text: str, start: int, end: int, possessive: bool) -> Mention | None:
    """The person at the end of "<role> in <Place> <First Last>" ("ambassador in New Delhi Ana Ruiz"), else None."""
    words = [m for m in WORD_RE.finditer(text, start, end)]
    if len(words) < 3:
        return None
    role = ROLE_BEFORE_PLACE_RE.search(text, max(0, start - 40), start)
    if not role or fold(role.group(1)) not in role_words()["person"] | role_words()["title"]:
        return None
    at = words[-2].start()
    name = text[at:end - 2 if possessive else end]
    return Mention(at, end, at, "person", name, text[start:at].strip(), possessive, True)


@lru_cache(maxsize=RUN_CACHE_SIZE)
def _run_phrases(run: str) -> tuple:
    """(offset, kind, name offset, end, name, descriptor, possessive, titled, check) of each name phrase in
    one run of capitalised words (cached per run; check: which context test `find_names` makes, 0 for none).

    The run is cut into words and the gaps between them; the phrase boundaries and kinds come from
    `_phrase_plan` of the words' classes (shared by every run of the same shape, so a run met for the
    first time costs a few dictionary look-ups), then each phrase is checked against the listed
    organisations by its exact text.
    """
    words, gaps, bounds = _run_words(run)
    if not words:
        return ()
    plan = _phrase_plan(tuple(map(_word_class_id, words)), gaps)
    out = []
    for i, j, possessive, template, of_rule in plan:
        s0 = bounds[2 * i]
        name_at = bounds[2 * template[1]] - s0 if template and template[0] != "org" else 0
        found = _phrase_found(run[s0:bounds[2 * j + 1]], possessive, template, name_at)
        if found is not None and not (of_rule and found[0] == "person"):  # "Academy of Fine Arts": an institution
            out.append((s0, *found))
    return tuple(out)


def _run_words(run: str) -> tuple[list[str], tuple[str, ...], list[int]]:
    """The words of a run (as WORD_RE finds them), the gaps between them, and where word k starts and
    ends (bounds[2k], bounds[2k + 1]).

    A run of plain words (letters only, each may end in one dot) is cut at its spaces: each such word
    is one WORD_RE match, so this gives the regex's words without running it.
    """
    plain = run.replace(". ", " ")  # the words without the dots that end them, if the run is plain
    plain = plain[:-1] if plain.endswith(".") else plain
    if plain.replace(" ", "").isalpha() and "  " not in plain and plain[:1] != " " and plain[-1:] != " ":
        parts = run.replace(" ", "\0 \0").split("\0")  # word, " ", word, ..., word (no letter is "\0")
        return parts[::2], tuple(parts[1::2]), list(accumulate(map(len, parts), initial=0))
    parts = WORD_SPLIT_RE.split(run)  # gap, word, gap, word, ..., gap
    return parts[1::2], tuple(parts[2:-1:2]), list(accumulate(map(len, parts)))


def _phrase_found(phrase: str, possessive: bool, template: tuple | None, name_at: int) -> tuple | None:
    """(kind, name offset, end, name, descriptor, possessive, titled, check) of a phrase, given its plan
    template; check tells which test of the text before it `find_names` makes (0 for none)."""
    surface = phrase[:-2] if possessive else phrase
    if surface.endswith(".") and not KEEP_DOT_RE.search(surface):  # without a final dot neither changes it
        surface = surface.rstrip(".")
    end = len(surface)
    org = match_organisation(surface)
    if org is not None:
        return "org", 0, end, org[0], surface, possessive, False, 0
    if surface in news_channels():  # "the Associated Press", "The New York Times": an outlet, also after "the"
        return "org", 0, end, surface, surface, possessive, False, 0
    outlet = LEADING_CAPITAL_THE_RE.sub("", surface)
    if is_news_channel(outlet):  # "The Washington Times", "the Miami Herald"
        return "org", 0, end, outlet, surface, possessive, False, 0
    if template is None:
        return None
    kind = template[0]
    if kind == "org":  # an organisation word inside the phrase ("Centre for Eastern Studies")
        return "org", 0, end, LEADING_CAPITAL_THE_RE.sub("", surface), surface, possessive, False, 0
    name, descriptor = surface[name_at:end], surface[:name_at].strip()
    check = CHECK_PLACE if kind == "person" and not descriptor else \
        CHECK_MONTH if kind == "single" and name.lower() in MONTHS else 0
    return kind, name_at, end, name, descriptor, possessive, template[2], check


class WordClass(NamedTuple):
    """What the phrase rules read of one word of a capitalised run.

    Listed words (role words, particles, nationality words, "of", "the", ...) keep their folded forms;
    any other word has None there, so every unlisted name word ("Petrov", "Fadiuk") with the same
    flags falls in one class and runs of the same shape share one plan.
    """

    cap: bool            # starts with a capital letter
    fold: str | None     # fold(word)
    bare: str | None     # fold(word without final dots)
    low: str | None      # bare without "'s" (`_word_facts`)
    owner: str | None    # fold(word without its last two characters): a possessive's owner
    possessive: bool     # ends in 's
    full_stop: bool      # ends a sentence (`_full_stop`)
    marked: bool         # `_word_facts`: a title, organisation, 'of' or nationality word
    name_part: bool      # `_word_facts`: can be part of a person's name
    lead: bool           # `_word_facts`: a title or nationality, or written without lower case
    namey: bool          # `_namey`
    upper: bool          # all capitals, more than one letter
    adjective: bool      # low ends like an adjective (ADJECTIVE_ENDINGS)
    dotted: bool         # ends with a dot ("Sen.", "Gov.")


@lru_cache(maxsize=1)
def _listed_words() -> frozenset[str]:
    """Every folded word a phrase rule compares with: words outside it are told apart by their flags only."""
    words = role_words()
    return (PARTICLES | REGION_ADJECTIVES | PLACE_PREFIXES | NAME_POSSESSIVES | frozenset(nationalities())
            | _phrase_marks() | _not_name_words() | words["title"] | frozenset(("of", "for", "the", "and")))


_CLASS_IDS: dict[WordClass, int] = {}  # each distinct word class met, numbered (few: built from the word lists)
_CLASSES: list[WordClass] = []


@lru_cache(maxsize=65536)
def _word_class_id(word: str) -> int:
    """The number of a word's `WordClass` (cached per word)."""
    listed = _listed_words()
    low, marked, name_part, lead = _word_facts(word)
    keys = [k if k in listed else None for k in (fold(word), fold(word.rstrip(".")), low, fold(word[:-2]))]
    cls = WordClass(word[:1].isupper(), *keys, word.endswith(("'s", "’s")), _full_stop(word), marked, name_part,
                    lead, _namey(word), word.isupper() and len(word) > 1, low.endswith(ADJECTIVE_ENDINGS),
                    word.endswith("."))
    if cls not in _CLASS_IDS:
        _CLASS_IDS[cls] = len(_CLASSES)
        _CLASSES.append(cls)
    return _CLASS_IDS[cls]


@lru_cache(maxsize=16384)
def _phrase_plan(ids: tuple[int, ...], gaps: tuple[str, ...]) -> tuple:
    """The name phrases of a run whose words have these classes and gaps (cached per shape).

    One (first word, last word, possessive, template, of_rule) per phrase; the template is the
    phrase's classification when it is no listed organisation (see `_template`), and of_rule marks a
    phrase after "X of"/"X and" that is no person ("Academy of Fine Arts").
    """
    ws = [_CLASSES[k] for k in ids]
    stop = role_words()["stop"]
    out, i = [], 0
    while i < len(ws):
        particle = ws[i].low in PARTICLES and _particle_run(ws, gaps, i)
        if not (ws[i].cap or particle) or (ws[i].low in stop and not particle):
            i += 1
            continue
        j = i
        while j + 1 < len(ws):
            nxt = ws[j + 1]
            if ws[j].possessive and not _country_owner(ws, j) and not _name_possessive(ws, j):
                break
            if gaps[j] not in (" ", "-") or ws[j].full_stop:
                break
            if nxt.cap and (nxt.bare not in stop or (nxt.bare in REGION_ADJECTIVES and ws[j].fold in ("of", "for"))
                            or (nxt.dotted and len(nxt.bare) == 1)):  # an initial: "Jock A. Finlayson"
                j += 1  # "Centre for Eastern Studies": a region adjective inside an organisation name
            elif nxt.bare in PARTICLES and _particle_run(ws, gaps, j + 1):
                j += 1
            elif nxt.bare in ("of", "for") and j + 2 < len(ws) and _joins_of(ws, i, j):
                j += 2 if ws[j + 2].fold == "the" else 1
            else:
                break
        of_rule = i >= 2 and ws[i - 1].fold in ("of", "for", "and") and ws[i - 2].cap
        out.append((i, j, ws[j].possessive, _template(ws[i:j + 1], i), of_rule))
        i = j + 1
    return tuple(out)


def _country_owner(ws: list[WordClass], j: int) -> bool:
    """True if word j is a country's possessive owning an organisation ("Russia's Defense Ministry")."""
    if j + 1 >= len(ws) or ws[j].owner not in nationalities():
        return False
    heads = role_words()["org"]
    return any(w.bare in heads for w in ws[j + 1:j + 5] if w.cap)


def _name_possessive(ws: list[WordClass], j: int) -> bool:
    """True if word j is a possessive that belongs inside a name ("People's Republic", "Children's Fund")."""
    return ws[j].owner in NAME_POSSESSIVES and j + 1 < len(ws) and ws[j + 1].cap


def _full_stop(word: str) -> bool:
    """True if a word ends a sentence rather than an abbreviation ("Soledar." but not "Mr." or "U.S.")."""
    return word.endswith(".") and len(word) > 2 and "." not in word[:-1] and fold(word[:-1]) not in DOTTED_TITLES


def _particle_run(ws: list[WordClass], gaps: tuple[str, ...], i: int) -> bool:
    """True if word i starts a run of particles followed by a capitalised word ("von der Leyen")."""
    j = i
    while j + 1 < len(ws) and ws[j].fold in PARTICLES and gaps[j] == " ":
        j += 1
    return j > i and ws[j].cap and not ws[i].cap


def _joins_of(ws: list[WordClass], i: int, j: int) -> bool:
    """True if 'of'/'for' continues an organisation or title ("Ministry of Defence", "Institute for the Study of War")."""
    heads = _of_heads()
    after = ws[j + 3] if ws[j + 2].fold == "the" and j + 3 < len(ws) else ws[j + 2]
    return any(w.bare in heads for w in ws[i:j + 1]) and after.cap and not _titled_person(ws[i:j + 1])


def _titled_person(ws: list[WordClass]) -> bool:
    """True for titles followed by a person's name ("Sen. Brian Schatz", "Gov. Cuomo"; one name word only after
    an abbreviated title): an 'of' after it
    names a place or body the person belongs to ("... of Hawaii"), not the rest of a title."""
    k = 0
    while k < len(ws) and ws[k].lead:
        k += 1
    rest = ws[k:]  # a title word may end the name ("Rep. Peter T. King"), not start it
    return 0 < k and all(w.name_part for w in rest) and rest[:1] != [] and not rest[0].marked and (
        len(rest) >= 2 or (len(rest) == 1 and ws[k - 1].dotted))  # "Sen. Schatz", not "Defence Intelligence"


# First words of multi-word place names ("New South Wales", "San Marino"): never a place on their own.
PLACE_PREFIXES = frozenset("new north south east west upper lower great greater san santa los las el la saint st sri "
                           "costa puerto port fort mount lake cape".split())
ADJECTIVE_ENDINGS = ("ian", "ean", "ese", "ish")  # "Crimean Tatar Mejlis": an adjective, not a place
NAME_POSSESSIVES = frozenset("people women children men".split())  # "People's Republic", "Women's League"
THE_END_RE = re.compile(r"\bthe\s*$", re.I)
THE_OR_LOCATIVE_END_RE = re.compile(r"\b(?:the|" + LOCATIVE_RE.pattern[len(r"\b(?:"):], re.I)  # either of the two
# The longest word THE_OR_LOCATIVE_END_RE ends on ("northeast"): a match starts at most this far before the
# trailing spaces, so the search can start there.
THE_OR_LOCATIVE_LONGEST = 9
MONTHS = frozenset("january february march april may june july august september october november december".split())
TIME_WORD_END_RE = re.compile(r"\b(?:in|on|since|until|till|by|from|through|during|before|after|early|late|mid|"
                              r"last|next|this|of)[\s-]*$", re.I)  # "fled in May": a month, not Theresa May
ROLE_BEFORE_PLACE_RE = re.compile(r"([A-Za-z-]+)\s+(?:in|at|to)\s*$")
CHECK_PLACE, CHECK_MONTH = 1, 2  # a phrase `find_names` keeps only after reading the text before it
KEEP_DOT_RE = re.compile(r"\b(?:[A-Z]\.){2,}$|\b(?:Mr|Mrs|Ms|Dr|St|Jr)\.$")


@lru_cache(maxsize=65536)
def _word_facts(word: str) -> tuple[str, bool, bool, bool]:
    """Facts about one word of a capitalised phrase (cached per word; phrases repeat their words).

    (folded form without "'s", marks a title/organisation/'of' or nationality, can be part of a
    person's name (or is a particle), is a title or nationality or written without lower case).
    """
    low = fold(word.rstrip(".")).replace("'s", "")
    marked = low in _phrase_marks() or low in nationalities()
    initial = _is_initial(word)
    name_part = _namey(word) or fold(word) in PARTICLES or initial
    lead = not initial and (low in role_words()["title"] or low in nationalities() or low.isupper()
                            or low in role_words().get("party", ()) or not any(c.islower() for c in word))
    return low, marked, name_part, lead


def _is_initial(word: str) -> bool:
    """True for an initial inside a person's name: one capital letter and a dot ("Paul D. Ryan", "J. J. Price")."""
    return len(word) == 2 and word[1] == "." and word[0].isupper()


def _template(ws: list[WordClass], first: int) -> tuple | None:
    """A phrase's classification when it is no listed organisation, by word index from the run's start.

    ("person" or "single", index of the name's first word, titled), ("org",) for a phrase holding an
    organisation word, or None for no speaker.
    """
    last = max((k for k, w in enumerate(ws) if w.marked), default=-1)
    if last >= 0 and ws[last].low not in ("of", "for", "the") and len(ws) - last - 1 >= 2 \
            and all(w.name_part for w in ws[last + 1:]):
        return "person", first + last + 1, True  # "Chief of the General Staff Valery Gerasimov"
    if _title_of_place(ws, last):
        return "person", first + len(ws) - 2, True  # "Head of the Donetsk People's Republic Denis Pushilin"
    party = role_words().get("party", ())
    last_party = max((k for k, w in enumerate(ws) if w.low in party), default=-1)
    if last_party >= 0 and len(ws) - last_party - 1 >= 2 and all(w.name_part for w in ws[last_party + 1:]):
        return "person", first + last_party + 1, True  # "New Hampshire Democrat Ann Kuster"
    org_words = role_words()["org"]
    lows = [w.low for w in ws]
    if len(ws) > 1 and (any(w in org_words for w in lows[1:]) or (lows[0] in org_words and ("of" in lows or "for" in lows))):
        return ("org",)
    k = 0
    while k < len(ws) - 1 and ws[k].lead:
        k += 1
    n_rest = len(ws) - k
    if n_rest >= 2 and all(w.name_part for w in ws[k:]):
        if k == 0 and n_rest == 2 and ws[0].low in PLACE_PREFIXES:
            return None  # "San Francisco", "North Korea", "New Mexico": a place, not a person
        return "person", first + k, k > 0  # titled if a descriptor precedes the name
    single = ws[k]
    if n_rest == 1 and single.namey and single.fold not in nationalities():
        titled = k > 0 and ws[k - 1].bare in role_words()["title"]
        return "person" if titled else "single", first + k, titled
    if n_rest == 1 and single.upper:
        return "single", first + k, False
    return None


def _title_of_place(ws: list[WordClass], last: int) -> bool:
    """True for "<Title> of <Place> <First> <Last>": a title, 'of' (the), a place of one or two words (or
    an organisation's name) and a two-word name ending it."""
    if not (ws[0].lead and 1 <= last and ws[last].low in ("of", "for", "the") and len(ws) - last - 1 >= 3
            and all(w.name_part and not w.marked and w.low not in PARTICLES for w in ws[-2:])):
        return False
    place = ws[-3]  # "... Republic Denis Pushilin", or a one-word place: "Mayor of Kyiv Vitali Klitschko"
    after_of = len(ws) - last - 1
    if after_of == 4:  # a two-word place: "Governor of South Dakota Kristi Noem", "Mayor of Buenos Aires Jorge Macri"
        return not (ws[-4].adjective or place.adjective)
    return not place.name_part or (after_of == 3 and place.low not in PLACE_PREFIXES and not place.adjective)


def read_aliases(path: Path | str) -> dict[str, str]:
    """The rows of an aliases CSV (columns name, speaker) as written: {name: speaker}."""
    path = Path(path)
    lines = [ln for ln in path.read_text(encoding="utf-8").splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    if not lines:
        return {}
    reader = csv.DictReader(lines)
    missing = [c for c in ALIAS_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise NamesError(f"{path.name}: missing column(s) {missing}; the header must be 'name,speaker' "
                         "(see the comment lines at the top of corpus/aliases.csv)")
    return {r["name"].strip(): (r["speaker"] or "").strip() for r in reader if (r["name"] or "").strip()}


def load_aliases(aliases: Path | str | Mapping[str, str] | None) -> dict[str, str]:
    """Aliases from a CSV file (columns name, speaker) or a {name: speaker} mapping such as
    `articles.attrs["aliases"]`: folded name -> display speaker ('' = no speaker)."""
    if isinstance(aliases, Mapping):
        return {fold(name): "" if speaker is None else str(speaker).strip()
                for name, speaker in aliases.items() if str(name).strip()}
    if aliases is None or not Path(aliases).exists():
        return {}
    return load_aliases(read_aliases(aliases))


def display_name(forms: Counter) -> str:
    """The display name of a person: the most used full-name form (ties: longer, then alphabetical)."""
    full = {f: n for f, n in forms.items() if split_name(f)[0]}
    pool = full or dict(forms)
    return sorted(pool.items(), key=lambda kv: (-kv[1], -len(kv[0]), kv[0]))[0][0]


def merge_people(names: list[str]) -> dict[str, str]:
    """Map each printed person name to one display name per real person across the corpus.

    Names are first blocked by transliterated surname (similar surnames sharing their first two
    letters fall in one block), so the pairwise comparisons stay small on large corpora.
    """
    forms = Counter(names)
    blocks = _surname_blocks(forms)
    mapping = {}
    for block in blocks:
        for cluster in _cluster_forms(block, forms):
            shown = display_name(cluster)
            mapping.update({form: shown for form in cluster})
    return mapping


def _surname_blocks(forms: Counter) -> list[list[str]]:
    """Groups of name forms whose transliterated surnames are alike (union of similar keys)."""
    by_key: dict[str, list[str]] = defaultdict(list)
    for form in forms:
        by_key[person_key(form)].append(form)
    parent = {k: k for k in by_key}

    def root(k: str) -> str:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k
    by_prefix: dict[str, list[str]] = defaultdict(list)
    for k in sorted(by_key):
        by_prefix[k[:2]].append(k)
    for keys in by_prefix.values():
        keys = sorted(keys, key=lambda k: (len(k), k))  # shortest first: stop once lengths differ too much
        for i, j in _alike_pairs(keys, lambda i, j: root(keys[i]) == root(keys[j])):
            parent[root(keys[j])] = root(keys[i])
    groups: dict[str, list[str]] = defaultdict(list)
    for k, fs in by_key.items():
        groups[root(k)].extend(fs)
    return [sorted(g) for _, g in sorted(groups.items())]


def _alike_pairs(keys: list[str], linked: Callable[[int, int], bool] | None = None) -> Iterator[tuple[int, int]]:
    """Index pairs i < j of surname keys (sorted shortest first) that are alike, in (i, j) order.

    `linked(i, j)`, if given, tells that keys i and j are already in one group (from the pairs yielded
    so far): a large group then skips their similarity test and does not yield the pair, which would
    join nothing new.

    Only pairs whose lengths are close enough are compared (a longer key ends the scan of one key).
    Large groups first drop, with numpy and for all candidates of a key at once, the pairs that fail
    the cheap length and shared-letter bounds of `alike` (slightly loosened, so no alike pair is
    lost): the comparisons stay cheap when tens of thousands of names share a prefix.
    """
    if len(keys) < VECTOR_GROUP_MIN:
        for i, a in enumerate(keys):
            for j in range(i + 1, len(keys)):
                if 2 * len(a) < SURNAME_SIMILARITY * (len(a) + len(keys[j])):
                    break
                if alike(a, keys[j], SURNAME_SIMILARITY):
                    yield i, j
        return
    lengths = np.array([len(k) for k in keys], dtype=np.int64)
    counts = np.zeros((len(keys), 26), dtype=np.int64)  # keys are translit keys: letters a-z only
    for i, key in enumerate(keys):
        for ch in key:
            counts[i, ord(ch) - 97] += 1
    loose = SURNAME_SIMILARITY - 1e-9
    stops = {}  # key length -> index of the first key too long to compare with it (the loop's break)
    for la in sorted(set(lengths.tolist())):
        lb = la
        while not 2 * la < SURNAME_SIMILARITY * (la + lb):
            lb += 1
        stops[la] = int(np.searchsorted(lengths, lb, side="left"))
    for i, a in enumerate(keys):
        stop = stops[len(a)]
        if stop <= i + 1 or not a:
            continue
        total = len(a) + lengths[i + 1:stop]
        shared = np.minimum(counts[i], counts[i + 1:stop]).sum(axis=1)
        ok = (2 * np.minimum(len(a), lengths[i + 1:stop]) >= loose * total) & (2 * shared >= loose * total)
        for j in (i + 1 + np.flatnonzero(ok)).tolist():
            if (linked is None or not linked(i, j)) and alike(a, keys[j], SURNAME_SIMILARITY):
                yield i, j


def _cluster_forms(block: list[str], forms: Counter) -> list[Counter]:
    """Split one surname block into people by first name; a bare surname joins the most cited person."""
    clusters: list[Counter] = []
    by_first: dict[str, Counter] = {}
    met = _FirstNames(len(block))
    bare = []
    for form in sorted(block):
        first = split_name(form)[0]
        if not first:
            bare.append(form)
            continue
        key = translit_key(first.split()[0])
        home = by_first.get(key)
        if home is None:  # a spelling variant of a first name already met (Serhiy / Sergei)? same initial only
            spelling = met.first_spelling(key)
            home = by_first[spelling] if spelling is not None else None
        if home is None:
            home = Counter()
            clusters.append(home)
        if key not in by_first:
            by_first[key] = home
            met.add(key)
        home[form] = forms[form]  # each form is in one block, once
    if bare:
        home = max(zip(clusters, range(0, -len(clusters), -1)), key=lambda ci: (sum(ci[0].values()), ci[1]))[0] \
            if clusters else Counter()
        if not clusters:
            clusters.append(home)
        for form in bare:
            home[form] = forms[form]
    return clusters


class _FirstNames:
    """The first-name keys met in one surname block, by initial, in the order met.

    `first_spelling` returns the first key met that `_same_first` accepts, as a scan of the keys in
    that order would; once an initial has VECTOR_GROUP_MIN keys, numpy first drops the keys that fail
    the cheap length and shared-letter bounds of `alike` (slightly loosened, so no accepted key is
    lost), which keeps blocks of hundreds of first names linear instead of quadratic.
    """

    def __init__(self, capacity: int):
        self.capacity = capacity
        self.keys: dict[str, list[str]] = {}
        self.arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}  # initial -> (key lengths, letter counts)

    def add(self, key: str) -> None:
        """Remember a new first-name key."""
        keys = self.keys.setdefault(key[:1], [])
        keys.append(key)
        arrays = self.arrays.get(key[:1])
        if arrays is None and len(keys) == VECTOR_GROUP_MIN:
            arrays = np.zeros(self.capacity, dtype=np.int64), np.zeros((self.capacity, 26), dtype=np.int64)
            self.arrays[key[:1]] = arrays
            for i, k in enumerate(keys):
                _fill_key_row(arrays, i, k)
        elif arrays is not None:
            _fill_key_row(arrays, len(keys) - 1, key)

    def first_spelling(self, key: str) -> str | None:
        """The first key met with the same initial that spells the same first name as `key`, else None."""
        keys = self.keys.get(key[:1], [])
        arrays = self.arrays.get(key[:1])
        if arrays is None or len(key) <= 1:
            return next((k for k in keys if _same_first(k, key)), None)
        lengths, counts = arrays[0][:len(keys)], arrays[1][:len(keys)]
        mine = np.zeros(26, dtype=np.int64)
        for ch in key:
            mine[ord(ch) - 97] += 1
        total = len(key) + lengths
        loose = FIRST_NAME_SIMILARITY - 1e-9
        ok = (lengths <= 1) | ((2 * np.minimum(len(key), lengths) >= loose * total)
                               & (2 * np.minimum(mine, counts).sum(axis=1) >= loose * total))
        return next((keys[i] for i in np.flatnonzero(ok).tolist() if _same_first(keys[i], key)), None)


def _fill_key_row(arrays: tuple[np.ndarray, np.ndarray], i: int, key: str) -> None:
    """Write a key's length and letter counts (keys are transliteration keys: letters a-z only) into row i."""
    arrays[0][i] = len(key)
    for ch in key:
        arrays[1][i, ord(ch) - 97] += 1


@lru_cache(maxsize=65536)
def _same_first(a: str, b: str) -> bool:
    """True if two first-name keys are spellings of one name (initials match their name)."""
    if len(a) <= 1 or len(b) <= 1:
        return a[:1] == b[:1]
    return a[:1] == b[:1] and alike(a, b, FIRST_NAME_SIMILARITY)


def merged_sides(names: list[str], sides: list[str]) -> dict[str, str]:
    """The side of each display name: the most frequent known side of its mentions."""
    votes: dict[str, Counter] = defaultdict(Counter)
    for name, side in zip(names, sides):
        if side != "unknown":
            votes[name][side] += 1
    return {n: sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[0][0] for n, c in votes.items()}
