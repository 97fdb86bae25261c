"""Tests for newslens.parallel (how many workers a stage gets, the ordered map over chunks) and for
the per-article stages on several cores: forcing workers=2 on a small generated corpus must give
exactly the tables of one process (so the test is cheap; the real thresholds are far above it)."""
import os
import subprocess
import sys
import warnings

import numpy as np
import pandas as pd
import pytest

import helpers
from benchmarks.generate import write_corpus
from newslens import parallel, sentences as sent, terms, tokens as tok
from newslens.parallel import ParallelError, chunk_bounds, map_chunks, worker_count

N_ARTICLES = 40  # cut into 8 pieces for 2 workers


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory):
    """A small generated corpus folder (real seed paragraphs, re-cut)."""
    return write_corpus(N_ARTICLES, tmp_path_factory.mktemp("gen") / "small")


@pytest.fixture(scope="module")
def one_process(corpus_dir):
    """The corpus loaded in this process (its own text column: nothing shared with `two_workers`)."""
    return helpers.load_corpus(corpus_dir, workers=1)


@pytest.fixture(scope="module")
def two_workers(corpus_dir):
    """The same corpus loaded by two worker processes (another text column, so no cached pass is reused)."""
    return helpers.load_corpus(corpus_dir, workers=2)


def test_load_on_two_workers_equals_one_process(one_process, two_workers):
    pd.testing.assert_frame_equal(two_workers, one_process)
    assert two_workers.attrs == one_process.attrs
    assert two_workers["text"].array is not one_process["text"].array


@pytest.mark.parametrize("stage", [
    lambda a, w: helpers.sentences(a, workers=w),
    lambda a, w: helpers.tokens(a, workers=w),
    lambda a, w: helpers.frequencies(a, workers=w),
    lambda a, w: helpers.frequencies(a, by=None, drop_stopwords=True, lemmas=True, workers=w),
    lambda a, w: helpers.ngrams(a, n=3, workers=w),
    lambda a, w: helpers.keyness(a, workers=w),
], ids=["sentences", "tokens", "frequencies", "lemmas", "trigrams", "keyness"])
def test_stage_on_two_workers_equals_one_process(stage, one_process, two_workers):
    expected = stage(one_process, 1)
    assert len(expected) > N_ARTICLES
    pd.testing.assert_frame_equal(stage(two_workers, 2), expected)


def test_figures_on_two_workers_equal_one_process(one_process, two_workers):
    quotes = helpers.extract_quotes(one_process)
    expected = helpers.extract_figures(one_process, quotes, workers=1)
    assert len(expected) > N_ARTICLES and expected["speaker"].ne("").any()  # the quote index is used
    pd.testing.assert_frame_equal(helpers.extract_figures(two_workers, quotes, workers=2), expected)


def test_quotes_on_two_workers_equal_one_process(one_process, two_workers):
    expected = helpers.extract_quotes(one_process, workers=1)
    # the pieces' speakers are merged over the whole corpus: surnames met in one piece and full
    # names in another still give one speaker
    assert len(expected) > N_ARTICLES and expected["speaker"].nunique() > 5
    got = helpers.extract_quotes(two_workers, workers=2)
    pd.testing.assert_frame_equal(got, expected)
    pieces = parallel.article_chunks(one_process, 2)
    assert len(pieces) > 2 and expected["article_id"].isin(pieces[0]["article_id"]).sum() < len(expected)


def test_token_and_sentence_passes_on_two_workers_equal_one_process(one_process):
    texts = one_process["text"]
    one = tok.corpus_token_codes(texts.tolist(), workers=1)
    two = tok.corpus_token_codes(texts.tolist(), workers=2)
    assert one["forms"] == two["forms"] and one["surfaces"] == two["surfaces"]
    for key in ("index", "start", "end", "form_codes", "surface_codes"):
        np.testing.assert_array_equal(two[key], one[key])
        assert two[key].dtype == one[key].dtype
    sent.clear_corpus_offsets()
    offsets, counts = sent.corpus_sentence_offsets(texts, workers=1)
    sent.clear_corpus_offsets()
    offsets2, counts2 = sent.corpus_sentence_offsets(texts, workers=2)
    np.testing.assert_array_equal(offsets2, offsets)
    np.testing.assert_array_equal(counts2, counts)


def test_long_sentence_warning_is_raised_once_from_the_workers():
    # 16 articles, each with a sentence longer than MAX_SENTENCE_CHARS holding a figure
    long = "The convoy had " + " ".join(["twelve"] + ["trucks"] * 600) + " on the road."
    arts = pd.DataFrame({"article_id": [f"a{i:02d}" for i in range(16)], "outlet": "X",
                         "text": [long] * 16})
    with pytest.warns(helpers.LongSentenceWarning, match="16 row"):
        figures = helpers.extract_figures(arts, pd.DataFrame(), workers=2)
    assert len(figures) == 16


def test_worker_count_follows_the_threshold(monkeypatch):
    monkeypatch.delenv(parallel.WORKERS_ENV, raising=False)
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    limit = parallel.THRESHOLD_WORDS["figures"]
    assert worker_count("figures", limit - 1) == 1
    assert worker_count("figures", limit) == 4
    assert worker_count("figures", 10 ** 9, workers=1) == 1
    assert worker_count("figures", 0, workers=3) == 3
    monkeypatch.setattr(parallel, "available_cores", lambda: 1)
    assert worker_count("figures", 10 ** 9) == 1  # one core: never a pool
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    monkeypatch.setitem(parallel.THRESHOLD_WORDS, "sentences", None)  # a stage that never gains
    assert worker_count("sentences", 10 ** 12) == 1 and worker_count("sentences", 10, workers=2) == 2


def test_environment_variable_replaces_the_automatic_count(monkeypatch):
    monkeypatch.setattr(parallel, "available_cores", lambda: 4)
    monkeypatch.setenv(parallel.WORKERS_ENV, "1")
    assert worker_count("figures", 10 ** 9) == 1
    assert worker_count("figures", 10 ** 9, workers=2) == 2  # an explicit argument wins
    monkeypatch.setenv(parallel.WORKERS_ENV, "many")
    with pytest.raises(ParallelError, match="NEWSLENS_WORKERS"):
        worker_count("figures", 10)


@pytest.mark.parametrize("bad", [0, -2, 1.5, True, "2"])
def test_bad_worker_counts_get_a_clear_error(bad):
    with pytest.raises(ParallelError, match="whole number"):
        worker_count("tokens", 10, workers=bad)
    with pytest.raises(ParallelError, match="whole number"):
        helpers.tokens(pd.DataFrame({"article_id": ["a"], "text": ["x"]}), workers=bad)


def test_unknown_stage_is_named():
    with pytest.raises(ParallelError, match="no threshold for stage 'tokenz'"):
        worker_count("tokenz", 10)


def test_a_worker_never_starts_workers_of_its_own():
    # asked in a worker process for a huge corpus, the automatic count is 1
    assert map_chunks(worker_count, [("figures", 10 ** 12)] * 2, 2) == [1, 1]


def test_chunk_bounds_hand_cases():
    assert chunk_bounds([1, 1, 1, 1], 2) == [0, 2, 4]
    assert chunk_bounds([1, 1, 1, 1, 1, 1], 3) == [0, 2, 4, 6]
    # weights + 1: 11, 2 x 10 = 31 in all; the first piece ends where the total reaches 31 // 2 = 15
    assert chunk_bounds([10, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1], 2) == [0, 3, 11]
    assert chunk_bounds([1, 2], 5) == [0, 1, 2]  # never an empty piece
    assert chunk_bounds([], 4) == [0]
    # 12 articles of 5 words (6 each with the 1 added) in 2 x 4 pieces: totals 9, 18, ... 63 of 72
    pieces = parallel.article_chunks(pd.DataFrame({"n_words": [5] * 12, "text": ["x"] * 12}), 2)
    assert [len(p) for p in pieces] == [2, 1, 2, 1, 2, 1, 2, 1]
    assert pd.concat(pieces).index.tolist() == list(range(12))


def test_map_keeps_chunk_order_reuses_its_workers_and_reraises():
    chunks = [(str(k),) for k in range(20)]
    assert map_chunks(int, chunks, 2) == list(range(20))
    first = parallel.worker_pids()
    assert len(first) == 2 and os.getpid() not in first
    assert map_chunks(int, chunks[:3], 2) == [0, 1, 2]
    assert parallel.worker_pids() == first  # the session's workers, started once
    with pytest.raises(ValueError, match="invalid literal"):
        map_chunks(int, [("1",), ("one",)], 2)
    assert map_chunks(int, [("7",)], 2) == [7]  # one chunk: here


def test_warnings_of_workers_are_raised_here_once():
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        map_chunks(warnings.warn, [("check the input",)] * 3 + [("another",)], 2)
    assert sorted(str(w.message) for w in caught) == ["another", "check the input"]


def test_a_script_without_a_main_guard_runs_once(tmp_path, corpus_dir):
    # spawned workers do not run the main script again (it would load and print again in each)
    script = tmp_path / "analysis.py"
    script.write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(helpers.__file__.rsplit('/', 1)[0])!r})\n"
        "import helpers\n"
        f"articles = helpers.load_corpus({str(corpus_dir)!r}, workers=2)\n"
        "print('tokens', len(helpers.tokens(articles, workers=2)))\n", encoding="utf-8")
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.count("tokens") == 1


def test_shutdown_stops_the_workers():
    map_chunks(int, [("1",), ("2",)], 2)
    pids = parallel.worker_pids()
    parallel.shutdown_workers()
    assert parallel.worker_pids() == []
    for pid in pids:  # ended and reaped
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)


def test_term_tables_of_a_worker_corpus_share_its_passes(one_process):
    terms._DOCS.clear()
    tok.clear_shared_tokens()
    helpers.frequencies(one_process, workers=1)
    assert tok.shared_token_codes(one_process["text"]) is tok.shared_token_codes(one_process["text"], workers=2)
