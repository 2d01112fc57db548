#!/usr/bin/env python3
"""What a higher stopping rate (`train --min-lr`) would have cost finished runs, read from their training logs.

A run that stops at --min-lr M trains exactly the epochs of the full run whose logged rate (the `lr` column,
the rate the epoch trained with) is >= M, in the same order and with the same weights (the trainer is
deterministic for a seed, and --min-lr is not part of its resume fingerprint), and selects the best dev epoch
among them. So, for each dev-selected run that ran to Flair's rule (stop below 1e-4), this prints the epochs and
seconds the run would have taken and the dev F1 of the epoch it would have selected, for each rate given.
Not for replays (they select nothing; --min-lr does not apply to them).

Usage: python3 scripts/schedule_cutoff.py RATE[,RATE...] docs/results/CORPUS/RUN/training.tsv ...
       e.g. python3 scripts/schedule_cutoff.py 0.025,0.01 docs/results/NCBI-disease/flair512+glove-s17/training.tsv
"""
import csv
import pathlib
import sys


def read_log(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    return [(int(r["epoch"]), float(r["dev_f1"]), float(r["lr"]), float(r["seconds"])) for r in rows]


def cutoff(log, min_lr):
    """(epochs, seconds, selected epoch, its dev F1) of the run stopped at min_lr: the first epochs with lr >= min_lr."""
    kept = []
    for row in log:
        if row[2] < min_lr:
            break
        kept.append(row)
    best = max(kept, key=lambda r: r[1])  # the first of equal maxima, as the trainer selects (improvement is strict)
    return len(kept), sum(r[3] for r in kept), best[0], best[1]


def main(argv):
    if len(argv) < 3:
        sys.exit(__doc__)
    rates = [float(r) for r in argv[1].split(",")]
    logs = []
    for name in argv[2:]:
        path = pathlib.Path(name)
        log = read_log(path)
        if log[-1][2] >= 2e-4 or cutoff(log, 1e-4)[0] != len(log):
            sys.exit(f"{path}: did not stop by Flair's rule (last lr {log[-1][2]:g}); not a run this table is for")
        logs.append((f"{path.parent.parent.name}/{path.parent.name}", log))
    head = "| run | Flair's rule (1e-4): epochs, selected (dev F1) |"
    for m in rates:
        head += f" --min-lr {m:g}: epochs (share of time), selected (dev F1, change) |"
    print(head)
    print("|---|---|" + "---|" * len(rates))
    for run, log in logs:
        n, secs, sel, f1 = cutoff(log, 1e-4)
        cells = [f"{n}, {sel} ({100 * f1:.2f})"]
        for m in rates:
            k, s, e, f = cutoff(log, m)
            cells.append(f"{k} ({100 * s / secs:.0f}%), {e} ({100 * f:.2f}, {100 * (f - f1):+.2f})")
        print(f"| {run} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main(sys.argv)
