"""The command line: `python -m newslens COMMAND ...` (`--help` lists the commands).

- report FOLDER --out DIR   every notebook run on a corpus folder (newslens.report)
"""
from __future__ import annotations

import argparse
import sys

from newslens.report.cli import add_report_command


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and run the command it names."""
    parser = argparse.ArgumentParser(prog="python -m newslens", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    add_report_command(commands)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
