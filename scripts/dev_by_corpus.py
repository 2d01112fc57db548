#!/usr/bin/env python3
"""Markdown table of a training run's dev F1 per corpus and epoch (its training-dev.tsv, written by `bioner train`
when the dev files come from several corpora), their mean (what `train --select-on corpus-mean` selects on), and the
union dev F1 and lr of its training.tsv.

    python3 scripts/dev_by_corpus.py RUN_DIR [FIRST_EPOCH]
"""
import csv
import sys
from pathlib import Path


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__.strip().splitlines()[-1].strip())
    run = Path(sys.argv[1])
    first = int(sys.argv[2]) if len(sys.argv) > 2 else 1
    for name in ("training.tsv", "training-dev.tsv"):
        if not (run / name).is_file():
            why = " (written only when the dev files come from several corpora)" if name == "training-dev.tsv" else ""
            sys.exit(f"dev_by_corpus.py: {run / name}: no such file{why}")
    with open(run / "training.tsv", newline="") as f:
        total = {int(r["epoch"]): r for r in csv.DictReader(f, delimiter="\t")}
    by = {}
    with open(run / "training-dev.tsv", newline="") as f:
        for r in csv.DictReader(f, delimiter="\t"):
            # F1 from the counts, not the rounded column: the mean is then the trainer's to the last digit
            tp, fp, fn = int(r["tp"]), int(r["fp"]), int(r["fn"])
            by.setdefault(r["corpus"], {})[int(r["epoch"])] = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
    epochs = sorted(e for e in total if e >= first and any(e in v for v in by.values()))
    corpora = sorted(by)
    print("| epoch | " + " | ".join(corpora) + " | corpus mean | union dev | lr |")
    print("|---:|" + "---:|" * (len(corpora) + 3))
    for e in epochs:
        cells = [f"{100 * by[c][e]:.2f}" if e in by[c] else "" for c in corpora]
        mine = [by[c][e] for c in corpora if e in by[c]]
        mean = f"{100 * sum(mine) / len(mine):.2f}" if len(mine) == len(corpora) else ""
        print(f"| {e} | " + " | ".join(cells) + f" | {mean} | {100 * float(total[e]['dev_f1']):.2f} | {float(total[e]['lr']):g} |")


if __name__ == "__main__":
    main()
