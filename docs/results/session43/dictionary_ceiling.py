#!/usr/bin/env python3
"""Session 43: the most a mention dictionary built from other labeled corpora could add to a tagger of one benchmark.

For CORPUS's devel split (untyped B/I/O) and TYPE: how many gold mentions (lower-cased token strings) occur as a
mention in CORPUS's own train split (which its tagger already learns from), how many only as a TYPE mention in
../shared/datasets-extra (every file: the typed corpora a dictionary feature would add), and how many in neither;
then, for each source, how often its strings occur in the devel text (every n-gram of up to 8 tokens) and how many
of those occurrences are a gold mention exactly (what a dictionary match would be worth as a feature).
Devel only; no test split is read.

    python3 docs/results/session43/dictionary_ceiling.py BC2GM Gene
"""
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))
from convention_agreement import sentences  # noqa: E402  (tokens, TYPE mention spans); untyped B/I read as TYPE

DATA = ROOT.parent / "shared" / "datasets"
EXTRA = ROOT.parent / "shared" / "datasets-extra"
MAX_NGRAM = 8


def key(tokens, start, end):
    return " ".join(token.lower() for token in tokens[start:end])


def main(corpus, entity_type):
    own = {key(t, a, b) for t, spans in sentences(DATA / corpus / "train.tsv", entity_type) for a, b in spans}
    extra = {key(t, a, b) for f in sorted(EXTRA.glob("*/*.tsv")) if not f.name.startswith("dropped")
             for t, spans in sentences(f, entity_type) for a, b in spans}
    source = lambda k: "own" if k in own else "extra-only" if k in extra else None
    gold = Counter()
    found = Counter()
    for tokens, spans in sentences(DATA / corpus / "devel.tsv", entity_type):
        spans = set(spans)
        for a, b in spans:
            gold[source(key(tokens, a, b)) or "neither"] += 1
        for a in range(len(tokens)):
            for b in range(a + 1, min(len(tokens), a + MAX_NGRAM) + 1):
                src = source(key(tokens, a, b))
                if src:
                    found[src] += 1
                    found[src + " exact"] += (a, b) in spans
    total = sum(gold.values())
    print(f"{corpus} {entity_type}: own train strings {len(own)}, extra {entity_type} strings {len(extra)} "
          f"({len(extra - own)} not in own train)")
    print(f"  devel mentions {total}: in own train {gold['own']} ({100 * gold['own'] / total:.1f}%), only in extras "
          f"{gold['extra-only']} ({100 * gold['extra-only'] / total:.1f}%), neither {gold['neither']} "
          f"({100 * gold['neither'] / total:.1f}%)")
    for src in ("own", "extra-only"):
        hits = found[src]
        print(f"  {src} strings found in devel text: {hits} times, {found[src + ' exact']} of them a gold mention "
              f"exactly ({100 * found[src + ' exact'] / max(hits, 1):.1f}%)")


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: dictionary_ceiling.py CORPUS TYPE (e.g. BC2GM Gene)")
    main(sys.argv[1], sys.argv[2])
