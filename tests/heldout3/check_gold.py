"""Check the held-out gold against the loaded corpus (run from the project root):
    .venv/bin/python tests/heldout3/check_gold.py
Every span_start must occur in its article's loaded text right after an opening quotation mark
and be a prefix of exactly one span; every evidence must occur exactly; every speaker in the
quote files must be listed in speakers.csv."""
import csv
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
import helpers  # noqa: E402

HERE = Path(__file__).resolve().parent
OPEN = "\"“«+'‘"

arts = helpers.load_corpus(HERE / "corpus")
texts = {a.split("_")[0]: t for a, t in zip(arts["article_id"], arts["text"])}
speakers = {r["speaker"] for r in csv.DictReader(open(HERE / "gold/speakers.csv", encoding="utf-8"))}
errors = 0
for r in csv.DictReader(open(HERE / "gold/direct_quotes.csv", encoding="utf-8")):
    t = texts[r["article"]]
    hits = [m.start() for m in re.finditer(re.escape(r["span_start"]), t)]
    opened = [i for i in hits if i > 0 and t[i - 1] in OPEN]
    if len(opened) != 1:
        errors += 1
        print(f"direct {r['article']} g{r['group']}: {r['span_start']!r} found {len(hits)}x, {len(opened)}x after a mark")
    if r["speaker"] not in speakers:
        errors += 1
        print(f"direct {r['article']}: speaker {r['speaker']!r} not in speakers.csv")
for r in csv.DictReader(open(HERE / "gold/indirect_quotes.csv", encoding="utf-8")):
    n = texts[r["article"]].count(r["evidence"])
    if n != 1:
        errors += 1
        print(f"indirect {r['article']}: {r['evidence']!r} found {n}x")
    if r["speaker"] and r["speaker"] not in speakers:
        errors += 1
        print(f"indirect {r['article']}: speaker {r['speaker']!r} not in speakers.csv")
print(f"{len(arts)} articles loaded; {errors} problem(s)")
sys.exit(1 if errors else 0)
