"""Every notebook runs on corpora other than the seeds, and says nothing about the seeds there.

Each case is a corpus folder (tests/corpora.py): two held-out sets of articles in other outlets'
styles, 300 generated articles from 40 outlets, one quiet article without metadata (no date, no
quotation, no figure, no place), three articles of one outlet, and 3,000 short articles without
metadata (each file its own outlet). `make_report` runs every notebook on each with papermill, as
`make report` does; no notebook may stop with an error, and no output may name a seed outlet or a
speaker quoted only in the seed corpus.
"""
from __future__ import annotations

import re
import warnings

import nbformat
import pytest

import corpora
import helpers
from conftest import ROOT
from newslens.report.run import notebook_paths

CASES = list(corpora.CASES)
NOTEBOOKS = [p.stem for p in notebook_paths()]


@pytest.fixture(scope="module")
def seed_names():
    """Seed outlets and seed speakers (display names), to look for in other corpora's outputs."""
    seeds = helpers.load_corpus(ROOT / "corpus")
    speakers = set(helpers.extract_quotes(seeds)["speaker"]) - {""}
    return set(seeds["outlet"]), speakers


@pytest.fixture(scope="module")
def report(corpus_report):
    return corpus_report


def output_text(nb: nbformat.NotebookNode) -> str:
    """Everything a reader sees in the notebook's outputs (not its code)."""
    parts = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                parts.append(out.text)
            elif out.output_type == "error":
                parts.append(f"{out.ename}: {out.evalue}")
            else:
                parts.extend(str(v) for k, v in out.get("data", {}).items() if k.startswith("text/"))
    return "\n".join(parts)


def own_names(folder) -> tuple[str, set[str]]:
    """The corpus's text and the speakers extraction finds in it (its own, whatever the seeds hold)."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        articles = helpers.load_corpus(folder)
    return "\n".join(articles["text"]), set(helpers.extract_quotes(articles)["speaker"])


@pytest.mark.parametrize("case", CASES)
def test_every_notebook_runs_without_error(case, report):
    _, runs, out = report(case)
    assert [r.notebook for r in runs] == NOTEBOOKS
    assert not [(r.notebook, r.error) for r in runs if not r.ok]
    for name in NOTEBOOKS:
        assert (out / f"{name}.html").stat().st_size > 0


@pytest.mark.parametrize("case", CASES)
def test_no_output_names_a_seed_outlet_or_seed_only_speaker(case, report, seed_names):
    corpus, _, out = report(case)
    text, own_speakers = own_names(corpus)
    outlets, speakers = seed_names
    seed_only = ({s for s in speakers - own_speakers if s.split()[-1] not in text}
                 | {o for o in outlets if o not in text})
    for name in NOTEBOOKS:
        shown = output_text(nbformat.read(out / f"{name}.ipynb", as_version=4))
        found = sorted(n for n in seed_only if re.search(rf"\b{re.escape(n)}\b", shown))
        assert not found, f"{case}, {name}: outputs name {found}"


@pytest.mark.parametrize("case", CASES)
def test_every_notebook_states_findings(case, report):
    _, _, out = report(case)
    for name in NOTEBOOKS:
        nb = nbformat.read(out / f"{name}.ipynb", as_version=4)
        rendered = [o for c in nb.cells for o in c.get("outputs", []) if "text/markdown" in o.get("data", {})]
        assert rendered, f"{case}, {name}: no finding rendered from the tables"
