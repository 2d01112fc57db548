#!/usr/bin/env bash
# session 28: taggers on the task-adapted LM pair of tapt-lm.sh against the shipped h512 pair, dev only (no test split
# read), same recipe, seed and stopping rule (lr < 0.01) as the baselines: NCBI-disease's
# docs/results/NCBI-disease/flair512+glove-seed1 (38 epochs) and BC5CDR-disease's docs/results/BC5CDR-disease/flair512+glove-s15
# (same seed; it ran on to lr 0.003, so its first epochs down to lr 0.01 are the comparison). The trainer is
# deterministic for a seed: epochs 1-2 of NCBI-disease rerun this session gave the seed-1 run's losses to the last digit.
# The LMs are those tapt-lm.sh leaves in work/tapt/. Run from the repository root; resumable; both runs side by side,
# one core each.
set -euo pipefail
W=work/tapt
for d in forward backward; do [ -f $W/lm-tapt-$d-h512.bnm ] || { echo "$0: no $W/lm-tapt-$d-h512.bnm: run tapt-lm.sh first" >&2; exit 2; }; done
SPEC=flair:$W/lm-tapt-forward-h512.bnm+flair:$W/lm-tapt-backward-h512.bnm+glove:models/glove-biomed-100d.bnm
for c in NCBI-disease BC5CDR-disease; do
  DEV_ONLY=1 scripts/experiment.sh $c flair512tapt+glove-s28 $SPEC --max-epochs 150 --min-lr 0.01 --seed 1 --threads 1 \
    > results/tapt-$c.log 2>&1 &
done
wait
