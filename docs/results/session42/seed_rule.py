#!/usr/bin/env python3
"""The seed rule of "Session 42" (docs/RESULTS.md), from the training logs: each run's best dev F1 among its epochs at
lr >= 0.01 (what `--min-lr 0.01` selects), each group's mean, the seeds' standard deviation pooled over both groups
(each about its own mean), the standard error of the difference of the means, and whether the candidate passes:
mean difference >= 2 SE and the candidate's lowest seed above the reference mean.

    python3 docs/results/session42/seed_rule.py CORPUS REF_RUN,REF_RUN,... CAND_RUN,CAND_RUN,...

A run is a folder of docs/results/CORPUS/, or of results/CORPUS/ where docs/results has none (a run still going on).
"""
import csv
import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]


def best(corpus, run):
    path = ROOT / "docs" / "results" / corpus / run / "training.tsv"
    if not path.exists():
        path = ROOT / "results" / corpus / run / "training.tsv"
    if not path.exists():
        sys.exit(f"seed_rule.py: no training.tsv for run {run} of {corpus} (docs/results/ or results/)")
    with open(path, newline="") as f:
        rows = [r for r in csv.DictReader(f, delimiter="\t") if float(r["lr"]) >= 0.01]
    if not rows:
        sys.exit(f"seed_rule.py: {path.relative_to(ROOT)}: no epoch at lr >= 0.01")
    return max(100 * float(r["dev_f1"]) for r in rows), len(rows)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-3].strip())
    corpus, ref, cand = sys.argv[1], sys.argv[2].split(","), sys.argv[3].split(",")
    if len(ref) + len(cand) < 3:
        sys.exit("seed_rule.py: a pooled standard deviation needs at least three runs in all")
    groups = []
    for name, runs in (("reference", ref), ("candidate", cand)):
        scores = []
        for run in runs:
            f1, epochs = best(corpus, run)
            print(f"{name} {run}: best dev F1 {f1:.2f} ({epochs} epochs at lr >= 0.01)")
            scores.append(f1)
        groups.append(scores)
    (a, b) = groups
    ma, mb = sum(a) / len(a), sum(b) / len(b)
    ss = sum((x - ma) ** 2 for x in a) + sum((x - mb) ** 2 for x in b)
    sd = math.sqrt(ss / (len(a) + len(b) - 2))
    se = sd * math.sqrt(1 / len(a) + 1 / len(b))
    diff = mb - ma
    passes = diff >= 2 * se and min(b) > ma
    print(f"reference mean {ma:.2f}, candidate mean {mb:.2f}, difference {diff:+.2f}; pooled sd {sd:.2f}, "
          f"SE {se:.2f}, bar {2 * se:.2f}; candidate's lowest seed {min(b):.2f}: {'passes' if passes else 'fails'}")


if __name__ == "__main__":
    main()
