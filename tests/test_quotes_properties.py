"""Property-based tests: quote extraction never raises and its offsets always hold the quote."""
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers
from newslens.quotes import pair_quote_marks

MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "\n", "\n\n", " ", ",", ".", " said ", " he said", "Mr. ",
         " according to ", "Kaja Kallas", " told AFP", " the ministry said", "For Anna Petrenko, "]
NEWSY = st.lists(st.one_of(st.sampled_from(MARKS), st.text(max_size=8)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), NEWSY)


def run(text: str) -> pd.DataFrame:
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["T"], "text": [text]})
    return helpers.extract_quotes(arts, aliases=None)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
def test_never_raises_and_offsets_contain_the_quote(text):
    q = run(text)
    for r in q.itertuples():
        assert 0 <= r.start <= r.end <= len(text)
        assert r.quote in text[r.start:r.end]


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_pairs_are_ordered_and_disjoint(text):
    spans, problems = pair_quote_marks(text)
    last = -1
    for s, e in spans:
        assert last <= s < e <= len(text)
        last = e
    assert all(0 <= p[0] < len(text) for p in problems)
