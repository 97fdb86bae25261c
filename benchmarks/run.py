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
MEMORY_SHARE = 0.5        # ... or when its peak memory, extrapolated linearly, exceeds this share of RAM
CACHE_S_PER_MB = 0.3      # extra timeout per MB of text for reading the cached input first
PREPARE_TIMEOUT_S = 1800  # the one-off untimed load that caches a corpus's articles table
TARGET_WPS = 300_000      # the target for the whole analysis
MEMORY_FACTOR, MEMORY_FIXED_MB = 3.0, 300.0
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
EXTRA = ("pipeline", "spacy")


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


def _spacy_pipe(texts: list[str]) -> int:
    """spaCy blank English tokenizer + sentencizer over the texts; returns the sentence count."""
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = max([nlp.max_length] + [len(t) + 1 for t in texts])
    return sum(sum(1 for _ in doc.sents) for doc in nlp.pipe(texts, batch_size=256))


def run_pipeline(folder: Path) -> list[str]:
    """The whole analysis in one process: load, then every available stage (figures given the quotes)."""
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


def run_worker(stage: str, folder: Path) -> dict:
    """Measure one stage on one corpus in this process; the result as a dict."""
    import pandas as pd

    articles = None if stage in ("load", "pipeline") else pd.read_pickle(cache_path(folder, CACHE_FILE))
    extra = stage_input(stage, articles)
    _, _ = _mem()
    _reset_peak()
    before, _ = _mem()
    status = "ok"
    t0 = time.perf_counter()
    if stage == "spacy":
        _spacy_pipe(articles["text"].tolist())
    elif stage == "pipeline":
        status = "ok: load + " + ", ".join(run_pipeline(folder))
    else:
        fn = find_stage(stage)
        if fn is None:
            return {"stage": stage, "status": "not available yet"}
        result = call_stage(stage, fn, articles, folder, extra)
        if stage == "load":
            seconds = time.perf_counter() - t0
            _, peak = _mem()
            write_cache(result, folder)
            return {"stage": stage, "status": status, "seconds": seconds, "peak_mb": peak,
                    "input_mb": before}
    seconds = time.perf_counter() - t0
    _, peak = _mem()
    return {"stage": stage, "status": status, "seconds": seconds, "peak_mb": peak, "input_mb": before}


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


def render(results: dict, corpora: dict, spacy_version: str) -> str:
    """The Markdown results: corpus sizes, then stages x sizes, then the spaCy ratio."""
    sizes = list(results)
    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"spaCy {spacy_version}; one process per stage; load average {os.getloadavg()[0]:.1f} at the end "
        "(above 2 means other work shared the 2 cores and slowed the numbers).",
        "",
        "| corpus | articles | words | text MB | memory target MB (3 x text + 300) |",
        "|---|---:|---:|---:|---:|",
    ]
    for size in sizes:
        s = corpora[size]
        lines.append(f"| {size} | {s['articles']:,} | {s['words']:,} | {s['text_mb']:.0f} | "
                     f"{MEMORY_FACTOR * s['text_mb'] + MEMORY_FIXED_MB:,.0f} |")
    lines += ["", "| stage | " + " | ".join(f"{z} words/s | {z} s | {z} peak MB" for z in sizes) + " |",
              "|---|" + "---:|" * (3 * len(sizes))]
    for stage in list(STAGES) + list(EXTRA):
        cells = []
        for size in sizes:
            r = results[size].get(stage, {"status": "not run"})
            if r.get("seconds") is None:
                cells += [r["status"], "", ""]
                continue
            cells += [f"{words_per_s(corpora[size], r):,.0f}", f"{r['seconds']:.2f}", f"{r['peak_mb']:,.0f}"]
        lines.append(f"| {stage} | " + " | ".join(cells) + " |")
    lines += ["", "| size | pipeline words/s | spaCy blank+sentencizer words/s | ratio (target >= 0.75) |",
              "|---|---:|---:|---:|"]
    for size in sizes:
        p, s = results[size].get("pipeline", {}), results[size].get("spacy", {})
        if p.get("seconds") and s.get("seconds"):
            ratio = s["seconds"] / p["seconds"]
            lines.append(f"| {size} | {words_per_s(corpora[size], p):,.0f} | "
                         f"{words_per_s(corpora[size], s):,.0f} | {ratio:.2f} |")
    notes = sorted({r["status"] for res in results.values() for r in res.values() if r["status"].startswith("ok:")})
    lines += [""] + [f"Pipeline stages run: {n[4:]}." for n in notes]
    return "\n".join(lines)


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


def benchmark(sizes: list[str], stage_cap: float) -> tuple[dict, dict]:
    """Run every stage on every size; on a bigger size skip stages estimated over stage_cap s."""
    results, corpora, previous = {}, {}, None
    for size in sizes:
        folder = ensure_corpus(size)
        corpora[size] = ensure_cache(folder)
        results[size] = {}
        for stage in list(STAGES) + list(EXTRA):
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
    t0 = time.perf_counter()
    results, corpora = benchmark(args.sizes, args.stage_cap)
    table = render(results, corpora, spacy_version)
    print("\n" + table + f"\n\nbenchmark run took {time.perf_counter() - t0:.0f} s")
    RESULTS_DIR.mkdir(exist_ok=True)
    (RESULTS_DIR / "latest.json").write_text(json.dumps({"results": results, "corpora": corpora}, indent=1))
    (RESULTS_DIR / "latest.md").write_text(table + "\n", encoding="utf-8")
    if not args.no_readme:
        update_readme(table)


if __name__ == "__main__":
    main()
