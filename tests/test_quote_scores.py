"""Quote attribution against hand-made gold, scored by the shared scoring tool.

The seed gold (`../shared/gold/`) must meet the project's targets (issue "Who is quoted"). The
held-out sets in `tests/heldout*/` are original articles in other outlets' styles, annotated by
people who did not read the extractor: their floors guard generalisation against regressions.
Each held-out gold file is first checked against its corpus (every span and evidence is in the text).
The PolNeAR dev split (real US political news, read from ../shared and never copied here) has floors too.
"""
import csv
import re
import subprocess
import sys

import pytest

import helpers
from conftest import GOLD, ROOT, SHARED

SCORER = SHARED / "tools" / "score_quotes.py"
OPENING_MARKS = "\"“«+'‘"
SUMMARY_RE = re.compile(r"^SUMMARY (.*)$", re.MULTILINE)
HELDOUT = sorted(p for p in (ROOT / "tests").glob("heldout*") if (p / "gold").is_dir())
# Targets from the issue for the seeds. The held-out floors are regression guards set below the
# first bar for unseen outlets (0.85 end-to-end), which the untuned set does not reach yet.
SEED_TARGETS = {"direct_f1": 0.98, "direct_end_to_end": 0.95, "indirect_recall": 0.85, "indirect_precision": 0.85}
HELDOUT_FLOORS = {"direct_f1": 0.95, "direct_end_to_end": 0.80, "indirect_recall": 0.75, "indirect_precision": 0.75}
# Real news with the corpus authors' attributions (PolNeAR dev split, converted automatically; see
# ../shared/devsets/README.md): floors just under the scores reached (0.991 / 0.866 / 0.787 / 0.618).
# Indirect precision there is a lower bound: pronoun and description sources are not scored.
POLNEAR_DEV = SHARED / "devsets" / "polnear-dev"
POLNEAR_DEV_FLOORS = {"direct_f1": 0.98, "direct_end_to_end": 0.86, "indirect_recall": 0.78, "indirect_precision": 0.61}


def score(corpus, gold) -> dict[str, float]:
    """Run the shared scorer and parse its SUMMARY line into numbers."""
    out = subprocess.run([sys.executable, str(SCORER), "--corpus", str(corpus), "--gold", str(gold)],
                         cwd=ROOT, capture_output=True, text=True, timeout=300, check=True).stdout
    fields = SUMMARY_RE.search(out).group(1).split()
    return {k: float(v) for k, v in (f.split("=") for f in fields)}


def rows(path):
    with open(path, encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score_quotes.py is not beside the project")
def test_seed_gold_meets_the_targets():
    got = score(ROOT / "corpus", GOLD)
    assert all(got[k] >= v for k, v in SEED_TARGETS.items()), got


@pytest.mark.parametrize("folder", HELDOUT, ids=[p.name for p in HELDOUT])
def test_heldout_gold_matches_its_texts(folder):
    arts = helpers.load_corpus(folder / "corpus")
    texts = {a.split("_")[0]: t for a, t in zip(arts["article_id"], arts["text"])}
    speakers = {r["speaker"] for r in rows(folder / "gold" / "speakers.csv")}
    for r in rows(folder / "gold" / "direct_quotes.csv"):
        text = texts[r["article"]]
        after_mark = [m.start() for m in re.finditer(re.escape(r["span_start"]), text)
                      if m.start() > 0 and text[m.start() - 1] in OPENING_MARKS]
        assert len(after_mark) == 1, (r["article"], r["span_start"])
        assert r["speaker"] in speakers, r["speaker"]
    for r in rows(folder / "gold" / "indirect_quotes.csv"):
        assert texts[r["article"]].count(r["evidence"]) == 1, (r["article"], r["evidence"])


@pytest.mark.skipif(not SCORER.exists(), reason="../shared/tools/score_quotes.py is not beside the project")
@pytest.mark.parametrize("folder", HELDOUT, ids=[p.name for p in HELDOUT])
def test_heldout_scores_stay_above_the_floor(folder):
    got = score(folder / "corpus", folder / "gold")
    assert all(got[k] >= v for k, v in HELDOUT_FLOORS.items()), got


@pytest.mark.skipif(not (SCORER.exists() and POLNEAR_DEV.is_dir()), reason="../shared/devsets/polnear-dev is not beside the project")
def test_polnear_dev_scores_stay_above_the_floor():
    got = score(POLNEAR_DEV / "articles", POLNEAR_DEV / "gold")
    assert all(got[k] >= v for k, v in POLNEAR_DEV_FLOORS.items()), got
