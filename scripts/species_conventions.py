#!/usr/bin/env python3
"""How often each Species corpus tags human words (patients, children, ...) as Species: the convention a Species
model trained on several corpora has to choose (docs/RESULTS.md, issue 14). Prints a markdown table of
tagged/occurrences per word, from the training file of each corpus.

Usage: python3 scripts/species_conventions.py [SHARED_DIR]   (default ../shared)"""
import glob, pathlib, sys

WORDS = ["patients", "patient", "children", "women", "human", "humans"]


def main():
    shared = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parent.parent / "../shared")
    files = {"linnaeus": shared / "datasets/linnaeus/train.tsv", "s800": shared / "datasets/s800/train.tsv"}
    for c in ["BioRED", "tmVar3", "Variome", "RegEl", "LocText"]:
        d = shared / "datasets-extra" / c
        files[c] = d / "train.tsv" if (d / "train.tsv").exists() else d / "all.tsv"
    print("| corpus (training file) | " + " | ".join(f'"{w}"' for w in WORDS) + " |")
    print("|---|" + "---:|" * len(WORDS))
    for c, f in files.items():
        cnt = {w: [0, 0] for w in WORDS}
        for line in open(f, encoding="utf-8"):
            p = line.rstrip("\n").split("\t")
            if len(p) < 2 or p[0].lower() not in cnt:
                continue
            cnt[p[0].lower()][1] += 1
            if p[1] in ("B", "I") or p[1].endswith("Species"):  # untyped benchmark tags are Species there
                cnt[p[0].lower()][0] += 1
        print(f"| {c} ({f.name}) | " + " | ".join(f"{a}/{b}" if b else "-" for a, b in (cnt[w] for w in WORDS)) + " |")


if __name__ == "__main__":
    main()
