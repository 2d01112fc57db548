#!/usr/bin/env python3
"""Dev F1 curves of training runs (training logs, network only) compared at equal epochs: for each pair, the best dev F1
and its epoch (of the epochs logged), the best within the epochs both runs logged, and the mean dev F1 over epochs
1-10, 1-20 and all epochs both runs logged. With --min-lr M, also each run's best among its epochs logged at a rate
of at least M: what the run stopped at --min-lr M selects (a run stopped there trains exactly those epochs, "Session
19" of docs/RESULTS.md), to compare a run stopped at M with one run to Flair's rule.

    python3 scripts/compare_curves.py [--min-lr M] CORPUS:RUN_A:RUN_B [...]

A run is a folder of docs/results/CORPUS/ (its training.tsv), or results/CORPUS/ where docs/results has none (a run
still going on).
"""
import argparse
import csv
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[1]


def curve(corpus, run):
    path = ROOT / "docs" / "results" / corpus / run / "training.tsv"
    if not path.exists():
        path = ROOT / "results" / corpus / run / "training.tsv"
    with open(path, newline="") as f:
        return [(int(r["epoch"]), 100 * float(r["dev_f1"]), float(r["lr"])) for r in csv.DictReader(f, delimiter="\t")]


def best_at_min_lr(c, min_lr):
    """What a run stopped at --min-lr selects from a curve: its best (epoch, dev F1, lr) among the epochs logged at a
    rate of at least min_lr (None if there is none), and how many such epochs there are."""
    kept = [r for r in c if r[2] >= min_lr]
    return (max(kept, key=lambda r: r[1]) if kept else None), len(kept)


def compare(corpus, old, new, min_lr=None):
    a, b = curve(corpus, old), curve(corpus, new)
    n = min(len(a), len(b))
    print("%s: %s (%d epochs) vs %s (%d epochs)" % (corpus, old, len(a), new, len(b)))
    for name, c in ((old, a), (new, b)):
        best = max(c, key=lambda r: r[1])
        means = " / ".join("%.2f" % (sum(r[1] for r in c[:k]) / k) for k in (10, 20, n) if k <= len(c))
        first = max(c[:n], key=lambda r: r[1])
        line = ("  %-24s best %.2f (epoch %d of %d, lr %g); best of epochs 1-%d %.2f (epoch %d); "
                "mean dev F1 over epochs 1-10 / 1-20 / 1-%d: %s"
                % (name, best[1], best[0], len(c), best[2], n, first[1], first[0], n, means))
        if min_lr is not None:
            sel, kept = best_at_min_lr(c, min_lr)
            if sel:
                line += "; best at lr >= %g: %.2f (epoch %d of %d)" % (min_lr, sel[1], sel[0], kept)
            else:
                line += "; no epoch at lr >= %g" % min_lr
        print(line)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--min-lr", type=float)
    p.add_argument("pairs", nargs="+", metavar="CORPUS:RUN_A:RUN_B")
    args = p.parse_args()
    for pair in args.pairs:
        corpus, old, new = pair.split(":")
        compare(corpus, old, new, args.min_lr)


if __name__ == "__main__":
    main()
