"""Every notebook runs top to bottom in a fresh kernel and reproduces its committed outputs."""
import nbformat
import pytest

from run_notebooks import NAME_RE, execute, first_difference, notebook_paths

NOTEBOOKS = notebook_paths()


def test_there_are_notebooks_named_by_the_house_pattern():
    assert len(NOTEBOOKS) >= 1
    bad = [p.name for p in NOTEBOOKS if not NAME_RE.match(p.name)]
    assert not bad, f"notebook names must look like NN-short-name.ipynb: {bad}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_and_reproduces_committed_outputs(path):
    committed = nbformat.read(path, as_version=4)
    fresh = execute(path)  # raises CellExecutionError, naming the cell, on any error
    assert not [o for c in fresh.cells for o in c.get("outputs", []) if o.output_type == "error"]
    diff = first_difference(committed, fresh)
    assert diff is None, f"{path.name}: committed outputs are stale (run `make notebooks`). {diff}"
