"""What the findings tests share: a notebook's parameter values, a corpus loaded quietly, seed fixtures.

The tests of a notebook's findings use the notebook's own parameter values (thresholds, event words),
so a change to the parameters cell and the committed outputs it gives are tested together. A test
module imports the fixtures it uses (`quotes`, `order`: the seed corpus's quotations and outlet
order). Used by tests/test_findings_03_speakers.py and tests/test_findings_04_across_outlets.py.
"""
from __future__ import annotations

import ast
import warnings
from pathlib import Path

import nbformat
import pandas as pd
import pytest

import helpers


def parameter(notebook: Path, name: str):
    """The value `name` gets in the notebook's cell tagged `parameters` (a Python literal)."""
    cell = next(c for c in nbformat.read(notebook, as_version=4).cells if "parameters" in c.metadata.get("tags", []))
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name) and node.targets[0].id == name:
            return ast.literal_eval(node.value)
    raise KeyError(f"{notebook.name}: no {name} in the parameters cell")


def load_quietly(folder: Path) -> pd.DataFrame:
    """`load_corpus(folder)` without the warning about files that have no metadata row."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", helpers.CorpusWarning)
        return helpers.load_corpus(folder)


@pytest.fixture(scope="module")
def quotes(articles: pd.DataFrame) -> pd.DataFrame:
    """The seed corpus's quotation table."""
    return helpers.extract_quotes(articles)


@pytest.fixture(scope="module")
def order(articles: pd.DataFrame) -> list[str]:
    """The seed outlets in the house order."""
    return helpers.outlet_order(articles)
