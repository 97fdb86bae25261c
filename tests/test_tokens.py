"""Tokenizer rules: apostrophes, possessives, compounds, abbreviations, numbers and offsets."""
import numpy as np
import pandas as pd
import pytest

from newslens.tokens import iter_tokens, tokenize, tokens, word_count


def test_curly_apostrophe_possessive_gives_no_token_s():
    assert tokenize("Russia’s offensive") == ["russia", "'s", "offensive"]
    assert "s" not in tokenize("Russia’s and Ukraine‘s and Kyiv's")


def test_possessives_are_split_off_and_plural_possessive_apostrophe_dropped():
    assert tokenize("Zelensky's aides") == ["zelensky", "'s", "aides"]
    assert tokenize("the allies' tanks") == ["the", "allies", "tanks"]
    assert tokenize("RUSSIA'S ARMY") == ["russia", "'s", "army"]


def test_news_and_new_are_different_words():
    words = tokenize("The news is new. News, newer, New York")
    assert words.count("news") == 2
    assert words.count("new") == 2
    assert "newer" in words


def test_hyphenated_compounds_stay_one_token():
    assert tokenize("a Russian-installed official") == ["a", "russian-installed", "official"]
    assert tokenize("round-the-clock shelling") == ["round-the-clock", "shelling"]
    assert tokenize("a 10-year-old") == ["a", "10-year-old"]
    assert tokenize("non\u2011breaking") == ["non-breaking"]  # non-breaking hyphen


def test_contractions_and_irish_names_keep_their_apostrophe():
    assert tokenize("hasn't") == ["hasn't"]
    assert tokenize("O'Sullivan said") == ["o'sullivan", "said"]
    assert tokenize("it's") == ["it", "'s"]  # like "Russia's": the 's is its own token


def test_dotted_abbreviations_are_single_tokens():
    assert tokenize("The U.S. and the U.K. agreed at 9 a.m. today") == [
        "the", "u.s.", "and", "the", "u.k.", "agreed", "at", "9", "a.m.", "today"]
    assert tokenize("aid from the U.S.") == ["aid", "from", "the", "u.s."]


def test_numbers_are_tokens_and_flagged():
    assert tokenize("10,000 troops, 27.4 km, 24/7") == ["10,000", "troops", "27.4", "km", "24", "7"]
    table = tokens(pd.DataFrame({"article_id": ["a"], "text": ["About 10,000 troops"]}))
    assert table["is_number"].tolist() == [False, True, False]


def test_punctuation_is_not_a_token_and_word_count_matches():
    text = "“We will hold,” he said — again! (Really?)"
    assert tokenize(text) == ["we", "will", "hold", "he", "said", "again", "really"]
    assert word_count(text) == 7


def test_offsets_point_at_the_written_token():
    text = "Kyiv’s U.S.-made guns, round-the-clock."
    for start, end, surface in iter_tokens(text):
        if surface == "'s":
            assert text[start:end] == "’s"
        else:
            assert text[start:end] == surface


def test_tokens_table_columns_and_ids():
    table = tokens(pd.DataFrame({"article_id": ["a", "b"], "text": ["One two.", "Three’s"]}))
    assert list(table.columns) == ["article_id", "token_id", "start", "end", "token", "norm", "is_number"]
    assert table["token_id"].tolist() == [0, 1, 0, 1]
    assert table["norm"].tolist() == ["one", "two", "three", "'s"]


def test_seed_word_counts_equal_the_token_table(articles):
    table = tokens(articles)
    assert len(table) == int(articles["n_words"].sum())
    assert not (table["norm"] == "s").any()  # no stray "s" from curly possessives


@pytest.mark.parametrize("text", ["", "   ", "— … !"])
def test_empty_or_punctuation_only_text_has_no_tokens(text):
    assert tokenize(text) == []
    assert word_count(text) == 0


TRICKY = ["Kyiv’s U.S.-made guns, round-the-clock.", "RUSSIA’S ARMY'S allies' it's", "'s start",
          "x\n's", "a.m.\nU.S.", "10,000-strong 24/7 3.5.6 o’clock ‐non‑break", "hasn‘t ʼs", "", "— !"]


def test_corpus_pass_in_chunks_gives_each_article_its_own_tokens(monkeypatch):
    from newslens import tokens as tok
    monkeypatch.setattr(tok, "CHUNK_TEXTS", 2)  # chunk borders fall between these articles
    table = tokens(pd.DataFrame({"article_id": [f"a{i}" for i in range(len(TRICKY))], "text": TRICKY}))
    for i, text in enumerate(TRICKY):
        rows = table[table["article_id"] == f"a{i}"]
        assert list(zip(rows["start"], rows["end"], rows["token"])) == list(iter_tokens(text))
        assert rows["token_id"].tolist() == list(range(len(rows)))
        assert len(rows) == word_count(text)
    assert table[table["article_id"] == "a1"]["norm"].tolist() == ["russia", "'s", "army", "'s", "allies", "it", "'s"]
    assert table[table["article_id"] == "a3"]["norm"].tolist() == ["x", "s"]  # not after a word: no possessive


def test_array_tokenizer_matches_the_token_regex_on_random_text():
    import random

    from newslens import tokens as tok
    alphabet = list("absS12.,-' \n_;xZ0") + ["é", "٣", "²", "𝟙", "𝒜", "’", "‑", "s.", "1.", "a-"]
    rng = random.Random(7)
    for _ in range(3000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 25)))
        flat = tok.normalise_apostrophes(text)
        starts, ends = tok._token_bounds(tok._code_points(flat))
        assert list(zip(starts.tolist(), ends.tolist())) == tok.rule_spans(text), text
        assert tok.token_spans(text) == tok.rule_spans(text), text
        assert tok.word_count(text) == len(tok.rule_spans(text)), text


def test_token_starts_resume_after_each_token():
    from newslens.tokens import _token_starts
    # run 0's token ends at run 2, run 1's would end at run 3 (never used), run 3's at run 3
    assert _token_starts(np.array([2, 3, 2, 3])).tolist() == [0, 3]
    assert _token_starts(np.array([0, 1, 2])).tolist() == [0, 1, 2]
    assert _token_starts(np.array([1, 4, 2, 3, 4])).tolist() == [0, 2, 3, 4]


def test_distinct_strings_in_order_of_first_appearance():
    from newslens.tokens import _code_points, _distinct
    points = _code_points("b a b c é")
    codes, words = _distinct(points, np.array([0, 2, 4, 6, 8]), np.array([1, 3, 5, 7, 9]))
    assert codes.tolist() == [0, 1, 0, 2, 3]
    assert words == ["b", "a", "c", "é"]


def test_word_counts_of_many_texts_at_once():
    from newslens.tokens import word_counts
    texts = ["Kyiv’s U.S.-made guns", "", "10,000-strong 24/7", "— !", "it's"]
    # Kyiv 's U.S. made guns | 10 000-strong 24 7 (a number never runs into "-strong") | it 's
    assert word_counts(texts).tolist() == [5, 0, 4, 0, 2]
    assert word_counts(texts).tolist() == [word_count(t) for t in texts]


def test_shared_token_codes_are_reused_for_the_same_text_column_only():
    from newslens import tokens as tok
    tok.clear_shared_tokens()
    articles = pd.DataFrame({"article_id": ["a", "b"], "text": ["One two.", "Three’s"]})
    first = tok.shared_token_codes(articles["text"])
    assert tok.shared_token_codes(articles["text"]) is first  # same Arrow array: no second pass
    assert first["doc_tokens"].tolist() == [2, 2]
    assert not first["start"].flags.writeable
    other = articles.assign(text=["One two.", "Three"])  # a new column: tokenised again
    assert tok.shared_token_codes(other["text"])["doc_tokens"].tolist() == [2, 1]
    texts = ["x y", "z"]
    as_objects = pd.Series(texts, dtype=object)
    assert tok.same_identity(tok.text_identity(as_objects), tok.text_identity(as_objects))
    equal_copies = pd.Series(["".join(["x", " y"]), "".join(["z"])], dtype=object)  # equal, other objects
    assert not tok.same_identity(tok.text_identity(as_objects), tok.text_identity(equal_copies))


def test_release_freed_memory_keeps_live_data():
    import numpy as np

    from newslens.tokens import _malloc_trim, release_freed_memory

    live = np.arange(1_000_000, dtype=np.int64)
    freed = np.ones(4_000_000)  # freed before the call: its pages may go back to the system
    del freed
    assert release_freed_memory() is None
    assert live[-1] == 999_999 and int(live.sum()) == 999_999 * 1_000_000 // 2
    assert _malloc_trim() is None or callable(_malloc_trim())


def test_a_curly_apostrophe_in_texts_without_tokens_gives_an_empty_table():
    # the curly apostrophe is folded, but no token holds it (it used to raise IndexError)
    table = tokens(pd.DataFrame({"article_id": ["a", "b"], "text": ["\u0307", "’"]}))
    assert len(table) == 0
