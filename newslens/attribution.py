"""The rules that tie a quotation or a piece of reported speech to its speaker.

Works sentence by sentence on a copy of the article in which every quotation is masked, so names
and verbs inside quotations are never taken for the frame. For each reporting cue (from
`data/reporting_verbs.txt`) it finds the speaker: the subject before the verb ("X said", "X, a
Russian-installed politician, said", "he said", "the ministry said"), the inverted subject after it
("said X", "wrote early Friday on Telegram the mayor of the city, Ivan Fedorov"), the agent of a
passive ("described as ... by X"), "according to X" and "For X, ...". Pronouns and roles are
resolved to the most recent compatible entity (gender is not trusted: translations get it wrong),
channels ("told AFP") are never speakers, quotations with no cue continue the previous sentence's
speaker, and scare quotes stay unattributed. Used by `newslens.quotes.extract_quotes` (notebook 03).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from pathlib import Path

from newslens import names as nm

VERBS_FILE = Path(__file__).resolve().parent / "data" / "reporting_verbs.txt"
MASK = "¤"
ADVERBS = frozenset("has have had also further still then later earlier previously once again repeatedly "
                    "publicly reportedly separately recently already too would will could did does do "
                    "subsequently immediately quickly first last only even".split())
NEGATIONS = frozenset("not never n't no".split())
BE_VERBS = frozenset("was were is are been being be".split())
PRONOUNS_PERSON = frozenset("he she him her".split())
PRONOUNS_ORG = frozenset("it they them".split())
CLAUSE_STARTERS = frozenset("he she it they we i there the a an this these those its his her their our some many "
                            "most all no one two three four five six seven eight nine ten several both".split())
FINITE = frozenset("is are was were has have had will would could can should may might must did does do "
                   "won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't haven't hadn't".split())
SCARE_RE = re.compile(r"(?:so-called|dubbed|nicknamed|known as|referred to as|termed|branded|labelled|labeled)\s*(?:the\s+|a\s+|an\s+)?$", re.I)
PRONOUN_END_RE = re.compile(r"(?<![\w-])(he|she|it|they|we|who)\s*$", re.I)
WORD_RE = re.compile(r"[\w'’.-]+")
THAT_RE = re.compile(r"^(?:[^,;.¤]*?\s)??that\b", re.I)
NOT_NEWLINE_RE = re.compile(r"[^\n]")
ANY_RE = re.compile(r"(.+)", re.S)
BREAK_RE = re.compile(r"[,.;:¤()]")
APPOSITION_AFTER_RE = re.compile(r",\s*([^,;¤]{2,120}?)(?:,|\.$|\.\s)")
APPOSITION_BEFORE_RE = re.compile(r"(?:^|[,.;:]\s*)([^,.;:¤]{3,100}),\s*$")
HEADING_END = ".!?:\"”»)…"


@lru_cache(maxsize=1)
def cue_lexicon() -> dict[str, str]:
    """Reporting cue (lower case) -> class (any | clause | quote), from `data/reporting_verbs.txt`."""
    lexicon = {}
    for n, line in enumerate(VERBS_FILE.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        form, sep, kind = line.partition("\t")
        if not sep or kind.strip() not in ("any", "clause", "quote"):
            raise nm.NamesError(f"{VERBS_FILE.name}, line {n}: expected 'form<TAB>any|clause|quote', got {line!r}")
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


def _trie_pattern(words: list[str]) -> str:
    """A regex alternation of words factored as a prefix tree (fast to scan in C)."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def walk(node: dict) -> str:
        alts = [re.escape(ch) + walk(child) for ch, child in sorted(node.items()) if ch]
        optional = "" in node
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if optional else body
    return walk(tree)


@lru_cache(maxsize=256)
def phrase_regex(form: str) -> re.Pattern:
    """A multi-word cue as a regex allowing any white space between its words."""
    return re.compile(r"\s+".join(map(re.escape, form.split())) + r"(?![\w-])")


@lru_cache(maxsize=1)
def cue_word_regex() -> re.Pattern:
    """Whole lower-case words that can start a cue, as one prefix-tree regex."""
    return re.compile(r"(?<![\w-])" + _trie_pattern(sorted(cue_starts())) + r"(?![\w-])")


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


@lru_cache(maxsize=1)
def role_regexes() -> tuple[re.Pattern, re.Pattern, frozenset, frozenset]:
    """(role phrase at the end of a text, role phrase anywhere, person heads, org heads)."""
    words = nm.role_words()
    heads = sorted(words["person"] | words["org"], key=len, reverse=True)
    alt = "|".join(re.escape(h).replace(r"\ ", r"[\s-]+").replace(r"\-", r"[\s-]") for h in heads)
    core = (r"((?:the|a|an|his|her|its|their|one|another|(?-i:[A-Z])[\w.]+['’]s)\s+(?:(?!(?:of|for|at|in|who|which|that|to|on|from|with|and|by|said|says|told)\b)[^\s,;:¤]+\s+){0,6}(?:" + alt + r")s?)"
            r"(?![\w-])((?:\s+(?:of|for|at|in|outside|from|on|to)\s+(?:the\s+)?[^\s,;:¤]+(?:\s+(?-i:[A-Z])[^\s,;:¤]*){0,3})?)")
    return (re.compile(r"(?:^|(?<=\s))" + core + r"\s*$", re.I), re.compile(r"(?<![\w-])" + core, re.I),
            words["person"], words["org"])


def speaker(name: str, stype: str, mention: str, side: str = "unknown", text: str = "", desc: str = "") -> dict:
    """A small speaker record."""
    return {"name": name, "type": stype, "mention": mention, "side": side, "text": text or name, "desc": desc}


class Article:
    """One article prepared for attribution: masked text, sentences, mentions and entity history."""

    def __init__(self, text: str, spans: list, sents: list):
        self.text = text
        parts, last = [], 0
        for s, e in spans:
            parts.append(text[last:s])
            parts.append(NOT_NEWLINE_RE.sub(MASK, text[s:e]))
            last = e
        parts.append(text[last:])
        self.masked = "".join(parts)
        self.sents = sents or [(0, len(text))]
        self.starts = [s for s, _ in self.sents]
        self.mentions = [[] for _ in self.sents]
        for m in nm.find_names(self.masked, 0, len(self.masked)):
            self.mentions[self.sentence_of(m.start)].append(m)
        for k, (s, e) in enumerate(self.sents):
            if self._is_heading(s, e):
                self.mentions[k] = []
        self._descriptors: dict[int, str] = {}
        self.cues = cue_positions(self.masked)
        self.cue_starts = [c[0] for c in self.cues]
        self.people: dict[str, list] = {}   # transliteration key -> [full name, descriptor]
        self.history: list[tuple[int, int, dict, str]] = []  # (offset, sentence, speaker, role)

    def _is_heading(self, s: int, e: int) -> bool:
        """True for a heading: a short line without final punctuation (its names are not mentions)."""
        line = self.text[s:e]
        return line.rstrip()[-1:] not in HEADING_END and len(line.split()) <= 8 and (s == 0 or self.text[s - 1] == "\n")

    def masked_match(self, start: int, end: int) -> re.Match:
        """A match object for masked[start:end] (so cue code reads like regex code)."""
        return ANY_RE.match(self.masked, start, end)

    def sentence_of(self, pos: int) -> int:
        """Index of the sentence containing offset pos."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

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
        if self.masked[m.end:m.end + 1] == ",":
            pre = APPOSITION_BEFORE_RE.search(window)
            if pre:
                parts.append(pre.group(1))
        self._descriptors[m.start] = " ".join(p for p in parts if p).strip()
        return self._descriptors[m.start]

    def person(self, m: nm.Mention, mention: str = "") -> dict:
        """Speaker record for a person mention, joining a surname to the full name seen earlier."""
        first, last = nm.split_name(m.name)
        key = nm.translit_key(last)
        desc = self.descriptor(m)
        known = next((k for k in self.people if nm.similar(k, key) >= nm.SURNAME_SIMILARITY), None)
        if first and known is not None and not nm.split_name(self.people[known][0])[0] \
                and nm.same_person(m.name, self.people[known][0]):
            self.people[known][0] = m.name  # "Mr. Zelensky" ... "Volodymyr Zelensky": upgrade to the full name
        if first and (known is None or not nm.same_person(m.name, self.people[known][0])):
            self.people[key] = [m.name, desc]
            full = m.name
        elif known is not None:
            full = self.people[known][0]
            self.people[known][1] += " " + desc
            desc = self.people[known][1]
        else:
            full = m.name
            if m.titled or m.kind == "person":
                self.people[key] = [m.name, desc]
        kind = mention or ("name" if first else "surname")
        return speaker(full, "person", kind, nm.side_of(desc), m.name, desc)

    def entity(self, m: nm.Mention, allow_single: bool = True) -> dict | None:
        """Speaker record for any mention (person, organisation, known surname or lone word)."""
        if m.kind == "person":
            return self.person(m)
        if m.kind == "org":
            side = nm.side_of(m.descriptor) if m.name == m.descriptor else None
            org = nm.match_organisation(m.descriptor or m.name)
            side = org[1] if org else side or nm.side_of(m.name)
            if side == "unknown":
                side = nm.side_of(self.descriptor(m))
            return speaker(m.name, "organization", "name", side, m.descriptor or m.name)
        key = nm.translit_key(m.name)
        if any(nm.similar(k, key) >= nm.SURNAME_SIMILARITY for k in self.people):
            return self.person(m, "surname")
        if not allow_single:
            return None
        if m.name.isupper():
            return speaker(m.name, "organization", "name", nm.side_of(m.name), m.name)
        return self.person(m, "surname")

    def remember(self, pos: int, spk: dict, role: str) -> None:
        """Add an entity to the article's history (for pronoun and role resolution)."""
        if spk and spk["type"] in ("person", "organization"):
            self.history.append((pos, self.sentence_of(pos), spk, role))

    def resolve_pronoun(self, word: str, pos: int) -> dict | None:
        """The most recent compatible entity for a pronoun: person for he/she, organisation for it/they."""
        want = "person" if word in PRONOUNS_PERSON else "organization"
        here = self.sentence_of(pos)
        cands = [h for h in self.history if h[0] < pos and h[2]["type"] == want and here - h[1] <= 5]
        if not cands:
            return None
        last_sent = cands[-1][1]
        same = [h for h in cands if h[1] == last_sent]
        pick = next((h for h in reversed(same) if h[3] == "speaker"), same[-1])
        if want == "organization":
            spoke = [h for h in cands if h[3] == "speaker" and here - h[1] <= 3]
            pick = spoke[-1] if spoke else pick
        return dict(pick[2], mention="pronoun")

    def resolve_role(self, phrase: str, head: str, pos: int) -> dict | None:
        """The entity a definite role phrase refers to: earlier in the article, else just after it."""
        is_org = head in role_regexes()[3] and head not in role_regexes()[2]
        want = "organization" if is_org else "person"
        norm_head = re.sub(r"[\s-]+", " ", head.lower())
        side = nm.side_of(phrase)
        for h in reversed(self.history):
            if h[0] >= pos or h[2]["type"] != want:
                continue
            text = re.sub(r"[\s-]+", " ", (h[2]["name"] + " " + h[2].get("desc", "") + " " + h[2]["text"]).lower())
            if norm_head in text and (side == "unknown" or h[2]["side"] in (side, "unknown")):
                return dict(h[2], mention="role")
        here = self.sentence_of(pos)
        for k in range(here, min(here + 5, len(self.sents))):
            for m in self.mentions[k]:
                if m.start <= pos or m.kind not in (("person", "single") if want == "person" else ("org",)):
                    continue
                after = self.masked[m.end:m.end + 40]
                desc = re.sub(r"[\s-]+", " ", (m.descriptor + " " + self.descriptor(m)).lower())
                if norm_head in desc or cue_regex().match(after.lstrip(" ,")):
                    return dict(self.entity(m), mention="role")
        return None


def _strip_tail(left: str) -> tuple[str, bool, bool]:
    """Drop adverbs/auxiliaries before a verb: (remaining text, negated, passive)."""
    negated = passive = False
    while True:
        stripped = left.rstrip()
        m = re.search(r"([\w'’]+)$", stripped)
        if not m:
            return stripped, negated, passive
        word = m.group(1).lower()
        if word in NEGATIONS or word.endswith("n't"):
            negated = True
        elif word in BE_VERBS:
            passive = True
        elif word not in ADVERBS:
            return stripped, negated, passive
        left = stripped[:m.start()]


@lru_cache(maxsize=1)
def role_heads() -> frozenset[str]:
    """Head nouns of person and organisation roles, hyphens as spaces."""
    return frozenset(h.replace("-", " ") for h in role_regexes()[2] | role_regexes()[3])


def role_speaker(art: Article, phrase: str, pos: int) -> dict | None:
    """A speaker for a role phrase: a listed organisation, a resolved role, or an anonymous description."""
    org = nm.match_organisation(phrase)
    if org:
        return speaker(org[0], "organization", "name", org[1], phrase)
    words = phrase.split()
    det = words[0].lower()
    owner = re.sub(r"['’]s$", "", words[0])
    if owner != words[0] and nm.fold(owner) in nm.nationalities():  # "Ukraine's military"
        adjective, _ = nm.nationalities()[nm.fold(owner)]
        phrase, words, det = " ".join(["the", adjective] + words[1:]), ["the", adjective] + words[1:], "the"
        org = nm.match_organisation(" ".join(words[1:]))
        if org:
            return speaker(org[0], "organization", "name", org[1], phrase)
    heads = role_heads()
    head = next((w for w in (" ".join(words[-2:]).lower(), words[-1].lower(), words[-1].lower().rstrip("s"))
                 if w.replace("-", " ") in heads), words[-1].lower())
    if det in ("the", "his", "her", "its", "their"):
        found = art.resolve_role(phrase, head, pos)
        if found:
            return found
        if det == "the" and head in role_regexes()[3] and head not in role_regexes()[2]:
            return speaker(" ".join(words[1:]), "organization", "description", nm.side_of(phrase), phrase)
        if det == "the":
            return speaker(phrase[0].lower() + phrase[1:], "anonymous", "description", nm.side_of(phrase), phrase)
        return None
    return speaker(phrase[0].lower() + phrase[1:], "anonymous", "description", nm.side_of(phrase), phrase)


def subject_before(art: Article, lo: int, cue_at: int) -> tuple[list[dict], bool, bool, str]:
    """Speakers in subject position before a cue: (speakers, negated, passive, remaining left text)."""
    left, negated, passive = _strip_tail(art.masked[lo:cue_at])
    end = lo + len(left)
    if passive:
        return [], negated, passive, left
    ms = [m for m in art.mentions[art.sentence_of(cue_at)] if m.start >= lo and m.end <= end]
    adjacent = next((m for m in reversed(ms) if re.fullmatch(r"[\s,]*", art.masked[m.end:end]) and not m.possessive), None)
    if adjacent is not None and adjacent.kind != "org":  # a person right before the verb
        spk = art.entity(adjacent, allow_single=False)
        if spk:
            return _coordinated(art, ms, adjacent, spk), negated, passive, left
    for m in reversed(ms):  # "X, a Russian-installed politician, said"
        if re.fullmatch(r"\s*,[^,¤]{2,160},\s*", art.masked[m.end:end]) and m.kind in ("person", "org", "single"):
            spk = art.entity(m)
            if spk:
                return [spk], negated, passive, left
    if adjacent is not None and adjacent.kind == "org":
        return _coordinated(art, ms, adjacent, art.entity(adjacent)), negated, passive, left
    role = role_regexes()[0].search(left)
    if role:
        spk = role_speaker(art, role.group(1), lo + role.start(1))
        return ([spk] if spk else []), negated, passive, left
    pro = PRONOUN_END_RE.search(left)
    if pro:
        word = pro.group(1).lower()
        if word == "who":
            prev = [m for m in ms if re.fullmatch(r"\s*,\s*", art.masked[m.end:lo + pro.start()])]
            return ([art.entity(prev[-1])] if prev else []), negated, passive, left
        spk = art.resolve_pronoun(word, lo + pro.start())
        return ([spk] if spk else []), negated, passive, left
    if ms and re.fullmatch(r"[\s,]*", art.masked[ms[-1].end:end]) and not ms[-1].possessive:
        spk = art.entity(ms[-1])
        return ([spk] if spk else []), negated, passive, left
    if re.search(r"\b(?:and|but)$", left.strip()):
        return main_subject(art, lo, cue_at), negated, passive, left
    return [], negated, passive, left


def _coordinated(art: Article, ms: list, last: nm.Mention, spk: dict) -> list[dict]:
    """All subjects of "A, B and C said" (walking back over commas and 'and')."""
    out, cur, joined = [spk], last, False
    for m in reversed([m for m in ms if m.end <= last.start]):
        link = art.masked[m.end:cur.start]
        if not re.fullmatch(r"\s*(?:,\s*(?:and\s+)?|and\s+)", link) or m.kind not in ("person", "org"):
            break
        joined = joined or "and" in link
        out.insert(0, art.entity(m))
        cur = m
    return out if joined else [spk]  # "the group Wagner, Yevgeny Prigozhin" is an apposition


def main_subject(art: Article, lo: int, pos: int) -> list[dict]:
    """The subject of a sentence's main clause: its first name or pronoun not after a preposition."""
    s, _ = art.sents[art.sentence_of(pos)]
    for m in art.mentions[art.sentence_of(pos)]:
        if m.start >= pos:
            break
        if not nm.LOCATIVE_RE.search(art.masked[max(s, m.start - 12):m.start]) and not m.possessive:
            spk = art.entity(m)
            if spk:
                return [spk]
    pro = re.match(r"\s*(?:[A-Z][\w ,]{0,30},\s*)?(he|she|it|they)\b", art.masked[s:pos], re.I)
    if pro:
        spk = art.resolve_pronoun(pro.group(1).lower(), s + pro.start(1))
        return [spk] if spk else []
    return []


def subject_after(art: Article, cue_end: int, stop: int) -> list[dict]:
    """The inverted or passive-agent speaker after a cue ("said X", "by X")."""
    region = art.masked[cue_end:stop]
    that = re.search(r"\bthat\b", region)
    limit = cue_end + (that.start() if that else len(region))
    channels = nm.news_channels()
    pro = re.match(r"\s*(him|her|them)\b", region)
    if pro:
        spk = art.resolve_pronoun(pro.group(1).lower(), cue_end)
        return [spk] if spk else []
    ms = [m for m in art.mentions[art.sentence_of(cue_end)] if cue_end <= m.start < limit and not m.possessive]
    for m in ms:
        if m.kind == "person" or (m.kind == "single" and art.entity(m, allow_single=False)):
            return [art.entity(m)]
    role = role_regexes()[1].search(art.masked, cue_end, limit)
    role_at = role.start() if role and role.start() - cue_end < 60 else limit
    for m in ms:
        if m.kind == "org" and m.descriptor not in channels and m.name not in channels and m.start < role_at:
            return [art.entity(m)]
    if role_at < limit:
        spk = role_speaker(art, role.group(1), role.start(1))
        return [spk] if spk else []
    return []


def find_cues(art: Article, lo: int, hi: int) -> list[dict]:
    """Every reporting cue in masked text[lo:hi] with its speaker(s) and what follows it."""
    cues = []
    for at, end, form in art.cues[bisect.bisect_left(art.cue_starts, lo):bisect.bisect_left(art.cue_starts, hi)]:
        m = art.masked_match(at, end)
        s, e = art.sents[art.sentence_of(m.start())]
        if art.masked[at].isupper() and at > s and form.endswith("s") and not form.endswith("ss"):
            continue  # "United States", "Reports": part of a name, not a verb
        clause_lo = max(s, art.masked.rfind(MASK, s, m.start()) + 1, art.masked.rfind(":", s, m.start()) + 1,
                        art.masked.rfind(";", s, m.start()) + 1)
        nxt = art.masked.find(MASK, m.end(), e)
        stop = e if nxt < 0 else nxt
        cue = {"at": m.start(), "end": m.end(), "form": form, "text": m.group(1), "class": cue_lexicon()[form],
               "speakers": [], "negated": False, "sentence": art.sentence_of(m.start()), "tail": False}
        if form == "according to":
            cue["speakers"] = subject_after(art, m.end(), stop)
        elif form.endswith("ing"):  # a participle shares its clause's speaker
            earlier = [c for c in cues if c["sentence"] == cue["sentence"] and c["speakers"]]
            cue["speakers"] = earlier[-1]["speakers"] if earlier else main_subject(art, clause_lo, m.start())
            cue["participle"] = True
        else:
            found, neg, passive, left = subject_before(art, clause_lo, m.start())
            cue["negated"] = neg
            if passive:
                by = re.search(r"\bby\s", art.masked[m.end():e])
                cue["speakers"] = subject_after(art, m.end() + by.end() - 1, e) if by else []
                cue["passive"] = True
            elif found:
                cue["speakers"] = found
                cue["tail"] = bool(re.search(r",\s*(?:\S+\s+){0,4}\S+\s*$", left)) and len(art.masked[s:m.start()].split()) >= 6
            else:
                cue["speakers"] = subject_after(art, m.end(), stop)
                cue["tail"] = len(left.split()) >= 4 and left.rstrip().endswith(",")
        cues.append(cue)
    return cues


def for_speaker(art: Article, k: int) -> dict | None:
    """The cue of a sentence opening "For X, ..." when X is a named person."""
    s, e = art.sents[k]
    m = re.match(r"(?:But |And |Yet )?For\s", art.masked[s:e])
    if not m:
        return None
    comma = art.masked.find(",", s, e)
    for mention in art.mentions[k]:
        if mention.kind == "person" and mention.start < (comma if comma > 0 else e) and mention.start - s < 60:
            return {"at": s + m.start(), "end": s + m.end() - 1, "form": "for", "text": art.masked[s + m.start():s + m.end() - 1].strip(),
                    "class": "any", "speakers": [art.entity(mention)], "negated": False, "sentence": k, "tail": False}
    return None


def has_complement(art: Article, cue: dict) -> bool:
    """True if a cue without a quotation reports speech: a that-clause, a finite clause or a tail."""
    s, e = art.sents[cue["sentence"]]
    after = art.masked[cue["end"]:e]
    that = re.match(r"(?:\s+[^\s,;¤]+){0,9}?\s+that\b", after)
    if cue["form"].endswith("ing") or cue["class"] == "quote":
        return bool(that)
    words = [w.strip(".,;:!?") for w in after.split()]
    if cue["class"] == "any":
        return len(words) >= 2 or cue["tail"]
    if that or (cue["tail"] and len(words) <= 8):
        return True
    return has_clause(after)


def has_clause(after: str) -> bool:
    """True if text starts with a finite clause ("it had breached...", "six balloons that may have...")."""
    words = [w.strip(".,;:!?") for w in after.split()]
    if not words or not (words[0].lower() in CLAUSE_STARTERS or words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    head = after.split(",")[0].lower().split()[:9]
    if words[0].lower() in ("he", "she", "it", "they", "we", "i", "there"):
        return True
    return any(w.strip(".,;:") in FINITE or w.endswith("ed") for w in head[1:]) or (
        words[0].lower() in CLAUSE_STARTERS and len(head) >= 3 and not cue_regex().search(" ".join(head)))


def reported_text(art: Article, cue: dict) -> tuple[int, int]:
    """Offsets of the reported content of an indirect quotation (the clause after or before the cue)."""
    s, e = art.sents[cue["sentence"]]
    if cue["form"] == "according to":
        if len(art.masked[s:cue["at"]].split()) >= 3:
            return s, cue["at"]
        comma = art.masked.find(",", cue["end"], e)
        return (comma + 1 if comma > 0 else cue["end"]), e
    that = re.match(r"(?:\s+[^\s,;¤]+){0,9}?\s+that\b\s*", art.masked[cue["end"]:e])
    if that:
        return cue["end"] + that.end(), e
    if cue["tail"] and not has_clause(art.masked[cue["end"]:e]):
        comma = art.masked.rfind(",", s, cue["at"])
        return s, comma if comma > s else cue["at"]
    return cue["end"], e


def _units(art: Article, spans: list) -> list[tuple[int, int, list]]:
    """Runs of sentences joined by quotations that cross sentence ends, with their spans."""
    n = len(art.sents)
    reach = list(range(n))
    for s, e in spans:
        a, b = art.sentence_of(s), art.sentence_of(max(s, e - 1))
        reach[a] = max(reach[a], b)
    units, k = [], 0
    while k < n:
        last = reach[k]
        j = k
        while j <= last:
            last = max(last, reach[j])
            j += 1
        units.append([k, last, []])
        k = last + 1
    starts = [art.sents[u[0]][0] for u in units]
    for span in spans:
        units[max(0, bisect.bisect_right(starts, span[0]) - 1)][2].append(span)
    return [tuple(u) for u in units]


def _row(art: Article, aid: str, outlet: str, kind: str, lo: int, hi: int, qlo: int, qhi: int,
         spk: dict | None, cue: str, group: int, n_spans: int) -> dict:
    """One output row."""
    spk = spk or speaker("", "unknown", "none", "unknown", "")
    return {"article_id": aid, "outlet": outlet, "sentence_id": art.sentence_of(lo), "start": lo, "end": hi,
            "kind": kind, "quote": art.text[qlo:qhi].strip(), "speaker": spk["name"], "speaker_type": spk["type"],
            "mention": spk["mention"], "cue": cue, "side": spk["side"], "group": group, "n_spans": n_spans,
            "speaker_text": spk["text"] if spk["name"] else ""}


def _inner(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Offsets of the words inside a quotation span (marks excluded)."""
    s, e = span
    return s + 1, (e - 1 if e - 1 > s and text[e - 1] in "\"”»‟" else e)


def _distance(cue: dict, span: tuple[int, int]) -> int:
    """Characters between a cue and a quotation span."""
    if cue["at"] >= span[1]:
        return cue["at"] - span[1]
    if cue["end"] <= span[0]:
        return span[0] - cue["end"]
    return 0


def _direct_rows(art: Article, unit: tuple, cues: list, prev: dict | None, aid: str, outlet: str, group: int) -> tuple[list, dict | None, int]:
    """Rows for the quotations of one unit; returns (rows, speaker to continue, next group id)."""
    a, b, spans = unit
    rows, attributed = [], [c for c in cues if c["speakers"]]
    assigned = []
    for span in spans:
        if attributed:
            cue = min(attributed, key=lambda c: (_distance(c, span), c["at"]))
            cue["used"] = True
            assigned.append((cue["speakers"][0], art.text[cue["at"]:cue["end"]]))
        elif prev is not None and prev["sentence"] >= a - 1 and not SCARE_RE.search(art.masked[max(0, span[0] - 30):span[0]]) and not cues:
            assigned.append((dict(prev["speaker"], mention="none"), ""))
        else:
            assigned.append((None, ""))
    k, cont = 0, None
    while k < len(spans):
        j = k
        while j + 1 < len(spans) and (assigned[j + 1][0] or {}).get("name") == (assigned[k][0] or {}).get("name") \
                and assigned[k][0] is not None:
            j += 1
        spk, cue = assigned[k]
        group += 1
        lo, hi = _inner(art.text, spans[k])[0], _inner(art.text, spans[j])[1]
        rows.append(_row(art, aid, outlet, "direct", spans[k][0], spans[j][1], lo, hi, spk, cue, group, j - k + 1))
        if spk:
            cont = {"speaker": spk, "sentence": b}
            art.remember(spans[k][0], spk, "speaker")
        k = j + 1
    return rows, cont, group


def attribute_article(text: str, spans: list, sents: list, aid: str, outlet: str,
                      known: list | None = None) -> list[dict]:
    """Direct and indirect quotation rows of one article (speakers not yet merged across articles).

    The full person names met in the article are appended to `known` (for corpus-wide merging).
    """
    if not text.strip():
        return []
    art = Article(text, spans, sents)
    rows, group, prev = [], 0, None
    for unit in _units(art, spans):
        a, b, uspans = unit
        lo, hi = art.sents[a][0], art.sents[b][1]
        for k in range(a, b + 1):
            for m in art.mentions[k]:
                if m.kind in ("person", "org") or (m.kind == "single" and art.entity(m, allow_single=False)):
                    art.remember(m.start, art.entity(m), "mention")
        cues = [c for c in (for_speaker(art, k) for k in range(a, b + 1)) if c] + find_cues(art, lo, hi)
        for cue in cues:
            for spk in cue["speakers"]:
                art.remember(cue["at"], spk, "mention")
        if uspans:
            new, cont, group = _direct_rows(art, unit, cues, prev, aid, outlet, group)
            rows.extend(new)
            prev = cont or (prev if prev and prev["sentence"] >= a - 1 and not cues else None)
        else:
            prev = None
        for cue in cues:
            if cue.get("used") or cue["negated"] or not cue["speakers"] or not has_complement(art, cue):
                continue
            qlo, qhi = reported_text(art, cue)
            s, e = art.sents[cue["sentence"]]
            for spk in cue["speakers"]:
                if spk and spk["type"] in ("person", "organization"):
                    group += 1
                    rows.append(_row(art, aid, outlet, "indirect", s, e, qlo, qhi, spk, art.text[cue["at"]:cue["end"]], group, 0))
                    art.remember(cue["at"], spk, "speaker")
    if known is not None:
        known.extend(full for full, _ in art.people.values() if nm.split_name(full)[0])
    return rows
