"""Measure where several cores pay off for each per-article stage (newslens.parallel.THRESHOLD_WORDS).

    .venv/bin/python benchmarks/thresholds.py                 # sizes 100 ... 10,000 articles of 10k
    .venv/bin/python benchmarks/thresholds.py --sizes 250 1000 --stages figures --runs 2

For each stage and each size (the first N articles of the generated 10k corpus), the stage runs
with workers=1 and with workers=<all cores>, alternately, `--runs` times each, from cold caches
(the shared token codes and sentence offsets are cleared before every run); the table gives the
best wall-clock seconds of each and the speed-up. The worker pool is started before the
measurements (its start-up is measured on its own, `--startups` times: a session pays it once,
at its first parallel call). Stages: load (`load_corpus` on a folder of the first N files),
sentences (`corpus_sentence_offsets`), tokens (`corpus_token_codes`, the pass behind the tokens
table and the term tables), figures (`extract_figures` given the quotes, sentence offsets
cached as in a pipeline) and quotes (`extract_quotes(workers=N)`: `attributed_rows` on pieces of whole articles, then
`merged_quotes` once over all rows). Results: benchmarks/results/thresholds-latest.{md,json}; the runs the
thresholds were chosen from are in benchmarks/results/thresholds.md.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from newslens import figures, parallel, quotes, sentences, terms, tokens  # noqa: E402
from newslens.corpus import load_corpus  # noqa: E402

CORPUS = ROOT / "benchmarks" / "corpora" / "10k"
RESULTS = ROOT / "benchmarks" / "results"
SIZES = (100, 250, 500, 1000, 2500, 5000, 10000)
STAGES = ("load", "sentences", "tokens", "figures", "quotes")
QUOTES_MAX = 2500  # articles: the quote stage takes about 4 s per 1,000 in one process


def clear_caches() -> None:
    """Forget every cached pass, so the next stage starts cold."""
    tokens.clear_shared_tokens()
    sentences.clear_corpus_offsets()
    sentences._CACHE.clear()
    terms._DOCS.clear()


def subset_folder(n: int, into: Path, corpus: Path = CORPUS) -> Path:
    """A corpus folder holding the first n articles of a corpus (copies: links are not read)."""
    folder = into / f"first{n}"
    if folder.exists():
        return folder
    folder.mkdir()
    names = sorted(p.name for p in corpus.glob("*.txt"))[:n]
    for name in names:
        shutil.copyfile(corpus / name, folder / name)
    lines = (corpus / "metadata.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    wanted = set(names)
    (folder / "metadata.csv").write_text(lines[0] + "".join(ln for ln in lines[1:] if ln.split(",", 1)[0] in wanted),
                                         encoding="utf-8")
    return folder


def stage_call(stage: str, articles: pd.DataFrame, folder: Path, quote_table: pd.DataFrame | None):
    """The function of one stage: workers -> result (caches cleared first, except figures' offsets)."""
    def run(n_workers: int):
        clear_caches()
        if stage == "load":
            return load_corpus(folder, workers=n_workers)
        if stage == "sentences":
            return sentences.corpus_sentence_offsets(articles["text"], workers=n_workers)
        if stage == "tokens":
            return tokens.corpus_token_codes(articles["text"], with_surfaces=None, workers=n_workers)
        if stage == "figures":
            sentences.corpus_sentence_offsets(articles["text"])  # as in a pipeline: split already
            return figures.extract_figures(articles, quote_table, workers=n_workers)
        if n_workers == 1:
            return quotes.extract_quotes(articles)
        return quotes.extract_quotes(articles, workers=n_workers)
    return run


def cpu_seconds(pid: int) -> float:
    """CPU seconds a process has used so far (user + system, from /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def best_times(run, n_workers: int, runs: int) -> dict:
    """The two ways alternated `runs` times: best wall seconds with one process (`one_s`, and
    its best CPU seconds `one_cpu_s`) and with n_workers (`many_s`); for that parallel run, the CPU seconds of this process and of
    all workers together (`many_cpu_s`) and its critical path (`path_s`: this process's CPU plus
    the busiest worker's, the wall time on n_workers otherwise idle cores)."""
    one, one_cpu, many = [], [], []
    for _ in range(runs):
        start, cpu = time.perf_counter(), time.process_time()
        run(1)
        one.append(time.perf_counter() - start)
        one_cpu.append(time.process_time() - cpu)
        pids = parallel.worker_pids()
        before = [cpu_seconds(pid) for pid in pids]
        start, cpu = time.perf_counter(), time.process_time()
        run(n_workers)
        wall, own = time.perf_counter() - start, time.process_time() - cpu
        busy = [cpu_seconds(pid) - b for pid, b in zip(pids, before)]
        many.append({"many_s": wall, "many_cpu_s": own + sum(busy), "path_s": own + max(busy, default=0.0)})
    best = min(many, key=lambda m: m["many_s"])
    return {"one_s": min(one), "one_cpu_s": min(one_cpu), **best, "path_best_s": min(m["path_s"] for m in many)}


def startup_seconds(n_workers: int, times: int) -> list[float]:
    """Seconds to start the pool of n_workers spawned workers (each imports what a stage needs)."""
    found = []
    for _ in range(times):
        parallel.shutdown_workers()
        start = time.perf_counter()
        parallel.map_chunks(tokens.word_count, [("a b",)] * n_workers, n_workers)
        found.append(time.perf_counter() - start)
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", type=int, default=list(SIZES))
    parser.add_argument("--stages", nargs="+", default=list(STAGES), choices=STAGES)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--startups", type=int, default=3)
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="generated corpus to take the sizes from")
    args = parser.parse_args(argv)
    n_workers = parallel.available_cores()
    startups = startup_seconds(n_workers, args.startups)
    print(f"pool of {n_workers} workers started in " + ", ".join(f"{s:.2f}" for s in startups) + " s", flush=True)
    everything = load_corpus(args.corpus, workers=1)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            articles = everything.iloc[:n].reset_index(drop=True)
            articles.attrs = everything.attrs
            words = int(articles["n_words"].sum())
            folder = subset_folder(n, Path(tmp), args.corpus) if "load" in args.stages else args.corpus
            quote_table = quotes.extract_quotes(articles) if "figures" in args.stages else None
            for stage in args.stages:
                if stage == "quotes" and n > QUOTES_MAX:
                    continue
                found = best_times(stage_call(stage, articles, folder, quote_table), n_workers, args.runs)
                rows.append({"stage": stage, "articles": n, "words": words, **found,
                             "speedup": found["one_s"] / found["many_s"],
                             "path_speedup": found["one_cpu_s"] / found["path_best_s"], "load_average": os.getloadavg()[0]})
                r = rows[-1]
                print(f"{stage:10} {n:6,} articles {words:10,} words  1 process {r['one_s']:7.3f} s "
                      f"(CPU {r['one_cpu_s']:7.3f} s)  "
                      f"{n_workers} workers {r['many_s']:7.3f} s (CPU {r['many_cpu_s']:7.3f} s, path "
                      f"{r['path_best_s']:7.3f} s)  x{r['speedup']:.2f} (path x{r['path_speedup']:.2f})  "
                      f"(load {r['load_average']:.1f})", flush=True)
    parallel.shutdown_workers()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "thresholds-latest.json").write_text(json.dumps({"workers": n_workers, "startup_s": startups, "rows": rows},
                                                        indent=1))
    lines = [f"Pool of {n_workers} spawned workers: start-up " + ", ".join(f"{s:.2f}" for s in startups) + " s.", "",
             f"| stage | articles | words | 1 process s | its CPU s | {n_workers} workers s | their CPU s | "
             "critical path s | speed-up | on idle cores | load average |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    lines += [f"| {r['stage']} | {r['articles']:,} | {r['words']:,} | {r['one_s']:.3f} | {r['one_cpu_s']:.3f} | "
              f"{r['many_s']:.3f} | "
              f"{r['many_cpu_s']:.3f} | {r['path_best_s']:.3f} | {r['speedup']:.2f} | {r['path_speedup']:.2f} | "
              f"{r['load_average']:.1f} |" for r in rows]
    (RESULTS / "thresholds-latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
