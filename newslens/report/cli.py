"""The `report` command: `python -m newslens report FOLDER --out DIR` (what `make report` runs)."""
from __future__ import annotations

import argparse
import ast
import sys

from newslens.report.run import ReportError, make_report


def add_report_command(subparsers: argparse._SubParsersAction) -> None:
    """Register `report FOLDER --out DIR` on the command line."""
    parser = subparsers.add_parser(
        "report", help="run every notebook on a corpus folder; save notebooks, HTML and CSV tables",
        description="Run every notebook in notebooks/ on a corpus folder and write, in OUT, each "
                    "executed notebook, its HTML page, the main tables as CSV and an index.html.")
    parser.add_argument("corpus", help="the corpus folder (.txt articles and metadata.csv)")
    parser.add_argument("--out", required=True, help="the folder to write the report into (created if needed)")
    parser.add_argument("-p", "--parameter", action="append", default=[], metavar="NAME=VALUE", type=parameter,
                        help="set a notebook parameter, e.g. -p PLACE=Bakhmut -p TOP=20 (repeatable)")
    parser.set_defaults(run=run_report_command)


def parameter(text: str) -> tuple[str, object]:
    """NAME=VALUE from the command line: VALUE as a Python literal (20, None, ["a", "b"]) or else a string."""
    name, sep, value = text.partition("=")
    if not sep or not name.isidentifier() or not name.isupper():
        raise argparse.ArgumentTypeError(f"{text!r}: expected NAME=VALUE with an UPPER_CASE name, e.g. PLACE=Bakhmut")
    try:
        return name, ast.literal_eval(value)
    except (ValueError, SyntaxError):
        return name, value


def run_report_command(args: argparse.Namespace) -> int:
    """Make the report; 0 when every notebook ran, 1 when one stopped with an error, 2 on bad input."""
    try:
        runs = make_report(args.corpus, args.out, parameters=dict(args.parameter))
    except ReportError as err:
        print(f"newslens report: {err}", file=sys.stderr)
        return 2
    failed = [r.notebook for r in runs if not r.ok]
    if failed:
        print(f"Report written to {args.out}, but {len(failed)} of {len(runs)} notebooks stopped with an "
              f"error: {', '.join(failed)} (each page shows where).", file=sys.stderr)
        return 1
    print(f"Report written to {args.out}: open {args.out}/index.html ({len(runs)} notebooks).")
    return 0
