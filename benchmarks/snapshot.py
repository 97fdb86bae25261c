"""Check that a speed or memory change left every output identical.

A speed change must not change a single cell. Save the outputs of every stage before the change,
then check them after it:

    .venv/bin/python benchmarks/snapshot.py save /tmp/before          # on the unchanged code
    .venv/bin/python benchmarks/snapshot.py check /tmp/before         # after the change

`check` recomputes every table and compares it with `pandas.testing.assert_frame_equal`, exact
(values, dtypes, index, column order); it prints each table's CPU seconds before and after, and
exits 1 naming the first differing cells of every table that changed. The one accepted
difference is the designed one of issue 14 (compact columns, `COMPACT`): those columns must
now be categoricals with sorted categories, or int32, and equal the old ones value for value.
A snapshot saved before that change and one saved after it are both checked this way. Corpora: the seeds, every
`tests/heldout*/corpus` and, if generated, `benchmarks/corpora/1k` (`--corpora` to choose;
`--only quotes figures` to limit the stages). CPU seconds (`time.process_time`) are used because
they move less than wall time when other work shares the machine.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

import helpers  # noqa: E402


def default_corpora() -> list[str]:
    """The seeds, the held-out sets and the generated 1k corpus if present, relative to the root."""
    found = ["corpus"] + sorted(str(p.relative_to(ROOT)) for p in ROOT.glob("tests/heldout*/corpus"))
    if (ROOT / "benchmarks/corpora/1k").is_dir():
        found.append("benchmarks/corpora/1k")
    return found


def stages(articles: pd.DataFrame):
    """(name, function of nothing) for every table a stage produces, in pipeline order."""
    cache: dict[str, pd.DataFrame] = {}

    def quotes():
        cache["quotes"] = helpers.extract_quotes(articles)
        return cache["quotes"]

    def figures():
        cache["figures"] = helpers.extract_figures(articles, cache["quotes"])
        return cache["figures"]

    return [
        ("sentences", lambda: helpers.sentences(articles)),
        ("tokens", lambda: helpers.tokens(articles)),
        ("frequencies", lambda: helpers.frequencies(articles)),
        ("frequencies_plain", lambda: helpers.frequencies(articles, by=None, drop_stopwords=True)),
        ("bigrams", lambda: helpers.ngrams(articles, n=2)),
        ("keyness", lambda: helpers.keyness(articles)),
        ("quotes", quotes),
        ("speaker_counts", lambda: helpers.speaker_counts(cache["quotes"])),
        ("figures", figures),
        ("compare_figures", lambda: helpers.compare_figures(cache["figures"])),
    ]


def compute(corpus: str, only: set[str] | None) -> tuple[dict, dict]:
    """Every table of one corpus and its CPU seconds."""
    tables, seconds = {}, {}
    start = time.process_time()
    articles = helpers.load_corpus(ROOT / corpus)
    seconds["articles"] = time.process_time() - start
    tables["articles"] = articles
    for name, fn in stages(articles):
        needed = only is None or name in only or (name == "quotes" and only & {"speaker_counts", "figures",
                                                                              "compare_figures"}) \
            or (name == "figures" and "compare_figures" in only)
        if not needed:
            continue
        start = time.process_time()
        tables[name] = fn()
        seconds[name] = time.process_time() - start
    return tables, seconds


# The designed dtype changes (issue 14, decision 4: compact columns), the only ones `check`
# accepts: per table, the columns that are categorical or int32 now, whatever they were before.
CATEGORY, INT32 = "category", "int32"
_FIGURE_COLUMNS = {"article_id": CATEGORY, "outlet": CATEGORY, "sentence_id": INT32, "start": INT32, "end": INT32}
_TERM_COLUMNS = {"term": CATEGORY, "display": CATEGORY}
COMPACT = {
    "tokens": {"article_id": CATEGORY, "token": CATEGORY, "norm": CATEGORY, "token_id": INT32, "start": INT32,
               "end": INT32},
    "sentences": {"article_id": CATEGORY, "sentence_id": INT32, "start": INT32, "end": INT32},
    "frequencies": {"outlet": CATEGORY, **_TERM_COLUMNS},
    "frequencies_plain": _TERM_COLUMNS,
    "bigrams": {"outlet": CATEGORY, **_TERM_COLUMNS},
    "keyness": {"target": CATEGORY, "reference": CATEGORY, **_TERM_COLUMNS},
    "figures": _FIGURE_COLUMNS,
    "compare_figures": _FIGURE_COLUMNS,
}


def _slug(corpus: str) -> str:
    return corpus.replace("/", "__")


def save(folder: Path, corpora: list[str], only: set[str] | None) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    timing = {}
    for corpus in corpora:
        tables, seconds = compute(corpus, only)
        with open(folder / f"{_slug(corpus)}.pkl", "wb") as handle:
            pickle.dump(tables, handle, protocol=pickle.HIGHEST_PROTOCOL)
        timing[corpus] = seconds
        print(f"saved {corpus}: " + ", ".join(f"{k} {v:.2f}s" for k, v in seconds.items()))
    (folder / "seconds.json").write_text(json.dumps(timing, indent=1))


def _designed(name: str, old: pd.DataFrame, new: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """The new table with its compact columns (`COMPACT`) cast back to the old dtypes, and what
    is wrong with them: a column that is not of its designed dtype, or categories not sorted."""
    problems, restored = [], {}
    for column, dtype in COMPACT.get(name, {}).items():
        if column not in new.columns or column not in old.columns:
            continue
        values = new[column]
        if dtype == CATEGORY:
            if not isinstance(values.dtype, pd.CategoricalDtype):
                problems.append(f"{name}.{column} is {values.dtype}, not categorical")
                continue
            categories = values.cat.categories.tolist()
            if categories != sorted(categories):
                problems.append(f"{name}.{column}: categories are not sorted")
        elif values.dtype != dtype:
            problems.append(f"{name}.{column} is {values.dtype}, not {dtype}")
            continue
        restored[column] = values.astype(old[column].dtype)
    return (new.assign(**restored) if restored else new), problems


def _difference(name: str, old: pd.DataFrame, new: pd.DataFrame) -> str | None:
    new, problems = _designed(name, old, new)
    if problems:
        return f"{name}: " + "; ".join(problems)
    try:
        pd.testing.assert_frame_equal(new, old, check_exact=True)
    except AssertionError as error:
        return f"{name}: {str(error).strip()[:600]}"
    return None


def check(folder: Path, corpora: list[str], only: set[str] | None) -> int:
    before = json.loads((folder / "seconds.json").read_text())
    failures = []
    totals = {"before": 0.0, "after": 0.0}
    for corpus in corpora:
        path = folder / f"{_slug(corpus)}.pkl"
        if not path.exists():
            print(f"{corpus}: not in the snapshot; run save with it first")
            failures.append(corpus)
            continue
        old = pickle.loads(path.read_bytes())
        new, seconds = compute(corpus, only)
        print(f"{corpus}:")
        for name, table in new.items():
            if name not in old:
                continue
            problem = _difference(name, old[name], table)
            was = before.get(corpus, {}).get(name, float("nan"))
            totals["before"] += was
            totals["after"] += seconds[name]
            print(f"  {'DIFFERENT' if problem else 'same     '} {name:18} {was:7.2f}s -> {seconds[name]:7.2f}s")
            if problem:
                failures.append(problem)
    print(f"total CPU seconds {totals['before']:.2f} -> {totals['after']:.2f}")
    for problem in failures:
        print("\n" + problem)
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("action", choices=["save", "check"])
    parser.add_argument("folder", type=Path, help="where the snapshot is kept (outside the project)")
    parser.add_argument("--corpora", nargs="+", help="corpus folders relative to the project root")
    parser.add_argument("--only", nargs="+", help="stages to compute (articles always are)")
    args = parser.parse_args(argv)
    corpora = args.corpora or default_corpora()
    only = set(args.only) if args.only else None
    if args.action == "save":
        save(args.folder, corpora, only)
        return 0
    return check(args.folder, corpora, only)


if __name__ == "__main__":
    sys.exit(main())
