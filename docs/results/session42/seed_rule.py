#!/usr/bin/env python3
"""The seed rule of "Session 42" (docs/RESULTS.md), from the training logs: each run's best dev F1 among its epochs at
lr >= 0.01 (what `--min-lr 0.01` selects), each group's mean, the seeds' standard deviation pooled over both groups
(each about its own mean), the standard error of the difference of the means, and whether the candidate passes:
mean difference >= 2 SE and the candidate's lowest seed above the reference mean.

    python3 docs/results/session42/seed_rule.py CORPUS REF_RUN,REF_RUN,... CAND_RUN,CAND_RUN,...

A run is a folder of docs/results/CORPUS/, or of results/CORPUS/ where docs/results has none (a run still going on,
read as its best so far: the rule is decided only on finished runs). Runs are found as compare_curves.py finds them.
"""
import math
import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "scripts"))
from compare_curves import best_at_min_lr, curve  # noqa: E402


def best(corpus, run):
    try:
        sel, kept = best_at_min_lr(curve(corpus, run), 0.01)  # compare_curves' run-folder and selection rules
    except FileNotFoundError:
        sys.exit(f"seed_rule.py: no training.tsv for run {run} of {corpus} (docs/results/ or results/)")
    if sel is None:
        sys.exit(f"seed_rule.py: run {run} of {corpus}: no epoch at lr >= 0.01")
    return sel[1], kept


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: python3 docs/results/session42/seed_rule.py CORPUS REF_RUN,REF_RUN,... CAND_RUN,CAND_RUN,...")
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
