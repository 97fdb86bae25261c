"""The `import` subcommand of `python -m newslens` (and of `make import`)."""
from __future__ import annotations

import argparse

from newslens.importing.importer import SOURCE_KINDS, import_articles
from newslens.importing.urls import DEFAULT_DELAY


def add_import_command(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    """Register `import SOURCE CORPUS_DIR [--dayfirst | --monthfirst] [--delay S] [--no-progress]`."""
    parser = subparsers.add_parser(
        "import", help="import articles into a corpus folder",
        description=f"Import articles from {SOURCE_KINDS} into a corpus folder that load_corpus reads.",
    )
    parser.add_argument("source", help="folder of saved pages, .txt list of URLs, or .csv/.jsonl/.parquet table")
    parser.add_argument("corpus_dir", help="corpus folder to add the articles to (created if needed)")
    order = parser.add_mutually_exclusive_group()
    order.add_argument("--dayfirst", dest="dayfirst", action="store_const", const=True, default=None,
                       help="read numeric table dates day first (12/01/2023 = 12 January 2023)")
    order.add_argument("--monthfirst", dest="dayfirst", action="store_const", const=False,
                       help="read numeric table dates month first (12/01/2023 = December 1, 2023)")
    parser.add_argument("--delay", type=float, default=DEFAULT_DELAY,
                        help=f"seconds between two requests to the same host (URL lists; default {DEFAULT_DELAY:g})")
    parser.add_argument("--no-progress", action="store_true", help="no progress bar while downloading")
    parser.set_defaults(run=run_import)
    return parser


def run_import(args: argparse.Namespace) -> int:
    """Run the import the parsed arguments describe; the exit status (0: done)."""
    import_articles(args.source, args.corpus_dir, dayfirst=args.dayfirst, delay=args.delay,
                    progress=not args.no_progress)
    return 0
