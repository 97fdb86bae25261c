"""Reports: saved tables, and clear refusals before any notebook runs (running every notebook on other
corpora is tests/test_notebooks_any_corpus.py)."""
import os
import subprocess
import sys

import pandas as pd
import pytest

import helpers
from conftest import ROOT
from newslens.report.run import ReportError, check_folders, strip_run_metadata


def test_save_tables_writes_one_csv_per_table_and_nothing_without_a_folder(tmp_path):
    table = pd.DataFrame({"outlet": ["A", "B"], "n": [1, 2]})
    wide = table.set_index("outlet")
    assert helpers.save_tables(None, "01", counts=table) == []
    assert helpers.save_tables(tmp_path / "t", "01", counts=table, wide=wide) == ["01-counts.csv", "01-wide.csv"]
    assert (tmp_path / "t" / "01-counts.csv").read_text() == "outlet,n\nA,1\nB,2\n"
    assert (tmp_path / "t" / "01-wide.csv").read_text() == "outlet,n\nA,1\nB,2\n"  # the named index is kept


def test_save_tables_refuses_names_that_are_not_plain_words(tmp_path):
    with pytest.raises(ValueError, match="lower-case"):
        helpers.save_tables(tmp_path, "01", **{"../up": pd.DataFrame()})


def test_a_folder_that_is_not_a_corpus_is_refused_naming_it(tmp_path):
    with pytest.raises(ReportError, match="not a folder"):
        check_folders(tmp_path / "missing", tmp_path / "out")
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReportError, match="empty.*not a corpus"):
        check_folders(tmp_path / "empty", tmp_path / "out")


def test_the_report_may_not_be_written_into_the_corpus_or_the_notebooks(tmp_path):
    with pytest.raises(ReportError, match="corpus folder"):
        check_folders(ROOT / "corpus", ROOT / "corpus" / "report")
    with pytest.raises(ReportError, match="notebooks folder"):
        check_folders(ROOT / "corpus", ROOT / "notebooks")


def test_run_metadata_with_times_and_paths_is_removed():
    import nbformat
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("1"), nbformat.v4.new_code_cell("X = 2")])
    nb.metadata["papermill"] = {"start_time": "2026-01-01", "input_path": "/x"}
    nb.cells[0].metadata.update({"papermill": {"duration": 1.0}, "execution": {"iopub.status.busy": "t"}})
    nb.cells[1].metadata["tags"] = ["injected-parameters"]
    clean = strip_run_metadata(nb)
    assert "papermill" not in clean.metadata and clean.cells[0].metadata == {}
    assert clean.cells[1]["id"] == "injected-parameters"


def test_the_command_line_names_the_folder_and_the_problem_in_one_line(tmp_path):
    done = subprocess.run([sys.executable, "-m", "newslens", "report", str(tmp_path / "nowhere"), "--out",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "nowhere: not a folder" in done.stderr


def test_a_notebook_run_twice_gives_the_same_files(tmp_path):
    from newslens.report.run import NOTEBOOK_DIR, run_notebook
    path = NOTEBOOK_DIR / "01-corpus-overview.ipynb"
    params = {"CORPUS": "tests/heldout/corpus"}
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        assert run_notebook(path, tmp_path / name, params).ok
    for suffix in (".ipynb", ".html"):
        first, second = ((tmp_path / n / path.name).with_suffix(suffix).read_bytes() for n in ("a", "b"))
        assert first == second, suffix


def test_save_tables_reads_a_relative_folder_from_the_project_root(tmp_path, monkeypatch):
    # make report hands the notebooks (which run in notebooks/) a folder relative to the root
    monkeypatch.chdir(ROOT / "notebooks")
    relative = os.path.relpath(tmp_path / "tables", ROOT)
    assert helpers.save_tables(relative, "03", counts=pd.DataFrame({"n": [1]})) == ["03-counts.csv"]
    assert (tmp_path / "tables" / "03-counts.csv").read_text(encoding="utf-8") == "n\n1\n"


def test_a_report_keeps_its_tables_in_its_own_folder(corpus_report):
    _, runs, out = corpus_report("heldout")
    saved = sorted(p.name for p in (out / "tables").glob("*.csv"))
    assert {name.split("-")[0] for name in saved} == {"01", "02", "03", "04", "05"}, saved
    index = (out / "index.html").read_text(encoding="utf-8")
    assert all(f'href="tables/{name}"' in index for name in saved)
