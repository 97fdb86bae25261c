"""Long inputs: how the per-article helpers scale with one long article or one long sentence.

    .venv/bin/python benchmarks/long_inputs.py                 # every case, at n and 4n
    .venv/bin/python benchmarks/long_inputs.py kwic figures    # cases whose name contains a word
    .venv/bin/python benchmarks/long_inputs.py --list

Each case builds one input of size n (characters, figures, groups...), then of size 4n, and
times one call of the helper on each in a fresh subprocess (input built first, untimed), with a
time limit (--limit, default 120 s). It prints the seconds, the ratio t(4n) / t(n) (about 4 for a
linear helper, 16 for a quadratic one) and the memory the call added (peak resident memory
during the call minus before it, MB). The cases are those of the issue on long inputs; the
tests in tests/test_long_inputs.py check the same helpers with a generous bound on the ratio.
"""
from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

PARAGRAPH = ("Russian forces said on Tuesday they had taken the town of Soledar, but Kyiv said the "
             "battle was still going on. About 500 civilians remain, the governor told Reuters. ")


def _articles(texts: list[str], outlets: list[str] | None = None):
    """An articles table like load_corpus's for the given texts (one outlet per text by default)."""
    import pandas as pd

    from newslens.tokens import word_counts
    n = len(texts)
    return pd.DataFrame({
        "article_id": [f"a{i:05d}" for i in range(n)], "file": [f"a{i:05d}.txt" for i in range(n)],
        "outlet": outlets or [f"Outlet {i}" for i in range(n)], "date": [pd.Timestamp("2023-01-10")] * n,
        "date_basis": ["stated in the text"] * n, "author": [""] * n, "title": [""] * n, "url": [""] * n,
        "wire_source": [""] * n, "translated_from": [""] * n, "text": texts,
        "n_words": word_counts(texts), "removed": [()] * n})


def _quotes(articles):
    """A quotes table made by hand: one quotation by "Jane Doe" at the start of every article."""
    import pandas as pd
    n = len(articles)
    return pd.DataFrame({
        "article_id": articles["article_id"], "outlet": articles["outlet"], "sentence_id": [0] * n,
        "start": [0] * n, "end": [1] * n, "kind": ["direct"] * n, "quote": ["x"] * n,
        "speaker": ["Jane Doe"] * n, "cue": ["said"] * n, "group": [0] * n, "side": [""] * n})


def _case_kwic(n: int):
    import helpers
    arts = _articles([(PARAGRAPH * (n // len(PARAGRAPH) + 1))[:n]])
    return lambda: helpers.kwic(arts, "the")


def _case_questions(fn: str):
    def build(n: int):
        import helpers
        from newslens import explore
        arts = _articles(["?" * n])
        calls = {"article_overview": lambda: helpers.article_overview(arts),
                 "control_claims": lambda: helpers.control_claims(arts, quotes=_quotes(arts)),
                 "named_sources": lambda: helpers.named_sources(arts, quotes=_quotes(arts)),
                 "speaker_quotes": lambda: explore.speaker_quotes(_quotes(arts), arts, "Jane Doe")}
        return calls[fn]
    return build


def _case_dotted(fn: str):
    def build(n: int):
        import tempfile
        import helpers
        text = "a." * n + "b"  # a dotted run that does not end the word: the regex tokenizer backtracks
        arts = _articles([text, text])
        if fn == "dask_articles":
            folder = Path(tempfile.mkdtemp())
            (folder / "one.txt").write_text(text, encoding="utf-8")
            return lambda: helpers.dask_articles(folder).compute()
        return {"article_similarity": lambda: helpers.article_similarity(arts),
                "shared_passages": lambda: helpers.shared_passages(arts)}[fn]
    return build


def _case_repeated(n: int):
    import helpers
    arts = _articles([(PARAGRAPH * (n // len(PARAGRAPH) + 1))[:n]] * 2)
    return lambda: helpers.shared_passages(arts)


def _case_figures(n: int):
    import helpers
    arts = _articles(["Table: " + ", ".join(f"{k % 97} km" for k in range(n)) + "."])
    return lambda: helpers.extract_figures(arts, quotes=_quotes(arts).iloc[:0])


def _case_compare_figures(n: int):
    import helpers
    arts = _articles(["In Soledar " + " and ".join(["5%"] * n) + " of Bakhmut."])
    figures = helpers.extract_figures(arts, quotes=_quotes(arts).iloc[:0])
    return lambda: helpers.compare_figures(figures)


def _case_wildcard(n: int):
    import helpers
    arts = _articles(["a" * n + " end"])
    return lambda: helpers.kwic(arts, "*a" * 8 + "*q")


def _case_keyness(n: int):
    import helpers
    import numpy as np
    rng = np.random.default_rng(0)
    words = [f"w{k}" for k in range(5000)]
    texts = [" ".join(rng.choice(words, 200, p=None)) + "." for _ in range(n)]
    arts = _articles(texts)
    return lambda: helpers.keyness(arts)


CASES = {  # name -> (builder of the call for size n, n)
    "kwic one long article": (_case_kwic, 135_000),
    "article_overview ?-run": (_case_questions("article_overview"), 10_000),
    "control_claims ?-run": (_case_questions("control_claims"), 10_000),
    "named_sources ?-run": (_case_questions("named_sources"), 10_000),
    "speaker_quotes ?-run": (_case_questions("speaker_quotes"), 10_000),
    "article_similarity a.-run": (_case_dotted("article_similarity"), 2_000),
    "shared_passages a.-run": (_case_dotted("shared_passages"), 2_000),
    "dask_articles a.-run": (_case_dotted("dask_articles"), 2_000),
    "shared_passages repeated text": (_case_repeated, 25_000),
    "extract_figures one-line table": (_case_figures, 4_000),
    "compare_figures 5% run": (_case_compare_figures, 2_000),
    "kwic wildcards long token": (_case_wildcard, 50),
    "keyness one-article outlets": (_case_keyness, 1_000),
}


def run_one(name: str, n: int) -> None:
    """Build case `name` at size n, time one call, print 'seconds MB'."""
    call = CASES[name][0](n)
    import gc
    gc.collect()
    before = _rss_mb()
    start = time.perf_counter()
    call()
    took = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{took:.4f} {max(peak - before, 0.0):.0f}")


def _rss_mb() -> float:
    """Current resident memory in MB (Linux /proc; 0 elsewhere)."""
    try:
        return int(Path("/proc/self/statm").read_text().split()[1]) * resource.getpagesize() / 2 ** 20
    except OSError:
        return 0.0


def _measure(name: str, n: int, limit: float) -> tuple[float | None, str]:
    """(seconds or None on timeout/error, MB text) of one case in a fresh subprocess."""
    try:
        done = subprocess.run([sys.executable, __file__, "--one", name, str(n)], capture_output=True,
                              text=True, timeout=limit, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return None, f"> {limit:.0f} s"
    if done.returncode:
        return None, "error: " + done.stderr.strip().splitlines()[-1][:80]
    seconds, mb = done.stdout.split()[-2:]
    return float(seconds), mb


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("words", nargs="*", help="run only the cases whose name contains one of these")
    parser.add_argument("--limit", type=float, default=120.0, help="seconds allowed per call")
    parser.add_argument("--list", action="store_true", help="list the cases and exit")
    parser.add_argument("--one", nargs=2, metavar=("CASE", "N"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        run_one(args.one[0], int(args.one[1]))
        return 0
    chosen = [c for c in CASES if not args.words or any(w in c for w in args.words)]
    if args.list:
        print("\n".join(f"{c} (n = {CASES[c][1]:,})" for c in chosen))
        return 0
    print(f"{'case':32} {'n':>8} {'t(n) s':>9} {'t(4n) s':>9} {'ratio':>6} {'MB(n)':>6} {'MB(4n)':>7}")
    for name in chosen:
        n = CASES[name][1]
        small, mb_small = _measure(name, n, args.limit)
        big, mb_big = _measure(name, 4 * n, args.limit) if small is not None else (None, "-")
        ratio = f"{big / small:6.1f}" if small and big else "     -"
        show = [f"{v:9.3f}" if v is not None else f"{m:>9}" for v, m in ((small, mb_small), (big, mb_big))]
        print(f"{name:32} {n:>8,} {show[0]} {show[1]} {ratio} {mb_small:>6} {mb_big:>7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
