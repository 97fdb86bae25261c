"""Save the tables a notebook shows as CSV files, so a report carries its data beside its charts.

Each notebook ends with `helpers.save_tables(TABLES, "NN", name=table, ...)`. `TABLES` is a
parameter that is None in the committed notebooks (nothing is written) and a folder when
`make report` runs them: relative to the project root (as the notebooks' `CORPUS` is, so the
executed notebooks hold no machine path), or absolute. Used by every notebook (through helpers) and by `newslens.report.run`.
"""
from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from newslens.corpus import PROJECT_ROOT

NAME_RE = re.compile(r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$")


def save_tables(folder: str | Path | None, notebook: str, **tables: pd.DataFrame) -> list[str]:
    """Write each table as `<notebook>-<name>.csv` in `folder` (created if needed; a relative
    folder is read from the project root, whatever the working directory); return the file names.
    Does nothing when `folder` is None. A table whose index carries data (not 0..n-1) keeps it."""
    if folder is None:
        return []
    bad = [n for n in [notebook, *tables] if not NAME_RE.match(n)]
    if bad:
        raise ValueError(f"table and notebook names must be lower-case words joined by - or _: {bad}")
    out = Path(folder)
    if not out.is_absolute():
        out = PROJECT_ROOT / out
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, table in tables.items():
        if not isinstance(table, pd.DataFrame):
            table = pd.DataFrame(table)
        keep_index = not isinstance(table.index, pd.RangeIndex) or table.index.name is not None
        file_name = f"{notebook}-{name}.csv"
        table.to_csv(out / file_name, index=keep_index, lineterminator="\n")
        written.append(file_name)
    return written
