"""Sentence splitting, against hand counts of two seed articles and the rules case by case."""
import pytest

import helpers
from newslens.sentences import split_sentences


def split(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_hand_counted_sentences_of_seed_000_and_001(articles):
    sents = helpers.sentences(articles)
    counts = sents.groupby("article_id", observed=True).size()
    # counted by hand in the clean text: 000 = 1 heading + 17 sentences; 001 = 11 sentences,
    # "a senior U.S. military officer" not split.
    assert counts["000_4aabf3e070642ad6"] == 18
    assert counts["001_afb79046292409a7"] == 11
    s000 = sents[sents["article_id"] == "000_4aabf3e070642ad6"]["text"].tolist()
    assert s000[0] == "Ukrainian Armed Forces 24/7 repeal the offensive on Bakhmut and Soledar"
    assert s000[14] == '"Last days, we saw the fierce battles around Bakhmut and Soledar in the east of Ukraine.'
    assert s000[16].endswith('for Ukraine," Stoltenberg said.')
    s001 = sents[sents["article_id"] == "001_afb79046292409a7"]["text"].tolist()
    assert s001[-1].startswith("The combat in Bakhmut was described as “very brutal” by a senior U.S.")


def test_offsets_point_into_text(articles):
    sents = helpers.sentences(articles)
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert list(sents.columns) == ["article_id", "sentence_id", "start", "end", "text"]
    for row in sents.itertuples():
        assert texts[row.article_id][row.start:row.end] == row.text
    assert (sents.groupby("article_id", observed=True)["sentence_id"].apply(lambda s: list(s) == list(range(len(s))))).all()


@pytest.mark.parametrize("text,expected", [
    ("Mr. Zelensky spoke. He left.", ["Mr. Zelensky spoke.", "He left."]),
    ("Aid from the U.S. Army arrived. More came.", ["Aid from the U.S. Army arrived.", "More came."]),
    ("It began on Feb. 24, 2022. Nobody expected it.", ["It began on Feb. 24, 2022.", "Nobody expected it."]),
    ("Gen. Valery Gerasimov took over. Surovikin stayed.", ["Gen. Valery Gerasimov took over.", "Surovikin stayed."]),
    ("John F. Kennedy said so. Then he left.", ["John F. Kennedy said so.", "Then he left."]),
])
def test_no_split_after_abbreviations_and_initials(text, expected):
    assert split(text) == expected


def test_closing_quotation_mark_stays_with_its_sentence():
    text = "“We are holding firm.” She smiled. He said: \"Go.\" They went."
    assert split(text) == ["“We are holding firm.”", "She smiled.", 'He said: "Go."', "They went."]


def test_footnote_number_after_the_end_stays_with_its_sentence():
    text = 'Troops dug in near Kreminna.[4] "We hold," he said.[12] Mr. Lee left. Prices rose [5] in May.'
    assert split(text) == ["Troops dug in near Kreminna.[4]", '"We hold," he said.[12]', "Mr. Lee left.",
                           "Prices rose [5] in May."]


def test_ellipsis_is_an_omission_not_an_end():
    text = "“During the offensive… Ukrainian troops retreated,” it said. We fight ... We hold."
    assert split(text) == ["“During the offensive… Ukrainian troops retreated,” it said.", "We fight ... We hold."]


def test_paragraph_breaks_end_sentences():
    text = "People Are Scared\n\nIn Bakhmout, under the bombs\nsomething else. Next one."
    assert split(text) == ["People Are Scared", "In Bakhmout, under the bombs", "something else.", "Next one."]


def test_lowercase_after_a_full_stop_does_not_split():
    assert split("Stocks ran out at 8 p.m. local time. Then?") == ["Stocks ran out at 8 p.m. local time.", "Then?"]
    assert split("“Why?” he asked. Nobody knew.") == ["“Why?” he asked.", "Nobody knew."]


def test_sentence_offsets_are_the_flat_read_only_spans():
    from newslens.sentences import sentence_offsets

    offsets = sentence_offsets("Mr. Smith left. He said so.\nNext line")
    assert offsets.tolist() == [0, 15, 16, 27, 28, 37]
    assert not offsets.flags.writeable
    assert sentence_offsets("").tolist() == []


def test_joined_split_gives_the_offsets_of_the_one_text_split_on_random_text():
    import random

    from newslens.sentences import _split_joined, _split_one
    pieces = ["Mr", "U.S", "He", "she", "A", "x", "12", "é", "𝒜", "Ünï", ".", ".", "!", "?", "...", "…",
              " ", " ", "  ", "\n", "\n\n", "\t", "\u00a0", "”", "\"", "'", ")", "[4]", "[12345]", "“", "(", "_"]
    rng = random.Random(3)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 30))) for _ in range(3000)]
    for lo in range(0, len(texts), 250):
        chunk = texts[lo:lo + 250]
        assert _split_joined(chunk) == [_split_one(t) for t in chunk]


def test_sentence_text_column_cuts_every_span_out_of_non_ascii_text():
    import pandas as pd

    from newslens import sentences as se
    articles = pd.DataFrame({"article_id": list("abcdefg"),
                             "text": ["   ", "", "One. Two €€.", "é — Ünïcode. 𝒜 Zed.\n\n x ", "\n", "Last one",
                                      "€ 𝒜𝒜. Ab €."]})
    table = se.sentences(articles)
    texts = dict(zip(articles["article_id"], articles["text"]))
    assert table["text"].tolist() == [texts[a][s:e] for a, s, e in zip(table["article_id"], table["start"], table["end"])]
    assert table["text"].tolist() == ["One.", "Two €€.", "é — Ünïcode.", "𝒜 Zed.", "x", "Last one", "€ 𝒜𝒜.", "Ab €."]
    assert str(table["text"].dtype) == "str"


def test_offsets_cache_keeps_the_last_texts_only():
    from array import array

    from newslens.sentences import _OffsetsCache
    cache = _OffsetsCache(2)
    cache.put("a", array("q", [0, 1]))
    cache.put("b", array("q", [0, 2]))
    assert cache.get("a") == array("q", [0, 1])  # "a" is now the most recently used
    cache.put("c", array("q", [0, 3]))
    assert cache.get("b") is None and cache.get("a") is not None and cache.get("c") is not None
    assert _OffsetsCache(0).get("a") is None


def test_split_many_matches_split_sentences():
    from newslens.sentences import split_many, split_sentences
    texts = ["Mr. Smith left. He said so.\nNext line", "", "One. Two."]
    flats = split_many(texts)
    assert [list(zip(f[::2], f[1::2])) for f in flats] == [split_sentences(t) for t in texts]
    assert list(flats[0]) == [0, 15, 16, 27, 28, 37]


def test_corpus_sentence_offsets_once_per_column():
    import pandas as pd
    from newslens import sentences as S
    S.clear_corpus_offsets()
    column = pd.Series(["One. Two.", "", "Three"], dtype="str")
    offsets, counts = S.corpus_sentence_offsets(column)
    assert offsets.tolist() == [0, 4, 5, 9, 0, 5]
    assert counts.tolist() == [2, 0, 1]
    assert not offsets.flags.writeable
    again = S.corpus_sentence_offsets(column)
    assert again[0] is offsets  # same column: computed once
    other = S.corpus_sentence_offsets(pd.Series(["One. Two.", "", "Three"], dtype="str"))
    assert other[0] is not offsets and other[0].tolist() == offsets.tolist()
    S.clear_corpus_offsets()


def test_corpus_offsets_do_not_fill_the_per_text_cache():
    """The corpus pass keeps no per-text copy of the texts (the per-text cache is keyed on them)."""
    import pandas as pd
    from newslens import sentences as S
    S.clear_corpus_offsets()
    text = "A text seen only by the corpus pass. It has two sentences."
    S.corpus_sentence_offsets(pd.Series([text], dtype="str"))
    assert S._CACHE.get(text) is None
    flats = S.split_many([text])
    assert list(flats[0]) == [0, 36, 37, 58] and S._CACHE.get(text) is not None
    S.clear_corpus_offsets()
