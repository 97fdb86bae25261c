"""Who is quoted: direct and indirect quotations, their speakers, and speaker counts per outlet.

`extract_quotes(articles)` returns one row per quotation (a group of quotation-mark spans in one
sentence attributed to one speaker, as defined in the gold README) and one row per indirect
attribution ("X said that ...", "according to X", "..., he added"). Quotation marks are paired by
`pair_quote_marks` (straight and curly, mixed pairs, two apostrophes as newspaper archives type them,
quotations running over paragraphs; stray marks never crash and are listed by
`quote_mark_problems`). Speakers are found by the rules in
`newslens.attribution` (cues from `newslens.cues`, pronouns and roles from `newslens.coref`) and
merged across the corpus by `newslens.names`; `corpus/aliases.csv` corrects merges.
`speaker_counts`, `voice_shares`, `cue_counts` and `quotes_by_speaker` make the notebook's tables.
Used by notebook 03-speakers (and 04/05 through helpers).
"""
from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping
from itertools import repeat
from pathlib import Path

import pandas as pd

from newslens import attribution as attr
from newslens.collector import collector_paused
from newslens.corpus import ALIASES_ATTR
from newslens.names import fold, load_aliases, merge_people, merged_sides
from newslens.parallel import article_chunks, corpus_words, map_chunks, worker_count
from newslens.sentences import corpus_sentence_offsets, split_sentences

DEFAULT_ALIASES = Path(__file__).resolve().parent.parent / "corpus" / "aliases.csv"
QUOTE_COLUMNS = [
    "article_id", "outlet", "sentence_id", "start", "end", "kind", "quote", "speaker",
    "speaker_type", "mention", "cue", "side", "group", "n_spans", "speaker_text",
]
INT_COLUMNS = ("sentence_id", "start", "end", "group", "n_spans")
PROBLEM_COLUMNS = ["article_id", "offset", "mark", "problem", "context"]
COUNT_KINDS = ("direct", "indirect")
OPENERS = "“«„"
CLOSERS = "”»‟"
STRAIGHT = '"'
MARK_RE = re.compile(r'["“”«»„‟]')
PARAGRAPH_RE = re.compile(r"[^\n]+")
# AFP-style plus marks around a few words ("had +deliberately+ targeted"), inside one line.
# The look-behind follows the first "+" so that the engine can jump between plus signs.
PLUS_RE = re.compile(r"\+(?<![\w+]\+)(?=[^\W\d_])[^+\n]{1,80}?(?<=[^\W\d_])\+(?![\w+])")
DOUBLE_MARKS = '"“”«»„‟'
SINGLE_MARK_RE = re.compile(r"[‘’']")
SINGLE_OPEN_AFTER = "([{—–-/"  # a single mark after these (or a space) opens


class QuotesError(ValueError):
    """Input that quote extraction cannot work on (missing columns, bad `by`)."""


def _straight_role(text: str, i: int) -> str:
    """'open', 'close' or 'either' for a straight double quote at text[i], from its neighbours."""
    return _mark_role(text, i, 1)


def _mark_role(text: str, i: int, width: int) -> str:
    """'open', 'close' or 'either' for a mark of `width` characters at text[i], from the characters around it."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + width] if i + width < len(text) else " "
    opens = before.isspace() or before in "([{—–-/:;" or before in OPENERS
    closes = after.isspace() or after in ".,;:!?)]}—–-" or after in CLOSERS
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def pair_paragraph(text: str, start: int, end: int) -> tuple[list[tuple[int, int]], list[tuple[int, str, str]], int | None]:
    """Pair the quotation marks of one paragraph: (spans, problems, offset of an opener left open)."""
    return _pair_marks(text, [m.start() for m in MARK_RE.finditer(text, start, end)])


def _pair_marks(text: str, marks: list[int]) -> tuple[list[tuple[int, int]], list[tuple[int, str, str]], int | None]:
    """Pair the quotation marks at the given offsets of one paragraph (see `pair_paragraph`)."""
    spans, problems, open_at = [], [], None
    for i in marks:
        mark = text[i]
        role = "open" if mark in OPENERS else "close" if mark in CLOSERS else _straight_role(text, i)
        if role == "either":
            role = "close" if open_at is not None else "open"
        if role == "open":
            if open_at is not None:
                problems.append((open_at, text[open_at], "opening mark never closed"))
            open_at = i
        elif open_at is None:
            problems.append((i, mark, "closing mark without an opening one"))
        else:
            spans.append((open_at, i + 1))
            open_at = None
    return spans, problems, open_at


def mark_offsets(text: str) -> list[int]:
    """Sorted offsets of every double quotation mark (the hits of MARK_RE), found with str.find per mark.

    A plain substring search per mark character is several times faster than one scan with the
    character class, whose non-ASCII members slow the regex engine down.
    """
    found = []
    for mark in DOUBLE_MARKS:
        i = text.find(mark)
        while i >= 0:
            found.append(i)
            i = text.find(mark, i + 1)
    found.sort()
    return found


def pair_quote_marks(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, str, str]]]:
    """Quotation spans (offset of the opening mark, offset after the closing mark) and problems.

    A paragraph that ends inside a quotation continues it when the next paragraph opens with a
    quotation mark (news style); otherwise the opener is reported and the span runs to the end of
    its paragraph so no quoted words are lost.
    """
    original, text = text, quotation_text(text)
    spans, problems = [], []
    carry, prev_end = None, 0
    for ps, pe, marks in _marked_paragraphs(text):  # a paragraph without marks pairs nothing and ends no carry
        found, probs, open_at = _pair_marks(text, marks)
        if carry is not None:
            if found and found[0][0] == ps:
                found[0] = (carry, found[0][1])
            elif open_at == ps and not found:
                open_at = carry
            else:
                spans.append((carry, prev_end))
                problems.append((carry, text[carry], "opening mark never closed"))
            carry = None
        spans.extend(found)
        problems.extend(probs)
        if open_at is not None:
            nxt = PARAGRAPH_RE.search(text, pe)
            if nxt is not None and text[nxt.start()] in OPENERS + STRAIGHT:
                carry = open_at  # the next paragraph opens with a mark, so it is the next one visited
            else:
                problems.append((open_at, text[open_at], "opening mark never closed"))
                if pe - open_at > 1:
                    spans.append((open_at, pe))
        prev_end = pe
    if carry is not None:
        spans.append((carry, prev_end))
        problems.append((carry, text[carry], "opening mark never closed"))
    if "+" in text:
        spans.extend(_outside(spans, [m.span() for m in PLUS_RE.finditer(text)]))
    return sorted(spans), sorted((at, original[at], why) for at, _, why in problems)


def _marked_paragraphs(text: str) -> list[tuple[int, int, list[int]]]:
    """(start, end, mark offsets) of each paragraph (a run of characters other than line breaks) with marks."""
    found, end = [], -1
    for i in mark_offsets(text):
        if i >= end:
            start = text.rfind("\n", 0, i) + 1
            end = text.find("\n", i)
            end = len(text) if end < 0 else end
            found.append((start, end, []))
        found[-1][2].append(i)
    return found


def _outside(spans: list[tuple[int, int]], extra: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of `extra` that do not overlap any span of `spans`."""
    return [(s, e) for s, e in extra if not any(a < e and s < b for a, b in spans)]


def _single_role(text: str, i: int, is_open: bool) -> str:
    """'open', 'close' or 'apostrophe' for the single mark at text[i] (see `quotation_text`)."""
    mark = text[i]
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if before.isalnum() and after.isalnum():
        return "apostrophe"  # don’t, Russia’s, rock’n’roll
    if mark != "’" and (before.isspace() or before in SINGLE_OPEN_AFTER or before in OPENERS) \
            and not after.isspace() and not after.isdigit():
        return "open"  # ’90s and a lone ' before a digit stay apostrophes
    if not before.isspace() and is_open:
        return "close"
    return "apostrophe"  # soldiers’ lives, Jesus' words: outside a quotation a trailing mark is possessive


def _two_apostrophe_role(text: str, i: int, is_open: bool) -> str:
    """'open', 'close' or '' (no mark) for the two apostrophes at text[i:i + 2] (see `double_apostrophes`)."""
    if i > 0 and text[i - 1].isalnum() and i + 2 < len(text) and text[i + 2].isalnum():
        return ""  # between two letters: no quotation mark
    role = _mark_role(text, i, 2)
    return role if role != "either" else "close" if is_open else "open"


def double_apostrophes(text: str) -> str:
    """The text with each pair of apostrophes typed as a quotation mark (''We will,'' he said) written
    as one curly mark and a space (same length), as newspaper archives print them.

    An opening pair becomes "“ " and a closing one " ”", so the span covers both apostrophes; a pair
    opens after a space or an opening bracket and closes before a space or punctuation, else it
    alternates within its paragraph. In a run of three, the outer pair is the double mark and the
    third a single mark nested inside it; longer runs and pairs between two letters are left alone.
    """
    i = text.find("''")
    if i < 0:
        return text
    chars, is_open, line_end = list(text), False, -1
    while i >= 0:
        run = i + 2
        while run < len(text) and text[run] == "'":
            run += 1
        if i > line_end:  # each paragraph starts outside a quotation
            line_end, is_open = _line_end(text, i), False
        if run - i == 2 and (i == 0 or text[i - 1] != "'"):
            role = _two_apostrophe_role(text, i, is_open)
            if role == "open":
                chars[i], chars[i + 1], is_open = "“", " ", True
            elif role == "close":
                chars[i], chars[i + 1], is_open = " ", "”", False
        elif run - i == 3:  # a single mark nested at the edge of a double one ('no.''' after ''We said)
            if is_open and not text[i - 1].isspace():
                chars[i + 1], chars[i + 2], is_open = " ", "”", False
            elif not is_open and (i == 0 or text[i - 1].isspace()):
                chars[i], chars[i + 1], is_open = "“", " ", True
        i = text.find("''", run)
    return "".join(chars)


def _line_end(text: str, i: int) -> int:
    """Offset of the line break that ends the paragraph holding text[i] (len(text) if none)."""
    end = text.find("\n", i)
    return len(text) if end < 0 else end


def quotation_text(text: str) -> str:
    """The text with quotation marks typed as apostrophes written as double marks (same length), for pairing.

    Pairs of apostrophes become double marks (`double_apostrophes`). British single quotation
    marks are read only in texts that use no double marks at all (British style): there a ‘ or a ' after a space
    or an opening bracket opens a quotation, and a ’ or ' after a word closes the open one; a mark
    between two letters or digits, or a trailing mark when no quotation is open, is an apostrophe
    and stays. Texts with any double mark keep their single marks, as apostrophes or quotations
    nested inside double ones.
    """
    text = double_apostrophes(text)
    if any(c in text for c in DOUBLE_MARKS) or not SINGLE_MARK_RE.search(text):
        return text
    chars, is_open, line_end = list(text), False, -1
    for m in SINGLE_MARK_RE.finditer(text):
        i = m.start()
        if i > line_end:  # each paragraph starts outside a quotation
            line_end, is_open = _line_end(text, i), False
        role = _single_role(text, i, is_open)
        if role == "open":
            chars[i], is_open = "“", True
        elif role == "close":
            chars[i], is_open = "”", False
    return "".join(chars)


def _check_articles(articles: pd.DataFrame) -> None:
    """Raise QuotesError if the articles table lacks the columns extraction needs."""
    if not isinstance(articles, pd.DataFrame):
        raise QuotesError(f"expected the articles DataFrame from helpers.load_corpus, got {type(articles).__name__}")
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise QuotesError(f"articles table lacks column(s) {missing}; pass the table returned by helpers.load_corpus()")


def quote_mark_problems(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per stray or unclosed quotation mark: article_id, offset, mark, problem, context."""
    _check_articles(articles)
    rows = []
    for aid, text in zip(articles["article_id"], articles["text"]):
        text = text if isinstance(text, str) else ""
        for offset, mark, problem in pair_quote_marks(text)[1]:
            rows.append((aid, offset, mark, problem, text[max(0, offset - 30):offset + 30].replace("\n", " ")))
    return pd.DataFrame(rows, columns=PROBLEM_COLUMNS)


def _article_rows(aid: str, outlet: str, text: str, known: list,
                  sents: list[tuple[int, int]] | None = None) -> list[dict]:
    """Quotation rows of one article, before corpus-wide name merging (full names go to `known`).

    `sents` are the article's sentence offsets if the caller has them (else it is split here)."""
    marked = quotation_text(text)  # pair_quote_marks would convert it again: give it the result
    spans, _ = pair_quote_marks(marked)
    sents = split_sentences(text) if sents is None else sents
    rows = attr.attribute_article(marked, spans, sents, aid, outlet, known)
    if marked != text:
        for row in rows:
            row["quote"] = _as_printed(row["quote"], marked, text, row["start"], row["end"])
    return rows


def _as_printed(quote: str, marked: str, text: str, start: int, end: int) -> str:
    """The quote as the article prints it: `marked` (same length as `text`) writes the article's
    quotation marks as curly double ones, which a quotation that runs over paragraphs keeps inside."""
    at = marked.find(quote, start, end)
    return quote if at < 0 else text[at:at + len(quote)]


def _sentence_lists(articles: pd.DataFrame, texts: list) -> Iterator[list[tuple[int, int]] | None]:
    """Each article's sentence offsets in turn, from the corpus sentence pass (`corpus_sentence_offsets`: one
    split per text column, shared with the sentence stage); None for every article when a text is not a
    string (those articles are split one by one). One article's list is built at a time."""
    if not all(isinstance(text, str) for text in texts):
        yield from repeat(None, len(texts))
        return
    offsets, counts = corpus_sentence_offsets(articles["text"], texts)
    lo = 0
    for n in counts.tolist():
        flat = offsets[lo:lo + 2 * n].tolist()
        yield list(zip(flat[::2], flat[1::2]))
        lo += 2 * n


def extract_quotes(articles: pd.DataFrame, aliases: Path | str | Mapping[str, str] | None = None,
                   workers: int | None = None) -> pd.DataFrame:
    """Every direct and indirect quotation with its speaker (columns QUOTE_COLUMNS), in text order.

    `aliases` corrects speaker merges: an aliases CSV or {name: speaker}; by default those the
    table was loaded with (`articles.attrs["aliases"]`: the corpus folder's own aliases.csv), or
    none for a table without them. `workers`: processes that attribute the articles (None: all
    cores for a big corpus, `newslens.parallel`; 1: this process only). Each piece of whole
    articles is attributed on its own (`attributed_rows`) and speakers are merged once over all
    of them (`merged_quotes`), so the table is the same for any number of workers."""
    if aliases is None and isinstance(articles, pd.DataFrame):
        aliases = articles.attrs.get(ALIASES_ATTR)
    _check_articles(articles)
    n_workers = worker_count("quotes", corpus_words(articles), workers)
    if n_workers == 1:
        rows, known = attributed_rows(articles)
    else:
        pieces = article_chunks(articles, n_workers, ["article_id", "outlet", "text"])
        parts = map_chunks(attributed_rows, [(piece,) for piece in pieces], n_workers)
        rows = [row for part_rows, _ in parts for row in part_rows]
        known = [name for _, part_known in parts for name in part_known]
    return merged_quotes(rows, known, aliases)


def attributed_rows(articles: pd.DataFrame) -> tuple[list[dict], list[str]]:
    """The per-article step of `extract_quotes`: rows with unmerged speakers, and the full names met.

    Articles are independent here, so the Dask path (`newslens.scale.dask_quotes`) runs this on
    each partition and gives the concatenated results, in article order, to `merged_quotes`.
    """
    _check_articles(articles)
    outlets = articles["outlet"].tolist() if "outlet" in articles.columns else [""] * len(articles)
    rows, known = [], []
    texts = articles["text"].tolist()
    with collector_paused():  # columns read as lists: iterating a pandas string column costs more per value
        splits = _sentence_lists(articles, texts)
        for aid, outlet, text, sents in zip(articles["article_id"].tolist(), outlets, texts, splits):
            rows.extend(_article_rows(str(aid), str(outlet or ""), text if isinstance(text, str) else "", known, sents))
    return rows, known


def merged_quotes(rows: list[dict], known: list[str], aliases: Path | str | None = DEFAULT_ALIASES) -> pd.DataFrame:
    """The corpus-wide step of `extract_quotes`: speakers merged across articles, as a table."""
    with collector_paused():  # the column lists too: a collection there would scan every object alive
        _merge_speakers(rows, load_aliases(aliases), known)
        columns = {c: [r[c] for r in rows] for c in QUOTE_COLUMNS}
    if not rows:
        return pd.DataFrame([], columns=QUOTE_COLUMNS).astype({c: "int64" for c in INT_COLUMNS})
    return pd.DataFrame(columns, columns=QUOTE_COLUMNS)



def _merge_speakers(rows: list[dict], aliases: dict[str, str], known: list[str] = ()) -> None:
    """One display name per person across the corpus, sides voted, then alias overrides applied."""
    people = [r["speaker"] for r in rows if r["speaker_type"] == "person" and r["speaker"]]
    mapping = merge_people(people + list(known))
    for r in rows:
        if r["speaker_type"] == "person" and r["speaker"]:
            r["speaker"] = mapping.get(r["speaker"], r["speaker"])
    folded: dict[str, str] = {}  # fold() of each distinct printed form, computed once
    for r in rows:
        for form in (r["speaker_text"], r["speaker"]):
            if not form:
                continue
            key = folded.get(form)
            if key is None:
                key = folded[form] = fold(form)
            if key in aliases:
                r["speaker"] = aliases[key]
                if not r["speaker"]:
                    r["speaker_type"], r["mention"] = "unknown", "none"
                break
    sides = merged_sides([r["speaker"] for r in rows], [r["side"] for r in rows])
    for r in rows:
        r["side"] = sides.get(r["speaker"], "unknown") if r["speaker"] else "unknown"


def speaker_counts(quotes: pd.DataFrame, by: str | list[str] | None = "outlet") -> pd.DataFrame:
    """Quotations per speaker (and `by` columns), split direct/indirect, most quoted first.

    Columns: the `by` columns, speaker, speaker_type, side, direct, indirect, total. A quotation is
    a group (rows sharing article_id, kind and group); unattributed quotations are left out.
    """
    if not isinstance(quotes, pd.DataFrame):
        raise QuotesError("speaker_counts expects the table returned by extract_quotes")
    keys = [] if by is None else [by] if isinstance(by, str) else list(by)
    missing = [c for c in keys + ["speaker", "kind", "group", "article_id"] if c not in quotes.columns]
    if missing:
        raise QuotesError(f"speaker_counts: column(s) {missing} not in the quotes table; "
                          f"use by= one of {sorted(quotes.columns)}")
    q = quotes[quotes["speaker"].fillna("").astype(str) != ""]
    q = q.drop_duplicates(["article_id", "kind", "group", "speaker"])
    cols = keys + ["speaker", "speaker_type", "side"]
    counts = Counter()
    for row in zip(*[q[c] for c in cols + ["kind"]]):
        counts[(tuple(row[:-1]), row[-1])] += 1
    table = {}
    for (key, kind), n in counts.items():
        table.setdefault(key, {"direct": 0, "indirect": 0})[kind] = n
    out = pd.DataFrame([list(k) + [v["direct"], v["indirect"]] for k, v in table.items()],
                       columns=cols + ["direct", "indirect"])
    out["total"] = out["direct"] + out["indirect"]
    order = keys + ["total", "speaker"]
    return out.sort_values(order, ascending=[True] * len(keys) + [False, True], ignore_index=True)


def _attributed_groups(quotes: pd.DataFrame, needed: list[str]) -> pd.DataFrame:
    """Attributed quotations, one row per group, after checking the columns a helper needs."""
    if not isinstance(quotes, pd.DataFrame):
        raise QuotesError("expected the table returned by extract_quotes")
    missing = [c for c in needed + ["speaker", "kind", "group", "article_id"] if c not in quotes.columns]
    if missing:
        raise QuotesError(f"column(s) {missing} not in the quotes table; pass the table returned by extract_quotes")
    q = quotes[quotes["speaker"].fillna("").astype(str) != ""]
    return q.drop_duplicates(["article_id", "kind", "group", "speaker"])


def voice_shares(quotes: pd.DataFrame, column: str = "side", by: str = "outlet") -> pd.DataFrame:
    """Quotations per `by` value and `column` value (side, speaker_type, kind), with the share of each.

    Columns: by, column, quotations, share (of the by-group's attributed quotations, 0..1).
    """
    q = _attributed_groups(quotes, [column, by])
    counts = Counter(zip(q[by], q[column]))
    totals = Counter(q[by])
    rows = [(b, c, n, n / totals[b]) for (b, c), n in counts.items()]
    out = pd.DataFrame(rows, columns=[by, column, "quotations", "share"])
    return out.sort_values([by, "quotations", column], ascending=[True, False, True], ignore_index=True)


def cue_counts(quotes: pd.DataFrame, by: str = "outlet") -> pd.DataFrame:
    """How often each reporting cue (lower-cased) introduces an attributed quotation, per `by` value.

    Columns: by, cue, quotations, share (of the by-group's cued quotations). Quotations without a
    cue (continuations) are left out.
    """
    q = _attributed_groups(quotes, ["cue", by])
    cues = q["cue"].fillna("").astype(str).str.lower().str.strip()
    counts = Counter((b, c) for b, c in zip(q[by], cues) if c)
    totals = Counter(b for b, c in zip(q[by], cues) if c)
    rows = [(b, c, n, n / totals[b]) for (b, c), n in counts.items()]
    out = pd.DataFrame(rows, columns=[by, "cue", "quotations", "share"])
    return out.sort_values([by, "quotations", "cue"], ascending=[True, False, True], ignore_index=True)


def quotes_by_speaker(quotes: pd.DataFrame, name: str) -> pd.DataFrame:
    """The quotations of one speaker, found by any spelling of the name ("Malyar" finds Ganna Maliar)."""
    from newslens.names import same_person, split_name, translit_key
    if not isinstance(name, str) or not name.strip():
        raise QuotesError("quotes_by_speaker needs a speaker name, e.g. 'Maliar'")
    q = _attributed_groups(quotes, ["quote"])
    key = translit_key(split_name(name.strip())[1])
    hit = [bool(s) and (same_person(s, name.strip()) or key in translit_key(s)) for s in q["speaker"]]
    return q[hit].reset_index(drop=True)
