"""The command line: `python -m newslens COMMAND ...` (`--help` lists the commands).

- import SOURCE CORPUS_DIR   web pages, URL lists and exports into a corpus folder (newslens.importing)
- report FOLDER --out DIR    every notebook run on a corpus folder (newslens.report)
"""
from __future__ import annotations

import argparse
import sys
import warnings

from newslens.corpus import CorpusError
from newslens.importing import add_import_command
from newslens.report.cli import add_report_command


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:  # noqa: ANN001
    """Print a warning as one plain line (no source location) on standard error."""
    print(f"warning: {message}", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    """Parse the command line, run the command it names, and turn a CorpusError into a message."""
    parser = argparse.ArgumentParser(prog="python -m newslens", description=__doc__.splitlines()[0])
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_import_command(subparsers)
    add_report_command(subparsers)
    args = parser.parse_args(argv)
    with warnings.catch_warnings():  # restores the usual display afterwards (main() in tests)
        warnings.showwarning = show_warning
        try:
            return args.run(args)
        except CorpusError as err:
            print(f"error: {err}", file=sys.stderr)
            return 1


if __name__ == "__main__":
    sys.exit(main())
