"""The rules that tie a quotation or a piece of reported speech to its speaker.

Works sentence by sentence on a copy of the article in which every quotation is masked, so names
and verbs inside quotations are never taken for the frame. For each reporting cue (from
`data/reporting_verbs.txt`) it finds the speaker: the subject before the verb ("X said", "X, a
Russian-installed politician, said", "he said", "the ministry said"), the inverted subject after it
("said X", "wrote early Friday on Telegram the mayor of the city, Ivan Fedorov"), the agent of a
passive ("described as ... by X"), "according to X" and "For X, ...". Pronouns and roles are
resolved to the most recent compatible entity (gender is not trusted: translations get it wrong),
channels ("told AFP") are never speakers, quotations with no cue continue the previous sentence's
speaker, and scare quotes stay unattributed. A quotation with no cue of its own goes to a frame in
the next sentence ('"...?" Mrs. Vela asked.'), a name and colon or a dash signature before or after
it, a transcript label of a person named in the article ("PENCE:"), or the named subject of its own
clause when a verb follows that subject ("Merkel condemned ''such a murderous attack''"); titles in
marks are labels. Participles ("..., saying ...") share their clause's speaker, "reported X as
saying" gives X, and a document speaks for its owner ("the ministry's statement reads"). Unnamed
speakers ("a drone operator from the 92nd brigade who ...", "a senior diplomat, who asked not to be
named,", "according to an expert of ...") become anonymous description speakers that later pronouns
can refer to; vague collectives ("officials said") are attributed but never counted as indirect
statements. Sentences longer than SENTENCE_CAP characters are read in pieces, so the work stays
linear in the length of an article. Used by `newslens.quotes.extract_quotes` (notebook 03).
"""
from __future__ import annotations

import bisect
import re
from functools import lru_cache
from itertools import islice

from newslens import names as nm
from newslens.coref import DATELINE_RE, MASK, Article, looks_like_title, role_regexes, role_speaker, speaker
from newslens.cues import cue_lexicon, cue_regex

ADVERBS = frozenset("has have had also further still then later earlier previously once again repeatedly "
                    "publicly reportedly separately recently already too would will could did does do "
                    "subsequently immediately quickly first last only even before long often always just now".split())
NEGATIONS = frozenset("not never n't no".split())
BE_VERBS = frozenset("was were is are been being be".split())
CLAUSE_STARTERS = frozenset("he she it they we i there the a an this these those its his her their our some many "
                            "most all no one two three four five six seven eight nine ten several both at more less about nearly almost "
                            "over around only just roughly up".split())
FINITE = frozenset("is are was were has have had will would could can should may might must did does do "
                   "won't wouldn't can't couldn't isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't "
                   "didn't shouldn't".split())
CONTRACTED_SUBJECT_RE = re.compile(r"(?:he|she|it|they|we|i|you|there|that)'(?:s|re|ll|d|ve|m)")
COORDINATORS = frozenset(("and", "or", "but"))
CLAUSE_HEAD_WORDS = 9  # words of a complement read for a finite verb
SCARE_RE = re.compile(r"(?:so-called|dubbed|nicknamed|known as|referred to as|termed|branded|labell?ed)"
                      r"\s*(?:the\s+|a\s+|an\s+)?$", re.I)
# Parenthetical adverbials between a subject and its verb ("Peskov, for his part, denounced").
ADVERBIAL_END_RE = re.compile(r",?\s*(?:for (?:his|her|its|their) part|in (?:his|her|its|their) turn|in turn|however|"
                              r"meanwhile|in a statement|in response|for (?:his|her|its|their) side)\s*,?\s*$", re.I)
# An unnamed speaker's anonymity ("who asked not to be named", "whose name is withheld").
ANONYMITY_RE = re.compile(r"\b(?:asked not to be (?:named|identified)|requested anonymity|condition of anonymity|"
                          r"(?:name|identity) (?:is|was|has been) withheld|declined to be (?:named|identified)|"
                          r"spoke anonymously|speaking anonymously|not authori[sz]ed to speak)", re.I)
# A descriptive subject: determiner, modifiers and a role noun, then a prepositional phrase and/or
# a relative clause up to the verb ("a drone operator from the 92nd brigade who goes by ...").
DESCRIPTION_TAIL_RE = re.compile(r"(?:\s+(?:from|of|at|in|with|for|on|outside|near|close to)\s+[^,¤]*?)?"
                                 r"(?:,?\s+(?:who|whose)\b[^¤]*?)?[\s,]*$")
# The same with a participle phrase ("fighting near X", ", briefing reporters ...,"), tried only if "ing" occurs.
PARTICIPLE_TAIL_RE = re.compile(r"(?:\s+(?:[a-z]{3,}ing\s+)?(?:from|of|at|in|with|for|on|outside|near|close to)\s+[^,¤]*?)?"
                                r"(?:(?:,?\s+(?:who|whose)|,\s+[a-z]{3,}ing)\b[^¤]*?)?[\s,]*$")
# A fronted adverbial before the subject: "Near the city, ", "South of the town, ", "Later, ".
FRONTED_RE = re.compile(r"(?:[A-Z][a-z]+ly|Near|In|At|On|Outside|Inside|From|Later|Earlier|Meanwhile|Separately|"
                        r"Elsewhere|North|South|East|West|Back|After|Before|During|Across|Along|Behind|Beyond|Nearby|"
                        r"Overnight|Today|Yesterday|Now|Then|There|Here)\b[^,¤]{0,60},\s*")
THAT_RE = re.compile(r"(?:\s+[^\s,;¤]+){0,9}?,?\s+that\b\s*")
BEFORE_INVERSION_RE = re.compile(r"\s*(?:as|so)?\s*$", re.I)
SUBJECT_PP_RE = re.compile(r"\s+(?:in|of|at|from|for|on)\s+[^,¤]{0,60}?[\s,]*$")
RELATIVE_OR_AND_RE = re.compile(r"(?:,\s*who|\b(?:and|but))\s*$")
DESCRIPTION_END_RE = re.compile(r",|\(|\s+(?:who|whose|which)\b")
BARE_ORG_RE = re.compile(r"\s*([a-z]+)(?:\s+(?:in|of|at|from)\s+(?:the\s+)?[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})?(?=[\s,.;]|$)")
# A non-restrictive relative clause between an organisation and its verb ("The presidency, which chairs X, said").
WHICH_CLAUSE_END_RE = re.compile(r",\s*which\b[^,¤]{2,120},\s*$")
# Ukrainska-Pravda style attribution line under the lead: "Source: X on Telegram; Y".
SOURCE_LINE_RE = re.compile(r"Sources?:\s*")
SOURCE_LINE_MAX_SENTENCE = 4  # a source line attributes the lead only when it sits right under it
DEMONSTRATIVE_OBJECT_RE = re.compile(r"\s*(?:this|so|it)\s*(?:[.,;)]|$|(?:to|in|on|at|during|after|before|when|while)\b)")
SPEAKER_KINDS = ("person", "org", "single")
ASIDE_RE = re.compile(r"([^,¤]{1,60}),[^,¤]{1,40},")  # a subject, then an aside between commas
WHO_CLAUSE_RE = re.compile(r",\s*who\s[^¤]{3,200},\s*")  # a relative clause between the subject and its verb
# "This was reported by X": a passive cue whose subject points back at the sentence before.
DEMONSTRATIVE_SUBJECT_RE = re.compile(r"\s*(?:This|That|It|This information|The information)\s*")
LIST_MARKS = " ,-–—•*"  # bullets and punctuation around a clause's subject
LISTED_SUBJECT_WORDS = 6
# "called the residents (not) to stay": an appeal, reported speech even without a quotation.
CALLED_TO_RE = re.compile(r"\s+(?:on\s+)?(?:the\s+|all\s+)?[a-z]+(?:\s+[a-z]+)?\s+(?:not\s+)?to\s+(?!the\b|a\b|an\b|his\b|her\b|its\b|their\b)[a-z]")
APPEAL_FORMS = frozenset(("called", "calls", "call"))
# "asked the board to delay the vote", "asked Ana Ruiz whether she would run": a request or a question, reported speech
ASK_FORMS = frozenset(("asked", "asks", "ask"))
NOT_VERB_AFTER_TO = r"(?!(?:the|a|an|his|her|its|their|this|that|these|those)\b)[a-z]"
ASKED_TO_RE = re.compile(r"(?:\s+(?!(?:not|to)\b)[^\s,;:¤]+){1,4}?\s+(?:not\s+)?to\s+(?!be\s+(?:named|identified)\b)"
                         + NOT_VERB_AFTER_TO)  # not "who asked not to be named"
ASKED_WHETHER_RE = re.compile(r"(?:\s+[^\s,;:¤]+){0,4}?\s+(?:whether|if|how|why|what|when|where|who)\b")
# "vowed to veto the bill", "promised not to raise taxes": a commitment, reported speech
COMMIT_FORMS = frozenset("vowed vows vow promised promises promise pledged pledges pledge threatened threatens threaten".split())
COMMIT_TO_RE = re.compile(r"\s+(?:not\s+)?to\s+" + NOT_VERB_AFTER_TO)
RECIPROCAL_RE = re.compile(r"\s*(?:each other|one another)\b")
# A sentence that attributes the quotation just before it: "That is how X described ...", "Those were the words of X".
POINTS_BACK_RE = re.compile(r"(?:That|This|Such|So)\s+(?:is|was)\s+how\b|(?:Those|These)\s+were\s+the\s+words\s+of\b")
ACCORDING_FORMS = frozenset(("according to", "as per"))  # cues whose speaker follows them
# "In his opinion, ..." / "In her words, ...": a sentence-opening cue whose speaker is its possessive.
OPINION_CUE_RE = re.compile(r"In\s+(?:(his|her|its|their)|(?P<owner>[A-Z][^,¤]{0,60}?)['’]s?)\s+(?:opinion|view|words)(?![\w-])")
POSSESSIVE_PRONOUN = {"his": "he", "her": "she", "its": "it", "their": "they"}
INDEFINITE = frozenset("a an one another".split())
# A description never ends in one of these ("a spokesperson declined to comment on"): `_ends_in_function_word`.
FUNCTION_WORDS = frozenset("a an the of on to in at for from with by about into onto over as and or but that than".split())
DETERMINER_WINDOW = max(map(len, INDEFINITE)) + 1  # characters that show whether a word is one of INDEFINITE
# Every phrase of ANONYMITY_RE holds one of these (lower case); the regex's case folding also lets
# these four characters stand for i, s or k, so a text holding one of them is always searched.
ANONYMITY_WORDS = ("anonym", "named", "identified", "withheld", "authori")
FOLDING_CHARS = ("ı", "İ", "ſ", "\u212a")
SPACE_COMMA_RE = re.compile(r"[\s,]*")
APPOSITION_RE = re.compile(r"\s*(?:,\s*\d{1,3})?,[^,¤]{2,160},\s*")  # optional age: "Marta, 41, a nurse,"
DESCRIPTOR_APPOSITION_RE = re.compile(r"\s*,\s*(?:(?:a|an|the)\s+)?[a-z][^,¤]{2,160},\s*")
COMMA_RE = re.compile(r"\s*,\s*")
AND_BUT_END_RE = re.compile(r"\b(?:and|but)$")
COMMA_WHO_RE = re.compile(r",|\s+(?:who|whose)\b|\s+[a-z]{3,}ing\s+(?=(?:from|of|at|in|with|for|on|outside|near)\b)")
COORDINATION_RE = re.compile(r"\s*(?:,\s*(?:and\s+)?|and\s+)")
THAT_WORD_RE = re.compile(r"\bthat\b")
OBJECT_PRONOUN_RE = re.compile(r"\s*(him|her|them)\b")
BY_RE = re.compile(r"\bby\s+(?!(?:now|then|far|phone|telephone|e-?mail|mail|text|video|hand|law|default|contrast|comparison|"
                   r"chance|mistake|accident|design|name|way|night|day|noon|the way|then)\b)")  # the agent of a passive, not "by now"
AGENT_BY_RE = re.compile(r"\s+(?:first\s+)?by\s+")
ADDED_TO_RE = re.compile(r"\s+to\s+(?:the|his|her|its|their|a|an|this|that)\b")
TAIL_RE = re.compile(r",\s*(?:\S+\s+){0,8}\S+\s*$")
# What a stance verb needs to report speech: an object, then "as" or "for" and what was said of it.
STANCE_RE = re.compile(r"(?:\s+[^\s,;:.¤]+){1,8}?\s+(?:as|for)\s+[^\s,;:.¤]+\s+[^\s,;:.¤]+")
STANCE_THAT_RE = re.compile(r"\s+that\b")  # "criticized that ...", not "blasted the council that met"
ROLE_BRIDGE_RE = re.compile(r"\s+(?:(?!(?:of|the|an?|for|at|with|from|to|in|on|by|and)\s)[a-z][\w-]*\s+){0,2}"
                            r"(?!(?:of|the|an?|for|at|with|from|to|in|on|by|and)\s)([a-z][\w-]*)\s+")  # " campaign spokesman "
CLAUSE_JOIN_RE = re.compile(r",\s+(?:and|but|while|whereas)\s+|;\s+")  # where a coordinated clause begins
DOCUMENT_NOUNS = ("statement", "report", "website", "post", "tweet", "letter", "memo", "email", "e-mail", "release",
                  "communiqué", "announcement", "blog", "account", "channel", "page")
DOCUMENT_END_RE = re.compile(r"['’]s?\s+(?:(?:official|latest|new|written|brief|press)\s+)?(?:" + "|".join(DOCUMENT_NOUNS)
                             + r")\s*$")
# A speaker label in capitals opening a quoted transcript ("PENCE:", "MR. TRUMP:"): a surname, not an acronym.
TRANSCRIPT_LABEL_RE = re.compile(r"\s*((?:(?:MR|MRS|MS|DR|SEN|GOV|REP)\.\s+)?[A-Z][A-Z'’-]{2,}(?:\s[A-Z][A-Z'’-]{2,})?):\s")
SIGNATURE_DASH_RE = re.compile(r"[ \t]*[―—–-]{1,2}[ \t]*")  # “...” ― Ann Holm
SIGNATURE_END_RE = re.compile(r"[ \t]*(?:[,.(][^\n]{0,80})?(?:\n|$)")  # the name ends the line (an affiliation may follow)
# Cues whose subject may follow them ("..., said David Axelrod"); "told X" names the listener instead.
INVERTING_FORMS = frozenset("said says added adds wrote writes explained explains noted notes continued recalled argued "
                            "insisted acknowledged admitted conceded declared observed remarked replied responded countered "
                            "quipped joked mused"
                            .split())
INVERTED_END_RE = re.compile(r"\s*(?:[,.;:(]|$|(?:of|from|in|at|who)\b)")  # what follows an inverted subject
REPORTED_AS_FORMS = frozenset("reported reports quoted quotes cited cites described describes".split())
OPENING_WORDS_RE = re.compile(r"[\s" + re.escape(LIST_MARKS) + r"]*(?:(?:But|And|Yet|So|Still|Meanwhile)\b[\s,]*)?")
# What may follow a clause-opening name before the comma of its apposition: "(D-Md.)", "of Oklahoma".
PERSON_APPOSITION_RE = re.compile(r"\s*(?:\([^()¤]{1,30}\))?(?:\s+(?:of|from)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?\s*,")
FOR_NAME_END_RE = re.compile(r",(?!\s*who\b)")
# A determiner, possessive or auxiliary right before an -s cue makes it a plural noun ("the claims", "have claims",
# "media reports"); a word ending in an apostrophe or 's is a possessive ("Trump's claims").
NOUN_BEFORE_WORDS = frozenset("the his her its their our my your a an have has had these those many some any no such".split())
NOUN_BEFORE_LOWER = frozenset("media news press recent earlier initial unconfirmed".split())  # lower case only
FOR_ROLE_RE = re.compile(r"\s*(?:(?:the|a|an)\s+(?:(?![\w-]*ing\b)[\w-]+\s+){1,6})?")  # "For the military analyst X,"
FOR_RE = re.compile(r"(?:But |And |Yet )?For\s")
# A subject pronoun opening a sentence; expletive "It is pertinent to / It was clear that" refers to nothing.
SUBJECT_PRONOUN_RE = re.compile(r"\s*(?:[A-Z][\w ,]{0,30},\s*)?(he|she|it(?!\s+(?:is|was|has been|seems)\s+\w+(?:\s+\w+)?\s+(?:to|that)\b)|they)\b",
                                re.I)
ACRONYM_END_RE = re.compile(r"\s*\((?-i:[A-Z])[\w.&-]{1,12}\)\s*$")
OF_PLACE_RE = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")
PARTY_END_RE = re.compile(r"\s*\((?:[RDI]|[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?|[A-Z][a-z]{1,5}\.)\)\s*$")  # "(R)", "(D-Calif.)", "(Vt.)"
# "A and others said", "A, B and other donors in both parties said": the named subjects speak.
OTHERS_END_RE = re.compile(r",?\s+and\s+(?:(?:several|many|some|a few)\s+)?others?\b[^,¤]{0,80}$")
DASH_ASIDE_END_RE = re.compile(r"\s*(?:—|–|--)[^—–¤]{1,100}(?:—|–|--)\s*$")
DAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
TIME_TAIL_RE = re.compile(r"\s*(?:(?:on\s+)?(?:" + DAYS + r")(?:\s+(?:morning|afternoon|evening|night))?|"
                          r"(?:last|this|next|earlier\s+this|later\s+that)\s+(?:week|month|year|weekend|morning|evening)|"
                          r"yesterday|today|tonight)\s*$")
TIME_LAST_WORDS = tuple(DAYS.split("|")) + ("week", "month", "year", "weekend", "morning", "afternoon", "evening",
                                            "night", "yesterday", "today", "tonight")
ADVERBIAL_LAST_WORDS = ("part", "turn", "however", "meanwhile", "statement", "response", "side")
# A participle phrase naming the channel between a subject and its verb ("X while speaking to TOI said").
SPEAKING_END_RE = re.compile(r"[,\s]*(?:(?:while|when|after|before)\s+)?(?:speaking|talking|in an interview)\s+(?:to|with)\s+"
                             r"[^,¤]{1,50}?[\s,]*$", re.I)
SPEAKING_WORDS = ("speaking", "talking", "interview")
OPENING_PREFIXES = ("Source", "In ")  # with "For " in the first 9 characters: sentences that may open with a cue
PRONOUN_END_RE = re.compile(r"(?<![\w-])(he|she|it|they|we|who)\s*$", re.I)
PRONOUN_MAX = 4  # letters of the longest word of PRONOUN_END_RE


def _strip_tail(left: str) -> tuple[str, bool, bool]:
    """Drop adverbs/auxiliaries before a verb: (remaining text, negated, passive)."""
    negated = passive = False
    if "speaking" in left or "talking" in left or "interview" in left:  # SPEAKING_WORDS
        speaking = SPEAKING_END_RE.search(left)
        left = left[:speaking.start()] if speaking else left
    if "which" in left:
        which = WHICH_CLAUSE_END_RE.search(left)
        left = left[:which.start()] if which else left
    if left.rstrip().endswith(")"):  # "The Institute for the Study of War (ISW) said"
        left = ACRONYM_END_RE.sub("", left)
    if left.rstrip().endswith(("—", "–", "--")):  # "Murphy — after a knock on wood — told me"
        aside = DASH_ASIDE_END_RE.search(left)
        left = left[:aside.start()] if aside else left
    if left.rstrip().endswith(TIME_LAST_WORDS):  # "X, the speaker, on Tuesday called": the time is no subject
        when = TIME_TAIL_RE.search(left)
        left = left[:when.start()] if when else left
    if left.rstrip(" ,").lower().endswith(ADVERBIAL_LAST_WORDS):
        adverbial = ADVERBIAL_END_RE.search(left)
        if adverbial:
            left = left[:adverbial.start()] + ","
    while True:
        stripped = left.rstrip()
        if stripped.endswith(")"):  # "Sen. Ann Lutz (D-Ore.) has said"
            party = PARTY_END_RE.search(stripped)
            stripped = stripped[:party.start()] if party else stripped
        at = _last_word_start(stripped)
        if at == len(stripped):
            return stripped, negated, passive
        printed = stripped[at:]
        word = printed.lower()
        if word in NEGATIONS or word.endswith("n't"):
            negated = True
        elif word in BE_VERBS:
            passive = True
        elif word not in ADVERBS and not (word.endswith("ly") and len(word) > 4 and printed.islower()):
            return stripped, negated, passive  # "frequently", "sarcastically" are adverbs; "Kelly" is a name
        left = stripped[:at]


def _last_word_start(text: str) -> int:
    """Offset where the trailing word (letters, digits, apostrophes) of a text begins; len(text) if none."""
    i = len(text)
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in "_'’"):
        i -= 1
    return i


def _ends_with_and_but(text: str) -> bool:
    """True if a text ends with the word "and" or "but" (AND_BUT_END_RE, searched only where it can match)."""
    return bool(AND_BUT_END_RE.search(text, max(0, len(text) - 3)))


def _may_be_anonymous(text: str) -> bool:
    """Cheap exact pre-test for ANONYMITY_RE: False only if the regex cannot match the text."""
    low = text.lower()
    return any(w in low for w in ANONYMITY_WORDS) or any(c in text for c in FOLDING_CHARS)


def _article_may_be_anonymous(art: Article) -> bool:
    """`_may_be_anonymous` of the whole masked article, once per article: False if no clause of it can match
    ANONYMITY_RE (every clause tested is a piece of the masked text, perhaps with a comma added)."""
    found = art.facts.get("anonymous")
    if found is None:
        found = art.facts["anonymous"] = _may_be_anonymous(art.masked)
    return found


def _may_end_with_role(left: str) -> bool:
    """Cheap test before the role regex: one of the last words is a role head ("the ministry")."""
    heads = role_words_set()
    return any(w.lower().rstrip(",.") in heads or w.lower().rstrip(",.s") in heads for w in left.rsplit(None, 6)[-6:])


@lru_cache(maxsize=1)
def role_words_set() -> frozenset[str]:
    """Single words of the role heads ("secretary-general", "ministry", "spokesman", ...)."""
    return frozenset(part for head in role_regexes()[2] | role_regexes()[3] for part in head.lower().split())


def subject_before(art: Article, lo: int, cue_at: int) -> tuple[list[dict], bool, bool, str]:
    """Speakers in subject position before a cue: (speakers, negated, passive, remaining left text)."""
    left, negated, passive = _strip_tail(art.masked[lo:cue_at])
    others = OTHERS_END_RE.search(left) if " other" in left else None
    if others:
        left = left[:others.start()]
    end = lo + len(left)
    if passive:
        return [], negated, passive, left
    ms = [m for m in art.mentions[art.sentence_of(cue_at)] if m.start >= lo and m.end <= end]
    if left.rstrip().endswith(DOCUMENT_NOUNS):
        owner = _document_owner(art, lo, left, ms)
        if owner:  # "The ministry's statement reads:", "Trump's tweet said": the owner speaks
            return [owner], negated, passive, left
    described = description_subject(art, lo, left, ms)
    if described:
        return [described], negated, passive, left
    if ms and ms[0].kind in ("person", "single") and not art.masked[lo:ms[0].start].strip() and len(ms) > 1 \
            and WHO_CLAUSE_RE.fullmatch(art.masked, ms[0].end, end):  # "X, who met Y, said": X speaks
        spk = art.entity(ms[0])
        if spk:
            return [spk], negated, passive, left
    if ms and ms[0].kind in ("person", "single") and left.rstrip().endswith(",") and not ms[0].possessive \
            and OPENING_WORDS_RE.fullmatch(art.masked, lo, ms[0].start) and PERSON_APPOSITION_RE.match(art.masked, ms[0].end, end):
        spk = art.entity(ms[0])  # "Ann Soto, 67, a nurse in Dayton, Ohio, said", "Tom Cole of Oklahoma, an ally, said"
        if spk:
            return [spk], negated, passive, left
    adjacent = next((m for m in reversed(ms) if SPACE_COMMA_RE.fullmatch(art.masked, m.end, end) and not m.possessive), None)
    if adjacent is not None and adjacent.kind == "org" and nm.LOCATIVE_RE.search(art.masked, max(lo, adjacent.start - 12),
                                                                                  adjacent.start):
        adjacent = None  # "Russian embassy in New Delhi said": a place, not the speaker
    if adjacent is not None and all(map(role_words_set().__contains__, adjacent.name.lower().split())):
        adjacent = None  # "The Secretary General said": a capitalised role, not a surname
    if adjacent is not None and adjacent.kind != "person":
        before = [m for m in ms if m.end <= adjacent.start]
        if before and before[-1].kind == "person" and OF_PLACE_RE.fullmatch(art.masked, before[-1].end, adjacent.start):
            adjacent = before[-1]  # "Former Gov. Jeb Bush of Florida said": the person, not the place
    for m in ms:  # "X, deputy chairman of the Committee on Y, said": X, not the Y inside the apposition
        if m.kind == "person" and m is not adjacent and DESCRIPTOR_APPOSITION_RE.fullmatch(art.masked, m.end, end):
            spk = art.entity(m)
            if spk:
                return [spk], negated, passive, left
    if adjacent is not None and adjacent.kind != "org":  # a person right before the verb
        spk = art.entity(adjacent, allow_single=False)
        if spk:
            return _coordinated(art, ms, adjacent, spk, bool(others)), negated, passive, left
    for i, m in enumerate(reversed(ms)):  # "X, a Russian-installed politician, said"
        if APPOSITION_RE.fullmatch(art.masked[m.end:end]) and m.kind in ("person", "org", "single"):
            before = ms[len(ms) - i - 2] if i + 1 < len(ms) else None
            if before is not None and before.kind == "person" and OF_PLACE_RE.fullmatch(art.masked, before.end, m.start):
                m = before  # "John Boozman of Arkansas, up for reelection, said": the person, not the place
            spk = art.entity(m)
            if spk:
                return [spk], negated, passive, left
    if adjacent is not None and adjacent.kind == "org":
        return _coordinated(art, ms, adjacent, art.entity(adjacent), bool(others)), negated, passive, left
    if _ends_with_and_but(left.strip()):  # "X met survivors and said": the subject of the first verb
        return main_subject(art, lo, cue_at), negated, passive, left
    role = role_regexes()[0].search(left.rstrip(" ,")) if _may_end_with_role(left) else None
    if role:
        spk = role_speaker(art, role.group(1), lo + role.start(1), full=role.group(1) + role.group(2))
        return ([spk] if spk else []), negated, passive, left
    pro = PRONOUN_END_RE.search(left, max(0, len(left.rstrip()) - PRONOUN_MAX))  # it can only match the last word
    if pro:
        word = pro.group(1).lower()
        if word == "who":
            prev = [m for m in ms if COMMA_RE.fullmatch(art.masked[m.end:lo + pro.start()])]
            return ([art.entity(prev[-1])] if prev else []), negated, passive, left
        spk = art.resolve_pronoun(word, lo + pro.start())
        return ([spk] if spk else []), negated, passive, left
    if ms and SPACE_COMMA_RE.fullmatch(art.masked[ms[-1].end:end]) and not ms[-1].possessive:
        spk = art.entity(ms[-1])
        return ([spk] if spk else []), negated, passive, left
    head = _subject_with_phrase(art, lo, end, ms) or _listed_subject(left)
    return ([head] if head else []), negated, passive, left


def _document_owner(art: Article, lo: int, left: str, ms: list) -> dict | None:
    """The owner of a document that speaks ("the ministry's statement", "Trump's tweet"), else None."""
    doc = DOCUMENT_END_RE.search(left)
    if not doc:
        return None
    owner = next((m for m in ms if m.possessive and m.end == lo + doc.start()), None)
    if owner is not None:
        return art.entity(owner)
    role = role_regexes()[0].search(left[:doc.start()])
    return role_speaker(art, role.group(1), lo + role.start(1)) if role else None


def _listed_subject(left: str) -> dict | None:
    """A short subject that is a listed organisation in lower case ("Ukrainian military intelligence said")."""
    phrase = left.strip(LIST_MARKS)
    if not phrase or len(phrase.split()) > LISTED_SUBJECT_WORDS:
        return None
    org = nm.match_organisation(phrase)
    return speaker(org[0], "organization", "name", org[1], phrase) if org else None


def _subject_with_phrase(art: Article, lo: int, end: int, ms: list) -> dict | None:
    """The named subject of a clause followed only by a place phrase ("The X Service in Y region informs")."""
    first = ms[0] if ms else None
    if first is None or first.kind not in ("person", "org") or art.masked[lo:first.start].strip().lower() not in ("", "the"):
        return None
    rest = art.masked[first.end:end]
    if not SUBJECT_PP_RE.fullmatch(rest) or any(w in FINITE or w in BE_VERBS for w in rest.lower().split()):
        return None
    return art.entity(first)


def description_subject(art: Article, lo: int, left: str, ms: list) -> dict | None:
    """An unnamed speaker described at the start of a clause ("A senior diplomat in Kyiv, who asked not to be named,")."""
    front = FRONTED_RE.match(left)
    # "Those solutions include X, an official with knowledge of the talks told" (not "X, a politician, said")
    comma = left.rfind(", ") + 2 if not left.rstrip().endswith(",") else 0
    anonymity = None  # searched at most once, and only if a start has no indefinite determiner
    for at in dict.fromkeys((0, front.end() if front else 0, comma if comma > 1 else 0)):  # each start once
        if not left[at:at + 1].isalpha():
            continue
        if left[at:at + DETERMINER_WINDOW].split(None, 1)[0].lower() not in INDEFINITE:
            if anonymity is None:
                anonymity = _article_may_be_anonymous(art) and _may_be_anonymous(left) and bool(ANONYMITY_RE.search(left))
            if not anonymity:
                continue  # a description needs "a/an/one/another" or an anonymity clause: skip the role regex
        found = _description_at(art, lo, left, ms, at)
        if found:
            return found
    return None


def _description_at(art: Article, lo: int, left: str, ms: list, at: int) -> dict | None:
    """The description subject starting at left[at:], if the rest of the clause fits one."""
    if not left[at:at + 1].isalpha():
        return None
    role = role_regexes()[1].match(left, at)
    if not role or not (DESCRIPTION_TAIL_RE.fullmatch(left, role.end(1))
                        or ("ing " in left[role.end(1):] and PARTICIPLE_TAIL_RE.fullmatch(left, role.end(1)))):
        return None
    det = role.group(1).split()[0].lower()
    anonymous = ANONYMITY_RE.search(left, role.end(1))
    people = [m for m in ms if m.kind == "person" and m.start >= lo + role.end(1)]
    if det not in INDEFINITE and not anonymous:
        return None
    if people and not anonymous:
        return None
    phrase = COMMA_WHO_RE.split(art.text[lo + at:lo + len(left)])[0].strip()  # labels in marks kept as printed
    if _ends_in_function_word(phrase):
        return None  # "a spokesperson declined to comment on [reports that]": a clause, not a description
    side = nm.side_of(phrase)
    return speaker(phrase[0].lower() + phrase[1:], "anonymous", "description", side, phrase)


def _ends_in_function_word(phrase: str) -> bool:
    """True if a phrase ends in a preposition, determiner or conjunction: a piece of a clause
    ("a spokesperson declined to comment on"), never a whole description of a speaker."""
    words = phrase.rstrip(" ,;:").split()
    return bool(words) and words[-1].lower() in FUNCTION_WORDS


def description_after(art: Article, at: int, limit: int) -> dict | None:
    """An unnamed speaker right after a cue ("according to an expert of the X Institute, who requested anonymity")."""
    region = art.masked[at:limit]
    start = at + len(region) - len(region.lstrip())
    first = art.masked[start:start + DETERMINER_WINDOW].split(None, 1)
    if not first or first[0].lower() not in INDEFINITE:
        return None  # the role regex's determiner is the first word: not "a/an/one/another", no description
    role = role_regexes()[1].match(art.masked, start, limit)
    if not role or role.group(1).split()[0].lower() not in INDEFINITE:
        return None
    phrase = DESCRIPTION_END_RE.split(art.masked[start:role.end()])[0].strip()
    if _ends_in_function_word(phrase):
        return None
    return speaker(phrase[0].lower() + phrase[1:], "anonymous", "description", nm.side_of(phrase), phrase)


def _coordinated(art: Article, ms: list, last: nm.Mention, spk: dict, joined: bool = False) -> list[dict]:
    """All subjects of "A, B and C said" (walking back over commas and 'and'); `joined`: a list is known to
    be coordinated ("A, B and others said")."""
    out, cur = [spk], last
    for m in reversed([m for m in ms if m.end <= last.start]):
        link = art.masked[m.end:cur.start]
        if not COORDINATION_RE.fullmatch(link) or m.kind not in ("person", "org"):
            break
        joined = joined or "and" in link
        out.insert(0, art.entity(m))
        cur = m
    return out if joined else [spk]  # "the group Wagner, Yevgeny Prigozhin" is an apposition


FRONTED_CLAUSE_RE = re.compile(r"(?:Before|After|When|While|In|On|At|During|Since|As|Although|Though|If|Because|Despite|"
                               r"Unlike|Like|Amid|Under|Over|With|Without|By|Once|Until|Through|Following|Throughout|"
                               r"Now that)\b[^,¤]{0,120},\s*")


def main_subject(art: Article, lo: int, pos: int, start: int | None = None) -> list[dict]:
    """The subject of a sentence's main clause: its first name or pronoun not after a preposition (from `start`,
    the beginning of a coordinated clause, if given)."""
    s = art.sents[art.sentence_of(pos)][0] if start is None else start
    fronted = FRONTED_CLAUSE_RE.match(art.masked, s, pos)  # "Before the Paris attacks, Trump took ..."
    for m in art.mentions[art.sentence_of(pos)]:
        if m.start >= pos:
            break
        if fronted and m.start < fronted.end() or m.start < s:
            continue
        if not nm.LOCATIVE_RE.search(art.masked[max(s, m.start - 12):m.start]) and not m.possessive:
            spk = art.entity(m)
            if spk:
                return [spk]
    pro = SUBJECT_PRONOUN_RE.match(art.masked[s:pos])
    if pro:
        spk = art.resolve_pronoun(pro.group(1).lower(), s + pro.start(1))
        return [spk] if spk else []
    return []


def subject_after(art: Article, cue_end: int, stop: int, outlets: bool = False) -> list[dict]:
    """The inverted or passive-agent speaker after a cue ("said X", "by X"); outlets=True lets a news outlet speak."""
    region = art.masked[cue_end:stop]
    that = THAT_WORD_RE.search(region)
    limit = cue_end + (that.start() if that else len(region))
    channels = nm.is_news_channel
    pro = OBJECT_PRONOUN_RE.match(region)
    if pro:
        spk = art.resolve_pronoun(pro.group(1).lower(), cue_end)
        return [spk] if spk else []
    described = description_after(art, cue_end, limit)
    if described:
        return [described]
    bare = BARE_ORG_RE.match(region)
    if bare and bare.group(1).lower() in role_regexes()[3] and bare.group(1).lower() not in role_regexes()[2]:
        phrase = bare.group(0).strip()  # "according to police in Upper Bavaria": an organisation without article
        return [speaker(phrase, "organization", "description", nm.side_of(phrase), phrase)]
    ms = [m for m in art.mentions[art.sentence_of(cue_end)] if cue_end <= m.start < limit and not m.possessive]
    if len(ms) > 1 and ms[1].kind == "person" and art.masked[cue_end:ms[0].start].strip().lower() in ("", "the") \
            and _role_bridge(art.masked, ms[0].end, ms[1].start):
        spk = art.entity(ms[1])  # "said Clinton ally James Carville", "said ACLU executive director Anthony Romero"
        if spk:
            return [spk]
    if outlets and ms and ms[0].kind != "person" and art.masked[cue_end:ms[0].start].strip().lower() in ("", "the") \
            and (channels(ms[0].name) or channels(ms[0].descriptor)):
        if len(ms) > 1 and ms[1].kind == "person" and _role_bridge(art.masked, ms[0].end, ms[1].start):
            return [art.entity(ms[1])]  # "according to Fox News judicial analyst Andrew Napolitano"
        return [art.entity(ms[0])]  # "according to CNN, ...": the outlet itself is the source
    if ms and ms[0].kind != "org" and not art.masked[cue_end:ms[0].start].strip() and not channels(ms[0].name):
        spk = art.entity(ms[0])  # "said Murphy, using a term ...": the name right after the cue
        if spk:
            return [spk]
    for m in ms:
        if m.kind == "person" or (m.kind == "single" and art.entity(m, allow_single=False)):
            return [art.entity(m)]
    if ms and ms[0].kind == "single" and art.masked[cue_end:ms[0].start].strip().lower() in ("", "the") \
            and not channels(ms[0].name):
        return [art.entity(ms[0])]  # "..., according to Ukrenergo.", "according to the FBI"
    role = role_regexes()[1].search(art.masked, cue_end, limit)
    role_at = role.start() if role and role.start() - cue_end < 60 else limit
    for m in ms:
        if m.kind == "org" and not channels(m.descriptor) and not channels(m.name) \
                and (m.start < role_at or (role_at < limit and m.start < role.end(1) <= m.end)):  # "by the Office of ...": the name
            return [art.entity(m)]
    if role_at < limit:
        spk = role_speaker(art, role.group(1), role.start(1), ahead=False)
        return [spk] if spk else []
    return []


def _role_bridge(masked: str, start: int, end: int) -> bool:
    """True if masked[start:end] is one to three lower-case words ending in a person's role ("ally", "campaign spokesman")."""
    bridge = ROLE_BRIDGE_RE.fullmatch(masked, start, end)
    return bool(bridge) and bridge.group(1).lower() in role_regexes()[2]


def _inverted_name(art: Article, k: int, end: int, stop: int) -> bool:
    """True if a name right after a cue is its subject: it ends the clause ("said David Axelrod, a ...", "said Ann
    Holm.") rather than starting a reported one ("said Ann Holm would ...")."""
    m = next((x for x in art.mentions[k] if end <= x.start < stop), None)
    return (m is not None and m.kind != "org" and not art.masked[end:m.start].strip()
            and bool(INVERTED_END_RE.match(art.masked, m.end, stop)))


def _reported_as(art: Article, cues: list[dict], k: int, at: int) -> list[dict]:
    """The speaker between a reporting cue and "as saying" ("reported the chief as saying", "quoted X as saying")."""
    prev = next((c for c in reversed(cues) if c["sentence"] == k and c["form"] in REPORTED_AS_FORMS), None)
    if prev is None:
        return []
    prev["reported_as"] = True  # its content is the participle's: the reporting cue gives no row of its own
    stop = at - len(" as ")
    named = [m for m in art.mentions[k] if prev["end"] <= m.start and m.end <= stop and not m.possessive]
    if named:
        spk = art.entity(named[0])
        return [spk] if spk else []
    role = role_regexes()[1].search(art.masked, prev["end"], stop)
    spk = role_speaker(art, role.group(1), role.start(1)) if role else None
    return [spk] if spk else []


def _noun_before(before: str) -> bool:
    """True if the word ending `before` (the text right before an -s cue) makes the cue a plural noun."""
    if not before[-1:].isspace():
        return False
    words = before.split()
    word = words[-1] if words else ""
    return (word.lower() in NOUN_BEFORE_WORDS or word in NOUN_BEFORE_LOWER
            or (word[:1].isalpha() and word.endswith(("'", "’", "'s", "’s"))))


def find_cues(art: Article, lo: int, hi: int) -> list[dict]:
    """Every reporting cue in masked text[lo:hi] with its speaker(s) and what follows it."""
    first = bisect.bisect_left(art.cue_starts, lo)
    if first == len(art.cue_starts) or art.cue_starts[first] >= hi:
        return []  # most sentences hold no cue
    cues = []
    quoted = MASK in art.masked[lo:hi]
    lexicon = cue_lexicon()
    for at, end, form in art.cues[first:bisect.bisect_left(art.cue_starts, hi, first)]:
        k = art.sentence_of(at)  # the cue is masked[at:end]
        s, e = art.sents[k]
        if form.endswith("s") and not form.endswith("ss") and " " not in form:
            if art.masked[at].isupper() and at > s:
                continue  # "United States", "Reports": part of a name, not a verb
            if _noun_before(art.masked[max(s, at - 30):at]):
                continue  # "his claims", "Trump's remarks", "have claims": a plural noun
        if form in ("added", "adds", "adding") and ADDED_TO_RE.match(art.masked, end):
            continue  # "who added to her delegate lead": no speech
        if not quoted and (lexicon[form] == "direct" and not (form in ASK_FORMS and _appeal(art.masked, form, end, e))
                           or lexicon[form] == "stance" and not (
                STANCE_RE.match(art.masked, end, e) or STANCE_THAT_RE.match(art.masked, end, e))):
            continue  # "beamed", or "dismissed the deal" with neither a quotation nor "as ..."/"for ...": no speech
        if not quoted and lexicon[form] == "quote" and art.masked[end:end + 2].strip()[:1] not in (",", ".") \
                and not THAT_RE.match(art.masked, end, e) and not _appeal(art.masked, form, end, e):
            continue  # "launched", "observed" with neither a quotation nor a that-clause: no speech reported
        clause_lo = max(s, art.masked.rfind(MASK, s, at) + 1, art.masked.rfind(":", s, at) + 1,
                        art.masked.rfind(";", s, at) + 1)
        nxt = art.masked.find(MASK, end, e)
        stop = e if nxt < 0 else nxt
        cue = {"at": at, "end": end, "form": form, "text": art.masked[at:end], "class": lexicon[form],
               "speakers": [], "negated": False, "sentence": k, "tail": False,
               "lo": clause_lo, "how": "right"}
        if form in ACCORDING_FORMS:
            cue["speakers"] = subject_after(art, end, stop, outlets=True)
            for spk in cue["speakers"]:  # "According to X, ..., although it says ...": X is the sentence's speaker
                art.remember(at, spk, "speaker")
        elif form.endswith("ing"):  # a participle shares its clause's speaker
            earlier = [c for c in cues if c["sentence"] == cue["sentence"] and c["speakers"]]
            with_at = art.masked.rfind(" with ", clause_lo, at)
            absolute = with_at >= 0 and at - with_at < 120 and "," not in art.masked[with_at:at]
            own = subject_before(art, with_at + 6, at)[0] if absolute else []
            reported = _reported_as(art, cues, k, at) if art.masked.endswith(" as ", 0, at) else []
            if reported:  # "state media reported Wagner's chief as saying ...": the chief speaks
                cue["speakers"] = reported
            elif own:  # "..., with Wagner chief X saying ...": an absolute clause has its own subject
                cue["speakers"] = own
            else:  # "Groups say X, and the union has sued, saying ...": the participle belongs to the last clause
                joint = max((j.end() for j in CLAUSE_JOIN_RE.finditer(art.masked, clause_lo, at)), default=None)
                earlier = [c for c in earlier if joint is None or c["at"] >= joint]
                cue["speakers"] = earlier[-1]["speakers"] if earlier else main_subject(art, clause_lo, at, joint)
            cue["participle"] = True
        else:
            found, neg, passive, left = subject_before(art, clause_lo, at)
            cue["negated"] = neg
            if found and not passive and form in INVERTING_FORMS and left.rstrip().endswith(",") \
                    and _inverted_name(art, k, end, stop):
                found = []  # "... to Mr. Sanders, said David Axelrod, a strategist": the name after the cue speaks
            if passive:
                by = BY_RE.search(art.masked[end:e])
                cue["speakers"] = subject_after(art, end + by.start() + 2, e, outlets=True) if by else []
                cue["passive"] = True
                cue["points_back"] = bool(by) and k > 0 and bool(DEMONSTRATIVE_SUBJECT_RE.fullmatch(left))
            elif found:
                earlier = [c for c in cues if c["sentence"] == cue["sentence"] and c["speakers"] and not c.get("participle")]
                if earlier and RELATIVE_OR_AND_RE.search(left):  # "said X of Y, who added", "said ... and warned"
                    found = earlier[-1]["speakers"]
                cue["speakers"] = found
                cue["how"] = "coordinated" if _ends_with_and_but(left.strip()) else "left"
                cue["tail"] = (not left.rstrip().endswith(",") and len(art.masked[s:at].split()) >= 6
                               and bool(TAIL_RE.search(left)))  # the regex last: the cheap tests usually decide
                # "Now, he said, the units ...": a frame set off by commas inside the reported sentence
                cue["aside"] = (not cue["tail"] and "," in left.rstrip(" ,") and not left.rstrip().endswith(",")
                                and art.masked[end:e].lstrip()[:1] == "," and cue["how"] == "left")
            elif not left.strip(" ,") or left.rstrip().endswith((",", "—", "–")) or BEFORE_INVERSION_RE.fullmatch(left):
                agent = AGENT_BY_RE.match(art.masked, end, stop)  # "As reported by the Herald, ...": an outlet may speak
                cue["speakers"] = subject_after(art, agent.end() if agent else end, stop, outlets=bool(agent))
                cue["tail"] = len(left.split()) >= 4 and left.rstrip().endswith(",")
        cue["speakers"] = [spk for spk in cue["speakers"] if spk]  # a mention may name no speaker ("Democratic")
        if cue["speakers"] and lexicon[form] != "direct" and art.masked[s:at].lstrip(OPENER_SKIP)[:3].lower() in AS_STARTS:
            cue["as_frame"] = as_frame(art.masked, s, at, end, e)
        cues.append(cue)
    return cues


def opinion_cue(art: Article, k: int) -> dict | None:
    """The cue of a sentence opening "In his opinion," / "In Lee's words,": its speaker is the possessive's referent."""
    s, e = art.sents[k]
    m = OPINION_CUE_RE.match(art.masked, s, e)
    if not m:
        return None
    if m.group(1):
        spk = art.resolve_pronoun(POSSESSIVE_PRONOUN[m.group(1)], s)
    else:  # "In Lee's words, ...": the possessive name (a name after "In" is not read as a place here)
        owner = next((x for x in art.mentions[k] if x.possessive and x.end <= m.end()), None)
        spk = art.entity(owner) if owner else art.named_speaker(m.group("owner"))
    return {"at": s, "end": m.end(), "form": " ".join(m.group(0).lower().split()), "text": m.group(0), "class": "any",
            "speakers": [spk] if spk else [], "negated": False, "sentence": k, "tail": False, "lo": s, "how": "right"}


def _speaker_follows(cue: dict) -> bool:
    """True for cues whose reported content is the rest of the sentence after their comma ("according to X, ...")."""
    return cue["form"] in ACCORDING_FORMS or cue["form"].startswith("in ")


def for_speaker(art: Article, k: int) -> dict | None:
    """The cue of a sentence opening "For X, ..." when X is a named person."""
    s, e = art.sents[k]
    m = FOR_RE.match(art.masked[s:e])
    if not m:
        return None
    for mention in art.mentions[k]:
        if mention.kind == "person" and FOR_ROLE_RE.fullmatch(art.masked, s + m.end(), mention.start) \
                and FOR_NAME_END_RE.match(art.masked, mention.end):  # "For (the analyst) Anna Holm, ...", not "..., who"
            at, end = s + m.start(), s + m.end() - 1
            return {"at": at, "end": end, "form": "for", "text": art.masked[at:end].strip(),
                    "class": "any", "speakers": [art.entity(mention)], "negated": False, "sentence": k, "tail": False}
    return None


def source_line(art: Article, k: int) -> dict | None:
    """The cue of a "Source: X on Telegram; Y" line: every named source is a speaker of the lead above it."""
    s, e = art.sents[k]
    m = SOURCE_LINE_RE.match(art.masked, s, e)
    if not m or k > SOURCE_LINE_MAX_SENTENCE:
        return None  # a "Sources:" list far below the lead credits the whole piece, not one statement
    found = [art.entity(x) for x in art.mentions[k] if x.start >= m.end() and x.kind in SPEAKER_KINDS
             and not x.possessive and not nm.is_news_channel(x.name) and not nm.is_news_channel(x.descriptor)]
    speakers = [spk for spk in found if spk]
    if not speakers:
        return None
    return {"at": s, "end": s + len(m.group(0).rstrip()), "form": "source:", "text": art.masked[s:m.end()].strip(), "class": "any",
            "speakers": speakers, "negated": False, "sentence": k, "tail": False, "lo": s, "how": "right",
            "source_line": True}


def _addressee(art: Article, cue: dict) -> dict | None:
    """The person a question or request is put to: a pronoun or a name right after "asked"."""
    pro = OBJECT_PRONOUN_RE.match(art.masked, cue["end"])
    if pro:
        return art.resolve_pronoun(pro.group(1).lower(), cue["at"])
    m = next((x for x in art.mentions[cue["sentence"]] if x.start >= cue["end"]), None)
    if m is None or m.kind != "person" or art.masked[cue["end"]:m.start].strip():
        return None
    return art.entity(m)


def _appeal(masked: str, form: str, end: int, stop: int) -> bool:
    """True for an appeal, a request, a question or a commitment after a cue at masked[:end]: 'called <people> (not)
    to <verb>', 'asked <someone> to <verb>' or 'whether/if/how ...', 'vowed (not) to <verb>'."""
    if form in APPEAL_FORMS:
        return bool(CALLED_TO_RE.match(masked, end, stop))
    if form in ASK_FORMS:
        return bool(ASKED_TO_RE.match(masked, end, stop) or ASKED_WHETHER_RE.match(masked, end, stop))
    return form in COMMIT_FORMS and bool(COMMIT_TO_RE.match(masked, end, stop))


AS_FRAME_RE = re.compile(r"(?:(?:But|And|Yet|So|Just)\s*,?\s+)?[Aa]s\s+(?!(?:well|long|soon|much|many|far|if|though|of|for|a|an|part)\b)"
                         r"[^,;:¤]{0,80}")
AS_COMMA_RE = re.compile(r"[^,;:.¤]{0,80}?,\s*(?=(?:\S+\s+){2}\S)")  # the frame's comma, three words at least after it
AS_STARTS = ("as ", "but", "and", "yet", "so ", "jus")
OPENER_SKIP = " \n\"“(—–-"


def as_frame(masked: str, s: int, at: int, end: int, e: int) -> int | None:
    """Offset where the reported clause begins after a sentence-opening frame "As X reported, ..." / "As reported by
    X, ..." (the cue at masked[at:end] of the sentence masked[s:e]), else None."""
    lo = s + len(masked[s:at]) - len(masked[s:at].lstrip(OPENER_SKIP))
    if not AS_FRAME_RE.fullmatch(masked, lo, at):
        return None
    comma = AS_COMMA_RE.match(masked, end, e)
    return comma.end() if comma else None


def has_complement(art: Article, cue: dict) -> bool:
    """True if a cue without a quotation reports speech: a that-clause, a finite clause or a tail."""
    if cue.get("source_line") or cue.get("points_back"):
        return cue["sentence"] > 0
    s, e = art.sents[cue["sentence"]]
    if cue["form"] in ASK_FORMS and cue.get("how") in ("left", "coordinated") and _appeal(art.masked, cue["form"], cue["end"], e):
        return True  # "the board asked the mayor to resign": a named subject asks (not "When asked whether ...")
    if cue["class"] == "direct" or cue.get("reported_as"):
        return False
    if cue.get("as_frame"):  # "As the Post reported, the plan ...": the clause after the frame's comma
        return True
    if cue["class"] == "stance":  # "dismissed the deal as a fraud", "criticized X for Y"
        return bool(STANCE_RE.match(art.masked, cue["end"], e) or STANCE_THAT_RE.match(art.masked, cue["end"], e))
    after = art.masked[cue["end"]:e]
    if RECIPROCAL_RE.match(after):  # "Kyiv and Moscow accused each other": no one side's statement
        return False
    that = THAT_RE.match(after)
    if _appeal(art.masked, cue["form"], cue["end"], e):
        return True
    if cue["form"].endswith("ing") and cue["class"] == "clause" and not that:  # "..., saying a state law hurts jobs"
        return has_clause(after[skip_object(cue, after):])
    if cue["form"].endswith("ing") or cue["class"] == "quote":
        return bool(that) or (cue["class"] == "quote" and cue["tail"] and after.lstrip()[:1] in (",", "."))
    n_words = len(after.split())
    if DEMONSTRATIVE_OBJECT_RE.match(after):  # "He said this to the broadcaster": the content is elsewhere
        return False
    if _speaker_follows(cue):  # the reported content is before the cue or after its comma
        return len(art.masked[s:cue["at"]].split()) >= 3 or n_words >= 2
    if cue["class"] == "any":
        return n_words >= 2 or cue["tail"]
    if cue.get("aside") and n_words >= 2:
        return True
    if cue.get("passive") and len(art.masked[s:cue["at"]].split()) >= 4:  # "Her role was first reported by the Times."
        return True
    if that or (cue["tail"] and (n_words <= 8 or len(after.split(",", 1)[0].split()) <= 8 or not has_clause(after))):
        return True
    rest = after[skip_object(cue, after):]
    if has_clause(rest):
        return True
    aside = ASIDE_RE.match(rest)  # "said 559 civilians, 15 of them children, were still living"
    return (bool(aside) and has_clause(aside.group(1) + rest[aside.end():])) or adverbial_clause(rest) is not None


def adverbial_clause(after: str) -> int | None:
    """Offset in `after` of a finite clause that follows a short adverbial ("on Friday he met ...", "Wednesday he
    agrees ...", "in a statement the company would ..."), else None.

    The clause opens with a subject pronoun, or with a determiner or a capitalised word and holds a finite verb;
    it never starts right after a preposition or a determiner (those belong to the adverbial)."""
    words = [(m.start(), m.group(0)) for m in islice(WORD_SPAN_RE.finditer(after), ADVERBIAL_MAX_WORDS + 1)
             if m.group(0).strip(LIST_MARKS)]
    if not words or words[0][1].strip(LIST_MARKS).lower() not in ADVERBIAL_OPENERS and not words[0][1].endswith("ly"):
        return None
    for (_, prev), (at, word) in zip(words, words[1:]):
        low_prev, first = prev.strip(LIST_MARKS).lower(), word.strip(LIST_MARKS + ".;:").lower()
        if low_prev in FINITE or low_prev in COORDINATORS:
            return None  # the words read so far are a clause of their own, not an adverbial
        if low_prev in ADVERBIAL_FUNCTION_WORDS:
            continue
        if first in SUBJECT_PRONOUNS or CONTRACTED_SUBJECT_RE.fullmatch(first.replace("’", "'")):
            return at
        if (first in DETERMINERS or (word[:1].isupper() and not prev[:1].isupper())) and _finite_head(after[at:]):
            return at
    return None


def _finite_head(text: str) -> bool:
    """True if the first words of a text, before a comma or a coordinator, hold a finite verb after the first word."""
    head = text.split(",", 1)[0].lower().replace("’", "'").split()[:CLAUSE_HEAD_WORDS]
    cut = next((i for i, w in enumerate(head) if w in COORDINATORS), len(head))
    return any(w.strip(".;:") in FINITE for w in head[1:cut])


# Words that can open a short adverbial between a cue and its clause ("said on Friday he ...", "said Wednesday he ...").
IRREGULAR_PAST_FILE = nm.DATA_DIR / "irregular_past.txt"
NOT_VERB_S = ("ss", "us", "is", "'s", "ics", "ies")  # "business", "status", "crisis", "politics", "parties"
# What follows a present form in -s that is a verb ("enjoys the", "believes those"), not a plural noun ("thanks to").
AFTER_VERB_S = frozenset("the a an his her its their our this that these those it him them he she they we "
                         "no not more all every each some".split())
ADVERBIAL_OPENERS = frozenset("on in at during over via through after before earlier later last this late early for "
                              "again yesterday today tonight monday tuesday wednesday thursday friday saturday sunday".split())
ADVERBIAL_FUNCTION_WORDS = frozenset("on in at during over via through after before for of with to from by the a an "
                                     "his her its their this that last next early late".split())
ADVERBIAL_MAX_WORDS = 8
SUBJECT_PRONOUNS = frozenset("he she it they we i there you".split())
DETERMINERS = frozenset("the a an his her its their our this these those".split())
WORD_SPAN_RE = re.compile(r"\S+")
TOLD_OBJECT_RE = re.compile(r"\s*(?:(?:the|a|an|his|her|its|their)\s+)?(?:(?:me|us|him|her|them|you|reporters|journalists|lawmakers|parliament|"
                            r"\w+\s+(?:TV|television|radio|broadcaster|newspaper|news agency)|"
                            r"(?-i:[A-Z])[\w.-]*(?:\s+(?-i:[A-Z])[\w.-]*){0,3}))"
                            r"(?:\s+(?:on|in|at|by|during|late|early)\s+\w+(?:\s+\w+)?)?(?=\s)", re.I)


def skip_object(cue: dict, after: str) -> int:
    """Characters to skip after 'told'/'tells' before the reported clause ("told Reuters she had...")."""
    if cue["form"] not in ("told", "tells", "tell", "telling"):
        return 0
    m = TOLD_OBJECT_RE.match(after)
    return m.end() if m else 0


def has_clause(after: str) -> bool:
    """True if text starts with a finite clause ("it had breached...", "six balloons that may have...")."""
    words = [w.strip(".,;:!?") for w in after.split(None, 1)[:1]]  # only the first word is read
    head = after.split(",", 1)[0].lower().replace("’", "'").split()[:CLAUSE_HEAD_WORDS]
    if words and CONTRACTED_SUBJECT_RE.fullmatch(words[0].lower().replace("’", "'")):
        return True  # "said he'd welcome it", "says it's over"
    cut = next((i for i, w in enumerate(head) if w in COORDINATORS), len(head))
    verbs = head[1:cut]  # "a stand on it and has called for talks": a verb after "and" is another clause's
    first = head[0] if head else ""  # "said,0": punctuation before the comma, no word
    if not words or not (words[0].lower() in CLAUSE_STARTERS or words[0][:1].isupper() or words[0][:1].isdigit()):
        return any(w in FINITE or (w.endswith("ed") and len(w) > 4) for w in verbs[:CLAUSE_HEAD_WORDS - 2]) \
            or _present_or_irregular(verbs, first)
        # "said heating would...", "said crews often refused...", "said selling it to them has been hard"
    if words[0].lower() in ("he", "she", "it", "they", "we", "i", "there", "you"):
        return True
    return any(w.strip(".,;:") in FINITE or w.endswith("ed") for w in verbs) or _present_or_irregular(verbs, first) or (
        words[0].lower() in CLAUSE_STARTERS and len(head) >= 3 and head[1] not in DOCUMENT_NOUNS
        and not cue_regex().search(" ".join(head)))  # "said the army controls ...", not "wrote the letter to ..."


def _present_or_irregular(verbs: list[str], first: str) -> bool:
    """True if the words after a clause's first word hold an irregular past form ("grew", "took") or a present
    form in -s followed by its object or complement ("Obama enjoys the", "each year yields a"), or by "to"
    right after the subject ("Russia plans to", "the army wants to"; not "her thanks to")."""
    irregular = irregular_past()
    subject_end = 0 if first not in DETERMINERS else 1
    for i, (w, nxt) in enumerate(zip(verbs, verbs[1:] + [""])):
        w = w.strip(".,;:")
        if w in irregular or (len(w) > 3 and w.endswith("s") and not w.endswith(NOT_VERB_S)
                              and (nxt in AFTER_VERB_S or (nxt == "to" and i == subject_end))):
            return True
    return False


@lru_cache(maxsize=1)
def irregular_past() -> frozenset[str]:
    """Irregular past forms that are no nouns (`data/irregular_past.txt`)."""
    lines = IRREGULAR_PAST_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(ln.strip().lower() for ln in lines if ln.strip() and not ln.startswith("#"))


def reported_text(art: Article, cue: dict) -> tuple[int, int]:
    """Offsets of the reported content of an indirect quotation (the clause after or before the cue)."""
    s, e = art.sents[cue["sentence"]]
    if cue.get("source_line") or cue.get("points_back"):  # the sentence just above ("This was reported by X")
        return art.sents[cue["sentence"] - 1]
    if cue.get("as_frame"):
        return cue["as_frame"], e
    if _speaker_follows(cue):
        if len(art.masked[s:cue["at"]].split()) >= 3:
            return s, cue["at"]
        comma = art.masked.find(",", cue["end"], e)
        return (comma + 1 if comma > 0 else cue["end"]), e
    if cue.get("aside"):
        return s, e
    if _appeal(art.masked, cue["form"], cue["end"], e):  # "Last month, X asked Y whether ...": what follows the cue
        return cue["end"], e
    if cue.get("passive") and not THAT_RE.match(art.masked, cue["end"], e):
        return s, cue["at"]
    that = THAT_RE.match(art.masked, cue["end"], e)
    if that:
        return that.end(), e
    if cue["tail"] and not has_clause(art.masked[cue["end"]:e]):
        comma = art.masked.rfind(",", s, cue["at"])
        dateline = DATELINE_RE.match(art.masked, s, cue["at"])
        return (dateline.end() if dateline else s), comma if comma > s else cue["at"]
    start = cue["end"] + skip_object(cue, art.masked[cue["end"]:e])
    clause = adverbial_clause(art.masked[start:e])  # "said on Friday he met ...": the clause after the adverbial
    return start + (clause or 0), e


FRAME_SUBJECT_WORDS = 8  # words before the cue of a frame sentence ("Former Gov. Jeb Bush of Florida said")
FRAME_REST_WORDS = 20  # words after it ("said at a news conference in Concord on Tuesday")


def is_frame(art: Article, k: int) -> bool:
    """True for a sentence that only frames the quotation before it: a short subject, a cue, no quotation and no
    reported clause of its own ("Mrs. Clinton said.", "Renteria told reporters during a call.")."""
    s, e = art.sents[k]
    i = bisect.bisect_left(art.cue_starts, s)
    if i == len(art.cues) or art.cues[i][0] >= e or MASK in art.masked[s:e]:
        return False
    at, end, form = art.cues[i]
    before, after = art.masked[s:at], art.masked[end:e]
    if not before.strip() or len(before.split()) > FRAME_SUBJECT_WORDS or len(after.split()) > FRAME_REST_WORDS:
        return False
    if cue_lexicon()[form] == "any" or _speaker_follows({"form": form}) or THAT_RE.match(after):
        return False
    return not has_clause(after[skip_object({"form": form}, after):])


def _units(art: Article, spans: list) -> list[tuple[int, int, list]]:
    """Runs of sentences joined by quotations that cross sentence ends, with their spans."""
    n = len(art.sents)
    if not spans:
        return [(k, k, []) for k in range(n)]
    reach = list(range(n))
    for i, (s, e) in enumerate(spans):
        a, b = art.sentence_of(s), art.sentence_of(max(s, e - 1))
        if b + 1 < n and (i + 1 == len(spans) or spans[i + 1][0] >= art.sents[b + 1][1]) \
                and not art.masked[e:art.sents[b][1]].strip(" ,.") and "\n" not in art.masked[e:art.sents[b + 1][0]] \
                and is_frame(art, b + 1):
            b += 1  # '"... didn't he?" Mrs. Clinton said.': the frame is the sentence after the quotation
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
    return {"article_id": aid, "outlet": outlet, "sentence_id": art.sentence_ids[art.sentence_of(lo)], "start": lo, "end": hi,
            "kind": kind, "quote": art.text[qlo:qhi].strip(), "speaker": spk["name"], "speaker_type": spk["type"],
            "mention": spk["mention"], "cue": cue, "side": spk["side"], "group": group, "n_spans": n_spans,
            "speaker_text": spk["text"] if spk["name"] else ""}


def _inner(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """Offsets of the words inside a quotation span (marks excluded)."""
    s, e = span
    return s + 1, (e - 1 if e - 1 > s and text[e - 1] in "\"”»‟+’'" else e)


def _distance(cue: dict, span: tuple[int, int]) -> int:
    """Characters between a cue and a quotation span."""
    if cue["at"] >= span[1]:
        return cue["at"] - span[1]
    if cue["end"] <= span[0]:
        return span[0] - cue["end"]
    return 0


# A subordinate clause after a quotation: its verb is not the quotation's frame (“no idea” if he had told her).
GAP_CLAUSE_RE = re.compile(r"[\s,]*(?:if|that|because|when|whether|while|although|though|since|after|before|unless|until|"
                            r"as|and|but|or|so|which|who|where)\b")
ATTACHED_RE = re.compile(r"[\s,.;:–—-]*")


def _pick_cue(art: Article, span: tuple[int, int], cues: list[dict]) -> dict:
    """The cue a quotation belongs to: one right after it ('..." he said'), else the nearest before it."""
    attached = [c for c in cues if c["at"] >= span[1] and c["at"] - span[1] < 80 and MASK not in art.masked[span[1]:c["at"]]
                and ((c["how"] == "left" and c["lo"] <= span[1] + 1 and not GAP_CLAUSE_RE.match(art.masked, span[1], c["at"]))
                     or (c["how"] == "right" and ATTACHED_RE.fullmatch(art.masked, span[1], c["at"])))]
    if attached:
        return attached[0]
    before = [c for c in cues if c["end"] <= span[0]]
    if before:
        return before[-1]
    return min(cues, key=lambda c: (_distance(c, span), c["at"]))


def _direct_rows(art: Article, unit: tuple, cues: list, prev: dict | None, aid: str, outlet: str,
                 group: int) -> tuple[list, dict | None, int]:
    """Rows for the quotations of one unit; returns (rows, speaker to continue, next group id)."""
    a, b, spans = unit
    rows, attributed = [], [c for c in cues if c["speakers"]]
    assigned = []
    for span in spans:
        label = TRANSCRIPT_LABEL_RE.match(art.text, span[0] + 1, span[1])
        labelled = art.label_speaker(label.group(1)) if label else None
        if span in art.labels:
            assigned.append((None, ""))
        elif labelled:  # a transcript quoted in the article: "PENCE: We will ... WALLACE: Will you ..."
            assigned.append((labelled, label.group(0).strip()))
        elif signed := _signature(art, span):  # “We need law and order.” ― Ann Holm
            assigned.append(signed)
        elif attributed:
            cue = _pick_cue(art, span, attributed)
            cue["used"] = True
            cue.setdefault("uses_after", []).append(span[0] >= cue["end"] and "," in art.masked[cue["end"]:span[0]]
                                                    and bool(WORD_AFTER_RE.search(art.masked, cue["end"], span[0])))
            assigned.append((cue["speakers"][0], art.text[cue["at"]:cue["end"]]))
        elif found := clause_subject(art, span):  # "Bush could not bring himself to utter: ''Donald Trump.''"
            assigned.append(found)
        elif (prev is not None and prev["sentence"] >= a - 1 and not cues
              and not SCARE_RE.search(art.masked[max(0, span[0] - 30):span[0]])):
            if prev.get("cue"):
                assigned.append((prev["speaker"], prev["cue"]))
            else:
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


PREPOSITION_END_RE = re.compile(r"(?<![\w-])(?:of|for|with|by|to|in|at|on|from|about|against|than|like|as|over|under|"
                                r"after|before|into|onto|upon|toward|towards|near|behind|between|among|including|"
                                r"and|or|nor|but|that|whom|whose|which|who)\s*$", re.I)
COLON_RE = re.compile(r"\s*(?:\([^()¤]{1,30}\)\s*)?:\s*")  # a name, then a colon, then the quotation
SUBJECT_GAP_RE = re.compile(r"(?:\s*\([^()¤]{1,40}\))?(?:\s+(?:of|from|in)\s+(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})?"
                            r"(?:\s*,[^,¤]{1,150},)?")
WORD_AFTER_RE = re.compile(r"[^\W\d_][\w'’-]*")
AUXILIARIES = frozenset("has have had is are was were will would could can may might did does do".split())


def clause_subject(art: Article, span: tuple[int, int]) -> tuple[dict, str] | None:
    """(speaker, verb) for a quotation with no cue: the named subject of its sentence before it, with a verb
    between them ("Merkel condemned ''such a murderous attack''", "Cruz chided Trump for ... ''natural born''")."""
    if looks_like_title(art.text[span[0] + 1:span[1] - 1]):
        return None
    k = art.sentence_of(span[0])
    s, _ = art.sents[k]
    for m in art.mentions[k]:
        if m.start >= span[0]:
            return None
        if m.possessive or m.kind not in SPEAKER_KINDS or PREPOSITION_END_RE.search(art.masked, max(s, m.start - 12), m.start):
            continue
        if MASK in art.masked[m.end:span[0]]:
            return None
        if COLON_RE.fullmatch(art.masked, m.end, span[0]):  # "- Philip Bump: “...”", "Bush: ''The mission ...''"
            spk = art.entity(m)
            return (spk, ":") if spk else None
        verb = verb_after(art.masked, m.end, span[0])
        if verb is None and art.masked[max(s, span[0] - 3):span[0]].rstrip().endswith(":"):
            verb = first_verb(art.masked, m.end, span[0])  # "Bush could not bring himself to utter:"
        spk = art.entity(m, allow_single=False) if verb else None
        return (spk, art.text[verb[0]:verb[1]]) if spk else None
    return None


def first_verb(masked: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Offsets of the first lower-case word after a subject ending at pos that is no adverb, negation or auxiliary."""
    for word in WORD_AFTER_RE.finditer(masked, SUBJECT_GAP_RE.match(masked, pos, limit).end(), limit):
        low = word.group(0)
        if not low.islower():
            return None
        if low not in ADVERBS and low not in AUXILIARIES and low not in NEGATIONS and not low.endswith("ly"):
            return word.span()
    return None


def verb_after(masked: str, pos: int, limit: int) -> tuple[int, int] | None:
    """Offsets of the verb right after a subject ending at pos, past an apposition, a "(D-Ohio)" or "of <Place>",
    adverbs and auxiliaries: a past form or a cue ("condemned", "has long argued", "is labeling"); None
    for a copula ("is a", "was") or any other word."""
    gap = SUBJECT_GAP_RE.match(masked, pos, limit)
    aux = False
    for word in WORD_AFTER_RE.finditer(masked, gap.end(), limit):
        low = word.group(0).lower()
        if low in ADVERBS and low not in AUXILIARIES or low.endswith("ly"):
            continue
        if low in AUXILIARIES and not aux:
            aux = True
            continue
        if low.endswith("ed") or (aux and low.endswith(("en", "ing"))) or (low in cue_lexicon() and not low.endswith("s")):
            return word.span()
        return None
    return None


def _signature(art: Article, span: tuple[int, int]) -> tuple[dict, str] | None:
    """(speaker, dash) for a quotation signed with a dash and a name that ends its line (“...” ― Ann Holm)."""
    dash = SIGNATURE_DASH_RE.match(art.masked, span[1])
    if not dash:
        return None
    k = art.sentence_of(dash.end())
    m = next((x for x in art.mentions[k] if x.start == dash.end()), None)
    if m is None or m.kind == "org" and nm.is_news_channel(m.name) or not SIGNATURE_END_RE.match(art.masked, m.end):
        return None
    spk = art.entity(m)
    return (spk, dash.group(0).strip()) if spk else None


def _cues_after(art: Article, a: int, b: int) -> list[dict]:
    """The cue of a sentence right after a quotation that points back at it ("That is how X described ...")."""
    if b + 1 >= len(art.sents) or not POINTS_BACK_RE.match(art.masked, art.sents[b + 1][0]):
        return []
    found = [c for c in find_cues(art, art.sents[a][0], art.sents[b + 1][1]) if c["sentence"] == b + 1 and c["speakers"]]
    return found[:1]


def _colon_speaker(art: Article, k: int, cues: list[dict]) -> dict | None:
    """A speaker introducing the next paragraph's quotation ('Zelensky said in his address:')."""
    s, e = art.sents[k]
    if not art.masked[s:e].rstrip().endswith(":"):
        return None
    spoken = [c for c in cues if c["sentence"] == k and c["speakers"] and not c["negated"]]
    if not spoken:
        return None
    cue = spoken[-1]
    return {"speaker": cue["speakers"][0], "sentence": k, "cue": art.text[cue["at"]:cue["end"]]}


def _statement_speaker(k: int, cues: list[dict]) -> dict | None:
    """The speaker of the last reported statement of sentence k; a next quotation with no cue continues it."""
    spoken = [c for c in cues if c["sentence"] == k and c["speakers"] and not c["negated"] and not c.get("passive")
              and c["speakers"][0] and c["speakers"][0]["type"] == "person" and c["form"] not in ACCORDING_FORMS]
    return {"speaker": spoken[-1]["speakers"][0], "sentence": k} if spoken else None


def _opening_sentences(art: Article) -> list[int]:
    """Indices of the sentences that may open with a "For X,", "Source:" or "In his opinion," cue, in order."""
    masked = art.masked
    return [k for k, (s, _) in enumerate(art.sents)
            if "For " in masked[s:s + 9] or masked.startswith(OPENING_PREFIXES, s)]


def _opening_cues(art: Article, ks: list[int]) -> list[dict]:
    """The sentence-opening cues of sentences ks: every "For X" cue, then every source line, then every opinion cue."""
    masked, starts = art.masked, [art.sents[k][0] for k in ks]
    found = [for_speaker(art, k) for k, s in zip(ks, starts) if "For " in masked[s:s + 9]]
    found += [source_line(art, k) for k, s in zip(ks, starts) if masked.startswith("Source", s)]
    found += [opinion_cue(art, k) for k, s in zip(ks, starts) if masked.startswith("In ", s)]
    return [c for c in found if c]


SENTENCE_CAP = 2000  # characters: a longer "sentence" (a list or transcript without full stops) is read in pieces


def bounded_sentences(text: str, sents: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], list[int]]:
    """The sentences cut into pieces of at most SENTENCE_CAP characters (at a space), and each piece's sentence index.

    News sentences stay whole (the longest in 55,000 sentences of news is about 1,100 characters); the cap keeps
    the rules' scans of a sentence short, so that attribution stays linear in the length of the text.
    """
    if all(e - s <= SENTENCE_CAP for s, e in sents):
        return sents, list(range(len(sents)))
    pieces, ids = [], []
    for k, (s, e) in enumerate(sents):
        while e - s > SENTENCE_CAP:
            cut = text.rfind(" ", s + SENTENCE_CAP // 2, s + SENTENCE_CAP)
            cut = cut if cut > s else s + SENTENCE_CAP
            pieces.append((s, cut))
            ids.append(k)
            s = cut + 1 if text[cut] == " " else cut
        pieces.append((s, e))
        ids.append(k)
    return pieces, ids


def attribute_article(text: str, spans: list, sents: list, aid: str, outlet: str,
                      known: list | None = None) -> list[dict]:
    """Direct and indirect quotation rows of one article (speakers not yet merged across articles).

    The full person names met in the article are appended to `known` (for corpus-wide merging).
    """
    if not text.strip():
        return []
    pieces, ids = bounded_sentences(text, sents or [(0, len(text))])
    art = Article(text, spans, pieces)
    art.sentence_ids = ids
    rows, group, prev = [], 0, None
    openers = _opening_sentences(art)
    for unit in _units(art, spans):
        a, b, uspans = unit
        lo, hi = art.sents[a][0], art.sents[b][1]
        for k in range(a, b + 1):
            for m in art.mentions[k]:
                if m.kind == "person":  # people register their names now (surnames join them later)
                    art.remember(m.start, art.entity(m), "mention")
                else:
                    art.remember_mention(m)
        cues = []
        if openers and openers[0] <= b:  # "For X, ...", "Source: X", "In his opinion, ..." open a sentence of the unit
            cues = _opening_cues(art, [k for k in openers if a <= k <= b])
            while openers and openers[0] <= b:
                openers.pop(0)
        cues += find_cues(art, lo, hi)
        for cue in cues:
            for spk in cue["speakers"]:
                art.remember(cue["at"], spk, "mention")
        if uspans:
            back = [] if any(c["speakers"] for c in cues) else _cues_after(art, a, b)
            new, cont, group = _direct_rows(art, unit, back or cues, prev, aid, outlet, group)
            rows.extend(new)
            prev = cont or (prev if prev and prev["sentence"] >= a - 1 and not cues else None)
        elif cues:
            prev = _colon_speaker(art, b, cues) or _statement_speaker(b, cues)
        else:
            prev = None
        for cue in cues:
            # "A, X said, dismissing ... as "B"": a tail cue whose quotations all follow it in a later clause reports A
            quoted_after = cue["tail"] and all(cue.get("uses_after", [False]))
            if (cue.get("used") and not quoted_after) or cue["negated"] or not cue["speakers"] \
                    or not has_complement(art, cue):
                continue
            qlo, qhi = reported_text(art, cue)
            if MASK in art.masked[qlo:qhi] and not cue.get("source_line"):
                continue  # reported content that is itself partly quoted is a direct quotation only
            s, e = art.sents[cue["sentence"]]
            s = min(s, qlo)  # a source line reports the lead above it
            for spk in cue["speakers"]:
                if spk and spk["type"] in ("person", "organization", "anonymous") and not spk.get("vague"):
                    group += 1
                    cue_text = art.text[cue["at"]:cue["end"]]
                    rows.append(_row(art, aid, outlet, "indirect", s, e, qlo, qhi, spk, cue_text, group, 0))
                    art.remember(cue["at"], spk, "speaker")
            addressee = _addressee(art, cue) if cue["form"] in ASK_FORMS else None
            if addressee:  # "A reporter asked her whether ... 'When ...,' she said": the one asked answers
                art.remember(cue["end"], addressee, "speaker")
    if known is not None:
        known.extend(full for full, _ in art.people.values() if nm.split_name(full)[0])
    return rows
