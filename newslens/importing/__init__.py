"""Import articles into a corpus folder: saved web pages, lists of URLs, news-API and archive
exports. `import_articles` is re-exported by `helpers`; `add_import_command` registers the
`import` subcommand of `python -m newslens`.

- article   what sources hand the writer (Article, Skipped), file naming, outlet fallback
- pages     saved web pages through trafilatura (htmldate for a missing date)
- urls      lists of URLs, downloaded politely, then read as pages
- tables    CSV, JSON Lines and Parquet exports, one article per row
- dates     table dates to YYYY-MM-DD (ambiguous day/month refused unless dayfirst is given)
- writer    the .txt files and metadata.csv rows, duplicates and name collisions
- importer  import_articles: picks the reader for the source and writes
- cli       the `import` subcommand
"""
from newslens.importing.cli import add_import_command  # noqa: F401
from newslens.importing.importer import import_articles  # noqa: F401
