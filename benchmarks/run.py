"""Benchmark every analysis stage on generated corpora: words per second and peak memory.

    make bench                     # = .venv/bin/python benchmarks/run.py
    .venv/bin/python benchmarks/run.py --sizes 1k 10k --no-readme
    .venv/bin/python benchmarks/run.py --profile quotes --sizes 1k   # pyinstrument call tree
    .venv/bin/python benchmarks/run.py --profile pipeline --sizes 1k --profiler cprofile

Each (stage, size) runs in a fresh subprocess so its peak memory is its own: the input table is
read from a cache first (untimed), the kernel's peak-RSS counter is reset, then the stage runs
once. `peak MB` is the process's peak resident memory (input included); the memory target is
peak < 3 x corpus text + 300 MB. Stages are looked up by name in `helpers` (then in the
`newslens` module named in the helpers docstring); a stage that does not exist yet is reported
as "not available yet". The same text also goes through spaCy's blank English tokenizer plus
sentencizer, so our speed is also given as a ratio that holds on any machine. On the largest
size, a stage whose time estimated from the previous size exceeds --stage-cap seconds is
skipped and said so. The table is printed, saved to benchmarks/results/, and written into
benchmarks/README.md between its results markers.
"""
from __future__ import annotations

import argparse
import cProfile
import importlib
import io
import json
import math
import os
import platform
import pstats
import re
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "benchmarks"
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

CORPORA_DIR = BENCH_DIR / "corpora"
CACHE_DIR = CORPORA_DIR / "cache"  # one folder per corpus: its loaded articles table and sizes (git-ignored)
RESULTS_DIR = BENCH_DIR / "results"
README = BENCH_DIR / "README.md"
REQUIREMENTS = BENCH_DIR / "requirements.txt"
CACHE_FILE = "articles.pkl"
STATS_FILE = "stats.json"
DEFAULT_SIZES = ("1k", "10k", "100k")
STAGE_CAP_S = 1500.0      # skip a stage on a bigger size when its estimate exceeds this
TIMEOUT_S = 240           # hard limit for one stage subprocess
MEMORY_SHARE = 0.75       # ... or when its peak memory, extrapolated linearly, exceeds this share of RAM
CACHE_S_PER_MB = 0.3      # extra timeout per MB of text for reading the cached input first
PREPARE_TIMEOUT_S = 1800  # the one-off untimed load that caches a corpus's articles table
TARGET_WPS = 300_000      # the target for the whole analysis
MEMORY_FACTOR, MEMORY_FIXED_MB = 3.0, 300.0
SAMPLE_S = 0.01  # how often the memory of this process and its workers is read during a stage
PAGE_MB = os.sysconf("SC_PAGE_SIZE") / 2**20 if hasattr(os, "sysconf") else 4 / 1024
CLOCK_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
START, END = "<!-- results:start -->", "<!-- results:end -->"
# stage name -> (function name, newslens module that will hold it)
STAGES = {
    "load": ("load_corpus", "corpus"),
    "sentences": ("sentences", "sentences"),
    "tokens": ("tokens", "tokens"),
    "term tables": ("frequencies", "terms"),
    "keyness": ("keyness", "terms"),
    "quotes": ("extract_quotes", "quotes"),
    "figures": ("extract_figures", "figures"),
}
PIPELINE, ONE_PROCESS, DASK = "pipeline", "pipeline, 1 process", "dask pipeline"
EXTRA = (PIPELINE, ONE_PROCESS, "spacy", DASK)
PIPELINES = (PIPELINE, ONE_PROCESS)  # the whole analysis from the corpus folder
DASK_WORKERS = 2  # worker processes of the LocalCluster the Dask pipeline runs on
DASK_SIZES = ("10k",)  # sizes the Dask pipeline runs on by default (at 100k it ran out of memory here)


class BenchError(ValueError):
    """A size, stage or corpus the benchmark cannot run."""


def find_stage(stage: str):
    """The function behind a stage, from helpers or its newslens module; None if not there yet."""
    name, module = STAGES[stage]
    try:
        import helpers
        fn = getattr(helpers, name, None)
    except Exception:  # noqa: BLE001 - a half-written module must not stop the benchmark
        fn = None
    if fn is None:
        try:
            fn = getattr(importlib.import_module(f"newslens.{module}"), name, None)
        except Exception:  # noqa: BLE001
            fn = None
    return fn


def call_stage(stage: str, fn, articles, folder: Path, quotes=None):
    """Run one stage on the articles table (load reads the folder; figures is given the quotes)."""
    if stage == "load":
        return fn(folder)
    if stage == "figures" and quotes is not None:
        return fn(articles, quotes)
    return fn(articles)


def stage_input(stage: str, articles):
    """What a stage needs besides the articles, computed untimed: the quotes for figures."""
    if stage == "figures":
        return find_stage("quotes")(articles)
    return None


def _mem() -> tuple[float, float]:
    """(current RSS, peak RSS) of this process in MB, from /proc (Linux) or resource."""
    try:
        status = Path("/proc/self/status").read_text()
        rss = int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024
        hwm = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
        return rss, hwm
    except (OSError, AttributeError):
        import resource
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return peak, peak


def _reset_peak() -> None:
    """Reset the kernel's peak-RSS counter so the next reading is this stage's own peak."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        pass  # then the peak includes the cache load; the README says which


def _descendants(pid: int) -> list[int]:
    """Every process started by `pid`, directly or not (Linux: /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            try:
                kids = [int(k) for k in task.read_text().split()]
            except OSError:
                continue
            found += kids
            todo += kids
    return found


def _rss_and_cpu(pid: int) -> tuple[float, float] | None:
    """(resident MB, CPU seconds so far) of a process, or None once it has ended."""
    try:
        pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError, ValueError):
        return None
    return pages * PAGE_MB, (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


class TreeMemory:
    """Memory and CPU of this process and every process it starts (the workers) while a stage
    runs. `peak_mb`: the highest sum of their resident memory, sampled every SAMPLE_S seconds,
    and at least this process's own exact peak (the kernel's high-water mark, reset at the
    start). RSS counts the pages of shared libraries once per process (about 50 MB for each
    worker that imports pandas), so the sum errs on the high side. `cpu_s`: this process's
    CPU seconds plus those its workers used during the stage. `workers`: the most processes
    seen besides this one (Dask's resource tracker and the like included)."""

    def __init__(self) -> None:
        import threading

        self.peak_mb = self.cpu_s = 0.0
        self.workers = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)
        self._first: dict[int, float] = {}
        self._last: dict[int, float] = {}
        self.each: dict[int, float] = {}  # the highest resident MB seen of each worker

    def __enter__(self) -> "TreeMemory":
        for pid in _descendants(os.getpid()):  # CPU already used by workers started earlier
            found = _rss_and_cpu(pid)
            if found:
                self._first[pid] = found[1]
        _reset_peak()
        self._cpu0 = time.process_time()
        self._thread.start()
        return self

    def _sample(self) -> None:
        own = _rss_and_cpu(os.getpid())
        total = own[0] if own else 0.0
        kids = _descendants(os.getpid())
        self.workers = max(self.workers, len(kids))
        for pid in kids:
            found = _rss_and_cpu(pid)
            if found:
                total += found[0]
                self._last[pid] = found[1]
                self.each[pid] = max(self.each.get(pid, 0.0), found[0])
        self.peak_mb = max(self.peak_mb, total)

    def _watch(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self._sample()

    def __exit__(self, *exc) -> None:
        self._sample()
        self._stop.set()
        self._thread.join()
        self.peak_mb = max(self.peak_mb, _mem()[1])
        self.cpu_s = time.process_time() - self._cpu0 + sum(cpu - self._first.get(pid, 0.0)
                                                             for pid, cpu in self._last.items())


def _spacy_pipe(texts: list[str]) -> int:
    """spaCy blank English tokenizer + sentencizer over the texts; returns the sentence count."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t in texts])
    return sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts, batch_size=256))


def run_pipeline(folder: Path) -> list[str]:
    """The whole analysis with default settings: load, then every available stage (figures
    given the quotes)."""
    ran = []
    articles = find_stage("load")(folder)
    quotes = None
    for name in list(STAGES)[1:]:
        fn = find_stage(name)
        if fn is None:
            continue
        if name == "quotes":
            quotes = fn(articles)
        elif name == "figures" and quotes is not None:
            fn(articles, quotes)
        else:
            fn(articles)
        ran.append(name)
    return ran


def run_dask_pipeline(folder: Path) -> list[str]:
    """The analysis on the Dask path, on a LocalCluster of DASK_WORKERS worker processes (one
    thread each): articles read by the workers, the sentence table, term counts with range and
    DP, keyness from the combined counts, quotes and figures (`newslens.scale`)."""
    from dask.distributed import Client, LocalCluster

    from newslens import scale
    from newslens.sentences import sentences

    with LocalCluster(n_workers=DASK_WORKERS, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster):
        articles = scale.dask_articles(folder).persist()
        scale.map_articles(articles, sentences, known_categories=False).compute()
        counts = scale.term_counts(articles, dispersion=True)
        scale.keyness_from_counts(counts)
        quotes = scale.dask_quotes(articles)
        scale.dask_figures(articles, quotes)
    return ["load", "sentences", "term counts (range, DP)", "keyness", "quotes", "figures"]


def run_worker(stage: str, folder: Path) -> dict:
    """Measure one stage on one corpus in this process (and the workers it starts); the result as a dict."""
    import pandas as pd

    from newslens import parallel

    articles = None if stage in ("load", DASK) + PIPELINES else pd.read_pickle(cache_path(folder, CACHE_FILE))
    extra = stage_input(stage, articles)
    if stage == ONE_PROCESS:
        os.environ[parallel.WORKERS_ENV] = "1"
    status, result = "ok", None
    fn = find_stage(stage) if stage in STAGES else None
    if stage in STAGES and fn is None:
        return {"stage": stage, "status": "not available yet"}
    before, _ = _mem()
    with TreeMemory() as tree:
        t0 = time.perf_counter()
        if stage == "spacy":
            _spacy_pipe(articles["text"].tolist())
        elif stage in PIPELINES:
            status = "ok: load + " + ", ".join(run_pipeline(folder))
        elif stage == DASK:
            status = "ok: " + ", ".join(run_dask_pipeline(folder))
        else:
            result = call_stage(stage, fn, articles, folder, extra)
        seconds = time.perf_counter() - t0
    if stage == "load":
        write_cache(result, folder)
    cores = DASK_WORKERS if stage == DASK else max(1, len(parallel.worker_pids()))
    return {"stage": stage, "status": status, "seconds": seconds, "peak_mb": tree.peak_mb, "input_mb": before,
            "cpu_s": tree.cpu_s, "cores": cores, "processes": 1 + tree.workers, "own_peak_mb": _mem()[1],
            "worker_peak_mb": max(tree.each.values(), default=0.0)}


def cache_path(folder: Path, name: str) -> Path:
    """Where a corpus's cached articles table or sizes are kept: benchmarks/corpora/cache/<corpus>/,
    never inside the corpus folder (which may be a read-only link to a shared corpus)."""
    return CACHE_DIR / folder.name / name


def write_cache(articles, folder: Path) -> None:
    """Save the loaded articles table and its sizes for the other stages (untimed)."""
    cache_path(folder, CACHE_FILE).parent.mkdir(parents=True, exist_ok=True)
    articles.to_pickle(cache_path(folder, CACHE_FILE))
    stats = {
        "articles": int(len(articles)),
        "words": int(articles["n_words"].sum()),
        "text_mb": sum(len(t.encode("utf-8")) for t in articles["text"]) / 2**20,
        "files_mb": sum(p.stat().st_size for p in folder.glob("*.txt")) / 2**20,
    }
    cache_path(folder, STATS_FILE).write_text(json.dumps(stats))


def run_in_subprocess(stage: str, folder: Path, timeout: float) -> dict:
    """Run one stage in a fresh interpreter and parse its one-line JSON result."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--worker", stage, "--corpus", str(folder)]
    try:
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        return {"stage": stage, "status": f"timed out (> {timeout:.0f} s)"}
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith("{")]
    if proc.returncode != 0 or not lines:
        last = (proc.stderr.strip().splitlines() or ["no output"])[-1]
        return {"stage": stage, "status": f"failed: {last[:160]}"}
    return json.loads(lines[-1])


def ensure_spacy() -> str:
    """Install benchmarks/requirements.txt into this venv if spaCy or a profiler is missing; spaCy's version."""
    try:
        import pyinstrument  # noqa: F401
        import spacy
    except ImportError:
        print("spaCy or pyinstrument is missing: installing benchmarks/requirements.txt into this environment ...", flush=True)
        subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(REQUIREMENTS)], check=True)
        importlib.invalidate_caches()
        import spacy
    return spacy.__version__


def ensure_corpus(size: str) -> Path:
    """The generated corpus folder for a size, generating and loading it once if missing."""
    from generate import parse_size, write_corpus

    folder = CORPORA_DIR / size
    n = parse_size(size)
    if not (folder / "metadata.csv").exists() or len(list(folder.glob("*_gen.txt"))) != n:
        print(f"generating the {size} corpus ({n:,} articles) ...", flush=True)
        write_corpus(n, folder)
        cache_path(folder, CACHE_FILE).unlink(missing_ok=True)
    return folder


def words_per_s(stats: dict, result: dict) -> float | None:
    """Words per second of one result (None if it did not run)."""
    return stats["words"] / result["seconds"] if result.get("seconds") else None


def render(results: dict, corpora: dict, spacy_version: str, load_start: float = float("nan")) -> str:
    """The Markdown results: corpus sizes, stages x sizes, the whole analysis against spaCy and
    the memory target, and the extrapolation to 1M and 10M articles."""
    sizes = list(results)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"spaCy {spacy_version}; every stage with default settings (all cores from its threshold, "
        f"`newslens.parallel`), in a fresh process; load average {load_start:.1f} at the start and "
        f"{os.getloadavg()[0]:.1f} at the end (above {os.cpu_count()} means other work shared the cores and "
        "slowed the numbers). Peak MB: all processes of the stage (the workers' included).",
        "",
        "| corpus | articles | words | text MB | memory target MB (3 x text + 300) |",
        "|---|---:|---:|---:|---:|",
    ]
    for size in sizes:
        s = corpora[size]
        lines.append(f"| {size} | {s['articles']:,} | {s['words']:,} | {s['text_mb']:.0f} | {target_mb(s):,.0f} |")
    lines += ["", "| stage | " + " | ".join(f"{z} words/s | {z} s | {z} cores | {z} peak MB" for z in sizes) + " |",
              "|---|" + "---:|" * (4 * len(sizes))]
    for stage in list(STAGES) + [e for e in EXTRA if e not in PIPELINES + (DASK,)]:
        cells = []
        for size in sizes:
            r = results[size].get(stage, {"status": "not run"})
            if r.get("seconds") is None:
                cells += [r["status"], "", "", ""]
                continue
            cells += [f"{words_per_s(corpora[size], r):,.0f}", f"{r['seconds']:.2f}", str(r.get("cores", 1)),
                      f"{r['peak_mb']:,.0f}"]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines += ["", "Whole analysis (load, then every stage; the ratio is spaCy's seconds over ours on the same words):", "",
              "| size | way | s | words/s | cores | words/s per core | CPU s | ratio to spaCy (target >= 0.75) | "
              "peak MB | memory target MB |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for size in sizes:
        spacy = results[size].get("spacy", {})
        for way in PIPELINES + (DASK,):
            r = results[size].get(way, {})
            if r.get("seconds") is None:
                if way != DASK:
                    lines.append(f"| {size} | {way} | {r.get('status', 'not run')} | | | | | | | |")
                continue
            wps = words_per_s(corpora[size], r)
            ratio = f"{spacy['seconds'] / r['seconds']:.2f}" if spacy.get("seconds") else ""
            lines.append(f"| {size} | {way} | {r['seconds']:.1f} | {wps:,.0f} | {r['cores']} | {wps / r['cores']:,.0f} | "
                         f"{r.get('cpu_s', float('nan')):.1f} | {ratio} | {r['peak_mb']:,.0f} | {target_mb(corpora[size]):,.0f} |")
    notes = sorted({r["status"] for res in results.values() for r in res.values() if r["status"].startswith("ok:")})
    lines += [""] + [f"Stages run: {n[4:]}." for n in notes]
    lines += ["", extrapolation(results, corpora)]
    return "\n".join(lines)


def target_mb(stats: dict) -> float:
    """The memory target of a corpus: 3 x its text + 300 MB."""
    return MEMORY_FACTOR * stats["text_mb"] + MEMORY_FIXED_MB


EXTRAPOLATE_TO = (1_000_000, 10_000_000)  # articles
HOUR_S = 3600.0


def extrapolation(results: dict, corpora: dict) -> str:
    """Time and memory of the whole analysis at 1M and 10M articles from the largest size
    measured, and the workers it would take to finish in an hour (Amdahl's law with the
    parallel share each way showed on this machine's cores)."""
    measured = [z for z in results if results[z].get(ONE_PROCESS, {}).get("seconds")]
    if not measured:
        return "Extrapolation: needs the pipeline in one process at one size at least."
    base = max(measured, key=lambda z: corpora[z]["words"])
    stats, one = corpora[base], results[base][ONE_PROCESS]
    words_per_article = stats["words"] / stats["articles"]
    lines = [f"Extrapolated from {base} ({stats['articles']:,} articles, {words_per_article:.0f} words each), "
             "on paper:", "",
             "| way | articles | one-core hours | parallel share | workers for 1 hour | memory |",
             "|---|---:|---:|---:|---:|---|"]
    for way in PIPELINES + (DASK,):
        r = results[base].get(way, {})
        if r.get("seconds") is None:
            continue
        share = parallel_share(one["seconds"], r["seconds"], r.get("cores", 1))
        for n in EXTRAPOLATE_TO:
            scale = n / stats["articles"]
            t1 = one["seconds"] * scale
            serial = t1 * (1 - share)
            workers = ("never: its serial part alone takes " + f"{serial / HOUR_S:.1f} h" if serial >= HOUR_S
                       else f"{math.ceil(t1 * share / (HOUR_S - serial)):,}")
            lines.append(f"| {way} | {n:,} | {t1 / HOUR_S:,.1f} | {share:.2f} | {workers} | {memory_note(way, r, scale)} |")
    lines += ["", "Assumptions: cost linear in words (measured: see the stage table); the one-core time is the "
              "one-process pipeline's; the share of it that runs in parallel is what each way showed here "
              "(Amdahl: t(k) = t1 ((1 - p) + p / k), p = 2 (1 - t2 / t1) from the 2-core run); workers as fast "
              "as these cores, with no other work; reading the corpus and sending results cost what they cost here."]
    return "\n".join(lines)


def parallel_share(one_s: float, many_s: float, cores: int) -> float:
    """Amdahl's parallel share p of a run that took one_s in one process and many_s on `cores`
    (p = 0 when the cores gained nothing)."""
    if cores <= 1 or many_s >= one_s:
        return 0.0
    return min(1.0, (1 - many_s / one_s) * cores / (cores - 1))


def memory_note(way: str, r: dict, scale: float) -> str:
    """Memory at `scale` times the measured corpus: the pandas path holds every table in one
    process (linear); on the Dask path each worker holds its partitions (constant) and the
    client the corpus-wide tables (linear)."""
    if way == DASK:
        client = r.get("own_peak_mb", r["peak_mb"]) * scale
        return f"client {client / 1024:,.0f} GB + {r.get('worker_peak_mb', 0):,.0f} MB per worker"
    return f"{r['peak_mb'] * scale / 1024:,.0f} GB in one machine"


def update_readme(table: str) -> None:
    """Replace the results section of benchmarks/README.md (between the markers)."""
    text = README.read_text(encoding="utf-8") if README.exists() else f"{START}\n{END}\n"
    if START not in text or END not in text:
        raise BenchError(f"{README.name} has no results markers; add {START} and {END} lines.")
    head, rest = text.split(START, 1)
    tail = rest.split(END, 1)[1]
    README.write_text(f"{head}{START}\n{table}\n{END}{tail}", encoding="utf-8")


def profile(stage: str, size: str, profiler: str = "pyinstrument", top: int = 15) -> str:
    """Profile one stage (or the pipeline) on one size: pyinstrument's call tree or cProfile's top functions."""
    import pandas as pd

    folder = ensure_corpus(size)
    ensure_cache(folder)
    articles = None if stage in ("load", "pipeline") else pd.read_pickle(cache_path(folder, CACHE_FILE))
    if stage == "pipeline":
        work = (run_pipeline, folder)
    else:
        fn = find_stage(stage)
        if fn is None:
            return f"{stage}: not available yet"
        work = (call_stage, stage, fn, articles, folder, stage_input(stage, articles))
    if profiler == "pyinstrument":
        from pyinstrument import Profiler

        prof = Profiler(interval=0.001)
        prof.start()
        work[0](*work[1:])
        prof.stop()
        return prof.output_text(unicode=True, color=False, show_all=False)
    prof = cProfile.Profile()
    prof.runcall(*work)
    out = io.StringIO()
    pstats.Stats(prof, stream=out).strip_dirs().sort_stats("tottime").print_stats(top)
    return out.getvalue()


def memory_cap_mb() -> float:
    """Memory a stage may be expected to use: a share of this machine's physical memory."""
    try:
        total = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**20
    except (ValueError, OSError, AttributeError):
        total = 8 * 1024.0
    return MEMORY_SHARE * total


def ensure_cache(folder: Path) -> dict:
    """Load a corpus once (untimed, one-off) so every stage can read its articles table; its sizes."""
    if not cache_path(folder, CACHE_FILE).exists() or not cache_path(folder, STATS_FILE).exists():
        print(f"preparing {folder.name}: loading it once to cache the articles table (one-off) ...", flush=True)
        r = run_in_subprocess("load", folder, PREPARE_TIMEOUT_S)
        if r.get("seconds") is None:
            raise BenchError(f"cannot prepare the {folder.name} corpus: {r['status']}")
    return json.loads(cache_path(folder, STATS_FILE).read_text())


def benchmark(sizes: list[str], stage_cap: float, dask_sizes: tuple[str, ...] = ()) -> tuple[dict, dict]:
    """Run every stage on every size; on a bigger size skip stages estimated over stage_cap s;
    the Dask pipeline only on `dask_sizes`."""
    results, corpora, previous = {}, {}, None
    for size in sizes:
        folder = ensure_corpus(size)
        corpora[size] = ensure_cache(folder)
        results[size] = {}
        for stage in list(STAGES) + list(EXTRA):
            if stage == DASK and size not in dask_sizes:
                continue
            prev = results[previous].get(stage, {}) if previous else {}
            if prev.get("status", "").startswith(("timed out", "skipped")):
                results[size][stage] = {"stage": stage, "status": f"skipped ({previous} {prev['status'].split(' (')[0]})"}
                print(f"{size:>5} {stage:<12} skipped: {prev['status']} on {previous}", flush=True)
                continue
            if prev.get("seconds") is not None:
                factor = corpora[size]["words"] / corpora[previous]["words"]
                estimate, memory = prev["seconds"] * factor, prev["peak_mb"] * factor
                why = (f"~{estimate:.0f} s est." if estimate > stage_cap
                       else f"~{memory / 1024:.0f} GB est." if memory > memory_cap_mb() else "")
                if why:
                    results[size][stage] = {"stage": stage, "status": f"skipped ({why})"}
                    print(f"{size:>5} {stage:<12} skipped: {why} from {previous}", flush=True)
                    continue
            estimate = prev["seconds"] * corpora[size]["words"] / corpora[previous]["words"] if prev.get("seconds") else 0
            budget = max(TIMEOUT_S, 2 * estimate) + CACHE_S_PER_MB * corpora[size]["text_mb"]
            if stage == "figures":  # its untimed input: the quotes of this size, measured just before
                budget += 2 * (results[size].get("quotes", {}).get("seconds") or 0)
            if stage == DASK:  # about the pipeline's time, measured just before
                budget = max(budget, 3 * (results[size].get(ONE_PROCESS, {}).get("seconds") or 0))
            r = run_in_subprocess(stage, folder, budget)
            results[size][stage] = r
            shown = f"{r['seconds']:8.2f} s {r['peak_mb']:8.0f} MB peak" if r.get("seconds") is not None else r["status"]
            print(f"{size:>5} {stage:<12} {shown}", flush=True)
        previous = size
    return results, corpora


def main(argv: list[str] | None = None) -> None:
    """Command line: benchmark (default), one worker measurement, or a profile."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", nargs="+", default=list(DEFAULT_SIZES))
    parser.add_argument("--stage-cap", type=float, default=STAGE_CAP_S)
    parser.add_argument("--dask-sizes", nargs="*", default=list(DASK_SIZES),
                        help=f"sizes the Dask pipeline runs on ({DASK_WORKERS}-worker LocalCluster); default 10k")
    parser.add_argument("--no-readme", action="store_true", help="do not rewrite benchmarks/README.md")
    parser.add_argument("--profile", metavar="STAGE", help="profile one stage (or 'pipeline') on the first size")
    parser.add_argument("--profiler", choices=("pyinstrument", "cprofile"), default="pyinstrument",
                        help="pyinstrument call tree (default) or cProfile top functions by own time")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(BENCH_DIR))
    if args.worker:
        print(json.dumps(run_worker(args.worker, args.corpus)))
        return
    if args.profile:
        if args.profile not in STAGES and args.profile != "pipeline":
            raise BenchError(f"unknown stage {args.profile!r}: use one of {', '.join(STAGES)} or pipeline.")
        if args.profiler == "pyinstrument":
            ensure_spacy()  # installs benchmarks/requirements.txt (pyinstrument included) if missing
        print(profile(args.profile, args.sizes[0], args.profiler))
        return
    spacy_version = ensure_spacy()
    t0, load_start = time.perf_counter(), os.getloadavg()[0]
    results, corpora = benchmark(args.sizes, args.stage_cap, tuple(args.dask_sizes))
    table = render(results, corpora, spacy_version, load_start)
    print("\n" + table + f"\n\nbenchmark run took {time.perf_counter() - t0:.0f} s")
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps({"results": results, "corpora": corpora}, indent=1))
    (RESULTS_DIR / "latest.md").write_text(table + "\n", encoding="utf-8")
    if not args.no_readme:
        update_readme(table)


if __name__ == "__main__":
    main()
