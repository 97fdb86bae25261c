"""Several cores for the per-article stages: how many worker processes a call gets, and one map.

A per-article stage (loading, sentence splitting, the tokenising behind the term tables, quote
attribution, figures) gives the same rows whether its
articles are read together or in pieces, so it can run on every core of the machine:

- `worker_count(stage, n_words, workers)` says how many processes a call gets. workers=None
  (every stage's default) is automatic: all cores when the corpus has at least
  THRESHOLD_WORDS[stage] words, else 1; the NEWSLENS_WORKERS environment variable, if set,
  replaces the automatic choice (e.g. `NEWSLENS_WORKERS=1 make report`); workers=1 forces one
  process and any larger int that many.
- `map_chunks(function, chunks, n)` returns [function(*chunk) for chunk in chunks], in chunk
  order: with n == 1 called here one after the other, else on n worker processes through Dask's
  local process scheduler. Both paths run the same function on the same chunks, so a stage
  that combines the results in order gives the same table either way (tests/test_parallel.py).
  Warnings a chunk raises in a worker are raised again here (each distinct one once).
- `article_chunks(articles, n)` cuts an articles table into pieces of whole articles with about
  the same number of words (CHUNKS_PER_WORKER per worker, so a slow piece does not leave a
  core idle at the end).

The workers are spawned (fresh interpreters: forking a process that holds Arrow's or BLAS's
threads can deadlock) on the first call that needs them and kept for the next calls of the
session; `shutdown_workers()` stops them (also at exit). A worker imports only the module of
the function it runs (for a stage: numpy, pandas, pyarrow and that newslens module; never
helpers, matplotlib or the notebook libraries), about 1 s of start-up on this machine, paid
once per session. Thresholds, start-up and gains were measured on a 2-core machine with
`benchmarks/thresholds.py`; benchmarks/README.md ("Several cores") gives the table.
"""
from __future__ import annotations

import atexit
import os
import sys
import warnings
from contextlib import contextmanager
from typing import Callable, Iterator, Sequence

import numpy as np

WORKERS_ENV = "NEWSLENS_WORKERS"  # environment variable replacing the automatic worker count
# Words from which a stage runs on all cores: where it finishes sooner even when it is the call
# that starts the workers (about 1.5 s, once per session); None: never by itself. Measured on 2
# cores with benchmarks/thresholds.py (warm workers, best of 2; benchmarks/README.md, "Several
# cores"): time saved at each size, against the start-up it must pay back.
THRESHOLD_WORDS = {
    "load": 10_000_000,  # saves 0.7 s at 5.6M words (x1.33), 1.1 s at 11.2M (x1.16), 7.2 s at 22.5M (x1.51)
    "sentences": None,  # about 5M words/s: at 5.6M words 0.46 s either way, the pieces' transfer eats the gain
    "tokens": None,  # memory-bound array passes: x1.07 at best (5.6M words), the join and transfer cost the rest
    "figures": 5_000_000,  # saves 0.34 s at 0.56M words (x1.52), 0.84 s at 2.8M (x1.27), 2.3 s at 5.6M (x1.36)
    "quotes": 1_000_000,  # saves 1.1 s at 0.56M words (x1.55), 2.4 s at 1.4M (x1.51)
}
CHUNKS_PER_WORKER = 4  # pieces per worker: the last piece to finish leaves a core idle for less time
WORDS_PER_CHAR = 1 / 6  # words per character, to estimate a table's words without tokenising it


class ParallelError(ValueError):
    """A worker count the parallel map cannot use (not a whole number >= 1)."""


def available_cores() -> int:
    """The cores this process may run on (its CPU affinity where the system tells it)."""
    try:
        return max(len(os.sched_getaffinity(0)), 1)
    except (AttributeError, OSError):  # macOS, Windows
        return max(os.cpu_count() or 1, 1)


def _checked(workers, where: str) -> int:
    """A worker count as an int >= 1, or a ParallelError naming where it came from."""
    if isinstance(workers, bool) or not isinstance(workers, (int, np.integer)) or workers < 1:
        raise ParallelError(f"{where} must be a whole number of worker processes (1 = this process only), "
                            f"got {workers!r}.")
    return int(workers)


def worker_count(stage: str, n_words: int, workers: int | None = None) -> int:
    """Processes a stage gets for a corpus of n_words words: `workers` if given; else 1 inside
    a worker process (`in_worker_process`); else the NEWSLENS_WORKERS environment variable if
    set; else all cores from THRESHOLD_WORDS[stage] words on."""
    if workers is not None:
        return _checked(workers, "workers")
    if in_worker_process():
        return 1
    forced = os.environ.get(WORKERS_ENV, "").strip()
    if forced:
        try:
            return _checked(int(forced), WORKERS_ENV)
        except ValueError:
            raise ParallelError(f"{WORKERS_ENV} must be a whole number of worker processes, got {forced!r}.") from None
    if stage not in THRESHOLD_WORDS:
        raise ParallelError(f"no threshold for stage {stage!r}; known stages: {', '.join(THRESHOLD_WORDS)}.")
    cores, limit = available_cores(), THRESHOLD_WORDS[stage]
    return cores if cores > 1 and limit is not None and n_words >= limit else 1


def most_workers(stage: str, workers: int | None = None) -> int:
    """The most processes `worker_count` gives the stage, whatever the corpus size (a stage
    that must read its input to know its size reads it only if this exceeds 1)."""
    return worker_count(stage, sys.maxsize, workers)


def in_worker_process() -> bool:
    """True in a process that multiprocessing started (one of these workers, a Dask worker of
    a `LocalCluster` or of its process scheduler, a Pool's) or in a thread other than the main
    one (Dask's threaded scheduler): stages called there run in one process, so workers never
    start workers of their own. A notebook kernel, `make report` and a script are started
    otherwise and call stages from their main thread."""
    import multiprocessing
    import threading

    return multiprocessing.parent_process() is not None or threading.current_thread() is not threading.main_thread()


def corpus_words(articles) -> int:
    """Words of an articles table: its n_words column, else estimated from the texts' length."""
    if "n_words" in articles.columns:
        return int(articles["n_words"].sum())
    lengths = articles["text"].str.len() if "text" in articles.columns else []
    return int(np.nansum(np.asarray(lengths, dtype=float)) * WORDS_PER_CHAR)


def chunk_bounds(weights: Sequence[float] | np.ndarray, n_chunks: int) -> list[int]:
    """Cut points 0 = b0 < b1 < ... = len(weights) of at most n_chunks pieces with about the
    same total weight (each item weighs its weight, at least 0, plus 1; a piece holds at least
    one item): piece k ends at the first item where the running total reaches k/n of the whole."""
    if not len(weights):
        return [0]
    n_chunks = max(1, min(int(n_chunks), len(weights)))
    total = np.cumsum(np.maximum(np.asarray(weights, dtype=np.int64), 0) + 1)
    targets = total[-1] * np.arange(1, n_chunks, dtype=np.int64) // n_chunks
    inner = np.searchsorted(total, targets, side="left") + 1
    return sorted(set([0, *inner.tolist(), len(weights)]))


def article_chunks(articles, n_workers: int, columns: Sequence[str] | None = None) -> list:
    """The articles table in pieces of whole articles (about equal words, CHUNKS_PER_WORKER per
    worker), each with only `columns` if given; the whole table when n_workers == 1."""
    table = articles if columns is None else articles[[c for c in columns if c in articles.columns]]
    if n_workers <= 1:
        return [table]
    if "n_words" in articles.columns:
        weights = articles["n_words"].to_numpy()
    else:
        weights = np.asarray(articles["text"].str.len().fillna(0), dtype=float)
    bounds = chunk_bounds(weights, n_workers * CHUNKS_PER_WORKER)
    return [table.iloc[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def list_chunks(items: Sequence, n_workers: int, weights: Sequence[float] | None = None) -> list:
    """A list (or Series) in consecutive pieces (about equal weight, CHUNKS_PER_WORKER per worker; equal
    lengths without weights); the whole list when n_workers == 1."""
    if n_workers <= 1:
        return [items]
    bounds = chunk_bounds(np.ones(len(items)) if weights is None else weights, n_workers * CHUNKS_PER_WORKER)
    cut = items.iloc if hasattr(items, "iloc") else items  # a Series is cut by position
    return [cut[a:b] for a, b in zip(bounds[:-1], bounds[1:])]


def _run_chunk(function: Callable, args: tuple):
    """What a worker runs: function(*args), the warnings it raised (category, message), and
    then the freed memory given back to the system (a worker lives on between calls)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = function(*args)
    _release_memory()
    return result, [(w.category, str(w.message)) for w in caught]


def _release_memory() -> None:
    """`tokens.release_freed_memory` if the worker has loaded it (every stage module does)."""
    tokens = sys.modules.get("newslens.tokens")
    if tokens is not None:
        tokens.release_freed_memory()


_POOL = {"executor": None, "size": 0}


def _watch_parent() -> None:
    """Run in each new worker: end it when the process that started it ends, even when that
    one is killed (a kernel restarted by force), so no worker is left holding memory."""
    import multiprocessing
    import threading
    from multiprocessing.connection import wait

    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=lambda: (wait([parent.sentinel]), os._exit(1)), daemon=True).start()


def _started() -> int:
    """What a new worker runs first (so that every worker is started at once): its process id."""
    return os.getpid()


@contextmanager
def _main_script_hidden() -> Iterator[None]:
    """While workers start, the main module looks like an interactive session's, so a spawned
    worker does not run the main script again (a script without an `if __name__ ==
    "__main__":` guard would otherwise be run again in every worker, and even a guarded one
    imports everything it imports). Workers run only functions of importable modules."""
    main = sys.modules.get("__main__")
    saved = {name: getattr(main, name) for name in ("__file__", "__spec__") if hasattr(main, name)}
    try:
        if main is not None:
            main.__spec__ = None
            if "__file__" in saved:
                del main.__file__
        yield
    finally:
        for name, value in saved.items():
            setattr(main, name, value)


def _executor(n_workers: int):
    """The session's pool of n_workers spawned processes, started (or restarted with another
    size, or after a worker died) when needed."""
    executor = _POOL["executor"]
    if executor is not None and _POOL["size"] == n_workers and not getattr(executor, "_broken", False):
        return executor
    shutdown_workers()
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    executor = ProcessPoolExecutor(n_workers, mp_context=multiprocessing.get_context("spawn"),
                                   initializer=_watch_parent)
    with _main_script_hidden():  # a spawned process is started by the submit that finds no idle one
        for started in [executor.submit(_started) for _ in range(n_workers)]:
            started.result()
    _POOL["executor"], _POOL["size"] = executor, n_workers
    return executor


def shutdown_workers() -> None:
    """Stop the worker processes of this session (the next parallel call starts new ones)."""
    executor, _POOL["executor"], _POOL["size"] = _POOL["executor"], None, 0
    if executor is not None:
        executor.shutdown(wait=True, cancel_futures=True)


atexit.register(shutdown_workers)


def worker_pids() -> list[int]:
    """Process ids of the session's live worker processes (for memory measurements)."""
    executor = _POOL["executor"]
    return sorted(getattr(executor, "_processes", None) or {}) if executor is not None else []


def map_chunks(function: Callable, chunks: Sequence[tuple], n_workers: int) -> list:
    """[function(*chunk) for chunk in chunks] in chunk order: here when n_workers == 1 (or one
    chunk), else on n_workers spawned processes through Dask's local process scheduler (one task
    per chunk). `function` must be importable by name (a module-level function of a module,
    not of a notebook). A worker's warnings are raised here, each distinct one once."""
    n_workers = _checked(n_workers, "n_workers")
    if n_workers == 1 or len(chunks) <= 1:
        return [function(*chunk) for chunk in chunks]
    import dask

    # traverse=False: a chunk is passed as it is (Dask would otherwise walk every text of it
    # looking for Dask collections, which cost more than the work at 1,000 articles)
    tasks = [dask.delayed(_run_chunk, pure=False)(function, dask.delayed(tuple(chunk), traverse=False))
             for chunk in chunks]
    done = dask.compute(*tasks, scheduler="processes", pool=_executor(n_workers), chunksize=1,
                        optimize_graph=False)
    seen = set()
    for _, caught in done:
        for category, message in caught:
            if (category, message) not in seen:
                seen.add((category, message))
                warnings.warn(message, category, stacklevel=3)
    return [result for result, _ in done]
