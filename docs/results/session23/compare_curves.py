#!/usr/bin/env python3
"""Session 23: dev F1 curves (training logs, network only) of the taggers with the continued backward LM (v2)
against the same recipe with the shipped backward h1024 LM, at equal epochs. Prints, per corpus: the best dev F1
and its epoch (of the epochs logged), the best within the epochs both runs logged, and the mean dev F1 over epochs 1-10, 1-20 and all epochs both runs logged.

    python3 docs/results/session23/compare_curves.py
"""
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[3]
PAIRS = [("NCBI-disease", "flair1024+glove-s19", "flair1024bv2+glove-s23"),
         ("BC5CDR-disease", "flair1024+glove-s23", "flair1024bv2+glove-s23")]


def curve(corpus, run):
    path = ROOT / "docs" / "results" / corpus / run / "training.tsv"
    with open(path, newline="") as f:
        return [(int(r["epoch"]), 100 * float(r["dev_f1"]), float(r["lr"])) for r in csv.DictReader(f, delimiter="\t")]


for corpus, old, new in PAIRS:
    a, b = curve(corpus, old), curve(corpus, new)
    n = min(len(a), len(b))
    print("%s: %s (%d epochs) vs %s (%d epochs)" % (corpus, old, len(a), new, len(b)))
    for name, c in ((old, a), (new, b)):
        best = max(c, key=lambda r: r[1])
        means = " / ".join("%.2f" % (sum(r[1] for r in c[:k]) / k) for k in (10, 20, n) if k <= len(c))
        first = max(c[:n], key=lambda r: r[1])
        print("  %-24s best %.2f (epoch %d of %d, lr %g); best of epochs 1-%d %.2f (epoch %d); "
              "mean dev F1 over epochs 1-10 / 1-20 / 1-%d: %s"
              % (name, best[1], best[0], len(c), best[2], n, first[1], first[0], n, means))
