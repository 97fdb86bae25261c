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
