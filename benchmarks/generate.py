"""Build synthetic benchmark corpora (1k, 10k, 100k articles) from the real seed articles.

Each generated article is a real seed article re-cut: paragraphs are dropped, reordered a
little and borrowed from other seed articles (so lengths vary), person and place names are
swapped for generated names, numbers are redrawn, and about one content word in twelve is
replaced by a generated word. Names, words and outlets are drawn from Zipf distributions over
unbounded pools, so - as in real news - a few names recur everywhere and new vocabulary keeps
appearing as the corpus grows (the vocabulary grows sub-linearly, like Heaps' law). Outlets come
from a fixed pool of 40 (a big corpus has more articles per outlet, not endless outlets).

Article i depends only on (SEED, i), so the 1k corpus is the first 1,000 articles of the 10k
corpus, and every run writes the same bytes. Output is a corpus folder (one .txt per article
plus metadata.csv, exactly what `helpers.load_corpus` reads) under `benchmarks/corpora/<name>/`,
which is git-ignored. Used by `benchmarks/run.py` and `tests/test_scale.py`.

    .venv/bin/python benchmarks/generate.py 1k 10k 100k
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from newslens.corpus import load_corpus  # noqa: E402
from newslens.style import SEED  # noqa: E402

SIZES = {"1k": 1_000, "10k": 10_000, "100k": 100_000}
CORPORA_DIR = ROOT / "benchmarks" / "corpora"
SEED_CORPUS = ROOT / "corpus"
METADATA_COLUMNS = ["file", "outlet", "url", "date", "date_basis", "author", "title",
                    "wire_source", "translated_from"]
ZIPF_WORDS = 1.3       # exponent of the Zipf draw for replacement words (lower = more new words)
ZIPF_NAMES = 1.4       # exponent for names (a few names dominate the news)
ZIPF_OUTLETS = 1.2     # exponent for outlets
N_OUTLETS = 40         # outlets do not keep growing: a year of coverage comes from tens of them
FIRST_DAY = dt.date(2023, 1, 1)  # generated dates fall in the 60 days from here
POOL_CAP = 50_000_000
RANK_OFFSET = 5_000    # skip the shortest made-up words (rank 5,000 = three syllables)  # ranks wrap here so generated words stay short
WORD_SWAP_RATE = 0.08  # share of lower-case content words replaced by a generated word
NAME_KEEP_RATE = 0.4   # share of real names kept as they are in an article
PARA_DROP_RATE = 0.2   # share of the base article's paragraphs dropped
MAX_BORROWED = 3       # paragraphs borrowed from other seed articles
SYLLABLES = tuple(c + v for c in "bdfgklmnprstvz" for v in "aeiou")  # 70 syllables
NAME_ENDINGS = ("enko", "ov", "ski", "ani", "ez", "ard", "sson", "elli", "uk", "ier")
OUTLET_FORMS = ("The {} Times", "{} News", "{} Today", "Radio {}", "{} Post", "{} Herald")
WIRES = ("Reuters", "AFP", "AP", "VOA", "")
WORD_RE = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*|\d+(?:[.,]\d+)*")
SENTENCE_START_RE = re.compile(r"(?:^|[.!?][\"”’)]*\s+|[“\"(]\s*)$")
FUNCTION_CAPS = frozenset(
    "The A An In On At By For And But Or If As It Its This That These Those He She They We I You "
    "His Her Their Our My Mr Mrs Ms Dr Monday Tuesday Wednesday Thursday Friday Saturday Sunday "
    "January February March April May June July August September October November December".split()
)


class GenerateError(ValueError):
    """A size name or output folder the generator cannot use."""


def pseudo_word(rank: int) -> str:
    """A pronounceable made-up word that is unique to `rank` (base-70 syllables)."""
    parts = []
    rank = int(rank) % POOL_CAP
    while True:
        rank, digit = divmod(rank, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
        if rank == 0:
            break
    return "".join(parts) + ("x" if len(parts) == 1 else "")


def pseudo_name(rank: int) -> str:
    """A made-up capitalised surname unique to `rank`."""
    return pseudo_word(rank // len(NAME_ENDINGS)).capitalize() + NAME_ENDINGS[int(rank) % len(NAME_ENDINGS)]


def outlet_name(rank: int) -> str:
    """A made-up outlet name unique to `rank`."""
    return OUTLET_FORMS[int(rank) % len(OUTLET_FORMS)].format(
        pseudo_word(rank // len(OUTLET_FORMS)).capitalize())


def paragraph_template(paragraph: str) -> list[tuple[int, int, str, str]]:
    """Slots of a paragraph: (start, end, kind, surface) with kind 'name', 'number' or 'word'."""
    slots = []
    for m in WORD_RE.finditer(paragraph):
        word = m.group(0)
        if word[0].isdigit():
            slots.append((m.start(), m.end(), "number", word))
        elif word[0].isupper():
            if word in FUNCTION_CAPS or len(word) < 3 or SENTENCE_START_RE.search(paragraph[:m.start()]):
                continue
            slots.append((m.start(), m.end(), "name", word))
        elif len(word) >= 4:
            slots.append((m.start(), m.end(), "word", word))
    return slots


def seed_paragraphs(folder: Path = SEED_CORPUS) -> list[list[tuple[str, list]]]:
    """The seed articles as lists of (paragraph, slots), one list per article, in file order."""
    articles = load_corpus(folder)
    out = []
    for text in articles["text"]:
        paras = [p.strip() for p in text.split("\n") if p.strip()]
        out.append([(p, paragraph_template(p)) for p in paras])
    return out


def _redraw_number(word: str, rng: np.random.Generator) -> str:
    """A number of about the same size and shape as `word` (keeps separators and decimals)."""
    digits = [c for c in word if c.isdigit()]
    new = iter(str(rng.integers(1, 10)) + "".join(str(d) for d in rng.integers(0, 10, len(digits) - 1)))
    return "".join(next(new) if c.isdigit() else c for c in word)


def _new_name(word: str, names: dict, rng: np.random.Generator) -> str:
    """The stand-in for a real name in one article: kept, or a generated name not yet used in it."""
    if rng.random() < NAME_KEEP_RATE:
        return word
    used = set(names.values())
    for _ in range(5):
        new = pseudo_name(rng.zipf(ZIPF_NAMES) + RANK_OFFSET)
        if new not in used:
            break
    return new


def _fill(paragraph: str, slots: list, names: dict, rng: np.random.Generator) -> str:
    """Rewrite one paragraph: swap its name, number and (some) word slots."""
    pieces, last = [], 0
    swap = rng.random(len(slots)) < WORD_SWAP_RATE
    for k, (start, end, kind, word) in enumerate(slots):
        if kind == "word" and not swap[k]:
            continue
        if kind == "name":
            new = names.get(word) or names.setdefault(word, _new_name(word, names, rng))
        elif kind == "number":
            new = _redraw_number(word, rng)
        else:
            new = pseudo_word(rng.zipf(ZIPF_WORDS) + RANK_OFFSET)
        pieces.append(paragraph[last:start])
        pieces.append(new)
        last = end
    pieces.append(paragraph[last:])
    return "".join(pieces)


def make_article(i: int, seeds: list, seed: int = SEED) -> tuple[str, dict]:
    """Article number i as (file text, metadata row); depends only on (seed, i)."""
    rng = np.random.default_rng([seed, i])
    base = seeds[i % len(seeds)]
    keep = [p for p in base if rng.random() >= PARA_DROP_RATE] or base[:1]
    for _ in range(rng.integers(0, MAX_BORROWED + 1)):
        other = seeds[rng.integers(len(seeds))]
        keep.insert(int(rng.integers(len(keep) + 1)), other[rng.integers(len(other))])
    names: dict[str, str] = {}
    body = [_fill(p, slots, names, rng) for p, slots in keep]
    title = body[0][:90].rsplit(" ", 1)[0] if len(body[0]) > 90 else body[0]
    day = int(rng.integers(0, 60))
    row = {
        "file": f"{i:06d}_gen.txt",
        "outlet": outlet_name((rng.zipf(ZIPF_OUTLETS) - 1) % N_OUTLETS + len(OUTLET_FORMS) * 70),
        "url": f"https://example.org/{i:06d}",
        "date": (FIRST_DAY + dt.timedelta(days=day)).isoformat(),
        "date_basis": "generated",
        "author": pseudo_name(rng.zipf(ZIPF_NAMES)) if rng.random() < 0.5 else "",
        "title": "Generated: " + title,
        "wire_source": WIRES[int(rng.integers(len(WIRES)))],
        "translated_from": "",
    }
    return "\n\n".join(body) + "\n", row


def write_corpus(n: int, out: Path, seed: int = SEED, seeds: list | None = None) -> Path:
    """Write n generated articles and metadata.csv into folder `out`; return the folder."""
    if n < 1:
        raise GenerateError(f"corpus size must be at least 1 article, got {n}.")
    seeds = seed_paragraphs() if seeds is None else seeds
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*_gen.txt"):
        old.unlink()
    rows = []
    for i in range(n):
        text, row = make_article(i, seeds, seed)
        (out / row["file"]).write_text(text, encoding="utf-8")
        rows.append(row)
    with (out / "metadata.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=METADATA_COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return out


def parse_size(name: str) -> int:
    """'1k' -> 1000, '10k' -> 10000, '250' -> 250; raise GenerateError otherwise."""
    if name in SIZES:
        return SIZES[name]
    if name.isdigit() and int(name) > 0:
        return int(name)
    raise GenerateError(f"unknown corpus size {name!r}: use one of {', '.join(SIZES)} or a number of articles.")


def main(argv: list[str] | None = None) -> None:
    """Command line: write the named corpora under benchmarks/corpora/."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("sizes", nargs="*", default=list(SIZES), help="1k, 10k, 100k or a number")
    parser.add_argument("--out", type=Path, default=CORPORA_DIR)
    args = parser.parse_args(argv)
    seeds = seed_paragraphs()
    for name in args.sizes:
        folder = write_corpus(parse_size(name), args.out / name, seeds=seeds)
        print(f"wrote {parse_size(name):,} articles to {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder.name}/")


if __name__ == "__main__":
    main()
