"""Findings as sentences computed from the tables, and notes that belong to one corpus.

Every finding a notebook states is written from the numbers of a table and rendered as Markdown by
`say`, so it stays true on whatever corpus is loaded. The small word helpers (`plural`, `listing`,
`percent`) keep those sentences grammatical for one article or for thousands.

Commentary that only holds for one set of articles (why one outlet spells a name its own way, what
a later rewrite leaves out) lives in that corpus folder's `notes.md` and is shown by
`CorpusNotes.show` only when the loaded articles are exactly the ones the notes were written for
(their `corpus_fingerprint`). Used by every notebook.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

import pandas as pd

NOTES_FILE = "notes.md"
FINGERPRINT_RE = re.compile(r"^fingerprint:\s*([0-9a-f]{16})\s*$", re.MULTILINE)
SECTION_RE = re.compile(r"^## +(\S+) *$", re.MULTILINE)
COMMENT_RE = re.compile(r"<!--.*?-->", re.DOTALL)


class FindingsError(ValueError):
    """A corpus notes file that cannot be read as documented."""


def plural(n: int, singular: str, plural_form: str | None = None) -> str:
    """'1 article', '2,345 articles' (thousands separated; irregular plurals given)."""
    word = singular if n == 1 else (plural_form or singular + "s")
    return f"{n:,} {word}"


def listing(items: Iterable[object], conjunction: str = "and") -> str:
    """'A', 'A and B', 'A, B and C' (empty: 'none')."""
    words = [str(i) for i in items]
    if not words:
        return "none"
    if len(words) == 1:
        return words[0]
    return f"{', '.join(words[:-1])} {conjunction} {words[-1]}"


def percent(share: float) -> str:
    """A share as a whole percentage ('45%'); below 1% but above 0 as '<1%'."""
    if 0 < share < 0.005:
        return "<1%"
    return f"{share:.0%}"


def say(markdown: str) -> None:
    """Show a finding (or a heading) as rendered Markdown in the notebook."""
    from IPython.display import Markdown, display  # only notebooks render; importing here keeps helpers light
    display(Markdown(markdown))


def corpus_fingerprint(articles: pd.DataFrame) -> str:
    """16 hex digits that change when any article's id, outlet or cleaned text changes."""
    digest = hashlib.sha256()
    rows = sorted(zip(articles["article_id"].astype(str), articles["outlet"].astype(str),
                      articles["text"].astype(str)))
    for article_id, outlet, text in rows:
        digest.update(f"{article_id}\0{outlet}\0{text}\n".encode("utf-8"))
    return digest.hexdigest()[:16]


@dataclass
class CorpusNotes:
    """The notes of one corpus folder that apply to the loaded articles (none when they do not)."""
    sections: dict[str, str] = field(default_factory=dict)
    status: str = ""  # one sentence for the reader when notes exist but do not apply

    def text(self, key: str) -> str:
        """The note's Markdown, marked as a note on this corpus; '' when there is none."""
        body = self.sections.get(key, "").strip()
        if not body:
            return ""
        quoted = "\n".join(f"> {line}" if line else ">" for line in body.splitlines())
        return f"> **Note on this corpus** (from its `{NOTES_FILE}`; shown only for these articles):\n>\n{quoted}"

    def show(self, key: str) -> None:
        """Display the note for `key` if the corpus has one; display nothing otherwise."""
        note = self.text(key)
        if note:
            say(note)


def parse_notes(content: str, where: str = NOTES_FILE) -> tuple[str, dict[str, str]]:
    """(fingerprint, {section key: Markdown}) from a notes file's content."""
    content = COMMENT_RE.sub("", content)
    found = FINGERPRINT_RE.search(content)
    if not found:
        raise FindingsError(
            f"{where}: no 'fingerprint: <16 hex digits>' line. Add the line printed by "
            "helpers.corpus_fingerprint(articles) for the articles the notes describe.")
    heads = list(SECTION_RE.finditer(content))
    sections = {}
    for head, nxt in zip(heads, heads[1:] + [None]):
        key = head.group(1)
        if key in sections:
            raise FindingsError(f"{where}: section '## {key}' appears twice; keep one.")
        sections[key] = content[head.end(): nxt.start() if nxt else len(content)].strip()
    return found.group(1), sections


def corpus_notes(folder: str | Path, articles: pd.DataFrame) -> CorpusNotes:
    """Read `notes.md` of the corpus folder; keep its sections only if they describe these articles."""
    path = Path(folder) / NOTES_FILE
    if not path.is_file():
        return CorpusNotes()
    try:
        content = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as err:
        raise FindingsError(f"{NOTES_FILE}: not UTF-8 (byte {err.start}). Re-save it as UTF-8.") from None
    fingerprint, sections = parse_notes(content)
    if fingerprint != corpus_fingerprint(articles):
        return CorpusNotes(status=(
            f"The corpus folder's `{NOTES_FILE}` was written for another set of articles, so its notes "
            "are not shown (update its fingerprint line once the notes are checked against these articles)."))
    return CorpusNotes(sections=sections)
