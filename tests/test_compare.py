"""Control claims and their stance rules, named sources, similarity, shared copy and translation traces."""
import math

import pandas as pd
import pytest

from newslens.compare import (
    STANCE_CONTESTED, STANCE_RUSSIA, STANCE_UKRAINE, CompareError, article_similarity, classify_control,
    control_claims, named_sources, outlet_summary, shared_copy, shared_passages, translation_markers,
)
from newslens.figures import compare_figures, extract_figures

NO_QUOTES = pd.DataFrame(columns=["article_id", "outlet", "sentence_id", "start", "end", "kind", "quote",
                                  "speaker", "side"])


def corpus(*texts):
    """A small articles table written in the test."""
    n = len(texts)
    return pd.DataFrame({"article_id": [f"a{i}" for i in range(n)], "outlet": [f"Outlet {i}" for i in range(n)],
                         "date": [pd.Timestamp("2023-01-10") + pd.Timedelta(days=i) for i in range(n)],
                         "text": list(texts), "n_words": [len(t.split()) for t in texts]})


def sentence_of(text, start_words):
    """The sentence of a seed text that starts with the given words (copied from the article)."""
    i = text.index(start_words)
    return text[i:text.index(".", i + len(start_words)) + 1]


# ---- stance rules on sentences from the seeds

@pytest.mark.parametrize("article, start, stance, word", [
    ("001", "In the meantime, the British defense ministry", STANCE_RUSSIA, "in control"),
    ("003", "On the other hand, the Russian-backed", STANCE_RUSSIA, "taken"),
    ("002", "On a map of eastern Ukraine", STANCE_UKRAINE, "control[gain,negated"),
    ("002", "Ukrainian President Volodymyr Zelensky has promised", STANCE_UKRAINE, "resisting"),
    ("003", "Ukraine has stated that its military", STANCE_UKRAINE, "standing"),
    ("002", "On Wednesday, the leader of the Russian mercenary group", STANCE_CONTESTED, "contradicted[dispute"),
    ("003", "“At the moment, there are still some small pockets", STANCE_CONTESTED, "pockets of resistance"),
    ("001", "Heavy losses have been sustained", STANCE_CONTESTED, "battle for"),
    ("003", "US authorities questioned the relevance", STANCE_CONTESTED, "if[conditional]"),
])
def test_stance_of_seed_sentences_with_the_words_that_decided_it(article_text, article, start, stance, word):
    got, rule, matched = classify_control(sentence_of(article_text(article), start), place="Soledar")
    assert got == stance, (rule, matched)
    assert word in matched


def test_kirby_conditional_fall_is_not_a_claim_of_control(article_text):
    text = article_text("003")
    i = text.index("“Even if both Bakhmut")
    stance, rule, matched = classify_control(text[i:text.index("Kirby stated", i)], place="Soledar")
    assert stance == STANCE_CONTESTED and "hypothetical" in rule and "fall to" in matched


# ---- stance rules generalise to other towns and events

@pytest.mark.parametrize("sentence, place, stance", [
    ("Russian forces captured Avdiivka on Saturday after months of fighting.", "Avdiivka", STANCE_RUSSIA),
    ("Ukrainian troops withdrew from Avdiivka overnight.", "Avdiivka", STANCE_RUSSIA),
    ("Lysychansk has fallen, the governor said.", "Lysychansk", STANCE_RUSSIA),
    ("Ukrainian forces liberated Kherson on Friday.", "Kherson", STANCE_UKRAINE),
    ("Russian troops retreated from Kherson across the Dnipro.", "Kherson", STANCE_UKRAINE),
    ("Ukrainian defenders are still holding Vuhledar.", "Vuhledar", STANCE_UKRAINE),
    ("Russian attacks on Marinka were repelled, the General Staff said.", "Marinka", STANCE_UKRAINE),
    ("Fierce fighting continues around Marinka.", "Marinka", STANCE_CONTESTED),
    ("Kyiv denied that Bakhmut had fallen to Russian forces.", "Bakhmut", STANCE_CONTESTED),
    ("If Kupiansk falls, Russian forces could reach the Oskil river.", "Kupiansk", STANCE_CONTESTED),
    ("Ukraine's army has not withdrawn from Chasiv Yar.", "Chasiv Yar", STANCE_UKRAINE),
    ("Soledar has been captured by Russian forces.", "Soledar", STANCE_RUSSIA),
    ("Wagner claimed control of Klishchiivka, but Kyiv said fighting continued.", "Klishchiivka", STANCE_CONTESTED),
])
def test_stance_rules_on_other_towns(sentence, place, stance):
    got, rule, matched = classify_control(sentence, place=place)
    assert got == stance, (rule, matched)
    assert matched  # every label is traceable to words


def test_a_known_spelling_variant_of_the_place_is_found():
    arts = corpus("Russian forces said they had captured Artyomovsk.", "Nothing about the town here.")
    claims = control_claims(arts, place="Bakhmut", quotes=NO_QUOTES)
    assert claims["article_id"].tolist() == ["a0"] and claims["stance"].tolist() == [STANCE_RUSSIA]


def test_capitalised_names_and_far_away_words_are_not_control_claims():
    arts = corpus("The Joint Control Centre was set up in Soledar.",
                  "Troops captured the bridge, the ministry said on Monday in a long statement that also "
                  "mentioned, among many other things and places, Soledar.")
    assert control_claims(arts, place="Soledar", quotes=NO_QUOTES).empty


def test_claims_on_the_seeds(articles, article_text):
    claims = control_claims(articles, place="Soledar", quotes=NO_QUOTES)
    assert "Soledar" not in article_text("004")
    assert not claims["article_id"].str.startswith("004").any()
    assert claims["sentence"].str.contains("Soledar").all()
    assert claims["matched"].str.len().gt(0).all()
    assert set(claims["stance"]) == {STANCE_RUSSIA, STANCE_UKRAINE, STANCE_CONTESTED}
    row = claims[claims["sentence"].str.contains("probably now in control")]
    assert row["stance"].tolist() == [STANCE_RUSSIA] and row["outlet"].tolist() == ["Eurasia Business Today"]


def test_the_claim_is_credited_to_the_speaker_of_the_attribution():
    arts = corpus("The ministry said Russian troops captured Soledar.")
    quotes = pd.DataFrame({"article_id": ["a0"], "outlet": ["Outlet 0"], "sentence_id": [0], "start": [0],
                           "end": [49], "kind": ["indirect"], "quote": ["Russian troops captured Soledar"],
                           "speaker": ["Russian Defense Ministry"], "side": ["Russia"]})
    claims = control_claims(arts, place="Soledar", quotes=quotes)
    assert claims[["claimed_by", "speaker_side"]].values.tolist() == [["Russian Defense Ministry", "Russia"]]


def test_bad_parameters_get_clear_errors(articles):
    with pytest.raises(CompareError, match="place"):
        control_claims(articles, place="", quotes=NO_QUOTES)
    with pytest.raises(CompareError, match="defender"):
        classify_control("Russian forces captured Soledar.", defender="Mars")
    with pytest.raises(CompareError, match="load_corpus"):
        control_claims(pd.DataFrame({"x": [1]}))
    with pytest.raises(CompareError, match="min_words"):
        shared_passages(articles, min_words=1)


# ---- named sources

def test_named_sources_say_how_each_wire_is_named(articles):
    src = named_sources(articles, quotes=NO_QUOTES)
    afp = src[src["article_id"].str.startswith("002") & (src["source"] == "AFP")]
    assert sorted(afp["how"]) == ["interview with", "told"]  # "in an interview with AFP", "she told AFP"
    voa = src[src["article_id"].str.startswith("001")]
    assert voa[["source", "how"]].values.tolist() == [["VOA", "reports"]]  # "..., VOA reports."


# ---- similarity and shared copy

def test_tfidf_cosine_follows_the_published_formula():
    sim = article_similarity(corpus("alpha beta", "alpha gamma"))
    w = math.log(3 / 2) + 1  # smooth idf of a word in 1 of 2 documents; "alpha" (2 of 2) has idf 1
    expected = 1 / (1 + w * w)  # (1*1) / (|(1, w)| * |(1, w)|)
    pair = sim[(sim["article_a"] == "a0") & (sim["article_b"] == "a1")]["cosine"].iloc[0]
    assert pair == pytest.approx(expected)
    assert sim[sim["article_a"] == sim["article_b"]]["cosine"].tolist() == pytest.approx([1.0, 1.0])
    assert len(sim) == 4


def test_shared_passages_and_the_share_of_each_article():
    shared = "the convoy reached the city before dawn on Monday"  # 9 words
    a = f"Officials confirmed that {shared}, then left."  # 3 + 9 + 2 = 14 words
    b = f"Reports say {shared}."  # 2 + 9 = 11 words
    arts = corpus(a, b)
    p = shared_passages(arts, min_words=8)
    assert p["n_words"].tolist() == [9]
    assert p["passage"].tolist() == [shared]
    copy = shared_copy(arts, min_words=8)
    assert copy[["share_a", "share_b"]].values.tolist()[0] == pytest.approx([9 / 14, 9 / 11])


def test_afp_and_reuters_share_the_prewar_population_phrase(articles):
    p = shared_passages(articles, min_words=5)
    pair = p[p["article_a"].str.startswith("002") & p["article_b"].str.startswith("003")]
    assert "10,000 inhabitants before the war" in pair["passage"].tolist()


# ---- translation traces

def test_translation_markers_on_the_seeds(articles):
    m = translation_markers(articles)
    afp = m[m["article_id"].str.startswith("002")].set_index("marker")
    assert afp.loc["Bakhmout for Bakhmut", "count"] == 4  # hand count in 002
    assert afp.loc["honorific before surname", "examples"] == "Mr. Zelensky"
    assert "French" in afp.loc["Bakhmout for Bakhmut", "translated_from"]
    hindi = m[m["article_id"].str.startswith("004")].set_index("marker")
    assert hindi.loc["Kiev for Kyiv", "count"] == 4  # "Kiev:", "weaponize Kiev", "In Kiev", "Kiev and its allies"
    assert "stray Is. at sentence end" in hindi.index


def test_outlet_summary_names_the_figures_where_an_outlet_differs(articles):
    facts = compare_figures(extract_figures(articles, quotes=NO_QUOTES))
    claims = control_claims(articles, quotes=NO_QUOTES)
    summary = outlet_summary(articles, facts=facts, claims=claims)
    assert len(summary) == 5 and summary["outlet"].is_unique
    amsterdam = summary.set_index("outlet").loc["Amsterdam Times"]
    assert "15 km" in amsterdam["figures_that_differ"]
    assert amsterdam["words"] == articles.loc[articles["outlet"] == "Amsterdam Times", "n_words"].sum()


def test_outlet_summary_counts_voices_by_side_and_direct_share(articles):
    voices = pd.DataFrame({  # a speaker_counts-shaped table written by hand
        "outlet": ["SOFREP", "SOFREP", "SOFREP", "Amsterdam Times"],
        "speaker": ["A", "B", "C", "D"], "speaker_type": ["person"] * 4,
        "side": ["Ukraine", "Russia", "unknown", "West"],
        "direct": [1, 0, 1, 2], "indirect": [1, 2, 0, 0], "total": [2, 2, 1, 2],
    })
    summary = outlet_summary(articles, voices=voices).set_index("outlet")
    sofrep = summary.loc["SOFREP"]
    assert (sofrep["quotations"], sofrep["direct_share"]) == (5, 0.4)  # 2 direct of 5
    assert (sofrep["voices_ukraine"], sofrep["voices_russia"], sofrep["voices_west"], sofrep["voices_other"]) == (1, 1, 0, 1)
    assert summary.loc["Good Time Invest", "quotations"] == 0
    with pytest.raises(CompareError, match="speaker_counts"):
        outlet_summary(articles, voices=voices.drop(columns="total"))


def test_what_a_named_source_is_credited_with_comes_from_the_quotes():
    arts = corpus("“We are holding,” the commander told Reuters.")
    quotes = pd.DataFrame({"article_id": ["a0"], "outlet": ["Outlet 0"], "sentence_id": [0], "start": [1],
                           "end": [15], "kind": ["direct"], "quote": ["We are holding"],
                           "speaker": ["the commander"], "side": ["Ukraine"]})
    src = named_sources(arts, quotes=quotes)
    assert src[["source", "how", "attributed"]].values.tolist() == [["Reuters", "told", "the commander: We are holding"]]


def test_common_runs_takes_the_longest_run_at_each_uncovered_position():
    from newslens.compare import _common_runs, _run_index
    a = "x a b c d y a b c".split()
    b = "a b c d".split()
    # "a b c d" at a[1:5] = b[0:4] (4 words), then "a b c" again at a[6:9] = b[0:3]
    assert _common_runs(a, b, 3) == [(1, 0, 4), (6, 0, 3)]
    assert _common_runs(a, b, 3, _run_index(a, 3), _run_index(b, 3)) == [(1, 0, 4), (6, 0, 3)]
    assert _run_index(b, 3) == {("a", "b", "c"): [0], ("b", "c", "d"): [1]}
    assert _common_runs(a, ["q"] * 5, 3) == []


def test_passage_totals_count_passages_and_words_per_pair():
    from newslens.compare import _passage_totals
    passages = pd.DataFrame({"article_a": ["a", "a", "b"], "article_b": ["b", "b", "c"], "n_words": [8, 9, 10]})
    assert _passage_totals(passages) == {("a", "b"): (2, 17), ("b", "c"): (1, 10)}


def test_control_terms_are_counted_in_the_project_tokens():
    # "10,000" is one token (as in every count): "captured" is 12 tokens before Soledar, within PLACE_WINDOW
    sentence = "Russian forces captured a b c d e f g h i j 10,000 Soledar."
    from newslens.tokens import tokenize
    assert tokenize(sentence).index("soledar") - tokenize(sentence).index("captured") == 12
    stance, _, matched = classify_control(sentence, place="Soledar")
    assert stance == STANCE_RUSSIA and "captured" in matched
    stance, _, matched = classify_control(sentence.replace("10,000", "10,000 k"), place="Soledar")  # 13 apart
    assert "captured" not in matched
