#!/usr/bin/env python3
"""Strings that one corpus annotates as one type and another corpus as another (e.g. "insulin": Chemical in
BC5CDR-chem, Gene in the gene corpora): the evidence for four heads against one CRF over all tags (docs/RESULTS.md,
issue 14). Counts mentions (lower-cased text) in every training file: benchmark train splits (untyped tags, read as
the corpus's type) and ../shared/datasets-extra train/all files (typed tags).

Usage: python3 scripts/type_ambiguity.py [SHARED_DIR]   (default ../shared)"""
import collections, pathlib, sys

BENCHMARKS = {"BC5CDR-chem": "Chemical", "BC2GM": "Gene", "NCBI-disease": "Disease", "BC5CDR-disease": "Disease",
              "linnaeus": "Species", "s800": "Species"}
TYPES = ["Chemical", "Disease", "Gene", "Species"]


def mentions(path, default):
    tokens, tags = [], []
    for line in list(open(path, encoding="utf-8")) + [""]:
        parts = line.rstrip("\n").split("\t")
        if len(parts) >= 2:
            tokens.append(parts[0])
            tags.append(parts[1])
            continue
        j = 0
        while j < len(tags):
            if tags[j].startswith("B"):
                k = j + 1
                while k < len(tags) and tags[k].startswith("I"):
                    k += 1
                yield (tags[j][2:] if "-" in tags[j] else default), " ".join(tokens[j:k]).lower()
                j = k
            else:
                j += 1
        tokens, tags = [], []


def main():
    shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "../shared")
    files = [(shared / "datasets" / c / "train.tsv", t) for c, t in BENCHMARKS.items()]
    for d in sorted((shared / "datasets-extra").iterdir()):
        for name in ("train.tsv", "all.tsv"):
            if (d / name).exists():
                files.append((d / name, None))
    by = collections.defaultdict(collections.Counter)
    for f, default in files:
        for t, s in mentions(f, default):
            by[t][s] += 1
    print("| types | strings with both | mentions (first / second type) | most frequent (first / second) |")
    print("|---|---:|---|---|")
    for i, a in enumerate(TYPES):
        for b in TYPES[i + 1:]:
            both = [s for s in by[a] if s in by[b]]
            top = sorted(both, key=lambda s: -(by[a][s] + by[b][s]))[:6]
            print(f"| {a} / {b} | {len(both)} | {sum(by[a][s] for s in both):,} / {sum(by[b][s] for s in both):,} | "
                  + ", ".join(f'"{s}" {by[a][s]}/{by[b][s]}' for s in top) + " |")


if __name__ == "__main__":
    main()
