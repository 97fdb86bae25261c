"""Figures: the extraction holds against every row of the gold figures file, and unit rules by hand."""
import csv
import math

import pandas as pd
import pytest

from conftest import GOLD
from newslens.figures import (
    FiguresError, compare_figures, extract_figures, parse_number, value_interval,
)

NO_QUOTES = pd.DataFrame(columns=["article_id", "sentence_id", "start", "end", "speaker", "side"])


def gold_rows():
    with (GOLD / "figures.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def figures_of(text, article_id="x"):
    """Figures of a one-article corpus written in the test."""
    arts = pd.DataFrame({"article_id": [article_id], "outlet": ["Test"], "date": [pd.NaT], "text": [text]})
    return extract_figures(arts, quotes=NO_QUOTES)


def one(text):
    """The single fact figure of a text."""
    f = figures_of(text)
    f = f[f["is_fact"]]
    assert len(f) == 1, f[["quantity_text", "kind"]]
    return f.iloc[0]


@pytest.fixture(scope="module")
def seed_figures(articles):
    return extract_figures(articles, quotes=NO_QUOTES)


@pytest.mark.parametrize("row", gold_rows(), ids=lambda r: f"{r['article']}-{r['quantity_text']}")
def test_every_gold_figure_is_extracted_with_value_unit_and_qualifier(row, seed_figures, article_text):
    text = article_text(row["article"])
    where = text.find(row["quantity_text"])
    assert where >= 0, "the gold quantity text must be in the clean article text"
    art = seed_figures[seed_figures["article_id"].str.startswith(row["article"] + "_")]
    hit = art[(art["start"] < where + len(row["quantity_text"])) & (art["end"] > where) & art["is_fact"]]
    assert len(hit) == 1, f"expected one figure inside {row['quantity_text']!r}, got {hit['quantity_text'].tolist()}"
    fig = hit.iloc[0]
    assert fig["value"] == pytest.approx(float(row["value"]))
    assert fig["unit"] == row["unit"]
    assert fig["qualifier"] == row["qualifier"]


def test_compare_figures_puts_the_three_soledar_bakhmut_distances_in_one_fact(seed_figures):
    facts = compare_figures(seed_figures)
    gold = [r for r in gold_rows() if r["fact"] == "soledar_bakhmut_distance"]
    ids = set()
    for r in gold:
        rows = facts[facts["article_id"].str.startswith(r["article"] + "_") & (facts["unit"] == "km")
                     & (facts["value"] == float(r["value"]))]
        ids |= set(rows["fact"])
    assert len(ids) == 1
    fact = facts[facts["fact"] == ids.pop()]
    assert fact["n_articles"].iloc[0] == 3
    assert not fact["agree"].iloc[0]  # "around 10", "15" and "less than 10" cannot all be true
    assert sorted(fact["article_id"].str[:3]) == ["001", "002", "003"]


def test_compare_figures_agrees_on_the_prewar_population_in_two_outlets(seed_figures):
    facts = compare_figures(seed_figures)
    pop = facts[(facts["value"] == 10000) & (facts["unit"] == "people")]
    assert pop["fact"].nunique() == 1
    assert sorted(pop["article_id"].str[:3]) == ["002", "003"]
    assert pop["agree"].all()


def test_compare_figures_keeps_the_ukrainian_retreat_apart_from_the_town_distance(seed_figures):
    facts = compare_figures(seed_figures)
    retreat = facts[facts["article_id"].str.startswith("004") & (facts["unit"] == "km")]
    assert retreat["n_mentions"].tolist() == [1]


@pytest.mark.parametrize("text, value", [
    ("six", 6), ("Six", 6), ("a dozen", 12), ("twenty-five", 25), ("three hundred", 300),
    ("one hundred and fifty", 150), ("10,000", 10000), ("300,000", 300000), ("27.4 billion", 27.4e9),
    ("1.5 million", 1.5e6), ("two thousand", 2000), ("3", 3),
])
def test_parse_number_reads_digits_separators_words_and_scales(text, value):
    assert parse_number(text) == pytest.approx(value)


def test_parse_number_refuses_a_word_that_is_not_a_number():
    with pytest.raises(FiguresError, match="not in number_words"):
        parse_number("several")


@pytest.mark.parametrize("sentence, value, unit, qualifier", [
    ("Officials said about 40 people were hurt.", 40, "people", "about"),
    ("The fund has nearly €2.5 million left.", 2.5e6, "EUR", "nearly"),
    ("Up to 12 drones were launched overnight.", 12, "drones", "up to"),
    ("At least 1,200 soldiers took part.", 1200, "people", "at least"),
    ("Fewer than 30 residents stayed.", 30, "people", "less than"),
    ("The town lies some 20 miles from the border.", 20, "mi", "about"),
    ("A dozen tanks crossed the river.", 12, "tanks", "exact"),
    ("The convoy carried £40m in aid.", 40e6, "GBP", "exact"),
    ("Prices rose 7.5 percent in March.", 7.5, "%", "exact"),
    ("The offensive lasted almost two weeks.", 2, "weeks", "nearly"),
    ("The village lies 30km from the front.", 30, "km", "exact"),
    ("Kyiv asked for a $1.2bn loan.", 1.2e9, "USD", "exact"),
    ("The two sides met in Istanbul.", 2, "sides", "exact"),
    ("Russia has lost 200,000 men, officials say.", 200000, "people", "exact"),
    ("We have lost stock worth nearly Rs 40 crore.", 4e8, "INR", "nearly"),
    ('Ukraine needs "at least ten more Patriot systems".', 10, "systems", "at least"),
    ("The EU listed more than 100 additional “shadow fleet” tankers.", 100, "tankers", "more than"),
])
def test_one_figure_per_sentence_with_value_unit_and_qualifier(sentence, value, unit, qualifier):
    fig = one(sentence)
    assert (fig["value"], fig["unit"], fig["qualifier"]) == (pytest.approx(value), unit, qualifier)


@pytest.mark.parametrize("sentence, text", [
    ('Kyiv needs "at least ten more systems".', "at least ten"),
    ("The town had  about 9,000 people.", "about 9,000"),
    ("Shelling hit between 10 and 15 km away.", "between 10 and 15 km"),
])
def test_quantity_text_starts_at_the_qualifier(sentence, text):
    assert one(sentence)["quantity_text"] == text


COLUMNS_BY_HAND = ["start", "end", "quantity_text", "value", "unit", "dimension", "kind", "counted"]


@pytest.mark.parametrize("sentence, expected", [
    # a number word glued to its unit is read like "5km", "five km", "five-km", also when the
    # sentence holds no other number (it was found only next to another number before)
    ("Troops moved fivekm east.", [(13, 19, "fivekm", 5.0, "km", "distance", "measure", "km east")]),
    ("Troops moved 5km east.", [(13, 16, "5km", 5.0, "km", "distance", "measure", "km east")]),
    ("Troops moved five km east.", [(13, 20, "five km", 5.0, "km", "distance", "measure", "km east")]),
    ("Troops moved five-km east.", [(13, 20, "five-km", 5.0, "km", "distance", "measure", "km east")]),
    ("Troops moved Tenkm east.", [(13, 18, "Tenkm", 10.0, "km", "distance", "measure", "km east")]),
    ("They dug twentykms of trenches.", [(9, 18, "twentykms", 20.0, "km", "distance", "measure", "km of trenches")]),
    # a short scale glued after a currency amount, a letter currency glued before it
    ("They paid $fivebn for it.", [(10, 17, "$fivebn", 5e9, "USD", "money", "money", "")]),
    ("They paid Rsfive for it.", [(10, 16, "Rsfive", 5.0, "INR", "money", "money", "")]),
    # a number word glued to other letters is no figure
    ("Tents stood often in fivekmx rows.", []),
])
def test_a_number_word_glued_to_its_unit_is_a_figure(sentence, expected):
    got = figures_of(sentence)[COLUMNS_BY_HAND]
    assert [tuple(r) for r in got.itertuples(index=False)] == expected


def test_a_unit_conversion_in_brackets_is_one_figure():
    f = figures_of("The front moved 5 km (3 miles) east.")
    assert len(f) == 1
    assert (f.iloc[0]["value"], f.iloc[0]["unit"], f.iloc[0]["quantity_text"]) == (5, "km", "5 km (3 miles)")


@pytest.mark.parametrize("sentence, low, high", [
    ("Shelling hit an area 10-15 km from Kupiansk.", 10, 15),
    ("Shelling hit an area between 10 and 15 km from Kupiansk.", 10, 15),
    ("Shelling hit an area 10 to 15 km from Kupiansk.", 10, 15),
])
def test_ranges_keep_both_ends(sentence, low, high):
    fig = one(sentence)
    assert (fig["value"], fig["value_high"], fig["unit"], fig["qualifier"]) == (low, high, "km", "range")


def test_dates_years_times_and_ages_are_typed_and_not_facts():
    f = figures_of("On Feb. 24, 2022, at 8:00 p.m., a 52-year-old man and Olena, 34, left; in 2014 "
                   "they met on 3 March.")
    assert sorted(f["kind"]) == ["age", "age", "date", "date", "date", "time", "year"]
    assert not f["is_fact"].any()


def test_names_and_pronoun_uses_of_one_are_not_figures():
    f = figures_of("It was the worst since World War Two. One of the towns is no one's home.")
    assert f.empty


def test_thousand_plurals_are_read_as_more_than():
    fig = one("Thousands of civilians remain in the city.")
    assert (fig["value"], fig["unit"], fig["qualifier"]) == (1000, "people", "more than")


def test_compare_figures_groups_by_shared_place_and_flags_disagreement():
    arts = pd.DataFrame({
        "article_id": ["a", "b", "c"], "outlet": ["A", "B", "C"], "date": [pd.NaT] * 3,
        "text": ["Before the war, Vuhledar had about 15,000 inhabitants.",
                 "Before the war, Vuhledar had 14,500 inhabitants.",
                 "Before the war, Marinka had 9,000 inhabitants."],
    })
    facts = compare_figures(extract_figures(arts, quotes=NO_QUOTES))
    by = dict(zip(facts["article_id"], facts["fact"]))
    assert by["a"] == by["b"] != by["c"]
    assert facts.set_index("article_id").loc["a", "agree"]  # 14,500 is "about 15,000"


def test_value_interval_follows_the_qualifier():
    assert value_interval(10, "less than") == (0, 10)
    assert value_interval(10, "about") == pytest.approx((9, 11))
    assert value_interval(10, "more than") == (10, math.inf)
    assert value_interval(10, "range", 15) == (10, 15)


def test_bad_input_gets_a_clear_error():
    with pytest.raises(FiguresError, match="load_corpus"):
        extract_figures(pd.DataFrame({"id": [1]}))
    with pytest.raises(FiguresError, match="extract_figures"):
        compare_figures(pd.DataFrame({"value": [1]}))
    with pytest.raises(FiguresError, match="no text"):
        extract_figures(pd.DataFrame({"article_id": ["a"], "outlet": ["A"], "text": [None]}))


def test_the_speaker_of_an_attribution_is_attached():
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["A"], "date": [pd.NaT],
                         "text": ["The governor said 12 people were evacuated."]})
    quotes = pd.DataFrame({"article_id": ["a"], "sentence_id": [0], "start": [0], "end": [44],
                           "speaker": ["Governor X"], "side": ["Ukraine"]})
    fig = extract_figures(arts, quotes=quotes).iloc[0]
    assert (fig["speaker"], fig["speaker_side"]) == ("Governor X", "Ukraine")


@pytest.mark.parametrize("n", [0, 7, 999, 1000, 10000, 123456, 300000, 1234567, 27400000000])
def test_thousands_separators_round_trip(n):
    assert parse_number(f"{n:,}") == n


def test_thousands_separators_round_trip_for_any_whole_number():
    from hypothesis import given, strategies as st

    @given(st.integers(min_value=0, max_value=10**12))
    def check(n):
        assert parse_number(f"{n:,}") == n
    check()


# ---------------------------------------------------------------- helpers of the fast paths


def _chosen(texts):
    from newslens.figures import _candidate_sentences
    from newslens.sentences import sentence_offsets
    return _candidate_sentences(texts, [sentence_offsets(t) for t in texts])


def test_candidate_sentences_finds_digits_and_whole_number_words():
    # sentence 0 has "Two", 1 has "12", 2 nothing ("often", "twentyfold" are no number words),
    # 3 has "one"; the second text has no sentence
    texts = ["Two men came. They were 12. It happens often and twentyfold. Then one left.", ""]
    assert _chosen(texts) == [[0, 1, 3], []]


@pytest.mark.parametrize("text, expected", [
    ("SIX men. Six more. éight.", [0, 1]),              # upper case; "éight" is one word, not "ight"
    ("ſix men. SIX more. Six.", [0, 1, 2]),             # long s: case-equal to "s" for the regex engine
    ("A éone. B oneé. C one.", [2]),                    # a non-ASCII letter glued to a number word
    ("No digits. Arabic-Indic \u0663 here.", [1]),      # \\d is any decimal digit
    ("“Five” said he. X_one. One_x. Ten", [0, 3]),      # quotation marks are no word characters
    ("Went fivekm. Paid $fivebn. Rsten. Fivekmx. Rsxten.", [0, 1, 2]),  # glued unit, scale, currency
])
def test_candidate_sentences_follow_the_candidate_rule(text, expected):
    from newslens.figures import _patterns
    from newslens.sentences import split_sentences
    rule = [sid for sid, (s0, s1) in enumerate(split_sentences(text)) if _patterns()["candidate"].search(text[s0:s1])]
    assert rule == expected
    assert _chosen([text]) == [expected]
    assert _chosen(["Padding 7.", text, "one"]) == [[0], expected, [0]]  # the same inside a chunk


@pytest.mark.parametrize("sentence, expected", [
    # "$5" starts at the currency; "Five" found case-insensitively; "to" is no number
    ("Paid $5 to Five men.", [(5, 7, "5", "$"), (11, 15, "Five", None)]),
    # a long s is case-equal to "s" only for the regex engine: scanned with IGNORECASE
    ("ſix men", [(0, 3, "ſix", None)]),
    ("“Twelve” said Émile", [(1, 7, "Twelve", None)]),
])
def test_figure_matches_are_the_figure_pattern_matches(sentence, expected):
    from newslens.figures import _figure_matches, _patterns
    assert _figure_matches(sentence) == expected
    rule = [(m.start(), m.end(), m.group("num"), m.group("cur")) for m in _patterns()["figure"].finditer(sentence)]
    assert rule == expected


@pytest.mark.parametrize("sentence, initial", [
    ("Soledar fell.", ["Soledar"]),                       # first word of the sentence
    ("He said “Soledar fell.", ["He", "Soledar"]),        # right after an opening quotation mark
    ("Officials: Soledar fell.", ["Officials", "Soledar"]),  # after a colon and a space
    ("He saw Soledar.", ["He"]),                          # inside the sentence
    ("  Soledar", []),                                    # only spaces before: not a sentence start
    ("\nSoledar", ["Soledar"]),                          # a lone line break before
    ("(“Kyiv“Bakhmut) said:Ann", ["Kyiv", "Bakhmut", "Ann"]),  # marks glued to words
])
def test_initial_words_follow_the_initial_rule(sentence, initial):
    from newslens.figures import CAP_WORD_RE, INITIAL_RE, _initial_words
    assert _initial_words(sentence) == initial
    rule = [m.group(1) for m in CAP_WORD_RE.finditer(sentence) if INITIAL_RE.search(sentence[:m.start()])]
    assert rule == initial


@pytest.mark.parametrize("text, word, expected", [
    ("He met Kyiv officials. Kyiv said no.", "Kyiv", True),   # "met Kyiv" is inside a sentence
    ("Ann went home. Then Bob came.", "Ann", False),         # only ever first in a sentence
    ("They left, Bob-2 stayed.", "Bob", True),               # ", " before; "-2" adds no letter
    ("We saw Bobby there.", "Bob", False),                   # the word runs on into "Bobby"
    ("Then  Kyiv fell.", "Kyiv", False),                     # two spaces: the rule wants one
])
def test_is_mid_sentence_name_agrees_with_mid_sentence_names(text, word, expected):
    from newslens.figures import MidSentenceNames, is_mid_sentence_name, mid_sentence_names
    assert is_mid_sentence_name(text, word) is expected
    assert (word in mid_sentence_names(text)) is expected
    assert (word in MidSentenceNames(text)) is expected


def test_union_find_never_joins_conflicting_groups():
    from newslens.figures import _union_find
    # 0 and 2 are in article "a" with values 5 and 9 (no overlap); 1 and 3 in other articles.
    # 0-1 join; 1-2 would put 0 and 2 (a conflict) together; 2-3 join under root 2
    articles, ivals = ["a", "b", "a", "c"], [(5.0, 5.0), (5.0, 5.0), (9.0, 9.0), (9.0, 9.0)]
    assert _union_find(4, [(0, 1), (1, 2), (2, 3)], articles, ivals) == [0, 0, 2, 2]
    # one article: 4-6, 5 and 5-6 all overlap, so no conflict; with 6-6 instead of 5-6, 1-2 is refused
    assert _union_find(3, [(1, 2), (0, 2)], ["a", "a", "a"], [(4.0, 6.0), (5.0, 5.0), (5.0, 6.0)]) == [0, 0, 0]
    assert _union_find(3, [(1, 2), (0, 2)], ["a", "a", "a"], [(4.0, 6.0), (5.0, 5.0), (6.0, 6.0)]) == [0, 1, 0]


def _union_find_by_pairs(n, pairs, articles, ivals):
    """The rule `_union_find` implements, written out: every conflicting pair listed (mentions of
    one article whose intervals do not `_overlap`), a merge refused if it would join one."""
    from newslens.figures import _overlap
    group = list(range(n))
    for a, b in pairs:
        ga, gb = group[a], group[b]
        if ga == gb:
            continue
        members_a = [i for i in range(n) if group[i] == ga]
        members_b = [i for i in range(n) if group[i] == gb]
        if any(articles[x] == articles[y] and not _overlap(ivals[x], ivals[y]) for x in members_a for y in members_b):
            continue
        keep, drop = min(ga, gb), max(ga, gb)
        group = [keep if g == drop else g for g in group]
    return group


def test_union_find_agrees_with_every_pair_listed_on_random_groups():
    import random
    from newslens.figures import _union_find
    rng = random.Random(3)
    for _ in range(400):
        n = rng.randint(1, 12)
        articles = [rng.choice("abc") for _ in range(n)]
        ivals = []
        for _ in range(n):
            low = float(rng.randint(0, 6))
            ivals.append((low, low + rng.choice([0.0, 0.0, 1.0, 2.0, math.inf])))
        pairs = [(rng.randrange(n), rng.randrange(n)) for _ in range(rng.randint(0, 20))]
        pairs = [(min(p), max(p)) for p in pairs if p[0] != p[1]]
        assert _union_find(n, pairs, articles, ivals) == _union_find_by_pairs(n, pairs, articles, ivals)


def test_comparable_many_matches_the_scalar_rule_with_infinity_and_nan():
    import numpy as np
    from newslens.figures import _comparable, _comparable_many
    ivals = [(10.0, 10.0), (40.0, 60.0), (60.0, math.inf), (math.nan, math.nan)]
    pairs = [(0, 1), (0, 2), (1, 2), (0, 3), (3, 0)]
    # 40/10 = 4 <= 5; 60/10 = 6 > 5; 60/60 = 1; with NaN Python's min/max keep the first value
    expected = [True, False, True, True, False]
    assert [_comparable(ivals[a], ivals[b]) for a, b in pairs] == expected
    a, b = np.array([p[0] for p in pairs]), np.array([p[1] for p in pairs])
    assert _comparable_many(np.array(ivals), a, b).tolist() == expected


# ---------------------------------------------------------------- per-figure tuples (hand-derived)


def _same_fields(got, expected):
    """Tuples equal field by field, NaN equal to NaN."""
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert (isinstance(e, float) and math.isnan(e) and math.isnan(g)) or g == e, (got, expected)


@pytest.mark.parametrize("sentence, expected", [
    # qualifier "About " before the number, unit glued, what the distance is of after it
    ("About 5km east.", [(6, 9, "About ", 5.0, math.nan, "km", "distance", "about", "measure", "km east", "distance")]),
    # a clock time is typed; its "30" lies inside it and is skipped
    ("Met at 10:30 today.", [(7, 12, "", math.nan, math.nan, "", "", "exact", "time", "", "")]),
    # a range after "between": value_high, and the qualifier text from "between"
    ("Between 10 and 15 tanks.", [(8, 17, "Between ", 10.0, 15.0, "tanks", "", "range", "count", "tanks", "tanks")]),
    # "one" after "the" is no number
    ("The one who left.", []),
])
def test_scan_sentence_gives_figure_fields(sentence, expected):
    from newslens.figures import FIGURE_FIELDS, _scan_sentence
    got = _scan_sentence(sentence)
    assert len(got) == len(expected)
    for g, e in zip(got, expected):
        assert len(g) == len(FIGURE_FIELDS)
        _same_fields(g, e)


@pytest.mark.parametrize("before, expected", [
    ("killed about ", ("about ", "about")),
    ("killed ", ("", "exact")),
    ("(more than ", ("more than ", "more than")),
    ("killed about", ("about", "about")),          # no space needed before the number
    ("roundabout ", ("", "exact")),                # a qualifier must start a word
    ("lost ſome ", ("ſome ", "about")),            # long s: the case-blind pattern matches it; it used to raise KeyError
])
def test_qualifier_before_by_hand(before, expected):
    from newslens.figures import _qualifier_before
    assert _qualifier_before(before) == expected


def test_lazy_patterns_compile_on_first_use():
    from newslens.figures import LazyPatterns
    pats = LazyPatterns({"a": ("a+", 0), "b": ("B", 2)})  # 2 = re.IGNORECASE
    assert "a" not in pats
    assert pats["a"].match("aab").group() == "aa"
    assert "a" in pats and "b" not in pats
    assert pats["b"].match("b") is not None
    with pytest.raises(KeyError):
        pats["c"]


@pytest.mark.parametrize("odd, plain", [
    ("They walked 5 mileſ away.", "They walked 5 miles away."),   # long s in a unit: used to raise KeyError
    ("About 5 kmſ of road.", "About 5 kms of road."),
    ("Losses reached ſome 500 men.", "Losses reached some 500 men."),
])
def test_case_blind_matches_read_like_their_plain_spelling(odd, plain):
    from newslens.figures import _scan_sentence
    # same figure, offsets and values; only the text of the qualifier may keep the odd letter
    fields = lambda s: [f[:2] + f[3:] for f in _scan_sentence(s)]  # noqa: E731
    assert fields(odd) == fields(plain) and len(fields(plain)) == 1


def test_a_number_too_large_for_a_float_has_no_value():
    import numpy as np
    huge = "9" * 320
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["A"], "date": [pd.NaT],
                         "text": [f"They counted {huge} tanks and 5 trucks."]})
    table = extract_figures(arts, quotes=NO_QUOTES)
    first = table.iloc[0]
    assert first["quantity_text"] == huge and first["kind"] == "other" and not first["is_fact"]
    assert np.isnan(first["value"]) and not np.isinf(table["value"]).any()
    assert table.iloc[1][["value", "kind", "unit"]].tolist() == [5.0, "count", "trucks"]


def test_speakers_of_many_quotations_in_one_sentence_follow_the_one_by_one_rule():
    import random
    from newslens.figures import _covering_speakers, _speaker_for
    rng = random.Random(8)
    for _ in range(300):
        rows = []
        for k in range(rng.randint(1, 15)):
            start = rng.randint(0, 40)
            rows.append((start, start + rng.randint(0, 12), f"S{k}", rng.choice(["", "Ukraine"])))
        starts = sorted(rng.randint(0, 55) for _ in range(rng.randint(1, 10)))
        index = {("a", 0): rows}
        assert _covering_speakers(rows, starts) == [_speaker_for(index, "a", 0, s) for s in starts]


def _counted_noun_rule(after):
    """`_counted_noun` as it was written on a copy of the rest of the sentence: the rule."""
    import re
    from newslens.figures import (MAX_NOUN_WORDS, NOUN_MODIFIERS, NOUN_WORD_RE, PLURAL_RE, _stopwords, count_nouns,
                                  number_words)
    stop, nouns, numbers = _stopwords(), count_nouns(), number_words()
    pos, words = 0, []
    rest = re.sub(r"^\s+of\s+", " ", after)
    while len(words) < MAX_NOUN_WORDS:
        m = NOUN_WORD_RE.match(rest, pos)
        if not m:
            break
        word = m.group(1).lower().replace("’", "'")
        if (word in stop or word in numbers) and word not in NOUN_MODIFIERS:
            break
        words.append(m.group(1))
        pos = m.end()
        if word in NOUN_MODIFIERS:
            continue
        if word in nouns:
            return " ".join(words), *nouns[word]
        if word.endswith("s") and PLURAL_RE.search(word):
            return " ".join(words), word, word
    if not words:
        return "", "", ""
    return " ".join(words), words[-1].lower(), words[-1].lower()


def test_context_and_noun_read_at_a_position_as_the_rules_read_the_rest_of_the_sentence():
    import random
    import re
    from newslens.figures import MAX_MEASURE_WORDS, MEASURE_CONTEXT_RE, _counted_noun, _measure_context
    rng = random.Random(2)
    atoms = [" ", "  ", "of", " of ", "in", "for", "the", "troops", "Russian", "tanks", "-", "’", ",", ".", "\n",
             "“", "”", "two", "more", "a", "é", "_", "1"]
    for _ in range(3000):
        sent = "".join(rng.choice(atoms) for _ in range(rng.randint(0, 14)))
        pos = rng.randint(0, len(sent))
        after = sent[pos:]
        words = MEASURE_CONTEXT_RE.match(after).group(0).split()[:MAX_MEASURE_WORDS]
        assert _measure_context(sent, pos) == " ".join(words), (sent, pos)
        assert _counted_noun(sent, pos) == _counted_noun_rule(after), (sent, pos)
        money = re.match(r"^\s*(?:in|of|for)\s+", after)  # the money rule: MONEY_FOR_RE.sub(" ", after)
        assert _counted_noun(sent, pos + money.end() if money else pos, after_space=bool(money)) == \
            _counted_noun_rule(re.sub(r"^\s*(?:in|of|for)\s+", " ", after)), (sent, pos)
