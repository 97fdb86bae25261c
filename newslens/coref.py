"""Entities of one article: masked text, name mentions, and pronoun and role resolution.

`Article` masks every quotation (names and verbs inside quotes are never part of the frame), finds the
name mentions of each sentence, keeps a registry of the people met (a surname joins the full name
printed earlier) and a history of entities, and resolves pronouns ("he", "it") and roles ("the
ministry", "the Secretary-General") to the most recent compatible entity, looking a few sentences ahead
when nothing earlier fits. Gender is deliberately not used: translations get it wrong. Bare roles
("the company", "the agency") go to the organisation named last, a role after its verb ("..., insisted
the president") to the speaker just quoted, and a proper name alone in marks ('the line «Dniprovska»')
is a label, not a quotation, as is a title in marks ('on CBS' "Face the Nation"'). An abbreviation
defined in brackets ("the Armed Forces of Ukraine (AFU)") stands for its organisation later in the
article; datelines and words that only open a sentence ("Bashing Trump", "Some") name nobody. Name
mentions other than people are resolved lazily (only when a pronoun or role looks back at them), which
keeps long articles fast; a person's gathered descriptors and a role's look-back are bounded, which
keeps the work linear.
Used by `newslens.attribution` (notebook 03-speakers through `extract_quotes`).
"""
from __future__ import annotations

from bisect import bisect_right
import re
from collections import Counter
from functools import lru_cache
from itertools import islice

from newslens import names as nm
from newslens.cues import cue_lexicon, cue_positions, cue_regex

MASK = "¤"
PRONOUNS_PERSON = frozenset("he she him her".split())
ANY_RE = re.compile(r"(.+)", re.S)
BREAK_RE = re.compile(r"[,.;:¤()]")
APPOSITION_AFTER_RE = re.compile(r",\s*([^,;¤]{2,120}?)(?:,|\.$|\.\s)")
APPOSITION_BEFORE_RE = re.compile(r"(?:^|[,.;:]\s*)([^,.;:¤]{3,100}),\s*$")
# A role that opens the sentence before the name, set off by a comma ("Military expert, reserve Colonel X").
LEAD_DESCRIPTOR_RE = re.compile(r"(?!(?:In|At|On|From|For|After|Before|During|With|Near|Outside|Inside|By|Since|Until|"
                                r"Under|Over|According|As|When|While|But|And)\b)([^,.;:¤]{3,60}),\s*(?:[a-z][\w-]*\s+){0,3}")
DATELINE_RE = re.compile(r"(?:[A-Z][A-Z .'-]+(?:,\s*[A-Z][\w.]*(?:\s*\d+)?)*)?\s*(?:\([^)]{1,30}\))?\s*[—–-]+\s*")  # "LA CROSSE, Wisc. —"
HEADING_END = ".!?:\"”»)…"
DESCRIPTOR_CAP = 1000  # characters of descriptors gathered for one person (their side is read from them)
ROLE_HISTORY_REACH = 2000  # history entries a role looks back over (an article has a few hundred)
HISTORY_REACH = 15  # sentences looked back over when collecting pronoun antecedents (entries are near-ordered)
HISTORY_TYPES = ("person", "organization", "anonymous")
NOBODY = {"type": "", "name": "", "side": "unknown", "text": "", "desc": "", "mention": "none"}
GENERIC_PERSONS = frozenset("man woman person boy girl".split())
# "the interlocutor", "the source": the unnamed source quoted just before, whatever noun described it.
SOURCE_ROLES = frozenset(("interlocutor", "source"))
SOURCE_WINDOW = 3  # sentences
# Role heads that can refer back to a news outlet ("the agency said", "the newspaper reported").
MEDIA_HEADS = frozenset("agency newspaper paper broadcaster channel network outlet station publication site website "
                        "magazine daily tabloid service".split())
SPACE_HYPHEN_RE = re.compile(r"[\s-]+")
PREV_WORD_RE = re.compile(r"([a-z][a-z-]*)\s*$")
# A company's legal form before its name in marks (Russian and Ukrainian style: PMC "Wagner", PJSC "Gazprom").
LEGAL_FORM_BEFORE_RE = re.compile(r"(?<![\w-])(?:PMC|LLC|JSC|PJSC|OJSC|CJSC|PrJSC|OOO|OAO|ZAO|PAO|TOV|NGO|SE)\s*$")
# A sentence-opening time adverbial written without a comma ("On Friday Russia's defence ministry said"):
# not part of the role phrase after it.
WHEN = (r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|"
        r"August|September|October|November|December|morning|afternoon|evening|night|week|weekend|month|year)")
FRONTED_TIME_RE = re.compile(r"(?:(?:(?:On|Late|Early|Last|This|By|Since|In|Earlier|Later)\s+(?:(?:on|last|this|late|early)\s+)?)?"
                             + WHEN + r"(?:\s+(?:\d{1,2}|\d{4}|morning|afternoon|evening|night))?"
                             r"|Meanwhile|Overnight|Today|Yesterday|Earlier|Later|Separately)\s+(?=\S)")
NOT_NAMING = frozenset("as and or to by with from of than".split())
# A short quoted phrase is a term, not a quotation, after a naming word ("so-called", "dubbed") or when it
# sits inside a noun phrase: a determiner before it and either a noun right after it ("“shadow fleet”
# tankers", 'drones of "Shahed" type') or no reporting cue among the few words before it.
# A ministry named without a country ("the Defense Ministry") belongs to the country whose nationality words
# make up at least this share (and count) of those met earlier in the article ("Russia", "the Kremlin").
BARE_MINISTRY_RE = re.compile(r"(?:the\s+)?(?:([A-Z][a-z]+(?:\s+[Aa]ffairs)?)\s+Ministry|Ministry\s+of\s+([A-Z][a-z]+(?:\s+[Aa]ffairs)?))")
OWNER_MIN_COUNT = 3
OWNER_MIN_SHARE = 2 / 3
SPACE_RUN_RE = re.compile(r"\s+")
TERM_MAX_WORDS = 2
NAMING_BEFORE_RE = re.compile(r"(?:so-called|dubbed|nicknamed|known(?:\s+[\w-]+){0,4}\s+as|referred to as|termed|branded|"
                              r"labell?ed|(?:everybody|everyone|many|people|locals|residents|soldiers|troops)"
                              r"(?:\s+\w+)?\s+call(?:s|ed)?(?:\s+[\w'’-]+){1,3})"
                              r"\s*(?:the\s+|a\s+|an\s+)?$", re.I)
DETERMINER_BEFORE_RE = re.compile(r"(?<![\w-])(?:the|a|an|this|these|those|its|their|his|her|our|of|such)\s*$", re.I)
NOUN_AFTER_RE = re.compile(r"\s+([a-z][a-z-]+)\b")
CLAUSE_START_RE = re.compile(r"[.!?;:\n]")
ABBREVIATION_END_RE = re.compile(r"(?<![\w.])(?:Mr|Mrs|Ms|Dr|St|Sen|Gov|Rep|Gen|Lt|Col|Sgt|Prof|Capt|Maj|Jr|Sr|[A-Z])$")
LOWER_WORD_RE = re.compile(r"(?<![\w'’-])[a-z][a-z'’-]*")
ACRONYM_DEF_RE = re.compile(r"\(((?=(?:[^A-Z)]*[A-Z]){2})[A-Z][A-Za-z.&]{1,10})\)")  # "(AFU)": two capitals at least
# A sentence-opening word that is no first name: a gerund ("Bashing") or an adverb by its suffix ("Interestingly").
OPENER_WORD_RE = re.compile(r"[A-Z][a-z]{3,}ing|[A-Z][a-z]*(?:[a-z]{2}ally|ously|ively|edly|ingly|ently|antly|ately|fully|lessly|ibly|ably|arily|rtly)")
LOWER_SCAN_MAX = 100_000  # characters: up to this length a substring test precedes the set of lower-case words
LOWER_NEXT_RE = re.compile(r"\s+[a-z]")
OPENER_MARKS = " \n\"“”‘’'«»(-–—•*" + MASK
FUNCTION_WORDS = frozenset("and or but to in on at of for by with from as is are was were has have had will would "
                           "that which who whom whose where when while than then because if since during after before "
                           "into about over against through under between among without within despite like unless "
                           "until whether".split())
THAT_AFTER_RE = re.compile(r"(?:\s+[^\s,;:¤]+){0,3}?,?\s+that\b")  # "said that", "told RIA that"
APPEAL_AFTER_RE = re.compile(r"(?:\s+[^\s,;:¤]+){0,4}?\s+to\s+[a-z]+")  # "urges residents to pack", "asked him to"
TITLE_WORD_RE = re.compile(r"[^\W\d_][\w'’-]*")
TITLE_SMALL_WORDS = frozenset("the and for nor but yet with from into onto upon over".split())  # lower case inside a title
# The word before a title in marks: a preposition or a noun for a work (or a possessive: "CBS'", "NBC's").
TITLE_BEFORE_WORDS = frozenset("on in of to from for at book show film movie memoir column podcast series program programme "
                               "song album headline article op-ed essay novel play musical titled entitled slogan banner "
                               "hashtag segment documentary report".split())
LABEL_CUE_WORDS = 5  # a cue this close before a name in marks makes it words said, not a label
APPEAL_CUES = frozenset("asked asks ask told tells tell recommends recommended recommend advised".split())
FRAME_AFTER_REACH = 300  # characters after a quoted phrase read for a frame
FRAME_AFTER_WORDS = 6  # words of a frame after a quoted phrase (", Comey has said")
SENTENCE_END_RE = re.compile(r"[.!?](?:\s|$)")
TERM_CUE_WORDS = 4  # a reporting cue this close before the phrase makes it a partial quotation


def _mask(quoted: str) -> str:
    """A quotation with every character but line breaks replaced by MASK (same length, same lines)."""
    return "\n".join(MASK * len(line) for line in quoted.split("\n"))


def _label_mask(quoted: str) -> str:
    """A label in marks written as x's (same length), keeping a comma that US style puts inside the closing mark
    ('author of "The Long Road," said'): the comma still closes the apposition around it."""
    inner = quoted.rstrip("\"”»‟’' ")
    return "x" * (len(quoted) - 1) + ("," if inner.endswith(",") else "x")  # the comma moved to the end


def is_name_in_marks(text: str, span: tuple[int, int]) -> bool:
    """True for a proper name alone in marks after a common noun ('the line «Dniprovska»', 'call sign "Bison"').

    Such marks label a thing; nobody is reported as saying the words.
    """
    s, e = span
    inner = text[s + 1:e - 1].strip().rstrip(",.")  # 'call sign "Bereza,"': US style puts the comma inside
    words = inner.split()
    if not 1 <= len(words) <= 3 or any(c in inner for c in ".,!?;:") or not all(w[:1].isupper() for w in words):
        return False
    if LEGAL_FORM_BEFORE_RE.search(text, max(0, s - 8), s):
        return True
    prev = PREV_WORD_RE.search(text, max(0, s - 30), s)
    if not prev or prev.group(1) in NOT_NAMING or prev.group(1) in cue_lexicon():
        return False
    return not cue_regex().search(" ".join(text[max(0, s - 60):s].split()[-LABEL_CUE_WORDS:]))  # 'called her an "Aunt Tom"'


def looks_like_title(quoted: str) -> bool:
    """True for words in marks written like a title (every word of four letters or more capitalised, two or
    more of them): "Russia's Winter Offensive: Early Indicators", "Parks and Recreation"."""
    words = [w for w in TITLE_WORD_RE.findall(quoted) if len(w) >= 3 and w.lower() not in TITLE_SMALL_WORDS]
    return len(words) >= 2 and all(w[0].isupper() for w in words)


def is_title_in_marks(text: str, span: tuple[int, int]) -> bool:
    """True for a title in marks after a preposition, a possessive or a noun for works ('on CBS' "Face the Nation"',
    'his book "The Art of the Deal"'): nobody is reported as saying it."""
    s, e = span
    before = text[max(0, s - 30):s].split()
    last = before[-1] if before else ""
    if last.lower() not in TITLE_BEFORE_WORDS and not last.endswith(("'", "’", "'s", "’s")):
        return False
    return looks_like_title(text[s + 1:e - 1])


def _clause_before(text: str, s: int) -> str:
    """The text of the clause before offset s (at most 200 characters back): after the last sentence or clause
    punctuation that is not the dot of an abbreviation ("Mrs. Park", "J. Smith")."""
    window = text[max(0, s - 200):s]
    cut = 0
    for m in CLAUSE_START_RE.finditer(window):
        if m.group(0) != "." or not ABBREVIATION_END_RE.search(window, 0, m.start()):
            cut = m.end()
    return window[cut:]


def is_term_in_marks(text: str, span: tuple[int, int]) -> bool:
    """True for one or two quoted words used as a term ('the so-called "price cap"', '"Shahed" type'), not as speech."""
    s, e = span
    inner = text[s + 1:e - 1].strip().rstrip(",.")
    words = inner.split()
    if not 1 <= len(words) <= TERM_MAX_WORDS or any(c in inner for c in ".,!?;:"):
        return False
    before = text[max(0, s - 40):s]
    if NAMING_BEFORE_RE.search(before):
        return True
    if not DETERMINER_BEFORE_RE.search(before):
        return False
    clause = _clause_before(text, s)
    if cue_regex().search(" ".join(clause.split()[-TERM_CUE_WORDS:])):  # 'said the "blue channel" would...'
        return False
    if any(THAT_AFTER_RE.match(clause, m.end()) for m in cue_regex().finditer(clause)):  # inside reported speech
        return False
    noun = NOUN_AFTER_RE.match(text, e, e + 30)
    if noun and noun.group(1) not in FUNCTION_WORDS and noun.group(1) not in cue_lexicon():
        return True  # '"Shahed" type', '"shadow fleet" tankers'
    if _framed_after(text, e):  # 'because of the "impact," Jacobs said, ...', 'made a "mistake" in it, Comey said.'
        return False
    # 'blasted the council for its "reckless spending"'; not an appeal ('urges residents to pack the "grab bag"')
    return not any(not _is_appeal(clause, m) for m in cue_regex().finditer(clause))


def _framed_after(text: str, e: int) -> bool:
    """True if a cue frames the rest of the sentence after offset e: right after it (' Jacobs said, ...') or in
    its last comma-separated part (', Comey has said.'), each of at most FRAME_AFTER_WORDS words."""
    rest = text[e:e + FRAME_AFTER_REACH]
    end = SENTENCE_END_RE.search(rest)
    rest = rest[:end.start()] if end else rest
    head, _, _ = rest.partition(",")
    tail = rest[rest.rfind(",") + 1:]
    return any(len(part.split()) <= FRAME_AFTER_WORDS and cue_regex().search(part) for part in {head, tail} if part.strip())


def _is_appeal(clause: str, cue: re.Match) -> bool:
    """True for a cue that asks for an action ("urges residents to pack", "told them to leave"), not one that reports words."""
    form = " ".join(cue.group(0).lower().split())
    return (cue_lexicon().get(form) == "any" or form in APPEAL_CUES) and bool(APPEAL_AFTER_RE.match(clause, cue.end()))


@lru_cache(maxsize=1)
def role_regexes() -> tuple[re.Pattern, re.Pattern, frozenset, frozenset]:
    """(role phrase at the end of a text, role phrase anywhere, person heads, org heads); party words are person
    heads here ("a South Carolina Democrat said")."""
    words = nm.role_words()
    person = words["person"] | words.get("party", frozenset())
    heads = sorted(person | words["org"], key=len, reverse=True)
    alt = "|".join(re.escape(h).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]") for h in heads)
    det = r"(?:the|a|an|his|her|its|their|one|another|(?-i:[A-Z])[\w.'’-]+)"
    modifier = r"(?!(?:of|for|at|in|who|which|that|to|on|from|with|and|by|said|says|told)\b)[^\s,;:¤]+"
    core = (r"(" + det + r"\s+(?:" + modifier + r"\s+){0,6}(?:" + alt + r")s?)"
            r"(?![\w-])((?:\s+(?:of|for|at|in|outside|from|on|to)\s+(?:the\s+)?[^\s,;:¤]+(?:\s+(?-i:[A-Z])[^\s,;:¤]*){0,3})?)")
    # Before a verb the phrase may end in lower-case words ("the ministry of external affairs said").
    core_end = core.replace(r"(?:\s+(?-i:[A-Z])[^\s,;:¤]*){0,3}", r"(?:\s+[^\s,;:¤]+){0,3}")
    return (re.compile(r"(?:^|(?<=\s))" + core_end + r"\s*$", re.I), re.compile(r"(?<![\w-])" + core, re.I),
            person, words["org"])


def speaker(name: str, stype: str, mention: str, side: str = "unknown", text: str = "", desc: str = "") -> dict:
    """A small speaker record."""
    return {"name": name, "type": stype, "mention": mention, "side": side, "text": text or name, "desc": desc}


class Article:
    """One article prepared for attribution: masked text, sentences, mentions and entity history."""

    def __init__(self, text: str, spans: list, sents: list):
        self.text = text
        parts, last = [], 0
        self.labels = {span for span in spans
                       if is_name_in_marks(text, span) or is_term_in_marks(text, span) or is_title_in_marks(text, span)}
        for s, e in spans:
            parts.append(text[last:s])
            parts.append(_label_mask(text[s:e]) if (s, e) in self.labels else _mask(text[s:e]))
            last = e
        parts.append(text[last:])
        self.masked = "".join(parts)
        self.sents = sents or [(0, len(text))]
        self.starts = [s for s, _ in self.sents]
        self.mentions = [[] for _ in self.sents]
        k, nxt = 0, (self.starts[1] if len(self.starts) > 1 else None)
        for m in nm.find_names(self.masked, 0, len(self.masked)):  # mentions come in text order
            while nxt is not None and m.start >= nxt:
                k += 1
                nxt = self.starts[k + 1] if k + 1 < len(self.starts) else None
            self.mentions[k].append(m)
        for k, (s, e) in enumerate(self.sents):
            if self._is_heading(s, e):
                self.mentions[k] = []
            elif self.mentions[k]:
                if self.masked[s:s + 2].isupper() or self.masked[s:s + 1] == "(":  # what a dateline starts with
                    dateline = DATELINE_RE.match(self.masked, s, e)  # "WASHINGTON (AP) —": no speaker in a dateline
                    if dateline:
                        self.mentions[k] = [m for m in self.mentions[k] if m.start >= dateline.end()]
                first = self.mentions[k][0] if self.mentions[k] else None
                if first is not None and first.name.partition(" ")[0].endswith(("ing", "ly")) \
                        and not self.masked[s:first.start].strip(OPENER_MARKS):
                    self.mentions[k][0] = _without_opener(first)
        self._descriptors: dict[int, str] = {}
        self._entities: dict[tuple[int, bool], dict | None] = {}
        self._known: dict[str, str | None] = {}
        self.cues = cue_positions(self.masked)
        self.cue_starts = [c[0] for c in self.cues]
        self.people: dict[str, list] = {}   # transliteration key -> [full name, descriptor]
        self._by_initial: dict[str, list[str]] = {}  # first letter -> registry keys in registration order
        self.history: list[list] = []  # [offset, sentence, speaker (None until needed), role, mention]
        self.sentence_ids = list(range(len(self.sents)))  # the text's sentence index of each sentence (piece) read
        self._owners: list[tuple[int, str]] | None = None
        self.facts: dict[str, bool] = {}  # text-wide pre-tests of the rules, computed once per article
        self._lower_words: frozenset[str] | None = None
        self._acronyms: dict[str, nm.Mention] | None = None

    def named_speaker(self, name: str) -> dict | None:
        """A person's record for a name printed where the name rules do not look ("In Ann Holm's words"):
        the person of the article with that surname, else the name as printed; None if it names nobody."""
        words = name.split()
        if not words or not all(w[:1].isupper() for w in words) or any(w.lower() in nm.role_words()["stop"] for w in words):
            return None
        known = self.known_key(nm.translit_key(words[-1]))
        if known is not None:
            full, desc = self.people[known]
            return speaker(full, "person", "surname" if len(words) == 1 else "name", nm.side_of(desc), name)
        return speaker(name, "person", "surname" if len(words) == 1 else "name", "unknown", name)

    def label_speaker(self, label: str) -> dict | None:
        """The person named earlier in the article that a transcript label stands for ("PENCE" -> Mike Pence), else None."""
        words = [w for w in label.replace(".", " ").split() if w.lower() not in nm.DOTTED_TITLES]
        known = self.known_key(nm.translit_key(words[-1])) if words else None
        if known is None:
            return None  # "NATO: a test": not a person of the article
        full, desc = self.people[known]
        return speaker(full, "person", "surname", nm.side_of(desc), label)

    def acronym_of(self, m: nm.Mention) -> dict | None:
        """The organisation an abbreviation stands for when the article defined it ("Full Name (ABBR)"), else None."""
        if self._acronyms is None:  # each "Name (ABBR)" of the article, found once
            self._acronyms, ends = {}, None
            for found in ACRONYM_DEF_RE.finditer(self.masked):
                if ends is None:  # organisation mentions by where they end, built only when something is defined
                    ends = {x.end: x for ms in self.mentions for x in ms if x.kind == "org"}
                x = ends.get(found.start() - 1 if self.masked[found.start() - 1:found.start()] == " " else found.start())
                if x is not None and found.group(1) != x.name:
                    self._acronyms.setdefault(found.group(1), x)
        full = self._acronyms.get(m.name)
        if full is None or full.start == m.start:
            return None
        return self.entity(full)

    def lower_words(self) -> frozenset[str]:
        """Every word the article prints in lower case (outside quotations), found once when first needed."""
        if self._lower_words is None:
            self._lower_words = frozenset(LOWER_WORD_RE.findall(self.masked))
        return self._lower_words

    def common_word_opener(self, m: nm.Mention) -> bool:
        """True for a lone capitalised word opening its sentence that is no name: a word the article
        also prints in lower case ("Some", "Both", "Critics"), or a gerund before a lower-case word
        ("Withdrawing from the treaty would ...")."""
        if m.kind != "single" or " " in m.name or (m.start >= 2 and self.masked[m.start - 2].isalnum()):
            return False  # a word right before it ("said Trump"): not a sentence opener
        s = self.starts[self.sentence_of(m.start)]
        if self.masked[s:m.start].strip(OPENER_MARKS):
            return False
        if m.name.endswith("ing") and LOWER_NEXT_RE.match(self.masked, m.end):
            return True
        return self.prints_in_lower_case(m.name)

    def prints_in_lower_case(self, word: str) -> bool:
        """True if the article prints `word` in lower case as a whole word (`lower_words`); on a text of at most
        LOWER_SCAN_MAX characters a word that is not even a substring of it is ruled out without building the set."""
        low = word.lower()
        if len(self.masked) <= LOWER_SCAN_MAX and low not in self.masked:
            return False
        return low in self.lower_words()

    def _is_heading(self, s: int, e: int) -> bool:
        """True for a heading: a short line without final punctuation (its names are not mentions)."""
        if s and self.text[s - 1] != "\n":  # the cheapest test first: a heading starts a line
            return False
        line = self.text[s:e]
        return line.rstrip()[-1:] not in HEADING_END and len(line.split()) <= 8

    def masked_match(self, start: int, end: int) -> re.Match:
        """A match object for masked[start:end] (so cue code reads like regex code)."""
        return ANY_RE.match(self.masked, start, end)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence containing offset pos."""
        k = bisect_right(self.starts, pos) - 1
        return k if k > 0 else 0

    def descriptor(self, m: nm.Mention) -> str:
        """Titles, the words just before a name and an apposition after it ("X, a ... analyst,")."""
        if m.start in self._descriptors:
            return self._descriptors[m.start]
        s, _ = self.sents[self.sentence_of(m.start)]
        window = self.masked[max(s, m.start - 120):m.start]
        before = BREAK_RE.split(window[-80:])[-1].split()[-6:]
        after = APPOSITION_AFTER_RE.match(self.masked, m.end, m.end + 140)
        parts = [" ".join(before), m.descriptor]
        if after and (not after.group(1)[:1].isupper() or after.group(1).split()[0] in ("a", "an", "the")):
            parts.append(after.group(1))
        lead = LEAD_DESCRIPTOR_RE.fullmatch(self.masked, s, m.start) if m.start - s < 90 else None
        if lead:
            parts.append(lead.group(1))
        if self.masked[m.end:m.end + 1] == ",":
            pre = APPOSITION_BEFORE_RE.search(window)
            if pre:
                parts.append(pre.group(1))
        self._descriptors[m.start] = " ".join(filter(None, parts)).strip()
        return self._descriptors[m.start]

    def known_key(self, key: str) -> str | None:
        """The registry key of a person already met whose surname matches `key` (exact first)."""
        if key in self.people:
            return key
        if key not in self._known:
            same_initial = self._by_initial.get(key[:1], ())  # = the registry keys with key's initial, in order
            self._known[key] = next((k for k in same_initial if nm.alike(k, key, nm.SURNAME_SIMILARITY)), None)
        return self._known[key]

    def _register(self, key: str, name: str, desc: str) -> None:
        """Put a person in the registry under `key` (a new key also joins its initial's list)."""
        if key not in self.people:
            self._by_initial.setdefault(key[:1], []).append(key)
        self.people[key] = [name, desc]
        self._known.clear()

    def person(self, m: nm.Mention, mention: str = "") -> dict:
        """Speaker record for a person mention, joining a surname to the full name seen earlier."""
        first, last = nm.split_name(m.name)
        key = nm.translit_key(last)
        desc = self.descriptor(m)
        known = self.known_key(key)
        if first and known is not None and not nm.split_name(self.people[known][0])[0] \
                and nm.same_person(m.name, self.people[known][0]):
            self.people[known][0] = m.name  # "Mr. Zelensky" ... "Volodymyr Zelensky": upgrade to the full name
        if first and (known is None or not nm.same_person(m.name, self.people[known][0])):
            self._register(key, m.name, desc)
            full = m.name
        elif known is not None:
            full = self.people[known][0]
            if desc and desc not in self.people[known][1] and len(self.people[known][1]) < DESCRIPTOR_CAP:
                self.people[known][1] += " " + desc  # each new descriptor once, and a bounded total: linear time
            desc = self.people[known][1]
        else:
            full = m.name
            if m.titled or m.kind == "person":
                self._register(key, m.name, desc)
        kind = mention or ("name" if first else "surname")
        return speaker(full, "person", kind, nm.side_of(desc), m.name, desc)

    def entity(self, m: nm.Mention, allow_single: bool = True) -> dict | None:
        """Speaker record for any mention (person, organisation, known surname or lone word), cached per mention."""
        key = (m.start, allow_single or m.kind != "single")
        if key not in self._entities:
            self._entities[key] = self._entity(m, allow_single)
        return self._entities[key]

    def _entity(self, m: nm.Mention, allow_single: bool) -> dict | None:
        """Speaker record for a mention, computed from the registry as it stands."""
        if m.kind != "org" and self.after_firm_noun(m):  # "the grid operator Ukrenergo"
            return speaker(m.name, "organization", "name", nm.side_of(self.descriptor(m)), m.name)
        if m.kind == "person":
            return self.person(m)
        if m.kind == "org" and BARE_MINISTRY_RE.fullmatch(m.name):
            name, side = self.ministry_owner(m)
            return speaker(name, "organization", "name", side, m.descriptor or m.name)
        if m.kind == "org":
            side = nm.side_of(m.descriptor) if m.name == m.descriptor else None
            org = nm.match_organisation(m.descriptor or m.name)
            side = org[1] if org else side or nm.side_of(m.name)
            if side == "unknown":
                side = nm.side_of(self.descriptor(m))
            return speaker(m.name, "organization", "name", side, m.descriptor or m.name)
        if m.kind == "single" and self.org_apposition(m):  # "Kpler, a commodities analytics firm, estimated"
            return speaker(m.name, "organization", "name", nm.side_of(self.descriptor(m)), m.name)
        if is_vague_plural(m.name):  # "Analysts say": a capitalised common noun, not a name
            return vague_speaker(m.name)
        if nm.fold(m.name) in nm.role_words().get("party", ()):  # "Democrats said": a collective; "Republican": none
            return vague_speaker(m.name) if m.name.endswith("s") else None
        full = self.acronym_of(m)
        if full is not None:  # "the Armed Forces of Ukraine (AFU)" ... "the AFU said"
            return dict(full, text=m.name)
        key = nm.translit_key(m.name)
        if self.known_key(key) is not None:
            return self.person(m, "surname")
        if self.common_word_opener(m):
            return None
        if not allow_single:
            return None
        if m.name.isupper():
            return speaker(m.name, "organization", "name", nm.side_of(m.name), m.name)
        return self.person(m, "surname")

    def ministry_owner(self, m: nm.Mention) -> tuple[str, str]:
        """(full name, side) of a ministry named without a country, owned by the country the article is about so far."""
        if self._owners is None:  # (offset, adjective) of every nationality word, found once per article
            words = ((w.start(), nm.fold(w.group(0)).removesuffix("'s")) for w in nm.side_regex().finditer(self.masked))
            self._owners = [(at, nm.nationalities()[o][0]) for at, o in words if o in nm.nationalities()]
        counts = Counter(adj for at, adj in self._owners if at < m.start)
        top = counts.most_common(1)
        if top and top[0][1] >= OWNER_MIN_COUNT and top[0][1] >= OWNER_MIN_SHARE * sum(counts.values()):
            found = nm.match_ministry(f"{top[0][0]} {m.name}")
            if found:
                return found
        bare = BARE_MINISTRY_RE.fullmatch(m.name)
        domain = SPACE_RUN_RE.sub(" ", (bare.group(1) or bare.group(2)).title()).replace("Defense", "Defence")
        return f"Ministry of {domain}", "unknown"  # one spelling, so defense/defence never split it

    def org_apposition(self, m: nm.Mention) -> bool:
        """True if a lone name is followed by an apposition headed by a company or organisation noun."""
        after = APPOSITION_AFTER_RE.match(self.masked, m.end, m.end + 140)
        if not after:
            return False
        words = after.group(1).lower().split()
        heads = nm.role_words()
        return len(words) >= 2 and words[0] in ("a", "an", "the") and (words[-1] in heads.get("firm", ())
                                                                        or words[-1] in heads["org"])

    def after_firm_noun(self, m: nm.Mention) -> bool:
        """True if a name follows a lower-case company noun ("the broker Marsh Harbour") and is no known person."""
        if self.masked[m.start - 1:m.start] != " ":
            return False
        last = self.masked[m.start - 2:m.start - 1]  # the last letter of the word before, unless a space
        if last not in _firm_last_letters() and not last.isspace():
            return False
        before = self.masked[max(0, m.start - 30):m.start].rsplit(None, 1)  # only the last word is read
        if not before or before[-1] not in nm.role_words().get("firm", ()) or nm.is_news_channel(m.name):
            return False
        return self.known_key(nm.translit_key(nm.split_name(m.name)[1])) is None

    def remember(self, pos: int, spk: dict, role: str) -> None:
        """Add an entity to the article's history (for pronoun and role resolution)."""
        if spk and spk["type"] in HISTORY_TYPES and not spk.get("vague"):
            k = bisect_right(self.starts, pos) - 1  # `sentence_of`, inlined (one call per mention)
            self.history.append([pos, k if k > 0 else 0, spk, role, None])

    def remember_mention(self, m: nm.Mention) -> None:
        """Add a name mention to the history; its speaker record is only built if a resolution looks at it."""
        k = bisect_right(self.starts, m.start) - 1  # `sentence_of`, inlined (one call per mention)
        self.history.append([m.start, k if k > 0 else 0, None, "mention", m])

    def _could_be(self, h: list, want: str) -> bool:
        """Cheap test before building a history entry's record: an organisation name is never a person."""
        return h[2] is not None or h[4].kind != "org" or want == "organization"

    def _spk(self, h: list) -> dict:
        """The speaker record of a history entry, built on first use (NOBODY if the mention names no speaker)."""
        if h[2] is None:
            spk = self.entity(h[4], allow_single=False)
            h[2] = spk if spk and spk["type"] in HISTORY_TYPES and not spk.get("vague") else NOBODY
        return h[2]

    def resolve_pronoun(self, word: str, pos: int) -> dict | None:
        """The most recent compatible entity for a pronoun: person for he/she, organisation for it/they."""
        want = "person" if word in PRONOUNS_PERSON else "organization"
        here = self.sentence_of(pos)
        kinds = ("person", "anonymous") if want == "person" else (want,)
        cands = []
        for h in reversed(self.history):  # newest first; entries of earlier units come before later ones
            if here - h[1] > HISTORY_REACH:
                break
            if h[0] < pos and here - h[1] <= 5 and (h[2] is not None or h[4].kind != "org" or want == "organization") \
                    and (h[2] or self._spk(h))["type"] in kinds:  # `_could_be`, then `_spk`, inlined (hot loop)
                cands.append(h)
        cands.reverse()
        if not cands:
            return None
        last_sent = cands[-1][1]
        same = [h for h in cands if h[1] == last_sent]
        subjects = [h for h in same if len(self.masked[self.sents[h[1]][0]:h[0]].split()) <= 5]
        pick = next((h for h in reversed(same) if h[3] == "speaker"), subjects[0] if subjects else same[-1])
        if want == "organization" and last_sent != here:
            spoke = [h for h in cands if h[3] == "speaker" and here - h[1] <= 3]
            pick = spoke[-1] if spoke else pick
        return dict(pick[2], mention="pronoun")

    def resolve_role(self, phrase: str, head: str, pos: int, ahead: bool = True) -> dict | None:
        """The entity a definite role phrase refers to: earlier in the article, else (if `ahead`) just after it."""
        is_org = head in role_regexes()[3] and head not in role_regexes()[2]
        want = "organization" if is_org else "person"
        norm_head = SPACE_HYPHEN_RE.sub(" ", head.lower())
        if norm_head in GENERIC_PERSONS:
            return self.recent(want, pos, 6, "role")
        head_re = _head_regex(norm_head)
        kinds = (want, "anonymous") if want == "person" else (want,)  # "The official said": the unnamed official
        side = nm.side_of(phrase)
        for h in islice(reversed(self.history), ROLE_HISTORY_REACH):  # bounded: linear time on any text
            if h[0] >= pos or (h[2] is None and h[4].kind == "org" and want != "organization") \
                    or (h[2] or self._spk(h))["type"] not in kinds:  # `_could_be`, then `_spk`, inlined (hot loop)
                continue
            if nm.is_news_channel(h[2]["name"]) and norm_head not in MEDIA_HEADS:
                continue  # "said on Telegram", "told Reuters": a channel is only "the agency", "the newspaper"
            if head_re.search(_role_text(h[2])) and (side == "unknown" or h[2]["side"] in (side, "unknown")):
                return dict(h[2], mention="role")
        if norm_head in SOURCE_ROLES:
            found = self.recent("anonymous", pos, SOURCE_WINDOW, "role")
            if found:
                return found
        bare = " ".join(phrase.lower().split()[1:]) == norm_head  # "the company", "the think tank": the role alone
        if is_org and bare:  # "the company", "the agency": the organisation (not a government) named last
            return self.recent(want, pos, 6, "role", side, channels=norm_head in MEDIA_HEADS, head=norm_head)
        if not ahead:  # "«...», insisted the Ukrainian president": the speaker just quoted
            found = self.recent(want, pos, 1, "role", side, spoken=True)
            if found:
                return found
        here = self.sentence_of(pos)
        for k in range(here, min(here + 5, len(self.sents))):
            for m in self.mentions[k]:
                if m.start <= pos or m.kind not in (("person", "single") if want == "person" else ("org",)) \
                        or nm.is_news_channel(m.name):  # "air force spokesman X told Reuters": not the air force
                    continue
                if m.kind == "org" and nm.LOCATIVE_RE.search(self.masked, max(0, m.start - 12), m.start):
                    continue  # "the Russian embassy in New Delhi": a place is not what a role names
                after = self.masked[m.end:m.end + 40]
                desc = SPACE_HYPHEN_RE.sub(" ", (m.descriptor + " " + self.descriptor(m)).lower())
                found = self.entity(m) if head_re.search(desc) or (
                    (k <= here + 1 or want == "person") and cue_regex().match(after.lstrip(" ,"))) else None
                if found:
                    return dict(found, mention="role")
        return None

    def recent(self, want: str, pos: int, window: int, mention: str, side: str = "unknown",
               spoken: bool = False, channels: bool = True, head: str = "") -> dict | None:
        """The last entity of type `want` before pos within `window` sentences (not a government; side-compatible;
        not a news channel if `channels` is False; not an organisation described by another noun than `head`)."""
        here = self.sentence_of(pos)
        for h in reversed(self.history):
            if h[0] >= pos or (spoken and h[3] != "speaker") or not self._could_be(h, want) \
                    or self._spk(h)["type"] != want:
                continue
            if here - h[1] > window:
                return None
            if h[2]["name"].endswith("government") or h[2]["side"] not in (side, "unknown") and side != "unknown":
                continue
            if not channels and nm.is_news_channel(h[2]["name"]):
                continue
            if head and h[2]["mention"] == "description" and not _head_regex(head).search(_role_text(h[2])):
                continue  # "the administration" is not "the Russian embassy" described before
            return dict(h[2], mention=mention)
        return None


def _without_opener(m: nm.Mention) -> nm.Mention:
    """A sentence-opening name without a first word that is a gerund or an adverb ("Bashing Trump", "Interestingly
    Blocher" -> Trump, Blocher): such a word starts the sentence, not the name."""
    first, _, rest = m.name.partition(" ")
    if not rest or m.name_start != m.start or not OPENER_WORD_RE.fullmatch(first):
        return m
    at = m.start + m.name.index(rest, len(first))
    kind = "person" if " " in rest else "single"
    return nm.Mention(at, m.end, at, kind, rest, m.descriptor, m.possessive, False)


def is_vague_plural(word: str) -> bool:
    """True for the plural of a person role noun ("Officials", "analysts", "Diplomats")."""
    low = word.lower()
    return low.endswith("s") and low[:-1] in role_regexes()[2] and low not in role_regexes()[2]


def vague_speaker(phrase: str) -> dict:
    """An anonymous collective ("officials", "analysts"): attributed, but never counted as a speaker's statement."""
    record = speaker(phrase[0].lower() + phrase[1:], "anonymous", "description", nm.side_of(phrase), phrase)
    record["vague"] = True
    return record


def _role_text(spk: dict) -> str:
    """Name, descriptors and printed form of a speaker, lower case, hyphens as spaces (for role matching)."""
    return _joined_lower(spk["name"], spk.get("desc", ""), spk["text"])


@lru_cache(maxsize=65536)
def _joined_lower(*parts: str) -> str:
    """Parts joined by spaces, lower case, runs of spaces and hyphens as one space."""
    return SPACE_HYPHEN_RE.sub(" ", " ".join(parts).lower())


@lru_cache(maxsize=1)
def _firm_last_letters() -> frozenset[str]:
    """The last characters of the company nouns ("operator", "broker"): a word ending otherwise is none of them."""
    return frozenset(w[-1:] for w in nm.role_words().get("firm", ()))


@lru_cache(maxsize=256)
def _head_regex(norm_head: str) -> re.Pattern:
    """A role head as a whole word (plural allowed): 'man' must not match 'woman' or 'chairman'."""
    return re.compile(r"(?<![\w-])" + re.escape(norm_head) + r"s?(?![\w-])")


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """Head nouns of person and organisation roles, hyphens as spaces."""
    return frozenset(h.replace("-", " ") for h in role_regexes()[2] | role_regexes()[3])


def role_speaker(art: Article, phrase: str, pos: int, ahead: bool = True, full: str = "") -> dict | None:
    """A speaker for a role phrase: a listed organisation, a resolved role, or a description (`full`: with its PP)."""
    when = FRONTED_TIME_RE.match(phrase)
    if when and len(phrase.split()) > len(when.group(0).split()) + 1:
        phrase, full, pos = phrase[when.end():], full[when.end():], pos + when.end()
    org = nm.match_organisation(phrase)
    if org:
        return speaker(org[0], "organization", "name", org[1], phrase)
    words = phrase.split()
    det = words[0].lower()
    owner = re.sub(r"['’]s$", "", words[0])
    if owner != words[0] and nm.fold(owner) in nm.nationalities() \
            and nm.nationalities()[nm.fold(owner)][0][:3].lower() == owner[:3].lower():  # "Ukraine's military", not "Wagner's chief"
        adjective, _ = nm.nationalities()[nm.fold(owner)]
        phrase, words, det = " ".join(["the", adjective] + words[1:]), ["the", adjective] + words[1:], "the"
        org = nm.match_organisation(" ".join(words[1:]))
        if org:
            return speaker(org[0], "organization", "name", org[1], phrase)
    heads = role_heads()
    last = words[-1].lower()
    if last not in heads and last.endswith("s") and last[:-1] in heads:
        return vague_speaker(phrase)  # "Ukrainian officials", "analysts": a vague collective
    head = next((w for w in (" ".join(words[-2:]).lower(), words[-1].lower(), words[-1].lower().rstrip("s"))
                 if w.replace("-", " ") in heads), words[-1].lower())
    if len(words) > 1 and words[0].endswith(("'s", "’s")):  # "Wagner's chief": the owner's role, as printed
        return speaker(phrase, "anonymous", "description", nm.side_of(phrase), phrase)
    if words[0][:1].isupper() and det not in ("the", "a", "an", "his", "her", "its", "their", "one", "another"):
        det = "the"  # "Kremlin spokesman", "Russian authorities": a definite role
        phrase = "the " + phrase
        words = ["the"] + words
    if det in ("the", "his", "her", "its", "their"):
        found = art.resolve_role(phrase, head, pos, ahead)
        if found:
            return found
        if det == "the" and head in role_regexes()[3] and head not in role_regexes()[2]:
            named = " ".join(full.split()[1:]) if full.lower().startswith(phrase.lower()) else " ".join(words[1:])
            return speaker(named, "organization", "description", nm.side_of(phrase), phrase)
        if det == "the":
            return speaker(phrase[0].lower() + phrase[1:], "anonymous", "description", nm.side_of(phrase), phrase)
        return None
    return speaker(phrase[0].lower() + phrase[1:], "anonymous", "description", nm.side_of(phrase), phrase)
