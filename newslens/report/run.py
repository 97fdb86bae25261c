"""Run every notebook on one corpus folder and save a shareable report: notebooks, HTML, CSV tables.

`make_report(corpus, out)` checks that the folder loads as a corpus, then for each
`notebooks/NN-name.ipynb`, in order: papermill executes it in a fresh kernel with the parameters
`CORPUS` (the folder) and `TABLES` (where the notebook saves its main tables), and nbconvert turns
the executed notebook into `NN-name.html`. `OUT` gets `NN-name.ipynb`, `NN-name.html`, `tables/`
and an `index.html` linking them. The committed notebooks and the corpus folder are only read.
Paths handed to the notebooks are relative to the project root, and papermill's run times are
removed, so the same corpus gives the same files on every run and machine.
Used by `make report` and `python -m newslens report`.
"""
from __future__ import annotations

import html
import os
import time
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import nbformat

from newslens.corpus import PROJECT_ROOT, CorpusError, CorpusWarning, load_corpus

NOTEBOOK_DIR = PROJECT_ROOT / "notebooks"
TABLES_DIR = "tables"
KERNEL = "python3"
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=ERROR"]  # no start-up warnings between the progress lines
CELL_TIMEOUT_S = 1800  # one cell; a big corpus's quotation pass can take minutes


class ReportError(ValueError):
    """A report that cannot be made as asked (not a corpus, an output folder that would overwrite input)."""


@dataclass
class NotebookRun:
    """What happened to one notebook of a report."""
    notebook: str
    ok: bool
    seconds: float
    error: str = ""


def _relative_to_root(path: Path) -> str:
    """The path as the notebooks' parameters take it: relative to the project root when possible."""
    try:
        return os.path.relpath(path.resolve(), PROJECT_ROOT)
    except ValueError:  # another drive (Windows): only an absolute path can reach it
        return str(path.resolve())


def check_folders(corpus: Path, out: Path, notebook_dir: Path = NOTEBOOK_DIR) -> None:
    """Refuse a corpus that does not load and an output folder that is, or is inside, an input."""
    if not corpus.is_dir():
        raise ReportError(f"{corpus}: not a folder. Give the folder that holds the .txt articles and metadata.csv.")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", CorpusWarning)
            load_corpus(corpus)
    except CorpusError as err:
        raise ReportError(f"{corpus}: not a corpus the notebooks can read: {err}") from None
    resolved = out.resolve()
    for name, folder in (("corpus folder", corpus), ("notebooks folder", notebook_dir)):
        inside = folder.resolve()
        if resolved == inside or inside in resolved.parents:
            raise ReportError(f"{out}: the report would be written into the {name}; choose another OUT folder.")


def notebook_paths(notebook_dir: Path = NOTEBOOK_DIR) -> list[Path]:
    """The notebooks of the report, in their numbered order."""
    return sorted(notebook_dir.glob("[0-9][0-9]-*.ipynb"))


def strip_run_metadata(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Remove what papermill and nbclient record about the run (times, machine paths), and give the
    cell papermill inserts a fixed id instead of a random one."""
    nb.metadata.pop("papermill", None)
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
        cell.metadata.pop("papermill", None)
        if "injected-parameters" in cell.metadata.get("tags", []):
            cell["id"] = "injected-parameters"
    return nb


def to_html(nb: nbformat.NotebookNode) -> str:
    """The executed notebook as one self-contained HTML page (images embedded)."""
    from nbconvert import HTMLExporter  # imported on use: nbconvert is slow to import
    body, _ = HTMLExporter(template_name="lab").from_notebook_node(nb)
    return body


def _title(nb: nbformat.NotebookNode, fallback: str) -> str:
    """The notebook's question: the first Markdown heading, else the file name."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for line in cell.source.splitlines():
                if line.startswith("#"):
                    return line.lstrip("#").strip()
    return fallback


def index_page(corpus_name: str, entries: list[tuple[str, str, bool]], tables: list[str]) -> str:
    """A small HTML page linking each notebook's page and every table of the report."""
    items = "\n".join(
        f'<li><a href="{html.escape(stem)}.html">{html.escape(title)}</a>'
        f'{"" if ok else " <strong>(stopped with an error: see the page)</strong>"}'
        f' (<a href="{html.escape(stem)}.ipynb">notebook</a>)</li>'
        for stem, title, ok in entries)
    table_items = "\n".join(
        f'<li><a href="{TABLES_DIR}/{html.escape(t)}">{html.escape(t)}</a></li>' for t in tables)
    return (
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\">"
        f"<title>Report: {html.escape(corpus_name)}</title></head>\n<body>\n"
        f"<h1>Report on the corpus {html.escape(corpus_name)}</h1>\n"
        f"<h2>Notebooks</h2>\n<ol>\n{items}\n</ol>\n"
        f"<h2>Tables (CSV)</h2>\n<ul>\n{table_items or '<li>none</li>'}\n</ul>\n</body></html>\n")


def declared_parameters(path: Path) -> set[str]:
    """The names the notebook's `parameters` cell assigns."""
    import papermill  # imported on use: papermill is slow to import
    return set(papermill.inspect_notebook(str(path)))


def run_notebook(path: Path, out: Path, parameters: dict[str, object]) -> NotebookRun:
    """Execute one notebook into `out` (notebook and HTML) with those of `parameters` it declares;
    record an error instead of raising."""
    import papermill
    from papermill.exceptions import PapermillExecutionError
    started = time.perf_counter()
    target = out / path.name
    error = ""
    own = declared_parameters(path)
    try:
        papermill.execute_notebook(
            str(path), str(target), parameters={k: v for k, v in parameters.items() if k in own},
            cwd=str(path.parent), kernel_name=KERNEL, extra_arguments=KERNEL_ARGUMENTS,
            progress_bar=False, log_output=False, execution_timeout=CELL_TIMEOUT_S)
    except PapermillExecutionError as err:
        error = f"cell {err.cell_index}: {err.ename}: {err.evalue}"
    nb = strip_run_metadata(nbformat.read(target, as_version=4))
    nbformat.write(nb, target)
    target.with_suffix(".html").write_text(to_html(nb), encoding="utf-8")
    return NotebookRun(path.stem, not error, time.perf_counter() - started, error)


def make_report(corpus: str | Path, out: str | Path, parameters: dict[str, object] | None = None,
                notebook_dir: Path = NOTEBOOK_DIR, progress: Callable[[str], None] = print) -> list[NotebookRun]:
    """Run every notebook on `corpus` and write the report into `out`; return what happened to each.

    `parameters` set other parameters-cell values in every notebook that has them (e.g. PLACE)."""
    corpus, out = Path(corpus), Path(out)
    check_folders(corpus, out, notebook_dir)
    paths = notebook_paths(notebook_dir)
    if not paths:
        raise ReportError(f"{notebook_dir.name}/ has no NN-name.ipynb notebooks to run.")
    known = set().union(*(declared_parameters(p) for p in paths))
    unknown = sorted(set(parameters or {}) - known)
    if unknown:
        raise ReportError(f"{', '.join(unknown)}: not a parameter of any notebook (they have: {', '.join(sorted(known))}).")
    out.mkdir(parents=True, exist_ok=True)
    tables = out / TABLES_DIR
    parameters = {**(parameters or {}), "CORPUS": _relative_to_root(corpus), "TABLES": _relative_to_root(tables)}
    runs, entries = [], []
    for k, path in enumerate(paths, start=1):
        progress(f"[{k}/{len(paths)}] {path.stem} ...")
        run = run_notebook(path, out, parameters)
        runs.append(run)
        progress(f"[{k}/{len(paths)}] {path.stem}: {'done' if run.ok else 'ERROR ' + run.error} ({run.seconds:.0f} s)")
        entries.append((path.stem, _title(nbformat.read(out / path.name, as_version=4), path.stem), run.ok))
    table_names = sorted(p.name for p in tables.glob("*.csv")) if tables.is_dir() else []
    (out / "index.html").write_text(index_page(corpus.name, entries, table_names), encoding="utf-8")
    return runs
