"""Reported speech (indirect quotations): one invented news sentence per rule, speakers written by hand.

The sentences are new, in wire-copy and newspaper style, with made-up names; none is taken from a
development set.
"""
import pandas as pd

import helpers


def quotes_of(*texts: str) -> pd.DataFrame:
    """extract_quotes on made-up articles (one per text), without any aliases file."""
    arts = pd.DataFrame({"article_id": [f"t{i}" for i in range(len(texts))], "outlet": "Test", "text": list(texts)})
    return helpers.extract_quotes(arts, aliases=None)


def indirect(text: str) -> list[tuple[str, str]]:
    """(speaker, cue) of every indirect row of one text, in text order."""
    q = quotes_of(text)
    q = q[q["kind"] == "indirect"]
    return list(zip(q["speaker"], q["cue"]))


def reported(text: str) -> list[str]:
    """The reported content (quote column) of every indirect row of one text."""
    q = quotes_of(text)
    return q.loc[q["kind"] == "indirect", "quote"].tolist()


# ---- what follows the cue ----------------------------------------------------------------------

def test_a_time_or_place_adverbial_may_stand_between_the_cue_and_its_clause():
    assert indirect("Mayor Lena Dorsey said on Friday she met the governor twice this week.") == [("Lena Dorsey", "said")]
    assert reported("Lena Dorsey said Wednesday she agrees with the ruling.") == ["she agrees with the ruling."]
    assert reported("The utility said in a statement the outage would last two days.") == ["the outage would last two days."]


def test_an_adverbial_alone_reports_nothing():
    assert indirect("Lena Dorsey said on Friday.") == []
    assert indirect("Lena Dorsey said on Friday and Saturday.") == []


def test_adverbial_clause_finds_where_the_clause_begins():
    from newslens.attribution import adverbial_clause
    text = " on Friday he met the governor"
    assert text[adverbial_clause(text):] == "he met the governor"
    text = " in a statement the company would appeal"
    assert text[adverbial_clause(text):] == "the company would appeal"
    assert adverbial_clause(" the deal was signed") is None  # no adverbial: has_clause reads this one
    assert adverbial_clause(" on the Senate floor") is None  # no clause after the adverbial


def test_an_opening_as_frame_reports_the_clause_after_its_comma():
    text = "As the Harbor Times reported, the council spent $2 million on the new bridge."
    assert indirect(text) == [("Harbor Times", "reported")]
    assert reported(text) == ["the council spent $2 million on the new bridge."]
    assert indirect("But as Marta Quill noted, voters in the county have not forgotten the floods.") == [
        ("Marta Quill", "noted")]


def test_as_reported_by_an_outlet_reports_the_clause_after_the_comma():
    assert indirect("As reported by the Valley Herald, the plant will close in March.") == [("Valley Herald", "reported")]


def test_an_as_clause_of_time_is_no_frame():
    assert indirect("As Marta Quill spoke, protesters gathered outside.") == []


# ---- who speaks ---------------------------------------------------------------------------------

def test_a_capitalised_name_ending_in_a_masthead_word_is_an_outlet_that_speaks_as_subject():
    assert indirect("The Harbor Times reports the mayor will seek a third term.") == [("Harbor Times", "reports")]
    assert indirect("The county lost 300 jobs last year, according to the Valley Herald.") == [
        ("Valley Herald", "according to")]


def test_an_outlet_named_by_its_masthead_is_a_channel_not_the_speaker_after_told():
    assert indirect("Lena Dorsey told the Harbor Times she would not run again.") == [("Lena Dorsey", "told")]


def test_is_news_channel_reads_the_list_and_the_masthead_words():
    from newslens.names import is_news_channel
    assert is_news_channel("Reuters") and is_news_channel("Harbor Times") and is_news_channel("Valley Herald")
    assert not is_news_channel("Times") and not is_news_channel("Lena Dorsey") and not is_news_channel("post office")


def test_according_to_the_acronym_gives_the_organisation():
    assert indirect("Thefts rose 12 percent last year, according to the FBI.") == [("FBI", "according to")]


def test_a_named_subject_and_others_speak_the_named_ones():
    assert indirect("Ana Ruiz and others said they could not back the plan.") == [("Ana Ruiz", "said")]
    got = indirect("Tom Kell, Rita Moss and other donors in both parties said the rules were unfair.")
    assert got == [("Tom Kell", "said"), ("Rita Moss", "said")]


def test_a_state_in_brackets_after_a_name_is_no_subject():
    assert indirect("Sen. Ada Bright (Vt.) has said the tax should be repealed.") == [("Ada Bright", "said")]


# ---- requests, questions and commitments --------------------------------------------------------

def test_a_request_to_someone_is_reported_speech():
    assert indirect("The governor asked the federal government to send more troops.") == [("the governor", "asked")]
    assert indirect("Lena Dorsey asked Tom Kell to step down before the vote.") == [("Lena Dorsey", "asked")]


def test_a_question_put_to_someone_is_reported_speech():
    text = "Talk-show host Ben Marsh asked the senator whether she would run again."
    assert indirect(text) == [("Ben Marsh", "asked")]
    assert reported(text) == ["the senator whether she would run again."]


def test_a_passive_or_anonymous_ask_reports_nothing():
    assert indirect("When asked whether she would run again, the senator smiled.") == []
    assert indirect("Asked if he was worried, the mayor shook his head.") == []
    text = "A senior official, who asked not to be named, said the talks had stalled."
    assert indirect(text) == [("a senior official", "said")]


def test_a_commitment_to_act_is_reported_speech():
    assert indirect("Lena Dorsey vowed to veto the budget.") == [("Lena Dorsey", "vowed")]
    assert indirect("Tom Kell promised not to raise the sales tax.") == [("Tom Kell", "promised")]
    assert indirect("Tom Kell pledged his support.") == []  # an object, not a commitment to act


def test_the_one_asked_a_question_answers_it():
    q = quotes_of("Ana Ruiz, 64, waited at the station for a bus. A reporter asked her whether she would return.\n\n"
                  "\"Only when the shelling stops,\" she said.")
    assert q.loc[q["kind"] == "direct", "speaker"].tolist() == ["Ana Ruiz"]


def test_a_present_verb_in_s_or_an_irregular_past_makes_the_clause():
    assert indirect("Campaign manager Rita Moss said Dorsey enjoys the support of most farmers.") == [("Rita Moss", "said")]
    assert indirect("Tom Kell said the local economy grew last year.") == [("Tom Kell", "said")]
    assert indirect("Tom Kell said Dorsey plans to run again.") == [("Tom Kell", "said")]
    assert indirect("Tom Kell tweeted his thanks to the voters.") == []  # a plural noun before "to" is no verb


def test_has_clause_reads_present_forms_only_before_an_object():
    from newslens.attribution import has_clause
    assert has_clause(" Ana Ruiz wants the job") and has_clause(" each plan yields a profit")
    assert not has_clause(" Ruiz supporters in the county") and not has_clause(" farm subsidies and politics")


def test_the_irregular_past_list_holds_no_noun_forms():
    from newslens.attribution import irregular_past
    forms = irregular_past()
    assert {"grew", "took", "thought"} <= forms
    assert not forms & {"cut", "put", "set", "left", "found", "saw", "led"}  # also nouns or present forms


def test_a_description_never_ends_in_a_preposition():
    # "reports" here is a noun after "on": the clause before it is not a speaker
    said = quotes_of("A port authority spokeswoman declined to comment on reports that two ships had sunk.")
    assert not said["speaker"].str.split().str[-1].isin(["on", "to", "of"]).any()
    assert indirect("A senior official in Tallinn said the bridge had reopened.") == [("a senior official in Tallinn", "said")]


def test_a_cue_followed_by_punctuation_and_a_digit_reports_nothing_and_does_not_fail():
    # found by the property test: "said,0" left no word before the comma to read as a subject
    assert indirect(" Ana Ruiz said,0") == []
    assert indirect(" AA SAID,0") == []
