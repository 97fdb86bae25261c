"""Execute the project's notebooks in a fresh kernel; compare or rewrite their committed outputs.

`python tests/run_notebooks.py --write` (what `make notebooks` runs) re-executes every notebook in
`notebooks/` top to bottom and saves it with its outputs. `tests/test_notebooks.py` uses the same
functions to re-execute each notebook and fail when a text or table output differs from the
committed one. Images are not compared (their bytes change with font and library versions).
"""
from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = ROOT / "notebooks"
NAME_RE = re.compile(r"^\d{2}-[a-z0-9]+(-[a-z0-9]+)*\.ipynb$")
TEXT_MIME = ("text/plain", "text/html", "text/markdown")
TIMEOUT_S = 600


def notebook_paths() -> list[Path]:
    """The notebooks, in their numbered order."""
    return sorted(NOTEBOOK_DIR.glob("*.ipynb"))


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in a new kernel started in notebooks/; return it with outputs."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb, timeout=TIMEOUT_S, kernel_name="python3", record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    for cell in nb.cells:
        cell.metadata.pop("execution", None)
    return nb


def text_outputs(nb: nbformat.NotebookNode) -> list[tuple[int, str]]:
    """(cell index, text) of every stream, text, table and error output, in order."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.output_type == "stream":
                found.append((i, f"[{out.name}] {out.text}"))
            elif out.output_type == "error":
                found.append((i, f"[error] {out.ename}: {out.evalue}"))
            else:
                for mime in TEXT_MIME:
                    if mime in out.get("data", {}):
                        found.append((i, f"[{mime}] {out.data[mime]}"))
    return found


def first_difference(committed: nbformat.NotebookNode, fresh: nbformat.NotebookNode) -> str | None:
    """A readable description of the first text output that differs, or None if all agree."""
    old, new = text_outputs(committed), text_outputs(fresh)
    for k, (a, b) in enumerate(zip(old, new)):
        if a != b:
            return f"cell {a[0]}: committed output\n{a[1][:800]}\n--- differs from a fresh run:\n{b[1][:800]}"
    if len(old) != len(new):
        return f"committed notebook has {len(old)} text outputs, a fresh run has {len(new)}"
    return None


def main(argv: list[str] | None = None) -> int:
    """Re-execute notebooks; with --write save them, otherwise report stale outputs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", action="store_true", help="save the fresh outputs into the notebooks")
    parser.add_argument("names", nargs="*", help="notebook file names (default: all)")
    args = parser.parse_args(argv)
    paths = [NOTEBOOK_DIR / n for n in args.names] if args.names else notebook_paths()
    stale = 0
    for path in paths:
        fresh = execute(path)
        if args.write:
            nbformat.write(fresh, path)
            print(f"wrote {path.relative_to(ROOT)}")
        else:
            diff = first_difference(nbformat.read(path, as_version=4), fresh)
            stale += diff is not None
            print(f"{path.relative_to(ROOT)}: {'outputs differ: ' + diff if diff else 'outputs reproduce'}")
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
