"""Shared test setup: the project root and tests/ on sys.path, and the seed corpus loaded once."""
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests")]

import helpers  # noqa: E402

SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"


@pytest.fixture(scope="session")
def articles():
    """The seed corpus as `load_corpus` returns it."""
    return helpers.load_corpus(ROOT / "corpus")


@pytest.fixture(scope="session")
def article_text(articles):
    """Look up an article's clean text by its three-digit prefix ('000' ... '004')."""
    by_prefix = {a.split("_")[0]: t for a, t in zip(articles["article_id"], articles["text"])}
    return by_prefix.__getitem__


@pytest.fixture(scope="session")
def corpus_report(tmp_path_factory):
    """make(case) -> (corpus folder, runs, report folder): `make_report` of a tests/corpora.py case,
    made once per session and shared by the tests that read reports."""
    import corpora
    from newslens.report.run import make_report
    made = {}

    def make(case: str):
        if case not in made:
            tmp = tmp_path_factory.mktemp(case)
            corpus = corpora.CASES[case](tmp)
            out = tmp / "report"
            made[case] = (corpus, make_report(corpus, out, progress=lambda _: None), out)
        return made[case]
    return make
