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
from newslens.report.run import make_report, notebook_paths

CASES = {
    "heldout": lambda tmp: corpora.HELDOUT,
    "heldout3": lambda tmp: corpora.HELDOUT3,
    "forty-outlets": lambda tmp: corpora.forty_outlets(tmp / "forty"),
    "quiet-article": lambda tmp: corpora.quiet_article(tmp / "quiet"),
    "one-outlet": lambda tmp: corpora.one_outlet(tmp / "one-outlet"),
    "many-without-metadata": lambda tmp: corpora.many_without_metadata(tmp / "many"),
}
NOTEBOOKS = [p.stem for p in notebook_paths()]


@pytest.fixture(scope="module")
def seed_names():
    """Seed outlets and seed speakers (display names), to look for in other corpora's outputs."""
    seeds = helpers.load_corpus(ROOT / "corpus")
    speakers = set(helpers.extract_quotes(seeds)["speaker"]) - {""}
    return set(seeds["outlet"]), speakers


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    """Make (once per case) the report of a case's corpus; return (corpus folder, runs, out folder)."""
    made = {}

    def make(case: str):
        if case not in made:
            tmp = tmp_path_factory.mktemp(case)
            corpus = CASES[case](tmp)
            out = tmp / "report"
            made[case] = (corpus, make_report(corpus, out, progress=lambda _: None), out)
        return made[case]
    return make


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


def corpus_text(folder) -> str:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return "\n".join(helpers.load_corpus(folder)["text"])


def corpus_speakers(folder) -> set[str]:
    """The speakers quote extraction finds in a corpus (display names, e.g. 'Russian government' for 'Moscow')."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return set(helpers.extract_quotes(helpers.load_corpus(folder))["speaker"]) - {""}


@pytest.mark.parametrize("case", list(CASES))
def test_every_notebook_runs_without_error(case, report):
    _, runs, out = report(case)
    assert [r.notebook for r in runs] == NOTEBOOKS
    assert not [(r.notebook, r.error) for r in runs if not r.ok]
    for name in NOTEBOOKS:
        assert (out / f"{name}.html").stat().st_size > 0


@pytest.mark.parametrize("case", list(CASES))
def test_no_output_names_a_seed_outlet_or_seed_only_speaker(case, report, seed_names):
    corpus, _, out = report(case)
    text = corpus_text(corpus)
    outlets, speakers = seed_names
    own = corpus_speakers(corpus)  # a display name the engine also gives a speaker of this corpus is not the seeds'
    seed_only = {s for s in speakers if s.split()[-1] not in text and s not in own} | {o for o in outlets if o not in text}
    for name in NOTEBOOKS:
        shown = output_text(nbformat.read(out / f"{name}.ipynb", as_version=4))
        found = sorted(n for n in seed_only if re.search(rf"\b{re.escape(n)}\b", shown))
        assert not found, f"{case}, {name}: outputs name {found}"


@pytest.mark.parametrize("case", list(CASES))
def test_every_notebook_states_findings(case, report):
    _, _, out = report(case)
    for name in NOTEBOOKS:
        nb = nbformat.read(out / f"{name}.ipynb", as_version=4)
        rendered = [o for c in nb.cells for o in c.get("outputs", []) if "text/markdown" in o.get("data", {})]
        assert rendered, f"{case}, {name}: no finding rendered from the tables"
